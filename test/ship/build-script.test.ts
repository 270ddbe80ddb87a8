/**
 * scripts/build.mjs refuses a handler bundle that imports a preDelete-only SDK client statically (it would be
 * evaluated on every cold start). Its check, eagerImports, is run here on esbuild metafiles of two fixtures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { repoRoot } from './temporary-project';

function eagerImportsOf(fixture: string): Array<{ importer: string; module: string }> {
  const result = buildSync({
    entryPoints: [join(repoRoot, 'test', 'fixtures', 'ship', fixture)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    absWorkingDir: repoRoot,
    logLevel: 'error',
  });
  const metafile = join(mkdtempSync(join(tmpdir(), 'meta-')), 'meta.json');
  writeFileSync(metafile, JSON.stringify(result.metafile));
  const script = `const b = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'scripts', 'build.mjs')).href)});
const fs = await import('node:fs');
console.log(JSON.stringify(b.eagerImports(JSON.parse(fs.readFileSync(${JSON.stringify(metafile)}, 'utf8')), b.LAZY_IN_HANDLER)));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' }));
}

describe('build.mjs eagerImports', () => {
  it.each([
    ['lazy-sdk-entry.ts', []],
    ['eager-sdk-entry.ts', [{ importer: 'test/fixtures/ship/eager-sdk-entry.ts', module: '@aws-sdk/client-sqs' }]],
  ])('%s → %j', (fixture, expected) => {
    expect(eagerImportsOf(fixture)).toEqual(expected);
  });
});

/** Runs build.mjs's asciiOnly on `source` in a child process (build.mjs is an ES module). */
function asciiOnlyOf(source: string): string {
  const script = `const b = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'scripts', 'build.mjs')).href)});
process.stdout.write(b.asciiOnly(${JSON.stringify(source)}));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
}

describe('build.mjs asciiOnly (a cached bundle is ASCII, so its loader reads it as Latin-1)', () => {
  // What esbuild leaves unescaped is comments; code is checked too: an escape must mean what the character meant.
  const SOURCE = [
    '// “-” | “?” … a comment, § 3 ×',
    '/* block → comment */',
    "const café = 'naïve → ✓ 😀';",
    'const pattern = /[é😀]/u;',
    'const loose = /é+/;',
    'module.exports = [café, `t€mplate ${café.length}`, pattern.test("😀"), pattern.test("é"), loose.test("éé")];',
  ].join('\n');

  it('escapes every non-ASCII character, and the code means what it meant', () => {
    const escaped = asciiOnlyOf(SOURCE);
    expect([...escaped].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(escaped).toContain('// \\u201c-\\u201d');
    const run = (text: string): unknown => {
      const module = { exports: undefined as unknown };
      new Function('module', text)(module);
      return module.exports;
    };
    expect(run(escaped)).toEqual(run(SOURCE));
    expect(run(SOURCE)).toEqual(['naïve → ✓ 😀', 't€mplate 12', true, true, true]);
  });

  it('leaves line and paragraph separators as they are (each ends a line comment; an escape would not)', () => {
    expect(asciiOnlyOf('// a\u2028b\u2029c é')).toBe('// a\u2028b\u2029c \\u00e9');
  });

  it('leaves ASCII text as it is', () => {
    expect(asciiOnlyOf(`const a = 'x'; // \\u00e9 already\n`)).toBe(`const a = 'x'; // \\u00e9 already\n`);
  });
});
