/**
 * The project as tests that care where it sits see it. A checkout is not always a git work tree: an unpacked source
 * archive (GitHub's "Download ZIP", `git archive`) has no `.git`, and `npm test` must pass there too.
 *   - `projectFiles()`: the files a fresh clone has, for the tests of the docs and the README;
 *   - `inGitWorkTree(path)`: a project path as seen from a git work tree holding the project, for the tests of what a
 *     run names from the repository's root (SARIF uris, JUnit's `file`), which a run outside any work tree names
 *     otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ignore from 'ignore';

export const repoRoot = resolve(__dirname, '..', '..');

/** The files a fresh clone has: git's list in a work tree, else the files on disk `.gitignore` keeps (an archive). */
export function projectFiles(): string[] {
  if (existsSync(join(repoRoot, '.git'))) {
    const git = spawnSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' });
    if (git.status !== 0) throw new Error(`git ls-files failed in ${repoRoot}: ${git.stderr}`);
    return git.stdout.split('\0').filter(Boolean);
  }
  const ignored = ignore().add(readFileSync(join(repoRoot, '.gitignore'), 'utf8'));
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(join(repoRoot, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      // A link is asked both ways: git keeps the link, never what it points to, and `node_modules/` may be one.
      const asFolder = entry.isDirectory() || entry.isSymbolicLink();
      if (entry.name === '.git' || ignored.ignores(path) || (asFolder && ignored.ignores(`${path}/`))) continue;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('');
  return files.sort();
}

let workTree: string | undefined;

/**
 * `path` (inside the project) as seen from a git work tree holding the project: a folder with an empty `.git` and a
 * link to each of the project's top-level entries, made once per test file in the run's temporary folder (removed
 * when the run ends). Used whether or not this checkout is itself a work tree, so a test sees the same root in both.
 */
export function inGitWorkTree(path: string): string {
  const inside = relative(repoRoot, resolve(path));
  if (inside.startsWith('..')) throw new Error(`${path} is not inside the project (${repoRoot})`);
  if (workTree === undefined) {
    const made = mkdtempSync(join(tmpdir(), 'git-work-tree-'));
    mkdirSync(join(made, '.git'));
    for (const entry of readdirSync(repoRoot)) if (entry !== '.git') symlinkSync(join(repoRoot, entry), join(made, entry));
    workTree = made;
  }
  return join(workTree, inside);
}
