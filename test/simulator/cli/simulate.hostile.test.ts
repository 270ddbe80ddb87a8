/**
 * Hostile and broken input, end to end through the simulator's `main(argv, io)`: each must end in exit 2
 * with a `file:line:col CODE message` naming the spot, never exit 3, never a stack trace, never a hang, and
 * never a polluted Object.prototype. Small inputs are fixtures (test/fixtures/hostile); large ones (bombs,
 * deep nesting, 5 MB) are generated into a temporary folder so the repository stays small.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'hostile');

let generated: string;
beforeAll(() => {
  generated = mkdtempSync(join(tmpdir(), 'hostile-'));
  const write = (name: string, text: string) => writeFileSync(join(generated, name), text);

  // Billion laughs: ten levels, each alias list nine times the one before (9^10 nodes if expanded). CloudFormation refuses
  // any alias; the bomb is refused at its first, never expanded.
  const levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 10; i++) levels.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  write('alias-bomb.yaml', `Metadata:\n${levels.map((l) => `  ${l}`).join('\n')}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {Tags: *a9}\n`);

  write('deep.json', `{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Metadata": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}}`);
  write('deep-flow.yaml', `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
  // Block style in compact form: `- - - … x` opens one sequence per dash.
  write('deep-block.yaml', `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      ${'- '.repeat(10_000)}x\n`);
  write('deep-intrinsics.json', `{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": ${'{"Fn::Base64": '.repeat(10_000)}"x"${'}'.repeat(10_000)}}}}}`);

  const bucket = 'Resources:\n  Reports:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: reports\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - BucketKeyEnabled: true\n            ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n';
  write('five-megabytes.yaml', `${bucket}    Metadata:\n      Blob: "${'x'.repeat(5 * 1024 * 1024)}"\n`);
});
afterAll(() => rmSync(generated, { recursive: true, force: true }));

async function simulate(cwd: string, ...argv: string[]) {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** The common verdict on input the simulator must refuse: exit 2, a located message, no stack trace. */
function expectRefused(result: { code: number; stderr: string }, file: string, code: string, line?: number): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: EXIT_USAGE, stderr: expect.stringMatching(new RegExp(`^${escape(file)}:[1-9]\\d*:[1-9]\\d* ${code} `, 'm')) });
  if (line !== undefined) expect(result.stderr).toMatch(new RegExp(`^${escape(file)}:${line}:`, 'm'));
  expect(result.stderr).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toMatch(/\[object Object\]|function Object\(\)/);
  expectNoPollution();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('simulate refuses hostile templates with a located error (exit 2)', () => {
  it.each<[string, string, string, number | undefined]>([
    ['a YAML alias bomb', 'alias-bomb.yaml', 'TPL_YAML_ALIAS', undefined],
    ['10,000-deep JSON nesting', 'deep.json', 'TPL_TOO_DEEP', 1],
    ['10,000-deep YAML flow nesting', 'deep-flow.yaml', 'TPL_TOO_DEEP', 4],
    ['10,000-deep YAML block nesting', 'deep-block.yaml', 'TPL_TOO_DEEP', undefined],
    ['10,000 nested intrinsic functions', 'deep-intrinsics.json', 'TPL_TOO_DEEP', 1],
    ['a 5 MB template (the service allows 1,000,000 bytes from S3)', 'five-megabytes.yaml', 'TPL_TOO_LARGE', 12],
  ])('%s', async (_what, file, code, line) => {
    expectRefused(await simulate(generated, file), file, code, line);
  });

  it.each([
    ['alias-bomb.yaml', 'TPL_YAML_ALIAS'],
    ['deep.json', 'TPL_TOO_DEEP'],
    ['deep-flow.yaml', 'TPL_TOO_DEEP'],
  ])('keeps its guards under --no-limits, which lifts only the service quotas: %s', async (file, code) => {
    expectRefused(await simulate(generated, file, '--no-limits'), file, code);
  });

  it('names the service limit for a 5 MB template', async () => {
    const { stderr } = await simulate(generated, 'five-megabytes.yaml');
    expect(stderr).toContain('Template may not exceed 1000000 bytes in size.');
  });

  it('simulates the 5 MB template with --no-limits', async () => {
    const result = await simulate(generated, 'five-megabytes.yaml', '--no-limits', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT_OK);
    expect(JSON.parse(result.stdout)).toMatchObject({ stack: { outcome: 'SUCCEEDED' } });
  });

  it.each<[string, string, string, number]>([
    ['invalid UTF-8', 'invalid-utf8.yaml', 'TPL_INVALID_UTF8', 5],
    ['tabs as YAML indentation', 'tab-indent.yaml', 'TPL_TAB_INDENT', 3],
    ['a circular dependency A -> B -> A', 'circular.yaml', 'RES_DEPENDENCY_CYCLE', 3],
    ['Fn::Sub with an unknown variable', 'sub-unknown-variable.yaml', 'RES_SUB_VARIABLE', 9],
    ['Fn::GetAtt of an attribute the type does not have', 'getatt-missing-attribute.yaml', 'RES_UNKNOWN_ATTRIBUTE', 7],
    ['__proto__ as a template section', 'proto-keys.json', 'TPL_UNKNOWN_SECTION', 2],
  ])('%s', async (_what, file, code, line) => {
    expectRefused(await simulate(FIXTURES, file), file, code, line);
  });

  // The service keeps the last value of a duplicate key; the simulator does too, and warns where the key is.
  it.each<[string, string, number]>([
    ['YAML', 'duplicate-key.yaml', 6],
    ['JSON', 'duplicate-key.json', 4],
  ])('a duplicate key in %s is read last-wins, with a located warning (exit 0)', async (_format, file, line) => {
    const result = await simulate(FIXTURES, file, '--failure-mode', 'WARN');
    expect(result.code).toBe(EXIT_OK);
    expect(result.stderr).toMatch(new RegExp(`^${escape(file)}:${line}:\\d+ warning TPL_DUPLICATE_KEY duplicate key "Reports": CloudFormation keeps only this, the last value`, 'm'));
    expect(result.stdout).toMatch(/Reports\s+AWS::SQS::Queue/);
    expect(result.stdout).not.toMatch(/Reports\s+AWS::S3::Bucket/);
  });

  it('says which variable Fn::Sub does not know and how to write it literally', async () => {
    const { stderr } = await simulate(FIXTURES, 'sub-unknown-variable.yaml');
    expect(stderr).toContain('${Tenant}');
    expect(stderr).toContain('${!Tenant}');
  });

  it('names the cycle', async () => {
    expect((await simulate(FIXTURES, 'circular.yaml')).stderr).toContain('Circular dependency between resources: [A, B] ');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])('names an unknown section called %s plainly, not an inherited value', async (name) => {
    writeFileSync(join(generated, `section-${name}.json`), `{"${name}": {"polluted": "yes"}, "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`);
    const result = await simulate(generated, `section-${name}.json`);
    expectRefused(result, `section-${name}.json`, 'TPL_UNKNOWN_SECTION', 1);
    expect(result.stderr).toContain(`[${name}]: known sections:`);
  });
  it.each<[string, string, string]>([
    ['a parameter type', 'Parameters:\n  P:\n    Type: NAME\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n', 'RES_PARAMETER_TYPE'],
    ['an attribute', 'Resources:\n  K:\n    Type: AWS::KMS::Key\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt K.NAME\n', 'RES_UNKNOWN_ATTRIBUTE'],
    ['a function', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: {"Fn::NAME": x}\n', 'RES_UNKNOWN_FUNCTION'],
    ['a reference', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref NAME\n', 'RES_UNRESOLVED_REFERENCE'],
    ['a condition', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: NAME\n', 'RES_UNKNOWN_CONDITION'],
  ])('an Object.prototype member name as %s is unknown, not inherited', async (_what, template, code) => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      const file = `member-${code}-${name}.yaml`;
      writeFileSync(join(generated, file), template.replace('NAME', name));
      const result = await simulate(generated, file);
      expectRefused(result, file, code);
      expect(result.stderr).toContain(name);
    }
  });
});

describe('simulate reads benign oddities', () => {
  it('a byte-order mark is skipped', async () => {
    const result = await simulate(FIXTURES, 'bom.yaml', '--format', 'json');
    expect(result.code).toBe(EXIT_OK);
    expect(JSON.parse(result.stdout)).toMatchObject({ stack: { outcome: 'SUCCEEDED' } });
  });

  // Windows editors write a byte-order mark; every JSON side file takes it, as templates do. `--exports` in the
  // list-exports form read its owners with a second, raw JSON.parse, which did not (exit 3).
  it.each<[string, string, string, string]>([
    ['--exports, a plain object', '--exports', '{"SharedQueue": "q-1"}', 'exports'],
    ['--exports, aws cloudformation list-exports', '--exports', '{"Exports": [{"Name": "SharedQueue", "Value": "q-1", "ExportingStackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/network/1"}]}', 'exports'],
    ['--ssm', '--ssm', '{"/app/queue": "q-1"}', 'ssm'],
    ['--parameters-file', '--parameters-file', '[{"ParameterKey": "Env", "ParameterValue": "prod"}]', 'parameters'],
  ])('a byte-order mark in %s is skipped', async (_what, flag, body, name) => {
    const file = `bom-${name}-${flag.length}.json`;
    writeFileSync(join(generated, file), `\uFEFF${body}`);
    const template = 'Parameters:\n  Env:\n    Type: String\n    Default: x\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "${Env}-q"\n';
    writeFileSync(join(generated, 'bom-side-files.yaml'), template);
    const result = await simulate(generated, 'bom-side-files.yaml', flag, file, '--failure-mode', 'WARN', '--format', 'json');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: EXIT_OK, stderr: '' });
  });

  it('__proto__, constructor and prototype keys in properties reach the hook as data, without polluting anything', async () => {
    const result = await simulate(FIXTURES, 'proto-keys.yaml', '--format', 'json');
    // The bucket declares no encryption, so the hook blocks it: a verdict on the data, the odd keys ignored.
    expect(result.code).toBe(EXIT_CHECK_FAILED);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      invocations: [{ logicalResourceId: 'Reports', hookStatus: 'FAILED', errorCode: 'NonCompliant', message: expect.stringContaining('[s3-encryption-configured]') }],
    });
    expectNoPollution();
  });
});

describe('simulate refuses broken side files with a located error (exit 2)', () => {
  // Saved as UTF-16 (PowerShell 5's `>`), each said only `invalid JSON: … found "\uFFFD"`; templates name the encoding.
  it.each<[string, string]>([
    ['--exports', '{"SharedQueue": "q-1"}'],
    ['--ssm', '{"/app/queue": "q-1"}'],
    ['--parameters-file', '[{"ParameterKey": "Env", "ParameterValue": "prod"}]'],
    ['--config', '{"CloudFormationConfiguration": {"HookConfiguration": {"TargetStacks": "ALL", "FailureMode": "WARN"}}}'],
    ['--account', '{"buckets": []}'],
  ])('%s saved as UTF-16 → FILE_NOT_UTF8 naming the encoding', async (flag, body) => {
    const file = `utf16-${flag.slice(2)}.json`;
    writeFileSync(join(generated, file), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    writeFileSync(join(generated, 'utf16-side-files.yaml'), 'Parameters:\n  Env:\n    Type: String\n    Default: x\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    const result = await simulate(generated, 'utf16-side-files.yaml', flag, file);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: EXIT_USAGE, stderr: expect.stringContaining(`${file} FILE_NOT_UTF8 cannot read the `) });
    expect(result.stderr).toContain('it looks like UTF-16 LE (it starts with that byte-order mark): save it as UTF-8');
  });

  it('a parameters file that is not JSON', async () => {
    expectRefused(await simulate(FIXTURES, 'with-parameter.yaml', '--parameters-file', 'parameters-not-json.json'), 'parameters-not-json.json', 'RES_PARAMETERS_FILE', 1);
  });

  it('a hook configuration with __proto__, constructor keys: reported as unknown keys, nothing polluted', async () => {
    const result = await simulate(FIXTURES, 'ok.yaml', '--config', 'proto-config.json');
    expectRefused(result, 'proto-config.json', 'HC102', 3);
    expect(result.stderr).toContain("unknown key '__proto__'");
    expect(result.stderr).toContain("unknown key 'constructor'");
    expect(result.stderr).toContain("unknown property '__proto__'");
  });

  it('an account file with __proto__ and constructor keys: each reported where it is, nothing polluted', async () => {
    const result = await simulate(FIXTURES, 'ok.yaml', '--operation', 'delete', '--account', 'proto-account.json');
    expectRefused(result, 'proto-account.json', 'SIM_ACCOUNT_FILE', 2);
    for (const at of ['(at /__proto__)', '(at /buckets/0/encryption/0/__proto__)', '(at /faults/__proto__)', '(at /faults/constructor)']) expect(result.stderr).toContain(at);
  });

  it.each<[string, string, string]>([
    ['a parameters file 10,000 lists deep', 'deep-parameters.json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['a configuration 10,000 objects deep', 'deep-config.json', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
    ['an account file that is not JSON', 'account.json', 'buckets:\n  - name: a\n'],
  ])('%s', async (_what, file, text) => {
    writeFileSync(join(generated, file), text);
    writeFileSync(join(generated, 'with-parameter.yaml'), 'Parameters:\n  Env:\n    Type: String\n    Default: x\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    const flag = file.startsWith('deep-parameters') ? '--parameters-file' : file.startsWith('deep-config') ? '--config' : '--account';
    const result = await simulate(generated, 'with-parameter.yaml', flag, file);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(new RegExp(`^${escape(file)}:[1-9]\\d*:[1-9]\\d* `, 'm'));
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain('internal error');
  });
});

describe('a file found on disk that is not a regular file', () => {
  // Through the built command, with a deadline: before the fix the nested read opened the FIFO and waited for ever.
  it('a nested stack whose TemplateURL is a FIFO nobody writes to: a located error (exit 2), not a hang', () => {
    const root = join(__dirname, '..', '..', '..');
    expect(spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { encoding: 'utf8' }).status).toBe(0);
    expect(spawnSync('mkfifo', [join(generated, 'child.fifo')]).status).toBe(0);
    writeFileSync(join(generated, 'fifo-parent.yaml'), 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.fifo\n');
    const run = spawnSync(process.execPath, [join(root, 'dist', 'simulate.js'), 'fifo-parent.yaml'], { cwd: generated, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '' } });
    expect({ signal: run.signal, status: run.status, stderr: run.stderr }).toEqual({
      signal: null,
      status: EXIT_USAGE,
      stderr: expect.stringMatching(/^fifo-parent\.yaml:3:5 RES_NESTED_STACK cannot read the nested stack's template .*child\.fifo: it is a FIFO \(named pipe\), not a file /m),
    });
  });
});
