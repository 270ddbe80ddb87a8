/**
 * `*` matches any run of characters (including none), `?` exactly one. Matching is case-sensitive
 * ([choice]: the documentation does not say; CloudFormation type names and stack names are case-sensitive).
 * A linear two-pointer match, not a RegExp: patterns come from users and must not be able to backtrack for long.
 */
export function matchesWildcard(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    // The star test comes first: a `*` in the pattern is a wildcard even where the text holds a literal `*`.
    if (p < pattern.length && pattern[p] === '*') {
      starAt = p;
      resumeAt = t;
      p += 1;
    } else if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p += 1;
      t += 1;
    } else if (starAt !== -1) {
      p = starAt + 1;
      resumeAt += 1;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/** True when any pattern of the list matches. */
export function matchesAny(patterns: readonly string[], text: string): boolean {
  return patterns.some((pattern) => matchesWildcard(pattern, text));
}
