/**
 * preDelete against mocked S3 and SQS (aws-sdk-client-mock): pagination, early stop, bounded
 * concurrency, IN_PROGRESS and exact resumption, the deleted resource never counted, and every AWS
 * error mapped to its hook error code with a message naming the call.
 */
import { GetBucketEncryptionCommand, ListBucketsCommand, S3Client, type GetBucketEncryptionCommandOutput, type ServerSideEncryption } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createEntrypoint, type AwsClientFactory, type AwsCredentials, type HandlerOptions } from '../../src/handlers';
import { progressEventViolations, type HookProgressEvent, type InvocationContext, type JsonObject } from '../../src/kernel/protocol';
import { captureLogs, scriptedContext, wireRequest } from './support';

const s3Mock = mockClient(S3Client);
const sqsMock = mockClient(SQSClient);

const made: Array<{ credentials: AwsCredentials | undefined; region: string }> = [];
const factory: AwsClientFactory = (credentials, region) => {
  made.push({ credentials, region });
  return { s3: new S3Client({ region }), sqs: new SQSClient({ region }) };
};

beforeEach(() => {
  s3Mock.reset();
  sqsMock.reset();
  made.length = 0;
});

function handler(options: Partial<HandlerOptions> = {}) {
  return createEntrypoint({ clients: factory, log: captureLogs().log, concurrency: 1, ...options });
}

const ENCRYPTED = (algorithm = 'AES256'): GetBucketEncryptionCommandOutput => ({
  $metadata: {},
  ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: algorithm as ServerSideEncryption } }] },
});
const notFound = () => Object.assign(new Error('The server side encryption configuration was not found'), { name: 'ServerSideEncryptionConfigurationNotFoundError', $fault: 'client', $metadata: { httpStatusCode: 404 } });

/** Buckets `names`, served in pages of `pageSize`; `encrypted` says which use the algorithm. */
function serveBuckets(names: string[], encrypted: (name: string) => boolean, pageSize = 1000, algorithm = 'AES256'): void {
  s3Mock.on(ListBucketsCommand).callsFake((input: { ContinuationToken?: string }) => {
    const start = input.ContinuationToken ? Number(input.ContinuationToken.replace('page-', '')) : 0;
    const next = start + pageSize;
    return { Buckets: names.slice(start, next).map((Name) => ({ Name })), ...(next < names.length ? { ContinuationToken: `page-${next}` } : {}) };
  });
  s3Mock.on(GetBucketEncryptionCommand).callsFake((input: { Bucket: string }) => {
    if (encrypted(input.Bucket)) return ENCRYPTED(algorithm);
    throw notFound();
  });
}

const bucketDelete = (properties: JsonObject, hookModel: JsonObject, callbackContext?: JsonObject) =>
  wireRequest('DELETE_PRE_PROVISION', 'AWS::S3::Bucket', properties, { hookModel, logicalId: 'OldBucket', callbackContext });

const names = (n: number, prefix = 'bucket') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

describe('preDelete, S3', () => {
  it('pages through ListBuckets with MaxBuckets and ContinuationToken until the minimum is met', async () => {
    const all = names(25);
    serveBuckets(all, (b) => b === 'bucket-024', 10);
    const answer = await handler()(bucketDelete({ BucketName: 'bucket-003' }, { minBuckets: '1' }));
    expect(answer.hookStatus).toBe('SUCCESS');
    const listCalls = s3Mock.commandCalls(ListBucketsCommand).map((c) => c.args[0].input);
    expect(listCalls).toEqual([{ MaxBuckets: 1000 }, { MaxBuckets: 1000, ContinuationToken: 'page-10' }, { MaxBuckets: 1000, ContinuationToken: 'page-20' }]);
    // The deleted bucket is never read, every other one is read once.
    const read = s3Mock.commandCalls(GetBucketEncryptionCommand).map((c) => c.args[0].input.Bucket);
    expect(read).toHaveLength(24);
    expect(read).not.toContain('bucket-003');
  });

  it('stops calling as soon as the minimum is reached (early stop, exact call counts)', async () => {
    serveBuckets(names(30), (b) => ['bucket-001', 'bucket-004', 'bucket-005'].includes(b), 10);
    const answer = await handler()(bucketDelete({ BucketName: 'x' }, { minBuckets: '2' }));
    expect(answer.hookStatus).toBe('SUCCESS');
    expect(s3Mock.commandCalls(ListBucketsCommand)).toHaveLength(1);
    expect(s3Mock.commandCalls(GetBucketEncryptionCommand).map((c) => c.args[0].input.Bucket)).toEqual(['bucket-000', 'bucket-001', 'bucket-002', 'bucket-003', 'bucket-004']);
  });

  it('fails with the count and the minimum when too few encrypted buckets remain', async () => {
    serveBuckets(['keep-a', 'keep-b', 'doomed'], (b) => b !== 'keep-b');
    const answer = await handler()(bucketDelete({ BucketName: 'doomed' }, { minBuckets: '2' }));
    expect(answer.hookStatus).toBe('FAILED');
    expect(answer.errorCode).toBe('NonCompliant');
    expect(answer.message).toContain('AWS::S3::Bucket OldBucket (bucket "doomed")');
    expect(answer.message).toContain('found 1 other bucket(s) encrypted with AES256');
    expect(answer.message).toContain('required at least 2');
    expect(progressEventViolations(answer)).toEqual([]);
  });

  it('counts only buckets using the configured algorithm', async () => {
    s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }] });
    s3Mock.on(GetBucketEncryptionCommand, { Bucket: 'a' }).resolves(ENCRYPTED('AES256'));
    s3Mock.on(GetBucketEncryptionCommand, { Bucket: 'b' }).resolves(ENCRYPTED('aws:kms'));
    s3Mock.on(GetBucketEncryptionCommand, { Bucket: 'c' }).rejects(Object.assign(new Error('gone'), { name: 'NoSuchBucket', $fault: 'client', $metadata: { httpStatusCode: 404 } }));
    const answer = await handler()(bucketDelete({ BucketName: 'z', BucketEncryption: { ServerSideEncryptionConfiguration: [] } }, { encryptionAlgorithm: 'aws:kms', minBuckets: '2' }));
    expect(answer.hookStatus).toBe('FAILED');
    expect(answer.message).toContain('found 1 other bucket(s) encrypted with aws:kms');
  });

  it.each([
    ['AES256, no BucketName: every bucket is SSE-S3 by default, so one more is required', { minBuckets: '2' }, {}, 'FAILED'],
    ['AES256 with a BucketName: the bucket is excluded by name', { minBuckets: '2' }, { BucketName: 'other' }, 'SUCCESS'],
    ['AES256, no BucketName, no BucketEncryption in the template (S3 encrypts it anyway): one more is required', { minBuckets: '2' }, { Tags: [] }, 'FAILED'],
    [
      'aws:kms, no BucketName, the bucket uses aws:kms: it may be among those found',
      { encryptionAlgorithm: 'aws:kms', minBuckets: '2' },
      { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'k' } }] } },
      'FAILED',
    ],
    ['aws:kms, no BucketName, the bucket is not KMS-encrypted: it cannot be among those found', { encryptionAlgorithm: 'aws:kms', minBuckets: '2' }, { Tags: [] }, 'SUCCESS'],
  ] as Array<[string, JsonObject, JsonObject, string]>)('%s', async (_why, hookModel, properties, status) => {
    serveBuckets(['enc-1', 'enc-2'], () => true, 1000, String(hookModel.encryptionAlgorithm ?? 'AES256'));
    const answer = await handler()(bucketDelete(properties, hookModel));
    expect(answer.hookStatus).toBe(status);
    if (status === 'FAILED') {
      expect(answer.message).toContain('one more than minBuckets must be found');
      // Both found may include the bucket being deleted: they are counted, never called "other".
      expect(answer.message).toContain('found 2 bucket(s), the one being deleted possibly among them, encrypted with');
      expect(answer.message).not.toMatch(/\d+ other bucket/);
    }
  });

  it('never runs more calls at once than the concurrency bound', async () => {
    let inFlight = 0;
    let peak = 0;
    s3Mock.on(ListBucketsCommand).resolves({ Buckets: names(40).map((Name) => ({ Name })) });
    s3Mock.on(GetBucketEncryptionCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      throw notFound();
    });
    const answer = await handler({ concurrency: 4 })(bucketDelete({ BucketName: 'x' }, { minBuckets: '1' }));
    expect(answer.hookStatus).toBe('FAILED');
    expect(peak).toBe(4);
    expect(s3Mock.commandCalls(GetBucketEncryptionCommand)).toHaveLength(40);
  });

  it('uses the request credentials and the stack region for its clients', async () => {
    serveBuckets(['a'], () => true);
    await handler()(bucketDelete({ BucketName: 'x' }, { minBuckets: '1' }));
    expect(made).toEqual([{ region: 'eu-west-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: expect.any(String), sessionToken: expect.any(String) } }]);
  });
});

/** The cursor alone, over more resumes than the service's 3 IN_PROGRESS answers allow (that bound is tested below). */
const RESUME_ONLY: Partial<HandlerOptions> = { maxInProgressAnswers: Number.POSITIVE_INFINITY };

/** Invokes until the answer is final, feeding callbackContext back as the service does; each invocation gets a fresh budget. */
async function invokeUntilDone(
  run: (event: unknown, context?: InvocationContext) => Promise<HookProgressEvent>,
  request: JsonObject,
  budget: () => InvocationContext,
): Promise<{ answers: HookProgressEvent[] }> {
  const answers: HookProgressEvent[] = [];
  let callbackContext: JsonObject | undefined;
  for (let i = 0; i < 50; i++) {
    const event = { ...request, requestContext: { invocation: i + 1, callbackContext: callbackContext ?? null } };
    const answer = await run(JSON.parse(JSON.stringify(event)), budget());
    expect(progressEventViolations(answer)).toEqual([]);
    answers.push(answer);
    if (answer.hookStatus !== 'IN_PROGRESS') return { answers };
    callbackContext = JSON.parse(JSON.stringify(answer.callbackContext)) as JsonObject;
  }
  throw new Error('did not finish in 50 invocations');
}

describe('preDelete on the last invocation the service allows (3 IN_PROGRESS answers, the first invocation numbered 1)', () => {
  const CURSOR = { 's3-minimum-encrypted-buckets': { offset: 1, count: 1, lastItem: 'bucket-000' } };
  const at = (invocation: number | undefined, callbackContext: JsonObject | null): JsonObject => {
    const request = bucketDelete({ BucketName: 'x' }, { minBuckets: '9' });
    return { ...request, requestContext: invocation === undefined ? { callbackContext } : { invocation, callbackContext } };
  };

  it.each<[string, number | undefined, JsonObject | null, 'IN_PROGRESS' | 'FAILED', number | undefined]>([
    ['the first invocation', 1, null, 'IN_PROGRESS', 1],
    ['no invocation number and no count (a harness)', undefined, null, 'IN_PROGRESS', 1],
    ['invocation 3 after 2 answers', 3, { ...CURSOR, inProgressAnswers: 2 }, 'IN_PROGRESS', 3],
    ['invocation 4 (the service numbers it), no count saved', 4, CURSOR, 'FAILED', undefined],
    ['invocation 2 but 3 answers counted (a harness that numbers every call 1 or 2)', 2, { ...CURSOR, inProgressAnswers: 3 }, 'FAILED', undefined],
    ['no invocation number, 3 answers counted', undefined, { ...CURSOR, inProgressAnswers: 3 }, 'FAILED', undefined],
  ])('%s: a count that would suspend answers %s', async (_what, invocation, callbackContext, status, answersSaved) => {
    serveBuckets(names(30), (b) => b.endsWith('0') || b.endsWith('5'), 10);
    const answer = await handler()(at(invocation, callbackContext), scriptedContext([30000, 1000]));
    expect(progressEventViolations(answer)).toEqual([]);
    expect(answer.hookStatus).toBe(status);
    if (status === 'IN_PROGRESS') {
      expect(answer.callbackContext?.inProgressAnswers).toBe(answersSaved);
    } else {
      // Not NonCompliant: the minimum may be met further on; what ran out is the service's bound on invocations.
      expect(answer).toMatchObject({
        errorCode: 'ServiceLimitExceeded',
        message: expect.stringMatching(
          /^AWS::S3::Bucket OldBucket \(bucket "x"\): s3-minimum-encrypted-buckets could not finish: the account's inventory was too large to count within the 4 invocations the service allows a hook \(3 IN_PROGRESS answers\); counted so far: \d+ of 9 encrypted bucket\(s\) found so far\./,
        ),
        annotations: [expect.objectContaining({ annotationName: 's3-minimum-encrypted-buckets', status: 'FAILED', statusMessage: expect.stringContaining('counted so far') })],
      });
      expect(answer.callbackContext).toBeUndefined();
    }
  });

  it('on the last invocation, a count that finishes still gives its own verdict', async () => {
    serveBuckets(names(30), () => true, 10);
    const answer = await handler()(at(4, { ...CURSOR, inProgressAnswers: 3 }), scriptedContext([30000]));
    expect(answer.hookStatus).toBe('SUCCESS');
  });

  it('driven as the service drives it, never answers IN_PROGRESS a fourth time', async () => {
    serveBuckets(names(60), (b) => b.endsWith('0'), 10);
    const budget = () => scriptedContext([30000, 30000, 1000]);
    const { answers } = await invokeUntilDone(handler(), bucketDelete({ BucketName: 'x' }, { minBuckets: '9' }), budget);
    expect(answers.map((a) => a.hookStatus)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FAILED']);
    expect(answers[3]).toMatchObject({ errorCode: 'ServiceLimitExceeded', message: expect.stringContaining('counted so far: 1 of 9') });
  });

  it.each([['a string', 'three'], ['a negative number', -1], ['a fraction', 1.5]])('a malformed inProgressAnswers (%s) is an InvalidRequest', async (_what, value) => {
    serveBuckets(names(3), () => true);
    const answer = await handler()(at(2, { ...CURSOR, inProgressAnswers: value }));
    expect(answer).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest', message: expect.stringContaining('requestContext.callbackContext.inProgressAnswers') });
  });
});

describe('preDelete, IN_PROGRESS and resumption', () => {
  it('returns IN_PROGRESS with a cursor when time runs low, and resumes without skipping or double counting', async () => {
    const all = names(23);
    const encrypted = new Set(all.filter((_, i) => i % 3 === 0)); // 8 buckets
    serveBuckets(all, (b) => encrypted.has(b), 10);
    // Each invocation may start about 5 calls before its remaining time drops under the 5 s margin.
    const budget = () => scriptedContext([30000, 30000, 30000, 30000, 30000, 30000, 1000]);
    const { answers } = await invokeUntilDone(handler(RESUME_ONLY), bucketDelete({ BucketName: 'none-of-these' }, { minBuckets: '9' }), budget);
    expect(answers.length).toBeGreaterThan(2);
    expect(answers.slice(0, -1).every((a) => a.hookStatus === 'IN_PROGRESS' && a.errorCode === undefined)).toBe(true);
    const last = answers[answers.length - 1] as HookProgressEvent;
    expect(last.hookStatus).toBe('FAILED');
    expect(last.message).toContain('found 8 other bucket(s)');
    // Every bucket was read, none twice.
    const read = s3Mock.commandCalls(GetBucketEncryptionCommand).map((c) => c.args[0].input.Bucket);
    expect([...read].sort()).toEqual(all);
  });

  it('resumes exactly even when calls complete out of order under concurrency', async () => {
    const all = names(37);
    const encrypted = new Set(all.filter((_, i) => i % 4 !== 1)); // 28 buckets
    s3Mock.on(ListBucketsCommand).callsFake((input: { ContinuationToken?: string }) => {
      const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
      return { Buckets: all.slice(start, start + 8).map((Name) => ({ Name })), ...(start + 8 < all.length ? { ContinuationToken: String(start + 8) } : {}) };
    });
    s3Mock.on(GetBucketEncryptionCommand).callsFake(async (input: { Bucket: string }) => {
      // Later buckets answer sooner: results arrive out of order.
      await new Promise((resolve) => setTimeout(resolve, 8 - (Number(input.Bucket.slice(-3)) % 8)));
      if (encrypted.has(input.Bucket)) return ENCRYPTED();
      throw notFound();
    });
    const budget = () => scriptedContext([30000, 30000, 30000, 30000, 30000, 1000]);
    const { answers } = await invokeUntilDone(handler({ ...RESUME_ONLY, concurrency: 3 }), bucketDelete({ BucketName: 'x' }, { minBuckets: '40' }), budget);
    expect(answers.some((a) => a.hookStatus === 'IN_PROGRESS')).toBe(true);
    const last = answers[answers.length - 1] as HookProgressEvent;
    expect(last.message).toContain(`found ${encrypted.size} other bucket(s)`);
  });

  it('passes as soon as the minimum is met across invocations', async () => {
    serveBuckets(names(20), () => true, 5);
    const budget = () => scriptedContext([30000, 30000, 30000, 1000]);
    const { answers } = await invokeUntilDone(handler(), bucketDelete({ BucketName: 'x' }, { minBuckets: '6' }), budget);
    expect(answers[answers.length - 1]?.hookStatus).toBe('SUCCESS');
    expect(s3Mock.commandCalls(GetBucketEncryptionCommand)).toHaveLength(6);
  });

  it.each([
    ['not an object', { 's3-minimum-encrypted-buckets': 'cursor' }],
    ['negative count', { 's3-minimum-encrypted-buckets': { offset: 0, count: -1 } }],
    ['token not a string', { 's3-minimum-encrypted-buckets': { offset: 1, count: 0, pageToken: 7 } }],
  ])('a malformed callbackContext (%s) is an InvalidRequest', async (_why, callbackContext) => {
    serveBuckets(['a'], () => true);
    const answer = await handler()(bucketDelete({ BucketName: 'x' }, { minBuckets: '1' }, callbackContext as JsonObject));
    expect(answer.hookStatus).toBe('FAILED');
    expect(answer.errorCode).toBe('InvalidRequest');
    expect(answer.message).toContain('requestContext.callbackContext.s3-minimum-encrypted-buckets');
  });
});

describe('preDelete, SQS', () => {
  const url = (name: string) => `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}`;
  const queueDelete = (properties: JsonObject, hookModel: JsonObject) => wireRequest('DELETE_PRE_PROVISION', 'AWS::SQS::Queue', properties, { hookModel, logicalId: 'OldQueue' });

  it('pages through ListQueues with MaxResults and NextToken, drops the target by QueueName, counts KMS queues', async () => {
    sqsMock.on(ListQueuesCommand, { MaxResults: 1000 }).resolves({ QueueUrls: [url('orders'), url('plain')], NextToken: 'n1' });
    sqsMock.on(ListQueuesCommand, { MaxResults: 1000, NextToken: 'n1' }).resolves({ QueueUrls: [url('audit.fifo')] });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: url('plain') }).resolves({ Attributes: { SqsManagedSseEnabled: 'true' } });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: url('audit.fifo') }).resolves({ Attributes: { KmsMasterKeyId: 'alias/audit' } });
    const answer = await handler()(queueDelete({ QueueName: 'orders', KmsMasterKeyId: 'alias/orders' }, { minQueues: '1' }));
    expect(answer.hookStatus).toBe('SUCCESS');
    expect(sqsMock.commandCalls(ListQueuesCommand)).toHaveLength(2);
    const read = sqsMock.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input);
    expect(read).toEqual([
      { QueueUrl: url('plain'), AttributeNames: ['KmsMasterKeyId'] },
      { QueueUrl: url('audit.fifo'), AttributeNames: ['KmsMasterKeyId'] },
    ]);
  });

  it('fails when the delete would leave fewer KMS queues than minQueues; a queue gone since the listing does not count', async () => {
    sqsMock.on(ListQueuesCommand).resolves({ QueueUrls: [url('a'), url('b')] });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: url('a') }).resolves({ Attributes: { KmsMasterKeyId: 'alias/a' } });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: url('b') }).rejects(Object.assign(new Error('gone'), { name: 'QueueDoesNotExist', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
    // No QueueName and a KMS key: the queue being deleted may be 'a', so two are required.
    const answer = await handler()(queueDelete({ KmsMasterKeyId: 'alias/x' }, { minQueues: '1' }));
    expect(answer.hookStatus).toBe('FAILED');
    expect(answer.message).toContain('AWS::SQS::Queue OldQueue');
    // The one found may be the queue being deleted: it is not "1 other".
    expect(answer.message).toContain('found 1 queue(s), the one being deleted possibly among them, with a KMS key in the region; required at least 1 to remain');
    expect(answer.message).not.toMatch(/\d+ other queue/);
    expect(answer.message).toContain('one more than minQueues must be found');
  });

  it.each<[string, Record<string, string> | undefined, string]>([
    ['a KMS key alias counts', { KmsMasterKeyId: 'alias/other' }, 'SUCCESS'],
    ['an empty KmsMasterKeyId attribute is no key', { KmsMasterKeyId: '' }, 'FAILED'],
    ['a blank KmsMasterKeyId attribute is no key', { KmsMasterKeyId: '  ' }, 'FAILED'],
    ['SSE-SQS is no KMS key', { SqsManagedSseEnabled: 'true' }, 'FAILED'],
    ['no attributes at all', undefined, 'FAILED'],
  ])('the other queue: %s', async (_why, attributes, status) => {
    sqsMock.on(ListQueuesCommand).resolves({ QueueUrls: [url('orders'), url('other')] });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: url('other') }).resolves(attributes ? { Attributes: attributes } : {});
    const answer = await handler()(queueDelete({ QueueName: 'orders', KmsMasterKeyId: 'alias/orders' }, { minQueues: '1' }));
    expect(answer.hookStatus).toBe(status);
    if (status === 'FAILED') expect(answer.message).toContain('found 0 other queue(s) with a KMS key');
  });
});

describe('preDelete, AWS errors', () => {
  const sdkError = (name: string, status: number | undefined, fault?: 'client' | 'server', extra: object = {}) =>
    Object.assign(new Error(`${name} happened`), { name, ...(fault ? { $fault: fault } : {}), ...(status ? { $metadata: { httpStatusCode: status } } : {}), ...extra });

  type Row = [what: string, service: 's3-list' | 's3-get' | 'sqs-list' | 'sqs-get', error: Error, code: string, call: string];
  it.each<Row>([
    ['S3 list access denied', 's3-list', sdkError('AccessDenied', 403, 'client'), 'AccessDenied', 's3:ListBuckets'],
    ['S3 read access denied', 's3-get', sdkError('AccessDenied', 403, 'client'), 'AccessDenied', 's3:GetBucketEncryption(bucket-a)'],
    ['expired token', 's3-list', sdkError('ExpiredToken', 400, 'client'), 'AccessDenied', 's3:ListBuckets'],
    ['S3 slow down', 's3-get', sdkError('SlowDown', 503, 'server'), 'Throttling', 's3:GetBucketEncryption(bucket-a)'],
    ['S3 internal error', 's3-list', sdkError('InternalError', 500, 'server'), 'ServiceInternalError', 's3:ListBuckets'],
    ['S3 bad request', 's3-get', sdkError('InvalidRequest', 400, 'client'), 'GeneralServiceException', 's3:GetBucketEncryption(bucket-a)'],
    ['connection reset', 's3-list', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'NetworkFailure', 's3:ListBuckets'],
    ['timeout', 's3-get', sdkError('TimeoutError', undefined), 'NetworkFailure', 's3:GetBucketEncryption(bucket-a)'],
    ['SQS list throttled', 'sqs-list', sdkError('RequestThrottled', 403, 'client'), 'Throttling', 'sqs:ListQueues'],
    ['SQS read denied', 'sqs-get', sdkError('AccessDenied', 403, 'client'), 'AccessDenied', 'sqs:GetQueueAttributes(q1)'],
    ['SQS service unavailable', 'sqs-get', sdkError('ServiceUnavailable', 503, 'server'), 'ServiceInternalError', 'sqs:GetQueueAttributes(q1)'],
    ['SQS unknown host', 'sqs-list', Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), 'NetworkFailure', 'sqs:ListQueues'],
  ])('%s (%s)', async (_what, where, error, code, call) => {
    s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'bucket-a' }] });
    s3Mock.on(GetBucketEncryptionCommand).resolves(ENCRYPTED());
    sqsMock.on(ListQueuesCommand).resolves({ QueueUrls: ['https://sqs.eu-west-1.amazonaws.com/123456789012/q1'] });
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { KmsMasterKeyId: 'k' } });
    if (where === 's3-list') s3Mock.on(ListBucketsCommand).rejects(error);
    if (where === 's3-get') s3Mock.on(GetBucketEncryptionCommand).rejects(error);
    if (where === 'sqs-list') sqsMock.on(ListQueuesCommand).rejects(error);
    if (where === 'sqs-get') sqsMock.on(GetQueueAttributesCommand).rejects(error);
    const request = where.startsWith('s3')
      ? bucketDelete({ BucketName: 'x' }, { minBuckets: '1' })
      : wireRequest('DELETE_PRE_PROVISION', 'AWS::SQS::Queue', { QueueName: 'x' }, { hookModel: { minQueues: '1' } });
    const answer = await handler()(request);
    expect(answer.hookStatus).toBe('FAILED');
    expect(answer.errorCode).toBe(code);
    expect(answer.message).toContain(`${call} failed`);
    expect(progressEventViolations(answer)).toEqual([]);
  });
});
