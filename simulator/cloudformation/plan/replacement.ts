/**
 * Which property changes force CloudFormation to replace a resource (a new physical resource, the old one
 * deleted in cleanup): the resource's create-only properties, which the resolver attaches to each resolved resource
 * from the resource-type catalogue (`createOnlyProperties` in resolve/resource-types.ts).
 */
import { sameSentJson, type JsonObject } from '../../../src/kernel/protocol';

/**
 * The create-only properties whose value differs between two property sets; non-empty means a replacement. Values
 * are compared as the service sends them, every scalar a string: `FifoQueue: true` and `"true"` are the same value.
 */
export function replacementCauses(createOnly: readonly string[], previous: JsonObject, next: JsonObject): string[] {
  return createOnly.filter((name) => !sameSentJson(previous[name], next[name]));
}
