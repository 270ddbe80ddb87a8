/**
 * Each check of the policy table on its own, table-driven: the property values CloudFormation really
 * sends (strings for booleans), the status, and the property paths of the findings.
 */
import { checksFor, POLICY, type CheckDefinition, type CheckResult } from '../../src/handlers/checks';
import type { InventoryAccess } from '../../src/handlers/inventory';
import type { HookTarget } from '../../src/handlers/request';
import type { TypeConfiguration } from '../../src/handlers/type-configuration';
import type { InvocationPoint, JsonObject } from '../../src/kernel/protocol';

const NO_AWS: InventoryAccess = {
  concurrency: 1,
  millisLeft: () => Number.POSITIVE_INFINITY,
  clients: () => Promise.reject(new Error('a pure check must not reach for AWS')),
};

function check(id: string): CheckDefinition {
  const found = POLICY.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

async function run(id: string, properties: JsonObject, config: Partial<TypeConfiguration> = {}, previous?: JsonObject): Promise<CheckResult> {
  const target: HookTarget = { typeName: check(id).targets[0] as string, logicalId: 'R', properties, previousProperties: previous };
  const outcome = await check(id).check({
    id,
    target,
    configuration: { encryptionAlgorithm: 'AES256', minBuckets: 0, minQueues: 0, ...config },
    inventory: NO_AWS,
  });
  if (outcome.status === 'SUSPEND') throw new Error('unexpected suspension');
  return outcome;
}

const rule = (algorithm: string | undefined, bucketKey?: unknown, key?: string): JsonObject => ({
  ServerSideEncryptionByDefault: { ...(algorithm !== undefined ? { SSEAlgorithm: algorithm } : {}), ...(key ? { KMSMasterKeyID: key } : {}) },
  ...(bucketKey !== undefined ? { BucketKeyEnabled: bucketKey as JsonObject[string] } : {}),
});
const bucket = (...rules: JsonObject[]): JsonObject => ({ BucketEncryption: { ServerSideEncryptionConfiguration: rules } });
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/abcd';
const R0 = 'BucketEncryption.ServerSideEncryptionConfiguration[0]';

type Row = [why: string, properties: JsonObject, config: Partial<TypeConfiguration>, status: CheckResult['status'], paths: string[]];

describe('the policy table', () => {
  it('registers every check once, each with a summary, remediation and at least one target and invocation point', () => {
    const ids = POLICY.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of POLICY) {
      expect(c.summary.length).toBeGreaterThan(10);
      expect(c.remediation.length).toBeGreaterThan(10);
      expect(c.targets.length).toBeGreaterThan(0);
      expect(c.invocationPoints.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['AWS::S3::Bucket', 'CREATE_PRE_PROVISION', ['s3-encryption-configured', 's3-algorithm-matches', 's3-bucket-key-enabled', 's3-kms-key-present']],
    ['AWS::S3::Bucket', 'UPDATE_PRE_PROVISION', ['s3-encryption-configured', 's3-algorithm-matches', 's3-bucket-key-enabled', 's3-kms-key-present', 's3-no-encryption-downgrade']],
    ['AWS::S3::Bucket', 'DELETE_PRE_PROVISION', ['s3-minimum-encrypted-buckets']],
    ['AWS::SQS::Queue', 'CREATE_PRE_PROVISION', ['sqs-kms-key-present']],
    ['AWS::SQS::Queue', 'UPDATE_PRE_PROVISION', ['sqs-kms-key-present', 'sqs-kms-key-kept']],
    ['AWS::SQS::Queue', 'DELETE_PRE_PROVISION', ['sqs-minimum-encrypted-queues']],
    ['AWS::SNS::Topic', 'CREATE_PRE_PROVISION', []],
    ['aws::s3::bucket', 'CREATE_PRE_PROVISION', []],
  ] as Array<[string, InvocationPoint, string[]]>)('%s at %s runs %j', (target, point, ids) => {
    // The expectation is literal data; the selection under test is the one the handler runs (checksFor).
    expect(checksFor(target, point).map((c) => c.id)).toEqual(ids);
  });
});

describe('s3-encryption-configured', () => {
  it.each<Row>([
    ['one rule', bucket(rule('AES256', 'true')), {}, 'PASS', []],
    ['no BucketEncryption', { BucketName: 'b' }, {}, 'FAIL', ['BucketEncryption']],
    ['BucketEncryption is a string', { BucketEncryption: 'AES256' }, {}, 'FAIL', ['BucketEncryption']],
    ['no rule list', { BucketEncryption: {} }, {}, 'FAIL', ['BucketEncryption.ServerSideEncryptionConfiguration']],
    ['empty rule list', bucket(), {}, 'FAIL', ['BucketEncryption.ServerSideEncryptionConfiguration']],
    ['rule list is an object', { BucketEncryption: { ServerSideEncryptionConfiguration: { a: '1' } } }, {}, 'FAIL', ['BucketEncryption.ServerSideEncryptionConfiguration']],
  ])('%s → %s', async (_why, properties, config, status, paths) => {
    const result = await run('s3-encryption-configured', properties, config);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => f.path)).toEqual(paths);
  });
});

describe('s3-algorithm-matches', () => {
  it.each<Row>([
    ['AES256 configured and used', bucket(rule('AES256')), {}, 'PASS', []],
    ['aws:kms used, AES256 configured', bucket(rule('aws:kms', 'true', KEY)), {}, 'FAIL', [`${R0}.ServerSideEncryptionByDefault.SSEAlgorithm`]],
    ['dsse configured and used', bucket(rule('aws:kms:dsse', 'true', KEY)), { encryptionAlgorithm: 'aws:kms:dsse' }, 'PASS', []],
    ['second rule differs', bucket(rule('AES256'), rule('aws:kms')), {}, 'FAIL', ['BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault.SSEAlgorithm']],
    ['algorithm absent', bucket(rule(undefined)), {}, 'FAIL', [`${R0}.ServerSideEncryptionByDefault.SSEAlgorithm`]],
    ['case matters: aes256', bucket(rule('aes256')), {}, 'FAIL', [`${R0}.ServerSideEncryptionByDefault.SSEAlgorithm`]],
    ['a rule that is not an object', { BucketEncryption: { ServerSideEncryptionConfiguration: ['AES256'] } }, {}, 'FAIL', [R0]],
    ['no rules: left to s3-encryption-configured', {}, {}, 'SKIP', []],
  ])('%s → %s', async (_why, properties, config, status, paths) => {
    const result = await run('s3-algorithm-matches', properties, config);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => f.path)).toEqual(paths);
  });
});

describe('s3-bucket-key-enabled (CloudFormation sends booleans as strings)', () => {
  it.each<Row>([
    ['"true"', bucket(rule('AES256', 'true')), {}, 'PASS', []],
    ['true', bucket(rule('AES256', true)), {}, 'PASS', []],
    ['"false" is false, not truthy', bucket(rule('AES256', 'false')), {}, 'FAIL', [`${R0}.BucketKeyEnabled`]],
    ['false', bucket(rule('AES256', false)), {}, 'FAIL', [`${R0}.BucketKeyEnabled`]],
    ['absent is false', bucket(rule('AES256')), {}, 'FAIL', [`${R0}.BucketKeyEnabled`]],
    ['"True" is not a boolean', bucket(rule('AES256', 'True')), {}, 'FAIL', [`${R0}.BucketKeyEnabled`]],
    ['"1" is not a boolean', bucket(rule('AES256', '1')), {}, 'FAIL', [`${R0}.BucketKeyEnabled`]],
    ['every rule is checked', bucket(rule('AES256', 'true'), rule('AES256', 'false')), {}, 'FAIL', ['BucketEncryption.ServerSideEncryptionConfiguration[1].BucketKeyEnabled']],
    ['a rule that is not an object: left to s3-algorithm-matches, no BucketKeyEnabled finding', { BucketEncryption: { ServerSideEncryptionConfiguration: ['AES256'] } }, {}, 'PASS', []],
    ['no rules', {}, {}, 'SKIP', []],
  ])('%s → %s', async (_why, properties, config, status, paths) => {
    const result = await run('s3-bucket-key-enabled', properties, config);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => f.path)).toEqual(paths);
  });

  it('says when a value is not a boolean', async () => {
    const result = await run('s3-bucket-key-enabled', bucket(rule('AES256', 'yes')));
    expect(result.findings[0]?.found).toBe('"yes", which is not a boolean');
  });
});

describe('s3-kms-key-present', () => {
  it.each<Row>([
    ['AES256 needs no key', bucket(rule('AES256')), {}, 'SKIP', []],
    ['aws:kms with a key', bucket(rule('aws:kms', 'true', KEY)), { encryptionAlgorithm: 'aws:kms' }, 'PASS', []],
    ['aws:kms without a key', bucket(rule('aws:kms', 'true')), { encryptionAlgorithm: 'aws:kms' }, 'FAIL', [`${R0}.ServerSideEncryptionByDefault.KMSMasterKeyID`]],
    ['dsse with a blank key', bucket(rule('aws:kms:dsse', 'true', '  ')), { encryptionAlgorithm: 'aws:kms:dsse' }, 'FAIL', [`${R0}.ServerSideEncryptionByDefault.KMSMasterKeyID`]],
    ['no rules', {}, { encryptionAlgorithm: 'aws:kms' }, 'SKIP', []],
  ])('%s → %s', async (_why, properties, config, status, paths) => {
    const result = await run('s3-kms-key-present', properties, config);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => f.path)).toEqual(paths);
  });
});

describe('sqs-kms-key-present', () => {
  it.each<Row>([
    ['a key alias', { KmsMasterKeyId: 'alias/orders' }, {}, 'PASS', []],
    ['a key ARN', { KmsMasterKeyId: KEY }, {}, 'PASS', []],
    ['SSE-SQS only', { SqsManagedSseEnabled: 'true' }, {}, 'FAIL', ['KmsMasterKeyId']],
    ['nothing', {}, {}, 'FAIL', ['KmsMasterKeyId']],
    ['empty string', { KmsMasterKeyId: '' }, {}, 'FAIL', ['KmsMasterKeyId']],
    ['an unresolved intrinsic object', { KmsMasterKeyId: { Ref: 'Key' } }, {}, 'FAIL', ['KmsMasterKeyId']],
  ])('%s → %s', async (_why, properties, config, status, paths) => {
    const result = await run('sqs-kms-key-present', properties, config);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => f.path)).toEqual(paths);
  });
});

describe('s3-no-encryption-downgrade (the policy never blocks its own remediation)', () => {
  type UpdateRow = [why: string, previous: JsonObject | undefined, next: JsonObject, status: CheckResult['status']];
  it.each<UpdateRow>([
    ['no previous properties', undefined, bucket(rule('AES256')), 'SKIP'],
    ['adding encryption to an unencrypted bucket', {}, bucket(rule('AES256')), 'PASS'],
    ['removing encryption', bucket(rule('AES256')), {}, 'FAIL'],
    ['emptying the rule list', bucket(rule('AES256')), bucket(), 'FAIL'],
    ['aws:kms → AES256', bucket(rule('aws:kms')), bucket(rule('AES256')), 'FAIL'],
    ['dsse → aws:kms', bucket(rule('aws:kms:dsse')), bucket(rule('aws:kms')), 'FAIL'],
    ['AES256 → aws:kms', bucket(rule('AES256')), bucket(rule('aws:kms')), 'PASS'],
    ['aws:kms → dsse', bucket(rule('aws:kms')), bucket(rule('aws:kms:dsse')), 'PASS'],
    ['rotating the KMS key', bucket(rule('aws:kms', 'true', KEY)), bucket(rule('aws:kms', 'true', `${KEY}2`)), 'PASS'],
    ['adding a rule', bucket(rule('aws:kms')), bucket(rule('aws:kms'), rule('aws:kms')), 'PASS'],
    ['same algorithm', bucket(rule('AES256')), bucket(rule('AES256')), 'PASS'],
  ])('%s → %s', async (_why, previous, next, status) => {
    const result = await run('s3-no-encryption-downgrade', next, {}, previous);
    expect(result.status).toBe(status);
    if (status === 'FAIL') expect(result.findings[0]?.required).toMatch(/deployed/);
  });
});

describe('sqs-kms-key-kept', () => {
  type UpdateRow = [why: string, previous: JsonObject | undefined, next: JsonObject, status: CheckResult['status']];
  it.each<UpdateRow>([
    ['no previous properties', undefined, { KmsMasterKeyId: 'alias/a' }, 'SKIP'],
    ['had no key', {}, {}, 'PASS'],
    ['key kept', { KmsMasterKeyId: 'alias/a' }, { KmsMasterKeyId: 'alias/a' }, 'PASS'],
    ['key replaced by another', { KmsMasterKeyId: 'alias/a' }, { KmsMasterKeyId: 'alias/b' }, 'PASS'],
    ['key removed', { KmsMasterKeyId: 'alias/a' }, {}, 'FAIL'],
    ['key blanked', { KmsMasterKeyId: 'alias/a' }, { KmsMasterKeyId: '' }, 'FAIL'],
    ['key replaced by an unresolved intrinsic object', { KmsMasterKeyId: 'alias/a' }, { KmsMasterKeyId: { Ref: 'Key' } }, 'FAIL'],
    ['key replaced by SSE-SQS', { KmsMasterKeyId: 'alias/a' }, { SqsManagedSseEnabled: 'true' }, 'FAIL'],
  ])('%s → %s', async (_why, previous, next, status) => {
    expect((await run('sqs-kms-key-kept', next, {}, previous)).status).toBe(status);
  });
});

describe('minimum checks with a minimum of 0', () => {
  it.each(['s3-minimum-encrypted-buckets', 'sqs-minimum-encrypted-queues'])('%s passes without any AWS call', async (id) => {
    // NO_AWS rejects if clients() is called: passing proves no call was attempted.
    expect((await run(id, {})).status).toBe('PASS');
  });
});
