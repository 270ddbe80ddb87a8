/**
 * A resource's state as a Cloud Control request carries it: `--desired-state` (CreateResource's and
 * UpdateResource's DesiredState) and `--previous-state` (what the resource is now). A JSON object of properties, as
 * the API takes it, or the same in YAML for convenience; read with the kernel's bound, every error located.
 */
import { InputError, type Diagnostic, type DiagnosticCode } from '../../../src/kernel/diagnostics';
import { DEFAULT_MAX_JSON_DEPTH, nestedTooDeeplyReason, parseJson, readBoundedText, SourceSyntaxError, stripBom, yamlLibrary, YAML_LOG_LEVEL } from '../../../src/kernel/source';
import { isJsonObject, type JsonObject } from '../../../src/kernel/protocol';

/** The API's bound on `DesiredState` and `ResourceModel` (the `Properties` shape): 262,144 characters of JSON. */
export const MAX_STATE_CHARACTERS = 262_144;

/** The file bound: a state written as indented YAML with comments is larger than its JSON, but not 4 times larger. */
export const MAX_STATE_FILE_BYTES = 4 * MAX_STATE_CHARACTERS;

/** A state file that cannot be used. */
export class ResourceStateError extends InputError {}

/** Reads a state file (JSON or YAML) into its properties; throws ResourceStateError or FileReadError. */
export function readResourceState(path: string, what: string): JsonObject {
  return parseResourceState(readBoundedText(path, { what, limit: MAX_STATE_FILE_BYTES }), path, what);
}

/** Parses state text: a JSON document when it starts with `{` or `[`, YAML otherwise. */
export function parseResourceState(text: string, file: string, what: string): JsonObject {
  const body = stripBom(text);
  const value = /^\s*[[{]/.test(body) ? fromJson(body, file, what) : fromYaml(body, file, what);
  if (!isJsonObject(value)) {
    throw stateError(file, 1, 1, 'CLOUDCONTROL_STATE_SHAPE', `${what} must be an object of the resource's properties ({"BucketName": "…"}), as Cloud Control's DesiredState is`);
  }
  const characters = JSON.stringify(value).length;
  if (characters > MAX_STATE_CHARACTERS) {
    throw stateError(file, 1, 1, 'CLOUDCONTROL_STATE_TOO_LARGE', `${what} is ${characters} characters as JSON; Cloud Control accepts at most ${MAX_STATE_CHARACTERS}`);
  }
  return value as JsonObject;
}

function fromJson(body: string, file: string, what: string): unknown {
  try {
    return parseJson(body, file, { maxDepth: DEFAULT_MAX_JSON_DEPTH }).value;
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    // Said of the state, in the words its YAML twin uses.
    const reason = error.code === 'SRC_TOO_DEEP' ? nestedTooDeeplyReason(DEFAULT_MAX_JSON_DEPTH, what) : error.reason;
    throw stateError(file, error.line, error.column, error.code, reason);
  }
}

/**
 * YAML through `yaml`'s core schema (no timestamps, no custom tags: what it reads is plain JSON data). A state
 * has no CloudFormation tags: `!Ref` is an unknown tag here, reported where it is.
 */
function fromYaml(body: string, file: string, what: string): unknown {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const tooDeep = (offset: number | undefined): ResourceStateError => {
    const { line, col } = lines.linePos(offset ?? 0);
    return stateError(file, line, col, 'SRC_TOO_DEEP', nestedTooDeeplyReason(DEFAULT_MAX_JSON_DEPTH, what));
  };
  const document = parseDocument(body, { uniqueKeys: true, strict: true, logLevel: YAML_LOG_LEVEL, lineCounter: lines });
  const problem = document.errors[0] ?? document.warnings[0];
  // `yaml` composes collections recursively and reports the stack running out as RESOURCE_EXHAUSTION where it did
  // (20,000 nested `[` read "invalid YAML: Maximum call stack size exceeded"): a nesting past any bound, so said so.
  if (problem?.code === 'RESOURCE_EXHAUSTION') throw tooDeep(problem.pos[0]);
  if (problem) {
    const at = problem.linePos?.[0];
    throw stateError(file, at?.line ?? 1, at?.col ?? 1, 'SRC_SYNTAX', `invalid YAML: ${problem.message.split('\n')[0] ?? problem.code}`);
  }
  // Measured on the document before toJS, which recurses too, so that the collection past the bound is located.
  const deep = collectionBeyondDepth(document.contents, DEFAULT_MAX_JSON_DEPTH);
  if (deep !== undefined) throw tooDeep(deep);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Aliases nest what they repeat: a chain of them can still go past the call stack.
    if (error instanceof RangeError) throw tooDeep(0);
    // An alias bomb: the document is refused, never half-read.
    throw stateError(file, 1, 1, 'SRC_SYNTAX', `invalid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Aliases, again: what they expand to may nest deeper than the text does.
  if (depthOf(value) > DEFAULT_MAX_JSON_DEPTH) throw tooDeep(0);
  return value;
}

/**
 * The offset of the first YAML collection nested past `maxDepth` (the top one is level 1, as `depthOf` counts),
 * undefined when none is. Iterative, over `yaml`'s nodes: a hostile document cannot overflow the stack here.
 */
function collectionBeyondDepth(root: unknown, maxDepth: number): number | undefined {
  const { isCollection, isPair } = yamlLibrary();
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!isCollection(node)) continue;
    if (depth + 1 > maxDepth) return node.range?.[0] ?? 0;
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.value, depth + 1], [item.key, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** How deep a value nests (iterative: a hostile document cannot overflow the stack here). */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > DEFAULT_MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function stateError(file: string, line: number, column: number, code: DiagnosticCode, message: string): ResourceStateError {
  const diagnostic: Diagnostic = { code, severity: 'error', message, file, path: '', line, column };
  return new ResourceStateError([diagnostic]);
}
