/**
 * The preDelete benchmark: a bucket delete judged against an inventory of 10,000 buckets, through the real
 * S3 SDK client whose transport is the simulated account (simulator/account), so pagination, the SDK's
 * serialisation and the handler's bounded concurrency and early stop all run as in Lambda, with no network.
 *
 * For a few minBuckets values it reports the API calls made against the fewest possible, wall time (median),
 * and, under a short Lambda time budget, how many IN_PROGRESS answers and resumed invocations it took and
 * whether the resumed run reached the same verdict with the same reads. Prints one JSON object on stdout;
 * bench/run.mjs bundles this file with esbuild, runs it and merges the object into results.handler.preDelete.
 *
 * Environment: PREDELETE_RUNS (default 3) runs per case, PREDELETE_LATENCY_MS (default 2) simulated latency
 * of every API call, PREDELETE_BUDGET_MS (default 250) the short Lambda budget of the resume case.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createEntrypoint, type AwsClientFactory } from '../src/handlers';
import type { HookProgressEvent, InvocationContext, JsonObject } from '../src/kernel/protocol';
import { AccountTransport, SimulatedAccount, type TransportRequest } from '../simulator/cloudformation/account';

const BUCKETS = 10_000;
const PAGE_SIZE = 1000; // MaxBuckets the handler asks for
const CONCURRENCY = 8;
const RUNS = Math.max(1, Number(process.env.PREDELETE_RUNS ?? 3) || 3);
const LATENCY_MS = Math.max(0, Number(process.env.PREDELETE_LATENCY_MS ?? 2) || 0);
const SHORT_BUDGET_MS = Math.max(1, Number(process.env.PREDELETE_BUDGET_MS ?? 250) || 250);
const REGION = 'us-east-1';
const DOOMED = 'bucket-05000';

/** The transport of the simulated account, answering after a fixed latency as a real endpoint would. */
class LatentTransport extends AccountTransport {
  constructor(
    account: SimulatedAccount,
    private readonly latencyMs: number,
  ) {
    super(account);
  }

  override async handle(request: TransportRequest) {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    return super.handle(request);
  }
}

/** 10,000 buckets; a deterministic ~60% use AES256, the rest aws:kms or nothing, spread through the listing. */
function inventory(): { account: SimulatedAccount; matching: boolean[] } {
  const account = new SimulatedAccount('123456789012', REGION);
  const matching: boolean[] = [];
  let seed = 42;
  for (let i = 0; i < BUCKETS; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31; // a fixed LCG: the same inventory on every machine
    const roll = seed % 10;
    const name = `bucket-${String(i).padStart(5, '0')}`;
    const algorithm = roll < 6 ? 'AES256' : roll < 8 ? 'aws:kms' : undefined;
    account.addBucket({ name, region: REGION, ...(algorithm ? { encryption: [{ SSEAlgorithm: algorithm, BucketKeyEnabled: true }] } : {}) });
    matching.push(algorithm === 'AES256' && name !== DOOMED);
  }
  return { account, matching };
}

/** The fewest calls any scan could make: `minBuckets` reads; and the fewest a scan in listing order can make. */
function minimumCalls(matching: readonly boolean[], minBuckets: number) {
  let found = 0;
  let position = matching.length - 1;
  for (let i = 0; i < matching.length; i++) {
    if (matching[i]) found += 1;
    if (found >= minBuckets) {
      position = i;
      break;
    }
  }
  const reachable = found >= minBuckets;
  // The doomed bucket is recognised by name, never read.
  const doomedIndex = Number(DOOMED.slice('bucket-'.length));
  const reads = position + 1 - (doomedIndex <= position ? 1 : 0);
  const pages = Math.floor(position / PAGE_SIZE) + 1;
  return {
    lowerBound: reachable ? { ListBuckets: 1, GetBucketEncryption: minBuckets, total: 1 + minBuckets } : { ListBuckets: pages, GetBucketEncryption: reads, total: pages + reads },
    inListingOrder: { ListBuckets: pages, GetBucketEncryption: reads, total: pages + reads },
  };
}

function request(minBuckets: number, callbackContext?: JsonObject): JsonObject {
  return {
    clientRequestToken: '00000000-0000-4000-8000-000000000000',
    awsAccountId: '123456789012',
    stackId: `arn:aws:cloudformation:${REGION}:123456789012:stack/bench/00000000-0000-4000-8000-000000000001`,
    hookTypeName: 'MyCompany::Testing::MyTestHook',
    hookModel: { encryptionAlgorithm: 'AES256', minBuckets: String(minBuckets) },
    actionInvocationPoint: 'DELETE_PRE_PROVISION',
    requestData: {
      targetName: 'AWS::S3::Bucket',
      targetType: 'RESOURCE',
      targetLogicalId: 'Doomed',
      targetModel: { resourceProperties: { BucketName: DOOMED } },
    },
    requestContext: { invocation: 1, callbackContext: callbackContext ?? null },
  };
}

function resetCalls(account: SimulatedAccount): void {
  for (const operation of Object.keys(account.calls) as Array<keyof typeof account.calls>) account.calls[operation] = 0;
}

function callsOf(account: SimulatedAccount) {
  const { ListBuckets, GetBucketEncryption } = account.calls;
  return { ListBuckets, GetBucketEncryption, total: ListBuckets + GetBucketEncryption };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** A Lambda context whose clock is the real one, with `budgetMs` from now. */
function lambdaContext(budgetMs: number): InvocationContext {
  const deadline = performance.now() + budgetMs;
  return { getRemainingTimeInMillis: () => Math.floor(deadline - performance.now()) };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { account, matching } = inventory();
  const transport = new LatentTransport(account, LATENCY_MS);
  const clients: AwsClientFactory = (credentials, region) => {
    const common = { region, credentials: credentials ?? { accessKeyId: 'ASIABENCHMARK0000000', secretAccessKey: 'bench' }, requestHandler: transport, maxAttempts: 1 };
    return { s3: new S3Client(common), sqs: new SQSClient(common) };
  };
  const handler = createEntrypoint({ clients, log: () => undefined, concurrency: CONCURRENCY });
  // The resume case measures the cursor's cost across many invocations, so it lifts the service's bound of three
  // IN_PROGRESS answers (with it, the handler answers FAILED with its count at the fourth: the bound case below).
  const unbounded = createEntrypoint({ clients, log: () => undefined, concurrency: CONCURRENCY, maxInProgressAnswers: Infinity });
  const encrypted = matching.filter(Boolean).length;

  const cases = [];
  // 10,001 can never be met by 10,000 buckets: the handler must list and read them all before it can say so.
  for (const minBuckets of [1, 100, 5000, BUCKETS + 1]) {
    const times: number[] = [];
    let answer: HookProgressEvent | undefined;
    let calls = callsOf(account);
    for (let run = 0; run < RUNS; run++) {
      resetCalls(account);
      const start = performance.now();
      answer = await handler(request(minBuckets));
      times.push(performance.now() - start);
      calls = callsOf(account);
    }
    const minimum = minimumCalls(matching, minBuckets);
    cases.push({
      minBuckets,
      hookStatus: answer?.hookStatus,
      ...(answer?.errorCode ? { errorCode: answer.errorCode } : {}),
      calls,
      minimumCalls: minimum,
      // Reads started beyond the scan's own minimum: the calls in flight when the minimum was reached.
      overshoot: calls.GetBucketEncryption - minimum.inListingOrder.GetBucketEncryption,
      wallMs: +median(times).toFixed(1),
    });
  }

  // Under a short budget the handler answers IN_PROGRESS and is invoked again with its callbackContext,
  // as the service does; the resumed run must reach the straight run's verdict without skipping or re-counting.
  const resumeCase = BUCKETS + 1;
  resetCalls(account);
  const straight = await handler(request(resumeCase));
  const straightCalls = callsOf(account);
  resetCalls(account);
  const start = performance.now();
  const run = await invokeUntilAnswered(unbounded, (callbackContext) => request(resumeCase, callbackContext), 10_000);
  const resumedCalls = callsOf(account);
  const resumedMs = +(performance.now() - start).toFixed(1);
  // The same under the service's bound: the fourth invocation answers with what was counted, not a fourth IN_PROGRESS.
  resetCalls(account);
  const bounded = await invokeUntilAnswered(handler, (callbackContext) => request(resumeCase, callbackContext), 10);
  const resumed = {
    minBuckets: resumeCase,
    budgetMs: SHORT_BUDGET_MS,
    safetyMarginMs: 5000,
    invocations: run.invocations,
    inProgressAnswers: run.invocations - 1,
    calls: resumedCalls,
    straightRunCalls: straightCalls,
    // Results that arrived out of order past the saved cursor are dropped and read again on the next invocation.
    rereads: resumedCalls.GetBucketEncryption - straightCalls.GetBucketEncryption,
    sameVerdict: run.answer.hookStatus === straight.hookStatus && run.answer.message === straight.message,
    wallMs: resumedMs,
    underServiceBound: { invocations: bounded.invocations, hookStatus: bounded.answer.hookStatus, errorCode: bounded.answer.errorCode ?? null, calls: callsOf(account) },
  };

  process.stdout.write(`${JSON.stringify({ buckets: BUCKETS, matchingBuckets: encrypted, concurrency: CONCURRENCY, latencyMs: LATENCY_MS, runsPerCase: RUNS, cases, resumed })}\n`);
}

/**
 * Invokes the handler as the service does under a short budget: again with its callbackContext while it answers
 * IN_PROGRESS, up to `most` invocations. The final answer and how many invocations it took.
 */
async function invokeUntilAnswered(
  handler: ReturnType<typeof createEntrypoint>,
  requestWith: (callbackContext: JsonObject | undefined) => unknown,
  most: number,
): Promise<{ answer: HookProgressEvent; invocations: number }> {
  let callbackContext: JsonObject | undefined;
  for (let invocations = 1; invocations <= most; invocations++) {
    const answer = await handler(requestWith(callbackContext), lambdaContext(SHORT_BUDGET_MS + 5000));
    if (answer.hookStatus !== 'IN_PROGRESS') return { answer, invocations };
    callbackContext = answer.callbackContext;
  }
  throw new Error(`preDelete answered IN_PROGRESS ${most} times`);
}

main().catch((error: unknown) => {
  process.stderr.write(`preDelete benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
