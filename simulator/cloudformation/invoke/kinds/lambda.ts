/**
 * A Lambda hook (`AWS::Hooks::LambdaHook` under its alias): the service forwards each target to a Lambda function
 * with the Lambda-hook event (reference hooks-today §4): no credentials, `hookModel` = `{LambdaFunction}`, and
 * `targetType` = the resource type name for stack operations.
 */
import type { HookConfiguration } from '../../../../src/kernel/hook-config';
import type { HookEntrypoint, HookInvocationRequest, JsonObject } from '../../../../src/kernel/protocol';
import { stringifyScalars } from '../../../../src/kernel/protocol/stringify';
import { EVERY_TARGET, type Hook, type HookTarget } from '../hook';
import { invokeHook, type InvokeLimits } from '../invoke-hook';
import { HOOK_TYPE_VERSION } from '../hook-call';

/** The registered type every Lambda hook is an alias of. */
export const LAMBDA_HOOK_TYPE = 'AWS::Hooks::LambdaHook';

/**
 * What a failed Lambda hook's stack event says (observed 2026, aws-cdk-cli PR #1768): the function's own message
 * is only in the hook results (`GetHookResult.HookStatusReason`).
 */
export const LAMBDA_FAILURE_EVENT_MESSAGE = 'see hook results for details';

/** What a Lambda hook is made of. */
export interface LambdaHookSpec {
  /** The hook's `Alias` (its type name in events and results). */
  readonly alias: string;
  readonly configuration: HookConfiguration;
  /** `LambdaFunction` as declared: what `hookModel.LambdaFunction` carries. */
  readonly lambdaFunction: string;
  /** The function's code (a local module or a local Invoke endpoint), loaded on the first call. */
  readonly loadEntrypoint: () => Promise<HookEntrypoint>;
  /** Send scalars as strings; see docs/simulator.md for why this is the default for Lambda hooks too. */
  readonly stringify: boolean;
}

/** A Lambda hook as a value. */
export function lambdaHook(spec: LambdaHookSpec): Hook {
  let entrypoint: Promise<HookEntrypoint> | undefined;
  return {
    typeName: spec.alias,
    originalTypeName: LAMBDA_HOOK_TYPE,
    kind: 'lambda',
    configuration: spec.configuration,
    handlers: EVERY_TARGET,
    targetTypes: ['RESOURCE', 'STACK', 'CHANGE_SET'],
    failureEventMessage: LAMBDA_FAILURE_EVENT_MESSAGE,
    async invoke({ target, limits }) {
      entrypoint ??= spec.loadEntrypoint();
      return invokeHook(await entrypoint, buildLambdaHookRequest(spec, target), lambdaLimits(limits));
    },
  };
}

/**
 * "A Hook can return IN_PROGRESS 3 times … your Lambda function can be invoked up to 3 times" (reference §11):
 * [choice] read literally, three calls in all, whatever each answered: the third IN_PROGRESS answer already fails the
 * hook, and so does a third call that errors (a registry hook gets 3 retries of an errored call besides).
 */
export function lambdaLimits(limits: InvokeLimits): InvokeLimits {
  return { ...limits, maxCalls: Math.min(limits.maxCalls ?? LAMBDA_MAX_CALLS, LAMBDA_MAX_CALLS) };
}

const LAMBDA_MAX_CALLS = 3;

/**
 * A resource's `targetModel` for a Lambda hook. [choice] On delete the deployed properties go in
 * `previousResourceProperties` and `resourceProperties` is empty, as the Lambda page documents ("If the resource is
 * being deleted, this value will be empty"; previous: "the properties that are currently associated with the
 * resource"). Registry hooks get them in `resourceProperties`, as the official samples and `cfn test` do.
 */
function lambdaTargetModel(target: HookTarget, shape: (properties: JsonObject) => JsonObject): JsonObject {
  if (target.invocationPoint === 'DELETE_PRE_PROVISION') return { resourceProperties: {}, previousResourceProperties: shape(target.resourceProperties) };
  return {
    resourceProperties: shape(target.resourceProperties),
    ...(target.previousResourceProperties ? { previousResourceProperties: shape(target.previousResourceProperties) } : {}),
  };
}

/** The event a Lambda hook's function receives for one resource or the stack itself of a stack operation, for a change set, or for a Cloud Control request. */
export function buildLambdaHookRequest(spec: Pick<LambdaHookSpec, 'alias' | 'lambdaFunction' | 'stringify'>, target: HookTarget): HookInvocationRequest {
  const shape = (properties: JsonObject): JsonObject => (spec.stringify ? (stringifyScalars(properties) as JsonObject) : properties);
  return {
    clientRequestToken: target.clientRequestToken,
    awsAccountId: target.stack.accountId,
    stackId: target.stack.stackId,
    // [choice] a direct create, update or delete sends `null`, as the Lambda page's example does (its STACK example
    // for an update: `"changeSetId": null`; the text says only "This value is empty"): a function that reads
    // `event["changeSetId"]` finds the key, as it does in the service.
    changeSetId: target.changeSetId ?? null,
    hookTypeName: spec.alias,
    hookTypeVersion: HOOK_TYPE_VERSION,
    hookModel: { LambdaFunction: spec.lambdaFunction },
    actionInvocationPoint: target.invocationPoint,
    // The Lambda page's CHANGE_SET syntax: `{targetName: CHANGE_SET, targetType: CHANGE_SET, targetLogicalId: <change set ARN>, payload}`;
    // its STACK syntax: `{targetName: STACK, targetType: STACK, targetLogicalId: <stack name>, payload}`.
    requestData: target.changeSet
      ? { targetName: target.targetName, targetType: 'CHANGE_SET', targetLogicalId: target.logicalId, payload: target.changeSet.payload.lambda }
      : target.stackPayload
      ? { targetName: target.targetName, targetType: 'STACK', targetLogicalId: target.logicalId, payload: target.stackPayload.lambda }
      : {
          targetName: target.targetName,
          // [choice] the Lambda page's reading (reference §4): the type name, where custom hooks get RESOURCE;
          // "For resources provisioned with Cloud Control API, this value will be RESOURCE."
          targetType: target.targetType === 'CLOUD_CONTROL' ? 'RESOURCE' : target.targetName,
          targetLogicalId: target.logicalId,
          targetModel: lambdaTargetModel(target, shape),
        },
    requestContext: { invocation: 1, callbackContext: null },
  };
}
