// What `npm run simulate` (and `npm run validate`) run: one node process that checks the command's bundle is
// current, rebuilds it only when a source is newer (or it is missing), then runs it in this same process. The
// script was `node scripts/build.mjs --only simulate && node dist/simulate.js`: a second node start (~60-80 ms)
// on every run, even when nothing had changed.
// Usage: node scripts/run-bundle.cjs <bundle name> [arguments for the command…]
const { join } = require('node:path');
const { bundleCurrent } = require('./bundle-freshness.cjs');

const root = join(__dirname, '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  process.stderr.write('usage: node scripts/run-bundle.cjs <bundle name> [arguments…]\n');
  process.exit(2);
}
if (!bundleCurrent(root, name)) {
  // Loaded only here: a current bundle needs no child process.
  const built = require('node:child_process').spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--only', name], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const bundle = join(root, 'dist', `${name}.js`);
// The bundle reads its arguments from process.argv, as when run as `node dist/<name>.js …`.
process.argv = [process.argv[0], bundle, ...args];
require(bundle);
