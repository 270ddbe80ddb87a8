/**
 * Target names as hooks use them: `Service::Group::Type` with `*` (any run of characters) and `?` (one character)
 * wildcards, plus the special stack- and change-set-level targets.
 */

/** Targets that are not resource types: stack- and change-set-level hooks. */
export const SPECIAL_TARGETS = ['STACK', 'CHANGE_SET'] as const;

const TARGET_NAME = /^[A-Za-z0-9*?]{1,64}::[A-Za-z0-9*?]{1,64}::[A-Za-z0-9*?]{1,64}$/;

/** True when `name` is a three-part target name (wildcards allowed) or a special target. */
export function isWellFormedTargetName(name: string): boolean {
  return (SPECIAL_TARGETS as readonly string[]).includes(name) || TARGET_NAME.test(name);
}

/** True when `name` holds the sequence `*?`, which cfn and the service refuse (it is ambiguous). */
export function hasForbiddenWildcardSequence(name: string): boolean {
  return name.includes('*?');
}

/** A RegExp for a wildcard pattern; matching is case-sensitive (a [choice], see docs/schema-validator.md). */
export function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * True when some name could match both wildcard patterns. Used to tell whether a configuration filter can
 * ever select one of the schema's targets: filters narrow the schema's targetNames, never widen them.
 */
export function wildcardsOverlap(a: string, b: string): boolean {
  // Dynamic programming over both patterns: state (i, j) = prefixes a[..i] and b[..j] can produce the same text.
  const memo = new Map<number, boolean>();
  const width = b.length + 1;
  const overlap = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    else if (i < a.length && a[i] === '*') result = overlap(i + 1, j) || (j < b.length && overlap(i, j + 1));
    else if (j < b.length && b[j] === '*') result = overlap(i, j + 1) || (i < a.length && overlap(i + 1, j));
    else if (i === a.length || j === b.length) result = false;
    else result = (a[i] === '?' || b[j] === '?' || a[i] === b[j]) && overlap(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return overlap(0, 0);
}
