/**
 * Deterministic ZIP archives for the hook package, written through fflate (zero dependencies, maintained): the same
 * entries give the same bytes on every machine, in every time zone (fixed 1980-01-01 timestamps, fixed Unix
 * attributes, the given member order), so a package can be compared byte for byte with an earlier one. They are read
 * back through the kernel's one ZIP reader (src/kernel/source/zip-read.ts).
 */
import { deflateSync, zipSync, type Zippable, type ZipOptions } from 'fflate';
import { readZipDirectory, ZipReadError, zipMemberData } from '../../kernel/source';

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
  /** CRC-32 the archive declares for it (the data read back was checked against it). */
  readonly crc32: number;
  readonly compressedSize: number;
}

/** An archive that cannot be written or read. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/**
 * 1980-01-01 00:00:00, the earliest DOS time, built from local-time fields because fflate writes the DOS time from
 * local-time getters: the header then holds 1980-01-01 00:00 whatever the machine's time zone.
 */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);
/** Regular file, rw-r--r--, in the Unix half of the external attributes. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
/** "Made by" Unix, so unzip reads the attributes as a Unix mode. */
const MADE_BY_UNIX = 3;
const MAX_ENTRIES = 0xffff;
const MAX_UINT32 = 0xffffffff;

/** Builds a ZIP archive; entries keep the given order; each is deflated unless deflating does not make it smaller. */
export function createZip(entries: readonly ZipEntryInput[]): Buffer {
  if (entries.length > MAX_ENTRIES) throw new ZipFormatError(`too many entries (${entries.length}); ZIP64 is not supported`);
  const files: Zippable = {};
  for (const entry of entries) {
    checkEntryName(entry.name);
    if (Object.hasOwn(files, entry.name)) throw new ZipFormatError(`duplicate entry name "${entry.name}"`);
    if (entry.data.length > MAX_UINT32) throw new ZipFormatError(`entry "${entry.name}" is larger than 4 GiB; ZIP64 is not supported`);
    const options: ZipOptions = { level: worthDeflating(entry.data) ? 9 : 0, mtime: FIXED_TIME, attrs: EXTERNAL_ATTRIBUTES, os: MADE_BY_UNIX };
    files[entry.name] = [entry.data, options];
  }
  try {
    return Buffer.from(zipSync(files));
  } catch (error) {
    throw new ZipFormatError(`cannot write the archive: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Below this size, whether deflating helps is measured (a trial deflate costs little). */
const PROBE_LIMIT = 64 * 1024;
/** The first four bytes of a ZIP archive with members (a local file header), read little-endian. */
export const ZIP_SIGNATURE = 0x04034b50;
/** The first four bytes of an empty ZIP archive (its end of central directory record), read little-endian. */
export const EMPTY_ZIP_SIGNATURE = 0x06054b50;

/**
 * Deflate unless it would not make the entry smaller. Small entries are measured with a trial deflate; a large
 * one is deflated unless it is itself a ZIP archive (the nested handler package), whose members are already
 * compressed. Deterministic: it depends on the bytes only. (A trial deflate of every large entry doubled the
 * time `package` takes: fflate deflates the 1 MB SDK bundle in about 350 ms.)
 */
function worthDeflating(data: Buffer): boolean {
  if (data.length <= PROBE_LIMIT) return deflateSync(data, { level: 9 }).length < data.length;
  return !(data.length >= 4 && data.readUInt32LE(0) === ZIP_SIGNATURE);
}

function checkEntryName(name: string): void {
  // A name that climbs out of the extraction directory or is absolute is refused on write, as unzip would warn on read.
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').some((s) => s === '..' || s === '')) {
    throw new ZipFormatError(`invalid entry name "${name}": use a relative forward-slash path without empty or '..' segments`);
  }
  // fflate takes the entries as an object, whose integer-like keys JavaScript enumerates first: such a name would
  // move to the front of the archive, so it is refused rather than silently reordered.
  if (/^(0|[1-9]\d{0,9})$/.test(name)) throw new ZipFormatError(`invalid entry name "${name}": a bare number would change the member order`);
  if (Buffer.byteLength(name, 'utf8') > 0xffff) throw new ZipFormatError(`entry name too long: "${name.slice(0, 40)}…"`);
}

/**
 * Reads every entry of a ZIP archive, in archive order, for inspecting archives (the tests read the packages this
 * project writes with it), through the kernel's one ZIP reader: every member's size and CRC-32 checked. Throws
 * ZipFormatError on an archive it cannot read (no end record, truncation, an unknown method, a lying member).
 */
export function readZip(archive: Buffer): ZipEntry[] {
  try {
    // The packages are the project's own and small; the bound on entries is the format's own (65,535).
    const directory = readZipDirectory(archive, 0xffff);
    return directory.members.map((member) => ({
      name: member.name,
      data: member.folder ? Buffer.alloc(0) : zipMemberData(archive, directory, member),
      method: member.method,
      crc32: member.crc32,
      compressedSize: member.compressedSize,
    }));
  } catch (error) {
    if (!(error instanceof ZipReadError)) throw error;
    throw new ZipFormatError(`not a readable ZIP archive: ${error.entry === undefined ? '' : `"${error.entry}": `}${error.message}`);
  }
}
