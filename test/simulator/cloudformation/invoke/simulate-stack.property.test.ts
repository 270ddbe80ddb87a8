import fc from 'fast-check';
import type { HookSchema } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest } from '../../../../src/kernel/protocol';
import { customHook, seededUuids, simulateStack, STACK_RESOURCE_TYPE } from '../../../../simulator/cloudformation/invoke';
import { planStack, type PlanRequest } from '../../../../simulator/cloudformation/plan';
import type { ResolvedResource } from '../../../../simulator/cloudformation/template/types';
import { resource } from '../build-resources';
import { createOnlyProperties } from '../../../../simulator/cloudformation/resolve/resource-types';

const schema: HookSchema = {
  typeName: 'MyCompany::Testing::MyTestHook',
  handlers: {
    preCreate: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
    preUpdate: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
    preDelete: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
  },
};

const TYPES = ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::KMS::Key'];

/** Up to 8 resources R0…Rn with random types, a version number (changes properties) and a compliance flag. */
const stackArb = fc.array(fc.record({ type: fc.constantFrom(...TYPES), version: fc.integer({ min: 0, max: 2 }), ok: fc.boolean(), retain: fc.boolean() }), {
  maxLength: 8,
});

function toResources(list: ReadonlyArray<{ type: string; version: number; ok: boolean; retain: boolean }>): ResolvedResource[] {
  return list.map((r, i) =>
    resource(`R${i}`, r.type, { Version: r.version, Ok: r.ok }, { dependsOn: i > 0 ? [`R${i - 1}`] : [], ...(r.retain ? { deletionPolicy: 'Retain' } : {}) }),
  );
}

// Fails every resource whose properties say Ok: false.
const judge: HookEntrypoint = async (event) => {
  const request = event as HookInvocationRequest;
  const ok = request.requestData.targetModel?.resourceProperties?.Ok === 'true';
  return ok
    ? { hookStatus: 'SUCCESS', message: 'ok', callbackDelaySeconds: 0 }
    : { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', callbackDelaySeconds: 0 };
};

describe('simulateStack (properties over random stacks)', () => {
  it.each(['FAIL', 'WARN'] as const)('the events and invocations agree with each other under %s', async (mode) => {
    await fc.assert(
      fc.asyncProperty(stackArb, stackArb, fc.constantFrom<PlanRequest['operation']>('create', 'update', 'delete'), async (before, after, operation) => {
        const previous = toResources(before);
        const next = toResources(after);
        const request: PlanRequest =
          operation === 'create' ? { operation, next } : operation === 'delete' ? { operation, previous } : { operation, previous, next, createOnly: createOnlyProperties };
        let plan;
        try {
          plan = planStack(request);
        } catch {
          return; // a type change: refused before anything happens
        }
        const result = await simulateStack({
          plan,
          stack: { name: 's', id: 'arn', region: 'us-east-1', accountId: '123456789012' },
          hooks: [customHook({ schema, configuration: { FailureMode: mode }, loadEntrypoint: async () => judge, stringify: true })],
          tokens: seededUuids('s'),
        });
        const started = result.events.filter((e) => e.hookStatus === 'HOOK_IN_PROGRESS');
        expect(started).toHaveLength(result.invocations.length);
        const failed = result.invocations.filter((i) => i.hookStatus === 'FAILED');
        // An update with nothing to change is refused by UpdateStack itself: no event, no call.
        const refused = operation === 'update' && plan.steps.length === 0;
        expect(result.stack.outcome).toBe(refused ? 'REJECTED' : mode === 'FAIL' && failed.length > 0 ? 'FAILED' : 'SUCCEEDED');
        if (refused) expect(result.events).toEqual([]);
        if (mode === 'FAIL') expect(failed.length).toBeLessThanOrEqual(1);
        // No KMS key is ever a target, and every call is for a resource the plan touches with a hook.
        expect(result.invocations.every((i) => i.targetName !== 'AWS::KMS::Key')).toBe(true);
        if (result.events.length > 0) {
          const last = result.events[result.events.length - 1];
          expect(last?.resourceType).toBe(STACK_RESOURCE_TYPE);
          expect(last?.resourceStatus).toBe(result.stack.finalStatus);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('simulateStack with several hooks (properties over random hook lists)', () => {
  // Each hook fails the resources whose Ok flag it is told to distrust, with its own FailureMode.
  const hookArb = fc.array(fc.record({ mode: fc.constantFrom<'FAIL' | 'WARN'>('FAIL', 'WARN'), strict: fc.boolean(), disabled: fc.boolean() }), { minLength: 1, maxLength: 4 });
  const judgeFor = (strict: boolean): HookEntrypoint => async (event) => {
    const ok = (event as HookInvocationRequest).requestData.targetModel?.resourceProperties?.Ok === 'true';
    return ok || !strict ? { hookStatus: 'SUCCESS', message: 'ok', callbackDelaySeconds: 0 } : { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', callbackDelaySeconds: 0 };
  };

  it('every enabled hook is called on every target, each with its own ids and FailureMode; the blockers are exactly the failing FAIL hooks', async () => {
    await fc.assert(
      fc.asyncProperty(stackArb, hookArb, async (stack, hookSpecs) => {
        const hooks = hookSpecs.map((h, i) =>
          customHook({
            schema: { ...schema, typeName: `Acme::Hook::H${i}` },
            configuration: { FailureMode: h.mode, HookInvocationStatus: h.disabled ? 'DISABLED' : 'ENABLED' },
            loadEntrypoint: async () => judgeFor(h.strict),
            stringify: true,
          }),
        );
        const result = await simulateStack({ plan: planStack({ operation: 'create', next: toResources(stack) }), stack: { name: 's', id: 'arn', region: 'us-east-1', accountId: '123456789012' }, hooks, tokens: seededUuids('s') });
        const enabled = hookSpecs.flatMap((h, i) => (h.disabled ? [] : [`Acme::Hook::H${i}`]));
        expect(result.skippedHooks.map((s) => s.typeName)).toEqual(hookSpecs.flatMap((h, i) => (h.disabled ? [`Acme::Hook::H${i}`] : [])));
        // Per target: the enabled hooks, in declaration order.
        const byTarget = new Map<string, string[]>();
        for (const i of result.invocations) byTarget.set(i.logicalResourceId, [...(byTarget.get(i.logicalResourceId) ?? []), i.hookTypeName]);
        for (const called of byTarget.values()) expect(called).toEqual(enabled);
        // Ids: one per invocation, on its result and on exactly its two events.
        const ids = result.invocations.map((i) => i.hookInvocationId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(result.hookResults.map((r) => r.HookResultId)).toEqual(ids);
        for (const id of ids) expect(result.events.filter((e) => e.hookInvocationId === id)).toHaveLength(2);
        // The resource that failed names exactly the FAIL hooks that failed on it.
        const failedEvent = result.events.find((e) => e.resourceStatus === 'CREATE_FAILED');
        const blockers = result.invocations.filter((i) => i.hookStatus === 'FAILED' && i.failureMode === 'FAIL');
        expect(result.stack.outcome).toBe(blockers.length > 0 ? 'FAILED' : 'SUCCEEDED');
        if (blockers.length > 0) {
          const at = blockers[0]?.logicalResourceId;
          expect(blockers.every((b) => b.logicalResourceId === at)).toBe(true);
          expect(failedEvent?.resourceStatusReason).toBe(`The following hook(s) failed: [${blockers.map((b) => b.hookTypeName).join(', ')}]`);
        } else {
          expect(failedEvent).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });
});
