/**
 * The hook configuration document (`SetTypeConfiguration`'s input) as a typed model. The schema
 * validator (src/schema) checks a document and produces this; the simulator applies it.
 */

export type HookInvocationStatus = 'ENABLED' | 'DISABLED';
export type TargetStacks = 'ALL' | 'NONE';
export type FailureMode = 'FAIL' | 'WARN';
export type TargetOperation = 'RESOURCE' | 'STACK' | 'CHANGE_SET' | 'CLOUD_CONTROL';
export type FilterAction = 'CREATE' | 'UPDATE' | 'DELETE';
export type FilterInvocationPoint = 'PRE_PROVISION';

export interface TargetFilterEntry {
  TargetName: string;
  Action: FilterAction;
  InvocationPoint: FilterInvocationPoint;
}

/** Either the three lists, or `Targets`; never both (the validator refuses the mix). */
export interface TargetFilters {
  Actions?: FilterAction[];
  InvocationPoints?: FilterInvocationPoint[];
  TargetNames?: string[];
  Targets?: TargetFilterEntry[];
}

export interface IncludeExclude {
  Include?: string[];
  Exclude?: string[];
}

export interface StackFilters {
  FilteringCriteria?: 'ALL' | 'ANY';
  StackNames?: IncludeExclude;
  StackRoles?: IncludeExclude;
}

export interface HookConfiguration {
  HookInvocationStatus?: HookInvocationStatus;
  TargetStacks?: TargetStacks;
  TargetOperations?: TargetOperation[];
  FailureMode?: FailureMode;
  /** The customer managed KMS key that encrypts the hook's annotations (documented since November 2025). */
  EncryptionConfiguration?: { KmsKeyId: string };
  /** The type configuration, as given (the service hands it to the handler with every value a string). */
  Properties?: Record<string, unknown>;
  TargetFilters?: TargetFilters;
  StackFilters?: StackFilters;
}

/** The whole document: `{"CloudFormationConfiguration": {"HookConfiguration": …}}`. */
export interface HookConfigurationDocument {
  CloudFormationConfiguration: { HookConfiguration: HookConfiguration };
}

/** The parts of a hook schema the simulator and the shipping code read. */
export interface HookSchema {
  typeName: string;
  description?: string;
  handlers?: Partial<Record<'preCreate' | 'preUpdate' | 'preDelete', { targetNames: string[]; permissions: string[] }>>;
  typeConfiguration?: {
    properties?: Record<string, { default?: unknown; type?: string; [k: string]: unknown }>;
    required?: string[];
    [k: string]: unknown;
  };
  definitions?: Record<string, unknown>;
  [k: string]: unknown;
}
