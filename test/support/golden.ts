/**
 * The one way a test compares output with a reviewed golden file. `npm run golden` (UPDATE_GOLDEN=1 on every
 * `*.golden.test.ts`) rewrites them, each written whole; nothing else ever does, so a plain `npm test` can only
 * compare. Review the diff before committing: a golden that changes is a behaviour that changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** True only under `npm run golden`. */
export const UPDATING_GOLDENS = process.env.UPDATE_GOLDEN === '1';

/** Expects `actual` to equal the golden file's text; under `npm run golden`, writes it first. */
export function expectGolden(file: string, actual: string): void {
  if (UPDATING_GOLDENS) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, actual);
    renameSync(`${file}.tmp`, file);
  }
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run golden\` and review the new file`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** JSON as the goldens are written: two-space indent and a final newline. */
export function goldenJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
