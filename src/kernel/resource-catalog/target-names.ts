/**
 * Whether a hook's target name (a resource type, or a pattern with `*` and `?`) can ever match a type the service
 * recognises. The service compares target names with a target's type, case-sensitively, so a name no type has
 * (`AWS::S3::Buckets`) leaves the hook never invoked for what was meant, and nothing says so. Shared by the schema
 * validator (a hook schema's handlers' targetNames) and the hooks file (a Lambda or Guard hook's TargetFilters).
 */
import { matchesWildcard, wildcardsOverlap } from '../hook-config/wildcard';
import { catalogTypeNames, isRecognizedType } from './resource-catalog';
import { closestName } from '../diagnostics/closest-name';

/** Targets that are not resource types: stack- and change-set-level hooks. */
export const SPECIAL_TARGETS = ['STACK', 'CHANGE_SET'] as const;
/** Custom resources are named `Custom::<name>` (any name), so a pattern that can match one names a real type. */
const CUSTOM_RESOURCES = 'Custom::*';

/** A target name that matches no type: whether it was a pattern, and for a plain name the type meant, when one is near. */
export interface UnmatchedTargetName {
  readonly wildcard: boolean;
  readonly near?: string;
}

/**
 * Undefined when the name is `STACK` or `CHANGE_SET`, a type of the catalogue, a custom resource, one of `knownTypes`
 * (private and third-party types, `*` allowed), or a pattern that matches any of those; else what it failed to match.
 */
export function unmatchedTargetName(name: string, knownTypes: readonly string[]): UnmatchedTargetName | undefined {
  if ((SPECIAL_TARGETS as readonly string[]).includes(name)) return undefined;
  const wildcard = /[*?]/.test(name);
  if (!wildcard) {
    if (isRecognizedType(name, knownTypes)) return undefined;
    const near = closestName(name, [...catalogTypeNames(), ...knownTypes.filter((type) => !/[*?]/.test(type))]);
    return near === undefined ? { wildcard } : { wildcard, near };
  }
  if ([...knownTypes, CUSTOM_RESOURCES].some((type) => wildcardsOverlap(name, type))) return undefined;
  return catalogTypeNames().some((type) => matchesWildcard(name, type)) ? undefined : { wildcard };
}
