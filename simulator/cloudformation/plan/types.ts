import type { InvocationPoint } from '../../../src/kernel/protocol';
import type { ResolvedResource } from '../template/types';
import type { ReplacementEvaluation } from './replacement';

export type StackOperation = 'create' | 'update' | 'delete';

/**
 * A change the service accepts into a plan (and a change set) but the resource's provisioning then refuses, whatever
 * the hooks say (its text is EVENT_TEXT.refused's):
 * - `serviceTokenModified`: a custom resource's `ServiceToken` changed;
 * - `customNamedReplacement`: a replacement that keeps the name the template gives the resource (`name`), which the
 *   new physical resource could not take while the old one holds it;
 * - `nameTaken`: a new resource (a create, or a replacement's new physical resource) whose custom name another
 *   resource of the stack holds when it is created: one the update removes or replaces (cleanup comes after the
 *   creates), or one of the same template created earlier (`<name> already exists in stack <stack id>`).
 */
export type UpdateRefusal =
  | { readonly kind: 'serviceTokenModified' }
  | { readonly kind: 'customNamedReplacement'; readonly name: string }
  | { readonly kind: 'nameTaken'; readonly name: string };

/**
 * The name a resource claims in its account and Region, where no other resource of its kind may hold it: `name`, and
 * `scope`, what else must match for two claims to collide (the type, the parents that scope the name), as JSON.
 */
export interface NameClaim {
  readonly name: string;
  readonly scope: string;
}

/**
 * A resource attribute other than Properties whose change alone updates the resource, spelt as the API's
 * `ResourceChange.Scope` and `ResourceTargetDefinition.Attribute` spell it (which also list Properties and Tags).
 */
export type ResourceAttribute = 'Metadata' | 'CreationPolicy' | 'UpdatePolicy' | 'DeletionPolicy' | 'UpdateReplacePolicy';

/** The stack phase a step runs in: the operation itself, or the cleanup after a successful update. */
export type PlanPhase = 'main' | 'cleanup';

/**
 * One thing CloudFormation does to one resource.
 * - create / update / replace: provision the resource as `resource` says (replace makes a new physical resource);
 * - delete: delete the deployed `resource`;
 * - retain: leave it in place because of its DeletionPolicy or UpdateReplacePolicy (event DELETE_SKIPPED).
 */
export interface PlanStep {
  readonly action: 'create' | 'update' | 'replace' | 'delete' | 'retain';
  readonly phase: PlanPhase;
  /** The resource as the step leaves it (create, update, replace) or as deployed (delete, retain). */
  readonly resource: ResolvedResource;
  /** The deployed resource an update or replacement starts from. */
  readonly previous?: ResolvedResource;
  /** For a replacement: the create-only properties that changed. For a cleanup step: why it happens. */
  readonly replacementCauses?: readonly string[];
  /**
   * For a replacement: whether a change set knows it (`Static`, listed `Replacement: True`) or only the update will
   * (`Dynamic`, `Conditional`: its causes change only through references to resources the update modifies). Absent:
   * Static. It changes what a change set lists, never what the update does (replacement.ts, replacementEvaluation).
   */
  readonly replacementEvaluation?: ReplacementEvaluation;
  readonly cleanupReason?: 'removed' | 'replaced';
  /** For a step the resource refuses (an update, a replacement, a create whose name is taken): why its provisioning fails (after its hooks are called). */
  readonly refusal?: UpdateRefusal;
  /**
   * For an update or replacement: the attributes besides Properties that changed, in the API's order; absent when none
   * did. An update whose Properties are unchanged has at least one (plan/plan-stack.ts changedAttributes).
   */
  readonly attributesChanged?: readonly ResourceAttribute[];
  /** The hook invocation point this step calls, or undefined when the service calls no hook for it. */
  readonly invocationPoint?: InvocationPoint;
}

/** What a stack operation will do, in order. Pure data: executing it is simulator/invoke's job. */
export interface StackPlan {
  readonly operation: StackOperation;
  readonly steps: readonly PlanStep[];
  /** Resources an update leaves untouched (no event, no hook call). */
  readonly unchanged: readonly ResolvedResource[];
  /**
   * For an update: the stack's Outputs change (one added or removed, its declaration or its value changed). An update
   * of no resource that changes its Outputs is still an update: a change set of no changes that CloudFormation creates
   * and executes (aws/aws-cdk#2029; jenkinsci/pipeline-aws-plugin#210), the Outputs section's "You can't update outputs
   * by themselves" note gone from the User Guide since 2017 while the Description's and the Metadata's stay.
   */
  readonly outputsChanged?: boolean;
}

/**
 * An update that changes nothing the service updates: no resource, and no output. UpdateStack refuses it ("No updates
 * are to be performed."), CreateChangeSet fails its change set ("The submitted information didn't contain changes…");
 * a change to the template's Description or Metadata alone is such an update ("During a stack update, you cannot
 * update the Description section by itself", template-description-structure; the same for Metadata), and so is a
 * change of a resource's DependsOn alone (ministackorg/ministack#1646, measured on an account). A change of a
 * resource's own Metadata, CreationPolicy, UpdatePolicy, DeletionPolicy or UpdateReplacePolicy is an update of it.
 */
export function changesNothing(plan: StackPlan): boolean {
  return plan.operation === 'update' && plan.steps.length === 0 && plan.outputsChanged !== true;
}
