/**
 * A Cloud Control API request (CreateResource, UpdateResource, DeleteResource) and the hooks it invokes, with the
 * rules the service applies to this origin (reference hooks-today §3, §4, §8): every active hook whose
 * TargetOperations include CLOUD_CONTROL and whose handlers and TargetFilters target the type and action, stack
 * filters ignored, no stack and no change set in the request, a constructed logical id, the hook's message cut to
 * 1,024 characters; the result as the API shows it (ProgressEvent, GetResourceRequestStatus's HooksProgressEvent
 * list) and the hook results as `GetHookResult` gives them (`--target-type CLOUD_CONTROL --target-id
 * <HooksRequestToken>`).
 */
import { partitionOf } from '../../../src/kernel/aws';
import type { FailureMode, HookConfiguration } from '../../../src/kernel/hook-config';
import { CLOUD_CONTROL_MAX_MESSAGE_LENGTH, type InvocationPoint, type JsonObject } from '../../../src/kernel/protocol';
import { cloudControlLogicalId } from '../guard';
import {
  answerNotes,
  capHookStatusReason,
  failureModeOf,
  HOOK_TYPE_VERSION,
  isTargeted,
  resultAnnotation,
  seededUuids,
  SERVICE_LIMITS,
  targetsOperation,
  readAnnotations,
  type Hook,
  type HookCallOutcome,
  type HookResult,
  type HookTarget,
  type InvocationRecord,
  type InvokeLimits,
  type SkippedHook,
  type UuidSource,
} from '../invoke';

/** The three mutating calls, by the `Operation` the API reports for them. */
export type CloudControlOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** "When evaluating Cloud Control API operations, this field is truncated to 1024 characters" (the hook's message). */
export const CLOUD_CONTROL_MESSAGE_LENGTH = CLOUD_CONTROL_MAX_MESSAGE_LENGTH;

/** The API's bound on `ProgressEvent.StatusMessage` and `HookProgressEvent.HookStatusMessage`. */
export const MAX_STATUS_MESSAGE_LENGTH = 2048;

/**
 * [choice, UNCONFIRMED: no recording of a Cloud Control request a hook blocked] The request fails with the API's
 * generic handler error code, and the stack form of the reason (reference §10) as its StatusMessage.
 */
export const HOOK_BLOCKED_ERROR_CODE = 'GeneralServiceException';

/** What the caller asks for. */
export interface CloudControlRequest {
  readonly operation: CloudControlOperation;
  readonly typeName: string;
  /** The resource's primary identifier (UpdateResource, DeleteResource; a create's only when the caller knows it). */
  readonly identifier?: string;
  /** The resource's name for the constructed logical id, when it is not the identifier (a create's, from its desired state). */
  readonly name?: string;
  /** DesiredState: the properties the request asks for (create, update). */
  readonly desiredState?: JsonObject;
  /** The resource's current properties (update, delete), read by the service before it calls the hooks. */
  readonly currentState?: JsonObject;
  readonly region: string;
  readonly accountId: string;
}

/** Everything one simulated request needs. */
export interface CloudControlSimulation {
  readonly request: CloudControlRequest;
  /** The hooks active in the account, in the order they are called. */
  readonly hooks: readonly Hook[];
  /** RequestToken, HooksRequestToken and the hooks' clientRequestToken; seeded by the request by default. */
  readonly tokens?: UuidSource;
  /** HookInvocationIds (GetHookResult's HookResultId); seeded by the HooksRequestToken by default. */
  readonly invocationIds?: UuidSource;
  readonly limits?: InvokeLimits;
}

/** `ProgressEvent`, as CreateResource, UpdateResource, DeleteResource and GetResourceRequestStatus return it (EventTime left out: no clock). */
export interface CloudControlProgressEvent {
  readonly TypeName: string;
  readonly Identifier?: string;
  readonly RequestToken: string;
  readonly HooksRequestToken: string;
  readonly Operation: CloudControlOperation;
  readonly OperationStatus: 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';
  /** The resource's properties as a JSON string, once the request succeeded (create, update). */
  readonly ResourceModel?: string;
  readonly StatusMessage?: string;
  readonly ErrorCode?: string;
}

/** `HookProgressEvent`: one hook of the request's invocation plan, as GetResourceRequestStatus lists it (HookEventTime left out). */
export interface CloudControlHookEvent {
  readonly HookTypeName: string;
  readonly HookTypeVersionId: string;
  readonly HookTypeArn: string;
  readonly InvocationPoint: 'PRE_PROVISION';
  readonly HookStatus: 'HOOK_PENDING' | 'HOOK_COMPLETE_SUCCEEDED' | 'HOOK_COMPLETE_FAILED' | 'HOOK_FAILED';
  readonly HookStatusMessage?: string;
  readonly FailureMode: FailureMode;
}

/** One GetResourceRequestStatus answer. */
export interface RequestStatus {
  readonly ProgressEvent: CloudControlProgressEvent;
  readonly HooksProgressEvent: readonly CloudControlHookEvent[];
}

/** The request as simulated, and what the caller and the results APIs see. */
export interface CloudControlResult {
  readonly request: {
    readonly operation: CloudControlOperation;
    readonly typeName: string;
    readonly identifier?: string;
    readonly name?: string;
    /** The constructed logical id the hooks get (`requestData.targetLogicalId`, the Guard document's key). */
    readonly targetLogicalId: string;
    readonly region: string;
    readonly accountId: string;
  };
  /** SUCCEEDED: the request goes on to provisioning; FAILED: a hook blocked it. */
  readonly outcome: 'SUCCEEDED' | 'FAILED';
  /** What GetResourceRequestStatus returns once the request has ended. */
  readonly progressEvent: CloudControlProgressEvent;
  /** Its HooksProgressEvent list at that moment: one entry per hook invoked. */
  readonly hooksProgressEvent: readonly CloudControlHookEvent[];
  /** Every GetResourceRequestStatus answer in turn: all hooks HOOK_PENDING, then one answer as each hook completes, then the end. */
  readonly requestStatus: readonly RequestStatus[];
  readonly invocations: readonly InvocationRecord[];
  /** One per invocation, as `GetHookResult` gives it (Target: CLOUD_CONTROL, the HooksRequestToken). */
  readonly hookResults: readonly HookResult[];
  /** The hooks of the account not invoked for this request, and why. */
  readonly skippedHooks: readonly SkippedHook[];
}

const INVOCATION_POINT: Readonly<Record<CloudControlOperation, InvocationPoint>> = {
  CREATE: 'CREATE_PRE_PROVISION',
  UPDATE: 'UPDATE_PRE_PROVISION',
  DELETE: 'DELETE_PRE_PROVISION',
};

const HOOK_STATUS_FOR_OUTCOME: Readonly<Record<HookCallOutcome['kind'], CloudControlHookEvent['HookStatus']>> = {
  succeeded: 'HOOK_COMPLETE_SUCCEEDED',
  failed: 'HOOK_COMPLETE_FAILED',
  errored: 'HOOK_FAILED',
};

/** The API call each operation is. */
export const API_CALL: Readonly<Record<CloudControlOperation, string>> = { CREATE: 'CreateResource', UPDATE: 'UpdateResource', DELETE: 'DeleteResource' };

/** Simulates one request: the hooks it invokes, in turn, and how the request ends. */
export async function simulateCloudControlRequest(simulation: CloudControlSimulation): Promise<CloudControlResult> {
  const { request } = simulation;
  const tokens = simulation.tokens ?? seededUuids(`cloud-control:${request.operation}:${request.typeName}:${request.identifier ?? request.name ?? ''}`);
  const requestToken = tokens();
  const hooksRequestToken = tokens();
  const invocationIds = simulation.invocationIds ?? seededUuids(`hook-invocations:${hooksRequestToken}`);
  const point = INVOCATION_POINT[request.operation];
  const targetLogicalId = cloudControlLogicalId({ typeName: request.typeName, identifier: request.name ?? request.identifier ?? '', operation: request.operation, requestToken });
  const target = hookTarget(request, point, targetLogicalId, tokens());

  const invoked: Hook[] = [];
  const skippedHooks: SkippedHook[] = [];
  for (const hook of simulation.hooks) {
    const reason = notInvokedBecause(hook, request.typeName, point);
    if (reason === undefined) invoked.push(hook);
    else skippedHooks.push({ typeName: hook.typeName, reason });
  }

  const base = {
    TypeName: request.typeName,
    ...(request.identifier !== undefined ? { Identifier: request.identifier } : {}),
    RequestToken: requestToken,
    HooksRequestToken: hooksRequestToken,
    Operation: request.operation,
  };
  const events: CloudControlHookEvent[] = invoked.map((hook) => ({
    HookTypeName: hook.typeName,
    HookTypeVersionId: HOOK_TYPE_VERSION,
    HookTypeArn: hookTypeArn(hook.typeName, request.region, request.accountId),
    InvocationPoint: 'PRE_PROVISION',
    HookStatus: 'HOOK_PENDING',
    FailureMode: failureModeOf(hook.configuration),
  }));
  const inProgress: CloudControlProgressEvent = { ...base, OperationStatus: 'IN_PROGRESS' };
  const requestStatus: RequestStatus[] = [{ ProgressEvent: inProgress, HooksProgressEvent: [...events] }];
  const invocations: InvocationRecord[] = [];
  const hookResults: HookResult[] = [];
  const blocking: string[] = [];

  // [choice] every hook of the plan is called even after one has failed, as in a stack operation: the failure names them all.
  for (const [i, hook] of invoked.entries()) {
    const failureMode = failureModeOf(hook.configuration);
    const hookInvocationId = invocationIds();
    const outcome = await hook.invoke({ target, limits: simulation.limits ?? SERVICE_LIMITS });
    const message = outcome.message.slice(0, CLOUD_CONTROL_MESSAGE_LENGTH);
    const read = readAnnotations(outcome.answer?.annotations);
    const annotations = read.annotations;
    invocations.push({
      logicalResourceId: targetLogicalId,
      targetName: request.typeName,
      invocationPoint: point,
      hookStatus: outcome.hookStatus,
      errorCode: outcome.errorCode,
      message,
      failureMode,
      hookTypeName: hook.typeName,
      targetType: 'CLOUD_CONTROL',
      hookInvocationId,
      annotations,
      ...(outcome.logBucketReport ? { logBucketReport: outcome.logBucketReport } : {}),
      ...answerNotes(outcome, read),
    });
    hookResults.push({
      HookResultId: hookInvocationId,
      InvocationPoint: 'PRE_PROVISION',
      FailureMode: failureMode,
      TypeName: hook.typeName,
      OriginalTypeName: hook.originalTypeName,
      TypeVersionId: HOOK_TYPE_VERSION,
      Status: HOOK_STATUS_FOR_OUTCOME[outcome.kind],
      HookStatusReason: capHookStatusReason(message),
      Target: { TargetType: 'CLOUD_CONTROL', TargetTypeName: request.typeName, TargetId: hooksRequestToken, Action: request.operation },
      Annotations: annotations.map(resultAnnotation),
    });
    // [choice] HookStatusMessage is the hook's own (cut) message for every kind, as the one observed value shows
    // (`Template failed validation, the following rule(s) failed: …`); no "Hook failed with message:" prefix.
    events[i] = { ...(events[i] as CloudControlHookEvent), HookStatus: HOOK_STATUS_FOR_OUTCOME[outcome.kind], ...(message !== '' ? { HookStatusMessage: message } : {}) };
    // [choice] an errored hook (HOOK_FAILED) obeys FailureMode like a judged failure, as in a stack operation.
    if (outcome.kind !== 'succeeded' && failureMode === 'FAIL') blocking.push(hook.typeName);
    if (i < invoked.length - 1) requestStatus.push({ ProgressEvent: inProgress, HooksProgressEvent: [...events] });
  }

  const ended: CloudControlProgressEvent =
    blocking.length > 0
      ? { ...base, OperationStatus: 'FAILED', ErrorCode: HOOK_BLOCKED_ERROR_CODE, StatusMessage: `The following hook(s) failed: [${blocking.join(', ')}]`.slice(0, MAX_STATUS_MESSAGE_LENGTH) }
      : { ...base, OperationStatus: 'SUCCESS', ...(request.operation !== 'DELETE' && request.desiredState ? { ResourceModel: JSON.stringify(request.desiredState) } : {}) };
  requestStatus.push({ ProgressEvent: ended, HooksProgressEvent: [...events] });
  return {
    request: {
      operation: request.operation,
      typeName: request.typeName,
      ...(request.identifier !== undefined ? { identifier: request.identifier } : {}),
      ...(request.name !== undefined ? { name: request.name } : {}),
      targetLogicalId,
      region: request.region,
      accountId: request.accountId,
    },
    outcome: blocking.length > 0 ? 'FAILED' : 'SUCCEEDED',
    progressEvent: ended,
    hooksProgressEvent: events,
    requestStatus,
    invocations,
    hookResults,
    skippedHooks,
  };
}

/**
 * The one target every hook of the request is called for: the resource, with no stack and no change set
 * (`stackId` and `changeSetId` empty). [choice] On delete the resource's current properties go in
 * resourceProperties, as for a stack's delete (the Guard document empties them, as its page says).
 */
function hookTarget(request: CloudControlRequest, point: InvocationPoint, logicalId: string, clientRequestToken: string): HookTarget {
  const deleting = request.operation === 'DELETE';
  const resourceProperties = (deleting ? request.currentState : request.desiredState) ?? {};
  const previous = request.operation === 'UPDATE' ? request.currentState : undefined;
  return {
    clientRequestToken,
    stack: { stackId: '', accountId: request.accountId },
    invocationPoint: point,
    targetName: request.typeName,
    logicalId,
    resourceProperties,
    ...(previous ? { previousResourceProperties: previous } : {}),
    targetType: 'CLOUD_CONTROL',
    changeSetId: '',
  };
}

/** Why a hook is not invoked for this request, or undefined when it is. */
export function notInvokedBecause(hook: Hook, typeName: string, point: InvocationPoint): string | undefined {
  const configuration: HookConfiguration = hook.configuration;
  if (configuration.HookInvocationStatus === 'DISABLED') return hook.disabledReason ?? 'HookInvocationStatus is DISABLED';
  // [choice] the older switch, kept "for backward compatibility", turns the hook off for every origin.
  if (configuration.TargetStacks === 'NONE') return 'TargetStacks is NONE';
  if (hook.unavailable) return hook.unavailable;
  if (!targetsOperation(configuration, 'CLOUD_CONTROL')) {
    const operations = configuration.TargetOperations;
    return operations === undefined ? 'TargetOperations is not set (RESOURCE only), so it does not include CLOUD_CONTROL' : `TargetOperations [${operations.join(', ')}] does not include CLOUD_CONTROL`;
  }
  if (!(hook.targetTypes ?? ['RESOURCE']).includes('RESOURCE')) return `this simulator cannot call a ${hook.kind} hook for a resource`;
  if (!isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, configuration, typeName, point)) {
    return `its handlers${configuration.TargetFilters ? ' and TargetFilters' : ''} do not target ${typeName} at ${point}`;
  }
  return undefined;
}

/**
 * [choice] The ARN of the hook type as activated in the account (`…:type/hook/<Type-Name>`): the registry's form for
 * a private type; an activated public type's ARN also names its publisher, which the simulator does not know.
 */
export function hookTypeArn(typeName: string, region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:cloudformation:${region}:${accountId}:type/hook/${typeName.replace(/::/g, '-')}`;
}
