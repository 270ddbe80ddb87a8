/**
 * Reading what `cfn-guard validate --output-format json --show-summary none --structured` printed, and turning it
 * into what the service reports: a verdict, the message (`Template failed validation, the following rule(s) failed:
 * a, b.`) and one annotation per rule. The report's grammar is cfn-guard's (`guard/src/rules/eval_context.rs`):
 * `[{name, metadata, status, not_compliant: ClauseReport[], not_applicable: string[], compliant: string[]}]`.
 */
import { isJsonObject, type Annotation } from '../../../src/kernel/protocol';

/** What a Guard hook concluded: the rules passed, some failed, or the engine could not judge (the hook errored). */
export type GuardStatus = 'SUCCESS' | 'FAILED' | 'ERROR';

/** The verdict as the service reports it. */
export interface GuardVerdict {
  readonly status: GuardStatus;
  /** The hook's message (`HookStatusReason` after `Hook failed with message: `). */
  readonly message: string;
  readonly annotations: Annotation[];
}

/** The success message the service reports (cfn101 workshop: `Hook succeeded with message: Successful validation`). */
export const GUARD_SUCCESS_MESSAGE = 'Successful validation';

/** The service's failure message: the failed rules' names, sorted, joined with `, `, ending with a period. */
export function failedRulesMessage(ruleNames: readonly string[]): string {
  return `Template failed validation, the following rule(s) failed: ${sortedUnique(ruleNames).join(', ')}.`;
}

/** [choice] The status message of a PASSED annotation (the service's text is unknown). */
export const PASSED_STATUS_MESSAGE = 'The rule passed.';
/** [choice] The status message of a SKIPPED annotation: Guard found nothing its `when` conditions select. */
export const SKIPPED_STATUS_MESSAGE = 'The rule did not apply: its when conditions selected nothing.';

/** `Annotation.StatusMessage` and `RemediationMessage` are at most 16 384 characters, `AnnotationName` 1 024 (API model). */
const MAX_ANNOTATION_TEXT = 16_384;
const MAX_ANNOTATION_NAME = 1_024;

/** One file's report, the part the simulator reads. */
interface FileReport {
  readonly status: 'PASS' | 'FAIL' | 'SKIP';
  readonly not_compliant: readonly unknown[];
  readonly not_applicable: readonly string[];
  readonly compliant: readonly string[];
}

/** The messages one failing check carries: Guard's own text and the rule author's `<< >>` text. */
interface CheckMessages {
  readonly errorMessage: string | null;
  readonly customMessage: string | null;
}

/** A report that is not the shape cfn-guard prints. */
export class GuardReportError extends Error {}

/**
 * Reads the report of one data file and builds the verdict for `expected` (PASS for exit 0, FAIL for exit 19).
 * Throws GuardReportError when the report is not what cfn-guard prints or contradicts the exit code.
 */
export function verdictFromReport(stdout: string, expected: 'PASS' | 'FAIL'): GuardVerdict {
  const report = readFileReport(stdout);
  if (expected === 'PASS' && report.status === 'FAIL') throw new GuardReportError('cfn-guard exited 0 but its report says FAIL');
  if (expected === 'FAIL' && report.status !== 'FAIL') throw new GuardReportError(`cfn-guard exited 19 but its report says ${report.status}`);
  const failed = new Map<string, CheckMessages[]>();
  for (const entry of report.not_compliant) {
    const { name, checks } = ruleFailures(entry);
    failed.set(name, [...(failed.get(name) ?? []), ...checks]);
  }
  if (expected === 'FAIL' && failed.size === 0) throw new GuardReportError('cfn-guard reported FAIL without a failing rule');
  const failedNames = sortedUnique([...failed.keys()]);
  const annotations: Annotation[] = [
    ...failedNames.map((name) => failedAnnotation(name, failed.get(name) ?? [])),
    ...sortedUnique(report.compliant).filter((name) => !failed.has(name)).map((name) => simpleAnnotation(name, 'PASSED', PASSED_STATUS_MESSAGE)),
    ...sortedUnique(report.not_applicable).filter((name) => !failed.has(name)).map((name) => simpleAnnotation(name, 'SKIPPED', SKIPPED_STATUS_MESSAGE)),
  ];
  if (expected === 'PASS') return { status: 'SUCCESS', message: GUARD_SUCCESS_MESSAGE, annotations };
  return { status: 'FAILED', message: failedRulesMessage(failedNames), annotations };
}

function readFileReport(stdout: string): FileReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new GuardReportError(`cfn-guard printed something that is not JSON: ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  if (!Array.isArray(parsed) || parsed.length !== 1) throw new GuardReportError('cfn-guard printed no report, or more than one, for the one input document');
  const report: unknown = parsed[0];
  if (
    !isJsonObject(report) ||
    !['PASS', 'FAIL', 'SKIP'].includes(String(report.status)) ||
    !Array.isArray(report.not_compliant) ||
    !isStringArray(report.not_applicable) ||
    !isStringArray(report.compliant)
  ) {
    throw new GuardReportError('cfn-guard printed a report without status, not_compliant, not_applicable and compliant');
  }
  return report as unknown as FileReport;
}

/** The rule a top-level not_compliant entry is about and the messages of its failing checks, depth first. */
function ruleFailures(entry: unknown): { name: string; checks: CheckMessages[] } {
  const rule = isJsonObject(entry) && isJsonObject(entry.Rule) ? entry.Rule : undefined;
  if (rule === undefined || typeof rule.name !== 'string' || rule.name === '') {
    throw new GuardReportError(`a not_compliant entry is not a rule: ${JSON.stringify(entry).slice(0, 200)}`);
  }
  const checks: CheckMessages[] = [];
  collectChecks(entry, checks);
  return { name: rule.name, checks };
}

function collectChecks(clause: unknown, out: CheckMessages[]): void {
  if (!isJsonObject(clause)) return;
  if (isJsonObject(clause.Rule)) {
    pushMessages(clause.Rule.messages, out);
    for (const check of arrayOf(clause.Rule.checks)) collectChecks(check, out);
  } else if (isJsonObject(clause.Disjunctions)) {
    for (const check of arrayOf(clause.Disjunctions.checks)) collectChecks(check, out);
  } else if (isJsonObject(clause.Block)) {
    pushMessages(clause.Block.messages, out);
  } else if (isJsonObject(clause.Clause)) {
    const leaf = clause.Clause.Unary ?? clause.Clause.Binary;
    if (isJsonObject(leaf)) pushMessages(leaf.messages, out);
  }
}

function pushMessages(messages: unknown, out: CheckMessages[]): void {
  if (!isJsonObject(messages)) return;
  const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
  const entry = { errorMessage: text(messages.error_message), customMessage: text(messages.custom_message) };
  if (entry.errorMessage !== null || entry.customMessage !== null) out.push(entry);
}

/**
 * [choice] One FAILED annotation per rule (the API: "For Guard, this is the rule ID"): StatusMessage = Guard's own
 * error text of each failing check, RemediationMessage = the rule author's `<< >>` text verbatim (the observed
 * annotation keeps its newlines and indentation); several distinct texts are joined by a newline, in report order.
 */
function failedAnnotation(name: string, checks: readonly CheckMessages[]): Annotation {
  const errors = distinct(checks.map((c) => c.errorMessage));
  const remedies = distinct(checks.map((c) => c.customMessage));
  return {
    annotationName: name.slice(0, MAX_ANNOTATION_NAME),
    status: 'FAILED',
    statusMessage: (errors.length > 0 ? errors.join('\n') : 'The rule failed.').slice(0, MAX_ANNOTATION_TEXT),
    // The API's RemediationMessage has a minimum length of 1: without a custom message there is none.
    ...(remedies.length > 0 ? { remediationMessage: remedies.join('\n').slice(0, MAX_ANNOTATION_TEXT) } : {}),
  };
}

function simpleAnnotation(name: string, status: 'PASSED' | 'SKIPPED', statusMessage: string): Annotation {
  return { annotationName: name.slice(0, MAX_ANNOTATION_NAME), status, statusMessage };
}

/** Code-unit order, as cfn-guard's own sorted sets (Rust `BTreeSet<String>`) and the observed message. */
function sortedUnique(names: readonly string[]): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
