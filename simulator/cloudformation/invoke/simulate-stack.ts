/**
 * Executing a stack plan as the service would: stack and resource events in order, the resources whose
 * dependencies are met provisioned together (waves), the hooks called before each targeted resource is
 * provisioned, FailureMode applied, the siblings in flight cancelled and the rollback (with no hook calls) that a
 * blocking hook causes.
 */
import type { FailureMode } from '../../../src/kernel/hook-config';
import type { InvocationPoint, JsonObject } from '../../../src/kernel/protocol';
import { changesNothing, planWaves, type PlanStep, type StackOperation, type StackPlan } from '../plan';
import type { ResolvedResource } from '../template/types';
import { failureModeOf, isTargeted, stackVerdict, targetsOperation, type StackVerdict } from '../../../src/kernel/hook-config/targeting';
import { EVENT_TEXT, STACK_RESOURCE_TYPE, answerNotes, refusalText, resourceEvent, type InvocationRecord, type RefusedUpdate, type StackEvent } from './events';
import { inDeclaredTerms, type Hook, type HookAnswer, type HookTarget, type HookTargetType } from './hook';
import { matchesAny } from '../../../src/kernel/hook-config/wildcard';
import { startPayloadServer, type PayloadServer } from './payload-server';
import { capHookStatusReason, HOOK_STATUS_FOR_OUTCOME, hookResultOf, readAnnotations, type HookResult } from './hook-results';
import type { ChangeSetReport, PlannedStackHook } from '../change-set/change-set-report';
import { seededUuids } from './request-tokens';
import { SERVICE_LIMITS, type InvokeLimits } from './invoke-hook';
import type { UuidSource } from './request-tokens';
import { isSamType } from '../../../src/kernel/resource-catalog';

/** The stack being operated on. */
export interface SimulatedStack {
  readonly name: string;
  readonly id: string;
  readonly region: string;
  readonly accountId: string;
  /** The stack's service role, matched by StackRoles filters. */
  readonly roleArn?: string;
  /** Termination protection is on (a CDK stack's `terminationProtection`): DeleteStack is refused. */
  readonly terminationProtection?: boolean;
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
  /** The nested stacks this stack's resources create, update or delete, by the parent resource's logical id. */
  readonly nested?: ReadonlyMap<string, NestedStackRun>;
  /** The templates a STACK target's payload carries (built when first needed); empty texts when not given. */
  readonly templates?: StackTemplates | (() => StackTemplates);
  /**
   * One resource at a time, in plan order (`--serial`, the order before waves). By default the resources whose
   * dependencies are met are provisioned together, in waves, so a blocked resource cancels its siblings in flight.
   */
  readonly serial?: boolean;
  /** Serves STACK payloads; by default a local HTTP server on 127.0.0.1, started only when a STACK hook is called. */
  readonly servePayloads?: () => Promise<PayloadServer>;
  /** The change set this operation executes (its ARN): every request's `changeSetId`; absent for a direct operation. */
  readonly changeSetId?: string;
  /**
   * The hooks (type names) whose call for the change set this operation executes answered
   * `CHANGE_SET_SUCCESS_SKIP_STACK_HOOK`, each with the reason to give: not called for this stack's STACK target.
   * This stack's only: a nested stack's operation has no change set of its own here.
   */
  readonly stackCallsSpared?: ReadonlyMap<string, string>;
  /**
   * Why the service fails this update as it applies the stack's outputs, once every resource is updated (an export
   * another stack imports, removed or changed: EVENT_TEXT.exportInUse): the stack rolls back with this reason. A hook
   * that blocks a resource first stays the verdict. This stack's only (a nested stack's outputs export nothing here).
   */
  readonly outputsRefusal?: string;
}

/** A nested stack's own operation, planned with its parent's (the hooks, limits and order are the parent's). */
export interface NestedStackRun {
  readonly stack: SimulatedStack;
  readonly plan: StackPlan;
  readonly tokens: UuidSource;
  readonly nested?: ReadonlyMap<string, NestedStackRun>;
  /** What its own STACK-target hook call carries: its template as the parent's resource gives it. */
  readonly templates?: StackTemplates | (() => StackTemplates);
}

/** A nested stack's result, named by the parent resource that created it. */
export interface NestedStackResult extends SimulationResult {
  readonly logicalResourceId: string;
}

/**
 * The templates of the operation as submitted (reference hooks-today §4: "the full CloudFormation template that was
 * provided to create-stack or update-stack", JSON or YAML text, unresolved). On delete both are sent empty.
 */
export interface StackTemplates {
  readonly template: string;
  /** The deployed template (update only). */
  readonly previousTemplate: string;
  /** The template with intrinsics resolved, for the registry payload's `ResolvedTemplate` (registry hooks only). */
  readonly resolvedTemplate: string;
  /**
   * The submitted and deployed templates parsed (Guard hooks' STACK document); absent when not given, and then a
   * Guard hook sees no template sections and an empty `Previous`, as it would for empty texts.
   */
  readonly documents?: { readonly template: JsonObject | null; readonly previousTemplate: JsonObject | null };
}

/**
 * Why a wave stopped: the steps that failed (a hook blocked them, or their nested stack failed) and the siblings
 * that were in flight and are cancelled, each in plan order.
 */
interface WaveStop {
  readonly failed: readonly PlanStep[];
  readonly cancelled: readonly PlanStep[];
}

/** One hook call a wave makes for one step: the request made in plan order, its outcome once called. */
interface WaveCall {
  readonly hook: Hook;
  readonly hookInvocationId: string;
  readonly target: HookTarget;
  outcome?: HookAnswer;
}

/** A step's hook calls in a wave: the subject (target and event names) and one call per targeted hook. */
interface StepCalls {
  readonly subject: CallSubject;
  readonly calls: readonly WaveCall[];
}

/** A wave call's outcome; every call has one once callWaveHooks has returned. */
function outcomeOf(call: WaveCall): HookAnswer {
  if (call.outcome === undefined) throw new Error(`BUG: the hook ${call.hook.typeName} was not called for ${call.target.logicalId}`);
  return call.outcome;
}

/** What one hook call is about, as its events and its hook result name it. */
interface CallSubject {
  /** The events' LogicalResourceId and ResourceType: the resource's, or the stack's own for a STACK target. */
  readonly logicalId: string;
  readonly resourceType: string;
  readonly targetType: HookTargetType;
  readonly target: HookTarget;
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
  /** The hooks that target the stack but were not called for it (`stackCallsSpared`), and why; absent when none. */
  readonly skippedStackCalls?: readonly SkippedHook[];
  /** The nested stacks' own results, in the order the parent reached them; absent when the stack nests none. */
  readonly nestedStacks?: NestedStackResult[];
  /** CDK construct paths (`aws:cdk:path`) by logical id; absent when no resource has one. */
  readonly constructPaths?: Record<string, string>;
  /** `--operation change-set`: the change set, its hooks' verdict and its DescribeChangeSetHooks plan. */
  readonly changeSet?: ChangeSetReport;
  /** The resources of this stack whose provisioning the service refused (each an UPDATE_FAILED or CREATE_FAILED event), in event order; absent when none. */
  readonly refusedUpdates?: readonly RefusedUpdate[];
  /**
   * A change set created and not executed: the hooks its execution would call for the stack itself, which
   * DescribeChangeSetHooks does not list (named in the verdict, not simulated, not in the JSON); absent when none.
   */
  readonly stackHooksOnExecution?: readonly PlannedStackHook[];
  /** Why the service refused the stack's outputs and rolled the update back (StackSimulation.outputsRefusal); absent when it did not. */
  readonly outputsRefusal?: string;
}

/** A hook the stack operation does not call at all (disabled, filtered out, not runnable here). */
export interface SkippedHook {
  readonly typeName: string;
  readonly reason: string;
}

/** The payload texts of a stack whose templates were not given. */
const NO_TEMPLATES: StackTemplates = { template: '', previousTemplate: '', resolvedTemplate: '' };

const STATUS_PREFIX: Readonly<Record<PlanStep['action'], 'CREATE' | 'UPDATE' | 'DELETE'>> = {
  create: 'CREATE',
  update: 'UPDATE',
  replace: 'UPDATE',
  delete: 'DELETE',
  retain: 'DELETE',
};

/** Runs the plan against the account's hooks and returns the events and invocations the service would record. */
export async function simulateStack(simulation: StackSimulation): Promise<SimulationResult> {
  const run = new StackRun(simulation);
  await run.execute();
  // Read again after the run: a nested stack's status may have changed when its parent rolled back.
  return run.snapshot();
}

class StackRun {
  private readonly events: StackEvent[] = [];
  private readonly invocations: InvocationRecord[] = [];
  private readonly hookResults: HookResult[] = [];
  private readonly refusedUpdates: RefusedUpdate[] = [];
  /** Set once the service refused the outputs and the update rolled back. */
  private outputsRefused: string | undefined;
  private readonly invocationIds: UuidSource;
  /** Each hook's verdict for this stack, in the order of `sim.hooks`. */
  private readonly verdicts: readonly StackVerdict[];
  /** The nested stacks run so far, by the parent resource's logical id. */
  private readonly children = new Map<string, StackRun>();
  /** Resources this run created and has not removed (what deleting the stack again would remove). */
  private provisioned: ResolvedResource[] = [];
  /** The final status and outcome, once known (a parent's rollback may still change them). */
  private finalStatus: string | null = null;
  private outcome: StackOutcome = 'SUCCEEDED';
  private rejection: StackRejection | undefined;
  /** True once the run has ended (a nested stack the parent only deletes never runs). */
  private ran = false;
  /** Why the operation failed, as a parent's Stack resource quotes it (`Embedded stack … was not successfully …: <why>`). */
  private failureReason = '';
  /** The STACK-target calls not made because the hook's change-set call spared them. */
  private readonly skippedStackCalls: SkippedHook[] = [];

  constructor(private readonly sim: StackSimulation) {
    const identity = { stackName: sim.stack.name, ...(sim.stack.roleArn ? { roleArn: sim.stack.roleArn } : {}) };
    this.invocationIds = sim.invocationIds ?? seededUuids(`hook-invocations:${sim.stack.id}`);
    // A hook the account would not call anyway is reported for that reason, not for being unavailable here.
    this.verdicts = sim.hooks.map((hook): StackVerdict => {
      const verdict = inDeclaredTerms(hook, stackVerdict(hook.configuration, identity));
      if (!verdict.invoked) return verdict;
      if (hook.unavailable) return { invoked: false, reason: hook.unavailable };
      return targetsOperation(hook.configuration, 'RESOURCE') ? verdict : (stackOnlyVerdict(hook) ?? verdict);
    });
  }

  async execute(): Promise<SimulationResult> {
    const { operation, steps } = this.sim.plan;
    const OP = operation.toUpperCase();
    // UpdateStack with nothing to change is refused before any event or hook call (aws cloudformation update-stack:
    // "An error occurred (ValidationError) when calling the UpdateStack operation: No updates are to be performed.").
    // One that changes the Outputs alone is an update of no resource: UPDATE_IN_PROGRESS, the STACK hooks, then
    // UPDATE_COMPLETE, no resource event and no RESOURCE hook (plan/types.ts changesNothing). [unconfirmed] for
    // UpdateStack itself: the sources show a change set's execution (aws/aws-cdk#2029) and the User Guide no longer
    // saying outputs cannot be updated by themselves; that the STACK hooks are called for it, as for any update.
    if (changesNothing(this.sim.plan)) return this.rejected({ errorCode: 'ValidationError', message: EVENT_TEXT.noUpdates });
    // DeleteStack on a protected stack is refused before any event or hook call.
    if (operation === 'delete' && this.sim.stack.terminationProtection) return this.rejected({ errorCode: 'ValidationError', message: EVENT_TEXT.terminationProtected(this.sim.stack.name) });
    this.stackEvent(`${OP}_IN_PROGRESS`, EVENT_TEXT.userInitiated);
    const stackBlocking = await this.callStackHooks(`${OP}_PRE_PROVISION` as InvocationPoint, OP as 'CREATE' | 'UPDATE' | 'DELETE');
    if (stackBlocking.length > 0) return this.failByStackHooks(stackBlocking);
    const done: PlanStep[] = [];
    const main = steps.filter((s) => s.phase === 'main');
    for (const wave of this.sim.serial ? main.map((step) => [step]) : planWaves(main, operation)) {
      const stopped = await this.performWave(wave);
      if (stopped) return this.failAfter(stopped, done);
      for (const step of wave) done.push(step);
    }
    // [unconfirmed] the service applies the outputs after the resources (linz/geostore#630's events: 10 of 11
    // resources updated first) and, refusing them, rolls back with its text on the stack's UPDATE_ROLLBACK_IN_PROGRESS.
    const refusal = this.sim.outputsRefusal;
    if (operation === 'update' && refusal !== undefined) {
      this.outputsRefused = refusal;
      this.failureReason = refusal;
      return this.rollBackUpdate(refusal, [], [...done].reverse());
    }
    if (operation === 'update') {
      this.stackEvent('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
      for (const step of steps.filter((s) => s.phase === 'cleanup')) this.removeWithoutHook(step.resource, step.action === 'retain');
    }
    this.stackEvent(`${OP}_COMPLETE`);
    return this.result(`${OP}_COMPLETE`, 'SUCCEEDED');
  }

  /**
   * Performs one wave, in three passes over its steps in plan order: every step starts (its hooks are called, or
   * its plain `…_IN_PROGRESS`), then, when no hook blocked, every step is initiated and the nested stacks among them
   * run, then every step completes. A step that fails (blocked by a hook, or its nested stack failed) cancels the
   * wave's other steps, in flight (reference hooks-today §10: `Resource creation cancelled`). [choice] no sibling
   * completes before the verdict, and every nested stack the wave started runs to its end: the service's timing
   * is not simulated, so the simulation takes the order that shows the most.
   */
  private async performWave(wave: readonly PlanStep[]): Promise<WaveStop | undefined> {
    const calls = await this.callWaveHooks(wave);
    const blocked: PlanStep[] = [];
    const started: PlanStep[] = [];
    for (const step of wave) {
      if (step.action === 'retain') this.event(step.resource, 'DELETE_SKIPPED');
      else if (this.start(step, calls.get(step))) blocked.push(step);
      else started.push(step);
    }
    if (blocked.length > 0) return this.cancel(blocked, started);
    for (const step of started) this.initiate(step);
    const failedNested: PlanStep[] = [];
    for (const step of started) {
      // [unconfirmed] a refused update (a custom resource's new ServiceToken, a replacement keeping a custom name)
      // fails once provisioning starts, after its preUpdate hooks: the service calls hooks before it provisions, and
      // no source shows the order. A create whose name is taken fails in its handler, after its preCreate hooks.
      const reason = step.refusal !== undefined ? refusalText(step.refusal, this.sim.stack.id) : await this.runNested(step);
      if (reason !== undefined) {
        const status = `${STATUS_PREFIX[step.action]}_FAILED`;
        this.event(step.resource, status, reason);
        if (step.refusal !== undefined) this.refusedUpdates.push({ logicalResourceId: step.resource.logicalId, resourceType: step.resource.type, status: status === 'CREATE_FAILED' ? 'CREATE_FAILED' : 'UPDATE_FAILED', reason });
        failedNested.push(step);
      }
    }
    if (failedNested.length > 0) return this.cancel(failedNested, started.filter((step) => !failedNested.includes(step)));
    for (const step of started) this.complete(step);
    return undefined;
  }

  /** Cancels the steps in flight beside the failed ones: `…_FAILED` `Resource creation cancelled` and its kin. */
  private cancel(failed: readonly PlanStep[], inFlight: readonly PlanStep[]): WaveStop {
    for (const step of inFlight) this.event(step.resource, `${STATUS_PREFIX[step.action]}_FAILED`, EVENT_TEXT.cancelled[STATUS_PREFIX[step.action]]);
    return { failed, cancelled: inFlight };
  }

  /**
   * Calls the hooks of a wave's steps, each targeted hook once per step, as the service does for resources it
   * provisions together. The requests are made in plan order (step, then hook), so tokens and invocation ids are
   * those of calls made one by one; a hook that can judge many targets at once (`invokeMany`: a Guard hook's one
   * cfn-guard run) gets all of its wave's targets together, the others are called one by one in plan order.
   */
  private async callWaveHooks(wave: readonly PlanStep[]): Promise<Map<PlanStep, StepCalls>> {
    const planned = new Map<PlanStep, StepCalls>();
    const byHook = new Map<Hook, WaveCall[]>();
    const oneByOne: WaveCall[] = [];
    for (const step of wave) {
      const hooks = step.action === 'retain' ? [] : this.hooksFor(step);
      if (hooks.length === 0 || !step.invocationPoint) continue;
      const subject = this.resourceSubject(step, step.invocationPoint);
      const calls = hooks.map((hook): WaveCall => ({ hook, hookInvocationId: this.invocationIds(), target: subject.target }));
      planned.set(step, { subject, calls });
      for (const call of calls) {
        if (call.hook.invokeMany === undefined) oneByOne.push(call);
        else if (byHook.has(call.hook)) byHook.get(call.hook)?.push(call);
        else byHook.set(call.hook, [call]);
      }
    }
    const limits = this.sim.limits ?? SERVICE_LIMITS;
    for (const [hook, calls] of byHook) {
      const answers = calls.length > 1 && hook.invokeMany ? await hook.invokeMany(calls.map(({ target }) => ({ target, limits }))) : [];
      for (const [i, call] of calls.entries()) call.outcome = answers[i] ?? (await hook.invoke({ target: call.target, limits }));
    }
    for (const call of oneByOne) call.outcome = await call.hook.invoke({ target: call.target, limits });
    return planned;
  }

  /** Starts one step: records its hooks' outcomes and its event; true when a hook blocked it. */
  private start(step: PlanStep, planned: StepCalls | undefined): boolean {
    const { resource } = step;
    const prefix = STATUS_PREFIX[step.action];
    if (planned !== undefined) {
      const blocking = planned.calls.filter((call) => this.recordCall(call.hook, planned.subject, prefix, call.hookInvocationId, outcomeOf(call))).map((call) => call.hook.typeName);
      if (blocking.length > 0) {
        this.event(resource, `${prefix}_FAILED`, EVENT_TEXT.hooksFailed(blocking));
        return true;
      }
      this.event(resource, `${prefix}_IN_PROGRESS`, EVENT_TEXT.hooksComplete[prefix]);
    } else {
      this.event(resource, `${prefix}_IN_PROGRESS`);
    }
    return false;
  }

  /** The events of a started step's provisioning under way. */
  private initiate(step: PlanStep): void {
    // A refused replacement creates nothing: the refusal comes before the new physical resource (a measured refusal
    // left the resource as it was). [unconfirmed] whether the service first writes its "Requested update requires
    // the creation of a new physical resource" event, or "Resource creation Initiated" before a taken name fails the
    // create: no recorded event list shows it either way.
    if (step.refusal !== undefined) return;
    switch (step.action) {
      case 'create':
        // The hook events stand in for the first, reasonless CREATE_IN_PROGRESS; the rest is normal provisioning.
        this.event(step.resource, 'CREATE_IN_PROGRESS', EVENT_TEXT.resourceCreationInitiated);
        break;
      case 'replace':
        this.event(step.resource, 'UPDATE_IN_PROGRESS', EVENT_TEXT.replacing);
        this.event(step.resource, 'UPDATE_IN_PROGRESS', EVENT_TEXT.resourceCreationInitiated);
        break;
      default:
        break;
    }
  }

  /** The event of a started step that completed. */
  private complete(step: PlanStep): void {
    const { resource } = step;
    switch (step.action) {
      case 'create':
        this.event(resource, 'CREATE_COMPLETE');
        this.provisioned.push(resource);
        break;
      case 'update':
      case 'replace':
        this.event(resource, 'UPDATE_COMPLETE');
        break;
      case 'delete':
        this.event(resource, 'DELETE_COMPLETE');
        this.sim.onResourceDeleted?.(resource);
        break;
      case 'retain':
        break;
    }
  }

  /**
   * Runs the nested stack a Stack resource's step creates, updates or deletes, with hooks, as its own stack
   * operation. When it fails, gives the reason the parent's resource fails with ("Embedded stack … was not
   * successfully …"); the parent then rolls back as for any failed resource.
   */
  private async runNested(step: PlanStep): Promise<string | undefined> {
    const nested = this.sim.nested?.get(step.resource.logicalId);
    // A nested stack with nothing to update is left alone (the service refuses only an empty update of the root).
    if (!nested || changesNothing(nested.plan)) return undefined;
    const child = this.childRun(nested);
    this.children.set(step.resource.logicalId, child);
    const result = await child.execute();
    if (result.stack.outcome === 'SUCCEEDED') return undefined;
    const prefix = STATUS_PREFIX[step.action];
    return EVENT_TEXT.embeddedStackFailed(nested.stack.id, prefix === 'CREATE' ? 'create' : prefix === 'UPDATE' ? 'update' : 'delete', child.failureReason);
  }

  /** A nested stack's run: the parent's hooks, limits and order, the child's own stack, plan and templates. */
  private childRun(nested: NestedStackRun): StackRun {
    return new StackRun({
      ...this.sim,
      // The change set's answers spare the root's stack call only: each nested stack is its own operation here.
      stackCallsSpared: undefined,
      outputsRefusal: undefined,
      plan: nested.plan,
      stack: nested.stack,
      tokens: nested.tokens,
      nested: nested.nested ?? new Map(),
      templates: nested.templates ?? NO_TEMPLATES,
    });
  }

  /**
   * Deletes this (nested) stack without hooks, as a parent's rollback or cleanup does: whatever this run created
   * and still holds, or, for a stack this run never touched, every resource of its plan.
   */
  private teardown(): void {
    const resources = this.ran ? [...this.provisioned].reverse() : this.sim.plan.steps.map((s) => s.resource);
    this.stackEvent('DELETE_IN_PROGRESS');
    for (const resource of resources) this.removeWithoutHook(resource, resource.deletionPolicy === 'Retain' || (resource.deletionPolicy === 'RetainExceptOnCreate' && !this.ran));
    this.provisioned = [];
    this.stackEvent('DELETE_COMPLETE');
    this.finalStatus = 'DELETE_COMPLETE';
  }

  /** The hooks called for this step: invoked for the stack, and the resource type targeted at its point. */
  private hooksFor(step: PlanStep): Hook[] {
    const point = step.invocationPoint;
    // An `AWS::Serverless::*` resource is the SAM transform's input: the service shows hooks what it generates, never
    // the SAM resource itself (the run names the hooks that target generated types instead).
    if (!point || isSamType(step.resource.type)) return [];
    return this.sim.hooks.filter(
      (hook, i) =>
        this.verdicts[i]?.invoked === true &&
        targetsOperation(hook.configuration, 'RESOURCE') &&
        isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, hook.configuration, step.resource.type, point),
    );
  }

  /** The request target and event names for one resource. */
  private resourceSubject(step: PlanStep, point: InvocationPoint): CallSubject {
    return {
      logicalId: step.resource.logicalId,
      resourceType: step.resource.type,
      targetType: 'RESOURCE',
      target: {
        clientRequestToken: this.sim.tokens(),
        stack: { stackId: this.sim.stack.id, accountId: this.sim.stack.accountId },
        invocationPoint: point,
        targetName: step.resource.type,
        logicalId: step.resource.logicalId,
        // [choice] on delete the deployed properties go in resourceProperties, as the official samples and `cfn test` do.
        resourceProperties: step.resource.properties,
        ...(step.previous ? { previousResourceProperties: step.previous.properties } : {}),
        ...(this.sim.changeSetId !== undefined ? { changeSetId: this.sim.changeSetId } : {}),
      },
    };
  }

  /**
   * Calls the STACK-target hooks once, before the first resource (reference §3, §4): those whose TargetOperations
   * include STACK, whose handlers name `STACK` at this point (a Lambda hook's handlers name every target), and whose
   * TargetFilters let `STACK` through. Their payload is served for the duration of these calls only. Gives the
   * blocking hooks' names.
   */
  private async callStackHooks(point: InvocationPoint, action: 'CREATE' | 'UPDATE' | 'DELETE'): Promise<string[]> {
    const targeting = this.sim.hooks.filter(
      (hook, i) =>
        this.verdicts[i]?.invoked === true &&
        targetsOperation(hook.configuration, 'STACK') &&
        (hook.targetTypes ?? ['RESOURCE']).includes('STACK') &&
        isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, hook.configuration, 'STACK', point),
    );
    const hooks: Hook[] = [];
    for (const hook of targeting) {
      const spared = this.sim.stackCallsSpared?.get(hook.typeName);
      if (spared === undefined) hooks.push(hook);
      else this.skippedStackCalls.push({ typeName: hook.typeName, reason: spared });
    }
    if (hooks.length === 0) return [];
    const server = await (this.sim.servePayloads ?? (() => startPayloadServer(seededUuids(`stack-payloads:${this.sim.stack.id}`))))();
    try {
      // "In delete-stack operations, this value will be empty" (both templates); "previous … empty if the stack is being created".
      const given = typeof this.sim.templates === 'function' ? this.sim.templates() : this.sim.templates;
      const template = action === 'DELETE' ? '' : (given?.template ?? '');
      const previousTemplate = action === 'UPDATE' ? (given?.previousTemplate ?? '') : '';
      const resolvedTemplate = action === 'DELETE' ? '' : (given?.resolvedTemplate ?? '');
      // The two shapes and their evidence: StackPayloadUrls (hook.ts).
      const stackPayload = {
        lambda: server.publish(JSON.stringify({ template, previousTemplate })),
        registry: server.publish(JSON.stringify({ Template: template, PreviousTemplate: previousTemplate, ResolvedTemplate: resolvedTemplate })),
      };
      // The Guard document's `Previous` is "empty if the stack is being created or deleted"; its template sections
      // are the template "passed into create or update stack" (reference §5): none on delete.
      const stackDocuments = {
        stackName: this.sim.stack.name,
        template: action === 'DELETE' ? null : (given?.documents?.template ?? null),
        previousTemplate: action === 'UPDATE' ? (given?.documents?.previousTemplate ?? null) : null,
      };
      const subject: CallSubject = {
        logicalId: this.sim.stack.name,
        resourceType: STACK_RESOURCE_TYPE,
        targetType: 'STACK',
        target: {
          clientRequestToken: this.sim.tokens(),
          stack: { stackId: this.sim.stack.id, accountId: this.sim.stack.accountId },
          invocationPoint: point,
          targetName: 'STACK',
          logicalId: this.sim.stack.name,
          resourceProperties: {},
          stackPayload,
          stackDocuments,
          ...(this.sim.changeSetId !== undefined ? { changeSetId: this.sim.changeSetId } : {}),
        },
      };
      return await this.callHooks(hooks, subject, action);
    } finally {
      await server.close();
    }
  }

  /**
   * The stack after a STACK hook blocked it, before any resource was touched. [choice, UNCONFIRMED: no recording of
   * a stack-level FAIL] the reason is the resource form `The following hook(s) failed: [X]` on the stack's own
   * event; create and update roll back (with nothing to undo), delete fails.
   */
  private failByStackHooks(blocking: readonly string[]): SimulationResult {
    const reason = EVENT_TEXT.hooksFailed(blocking);
    this.failureReason = reason;
    switch (this.sim.plan.operation) {
      case 'create':
        this.stackEvent('ROLLBACK_IN_PROGRESS', reason);
        this.stackEvent('ROLLBACK_COMPLETE');
        return this.result('ROLLBACK_COMPLETE', 'FAILED');
      case 'update':
        this.stackEvent('UPDATE_ROLLBACK_IN_PROGRESS', reason);
        this.stackEvent('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
        this.stackEvent('UPDATE_ROLLBACK_COMPLETE');
        return this.result('UPDATE_ROLLBACK_COMPLETE', 'FAILED');
      case 'delete':
        this.stackEvent('DELETE_FAILED', reason);
        return this.result('DELETE_FAILED', 'FAILED');
    }
  }

  /**
   * Calls every targeted hook for one target, in turn, and records each; gives the names of those that block the
   * operation. [choice] every hook is called even after one has failed, so that `The following hook(s) failed`
   * names all the blocking hooks, as the service's list form suggests.
   */
  private async callHooks(hooks: readonly Hook[], subject: CallSubject, prefix: 'CREATE' | 'UPDATE' | 'DELETE'): Promise<string[]> {
    const blocking: string[] = [];
    for (const hook of hooks) {
      if (await this.callHook(hook, subject, prefix)) blocking.push(hook.typeName);
    }
    return blocking;
  }

  /** Calls one hook for one target and records it; true when its result blocks the operation. */
  private async callHook(hook: Hook, subject: CallSubject, prefix: 'CREATE' | 'UPDATE' | 'DELETE'): Promise<boolean> {
    const hookInvocationId = this.invocationIds();
    const outcome = await hook.invoke({ target: subject.target, limits: this.sim.limits ?? SERVICE_LIMITS });
    return this.recordCall(hook, subject, prefix, hookInvocationId, outcome);
  }

  /**
   * Records one call of a hook for one target (its events, invocation and hook result, in the order the service
   * shows them); true when its result blocks the operation.
   */
  private recordCall(hook: Hook, subject: CallSubject, prefix: 'CREATE' | 'UPDATE' | 'DELETE', hookInvocationId: string, outcome: HookAnswer): boolean {
    const { target } = subject;
    const failureMode: FailureMode = failureModeOf(hook.configuration);
    const typeName = hook.typeName;
    const hookEvent = (hookStatus: string, hookStatusReason: string): void => {
      this.events.push({
        ...resourceEvent(subject.logicalId, subject.resourceType, `${prefix}_IN_PROGRESS`),
        hookType: typeName,
        hookStatus,
        hookStatusReason: capHookStatusReason(hookStatusReason),
        hookInvocationPoint: 'PRE_PROVISION',
        hookFailureMode: failureMode,
        hookInvocationId,
      });
    };
    hookEvent('HOOK_IN_PROGRESS', EVENT_TEXT.invokingHook);
    const read = readAnnotations(outcome.answer?.annotations);
    const annotations = read.annotations;
    this.invocations.push({
      logicalResourceId: subject.logicalId,
      targetName: target.targetName,
      invocationPoint: target.invocationPoint,
      hookStatus: outcome.hookStatus,
      errorCode: outcome.errorCode,
      message: outcome.message,
      failureMode,
      hookTypeName: typeName,
      targetType: subject.targetType,
      hookInvocationId,
      annotations,
      ...(outcome.logBucketReport ? { logBucketReport: outcome.logBucketReport } : {}),
      ...answerNotes(outcome, read),
    });
    this.hookResults.push(
      hookResultOf({
        hookInvocationId,
        typeName,
        originalTypeName: hook.originalTypeName,
        failureMode,
        outcome,
        // [choice] a STACK target's TargetId is the stack's name, as its targetLogicalId (the API only says "identifier").
        target: { TargetType: subject.targetType, TargetTypeName: target.targetName, TargetId: target.logicalId, Action: prefix },
        annotations,
      }),
    );
    if (outcome.kind === 'succeeded') {
      hookEvent(HOOK_STATUS_FOR_OUTCOME.succeeded, EVENT_TEXT.hookSucceeded(outcome.message));
      return false;
    }
    // [choice] a hook that errored (threw, timed out, answered malformed) obeys FailureMode like a judged failure.
    const ignored = failureMode === 'WARN' ? EVENT_TEXT.ignoredUnderWarn : '';
    hookEvent(HOOK_STATUS_FOR_OUTCOME[outcome.kind], `${EVENT_TEXT.hookFailed(hook.failureEventMessage ?? outcome.message)}${ignored}`);
    return failureMode === 'FAIL';
  }

  /**
   * The stack after a wave stopped: a rollback for create and update, DELETE_FAILED for delete. No hook is called.
   * The reason lists the failed resources, then the cancelled ones (reference hooks-today §10: the stack's reason
   * "lists the cancelled siblings too"). A cancelled sibling is undone like a completed one (deleted on a create's
   * rollback, reverted on an update's): [choice] it may have been provisioned by the time it was cancelled.
   */
  private failAfter(stop: WaveStop, done: readonly PlanStep[]): SimulationResult {
    const { failed, cancelled } = stop;
    const ids = [...failed, ...cancelled].map((step) => step.resource.logicalId);
    const verb = this.sim.plan.operation === 'delete' ? 'delete' : failed[0]?.action === 'create' ? 'create' : 'update';
    this.failureReason = EVENT_TEXT.failedTo(verb, ids);
    switch (this.sim.plan.operation) {
      case 'delete':
        this.stackEvent('DELETE_FAILED', EVENT_TEXT.failedTo('delete', ids));
        return this.result('DELETE_FAILED', 'FAILED');
      case 'create': {
        this.stackEvent('ROLLBACK_IN_PROGRESS', EVENT_TEXT.createRollback(ids));
        // A failed resource was never provisioned: the service only records it as deleted. A nested stack that
        // failed has rolled itself back; the parent deletes what is left of it.
        for (const step of failed) {
          this.children.get(step.resource.logicalId)?.teardown();
          this.event(step.resource, 'DELETE_COMPLETE');
        }
        this.provisioned = [];
        for (const step of [...done, ...cancelled].reverse()) {
          // RetainExceptOnCreate deletes on a create's rollback; Retain keeps the resource even then.
          this.removeWithoutHook(step.resource, step.resource.deletionPolicy === 'Retain');
        }
        this.stackEvent('ROLLBACK_COMPLETE');
        return this.result('ROLLBACK_COMPLETE', 'FAILED');
      }
      case 'update':
        return this.rollBackUpdate(EVENT_TEXT.failedTo(verb, ids), failed, [...done, ...cancelled].reverse());
    }
  }

  /**
   * An update's rollback, with no hook call: the stack's `reason`, then the steps `undone` (latest first) go back, and
   * the `failed` ones that were creates are recorded as deleted.
   */
  private rollBackUpdate(reason: string, failed: readonly PlanStep[], undone: readonly PlanStep[]): SimulationResult {
    this.stackEvent('UPDATE_ROLLBACK_IN_PROGRESS', reason);
    // Updated resources go back to their deployed properties; a replaced one keeps its old physical resource.
    for (const step of undone) {
      if (step.action === 'update' || step.action === 'replace') {
        this.event(step.resource, 'UPDATE_IN_PROGRESS');
        this.event(step.resource, 'UPDATE_COMPLETE');
      }
    }
    this.stackEvent('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    // What the update created (new resources, new physical resources of replacements) is deleted; a refused
    // replacement (a custom name kept) never made one.
    for (const step of undone) {
      if (step.action === 'create' || (step.action === 'replace' && step.refusal === undefined)) this.removeWithoutHook(step.resource, false);
    }
    for (const step of failed) if (step.action === 'create') this.event(step.resource, 'DELETE_COMPLETE');
    this.stackEvent('UPDATE_ROLLBACK_COMPLETE');
    return this.result('UPDATE_ROLLBACK_COMPLETE', 'FAILED');
  }

  /** A delete the service calls no hook for (cleanup, rollback); a nested stack is deleted with all it holds. */
  private removeWithoutHook(resource: ResolvedResource, retained: boolean): void {
    if (retained) {
      this.event(resource, 'DELETE_SKIPPED');
      return;
    }
    this.event(resource, 'DELETE_IN_PROGRESS');
    this.nestedToRemove(resource.logicalId)?.teardown();
    this.event(resource, 'DELETE_COMPLETE');
  }

  /** The nested stack a removal deletes: the one this run created, or the deployed one the plan describes. */
  private nestedToRemove(logicalId: string): StackRun | undefined {
    const ran = this.children.get(logicalId);
    if (ran) return ran;
    const nested = this.sim.nested?.get(logicalId);
    // A nested stack to be created that never ran (its resource was cancelled before it started) holds nothing.
    if (!nested || nested.plan.operation === 'create') return undefined;
    const child = this.childRun(nested);
    this.children.set(logicalId, child);
    return child;
  }

  private event(resource: ResolvedResource, status: string, reason: string | null = null): void {
    this.events.push(resourceEvent(resource.logicalId, resource.type, status, reason));
  }

  private stackEvent(status: string, reason: string | null = null): void {
    this.events.push(resourceEvent(this.sim.stack.name, STACK_RESOURCE_TYPE, status, reason));
  }

  private rejected(rejection: StackRejection): SimulationResult {
    this.rejection = rejection;
    return this.result(null, 'REJECTED');
  }

  private result(finalStatus: string | null, outcome: StackOutcome): SimulationResult {
    this.finalStatus = finalStatus;
    this.outcome = outcome;
    this.ran = true;
    return this.snapshot();
  }

  /** The result as it stands (a parent reads its children's after its own run, rollbacks included). */
  snapshot(): SimulationResult {
    const nestedStacks: NestedStackResult[] = [];
    for (const [logicalResourceId, child] of this.children) nestedStacks.push({ logicalResourceId, ...child.snapshot() });
    const constructPaths: Record<string, string> = {};
    for (const resource of this.sim.plan.unchanged) if (resource.constructPath !== undefined) constructPaths[resource.logicalId] = resource.constructPath;
    for (const step of this.sim.plan.steps) if (step.resource.constructPath !== undefined) constructPaths[step.resource.logicalId] = step.resource.constructPath;
    return {
      stack: { name: this.sim.stack.name, operation: this.sim.plan.operation, finalStatus: this.finalStatus, outcome: this.outcome, ...(this.rejection ? { rejection: this.rejection } : {}) },
      invocations: this.invocations,
      events: this.events,
      hookResults: this.hookResults,
      skippedHooks: this.sim.hooks.flatMap((hook, i) => {
        const verdict = this.verdicts[i];
        return verdict && !verdict.invoked ? [{ typeName: hook.typeName, reason: verdict.reason }] : [];
      }),
      ...(this.skippedStackCalls.length > 0 ? { skippedStackCalls: [...this.skippedStackCalls] } : {}),
      ...(nestedStacks.length > 0 ? { nestedStacks } : {}),
      ...(Object.keys(constructPaths).length > 0 ? { constructPaths } : {}),
      ...(this.refusedUpdates.length > 0 ? { refusedUpdates: [...this.refusedUpdates] } : {}),
      ...(this.outputsRefused !== undefined ? { outputsRefusal: this.outputsRefused } : {}),
    };
  }
}

/**
 * Why a hook whose TargetOperations leave RESOURCE out is not called at all here (STACK is its only target type),
 * or undefined when it can be called for the stack.
 */
function stackOnlyVerdict(hook: Hook): StackVerdict | undefined {
  const operations = hook.configuration.TargetOperations ?? [];
  const head = `TargetOperations [${operations.join(', ')}] does not include RESOURCE`;
  if (!(hook.targetTypes ?? ['RESOURCE']).includes('STACK')) {
    return { invoked: false, reason: `${head}, and this simulator cannot call a ${hook.kind} hook for a STACK target yet` };
  }
  const namesStack = Object.values(hook.handlers).some((handler) => handler !== undefined && matchesAny(handler.targetNames, 'STACK'));
  return namesStack ? undefined : { invoked: false, reason: `${head}, and its handlers name no STACK target` };
}
