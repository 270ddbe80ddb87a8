/**
 * The inputs of a many-templates run, expanded in a fixed order: files as given, directories walked (sorted, by
 * template extension, `node_modules`, version control and tools' generated folders skipped (FOLDERS_NOT_WALKED), a
 * `cdk.out` taken as a cloud assembly), globs matched as a shell matches them (hidden folders not entered). A file
 * found by a walk or a glob that is clearly not a template (no `Resources` key and no other mark of a template, or a
 * CodeDeploy AppSpec file, whose `Resources` lists deployment targets) is skipped and counted, not refused; one whose `Resources` is misspelt or missing is a template the run refuses (InputReads
 * decides, in input-reads.ts). `--shard i/n` keeps every n-th unit (a template, or a whole cloud assembly), so a CI
 * matrix splits the work deterministically.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { isDirectory, readBoundedText, readFailureReason } from '../../src/kernel/source';
import { ASSEMBLY_MANIFEST, isAssemblyManifestFile, isCloudAssembly } from '../cloudformation/assembly';
import { InputReads } from './input-reads';
import { isGlob } from './options';

/** One piece of work: a template file, or a cloud assembly (its stacks share exports, so they run together). */
export interface InputUnit {
  readonly kind: 'template' | 'assembly';
  /** The path as shown to the user (relative to the working directory when under it). */
  readonly input: string;
  readonly path: string;
  /** Found by a walk or a glob, not named on the command line (a nested stack's child is then simulated in its parent). */
  readonly found?: true;
}

/** The expanded inputs, and the files passed over. */
export interface ExpandedInputs {
  readonly units: InputUnit[];
  /** Files a walk or glob found that are not templates (no `Resources` key, nor a template's other marks), as shown. */
  readonly skipped: string[];
  /** What the run should know about its inputs, on stderr: a `cdk.out` folder with no manifest (`cdkOutNote`). */
  readonly notes: string[];
}

/** The folder the CDK CLI synthesizes a cloud assembly into, by default. */
const CDK_OUT = 'cdk.out';

/**
 * A folder named `cdk.out` without `manifest.json` is no cloud assembly (an assembly copied without its manifest, a
 * synth that failed half-way, a `cdk.out` committed with the manifest ignored): its templates run as loose templates,
 * each named after its file, without the manifest's stack names, environments, parameters or dependency order, and
 * `Fn::GetStackOutput` between them gets placeholders. Walked so, it passed without a word (h34).
 */
function cdkOutNote(shown: string): string {
  return `note: ${shown} is named cdk.out but holds no ${ASSEMBLY_MANIFEST}: it is no cloud assembly, so its templates run as loose templates, each under its file name, without the stack names, environments, parameters and dependency order of a manifest (run cdk synth to write the whole assembly)`;
}

/** The extensions a directory walk takes as templates. */
export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template'];

/**
 * [choice] Bounds of a walk: folders this deep or files this many are a mistake (a home directory), not a repository.
 * Reaching one is an error naming the folder, never a silent stop: a gate must not pass the templates it never read.
 */
const MAX_WALK_DEPTH = 32;
const MAX_FILES = 100_000;

/**
 * A walk or glob that cannot see every template: past its bounds (too deep, too many files) or a folder it cannot
 * read. The run stops before simulating anything, so a gate never passes templates it did not read.
 */
export class InputWalkError extends Error {
  constructor(
    readonly where: string,
    readonly why: string,
  ) {
    super(`${where}: ${why}`);
    this.name = 'InputWalkError';
  }
}

/** The bounds' advice: a walk this big is not a repository's templates. */
const NAME_FOLDERS = 'name the folders that hold templates instead';

/**
 * Expands the inputs in order; a path given twice counts once. Throws InputWalkError past the walk's bounds. `reads`:
 * the run's one read of each file (whose answers the search for nested children reuses); by default the service's quotas.
 */
export function expandInputs(inputs: readonly string[], cwd: string, reads = new InputReads(cwd, { limits: true, templateMap: {} }), skipNamedNonTemplates = false): ExpandedInputs {
  const units: InputUnit[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  // As typed: relative to the working directory (`../x` included) unless given as an absolute path.
  let typedAbsolute = false;
  const shown = (path: string): string => (typedAbsolute ? path : relative(cwd, path) || '.'); // `simulate .` in cdk.out shows '.', not nothing
  const add = (kind: InputUnit['kind'], path: string, found = false): void => {
    if (seen.has(path)) return;
    seen.add(path);
    units.push({ kind, input: shown(path), path, ...(found ? { found: true as const } : {}) });
  };
  const consider = (path: string): void => {
    if (seen.has(path)) return;
    if (reads.of(path).template) add('template', path, true);
    else skipped.push(shown(path));
  };
  for (const input of inputs) {
    typedAbsolute = isAbsolute(input);
    const path = typedAbsolute ? input : join(cwd, input);
    if (isGlob(input) && !exists(path)) {
      const matches = glob(path);
      // Among other inputs a glob that matches nothing would pass unnoticed: a typo or a renamed folder, never checked.
      if (matches.length === 0) throw new InputWalkError(path, 'no template found: the glob matches no file');
      for (const found of matches) {
        if (isAssemblyFolder(found)) add('assembly', found);
        else consider(found);
      }
      continue;
    }
    if (isCloudAssembly(path)) add('assembly', path);
    // `cdk.out/manifest.json` named on its own means the assembly it describes: read as a template it is no template.
    else if (isAssemblyManifestFile(path)) add('assembly', dirname(path));
    else if (isDirectory(path)) {
      const count: WalkCount = { files: 0, hidden: [] };
      let assemblies = 0;
      const onAssembly = (found: string): void => {
        assemblies += 1;
        add('assembly', found);
      };
      const onLooseFolder = (folder: string): void => {
        if (basename(folder) === CDK_OUT) notes.push(cdkOutNote(shown(folder)));
      };
      onLooseFolder(path);
      walk(path, 0, { onAssembly, onLooseFolder, onFile: consider, count });
      if (count.files + assemblies === 0) {
        // A folder whose only template-named files are hidden (`.taskcat.yml`) says so: "no .yml file" would be untrue.
        const hidden = count.hidden.length === 0 ? '' : `; hidden files are skipped: ${count.hidden.slice(0, 3).join(', ')}${count.hidden.length > 3 ? ', …' : ''}`;
        throw new InputWalkError(path, `no template found in the folder (no ${TEMPLATE_EXTENSIONS.join(', ')} file or cloud assembly${hidden})`);
      }
    }
    // --skip-non-templates: judged as a walk judges what it finds; a file that cannot be read is still the run's to refuse.
    else if (skipNamedNonTemplates && input !== '-') consider(path);
    else add('template', path);
  }
  return { units, skipped, notes };
}

/** The units of shard `index` of `count` (1-based): every count-th unit, starting at index-1. */
export function shardOf<T>(units: readonly T[], shard: { index: number; count: number } | undefined): T[] {
  if (!shard) return [...units];
  return units.filter((_, i) => i % shard.count === shard.index - 1);
}

interface WalkCount {
  files: number;
  /** Hidden files with a template's extension, passed over (named when nothing else is found). */
  readonly hidden: string[];
}

interface Walker {
  readonly onAssembly: (path: string) => void;
  /** A folder walked into: not a cloud assembly. */
  readonly onLooseFolder: (path: string) => void;
  readonly onFile: (path: string) => void;
  readonly count: WalkCount;
}

/**
 * Folders a walk does not enter: dependencies, version control, and what tools generate or cache (`.aws-sam` holds
 * SAM's processed copies of the templates beside it, `.serverless` the Framework's compiled ones: walked, each would
 * be judged twice). [choice] Other hidden folders are walked: CI configurations keep deployable templates in them
 * (`.circleci/files/*.yml` in Udacity's course starter, copied by 78 repositories), and a walk that skipped them
 * passed a gate with an unencrypted bucket never judged. A hidden file is skipped, as before. (`.history` is an editor's
 * local history: stale copies of every template.)
 */
const FOLDERS_NOT_WALKED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.aws-sam',
  '.serverless',
  '.cdk.staging',
  '.terraform',
  '.venv',
  '.tox',
  '.cache',
  '.idea',
  '.vscode',
  '.history',
  '.yarn',
  '.pnpm-store',
  '.npm',
  '.next',
  '.gradle',
  '.mypy_cache',
  '.pytest_cache',
]);

function hasTemplateExtension(name: string): boolean {
  return TEMPLATE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}

function walk(directory: string, depth: number, walker: Walker): void {
  if (depth > MAX_WALK_DEPTH) throw new InputWalkError(directory, `folders nest deeper than ${MAX_WALK_DEPTH} levels; ${NAME_FOLDERS}`);
  const entries = sortedEntries(directory);
  for (const entry of entries) {
    if (entry.isDirectory() ? FOLDERS_NOT_WALKED.has(entry.name) : entry.name.startsWith('.')) {
      // Four are enough to name three and say there are more.
      if (!entry.isDirectory() && hasTemplateExtension(entry.name) && walker.count.hidden.length < 4) walker.count.hidden.push(entry.name);
      continue;
    }
    const path = join(directory, entry.name);
    // Symbolic links are not followed: a link loop must not make a walk endless.
    if (entry.isDirectory()) {
      if (isAssemblyFolder(path)) walker.onAssembly(path);
      else {
        walker.onLooseFolder(path);
        walk(path, depth + 1, walker);
      }
    } else if (entry.isFile() && hasTemplateExtension(entry.name)) {
      walker.count.files += 1;
      if (walker.count.files > MAX_FILES) throw new InputWalkError(directory, `more than ${MAX_FILES} files to consider; ${NAME_FOLDERS}`);
      walker.onFile(path);
    }
  }
}

/**
 * Paths matching a glob, in walk order, as a shell with `globstar` matches them: `*` and `?` within a name, `**`
 * across folders, `[abc]`, `[a-z]` and `[!abc]` (or `[^abc]`) for one character, `{a,b}` for alternatives (nested,
 * and across folders: `{infra,app}/deep/x.yaml`). Hidden folders and `node_modules` are not entered.
 */
function glob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => isGlob(p) || /[*?[{]/.test(p));
  const base = parts.slice(0, firstGlob).join(sep) || sep;
  const rest = parts.slice(firstGlob);
  const matcher = globMatcher(rest.join('/'));
  // Without `**` (or a `{a,b}` that may hold a `/`) nothing deeper than the pattern's own folders can match.
  const deepest = rest.some((p) => p.includes('**') || p.includes('{')) ? Infinity : rest.length - 1;
  const found: string[] = [];
  const visit = (directory: string, depth: number): void => {
    if (depth > MAX_WALK_DEPTH) throw new InputWalkError(directory, `folders nest deeper than ${MAX_WALK_DEPTH} levels; ${NAME_FOLDERS}`);
    if (found.length > MAX_FILES) throw new InputWalkError(pattern, `more than ${MAX_FILES} files match; ${NAME_FOLDERS}`);
    // The glob's own base may not exist: then nothing matches (and the run says so); a folder below it that cannot
    // be read is an error, as in a walk.
    if (depth === 0 && !isDirectory(directory)) return;
    const entries = sortedEntries(directory);
    for (const entry of entries) {
      if (entry.name === 'node_modules') continue;
      const path = join(directory, entry.name);
      const rel = relative(base, path).split(sep).join('/');
      if (matcher.test(rel) && (entry.isFile() || (entry.isDirectory() && isAssemblyFolder(path)))) found.push(path);
      else if (entry.isDirectory() && !entry.name.startsWith('.') && depth < deepest) visit(path, depth + 1);
    }
  };
  visit(base, 0);
  return found;
}

/** A glob's test of a `/`-separated relative path. */
export interface GlobMatcher {
  /** True when the whole path matches. */
  test(path: string): boolean;
}

/**
 * A glob as a matcher of `/`-separated relative paths: translated into a regular expression run by RE2 (re2js, linear
 * time), because a backtracking engine takes a power of the path's length for every `*` (a user's
 * `'*a*a*a*a*a*a*a*a*a*a*b'` against a 40-character name took 33 s).
 */
export function globMatcher(glob: string): GlobMatcher {
  let out = '';
  // The positions of the `}` that close an alternative group (a `{` without a top-level `,` is literal).
  const closers = new Set<number>();
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[' && classEnd(glob, i) > 0) {
      const end = classEnd(glob, i);
      const negated = glob[i + 1] === '!' || glob[i + 1] === '^';
      out += characterClass(glob.slice(negated ? i + 2 : i + 1, end), negated);
      i = end;
    } else if (c === '{' && braceEnd(glob, i) > 0) {
      out += '(?:';
      closers.add(braceEnd(glob, i));
    } else if (c === ',' && closers.size > 0 && [...closers].some((end) => end > i)) out += '|';
    else if (c === '}' && closers.has(i)) {
      out += ')';
      closers.delete(i);
    } else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by glob runs only, not at every start
  const { RE2JS } = require('re2js') as typeof import('re2js');
  const compiled = RE2JS.compile(out);
  return { test: (path) => compiled.matches(path) };
}

/**
 * A glob's `[…]` (`body` as written, after `!` or `^`) as a class of one character of a name, never the folder
 * separator: a range that spans `/` (`[!-0]`) is split around it, so no lookahead is needed (RE2 has none).
 */
function characterClass(body: string, negated: boolean): string {
  const chars = [...body];
  const hex = (code: number): string => `\\x{${code.toString(16)}}`;
  const SLASH = 0x2f;
  let members = '';
  for (let k = 0; k < chars.length; k += 1) {
    const low = (chars[k] as string).codePointAt(0) as number;
    // `a-z` is a range; a `-` first or last is itself.
    const high = chars[k + 1] === '-' && k + 2 < chars.length ? ((chars[k + 2] as string).codePointAt(0) as number) : low;
    if (high !== low) k += 2;
    // A range written backwards (`[z-a]`) holds no character, as in a shell.
    if (high < low) continue;
    if (low <= SLASH && SLASH <= high) {
      if (low < SLASH) members += `${hex(low)}-${hex(SLASH - 1)}`;
      if (high > SLASH) members += `${hex(SLASH + 1)}-${hex(high)}`;
    } else members += high === low ? hex(low) : `${hex(low)}-${hex(high)}`;
  }
  return negated ? `[^/${members}]` : members === '' ? '[^\\x{0}-\\x{10ffff}]' : `[${members}]`;
}

/** Where the character class opening at `start` closes (a `]` right after `[`, `[!` or `[^` is a member), or -1. */
function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i += 1;
  if (glob[i] === ']') i += 1;
  for (; i < glob.length; i += 1) {
    if (glob[i] === ']') return i;
    if (glob[i] === '/') return -1;
  }
  return -1;
}

/** Where the `{` at `start` closes, when it holds a top-level `,` (as in a shell, `{a}` alone is literal), or -1. */
function braceEnd(glob: string, start: number): number {
  let depth = 0;
  let comma = false;
  for (let i = start; i < glob.length; i += 1) {
    if (glob[i] === '{') depth += 1;
    else if (glob[i] === '}') {
      depth -= 1;
      if (depth === 0) return comma ? i : -1;
    } else if (glob[i] === ',' && depth === 1) comma = true;
  }
  return -1;
}

/** A folder's entries in name order; a folder that cannot be read is an InputWalkError saying why. */
function sortedEntries(directory: string): Dirent[] {
  try {
    return readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    throw new InputWalkError(directory, `cannot read this folder: ${readFailureReason(error, directory)}`);
  }
}

/** True for a path that exists (a file named `x[1].yaml` is that file, not a glob). */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A folder a walk or glob takes as a CDK cloud assembly: one holding a `manifest.json` with `artifacts`, as every
 * assembly's does. Other tools write a `manifest.json` too (a web app's, a browser extension's): such a folder is
 * walked as any other. A folder named on the command line is taken as an assembly whenever it has a manifest, so
 * that a broken one is reported, not skipped.
 */
function isAssemblyFolder(path: string): boolean {
  if (!isCloudAssembly(path)) return false;
  try {
    // Only a regular file is opened (a FIFO named manifest.json would block the walk for ever), and as far as the
    // assembly reader reads it: a large app's manifest is megabytes of metadata.
    const manifest: unknown = JSON.parse(readBoundedText(join(path, ASSEMBLY_MANIFEST), { what: 'the cloud assembly manifest' }));
    return typeof manifest === 'object' && manifest !== null && Object.hasOwn(manifest, 'artifacts');
  } catch {
    return false;
  }
}
