/**
 * The simulator imports simulator/cloudformation/deployed, and every CLI imports its command module, at start-up: neither may
 * load the AWS SDK until a call is actually made. Checked on an esbuild bundle of each module with packages left
 * external, so Node's own module cache shows what loading the module pulls in.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from './temporary-project';

describe('loading without calling AWS', () => {
  it.each([
    ['simulator/cloudformation/deployed/index.ts'],
    ['src/ship/index.ts'],
  ])('%s loads no AWS SDK client', (entry) => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'lazy-')), 'bundle.js');
    buildSync({ entryPoints: [join(repoRoot, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'error', absWorkingDir: repoRoot, nodePaths: [join(repoRoot, 'node_modules')], loader: { '.yaml': 'text' } });
    const script = `require(${JSON.stringify(outfile)}); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('@aws-sdk/client-'))))`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') } }));
    expect(loaded).toEqual([]);
  });
});
