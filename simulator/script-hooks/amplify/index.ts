export { runAmplifyHooks, AMPLIFY_HOOK_FAILURE_STATUS, DEFAULT_AMPLIFY_VERSION, type AmplifySimulation } from './run';
export { resolveHookEvent, hookBaseNames, SUPPORTED_EVENTS, ENV_VERBS, type HookEvent, type AmplifyCommandLine } from './command-table';
export { parseHooksConfig, blankCommentsAndTrailingCommas, effectiveExtensions, DEFAULT_EXTENSIONS, type HooksConfig, type ExtensionRuntime } from './hooks-config';
export { splitHookFileName, type HookFileName } from './hook-files';
export { findRuntime } from './runtime-lookup';
export { planHookEvent, type EventPlan, type HookStep, type PlanContext, type HookPrefix } from './plan';
export { hookStdinDocument, type HookDataParameter, type HookErrorParameter } from './stdin-document';
