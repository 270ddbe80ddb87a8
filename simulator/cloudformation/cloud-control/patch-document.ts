/**
 * UpdateResource's `PatchDocument`: an RFC 6902 JSON Patch the service applies to the resource's current state to
 * get the desired state, before it calls the hooks. "Cloud Control API supports all operations defined in RFC 6902:
 * add, remove, replace, move, copy, and test"; "operations are applied sequentially in the order they appear"; an
 * invalid operation or a failed `test` fails the whole request (Cloud Control user guide, "Updating a resource").
 * Every fault is located in the patch file (`file:line:col`, the operation's pointer).
 */
import { fromPointer, InputError, toPointer, type Diagnostic, type DiagnosticCode } from '../../../src/kernel/diagnostics';
import { DEFAULT_MAX_JSON_DEPTH, parseJson, readBoundedText, SourceSyntaxError, type ParsedDocument } from '../../../src/kernel/source';
import { isJsonObject, sameJson, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import { setOwn } from '../../../src/kernel/protocol/stringify';
import { MAX_STATE_CHARACTERS, MAX_STATE_FILE_BYTES } from './resource-state';

/** A patch document that cannot be read or applied. */
export class PatchDocumentError extends InputError {}

/** One operation, checked. `path` and `from` are JSON pointers (a path without its leading `/` is read with one). */
export type PatchOperation =
  | { readonly op: 'add' | 'replace' | 'test'; readonly path: string; readonly value: JsonValue }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'move' | 'copy'; readonly path: string; readonly from: string };

/** A read patch document: its operations, and where each is written. */
export interface PatchDocument {
  readonly file: string;
  readonly operations: readonly PatchOperation[];
  readonly document: ParsedDocument;
}

const OPERATIONS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

/** Reads and checks a patch file (JSON, with the kernel's bound); throws PatchDocumentError or FileReadError. */
export function readPatchDocument(path: string): PatchDocument {
  return parsePatchDocument(readBoundedText(path, { what: 'the patch document', limit: MAX_STATE_FILE_BYTES }), path);
}

/** Parses and checks patch text: a JSON array of operation objects, each with what its `op` needs. */
export function parsePatchDocument(text: string, file: string): PatchDocument {
  let document: ParsedDocument;
  try {
    document = parseJson(text, file, { maxDepth: DEFAULT_MAX_JSON_DEPTH });
  } catch (error) {
    if (error instanceof SourceSyntaxError) throw new PatchDocumentError([{ code: error.code, severity: 'error', message: error.reason, file, path: '', line: error.line, column: error.column }]);
    throw error;
  }
  const fault = (segments: ReadonlyArray<string | number>, message: string): Diagnostic => located(file, document, toPointer(segments), 'CLOUDCONTROL_PATCH_SHAPE', message);
  const root = document.value;
  if (!Array.isArray(root)) throw new PatchDocumentError([fault([], 'the patch document must be a JSON array of operations ([{"op": "replace", "path": "/Name", "value": …}]), as RFC 6902 says')]);
  const problems: Diagnostic[] = [];
  const operations: PatchOperation[] = [];
  root.forEach((entry: unknown, i) => {
    if (!isJsonObject(entry)) {
      problems.push(fault([i], 'an operation must be an object with "op" and "path"'));
      return;
    }
    const op = entry.op;
    if (typeof op !== 'string' || !(OPERATIONS as readonly string[]).includes(op)) {
      problems.push(fault([i, ...(Object.hasOwn(entry, 'op') ? ['op'] : [])], `"op" must be one of ${OPERATIONS.join(', ')}${typeof op === 'string' ? `, got "${op}"` : ''}`));
      return;
    }
    if (typeof entry.path !== 'string') {
      problems.push(fault([i, ...(Object.hasOwn(entry, 'path') ? ['path'] : [])], `a "${op}" operation needs "path", a JSON pointer string such as "/BucketName"`));
      return;
    }
    const path = pointerOf(entry.path);
    switch (op) {
      case 'add':
      case 'replace':
      case 'test':
        if (!Object.hasOwn(entry, 'value')) problems.push(fault([i], `a "${op}" operation needs "value"`));
        else operations.push({ op, path, value: entry.value as JsonValue });
        return;
      case 'remove':
        operations.push({ op, path });
        return;
      case 'move':
      case 'copy':
        if (typeof entry.from !== 'string') problems.push(fault([i, ...(Object.hasOwn(entry, 'from') ? ['from'] : [])], `a "${op}" operation needs "from", a JSON pointer string`));
        else operations.push({ op, path, from: pointerOf(entry.from) });
        return;
    }
  });
  if (problems.length > 0) throw new PatchDocumentError(problems);
  return { file, operations, document };
}

/**
 * [choice] A path without its leading `/` is read as if it had one: the Cloud Control user guide's own example is
 * `[{"op":"replace","path":"RetentionInDays","value":90}]`, which RFC 6901 alone would refuse.
 */
function pointerOf(path: string): string {
  return path === '' || path.startsWith('/') ? path : `/${path}`;
}

/**
 * Applies the operations in order to a copy of `state` (the current properties) and gives the desired state. The
 * first operation that cannot be applied fails the whole patch, located at that operation.
 */
export function applyPatchDocument(state: JsonObject, patch: PatchDocument): JsonObject {
  let current: JsonValue = structuredClone(state);
  patch.operations.forEach((operation, i) => {
    const fail = (message: string): never => {
      throw new PatchDocumentError([located(patch.file, patch.document, toPointer([i]), 'CLOUDCONTROL_PATCH_FAILED', `operation ${i} (${operation.op} ${operation.path}): ${message}`)]);
    };
    try {
      current = applyOne(current, operation);
    } catch (error) {
      if (error instanceof PatchFault) fail(error.message);
      throw error;
    }
  });
  if (!isJsonObject(current)) throw new PatchDocumentError([located(patch.file, patch.document, '', 'CLOUDCONTROL_PATCH_FAILED', 'the patched state is not an object of properties')]);
  const characters = JSON.stringify(current).length;
  if (characters > MAX_STATE_CHARACTERS) {
    throw new PatchDocumentError([located(patch.file, patch.document, '', 'CLOUDCONTROL_PATCH_FAILED', `the patched state is ${characters} characters as JSON; Cloud Control accepts at most ${MAX_STATE_CHARACTERS}`)]);
  }
  return current;
}

/** Why one operation cannot be applied (turned into a located diagnostic by the caller). */
class PatchFault extends Error {}

function applyOne(root: JsonValue, operation: PatchOperation): JsonValue {
  switch (operation.op) {
    case 'add':
      return add(root, operation.path, structuredClone(operation.value));
    case 'remove':
      return remove(root, operation.path).root;
    case 'replace':
      return replace(root, operation.path, structuredClone(operation.value));
    case 'move': {
      if (operation.path === operation.from) return root;
      if (operation.path.startsWith(`${operation.from}/`)) throw new PatchFault(`cannot move ${operation.from} into one of its own children`);
      const taken = remove(root, operation.from);
      return add(taken.root, operation.path, taken.value);
    }
    case 'copy':
      return add(root, operation.path, structuredClone(valueAt(root, operation.from)));
    case 'test':
      if (!sameJson(valueAt(root, operation.path), operation.value)) throw new PatchFault(`the value at ${operation.path || '(the root)'} is not the one the test expects`);
      return root;
  }
}

/** The parent container of a pointer's target and the last token; the root itself has no parent. */
function parentOf(root: JsonValue, pointer: string): { parent: JsonValue; token: string } {
  const tokens = fromPointer(pointer);
  const token = tokens.pop() as string;
  let parent = root;
  for (const [depth, t] of tokens.entries()) parent = child(parent, t, toPointer(tokens.slice(0, depth + 1)));
  return { parent, token };
}

function child(container: JsonValue, token: string, at: string): JsonValue {
  if (Array.isArray(container)) {
    const index = arrayIndex(token, container.length - 1, at);
    return container[index] as JsonValue;
  }
  if (isJsonObject(container) && Object.hasOwn(container, token)) return container[token] as JsonValue;
  throw new PatchFault(`${at} does not exist`);
}

function valueAt(root: JsonValue, pointer: string): JsonValue {
  if (pointer === '') return root;
  const { parent, token } = parentOf(root, pointer);
  return child(parent, token, pointer);
}

function add(root: JsonValue, pointer: string, value: JsonValue): JsonValue {
  if (pointer === '') return value;
  const { parent, token } = parentOf(root, pointer);
  if (Array.isArray(parent)) {
    const index = token === '-' ? parent.length : arrayIndex(token, parent.length, pointer);
    parent.splice(index, 0, value);
  } else if (isJsonObject(parent)) {
    setOwn(parent as JsonObject, token, value);
  } else {
    throw new PatchFault(`the parent of ${pointer} is not an object or an array`);
  }
  return root;
}

function replace(root: JsonValue, pointer: string, value: JsonValue): JsonValue {
  if (pointer === '') return value;
  const { parent, token } = parentOf(root, pointer);
  if (Array.isArray(parent)) parent[arrayIndex(token, parent.length - 1, pointer)] = value;
  else if (isJsonObject(parent) && Object.hasOwn(parent, token)) setOwn(parent as JsonObject, token, value);
  else throw new PatchFault(`${pointer} does not exist`);
  return root;
}

function remove(root: JsonValue, pointer: string): { root: JsonValue; value: JsonValue } {
  if (pointer === '') throw new PatchFault('the whole state cannot be removed');
  const { parent, token } = parentOf(root, pointer);
  if (Array.isArray(parent)) {
    const index = arrayIndex(token, parent.length - 1, pointer);
    const [value] = parent.splice(index, 1);
    return { root, value: value as JsonValue };
  }
  if (isJsonObject(parent) && Object.hasOwn(parent, token)) {
    const value = parent[token] as JsonValue;
    delete (parent as Record<string, unknown>)[token];
    return { root, value };
  }
  throw new PatchFault(`${pointer} does not exist`);
}

/** An array index as RFC 6901 writes it (no sign, no leading zero), at most `max`. */
function arrayIndex(token: string, max: number, at: string): number {
  if (!/^(0|[1-9]\d{0,8})$/.test(token)) throw new PatchFault(`${at}: "${token}" is not an array index`);
  const index = Number(token);
  if (index > max) throw new PatchFault(`${at}: index ${index} is out of bounds`);
  return index;
}

/** JSON equality as RFC 6902's `test` defines it: same type, same values, object keys in any order. */
function located(file: string, document: ParsedDocument, pointer: string, code: DiagnosticCode, message: string): Diagnostic {
  const at = document.locate(pointer);
  return { code, severity: 'error', message, file, path: pointer, line: at.line, column: at.column };
}
