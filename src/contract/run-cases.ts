/**
 * Invokes the handler for each case the way `cfn test` does and applies its assertions: re-invoking
 * on IN_PROGRESS with the returned callbackContext, then SUCCESS → no errorCode and no callback delay;
 * FAILED → a valid errorCode, a message, no callback delay. On top: the shared protocol check
 * (progressEventViolations), the clientRequestToken echo, and the service's limits (30 s per
 * invocation, at most 3 IN_PROGRESS answers).
 */
import type { HookSchema } from '../kernel/hook-config';
import { CFN_TEST_ERROR_CODES, progressEventViolations, type JsonObject } from '../kernel/protocol';
import { makeHookRequest, type ContractCase } from './cases';
import { INIT_TIMEOUT_MILLIS, runHandlerInWorker, type HandlerLocation, type WorkerOutcome } from './isolated-handler';

export interface CaseResult {
  case: ContractCase;
  passed: boolean;
  hookStatus?: string;
  errorCode?: string;
  message?: string;
  /** Why the case failed; empty when it passed. */
  failures: string[];
  invocations: number;
  /** What the handler wrote to stdout/stderr while it ran (its logs), kept apart from the report. */
  logs: string[];
  /** The hookModel names the handler read in the invocations that reported them; absent when none could be observed. */
  configReads?: string[];
}

export interface RunOptions {
  /** hookModel for CREATE and UPDATE cases. */
  hookModel: JsonObject | null;
  /** hookModel for DELETE cases. */
  deleteHookModel: JsonObject | null;
  timeoutMillis: number;
  /** The service re-invokes at most this many times after IN_PROGRESS. */
  maxInProgress?: number;
  /** Longest wait honoured for callbackDelaySeconds (cfn sleeps the full delay). */
  maxCallbackDelayMillis?: number;
}

/** Runs every case in order against one handler; each invocation in its own worker. */
export async function runContractCases(schema: HookSchema, cases: readonly ContractCase[], handler: HandlerLocation, options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(schema, c, handler, options));
  return results;
}

async function runCase(schema: HookSchema, c: ContractCase, handler: HandlerLocation, options: RunOptions): Promise<CaseResult> {
  if (c.problem) return { case: c, passed: false, failures: [c.problem], invocations: 0, logs: [] };
  const hookModel = c.invocationPoint === 'DELETE_PRE_PROVISION' ? options.deleteHookModel : options.hookModel;
  const request = makeHookRequest(schema, c, hookModel);
  const failures: string[] = [];
  const maxInProgress = options.maxInProgress ?? 3;
  let invocations = 0;
  let answer: Record<string, unknown> | undefined;
  const logs: string[] = [];
  let reads: Set<string> | undefined;
  const observed = () => (reads ? { configReads: [...reads].sort() } : {});
  for (;;) {
    invocations += 1;
    const called = await invoke(handler, request, options.timeoutMillis, logs);
    if (called.configReads) reads = new Set([...(reads ?? []), ...called.configReads]);
    if ('failure' in called) return { case: c, passed: false, failures: [called.failure], invocations, logs, ...observed() };
    answer = called.answer;
    if (answer.hookStatus !== 'IN_PROGRESS') break;
    // cfn's assert_in_progress
    if (answer.errorCode !== undefined && answer.errorCode !== null) failures.push('IN_PROGRESS events should have no error code set');
    if (answer.result !== undefined && answer.result !== null) failures.push('IN_PROGRESS events should have no result');
    if (invocations > maxInProgress) {
      failures.push(`the handler returned IN_PROGRESS ${invocations} times; the service allows ${maxInProgress}`);
      break;
    }
    const delay = typeof answer.callbackDelaySeconds === 'number' ? answer.callbackDelaySeconds * 1000 : 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(delay, options.maxCallbackDelayMillis ?? 2000)));
    request.requestContext = { callbackContext: (answer.callbackContext ?? null) as JsonObject | null };
  }
  failures.push(...assertFinal(c, answer, String(request.clientRequestToken)));
  return {
    case: c,
    passed: failures.length === 0,
    ...(typeof answer.hookStatus === 'string' ? { hookStatus: answer.hookStatus } : {}),
    ...(typeof answer.errorCode === 'string' ? { errorCode: answer.errorCode } : {}),
    ...(typeof answer.message === 'string' ? { message: answer.message } : {}),
    failures: [...new Set(failures)],
    invocations,
    logs,
    ...observed(),
  };
}

/** cfn's assert_success / assert_failed, then the shared protocol check. */
function assertFinal(c: ContractCase, answer: Record<string, unknown>, token: string): string[] {
  const failures: string[] = [];
  const delay = answer.callbackDelaySeconds ?? 0;
  const hasCode = answer.errorCode !== undefined && answer.errorCode !== null && answer.errorCode !== 0;
  if (c.expected === 'SUCCESS') {
    if (answer.hookStatus !== 'SUCCESS') failures.push(`status should be SUCCESS, got ${String(answer.hookStatus)}${hasCode ? ` ${String(answer.errorCode)}` : ''}${typeof answer.message === 'string' ? `: ${answer.message}` : ''}`);
    else if (hasCode) failures.push('SUCCESS events should have no error code set');
    if (delay !== 0) failures.push('SUCCESS events should have no callback delay');
  } else {
    if (answer.hookStatus !== 'FAILED') failures.push(`status should be FAILED, got ${String(answer.hookStatus)}`);
    if (!hasCode) failures.push('FAILED events must have an error code set');
    else if (!(CFN_TEST_ERROR_CODES as readonly unknown[]).includes(answer.errorCode)) failures.push(`errorCode ${JSON.stringify(answer.errorCode)} is not a valid HandlerErrorCode`);
    if (delay !== 0) failures.push('FAILED events should have no callback delay');
    if (typeof answer.message !== 'string' || answer.message === '') failures.push('FAILED events should have a message');
    if (c.expectedErrorCode && hasCode && answer.errorCode !== c.expectedErrorCode) {
      failures.push(`A hook handler MUST return FAILED with a ${c.expectedErrorCode} error code if the target is not supported, got ${String(answer.errorCode)}`);
    }
  }
  failures.push(...progressEventViolations(answer));
  if (answer.clientRequestToken !== token) failures.push('the answer does not echo the request clientRequestToken');
  return failures;
}

/** One invocation, as Lambda does it: JSON in, JSON out, within the time limit, in a worker that can be stopped. */
async function invoke(handler: HandlerLocation, request: JsonObject, timeoutMillis: number, logs: string[]): Promise<({ answer: Record<string, unknown> } | { failure: string }) & { configReads?: readonly string[] }> {
  const outcome = await runHandlerInWorker(handler, request, timeoutMillis);
  for (const line of outcome.logs) logs.push(line);
  const observed = outcome.configReads ? { configReads: outcome.configReads } : {};
  return { ...judge(outcome, handler, timeoutMillis), ...observed };
}

function judge(outcome: WorkerOutcome, handler: HandlerLocation, timeoutMillis: number): { answer: Record<string, unknown> } | { failure: string } {
  const limit = `${timeoutMillis / 1000} s`;
  switch (outcome.kind) {
    case 'answer': {
      const wire: unknown = JSON.parse(outcome.json);
      if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return { failure: 'Handler Output is not a valid JSON document' };
      return { answer: wire as Record<string, unknown> };
    }
    case 'bad-output':
      return { failure: `Handler Output is not a valid JSON document: ${outcome.message}` };
    case 'threw':
      return { failure: `the handler threw (a Lambda error, not an answer): ${outcome.message}` };
    case 'timed-out':
      return { failure: `the handler did not answer within ${limit}; it was stopped, as Lambda stops it (Task timed out)` };
    case 'init-timed-out':
      return { failure: `the handler module did not finish loading within ${INIT_TIMEOUT_MILLIS / 1000} s (Lambda's init limit)` };
    case 'never-settled':
      return { failure: `the handler did not answer within ${limit}: its promise never settled and nothing was left running, so Lambda would wait until the timeout` };
    case 'exited':
      return { failure: `the handler ended the process (process.exit(${outcome.exitCode})) before answering; nothing was checked, and Lambda reports Runtime.ExitError` };
    case 'load-failed':
      return { failure: `the handler module failed to load: ${outcome.message}` };
    case 'no-export':
      return { failure: `the handler module does not export a function ${handler.exportName}` };
    case 'crashed':
      return { failure: `the handler crashed its runtime: ${outcome.message}` };
    case 'loaded':
      return { failure: 'the handler was loaded but not invoked (a bug in the contract runner)' };
  }
}
