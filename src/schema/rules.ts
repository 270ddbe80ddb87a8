/**
 * Every rule the validator can report, in one table: a stable id, its severity, whether `cfn submit`
 * (or, for configurations, `SetTypeConfiguration`) would also reject the input, and where the rule comes from.
 * docs/schema-validator.md carries the same table for users; a test keeps the two in step.
 */
import type { DiagnosticCode, Severity } from '../kernel/diagnostics';

export type RuleSource = 'cli' | 'doc' | 'service' | 'extra';

export interface Rule {
  readonly id: DiagnosticCode;
  readonly severity: Severity;
  /** Would the registry (`cfn validate`/`cfn submit`) or the service also reject it? */
  readonly cfn: boolean;
  /** cli: cloudformation-cli enforces it; doc: AWS documentation states it; service: the service applies it; extra: this project's advice. */
  readonly source: RuleSource;
  readonly summary: string;
}

function rule(id: DiagnosticCode, severity: Severity, cfn: boolean, source: RuleSource, summary: string): Rule {
  return { id, severity, cfn, source, summary };
}

/** Rules about the hook schema document. */
export const SCHEMA_RULES = {
  HS001: rule('HS001', 'error', true, 'cli', 'the file is not valid JSON'),
  HS002: rule('HS002', 'warning', false, 'extra', 'a key is written twice in one object (cfn silently keeps the last one)'),
  HS003: rule('HS003', 'error', true, 'cli', 'the document is not a JSON object'),
  HS004: rule('HS004', 'error', true, 'cli', 'the file is not valid UTF-8 (cfn reads the schema as UTF-8 and stops)'),
  HS005: rule('HS005', 'error', true, 'cli', "the file starts with a UTF-8 byte-order mark, which cfn's JSON reader refuses"),
  HS101: rule('HS101', 'error', true, 'cli', 'a required top-level key is missing (typeName, description, typeConfiguration, additionalProperties)'),
  HS102: rule('HS102', 'error', true, 'cli', 'an unknown top-level key'),
  HS103: rule('HS103', 'error', true, 'cli', 'typeName does not match Organization::Service::Hook (2–64 letters or digits each)'),
  HS104: rule('HS104', 'error', true, 'cli', 'sourceUrl or documentationUrl is not an https URL of at most 4096 characters'),
  HS105: rule('HS105', 'error', true, 'cli', 'additionalProperties must be false (top level, typeConfiguration, property schemas)'),
  HS106: rule('HS106', 'error', true, 'cli', 'handlers holds a key other than preCreate, preUpdate, preDelete'),
  HS107: rule('HS107', 'error', true, 'cli', 'a handler must have exactly targetNames and permissions'),
  HS108: rule('HS108', 'error', true, 'cli', 'typeConfiguration lacks properties, or holds an unknown key'),
  HS109: rule('HS109', 'error', true, 'cli', 'a property or definition name is not 1–64 letters or digits, or starts with the reserved CloudFormation'),
  HS110: rule('HS110', 'error', true, 'cli', 'a property schema uses a keyword outside the supported draft-07 subset'),
  HS111: rule('HS111', 'error', true, 'cli', 'enum or const without a type'),
  HS112: rule('HS112', 'error', true, 'cli', 'properties and patternProperties in the same property schema'),
  HS113: rule('HS113', 'error', true, 'cli', 'a value has the wrong type or form for the hook meta-schema'),
  HS114: rule('HS114', 'error', true, 'cli', "a non-empty top-level properties: hook types do not support 'properties' directly"),
  HS115: rule('HS115', 'error', true, 'cli', 'a handler permission contains cloudformation:*'),
  HS116: rule('HS116', 'error', true, 'cli', 'the handler permission cloudformation:RegisterType'),
  HS117: rule('HS117', 'error', true, 'cli', "a target name contains the wildcard sequence '*?'"),
  HS118: rule('HS118', 'error', true, 'cli', 'a $ref does not resolve (inside the document, or in another file beside the schema)'),
  HS119: rule('HS119', 'error', true, 'cli', "a top-level 'remote' key: reserved for CloudFormation, cfn submit stops on it"),
  HS120: rule('HS120', 'error', true, 'cli', "property schemas nest, or $refs chain, deeper than cfn's Python can follow: cfn submit stops with a RecursionError"),
  HS201: rule('HS201', 'error', false, 'doc', 'the first typeName segment is a reserved namespace (Alexa, AMZN, Amazon, ASK, AWS, AWSQuickStart, Custom, Dev)'),
  HS202: rule('HS202', 'error', false, 'doc', 'typeName is not 10–196 characters long'),
  HS203: rule('HS203', 'error', false, 'doc', 'documentationUrl is missing'),
  HS204: rule('HS204', 'error', false, 'doc', 'a nested typeConfiguration property (type object or inline properties); use a $ref to definitions'),
  HS205: rule('HS205', 'error', false, 'doc', 'the schema declares no handler'),
  HS206: rule('HS206', 'error', false, 'doc', 'a handler names no target'),
  HS207: rule('HS207', 'error', false, 'doc', 'a target name is neither Service::Group::Type (with * and ? wildcards) nor STACK or CHANGE_SET'),
  HS301: rule('HS301', 'warning', false, 'extra', 'a default, enum or const value does not validate against its own property schema'),
  HS302: rule('HS302', 'warning', false, 'extra', 'a pattern is not anchored (or its anchors bind to one alternative only)'),
  HS303: rule('HS303', 'warning', false, 'extra', 'a pattern is not a valid regular expression'),
  HS304: rule('HS304', 'warning', false, 'extra', 'a handler names the same target twice'),
  HS305: rule('HS305', 'warning', false, 'extra', 'required names a property that is not declared'),
  HS306: rule('HS306', 'warning', false, 'extra', 'a permission is not of the form service:Action'),
  HS307: rule('HS307', 'warning', false, 'extra', 'a permission uses a wildcard (least privilege)'),
  HS308: rule('HS308', 'warning', false, 'extra', 'a typeConfiguration property is not a string, but the handler receives every value as a string'),
  HS309: rule('HS309', 'warning', false, 'extra', 'a $ref points to something cfn would fetch over the network, so it cannot be checked offline'),
  HS310: rule('HS310', 'warning', false, 'extra', 'a non-empty top-level required: hooks have no top-level properties to require'),
  HS311: rule('HS311', 'warning', false, 'extra', 'a pattern nests a repetition inside a repetition, which backtracking engines can take exponential time on (ReDoS)'),
  HS312: rule('HS312', 'warning', false, 'extra', "the file uses NaN, Infinity or -Infinity: not JSON, but cfn's Python json.load reads them as numbers"),
  HS313: rule('HS313', 'warning', false, 'extra', "property schemas nest, or $refs chain, close to the depth at which cfn's Python stops (RecursionError)"),
  HS314: rule('HS314', 'warning', false, 'extra', 'a targetNames entry in the AWS or Alexa namespace names no resource type of the registry: the hook is never invoked for it'),
} as const satisfies Record<string, Rule>;

export type SchemaRuleId = keyof typeof SCHEMA_RULES;

/** Rules about the hook configuration document (what SetTypeConfiguration receives). */
export const CONFIGURATION_RULES = {
  HC001: rule('HC001', 'error', true, 'service', 'the file is not valid JSON'),
  HC002: rule('HC002', 'error', false, 'extra', 'a key is written twice in one object'),
  HC003: rule('HC003', 'error', true, 'doc', 'the configuration is larger than 300 KB, or than the 204,800 characters SetTypeConfiguration takes'),
  HC101: rule('HC101', 'error', true, 'doc', 'the document is not {"CloudFormationConfiguration": {"HookConfiguration": {…}}}'),
  HC102: rule('HC102', 'error', true, 'doc', 'an unknown key'),
  HC103: rule('HC103', 'error', true, 'doc', 'a value is not one of the allowed values'),
  HC104: rule('HC104', 'error', true, 'doc', 'a value has the wrong type, or a required key is missing'),
  HC105: rule('HC105', 'error', true, 'doc', 'TargetFilters combines Targets with Actions, InvocationPoints or TargetNames'),
  HC106: rule('HC106', 'error', true, 'doc', 'a filter list is empty or longer than 50 entries'),
  HC107: rule('HC107', 'error', true, 'doc', "a filter target name is not Service::Group::Type (with * and ? wildcards), or contains '*?'"),
  HC108: rule('HC108', 'error', true, 'doc', 'a StackNames or StackRoles filter has neither Include nor Exclude'),
  HC109: rule('HC109', 'error', true, 'doc', 'a StackRoles entry is not an IAM role ARN (wildcards only in partition, account and role name)'),
  HC110: rule('HC110', 'error', true, 'service', "Properties do not validate against the schema's typeConfiguration"),
  HC111: rule('HC111', 'error', true, 'service', 'a Properties value is a number or boolean where the schema expects a string'),
  HC112: rule('HC112', 'warning', false, 'doc', "a TargetNames filter entry matches none of the schema's targetNames: it is never invoked"),
  HC113: rule('HC113', 'info', false, 'doc', 'the hook never runs (HookInvocationStatus DISABLED or TargetStacks NONE)'),
  HC114: rule('HC114', 'warning', false, 'extra', 'a StackNames entry is not a valid stack name, so it never matches'),
  HC117: rule('HC117', 'warning', false, 'doc', 'a TargetOperations entry no handler of the schema serves (STACK and CHANGE_SET need those target names): it is never invoked'),
  HC116: rule('HC116', 'error', false, 'doc', 'EncryptionConfiguration.KmsKeyId is not a KMS key identifier (key ARN, alias ARN, key ID or alias name)'),
  HC115: rule('HC115', 'error', false, 'extra', "the schema's typeConfiguration cannot be compiled, so Properties cannot be checked"),
  // [unconfirmed] that SetTypeConfiguration refuses it: the docs say "you must specify at least one", as for HC108.
  HC118: rule('HC118', 'error', true, 'doc', 'StackFilters gives neither StackNames nor StackRoles'),
  // [choice] the reading the message names (enabled, FAIL): no source gives the service's default.
  HC119: rule('HC119', 'warning', false, 'doc', "the document sets neither HookInvocationStatus nor TargetStacks, or has no FailureMode, and the service's default is undocumented: the simulator runs the hook, FailureMode FAIL"),
} as const satisfies Record<string, Rule>;

export type ConfigurationRuleId = keyof typeof CONFIGURATION_RULES;
