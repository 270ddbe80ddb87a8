/**
 * A Guard hook's S3 object may be an archive of rules (or of input parameters): `.zip` or `.tar.gz`, as the service
 * accepts (reference hooks-today §2). It is read whole into memory, with bounds on its size, its entry count and
 * what it inflates to, every entry's path checked (nothing absolute, nothing climbing out with `..`, no links), and
 * written out into each evaluation's own scratch folder, which cfn-guard then evaluates as a folder.
 *
 * ZIP: the kernel's one ZIP reader (src/kernel/source/zip-read.ts: every member inflated no further than its declared
 * size, then checked against its CRC-32), with this reader's policy on top: no encrypted members, no links, bounds.
 * tar.gz: node's gunzip, bounded the same way, and a small ustar reader (regular files, folders, pax `path` and GNU
 * long names), simpler than a streaming dependency that writes to disk by itself.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Zlib from 'node:zlib';
import { isDirectory, notARegularFileReason, readBoundedBytes, readZipDirectory, UNIX_SYMLINK_TYPE, ZipReadError, zipMemberData } from '../../../src/kernel/source';

/** The archive formats the service reads a rules location as. */
export type GuardArchiveFormat = 'zip' | 'tar.gz';

/** One file of an archive: its path inside it (forward slashes, checked, normalised) and its bytes. */
export interface GuardArchiveEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** An archive read and checked, held in memory until an evaluation writes it out. */
export interface GuardArchive {
  readonly format: GuardArchiveFormat;
  /** The local file it was read from. */
  readonly file: string;
  /** Its files, in archive order (folders are implied by the paths). */
  readonly entries: readonly GuardArchiveEntry[];
}

/** How much of an archive is read: far above any real rule set, low enough that a hostile archive ends in an error. */
export interface GuardArchiveLimits {
  /** The archive file itself. */
  readonly maxArchiveBytes: number;
  /** Files and folders. */
  readonly maxEntries: number;
  /** Every file's uncompressed size, summed. */
  readonly maxTotalBytes: number;
}

/** The default bounds. */
export const GUARD_ARCHIVE_LIMITS: GuardArchiveLimits = { maxArchiveBytes: 16 * 1024 * 1024, maxEntries: 1_000, maxTotalBytes: 64 * 1024 * 1024 };

/** An archive that cannot be used, and why; `entry` names the member at fault, when one is. */
export class GuardArchiveError extends Error {
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(entry === undefined ? message : `entry '${entry}': ${message}`);
    this.name = 'GuardArchiveError';
  }
}

/** The archive format a name says (`rules.zip`, `rules.tar.gz`, any case); undefined for anything else. */
export function guardArchiveFormatOf(name: string): GuardArchiveFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.gz')) return 'tar.gz';
  return undefined;
}

/**
 * Reads and checks an archive. Throws GuardArchiveError for what is wrong inside it, and the kernel's FileReadError
 * (an InputError) when the file cannot be read or is larger than the bound.
 */
export function readGuardArchive(file: string, format: GuardArchiveFormat, limits: GuardArchiveLimits = GUARD_ARCHIVE_LIMITS): GuardArchive {
  const { bytes, truncated } = readBoundedBytes(file, limits.maxArchiveBytes, `the ${format} archive`);
  if (truncated) throw new GuardArchiveError(`the archive is larger than ${limits.maxArchiveBytes} bytes`);
  const entries = format === 'zip' ? readZip(bytes, limits) : readTarGz(bytes, limits);
  return { format, file, entries: checkedTree(entries) };
}

/**
 * The file names cfn-guard 3.1 reads (`cfn-guard validate --help`): in a `--rules` folder `.guard` and `.ruleset`
 * files; as `--input-params`, in a folder or named one by one, data files. Matched case-sensitively, as cfn-guard
 * does: it skips `RULES.GUARD` in a folder and an input-parameters file named `params.txt` or `PARAMS.YAML` without a
 * word.
 */
export const CFN_GUARD_EXTENSIONS = {
  rules: ['.guard', '.ruleset'],
  inputParams: ['.yaml', '.yml', '.json', '.jsn', '.template'],
} as const;

/** What cfn-guard reads a file as: a rules file (`--rules`) or an input-parameters file (`--input-params`). */
export type CfnGuardInput = keyof typeof CFN_GUARD_EXTENSIONS;

/**
 * The one answer to "does cfn-guard read this file?" when it scans a folder (or an archive unpacked into one): by the
 * name's extension for that input, matched case-sensitively as cfn-guard does.
 */
export function cfnGuardReads(name: string, input: CfnGuardInput): boolean {
  return CFN_GUARD_EXTENSIONS[input].some((ext) => name.endsWith(ext));
}

/** Whether cfn-guard would read any file of the archive as `input`. */
export function archiveHolds(archive: GuardArchive, input: CfnGuardInput): boolean {
  return archive.entries.some((e) => cfnGuardReads(e.name, input));
}

/** A file name that has one of the input's extensions in another case (`RULES.GUARD`), which cfn-guard's scan skips; for a hint. */
export function nameInOtherCase(names: Iterable<string>, input: CfnGuardInput): string | undefined {
  for (const name of names) {
    if (!cfnGuardReads(name, input) && cfnGuardReads(name.toLowerCase(), input)) return name;
  }
  return undefined;
}

/** A folder's entry that cfn-guard's walk passes over for not being a regular file, and why, in a person's words. */
export interface SkippedFolderEntry {
  readonly name: string;
  readonly reason: string;
}

/**
 * The paths (relative, `/`-separated) of a folder's regular files, depth first with names sorted, as cfn-guard walks a
 * `--rules` or `--input-params` folder; at most `max` of them (a bound, not a rule of cfn-guard's). cfn-guard reads
 * only what `Path::is_file()` accepts (guard/src/commands/validate.rs), so a FIFO, a device, a socket or a link to
 * nothing is passed over without a word: those are `skipped`, for the caller to say so.
 */
export function folderEntries(dir: string, max = 10_000): { files: string[]; skipped: SkippedFolderEntry[] } {
  const files: string[] = [];
  const skipped: SkippedFolderEntry[] = [];
  const walk = (folder: string, prefix: string): void => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (files.length + skipped.length >= max) return;
      const path = join(folder, name);
      if (isDirectory(path)) {
        walk(path, `${prefix}${name}/`);
        continue;
      }
      const reason = notARegularFileReason(path);
      if (reason === undefined) files.push(`${prefix}${name}`);
      else skipped.push({ name: `${prefix}${name}`, reason });
    }
  };
  walk(dir, '');
  return { files, skipped };
}

/** The paths of a folder's regular files, as cfn-guard walks it (folderEntries). */
export function folderFiles(dir: string, max = 10_000): string[] {
  return folderEntries(dir, max).files;
}

/** Writes the archive's files under `dir` (created; it must not hold them already) and returns `dir`. */
export function writeGuardArchive(archive: GuardArchive, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const entry of archive.entries) {
    const target = join(dir, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    // 'wx': the scratch folder is new; a file already there would mean two entries for one path.
    writeFileSync(target, entry.data, { flag: 'wx' });
  }
  return dir;
}

/** A member as read, before the whole tree is checked: a file with its data, or a folder. */
interface RawEntry {
  readonly name: string;
  readonly data?: Buffer;
}

/**
 * The path an entry is written at, or an error: relative, forward slashes, no `..`; `.` and empty segments are
 * dropped (`./rules/a.guard` is `rules/a.guard`). Undefined for the archive's root folder itself (`./`).
 */
function entryPath(raw: string): string | undefined {
  if (raw.includes('\0')) throw new GuardArchiveError('its name holds a NUL character', printable(raw));
  if (raw.includes('\\')) throw new GuardArchiveError('its name holds a backslash; an archive uses forward slashes', printable(raw));
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw new GuardArchiveError('its path is absolute; an archive holds relative paths only', printable(raw));
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new GuardArchiveError("its path climbs out of the archive with '..'", printable(raw));
  return segments.length === 0 ? undefined : segments.join('/');
}

/** Names shown in messages: control characters escaped, so a name cannot forge a line. */
function printable(name: string): string {
  const shown = JSON.stringify(name).slice(1, -1);
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/** The files, once the tree is known to be writable: no path twice, no path both a file and a folder. */
function checkedTree(raw: readonly RawEntry[]): GuardArchiveEntry[] {
  const files = new Map<string, Buffer>();
  const folders = new Set<string>();
  for (const entry of raw) {
    const name = entryPath(entry.name);
    if (name === undefined) continue;
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i += 1) folders.add(parts.slice(0, i).join('/'));
    if (entry.data === undefined) folders.add(name);
    else if (files.has(name)) throw new GuardArchiveError('the archive holds this path twice', printable(name));
    else files.set(name, entry.data);
  }
  for (const name of files.keys()) if (folders.has(name)) throw new GuardArchiveError('the archive holds this path both as a file and as a folder', printable(name));
  return [...files].map(([name, data]) => ({ name, data }));
}

/** A ZIP archive through the kernel's one reader, with this reader's policy: no encrypted members, no links, bounded totals. */
function readZip(bytes: Buffer, limits: GuardArchiveLimits): RawEntry[] {
  const out: RawEntry[] = [];
  let total = 0;
  try {
    const directory = readZipDirectory(bytes, limits.maxEntries);
    for (const member of directory.members) {
      if (member.folder) {
        out.push({ name: member.name });
        continue;
      }
      const shown = printable(member.name);
      if (member.encrypted) throw new GuardArchiveError('it is encrypted', shown);
      if (member.unixFileType === UNIX_SYMLINK_TYPE) throw new GuardArchiveError('it is a symbolic link; an archive of rules holds files and folders only', shown);
      total += member.size;
      if (total > limits.maxTotalBytes) throw new GuardArchiveError(`the archive's files add up to more than ${limits.maxTotalBytes} bytes`);
      out.push({ name: member.name, data: zipMemberData(bytes, directory, member) });
    }
  } catch (error) {
    if (error instanceof ZipReadError) throw new GuardArchiveError(error.message, error.entry === undefined ? undefined : printable(error.entry));
    throw error;
  }
  return out;
}

// tar (POSIX ustar, with pax and GNU long names), after gunzip.
const BLOCK = 512;
/** Room for headers and padding on top of the files' own bytes. */
const TAR_OVERHEAD_BYTES = 8 * 1024 * 1024;

function readTarGz(bytes: Buffer, limits: GuardArchiveLimits): RawEntry[] {
  let tar: Buffer;
  try {
    // Required here, not imported: only a .tar.gz of rules needs node:zlib, and a start of simulate would load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    tar = (require('node:zlib') as typeof Zlib).gunzipSync(bytes, { maxOutputLength: limits.maxTotalBytes + TAR_OVERHEAD_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new GuardArchiveError(`the archive unpacks to more than ${limits.maxTotalBytes + TAR_OVERHEAD_BYTES} bytes`);
    throw new GuardArchiveError('not a gzip file, or a damaged one');
  }
  const out: RawEntry[] = [];
  let total = 0;
  let longName: string | undefined;
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return out;
    if (!checksumMatches(header)) throw new GuardArchiveError('not a tar archive inside the gzip (a header checksum does not match)');
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = at + BLOCK;
    if (size === undefined || start + size > tar.length) throw new GuardArchiveError('the tar archive is damaged or cut short');
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    const data = tar.subarray(start, start + size);
    const name = longName ?? headerName(header);
    if (type === 'x' || type === 'L') {
      longName = type === 'x' ? (paxPath(data) ?? longName) : cString(data);
      continue;
    }
    longName = undefined;
    if (type === 'g' || type === 'K') continue;
    if (out.length >= limits.maxEntries) throw new GuardArchiveError(`the archive holds more than ${limits.maxEntries} entries`);
    const shown = printable(name);
    switch (type) {
      case '0':
      case '\0':
      case '7':
        total += size;
        if (total > limits.maxTotalBytes) throw new GuardArchiveError(`the archive's files add up to more than ${limits.maxTotalBytes} bytes`);
        out.push({ name, data: Buffer.from(data) });
        break;
      case '5':
        out.push({ name });
        break;
      case '1':
      case '2':
        throw new GuardArchiveError('it is a link; an archive of rules holds files and folders only', shown);
      default:
        throw new GuardArchiveError(`its tar entry type '${printable(type)}' is not a file or a folder`, shown);
    }
  }
  // No end-of-archive blocks, but the last member ends on a block boundary: what is there is whole.
  if (at === tar.length) return out;
  throw new GuardArchiveError('the tar archive is cut short');
}

/** The header checksum: the bytes summed with the checksum field read as spaces. */
function checksumMatches(header: Buffer): boolean {
  const stored = octal(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return stored === sum;
}

/** An octal number field (NUL- or space-terminated); undefined when it is not one (base-256 sizes are not read). */
function octal(header: Buffer, offset: number, length: number): number | undefined {
  const text = cString(header.subarray(offset, offset + length)).trim();
  if (!/^[0-7]*$/.test(text)) return undefined;
  return text === '' ? 0 : parseInt(text, 8);
}

/** A ustar name: `prefix/name` when the header is ustar and has a prefix. */
function headerName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const ustar = header.toString('latin1', 257, 263) === 'ustar\0';
  const prefix = ustar ? cString(header.subarray(345, 500)) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end < 0 ? bytes.length : end);
}

/** The `path` record of a pax extended header (`<length> path=<value>\n` records). */
function paxPath(data: Buffer): string | undefined {
  let path: string | undefined;
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(data.toString('latin1', at, space));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) throw new GuardArchiveError('a pax extended header is damaged');
    const record = data.toString('utf8', space + 1, at + length - 1);
    if (record.startsWith('path=')) path = record.slice('path='.length);
    at += length;
  }
  return path;
}
