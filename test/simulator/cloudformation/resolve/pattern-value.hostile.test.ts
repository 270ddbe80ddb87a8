/**
 * Hostile AllowedPatterns for --placeholder-parameters' generator: nested quantifiers, huge repetition counts,
 * huge alternations, deep nesting, sets nothing readable fits. Each returns within the step budget (counted, not
 * timed), checks at most a dozen values with the backtracking engine (each one RE2 matched first, or a short one
 * where RE2 cannot run the pattern), and never makes one over VALUE_LIMIT.
 */
import { translateJavaPattern } from '../../../../simulator/cloudformation/resolve/java-regex';
import { StepBudget, STEP_LIMIT } from '../../../../simulator/cloudformation/resolve/pattern-syntax';
import { VALUE_LIMIT, valueMatching, type ValueWanted } from '../../../../simulator/cloudformation/resolve/pattern-value';

/** The translated pattern, counting how many values the engine is asked to judge. */
class CountingRegExp extends RegExp {
  tests = 0;

  override test(value: string): boolean {
    this.tests += 1;
    return super.test(value);
  }
}

function counting(pattern: string): CountingRegExp {
  const result = translateJavaPattern(pattern);
  if (!result.ok) throw new Error(`untranslatable: ${result.reason}`);
  return new CountingRegExp(result.regex.source, result.regex.flags);
}

const alternation = (n: number): string => `^(${Array.from({ length: n }, (_, i) => `v${i}`).join('|')})$`;

describe('hostile AllowedPatterns', () => {
  const possessiveTrap = '^(?:b*?){0,2}(?:[^a])*+(?:\\w){0,2}(?:b|(?:\\d|a|_))(?:[^a])++$';

  it.each<[string, string, ValueWanted, 'ok' | RegExp]>([
    ['nested unbounded quantifiers', '^(a+)+$', {}, 'ok'],
    ['nested stars', '^((a*)*)*b$', {}, 'ok'],
    ['overlapping alternatives under a star', '^(a|aa)*c$', {}, 'ok'],
    ['a huge fixed count', '^a{1000000}$', {}, /shortest match has 1000000 characters/],
    ['nested huge counts', '^((a{100}){100}){100}$', {}, /shortest match has 1000000 characters/],
    ['a huge count of something that may be empty', '^(a?){100000}$', {}, 'ok'],
    ['a huge count of a group of huge counts that may be empty', '^((a?){1000}){1000}$', {}, 'ok'],
    ['a count just over the value bound', `^[a-z]{${VALUE_LIMIT + 1}}$`, {}, /more than a placeholder's 1024/],
    ['a back-reference that doubles past the bound', `^([a-z]{600})\\1$`, {}, /its (shortest match has 1200|values grow past)/],
    ['an alternation of 2,000 options', alternation(2000), {}, 'ok'],
    ['an alternation longer than the source bound', alternation(4000), {}, /longer than 20000 characters/],
    ['groups nested 500 deep', `^${'('.repeat(500)}a${')'.repeat(500)}$`, {}, /nest more than 200 deep/],
    ['a set only an astral character fits, repeated', '^[\\x{1F600}]{3}$', {}, /matches no character of the Basic Multilingual Plane/],
    ['many distinct sets', `^${Array.from({ length: 500 }, (_, i) => `[^${String.fromCharCode(97 + (i % 26))}]`).join('')}$`, {}, 'ok'],
    ['a possessive quantifier and a repetition inside a repetition', possessiveTrap, {}, /with a repetition inside a repetition is not tried/],
    ['a possessive quantifier and an alternation inside a repetition', '^(?:a|\\w)+[a-z]++$', {}, /with an alternation inside a repetition is not tried/],
    ['a lookahead and 5 variable repetitions', '^(?=a)a*b*c*d*e*$', {}, /with more than 4 variable repetitions that multiply is not tried/],
    ['lookaheads, each atomic: their repetitions do not multiply', '^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s])(?=.*x)(?=.*y).{8,41}$', {}, /does not match it/],
    ['a possessive quantifier before a tail it has eaten (matches nothing)', '^[a-z]*+a$', {}, /the value made from it, "a", does not match it/],
    ['the same, wanting 500 characters the backtracking engine alone would judge', '^[a-z]*+a$', { minLength: 500 }, /only tried on values of at most 64/],
    ['nested quantifiers, wanting 1,000 characters', '^(a|aa)+$', { minLength: 1000 }, 'ok'],
  ])('%s', (_, pattern, wanted, outcome) => {
    const regex = counting(pattern);
    const budget = new StepBudget();
    const made = valueMatching(regex, { ...wanted, hint: 'placeholder-hostile' }, budget);
    expect(budget.used).toBeLessThanOrEqual(STEP_LIMIT + 1);
    expect(regex.tests).toBeLessThanOrEqual(12);
    if (outcome === 'ok') {
      expect(made.ok).toBe(true);
      if (made.ok) {
        expect(made.value.length).toBeLessThanOrEqual(VALUE_LIMIT);
        expect(regex.test(made.value)).toBe(true);
      }
    } else {
      expect(made.ok).toBe(false);
      if (!made.ok) expect(made.reason).toMatch(outcome);
    }
  });

  it('gives up on the step budget, not on time, when following a pattern costs too much', () => {
    // Sets that each fit one character past 0xF000 only: each costs a scan of 61,000 characters.
    const pattern = `^${Array.from({ length: 8 }, (_, i) => `[\\x{F00${i}}]`).join('')}$`;
    const budget = new StepBudget();
    const made = valueMatching(counting(pattern), {}, budget);
    expect(made).toEqual({ ok: false, reason: `it takes more than ${STEP_LIMIT} steps to follow` });
    expect(budget.used).toBe(STEP_LIMIT + 1);
  });
});
