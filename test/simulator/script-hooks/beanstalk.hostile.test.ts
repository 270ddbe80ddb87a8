/**
 * Hostile hook folders for `simulate beanstalk`: entries that are not scripts, names that try to forge output,
 * scripts the platform would refuse, deadlines beyond what setTimeout holds, and scripts that misbehave.
 * Every case goes through main(argv, io) and asserts the exit code and what the user reads.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/script-hooks';

const env = { PATH: process.env.PATH };
const PREBUILD = '.platform/hooks/prebuild';

let scratch: string;
let counter = 0;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'beanstalk-hostile-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A source bundle; each entry is [relative path, body, mode] or a function that makes the entry itself. */
type Entry = [path: string, body: string, mode?: number] | ((root: string) => void);
function bundle(entries: readonly Entry[]): string {
  const root = join(scratch, `b${counter++}`);
  mkdirSync(join(root, PREBUILD), { recursive: true });
  for (const entry of entries) {
    if (typeof entry === 'function') {
      entry(root);
      continue;
    }
    const [path, body, mode = 0o755] = entry;
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), body);
    chmodSync(join(root, path), mode);
  }
  return root;
}

async function simulate(root: string, ...extra: string[]) {
  const io = memoryIo(root, env);
  const code = await main(['beanstalk', 'deploy', '--source', root, ...extra], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

async function simulateJson(root: string, ...extra: string[]) {
  const result = await simulate(root, '--format', 'json', ...extra);
  return { ...result, report: JSON.parse(result.out) as Report };
}

interface Report {
  operation: { outcome: string; verdict: string };
  invocations: Array<{ hook: string; outcome: string; exitCode: number | null; startError?: string; signal?: string; stdout: { text: string; totalBytes: number; truncated: boolean } }>;
  events: Array<{ severity: string; source: string; message: string }>;
  diagnostics: Array<{ code: string; file: string; line: number }>;
}

/** True when text holds a character that must never reach the output from a name: CR, ESC, the right-to-left override. */
const forges = (text: string): boolean => ['\r', '\u001b', '\u202e'].some((c) => text.includes(c));

const OK = '#!/bin/sh\necho ok\n';

/** True while a process runs; a zombie (dead, not yet reaped by a PID 1 that never reaps) counts as gone. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const mkfifo = (path: string) => (root: string) => execFileSync('mkfifo', [join(root, path)]);

describe('beanstalk: entries that are not scripts are refused before anything runs, never opened', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it.each<[string, Entry, string, RegExp]>([
    ['a FIFO', mkfifo(`${PREBUILD}/02_pipe.sh`), `${PREBUILD}/02_pipe.sh`, /EB_NOT_A_SCRIPT is a FIFO \(named pipe\), not a script/],
    ['a symlink to /dev/zero', (root) => symlinkSync('/dev/zero', join(root, PREBUILD, '02_zero.sh')), `${PREBUILD}/02_zero.sh`, /EB_NOT_A_SCRIPT is a character device/],
    ['a FIFO in a later folder', mkfifo('.platform/hooks/postdeploy/09_pipe.sh'), '.platform/hooks/postdeploy/09_pipe.sh', /EB_NOT_A_SCRIPT is a FIFO/],
  ])('%s → exit 2, located, nothing ran (even with --timeout 1)', async (_name, entry, file, message) => {
    const root = bundle([[`${PREBUILD}/01_first.sh`, '#!/bin/sh\necho must-not-run\n'], (r) => mkdirSync(join(r, '.platform/hooks/postdeploy'), { recursive: true }), entry]);
    const { code, out, err } = await simulate(root, '--timeout', '1');
    expect(code).toBe(2);
    expect(err).toContain(file);
    expect(err).toMatch(message);
    expect(out).not.toContain('must-not-run');
  });

  it('a socket among the hooks → exit 2', async () => {
    const root = bundle([]);
    // Unix socket paths are short: listen in a short temporary folder and link the socket in.
    const short = mkdtempSync(join(tmpdir(), 's'));
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(join(short, 's'), resolve));
    symlinkSync(join(short, 's'), join(root, PREBUILD, '01_socket.sh'));
    const { code, err } = await simulate(root);
    expect(code).toBe(2);
    expect(err).toMatch(/01_socket\.sh EB_NOT_A_SCRIPT is a socket/);
  });

  it.each([
    ['the hook folder itself is a FIFO', (root: string) => (rmSync(join(root, PREBUILD), { recursive: true }), execFileSync('mkfifo', [join(root, PREBUILD)]))],
    ['.platform/hooks is a symlink loop', (root: string) => (rmSync(join(root, '.platform/hooks'), { recursive: true }), symlinkSync('hooks', join(root, '.platform/hooks')))],
  ])('%s: treated as absent, no hang', async (_name, make) => {
    const root = bundle([make]);
    const { code, out } = await simulate(root, '--timeout', '2');
    expect(code).toBe(0);
    expect(out).toMatch(/SUCCEEDED beanstalk deploy: no hook scripts to run/);
  });

  it('a file name that is not UTF-8 → exit 2 with the bytes escaped', async () => {
    const root = bundle([]);
    const name = Buffer.concat([Buffer.from(join(root, PREBUILD) + '/01_caf'), Buffer.from([0xe9]), Buffer.from('.sh')]);
    writeFileSync(name, OK, { mode: 0o755 });
    const { code, err } = await simulate(root);
    expect(code).toBe(2);
    expect(err).toContain('01_caf\\xe9.sh EB_NAME_NOT_UTF8');
  });
});

describe('beanstalk: what exec does with what is there', () => {
  type Case = [name: string, entries: Entry[], outcome: 'SUCCEEDED' | 'FAILED', startError: string | undefined, engineError: RegExp | undefined];
  it.each<Case>([
    ['an executable script without a #! line', [[`${PREBUILD}/01_plain.sh`, 'echo ran through a shell\n']], 'FAILED', 'exec format error', /fork\/exec \.platform\/hooks\/prebuild\/01_plain\.sh: exec format error/],
    ['an empty executable file', [[`${PREBUILD}/01_empty.sh`, '']], 'FAILED', 'exec format error', /exec format error/],
    ['a #! line after a blank line', [[`${PREBUILD}/01_late.sh`, '\n#!/bin/sh\necho hi\n']], 'FAILED', 'exec format error', /exec format error/],
    ['a byte-order mark before the #! line', [[`${PREBUILD}/01_bom.sh`, '\ufeff#!/bin/sh\necho hi\n']], 'FAILED', 'exec format error', /exec format error/],
    ['an interpreter that does not exist', [[`${PREBUILD}/01_nope.sh`, '#!/bin/no-such-shell\necho hi\n']], 'FAILED', 'no such file or directory', /fork\/exec \.platform\/hooks\/prebuild\/01_nope\.sh: no such file or directory/],
    ['a native ELF binary', [(root) => copyFileSync('/bin/true', join(root, PREBUILD, '01_true'))], 'SUCCEEDED', undefined, undefined],
    ['a symlink loop', [(root) => (symlinkSync('02_b', join(root, PREBUILD, '01_a')), symlinkSync('01_a', join(root, PREBUILD, '02_b')))], 'FAILED', 'too many levels of symbolic links', /fork\/exec \.platform\/hooks\/prebuild\/01_a: too many levels of symbolic links/],
    ['a dangling symlink', [(root) => symlinkSync('nowhere.sh', join(root, PREBUILD, '01_gone.sh'))], 'FAILED', 'no such file or directory', /no such file or directory/],
    ['a symlink to an executable script', [[`real/run.sh`, OK], (root) => symlinkSync('../../../real/run.sh', join(root, PREBUILD, '01_link.sh'))], 'SUCCEEDED', undefined, undefined],
    ['a script that is not executable and has no #! line (the platform sets the bit, then exec fails)', [[`${PREBUILD}/01_both.sh`, 'echo hi\n', 0o644]], 'FAILED', 'exec format error', /exec format error/],
  ])('%s', async (_name, entries, outcome, startError, engineError) => {
    const { report } = await simulateJson(bundle(entries));
    expect(report.operation.outcome).toBe(outcome);
    expect(report.invocations[0]?.startError).toBe(startError);
    const error = report.events.find((e) => e.source === 'eb-engine.log' && e.severity === 'ERROR');
    if (engineError) expect(error?.message).toMatch(engineError);
    else expect(error).toBeUndefined();
  });

  it('says how to fix a script without a #! line', async () => {
    const { out } = await simulate(bundle([[`${PREBUILD}/01_plain.sh`, 'echo hi\n']]));
    expect(out).toContain('[simulator] warn: .platform/hooks/prebuild/01_plain.sh has no `#!` line');
    expect(out).not.toContain('ran through a shell');
  });
});

describe('beanstalk: every script is checked for CRLF, not only those that ran', () => {
  it.each([
    ['after the failing script, same folder', `${PREBUILD}/03_crlf.sh`],
    ['in a later folder', '.platform/hooks/postdeploy/01_crlf.sh'],
    ['in a later folder, CRLF on the #! line', '.platform/hooks/predeploy/01_crlf.sh'],
  ])('%s', async (_name, path) => {
    const root = bundle([
      [`${PREBUILD}/02_fail.sh`, '#!/bin/sh\nexit 3\n'],
      [path, path.includes('predeploy') ? '#!/bin/sh\r\necho hi\r\n' : '#!/bin/sh\necho hi\r\n'],
    ]);
    const { code, report } = await simulateJson(root);
    expect(code).toBe(1);
    expect(report.invocations.map((i) => i.hook)).toEqual(['02_fail.sh']);
    expect(report.diagnostics.map((d) => [d.code, d.file])).toEqual([['EB_CRLF', path]]);
  });
});

describe('beanstalk: names cannot forge output', () => {
  type NameCase = [what: string, name: string, shown: string];
  it.each<NameCase>([
    ['a newline', '01_x\n[ERROR] forged.sh', '"01_x\\n[ERROR] forged.sh"'],
    ['a carriage return', '01_x\r[ERROR] forged.sh', '"01_x\\r[ERROR] forged.sh"'],
    ['a terminal escape', '01_\u001b[2Jclear.sh', '"01_\\u001b[2Jclear.sh"'],
    ['a right-to-left override', '01_\u202egnp.sh', '"01_\\u202egnp.sh"'],
  ])('a hook named with %s is shown escaped, in text and in JSON messages', async (_what, name, shown) => {
    const root = bundle([[`${PREBUILD}/${name}`, '#!/bin/sh\necho failing >&2\nexit 1\n']]);
    const text = await simulate(root);
    expect(text.code).toBe(1);
    const lines = text.out.split('\n');
    expect(lines.some((l) => l.startsWith('[ERROR] forged'))).toBe(false);
    expect(forges(text.out)).toBe(false);
    expect(text.out).toContain(`Running platform hook: ${shown.slice(0, 1)}.platform/hooks/prebuild/${shown.slice(1)}`);
    const { report } = await simulateJson(root);
    for (const event of report.events) expect(event.message).not.toMatch(/\n/);
    for (const event of report.events) expect(forges(event.message)).toBe(false);
    // The data fields keep the real name.
    expect(report.invocations[0].hook).toBe(name);
  });

  it.each([
    ['unicode', '01_café_🚀.sh'],
    ['spaces', '01 with spaces.sh'],
    ['a leading dash', '-01_dash.sh'],
    ['shell metacharacters', '01_$(echo pwned)`id`;.sh'],
  ])('a hook named with %s runs and is shown as it is', async (_what, name) => {
    const root = bundle([[`${PREBUILD}/${name}`, '#!/bin/sh\necho "ran $0"\n']]);
    const { code, out } = await simulate(root);
    expect(code).toBe(0);
    expect(out).toContain(`Running platform hook: .platform/hooks/prebuild/${name}`);
    expect(out).toContain(`eb-hooks.log    | ran ${join(root, PREBUILD, name)}`);
    expect(out).not.toContain('pwned\n');
  });

  it('a CRLF diagnostic for a newline name stays on one line', async () => {
    const root = bundle([[`${PREBUILD}/01\nWARN.sh`, '#!/bin/sh\necho hi\r\n']]);
    const { out } = await simulate(root);
    expect(out.split('\n').filter((l) => l.includes('EB_CRLF'))).toEqual([expect.stringMatching(/^"\.platform\/hooks\/prebuild\/01\\nWARN\.sh":2:8 warning EB_CRLF /)]);
  });
});

describe('beanstalk: deadlines', () => {
  it.each([['2147484'], ['1e10'], ['2147483.648']])('--timeout %s means what it says: a 0.3 s script is not killed', async (timeout) => {
    const root = bundle([[`${PREBUILD}/01_nap.sh`, '#!/bin/sh\nsleep 0.3\necho awake\n']]);
    const { code, report } = await simulateJson(root, '--timeout', timeout);
    expect(code).toBe(0);
    expect(report.invocations.map((i) => [i.outcome, i.stdout.text])).toEqual([['SUCCEEDED', 'awake\n']]);
  });

  it('a timeout kills the children a script left behind, too', async () => {
    const pidFile = join(scratch, `child-${counter}.pid`);
    const root = bundle([[`${PREBUILD}/01_forks.sh`, `#!/bin/sh\nsleep 30 &\necho $! > ${pidFile}\nwait\n`]]);
    const { report } = await simulateJson(root, '--timeout', '0.5');
    expect(report.invocations[0].outcome).toBe('TIMED_OUT');
    const pid = Number(execFileSync('cat', [pidFile]).toString());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isRunning(pid)).toBe(false);
  });

  it('a script that exits but leaves a child holding its output is not waited for', async () => {
    const root = bundle([[`${PREBUILD}/01_daemon.sh`, '#!/bin/sh\n(sleep 20; echo late) &\necho started\nexit 0\n']]);
    const started = Date.now();
    const { code, report } = await simulateJson(root);
    expect(code).toBe(0);
    expect(report.invocations[0].stdout.text).toBe('started\n');
    expect(Date.now() - started).toBeLessThan(15000);
  });
});

describe('beanstalk: output a script should not produce', () => {
  it('5 MB on one line: streamed in bounded lines, the report keeps 64 KiB', async () => {
    const root = bundle([[`${PREBUILD}/01_line.sh`, "#!/bin/sh\nhead -c 5242880 /dev/zero | tr '\\0' 'y'\n"]]);
    const io = memoryIo(root, env);
    const code = await main(['beanstalk', 'deploy', '--source', root], io);
    expect(code).toBe(0);
    const longest = Math.max(...io.out.join('').split('\n').map((l) => l.length));
    expect(longest).toBeLessThanOrEqual(16 * 1024 + 32);
    const { report } = await simulateJson(root);
    expect(report.invocations[0].stdout.totalBytes).toBe(5242880);
    expect(report.invocations[0].stdout.truncated).toBe(true);
    expect(report.invocations[0].stdout.text.length).toBeLessThan(70 * 1024);
  });

  it('bytes that are not UTF-8 are counted exactly and shown as U+FFFD', async () => {
    const root = bundle([[`${PREBUILD}/01_bytes.sh`, "#!/bin/sh\nprintf 'a\\377\\376b\\n'\n"]]);
    const { code, report } = await simulateJson(root);
    expect(code).toBe(0);
    expect(report.invocations[0].stdout.totalBytes).toBe(5);
    expect(report.invocations[0].stdout.text).toBe('a\ufffd\ufffdb\n');
  });

  // The engine is Go: exec.ExitError prints `signal: ` and the name from Go's Linux signal table.
  it.each([
    ['KILL', 'SIGKILL', 'killed'],
    ['TERM', 'SIGTERM', 'terminated'],
    ['SEGV', 'SIGSEGV', 'segmentation fault'],
    ['HUP', 'SIGHUP', 'hangup'],
    ['USR1', 'SIGUSR1', 'user defined signal 1'],
    ['ABRT', 'SIGABRT', 'aborted'],
  ])('a script killed by SIG%s fails with the signal named as Go names it', async (name, signal, goName) => {
    const { code, report } = await simulateJson(bundle([[`${PREBUILD}/01_kill.sh`, `#!/bin/sh\necho before >&2\nkill -${name} $$\n`]]));
    expect(code).toBe(1);
    expect(report.invocations[0]).toMatchObject({ outcome: 'FAILED', exitCode: null, signal });
    expect(report.events.find((e) => e.source === 'eb-engine.log' && e.severity === 'ERROR')?.message).toMatch(
      new RegExp(`Command \\.platform/hooks/prebuild/01_kill\\.sh failed with error signal: ${goName}\\. Stderr:before$`),
    );
  });
});
