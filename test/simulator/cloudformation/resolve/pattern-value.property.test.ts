/**
 * Properties of the values --placeholder-parameters makes from an AllowedPattern, over random patterns in Java
 * syntax from a small grammar (literals, escapes, classes, POSIX classes, \Q…\E, groups, alternations, greedy, lazy
 * and possessive quantifiers), translated as the simulator translates them:
 * - any value returned is matched by the translated pattern and has the wanted length, and the same every time;
 * - for these patterns without possessive quantifiers (which can make a pattern match nothing: `a++a`) and no
 *   length wanted, a value is always found (they have no lookaround, back-reference or inner anchor either).
 */
import fc from 'fast-check';
import { translateJavaPattern } from '../../../../simulator/cloudformation/resolve/java-regex';
import { valueMatching } from '../../../../simulator/cloudformation/resolve/pattern-value';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS, minimumReached } from '../../../support/fuzz-runs';

const ATOMS = ['a', 'b', 'x', '0', '7', '-', '_', '\\.', '\\-', '\\d', '\\w', '\\s', '\\S', '.', '[a-c]', '[^a]', '[0-9a-f]', '[A-Z0-9_-]', '\\p{Alpha}', '\\p{Upper}', '\\p{Alnum}', '\\Qa+\\E'];
const QUANTIFIERS = ['?', '*', '+', '{2}', '{1,3}', '{0,2}', '{2,}', '*?', '+?'];
const POSSESSIVE = ['*+', '++', '?+'];

/** Patterns of the grammar, with or without possessive quantifiers, anchored or not. */
function patterns(quantifiers: readonly string[]): fc.Arbitrary<string> {
  const { pattern } = fc.letrec<{ pattern: string }>((tie) => ({
    pattern: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...ATOMS),
      fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...quantifiers)).map(([atom, q]) => `${atom}${q}`),
      fc.array(tie('pattern'), { minLength: 2, maxLength: 4 }).map((items) => items.join('')),
      fc.tuple(fc.array(tie('pattern'), { minLength: 2, maxLength: 3 }), fc.boolean()).map(([options, capture]) => `(${capture ? '' : '?:'}${options.join('|')})`),
      fc.tuple(tie('pattern'), fc.constantFrom(...quantifiers)).map(([inner, q]) => `(?:${inner})${q}`),
    ),
  }));
  return fc.tuple(pattern, fc.boolean()).map(([p, anchor]) => (anchor ? `^${p}$` : p));
}

const lengths = fc.record({ minLength: fc.integer({ min: 0, max: 12 }), maxLength: fc.integer({ min: 0, max: 30 }) }, { requiredKeys: [] });
const hint = fc.constantFrom('', 'placeholder-name', 'PLACEHOLDER', 'a-0');

function translated(javaPattern: string): RegExp {
  const result = translateJavaPattern(javaPattern);
  if (!result.ok) throw new Error(`${javaPattern}: ${result.reason}`);
  return result.regex;
}

describe('values made from random AllowedPatterns', () => {
  it(
    'any value returned matches the pattern, has the wanted length and is the same every time',
    () => {
      let reached = 0;
      fc.assert(
        fc.property(patterns([...QUANTIFIERS, ...POSSESSIVE]), lengths, hint, (javaPattern, wanted, text) => {
          const regex = translated(javaPattern);
          const made = valueMatching(regex, { ...wanted, hint: text });
          expect(valueMatching(translated(javaPattern), { ...wanted, hint: text })).toEqual(made);
          if (!made.ok) return;
          reached += 1;
          expect(regex.test(made.value)).toBe(true);
          const length = [...made.value].length;
          expect(length).toBeGreaterThanOrEqual(wanted.minLength ?? 0);
          expect(length).toBeLessThanOrEqual(wanted.maxLength ?? Infinity);
        }),
        FUZZ_PARAMETERS,
      );
      // About half the runs find a value today; far fewer means the generator asks mostly for the impossible.
      expect(reached).toBeGreaterThanOrEqual(minimumReached(0.2));
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it(
    'a value is always found for these patterns without possessive quantifiers when no length is wanted',
    () => {
      fc.assert(
        fc.property(patterns(QUANTIFIERS), hint, (javaPattern, text) => {
          expect(valueMatching(translated(javaPattern), { hint: text })).toMatchObject({ ok: true });
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});
