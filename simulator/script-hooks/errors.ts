/**
 * Errors the user can cause with bad input (a missing directory, an unreadable hooks-config.json). They carry
 * where and what, and end the simulation with exit code 2 before any hook runs. Hook failures are not errors:
 * they are the outcome the simulator exists to report.
 */
import { InputError, type Diagnostic, type DiagnosticCode } from '../../src/kernel/diagnostics';

/**
 * Bad input to a lifecycle simulation; `diagnostics` says where. One of the kernel's InputErrors: an error without
 * a place in a file carries one diagnostic with no file (printed as `CODE message`).
 */
export class LifecycleInputError extends InputError {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    diagnostics: readonly Diagnostic[] = [],
  ) {
    super(diagnostics.length > 0 ? diagnostics : [{ code, severity: 'error', message, path: '', line: 0, column: 0 }]);
    this.message = message;
  }
}

/** The command line itself is wrong (unknown option, missing argument). */
export class LifecycleUsageError extends LifecycleInputError {
  constructor(message: string) {
    super('USAGE', message);
  }
}
