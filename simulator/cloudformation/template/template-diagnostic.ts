/**
 * Every error the reader can report, with a stable code, and the one way to build its Diagnostic.
 */
import type { Diagnostic } from '../../../src/kernel/diagnostics';

/** Stable codes of the reader's diagnostics (documented in docs/templates.md). */
export type TemplateCode =
  | 'TPL_INVALID_UTF8'
  | 'TPL_TOO_LARGE'
  | 'TPL_EMPTY'
  | 'TPL_JSON_SYNTAX'
  | 'TPL_YAML_SYNTAX'
  | 'TPL_TAB_INDENT'
  | 'TPL_MULTIPLE_DOCUMENTS'
  | 'TPL_DUPLICATE_KEY'
  | 'TPL_UNKNOWN_TAG'
  | 'TPL_NON_SCALAR_KEY'
  | 'TPL_MERGE_KEY'
  | 'TPL_YAML_ALIAS'
  | 'TPL_ALIAS_EXPANSION'
  | 'TPL_TOO_DEEP'
  | 'TPL_NULL_VALUE'
  | 'TPL_NULL_DROPPED'
  | 'TPL_JSON_TRAILING_COMMA'
  | 'TPL_JSON_CONTROL_CHARACTER'
  | 'TPL_JSON_READ_AS_YAML'
  | 'TPL_NON_FINITE_NUMBER'
  | 'TPL_NOT_A_MAPPING'
  | 'TPL_UNKNOWN_SECTION'
  | 'TPL_MAPPING_VALUE'
  | 'TPL_SECTION_NOT_MAPPING'
  | 'TPL_FORMAT_VERSION'
  | 'TPL_DESCRIPTION'
  | 'TPL_NO_RESOURCES'
  | 'TPL_RESOURCE_NOT_MAPPING'
  | 'TPL_RESOURCE_TYPE'
  | 'TPL_UNKNOWN_RESOURCE_ATTRIBUTE'
  | 'TPL_UNKNOWN_PARAMETER_PROPERTY'
  | 'TPL_FOREACH_WITHOUT_TRANSFORM'
  | 'TPL_PARAMETER_TYPE'
  | 'TPL_NAME_CLASH'
  | 'TPL_OUTPUT_VALUE'
  | 'TPL_LIMIT_EXCEEDED'
  | 'TPL_UNREADABLE';

/** A problem found before positions are known: code, JSON pointer and message. */
export interface TemplateIssue {
  readonly code: TemplateCode;
  readonly pointer: string;
  readonly message: string;
  /** Where it is, when the finder already knows (parsers do); otherwise the pointer is located lazily. */
  readonly position?: { line: number; column: number };
  /** Point at the key written for the pointer rather than its value (e.g. an unknown section name). */
  readonly atKey?: boolean;
}

/** Builds the Diagnostic for one issue at a known position. */
export function templateDiagnostic(file: string, issue: TemplateIssue, position: { line: number; column: number }): Diagnostic {
  return {
    code: issue.code,
    severity: 'error',
    message: issue.message,
    file,
    path: issue.pointer,
    line: position.line,
    column: position.column,
  };
}
