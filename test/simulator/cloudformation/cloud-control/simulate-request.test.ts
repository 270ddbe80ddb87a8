/**
 * A Cloud Control request and its hooks: which hooks are invoked (TargetOperations CLOUD_CONTROL, handlers and
 * TargetFilters, stack filters ignored), what each one receives, FAIL against WARN, the 1,024-character cut, and
 * the API's view (ProgressEvent, the HooksProgressEvent list in turn, GetHookResult-shaped results).
 */
import type { HookConfiguration } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest, HookProgressEvent, JsonObject } from '../../../../src/kernel/protocol';
import {
  hookTypeArn,
  simulateCloudControlRequest,
  type CloudControlOperation,
  type CloudControlRequest,
  type CloudControlResult,
} from '../../../../simulator/cloudformation/cloud-control';
import { buildHookRequest, buildLambdaHookRequest, customHook, EVERY_TARGET, type Hook, type HookAnswer, type HookTarget } from '../../../../simulator/cloudformation/invoke';

const BUCKET = 'AWS::S3::Bucket';
const desired: JsonObject = { BucketName: 'reports', VersioningConfiguration: { Status: 'Enabled' }, ObjectLockEnabled: true };
const current: JsonObject = { BucketName: 'reports', ObjectLockEnabled: false };

/** A hook value answering as told, recording the targets it is called for. */
function scriptedHook(typeName: string, configuration: HookConfiguration, answer: Partial<HookAnswer> = {}, extra: Partial<Hook> = {}): Hook & { targets: HookTarget[] } {
  const targets: HookTarget[] = [];
  return {
    typeName,
    originalTypeName: 'AWS::Hooks::LambdaHook',
    kind: 'lambda',
    configuration,
    handlers: EVERY_TARGET,
    targets,
    async invoke({ target }) {
      targets.push(target);
      return { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message: `${typeName} ok`, calls: 1, ...answer };
    },
    ...extra,
  };
}

const CC: HookConfiguration = { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['CLOUD_CONTROL'] };
const failed = (message: string): Partial<HookAnswer> => ({ kind: 'failed', hookStatus: 'FAILED', errorCode: 'NonCompliant', message });

function request(operation: CloudControlOperation, extra: Partial<CloudControlRequest> = {}): CloudControlRequest {
  const states: Record<CloudControlOperation, Partial<CloudControlRequest>> = {
    CREATE: { desiredState: desired },
    UPDATE: { identifier: 'reports', desiredState: desired, currentState: current },
    DELETE: { identifier: 'reports', currentState: current },
  };
  return { operation, typeName: BUCKET, region: 'us-east-1', accountId: '123456789012', ...states[operation], ...extra };
}

async function simulate(hooks: Hook[], req: CloudControlRequest = request('CREATE')): Promise<CloudControlResult> {
  return simulateCloudControlRequest({ request: req, hooks });
}

describe('which hooks a Cloud Control request invokes', () => {
  it.each<[string, HookConfiguration, Partial<Hook>, string | undefined]>([
    ['CLOUD_CONTROL in TargetOperations', CC, {}, undefined],
    ['CLOUD_CONTROL with RESOURCE and STACK', { ...CC, TargetOperations: ['RESOURCE', 'STACK', 'CLOUD_CONTROL'] }, {}, undefined],
    ['stack filters that exclude every stack are ignored', { ...CC, StackFilters: { FilteringCriteria: 'ALL', StackNames: { Include: ['prod-*'] } } }, {}, undefined],
    ['no TargetOperations (RESOURCE only)', { HookInvocationStatus: 'ENABLED' }, {}, 'TargetOperations is not set (RESOURCE only), so it does not include CLOUD_CONTROL'],
    ['RESOURCE only', { ...CC, TargetOperations: ['RESOURCE'] }, {}, 'TargetOperations [RESOURCE] does not include CLOUD_CONTROL'],
    ['disabled', { ...CC, HookInvocationStatus: 'DISABLED' }, {}, 'HookInvocationStatus is DISABLED'],
    ['TargetStacks NONE', { ...CC, TargetStacks: 'NONE' }, {}, 'TargetStacks is NONE'],
    ['not runnable here', CC, { unavailable: 'no code for it' }, 'no code for it'],
    ['TargetFilters name another type', { ...CC, TargetFilters: { TargetNames: ['AWS::SQS::Queue'] } }, {}, 'its handlers and TargetFilters do not target AWS::S3::Bucket at CREATE_PRE_PROVISION'],
    ['TargetFilters leave CREATE out', { ...CC, TargetFilters: { Actions: ['UPDATE', 'DELETE'] } }, {}, 'its handlers and TargetFilters do not target AWS::S3::Bucket at CREATE_PRE_PROVISION'],
    ['Targets name the type and action', { ...CC, TargetFilters: { Targets: [{ TargetName: 'AWS::S3::*', Action: 'CREATE', InvocationPoint: 'PRE_PROVISION' }] } }, {}, undefined],
    ['handlers that do not name the type', CC, { handlers: { preCreate: { targetNames: ['AWS::SQS::Queue'], permissions: [] } } }, 'its handlers do not target AWS::S3::Bucket at CREATE_PRE_PROVISION'],
  ])('%s', async (_name, configuration, extra, reason) => {
    const hook = scriptedHook('Acme::Tags::Hook', configuration, {}, extra);
    const result = await simulate([hook]);
    expect(result.skippedHooks).toEqual(reason === undefined ? [] : [{ typeName: 'Acme::Tags::Hook', reason }]);
    expect(hook.targets).toHaveLength(reason === undefined ? 1 : 0);
    expect(result.outcome).toBe('SUCCEEDED');
  });
});

describe('what each hook is called with', () => {
  it.each<[CloudControlOperation, Partial<CloudControlRequest>, JsonObject, JsonObject | undefined, string]>([
    ['CREATE', {}, desired, undefined, 'CREATE_PRE_PROVISION'],
    ['UPDATE', {}, desired, current, 'UPDATE_PRE_PROVISION'],
    ['DELETE', {}, current, undefined, 'DELETE_PRE_PROVISION'],
    ['DELETE', { currentState: undefined }, {}, undefined, 'DELETE_PRE_PROVISION'],
  ])('%s: no stack, no change set, the constructed logical id, the right properties', async (operation, extra, properties, previous, point) => {
    const hook = scriptedHook('Acme::Tags::Hook', CC);
    const result = await simulate([hook], request(operation, extra));
    const [target] = hook.targets;
    expect(target).toMatchObject({ stack: { stackId: '', accountId: '123456789012' }, changeSetId: '', targetType: 'CLOUD_CONTROL', targetName: BUCKET, invocationPoint: point });
    expect(target?.resourceProperties).toEqual(properties);
    expect(target?.previousResourceProperties).toEqual(previous);
    const token = result.progressEvent.RequestToken;
    const name = operation === 'CREATE' ? '' : 'reports-';
    expect(target?.logicalId).toBe(`AWS-S3-Bucket-${name}${operation}-${token}`);
    expect(result.request.targetLogicalId).toBe(target?.logicalId);
    expect(result.invocations[0]).toMatchObject({ logicalResourceId: target?.logicalId, targetType: 'CLOUD_CONTROL', invocationPoint: point });
  });

  it('a Lambda hook gets targetType RESOURCE, an empty stackId and changeSetId, and string scalars', async () => {
    const hook = scriptedHook('Acme::Tags::Hook', CC);
    await simulate([hook], request('UPDATE'));
    const event = buildLambdaHookRequest({ alias: 'Acme::Tags::Hook', lambdaFunction: 'arn:aws:lambda:us-east-1:123456789012:function:f', stringify: true }, hook.targets[0] as HookTarget);
    expect(event).toMatchObject({ stackId: '', changeSetId: '', requestData: { targetName: BUCKET, targetType: 'RESOURCE' } });
    expect(event.requestData.targetModel).toEqual({ resourceProperties: { ...desired, ObjectLockEnabled: 'true' }, previousResourceProperties: { ...current, ObjectLockEnabled: 'false' } });
  });

  it('a custom hook gets targetType RESOURCE, an empty stackId and changeSetId, and string scalars', async () => {
    const hook = scriptedHook('Acme::Tags::Hook', CC);
    await simulate([hook]);
    const event = buildHookRequest({ typeName: 'Acme::Custom::Hook', hookModel: {}, stringify: true }, (hook.targets[0] as HookTarget).stack, hook.targets[0] as HookTarget);
    expect(event).toMatchObject({ stackId: '', changeSetId: '', requestData: { targetType: 'RESOURCE', targetModel: { resourceProperties: { ObjectLockEnabled: 'true' } } } });
  });

  it('a custom hook is called through the wire protocol with what the service sends', async () => {
    const seen: HookInvocationRequest[] = [];
    const entry: HookEntrypoint = async (event) => {
      const r = event as HookInvocationRequest;
      seen.push(r);
      return { hookStatus: 'SUCCESS', message: 'ok', clientRequestToken: r.clientRequestToken, callbackDelaySeconds: 0 } satisfies HookProgressEvent;
    };
    const schema = { typeName: 'Acme::Custom::Hook', handlers: { preCreate: { targetNames: [BUCKET], permissions: [] } } };
    const result = await simulate([customHook({ schema, configuration: CC, stringify: true, loadEntrypoint: async () => entry })]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ stackId: '', changeSetId: '', actionInvocationPoint: 'CREATE_PRE_PROVISION', requestData: { targetType: 'RESOURCE', targetLogicalId: result.request.targetLogicalId } });
  });
});

describe('how the request ends', () => {
  it.each<[string, Array<[HookConfiguration['FailureMode'], Partial<HookAnswer>]>, 'SUCCEEDED' | 'FAILED', string | undefined, string[]]>([
    ['every hook succeeds', [['FAIL', {}], ['WARN', {}]], 'SUCCEEDED', undefined, ['HOOK_COMPLETE_SUCCEEDED', 'HOOK_COMPLETE_SUCCEEDED']],
    ['a WARN hook fails: the request goes on', [['WARN', failed('no tags')]], 'SUCCEEDED', undefined, ['HOOK_COMPLETE_FAILED']],
    ['a FAIL hook fails: the request fails', [['FAIL', failed('not versioned')], ['WARN', failed('no tags')]], 'FAILED', 'The following hook(s) failed: [H0]', ['HOOK_COMPLETE_FAILED', 'HOOK_COMPLETE_FAILED']],
    ['two FAIL hooks fail: both are named', [['FAIL', failed('a')], ['WARN', {}], ['FAIL', failed('b')]], 'FAILED', 'The following hook(s) failed: [H0, H2]', ['HOOK_COMPLETE_FAILED', 'HOOK_COMPLETE_SUCCEEDED', 'HOOK_COMPLETE_FAILED']],
    ['a FAIL hook errors: HOOK_FAILED, and it blocks', [['FAIL', { kind: 'errored', hookStatus: 'FAILED', errorCode: 'HandlerInternalFailure', message: 'threw' }]], 'FAILED', 'The following hook(s) failed: [H0]', ['HOOK_FAILED']],
    ['a WARN hook errors: HOOK_FAILED, ignored', [['WARN', { kind: 'errored', hookStatus: 'FAILED', errorCode: 'HandlerInternalFailure', message: 'threw' }]], 'SUCCEEDED', undefined, ['HOOK_FAILED']],
  ])('%s', async (_name, plan, outcome, statusMessage, statuses) => {
    const hooks = plan.map(([mode, answer], i) => scriptedHook(`H${i}`, { ...CC, FailureMode: mode }, answer));
    const result = await simulate(hooks);
    expect(result.outcome).toBe(outcome);
    expect(hooks.every((h) => h.targets.length === 1)).toBe(true);
    expect(result.progressEvent).toMatchObject({ TypeName: BUCKET, Operation: 'CREATE', OperationStatus: outcome === 'SUCCEEDED' ? 'SUCCESS' : 'FAILED' });
    expect(result.progressEvent.StatusMessage).toBe(statusMessage);
    expect(result.progressEvent.ErrorCode).toBe(statusMessage === undefined ? undefined : 'GeneralServiceException');
    expect(result.hooksProgressEvent.map((e) => e.HookStatus)).toEqual(statuses);
    expect(result.hookResults.map((r) => r.Status)).toEqual(statuses);
  });

  it('a successful create or update carries the resource model; a delete and a failed request do not', async () => {
    expect((await simulate([])).progressEvent.ResourceModel).toBe(JSON.stringify(desired));
    expect((await simulate([], request('UPDATE'))).progressEvent.ResourceModel).toBe(JSON.stringify(desired));
    expect((await simulate([], request('DELETE'))).progressEvent.ResourceModel).toBeUndefined();
    expect((await simulate([scriptedHook('H', CC, failed('no'))])).progressEvent.ResourceModel).toBeUndefined();
  });

  it('GetResourceRequestStatus in turn: every hook HOOK_PENDING, then one more hook complete at each answer, then the end', async () => {
    const hooks = [scriptedHook('A', CC), scriptedHook('B', { ...CC, FailureMode: 'WARN' }, failed('no')), scriptedHook('C', CC)];
    const result = await simulate(hooks);
    expect(result.requestStatus.map((s) => [s.ProgressEvent.OperationStatus, ...s.HooksProgressEvent.map((e) => e.HookStatus)])).toEqual([
      ['IN_PROGRESS', 'HOOK_PENDING', 'HOOK_PENDING', 'HOOK_PENDING'],
      ['IN_PROGRESS', 'HOOK_COMPLETE_SUCCEEDED', 'HOOK_PENDING', 'HOOK_PENDING'],
      ['IN_PROGRESS', 'HOOK_COMPLETE_SUCCEEDED', 'HOOK_COMPLETE_FAILED', 'HOOK_PENDING'],
      ['SUCCESS', 'HOOK_COMPLETE_SUCCEEDED', 'HOOK_COMPLETE_FAILED', 'HOOK_COMPLETE_SUCCEEDED'],
    ]);
    expect(result.requestStatus.at(-1)).toEqual({ ProgressEvent: result.progressEvent, HooksProgressEvent: result.hooksProgressEvent });
    expect(result.requestStatus[0]?.HooksProgressEvent[0]).toEqual({
      HookTypeName: 'A',
      HookTypeVersionId: '00000001',
      HookTypeArn: 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/A',
      InvocationPoint: 'PRE_PROVISION',
      HookStatus: 'HOOK_PENDING',
      FailureMode: 'FAIL',
    });
  });

  it('hook results are listed under CLOUD_CONTROL and the HooksRequestToken, with annotations', async () => {
    const annotations = [{ annotationName: 'required-tag-owner', status: 'FAILED' as const, statusMessage: 'missing', remediationMessage: 'add it', severityLevel: 'MEDIUM' as const }];
    const hook = scriptedHook('Acme::Tags::Hook', { ...CC, FailureMode: 'WARN' }, { ...failed('missing tag'), answer: { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'missing tag', callbackDelaySeconds: 0, annotations } });
    const result = await simulate([hook], request('DELETE'));
    expect(result.hookResults).toEqual([
      {
        HookResultId: result.invocations[0]?.hookInvocationId,
        InvocationPoint: 'PRE_PROVISION',
        FailureMode: 'WARN',
        TypeName: 'Acme::Tags::Hook',
        OriginalTypeName: 'AWS::Hooks::LambdaHook',
        TypeVersionId: '00000001',
        Status: 'HOOK_COMPLETE_FAILED',
        HookStatusReason: 'missing tag',
        Target: { TargetType: 'CLOUD_CONTROL', TargetTypeName: BUCKET, TargetId: result.progressEvent.HooksRequestToken, Action: 'DELETE' },
        Annotations: [{ AnnotationName: 'required-tag-owner', Status: 'FAILED', StatusMessage: 'missing', RemediationMessage: 'add it', SeverityLevel: 'MEDIUM' }],
      },
    ]);
  });

  it('a Guard hook\'s LogBucket report is carried on its invocation, as for a stack', async () => {
    const logBucketReport = { uri: 's3://logs/cfn-guard-validate-report/x/0000000000001.json', report: { not_compliant: [] } };
    const result = await simulate([scriptedHook('H', CC, { ...failed('Template failed validation'), logBucketReport })]);
    expect(result.invocations[0]?.logBucketReport).toEqual(logBucketReport);
    expect((await simulate([scriptedHook('H', CC)])).invocations[0]).not.toHaveProperty('logBucketReport');
  });

  it('a hook\'s message is cut to 1,024 characters everywhere the request shows it', async () => {
    const long = 'x'.repeat(4096);
    const result = await simulate([scriptedHook('H', CC, failed(long))]);
    expect(result.invocations[0]?.message).toHaveLength(1024);
    expect(result.hooksProgressEvent[0]?.HookStatusMessage).toHaveLength(1024);
    expect(result.hookResults[0]?.HookStatusReason).toHaveLength(1024);
  });

  it('the same request gives the same tokens; another request, other tokens', async () => {
    const a = await simulate([scriptedHook('H', CC)]);
    const b = await simulate([scriptedHook('H', CC)]);
    const c = await simulate([scriptedHook('H', CC)], request('UPDATE'));
    expect(b.progressEvent).toEqual(a.progressEvent);
    expect(b.hookResults[0]?.HookResultId).toBe(a.hookResults[0]?.HookResultId);
    expect(c.progressEvent.RequestToken).not.toBe(a.progressEvent.RequestToken);
    expect(a.progressEvent.RequestToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.progressEvent.HooksRequestToken).not.toBe(a.progressEvent.RequestToken);
  });
});

describe('hookTypeArn', () => {
  it.each([
    ['MyCompany::Testing::MyTestHook', 'us-east-1', 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook'],
    ['Acme::Guard::S3', 'cn-north-1', 'arn:aws-cn:cloudformation:cn-north-1:123456789012:type/hook/Acme-Guard-S3'],
  ])('%s in %s', (typeName, region, arn) => {
    expect(hookTypeArn(typeName, region, '123456789012')).toBe(arn);
  });
});
