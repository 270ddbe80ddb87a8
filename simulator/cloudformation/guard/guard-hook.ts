/**
 * A Guard hook (`AWS::Hooks::GuardHook` under its alias) as the invocation layer calls it: for each target, build
 * the Guard input document, evaluate the hook's rules with the real cfn-guard, and answer with the same outcome type
 * a custom hook's call ends in, so the stack run treats every hook kind alike.
 */
import { MAX_MESSAGE_LENGTH, type HookErrorCode, type JsonObject } from '../../../src/kernel/protocol';
import { isInputError } from '../../../src/kernel/diagnostics';
import type { HookCallOutcome, InvokeLimits } from '../invoke/hook-call';
import { evaluateGuard, evaluateGuardBatch, GUARD_TIMEOUT_MILLIS, type EvaluateGuardOptions, type GuardEvaluation } from './evaluate-guard';
import { buildGuardInput, type GuardTarget } from './guard-input';
import { fullOutputSentence, logReportKey, simulatedReportClock, type LogBucketReport } from './log-bucket';
import { locateCfnGuard, type LocateOptions, type LocatedCfnGuard } from './locate-cfn-guard';
import type { GuardArchive } from './rule-archive';

/** The registered type every Guard hook is an alias of. */
export const GUARD_HOOK_TYPE = 'AWS::Hooks::GuardHook';

/** A Guard hook's configuration, with its S3 objects already mapped to local files. */
export interface GuardHookConfig {
  /** The hook's `Alias` (its type name in events, results and `HookContext.HookTypeName`). */
  readonly alias: string;
  /** The cfn-guard binary to run (see locateCfnGuard: find it once, before the stack run). */
  readonly binary: string;
  /** Its version, named when the rules do not parse. */
  readonly engineVersion?: string;
  /** `RuleLocation`: a `.guard` file, a folder of them, or an archive read. Keep the S3 object's base name: it names unnamed rules. */
  readonly rules: string | GuardArchive;
  /** `Options.InputParams`: one file (or archive read) per S3 location. */
  readonly inputParams?: readonly (string | GuardArchive)[];
  readonly hookTypeVersion?: string;
  /** `LogBucket`: a failure's message then says where the full report was written, and the outcome carries it. */
  readonly logBucket?: string;
  /** The clock of report keys (default: simulatedReportClock, one per invoker); read once per call when logBucket is set. */
  readonly reportClock?: () => number;
}

/** One call: the target, and the time limit in force (default 30 s). */
export interface GuardInvocation {
  readonly target: GuardTarget;
  readonly limits?: Pick<InvokeLimits, 'timeoutMillis'>;
}

/**
 * [choice] Error codes: a rule failure is `NonCompliant`; an engine that cannot judge (rules that do not parse, a
 * timeout, a crash) makes the hook errored (`HOOK_FAILED`) with `InternalFailure`. One call, no retry: the engine is
 * deterministic, so a retry would only repeat the same answer (and a timeout three times over).
 */
const NON_COMPLIANT: HookErrorCode = 'NonCompliant';
const INTERNAL_FAILURE: HookErrorCode = 'InternalFailure';

/**
 * Makes the function that calls a Guard hook for one target; it never throws for what the rules or the engine do. A
 * call for one target is a call for many with one (a lone document goes to the engine alone).
 */
export function guardHookInvoker(config: GuardHookConfig): (invocation: GuardInvocation) => Promise<HookCallOutcome> {
  const invoke = guardHookBatchInvoker(config);
  return async (invocation) => {
    const [outcome] = await invoke([invocation]);
    if (outcome === undefined) throw new Error('BUG: a Guard call for one target gave no outcome');
    return outcome;
  };
}

/**
 * [choice] The most documents one cfn-guard run evaluates: enough that the rules are parsed once for many targets
 * (the engine reads every rule file again on each run, 0.2 s for a large rule set), few enough that a run's report
 * stays far below the bound read and its time far below the time limit.
 */
export const GUARD_BATCH_DOCUMENTS = 50;

/**
 * Makes the function that calls a Guard hook for several targets the service calls it for at once (the resources of
 * one wave), giving each target's outcome in order, the same as guardHookInvoker's for it alone. The documents go to
 * cfn-guard together, GUARD_BATCH_DOCUMENTS at a time; a run that gives no report per document is done again one
 * document at a time, so an engine error is still the one target's.
 */
export function guardHookBatchInvoker(config: GuardHookConfig): (invocations: readonly GuardInvocation[]) => Promise<HookCallOutcome[]> {
  const call = guardCall(config);
  return async (invocations) => {
    // Prepared in order, so that report keys follow the order of the targets.
    const prepared = invocations.map(({ target }) => call.prepare(target));
    // Filled below for every target not answered already (its document could not be built).
    const outcomes: (HookCallOutcome | undefined)[] = prepared.map((p) => ('outcome' in p ? p.outcome : undefined));
    const pending = prepared.flatMap((p, i) => ('outcome' in p ? [] : [{ i, prepared: p, limits: invocations[i]?.limits }]));
    for (let from = 0; from < pending.length; from += GUARD_BATCH_DOCUMENTS) {
      const chunk = pending.slice(from, from + GUARD_BATCH_DOCUMENTS);
      const evaluations = chunk.length > 1 ? await evaluateGuardBatch({ ...call.options(chunk[0]?.limits), documents: chunk.map((c) => c.prepared.document) }) : undefined;
      for (const [k, c] of chunk.entries()) {
        const evaluation = evaluations?.[k] ?? (await evaluateGuard({ ...call.options(c.limits), document: c.prepared.document }));
        outcomes[c.i] = call.answer(c.prepared, evaluation);
      }
    }
    return outcomes.map((outcome, i) => {
      if (outcome === undefined) throw new Error(`BUG: the Guard hook's target ${i} was not evaluated`);
      return outcome;
    });
  };
}

/** A target ready to evaluate: its document, and the report clock's reading when its call started. */
interface PreparedTarget {
  readonly target: GuardTarget;
  readonly document: JsonObject;
  readonly reportMillis: number;
}

/** The steps of a Guard hook call: a target's document, the engine's options, the outcome of its evaluation. */
function guardCall(config: GuardHookConfig): {
  prepare(target: GuardTarget): PreparedTarget | { readonly outcome: HookCallOutcome };
  options(limits: GuardInvocation['limits']): Omit<EvaluateGuardOptions, 'document'>;
  answer(prepared: PreparedTarget, evaluation: GuardEvaluation): HookCallOutcome;
} {
  const identity = { hookTypeName: config.alias, ...(config.hookTypeVersion !== undefined ? { hookTypeVersion: config.hookTypeVersion } : {}) };
  const clock = config.reportClock ?? simulatedReportClock();
  return {
    prepare(target) {
      // Read when the call starts, so that keys follow the order of the calls, not of their answers.
      const reportMillis = config.logBucket !== undefined ? clock() : 0;
      try {
        return { target, document: buildGuardInput(identity, target), reportMillis };
      } catch (error) {
        if (isInputError(error)) return { outcome: errored(error.message) };
        throw error;
      }
    },
    options: (limits) => ({
      binary: config.binary,
      ...(config.engineVersion !== undefined ? { engineVersion: config.engineVersion } : {}),
      rules: config.rules,
      ...(config.inputParams !== undefined ? { inputParams: config.inputParams } : {}),
      timeoutMillis: limits?.timeoutMillis ?? GUARD_TIMEOUT_MILLIS,
    }),
    answer: ({ target, reportMillis }, evaluation) => outcomeOf(config, target, reportMillis, evaluation),
  };
}

/** The hook's outcome for one target's evaluation. */
function outcomeOf(config: GuardHookConfig, target: GuardTarget, reportMillis: number, evaluation: GuardEvaluation): HookCallOutcome {
  const token = { clientRequestToken: target.clientRequestToken };
  // [choice] Only a failure names the log bucket's report: the documentation ties the bucket's feedback to a failing
  // hook, and the one observed message with the sentence is a failure's.
  const logged = evaluation.status === 'FAILED' && config.logBucket !== undefined ? logBucketReport(config.logBucket, target, reportMillis, evaluation.report) : undefined;
  const message = (logged ? `${evaluation.message} ${fullOutputSentence(logged.uri)}` : evaluation.message).slice(0, MAX_MESSAGE_LENGTH);
  switch (evaluation.status) {
    case 'SUCCESS':
      return {
        kind: 'succeeded',
        hookStatus: 'SUCCESS',
        errorCode: null,
        message,
        calls: 1,
        answer: { hookStatus: 'SUCCESS', message, ...token, callbackDelaySeconds: 0, annotations: evaluation.annotations },
      };
    case 'FAILED':
      return {
        kind: 'failed',
        hookStatus: 'FAILED',
        errorCode: NON_COMPLIANT,
        message,
        calls: 1,
        answer: { hookStatus: 'FAILED', errorCode: NON_COMPLIANT, message, ...token, callbackDelaySeconds: 0, annotations: evaluation.annotations },
        ...(logged ? { logBucketReport: logged } : {}),
      };
    case 'ERROR':
      return errored(message);
  }
}

function logBucketReport(bucket: string, target: GuardTarget, millis: number, report: string): LogBucketReport {
  // The report was read as JSON already (verdictFromReport): a FAILED verdict has one.
  return { uri: `s3://${bucket}/${logReportKey(target, millis)}`, report: JSON.parse(report) as LogBucketReport['report'] };
}

function errored(message: string): HookCallOutcome {
  return { kind: 'errored', hookStatus: 'FAILED', errorCode: INTERNAL_FAILURE, message: message.slice(0, MAX_MESSAGE_LENGTH), calls: 1 };
}

/** A local file standing in for an S3 object the hook reads (`RuleLocation`, `Options.InputParams`). */
export interface LocalObjectRef {
  readonly path: string;
  /** The archive at `path`, already read and checked, when the object is a `.zip` or `.tar.gz`. */
  readonly archive?: GuardArchive;
}

/** What the invocation layer's Guard seam hands over: the hook (alias, local rules and parameter files), the target, the limits. */
export interface GuardSeamEvaluation {
  readonly hook: {
    readonly alias: string;
    readonly rules: LocalObjectRef;
    readonly inputParams?: LocalObjectRef | readonly LocalObjectRef[];
    readonly logBucket?: string;
  };
  readonly target: GuardTarget;
  readonly limits?: Pick<InvokeLimits, 'timeoutMillis'>;
}

/**
 * The evaluator the invocation layer plugs into its Guard seam: finds cfn-guard on the first call (and only then:
 * a stack no Guard hook targets never looks for it), then evaluates each target, or (`many`) several targets of one
 * hook in one engine run. When no engine can be had, every call rejects with the same CfnGuardUnavailableError (an
 * input error: the command says what to do and exits 2).
 */
export function cfnGuardEvaluator(locate: LocateOptions = {}): GuardSeam {
  let engine: Promise<LocatedCfnGuard> | undefined;
  // One clock for every Guard hook of the run: two hooks logging to one bucket never get the same key.
  const reportClock = simulatedReportClock();
  const configOf = async (hook: GuardSeamEvaluation['hook']): Promise<GuardHookConfig> => {
    engine ??= locateCfnGuard(locate);
    const { path, version } = await engine;
    const params = hook.inputParams === undefined ? [] : 'path' in hook.inputParams ? [hook.inputParams] : hook.inputParams;
    const local = (object: LocalObjectRef): string | GuardArchive => object.archive ?? object.path;
    return {
      alias: hook.alias,
      binary: path,
      engineVersion: version,
      rules: local(hook.rules),
      inputParams: params.map(local),
      reportClock,
      ...(hook.logBucket !== undefined ? { logBucket: hook.logBucket } : {}),
    };
  };
  const one = async ({ hook, target, limits }: GuardSeamEvaluation): Promise<HookCallOutcome> =>
    guardHookInvoker(await configOf(hook))({ target, ...(limits ? { limits } : {}) });
  const many = async (hook: GuardSeamEvaluation['hook'], invocations: readonly GuardInvocation[]): Promise<HookCallOutcome[]> =>
    guardHookBatchInvoker(await configOf(hook))(invocations);
  return Object.assign(one, { many });
}

/** A Guard seam: one target's evaluation, and `many` for several targets of one hook at once. */
export type GuardSeam = ((evaluation: GuardSeamEvaluation) => Promise<HookCallOutcome>) & {
  readonly many?: (hook: GuardSeamEvaluation['hook'], invocations: readonly GuardInvocation[]) => Promise<HookCallOutcome[]>;
};
