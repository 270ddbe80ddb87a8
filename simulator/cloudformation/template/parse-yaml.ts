/**
 * YAML text to template data, behind one face. Two parsers sit behind it: js-yaml, fast, for the text it reads
 * faithfully, and `yaml`'s document model, about six times slower but precise (every node and every error has a
 * position and a code), for the rest. The one decision: a linear scan (yaml-constructs.ts) sends text holding a
 * construct js-yaml would flatten straight to the precise path; everything else goes to js-yaml, and only when
 * js-yaml refuses does the precise path run, so that the error is classified by `yaml`'s error codes and located
 * where it is written. No parser's English message is read, except to recognise js-yaml's own depth bound.
 */
import { load as loadYaml, YAMLException, type LoadOptions } from 'js-yaml';
import type { JsonValue } from '../../../src/kernel/protocol';
import { READER_GUARDS } from './limits';
import { withCharsReplaced } from './decode';
import { CLOUDFORMATION_JS_YAML_SCHEMA } from './short-form-tags';
import type { TemplateCode, TemplateIssue } from './template-diagnostic';
import { toTemplateData } from './template-data';
import { scanYamlConstructs } from './yaml-constructs';
import { firstYamlAlias, parseYamlPrecisely } from './yaml-precise';

/**
 * YAML read into template data (with warnings for the duplicate keys the service resolves last-wins and the null
 * pairs a transform leaves out), or the located issues that refuse it.
 */
export type ParsedYaml =
  | { readonly value: JsonValue; readonly warnings?: readonly TemplateIssue[] }
  | { readonly issues: readonly TemplateIssue[]; /** Where a lone `-` in a flow collection stopped the reading. */ readonly flowDashes?: readonly number[] };

/** js-yaml 4.3 bounds nesting itself (`maxDepth`); its published types predate the option. */
const JS_YAML_OPTIONS: LoadOptions & { maxDepth: number } = { schema: CLOUDFORMATION_JS_YAML_SCHEMA, maxDepth: READER_GUARDS.maxDepth };

/**
 * The start of js-yaml's message for its depth bound (`nesting exceeded maxDepth (200)`), the one js-yaml error
 * that must not go to the precise parser (which would recurse through the whole depth). Pinned by a test.
 */
export const JS_YAML_DEPTH_REASON = 'nesting exceeded maxDepth';

/** Parses YAML template text into data: fast where that is faithful, precise where it is not or where it fails. */
export function parseYaml(text: string): ParsedYaml {
  const read = readYaml(text);
  if (!('issues' in read) || read.flowDashes === undefined) return read;
  // PyYAML, the service's reader, takes a lone `-` in a flow collection (`!Join [-, [a, b]]`, as Check Point's
  // templates write it) for the text "-", where YAML 1.2 readers refuse it: read it so, once, with those dashes quoted.
  // Positions are still located in the text as written.
  const again = readYaml(withCharsReplaced(text, read.flowDashes, "'-'"));
  return 'issues' in again ? read : again;
}

function readYaml(text: string): ParsedYaml {
  const constructs = scanYamlConstructs(text);
  let parsed: unknown;
  let duplicates: readonly TemplateIssue[] = [];
  if (constructs.needsPrecise) {
    const precise = parseYamlPrecisely(text, READER_GUARDS.maxDepth);
    if (!('value' in precise)) {
      const lenient = precise.badIndent ? serviceReading(text) : undefined;
      if (!lenient) return failed(precise);
      ({ parsed, duplicates } = lenient);
    } else {
      ({ value: parsed, duplicates } = precise);
    }
  } else {
    try {
      parsed = loadYaml(text, JS_YAML_OPTIONS);
    } catch (error) {
      const read = refusal(text, error);
      if ('issues' in read) return read;
      ({ parsed, duplicates } = read);
    }
  }
  if (parsed === null || parsed === undefined) return { value: null };
  const alias = constructs.mayHaveAnchor ? firstYamlAlias(text) : undefined;
  if (alias !== undefined) {
    return {
      issues: [
        {
          code: 'TPL_YAML_ALIAS',
          pointer: '',
          message: `Template error: YAML aliases are not allowed in CloudFormation templates. (*${alias.name}; \`aws cloudformation package\`, \`sam deploy\` and \`rain\` expand aliases before CloudFormation reads the template: simulate the template they write, or write the value out)`,
          position: alias.position,
        },
      ],
    };
  }
  // Without an anchor there can be no alias, so no shared value to size: the walk skips that bookkeeping.
  const data = toTemplateData(parsed, dataBounds(text), constructs.mayHaveAnchor);
  if (data.issues.length === 0) {
    const warnings = [...duplicates, ...data.dropped];
    return warnings.length > 0 ? { value: data.value, warnings } : { value: data.value };
  }
  if (!constructs.needsPrecise && data.issues.some((issue) => issue.code === 'TPL_NON_SCALAR_KEY')) {
    // A key js-yaml flattened to "[object Object]" in a form the scan does not know: the precise path locates it.
    const precise = parseYamlPrecisely(text, READER_GUARDS.maxDepth);
    if (!('value' in precise)) return { issues: precise.issues };
  }
  return { issues: data.issues };
}

/** A value read the service's way, with the duplicate keys it resolved last-wins. */
interface LenientRead {
  readonly parsed: unknown;
  readonly duplicates: readonly TemplateIssue[];
}

/**
 * Text js-yaml refused: the precise parser's issues, unless js-yaml stopped at its depth bound. When the precise
 * parser reads it and found duplicate keys, that was js-yaml's objection: the service keeps the last value, so
 * the precise (last-wins) value stands and the duplicates become warnings.
 */
/** The precise parser's refusal as this reader's, with the lone flow dashes it saw. */
function failed(precise: { readonly issues: readonly TemplateIssue[]; readonly flowDashes?: readonly number[] }): Extract<ParsedYaml, { readonly issues: unknown }> {
  return precise.flowDashes === undefined ? { issues: precise.issues } : { issues: precise.issues, flowDashes: precise.flowDashes };
}

function refusal(text: string, error: unknown): LenientRead | Extract<ParsedYaml, { readonly issues: unknown }> {
  if (!(error instanceof YAMLException)) return { issues: [internalIssue(error)] };
  const position = { line: (error.mark?.line ?? 0) + 1, column: (error.mark?.column ?? 0) + 1 };
  if (isDepthError(error)) {
    // Past the depth bound the precise parser could recurse too deep itself: js-yaml's position will do.
    return { issues: [{ code: 'TPL_TOO_DEEP', pointer: '', message: tooDeepMessage(), position }] };
  }
  const precise = parseYamlPrecisely(text, READER_GUARDS.maxDepth);
  if ('value' in precise && precise.duplicates.length > 0) return { parsed: precise.value, duplicates: precise.duplicates };
  if (!('value' in precise)) {
    const lenient = precise.badIndent ? serviceReading(text, position) : undefined;
    return lenient ?? failed(precise);
  }
  // js-yaml refuses what `yaml` reads: report js-yaml's reason, located, as a syntax error.
  return { issues: [{ code: 'TPL_YAML_SYNTAX', pointer: '', message: `Template format error: YAML not well-formed. (line ${position.line}, column ${position.column}) ${error.reason ?? error.message}`, position }] };
}

/**
 * The service's reading (PyYAML) of text `yaml` refused only for indentation, such as a flow collection indented
 * less than its key or a quoted scalar whose lines are indented no deeper than its key: js-yaml reads it, duplicate keys last-wins (its `json` mode). When js-yaml's strict reading
 * refused the same text, the difference is a duplicate key: one warning, where js-yaml stopped (`duplicateAt`).
 * Undefined when js-yaml refuses it too.
 */
function serviceReading(text: string, duplicateAt?: { line: number; column: number }): LenientRead | undefined {
  let parsed: unknown;
  try {
    parsed = loadYaml(text, { ...JS_YAML_OPTIONS, json: true });
  } catch {
    return undefined;
  }
  let strictAt = duplicateAt;
  if (strictAt === undefined) {
    try {
      loadYaml(text, JS_YAML_OPTIONS);
    } catch (error) {
      strictAt = error instanceof YAMLException ? { line: (error.mark?.line ?? 0) + 1, column: (error.mark?.column ?? 0) + 1 } : { line: 1, column: 1 };
    }
  }
  const duplicates: TemplateIssue[] =
    strictAt === undefined ? [] : [{ code: 'TPL_DUPLICATE_KEY', pointer: '', message: 'duplicate key: CloudFormation keeps only the last value; remove one of them', position: strictAt }];
  return { parsed, duplicates };
}

function isDepthError(error: YAMLException): boolean {
  return (error.reason ?? '').startsWith(JS_YAML_DEPTH_REASON);
}

function tooDeepMessage(): string {
  return `the template nests more than ${READER_GUARDS.maxDepth} levels deep; no CloudFormation template needs that, so it is refused`;
}

function dataBounds(text: string) {
  return { maxDepth: READER_GUARDS.maxDepth, maxNodes: Math.max(READER_GUARDS.minNodeBudget, text.length) };
}

/** js-yaml failing other than with a YAMLException is its bug or ours; still a located refusal, never a crash. */
function internalIssue(error: unknown): TemplateIssue {
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'TPL_YAML_SYNTAX', pointer: '', message: `the YAML could not be read (${reason})`, position: { line: 1, column: 1 } };
}

/**
 * One YAML parser alone, for tests that hold the two to the same verdict: the data, or the codes of the issues
 * that refuse it (parse errors and the walk's findings alike). js-yaml alone can only say "syntax" or "too deep".
 */
export function parseYamlWith(parser: 'js-yaml' | 'yaml', text: string): { value: JsonValue } | { codes: TemplateCode[] } {
  let raw: unknown;
  if (parser === 'yaml') {
    const precise = parseYamlPrecisely(text, READER_GUARDS.maxDepth);
    if (!('value' in precise)) return { codes: precise.issues.map((i) => i.code) };
    raw = precise.value;
  } else {
    try {
      // The service's reading: a duplicate key keeps its last value (js-yaml's `json` mode), as the reader does.
      raw = loadYaml(text, { ...JS_YAML_OPTIONS, json: true });
    } catch (error) {
      return { codes: [error instanceof YAMLException && isDepthError(error) ? 'TPL_TOO_DEEP' : 'TPL_YAML_SYNTAX'] };
    }
  }
  const data = toTemplateData(raw, dataBounds(text), true);
  return data.issues.length > 0 ? { codes: data.issues.map((i) => i.code) } : { value: data.value };
}
