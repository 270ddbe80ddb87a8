/**
 * Reading property values the way CloudFormation delivers them: every scalar arrives as a string
 * ("true", "5"), so a naive truthiness test would take "false" for true — the most reported hook bug.
 */
import type { JsonObject, JsonValue } from '../kernel/protocol';

export type CfnBoolean = 'true' | 'false' | 'not-a-boolean';

/** "true"/true are true; "false"/false/absent are false; anything else is not a boolean. */
export function readCfnBoolean(value: unknown): CfnBoolean {
  if (value === true || value === 'true') return 'true';
  if (value === false || value === 'false' || value === undefined || value === null) return 'false';
  return 'not-a-boolean';
}

/** The value when it is a string with something other than whitespace in it. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A JSON object (not an array, not null), narrowed. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value is quoted in a finding: strings in quotes, absence said in words, structures by kind. */
export function describeValue(value: JsonValue | undefined): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}
