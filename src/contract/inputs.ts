/**
 * Reads `inputs/inputs_<n>_<kind>.json`, the contract-test inputs `cfn test` uses for a hook: each
 * file maps target type names to a targetModel `{resourceProperties, previousResourceProperties?}`.
 * `cfn` itself validates nothing here (a malformed file surfaces as a KeyError mid-run); this reader
 * says what is wrong and where, with line and column.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { closestName, displayName, toPointer, type Diagnostic, type DiagnosticCode } from '../kernel/diagnostics';
import { isJsonObject, type JsonObject, type JsonValue } from '../kernel/protocol';
import { propertyNames } from '../kernel/resource-catalog';
import { DEFAULT_MAX_JSON_DEPTH, FileReadError, parseJson, readBoundedText, SourceSyntaxError, type ParsedDocument } from '../kernel/source';

/** What a file feeds: an invocation point, its invalid variant, or every invalid test (`INVALID`). */
export const INPUT_KINDS = [
  'CREATE_PRE_PROVISION',
  'UPDATE_PRE_PROVISION',
  'DELETE_PRE_PROVISION',
  'INVALID_CREATE_PRE_PROVISION',
  'INVALID_UPDATE_PRE_PROVISION',
  'INVALID_DELETE_PRE_PROVISION',
  'INVALID',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** Contract inputs are a few target models each: 16 MiB is far above any real one. */
export const INPUT_LIMIT_BYTES = 16 * 1024 * 1024;

const TARGET_NAME = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;
const FILE_NAME = /^inputs_(\d+)_(.+)\.json$/;

/** One target's entry: the targetModel handed to the handler as written (cfn passes it through unchanged). */
export interface TargetInput {
  targetName: string;
  targetModel: JsonObject;
  /** Where its key is written (JSON pointer, 1-based line and column), for what is said about the target as a whole. */
  at?: { path: string; line: number; column: number };
}

export interface ContractInputFile {
  file: string;
  set: number;
  kind: InputKind;
  targets: Map<string, TargetInput>;
}

export interface ContractInputs {
  /** Sets by index (inputs_1_…, inputs_2_…), each mapping a kind to its file. */
  sets: Map<number, Map<InputKind, ContractInputFile>>;
  diagnostics: Diagnostic[];
}

/** The kind a file name stands for, with cfn's own precedence (`invalid_pre_create` before `pre_create`, …). */
export function inputKindOf(fileName: string): InputKind | undefined {
  const rest = FILE_NAME.exec(fileName)?.[2];
  if (rest === undefined) return undefined;
  if (rest.includes('invalid_pre_create')) return 'INVALID_CREATE_PRE_PROVISION';
  if (rest.includes('invalid_pre_update')) return 'INVALID_UPDATE_PRE_PROVISION';
  if (rest.includes('invalid_pre_delete')) return 'INVALID_DELETE_PRE_PROVISION';
  if (rest.includes('pre_create')) return 'CREATE_PRE_PROVISION';
  if (rest.includes('pre_update')) return 'UPDATE_PRE_PROVISION';
  if (rest.includes('pre_delete')) return 'DELETE_PRE_PROVISION';
  if (rest.includes('invalid')) return 'INVALID';
  return undefined;
}

/**
 * Parses one input file's text. Errors (not a target map, a key that is not a type name, a target
 * without resourceProperties) come back as located diagnostics; `targets` is set only when there are none.
 */
export function parseContractInput(text: string, file: string, kind: InputKind): { targets?: Map<string, TargetInput>; diagnostics: Diagnostic[] } {
  let document: ParsedDocument;
  try {
    // Bounded: each targetModel is cloned into the handler's worker and serialised, both recursive.
    document = parseJson(text, file, { maxDepth: DEFAULT_MAX_JSON_DEPTH });
  } catch (error) {
    if (error instanceof SourceSyntaxError) {
      const code = error.code === 'SRC_TOO_DEEP' ? 'CT_TOO_DEEP' : 'CT_SYNTAX';
      return { diagnostics: [{ code, severity: 'error', message: error.reason, file, path: '', line: error.line, column: error.column }] };
    }
    throw error;
  }
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, segments: Array<string | number>, message: string, severity: Diagnostic['severity'] = 'error') => {
    const path = toPointer(segments);
    const { line, column } = document.locate(path);
    diagnostics.push({ code, severity, message, file, path, line, column });
  };
  const root = document.value;
  if (!isJsonObject(root)) {
    report('CT_NOT_A_TARGET_MAP', [], `expected an object mapping target type names (e.g. "AWS::S3::Bucket") to {"resourceProperties": …}, got ${kindOf(root)}`);
    return { diagnostics };
  }
  const targets = new Map<string, TargetInput>();
  const invalidKind = kind.startsWith('INVALID');
  for (const [key, value] of Object.entries(root)) {
    if (!TARGET_NAME.test(key)) {
      const hint = key === 'resourceProperties' || key === 'previousResourceProperties' ? `; "${key}" belongs inside a target's entry, not beside the targets` : '';
      report('CT_NOT_A_TARGET_NAME', [key], `key "${key}" is not a target type name (Service::Resource::Type)${hint}`);
      continue;
    }
    if (!isJsonObject(value)) {
      report('CT_TARGET_NOT_AN_OBJECT', [key], `target ${key} must be an object {"resourceProperties": …}, got ${kindOf(value)}`);
      continue;
    }
    if (!('resourceProperties' in value)) {
      const keys = Object.keys(value);
      const hint = keys.length ? `; its keys (${keys.slice(0, 5).join(', ')}) look like resource properties: wrap them in {"resourceProperties": …}` : '';
      report('CT_NO_RESOURCE_PROPERTIES', [key], `target ${key} has no resourceProperties${hint}`);
      continue;
    }
    // An invalid input may be malformed on purpose (it must make the handler fail); a valid one may not.
    if (!invalidKind) {
      for (const field of ['resourceProperties', 'previousResourceProperties'] as const) {
        const model = value[field];
        if (model !== undefined && !isJsonObject(model)) report('CT_PROPERTIES_NOT_AN_OBJECT', [key, field], `${key}.${field} must be an object, got ${kindOf(model)}`);
      }
    }
    for (const extra of Object.keys(value).filter((k) => k !== 'resourceProperties' && k !== 'previousResourceProperties')) {
      report('CT_EXTRA_TARGET_KEY', [key, extra], `"${extra}" is not part of a targetModel; cfn passes it to the handler unchanged`, 'warning');
    }
    for (const field of ['resourceProperties', 'previousResourceProperties'] as const) {
      const model = value[field];
      if (!isJsonObject(model)) continue;
      for (const [name, message] of unknownProperties(key, model)) report('CT_UNKNOWN_PROPERTY', [key, field, name], message, 'warning');
    }
    const path = toPointer([key]);
    targets.set(key, { targetName: key, targetModel: value as JsonObject, at: { path, ...document.locate(path) } });
  }
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { targets, diagnostics };
}

/**
 * Top-level properties the type does not have, each with its message, from the resource catalogue (the check behind the
 * simulator's RES_UNKNOWN_PROPERTY). cfn test hands them to the handler as written, but the service never sends one (its
 * property validation refuses the template), so a typo (`TableNme`) tests an input no stack can produce, and an invalid
 * input may fail for the typo, not for what it was written to show. Invalid inputs are checked too: only a warning.
 * Nothing is said for a type the catalogue cannot tell (custom resources, a catalogue not built).
 */
function unknownProperties(type: string, properties: Readonly<Record<string, unknown>>): Array<[string, string]> {
  const known = propertyNames(type);
  if (known === undefined) return [];
  return Object.keys(properties)
    .filter((name) => !known.has(name))
    .map((name) => {
      const near = closestName(name, [...known]);
      return [name, `${name} is not a property of ${type}${near ? ` (did you mean ${near}?)` : ''}: cfn test passes it to the handler as written, but the service refuses a template that sets it, so no real request carries it`];
    });
}

/** Reads every `inputs_<n>_<kind>.json` of a directory (other files are ignored, as cfn ignores them). */
export function readContractInputs(dir: string): ContractInputs {
  const sets = new Map<number, Map<InputKind, ContractInputFile>>();
  const diagnostics: Diagnostic[] = [];
  const names = readdirSync(dir).filter((name) => FILE_NAME.test(name)).sort();
  for (const name of names) {
    const kind = inputKindOf(name);
    if (!kind) {
      diagnostics.push({ code: 'CT_UNKNOWN_INPUT_KIND', severity: 'warning', message: `${displayName(name)} is not a hook input kind (pre_create, pre_update, pre_delete, invalid, invalid_pre_*); ignored`, file: join(dir, name), path: '', line: 0, column: 0 });
      continue;
    }
    const set = Number(FILE_NAME.exec(name)?.[1]);
    const file = join(dir, name);
    let text: string;
    try {
      // Found on disk by name: a FIFO or a device called inputs_1_pre_create.json is refused, never opened.
      text = readBoundedText(file, { limit: INPUT_LIMIT_BYTES, what: 'a contract input' });
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      diagnostics.push(...error.diagnostics);
      continue;
    }
    const parsed = parseContractInput(text, file, kind);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.targets) continue;
    const files = sets.get(set) ?? new Map<InputKind, ContractInputFile>();
    if (files.has(kind)) {
      diagnostics.push({ code: 'CT_DUPLICATE_KIND', severity: 'error', message: `${name} feeds ${kind} of set ${set}, as ${files.get(kind)?.file} already does`, file, path: '', line: 0, column: 0 });
      continue;
    }
    files.set(kind, { file, set, kind, targets: parsed.targets });
    sets.set(set, files);
  }
  return { sets, diagnostics };
}


function kindOf(value: JsonValue | unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value;
}
