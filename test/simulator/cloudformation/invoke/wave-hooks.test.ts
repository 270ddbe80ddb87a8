/**
 * A hook that can judge many targets at once (`invokeMany`, a Guard hook's one cfn-guard run) gets each wave's
 * targets together, in plan order; the run it gives must be the run the same hook gives called one target at a time:
 * the same events, invocations, hook results, tokens and invocation ids.
 */
import type { HookConfiguration } from '../../../../src/kernel/hook-config';
import { planStack, type StackPlan } from '../../../../simulator/cloudformation/plan';
import { EVERY_TARGET, seededUuids, simulateStack, type Hook, type HookAnswer, type HookInvocation, type SimulationResult } from '../../../../simulator/cloudformation/invoke';
import { encryptedBucket, resource } from '../build-resources';

/** Fails targets whose logical id starts with "Bad", errs on "Boom"; the rest succeed. */
function answerFor({ target }: HookInvocation): HookAnswer {
  const id = target.logicalId;
  if (id.startsWith('Bad')) return { kind: 'failed', hookStatus: 'FAILED', errorCode: 'NonCompliant', message: `${id} failed (${target.clientRequestToken})`, calls: 1 };
  if (id.startsWith('Boom')) return { kind: 'errored', hookStatus: 'FAILED', errorCode: 'InternalFailure', message: `${id} errored`, calls: 1 };
  return { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message: `${id} ok (${target.clientRequestToken})`, calls: 1 };
}

interface Recorded {
  /** Each call, as the logical ids it was given: one id for `invoke`, several for `invokeMany`. */
  readonly calls: string[][];
}

/** A hook of any kind with this module's answers; `many` gives it `invokeMany` (answering `short` fewer than asked). */
function hook(typeName: string, configuration: HookConfiguration, many: boolean, recorded: Recorded, short = 0): Hook {
  return {
    typeName,
    originalTypeName: typeName,
    kind: 'guard',
    configuration,
    handlers: EVERY_TARGET,
    invoke: async (invocation) => {
      recorded.calls.push([invocation.target.logicalId]);
      return answerFor(invocation);
    },
    ...(many
      ? {
          invokeMany: async (invocations: readonly HookInvocation[]) => {
            recorded.calls.push(invocations.map((i) => i.target.logicalId));
            return invocations.slice(0, invocations.length - short).map(answerFor);
          },
        }
      : {}),
  };
}

async function run(plan: StackPlan, hooks: Hook[]): Promise<SimulationResult> {
  return simulateStack({
    plan,
    stack: { name: 'wave-stack', id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/wave-stack/x', region: 'us-east-1', accountId: '123456789012' },
    hooks,
    tokens: seededUuids('t'),
    limits: { timeoutMillis: 50, maxRetries: 3, maxInProgress: 3 },
  });
}

const key = resource('Key', 'AWS::KMS::Key', {});
const dependent = encryptedBucket('Dependent', {}); // in the second wave: it depends on A
const wave = (ids: string[]): ReturnType<typeof encryptedBucket>[] => ids.map((id) => encryptedBucket(id));
const FAIL: HookConfiguration = { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetStacks: 'ALL' };
const WARN: HookConfiguration = { ...FAIL, FailureMode: 'WARN' };
const BUCKETS_ONLY: HookConfiguration = { ...FAIL, TargetFilters: { TargetNames: ['AWS::S3::Bucket'] } };

interface Case {
  readonly name: string;
  readonly plan: () => StackPlan;
  /** The hooks' configurations; the first is the one that can judge many targets. */
  readonly configurations: readonly HookConfiguration[];
  /** The batching hook's calls: one list of logical ids per call. */
  readonly batched: string[][];
  readonly short?: number;
}

const cases: Case[] = [
  {
    name: 'one wave of three buckets and a key: one call for the four targets, in plan order',
    plan: () => planStack({ operation: 'create', next: [...wave(['A', 'B', 'C']), key] }),
    configurations: [FAIL],
    batched: [['A', 'B', 'C', 'Key']],
  },
  {
    name: 'a filter: only the targeted resources go in the call',
    plan: () => planStack({ operation: 'create', next: [...wave(['A', 'B']), key] }),
    configurations: [BUCKETS_ONLY],
    batched: [['A', 'B']],
  },
  {
    name: 'two waves: one call each; a lone target is called alone',
    plan: () => planStack({ operation: 'create', next: [...wave(['A', 'B']), { ...dependent, dependsOn: ['A'] }] }),
    configurations: [FAIL],
    batched: [['A', 'B'], ['Dependent']],
  },
  {
    name: 'FAIL: a blocked target and an errored one in the wave; the wave still judges every target, then rolls back',
    plan: () => planStack({ operation: 'create', next: [...wave(['A', 'BadB', 'BoomC', 'D'])] }),
    configurations: [FAIL],
    batched: [['A', 'BadB', 'BoomC', 'D']],
  },
  {
    name: 'beside a hook called one by one, under WARN: the ids and tokens interleave as before',
    plan: () => planStack({ operation: 'create', next: [...wave(['A', 'BadB', 'C'])] }),
    configurations: [WARN, FAIL],
    batched: [['A', 'BadB', 'C']],
  },
  {
    name: 'a delete: the deployed resources, in the delete wave\'s order',
    plan: () => planStack({ operation: 'delete', previous: [...wave(['A', 'BadB'])] }),
    configurations: [WARN],
    batched: [['BadB', 'A']],
  },
  {
    name: 'answers missing from the call are asked one target at a time',
    plan: () => planStack({ operation: 'create', next: [...wave(['A', 'B', 'C'])] }),
    configurations: [FAIL],
    batched: [['A', 'B', 'C'], ['B'], ['C']],
    short: 2,
  },
];

describe('simulateStack: a hook that judges a wave\'s targets together', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const together: Recorded = { calls: [] };
    const alone: Recorded = { calls: [] };
    const [first, ...others] = c.configurations;
    const manyHooks = [hook('Private::Guard::Many', first ?? FAIL, true, together, c.short), ...others.map((conf, i) => hook(`Private::Guard::One${i}`, conf, false, { calls: [] }))];
    const oneHooks = [hook('Private::Guard::Many', first ?? FAIL, false, alone), ...others.map((conf, i) => hook(`Private::Guard::One${i}`, conf, false, { calls: [] }))];
    const batched = await run(c.plan(), manyHooks);
    const serial = await run(c.plan(), oneHooks);
    expect(together.calls).toEqual(c.batched);
    // Called one by one, the same hook meets the same targets in the same order.
    const order = c.batched.flat().filter((id, i, all) => all.indexOf(id) === i);
    expect(alone.calls).toEqual(order.map((id) => [id]));
    expect(batched).toEqual(serial);
    expect(batched.invocations.length).toBeGreaterThan(0);
  });
});
