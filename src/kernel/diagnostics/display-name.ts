/**
 * Names that come from the user's disk (a hook file called `01\n[ERROR] fake.sh`, a key with an escape sequence)
 * must not be able to forge a line of our output or repaint the terminal. This is the one escaping step every tool
 * applies where it prints such a name: a name made of printable characters is shown as it is, anything else is
 * shown quoted, with each unprintable character escaped as in a JSON string.
 */

// C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates, the BOM, lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** True when `name` can be printed as it is: no control, separator, bidi or lone-surrogate characters. */
export function isPrintableName(name: string): boolean {
  return !UNPRINTABLE.test(name);
}

/** `name` as it is when printable, else in double quotes with every unprintable character escaped (`"01\n.sh"`). */
export function displayName(name: string): string {
  if (isPrintableName(name)) return name;
  return `"${escapeUnprintable(name.replace(/[\\"]/g, (c) => `\\${c}`))}"`;
}

/** Free text (a message that quotes the user's data) with every unprintable character escaped, so it stays one line. */
export function escapeUnprintable(text: string): string {
  return isPrintableName(text) ? text : text.replace(UNPRINTABLE_ALL, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
