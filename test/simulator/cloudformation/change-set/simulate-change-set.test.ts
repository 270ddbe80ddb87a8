/**
 * simulateChangeSet with hooks as values (in-process entrypoints): which hooks the change set calls, the request
 * and payload each kind receives, the change set's status and reason under FAIL and WARN, the DescribeChangeSetHooks
 * plan, and the execution that follows with changeSetId in every request.
 */
import type { HookConfiguration, HookSchema } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest, HookProgressEvent, JsonObject } from '../../../../src/kernel/protocol';
import { simulateChangeSet, NO_CHANGES_REASON, type ChangeSetSimulation } from '../../../../simulator/cloudformation/change-set';
import { buildGuardInput, type GuardSeamEvaluation } from '../../../../simulator/cloudformation/guard';
import { customHook, guardHook, lambdaHook, seededUuids, type Hook, type SimulationResult } from '../../../../simulator/cloudformation/invoke';
import { planStack, type StackPlan } from '../../../../simulator/cloudformation/plan';
import { encryptedBucket, resource } from '../build-resources';
import { createOnlyProperties } from '../../../../simulator/cloudformation/resolve/resource-types';

const CHANGE_SET_ID = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/0f0e0d0c-0b0a-4908-8706-050403020100';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/shop/x';

/** What a fake hook saw: each request, and for a CHANGE_SET target the payload fetched from its URL while it was served. */
interface Seen {
  readonly request: HookInvocationRequest;
  readonly payload?: JsonObject;
}

/** An entrypoint that records each call and fails the targets `fails` names (a logical id, or CHANGE_SET). */
function recorder(fails: (request: HookInvocationRequest, payload?: JsonObject) => boolean = () => false): HookEntrypoint & { seen: Seen[] } {
  const seen: Seen[] = [];
  const entry = async (event: unknown): Promise<HookProgressEvent> => {
    const request = event as HookInvocationRequest;
    const url = request.requestData.payload;
    const payload = url && request.requestData.targetType === 'CHANGE_SET' ? ((await (await fetch(url)).json()) as JsonObject) : undefined;
    seen.push({ request, ...(payload ? { payload } : {}) });
    const token = { clientRequestToken: request.clientRequestToken, callbackDelaySeconds: 0 };
    return fails(request, payload)
      ? { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: `refused ${request.requestData.targetName}`, ...token }
      : { hookStatus: 'SUCCESS', message: `ok ${request.requestData.targetName}`, ...token };
  };
  return Object.assign(entry, { seen });
}

const lambda = (alias: string, configuration: HookConfiguration, entry: HookEntrypoint): Hook =>
  lambdaHook({ alias, configuration, lambdaFunction: `arn:aws:lambda:us-east-1:123456789012:function:${alias.split('::')[2] ?? 'f'}`, loadEntrypoint: async () => entry, stringify: true });

const registrySchema = (targetNames: string[]): HookSchema => ({
  typeName: 'Acme::Change::Sets',
  handlers: { preCreate: { targetNames, permissions: [] }, preUpdate: { targetNames, permissions: [] } },
});
const registry = (targetNames: string[], configuration: HookConfiguration, entry: HookEntrypoint): Hook =>
  customHook({ schema: registrySchema(targetNames), configuration, loadEntrypoint: async () => entry, stringify: true });

const bucket = encryptedBucket('DataBucket', { VersioningConfiguration: { Status: 'Enabled' }, ObjectLockEnabled: true });
const queue = resource('JobsQueue', 'AWS::SQS::Queue', { DelaySeconds: 5 });
const LINES: Record<string, number> = { DataBucket: 4, JobsQueue: 12, LogsBucket: 20 };

function simulation(plan: StackPlan, hooks: readonly Hook[], execute = false): ChangeSetSimulation {
  return {
    plan,
    stack: { name: 'shop', id: STACK_ID, region: 'us-east-1', accountId: '123456789012' },
    hooks,
    tokens: seededUuids('shop'),
    limits: { timeoutMillis: 2_000, maxRetries: 0, maxInProgress: 3 },
    templates: { template: 'Resources: {}  # as submitted', previousTemplate: 'Resources: {}  # deployed', resolvedTemplate: '{"Resources":{}}' },
    changeSet: { name: 'cs', id: CHANGE_SET_ID },
    documents: { template: { Resources: {} }, previousTemplate: plan.operation === 'update' ? { Resources: {} } : null },
    lineOf: (id) => LINES[id] ?? null,
    execute,
  };
}

const create = (): StackPlan => planStack({ operation: 'create', next: [bucket, queue] });
const update = (): StackPlan =>
  planStack({
    operation: 'update',
    createOnly: createOnlyProperties,
    previous: [bucket, resource('JobsQueue', 'AWS::SQS::Queue', { DelaySeconds: 0 }), encryptedBucket('LogsBucket')],
    next: [bucket, queue],
  });

const CHANGE_SET_ONLY: HookConfiguration = { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['CHANGE_SET'] };

describe('simulateChangeSet: the change-set stage', () => {
  it('a CREATE change set: one CREATE_PRE_PROVISION call per CHANGE_SET hook, the Lambda page request and payload', async () => {
    const entry = recorder();
    const result = await simulateChangeSet(simulation(create(), [lambda('Acme::Lambda::Keep', CHANGE_SET_ONLY, entry)]));
    expect(result.changeSet).toMatchObject({ name: 'cs', id: CHANGE_SET_ID, type: 'CREATE', status: 'CREATE_COMPLETE', statusReason: null, executionStatus: 'AVAILABLE', executed: false });
    expect(result.stack).toEqual({ name: 'shop', operation: 'create', finalStatus: 'REVIEW_IN_PROGRESS', outcome: 'SUCCEEDED' });
    expect(result.events.map((e) => [e.logicalResourceId, e.resourceStatus, e.resourceStatusReason])).toEqual([['shop', 'REVIEW_IN_PROGRESS', 'User Initiated']]);
    const [seen] = entry.seen;
    expect(seen?.request).toMatchObject({
      stackId: STACK_ID,
      changeSetId: CHANGE_SET_ID,
      hookTypeName: 'Acme::Lambda::Keep',
      hookModel: { LambdaFunction: 'arn:aws:lambda:us-east-1:123456789012:function:Keep' },
      actionInvocationPoint: 'CREATE_PRE_PROVISION',
      requestData: { targetName: 'CHANGE_SET', targetType: 'CHANGE_SET', targetLogicalId: CHANGE_SET_ID },
    });
    expect(seen?.request.requestData.payload).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/payload\//);
    expect(seen?.request.requestData.targetModel).toBeUndefined();
    expect(seen?.payload).toEqual({
      template: 'Resources: {}  # as submitted',
      changedResources: [
        {
          logicalResourceId: 'DataBucket',
          resourceType: 'AWS::S3::Bucket',
          action: 'CREATE',
          lineNumber: 4,
          beforeContext: null,
          afterContext: JSON.stringify({
            Properties: {
              BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: 'true', ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
              VersioningConfiguration: { Status: 'Enabled' },
              ObjectLockEnabled: 'true',
            },
          }),
        },
        { logicalResourceId: 'JobsQueue', resourceType: 'AWS::SQS::Queue', action: 'CREATE', lineNumber: 12, beforeContext: null, afterContext: '{"Properties":{"DelaySeconds":"5"}}' },
      ],
    });
    expect(result.hookResults).toEqual([
      expect.objectContaining({
        TypeName: 'Acme::Lambda::Keep',
        OriginalTypeName: 'AWS::Hooks::LambdaHook',
        Status: 'HOOK_COMPLETE_SUCCEEDED',
        Target: { TargetType: 'CHANGE_SET', TargetTypeName: 'CHANGE_SET', TargetId: CHANGE_SET_ID, Action: 'CREATE' },
      }),
    ]);
    expect(result.invocations.map((i) => [i.logicalResourceId, i.targetName, i.targetType, i.invocationPoint, i.hookStatus])).toEqual([
      [CHANGE_SET_ID, 'CHANGE_SET', 'CHANGE_SET', 'CREATE_PRE_PROVISION', 'SUCCESS'],
    ]);
  });

  it('an UPDATE change set: Add, Modify (with before and after) and Remove (no line, no after); registry hooks get the PascalCase payload of the Java runtime model, and targetModel {}', async () => {
    const entry = recorder();
    const result = await simulateChangeSet(simulation(update(), [registry(['CHANGE_SET'], CHANGE_SET_ONLY, entry)]));
    expect(result.changeSet?.changes).toEqual([
      { Action: 'Modify', LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', Replacement: 'False', LineNumber: 12 },
      { Action: 'Remove', LogicalResourceId: 'LogsBucket', ResourceType: 'AWS::S3::Bucket', LineNumber: null },
    ]);
    expect(result.stack.finalStatus).toBeNull();
    expect(result.events).toEqual([]);
    const [seen] = entry.seen;
    expect(seen?.request.requestData).toMatchObject({ targetName: 'CHANGE_SET', targetType: 'CHANGE_SET', targetLogicalId: CHANGE_SET_ID, targetModel: {} });
    expect(seen?.request.requestData.callerCredentials).toEqual(expect.any(String));
    expect(seen?.payload).toEqual({
      Template: 'Resources: {}  # as submitted',
      PreviousTemplate: 'Resources: {}  # deployed',
      ResolvedTemplate: '{"Resources":{}}',
      ChangedResources: [
        {
          LogicalResourceId: 'JobsQueue',
          ResourceType: 'AWS::SQS::Queue',
          LineNumber: 12,
          Action: 'UPDATE',
          ResourceProperties: '{"Properties":{"DelaySeconds":"5"}}',
          PreviousResourceProperties: '{"Properties":{"DelaySeconds":"0"}}',
        },
        {
          LogicalResourceId: 'LogsBucket',
          ResourceType: 'AWS::S3::Bucket',
          LineNumber: null,
          Action: 'DELETE',
          ResourceProperties: null,
          PreviousResourceProperties: expect.stringMatching(/^\{"Properties":\{"BucketEncryption":/) as unknown as string,
        },
      ],
    });
  });

  it('a Guard hook is handed the CHANGE_SET target its document is built from (templates parsed, changes), and reads no payload URL', async () => {
    const evaluations: GuardSeamEvaluation[] = [];
    const guard = guardHook(
      { alias: 'Acme::Guard::Changes', configuration: CHANGE_SET_ONLY, rules: { uri: 's3://b/r.guard', path: '/dev/null' }, inputParams: [] },
      async (evaluation) => {
        evaluations.push(evaluation);
        return { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message: 'Successful validation', calls: 1 };
      },
    );
    const sim = simulation(update(), [guard]);
    const result = await simulateChangeSet({ ...sim, documents: { template: { Resources: { JobsQueue: { Type: 'AWS::SQS::Queue' } } }, previousTemplate: { Resources: {} } } });
    expect(result.changeSet?.status).toBe('CREATE_COMPLETE');
    const target = evaluations[0]?.target;
    expect(target).toMatchObject({ targetType: 'CHANGE_SET', stackName: 'shop', changeSetId: CHANGE_SET_ID, invocationPoint: 'CREATE_PRE_PROVISION' });
    const document = buildGuardInput({ hookTypeName: 'Acme::Guard::Changes' }, target as NonNullable<typeof target>);
    expect(Object.keys(document)).toEqual(['Resources', 'HookContext', 'Previous', 'Changes']);
    expect(document.HookContext).toMatchObject({ TargetName: 'CHANGE_SET', TargetType: 'CHANGE_SET', TargetLogicalId: CHANGE_SET_ID, ChangeSetId: CHANGE_SET_ID, StackId: STACK_ID });
    expect(document.Changes).toEqual([
      { logicalResourceId: 'JobsQueue', resourceType: 'AWS::SQS::Queue', action: 'UPDATE', lineNumber: 12, beforeContext: '{"Properties":{"DelaySeconds":"0"}}', afterContext: '{"Properties":{"DelaySeconds":"5"}}' },
      expect.objectContaining({ logicalResourceId: 'LogsBucket', action: 'DELETE', lineNumber: null, afterContext: null }),
    ]);
  });

  it.each([
    ['FAIL', 'FAILED', 'Change set creation failed. The following hook(s) failed: [Acme::Lambda::Keep]', 'FAILED', 'UNAVAILABLE'],
    ['WARN', 'CREATE_COMPLETE', null, 'SUCCEEDED', 'PLANNED'],
  ] as const)('a refusal under %s: change set %s', async (mode, status, reason, outcome, planStatus) => {
    const refuse = recorder(() => true);
    const resourceHook = lambda('Acme::Lambda::Tags', { TargetOperations: ['RESOURCE'] }, recorder());
    const result = await simulateChangeSet(simulation(create(), [lambda('Acme::Lambda::Keep', { ...CHANGE_SET_ONLY, FailureMode: mode }, refuse), resourceHook], true));
    expect(result.changeSet).toMatchObject({ status, statusReason: reason });
    expect(result.changeSet?.hooks.Status).toBe(planStatus);
    expect(result.hookResults[0]?.Status).toBe('HOOK_COMPLETE_FAILED');
    if (mode === 'FAIL') {
      // A failed change set cannot be executed: no stack operation follows, even when asked.
      expect(result.stack).toEqual({ name: 'shop', operation: 'create', finalStatus: 'REVIEW_IN_PROGRESS', outcome });
      expect(result.changeSet).toMatchObject({ executed: false, executionStatus: 'UNAVAILABLE' });
      expect(result.changeSet?.hooks.Hooks).toEqual([]);
      expect(result.invocations).toHaveLength(1);
    } else {
      expect(result.stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', outcome });
      expect(result.changeSet).toMatchObject({ executed: true, executionStatus: 'EXECUTE_COMPLETE' });
    }
  });

  it('several FAIL hooks refuse: all are called and all are named; WARN ones are not', async () => {
    const hooks = [
      lambda('Acme::Lambda::One', CHANGE_SET_ONLY, recorder(() => true)),
      lambda('Acme::Lambda::Warned', { ...CHANGE_SET_ONLY, FailureMode: 'WARN' }, recorder(() => true)),
      registry(['CHANGE_SET'], CHANGE_SET_ONLY, recorder((_, payload) => JSON.stringify(payload).includes('DELETE'))),
    ];
    const result = await simulateChangeSet(simulation(update(), hooks));
    expect(result.invocations.map((i) => i.hookTypeName)).toEqual(['Acme::Lambda::One', 'Acme::Lambda::Warned', 'Acme::Change::Sets']);
    expect(result.changeSet?.statusReason).toBe('Change set creation failed. The following hook(s) failed: [Acme::Lambda::One, Acme::Change::Sets]');
    expect(result.stack.outcome).toBe('FAILED');
  });

  it.each<[string, Hook, string | undefined]>([
    ['TargetOperations without CHANGE_SET', lambda('Acme::Lambda::Res', { TargetOperations: ['RESOURCE'] }, recorder()), undefined],
    ['disabled', lambda('Acme::Lambda::Off', { ...CHANGE_SET_ONLY, HookInvocationStatus: 'DISABLED' }, recorder()), 'not for the change set (HookInvocationStatus is DISABLED)'],
    [
      'StackFilters exclude the stack',
      lambda('Acme::Lambda::Other', { ...CHANGE_SET_ONLY, StackFilters: { FilteringCriteria: 'ALL', StackNames: { Include: ['orders'] } } }, recorder()),
      "not for the change set (StackFilters exclude stack 'shop' (by StackNames))",
    ],
    [
      'TargetFilters leave CHANGE_SET out',
      lambda('Acme::Lambda::Buckets', { ...CHANGE_SET_ONLY, TargetFilters: { TargetNames: ['AWS::S3::Bucket'] } }, recorder()),
      'not for the change set (its TargetFilters leave out CHANGE_SET (target CHANGE_SET, action CREATE))',
    ],
    [
      'a registry hook whose handlers name no CHANGE_SET',
      registry(['AWS::S3::Bucket'], { TargetOperations: ['RESOURCE', 'CHANGE_SET'] }, recorder()),
      'not for the change set (its preCreate handler names no CHANGE_SET target)',
    ],
  ])('not called for the change set: %s', async (_, hook, reason) => {
    const result = await simulateChangeSet(simulation(create(), [hook]));
    expect(result.invocations).toEqual([]);
    expect(result.changeSet?.status).toBe('CREATE_COMPLETE');
    expect(result.skippedHooks).toEqual(reason === undefined ? [] : [{ typeName: hook.typeName, reason }]);
  });

  it.each<[string, HookEntrypoint]>([
    ['throws', async () => Promise.reject(new Error('kaboom'))],
    ['never answers (the time budget ends it)', () => new Promise<never>(() => undefined)],
    ['answers what the protocol forbids', async () => ({ hookStatus: 'MAYBE' }) as unknown as HookProgressEvent],
  ])('a CHANGE_SET hook that %s has errored (HOOK_FAILED) and, under FAIL, fails the change set', async (_, entry) => {
    const sim = simulation(create(), [lambda('Acme::Lambda::Broken', CHANGE_SET_ONLY, entry)]);
    const result = await simulateChangeSet({ ...sim, limits: { timeoutMillis: 50, maxRetries: 1, maxInProgress: 3 } });
    expect(result.hookResults[0]?.Status).toBe('HOOK_FAILED');
    expect(result.changeSet).toMatchObject({ status: 'FAILED', statusReason: 'Change set creation failed. The following hook(s) failed: [Acme::Lambda::Broken]' });
  });

  it('a 5,000-character refusal: HookStatusReason is cut to the API\'s 1,024 characters, the invocation keeps the message', async () => {
    const long: HookEntrypoint = async (event) => ({
      hookStatus: 'FAILED',
      errorCode: 'NonCompliant',
      message: 'x'.repeat(5000),
      clientRequestToken: (event as HookInvocationRequest).clientRequestToken,
      callbackDelaySeconds: 0,
    });
    const result = await simulateChangeSet(simulation(create(), [lambda('Acme::Lambda::Long', CHANGE_SET_ONLY, long)]));
    expect(result.hookResults[0]?.HookStatusReason).toHaveLength(1024);
    expect(result.invocations[0]?.message).toHaveLength(4096);
  });

  it('an update that changes nothing: the change set FAILS with the service reason, no hook is called (outcome REJECTED)', async () => {
    const entry = recorder();
    const result = await simulateChangeSet(simulation(planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [bucket], next: [bucket] }), [lambda('Acme::Lambda::Keep', CHANGE_SET_ONLY, entry)], true));
    expect(result.changeSet).toMatchObject({ status: 'FAILED', statusReason: NO_CHANGES_REASON, executed: false });
    expect(result.stack).toMatchObject({ outcome: 'REJECTED', finalStatus: null, rejection: { errorCode: 'FAILED', message: NO_CHANGES_REASON } });
    expect(entry.seen).toEqual([]);
  });
});

describe('simulateChangeSet: DescribeChangeSetHooks and the execution', () => {
  const resourceHooks = (): Hook[] => [
    registry(['AWS::S3::Bucket', 'AWS::SQS::Queue'], { TargetOperations: ['RESOURCE'], FailureMode: 'WARN' }, recorder()),
    lambda('Acme::Lambda::Queues', { TargetOperations: ['RESOURCE'], TargetFilters: { TargetNames: ['AWS::SQS::Queue'] } }, recorder()),
    lambda('Acme::Lambda::Off', { TargetOperations: ['RESOURCE'], HookInvocationStatus: 'DISABLED' }, recorder()),
  ];

  it.each<[string, () => StackPlan, [string, string, string, string][]]>([
    ['create: every targeted resource is an Add', create, [['DataBucket', 'Add', 'Acme::Change::Sets', 'WARN'], ['JobsQueue', 'Add', 'Acme::Change::Sets', 'WARN'], ['JobsQueue', 'Add', 'Acme::Lambda::Queues', 'FAIL']]],
    // The removed LogsBucket goes in the update's cleanup, which calls no hook: it is not in the plan.
    ['update: the modified queue only', update, [['JobsQueue', 'Modify', 'Acme::Change::Sets', 'WARN'], ['JobsQueue', 'Modify', 'Acme::Lambda::Queues', 'FAIL']]],
  ])('%s', async (_, plan, expected) => {
    const result = await simulateChangeSet(simulation(plan(), resourceHooks()));
    expect(result.changeSet?.hooks).toMatchObject({ ChangeSetId: CHANGE_SET_ID, ChangeSetName: 'cs', StackId: STACK_ID, StackName: 'shop', Status: 'PLANNED' });
    const hooks = result.changeSet?.hooks.Hooks ?? [];
    expect(hooks.map((h) => [h.TargetDetails.ResourceTargetDetails.LogicalResourceId, h.TargetDetails.ResourceTargetDetails.ResourceAction, h.TypeName, h.FailureMode])).toEqual(expected);
    expect(hooks.every((h) => h.InvocationPoint === 'PRE_PROVISION' && h.TargetDetails.TargetType === 'RESOURCE' && h.TypeVersionId === '00000001')).toBe(true);
    expect(result.skippedHooks).toEqual([{ typeName: 'Acme::Lambda::Off', reason: 'HookInvocationStatus is DISABLED' }]);
  });

  it('--execute: the stack operation follows, changeSetId in every RESOURCE and STACK request; the plan matches the calls', async () => {
    const resourceEntry = recorder();
    const everywhere = recorder();
    const hooks = [
      registry(['AWS::S3::Bucket', 'AWS::SQS::Queue'], { TargetOperations: ['RESOURCE'] }, resourceEntry),
      lambda('Acme::Lambda::All', { TargetOperations: ['STACK', 'RESOURCE', 'CHANGE_SET'], FailureMode: 'WARN' }, everywhere),
    ];
    const result: SimulationResult = await simulateChangeSet(simulation(create(), hooks, true));
    expect(result.stack).toEqual({ name: 'shop', operation: 'create', finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(result.changeSet).toMatchObject({ status: 'CREATE_COMPLETE', executed: true, executionStatus: 'EXECUTE_COMPLETE' });
    expect(result.events.slice(0, 2).map((e) => e.resourceStatus)).toEqual(['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS']);
    expect(everywhere.seen.map((s) => [s.request.requestData.targetType, s.request.changeSetId])).toEqual([
      ['CHANGE_SET', CHANGE_SET_ID],
      ['STACK', CHANGE_SET_ID],
      ['AWS::S3::Bucket', CHANGE_SET_ID],
      ['AWS::SQS::Queue', CHANGE_SET_ID],
    ]);
    expect(resourceEntry.seen.map((s) => [s.request.requestData.targetLogicalId, s.request.changeSetId])).toEqual([
      ['DataBucket', CHANGE_SET_ID],
      ['JobsQueue', CHANGE_SET_ID],
    ]);
    // The change set's invocations come first, then the stack's; each has its own hook result.
    expect(result.invocations.map((i) => `${i.hookTypeName} ${i.targetType}`)).toEqual([
      'Acme::Lambda::All CHANGE_SET',
      'Acme::Lambda::All STACK',
      'Acme::Change::Sets RESOURCE',
      'Acme::Lambda::All RESOURCE',
      'Acme::Change::Sets RESOURCE',
      'Acme::Lambda::All RESOURCE',
    ]);
    expect(result.hookResults.map((r) => r.HookResultId)).toEqual(result.invocations.map((i) => i.hookInvocationId));
    expect(new Set(result.hookResults.map((r) => r.HookResultId)).size).toBe(6);
    const planned = result.changeSet?.hooks.Hooks.map((h) => `${h.TypeName} ${h.TargetDetails.ResourceTargetDetails.LogicalResourceId}`);
    expect(planned).toEqual(result.invocations.filter((i) => i.targetType === 'RESOURCE').map((i) => `${i.hookTypeName} ${i.logicalResourceId}`));
  });

  // A custom hook's CHANGE_SET_SUCCESS_SKIP_STACK_HOOK (java-plugin 36e4e41: "there is no need to invoke against the
  // stack once the change set is processed"): the change-set call succeeded, and the execution skips that hook's
  // STACK call only; its RESOURCE calls and the other hooks' STACK calls are made.
  it.each<[string, string, boolean, string[], string[]]>([
    ['SKIP, executed', 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK', true, ['CHANGE_SET', 'RESOURCE', 'RESOURCE'], ['Acme::Change::Sets']],
    ['SUCCESS, executed: the STACK call is made', 'SUCCESS', true, ['CHANGE_SET', 'STACK', 'RESOURCE', 'RESOURCE'], []],
    ['SKIP, not executed: the change set is created', 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK', false, ['CHANGE_SET'], []],
  ])('%s', async (_name, changeSetStatus, execute, registryCalls, skipped) => {
    const seen: string[] = [];
    const entry = async (event: unknown): Promise<HookProgressEvent> => {
      const request = event as HookInvocationRequest;
      seen.push(request.requestData.targetType ?? '');
      const status = request.requestData.targetType === 'CHANGE_SET' ? changeSetStatus : 'SUCCESS';
      return { hookStatus: status as HookProgressEvent['hookStatus'], message: 'cs ok', clientRequestToken: request.clientRequestToken, callbackDelaySeconds: 0 };
    };
    const other = recorder();
    const hooks = [
      registry(['STACK', 'CHANGE_SET', 'AWS::S3::Bucket', 'AWS::SQS::Queue'], { TargetOperations: ['STACK', 'CHANGE_SET', 'RESOURCE'] }, entry),
      lambda('Acme::Lambda::Stack', { TargetOperations: ['STACK'] }, other),
    ];
    const result = await simulateChangeSet(simulation(create(), hooks, execute));
    expect(result.changeSet).toMatchObject({ status: 'CREATE_COMPLETE', executed: execute });
    expect(seen).toEqual(registryCalls);
    expect(other.seen.map((s) => s.request.requestData.targetType)).toEqual(execute ? ['STACK'] : []);
    const changeSetCall = result.invocations[0];
    expect(changeSetCall).toMatchObject({ targetType: 'CHANGE_SET', hookStatus: 'SUCCESS', errorCode: null });
    expect(changeSetCall?.answeredStatus).toBe(changeSetStatus === 'SUCCESS' ? undefined : 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK');
    expect(result.hookResults[0]?.Status).toBe('HOOK_COMPLETE_SUCCEEDED');
    expect((result.skippedStackCalls ?? []).map((s) => s.typeName)).toEqual(skipped);
    expect(result.skippedStackCalls?.[0]?.reason ?? '').toMatch(skipped.length > 0 ? /change set cs answered CHANGE_SET_SUCCESS_SKIP_STACK_HOOK/ : /^$/);
  });

  it('--execute into a RESOURCE refusal: the change set was created, its execution fails (EXECUTE_FAILED) and rolls back', async () => {
    const hooks = [registry(['AWS::SQS::Queue'], { TargetOperations: ['RESOURCE'] }, recorder((r) => r.requestData.targetLogicalId === 'JobsQueue'))];
    const result = await simulateChangeSet(simulation(create(), hooks, true));
    expect(result.changeSet).toMatchObject({ status: 'CREATE_COMPLETE', executed: true, executionStatus: 'EXECUTE_FAILED' });
    expect(result.stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' });
  });

  it('without a CHANGE_SET hook, the change set is created without any call, and no payload server is started', async () => {
    let started = 0;
    const result = await simulateChangeSet({
      ...simulation(create(), resourceHooks()),
      servePayloads: async () => {
        started += 1;
        throw new Error('no server should be needed');
      },
    });
    expect(result.invocations).toEqual([]);
    expect(started).toBe(0);
  });

  it('is deterministic: the same run gives the same invocation ids', async () => {
    const ids = async (): Promise<string[]> =>
      (await simulateChangeSet(simulation(create(), [lambda('Acme::Lambda::Keep', CHANGE_SET_ONLY, recorder())], true))).hookResults.map((r) => r.HookResultId);
    expect(await ids()).toEqual(await ids());
  });
});
