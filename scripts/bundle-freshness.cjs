// Whether a bundle in dist/ is current: newer than every input its last build recorded (none missing). The one
// staleness check, used by build.mjs (--only skips a current bundle) and by run-bundle.cjs (the npm scripts that
// run a bundle rebuild it only when it is not current). CommonJS so that the run path starts without the ES
// module loader.
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** Files a bundle's build writes beside it that a run needs: a bundle without them is not current. */
const COMPANIONS = { simulate: ['dist/resource-catalog.txt'] };

/** The file in which a build records what it read: dist/<name>.inputs.json beside dist/<name>.js. */
function inputsFile(outfile) {
  return outfile.replace(/\.js$/, '.inputs.json');
}

/** True when `outfile` exists and is newer than every input its last build recorded (paths relative to `root`). */
function upToDate(root, outfile) {
  try {
    const built = statSync(outfile).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(inputsFile(outfile), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    return inputs.every((input) => statSync(join(root, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/**
 * True when dist/<name>.js is current and the files a run of it needs are there: those above, and those its build
 * recorded as companions (a code-cached command's dist/<name>.bundle.js).
 */
function bundleCurrent(root, name) {
  const outfile = join(root, 'dist', `${name}.js`);
  if (!upToDate(root, outfile)) return false;
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(inputsFile(outfile), 'utf8')).companions ?? [];
  } catch {
    return false;
  }
  return Array.isArray(recorded) && [...(COMPANIONS[name] ?? []), ...recorded].every((file) => typeof file === 'string' && existsSync(join(root, file)));
}

module.exports = { bundleCurrent, inputsFile, upToDate };
