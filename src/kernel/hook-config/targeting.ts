/**
 * The service's reading of a hook configuration document: whether the hook runs for a stack at all
 * (HookInvocationStatus, TargetStacks, TargetOperations, StackFilters), which targets it is called for
 * (the schema's handler targetNames narrowed by TargetFilters), and the type configuration it receives.
 */
import type { FailureMode, HookConfiguration, HookSchema, IncludeExclude, StackFilters, TargetOperation } from './';
import { HANDLER_FOR_INVOCATION_POINT, type InvocationPoint, type JsonObject } from '../protocol';
import { setOwn, stringifyScalars, toJsonValue } from '../protocol/stringify';
import { matchesAny, matchesWildcard } from './wildcard';

/** The configuration the simulator uses when none is given: enabled for every stack, FailureMode FAIL. */
export const DEFAULT_HOOK_CONFIGURATION: Readonly<HookConfiguration> = Object.freeze({
  HookInvocationStatus: 'ENABLED',
  TargetOperations: ['RESOURCE'],
  FailureMode: 'FAIL',
} satisfies HookConfiguration);

/** The stack as the StackFilters see it. */
export interface StackIdentity {
  readonly stackName: string;
  /** The stack's service role (`--role-arn`); a stack without one matches no StackRoles Include. */
  readonly roleArn?: string;
}

/** Whether the hook runs for a stack, and if not, why (for the user). */
export type StackVerdict = { readonly invoked: true } | { readonly invoked: false; readonly reason: string };

/** The FailureMode in force (FAIL unless the configuration says WARN). */
export function failureModeOf(configuration: HookConfiguration): FailureMode {
  return configuration.FailureMode === 'WARN' ? 'WARN' : 'FAIL';
}

/** Whether TargetOperations names this target type (an absent list means RESOURCE only, the default). */
export function targetsOperation(configuration: HookConfiguration, operation: TargetOperation): boolean {
  return (configuration.TargetOperations ?? ['RESOURCE']).includes(operation);
}

/**
 * Decides whether the hook is invoked at all during this stack's operation (for its resources or for the stack
 * itself); `targetsOperation` then says which.
 */
export function stackVerdict(configuration: HookConfiguration, stack: StackIdentity): StackVerdict {
  const operations = configuration.TargetOperations;
  if (operations !== undefined && !operations.includes('RESOURCE') && !operations.includes('STACK')) {
    return switchedOff(configuration) ?? { invoked: false, reason: `TargetOperations [${operations.join(', ')}] includes neither RESOURCE nor STACK` };
  }
  return switchedOff(configuration) ?? filteredOut(configuration, stack) ?? { invoked: true };
}

/**
 * Decides whether the hook is invoked when a change set is created for this stack (reference hooks-today §12): as
 * for the stack's operation, but TargetOperations must name CHANGE_SET. StackFilters apply (only Cloud Control
 * ignores them).
 */
export function changeSetVerdict(configuration: HookConfiguration, stack: StackIdentity): StackVerdict {
  const off = switchedOff(configuration);
  if (off) return off;
  if (!targetsOperation(configuration, 'CHANGE_SET')) {
    return { invoked: false, reason: `TargetOperations [${(configuration.TargetOperations ?? ['RESOURCE']).join(', ')}] does not include CHANGE_SET` };
  }
  return filteredOut(configuration, stack) ?? { invoked: true };
}

function switchedOff(configuration: HookConfiguration): StackVerdict | undefined {
  // [choice] HookInvocationStatus and the older TargetStacks both switch the hook off; either one disabling wins.
  if (configuration.HookInvocationStatus === 'DISABLED') return { invoked: false, reason: 'HookInvocationStatus is DISABLED' };
  if (configuration.TargetStacks === 'NONE') return { invoked: false, reason: 'TargetStacks is NONE' };
  return undefined;
}

/** How a stack filter's reason says the stack has no service role (a tool can say how its user gives one). */
export const NO_SERVICE_ROLE = 'the stack has no service role';

function filteredOut(configuration: HookConfiguration, stack: StackIdentity): StackVerdict | undefined {
  const filters = configuration.StackFilters;
  if (filters && !stackFiltersMatch(filters, stack)) {
    // Which filter said no: a StackRoles Include never admits a stack without a service role.
    const which: string[] = [];
    if (filters.StackNames && !includeExcludeMatch(filters.StackNames, stack.stackName)) which.push('StackNames');
    if (filters.StackRoles && !includeExcludeMatch(filters.StackRoles, stack.roleArn)) which.push(stack.roleArn ? 'StackRoles' : `StackRoles: ${NO_SERVICE_ROLE}`);
    const role = stack.roleArn ? ` with role ${stack.roleArn}` : '';
    return { invoked: false, reason: `StackFilters exclude stack '${stack.stackName}'${role} (by ${which.join(' and ')})` };
  }
  return undefined;
}

/** Applies StackFilters: each given filter is judged alone, then combined by FilteringCriteria (ALL by default). */
export function stackFiltersMatch(filters: StackFilters, stack: StackIdentity): boolean {
  const results: boolean[] = [];
  if (filters.StackNames) results.push(includeExcludeMatch(filters.StackNames, stack.stackName));
  if (filters.StackRoles) results.push(includeExcludeMatch(filters.StackRoles, stack.roleArn));
  if (results.length === 0) return true;
  return filters.FilteringCriteria === 'ANY' ? results.some(Boolean) : results.every(Boolean);
}

/**
 * Only Include: the listed ones; only Exclude: all but the listed; both: in Include and not in Exclude.
 * An absent value (a stack without a service role) is in no Include list and in no Exclude list.
 */
export function includeExcludeMatch(filter: IncludeExclude, value: string | undefined): boolean {
  const included = filter.Include === undefined || (value !== undefined && matchesAny(filter.Include, value));
  const excluded = filter.Exclude !== undefined && value !== undefined && matchesAny(filter.Exclude, value);
  return included && !excluded;
}

const ACTION_FOR_INVOCATION_POINT = {
  CREATE_PRE_PROVISION: 'CREATE',
  UPDATE_PRE_PROVISION: 'UPDATE',
  DELETE_PRE_PROVISION: 'DELETE',
} as const;

/**
 * True when the configuration's TargetFilters name resource types only, so that a stack-level call (target name
 * `STACK`) never passes them. [choice] The service's handling of this case is not documented: the target-filtering
 * page's examples pair `TargetOperations [STACK, RESOURCE]` with type-name filters and say they apply to both, while
 * its `TargetNames` pattern cannot spell `STACK`. The simulator filters the stack call by name, as the runtimes'
 * `targetName` is `STACK`, and says so (SIM_HOOK_NOT_INVOKED).
 */
export function filtersLeaveOutStack(configuration: HookConfiguration): boolean {
  const filters = configuration.TargetFilters;
  if (!filters) return false;
  if (filters.Targets) return !filters.Targets.some((t) => matchesWildcard(t.TargetName, 'STACK'));
  return filters.TargetNames !== undefined && !matchesAny(filters.TargetNames, 'STACK');
}

/**
 * True when the hook is called for this resource type at this invocation point: the schema's handler must
 * name the type (wildcards allowed), and TargetFilters may only narrow that, never widen it.
 */
export function isTargeted(schema: HookSchema, configuration: HookConfiguration, targetName: string, point: InvocationPoint): boolean {
  const handler = schema.handlers?.[HANDLER_FOR_INVOCATION_POINT[point]];
  if (!handler || !matchesAny(handler.targetNames, targetName)) return false;
  const filters = configuration.TargetFilters;
  if (!filters) return true;
  const action = ACTION_FOR_INVOCATION_POINT[point];
  if (filters.Targets) {
    return filters.Targets.some(
      (t) => t.Action === action && t.InvocationPoint === 'PRE_PROVISION' && matchesWildcard(t.TargetName, targetName),
    );
  }
  // An omitted dimension means "all".
  if (filters.Actions && !filters.Actions.includes(action)) return false;
  if (filters.InvocationPoints && !filters.InvocationPoints.includes('PRE_PROVISION')) return false;
  if (filters.TargetNames && !matchesAny(filters.TargetNames, targetName)) return false;
  return true;
}

/**
 * The `hookModel` the handler receives: the configuration's Properties over the schema's defaults.
 * The service sends every value as a string, so numbers and booleans are stringified unless `stringify` is off.
 */
export function hookModelFor(schema: HookSchema, configuration: HookConfiguration, stringify = true): JsonObject {
  const model: JsonObject = {};
  for (const [name, property] of Object.entries(schema.typeConfiguration?.properties ?? {})) {
    if (property.default !== undefined) setOwn(model, name, toJsonValue(property.default));
  }
  for (const [name, value] of Object.entries(configuration.Properties ?? {})) {
    if (value !== undefined) setOwn(model, name, toJsonValue(value));
  }
  return stringify ? (stringifyScalars(model) as JsonObject) : model;
}
