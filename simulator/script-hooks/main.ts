/**
 * `simulate amplify …` and `simulate beanstalk …`: the entry point the simulator's CLI delegates to.
 * Exit codes: 0 the hooks would let the operation go on, 1 the real system would stop, 2 usage or input error.
 */
import { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, formatAsked, usageErrorText, type CliIo } from '../../src/kernel/cli';
import { formatDiagnostic, InputError } from '../../src/kernel/diagnostics';
import { errorsJson } from '../../src/kernel/report';
import { AMPLIFY_USAGE, runAmplifyCommand } from './amplify/cli';
import { BEANSTALK_USAGE, runBeanstalkCommand } from './beanstalk/cli';
import { LifecycleUsageError } from './errors';
import { reportJson, verdictLine, type LifecycleReport } from './report';

const USAGE = `Usage: simulate amplify <command line> [options] [-- <amplify options>]
       simulate beanstalk <deploy|config|launch|restart> [options]

Run \`simulate amplify --help\` or \`simulate beanstalk --help\` for the options;
\`simulate --version\` prints the package name and version.
`;

/** Runs one lifecycle simulation; argv[0] is `amplify` or `beanstalk`. Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [system, ...rest] = argv;
  // Arguments after `--` belong to the simulated command, not to us.
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  const help = own.includes('--help') || own.includes('-h');
  try {
    let result: { report: LifecycleReport; format: 'text' | 'json' };
    if (system === 'amplify') {
      if (help) return usage(io, AMPLIFY_USAGE, EXIT_OK);
      result = await runAmplifyCommand(rest, io);
    } else if (system === 'beanstalk') {
      if (help) return usage(io, BEANSTALK_USAGE, EXIT_OK);
      result = await runBeanstalkCommand(rest, io);
    } else if (system === undefined || system === '--help' || system === '-h') {
      return usage(io, USAGE, system === undefined ? EXIT_USAGE : EXIT_OK);
    } else {
      io.stderr(usageErrorText('simulate', `unknown system "${system}": expected amplify or beanstalk`, io.env));
      return EXIT_USAGE;
    }
    const { report, format } = result;
    if (format === 'json') io.stdout(reportJson(report));
    else {
      for (const d of report.diagnostics) io.stdout(`${formatDiagnostic(d)}\n`);
      io.stdout(verdictLine(report));
    }
    return report.operation.outcome === 'SUCCEEDED' ? EXIT_OK : EXIT_CHECK_FAILED;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // Given nothing but the system's name, the user asked for nothing: the system's usage is the answer.
    if (error instanceof LifecycleUsageError && own.length === 0) return usage(io, system === 'amplify' ? AMPLIFY_USAGE : BEANSTALK_USAGE, EXIT_USAGE);
    if (error instanceof LifecycleUsageError) io.stderr(usageErrorText(`simulate ${system ?? ''}`.trim(), error.message, io.env));
    // Ours, or the kernel's (a file that cannot be read within its bound): `file:line:col CODE message`, as every
    // command prints an input error; one with no place in a file is `CODE message`.
    else for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    // Asked for JSON: why, as a document (`{"errors": […]}`), not an empty stdout.
    if (formatAsked(own, ['json']) !== undefined) io.stdout(errorsJson(error.diagnostics));
    return EXIT_USAGE;
  }
}

function usage(io: CliIo, text: string, code: number): number {
  (code === EXIT_OK ? io.stdout : io.stderr)(text);
  return code;
}
