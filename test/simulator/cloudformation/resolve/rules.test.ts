/**
 * The Rules section: every rule function true and false, rule conditions true, false and unknown, every input the
 * simulator cannot know (a rule is then not evaluated, with a warning naming it), and malformed sections refused
 * with their location.
 */
import type { Diagnostic } from '../../../../src/kernel/diagnostics';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { readTemplate } from '../../../../simulator/cloudformation/template';
import { TemplateError, type ResolveOptions, type ResolvedTemplate } from '../../../../simulator/cloudformation/template/types';
import { sourceOf, stackOptions } from './template-source';

const PARAMETERS = {
  Env: { Type: 'String', Default: 'test' },
  Size: { Type: 'String', Default: 'small' },
  Zones: { Type: 'CommaDelimitedList', Default: 'a,b' },
  Empty: { Type: 'String', Default: '' },
  Secret: { Type: 'String', NoEcho: true, Default: 'hunter2-hunter2' },
  Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-0123' },
  Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/golden/ami' },
};

function template(rules: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Parameters: PARAMETERS, Rules: rules, Resources: { Queue: { Type: 'AWS::SQS::Queue' } }, ...extra };
}

function oneAssertion(assert: unknown, description = 'must hold'): Record<string, unknown> {
  return { R: { Assertions: [{ Assert: assert, AssertDescription: description }] } };
}

function run(rules: unknown, options: Partial<ResolveOptions> = {}, extra: Record<string, unknown> = {}): { resolved?: ResolvedTemplate; errors: readonly Diagnostic[] } {
  try {
    return { resolved: resolveTemplate(sourceOf(template(rules, extra)), stackOptions(options)), errors: [] };
  } catch (error) {
    if (error instanceof TemplateError) return { errors: error.diagnostics };
    throw error;
  }
}

/** `pass`, `fail` (an assertion refused the template) or the first error code; and the rule warnings. */
function verdict(rules: unknown, options: Partial<ResolveOptions> = {}): string {
  const { resolved, errors } = run(rules, options);
  if (errors.length > 0) return errors.map((e) => (e.code === 'RES_RULE_ASSERTION' ? 'fail' : e.code)).join(',');
  const skipped = (resolved as ResolvedTemplate).warnings.filter((w) => w.code === 'RES_RULE_NOT_EVALUATED');
  return skipped.length > 0 ? 'not evaluated' : 'pass';
}

describe('each rule function, true and false', () => {
  it.each<[string, unknown, string]>([
    ['Fn::Equals of a parameter, equal', { 'Fn::Equals': [{ Ref: 'Env' }, 'test'] }, 'pass'],
    ['Fn::Equals of a parameter, different', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, 'fail'],
    ['Fn::Equals compares scalars by their text', { 'Fn::Equals': ['5', 5] }, 'pass'],
    ['Fn::Equals of two lists', { 'Fn::Equals': [{ Ref: 'Zones' }, ['a', 'b']] }, 'pass'],
    ['Fn::Not of true', { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Env' }, 'test'] }] }, 'fail'],
    ['Fn::Not of false', { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }] }, 'pass'],
    ['Fn::And all true', { 'Fn::And': [{ 'Fn::Equals': ['a', 'a'] }, { 'Fn::Equals': [{ Ref: 'Size' }, 'small'] }] }, 'pass'],
    ['Fn::And one false', { 'Fn::And': [{ 'Fn::Equals': ['a', 'a'] }, { 'Fn::Equals': [{ Ref: 'Size' }, 'large'] }] }, 'fail'],
    ['Fn::Or one true', { 'Fn::Or': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Equals': [{ Ref: 'Size' }, 'small'] }] }, 'pass'],
    ['Fn::Or all false', { 'Fn::Or': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Equals': [{ Ref: 'Size' }, 'large'] }] }, 'fail'],
    ['Fn::Contains, a member', { 'Fn::Contains': [['test', 'dev'], { Ref: 'Env' }] }, 'pass'],
    ['Fn::Contains, not a member', { 'Fn::Contains': [['prod'], { Ref: 'Env' }] }, 'fail'],
    ['Fn::Not of Fn::Contains over a list parameter', { 'Fn::Not': [{ 'Fn::Contains': [{ Ref: 'Zones' }, ''] }] }, 'pass'],
    ['Fn::Contains with numbers written unquoted', { 'Fn::Contains': [[1, 2], '2'] }, 'pass'],
    ['Fn::EachMemberEquals, every member', { 'Fn::EachMemberEquals': [['x', 'x'], 'x'] }, 'pass'],
    ['Fn::EachMemberEquals, one member differs', { 'Fn::EachMemberEquals': [{ Ref: 'Zones' }, 'a'] }, 'fail'],
    ['Fn::EachMemberIn, every member matched', { 'Fn::EachMemberIn': [{ Ref: 'Zones' }, ['a', 'b', 'c']] }, 'pass'],
    ['Fn::EachMemberIn, one member unmatched', { 'Fn::EachMemberIn': [{ Ref: 'Zones' }, ['a']] }, 'fail'],
    ['a pseudo parameter', { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }, 'pass'],
    ['a pseudo parameter that differs', { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }, 'fail'],
    ['an empty string parameter', { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Empty' }, ''] }] }, 'fail'],
    ['a literal true', true, 'pass'],
    ['the string false', 'false', 'fail'],
  ])('%s: %s', (_name, assert, expected) => {
    expect(verdict(oneAssertion(assert))).toBe(expected);
  });
});

describe('rule conditions', () => {
  const rule = (condition: unknown): Record<string, unknown> => ({
    R: { RuleCondition: condition, Assertions: [{ Assert: { 'Fn::Equals': [{ Ref: 'Size' }, 'large'] }, AssertDescription: 'test stacks must be large' }] },
  });
  it.each<[string, unknown, string]>([
    ['true: the assertions apply', { 'Fn::Equals': [{ Ref: 'Env' }, 'test'] }, 'fail'],
    ['false: the rule is skipped', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, 'pass'],
    ['unknown, and an assertion false: not evaluated', { 'Fn::Equals': [{ Ref: 'Ami' }, 'ami-1'] }, 'not evaluated'],
  ])('%s', (_name, condition, expected) => {
    expect(verdict(rule(condition))).toBe(expected);
  });

  it('unknown, and every assertion true: the rule holds whatever the condition', () => {
    expect(verdict({ R: { RuleCondition: { 'Fn::Contains': [{ 'Fn::RefAll': 'AWS::EC2::VPC::Id' }, { Ref: 'Vpc' }] }, Assertions: [{ Assert: { 'Fn::Equals': ['a', 'a'] } }] } })).toBe('pass');
  });

  it('every assertion is checked and each false one reported at its Assert', () => {
    const { errors } = run({
      R: {
        Assertions: [
          { Assert: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, AssertDescription: 'first' },
          { Assert: { 'Fn::Equals': ['a', 'a'] } },
          { Assert: { 'Fn::Equals': [{ Ref: 'Size' }, 'large'] } },
        ],
      },
    });
    expect(errors.map((e) => [e.code, e.path, e.message])).toEqual([
      ['RES_RULE_ASSERTION', '/Rules/R/Assertions/0/Assert', 'first (rule R, assertion 1 of 3 is false with Env = "test")'],
      ['RES_RULE_ASSERTION', '/Rules/R/Assertions/2/Assert', 'Assertion failed: rule R, assertion 3 of 3 is false with Size = "small"; it has no AssertDescription'],
    ]);
    expect(errors.every((e) => e.severity === 'error' && e.line > 0 && e.file === 'template.json')).toBe(true);
  });

  it('a pseudo parameter that refuses is named with its value, so the message says which option to give', () => {
    const { errors } = run(oneAssertion({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }, 'deploy to eu-west-1 only'));
    expect(errors.map((e) => e.message)).toEqual(['deploy to eu-west-1 only (rule R, assertion 1 of 1 is false with AWS::Region = "us-east-1")']);
  });

  it("a NoEcho parameter's value is masked in the message", () => {
    const { errors } = run(oneAssertion({ 'Fn::Equals': [{ Ref: 'Secret' }, 'other'] }, 'the secret must be other'));
    expect(errors.map((e) => e.message)).toEqual(['the secret must be other (rule R, assertion 1 of 1 is false with Secret = "****")']);
  });
});

describe('values the simulator cannot know: the rule is not evaluated, with a warning naming it', () => {
  it.each<[string, unknown, Partial<ResolveOptions>, RegExp]>([
    ['an SSM parameter nobody gave', { 'Fn::Equals': [{ Ref: 'Ami' }, 'ami-1'] }, {}, /parameter Ami, whose value stands in for SSM parameter \/golden\/ami, which was not given \(give it with --ssm-parameter \/golden\/ami=<value>\)/],
    ['Fn::RefAll', { 'Fn::Contains': [{ 'Fn::RefAll': 'AWS::EC2::VPC::Id' }, { Ref: 'Vpc' }] }, {}, /every AWS::EC2::VPC::Id in the account \(Fn::RefAll\)/],
    ['Fn::ValueOf', { 'Fn::Equals': [{ 'Fn::ValueOf': ['Vpc', 'Tags.Department'] }, 'IT'] }, {}, /the Tags\.Department of the resource parameter Vpc names \(Fn::ValueOf\)/],
    ['Fn::ValueOfAll', { 'Fn::EachMemberEquals': [{ 'Fn::ValueOfAll': ['AWS::EC2::VPC::Id', 'Tags.Department'] }, 'IT'] }, {}, /every AWS::EC2::VPC::Id in the account \(Fn::ValueOfAll\)/],
    ['a parameter a parent stack built from a placeholder', { 'Fn::Equals': [{ Ref: 'Size' }, 'large'] }, { parameters: { Size: 'placeholder-export-1' }, guessedParameters: { Size: 'the export X, which was not given' } }, /parameter Size, whose value stands in for the export X/],
    ['Ref AWS::NoValue', { 'Fn::Equals': [{ Ref: 'AWS::NoValue' }, ''] }, {}, /AWS::NoValue/],
    ['an unknown operand of Fn::Or whose known operand is false', { 'Fn::Or': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Contains': [{ 'Fn::RefAll': 'AWS::EC2::VPC::Id' }, 'vpc-1'] }] }, {}, /Fn::RefAll/],
  ])('%s', (_name, assert, options, reason) => {
    const { resolved, errors } = run(oneAssertion(assert), options);
    expect(errors).toEqual([]);
    const warnings = (resolved as ResolvedTemplate).warnings.filter((w) => w.code === 'RES_RULE_NOT_EVALUATED');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', path: '/Rules/R' });
    expect(warnings[0]?.message).toMatch(/^rule R is not evaluated: assertion 1 depends on /);
    expect(warnings[0]?.message).toMatch(reason);
  });

  it.each<[string, unknown, string]>([
    ['Fn::And with a known false operand refuses', { 'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Contains': [{ 'Fn::RefAll': 'AWS::EC2::VPC::Id' }, 'vpc-1'] }] }, 'fail'],
    ['Fn::Or with a known true operand holds', { 'Fn::Or': [{ 'Fn::Equals': ['a', 'a'] }, { 'Fn::Equals': [{ Ref: 'Ami' }, 'x'] }] }, 'pass'],
    ['Fn::Not of an unknown stays unknown', { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Ami' }, 'x'] }] }, 'not evaluated'],
  ])('known values decide where they can: %s', (_name, assert, expected) => {
    expect(verdict(oneAssertion(assert))).toBe(expected);
  });

  it('an SSM parameter given with --ssm-parameter is known: the rule is evaluated', () => {
    expect(verdict(oneAssertion({ 'Fn::Equals': [{ Ref: 'Ami' }, 'ami-1'] }), { ssmParameters: { '/golden/ami': 'ami-1' } })).toBe('pass');
    expect(verdict(oneAssertion({ 'Fn::Equals': [{ Ref: 'Ami' }, 'ami-1'] }), { ssmParameters: { '/golden/ami': 'ami-2' } })).toBe('fail');
  });

  it('a given value overrides a guess passed down', () => {
    expect(verdict(oneAssertion({ 'Fn::Equals': [{ Ref: 'Size' }, 'small'] }), { guessedParameters: { Size: 'a placeholder' } })).toBe('pass');
  });
});

describe('malformed Rules sections are refused, located', () => {
  it.each<[string, unknown, string, string, RegExp]>([
    ['Rules is a list', [], 'RES_TEMPLATE_FORMAT', '/Rules', /^Template format error: Rules must be an object of rule declarations/],
    ['a rule is a string', { R: 'x' }, 'RES_TEMPLATE_FORMAT', '/Rules/R', /rule R must be an object with Assertions/],
    ['a rule without Assertions', { R: { RuleCondition: { 'Fn::Equals': ['a', 'a'] } } }, 'RES_TEMPLATE_FORMAT', '/Rules/R', /rule R must have Assertions/],
    ['Assertions is an object', { R: { Assertions: { Assert: true } } }, 'RES_TEMPLATE_FORMAT', '/Rules/R/Assertions', /must have Assertions, a list .*, got an object/],
    ['an assertion without Assert', { R: { Assertions: [{ AssertDescription: 'x' }] } }, 'RES_TEMPLATE_FORMAT', '/Rules/R/Assertions/0', /every assertion of rule R must be an object with an Assert/],
    ['an AssertDescription that is an object', { R: { Assertions: [{ Assert: true, AssertDescription: { a: 1 } }] } }, 'RES_TEMPLATE_FORMAT', '/Rules/R/Assertions/0/AssertDescription', /AssertDescription must be a string/],
    ['Fn::If', oneAssertion({ 'Fn::If': ['C', true, false] }), 'RES_FUNCTION_NOT_ALLOWED', '/Rules/R/Assertions/0/Assert/Fn::If', /^Template format error: Following functions are not supported in the Rules block of the template: \[Fn::If\]\./],
    ['Condition in a RuleCondition', { R: { RuleCondition: { Condition: 'C' }, Assertions: [{ Assert: true }] } }, 'RES_FUNCTION_NOT_ALLOWED', '/Rules/R/RuleCondition/Condition', /\[Condition\]/],
    ['Fn::Sub and Fn::Join, listed once each and sorted', oneAssertion({ 'Fn::Equals': [{ 'Fn::Sub': 'x' }, { 'Fn::Join': ['', [{ 'Fn::Sub': 'y' }]] }] }), 'RES_FUNCTION_NOT_ALLOWED', '/Rules/R/Assertions/0/Assert/Fn::Equals/0/Fn::Sub', /\[Fn::Join, Fn::Sub\]/],
    ['Fn::Equals with one argument', oneAssertion({ 'Fn::Equals': ['a'] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::Equals', /^Fn::Equals expects \[value, value\], got a list of 1$/],
    ['Fn::And with one condition', oneAssertion({ 'Fn::And': [true] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::And', /a list of 2 to 10 conditions/],
    ['Fn::Not of a bare condition', oneAssertion({ 'Fn::Not': { 'Fn::Equals': ['a', 'a'] } }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::Not', /Fn::Not expects \[condition\]/],
    ['Fn::RefAll of a list', oneAssertion({ 'Fn::Contains': [{ 'Fn::RefAll': ['x'] }, 'a'] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::Contains/0/Fn::RefAll', /Fn::RefAll expects an AWS-specific parameter type/],
    ['a function within Fn::ValueOf', oneAssertion({ 'Fn::Equals': [{ 'Fn::ValueOf': [{ Ref: 'Vpc' }, 'VpcId'] }, 'x'] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::Equals/0/Fn::ValueOf/0', /no function can be used within it/],
    ['Fn::ValueOf of an undeclared parameter', oneAssertion({ 'Fn::Equals': [{ 'Fn::ValueOf': ['Nope', 'VpcId'] }, 'x'] }), 'RES_UNRESOLVED_REFERENCE', '/Rules/R/Assertions/0/Assert/Fn::Equals/0/Fn::ValueOf/0', /Unresolved resource dependencies \[Nope\] in the Rules block/],
    ['Ref to a resource', oneAssertion({ 'Fn::Equals': [{ Ref: 'Queue' }, 'x'] }), 'RES_UNRESOLVED_REFERENCE', '/Rules/R/Assertions/0/Assert/Fn::Equals/0/Ref', /^Template format error: Unresolved resource dependencies \[Queue\] in the Rules block of the template/],
    ['Ref of a list', oneAssertion({ 'Fn::Equals': [{ Ref: ['Env'] }, 'x'] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::Equals/0/Ref', /Ref expects the name of a parameter/],
  ])('%s', (_name, rules, code, path, message) => {
    const { errors } = run(rules);
    expect(errors.map((e) => [e.code, e.path])).toEqual([[code, path]]);
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.line).toBeGreaterThan(0);
  });

  it.each<[string, unknown, string, string, RegExp]>([
    ['Fn::Contains of a string', oneAssertion({ 'Fn::Contains': [{ Ref: 'Env' }, 'test'] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::Contains/0', /Fn::Contains: the first argument must be a list of strings, got a string \("test"\)/],
    ['Fn::Contains of a list in a list', oneAssertion({ 'Fn::Contains': [['a', ['b']], 'a'] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::Contains/0/1', /got a list in it/],
    ['an assertion that is a string', oneAssertion({ Ref: 'Env' }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert', /must evaluate to true or false, got a string \("test"\)/],
    ['Fn::And of a list operand', oneAssertion({ 'Fn::And': [true, ['x']] }), 'RES_FUNCTION_ARGUMENTS', '/Rules/R/Assertions/0/Assert/Fn::And/1', /must evaluate to true or false, got a list/],
  ])('values of the wrong kind, found when the rule is evaluated: %s', (_name, rules, code, path, message) => {
    const { errors } = run(rules);
    expect(errors.map((e) => [e.code, e.path])).toEqual([[code, path]]);
    expect(errors[0]?.message).toMatch(message);
  });

  it('a malformed section is refused even when its rule would not apply, with every fault', () => {
    const { errors } = run({
      A: { RuleCondition: { 'Fn::Equals': ['a', 'b'] }, Assertions: [{ Assert: { 'Fn::If': ['C', true, false] } }] },
      B: { Assertions: [{ Assert: { 'Fn::Equals': ['a'] } }] },
    });
    expect(errors.map((e) => e.code).sort()).toEqual(['RES_FUNCTION_ARGUMENTS', 'RES_FUNCTION_NOT_ALLOWED']);
  });

  it('parameter faults and Rules faults are reported together', () => {
    const { errors } = run(oneAssertion({ 'Fn::If': ['C', true, false] }), { parameters: { Nope: 'x' } });
    expect(errors.map((e) => e.code).sort()).toEqual(['RES_FUNCTION_NOT_ALLOWED', 'RES_UNKNOWN_PARAMETER']);
  });

  it('under AWS::LanguageExtensions a function rules cannot use is not refused: the rule is not evaluated', () => {
    const { resolved, errors } = run(oneAssertion({ 'Fn::Equals': [{ 'Fn::Length': [1, 2] }, 2] }), {}, { Transform: 'AWS::LanguageExtensions' });
    expect(errors).toEqual([]);
    expect((resolved as ResolvedTemplate).warnings.filter((w) => w.code.startsWith('RES_RULE')).map((w) => [w.code, w.path, w.message])).toEqual([
      ['RES_RULE_NOT_EVALUATED', '/Rules/R', expect.stringMatching(/^rule R is not evaluated: it uses Fn::Length, which rules cannot use/)],
    ]);
  });
});

describe('when rules are evaluated', () => {
  it('a template already deployed (the previous side of an update, a delete) is not checked again', () => {
    const failing = oneAssertion({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] });
    expect(verdict(failing)).toBe('fail');
    expect(verdict(failing, { alreadyDeployed: true })).toBe('pass');
    expect(verdict(oneAssertion({ 'Fn::If': ['C', true, false] }), { alreadyDeployed: true })).toBe('pass');
  });

  it('a false assertion stops resolution before the resources: their faults are not reported', () => {
    const { errors } = run(oneAssertion({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }), {}, { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Missing' } } } } });
    expect(errors.map((e) => e.code)).toEqual(['RES_RULE_ASSERTION']);
  });

  it('an empty Rules section, and a template without one, resolve without a word about rules', () => {
    const ruleWarnings = (rules: unknown): unknown[] => (run(rules).resolved as ResolvedTemplate).warnings.filter((w) => w.code.startsWith('RES_RULE'));
    expect(ruleWarnings({})).toEqual([]);
    expect(ruleWarnings(undefined)).toEqual([]);
  });
});

describe('hostile Rules sections end with a located refusal, not a hang', () => {
  it('shared YAML anchors are refused by the reader before a rule sees them', () => {
    const anchors = Array.from({ length: 9 }, (_, i) => `  l${i}: &l${i} [${Array.from({ length: 10 }, () => (i === 0 ? 'x' : `*l${i - 1}`)).join(', ')}]`);
    const text = ['Metadata:', ...anchors, 'Rules:', '  R:', '    Assertions:', '      - Assert: !Contains [*l8, x]', 'Resources:', '  Topic:', '    Type: AWS::SNS::Topic', ''].join('\n');
    expect(() => readTemplate('bomb.yaml', text)).toThrow(TemplateError);
  });

  it('a rule that shares one list a billion times over (as the reader hands shared nodes on) is RES_TOO_LARGE', () => {
    let list: unknown[] = Array.from({ length: 10 }, () => 'x');
    for (let level = 0; level < 8; level += 1) list = Array.from({ length: 10 }, () => list);
    const body = { Rules: { R: { Assertions: [{ Assert: { 'Fn::Contains': [list, 'x'] } }] } }, Resources: { Topic: { Type: 'AWS::SNS::Topic' } } };
    // CPU time, not the wall clock, which a loaded machine stretches: walking the billion shared nodes would take far more.
    const started = process.cpuUsage();
    let diagnostics: readonly Diagnostic[] = [];
    try {
      resolveTemplate({ file: 'shared.json', format: 'json', body: body as never, locate: () => ({ line: 1, column: 1 }) }, stackOptions());
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      diagnostics = error.diagnostics;
    }
    expect(diagnostics.map((d) => d.code)).toEqual(['RES_TOO_LARGE']);
    expect(diagnostics[0]?.path).toMatch(/^\/Rules\/R\/Assertions\/0\/Assert\/Fn::Contains\/0\//);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(20_000);
  });
});
