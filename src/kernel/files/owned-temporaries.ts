/**
 * Temporaries that carry the pid of the run that made them. A run that is killed (SIGKILL, a power cut) cannot
 * clean up after itself; the next run can, by removing those whose process is gone, so that at most the
 * temporaries of runs still going exist. The packager's `.partial` files and the Guard runner's scratch folders
 * (which hold resolved properties) are both such temporaries.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A temporary file is `.<name>.<pid>.partial` beside `path` (a rename is atomic only within one file system).
 */
const TEMPORARY_SUFFIX = '.partial';

/** The temporary file for `path` written by process `pid`. */
export function temporaryPathFor(path: string, pid: number = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}${TEMPORARY_SUFFIX}`);
}

/** Removes temporaries for `path` left by runs that are no longer running; returns the names removed. */
export function removeStaleTemporaries(path: string): string[] {
  const prefix = `.${basename(path)}.`;
  // One with this process's own pid is stale too: the write is synchronous, so it was left by an earlier process
  // that had the same pid (and would make the exclusive open fail).
  const pidIn = (name: string) => (name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX) ? name.slice(prefix.length, -TEMPORARY_SUFFIX.length) : undefined);
  return removeStale(dirname(path), pidIn, { recursive: false, ownIsStale: true });
}

/**
 * Makes a fresh folder `<prefix><pid>-XXXXXX` in `parent` (mkdtemp: 0700, a name no other run has), for this
 * process's scratch files. Throws what mkdtemp throws (ENOENT when `parent` is missing, ENOSPC).
 */
export function makeScratchFolder(parent: string, prefix: string): string {
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`));
}

/** Removes, with their contents, the scratch folders `<prefix><pid>-XXXXXX` in `parent` whose process is gone; returns the names removed. */
export function removeStaleScratchFolders(parent: string, prefix: string): string[] {
  // mkdtemp appends six characters; anything else with the prefix is not ours (another tool's, or an older name).
  const shape = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-[A-Za-z0-9]{6}$`);
  // This process's own folders may be in use (several Guard runs at once): never removed here.
  return removeStale(parent, (name) => shape.exec(name)?.[1], { recursive: true, ownIsStale: false });
}

/** Whether process `pid` exists (EPERM: it does, but belongs to someone else). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the entries of `folder` whose name gives (through `pidIn`) the pid of a process that is gone. */
function removeStale(folder: string, pidIn: (name: string) => string | undefined, how: { readonly recursive: boolean; readonly ownIsStale: boolean }): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const digits = pidIn(name);
    if (digits === undefined || !/^\d+$/.test(digits)) continue;
    const pid = Number(digits);
    if (!Number.isSafeInteger(pid) || pid <= 0) continue;
    if (pid === process.pid ? !how.ownIsStale : isRunning(pid)) continue;
    try {
      rmSync(join(folder, name), { force: true, recursive: how.recursive });
      removed.push(name);
    } catch {
      // Another user's, or being removed by another run: not ours to insist on.
    }
  }
  return removed;
}
