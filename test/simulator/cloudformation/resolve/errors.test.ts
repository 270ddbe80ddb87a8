import type { Diagnostic } from '../../../../src/kernel/diagnostics';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { TemplateError, type ResolveOptions } from '../../../../simulator/cloudformation/template/types';
import { sourceFromJson, stackOptions } from './template-source';

/** The diagnostics a resolution fails with (fails the test when it succeeds or throws anything else). */
function failure(text: string, options: Partial<ResolveOptions> = {}): readonly Diagnostic[] {
  try {
    resolveTemplate(sourceFromJson(text, 'bad.json'), stackOptions(options));
  } catch (error) {
    if (error instanceof TemplateError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

/** The text at a 1-based line and column. */
function textAt(text: string, line: number, column: number): string {
  return (text.split('\n')[line - 1] ?? '').slice(column - 1);
}

/** One probe expression on line 6 of a small template. */
function withProbe(expr: string, extraResources = ''): string {
  return [
    '{',
    '"Parameters": {"Env": {"Type": "String", "Default": "prod"}, "Names": {"Type": "CommaDelimitedList", "Default": "a,b"}},',
    '"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}, "Never": {"Fn::Equals": ["a", "b"]}},',
    '"Resources": {',
    `"Logs": {"Type": "AWS::S3::Bucket"}, "Gone": {"Type": "AWS::SQS::Queue", "Condition": "Never"}${extraResources},`,
    `"Probe": {"Type": "Custom::Probe", "Properties": {"Value": ${expr}}}`,
    '}}',
  ].join('\n');
}

describe('every error is a located diagnostic: code, file, line, column, pointer', () => {
  const P = '/Resources/Probe/Properties/Value';
  it.each<[string, string, string, string, string, RegExp]>([
    ['unknown Ref', '{"Ref": "Nope"}', 'RES_UNRESOLVED_REFERENCE', `${P}/Ref`, '"Nope"', /Unresolved resource dependencies \[Nope\] in the Resources block/],
    ['Ref of an attribute', '{"Ref": "Logs.Arn"}', 'RES_UNRESOLVED_REFERENCE', `${P}/Ref`, '"Logs.Arn"', /no parameter, pseudo parameter or resource is named Logs\.Arn; Ref takes a whole name: for the attribute Arn of Logs, use Fn::GetAtt\)$/],
    ['Ref of text to substitute into', '{"Ref": "arn:${AWS::Partition}:iam::"}', 'RES_UNRESOLVED_REFERENCE', `${P}/Ref`, '"arn:', /; Ref takes a name as it is: to substitute \$\{…\} into text, use Fn::Sub\)$/],
    ['Ref to a resource removed by its condition', '{"Ref": "Gone"}', 'RES_REMOVED_RESOURCE', `${P}/Ref`, '"Gone"', /condition Never is false/],
    ['GetAtt of an attribute the type lacks', '{"Fn::GetAtt": ["Logs", "Nope"]}', 'RES_UNKNOWN_ATTRIBUTE', `${P}/Fn::GetAtt`, '["Logs"', /does not support attribute type Nope.*only Arn, DomainName, DualStackDomainName/],
    ...(
      [
        ['a name alone', '"Logs"', '"Logs"'],
        ['a name and a dot', '"Logs."', '"Logs."'],
        ['a list of one', '["Logs"]', 'a list of 1'],
        ['an empty attribute', '["Logs", ""]', 'a list of 2 with an empty item'],
      ] as const
    ).map(([shape, argument, got]): [string, string, string, string, string, RegExp] => [
      `GetAtt of ${shape}`,
      `{"Fn::GetAtt": ${argument}}`,
      'RES_FUNCTION_ARGUMENTS',
      `${P}/Fn::GetAtt`,
      argument,
      new RegExp(`^Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute \\(got ${got.replace(/[.[\]()]/g, '\\$&')};`),
    ]),
    ['GetAtt of a resource declared nowhere', '{"Fn::GetAtt": ["Missing", "Arn"]}', 'RES_UNRESOLVED_REFERENCE', `${P}/Fn::GetAtt`, '["Missing"', /^Template error: instance of Fn::GetAtt references undefined resource Missing$/],
    ['GetAtt of a parameter', '{"Fn::GetAtt": ["Env", "Arn"]}', 'RES_FUNCTION_ARGUMENTS', `${P}/Fn::GetAtt`, '["Env"', /Env is a parameter, not a resource/],
    ['unknown Sub variable', '{"Fn::Sub": "x-${Missing}"}', 'RES_SUB_VARIABLE', `${P}/Fn::Sub`, '"x-${Missing}"', /unknown variable \$\{Missing\}.*\$\{!Missing\}/],
    ['Sub variable no name could match (a shell array)', '{"Fn::Sub": "x ${AZS[@]}"}', 'RES_SUB_VARIABLE', `${P}/Fn::Sub`, '"x ${AZS[@]}"', /^Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, underscores, periods, and colons \(\$\{AZS\[@\]\}; write \$\{!AZS\[@\]\}/],
    ['Sub variable from a JavaScript template literal', '{"Fn::Sub": "${event[\\"detail-type\\"]}"}', 'RES_SUB_VARIABLE', `${P}/Fn::Sub`, '"${event', /^Template error: variable names in Fn::Sub syntax/],
    ['Sub of a list parameter', '{"Fn::Sub": "${Names}"}', 'RES_SUB_VARIABLE', `${P}/Fn::Sub`, '"${Names}"', /^Template error: variable Names in Fn::Sub expression does not resolve to a string \(it is a list; use Fn::Join/],
    ['Select out of bounds', '{"Fn::Select": [5, ["a"]]}', 'RES_SELECT_INDEX', `${P}/Fn::Select/0`, '5, ["a"]', /cannot select nonexistent value at index 5 \(the list has 1 item\)/],
    ['Select with a negative index', '{"Fn::Select": ["-1", ["a"]]}', 'RES_SELECT_INDEX', `${P}/Fn::Select/0`, '"-1"', /index -1/],
    ['Select with a non-integer index', '{"Fn::Select": ["x", ["a"]]}', 'RES_FUNCTION_ARGUMENTS', `${P}/Fn::Select/0`, '"x"', /must be an integer/],
    ['Join with wrong arity', '{"Fn::Join": ["-"]}', 'RES_FUNCTION_ARGUMENTS', `${P}/Fn::Join`, '["-"]', /expects \[delimiter, \[values…\]\]/],
    ['Join of an object item', '{"Fn::Join": ["-", [{"a": 1}]]}', 'RES_FUNCTION_ARGUMENTS', `${P}/Fn::Join/1/0`, '{"a": 1}', /every value must be a string/],
    ['unknown function', '{"Fn::Bogus": 1}', 'RES_UNKNOWN_FUNCTION', P, '{"Fn::Bogus"', /Unrecognized function 'Fn::Bogus'/],
    ['condition function in a property', '{"Fn::Equals": ["a", "a"]}', 'RES_FUNCTION_NOT_ALLOWED', `${P}/Fn::Equals`, '["a", "a"]', /condition function/],
    ['If naming an unknown condition', '{"Fn::If": ["Nope", 1, 2]}', 'RES_UNKNOWN_CONDITION', `${P}/Fn::If/0`, '"Nope"', /Unresolved condition dependency Nope.*IsProd, Never/],
    ['FindInMap without the mapping', '{"Fn::FindInMap": ["M", "a", "b"]}', 'RES_MAPPING_KEY', `${P}/Fn::FindInMap`, '["M"', /Unable to get mapping for M::a::b \(there is no mapping named M\)/],
    ['FindInMap DefaultValue without the transform', '{"Fn::FindInMap": ["M", "a", "b", {"DefaultValue": 1}]}', 'RES_LANGUAGE_EXTENSIONS', `${P}/Fn::FindInMap/3`, '{"DefaultValue"', /AWS::LanguageExtensions/],
    ['Length without the transform', '{"Fn::Length": [1]}', 'RES_LANGUAGE_EXTENSIONS', `${P}/Fn::Length`, '[1]', /needs the AWS::LanguageExtensions transform/],
    ['ToJsonString without the transform', '{"Fn::ToJsonString": {}}', 'RES_LANGUAGE_EXTENSIONS', `${P}/Fn::ToJsonString`, '{}', /needs the AWS::LanguageExtensions/],
    ['ImportValue of a missing export', '{"Fn::ImportValue": "Shared-Vpc"}', 'RES_IMPORT_VALUE', `${P}/Fn::ImportValue`, '"Shared-Vpc"', /No export named Shared-Vpc found/],
    ['Fn::Transform (AWS::Include) without a Location', '{"Fn::Transform": {"Name": "AWS::Include"}}', 'RES_TRANSFORM', `${P}/Fn::Transform`, '{"Name"', /^AWS::Include without Parameters\.Location/],
    ['Fn::Transform (a macro)', '{"Fn::Transform": {"Name": "Count"}}', 'RES_TRANSFORM', `${P}/Fn::Transform`, '{"Name"', /calls a macro.*--template-stage Processed/],
    ['Cidr asking for too many subnets', '{"Fn::Cidr": ["10.0.0.0/24", 5, 7]}', 'RES_CIDR', `${P}/Fn::Cidr`, '["10.0.0.0/24"', /holds only 2 subnets of \/25, 5 requested/],
    ['Cidr of a bad block', '{"Fn::Cidr": ["10.0.0/24", 1, 8]}', 'RES_CIDR', `${P}/Fn::Cidr`, '["10.0.0/24"', /not a valid IPv4 CIDR block/],
    ['AWS::NoValue as a function argument', '{"Fn::Base64": {"Ref": "AWS::NoValue"}}', 'RES_NO_VALUE_MISPLACED', `${P}/Fn::Base64`, '{"Ref": "AWS::NoValue"}', /only as a property value or a list item/],
    ['Split with an empty delimiter', '{"Fn::Split": ["", "abc"]}', 'RES_FUNCTION_ARGUMENTS', `${P}/Fn::Split/0`, '""', /must not be empty/],
    ['missing ssm dynamic reference', '"{{resolve:ssm:/app/missing}}"', 'RES_DYNAMIC_REFERENCE', P, '"{{resolve:ssm:', /SSM parameter \/app\/missing was not given/],
    ['ForEach without the transform', '{"Fn::ForEach::X": ["I", ["a"], {"k${I}": 1}]}', 'RES_LANGUAGE_EXTENSIONS', `${P}/Fn::ForEach::X`, '["I"', /needs the AWS::LanguageExtensions transform/],
  ])('%s', (_name, expr, code, pointer, snippet, message) => {
    const text = withProbe(expr);
    // Strict: an export or SSM parameter nobody gave is refused, as the service refuses one that does not exist.
    const diagnostics = failure(text, { strictParameters: true });
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics as [Diagnostic];
    expect({ code: d.code, path: d.path, file: d.file, line: d.line, severity: d.severity }).toEqual({ code, path: pointer, file: 'bad.json', line: 6, severity: 'error' });
    expect(textAt(text, d.line, d.column).startsWith(snippet)).toBe(true);
    expect(d.message).toMatch(message);
  });

  it.each<[string, string, string, string, number, string, RegExp]>([
    [
      'DependsOn an unknown resource',
      '{"Resources": {\n"A": {"Type": "AWS::S3::Bucket", "DependsOn": ["B", "Nope"]},\n"B": {"Type": "AWS::S3::Bucket"}}}',
      'RES_UNRESOLVED_REFERENCE', '/Resources/A/DependsOn/1', 2, '"Nope"', /Unresolved resource dependencies \[Nope\] in the Resources block/,
    ],
    [
      'a dependency cycle is reported as its chain at the first resource',
      '{"Resources": {\n"A": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "C"}}},\n"B": {"Type": "AWS::S3::Bucket", "DependsOn": "A"},\n"C": {"Type": "AWS::S3::Bucket", "DependsOn": "B"}}}',
      'RES_DEPENDENCY_CYCLE', '/Resources/A', 2, '{"Type"', /^Circular dependency between resources: \[A, C, B\]$/,
    ],
    [
      'a self reference is a cycle',
      '{"Resources": {\n"A": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::GetAtt": "A.QueueName"}}}}}',
      'RES_DEPENDENCY_CYCLE', '/Resources/A', 2, '{"Type"', /^Circular dependency between resources: \[A\]$/,
    ],
    [
      'a condition cycle is reported as its chain',
      '{"Conditions": {\n"A": {"Fn::Not": [{"Condition": "B"}]},\n"B": {"Fn::And": [{"Condition": "A"}, {"Fn::Equals": [1, 1]}]}},\n"Resources": {"R": {"Type": "AWS::S3::Bucket"}}}',
      'RES_CONDITION_CYCLE', '/Conditions/A', 2, '{"Fn::Not"', /^Circular dependency between conditions: A -> B -> A$/,
    ],
    [
      'a resource Condition that is not declared',
      '{"Resources": {\n"A": {"Type": "AWS::S3::Bucket", "Condition": "Missing"}}}',
      'RES_UNKNOWN_CONDITION', '/Resources/A/Condition', 2, '"Missing"', /Unresolved condition dependency Missing: the Conditions block is empty or missing/,
    ],
    [
      'a resource without a Type',
      '{"Resources": {\n"A": {"Properties": {}}}}',
      'RES_TEMPLATE_FORMAT', '/Resources/A', 2, '{"Properties"', /Every Resources object must contain a Type member/,
    ],
    [
      'a non-alphanumeric logical id',
      '{"Resources": {\n"my-bucket": {"Type": "AWS::S3::Bucket"}}}',
      'RES_TEMPLATE_FORMAT', '/Resources/my-bucket', 2, '{"Type"', /Resource name my-bucket is non alphanumeric/,
    ],
    ['no resources', '{\n"Resources": {}}', 'RES_TEMPLATE_FORMAT', '/Resources', 2, '{}', /At least one Resources member must be defined/],
    [
      'an output without Value',
      '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Outputs": {"X": {"Description": "d"}}}',
      'RES_TEMPLATE_FORMAT', '/Outputs/X', 2, '{"Description"', /Every Outputs member must contain a Value/,
    ],
    // The service's Export rules: a Name given, of letters, digits, colons and hyphens, unique, and known before any
    // resource exists.
    [
      'two outputs exporting one name',
      '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Outputs": {"X": {"Value": "1", "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-x"}}}, "Y": {"Value": "2", "Export": {"Name": \n"teststack-x"}}}}',
      'RES_TEMPLATE_FORMAT', '/Outputs/Y/Export/Name', 3, '"teststack-x"', /^Template format error: The Outputs section contains duplicate Export names: \[teststack-x\]\. Specify a unique name for each export\. \(X exports it too\)$/,
    ],
    [
      'an Export without a Name',
      '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Outputs": {"X": {"Value": "1", "Export": \n{}}}}',
      'RES_TEMPLATE_FORMAT', '/Outputs/X/Export', 3, '{}', /^Template format error: Output X is malformed\. The Name field of every Export member must be specified .*\(its Export has no Name\)$/,
    ],
    [
      'an Export Name with a character the service refuses',
      '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Outputs": {"X": {"Value": "1", "Export": {"Name": \n"team_a/x"}}}}',
      'RES_TEMPLATE_FORMAT', '/Outputs/X/Export/Name', 3, '"team_a/x"', /consist only of alphanumeric characters, colons, or hyphens\. \(it is "team_a\/x"\)$/,
    ],
    ...(
      [
        ['a resource in Fn::Sub', '{"Fn::Sub": "${A}-x"}', '${A}'],
        ['an attribute', '{"Fn::GetAtt": ["A", "Arn"]}', 'Fn::GetAtt A.Arn'],
        ['Ref of a resource', '{"Ref": "A"}', 'Ref A'],
        ['an imported value', '{"Fn::ImportValue": "other"}', 'Fn::ImportValue'],
      ] as const
    ).map(([what, name, uses]): [string, string, string, string, number, string, RegExp] => [
      `an Export Name that depends on ${what}`,
      `{"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Outputs": {"X": {"Value": "1", "Export": {"Name": \n${name}}}}}`,
      'RES_TEMPLATE_FORMAT', '/Outputs/X/Export/Name', 3, name.slice(0, 5),
      new RegExp(`^Template format error: Output X is malformed\\. The Name field of Export must not depend on any resources, imported values, or Fn::GetAZs\\. \\(it uses ${uses.replace(/[$.{}]/g, (c) => `\\${c}`)}\\)$`),
    ]),
    ['an output named with a hyphen', '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Outputs": {"Not-Alnum": {"Value": "1"}}}', 'RES_TEMPLATE_FORMAT', '/Outputs/Not-Alnum', 2, '{"Value"', /^Template format error: Output name Not-Alnum is non alphanumeric\.$/],
    [
      'an output referencing a removed resource',
      '{"Conditions": {"No": {"Fn::Equals": [1, 2]}},\n"Resources": {"A": {"Type": "AWS::S3::Bucket", "Condition": "No"}, "B": {"Type": "AWS::S3::Bucket"}},\n"Outputs": {"X": {"Value": {"Ref": "A"}}}}',
      'RES_REMOVED_RESOURCE', '/Outputs/X/Value/Ref', 3, '"A"', /Unresolved resource dependencies \[A\] in the Outputs block/,
    ],
    [
      'Fn::Equals of a list parameter (the service compares strings)',
      '{"Parameters": {"Zones": {"Type": "CommaDelimitedList", "Default": "a,b"}},\n"Conditions": {"C": {"Fn::Equals": [{"Ref": "Zones"}, ""]}},\n"Resources": {"A": {"Type": "AWS::S3::Bucket", "Condition": "C"}}}',
      'RES_FUNCTION_ARGUMENTS', '/Conditions/C/Fn::Equals/0', 2, '{"Ref": "Zones"}', /^Template error: every Fn::Equals object requires a list of 2 string parameters\. \(item 1 is a list; join a list with Fn::Join first\)/,
    ],
    [
      'Fn::Equals of an object',
      '{"Conditions": {"C": {"Fn::Equals": [0, \n{"key": [1, 2]}]}},\n"Resources": {"A": {"Type": "AWS::S3::Bucket", "Condition": "C"}}}',
      'RES_FUNCTION_ARGUMENTS', '/Conditions/C/Fn::Equals/1', 2, '{"key"', /^Template error: every Fn::Equals object requires a list of 2 string parameters\. \(item 2 is an object\)/,
    ],
    [
      'a Ref to a resource inside Conditions',
      '{"Conditions": {"C": {"Fn::Equals": [\n{"Ref": "A"}, "x"]}},\n"Resources": {"A": {"Type": "AWS::S3::Bucket"}}}',
      'RES_UNRESOLVED_REFERENCE', '/Conditions/C/Fn::Equals/0/Ref', 2, '"A"', /Cannot reference resources in the Conditions block/,
    ],
    [
      'a DeletionPolicy function the core language does not evaluate (without the transform)',
      '{"Resources": {\n"A": {"Type": "AWS::S3::Bucket", "DeletionPolicy": {"Fn::Join": ["", ["Re", "tain"]]}}}}',
      'RES_TEMPLATE_FORMAT', '/Resources/A/DeletionPolicy/Fn::Join', 2, '["",', /Unsupported expression for DeletionPolicy in resource A: Fn::Join; without the AWS::LanguageExtensions transform only Ref, Fn::FindInMap, Fn::If, Fn::Select, Fn::Sub/,
    ],
    [
      'an intrinsic DeletionPolicy that gives no policy',
      '{"Resources": {\n"A": {"Type": "AWS::S3::Bucket", "DeletionPolicy": {"Ref": "AWS::Region"}}}}',
      'RES_TEMPLATE_FORMAT', '/Resources/A/DeletionPolicy', 2, '{"Ref"', /DeletionPolicy must be one of Delete, Retain, RetainExceptOnCreate, Snapshot, got a string \("us-east-1"\)/,
    ],
    [
      'an unknown DeletionPolicy',
      '{"Resources": {\n"A": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Keep"}}}',
      'RES_TEMPLATE_FORMAT', '/Resources/A/DeletionPolicy', 2, '"Keep"', /must be one of Delete, Retain, RetainExceptOnCreate, Snapshot/,
    ],
    [
      'a macro transform',
      '{\n"Transform": "Count",\n"Resources": {"A": {"Type": "AWS::S3::Bucket"}}}',
      'RES_TRANSFORM', '/Transform', 2, '"Count"', /Transform Count is a macro.*get-template --stack-name <stack> --template-stage Processed/,
    ],
    [
      'an AWS::Include in the Resources section whose snippet is not on this machine',
      '{"Resources": {"A": {"Type": "AWS::S3::Bucket"},\n"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}}}',
      'RES_TRANSFORM', '/Resources/Fn::Transform', 2, '{"Name"', /^AWS::Include of s3:\/\/b\/k: the snippet is not on this machine.*--template-map s3:\/\/b\/k=<path>$/,
    ],
    [
      'an AWS::Include in a resource declaration with a Location computed by a function (never passed over)',
      '{"Parameters": {"U": {"Type": "String", "Default": "s3://b/k"}}, "Resources": {"A": {"Type": "AWS::S3::Bucket",\n"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": {"Ref": "U"}}}}}}',
      'RES_TRANSFORM', '/Resources/A/Fn::Transform', 2, '{"Name"', /^AWS::Include with a Location computed by a function: .*--template-map\); write it out, or resolve against the processed template/,
    ],
    [
      'a declaration that is a computed AWS::Include, named in another\'s DependsOn (refused once, at the include)',
      '{"Parameters": {"U": {"Type": "String", "Default": "s3://b/k"}}, "Resources": {"Project":\n{"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": {"Ref": "U"}}}},\n"Topic": {"Type": "AWS::SNS::Topic", "DependsOn": "Project"}}}',
      'RES_TRANSFORM', '/Resources/Project/Fn::Transform', 2, '{"Name"', /^AWS::Include with a Location computed by a function/,
    ],
    [
      'an AWS::Include at the top level whose snippet is not on this machine',
      '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/top"}}}',
      'RES_TRANSFORM', '/Fn::Transform', 2, '{"Name"', /^AWS::Include of s3:\/\/b\/top: the snippet is not on this machine/,
    ],
    [
      'AWS::Include named as a template transform, with no Location to insert from',
      '{"Transform":\n"AWS::Include",\n"Resources": {"A": {"Type": "AWS::S3::Bucket"}}}',
      'RES_TRANSFORM', '/Transform', 2, '"AWS::Include"', /^AWS::Include without Parameters\.Location: the transform inserts the snippet its Location names/,
    ],
    [
      'an AWS::Include entry without Parameters',
      '{"Transform": [\n{"Name": "AWS::Include"}],\n"Resources": {"A": {"Type": "AWS::S3::Bucket"}}}',
      'RES_TRANSFORM', '/Transform/0', 2, '{"Name"', /^AWS::Include without Parameters\.Location/,
    ],
    [
      'AWS::Include as a template transform',
      '{"Transform": [\n"AWS::LanguageExtensions", {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}],\n"Resources": {"A": {"Type": "AWS::S3::Bucket"}}}',
      'RES_TRANSFORM', '/Transform/1', 2, '{"Name"', /^AWS::Include of s3:\/\/b\/k: the snippet is not on this machine.*--template-map s3:\/\/b\/k=<path>$/,
    ],
    [
      'a SAM resource without the SAM transform',
      '{"Resources": {\n"F": {"Type": "AWS::Serverless::Function"}}}',
      'RES_TRANSFORM', '/Resources/F/Type', 2, '"AWS::Serverless::Function"', /Unrecognized resource types: \[AWS::Serverless::Function\]/,
    ],
  ])('%s', (_name, text, code, pointer, line, snippet, message) => {
    const diagnostics = failure(text);
    expect(diagnostics.map((d) => d.code)).toEqual([code]);
    const [d] = diagnostics as [Diagnostic];
    expect({ path: d.path, line: d.line }).toEqual({ path: pointer, line });
    expect(textAt(text, d.line, d.column).startsWith(snippet)).toBe(true);
    expect(d.message).toMatch(message);
  });

  it('independent faults are all reported, sorted by position, and a dependent failure is not repeated', () => {
    const text = [
      '{"Resources": {',
      '"A": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Nope1"}}},',
      '"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::GetAtt": ["A", "Arn"]}}},',
      '"C": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Nope2"}}}}}',
    ].join('\n');
    const diagnostics = failure(text);
    expect(diagnostics.map((d) => [d.line, d.path])).toEqual([
      [2, '/Resources/A/Properties/BucketName/Ref'],
      [4, '/Resources/C/Properties/BucketName/Ref'],
    ]);
  });

  it('a TemplateError message lists every diagnostic, never a stack trace', () => {
    expect(() => resolveTemplate(sourceFromJson(withProbe('{"Ref": "Nope"}')), stackOptions())).toThrow(/^Template format error: Unresolved resource dependencies \[Nope\]/);
  });
});
