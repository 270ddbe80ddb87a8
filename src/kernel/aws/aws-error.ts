/**
 * Turning an AWS SDK v3 error into something a platform engineer can act on: the call that failed,
 * the service's error code, and what to do (for AccessDenied: the exact IAM action to add).
 * Duck-typed on purpose: importing the SDK's exception classes would load the clients just to print an error.
 */

/**
 * An AWS API call a tool made failed (submit, configure, package --fetch-target-schemas, the simulator's deployed
 * state): `api` is the operation (`cloudformation:RegisterType`), `awsCode` the service's error code, `advice` what
 * the person running the tool can do about it. (The hook handler's own AWS failures are src/handlers' AwsOperationError,
 * which becomes a progress event, not a message to a person.)
 */
export class AwsOperationError extends Error {
  readonly code = 'AWS_CALL_FAILED';

  constructor(
    readonly api: string,
    readonly awsCode: string,
    readonly awsMessage: string,
    readonly advice: string,
  ) {
    super(`${api} failed: ${awsCode}: ${awsMessage}${advice ? `\n  what to do: ${advice}` : ''}`);
    this.name = 'AwsOperationError';
  }

  /** Missing credentials or region are the caller's setup, not a failed operation. */
  get isSetupProblem(): boolean {
    return this.awsCode === 'CredentialsProviderError' || this.awsCode === 'RegionMissing' || this.awsCode === 'ProfileNotFound';
  }
}

/** The IAM actions a call needs beyond its own `service:Operation` action. */
const EXTRA_PERMISSIONS: Readonly<Record<string, string>> = {
  'cloudformation:RegisterType': 'iam:PassRole on the execution role and on the log delivery role',
  'cloudformation:CreateStack':
    'the permissions to create the stack\'s resources (iam:CreateRole, iam:PutRolePolicy, iam:GetRole, iam:TagRole for the role stack; s3:CreateBucket, s3:PutBucket*, s3:PutEncryptionConfiguration, s3:PutLifecycleConfiguration, iam:CreateRole for the upload stack)',
  'cloudformation:UpdateStack': 'the permissions to update the stack\'s resources (see docs/shipping.md)',
};

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Forbidden', 'AuthorizationError']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidAccessKeyId', 'InvalidSignatureException']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown', 'RequestLimitExceeded']);
const NETWORK = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'NetworkingError']);

/** The error code of anything an SDK call threw: the service's code, or a local one for setup and network failures. */
export function awsErrorCode(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError';
  const record = error as Error & { Code?: unknown; code?: unknown };
  if (/region is missing/i.test(error.message)) return 'RegionMissing';
  if (typeof record.Code === 'string' && record.Code) return record.Code;
  if (typeof record.code === 'string' && NETWORK.has(record.code)) return record.code;
  return error.name && error.name !== 'Error' ? error.name : 'UnknownError';
}

/** Wraps an error thrown by `client.send(new XCommand(...))` as an AwsOperationError for `service:Operation`. */
export function explainAwsError(error: unknown, api: string): AwsOperationError {
  if (error instanceof AwsOperationError) return error;
  const code = awsErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AwsOperationError(api, code, message, adviceFor(api, code, message));
}

/** What to do about `code` returned by `api`; '' when the service's message is all there is to say. */
export function adviceFor(api: string, code: string, message: string): string {
  if (ACCESS_DENIED.has(code)) {
    const extra = EXTRA_PERMISSIONS[api];
    return `grant the caller the IAM action ${api}${extra ? `, and ${extra}` : ''}`;
  }
  if (EXPIRED.has(code)) return 'the credentials have expired: refresh them (e.g. `aws sso login --profile <name>`) and run again';
  if (BAD_CREDENTIALS.has(code)) return 'the credentials are not valid for this account or region: check AWS_PROFILE/--profile and the keys it uses';
  if (code === 'CredentialsProviderError' || code === 'ProfileNotFound') {
    return 'no usable AWS credentials: pass --profile <name>, set AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  }
  if (code === 'RegionMissing') return 'no region: pass --region <region> or set AWS_REGION';
  if (THROTTLED.has(code)) return 'the account is being throttled: wait a minute and run again';
  if (NETWORK.has(code)) return 'the AWS endpoint could not be reached: check the network, proxy settings and the region name';
  if (code === 'TypeNotFoundException') return 'the hook is not registered in this account and region: run `npm run submit` first (or check --region)';
  if (code === 'TypeConfigurationNotFoundException') return 'the hook has no configuration yet: run `npm run configure -- --config <file>`';
  if (code === 'NoSuchBucket') return 'the upload bucket no longer exists: delete the stack that created it and run again';
  if (code === 'ValidationError' && /does not exist/i.test(message)) return 'no such stack in this account and region: check the stack name and --region';
  if (code === 'ValidationError' && /(ROLLBACK_COMPLETE|ROLLBACK_FAILED|DELETE_FAILED)/.test(message)) {
    return 'the stack is stuck after a failed create: delete it (`aws cloudformation delete-stack --stack-name <name>`) and run again';
  }
  if (code === 'ValidationError' && /IN_PROGRESS state/.test(message)) return 'another operation is running on the stack: wait for it to finish and run again';
  if (code === 'CFNRegistryException') return 'the CloudFormation registry refused the request; its message above says why';
  return '';
}
