import { formatDiagnostic, InputError, type Diagnostic } from '../../src/kernel/diagnostics';

/** The printed diagnostics of the InputError `run` throws; fails the test when it throws nothing or another error. */
export function inputErrorText(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics.map(formatDiagnostic).join('\n');
    throw error;
  }
  throw new Error('expected an input error');
}

/** The diagnostics of the InputError (a TemplateError among them) `run` throws; fails the test when it throws nothing or another error. */
export function inputErrorDiagnostics(run: () => unknown): readonly Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected an input error');
}
