import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createZip, readZip, ZipFormatError } from '../../src/ship/zip';

/** A deterministic pseudo-random buffer: incompressible without depending on Math.random. */
function noise(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('createZip / readZip', () => {
  it.each([
    ['an empty file', 'empty.txt', Buffer.alloc(0), 0],
    ['compressible text', 'text/readme.md', Buffer.from('hook '.repeat(2000)), 8],
    ['incompressible bytes', 'bin/noise.bin', noise(4096), 0],
    ['a UTF-8 name', 'données/schéma.json', Buffer.from('{"a":"é"}'), 0],
  ])('round-trips %s', (_label, name, data, method) => {
    const [entry] = readZip(createZip([{ name, data }]));
    expect(entry.name).toBe(name);
    expect(entry.data.equals(data)).toBe(true);
    expect(entry.method).toBe(method);
    expect(entry.crc32).toBe(crc32(data) >>> 0);
  });

  it('keeps the given order and is byte-identical for the same input', () => {
    const entries = [
      { name: 'b.json', data: Buffer.from('{"b":1}') },
      { name: 'a/c.txt', data: Buffer.from('c'.repeat(300)) },
    ];
    const first = createZip(entries);
    expect(createZip(entries).equals(first)).toBe(true);
    expect(readZip(first).map((e) => e.name)).toEqual(['b.json', 'a/c.txt']);
  });

  it('writes the fixed 1980-01-01 timestamp in every header', () => {
    const zip = createZip([{ name: 'x', data: Buffer.from('x') }]);
    expect(zip.readUInt16LE(10)).toBe(0); // local header time
    expect(zip.readUInt16LE(12)).toBe(0x21); // local header date: 1980-01-01
  });

  it.each([
    ['an absolute path', '/etc/passwd'],
    ['a parent segment', 'a/../../b'],
    ['a backslash', 'a\\b'],
    ['an empty name', ''],
    ['an empty segment', 'a//b'],
  ])('refuses %s as an entry name', (_label, name) => {
    expect(() => createZip([{ name, data: Buffer.from('x') }])).toThrow(ZipFormatError);
  });

  it('refuses a duplicate entry name', () => {
    expect(() => createZip([{ name: 'a', data: Buffer.alloc(1) }, { name: 'a', data: Buffer.alloc(1) }])).toThrow(/duplicate entry name "a"/);
  });

  const good = createZip([{ name: 'file.txt', data: Buffer.from('hello hello hello hello hello') }]);
  it.each([
    ['not a zip', Buffer.from('plain text, no archive here'), /no end-of-central-directory/],
    ['truncated', good.subarray(0, 20), /no end-of-central-directory|truncated/],
    ['a corrupted byte in the data', corrupt(good, 30 + 'file.txt'.length + 2), /CRC-32|inflate|bytes, its header says/],
    ['a bad local header signature', corrupt(good, 0), /bad signature/],
  ])('rejects an archive that is %s', (_label, archive, message) => {
    expect(() => readZip(archive)).toThrow(message);
  });

  (hasUnzip ? it : it.skip)('is read by Info-ZIP unzip without warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    const file = join(dir, 'test.zip');
    writeFileSync(file, createZip([
      { name: 'a.txt', data: Buffer.from('a'.repeat(1000)) },
      { name: 'dir/b.bin', data: noise(100) },
    ]));
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(listing).toMatch(/1000\s+1980-01-01 00:00\s+a\.txt/);
    expect(listing).toMatch(/100\s+1980-01-01 00:00\s+dir\/b\.bin/);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
  });
});

function corrupt(archive: Buffer, offset: number): Buffer {
  const copy = Buffer.from(archive);
  copy[offset] ^= 0xff;
  return copy;
}
