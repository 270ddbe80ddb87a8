import { InputError, type Diagnostic } from '../kernel/diagnostics';

/**
 * Why the contract runner could not run: bad arguments or unusable inputs (exit 2). One of the kernel's
 * InputErrors: an error without a place in a file carries one diagnostic with no file, and `located` is false
 * (its message is the whole story).
 */
export class ContractInputError extends InputError {
  /** True when the diagnostics point into the user's files. */
  readonly located: boolean;

  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(diagnostics.length > 0 ? diagnostics : [{ code: 'CT_INPUT', severity: 'error', message, path: '', line: 0, column: 0 }]);
    this.message = message;
    this.located = diagnostics.length > 0;
  }
}
