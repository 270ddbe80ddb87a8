/**
 * Reading values out of a parsed document the way the checks need: by JSON pointer, and with the truthiness of the
 * Python code (cfn) whose verdict a check reproduces.
 */
import { fromPointer } from '../kernel/diagnostics';
import { isJsonObject } from '../kernel/protocol';

/** Looks up the value at a JSON pointer. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of fromPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Python truthiness, which is what cfn's `if hook_spec.get("properties")` tests. */
export function isPythonTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}
