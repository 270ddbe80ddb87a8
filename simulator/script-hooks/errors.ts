/**
 * Errors the user can cause with bad input (a missing directory, an unreadable hooks-config.json). They carry
 * where and what, and end the simulation with exit code 2 before any hook runs. Hook failures are not errors:
 * they are the outcome the simulator exists to report.
 */
import type { Diagnostic } from '../../src/kernel/diagnostics';

/** Bad input to a lifecycle simulation; `diagnostics` says where. */
export class LifecycleInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'LifecycleInputError';
  }
}

/** The command line itself is wrong (unknown option, missing argument). */
export class LifecycleUsageError extends LifecycleInputError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'LifecycleUsageError';
  }
}
