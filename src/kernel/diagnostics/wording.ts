/**
 * How a finding's message names things, the same in every tool: a JSON pointer as a reader writes it, a value
 * quoted, a JSON type in words (the "did you mean" hint is closest-name.ts).
 */
import { escapePointerToken, fromPointer } from './diagnostic';

/** A JSON pointer as a reader writes it: `typeConfiguration.properties.Foo`, `handlers.preCreate.targetNames[0]`. */
export function readablePath(pointer: string): string {
  const tokens = fromPointer(pointer);
  if (tokens.length === 0) return '(top level)';
  let text = '';
  for (const token of tokens) {
    if (/^\d+$/.test(token)) text += `[${token}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(token)) text += text ? `.${token}` : token;
    else text += `[${JSON.stringify(token)}]`;
  }
  return text;
}

/**
 * readablePath for a pointer that may be very deep (a schema nested 125 levels, a message of kilobytes): past
 * `maxSteps` steps, its first and last `maxSteps / 2`, an ellipsis, and how many steps it has in all. The finding's
 * pointer, printed beside the message, still has every step.
 */
export function shortReadablePath(pointer: string, maxSteps = 12): string {
  const tokens = fromPointer(pointer);
  if (tokens.length <= maxSteps) return readablePath(pointer);
  const part = (from: string[]): string => readablePath(`/${from.map((token) => escapePointerToken(token)).join('/')}`);
  const kept = Math.max(1, Math.floor(maxSteps / 2));
  return `${part(tokens.slice(0, kept))} … ${part(tokens.slice(-kept))} (${tokens.length} steps deep)`;
}

/** A value shown in a message: strings quoted, long values cut. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The JSON type name of a value, as a message would say it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

/**
 * The two copies an ajv `uniqueItems` error names, in list order. Ajv's `{i, j}` has i above j for items of no
 * single type, but i below j for items of a scalar type (its fast path): a message that read them as given named
 * the pair backwards, and pointed at the first copy instead of the later one.
 */
export function duplicateItems(params: Readonly<Record<string, unknown>>): { readonly first: number; readonly second: number } {
  const [i, j] = [Number(params.i), Number(params.j)];
  return { first: Math.min(i, j), second: Math.max(i, j) };
}

/**
 * A failed system call in words: `ENOSPC (no space left on device)`, the code a user can search for and what it
 * means, without Node's syscall suffix or the path it was given (often a temporary the user never named).
 */
export function systemErrorText(error: unknown): string {
  const { code, errno } = (error ?? {}) as NodeJS.ErrnoException;
  // Required here, not imported: only a failing run needs it, not every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const known = typeof errno === 'number' ? (require('node:util') as typeof import('node:util')).getSystemErrorMap().get(errno) : undefined;
  if (known !== undefined) return `${known[0]} (${known[1]})`;
  return code ?? (error instanceof Error ? error.message : String(error));
}
