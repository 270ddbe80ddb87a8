/**
 * Whether a hook's target name (a resource type, or a pattern with `*` and `?`) can ever match a type the service
 * recognises. The service compares target names with a target's type, case-sensitively, so a name no type has
 * (`AWS::S3::Buckets`) leaves the hook never invoked for what was meant, and nothing says so. Shared by the schema
 * validator (a hook schema's handlers' targetNames) and the hooks file (a Lambda or Guard hook's TargetFilters).
 */
import { matchesWildcard, wildcardsOverlap } from '../hook-config/wildcard';
import { catalogSource, catalogTypeNames, isRecognizedType } from './resource-catalog';
import { closestName } from '../diagnostics/closest-name';
import { quote } from '../diagnostics/wording';
import { isSamType, samGeneratedType } from './sam-types';

/** Targets that are not resource types: stack- and change-set-level hooks. */
export const SPECIAL_TARGETS = ['STACK', 'CHANGE_SET'] as const;
/** Custom resources are named `Custom::<name>` (any name), so a pattern that can match one names a real type. */
const CUSTOM_RESOURCES = 'Custom::*';

/**
 * A target name that matches no type a hook is invoked for: whether it was a pattern; whether it names (or matches
 * only) SAM types, which the transform replaces before any hook runs; for a plain name the type meant, when one is near
 * (for a SAM type, the type SAM generates in its place).
 */
export interface UnmatchedTargetName {
  readonly wildcard: boolean;
  readonly sam?: true;
  readonly near?: string;
}

/**
 * Undefined when the name is `STACK` or `CHANGE_SET`, a type of the catalogue, a custom resource, one of `knownTypes`
 * (private and third-party types, `*` allowed), or a pattern that matches any of those; else what it failed to match.
 * SAM's types are in the catalogue, but a hook is never invoked for one, so a name that is or matches only SAM types
 * is unmatched too, whatever `knownTypes` holds.
 */
export function unmatchedTargetName(name: string, knownTypes: readonly string[]): UnmatchedTargetName | undefined {
  if ((SPECIAL_TARGETS as readonly string[]).includes(name)) return undefined;
  const wildcard = /[*?]/.test(name);
  if (!wildcard) {
    if (isSamType(name) && isRecognizedType(name, [])) {
      const generated = samGeneratedType(name);
      return generated === undefined ? { wildcard, sam: true } : { wildcard, sam: true, near: generated };
    }
    if (isRecognizedType(name, knownTypes)) return undefined;
    const near = closestName(name, [...catalogTypeNames().filter((type) => !isSamType(type)), ...knownTypes.filter((type) => !/[*?]/.test(type))]);
    return near === undefined ? { wildcard } : { wildcard, near };
  }
  if ([...knownTypes, CUSTOM_RESOURCES].some((type) => wildcardsOverlap(name, type) && !isSamType(type))) return undefined;
  const types = catalogTypeNames();
  if (types.some((type) => !isSamType(type) && matchesWildcard(name, type))) return undefined;
  return types.some((type) => isSamType(type) && matchesWildcard(name, type)) ? { wildcard, sam: true } : { wildcard };
}

/**
 * What is wrong with an unmatched target name, as one clause after the name: the one wording the schema validator's
 * HS314 and the hooks file's HOOKS_UNKNOWN_TARGET share.
 */
export function unmatchedTargetText(unmatched: UnmatchedTargetName): string {
  if (unmatched.sam) {
    const what = unmatched.wildcard ? 'matches only SAM resource types' : 'is a SAM resource type';
    const instead = unmatched.near ? ` (target ${quote(unmatched.near)}, the resource SAM generates for it)` : ' (target the resources SAM generates)';
    return `${what}, which the AWS::Serverless-2016-10-31 transform replaces before any hook runs${instead}`;
  }
  const what = unmatched.wildcard ? 'matches no resource type' : 'is no resource type';
  return `${what} of the CloudFormation registry (${catalogSource()})${unmatched.near ? ` (did you mean ${quote(unmatched.near)}?)` : ''}`;
}
