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
