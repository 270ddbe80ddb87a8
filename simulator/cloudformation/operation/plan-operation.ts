/**
 * One stack operation, from templates to plan: resolve what the operation needs (the template to deploy, the one
 * deployed, or both), then plan it. An update is a small fixed point: a resource the update keeps carries its
 * deployed physical id, which can change what the new template resolves to.
 */
import { InputError, type Diagnostic, type DiagnosticCode } from '../../../src/kernel/diagnostics';
import { PlanError, planStack, type StackOperation, type StackPlan } from '../plan';
import type { ResolvedTemplate } from '../template/types';

/** An operation the service would refuse before touching a resource (no template, a resource type changed). */
export class OperationError extends InputError {}

/** The templates of a run, resolved on demand (`next` optionally carrying deployed physical ids). */
export interface OperationTemplates {
  readonly next?: (physicalIds?: Record<string, string>) => ResolvedTemplate;
  readonly previous?: () => ResolvedTemplate;
}

/** A planned operation, the resolver's warnings and the plan's remarks, and the deployed template when deleting. */
export interface PlannedOperation {
  readonly plan: StackPlan;
  readonly warnings: readonly Diagnostic[];
  /** The stack as deployed, for a delete (its resources are what the account holds). */
  readonly deployed?: ResolvedTemplate;
}

/** Resolves what the operation needs and plans it. Throws OperationError when it cannot be planned. */
export function planOperation(operation: StackOperation, templates: OperationTemplates): PlannedOperation {
  if (operation === 'create' && templates.next) {
    const next = templates.next();
    return { plan: planStack({ operation: 'create', next: next.resources }), warnings: next.warnings };
  }
  if (operation === 'delete' && templates.previous) {
    const deployed = templates.previous();
    return { plan: planStack({ operation: 'delete', previous: deployed.resources }), warnings: deployed.warnings, deployed };
  }
  if (operation === 'update' && templates.next && templates.previous) {
    const deployed = templates.previous();
    let next = templates.next();
    let plan = planUpdate(deployed, next);
    // A resource the update keeps (not replaced) keeps its physical id. Generated ids are deterministic, so they
    // usually agree already; resolve again, carrying the deployed ids, only for those that do not.
    const replaced = new Set(plan.steps.filter((s) => s.action === 'replace').map((s) => s.resource.logicalId));
    const nextIds = new Map(next.resources.map((r) => [r.logicalId, r.physicalId]));
    const carried = deployed.resources.filter((r) => !replaced.has(r.logicalId) && nextIds.has(r.logicalId) && nextIds.get(r.logicalId) !== r.physicalId);
    if (carried.length > 0) {
      next = templates.next(Object.fromEntries(carried.map((r) => [r.logicalId, r.physicalId])));
      plan = planUpdate(deployed, next);
    }
    // An empty plan is not remarked on here: executing it ends in UpdateStack's own refusal (outcome REJECTED).
    return { plan, warnings: [...next.warnings] };
  }
  throw new OperationError([note('SIM_NO_TEMPLATE', 'no template to simulate', 'error')]);
}

function planUpdate(previous: ResolvedTemplate, next: ResolvedTemplate): StackPlan {
  try {
    return planStack({ operation: 'update', previous: previous.resources, next: next.resources });
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    const at = next.resources.find((r) => r.logicalId === error.logicalId);
    throw new OperationError([
      {
        code: error.code,
        severity: 'error',
        message: error.message,
        file: next.source.file,
        path: error.logicalId ? `/Resources/${error.logicalId}/Type` : '',
        line: at?.line ?? 0,
        column: at?.column ?? 0,
      },
    ]);
  }
}

function note(code: DiagnosticCode, message: string, severity: Diagnostic['severity']): Diagnostic {
  return { code, severity, message, path: '', line: 0, column: 0 };
}
