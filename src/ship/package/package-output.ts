/**
 * Writing the package file (and hook-role.yaml, `generate`): whole or not at all, never over one of the file's own
 * inputs, never over something that is not a regular file (a device, a directory, a FIFO), and without leaving
 * temporaries behind for good.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { removeStaleTemporaries, writeWholeFile, WriteFailure } from '../../kernel/files';
import { readBoundedBytes } from '../../kernel/source';
import { ProjectError } from '../errors';
import { EMPTY_ZIP_SIGNATURE, ZIP_SIGNATURE } from '../zip';

/** Which existing file an output may replace, and how a refusal names the output. */
export interface OutputRule {
  /** How the refusal names the output: the option that set it (`--output`), or the file it always is. */
  readonly option: string;
  /** What is written there, in a refusal: `the package`. */
  readonly what: string;
  /** Whether an existing, non-empty regular file that is no input may be replaced; `otherwise` says why not. */
  readonly mayReplace: (path: string) => boolean;
  readonly otherwise: string;
}

/**
 * The package's rule: the inputs the packager reads are not all the package is made from (the handler's sources,
 * built into dist/ by the same npm script, are not read here), so an existing file is replaced only when it is a ZIP
 * archive (an earlier package) or empty, never a source, a template or a document.
 */
export const PACKAGE_OUTPUT: OutputRule = {
  option: '--output',
  what: 'the package',
  mayReplace: startsWithZipSignature,
  otherwise: 'exists and is not a ZIP archive (an earlier package); the package would replace it',
};

/**
 * Refuses an output path that would destroy something: an existing path that is not a regular file (after
 * following symbolic links: `/dev/null`, a directory, a FIFO), a non-empty file the rule does not let it replace, or
 * one whose real path is the real path of an input.
 * Throws ProjectError (exit 2) located at the option that named it.
 */
export function checkOutputPath(path: string, inputs: readonly string[], rule: OutputRule = PACKAGE_OUTPUT): void {
  const option = rule.option;
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A dangling symbolic link would be replaced by the rename, not followed: refuse it, the user meant something else.
    if (code === 'ENOENT' && isSymbolicLink(path)) refuse(path, option, 'is a symbolic link to a file that does not exist');
    if (code !== 'ENOENT') refuse(path, option, `cannot be checked (${code ?? String(error)})`);
    return;
  }
  if (!stat.isFile()) refuse(path, option, `exists and is not a regular file (${kindOf(stat)}); ${rule.what} would replace it`);
  const real = realpathSync(path);
  for (const input of inputs) {
    let inputReal: string;
    try {
      inputReal = realpathSync(input);
    } catch {
      continue;
    }
    if (inputReal === real) refuse(path, option, `is one of ${rule.what}'s inputs (${input}); writing ${rule.what} there would destroy it`);
  }
  if (stat.size > 0 && !rule.mayReplace(path)) refuse(path, option, rule.otherwise);
}

/**
 * Writes `bytes` whole or not at all over `path` (the kernel's writeWholeFile: a temporary `.<zip>.<pid>.partial`
 * beside it, every byte written and flushed, then renamed), after checking the path (checkOutputPath) against
 * `inputs`. A run that was killed leaves its temporary behind; this one first removes those whose process is gone.
 * Throws ProjectError: OUTPUT_REFUSED, or WRITE_FAILED (a full disk, a missing folder), nothing left behind.
 */
export function writeFileAtomically(path: string, bytes: Buffer, inputs: readonly string[] = [], rule: OutputRule = PACKAGE_OUTPUT): void {
  const target = resolve(path);
  checkOutputPath(target, inputs, rule);
  removeStaleTemporaries(target);
  try {
    writeWholeFile(target, bytes);
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    throw new ProjectError(`cannot write ${path}: ${error.reason}`, path, 0, 0, 'WRITE_FAILED');
  }
}

/** True when a file starts as every ZIP archive does: a local file header, or the end record of an empty archive. */
function startsWithZipSignature(path: string): boolean {
  let head: Buffer;
  try {
    head = readBoundedBytes(path, 4).bytes;
  } catch {
    return false;
  }
  if (head.length < 4) return false;
  const signature = head.readUInt32LE(0);
  return signature === ZIP_SIGNATURE || signature === EMPTY_ZIP_SIGNATURE;
}

function refuse(path: string, option: string, why: string): never {
  throw new ProjectError(`${option} ${path} ${why}; choose another path`, path, 0, 0, 'OUTPUT_REFUSED');
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function kindOf(stat: ReturnType<typeof statSync>): string {
  if (stat === undefined) return 'unknown';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
