/**
 * The data document a Guard hook's rules are evaluated against, per target type, as the service builds it
 * (reference hooks-today §5; research issue11 §2). Pure data in, pure data out.
 *
 * RESOURCE / CLOUD_CONTROL: `{Resources: {<id>: {Type, Properties}}, HookContext, Previous}`. The documented syntax
 * block says `ResourceType`/`ResourceProperties`, but the documented example, its sample rule
 * (`Resources.*[ Type == 'AWS::S3::Bucket' ]`) and two real Guard messages (`…/AccessControl[L:0,C:91]] existed.`,
 * aws-cdk-cli integ test; `…/Properties[L:0,C:82] Value={}`, PR #1786) all need `Type`/`Properties`, and those column
 * numbers are reproduced byte for byte only by compact JSON that starts `{"Resources":{"<id>":{"Type":…,"Properties":`.
 * So: `Type`/`Properties`, `Resources` first, scalars keep their JSON types (a Guard hook, unlike a custom hook, sees
 * `true`, not `"true"`: the cfn101 workshop's `BlockPublicAcls == true` rule passes on a compliant bucket).
 *
 * STACK: the proposed template's sections at the root, then `HookContext` and `Previous` (the last deployed template).
 * CHANGE_SET: the same plus `Changes`.
 */
import type { InvocationPoint, JsonObject } from '../../../src/kernel/protocol';
import { stringifyScalars } from '../../../src/kernel/protocol/stringify';
// The leaf file, not invoke's index: invoke/kinds/guard.ts imports this module, and a value import of the index would close a cycle.
import { HOOK_TYPE_VERSION } from '../invoke/hook-call';
import { GuardInputError } from './errors';

/** The stack an operation belongs to (`stackId` is empty for a Cloud Control request). */
export interface GuardStackRef {
  readonly stackId: string;
  readonly accountId: string;
}

interface GuardTargetBase {
  readonly clientRequestToken: string;
  readonly stack: GuardStackRef;
  readonly invocationPoint: InvocationPoint;
  /** The change set being executed (its ARN), when the operation runs one; empty otherwise. */
  readonly changeSetId?: string;
}

/** One resource of a stack operation (RESOURCE), or one Cloud Control API request (CLOUD_CONTROL). */
export interface GuardResourceTarget extends GuardTargetBase {
  /** Default RESOURCE: the shape the invocation layer's resource targets have, without a type field. */
  readonly targetType?: 'RESOURCE' | 'CLOUD_CONTROL';
  /** The resource type, e.g. `AWS::S3::Bucket`. */
  readonly targetName: string;
  /** The logical id (for Cloud Control, a constructed one: see {@link cloudControlLogicalId}). */
  readonly logicalId: string;
  /** The resolved properties the operation asks for (ignored on delete: the service sends them empty). */
  readonly resourceProperties: JsonObject;
  /** The properties now deployed (update); absent on create. */
  readonly previousResourceProperties?: JsonObject;
}

/** A whole-stack operation (create-stack, update-stack, delete-stack, or executing a change set). */
export interface GuardStackTarget extends GuardTargetBase {
  readonly targetType: 'STACK';
  readonly stackName: string;
  /** The template as submitted (intrinsics unresolved); null on delete-stack. */
  readonly template: JsonObject | null;
  /** The last successfully deployed template; null on create and on delete. */
  readonly previousTemplate: JsonObject | null;
}

/** One resource change a change set holds. */
export interface GuardChange {
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly action: 'CREATE' | 'UPDATE' | 'DELETE';
  /** The resource's line in the submitted template; null on DELETE. */
  readonly lineNumber: number | null;
  /** The properties before the change; null on CREATE. */
  readonly beforeProperties: JsonObject | null;
  /** The properties after the change; null on DELETE. */
  readonly afterProperties: JsonObject | null;
}

/** A create-change-set operation. */
export interface GuardChangeSetTarget extends GuardTargetBase {
  readonly targetType: 'CHANGE_SET';
  readonly stackName: string;
  /** The change set's ARN (also `TargetLogicalId`). */
  readonly changeSetId: string;
  readonly template: JsonObject;
  readonly previousTemplate: JsonObject | null;
  readonly changes: readonly GuardChange[];
}

/** Anything a Guard hook can be asked about. */
export type GuardTarget = GuardResourceTarget | GuardStackTarget | GuardChangeSetTarget;

/** The hook as `HookContext` names it. */
export interface GuardHookIdentity {
  /** The hook's alias, e.g. `Private::Guard::S3Rules`. */
  readonly hookTypeName: string;
  /** Default `00000001`. */
  readonly hookTypeVersion?: string;
}

/** The top-level keys the service adds to a stack template; a template holding one of them cannot be evaluated. */
export const GUARD_DOCUMENT_KEYS = ['HookContext', 'Previous', 'Changes'] as const;

/** Builds the document a Guard hook's rules see for one target. Key order is the order of the service's JSON. */
export function buildGuardInput(hook: GuardHookIdentity, target: GuardTarget): JsonObject {
  switch (target.targetType) {
    case undefined:
    case 'RESOURCE':
    case 'CLOUD_CONTROL':
      return resourceDocument(hook, target);
    case 'STACK':
      return {
        ...templateSections(target.template),
        HookContext: hookContext(hook, target, { targetName: target.stackName, targetType: 'STACK', targetLogicalId: target.stackName }),
        Previous: target.previousTemplate ?? {},
      };
    case 'CHANGE_SET':
      return {
        ...templateSections(target.template),
        HookContext: hookContext(hook, target, { targetName: 'CHANGE_SET', targetType: 'CHANGE_SET', targetLogicalId: target.changeSetId }),
        Previous: target.previousTemplate ?? {},
        Changes: target.changes.map(changeEntry),
      };
  }
}

/**
 * [choice] The logical id the service constructs for a Cloud Control request ("a combination of the resource type,
 * name, operation ID, and request ID"; no real example is known): `<Type with :: as ->-<identifier>-<OPERATION>-<request token>`;
 * a create whose name is not known yet leaves the identifier out (`AWS-SQS-Queue-CREATE-<token>`).
 */
export function cloudControlLogicalId(parts: { typeName: string; identifier: string; operation: 'CREATE' | 'UPDATE' | 'DELETE'; requestToken: string }): string {
  return [parts.typeName.replace(/::/g, '-'), parts.identifier, parts.operation, parts.requestToken].filter((part) => part !== '').join('-');
}

function resourceDocument(hook: GuardHookIdentity, target: GuardResourceTarget): JsonObject {
  const cloudControl = target.targetType === 'CLOUD_CONTROL';
  const deleting = target.invocationPoint === 'DELETE_PRE_PROVISION';
  // "If the resource is being deleted, this value will be empty" is said of both ResourceProperties and
  // Previous.ResourceProperties: the entries stay, with empty properties.
  const entry = (properties: JsonObject | undefined): JsonObject => ({ Type: target.targetName, Properties: deleting ? {} : (properties ?? {}) });
  const previous = deleting || target.previousResourceProperties !== undefined ? { [target.logicalId]: entry(target.previousResourceProperties) } : {};
  return {
    Resources: { [target.logicalId]: entry(target.resourceProperties) },
    HookContext: hookContext(
      hook,
      cloudControl ? { ...target, stack: { ...target.stack, stackId: '' }, changeSetId: '' } : target,
      { targetName: target.targetName, targetType: 'RESOURCE', targetLogicalId: target.logicalId },
    ),
    Previous: previous,
  };
}

function hookContext(
  hook: GuardHookIdentity,
  target: GuardTargetBase,
  about: { targetName: string; targetType: 'RESOURCE' | 'STACK' | 'CHANGE_SET'; targetLogicalId: string },
): JsonObject {
  // [choice] `AwsAccountId` as the documented example spells it (the syntax block says `AWSAccountID`): the
  // example, not the syntax block, matches the real messages for the other keys.
  return {
    AwsAccountId: target.stack.accountId,
    StackId: target.stack.stackId,
    HookTypeName: hook.hookTypeName,
    HookTypeVersion: hook.hookTypeVersion ?? HOOK_TYPE_VERSION,
    InvocationPoint: target.invocationPoint,
    TargetName: about.targetName,
    TargetType: about.targetType,
    TargetLogicalId: about.targetLogicalId,
    ChangeSetId: target.changeSetId ?? '',
  };
}

function templateSections(template: JsonObject | null): JsonObject {
  if (template === null) return {};
  for (const key of GUARD_DOCUMENT_KEYS) {
    if (Object.hasOwn(template, key)) {
      throw new GuardInputError(
        'GUARD_INPUT_KEY_CLASH',
        `the template has a top-level key '${key}', which the Guard input document uses for the hook's own data; a template has no such section`,
        `/${key}`,
      );
    }
  }
  return template;
}

/**
 * A change as the service lists it in a change set's payload (the Lambda page's `changedResources[]`, the Guard
 * document's `Changes[]`: the same six fields).
 */
export function changeEntry(change: GuardChange): JsonObject {
  return {
    logicalResourceId: change.logicalResourceId,
    resourceType: change.resourceType,
    action: change.action,
    lineNumber: change.lineNumber,
    beforeContext: changeContext(change.beforeProperties),
    afterContext: changeContext(change.afterProperties),
  };
}

/**
 * A change's `beforeContext` / `afterContext`: `{"Properties": …}` as a JSON string whose booleans and numbers are
 * strings too ("All boolean and number values in this JSON string are STRINGS", the Lambda page); null where the
 * change has no such side (before a create, after a delete).
 */
export function changeContext(properties: JsonObject | null): string | null {
  return properties === null ? null : JSON.stringify({ Properties: stringifyScalars(properties) as JsonObject });
}
