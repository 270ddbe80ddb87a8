/**
 * `CreateChangeSet` as the service runs it with hooks (reference hooks-today §12), and `ExecuteChangeSet` after it:
 * the change set's changes are planned, every hook whose TargetOperations include CHANGE_SET is called once for the
 * change set (action CREATE) with the changes behind a payload URL, a FAIL-mode failure fails the change set
 * (`Change set creation failed. The following hook(s) failed: [X]`; WARN does not), and `DescribeChangeSetHooks`
 * lists the RESOURCE hooks the execution will call. With `execute`, a created change set goes on into the stack
 * operation, `changeSetId` set in every request.
 */
import { SKIP_STACK_HOOK_STATUS, type JsonObject } from '../../../src/kernel/protocol';
import { changeSetVerdict, failureModeOf, isTargeted, stackVerdict, targetsOperation, type StackIdentity, type StackVerdict } from '../../../src/kernel/hook-config/targeting';
import { matchesAny } from '../../../src/kernel/hook-config/wildcard';
import { changeContext, changeEntry } from '../guard/guard-input';
import { EVENT_TEXT, STACK_RESOURCE_TYPE, answerNotes, resourceEvent, type InvocationRecord, type StackEvent } from '../invoke/events';
import { inDeclaredTerms, type Hook, type HookTarget, type StackPayloadUrls } from '../invoke/hook';
import { hookResultOf, readAnnotations, type HookResult } from '../invoke/hook-results';
import { SERVICE_LIMITS } from '../invoke/invoke-hook';
import { startPayloadServer, type PayloadServer } from '../invoke/payload-server';
import { seededUuids, type UuidSource } from '../invoke/request-tokens';
import { simulateStack, type SimulationResult, type SkippedHook, type StackSimulation } from '../invoke/simulate-stack';
import type { ChangeSetReport, ChangeSetType } from './change-set-report';
import { plannedChanges, type LineOf, type PlannedChange } from './changes';
import { plannedResourceHooks, plannedStackHooks } from './hooks-plan';

/** A change set to create (and maybe execute): the stack operation it plans, plus what only a change set has. */
export interface ChangeSetSimulation extends StackSimulation {
  readonly changeSet: { readonly name: string; readonly id: string };
  /** The templates parsed (intrinsics in long form), for a Guard hook's document; `previousTemplate` null on CREATE. */
  readonly documents: { readonly template: JsonObject; readonly previousTemplate: JsonObject | null };
  /** The line of each resource's logical id in the submitted template. */
  readonly lineOf: LineOf;
  /** Go on into the stack operation once the change set is created (`ExecuteChangeSet`). */
  readonly execute: boolean;
  /** HookInvocationIds of the change-set invocations; by default seeded by the change set's ARN. */
  readonly changeSetInvocationIds?: UuidSource;
}

/** The invocation point and action of every change-set hook call: "For CHANGE_SET targets, only the CREATE action is applicable". */
const CHANGE_SET_POINT = 'CREATE_PRE_PROVISION';

/** What the service answers a change set with nothing to change (CreateChangeSet succeeds, the change set FAILS). */
export const NO_CHANGES_REASON = "The submitted information didn't contain changes. Submit different information to create a change set.";

/** The change set's StatusReason when FAIL-mode hooks refused it (aws-cdk-cli PR #1768; reference §10). */
export function changeSetFailedReason(typeNames: readonly string[]): string {
  return `Change set creation failed. ${EVENT_TEXT.hooksFailed(typeNames)}`;
}

/** Creates the change set (calling its hooks) and, when asked and created, executes it. */
export async function simulateChangeSet(sim: ChangeSetSimulation): Promise<SimulationResult> {
  const { plan, stack } = sim;
  if (plan.operation === 'delete') throw new Error('a change set creates or updates a stack; it never deletes one');
  const type: ChangeSetType = plan.operation === 'create' ? 'CREATE' : 'UPDATE';
  const identity: StackIdentity = { stackName: stack.name, ...(stack.roleArn ? { roleArn: stack.roleArn } : {}) };
  const changes = plannedChanges(plan, sim.lineOf);
  // CreateChangeSet of type CREATE makes the stack, in REVIEW_IN_PROGRESS until the change set is executed.
  const review: StackEvent[] = type === 'CREATE' ? [resourceEvent(stack.name, STACK_RESOURCE_TYPE, 'REVIEW_IN_PROGRESS', EVENT_TEXT.userInitiated)] : [];
  const report = (status: ChangeSetReport['status'], statusReason: string | null): ChangeSetReport => ({
    name: sim.changeSet.name,
    id: sim.changeSet.id,
    type,
    status,
    statusReason,
    executionStatus: status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE',
    executed: false,
    changes: changes.map((c) => c.listed),
    hooks: {
      ChangeSetId: sim.changeSet.id,
      ChangeSetName: sim.changeSet.name,
      StackId: stack.id,
      StackName: stack.name,
      Status: status === 'CREATE_COMPLETE' ? 'PLANNED' : 'UNAVAILABLE',
      Hooks: status === 'CREATE_COMPLETE' ? plannedResourceHooks(plan, sim.hooks, identity) : [],
    },
  });
  const skipped = skippedHooks(sim.hooks, identity);

  // A change set of no resource change that changes the Outputs is created (CREATE_COMPLETE, Changes empty) and its
  // execution updates them (aws/aws-cdk#2029: "If only stack Outputs are changed, CloudFormation generates a ChangeSet
  // that is executable but has 0 changes"). [unconfirmed] that its CHANGE_SET hooks are called, as for any change set.
  if (changes.length === 0 && plan.outputsChanged !== true) {
    // [choice] no hook is called for a change set that holds nothing (the service fails it as it is created).
    return {
      stack: { name: stack.name, operation: plan.operation, finalStatus: null, outcome: 'REJECTED', rejection: { errorCode: 'FAILED', message: NO_CHANGES_REASON } },
      invocations: [],
      events: review,
      hookResults: [],
      skippedHooks: skipped,
      changeSet: report('FAILED', NO_CHANGES_REASON),
    };
  }

  const calls = await callChangeSetHooks(sim, changes, identity);
  const blocking = calls.blocking;
  const changeSet = report(blocking.length === 0 ? 'CREATE_COMPLETE' : 'FAILED', blocking.length === 0 ? null : changeSetFailedReason(blocking));
  // A hook whose change-set call answered CHANGE_SET_SUCCESS_SKIP_STACK_HOOK is not called for the stack (java-plugin
  // 36e4e41: "there is no need to invoke against the stack once the change set is processed"). [unconfirmed] what
  // the service records for the call it skips: the simulator records none, and says so (SIM_HOOK_NOT_INVOKED).
  const stackCallsSpared = new Map(
    calls.invocations
      .filter((i) => i.answeredStatus === SKIP_STACK_HOOK_STATUS)
      .map((i) => [i.hookTypeName, `its call for change set ${sim.changeSet.name} answered ${SKIP_STACK_HOOK_STATUS}, which spares it the stack's call when the change set is executed`]),
  );
  if (blocking.length > 0 || !sim.execute) {
    // Created, not executed: the stack-level hooks its execution calls are in no plan the service gives (h31 #9).
    const stackHooks = blocking.length === 0 ? plannedStackHooks(type, sim.hooks, identity, new Set(stackCallsSpared.keys())) : [];
    return {
      // The stack waits in REVIEW_IN_PROGRESS (a new stack) or keeps its status (null: unchanged) until the change set is executed.
      stack: { name: stack.name, operation: plan.operation, finalStatus: type === 'CREATE' ? 'REVIEW_IN_PROGRESS' : null, outcome: blocking.length === 0 ? 'SUCCEEDED' : 'FAILED' },
      invocations: calls.invocations,
      events: review,
      hookResults: calls.hookResults,
      skippedHooks: skipped,
      changeSet,
      ...(stackHooks.length > 0 ? { stackHooksOnExecution: stackHooks } : {}),
    };
  }
  const executed = await simulateStack({ ...sim, changeSetId: sim.changeSet.id, ...(stackCallsSpared.size > 0 ? { stackCallsSpared } : {}) });
  return {
    ...executed,
    invocations: [...calls.invocations, ...executed.invocations],
    events: [...review, ...executed.events],
    hookResults: [...calls.hookResults, ...executed.hookResults],
    // A hook the change set called is not "not invoked", whatever the stack operation made of it.
    skippedHooks: skippedHooks(sim.hooks, identity, executed.skippedHooks),
    changeSet: { ...changeSet, executed: true, executionStatus: executed.stack.outcome === 'SUCCEEDED' ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED' },
  };
}

/** The change-set stage's calls: their records, results, and the FAIL-mode hooks that refused the change set. */
interface ChangeSetCalls {
  readonly invocations: InvocationRecord[];
  readonly hookResults: HookResult[];
  readonly blocking: string[];
}

/** Calls every CHANGE_SET hook once, in the account's order; the payload is served for these calls only. */
async function callChangeSetHooks(sim: ChangeSetSimulation, changes: readonly PlannedChange[], identity: StackIdentity): Promise<ChangeSetCalls> {
  const called = sim.hooks.filter((hook) => changeSetHookVerdict(hook, identity).invoked);
  const out: ChangeSetCalls = { invocations: [], hookResults: [], blocking: [] };
  if (called.length === 0) return out;
  const ids = sim.changeSetInvocationIds ?? seededUuids(`hook-invocations:${sim.changeSet.id}`);
  // A Guard hook reads no URL: the server runs only when a Lambda or registry hook will be called.
  const server = called.some((hook) => hook.kind !== 'guard')
    ? await (sim.servePayloads ?? (() => startPayloadServer(seededUuids(`change-set-payloads:${sim.changeSet.id}`))))()
    : undefined;
  try {
    const payload = server ? publishPayloads(server, sim, changes) : { lambda: '', registry: '' };
    for (const hook of called) {
      const hookInvocationId = ids();
      const failureMode = failureModeOf(hook.configuration);
      const target: HookTarget = {
        clientRequestToken: sim.tokens(),
        stack: { stackId: sim.stack.id, accountId: sim.stack.accountId },
        invocationPoint: CHANGE_SET_POINT,
        targetName: 'CHANGE_SET',
        logicalId: sim.changeSet.id,
        resourceProperties: {},
        changeSet: { payload, stackName: sim.stack.name, template: sim.documents.template, previousTemplate: sim.documents.previousTemplate, changes: changes.map((c) => c.sent) },
        changeSetId: sim.changeSet.id,
      };
      const outcome = await hook.invoke({ target, limits: sim.limits ?? SERVICE_LIMITS });
      const read = readAnnotations(outcome.answer?.annotations);
      const annotations = read.annotations;
      out.invocations.push({
        logicalResourceId: sim.changeSet.id,
        targetName: 'CHANGE_SET',
        invocationPoint: CHANGE_SET_POINT,
        hookStatus: outcome.hookStatus,
        errorCode: outcome.errorCode,
        message: outcome.message,
        failureMode,
        hookTypeName: hook.typeName,
        targetType: 'CHANGE_SET',
        hookInvocationId,
        annotations,
        ...(outcome.logBucketReport ? { logBucketReport: outcome.logBucketReport } : {}),
        ...answerNotes(outcome, read),
      });
      // The observed result of a change-set hook (aws-cdk-cli PR #1768): Target {CHANGE_SET, CHANGE_SET, <change set ARN>, CREATE}.
      out.hookResults.push(
        hookResultOf({
          hookInvocationId,
          typeName: hook.typeName,
          originalTypeName: hook.originalTypeName,
          failureMode,
          outcome,
          target: { TargetType: 'CHANGE_SET', TargetTypeName: 'CHANGE_SET', TargetId: sim.changeSet.id, Action: 'CREATE' },
          annotations,
        }),
      );
      // [choice] a hook that errored obeys FailureMode like a judged failure, as on the stack's targets.
      if (outcome.kind !== 'succeeded' && failureMode === 'FAIL') out.blocking.push(hook.typeName);
    }
  } finally {
    await server?.close();
  }
  return out;
}

/**
 * The payload in the two shapes (reference hooks-today §4; the evidence is at StackPayloadUrls, hook.ts): the Lambda
 * page's `{template, changedResources}` with camelCase items, and the registry shape of the Java runtime's
 * `StackHookTargetModel` / `ChangedResource`, PascalCase at both levels: `{Template, PreviousTemplate,
 * ResolvedTemplate, ChangedResources}`, whose items' `ResourceProperties` / `PreviousResourceProperties` are strings.
 * [choice, UNCONFIRMED] those two strings are the same JSON texts as `afterContext` / `beforeContext`.
 */
function publishPayloads(server: PayloadServer, sim: ChangeSetSimulation, changes: readonly PlannedChange[]): StackPayloadUrls {
  const given = typeof sim.templates === 'function' ? sim.templates() : sim.templates;
  const template = given?.template ?? '';
  return {
    lambda: server.publish(JSON.stringify({ template, changedResources: changes.map((c) => changeEntry(c.sent)) })),
    registry: server.publish(
      JSON.stringify({
        Template: template,
        PreviousTemplate: sim.plan.operation === 'update' ? (given?.previousTemplate ?? '') : '',
        ResolvedTemplate: given?.resolvedTemplate ?? '',
        ChangedResources: changes.map(({ sent }) => ({
          LogicalResourceId: sent.logicalResourceId,
          ResourceType: sent.resourceType,
          LineNumber: sent.lineNumber,
          Action: sent.action,
          ResourceProperties: changeContext(sent.afterProperties),
          PreviousResourceProperties: changeContext(sent.beforeProperties),
        })),
      }),
    ),
  };
}

/** Whether a hook is called for the change set, and if not, why. */
export function changeSetHookVerdict(hook: Hook, identity: StackIdentity): StackVerdict {
  const verdict = inDeclaredTerms(hook, changeSetVerdict(hook.configuration, identity));
  if (!verdict.invoked) return verdict;
  if (hook.unavailable) return { invoked: false, reason: hook.unavailable };
  if (!(hook.targetTypes ?? ['RESOURCE']).includes('CHANGE_SET')) return { invoked: false, reason: `this simulator cannot call a ${hook.kind} hook for a CHANGE_SET target yet` };
  if (isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, hook.configuration, 'CHANGE_SET', CHANGE_SET_POINT)) return verdict;
  const named = matchesAny(hook.handlers.preCreate?.targetNames ?? [], 'CHANGE_SET');
  return { invoked: false, reason: named ? 'its TargetFilters leave out CHANGE_SET (target CHANGE_SET, action CREATE)' : 'its preCreate handler names no CHANGE_SET target' };
}

/**
 * The hooks a run does not call (as the warnings name them): a hook that targets CHANGE_SET and is not called for the
 * change set, with the change set's reason (even when the stack still calls it for its resources: the user asked
 * for CHANGE_SET); any other hook the stack does not call, with the stack's reason. `stackSkipped`: the stack run's
 * own verdicts, once the change set was executed; before, a hook the stack would call is in the change set's plan.
 */
function skippedHooks(hooks: readonly Hook[], identity: StackIdentity, stackSkipped?: readonly SkippedHook[]): SkippedHook[] {
  const out: SkippedHook[] = [];
  for (const hook of hooks) {
    if (targetsOperation(hook.configuration, 'CHANGE_SET')) {
      const forChangeSet = changeSetHookVerdict(hook, identity);
      if ('reason' in forChangeSet) out.push({ typeName: hook.typeName, reason: `not for the change set (${forChangeSet.reason})` });
      continue;
    }
    const forStack: StackVerdict = stackSkipped
      ? notInvoked(stackSkipped.find((s) => s.typeName === hook.typeName))
      : hook.unavailable
        ? { invoked: false, reason: hook.unavailable }
        : inDeclaredTerms(hook, stackVerdict(hook.configuration, identity));
    if ('reason' in forStack) out.push({ typeName: hook.typeName, reason: forStack.reason });
  }
  return out;
}

function notInvoked(skipped: SkippedHook | undefined): StackVerdict {
  return skipped ? { invoked: false, reason: skipped.reason } : { invoked: true };
}
