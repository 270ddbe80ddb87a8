/**
 * The one place a CloudFormation intrinsic is recognised: an object with a single key that is `Ref`,
 * `Condition` or `Fn::*`. The YAML short-form tags (`!Ref`, `!GetAtt a.b`, …) are generated from the same
 * table, and the resolver evaluates the `Intrinsic` union with an exhaustive switch.
 */

/** Every intrinsic function the simulator knows, with its short-form YAML tag. */
export const INTRINSIC_FUNCTIONS = {
  Ref: '!Ref',
  Condition: '!Condition',
  'Fn::And': '!And',
  'Fn::Base64': '!Base64',
  'Fn::Cidr': '!Cidr',
  'Fn::Equals': '!Equals',
  'Fn::FindInMap': '!FindInMap',
  'Fn::GetAtt': '!GetAtt',
  'Fn::GetAZs': '!GetAZs',
  'Fn::GetStackOutput': '!GetStackOutput',
  'Fn::If': '!If',
  'Fn::ImportValue': '!ImportValue',
  'Fn::Join': '!Join',
  'Fn::Length': '!Length',
  'Fn::Not': '!Not',
  'Fn::Or': '!Or',
  'Fn::Select': '!Select',
  'Fn::Split': '!Split',
  'Fn::Sub': '!Sub',
  'Fn::ToJsonString': '!ToJsonString',
  'Fn::Transform': '!Transform',
} as const;

export type IntrinsicName = keyof typeof INTRINSIC_FUNCTIONS;

/**
 * The rule-specific functions, allowed only in the Rules section, with their short-form tags. `Fn::And`,
 * `Fn::Equals`, `Fn::Not`, `Fn::Or` and `Ref` serve rules too (see `RULE_EXPRESSION_FUNCTIONS`).
 */
export const RULE_FUNCTIONS = {
  'Fn::Contains': '!Contains',
  'Fn::EachMemberEquals': '!EachMemberEquals',
  'Fn::EachMemberIn': '!EachMemberIn',
  'Fn::RefAll': '!RefAll',
  'Fn::ValueOf': '!ValueOf',
  'Fn::ValueOfAll': '!ValueOfAll',
} as const;

/** A function of the Rules section. */
export type RuleFunctionName = keyof typeof RULE_FUNCTIONS;

/** A recognised intrinsic call: its name and its (unevaluated) argument. */
export interface Intrinsic {
  readonly kind: 'intrinsic';
  readonly name: IntrinsicName;
  readonly argument: unknown;
}

/** An object shaped like an intrinsic (`{"Fn::Bogus": …}`) whose name is not known: a typed error for the caller. */
export interface UnknownIntrinsic {
  readonly kind: 'unknown';
  readonly name: string;
  readonly argument: unknown;
}

const KNOWN = new Set<string>(Object.keys(INTRINSIC_FUNCTIONS));

/** True for a name CloudFormation would treat as an intrinsic function (`Ref`, `Condition`, `Fn::…`). */
export function isIntrinsicName(name: string): boolean {
  return name === 'Ref' || name === 'Condition' || name.startsWith('Fn::');
}

/**
 * Recognises an intrinsic call. `Fn::ForEach::<Name>` keys are not intrinsics but template-level loops
 * (AWS::LanguageExtensions), expanded before evaluation, so they are not matched here.
 */
export function recognizeIntrinsic(value: unknown): Intrinsic | UnknownIntrinsic | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const name = keys[0] as string;
  if (!isIntrinsicName(name) || name.startsWith('Fn::ForEach::')) return undefined;
  const argument = (value as Record<string, unknown>)[name];
  return KNOWN.has(name) ? { kind: 'intrinsic', name: name as IntrinsicName, argument } : { kind: 'unknown', name, argument };
}

/**
 * Every function a rule's `RuleCondition` or `Assert` may use (Template Reference, "Rule functions": the ten
 * functions and `Ref`). Anything else there (`Fn::If`, `Condition`, `Fn::Sub`, …) the service refuses.
 */
export const RULE_EXPRESSION_FUNCTIONS = ['Ref', 'Fn::And', 'Fn::Equals', 'Fn::Not', 'Fn::Or', ...(Object.keys(RULE_FUNCTIONS) as RuleFunctionName[])] as const;

/** A function a rule may use. */
export type RuleExpressionName = (typeof RULE_EXPRESSION_FUNCTIONS)[number];

/** A call in the Rules section: a rule function, or one the service does not allow there. */
export type RuleCall =
  | { readonly kind: 'rule'; readonly name: RuleExpressionName; readonly argument: unknown }
  | { readonly kind: 'unsupported'; readonly name: string; readonly argument: unknown };

const RULE_KNOWN = new Set<string>(RULE_EXPRESSION_FUNCTIONS);

/**
 * Recognises a call in the Rules section, where the function set differs from everywhere else: a single-key object
 * whose key names a function (`Ref`, `Condition`, `Fn::…`, `Fn::ForEach::…` included, which rules cannot use).
 */
export function recognizeRuleCall(value: unknown): RuleCall | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const name = keys[0] as string;
  if (!isIntrinsicName(name)) return undefined;
  const argument = (value as Record<string, unknown>)[name];
  return RULE_KNOWN.has(name) ? { kind: 'rule', name: name as RuleExpressionName, argument } : { kind: 'unsupported', name, argument };
}
