/** The optional suite against ../shared/corpus: each test file skips itself when the corpus is absent. */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const corpus = join(__dirname, '..', 'shared', 'corpus');
// Jest shows no console output of a file whose tests all skip, so say it here, once, where it is seen.
if (!existsSync(corpus)) process.stderr.write(`conformance: ${corpus} is absent, so every conformance suite skips itself (the corpus is optional)\n`);

module.exports = {
  ...require('./jest.config.js'),
  testMatch: ['**/test/conformance/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
