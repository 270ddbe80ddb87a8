import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/kernel/diagnostics';
import { FileReadError, isDirectory, notADirectoryReason, readBoundedBytes, readBoundedText } from '../../../src/kernel/source';

const dir = mkdtempSync(join(tmpdir(), 'bounded-read-'));
writeFileSync(join(dir, 'small.txt'), 'hello');
writeFileSync(join(dir, 'ten.txt'), '0123456789');
mkdirSync(join(dir, 'folder'));

describe('the one bounded reader', () => {
  it.each([
    ['a small file', 'small.txt', 100, 'hello'],
    ['a file exactly at the bound', 'ten.txt', 10, '0123456789'],
  ])('reads %s whole', (_what, file, limit, text) => {
    expect(readBoundedText(join(dir, file), { limit })).toBe(text);
  });

  it.each([
    ['a missing file', 'missing.txt', 100, 'FILE_UNREADABLE', 'no such file'],
    ['a directory', 'folder', 100, 'FILE_UNREADABLE', 'is a directory'],
    ['a file over the bound', 'ten.txt', 9, 'FILE_TOO_LARGE', 'larger than 9 bytes'],
  ])('refuses %s with a located input error', (_what, file, limit, code, reason) => {
    let caught: unknown;
    try {
      readBoundedText(join(dir, file), { limit, what: 'the configuration' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FileReadError);
    expect(caught).toBeInstanceOf(InputError);
    const [d] = (caught as FileReadError).diagnostics;
    expect(d).toMatchObject({ code, file: join(dir, file), severity: 'error' });
    expect(d?.message).toMatch(/^cannot read the configuration: /);
    expect(d?.message).toContain(reason);
  });

  // A FIFO on disk, and an endless pipe named /dev/fd/N (read with the bound), are in named-fifo.hostile.test.ts.
  it.each([
    ['an endless device', '/dev/zero', 'a device'],
    ['an empty device', '/dev/null', 'a device'],
  ])('refuses %s before opening it (%s)', (_what, path, kind) => {
    expect(() => readBoundedBytes(path, 1024)).toThrow(`cannot read the file: it is ${kind}, not a file`);
  });

});

/** A folder, a file, a link to the folder and a dangling link: what the two folder checks are asked about. */
function folderFixture(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'folder'));
  writeFileSync(join(root, 'file.yaml'), 'Resources: {}\n');
  symlinkSync(join(root, 'folder'), join(root, 'link-to-folder'));
  symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
  return root;
}

describe('isDirectory, the one folder check', () => {
  const root = folderFixture('is-directory-');

  it.each([
    ['folder', true],
    ['link-to-folder', true],
    ['file.yaml', false],
    ['missing', false],
    ['dangling', false],
  ])('%s: %s', (name, expected) => {
    expect(isDirectory(join(root, name))).toBe(expected);
  });
});

describe('notADirectoryReason, why a folder the user names is not one', () => {
  const root = folderFixture('not-a-directory-');

  it.each([
    ['folder', undefined],
    ['link-to-folder', undefined],
    ['file.yaml', 'it is a file, not a directory'],
    ['missing', 'no such directory'],
    ['dangling', 'no such directory'],
    ['file.yaml/below', 'a part of the path is not a directory'],
  ])('%s: %s', (name, expected) => {
    expect(notADirectoryReason(join(root, name))).toBe(expected);
  });

  it('names a device for what it is', () => {
    expect(notADirectoryReason('/dev/null')).toBe('it is a device, not a directory');
  });
});
