#!/usr/bin/env node
// dist/<name>.js for a command whose bundle has a code cache (bundles.json "codeCache"); scripts/build.mjs copies this
// file there and writes the bundle itself to dist/<name>.bundle.js. It runs the bundle in this process, as if it had
// been loaded by `node dist/<name>.js`, but hands V8 the code cache the build trained for it
// (dist/<name>.bundle.cache): V8 then skips parsing ~800 KB of JavaScript and compiling every function the training
// runs called, about a tenth of a 500-resource simulation.
//
// V8 checks only that a cache was made for a source of the same length, so the cache starts with the SHA-256 of the
// bundle it was made from, and is used only when that is the bundle on disk now. Without a usable cache (none, another
// bundle's, another Node.js), V8 compiles the bundle as usual.
//
// Code compiled through node:vm has no module loader behind its import() (Node 20 offers one only as an experimental
// feature that warns on use). The build therefore writes these bundles with every import() of theirs turned into
// require(), and the wrapper binds `__loaderImport` to this file's import(), for the one place that must load an ES
// module (a Lambda hook's .mjs handler).
//
// With MYTESTHOOK_TRAIN_CODE_CACHE=1 (the build's training runs), the run also writes the cache at its exit, whole or
// not at all, adding what it compiled to what the cache it started from held.
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { basename } = require('node:path');

const bundle = __filename.replace(/\.js$/, '.bundle.js');
const cacheFile = bundle.replace(/\.js$/, '.cache');
const DIGEST_BYTES = 32;
/** A cache is about 0.6 MB; a file far larger (or not a regular file) is not one the build wrote, and is not read. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

let code;
try {
  code = readFileSync(bundle);
} catch {
  process.stderr.write(`${basename(__filename)}: ${basename(bundle)} is missing beside it; run \`npm run build\`\n`);
  process.exit(2);
}

const digest = require('node:crypto').createHash('sha256').update(code).digest();
const script = new (require('node:vm').Script)(
  `(function (exports, require, module, __filename, __dirname, __loaderImport) {${code.toString('utf8')}\n})`,
  { filename: bundle, cachedData: cacheFor(digest) },
);
if (process.env.MYTESTHOOK_TRAIN_CODE_CACHE === '1') process.once('exit', () => writeCache(digest, script.createCachedData()));
// The bundle sees this file as its module: `require` resolves from dist/ as the bundle's own would, and workers it
// starts from __filename come back through here, so they get the cache too.
script.runInThisContext()(module.exports, require, module, __filename, __dirname, (specifier) => import(specifier));

/** The V8 data of the cache, when it was made from exactly this bundle. */
function cacheFor(digest) {
  try {
    const found = statSync(cacheFile);
    if (!found.isFile() || found.size > MAX_CACHE_BYTES) return undefined;
    const cache = readFileSync(cacheFile);
    return cache.length > DIGEST_BYTES && cache.subarray(0, DIGEST_BYTES).equals(digest) ? cache.subarray(DIGEST_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(digest, data) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([digest, data]));
  renameSync(temporary, cacheFile);
}
