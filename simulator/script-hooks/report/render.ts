/** Turning a LifecycleReport into what the user reads: one verdict line, or the whole report as JSON. */
import type { LifecycleReport } from './types';

/** The one-line verdict printed last in text mode. */
export function verdictLine(report: LifecycleReport): string {
  return `${report.operation.outcome} ${report.operation.verdict}\n`;
}

/** The report as pretty JSON with a trailing newline; key order is fixed by construction. */
export function reportJson(report: LifecycleReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
