import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const simulate = join(repoRoot, 'dist', 'simulate.js');

// `simulate … | head` closes the pipe while output is still being written: no stack trace, no crash.
// The test needs the bundle, so it builds it (as `npm run simulate` does) instead of skipping without one.
describe('a reader that closes the pipe early', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { cwd: repoRoot, stdio: 'inherit' });
    expect(existsSync(simulate)).toBe(true);
  }, 120000);

  it('ends the command quietly', async () => {
    // Far more output than a pipe buffers (64 KiB), so the writer is still writing when the reader leaves.
    const buckets = Array.from({ length: 400 }, (_, i) => `  Bucket${i}:\n    Type: AWS::S3::Bucket\n`).join('');
    const template = join(mkdtempSync(join(tmpdir(), 'closed-pipe-')), 'many-buckets.yaml');
    writeFileSync(template, `Resources:\n${buckets}`);
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
});
