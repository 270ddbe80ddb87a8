/**
 * The properties of the three resource types a hooks file declares, as their CloudFormation resource schemas
 * define them (reference hooks-today §8–9: required properties, defaults, patterns, list bounds). Written here
 * from those facts; the TargetFilters `oneOf` of the real schemas is checked by hand in validate-hook-resource.ts,
 * so that a user reads one clear sentence instead of two branches' errors.
 */

/** The resource types that declare hooks, and the type each activates. */
export const HOOK_RESOURCE_TYPES = {
  lambda: 'AWS::CloudFormation::LambdaHook',
  guard: 'AWS::CloudFormation::GuardHook',
  typeConfig: 'AWS::CloudFormation::HookTypeConfig',
} as const;

/** The registered types behind Lambda and Guard hooks (GetHookResult `OriginalTypeName`). */
export const ORIGINAL_TYPE_NAMES = { lambda: 'AWS::Hooks::LambdaHook', guard: 'AWS::Hooks::GuardHook' } as const;

const list = (items: Record<string, unknown>): Record<string, unknown> => ({ type: 'array', items, minItems: 1, maxItems: 50, uniqueItems: true });
const enumOf = (...values: string[]): Record<string, unknown> => ({ type: 'string', enum: values });

const action = enumOf('CREATE', 'UPDATE', 'DELETE');
const invocationPoint = enumOf('PRE_PROVISION');
// `*?` together is refused (reference §8); a target name is otherwise free text up to 256 characters.
const targetName = { type: 'string', minLength: 1, maxLength: 256, pattern: '^(?!.*\\*\\?).*$' };
const role = { type: 'string', maxLength: 256, pattern: 'arn:.+:iam::[0-9]{12}:role/.+' };
const stackName = { type: 'string', maxLength: 128, pattern: '^[a-zA-Z*?][-a-zA-Z0-9*?]*$' };
// Wildcards only in partition, account id and role name (reference §8).
const stackRole = { type: 'string', maxLength: 256, pattern: '^(arn:.+:iam::((?!\\*|\\?)[0-9]{12}|(?=.*\\*)[0-9*?]{1,12}|[0-9?]{12}):role/.+|\\*)$' };
const includeExclude = (item: Record<string, unknown>): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { Include: list(item), Exclude: list(item) },
});

/** TargetFilters, as one object; the choice between the lists and `Targets` is checked by hand. */
const targetFilters = {
  type: 'object',
  properties: {
    Actions: list(action),
    InvocationPoints: list(invocationPoint),
    TargetNames: list(targetName),
    Targets: list({
      type: 'object',
      additionalProperties: false,
      required: ['TargetName', 'Action', 'InvocationPoint'],
      properties: { TargetName: targetName, Action: action, InvocationPoint: invocationPoint },
    }),
  },
};

// FilteringCriteria is required with a default (ALL): see PROPERTY_DEFAULTS for how a required default is read.
const stackFilters = {
  type: 'object',
  additionalProperties: false,
  properties: { FilteringCriteria: enumOf('ALL', 'ANY'), StackNames: includeExclude(stackName), StackRoles: includeExclude(stackRole) },
};

// The schemas write `^(?!(?i)aws)`: JavaScript has no inline `(?i)`, so the case-insensitive "aws" is spelt out.
const alias = { type: 'string', pattern: '^(?![Aa][Ww][Ss])[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$' };
const s3Location = { type: 'object', additionalProperties: false, required: ['Uri'], properties: { Uri: { type: 'string' }, VersionId: { type: 'string' } } };

const common = {
  Alias: alias,
  HookStatus: enumOf('ENABLED', 'DISABLED'),
  FailureMode: enumOf('FAIL', 'WARN'),
  TargetOperations: { type: 'array', uniqueItems: true, items: enumOf('RESOURCE', 'STACK', 'CHANGE_SET', 'CLOUD_CONTROL') },
  TargetFilters: targetFilters,
  StackFilters: stackFilters,
  ExecutionRole: role,
};

/** `AWS::CloudFormation::LambdaHook`: HookStatus defaults to ENABLED. */
export const LAMBDA_HOOK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['LambdaFunction', 'FailureMode', 'Alias', 'ExecutionRole', 'TargetOperations', 'HookStatus'],
  properties: {
    ...common,
    LambdaFunction: { type: 'string', minLength: 1, maxLength: 170 },
    // 2026 additions (the registry schema; not in cfn-lint's 2025 copy): accepted, and of no effect here.
    AutoUpdate: { type: 'boolean' },
    LoggingConfig: {
      type: 'object',
      additionalProperties: false,
      required: ['LogGroupName', 'LogRoleArn'],
      properties: {
        LogGroupName: { type: 'string', minLength: 1, maxLength: 512, pattern: '^[\\.\\-_/#A-Za-z0-9]+$' },
        LogRoleArn: { type: 'string', minLength: 1, maxLength: 256, pattern: 'arn:.+:iam::[0-9]{12}:role/.+' },
      },
    },
  },
};

/** `AWS::CloudFormation::GuardHook`: HookStatus defaults to DISABLED and FailureMode to WARN. */
export const GUARD_HOOK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['RuleLocation', 'HookStatus', 'TargetOperations', 'FailureMode', 'Alias', 'ExecutionRole'],
  properties: {
    ...common,
    RuleLocation: s3Location,
    LogBucket: { type: 'string' },
    // One S3Location (cfn-lint 2025), or since 2026 a list of up to 10 (the registry schema).
    Options: {
      type: 'object',
      additionalProperties: false,
      properties: { InputParams: { oneOf: [s3Location, { type: 'array', minItems: 1, maxItems: 10, items: s3Location }] } },
    },
  },
};

/** `AWS::CloudFormation::HookTypeConfig`: TypeName or TypeArn, and the configuration document as a string. */
export const HOOK_TYPE_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['Configuration'],
  properties: {
    TypeName: { type: 'string', pattern: '^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$' },
    TypeArn: { type: 'string', pattern: '^arn:aws[A-Za-z0-9-]{0,64}:cloudformation:[A-Za-z0-9-]{1,64}:([0-9]{12})?:type/hook/.+$' },
    Configuration: { type: 'string', minLength: 1 },
    ConfigurationAlias: enumOf('default'),
  },
};

/**
 * The defaults the resource schemas give properties a template leaves out. They matter because the schemas also
 * list these properties as required: [choice] a missing required property that has a default takes the default
 * (the documented behaviour of a schema default) instead of being an error; without a default it is an error.
 */
export const PROPERTY_DEFAULTS = {
  lambda: { HookStatus: 'ENABLED' },
  guard: { HookStatus: 'DISABLED', FailureMode: 'WARN' },
  /** StackFilters.FilteringCriteria, in both. */
  filteringCriteria: 'ALL',
} as const;
