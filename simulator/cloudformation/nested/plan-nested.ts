/**
 * Planning nested stacks with their parent: each child stack gets its own plan (create, update or delete, as
 * its parent's resource is created, kept or removed), and an update of the parent updates a nested stack whose
 * own template or parameters changed even when the parent's resource properties did not — "CloudFormation
 * updates the resources of modified nested stacks, but doesn't update the resources of unmodified nested stacks"
 * (AWS::CloudFormation::Stack reference).
 */
import { nestedStackTemplates, seededUuids, type NestedStackRun, type SimulatedStack, type StackTemplates } from '../invoke';
import { sameJson, type JsonObject } from '../../../src/kernel/protocol';
import { changesNothing, planStack, withReplacementEvaluations, type EvaluatedTemplate, type NameClaim, type PlanStep, type StackOperation, type StackPlan, type UpdateRefusal } from '../plan';
import { changesServiceToken, createOnlyProperties, customName } from '../resolve/resource-types';
import { asTransformed } from '../resolve/serverless';
import { samGeneratedType } from '../../../src/kernel/resource-catalog';
import type { ResolvedTemplate } from '../template/types';
import { withPackagedTemplateUrls } from './packaged-template-url';
import type { ResolvedStack } from './stack-tree';

/** The account, region and service role every stack of a tree shares (nested stacks use the parent's role). */
export interface StackPlacement {
  readonly region: string;
  readonly accountId: string;
  readonly roleArn?: string;
}

/** A tree's plan: the root's, and its nested stacks' (absent when the root nests none). */
export interface TreePlan {
  readonly plan: StackPlan;
  readonly nested?: ReadonlyMap<string, NestedStackRun>;
}

/** Plans an operation on a stack tree: `next` for create and update, `previous` for update and delete. */
export function planTree(operation: StackOperation, trees: { previous?: ResolvedStack; next?: ResolvedStack }, placement: StackPlacement): TreePlan {
  const { previous, next } = trees;
  // The hooks are sent a nested stack's local TemplateURL as the packaged URL that reaches the service (planned on the
  // templates as written: the child's own plan says whether it changed).
  const packaged = (plan: StackPlan): StackPlan => withPackagedTemplateUrls(plan, trees, placement.region);
  if (operation === 'create' && next) return withNested(packaged(planStack({ operation, next: next.template.resources, claimedName })), nestedRuns(undefined, next, placement));
  if (operation === 'delete' && previous) return withNested(packaged(planStack({ operation, previous: previous.template.resources })), nestedRuns(previous, undefined, placement));
  if (!previous || !next) throw new Error(`planTree: ${operation} without the templates it needs`);
  const nested = nestedRuns(previous, next, placement);
  const planned = updatedNestedStacks(planStack({ operation: 'update', previous: previous.template.resources, next: next.template.resources, createOnly: createOnlyProperties, transformed: asTransformed, refusal: updateRefusal, claimedName }), next, nested);
  const plan = packaged(withReplacementEvaluations(planned, evaluatedTemplate(previous.template), evaluatedTemplate(next.template)));
  return withNested(outputsChange(previous.template, next.template) ? { ...plan, outputsChanged: true } : plan, nested);
}

/** A resolved template as a replacement's evaluation reads it: as written, with its parameters' and conditions' values. */
function evaluatedTemplate(template: ResolvedTemplate): EvaluatedTemplate {
  return { body: template.source.body, parameters: template.parameters, conditions: template.conditions };
}

/**
 * The stack's Outputs change: the section as written (an output added or removed, its Value, Export, Condition or
 * Description changed), or an output's value as resolved. [unconfirmed] a value that changes with a parameter alone,
 * the section as written unchanged, is taken as a change (the stack's outputs would differ); no source shows it.
 */
function outputsChange(previous: ResolvedTemplate, next: ResolvedTemplate): boolean {
  return !sameJson(previous.source.body['Outputs'], next.source.body['Outputs']) || !sameJson(previous.outputs, next.outputs);
}

/**
 * An update the resource refuses: a custom resource's new ServiceToken, or a replacement of a custom-named resource
 * whose name stays ("You can't perform an update that causes a custom-named resource to be replaced. If you must
 * replace the resource, specify a new name.", the resource custom naming reference). Custom-named only where the
 * simulator knows the property that names the type, that name alone identifies the resource or the resource reference
 * documents it as one a replacement may not keep (customName), and both templates give it the same value in the same
 * scope: a generated name, one the update changes, or one scoped by a parent that changes (a stage's under its API, an
 * ECS service's in its cluster) is replaced; a type whose naming property is not known is replaced too, never refused
 * where the service might not refuse.
 */
function updateRefusal(type: string, previous: JsonObject, next: JsonObject, replaced: boolean): UpdateRefusal | undefined {
  if (replaced) {
    const named = customName(type, next);
    const before = customName(type, previous);
    return named !== undefined && before !== undefined && named.name === before.name && named.scope === before.scope ? { kind: 'customNamedReplacement', name: named.name } : undefined;
  }
  return changesServiceToken(type, previous, next) ? { kind: 'serviceTokenModified' } : undefined;
}

/**
 * The name a new resource claims in the stack, which another resource of the stack holding it fails (plan-stack
 * withTakenNames: `<name> already exists in stack <stack id>`): the custom name (customName, so only where the
 * simulator knows the name alone identifies the resource in its scope, never where the service might accept a second
 * resource), scoped by the type as the transform leaves it (a SAM function's `FunctionName` and a Lambda function's
 * collide) and by the name's parents. Nested stacks are planned one by one: a name held in another stack of the tree
 * is not seen ([choice]).
 */
function claimedName(type: string, properties: JsonObject): NameClaim | undefined {
  const named = customName(type, properties);
  return named === undefined ? undefined : { name: named.name, scope: JSON.stringify([samGeneratedType(type) ?? type, named.scope]) };
}

function withNested(plan: StackPlan, nested: ReadonlyMap<string, NestedStackRun>): TreePlan {
  return nested.size > 0 ? { plan, nested } : { plan };
}

/** The nested stacks' runs: created, updated or deleted as their parent resource is. */
function nestedRuns(previous: ResolvedStack | undefined, next: ResolvedStack | undefined, placement: StackPlacement): Map<string, NestedStackRun> {
  const runs = new Map<string, NestedStackRun>();
  const before = previous?.children ?? new Map<string, ResolvedStack>();
  for (const [logicalId, child] of next?.children ?? []) {
    const deployed = before.get(logicalId);
    const planned = planTree(deployed ? 'update' : 'create', deployed ? { previous: deployed, next: child } : { next: child }, placement);
    runs.set(logicalId, run(deployed ?? child, planned, placement, { ...(deployed ? { previous: deployed } : {}), next: child }));
  }
  for (const [logicalId, child] of before) {
    if (runs.has(logicalId)) continue;
    runs.set(logicalId, run(child, planTree('delete', { previous: child }, placement), placement, { previous: child }));
  }
  return runs;
}

/** A nested stack's run; its templates are what its own STACK-target hook call carries. */
function run(stack: ResolvedStack, planned: TreePlan, placement: StackPlacement, trees: { previous?: ResolvedStack; next?: ResolvedStack }): NestedStackRun {
  const simulated: SimulatedStack = { name: stack.name, id: stack.id, region: placement.region, accountId: placement.accountId, ...(placement.roleArn ? { roleArn: placement.roleArn } : {}) };
  // Built only when a STACK hook is called for the nested stack: most runs have none.
  const templates = (): StackTemplates => nestedStackTemplates({ ...(trees.previous ? { previous: trees.previous.template } : {}), ...(trees.next ? { next: trees.next.template } : {}) });
  return { stack: simulated, plan: planned.plan, tokens: seededUuids(stack.name), templates, ...(planned.nested ? { nested: planned.nested } : {}) };
}

/** Adds an update step for every nested-stack resource the parent leaves unchanged but whose stack changes. */
function updatedNestedStacks(plan: StackPlan, next: ResolvedStack, nested: ReadonlyMap<string, NestedStackRun>): StackPlan {
  const changed = new Set(plan.unchanged.filter((r) => { const child = nested.get(r.logicalId)?.plan; return child !== undefined && !changesNothing(child); }).map((r) => r.logicalId));
  if (changed.size === 0) return plan;
  const byId = new Map(plan.steps.filter((s) => s.phase === 'main').map((s) => [s.resource.logicalId, s]));
  const main: PlanStep[] = [];
  for (const resource of next.template.resources) {
    const step = byId.get(resource.logicalId);
    if (step) main.push(step);
    else if (changed.has(resource.logicalId)) {
      main.push({ action: 'update', phase: 'main', resource, previous: resource, invocationPoint: 'UPDATE_PRE_PROVISION' });
    }
  }
  return {
    operation: plan.operation,
    steps: [...main, ...plan.steps.filter((s) => s.phase === 'cleanup')],
    unchanged: plan.unchanged.filter((r) => !changed.has(r.logicalId)),
  };
}
