/**
 * `simulate --format sarif|junit` over the sample stacks: every case's SARIF is valid against the SARIF 2.1.0
 * schema and its JUnit has the strict reader's shape, with the case's exit code; four cases (a FAIL create, a
 * WARN create, --hooks with two hooks, and a change set a CHANGE_SET hook refuses) are reviewed goldens (expected.sarif.json, expected.junit.xml; `npm run golden` regenerates them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';
import { caseArgs, cfnGuardForTests, itForCase } from '../../support/cfn-guard';
import { inGitWorkTree } from '../../support/checkout';
import { expectGolden } from '../../support/golden';
import { junitShapeErrors, parseXml } from '../../support/junit-shape';
import { sarifSchemaErrors } from '../../support/sarif-schema';

const stacks = join(__dirname, '..', '..', 'stacks');
const repository = resolve(__dirname, '..', '..', '..');
/** SARIF's uris and JUnit's `file` are relative to the git work tree a run is in: the runs happen in one. */
const workTree = inGitWorkTree(repository);
const cases = readdirSync(stacks, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('_') && existsSync(join(stacks, e.name, 'case.json')))
  .map((e) => e.name)
  .sort();
const GOLDEN_CASES = ['change-set-refused', 'create-fail', 'create-warn', 'hooks-several'];

interface CaseSpec {
  args: string[];
  exit: number;
  cfnGuard?: boolean;
  /** What the run says on stderr besides warnings (a refused request says why). */
  stderr?: string;
}

const specOf = (name: string): CaseSpec => JSON.parse(readFileSync(join(stacks, name, 'case.json'), 'utf8')) as CaseSpec;
const guardCases = cases.filter((name) => specOf(name).cfnGuard === true);
const cfnGuard = guardCases.length > 0 ? cfnGuardForTests(`CI formats of sample stacks with Guard hooks (${guardCases.join(', ')})`) : undefined;
/** The cases that need no engine, then (skipped when there is none, which cfnGuardForTests says) those that do. */
const eachCase = (names: readonly string[], title: string, test: (name: string) => Promise<void>): void => {
  it.each(names.filter((name) => !guardCases.includes(name)))(title, test);
  const guarded = names.filter((name) => guardCases.includes(name));
  if (guarded.length > 0) itForCase(true, cfnGuard).each(guarded)(`${title} (the real cfn-guard)`, test);
};

/** The lines of stderr that are not warnings or notes (a CI report's run prints its warnings there, as text does). */
function errorLines(err: string): string[] {
  return err.split('\n').filter((line) => line !== '' && !/^(?:\S+:\d+:\d+ |\S+ )?(?:warning|info) [A-Z][A-Z0-9_]* /.test(line));
}

async function run(name: string, format: 'sarif' | 'junit'): Promise<{ code: number; out: string; err: string; spec: CaseSpec }> {
  const spec = specOf(name);
  const io = memoryIo(inGitWorkTree(join(stacks, name)));
  const code = await main([...caseArgs(spec, cfnGuard), '--format', format], io);
  return { code, out: io.out.join(''), err: io.err.join(''), spec };
}

describe('simulate --format sarif over every sample stack', () => {
  eachCase(cases, '%s: valid SARIF 2.1.0, the case\'s exit code', async (name) => {
    const { code, out, err, spec } = await run(name, 'sarif');
    expect({ code, errors: errorLines(err) }).toEqual({ code: spec.exit, errors: errorLines(spec.stderr ?? '') });
    expect(sarifSchemaErrors(out)).toEqual([]);
    const log = JSON.parse(out) as { runs: Array<{ results: Array<{ level: string }> }> };
    // A blocked operation has at least one error-level result; a completed one none.
    const errors = log.runs[0]?.results.filter((r) => r.level === 'error').length ?? 0;
    if (spec.exit === 1) expect(errors).toBeGreaterThan(0);
    else expect(errors).toBe(0);
  });
});

describe('simulate --format junit over every sample stack', () => {
  eachCase(cases, '%s: the strict reader\'s shape, the case\'s exit code', async (name) => {
    const { code, out, err, spec } = await run(name, 'junit');
    expect({ code, errors: errorLines(err) }).toEqual({ code: spec.exit, errors: errorLines(spec.stderr ?? '') });
    expect(junitShapeErrors(out)).toEqual([]);
    const failures = Number(parseXml(out).attributes.failures);
    // A blocked operation, or a request the service refuses, fails a case; a completed one none.
    if (spec.exit !== 0) expect(failures).toBeGreaterThan(0);
    else expect(failures).toBe(0);
  });
});

describe('CI format goldens', () => {
  eachCase(GOLDEN_CASES, '%s', async (name) => {
    const sarif = await run(name, 'sarif');
    // The repository's root is the work tree's: the golden names it `file:///REPOSITORY/` (every uri is relative to it,
    // as code scanning reads them).
    expectGolden(join(stacks, name, 'expected.sarif.json'), sarif.out.split(JSON.stringify(pathToFileURL(`${workTree}/`).href)).join('"file:///REPOSITORY/"'));
    const junit = await run(name, 'junit');
    expectGolden(join(stacks, name, 'expected.junit.xml'), junit.out);
  });
});
