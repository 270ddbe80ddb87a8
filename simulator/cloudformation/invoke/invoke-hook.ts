/**
 * Calling a hook handler the way the service does: a time budget per call, IN_PROGRESS answers followed by
 * re-invocations carrying the callbackContext, errored calls retried, and every answer checked before it is
 * believed: one the service could not use is an errored call; one that breaks only a `cfn test` rule is taken as
 * read and noted (the service takes its own runtimes' answers, and they break some of those rules).
 */
import { setLongTimeout, type LongTimeout } from '../../../src/kernel/cli/long-timeout';
import {
  MAX_MESSAGE_LENGTH,
  SKIP_STACK_HOOK_STATUS,
  cfnTestRuleViolations,
  unusableAnswerProblems,
  type HookEntrypoint,
  type HookInvocationRequest,
  type JsonValue,
  type ReceivedProgressEvent,
} from '../../../src/kernel/protocol';
import { SERVICE_LIMITS, type HookCallOutcome, type InvokeLimits } from './hook-call';
import { seededUuids } from './request-tokens';

export { SERVICE_LIMITS, type HookCallOutcome, type InvokeLimits };

type CallResult = { ok: true; answer: ReceivedProgressEvent; offContract: readonly string[] } | { ok: false; problem: string };

/** Invokes a hook for one target until it gives a verdict or the service gives up on it. */
export async function invokeHook(
  entrypoint: HookEntrypoint,
  request: HookInvocationRequest,
  limits: InvokeLimits = SERVICE_LIMITS,
): Promise<HookCallOutcome> {
  let callbackContext: JsonValue | null = null;
  const offContract = new Set<string>();
  let withoutToken = false;
  const noted = (): Pick<HookCallOutcome, 'offContract' | 'withoutClientRequestToken'> => ({
    ...(offContract.size > 0 ? { offContract: [...offContract] } : {}),
    ...(withoutToken ? { withoutClientRequestToken: true } : {}),
  });
  let inProgress = 0;
  let errors = 0;
  let calls = 0;
  for (;;) {
    calls += 1;
    const attempt: HookInvocationRequest = { ...request, requestContext: { invocation: calls, callbackContext } };
    const result = await callOnce(entrypoint, attempt, limits.timeoutMillis);
    const lastCall = limits.maxCalls !== undefined && calls >= limits.maxCalls;
    if (!result.ok) {
      errors += 1;
      if (errors > limits.maxRetries || lastCall) {
        // Stopped by the bound on calls (a Lambda hook's 3), every call counts, IN_PROGRESS answers too.
        const attempts = lastCall ? calls : errors;
        const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
        return { ...errored(`${result.problem} (gave up after ${tries})`, calls), ...noted() };
      }
      continue;
    }
    const answer = result.answer;
    for (const problem of result.offContract) offContract.add(problem);
    if (answer.clientRequestToken === undefined) withoutToken = true;
    // A FAILED answer without a message (what the runtimes send when a handler throws) shows as an empty one.
    const message = (answer.message ?? '').slice(0, MAX_MESSAGE_LENGTH);
    if (answer.hookStatus === 'SUCCESS') return { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message, calls, answer, ...noted() };
    if (answer.hookStatus === SKIP_STACK_HOOK_STATUS) {
      return { kind: 'succeeded', hookStatus: 'SUCCESS', errorCode: null, message, calls, answer, skipsStackHook: true, ...noted() };
    }
    if (answer.hookStatus === 'FAILED') {
      return { kind: 'failed', hookStatus: 'FAILED', errorCode: answer.errorCode ?? null, message, calls, answer, ...noted() };
    }
    inProgress += 1;
    if (inProgress > limits.maxInProgress) {
      return { ...errored(`the handler answered IN_PROGRESS more than ${limits.maxInProgress} times`, calls, answer), ...noted() };
    }
    if (lastCall) return { ...errored(`the handler answered IN_PROGRESS at its last call (${calls} in all)`, calls, answer), ...noted() };
    // The service waits callbackDelaySeconds before calling again; the simulator does not need to. The context goes
    // back as it came, whatever JSON it is (a String in the Lambda page's STACK and CHANGE_SET syntax).
    callbackContext = answer.callbackContext ?? null;
  }
}

function errored(message: string, calls: number, answer?: ReceivedProgressEvent): HookCallOutcome {
  return { kind: 'errored', hookStatus: 'FAILED', errorCode: 'HandlerInternalFailure', message, calls, ...(answer ? { answer } : {}) };
}

async function callOnce(entrypoint: HookEntrypoint, request: HookInvocationRequest, timeoutMillis: number): Promise<CallResult> {
  const deadline = Date.now() + timeoutMillis;
  // The request travels as JSON, as it does to a Lambda: the handler gets its own copy.
  const event: unknown = JSON.parse(JSON.stringify(request));
  let requestId: string | undefined;
  const context = {
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // Made when read: most handlers never read it, and making one for every call was 0.6% of a 500-resource create.
    get awsRequestId(): string {
      return (requestId ??= awsRequestIdOf(request));
    },
  };
  let timer: LongTimeout | undefined;
  const timedOut = new Promise<CallResult>((resolve) => {
    // A user's budget may exceed setTimeout's 2^31-1 ms (which Node clamps to 1 ms): the long timer means what it says.
    timer = setLongTimeout(() => resolve({ ok: false, problem: `the handler did not answer within ${formatSeconds(timeoutMillis)}` }), timeoutMillis);
  });
  const answered = (async (): Promise<CallResult> => {
    try {
      return checkAnswer(await entrypoint(event, context), request.clientRequestToken, request.requestData.targetType);
    } catch (error) {
      return { ok: false, problem: `the handler threw: ${error instanceof Error ? error.message : String(error)}` };
    }
  })();
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    timer?.clear();
  }
}

/**
 * The request id Lambda gives one invocation: a UUID of its own for each call, not the hook's clientRequestToken
 * (which every call for the target repeats). Derived from the token and the call's number, so that runs repeat.
 */
function awsRequestIdOf(request: HookInvocationRequest): string {
  return seededUuids(`lambda-request:${request.clientRequestToken}:${request.requestContext?.invocation ?? 1}`)();
}

function checkAnswer(raw: unknown, token: string, targetType: string | undefined): CallResult {
  // The answer also travels as JSON: what cannot be serialised never reaches the service.
  let value: unknown;
  try {
    const text = JSON.stringify(raw);
    value = text === undefined ? undefined : JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `the handler's answer is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const violations = unusableAnswerProblems(value, targetType);
  const answer = value as ReceivedProgressEvent;
  // [choice] the service's handling is not documented: an answer that carries another request's token is not taken
  // as this request's verdict, so the call errored. One that leaves the token out is taken as read and noted
  // (`withoutClientRequestToken`; a Lambda hook's is "a required field", the Lambda page says).
  if (violations.length === 0 && answer.clientRequestToken !== undefined && answer.clientRequestToken !== token) {
    violations.push('clientRequestToken does not echo the request\'s');
  }
  if (violations.length > 0) return { ok: false, problem: `the handler's answer is malformed: ${violations.join('; ')}` };
  return { ok: true, answer, offContract: cfnTestRuleViolations(value as Record<string, unknown>) };
}

function formatSeconds(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000} seconds` : `${millis} ms`;
}
