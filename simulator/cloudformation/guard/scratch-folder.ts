/**
 * The scratch folders the Guard runner writes cfn-guard's files into (the input documents, which hold every judged
 * resource's resolved properties, rules taken out of an archive, the fetched package): in the system's temporary
 * folder, named with the run's pid so that the next run removes what a killed run left (the kernel's
 * makeScratchFolder), and removed on Ctrl-C or SIGTERM. A temporary folder that cannot take them is said as such.
 */
import type * as Os from 'node:os';
import { dirname } from 'node:path';
import { makeScratchFolder, type ScratchFolder } from '../../../src/kernel/files';
import { systemErrorText } from '../../../src/kernel/diagnostics';
import { GuardScratchError } from './errors';

/** A fresh scratch folder `<tmpdir>/<prefix><pid>-XXXXXX`; throws GuardScratchError when the temporary folder cannot have one. */
export function guardScratchFolder(prefix: string): ScratchFolder {
  // Required here, not imported: a run without Guard hooks never needs it, and node:os would load at every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parent = (require('node:os') as typeof Os).tmpdir();
  try {
    return makeScratchFolder(parent, prefix);
  } catch (error) {
    throw scratchError(parent, error);
  }
}

/**
 * Runs `write` (files written into a scratch folder); a system error it throws (ENOSPC, EDQUOT, EROFS) becomes a
 * GuardScratchError naming the temporary folder. Any other error passes through.
 */
export function writingScratch<T>(folder: ScratchFolder, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException | undefined)?.syscall !== 'string') throw error;
    throw scratchError(dirname(folder.path), error);
  }
}

function scratchError(parent: string, error: unknown): GuardScratchError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' ? 'it does not exist; set TMPDIR to a folder that does' : code === 'ENOTDIR' ? 'it is not a folder; set TMPDIR to one that is' : `${systemErrorText(error)}; free space there or set TMPDIR to another folder`;
  return new GuardScratchError(
    `the temporary folder ${parent} (TMPDIR, else /tmp) cannot take the files cfn-guard reads: ${why}`,
    { cause: error },
  );
}
