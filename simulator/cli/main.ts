/**
 * `simulate`: main(argv, io) → exit code. 0 the operation would complete, 1 a hook would block it,
 * 2 usage or input error (a located message), 3 internal error (a bug).
 */
import { isAbsolute, relative, sep } from 'node:path';
import { EXIT_BUG, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from '../../src/kernel/cli';
import { formatDiagnostic, InputError, sortDiagnostics, type Diagnostic } from '../../src/kernel/diagnostics';
import { isDeployedStateError, runLifecycle, TemplateError } from './collaborators';
import { parseSimulateArgs, UsageError, USAGE } from './options';
import { renderJson, renderText, renderWarnings } from './render';
import { runSimulation } from './run-simulation';
import { ValueFileError } from './value-files';

/** Runs the simulate command; never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'amplify' || argv[0] === 'beanstalk') return runLifecycle(argv, io);
  try {
    const options = parseSimulateArgs(argv);
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
    return report.result.stack.outcome === 'SUCCEEDED' ? EXIT_OK : EXIT_CHECK_FAILED;
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function reportFailure(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof UsageError) {
    io.stderr(`simulate: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const diagnostics = diagnosticsOf(error);
  if (diagnostics) {
    for (const d of sortDiagnostics(diagnostics.map((x) => asTyped(x, workingDirectory(io))))) io.stderr(`${formatDiagnostic(d)}\n`);
    return EXIT_USAGE;
  }
  if (await isDeployedStateError(error).catch(() => false)) {
    io.stderr(`simulate: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr(`simulate: internal error (this is a bug, please report it): ${detail}\n`);
  if (io.env.DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_BUG;
}

/** The located diagnostics of an input error, whichever module raised it. */
function diagnosticsOf(error: unknown): readonly Diagnostic[] | undefined {
  if (error instanceof InputError) return error.diagnostics;
  if (error instanceof TemplateError || error instanceof ValueFileError) return error.diagnostics;
  // The account module is loaded lazily; its error is recognised by name to avoid loading it here.
  if (error instanceof Error && error.name === 'AccountFileError' && 'diagnostics' in error) return (error as { diagnostics: readonly Diagnostic[] }).diagnostics;
  return undefined;
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
