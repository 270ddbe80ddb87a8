/**
 * What one hook call is bounded by and how it ends, whatever the hook's kind: the vocabulary the invocation layer
 * and the Guard module share. A leaf (it imports only the kernel), so the Guard module can use it without importing
 * the invocation layer that imports the Guard module.
 */
import { MAX_IN_PROGRESS_ANSWERS, type JsonValue, type ReceivedProgressEvent } from '../../../src/kernel/protocol';

/** The hook version the service reports for the first registered version of a type. */
export const HOOK_TYPE_VERSION = '00000001';

/** The service's limits, overridable for tests. */
export interface InvokeLimits {
  /** Time budget of one call (the Lambda's remaining time starts here). Default 30 000 ms. */
  readonly timeoutMillis: number;
  /** Retries after a call that threw, timed out or answered malformed. Default 3. */
  readonly maxRetries: number;
  /** IN_PROGRESS answers honoured before the hook counts as errored. Default 3. */
  readonly maxInProgress: number;
  /** Calls in all, whatever their answers, when the hook's kind has such a bound (a Lambda hook: 3). */
  readonly maxCalls?: number;
}

/** The service's limits: 30 s per call, 3 retries of an errored call, 3 IN_PROGRESS answers. */
export const SERVICE_LIMITS: InvokeLimits = Object.freeze({ timeoutMillis: 30_000, maxRetries: 3, maxInProgress: MAX_IN_PROGRESS_ANSWERS });

/**
 * How a hook call ended. `judged` outcomes carry the handler's verdict; `errored` means the hook itself
 * failed (threw, hung, answered malformed, or kept answering IN_PROGRESS).
 */
export interface HookCallOutcome {
  readonly kind: 'succeeded' | 'failed' | 'errored';
  /** The final protocol status: SUCCESS, or FAILED (also for an errored hook). */
  readonly hookStatus: 'SUCCESS' | 'FAILED';
  readonly errorCode: string | null;
  readonly message: string;
  /** Every call made, including retries and re-invocations after IN_PROGRESS. */
  readonly calls: number;
  /** The last well-formed answer, when there was one. */
  readonly answer?: ReceivedProgressEvent;
  /**
   * What the answers did that `cfn test` refuses and the service takes (`cfnTestRuleViolations`), each said once;
   * absent when nothing. The run reports them as `SIM_HOOK_ANSWER` warnings.
   */
  readonly offContract?: readonly string[];
  /**
   * An answer left out `clientRequestToken`: taken as read (whether the service refuses it is not documented); the
   * run says it of a Lambda hook, whose page calls the field required. Absent when every answer carried it.
   */
  readonly withoutClientRequestToken?: true;
  /**
   * The hook answered its CHANGE_SET call `CHANGE_SET_SUCCESS_SKIP_STACK_HOOK`: a success, and the same hook's STACK
   * call is not made when the change set is executed.
   */
  readonly skipsStackHook?: true;
  /** A Guard hook with a `LogBucket` that failed: the report the service would write there, and its S3 URI. */
  readonly logBucketReport?: { readonly uri: string; readonly report: JsonValue };
}
