import { formatDiagnostic, InputError } from '../../src/kernel/diagnostics';

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
