// Regenerates test/stacks/<case>/expected.json: the `simulate --format json` output of each sample stack.
// Review the diff before committing: a golden that changes is a behaviour that changed.
// Usage: node scripts/update-golden.mjs [case-name …]
// Each case folder holds case.json {"about", "args", "exit"}; args are relative to the case folder, and `exit`
// is the reviewed expectation (a case whose exit code differs is reported and its golden left alone).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stacks = join(root, 'test', 'stacks');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });

const only = process.argv.slice(2);
const cases = readdirSync(stacks, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && existsSync(join(stacks, entry.name, 'case.json')))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

let failures = 0;
for (const name of cases) {
  const dir = join(stacks, name);
  const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const run = spawnSync(process.execPath, [join(root, 'dist', 'simulate.js'), '--format', 'json', ...spec.args], { cwd: dir, encoding: 'utf8' });
  if (run.status !== spec.exit) {
    failures += 1;
    console.error(`${name}: exit ${run.status}, expected ${spec.exit}; golden not written\n${run.stderr}`);
    continue;
  }
  const target = join(dir, 'expected.json');
  const text = `${JSON.stringify(JSON.parse(run.stdout), null, 2)}\n`;
  const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
  // Written to a temporary name and renamed: a failed run never leaves half a golden.
  writeFileSync(`${target}.tmp`, text);
  renameSync(`${target}.tmp`, target);
  console.log(`${before === text ? 'unchanged' : 'updated  '} ${name}`);
}
if (failures > 0) {
  console.error(`${failures} case(s) did not exit as case.json expects`);
  process.exit(1);
}
