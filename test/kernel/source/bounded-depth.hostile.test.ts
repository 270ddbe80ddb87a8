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

describe('readBoundedText: UTF-8 text only, whoever the caller (named as templates name it, not "found �")', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bounded-utf8-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const utf16le = (text: string) => Buffer.from(text, 'utf16le');
  it.each<[string, Buffer, string]>([
    ['UTF-16 LE with its byte-order mark (PowerShell 5 `>`)', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{"a": "b"}')]), 'it is not UTF-8 text (byte 0xff at byte offset 0); it looks like UTF-16 LE (it starts with that byte-order mark): save it as UTF-8'],
    ['UTF-16 BE with its byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16le('{}').swap16()]), 'it is not UTF-8 text (byte 0xfe at byte offset 0); it looks like UTF-16 BE (it starts with that byte-order mark): save it as UTF-8'],
    ['UTF-16 LE without a mark', utf16le('{"a": "b"}'), 'it is not UTF-8 text (a NUL byte at byte offset 1); it looks like UTF-16 LE (every other byte is a NUL): save it as UTF-8'],
    ['Latin-1', Buffer.from('{"name": "caf\u00e9"}', 'latin1'), 'it is not UTF-8 text (byte 0xe9 at byte offset 13): save it as UTF-8'],
  ])('refuses %s, FILE_NOT_UTF8', (_what, bytes, reason) => {
    const file = join(dir, 'side.json');
    writeFileSync(file, bytes);
    let caught: unknown;
    try {
      readBoundedText(file, { what: 'the exports file' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FileReadError);
    expect({ code: (caught as FileReadError).code, message: (caught as FileReadError).message }).toEqual({ code: 'FILE_NOT_UTF8', message: `cannot read the exports file: ${reason}` });
  });

  it.each([
    ['a byte-order mark', '\uFEFF{"a": "b"}'],
    ['characters past ASCII', '{"name": "caf\u00e9 \u{1F600}"}'],
  ])('reads UTF-8 with %s', (_what, text) => {
    writeFileSync(join(dir, 'ok.json'), text);
    expect(readBoundedText(join(dir, 'ok.json'))).toBe(text);
  });
});
