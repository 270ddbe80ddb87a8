import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoundedOutput, findCrlf, LinePrefixer, runScript } from '../../../simulator/script-hooks/engine';

const env = { PATH: process.env.PATH };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-engine-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string, mode = 0o755): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  chmodSync(path, mode);
  return path;
}

/** A killed process stays a zombie until its parent (here: init) reaps it; a zombie is not running. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    try {
      process.kill(pid, 0);
      return existsSync('/proc/self') ? false : true;
    } catch {
      return false;
    }
  }
}

describe('runScript', () => {
  it.each([
    ['success', 'exit 0', 0],
    ['a plain failure', 'exit 1', 1],
    ['an unusual status', 'exit 76', 76],
  ])('reports the exit status of %s', async (_label, body, expected) => {
    const result = await runScript({ command: 'sh', args: ['-c', body], cwd: dir, env });
    expect(result.exitCode).toBe(expected);
    expect(result.timedOut).toBe(false);
    expect(result.spawnError).toBeUndefined();
  });

  it('writes stdin, closes it, and streams stdout and stderr separately', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const result = await runScript({
      command: 'sh',
      args: ['-c', 'cat; echo " done"; echo oops >&2'],
      cwd: dir,
      env,
      stdin: '{"data":1}',
      onStdout: (t) => out.push(t),
      onStderr: (t) => err.push(t),
    });
    expect(result.exitCode).toBe(0);
    expect(out.join('')).toBe('{"data":1} done\n');
    expect(result.stdout.text).toBe('{"data":1} done\n');
    expect(err.join('')).toBe('oops\n');
    expect(result.stderr.text).toBe('oops\n');
  });

  it('survives a script that exits without reading a large stdin (EPIPE)', async () => {
    const result = await runScript({ command: 'sh', args: ['-c', 'exit 0'], cwd: dir, env, stdin: 'x'.repeat(4 * 1024 * 1024) });
    expect(result.exitCode).toBe(0);
  });

  it('gives a script without stdin the null device, so a read returns at once', async () => {
    const result = await runScript({ command: 'sh', args: ['-c', 'wc -c'], cwd: dir, env });
    expect(result.stdout.text.trim()).toBe('0');
  });

  it('runs in the requested directory with the given environment', async () => {
    const result = await runScript({ command: 'sh', args: ['-c', 'pwd; echo "$MARKER"'], cwd: dir, env: { ...env, MARKER: 'm-1' } });
    expect(result.stdout.text).toBe(`${dir}\nm-1\n`);
  });

  it('keeps a bounded part of 5 MB of output and counts every byte', async () => {
    const path = script('big.js', "const l = 'y'.repeat(1023) + '\\n'; for (let i = 0; i < 5 * 1024; i++) process.stdout.write(l); process.stdout.write('END\\n');");
    let streamed = 0;
    const result = await runScript({ command: process.execPath, args: [path], cwd: dir, env, keepBytes: 8192, onStdout: (t) => (streamed += t.length) });
    expect(result.exitCode).toBe(0);
    expect(streamed).toBe(5 * 1024 * 1024 + 4);
    expect(result.stdout.totalBytes).toBe(5 * 1024 * 1024 + 4);
    expect(result.stdout.truncated).toBe(true);
    expect(result.stdout.text.length).toBeLessThan(8192 + 100);
    expect(result.stdout.text.endsWith('END\n')).toBe(true);
    expect(result.stdout.text).toMatch(/bytes not kept by the simulator/);
  });

  it('kills the whole process group when the deadline passes', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const path = script('slow.sh', `#!/bin/sh\nsleep 60 &\necho $! > ${pidFile}\nwait\n`);
    const result = await runScript({ command: path, args: [], cwd: dir, env, timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    // The group got SIGTERM; give the kernel a moment to reap the orphan.
    for (let i = 0; i < 50 && isRunning(grandchild); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isRunning(grandchild)).toBe(false);
  });

  it.each([
    ['a missing program', () => join(dir, 'does-not-exist'), 'ENOENT'],
    ['a file without an execute bit', () => script('noexec.sh', '#!/bin/sh\necho hi\n', 0o644), 'EACCES'],
    ['a CRLF interpreter line', () => script('crlf.sh', '#!/bin/sh\r\necho hi\r\n'), 'ENOENT'],
  ])('reports %s as a start error, not an exception', async (_label, make, code) => {
    const result = await runScript({ command: make(), args: [], cwd: dir, env });
    expect(result.spawnError?.code).toBe(code);
    expect(result.exitCode).toBeNull();
  });
});

describe('BoundedOutput', () => {
  it.each([
    ['under the limit', ['abc', 'def'], 10, 'abcdef', false],
    ['exactly the limit', ['abcde', 'fghij'], 10, 'abcdefghij', false],
    ['over the limit, head and tail kept', ['abcde', 'fghij', 'klmno'], 10, 'abcde\n[… 5 bytes not kept by the simulator …]\nklmno', true],
    ['many small chunks', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 4, 'ab\n[… 4 bytes not kept by the simulator …]\ngh', true],
  ])('%s', (_label, chunks, keep, text, truncated) => {
    const out = new BoundedOutput(keep);
    for (const c of chunks) out.push(Buffer.from(c));
    expect(out.result()).toEqual({ text, totalBytes: chunks.join('').length, truncated });
  });
});

describe('LinePrefixer', () => {
  it.each([
    ['whole lines', ['a\nb\n'], 'p a\np b\n'],
    ['a line split across chunks', ['he', 'llo\nwor', 'ld\n'], 'p hello\np world\n'],
    ['an unterminated last line', ['x\ny'], 'p x\np y\n'],
  ])('%s', (_label, chunks, expected) => {
    const written: string[] = [];
    const prefixer = new LinePrefixer('p ', (t) => written.push(t));
    for (const c of chunks) prefixer.push(c);
    prefixer.end();
    expect(written.join('')).toBe(expected);
  });

  it('flushes a very long line without a newline instead of buffering it all', () => {
    const written: string[] = [];
    const prefixer = new LinePrefixer('', (t) => written.push(t));
    prefixer.push('z'.repeat(40 * 1024));
    expect(written.join('').length).toBeGreaterThan(0);
  });
});

describe('findCrlf', () => {
  it.each([
    ['LF only', '#!/bin/sh\necho hi\n', undefined],
    ['CRLF in the interpreter line', '#!/bin/bash\r\necho hi\r\n', { line: 1, column: 12, inShebang: true, interpreter: '/bin/bash\r' }],
    ['CRLF later on', '#!/bin/sh\necho hi\r\n', { line: 2, column: 8, inShebang: false }],
    ['a binary file', '\0\0\r\n', undefined],
  ])('%s', (_label, text, expected) => {
    expect(findCrlf(text)).toEqual(expected);
  });
});
