/**
 * Which files in `amplify/hooks/` are hook scripts. The Amplify CLI lists the folder once per event: regular
 * files only (lstat, so a symlink is never one), names split at the last dot, and only extensions it knows.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One file name, split as the Amplify CLI splits it. */
export interface HookFileName {
  readonly fileName: string;
  readonly baseName: string;
  readonly extension?: string;
}

/** A file in the hooks folder and what kind of entry it is. */
export interface HooksFolderEntry {
  readonly fileName: string;
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
}

/** Splits at the last dot: `pre-push.js.sample` is base `pre-push.js`, extension `sample`. */
export function splitHookFileName(fileName: string): HookFileName {
  const dot = fileName.lastIndexOf('.');
  if (dot === -1) return { fileName, baseName: fileName };
  return { fileName, baseName: fileName.slice(0, dot), extension: fileName.slice(dot + 1) };
}

/** Lists the hooks folder, sorted by name so reports are deterministic. */
export function listHooksFolder(hooksDir: string): HooksFolderEntry[] {
  return readdirSync(hooksDir)
    .sort()
    .map((fileName) => {
      const stat = lstatSync(join(hooksDir, fileName));
      const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : stat.isSymbolicLink() ? 'symlink' : 'other';
      return { fileName, kind };
    });
}

/** The hook files for one base name: regular files with a known extension whose base matches exactly. */
export function filesForHook(entries: readonly HooksFolderEntry[], baseName: string, knownExtensions: ReadonlySet<string>): HookFileName[] {
  return entries
    .filter((entry) => entry.kind === 'file')
    .map((entry) => splitHookFileName(entry.fileName))
    .filter((name) => name.extension !== undefined && knownExtensions.has(name.extension) && name.baseName === baseName);
}
