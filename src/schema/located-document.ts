/**
 * Reads a JSON document for validation. A syntax error ends validation; a duplicate key does not:
 * the value is what cfn's Python json.load would see (the last one wins), and the duplicate is one more finding.
 * Neither do `NaN`, `Infinity` and `-Infinity`, which are not JSON but which Python's json.load (and so cfn) reads
 * as numbers: the value carries them, and their first occurrence is one more finding.
 */
import { lazyLocator, parseJson, positionAt, SourceSyntaxError, stripBom, yamlLibrary, YAML_LOG_LEVEL, type SourcePosition } from '../kernel/source';

export type LocatedDocument =
  | {
      readonly kind: 'parsed';
      readonly value: unknown;
      readonly locate: (pointer: string) => SourcePosition;
      readonly duplicate?: DuplicateKey;
      /** Where the first NaN / Infinity / -Infinity literal is written, and which one. */
      readonly pythonNumber?: { readonly literal: string; readonly position: SourcePosition };
    }
  | { readonly kind: 'unreadable'; readonly error: SourceSyntaxError };

/** The first key written twice: where (the second copy), what the reader said, and the key's JSON pointer. */
export interface DuplicateKey extends SourcePosition {
  readonly reason: string;
  readonly pointer: string;
}

function duplicateKey(error: SourceSyntaxError): DuplicateKey {
  return { line: error.line, column: error.column, reason: error.reason, pointer: error.pointer ?? '' };
}

/**
 * [choice] How deep a schema or configuration may nest: cfn reads it with Python's json.load, whose decoder stops
 * near the interpreter's recursion limit (1,000). 512, as the simulator's Cloud Control documents, is far past any
 * real schema; deeper is refused, located (SRC_TOO_DEEP). Within the cap, cfn's validator overflows far earlier on
 * nested property schemas (HS120, src/schema/nesting-depth.ts), and so can ajv's meta-schema validator (~566
 * nested `items`): validate-schema.ts turns that overflow into HS120 too. The cap is not lowered for it, because
 * the frames per level depend on the keyword and a cap low enough for `items` would refuse documents cfn reads.
 */
export const MAX_DOCUMENT_DEPTH = 1000;

/** Parses `text`; never throws for bad input. */
export function readJsonDocument(text: string, file: string): LocatedDocument {
  try {
    const parsed = parseJson(text, file, { maxDepth: MAX_DOCUMENT_DEPTH });
    return { kind: 'parsed', value: parsed.value, locate: parsed.locate };
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    if (error.code === 'SRC_JSON_SYNTAX') return readWithPythonNumbers(text, file) ?? { kind: 'unreadable', error: withYamlHint(error, text) };
    if (error.code !== 'SRC_DUPLICATE_KEY') return { kind: 'unreadable', error };
    const body = stripBom(text);
    return { kind: 'parsed', value: JSON.parse(body) as unknown, locate: lazyLocator(body), duplicate: duplicateKey(error) };
  }
}

/**
 * A JSON syntax error, with a hint when the whole text reads as a block YAML mapping: cfn (Python's json.load) and
 * the service take hook schemas and configurations as JSON only, and a YAML file is then the likeliest reason.
 */
function withYamlHint(error: SourceSyntaxError, text: string): SourceSyntaxError {
  const body = stripBom(text);
  // Text that opens like JSON is broken JSON (a trailing comma reads as a YAML flow mapping too): no hint.
  if (/^\s*[[{]/.test(body)) return error;
  let value: unknown;
  try {
    value = yamlLibrary().parse(body, { uniqueKeys: false, maxAliasCount: 0, logLevel: YAML_LOG_LEVEL });
  } catch {
    return error;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return error;
  const reason = `${error.reason}; it reads as YAML, and cfn and the service read it as JSON only: convert it to JSON`;
  return new SourceSyntaxError(error.file, error.line, error.column, reason, error.code);
}

/** Stands for NaN while the text goes through JSON.parse: a one-character string, so every offset stays where it was. */
const NAN_STAND_IN = '\ue000';

/**
 * Python's json.load reads `NaN`, `Infinity` and `-Infinity` where a value may stand. Each is replaced by a JSON
 * token of the same length (`1e999999` is Infinity to JSON.parse as to Python; NaN becomes a one-character private-use
 * string, turned back afterwards), so that positions and the locator stay exact. Undefined when that does not make
 * the text JSON, or when the text already uses the stand-in character.
 */
function readWithPythonNumbers(text: string, file: string): LocatedDocument | undefined {
  const body = stripBom(text);
  if (body.includes(NAN_STAND_IN)) return undefined;
  let first: { literal: string; offset: number } | undefined;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '"') {
      // Copy a string literal whole, escapes included.
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
      out += body.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const literal = ['-Infinity', 'Infinity', 'NaN'].find((l) => body.startsWith(l, i));
    if (literal) {
      first ??= { literal, offset: i };
      out += literal === 'NaN' ? `"${NAN_STAND_IN}"` : literal === 'Infinity' ? '1e999999' : '-1e999999';
      i += literal.length;
      continue;
    }
    out += c;
    i++;
  }
  if (!first) return undefined;
  const pythonNumber = { literal: first.literal, position: positionAt(body, first.offset) };
  try {
    const parsed = parseJson(out, file, { maxDepth: MAX_DOCUMENT_DEPTH });
    return { kind: 'parsed', value: restoreNaN(parsed.value), locate: parsed.locate, pythonNumber };
  } catch (error) {
    if (!(error instanceof SourceSyntaxError) || error.code !== 'SRC_DUPLICATE_KEY') return undefined;
    return { kind: 'parsed', value: restoreNaN(JSON.parse(out)), locate: lazyLocator(out), duplicate: duplicateKey(error), pythonNumber };
  }
}

/** Turns the stand-ins back into NaN; iterative, so that no nesting depth can overflow the stack. */
function restoreNaN(root: unknown): unknown {
  if (root === NAN_STAND_IN) return NaN;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (record[key] === NAN_STAND_IN) record[key] = NaN;
      else stack.push(record[key]);
    }
  }
  return root;
}
