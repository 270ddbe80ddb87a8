// Regenerates test/fixtures/lifecycle/golden/* from the current simulator; review the diff before committing.
// Usage: node test/lifecycle/update-golden.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const result = spawnSync('npx', ['jest', 'test/lifecycle/golden.test.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, UPDATE_GOLDEN: '1' } });
process.exitCode = result.status ?? 1;
