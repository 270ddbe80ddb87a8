/**
 * Building the HookInvocationRequest the service sends for one resource, field for field.
 */
import type { HookInvocationRequest, InvocationPoint, JsonObject } from '../../../src/kernel/protocol';
import { stringifyScalars } from '../../../src/kernel/protocol/stringify';
import { HOOK_TYPE_VERSION } from './hook-call';

/** The stack a request is made for. */
export interface RequestStack {
  readonly stackId: string;
  readonly accountId: string;
}

/** What differs between two requests of one hook. */
export interface RequestTarget {
  readonly clientRequestToken: string;
  readonly invocationPoint: InvocationPoint;
  readonly targetName: string;
  readonly logicalId: string;
  readonly resourceProperties: JsonObject;
  readonly previousResourceProperties?: JsonObject;
  /** A STACK target: where its payload is served (the registry shape's URL goes in `requestData.payload`). */
  readonly stackPayload?: { readonly registry: string };
  /** A CHANGE_SET target: where its payload is served (`targetLogicalId` is the change set's ARN). */
  readonly changeSet?: { readonly payload: { readonly registry: string } };
  /** Sent as `changeSetId` when set (empty for a Cloud Control request); left out of a registry hook's request when absent. */
  readonly changeSetId?: string;
}

/** The hook being called and how its requests are shaped. */
export interface RequestHook {
  readonly typeName: string;
  /** The hook model (already stringified when the service would have). */
  readonly hookModel: JsonObject;
  /** Send every scalar as a string, as the service does (false only for comparisons, `--no-stringify`). */
  readonly stringify: boolean;
}

/**
 * Dummy keys in the shape the service sends (and Lambda gives a function, from its execution role): the handler must
 * parse them, never use them against AWS. The hook requests carry them, and a hook's module finds them in its
 * environment (kinds/module-environment.ts).
 */
export const SIMULATED_CREDENTIALS = {
  accessKeyId: 'ASIASIMULATORKEYID00',
  secretAccessKey: 'simulator/secret/access/key/not/a/real/one/00',
  sessionToken: 'simulator-session-token',
} as const;

const DUMMY_CREDENTIALS = JSON.stringify(SIMULATED_CREDENTIALS);

/** `MyCompany::Testing::MyTestHook` → `mycompany-testing-mytesthook-logs`, the log group `cfn submit` sets up. */
export function providerLogGroupName(typeName: string): string {
  return `${typeName.replace(/::/g, '-').toLowerCase()}-logs`;
}

/** Builds one request, as the service would send it for a RESOURCE, STACK or CHANGE_SET target. */
export function buildHookRequest(hook: RequestHook, stack: RequestStack, target: RequestTarget): HookInvocationRequest {
  const shape = (properties: JsonObject): JsonObject => (hook.stringify ? (stringifyScalars(properties) as JsonObject) : properties);
  return {
    clientRequestToken: target.clientRequestToken,
    awsAccountId: stack.accountId,
    stackId: stack.stackId,
    ...(target.changeSetId !== undefined ? { changeSetId: target.changeSetId } : {}),
    hookTypeName: hook.typeName,
    hookTypeVersion: HOOK_TYPE_VERSION,
    hookModel: hook.hookModel,
    actionInvocationPoint: target.invocationPoint,
    requestData: {
      targetName: target.targetName,
      // A STACK or CHANGE_SET target carries a payload URL and an empty targetModel, which the runtimes fill with the
      // payload they fetch (reference §4). [unconfirmed] The `{}` is what both runtimes' stack-level request fixtures
      // send (java `preCreate.request.with-stack-level-hook.json`, python `tests/lib/hook_test.py`
      // `STACK_LEVEL_HOOK_ENTRYPOINT_PAYLOAD`); both fetch only when targetModel is empty and payload set.
      ...(target.changeSet
        ? { targetType: 'CHANGE_SET', targetLogicalId: target.logicalId, targetModel: {}, payload: target.changeSet.payload.registry }
        : target.stackPayload
        ? { targetType: 'STACK', targetLogicalId: target.logicalId, targetModel: {}, payload: target.stackPayload.registry }
        : {
            targetType: 'RESOURCE',
            targetLogicalId: target.logicalId,
            targetModel: {
              resourceProperties: shape(target.resourceProperties),
              ...(target.previousResourceProperties ? { previousResourceProperties: shape(target.previousResourceProperties) } : {}),
            },
          }),
      callerCredentials: DUMMY_CREDENTIALS,
      providerCredentials: DUMMY_CREDENTIALS,
      providerLogGroupName: providerLogGroupName(hook.typeName),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

