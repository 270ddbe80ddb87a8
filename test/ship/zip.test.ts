import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { buildSync } from 'esbuild';
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


/** The zip module as one CommonJS file, for child processes with another TZ. */
let bundled: string | undefined;
function bundledZip(): string {
  if (bundled) return bundled;
  bundled = join(mkdtempSync(join(tmpdir(), 'zip-bundle-')), 'zip.js');
  buildSync({ entryPoints: [join(__dirname, '..', '..', 'src', 'ship', 'zip', 'zip-archive.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundled, logLevel: 'error' });
  return bundled;
}

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

  it.each([['0'], ['42'], ['1234567890']])('refuses the bare number %s as a name (it would move to the front)', (name) => {
    expect(() => createZip([{ name: 'a', data: Buffer.alloc(1) }, { name, data: Buffer.alloc(1) }])).toThrow(ZipFormatError);
  });

  it.each([
    ['UTC', 'UTC'],
    ['Tokyo (ahead)', 'Asia/Tokyo'],
    ['Honolulu (behind)', 'Pacific/Honolulu'],
  ])('is byte-identical in every time zone: %s', (_label, zone) => {
    const script = `const { createZip } = require(${JSON.stringify(bundledZip())}); process.stdout.write(createZip([{ name: 'a.txt', data: Buffer.from('a'.repeat(500)) }, { name: 'b', data: Buffer.from('b') }]).toString('hex'));`;
    const hex = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    expect(hex).toBe(createZip([{ name: 'a.txt', data: Buffer.from('a'.repeat(500)) }, { name: 'b', data: Buffer.from('b') }]).toString('hex'));
  });

  it('refuses a duplicate entry name', () => {
    expect(() => createZip([{ name: 'a', data: Buffer.alloc(1) }, { name: 'a', data: Buffer.alloc(1) }])).toThrow(/duplicate entry name "a"/);
  });

  /** The archive with the byte at `offset` changed. */
  const damaged = (archive: Buffer, offset: number): Buffer => {
    const copy = Buffer.from(archive);
    copy[offset] = (copy[offset] ?? 0) ^ 0xff;
    return copy;
  };
  const good = createZip([{ name: 'file.txt', data: Buffer.from('hello hello hello hello hello') }]);
  it.each([
    ['not a zip', Buffer.from('plain text, no archive here'), /not a readable ZIP archive/],
    ['truncated', good.subarray(0, 20), /not a readable ZIP archive/],
    ['cut before its end record', good.subarray(0, good.length - 1), /not a readable ZIP archive/],
    // A stored one-byte member ('a', data at offset 30 + 1): its byte changed, its CRC-32 no longer matches.
    ['damaged inside a member', damaged(createZip([{ name: 'a', data: Buffer.from('x') }]), 31), /not a readable ZIP archive: "a": its data does not match its CRC-32/],
  ])('rejects an archive that is %s', (_label, archive, message) => {
    expect(() => readZip(archive)).toThrow(message);
  });

  it('is read by Info-ZIP unzip without warnings (unzip is required: .ci/run installs it)', () => {
    expect(spawnSync('unzip', ['-v']).status).toBe(0);
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

