/** The one escaping step for names printed from the user's disk, and formatDiagnostic's one-line promise. */
import { displayName, escapeUnprintable, formatDiagnostic, isPrintableName } from '../../../src/kernel/diagnostics';

describe('displayName', () => {
  it.each([
    ['plain', '01_migrate.sh', '01_migrate.sh'],
    ['unicode letters and emoji', 'café_🚀.sh', 'café_🚀.sh'],
    ['spaces and a leading dash', '-x y.sh', '-x y.sh'],
    ['a newline', 'a\nb', '"a\\nb"'],
    ['a carriage return', 'a\rb', '"a\\rb"'],
    ['a tab', 'a\tb', '"a\\tb"'],
    ['an escape sequence', 'a\u001b[31mred', '"a\\u001b[31mred"'],
    ['DEL and a C1 control', 'a\u007fb\u0085c', '"a\\u007fb\\u0085c"'],
    ['a right-to-left override', 'a\u202eb', '"a\\u202eb"'],
    ['a line separator', 'a\u2028b', '"a\\u2028b"'],
    ['a lone surrogate', 'a\ud800b', '"a\\ud800b"'],
    ['quotes and backslashes once quoting is needed', 'a"\\\nb', '"a\\"\\\\\\nb"'],
  ])('%s', (_what, name, shown) => {
    expect(displayName(name)).toBe(shown);
    expect(isPrintableName(name)).toBe(name === shown);
  });

  it('keeps a surrogate pair (an emoji) as it is', () => {
    expect(escapeUnprintable('🚀')).toBe('🚀');
  });
});

describe('formatDiagnostic is always one line', () => {
  it.each([
    ['a file name', { file: 'x\nFORGED:1:1 X', message: 'm', path: '' }],
    ['a message', { file: 'f.json', message: 'key "a\nFORGED b"', path: '' }],
    ['a pointer', { file: 'f.json', message: 'm', path: '/a\nFORGED' }],
  ])('with a newline in %s', (_where, parts) => {
    const line = formatDiagnostic({ code: 'SRC_SYNTAX', severity: 'error', line: 1, column: 2, ...parts });
    expect(line).not.toContain('\n');
    expect(line).toContain('\\nFORGED');
  });
});
