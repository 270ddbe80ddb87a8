/**
 * The Lambda function a Lambda hook names, as Lambda runs it: what a Node.js function's context says about it
 * (functionName, functionVersion, invokedFunctionArn, memoryLimitInMB, logGroupName, logStreamName; Lambda's
 * nodejs-context page) and the environment variables Lambda sets for it (AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, …;
 * configuration-envvars, "Defined runtime environment variables"). A function that reads its account from
 * `context.invokedFunctionArn.split(':')[4]`, or its region from `process.env.AWS_REGION`, runs here as in Lambda.
 */
import { basename, extname } from 'node:path';
import { partitionOf } from '../../../../src/kernel/aws/partitions';
import { seededUuids } from '../request-tokens';

/** The function as its context and environment describe it. */
export interface LambdaFunctionIdentity {
  readonly functionName: string;
  /** `$LATEST`, or the qualifier the hook names the function with. */
  readonly functionVersion: string;
  /** The ARN the function is invoked by: qualified when the hook's `LambdaFunction` is. */
  readonly invokedFunctionArn: string;
  /** A string, as the Node.js runtime reads it from AWS_LAMBDA_FUNCTION_MEMORY_SIZE. */
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  /** The region the function runs in: its ARN's, else the run's. */
  readonly region: string;
}

/** [choice] Lambda's default memory size: the function's configuration is not in the hooks file. */
export const LAMBDA_MEMORY_MB = 128;

/**
 * A function reference as Lambda's Invoke reads `FunctionName`: a name (`checker`), a partial ARN
 * (`123456789012:function:checker`) or a full ARN, each with an optional version or alias (`:live`, `:3`).
 */
const FUNCTION_REFERENCE = /^(?:arn:([^:]+):lambda:([^:]*):(\d{12}):function:|(\d{12}):function:)?([A-Za-z0-9_-]{1,64})(?::(\$LATEST|[A-Za-z0-9_-]+))?$/;

/**
 * The function a hook's `LambdaFunction` names, normalised as Lambda does: a name or a partial ARN is a function of
 * the run's account (the stack's, `--account-id`) and region (`--region`); a full ARN names its own.
 * [choice] A `LambdaFunction` that is itself a local module path (`./hooks/tags.js#check`) names no function: the
 * module's file name stands for it (`tags`), in the run's account and region.
 * [choice] A qualified reference's qualifier is its version: Lambda gives an alias's function the version the alias
 * points to, which only the account knows.
 */
export function lambdaFunctionOf(declared: string, run: { readonly region: string; readonly accountId: string }): LambdaFunctionIdentity {
  const reference = FUNCTION_REFERENCE.exec(declared);
  const [, arnPartition, arnRegion, arnAccount, partialAccount, name = moduleFunctionName(declared), qualifier] = reference ?? [];
  const region = arnRegion || run.region;
  const accountId = arnAccount ?? partialAccount ?? run.accountId;
  const partition = arnPartition ?? partitionOf(region);
  const unqualified = `arn:${partition}:lambda:${region}:${accountId}:function:${name}`;
  return {
    functionName: name,
    functionVersion: qualifier ?? '$LATEST',
    invokedFunctionArn: qualifier !== undefined ? `${unqualified}:${qualifier}` : unqualified,
    memoryLimitInMB: String(LAMBDA_MEMORY_MB),
    logGroupName: `/aws/lambda/${name}`,
    region,
  };
}

/** A module path's file name as a function name: Lambda's characters only, 64 at most. */
function moduleFunctionName(path: string): string {
  const file = basename(path.replace(/#[^/]*$/, ''));
  const name = basename(file, extname(file)).replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
  return name === '' ? 'function' : name;
}

/** What one execution environment of the function is given: its context's fields and its environment variables. */
export interface LambdaRuntimeSetting {
  /** The context's fields about the function (awsRequestId and getRemainingTimeInMillis are each call's). */
  readonly context: Readonly<Record<string, string | boolean>>;
  /** The variables Lambda defines, for the function's runtime only (never the simulator's own process). */
  readonly env: Readonly<Record<string, string>>;
}

/** The setting of the function's `runtime`-th execution environment (1 for the first). */
export function lambdaRuntimeFor(fn: LambdaFunctionIdentity, runtime: number): LambdaRuntimeSetting {
  const logStreamName = logStreamNameOf(fn, runtime);
  return { context: lambdaContextFields(fn, logStreamName), env: lambdaEnvironment(fn, logStreamName) };
}

/**
 * The log stream of the function's `runtime`-th execution environment, in Lambda's shape
 * (`2021/06/28/[$LATEST]2f399eb14537447da05ab2a2e39309de`). [choice] Deterministic, so that runs repeat: the date is
 * fixed (1970/01/01) and the 32 hex digits are derived from the function's ARN and the runtime's number (a runtime
 * restarted after `process.exit()` is a new environment, with a stream of its own, as in Lambda).
 */
function logStreamNameOf(fn: LambdaFunctionIdentity, runtime: number): string {
  const hex = seededUuids(`lambda-log-stream:${fn.invokedFunctionArn}:${runtime}`)().replace(/-/g, '');
  return `1970/01/01/[${fn.functionVersion}]${hex}`;
}

function lambdaContextFields(fn: LambdaFunctionIdentity, logStreamName: string): Readonly<Record<string, string | boolean>> {
  return {
    functionName: fn.functionName,
    functionVersion: fn.functionVersion,
    invokedFunctionArn: fn.invokedFunctionArn,
    memoryLimitInMB: fn.memoryLimitInMB,
    logGroupName: fn.logGroupName,
    logStreamName,
    // The Node.js runtime's default; a function may set it (it changes nothing here).
    callbackWaitsForEmptyEventLoop: true,
  };
}

/**
 * The variables Lambda defines for the function. [choice] AWS_EXECUTION_ENV names the Node.js major version the
 * simulator runs on (`AWS_Lambda_nodejs22.x`).
 */
function lambdaEnvironment(fn: LambdaFunctionIdentity, logStreamName: string): Readonly<Record<string, string>> {
  return {
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: fn.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: fn.memoryLimitInMB,
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0] ?? ''}.x`,
  };
}
