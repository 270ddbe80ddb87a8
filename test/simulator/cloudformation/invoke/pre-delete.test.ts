/**
 * preDelete end to end: the real handler, the real SDK clients, the simulated account behind their transport.
 */
import { createEntrypoint } from '../../../../src/handlers';
import type { HookSchema } from '../../../../src/kernel/hook-config';
import { accountClientFactory, SimulatedAccount } from '../../../../simulator/cloudformation/account';
import { customHook, seededUuids, simulateStack, type SimulationResult } from '../../../../simulator/cloudformation/invoke';
import { planStack } from '../../../../simulator/cloudformation/plan';
import hookSchema from '../../../../mycompany-testing-mytesthook.json';
import { encryptedBucket } from '../build-resources';

const schema = hookSchema as HookSchema;

async function deleteStack(
  account: SimulatedAccount,
  minBuckets: string,
  options: { timeoutMillis: number; safetyMarginMillis?: number; maxInProgressAnswers?: number },
): Promise<SimulationResult> {
  const bucket = encryptedBucket('DoomedBucket', { BucketName: 'doomed' });
  account.addStackResources([bucket]);
  return simulateStack({
    plan: planStack({ operation: 'delete', previous: [bucket] }),
    stack: { name: 'big', id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/big/x', region: 'us-east-1', accountId: '123456789012' },
    hooks: [
      customHook({
        schema,
        configuration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', Properties: { minBuckets } },
        stringify: true,
        loadEntrypoint: async () =>
          createEntrypoint({
            clients: accountClientFactory(account),
            log: () => undefined,
            ...(options.safetyMarginMillis !== undefined ? { safetyMarginMillis: options.safetyMarginMillis } : {}),
            ...(options.maxInProgressAnswers !== undefined ? { maxInProgressAnswers: options.maxInProgressAnswers } : {}),
          }),
      }),
    ],
    tokens: seededUuids('big'),
    limits: { timeoutMillis: options.timeoutMillis, maxRetries: 3, maxInProgress: 3 },
    onResourceDeleted: (r) => account.removeStackResource(r),
  });
}

function accountWith(buckets: number): SimulatedAccount {
  const account = new SimulatedAccount('123456789012', 'us-east-1');
  for (let i = 0; i < buckets; i += 1) {
    // Only every 250th bucket uses the configured algorithm: the handler has to page through the listing.
    const algorithm = i % 250 === 249 ? 'AES256' : 'aws:kms';
    account.addBucket({ name: `bucket-${String(i).padStart(5, '0')}`, region: 'us-east-1', encryption: [{ SSEAlgorithm: algorithm, BucketKeyEnabled: true }] });
  }
  return account;
}

describe('preDelete against a simulated account', () => {
  it.each([
    ['2', 'SUCCESS', 'DELETE_COMPLETE'],
    ['5', 'FAILED', 'DELETE_FAILED'],
  ])('minBuckets %s over 1,000 buckets (4 matching) -> %s', async (minBuckets, hookStatus, finalStatus) => {
    const account = accountWith(1000);
    const result = await deleteStack(account, minBuckets, { timeoutMillis: 30_000 });
    expect(result.invocations.map((i) => i.hookStatus)).toEqual([hookStatus]);
    expect(result.stack.finalStatus).toBe(finalStatus);
    expect(account.calls.ListBuckets).toBeGreaterThan(0);
    // The handler stops as soon as the answer is known: reaching 2 needs fewer calls than listing everything.
    if (hookStatus === 'SUCCESS') expect(account.calls.GetBucketEncryption).toBeLessThan(1000);
    // The doomed bucket is gone from the account only when the delete went through.
    expect(account.bucket('doomed') === undefined).toBe(finalStatus === 'DELETE_COMPLETE');
  });

  it.each([
    // The handler's own bound: on the fourth invocation it answers with what it counted, a verdict (HOOK_COMPLETE_FAILED).
    ['the service\'s bound (3)', 'ServiceLimitExceeded', undefined, /could not finish: .*counted so far: 0 of 1 encrypted bucket\(s\) found so far/, 'HOOK_COMPLETE_FAILED'],
    // A handler that ignored the bound: the simulator fails the hook on a fourth IN_PROGRESS, as the service does.
    ['no bound in the handler', 'HandlerInternalFailure', Number.POSITIVE_INFINITY, /^the handler answered IN_PROGRESS more than 3 times$/, 'HOOK_FAILED'],
  ])('a handler that never gets time to work answers IN_PROGRESS three times; with %s, the fourth invocation ends %s', async (_bound, errorCode, maxInProgressAnswers, message, hookEvent) => {
    const account = accountWith(10);
    const result = await deleteStack(account, '1', { timeoutMillis: 1000, safetyMarginMillis: 1000, ...(maxInProgressAnswers !== undefined ? { maxInProgressAnswers } : {}) });
    expect(result.invocations).toEqual([expect.objectContaining({ hookStatus: 'FAILED', errorCode, message: expect.stringMatching(message) })]);
    expect(result.events.find((e) => e.hookStatus === hookEvent)).toBeDefined();
    expect(result.stack.finalStatus).toBe('DELETE_FAILED');
  });
});
