/** The default suite: fast, hermetic, no ../shared, no network. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/conformance/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // Files the build bundles as text (esbuild's text loader) are their text in tests too.
    '^.+\\.yaml$': '<rootDir>/test/support/text-transform.cjs',
  },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json', 'yaml'],
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
  // One temporary folder per run, removed at its end (tests make hundreds of scratch folders).
  globalSetup: '<rootDir>/test/support/run-tmpdir-setup.cjs',
  globalTeardown: '<rootDir>/test/support/run-tmpdir-teardown.cjs',
};
