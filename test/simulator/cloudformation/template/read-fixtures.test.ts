import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTemplate, readTemplateFile, TemplateError, type TemplateSource } from '../../../../simulator/cloudformation/template';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'template');

/** Reads a fixture and returns the diagnostics as [code, line, column, pointer] rows, or fails the test. */
function diagnosticsOf(name: string): Array<[string, number, number, string]> {
  try {
    readTemplateFile(join(FIXTURES, 'bad', name));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    for (const d of error.diagnostics) expect(d.file).toBe(join(FIXTURES, 'bad', name));
    return error.diagnostics.map((d) => [d.code, d.line, d.column, d.path]);
  }
  throw new Error(`${name} was read, but it should have been refused`);
}

describe('readTemplate refuses bad templates with located diagnostics', () => {
  it.each<[string, Array<[string, number, number, string]>]>([
    ['binary-tag.yaml', [['TPL_UNKNOWN_TAG', 5, 13, '/Resources/Queue/Properties/Data']]],
    ['comments-only.yaml', [['TPL_EMPTY', 1, 1, '']]],
    ['conditions-list.yaml', [['TPL_SECTION_NOT_MAPPING', 4, 13, '/Conditions']]],
    ['description-not-string.yaml', [['TPL_DESCRIPTION', 1, 14, '/Description']]],
    ['empty-resources.yaml', [['TPL_NO_RESOURCES', 1, 12, '/Resources']]],
    ['empty.yaml', [['TPL_EMPTY', 1, 1, '']]],
    ['flow-key.yaml', [['TPL_NON_SCALAR_KEY', 2, 3, '/Resources']]],
    ['foreach-without-transform.yaml', [['TPL_FOREACH_WITHOUT_TRANSFORM', 2, 3, '/Resources/Fn::ForEach::Queues']]],
    ['format-version.yaml', [['TPL_FORMAT_VERSION', 1, 27, '/AWSTemplateFormatVersion']]],
    ['infinity.yaml', [['TPL_NON_FINITE_NUMBER', 5, 21, '/Resources/Queue/Properties/DelaySeconds']]],
    ['invalid-utf8.yaml', [['TPL_INVALID_UTF8', 3, 27, '']]],
    ['list.yaml', [['TPL_NOT_A_MAPPING', 1, 1, '']]],
    ['lowercase-section.yaml', [['TPL_UNKNOWN_SECTION', 1, 1, '/resources'], ['TPL_NO_RESOURCES', 1, 1, '']]],
    ['merge-key.yaml', [['TPL_MERGE_KEY', 5, 5, '/Resources/Queue/<<']]],
    ['alias.yaml', [['TPL_YAML_ALIAS', 12, 17, '']]],
    ['missing-type.yaml', [['TPL_RESOURCE_TYPE', 3, 5, '/Resources/Queue']]],
    ['no-resources.yaml', [['TPL_NO_RESOURCES', 1, 1, '']]],
    ['null-properties.yaml', [['TPL_NULL_VALUE', 4, 16, '/Resources/Queue/Properties']]],
    ['output-without-value.yaml', [['TPL_OUTPUT_VALUE', 6, 5, '/Outputs/QueueArn']]],
    ['output-description-function.yaml', [['TPL_DESCRIPTION', 6, 23, '/Outputs/QueueUrl/Description']]],
    ['mapping-intrinsic.yaml', [['TPL_MAPPING_VALUE', 7, 17, '/Mappings/Settings/Queue/Key']]],
    ['mapping-nested-map.yaml', [['TPL_MAPPING_VALUE', 5, 9, '/Mappings/Settings/Queue/Key']]],
    ['parameter-without-type.yaml', [['TPL_PARAMETER_TYPE', 3, 5, '/Parameters/Env']]],
    ['parameter-resource-same-name.yaml', [['TPL_NAME_CLASH', 10, 3, '/Resources/Topic']]],
    ['rain-modules.yaml', [['TPL_UNKNOWN_SECTION', 2, 1, '/Modules']]],
    ['resource-not-mapping.yaml', [['TPL_RESOURCE_NOT_MAPPING', 2, 10, '/Resources/Queue']]],
    ['scalar.yaml', [['TPL_NOT_A_MAPPING', 1, 1, '']]],
    ['sequence-key.yaml', [['TPL_NON_SCALAR_KEY', 2, 5, '/Resources']]],
    ['tab-indent.yaml', [['TPL_TAB_INDENT', 3, 1, '']]],
    ['missing-comma.json', [['TPL_JSON_SYNTAX', 3, 41, '']]],
    ['two-documents.yaml', [['TPL_MULTIPLE_DOCUMENTS', 3, 1, '']]],
    // awslabs/ec2-spot-labs' opt3.yaml: command output pasted after the `...` that ends the document.
    ['document-after-end-marker.yaml', [['TPL_MULTIPLE_DOCUMENTS', 5, 1, '']]],
    ['type-not-string.yaml', [['TPL_RESOURCE_TYPE', 3, 11, '/Resources/Queue/Type']]],
    ['unclosed-flow.yaml', [['TPL_YAML_SYNTAX', 5, 18, '']]], // where the [ opens, not where the file ends
    ['unknown-alias.yaml', [['TPL_YAML_SYNTAX', 4, 17, '/Resources/Queue/Properties']]],
    ['unknown-attribute.yaml', [['TPL_UNKNOWN_RESOURCE_ATTRIBUTE', 4, 5, '/Resources/Queue/Count']]],
    ['unknown-tag.yaml', [['TPL_UNKNOWN_TAG', 3, 11, '/Resources/Queue/Type']]],
  ])('%s', (name, expected) => {
    expect(diagnosticsOf(name)).toEqual(expected);
  });

  it('an output whose value key is written in lower case says keys are case-sensitive', () => {
    expect(() => readTemplateFile(join(FIXTURES, 'bad', 'output-lowercase-value.yaml'))).toThrow(
      /^Template format error: Every Outputs member must contain a Value object \(QueueArn has none; it has "value": keys are case-sensitive, write Value\)$/,
    );
  });

  it.each<[string, number, number]>([
    ['duplicate-key.json', 4, 5],
    ['duplicate-key.yaml', 4, 3],
  ])('reads %s as the service does, the last value winning, and warns where the duplicate is', (name, line, column) => {
    const source = readTemplateFile(join(FIXTURES, 'good', name));
    expect(Object.keys(source.body.Resources as object)).toEqual(['Queue']);
    expect(source.warnings?.map((d) => [d.code, d.severity, d.line, d.column, d.path])).toEqual([['TPL_DUPLICATE_KEY', 'warning', line, column, '/Resources/Queue']]);
  });

  it.each([
    ['rain-modules.yaml', /Invalid template property or properties \[Modules\].*rain pkg/],
    ['lowercase-section.yaml', /did you mean Resources\?/],
    ['no-resources.yaml', /^Template format error: At least one Resources member must be defined\.$/],
    ['missing-type.yaml', /^Template format error: \[\/Resources\/Queue\] Every Resources object must contain a Type member\.$/],
    ['null-properties.yaml', /^\[\/Resources\/Queue\/Properties\] 'null' values are not allowed in templates$/],
    ['unknown-attribute.yaml', /^Invalid template resource property 'Count'/],
    ['tab-indent.yaml', /tabs are not allowed/],
    ['unknown-tag.yaml', /unknown tag !Reff/],
    ['missing-comma.json', /^Template format error: JSON not well-formed\. \(line 3, column 41\) invalid JSON: expected ',' or '}'/],
    ['unclosed-flow.yaml', /^Template format error: YAML not well-formed\. \(line 5, column 18\) the \[ opened here is never closed with \]/],
    // `yaml` reports a missing closing quote at the end of the file (line 104 here): the quote is located where it opens.
    ['unclosed-double-quote.yaml', /^Template format error: YAML not well-formed\. \(line 3, column 11\) the "-quoted scalar that starts here is never closed with " \(Missing closing "quote\)$/],
    ['unclosed-single-quote.yaml', /^Template format error: YAML not well-formed\. \(line 3, column 11\) the '-quoted scalar that starts here is never closed with ' \(Missing closing 'quote\)$/],
    ['unclosed-quote-in-flow.yaml', /^[^\n]*\(line 3, column 12\) the "-quoted scalar that starts here is never closed[^\n]*\n[^\n]*\(line 3, column 11\) the \[ opened here is never closed with \]/],
  ])('%s says what was expected', (name, message) => {
    try {
      readTemplateFile(join(FIXTURES, 'bad', name));
      throw new Error('expected a TemplateError');
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).diagnostics.map((d) => d.message).join('\n')).toMatch(message);
    }
  });
});

describe('readTemplate reads good templates', () => {
  const read = (name: string): TemplateSource => readTemplateFile(join(FIXTURES, 'good', name));

  it('expands every short form into its long form, in all three node kinds', () => {
    const { body, format } = read('short-forms.yaml');
    expect(format).toBe('yaml');
    const conditions = body['Conditions'] as Record<string, unknown>;
    expect(conditions).toEqual({
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] },
      Both: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] },
    });
    const bucket = (body['Resources'] as Record<string, Record<string, Record<string, unknown>>>)['Bucket']!;
    expect(bucket['Properties']!['BucketName']).toEqual({
      'Fn::If': ['IsProd', { 'Fn::Join': ['-', ['prod', { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] }]] }, { Ref: 'AWS::NoValue' }],
    });
    const tags = Object.fromEntries((bucket['Properties']!['Tags'] as Array<{ Key: string; Value: unknown }>).map((t) => [t.Key, t.Value]));
    expect(tags).toEqual({
      arn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      nested: { 'Fn::GetAtt': ['Queue', 'Endpoint.Address'] },
      list: { 'Fn::GetAtt': ['Queue', 'QueueName'] },
      zone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      b64: { 'Fn::Base64': 'plain' },
      imported: { 'Fn::ImportValue': 'shared-vpc' },
      mapped: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] },
      cidr: { 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] },
      json: { 'Fn::ToJsonString': { a: 1 } },
      length: { 'Fn::Length': [1, 2] },
      'sub-map': { 'Fn::Sub': ['${A}-x', { A: { Ref: 'Env' } }] },
    });
    expect(bucket['Properties']!['Metadata']).toEqual({ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } });
  });

  it("reads scalars by the YAML 1.2 core schema, but YAML 1.1's booleans, as the service does", () => {
    const { body } = read('short-forms.yaml');
    expect(body['AWSTemplateFormatVersion']).toBe('2010-09-09');
    const queue = (body['Resources'] as Record<string, Record<string, Record<string, unknown>>>)['Queue']!['Properties']!;
    expect(queue['DelaySeconds']).toBe(755);
    expect(queue['FifoQueue']).toBe(true);
    expect(queue['Tags']).toEqual([{ Key: true, Value: true }]);
  });

  it('reads JSON, where __proto__ is an ordinary key', () => {
    const { body, format } = read('long-forms.json');
    expect(format).toBe('json');
    const tags = ((body['Resources'] as Record<string, Record<string, Record<string, unknown>>>)['Queue']!['Properties']!['Tags'] as unknown[])[0];
    expect(Object.keys(tags as object)).toEqual(['Key', 'Value']);
    expect(tags).toEqual({ Key: '__proto__', Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } });
  });

  it('reads past an anchor with no alias', () => {
    const { body } = read('anchor-only.yaml');
    expect((body['Resources'] as Record<string, Record<string, unknown>>)['First']!['Properties']).toEqual({ DelaySeconds: 5 });
  });

  it.each(['bom.yaml', 'sam-globals.yaml', 'foreach.yaml'])('accepts %s', (name) => {
    expect(Object.keys(read(name).body['Resources'] as object).length).toBeGreaterThan(0);
  });

  it('locates values and keys lazily by JSON pointer', () => {
    const source = read('short-forms.yaml');
    expect(source.locate('/Resources/Queue/Properties/DelaySeconds')).toEqual({ line: 19, column: 21 });
    expect(source.locate('/Resources/Bucket')).toEqual({ line: 25, column: 5 });
    expect(source.file).toBe(join(FIXTURES, 'good', 'short-forms.yaml'));
  });

  it('reads a string and the same bytes alike', () => {
    const text = readFileSync(join(FIXTURES, 'good', 'short-forms.yaml'), 'utf8');
    expect(readTemplate('t.yaml', text).body).toEqual(readTemplate('t.yaml', Buffer.from(text)).body);
  });

  it('reports a missing file as a TemplateError, not an exception with a stack', () => {
    expect(() => readTemplateFile(join(FIXTURES, 'no-such-file.yaml'))).toThrow(TemplateError);
    try {
      readTemplateFile(join(FIXTURES, 'no-such-file.yaml'));
    } catch (error) {
      expect((error as TemplateError).diagnostics[0]).toMatchObject({ code: 'TPL_UNREADABLE', message: 'cannot read the template: no such file' });
    }
  });
});

describe('format checks on inline templates', () => {
  const codesOf = (text: string): string[] => {
    try {
      readTemplate('inline.yaml', text);
      return [];
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return error.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.path}`);
    }
  };

  it.each<[string, string, string[]]>([
    ['a Description over 1,024 bytes', `Description: ${'é'.repeat(513)}\nResources: {Q: {Type: X}}\n`, ['TPL_DESCRIPTION 1:14 /Description']],
    ['Resources as a list', 'Resources:\n  - Type: X\n', ['TPL_SECTION_NOT_MAPPING 2:3 /Resources']],
    ['an unknown attribute beside a macro that consumes it', 'Transform: Count\nResources:\n  Q:\n    Type: X\n    Count: 3\n', []],
    ['SAM Globals without the SAM transform', 'Globals: {Function: {Timeout: 5}}\nResources: {Q: {Type: X}}\n', ['TPL_UNKNOWN_SECTION 1:1 /Globals']],
    ['a ForEach output without the transform', 'Resources: {Q: {Type: X}}\nOutputs:\n  Fn::ForEach::O:\n    - N\n    - [a]\n    - {"O${N}": {Value: x}}\n', ['TPL_FOREACH_WITHOUT_TRANSFORM 3:3 /Outputs/Fn::ForEach::O']],
    // The service's `Invalid template parameter property 'X'`: a key indented under the wrong parameter, a misspelling.
    ['a parameter property the service does not know', 'Parameters:\n  Env:\n    Type: String\n    DefaultValue: dev\nResources: {Q: {Type: X}}\n', ['TPL_UNKNOWN_PARAMETER_PROPERTY 4:5 /Parameters/Env/DefaultValue']],
    ['every parameter property the service knows', 'Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev]\n    AllowedPattern: x\n    ConstraintDescription: c\n    Description: d\n    MaxLength: 9\n    MinLength: 1\n    NoEcho: false\n  N:\n    Type: Number\n    MinValue: 1\n    MaxValue: 2\nResources: {Q: {Type: X}}\n', []],
    ['a parameter property beside a macro, which may consume it', 'Transform: Acme::Params\nParameters:\n  Env:\n    Type: String\n    Choices: [a]\nResources: {Q: {Type: X}}\n', []],
    ['a Hooks section (CodeDeploy blue/green)', 'Hooks: {H: {Type: AWS::CodeDeploy::BlueGreen}}\nResources: {Q: {Type: X}}\n', []],
    [
      'AWS::Include in place of sections, resources and attributes: the service checks what it inserts',
      'Fn::Transform: {Name: AWS::Include, Parameters: {Location: top.yaml}}\nResources:\n  Q: {Type: X, Fn::Transform: {Name: AWS::Include, Parameters: {Location: q.yaml}}}\n  R: {Fn::Transform: {Name: AWS::Include, Parameters: {Location: r.yaml}}}\n  Fn::Transform: {Name: AWS::Include, Parameters: {Location: more.yaml}}\nOutputs:\n  Fn::Transform: {Name: AWS::Include, Parameters: {Location: out.yaml}}\n',
      [],
    ],
    ['every problem at once, in document order', 'Bogus: 1\nResources:\n  A: 1\n  B: {Properties: {}}\n', [
      'TPL_UNKNOWN_SECTION 1:1 /Bogus',
      'TPL_RESOURCE_NOT_MAPPING 3:6 /Resources/A',
      'TPL_RESOURCE_TYPE 4:6 /Resources/B',
    ]],
  ])('%s', (_name, text, expected) => {
    expect(codesOf(text)).toEqual(expected);
  });

  it('names the unknown section in the service wording, with a hint', () => {
    try {
      readTemplate('inline.yaml', 'Globals: {}\nResources: {Q: {Type: X}}\n');
    } catch (error) {
      expect((error as TemplateError).diagnostics[0]!.message).toBe(
        'Invalid template property or properties [Globals]: Globals belongs to the AWS SAM transform: declare `Transform: AWS::Serverless-2016-10-31`',
      );
    }
    expect.assertions(1);
  });

  it('a top-level section inside Resources (a brace closed too late) is named as one', () => {
    try {
      readTemplate('late.json', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"},\n  "AWSTemplateFormatVersion": "2010-09-09"}}');
    } catch (error) {
      expect((error as TemplateError).diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
        ['TPL_RESOURCE_NOT_MAPPING', 2, 'Template format error: Every Resources member must be an object. (AWSTemplateFormatVersion is the string "2010-09-09"; AWSTemplateFormatVersion is a top-level section: Resources is closed too late above it)'],
      ]);
    }
    expect.assertions(1);
  });

  it('refuses a Description over 1,024 bytes with the service text, counting bytes, not characters', () => {
    expect(() => readTemplate('inline.yaml', `Description: ${'é'.repeat(512)}\nResources: {Q: {Type: X}}\n`)).not.toThrow();
    try {
      readTemplate('inline.yaml', `Description: ${'é'.repeat(513)}\nResources: {Q: {Type: X}}\n`);
    } catch (error) {
      expect((error as TemplateError).diagnostics[0]!.message).toBe("Template format error: 'Description' length is greater than 1024. (it is 1026 bytes of UTF-8)");
    }
    expect.assertions(2);
  });
});

describe('line endings and whitespace', () => {
  it.each<[string, string]>([
    ['YAML with CRLF line endings', 'Resources:\r\n  Queue:\r\n    Type: AWS::SQS::Queue\r\n'],
    ['JSON indented with tabs', '{\n\t"Resources": {\n\t\t"Queue": {"Type": "AWS::SQS::Queue"}\n\t}\n}\n'],
    ['JSON with leading blank lines', '\n\n  {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}'],
  ])('reads %s', (_name, text) => {
    expect((readTemplate('t', text).body['Resources'] as Record<string, Record<string, unknown>>)['Queue']!['Type']).toBe('AWS::SQS::Queue');
  });

  it('locates errors in a CRLF file by line and column as an editor shows them', () => {
    try {
      readTemplate('crlf.yaml', 'Resources:\r\n  Queue:\r\n    Type: AWS::SQS::Queue\r\n    Count: 3\r\n');
    } catch (error) {
      expect((error as TemplateError).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TPL_UNKNOWN_RESOURCE_ATTRIBUTE', 4, 5]]);
    }
    expect.assertions(1);
  });
});
