/**
 * The shipping commands' errors. Each carries data (what failed, where, what to do) so the CLI can print
 * one clear line and pick the exit code without parsing messages.
 */
import type { Diagnostic } from '../kernel/diagnostics';

/** The base of every error the shipping code raises on purpose. */
export class ShipError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ShipError';
  }
}

/** A project file is missing or malformed (exit 2): `file`, and the position when one is known. */
export class ProjectError extends ShipError {
  constructor(
    message: string,
    readonly file: string,
    readonly line = 0,
    readonly column = 0,
    code = 'PROJECT_INVALID',
  ) {
    super(message, code);
    this.name = 'ProjectError';
  }
}

/** The project's validator refused a document (the hook schema or a hook configuration); exit 1. */
export class DocumentRejectedError extends ShipError {
  constructor(
    message: string,
    readonly file: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message, 'DOCUMENT_REJECTED');
    this.name = 'DocumentRejectedError';
  }
}

/**
 * An AWS API call failed. `api` is the operation (`cloudformation:RegisterType`), `awsCode` the service's
 * error code, `advice` what the user can do about it.
 */
export class AwsCallError extends ShipError {
  constructor(
    readonly api: string,
    readonly awsCode: string,
    readonly awsMessage: string,
    readonly advice: string,
  ) {
    super(`${api} failed: ${awsCode}: ${awsMessage}${advice ? `\n  what to do: ${advice}` : ''}`, 'AWS_CALL_FAILED');
    this.name = 'AwsCallError';
  }

  /** Missing credentials or region are the caller's setup, not a failed operation. */
  get isSetupProblem(): boolean {
    return this.awsCode === 'CredentialsProviderError' || this.awsCode === 'RegionMissing' || this.awsCode === 'ProfileNotFound';
  }
}

/** Something AWS did that is not a failed call: a stack that did not reach its target state, a registration that failed or timed out. */
export class DeploymentError extends ShipError {
  constructor(
    message: string,
    code: string,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message, code);
    this.name = 'DeploymentError';
  }
}
