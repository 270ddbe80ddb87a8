/**
 * Looking at a hook script before running it, without ever blocking: a FIFO, a socket or a device among the
 * scripts would hang a plain `open()` for ever, so the kind comes from `stat` first and only regular files are
 * opened (non-blocking, and checked again once open), and only their first bytes are read.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** What a directory entry is, seen through symlinks as `exec` sees it. */
export type ScriptFileKind =
  /** A regular file (or a symlink to one). */
  | 'file'
  | 'directory'
  /** A FIFO, socket or device: nothing a source bundle can carry, and `exec` refuses it. */
  | 'special'
  /** A symlink whose target does not exist. */
  | 'dangling'
  /** A symlink that leads back to itself. */
  | 'loop'
  /** `stat` itself failed for another reason. */
  | 'unreadable';

/** One entry, classified. */
export interface ScriptFileInfo {
  readonly kind: ScriptFileKind;
  /** Any execute bit (regular files only). */
  readonly executable: boolean;
  /** For `special`: what it is (`a FIFO`, `a socket`, `a character device`, `a block device`). */
  readonly what?: string;
  /** For `unreadable`: the errno. */
  readonly errorCode?: string;
}

/** How many bytes of a script are read to look at its first line and its line endings. */
export const SCRIPT_HEAD_BYTES = 256 * 1024;

/** Classifies `path` with stat (following symlinks, as exec does); never opens it. */
export function inspectScriptFile(path: string): ScriptFileInfo {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ELOOP') return { kind: 'loop', executable: false, errorCode: code };
    if (code === 'ENOENT' && isSymlink(path)) return { kind: 'dangling', executable: false, errorCode: code };
    return { kind: 'unreadable', executable: false, errorCode: code };
  }
  if (stat.isFile()) return { kind: 'file', executable: (stat.mode & 0o111) !== 0 };
  if (stat.isDirectory()) return { kind: 'directory', executable: false };
  return { kind: 'special', executable: false, what: specialKind(stat) };
}

/** The first `limit` bytes of a regular file; undefined for anything else or when it cannot be read. */
export function readScriptHead(path: string, limit = SCRIPT_HEAD_BYTES): Buffer | undefined {
  if (inspectScriptFile(path).kind !== 'file') return undefined;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: if the file was swapped for a FIFO since the stat, the open still returns at once.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      const read = readSync(fd, buffer, length, limit - length, length);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** True when the kernel can execute the file itself: a `#!` interpreter line or an ELF binary. */
export function isDirectlyExecutable(head: Buffer): boolean {
  const interpreterLine = head.length >= 2 && head[0] === 0x23 && head[1] === 0x21;
  const elf = head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
  return interpreterLine || elf;
}

/** A `#!` line as the Linux kernel splits it: the interpreter, and at most one argument (the rest of the line). */
export interface InterpreterLine {
  readonly interpreter: string;
  readonly argument?: string;
}

/**
 * Reads the `#!` line the way execve does, so the simulator can start a script whose execute bit the platform would
 * have set: spaces and tabs after `#!` are skipped, the interpreter runs to the next space or tab, and what follows
 * (trimmed) is one argument, spaces and all. Only `\n` ends the line: a carriage return stays part of the
 * interpreter or the argument, as it does for the kernel. Undefined when the file does not start with `#!`.
 */
export function parseInterpreterLine(head: Buffer): InterpreterLine | undefined {
  if (head.length < 2 || head[0] !== 0x23 || head[1] !== 0x21) return undefined;
  const end = head.indexOf(0x0a);
  const line = head.subarray(2, end === -1 ? head.length : end).toString('utf8');
  const match = /^[ \t]*([^ \t]*)[ \t]*(.*?)[ \t]*$/s.exec(line);
  const interpreter = match?.[1] ?? '';
  if (interpreter === '') return undefined;
  const argument = match?.[2] ?? '';
  return argument === '' ? { interpreter } : { interpreter, argument };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function specialKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}
