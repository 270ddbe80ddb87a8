/**
 * A command-line parsing error (node:util parseArgs) as a person should read it. Node's advice about positionals
 * ("To specify a positional argument starting with a '-', place it at the end…") fits only a value that starts with a
 * dash; for a typo (`--formt`, `--job`) it is noise, and the option meant is the useful hint.
 */
import { closestName } from '../diagnostics/closest-name';
import { VERSION_OPTION } from './version';

/** The error's message without Node's positional advice, with "did you mean --x?" for an unknown option near one of `options`. */
export function argumentErrorText(error: unknown, options: Readonly<Record<string, unknown>>): string {
  // Duck-typed: parseArgs's errors may come from another realm (a test VM), where `instanceof Error` is false.
  const raw = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  // A value that starts with a dash (`--jobs -1`): Node's three lines ask whether the value was forgotten; the
  // likelier case is a negative number, and the one fix is the `=` form, which the command then judges.
  const ambiguous = /^Option '(-[^' ]+)[^']*' argument is ambiguous\./.exec(raw)?.[1];
  if (ambiguous !== undefined) return `${ambiguous} takes a value, and the word after it starts with '-', so it is read as an option; if it is the value, write ${ambiguous}=<value>`;
  const message = raw.replace(/\. To specify a positional argument.*$/s, '');
  const unknown = /^Unknown option '--([^']+)'$/.exec(message)?.[1];
  // Only `--version=x` reaches parseArgs (runCommand answers a bare --version first): say it as parseArgs says it of
  // its own boolean options, not "did you mean --version?".
  if (unknown === VERSION_OPTION) return `Option '--${VERSION_OPTION}' does not take an argument`;
  // Every command takes --version besides its own options (runCommand answers it before they are parsed).
  const meant = unknown === undefined ? undefined : closestName(unknown, [...Object.keys(options), VERSION_OPTION]);
  return meant === undefined ? message : `${message}: did you mean --${meant}?`;
}
