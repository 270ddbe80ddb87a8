/**
 * `npm run simulate` runs scripts/run-bundle.cjs: one process that rebuilds the bundle only when a source is newer
 * than it (or it, its record of inputs, or a file it needs is missing), then runs it in that same process with the
 * arguments given. Played in a scratch project whose build.mjs records that it ran and writes a bundle echoing
 * its arguments, so the real dist/ is never touched.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './temporary-project';

/** A build.mjs stand-in: notes each run in build.log, then writes dist/<name>.js and its inputs record. */
const FAKE_BUILD = `
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const name = process.argv[process.argv.indexOf('--only') + 1];
appendFileSync(join(root, 'build.log'), name + '\\n');
if (name === 'broken') process.exit(7);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', name + '.js'), 'process.stdout.write(JSON.stringify(process.argv.slice(2)));');
// As the real build records it: the simulator's run reads the resource catalogue beside it.
writeFileSync(join(root, 'dist', name + '.inputs.json'), JSON.stringify(name === 'simulate' ? { inputs: ['src/main.ts'], companions: ['dist/resource-catalog.txt'] } : { inputs: ['src/main.ts'] }));
`;

function scratchProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'run-bundle-'));
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'src'));
  for (const file of ['run-bundle.cjs', 'bundle-freshness.cjs']) copyFileSync(join(repoRoot, 'scripts', file), join(root, 'scripts', file));
  writeFileSync(join(root, 'scripts', 'build.mjs'), FAKE_BUILD);
  writeFileSync(join(root, 'src', 'main.ts'), '');
  return root;
}

const at = (seconds: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function run(root: string, args: string[]): { status: number | null; stdout: string; builds: string[] } {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'run-bundle.cjs'), ...args], { cwd: root, encoding: 'utf8' });
  const log = join(root, 'build.log');
  const builds = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  rmSync(log, { force: true });
  return { status: result.status, stdout: result.stdout, builds };
}

describe('scripts/run-bundle.cjs', () => {
  let root: string;
  beforeEach(() => {
    root = scratchProject();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds a missing bundle, then runs it with the arguments given', () => {
    expect(run(root, ['demo', 'template.yml', '--format', 'json'])).toEqual({ status: 0, stdout: '["template.yml","--format","json"]', builds: ['demo'] });
  });

  it.each([
    ['the bundle is newer than its sources', 'runs it as it is', 10, 20, [] as string[]],
    ['a source is newer than the bundle', 'rebuilds it first', 30, 20, ['demo']],
  ])('when %s, it %s', (_case, _outcome, sourceTime, bundleTime, builds) => {
    run(root, ['demo']);
    utimesSync(join(root, 'src', 'main.ts'), at(sourceTime), at(sourceTime));
    utimesSync(join(root, 'dist', 'demo.js'), at(bundleTime), at(bundleTime));
    expect(run(root, ['demo', 'x'])).toEqual({ status: 0, stdout: '["x"]', builds });
  });

  it.each([
    ['its record of inputs is missing', (r: string) => rmSync(join(r, 'dist', 'demo.inputs.json'))],
    ['a recorded input no longer exists', (r: string) => rmSync(join(r, 'src', 'main.ts'))],
    // A code-cached command's dist/<name>.js is its loader; the bundle it starts is a recorded companion.
    ['a recorded companion is missing', (r: string) => writeFileSync(join(r, 'dist', 'demo.inputs.json'), JSON.stringify({ inputs: ['src/main.ts'], companions: ['dist/demo.bundle.js'] }))],
    ['its record of companions is not a list', (r: string) => writeFileSync(join(r, 'dist', 'demo.inputs.json'), JSON.stringify({ inputs: ['src/main.ts'], companions: 'dist/demo.js' }))],
  ])('rebuilds when %s', (_case, damage) => {
    run(root, ['demo']);
    damage(root);
    expect(run(root, ['demo']).builds).toEqual(['demo']);
  });

  it("`build.mjs --only` makes the same check: a bundle whose recorded companion is missing is not up to date", () => {
    // build.mjs skipped a current-looking simulate whose dist/simulate.bundle.js had gone, and run-bundle then ran a
    // loader with nothing to load: the companions belong to the one check both use.
    run(root, ['demo']);
    const outfile = join(root, 'dist', 'demo.js');
    const { upToDate } = createRequire(__filename)(join(root, 'scripts', 'bundle-freshness.cjs')) as { upToDate: (root: string, outfile: string) => boolean };
    utimesSync(join(root, 'src', 'main.ts'), at(10), at(10));
    expect(upToDate(root, outfile)).toBe(true);
    writeFileSync(join(root, 'dist', 'demo.inputs.json'), JSON.stringify({ inputs: ['src/main.ts'], companions: ['dist/demo.bundle.js'] }));
    expect(upToDate(root, outfile)).toBe(false);
    writeFileSync(join(root, 'dist', 'demo.bundle.js'), '');
    expect(upToDate(root, outfile)).toBe(true);
  });

  it('runs the command as it is when every recorded companion is there', () => {
    run(root, ['demo']);
    writeFileSync(join(root, 'dist', 'demo.bundle.js'), '');
    writeFileSync(join(root, 'dist', 'demo.inputs.json'), JSON.stringify({ inputs: ['src/main.ts'], companions: ['dist/demo.bundle.js'] }));
    utimesSync(join(root, 'src', 'main.ts'), at(10), at(10));
    expect(run(root, ['demo']).builds).toEqual([]);
  });

  it('rebuilds the simulator when the resource catalogue it reads is missing', () => {
    run(root, ['simulate']);
    expect(run(root, ['simulate']).builds).toEqual(['simulate']);
    writeFileSync(join(root, 'dist', 'resource-catalog.txt'), '# catalogue\n');
    expect(run(root, ['simulate']).builds).toEqual([]);
  });

  it("stops with the build's exit code when the build fails, running nothing", () => {
    expect(run(root, ['broken'])).toEqual({ status: 7, stdout: '', builds: ['broken'] });
  });

  it.each([[[]], [['../x']], [['Demo']]])('refuses a bundle name %j with exit 2', (args) => {
    expect(run(root, args)).toMatchObject({ status: 2, builds: [] });
  });
});
