/**
 * How the shipping commands report: diagnostics as `file:line:col CODE message`, errors as one located line
 * with the exit code their kind calls for.
 */
import { EXIT_BUG, EXIT_CHECK_FAILED, EXIT_USAGE, type CliIo } from '../../kernel/cli';
import { formatDiagnostic, isInputError, sortDiagnostics, type Diagnostic } from '../../kernel/diagnostics';
import { AwsOperationError } from '../../kernel/aws';
import { DeploymentError, DocumentRejectedError, ProjectError, ShipError } from '../errors';

export type OutputFormat = 'text' | 'json';

/** Writes diagnostics, sorted, one per line, to stderr. */
export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics(diagnostics)) io.stderr(`${formatDiagnostic(d)}\n`);
}

/** Reports an error and returns the exit code for it: 2 input or setup, 1 refused or failed, 3 a bug. */
export function reportError(io: CliIo, error: unknown, format: OutputFormat): number {
  const code = exitCodeFor(error);
  if (format === 'json') io.stdout(`${JSON.stringify({ ok: false, error: errorData(error) }, null, 2)}\n`);
  if (error instanceof DocumentRejectedError) {
    printDiagnostics(io, error.diagnostics);
    io.stderr(`error: ${error.message}\n`);
  } else if (error instanceof ProjectError) {
    io.stderr(`${projectErrorLine(error)}\n`);
  } else if (error instanceof ShipError || error instanceof AwsOperationError) {
    io.stderr(`error: ${error.message}\n`);
  } else if (isInputError(error)) {
    printDiagnostics(io, error.diagnostics);
  } else {
    io.stderr(`internal error (this is a bug, please report it): ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return code;
}

/**
 * `file:line:col CODE message`, or `CODE message` when no file is involved; a usage error is `ship: message`, as
 * simulate and validate word theirs.
 */
function projectErrorLine(error: ProjectError): string {
  if (!error.file && error.code === 'USAGE') return `ship: ${error.message}`;
  const where = error.line > 0 ? `${error.file}:${error.line}:${error.column}` : error.file;
  return `${where ? `${where} ` : ''}${error.code} ${error.message}`;
}

function exitCodeFor(error: unknown): number {
  if (error instanceof ProjectError || isInputError(error)) return EXIT_USAGE;
  if (error instanceof AwsOperationError) return error.isSetupProblem ? EXIT_USAGE : EXIT_CHECK_FAILED;
  if (error instanceof DocumentRejectedError || error instanceof DeploymentError) return EXIT_CHECK_FAILED;
  if (error instanceof ShipError) return EXIT_CHECK_FAILED;
  return EXIT_BUG;
}

function errorData(error: unknown): Record<string, unknown> {
  if (error instanceof DocumentRejectedError) return { code: error.code, message: error.message, file: error.file, diagnostics: sortDiagnostics(error.diagnostics) };
  if (error instanceof ProjectError) return { code: error.code, message: error.message, file: error.file, line: error.line, column: error.column };
  if (error instanceof AwsOperationError) return { code: error.code, api: error.api, awsCode: error.awsCode, message: error.awsMessage, advice: error.advice };
  if (error instanceof DeploymentError) return { code: error.code, message: error.message, ...error.details };
  if (error instanceof ShipError) return { code: error.code, message: error.message };
  if (isInputError(error)) return { code: error.diagnostics[0]?.code ?? 'INPUT_ERROR', message: error.message, diagnostics: sortDiagnostics(error.diagnostics) };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
