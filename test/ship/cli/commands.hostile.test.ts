/**
 * submit and configure against hostile arguments and documents: ARNs of the wrong shape are usage errors (exit 2)
 * before any AWS call; the documented EncryptionConfiguration is accepted in each KMS key form and a malformed
 * key is refused (exit 1) before SetTypeConfiguration; configuration files without end are bounded (exit 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, SetTypeConfigurationCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { repoRoot, ship, temporaryProject } from '../temporary-project';

const cfn = mockClient(CloudFormationClient);
const EXAMPLE = JSON.parse(readFileSync(join(repoRoot, 'docs', 'examples', 'fail.json'), 'utf8')) as {
  CloudFormationConfiguration: { HookConfiguration: Record<string, unknown> };
};

const savedEnv = { ...process.env };
beforeEach(() => {
  cfn.reset();
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});
afterAll(() => {
  process.env = savedEnv;
});

function withEncryption(dir: string, encryption: unknown): void {
  const document = structuredClone(EXAMPLE);
  document.CloudFormationConfiguration.HookConfiguration.EncryptionConfiguration = encryption;
  writeFileSync(join(dir, 'hook-config.json'), JSON.stringify(document, null, 2));
}

describe('submit --role-arn: shapes', () => {
  it.each([
    ['not an ARN at all', 'notanarn'],
    ['an 11-digit account', 'arn:aws:iam::12345678901:role/hook'],
    ['a made-up partition', 'arn:awsfoo:iam::123456789012:role/hook'],
    ['a user, not a role', 'arn:aws:iam::123456789012:user/hook'],
    ['a role without a name', 'arn:aws:iam::123456789012:role/'],
    ['a role name longer than 64', `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`],
    ['another service', 'arn:aws:s3:::my-bucket'],
    ['an empty value', ''],
  ])('%s → exit 2 USAGE, no call', async (_what, arn) => {
    const { code, err } = await ship(['submit', '--dry-run', '--role-arn', arn], temporaryProject());
    expect({ code, err }).toEqual({ code: 2, err: expect.stringMatching(/^ship: --role-arn .* is not an IAM role ARN \(expected arn:<partition>:iam::/) });
    expect(cfn.calls()).toHaveLength(0);
  });

  it.each([
    ['a China-partition role with a path', 'arn:aws-cn:iam::123456789012:role/service-role/hook'],
    ['a GovCloud role', 'arn:aws-us-gov:iam::123456789012:role/hook'],
    ['an ISO-B role', 'arn:aws-iso-b:iam::123456789012:role/hook+name=x,y.z@w-v'],
  ])('%s is accepted', async (_what, arn) => {
    const { code } = await ship(['submit', '--dry-run', '--role-arn', arn], temporaryProject());
    expect(code).toBe(0);
  });
});

describe('configure --type-arn: shapes', () => {
  it.each([
    ['a resource type, not a hook', 'arn:aws:cloudformation:us-east-1:123456789012:type/resource/MyCompany-Testing-MyTestHook'],
    ['no region', 'arn:aws:cloudformation::123456789012:type/hook/MyCompany-Testing-MyTestHook'],
    ['two name parts', 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-MyTestHook'],
    ['not an ARN', 'MyCompany::Testing::MyTestHook'],
  ])('%s → exit 2, no call', async (_what, arn) => {
    const dir = temporaryProject();
    withEncryption(dir, { KmsKeyId: 'alias/hooks' });
    const { code, err } = await ship(['configure', '--config', 'hook-config.json', '--type-arn', arn, '--region', 'us-east-1'], dir);
    expect({ code, err }).toEqual({ code: 2, err: expect.stringContaining('is not a hook type ARN') });
    expect(cfn.calls()).toHaveLength(0);
  });
});

describe('configure: EncryptionConfiguration (documented since November 2025)', () => {
  it.each([
    ['the docs example (key ARN)', 'arn:aws:kms:us-east-1:123456789012:key/abc-123'],
    ['a key ARN with a UUID', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['an alias ARN', 'arn:aws-cn:kms:cn-north-1:123456789012:alias/hook-annotations'],
    ['a key ID', '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['a multi-Region key ID', 'mrk-1234abcd12ab34cd56ef1234567890ab'],
    ['an alias name', 'alias/hooks/annotations'],
  ])('%s is sent as written', async (_what, key) => {
    cfn.on(SetTypeConfigurationCommand).resolves({ ConfigurationArn: 'arn:aws:cloudformation:us-east-1:123456789012:type-configuration/hook/x/default' });
    const dir = temporaryProject();
    withEncryption(dir, { KmsKeyId: key });
    const { code, err } = await ship(['configure', '--config', 'hook-config.json', '--region', 'us-east-1'], dir);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const sent = JSON.parse(cfn.commandCalls(SetTypeConfigurationCommand)[0].args[0].input.Configuration as string);
    expect(sent.CloudFormationConfiguration.HookConfiguration.EncryptionConfiguration).toEqual({ KmsKeyId: key });
  });

  it.each([
    ['a bare name', { KmsKeyId: 'my-key' }, 'HC116'],
    ['a key ARN of another service', { KmsKeyId: 'arn:aws:s3:::bucket' }, 'HC116'],
    ['an alias without a name', { KmsKeyId: 'alias/' }, 'HC116'],
    ['a number', { KmsKeyId: 5 }, 'HC104'],
    ['no KmsKeyId', {}, 'HC104'],
    ['a misspelt key', { KmsKeyID: 'alias/x' }, 'HC102'],
    ['a string instead of an object', 'alias/x', 'HC104'],
  ])('%s → exit 1 %s, nothing sent', async (_what, encryption, rule) => {
    const dir = temporaryProject();
    withEncryption(dir, encryption);
    const { code, err } = await ship(['configure', '--config', 'hook-config.json', '--region', 'us-east-1'], dir);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^hook-config\\.json:\\d+:\\d+ ${rule} .*EncryptionConfiguration`, 'm'));
    expect(cfn.calls()).toHaveLength(0);
  });
});

describe('configure --config: inputs without end', () => {
  it.each([
    // A device is refused before it is opened (h30 #5); a FIFO is in test/kernel/source/named-fifo.hostile.test.ts.
    ['/dev/zero', '/dev/zero', 'FILE_UNREADABLE cannot read the configuration: it is a device, not a file'],
    ['a directory', '.', 'FILE_UNREADABLE'],
  ])('%s → exit 2 %s, nothing sent', async (_what, file, code) => {
    const result = await ship(['configure', '--config', file, '--region', 'us-east-1'], temporaryProject());
    expect({ code: result.code, err: result.err }).toEqual({ code: 2, err: expect.stringContaining(code) });
    expect(cfn.calls()).toHaveLength(0);
  });
});
