/**
 * The one length budget for every intrinsic that builds a string (`Fn::Join`, `Fn::Sub`, `Fn::Base64`,
 * `Fn::ToJsonString`, the `${Identifier}` substitution of `Fn::ForEach`). Lengths are added up before anything
 * is built: a string past the budget is a located RES_TOO_LARGE, never V8's "Invalid string length" crash (a
 * string longer than about 2^29 characters cannot exist at all, and 600 copies of a 1 MB parameter reach it).
 */
import { issueAt, type Where } from './issues';

/** The longest string an intrinsic may build (the service's own template and property limits are lower). */
export const MAX_STRING_LENGTH = 1_048_576;

/** Throws the size issue when a string of `length` characters would not fit the budget. */
export function reserveLength(length: number, where: Where, fn: string, atLeast = false): void {
  if (length > MAX_STRING_LENGTH) {
    throw issueAt(where, 'RES_TOO_LARGE', `${fn} builds a string of ${atLeast ? 'at least ' : ''}${length} characters, more than ${MAX_STRING_LENGTH}`);
  }
}

/** `parts.join(separator)`, refused before it is built when the result would not fit the budget. */
export function joinWithin(parts: readonly string[], separator: string, where: Where, fn: string): string {
  let length = parts.length > 1 ? separator.length * (parts.length - 1) : 0;
  for (const part of parts) length += part.length;
  reserveLength(length, where, fn);
  return parts.join(separator);
}

/** Every occurrence of `pattern` in `text` replaced by `replacement`, within the budget. */
export function replaceWithin(text: string, pattern: string, replacement: string, where: Where, fn: string): string {
  if (!text.includes(pattern)) return text;
  return joinWithin(text.split(pattern), replacement, where, fn);
}

/** `JSON.stringify(value)`, refused before it is built when the text would not fit the budget. */
export function stringifyWithin(value: unknown, where: Where, fn: string): string {
  reserveLength(jsonLength(value, MAX_STRING_LENGTH), where, fn, true);
  return JSON.stringify(value);
}

/**
 * The length of `JSON.stringify(value)` for JSON data, counted without building it; the count stops soon after
 * passing `limit` (then it is only known to be more than `limit`).
 */
function jsonLength(root: unknown, limit: number): number {
  let length = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && length <= limit) {
    const value = stack.pop();
    if (typeof value === 'string') {
      length += quotedLength(value);
    } else if (Array.isArray(value)) {
      length += 2 + Math.max(0, value.length - 1);
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      length += 2 + Math.max(0, keys.length - 1) + keys.length;
      for (const key of keys) {
        length += quotedLength(key);
        stack.push((value as Record<string, unknown>)[key]);
      }
    } else {
      length += String(value).length;
    }
  }
  return length;
}

/** Length of a string as a JSON literal: its quotes and its escapes. */
function quotedLength(text: string): number {
  let length = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) length += 1;
    else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff && !pairedSurrogate(text, i))) length += 5;
  }
  return length;
}

/** True when the surrogate at `i` is half of a well-formed pair (JSON.stringify escapes lone halves). */
function pairedSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  const previous = text.charCodeAt(i - 1);
  return previous >= 0xd800 && previous <= 0xdbff;
}
