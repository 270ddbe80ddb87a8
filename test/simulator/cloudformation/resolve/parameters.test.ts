import { join } from 'node:path';
import { InputError, type Diagnostic } from '../../../../src/kernel/diagnostics';
import { FileReadError } from '../../../../src/kernel/source';
import { describeParameters, parametersFromFile, parseParametersFile, resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { TemplateError, type ResolveOptions } from '../../../../simulator/cloudformation/template/types';
import { sourceOf, stackOptions } from './template-source';
import { thrownDiagnostics } from '../../../support/input-error';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'resolve', 'parameters');

function templateWith(parameters: Record<string, unknown>, outputs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Parameters: parameters,
    Resources: { Probe: { Type: 'Custom::Probe', Properties: { Refs: Object.fromEntries(Object.keys(parameters).map((p) => [p, { Ref: p }])) } } },
    Outputs: outputs,
  };
}

function resolve(parameters: Record<string, unknown>, given: Record<string, string>, options: Partial<ResolveOptions> = {}, outputs = {}) {
  return resolveTemplate(sourceOf(templateWith(parameters, outputs)), stackOptions({ parameters: given, ...options }));
}

function refs(parameters: Record<string, unknown>, given: Record<string, string>, options: Partial<ResolveOptions> = {}): unknown {
  const resolved = resolve(parameters, given, options);
  return JSON.parse(JSON.stringify(resolved.resources[0]?.properties.Refs));
}

const failure = (run: () => unknown): readonly Diagnostic[] => thrownDiagnostics(run, TemplateError);

describe('parameter values', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>, unknown]>([
    ['a given String', { P: { Type: 'String' } }, { P: 'x' }, { P: 'x' }],
    ['a String default', { P: { Type: 'String', Default: 'd' } }, {}, { P: 'd' }],
    ['a given value beats the default', { P: { Type: 'String', Default: 'd' } }, { P: 'g' }, { P: 'g' }],
    ['an empty string is a value', { P: { Type: 'String' } }, { P: '' }, { P: '' }],
    ['a YAML number default becomes a string', { P: { Type: 'Number', Default: 42 } }, {}, { P: '42' }],
    ['a Number stays a string for Ref', { P: { Type: 'Number' } }, { P: '1.5e3' }, { P: '1.5e3' }],
    ['List<Number> splits on commas', { P: { Type: 'List<Number>' } }, { P: '1,2,3' }, { P: ['1', '2', '3'] }],
    ['CommaDelimitedList items are space-trimmed', { P: { Type: 'CommaDelimitedList' } }, { P: ' a , b\t,c' }, { P: ['a', 'b', 'c'] }],
    ['an empty CommaDelimitedList item stays', { P: { Type: 'CommaDelimitedList' } }, { P: 'a, ,b' }, { P: ['a', '', 'b'] }],
    ['a CommaDelimitedList default with spaces meets AllowedValues item by item', { P: { Type: 'CommaDelimitedList', AllowedValues: ['EC2', 'ECR'], Default: 'EC2, ECR' } }, {}, { P: ['EC2', 'ECR'] }],
    ['List<AWS::EC2::SecurityGroup::Id> items are trimmed', { P: { Type: 'List<AWS::EC2::SecurityGroup::Id>' } }, { P: 'sg-1, sg-2' }, { P: ['sg-1', 'sg-2'] }],
    ['List<Number> items are trimmed', { P: { Type: 'List<Number>', MaxValue: 30 } }, { P: '10, 20' }, { P: ['10', '20'] }],
    ['AllowedPattern is checked on the trimmed item', { P: { Type: 'CommaDelimitedList', AllowedPattern: '[a-z]+' } }, { P: 'ab, cd' }, { P: ['ab', 'cd'] }],
    ['a YAML list default for a list type', { P: { Type: 'CommaDelimitedList', Default: ['x', 'y'] } }, {}, { P: ['x', 'y'] }],
    ['AWS::EC2::VPC::Id is a string', { P: { Type: 'AWS::EC2::VPC::Id' } }, { P: 'vpc-1' }, { P: 'vpc-1' }],
    ['List<String> is a list like CommaDelimitedList', { P: { Type: 'List<String>' } }, { P: 'a, b' }, { P: ['a', 'b'] }],
    ['List<AWS::EC2::Subnet::Id> is a list', { P: { Type: 'List<AWS::EC2::Subnet::Id>' } }, { P: 'subnet-1,subnet-2' }, { P: ['subnet-1', 'subnet-2'] }],
    ['AllowedValues met', { P: { Type: 'String', AllowedValues: ['a', 'b'] } }, { P: 'b' }, { P: 'b' }],
    ['AllowedValues per list item', { P: { Type: 'CommaDelimitedList', AllowedValues: ['a', 'b'] } }, { P: 'a,b' }, { P: ['a', 'b'] }],
    ['AllowedPattern met', { P: { Type: 'String', AllowedPattern: '[a-z]+' } }, { P: 'abc' }, { P: 'abc' }],
    ['MaxValue bound inclusive', { P: { Type: 'Number', MinValue: 1, MaxValue: 3 } }, { P: '3' }, { P: '3' }],
    ['MinValue bound inclusive', { P: { Type: 'Number', MinValue: 1, MaxValue: 3 } }, { P: '1' }, { P: '1' }],
    ['MinValue/MaxValue bounds inclusive for List<Number> items', { P: { Type: 'List<Number>', MinValue: 1, MaxValue: 3 } }, { P: '1,3' }, { P: ['1', '3'] }],
    ['MinLength/MaxLength bounds inclusive', { P: { Type: 'String', MinLength: 2, MaxLength: 2 } }, { P: 'ab' }, { P: 'ab' }],
  ])('%s', (_name, parameters, given, expected) => {
    expect(refs(parameters, given)).toEqual(expected);
  });

  it.each<[string, string, string, unknown]>([
    ['String', 'AWS::SSM::Parameter::Value<String>', 'ami-123', 'ami-123'],
    ['List<String>', 'AWS::SSM::Parameter::Value<List<String>>', 'a,b', ['a', 'b']],
    ['CommaDelimitedList', 'AWS::SSM::Parameter::Value<CommaDelimitedList>', 'a,b', ['a', 'b']],
    ['AWS-specific', 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', 'ami-9', 'ami-9'],
    ['Number', 'AWS::SSM::Parameter::Value<Number>', '42', '42'],
    ['List<Number>', 'AWS::SSM::Parameter::Value<List<Number>>', '1,2', ['1', '2']],
    ['AWS::SSM::Parameter::Name', 'AWS::SSM::Parameter::Value<AWS::SSM::Parameter::Name>', '/other/name', '/other/name'],
  ])('SSM parameter type Value<%s> reads the named SSM parameter', (_name, type, stored, expected) => {
    expect(refs({ P: { Type: type, Default: '/golden/ami' } }, {}, { ssmParameters: { '/golden/ami': stored } })).toEqual({ P: expected });
  });
});

describe('parameter errors use the service wording and point at the declaration', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>, string, string, RegExp]>([
    ['missing values listed together', { A: { Type: 'String' }, B: { Type: 'String' }, C: { Type: 'String', Default: 'c' } }, {}, 'RES_MISSING_PARAMETER', '/Parameters/A', /^Parameters: \[A, B\] must have values$/],
    ['an unknown given parameter', { A: { Type: 'String', Default: 'a' } }, { X: '1', Y: '2' }, 'RES_UNKNOWN_PARAMETER', '/Parameters', /^Parameters: \[X, Y\] do not exist in the template$/],
    ['AllowedValues', { P: { Type: 'String', AllowedValues: ['a', 'b'] } }, { P: 'c' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedValues', /^Parameter 'P' must be one of AllowedValues \[a, b\] \(got "c"\)$/],
    ['AllowedValues for a list item', { P: { Type: 'CommaDelimitedList', AllowedValues: ['a'] } }, { P: 'a,z' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedValues', /got "z"/],
    // cfn-lint's bad fixtures (PR #2521): a whole value matches only exactly, and one item of a whole value is not one.
    ['a list item of a whole allowed value is not allowed', { P: { Type: 'CommaDelimitedList', AllowedValues: ['one', 'two', 'three,four'] } }, { P: 'three' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedValues', /^Parameter 'P' must be one of AllowedValues \[one, two, "three,four"\] \(got "three"\)$/],
    ['a whole list value matches only as written', { P: { Type: 'CommaDelimitedList', AllowedValues: ['three, four', 'four'] } }, { P: 'three,four' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedValues', /got "three"/],
    ['AllowedPattern matches the whole string', { P: { Type: 'String', AllowedPattern: '[a-z]+' } }, { P: 'abc1' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedPattern', /^Parameter 'P' must match pattern \[a-z\]\+ \(got "abc1"\)$/],
    ['ConstraintDescription replaces the reason', { P: { Type: 'String', AllowedPattern: '\\d+', ConstraintDescription: 'digits only' } }, { P: 'x' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedPattern', /^Parameter 'P' failed to satisfy constraint: digits only \(got "x"\)$/],
    ['MinLength', { P: { Type: 'String', MinLength: 3 } }, { P: 'ab' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/MinLength', /must contain at least 3 characters/],
    ['MaxLength', { P: { Type: 'String', MaxLength: 1 } }, { P: 'ab' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/MaxLength', /must contain at most 1 characters/],
    ['MinValue', { P: { Type: 'Number', MinValue: 5 } }, { P: '4' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/MinValue', /must be a number not less than 5/],
    ['MaxValue for a List<Number> item', { P: { Type: 'List<Number>', MaxValue: 5 } }, { P: '1,6' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/MaxValue', /must be a number not greater than 5 \(got "6"\)/],
    ['a Number that is not a number', { P: { Type: 'Number' } }, { P: '12abc' }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P', /^Parameter 'P' must be a number \(got "12abc"\)$/],
    ['a default that breaks a constraint points at the default', { P: { Type: 'Number', Default: 'x' } }, {}, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/Default', /must be a number/],
    ['an unknown type', { P: { Type: 'Strin' } }, { P: 'x' }, 'RES_PARAMETER_TYPE', '/Parameters/P/Type', /^Template format error: Unrecognized parameter type: Strin$/],
    ['List<Boolean> is no type', { P: { Type: 'List<Boolean>' } }, { P: 'x' }, 'RES_PARAMETER_TYPE', '/Parameters/P/Type', /^Template format error: Unrecognized parameter type: List<Boolean>$/],
    ['a list of SSM types is no type', { P: { Type: 'List<AWS::SSM::Parameter::Value<String>>' } }, { P: 'x' }, 'RES_PARAMETER_TYPE', '/Parameters/P/Type', /Unrecognized parameter type/],
    ['SSM Value<CommaDelimitedList> nested in List is no type', { P: { Type: 'AWS::SSM::Parameter::Value<List<CommaDelimitedList>>' } }, { P: 'x' }, 'RES_PARAMETER_TYPE', '/Parameters/P/Type', /Unrecognized parameter type/],
    ['a declaration without Type', { P: { Default: 'x' } }, {}, 'RES_TEMPLATE_FORMAT', '/Parameters/P', /Every Parameters object must contain a Type member/],
    ['an SSM parameter that was not given', { P: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/x/y' } }, {}, 'RES_PARAMETER_SSM', '/Parameters/P/Default', /^Unable to fetch parameters \[\/x\/y\] from parameter store for this account/],
  ])('%s', (_name, parameters, given, code, path, message) => {
    const diagnostics = failure(() => resolve(parameters, given, { strictParameters: true }));
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([[code, path]]);
    const [d] = diagnostics as [Diagnostic];
    expect(d.line).toBeGreaterThan(0);
    expect(d.message).toMatch(message);
  });
});

describe('a list parameter whose whole value is one of its AllowedValues (cfn-lint E2015, PR #2521)', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>, unknown]>([
    ['the default, written as one allowed value', { P: { Type: 'CommaDelimitedList', Default: 'HEAD,GET', AllowedValues: ['HEAD,GET', 'GET,HEAD,OPTIONS'] } }, {}, ['HEAD', 'GET']],
    ['a given value, written as one allowed value', { P: { Type: 'CommaDelimitedList', AllowedValues: ['HEAD,GET', 'GET,HEAD,OPTIONS'] } }, { P: 'GET,HEAD,OPTIONS' }, ['GET', 'HEAD', 'OPTIONS']],
    ['items each allowed, beside a whole value (cfn-lint\'s good fixture)', { P: { Type: 'CommaDelimitedList', Default: 'three,four', AllowedValues: ['one', 'two', 'three,four'] } }, {}, ['three', 'four']],
    ['items each allowed', { P: { Type: 'List<String>', AllowedValues: ['a', 'b'] } }, { P: 'b,a' }, ['b', 'a']],
  ])('%s', (_name, parameters, given, expected) => {
    expect(refs(parameters, given)).toEqual({ P: expected });
  });
});

describe("a deployed stack's parameters: its values are not judged again (DeployedParameters)", () => {
  const ACCESS = { Type: 'String', AllowedValues: ['Private', 'PublicRead'], Default: 'Private' };
  const TIER = { Type: 'String', AllowedValues: ['gold', 'silver'] };
  const previous = (borrowed: string[] = []): Partial<ResolveOptions> => ({ alreadyDeployed: true, deployedParameters: { side: 'previous', borrowed: new Set(borrowed) } });
  it.each<[string, Record<string, unknown>, Record<string, string>, Partial<ResolveOptions>, unknown, Array<[string, RegExp]>]>([
    ['a borrowed value the old AllowedValues lack: the old Default', { P: ACCESS }, { P: 'CloudTrailWrite' }, previous(['P']), { P: 'Private' }, [['/Parameters/P/AllowedValues', /got "CloudTrailWrite"\): the value is the new one .*; using its Default "Private" \(give it with --previous-parameter P=<value>/]]],
    ['a borrowed value, no old Default: a placeholder the declaration accepts', { P: TIER }, { P: 'bronze' }, previous(['P']), { P: 'gold' }, [['/Parameters/P/AllowedValues', /using the placeholder "gold"/]]],
    ['a borrowed value whose old Default breaks the declaration too: a placeholder', { P: { Type: 'String', MinLength: 3, Default: 'ab' } }, { P: 'x' }, previous(['P']), { P: 'placeholder-p' }, [['/Parameters/P/MinLength', /using the placeholder "placeholder-p"/]]],
    ['no value and no Default: a placeholder', { P: TIER }, {}, previous(), { P: 'gold' }, [['/Parameters/P', /^the deployed stack's parameter 'P' has no value here and no Default: .*using the placeholder "gold" \(give it with --previous-parameter P=<value>, or refuse with --strict-parameters\)$/]]],
    ['[choice] a value given for it that breaks the declaration: used as given', { P: ACCESS }, { P: 'CloudTrailWrite' }, previous(), { P: 'CloudTrailWrite' }, [['/Parameters/P/AllowedValues', /: used as given for the deployed stack, whose values the service never checks again/]]],
    ['a borrowed value that fits: no word', { P: ACCESS }, { P: 'PublicRead' }, previous(['P']), { P: 'PublicRead' }, []],
  ])('%s', (_name, parameters, given, options, expected, warned) => {
    const resolved = resolve(parameters, given, options);
    expect(JSON.parse(JSON.stringify(resolved.resources[0]?.properties.Refs))).toEqual(expected);
    const deployed = resolved.warnings.filter((w) => w.code === 'RES_DEPLOYED_PARAMETER');
    expect(deployed.map((w) => w.path)).toEqual(warned.map(([path]) => path));
    deployed.forEach((w, i) => expect(w.message).toMatch((warned[i] as [string, RegExp])[1]));
  });

  it.each<[string, Record<string, unknown>, Record<string, string>, Partial<ResolveOptions>, string, string, RegExp]>([
    ['a stack being created keeps CreateStack\'s refusal', { P: ACCESS }, { P: 'CloudTrailWrite' }, {}, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedValues', /^Parameter 'P' must be one of AllowedValues \[Private, PublicRead\] \(got "CloudTrailWrite"\)$/],
    ['and its "must have values"', { P: TIER }, {}, {}, 'RES_MISSING_PARAMETER', '/Parameters/P', /^Parameters: \[P\] must have values$/],
    ['--strict-parameters: a borrowed value the declaration lacks, naming --previous-parameter', { P: ACCESS }, { P: 'CloudTrailWrite' }, { ...previous(['P']), strictParameters: true }, 'RES_PARAMETER_CONSTRAINT', '/Parameters/P/AllowedValues', /\(got "CloudTrailWrite"\): the value is the new one .*; give it with --previous-parameter P=<value>$/],
    ['--strict-parameters: no value', { P: TIER }, {}, { ...previous(), strictParameters: true }, 'RES_MISSING_PARAMETER', '/Parameters/P', /^the deployed stack's parameters \[P\] have no value here: .*--strict-parameters refuses a placeholder for them; give them with --previous-parameter P=<value>$/],
    ['no placeholder fits', { P: { Type: 'String', AllowedPattern: '^[0-9a-f]{2000}$' } }, {}, previous(), 'RES_MISSING_PARAMETER', '/Parameters/P', /^the deployed stack's parameters \[P\] have no value here: .*, and no placeholder fits P, as no value of its AllowedPattern .*; give them with --previous-parameter P=<value>$/],
    ["a delete's: stop 33's words", { P: TIER }, {}, { alreadyDeployed: true, deployedParameters: { side: 'deleted' } }, 'RES_MISSING_PARAMETER', '/Parameters/P', /^the deployed stack's parameters \[P\] have no value here: a delete takes none, .*; give them with --parameter P=<value>, or stand in for them with --placeholder-parameters$/],
  ])('refused: %s', (_name, parameters, given, options, code, path, message) => {
    const [d] = failure(() => resolve(parameters, given, options)) as [Diagnostic];
    expect(d).toEqual(expect.objectContaining({ code, path }));
    expect(d.message).toMatch(message);
  });
});

describe('NoEcho', () => {
  const parameters = { Secret: { Type: 'String', NoEcho: true, MinLength: 8 }, Plain: { Type: 'String', Default: 'p' } };

  it('keeps the value for evaluation but masks it in parameters and outputs', () => {
    const resolved = resolve(parameters, { Secret: 'hunter22' }, {}, {
      Direct: { Value: { Ref: 'Secret' } },
      Embedded: { Value: { 'Fn::Sub': 'user:${Secret}@host' } },
    });
    expect(resolved.resources[0]?.properties.Refs).toEqual(expect.objectContaining({ Secret: 'hunter22' }));
    expect({ ...resolved.parameters }).toEqual({ Secret: '****', Plain: 'p' });
    expect({ ...resolved.outputs }).toEqual({ Direct: '****', Embedded: 'user:****@host' });
  });

  it('never shows the value in a diagnostic', () => {
    const [d] = failure(() => resolve(parameters, { Secret: 'short' })) as [Diagnostic];
    expect(d.message).toBe("Parameter 'Secret' must contain at least 8 characters (got ****)");
  });

  it("a placeholder --placeholder-parameters gives it is no secret: its text ('placeholder') is not masked in messages", () => {
    // A name too long for `placeholder-<name>` within 16 characters gets the placeholder `placeholder` itself.
    const resolved = resolve({ ServiceAccountPassword: { Type: 'String', NoEcho: true, MaxLength: 16 }, Name: { Type: 'String' } }, {}, { placeholderParameters: true });
    expect({ ...resolved.parameters }).toEqual({ ServiceAccountPassword: '****', Name: 'placeholder-name' });
    expect(resolved.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("parameter 'ServiceAccountPassword' (String) has no value and no Default; using the placeholder \"placeholder\" (--placeholder-parameters;"),
      expect.stringContaining('using the placeholder "placeholder-name"'),
    ]);
  });

  // A parameter that selects a mapping entry is deployed with one of the mapping's keys: a made-up value would be
  // refused as a missing key (RES_MAPPING_KEY), which the real deployment never meets.
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown]>([
    ['the first key: a top-level key', { P: { Type: 'String' } }, { 'Fn::FindInMap': ['M', { Ref: 'P' }, 'script'] }, 'default'],
    ['the first key through a whole-value Fn::Sub', { P: { Type: 'String' } }, { 'Fn::FindInMap': ['M', { 'Fn::Sub': '${P}' }, 'script'] }, 'default'],
    ['the second key: under the literal first key', { P: { Type: 'String' } }, { 'Fn::FindInMap': ['M', 'london', { Ref: 'P' }] }, 'memory'],
    ['the second key: under any first key when that is not literal', { P: { Type: 'String' }, Q: { Type: 'String', Default: 'default' } }, { 'Fn::FindInMap': ['M', { Ref: 'Q' }, { Ref: 'P' }] }, 'script'],
    ['an AllowedValue that is a key, before the others', { P: { Type: 'String', AllowedValues: ['paris', 'london'] } }, { 'Fn::FindInMap': ['M', { Ref: 'P' }, 'script'] }, 'london'],
    ['a key the constraints refuse is passed over', { P: { Type: 'String', AllowedPattern: '^l.*' } }, { 'Fn::FindInMap': ['M', { Ref: 'P' }, 'script'] }, 'london'],
    ['a parameter no Fn::FindInMap selects with: the usual placeholder', { P: { Type: 'String' } }, { Ref: 'P' }, 'placeholder-p'],
  ])('--placeholder-parameters gives a mapping key to a parameter Fn::FindInMap selects with: %s', (_, parameters, lookup, value) => {
    const template = {
      Parameters: parameters,
      Mappings: { M: { default: { script: 'a.py' }, london: { memory: '2048', script: 'b.py' } } },
      Resources: { Probe: { Type: 'Custom::Probe', Properties: { Looked: lookup } } },
    };
    const resolved = resolveTemplate(sourceOf(template), stackOptions({ placeholderParameters: true }));
    expect(resolved.parameters.P).toEqual(value);
    expect(resolved.warnings.map((w) => w.code)).toContain('RES_PARAMETER_PLACEHOLDER');
  });

  // A key built from the parameter and literal text (`!Sub 'app-${P}'`, `!Join`) selects the keys with that text around
  // the value: the parameter gets the rest of such a key, one every lookup it is a key of finds when there is one.
  const KEYED = { M: { 'app-prod': { Key: 'a' }, 'app-dev': { Key: 'b' }, 'web-test': { Key: 'c' }, 'test-eu': { Key: 'd' } }, N: { dev: { Key: 'e' }, test: { Key: 'f' } } };
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown]>([
    ['Fn::Sub with a prefix', {}, { 'Fn::Sub': 'app-${P}' }, 'prod'],
    ['Fn::Sub with a suffix', {}, { 'Fn::Sub': '${P}-eu' }, 'test'],
    ['Fn::Sub with a literal ${!…} beside it', { M: { '${x}-prod': { Key: 'a' } } }, { 'Fn::Sub': '${!x}-${P}' }, 'prod'],
    ['Fn::Sub in its list form, the variable map not naming it', {}, { 'Fn::Sub': ['web-${P}', { Other: 'x' }] }, 'test'],
    ['Fn::Join of text and a Ref', {}, { 'Fn::Join': ['-', ['app', { Ref: 'P' }]] }, 'prod'],
    ['Fn::Join of a Ref alone', {}, { 'Fn::Join': ['', [{ Ref: 'P' }]] }, 'app-prod'],
    ['Fn::Join around an Fn::Sub', {}, { 'Fn::Join': ['-', [{ 'Fn::Sub': '${P}' }, 'eu']] }, 'test'],
  ])('--placeholder-parameters derives a mapping key built around the parameter: %s', (_, mappings, key, value) => {
    const template = {
      Parameters: { P: { Type: 'String' } },
      Mappings: { ...KEYED, ...mappings },
      Resources: { Probe: { Type: 'Custom::Probe', Properties: { Looked: { 'Fn::FindInMap': ['M', key, 'Key'] } } } },
    };
    const resolved = resolveTemplate(sourceOf(template), stackOptions({ placeholderParameters: true }));
    expect(resolved.parameters.P).toEqual(value);
  });

  it.each<[string, Record<string, unknown>, readonly unknown[], unknown]>([
    ['AllowedValues pass over a key', { AllowedValues: ['x', 'dev'] }, [{ 'Fn::Sub': 'app-${P}' }], 'dev'],
    ['an AllowedPattern passes over a key', { AllowedPattern: '^d.*' }, [{ 'Fn::Sub': 'app-${P}' }], 'dev'],
    ['a value every lookup finds beats the first key of one', {}, [{ 'Fn::Sub': '${P}-eu' }, { Ref: 'P' }], 'test'],
  ])('--placeholder-parameters picks among derived keys: %s', (_, declaration, keys, value) => {
    const template = {
      Parameters: { P: { Type: 'String', ...declaration } },
      Mappings: KEYED,
      Resources: { Probe: { Type: 'Custom::Probe', Properties: { Looked: keys.map((key, i) => ({ 'Fn::FindInMap': [i === 0 ? 'M' : 'N', key, 'Key'] })) } } },
    };
    const resolved = resolveTemplate(sourceOf(template), stackOptions({ placeholderParameters: true }));
    expect(resolved.parameters.P).toEqual(value);
  });

  // awslabs/amazon-s3-find-and-forget's ddb.yaml: Conditions compare RetainTables with 'true' and 'false'; a made-up
  // value made both false and left both tables unjudged (a helper's feature sweep).
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown, boolean]>([
    ['the first literal its Conditions compare it with', { Type: 'String' }, { A: { 'Fn::Equals': [{ Ref: 'P' }, 'true'] }, B: { 'Fn::Equals': ['false', { Ref: 'P' }] } }, 'true', true],
    ['inside Fn::Not and Fn::Or, either way round', { Type: 'String' }, { A: { 'Fn::Not': [{ 'Fn::Or': [{ 'Fn::Equals': ['eu', { Ref: 'P' }] }, { Condition: 'B' }] }] }, B: { 'Fn::Equals': [{ Ref: 'P' }, 'us'] } }, 'eu', true],
    ['a literal its AllowedValues allow, before the others', { Type: 'String', AllowedValues: ['no', 'yes'] }, { A: { 'Fn::Equals': [{ Ref: 'P' }, 'maybe'] }, B: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } }, 'yes', true],
    ['a literal its pattern refuses is passed over', { Type: 'String', AllowedPattern: '^[a-z]+$' }, { A: { 'Fn::Equals': [{ Ref: 'P' }, 'X1'] }, B: { 'Fn::Equals': [{ Ref: 'P' }, 'ok'] } }, 'ok', true],
    ['a number compared as its text', { Type: 'Number' }, { A: { 'Fn::Equals': [{ Ref: 'P' }, 3] } }, '3', true],
    ['compared only with another parameter: the usual placeholder', { Type: 'String' }, { A: { 'Fn::Equals': [{ Ref: 'P' }, { Ref: 'AWS::Region' }] } }, 'placeholder-p', false],
  ])('--placeholder-parameters gives a parameter its Conditions compare with a literal that literal: %s', (_, declaration, conditions, value, said) => {
    const template = { Parameters: { P: declaration }, Conditions: conditions, Resources: { Probe: { Type: 'Custom::Probe', Properties: { Value: { Ref: 'P' } } } } };
    const resolved = resolveTemplate(sourceOf(template), stackOptions({ placeholderParameters: true }));
    expect(resolved.parameters.P).toEqual(value);
    const warning = resolved.warnings.find((w) => w.code === 'RES_PARAMETER_PLACEHOLDER')?.message ?? '';
    expect(warning.includes('a value its Conditions compare it with in Fn::Equals')).toBe(said);
  });

  // When no value selects an entry, the lookup refuses the run: the placeholder's warning goes with the refusal and
  // says why no key fits, and the refusal says the key is the placeholder.
  it.each<[string, Record<string, unknown>, readonly unknown[], string, RegExp]>([
    ['no key has the literal text', {}, [{ 'Fn::Sub': 'zzz-${P}' }], 'placeholder-p', /but no key of mapping M has the form zzz-\$\{P\}; give it/],
    ['a Join no key fits', {}, [{ 'Fn::Join': ['.', ['zzz', { Ref: 'P' }]] }], 'placeholder-p', /but no key of mapping M has the form zzz\.\$\{P\}; give it/],
    ['no value every lookup finds', {}, [{ 'Fn::Sub': 'web-${P}' }, { 'Fn::Sub': 'd${P}' }], 'ev', /but no value selects an entry in every mapping it is a key of \(mapping N: ev; mapping M: test\)/],
    ['the constraints allow no value that is a key', { AllowedPattern: '^q.*' }, [{ 'Fn::Sub': 'app-${P}' }], 'q', /but its constraints allow none of the values that select an entry \(prod, dev\)/],
  ])('--placeholder-parameters finds no mapping key: the refusal says the key is a placeholder, and why (%s)', (_, declaration, keys, placeholder, why) => {
    const template = {
      Parameters: { P: { Type: 'String', ...declaration } },
      Mappings: KEYED,
      Resources: { Probe: { Type: 'Custom::Probe', Properties: { Looked: keys.map((key, i) => ({ 'Fn::FindInMap': [i === 0 ? 'M' : 'N', key, 'Key'] })) } } },
    };
    const diagnostics = failure(() => resolveTemplate(sourceOf(template), stackOptions({ placeholderParameters: true })));
    const warning = diagnostics.find((d) => d.code === 'RES_PARAMETER_PLACEHOLDER');
    expect(warning).toEqual(expect.objectContaining({ severity: 'warning', path: '/Parameters/P' }));
    expect(warning?.message).toContain(`using the placeholder ${JSON.stringify(placeholder)}`);
    expect(warning?.message).toMatch(why);
    expect(diagnostics.map((d) => d.code)).toContain('RES_MAPPING_KEY');
  });

  it('a refusal at a key that is exactly the placeholder says so in its own message', () => {
    const template = {
      Parameters: { P: { Type: 'String' } },
      Mappings: { ByEnv: { prod: { Key: 'a' } }, Other: { staging: { Size: '1' } } },
      Resources: { Probe: { Type: 'Custom::Probe', Properties: { A: { 'Fn::FindInMap': ['ByEnv', { Ref: 'P' }, 'Key'] }, B: { 'Fn::FindInMap': ['Other', { Ref: 'P' }, 'Size'] } } } },
    };
    const diagnostics = failure(() => resolveTemplate(sourceOf(template), stackOptions({ placeholderParameters: true })));
    const refusal = diagnostics.find((d) => d.code === 'RES_MAPPING_KEY');
    expect(refusal?.message).toMatch(/has no key (prod|staging); (prod|staging) is a placeholder of --placeholder-parameters/);
  });

  it('masks the value where an error message would quote it', () => {
    const diagnostics = failure(() =>
      resolveTemplate(
        sourceOf({
          Parameters: { Secret: { Type: 'String', NoEcho: 'true' } },
          Resources: { Probe: { Type: 'Custom::Probe', Properties: { V: { 'Fn::Select': [{ Ref: 'Secret' }, ['a']] } } } },
        }),
        stackOptions({ parameters: { Secret: 'topsecretvalue' } }),
      ),
    );
    expect(diagnostics[0]?.message).toBe('Fn::Select: the index must be an integer, got "****"');
  });
});

describe('describeParameters', () => {
  it('lists every declared parameter in template order with the CLI details', () => {
    const source = sourceOf({
      Parameters: {
        Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'], Description: 'Stage' },
        Size: { Type: 'Number', Default: 3 },
        Password: { Type: 'String', NoEcho: true },
      },
      Resources: {},
    });
    expect(describeParameters(source)).toEqual([
      { name: 'Env', type: 'String', default: 'dev', noEcho: false, description: 'Stage', allowedValues: ['dev', 'prod'] },
      { name: 'Size', type: 'Number', default: '3', noEcho: false },
      { name: 'Password', type: 'String', noEcho: true },
    ]);
  });

  it('is empty for a template without parameters', () => {
    expect(describeParameters(sourceOf({ Resources: {} }))).toEqual([]);
  });
});

describe('parseParametersFile', () => {
  const NONE = new Set<string>();
  it.each<[string, Record<string, string>, boolean]>([
    ['cli-shape.json', { Env: 'dev', Count: '4' }, false],
    ['object-shape.json', { Env: 'dev', Count: '4', Names: 'a,b' }, false],
    // aws cloudformation deploy --parameter-overrides file://…: the value keeps every `=` after the first.
    ['deploy-shape.json', { Env: 'dev', Count: '4', Url: 'https://example.com/?a=b' }, true],
    // CodePipeline's template configuration file: Tags and StackPolicy are read past.
    ['template-configuration.json', { Env: 'dev', Count: '4', Names: 'a,b' }, true],
    // Any other key too, as the AWS CLI reads past it.
    ['template-configuration-other-keys.json', { Env: 'dev' }, true],
  ])('reads %s', (file, expected, dropsUndeclared) => {
    const read = parseParametersFile(join(FIXTURES, file));
    expect({ ...read.values }).toEqual(expected);
    expect({ dropsUndeclared: read.dropsUndeclared, warnings: read.warnings }).toEqual({ dropsUndeclared, warnings: [] });
  });

  it.each<[string, Record<string, string>, Array<[string, string, number, number]>]>([
    // Only an update or a change set has a previous value to take: the run decides (simulator/cli/previous-values.ts).
    ['use-previous.json', { Env: 'dev' }, [['Count', '/1/UsePreviousValue', 3, 49]]],
    // An empty ParameterValue beside it is let through, as the service's "non empty value" says; the last entry wins.
    ['use-previous-then-value.json', { Count: '4' }, [['Env', '/1/UsePreviousValue', 3, 47]]],
  ])('%s: an entry with UsePreviousValue gives no value, and is noted where it says so', (file, values, usePrevious) => {
    const read = parseParametersFile(join(FIXTURES, file));
    expect({ ...read.values }).toEqual(values);
    expect(read.usePrevious.map(({ name, at }) => [name, at.path, at.line, at.column])).toEqual(usePrevious);
  });

  it.each<[string, string, number, number]>([
    ['duplicate.json', '/1', 3, 3],
    ['mixed-duplicate.json', '/1', 3, 3],
  ])('%s: a name given twice keeps its last value, with a located warning (as deploy and CfCT take it)', (file, path, line, column) => {
    const read = parseParametersFile(join(FIXTURES, file));
    expect(read.values.Env).toBe('prod');
    expect(read.warnings).toEqual([
      expect.objectContaining({ code: 'RES_PARAMETERS_FILE', severity: 'warning', file: join(FIXTURES, file), path, line, column, message: expect.stringMatching(/^parameter Env is given more than once: its last value is used/) }),
    ]);
  });

  it.each<[string, string, string[], Record<string, string>, string[]]>([
    ['the create-stack list keeps every name: the service refuses an undeclared one', 'cli-shape.json', ['Env'], { Env: 'dev', Count: '4' }, []],
    ['the deploy list drops a name the template lacks, as deploy does', 'deploy-shape.json', ['Env', 'Url'], { Env: 'dev', Url: 'https://example.com/?a=b' }, ['/1']],
    ['so does a template configuration file, which deploy reads too', 'template-configuration.json', ['Env'], { Env: 'dev' }, ['/Parameters/Count', '/Parameters/Names']],
  ])('%s', (_case, file, declared, values, dropped) => {
    const { values: taken, warnings } = parametersFromFile(parseParametersFile(join(FIXTURES, file)), new Set(declared));
    expect(taken).toEqual(values);
    expect(warnings.map((w) => w.path)).toEqual(dropped);
    for (const w of warnings) expect(w).toMatchObject({ severity: 'warning', message: expect.stringMatching(/is not declared by the template: aws cloudformation deploy, which reads this file's shape, drops it/) });
    expect(parametersFromFile(parseParametersFile(join(FIXTURES, file)), NONE).values).toEqual(dropped.length > 0 ? {} : values);
  });

  it.each<[string, string, number, number, RegExp]>([
    ['not-json.json', '', 3, 28, /parameters file is not valid JSON/],
    // The service's words (widdix/cfn-create-or-update#15).
    ['use-previous-with-value.json', '/1/ParameterValue', 3, 73, /^Invalid input for parameter key Count\. Cannot specify usePreviousValue as true and non empty value for a parameter$/],
    ['object-value.json', '/1/ParameterValue', 3, 47, /parameter Count needs a ParameterValue string/],
    ['wrong-shape.json', '', 1, 1, /must hold a list or an object: expected \[\{"ParameterKey".*\["Name=value", …\], \{"Parameters": /],
    ['duplicate-key.json', '', 3, 3, /duplicate key "Env"/],
    ['deploy-no-equals.json', '/1', 3, 3, /entry 1 must be "Name=value" \(as aws cloudformation deploy --parameter-overrides reads it\), got "Count"/],
    ['template-configuration-object.json', '/Parameters/Count', 4, 14, /parameter Count must be a string \(or a list of strings for list types\), got an object/],
  ])('%s is refused with a located error', (file, path, line, column, message) => {
    const [d] = failure(() => parseParametersFile(join(FIXTURES, file))) as [Diagnostic];
    expect(d).toEqual(expect.objectContaining({ code: 'RES_PARAMETERS_FILE', file: join(FIXTURES, file), path, line, column }));
    expect(d.message).toMatch(message);
  });

  it.each([
    ['a missing file', join(FIXTURES, 'nope.json'), 'FILE_UNREADABLE', 'cannot read the parameters file: no such file'],
    ['a directory', FIXTURES, 'FILE_UNREADABLE', 'cannot read the parameters file: it is a directory, not a file'],
    ['an endless device, refused before it is opened', '/dev/zero', 'FILE_UNREADABLE', 'cannot read the parameters file: it is a device, not a file'],
  ])('%s is an input error (FileReadError), not an exception or a hang', (_, path, code, message) => {
    let caught: unknown;
    try {
      parseParametersFile(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FileReadError);
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as FileReadError).diagnostics).toEqual([expect.objectContaining({ code, message, file: path })]);
  });
});
