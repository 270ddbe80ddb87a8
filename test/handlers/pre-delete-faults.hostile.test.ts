/**
 * preDelete under AWS faults the handler tests (test/handlers/pre-delete.test.ts) do not stage: a slow
 * paginator eating the time budget on a virtual clock, faults that strike after a resume, a budget that is
 * already below the safety margin when the invocation starts, and a listing that hands back the same page
 * token for ever. Each must end in the right answer: IN_PROGRESS with a cursor while time lasts, the right
 * error code when a call fails, and — across resumed invocations — every bucket counted exactly once.
 */
import { GetBucketEncryptionCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createEntrypoint, type HandlerOptions } from '../../src/handlers';
import { progressEventViolations, type HookProgressEvent, type InvocationContext, type JsonObject } from '../../src/kernel/protocol';

const s3Mock = mockClient(S3Client);
beforeEach(() => s3Mock.reset());

/** A clock that only moves when a mocked call says it took time, so budgets are exact and tests never race. */
class VirtualClock {
  now = 0;
  /** A Lambda context whose remaining time runs from `budget` at the moment it is made. */
  context(budget: number): InvocationContext {
    const start = this.now;
    return { getRemainingTimeInMillis: () => budget - (this.now - start) };
  }
}

const MARGIN = 5000;

function handler(options: Partial<HandlerOptions> = {}) {
  return createEntrypoint({
    clients: (_credentials, region) => ({ s3: new S3Client({ region }), sqs: new SQSClient({ region }) }),
    log: () => undefined,
    concurrency: 1,
    safetyMarginMillis: MARGIN,
    // These cases follow the cursor over many resumes; the service's bound of 3 IN_PROGRESS answers is tested in
    // pre-delete.test.ts and through the simulator.
    maxInProgressAnswers: Number.POSITIVE_INFINITY,
    ...options,
  });
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `bucket-${String(i).padStart(4, '0')}`);

/** Serves `all` in pages of `pageSize`; each page costs `pageMillis`, each encryption read `readMillis`, on the clock. */
function serve(clock: VirtualClock, all: string[], encrypted: (name: string) => boolean, options: { pageSize: number; pageMillis: number; readMillis: number }) {
  s3Mock.on(ListBucketsCommand).callsFake((input: { ContinuationToken?: string }) => {
    clock.now += options.pageMillis;
    const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
    const next = start + options.pageSize;
    return { Buckets: all.slice(start, next).map((Name) => ({ Name })), ...(next < all.length ? { ContinuationToken: String(next) } : {}) };
  });
  s3Mock.on(GetBucketEncryptionCommand).callsFake((input: { Bucket: string }) => {
    clock.now += options.readMillis;
    if (encrypted(input.Bucket)) return { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } };
    throw Object.assign(new Error('The server side encryption configuration was not found'), {
      name: 'ServerSideEncryptionConfigurationNotFoundError',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
    });
  });
}

const request = (minBuckets: number, callbackContext?: JsonObject): JsonObject => ({
  clientRequestToken: 'token-hostile',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/guid',
  hookModel: { minBuckets: String(minBuckets) },
  actionInvocationPoint: 'DELETE_PRE_PROVISION',
  requestData: { targetName: 'AWS::S3::Bucket', targetType: 'RESOURCE', targetLogicalId: 'Doomed', targetModel: { resourceProperties: { BucketName: 'doomed' } } },
  requestContext: { invocation: 1, callbackContext: callbackContext ?? null },
});

/** Invokes as the service does until the answer is final, handing callbackContext back; a fresh budget each time. */
async function untilFinal(run: ReturnType<typeof handler>, clock: VirtualClock, minBuckets: number, budget: number, limit = 200) {
  const answers: HookProgressEvent[] = [];
  let callbackContext: JsonObject | undefined;
  for (let i = 0; i < limit; i++) {
    const answer = await run(JSON.parse(JSON.stringify(request(minBuckets, callbackContext))), clock.context(budget));
    expect(progressEventViolations(answer)).toEqual([]);
    answers.push(answer);
    if (answer.hookStatus !== 'IN_PROGRESS') return answers;
    callbackContext = answer.callbackContext;
  }
  throw new Error(`no final answer after ${limit} invocations`);
}

const readBuckets = () => s3Mock.commandCalls(GetBucketEncryptionCommand).map((c) => c.args[0].input.Bucket as string);

describe('preDelete with a slow paginator', () => {
  it.each([
    // [buckets, page size, ms per page, ms per read, budget]
    [120, 10, 2000, 100, 12_000],
    [300, 50, 4000, 50, 10_000],
    [57, 7, 500, 900, 7_000],
  ])('%i buckets, pages of %i costing %i ms, reads %i ms, budget %i ms: IN_PROGRESS while time lasts, every bucket read once', async (count, pageSize, pageMillis, readMillis, budget) => {
    const clock = new VirtualClock();
    const all = names(count);
    const encrypted = new Set(all.filter((_, i) => i % 3 === 0));
    serve(clock, all, (b) => encrypted.has(b), { pageSize, pageMillis, readMillis });

    const answers = await untilFinal(handler(), clock, encrypted.size + 1, budget);
    const last = answers[answers.length - 1] as HookProgressEvent;
    expect(answers.length).toBeGreaterThan(2);
    expect(answers.slice(0, -1).every((a) => a.hookStatus === 'IN_PROGRESS' && a.callbackContext !== undefined)).toBe(true);
    expect(last).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: expect.stringContaining(`found ${encrypted.size} other bucket(s)`) });
    // Concurrency 1: nothing is redone, so each bucket is read exactly once across all invocations.
    expect([...readBuckets()].sort()).toEqual(all);
  });

  it('starts no call with less than the safety margin left, except the one that guarantees progress', async () => {
    const clock = new VirtualClock();
    serve(clock, names(40), () => false, { pageSize: 10, pageMillis: 1500, readMillis: 400 });
    const budget = 9000;
    const run = handler();
    /** Time left when each read started, grouped by invocation. */
    const starts: number[][] = [];
    let context = clock.context(budget);
    s3Mock.on(GetBucketEncryptionCommand).callsFake(() => {
      (starts[starts.length - 1] as number[]).push(context.getRemainingTimeInMillis());
      clock.now += 400;
      throw Object.assign(new Error('not found'), { name: 'ServerSideEncryptionConfigurationNotFoundError', $fault: 'client', $metadata: { httpStatusCode: 404 } });
    });
    let callbackContext: JsonObject | undefined;
    let answer: HookProgressEvent | undefined;
    for (let i = 0; i < 100 && answer?.hookStatus !== 'FAILED'; i++) {
      starts.push([]);
      context = clock.context(budget);
      answer = await run(request(1, callbackContext), context);
      callbackContext = answer.callbackContext;
    }
    expect(answer).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(starts.flat()).toHaveLength(40);
    expect(starts.length).toBeGreaterThan(3);
    for (const invocation of starts) {
      expect(invocation.slice(1).filter((left) => left <= MARGIN)).toEqual([]);
    }
  });
});

describe('preDelete faults after a resume', () => {
  const sdkError = (name: string, status: number | undefined, fault?: 'client' | 'server') =>
    Object.assign(new Error(`${name} happened`), { name, ...(fault ? { $fault: fault } : {}), ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

  it.each<[string, 'list' | 'read', Error, string]>([
    ['throttled listing', 'list', sdkError('SlowDown', 503, 'server'), 'Throttling'],
    ['access denied on a read', 'read', sdkError('AccessDenied', 403, 'client'), 'AccessDenied'],
    ['a timed-out read', 'read', sdkError('TimeoutError', undefined), 'NetworkFailure'],
    ['a timed-out listing', 'list', Object.assign(new Error('socket timed out'), { code: 'ETIMEDOUT' }), 'NetworkFailure'],
    ['expired credentials on the listing', 'list', sdkError('ExpiredToken', 400, 'client'), 'AccessDenied'],
  ])('%s on the second invocation: FAILED with %s, not IN_PROGRESS for ever', async (_what, where, error, code) => {
    const clock = new VirtualClock();
    serve(clock, names(30), () => false, { pageSize: 10, pageMillis: 1000, readMillis: 1000 });
    const run = handler();
    const first = await run(request(1), clock.context(9000));
    expect(first.hookStatus).toBe('IN_PROGRESS');
    if (where === 'list') s3Mock.on(ListBucketsCommand).rejects(error);
    else s3Mock.on(GetBucketEncryptionCommand).rejects(error);
    const second = await run(request(1, first.callbackContext), clock.context(9000));
    expect(progressEventViolations(second)).toEqual([]);
    expect(second).toMatchObject({ hookStatus: 'FAILED', errorCode: code, clientRequestToken: 'token-hostile' });
    expect(second.message).toMatch(where === 'list' ? /s3:ListBuckets failed/ : /s3:GetBucketEncryption\(bucket-\d{4}\) failed/);
  });
});

describe('preDelete with a budget that leaves no time at all', () => {
  it('still makes progress on every invocation, so the service is never asked to call back for ever', async () => {
    const clock = new VirtualClock();
    const all = names(12);
    serve(clock, all, (b) => b.endsWith('7'), { pageSize: 5, pageMillis: 0, readMillis: 0 });
    // 1 s left against a 5 s margin: every invocation starts already "out of time".
    const answers = await untilFinal(handler(), clock, 3, 1000, 100);
    const last = answers[answers.length - 1] as HookProgressEvent;
    expect(last).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: expect.stringContaining('found 1 other bucket(s)') });
    expect([...readBuckets()].sort()).toEqual(all);
  });
});

describe('preDelete against a listing that never ends', () => {
  it.each([
    ['unchanged', ['again', 'again']],
    ['in a cycle of two', ['a', 'b', 'a']],
  ])('a page token handed back %s is a failure, not an endless loop', async (_how, tokens) => {
    const served = [...tokens];
    s3Mock.on(ListBucketsCommand).callsFake(() => ({ Buckets: [{ Name: `b-${served.length}` }], ContinuationToken: served.shift() ?? 'again' }));
    s3Mock.on(GetBucketEncryptionCommand).rejects(Object.assign(new Error('not found'), { name: 'ServerSideEncryptionConfigurationNotFoundError', $fault: 'client', $metadata: { httpStatusCode: 404 } }));
    const answer = await handler()(request(1));
    expect(answer).toMatchObject({ hookStatus: 'FAILED', errorCode: 'GeneralServiceException', message: expect.stringContaining(`page token "${tokens[tokens.length - 1]}" a second time`) });
    expect(s3Mock.commandCalls(ListBucketsCommand)).toHaveLength(tokens.length);
  });

  it('a page token handed back unchanged fails at once, with no Lambda deadline to end it', async () => {
    s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'same' }], ContinuationToken: 'again' });
    s3Mock.on(GetBucketEncryptionCommand).rejects(Object.assign(new Error('not found'), { name: 'ServerSideEncryptionConfigurationNotFoundError', $fault: 'client', $metadata: { httpStatusCode: 404 } }));
    // No Lambda context: there is no deadline to end the loop, only the handler's own sense.
    const answer = await handler()(request(1));
    expect(progressEventViolations(answer)).toEqual([]);
    expect(answer).toMatchObject({ hookStatus: 'FAILED', errorCode: 'GeneralServiceException', message: expect.stringContaining('page token "again" a second time') });
    expect(s3Mock.commandCalls(ListBucketsCommand)).toHaveLength(2);
  });
});
