/**
 * The scripts in one hook folder, in the order the platform runs them: byte-wise lexicographic by file name (the
 * engine sorts names as Go does, so `10_x` runs before `9_x`). Each entry is classified with stat only, so nothing
 * here can block on a FIFO. Folders inside are not scripts.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspectScriptFile, type ScriptFileKind } from '../engine';
import { compareUtf8 } from '../../../src/kernel/source';

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
export const compareNamesBytewise = compareUtf8;

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

/** Why the legacy engine leaves an entry out; `byName` when the name alone decides (a deliberate way to park a file). */
export interface LegacySkip {
  readonly reason: string;
  readonly byName: boolean;
}

/**
 * Why the legacy (Amazon Linux AMI) engine does not run an entry of a hook folder, or undefined when it runs it. The
 * engine lists `Dir.glob("<folder>/*")` (which leaves out dot files) and keeps an entry only when it is not a folder,
 * `File.executable?` holds (false for a dangling symlink) and the name does not match
 * `/^([\.].*|.+\.bak|.+\.tmp)$/`; everything else it skips without a word.
 */
export function legacySkip(script: HookScript): LegacySkip | undefined {
  // Ruby's ^ and $ match at line ends inside the name too, hence the m flag.
  if (/^\..*$/m.test(script.name)) return { reason: 'its name starts with a dot', byName: true };
  const parked = /^.+\.(bak|tmp)$/m.exec(script.name);
  if (parked) return { reason: `its name ends in .${parked[1]}`, byName: true };
  switch (script.kind) {
    case 'directory':
      return { reason: 'it is a folder (the engine does not descend into folders)', byName: false };
    case 'dangling':
      return { reason: 'it is a symlink whose target does not exist', byName: false };
    case 'loop':
      return { reason: 'it is a symlink that leads back to itself', byName: false };
    case 'unreadable':
      return { reason: `stat fails on it (${script.errorCode ?? 'EIO'})`, byName: false };
    case 'file':
      return script.executable ? undefined : { reason: 'it has no execute bit', byName: false };
    default:
      return script.executable ? undefined : { reason: 'it is not an executable file', byName: false };
  }
}

/** A non-UTF-8 name with each byte that is not printable ASCII written as `\xNN`. */
function latin1Escaped(raw: Buffer): string {
  return [...raw].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}
