/**
 * One stack operation, from templates to plan: resolve what the operation needs (the template to deploy, the one
 * deployed, or both), each with its nested stacks, then plan it (the nested stacks' own plans included). An update
 * is a small fixed point: a resource the update keeps carries its deployed physical id, which can change what the
 * new template resolves to.
 */
import type { JsonValue } from '../../../src/kernel/protocol';
import { InputError, type Diagnostic, type DiagnosticCode } from '../../../src/kernel/diagnostics';
import type { NestedStackRun } from '../invoke';
import { planTree, treeExports, treeImports, treeSsmWrites, treeWarnings, type ResolvedStack, type StackPlacement, type TreePlan } from '../nested';
import { PlanError, type StackOperation, type StackPlan } from '../plan';
import { replacementPhysicalId } from '../resolve/resource-types';
import type { ResolvedTemplate } from '../template/types';

/** An operation the service would refuse before touching a resource (no template, a resource type changed). */
export class OperationError extends InputError {}

/** The templates of a run, resolved on demand (`next` optionally carrying deployed physical ids). */
export interface OperationTemplates {
  readonly next?: (physicalIds?: Record<string, string>) => ResolvedStack;
  readonly previous?: () => ResolvedStack;
  /** Where every stack of the tree lives (nested stacks share the root's account, region and role). */
  readonly placement: StackPlacement;
}

/** A planned operation, the resolver's warnings and the plan's remarks, and the deployed template when deleting. */
export interface PlannedOperation {
  readonly plan: StackPlan;
  /** The nested stacks' runs, by the parent resource's logical id; absent when the stack nests none. */
  readonly nested?: ReadonlyMap<string, NestedStackRun>;
  readonly warnings: readonly Diagnostic[];
  /** The stack tree as deployed, for a delete: its resources and its nested stacks' are what the account holds. */
  readonly deployed?: ResolvedStack;
  /** What the deployed-to-be stack tree exports (create and update), for the stacks simulated after it. */
  readonly exports?: Readonly<Record<string, JsonValue>>;
  /** The export names the deployed-to-be stack tree imports as resolved (create and update). */
  readonly imports?: readonly string[];
  /** The SSM parameters the deployed-to-be stack tree writes (create and update), for the stacks simulated after it. */
  readonly ssmWrites?: Readonly<Record<string, string>>;
  /** The template to deploy as resolved, for create and update (a registry STACK hook's `resolvedTemplate`). */
  readonly next?: ResolvedTemplate;
  /**
   * An update's stack trees as resolved, the deployed one and the one to deploy (its final resolution): what the
   * service compares, such as the exports another stack imports.
   */
  readonly updated?: { readonly deployed: ResolvedStack; readonly next: ResolvedStack };
}

/** Resolves what the operation needs and plans it. Throws OperationError when it cannot be planned. */
export function planOperation(operation: StackOperation, templates: OperationTemplates): PlannedOperation {
  const { placement } = templates;
  if (operation === 'create' && templates.next) {
    const next = templates.next();
    return { ...planTree('create', { next }, placement), warnings: treeWarnings(next), exports: treeExports(next), imports: [...treeImports(next)], ssmWrites: treeSsmWrites(next), next: next.template };
  }
  if (operation === 'delete' && templates.previous) {
    const deployed = templates.previous();
    return { ...planTree('delete', { previous: deployed }, placement), warnings: treeWarnings(deployed), deployed };
  }
  if (operation === 'update' && templates.next && templates.previous) {
    const deployed = templates.previous();
    let next = templates.next();
    let planned = planUpdate(deployed, next, placement);
    // A resource the update keeps (not replaced) keeps its physical id. Generated ids are deterministic, so they
    // usually agree already; resolve again, carrying the deployed ids, only for those that do not. A replacement whose
    // values give the deployed id again (a generated name, a task definition's family) gets a new one, as the service's
    // new physical resource has: what names it changes with it, and may be replaced in turn (a few rounds at most).
    for (let round = 0; round < MAX_ID_ROUNDS; round++) {
      const ids = physicalIdsToCarry(deployed, next, planned.plan);
      if (ids === undefined) break;
      next = templates.next(ids);
      planned = planUpdate(deployed, next, placement);
    }
    // An empty plan is not remarked on here: executing it ends in UpdateStack's own refusal (outcome REJECTED).
    return { ...planned, warnings: treeWarnings(next), exports: treeExports(next), imports: [...treeImports(next)], ssmWrites: treeSsmWrites(next), next: next.template, updated: { deployed, next } };
  }
  throw new OperationError([note('SIM_NO_TEMPLATE', 'no template to simulate', 'error')]);
}

/** Rounds of carrying and renewing physical ids before the plan stands (each replacement may replace what names it). */
const MAX_ID_ROUNDS = 4;

/**
 * The physical ids the next resolution must use for the plan to hold, or undefined when it already does: a kept
 * resource's deployed id, and a replaced one's new id where its values would give the deployed id again.
 */
function physicalIdsToCarry(deployed: ResolvedStack, next: ResolvedStack, plan: StackPlan): Record<string, string> | undefined {
  // A refused replacement (a custom name kept) makes no new physical resource: it keeps its deployed id.
  const replaced = new Set(plan.steps.filter((s) => s.action === 'replace' && s.refusal === undefined).map((s) => s.resource.logicalId));
  const nextIds = new Map(next.template.resources.map((r) => [r.logicalId, r.physicalId]));
  const ids: Record<string, string> = {};
  let differs = false;
  for (const r of deployed.template.resources) {
    const now = nextIds.get(r.logicalId);
    if (now === undefined) continue;
    const wanted = replaced.has(r.logicalId) ? (now === r.physicalId ? replacementPhysicalId(r.physicalId, `${r.logicalId}\0${r.physicalId}`) : now) : r.physicalId;
    ids[r.logicalId] = wanted;
    if (wanted !== now) differs = true;
  }
  return differs ? ids : undefined;
}

function planUpdate(previous: ResolvedStack, next: ResolvedStack, placement: StackPlacement): TreePlan {
  try {
    return planTree('update', { previous, next }, placement);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    const at = next.template.resources.find((r) => r.logicalId === error.logicalId);
    throw new OperationError([
      {
        code: error.code,
        severity: 'error',
        message: error.message,
        file: next.template.source.file,
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
