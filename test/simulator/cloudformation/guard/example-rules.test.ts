/**
 * The example Guard rules shipped in docs/examples/hooks/rules, evaluated by the real cfn-guard against a fixture
 * template: per resource (a RESOURCE-target Guard hook) and as a whole stack (a STACK-target one).
 */
import { join } from 'node:path';
import { buildGuardInput, evaluateGuard, type GuardEvaluation } from '../../../../simulator/cloudformation/guard';
import { readTemplateFile } from '../../../../simulator/cloudformation/template';
import type { JsonObject } from '../../../../src/kernel/protocol';
import { cfnGuardForTests, describeWithCfnGuard } from '../../../support/cfn-guard';

const binary = cfnGuardForTests('docs/examples/hooks/rules');
const RULES = join(__dirname, '..', '..', '..', '..', 'docs', 'examples', 'hooks', 'rules');
const rules = join(RULES, 's3-buckets.guard');
const inputParams = [join(RULES, 's3-buckets-params.yaml')];
const template = readTemplateFile(join(__dirname, '..', '..', '..', 'fixtures', 'guard', 'example-stack.yaml')).body;
const resources = template.Resources as Record<string, JsonObject>;
const hook = { hookTypeName: 'Private::Guard::S3Buckets' };
const stack = { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/example/0000', accountId: '123456789012' };

const VERSIONING_FIX = '\n        Violation: S3 buckets must have versioning enabled\n        Fix: set Properties.VersioningConfiguration.Status to Enabled\n    ';
const ENCRYPTION_FIX =
  '\n        Violation: S3 buckets must be encrypted with an allowed algorithm\n        Fix: set ServerSideEncryptionByDefault.SSEAlgorithm to one of AllowedEncryptionAlgorithms (s3-buckets-params.yaml)\n    ';

async function evaluate(document: JsonObject): Promise<GuardEvaluation> {
  return evaluateGuard({ binary: binary as string, rules, inputParams, document });
}

describeWithCfnGuard(binary)('the example Guard rules (docs/examples/hooks/rules)', () => {
  it.each<[string, GuardEvaluation['status'], string, Array<[string, string, string?]>]>([
    ['CompliantBucket', 'SUCCESS', 'Successful validation', [['S3_BUCKET_ENCRYPTION_ALLOWED', 'PASSED'], ['S3_BUCKET_VERSIONING_ENABLED', 'PASSED']]],
    [
      'UnversionedBucket',
      'FAILED',
      'Template failed validation, the following rule(s) failed: S3_BUCKET_VERSIONING_ENABLED.',
      [['S3_BUCKET_VERSIONING_ENABLED', 'FAILED', VERSIONING_FIX], ['S3_BUCKET_ENCRYPTION_ALLOWED', 'PASSED']],
    ],
    [
      'WeaklyEncryptedBucket',
      'FAILED',
      'Template failed validation, the following rule(s) failed: S3_BUCKET_ENCRYPTION_ALLOWED.',
      [['S3_BUCKET_ENCRYPTION_ALLOWED', 'FAILED', ENCRYPTION_FIX], ['S3_BUCKET_VERSIONING_ENABLED', 'PASSED']],
    ],
    ['Queue', 'SUCCESS', 'Successful validation', [['S3_BUCKET_ENCRYPTION_ALLOWED', 'SKIPPED'], ['S3_BUCKET_VERSIONING_ENABLED', 'SKIPPED']]],
  ])('RESOURCE %s: %s', async (logicalId, status, message, annotations) => {
    const resource = resources[logicalId];
    const document = buildGuardInput(hook, {
      clientRequestToken: 't',
      stack,
      invocationPoint: 'CREATE_PRE_PROVISION',
      targetName: resource.Type as string,
      logicalId,
      resourceProperties: (resource.Properties as JsonObject | undefined) ?? {},
    });
    const result = await evaluate(document);
    expect([result.status, result.message]).toEqual([status, message]);
    expect(result.annotations.map((a) => [a.annotationName, a.status, ...(a.remediationMessage ? [a.remediationMessage] : [])])).toEqual(annotations);
  });

  it('STACK: the whole template fails both rules, each annotation naming the bucket at fault', async () => {
    const document = buildGuardInput(hook, {
      targetType: 'STACK',
      clientRequestToken: 't',
      stack,
      stackName: 'example',
      invocationPoint: 'CREATE_PRE_PROVISION',
      template,
      previousTemplate: null,
    });
    const result = await evaluate(document);
    expect(result.message).toBe('Template failed validation, the following rule(s) failed: S3_BUCKET_ENCRYPTION_ALLOWED, S3_BUCKET_VERSIONING_ENABLED.');
    const [encryption, versioning] = result.annotations;
    expect(encryption).toMatchObject({ annotationName: 'S3_BUCKET_ENCRYPTION_ALLOWED', status: 'FAILED', remediationMessage: ENCRYPTION_FIX });
    expect(encryption.statusMessage).toMatch(/^Check was not compliant as property \[\/Resources\/WeaklyEncryptedBucket\/Properties\/BucketEncryption\/.*SSEAlgorithm\[L:0,C:\d+\]\] was not present in/);
    expect(versioning).toMatchObject({ annotationName: 'S3_BUCKET_VERSIONING_ENABLED', status: 'FAILED', remediationMessage: VERSIONING_FIX });
    expect(versioning.statusMessage).toMatch(/Path=\/Resources\/UnversionedBucket\/Properties\[L:0,C:\d+\]/);
    expect(versioning.statusMessage).not.toMatch(/CompliantBucket|WeaklyEncryptedBucket/);
  });
});
