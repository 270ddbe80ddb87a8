/**
 * Wire-level requests (test/fixtures/handlers/requests/*.json), shaped as CloudFormation sends them,
 * through the real entrypoint: the verdict, the error code, what the message names, and the contract.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEntrypoint } from '../../src/handlers';
import { progressEventViolations, type HookErrorCode, type HookStatus } from '../../src/kernel/protocol';
import { captureLogs, FIXTURES, loadRequest } from './support';
import { expectGolden, goldenJson } from '../support/golden';

type Row = [fixture: string, status: HookStatus, code: HookErrorCode | undefined, messageParts: string[]];

const ROWS: Row[] = [
  ['s3-create-compliant-aes256', 'SUCCESS', undefined, ['MyBucket', 'demo-logs', 'complies']],
  ['s3-create-bucket-key-string-false', 'FAILED', 'NonCompliant', ['MyBucket', '"demo-data"', 'ServerSideEncryptionConfiguration[0].BucketKeyEnabled: found "false"; required true']],
  ['s3-create-bucket-key-not-boolean', 'FAILED', 'NonCompliant', ['BucketKeyEnabled: found "yes", which is not a boolean']],
  ['s3-create-no-encryption', 'FAILED', 'NonCompliant', ['demo-plain', 'BucketEncryption: found absent']],
  ['s3-create-empty-rules', 'FAILED', 'NonCompliant', ['ServerSideEncryptionConfiguration: found an empty list']],
  ['s3-create-kms-compliant', 'SUCCESS', undefined, ['complies']],
  ['s3-create-kms-without-key', 'FAILED', 'NonCompliant', ['KMSMasterKeyID: found absent', 'required a KMS key']],
  [
    's3-create-many-failures',
    'FAILED',
    'NonCompliant',
    ['[0].ServerSideEncryptionByDefault.SSEAlgorithm: found "AES256"; required "aws:kms"', '[0].BucketKeyEnabled: found "false"', '[1].BucketKeyEnabled: found absent', '[1].ServerSideEncryptionByDefault.KMSMasterKeyID'],
  ],
  ['s3-update-add-encryption', 'SUCCESS', undefined, ['complies']],
  ['s3-update-remove-encryption', 'FAILED', 'NonCompliant', ['s3-no-encryption-downgrade', 's3-encryption-configured']],
  ['s3-update-downgrade-dsse-to-kms', 'FAILED', 'NonCompliant', ['found strongest algorithm "aws:kms"; required at least "aws:kms:dsse"']],
  ['s3-update-rotate-kms-key', 'SUCCESS', undefined, []],
  ['s3-update-upgrade-aes-to-kms', 'SUCCESS', undefined, []],
  ['sqs-create-kms', 'SUCCESS', undefined, ['OrdersQueue', '"orders"']],
  ['sqs-create-sse-sqs-only', 'FAILED', 'NonCompliant', ['EventsQueue', 'KmsMasterKeyId: found absent (SqsManagedSseEnabled is true']],
  ['sqs-create-no-properties', 'FAILED', 'NonCompliant', ['BareQueue', 'KmsMasterKeyId']],
  ['sqs-update-key-rotated', 'SUCCESS', undefined, []],
  ['sqs-update-key-removed', 'FAILED', 'NonCompliant', ['sqs-kms-key-kept', 'deployed: "alias/old"']],
  ['s3-delete-minimum-zero', 'SUCCESS', undefined, []],
  ['sqs-delete-minimum-zero', 'SUCCESS', undefined, []],
  ['unsupported-target', 'FAILED', 'UnsupportedTarget', ['AWS::EC2::Instance']],
  ['stack-target', 'FAILED', 'UnsupportedTarget', ['STACK']],
  ['malformed-no-request-data', 'FAILED', 'InvalidRequest', ['requestData is missing']],
  ['malformed-no-target-name', 'FAILED', 'InvalidRequest', ['requestData.targetName']],
  ['malformed-target-model-string', 'FAILED', 'InvalidRequest', ['requestData.targetModel']],
  ['malformed-invocation-point', 'FAILED', 'InvalidRequest', ['CREATE_POST_PROVISION', 'CREATE_PRE_PROVISION']],
  ['malformed-credentials', 'FAILED', 'InvalidRequest', ['requestData.callerCredentials is not valid JSON']],
  ['bad-type-config-algorithm', 'FAILED', 'InvalidTypeConfiguration', ['encryptionAlgorithm', 'rot13', 'aws:kms:dsse']],
  ['bad-type-config-min-buckets', 'FAILED', 'InvalidTypeConfiguration', ['minBuckets', '"abc"']],
  ['unknown-fields-tolerated', 'SUCCESS', undefined, []],
];

describe('wire-level request fixtures', () => {
  it('covers every fixture file with a row', () => {
    const files = readdirSync(join(FIXTURES, 'requests')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(ROWS.map((r) => r[0]).sort());
  });

  it.each(ROWS)('%s → %s %s', async (fixture, status, code, parts) => {
    const request = loadRequest(fixture);
    // No client factory: a preDelete with minimum 0 must not need one (it would reach for real AWS).
    const answer = await createEntrypoint({ log: captureLogs().log })(request);
    expect(answer.hookStatus).toBe(status);
    expect(answer.errorCode).toBe(code);
    expect(answer.clientRequestToken).toBe(request.clientRequestToken);
    expect(progressEventViolations(answer)).toEqual([]);
    for (const part of parts) expect(answer.message).toContain(part);
    expect((answer.message ?? '').length).toBeGreaterThan(0);
    // The whole answer, as reviewed (regenerate with npm run golden).
    expectGolden(join(FIXTURES, 'answers', `${fixture}.json`), goldenJson(answer));
  });
});
