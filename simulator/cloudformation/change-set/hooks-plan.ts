/**
 * `DescribeChangeSetHooks` for a simulated change set: the RESOURCE hooks its execution will call, one entry per
 * hook and targeted resource change, decided by the same rules the stack run applies when it executes the plan.
 */
import { failureModeOf, isTargeted, stackVerdict, targetsOperation, type StackIdentity } from '../../../src/kernel/hook-config/targeting';
import type { Hook } from '../invoke/hook';
import { HOOK_TYPE_VERSION } from '../invoke/hook-call';
import type { StackPlan } from '../plan';
import type { ChangeSetHook, ChangeSetType, PlannedStackHook } from './change-set-report';
import { resourceActionOf } from './changes';

/**
 * The hooks the execution of `plan` calls for its resources, in the order it calls them. Only the steps the
 * service calls a hook for count: an update's removals happen in its cleanup, which calls none, so `Remove` is
 * listed only where a plan deletes with a hook (never in a change set this simulator creates).
 */
export function plannedResourceHooks(plan: StackPlan, hooks: readonly Hook[], stack: StackIdentity): ChangeSetHook[] {
  const active = hooks.filter((hook) => !hook.unavailable && stackVerdict(hook.configuration, stack).invoked && targetsOperation(hook.configuration, 'RESOURCE'));
  const out: ChangeSetHook[] = [];
  for (const step of plan.steps) {
    const point = step.invocationPoint;
    const action = resourceActionOf(step);
    if (step.phase !== 'main' || !point || !action) continue;
    for (const hook of active) {
      if (!isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, hook.configuration, step.resource.type, point)) continue;
      out.push({
        InvocationPoint: 'PRE_PROVISION',
        FailureMode: failureModeOf(hook.configuration),
        TypeName: hook.typeName,
        TypeVersionId: HOOK_TYPE_VERSION,
        TargetDetails: {
          TargetType: 'RESOURCE',
          ResourceTargetDetails: { LogicalResourceId: step.resource.logicalId, ResourceType: step.resource.type, ResourceAction: action },
        },
      });
    }
  }
  return out;
}

/**
 * The hooks the execution of a change set of `type` calls for the stack itself, by the rules the stack run applies
 * (its StackFilters let the stack through, its TargetOperations include STACK, a handler names STACK at the
 * operation's PRE_PROVISION point and its TargetFilters let STACK through), less those `spared` (their change-set
 * call answered CHANGE_SET_SUCCESS_SKIP_STACK_HOOK). Named, never called: the preview simulates no execution.
 */
export function plannedStackHooks(type: ChangeSetType, hooks: readonly Hook[], stack: StackIdentity, spared: ReadonlySet<string>): PlannedStackHook[] {
  const point = type === 'CREATE' ? 'CREATE_PRE_PROVISION' : 'UPDATE_PRE_PROVISION';
  return hooks
    .filter(
      (hook) =>
        !hook.unavailable &&
        !spared.has(hook.typeName) &&
        stackVerdict(hook.configuration, stack).invoked &&
        targetsOperation(hook.configuration, 'STACK') &&
        isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, hook.configuration, 'STACK', point),
    )
    .map((hook) => ({ TypeName: hook.typeName, FailureMode: failureModeOf(hook.configuration) }));
}
