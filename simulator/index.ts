/**
 * The simulator of how CloudFormation invokes hooks: plan a stack operation, invoke the hook as the service does,
 * record the stack events. The template reader and resolver, the deployed-state reader and the lifecycle-hook
 * simulators live in their own folders beside these.
 */
export { planStack, retainsOnDelete, replacementCauses, CREATE_ONLY_PROPERTIES, PlanError } from './plan';
export type { PlanRequest, PlanStep, StackOperation, StackPlan } from './plan';
export {
  simulateStack,
  invokeHook,
  buildHookRequest,
  stackVerdict,
  isTargeted,
  hookModelFor,
  stringifyScalars,
  seededUuids,
  stackArn,
  matchesWildcard,
  DEFAULT_HOOK_CONFIGURATION,
  SERVICE_LIMITS,
  EVENT_TEXT,
} from './invoke';
export type { SimulationResult, StackEvent, InvocationRecord, RegisteredHook, SimulatedStack, InvokeLimits, HookCallOutcome } from './invoke';
export { main, runSimulation } from './cli';
export type { SimulateOptions, SimulationReport } from './cli';
