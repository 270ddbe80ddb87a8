/**
 * Reading a template file: bytes to text, text to data, data checked for the service's format errors.
 * The happy path is one fast parse (JSON.parse, or js-yaml behind `parseYaml`) and one copying walk; positions
 * are computed only when something must be reported, by the `yaml` document model.
 */
import { endOfJsonString, FileReadError, lazyLocator, offsetBeyondJsonDepth, parseJson, positionAt, readBoundedBytes, SourceSyntaxError, stripBom, type LocateAt, type OpenSource } from '../../../src/kernel/source';
import type { JsonValue } from '../../../src/kernel/protocol';
import { decodeTemplateText, tooLargeIssue, withCharsReplaced } from './decode';
import { effectiveLimits, READER_GUARDS, type TemplateLimits } from './limits';
import { parseYaml } from './parse-yaml';
import { jsonWithServiceFloats } from './service-scalars';
import { templateDiagnostic, type TemplateIssue } from './template-diagnostic';
import { toTemplateData } from './template-data';
import { checkTemplateShape } from './template-shape';
import { TemplateError, type TemplateSource } from './types';
import { parseYamlPrecisely } from './yaml-precise';

/** How to read: which quotas apply (`false`: none, as the CLI's --no-limits; the reader's own guards stay). */
export interface ReadOptions {
  limits?: Partial<TemplateLimits> | false;
  /** What the file is, in a refusal to read it ("the hooks file"); default "the template". */
  what?: string;
}

/**
 * How this file reads a document: a template, or (`snippet`) what an `AWS::Include` inserts, any YAML or JSON value
 * read with the same parsers and bounds and none of a template's shape checks. Not part of ReadOptions: only
 * readSnippetFile asks for a snippet, and it hands the body on as the JsonValue it is.
 */
interface DocumentRead extends ReadOptions {
  readonly snippet?: boolean;
}

/** Reads a template from its text or bytes; throws TemplateError with located diagnostics. */
export function readTemplate(file: string, content: string | Uint8Array, options: ReadOptions = {}): TemplateSource {
  return readDocument(file, content, options);
}

function readDocument(file: string, content: string | Uint8Array, options: DocumentRead): TemplateSource {
  const limits = effectiveLimits(options.limits);
  const decoded = decodeTemplateText(content, limits?.s3Bytes);
  if ('issue' in decoded) throw new TemplateError([templateDiagnostic(file, decoded.issue, decoded.issue.position ?? { line: 1, column: 1 })]);
  const text = decoded.text;
  const locate = lazyLocator(text);
  const fail = (issues: readonly TemplateIssue[]): never => {
    throw new TemplateError(issues.map((issue) => templateDiagnostic(file, issue, positionOf(issue, locate))));
  };

  if (text.trim() === '') fail([emptyIssue('the file is empty')]);
  const format = isJsonText(text) ? 'json' : 'yaml';
  const parsed = format === 'json' ? parseJsonTemplate(text, file) : parseYaml(text);
  if ('issues' in parsed) return fail(parsed.issues);
  const body = parsed.value;
  if (body === null) return fail([emptyIssue('the file holds no YAML document, only comments')]);
  if (options.snippet) return { file, format, body: body as TemplateSource['body'], locate, text, limits: limits ?? false };
  if (typeof body !== 'object' || Array.isArray(body)) {
    return fail([
      {
        code: 'TPL_NOT_A_MAPPING',
        pointer: '',
        // The value is described, never quoted: a nested stack's TemplateURL may name any local file (a `.env`), and
        // its text would land in a CI log.
        message: `Template format error: unsupported structure. (a template is a mapping of sections such as Resources; this file holds ${describeTopLevel(body)})`,
      },
    ]);
  }
  const shapeIssues = checkTemplateShape(body, limits);
  if (shapeIssues.length > 0) fail(shapeIssues);
  const warnings = ('warnings' in parsed ? (parsed.warnings ?? []) : []).map((issue) => ({ ...templateDiagnostic(file, issue, positionOf(issue, locate)), severity: 'warning' as const }));
  return { file, format, body, locate, text, limits: limits ?? false, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Reads a template file from disk with a bound; an unreadable file is a TemplateError too, never an exception with a stack. */
export function readTemplateFile(path: string, options: ReadOptions = {}): TemplateSource {
  return readTemplateFrom(path, path, options);
}

/**
 * Reads what an `AWS::Include` inserts: a YAML or JSON file of any value, with a template's bound and parsers (short
 * forms included) and none of its shape checks; an unreadable or malformed file is a TemplateError located in it.
 */
export function readSnippetFile(path: string, options: ReadOptions = {}): JsonValue {
  return readTemplateFrom(path, path, { ...options, snippet: true }).body as JsonValue;
}

/** The name standard input is shown as, in diagnostics and as the default stack name's source. */
export const STDIN_NAME = '<stdin>';

/** Reads a template from standard input (`simulate -`), with the same bound and the same JSON/YAML detection. */
export function readTemplateStdin(options: ReadOptions = {}): TemplateSource {
  return readTemplateFrom({ fd: 0, name: STDIN_NAME }, STDIN_NAME, options);
}

/** Every template source goes through the kernel's one bounded reader. */
function readTemplateFrom(source: string | OpenSource, file: string, options: DocumentRead): TemplateSource {
  const quota = effectiveLimits(options.limits)?.s3Bytes;
  const limit = templateReadBound(options);
  let read: ReturnType<typeof readBoundedBytes>;
  try {
    read = readBoundedBytes(source, limit, options.what ?? 'the template');
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    throw new TemplateError([templateDiagnostic(file, { code: 'TPL_UNREADABLE', pointer: '', message: `cannot read ${options.what ?? 'the template'}: ${error.reason}` }, { line: 0, column: 0 })]);
  }
  if (read.truncated) {
    // Only the first `limit` bytes were read: enough to say where the limit falls, never the whole file.
    const issue = tooLargeIssue(new TextDecoder('utf-8').decode(read.bytes), limit, read.size, quota !== undefined);
    throw new TemplateError([templateDiagnostic(file, issue, issue.position ?? { line: 1, column: 1 })]);
  }
  return readDocument(file, read.bytes, options);
}

/** With the service's quotas off (--no-limits), still a bound: a device or an endless pipe must end in an error, not a hang. */
const UNLIMITED_READ_BYTES = 32 * 1024 * 1024;

/**
 * The most bytes a template file is read to: the service's S3 quota, or with its quotas off (--no-limits) the
 * simulator's own bound. Whatever reads a template ahead of the run (a walk, the search for nested children) reads
 * it this far, so that it sees the file the run will see.
 */
export function templateReadBound(options: ReadOptions = {}): number {
  return effectiveLimits(options.limits)?.s3Bytes ?? UNLIMITED_READ_BYTES;
}

/** The service's rule: a body whose first non-blank character is `{` is JSON, anything else YAML. */
export function isJsonText(text: string): boolean {
  return /^\s*\{/.test(text);
}

/** Parsed text: a value (duplicate keys resolved last-wins and null pairs left out, as the service does, each a warning), or the issues refusing it. */
type Parsed = { readonly value: JsonValue; readonly warnings?: readonly TemplateIssue[] } | { readonly issues: readonly TemplateIssue[] };

function emptyIssue(why: string): TemplateIssue {
  return {
    code: 'TPL_EMPTY',
    pointer: '',
    message: `${why}; a template is a mapping with at least a Resources section`,
    position: { line: 1, column: 1 },
  };
}

/**
 * [choice] JSON as the service reads it: a comma before a closing `}` or `]` is accepted, as CloudFormation accepts it
 * (published templates carry them: Palo Alto Networks' VM-Series sets, the Service Catalog reference architectures;
 * stelligent/cfn_nag#203 and humanmade/cf-to-tf#7 report deployed templates with them), with one warning, since other
 * JSON tools refuse them. The commas are blanked, not removed, so every position stays where it is written.
 */
function parseJsonTemplate(text: string, file: string): Parsed {
  const strict = parseStrictJsonTemplate(text, file);
  if (!('issues' in strict) || strict.issues[0]?.code !== 'TPL_JSON_SYNTAX') return strict;
  const body = stripBom(text);
  const commas = trailingCommas(body);
  const controls = controlCharacters(body);
  if (commas.length === 0 && controls.length === 0) return asYamlOr(strict, text);
  const blanked = commas.length > 0 ? withCharsReplaced(body, commas, ' ') : body;
  const lenient = parseStrictJsonTemplate(controls.length > 0 ? withCharsReplaced(blanked, controls, jsonEscape) : blanked, file);
  // Escaping moves what follows, so the lenient parse's own positions are not the file's: the strict fault stands.
  if ('issues' in lenient) return asYamlOr(controls.length > 0 ? strict : lenient, text);
  const warnings: TemplateIssue[] = [];
  if (commas.length > 0) {
    warnings.push({
      code: 'TPL_JSON_TRAILING_COMMA',
      pointer: '',
      message: `${commas.length === 1 ? 'a comma' : `${commas.length} commas`} before a closing bracket (the first here): not JSON, though CloudFormation reads the template; other JSON tools (jq, JSON.parse) refuse it`,
      position: positionAt(body, commas[0] as number),
    });
  }
  if (controls.length > 0) {
    warnings.push({
      code: 'TPL_JSON_CONTROL_CHARACTER',
      pointer: '',
      message: `${controls.length === 1 ? 'a control character' : `${controls.length} control characters`} (a line break or tab written as itself) inside a string (the first here): not JSON, though CloudFormation reads the template and keeps the character; other JSON tools (jq, JSON.parse) refuse it: write \\n or \\t`,
      position: positionAt(body, controls[0] as number),
    });
  }
  return { value: lenient.value, warnings: [...warnings, ...(lenient.warnings ?? [])] };
}

/**
 * Text that begins as JSON but is not JSON, read as YAML where YAML reads it: the service "first checks if the template
 * is valid JSON. If it isn't, CloudFormation checks if the template is valid YAML" (the user guide's "Validating a
 * template"), so a JSON template with an unquoted key or single quotes deploys (IBM's Cloud Pak for Security Quick
 * Start publishes one). One warning, at the JSON fault; other JSON tools refuse the file. Text YAML refuses too keeps
 * its JSON refusal, located where the JSON went wrong.
 */
function asYamlOr(refusal: Extract<Parsed, { readonly issues: unknown }>, text: string): Parsed {
  const yaml = parseYaml(text);
  const fault = refusal.issues[0];
  if ('issues' in yaml || fault === undefined || yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) return refusal;
  const why = /^Template format error: JSON not well-formed\. \(line \d+, column \d+\) (?:invalid JSON: )?(.*)$/s.exec(fault.message)?.[1] ?? fault.message;
  const warning: TemplateIssue = {
    code: 'TPL_JSON_READ_AS_YAML',
    pointer: '',
    message: `not JSON here (${why}), so CloudFormation reads the template as YAML, as it reads any template that is not JSON; other JSON tools (jq, JSON.parse) refuse it`,
    ...(fault.position ? { position: fault.position } : {}),
  };
  return { value: yaml.value, warnings: [warning, ...(yaml.warnings ?? [])] };
}

/**
 * [choice] Offsets of the control characters written as themselves inside strings (a line break in a cfn_nag reason):
 * CloudFormation reads them, as it reads trailing commas (AWS's serverless-image-handler v4.0 template was published
 * with nine, aws-solutions/dynamic-image-transformation-for-amazon-cloudfront#134, where Terraform, not CloudFormation,
 * refused it; localstack/localstack#803 names raw tabs in a template AWS deploys), and keeps each as it is.
 */
function controlCharacters(text: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x22 /* " */) continue;
    const end = endOfJsonString(text, i);
    for (let j = i + 1; j < end; j++) if (text.charCodeAt(j) < 0x20) found.push(j);
    i = end;
  }
  return found;
}

/** A character written as a JSON `\u00XX` escape. */
function jsonEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Offsets of the commas that only whitespace separates from a closing `}` or `]` (strings skipped). */
function trailingCommas(text: string): number[] {
  const found: number[] = [];
  let lastComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = endOfJsonString(text, i);
      lastComma = -1;
    } else if (c === 0x2c /* , */) {
      lastComma = i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (lastComma !== -1) found.push(lastComma);
      lastComma = -1;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      lastComma = -1;
    }
  }
  return found;
}

function parseStrictJsonTemplate(text: string, file: string): Parsed {
  let value: unknown;
  let duplicates: readonly TemplateIssue[] | undefined;
  try {
    value = parseJson(text, file).value;
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    const position = { line: error.line, column: error.column };
    if (error.code === 'SRC_DUPLICATE_KEY') {
      // The service keeps the last value of a duplicate key, as JSON.parse does. JSON is YAML: the precise YAML
      // path finds every duplicate and knows its pointer, for the warnings.
      const precise = parseYamlPrecisely(text, READER_GUARDS.maxDepth);
      duplicates = 'duplicates' in precise && precise.duplicates.length > 0 ? precise.duplicates : [{ code: 'TPL_DUPLICATE_KEY' as const, pointer: '', message: `${error.reason}: CloudFormation keeps only the last value`, position }];
      value = JSON.parse(stripBom(text)) as unknown;
    } else return {
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
  // A whole float written with a fraction is read as its text, as the YAML reader does (service-scalars.ts).
  const withServiceFloats = jsonWithServiceFloats(stripBom(text));
  if (withServiceFloats !== undefined) value = JSON.parse(withServiceFloats) as unknown;
  const data = toTemplateData(value, { maxDepth: READER_GUARDS.maxDepth, maxNodes: Math.max(READER_GUARDS.minNodeBudget, text.length) }, false);
  if (data.issues.length === 0) {
    const warnings = [...(duplicates ?? []), ...data.dropped];
    return warnings.length > 0 ? { value: data.value, warnings } : { value: data.value };
  }
  const deep = data.issues.find((i) => i.code === 'TPL_TOO_DEEP');
  // The pointer of a 200-level nesting would make the locator walk it; for JSON a bracket scan is exact.
  if (deep) return { issues: [{ ...deep, position: positionAt(text, offsetBeyondJsonDepth(text, READER_GUARDS.maxDepth) ?? 0) }] };
  return { issues: data.issues };
}

/** Where an issue is: its own position, else its pointer located (on the key written for it when it is about a key). */
function positionOf(issue: TemplateIssue, locate: (pointer: string, at?: LocateAt) => { line: number; column: number }) {
  if (issue.position) return issue.position;
  try {
    return locate(issue.pointer, issue.atKey ? 'key' : 'value');
  } catch {
    // Locating re-parses the text; if even that fails, the diagnostic still names the file and pointer.
    return { line: 1, column: 1 };
  }
}

/** What a file holds at the top level instead of a mapping, without its content. */
function describeTopLevel(body: unknown): string {
  if (Array.isArray(body)) return 'a list';
  if (typeof body === 'string') return `a string of ${body.length} character${body.length === 1 ? '' : 's'} (plain text, not YAML or JSON keys)`;
  return `the ${typeof body} ${String(body)}`;
}
