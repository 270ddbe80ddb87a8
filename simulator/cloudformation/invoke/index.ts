export {
  DEFAULT_HOOK_CONFIGURATION,
  failureModeOf,
  hookModelFor,
  includeExcludeMatch,
  isTargeted,
  stackFiltersMatch,
  stackVerdict,
  targetsOperation,
  type StackIdentity,
  type StackVerdict,
} from '../../../src/kernel/hook-config/targeting';
export { answerNotes, EVENT_TEXT, refusalText, resourceEvent, STACK_RESOURCE_TYPE, type InvocationRecord, type RefusedUpdate, type StackEvent } from './events';
export { invokeHook, SERVICE_LIMITS, type HookCallOutcome, type InvokeLimits } from './invoke-hook';
export { buildHookRequest, providerLogGroupName } from './request';
export { HOOK_TYPE_VERSION } from './hook-call';
export type { RequestHook, RequestStack, RequestTarget } from './request';
export { seededUuids, type UuidSource } from './request-tokens';
export { EVERY_TARGET, inDeclaredTerms, type HandlerTargets, type Hook, type HookAnswer, type HookInvocation, type HookKind, type HookTarget, type HookTargetType, type StackDocuments, type StackPayloadUrls } from './hook';
export { startPayloadServer, type PayloadServer } from './payload-server';
export { nestedStackTemplates, resolvedText, submittedText } from './stack-templates';
export { capHookStatusReason, MAX_HOOK_STATUS_REASON_LENGTH, readAnnotations, resultAnnotation, type HookResult, type HookResultAnnotation } from './hook-results';
export { lambdaHook, buildLambdaHookRequest, lambdaLimits, LAMBDA_FAILURE_EVENT_MESSAGE, LAMBDA_HOOK_TYPE, type LambdaHookSpec } from './kinds/lambda';
export { endpointEntrypoint, isLocalEndpoint, loadLambdaCode, LambdaCodeError, type LambdaCode } from './kinds/lambda-code';
export { lambdaFunctionOf, type LambdaFunctionIdentity } from './kinds/lambda-function';
export { NO_AWS_ENDPOINT, type ModuleAwsAccess } from './kinds/module-environment';
export { guardEvaluator, guardHook, GUARD_HOOK_TYPE, type GuardEvaluator, type GuardHookSpec, type LocalObject } from './kinds/guard';
export { customHook, type CustomHookSpec } from './kinds/custom';
export {
  simulateStack,
  type NestedStackResult,
  type NestedStackRun,
  type SimulatedStack,
  type SkippedHook,
  type SimulationResult,
  type StackOutcome,
  type StackRejection,
  type StackSimulation,
  type StackTemplates,
} from './simulate-stack';
export { setOwn, stringifyScalars, toJsonValue } from '../../../src/kernel/protocol/stringify';
export { matchesAny, matchesWildcard } from '../../../src/kernel/hook-config/wildcard';
