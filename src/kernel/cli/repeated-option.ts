/**
 * The one rule for a single-valued option given twice (`--format text --format json`): it is refused, by every command
 * the same way. node:util parseArgs keeps the last silently, so a script that appends an option would override the
 * user's without a word. Repeatable options (`--parameter`) are declared `multiple`.
 */

/** What parseArgs (`tokens: true`) says of each word: only option tokens with a value are looked at. */
export interface OptionToken {
  readonly kind: string;
  readonly name?: string;
  readonly value?: string | undefined;
}

/**
 * Throws the command's own usage error (built by `usageError`) for the first single-valued option of `options` given
 * twice, naming both values: `--format is given more than once ("text", "json"): give it once`.
 */
export function refuseRepeatedValues(
  tokens: readonly OptionToken[],
  options: Readonly<Record<string, { readonly type: string; readonly multiple?: boolean }>>,
  usageError: (message: string) => Error,
): void {
  const seen = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || token.value === undefined) continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (option?.multiple) continue;
    const values = seen.get(token.name) ?? [];
    values.push(token.value);
    seen.set(token.name, values);
    if (values.length === 2) throw usageError(`--${token.name} is given more than once (${values.map((v) => `"${v}"`).join(', ')}): give it once`);
  }
}
