/**
 * What hooks answered outside the documented contract, said once per hook (`SIM_HOOK_ANSWER`): the verdict stands as
 * the simulator read it, since the service's handling of such answers is not documented. Shared by stack runs and
 * Cloud Control requests.
 */
import type { Hook, InvocationRecord } from '../cloudformation/invoke';

const ANNOTATION_STATUSES = ['PASSED', 'FAILED', 'SKIPPED'];
const SEVERITY_LEVELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
/** A Lambda hook's error codes (the Lambda page); HandlerInternalFailure is the simulator's own, for a call that errored. */
const LAMBDA_ERROR_CODES = ['NonCompliant', 'InternalFailure', 'HandlerInternalFailure'];

/**
 * What hooks answered that the documented contract does not allow, by hook (at most three problems each): a rule
 * `cfn test` asserts that the service does not need (a FAILED answer without a message, a callback delay on SUCCESS,
 * a callbackContext that is not an object: `cfnTestRuleViolations`), an annotation status or severity GetHookResult
 * cannot return, an annotation dropped or cut (`readAnnotations`), a Lambda hook's error code the Lambda page does not
 * list, its answer without `clientRequestToken`, or its `CHANGE_SET_SUCCESS_SKIP_STACK_HOOK` (a custom hook's
 * status). The verdict stands as the simulator read it; the service's handling of such answers is not documented.
 */
export function answersOffContract(hooks: readonly Hook[], result: AnsweredRun): Map<string, string[]> {
  const lambdas = new Set(hooks.filter((hook) => hook.kind === 'lambda').map((hook) => hook.typeName));
  const found = new Map<string, Set<string>>();
  const visit = (stack: AnsweredRun): void => {
    for (const inv of stack.invocations) {
      const problems = found.get(inv.hookTypeName) ?? new Set<string>();
      for (const rule of inv.offContract ?? []) problems.add(`cfn test: ${rule}`);
      if (lambdas.has(inv.hookTypeName) && inv.answeredStatus !== undefined) {
        problems.add(`hookStatus ${inv.answeredStatus} (a custom hook's status; the Lambda page lists SUCCESS, FAILED, IN_PROGRESS), taken as SUCCESS`);
      }
      if (lambdas.has(inv.hookTypeName) && inv.errorCode !== null && !LAMBDA_ERROR_CODES.includes(inv.errorCode)) {
        problems.add(`errorCode '${inv.errorCode}' (a Lambda hook's are NonCompliant or InternalFailure)`);
      }
      if (lambdas.has(inv.hookTypeName) && inv.withoutClientRequestToken) {
        problems.add('no clientRequestToken (the Lambda page: "This is a required field"), taken as read');
      }
      for (const problem of inv.annotationProblems ?? []) problems.add(problem);
      for (const a of inv.annotations) {
        if (!ANNOTATION_STATUSES.includes(a.status)) problems.add(`annotation '${a.annotationName}' status '${a.status}' (expected ${ANNOTATION_STATUSES.join(', ')})`);
        const severity = a.severityLevel;
        if (severity !== undefined && severity !== null && !(typeof severity === 'string' && SEVERITY_LEVELS.includes(severity))) {
          problems.add(`annotation '${a.annotationName}' severityLevel ${JSON.stringify(severity)} (expected ${SEVERITY_LEVELS.join(', ')})`);
        }
      }
      if (problems.size > 0) found.set(inv.hookTypeName, problems);
    }
    for (const child of stack.nestedStacks ?? []) visit(child);
  };
  visit(result);
  return new Map([...found].map(([typeName, problems]) => [typeName, [...problems].slice(0, 3)]));
}

/** A run's invocations, and its nested stacks' (a Cloud Control request has none). */
export interface AnsweredRun {
  readonly invocations: readonly InvocationRecord[];
  readonly nestedStacks?: readonly AnsweredRun[];
}
