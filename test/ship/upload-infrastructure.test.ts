import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTemplate } from '../../simulator/cloudformation/resolve';
import { readTemplate, readTemplateFile } from '../../simulator/cloudformation/template';
import { UPLOAD_INFRASTRUCTURE_STACK, UPLOAD_INFRASTRUCTURE_TEMPLATE } from '../../src/ship';
import { LOG_DELIVERY_ROLE_OUTPUT, UPLOAD_BUCKET_OUTPUT } from '../../src/ship/submit/upload-infrastructure';
import { repoRoot } from './temporary-project';

const TEMPLATE_FILE = join(repoRoot, 'src', 'ship', 'submit', 'upload-infrastructure.yaml');

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
}
const template = parse(UPLOAD_INFRASTRUCTURE_TEMPLATE) as { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };
const buckets = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::S3::Bucket');

describe('the managed upload infrastructure template', () => {
  it('keeps cfn\'s stack name and output names, so cfn and this tool share the stack', () => {
    expect(UPLOAD_INFRASTRUCTURE_STACK).toBe('CloudFormationManagedUploadInfrastructure');
    expect(template.Outputs).toEqual({
      CloudFormationManagedUploadBucketName: { Value: { Ref: 'ArtifactBucket' } },
      LogAndMetricsDeliveryRoleArn: { Value: { 'Fn::GetAtt': ['LogAndMetricsDeliveryRole', 'Arn'] } },
    });
  });

  it.each(buckets)('bucket %s is encrypted with S3 Bucket Keys, blocks public access and uses no ACL', (_id, bucket) => {
    const rules = (bucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: Array<{ BucketKeyEnabled: boolean }> }).ServerSideEncryptionConfiguration;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.BucketKeyEnabled === true)).toBe(true);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties).not.toHaveProperty('AccessControl');
  });

  it('encrypts the access-log bucket with SSE-S3, the only encryption server access logging delivers to', () => {
    const logs = template.Resources.AccessLogsBucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: Array<{ ServerSideEncryptionByDefault: { SSEAlgorithm: string } }> };
    expect(logs.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
  });

  it('lets CloudFormation\'s hook and resource services assume the log role only for this account', () => {
    const trust = (template.Resources.LogAndMetricsDeliveryRole.Properties.AssumeRolePolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement[0];
    expect(trust.Principal).toEqual({ Service: ['hooks.cloudformation.amazonaws.com', 'resources.cloudformation.amazonaws.com'] });
    expect(trust.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
  });

  it('keeps the KMS key when the stack is deleted, so uploaded packages stay readable', () => {
    expect(template.Resources.EncryptionKey.DeletionPolicy).toBe('Retain');
  });
});

describe('upload-infrastructure.yaml, read by the project\'s own template reader and resolver', () => {
  it('is what submit deploys, byte for byte', () => {
    expect(UPLOAD_INFRASTRUCTURE_TEMPLATE).toBe(readFileSync(TEMPLATE_FILE, 'utf8'));
  });

  it('reads as a CloudFormation template and resolves for the stack cfn names', () => {
    const source = readTemplateFile(TEMPLATE_FILE);
    const resolved = resolveTemplate(source, { stackName: UPLOAD_INFRASTRUCTURE_STACK, region: 'eu-west-1', accountId: '123456789012', parameters: {} });
    expect(resolved.warnings).toEqual([]);
    expect(resolved.resources.map((r) => [r.logicalId, r.type]).sort()).toEqual([
      ['AccessLogsBucket', 'AWS::S3::Bucket'],
      ['AccessLogsBucketPolicy', 'AWS::S3::BucketPolicy'],
      ['ArtifactBucket', 'AWS::S3::Bucket'],
      ['ArtifactCopyPolicy', 'AWS::S3::BucketPolicy'],
      ['EncryptionKey', 'AWS::KMS::Key'],
      ['LogAndMetricsDeliveryRole', 'AWS::IAM::Role'],
    ]);
    expect(Object.keys(resolved.outputs).sort()).toEqual([UPLOAD_BUCKET_OUTPUT, LOG_DELIVERY_ROLE_OUTPUT].sort());
    const artifact = resolved.resources.find((r) => r.logicalId === 'ArtifactBucket');
    expect(resolved.outputs[UPLOAD_BUCKET_OUTPUT]).toBe(artifact?.physicalId);
    // Fn::Sub with the partition resolves: the China partition gets arn:aws-cn:…
    const china = resolveTemplate(readTemplate('upload-infrastructure.yaml', UPLOAD_INFRASTRUCTURE_TEMPLATE), {
      stackName: UPLOAD_INFRASTRUCTURE_STACK,
      region: 'cn-north-1',
      accountId: '123456789012',
      parameters: {},
    });
    expect(JSON.stringify(china.resources.find((r) => r.logicalId === 'EncryptionKey')?.properties)).toContain('arn:aws-cn:iam::123456789012:root');
  });
});
