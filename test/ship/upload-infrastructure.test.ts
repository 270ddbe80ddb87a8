import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTemplate } from '../../simulator/cloudformation/resolve';
import { readTemplate, readTemplateFile } from '../../simulator/cloudformation/template';
import { UPLOAD_INFRASTRUCTURE_TEMPLATE, uploadInfrastructureStackName } from '../../src/ship';
import { LOG_DELIVERY_ROLE_OUTPUT, UPLOAD_BUCKET_OUTPUT } from '../../src/ship/submit/upload-infrastructure';
import { repoRoot } from './temporary-project';
import { runSimulate, scratchFolderPerTest } from '../support/simulate-cli';

const TEMPLATE_FILE = join(repoRoot, 'src', 'ship', 'submit', 'upload-infrastructure.yaml');

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
}
const template = parse(UPLOAD_INFRASTRUCTURE_TEMPLATE) as { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };
const buckets = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::S3::Bucket');

const UPLOAD_STACK = uploadInfrastructureStackName('mycompany-testing-mytesthook');

/** Every statement of every policy document in the template (bucket policies, role trust and inline policies). */
function statements(): Array<[string, Record<string, unknown>]> {
  const found: Array<[string, Record<string, unknown>]> = [];
  const visit = (where: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(`${where}[${i}]`, v));
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.Statement)) (record.Statement as Array<Record<string, unknown>>).forEach((st, i) => found.push([`${where}.Statement[${i}]`, st]));
      for (const [k, v] of Object.entries(record)) visit(`${where}.${k}`, v);
    }
  };
  visit('Resources', template.Resources);
  return found;
}

describe('the upload infrastructure template', () => {
  it('is deployed as a stack of the project\'s own, never as cfn\'s shared CloudFormationManagedUploadInfrastructure, with cfn\'s output names', () => {
    expect(UPLOAD_STACK).toBe('mycompany-testing-mytesthook-upload-infrastructure');
    expect(UPLOAD_STACK).not.toBe('CloudFormationManagedUploadInfrastructure');
    expect(template.Outputs).toEqual({
      CloudFormationManagedUploadBucketName: { Value: { Ref: 'ArtifactBucket' } },
      LogAndMetricsDeliveryRoleArn: { Value: { 'Fn::GetAtt': ['LogAndMetricsDeliveryRole', 'Arn'] } },
    });
  });

  it.each(buckets)('bucket %s meets the hook\'s default policy (AES256, BucketKeyEnabled on every rule), blocks public access and uses no ACL', (_id, bucket) => {
    const rules = (bucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: Array<{ BucketKeyEnabled: boolean; ServerSideEncryptionByDefault: { SSEAlgorithm: string } }> })
      .ServerSideEncryptionConfiguration;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.BucketKeyEnabled === true && r.ServerSideEncryptionByDefault.SSEAlgorithm === 'AES256')).toBe(true);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties).not.toHaveProperty('AccessControl');
  });

  it('has no KMS key: with SSE-S3 buckets nothing uses one', () => {
    expect(Object.values(template.Resources).map((r) => r.Type)).not.toContain('AWS::KMS::Key');
  });

  it.each(statements())('%s grants nothing to the cloudformation.amazonaws.com service principal', (_where, statement) => {
    // RegisterType reads the package as the caller (cfn's template grants the service nothing); an unconditioned
    // service-principal grant would serve any account's use of the service.
    expect(JSON.stringify(statement.Principal ?? null)).not.toContain('"cloudformation.amazonaws.com"');
  });

  it('lets CloudFormation\'s hook and resource services assume the log role with no aws:SourceAccount condition, as cfn does since PR #988', () => {
    const trust = (template.Resources.LogAndMetricsDeliveryRole.Properties.AssumeRolePolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(trust).toEqual([{ Effect: 'Allow', Principal: { Service: ['hooks.cloudformation.amazonaws.com', 'resources.cloudformation.amazonaws.com'] }, Action: 'sts:AssumeRole' }]);
  });

  it('keeps the access-log bucket when the stack is deleted', () => {
    expect(template.Resources.AccessLogsBucket.DeletionPolicy).toBe('Retain');
  });
});

describe('upload-infrastructure.yaml under the project\'s own hook (the simulator)', () => {
  const scratch = scratchFolderPerTest('upload-infra-');
  const configuration = (properties: Record<string, string>, stackFilters?: unknown): string =>
    JSON.stringify({
      CloudFormationConfiguration: {
        HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetStacks: 'ALL', Properties: properties, ...(stackFilters ? { StackFilters: stackFilters } : {}) },
      },
    });
  it.each([
    ['the default configuration (AES256)', undefined, 0, /CREATE_COMPLETE/],
    ['encryptionAlgorithm aws:kms', configuration({ encryptionAlgorithm: 'aws:kms' }), 1, /ROLLBACK_COMPLETE.*AccessLogsBucket/],
    [
      'aws:kms with the upload stack excluded by StackFilters',
      configuration({ encryptionAlgorithm: 'aws:kms' }, { FilteringCriteria: 'ALL', StackNames: { Exclude: [UPLOAD_STACK] } }),
      0,
      /CREATE_COMPLETE.*0 hook invocations/,
    ],
  ])('creating the stack under %s', async (_name, config, exitCode, verdict) => {
    const argv = [TEMPLATE_FILE, '--stack-name', UPLOAD_STACK, '-q'];
    if (config !== undefined) argv.push('--config', scratch.file('config.json', config));
    const { code, out } = await runSimulate(scratch.dir, argv);
    expect(out).toMatch(verdict);
    expect(code).toBe(exitCode);
  });
});

describe('upload-infrastructure.yaml, read by the project\'s own template reader and resolver', () => {
  it('is what submit deploys, byte for byte', () => {
    expect(UPLOAD_INFRASTRUCTURE_TEMPLATE).toBe(readFileSync(TEMPLATE_FILE, 'utf8'));
  });

  it('reads as a CloudFormation template and resolves', () => {
    const source = readTemplateFile(TEMPLATE_FILE);
    const resolved = resolveTemplate(source, { stackName: UPLOAD_STACK, region: 'eu-west-1', accountId: '123456789012', parameters: {} });
    expect(resolved.warnings).toEqual([]);
    expect(resolved.resources.map((r) => [r.logicalId, r.type]).sort()).toEqual([
      ['AccessLogsBucket', 'AWS::S3::Bucket'],
      ['AccessLogsBucketPolicy', 'AWS::S3::BucketPolicy'],
      ['ArtifactBucket', 'AWS::S3::Bucket'],
      ['ArtifactCopyPolicy', 'AWS::S3::BucketPolicy'],
      ['LogAndMetricsDeliveryRole', 'AWS::IAM::Role'],
    ]);
    expect(Object.keys(resolved.outputs).sort()).toEqual([UPLOAD_BUCKET_OUTPUT, LOG_DELIVERY_ROLE_OUTPUT].sort());
    const artifact = resolved.resources.find((r) => r.logicalId === 'ArtifactBucket');
    expect(resolved.outputs[UPLOAD_BUCKET_OUTPUT]).toBe(artifact?.physicalId);
    // Fn::Sub with the partition resolves: the China partition gets arn:aws-cn:…
    const china = resolveTemplate(readTemplate('upload-infrastructure.yaml', UPLOAD_INFRASTRUCTURE_TEMPLATE), {
      stackName: UPLOAD_STACK,
      region: 'cn-north-1',
      accountId: '123456789012',
      parameters: {},
    });
    expect(JSON.stringify(china.resources.find((r) => r.logicalId === 'AccessLogsBucketPolicy')?.properties)).toContain('arn:aws-cn:s3:::');
  });
});
