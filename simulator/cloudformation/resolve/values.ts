/**
 * The values the evaluator works with: JSON data plus one marker, `AWS::NoValue`, which removes the key or
 * list item it lands on. Objects are built with a null prototype (`emptyObject`) and plain assignment, so template keys such as
 * `__proto__` or `constructor` stay plain data.
 */
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { isJsonObject } from '../../../src/kernel/protocol';

/** What `Ref: AWS::NoValue` evaluates to: not a value, an instruction to drop the enclosing key or item. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
/** The type of the `AWS::NoValue` marker. */
export type NoValue = typeof NO_VALUE;
/** What evaluation yields: JSON data, or the marker that removes the enclosing key or item. */
export type Value = JsonValue | NoValue;

/**
 * A new object with no prototype: a key like `__proto__` is just a key. Made as `{}` and then given a null
 * prototype, which V8 keeps in fast mode; `Object.create(null)` makes a slower dictionary-mode object.
 */
export function emptyObject(): JsonObject {
  return Object.setPrototypeOf({}, null) as JsonObject;
}

/**
 * Sets a key on an object made by `emptyObject()`. Without a prototype there is no `__proto__` setter to
 * trigger, so plain assignment creates an own data property whatever the key (and is much faster than
 * `Object.defineProperty` on the hot path).
 */
export function setKey(target: JsonObject, key: string, value: JsonValue): void {
  target[key] = value;
}


/** An own property of a plain-data object, never one inherited from Object.prototype. */
export function own(target: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
}

/** True when `target` has `key` as its own property. */
export function hasOwn(target: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** The string CloudFormation would use for a scalar: numbers and booleans become their text. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/** Deep equality of JSON data, comparing scalars by their text as `Fn::Equals` does (`5` equals `"5"`). */
export function sameValue(a: unknown, b: unknown): boolean {
  const ta = scalarText(a);
  const tb = scalarText(b);
  if (ta !== undefined || tb !== undefined) return ta !== undefined && ta === tb;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return a === null && b === null;
}

/** A short description of a value's shape for "expected …, got …" messages. */
export function describeShape(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
