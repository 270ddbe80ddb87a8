/**
 * The `Rules` section, as the service applies it before any resource (User Guide, "CloudFormation template Rules
 * syntax"; Template Reference, "Rule functions"): each rule's assertions are checked against the parameter values
 * unless its `RuleCondition` is false, and one false `Assert` refuses the operation with its `AssertDescription`.
 *
 * Two passes. `checkRulesSection` needs only the template — the section's shape, the functions it may use, their
 * arguments, what `Ref` names — and reports every fault as the template format error it is, whatever the parameters.
 * `evaluateRules` then evaluates each rule. Its values are three-valued: a value the simulator only guessed (an SSM
 * parameter nobody gave, a nested stack's parameter built from such a stand-in) or could only read from the account
 * (`Fn::RefAll`, `Fn::ValueOf`, `Fn::ValueOfAll`) is *unknown*, and a rule whose verdict depends on one is not
 * evaluated: a warning names the rule and what it depends on, so a guess never refuses a template (and a rule the
 * service would enforce is never skipped in silence). `Fn::And`/`Fn::Or`/`Fn::Not` combine unknowns as Kleene's
 * logic does: `false` and anything is `false`, so a rule refuted by known values alone is still enforced.
 */
import { listForMessage, toPointer } from '../../../src/kernel/diagnostics';
import type { JsonValue } from '../../../src/kernel/protocol';
import { isJsonObject } from '../../../src/kernel/protocol';
import { recognizeCall, RULE_EXPRESSION_FUNCTIONS, RULE_EXPRESSIONS, type RuleExpressionName } from '../template/intrinsics';
import { argumentList, CONDITION_OPERAND_COUNTS, MAX_DEPTH, pseudoParameter, type NodeBudget } from './evaluate';
import { issueAt, ResolveIssue, Where } from './issues';
import type { StackEnvironment } from './stack-environment';
import { describeShape, NO_VALUE, own, sameValue, scalarText } from './values';

/** What a rule may consult. */
export interface RuleScope {
  readonly env: StackEnvironment;
  /** What `Ref` of each parameter returns: a string, or a list of strings for list types. */
  readonly parameters: ReadonlyMap<string, JsonValue>;
  /** Parameters whose values are the simulator's stand-ins, with what each stands in for. */
  readonly guessed: ReadonlyMap<string, string>;
  readonly budget: NodeBudget;
}

/** What evaluating the section found: the refusals (false assertions) and the rules left unevaluated. */
export interface RulesOutcome {
  readonly issues: readonly ResolveIssue[];
  readonly warnings: readonly ResolveIssue[];
}

/** A value no one can know offline, with what it depends on. */
class Unknown {
  constructor(readonly reasons: readonly string[]) {}

  /** The unknowns among `values` merged into one, or undefined when every value is known. */
  static among(values: readonly RuleValue[]): Unknown | undefined {
    const reasons = values.flatMap((value) => (value instanceof Unknown ? value.reasons : []));
    return reasons.length > 0 ? new Unknown([...new Set(reasons)]) : undefined;
  }
}

type RuleValue = JsonValue | Unknown;


/** A rule as declared, once its shape is known to be right. */
export interface DeclaredRule {
  readonly name: string;
  readonly pointer: string;
  readonly condition: unknown;
  readonly assertions: ReadonlyArray<{ readonly assert: unknown; readonly description: string | undefined }>;
  /** Functions the rule uses that rules cannot (tolerated only under AWS::LanguageExtensions). */
  readonly unsupported: readonly string[];
}

/** The Rules section checked: its faults, and the rules well-formed enough to evaluate. */
export interface CheckedRules {
  readonly issues: readonly ResolveIssue[];
  readonly rules: readonly DeclaredRule[];
}

/** What the static pass needs: the declared parameters, the pseudo parameters' environment, the node budget. */
export interface RuleSectionContext {
  readonly declaredParameters: ReadonlySet<string>;
  readonly env: StackEnvironment;
  readonly languageExtensions: boolean;
  readonly budget: NodeBudget;
}

/**
 * The faults of the Rules section that need nothing but the template: a section or rule of the wrong shape, a
 * function rules cannot use (the service's `Template format error: Following functions are not supported in the
 * Rules block of the template: [Fn::If]`), a function given the wrong arguments, a `Ref` to no parameter.
 */
export function checkRulesSection(body: Record<string, unknown>, context: RuleSectionContext): CheckedRules {
  const section = own(body, 'Rules');
  if (section === undefined) return { issues: [], rules: [] };
  if (!isJsonObject(section)) {
    return { issues: [new ResolveIssue('RES_TEMPLATE_FORMAT', `Template format error: Rules must be an object of rule declarations, got ${describeShape(section)}`, '/Rules')], rules: [] };
  }
  const issues: ResolveIssue[] = [];
  const rules: DeclaredRule[] = [];
  const unsupported: Array<{ name: string; where: Where }> = [];
  try {
    checkRules(section, context, issues, rules, unsupported);
  } catch (error) {
    // The node budget is spent: nothing after this point could be checked either.
    if (!(error instanceof ResolveIssue)) throw error;
    issues.push(error);
    return { issues, rules: [] };
  }
  if (unsupported.length > 0 && !context.languageExtensions) {
    const names = [...new Set(unsupported.map((u) => u.name))].sort();
    issues.push(
      issueAt(
        (unsupported[0] as { where: Where }).where,
        'RES_FUNCTION_NOT_ALLOWED',
        `Template format error: Following functions are not supported in the Rules block of the template: [${names.join(', ')}]. A rule may use only ${RULE_FUNCTION_LIST}`,
      ),
    );
  }
  return { issues, rules };
}

/** Checks each rule of the section, collecting its faults, the rules to evaluate and the functions rules cannot use. */
function checkRules(section: Record<string, unknown>, context: RuleSectionContext, issues: ResolveIssue[], rules: DeclaredRule[], unsupported: Array<{ name: string; where: Where }>): void {
  for (const name of Object.keys(section)) {
    const where = Where.at(toPointer(['Rules', name]));
    const rule = section[name];
    if (!isJsonObject(rule)) {
      issues.push(issueAt(where, 'RES_TEMPLATE_FORMAT', `Template format error: rule ${name} must be an object with Assertions (and an optional RuleCondition), got ${describeShape(rule)}`));
      continue;
    }
    const checker = new ShapeChecker(context, issues);
    const condition = own(rule, 'RuleCondition');
    if (condition !== undefined) checker.expression(condition, where.child('RuleCondition'), 0);
    const assertions = own(rule, 'Assertions');
    if (!Array.isArray(assertions)) {
      issues.push(
        issueAt(assertions === undefined ? where : where.child('Assertions'), 'RES_TEMPLATE_FORMAT', `Template format error: rule ${name} must have Assertions, a list of {Assert, AssertDescription}${assertions === undefined ? '' : `, got ${describeShape(assertions)}`}`),
      );
      continue;
    }
    const declared: Array<{ assert: unknown; description: string | undefined }> = [];
    assertions.forEach((assertion, i) => {
      const at = where.child('Assertions').child(i);
      if (!isJsonObject(assertion) || own(assertion, 'Assert') === undefined) {
        issues.push(issueAt(at, 'RES_TEMPLATE_FORMAT', `Template format error: every assertion of rule ${name} must be an object with an Assert, got ${describeShape(assertion)}`));
        return;
      }
      const description = own(assertion, 'AssertDescription');
      if (description !== undefined && scalarText(description) === undefined) {
        issues.push(issueAt(at.child('AssertDescription'), 'RES_TEMPLATE_FORMAT', `Template format error: AssertDescription must be a string, got ${describeShape(description)}`));
      }
      checker.expression(own(assertion, 'Assert'), at.child('Assert'), 0);
      declared.push({ assert: own(assertion, 'Assert'), description: scalarText(description) });
    });
    for (const found of checker.unsupported) unsupported.push(found);
    rules.push({ name, pointer: where.pointer(), condition, assertions: declared, unsupported: [...new Set(checker.unsupported.map((u) => u.name))].sort() });
  }
}

/** The functions a rule may use, for messages: `Ref`, then the others in order (from the one list of them). */
const RULE_FUNCTION_LIST = ((names: string[]): string => `Ref, ${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`)(
  RULE_EXPRESSION_FUNCTIONS.filter((name) => name !== 'Ref').sort(),
);

/** The argument shapes each rule function takes, checked the same way before and during evaluation. */
function ruleArguments(name: RuleExpressionName, argument: unknown, where: Where): unknown[] {
  const list = (counts: readonly number[], shape: string): unknown[] => argumentList(argument, where, name, counts, shape);
  const name1 = (what: string): unknown[] => {
    if (typeof argument !== 'string') throw issueAt(where, 'RES_FUNCTION_ARGUMENTS', `${name} expects ${what}, got ${describeShape(argument)}`);
    return [argument];
  };
  switch (name) {
    case 'Ref':
      return name1('the name of a parameter');
    case 'Fn::RefAll':
      return name1('an AWS-specific parameter type such as AWS::EC2::VPC::Id');
    case 'Fn::And':
    case 'Fn::Or':
      return list(CONDITION_OPERAND_COUNTS, 'a list of 2 to 10 conditions');
    case 'Fn::Not':
      return list([1], '[condition]');
    case 'Fn::Equals':
      return list([2], '[value, value]');
    case 'Fn::Contains':
    case 'Fn::EachMemberEquals':
      return list([2], '[[list of strings], string]');
    case 'Fn::EachMemberIn':
      return list([2], '[[strings to check], [strings to match]]');
    case 'Fn::ValueOf':
    case 'Fn::ValueOfAll': {
      const items = list([2], name === 'Fn::ValueOf' ? '[parameter name, attribute]' : '[parameter type, attribute]');
      items.forEach((item, i) => {
        // Template Reference, "Rule functions", Supported functions: no function can be used within these two.
        if (typeof item !== 'string') throw issueAt(where.child(i), 'RES_FUNCTION_ARGUMENTS', `${name} takes two plain strings (no function can be used within it), got ${describeShape(item)}`);
      });
      return items;
    }
    default:
      return assertNever(name);
  }
}

function assertNever(name: never): never {
  throw new Error(`unhandled rule function ${String(name)}`);
}

/** Walks the expressions of the section without evaluating them. */
class ShapeChecker {
  /** The functions found that rules cannot use, where each is. */
  readonly unsupported: Array<{ name: string; where: Where }> = [];

  constructor(
    private readonly context: RuleSectionContext,
    private readonly issues: ResolveIssue[],
  ) {}

  expression(expr: unknown, where: Where, depth: number): void {
    if (depth > MAX_DEPTH) {
      this.issues.push(issueAt(where, 'RES_TOO_DEEP', `the rule nests deeper than ${MAX_DEPTH} levels here`));
      return;
    }
    // Shared YAML anchors can make a small section huge: every node visited counts against the resolution's budget.
    this.context.budget.spend(where);
    if (Array.isArray(expr)) {
      expr.forEach((item, i) => this.expression(item, where.child(i), depth + 1));
      return;
    }
    if (!isJsonObject(expr)) return;
    const call = recognizeCall(expr, RULE_EXPRESSIONS);
    if (!call) {
      for (const key of Object.keys(expr)) this.expression(expr[key], where.child(key), depth + 1);
      return;
    }
    const at = where.child(call.name);
    if (!call.known) {
      this.unsupported.push({ name: call.name, where: at });
      this.expression(call.argument, at, depth + 1);
      return;
    }
    let items: unknown[];
    try {
      items = ruleArguments(call.name, call.argument, at);
    } catch (error) {
      if (!(error instanceof ResolveIssue)) throw error;
      this.issues.push(error);
      return;
    }
    if (call.name === 'Ref') this.reference(items[0] as string, at);
    else if (call.name === 'Fn::ValueOf') this.reference(items[0] as string, at.child(0), 'Fn::ValueOf');
    else if (call.name !== 'Fn::RefAll' && call.name !== 'Fn::ValueOfAll') items.forEach((item, i) => this.expression(item, at.child(i), depth + 1));
  }

  private reference(name: string, where: Where, fn = 'Ref'): void {
    if (this.context.declaredParameters.has(name)) return;
    if (fn === 'Ref' && pseudoParameter(name, this.context.env) !== undefined) return;
    const declared = [...this.context.declaredParameters];
    this.issues.push(
      issueAt(
        where,
        'RES_UNRESOLVED_REFERENCE',
        `Template format error: Unresolved resource dependencies [${name}] in the Rules block of the template (${fn} in a rule can name only ${fn === 'Ref' ? 'a parameter or a pseudo parameter' : 'a parameter'}; ${declared.length ? `the template declares ${listForMessage(declared)}` : 'the template declares no parameters'})`,
      ),
    );
  }
}

/**
 * Evaluates the rules `checkRulesSection` returned (once it found no fault). A false assertion is a
 * `RES_RULE_ASSERTION` issue at its `Assert`, carrying its `AssertDescription`; a rule that depends on an unknown
 * value is a `RES_RULE_NOT_EVALUATED` warning naming the rule and what it depends on.
 */
export function evaluateRules(rules: readonly DeclaredRule[], scope: RuleScope): RulesOutcome {
  const issues: ResolveIssue[] = [];
  const warnings: ResolveIssue[] = [];
  for (const rule of rules) {
    const where = Where.at(rule.pointer);
    if (rule.unsupported.length > 0) {
      warnings.push(
        warningAt(
          where,
          `rule ${rule.name} is not evaluated: it uses ${listForMessage(rule.unsupported)}, which rules cannot use; the AWS::LanguageExtensions transform may rewrite that before the service checks the rule, the simulator cannot`,
        ),
      );
      continue;
    }
    const evaluator = new RuleEvaluator(scope);
    try {
      const condition = rule.condition === undefined ? true : evaluator.condition(rule.condition, where.child('RuleCondition'), 0);
      if (condition === false) continue;
      const judged = judgeAssertions(rule, where, evaluator, condition instanceof Unknown);
      if (!(condition instanceof Unknown)) {
        // The rule applies: a false assertion refuses the template; otherwise an unknown one leaves it unjudged.
        for (const refusal of judged.refusals) issues.push(refusal);
        if (judged.refusals.length === 0 && judged.unknowns.length > 0) warnings.push(notEvaluated(rule, where, judged.unknowns, []));
        continue;
      }
      // Whether the rule applies is unknown; when every assertion holds anyway, so does the rule.
      if (judged.refusals.length === 0 && judged.unknowns.length === 0) continue;
      warnings.push(notEvaluated(rule, where, [{ what: 'its RuleCondition', value: condition }, ...judged.unknowns], judged.refusals));
    } catch (error) {
      if (!(error instanceof ResolveIssue)) throw error;
      issues.push(error);
      // The node budget is spent: every later rule would stop at its first node too.
      if (error.code === 'RES_TOO_LARGE') break;
    }
  }
  return { issues, warnings };
}

/** What a rule's assertions came to: the false ones (as refusals) and the unknown ones. */
interface Judgement {
  readonly refusals: readonly ResolveIssue[];
  readonly unknowns: ReadonlyArray<{ what: string; value: Unknown }>;
}

/** Each assertion of a rule that applies (or may apply): false, true, or unknown. */
function judgeAssertions(rule: DeclaredRule, where: Where, evaluator: RuleEvaluator, conditionUnknown: boolean): Judgement {
  const refusals: ResolveIssue[] = [];
  const unknowns: Array<{ what: string; value: Unknown }> = [];
  rule.assertions.forEach((assertion, i) => {
    const at = where.child('Assertions').child(i).child('Assert');
    evaluator.referenced();
    let result: boolean | Unknown;
    try {
      result = evaluator.condition(assertion.assert, at, 0);
    } catch (error) {
      // When the rule may not apply, the service may never evaluate this assertion: not a refusal.
      if (!(conditionUnknown && error instanceof ResolveIssue && error.code !== 'RES_TOO_LARGE')) throw error;
      result = new Unknown([`an assertion that cannot be evaluated (${error.message})`]);
    }
    if (result instanceof Unknown) unknowns.push({ what: `assertion ${i + 1}`, value: result });
    else if (!result) refusals.push(issueAt(at, 'RES_RULE_ASSERTION', refusalMessage(rule, i, assertion.description, evaluator.referenced())));
  });
  return { refusals, unknowns };
}

function warningAt(where: Where, message: string): ResolveIssue {
  return new ResolveIssue('RES_RULE_NOT_EVALUATED', message, where.pointer(), 'warning');
}

/**
 * [unconfirmed] The service's text for a false assertion is not documented; it refuses the operation with a
 * ValidationError carrying the assertion's `AssertDescription`. The message starts with that description, then
 * names the rule, the assertion and the parameter values it saw (NoEcho values are masked by the caller).
 */
function refusalMessage(rule: DeclaredRule, index: number, description: string | undefined, referenced: ReadonlyMap<string, JsonValue>): string {
  const seen = [...referenced].map(([name, value]) => `${name} = ${JSON.stringify(Array.isArray(value) ? value.join(',') : value)}`);
  const context = `rule ${rule.name}, assertion ${index + 1} of ${rule.assertions.length} is false${seen.length ? ` with ${listForMessage(seen)}` : ''}`;
  return description !== undefined && description.trim() !== '' ? `${description} (${context})` : `Assertion failed: ${context}; it has no AssertDescription`;
}

function notEvaluated(rule: DeclaredRule, where: Where, unknowns: ReadonlyArray<{ what: string; value: Unknown }>, refusals: readonly ResolveIssue[]): ResolveIssue {
  const parts = unknowns.map(({ what, value }) => `${what} depends on ${listForMessage(value.reasons, { separator: '; ' })}`);
  const refuted = refusals.length > 0 ? ` (with the values known, ${refusals.length === 1 ? 'an assertion is' : `${refusals.length} assertions are`} false at ${listForMessage(refusals.map((r) => r.pointer))}: the service refuses the template if the rule applies)` : '';
  return warningAt(where, `rule ${rule.name} is not evaluated: ${parts.join('; ')}${refuted}. The service checks it against the real values before any resource is created`);
}

/** Evaluates the expressions of one rule. */
class RuleEvaluator {
  /** The parameters the last expression read, in order, for the refusal message. */
  private seen = new Map<string, JsonValue>();

  constructor(private readonly scope: RuleScope) {}

  /** The parameters read since the last call, and forgets them. */
  referenced(): ReadonlyMap<string, JsonValue> {
    const out = this.seen;
    this.seen = new Map();
    return out;
  }

  /** A position that must be true or false: a rule function, or a literal boolean. */
  condition(expr: unknown, where: Where, depth: number): boolean | Unknown {
    const value = this.value(expr, where, depth);
    if (value instanceof Unknown || typeof value === 'boolean') return value;
    // Every scalar reaches the service as text, so the strings true and false count as the booleans.
    if (value === 'true' || value === 'false') return value === 'true';
    throw issueAt(where, 'RES_FUNCTION_ARGUMENTS', `a rule condition or assertion must evaluate to true or false, got ${describeShape(value)}`);
  }

  private value(expr: unknown, where: Where, depth: number): RuleValue {
    if (depth > MAX_DEPTH) throw issueAt(where, 'RES_TOO_DEEP', `the rule nests deeper than ${MAX_DEPTH} levels here`);
    this.scope.budget.spend(where);
    if (typeof expr === 'string' || typeof expr === 'number' || typeof expr === 'boolean') return expr;
    if (Array.isArray(expr)) {
      const items = expr.map((item, i) => this.value(item, where.child(i), depth + 1));
      return Unknown.among(items) ?? (items as JsonValue[]);
    }
    const call = recognizeCall(expr, RULE_EXPRESSIONS);
    if (!call?.known) throw issueAt(where, 'RES_FUNCTION_ARGUMENTS', `a rule takes strings, lists and rule functions, got ${describeShape(expr)}`);
    const at = where.child(call.name);
    return this.call(call.name, ruleArguments(call.name, call.argument, at), at, depth + 1);
  }

  private call(name: RuleExpressionName, args: unknown[], where: Where, depth: number): RuleValue {
    switch (name) {
      case 'Ref':
        return this.reference(args[0] as string, where);
      case 'Fn::Equals': {
        const [a, b] = args.map((arg, i) => this.value(arg, where.child(i), depth));
        return Unknown.among([a as RuleValue, b as RuleValue]) ?? sameValue(a, b);
      }
      case 'Fn::Not': {
        const inner = this.condition(args[0], where.child(0), depth);
        return inner instanceof Unknown ? inner : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        // Every operand is evaluated (no short circuit), so a broken operand is reported whatever the others say.
        const results = args.map((arg, i) => this.condition(arg, where.child(i), depth));
        const decisive = name === 'Fn::And' ? false : true;
        if (results.includes(decisive)) return decisive;
        return Unknown.among(results) ?? !decisive;
      }
      case 'Fn::Contains':
      case 'Fn::EachMemberEquals': {
        const list = this.strings(args[0], where.child(0), depth, name, 'the first argument');
        const wanted = this.text(args[1], where.child(1), depth, name, 'the second argument');
        if (list instanceof Unknown || wanted instanceof Unknown) return Unknown.among([list, wanted]) as Unknown;
        return name === 'Fn::Contains' ? list.includes(wanted) : list.every((member) => member === wanted);
      }
      case 'Fn::EachMemberIn': {
        const check = this.strings(args[0], where.child(0), depth, name, 'the strings to check');
        const match = this.strings(args[1], where.child(1), depth, name, 'the strings to match');
        if (check instanceof Unknown || match instanceof Unknown) return Unknown.among([check, match]) as Unknown;
        return check.every((member) => match.includes(member));
      }
      case 'Fn::RefAll':
        return new Unknown([`every ${String(args[0])} in the account (Fn::RefAll), which the simulated account does not hold`]);
      case 'Fn::ValueOf':
        return new Unknown([`the ${String(args[1])} of the resource parameter ${String(args[0])} names (Fn::ValueOf), which only the account knows`]);
      case 'Fn::ValueOfAll':
        return new Unknown([`the ${String(args[1])} of every ${String(args[0])} in the account (Fn::ValueOfAll), which the simulated account does not hold`]);
      default:
        return assertNever(name);
    }
  }

  private reference(name: string, where: Where): RuleValue {
    const pseudo = pseudoParameter(name, this.scope.env);
    if (pseudo === NO_VALUE) return new Unknown(['AWS::NoValue, whose meaning in a rule the service does not document']);
    if (pseudo !== undefined) {
      // The simulated stack's region, account and name: shown, so a refusal they cause says which to give.
      this.seen.set(name, pseudo);
      return pseudo;
    }
    const value = this.scope.parameters.get(name);
    if (value === undefined) throw issueAt(where, 'RES_UNRESOLVED_REFERENCE', `Template format error: Unresolved resource dependencies [${name}] in the Rules block of the template`);
    const guess = this.scope.guessed.get(name);
    if (guess !== undefined) return new Unknown([`parameter ${name}, whose value stands in for ${guess}`]);
    this.seen.set(name, value);
    return value;
  }

  private text(expr: unknown, where: Where, depth: number, fn: string, what: string): string | Unknown {
    const value = this.value(expr, where, depth);
    if (value instanceof Unknown) return value;
    const text = scalarText(value);
    if (text === undefined) throw issueAt(where, 'RES_FUNCTION_ARGUMENTS', `${fn}: ${what} must be a string, got ${describeShape(value)}`);
    return text;
  }

  private strings(expr: unknown, where: Where, depth: number, fn: string, what: string): string[] | Unknown {
    const value = this.value(expr, where, depth);
    if (value instanceof Unknown) return value;
    if (!Array.isArray(value)) throw issueAt(where, 'RES_FUNCTION_ARGUMENTS', `${fn}: ${what} must be a list of strings, got ${describeShape(value)}`);
    return value.map((item, i) => {
      const text = scalarText(item);
      if (text === undefined) throw issueAt(where.child(i), 'RES_FUNCTION_ARGUMENTS', `${fn}: ${what} must be a list of strings, got ${describeShape(item)} in it`);
      return text;
    });
  }
}
