/** `simulate amplify <amplify command line> [options] [-- <amplify options>]`. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { VERSION_HELP, type CliIo } from '../../../src/kernel/cli';
import { LifecycleUsageError } from '../errors';
import { parseFormat, parseTimeout, usageErrorFrom } from '../cli-options';
import type { LifecycleReport } from '../report';
import { runAmplifyHooks } from './run';

export const AMPLIFY_USAGE = `Usage: simulate amplify <command line> [options] [-- <amplify options>]

Runs <project>/amplify/hooks/ as the Amplify CLI would around \`amplify <command line>\` (e.g. push api,
geo add, env checkout dev), read as the CLI reads it; the command itself is not run. Amplify's own options
(--envName dev, --yes) go after --.

Options:
  --project <dir>        the Amplify project root (default: the current directory)
  --fail-command         simulate the command failing: post hooks receive {"error": {message, stack}}
  --hosting              run as an Amplify Hosting build would (only pre-push and post-push)
  --forcePush            as \`amplify <command> --forcePush\`: only the push hooks run
  --timeout <seconds>    kill a hook that runs longer (the Amplify CLI has no timeout; default none)
  --amplify-version <v>  the version reported to hooks in data.amplify.version
  --env-name <env>       the Amplify environment (data.amplify.environment.envName); stands in for
                         amplify/.config/local-env-info.json, which a fresh clone does not have
  --dry-run              list the hooks that would run, their runtime and stdin, and what would stop the CLI
                         before a hook starts, but start none (real hooks deploy, call APIs, install packages)
  --format text|json     text (default) mirrors the CLI's console; json is the whole report
  --version              ${VERSION_HELP} (before --: after it,
                         the Amplify CLI's own)
`;

const OPTIONS = {
  project: { type: 'string' },
  'fail-command': { type: 'boolean' },
  hosting: { type: 'boolean' },
  forcePush: { type: 'boolean' },
  timeout: { type: 'string' },
  'amplify-version': { type: 'string' },
  'env-name': { type: 'string' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string' },
} as const;
/** Parses the amplify subcommand's arguments and runs the simulation. */
export async function runAmplifyCommand(argv: readonly string[], io: CliIo): Promise<{ report: LifecycleReport; format: 'text' | 'json' }> {
  const dashDash = argv.indexOf('--');
  const own = dashDash === -1 ? [...argv] : argv.slice(0, dashDash);
  const extra = dashDash === -1 ? [] : argv.slice(dashDash + 1);
  let parsed;
  try {
    parsed = parseArgs({
      args: own,
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    const usage = usageErrorFrom(error, OPTIONS);
    const option = /^Unknown option '(-[^']*)'/.exec(usage.message)?.[1];
    // An option of Amplify's own, pasted with its command line, is most likely; say where it goes.
    if (option !== undefined && !usage.message.includes('did you mean')) throw new LifecycleUsageError(`${usage.message}; if it is an option of the Amplify CLI, give it after --: \`simulate amplify ${[...positionalsOf(own), '--', option].join(' ')} …\``);
    throw usage;
  }
  const { values, positionals } = parsed;
  if (positionals.length < 1) throw new LifecycleUsageError('expected an Amplify command line, e.g. `simulate amplify push api`');
  const format = parseFormat(values.format);
  const envName = values['env-name'];
  // The Amplify CLI's own rule for environment names.
  if (envName !== undefined && !/^[a-z]{2,10}$/.test(envName)) throw new LifecycleUsageError(`--env-name must be 2 to 10 lowercase letters, as Amplify environment names are, not "${envName}"`);
  const report = await runAmplifyHooks({
    projectRoot: resolve(io.cwd, values.project ?? '.'),
    words: [...positionals, ...extra, ...(values.forcePush && !extra.includes('--forcePush') ? ['--forcePush'] : [])],
    forcePush: values.forcePush,
    hosting: values.hosting,
    failCommand: values['fail-command'],
    timeoutSeconds: parseTimeout(values.timeout),
    amplifyVersion: values['amplify-version'],
    envName,
    dryRun: values['dry-run'],
    env: io.env,
    write: format === 'text' ? (text) => io.stdout(text) : undefined,
  });
  return { report, format };
}

/** The words of `args` that are neither options nor the values of the simulator's own options (for a message). */
function positionalsOf(args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (!word.startsWith('-')) words.push(word);
    else if (!word.includes('=') && OPTIONS[word.slice(2) as keyof typeof OPTIONS]?.type === 'string') i += 1;
  }
  return words;
}
