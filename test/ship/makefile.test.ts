/**
 * SAM's makefile build (template.yml: BuildMethod makefile) runs `make build-<LogicalId>` with ARTIFACTS_DIR set:
 * each target must leave the handler bundle at the path the function's Handler names.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './temporary-project';

const canRun = spawnSync('make', ['--version']).status === 0 && existsSync(join(repoRoot, 'src', 'handlers', 'index.ts'));
if (!canRun) console.warn('makefile.test: skipped (needs `make` and src/handlers/index.ts)');

describe('Makefile', () => {
  (canRun ? it.each : it.skip.each)([['build-TypeFunction'], ['build-TestEntrypoint']])('%s puts the bundle at $(ARTIFACTS_DIR)/dist/handlers.js', (target) => {
    const artifacts = mkdtempSync(join(tmpdir(), 'sam-artifacts-'));
    const result = spawnSync('make', ['-s', target, `ARTIFACTS_DIR=${artifacts}`], { cwd: repoRoot, encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    for (const file of ['handlers.js', 'handlers-aws-sdk.js']) {
      const built = readFileSync(join(artifacts, 'dist', file));
      expect(built.equals(readFileSync(join(repoRoot, 'dist', file)))).toBe(true);
    }
    // The Lambda runtime loads it as CommonJS and calls the .rpdk-config entrypoints.
    const rpdk = JSON.parse(readFileSync(join(repoRoot, '.rpdk-config'), 'utf8')) as { entrypoint: string; testEntrypoint: string };
    const module = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(join(artifacts, 'dist', 'handlers.js'))}); console.log(typeof m.entrypoint, typeof m.testEntrypoint)`], { encoding: 'utf8' });
    expect([rpdk.entrypoint, rpdk.testEntrypoint]).toEqual(['dist/handlers.entrypoint', 'dist/handlers.testEntrypoint']);
    expect(module.stdout.trim()).toBe('function function');
  });
});
