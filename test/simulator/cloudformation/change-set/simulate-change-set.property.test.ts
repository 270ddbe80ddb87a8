/**
 * Properties of change sets over random stacks and hooks: the DescribeChangeSetHooks plan names exactly the RESOURCE
 * calls the execution makes (when no hook blocks it), every request of the execution carries the change set's id,
 * and the change set fails exactly when a FAIL-mode CHANGE_SET hook refuses it.
 */
import fc from 'fast-check';
import type { HookConfiguration, HookSchema } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest } from '../../../../src/kernel/protocol';
import { simulateChangeSet } from '../../../../simulator/cloudformation/change-set';
import { customHook, seededUuids } from '../../../../simulator/cloudformation/invoke';
import { planStack, type StackPlan } from '../../../../simulator/cloudformation/plan';
import type { ResolvedResource } from '../../../../simulator/cloudformation/template/types';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../../support/fuzz-runs';
import { resource } from '../build-resources';
import { createOnlyProperties } from '../../../../simulator/cloudformation/resolve/resource-types';

const TYPES = ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::KMS::Key'];
const CHANGE_SET_ID = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/00000000-0000-4000-8000-000000000000';

const stackArb = fc.array(fc.record({ type: fc.constantFrom(...TYPES), version: fc.integer({ min: 0, max: 2 }) }), { maxLength: 6 });

/** A hook: which targets its handlers name, its configuration, and whether it refuses change sets. */
const hookArb = fc.record({
  targets: fc.subarray(['AWS::S3::Bucket', 'AWS::SQS::Queue', 'CHANGE_SET'], { minLength: 1 }),
  operations: fc.subarray(['RESOURCE', 'CHANGE_SET'] as const, { minLength: 1 }),
  mode: fc.constantFrom('FAIL', 'WARN' as const),
  enabled: fc.boolean(),
  refusesChangeSets: fc.boolean(),
});

function toResources(list: ReadonlyArray<{ type: string; version: number }>): ResolvedResource[] {
  return list.map((r, i) => resource(`R${i}`, r.type, { Version: r.version }, { dependsOn: i > 0 ? [`R${i - 1}`] : [] }));
}

describe('simulateChangeSet (properties over random stacks and hooks)', () => {
  it(
    'the plan is the execution\'s RESOURCE calls; changeSetId on every executed request; FAIL refusals fail the change set',
    async () => {
      await fc.assert(
        fc.asyncProperty(stackArb, stackArb, fc.boolean(), fc.array(hookArb, { minLength: 1, maxLength: 3 }), async (before, after, update, specs) => {
          let plan: StackPlan;
          try {
            plan = update ? planStack({ operation: 'update', createOnly: createOnlyProperties, previous: toResources(before), next: toResources(after) }) : planStack({ operation: 'create', next: toResources(after) });
          } catch {
            return; // a type change: refused before anything happens
          }
          const seen: HookInvocationRequest[] = [];
          const hooks = specs.map((spec, i) => {
            const schema: HookSchema = {
              typeName: `Acme::Hook::H${i}`,
              handlers: { preCreate: { targetNames: spec.targets, permissions: [] }, preUpdate: { targetNames: spec.targets, permissions: [] } },
            };
            const configuration: HookConfiguration = { HookInvocationStatus: spec.enabled ? 'ENABLED' : 'DISABLED', FailureMode: spec.mode, TargetOperations: [...spec.operations] };
            const entry: HookEntrypoint = async (event) => {
              const request = event as HookInvocationRequest;
              seen.push(request);
              const refuse = request.requestData.targetType === 'CHANGE_SET' && spec.refusesChangeSets;
              return refuse
                ? { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', callbackDelaySeconds: 0 }
                : { hookStatus: 'SUCCESS', message: 'ok', callbackDelaySeconds: 0 };
            };
            return customHook({ schema, configuration, loadEntrypoint: async () => entry, stringify: true });
          });
          const result = await simulateChangeSet({
            plan,
            stack: { name: 's', id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/x', region: 'us-east-1', accountId: '123456789012' },
            hooks,
            tokens: seededUuids('s'),
            changeSet: { name: 'cs', id: CHANGE_SET_ID },
            documents: { template: {}, previousTemplate: null },
            lineOf: () => 1,
            execute: true,
          });
          const changeSet = result.changeSet;
          if (!changeSet) throw new Error('no change set reported');
          if (result.stack.outcome === 'REJECTED') {
            expect(changeSet.changes).toEqual([]);
            expect(seen).toEqual([]);
            return;
          }
          const callsFor = specs.map((spec) => spec.enabled && spec.operations.includes('CHANGE_SET') && spec.targets.includes('CHANGE_SET'));
          const refusedBy = specs.flatMap((spec, i) => (callsFor[i] && spec.refusesChangeSets && spec.mode === 'FAIL' ? [`Acme::Hook::H${i}`] : []));
          expect(result.invocations.filter((i) => i.targetType === 'CHANGE_SET').map((i) => i.hookTypeName)).toEqual(specs.flatMap((_, i) => (callsFor[i] ? [`Acme::Hook::H${i}`] : [])));
          expect(changeSet.status).toBe(refusedBy.length > 0 ? 'FAILED' : 'CREATE_COMPLETE');
          if (refusedBy.length > 0) {
            expect(changeSet.statusReason).toBe(`Change set creation failed. The following hook(s) failed: [${refusedBy.join(', ')}]`);
            expect(changeSet.executed).toBe(false);
            expect(result.invocations.every((i) => i.targetType === 'CHANGE_SET')).toBe(true);
            return;
          }
          expect(changeSet.executed).toBe(true);
          // No resource hook refuses here, so the execution reaches every step the plan names.
          const planned = changeSet.hooks.Hooks.map((h) => `${h.TypeName} ${h.TargetDetails.ResourceTargetDetails.LogicalResourceId}`);
          const called = result.invocations.filter((i) => i.targetType === 'RESOURCE').map((i) => `${i.hookTypeName} ${i.logicalResourceId}`);
          expect(planned).toEqual(called);
          expect(seen.every((request) => request.changeSetId === CHANGE_SET_ID)).toBe(true);
          expect(changeSet.changes.length).toBe(plan.steps.filter((s) => s.phase === 'main' || s.cleanupReason === 'removed').length);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});
