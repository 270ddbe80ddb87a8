/**
 * Stack events as CloudFormation records them (DescribeStackEvents), and the exact texts the service writes.
 */
import { SKIP_STACK_HOOK_STATUS, type Annotation, type JsonValue } from '../../../src/kernel/protocol';
import type { UpdateRefusal } from '../plan';
import type { HookCallOutcome } from './hook-call';
import type { AnsweredAnnotations } from './hook-results';

/** One stack event; hook fields are null on events that are not about a hook. */
export interface StackEvent {
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly resourceStatus: string;
  readonly resourceStatusReason: string | null;
  readonly hookType: string | null;
  readonly hookStatus: string | null;
  readonly hookStatusReason: string | null;
  readonly hookInvocationPoint: string | null;
  readonly hookFailureMode: string | null;
  /** The invocation the event is about (`GetHookResult`'s HookResultId). */
  readonly hookInvocationId: string | null;
}

/** One hook invocation (per resource, after retries and IN_PROGRESS re-invocations). */
export interface InvocationRecord {
  readonly logicalResourceId: string;
  readonly targetName: string;
  readonly invocationPoint: string;
  readonly hookStatus: 'SUCCESS' | 'FAILED';
  readonly errorCode: string | null;
  readonly message: string;
  readonly failureMode: 'FAIL' | 'WARN';
  /** The hook's type name (a Lambda or Guard hook's alias). */
  readonly hookTypeName: string;
  /** RESOURCE, STACK, CHANGE_SET or CLOUD_CONTROL: what kind of target the hook was called for. */
  readonly targetType: string;
  /** Deterministic per run; also on the invocation's events and its hook result. */
  readonly hookInvocationId: string;
  /** The annotations the hook answered, as on the wire. */
  readonly annotations: readonly Annotation[];
  /** A Guard hook's `LogBucket` report (a failure only): what the service would write, and where; absent otherwise. */
  readonly logBucketReport?: { readonly uri: string; readonly report: JsonValue };
  /** The `cfn test` rules the hook's answers broke, taken as read (`SIM_HOOK_ANSWER`); absent when none. */
  readonly offContract?: readonly string[];
  /** What was dropped from the answer's annotations or will be cut in the hook result (`SIM_HOOK_ANSWER`); absent when nothing. */
  readonly annotationProblems?: readonly string[];
  /** An answer left out `clientRequestToken` (a Lambda hook's is required: `SIM_HOOK_ANSWER`); absent otherwise. */
  readonly withoutClientRequestToken?: true;
  /**
   * The status the hook answered when it is not `hookStatus` itself: `CHANGE_SET_SUCCESS_SKIP_STACK_HOOK` (a
   * CHANGE_SET call's success that spares the hook its STACK call at execution); absent otherwise.
   */
  readonly answeredStatus?: typeof SKIP_STACK_HOOK_STATUS;
}

/**
 * The fields an invocation record takes from how the hook answered, beyond its verdict and its annotations (`read`,
 * from `readAnnotations`); none when there is nothing to say.
 */
export function answerNotes(
  outcome: HookCallOutcome,
  read: AnsweredAnnotations,
): Pick<InvocationRecord, 'offContract' | 'annotationProblems' | 'withoutClientRequestToken' | 'answeredStatus'> {
  return {
    ...(outcome.offContract ? { offContract: outcome.offContract } : {}),
    ...(read.problems.length > 0 ? { annotationProblems: read.problems } : {}),
    ...(outcome.withoutClientRequestToken ? { withoutClientRequestToken: true } : {}),
    ...(outcome.skipsStackHook ? { answeredStatus: SKIP_STACK_HOOK_STATUS } : {}),
  };
}

/** The resource type the service gives the stack's own events. */
export const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

/** The texts of reference §4 (recorded against the service), and the service's usual provisioning texts. */
export const EVENT_TEXT = {
  userInitiated: 'User Initiated',
  invokingHook: 'Invoking hook',
  hookSucceeded: (message: string) => `Hook succeeded with message: ${message}`,
  hookFailed: (message: string) => `Hook failed with message: ${message}`,
  ignoredUnderWarn: '. Failure was ignored under WARN mode.',
  // Note the two spaces: that is how the service writes it. The update and delete forms follow the same pattern.
  hooksComplete: {
    CREATE: 'Hook invocations complete.  Resource creation initiated',
    UPDATE: 'Hook invocations complete.  Resource update initiated',
    DELETE: 'Hook invocations complete.  Resource deletion initiated',
  },
  hooksFailed: (typeNames: readonly string[]) => `The following hook(s) failed: [${typeNames.join(', ')}]`,
  resourceCreationInitiated: 'Resource creation Initiated',
  // A sibling in flight when another resource fails. Creation: observed (reference hooks-today §10, aws-cdk-cli PR
  // #1786 log); update: in real stack-event logs quoted by public tools; deletion: the form the same family of texts
  // gives (and what Eucalyptus's CloudFormation clone writes) [choice].
  cancelled: { CREATE: 'Resource creation cancelled', UPDATE: 'Resource update cancelled', DELETE: 'Resource deletion cancelled' },
  replacing: 'Requested update requires the creation of a new physical resource; hence creating one.',
  // An update the resource refuses (plan/types.ts UpdateRefusal), as the service words it on the resource's
  // UPDATE_FAILED: a custom resource's ServiceToken (cloudcomponents/cdk-constructs#197, serverless/serverless#9240);
  // a replacement that keeps a custom name (convox/rack#2941, ministackorg/ministack#1433, floci-io/floci's
  // CloudFormationEventsArchiveTest). The name is the one the template gives, not the physical id: a target group's
  // is its ARN, yet the text names its `Name` (honerlaw/serverless-fargate-plugin#19) [unconfirmed for a queue's URL
  // or a topic's ARN, named here by QueueName and TopicName as well].
  // A new resource whose custom name the stack already holds (plan/types.ts nameTaken), as the handlers word its
  // CREATE_FAILED: `<name> already exists in stack <stack arn>` (serverless/serverless#1677 for a table,
  // cloudformation-coverage-roadmap#363 for a GuardDuty member). [unconfirmed] the handlers' texts vary by type (a
  // bucket's is `<name> already exists`, aws/aws-cdk#16686); the stack's form is used for every type.
  refused: {
    nameTaken: (name: string, stackId: string) => `${name} already exists in stack ${stackId}`,
    serviceTokenModified: () => 'Modifying service token is not allowed.',
    customNamedReplacement: (name: string) => `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${name} and update the stack again.`,
  },
  createRollback: (ids: readonly string[]) => `The following resource(s) failed to create: [${ids.join(', ')}]. Rollback requested by user.`,
  failedTo: (verb: 'create' | 'update' | 'delete', ids: readonly string[]) =>
    `The following resource(s) failed to ${verb}: [${ids.join(', ')}]. `,
  noUpdates: 'No updates are to be performed.',
  // An export another stack imports, removed or given another value (aws/aws-cdk#604 and #8671: "cannot be deleted",
  // linz/geostore#630: "cannot be updated"). [unconfirmed] the service lists every importer ("in use by A and B"); one is named.
  exportInUse: (name: string, change: 'deleted' | 'updated', by: string) => `Export ${name} cannot be ${change} as it is in use by ${by}`,
  // DeleteStack's ValidationError on a protected stack, as API callers log it (ekristen/aws-nuke#821).
  terminationProtected: (stackName: string) => `Stack [${stackName}] cannot be deleted while TerminationProtection is enabled`,
  // As the service words a nested stack's failure on the parent's AWS::CloudFormation::Stack resource; `why` is the
  // nested stack's own reason (`The following resource(s) failed to create: [X]. `). The create form is the one users
  // report (aws-samples issue 74, serverless issue 7593). The update form names the state the nested stack is rolling
  // back in, as real logs record it (boltops Jets docs' logs of 2019 and 2024, an Amplify user's log from
  // aws-amplify/amplify-cli#379, aws-amplify's CDK error-mapper test fixture). [choice] the delete form follows the
  // create form's pattern: no recording of it was found.
  embeddedStackFailed: (stackId: string, verb: 'create' | 'update' | 'delete', why: string) =>
    verb === 'update'
      ? `Embedded stack ${stackId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: ${why}`
      : `Embedded stack ${stackId} was not successfully ${verb === 'create' ? 'created' : 'deleted'}: ${why}`,
} as const;

/**
 * A resource whose provisioning the service refused (plan/types.ts UpdateRefusal): no hook was involved, and its
 * `status` event (UPDATE_FAILED, or CREATE_FAILED for a new resource whose name is taken) carries `reason`, the
 * service's text. Kept as data beside the events, so that the verdict and the CI reports name it without reading the
 * events' texts.
 */
export interface RefusedUpdate {
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly status: 'CREATE_FAILED' | 'UPDATE_FAILED';
  readonly reason: string;
}

/** The reason on the …_FAILED event of a resource that refuses its provisioning, in the stack `stackId`. */
export function refusalText(refusal: UpdateRefusal, stackId: string): string {
  switch (refusal.kind) {
    case 'customNamedReplacement':
      return EVENT_TEXT.refused.customNamedReplacement(refusal.name);
    case 'nameTaken':
      return EVENT_TEXT.refused.nameTaken(refusal.name, stackId);
    case 'serviceTokenModified':
      return EVENT_TEXT.refused.serviceTokenModified();
  }
}

/** An event about a resource or the stack, with no hook involved. */
export function resourceEvent(logicalResourceId: string, resourceType: string, resourceStatus: string, reason: string | null = null): StackEvent {
  return {
    logicalResourceId,
    resourceType,
    resourceStatus,
    resourceStatusReason: reason,
    hookType: null,
    hookStatus: null,
    hookStatusReason: null,
    hookInvocationPoint: null,
    hookFailureMode: null,
    hookInvocationId: null,
  };
}
