// Builds every entry point with esbuild: one file each, dependencies bundled, so the Lambda package
// does not depend on whatever SDK the runtime carries and every CLI starts with a single module load.
// Usage: node scripts/build.mjs [--quiet] [--metafile] [--only name[,name…]] [--force] [--list lambda|cli]
// --list prints the names of one runtime's bundles, space-separated, and builds nothing (the Makefile uses it).
// With --only (what the npm scripts use), a bundle newer than every input of its last build is left alone, so a
// run does not pay for a rebuild it does not need; --force (or a plain build) always builds. `npm run simulate`
// and `npm run validate` go through scripts/run-bundle.cjs, which makes the same check in the command's own process.
import { chmodSync, existsSync, readFileSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
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
const entries = BUNDLES.map((b) => [b.source, b.name, b.runtime === 'lambda' ? lambdaTarget : 'node20', b.runtime, b.codeCache]);

/** A command's file mode: npm links `bin` entries to these files, which must stay executable after every rebuild. */
export const CLI_MODE = 0o755;
/** A module's file mode: the Lambda bundles are loaded, never run. */
export const MODULE_MODE = 0o644;

/**
 * Dependencies a CLI leaves in node_modules (they are package dependencies) instead of bundling: `simulate` loads
 * the AWS SDK and ajv only for the runs that need them, and not parsing ~1.7 MB of them saves ~80 ms per start.
 * `yaml` (the precise parser, for templates js-yaml cannot be trusted with) and `re2js` (the schema validator's
 * patterns) are required lazily too: bundled, every start still paid to pre-parse their ~500 KB.
 */
const EXTERNAL = { simulate: ['@aws-sdk/*', '@smithy/*', 'ajv', 'ajv/*', 'yaml', 're2js'] };

/**
 * SDK clients the handler only needs in preDelete. They must reach the bundle through `await import(…)` alone:
 * esbuild then wraps them in a lazy initialiser, so a cold start does not evaluate them for preCreate/preUpdate.
 */
export const LAZY_IN_HANDLER = ['@aws-sdk/client-s3', '@aws-sdk/client-sqs'];

/** Files every bundle depends on besides its sources: the build itself, the bundle list, the locked dependency versions. */
const BUILD_INPUTS = ['scripts/build.mjs', 'src/kernel/bundles/bundles.json', 'package-lock.json', 'tsconfig.json', '.rpdk-config'];
/** And those of a command with a code cache: its loader and the simulator's training template. */
const CODE_CACHE_INPUTS = ['scripts/bundle-loader.cjs', 'scripts/code-cache-training.yaml'];
/** Files the build writes beside a bundle that a run of it reads: recorded with its inputs, so a bundle without them is not current. */
const COMPANIONS = { simulate: ['dist/resource-catalog.txt'] };

// Imported (by the test of eagerImports) rather than run: build nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const listIndex = process.argv.indexOf('--list');
  if (listIndex === -1) await buildAll();
  else console.log(BUNDLES.filter((b) => b.runtime === process.argv[listIndex + 1]).map((b) => b.name).join(' '));
}

async function buildAll() {
  // Loaded here, not at the top: `--list` runs in SAM's scratch copy, which has build.mjs alone.
  const { inputsFile, upToDate } = (await import('./bundle-freshness.cjs')).default;
  mkdirSync(join(root, 'dist'), { recursive: true });
  const sizes = {};
  let failed = false;
  // Before the bundles: training simulate's code cache runs it, and it needs the catalogue.
  if (!only || Object.keys(COMPANIONS).some((name) => only.has(name))) await writeCatalog(sizes);
  for (const [source, name, target, runtime, codeCache] of entries) {
    if (only && !only.has(name)) continue;
    if (!existsSync(join(root, source))) continue;
    const outfile = join(root, 'dist', `${name}.js`);
    if (only && !process.argv.includes('--force') && upToDate(root, outfile)) {
      // Not rebuilt, but left as a build leaves it: a command stays executable whatever its mode became.
      chmodSync(outfile, runtime === 'cli' ? CLI_MODE : MODULE_MODE);
      continue;
    }
    // Loaded here, not at the top: `--list` must work before `npm ci` (the Makefile asks it first, in SAM's scratch
    // copy), and an up-to-date check should not pay for starting esbuild.
    const { build } = await import('esbuild');
    // Per-process temporary name: parallel builds (test workers, a developer's watch) must not take each other's file.
    const temporary = `${outfile}.${process.pid}.tmp`;
    // A command with a code cache: the bundle goes beside its loader, which becomes dist/<name>.js.
    const bundleFile = codeCache ? join(root, 'dist', `${name}.bundle.js`) : outfile;
    let result;
    try {
      result = await build({
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
        banner: runtime === 'cli' && !codeCache ? { js: '#!/usr/bin/env node' } : undefined,
        // Compiled by bundle-loader.cjs through node:vm, where import() has no loader: every one becomes a require().
        supported: codeCache ? { 'dynamic-import': false } : undefined,
      });
    } catch (error) {
      // esbuild has printed each error with its file, line and column (logLevel 'error'); its stack trace adds
      // nothing for the person whose source does not compile. The other bundles are still built.
      if (!Array.isArray(error?.errors)) throw error;
      failed = true;
      continue;
    }
    if (name === 'handlers') {
      const eager = eagerImports(result.metafile, LAZY_IN_HANDLER);
      if (eager.length > 0) {
        failed = true;
        for (const { importer, module } of eager) {
          console.error(`build: ${importer} imports ${module} statically; use \`await import('${module}')\` so the handler's cold start does not load it`);
        }
      }
    }
    if (codeCache) writeFileSync(temporary, asciiOnly(readFileSync(temporary, 'utf8')));
    // The mode is set before the rename, so the file is never seen without it; written whole or not at all: a
    // half-built bundle never replaces a good one.
    chmodSync(temporary, runtime === 'cli' && !codeCache ? CLI_MODE : MODULE_MODE);
    renameSync(temporary, bundleFile);
    if (codeCache) {
      // The loader never changes; a run between the two renames finds the new bundle, whose digest the old cache lacks.
      writeWhole(outfile, readFileSync(join(root, 'scripts', 'bundle-loader.cjs')), CLI_MODE);
      if (!trainCodeCache(outfile, codeCache)) failed = true;
    }
    // What this build read, for the next --only run's staleness check (written after the bundle, so never newer
    // inputs recorded for an older bundle), and the files beside dist/<name>.js that a run of it needs.
    const inputs = Object.keys(result.metafile.inputs).concat(BUILD_INPUTS, codeCache ? CODE_CACHE_INPUTS : []);
    const companions = (COMPANIONS[name] ?? []).concat(codeCache ? [`dist/${name}.bundle.js`] : []);
    writeWhole(inputsFile(outfile), JSON.stringify(companions.length > 0 ? { inputs, companions } : { inputs }));
    sizes[codeCache ? `${name}.bundle.js` : `${name}.js`] = Object.values(result.metafile.outputs)[0].bytes;
    if (process.argv.includes('--metafile')) writeFileSync(join(root, 'dist', `${name}.meta.json`), JSON.stringify(result.metafile));
  }
  if (!quiet) for (const [name, bytes] of Object.entries(sizes)) console.log(`dist/${name}  ${(bytes / 1024).toFixed(1)} KiB`);
  if (failed) process.exitCode = 1;
}

/**
 * A bundle's text with every non-ASCII character written as a `\uXXXX` escape. esbuild escapes those of the code
 * (its default charset is ASCII) but keeps the comments it keeps as they are, and one such character makes the whole
 * ~900 KB source a UTF-16 string, decoded from UTF-8 at every start; bundle-loader.cjs reads an ASCII bundle as
 * Latin-1, a plain copy (about 1% of a 500-resource create, 8% of a one-resource one). An escape means the same
 * character in a string, a regular expression or an identifier, and is only text in a comment.
 */
export function asciiOnly(text) {
  return text.replace(/[\u0080-\u2027\u202a-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function writeWhole(file, text, mode) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  if (mode !== undefined) chmodSync(temporary, mode);
  renameSync(temporary, file);
}

/**
 * Trains a command's code cache: runs it once per argument list of bundles.json "codeCache", from the repository
 * root, each run adding what it compiled to the cache (scripts/bundle-loader.cjs). A run that fails (exit code above
 * 1: 1 is a verdict, as a blocked create) fails the build: the training inputs are the build's own files, so it
 * means the command itself is broken.
 */
function trainCodeCache(command, runs) {
  // Not this process's environment: under `npm run simulate --failure-mode WARN` (no `--`), npm's variables would make
  // the training run stop at the options npm took. NODE_OPTIONS stays: V8 rejects a cache made under other flags.
  const env = { PATH: process.env.PATH ?? '', MYTESTHOOK_TRAIN_CODE_CACHE: '1', NO_COLOR: '1' };
  // (SystemRoot: Node on Windows needs it to start.)
  for (const name of ['NODE_OPTIONS', 'SystemRoot']) if (process.env[name] !== undefined) env[name] = process.env[name];
  for (const args of runs) {
    const run = spawnSync(process.execPath, [command, ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 60_000,
    });
    if (run.status !== 0 && run.status !== 1) {
      console.error(`build: training the code cache of ${relative(root, command)} failed: \`node ${relative(root, command)} ${args.join(' ')}\` ended with ${run.status ?? run.signal ?? run.error?.message}\n${String(run.stderr ?? '').slice(0, 2000)}`);
      return false;
    }
  }
  return true;
}

/**
 * dist/resource-catalog.txt, the registry types the simulator knows (see scripts/resource-catalog.mjs). Rebuilt
 * only when missing, or built from another version of the spec package or by another version of the generator:
 * loading the spec takes a few seconds.
 */
async function writeCatalog(sizes) {
  // Loaded here, like esbuild: `--list` runs in SAM's scratch copy, which has build.mjs alone.
  const { buildResourceCatalog, catalogHeader, specVersion } = await import('./resource-catalog.mjs');
  const file = join(root, 'dist', 'resource-catalog.txt');
  const version = specVersion();
  if (version === undefined) {
    if (!existsSync(file)) console.error('build: @aws-cdk/aws-service-spec is not installed, so dist/resource-catalog.txt cannot be generated; install the dev dependencies');
    return;
  }
  if (existsSync(file) && readFileSync(file, 'utf8').startsWith(catalogHeader(version))) return;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, buildResourceCatalog());
  renameSync(temporary, file);
  sizes['resource-catalog.txt'] = readFileSync(file).length;
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
