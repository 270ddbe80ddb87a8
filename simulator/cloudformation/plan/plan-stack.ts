/**
 * Planning a stack operation: which resources are created, updated, replaced, deleted or retained, in the
 * order CloudFormation processes them, and which of those steps the service calls a hook for.
 */
import { sameJson, type JsonObject } from '../../../src/kernel/protocol';
import type { ResolvedResource } from '../template/types';
import { PlanError } from './errors';
import { replacementCauses } from './replacement';
import type { PlanStep, StackPlan, UpdateRefusal } from './types';

/** The templates a plan compares: `next` is what the operation deploys, `previous` what is deployed now. */
export type PlanRequest =
  | { operation: 'create'; next: readonly ResolvedResource[] }
  | {
      operation: 'update';
      previous: readonly ResolvedResource[];
      next: readonly ResolvedResource[];
      /** A type's create-only properties (a change of one replaces the resource): asked only of changed resources. */
      createOnly: (type: string) => readonly string[];
      /**
       * A resource as a transform leaves it under its logical id (a SAM type as the type SAM generates), asked only
       * when a resource's type changes: a move to or from what the transform gives the same logical id is an update
       * of that type. Absent or undefined: the type change is refused.
       */
      transformed?: (type: string, properties: JsonObject) => { readonly type: string; readonly properties: JsonObject } | undefined;
      /**
       * Whether the resource would refuse this change of its properties, asked of every changed resource with
       * `replaced` saying whether a create-only property changed (then it is a replacement, refused or not).
       */
      refusal?: (type: string, previous: JsonObject, next: JsonObject, replaced: boolean) => UpdateRefusal | undefined;
    }
  | { operation: 'delete'; previous: readonly ResolvedResource[] };

// DeletionPolicy values that keep the physical resource when the stack deletes it. RetainExceptOnCreate
// retains on a stack delete too; it only deletes when rolling back the create that made the resource.
const RETAINING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate']);

/** True when a DeletionPolicy keeps the resource on a stack delete (so the service calls no preDelete). */
export function retainsOnDelete(resource: ResolvedResource): boolean {
  return resource.deletionPolicy !== undefined && RETAINING_POLICIES.has(resource.deletionPolicy);
}

/** Orders the steps of a stack operation. Resources arrive in dependency order (as resolveTemplate gives them). */
export function planStack(request: PlanRequest): StackPlan {
  switch (request.operation) {
    case 'create':
      return { operation: 'create', unchanged: [], steps: request.next.map(createStep) };
    case 'delete':
      return { operation: 'delete', unchanged: [], steps: planDelete(request.previous) };
    case 'update':
      return planUpdate(request);
  }
}

/**
 * A resource whose declared type changed, compared as the transform leaves both sides: the same type after it (a SAM
 * type and the type SAM generates under the same logical id) is an update of that type; any other change is refused
 * before any resource is touched, as the service refuses it (`Update of resource type is not permitted`, also between
 * two custom types).
 */
function afterTransform(before: ResolvedResource, resource: ResolvedResource, transformed: Extract<PlanRequest, { operation: 'update' }>['transformed']): { type: string; previous: JsonObject; next: JsonObject } {
  const was = transformed?.(before.type, before.properties);
  const is = transformed?.(resource.type, resource.properties);
  if (!was || !is || was.type !== is.type) {
    throw new PlanError(
      'PLAN_TYPE_CHANGED',
      `Update of resource type is not permitted: resource '${resource.logicalId}' was ${before.type} and is now ${resource.type}`,
      resource.logicalId,
    );
  }
  return { type: was.type, previous: was.properties, next: is.properties };
}

function createStep(resource: ResolvedResource): PlanStep {
  return { action: 'create', phase: 'main', resource, invocationPoint: 'CREATE_PRE_PROVISION' };
}

function planDelete(deployed: readonly ResolvedResource[]): PlanStep[] {
  // A resource is deleted only after everything that depends on it: reverse dependency order.
  return [...deployed].reverse().map((resource): PlanStep =>
    retainsOnDelete(resource)
      ? { action: 'retain', phase: 'main', resource }
      : { action: 'delete', phase: 'main', resource, invocationPoint: 'DELETE_PRE_PROVISION' },
  );
}

function planUpdate({ previous, next, createOnly, transformed, refusal }: Extract<PlanRequest, { operation: 'update' }>): StackPlan {
  const deployed = new Map(previous.map((r) => [r.logicalId, r]));
  const steps: PlanStep[] = [];
  const unchanged: ResolvedResource[] = [];
  const replaced = new Set<string>();
  for (const resource of next) {
    const before = deployed.get(resource.logicalId);
    if (!before) {
      steps.push(createStep(resource));
      continue;
    }
    const compared = before.type === resource.type ? { type: resource.type, previous: before.properties, next: resource.properties } : afterTransform(before, resource, transformed);
    if (sameJson(before.properties, resource.properties) && before.type === resource.type) {
      unchanged.push(resource);
      continue;
    }
    const causes = replacementCauses(createOnly(compared.type), compared.previous, compared.next);
    const refused = refusal?.(compared.type, compared.previous, compared.next, causes.length > 0);
    // A refused replacement makes no new physical resource, so there is no old one to clean up.
    if (causes.length > 0 && refused === undefined) replaced.add(resource.logicalId);
    steps.push({
      action: causes.length > 0 ? 'replace' : 'update',
      phase: 'main',
      resource,
      previous: before,
      ...(causes.length > 0 ? { replacementCauses: causes } : {}),
      ...(refused !== undefined ? { refusal: refused } : {}),
      // [choice] a replacement is announced to the hook as an update, with the deployed properties as previous.
      invocationPoint: 'UPDATE_PRE_PROVISION',
    });
  }
  // Cleanup (UPDATE_COMPLETE_CLEANUP_IN_PROGRESS): removed resources and replaced physical resources go,
  // in reverse dependency order of the deployed template, and the service calls no hook for them.
  const inNext = new Set(next.map((r) => r.logicalId));
  for (const resource of [...previous].reverse()) {
    if (!inNext.has(resource.logicalId)) {
      const keep = retainsOnDelete(resource);
      steps.push({ action: keep ? 'retain' : 'delete', phase: 'cleanup', resource, cleanupReason: 'removed' });
    } else if (replaced.has(resource.logicalId)) {
      // UpdateReplacePolicy governs the old physical resource of a replacement, as DeletionPolicy does a removal.
      const keep = resource.updateReplacePolicy === 'Retain';
      steps.push({ action: keep ? 'retain' : 'delete', phase: 'cleanup', resource, cleanupReason: 'replaced' });
    }
  }
  return { operation: 'update', steps, unchanged };
}
