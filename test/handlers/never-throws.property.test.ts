/**
 * Whatever arrives, the handler answers: no exception escapes, the answer satisfies the contract,
 * and the clientRequestToken is echoed whenever the request had one.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { createEntrypoint } from '../../src/handlers';
import { progressEventViolations } from '../../src/kernel/protocol';
import { captureLogs, loadRequest } from './support';

const run = createEntrypoint({ log: captureLogs().log, clients: () => { throw new Error('no AWS in this test'); } });
const runs = Number(process.env.FUZZ_RUNS ?? 300);

describe('the handler never throws', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'CREATE_PRE_PROVISION'],
    ['an array', [1, 2]],
    ['an empty object', {}],
    ['a circular object', (() => { const o: Record<string, unknown> = { clientRequestToken: 't' }; o.self = o; return o; })()],
  ])('%s → FAILED InvalidRequest', async (_what, event) => {
    const answer = await run(event);
    expect(answer.hookStatus).toBe('FAILED');
    expect(answer.errorCode).toBe('InvalidRequest');
    expect(progressEventViolations(answer)).toEqual([]);
  });

  const realClients = createEntrypoint({ log: captureLogs().log, clients: (_c, region) => ({ s3: new S3Client({ region }), sqs: new SQSClient({ region }) }) });
  it.each([
    // The clock is asked before the first AWS call, so neither case sends anything.
    ['a client factory that throws', run, (): number => 30000, 'no AWS in this test'],
    ['a context whose clock throws', realClients, (): number => { throw new Error('clock broke'); }, 'clock broke'],
  ] as const)('%s gives FAILED InternalFailure with the error in the message, not an exception', async (_why, entrypoint, clock, detail) => {
    const answer = await entrypoint({ ...loadRequest('s3-delete-minimum-zero'), hookModel: { minBuckets: '1' } }, { getRemainingTimeInMillis: clock });
    expect(answer).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', clientRequestToken: expect.any(String) });
    expect(answer.message).toContain('Internal error in MyCompany::Testing::MyTestHook');
    expect(answer.message).toContain(detail);
    expect(progressEventViolations(answer)).toEqual([]);
  });

  it('arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (event) => {
        const answer = await run(event);
        expect(progressEventViolations(answer)).toEqual([]);
      }),
      { numRuns: runs },
    );
  });

  it('valid requests with arbitrary values grafted anywhere in them', async () => {
    const base = loadRequest('s3-create-compliant-aes256');
    const paths = [
      ['hookModel'],
      ['hookModel', 'minBuckets'],
      ['requestData'],
      ['requestData', 'targetModel'],
      ['requestData', 'targetModel', 'resourceProperties'],
      ['requestData', 'targetModel', 'resourceProperties', 'BucketEncryption'],
      ['requestData', 'targetModel', 'resourceProperties', 'BucketEncryption', 'ServerSideEncryptionConfiguration'],
      ['requestData', 'targetModel', 'previousResourceProperties'],
      ['requestData', 'callerCredentials'],
      ['requestContext'],
      ['requestContext', 'callbackContext'],
      ['actionInvocationPoint'],
      ['clientRequestToken'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom('CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'), fc.jsonValue(), async (path, point, value) => {
        const event = JSON.parse(JSON.stringify({ ...base, actionInvocationPoint: point })) as Record<string, unknown>;
        let node = event;
        for (const key of path.slice(0, -1)) {
          if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
          node = node[key] as Record<string, unknown>;
        }
        node[path[path.length - 1] as string] = value;
        const answer = await run(event);
        expect(progressEventViolations(answer)).toEqual([]);
        if (typeof event.clientRequestToken === 'string') expect(answer.clientRequestToken).toBe(event.clientRequestToken);
        // Bad values in the properties are findings, never crashes.
        expect(answer.errorCode).not.toBe('InternalFailure');
      }),
      { numRuns: runs },
    );
  });
});
