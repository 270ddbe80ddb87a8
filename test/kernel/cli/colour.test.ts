/** When text output is coloured: a terminal, unless NO_COLOR; FORCE_COLOR forces; a dumb terminal never. */
import { colourEnabled, palette } from '../../../src/kernel/cli';

describe('colourEnabled', () => {
  const cases: Array<[string, Record<string, string>, boolean, boolean]> = [
    ['a terminal', {}, true, true],
    ['a pipe', {}, false, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['empty NO_COLOR is unset (no-color.org)', { NO_COLOR: '' }, true, true],
    ['NO_COLOR beats FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR empty still forces', { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR=0 turns them off on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false turns them off', { FORCE_COLOR: 'false' }, true, false],
    ['TERM=dumb', { TERM: 'dumb' }, true, false],
  ];
  it.each(cases)('%s', (_name, env, stdoutIsTty, expected) => {
    expect(colourEnabled({ env, stdoutIsTty })).toBe(expected);
  });

  it('paints with ANSI codes only when enabled', () => {
    expect(palette(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(palette(false).red('x')).toBe('x');
  });
});
