/**
 * Dynamic references in resolved strings. `{{resolve:ssm:name}}` and `{{resolve:ssm:name:version}}` are
 * replaced from the given SSM parameters, as the service does before a hook sees the properties;
 * `{{resolve:ssm-secure:…}}` and `{{resolve:secretsmanager:…}}` stay as written, because the service never
 * shows those values to a hook either.
 */
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { issueAt, type Where } from './issues';
import { joinWithin } from './string-budget';
import { emptyObject, setKey } from './values';

const DYNAMIC_REFERENCE = /\{\{resolve:ssm:([^}]+)\}\}/g;

/** The value of an SSM reference `name` or `name:version`, or undefined when it was not given. */
function lookupSsm(reference: string, ssm: Readonly<Record<string, string>>): string | undefined {
  if (Object.prototype.hasOwnProperty.call(ssm, reference)) return ssm[reference];
  const versioned = /^(.*):(\d+)$/.exec(reference);
  if (versioned && Object.prototype.hasOwnProperty.call(ssm, versioned[1] as string)) return ssm[versioned[1] as string];
  return undefined;
}

/** What stands in for an SSM parameter nobody gave (after a warning), or undefined to refuse the reference. */
export type MissingSsmParameter = (name: string, reference: string, where: Where) => string | undefined;

/**
 * Replaces `{{resolve:ssm:…}}` references in every string of a resolved value. Copy-on-write: parts without a
 * reference are returned as they are (they may be shared with the template, e.g. a mapping's value).
 */
export function resolveDynamicReferences(value: JsonValue, where: Where, ssm: Readonly<Record<string, string>>, missing?: MissingSsmParameter): JsonValue {
  if (typeof value === 'string') {
    if (!value.includes('{{resolve:ssm:')) return value;
    const parts: string[] = [];
    let rest = 0;
    for (const match of value.matchAll(DYNAMIC_REFERENCE)) {
      const reference = match[1] as string;
      const found = lookupSsm(reference, ssm);
      if (found === undefined) {
        const name = reference.replace(/:\d+$/, '');
        const placeholder = missing?.(name, match[0], where);
        if (placeholder === undefined) {
          throw issueAt(where, 'RES_DYNAMIC_REFERENCE', `${match[0]}: SSM parameter ${name} was not given; pass it with --ssm-parameter ${name}=<value> or in an --ssm file`);
        }
        parts.push(value.slice(rest, match.index), placeholder);
      } else {
        parts.push(value.slice(rest, match.index), found);
      }
      rest = match.index + match[0].length;
    }
    parts.push(value.slice(rest));
    // Many references to a long value could build a string past what V8 can hold: the one budget refuses it first.
    return joinWithin(parts, '', where, 'a {{resolve:ssm:…}} reference');
  }
  if (Array.isArray(value)) {
    let copy: JsonValue[] | undefined;
    value.forEach((item, i) => {
      const resolved = resolveDynamicReferences(item, where.child(i), ssm, missing);
      if (resolved !== item) (copy ??= [...value])[i] = resolved;
    });
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key] as JsonValue;
    const resolved = resolveDynamicReferences(item, where.child(key), ssm, missing);
    if (resolved !== item) {
      if (!copy) {
        copy = emptyObject();
        for (const k of Object.keys(value)) setKey(copy, k, value[k] as JsonValue);
      }
      setKey(copy, key, resolved);
    }
  }
  return copy ?? value;
}
