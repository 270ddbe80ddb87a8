// Jest globalSetup/globalTeardown: each test run gets its own temporary folder (TMPDIR, read by os.tmpdir() in the
// workers and in every process a test starts), removed when the run ends, so the scratch folders tests make are
// never left behind on a developer's machine or a CI runner, whether or not each test removes its own.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const KEY = 'MYTESTHOOK_TEST_RUN_TMPDIR';

async function setup() {
  const root = mkdtempSync(join(tmpdir(), 'mytesthook-test-run-'));
  process.env[KEY] = root;
  // Workers start after globalSetup and inherit this environment.
  process.env.TMPDIR = root;
}

async function teardown() {
  const root = process.env[KEY];
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
}

module.exports = { setup, teardown };
