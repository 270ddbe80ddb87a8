/**
 * The scripts in one hook folder, in the order the platform runs them: byte-wise lexicographic by file name (the
 * engine sorts names as Go does, so `10_x` runs before `9_x`). Folders inside are not scripts.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of a hook folder. */
export interface HookScript {
  readonly name: string;
  readonly absolutePath: string;
  readonly kind: 'file' | 'directory' | 'other';
  /** Any execute bit: the platform runs hooks as root, for whom one bit is enough. */
  readonly executable: boolean;
}

/** Compares names as byte strings, as the platform orders them. */
export function compareNamesBytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Lists a folder in run order; undefined when the folder does not exist. */
export function listHookScripts(folder: string): HookScript[] | undefined {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) return undefined;
    names = readdirSync(folder);
  } catch {
    return undefined;
  }
  return names.sort(compareNamesBytewise).map((name): HookScript => {
    const absolutePath = join(folder, name);
    try {
      const stat = statSync(absolutePath);
      const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
      return { name, absolutePath, kind, executable: (stat.mode & 0o111) !== 0 };
    } catch {
      // A dangling symlink: the platform cannot run it either.
      return { name, absolutePath, kind: 'other', executable: false };
    }
  });
}
