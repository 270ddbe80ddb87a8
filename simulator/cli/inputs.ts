/**
 * The inputs of a many-templates run, expanded in a fixed order: files as given, directories walked (sorted, by
 * template extension, `node_modules` and hidden folders skipped, a `cdk.out` taken as a cloud assembly), globs
 * matched the same way. A file found by a walk or a glob that is clearly not a template (no `Resources` key) is
 * skipped and counted, not refused. `--shard i/n` keeps every n-th unit, so a CI matrix splits the work
 * deterministically.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { readBoundedBytes } from '../../src/kernel/source';
import { isCloudAssembly } from '../cloudformation/assembly';

/** One piece of work: a template file, or a cloud assembly (its stacks share exports, so they run together). */
export interface InputUnit {
  readonly kind: 'template' | 'assembly';
  /** The path as shown to the user (relative to the working directory when under it). */
  readonly input: string;
  readonly path: string;
}

/** The expanded inputs, and the files passed over. */
export interface ExpandedInputs {
  readonly units: InputUnit[];
  /** Files a walk or glob found that are not templates (no `Resources` key), as shown. */
  readonly skipped: string[];
}

/** The extensions a directory walk takes as templates. */
export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template'];

/** [choice] Bounds of a walk: folders this deep or files this many are a mistake (a home directory), not a repository. */
const MAX_WALK_DEPTH = 32;
const MAX_FILES = 100_000;
/** A file's first bytes decide whether it declares `Resources` (templates are at most 1 MB in the service). */
const SNIFF_BYTES = 1_048_576;

/** Expands the inputs in order; a path given twice counts once. Throws a located error for an input that does not exist. */
export function expandInputs(inputs: readonly string[], cwd: string): ExpandedInputs {
  const units: InputUnit[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  // As typed: relative to the working directory (`../x` included) unless given as an absolute path.
  let typedAbsolute = false;
  const shown = (path: string): string => (typedAbsolute ? path : relative(cwd, path) || '.'); // `simulate .` in cdk.out shows '.', not nothing
  const add = (kind: InputUnit['kind'], path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    units.push({ kind, input: shown(path), path });
  };
  const consider = (path: string): void => {
    if (seen.has(path)) return;
    if (looksLikeTemplate(path)) add('template', path);
    else skipped.push(shown(path));
  };
  for (const input of inputs) {
    typedAbsolute = isAbsolute(input);
    const path = typedAbsolute ? input : join(cwd, input);
    if (/[*?[]/.test(input)) {
      for (const found of glob(path)) {
        if (isCloudAssembly(found)) add('assembly', found);
        else consider(found);
      }
      continue;
    }
    if (isCloudAssembly(path)) add('assembly', path);
    else if (isDirectory(path)) walk(path, 0, { onAssembly: (p) => add('assembly', p), onFile: consider, count: { files: 0 } });
    else add('template', path);
  }
  return { units, skipped };
}

/** The units of shard `index` of `count` (1-based): every count-th unit, starting at index-1. */
export function shardOf<T>(units: readonly T[], shard: { index: number; count: number } | undefined): T[] {
  if (!shard) return [...units];
  return units.filter((_, i) => i % shard.count === shard.index - 1);
}

interface Walker {
  readonly onAssembly: (path: string) => void;
  readonly onFile: (path: string) => void;
  readonly count: { files: number };
}

function walk(directory: string, depth: number, walker: Walker): void {
  if (depth > MAX_WALK_DEPTH) return;
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(directory, entry.name);
    // Symbolic links are not followed: a link loop must not make a walk endless.
    if (entry.isDirectory()) {
      if (isCloudAssembly(path)) walker.onAssembly(path);
      else walk(path, depth + 1, walker);
    } else if (entry.isFile() && TEMPLATE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) {
      walker.count.files += 1;
      if (walker.count.files > MAX_FILES) return;
      walker.onFile(path);
    }
  }
}

/** Paths matching a glob (`*` within a name, `**` across folders, `?`), in walk order. */
function glob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => /[*?[]/.test(p));
  const base = parts.slice(0, firstGlob).join(sep) || sep;
  const matcher = globRegExp(parts.slice(firstGlob).join('/'));
  const found: string[] = [];
  const visit = (directory: string, depth: number): void => {
    if (depth > MAX_WALK_DEPTH || found.length > MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules') continue;
      const path = join(directory, entry.name);
      const rel = relative(base, path).split(sep).join('/');
      if (matcher.test(rel) && (entry.isFile() || (entry.isDirectory() && isCloudAssembly(path)))) found.push(path);
      else if (entry.isDirectory() && !entry.name.startsWith('.')) visit(path, depth + 1);
    }
  };
  visit(base, 0);
  return found;
}

function globRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&').replace('[', '[');
  }
  return new RegExp(`^${out}$`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** True when a file declares a top-level-looking `Resources` key (JSON or YAML); unreadable files are left to the run. */
function looksLikeTemplate(path: string): boolean {
  try {
    const text = readBoundedBytes(path, SNIFF_BYTES).bytes.toString('utf8');
    return /(^|[\s{,])["']?Resources["']?\s*:/m.test(text);
  } catch {
    return true;
  }
}
