/**
 * Hostile and broken rule archives: every one ends in a GuardArchiveError (or the kernel's FileReadError) that says
 * what is wrong and names the entry at fault; none writes outside its folder, hangs, or inflates past its bound.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GuardArchiveError, readGuardArchive, type GuardArchiveFormat, type GuardArchiveLimits } from '../../../../simulator/cloudformation/guard';
import { FileReadError } from '../../../../src/kernel/source';
import { paxRecords, tarGzOf, zipOf } from '../../../support/archives';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rule-archive-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RULE = 'rule R { Resources exists }\n';
const UNIX_SYMLINK = { os: 3, attrs: (0o120777 << 16) >>> 0 };

/** The stored ZIP of one member, with a byte of its data (after the 30-byte local header and the name) replaced. */
function zipWithDataByte(name: string, text: string, index: number, value: number): Buffer {
  const zip = zipOf([{ name, text, options: { level: 0 } }]);
  zip[30 + name.length + index] = value;
  return zip;
}

/** A ZIP whose one member declares `size` bytes (local and central headers) whatever its stream inflates to. */
function zipDeclaring(size: number, text: string): Buffer {
  const zip = zipOf([{ name: 'bomb.guard', text }]);
  zip.writeUInt32LE(size, 22);
  zip.writeUInt32LE(size, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
  return zip;
}

/** A ZIP whose member has the given general-purpose flags in both headers. */
function zipWithFlags(flags: number): Buffer {
  const zip = zipOf([{ name: 'a.guard', text: RULE }]);
  zip.writeUInt16LE(flags, 6);
  zip.writeUInt16LE(flags, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
  return zip;
}

/** Two members renamed to the same name in every header. */
function zipWithDuplicate(): Buffer {
  const zip = zipOf([
    { name: 'a.guard', text: RULE },
    { name: 'b.guard', text: RULE },
  ]);
  return Buffer.from(zip.toString('latin1').split('b.guard').join('a.guard'), 'latin1');
}

const SMALL: GuardArchiveLimits = { maxArchiveBytes: 4096, maxEntries: 3, maxTotalBytes: 1024 };

interface Case {
  readonly name: string;
  readonly format: GuardArchiveFormat;
  readonly bytes: Buffer;
  readonly error: RegExp;
  readonly limits?: GuardArchiveLimits;
}

const cases: Case[] = [
  // Paths: nothing absolute, nothing climbing out, no links.
  { name: 'zip: an entry climbing out with ..', format: 'zip', bytes: zipOf([{ name: 'rules/../../evil.guard', text: RULE }]), error: /^entry 'rules\/\.\.\/\.\.\/evil\.guard': its path climbs out of the archive with '\.\.'$/ },
  { name: 'zip: an absolute entry', format: 'zip', bytes: zipOf([{ name: '/etc/evil.guard', text: RULE }]), error: /^entry '\/etc\/evil\.guard': its path is absolute/ },
  { name: 'zip: a drive-letter entry', format: 'zip', bytes: zipOf([{ name: 'C:/evil.guard', text: RULE }]), error: /^entry 'C:\/evil\.guard': its path is absolute/ },
  { name: 'zip: a backslash entry', format: 'zip', bytes: zipOf([{ name: '..\\evil.guard', text: RULE }]), error: /^entry '\.\.\\\\evil\.guard': its name holds a backslash/ },
  { name: 'zip: a symbolic link', format: 'zip', bytes: zipOf([{ name: 'link.guard', text: '/etc/passwd', options: UNIX_SYMLINK }]), error: /^entry 'link\.guard': it is a symbolic link/ },
  { name: 'zip: a folder entry climbing out', format: 'zip', bytes: zipOf([{ name: '../up/', text: '' }, { name: 'a.guard', text: RULE }]), error: /^entry '\.\.\/up\/': its path climbs out/ },
  { name: 'zip: a name that forges a line is shown escaped', format: 'zip', bytes: zipOf([{ name: '../x\nFAKE', text: RULE }]), error: /^entry '\.\.\/x\\nFAKE': / },
  { name: 'zip: one path twice', format: 'zip', bytes: zipWithDuplicate(), error: /^entry 'a\.guard': the archive holds this path twice$/ },
  { name: 'zip: a path both a file and a folder', format: 'zip', bytes: zipOf([{ name: 'a', text: 'x' }, { name: 'a/b.guard', text: RULE }]), error: /^entry 'a': the archive holds this path both as a file and as a folder$/ },
  // Bounds and lies.
  { name: 'zip: a bomb declaring 100 bytes', format: 'zip', bytes: zipDeclaring(100, 'x'.repeat(5_000_000)), error: /^entry 'bomb\.guard': it inflates to more than the 100 bytes its header declares$/ },
  { name: 'zip: a member shorter than declared', format: 'zip', bytes: zipDeclaring(500, 'x'.repeat(100)), error: /^entry 'bomb\.guard': it holds 100 bytes, its header declares 500$/ },
  { name: 'zip: data that does not match its CRC-32', format: 'zip', bytes: zipWithDataByte('a.guard', RULE, 0, 0x58), error: /^entry 'a\.guard': its data does not match its CRC-32/ },
  { name: 'zip: more entries than the bound', format: 'zip', bytes: zipOf(['a', 'b', 'c', 'd'].map((n) => ({ name: `${n}.guard`, text: RULE }))), limits: SMALL, error: /^the archive holds 4 entries; at most 3 are read$/ },
  { name: 'zip: files larger than the bound in all', format: 'zip', bytes: zipOf([{ name: 'a.guard', text: 'x'.repeat(600) }, { name: 'b.guard', text: 'x'.repeat(600) }]), limits: SMALL, error: /^the archive's files add up to more than 1024 bytes$/ },
  { name: 'zip: an archive file larger than the bound', format: 'zip', bytes: zipOf([{ name: 'a.guard', text: 'x'.repeat(20_000), options: { level: 0 } }]), limits: SMALL, error: /^the archive is larger than 4096 bytes$/ },
  { name: 'zip: an encrypted member', format: 'zip', bytes: zipWithFlags(1), error: /^entry 'a\.guard': it is encrypted$/ },
  // Not an archive.
  { name: 'zip: text', format: 'zip', bytes: Buffer.from(RULE), error: /^not a ZIP archive: it has no end of central directory record$/ },
  { name: 'zip: an empty file', format: 'zip', bytes: Buffer.alloc(0), error: /^not a ZIP archive/ },
  { name: 'zip: cut short', format: 'zip', bytes: zipOf([{ name: 'a.guard', text: RULE }]).subarray(0, 40), error: /^not a ZIP archive/ },

  { name: 'tar.gz: an entry climbing out with ..', format: 'tar.gz', bytes: tarGzOf([{ name: '../evil.guard', data: RULE }]), error: /^entry '\.\.\/evil\.guard': its path climbs out/ },
  { name: 'tar.gz: an absolute entry', format: 'tar.gz', bytes: tarGzOf([{ name: '/tmp/evil.guard', data: RULE }]), error: /^entry '\/tmp\/evil\.guard': its path is absolute/ },
  { name: 'tar.gz: a pax path climbing out', format: 'tar.gz', bytes: tarGzOf([{ name: 'PaxHeader', type: 'x', data: paxRecords({ mtime: '1', path: 'ok/../../evil.guard' }) }, { name: 'harmless.guard', data: RULE }]), error: /^entry 'ok\/\.\.\/\.\.\/evil\.guard': its path climbs out/ },
  { name: 'tar.gz: a GNU long name climbing out', format: 'tar.gz', bytes: tarGzOf([{ name: '././@LongLink', type: 'L', data: `${'../'.repeat(40)}evil.guard\0` }, { name: 'harmless.guard', data: RULE }]), error: /^entry '(\.\.\/)+evil\.guard': its path climbs out/ },
  { name: 'tar.gz: a symbolic link', format: 'tar.gz', bytes: tarGzOf([{ name: 'link.guard', type: '2', linkname: '/etc/passwd' }]), error: /^entry 'link\.guard': it is a link/ },
  { name: 'tar.gz: a hard link', format: 'tar.gz', bytes: tarGzOf([{ name: 'a.guard', data: RULE }, { name: 'b.guard', type: '1', linkname: 'a.guard' }]), error: /^entry 'b\.guard': it is a link/ },
  { name: 'tar.gz: a FIFO', format: 'tar.gz', bytes: tarGzOf([{ name: 'pipe.guard', type: '6' }]), error: /^entry 'pipe\.guard': its tar entry type '6' is not a file or a folder$/ },
  { name: 'tar.gz: a bomb', format: 'tar.gz', bytes: gzipSync(Buffer.alloc(50_000_000)), limits: { ...SMALL, maxArchiveBytes: 1024 * 1024 }, error: /^the archive unpacks to more than \d+ bytes$/ },
  { name: 'tar.gz: files larger than the bound in all', format: 'tar.gz', bytes: tarGzOf([{ name: 'a.guard', data: 'x'.repeat(600) }, { name: 'b.guard', data: 'x'.repeat(600) }]), limits: SMALL, error: /^the archive's files add up to more than 1024 bytes$/ },
  { name: 'tar.gz: more entries than the bound', format: 'tar.gz', bytes: tarGzOf(['a', 'b', 'c', 'd'].map((n) => ({ name: `${n}.guard`, data: RULE }))), limits: SMALL, error: /^the archive holds more than 3 entries$/ },
  { name: 'tar.gz: a damaged header checksum', format: 'tar.gz', bytes: gzipSync(Buffer.concat([Buffer.from('x'.repeat(512)), Buffer.alloc(1024)])), error: /^not a tar archive inside the gzip/ },
  { name: 'tar.gz: cut short inside a member', format: 'tar.gz', bytes: gzipSync(tarGzRaw([{ name: 'a.guard', data: 'x'.repeat(2000) }]).subarray(0, 1024)), error: /^the tar archive is damaged or cut short$/ },
  { name: 'tar.gz: a damaged pax header', format: 'tar.gz', bytes: tarGzOf([{ name: 'PaxHeader', type: 'x', data: '99 path=a\n' }, { name: 'a.guard', data: RULE }]), error: /^a pax extended header is damaged$/ },
  { name: 'tar.gz: not gzip', format: 'tar.gz', bytes: Buffer.from(RULE), error: /^not a gzip file, or a damaged one$/ },
];

/** The plain tar of the members (to cut it before gzipping). */
function tarGzRaw(members: Parameters<typeof tarGzOf>[0]): Buffer {
  return gunzipSync(tarGzOf(members));
}

describe('hostile rule archives', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const file = join(dir, `case.${c.format}`);
    writeFileSync(file, c.bytes);
    let caught: unknown;
    try {
      readGuardArchive(file, c.format, c.limits);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GuardArchiveError);
    expect((caught as Error).message).toMatch(c.error);
  });

  it('a device named as an archive is refused before it is opened (no endless read)', () => {
    expect(() => readGuardArchive('/dev/null', 'zip')).toThrow(FileReadError);
  });

  it('a tar without end-of-archive blocks is read when its last member ends on a block', () => {
    const file = join(dir, 'no-end.tar.gz');
    writeFileSync(file, tarGzOf([{ name: 'a.guard', data: RULE }], false));
    expect(readGuardArchive(file, 'tar.gz').entries.map((e) => e.name)).toEqual(['a.guard']);
  });
});
