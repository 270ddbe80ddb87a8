/**
 * `ship <command>`: the entry point behind `npm run generate`, `npm run package`, `npm run submit` and `npm run configure`.
 */
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../../kernel/cli';
import { closestName } from '../../kernel/diagnostics';
import { USAGE } from './command-options';
import { configureCommand } from './configure-command';
import { generateCommand } from './generate-command';
import { packageCommand } from './package-command';
import { submitCommand } from './submit-command';

const COMMANDS: Readonly<Record<string, (argv: string[], io: CliIo) => Promise<number>>> = {
  generate: generateCommand,
  package: packageCommand,
  submit: (argv, io) => submitCommand(argv, io),
  configure: configureCommand,
};

/** Dispatches to a subcommand; returns the process exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io[command === undefined ? 'stderr' : 'stdout'](USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    const meant = closestName(command, Object.keys(COMMANDS));
    io.stderr(`ship: unknown command "${command}"${meant === undefined ? '' : `: did you mean ${meant}?`} (expected one of: ${Object.keys(COMMANDS).sort().join(', ')})\n${USAGE}`);
    return EXIT_USAGE;
  }
  return run(rest, io);
}
