/**
 * The git work tree a run is in, found as git finds it without running git: the nearest folder, from the working
 * directory up, that holds a `.git` entry (a folder in a clone; a file in a linked worktree or a submodule, which
 * names the real one). SARIF's uris are made relative to it (`SarifSourceBase`), since code scanning reads them so.
 * [choice] `GIT_DIR` and `GIT_WORK_TREE` are not read: a CI checkout has neither, and a run that sets them is a
 * run outside code scanning's checkout anyway.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SarifSourceBase } from './sarif';

/** Where a run's files are for its SARIF log: its working directory, and the git work tree holding it, if any. */
export function sarifSourceBase(cwd: string): SarifSourceBase {
  const repositoryRoot = repositoryRootOf(cwd);
  return repositoryRoot === undefined ? { cwd } : { cwd, repositoryRoot };
}

/** The top level of the git work tree holding `cwd` (absolute), or undefined outside any. */
export function repositoryRootOf(cwd: string, hasGitEntry: (folder: string) => boolean = (folder) => existsSync(join(folder, '.git'))): string | undefined {
  let folder = resolve(cwd);
  for (;;) {
    if (hasGitEntry(folder)) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
