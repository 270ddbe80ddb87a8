/**
 * How the validator evaluates the `pattern`s users write: in linear time, so that no schema and no value can make
 * `validate --config`, `configure` or the simulator hang (`^(a+)+$` against 30 000 `a`s and a `b` takes a
 * backtracking engine longer than the universe has existed). RE2 semantics, through re2js (a pure JavaScript port
 * of RE2); a pattern RE2 cannot express (lookaround, backreferences) falls back to the native engine, on values of
 * at most FALLBACK_INPUT_LIMIT characters and only when it has no nested quantifier (see nestedQuantifier).
 */
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';
import { RE2JS } from 're2js';

/** The longest value the native-engine fallback is run on; a longer one does not match. */
export const FALLBACK_INPUT_LIMIT = 1000;

/** A RegExp engine for ajv's `code.regExp` option. */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(pattern);
    } catch {
      // Throws SyntaxError for a pattern JavaScript refuses too: ajv reports that as a compile error, as before.
      const native = new RegExp(pattern, flags);
      const safe = nestedQuantifier(pattern) === undefined;
      return named(`native:${pattern}`, (value) => safe && value.length <= FALLBACK_INPUT_LIMIT && native.test(value));
    }
    // ajv shares compiled patterns by their toString(): it must name the pattern, or every pattern is the first one.
    return named(`re2:${pattern}`, (value) => compiled.matcher(value).find());
  },
  { code: 'linearRegExp' },
);

function named(name: string, test: (value: string) => boolean): RegExpLike {
  const like: RegExpLike & { toString(): string } = { test, toString: () => name };
  return like;
}

/**
 * The first repeated group that itself repeats something without bound (`(a+)+`, `(a*)*`, `(?:x|y+){2,}`): the
 * shape that makes backtracking engines take exponential time on a near-miss value. Returns the group's text, or
 * undefined. A lexical scan: escapes and character classes are skipped, not interpreted.
 */
export function nestedQuantifier(pattern: string): string | undefined {
  // For each open group: where it starts and whether something inside it repeats without bound.
  const open: Array<{ start: number; repeats: boolean }> = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') open.push({ start: i, repeats: false });
    else if (c === ')') {
      const group = open.pop();
      if (!group) continue;
      const quantifier = unboundedQuantifierAt(pattern, i + 1);
      if (quantifier > 0 && group.repeats) return pattern.slice(group.start, i + 1 + quantifier);
      if (open.length > 0 && (group.repeats || quantifier > 0)) open[open.length - 1].repeats = true;
    } else if (open.length > 0 && unboundedQuantifierAt(pattern, i) > 0) {
      open[open.length - 1].repeats = true;
    }
  }
  return undefined;
}

/** The length of an unbounded quantifier (`*`, `+`, `{n,}`) starting at `at`, or 0. */
function unboundedQuantifierAt(pattern: string, at: number): number {
  const c = pattern[at];
  if (c === '*' || c === '+') return 1;
  if (c === '{') {
    const match = /^\{\d+,\}/.exec(pattern.slice(at, at + 16));
    if (match) return match[0].length;
  }
  return 0;
}
