/**
 * The one ZIP reader (APPNOTE.TXT), for archives held whole in memory: the end of central directory record, the
 * central directory, each member's local header, and a member's bytes inflated by node's zlib with `maxOutputLength`
 * set to the size the directory declares, then checked against its CRC-32. (fflate's `unzipSync` inflates a lying
 * member into a buffer of the declared size but keeps decoding the whole stream: a 512 KB bomb declared as 100 bytes
 * took 1.8 s and came back silently truncated; zlib stops at the bound.) In memory, not streaming: its readers (Guard
 * rule archives, read with a size bound; the packages `package` writes, read back by their tests) read small archives
 * whole. It parses and checks the format only; what a reader accepts (links, entry names, totals) is its own policy.
 */
import type * as Zlib from 'node:zlib';
import { crc32 } from './crc32';

/** An archive that is not a ZIP this reader reads; `entry` is the raw name of the member at fault, when one is. */
export class ZipReadError extends Error {
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ZipReadError';
  }
}

/** One member as the central directory declares it (its data is read by `zipMemberData`). */
export interface ZipMember {
  /** Its name as stored (UTF-8), unchecked: a reader's policy judges it. */
  readonly name: string;
  /** The name ends in `/`: a folder, with no data. */
  readonly folder: boolean;
  readonly encrypted: boolean;
  /** The Unix file type bits (`mode & 0o170000`) of a member made on Unix; undefined for other hosts. */
  readonly unixFileType?: number;
  /** 0 stored, 8 deflated (others are refused when the data is read). */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** An archive's central directory: its members in archive order, and where the directory starts. */
export interface ZipDirectory {
  readonly members: readonly ZipMember[];
  readonly directoryOffset: number;
}

/** The Unix file type bits of a symbolic link. */
export const UNIX_SYMLINK_TYPE = 0o120000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;

/** Reads the central directory; throws ZipReadError when the archive is not one this reader reads or holds more than `maxEntries`. */
export function readZipDirectory(bytes: Buffer, maxEntries: number): ZipDirectory {
  const eocd = endOfCentralDirectory(bytes);
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) throw new ZipReadError('a ZIP archive split over several parts is not read');
  const count = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) throw new ZipReadError('ZIP64 archives are not read (the archives read here need none)');
  if (count > maxEntries) throw new ZipReadError(`the archive holds ${count} entries; at most ${maxEntries} are read`);
  if (directoryOffset + directorySize > eocd) throw new ZipReadError('not a ZIP archive: its central directory lies outside the file');
  const members: ZipMember[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipReadError('not a ZIP archive: its central directory is damaged');
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (next > eocd) throw new ZipReadError('not a ZIP archive: its central directory is damaged');
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const unix = bytes.readUInt8(at + 5) === UNIX_HOST;
    members.push({
      name,
      folder: name.endsWith('/'),
      encrypted: (bytes.readUInt16LE(at + 8) & 0x1) !== 0,
      ...(unix ? { unixFileType: (bytes.readUInt32LE(at + 38) >>> 16) & S_IFMT } : {}),
      method: bytes.readUInt16LE(at + 10),
      crc32: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at = next;
  }
  return { members, directoryOffset };
}

/**
 * A member's bytes: found through its local header, inflated no further than its declared size, and checked against
 * its declared size and CRC-32. Throws ZipReadError (naming the member) otherwise.
 */
export function zipMemberData(bytes: Buffer, directory: ZipDirectory, member: ZipMember): Buffer {
  const fail = (message: string): ZipReadError => new ZipReadError(message, member.name);
  if (member.encrypted) throw fail('it is encrypted');
  if (member.method !== 0 && member.method !== 8) throw fail(`it uses compression method ${member.method}; only stored (0) and deflated (8) are read`);
  const local = member.localOffset;
  if (local + 30 > directory.directoryOffset || bytes.readUInt32LE(local) !== LOCAL_SIGNATURE) throw fail('its local header is missing: the archive is damaged');
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  if (start + member.compressedSize > directory.directoryOffset) throw fail('its data runs past the end of the archive');
  const compressed = bytes.subarray(start, start + member.compressedSize);
  let data: Buffer;
  if (member.method === 0) {
    data = compressed;
  } else {
    try {
      // zlib stops as soon as the output passes the declared size: a bomb costs no more than its declared size.
      // Required here, not imported: only archive readers need node:zlib, and a start of simulate would load it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      data = (require('node:zlib') as typeof Zlib).inflateRawSync(compressed, { maxOutputLength: Math.max(1, member.size) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw fail(code === 'ERR_BUFFER_TOO_LARGE' ? `it inflates to more than the ${member.size} bytes its header declares` : 'its data does not inflate: the archive is damaged');
    }
  }
  if (data.length !== member.size) throw fail(`it holds ${data.length} bytes, its header declares ${member.size}`);
  if (crc32(data) !== member.crc32) throw fail('its data does not match its CRC-32: the archive is damaged');
  return data;
}

function endOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw new ZipReadError('not a ZIP archive: it has no end of central directory record');
}
