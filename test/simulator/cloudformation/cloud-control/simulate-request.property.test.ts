/**
 * Properties of a Cloud Control request over random accounts (hook lists with random configurations and answers)
 * and random JSON Patch round trips: what the API shows always agrees with itself.
 */
import fc from 'fast-check';
import type { HookConfiguration, TargetOperation } from '../../../../src/kernel/hook-config';
import type { JsonObject } from '../../../../src/kernel/protocol';
import { applyPatchDocument, parsePatchDocument, simulateCloudControlRequest, type CloudControlOperation } from '../../../../simulator/cloudformation/cloud-control';
import { EVERY_TARGET, type Hook, type HookAnswer } from '../../../../simulator/cloudformation/invoke';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../../support/fuzz-runs';

const hookArb = fc.record({
  operations: fc.option(fc.subarray<TargetOperation>(['RESOURCE', 'STACK', 'CHANGE_SET', 'CLOUD_CONTROL']), { nil: undefined }),
  enabled: fc.boolean(),
  mode: fc.constantFrom<'FAIL' | 'WARN'>('FAIL', 'WARN'),
  actions: fc.option(fc.subarray<'CREATE' | 'UPDATE' | 'DELETE'>(['CREATE', 'UPDATE', 'DELETE'], { minLength: 1 }), { nil: undefined }),
  answer: fc.constantFrom<HookAnswer['kind']>('succeeded', 'failed', 'errored'),
  messageLength: fc.integer({ min: 0, max: 3000 }),
});

type HookSpec = typeof hookArb extends fc.Arbitrary<infer T> ? T : never;

function hookOf(spec: HookSpec, i: number): Hook {
  const configuration: HookConfiguration = {
    HookInvocationStatus: spec.enabled ? 'ENABLED' : 'DISABLED',
    FailureMode: spec.mode,
    ...(spec.operations ? { TargetOperations: spec.operations } : {}),
    ...(spec.actions ? { TargetFilters: { Actions: spec.actions } } : {}),
  };
  const message = 'm'.repeat(spec.messageLength);
  return {
    typeName: `Acme::Hook::H${i}`,
    originalTypeName: 'AWS::Hooks::LambdaHook',
    kind: 'lambda',
    configuration,
    handlers: EVERY_TARGET,
    invoke: async () =>
      spec.answer === 'succeeded'
        ? { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message, calls: 1 }
        : { kind: spec.answer, hookStatus: 'FAILED', errorCode: spec.answer === 'failed' ? 'NonCompliant' : 'HandlerInternalFailure', message, calls: 1 },
  };
}

describe('a Cloud Control request over random accounts', () => {
  it(
    'every hook is invoked or skipped, once; the request fails exactly when an invoked FAIL hook did not succeed; the API views agree',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hookArb, { maxLength: 6 }), fc.constantFrom<CloudControlOperation>('CREATE', 'UPDATE', 'DELETE'), async (specs, operation) => {
          const hooks = specs.map(hookOf);
          const result = await simulateCloudControlRequest({
            request: { operation, typeName: 'AWS::S3::Bucket', identifier: 'b', desiredState: { A: 1 }, currentState: { A: 0 }, region: 'us-east-1', accountId: '123456789012' },
            hooks,
          });
          const invoked = result.invocations.map((i) => i.hookTypeName);
          const skipped = result.skippedHooks.map((s) => s.typeName);
          expect([...invoked, ...skipped].sort()).toEqual(hooks.map((h) => h.typeName).sort());
          for (const [i, spec] of specs.entries()) {
            const expected = spec.enabled && (spec.operations ?? ['RESOURCE']).includes('CLOUD_CONTROL') && (spec.actions ?? [operation]).includes(operation);
            expect(invoked.includes(`Acme::Hook::H${i}`)).toBe(expected);
          }
          const blocking = result.invocations.filter((i) => i.hookStatus === 'FAILED' && i.failureMode === 'FAIL');
          expect(result.outcome).toBe(blocking.length > 0 ? 'FAILED' : 'SUCCEEDED');
          expect(result.progressEvent.OperationStatus).toBe(blocking.length > 0 ? 'FAILED' : 'SUCCESS');
          // The answer after the last hook is the end itself; with no hook, the end follows the first answer.
          expect(result.requestStatus).toHaveLength(1 + Math.max(invoked.length, 1));
          expect(result.requestStatus[0]?.HooksProgressEvent.every((e) => e.HookStatus === 'HOOK_PENDING')).toBe(true);
          expect(result.requestStatus.at(-1)?.HooksProgressEvent).toEqual(result.hooksProgressEvent);
          expect(result.hookResults.map((r) => r.Target)).toEqual(invoked.map(() => ({ TargetType: 'CLOUD_CONTROL', TargetTypeName: 'AWS::S3::Bucket', TargetId: result.progressEvent.HooksRequestToken, Action: operation })));
          expect(result.invocations.every((i) => i.message.length <= 1024 && i.logicalResourceId === result.request.targetLogicalId)).toBe(true);
          expect(new Set(result.hookResults.map((r) => r.HookResultId)).size).toBe(invoked.length);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});

describe('JSON Patch round trips', () => {
  const key = fc.string({ maxLength: 6 }).filter((k) => k !== '');
  const state = fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) as fc.Arbitrary<JsonObject>;

  it(
    'adding a new member then removing it gives the state back; a test of any member after a copy passes',
    () => {
      fc.assert(
        fc.property(state, key, fc.jsonValue({ maxDepth: 2 }), (before, name, value) => {
          fc.pre(!Object.hasOwn(before, name));
          const pointer = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          const patch = (operations: unknown[]): ReturnType<typeof parsePatchDocument> => parsePatchDocument(JSON.stringify(operations), 'p.json');
          const added = applyPatchDocument(before, patch([{ op: 'add', path: pointer, value }]));
          expect(applyPatchDocument(added, patch([{ op: 'remove', path: pointer }]))).toEqual(before);
          const copied = applyPatchDocument(added, patch([{ op: 'copy', from: pointer, path: '/copy~1of' }, { op: 'test', path: '/copy~1of', value }]));
          // The patch travels as JSON text, where -0 is 0.
          expect(copied['copy/of']).toEqual(JSON.parse(JSON.stringify(value)));
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});
