/**
 * The sweeps' classifiers (scripts/sweep-classes.cjs), table by table, on fixtures under test/fixtures/sweep: real
 * simulate output for small templates written for these tests (see its README). No sweep runs here, and nothing is
 * read from public material.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

type Class = 'service' | 'unsupported' | 'ours';
interface Diagnostic {
  code: string;
  message: string;
}
interface TemplateFacts {
  swept?: ReadonlySet<string>;
  body: () => object | undefined;
  pyyamlRefuses: () => boolean;
}
interface UpdateRun {
  code: number;
  json?: Record<string, unknown>;
  stderr: string;
  timedOut?: boolean;
  requests: Array<Record<string, unknown>>;
}
interface Problem {
  kind: string;
  detail: string;
}
interface SweepClasses {
  REPLACEMENT_REASON: string;
  looksLikeTemplate(text: string): boolean;
  looksLikeHookSchema(text: string): boolean;
  bodyOf(text: string): Record<string, unknown> | undefined;
  diagnosticsOf(stderr: string): Diagnostic[];
  diagnosticClass(diagnostic: Diagnostic, facts: TemplateFacts): Class;
  refusalClass(classes: readonly string[]): Class;
  classOf(result: { code: number; stderr: string }, facts: TemplateFacts): Class | 'accepted' | 'crashed';
  crashedRun(result: { code: number; stderr: string; timedOut?: boolean; json?: unknown }): boolean;
  judgementOf(result: { code: number; stdout: string; template: { path: string } }, body: object | undefined): { targeted: number; judged: number; missed: Array<{ logicalId: string; type: string }> };
  outcomeOf(result: Omit<UpdateRun, 'requests'>, classify: (error: Diagnostic & { file?: string }) => Class): { kind: string; code?: string; message?: string; file?: string };
  updateProblems(run: { previousBody: unknown; nextBody: unknown; update: UpdateRun; changeSet?: UpdateRun; same?: UpdateRun }): Problem[];
  noChangeProblems(previousBody: unknown, nextBody: unknown): Problem[];
}

const ROOT = join(__dirname, '..', '..');
const classes = createRequire(__filename)(join(ROOT, 'scripts', 'sweep-classes.cjs')) as SweepClasses;
const FIXTURES = join(ROOT, 'test', 'fixtures', 'sweep');
const text = (...path: string[]): string => readFileSync(join(FIXTURES, ...path), 'utf8');
const json = <T>(...path: string[]): T => JSON.parse(text(...path)) as T;

/** Facts that must not be asked for: the diagnostic's code alone decides. */
const UNASKED: TemplateFacts = {
  body: () => {
    throw new Error('body read for a code that does not need it');
  },
  pyyamlRefuses: () => {
    throw new Error('PyYAML run for a code that does not need it');
  },
};
const facts = (over: Partial<TemplateFacts>): TemplateFacts => ({ ...UNASKED, ...over });

describe('which files are swept', () => {
  it.each<[string, string, boolean]>([
    ['a format version', 'AWSTemplateFormatVersion: "2010-09-09"\n', true],
    ['Resources with an AWS type', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', true],
    ['JSON Resources with a custom type only', '{\n  "Resources": {"X": {"Type": "Custom::Thing"}}\n}\n', true],
    ['YAML Resources with an Alexa type', 'Resources:\n  Skill:\n    Type: Alexa::ASK::Skill\n', true],
    ['a Kubernetes manifest', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n', false],
    ['Resources without a CloudFormation type', 'Resources:\n  - name: x\n', false],
    ['a package.json', '{"name": "x", "version": "1.0.0"}', false],
    ['a CodeDeploy AppSpec', 'version: 0.0\nResources:\n  - Fn:\n      Type: AWS::Lambda::Function\n', false],
  ])('looksLikeTemplate: %s → %s', (_case, body, expected) => {
    expect(classes.looksLikeTemplate(body)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['a hook schema', text('..', '..', '..', 'mycompany-testing-mytesthook.json'), true],
    ['a hook schema with targetNames only', '{"typeName": "A::B::C", "handlers": {"preCreate": {"targetNames": ["AWS::S3::Bucket"]}}}', true],
    ['a resource schema', '{"typeName": "A::B::C", "typeConfiguration": {}, "primaryIdentifier": ["/properties/Id"]}', false],
    ["cloudformation-cli's meta-schema", '{"$id": "https://schema.cloudformation.us-east-1.amazonaws.com/provider.definition.schema.hooks.v1.json", "typeName": "x", "typeConfiguration": {}}', false],
    ['a package.json', '{"name": "x"}', false],
  ])('looksLikeHookSchema: %s → %s', (_case, body, expected) => {
    expect(classes.looksLikeHookSchema(body)).toBe(expected);
  });

  it('bodyOf reads YAML short forms as opaque values, JSON as it is, and nothing that does not read', () => {
    expect(classes.bodyOf('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Name\n')).toEqual({
      Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { tagged: 'Name' } } } },
    });
    expect(classes.bodyOf('{"Resources": {}}')).toEqual({ Resources: {} });
    // Trailing commas, which the simulator (and the service) read: dropped, not inside strings.
    expect(classes.bodyOf('{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {"A": "x,}",},},}}')).toEqual({ Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: { A: 'x,}' } } } });
    expect(classes.bodyOf('Resources: [unclosed\n')).toBeUndefined();
    expect(classes.bodyOf('just text')).toBeUndefined();
  });

  // Found by a sweep: each template's parameters went unread, and its RES_MISSING_PARAMETER was filed as the service's.
  it.each<[string, string, Record<string, unknown>]>([
    ['a JSON template with a key-value pair inside an array, which the service reads as YAML', '{"Parameters": {"A": {"Type": "String"}}, "Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": [ "Fn::If" : ["C", 1, 2] ]}}}}', { A: { Type: 'String' } }],
    ["a plain '-' in a flow sequence, which PyYAML reads and js-yaml refuses", 'Parameters:\n  Version:\n    Type: String\n    AllowedValues: [R81.20, R82]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Join [-, [!Ref Version, GW]]\n', { Version: { Type: 'String', AllowedValues: ['R81.20', 'R82'] } }],
  ])('bodyOf reads %s', (_case, text, parameters) => {
    expect(classes.bodyOf(text)?.Parameters).toEqual(parameters);
  });
});

describe('the template sweep: which refusal is the service’s, which is ours', () => {
  it('diagnosticsOf reads the `file:line:col CODE message` lines and nothing else', () => {
    const stderr = [
      'simulate: 2 problems',
      'a.yaml:3:5 TPL_INVALID_UTF8 the file is not valid UTF-8 (byte 0xff at byte offset 4)',
      'a.yaml:7:1 RES_SELECT_INDEX Template error: Fn::Select cannot select nonexistent value at index 1',
      '    at Object.<anonymous> (/x/y.js:1:2)',
      'a.yaml:1:1 lower_case not a code',
    ].join('\n');
    expect(classes.diagnosticsOf(stderr)).toEqual([
      { code: 'TPL_INVALID_UTF8', message: 'the file is not valid UTF-8 (byte 0xff at byte offset 4)' },
      { code: 'RES_SELECT_INDEX', message: 'Template error: Fn::Select cannot select nonexistent value at index 1' },
    ]);
  });

  // [fixture, what the sweep knows of the template, class]
  it.each<[string, Partial<TemplateFacts>, Class]>([
    ['json-syntax', {}, 'service'],
    ['invalid-utf8', {}, 'service'],
    ['rain-tag', {}, 'service'],
    ['macro', {}, 'unsupported'],
    ['select-index', {}, 'ours'],
    // A name the template declares nowhere is the service's refusal too.
    ['undeclared-ref', { body: () => classes.bodyOf(text('create', 'undeclared-ref.yaml')) }, 'service'],
    // The template's own Default breaks its constraint (the sweep gave Stage no value): ours to look at.
    ['default-breaks-constraint', { swept: new Set() }, 'ours'],
    // The sweep's value did not fit: a limit of the sweep, the service's refusal.
    ['default-breaks-constraint', { swept: new Set(['Stage']) }, 'service'],
  ])('create/%s.stderr with %p → %s', (fixture, known, expected) => {
    const result = { code: 2, stderr: text('create', `${fixture}.stderr`) };
    expect(classes.diagnosticsOf(result.stderr)).toHaveLength(1);
    expect(classes.classOf(result, facts(known))).toBe(expected);
  });

  it.each<[string, Diagnostic, Partial<TemplateFacts>, Class]>([
    ['a tag CloudFormation knows, refused', { code: 'TPL_UNKNOWN_TAG', message: 'unknown tag !GetAtt; CloudFormation knows only …' }, {}, 'ours'],
    ['Version on a resource, refused', { code: 'TPL_UNKNOWN_RESOURCE_ATTRIBUTE', message: "Invalid template resource property 'Version': …" }, {}, 'ours'],
    ["Rain's Overrides on a resource", { code: 'TPL_UNKNOWN_RESOURCE_ATTRIBUTE', message: "Invalid template resource property 'Overrides': …" }, {}, 'service'],
    ['YAML PyYAML refuses too', { code: 'TPL_YAML_SYNTAX', message: 'YAML not well-formed' }, { pyyamlRefuses: () => true }, 'service'],
    ['YAML PyYAML reads', { code: 'TPL_YAML_SYNTAX', message: 'YAML not well-formed' }, { pyyamlRefuses: () => false }, 'ours'],
    ['a Ref to the empty name', { code: 'RES_UNRESOLVED_REFERENCE', message: 'Unresolved resource dependencies [] in the Resources block' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['a collection as a mapping key PyYAML refuses too (a Handlebars placeholder)', { code: 'TPL_NON_SCALAR_KEY', message: 'a mapping key must be a scalar' }, { pyyamlRefuses: () => true }, 'service'],
    ['a collection as a mapping key PyYAML reads', { code: 'TPL_NON_SCALAR_KEY', message: 'a mapping key must be a scalar' }, { pyyamlRefuses: () => false }, 'ours'],
    ['a reference to a declared parameter', { code: 'RES_UNRESOLVED_REFERENCE', message: 'Unresolved resource dependencies [Name] in the Resources block' }, { body: () => ({ Parameters: { Name: {} }, Resources: {} }) }, 'ours'],
    ['a reference SAM may generate', { code: 'RES_UNRESOLVED_REFERENCE', message: 'Unresolved resource dependencies [FnRole] in the Resources block' }, { body: () => ({ Transform: 'AWS::Serverless-2016-10-31', Resources: {} }) }, 'ours'],
    ['a reference in a template that does not read', { code: 'RES_UNRESOLVED_REFERENCE', message: 'Unresolved dependencies [X] in the Conditions block' }, { body: () => undefined }, 'ours'],
    ['a Sub variable no name could match (a shell array)', { code: 'RES_SUB_VARIABLE', message: 'Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, underscores, periods, and colons (${AZS[@]}; write ${!AZS[@]} for a literal)' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['an Fn::Equals of a list', { code: 'RES_FUNCTION_ARGUMENTS', message: 'Template error: every Fn::Equals object requires a list of 2 string parameters. (item 1 is a list; join a list with Fn::Join first)' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['any other function argument', { code: 'RES_FUNCTION_ARGUMENTS', message: 'Fn::Join expects [delimiter, [values…]], got a list of 1' }, { body: () => ({ Resources: {} }) }, 'ours'],
    ['a string given to Fn::Not', { code: 'RES_FUNCTION_ARGUMENTS', message: 'Fn::Not expects [condition], got a string ("UsesProvisioned")' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['a condition key cut to Fn::', { code: 'RES_FUNCTION_ARGUMENTS', message: 'expected a condition (Fn::Equals, Fn::And, Fn::Or, Fn::Not or {"Condition": name}), got Fn::' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['an attribute the type does not have', { code: 'RES_UNKNOWN_ATTRIBUTE', message: 'Template error: resource B does not support attribute type Name in Fn::GetAtt; AWS::S3::Bucket has only Arn, …' }, {}, 'service'],
    ['an Export Name with a slash', { code: 'RES_TEMPLATE_FORMAT', message: 'Template format error: Output X is malformed. The Name field of every Export member must be specified …' }, {}, 'service'],
    ['a Mappings value that is an intrinsic', { code: 'TPL_MAPPING_VALUE', message: 'Template format error: Every Mappings attribute must be a String or a List. (Ref is not evaluated …)' }, {}, 'service'],
    ['a Sub variable declared nowhere (a shell variable)', { code: 'RES_SUB_VARIABLE', message: 'Fn::Sub: unknown variable ${HOME}: it is not a parameter' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['a constraint when the sweep names no parameters', { code: 'RES_PARAMETER_CONSTRAINT', message: "Parameter 'Stage' must be one of AllowedValues" }, {}, 'service'],
    ['a template format version the service does not know', { code: 'TPL_FORMAT_VERSION', message: 'AWSTemplateFormatVersion must be the string "2010-09-09"' }, {}, 'service'],
    ['a parameter without a Type', { code: 'TPL_PARAMETER_TYPE', message: 'Template format error: Every Parameters object must contain a Type member.' }, {}, 'service'],
    ['an output without Value', { code: 'TPL_OUTPUT_VALUE', message: 'Template format error: Every Outputs member must contain a Value object (BlueTargetGroup has none)' }, {}, 'service'],
    ['a parameter and a resource of one name', { code: 'TPL_NAME_CLASH', message: 'Template error: all resources and parameters must have unique names. Common name(s):[Name]' }, {}, 'service'],
    ['an Fn::If of two items', { code: 'RES_FUNCTION_ARGUMENTS', message: 'Fn::If expects [condition name, value if true, value if false], got a list of 2' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['a Sub variable that is a list, in the service\'s words', { code: 'RES_SUB_VARIABLE', message: 'Template error: variable Names in Fn::Sub expression does not resolve to a string (it is a list; use Fn::Join to turn a list into a string)' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['a GetAtt of a resource declared nowhere', { code: 'RES_UNRESOLVED_REFERENCE', message: 'Template error: instance of Fn::GetAtt references undefined resource Missing' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['a parameter property the service does not know', { code: 'TPL_UNKNOWN_PARAMETER_PROPERTY', message: "Invalid template parameter property 'AutoScaleGroupName': a parameter may only have …" }, {}, 'service'],
    ['a condition declared nowhere', { code: 'RES_UNKNOWN_CONDITION', message: 'Template format error: Unresolved condition dependency isDev: the Conditions block is empty or missing' }, { body: () => ({ Resources: {} }) }, 'service'],
    ['a condition the template declares', { code: 'RES_UNKNOWN_CONDITION', message: 'Template format error: Unresolved condition dependency IsProd: the Conditions block declares only Other' }, { body: () => ({ Conditions: { IsProd: {} }, Resources: {} }) }, 'ours'],
    ['a section that is a list (a Security Hub finding file)', { code: 'TPL_SECTION_NOT_MAPPING', message: 'Resources must be a mapping of names to declarations, not a list' }, {}, 'service'],
    ['a parameter type the service does not know', { code: 'RES_PARAMETER_TYPE', message: 'Template format error: Unrecognized parameter type: Json' }, {}, 'service'],
    ['a local nested template that is not there (packaging refuses it)', { code: 'RES_NESTED_STACK', message: "cannot read the nested stack's template /r/node_modules/@m/a/module.yml: no such file" }, {}, 'service'],
    ['a local nested template that does not read', { code: 'RES_NESTED_STACK', message: "cannot read the nested stack's template /r/child.yaml: it is not a template" }, {}, 'ours'],
    ['a YAML alias', { code: 'TPL_YAML_ALIAS', message: 'Template error: YAML aliases are not allowed in CloudFormation templates. (*p; …)' }, {}, 'service'],
    ['Fn::ForEach without the transform', { code: 'TPL_FOREACH_WITHOUT_TRANSFORM', message: 'Fn::ForEach::X needs the AWS::LanguageExtensions transform' }, {}, 'service'],
    ['a LanguageExtensions function without the transform', { code: 'RES_LANGUAGE_EXTENSIONS', message: 'Fn::Length needs the AWS::LanguageExtensions transform (add "Transform: AWS::LanguageExtensions" to the template)' }, {}, 'service'],
    ['a resource name that is not alphanumeric', { code: 'RES_TEMPLATE_FORMAT', message: 'Template format error: Resource name with.dot is non alphanumeric.' }, {}, 'service'],
    ['a SAM type without the SAM transform', { code: 'RES_TRANSFORM', message: 'Template format error: Unrecognized resource types: [AWS::Serverless::Function]. AWS::Serverless::* types need "Transform: AWS::Serverless-2016-10-31"' }, {}, 'service'],
    ['the LanguageExtensions suite\'s internal transform name', { code: 'RES_TRANSFORM', message: 'Transform LanguageExtensionsDev is a macro that only the CloudFormation service can run; …' }, {}, 'service'],
    ['a macro', { code: 'RES_TRANSFORM', message: 'Transform MyMacro is a macro that only the CloudFormation service can run; …' }, {}, 'unsupported'],
    ['an assembly with missing context, as the CDK toolkit refuses it', { code: 'SIM_CLOUD_ASSEMBLY', message: "Assembly contains missing context. Make sure all necessary context is already in 'cdk.context.json' …" }, {}, 'service'],
    ['another assembly error', { code: 'SIM_CLOUD_ASSEMBLY', message: 'artifacts must be an object' }, {}, 'ours'],
    ['an output name that is not alphanumeric', { code: 'RES_TEMPLATE_FORMAT', message: 'Template format error: Output name DB_INSTANCE_ENDPOINT is non alphanumeric.' }, {}, 'service'],
    ['a parameter name that is not alphanumeric', { code: 'RES_TEMPLATE_FORMAT', message: 'Template format error: Parameter name CloudWatchLogGroup-FlowLogs is non alphanumeric.' }, {}, 'service'],
    ['a Resources member that is a string', { code: 'TPL_RESOURCE_NOT_MAPPING', message: 'Template format error: Every Resources member must be an object. (X is a string)' }, {}, 'service'],
    ['a tab as indentation PyYAML refuses too', { code: 'TPL_TAB_INDENT', message: 'tabs are not allowed as YAML indentation' }, { pyyamlRefuses: () => true }, 'service'],
    ['a tab as indentation PyYAML reads', { code: 'TPL_TAB_INDENT', message: 'tabs are not allowed as YAML indentation' }, { pyyamlRefuses: () => false }, 'ours'],
    ['a code of neither list', { code: 'SIM_SOMETHING_NEW', message: 'new' }, {}, 'ours'],
  ])('diagnosticClass: %s → %s', (_case, diagnostic, known, expected) => {
    expect(classes.diagnosticClass(diagnostic, facts(known))).toBe(expected);
  });

  it.each<[string[], Class]>([
    [[], 'ours'],
    [['service', 'ours'], 'ours'],
    [['service', 'unsupported'], 'service'],
    [['unsupported', 'unsupported'], 'unsupported'],
    [['service'], 'service'],
  ])('refusalClass(%j) → %s', (kinds, expected) => {
    expect(classes.refusalClass(kinds)).toBe(expected);
  });

  it.each<[number, string]>([
    [0, 'accepted'],
    [1, 'accepted'],
    [3, 'crashed'],
    [-1, 'crashed'],
  ])('classOf a run that exits %i → %s', (code, expected) => {
    expect(classes.classOf({ code, stderr: '' }, UNASKED)).toBe(expected);
  });

  it('classOf a refusal with no diagnostic line (a message the sweep cannot class) → ours', () => {
    expect(classes.classOf({ code: 2, stderr: 'simulate: cannot read x.yaml\n' }, UNASKED)).toBe('ours');
  });
});

describe('the template sweep: silent passes in an accepted run', () => {
  const stdout = text('judged', 'accepted.out.json');
  const body = classes.bodyOf(text('judged', 'accepted.yaml'));
  const template = { path: 'accepted.yaml' };
  const run = JSON.parse(stdout) as { warnings: Array<{ file: string; path: string }> };

  it.each<[string, string, number, { targeted: number; judged: number; missed: Array<{ logicalId: string; type: string }> }]>([
    // Bucket judged; SkippedQueue never created (its condition is false); Child warned about (its template is elsewhere).
    ['as simulate printed it', stdout, 0, { targeted: 3, judged: 1, missed: [] }],
    ['without the warning that names Child', JSON.stringify({ ...run, warnings: [] }), 0, { targeted: 3, judged: 1, missed: [{ logicalId: 'Child', type: 'AWS::CloudFormation::Stack' }] }],
    ['with that warning in another file', JSON.stringify({ ...run, warnings: run.warnings.map((w) => ({ ...w, file: 'nested.yaml' })) }), 0, { targeted: 3, judged: 1, missed: [{ logicalId: 'Child', type: 'AWS::CloudFormation::Stack' }] }],
    ['a hook that blocked (exit 1) is judged as well', stdout, 1, { targeted: 3, judged: 1, missed: [] }],
    ['no JSON at all', 'not json', 0, { targeted: 0, judged: 0, missed: [{ logicalId: '(the whole run)', type: 'no JSON output to check' }] }],
    ['a refusal is not looked at', stdout, 2, { targeted: 0, judged: 0, missed: [] }],
  ])('%s', (_case, output, code, expected) => {
    expect(classes.judgementOf({ code, stdout: output, template }, body)).toEqual(expected);
  });

  it('a template the sweep names by its absolute path is the file simulate names relative to the working directory', () => {
    expect(classes.judgementOf({ code: 0, stdout, template: { path: resolve('accepted.yaml') } }, body)).toEqual({ targeted: 3, judged: 1, missed: [] });
  });
});

describe('the update sweep: outcomes', () => {
  const classify = jest.fn((error: Diagnostic & { file?: string }): Class => classes.diagnosticClass(error, facts({ body: () => classes.bodyOf(text('outcomes', error.file ?? 'none')) })));

  it.each<[string, Omit<UpdateRun, 'requests'>, { kind: string; code?: string }]>([
    ['an accepted update', { code: 0, json: {}, stderr: '' }, { kind: 'accepted' }],
    ['a hook that blocked', { code: 1, json: {}, stderr: '' }, { kind: 'accepted' }],
    ['N against itself ("No updates are to be performed.")', json<UpdateRun>('update', 'same.json'), { kind: 'no-change', code: 'NO_UPDATES' }],
    ['an empty UPDATE change set', { code: 2, json: { stack: { rejection: { message: "The submitted information didn't contain changes. Submit different information to create a change set." } } }, stderr: '' }, { kind: 'no-change', code: 'NO_UPDATES' }],
    ['a type changed (the service refuses it too)', json<UpdateRun>('outcomes', 'type-changed.json'), { kind: 'service', code: 'PLAN_TYPE_CHANGED' }],
    // The service refuses a change between two custom types as well (panther-labs/panther#1895).
    ['a custom-resource type changed', json<UpdateRun>('outcomes', 'custom-type-changed.json'), { kind: 'service', code: 'PLAN_TYPE_CHANGED' }],
    ['a name declared nowhere, classed at the file the error names', json<UpdateRun>('outcomes', 'undeclared.json'), { kind: 'service', code: 'RES_UNRESOLVED_REFERENCE' }],
    ['a refusal with no errors listed', { code: 2, json: {}, stderr: 'simulate: something\n' }, { kind: 'ours', code: 'NONE' }],
    ['exit 3', { code: 3, json: {}, stderr: 'simulate: internal error\n' }, { kind: 'crashed', code: 'EXIT_3' }],
    ['a timeout', { code: -1, json: undefined, stderr: '', timedOut: true }, { kind: 'crashed', code: 'TIMEOUT' }],
    ['a stack trace on a refusal', { code: 2, json: {}, stderr: 'TypeError: x is undefined\n    at f (/a/b.js:1:2)\n    at g (/a/b.js:3:4)\n' }, { kind: 'crashed', code: 'EXIT_2' }],
    ['no JSON output', { code: 2, json: undefined, stderr: '' }, { kind: 'crashed', code: 'EXIT_2' }],
  ])('%s', (_case, result, expected) => {
    expect(classes.outcomeOf(result, classify)).toMatchObject(expected);
  });

  it('asks the diagnostic classifier for each error, at the file it names', () => {
    classify.mockClear();
    classes.outcomeOf(json<UpdateRun>('outcomes', 'undeclared.json'), classify);
    expect(classify.mock.calls.map(([e]) => [e.code, e.file])).toEqual([['RES_UNRESOLVED_REFERENCE', 'undeclared.yaml']]);
  });
});

describe('the update sweep: the invariants of an accepted update', () => {
  const previousBody = classes.bodyOf(text('update', 'previous.yaml'));
  const nextBody = classes.bodyOf(text('update', 'next.yaml'));
  const update = json<UpdateRun>('update', 'update.json');
  const changeSet = json<UpdateRun>('update', 'change-set.json');
  const same = json<UpdateRun>('update', 'same.json');
  /** A deep copy to break: the fixtures are what the simulator really did. */
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  type Request = { actionInvocationPoint: string; requestData: { targetLogicalId: string; targetModel: Record<string, Record<string, unknown>> } };
  type Event = { logicalResourceId: string; resourceStatus: string; resourceStatusReason?: string };
  const events = (run: UpdateRun): Event[] => (run.json as { events: Event[] }).events;

  it('the real update (a replacement, an addition, a removal, an unchanged queue) breaks none', () => {
    expect(classes.updateProblems({ previousBody, nextBody, update, changeSet, same })).toEqual([]);
  });

  it('a number among the properties the recorder is sent is no problem: a Lambda hook gets typed values', () => {
    const u = copy(update);
    (u.requests[0] as Request).requestData.targetModel.resourceProperties.Size = 5;
    expect(classes.updateProblems({ previousBody, nextBody, update: u, changeSet, same })).toEqual([]);
  });

  it('a replaced SAM resource, which no hook is shown, needs no preUpdate', () => {
    const u = copy(update);
    const replaced = (u.json as { events: Event[] }).events.find((e) => e.resourceStatusReason === 'Requested update requires the creation of a new physical resource; hence creating one.')?.logicalResourceId as string;
    u.requests = u.requests.filter((r) => (r as Request).requestData.targetLogicalId !== replaced);
    const problems = (body: unknown) => classes.updateProblems({ previousBody, nextBody: body, update: u }).filter((p) => p.kind === 'replacement');
    expect(problems(nextBody)).not.toEqual([]);
    const asSam = copy(nextBody) as { Resources: Record<string, { Type: string }> };
    (asSam.Resources[replaced] as { Type: string }).Type = 'AWS::Serverless::Function';
    expect(problems(asSam)).toEqual([]);
  });

  // A change set lists a SAM resource as the template declares it; hooks are shown only what SAM generates.
  it.each<[string, string, string[]]>([
    ['a SAM function', 'AWS::Serverless::Function', []],
    ['a Lambda function', 'AWS::Lambda::Function', ['change-set']],
  ])('a change set that modifies %s the update never called a hook for', (_case, type, kinds) => {
    for (const action of ['Add', 'Modify']) {
      const cs = copy(changeSet);
      (cs.json as { changeSet: { changes: unknown[] } }).changeSet.changes.push({ Action: action, LogicalResourceId: 'Fn', ResourceType: type });
      const problems = classes.updateProblems({ previousBody, nextBody, update, changeSet: cs, same });
      expect([action, [...new Set(problems.map((p) => p.kind))]]).toEqual([action, kinds]);
    }
  });

  it('a nested stack\'s calls (its own logical ids) are not the parent\'s: the parent\'s change set is compared with the parent\'s calls', () => {
    const u = copy(update);
    const child = copy(u.requests[0]) as Request & { stackId: string };
    child.stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/sweep-Child-ABCDEFGHIJKL/56aa5cd6-9a10-4832-aa5a-fe5ecca31738';
    child.requestData.targetLogicalId = 'Queue';
    u.requests.push(child);
    expect(classes.updateProblems({ previousBody, nextBody, update: u, changeSet, same })).toEqual([]);
  });

  // A nested stack declared identically whose child changed is updated, its preUpdate sent the two packaged URLs.
  it.each<[string, string, string[]]>([
    ['a local TemplateURL (the child changed: its packaged URL did)', './child.yaml', []],
    ['an https TemplateURL', 'https://s3.amazonaws.com/bucket/child.yaml', ['unchanged']],
  ])('a nested stack declared identically with %s, given a preUpdate', (_case, url, kinds) => {
    const withChild = (body: unknown): unknown => {
      const copied = copy(body) as { Resources: Record<string, unknown> };
      copied.Resources.Child = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: url } };
      return copied;
    };
    const u = copy(update);
    const call = copy(u.requests[0]) as Request;
    call.actionInvocationPoint = 'UPDATE_PRE_PROVISION';
    call.requestData.targetLogicalId = 'Child';
    call.requestData.targetModel = { resourceProperties: { TemplateURL: 'https://s3.us-east-1.amazonaws.com/b/1.template' }, previousResourceProperties: { TemplateURL: 'https://s3.us-east-1.amazonaws.com/b/2.template' } };
    u.requests.push(call);
    const problems = classes.updateProblems({ previousBody: withChild(previousBody), nextBody: withChild(nextBody), update: u });
    expect([...new Set(problems.map((p) => p.kind))]).toEqual(kinds);
  });

  it('a change-set mismatch names what the update did (the keys of its calls, read once)', () => {
    const cs = copy(changeSet);
    const changes = (cs.json as { changeSet: { changes: Array<{ Action: string }> } }).changeSet.changes;
    changes.splice(changes.findIndex((c) => c.Action === 'Modify'), 1);
    expect(classes.updateProblems({ previousBody, nextBody, update, changeSet: cs, same }).map((p) => p.detail)).toContain('Modify: change set [], update ["Bucket"]');
  });

  // [case, how the run is broken, the invariant that must say so]
  it.each<[string, (runs: { update: UpdateRun; changeSet: UpdateRun; same: UpdateRun }) => void, string[]]>([
    [
      'a preUpdate without previous properties',
      ({ update: u }) => {
        delete (u.requests.find((r) => (r as Request).actionInvocationPoint === 'UPDATE_PRE_PROVISION') as Request).requestData.targetModel.previousResourceProperties;
      },
      ['request-shape'],
    ],
    [
      'a preDelete in an update',
      ({ update: u }) => {
        u.requests.push({ ...copy(u.requests[0]), actionInvocationPoint: 'DELETE_PRE_PROVISION' });
      },
      ['no-predelete'],
    ],
    [
      'a preUpdate, with equal properties, for the queue declared identically',
      ({ update: u }) => {
        const call = copy(u.requests[0]) as Request;
        call.requestData.targetLogicalId = 'Queue';
        call.requestData.targetModel = { resourceProperties: { DelaySeconds: '5' }, previousResourceProperties: { DelaySeconds: '5' } };
        u.requests.push(call);
      },
      // Unchanged twice over (called at all; called with nothing changed), and the change set modifies no Queue.
      ['change-set', 'unchanged'],
    ],
    [
      'the removed topic deleted before cleanup',
      ({ update: u }) => {
        const rest = events(u).filter((e) => e.logicalResourceId !== 'Topic');
        const cleanup = rest.findIndex((e) => e.resourceStatus === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
        rest.splice(cleanup, 0, ...events(u).filter((e) => e.logicalResourceId === 'Topic'));
        (u.json as { events: Event[] }).events = rest;
      },
      // Deleted outside cleanup; so the change set's Remove no longer matches what cleanup deletes.
      ['change-set', 'removed'],
    ],
    [
      "the replaced bucket's old copy never deleted",
      ({ update: u }) => {
        (u.json as { events: Event[] }).events = events(u).filter((e) => !(e.logicalResourceId === 'Bucket' && e.resourceStatus.startsWith('DELETE_')));
      },
      ['replacement'],
    ],
    [
      'a BucketName changed without a replacement',
      ({ update: u }) => {
        for (const e of events(u)) if (e.resourceStatusReason === classes.REPLACEMENT_REASON) e.resourceStatusReason = '';
      },
      // Its old copy's delete in cleanup now reads as a removal, and the change set's Replacement does not match.
      ['change-set', 'replacement'],
    ],
    [
      'the replaced bucket listed Replacement Conditional (a replacement the change set could only foresee): no problem',
      ({ changeSet: cs }) => {
        for (const c of (cs.json as { changeSet: { changes: Array<{ Replacement?: string }> } }).changeSet.changes) if (c.Replacement === 'True') c.Replacement = 'Conditional';
      },
      [],
    ],
    [
      'a change set that does not add what the update created',
      ({ changeSet: cs }) => {
        const changes = (cs.json as { changeSet: { changes: Array<{ Action: string }> } }).changeSet.changes;
        changes.splice(changes.findIndex((c) => c.Action === 'Add'), 1);
      },
      ['change-set'],
    ],
    [
      'N against itself accepted',
      ({ same: s }) => {
        s.code = 0;
      },
      ['no-updates'],
    ],
  ])('%s', (_case, breakRuns, kinds) => {
    const runs = { update: copy(update), changeSet: copy(changeSet), same: copy(same) };
    breakRuns(runs);
    const problems = classes.updateProblems({ previousBody, nextBody, ...runs });
    expect([...new Set(problems.map((p) => p.kind))].sort()).toEqual(kinds);
  });

  it.each<[string, string, string, string[]]>([
    ['only a comment differs', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', '# note\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n', []],
    ['a resource added', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  R:\n    Type: AWS::SQS::Queue\n', ['R: added, yet "No updates"']],
    ['a resource added under a Condition (it may stay out)', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  R:\n    Type: AWS::SQS::Queue\n    Condition: C\n', []],
    ['a resource removed', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  R:\n    Type: AWS::SQS::Queue\n', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', ['R: removed, yet "No updates"']],
    ['literal Properties differ', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: 1}\n', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: 2}\n', ['Q: literal Properties differ, yet "No updates"']],
    ['Properties that may resolve alike', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref A}\n', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref B}\n', []],
  ])('noChangeProblems: %s', (_case, previous, next, details) => {
    expect(classes.noChangeProblems(classes.bodyOf(previous), classes.bodyOf(next)).map((p) => p.detail)).toEqual(details);
  });
});
