/**
 * Standard output that cannot be written (a full disk, /dev/full: ENOSPC): every command says so in one line on
 * standard error and exits 2, whatever its verdict would have been. Before, a CI step went green on an empty SARIF
 * file (exit 0, nothing said), or the command died with a Node stack trace (exit 1). The bundles are spawned with
 * their stdout opened on /dev/full, so the tests build them, as closed-pipe.test.ts does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const dist = (name: string) => join(repoRoot, 'dist', `${name}.js`);
const scratch = mkdtempSync(join(tmpdir(), 'output-errors-'));

/** A Beanstalk source bundle and an Amplify project, each with one hook that prints a line. */
function scriptProjects(): { beanstalk: string; amplify: string } {
  const beanstalk = join(scratch, 'eb');
  mkdirSync(join(beanstalk, '.platform', 'hooks', 'prebuild'), { recursive: true });
  writeFileSync(join(beanstalk, '.platform', 'hooks', 'prebuild', '01_say.sh'), '#!/bin/sh\necho prebuild ran\n', { mode: 0o755 });
  const amplify = join(scratch, 'amp');
  mkdirSync(join(amplify, 'amplify', 'hooks'), { recursive: true });
  mkdirSync(join(amplify, 'amplify', '.config'), { recursive: true });
  writeFileSync(join(amplify, 'amplify', 'hooks', 'pre-push.sh'), 'echo pre-push ran\n');
  return { beanstalk, amplify };
}

const projects = scriptProjects();

const COMMANDS: ReadonlyArray<readonly [what: string, command: string, argv: readonly string[]]> = [
  ['simulate, SARIF (a verdict of 0)', 'simulate', ['template.yml', '--failure-mode', 'WARN', '--format', 'sarif']],
  ['simulate, text', 'simulate', ['template.yml', '--failure-mode', 'WARN']],
  ['simulate <folder>', 'simulate', ['docs/examples/hooks', '--jobs', '1']],
  ['simulate cloudcontrol, JSON', 'simulate', ['cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--format', 'json']],
  ['simulate beanstalk', 'simulate', ['beanstalk', 'deploy', '--source', projects.beanstalk]],
  ['simulate amplify', 'simulate', ['amplify', 'push', '--project', projects.amplify]],
  ['validate, SARIF', 'validate', ['mycompany-testing-mytesthook.json', '--format', 'sarif']],
  ['ship package, JSON', 'ship', ['package', '--format', 'json', '--output', join(scratch, 'hook.zip')]],
  ['contract --help', 'contract', ['--help']],
];

describe('standard output on a full disk (/dev/full)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate,validate,ship,contract,handlers,handlers-aws-sdk'], { cwd: repoRoot, stdio: 'inherit' });
  }, 180000);

  it.each(COMMANDS)('%s → one line naming ENOSPC, exit 2, no stack trace', (_what, command, argv) => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [dist(command), ...argv], { cwd: repoRoot, stdio: ['ignore', full, 'pipe'], env: { PATH: process.env.PATH ?? '' }, timeout: 60000 });
      const stderr = result.stderr.toString();
      expect({ code: result.status, said: stderr.includes(`${command}: cannot write standard output: ENOSPC (no space left on device)\n`) }).toEqual({ code: 2, said: true });
      expect(stderr).not.toMatch(/ at .*\(node:|internal error/);
    } finally {
      closeSync(full);
    }
  });
});
