#!/usr/bin/env node
// dist/<name>.js for a command whose bundle has a code cache (bundles.json "codeCache"); scripts/build.mjs copies this
// file there and writes the bundle itself to dist/<name>.bundle.js. It runs the bundle in this process, as if it had
// been loaded by `node dist/<name>.js`, but hands V8 the code cache the build trained for it
// (dist/<name>.bundle.cache): V8 then skips parsing ~800 KB of JavaScript and compiling every function the training
// runs called, about a tenth of a 500-resource simulation.
//
// V8 checks only that a cache was made for a source of the same length, so the cache starts with a header saying
// which bundle it was made from: the bundle's SHA-256 and the identity of the file it was read from (device, inode,
// size, modification and status-change times in nanoseconds). The cache is used when the bundle on disk now has that
// identity, or else when its SHA-256 is that one. Hashing the ~900 KB bundle cost ~2% of a 500-resource run at every
// start, and the identity answers the same question for the one case that matters, a run of the build's own dist/:
// - A rebuild writes a new file and renames it over the bundle: a new inode and a new status-change time. Even if the
//   file system gave the new file the old one's inode, the status-change time (ctime) is set by the kernel to the
//   time of the change and no program can set it back (`touch -d`, `cp -p` and tar set the modification time only).
//   A different bundle with the recorded identity would need an edit in place of the same size within the same clock
//   tick as the file's last change before the training run read it; nothing writes the bundle in place.
// - A copy of dist/ (npm pack and install, cp -r, a scratch folder of the tests) has new inodes: the digest decides,
//   as before, at the old cost. So does a `touch` of the bundle, until the next build.
// - The identity is read from the open file before and after it is read whole; a file that changed meanwhile is
//   judged by its digest.
// Without a usable cache (none, another bundle's, another Node.js), V8 compiles the bundle as usual.
//
// Code compiled through node:vm has no module loader behind its import() (Node 20 offers one only as an experimental
// feature that warns on use). The build therefore writes these bundles with every import() of theirs turned into
// require(); the one ES module they load, a Lambda hook's .mjs handler, is imported in that hook's own worker thread.
//
// With MYTESTHOOK_TRAIN_CODE_CACHE=1 (the build's training runs), the run also writes the cache at its exit, whole or
// not at all, adding what it compiled to what the cache it started from held.
'use strict';
const { closeSync, fstatSync, openSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { basename } = require('node:path');

const bundle = __filename.replace(/\.js$/, '.bundle.js');
const cacheFile = bundle.replace(/\.js$/, '.cache');
const DIGEST_BYTES = 32;
/** The identity of the bundle file: five unsigned 64-bit numbers (see identityOf). */
const IDENTITY_BYTES = 40;
const HEADER_BYTES = DIGEST_BYTES + IDENTITY_BYTES;
/** A cache is about 0.6 MB; a file far larger (or not a regular file) is not one the build wrote, and is not read. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

let code;
/** The bundle file's identity, or undefined when it changed while it was read (then only its digest can vouch). */
let identity;
try {
  const fd = openSync(bundle, 'r');
  try {
    const before = identityOf(fstatSync(fd, { bigint: true }));
    code = readFileSync(fd);
    identity = before.equals(identityOf(fstatSync(fd, { bigint: true }))) ? before : undefined;
  } finally {
    closeSync(fd);
  }
} catch {
  process.stderr.write(`${basename(__filename)}: ${basename(bundle)} is missing beside it; run \`npm run build\`\n`);
  process.exit(2);
}

const training = process.env.MYTESTHOOK_TRAIN_CODE_CACHE === '1';
let digest;
const script = new (require('node:vm').Script)(
  `(function (exports, require, module, __filename, __dirname) {${require('node:buffer').isAscii(code) ? code.toString('latin1') : code.toString('utf8')}\n})`,
  { filename: bundle, cachedData: cacheFor() },
);
if (training) process.once('exit', () => writeCache(script.createCachedData()));
// The bundle sees this file as its module: `require` resolves from dist/ as the bundle's own would, and workers it
// starts from __filename come back through here, so they get the cache too.
script.runInThisContext()(module.exports, require, module, __filename, __dirname);

/** The SHA-256 of the bundle, computed once and only when asked: node:crypto and the hash are what the identity saves. */
function bundleDigest() {
  digest ??= require('node:crypto').createHash('sha256').update(code).digest();
  return digest;
}

/** Device, inode, size, modification and status-change times (ns) of a bigint stat, as 40 bytes. */
function identityOf(stat) {
  const bytes = Buffer.alloc(IDENTITY_BYTES);
  [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].forEach((value, i) => bytes.writeBigUInt64LE(BigInt.asUintN(64, value), i * 8));
  return bytes;
}

/** The V8 data of the cache, when it was made from exactly this bundle. */
function cacheFor() {
  try {
    const found = statSync(cacheFile);
    if (!found.isFile() || found.size > MAX_CACHE_BYTES) return undefined;
    const cache = readFileSync(cacheFile);
    if (cache.length <= HEADER_BYTES) return undefined;
    const sameFile = identity !== undefined && cache.subarray(DIGEST_BYTES, HEADER_BYTES).equals(identity);
    return sameFile || cache.subarray(0, DIGEST_BYTES).equals(bundleDigest()) ? cache.subarray(HEADER_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache whole or not at all; a bundle that changed while it was read gets an identity nothing matches. */
function writeCache(data) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([bundleDigest(), identity ?? Buffer.alloc(IDENTITY_BYTES), data]));
  renameSync(temporary, cacheFile);
}
