/**
 * What a unit of a many-templates run gives back: one row per stack (a template gives one, a cloud assembly one per
 * stack), plain data so that it crosses from a worker to the main thread.
 */
import { EXIT_OK } from '../../src/kernel/cli';
import type { Diagnostic } from '../../src/kernel/diagnostics';
import { describeParameters } from './collaborators';
import { allInvocations } from './render';
import type { SimulationReport } from './run-simulation';

/** One stack's run within a many-templates run: what it printed and how it ended. */
export interface StackRow {
  readonly input: string;
  readonly stackName: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Why the run could not judge its input, as data (`failureDiagnostics`: plain objects, so it crosses a worker):
   * the run's CI report part and JSON `errors` are built from it, never from what it printed.
   */
  readonly failure?: readonly Diagnostic[];
  readonly finalStatus?: string;
  readonly invocations: number;
  readonly failedInvocations: number;
  /** The parameters the stack's template declares (known when it was read), for `--parameter` names nobody declares. */
  readonly declaredParameters?: readonly string[];
  /** A cloud assembly's stack: the names a `STACK:Key` value may give it (stack name, artifact id, construct path). */
  readonly stackNames?: readonly string[];
  /** A cloud assembly's stack: its template as typed, which names its CI report part whether it ran or was refused. */
  readonly templateAsTyped?: string;
  /** A cloud assembly none of whose stacks `--stack` names: an error only when no assembly of the run has one. */
  readonly unmatched?: true;
  /** Why the stack was not simulated although its run succeeded (a cloud assembly's stack without resources). */
  readonly skipped?: string;
}

/** The rows of one unit (a template gives one, an assembly one per stack). */
export type UnitResult = StackRow[];

/**
 * What the summary's RESULT says of a stack: its final status; a change set that was not executed, by its own status;
 * a request refused for changing nothing that the run let pass (an earlier synth's unchanged stack), NO CHANGES.
 */
function summaryStatus(result: SimulationReport['result'], code: number): string | null {
  const { finalStatus, outcome } = result.stack;
  if (finalStatus !== null) return finalStatus;
  if (outcome === 'REJECTED' && code === EXIT_OK) return 'NO CHANGES';
  if (result.changeSet && outcome !== 'REJECTED') return `CHANGE SET ${result.changeSet.status}`;
  return null;
}

/** A row from what a stack's run printed and, when it ran, how it ended. */
export function stackRow(
  input: string,
  stackName: string,
  code: number,
  io: { out: string[]; err: string[] },
  result?: { finalStatus: string | null; invocations: readonly { hookStatus: string }[]; declaredParameters?: readonly string[] },
  failure?: readonly Diagnostic[],
): StackRow {
  return {
    input,
    stackName,
    code,
    stdout: io.out.join(''),
    stderr: io.err.join(''),
    ...(failure ? { failure } : {}),
    // A rejected request (an update with nothing to change) has no final status: the stack keeps its own.
    ...(result ? { finalStatus: result.finalStatus ?? 'REJECTED' } : {}),
    invocations: result?.invocations.length ?? 0,
    failedInvocations: result?.invocations.filter((i) => i.hookStatus === 'FAILED').length ?? 0,
    ...(result?.declaredParameters ? { declaredParameters: result.declaredParameters } : {}),
  };
}

/** The parameter names a report's template declares, in template order (the resolver's one reading of them). */
function declaredParametersOf(report: SimulationReport): string[] {
  return report.template ? describeParameters(report.template).map((p) => p.name) : [];
}

/** The row of a stack's run: how it ended when it ran (`report`), why not when it could not (`failure`). */
export function reportedRow(
  input: string,
  stackName: string,
  code: number,
  io: { out: string[]; err: string[] },
  report: SimulationReport | undefined,
  failure: readonly Diagnostic[] | undefined,
): StackRow {
  const ended = report ? { finalStatus: summaryStatus(report.result, code), invocations: allInvocations(report.result), declaredParameters: declaredParametersOf(report) } : undefined;
  return stackRow(input, stackName, code, io, ended, failure);
}
