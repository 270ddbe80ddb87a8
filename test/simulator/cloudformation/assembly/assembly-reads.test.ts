/**
 * A cloud assembly's manifests are read once per run, however many of its stack templates the run names on their
 * own (`simulate 'cdk.out/*.template.json'`): each template asks which stack of the assembly it is, and the answer
 * comes from the run's one read. A later run reads them again, as they then are.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { AssemblyReads } from '../../../../simulator/cloudformation/assembly';
import { runBounded } from '../../../support/bounded-child';
import { runSimulateJson, scratchFolderPerTest } from '../../../support/simulate-cli';

// Every open of the process counted (and made): how many times a manifest is read, whichever module reads it.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, openSync: jest.fn(actual.openSync) };
});

const scratch = scratchFolderPerTest('assembly-reads-');
const STACKS = ['Alpha', 'Bravo', 'Charlie', 'Delta'];

/** A cloud assembly of four stacks (each a queue) and one asset manifest, named `<prefix><stack>` in the manifest. */
function writeAssembly(prefix: string): string {
  const dir = join(scratch.dir, 'cdk.out');
  fs.mkdirSync(dir, { recursive: true });
  const artifacts: Record<string, unknown> = { 'app.assets': { type: 'cdk:asset-manifest', properties: { file: 'app.assets.json' } } };
  for (const stack of STACKS) {
    artifacts[stack] = { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/eu-west-1', properties: { templateFile: `${stack}.template.json`, stackName: `${prefix}${stack}` } };
    fs.writeFileSync(join(dir, `${stack}.template.json`), JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }));
  }
  fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
  fs.writeFileSync(join(dir, 'app.assets.json'), JSON.stringify({ version: '36.0.0', files: {} }));
  return dir;
}

/** How many times each of the assembly's manifests was opened since the last clear. */
function manifestOpens(dir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [path] of jest.mocked(fs.openSync).mock.calls) {
    const name = String(path);
    if (name === join(dir, 'manifest.json') || name === join(dir, 'app.assets.json')) counts[name.slice(dir.length + 1)] = (counts[name.slice(dir.length + 1)] ?? 0) + 1;
  }
  return counts;
}

type ManyRun = { runs: { input: string; stackName: string; exit: number }[] };

describe('the manifests of a cloud assembly are read once per run', () => {
  beforeEach(() => jest.mocked(fs.openSync).mockClear());

  it.each<[string, string[], number]>([
    ['every stack template of the assembly, by a glob', ['cdk.out/*.template.json'], 4],
    ['every stack template, each named', STACKS.map((s) => `cdk.out/${s}.template.json`), 4],
    ['one stack template', ['cdk.out/Bravo.template.json'], 1],
  ])('%s', async (_what, inputs, stacks) => {
    const dir = writeAssembly('one-');
    const { code, run, err } = await runSimulateJson<ManyRun | { stack: { name: string } }>(scratch.dir, [...inputs, '--jobs', '1', '--failure-mode', 'WARN', '--format', 'json']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    // Each template ran as its stack of the assembly (the manifest's stackName), not as a loose template.
    const names = 'runs' in run ? run.runs.map((r) => r.stackName) : [run.stack.name];
    expect(names).toEqual((stacks === 1 ? ['Bravo'] : STACKS).map((s) => `one-${s}`));
    expect(manifestOpens(dir)).toEqual({ 'manifest.json': 1, 'app.assets.json': 1 });
  });

  it('not across runs: a second run reads the manifest again, and sees it as it is then', async () => {
    const dir = writeAssembly('first-');
    await runSimulateJson<ManyRun>(scratch.dir, ['cdk.out/*.template.json', '--jobs', '1', '--format', 'json']);
    writeAssembly('second-');
    const { run } = await runSimulateJson<ManyRun>(scratch.dir, ['cdk.out/*.template.json', '--jobs', '1', '--format', 'json']);
    expect(run.runs.map((r) => r.stackName)).toEqual(STACKS.map((s) => `second-${s}`));
    expect(manifestOpens(dir)).toEqual({ 'manifest.json': 2, 'app.assets.json': 2 });
  });

  it('one read whatever the spelling of the folder (the key is the real path)', () => {
    const dir = writeAssembly('one-');
    fs.symlinkSync(dir, join(scratch.dir, 'linked.out'));
    const reads = new AssemblyReads();
    expect(reads.stackOf(join(dir, 'Alpha.template.json'))?.stackName).toBe('one-Alpha');
    expect(reads.stackOf(join(scratch.dir, 'linked.out', 'Delta.template.json'))?.stackName).toBe('one-Delta');
    expect(reads.stackOf(join(scratch.dir, 'cdk.out', '.', 'Charlie.template.json'))?.stackName).toBe('one-Charlie');
    expect(manifestOpens(dir)).toEqual({ 'manifest.json': 1, 'app.assets.json': 1 });
  });

  it('on worker threads, each thread reads the assembly for its own units: the same stacks as one thread', () => {
    writeAssembly('one-');
    const root = join(__dirname, '..', '..', '..', '..');
    expect(spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { encoding: 'utf8' }).status).toBe(0);
    const names = (jobs: string): unknown => {
      const run = spawnSync(process.execPath, [join(root, 'dist', 'simulate.js'), 'cdk.out/*.template.json', '--jobs', jobs, '--failure-mode', 'WARN', '--format', 'json'], { cwd: scratch.dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      return { status: run.status, stderr: run.stderr, names: (JSON.parse(run.stdout) as ManyRun).runs.map((r) => r.stackName) };
    };
    expect(names('2')).toEqual({ status: 0, stderr: '', names: STACKS.map((s) => `one-${s}`) });
  });

  it('a manifest that cannot be used is read once too, and its templates run as any template', async () => {
    const dir = writeAssembly('one-');
    fs.writeFileSync(join(dir, 'manifest.json'), '{"artifacts": {"Alpha": 7}}');
    const { code, run } = await runSimulateJson<ManyRun>(scratch.dir, ['cdk.out/*.template.json', '--jobs', '1', '--failure-mode', 'WARN', '--format', 'json']);
    expect({ code, names: run.runs.map((r) => r.stackName) }).toEqual({ code: 0, names: STACKS.map((s) => s) });
    expect(manifestOpens(dir)).toEqual({ 'manifest.json': 1 });
  });
});

describe('manifests are files found on disk: a FIFO among them is refused, never opened', () => {
  // In a child process with a deadline: opening a FIFO nobody writes to would block for ever, Jest with it.
  it.each<[string, string, number, RegExp]>([
    ['the manifest', 'manifest.json', 2, /^cdk\.out\/manifest\.json FILE_UNREADABLE cannot read the cloud assembly manifest: it is a FIFO \(named pipe\), not a file$/m],
    // An asset manifest only helps find nested templates without aws:asset:path: the stacks run without it.
    ['an asset manifest', 'app.assets.json', 0, /^$/],
    // A stack's template is named by the manifest, not by the user: the other stacks run, this one is refused.
    ['a stack template', 'Charlie.template.json', 2, /^cdk\.out\/Charlie\.template\.json TPL_UNREADABLE cannot read the template: it is a FIFO \(named pipe\), not a file$/m],
  ])('%s', (_what, fifo, status, stderr) => {
    const dir = writeAssembly('one-');
    fs.rmSync(join(dir, fifo));
    const source = `
      import { execFileSync } from 'node:child_process';
      import { memoryIo } from './src/kernel/cli';
      import { main } from './simulator/cli';
      execFileSync('mkfifo', [${JSON.stringify(join(dir, fifo))}]);
      const io = memoryIo(${JSON.stringify(scratch.dir)}, {});
      main(['cdk.out', '--jobs', '1', '--failure-mode', 'WARN', '--quiet'], io).then((code) => process.stdout.write(JSON.stringify({ code, err: io.err.join('') })));
    `;
    const run = runBounded(source, join(__dirname, '..', '..', '..', '..'), 20_000);
    expect({ finished: run.finished, stderr: run.stderr }).toEqual({ finished: true, stderr: '' });
    const { code, err } = JSON.parse(run.stdout) as { code: number; err: string };
    expect({ code, err }).toEqual({ code: status, err: expect.stringMatching(stderr) });
  });
});
