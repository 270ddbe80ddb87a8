/**
 * Writing a file whole or not at all: readers of `path` see the old file or the new one, never half of one, and a
 * disk that fills up is an error, never a cut file reported as written.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemErrorText } from '../diagnostics';
import { temporaryPathFor } from './owned-temporaries';

/** Why a file could not be written, in words that name the file the user asked for, never the temporary. */
export class WriteFailure extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write ${path}: ${reason}`, options);
    this.name = 'WriteFailure';
  }
}

/**
 * Writes `bytes` to this process's temporary beside `path` (temporaryPathFor), flushes it to the disk, checks that
 * every byte is there, then renames it over `path`. On any failure the temporary is removed and a WriteFailure is
 * thrown; `path` is untouched.
 */
export function writeWholeFile(path: string, bytes: Uint8Array): void {
  const temporary = temporaryPathFor(path);
  try {
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      // writeFileSync on a descriptor writes until every byte is out: one writeSync may write fewer bytes than it
      // was given (a disk with 12 KiB left takes 12 KiB, without an error), and ENOSPC comes only from the next write.
      writeFileSync(fd, bytes);
      fsyncSync(fd);
      const written = fstatSync(fd).size;
      if (written !== bytes.length) throw new WriteFailure(path, `only ${written} of ${bytes.length} bytes reached the disk`);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof WriteFailure) throw error;
    throw new WriteFailure(path, reasonFor(error, path), { cause: error });
  }
}

function reasonFor(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' && !existsSync(dirname(path))) return `its folder ${dirname(path)} does not exist`;
  if (code === 'ENOTDIR') return `a part of ${dirname(path)} is not a folder`;
  return systemErrorText(error);
}
