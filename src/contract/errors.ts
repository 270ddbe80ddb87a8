import type { Diagnostic } from '../kernel/diagnostics';

/** Why the contract runner could not run: bad arguments or unusable inputs (exit 2). Carries located diagnostics when there are some. */
export class ContractInputError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'ContractInputError';
  }
}
