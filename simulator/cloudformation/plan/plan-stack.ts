/**
 * Planning a stack operation: which resources are created, updated, replaced, deleted or retained, in the
 * order CloudFormation processes them, and which of those steps the service calls a hook for.
 */
import { sameSentJson, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import type { ResolvedResource } from '../template/types';
import { PlanError } from './errors';
import { replacementCauses } from './replacement';
import type { NameClaim, PlanStep, ResourceAttribute, StackPlan, UpdateRefusal } from './types';

/**
 * The name a resource claims, where the service fails a second resource of its kind taking it (the type's custom name
 * alone identifies it); undefined for a generated name, or where the simulator does not know that it would fail.
 */
export type ClaimedName = (type: string, properties: JsonObject) => NameClaim | undefined;

/** The templates a plan compares: `next` is what the operation deploys, `previous` what is deployed now. */
export type PlanRequest =
  | { operation: 'create'; next: readonly ResolvedResource[]; claimedName?: ClaimedName }
  | {
      operation: 'update';
      /** Absent: no create is failed for a name another resource holds. */
      claimedName?: ClaimedName;
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

/** Each attribute an update compares besides Properties, in the order the API's `Scope` lists them, with its value. */
const COMPARED_ATTRIBUTES: readonly (readonly [ResourceAttribute, (r: ResolvedResource) => JsonValue | undefined])[] = [
  ['Metadata', (r) => r.metadata],
  ['CreationPolicy', (r) => r.creationPolicy],
  ['UpdatePolicy', (r) => r.updatePolicy],
  ['DeletionPolicy', (r) => r.deletionPolicy],
  ['UpdateReplacePolicy', (r) => r.updateReplacePolicy],
];

/**
 * The attributes besides Properties that differ between the deployed resource and the template's, as resolved
 * (conditions and intrinsics evaluated). A change of one alone is an update of the resource, Replacement False: a
 * change set lists it `Modify` with the attribute in its `Scope` (the API reference's ResourceChange.Scope and
 * ResourceTargetDefinition.Attribute; ministackorg/ministack#1646, measured on an account 2026-09-02: "the policy
 * edit lists Modify / False / UpdateReplacePolicy"), and cfn-hup's workflow relies on a Metadata-only update being
 * applied. DependsOn is not compared: a change of it alone is no change (the same measurement).
 * [unconfirmed] An attribute written out with its default value (`DeletionPolicy: Delete`) against one left out is
 * counted as a change, as the template's text changed; compared as sent, every scalar a string, as Properties are.
 */
export function changedAttributes(before: ResolvedResource, after: ResolvedResource): ResourceAttribute[] {
  return COMPARED_ATTRIBUTES.filter(([, valueOf]) => {
    const was = valueOf(before);
    const is = valueOf(after);
    return was === undefined || is === undefined ? was !== is : !sameSentJson(was, is);
  }).map(([name]) => name);
}

/** True for an update whose Properties are unchanged: only attributes besides them changed (`attributesChanged`). */
export function changesOnlyAttributes(step: PlanStep): boolean {
  return step.attributesChanged !== undefined && step.previous !== undefined && step.previous.type === step.resource.type && sameSentJson(step.previous.properties, step.resource.properties);
}

/** Orders the steps of a stack operation. Resources arrive in dependency order (as resolveTemplate gives them). */
export function planStack(request: PlanRequest): StackPlan {
  switch (request.operation) {
    case 'create':
      return { operation: 'create', unchanged: [], steps: withTakenNames(request.next.map(createStep), [], request.claimedName) };
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

function planUpdate({ previous, next, createOnly, transformed, refusal, claimedName }: Extract<PlanRequest, { operation: 'update' }>): StackPlan {
  const deployed = new Map(previous.map((r) => [r.logicalId, r]));
  const planned: PlanStep[] = [];
  const unchanged: ResolvedResource[] = [];
  for (const resource of next) {
    const before = deployed.get(resource.logicalId);
    if (!before) {
      planned.push(createStep(resource));
      continue;
    }
    const compared = before.type === resource.type ? { type: resource.type, previous: before.properties, next: resource.properties } : afterTransform(before, resource, transformed);
    // Compared as the service compares them, every scalar a string: quoting or unquoting a value is no change. A
    // resource whose Properties are unchanged is still updated when another of its attributes changed.
    const attributes = changedAttributes(before, resource);
    if (sameSentJson(before.properties, resource.properties) && before.type === resource.type && attributes.length === 0) {
      unchanged.push(resource);
      continue;
    }
    const causes = replacementCauses(createOnly(compared.type), compared.previous, compared.next);
    const refused = refusal?.(compared.type, compared.previous, compared.next, causes.length > 0);
    planned.push({
      action: causes.length > 0 ? 'replace' : 'update',
      phase: 'main',
      resource,
      previous: before,
      ...(causes.length > 0 ? { replacementCauses: causes } : {}),
      ...(refused !== undefined ? { refusal: refused } : {}),
      ...(attributes.length > 0 ? { attributesChanged: attributes } : {}),
      // [choice] a replacement is announced to the hook as an update, with the deployed properties as previous.
      // [unconfirmed] whether the service calls RESOURCE hooks for an update of attributes alone: it is called as for
      // any update (never a silent pass), its previous and new properties then equal.
      invocationPoint: 'UPDATE_PRE_PROVISION',
    });
  }
  const steps = withTakenNames(planned, previous, claimedName);
  // A refused replacement makes no new physical resource, so there is no old one to clean up.
  const replaced = new Set(steps.filter((s) => s.action === 'replace' && s.refusal === undefined).map((s) => s.resource.logicalId));
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

/**
 * The main steps with each new resource whose name is taken refused (`nameTaken`): a create, or a replacement's new
 * physical resource, claiming a name (same type, same scope) that a resource of the stack holds when it is created.
 * Held from the start: every deployed resource's name, since removed resources and replaced physical resources go
 * only in cleanup, after every create (serverless/serverless#1677, a table's logical id renamed with its name kept:
 * `CREATE_FAILED … <name> already exists in stack arn:…`; cloudformation-coverage-roadmap#363; aws/aws-cdk#15357).
 * Then each new resource's, in plan order: of two resources of one template with one name, the later fails
 * ([choice] in one wave the service's order is not known; plan order decides which of the two fails).
 * Never refused where the service might not: a resource updated in place to another name releases its old one at a
 * time the simulator does not model, so that old name counts as free (its new one is held from its step on).
 */
function withTakenNames(main: readonly PlanStep[], deployed: readonly ResolvedResource[], claimedName: ClaimedName | undefined): PlanStep[] {
  if (claimedName === undefined) return [...main];
  // Each resource's claim is asked once (a type without a model of its own reads the catalogue for it).
  const claims = new Map<ResolvedResource, { key: string; name: string } | undefined>();
  const claim = (resource: ResolvedResource): { key: string; name: string } | undefined => {
    if (claims.has(resource)) return claims.get(resource);
    const claimed = claimedName(resource.type, resource.properties);
    const found = claimed === undefined ? undefined : { key: JSON.stringify([claimed.scope, claimed.name]), name: claimed.name };
    claims.set(resource, found);
    return found;
  };
  const renamedInPlace = new Set(main.filter((s) => s.action === 'update' && s.previous !== undefined && claim(s.previous)?.key !== claim(s.resource)?.key).map((s) => s.resource.logicalId));
  const held = new Set<string>();
  for (const resource of deployed) {
    const key = renamedInPlace.has(resource.logicalId) ? undefined : claim(resource)?.key;
    if (key !== undefined) held.add(key);
  }
  return main.map((step): PlanStep => {
    const creates = step.action === 'create' || (step.action === 'replace' && step.refusal === undefined);
    if (!creates && !renamedInPlace.has(step.resource.logicalId)) return step;
    const claimed = claim(step.resource);
    if (claimed === undefined) return step;
    if (creates && held.has(claimed.key)) return { ...step, refusal: { kind: 'nameTaken', name: claimed.name } };
    held.add(claimed.key);
    return step;
  });
}
