import type { JsonValue } from './';

/**
 * CloudFormation sends every scalar of a resource's properties and of the type configuration as a string
 * (`true` → `"true"`, `5` → `"5"`); arrays and objects keep their structure. This is the most common cause
 * of hook bugs (`"false"` is truthy), so the simulator reproduces it by default. A null, which no template the
 * service accepts hands a hook (the one the reader keeps, in a SAM state machine's definition, reaches the service's
 * hooks inside the generated `DefinitionString` text), is the text `null` too: a hook is never shown a scalar that
 * is not a string.
 */
export function stringifyScalars(value: JsonValue): JsonValue {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value)) setOwn(out, key, stringifyScalars(value[key] as JsonValue));
    return out;
  }
  return value;
}

/** Narrows an unknown (parsed from JSON or YAML) to a JSON value, dropping what JSON cannot carry. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) setOwn(out, key, toJsonValue(item));
    return out;
  }
  return String(value);
}

/**
 * Sets a key as an own data property of a plain data object. Template data may hold keys such as `__proto__`: a
 * plain assignment would change the object's prototype instead and the key would silently vanish from what the
 * hook receives. `__proto__` is the only accessor a plain object inherits, so every other key is assigned, which
 * makes the same own, enumerable, writable property several times faster than `defineProperty` (it runs for every
 * key of every hook request's properties).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
