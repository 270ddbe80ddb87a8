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
