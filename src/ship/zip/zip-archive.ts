/**
 * A small, deterministic ZIP writer and reader (PKZIP APPNOTE 6.3, no ZIP64, no encryption).
 * Written here rather than taken from a dependency because the package must be byte-identical for the
 * same tree (fixed timestamps, fixed attributes, fixed order) and the format subset needed is tiny.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** One file to store in an archive. */
export interface ZipEntryInput {
  /** Forward-slash path inside the archive, no leading slash. */
  readonly name: string;
  readonly data: Buffer;
}

/** One file read back from an archive. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
}

/** An archive that cannot be written or read; `offset` is the byte where the reader gave up. */
export class ZipFormatError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
/** Bit 11: names are UTF-8. */
const FLAG_UTF8 = 0x0800;
/** 2.0: the version that introduced deflate; what every unzip understands. */
const VERSION_NEEDED = 20;
/** Made by: Unix (3) << 8 | spec 3.0, so external attributes carry a Unix mode. */
const VERSION_MADE_BY = (3 << 8) | 30;
/** 1980-01-01 00:00:00, the earliest DOS time: every entry gets it so output does not depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Regular file, rw-r--r--. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
const MAX_UINT32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

/** Builds a ZIP archive; entries keep the given order; each is deflated unless deflating does not make it smaller. */
export function createZip(entries: readonly ZipEntryInput[]): Buffer {
  if (entries.length > MAX_ENTRIES) throw new ZipFormatError(`too many entries (${entries.length}); ZIP64 is not supported`);
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    checkEntryName(entry.name);
    if (seen.has(entry.name)) throw new ZipFormatError(`duplicate entry name "${entry.name}"`);
    seen.add(entry.name);
    if (entry.data.length > MAX_UINT32) throw new ZipFormatError(`entry "${entry.name}" is larger than 4 GiB; ZIP64 is not supported`);
    const name = Buffer.from(entry.name, 'utf8');
    const checksum = crc32(entry.data) >>> 0;
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const method = deflated.length < entry.data.length ? METHOD_DEFLATED : METHOD_STORED;
    const body = method === METHOD_DEFLATED ? deflated : entry.data;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    header.writeUInt16LE(VERSION_NEEDED, 6);
    header.writeUInt16LE(FLAG_UTF8, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(checksum, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number start, internal attributes: all 0
    header.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
    if (offset > MAX_UINT32) throw new ZipFormatError('archive is larger than 4 GiB; ZIP64 is not supported');
  }
  const centralSize = central.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

function checkEntryName(name: string): void {
  // A name that climbs out of the extraction directory or is absolute is refused on write, as unzip would warn on read.
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').some((s) => s === '..' || s === '')) {
    throw new ZipFormatError(`invalid entry name "${name}": use a relative forward-slash path without empty or '..' segments`);
  }
  if (Buffer.byteLength(name, 'utf8') > 0xffff) throw new ZipFormatError(`entry name too long: "${name.slice(0, 40)}…"`);
}

/** Reads every entry of a ZIP archive, checking sizes and CRC-32; throws ZipFormatError on anything malformed. */
export function readZip(archive: Buffer): ZipEntry[] {
  const endOffset = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(endOffset + 10);
  const centralSize = archive.readUInt32LE(endOffset + 12);
  const centralOffset = archive.readUInt32LE(endOffset + 16);
  if (centralOffset + centralSize > endOffset) throw new ZipFormatError('central directory runs past its end record', endOffset);
  const entries: ZipEntry[] = [];
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    need(archive, at, 46);
    if (archive.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError(`central directory entry ${i} has a bad signature`, at);
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const checksum = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    need(archive, at + 46, nameLength);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1');
    at += 46 + nameLength + extraLength + commentLength;

    need(archive, localOffset, 30);
    if (archive.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new ZipFormatError(`local header of "${name}" has a bad signature`, localOffset);
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    need(archive, dataStart, compressedSize);
    const body = archive.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === METHOD_STORED) data = Buffer.from(body);
    else if (method === METHOD_DEFLATED) {
      try {
        data = inflateRawSync(body);
      } catch (error) {
        throw new ZipFormatError(`"${name}" does not inflate: ${error instanceof Error ? error.message : String(error)}`, dataStart);
      }
    } else throw new ZipFormatError(`"${name}" uses compression method ${method}; only stored (0) and deflated (8) are supported`, at);
    if (data.length !== size) throw new ZipFormatError(`"${name}" is ${data.length} bytes, its header says ${size}`, dataStart);
    if (crc32(data) >>> 0 !== checksum) throw new ZipFormatError(`"${name}" fails its CRC-32 check`, dataStart);
    entries.push({ name, data, method, crc32: checksum, compressedSize });
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes, so it is searched for backwards.
  const lowest = Math.max(0, archive.length - 22 - 0xffff);
  for (let at = archive.length - 22; at >= lowest; at--) {
    if (archive.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFormatError('not a ZIP archive: no end-of-central-directory record');
}

function need(archive: Buffer, at: number, length: number): void {
  if (at < 0 || at + length > archive.length) throw new ZipFormatError(`archive is truncated (needs ${length} bytes at ${at})`, at);
}
