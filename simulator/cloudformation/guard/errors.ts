/** The errors of the Guard module: what a user can fix (a binary to name, a document that cannot be built). */
import { InputError, type Diagnostic } from '../../../src/kernel/diagnostics';

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

/** Why cfn-guard cannot read a user's rules: a rules file does not parse, or a file is not UTF-8. */
export type GuardRulesCode = 'GUARD_RULES_PARSE' | 'GUARD_RULES_NOT_UTF8';

/** Rules or input-parameter files cfn-guard cannot read, one located diagnostic per file at fault. */
export class GuardRulesError extends InputError {
  readonly code: GuardRulesCode;
  constructor(diagnostics: readonly (Diagnostic & { readonly code: GuardRulesCode })[]) {
    super(diagnostics);
    this.code = diagnostics[0]?.code ?? 'GUARD_RULES_PARSE';
  }
}

/**
 * The temporary folder (TMPDIR, else /tmp) cannot take the files cfn-guard reads (the input documents, rules from
 * an archive): it is missing, full or read-only. The run's environment, not the user's template, and not a bug.
 */
export class GuardScratchError extends InputError {
  readonly code = 'GUARD_TMPDIR_UNUSABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super([{ code: 'GUARD_TMPDIR_UNUSABLE', severity: 'error', message, path: '', line: 0, column: 0 }], options);
  }
}
