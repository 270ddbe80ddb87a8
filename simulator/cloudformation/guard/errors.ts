/** The errors of the Guard module: what a user can fix (a binary to name, a document that cannot be built). */
import { InputError } from '../../../src/kernel/diagnostics';

/** Why no usable cfn-guard was found: none given, found or fetchable, or the one named does not run. */
export type CfnGuardUnavailableCode = 'GUARD_NOT_FOUND' | 'GUARD_NOT_RUNNABLE' | 'GUARD_FETCH_FAILED' | 'GUARD_UNSUPPORTED_PLATFORM';

/** No cfn-guard the simulator can run; `tried` lists every place looked at, in order, with what was wrong there. */
export class CfnGuardUnavailableError extends InputError {
  constructor(
    readonly code: CfnGuardUnavailableCode,
    message: string,
    readonly tried: readonly string[],
    options?: { cause?: unknown },
  ) {
    super([{ code, severity: 'error', message, path: '', line: 0, column: 0 }], options);
  }
}

/** A Guard input document that cannot be built as asked (a template key that would hide the hook's own keys). */
export class GuardInputError extends InputError {
  constructor(
    readonly code: 'GUARD_INPUT_KEY_CLASH',
    message: string,
    readonly path: string,
  ) {
    super([{ code, severity: 'error', message, path, line: 0, column: 0 }]);
  }
}
