/**
 * nestedQuantifier (HS311, and the gate of the native-engine fallback): a repeated group that repeats without bound
 * inside is flagged, unless each repetition is fenced by a literal character nothing else in the group can match.
 */
import { nestedQuantifier } from '../../src/schema/linear-regexp';

describe('nestedQuantifier', () => {
  it.each<[string, string | undefined]>([
    ['^(a+)+$', '(a+)+'],
    ['(a*)*', '(a*)*'],
    ['(?:x|y+){2,}', '(?:x|y+){2,}'],
    ['(x+x)*', '(x+x)*'],
    ['(,.+)*', '(,.+)*'],
    ['(,[^;]+)*', '(,[^;]+)*'],
    ['(-[a-z-]+)+', '(-[a-z-]+)+'],
    ['(,\\W+)*', '(,\\W+)*'],
    ['(a|b+,)*', '(a|b+,)*'],
    ['(,a+,)*', '(,a+,)*'],
    // Fenced repetitions: a leading or trailing literal that the rest of the group cannot match.
    ['^([a-z]+\\.)+[a-z]+$', undefined],
    ['(,[a-z0-9][a-z0-9.-]*[a-z0-9])*', undefined],
    ['^([a-z0-9][a-z0-9//.//-]*[a-z0-9]){0,1}$|^([a-z0-9][a-z0-9//.//-]*[a-z0-9]){1}(,[a-z0-9][a-z0-9//.//-]*[a-z0-9])*$', undefined],
    ['(,[^,]+)*', undefined],
    ['(?:;[0-9]+)+', undefined],
    ['([0-9]+;)+', undefined],
    ['(,\\w+)*', undefined],
    ['(,+a)*', undefined],
    ['(\\.[a-z]+)*', undefined],
    ['^[a-z]+$', undefined],
  ])('%s', (pattern, expected) => {
    expect(nestedQuantifier(pattern)).toBe(expected);
  });

  it('a fenced repetition stays fast on a backtracking engine (the reason it is not flagged)', () => {
    for (const [pattern, value] of [
      ['^(,[a-z0-9][a-z0-9.-]*[a-z0-9])*$', `,${'a'.repeat(5000)}!`],
      ['^([a-z]+\\.)+[a-z]+$', `${'a.'.repeat(5000)}!`],
    ]) {
      // CPU time, not the wall clock: a loaded machine stretches the wall clock (this match takes ~100 ms of it
      // there), never the work done, and a pattern that backtracks without end does not finish in a second of CPU.
      const started = process.cpuUsage();
      expect(new RegExp(pattern).test(value)).toBe(false);
      const used = process.cpuUsage(started);
      expect((used.user + used.system) / 1000).toBeLessThan(1000);
    }
  });
});
