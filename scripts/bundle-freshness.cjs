// Whether a bundle in dist/ is current: newer than every input its last build recorded (none missing). The one
// staleness check, used by build.mjs (--only skips a current bundle) and by run-bundle.cjs (the npm scripts that
// run a bundle rebuild it only when it is not current). CommonJS so that the run path starts without the ES
// module loader.
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** The file in which a build records what it read: dist/<name>.inputs.json beside dist/<name>.js. */
function inputsFile(outfile) {
  return outfile.replace(/\.js$/, '.inputs.json');
}

/**
 * True when `outfile` exists, is newer than every input its last build recorded (paths relative to `root`), and the
 * files its build recorded as companions, which a run needs beside it, are there (a code-cached command's
 * dist/<name>.bundle.js, the simulator's resource catalogue). One record, read once.
 */
function upToDate(root, outfile) {
  try {
    const built = statSync(outfile).mtimeMs;
    const { inputs, companions = [] } = JSON.parse(readFileSync(inputsFile(outfile), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0 || !Array.isArray(companions)) return false;
    return inputs.every((input) => statSync(join(root, input)).mtimeMs <= built) && companions.every((file) => typeof file === 'string' && existsSync(join(root, file)));
  } catch {
    return false;
  }
}

/** True when dist/<name>.js is current (above). */
function bundleCurrent(root, name) {
  return upToDate(root, join(root, 'dist', `${name}.js`));
}

module.exports = { bundleCurrent, inputsFile, upToDate };
