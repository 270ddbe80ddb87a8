/**
 * The Guard runner's scratch folders (`$TMPDIR/mytesthook-guard-<pid>-XXXXXX`, which hold every judged resource's
 * resolved properties): a temporary folder that is missing, not a folder or full is the run's environment (exit 2,
 * naming TMPDIR), not a bug (it was exit 3); Ctrl-C and SIGTERM leave none behind; and a killed run's are removed by
 * the next run, as the packager's `.partial` files are.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cfnGuardForTests, describeWithCfnGuard } from '../../../support/cfn-guard';

const binary = cfnGuardForTests('Guard scratch folders');
const repoRoot = join(__dirname, '..', '..', '..', '..');
const GUARD_HOOKS = join(repoRoot, 'docs', 'examples', 'hooks', 'guard-hooks.yaml');
const BUCKETS = join(repoRoot, 'docs', 'examples', 'hooks', 'buckets.yml');
const scratch = mkdtempSync(join(tmpdir(), 'guard-scratch-'));

/** A fresh folder to serve as TMPDIR. */
function freshTmpdir(): string {
  return mkdtempSync(join(scratch, 'tmp-'));
}

const guardFolders = (dir: string): string[] => readdirSync(dir).filter((name) => name.startsWith('mytesthook-guard-'));

/**
 * Runs the `simulate` bundle with TMPDIR set to `tmp` (a child process: jest gives the tests a copy of the
 * environment, which node:os does not read), `ulimit -f <blocks>` first when a file size limit is asked for.
 */
function simulateWithTmpdir(tmp: string, argv: readonly string[], fileSizeBlocks?: number) {
  const command = [process.execPath, join(repoRoot, 'dist', 'simulate.js'), ...argv, '--cfn-guard', binary as string];
  const limit = fileSizeBlocks === undefined ? '' : `ulimit -f ${fileSizeBlocks}; `;
  const result = spawnSync('sh', ['-c', `${limit}exec "$0" "$@"`, ...command], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TMPDIR: tmp } });
  return { code: result.status, err: result.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { cwd: repoRoot, stdio: 'inherit' });
}, 120000);

describeWithCfnGuard(binary)('a temporary folder that cannot take cfn-guard\'s files', () => {
  it.each([
    ['missing', () => join(scratch, 'no-such-folder'), 'it does not exist; set TMPDIR to a folder that does'],
    [
      'a file',
      () => {
        writeFileSync(join(scratch, 'a-file'), '');
        return join(scratch, 'a-file');
      },
      'it is not a folder; set TMPDIR to one that is',
    ],
  ])('TMPDIR %s → exit 2 GUARD_TMPDIR_UNUSABLE naming it, not an internal error', (_what, tmp, why) => {
    const dir = tmp();
    const result = simulateWithTmpdir(dir, [BUCKETS, '--hooks', GUARD_HOOKS, '-q']);
    expect({ code: result.code, err: result.err }).toEqual({
      code: 2,
      err: `GUARD_TMPDIR_UNUSABLE the temporary folder ${dir} (TMPDIR, else /tmp) cannot take the files cfn-guard reads: ${why}\n`,
    });
  });

  it('a disk that refuses the input document (a file size limit of 0, as a full disk) → exit 2, the folder named, nothing left', () => {
    const tmp = freshTmpdir();
    const result = simulateWithTmpdir(tmp, [BUCKETS, '--hooks', GUARD_HOOKS, '-q'], 0);
    expect(result).toEqual({
      code: 2,
      err: `GUARD_TMPDIR_UNUSABLE the temporary folder ${tmp} (TMPDIR, else /tmp) cannot take the files cfn-guard reads: EFBIG (file too large); free space there or set TMPDIR to another folder\n`,
    });
    expect(guardFolders(tmp)).toEqual([]);
  });
});

describeWithCfnGuard(binary)('scratch folders left by a killed run', () => {
  it('the next run removes a dead run\'s folder (and what it holds), and keeps a running one\'s and any other name', () => {
    const tmp = freshTmpdir();
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
      const names = { dead: `mytesthook-guard-${deadPid}-aB3xYz`, running: `mytesthook-guard-${alive.pid as number}-aB3xYz`, older: 'mytesthook-guard-aB3xYz', other: 'mytesthook-guard-1-x' };
      for (const name of Object.values(names)) {
        mkdirSync(join(tmp, name, 'data-0'), { recursive: true });
        writeFileSync(join(tmp, name, 'data-0', 'input.json'), '{"resolved":"properties"}');
      }
      const result = simulateWithTmpdir(tmp, [BUCKETS, '--hooks', GUARD_HOOKS, '-q']);
      expect(result.code).toBe(1); // the example's LogsBucket fails the rules
      expect(Object.fromEntries(Object.entries(names).map(([what, name]) => [what, existsSync(join(tmp, name))]))).toEqual({ dead: false, running: true, older: true, other: true });
    } finally {
      alive.kill();
    }
  });
});

describeWithCfnGuard(binary)('Ctrl-C or SIGTERM during a Guard run', () => {
  let template: string;
  beforeAll(() => {
    template = join(scratch, 'many-buckets.yml');
    writeFileSync(template, `Resources:\n${Array.from({ length: 400 }, (_, i) => `  Bucket${i}:\n    Type: AWS::S3::Bucket\n`).join('')}`);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s while cfn-guard runs → the run ends by the signal, no scratch folder left', async (signal) => {
    const tmp = freshTmpdir();
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'simulate.js'), template, '--hooks', GUARD_HOOKS, '--cfn-guard', binary as string, '-q'], {
      cwd: repoRoot,
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', TMPDIR: tmp },
    });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, by) => resolve(by)));
    // Signalled as soon as a scratch folder exists: cfn-guard is then being given its files, or running.
    const deadline = Date.now() + 30000;
    while (guardFolders(tmp).length === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(guardFolders(tmp).length).toBeGreaterThan(0);
    child.kill(signal);
    expect(await ended).toBe(signal);
    expect(guardFolders(tmp)).toEqual([]);
  }, 60000);
});
