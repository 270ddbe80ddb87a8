/**
 * A simulated change set as data, in the shapes of the CloudFormation APIs a user reads it with: the change set
 * itself (`DescribeChangeSet`: status, reason, changes) and the hooks its execution would call
 * (`DescribeChangeSetHooks`). The change-set hooks' own invocations and hook results are in the simulation's
 * `invocations` and `hookResults`, beside the stack's.
 */

import type { ResourceAttribute } from '../plan';

/** `CreateChangeSet`'s ChangeSetType: a change set that creates the stack, or one that updates it. */
export type ChangeSetType = 'CREATE' | 'UPDATE';

/** `DescribeChangeSet`'s Status: created (ready to execute) or failed (a CHANGE_SET hook refused it, or nothing changes). */
export type ChangeSetStatus = 'CREATE_COMPLETE' | 'FAILED';

/** `DescribeChangeSet`'s ExecutionStatus, after creation and (with --execute) after execution. */
export type ChangeSetExecutionStatus = 'AVAILABLE' | 'UNAVAILABLE' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED';

/** `ResourceChange.Action` / `ResourceTargetDetails.ResourceAction` for the changes this simulator plans. */
export type ResourceAction = 'Add' | 'Modify' | 'Remove';

/** One resource change (`DescribeChangeSet`'s `Changes[].ResourceChange`, the fields the simulator knows). */
export interface ChangeSetChange {
  readonly Action: ResourceAction;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  /**
   * For a Modify: `True` when it replaces the physical resource, `Conditional` when it may (a create-only property that
   * changes only through a reference to a resource the update modifies, known only when it runs), `False` when it is
   * updated in place; absent for Add and Remove, as the API leaves it.
   */
  readonly Replacement?: 'True' | 'False' | 'Conditional';
  /**
   * What a Modify changes, in the API's spelling (`Properties`, `Metadata`, `CreationPolicy`, `UpdatePolicy`,
   * `DeletionPolicy`, `UpdateReplacePolicy`). [choice] Given only for a Modify that changes an attribute besides
   * Properties (then with `Properties` first when they changed too), so an attribute-only Modify says why it is listed;
   * a Modify of Properties alone leaves it out, as before. No `Details` are given.
   */
  readonly Scope?: readonly ('Properties' | ResourceAttribute)[];
  /** The resource's line in the submitted template (the `lineNumber` hooks receive); null on Remove or when not written there. */
  readonly LineNumber: number | null;
}

/** One entry of `DescribeChangeSetHooks.Hooks`: a RESOURCE hook the execution will call, and for which change. */
export interface ChangeSetHook {
  readonly InvocationPoint: 'PRE_PROVISION';
  readonly FailureMode: 'FAIL' | 'WARN';
  readonly TypeName: string;
  readonly TypeVersionId: string;
  readonly TargetDetails: {
    readonly TargetType: 'RESOURCE';
    readonly ResourceTargetDetails: { readonly LogicalResourceId: string; readonly ResourceType: string; readonly ResourceAction: ResourceAction };
  };
}

/**
 * A hook the change set's execution will call for the stack itself (target STACK), once, before any resource: not in
 * `DescribeChangeSetHooks`, which lists RESOURCE targets only (reference hooks-today §7), so the preview names it.
 */
export interface PlannedStackHook {
  readonly TypeName: string;
  readonly FailureMode: 'FAIL' | 'WARN';
}

/** `DescribeChangeSetHooks`' answer. */
export interface ChangeSetHooksPlan {
  readonly ChangeSetId: string;
  readonly ChangeSetName: string;
  readonly StackId: string;
  readonly StackName: string;
  /** PLANNED when the change set was created; [choice] UNAVAILABLE, with no hooks, when it failed. */
  readonly Status: 'PLANNED' | 'UNAVAILABLE';
  readonly Hooks: readonly ChangeSetHook[];
}

/** The change set of a `--operation change-set` run. */
export interface ChangeSetReport {
  readonly name: string;
  /** The change set's ARN: the CHANGE_SET requests' `targetLogicalId` and `changeSetId`, its hook results' TargetId. */
  readonly id: string;
  readonly type: ChangeSetType;
  readonly status: ChangeSetStatus;
  /** `Change set creation failed. The following hook(s) failed: [X]`, or why nothing can change; null when created. */
  readonly statusReason: string | null;
  readonly executionStatus: ChangeSetExecutionStatus;
  /** True when --execute ran the change set (the stack operation's events and invocations follow the change set's). */
  readonly executed: boolean;
  readonly changes: readonly ChangeSetChange[];
  readonly hooks: ChangeSetHooksPlan;
}
