/**
 * How resolution reports a fault. Inside the resolver a fault is a `ResolveIssue` (a code, a message and the
 * JSON pointer of the spot in the user's file); at the public boundary issues become located Diagnostics in a
 * `TemplateError`, so every error names file, line, column and pointer.
 */
import type { Diagnostic, Severity } from '../../../src/kernel/diagnostics';
import { escapePointerToken } from '../../../src/kernel/diagnostics';
import type { TemplateSource } from '../template/types';

/** Stable codes for everything resolution can report. */
export type ResolveCode =
  | 'RES_TEMPLATE_FORMAT'
  | 'RES_MISSING_PARAMETER'
  | 'RES_UNKNOWN_PARAMETER'
  | 'RES_PARAMETER_TYPE'
  | 'RES_PARAMETER_CONSTRAINT'
  | 'RES_PARAMETER_CONSTRAINT_PLACEHOLDER'
  | 'RES_PARAMETER_SSM'
  | 'RES_UNRECOGNIZED_TYPE'
  | 'RES_PARAMETER_SSM_PLACEHOLDER'
  | 'RES_PARAMETER_PLACEHOLDER'
  | 'RES_DEPLOYED_PARAMETER'
  | 'RES_PARAMETER_PATTERN_UNCHECKED'
  | 'RES_DYNAMIC_REFERENCE_PLACEHOLDER'
  | 'RES_IMPORT_VALUE_PLACEHOLDER'
  | 'RES_SELECT_PLACEHOLDER'
  | 'RES_CIDR_PLACEHOLDER'
  | 'RES_PARAMETERS_FILE'
  | 'RES_UNRESOLVED_REFERENCE'
  | 'RES_REMOVED_RESOURCE'
  | 'RES_UNKNOWN_ATTRIBUTE'
  | 'RES_UNKNOWN_PROPERTY'
  | 'RES_UNKNOWN_CONDITION'
  | 'RES_CONDITION_CYCLE'
  | 'RES_DEPENDENCY_CYCLE'
  | 'RES_UNKNOWN_FUNCTION'
  | 'RES_FUNCTION_ARGUMENTS'
  | 'RES_FUNCTION_NOT_ALLOWED'
  | 'RES_NO_VALUE_MISPLACED'
  | 'RES_MAPPING_KEY'
  | 'RES_SELECT_INDEX'
  | 'RES_SUB_VARIABLE'
  | 'RES_CIDR'
  | 'RES_IMPORT_VALUE'
  | 'RES_DYNAMIC_REFERENCE'
  | 'RES_TRANSFORM'
  | 'RES_LANGUAGE_EXTENSIONS'
  | 'RES_FOREACH'
  | 'RES_TOO_DEEP'
  | 'RES_TOO_LARGE'
  | 'RES_LIMIT_EXCEEDED'
  | 'RES_SAM_PASSTHROUGH'
  | 'RES_NESTED_STACK'
  | 'RES_SAM_GENERATED_QUEUE'
  | 'RES_SEPARATE_STACK'
  | 'RES_RULE_ASSERTION'
  | 'RES_RULE_NOT_EVALUATED'
  | 'RES_SAM_GENERATED_REFERENCE'
  | 'RES_MODULE_NOT_EXPANDED'
  | 'RES_STACK_OUTPUT'
  | 'RES_STACK_OUTPUT_PLACEHOLDER';

/** A fault found while resolving, pointing into the template. */
export class ResolveIssue extends Error {
  constructor(
    readonly code: ResolveCode,
    message: string,
    readonly pointer: string,
    readonly severity: Severity = 'error',
  ) {
    super(message);
    this.name = 'ResolveIssue';
  }
}

/**
 * Raised when a value depends on a resource that already failed: its own fault has been reported, so this
 * one is not (one mistake, one diagnostic).
 */
export class DependentFailure extends Error {
  constructor(readonly logicalId: string) {
    super(`depends on ${logicalId}, which could not be resolved`);
    this.name = 'DependentFailure';
  }
}

/**
 * A position in the template, kept as a cheap linked list and turned into a JSON pointer only when a
 * diagnostic needs one (evaluation visits every node; most never fail).
 */
export class Where {
  private constructor(
    private readonly base: string,
    private readonly parent: Where | undefined,
    private readonly key: string | number | undefined,
  ) {}

  /** A position given by an absolute JSON pointer. */
  static at(pointer: string): Where {
    return new Where(pointer, undefined, undefined);
  }

  /** The position of a child key or index. */
  child(key: string | number): Where {
    return new Where('', this, key);
  }

  /** The JSON pointer of this position. */
  pointer(): string {
    if (!this.parent) return this.base;
    return `${this.parent.pointer()}/${escapePointerToken(this.key as string | number)}`;
  }
}

/** A ResolveIssue at a position. */
export function issueAt(where: Where, code: ResolveCode, message: string): ResolveIssue {
  return new ResolveIssue(code, message, where.pointer());
}

/** Turns an issue into a Diagnostic located in the template's file. */
export function locateIssue(source: TemplateSource, issue: ResolveIssue): Diagnostic {
  const { line, column } = source.locate(issue.pointer);
  return { code: issue.code, severity: issue.severity, message: issue.message, file: source.file, path: issue.pointer, line, column };
}
