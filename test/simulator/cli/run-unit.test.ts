/**
 * A unit whose run fails in a way nothing reported (a bug) is that unit's failure, exit 3, and the run goes on: a
 * many-templates run streams its output, so a failure escaping one unit must not cut the document off halfway.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';

// The run's reader of cloud assemblies, with a bug for the assemblies of this test.
jest.mock('../../../simulator/cloudformation/assembly', () => {
  const actual = jest.requireActual<typeof import('../../../simulator/cloudformation/assembly')>('../../../simulator/cloudformation/assembly');
  class BrokenAssemblyReads extends actual.AssemblyReads {
    override stacksOf(directory: string): ReturnType<typeof actual.readAssembly> {
      if (directory.includes('broken-reader-')) throw new TypeError("Cannot read properties of undefined (reading 'artifacts')");
      return super.stacksOf(directory);
    }
  }
  return { ...actual, AssemblyReads: BrokenAssemblyReads };
});

const stacks = join(__dirname, '..', '..', 'stacks');

describe('a unit that fails with a bug', () => {
  let assembly: string;
  beforeAll(() => {
    assembly = mkdtempSync(join(tmpdir(), 'broken-reader-'));
    writeFileSync(join(assembly, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: {} }));
  });
  afterAll(() => rmSync(assembly, { recursive: true, force: true }));

  it.each<[string, (out: string) => unknown, unknown]>([
    ['text', (out) => /^Summary: 2 stacks from 2 inputs$/m.test(out), true],
    // The bug is the run's one error, as data, as a single run's JSON reports one.
    [
      'json',
      (out) => (JSON.parse(out) as { runs: Array<{ exit: number; errors?: Array<{ code: string; message: string }> }> }).runs.map((r) => [r.exit, r.errors?.map((e) => [e.code, e.message])]),
      [[3, [['INTERNAL', "Cannot read properties of undefined (reading 'artifacts')"]]], [0, undefined]],
    ],
  ])('is exit 3 for that unit; the others still run and the %s output is whole', async (format, read, expected) => {
    const io = memoryIo(stacks);
    expect(await main([assembly, '_shared/compliant.yml', '--jobs', '1', '--format', format], io)).toBe(3);
    expect(read(io.out.join(''))).toEqual(expected);
    if (format === 'text') expect(io.err.join('')).toContain("simulate: internal error (this is a bug, please report it): Cannot read properties of undefined (reading 'artifacts')\n");
  });
});
