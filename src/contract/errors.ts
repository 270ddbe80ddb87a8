import { InputError, type Diagnostic, type DiagnosticCode } from '../kernel/diagnostics';

/**
 * Why the contract runner could not run: bad arguments or unusable inputs (exit 2). One of the kernel's
 * InputErrors: an error without a place in a file carries one diagnostic with no file (`file: ''`, as simulate and
 * validate write it), and `located` is false (its message is the whole story).
 */
export class ContractInputError extends InputError {
  /** True when the diagnostics point into the user's files. */
  readonly located: boolean;

  constructor(message: string, diagnostics: readonly Diagnostic[] = [], code: DiagnosticCode = 'CT_INPUT') {
    super(diagnostics.length > 0 ? diagnostics : [{ code, severity: 'error', message, file: '', path: '', line: 0, column: 0 }]);
    this.message = message;
    this.located = diagnostics.length > 0;
  }
}

/** A command line the runner cannot use (an unknown option, a bad value): code `USAGE`, as every command reports it. */
export function contractUsageError(message: string): ContractInputError {
  return new ContractInputError(message, [], 'USAGE');
}
