import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
});
