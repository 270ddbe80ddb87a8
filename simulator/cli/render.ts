/**
 * The two views of a simulation: JSON for machines (exactly the documented keys) and a stack-events table
 * a CloudFormation user recognises, oldest first, followed by the hook invocations and a one-line verdict.
 */
import { formatDiagnostic, type Diagnostic } from '../../src/kernel/diagnostics';
import type { SimulationResult, StackEvent } from '../cloudformation/invoke';

/** The `--format json` document. */
export function renderJson(result: SimulationResult, warnings: readonly Diagnostic[]): string {
  const document = {
    stack: result.stack,
    invocations: result.invocations,
    events: result.events,
    hookResults: result.hookResults,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * At most this many diagnostics are printed as text (warnings before the table, errors on failure); the rest are
 * counted. A person reads the first ones and fixes them; `--format json` keeps every one for machines.
 */
export const PRINTED_DIAGNOSTICS_LIMIT = 100;

/** Diagnostics as `file:line:col CODE message` lines, the first `limit` of them, then "… and K more". */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], limit = PRINTED_DIAGNOSTICS_LIMIT): string {
  let text = '';
  for (const d of diagnostics.slice(0, limit)) text += `${formatDiagnostic(d)}\n`;
  const more = diagnostics.length - limit;
  if (more > 0) text += `… and ${more} more\n`;
  return text;
}

/** The warnings block, printed before the table (on stderr). */
export function renderWarnings(warnings: readonly Diagnostic[]): string {
  return renderDiagnostics(warnings);
}

/** The events table, the invocations and the verdict. */
export function renderText(result: SimulationResult, stack: { name: string; region: string; accountId: string }): string {
  const header = `Stack ${stack.name}: ${result.stack.operation} in ${stack.region}, account ${stack.accountId}`;
  // A refused request records no event: the table would be empty.
  if (result.stack.outcome === 'REJECTED') return `${header}\n\n${verdictLine(result)}\n`;
  const rows = result.events.map((e) => [e.logicalResourceId, e.resourceType, statusOf(e), reasonOf(e)]);
  const lines = [header, ''];
  appendTable(lines, ['LOGICAL ID', 'TYPE', 'STATUS', 'REASON'], rows);
  appendFailedAnnotations(lines, result);
  if (result.invocations.length > 0) {
    // A run with several hooks names the hook of each row; a run with one keeps today's columns.
    const named = severalHooks(result);
    const headings = ['LOGICAL ID', ...(named ? ['HOOK'] : []), 'TARGET', 'INVOCATION POINT', 'RESULT', 'MESSAGE'];
    lines.push('', 'Hook invocations:');
    appendTable(
      lines,
      headings,
      result.invocations.map((i) => [
        i.logicalResourceId,
        ...(named ? [i.hookTypeName] : []),
        i.targetName,
        i.invocationPoint,
        i.errorCode ? `${i.hookStatus} ${i.errorCode}` : i.hookStatus,
        i.message,
      ]),
    );
  }
  lines.push('', verdictLine(result));
  return `${lines.join('\n')}\n`;
}

/**
 * Each FAILED annotation of the hook results (they are never in stack events), with its remediation: what a
 * reader of the console's "Hook invocations" view would look up next.
 */
function appendFailedAnnotations(lines: string[], result: SimulationResult): void {
  let first = true;
  for (const hookResult of result.hookResults) {
    for (const annotation of hookResult.Annotations.filter((a) => a.Status === 'FAILED')) {
      if (first) lines.push('', 'Failed annotations (from the hook results):');
      first = false;
      const severity = annotation.SeverityLevel ? ` ${annotation.SeverityLevel}` : '';
      lines.push(`  ${hookResult.Target.TargetId} ${hookResult.TypeName}${severity} ${annotation.AnnotationName}: ${annotation.StatusMessage ?? ''}`.trimEnd());
      const remedy = [annotation.RemediationMessage, annotation.RemediationLink].filter((x) => x !== undefined).join(' ');
      if (remedy) lines.push(`      remediation: ${remedy}`);
    }
  }
}

/** One line: what the operation would end as, and why. */
export function verdictLine(result: SimulationResult): string {
  const { operation, finalStatus, outcome, rejection } = result.stack;
  if (outcome === 'REJECTED') {
    const call = `${operation[0]?.toUpperCase() ?? ''}${operation.slice(1)}Stack`;
    return `Verdict: rejected: ${call} fails with ${rejection?.errorCode ?? 'an error'}: ${rejection?.message ?? ''} The stack stays as it is; no hook is invoked.`;
  }
  const failed = result.invocations.filter((i) => i.hookStatus === 'FAILED');
  const counted = `${result.invocations.length} hook invocation${result.invocations.length === 1 ? '' : 's'}`;
  if (outcome === 'SUCCEEDED') {
    const warned = failed.length > 0 ? `, ${failed.length} failed under WARN (ignored)` : '';
    return `Verdict: ${finalStatus}: the ${operation} would complete (${counted}${warned}).`;
  }
  const blocker = failed.find((i) => i.failureMode === 'FAIL') ?? failed[0];
  const hook = blocker && severalHooks(result) ? ` by ${blocker.hookTypeName}` : '';
  const by = blocker ? ` at ${blocker.logicalResourceId} (${blocker.invocationPoint})${hook}: ${blocker.errorCode ?? 'FAILED'}: ${blocker.message}` : '';
  return `Verdict: ${finalStatus}: a hook would block the ${operation}${by}`;
}

function severalHooks(result: SimulationResult): boolean {
  return new Set(result.invocations.map((i) => i.hookTypeName)).size > 1;
}

function statusOf(e: StackEvent): string {
  return e.hookStatus ? `${e.resourceStatus} ${e.hookStatus}` : e.resourceStatus;
}

function reasonOf(e: StackEvent): string {
  if (e.hookStatus) return `${e.hookType ?? ''} (${e.hookInvocationPoint ?? ''}, ${e.hookFailureMode ?? ''}): ${e.hookStatusReason ?? ''}`;
  return e.resourceStatusReason ?? '';
}

/** Appends an aligned table to `lines`. Rows grow with the template (40,000 resources): loops, never a spread. */
function appendTable(lines: string[], headings: readonly string[], rows: readonly string[][]): void {
  const widths = headings.map((h) => h.length);
  for (const row of rows) for (let c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c] ?? 0, (row[c] ?? '').length);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(line(headings));
  for (const row of rows) lines.push(line(row));
}
