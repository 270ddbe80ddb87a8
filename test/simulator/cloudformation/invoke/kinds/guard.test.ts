/**
 * A Guard hook on a STACK target (reference hooks-today §5): the stack run hands the Guard seam the templates parsed,
 * emptied by action as the payload's texts are, and the document built from them has the template's sections, then
 * HookContext (TargetType STACK, the stack's name), then Previous. No payload URL is read by a Guard hook.
 */
import type { HookConfiguration } from '../../../../../src/kernel/hook-config';
import type { JsonObject } from '../../../../../src/kernel/protocol';
import { buildGuardInput, type GuardSeamEvaluation } from '../../../../../simulator/cloudformation/guard';
import { guardHook, seededUuids, simulateStack, type StackTemplates } from '../../../../../simulator/cloudformation/invoke';
import { planStack, type StackPlan } from '../../../../../simulator/cloudformation/plan';
import { encryptedBucket } from '../../build-resources';
import { createOnlyProperties } from '../../../../../simulator/cloudformation/resolve/resource-types';

const ALIAS = 'Acme::Guard::Stack';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/shop/x';
const STACK_ONLY: HookConfiguration = { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['STACK'] };

const v1: JsonObject = { Description: 'v1', Resources: { DataBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-data' } } } } };
const v2: JsonObject = { Description: 'v2', Resources: { DataBucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'owner', Value: { Ref: 'Owner' } }] } } } };

/** Runs a plan with one Guard hook whose evaluator records what it is handed and answers `verdict`. */
async function run(plan: StackPlan, templates: StackTemplates | undefined, verdict: 'SUCCESS' | 'FAILED' = 'SUCCESS', changeSetId?: string) {
  const evaluations: GuardSeamEvaluation[] = [];
  const hook = guardHook({ alias: ALIAS, configuration: STACK_ONLY, rules: { uri: 's3://b/r.guard', path: '/dev/null' }, inputParams: [] }, async (evaluation) => {
    evaluations.push(evaluation);
    return verdict === 'SUCCESS'
      ? { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message: 'Successful validation', calls: 1 }
      : { kind: 'failed', hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'Template failed validation, the following rule(s) failed: R.', calls: 1 };
  });
  const result = await simulateStack({
    plan,
    stack: { name: 'shop', id: STACK_ID, region: 'us-east-1', accountId: '123456789012' },
    hooks: [hook],
    tokens: seededUuids('guard-stack'),
    ...(templates ? { templates } : {}),
    ...(changeSetId !== undefined ? { changeSetId } : {}),
  });
  return { result, evaluations };
}

const texts = { template: 'x', previousTemplate: 'y', resolvedTemplate: 'z' };
const bucket = encryptedBucket('DataBucket');

describe('a Guard hook on a STACK target', () => {
  it.each<[string, StackPlan, string, JsonObject | undefined, JsonObject]>([
    ['create: the template, Previous {}', planStack({ operation: 'create', next: [bucket] }), 'CREATE_PRE_PROVISION', v2, {}],
    ['update: the template, Previous the deployed template', planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [bucket], next: [{ ...bucket, properties: { ...bucket.properties, Tags: [{ Key: 'owner', Value: 'data' }] } }] }), 'UPDATE_PRE_PROVISION', v2, v1],
    ['delete: no template sections, Previous {}', planStack({ operation: 'delete', previous: [bucket] }), 'DELETE_PRE_PROVISION', undefined, {}],
  ])('%s', async (_name, plan, point, sections, previous) => {
    const { result, evaluations } = await run(plan, { ...texts, documents: { template: v2, previousTemplate: v1 } });
    expect(evaluations).toHaveLength(1);
    const target = evaluations[0]?.target;
    expect(target).toMatchObject({ targetType: 'STACK', stackName: 'shop', invocationPoint: point, stack: { stackId: STACK_ID, accountId: '123456789012' } });
    const document = buildGuardInput({ hookTypeName: ALIAS }, target as NonNullable<typeof target>);
    expect(Object.keys(document)).toEqual([...Object.keys(sections ?? {}), 'HookContext', 'Previous']);
    expect(document.Resources).toEqual(sections?.Resources);
    expect(document.HookContext).toEqual({
      AwsAccountId: '123456789012',
      StackId: STACK_ID,
      HookTypeName: ALIAS,
      HookTypeVersion: '00000001',
      InvocationPoint: point,
      TargetName: 'shop',
      TargetType: 'STACK',
      TargetLogicalId: 'shop',
      ChangeSetId: '',
    });
    expect(document.Previous).toEqual(previous);
    expect(result.invocations.map((i) => [i.targetType, i.hookTypeName, i.hookStatus])).toEqual([['STACK', ALIAS, 'SUCCESS']]);
  });

  it('a FAIL verdict stops the stack before any resource, as for any kind', async () => {
    const { result } = await run(planStack({ operation: 'create', next: [bucket] }), { ...texts, documents: { template: v1, previousTemplate: null } }, 'FAILED');
    expect(result.stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' });
    expect(result.events.filter((e) => e.logicalResourceId === 'DataBucket')).toEqual([]);
    expect(result.hookResults[0]).toMatchObject({ Status: 'HOOK_COMPLETE_FAILED', Target: { TargetType: 'STACK', TargetId: 'shop', Action: 'CREATE' } });
  });

  it('an executed change set: ChangeSetId in HookContext', async () => {
    const changeSetId = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/y';
    const { evaluations } = await run(planStack({ operation: 'create', next: [bucket] }), { ...texts, documents: { template: v1, previousTemplate: null } }, 'SUCCESS', changeSetId);
    const target = evaluations[0]?.target;
    expect(buildGuardInput({ hookTypeName: ALIAS }, target as NonNullable<typeof target>).HookContext).toMatchObject({ ChangeSetId: changeSetId, TargetType: 'STACK' });
  });

  it('templates not given: no template sections and an empty Previous (as for empty texts)', async () => {
    const { evaluations } = await run(planStack({ operation: 'create', next: [bucket] }), undefined);
    const target = evaluations[0]?.target;
    expect(buildGuardInput({ hookTypeName: ALIAS }, target as NonNullable<typeof target>)).toMatchObject({ Previous: {} });
    expect(Object.keys(buildGuardInput({ hookTypeName: ALIAS }, target as NonNullable<typeof target>))).toEqual(['HookContext', 'Previous']);
  });
});
