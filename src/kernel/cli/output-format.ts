/**
 * The one registry of output formats. Every command takes `--format` from this list, checks it the same way and
 * says the same thing when it is wrong; a command lists only the formats it can write.
 */

/** Every output format a command can print, and what it is for. */
export const OUTPUT_FORMATS = {
  text: 'for people: tables and located `file:line:col CODE message` lines',
  json: 'for machines: one JSON document on stdout',
  sarif: 'SARIF 2.1.0, for code-scanning upload',
  junit: 'JUnit XML, for CI test reports',
} as const;

/** A format name from the registry. */
export type OutputFormat = keyof typeof OUTPUT_FORMATS;

/**
 * Checks `--format` against the formats a command supports (the first is the default when the flag is absent).
 * A wrong value becomes the command's own usage error, built by `usageError`, with one wording everywhere.
 */
export function parseOutputFormat<F extends OutputFormat>(value: unknown, supported: readonly [F, ...F[]], usageError: (message: string) => Error): F {
  if (value === undefined) return supported[0];
  if ((supported as readonly unknown[]).includes(value)) return value as F;
  throw usageError(`--format must be ${spell(supported)}, got ${JSON.stringify(value)}`);
}

function spell(names: readonly string[]): string {
  return names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * The machine format a command line asks for (`--format X`, `--format=X`, or a short `-f X`), read without parsing
 * the command line: when it does not parse, or names a file that cannot be read, the report must still be a document
 * of that format, not an empty file a CI upload step would reject instead of showing why. Undefined for text, for
 * a format the command does not write, and for `--format` given more than once.
 */
export function formatAsked<F extends Exclude<OutputFormat, 'text'>>(argv: readonly string[], machineFormats: readonly F[], short?: string): F | undefined {
  const asked: Array<string | undefined> = [];
  argv.forEach((arg, i) => {
    if (arg === '--format' || (short !== undefined && arg === short)) asked.push(argv[i + 1]);
    else if (arg.startsWith('--format=')) asked.push(arg.slice('--format='.length));
  });
  // Named twice (`--format text --format json`), it asks for no one format.
  const [only] = asked;
  return asked.length === 1 && (machineFormats as readonly (string | undefined)[]).includes(only) ? (only as F) : undefined;
}
