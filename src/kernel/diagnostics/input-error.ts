import type { Diagnostic } from './diagnostic';

/**
 * The one base of every error a user's input can cause (a file, a flag, a document). Commands recognise it with
 * `instanceof` and print its diagnostics as `file:line:col CODE message` with exit 2; anything else is a bug.
 * Subclasses only name the module they come from: the data is here.
 */
export class InputError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    options?: { cause?: unknown },
  ) {
    super(diagnostics.map((d) => d.message).join('; ') || 'invalid input', options);
    this.name = new.target.name;
  }
}

/** True for any input error, whichever module raised it (even one loaded lazily). */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
