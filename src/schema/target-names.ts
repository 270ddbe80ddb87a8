/**
 * Target names as hooks use them: `Service::Group::Type` with `*` (any run of characters) and `?` (one character)
 * wildcards, plus the special stack- and change-set-level targets.
 */
import { SPECIAL_TARGETS } from '../kernel/resource-catalog';

export { SPECIAL_TARGETS };

const TARGET_NAME = /^[A-Za-z0-9*?]{1,64}::[A-Za-z0-9*?]{1,64}::[A-Za-z0-9*?]{1,64}$/;

/** True when `name` is a three-part target name (wildcards allowed) or a special target. */
export function isWellFormedTargetName(name: string): boolean {
  return (SPECIAL_TARGETS as readonly string[]).includes(name) || TARGET_NAME.test(name);
}

/** True when `name` holds the sequence `*?`, which cfn and the service refuse (it is ambiguous). */
export function hasForbiddenWildcardSequence(name: string): boolean {
  return name.includes('*?');
}
