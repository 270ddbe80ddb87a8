/**
 * What a start of the built simulate command loads. Every built-in module of Node a start requires is read, compiled
 * and run before the template is, so one only some runs need is required where it is used: worker threads (a
 * many-template run's --jobs, a Lambda hook module's own runtime), zlib (rule archives), node:module (Node's ES module
 * loader), os (Guard's scratch folders, --jobs's default), http and child_process (STACK hooks' payloads, Guard).
 * Checked on the built bundle, as a user runs it, through the list Node keeps of the modules it loaded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const simulate = join(root, 'dist', 'simulate.js');

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { encoding: 'utf8' });
  expect(build.status).toBe(0);
});

/** Runs the built command with a preload that writes process.moduleLoadList at exit; returns the run and the list. */
function loadedBy(args: string[], cwd = join(root, 'test', 'stacks')): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'start-up-'));
  const list = join(dir, 'loaded.txt');
  const preload = join(dir, 'record-loads.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));\n`);
  const run = spawnSync(process.execPath, ['--require', preload, simulate, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, loaded: readFileSync(list, 'utf8').split('\n') };
}

describe('a start of dist/simulate.js', () => {
  const NOT_LOADED = ['worker_threads', 'zlib', 'module', 'internal/modules/esm/loader', 'os', 'http', 'child_process'].map((name) => `NativeModule ${name}`);

  it.each([
    ['a create of one template, JSON', ['_shared/mixed.yml', '--format', 'json'], 1],
    ['a create of one template, text', ['_shared/compliant.yml'], 0],
    ['--help', ['--help'], 0],
  ])('%s loads none of the built-in modules only other runs use', (_case, args, status) => {
    const run = loadedBy(args);
    expect([run.status, run.stderr]).toEqual([status, '']);
    // The list is the real one: the loader's node:vm is in it.
    expect(run.loaded).toContain('NativeModule vm');
    expect(NOT_LOADED.filter((name) => run.loaded.includes(name))).toEqual([]);
  });

  it("a create still names its resources from SHA-256 (node:crypto is loaded where it is needed)", () => {
    const run = loadedBy(['_shared/mixed.yml', '--format', 'json']);
    expect(run.loaded).toContain('NativeModule crypto');
  });

  it('a many-template run on two threads loads worker_threads in its worker, which runs the units it is handed', () => {
    // With --jobs given, a worker is handed a unit as it starts. One that did not know itself for a worker would
    // print the command's usage on stderr and leave its unit to the main thread.
    const run = loadedBy(['_shared', '--jobs', '2', '--quiet']);
    expect([run.status, run.stderr]).toEqual([1, '']);
    expect(run.stdout).toMatch(/^Summary: 2 stacks from 2 inputs/m);
    expect(run.loaded).toContain('NativeModule worker_threads');
  });

  it('a many-template run of two small templates with the default --jobs starts no worker, nor asks the cores: the main thread is warm', () => {
    const run = loadedBy(['_shared', '--quiet']);
    expect([run.status, run.stderr]).toEqual([1, '']);
    expect(run.stdout).toMatch(/^Summary: 2 stacks from 2 inputs/m);
    expect(run.loaded).not.toContain('NativeModule worker_threads');
    expect(run.loaded).not.toContain('NativeModule os');
  });

  it('a long run with the default --jobs starts a worker once its first template shows the work left repays one', () => {
    // 40 templates of 200 queues each: ~25 ms a template on the development machine, so the 39 left are worth a
    // worker (150 ms of warm-up) by a wide margin. With one core there is no worker to start.
    const dir = mkdtempSync(join(tmpdir(), 'start-up-many-'));
    const queues = Array.from({ length: 200 }, (_, i) => `  Q${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/aws/sqs\n`).join('');
    for (let t = 0; t < 40; t += 1) writeFileSync(join(dir, `stack-${t}.yaml`), `Resources:\n${queues}`);
    const run = loadedBy(['.', '--quiet'], dir);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^Summary: 40 stacks from 40 inputs/m);
    expect(run.loaded.includes('NativeModule worker_threads')).toBe(availableParallelism() > 1);
  });

  it('a worker that cannot start leaves its unit to the main thread: the run ends as on one thread, never as a bug', () => {
    // A preload that throws in worker threads only (workers inherit it): the worker dies before it is ready.
    const dir = mkdtempSync(join(tmpdir(), 'start-up-dying-'));
    const preload = join(dir, 'die-in-workers.cjs');
    writeFileSync(preload, "if (!require('node:worker_threads').isMainThread) throw new Error('worker could not start');\n");
    const run = spawnSync(process.execPath, ['--require', preload, simulate, '_shared', '--jobs', '2', '--quiet'], { cwd: join(root, 'test', 'stacks'), encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.stderr).not.toMatch(/internal error|BUG/);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Summary: 2 stacks from 2 inputs/m);
  });

  it("the argument that marks a worker, typed on the command line, is the main thread's unknown option", () => {
    const run = loadedBy(['--mytesthook-simulate-worker', '_shared/compliant.yml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^simulate: Unknown option '--mytesthook-simulate-worker'/);
  });
});

describe("a Lambda hook module's own runtime, on the bundle a user runs", () => {
  // In process, a module's console.log went to the simulator's stdout, ahead of its JSON, SARIF or JUnit document.
  it.each(['json', 'sarif', 'junit'])('what the module prints is its log: --format %s stays whole; --handler-logs shows it on stderr', (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'module-runtime-'));
    writeFileSync(join(dir, 'x.js'), 'module.exports = { handler: async (e) => { console.log("checking", e.requestData.targetLogicalId); process.stdout.write("raw write\\n"); return { hookStatus: "SUCCESS", message: "ok", clientRequestToken: e.clientRequestToken }; } };\n');
    writeFileSync(
      join(dir, 'hooks.yaml'),
      'Resources:\n  Logs:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: Acme::Logs::Hook\n      LambdaFunction: ./x.js\n      ExecutionRole: arn:aws:iam::123456789012:role/hooks\n      FailureMode: FAIL\n      TargetOperations: [RESOURCE]\n',
    );
    const args = [join(root, 'test', 'stacks', '_shared', 'compliant.yml'), '--hooks', join(dir, 'hooks.yaml'), '--format', format];
    const quiet = spawnSync(process.execPath, [simulate, ...args], { cwd: dir, encoding: 'utf8' });
    expect(quiet.status).toBe(0);
    expect(quiet.stdout.trimStart()[0]).toBe(format === 'junit' ? '<' : '{');
    if (format !== 'junit') expect(() => JSON.parse(quiet.stdout) as unknown).not.toThrow();
    expect(quiet.stdout + quiet.stderr).not.toMatch(/checking|raw write/);
    const logged = spawnSync(process.execPath, [simulate, ...args, '--handler-logs'], { cwd: dir, encoding: 'utf8' });
    expect(logged.stdout).not.toMatch(/checking|raw write/);
    expect(logged.stderr).toMatch(/^handler: checking \w+$/m);
    expect(logged.stderr).toMatch(/^handler: raw write$/m);
  });
});
