/**
 * Fuzzing the handler: whatever CloudFormation (or anyone) sends, the answer is a well-formed
 * HookProgressEvent. Two sources of input: any JSON value, and near-valid requests — a valid request for
 * every invocation point and target, then a handful of random mutations (a field deleted, its type changed,
 * a hostile value grafted in). preDelete runs against a simulated account, so the inventory code is
 * exercised too, with a Lambda clock that may run out at any moment.
 */
import fc from 'fast-check';
import { createEntrypoint } from '../../src/handlers';
import { MAX_MESSAGE_LENGTH, progressEventViolations, type HookProgressEvent, type InvocationContext } from '../../src/kernel/protocol';
import { accountClientFactory, SimulatedAccount } from '../../simulator/cloudformation/account';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../support/fuzz-runs';
import { mutate, mutation } from '../support/json-mutations';

const REGION = 'eu-west-1';

/** A small account: some buckets encrypted with each algorithm, some queues with and without a KMS key. */
function smallAccount(): SimulatedAccount {
  const account = new SimulatedAccount('123456789012', REGION);
  const algorithms = ['AES256', 'aws:kms', 'aws:kms:dsse'];
  for (let i = 0; i < 12; i++) {
    const algorithm = algorithms[i % 3] as string;
    account.addBucket({
      name: `fuzz-bucket-${i}`,
      region: REGION,
      ...(i % 4 === 3 ? {} : { encryption: [{ SSEAlgorithm: algorithm, ...(algorithm === 'AES256' ? {} : { KMSMasterKeyID: `key-${i}` }) }] }),
    });
    account.addQueue({ name: `fuzz-queue-${i}`, region: REGION, ...(i % 2 === 0 ? { KmsMasterKeyId: `alias/q${i}` } : {}) });
  }
  return account;
}

const run = createEntrypoint({ log: () => undefined, clients: accountClientFactory(smallAccount()), concurrency: 3 });

/** The properties every answer must have, whatever the request was. */
function expectWellFormed(answer: HookProgressEvent, event: unknown): void {
  expect(progressEventViolations(answer)).toEqual([]);
  if (answer.hookStatus === 'FAILED') expect(answer.errorCode).toEqual(expect.any(String));
  expect((answer.message ?? '').length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  // The answer travels as JSON: nothing may be lost on the way.
  expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  const token = typeof event === 'object' && event !== null && !Array.isArray(event) ? (event as Record<string, unknown>).clientRequestToken : undefined;
  if (typeof token === 'string') expect(answer.clientRequestToken).toBe(token);
  else expect(answer.clientRequestToken).toBeUndefined();
}

// ---- valid requests ---------------------------------------------------------------------------------

const algorithm = fc.constantFrom('AES256', 'aws:kms', 'aws:kms:dsse');
const wireBoolean = fc.constantFrom('true', 'false');

const bucketProperties = fc.record(
  {
    BucketName: fc.constantFrom('fuzz-bucket-0', 'fuzz-bucket-5', 'not-in-account'),
    BucketEncryption: fc.record({
      ServerSideEncryptionConfiguration: fc.array(
        fc.record(
          {
            ServerSideEncryptionByDefault: fc.record({ SSEAlgorithm: algorithm, KMSMasterKeyID: fc.constantFrom('arn:aws:kms:eu-west-1:123456789012:key/k1', 'alias/k2') }, { requiredKeys: ['SSEAlgorithm'] }),
            BucketKeyEnabled: wireBoolean,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    }),
  },
  { requiredKeys: [] },
);

const queueProperties = fc.record(
  {
    QueueName: fc.constantFrom('fuzz-queue-0', 'fuzz-queue-1', 'elsewhere.fifo'),
    KmsMasterKeyId: fc.constantFrom('alias/aws/sqs', 'alias/q0', 'arn:aws:kms:eu-west-1:123456789012:key/k3'),
    SqsManagedSseEnabled: wireBoolean,
  },
  { requiredKeys: [] },
);

const hookModel = fc.oneof(
  fc.constant(null),
  fc.record(
    {
      encryptionAlgorithm: algorithm,
      minBuckets: fc.nat({ max: 14 }).map(String),
      minQueues: fc.nat({ max: 8 }).map(String),
    },
    { requiredKeys: [] },
  ),
);

const validRequest = fc
  .tuple(
    fc.constantFrom('CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'),
    fc.boolean(),
    hookModel,
    fc.uuid(),
  )
  .chain(([point, isBucket, model, token]) =>
    fc.tuple(isBucket ? bucketProperties : queueProperties, isBucket ? bucketProperties : queueProperties).map(([properties, previous]) => ({
      clientRequestToken: token,
      awsAccountId: '123456789012',
      stackId: `arn:aws:cloudformation:${REGION}:123456789012:stack/fuzz/6f1e9c10-1111-11ee-9999-0a1b2c3d4e5f`,
      hookTypeName: 'MyCompany::Testing::MyTestHook',
      hookTypeVersion: '00000001',
      hookModel: model,
      actionInvocationPoint: point,
      requestData: {
        targetName: isBucket ? 'AWS::S3::Bucket' : 'AWS::SQS::Queue',
        targetType: 'RESOURCE',
        targetLogicalId: 'Target',
        targetModel: { resourceProperties: properties, ...(point === 'UPDATE_PRE_PROVISION' ? { previousResourceProperties: previous } : {}) },
        callerCredentials: JSON.stringify({ accessKeyId: 'AKIAFUZZ', secretAccessKey: 'fuzz-secret', sessionToken: 'fuzz-token' }),
      },
      requestContext: { invocation: 1, callbackContext: null },
    })),
  );

// ---- mutations --------------------------------------------------------------------------------------

/** A Lambda clock scripted by the generator: some invocations have all the time in the world, some almost none. */
const clock = fc.option(fc.array(fc.integer({ min: -1000, max: 60_000 }), { minLength: 1, maxLength: 8 }), { nil: undefined });

function contextFor(script: number[] | undefined): InvocationContext | undefined {
  if (script === undefined) return undefined;
  let calls = 0;
  return { getRemainingTimeInMillis: () => script[Math.min(calls++, script.length - 1)] as number };
}

function expectPrototypesUntouched(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
}

describe('handler fuzzing', () => {
  it(
    'any JSON value gets a well-formed answer',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), clock, async (event, script) => {
          const answer = await run(event, contextFor(script));
          expectWellFormed(answer, event);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it(
    'any JSON object with a clientRequestToken gets it echoed',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.string(), async (object, token) => {
          const event = { ...object, clientRequestToken: token };
          const answer = await run(event);
          expectWellFormed(answer, event);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it(
    'valid requests get a verdict, never an error about the request',
    async () => {
      await fc.assert(
        fc.asyncProperty(validRequest, clock, async (event, script) => {
          const answer = await run(event, contextFor(script));
          expectWellFormed(answer, event);
          if (answer.errorCode !== undefined) expect(`${answer.errorCode}: ${answer.message}`).toMatch(/^NonCompliant: /);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it(
    'near-valid requests (random mutations of a valid one) get a well-formed answer and never an internal failure',
    async () => {
      const codes = new Set<string>();
      await fc.assert(
        fc.asyncProperty(validRequest, fc.array(mutation, { minLength: 1, maxLength: 4 }), clock, async (valid, mutations, script) => {
          const event = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
          for (const m of mutations) mutate(event, m);
          const answer = await run(event, contextFor(script));
          expectWellFormed(answer, event);
          codes.add(answer.errorCode ?? answer.hookStatus);
          // InternalFailure is how the handler reports its own bug; bad input must be named as bad input.
          expect(answer.errorCode === 'InternalFailure' ? answer.message : 'no internal failure').toBe('no internal failure');
          expectPrototypesUntouched();
        }),
        FUZZ_PARAMETERS,
      );
      // The mutations must reach past request parsing: verdicts as well as refusals.
      if (FUZZ_PARAMETERS.numRuns >= 100) expect([...codes]).toEqual(expect.arrayContaining(['InvalidRequest', 'SUCCESS']));
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it(
    'an IN_PROGRESS answer handed back resumes to a final verdict',
    async () => {
      let resumed = 0;
      await fc.assert(
        fc.asyncProperty(validRequest, async (valid) => {
          const event = JSON.parse(JSON.stringify({ ...valid, actionInvocationPoint: 'DELETE_PRE_PROVISION' })) as Record<string, unknown>;
          // Each invocation may start two calls before its time is up; the service hands callbackContext back.
          let answer = await run(event, contextFor([60_000, 60_000, 0]));
          let inProgress = 0;
          for (let invocation = 2; answer.hookStatus === 'IN_PROGRESS'; invocation++) {
            expectWellFormed(answer, event);
            resumed += 1;
            inProgress += 1;
            expect(invocation).toBeLessThan(40);
            const next = { ...event, requestContext: { invocation, callbackContext: answer.callbackContext ?? null } };
            answer = await run(JSON.parse(JSON.stringify(next)), contextFor([60_000, 60_000, 0]));
          }
          expectWellFormed(answer, event);
          // Never more IN_PROGRESS answers than the service allows: past them, a verdict saying the count could not finish.
          expect(inProgress).toBeLessThanOrEqual(3);
          if (answer.errorCode === 'ServiceLimitExceeded') {
            expect({ inProgress, status: answer.hookStatus, message: answer.message }).toEqual({ inProgress: 3, status: 'FAILED', message: expect.stringContaining('could not finish') });
            return;
          }
          const straight = await run(event);
          expect({ status: answer.hookStatus, code: answer.errorCode, message: answer.message }).toEqual({ status: straight.hookStatus, code: straight.errorCode, message: straight.message });
        }),
        { ...FUZZ_PARAMETERS, numRuns: Math.max(8, Math.ceil(FUZZ_PARAMETERS.numRuns / 4)) },
      );
      // Guards the property itself: had no run been cut short, it would have tested nothing about resuming.
      if (FUZZ_PARAMETERS.numRuns >= 100) expect(resumed).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});
