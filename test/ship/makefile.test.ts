/**
 * SAM's makefile build (template.yml: BuildMethod makefile) runs `make build-<LogicalId>` with ARTIFACTS_DIR set:
 * each target must leave the handler bundles at the paths the function's Handler names. `make` is required (SAM
 * builds with it, and .ci/run installs it): a machine without it fails here rather than skipping in silence.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLES } from '../../src/kernel/bundles';
import { repoRoot } from './temporary-project';

const LAMBDA_FILES = BUNDLES.filter((b) => b.runtime === 'lambda').map((b) => `${b.name}.js`);

describe('Makefile', () => {
  it('make is installed (SAM builds the hook with it)', () => {
    expect(spawnSync('make', ['--version']).status).toBe(0);
  });

  it.each([['build-TypeFunction'], ['build-TestEntrypoint']])('%s puts every Lambda bundle at $(ARTIFACTS_DIR)/dist/', (target) => {
    const artifacts = mkdtempSync(join(tmpdir(), 'sam-artifacts-'));
    const result = spawnSync('make', ['-s', target, `ARTIFACTS_DIR=${artifacts}`], { cwd: repoRoot, encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(LAMBDA_FILES).toEqual(['handlers.js', 'handlers-aws-sdk.js']);
    for (const file of LAMBDA_FILES) {
      const built = readFileSync(join(artifacts, 'dist', file));
      expect(built.equals(readFileSync(join(repoRoot, 'dist', file)))).toBe(true);
    }
    // The Lambda runtime loads it as CommonJS and calls the .rpdk-config entrypoints.
    const rpdk = JSON.parse(readFileSync(join(repoRoot, '.rpdk-config'), 'utf8')) as { entrypoint: string; testEntrypoint: string };
    const module = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(join(artifacts, 'dist', 'handlers.js'))}); console.log(typeof m.entrypoint, typeof m.testEntrypoint)`], { encoding: 'utf8' });
    expect([rpdk.entrypoint, rpdk.testEntrypoint]).toEqual(['dist/handlers.entrypoint', 'dist/handlers.testEntrypoint']);
    expect(module.stdout.trim()).toBe('function function');
  });

  it('spells no bundle name itself: the names come from bundles.json', () => {
    const recipes = readFileSync(join(repoRoot, 'Makefile'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('#'));
    expect(recipes.filter((line) => LAMBDA_FILES.some((file) => line.includes(file.replace(/\.js$/, ''))))).toEqual([]);
  });

  it('lists the Lambda bundles before node_modules exists (SAM runs it in a scratch copy first)', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'sam-scratch-'));
    for (const file of ['scripts/build.mjs', 'src/kernel/bundles/bundles.json', '.rpdk-config']) {
      mkdirSync(join(scratch, file, '..'), { recursive: true });
      copyFileSync(join(repoRoot, file), join(scratch, file));
    }
    const listed = spawnSync(process.execPath, [join(scratch, 'scripts', 'build.mjs'), '--list', 'lambda'], { cwd: scratch, encoding: 'utf8' });
    expect({ status: listed.status, stdout: listed.stdout.trim(), stderr: listed.stderr }).toEqual({ status: 0, stdout: 'handlers handlers-aws-sdk', stderr: '' });
  });
});
