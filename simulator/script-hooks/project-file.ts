/**
 * The one way the script-hook simulators read a side file of the user's project (`hooks-config.json`,
 * `local-env-info.json`): stat first, so a FIFO or a device is refused instead of blocking the run; then the
 * kernel's bounded reader, so `/dev/zero` or a 10 GB file cannot exhaust memory; every failure a located
 * input error naming the file as the user knows it.
 */
import { statSync } from 'node:fs';
import { FileReadError, readBoundedText } from '../../src/kernel/source';
import { LifecycleInputError } from './errors';

/** Side files are small configuration documents: 1 MiB is far above any real one. */
export const PROJECT_FILE_LIMIT_BYTES = 1024 * 1024;

/** Reads `path` as text; undefined when nothing is there. `shown` is the name printed in errors. */
export function readProjectFile(path: string, shown: string, expected: string, limit = PROJECT_FILE_LIMIT_BYTES): string | undefined {
  let isFile: boolean;
  let what = 'not a regular file';
  try {
    const stat = statSync(path);
    isFile = stat.isFile();
    if (stat.isDirectory()) what = 'a directory';
    else if (stat.isFIFO()) what = 'a FIFO (named pipe)';
    else if (stat.isCharacterDevice() || stat.isBlockDevice()) what = 'a device';
    else if (stat.isSocket()) what = 'a socket';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw unreadable(shown, code === 'ELOOP' ? 'too many symbolic links' : `the system refused (${code ?? 'EIO'})`, expected);
  }
  if (!isFile) throw unreadable(shown, `it is ${what}, not a file`, expected);
  try {
    return readBoundedText(path, { limit, what: shown });
  } catch (error) {
    if (error instanceof FileReadError) {
      throw unreadable(shown, error.code === 'FILE_TOO_LARGE' ? `it is larger than ${limit} bytes` : error.reason, expected, error.code === 'FILE_TOO_LARGE' ? 'INPUT_TOO_LARGE' : 'UNREADABLE_INPUT');
    }
    throw error;
  }
}

function unreadable(shown: string, reason: string, expected: string, code = 'UNREADABLE_INPUT'): LifecycleInputError {
  const message = `cannot read it: ${reason}; expected ${expected}`;
  return new LifecycleInputError(code, `${shown}: ${message}`, [{ code, severity: 'error', message, file: shown, path: '', line: 0, column: 0 }]);
}
