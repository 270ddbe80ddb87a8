/**
 * The command's text output for the fixtures under test/fixtures/schema, compared with reviewed golden files.
 * Regenerate after an intended change with `npm run golden`, then review the diff.
 */
import { join } from 'node:path';
import { memoryIo } from '../../src/kernel/cli';
import { main } from '../../src/schema';
import { expectGolden } from '../support/golden';

const repoRoot = join(__dirname, '..', '..');
const fixtures = 'test/fixtures/schema';

const GOLDEN_CASES: ReadonlyArray<readonly [name: string, argv: string[], exitCode: number]> = [
  ['project-schema', ['mycompany-testing-mytesthook.json'], 0],
  ['docs-sample', [`${fixtures}/docs-sample.hook.json`], 0],
  ['docs-sample-with-config', [`${fixtures}/docs-sample.hook.json`, '--config', `${fixtures}/docs-sample.config.json`], 1],
  ['project-schema-with-filters', ['mycompany-testing-mytesthook.json', '--config', `${fixtures}/filters.config.json`], 1],
  ['many-mistakes', [`${fixtures}/many-mistakes.hook.json`], 1],
  ['broken', [`${fixtures}/broken.hook.json`], 2],
];

describe('validate: golden text output', () => {
  it.each(GOLDEN_CASES)('%s', async (name, argv, exitCode) => {
    const io = memoryIo(repoRoot);
    const code = await main(argv, io);
    const output = io.out.join('');
    expectGolden(join(repoRoot, fixtures, `${name}.golden.txt`), output);
    expect(io.err.join('')).toBe('');
    expect(code).toBe(exitCode);
  });
});
