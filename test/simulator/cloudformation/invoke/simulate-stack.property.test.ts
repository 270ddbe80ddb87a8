import fc from 'fast-check';
import type { HookSchema } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest } from '../../../../src/kernel/protocol';
import { customHook, seededUuids, simulateStack, STACK_RESOURCE_TYPE } from '../../../../simulator/cloudformation/invoke';
import { planStack, type PlanRequest } from '../../../../simulator/cloudformation/plan';
import type { ResolvedResource } from '../../../../simulator/cloudformation/template/types';
import { resource } from '../build-resources';

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
          operation === 'create' ? { operation, next } : operation === 'delete' ? { operation, previous } : { operation, previous, next };
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
