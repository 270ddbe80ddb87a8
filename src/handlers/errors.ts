/**
 * Why the handler could not judge a request. Each error carries the hook error code it answers with;
 * a non-compliant resource is never one of these (that is a finding, see checks/).
 */
import type { HookErrorCode } from '../kernel/protocol';

/** Base of the handler's errors: `code` is the errorCode of the FAILED answer. */
export class HookHandlerError extends Error {
  constructor(
    readonly code: HookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed (not the shape CloudFormation sends). `field` is where, as a dotted path. */
export class InvalidRequestError extends HookHandlerError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('InvalidRequest', message);
  }
}

/** A type configuration property does not parse. */
export class TypeConfigurationError extends HookHandlerError {
  constructor(
    readonly property: string,
    message: string,
  ) {
    super('InvalidTypeConfiguration', message);
  }
}

/** The hook is not written for this target type. */
export class UnsupportedTargetError extends HookHandlerError {
  constructor(readonly targetName: string, message: string) {
    super('UnsupportedTarget', message);
  }
}

/** An AWS call failed; `call` names it (e.g. `s3:GetBucketEncryption(my-bucket)`), `awsErrorName` is the SDK's name. */
export class AwsCallError extends HookHandlerError {
  constructor(
    code: HookErrorCode,
    readonly call: string,
    readonly awsErrorName: string,
    message: string,
  ) {
    super(code, message);
  }
}
