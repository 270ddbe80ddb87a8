/** The optional suite against ../shared/corpus: each test file skips itself with a message when the corpus is absent. */
module.exports = {
  ...require('./jest.config.js'),
  testMatch: ['**/test/conformance/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
