/**
 * The evaluator: one `evaluate(expr, …)` with an exhaustive switch over the intrinsic functions recognised
 * in `simulator/template/intrinsics.ts`, and `evaluateCondition` for the places a condition is expected.
 * Everything the evaluator needs from the rest of the template (parameters, conditions, resources) comes
 * through an `EvaluationContext`, so the same code serves the Conditions, Resources and Outputs blocks.
 */
import { isIamRoleArn } from '../../../src/kernel/aws';
import { listForMessage } from '../../../src/kernel/diagnostics';
import type { JsonValue } from '../../../src/kernel/protocol';
import { INTRINSICS, LANGUAGE_EXTENSIONS, recognizeCall, type IntrinsicName } from '../template/intrinsics';
import { unexpandedTransformMessage } from '../template/transforms';
import { stackOutputsKey } from './account-values';
import { computeCidr } from './cidr';
import { issueAt, type ResolveCode, type ResolveIssue, type Where } from './issues';
import type { StackEnvironment } from './stack-environment';
import { parseSubTemplate } from './sub-template';
import { joinWithin, reserveLength, stringifyWithin } from './string-budget';
import { describeShape, emptyObject, hasOwn, NO_VALUE, own, sameValue, scalarText, setKey, type Value } from './values';
import { isJsonObject } from '../../../src/kernel/protocol';

/** Nesting deeper than this is refused: real templates stay far below it, and the bound keeps the stack safe. */
export const MAX_DEPTH = 128;
/** Nodes one resolution may visit: a bound against shared-reference (YAML alias) explosions. */
export const NODE_BUDGET = 2_000_000;

/** The template block being evaluated, used in the service's messages ("… in the Outputs block"). */
export type Block = 'Conditions' | 'Resources' | 'Outputs' | 'Collection';

/** Values of other resources, as `Ref` and `Fn::GetAtt` see them. */
export interface ResourceReferences {
  /** `Ref` of a logical id; undefined when the template declares no such resource. */
  ref(logicalId: string, where: Where): JsonValue | undefined;
  /** `Fn::GetAtt`; undefined when the template declares no such resource. */
  getAtt(logicalId: string, attribute: string, where: Where): JsonValue | undefined;
  /**
   * True when the attribute's value may have any shape: a custom resource's (whatever its provider returns, a list
   * as well as a string), an undocumented type's. Where a list is expected, its placeholder stands for a list.
   */
  anyShape?(logicalId: string, attribute: string): boolean;
}

/** A shared count of visited nodes. */
export class NodeBudget {
  private used = 0;
  constructor(private readonly limit = NODE_BUDGET) {}

  /** Counts one node; fails once the budget is spent. */
  spend(where: Where): void {
    this.used += 1;
    if (this.used > this.limit) {
      throw issueAt(where, 'RES_TOO_LARGE', `the template expands to more than ${this.limit} values (shared YAML anchors or loops multiplying content); refusing to evaluate further`);
    }
  }
}

/** What the evaluator may consult. */
export interface EvaluationContext {
  readonly env: StackEnvironment;
  readonly block: Block;
  readonly languageExtensions: boolean;
  readonly parameters: ReadonlyMap<string, JsonValue>;
  readonly mappings: Record<string, unknown> | undefined;
  readonly exports: Readonly<Record<string, string>>;
  /** What stands in for an export nobody described (after a warning); absent or undefined: refused. */
  readonly missingExport?: (name: string, where: Where) => string | undefined;
  /** Told each export name an `Fn::ImportValue` reads, as resolved (what binds the stack to the exporting one). */
  readonly imported?: (name: string) => void;
  /** The outputs of stacks already deployed, for `Fn::GetStackOutput`: by `stackOutputsKey` (account, region, stack name). */
  readonly stackOutputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** What stands in for another stack's output nobody knows (`Fn::GetStackOutput`, after a warning); absent: refused. */
  readonly stackOutput?: (stackName: string, outputName: string, where: Where) => string;
  /** Resources, where the block may reference them (not in Conditions). */
  readonly resources: ResourceReferences | undefined;
  /**
   * The value of a named condition; throws when it does not exist. `depth` is the nesting already reached: a
   * chain of conditions referring to one another counts against the same bound as nesting, so 10,000 conditions
   * each naming the next end in RES_TOO_DEEP, not a stack overflow.
   */
  condition(name: string, where: Where, depth: number): boolean;
  readonly budget: NodeBudget;
  /** The values the simulator made up; absent (`--strict-parameters`): an Fn::Select beyond one is refused. */
  readonly madeUp?: MadeUpValues;
}

/**
 * Values the simulator made up — a resource's `Ref` or attribute, a placeholder for a value from the account — and
 * what each stands for. A list split from one of them is made up too, and so is each item selected from that list.
 */
export interface MadeUpValues {
  /** What a made-up value stands for (`the Ref of Secret (AWS::SecretsManager::Secret)`); undefined for any other. */
  describe(value: string): string | undefined;
  /**
   * What a list stands for when the list itself is made up: a list parameter's placeholder, three items where the
   * real value may have more (the very list `Ref` returns, not a list the template writes around made-up items).
   */
  describeList(list: readonly JsonValue[]): string | undefined;
  /** Records a value derived from a made-up one (an item selected from its parts). */
  note(value: string, what: string): void;
  /**
   * `Fn::Select` beyond the parts of a made-up value: the real value has the part the template selects (the
   * stand-in lacks it), so a placeholder stands in, with a warning instead of a refusal the service would not make.
   */
  beyond(where: Where, position: number, parts: number, what: string): JsonValue;
  /**
   * `Fn::Cidr` of a made-up value that is no address block: the real value is one, so a placeholder block (IPv6
   * when the subnets' bits do not fit IPv4) stands in, with a warning instead of a refusal.
   */
  cidrBlock(where: Where, cidrBits: number, what: string): string;
}

/** The lists `Fn::Split` made from a made-up value, and what that value stands for. */
const splitFromMadeUp = new WeakMap<readonly JsonValue[], string>();

function fail(where: Where, code: ResolveCode, message: string): ResolveIssue {
  return issueAt(where, code, message);
}

/** Evaluates a template value: intrinsics applied, `AWS::NoValue` keys and items removed. */
export function evaluate(expr: unknown, where: Where, ctx: EvaluationContext, depth = 0): Value {
  if (depth > MAX_DEPTH) throw fail(where, 'RES_TOO_DEEP', `the template nests deeper than ${MAX_DEPTH} levels here`);
  ctx.budget.spend(where);
  if (expr === null || typeof expr === 'string' || typeof expr === 'number' || typeof expr === 'boolean') return expr;
  if (Array.isArray(expr)) {
    const out: JsonValue[] = [];
    expr.forEach((item, i) => {
      const value = evaluate(item, where.child(i), ctx, depth + 1);
      if (value !== NO_VALUE) out.push(value);
    });
    return out;
  }
  if (!isJsonObject(expr)) throw fail(where, 'RES_TEMPLATE_FORMAT', `unexpected value ${describeShape(expr)}`);
  const keys = Object.keys(expr);
  // Only a single-key object can be an intrinsic; checking the count first keeps the common case cheap.
  const call = keys.length === 1 ? recognizeCall(expr, INTRINSICS) : undefined;
  if (call?.known === false) throw fail(where, 'RES_UNKNOWN_FUNCTION', `Template format error: Unrecognized function '${call.name}'; known functions are Ref, Condition and the Fn:: functions of CloudFormation`);
  if (call) return evaluateIntrinsic(call.name, call.argument, where.child(call.name), ctx, depth + 1);
  const out = emptyObject();
  for (const key of keys) {
    if (key.startsWith('Fn::ForEach::')) {
      throw fail(where.child(key), 'RES_LANGUAGE_EXTENSIONS', `${key} is not allowed here: Fn::ForEach needs the AWS::LanguageExtensions transform and may appear only in Resources, Outputs and Conditions`);
    }
    // An include (or a macro) beside other keys: the service inserts what it returns among them. One not expanded
    // before resolution (its snippet is not on this machine) is refused as it is alone, never taken as a key.
    if (key === 'Fn::Transform') throw fail(where.child(key), 'RES_TRANSFORM', unexpandedTransformMessage(expr[key]));
    const value = evaluate(expr[key], where.child(key), ctx, depth + 1);
    if (value !== NO_VALUE) setKey(out, key, value);
  }
  return out;
}

/** Evaluates an argument that must be a value (never `AWS::NoValue`). */
function evaluateValue(expr: unknown, where: Where, ctx: EvaluationContext, depth: number, fn: string): JsonValue {
  const value = evaluate(expr, where, ctx, depth);
  if (value === NO_VALUE) throw fail(where, 'RES_NO_VALUE_MISPLACED', `${fn}: AWS::NoValue is allowed only as a property value or a list item`);
  return value;
}

function evaluateText(expr: unknown, where: Where, ctx: EvaluationContext, depth: number, fn: string, what: string): string {
  const value = evaluateValue(expr, where, ctx, depth, fn);
  const text = scalarText(value);
  if (text === undefined) throw fail(where, 'RES_FUNCTION_ARGUMENTS', `${fn}: ${what} must be a string, got ${describeShape(value)}`);
  return text;
}

/** `minimum` is how many items the caller needs when the list is a placeholder of unknown length (Fn::Select's). */
function evaluateList(expr: unknown, where: Where, ctx: EvaluationContext, depth: number, fn: string, what: string, minimum = 1): JsonValue[] {
  const value = evaluateValue(expr, where, ctx, depth, fn);
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && isAnyShapeGetAtt(expr, ctx)) {
    // A list only the deployed provider knows: the placeholder first, then items derived from it.
    return Array.from({ length: Math.max(1, Math.min(minimum, MAX_PLACEHOLDER_ITEMS)) }, (_, i) => (i === 0 ? value : `${value}.${i}`));
  }
  throw fail(where, 'RES_FUNCTION_ARGUMENTS', `${fn}: ${what} must be a list, got ${describeShape(value)}`);
}

/** The most items a placeholder list gets (an Fn::Select index beyond it is refused as out of range). */
const MAX_PLACEHOLDER_ITEMS = 1024;

/** True for `Fn::GetAtt` (either form) of an attribute whose value may have any shape (see `ResourceReferences.anyShape`). */
function isAnyShapeGetAtt(expr: unknown, ctx: EvaluationContext): boolean {
  if (!isJsonObject(expr) || !ctx.resources?.anyShape) return false;
  const keys = Object.keys(expr);
  if (keys.length !== 1 || keys[0] !== 'Fn::GetAtt') return false;
  const argument = expr['Fn::GetAtt'];
  const [logicalId, attribute] = typeof argument === 'string' ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)] : Array.isArray(argument) ? argument : [];
  return typeof logicalId === 'string' && typeof attribute === 'string' && ctx.resources.anyShape(logicalId, attribute);
}

function evaluateInteger(expr: unknown, where: Where, ctx: EvaluationContext, depth: number, fn: string, what: string): number {
  const text = evaluateText(expr, where, ctx, depth, fn, what);
  // A whole double too: YAML's `1.0` reads as the text "1.0" (see serviceFloat), and the service reads it as 1.0.
  if (!/^-?\d+(\.0+)?$/.test(text.trim())) throw fail(where, 'RES_FUNCTION_ARGUMENTS', `${fn}: ${what} must be an integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** How many conditions `Fn::And` and `Fn::Or` take (two to ten), in Conditions and in Rules alike. */
export const CONDITION_OPERAND_COUNTS: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The argument of `fn` as a list of one of `counts` lengths, or the service's complaint about its shape. */
export function argumentList(argument: unknown, where: Where, fn: string, counts: readonly number[], shape: string): unknown[] {
  if (!Array.isArray(argument) || !counts.includes(argument.length)) {
    throw fail(where, 'RES_FUNCTION_ARGUMENTS', `${fn} expects ${shape}, got ${describeShape(argument)}${Array.isArray(argument) ? ` of ${argument.length}` : ''}`);
  }
  return argument;
}

/** The service's refusal of an `Fn::GetAtt` that is not a resource name and an attribute name. */
function getAttShapeError(where: Where, got: string): ResolveIssue {
  return fail(
    where,
    'RES_FUNCTION_ARGUMENTS',
    `Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute (got ${got}; write LogicalId.Attribute or [LogicalId, Attribute])`,
  );
}

function requireLanguageExtensions(ctx: EvaluationContext, where: Where, fn: string): void {
  if (!ctx.languageExtensions) {
    throw fail(where, 'RES_LANGUAGE_EXTENSIONS', `${fn} needs the AWS::LanguageExtensions transform (add "Transform: AWS::LanguageExtensions" to the template)`);
  }
}

/** Availability zones per region; regions not listed get a, b and c. */
const AZ_LETTERS: Readonly<Record<string, string>> = { 'us-east-1': 'abcdef', 'us-west-2': 'abcd', 'ap-northeast-2': 'abcd', 'ap-northeast-1': 'acd' };

/** The list `Fn::GetAZs` returns for a region. */
export function availabilityZones(region: string): string[] {
  const letters = Object.prototype.hasOwnProperty.call(AZ_LETTERS, region) ? (AZ_LETTERS[region] as string) : 'abc';
  return [...letters].map((letter) => `${region}${letter}`);
}

/** Value of a pseudo parameter, or undefined when `name` is not one. */
export function pseudoParameter(name: string, env: StackEnvironment): Value | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return env.accountId;
    case 'AWS::Region':
      return env.region;
    case 'AWS::StackName':
      return env.stackName;
    case 'AWS::StackId':
      return env.stackId;
    case 'AWS::Partition':
      return env.partition;
    case 'AWS::URLSuffix':
      return env.urlSuffix;
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

function unresolved(where: Where, ctx: EvaluationContext, name: string, hint = ''): ResolveIssue {
  if (ctx.block === 'Conditions' || ctx.block === 'Collection') {
    return fail(where, 'RES_UNRESOLVED_REFERENCE', `Template format error: Unresolved dependencies [${name}]. Cannot reference resources in the ${ctx.block === 'Conditions' ? 'Conditions block' : 'collection of an Fn::ForEach'}; only parameters, pseudo parameters and mappings are available here${hint}`);
  }
  return fail(where, 'RES_UNRESOLVED_REFERENCE', `Template format error: Unresolved resource dependencies [${name}] in the ${ctx.block} block of the template (no parameter, pseudo parameter or resource is named ${name}${hint})`);
}

/** What a `Ref` of a name no declaration has was probably meant to be: an attribute, or text to substitute into. */
function refHint(name: string): string {
  if (name.includes('${')) return '; Ref takes a name as it is: to substitute ${…} into text, use Fn::Sub';
  const dot = name.indexOf('.');
  return dot > 0 ? `; Ref takes a whole name: for the attribute ${name.slice(dot + 1)} of ${name.slice(0, dot)}, use Fn::GetAtt` : '';
}

/** What `Ref name` returns. */
function lookupRef(name: string, where: Where, ctx: EvaluationContext): Value {
  const pseudo = pseudoParameter(name, ctx.env);
  if (pseudo !== undefined) return pseudo;
  const parameter = ctx.parameters.get(name);
  if (parameter !== undefined) return parameter;
  const resource = ctx.resources?.ref(name, where);
  if (resource !== undefined) return resource;
  throw unresolved(where, ctx, name, refHint(name));
}

function lookupGetAtt(logicalId: string, attribute: string, where: Where, ctx: EvaluationContext): JsonValue {
  const value = ctx.resources?.getAtt(logicalId, attribute, where);
  if (value === undefined) {
    if (ctx.parameters.has(logicalId) || pseudoParameter(logicalId, ctx.env) !== undefined) {
      throw fail(where, 'RES_FUNCTION_ARGUMENTS', `Fn::GetAtt: ${logicalId} is a parameter, not a resource; use Ref`);
    }
    // The service's words for an attribute of a resource the template does not declare (quoted in
    // aws-quickstart/quickstart-cloud9-ide#20; moto mirrors them); Conditions and loops keep their own.
    if (ctx.block !== 'Conditions' && ctx.block !== 'Collection') {
      throw fail(where, 'RES_UNRESOLVED_REFERENCE', `Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
    }
    throw unresolved(where, ctx, logicalId);
  }
  return value;
}

/** `Fn::GetStackOutput`'s keys: the first two required. */
const STACK_OUTPUT_KEYS = ['StackName', 'OutputName', 'Region', 'RoleArn'];

/**
 * `Fn::GetStackOutput {StackName, OutputName, Region?, RoleArn?}`: another stack's output, read by the service at
 * deploy time (across accounts and regions too): from the outputs of the stacks already deployed when they are known (a
 * cloud assembly's earlier stacks), in `Region` (default: this stack's) of the account `RoleArn` is in (default: this
 * stack's). Otherwise the simulator cannot read it: a placeholder and a warning, or a refusal under --strict-parameters.
 */
function evaluateStackOutput(argument: unknown, where: Where, ctx: EvaluationContext, depth: number): string {
  if (!isJsonObject(argument)) throw fail(where, 'RES_FUNCTION_ARGUMENTS', `Fn::GetStackOutput expects {StackName, OutputName[, Region, RoleArn]}, got ${describeShape(argument)}`);
  for (const key of Object.keys(argument)) {
    if (!STACK_OUTPUT_KEYS.includes(key)) throw fail(where.child(key), 'RES_FUNCTION_ARGUMENTS', `Fn::GetStackOutput: unknown key ${key}; it takes ${listForMessage(STACK_OUTPUT_KEYS)}`);
  }
  const text = (key: string): string | undefined =>
    hasOwn(argument, key) ? evaluateText(argument[key], where.child(key), ctx, depth, 'Fn::GetStackOutput', key) : undefined;
  const [stackName, outputName] = [text('StackName'), text('OutputName')];
  const region = text('Region') ?? ctx.env.region;
  const roleArn = text('RoleArn');
  if (stackName === undefined || outputName === undefined) throw fail(where, 'RES_FUNCTION_ARGUMENTS', 'Fn::GetStackOutput needs StackName and OutputName');
  // [unconfirmed] An empty name: the Template Reference gives both as the names of a stack and its output, and no
  // stack or output is named "" (a stack name starts with a letter); refused, not read as a stack nobody can name.
  for (const [key, name] of [['StackName', stackName], ['OutputName', outputName]] as const) {
    if (name === '') throw fail(where.child(key), 'RES_FUNCTION_ARGUMENTS', `Fn::GetStackOutput: ${key} is empty; it names ${key === 'StackName' ? 'the stack whose output is read' : "that stack's output"}`);
  }
  const known = ctx.stackOutputs[stackOutputsKey(accountOfRole(roleArn) ?? ctx.env.accountId, region, stackName)];
  if (known !== undefined && hasOwn(known, outputName)) return known[outputName] as string;
  // [unconfirmed] A stack that does not declare the output: the service's answer is not documented, so a known stack
  // without it is treated as an unknown one (a placeholder and a warning, refused under --strict-parameters).
  if (!ctx.stackOutput) {
    throw fail(where, 'RES_STACK_OUTPUT', `Fn::GetStackOutput: the output ${outputName} of stack ${stackName} is read from the account at deploy time, which --strict-parameters refuses to stand in for`);
  }
  return ctx.stackOutput(stackName, outputName, where);
}

/**
 * The account of an IAM role's ARN (`arn:aws:iam::<account>:role/…`): `Fn::GetStackOutput`'s `RoleArn` reads the
 * stack with DescribeStacks, which describes the stacks of the caller's own account only.
 */
function accountOfRole(roleArn: string | undefined): string | undefined {
  // The role ARN's shape is the kernel's (the same that submit and configure accept); its fifth field is the account.
  return roleArn !== undefined && isIamRoleArn(roleArn) ? roleArn.split(':')[4] : undefined;
}

function evaluateIntrinsic(name: IntrinsicName, argument: unknown, where: Where, ctx: EvaluationContext, depth: number): Value {
  switch (name) {
    case 'Ref': {
      const target = typeof argument === 'string' ? argument : ctx.languageExtensions && isJsonObject(argument) ? evaluateText(argument, where, ctx, depth, 'Ref', 'the name') : undefined;
      if (target === undefined) throw fail(where, 'RES_FUNCTION_ARGUMENTS', `Ref expects the name of a parameter or resource, got ${describeShape(argument)}`);
      return lookupRef(target, where, ctx);
    }
    case 'Condition': {
      // Outside a condition position a `{"Condition": …}` object is plain data (e.g. inside a policy document).
      const out = emptyObject();
      const value = evaluate(argument, where, ctx, depth);
      if (value !== NO_VALUE) setKey(out, 'Condition', value);
      return out;
    }
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
    case 'Fn::Equals':
      throw fail(where, 'RES_FUNCTION_NOT_ALLOWED', `${name} is a condition function: use it in the Conditions block and refer to the condition with Fn::If or a resource's Condition`);
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = argumentList(argument, where, 'Fn::If', [3], '[condition name, value if true, value if false]');
      if (typeof condition !== 'string') throw fail(where.child(0), 'RES_FUNCTION_ARGUMENTS', `Fn::If expects a condition name as its first item, got ${describeShape(condition)}`);
      return ctx.condition(condition, where.child(0), depth) ? evaluate(whenTrue, where.child(1), ctx, depth) : evaluate(whenFalse, where.child(2), ctx, depth);
    }
    case 'Fn::FindInMap':
      return findInMap(argument, where, ctx, depth);
    case 'Fn::GetAtt': {
      let logicalId: unknown;
      let attribute: unknown;
      if (typeof argument === 'string') {
        const dot = argument.indexOf('.');
        if (dot <= 0 || dot === argument.length - 1) throw getAttShapeError(where, JSON.stringify(argument));
        logicalId = argument.slice(0, dot);
        attribute = argument.slice(dot + 1);
      } else {
        if (!Array.isArray(argument) || argument.length !== 2 || argument.includes('')) {
          throw getAttShapeError(where, Array.isArray(argument) ? `a list of ${argument.length}${argument.includes('') ? ' with an empty item' : ''}` : describeShape(argument));
        }
        [logicalId, attribute] = argument as unknown[];
        if (typeof logicalId !== 'string') {
          if (!ctx.languageExtensions) throw fail(where.child(0), 'RES_FUNCTION_ARGUMENTS', 'Fn::GetAtt: the logical id must be a plain string (functions are allowed there only with AWS::LanguageExtensions)');
          logicalId = evaluateText(logicalId, where.child(0), ctx, depth, 'Fn::GetAtt', 'the logical id');
        }
        if (typeof attribute !== 'string') attribute = evaluateText(attribute, where.child(1), ctx, depth, 'Fn::GetAtt', 'the attribute name');
      }
      return lookupGetAtt(logicalId as string, attribute as string, where, ctx);
    }
    case 'Fn::Sub':
      return evaluateSub(argument, where, ctx, depth);
    case 'Fn::Join': {
      const [delimiter, list] = argumentList(argument, where, 'Fn::Join', [2], '[delimiter, [values…]]');
      const separator = evaluateText(delimiter, where.child(0), ctx, depth, 'Fn::Join', 'the delimiter');
      const items = evaluateList(list, where.child(1), ctx, depth, 'Fn::Join', 'the second item');
      const texts = items.map((item, i) => {
        const text = scalarText(item);
        if (text === undefined) throw fail(where.child(1).child(i), 'RES_FUNCTION_ARGUMENTS', `Fn::Join: every value must be a string, got ${describeShape(item)}`);
        return text;
      });
      return joinWithin(texts, separator, where, 'Fn::Join');
    }
    case 'Fn::Select': {
      const [index, list] = argumentList(argument, where, 'Fn::Select', [2], '[index, [values…]]');
      const position = evaluateInteger(index, where.child(0), ctx, depth, 'Fn::Select', 'the index');
      const items = evaluateList(list, where.child(1), ctx, depth, 'Fn::Select', 'the second item', position + 1);
      const madeUp = splitFromMadeUp.get(items) ?? ctx.madeUp?.describeList(items);
      if (position < 0 || position >= items.length) {
        if (madeUp !== undefined && position >= 0 && ctx.madeUp) return ctx.madeUp.beyond(where.child(0), position, items.length, madeUp);
        throw fail(where.child(0), 'RES_SELECT_INDEX', `Template error: Fn::Select cannot select nonexistent value at index ${position} (the list has ${items.length} item${items.length === 1 ? '' : 's'})`);
      }
      const item = items[position] as JsonValue;
      if (madeUp !== undefined && typeof item === 'string') ctx.madeUp?.note(item, madeUp);
      return item;
    }
    case 'Fn::Split': {
      const [delimiter, text] = argumentList(argument, where, 'Fn::Split', [2], '[delimiter, string]');
      const separator = evaluateText(delimiter, where.child(0), ctx, depth, 'Fn::Split', 'the delimiter');
      if (separator === '') throw fail(where.child(0), 'RES_FUNCTION_ARGUMENTS', 'Fn::Split: the delimiter must not be empty');
      const source = evaluateText(text, where.child(1), ctx, depth, 'Fn::Split', 'the source');
      const parts = source.split(separator);
      const madeUp = ctx.madeUp?.describe(source);
      if (madeUp !== undefined) splitFromMadeUp.set(parts, madeUp);
      return parts;
    }
    case 'Fn::Base64': {
      const text = evaluateText(argument, where, ctx, depth, 'Fn::Base64', 'the argument');
      const bytes = Buffer.byteLength(text, 'utf8');
      reserveLength(4 * Math.ceil(bytes / 3), where, 'Fn::Base64');
      return Buffer.from(text, 'utf8').toString('base64');
    }
    case 'Fn::GetAZs': {
      // `!GetAZs` with nothing after it reads as null; the service treats it like "" (the stack's region).
      const region = argument === null ? '' : evaluateText(argument, where, ctx, depth, 'Fn::GetAZs', 'the region');
      return availabilityZones(region === '' ? ctx.env.region : region);
    }
    case 'Fn::Cidr': {
      const [block, count, bits] = argumentList(argument, where, 'Fn::Cidr', [3], '[ipBlock, count, cidrBits]');
      const ipBlock = evaluateText(block, where.child(0), ctx, depth, 'Fn::Cidr', 'ipBlock');
      const subnets = evaluateInteger(count, where.child(1), ctx, depth, 'Fn::Cidr', 'count');
      const cidrBits = evaluateInteger(bits, where.child(2), ctx, depth, 'Fn::Cidr', 'cidrBits');
      let result = computeCidr(ipBlock, subnets, cidrBits);
      const madeUp = result.ok ? undefined : ctx.madeUp?.describe(ipBlock);
      if (madeUp !== undefined && ctx.madeUp) result = computeCidr(ctx.madeUp.cidrBlock(where.child(0), cidrBits, madeUp), subnets, cidrBits);
      if (!result.ok) throw fail(where, 'RES_CIDR', `Fn::Cidr: ${result.reason}`);
      return result.subnets;
    }
    case 'Fn::ImportValue': {
      const exportName = evaluateText(argument, where, ctx, depth, 'Fn::ImportValue', 'the export name');
      ctx.imported?.(exportName);
      if (!hasOwn(ctx.exports, exportName)) {
        const placeholder = ctx.missingExport?.(exportName, where);
        if (placeholder !== undefined) return placeholder;
        const known = Object.keys(ctx.exports).sort();
        throw fail(where, 'RES_IMPORT_VALUE', `No export named ${exportName} found. Give it in the --exports file (${known.length ? `known: ${listForMessage(known)}` : 'none given'})`);
      }
      return ctx.exports[exportName] as string;
    }
    case 'Fn::GetStackOutput':
      return evaluateStackOutput(argument, where, ctx, depth);
    case 'Fn::Length': {
      requireLanguageExtensions(ctx, where, 'Fn::Length');
      return evaluateList(argument, where, ctx, depth, 'Fn::Length', 'the argument').length;
    }
    case 'Fn::ToJsonString': {
      requireLanguageExtensions(ctx, where, 'Fn::ToJsonString');
      const value = evaluateValue(argument, where, ctx, depth, 'Fn::ToJsonString');
      // The transform writes the JSON text before the stack exists; the stack's notification topics are not known then.
      if (refersTo(argument, (name) => name === 'AWS::NotificationARNs', ['Ref'])) {
        throw fail(where, 'RES_FUNCTION_ARGUMENTS', `Transform ${LANGUAGE_EXTENSIONS} failed with: Fn::ToJsonString does not support AWS::NotificationARNs pseudo parameter`);
      }
      if (typeof value !== 'object' || value === null) throw fail(where, 'RES_FUNCTION_ARGUMENTS', `Fn::ToJsonString expects an object or a list, got ${describeShape(value)}`);
      return stringifyWithin(value, where, 'Fn::ToJsonString');
    }
    case 'Fn::Transform':
      // A local snippet was inserted before resolution (nested/include-snippets.ts): this one is only where the service reads.
      throw fail(where, 'RES_TRANSFORM', unexpandedTransformMessage(argument));
    default:
      return assertNever(name);
  }
}

function assertNever(name: never): never {
  throw new Error(`unhandled intrinsic ${String(name)}`);
}

function findInMap(argument: unknown, where: Where, ctx: EvaluationContext, depth: number): Value {
  if (!Array.isArray(argument) || (argument.length !== 3 && argument.length !== 4)) {
    throw fail(where, 'RES_FUNCTION_ARGUMENTS', `Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey] (and {DefaultValue: …} with AWS::LanguageExtensions), got ${describeShape(argument)}`);
  }
  const [mapArg, topArg, secondArg, options] = argument;
  const mapName = evaluateText(mapArg, where.child(0), ctx, depth, 'Fn::FindInMap', 'the map name');
  const topKey = evaluateText(topArg, where.child(1), ctx, depth, 'Fn::FindInMap', 'the top-level key');
  const secondKey = evaluateText(secondArg, where.child(2), ctx, depth, 'Fn::FindInMap', 'the second-level key');
  // AWS::LanguageExtensions resolves Fn::FindInMap before any resource exists: a key from a resource (a Ref of one, an
  // attribute, an import) cannot be known then, and the transform fails (aws-sam-cli's port of it, fn_find_in_map.py,
  // "matching Kotlin compat"). A parameter or a pseudo parameter it resolves, or leaves to the service.
  if (ctx.languageExtensions && [mapArg, topArg, secondArg].some((key) => refersTo(key, (name) => !name.startsWith('AWS::') && !ctx.parameters.has(name), ['Ref', 'Fn::GetAtt', 'Fn::ImportValue']))) {
    throw fail(where, 'RES_FUNCTION_ARGUMENTS', `Transform ${LANGUAGE_EXTENSIONS} failed with: Fn::FindInMap layout is incorrect (a key depends on a resource or an import, which the transform cannot resolve)`);
  }
  let fallback: unknown;
  let hasFallback = false;
  if (argument.length === 4) {
    requireLanguageExtensions(ctx, where.child(3), 'Fn::FindInMap DefaultValue');
    if (!isJsonObject(options) || !hasOwn(options, 'DefaultValue') || Object.keys(options).length !== 1) {
      throw fail(where.child(3), 'RES_FUNCTION_ARGUMENTS', 'Fn::FindInMap: the fourth item must be {"DefaultValue": …}');
    }
    fallback = options.DefaultValue;
    hasFallback = true;
  }
  const map = ctx.mappings ? own(ctx.mappings, mapName) : undefined;
  const top = isJsonObject(map) ? own(map, topKey) : undefined;
  const value = isJsonObject(top) ? own(top, secondKey) : undefined;
  if (value !== undefined) return value as JsonValue;
  if (hasFallback) return evaluate(fallback, where.child(3).child('DefaultValue'), ctx, depth);
  const [missing, key] = !isJsonObject(map) ? [`there is no mapping named ${mapName}`, mapName] : !isJsonObject(top) ? [`mapping ${mapName} has no key ${topKey}`, topKey] : [`${mapName}.${topKey} has no key ${secondKey}`, secondKey];
  // A key the simulator stood in for (--placeholder-parameters) is no key the real deployment looks up: say so.
  const standIn = ctx.madeUp?.describe(key);
  const note = standIn === undefined ? '' : `; ${key} is ${standIn}`;
  throw fail(where, 'RES_MAPPING_KEY', `Template error: Unable to get mapping for ${mapName}::${topKey}::${secondKey} (${missing}${note})`);
}

/**
 * True when `expr` (as written) calls one of `functions` on a name `matches` accepts: a `Ref`'s target, or any
 * `Fn::GetAtt` / `Fn::ImportValue` (their argument is no parameter). Only the written intrinsics are walked, and only
 * after the caller evaluated `expr`, which bounds its size and depth.
 */
function refersTo(expr: unknown, matches: (name: string) => boolean, functions: readonly string[]): boolean {
  const pending: unknown[] = [expr];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
    } else if (isJsonObject(node)) {
      const keys = Object.keys(node);
      if (keys.length === 1 && functions.includes(keys[0] as string)) {
        const [name] = keys as [string];
        if (name !== 'Ref' || (typeof node[name] === 'string' && matches(node[name]))) return true;
      }
      for (const key of keys) pending.push(node[key]);
    }
  }
  return false;
}

function evaluateSub(argument: unknown, where: Where, ctx: EvaluationContext, depth: number): string {
  let template: unknown = argument;
  const variables = new Map<string, JsonValue>();
  if (Array.isArray(argument)) {
    const [text, map] = argumentList(argument, where, 'Fn::Sub', [2], '"string" or ["string", {Variable: value}]');
    if (!isJsonObject(map)) throw fail(where.child(1), 'RES_FUNCTION_ARGUMENTS', `Fn::Sub: the variable map must be an object, got ${describeShape(map)}`);
    for (const key of Object.keys(map)) variables.set(key, evaluateValue(map[key], where.child(1).child(key), ctx, depth, 'Fn::Sub'));
    template = text;
  }
  if (typeof template !== 'string') {
    const at = Array.isArray(argument) ? where.child(0) : where;
    // A macro (Fn::Transform) that the service runs before Fn::Sub sees a string: say that, not "not a string".
    if (recognizeCall(template, INTRINSICS)?.name === 'Fn::Transform') evaluate(template, at, ctx, depth + 1);
    throw fail(at, 'RES_FUNCTION_ARGUMENTS', `Fn::Sub expects a string (or ["string", {…}]), got ${describeShape(template)}`);
  }
  const textWhere = Array.isArray(argument) ? where.child(0) : where;
  const out: string[] = [];
  for (const part of parseSubTemplate(template)) {
    if (part.kind === 'text') {
      out.push(part.text);
      continue;
    }
    const value = subVariable(part.name, variables, textWhere, ctx);
    const text = scalarText(value);
    if (text === undefined) {
      // The service's words (cfn-lint#390; cfn-language-discussion#103 for a list attribute).
      throw fail(
        textWhere,
        'RES_SUB_VARIABLE',
        `Template error: variable ${part.name} in Fn::Sub expression does not resolve to a string (it is ${describeShape(value)}${Array.isArray(value) ? '; use Fn::Join to turn a list into a string' : ''})`,
      );
    }
    out.push(text);
  }
  return joinWithin(out, '', where, 'Fn::Sub');
}

/** What the service accepts between `${` and `}` (its own refusal names these characters). */
const SUB_VARIABLE_NAME = /^[A-Za-z0-9_.:]+$/;

function subVariable(name: string, variables: ReadonlyMap<string, JsonValue>, where: Where, ctx: EvaluationContext): Value {
  const local = variables.get(name);
  if (local !== undefined) return local;
  if (name === 'AWS::NoValue') throw fail(where, 'RES_SUB_VARIABLE', 'Fn::Sub: ${AWS::NoValue} cannot be substituted into a string');
  const pseudo = pseudoParameter(name, ctx.env);
  if (pseudo !== undefined) return pseudo;
  const parameter = ctx.parameters.get(name);
  if (parameter !== undefined) return parameter;
  const dot = name.indexOf('.');
  if (dot > 0 && ctx.resources) {
    const value = ctx.resources.getAtt(name.slice(0, dot), name.slice(dot + 1), where);
    if (value !== undefined) return value;
  } else if (ctx.resources) {
    const value = ctx.resources.ref(name, where);
    if (value !== undefined) return value;
  }
  if (!SUB_VARIABLE_NAME.test(name)) {
    // The service's text for a `${…}` no variable could be named (a shell array, a JavaScript template literal).
    throw fail(where, 'RES_SUB_VARIABLE', `Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, underscores, periods, and colons (\${${name}}; write \${!${name}} for a literal)`);
  }
  const known = [...variables.keys()];
  throw fail(where, 'RES_SUB_VARIABLE', `Fn::Sub: unknown variable \${${name}}: it is not ${known.length ? `a key of the variable map (${listForMessage(known)}), ` : ''}a parameter, a pseudo parameter${ctx.resources ? ' or a resource' : ''}${ctx.block === 'Conditions' ? ' (resources cannot be referenced in Conditions)' : ''}. Write \${!${name}} for a literal`);
}

/** Evaluates a condition position: Fn::Equals/And/Or/Not or a `Condition` reference. */
export function evaluateCondition(expr: unknown, where: Where, ctx: EvaluationContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw fail(where, 'RES_TOO_DEEP', `the condition nests deeper than ${MAX_DEPTH} levels here`);
  ctx.budget.spend(where);
  const call = recognizeCall(expr, INTRINSICS);
  if (!call?.known) {
    throw fail(where, 'RES_FUNCTION_ARGUMENTS', `expected a condition (Fn::Equals, Fn::And, Fn::Or, Fn::Not or {"Condition": name}), got ${call ? call.name : describeShape(expr)}`);
  }
  const at = where.child(call.name);
  switch (call.name) {
    case 'Condition':
      if (typeof call.argument !== 'string') throw fail(at, 'RES_FUNCTION_ARGUMENTS', `Condition expects a condition name, got ${describeShape(call.argument)}`);
      return ctx.condition(call.argument, at, depth);
    case 'Fn::Equals': {
      const [a, b] = argumentList(call.argument, at, 'Fn::Equals', [2], '[value, value]');
      const values = [evaluateValue(a, at.child(0), ctx, depth + 1, 'Fn::Equals'), evaluateValue(b, at.child(1), ctx, depth + 1, 'Fn::Equals')];
      values.forEach((value, i) => {
        // The service compares strings (numbers and booleans as their text); a list or an object is its refusal.
        if (Array.isArray(value) || isJsonObject(value)) {
          throw fail(at.child(i), 'RES_FUNCTION_ARGUMENTS', `Template error: every Fn::Equals object requires a list of 2 string parameters. (item ${i + 1} is ${describeShape(value)}${Array.isArray(value) ? '; join a list with Fn::Join first' : ''})`);
        }
      });
      return sameValue(values[0] as Value, values[1] as Value);
    }
    case 'Fn::Not': {
      const [inner] = argumentList(call.argument, at, 'Fn::Not', [1], '[condition]');
      return !evaluateCondition(inner, at.child(0), ctx, depth + 1);
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const items = argumentList(call.argument, at, call.name, CONDITION_OPERAND_COUNTS, 'a list of 2 to 10 conditions');
      // Every operand is evaluated (no short circuit), so a broken operand is reported whatever the others say.
      const results = items.map((item, i) => evaluateCondition(item, at.child(i), ctx, depth + 1));
      return call.name === 'Fn::And' ? results.every(Boolean) : results.some(Boolean);
    }
    default:
      throw fail(at, 'RES_FUNCTION_NOT_ALLOWED', `${call.name} is not a condition function; a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or {"Condition": name}`);
  }
}
