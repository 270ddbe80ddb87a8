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

/**
 * The diagnostics of the error of class `kind` (an InputError, or a subclass such as TemplateError) that `run` throws;
 * fails the test when it throws nothing or another error.
 */
export function thrownDiagnostics(run: () => unknown, kind: abstract new (...args: never[]) => InputError = InputError): readonly Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (error instanceof kind) return error.diagnostics;
    throw error;
  }
  throw new Error(`expected ${kind.name === 'InputError' ? 'an input error' : `a ${kind.name}`}`);
}
