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

/** A scratch folder of this run (makeScratchFolder). */
export interface ScratchFolder {
  readonly path: string;
  /** Removes it with its contents; also done on SIGINT, SIGTERM or exit if it is still there. */
  remove(): void;
}

/** This process's scratch folders not yet removed: what a signal or an exit removes. */
const liveScratchFolders = new Set<string>();
/** The folders and prefixes this process has already swept (once per run is enough). */
const swept = new Set<string>();

/**
 * Makes a fresh folder `<prefix><pid>-XXXXXX` in `parent` (mkdtemp: 0700, a name no other run has), for this
 * process's scratch files. The first one a run makes for a prefix removes those of runs that are gone (a SIGKILL or
 * a power cut leaves them); Ctrl-C, SIGTERM and the process's exit remove this run's own. Throws what mkdtemp throws
 * (ENOENT when `parent` is missing, ENOSPC).
 */
export function makeScratchFolder(parent: string, prefix: string): ScratchFolder {
  const key = join(parent, prefix);
  if (!swept.has(key)) {
    swept.add(key);
    removeStaleScratchFolders(parent, prefix);
  }
  const path = mkdtempSync(join(parent, `${prefix}${process.pid}-`));
  watchForEnd();
  liveScratchFolders.add(path);
  return {
    path,
    remove: () => {
      removeFolder(path);
      liveScratchFolders.delete(path);
    },
  };
}

function removeFolder(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Being removed already, or no longer ours to remove: a later run's sweep is the last resort.
  }
}

/** On SIGINT or SIGTERM: remove this run's scratch folders, then end as the signal would have ended it. */
function onSignal(signal: NodeJS.Signals): void {
  removeLiveScratchFolders();
  unwatchForEnd();
  // With no listener left for it, the signal raised again takes its default action (unless another part of the
  // run, a script hook's runner, listens too and ends the run itself).
  process.kill(process.pid, signal);
}

/** On exit ('exit' listeners run synchronously, and rmSync is synchronous): `simulate … | head`, a lost stdout. */
function removeLiveScratchFolders(): void {
  for (const path of liveScratchFolders) removeFolder(path);
  liveScratchFolders.clear();
}

/**
 * Listens from the first scratch folder to the end of the run, not only while one exists: a signal that arrived as
 * the last folder was removed would be taken by a listener about to go, and lost.
 */
let watching = false;
function watchForEnd(): void {
  if (watching) return;
  watching = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', removeLiveScratchFolders);
}

function unwatchForEnd(): void {
  watching = false;
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('exit', removeLiveScratchFolders);
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
