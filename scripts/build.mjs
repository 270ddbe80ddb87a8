// Builds every entry point with esbuild: one file each, dependencies bundled, so the Lambda package
// does not depend on whatever SDK the runtime carries and every CLI starts with a single module load.
// Usage: node scripts/build.mjs [--quiet] [--metafile] [--only name[,name…]] [--list lambda|cli]
// --list prints the names of one runtime's bundles, space-separated, and builds nothing (the Makefile uses it).
import { chmodSync, existsSync, readFileSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : new Set(String(process.argv[onlyIndex + 1] ?? '').split(','));
const rpdk = JSON.parse(readFileSync(join(root, '.rpdk-config'), 'utf8'));
// "nodejs22.x" -> "node22": the Lambda runtime the hook is registered with decides the syntax level.
const lambdaTarget = String(rpdk.runtime ?? 'nodejs22.x').replace(/^nodejs(\d+)\.x$/, 'node$1');

/**
 * What to build, from the bundles' one home (src/kernel/bundles/bundles.json): [source, name, target, runtime].
 * The handler's SDK part (handlers-aws-sdk) is loaded on first preDelete only, so dist/handlers.js loads in a few ms.
 * An entry whose source does not exist yet is skipped.
 */
export const BUNDLES = JSON.parse(readFileSync(join(root, 'src', 'kernel', 'bundles', 'bundles.json'), 'utf8')).bundles;
const entries = BUNDLES.map((b) => [b.source, b.name, b.runtime === 'lambda' ? lambdaTarget : 'node20', b.runtime]);

/** A command's file mode: npm links `bin` entries to these files, which must stay executable after every rebuild. */
export const CLI_MODE = 0o755;
/** A module's file mode: the Lambda bundles are loaded, never run. */
export const MODULE_MODE = 0o644;

/**
 * Dependencies a CLI leaves in node_modules (they are package dependencies) instead of bundling: `simulate` loads
 * the AWS SDK and ajv only for the runs that need them, and not parsing ~1.7 MB of them saves ~80 ms per start.
 */
const EXTERNAL = { simulate: ['@aws-sdk/*', '@smithy/*', 'ajv', 'ajv/*'] };

/**
 * SDK clients the handler only needs in preDelete. They must reach the bundle through `await import(…)` alone:
 * esbuild then wraps them in a lazy initialiser, so a cold start does not evaluate them for preCreate/preUpdate.
 */
export const LAZY_IN_HANDLER = ['@aws-sdk/client-s3', '@aws-sdk/client-sqs'];

// Imported (by the test of eagerImports) rather than run: build nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const listIndex = process.argv.indexOf('--list');
  if (listIndex === -1) await buildAll();
  else console.log(BUNDLES.filter((b) => b.runtime === process.argv[listIndex + 1]).map((b) => b.name).join(' '));
}

async function buildAll() {
  // Loaded here, not at the top: `--list` must work before `npm ci` (the Makefile asks it first, in SAM's scratch copy).
  const { build } = await import('esbuild');
  mkdirSync(join(root, 'dist'), { recursive: true });
  const sizes = {};
  let failed = false;
  for (const [source, name, target, runtime] of entries) {
    if (only && !only.has(name)) continue;
    if (!existsSync(join(root, source))) continue;
    const outfile = join(root, 'dist', `${name}.js`);
    // Per-process temporary name: parallel builds (test workers, a developer's watch) must not take each other's file.
    const temporary = `${outfile}.${process.pid}.tmp`;
    const result = await build({
      entryPoints: [join(root, source)],
      external: EXTERNAL[name] ?? [],
      outfile: temporary,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target,
      // The SDK's ES module builds tree-shake; its CommonJS builds do not (one file per client).
      mainFields: name.startsWith('handlers') ? ['module', 'main'] : ['main', 'module'],
      sourcemap: false,
      minifySyntax: true,
      legalComments: 'none',
      metafile: true,
      logLevel: 'error',
      // Templates kept as YAML files (src/ship/submit/upload-infrastructure.yaml) are bundled as their text.
      loader: { '.yaml': 'text' },
      banner: runtime === 'cli' ? { js: '#!/usr/bin/env node' } : undefined,
    });
    if (name === 'handlers') {
      const eager = eagerImports(result.metafile, LAZY_IN_HANDLER);
      if (eager.length > 0) {
        failed = true;
        for (const { importer, module } of eager) {
          console.error(`build: ${importer} imports ${module} statically; use \`await import('${module}')\` so the handler's cold start does not load it`);
        }
      }
    }
    // The mode is set before the rename, so the file is never seen without it; written whole or not at all: a
    // half-built bundle never replaces a good one.
    chmodSync(temporary, runtime === 'cli' ? CLI_MODE : MODULE_MODE);
    renameSync(temporary, outfile);
    sizes[name] = Object.values(result.metafile.outputs)[0].bytes;
    if (process.argv.includes('--metafile')) writeFileSync(join(root, 'dist', `${name}.meta.json`), JSON.stringify(result.metafile));
  }
  if (!quiet) for (const [name, bytes] of Object.entries(sizes)) console.log(`dist/${name}.js  ${(bytes / 1024).toFixed(1)} KiB`);
  if (failed) process.exitCode = 1;
}

/** Static (non-dynamic) imports of `modules` from the project's own sources, in an esbuild metafile. */
export function eagerImports(metafile, modules) {
  const found = [];
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    if (importer.includes('node_modules/')) continue;
    for (const imported of input.imports ?? []) {
      const module = modules.find((m) => imported.original === m || imported.original?.startsWith(`${m}/`));
      if (module && imported.kind !== 'dynamic-import') found.push({ importer, module });
    }
  }
  return found;
}
