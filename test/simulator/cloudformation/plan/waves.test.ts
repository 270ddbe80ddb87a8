import { planStack, planWaves, type PlanStep, type StackOperation } from '../../../../simulator/cloudformation/plan';
import type { ResolvedResource } from '../../../../simulator/cloudformation/template/types';
import { resource } from '../build-resources';
import { createOnlyProperties } from '../../../../simulator/cloudformation/resolve/resource-types';

const ids = (waves: readonly (readonly PlanStep[])[]): string[][] => waves.map((wave) => wave.map((step) => step.resource.logicalId));

// A ← B ← D → C, E alone; F depends on a resource outside the plan (already deployed, unchanged).
const a = resource('A', 'AWS::SQS::Queue', { QueueName: 'a' });
const b = resource('B', 'AWS::SQS::Queue', { QueueName: 'b' }, { dependsOn: ['A'] });
const c = resource('C', 'AWS::SQS::Queue', { QueueName: 'c' });
const d = resource('D', 'AWS::SQS::Queue', { QueueName: 'd' }, { dependsOn: ['B', 'C'] });
const e = resource('E', 'AWS::SQS::Queue', { QueueName: 'e' });
const kept = resource('Kept', 'AWS::S3::Bucket', { BucketName: 'kept' });
const f = resource('F', 'AWS::SQS::Queue', { QueueName: 'f' }, { dependsOn: ['Kept'] });
const changed = (r: ResolvedResource): ResolvedResource => ({ ...r, properties: { ...r.properties, Tags: [{ Key: 'k', Value: 'v' }] } });

describe('planWaves', () => {
  it.each<[string, StackOperation, () => PlanStep[], string[][]]>([
    ['create: a resource waits for what it depends on; plan order inside a wave', 'create', () => [...planStack({ operation: 'create', next: [a, b, c, d, e] }).steps], [['A', 'C', 'E'], ['B'], ['D']]],
    ['create: a chain is one resource per wave', 'create', () => [...planStack({ operation: 'create', next: [a, b] }).steps], [['A'], ['B']]],
    ['create: independent resources are one wave', 'create', () => [...planStack({ operation: 'create', next: [a, c, e] }).steps], [['A', 'C', 'E']]],
    ['delete: a resource waits for what depends on it (reverse dependency waves)', 'delete', () => [...planStack({ operation: 'delete', previous: [a, b, c, d, e] }).steps], [['E', 'D'], ['C', 'B'], ['A']]],
    [
      'update: a dependency the update leaves alone is not waited for; a changed one is',
      'update',
      () => planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [a, b, kept], next: [changed(a), changed(b), kept, f] }).steps.filter((s) => s.phase === 'main'),
      [['A', 'F'], ['B']],
    ],
    ['an empty plan has no wave', 'create', () => [], []],
  ])('%s', (_name, operation, steps, expected) => {
    expect(ids(planWaves(steps(), operation))).toEqual(expected);
  });

  it('every step lands in exactly one wave, after every step it waits for', () => {
    const steps = planStack({ operation: 'create', next: [a, b, c, d, e] }).steps;
    const waves = planWaves(steps, 'create');
    expect(waves.flat()).toHaveLength(steps.length);
    const waveOf = new Map(waves.flatMap((wave, i) => wave.map((step) => [step.resource.logicalId, i] as const)));
    for (const step of steps) for (const dependency of step.resource.dependsOn) expect(waveOf.get(dependency)).toBeLessThan(waveOf.get(step.resource.logicalId) as number);
  });
});
