/**
 * `simulate`: main(argv, io) → exit code. 0 the operation would complete, 1 a hook would block it,
 * 2 usage or input error (a located message), 3 internal error (a bug).
 */
import { isAbsolute, relative, sep } from 'node:path';
import { EXIT_BUG, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from '../../src/kernel/cli';
import { InputError, sortDiagnostics, type Diagnostic } from '../../src/kernel/diagnostics';
import type { StackOutcome } from '../cloudformation/invoke';
import { runLifecycle } from './collaborators';
import { npmTookOptions, optionsTakenByNpm, parseSimulateArgs, UsageError, USAGE } from './options';
import { renderDiagnostics, renderJson, renderText, renderWarnings } from './render';
import { runSimulation } from './run-simulation';

/** A rejected request is input the service refuses (exit 2, as for a template it would refuse), not a hook's verdict. */
const EXIT_FOR_OUTCOME: Readonly<Record<StackOutcome, number>> = { SUCCEEDED: EXIT_OK, FAILED: EXIT_CHECK_FAILED, REJECTED: EXIT_USAGE };

/** Runs the simulate command; never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'amplify' || argv[0] === 'beanstalk') return runLifecycle(argv, io);
  try {
    const taken = optionsTakenByNpm(io.env);
    if (taken.length > 0) throw npmTookOptions(taken);
    const options = parseSimulateArgs(argv, { underNpm: io.env.npm_lifecycle_event !== undefined });
    if (options.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const report = await runSimulation(options, workingDirectory(io), options.handlerLogs ? (line) => io.stderr(`handler: ${line}\n`) : undefined);
    const warnings = report.warnings.map((d) => asTyped(d, workingDirectory(io)));
    if (options.format === 'json') io.stdout(renderJson(report.result, warnings));
    else {
      io.stderr(renderWarnings(warnings));
      io.stdout(renderText(report.result, report.stack));
    }
    return EXIT_FOR_OUTCOME[report.result.stack.outcome];
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`simulate: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  // Every module's input error (template, parameters, account, value files, deployed state, a file read) is an
  // InputError, even one whose module was loaded lazily: one branch, no names compared.
  if (error instanceof InputError) {
    io.stderr(renderDiagnostics(sortDiagnostics(error.diagnostics.map((x) => asTyped(x, workingDirectory(io))))));
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr(`simulate: internal error (this is a bug, please report it): ${detail}\n`);
  if (io.env.DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_BUG;
}

/** Shows a file under the working directory as the user typed it (relative), so output is the same on every machine. */
function asTyped(d: Diagnostic, cwd: string): Diagnostic {
  if (!d.file || !isAbsolute(d.file) || !d.file.startsWith(cwd + sep)) return d;
  return { ...d, file: relative(cwd, d.file) };
}

/** `npm run simulate -- x.yml` runs in the package root; npm leaves the user's own directory in INIT_CWD. */
function workingDirectory(io: CliIo): string {
  return io.env.INIT_CWD ?? io.cwd;
}
