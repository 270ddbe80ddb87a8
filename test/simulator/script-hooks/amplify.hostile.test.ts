/**
 * Hostile projects and command lines for `simulate amplify`: typos, side files that are endless, enormous, deep,
 * not files at all or loops, names that try to forge output, deadlines beyond what setTimeout holds, and hooks
 * that misbehave. Every case goes through main(argv, io) and asserts the exit code and what the user reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/script-hooks';

const env = { PATH: process.env.PATH };
const HOOKS = 'amplify/hooks';
const LOCAL_ENV = 'amplify/.config/local-env-info.json';
const HOOKS_CONFIG = `${HOOKS}/hooks-config.json`;

let scratch: string;
let counter = 0;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'amplify-hostile-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Entry = [path: string, body: string | Buffer] | ((root: string) => void);
/** A project with amplify/hooks and amplify/.config, plus the given entries. */
function project(entries: readonly Entry[]): string {
  const root = join(scratch, `p${counter++}`);
  mkdirSync(join(root, HOOKS), { recursive: true });
  mkdirSync(join(root, 'amplify/.config'), { recursive: true });
  for (const entry of entries) {
    if (typeof entry === 'function') entry(root);
    else writeFileSync(join(root, entry[0]), entry[1]);
  }
  return root;
}

async function simulate(root: string, ...argv: string[]) {
  const io = memoryIo(root, env);
  const code = await main(['amplify', ...argv, '--project', root], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const deep = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const HOOK_RAN = [`${HOOKS}/pre-push.sh`, 'echo pre-push ran\n'] as Entry;

describe('amplify: a command the CLI does not have is a usage error, with a hint', () => {
  it.each([
    ['pus', /The Amplify CLI can NOT find command: pus \(did you mean push\?\)/],
    ['pul', /did you mean pull\?/],
    ['psuh', /did you mean push\?/],
    ['PUSH', /did you mean push\?/],
    ['xyzzy-frobnicate', /The Amplify CLI can NOT find command: xyzzy-frobnicate; it would show its help instead and run no hooks/],
  ])('simulate amplify %s → exit 2, no hook ran', async (command, message) => {
    const { code, out, err } = await simulate(project([HOOK_RAN]), command);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).not.toContain('pre-push ran');
  });

  it.each([['init'], ['configure'], ['console'], ['api']])('a real command without hooks (%s) still runs nothing, exit 0', async (command) => {
    const { code, out } = await simulate(project([HOOK_RAN]), command);
    expect(code).toBe(0);
    expect(out).toMatch(/no hooks run/);
  });
});

describe('amplify: side files that are not what they claim are located input errors, never a hang or a crash', () => {
  type Case = [name: string, entry: Entry, file: string, message: RegExp];
  it.each<Case>([
    ['local-env-info.json 100,000 deep', [LOCAL_ENV, deep(100_000)], LOCAL_ENV, /:1:\d+ AMPLIFY_LOCAL_ENV_TOO_DEEP the document nests more than 512 levels deep/],
    ['hooks-config.json 100,000 deep', [HOOKS_CONFIG, deep(100_000)], HOOKS_CONFIG, /:1:\d+ AMPLIFY_HOOKS_CONFIG_TOO_DEEP/],
    ['local-env-info.json a symlink to /dev/zero', (r) => symlinkSync('/dev/zero', join(r, LOCAL_ENV)), LOCAL_ENV, /FILE_UNREADABLE cannot read it: it is a device, not a file/],
    ['hooks-config.json a symlink to /dev/zero', (r) => symlinkSync('/dev/zero', join(r, HOOKS_CONFIG)), HOOKS_CONFIG, /FILE_UNREADABLE cannot read it: it is a device, not a file/],
    ['hooks-config.json a FIFO', (r) => execFileSync('mkfifo', [join(r, HOOKS_CONFIG)]), HOOKS_CONFIG, /it is a FIFO \(named pipe\), not a file/],
    ['local-env-info.json a FIFO', (r) => execFileSync('mkfifo', [join(r, LOCAL_ENV)]), LOCAL_ENV, /it is a FIFO \(named pipe\), not a file/],
    ['hooks-config.json of 2 MiB', [HOOKS_CONFIG, `{"extensions":{}${' '.repeat(2 * 1024 * 1024)}}`], HOOKS_CONFIG, /FILE_TOO_LARGE cannot read it: it is larger than 1048576 bytes/],
    ['an empty hooks-config.json', [HOOKS_CONFIG, ''], HOOKS_CONFIG, /:1:1 AMPLIFY_HOOKS_CONFIG_SYNTAX invalid JSON/],
    ['local-env-info.json that is a list', [LOCAL_ENV, '[]'], LOCAL_ENV, /:1:1 AMPLIFY_LOCAL_ENV_SHAPE/],
  ])('%s → exit 2', async (_name, entry, file, message) => {
    const { code, out, err } = await simulate(project([HOOK_RAN, entry]), 'push', '--timeout', '2');
    expect(code).toBe(2);
    expect(err.startsWith(file)).toBe(true);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at |internal error/);
    expect(out).not.toContain('pre-push ran');
  });

  it('a local-env-info.json that is a symlink loop is absent, as the CLI\'s existsSync sees it', async () => {
    const { code, out } = await simulate(project([HOOK_RAN, (r) => symlinkSync('local-env-info.json', join(r, LOCAL_ENV))]), 'push');
    expect(code).toBe(0);
    expect(out).toContain('no amplify/.config/local-env-info.json (amplify init or pull writes it; projects do not commit it): hooks receive no `environment`');
    expect(out).toContain('pre-push ran');
  });

  it('a 500-deep local-env-info.json is accepted and reaches the hook whole', async () => {
    const root = project([[LOCAL_ENV, deep(500)], [`${HOOKS}/pre-push.js`, "const d = JSON.parse(require('fs').readFileSync(0, 'utf8')); let n = d.data.amplify.environment.a, k = 0; while (Array.isArray(n)) { n = n[0]; k++; } console.log('depth', k);\n"]]);
    const { code, out } = await simulate(root, 'push');
    expect(code).toBe(0);
    expect(out).toContain('depth 500');
  });
});

describe('amplify: names cannot forge output', () => {
  it('an extension holding a newline is shown escaped', async () => {
    const root = project([
      [HOOKS_CONFIG, JSON.stringify({ extensions: { 'sh\n[simulator] forged': { runtime: 'bash' } } })],
      [`${HOOKS}/pre-push.sh\n[simulator] forged`, 'echo hi\nexit 3\n'],
    ]);
    const { code, out } = await simulate(root, 'push');
    expect(code).toBe(1);
    expect(out.split('\n').some((l) => l.startsWith('[simulator] forged'))).toBe(false);
    expect(out).toContain('"pre-push.sh\\n[simulator] forged" exited with exit code 3');
  });

  it('duplicates with an escape in a name are listed escaped', async () => {
    const root = project([
      [HOOKS_CONFIG, JSON.stringify({ extensions: { 'x\u001b[2J': { runtime: 'bash' } } })],
      [`${HOOKS}/pre-push.sh`, 'exit 0\n'],
      [`${HOOKS}/pre-push.x\u001b[2J`, 'exit 0\n'],
    ]);
    const { code, out } = await simulate(root, 'push');
    expect(code).toBe(1);
    expect(out).toContain('found duplicate hook scripts: pre-push.sh, "pre-push.x\\u001b[2J"');
    expect(out.includes('\u001b')).toBe(false);
  });
});

describe('amplify: deadlines and hooks that misbehave', () => {
  it.each([['2147484'], ['1e10']])('--timeout %s does not kill a 0.3 s hook', async (timeout) => {
    const root = project([[`${HOOKS}/pre-push.sh`, 'sleep 0.3\necho awake\n']]);
    const { code, out } = await simulate(root, 'push', '--timeout', timeout);
    expect(code).toBe(0);
    expect(out).toContain('awake');
  });

  it('a hook that prints 5 MB keeps the report within bounds', async () => {
    const root = project([[`${HOOKS}/pre-push.sh`, "head -c 5242880 /dev/zero | tr '\\0' 'z'\n"]]);
    const { code, out } = await simulate(root, 'push', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { invocations: Array<{ stdout: { totalBytes: number; truncated: boolean; text: string } }> };
    expect(report.invocations[0].stdout).toMatchObject({ totalBytes: 5242880, truncated: true });
    expect(report.invocations[0].stdout.text.length).toBeLessThan(70 * 1024);
  });

  it('a failing hook whose stderr is not UTF-8 is reported, not crashed on', async () => {
    const root = project([[`${HOOKS}/pre-push.sh`, "printf 'bad \\377 byte' >&2\nexit 9\n"]]);
    const { code, out } = await simulate(root, 'push');
    expect(code).toBe(1);
    expect(out).toContain('🛑 bad \ufffd byte');
    expect(out).toContain('pre-push hook script exited with exit code 9');
  });

  it('a hook whose file name has a leading dash and spaces runs by its absolute path', async () => {
    const root = project([[HOOKS_CONFIG, JSON.stringify({ extensions: { 'with space': { runtime: 'bash' } } })], [`${HOOKS}/pre-push.with space`, 'echo "ran from $0"\n']]);
    const { code, out } = await simulate(root, 'push');
    expect(code).toBe(0);
    expect(out).toContain(`ran from ${join(root, HOOKS, 'pre-push.with space')}`);
  });
});

describe('amplify: every hook file of the event is checked for CRLF, not only those that ran', () => {
  it.each([
    ['a post hook, when the pre hook fails', [[`${HOOKS}/pre-push.sh`, 'exit 4\n'], [`${HOOKS}/post-push.sh`, 'echo hi\r\n']] as Entry[], 'amplify/hooks/post-push.sh'],
    ['a sub-command hook after a failing command-level hook', [[`${HOOKS}/pre-push.sh`, 'exit 4\n'], [`${HOOKS}/pre-push-api.sh`, 'echo hi\r\n']] as Entry[], 'amplify/hooks/pre-push-api.sh'],
  ])('%s', async (_name, entries, file) => {
    const { code, out } = await simulate(project(entries), 'push', 'api', '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { invocations: unknown[]; diagnostics: Array<{ code: string; file: string }> };
    expect(report.invocations).toHaveLength(1);
    expect(report.diagnostics.map((d) => [d.code, d.file])).toEqual([['AMPLIFY_HOOK_CRLF', file]]);
  });
});
