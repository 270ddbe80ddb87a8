/**
 * The one place a CloudFormation intrinsic is recognised: an object with a single key that is `Ref`,
 * `Condition` or `Fn::*` (`recognizeCall`, against the function set of the section: `INTRINSICS` or the Rules
 * section's `RULE_EXPRESSIONS`). The YAML short-form tags (`!Ref`, `!GetAtt a.b`, …) are generated from the same
 * tables, and the resolver evaluates the `IntrinsicName` union with an exhaustive switch.
 */

/**
 * The one transform the simulator expands itself: it adds functions (`Fn::ForEach`, `Fn::Length`, `Fn::ToJsonString`)
 * and changes how a template reads (null pairs left out). Here, with no imports, so the reader can ask for it too.
 */
export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** The SAM transform: the simulator passes its resources through, and reads a null property of one as SAM does. */
export const SERVERLESS = 'AWS::Serverless-2016-10-31';

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

/** True for a name CloudFormation would treat as an intrinsic function (`Ref`, `Condition`, `Fn::…`). */
export function isIntrinsicName(name: string): boolean {
  return name === 'Ref' || name === 'Condition' || name.startsWith('Fn::');
}

/** The functions one part of a template may call: the names it knows, and whether a `Fn::ForEach::` key is a call. */
export interface FunctionSet<N extends string> {
  readonly names: ReadonlySet<N>;
  /**
   * False where `Fn::ForEach::<Name>` keys are template-level loops (AWS::LanguageExtensions) expanded before
   * evaluation, so not calls; true where a loop is a call the section does not allow (the Rules section).
   */
  readonly loopsAreCalls: boolean;
}

/**
 * A single-key object whose key names a function: `known` when the name is in the set the caller recognised
 * against, otherwise a typed error for the caller (`{"Fn::Bogus": …}`, or `Fn::If` in a rule).
 */
export type RecognizedCall<N extends string> =
  | { readonly known: true; readonly name: N; readonly argument: unknown }
  | { readonly known: false; readonly name: string; readonly argument: unknown };

/** The intrinsic functions of every section but Rules. */
export const INTRINSICS: FunctionSet<IntrinsicName> = { names: new Set(Object.keys(INTRINSIC_FUNCTIONS) as IntrinsicName[]), loopsAreCalls: false };

/** A recognised intrinsic call, known or not. */
export type IntrinsicCall = RecognizedCall<IntrinsicName>;

/**
 * The one recogniser of a function call: an object with a single key that is `Ref`, `Condition` or `Fn::…`,
 * matched against `functions` (`INTRINSICS` everywhere, `RULE_EXPRESSIONS` in the Rules section, where the
 * function set differs).
 */
export function recognizeCall<N extends string>(value: unknown, functions: FunctionSet<N>): RecognizedCall<N> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const name = keys[0] as string;
  if (!isIntrinsicName(name) || (!functions.loopsAreCalls && name.startsWith('Fn::ForEach::'))) return undefined;
  const argument = (value as Record<string, unknown>)[name];
  // A widening, not a cast: a set of N answers `has` for any string.
  return (functions.names as ReadonlySet<string>).has(name) ? { known: true, name: name as N, argument } : { known: false, name, argument };
}

/**
 * Every function a rule's `RuleCondition` or `Assert` may use (Template Reference, "Rule functions": the ten
 * functions and `Ref`). Anything else there (`Fn::If`, `Condition`, `Fn::Sub`, …) the service refuses.
 */
export const RULE_EXPRESSION_FUNCTIONS = ['Ref', 'Fn::And', 'Fn::Equals', 'Fn::Not', 'Fn::Or', ...(Object.keys(RULE_FUNCTIONS) as RuleFunctionName[])] as const;

/** A function a rule may use. */
export type RuleExpressionName = (typeof RULE_EXPRESSION_FUNCTIONS)[number];

/** The functions of the Rules section (`Fn::ForEach::…` included as a call, which rules cannot use). */
export const RULE_EXPRESSIONS: FunctionSet<RuleExpressionName> = { names: new Set(RULE_EXPRESSION_FUNCTIONS), loopsAreCalls: true };

/**
 * The functions a resource's `DeletionPolicy` or `UpdateReplacePolicy` may call in a template without
 * AWS::LanguageExtensions: the service's core language evaluates them there since 2023 (aws/serverless-application-model#3317),
 * and cfn-lint's E3035, kept by the CloudFormation team, lists these five. With the transform, any intrinsic is evaluated.
 */
export const POLICY_EXPRESSIONS: FunctionSet<'Ref' | 'Fn::FindInMap' | 'Fn::If' | 'Fn::Select' | 'Fn::Sub'> = {
  names: new Set(['Ref', 'Fn::FindInMap', 'Fn::If', 'Fn::Select', 'Fn::Sub'] as const),
  loopsAreCalls: true,
};
