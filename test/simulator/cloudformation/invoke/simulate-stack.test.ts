import type { HookConfiguration, HookSchema } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest, HookProgressEvent } from '../../../../src/kernel/protocol';
import { planStack, type StackPlan } from '../../../../simulator/cloudformation/plan';
import { customHook, EVERY_TARGET, seededUuids, simulateStack, type Hook, type NestedStackRun, type SimulationResult, type StackEvent } from '../../../../simulator/cloudformation/invoke';
import type { ResolvedResource } from '../../../../simulator/cloudformation/template/types';
import { encryptedBucket, resource } from '../build-resources';
import { createOnlyProperties } from '../../../../simulator/cloudformation/resolve/resource-types';

const TYPE = 'MyCompany::Testing::MyTestHook';
const schema: HookSchema = {
  typeName: TYPE,
  handlers: {
    preCreate: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
    preUpdate: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
    preDelete: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
  },
  typeConfiguration: { properties: { minBuckets: { type: 'string', default: '0' } } },
};

/** A fake hook: fails resources whose logical id starts with "Bad", records every request. */
function fakeHook(): HookEntrypoint & { seen: HookInvocationRequest[] } {
  const seen: HookInvocationRequest[] = [];
  const entry = async (event: unknown): Promise<HookProgressEvent> => {
    const request = event as HookInvocationRequest;
    seen.push(request);
    const id = request.requestData.targetLogicalId ?? '';
    if (id.startsWith('Bad')) return { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: `${id} is not encrypted`, callbackDelaySeconds: 0 };
    if (id.startsWith('Boom')) throw new Error('kaboom');
    return { hookStatus: 'SUCCESS', message: `${id} ok`, callbackDelaySeconds: 0, clientRequestToken: request.clientRequestToken };
  };
  return Object.assign(entry, { seen });
}

/** Runs the plan one resource at a time (`--serial`), the order these event lists pin; waves are tested below. */
async function run(plan: StackPlan, configuration: HookConfiguration = {}, entry = fakeHook(), serial = true, outputsRefusal?: string): Promise<SimulationResult & { seen: HookInvocationRequest[] }> {
  const result = await simulateStack({
    serial,
    ...(outputsRefusal !== undefined ? { outputsRefusal } : {}),
    plan,
    stack: { name: 'my-stack', id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/x', region: 'us-east-1', accountId: '123456789012' },
    hooks: [customHook({ schema, configuration, loadEntrypoint: async () => entry, stringify: true })],
    tokens: seededUuids('t'),
    limits: { timeoutMillis: 50, maxRetries: 3, maxInProgress: 3 },
  });
  return { ...result, seen: entry.seen };
}

/** Events as `LogicalId STATUS [HOOK_STATUS] reason` lines: what a reader of the console checks. */
const lines = (events: readonly StackEvent[]): string[] =>
  events.map((e) => [e.logicalResourceId, e.resourceStatus, e.hookStatus, e.hookStatus ? e.hookStatusReason : e.resourceStatusReason].filter((x) => x !== null && x !== '').join(' '));

const key = resource('Key', 'AWS::KMS::Key', { Description: 'k' });
const good = encryptedBucket('GoodBucket');
const bad = encryptedBucket('BadBucket');

describe('simulateStack: create', () => {
  it('invokes the hook for targeted resources and records the service events', async () => {
    const result = await run(planStack({ operation: 'create', next: [key, good] }));
    expect(result.stack).toEqual({ name: 'my-stack', operation: 'create', finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(lines(result.events)).toEqual([
      'my-stack CREATE_IN_PROGRESS User Initiated',
      'Key CREATE_IN_PROGRESS',
      'Key CREATE_IN_PROGRESS Resource creation Initiated',
      'Key CREATE_COMPLETE',
      'GoodBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'GoodBucket CREATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: GoodBucket ok',
      'GoodBucket CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
      'GoodBucket CREATE_IN_PROGRESS Resource creation Initiated',
      'GoodBucket CREATE_COMPLETE',
      'my-stack CREATE_COMPLETE',
    ]);
    const hookInvocationId = result.invocations[0]?.hookInvocationId ?? '';
    expect(hookInvocationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.invocations).toEqual([
      {
        logicalResourceId: 'GoodBucket',
        targetName: 'AWS::S3::Bucket',
        invocationPoint: 'CREATE_PRE_PROVISION',
        hookStatus: 'SUCCESS',
        errorCode: null,
        message: 'GoodBucket ok',
        failureMode: 'FAIL',
        hookTypeName: TYPE,
        targetType: 'RESOURCE',
        hookInvocationId,
        annotations: [],
      },
    ]);
    const hookEvent = result.events[4];
    expect(hookEvent).toMatchObject({ hookType: TYPE, hookInvocationPoint: 'PRE_PROVISION', hookFailureMode: 'FAIL', hookInvocationId });
    expect(result.events[5]?.hookInvocationId).toBe(hookInvocationId);
    expect(result.hookResults).toEqual([
      {
        HookResultId: hookInvocationId,
        InvocationPoint: 'PRE_PROVISION',
        FailureMode: 'FAIL',
        TypeName: TYPE,
        OriginalTypeName: TYPE,
        TypeVersionId: '00000001',
        Status: 'HOOK_COMPLETE_SUCCEEDED',
        HookStatusReason: 'GoodBucket ok',
        Target: { TargetType: 'RESOURCE', TargetTypeName: 'AWS::S3::Bucket', TargetId: 'GoodBucket', Action: 'CREATE' },
        Annotations: [],
      },
    ]);
    // Deterministic: the same run gives the same ids.
    expect((await run(planStack({ operation: 'create', next: [key, good] }))).invocations[0]?.hookInvocationId).toBe(hookInvocationId);
    expect(result.seen[0]?.requestData.targetModel?.resourceProperties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: 'true' }] },
    });
  });

  it('FAIL: stops at the blocked resource and rolls back without calling the hook', async () => {
    const later = encryptedBucket('LaterBucket');
    const result = await run(planStack({ operation: 'create', next: [key, good, bad, later] }));
    expect(result.stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' });
    expect(lines(result.events).slice(-10)).toEqual([
      'BadBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'BadBucket CREATE_IN_PROGRESS HOOK_COMPLETE_FAILED Hook failed with message: BadBucket is not encrypted',
      `BadBucket CREATE_FAILED The following hook(s) failed: [${TYPE}]`,
      'my-stack ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket]. Rollback requested by user.',
      'BadBucket DELETE_COMPLETE',
      'GoodBucket DELETE_IN_PROGRESS',
      'GoodBucket DELETE_COMPLETE',
      'Key DELETE_IN_PROGRESS',
      'Key DELETE_COMPLETE',
      'my-stack ROLLBACK_COMPLETE',
    ]);
    expect(result.seen.map((r) => r.requestData.targetLogicalId)).toEqual(['GoodBucket', 'BadBucket']);
  });

  // [choice] docs/simulator.md: the service's WARN text is the message, then `. Failure was ignored under WARN mode.`
  // (reference hooks-today §10, recorded for a message without a final period); it is appended literally, so a
  // message that ends with a period (a Guard hook's) reads `….. Failure was ignored …` with two.
  it.each<[string, string, string]>([
    ['no final period (the recorded case)', 'Intentional fail', 'Hook failed with message: Intentional fail. Failure was ignored under WARN mode.'],
    ['a final period is kept: two periods', 'the following rule(s) failed: X.', 'Hook failed with message: the following rule(s) failed: X.. Failure was ignored under WARN mode.'],
    ['other final punctuation', 'really?', 'Hook failed with message: really?. Failure was ignored under WARN mode.'],
  ])('WARN text, %s', async (_, message, expected) => {
    const entry = Object.assign(async (): Promise<HookProgressEvent> => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message, callbackDelaySeconds: 0 }), { seen: [] });
    const result = await run(planStack({ operation: 'create', next: [good] }), { FailureMode: 'WARN' }, entry);
    expect(result.events.find((e) => e.hookStatus === 'HOOK_COMPLETE_FAILED')?.hookStatusReason).toBe(expected);
  });

  // What the official runtimes answer when a handler throws (python `ProgressEvent.failed(InternalFailure)`: message
  // ""; java: the exception's null message left out): the hook's own FAILED, judged once, not an errored call.
  it.each<[string, Record<string, unknown>]>([
    ['message ""', { message: '' }],
    ['no message', {}],
  ])('a FAILED InternalFailure with %s: HOOK_COMPLETE_FAILED with an empty message, called once', async (_n, message) => {
    let calls = 0;
    const entry = Object.assign(async (): Promise<HookProgressEvent> => {
      calls += 1;
      return { hookStatus: 'FAILED', errorCode: 'InternalFailure', callbackDelaySeconds: 0, ...message };
    }, { seen: [] });
    const result = await run(planStack({ operation: 'create', next: [good] }), {}, entry);
    expect(calls).toBe(1);
    expect(result.stack.finalStatus).toBe('ROLLBACK_COMPLETE');
    expect(result.invocations.map((i) => [i.hookStatus, i.errorCode, i.message, i.offContract])).toEqual([['FAILED', 'InternalFailure', '', ['a FAILED answer must carry a message']]]);
    expect(result.events.find((e) => e.hookStatus === 'HOOK_COMPLETE_FAILED')?.hookStatusReason).toBe('Hook failed with message: ');
  });

  it('WARN: marks the failure as ignored and goes on', async () => {
    const result = await run(planStack({ operation: 'create', next: [bad, good] }), { FailureMode: 'WARN' });
    expect(result.stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(lines(result.events)).toContain(
      'BadBucket CREATE_IN_PROGRESS HOOK_COMPLETE_FAILED Hook failed with message: BadBucket is not encrypted. Failure was ignored under WARN mode.',
    );
    expect(result.invocations.map((i) => [i.logicalResourceId, i.hookStatus, i.errorCode, i.failureMode])).toEqual([
      ['BadBucket', 'FAILED', 'NonCompliant', 'WARN'],
      ['GoodBucket', 'SUCCESS', null, 'WARN'],
    ]);
  });

  it.each<[string, 'FAIL' | 'WARN', string]>([
    ['FAIL', 'FAIL', 'ROLLBACK_COMPLETE'],
    ['WARN', 'WARN', 'CREATE_COMPLETE'],
  ])('a handler that throws is HOOK_FAILED and obeys FailureMode %s', async (_n, mode, finalStatus) => {
    const result = await run(planStack({ operation: 'create', next: [encryptedBucket('BoomBucket')] }), { FailureMode: mode });
    expect(result.stack.finalStatus).toBe(finalStatus);
    const failed = result.events.find((e) => e.hookStatus === 'HOOK_FAILED');
    expect(failed?.hookStatusReason).toMatch(/^Hook failed with message: the handler threw: kaboom \(gave up after 4 attempts\)/);
    expect(result.seen).toHaveLength(4);
  });

  it.each<[string, HookConfiguration]>([
    ['DISABLED', { HookInvocationStatus: 'DISABLED' }],
    ['TargetStacks NONE', { TargetStacks: 'NONE' }],
    ['excluded stack', { StackFilters: { StackNames: { Exclude: ['my-stack'] } } }],
  ])('%s: never invoked, says why, resources provisioned normally', async (_n, configuration) => {
    const entry = fakeHook();
    let loaded = false;
    const result = await simulateStack({
      plan: planStack({ operation: 'create', next: [bad] }),
      stack: { name: 'my-stack', id: 'arn', region: 'us-east-1', accountId: '1' },
      hooks: [customHook({ schema, configuration, loadEntrypoint: async () => ((loaded = true), entry), stringify: true })],
      tokens: seededUuids('t'),
    });
    expect(result.stack.outcome).toBe('SUCCEEDED');
    expect(result.invocations).toEqual([]);
    expect(result.skippedHooks).toEqual([{ typeName: TYPE, reason: expect.any(String) }]);
    expect(loaded).toBe(false);
  });
});

describe('simulateStack: update', () => {
  const queue = resource('Queue', 'AWS::SQS::Queue', { QueueName: 'q', KmsMasterKeyId: 'alias/a' });
  const queue2 = resource('Queue', 'AWS::SQS::Queue', { QueueName: 'q2', KmsMasterKeyId: 'alias/a' });
  const changedGood = encryptedBucket('GoodBucket', { Tags: [{ Key: 'k', Value: 'v' }] });
  const removed = resource('Old', 'AWS::SQS::Queue', { KmsMasterKeyId: 'k' });

  it('preUpdate with previous properties for changes and replacements; no call for unchanged or removed', async () => {
    const result = await run(planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [key, good, queue, removed], next: [key, changedGood, queue2] }));
    expect(result.stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(result.seen.map((r) => [r.requestData.targetLogicalId, r.actionInvocationPoint, r.requestData.targetModel?.previousResourceProperties !== undefined])).toEqual([
      ['GoodBucket', 'UPDATE_PRE_PROVISION', true],
      ['Queue', 'UPDATE_PRE_PROVISION', true],
    ]);
    expect(result.seen[1]?.requestData.targetModel?.previousResourceProperties).toEqual({ QueueName: 'q', KmsMasterKeyId: 'alias/a' });
    expect(lines(result.events)).toEqual([
      'my-stack UPDATE_IN_PROGRESS User Initiated',
      'GoodBucket UPDATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'GoodBucket UPDATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: GoodBucket ok',
      'GoodBucket UPDATE_IN_PROGRESS Hook invocations complete.  Resource update initiated',
      'GoodBucket UPDATE_COMPLETE',
      'Queue UPDATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'Queue UPDATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: Queue ok',
      'Queue UPDATE_IN_PROGRESS Hook invocations complete.  Resource update initiated',
      'Queue UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one.',
      'Queue UPDATE_IN_PROGRESS Resource creation Initiated',
      'Queue UPDATE_COMPLETE',
      'my-stack UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'Old DELETE_IN_PROGRESS',
      'Old DELETE_COMPLETE',
      'Queue DELETE_IN_PROGRESS',
      'Queue DELETE_COMPLETE',
      'my-stack UPDATE_COMPLETE',
    ]);
  });

  it('FAIL on an added resource: UPDATE_ROLLBACK with updated resources reverted and created ones deleted', async () => {
    const result = await run(planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [good], next: [changedGood, bad] }));
    expect(result.stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', outcome: 'FAILED' });
    expect(lines(result.events).slice(5)).toEqual([
      'BadBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'BadBucket CREATE_IN_PROGRESS HOOK_COMPLETE_FAILED Hook failed with message: BadBucket is not encrypted',
      `BadBucket CREATE_FAILED The following hook(s) failed: [${TYPE}]`,
      'my-stack UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket]. ',
      'GoodBucket UPDATE_IN_PROGRESS',
      'GoodBucket UPDATE_COMPLETE',
      'my-stack UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'BadBucket DELETE_COMPLETE',
      'my-stack UPDATE_ROLLBACK_COMPLETE',
    ]);
  });

  it('FAIL after a replacement: UPDATE_ROLLBACK keeps the old physical resource and deletes the new one in cleanup', async () => {
    const result = await run(planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [queue], next: [queue2, bad] }));
    expect(result.stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', outcome: 'FAILED' });
    expect(lines(result.events).slice(6)).toEqual([
      'Queue UPDATE_COMPLETE',
      'BadBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'BadBucket CREATE_IN_PROGRESS HOOK_COMPLETE_FAILED Hook failed with message: BadBucket is not encrypted',
      `BadBucket CREATE_FAILED The following hook(s) failed: [${TYPE}]`,
      'my-stack UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket]. ',
      // Back to the old physical queue, which was never deleted ...
      'Queue UPDATE_IN_PROGRESS',
      'Queue UPDATE_COMPLETE',
      // ... and the queue the replacement created goes in cleanup, without a hook, like the created bucket.
      'my-stack UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'Queue DELETE_IN_PROGRESS',
      'Queue DELETE_COMPLETE',
      'BadBucket DELETE_COMPLETE',
      'my-stack UPDATE_ROLLBACK_COMPLETE',
    ]);
    expect(result.seen.map((r) => r.requestData.targetLogicalId)).toEqual(['Queue', 'BadBucket']);
  });

  // An export another stack imports, removed or changed: the service refuses the outputs once the resources are
  // updated and rolls back; the hook calls stay, and a hook that blocked a resource first stays the reason.
  const inUse = 'Export my-stack:Arn cannot be updated as it is in use by other';
  it.each<[string, ResolvedResource[], string[], string | undefined]>([
    [
      'every hook passed: the update rolls back with the service\'s text, its updates reverted and creates deleted',
      [changedGood, encryptedBucket('NewBucket')],
      [
        `my-stack UPDATE_ROLLBACK_IN_PROGRESS ${inUse}`,
        'GoodBucket UPDATE_IN_PROGRESS',
        'GoodBucket UPDATE_COMPLETE',
        'my-stack UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
        'NewBucket DELETE_IN_PROGRESS',
        'NewBucket DELETE_COMPLETE',
        'my-stack UPDATE_ROLLBACK_COMPLETE',
      ],
      inUse,
    ],
    [
      'a hook blocked a resource first: its failure is the reason, the outputs are never applied',
      [changedGood, bad],
      [
        'my-stack UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket]. ',
        'GoodBucket UPDATE_IN_PROGRESS',
        'GoodBucket UPDATE_COMPLETE',
        'my-stack UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
        'BadBucket DELETE_COMPLETE',
        'my-stack UPDATE_ROLLBACK_COMPLETE',
      ],
      undefined,
    ],
  ])('outputs refused (an export in use), %s', async (_name, next, rollback, refused) => {
    const result = await run(planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [good], next }), {}, fakeHook(), true, inUse);
    expect(result.stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', outcome: 'FAILED' });
    expect(result.invocations.map((i) => `${i.logicalResourceId} ${i.invocationPoint} ${i.hookStatus}`)).toEqual(next.map((r) => `${r.logicalId} ${r.logicalId === 'GoodBucket' ? 'UPDATE' : 'CREATE'}_PRE_PROVISION ${r.logicalId === 'BadBucket' ? 'FAILED' : 'SUCCESS'}`));
    const events = lines(result.events);
    expect(events.slice(events.findIndex((e) => e.startsWith('my-stack UPDATE_ROLLBACK_IN_PROGRESS')))).toEqual(rollback);
    expect(result.outputsRefusal).toBe(refused);
  });

  it('no change at all: refused as UpdateStack refuses it (ValidationError), no events, nothing invoked', async () => {
    const result = await run(planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [good], next: [good] }));
    expect(result.events).toEqual([]);
    expect(result.invocations).toEqual([]);
    expect(result.stack).toEqual({
      name: 'my-stack',
      operation: 'update',
      finalStatus: null,
      outcome: 'REJECTED',
      rejection: { errorCode: 'ValidationError', message: 'No updates are to be performed.' },
    });
  });
});

describe('simulateStack: delete', () => {
  it('preDelete in reverse order with the deployed properties; Retain is skipped', async () => {
    const retained = encryptedBucket('KeptBucket');
    const kept: ResolvedResource = { ...retained, deletionPolicy: 'Retain' };
    const deleted: string[] = [];
    const entry = fakeHook();
    const result = await simulateStack({
      serial: true,
      plan: planStack({ operation: 'delete', previous: [key, good, kept] }),
      stack: { name: 'my-stack', id: 'arn', region: 'us-east-1', accountId: '1' },
      hooks: [customHook({ schema, configuration: {}, loadEntrypoint: async () => entry, stringify: true })],
      tokens: seededUuids('t'),
      onResourceDeleted: (r) => deleted.push(r.logicalId),
    });
    expect(lines(result.events)).toEqual([
      'my-stack DELETE_IN_PROGRESS User Initiated',
      'KeptBucket DELETE_SKIPPED',
      'GoodBucket DELETE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'GoodBucket DELETE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: GoodBucket ok',
      'GoodBucket DELETE_IN_PROGRESS Hook invocations complete.  Resource deletion initiated',
      'GoodBucket DELETE_COMPLETE',
      'Key DELETE_IN_PROGRESS',
      'Key DELETE_COMPLETE',
      'my-stack DELETE_COMPLETE',
    ]);
    expect(entry.seen[0]?.requestData.targetModel).toEqual({ resourceProperties: expect.objectContaining({ BucketEncryption: expect.any(Object) }) });
    expect(deleted).toEqual(['GoodBucket', 'Key']);
  });

  it('a failing preDelete leaves the resource and ends DELETE_FAILED', async () => {
    const result = await run(planStack({ operation: 'delete', previous: [good, bad] }));
    expect(result.stack).toMatchObject({ finalStatus: 'DELETE_FAILED', outcome: 'FAILED' });
    expect(lines(result.events).slice(-2)).toEqual([
      `BadBucket DELETE_FAILED The following hook(s) failed: [${TYPE}]`,
      'my-stack DELETE_FAILED The following resource(s) failed to delete: [BadBucket]. ',
    ]);
  });
});

describe('simulateStack: several hooks', () => {
  const second = (typeName: string, configuration: HookConfiguration): ReturnType<typeof customHook> =>
    customHook({ schema: { ...schema, typeName }, configuration, loadEntrypoint: async () => fakeHook(), stringify: true });
  const simulate = (hooks: ReturnType<typeof customHook>[], next: ResolvedResource[]): Promise<SimulationResult> =>
    simulateStack({
      plan: planStack({ operation: 'create', next }),
      stack: { name: 'my-stack', id: 'arn', region: 'us-east-1', accountId: '1' },
      hooks,
      tokens: seededUuids('t'),
    });

  it('calls every hook in turn, each with its own FailureMode: a WARN and a FAIL hook in one run', async () => {
    const result = await simulate([second('Acme::Warn::Hook', { FailureMode: 'WARN' }), second('Acme::Fail::Hook', { FailureMode: 'FAIL' })], [bad]);
    expect(lines(result.events)).toEqual([
      'my-stack CREATE_IN_PROGRESS User Initiated',
      'BadBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'BadBucket CREATE_IN_PROGRESS HOOK_COMPLETE_FAILED Hook failed with message: BadBucket is not encrypted. Failure was ignored under WARN mode.',
      'BadBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'BadBucket CREATE_IN_PROGRESS HOOK_COMPLETE_FAILED Hook failed with message: BadBucket is not encrypted',
      'BadBucket CREATE_FAILED The following hook(s) failed: [Acme::Fail::Hook]',
      'my-stack ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket]. Rollback requested by user.',
      'BadBucket DELETE_COMPLETE',
      'my-stack ROLLBACK_COMPLETE',
    ]);
    expect(result.events.filter((e) => e.hookStatus).map((e) => [e.hookType, e.hookFailureMode])).toEqual([
      ['Acme::Warn::Hook', 'WARN'],
      ['Acme::Warn::Hook', 'WARN'],
      ['Acme::Fail::Hook', 'FAIL'],
      ['Acme::Fail::Hook', 'FAIL'],
    ]);
  });

  it('names every blocking hook when more than one blocks', async () => {
    const result = await simulate([second('Acme::One::Hook', {}), second('Acme::Two::Hook', {})], [bad]);
    expect(lines(result.events)).toContain('BadBucket CREATE_FAILED The following hook(s) failed: [Acme::One::Hook, Acme::Two::Hook]');
    expect(result.invocations.map((i) => i.hookStatus)).toEqual(['FAILED', 'FAILED']);
  });

  it('decides per hook whether it runs for the stack and for the target', async () => {
    const result = await simulate(
      [second('Acme::Off::Hook', { HookInvocationStatus: 'DISABLED' }), second('Acme::Queues::Hook', { TargetFilters: { TargetNames: ['AWS::SQS::Queue'] } }), second('Acme::On::Hook', {})],
      [good],
    );
    expect(result.events.filter((e) => e.hookStatus).map((e) => e.hookType)).toEqual(['Acme::On::Hook', 'Acme::On::Hook']);
    expect(result.skippedHooks).toEqual([{ typeName: 'Acme::Off::Hook', reason: 'HookInvocationStatus is DISABLED' }]);
  });
});

describe('simulateStack: waves (the default; serial keeps one resource at a time)', () => {
  const queue = resource('Queue', 'AWS::SQS::Queue', { QueueName: 'q', KmsMasterKeyId: 'alias/a' });
  // Key, GoodBucket, BadBucket have no dependency: one wave. Dependent waits for GoodBucket: a second wave.
  const dependent = resource('Dependent', 'AWS::SQS::Queue', { QueueName: 'd', KmsMasterKeyId: 'alias/a' }, { dependsOn: ['GoodBucket'] });
  const stack = { name: 'my-stack', id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/x', region: 'us-east-1', accountId: '123456789012' };

  it('a wave starts together (hooks in plan order), then is initiated, then completes; the next wave after', async () => {
    const result = await run(planStack({ operation: 'create', next: [key, good, queue, dependent] }), {}, fakeHook(), false);
    expect(result.stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(lines(result.events)).toEqual([
      'my-stack CREATE_IN_PROGRESS User Initiated',
      'Key CREATE_IN_PROGRESS',
      'GoodBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'GoodBucket CREATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: GoodBucket ok',
      'GoodBucket CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
      'Queue CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'Queue CREATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: Queue ok',
      'Queue CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
      'Key CREATE_IN_PROGRESS Resource creation Initiated',
      'GoodBucket CREATE_IN_PROGRESS Resource creation Initiated',
      'Queue CREATE_IN_PROGRESS Resource creation Initiated',
      'Key CREATE_COMPLETE',
      'GoodBucket CREATE_COMPLETE',
      'Queue CREATE_COMPLETE',
      'Dependent CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'Dependent CREATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: Dependent ok',
      'Dependent CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
      'Dependent CREATE_IN_PROGRESS Resource creation Initiated',
      'Dependent CREATE_COMPLETE',
      'my-stack CREATE_COMPLETE',
    ]);
  });

  it('a blocked resource cancels its siblings in flight; the reason lists it, then them; the next wave never starts', async () => {
    const result = await run(planStack({ operation: 'create', next: [key, good, bad, dependent] }), {}, fakeHook(), false);
    expect(result.stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' });
    expect(lines(result.events)).toEqual([
      'my-stack CREATE_IN_PROGRESS User Initiated',
      'Key CREATE_IN_PROGRESS',
      'GoodBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'GoodBucket CREATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED Hook succeeded with message: GoodBucket ok',
      'GoodBucket CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
      'BadBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook',
      'BadBucket CREATE_IN_PROGRESS HOOK_COMPLETE_FAILED Hook failed with message: BadBucket is not encrypted',
      `BadBucket CREATE_FAILED The following hook(s) failed: [${TYPE}]`,
      'Key CREATE_FAILED Resource creation cancelled',
      'GoodBucket CREATE_FAILED Resource creation cancelled',
      'my-stack ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket, Key, GoodBucket]. Rollback requested by user.',
      'BadBucket DELETE_COMPLETE',
      'GoodBucket DELETE_IN_PROGRESS',
      'GoodBucket DELETE_COMPLETE',
      'Key DELETE_IN_PROGRESS',
      'Key DELETE_COMPLETE',
      'my-stack ROLLBACK_COMPLETE',
    ]);
    expect(result.seen.map((r) => r.requestData.targetLogicalId)).toEqual(['GoodBucket', 'BadBucket']);
  });

  it('serial: the same stack stops at BadBucket with only it in the reason; Key and GoodBucket completed first', async () => {
    const result = await run(planStack({ operation: 'create', next: [key, good, bad, dependent] }), {}, fakeHook(), true);
    const text = lines(result.events);
    expect(text.filter((l) => l.includes('cancelled'))).toEqual([]);
    expect(text).toContain('my-stack ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket]. Rollback requested by user.');
    expect(text.indexOf('GoodBucket CREATE_COMPLETE')).toBeLessThan(text.indexOf('BadBucket CREATE_IN_PROGRESS HOOK_IN_PROGRESS Invoking hook'));
  });

  it.each<[string, () => StackPlan, string[], string]>([
    [
      'update: a blocked added resource cancels the update in flight, which is reverted',
      () => planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [good], next: [encryptedBucket('GoodBucket', { Tags: [{ Key: 'a', Value: 'b' }] }), bad] }),
      ['GoodBucket UPDATE_FAILED Resource update cancelled', 'GoodBucket UPDATE_IN_PROGRESS', 'GoodBucket UPDATE_COMPLETE', 'BadBucket DELETE_COMPLETE'],
      'my-stack UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadBucket, GoodBucket]. ',
    ],
    [
      'delete: a blocked preDelete cancels the delete in flight; the stack is DELETE_FAILED for both',
      () => planStack({ operation: 'delete', previous: [good, bad] }),
      ['GoodBucket DELETE_FAILED Resource deletion cancelled'],
      'my-stack DELETE_FAILED The following resource(s) failed to delete: [BadBucket, GoodBucket]. ',
    ],
  ])('%s', async (_name, plan, expected, stackReason) => {
    const result = await run(plan(), {}, fakeHook(), false);
    expect(result.stack.outcome).toBe('FAILED');
    const text = lines(result.events);
    expect(text).toContain(stackReason);
    expect(text.filter((l) => expected.includes(l))).toEqual(expected);
  });

  it('update: the cleanup of a removed resource calls no hook (no preDelete) and stays one at a time', async () => {
    const removed = resource('Old', 'AWS::SQS::Queue', { KmsMasterKeyId: 'k' });
    const removedBucket = encryptedBucket('OldBucket');
    const result = await run(planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [good, removed, removedBucket], next: [encryptedBucket('GoodBucket', { Tags: [{ Key: 'a', Value: 'b' }] })] }), {}, fakeHook(), false);
    expect(result.seen.map((r) => `${r.requestData.targetLogicalId} ${r.actionInvocationPoint}`)).toEqual(['GoodBucket UPDATE_PRE_PROVISION']);
    const text = lines(result.events);
    expect(text.slice(text.indexOf('my-stack UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'))).toEqual([
      'my-stack UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'OldBucket DELETE_IN_PROGRESS',
      'OldBucket DELETE_COMPLETE',
      'Old DELETE_IN_PROGRESS',
      'Old DELETE_COMPLETE',
      'my-stack UPDATE_COMPLETE',
    ]);
  });

  it('delete: reverse dependency waves; a retained resource is skipped in its wave without a call', async () => {
    const kept = { ...encryptedBucket('KeptBucket'), deletionPolicy: 'Retain' };
    const user = resource('UserQueue', 'AWS::SQS::Queue', { KmsMasterKeyId: 'k' }, { dependsOn: ['Key'] });
    const result = await run(planStack({ operation: 'delete', previous: [key, good, kept, user] }), {}, fakeHook(), false);
    expect(result.stack.finalStatus).toBe('DELETE_COMPLETE');
    expect(lines(result.events).filter((l) => !l.includes('HOOK_'))).toEqual([
      'my-stack DELETE_IN_PROGRESS User Initiated',
      'UserQueue DELETE_IN_PROGRESS Hook invocations complete.  Resource deletion initiated',
      'KeptBucket DELETE_SKIPPED',
      'GoodBucket DELETE_IN_PROGRESS Hook invocations complete.  Resource deletion initiated',
      'UserQueue DELETE_COMPLETE',
      'GoodBucket DELETE_COMPLETE',
      'Key DELETE_IN_PROGRESS',
      'Key DELETE_COMPLETE',
      'my-stack DELETE_COMPLETE',
    ]);
  });

  it('a cancelled delete is not reported deleted to the account', async () => {
    const deleted: string[] = [];
    await simulateStack({
      plan: planStack({ operation: 'delete', previous: [good, bad] }),
      stack,
      hooks: [customHook({ schema, configuration: {}, loadEntrypoint: async () => fakeHook(), stringify: true })],
      tokens: seededUuids('t'),
      onResourceDeleted: (r) => deleted.push(r.logicalId),
    });
    expect(deleted).toEqual([]);
  });

  it('several hooks per resource: every hook of every sibling is called before the verdict; the blocking ones are named', async () => {
    const hook = (typeName: string, configuration: HookConfiguration): ReturnType<typeof customHook> =>
      customHook({ schema: { ...schema, typeName }, configuration, loadEntrypoint: async () => fakeHook(), stringify: true });
    const result = await simulateStack({
      plan: planStack({ operation: 'create', next: [bad, good] }),
      stack,
      hooks: [hook('Acme::Warn::Hook', { FailureMode: 'WARN' }), hook('Acme::Fail::Hook', {}), hook('Acme::Other::Hook', {})],
      tokens: seededUuids('t'),
    });
    expect(result.invocations.map((i) => `${i.logicalResourceId} ${i.hookTypeName} ${i.hookStatus}`)).toEqual([
      'BadBucket Acme::Warn::Hook FAILED',
      'BadBucket Acme::Fail::Hook FAILED',
      'BadBucket Acme::Other::Hook FAILED',
      'GoodBucket Acme::Warn::Hook SUCCESS',
      'GoodBucket Acme::Fail::Hook SUCCESS',
      'GoodBucket Acme::Other::Hook SUCCESS',
    ]);
    expect(lines(result.events).filter((l) => l.includes(' CREATE_FAILED '))).toEqual([
      'BadBucket CREATE_FAILED The following hook(s) failed: [Acme::Fail::Hook, Acme::Other::Hook]',
      'GoodBucket CREATE_FAILED Resource creation cancelled',
    ]);
  });

  describe('nested stacks and STACK targets', () => {
    const child = (name: string, resources: ResolvedResource[]): NestedStackRun => ({
      stack: { name, id: `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/c`, region: 'us-east-1', accountId: '123456789012' },
      plan: planStack({ operation: 'create', next: resources }),
      tokens: seededUuids(name),
      templates: { template: `Description: ${name}`, previousTemplate: '', resolvedTemplate: '{}' },
    });
    const storage = resource('Storage', 'AWS::CloudFormation::Stack', { TemplateURL: 'storage.yaml' });
    const other = resource('Other', 'AWS::CloudFormation::Stack', { TemplateURL: 'other.yaml' });
    const later = resource('Later', 'AWS::SQS::Queue', { QueueName: 'l' }, { dependsOn: ['Storage'] });

    /** A hook for RESOURCE and STACK targets that fails what starts with "Bad", records each target it sees. */
    function everyTargetHook(seen: string[], configuration: HookConfiguration = {}): Hook {
      return {
        typeName: 'Acme::Every::Hook',
        originalTypeName: 'AWS::Hooks::LambdaHook',
        kind: 'lambda',
        configuration: { TargetOperations: ['STACK', 'RESOURCE'], ...configuration },
        handlers: EVERY_TARGET,
        targetTypes: ['RESOURCE', 'STACK'],
        invoke: async ({ target }) => {
          seen.push(`${target.targetName} ${target.logicalId}${target.stackPayload ? ' (payload)' : ''}`);
          const bad = target.logicalId.startsWith('Bad') || target.logicalId.startsWith('bad-');
          return bad
            ? { kind: 'failed', hookStatus: 'FAILED', errorCode: 'NonCompliant', message: `${target.logicalId} refused`, calls: 1 }
            : { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message: `${target.logicalId} ok`, calls: 1 };
        },
      };
    }
    const simulate = (hook: Hook, next: ResolvedResource[], nested: Map<string, NestedStackRun>): Promise<SimulationResult> =>
      simulateStack({
        plan: planStack({ operation: 'create', next }),
        stack,
        hooks: [hook],
        tokens: seededUuids('t'),
        nested,
        templates: { template: 'Description: root', previousTemplate: '', resolvedTemplate: '{}' },
        servePayloads: async () => ({ publish: (text: string) => `http://127.0.0.1:1/${text.length}`, close: async () => undefined }),
      });

    it('a nested stack whose own resource fails cancels its siblings in flight; its events are in its own result', async () => {
      const seen: string[] = [];
      const result = await simulate(everyTargetHook(seen), [good, storage, other, later], new Map([['Storage', child('my-stack-Storage-X', [encryptedBucket('BadLogs')])], ['Other', child('my-stack-Other-X', [encryptedBucket('OtherBucket')])]]));
      expect(result.stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' });
      expect(lines(result.events).filter((l) => !l.includes('HOOK_'))).toEqual([
        'my-stack CREATE_IN_PROGRESS User Initiated',
        'GoodBucket CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
        'Storage CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
        'Other CREATE_IN_PROGRESS Hook invocations complete.  Resource creation initiated',
        'GoodBucket CREATE_IN_PROGRESS Resource creation Initiated',
        'Storage CREATE_IN_PROGRESS Resource creation Initiated',
        'Other CREATE_IN_PROGRESS Resource creation Initiated',
        'Storage CREATE_FAILED Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack-Storage-X/c was not successfully created: The following resource(s) failed to create: [BadLogs]. ',
        'GoodBucket CREATE_FAILED Resource creation cancelled',
        'Other CREATE_FAILED Resource creation cancelled',
        'my-stack ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Storage, GoodBucket, Other]. Rollback requested by user.',
        'Storage DELETE_COMPLETE',
        'Other DELETE_IN_PROGRESS',
        'Other DELETE_COMPLETE',
        'GoodBucket DELETE_IN_PROGRESS',
        'GoodBucket DELETE_COMPLETE',
        'my-stack ROLLBACK_COMPLETE',
      ]);
      // STACK hooks: once for the root before its first wave, once for each nested stack before its own resources.
      expect(seen).toEqual([
        'STACK my-stack (payload)',
        'AWS::S3::Bucket GoodBucket',
        'AWS::CloudFormation::Stack Storage',
        'AWS::CloudFormation::Stack Other',
        'STACK my-stack-Storage-X (payload)',
        'AWS::S3::Bucket BadLogs',
        'STACK my-stack-Other-X (payload)',
        'AWS::S3::Bucket OtherBucket',
      ]);
      const [storageResult, otherResult] = result.nestedStacks ?? [];
      expect(lines(storageResult?.events ?? []).filter((l) => !l.includes('HOOK_'))).toEqual([
        'my-stack-Storage-X CREATE_IN_PROGRESS User Initiated',
        `BadLogs CREATE_FAILED The following hook(s) failed: [Acme::Every::Hook]`,
        'my-stack-Storage-X ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [BadLogs]. Rollback requested by user.',
        'BadLogs DELETE_COMPLETE',
        'my-stack-Storage-X ROLLBACK_COMPLETE',
        'my-stack-Storage-X DELETE_IN_PROGRESS',
        'my-stack-Storage-X DELETE_COMPLETE',
      ]);
      // The sibling nested stack completed, was cancelled in its parent, and is deleted by the parent's rollback.
      expect(otherResult?.stack.finalStatus).toBe('DELETE_COMPLETE');
      expect(lines(otherResult?.events ?? []).slice(-4)).toEqual(['my-stack-Other-X DELETE_IN_PROGRESS', 'OtherBucket DELETE_IN_PROGRESS', 'OtherBucket DELETE_COMPLETE', 'my-stack-Other-X DELETE_COMPLETE']);
      expect(result.invocations.map((i) => i.logicalResourceId)).not.toContain('Later');
    });

    // The parent's Stack resource quotes why the nested stack failed, with the verb of the operation.
    const EMBEDDED = 'Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack-Storage-X/c was not successfully';
    const storageV2 = resource('Storage', 'AWS::CloudFormation::Stack', { TemplateURL: 'storage-v2.yaml' });
    it.each<[string, StackPlan, StackPlan, string]>([
      ['create', planStack({ operation: 'create', next: [storage] }), planStack({ operation: 'create', next: [encryptedBucket('BadLogs')] }), `Storage CREATE_FAILED ${EMBEDDED} created: The following resource(s) failed to create: [BadLogs]. `],
      ['update', planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [storage], next: [storageV2] }), planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [], next: [encryptedBucket('BadLogs')] }), `Storage UPDATE_FAILED ${EMBEDDED} updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to create: [BadLogs]. `],
      ['delete', planStack({ operation: 'delete', previous: [storage] }), planStack({ operation: 'delete', previous: [encryptedBucket('BadLogs')] }), `Storage DELETE_FAILED ${EMBEDDED} deleted: The following resource(s) failed to delete: [BadLogs]. `],
    ])('a nested stack that fails its %s: the parent resource says "was not successfully …"', async (_operation, parentPlan, childPlan, expected) => {
      const result = await simulateStack({
        plan: parentPlan,
        stack,
        hooks: [everyTargetHook([])],
        tokens: seededUuids('t'),
        nested: new Map([['Storage', { ...child('my-stack-Storage-X', []), plan: childPlan }]]),
        templates: { template: 'Description: root', previousTemplate: 'Description: root', resolvedTemplate: '{}' },
        servePayloads: async () => ({ publish: (text: string) => `http://127.0.0.1:1/${text.length}`, close: async () => undefined }),
      });
      expect(lines(result.events).filter((l) => l.startsWith('Storage ') && l.includes('_FAILED'))).toEqual([expected]);
    });

    it('a nested stack’s own STACK hook: StackFilters see its name; a FAIL there fails the parent’s resource, quoting it', async () => {
      const seen: string[] = [];
      const result = await simulate(everyTargetHook(seen), [storage], new Map([['Storage', child('bad-child', [encryptedBucket('ChildBucket')])]]));
      expect(lines(result.events)).toContain(
        'Storage CREATE_FAILED Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/bad-child/c was not successfully created: The following hook(s) failed: [Acme::Every::Hook]',
      );
      expect(seen).toEqual(['STACK my-stack (payload)', 'AWS::CloudFormation::Stack Storage', 'STACK bad-child (payload)']);
      const excluded: string[] = [];
      const filtered = await simulate(everyTargetHook(excluded, { StackFilters: { FilteringCriteria: 'ALL', StackNames: { Exclude: ['bad-*'] } } }), [storage], new Map([['Storage', child('bad-child', [encryptedBucket('ChildBucket')])]]));
      expect(filtered.stack.outcome).toBe('SUCCEEDED');
      expect(excluded).toEqual(['STACK my-stack (payload)', 'AWS::CloudFormation::Stack Storage']);
      expect(filtered.nestedStacks?.[0]?.skippedHooks).toEqual([{ typeName: 'Acme::Every::Hook', reason: expect.stringContaining('bad-child') }]);
    });
  });
});

describe("simulateStack: a STACK target's payload, one shape per kind", () => {
  const templates = { template: 'Description: next', previousTemplate: 'Description: deployed', resolvedTemplate: '{"Resources":{}}' };
  const queue = resource('Jobs', 'AWS::SQS::Queue', { QueueName: 'j' });

  /** Runs one stack operation with a STACK hook; gives the two payloads served for its STACK call, parsed. */
  async function payloadsFor(plan: StackPlan): Promise<{ lambda: unknown; registry: unknown }> {
    const served = new Map<string, string>();
    let urls: { lambda: string; registry: string } | undefined;
    const hook: Hook = {
      typeName: 'Acme::Stack::Hook',
      originalTypeName: 'Acme::Stack::Hook',
      kind: 'custom',
      configuration: { TargetOperations: ['STACK'] },
      handlers: EVERY_TARGET,
      targetTypes: ['STACK'],
      invoke: async ({ target }) => {
        urls = target.stackPayload;
        return { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message: 'ok', calls: 1 };
      },
    };
    await simulateStack({
      plan,
      stack: { name: 'my-stack', id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/x', region: 'us-east-1', accountId: '123456789012' },
      hooks: [hook],
      tokens: seededUuids('t'),
      templates,
      servePayloads: async () => ({
        publish: (text: string) => {
          const url = `http://127.0.0.1:1/${served.size}`;
          served.set(url, text);
          return url;
        },
        close: async () => undefined,
      }),
    });
    const parse = (url: string | undefined): unknown => JSON.parse(served.get(url ?? '') ?? 'null');
    return { lambda: parse(urls?.lambda), registry: parse(urls?.registry) };
  }

  // Lambda: the Lambda page's camelCase. Registry: PascalCase, the names of the Java runtime's StackHookTargetModel
  // (and of HookLambdaWrapperTest's mocked payload). [unconfirmed] which the service sends to which kind.
  it.each<[string, StackPlan, unknown, unknown]>([
    [
      'create',
      planStack({ operation: 'create', next: [queue] }),
      { template: 'Description: next', previousTemplate: '' },
      { Template: 'Description: next', PreviousTemplate: '', ResolvedTemplate: '{"Resources":{}}' },
    ],
    [
      'update',
      planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [queue], next: [resource('Jobs', 'AWS::SQS::Queue', { QueueName: 'j', DelaySeconds: 5 })] }),
      { template: 'Description: next', previousTemplate: 'Description: deployed' },
      { Template: 'Description: next', PreviousTemplate: 'Description: deployed', ResolvedTemplate: '{"Resources":{}}' },
    ],
    ['delete', planStack({ operation: 'delete', previous: [queue] }), { template: '', previousTemplate: '' }, { Template: '', PreviousTemplate: '', ResolvedTemplate: '' }],
  ])('%s', async (_operation, plan, lambda, registry) => {
    expect(await payloadsFor(plan)).toEqual({ lambda, registry });
  });
});
