/**
 * The two views of a simulated Cloud Control request: JSON for machines (the API's shapes) and text for people:
 * the request, the HooksProgressEvent list as GetResourceRequestStatus ends it, the failed annotations with their
 * remediation, the ProgressEvent and a one-line verdict.
 */
import type { Palette } from '../../../src/kernel/cli';
import { escapeUnprintable, type Diagnostic } from '../../../src/kernel/diagnostics';
import { API_CALL, type CloudControlResult } from '../../cloudformation/cloud-control';
import { failedAnnotationLines } from '../annotation-lines';
import { appendTable } from '../render';

/**
 * The `--format json` document: `request`, `outcome`, `progressEvent` (the request's end), `hooksProgressEvent`
 * (its list at that moment), `requestStatus` (every GetResourceRequestStatus answer in turn), `invocations`,
 * `hookResults`, and `warnings` when there are any (the hooks not invoked, and why).
 */
export function renderCloudControlJson(result: CloudControlResult, warnings: readonly Diagnostic[]): string {
  const document = {
    request: result.request,
    outcome: result.outcome,
    progressEvent: result.progressEvent,
    hooksProgressEvent: result.hooksProgressEvent,
    requestStatus: result.requestStatus,
    invocations: result.invocations,
    hookResults: result.hookResults,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The text view. */
export function renderCloudControlText(result: CloudControlResult, paint: Palette): string {
  const { request, progressEvent } = result;
  const call = API_CALL[request.operation];
  const lines: string[] = [
    paint.bold(`Cloud Control ${call} ${request.typeName}${named(request)} in ${request.region}, account ${request.accountId}`),
    `RequestToken ${progressEvent.RequestToken}, HooksRequestToken ${progressEvent.HooksRequestToken}`,
    `The hooks' target logical id: ${request.targetLogicalId}`,
    '',
  ];
  if (result.hooksProgressEvent.length === 0) {
    lines.push('No hook is invoked for this request.');
  } else {
    lines.push('HooksProgressEvent (GetResourceRequestStatus, once the request has ended):');
    appendTable(
      lines,
      ['HOOK', 'STATUS', 'FAILURE MODE', 'MESSAGE'],
      result.hooksProgressEvent.map((e) => ({
        cells: [e.HookTypeName, e.HookStatus, e.FailureMode, e.HookStatusMessage ?? ''],
        paint: e.HookStatus === 'HOOK_COMPLETE_SUCCEEDED' ? paint.green : e.FailureMode === 'FAIL' ? paint.red : paint.yellow,
      })),
    );
  }
  appendFailedAnnotations(lines, result);
  lines.push('', progressLine(result));
  lines.push('', verdictLine(result, paint));
  return `${lines.join('\n')}\n`;
}

/** The resource as the header names it: its identifier, else the name its desired state gives it. */
function named(request: CloudControlResult['request']): string {
  if (request.identifier !== undefined) return ` ${request.identifier}`;
  return request.name !== undefined ? ` (named ${request.name})` : '';
}

/** Each FAILED annotation of the hook results, with its remediation (they are only in GetHookResult). */
function appendFailedAnnotations(lines: string[], result: CloudControlResult): void {
  let first = true;
  for (const hookResult of result.hookResults) {
    for (const annotation of hookResult.Annotations.filter((a) => a.Status === 'FAILED')) {
      if (first) lines.push('', `Failed annotations (get-hook-result; list-hook-results --target-type CLOUD_CONTROL --target-id ${hookResult.Target.TargetId}):`);
      first = false;
      for (const line of failedAnnotationLines(hookResult.TypeName, annotation)) lines.push(escapeUnprintable(line));
    }
  }
}

function progressLine(result: CloudControlResult): string {
  const e = result.progressEvent;
  const parts = [`OperationStatus ${e.OperationStatus}`, ...(e.ErrorCode ? [`ErrorCode ${e.ErrorCode}`] : []), ...(e.StatusMessage ? [`StatusMessage ${e.StatusMessage}`] : [])];
  return `ProgressEvent: ${escapeUnprintable(parts.join(', '))}`;
}

/** What the service does once the hooks let a request through. */
const GOES_ON: Readonly<Record<CloudControlResult['request']['operation'], string>> = { CREATE: 'create the resource', UPDATE: 'update the resource', DELETE: 'delete the resource' };

/** One line: how the request ends, and why. */
export function verdictLine(result: CloudControlResult, paint: Palette): string {
  const call = API_CALL[result.request.operation];
  const failed = result.invocations.filter((i) => i.hookStatus === 'FAILED');
  const counted = result.invocations.length === 0 ? 'no hook invoked' : `${result.invocations.length} hook invocation${result.invocations.length === 1 ? '' : 's'}`;
  if (result.outcome === 'SUCCEEDED') {
    const warned = failed.length > 0 ? `, ${failed.length} failed under WARN (ignored)` : '';
    const line = `Verdict: SUCCESS: the ${call} request would go on to ${GOES_ON[result.request.operation]} (${counted}${warned}).`;
    return failed.length > 0 ? paint.yellow(line) : paint.green(line);
  }
  const blocker = failed.find((i) => i.failureMode === 'FAIL');
  const why = blocker ? ` by ${blocker.hookTypeName}: ${blocker.errorCode ?? 'FAILED'}: ${blocker.message}` : '';
  // The hook's message, escaped: a newline or ESC in it cannot forge a line or repaint the terminal.
  return paint.red(`Verdict: FAILED: a hook would fail the ${call} request${escapeUnprintable(why)}`);
}
