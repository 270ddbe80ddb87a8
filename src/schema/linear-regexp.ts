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
      if (quantifier > 0 && group.repeats && !isDelimited(pattern.slice(group.start + 1, i))) return pattern.slice(group.start, i + 1 + quantifier);
      if (open.length > 0 && (group.repeats || quantifier > 0)) open[open.length - 1].repeats = true;
    } else if (open.length > 0 && unboundedQuantifierAt(pattern, i) > 0) {
      open[open.length - 1].repeats = true;
    }
  }
  return undefined;
}

/**
 * Whether a repeated group's body begins or ends with a literal character that nothing else in the body can match
 * (`(,[a-z0-9]+)*`, `([a-z]+\\.)+`): each repetition is then fenced by that character, so however the inner parts
 * backtrack, they cannot trade characters across repetitions, and the cost stays polynomial. Conservative: a body
 * with `.`, a group, an alternation, a negated class without the delimiter or a class escape that may hold it is not.
 */
function isDelimited(body: string): boolean {
  const inner = body.replace(/^\?(?::|<[A-Za-z][A-Za-z0-9]*>)/, '');
  if (/[()|]/.test(inner.replace(/\\./g, '')) || inner.length < 2) return false;
  const first = literalAt(inner, 0);
  const last = lastLiteral(inner);
  return [first, last].some((fence) => fence !== undefined && !mayMatchElsewhere(inner, fence));
}

/** The literal character a regular-expression atom at `at` stands for (`,` or `\\.`), with its length; undefined for anything else. */
function literalAt(text: string, at: number): { char: string; start: number; end: number } | undefined {
  const c = text[at];
  if (c === undefined) return undefined;
  if (c === '\\') {
    const next = text[at + 1];
    return next !== undefined && !/[A-Za-z0-9]/.test(next) ? { char: next, start: at, end: at + 2 } : undefined;
  }
  if ('[](){}.*+?|^$'.includes(c)) return undefined;
  // A literal followed by a quantifier is not a fence (it may repeat or vanish).
  const after = text[at + 1];
  if (after !== undefined && '*+?{'.includes(after)) return undefined;
  return { char: c, start: at, end: at + 1 };
}

function lastLiteral(text: string): { char: string; start: number; end: number } | undefined {
  const escaped = text.length >= 2 && text[text.length - 2] === '\\' && (text.length < 3 || text[text.length - 3] !== '\\');
  return literalAt(text, text.length - (escaped ? 2 : 1));
}

/** Whether anything in `body` other than the fence itself could match `fence.char`. */
function mayMatchElsewhere(body: string, fence: { char: string; start: number; end: number }): boolean {
  const char = fence.char;
  for (let i = 0; i < body.length; i++) {
    if (i === fence.start) {
      i = fence.end - 1;
      continue;
    }
    const c = body[i];
    if (c === '\\') {
      const next = body[++i] ?? '';
      if (next === char) return true;
      if (/[WDSbBpPuxc0-9]/.test(next)) return true;
      if ((next === 'w' && /\w/.test(char)) || (next === 'd' && /\d/.test(char)) || (next === 's' && /\s/.test(char))) return true;
      continue;
    }
    if (c === '.') return true;
    if (c === char) return true;
    if (c === '[') {
      const end = classEnd(body, i);
      if (end < 0 || classMayMatch(body.slice(i + 1, end), char)) return true;
      i = end;
    }
  }
  return false;
}

function classEnd(text: string, open: number): number {
  let i = open + 1;
  if (text[i] === '^') i++;
  if (text[i] === ']') i++;
  for (; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ']') return i;
  }
  return -1;
}

/** Whether the class body (between the brackets) may match `char`; a negated class, unless it names `char`, may. */
function classMayMatch(content: string, char: string): boolean {
  const negated = content.startsWith('^');
  const members = negated ? content.slice(1) : content;
  let found = false;
  for (let i = 0; i < members.length; i++) {
    let c = members[i];
    if (c === '\\') {
      const next = members[++i] ?? '';
      if (/[A-Za-z0-9]/.test(next)) {
        if (/[wds]/.test(next) ? new RegExp(`\\${next}`).test(char) : true) found = true;
        continue;
      }
      c = next;
    }
    if (members[i + 1] === '-' && i + 2 < members.length) {
      let hi = members[i + 2];
      let skip = 2;
      if (hi === '\\') {
        hi = members[i + 3] ?? '';
        skip = 3;
      }
      if (char >= c && char <= hi) found = true;
      i += skip;
      continue;
    }
    if (c === char) found = true;
  }
  return negated ? !found : found;
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
