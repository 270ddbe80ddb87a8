/**
 * Hook results as data, in the shape of the CloudFormation `GetHookResult` API: what the console's "Hook
 * invocations" view and `aws cloudformation get-hook-result` show, including the annotations that stack events
 * never carry.
 */
import type { Annotation, JsonValue } from '../../../src/kernel/protocol';
import type { HookCallOutcome } from './invoke-hook';
import { HOOK_TYPE_VERSION } from './hook-call';

/** A hook result's `Status` (and its events' HookStatus) for how the call ended. */
export const HOOK_STATUS_FOR_OUTCOME: Readonly<Record<HookCallOutcome['kind'], string>> = {
  succeeded: 'HOOK_COMPLETE_SUCCEEDED',
  failed: 'HOOK_COMPLETE_FAILED',
  errored: 'HOOK_FAILED',
};

/** The API's cap on `HookStatusReason` (and on a stack event's HookStatusReason). */
export const MAX_HOOK_STATUS_REASON_LENGTH = 1024;

/** `GetHookResult.Annotations[]`. */
export interface HookResultAnnotation {
  readonly AnnotationName: string;
  readonly Status: string;
  readonly StatusMessage?: string;
  readonly RemediationMessage?: string;
  readonly RemediationLink?: string;
  readonly SeverityLevel?: string;
}

/** `GetHookResult`'s answer for one invocation (InvokedAt, TypeArn and the configuration version are left out: no real account). */
export interface HookResult {
  readonly HookResultId: string;
  readonly InvocationPoint: 'PRE_PROVISION';
  readonly FailureMode: 'FAIL' | 'WARN';
  readonly TypeName: string;
  readonly OriginalTypeName: string;
  readonly TypeVersionId: string;
  readonly Status: string;
  readonly HookStatusReason: string;
  readonly Target: { readonly TargetType: string; readonly TargetTypeName: string; readonly TargetId: string; readonly Action: string };
  readonly Annotations: readonly HookResultAnnotation[];
}

/**
 * [choice] the service's cut of a longer text is unconfirmed (reference §10): the first 1,024 characters are kept.
 */
export function capHookStatusReason(text: string): string {
  return text.length > MAX_HOOK_STATUS_REASON_LENGTH ? text.slice(0, MAX_HOOK_STATUS_REASON_LENGTH) : text;
}

/**
 * The annotations a hook answered, as they travel on the wire, kept only where they are well-formed enough to
 * show (an object with a name and a status); values are kept as given.
 */
export function wellFormedAnnotations(raw: readonly unknown[] | undefined): Annotation[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((a): a is Annotation => {
    if (typeof a !== 'object' || a === null) return false;
    const entry = a as Record<string, JsonValue>;
    return typeof entry.annotationName === 'string' && typeof entry.status === 'string';
  });
}

/** One wire annotation in the API's casing; absent or non-string optional fields are left out. */
export function resultAnnotation(annotation: Annotation): HookResultAnnotation {
  const optional = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const statusMessage = optional(annotation.statusMessage);
  const remediationMessage = optional(annotation.remediationMessage);
  const remediationLink = optional(annotation.remediationLink);
  const severityLevel = optional(annotation.severityLevel);
  return {
    AnnotationName: annotation.annotationName,
    Status: annotation.status,
    ...(statusMessage !== undefined ? { StatusMessage: statusMessage } : {}),
    ...(remediationMessage !== undefined ? { RemediationMessage: remediationMessage } : {}),
    ...(remediationLink !== undefined ? { RemediationLink: remediationLink } : {}),
    ...(severityLevel !== undefined ? { SeverityLevel: severityLevel } : {}),
  };
}

/** What one hook result is made of: the call, its hook (name, registered type, failure mode) and its target. */
export interface HookResultParts {
  readonly hookInvocationId: string;
  readonly typeName: string;
  readonly originalTypeName: string;
  readonly failureMode: 'FAIL' | 'WARN';
  readonly outcome: HookCallOutcome;
  readonly target: HookResult['Target'];
  readonly annotations: readonly Annotation[];
}

/** One invocation's `GetHookResult`, from how the call ended. */
export function hookResultOf(parts: HookResultParts): HookResult {
  return {
    HookResultId: parts.hookInvocationId,
    InvocationPoint: 'PRE_PROVISION',
    FailureMode: parts.failureMode,
    TypeName: parts.typeName,
    OriginalTypeName: parts.originalTypeName,
    TypeVersionId: HOOK_TYPE_VERSION,
    Status: HOOK_STATUS_FOR_OUTCOME[parts.outcome.kind],
    HookStatusReason: capHookStatusReason(parts.outcome.message),
    Target: parts.target,
    Annotations: parts.annotations.map(resultAnnotation),
  };
}
