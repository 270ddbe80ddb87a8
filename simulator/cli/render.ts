/**
 * The two views of a simulation: JSON for machines (exactly the documented keys) and a stack-events table
 * a CloudFormation user recognises, oldest first, followed by the hook invocations and a one-line verdict.
 */
import { palette, type Palette } from '../../src/kernel/cli';
import { changeSetNameOf } from '../../src/kernel/aws';
import { escapeUnprintable, formatDiagnostic, listForMessage, type Diagnostic } from '../../src/kernel/diagnostics';
import { failedAnnotationLines } from './annotation-lines';
import { nestedStackChanges, type ChangeSetReport, type PlannedStackHook } from '../cloudformation/change-set';
import { type InvocationRecord, type NestedStackResult, type RefusedUpdate, type SimulationResult, type StackEvent } from '../cloudformation/invoke';

/**
 * The `--format json` document. With --keep-going, `judgedAfterStop` lists the invocations the service would not
 * have made (the resources after the first block), apart from `invocations` and `events`, which stay the service's.
 */
export function renderJson(result: SimulationResult, warnings: readonly Diagnostic[], afterStop?: readonly JudgedAfterStop[]): string {
  return `${JSON.stringify({ ...jsonDocument(result, warnings), ...(afterStop ? { judgedAfterStop: afterStop } : {}) }, null, 2)}\n`;
}

/**
 * The JSON document of one stack: the keys of a stack without nested stacks or construct paths are exactly
 * `stack`, `invocations`, `events`, `hookResults` (and `warnings`); `changeSet` (--operation change-set: the change
 * set's status, reason, changes and DescribeChangeSetHooks plan), `constructPaths` and `nestedStacks` (each a
 * document of the same shape, named by its parent resource's `logicalResourceId`) appear only when there is
 * something in them.
 */
export function jsonDocument(result: SimulationResult, warnings: readonly Diagnostic[]): Record<string, unknown> {
  return {
    stack: result.stack,
    ...(result.changeSet ? { changeSet: result.changeSet } : {}),
    ...(result.constructPaths ? { constructPaths: result.constructPaths } : {}),
    invocations: result.invocations,
    events: result.events,
    hookResults: result.hookResults,
    ...(result.nestedStacks ? { nestedStacks: result.nestedStacks.map((child) => ({ logicalResourceId: child.logicalResourceId, ...jsonDocument(child, []) })) } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
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

/**
 * Warnings that say part of the deployment was not judged (a nested stack only in S3, a stack set's stacks, a
 * resource a hook was kept from, a SAM-generated queue, a module not expanded, a nested change set, a change set's
 * execution that would fail, a property the service's validation refuses), or that a hook is never invoked for
 * what its configuration names (a target name no type has, a TargetNames entry or TargetOperations entry its schema
 * never serves, a StackNames entry that is no stack name, what a Control Tower hook never evaluates), or that an
 * account's hook is not in the run at all:
 * `--quiet` still prints these, since without them a quiet pass would be silent about what it never checked (a Guard
 * hook filtered on a misspelt type never judges a table, and a quiet run said nothing).
 * Left out on purpose: HC113 (a hook switched off is the account's choice, and an info), RES_SAM_PASSTHROUGH (said of
 * every SAM resource; the hooks that would see what SAM generates are named by SIM_HOOK_NOT_INVOKED and
 * RES_SAM_GENERATED_QUEUE), placeholders (the value was stood in for, the resource was judged).
 */
const NOT_JUDGED: ReadonlySet<string> = new Set([
  'RES_NESTED_STACK',
  'RES_SEPARATE_STACK',
  'SIM_HOOK_NOT_INVOKED',
  'RES_SAM_GENERATED_QUEUE',
  'RES_MODULE_NOT_EXPANDED',
  'SIM_NESTED_CHANGE_SET',
  'SIM_EXECUTION_WOULD_FAIL',
  'SIM_EXPORT_UNCHECKED',
  'RES_UNKNOWN_PROPERTY',
  'HOOKS_UNKNOWN_TARGET',
  'HC112',
  'HC114',
  'HC117',
  'HOOKS_CONTROL_TOWER_TARGET',
  'HOOKS_NOT_SIMULATED',
]);

/** The warnings `--quiet` keeps: those saying something was not judged. */
export function notJudgedWarnings(warnings: readonly Diagnostic[]): Diagnostic[] {
  return warnings.filter((w) => NOT_JUDGED.has(w.code));
}

/**
 * --keep-going: an invocation the service's run never made (it stopped at the first block), with its hook's own
 * FailureMode; `nestedIn` is the path of Stack resources (outermost first) when it is a nested stack's.
 */
export interface JudgedAfterStop extends InvocationRecord {
  readonly nestedIn?: readonly string[];
  /** The resource's CDK construct path, from the run that reached it (the service's run may never have read its stack). */
  readonly constructPath?: string;
}

/** How the text view is drawn: coloured (a terminal) and/or quiet (failures and the verdict only). */
export interface TextStyle {
  readonly colours?: Palette;
  readonly quiet?: boolean;
  /** Quiet, but with the stack's header line: one of many templates, whose failures must say which stack they are of. */
  readonly headed?: boolean;
  /** The stack is unchanged against an earlier synth: `cdk deploy` skips it (or deletes its empty change set), so the refusal is no verdict against it. */
  readonly unchangedFrom?: string;
  /** With `unchangedFrom`: the SSM-typed parameters for which `cdk deploy` still creates the change set. */
  readonly unchangedSsmParameters?: readonly string[];
  /** With `unchangedFrom`: the template differs outside its resources and Outputs (its Description, Metadata), so `cdk deploy` creates a change set CloudFormation fails. */
  readonly unchangedResourcesOnly?: boolean;
  /** --keep-going: judgements of the resources the service never reached, shown in their own table. */
  readonly afterStop?: readonly JudgedAfterStop[];
}

/** The events table, the invocations and the verdict; quiet keeps only the failed invocations and the verdict. */
export function renderText(result: SimulationResult, stack: { name: string; region: string; accountId: string }, style: TextStyle = {}): string {
  const paint = style.colours ?? palette(false);
  const cs = result.changeSet;
  const what = cs ? `${cs.type.toLowerCase()} change set ${cs.name}${cs.executed ? ', executed' : ''}` : result.stack.operation;
  const header = paint.bold(`Stack ${stack.name}: ${what} in ${stack.region}, account ${stack.accountId}`);
  const ssm = style.unchangedSsmParameters ?? [];
  const unchanged = ssm.length === 0 ? 'cdk deploy skips this stack ("no changes")' : `cdk deploy creates its change set (SSM parameters ${ssm.join(', ')} may have changed) and deletes it ("no changes")`;
  const unchangedVerdict = style.unchangedResourcesOnly
    ? `Verdict: no resource or output changes against ${style.unchangedFrom ?? ''}: cdk deploy creates this stack's change set (its template differs), CloudFormation fails it as holding no changes ("no changes"); no hook is invoked.`
    : `Verdict: no changes against ${style.unchangedFrom ?? ''}: ${unchanged}; no hook is invoked.`;
  const verdict = style.unchangedFrom !== undefined ? paint.green(escapeUnprintable(unchangedVerdict)) : colourVerdict(result, paint);
  // A refused request records no event: the table would be empty.
  const headed = !style.quiet || style.headed === true;
  if (result.stack.outcome === 'REJECTED') return headed ? `${header}\n\n${verdict}\n` : `${verdict}\n`;
  const lines: string[] = [];
  // Quiet's tables open with their own blank line.
  if (headed) lines.push(header);
  if (headed && !style.quiet) lines.push('');
  if (cs && !style.quiet) {
    appendChangeSet(lines, cs, paint);
    if (result.events.length > 0) lines.push('');
  }
  appendStackTables(lines, result, paint, style.quiet === true);
  for (const { child, parent } of nestedOf(result, stack.name)) {
    const before = lines.length;
    if (lines.length > 0) lines.push('');
    lines.push(paint.bold(`Nested stack ${child.stack.name} (${child.logicalResourceId} in ${parent}): ${child.stack.finalStatus ?? ''}`));
    if (!style.quiet) lines.push('');
    // Quiet: a nested stack with nothing failed says nothing.
    if (!appendStackTables(lines, child, paint, style.quiet === true) && style.quiet) lines.length = before;
  }
  const after = (style.afterStop ?? []).filter((i) => !style.quiet || i.hookStatus === 'FAILED');
  if (after.length > 0) {
    const named = severalHooks(result);
    const paths = after.some((i) => i.constructPath !== undefined);
    if (lines.length > 0) lines.push('');
    lines.push('Judged after the service stopped (--keep-going; not in the events):');
    // No event shows these calls' FailureMode (the service's table has it in its REASON): a WARN hook's failure here
    // would block nothing, a FAIL one's would, so the mode has its own column.
    appendTable(
      lines,
      ['LOGICAL ID', ...(paths ? ['CONSTRUCT PATH'] : []), ...(named ? ['HOOK'] : []), 'TARGET', 'INVOCATION POINT', 'FAILURE MODE', 'RESULT', 'MESSAGE'],
      // A nested stack's resource is named by its path of Stack resources, as in SARIF and JUnit.
      after.map((i) => {
        const row = invocationRow(i.nestedIn ? { ...i, logicalResourceId: [...i.nestedIn, i.logicalResourceId].join('/') } : i, named, paint, true);
        return paths ? { ...row, cells: [row.cells[0] as string, i.constructPath ?? '', ...row.cells.slice(1)] } : row;
      }),
    );
  }
  if (lines.length > 0) lines.push('');
  lines.push(verdict);
  return `${lines.join('\n')}\n`;
}

/** Every nested stack of a result, depth first, with the name of its parent stack. */
function nestedOf(result: SimulationResult, parent: string): { child: NestedStackResult; parent: string }[] {
  const out: { child: NestedStackResult; parent: string }[] = [];
  for (const child of result.nestedStacks ?? []) {
    out.push({ child, parent });
    for (const deeper of nestedOf(child, child.stack.name)) out.push(deeper);
  }
  return out;
}

/**
 * One stack's events table, failed annotations and hook invocations (construct paths beside logical ids when there
 * are any); quiet: only its failed invocations. True when it printed an invocation row.
 */
function appendStackTables(lines: string[], result: SimulationResult, paint: Palette, quiet: boolean): boolean {
  if (!quiet) {
    const paths = result.constructPaths;
    // An update change set that is not executed records no event.
    if (result.events.length > 0 || !result.changeSet) appendTable(
      lines,
      paths ? ['LOGICAL ID', 'CONSTRUCT PATH', 'TYPE', 'STATUS', 'REASON'] : ['LOGICAL ID', 'TYPE', 'STATUS', 'REASON'],
      result.events.map((e) => ({
        cells: paths ? [e.logicalResourceId, paths[e.logicalResourceId] ?? '', e.resourceType, statusOf(e), reasonOf(e)] : [e.logicalResourceId, e.resourceType, statusOf(e), reasonOf(e)],
        paint: eventPaint(e, paint),
      })),
    );
    appendFailedAnnotations(lines, result);
  }
  const shown = quiet ? result.invocations.filter((i) => i.hookStatus === 'FAILED') : result.invocations;
  if (shown.length === 0) return false;
  // A run with several hooks names the hook of each row; a run with one keeps today's columns.
  const named = severalHooks(result);
  // A CDK stack's rows name the construct too: the judged resource is what a CDK user looks up (in --quiet, the only table).
  const paths = result.constructPaths;
  if (lines.length > 0) lines.push('');
  lines.push(quiet ? 'Failed hook invocations:' : 'Hook invocations:');
  appendTable(
    lines,
    ['LOGICAL ID', ...(paths ? ['CONSTRUCT PATH'] : []), ...(named ? ['HOOK'] : []), 'TARGET', 'INVOCATION POINT', 'RESULT', 'MESSAGE'],
    shown.map((i) => {
      const row = invocationRow(i, named, paint);
      return paths ? { ...row, cells: [row.cells[0] as string, paths[i.logicalResourceId] ?? '', ...row.cells.slice(1)] } : row;
    }),
  );
  return true;
}

/** One invocation as a table row; `withMode` adds the hook's FailureMode before the result. */
function invocationRow(i: InvocationRecord, named: boolean, paint: Palette, withMode = false): Row {
  return {
    cells: [
      shownTarget(i.targetType, i.logicalResourceId),
      ...(named ? [i.hookTypeName] : []),
      i.targetName,
      i.invocationPoint,
      ...(withMode ? [i.failureMode] : []),
      i.errorCode ? `${i.hookStatus} ${i.errorCode}` : i.answeredStatus ? `${i.hookStatus} (${i.answeredStatus})` : i.hookStatus,
      i.message,
    ],
    paint: i.hookStatus === 'SUCCESS' ? paint.green : i.failureMode === 'FAIL' ? paint.red : paint.yellow,
  };
}

/**
 * The change set: its status and reason, its changes (as DescribeChangeSet lists them, with the line the hooks
 * receive) and the RESOURCE hooks its execution will call (DescribeChangeSetHooks).
 */
function appendChangeSet(lines: string[], cs: ChangeSetReport, paint: Palette): void {
  const status = `Change set ${cs.name} (${cs.id}): ${cs.status}, execution ${cs.executionStatus}`;
  lines.push(cs.status === 'FAILED' ? paint.red(status) : status);
  if (cs.statusReason) lines.push(paint.red(`  ${cs.statusReason}`));
  lines.push('');
  // A change set that changes the stack's Outputs alone holds no change (aws/aws-cdk#2029): an empty table says nothing.
  if (cs.changes.length === 0) lines.push('Changes: none (no resource changes)');
  else {
    appendTable(
      lines,
      ['ACTION', 'LOGICAL ID', 'TYPE', 'REPLACEMENT', 'LINE'],
      cs.changes.map((c) => ({ cells: [c.Action, c.LogicalResourceId, c.ResourceType, c.Replacement ?? '', c.LineNumber === null ? '' : String(c.LineNumber)], paint: (text) => text })),
    );
  }
  lines.push('', `Hooks the execution will call (DescribeChangeSetHooks: ${cs.hooks.Status}):`);
  if (cs.hooks.Hooks.length === 0) lines.push(cs.hooks.Status === 'PLANNED' ? '  none' : '  none (the change set cannot be executed)');
  else {
    appendTable(
      lines,
      ['LOGICAL ID', 'RESOURCE ACTION', 'HOOK', 'FAILURE MODE'],
      cs.hooks.Hooks.map((h) => ({
        cells: [h.TargetDetails.ResourceTargetDetails.LogicalResourceId, h.TargetDetails.ResourceTargetDetails.ResourceAction, h.TypeName, h.FailureMode],
        paint: (text) => text,
      })),
    );
  }
}

/** A target as the text view names it: a change set by its name (its ARN is in the JSON and the change-set line). */
function shownTarget(targetType: string, id: string): string {
  return targetType === 'CHANGE_SET' ? `change set ${changeSetNameOf(id) ?? id}` : id;
}

/** The invocations of a stack and all its nested stacks. */
export function allInvocations(result: SimulationResult): SimulationResult['invocations'] {
  const out: SimulationResult['invocations'] = [];
  for (const invocation of result.invocations) out.push(invocation);
  for (const child of result.nestedStacks ?? []) for (const invocation of allInvocations(child)) out.push(invocation);
  return out;
}

/** A resource whose update the service refused, and the Stack resources (outermost first) of the nested stack it is in ([] for the stack itself). */
export interface PlacedRefusal {
  readonly refused: RefusedUpdate;
  readonly nestedIn: readonly string[];
}

/** The refused updates of a stack and all its nested stacks: the stack's own first, then each nested stack's, depth first. */
export function allRefusedUpdates(result: SimulationResult, nestedIn: readonly string[] = []): PlacedRefusal[] {
  const out: PlacedRefusal[] = (result.refusedUpdates ?? []).map((refused) => ({ refused, nestedIn }));
  for (const child of result.nestedStacks ?? []) for (const placed of allRefusedUpdates(child, [...nestedIn, child.logicalResourceId])) out.push(placed);
  return out;
}

/** A resource as the reports name it: `<StackResource>/…/<LogicalId>` in a nested stack, its logical id in the stack itself. */
export function placedName(logicalResourceId: string, nestedIn: readonly string[] | undefined): string {
  return nestedIn && nestedIn.length > 0 ? `${nestedIn.join('/')}/${logicalResourceId}` : logicalResourceId;
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
      for (const line of failedAnnotationLines(`${shownTarget(hookResult.Target.TargetType, hookResult.Target.TargetId)} ${hookResult.TypeName}`, annotation)) lines.push(escapeUnprintable(line));
    }
  }
}

function colourVerdict(result: SimulationResult, paint: Palette): string {
  // A hook's message ends the verdict: escaped, a newline or ESC in it cannot forge a line or repaint the terminal.
  const line = escapeUnprintable(verdictLine(result));
  if (result.stack.outcome === 'SUCCEEDED') return result.invocations.some((i) => i.hookStatus === 'FAILED') ? paint.yellow(line) : paint.green(line);
  return paint.red(line);
}

function eventPaint(e: StackEvent, paint: Palette): (text: string) => string {
  if (e.hookStatus === 'HOOK_COMPLETE_FAILED' || e.hookStatus === 'HOOK_FAILED' || /_FAILED$/.test(e.resourceStatus)) return paint.red;
  if (/ROLLBACK/.test(e.resourceStatus)) return paint.yellow;
  return (text) => text;
}

/** One line: what the operation would end as, and why. */
export function verdictLine(result: SimulationResult): string {
  const cs = result.changeSet;
  if (cs && !cs.executed) return changeSetVerdict(result, cs);
  const { operation, finalStatus, outcome, rejection } = result.stack;
  if (outcome === 'REJECTED') {
    const call = `${operation[0]?.toUpperCase() ?? ''}${operation.slice(1)}Stack`;
    const message = rejection?.message ?? '';
    return `Verdict: rejected: ${call} fails with ${rejection?.errorCode ?? 'an error'}: ${message}${/[.!?]$/.test(message) ? '' : '.'} The stack stays as it is; no hook is invoked.`;
  }
  const invocations = allInvocations(result);
  const failed = invocations.filter((i) => i.hookStatus === 'FAILED');
  const counted = `${invocations.length} hook invocation${invocations.length === 1 ? '' : 's'}`;
  if (outcome === 'SUCCEEDED') {
    const warned = failed.length > 0 ? `, ${failed.length} failed under WARN (ignored)` : '';
    return `Verdict: ${finalStatus}: the ${operation} would complete (${counted}${warned}).`;
  }
  const blocker = failed.find((i) => i.failureMode === 'FAIL') ?? failed[0];
  if (blocker?.failureMode !== 'FAIL') {
    // No hook blocked it: a resource refused its update (a custom resource's new ServiceToken, a custom name kept
    // through a replacement) or its create (a custom name the stack holds already), in this stack or in a nested stack (named by its Stack resources, as in SARIF and JUnit).
    const first = allRefusedUpdates(result)[0];
    if (first) return `Verdict: ${finalStatus}: the ${operation} would fail at ${placedName(first.refused.logicalResourceId, first.nestedIn)}: ${first.refused.reason}`;
    // Every resource updated, the service refused the outputs (an export another stack imports).
    if (result.outputsRefusal !== undefined) return `Verdict: ${finalStatus}: the ${operation} would fail as the service applies the outputs: ${result.outputsRefusal}`;
  }
  const hook = blocker && severalHooks(result) ? ` by ${blocker.hookTypeName}` : '';
  // Resources provisioned in one wave are judged together, so one run can block several: name them all.
  const blocked = [...new Set(failed.filter((i) => i.failureMode === 'FAIL').map((i) => i.logicalResourceId))];
  const at = blocker && blocked.length > 1 ? ` at ${blocked.length} resources (${listForMessage(blocked)}); the first, ${blocker.logicalResourceId}` : ` at ${blocker?.logicalResourceId ?? ''}`;
  const by = blocker ? `${at} (${blocker.invocationPoint})${hook}: ${blocker.errorCode ?? 'FAILED'}: ${blocker.message}` : '';
  return `Verdict: ${finalStatus}: a hook would block the ${operation}${by}`;
}

/** The verdict of a change set that was not executed: created or failed, and by whom. */
function changeSetVerdict(result: SimulationResult, cs: ChangeSetReport): string {
  if (cs.status === 'FAILED') {
    const blocker = result.invocations.find((i) => i.hookStatus === 'FAILED' && i.failureMode === 'FAIL');
    const by = blocker ? ` (${blocker.hookTypeName}: ${blocker.errorCode ?? 'FAILED'}: ${blocker.message})` : '';
    return `Verdict: change set FAILED: ${cs.statusReason ?? ''}${by}`;
  }
  const failed = result.invocations.filter((i) => i.hookStatus === 'FAILED').length;
  const counted = `${result.invocations.length} change-set hook invocation${result.invocations.length === 1 ? '' : 's'}${failed > 0 ? `, ${failed} failed under WARN (ignored)` : ''}`;
  const planned = cs.hooks.Hooks.length;
  const nested = nestedStackChanges(cs.changes).length > 0;
  const where = nested ? " in this stack, plus its nested stacks' (not counted)" : '';
  return `Verdict: change set ${cs.status}: the change set would be created (${counted}); executing it would call ${planned} resource hook invocation${planned === 1 ? '' : 's'}${where}${stackHooksClause(result.stackHooksOnExecution ?? [])} (--execute simulates it).`;
}

/**
 * The stack-level hooks an execution calls once, before any resource: DescribeChangeSetHooks lists RESOURCE targets
 * only (hooks-today §7), so the plan table leaves them out, and a FAIL one can still fail the execution.
 */
function stackHooksClause(hooks: readonly PlannedStackHook[]): string {
  if (hooks.length === 0) return '';
  const named = hooks.map((h) => `${h.TypeName} (${h.FailureMode})`);
  return `, and ${hooks.length === 1 ? 'a stack hook' : `${hooks.length} stack hooks`} before them, which DescribeChangeSetHooks does not list: ${listForMessage(named)}`;
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

/** A table row and how to colour it (colour goes on after padding, so escape codes never skew the widths). */
export interface Row {
  readonly cells: readonly string[];
  readonly paint: (text: string) => string;
}

/**
 * Appends an aligned table to `lines`. Rows grow with the template (40,000 resources): loops, never a spread. Cells
 * carry outside text (a hook's message, a resource's reason): each is escaped, so that none can forge a line.
 */
export function appendTable(lines: string[], headings: readonly string[], given: readonly Row[]): void {
  const rows = given.map((row) => ({ ...row, cells: row.cells.map(escapeUnprintable) }));
  const widths = headings.map((h) => h.length);
  for (const { cells: row } of rows) for (let c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c] ?? 0, (row[c] ?? '').length);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(line(headings));
  for (const row of rows) lines.push(row.paint(line(row.cells)));
}
