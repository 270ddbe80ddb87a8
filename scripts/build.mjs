// Builds every entry point with esbuild: one file each, dependencies bundled, so the Lambda package
// does not depend on whatever SDK the runtime carries and every CLI starts with a single module load.
// Usage: node scripts/build.mjs [--quiet] [--metafile]
import { build } from 'esbuild';
import { existsSync, readFileSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const rpdk = JSON.parse(readFileSync(join(root, '.rpdk-config'), 'utf8'));
// "nodejs22.x" -> "node22": the Lambda runtime the hook is registered with decides the syntax level.
const lambdaTarget = String(rpdk.runtime ?? 'nodejs22.x').replace(/^nodejs(\d+)\.x$/, 'node$1');

/** [entry source, output name, target]; an entry whose source does not exist yet is skipped. */
const entries = [
  ['src/handlers/index.ts', 'handlers', lambdaTarget],
  ['simulator/cli/bin.ts', 'simulate', 'node20'],
  ['src/schema/bin.ts', 'validate', 'node20'],
  ['src/ship/bin.ts', 'ship', 'node20'],
  ['src/contract/bin.ts', 'contract', 'node20'],
  ['simulator/lifecycle/bin.ts', 'lifecycle', 'node20'],
];

mkdirSync(join(root, 'dist'), { recursive: true });
const sizes = {};
for (const [source, name, target] of entries) {
  if (!existsSync(join(root, source))) continue;
  const outfile = join(root, 'dist', `${name}.js`);
  const result = await build({
    entryPoints: [join(root, source)],
    outfile: `${outfile}.tmp`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target,
    sourcemap: false,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'error',
    banner: name === 'handlers' ? undefined : { js: '#!/usr/bin/env node' },
  });
  // Written whole or not at all: a half-built bundle never replaces a good one.
  renameSync(`${outfile}.tmp`, outfile);
  sizes[name] = Object.values(result.metafile.outputs)[0].bytes;
  if (process.argv.includes('--metafile')) writeFileSync(join(root, 'dist', `${name}.meta.json`), JSON.stringify(result.metafile));
}
if (!quiet) for (const [name, bytes] of Object.entries(sizes)) console.log(`dist/${name}.js  ${(bytes / 1024).toFixed(1)} KiB`);
