import fc from 'fast-check';
import type { HookSchema } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest } from '../../../../src/kernel/protocol';
import { customHook, seededUuids, simulateStack } from '../../../../simulator/cloudformation/invoke';
import { planStack, planWaves, type PlanStep } from '../../../../simulator/cloudformation/plan';
import type { ResolvedResource } from '../../../../simulator/cloudformation/template/types';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../../support/fuzz-runs';
import { resource } from '../build-resources';

/** Up to 10 resources R0…Rn in dependency order: each may depend on any earlier ones; some are not compliant. */
const dagArb = fc
  .array(fc.record({ deps: fc.array(fc.nat(), { maxLength: 3 }), ok: fc.boolean(), bucket: fc.boolean() }), { maxLength: 10 })
  .map((list) =>
    list.map((r, i): ResolvedResource => {
      const dependsOn = i === 0 ? [] : [...new Set(r.deps.map((d) => `R${d % i}`))].sort();
      return resource(`R${i}`, r.bucket ? 'AWS::S3::Bucket' : 'AWS::KMS::Key', { Ok: r.ok }, { dependsOn });
    }),
  );

const ids = (steps: readonly PlanStep[]): string[] => steps.map((s) => s.resource.logicalId);

describe('planWaves (properties over random dependency graphs)', () => {
  it.each<'create' | 'delete'>(['create', 'delete'])('%s: every step once, after what it waits for, in the first wave it can join, plan order kept', (operation) => {
    fc.assert(
      fc.property(dagArb, (resources) => {
        const steps = (operation === 'create' ? planStack({ operation, next: resources }) : planStack({ operation: 'delete', previous: resources })).steps;
        const waves = planWaves(steps, operation);
        expect(waves.flat().map((s) => s.resource.logicalId).sort()).toEqual(ids(steps).sort());
        const waveOf = new Map(waves.flatMap((wave, i) => wave.map((s) => [s.resource.logicalId, i] as const)));
        // What a step waits for: its dependencies (create), the resources that depend on it (delete).
        const waitsFor = (id: string): string[] =>
          operation === 'create' ? (resources.find((r) => r.logicalId === id)?.dependsOn ?? []).slice() : resources.filter((r) => r.dependsOn.includes(id)).map((r) => r.logicalId);
        for (const [id, wave] of waveOf) {
          const before = waitsFor(id).map((w) => waveOf.get(w) as number);
          for (const w of before) expect(w).toBeLessThan(wave);
          // Minimal: a step in wave k > 0 waits for something in wave k - 1.
          if (wave > 0) expect(before).toContain(wave - 1);
        }
        const planOrder = ids(steps);
        for (const wave of waves) expect(ids(wave)).toEqual(planOrder.filter((id) => ids(wave).includes(id)));
      }),
      FUZZ_PARAMETERS,
    );
  }, FUZZ_TIMEOUT_MILLIS);
});

describe('simulateStack in waves against --serial (properties over random dependency graphs)', () => {
  const schema: HookSchema = { typeName: 'Acme::Hook::Ok', handlers: { preCreate: { targetNames: ['AWS::S3::Bucket'], permissions: [] } } };
  const judge: HookEntrypoint = async (event) =>
    (event as HookInvocationRequest).requestData.targetModel?.resourceProperties?.Ok === 'true'
      ? { hookStatus: 'SUCCESS', message: 'ok', callbackDelaySeconds: 0 }
      : { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', callbackDelaySeconds: 0 };
  const simulate = (resources: ResolvedResource[], serial: boolean): ReturnType<typeof simulateStack> =>
    simulateStack({
      plan: planStack({ operation: 'create', next: resources }),
      stack: { name: 's', id: 'arn', region: 'us-east-1', accountId: '123456789012' },
      hooks: [customHook({ schema, configuration: {}, loadEntrypoint: async () => judge, stringify: true })],
      tokens: seededUuids('s'),
      serial,
    });

  it('same outcome; waves stop at the first failing wave, cancel exactly its other resources and call no hook after it', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, async (resources) => {
        const [waved, serial] = [await simulate(resources, false), await simulate(resources, true)];
        expect(waved.stack).toEqual(serial.stack);
        const waves = planWaves(planStack({ operation: 'create', next: resources }).steps, 'create').map(ids);
        const blocking = (id: string): boolean => resources.some((r) => r.logicalId === id && r.type === 'AWS::S3::Bucket' && r.properties.Ok === false);
        const stop = waves.findIndex((wave) => wave.some(blocking));
        const cancelled = waved.events.filter((e) => e.resourceStatusReason === 'Resource creation cancelled').map((e) => e.logicalResourceId);
        if (stop < 0) {
          expect(cancelled).toEqual([]);
          return;
        }
        const wave = waves[stop] as string[];
        expect(cancelled).toEqual(wave.filter((id) => !blocking(id)));
        const reached = new Set(waves.slice(0, stop + 1).flat());
        expect(waved.invocations.every((i) => reached.has(i.logicalResourceId))).toBe(true);
        const rollback = waved.events.find((e) => e.resourceStatus === 'ROLLBACK_IN_PROGRESS');
        expect(rollback?.resourceStatusReason).toBe(`The following resource(s) failed to create: [${[...wave.filter(blocking), ...cancelled].join(', ')}]. Rollback requested by user.`);
      }),
      FUZZ_PARAMETERS,
    );
  }, FUZZ_TIMEOUT_MILLIS);
});
