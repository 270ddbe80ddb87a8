/**
 * Hostile command lines and side files for `simulate`, end to end through `main(argv, io)` (and, where only the
 * real process can show it — standard input, a file name that is not UTF-8, npm's own argument parsing — through
 * the built `dist/simulate.js`). Every case must end in exit 2 with a message that says where and what, never exit 3,
 * never a stack trace, never a hang.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_USAGE, memoryIo } from '../../../src/kernel/cli';
import { DEFAULT_READ_LIMIT_BYTES } from '../../../src/kernel/source';
import { main } from '../../../simulator/cli';

const repoRoot = join(__dirname, '..', '..', '..');
const COMPLIANT_QUEUE = 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/jobs\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'simulate-options-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write('queue.yml', COMPLIANT_QUEUE);
  write('empty.yml', '');
  write('config.json', '{"CloudFormationConfiguration": {"HookConfiguration": {"HookInvocationStatus": "ENABLED", "FailureMode": "FAIL", "TargetStacks": "ALL"}}}');
  mkdirSync(join(dir, 'folder'));
  symlinkSync('/dev/zero', join(dir, 'zero.yml'));
  symlinkSync('/dev/zero', join(dir, 'zero.json'));
  // Past every bound without taking the space: sparse files of NUL bytes, as /dev/zero was read.
  for (const [name, size] of [['big.json', DEFAULT_READ_LIMIT_BYTES + 1], ['big.yml', 33_554_433]] as const) {
    write(name, '');
    truncateSync(join(dir, name), size);
  }
  symlinkSync(join(dir, 'gone.yml'), join(dir, 'dangling.yml'));
  symlinkSync(join(dir, 'loop-b.yml'), join(dir, 'loop-a.yml'));
  symlinkSync(join(dir, 'loop-a.yml'), join(dir, 'loop-b.yml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function simulate(argv: readonly string[], env: Record<string, string> = {}) {
  const io = memoryIo(dir, env);
  const code = await main([...argv], io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** The common verdict: exit 2, the expected message, no stack trace, no "internal error", nothing on stdout. */
function expectRefused(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: EXIT_USAGE, stdout: '' });
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(result.stderr).not.toMatch(/internal error \(this is a bug/);
}

const DEVICE = /FILE_UNREADABLE cannot read the .+: it is a device, not a file$/m;
const TOO_LARGE = new RegExp(`FILE_TOO_LARGE cannot read the .+: it is larger than ${DEFAULT_READ_LIMIT_BYTES} bytes`);

describe('simulate: hostile command lines end in exit 2 with a message naming the flag or file', () => {
  it.each<[string, string[], RegExp]>([
    // Unknown or malformed values.
    ['--format unknown', ['queue.yml', '--format', 'yaml'], /--format must be text, json, sarif or junit, got "yaml"/],
    ['--operation unknown', ['queue.yml', '--operation', 'import'], /--operation must be create, update, delete or change-set, got "import"/],
    ['--failure-mode in lower case', ['queue.yml', '--failure-mode', 'warn'], /--failure-mode must be FAIL or WARN, got "warn"/],
    ['--region in capitals', ['queue.yml', '--region', 'US-EAST-1'], /--region must be a region name such as us-east-1, got "US-EAST-1"/],
    ['--region empty', ['queue.yml', '--region', ''], /--region must be a region name/],
    ['--account-id of 13 digits', ['queue.yml', '--account-id', '1234567890123'], /--account-id must be 12 digits/],
    ['--account-id empty', ['queue.yml', '--account-id', ''], /--account-id must be 12 digits, got ""/],
    ['--stack-name empty', ['queue.yml', '--stack-name', ''], /--stack-name "" is not a valid stack name/],
    ['--stack-name of 129 characters', ['queue.yml', '--stack-name', `a${'b'.repeat(128)}`], /is not a valid stack name .*at most 128/],
    ['--hook-timeout 0', ['queue.yml', '--hook-timeout', '0'], /--hook-timeout must be a positive whole number of milliseconds/],
    ['--hook-timeout in exponent notation', ['queue.yml', '--hook-timeout', '1e3'], /--hook-timeout must be a positive whole number/],
    ['--hook-timeout of 16 digits', ['queue.yml', '--hook-timeout', '1'.repeat(16)], /at most 15 digits/],
    ['--hook-timeout negative (looks like an option)', ['queue.yml', '--hook-timeout', '-1'], /--hook-timeout takes a value, and the word after it starts with '-'/],
    // Key=Value lists.
    ['--parameter without =', ['queue.yml', '--parameter', 'Env'], /--parameter expects Key=Value, got "Env"/],
    ['--parameter with an empty name', ['queue.yml', '--parameter', '=prod'], /--parameter expects Key=Value, got "=prod"/],
    ['--parameter empty', ['queue.yml', '--parameter', ''], /--parameter expects Key=Value, got ""/],
    ['--template-map with an empty path', ['queue.yml', '--template-map', 'https://x.s3.amazonaws.com/a.yml='], /--template-map expects <url>=<path>, got "https:\/\/x\.s3\.amazonaws\.com\/a\.yml=": the <path> is empty/],
    ['--template-map without =', ['queue.yml', '--template-map', 'a.yml'], /--template-map expects <url>=<path>, got "a\.yml"/],
    ['--hook-source with an empty path', ['queue.yml', '--hooks', 'hooks.yaml', '--hook-source', 's3://rules/s3.guard='], /--hook-source expects <arn-or-uri>=<path-or-url>, got "s3:\/\/rules\/s3\.guard=": the <path-or-url> is empty/],
    ['--ssm-parameter without =', ['queue.yml', '--ssm-parameter', '/app/name'], /--ssm-parameter expects Key=Value/],
    ['--previous-parameter with an empty name', ['queue.yml', '--operation', 'update', '--previous', 'queue.yml', '--previous-parameter', '=x'], /--previous-parameter expects Key=Value/],
    ['a --parameter the template does not declare', ['queue.yml', '--parameter', '__proto__=x'], /RES_UNKNOWN_PARAMETER Parameters: \[__proto__\] do not exist in the template/],
    // Conflicting and repeated flags.
    ['--format twice', ['queue.yml', '--format', 'text', '--format', 'json'], /--format is given more than once \("text", "json"\): give it once/],
    ['--operation twice', ['queue.yml', '--operation', 'create', '--operation', 'delete'], /--operation is given more than once/],
    ['--config twice, even the same file', ['queue.yml', '--config', 'config.json', '--config=config.json'], /--config is given more than once/],
    ['--previous and --from-stack', ['queue.yml', '--operation', 'update', '--previous', 'queue.yml', '--from-stack', 'prod'], /give either --previous or --from-stack, not both/],
    ['--config and --config-from-account', ['queue.yml', '--config', 'config.json', '--config-from-account'], /give either --config or --config-from-account, not both/],
    ['both templates from standard input', ['-', '--operation', 'update', '--previous', '-'], /standard input \(-\) can hold only one template/],
    // `-` is standard input only as a template: a side file's `-` was read as a file named `-` ("no such file").
    ['--parameters-file -', ['queue.yml', '--parameters-file', '-'], /^simulate: --parameters-file -: standard input \(-\) is read only as the template or --previous; give a file name \(\.\/- for a file named -, \/dev\/stdin for a pipe\)$/m],
    ['--previous-parameters-file -', ['queue.yml', '--operation', 'update', '--previous', 'queue.yml', '--previous-parameters-file', '-'], /^simulate: --previous-parameters-file -: standard input \(-\) is read only as/m],
    ['--config=-', ['queue.yml', '--config=-'], /^simulate: --config -: standard input \(-\) is read only as/m],
    ['--hooks -, the template from standard input too', ['-', '--hooks', '-'], /^simulate: --hooks -: standard input \(-\) is read only as/m],
    ['--account -', ['queue.yml', '--operation', 'delete', '--previous', 'queue.yml', '--account', '-'], /^simulate: --account -: standard input/m],
    // Option values that look like options, and options without their values.
    ['--stack-name followed by an option', ['queue.yml', '--stack-name', '--operation', 'create'], /--stack-name takes a value, and the word after it starts with '-'/],
    ['--config at the end, without its value', ['queue.yml', '--config'], /Option '--config <value>' argument missing/],
    ['a boolean given a value', ['queue.yml', '--no-limits=yes'], /Option '--no-limits' does not take an argument/],
    ['an unknown short option', ['queue.yml', '-x'], /Unknown option '-x'/],
    // Positionals.
    ['an empty template name', [''], /the template name is empty: give a file name, or - for standard input/],
    ['two templates, one of them naming no file', ['queue.yml', 'WARN'], /expected one template, got 2: queue\.yml WARN; WARN names no file or directory/],
    // --role-arn.
    ['--role-arn that is not an ARN', ['queue.yml', '--role-arn', 'notanarn'], /--role-arn must be an IAM role ARN .*got "notanarn"/],
    ['--role-arn of a user', ['queue.yml', '--role-arn', 'arn:aws:iam::123456789012:user/deployer'], /--role-arn must be an IAM role ARN/],
    ['--role-arn with an 11-digit account', ['queue.yml', '--role-arn', 'arn:aws:iam::12345678901:role/deployer'], /--role-arn must be an IAM role ARN/],
    ['--role-arn with a region (IAM has none)', ['queue.yml', '--role-arn', 'arn:aws:iam:us-east-1:123456789012:role/deployer'], /--role-arn must be an IAM role ARN/],
    ['--role-arn with a 65-character name', ['queue.yml', '--role-arn', `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`], /--role-arn must be an IAM role ARN/],
    ['--role-arn from another partition', ['queue.yml', '--role-arn', 'arn:aws-cn:iam::123456789012:role/deployer'], /--role-arn is in partition aws-cn, but --region us-east-1 is in aws/],
  ])('%s', async (_name, argv, message) => {
    expectRefused(await simulate(argv), message);
  });

  it('10,000 --parameters the template does not declare: one diagnostic naming the first 20, quickly', async () => {
    const argv = ['queue.yml'];
    for (let i = 0; i < 10_000; i++) argv.push('--parameter', `P${i}=v`);
    const result = await simulate(argv);
    expectRefused(result, /^queue\.yml:1:1 RES_UNKNOWN_PARAMETER Parameters: \[P0, P1, .*, P19 … and 9,980 more\] do not exist in the template$/m);
    expect(result.stderr.length).toBeLessThan(1000);
  });

  it.each([
    ['arn:aws:iam::123456789012:role/deployer', 'us-east-1'],
    ['arn:aws:iam::123456789012:role/service/ci/deployer', 'us-east-1'],
    ['arn:aws-cn:iam::123456789012:role/deployer', 'cn-north-1'],
    ['arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f_g-h', 'us-gov-west-1'],
  ])('--role-arn %s in %s is accepted', async (arn, region) => {
    const result = await simulate(['queue.yml', '--role-arn', arn, '--region', region]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('simulate: side files are read with a bound and refused with a located reason', () => {
  it.each<[string, string[], RegExp]>([
    // A device is refused before it is opened (h30 #5: /dev/tty would wait for typing); a file past its bound is cut at it.
    ['--config /dev/zero', ['queue.yml', '--config', '/dev/zero'], DEVICE],
    ['--parameters-file /dev/zero', ['queue.yml', '--parameters-file', '/dev/zero'], DEVICE],
    ['--previous-parameters-file /dev/zero', ['queue.yml', '--operation', 'update', '--previous', 'queue.yml', '--previous-parameters-file', '/dev/zero'], DEVICE],
    ['--account /dev/zero', ['queue.yml', '--account', '/dev/zero'], DEVICE],
    ['--exports /dev/zero', ['queue.yml', '--exports', '/dev/zero'], DEVICE],
    ['--ssm /dev/zero', ['queue.yml', '--ssm', '/dev/zero'], DEVICE],
    ['--config past the bound', ['queue.yml', '--config', 'big.json'], TOO_LARGE],
    ['--parameters-file past the bound', ['queue.yml', '--parameters-file', 'big.json'], TOO_LARGE],
    ['--exports past the bound', ['queue.yml', '--exports', 'big.json'], TOO_LARGE],
    ['--config through a symlink to /dev/zero', ['queue.yml', '--config', 'zero.json'], /^zero\.json FILE_UNREADABLE cannot read the hook configuration: it is a device, not a file$/m],
    ['the template through a symlink to /dev/zero', ['zero.yml'], /^zero\.yml TPL_UNREADABLE cannot read the template: it is a device, not a file$/m],
    ['the template past the quota', ['big.yml'], /^big\.yml:1:1000001 TPL_TOO_LARGE Template may not exceed 1000000 bytes in size\. \(this template is \d+ bytes; split it into nested stacks, or simulate it anyway with --no-limits\)$/m],
    ['the template past the bound, --no-limits', ['big.yml', '--no-limits'], /^big\.yml:\d+:\d+ TPL_TOO_LARGE the template is \d+ bytes; even with --no-limits/m],
    ['the template is a directory without templates', ['folder'], /^simulate: folder: no template found in the folder \(no \.yaml, \.yml, \.json, \.template file or cloud assembly\)$/m],
    ['--config is a directory', ['queue.yml', '--config', 'folder'], /^folder FILE_UNREADABLE cannot read the hook configuration: it is a directory, not a file$/m],
    ['--account is a directory', ['queue.yml', '--account', 'folder'], /^folder FILE_UNREADABLE cannot read the account file: it is a directory, not a file$/m],
    ['a dangling symlink', ['dangling.yml'], /^dangling\.yml TPL_UNREADABLE cannot read the template: no such file$/m],
    ['a symlink loop', ['loop-a.yml'], /^loop-a\.yml TPL_UNREADABLE cannot read the template: too many symbolic links$/m],
    ['a path through a file', ['queue.yml/inner.yml'], /TPL_UNREADABLE cannot read the template: a part of the path is not a directory/],
    ['an empty template', ['empty.yml'], /^empty\.yml:1:1 TPL_EMPTY the file is empty/m],
    ['a name Node could not decode (U+FFFD from argv)', ['caf\uFFFD.yml'], /cannot read the template: no such file: its name could not be decoded .*U\+FFFD/],
    ['--config whose name Node could not decode', ['queue.yml', '--config', 'caf\uFFFD.json'], /FILE_UNREADABLE cannot read the hook configuration: no such file: its name could not be decoded/],
  ])('%s', async (_name, argv, message) => {
    expectRefused(await simulate(argv), message);
  });

  // Opening succeeds and reading fails: what a file that vanishes from under an open handle (a network share, a
  // removed device) does. /proc/self/mem is the portable-on-Linux way to get exactly that: open works, read is EIO.
  it.each<[string, string[], RegExp]>([
    ['the template', ['/proc/self/mem'], /^\/proc\/self\/mem TPL_UNREADABLE cannot read the template: the system refused \(EIO\)$/m],
    ['--config', ['queue.yml', '--config', '/proc/self/mem'], /^\/proc\/self\/mem FILE_UNREADABLE cannot read the hook configuration: the system refused \(EIO\)$/m],
    ['--exports', ['queue.yml', '--exports', '/proc/self/mem'], /^\/proc\/self\/mem FILE_UNREADABLE cannot read the exports file: the system refused \(EIO\)$/m],
  ])('%s: opened, then unreadable (EIO), is a located refusal', async (_name, argv, message) => {
    expectRefused(await simulate(argv), message);
  });
});

describe('simulate: npm took the options (npm run simulate t.yml --failure-mode WARN, without --)', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    ['a string option', { npm_lifecycle_event: 'simulate', npm_config_failure_mode: 'true' }, /npm took --failure-mode for itself/],
    ['several, and a --no- option', { npm_lifecycle_event: 'simulate', npm_config_format: 'true', npm_config_limits: '' }, /npm took --format, --no-limits for itself/],
  ])('%s: a usage error that says to put -- before the arguments', async (_name, env, message) => {
    const result = await simulate(['queue.yml', 'WARN'], env);
    expectRefused(result, message);
    expect(result.stderr).toContain('put `--` before the simulator\'s arguments, e.g. npm run simulate -- template.yml --failure-mode WARN');
  });

  it('under npm, leftover words (npm swallows some options, such as --format, exporting nothing) get the same hint', async () => {
    const result = await simulate(['queue.yml', 'json'], { npm_lifecycle_event: 'simulate' });
    expectRefused(result, /expected one template, got 2: queue\.yml json; if these were option values, npm took their options for itself: put `--` before the simulator's arguments/);
  });

  it('the same variables outside npm are not mistaken for it', async () => {
    const result = await simulate(['queue.yml'], { npm_config_failure_mode: 'true' });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('simulate, the built command: standard input, undecodable names, npm', () => {
  const bin = join(repoRoot, 'dist', 'simulate.js');
  beforeAll(() => {
    // The real path: the bundle users run. Built here so the test never runs a stale or missing one.
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { stdio: 'inherit' });
  });
  const run = (argv: string[], input: string | Buffer | undefined, cwd = dir) =>
    spawnSync(process.execPath, [bin, ...argv], { cwd, input: input ?? '', encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } });

  it.each<[string, string, number, RegExp]>([
    ['YAML', COMPLIANT_QUEUE, 0, /^Verdict: CREATE_COMPLETE: the create would complete \(1 hook invocation\)\.$/m],
    ['JSON', '{"Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": "alias/jobs"}}}}', 0, /^Verdict: CREATE_COMPLETE/m],
    ['a non-compliant queue', 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n', 1, /^Verdict: ROLLBACK_COMPLETE: a hook would block the create at Jobs/m],
  ])('- reads the template from standard input (%s)', (_name, input, status, verdict) => {
    const result = run(['-'], input);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status, stderr: '' });
    expect(result.stdout).toMatch(/^Stack simulated-stack: create in us-east-1/);
    expect(result.stdout).toMatch(verdict);
  });

  it.each<[string, string, RegExp]>([
    ['a syntax error, located in <stdin>', 'Resources: [', /^<stdin>:1:\d+ TPL_YAML_SYNTAX /m],
    ['nothing at all', '', /^<stdin>:1:1 TPL_EMPTY /m],
  ])('- with %s', (_name, input, message) => {
    const result = run(['-'], input);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('--previous - reads the deployed template from standard input (here the same template: UpdateStack refuses it)', () => {
    const result = run(['queue.yml', '--operation', 'update', '--previous', '-'], COMPLIANT_QUEUE);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 2, stderr: '' });
    expect(result.stdout).toMatch(/^Verdict: rejected: UpdateStack fails with ValidationError: No updates are to be performed\./m);
  });

  it('- with an endless standard input ends at the bound (1,000,001 bytes read), not in exhausted memory', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" - < /dev/zero`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^<stdin>:1:1000001 TPL_TOO_LARGE Template may not exceed 1000000 bytes in size\./m);
  });

  it('a file name whose bytes are not UTF-8 is named as undecodable, not as missing', () => {
    // The shell passes the byte 0xE9 (Latin-1 é); Node turns it into U+FFFD before main sees it.
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" "$(printf 'caf\\351.yml')"`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/TPL_UNREADABLE cannot read the template: no such file: its name could not be decoded/);
  });

  it.each<[string, string[], RegExp]>([
    ['--failure-mode WARN (npm exports npm_config_failure_mode)', ['--failure-mode', 'WARN'], /^simulate: npm took --failure-mode for itself \(and passed any value on as a word\): put `--` before/m],
    ['--format json (npm swallows --format and exports nothing for it)', ['--format', 'json'], /^simulate: expected one template, got 2: .*queue\.yml json; if these were option values, npm took their options for itself: put `--` before/m],
  ])('npm run simulate t.yml %s without -- : the real npm, the real hint', (_name, options, message) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|INIT_CWD$)/.test(key)));
    const result = spawnSync('npm', ['run', '-s', 'simulate', join(dir, 'queue.yml'), ...options], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
