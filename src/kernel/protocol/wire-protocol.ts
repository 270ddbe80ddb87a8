/**
 * The hook wire protocol between CloudFormation and a hook handler (a Lambda function), as the
 * cloudformation-cli runtimes define it. The official TypeScript plugin has no hook support, so this
 * project speaks the protocol itself; the handler, the simulator and the contract runner all share
 * these types and the one contract check below.
 */

/** Where in a resource's lifecycle the hook is called. */
export const INVOCATION_POINTS = ['CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'] as const;
export type InvocationPoint = (typeof INVOCATION_POINTS)[number];

/** The handler names of the hook schema, one per invocation point. */
export const HANDLER_FOR_INVOCATION_POINT: Readonly<Record<InvocationPoint, 'preCreate' | 'preUpdate' | 'preDelete'>> = {
  CREATE_PRE_PROVISION: 'preCreate',
  UPDATE_PRE_PROVISION: 'preUpdate',
  DELETE_PRE_PROVISION: 'preDelete',
};

export const HOOK_STATUSES = ['SUCCESS', 'FAILED', 'IN_PROGRESS'] as const;
export type HookStatus = (typeof HOOK_STATUSES)[number];

/**
 * A custom hook's extra status, for a CHANGE_SET target only: the change-set call succeeded, and the same hook's
 * STACK call may be skipped when the change set is executed (java-plugin `HookStatus.java`, python-plugin
 * `interface.py`, both added by the commits for stack-level hooks, java 36e4e41 / python 21a6eba: "if a stack hook
 * invoked against a change set succeeds, there is no need to invoke against the stack once the change set is
 * processed"). Not a status this project's handler answers, and not one `cfn test` accepts.
 */
export const SKIP_STACK_HOOK_STATUS = 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK';

/**
 * Error codes the service accepts from a hook: the Java runtime's `HandlerErrorCode` (java-plugin @4464c46, in its
 * order). `cfn test` knows one fewer (`CFN_TEST_ERROR_CODES`).
 */
export const HOOK_ERROR_CODES = [
  'NotUpdatable',
  'InvalidRequest',
  'AccessDenied',
  'UnauthorizedTaggingOperation',
  'InvalidCredentials',
  'AlreadyExists',
  'NotFound',
  'ResourceConflict',
  'Throttling',
  'ServiceLimitExceeded',
  'NotStabilized',
  'GeneralServiceException',
  'ServiceInternalError',
  'NetworkFailure',
  'InternalFailure',
  'InvalidTypeConfiguration',
  'HandlerInternalFailure',
  'NonCompliant',
  'UnsupportedTarget',
  'Unknown',
] as const;
export type HookErrorCode = (typeof HOOK_ERROR_CODES)[number];

/**
 * The codes `cfn test` knows (cloudformation-cli `src/rpdk/core/contract/interface.py` `HandlerErrorCode`, the same
 * as the Python runtime's): the Java runtime's without `UnauthorizedTaggingOperation`, which the service takes from a
 * Java hook (`CfnUnauthorizedTaggingOperationException`).
 */
export const CFN_TEST_ERROR_CODES: readonly HookErrorCode[] = HOOK_ERROR_CODES.filter((code) => code !== 'UnauthorizedTaggingOperation');

export const TARGET_TYPES = ['RESOURCE', 'STACK', 'CHANGE_SET', 'CLOUD_CONTROL'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** The service truncates a hook's message to this many characters. */
export const MAX_MESSAGE_LENGTH = 4096;

/** "When evaluating Cloud Control API operations, this field is truncated to 1024 characters" (the hook's message). */
export const CLOUD_CONTROL_MAX_MESSAGE_LENGTH = 1024;

/** The service re-invokes a handler after at most this many IN_PROGRESS answers for one target; one more fails the hook. */
export const MAX_IN_PROGRESS_ANSWERS = 3;

/** A JSON value as it travels on the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `requestData.targetModel`: the resource's properties, every scalar a string. */
export interface TargetModel {
  resourceProperties?: JsonObject;
  previousResourceProperties?: JsonObject;
}

export interface HookRequestData {
  targetName: string;
  targetType?: TargetType | string;
  targetLogicalId?: string;
  targetModel?: TargetModel;
  /** A presigned URL used instead of targetModel for STACK and CHANGE_SET targets. */
  payload?: string;
  /** JSON *strings* holding {accessKeyId, secretAccessKey, sessionToken}. Never logged. */
  callerCredentials?: string;
  providerCredentials?: string;
  providerLogGroupName?: string;
  hookEncryptionKeyArn?: string;
  hookEncryptionKeyRole?: string;
}

export interface HookRequestContext {
  invocation?: number;
  /**
   * What the hook's last IN_PROGRESS answer carried, handed back as it was: an object as `cfn test` requires, or
   * any JSON value (the Lambda page's STACK and CHANGE_SET syntax types it `String`).
   */
  callbackContext?: JsonValue | null;
}

/** What CloudFormation sends the handler. Unknown fields must be tolerated: new ones get added. */
export interface HookInvocationRequest {
  clientRequestToken: string;
  awsAccountId?: string;
  stackId?: string;
  /** The change set's ARN; `""` for Cloud Control; `null` in the Lambda page's example of a direct stack operation. */
  changeSetId?: string | null;
  hookTypeName?: string;
  hookTypeVersion?: string;
  /** The type configuration's Properties, every value a string; may be null or absent. */
  hookModel?: JsonObject | null;
  actionInvocationPoint: InvocationPoint;
  requestData: HookRequestData;
  requestContext?: HookRequestContext;
  /** Not in every runtime's model; the handler falls back to the stack ARN's region, then AWS_REGION. */
  region?: string;
}

export type AnnotationStatus = 'PASSED' | 'FAILED' | 'SKIPPED';
export type SeverityLevel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Annotation {
  annotationName: string;
  status: AnnotationStatus;
  statusMessage: string;
  remediationMessage?: string;
  remediationLink?: string;
  severityLevel?: SeverityLevel;
}

/** What the handler answers. */
export interface HookProgressEvent {
  hookStatus: HookStatus;
  errorCode?: HookErrorCode;
  message?: string;
  clientRequestToken?: string;
  callbackContext?: JsonObject;
  callbackDelaySeconds: number;
  result?: string;
  annotations?: Annotation[];
}

/**
 * An answer as the service may take it from someone else's hook: a custom hook's CHANGE_SET call may answer
 * `CHANGE_SET_SUCCESS_SKIP_STACK_HOOK`, and its callbackContext may be any JSON value (see `HookRequestContext`).
 * This project's handler answers a `HookProgressEvent`, which is one of these.
 */
export interface ReceivedProgressEvent extends Omit<HookProgressEvent, 'hookStatus' | 'callbackContext'> {
  hookStatus: HookStatus | typeof SKIP_STACK_HOOK_STATUS;
  callbackContext?: JsonValue;
}

/** The part of the Lambda context the handler uses: how much of its time budget is left. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
  awsRequestId?: string;
}

/** The handler's signature, as deployed and as the simulator calls it. */
export type HookEntrypoint = (event: unknown, context?: InvocationContext) => Promise<HookProgressEvent>;

/** True for a JSON object: not null, not an array. The one such guard in the project. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a handler's answer against every rule `cfn test` asserts and the service relies on (`unusableAnswerProblems`
 * and `cfnTestRuleViolations` together). Returns the violations, empty when the answer is well-formed. What this
 * project's own handler answers is judged by it (the contract runner, the handler's tests).
 */
export function progressEventViolations(value: unknown): string[] {
  return [...unusableAnswerProblems(value), ...(isJsonObject(value) ? cfnTestRuleViolations(value) : [])];
}

/**
 * What makes an answer one the service cannot use: not an object, no or an unknown hookStatus, a field of the wrong
 * type, an errorCode outside `HandlerErrorCode`, FAILED without an errorCode. The simulator counts such an answer as
 * an errored call (retried, then the hook fails). `targetType`: the request's; `CHANGE_SET_SUCCESS_SKIP_STACK_HOOK`
 * is a status only for a CHANGE_SET target (the runtimes pass it through for any target; its one meaning is a
 * change-set call's success).
 */
export function unusableAnswerProblems(value: unknown, targetType?: string): string[] {
  if (!isJsonObject(value)) return ['the answer is not a JSON object'];
  const problems: string[] = [];
  const status = value.hookStatus;
  if (status === SKIP_STACK_HOOK_STATUS) {
    if (targetType !== 'CHANGE_SET') problems.push(`hookStatus ${SKIP_STACK_HOOK_STATUS} answers a CHANGE_SET target only${targetType !== undefined ? ` (this one is ${targetType})` : ''}`);
  } else if (!(HOOK_STATUSES as readonly unknown[]).includes(status)) {
    const allowed = targetType === 'CHANGE_SET' ? [...HOOK_STATUSES, SKIP_STACK_HOOK_STATUS] : HOOK_STATUSES;
    problems.push(`hookStatus must be one of ${allowed.join(', ')}, got ${JSON.stringify(status)}`);
  }
  const code = value.errorCode;
  if (code !== undefined && code !== null && !(HOOK_ERROR_CODES as readonly unknown[]).includes(code)) {
    problems.push(`errorCode ${JSON.stringify(code)} is not a hook error code`);
  }
  const delay = value.callbackDelaySeconds;
  if (delay !== undefined && (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0)) {
    problems.push('callbackDelaySeconds must be a non-negative integer');
  }
  if (value.message !== undefined && value.message !== null && typeof value.message !== 'string') {
    problems.push('message must be a string');
  }
  if (status === 'FAILED' && (code === undefined || code === null)) problems.push('a FAILED answer must carry an errorCode');
  if (value.annotations !== undefined && !Array.isArray(value.annotations)) problems.push('annotations must be an array');
  return problems;
}

/**
 * The rules `cfn test` asserts beyond what the service needs (`hook_client.assert_success` / `assert_failed` /
 * `assert_in_progress`, reference §2): an errorCode of cfn's own `HandlerErrorCode`, none on SUCCESS or
 * IN_PROGRESS, no callback delay on SUCCESS or FAILED, a non-empty message on FAILED, an object callbackContext. The
 * official runtimes themselves answer a FAILED without a message when a handler throws (python
 * `ProgressEvent.failed(InternalFailure)`, java `e.getMessage()` null), and the Lambda page requires none of these,
 * so the simulator takes such an answer as read and warns (`SIM_HOOK_ANSWER`).
 */
export function cfnTestRuleViolations(value: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const { hookStatus: status, errorCode: code, callbackDelaySeconds: delay } = value;
  if ((HOOK_ERROR_CODES as readonly unknown[]).includes(code) && !(CFN_TEST_ERROR_CODES as readonly unknown[]).includes(code)) {
    problems.push(`errorCode ${JSON.stringify(code)} is not one of cfn test's HandlerErrorCode`);
  }
  if (status === 'SUCCESS') {
    if (code !== undefined && code !== null) problems.push('a SUCCESS answer must not carry an errorCode');
    if (delay !== undefined && delay !== 0) problems.push('a SUCCESS answer must have callbackDelaySeconds 0');
  } else if (status === 'FAILED') {
    if (typeof value.message !== 'string' || value.message.length === 0) problems.push('a FAILED answer must carry a message');
    if (delay !== undefined && delay !== 0) problems.push('a FAILED answer must have callbackDelaySeconds 0');
  } else if (status === 'IN_PROGRESS') {
    if (code !== undefined && code !== null) problems.push('an IN_PROGRESS answer must not carry an errorCode');
    if (value.callbackContext !== undefined && value.callbackContext !== null && !isJsonObject(value.callbackContext)) {
      problems.push('callbackContext must be a JSON object');
    }
  }
  return problems;
}
