/**
 * The one way the script-hook simulators open the user's project: its folders (`--project`, `--source`, `--legacy`)
 * and its side files (`hooks-config.json`, `local-env-info.json`). Side files go through the kernel's bounded reader,
 * regular files only (so a FIFO or a device is refused after a stat instead of blocking the run, and `/dev/zero` or a
 * 10 GB file cannot exhaust memory); every failure is a located input error naming the file as the user knows it.
 */
import { existsSync } from 'node:fs';
import { FileReadError, notADirectoryReason, readBoundedText } from '../../src/kernel/source';
import { LifecycleInputError } from './errors';

/** Side files are small configuration documents: 1 MiB is far above any real one. */
export const PROJECT_FILE_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads `path` as text; undefined when nothing is there as the Amplify CLI's existsSync sees it (a dangling symlink
 * or a symlink loop counts as absent). `shown` is the name printed in errors.
 */
export function readProjectFile(path: string, shown: string, expected: string, limit = PROJECT_FILE_LIMIT_BYTES): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readBoundedText(path, { limit, what: shown });
  } catch (error) {
    if (error instanceof FileReadError) {
      const code = error.code;
      const message = `cannot read it: ${error.reason}; expected ${expected}`;
      throw new LifecycleInputError(code, `${shown}: ${message}`, [{ code, severity: 'error', message, file: shown, path: '', line: 0, column: 0 }]);
    }
    throw error;
  }
}

/**
 * Refuses a project folder that is not one, before any hook is looked for: located at the folder (`file`, so JSON
 * carries it as a field, not only inside the message) with the reason (`no such directory`, `it is a file, not a
 * directory`). `what` names the folder and its option: `the project directory (--project)`.
 */
export function requireProjectDirectory(path: string, what: string): void {
  const reason = notADirectoryReason(path);
  if (reason === undefined) return;
  const code = 'FILE_NO_SUCH_DIRECTORY';
  const message = `cannot use it as ${what}: ${reason}`;
  throw new LifecycleInputError(code, `${path}: ${message}`, [{ code, severity: 'error', message, file: path, path: '', line: 0, column: 0 }]);
}
