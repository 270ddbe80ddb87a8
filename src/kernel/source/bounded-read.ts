/**
 * The one way every tool reads a file a user names: with a bound, so an endless pipe or a 10 GB file ends in a
 * located error instead of exhausting memory; never a FIFO on disk or a device, which could block the open or the
 * read for ever; and with the reasons a person understands ("no such file", "is a directory") instead of a raw errno.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../diagnostics/input-error';
import { notUtf8Reason } from './utf8';

/** The default bound for side files (configurations, parameters, accounts): far above any real one. */
export const DEFAULT_READ_LIMIT_BYTES = 16 * 1024 * 1024;

/** A file that cannot be read, or is larger than its bound. */
export class FileReadError extends InputError {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly code: 'FILE_UNREADABLE' | 'FILE_TOO_LARGE' | 'FILE_NOT_UTF8',
    what: string,
  ) {
    super([{ code, severity: 'error', message: `cannot read ${what}: ${reason}`, file, path: '', line: 0, column: 0 }]);
  }
}

/** What a read returned: the bytes, at most `limit` of them; `truncated` when the source held more. */
export interface BoundedBytes {
  readonly bytes: Buffer;
  readonly truncated: boolean;
  /** The whole size in bytes, when the source is a regular file (a pipe's is unknown until read to its end). */
  readonly size?: number;
}

/** An open descriptor to read instead of a path (standard input is `{ fd: 0, name: '<stdin>' }`); it is not closed. */
export interface OpenSource {
  readonly fd: number;
  readonly name: string;
}

/**
 * Reads at most `limit` bytes of a file (or an open descriptor), in chunks, cut at the limit (so a caller can still
 * say where in the text the limit falls). A regular file also reports its whole size. A path that is not a regular
 * file is refused after a `stat`, before any `open`, whoever the caller: opening a FIFO nobody writes to blocks for
 * ever, and a device (`/dev/zero`, `/dev/tty`) is no document. The one exception is a pipe this process already
 * holds, named `/dev/fd/N` (what `<(…)` expands to): its writer exists, and the bound ends it. Never throws
 * anything but a FileReadError.
 */
export function readBoundedBytes(source: string | OpenSource, limit: number, what = 'the file'): BoundedBytes {
  const path = typeof source === 'string' ? source : source.name;
  let fd: number | undefined;
  try {
    fd = typeof source === 'string' ? openReadable(source, what) : source.fd;
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileReadError(path, 'it is a directory, not a file', 'FILE_UNREADABLE', what);
    if (typeof source === 'string' && !stat.isFile() && !isInheritedPipe(source, stat)) throw new FileReadError(path, `it is ${kindOf(stat)}, not a file`, 'FILE_UNREADABLE', what);
    const read = readChunks(fd, limit);
    return stat.isFile() ? { ...read, size: Math.max(stat.size, read.bytes.length) } : read;
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(path, readFailureReason(error, path), 'FILE_UNREADABLE', what);
  } finally {
    if (fd !== undefined && typeof source === 'string') closeSync(fd);
  }
}

/**
 * Opens `path` for reading once a `stat` says it is a regular file (or a pipe this process holds). A regular file is
 * opened non-blocking: should the name become a FIFO between the `stat` and the `open`, the open returns at once and
 * the caller's `fstat` refuses it, instead of waiting for a writer. (O_NONBLOCK changes nothing for a regular file's
 * reads; Windows has no such flag, nor FIFOs.)
 */
function openReadable(path: string, what: string): number {
  const stat = statSync(path);
  if (stat.isDirectory()) throw new FileReadError(path, 'it is a directory, not a file', 'FILE_UNREADABLE', what);
  if (stat.isFile()) return openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  if (isInheritedPipe(path, stat)) return openSync(path, 'r');
  throw new FileReadError(path, `it is ${kindOf(stat)}, not a file`, 'FILE_UNREADABLE', what);
}

/**
 * [choice] A pipe reached through a name of one of this process's own descriptors (`/dev/fd/63` from `<(cat t.yml)`,
 * `/dev/stdin` behind `| simulate /dev/stdin`): the shell made it for this run and started its writer, so reading it
 * ends; it is read with the bound like standard input (`-`). A FIFO under any other name is refused, and a device
 * under every name (`/dev/stdin` from a terminal would wait for typing).
 */
function isInheritedPipe(path: string, stat: Stats): boolean {
  return stat.isFIFO() && /^(?:\/dev\/fd\/\d+|\/proc\/self\/fd\/\d+|\/dev\/stdin)$/.test(path);
}

/**
 * Reads a UTF-8 text file of at most `limit` bytes; a larger one is a FILE_TOO_LARGE error naming the bound. Bytes
 * that are not UTF-8 (a file saved as UTF-16 or Latin-1) are FILE_NOT_UTF8, naming the byte and the encoding they
 * look like, as templates' TPL_INVALID_UTF8 does: decoded, they would reach the parser as U+FFFD and be reported as
 * a syntax error at a character the user never wrote. [choice] Refused even where the bad bytes sit inside a string
 * value that would have parsed: every caller reads a JSON or YAML document, which is UTF-8 text.
 */
export function readBoundedText(path: string, options: { limit?: number; what?: string } = {}): string {
  const limit = options.limit ?? DEFAULT_READ_LIMIT_BYTES;
  const what = options.what ?? 'the file';
  const { bytes, truncated } = readBoundedBytes(path, limit, what);
  if (truncated) throw new FileReadError(path, `it is larger than ${limit} bytes`, 'FILE_TOO_LARGE', what);
  const notUtf8 = notUtf8Reason(bytes);
  if (notUtf8 !== undefined) throw new FileReadError(path, notUtf8, 'FILE_NOT_UTF8', what);
  return bytes.toString('utf8');
}

function readChunks(fd: number, limit: number): BoundedBytes {
  const chunks: Buffer[] = [];
  let total = 0;
  // One byte past the limit tells "exactly at the bound" from "more than the bound".
  while (total <= limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
  }
  const bytes = Buffer.concat(chunks, total);
  return total > limit ? { bytes: bytes.subarray(0, limit), truncated: true } : { bytes, truncated: false };
}

/** What a file that is not a regular file is, in a person's words. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * A person's reason for a failed open or read of `path`. A name Node could not decode (bytes that are not UTF-8 in
 * argv become U+FFFD) is not "no such file": the file may well exist, it just cannot be named through Node.
 */
export function readFailureReason(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return path.includes('\uFFFD')
        ? 'no such file: its name could not be decoded (the bytes given are not UTF-8, and Node replaces them with U+FFFD); rename the file to a UTF-8 name'
        : 'no such file';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ? `the system refused (${code})` : error instanceof Error ? error.message : String(error);
  }
}

/**
 * Why `path` cannot be used as a folder, in a person's words (`no such directory`, `it is a file, not a directory`),
 * following links; undefined when it is one. The folder-side twin of a read's reasons: `--project app/hook.sh` is a
 * file the user can see, and "not found" would send them looking for something that is there.
 */
export function notADirectoryReason(path: string): string | undefined {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    const reason = readFailureReason(error, path);
    return reason === 'no such file' ? 'no such directory' : reason;
  }
  if (stat.isDirectory()) return undefined;
  return `it is ${stat.isFile() ? 'a file' : kindOf(stat)}, not a directory`;
}

/**
 * Why `path` cannot be loaded as a file, in a person's words (`no such file`, `it is a FIFO (named pipe), not a
 * file`), following links; undefined when it is a regular file. For a path handed to something that reads it
 * without this module's bound (a JavaScript module a worker loads): a FIFO there would block the reader for ever,
 * and a device (`/dev/zero`) would be read without end.
 */
export function notARegularFileReason(path: string): string | undefined {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    return readFailureReason(error, path);
  }
  return stat.isFile() ? undefined : `it is ${kindOf(stat)}, not a file`;
}

/**
 * True when `path` names a regular file (following links): what may be read ahead of the run and then again, where a
 * pipe (`<(…)`) could be read only once.
 */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** True when `path` names a folder (following links); false for anything else, or a path that cannot be read. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
