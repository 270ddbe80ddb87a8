/**
 * A copy of the real project's shipping inputs in a temporary directory, so tests can package the real files
 * (and break them on purpose) without touching the working tree.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/kernel/cli';
import { main } from '../../src/ship';

export const repoRoot = join(__dirname, '..', '..');
export const SCHEMA_FILE = 'mycompany-testing-mytesthook.json';
const PROJECT_FILES = ['.rpdk-config', SCHEMA_FILE, 'package.json', 'target-schemas', 'inputs', 'hook-role.yaml'];

/** A stand-in bundle for when the handler has not been built in this checkout. */
export const STUB_HANDLER = "'use strict';\nexports.entrypoint = async () => ({ hookStatus: 'SUCCESS' });\nexports.testEntrypoint = exports.entrypoint;\n";

/** A stand-in for the SDK bundle preDelete loads. */
export const STUB_SDK_BUNDLE = "'use strict';\nmodule.exports = {};\n";

/** Copies the project's shipping files (and the two handler bundles, or stubs) to a fresh temporary directory. */
export function temporaryProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ship-project-'));
  for (const file of PROJECT_FILES) {
    if (existsSync(join(repoRoot, file))) cpSync(join(repoRoot, file), join(dir, file), { recursive: true });
  }
  if (!existsSync(join(dir, 'hook-role.yaml'))) writeFileSync(join(dir, 'hook-role.yaml'), 'Resources: {}\n');
  mkdirSync(join(dir, 'dist'));
  for (const [file, stub] of [
    ['handlers.js', STUB_HANDLER],
    ['handlers-aws-sdk.js', STUB_SDK_BUNDLE],
  ]) {
    const bundle = join(repoRoot, 'dist', file);
    if (existsSync(bundle)) cpSync(bundle, join(dir, 'dist', file));
    else writeFileSync(join(dir, 'dist', file), stub);
  }
  return dir;
}

/** Runs `ship` in-process in `cwd` and returns its exit code and output. */
export async function ship(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}
