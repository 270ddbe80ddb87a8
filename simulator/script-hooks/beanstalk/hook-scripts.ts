/**
 * The scripts in one hook folder, in the order the platform runs them: byte-wise lexicographic by file name (the
 * engine sorts names as Go does, so `10_x` runs before `9_x`). Each entry is classified with stat only, so nothing
 * here can block on a FIFO. Folders inside are not scripts.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspectScriptFile, type ScriptFileKind } from '../engine';

/** One entry of a hook folder. */
export interface HookScript {
  readonly name: string;
  readonly absolutePath: string;
  readonly kind: ScriptFileKind;
  /** Any execute bit: the platform runs hooks as root, for whom one bit is enough. */
  readonly executable: boolean;
  /** For a `special` entry: what it is (`a FIFO (named pipe)`, …). */
  readonly what?: string;
  /** For an `unreadable` entry: the errno stat gave. */
  readonly errorCode?: string;
  /** The name's bytes are not UTF-8: the simulator cannot name the file to run it. */
  readonly nameNotUtf8?: boolean;
}

/** Compares names as byte strings, as the platform orders them. */
export function compareNamesBytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Lists a folder in run order; undefined when the folder does not exist (or is not a folder). */
export function listHookScripts(folder: string): HookScript[] | undefined {
  let names: Buffer[];
  try {
    if (!statSync(folder).isDirectory()) return undefined;
    names = readdirSync(folder, { encoding: 'buffer' });
  } catch {
    return undefined;
  }
  return names.sort(Buffer.compare).map((raw): HookScript => {
    const name = raw.toString('utf8');
    const absolutePath = join(folder, name);
    if (!Buffer.from(name, 'utf8').equals(raw)) {
      // A Latin-1 name read as UTF-8 becomes another name (U+FFFD), which no file has.
      return { name: latin1Escaped(raw), absolutePath, kind: 'unreadable', executable: false, errorCode: 'ENOENT', nameNotUtf8: true };
    }
    const info = inspectScriptFile(absolutePath);
    return { name, absolutePath, kind: info.kind, executable: info.executable, ...(info.what ? { what: info.what } : {}), ...(info.errorCode ? { errorCode: info.errorCode } : {}) };
  });
}

/** A non-UTF-8 name with each byte that is not printable ASCII written as `\xNN`. */
function latin1Escaped(raw: Buffer): string {
  return [...raw].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}
