import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const simulate = join(repoRoot, 'dist', 'simulate.js');

// `simulate … | head` closes the pipe while output is still being written: no stack trace, no crash. A slow reader
// gets every byte: the command exits itself (it does not wait for Node to tear the heap down), but only once its
// output is written. The tests need the bundle, so they build it (as `npm run simulate` does) instead of skipping.
describe('the command writing into a pipe', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { cwd: repoRoot, stdio: 'inherit' });
    expect(existsSync(simulate)).toBe(true);
  }, 120000);

  /** Far more output than a pipe buffers (64 KiB), so the writer is still writing when the reader stops or leaves. */
  function manyBuckets(): string {
    const buckets = Array.from({ length: 400 }, (_, i) => `  Bucket${i}:\n    Type: AWS::S3::Bucket\n`).join('');
    const template = join(mkdtempSync(join(tmpdir(), 'closed-pipe-')), 'many-buckets.yaml');
    writeFileSync(template, `Resources:\n${buckets}`);
    return template;
  }

  it('ends the command quietly when the reader closes the pipe early', async () => {
    const template = manyBuckets();
    const child = spawn(process.execPath, [simulate, template, '--failure-mode', 'WARN', '--format', 'json'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error:|at .*\(node:/);
    expect(code).not.toBe(3);
    expect(code).not.toBeNull();
  });

  it('keeps the verdict when the reader leaves after it was decided: a blocked create is exit 1, not a pass', async () => {
    // Under FAIL with --keep-going every bucket is judged and blocks: 400 invocations of JSON, far past the pipe's buffer.
    const child = spawn(process.execPath, [simulate, manyBuckets(), '--keep-going', '--format', 'json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  });

  it('stops a many-templates run when the reader closes the pipe, instead of simulating every other template first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'closed-pipe-many-'));
    for (let i = 0; i < 40; i += 1) writeFileSync(join(dir, `stack-${String(i).padStart(2, '0')}.yaml`), `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n`);
    const child = spawn(process.execPath, [simulate, dir, '--jobs', '1', '--progress', '--failure-mode', 'WARN'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // --progress prints a line per simulated template: the run ended long before the 40th. No verdict was reached, so
    // the exit is the one a program killed by SIGPIPE leaves (141), never 0: `set -o pipefail` must not pass the gate.
    const simulated = stderr.match(/^\[\d+\/40\] simulated$/gm) ?? [];
    expect({ code, stopped: simulated.length < 20 }).toEqual({ code: 141, stopped: true });
  });

  it('takes a running hook script down with it when the reader closes the pipe, instead of orphaning it', async () => {
    const source = mkdtempSync(join(tmpdir(), 'closed-pipe-hook-'));
    const hooks = join(source, '.platform', 'hooks', 'prebuild');
    mkdirSync(hooks, { recursive: true });
    const ran = join(source, 'still-ran');
    // It writes again after the reader has gone (the relayed line meets the closed pipe), then goes on working.
    writeFileSync(join(hooks, '01_slow.sh'), `#!/bin/sh\necho started\nsleep 0.5\necho again\nsleep 1.5\ntouch '${ran}'\n`, { mode: 0o755 });
    const child = spawn(process.execPath, [simulate, 'beanstalk', 'deploy', '--source', source], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close once the script has started (its output is relayed): the simulator then ends while the script sleeps.
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('started')) child.stdout.destroy();
    });
    await new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(existsSync(ran)).toBe(false);
  });

  it('gives a reader that waits before reading the whole output, then exit 0 (WARN blocks nothing)', async () => {
    const child = spawn(process.execPath, [simulate, manyBuckets(), '--failure-mode', 'WARN', '--format', 'json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    const chunks: Buffer[] = [];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const output = Buffer.concat(chunks).toString('utf8');
    expect(output.length).toBeGreaterThan(256 * 1024);
    expect((JSON.parse(output) as { invocations: unknown[] }).invocations).toHaveLength(400);
    expect(code).toBe(0);
  });

  it('gives a reader of stderr that waits before reading all that a Lambda hook module logged (--handler-logs), relayed from its own runtime', async () => {
    // The command exits itself once its output is written: every line the hook's code wrote must be out too.
    const dir = mkdtempSync(join(tmpdir(), 'stderr-hook-'));
    writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n');
    writeFileSync(join(dir, 'noisy-hook.js'), `exports.handler = async () => { process.stderr.write('${'x'.repeat(63)}\\n'.repeat(8192)); return { hookStatus: 'SUCCESS' }; };\n`);
    writeFileSync(
      join(dir, 'hooks.yaml'),
      'Resources:\n  Noisy:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: MyCompany::Test::Noisy\n      LambdaFunction: ./noisy-hook.js\n      ExecutionRole: arn:aws:iam::123456789012:role/hook\n      FailureMode: FAIL\n      TargetOperations: [RESOURCE]\n',
    );
    const child = spawn(process.execPath, [simulate, 'template.yaml', '--hooks', 'hooks.yaml', '--format', 'json', '--handler-logs'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stderr.pause();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const chunks: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.resume();
    const code = await closed;
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`handler: ${'x'.repeat(63)}\n`.repeat(8192));
    expect(code).toBe(0);
  });
});
