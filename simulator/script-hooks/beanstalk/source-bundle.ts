/**
 * Which hook files `eb deploy` would put in the source bundle, compared with what is on disk. The EB CLI
 * (`ebcli/operations/commonops.py` `_zip_up_project`, `ebcli/core/fileoperations.py`, `ebcli/objects/sourcecontrol.py`)
 * builds the bundle one of two ways:
 * - an `.ebignore` in the project folder: it zips the folder itself, minus every file a line of `.ebignore` matches
 *   (pathspec's `gitwildmatch`), minus `*~` backups and `.elasticbeanstalk/`; `.gitignore` and git play no part;
 * - otherwise, in a git work tree: `git archive HEAD` (or the index with `eb deploy --staged`), so the committed files
 *   with their committed modes, not what is on disk.
 * Both are read here without writing anything, so the run can say (or apply) the difference.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readBoundedBytes } from '../../../src/kernel/source';

/** `.ebignore` files are a few lines; a larger one is read only this far (the rest could not name a hook anyway). */
const EBIGNORE_MAX_BYTES = 1024 * 1024;

/** The `.ebignore` line that leaves a file out of the bundle. */
export interface EbignoreMatch {
  /** 1-based line in `.ebignore`. */
  readonly line: number;
  readonly pattern: string;
}

/** The patterns of one `.ebignore`, each kept with its line, in file order. */
export interface Ebignore {
  /** The last line that matches `path` (relative to the project folder, `/`-separated) when it excludes it. */
  excludedBy(path: string): EbignoreMatch | undefined;
}

/**
 * Reads `<sourceRoot>/.ebignore`; undefined when there is none (then the CLI does not use it). Each line is its own
 * `ignore` instance, which does gitignore's line syntax (comments, escapes, trailing spaces, `**`), and the lines are
 * combined as the EB CLI's pathspec combines them: for every path, the last line that matches it decides, and a line
 * that matches a folder matches everything under it. That differs from git in one case, which is why the lines are
 * not given to one `ignore` instance: git never re-includes a file whose folder is excluded (`.platform/` then
 * `!.platform/hooks/`), pathspec does, and so the EB CLI ships it.
 */
export function readEbignore(sourceRoot: string): Ebignore | undefined {
  let text: string;
  try {
    const path = join(sourceRoot, '.ebignore');
    if (!lstatSync(path).isFile()) return undefined;
    text = readBoundedBytes(path, EBIGNORE_MAX_BYTES, 'the .ebignore file').bytes.toString('utf8');
  } catch {
    return undefined;
  }
  // A comment or a blank line becomes a matcher with no rule, which matches nothing.
  const rules = text.split(/\r?\n/).map((pattern, index) => ({ pattern, line: index + 1, matcher: ignore().add(pattern) }));
  return {
    excludedBy(path: string): EbignoreMatch | undefined {
      let decided: { rule: (typeof rules)[number]; excluded: boolean } | undefined;
      for (const rule of rules) {
        const verdict = ruleVerdict(rule.matcher, path);
        if (verdict !== undefined) decided = { rule, excluded: verdict };
      }
      return decided?.excluded ? { line: decided.rule.line, pattern: decided.rule.pattern.trim() } : undefined;
    },
  };
}

/** true: the line excludes `path`; false: a `!` line includes it again; undefined: the line does not match it. */
function ruleVerdict(matcher: Ignore, path: string): boolean | undefined {
  const parts = path.split('/');
  // The folders above the file first (`a/`, `a/b/`), then the file: a line matching a folder matches what it holds.
  for (let depth = 1; depth <= parts.length; depth++) {
    const prefix = parts.slice(0, depth).join('/') + (depth < parts.length ? '/' : '');
    const result = matcher.test(prefix);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return undefined;
}

/** A hook file on disk whose counterpart in the source bundle `git archive HEAD` would build is not the same. */
export interface BundleDifference {
  /** The hook's path relative to the source folder, as the run names it. */
  readonly file: string;
  readonly reason: 'untracked' | 'modified' | 'mode-committed-without-bit' | 'mode-committed-with-bit';
}

/** One hook file to compare with HEAD. */
export interface HookOnDisk {
  /** Relative to the source folder, `/`-separated. */
  readonly file: string;
  readonly absolutePath: string;
  /** Any execute bit on disk. */
  readonly executable: boolean;
}

/** Every git command gets this long and this much output; past either it is killed and the check is skipped. */
const GIT_TIMEOUT_MS = 5000;
const GIT_MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * How the hooks on disk differ from `git archive HEAD` run in `sourceRoot` (what `eb deploy` ships without an
 * `.ebignore`). Empty when the folder is no git work tree, has no commit, or git is absent, slow or fails: the check
 * is advice, and its absence must never fail a simulation. Git is run with no stdin, no prompt, no optional locks,
 * a timeout and an output bound, and only ever reads: `ls-tree` for what HEAD holds, `hash-object` (without `-w`)
 * for the blob each regular file on disk would be, after the repository's own clean filters and line-ending rules.
 */
export function gitBundleDifferences(sourceRoot: string, hooks: readonly HookOnDisk[], env: Readonly<Record<string, string | undefined>>): BundleDifference[] {
  const root = realPath(sourceRoot);
  if (root === undefined || hooks.length === 0) return [];
  // A hook reached through a symlinked folder (`.platform/confighooks` → `hooks`) is in the archive under its real
  // path; one whose real path leaves the source folder is not compared.
  const resolved = hooks.flatMap((hook) => {
    const path = realPathInside(root, hook.absolutePath);
    return path === undefined ? [] : [{ hook, path }];
  });
  if (resolved.length === 0) return [];
  const tree = git(root, ['ls-tree', '-z', 'HEAD', '--', ...resolved.map((r) => r.path)], env);
  if (tree === undefined) return [];
  const committed = new Map<string, { mode: string; blob: string }>();
  for (const record of tree.split('\0')) {
    // `<mode> SP <type> SP <object> TAB <path>`
    const match = /^(\d{6}) (\w+) ([0-9a-f]+)\t([\s\S]*)$/.exec(record);
    if (match && match[2] === 'blob') committed.set(match[4], { mode: match[1], blob: match[3] });
  }
  const tracked = resolved.filter((r) => committed.has(r.path));
  // The hook files are regular files by now (FIFOs and devices are refused before this runs), so hashing cannot block.
  const hashes = tracked.length === 0 ? [] : (git(root, ['hash-object', '--', ...tracked.map((r) => r.path)], env)?.trim().split('\n') ?? []);
  const differences: BundleDifference[] = [];
  for (const { hook, path } of resolved) {
    const head = committed.get(path);
    if (!head) {
      differences.push({ file: hook.file, reason: 'untracked' });
      continue;
    }
    const index = tracked.findIndex((r) => r.path === path);
    if (head.mode !== '120000' && hashes.length === tracked.length && hashes[index] !== head.blob) differences.push({ file: hook.file, reason: 'modified' });
    const committedExecutable = head.mode === '100755';
    if (head.mode !== '120000' && committedExecutable !== hook.executable) {
      differences.push({ file: hook.file, reason: committedExecutable ? 'mode-committed-with-bit' : 'mode-committed-without-bit' });
    }
  }
  return differences;
}

/** Runs one read-only git command; its stdout, or undefined when git is absent, fails, is slow or says too much. */
function git(cwd: string, args: readonly string[], env: Readonly<Record<string, string | undefined>>): string | undefined {
  const result = spawnSync('git', ['--literal-pathspecs', '-c', 'core.quotePath=false', ...args], {
    cwd,
    env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: GIT_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: GIT_MAX_OUTPUT_BYTES,
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout;
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** `path`'s real path relative to the real `root`, `/`-separated; undefined when it cannot be resolved or is outside. */
export function realPathInside(root: string, path: string): string | undefined {
  const realRoot = realPath(root);
  const real = realPath(path);
  if (realRoot === undefined || real === undefined) return undefined;
  const inside = relative(realRoot, real);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? undefined : inside.split(sep).join('/');
}
