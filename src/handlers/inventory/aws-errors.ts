/**
 * Maps an error from an AWS SDK call to the hook error code the answer carries. The SDK already
 * retried throttling and transient faults (standard retry mode) before the error reaches here.
 */
import type { HookErrorCode } from '../../kernel/protocol';
import { AwsCallError } from '../errors';

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AllAccessDisabled',
  'InvalidAccessKeyId',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidSecurity',
  'AuthorizationError',
]);
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'OverLimit',
]);
const NETWORK = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'NetworkingError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** The SDK's name for an error (e.g. AccessDenied), or its Node code for network errors. */
export function awsErrorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UnknownError';
  const shape = error as SdkErrorShape;
  if (typeof shape.code === 'string' && NETWORK.has(shape.code)) return shape.code;
  if (typeof shape.name === 'string' && shape.name !== 'Error') return shape.name;
  if (typeof shape.code === 'string') return shape.code;
  return 'UnknownError';
}

/** The hook error code for an SDK error. */
export function hookCodeForAwsError(error: unknown): HookErrorCode {
  const name = awsErrorName(error);
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  // Names first: SQS answers throttling with HTTP 403, which the status alone would call AccessDenied.
  if (THROTTLING.has(name)) return 'Throttling';
  if (ACCESS_DENIED.has(name)) return 'AccessDenied';
  if (status === 429) return 'Throttling';
  if (status === 403) return 'AccessDenied';
  if (NETWORK.has(name)) return 'NetworkFailure';
  if (shape.$fault === 'server' || (status !== undefined && status >= 500)) return 'ServiceInternalError';
  if (shape.$fault === 'client' || status !== undefined) return 'GeneralServiceException';
  // A bug of ours surfacing inside a call is not an AWS problem.
  if (PROGRAMMING_ERRORS.has(name)) return 'InternalFailure';
  // No HTTP response at all: the request never got an answer.
  return 'NetworkFailure';
}

/** Wraps an SDK error as an AwsCallError whose message names the call; never includes credentials. */
export function awsCallError(error: unknown, call: string): AwsCallError {
  const name = awsErrorName(error);
  const detail = typeof error === 'object' && error !== null && typeof (error as SdkErrorShape).message === 'string' ? (error as { message: string }).message : '';
  const code = hookCodeForAwsError(error);
  return new AwsCallError(code, call, name, `${call} failed with ${name}${detail && detail !== name ? `: ${detail}` : ''}`);
}

/** True when the error is the SDK reporting a call it aborted on our request. */
export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as SdkErrorShape).name === 'AbortError';
}
