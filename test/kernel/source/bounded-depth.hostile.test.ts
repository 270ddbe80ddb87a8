/** The kernel readers' bounds: nesting (parseJson maxDepth) and files that are not regular files (regularFileOnly). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReadError, offsetBeyondJsonDepth, parseJson, readBoundedText, SourceSyntaxError } from '../../../src/kernel/source';

describe('parseJson maxDepth', () => {
  it.each([
    ['100,000 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 1, 513],
    ['objects on the second line', `{\n "a": ${'{"b":'.repeat(600)}1${'}'.repeat(600)}}`, 2, 0],
  ])('refuses %s with SRC_TOO_DEEP at the bracket that goes too deep', (_what, text, line, column) => {
    let error: unknown;
    try {
      parseJson(text, 'deep.json', { maxDepth: 512 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceSyntaxError);
    expect((error as SourceSyntaxError).code).toBe('SRC_TOO_DEEP');
    expect((error as SourceSyntaxError).line).toBe(line);
    if (column > 0) expect((error as SourceSyntaxError).column).toBe(column);
  });

  it('accepts exactly the bound, and brackets inside strings do not count', () => {
    expect(() => parseJson(`${'['.repeat(512)}${']'.repeat(512)}`, 'ok.json', { maxDepth: 512 })).not.toThrow();
    expect(offsetBeyondJsonDepth(`["${'['.repeat(1000)}"]`, 2)).toBeUndefined();
  });

  it('without the option, depth is not checked (the old behaviour for callers that do not ask)', () => {
    expect(() => parseJson(`${'['.repeat(2000)}${']'.repeat(2000)}`, 'any.json')).not.toThrow();
  });
});

describe('readBoundedText: a regular file only, whoever the caller', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bounded-regular-'));
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    writeFileSync(join(dir, 'plain.json'), '{}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a FIFO (never opened, so no hang)', 'fifo.json', /it is a FIFO \(named pipe\), not a file/],
    ['a symlink to /dev/zero', 'zero.json', /it is a device, not a file/],
    ['a directory', '.', /it is a directory, not a file/],
  ])('refuses %s', (_what, name, reason) => {
    expect(() => readBoundedText(join(dir, name))).toThrow(FileReadError);
    expect(() => readBoundedText(join(dir, name))).toThrow(reason);
  });

  it('reads a regular file', () => {
    expect(readBoundedText(join(dir, 'plain.json'))).toBe('{}');
  });
});
