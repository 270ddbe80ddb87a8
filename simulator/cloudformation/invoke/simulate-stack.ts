/**
 * Executing a stack plan as the service would: stack and resource events in order, the hook called before
 * each targeted resource is provisioned, FailureMode applied, and the rollback (with no hook calls) that a
 * blocking hook causes.
 */
import type { FailureMode } from '../../../src/kernel/hook-config';
import type { InvocationPoint } from '../../../src/kernel/protocol';
import type { PlanStep, StackOperation, StackPlan } from '../plan';
import type { ResolvedResource } from '../template/types';
import { failureModeOf, isTargeted, stackVerdict, type StackVerdict } from '../../../src/kernel/hook-config/targeting';
import { EVENT_TEXT, STACK_RESOURCE_TYPE, resourceEvent, type InvocationRecord, type StackEvent } from './events';
import type { Hook } from './hook';
import { capHookStatusReason, resultAnnotation, wellFormedAnnotations, type HookResult } from './hook-results';
import { HOOK_TYPE_VERSION } from './request';
import { seededUuids } from './request-tokens';
import { SERVICE_LIMITS, type HookCallOutcome, type InvokeLimits } from './invoke-hook';
import type { UuidSource } from './request-tokens';

/** The stack being operated on. */
export interface SimulatedStack {
  readonly name: string;
  readonly id: string;
  readonly region: string;
  readonly accountId: string;
  /** The stack's service role, matched by StackRoles filters. */
  readonly roleArn?: string;
}

/** Everything a simulation needs. */
export interface StackSimulation {
  readonly plan: StackPlan;
  readonly stack: SimulatedStack;
  /** The hooks active in the account, in the order they are called for a target. */
  readonly hooks: readonly Hook[];
  readonly tokens: UuidSource;
  readonly limits?: InvokeLimits;
  /** HookInvocationIds; by default seeded by the stack id, so every run gives the same ones. */
  readonly invocationIds?: UuidSource;
  /** Told when a resource is deleted during the operation (the simulated account forgets it). */
  readonly onResourceDeleted?: (resource: ResolvedResource) => void;
}

/**
 * How the operation ends: it completes, it fails (a hook blocked it and the stack rolled back), or the service
 * refuses the request itself (`UpdateStack` with nothing to change), so no operation starts at all.
 */
export type StackOutcome = 'SUCCEEDED' | 'FAILED' | 'REJECTED';

/** The error the API call answers when the service refuses the request (outcome REJECTED). */
export interface StackRejection {
  readonly errorCode: string;
  readonly message: string;
}

/** The result in the shape `simulate --format json` prints (plus the hooks skipped for the stack, for the warnings). */
export interface SimulationResult {
  readonly stack: {
    name: string;
    operation: StackOperation;
    /** The stack's status once the operation ends; null when the request is rejected (the stack keeps its status). */
    finalStatus: string | null;
    outcome: StackOutcome;
    /** Present only when the outcome is REJECTED. */
    rejection?: StackRejection;
  };
  readonly invocations: InvocationRecord[];
  readonly events: StackEvent[];
  /** One per invocation, in the shape of `GetHookResult`. */
  readonly hookResults: HookResult[];
  /** The hooks not invoked for this stack at all, and why. */
  readonly skippedHooks: readonly SkippedHook[];
}

/** A hook the stack operation does not call at all (disabled, filtered out, not runnable here). */
export interface SkippedHook {
  readonly typeName: string;
  readonly reason: string;
}

const STATUS_PREFIX: Readonly<Record<PlanStep['action'], 'CREATE' | 'UPDATE' | 'DELETE'>> = {
  create: 'CREATE',
  update: 'UPDATE',
  replace: 'UPDATE',
  delete: 'DELETE',
  retain: 'DELETE',
};

const HOOK_STATUS_FOR_OUTCOME: Readonly<Record<HookCallOutcome['kind'], string>> = {
  succeeded: 'HOOK_COMPLETE_SUCCEEDED',
  failed: 'HOOK_COMPLETE_FAILED',
  errored: 'HOOK_FAILED',
};

/** Runs the plan against the account's hooks and returns the events and invocations the service would record. */
export async function simulateStack(simulation: StackSimulation): Promise<SimulationResult> {
  const run = new StackRun(simulation);
  return run.execute();
}

class StackRun {
  private readonly events: StackEvent[] = [];
  private readonly invocations: InvocationRecord[] = [];
  private readonly hookResults: HookResult[] = [];
  private readonly invocationIds: UuidSource;
  /** Each hook's verdict for this stack, in the order of `sim.hooks`. */
  private readonly verdicts: readonly StackVerdict[];

  constructor(private readonly sim: StackSimulation) {
    const identity = { stackName: sim.stack.name, ...(sim.stack.roleArn ? { roleArn: sim.stack.roleArn } : {}) };
    this.invocationIds = sim.invocationIds ?? seededUuids(`hook-invocations:${sim.stack.id}`);
    // A hook the account would not call anyway is reported for that reason, not for being unavailable here.
    this.verdicts = sim.hooks.map((hook): StackVerdict => {
      const verdict = stackVerdict(hook.configuration, identity);
      return verdict.invoked && hook.unavailable ? { invoked: false, reason: hook.unavailable } : verdict;
    });
  }

  async execute(): Promise<SimulationResult> {
    const { operation, steps } = this.sim.plan;
    const OP = operation.toUpperCase();
    // UpdateStack with nothing to change is refused before any event or hook call (aws cloudformation update-stack:
    // "An error occurred (ValidationError) when calling the UpdateStack operation: No updates are to be performed.").
    if (operation === 'update' && steps.length === 0) return this.rejected({ errorCode: 'ValidationError', message: EVENT_TEXT.noUpdates });
    this.stackEvent(`${OP}_IN_PROGRESS`, EVENT_TEXT.userInitiated);
    const done: PlanStep[] = [];
    for (const step of steps.filter((s) => s.phase === 'main')) {
      const blocked = await this.perform(step);
      if (blocked) return this.failAfter(step, done);
      done.push(step);
    }
    if (operation === 'update') {
      this.stackEvent('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
      for (const step of steps.filter((s) => s.phase === 'cleanup')) this.removeWithoutHook(step.resource, step.action === 'retain');
    }
    this.stackEvent(`${OP}_COMPLETE`);
    return this.result(`${OP}_COMPLETE`, 'SUCCEEDED');
  }

  /** Performs one main-phase step; true when a hook blocked it. */
  private async perform(step: PlanStep): Promise<boolean> {
    const { resource } = step;
    const prefix = STATUS_PREFIX[step.action];
    if (step.action === 'retain') {
      this.event(resource, 'DELETE_SKIPPED');
      return false;
    }
    const targeted = this.hooksFor(step);
    if (targeted.length > 0 && step.invocationPoint) {
      const blocked = await this.callHooks(targeted, step, step.invocationPoint, prefix);
      if (blocked) return true;
      this.event(resource, `${prefix}_IN_PROGRESS`, EVENT_TEXT.hooksComplete[prefix]);
    } else {
      this.event(resource, `${prefix}_IN_PROGRESS`);
    }
    switch (step.action) {
      case 'create':
        // The hook events stand in for the first, reasonless CREATE_IN_PROGRESS; the rest is normal provisioning.
        this.event(resource, 'CREATE_IN_PROGRESS', EVENT_TEXT.resourceCreationInitiated);
        this.event(resource, 'CREATE_COMPLETE');
        break;
      case 'update':
        this.event(resource, 'UPDATE_COMPLETE');
        break;
      case 'replace':
        this.event(resource, 'UPDATE_IN_PROGRESS', EVENT_TEXT.replacing);
        this.event(resource, 'UPDATE_IN_PROGRESS', EVENT_TEXT.resourceCreationInitiated);
        this.event(resource, 'UPDATE_COMPLETE');
        break;
      case 'delete':
        this.event(resource, 'DELETE_COMPLETE');
        this.sim.onResourceDeleted?.(resource);
        break;
    }
    return false;
  }

  /** The hooks called for this step: invoked for the stack, and the resource type targeted at its point. */
  private hooksFor(step: PlanStep): Hook[] {
    const point = step.invocationPoint;
    if (!point) return [];
    return this.sim.hooks.filter(
      (hook, i) => this.verdicts[i]?.invoked === true && isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, hook.configuration, step.resource.type, point),
    );
  }

  /**
   * Calls every targeted hook for one resource, in turn, and records each; true when one of them blocks the
   * operation. [choice] every hook is called even after one has failed, so that `The following hook(s) failed`
   * names all the blocking hooks, as the service's list form suggests.
   */
  private async callHooks(hooks: readonly Hook[], step: PlanStep, point: InvocationPoint, prefix: 'CREATE' | 'UPDATE' | 'DELETE'): Promise<boolean> {
    const blocking: string[] = [];
    for (const hook of hooks) {
      if (await this.callHook(hook, step, point, prefix)) blocking.push(hook.typeName);
    }
    if (blocking.length === 0) return false;
    this.event(step.resource, `${prefix}_FAILED`, EVENT_TEXT.hooksFailed(blocking));
    return true;
  }

  /** Calls one hook for one resource and records it; true when its result blocks the operation. */
  private async callHook(hook: Hook, step: PlanStep, point: InvocationPoint, prefix: 'CREATE' | 'UPDATE' | 'DELETE'): Promise<boolean> {
    const failureMode: FailureMode = failureModeOf(hook.configuration);
    const typeName = hook.typeName;
    const hookInvocationId = this.invocationIds();
    const hookEvent = (hookStatus: string, hookStatusReason: string): void => {
      this.events.push({
        ...resourceEvent(step.resource.logicalId, step.resource.type, `${prefix}_IN_PROGRESS`),
        hookType: typeName,
        hookStatus,
        hookStatusReason: capHookStatusReason(hookStatusReason),
        hookInvocationPoint: 'PRE_PROVISION',
        hookFailureMode: failureMode,
        hookInvocationId,
      });
    };
    hookEvent('HOOK_IN_PROGRESS', EVENT_TEXT.invokingHook);
    const outcome = await hook.invoke({
      target: {
        clientRequestToken: this.sim.tokens(),
        stack: { stackId: this.sim.stack.id, accountId: this.sim.stack.accountId },
        invocationPoint: point,
        targetName: step.resource.type,
        logicalId: step.resource.logicalId,
        // [choice] on delete the deployed properties go in resourceProperties, as the official samples and `cfn test` do.
        resourceProperties: step.resource.properties,
        ...(step.previous ? { previousResourceProperties: step.previous.properties } : {}),
      },
      limits: this.sim.limits ?? SERVICE_LIMITS,
    });
    const annotations = wellFormedAnnotations(outcome.answer?.annotations);
    this.invocations.push({
      logicalResourceId: step.resource.logicalId,
      targetName: step.resource.type,
      invocationPoint: point,
      hookStatus: outcome.hookStatus,
      errorCode: outcome.errorCode,
      message: outcome.message,
      failureMode,
      hookTypeName: typeName,
      targetType: 'RESOURCE',
      hookInvocationId,
      annotations,
    });
    this.hookResults.push({
      HookResultId: hookInvocationId,
      InvocationPoint: 'PRE_PROVISION',
      FailureMode: failureMode,
      TypeName: typeName,
      OriginalTypeName: hook.originalTypeName,
      TypeVersionId: HOOK_TYPE_VERSION,
      Status: HOOK_STATUS_FOR_OUTCOME[outcome.kind],
      HookStatusReason: capHookStatusReason(outcome.message),
      Target: { TargetType: 'RESOURCE', TargetTypeName: step.resource.type, TargetId: step.resource.logicalId, Action: prefix },
      Annotations: annotations.map(resultAnnotation),
    });
    if (outcome.kind === 'succeeded') {
      hookEvent(HOOK_STATUS_FOR_OUTCOME.succeeded, EVENT_TEXT.hookSucceeded(outcome.message));
      return false;
    }
    // [choice] a hook that errored (threw, timed out, answered malformed) obeys FailureMode like a judged failure.
    const ignored = failureMode === 'WARN' ? EVENT_TEXT.ignoredUnderWarn : '';
    hookEvent(HOOK_STATUS_FOR_OUTCOME[outcome.kind], `${EVENT_TEXT.hookFailed(hook.failureEventMessage ?? outcome.message)}${ignored}`);
    return failureMode === 'FAIL';
  }

  /** The stack after a blocked step: a rollback for create and update, DELETE_FAILED for delete. No hook is called. */
  private failAfter(failed: PlanStep, done: readonly PlanStep[]): SimulationResult {
    const id = failed.resource.logicalId;
    switch (this.sim.plan.operation) {
      case 'delete':
        this.stackEvent('DELETE_FAILED', EVENT_TEXT.failedTo('delete', [id]));
        return this.result('DELETE_FAILED', 'FAILED');
      case 'create': {
        this.stackEvent('ROLLBACK_IN_PROGRESS', EVENT_TEXT.createRollback([id]));
        // The blocked resource was never provisioned: the service only records it as deleted.
        this.event(failed.resource, 'DELETE_COMPLETE');
        for (const step of [...done].reverse()) {
          // RetainExceptOnCreate deletes on a create's rollback; Retain keeps the resource even then.
          this.removeWithoutHook(step.resource, step.resource.deletionPolicy === 'Retain');
        }
        this.stackEvent('ROLLBACK_COMPLETE');
        return this.result('ROLLBACK_COMPLETE', 'FAILED');
      }
      case 'update': {
        const verb = failed.action === 'create' ? 'create' : 'update';
        this.stackEvent('UPDATE_ROLLBACK_IN_PROGRESS', EVENT_TEXT.failedTo(verb, [id]));
        // Updated resources go back to their deployed properties; a replaced one keeps its old physical resource.
        for (const step of [...done].reverse()) {
          if (step.action === 'update' || step.action === 'replace') {
            this.event(step.resource, 'UPDATE_IN_PROGRESS');
            this.event(step.resource, 'UPDATE_COMPLETE');
          }
        }
        this.stackEvent('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
        // What the update created (new resources, new physical resources of replacements) is deleted.
        for (const step of [...done].reverse()) {
          if (step.action === 'create' || step.action === 'replace') this.removeWithoutHook(step.resource, false);
        }
        if (failed.action === 'create') this.event(failed.resource, 'DELETE_COMPLETE');
        this.stackEvent('UPDATE_ROLLBACK_COMPLETE');
        return this.result('UPDATE_ROLLBACK_COMPLETE', 'FAILED');
      }
    }
  }

  /** A delete the service calls no hook for (cleanup, rollback). */
  private removeWithoutHook(resource: ResolvedResource, retained: boolean): void {
    if (retained) {
      this.event(resource, 'DELETE_SKIPPED');
      return;
    }
    this.event(resource, 'DELETE_IN_PROGRESS');
    this.event(resource, 'DELETE_COMPLETE');
  }

  private event(resource: ResolvedResource, status: string, reason: string | null = null): void {
    this.events.push(resourceEvent(resource.logicalId, resource.type, status, reason));
  }

  private stackEvent(status: string, reason: string | null = null): void {
    this.events.push(resourceEvent(this.sim.stack.name, STACK_RESOURCE_TYPE, status, reason));
  }

  private rejected(rejection: StackRejection): SimulationResult {
    const result = this.result(null, 'REJECTED');
    return { ...result, stack: { ...result.stack, rejection } };
  }

  private result(finalStatus: string | null, outcome: StackOutcome): SimulationResult {
    return {
      stack: { name: this.sim.stack.name, operation: this.sim.plan.operation, finalStatus, outcome },
      invocations: this.invocations,
      events: this.events,
      hookResults: this.hookResults,
      skippedHooks: this.sim.hooks.flatMap((hook, i) => {
        const verdict = this.verdicts[i];
        return verdict && !verdict.invoked ? [{ typeName: hook.typeName, reason: verdict.reason }] : [];
      }),
    };
  }
}
