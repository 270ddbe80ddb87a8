/**
 * A hook as the account runs it, as a value: its type name, its kind, its configuration, the targets its handlers
 * name, and how to call it. The stack run takes a list of these and knows nothing of how each kind is called.
 */
import type { HookConfiguration, HookSchema } from '../../../src/kernel/hook-config';
import type { InvocationPoint, JsonObject } from '../../../src/kernel/protocol';
import type { GuardChange } from '../guard/guard-input';
import type { HookCallOutcome, InvokeLimits } from './invoke-hook';
import type { RequestStack } from './request';

/** How a hook's logic is supplied: a registry (custom) hook, a Lambda hook, or a Guard hook. */
export type HookKind = 'custom' | 'lambda' | 'guard';

/** The targets each handler names, as a hook schema's `handlers` (wildcards allowed). */
export type HandlerTargets = NonNullable<HookSchema['handlers']>;

/** The target types this simulator calls hooks for: a stack operation's resources and stack, a change set. */
export type HookTargetType = 'RESOURCE' | 'STACK' | 'CHANGE_SET';

/**
 * Where a STACK or CHANGE_SET target's payload is served (reference hooks-today §4): the same data in the two shapes
 * the runtimes read. [choice, UNCONFIRMED which shape the service sends to which kind: only a real invocation
 * settles it] Lambda hooks get the Lambda page's camelCase (`{template, previousTemplate}`; a change set's
 * `{template, changedResources}`). Registry (custom) hooks get PascalCase at both levels (`{Template,
 * PreviousTemplate, ResolvedTemplate}`; a change set's adds `ChangedResources` items `{LogicalResourceId,
 * ResourceType, LineNumber, Action, ResourceProperties, PreviousResourceProperties}`), the names of the Java
 * runtime's model of the downloaded payload (cloudformation-cli-java-plugin `StackHookTargetModel.java` and
 * `ChangedResource.java`, `@JsonProperty`) and of the payload its tests mock (`HookLambdaWrapperTest.java`
 * `invokeHandler_WithStackLevelHook_returnsSuccess`, `HookTargetModelTest.java` `testStackHookTargetModel`). The Java
 * mapper reads keys in any case; the Python runtime hands the JSON over as served, so the casing matters there.
 */
export interface StackPayloadUrls {
  readonly lambda: string;
  readonly registry: string;
}

/**
 * One target a hook is asked about: a resource, or the stack itself (`targetName` `STACK`, `logicalId` the stack's
 * name, no properties, `stackPayload` set). What differs between two calls of a hook during one stack operation.
 */
export interface HookTarget {
  readonly clientRequestToken: string;
  readonly stack: RequestStack;
  readonly invocationPoint: InvocationPoint;
  /** The resource type (`AWS::S3::Bucket`). */
  readonly targetName: string;
  readonly logicalId: string;
  readonly resourceProperties: JsonObject;
  readonly previousResourceProperties?: JsonObject;
  /** Set for a STACK target only: where the templates are served. */
  readonly stackPayload?: StackPayloadUrls;
  /** Set for a STACK target only: the same templates parsed, what a Guard hook's input document is built from. */
  readonly stackDocuments?: StackDocuments;
  /**
   * CLOUD_CONTROL for a resource a Cloud Control API request changes (no stack; reference hooks-today §4); a
   * stack operation's resource when absent.
   */
  readonly targetType?: 'RESOURCE' | 'CLOUD_CONTROL';
  /** The request's `changeSetId` when the service sends one (empty for a Cloud Control request); absent for a direct operation. */
  readonly changeSetId?: string;
  /** Set for a CHANGE_SET target only (`targetName` `CHANGE_SET`, `logicalId` the change set's ARN). */
  readonly changeSet?: ChangeSetTargetData;
}

/**
 * A STACK target's templates parsed (intrinsics in their long form, as the located reader gives them), emptied by
 * action as the payload's texts are: `template` null on delete, `previousTemplate` null on create and delete.
 */
export interface StackDocuments {
  readonly stackName: string;
  readonly template: JsonObject | null;
  readonly previousTemplate: JsonObject | null;
}

/**
 * What a CHANGE_SET target carries (reference hooks-today §4, §5): its payload, served in the two shapes the
 * runtimes read (`{template, changedResources}` for Lambda hooks, `{Template, PreviousTemplate, ResolvedTemplate,
 * ChangedResources}` for registry hooks; see StackPayloadUrls), and what a Guard hook's input document is built from
 * (the templates parsed, the changes).
 */
export interface ChangeSetTargetData {
  readonly payload: StackPayloadUrls;
  readonly stackName: string;
  /** The submitted template, parsed (intrinsics in their long form). */
  readonly template: JsonObject;
  /** The deployed template, parsed; null for a change set that creates the stack. */
  readonly previousTemplate: JsonObject | null;
  readonly changes: readonly GuardChange[];
}

/** One call of a hook for one target, with the service's limits in force. */
export interface HookInvocation {
  readonly target: HookTarget;
  readonly limits: InvokeLimits;
}

/** How a call of a hook ended (after retries and IN_PROGRESS re-invocations); annotations are on `answer`. */
export type HookAnswer = HookCallOutcome;

/** A hook active in the simulated account. */
export interface Hook {
  /** The name the hook is known by in events and results (a Lambda or Guard hook's `Alias`). */
  readonly typeName: string;
  /** The registered type behind the name (`AWS::Hooks::LambdaHook` for a Lambda hook; the type name itself for a custom hook). */
  readonly originalTypeName: string;
  readonly kind: HookKind;
  /** HookInvocationStatus, FailureMode, TargetOperations, TargetFilters, StackFilters, Properties. */
  readonly configuration: HookConfiguration;
  /** The handlers' targets: the schema's targetNames for a custom hook, every type for Lambda and Guard hooks. */
  readonly handlers: HandlerTargets;
  /**
   * What a failed call's stack event says instead of the hook's message, when the service does not put the message
   * in events (a Lambda hook: `see hook results for details`); the message then only appears in the hook results.
   */
  readonly failureEventMessage?: string;
  /** The target types this kind can be called for here; RESOURCE only when absent. */
  readonly targetTypes?: readonly HookTargetType[];
  /** Why this simulator cannot run the hook (it is then reported and skipped, never silently). */
  readonly unavailable?: string;
  /**
   * Why the hook is switched off, in the terms of where it was declared, when they are not the configuration
   * document's `HookInvocationStatus is DISABLED` (a hooks file's LambdaHook/GuardHook says `HookStatus`).
   */
  readonly disabledReason?: string;
  /** Calls the hook for one target; never throws for what the hook does (that is an `errored` answer). */
  invoke(invocation: HookInvocation): Promise<HookAnswer>;
  /**
   * Calls the hook for several targets the service calls it for at once (the resources of one wave), when the kind
   * can do that in fewer runs than one per target (a Guard hook: one cfn-guard run); the answers in order, each the
   * same as `invoke`'s for that target alone.
   */
  invokeMany?(invocations: readonly HookInvocation[]): Promise<HookAnswer[]>;
}

/** A verdict that the hook is not invoked, with a switched-off hook's reason in its declaration's terms (`disabledReason`). */
export function inDeclaredTerms<V extends { readonly invoked: boolean; readonly reason?: string }>(hook: Hook, verdict: V): V {
  if (verdict.invoked || hook.disabledReason === undefined || hook.configuration.HookInvocationStatus !== 'DISABLED') return verdict;
  return { ...verdict, reason: hook.disabledReason };
}

/** Every handler targets every type: a Lambda or Guard hook is called for all types unless TargetFilters narrow it. */
export const EVERY_TARGET: HandlerTargets = Object.freeze({
  preCreate: { targetNames: ['*'], permissions: [] },
  preUpdate: { targetNames: ['*'], permissions: [] },
  preDelete: { targetNames: ['*'], permissions: [] },
});
