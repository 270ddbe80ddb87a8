/**
 * Hook results as data, in the shape of the CloudFormation `GetHookResult` API: what the console's "Hook
 * invocations" view and `aws cloudformation get-hook-result` show, including the annotations that stack events
 * never carry.
 */
import { isJsonObject, type Annotation } from '../../../src/kernel/protocol';
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
  return capText(text, MAX_HOOK_STATUS_REASON_LENGTH);
}

/** GetHookResult's length limits on an annotation's texts (reference hooks-today §6), by the answer's key. */
export const ANNOTATION_TEXT_LIMITS = { annotationName: 1024, statusMessage: 16_384, remediationMessage: 16_384, remediationLink: 5120 } as const;

/** The first `limit` characters of a text, or the text. */
function capText(text: string, limit: number): string {
  return text.length > limit ? text.slice(0, limit) : text;
}

/** The annotations a hook answered that can be shown, and what was left out or cut of them (`SIM_HOOK_ANSWER`). */
export interface AnsweredAnnotations {
  /** As they travel on the wire, values as given. */
  readonly annotations: Annotation[];
  /** Each said once per hook; empty when nothing was dropped or cut. */
  readonly problems: string[];
}

const LIMITED_TEXTS = Object.entries(ANNOTATION_TEXT_LIMITS);

/** `GetHookResult`'s spelling of the annotation keys, which hooks copy into answers: the answer's is camelCase. */
const GET_HOOK_RESULT_KEYS = ['AnnotationName', 'Status', 'StatusMessage', 'RemediationMessage', 'RemediationLink', 'SeverityLevel'];

const CAMEL_CASE_HINT = (apiKey: string): string => `the answer's keys are camelCase (annotationName…); ${apiKey} is GetHookResult's spelling`;

/**
 * The annotations a hook answered, kept only where they are well-formed enough to show (an object with a non-empty
 * `annotationName` and a string `status`), and what was dropped or will be cut in the hook result, so that no
 * annotation is lost without a word. A status outside the API's enum is kept (the run says it: `answersOffContract`).
 */
export function readAnnotations(raw: readonly unknown[] | undefined): AnsweredAnnotations {
  const annotations: Annotation[] = [];
  const problems: string[] = [];
  for (const entry of Array.isArray(raw) ? raw : []) {
    const dropped = whyDropped(entry);
    if (dropped !== undefined) {
      problems.push(`annotation dropped, ${dropped}`);
      continue;
    }
    const annotation = entry as Annotation & Record<string, unknown>;
    annotations.push(annotation);
    // Every hook call reads its annotations: nothing is allocated for one that is well-formed.
    for (const apiKey of GET_HOOK_RESULT_KEYS) {
      if (Object.hasOwn(annotation, apiKey)) problems.push(`annotation '${shortName(annotation.annotationName)}' ${apiKey} left out: ${CAMEL_CASE_HINT(apiKey)}`);
    }
    for (const [key, limit] of LIMITED_TEXTS) {
      const text = annotation[key];
      if (typeof text === 'string' && text.length > limit) {
        // [unconfirmed] whether the service cuts such a text or refuses the answer: cut, as HookStatusReason is.
        problems.push(`annotation '${shortName(annotation.annotationName)}' ${key} of ${text.length} characters cut to GetHookResult's ${limit} in the hook result [unconfirmed: the service may refuse it]`);
      }
    }
  }
  return { annotations, problems };
}

/** Why one entry of an answer's `annotations` cannot be shown; undefined when it can. */
function whyDropped(entry: unknown): string | undefined {
  if (!isJsonObject(entry)) return `not an object: ${shortName(JSON.stringify(entry) ?? String(entry))}`;
  const name = entry.annotationName;
  if (typeof name !== 'string' || name === '') {
    if (name === undefined && 'AnnotationName' in entry) return `AnnotationName: ${CAMEL_CASE_HINT('AnnotationName')}`;
    if (name === undefined) return `no annotationName (its keys: ${Object.keys(entry).join(', ') || 'none'})`;
    if (name === '') return `an empty annotationName (GetHookResult's is 1 to ${ANNOTATION_TEXT_LIMITS.annotationName} characters)`;
    return `annotationName ${shortName(JSON.stringify(name))} (not a string)`;
  }
  const status = entry.status;
  if (typeof status === 'string') return undefined;
  if (status === undefined && 'Status' in entry) return `'${shortName(name)}' has Status: ${CAMEL_CASE_HINT('Status')}`;
  return `'${shortName(name)}' has ${status === undefined ? 'no status' : `status ${shortName(JSON.stringify(status))}`} (expected PASSED, FAILED or SKIPPED)`;
}

/** A name or value short enough to quote in a one-line warning. */
function shortName(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * One wire annotation in the API's casing; absent or non-string optional fields are left out, and texts longer than
 * the API allows are cut to its limit ([unconfirmed] whether the service cuts or refuses them; `readAnnotations` says it).
 */
export function resultAnnotation(annotation: Annotation): HookResultAnnotation {
  const optional = (value: unknown, limit?: number): string | undefined =>
    typeof value === 'string' && value !== '' ? (limit === undefined ? value : capText(value, limit)) : undefined;
  const statusMessage = optional(annotation.statusMessage, ANNOTATION_TEXT_LIMITS.statusMessage);
  const remediationMessage = optional(annotation.remediationMessage, ANNOTATION_TEXT_LIMITS.remediationMessage);
  const remediationLink = optional(annotation.remediationLink, ANNOTATION_TEXT_LIMITS.remediationLink);
  const severityLevel = optional(annotation.severityLevel);
  return {
    AnnotationName: capText(annotation.annotationName, ANNOTATION_TEXT_LIMITS.annotationName),
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
