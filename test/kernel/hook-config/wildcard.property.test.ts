import fc from 'fast-check';
import { matchesWildcard } from '../../../simulator/cloudformation/invoke';

/** The obvious (backtracking) definition, as a RegExp: the linear matcher must agree with it. */
function reference(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

describe('matchesWildcard (property)', () => {
  const alphabet = fc.constantFrom('a', 'b', ':', '*', '?', '.', 'A');
  const word = fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join(''));

  it('agrees with the regular-expression definition', () => {
    fc.assert(
      fc.property(word, word, (pattern, text) => {
        expect(matchesWildcard(pattern, text)).toBe(reference(pattern, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('a pattern without wildcards matches only itself', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/[*?]/.test(s)), fc.string(), (pattern, text) => {
        expect(matchesWildcard(pattern, text)).toBe(pattern === text);
      }),
    );
  });
});
