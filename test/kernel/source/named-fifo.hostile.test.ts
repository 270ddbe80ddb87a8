/**
 * A FIFO (or a device) named as any file input of any command is refused before it is opened, with a located error,
 * never a silent wait for a writer that never comes. The kernel's one bounded reader decides this for every caller;
 * this table proves it through each command's own options, end to end. Each row runs the command in a child process
 * with a deadline: a regression fails the row ("finished: false") instead of hanging Jest.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const repoRoot = join(__dirname, '..', '..', '..');
const COMMANDS = { simulate: 'simulator/cli/bin.ts', validate: 'src/schema/bin.ts', ship: 'src/ship/bin.ts', contract: 'src/contract/bin.ts' } as const;
type Command = keyof typeof COMMANDS;
const QUEUE = 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/jobs\n';
const CONFIG = '{"CloudFormationConfiguration": {"HookConfiguration": {"HookInvocationStatus": "ENABLED", "FailureMode": "FAIL", "TargetStacks": "ALL"}}}';
/** What a row may take at most; a command that waits on the FIFO is killed here and the row fails. */
const DEADLINE_MS = 15_000;

let dir: string;
let bundles: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'named-fifo-'));
  bundles = mkdtempSync(join(tmpdir(), 'named-fifo-bundles-'));
  // Each command bundled once from its sources (not dist/, which may be stale), its packages left to node_modules.
  for (const [name, source] of Object.entries(COMMANDS)) {
    buildSync({ entryPoints: [join(repoRoot, source)], bundle: true, platform: 'node', target: 'node20', packages: 'external', loader: { '.yaml': 'text' }, outfile: join(bundles, `${name}.js`), logLevel: 'silent' });
  }
  // simulate reads the resource-type catalogue the build writes beside its bundle.
  copyFileSync(join(repoRoot, 'dist', 'resource-catalog.txt'), join(bundles, 'resource-catalog.txt'));
  writeFileSync(join(dir, 'queue.yml'), QUEUE);
  copyFileSync(join(repoRoot, 'mycompany-testing-mytesthook.json'), join(dir, 'schema.json'));
  mkdirSync(join(dir, 'inputs'));
  spawnSync('mkfifo', [join(dir, 'fifo.yml')]);
  symlinkSync('/dev/zero', join(dir, 'zero.json'));
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

function run(command: Command, argv: readonly string[], shell?: string) {
  const env = { PATH: process.env.PATH ?? '', HOME: dir, NODE_PATH: join(repoRoot, 'node_modules') };
  const node = [process.execPath, join(bundles, `${command}.js`)];
  const child = shell
    ? spawnSync('bash', ['-c', `${node.map((a) => JSON.stringify(a)).join(' ')} ${shell}`], { cwd: dir, encoding: 'utf8', timeout: DEADLINE_MS, env })
    : spawnSync(node[0]!, [node[1]!, ...argv], { cwd: dir, encoding: 'utf8', timeout: DEADLINE_MS, env });
  return { finished: child.signal === null, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

// Each command's own shape (`fifo.yml CODE cannot read …` or `contract: /…/fifo.yml: cannot read …`), one reason.
const FIFO = /fifo\.yml:? .*cannot read .*: it is a FIFO \(named pipe\), not a file$/m;

describe('a FIFO named as a file input is refused before it is opened, in every command', () => {
  it.each<[Command, string[]]>([
    ['simulate', ['fifo.yml']],
    ['simulate', ['fifo.yml', '--skip-non-templates']],
    ['simulate', ['queue.yml', '--hooks', 'fifo.yml']],
    ['simulate', ['queue.yml', '--config', 'fifo.yml']],
    ['simulate', ['queue.yml', '--operation', 'update', '--previous', 'fifo.yml']],
    ['simulate', ['queue.yml', '--operation', 'delete', '--account', 'fifo.yml']],
    ['simulate', ['queue.yml', '--exports', 'fifo.yml']],
    ['simulate', ['queue.yml', '--ssm', 'fifo.yml']],
    ['simulate', ['queue.yml', '--parameters-file', 'fifo.yml']],
    ['simulate', ['queue.yml', '--operation', 'update', '--previous', 'queue.yml', '--previous-parameters-file', 'fifo.yml']],
    ['simulate', ['cloudcontrol', 'create', '--type-name', 'AWS::SQS::Queue', '--desired-state', 'fifo.yml']],
    ['simulate', ['cloudcontrol', 'update', '--type-name', 'AWS::SQS::Queue', '--identifier', 'q', '--previous-state', 'fifo.yml', '--desired-state', '{}']],
    ['simulate', ['cloudcontrol', 'update', '--type-name', 'AWS::SQS::Queue', '--identifier', 'q', '--previous-state', '{}', '--patch-document', 'fifo.yml']],
    ['simulate', ['cloudcontrol', 'create', '--type-name', 'AWS::SQS::Queue', '--desired-state', '{}', '--config', 'fifo.yml']],
    ['validate', ['fifo.yml']],
    ['validate', ['schema.json', '--config', 'fifo.yml']],
    ['ship', ['configure', '--root', repoRoot, '--config', 'fifo.yml']],
    ['contract', ['--schema', 'fifo.yml']],
    ['contract', ['--schema', 'schema.json', '--typeconfig', 'fifo.yml']],
  ])('%s %s', (command, argv) => {
    const result = run(command, argv);
    expect({ finished: result.finished, status: result.status }).toEqual({ finished: true, status: 2 });
    expect(result.stderr).toMatch(FIFO);
  });
});

describe('a device is refused the same way, by name or through a symlink', () => {
  it.each<[Command, string[], RegExp]>([
    ['simulate', ['queue.yml', '--config', 'zero.json'], /^zero\.json FILE_UNREADABLE cannot read the hook configuration: it is a device, not a file$/m],
    ['simulate', ['/dev/zero'], /^\/dev\/zero TPL_UNREADABLE cannot read the template: it is a device, not a file$/m],
    ['validate', ['schema.json', '--config', '/dev/zero'], /\/dev\/zero.* it is a device, not a file/],
    ['contract', ['--schema', '/dev/zero'], /\/dev\/zero.* it is a device, not a file/],
  ])('%s %s', (command, argv, message) => {
    const result = run(command, argv);
    expect({ finished: result.finished, status: result.status }).toEqual({ finished: true, status: 2 });
    expect(result.stderr).toMatch(message);
  });
});

describe('a pipe the shell hands over stays readable: `<(…)`, /dev/stdin and `-`', () => {
  it.each<[Command, string]>([
    ['simulate', '<(cat queue.yml) --quiet'],
    ['simulate', '/dev/stdin --quiet < <(cat queue.yml)'],
    ['simulate', '- --quiet < <(cat queue.yml)'],
    ['simulate', `queue.yml --quiet --config <(echo '${CONFIG}')`],
    ['validate', '<(cat schema.json)'],
    // Many templates: the run's read-ahead (is it a template? what does it nest?) must leave the pipe whole.
    ['simulate', '<(cat queue.yml) queue.yml --quiet'],
    ['simulate', '<(cat queue.yml) --skip-non-templates --quiet'],
  ])('%s %s', (command, shell) => {
    const result = run(command, [], shell);
    expect({ finished: result.finished, status: result.status, stderr: result.stderr }).toEqual({ finished: true, status: 0, stderr: '' });
  });

  // Its size is unknown until read to its end: the message says "more than" the bound it was read to.
  it.each<[string, RegExp]>([
    ['<(yes) --quiet', /^\/dev\/fd\/\d+:\d+:\d+ TPL_TOO_LARGE Template may not exceed 1000000 bytes in size\. \(this template is more than 1000000 bytes;/m],
    ['<(yes) --quiet --no-limits', /^\/dev\/fd\/\d+:\d+:\d+ TPL_TOO_LARGE the template is more than 33554432 bytes; even with --no-limits the simulator reads at most 33554432 bytes$/m],
  ])('and is read with the bound: simulate %s ends in an error, not in exhausted memory', (shell, message) => {
    const result = run('simulate', [], shell);
    expect({ finished: result.finished, status: result.status }).toEqual({ finished: true, status: 2 });
    expect(result.stderr).toMatch(message);
  });
});
