/**
 * JSON documents with located errors: the value comes from JSON.parse (the fastest path); syntax errors and
 * duplicate keys, which JSON.parse would silently collapse, get a line and column.
 */
import { toPointer } from '../diagnostics/diagnostic';
import { lazyLocator, positionAt, type LocateAt, type SourcePosition } from './position';

/** The codes of the source reader: a closed list, so a typo in a comparison is a compile error. */
export type SourceCode = 'SRC_SYNTAX' | 'SRC_JSON_SYNTAX' | 'SRC_DUPLICATE_KEY' | 'SRC_TOO_DEEP';

/** A document that cannot be parsed; carries the position of the fault. */
export class SourceSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
    readonly code: SourceCode = 'SRC_SYNTAX',
    /** For SRC_DUPLICATE_KEY, the JSON pointer of the key written twice. */
    readonly pointer?: string,
  ) {
    super(`${file}:${line}:${column} ${reason}`);
    this.name = 'SourceSyntaxError';
  }
}

/** A parsed document and a way back from a JSON pointer to where it is written. */
export interface ParsedDocument {
  readonly value: unknown;
  /** 1-based position of the value at `pointer`, or of its nearest ancestor that is written in the file. */
  locate(pointer: string, at?: LocateAt): SourcePosition;
}

/** Strips a leading byte-order mark: editors on Windows write one, and the service accepts it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What parseJson may refuse besides bad syntax. */
export interface JsonReadOptions {
  /**
   * Nesting deeper than this is a SourceSyntaxError (`SRC_TOO_DEEP`) at the bracket that goes too deep. A document read
   * to be handed on (serialised, cloned to a worker) needs a bound: V8 parses any depth, but JSON.stringify and
   * structuredClone recurse and overflow the stack near 10,000 levels.
   */
  readonly maxDepth?: number;
}

/** The nesting bound for documents the tools read and hand on (hook inputs, configurations): far above any real one. */
export const DEFAULT_MAX_JSON_DEPTH = 512;

/**
 * What a reader says of a document nested past its bound (`SRC_TOO_DEEP`), located at the collection that goes too
 * deep: one wording for JSON and YAML alike. `subject` names what the document is (`the desired state`).
 */
export function nestedTooDeeplyReason(maxDepth: number, subject = 'the document'): string {
  return `${subject} nests more than ${maxDepth} levels deep here; no real document needs that, so it is refused`;
}

/**
 * Parses JSON text. Syntax errors, duplicate keys (which JSON.parse would silently collapse) and, when asked,
 * nesting beyond `maxDepth` become a SourceSyntaxError with line and column.
 */
export function parseJson(text: string, file: string, options: JsonReadOptions = {}): ParsedDocument {
  const body = stripBom(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // V8's messages give a position for most faults but not all ("Unexpected token '}'"), so the position and the
    // expectation come from our own scanner, which only runs once the document is known to be broken.
    const fault = findJsonSyntaxError(body) ?? { offset: body.length, expected: error instanceof Error ? error.message : String(error) };
    const pos = positionAt(body, fault.offset);
    throw new SourceSyntaxError(file, pos.line, pos.column, `invalid JSON: ${fault.expected}`, 'SRC_JSON_SYNTAX');
  }
  if (options.maxDepth !== undefined) {
    const tooDeep = offsetBeyondJsonDepth(body, options.maxDepth);
    if (tooDeep !== undefined) {
      const pos = positionAt(body, tooDeep);
      throw new SourceSyntaxError(file, pos.line, pos.column, nestedTooDeeplyReason(options.maxDepth), 'SRC_TOO_DEEP');
    }
  }
  const duplicate = findDuplicateJsonKey(body);
  if (duplicate) {
    const pos = positionAt(body, duplicate.offset);
    throw new SourceSyntaxError(file, pos.line, pos.column, `duplicate key "${duplicate.key}"`, 'SRC_DUPLICATE_KEY', duplicate.pointer);
  }
  return { value, locate: lazyLocator(body) };
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Characters that print as nothing or as a plain space: separators (a no-break space), format and control characters, unassigned and private-use code points. */
const INVISIBLE = /^[\p{Z}\p{C}]$/u;

/**
 * The character at `i`, quoted, for a syntax error: one that does not show (a no-break space or zero-width space
 * pasted from a web page) is written as its escape, `"\u00a0"`, so that the message says what is there.
 */
function foundCharacter(text: string, i: number): string {
  const character = String.fromCodePoint(text.codePointAt(i) as number);
  const quoted = JSON.stringify(character);
  // A space shows; a control character is already escaped by JSON.stringify (`"\f"`, `"\u000b"`).
  if (character === ' ' || !INVISIBLE.test(character) || quoted.includes('\\')) return quoted;
  return `"${character
    .split('')
    .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}"`;
}

/**
 * Finds the first syntax error in JSON text: its offset and what was expected there. Iterative (an explicit
 * stack), so deeply nested input cannot overflow the call stack. Returns undefined for valid JSON.
 */
export function findJsonSyntaxError(text: string): { offset: number; expected: string } | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const fail = (expected: string) => ({ offset: i, expected: i >= text.length ? `${expected}, found the end of the file` : `${expected}, found ${foundCharacter(text, i)}` });
  // Each frame: the container kind and what comes next inside it.
  const stack: Array<{ kind: 'object' | 'array'; state: 'first' | 'key' | 'colon' | 'value' | 'comma' }> = [];
  const scanValue = (): { offset: number; expected: string } | 'container' | undefined => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      stack.push({ kind: 'object', state: 'first' });
      return 'container';
    }
    if (c === '[') {
      i++;
      stack.push({ kind: 'array', state: 'first' });
      return 'container';
    }
    if (c === '"') return scanString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 400));
    if (literal && literal[0].length > 0) {
      i += literal[0].length;
      return undefined;
    }
    return fail('expected a value (a string, number, object, array, true, false or null)');
  };
  const scanString = (): { offset: number; expected: string } | undefined => {
    i++;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return undefined;
      }
      if (code < 0x20) return fail('a control character must be escaped inside a string');
      if (code === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('expected four hex digits after \\u');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) return fail('expected a valid escape sequence');
        i += 2;
        continue;
      }
      i++;
    }
    return fail('expected a closing quote');
  };
  let first = scanValue();
  if (first && first !== 'container') return first;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    skip();
    const c = text[i];
    if (frame.state === 'first' || frame.state === 'comma') {
      const closer = frame.kind === 'object' ? '}' : ']';
      if (frame.state === 'first' && c === closer) {
        i++;
        stack.pop();
        continue;
      }
      if (frame.kind === 'object') {
        if (c !== '"') return fail(frame.state === 'first' ? 'expected a double-quoted property name or "}"' : 'expected a double-quoted property name (no trailing comma)');
        const bad = scanString();
        if (bad) return bad;
        frame.state = 'colon';
        continue;
      }
      frame.state = 'value';
      first = scanValue();
      if (first && first !== 'container') return first;
      continue;
    }
    if (frame.state === 'colon') {
      if (c !== ':') return fail("expected ':' after the property name");
      i++;
      frame.state = 'value';
      first = scanValue();
      if (first && first !== 'container') return first;
      continue;
    }
    // After a value: a comma or the closer.
    const closer = frame.kind === 'object' ? '}' : ']';
    if (c === ',') {
      i++;
      frame.state = 'comma';
      continue;
    }
    if (c === closer) {
      i++;
      stack.pop();
      continue;
    }
    return fail(`expected ',' or '${closer}'`);
  }
  skip();
  if (i < text.length) return fail('expected the end of the document');
  return undefined;
}

/**
 * Finds the first key written twice in one JSON object, with the JSON pointer of that key. A single linear scan over
 * valid JSON (only called after JSON.parse succeeded), so it need not handle malformed input.
 */
export function findDuplicateJsonKey(text: string): { key: string; offset: number; pointer: string } | undefined {
  // One frame per open collection: an object's keys so far and the key being read, or an array's current index.
  const stack: Array<{ keys: Set<string>; key: string } | { index: number }> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      stack.push({ keys: new Set(), key: '' });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ index: 0 });
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top && 'index' in top) top.index += 1;
      expectKey = top !== undefined && 'keys' in top;
    } else if (c === 0x22 /* " */) {
      const start = i;
      i = endOfJsonString(text, i);
      const top = stack[stack.length - 1];
      if (expectKey && top && 'keys' in top) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        top.key = key;
        if (top.keys.has(key)) return { key, offset: start, pointer: pointerOf(stack) };
        top.keys.add(key);
        expectKey = false;
      }
    }
  }
  return undefined;
}

function pointerOf(stack: ReadonlyArray<{ key: string } | { index: number }>): string {
  return toPointer(stack.map((frame) => ('key' in frame ? frame.key : frame.index)));
}

/** The offset of the quote that closes the JSON string whose opening quote is at `start` (escapes skipped), or the text's length. */
export function endOfJsonString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text.charCodeAt(i) !== 0x22 /* " */) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
  return i;
}

/** Offset of the bracket that opens nesting level `depth + 1` in JSON text (strings skipped); undefined when none does. */
export function offsetBeyondJsonDepth(text: string, depth: number): number | undefined {
  let level = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = endOfJsonString(text, i);
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      level += 1;
      if (level > depth) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      level -= 1;
    }
  }
  return undefined;
}
