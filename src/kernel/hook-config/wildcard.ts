/**
 * `*` matches any run of characters (including none), `?` exactly one. Matching is case-sensitive
 * ([choice]: the documentation does not say; CloudFormation type names and stack names are case-sensitive).
 * The one wildcard matcher of the project (validator, simulator, packager): an iterative two-pointer match, not a
 * RegExp and not a recursion, so a pattern from a user can neither backtrack for long nor overflow the stack. It only
 * ever returns to the last `*`: O(|pattern|·|text|) in the worst case, linear in the text for a pattern without `*`.
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

/**
 * True when some text could match both wildcard patterns (a `?` against a `*`, a `*` against anything).
 * The validator uses it to tell whether a configuration filter can ever select one of the schema's targets.
 * Iterative dynamic programming over both patterns, O(|a|·|b|) time and O(|b|) memory, no recursion: target
 * names come from users and may be as long as a file allows.
 */
export function wildcardsOverlap(a: string, b: string): boolean {
  // next[j] / current[j]: the suffixes a[i..] and b[j..] can produce the same text (computed from the ends backwards).
  let next = new Uint8Array(b.length + 1);
  let current = new Uint8Array(b.length + 1);
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      let result: boolean;
      if (i === a.length && j === b.length) result = true;
      else if (i < a.length && a[i] === '*') result = next[j] === 1 || (j < b.length && current[j + 1] === 1);
      else if (j < b.length && b[j] === '*') result = current[j + 1] === 1 || (i < a.length && next[j] === 1);
      else if (i === a.length || j === b.length) result = false;
      else result = (a[i] === '?' || b[j] === '?' || a[i] === b[j]) && next[j + 1] === 1;
      current[j] = result ? 1 : 0;
    }
    [next, current] = [current, next];
  }
  return next[0] === 1;
}
