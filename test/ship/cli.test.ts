import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  DescribeTypeRegistrationCommand,
  RegisterTypeCommand,
  SetTypeConfigurationCommand,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { readZip } from '../../src/ship/zip';
import { repoRoot, SCHEMA_FILE, ship, temporaryProject } from './temporary-project';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const CONFIGURATION_ARN = 'arn:aws:cloudformation:us-east-1:123456789012:type-configuration/hook/MyCompany-Testing-MyTestHook/default';
const EXAMPLE = readFileSync(join(repoRoot, 'docs', 'examples', 'fail.json'), 'utf8');

/**
 * The SDK reads credentials and region from process.env. Each test starts with none of the machine's, no instance
 * metadata to ask, and the AWS documentation's example keys (the commands resolve credentials before any call; the
 * mocked clients send nothing anywhere); `withoutCredentials()` takes those away.
 */
const savedEnv = { ...process.env };
beforeEach(() => {
  cfn.reset();
  s3.reset();
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
});
function withoutCredentials(): void {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
}
afterAll(() => {
  process.env = savedEnv;
});

describe('ship package', () => {
  it('writes the zip and lists its members', async () => {
    const dir = temporaryProject();
    const { code, out } = await ship(['package'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^wrote mycompany-testing-mytesthook\.zip \(\d+ bytes, sha256 [0-9a-f]{64}\)\ntarget schemas from target-schemas\//);
    expect(out).toMatch(/\n {2}ResourceProvider\.zip +\d+ bytes\n/);
    expect(readZip(readFileSync(join(dir, 'mycompany-testing-mytesthook.zip'))).length).toBeGreaterThanOrEqual(8);
  });

  it('reports in JSON with --format json', async () => {
    const dir = temporaryProject();
    const { code, out } = await ship(['package', '--format', 'json', '--output', 'out.zip'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ ok: true, file: 'out.zip', targetSchemas: 'project' });
    expect(report.entries[0]).toEqual({ name: 'configuration-schema.json', bytes: expect.any(Number) });
  });

  it('names a zip written outside the working directory by its absolute path, not by ../..', async () => {
    const dir = temporaryProject();
    const elsewhere = mkdtempSync(join(tmpdir(), 'package-out-'));
    try {
      const { code, out } = await ship(['package', '--format', 'json', '--output', join(elsewhere, 'hook.zip')], dir);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ file: join(elsewhere, 'hook.zip') });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('exits 1 with file:line:col diagnostics for an invalid schema', async () => {
    const dir = temporaryProject();
    const schema = JSON.parse(readFileSync(join(dir, SCHEMA_FILE), 'utf8'));
    schema.handlers.preCreate.permissions.push('cloudformation:RegisterType');
    writeFileSync(join(dir, SCHEMA_FILE), JSON.stringify(schema, null, 2));
    const { code, err } = await ship(['package'], dir);
    expect(code).toBe(1);
    expect(err).toMatch(/^mycompany-testing-mytesthook\.json:\d+:\d+ \S+ .*cloudformation:RegisterType/m);
    expect(err).toMatch(/error: mycompany-testing-mytesthook\.json is not a valid hook schema \(\d+ errors?\); nothing was packaged/);
  });
});

describe('ship submit --dry-run', () => {
  it('packages and prints the planned calls with no credentials and no call', async () => {
    const dir = temporaryProject();
    const { code, out, err } = await ship(['submit', '--dry-run', '--set-default'], dir);
    expect(code).toBe(0);
    expect(cfn.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
    expect(err).toMatch(/^wrote mycompany-testing-mytesthook\.zip/);
    const apis = out
      .split('\n')
      .map((line) => /^\s*\d+\. (\S+) /.exec(line)?.[1])
      .filter(Boolean);
    expect(apis).toEqual([
      'cloudformation:CreateStack',
      'cloudformation:UpdateStack',
      'cloudformation:DescribeStacks',
      'cloudformation:CreateStack',
      'cloudformation:UpdateStack',
      'cloudformation:DescribeStacks',
      's3:PutObject',
      'cloudformation:RegisterType',
      'cloudformation:DescribeTypeRegistration',
      'cloudformation:SetTypeDefaultVersion',
    ]);
  });

  it('plans no role stack when a role is given, and prints JSON', async () => {
    const dir = temporaryProject();
    const role = 'arn:aws:iam::123456789012:role/hook-exec';
    const { code, out } = await ship(['submit', '--dry-run', '--role-arn', role, '--format', 'json'], dir);
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.calls.filter((c: { api: string }) => c.api === 'cloudformation:CreateStack').map((c: { input: { StackName: string } }) => c.input.StackName)).toEqual([
      'mycompany-testing-mytesthook-upload-infrastructure',
    ]);
    expect(plan.calls.find((c: { api: string }) => c.api === 'cloudformation:RegisterType').input.ExecutionRoleArn).toBe(role);
  });
});

describe('ship submit', () => {
  it('registers through the SDK with the region given', async () => {
    const dir = temporaryProject();
    cfn.on(CreateStackCommand).callsFake((input: { StackName: string }) => ({ StackId: `id-${input.StackName}` }));
    cfn.on(DescribeStacksCommand).callsFake((input: { StackName: string }) => ({
      Stacks: [
        {
          StackName: input.StackName,
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(0),
          Outputs: [
            { OutputKey: 'ExecutionRoleArn', OutputValue: 'arn:aws:iam::123456789012:role/exec' },
            { OutputKey: 'CloudFormationManagedUploadBucketName', OutputValue: 'bucket' },
            { OutputKey: 'LogAndMetricsDeliveryRoleArn', OutputValue: 'arn:aws:iam::123456789012:role/log' },
          ],
        },
      ],
    }));
    s3.on(PutObjectCommand).resolves({});
    cfn.on(RegisterTypeCommand).resolves({ RegistrationToken: 'tok' });
    cfn.on(DescribeTypeRegistrationCommand).resolves({ ProgressStatus: 'COMPLETE', TypeArn: 'arn:type', TypeVersionArn: 'arn:type/00000001' });
    const { code, out, err } = await ship(['submit', '--region', 'eu-west-1'], dir);
    expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^registered MyCompany::Testing::MyTestHook\n {2}type arn: +arn:type\n {2}version arn: +arn:type\/00000001/);
    expect(err).toMatch(/stack mycompany-testing-mytesthook-role-stack: created/);
    expect(await cfn.call(0).thisValue.config.region()).toBe('eu-west-1');
    expect(cfn.commandCalls(CreateStackCommand)[0].args[0].input).toMatchObject({
      StackName: 'mycompany-testing-mytesthook-role-stack',
      TemplateBody: readFileSync(join(dir, 'hook-role.yaml'), 'utf8'),
    });
    const body = s3.commandCalls(PutObjectCommand)[0].args[0].input.Body as Buffer;
    expect(body.equals(readFileSync(join(dir, 'mycompany-testing-mytesthook.zip')))).toBe(true);
  });

  it.each([
    [['submit', '--role-arn', 'arn:aws:iam::123456789012:role/x', '--no-role'], /--role-arn and --no-role cannot be combined/],
    [['submit', '--role-arn', 'not-an-arn', '--dry-run'], /is not an IAM role ARN/],
    [['submit', '--dry-run', '--fetch-target-schemas'], /--dry-run makes no AWS call/],
    [['submit', '--bogus'], /Unknown option '--bogus'/],
    [['package', '--ouput', 'x.zip'], /Unknown option '--ouput': did you mean --output\?/],
    // One rule for every command (src/kernel/cli/repeated-option.ts): parseArgs kept the last silently.
    [['package', '--output', 'a.zip', '--output', 'b.zip'], /--output is given more than once \("a\.zip", "b\.zip"\): give it once \(see --help\)/],
    [['submit', '--format', 'json', '--format=text', '--dry-run'], /--format is given more than once \("json", "text"\): give it once/],
    [['submit', '--format', 'xml'], /--format must be text or json/],
    [['deploy'], /unknown command "deploy" \(expected one of/],
    [['pakage'], /unknown command "pakage": did you mean package\? \(expected one of/],
    [['sumbit'], /unknown command "sumbit": did you mean submit\?/],
    [['package', '--root', '/nonexistent/project'], /^\/nonexistent\/project PROJECT_ROOT_MISSING the project root \/nonexistent\/project cannot be used: no such directory/m],
    [['package', '--root', 'package.json'], /PROJECT_ROOT_MISSING the project root .*package\.json cannot be used: it is a file, not a directory/],
    [[], /usage: ship <command>/],
  ])('exits 2 for %j', async (argv, message) => {
    const { code, err } = await ship(argv, temporaryProject());
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(cfn.calls()).toHaveLength(0);
  });

  it.each([
    [['package', '--format', 'json', '--bogus'], "Unknown option '--bogus' (see --help)"],
    [['submit', '--format=json', '--dry-run', '--fetch-target-schemas'], '--dry-run makes no AWS call, and --fetch-target-schemas needs DescribeType: drop one (see --help)'],
    [['configure', '--format', 'json', 'extra'], 'configure takes no arguments (found extra); the document goes in --config (see --help)'],
  ])('%j: a usage error in JSON mode is the JSON error document, even when the command line does not parse', async (argv, message) => {
    const { code, out } = await ship(argv, temporaryProject());
    expect(code).toBe(2);
    // No file is involved in a usage error, so none is named (the command's name was, before).
    expect(JSON.parse(out)).toEqual({ ok: false, error: { code: 'USAGE', message, file: '', line: 0, column: 0 } });
  });

  // An error names the real file it is about, or none (`''`) when no file is involved: never the command's name.
  it.each<[string, string[], Record<string, unknown>, RegExp]>([
    ['a usage error', ['package', '--bogus'], { code: 'USAGE', file: '' }, /^ship: Unknown option '--bogus' \(see --help\)$/m],
    [
      'a versioned --type-arn',
      ['configure', '--config', 'x.json', '--type-arn', 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook/00000002'],
      { code: 'USAGE', file: '' },
      /^ship: --type-arn .* names a version/m,
    ],
    // The path as resolved (the one the refusal is about), as the message has always shown it.
    ['--output onto the hook schema', ['package', '--output', SCHEMA_FILE], { code: 'OUTPUT_REFUSED', file: expect.stringMatching(/^\/.*\/mycompany-testing-mytesthook\.json$/) }, /^\/\S*\/mycompany-testing-mytesthook\.json OUTPUT_REFUSED --output /m],
  ])('%s: the JSON error and the text line name the real file or none', async (_what, argv, error, line) => {
    const json = await ship([...argv, '--format', 'json'], temporaryProject());
    expect(json.code).toBe(2);
    expect((JSON.parse(json.out) as { error: Record<string, unknown> }).error).toMatchObject(error);
    const text = await ship(argv, temporaryProject());
    expect(text.err).toMatch(line);
  });

  it.each([
    ['no credentials', ['--region', 'us-east-1'], /^error: AWS setup \(region and credentials, before any call\) failed: CredentialsProviderError: .*\n {2}what to do: no usable AWS credentials: pass --profile/m],
    ['no region', [], /^error: AWS setup \(region and credentials, before any call\) failed: RegionMissing: .*\n {2}what to do: no region: pass --region/m],
    ['a profile that does not exist', ['--region', 'us-east-1', '--profile', 'nobody'], /failed: (ProfileNotFound|CredentialsProviderError): .*\n {2}what to do: no usable AWS credentials/],
  ])('%s: exits 2 saying how to fix it, before any step or call', async (_name, options, message) => {
    withoutCredentials();
    for (const command of ['submit', 'configure']) {
      const dir = temporaryProject();
      writeFileSync(join(dir, 'hook-config.json'), EXAMPLE);
      const { code, err } = await ship(command === 'submit' ? ['submit', ...options] : ['configure', '--config', 'hook-config.json', ...options], dir);
      expect({ command, code }).toEqual({ command, code: 2 });
      expect(err).toMatch(message);
      expect(err).not.toMatch(/creating|uploading|registering/);
    }
    expect([...cfn.calls(), ...s3.calls()]).toHaveLength(0);
  });
});

/** Adds permissions to preDelete, so that the committed hook-role.yaml no longer allows all of them. */
function grantInSchema(dir: string, ...actions: string[]): void {
  const schema = JSON.parse(readFileSync(join(dir, SCHEMA_FILE), 'utf8'));
  schema.handlers.preDelete.permissions.push(...actions);
  writeFileSync(join(dir, SCHEMA_FILE), JSON.stringify(schema, null, 2));
}

describe('hook-role.yaml out of step with the schema (cfn submit would deploy it as it is)', () => {
  const STALE = /^hook-role\.yaml:33:15 HOOK_ROLE_STALE hook-role\.yaml does not allow dynamodb:DescribeTable, dynamodb:ListTables, which the schema's handlers list in permissions: .*regenerate the file with `npm run generate`$/m;

  it.each([[['package']], [['submit', '--dry-run']], [['submit', '--region', 'us-east-1']]])('%j refuses it (exit 2), before any zip or call', async (argv) => {
    const dir = temporaryProject();
    grantInSchema(dir, 'dynamodb:ListTables', 'dynamodb:DescribeTable');
    const { code, out, err } = await ship(argv, dir);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(STALE);
    expect(existsSync(join(dir, 'mycompany-testing-mytesthook.zip'))).toBe(false);
    expect([...cfn.calls(), ...s3.calls()]).toHaveLength(0);
  });

  it.each([[['--role-arn', 'arn:aws:iam::123456789012:role/x']], [['--no-role']]])('submit %j deploys no role from it, so does not check it', async (options) => {
    const dir = temporaryProject();
    grantInSchema(dir, 'dynamodb:ListTables');
    expect((await ship(['submit', '--dry-run', ...options], dir)).code).toBe(0);
  });

  it('generate rewrites it from the schema, after which package and submit --dry-run pass', async () => {
    const dir = temporaryProject();
    grantInSchema(dir, 'dynamodb:ListTables', 'dynamodb:DescribeTable');
    const generated = await ship(['generate'], dir);
    expect(generated).toMatchObject({ code: 0, err: '' });
    expect(generated.out).toBe(
      'wrote hook-role.yaml: the execution role allows dynamodb:DescribeTable, dynamodb:ListTables, s3:GetEncryptionConfiguration, s3:ListAllMyBuckets, sqs:GetQueueAttributes, sqs:ListQueues\n',
    );
    expect(readFileSync(join(dir, 'hook-role.yaml'), 'utf8')).toContain('                - "dynamodb:DescribeTable"\n                - "dynamodb:ListTables"\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect((await ship(['package'], dir)).code).toBe(0);
    expect((await ship(['submit', '--dry-run'], dir)).code).toBe(0);
    const again = await ship(['generate', '--format', 'json'], dir);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, file: 'hook-role.yaml', changed: false, effect: 'Allow' });
  });

  it.each([
    ['an invalid schema (exit 1, nothing written)', (dir: string) => grantInSchema(dir, 'cloudformation:*'), 1, /is not a valid hook schema/],
    [
      'a hook-role.yaml that is a link to the schema (exit 2, nothing written)',
      (dir: string) => {
        grantInSchema(dir, 'dynamodb:ListTables');
        rmSync(join(dir, 'hook-role.yaml'));
        symlinkSync(join(dir, SCHEMA_FILE), join(dir, 'hook-role.yaml'));
      },
      2,
      /OUTPUT_REFUSED hook-role\.yaml .* is one of hook-role\.yaml's inputs \(.*mycompany-testing-mytesthook\.json\)/,
    ],
  ])('generate refuses %s', async (_label, prepare, exitCode, message) => {
    const dir = temporaryProject();
    prepare(dir);
    const schemaBefore = readFileSync(join(dir, SCHEMA_FILE));
    const roleBefore = readFileSync(join(dir, 'hook-role.yaml'));
    const { code, err } = await ship(['generate'], dir);
    expect(code).toBe(exitCode);
    expect(err).toMatch(message);
    expect(readFileSync(join(dir, SCHEMA_FILE)).equals(schemaBefore)).toBe(true);
    expect(readFileSync(join(dir, 'hook-role.yaml')).equals(roleBefore)).toBe(true);
  });
});

describe('ship configure', () => {
  it('validates, then sends SetTypeConfiguration with the document as written', async () => {
    const dir = temporaryProject();
    writeFileSync(join(dir, 'hook-config.json'), EXAMPLE);
    cfn.on(SetTypeConfigurationCommand).resolves({ ConfigurationArn: CONFIGURATION_ARN });
    const { code, out } = await ship(['configure', '--config', 'hook-config.json', '--region', 'us-east-1'], dir);
    expect(code).toBe(0);
    expect(out).toBe(`configured MyCompany::Testing::MyTestHook from hook-config.json\n  configuration arn: ${CONFIGURATION_ARN}\n`);
    expect(cfn.commandCalls(SetTypeConfigurationCommand).map((c) => c.args[0].input)).toEqual([
      { TypeName: 'MyCompany::Testing::MyTestHook', Type: 'HOOK', Configuration: EXAMPLE },
    ]);
  });

  it('configures by ARN with --type-arn', async () => {
    const dir = temporaryProject();
    writeFileSync(join(dir, 'hook-config.json'), EXAMPLE);
    cfn.on(SetTypeConfigurationCommand).resolves({ ConfigurationArn: CONFIGURATION_ARN });
    const arn = 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook';
    const { code, out } = await ship(['configure', '--config', 'hook-config.json', '--type-arn', arn, '--region', 'us-east-1', '--format', 'json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ ok: true, typeName: 'MyCompany::Testing::MyTestHook', typeArn: arn, configurationArn: CONFIGURATION_ARN });
    expect(cfn.commandCalls(SetTypeConfigurationCommand)[0].args[0].input).toEqual({ TypeArn: arn, Configuration: EXAMPLE });
  });

  it.each([
    [
      'an invalid document (exit 1, located)',
      '{\n  "CloudFormationConfiguration": {\n    "HookConfiguration": {\n      "FailureMode": "BLOCK"\n    }\n  }\n}\n',
      1,
      /^hook-config\.json:4:\d+ .*FailureMode/m,
    ],
    ['a document that is not JSON (exit 2, located)', '{\n  "CloudFormationConfiguration": \n', 2, /^hook-config\.json:\d+:\d+ HC001 invalid JSON/m],
    // The code and hint validate --config and simulate --config give for the same file.
    ['a YAML document (exit 2, told to convert it)', 'CloudFormationConfiguration:\n  HookConfiguration:\n    FailureMode: FAIL\n', 2, /^hook-config\.json:1:1 HC001 invalid JSON: .*it reads as YAML, .*convert it to JSON$/m],
    ['a key written twice (exit 1, as validate --config)', '{"CloudFormationConfiguration": {"HookConfiguration": {"FailureMode": "FAIL", "FailureMode": "WARN"}}}', 1, /^hook-config\.json:1:\d+ HC002 /m],
  ])('refuses %s before any call', async (_label, text, exitCode, message) => {
    const dir = temporaryProject();
    writeFileSync(join(dir, 'hook-config.json'), text);
    const { code, err } = await ship(['configure', '--config', 'hook-config.json', '--region', 'us-east-1'], dir);
    expect(code).toBe(exitCode);
    expect(err).toMatch(message);
    expect(cfn.calls()).toHaveLength(0);
  });

  it.each([
    [['configure'], /--config <hook-config.json> is required/],
    [['configure', '--config', 'missing.json'], /^missing\.json FILE_UNREADABLE cannot read the configuration: no such file/],
    [
      ['configure', '--config', 'x.json', '--type-arn', 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook/00000002'],
      /names a version; SetTypeConfiguration configures the type: drop the trailing \/00000002/,
    ],
  ])('exits 2 for %j', async (argv, message) => {
    const { code, err } = await ship(argv, temporaryProject());
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(cfn.calls()).toHaveLength(0);
  });

  it('exits 1 naming the call when the hook is not registered', async () => {
    const dir = temporaryProject();
    writeFileSync(join(dir, 'hook-config.json'), EXAMPLE);
    cfn.on(SetTypeConfigurationCommand).rejects(Object.assign(new Error('Type not found'), { name: 'TypeNotFoundException' }));
    const { code, err } = await ship(['configure', '--config', 'hook-config.json', '--region', 'us-east-1'], dir);
    expect(code).toBe(1);
    expect(err).toMatch(/cloudformation:SetTypeConfiguration failed: TypeNotFoundException: Type not found\n {2}what to do: the hook is not registered .*npm run submit/);
  });
});
