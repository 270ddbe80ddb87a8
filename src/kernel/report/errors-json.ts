/**
 * The JSON document of a run that could not judge its input: `{"errors": [diagnostic, …]}`, what every command that
 * writes JSON prints instead of its report when it could not make one (a command line that does not parse, a file
 * that cannot be read, a template the service would refuse). Never an empty file for a step that reads stdout.
 */
import type { Diagnostic } from '../diagnostics';

export function errorsJson(errors: readonly Diagnostic[]): string {
  return `${JSON.stringify({ errors }, null, 2)}\n`;
}
