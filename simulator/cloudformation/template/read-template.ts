/**
 * Reading a template file: bytes to text, text to data, data checked for the service's format errors.
 * The happy path is one fast parse (JSON.parse or js-yaml) and one copying walk; positions are computed
 * only when something must be reported, by the `yaml` document model.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import { load as loadYaml, YAMLException, type LoadOptions } from 'js-yaml';
import { positionAt, lazyLocator, offsetBeyondJsonDepth, parseJson, readFailureReason, SourceSyntaxError } from '../../../src/kernel/source';
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { decodeTemplateText } from './decode';
import { effectiveLimits, READER_GUARDS, type TemplateLimits } from './limits';
import { CLOUDFORMATION_JS_YAML_SCHEMA } from './short-form-tags';
import { templateDiagnostic, type TemplateCode, type TemplateIssue } from './template-diagnostic';
import { toTemplateData } from './template-data';
import { checkTemplateShape } from './template-shape';
import { TemplateError, type TemplateSource } from './types';
import { parseYamlPrecisely } from './yaml-precise';

/** How to read: which quotas apply (`false`: none, for benchmarks beyond the service's limits). */
export interface ReadOptions {
  limits?: Partial<TemplateLimits> | false;
}

/** Reads a template from its text or bytes; throws TemplateError with located diagnostics. */
export function readTemplate(file: string, content: string | Uint8Array, options: ReadOptions = {}): TemplateSource {
  const limits = effectiveLimits(options.limits);
  const decoded = decodeTemplateText(content, limits?.s3Bytes);
  if ('issue' in decoded) throw new TemplateError([templateDiagnostic(file, decoded.issue, decoded.issue.position ?? { line: 1, column: 1 })]);
  const text = decoded.text;
  const locate = lazyLocator(text);
  const fail = (issues: readonly TemplateIssue[]): never => {
    throw new TemplateError(issues.map((issue) => templateDiagnostic(file, issue, positionOf(text, issue, locate))));
  };

  if (text.trim() === '') fail([emptyIssue('the file is empty')]);
  const format = isJsonText(text) ? 'json' : 'yaml';
  const parsed = format === 'json' ? parseJsonTemplate(text, file) : parseYamlTemplate(text);
  if ('issues' in parsed) return fail(parsed.issues);
  if (parsed.value === null || parsed.value === undefined) fail([emptyIssue('the file holds no YAML document, only comments')]);

  const bounds = { maxDepth: READER_GUARDS.maxDepth, maxNodes: Math.max(READER_GUARDS.minNodeBudget, text.length) };
  // Without an anchor there can be no alias, so no shared value to size: skip the bookkeeping.
  const data = toTemplateData(parsed.value, bounds, parsed.shared && MAY_HAVE_ANCHOR.test(text));
  if (data.issues.length > 0) {
    // A key js-yaml flattened to "[object Object]" slipped past the pattern: the precise path locates it.
    if (format === 'yaml' && data.issues.some((i) => i.code === 'TPL_NON_SCALAR_KEY')) {
      const located = precise(text);
      if ('issues' in located) fail(located.issues);
    }
    const deep = data.issues.find((i) => i.code === 'TPL_TOO_DEEP');
    // The pointer of a 200-level nesting would make the locator walk it; for JSON a bracket scan is exact.
    if (deep && format === 'json') fail([{ ...deep, position: positionAt(text, offsetBeyondJsonDepth(text, READER_GUARDS.maxDepth) ?? 0) }]);
    fail(data.issues);
  }
  const body = data.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail([
      {
        code: 'TPL_NOT_A_MAPPING',
        pointer: '',
        message: `Template format error: unsupported structure. (a template is a mapping of sections such as Resources; this file holds ${Array.isArray(body) ? 'a list' : `the ${typeof body} ${abbreviate(JSON.stringify(body))}`})`,
      },
    ]);
  }
  const shapeIssues = checkTemplateShape(body as JsonObject, limits);
  if (shapeIssues.length > 0) fail(shapeIssues);
  return { file, format, body: body as JsonObject, locate, text };
}

/** Reads a template file from disk; an unreadable file is a TemplateError too, never an exception with a stack. */
export function readTemplateFile(path: string, options: ReadOptions = {}): TemplateSource {
  return readTemplateFrom(path, path, options);
}

/** The name standard input is shown as, in diagnostics and as the default stack name's source. */
export const STDIN_NAME = '<stdin>';

/** Reads a template from standard input (`simulate -`), with the same bound and the same JSON/YAML detection. */
export function readTemplateStdin(options: ReadOptions = {}): TemplateSource {
  return readTemplateFrom(STDIN_FD, STDIN_NAME, options);
}

const STDIN_FD = 0;

function readTemplateFrom(source: string | number, file: string, options: ReadOptions): TemplateSource {
  const quota = effectiveLimits(options.limits)?.s3Bytes;
  const bound = quota ?? UNLIMITED_READ_BYTES;
  let read: BoundedTemplateBytes;
  try {
    read = readBounded(source, bound);
  } catch (error) {
    const reason = error instanceof NotAFileError ? error.message : readFailureReason(error, file);
    throw new TemplateError([{ code: 'TPL_UNREADABLE', severity: 'error', message: `cannot read the template: ${reason}`, file, path: '', line: 0, column: 0 }]);
  }
  if (read.cut) throw new TemplateError([tooLarge(file, read, quota, bound)]);
  return readTemplate(file, read.bytes, options);
}

/** With the service's quotas off, still a bound: a device or an endless pipe must end in an error, not a hang. */
const UNLIMITED_READ_BYTES = 32 * 1024 * 1024;

/** What was read: at most `bound` bytes; `cut` when the source holds more (`size` is its size, when known). */
interface BoundedTemplateBytes {
  readonly bytes: Buffer;
  readonly cut: boolean;
  readonly size?: number;
}

class NotAFileError extends Error {}

/**
 * Reads at most `bound` bytes, plus one to tell "at the bound" from "past it". A regular file's size is known, so
 * a larger one is reported exactly, from only its first bytes (a 10 GB file is never loaded); anything else (a pipe,
 * `/dev/zero`, standard input) is read in chunks and cut.
 */
function readBounded(source: string | number, bound: number): BoundedTemplateBytes {
  const fd = typeof source === 'number' ? source : openSync(source, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new NotAFileError('it is a directory, not a file');
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= bound) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, bound + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    const bytes = Buffer.concat(chunks, total);
    if (total <= bound) return { bytes, cut: false };
    return { bytes, cut: true, ...(stat.isFile() ? { size: stat.size } : {}) };
  } finally {
    if (typeof source !== 'number') closeSync(fd);
  }
}

/** The size quota's refusal for a source cut at the bound, located at the byte where the quota is crossed. */
function tooLarge(file: string, read: BoundedTemplateBytes, quota: number | undefined, bound: number): Diagnostic {
  const size = read.size !== undefined ? `${read.size} bytes` : `more than ${bound} bytes`;
  // Decoded leniently: only the position is wanted, and the cut may fall inside a character.
  const prefix = read.bytes.subarray(0, bound).toString('utf8');
  const at = positionAt(prefix, prefix.length);
  const message =
    quota !== undefined
      ? `Template may not exceed ${quota} bytes in size. (this template is ${size}; split it into nested stacks, or simulate it anyway with --no-limits)`
      : `the template is ${size}; even with --no-limits the simulator reads at most ${bound} bytes`;
  return { code: 'TPL_TOO_LARGE', severity: 'error', message, file, path: '', line: at.line, column: at.column };
}

/** The service's rule: a body whose first non-blank character is `{` is JSON, anything else YAML. */
export function isJsonText(text: string): boolean {
  return /^\s*\{/.test(text);
}

const MAY_HAVE_ANCHOR = /(?:^|[\s[{,])&[^\s,[\]{}]/m;

type Parsed = { readonly value: unknown; readonly shared: boolean } | { readonly issues: readonly TemplateIssue[] };

function emptyIssue(why: string): TemplateIssue {
  return {
    code: 'TPL_EMPTY',
    pointer: '',
    message: `${why}; a template is a mapping with at least a Resources section`,
    position: { line: 1, column: 1 },
  };
}

function parseJsonTemplate(text: string, file: string): Parsed {
  try {
    return { value: parseJson(text, file).value, shared: false };
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    const position = { line: error.line, column: error.column };
    if (error.code === 'SRC_DUPLICATE_KEY') {
      // JSON is YAML: the precise YAML path finds the same duplicate and knows its pointer.
      const precise = parseYamlPrecisely(text, READER_GUARDS.maxDepth);
      const duplicate = precise.issues.find((i) => i.code === 'TPL_DUPLICATE_KEY');
      return { issues: [duplicate ?? { code: 'TPL_DUPLICATE_KEY', pointer: '', message: error.reason, position }] };
    }
    return {
      issues: [
        {
          code: 'TPL_JSON_SYNTAX',
          pointer: '',
          message: `Template format error: JSON not well-formed. (line ${error.line}, column ${error.column}) ${error.reason}`,
          position,
        },
      ],
    };
  }
}

/*
 * Constructs js-yaml accepts but silently flattens, so the precise path must read them: a `? ` explicit
 * key, a flow collection or an alias used as a key. Rare in templates; a false alarm only costs time.
 */
const NEEDS_PRECISE_YAML = new RegExp(
  [
    /(?:^|[\s[{,])\?(?:\s|$)/.source, // `? key`
    /(?:\]|(?<!\$\{[\w.:-]*)\})[ \t]*:(?:\s|$)/.source, // `[a, b]: value`, but not `${Name}: value` (Fn::ForEach)
    /\*[^\s,[\]{}]+[ \t]+:(?:\s|$)/.source, // `*alias : value`
    /^[ \t]*(?:- )?![^\s]+[ \t]+[^\s#]*:(?:\s|$)/.source, // `!Tag key: value`
    /[{,][ \t]*:(?:\s|$)/.source, // `{: value}`, an empty key in a flow mapping
    /["'\]}]#/.source, // a comment glued to a quote or bracket, which YAML forbids and js-yaml allows
    /^ *\t/.source, // a tab in indentation, which js-yaml tolerates in places YAML does not
    // A tag ending its line, then a number, boolean, null or another tag: js-yaml resolves the scalar first.
    /![^\s]+[ \t]*(?:#[^\n]*)?\n\s*(?:!|[-+]?\.?[0-9]|(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~)(?:[\s,\]}]|$))/.source,
    /&[^\s,[\]{}]+[ \t]+[^\n#]*:(?:\s|$)/.source, // `&anchor key: value` on one line
    /&[^\s,[\]{}]+[ \t]*\n[ \t]*\*/.source, // an anchor ending its line, an alias on the next
    /^---[ \t]+[^\s#]/.source, // content on the `---` line
  ].join('|'),
  'm',
);

/** js-yaml 4.3 bounds nesting itself (`maxDepth`); its published types predate the option. */
const JS_YAML_OPTIONS: LoadOptions & { maxDepth: number } = { schema: CLOUDFORMATION_JS_YAML_SCHEMA, maxDepth: READER_GUARDS.maxDepth };

/** True when YAML text may hold a construct js-yaml would flatten, so only the precise path may read it. */
export function needsPreciseYaml(text: string): boolean {
  return NEEDS_PRECISE_YAML.test(text);
}

/**
 * One YAML parser alone, for tests that hold the two to the same verdict: the data, or the codes of
 * the issues that refuse it (parse errors and the walk's findings alike).
 */
export function parseYamlWith(parser: 'js-yaml' | 'yaml', text: string): { value: JsonValue } | { codes: TemplateCode[] } {
  let raw: Parsed;
  if (parser === 'yaml') {
    raw = precise(text);
  } else {
    try {
      raw = { value: loadYaml(text, JS_YAML_OPTIONS), shared: true };
    } catch (error) {
      raw = { issues: [error instanceof YAMLException ? jsYamlIssue(error) : internalIssue(error)] };
    }
  }
  if ('issues' in raw) return { codes: raw.issues.map((i) => i.code) };
  const data = toTemplateData(raw.value, { maxDepth: READER_GUARDS.maxDepth, maxNodes: Math.max(READER_GUARDS.minNodeBudget, text.length) }, true);
  return data.issues.length > 0 ? { codes: data.issues.map((i) => i.code) } : { value: data.value };
}

function parseYamlTemplate(text: string): Parsed {
  if (needsPreciseYaml(text)) return precise(text);
  try {
    return { value: loadYaml(text, JS_YAML_OPTIONS), shared: true };
  } catch (error) {
    const fastIssue = error instanceof YAMLException ? jsYamlIssue(error) : internalIssue(error);
    // Past the depth bound the precise parser could recurse too deep itself: js-yaml's position will do.
    if (fastIssue.code === 'TPL_TOO_DEEP') return { issues: [fastIssue] };
    const result = precise(text);
    return 'issues' in result ? result : { issues: [fastIssue] };
  }
}

function precise(text: string): Parsed {
  const result = parseYamlPrecisely(text, READER_GUARDS.maxDepth);
  return 'value' in result ? { value: result.value, shared: true } : { issues: result.issues };
}

/** js-yaml failing other than with a YAMLException is its bug or ours; still a located refusal, never a crash. */
function internalIssue(error: unknown): TemplateIssue {
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'TPL_YAML_SYNTAX', pointer: '', message: `the YAML could not be read (${reason})`, position: { line: 1, column: 1 } };
}

const JS_YAML_CODES: ReadonlyArray<[RegExp, TemplateCode]> = [
  [/duplicated mapping key/, 'TPL_DUPLICATE_KEY'],
  [/tab characters/, 'TPL_TAB_INDENT'],
  [/unknown tag/, 'TPL_UNKNOWN_TAG'],
  [/maxDepth/, 'TPL_TOO_DEEP'],
  [/single document/, 'TPL_MULTIPLE_DOCUMENTS'],
];

function jsYamlIssue(error: YAMLException): TemplateIssue {
  const reason = error.reason ?? error.message;
  const code = JS_YAML_CODES.find(([pattern]) => pattern.test(reason))?.[1] ?? 'TPL_YAML_SYNTAX';
  const position = { line: (error.mark?.line ?? 0) + 1, column: (error.mark?.column ?? 0) + 1 };
  const message =
    code === 'TPL_TOO_DEEP'
      ? `the template nests more than ${READER_GUARDS.maxDepth} levels deep; no CloudFormation template needs that, so it is refused`
      : `Template format error: YAML not well-formed. (line ${position.line}, column ${position.column}) ${reason}`;
  return { code, pointer: '', message, position };
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Where an issue is: its own position, else its pointer located (on the key when it is about a key). */
function positionOf(text: string, issue: TemplateIssue, locate: (pointer: string) => { line: number; column: number }) {
  if (issue.position) return issue.position;
  let valueAt: { line: number; column: number };
  try {
    valueAt = locate(issue.pointer);
  } catch {
    // Locating re-parses the text; if even that fails, the diagnostic still names the file and pointer.
    return { line: 1, column: 1 };
  }
  if (!issue.atKey || issue.pointer === '' || valueAt.line === 0) return valueAt;
  const key = issue.pointer.slice(issue.pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  return keyPositionBefore(text, valueAt, key) ?? valueAt;
}

/** The key is written just before its value: find its last occurrence before the value's position. */
function keyPositionBefore(text: string, valueAt: { line: number; column: number }, key: string): { line: number; column: number } | undefined {
  let offset = 0;
  for (let line = 1; line < valueAt.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return undefined;
    offset = next + 1;
  }
  offset += valueAt.column - 1;
  let at = text.lastIndexOf(key, offset);
  if (at === -1) return undefined;
  if (at > 0 && (text[at - 1] === '"' || text[at - 1] === "'")) at -= 1;
  return positionAt(text, at);
}
