/**
 * The changes a change set holds, read from the stack plan: what `DescribeChangeSet` lists and what the CHANGE_SET
 * hooks receive as `changedResources` (Lambda), `ChangedResources` (registry) and `Changes` (Guard).
 */
import type { GuardChange } from '../guard/guard-input';
import { changesOnlyAttributes, type PlanStep, type StackPlan } from '../plan';
import { NESTED_STACK_TYPES } from '../resolve';
import type { ChangeSetChange, ResourceAction } from './change-set-report';

/**
 * The changes that add or modify a nested stack: with IncludeNestedStacks each gets a change set of its own, and
 * without it (the CLI's default) it is updated when the root's change set is executed; either way the hooks its
 * resources get are not among the ones the root's change set plans.
 */
export function nestedStackChanges(changes: readonly ChangeSetChange[]): ChangeSetChange[] {
  return changes.filter((c) => c.Action !== 'Remove' && NESTED_STACK_TYPES.has(c.ResourceType));
}

/** One change in both forms: as the API lists it, and as the hooks receive it. */
export interface PlannedChange {
  readonly listed: ChangeSetChange;
  readonly sent: GuardChange;
}

/** Where a resource is written in the submitted template (its logical id's line), or null when it is not written there. */
export type LineOf = (logicalId: string) => number | null;

/**
 * The plan's changes, in the plan's order: its creates (Add), updates and replacements (Modify), and the resources
 * an update removes (Remove, in its cleanup phase). A replaced resource's old physical resource is part of its
 * Modify, not a change of its own; unchanged resources are not listed.
 * [choice] The contexts carry the properties as the simulator resolves them for RESOURCE hooks (intrinsics
 * evaluated), the values `DescribeChangeSet --include-property-values` shows.
 */
export function plannedChanges(plan: StackPlan, lineOf: LineOf): PlannedChange[] {
  const out: PlannedChange[] = [];
  for (const step of plan.steps) {
    const change = changeOf(step, lineOf);
    if (change) out.push(change);
  }
  return out;
}

/** The API's action for a step the execution calls a hook for (create, update, replace, delete). */
export function resourceActionOf(step: PlanStep): ResourceAction | undefined {
  switch (step.action) {
    case 'create':
      return 'Add';
    case 'update':
    case 'replace':
      return 'Modify';
    case 'delete':
      return 'Remove';
    case 'retain':
      return undefined;
  }
}

function changeOf(step: PlanStep, lineOf: LineOf): PlannedChange | undefined {
  const { logicalId, type } = step.resource;
  if (step.phase === 'cleanup') {
    // A replaced resource's cleanup belongs to its Modify; a removed one (deleted or retained) is a Remove.
    if (step.cleanupReason !== 'removed') return undefined;
    return {
      listed: { Action: 'Remove', LogicalResourceId: logicalId, ResourceType: type, LineNumber: null },
      sent: { logicalResourceId: logicalId, resourceType: type, action: 'DELETE', lineNumber: null, beforeProperties: step.resource.properties, afterProperties: null },
    };
  }
  const lineNumber = lineOf(logicalId);
  switch (step.action) {
    case 'create':
      return {
        listed: { Action: 'Add', LogicalResourceId: logicalId, ResourceType: type, LineNumber: lineNumber },
        sent: { logicalResourceId: logicalId, resourceType: type, action: 'CREATE', lineNumber, beforeProperties: null, afterProperties: step.resource.properties },
      };
    case 'update':
    case 'replace':
      return {
        listed: { Action: 'Modify', LogicalResourceId: logicalId, ResourceType: type, Replacement: replacementOf(step), ...scopeOf(step), LineNumber: lineNumber },
        sent: {
          logicalResourceId: logicalId,
          resourceType: type,
          action: 'UPDATE',
          lineNumber,
          beforeProperties: step.previous?.properties ?? null,
          afterProperties: step.resource.properties,
        },
      };
    // A change set never deletes the stack: delete and retain steps appear only in an update's cleanup.
    case 'delete':
    case 'retain':
      return undefined;
  }
}

/**
 * A Modify's `Replacement`: `False` for an update in place; for a replacement `True`, or `Conditional` when the change
 * set cannot know it yet (its causes change only through references to resources the update modifies: Evaluation
 * Dynamic, plan/replacement.ts). The update replaces it either way: the simulator plans a replacement only where the
 * value as resolved changes, and a dynamic value that comes out unchanged is no replacement there, nor in the service.
 */
function replacementOf(step: PlanStep): NonNullable<ChangeSetChange['Replacement']> {
  if (step.action !== 'replace') return 'False';
  return step.replacementEvaluation === 'Dynamic' ? 'Conditional' : 'True';
}

/** A Modify's `Scope` when it changes an attribute besides Properties (ChangeSetChange.Scope says why only then). */
function scopeOf(step: PlanStep): Pick<ChangeSetChange, 'Scope'> {
  const attributes = step.attributesChanged;
  if (attributes === undefined) return {};
  return { Scope: changesOnlyAttributes(step) ? attributes : ['Properties', ...attributes] };
}
