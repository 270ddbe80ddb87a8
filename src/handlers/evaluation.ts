/**
 * Runs the policy's checks for one request and turns their results into the answer: one combining
 * rule (FAIL wins, SKIP is neutral), one annotation per check, and one message that reports every
 * finding, capped at the service's 4096 characters.
 */
import { CLOUD_CONTROL_MAX_MESSAGE_LENGTH, MAX_IN_PROGRESS_ANSWERS, MAX_MESSAGE_LENGTH, type Annotation, type HookProgressEvent, type JsonObject } from '../kernel/protocol';
import { checksFor, type CheckDefinition, type CheckResult, type CheckStatus, type CheckSuspension, type Finding } from './checks';
import { InvalidRequestError } from './errors';
import type { InventoryAccess } from './inventory';
import type { HookRequest, HookTarget } from './request';
import type { TypeConfiguration } from './type-configuration';

/** The annotation service limits statusMessage and remediationMessage; keep well inside them. */
const MAX_ANNOTATION_TEXT = 1024;

/** The callbackContext key counting this hook's IN_PROGRESS answers for the target (beside each check's cursor). */
export const IN_PROGRESS_ANSWERS_KEY = 'inProgressAnswers';

export interface CheckReport {
  check: CheckDefinition;
  result: CheckResult;
}

/** FAIL wins, SKIP is neutral: FAIL if any check failed, else PASS if any passed, else SKIP. */
export function combineStatuses(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes('FAIL')) return 'FAIL';
  return statuses.includes('PASS') ? 'PASS' : 'SKIP';
}

/** Runs every check that applies to the request's target and invocation point; builds the answer. */
export async function evaluatePolicy(
  request: HookRequest,
  configuration: TypeConfiguration,
  inventory: InventoryAccess,
  maxInProgressAnswers: number = MAX_IN_PROGRESS_ANSWERS,
): Promise<HookProgressEvent> {
  const saved = request.callbackContext ?? {};
  const answeredInProgress = inProgressAnswersSoFar(request);
  const reports: CheckReport[] = [];
  for (const check of checksFor(request.target.typeName, request.invocationPoint)) {
    const outcome = await check.check({ id: check.id, target: request.target, configuration, resumeState: saved[check.id], inventory });
    if (outcome.status === 'SUSPEND') {
      // One more IN_PROGRESS than the service allows fails the hook with no count and no reason: answer now instead.
      if (answeredInProgress >= maxInProgressAnswers) return outOfInvocations(request.target, check, outcome, reports, maxInProgressAnswers);
      // Out of time: hand the cursor to the service, which calls back with it.
      const callbackContext: JsonObject = { [check.id]: outcome.state, [IN_PROGRESS_ANSWERS_KEY]: answeredInProgress + 1 };
      return {
        hookStatus: 'IN_PROGRESS',
        message: `${describeTarget(request.target)}: ${check.id} is still counting (${outcome.message}); continuing in the next invocation`,
        callbackContext,
        callbackDelaySeconds: 0,
      };
    }
    reports.push({ check, result: outcome });
  }
  return answerFor(request.target, reports);
}

/**
 * How many IN_PROGRESS answers the service has already had for this target. [choice] The larger of the count this
 * hook saved in callbackContext (exact for its own answers, whatever the caller numbers) and
 * `requestContext.invocation` − 1 (the first invocation is 1): if the service also numbers retried calls, the hook
 * gives up one invocation early, still with a count and a reason; a late stop would be the service's opaque failure.
 */
function inProgressAnswersSoFar(request: HookRequest): number {
  const saved = request.callbackContext?.[IN_PROGRESS_ANSWERS_KEY];
  if (saved !== undefined && !(typeof saved === 'number' && Number.isSafeInteger(saved) && saved >= 0)) {
    const where = `requestContext.callbackContext.${IN_PROGRESS_ANSWERS_KEY}`;
    throw new InvalidRequestError(where, `${where} must be a whole number; it must be the callbackContext this hook returned`);
  }
  return Math.max(saved ?? 0, (request.invocation ?? 1) - 1);
}

/**
 * The answer when a check would suspend on the last invocation the service allows. [choice] FAILED with
 * `ServiceLimitExceeded`, not `NonCompliant`: the minimum may well be met further on, so the resource is not judged
 * non-compliant; what ran out is the service's bound on invocations, and the message says what was counted.
 */
function outOfInvocations(target: HookTarget, check: CheckDefinition, suspension: CheckSuspension, finished: readonly CheckReport[], maxInProgress: number): HookProgressEvent {
  const invocations = maxInProgress + 1;
  const message =
    `${describeTarget(target)}: ${check.id} could not finish: the account's inventory was too large to count within the ${invocations} invocations ` +
    `the service allows a hook (${maxInProgress} IN_PROGRESS answers); counted so far: ${suspension.message}. ` +
    'The delete is refused because the minimum could not be confirmed; the count stops as soon as the minimum is reached, so a lower minimum needs fewer calls.';
  const annotation: Annotation = {
    annotationName: check.id,
    status: 'FAILED',
    statusMessage: truncate(`could not finish within ${invocations} invocations; counted so far: ${suspension.message}`, MAX_ANNOTATION_TEXT),
    remediationMessage: truncate('The inventory was too large to count within the invocations the service allows; a lower minimum lets the count stop sooner.', MAX_ANNOTATION_TEXT),
    severityLevel: check.severity,
  };
  return {
    hookStatus: 'FAILED',
    errorCode: 'ServiceLimitExceeded',
    message: truncate(message, messageLimit(target)),
    callbackDelaySeconds: 0,
    annotations: [...finished.map(annotationFor), annotation],
  };
}

/** The SUCCESS or FAILED answer for a set of finished check reports. */
export function answerFor(target: HookTarget, reports: readonly CheckReport[]): HookProgressEvent {
  const annotations = reports.map(annotationFor);
  const verdict = combineStatuses(reports.map((r) => r.result.status));
  if (verdict === 'FAIL') {
    return { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: failureMessage(target, reports), callbackDelaySeconds: 0, annotations };
  }
  // The message names no check and counts none: each check's own verdict is its annotation, so a new check changes
  // the annotations of the resources it judges and nothing else (the service shows both).
  const message = `${describeTarget(target)} complies with the encryption policy (each check's result is in the annotations).`;
  return { hookStatus: 'SUCCESS', message: truncate(message, messageLimit(target)), callbackDelaySeconds: 0, annotations };
}

/** `AWS::S3::Bucket MyBucket (bucket "my-bucket")`: the logical id, and the name when the template sets one. */
export function describeTarget(target: HookTarget): string {
  const id = target.logicalId ? ` ${target.logicalId}` : '';
  const bucket = target.typeName === 'AWS::S3::Bucket' ? target.properties.BucketName : undefined;
  const queue = target.typeName === 'AWS::SQS::Queue' ? target.properties.QueueName : undefined;
  const name = typeof bucket === 'string' ? ` (bucket "${bucket}")` : typeof queue === 'string' ? ` (queue "${queue}")` : '';
  return `${target.typeName}${id}${name}`;
}

/** The length the service keeps of a message: 1024 characters for a Cloud Control request, 4096 otherwise. */
function messageLimit(target: HookTarget): number {
  return target.viaCloudControl ? CLOUD_CONTROL_MAX_MESSAGE_LENGTH : MAX_MESSAGE_LENGTH;
}

function failureMessage(target: HookTarget, reports: readonly CheckReport[]): string {
  const limit = messageLimit(target);
  const failing = reports.filter((r) => r.result.status === 'FAIL');
  const lines = failing.flatMap(({ check, result }) =>
    result.findings.length ? result.findings.map((f) => formatFinding(check.id, f)) : [`[${check.id}] ${result.message}`],
  );
  const head = `${describeTarget(target)} does not comply (${failing.length} check(s) failed): `;
  let message = head;
  for (let i = 0; i < lines.length; i++) {
    const piece = (i ? '; ' : '') + lines[i];
    const remaining = lines.length - i;
    const tail = ` ... and ${remaining} more finding(s), see the annotations`;
    // Keep room for the tail unless this is the last piece.
    if (message.length + piece.length + (remaining > 1 ? tail.length : 0) > limit) {
      return message + tail;
    }
    message += piece;
  }
  return truncate(message, limit);
}

function formatFinding(checkId: string, f: Finding): string {
  return `[${checkId}] ${f.path}: found ${f.found}; required ${f.required}`;
}

function annotationFor({ check, result }: CheckReport): Annotation {
  const status = result.status === 'PASS' ? 'PASSED' : result.status === 'FAIL' ? 'FAILED' : 'SKIPPED';
  const statusMessage =
    result.status === 'FAIL' && result.findings.length ? result.findings.map((f) => `${f.path}: found ${f.found}; required ${f.required}`).join('; ') : result.message;
  return {
    annotationName: check.id,
    status,
    statusMessage: truncate(statusMessage || check.summary, MAX_ANNOTATION_TEXT),
    ...(result.status === 'FAIL' ? { remediationMessage: truncate(check.remediation, MAX_ANNOTATION_TEXT) } : {}),
    severityLevel: check.severity,
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
