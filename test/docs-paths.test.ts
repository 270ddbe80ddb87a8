/**
 * Every project file the docs name exists, so a move or rename that forgets the docs fails here with the doc's
 * file:line. The suite reads README.md, docs/**\/*.md and bench/README.md and looks inside backticks (inline spans
 * and fenced blocks alike) for
 *   - paths that start with a project folder: src/, simulator/, test/, scripts/, bench/, docs/, .ci/ (also after
 *     `./`, as in a command or an import);
 *   - bare file names ending in `.test.ts` (a test named without its folder);
 *   - import specifiers (`from './simulator/…'`), which must resolve as a module: the file, `<path>.ts` or
 *     `<path>/index.ts`.
 * "Exists" means git tracks it: what a fresh clone has, never a generated or untracked file. Outside a git work tree
 * (a source archive, which has no `.git`), it means a file on disk that `.gitignore` does not ignore: what an archive of
 * the tracked files holds.
 *
 * A path stands when a tracked file is it or lies under it (a folder). Patterns are matched, never skipped:
 * `*` is any name within one folder level, `**` any run of levels, `<case>` (any `<…>`) one name, `{a,b}` either, and a
 * leading `…/` or `.../` any folder prefix, a `…` elsewhere anything (`src/kernel/diagnostics/…`); a pattern stands when at least one tracked file matches it. A bare
 * `.test.ts` name stands when a tracked file has that name. A trailing line number (`:12`, `:12-34`) and trailing
 * punctuation are dropped; a trailing `/` asks for a folder.
 *
 * Two lists keep other things out, each small and checked:
 *   - GENERATED: what a build or a bench run writes (git-ignored), named in the docs as outputs.
 *   - UPSTREAM: files of other repositories the docs cite. A path is theirs only when it starts with one of the
 *     repository's prefixes AND its line, or the line before (a sentence wraps), names that repository; no prefix
 *     may exist in this project, so the list can never hide one of our own files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFiles, repoRoot } from './support/checkout';

const PROJECT_FOLDERS = ['src/', 'simulator/', 'test/', 'scripts/', 'bench/', 'docs/', '.ci/'];

/** Outputs of `npm run bench` (git-ignored): the docs say where they are written. */
const GENERATED = ['bench/results.json', 'bench/.work/'];

/** Other repositories whose files the docs cite: the words that name each on a line, and its paths' prefixes. */
const UPSTREAM: readonly { readonly repository: string; readonly namedBy: RegExp; readonly prefixes: readonly string[] }[] = [
  { repository: 'aws-cloudformation/cfn-lint', namedBy: /cfn-lint/i, prefixes: ['src/cfnlint/', 'test/fixtures/templates/'] },
  { repository: 'aws-cloudformation/cloudformation-cli', namedBy: /cloudformation-cli|\bcfn\b/i, prefixes: ['src/rpdk/'] },
];

const tracked: readonly string[] = projectFiles();

const docs = tracked.filter((file) => file === 'README.md' || file === 'bench/README.md' || /^docs\/.*\.md$/.test(file));

type Kind = 'path' | 'test name' | 'import';

interface Reference {
  readonly where: string;
  readonly path: string;
  readonly kind: Kind;
}

/** Every reference in one doc, with its file:line. */
function references(file: string): Reference[] {
  const found: Reference[] = [];
  let fenced = false;
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  lines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced;
      return;
    }
    const spans = fenced ? [line] : [...line.matchAll(/`+([^`]+)`+/g)].map((m) => m[1]);
    for (const span of spans) {
      for (const m of span.matchAll(/(?:\bfrom\s+|\b(?:import|require)\()['"]\.\/([^'"]+)['"]/g)) found.push({ where, path: m[1], kind: 'import' });
      const withoutImports = span.replace(/(?:\bfrom\s+|\b(?:import|require)\()['"][^'"]*['"]/g, '');
      for (const word of withoutImports.split(/[\s"'=;|]+/)) {
        const path = word
          .replace(/^\.\//, '')
          .replace(/(:\d+(-\d+)?)?[.,:;)\]]*$/, '')
          .replace(/^\((?=[^)]*$)/, '');
        const kind: Kind | undefined = isProjectPath(path) ? 'path' : /^[^/]+\.test\.ts$/.test(path) ? 'test name' : undefined;
        if (kind && !isUpstream(path, `${lines[index - 1] ?? ''}\n${line}`)) found.push({ where, path, kind });
      }
    }
  });
  return found;
}

function isProjectPath(path: string): boolean {
  const bare = path.replace(/^(\.\.\.|…)\//, '');
  return PROJECT_FOLDERS.some((folder) => bare.startsWith(folder));
}

/** Whether `path` is a file of another repository that `context` (its line and the one before) names. */
function isUpstream(path: string, context: string): boolean {
  return UPSTREAM.some((u) => u.prefixes.some((prefix) => path.startsWith(prefix)) && u.namedBy.test(context.replaceAll(path, '')));
}

/** The path or pattern as a regular expression over a tracked file's path (the file itself, or a file under it). */
function pattern(path: string): RegExp {
  let rest = path;
  let source = '';
  if (/^(\.\.\.|…)\//.test(rest)) {
    source = '(?:.*/)?';
    rest = rest.replace(/^(\.\.\.|…)\//, '');
  }
  const folder = rest.endsWith('/');
  rest = rest.replace(/\/$/, '');
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '*' && rest[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '<' && rest.includes('>', i)) {
      source += '[^/]+';
      i = rest.indexOf('>', i);
    } else if (c === '{' && rest.includes('}', i)) {
      const close = rest.indexOf('}', i);
      source += `(?:${rest.slice(i + 1, close).split(',').map(escape).join('|')})`;
      i = close;
    } else if (c === '…') {
      source += '.*';
    } else {
      source += escape(c);
    }
  }
  return new RegExp(`^${source}${folder ? '/' : '(?:$|/)'}`);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function exists(reference: Reference): boolean {
  const { path, kind } = reference;
  if (kind === 'import') return [path, `${path}.ts`, `${path}/index.ts`].some((file) => tracked.includes(file));
  if (GENERATED.some((generated) => path === generated || path.startsWith(generated))) return true;
  if (kind === 'test name') {
    const name = pattern(path);
    return tracked.some((file) => name.test(file.slice(file.lastIndexOf('/') + 1)));
  }
  const whole = pattern(path);
  return tracked.some((file) => whole.test(file));
}

describe('the docs name project files that exist', () => {
  const all = docs.flatMap(references);

  it('reads every doc and finds references of each kind in them (the scan itself works)', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'bench/README.md', 'docs/proof.md', 'docs/simulator.md']));
    const kinds = new Set(all.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['import', 'path', 'test name']);
    expect(all.length).toBeGreaterThan(500);
  });

  it.each<[string, string, boolean]>([
    ['a file', 'test/readme.test.ts', true],
    ['a folder', 'test/support/', true],
    ['a file given as a folder', 'test/readme.test.ts/', false],
    ['a moved file', 'test/fuzz/handler.test.ts', false],
    ['one level of *', 'test/handlers/*.property.test.ts', true],
    ['* never crosses a folder', 'test/*.property.test.ts', false],
    ['** crosses folders', 'test/**/handler.property.test.ts', true],
    ['a placeholder', 'test/stacks/<case>/case.json', true],
    ['alternatives', 'test/fixtures/{resolve,template}/fidelity', true],
    ['alternatives, one missing', 'test/fixtures/{resolve,nowhere}/fidelity/x', false],
    ['a folder prefix', '…/template/scale.hostile.test.ts', true],
    ['a folder prefix, missing file', '…/template/missing.hostile.test.ts', false],
    ['anything under a folder', 'src/kernel/diagnostics/…', true],
  ])('matching: %s (%s)', (_what, path, stands) => {
    expect(exists({ where: '', path, kind: 'path' })).toBe(stands);
  });

  it('resolves an import as a module and a bare test name by its file name', () => {
    expect(exists({ where: '', path: 'simulator/cloudformation/plan', kind: 'import' })).toBe(true);
    expect(exists({ where: '', path: 'simulator', kind: 'import' })).toBe(false);
    expect(exists({ where: '', path: 'read.property.test.ts', kind: 'test name' })).toBe(true);
    expect(exists({ where: '', path: 'read-fuzz.test.ts', kind: 'test name' })).toBe(false);
  });

  it('leaves another repository its paths only on a line that names it, and no upstream prefix is one of ours', () => {
    expect(isUpstream('src/cfnlint/helpers.py', 'in `src/cfnlint/helpers.py` of cfn-lint')).toBe(true);
    expect(isUpstream('src/cfnlint/helpers.py', 'in `src/cfnlint/helpers.py`')).toBe(false);
    expect(isUpstream('src/schema/cfn-ref.ts', "cfn's RefInliner, `src/schema/cfn-ref.ts`")).toBe(false);
    for (const prefix of UPSTREAM.flatMap((u) => u.prefixes)) expect(tracked.filter((file) => file.startsWith(prefix))).toEqual([]);
  });

  it('every backticked project path, test name and import is a tracked file or folder', () => {
    const missing = all.filter((r) => !exists(r)).map((r) => `${r.where} ${r.kind} ${r.path}`);
    expect(missing).toEqual([]);
  });
});
