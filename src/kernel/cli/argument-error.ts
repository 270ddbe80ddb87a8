/**
 * A command-line parsing error (node:util parseArgs) as a person should read it. Node's advice about positionals
 * ("To specify a positional argument starting with a '-', place it at the end…") fits only a value that starts with a
 * dash; for a typo (`--formt`, `--job`) it is noise, and the option meant is the useful hint.
 */
import { closestName } from '../diagnostics/closest-name';

/** The error's message without Node's positional advice, with "did you mean --x?" for an unknown option near one of `options`. */
export function argumentErrorText(error: unknown, options: Readonly<Record<string, unknown>>): string {
  // Duck-typed: parseArgs's errors may come from another realm (a test VM), where `instanceof Error` is false.
  const raw = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  const message = raw.replace(/\. To specify a positional argument.*$/s, '');
  const unknown = /^Unknown option '--([^']+)'$/.exec(message)?.[1];
  const meant = unknown === undefined ? undefined : closestName(unknown, Object.keys(options));
  return meant === undefined ? message : `${message}: did you mean --${meant}?`;
}
