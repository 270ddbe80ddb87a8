import type { Diagnostic } from '../../../../src/kernel/diagnostics';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { readTemplate } from '../../../../simulator/cloudformation/template';
import { TemplateError, type ResolveOptions } from '../../../../simulator/cloudformation/template/types';
import { sourceFromJson, sourceOf, stackOptions } from './template-source';

const LE = 'AWS::LanguageExtensions';
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function resolve(template: Record<string, unknown>, options: Partial<ResolveOptions> = {}) {
  return resolveTemplate(sourceOf({ Transform: LE, ...template }), stackOptions(options));
}

function failure(text: string): Diagnostic {
  try {
    resolveTemplate(sourceFromJson(text), stackOptions());
  } catch (error) {
    if (error instanceof TemplateError && error.diagnostics.length === 1) return error.diagnostics[0] as Diagnostic;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('Fn::ForEach', () => {
  it('expands resources and outputs with ${Id}, &{Id} and Ref Id, nested loops included', () => {
    const resolved = resolve({
      Parameters: { Envs: { Type: 'CommaDelimitedList', Default: 'dev,prod' } },
      Resources: {
        'Fn::ForEach::Queues': [
          'Env',
          { Ref: 'Envs' },
          {
            'Queue${Env}': { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': 'app-${Env}' }, Tags: [{ Key: 'env', Value: { Ref: 'Env' } }] } },
          },
        ],
        'Fn::ForEach::Buckets': ['Name', ['logs.v1', 'data-v2'], { 'Bucket&{Name}': { Type: 'AWS::S3::Bucket', Properties: { BucketName: '${Name}' } } }],
      },
      Outputs: {
        'Fn::ForEach::Out': [
          'Env',
          ['dev', 'prod'],
          { 'Fn::ForEach::Attr': ['Attr', ['Arn', 'QueueName'], { '${Env}${Attr}': { Value: { 'Fn::GetAtt': [{ 'Fn::Sub': 'Queue${Env}' }, { Ref: 'Attr' }] } } }] },
        ],
      },
    });
    expect(resolved.resources.map((r) => r.logicalId)).toEqual(['Queuedev', 'Queueprod', 'Bucketlogsv1', 'Bucketdatav2']);
    expect(plain(resolved.resources[1]?.properties)).toEqual({ QueueName: 'app-prod', Tags: [{ Key: 'env', Value: 'prod' }] });
    expect(resolved.resources[2]?.physicalId).toBe('logs.v1');
    expect({ ...resolved.outputs }).toEqual({
      devArn: 'arn:aws:sqs:us-east-1:123456789012:app-dev',
      devQueueName: 'app-dev',
      prodArn: 'arn:aws:sqs:us-east-1:123456789012:app-prod',
      prodQueueName: 'app-prod',
    });
  });

  it('expands conditions and loops inside resource properties', () => {
    const resolved = resolve({
      Conditions: { 'Fn::ForEach::Is': ['Env', ['dev', 'prod'], { 'Is${Env}': { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } }] },
      Resources: {
        B: {
          Type: 'AWS::S3::Bucket',
          Properties: { Tags: { 'Fn::ForEach::T': ['K', ['a', 'b'], { 'Tag${K}': { Value: '${K}' } }] } },
        },
      },
    });
    expect({ ...resolved.conditions }).toEqual({ Isdev: true, Isprod: true });
    expect(plain(resolved.resources[0]?.properties)).toEqual({ Tags: { Taga: { Value: 'a' }, Tagb: { Value: 'b' } } });
  });

  // Swept from an EKS template: each cluster's add-on waits for its sibling, named by the loop.
  it('an Fn::Sub of loop identifiers only is the plain string, so it may stand in DependsOn and under Ref', () => {
    const resolved = resolve({
      Resources: {
        'Fn::ForEach::Clusters': [
          'Name',
          ['blue', 'green'],
          {
            '${Name}Cluster': { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/k' } },
            '${Name}Addon': {
              Type: 'AWS::SQS::Queue',
              DependsOn: [{ 'Fn::Sub': '${Name}Cluster' }],
              Properties: { QueueName: { 'Fn::Sub': ['${Name}-${Suffix}', { Suffix: { Ref: { 'Fn::Sub': '${Name}Cluster' } } }] }, KmsMasterKeyId: 'alias/k' },
            },
          },
        ],
      },
    });
    const addon = resolved.resources.find((r) => r.logicalId === 'greenAddon');
    expect(addon?.dependsOn).toEqual(['greenCluster']);
    expect(addon?.properties.QueueName).toBe(`green-${resolved.resources.find((r) => r.logicalId === 'greenCluster')?.physicalId ?? ''}`);
  });

  // Swept: a loop over account ids nobody gave named resources `Permission<item>`, and `placeholder-ids-1` is no logical id.
  it('a loop over a list --placeholder-parameters stood in for names its resources with alphanumeric items', () => {
    const resolved = resolve(
      {
        Parameters: { AccountIds: { Type: 'CommaDelimitedList' } },
        Resources: { 'Fn::ForEach::Members': ['Id', { Ref: 'AccountIds' }, { 'Permission${Id}': { Type: 'AWS::SNS::Topic' } }] },
      },
      { placeholderParameters: true },
    );
    expect(resolved.resources.map((r) => r.logicalId)).toEqual(['Permissionplaceholderaccountids1', 'Permissionplaceholderaccountids2', 'Permissionplaceholderaccountids3']);
  });

  it.each<[string, unknown[], string[]]>([
    ['one item', ['Orders'], ['Topic']],
    ['no item (beside a resource)', [], ['Kept']],
  ])('an output key without the identifier is one key when the loop runs once or never: %s', (_name, collection, ids) => {
    const resolved = resolve({
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        'Fn::ForEach::Topics': ['Name', collection, { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': '${Name}-topic' } } } }],
        ...(collection.length ? {} : { Kept: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'kept-topic' } } }),
      },
      Outputs: { 'Fn::ForEach::Names': ['Name', collection, { Only: { Value: { Ref: 'Name' } } }] },
    });
    expect(resolved.resources.map((r) => r.logicalId)).toEqual(ids);
    expect(resolved.resources.map((r) => r.properties.TopicName)).toEqual(collection.length ? collection.map((c) => `${String(c)}-topic`) : ['kept-topic']);
    expect(Object.keys(resolved.outputs)).toEqual(collection.length ? ['Only'] : []);
  });

  // The layouts beside those the transform fails on (table below): Condition second, a lone {Condition: Name} (a
  // condition built from another), a plain 'Is${X}' condition name, a key merely named Condition deeper in a value.
  it('accepts Condition listed second, a lone Condition reference and a plain condition name in Fn::If', () => {
    const resolved = resolve({
      Conditions: {
        Always: { 'Fn::Equals': ['a', 'a'] },
        'Fn::ForEach::Is': ['X', ['a', 'b'], { 'Is${X}': { Condition: 'Always' } }],
      },
      Resources: {
        'Fn::ForEach::Queues': [
          'X',
          ['a', 'b'],
          {
            'Queue${X}': {
              Type: 'AWS::SQS::Queue',
              Condition: 'Is${X}',
              Properties: {
                KmsMasterKeyId: { 'Fn::If': ['Is${X}', 'alias/k', { Ref: 'AWS::NoValue' }] },
                Policy: { 'Fn::ToJsonString': { Statement: [{ Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Effect: 'Deny' }] } },
              },
            },
          },
        ],
      },
    });
    expect(resolved.resources.map((r) => [r.logicalId, r.properties.KmsMasterKeyId])).toEqual([['Queuea', 'alias/k'], ['Queueb', 'alias/k']]);
  });

  // Key order decides, so the refusal rests on the reader keeping it: YAML as well as JSON.
  it.each<[string, string, string[]]>([
    ['Condition first', 'Condition: C\n        Type: AWS::SNS::Topic', ['RES_FOREACH']],
    ['Condition second', 'Type: AWS::SNS::Topic\n        Condition: C', []],
  ])('a YAML loop fragment with %s', (_name, attributes, codes) => {
    const text = `Transform: AWS::LanguageExtensions\nConditions:\n  C: !Equals [a, a]\nResources:\n  Fn::ForEach::L:\n    - X\n    - [a, b]\n    - T\${X}:\n        ${attributes}\n`;
    let refused: string[] = [];
    try {
      resolveTemplate(readTemplate('loop.yaml', text), stackOptions());
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      refused = error.diagnostics.map((d) => d.code);
    }
    expect(refused).toEqual(codes);
  });

  it('Fn::Length, Fn::ToJsonString, FindInMap DefaultValue and intrinsic DeletionPolicy', () => {
    const resolved = resolve({
      Parameters: { Policy: { Type: 'String', Default: 'Retain' }, Names: { Type: 'CommaDelimitedList', Default: 'a,b,c' } },
      Mappings: { M: { k: { v: 'found' } } },
      Resources: {
        B: {
          Type: 'AWS::S3::Bucket',
          DeletionPolicy: { Ref: 'Policy' },
          UpdateReplacePolicy: { 'Fn::FindInMap': ['M', 'x', 'y', { DefaultValue: 'Delete' }] },
          Properties: {
            Count: { 'Fn::Length': { Ref: 'Names' } },
            Json: { 'Fn::ToJsonString': { a: [1, { Ref: 'AWS::Region' }], b: { c: true } } },
            Found: { 'Fn::FindInMap': ['M', 'k', 'v', { DefaultValue: 'fallback' }] },
            // Keys the transform resolves: a parameter, a pseudo parameter.
            ByParameter: { 'Fn::FindInMap': ['M', { Ref: 'Policy' }, 'v', { DefaultValue: 'by-parameter' }] },
            ByRegion: { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'v', { DefaultValue: 'by-region' }] },
            Missing: { 'Fn::FindInMap': ['M', 'k', 'nope', { DefaultValue: { 'Fn::Sub': '${AWS::Region}-default' } }] },
          },
        },
      },
    });
    const [bucket] = resolved.resources;
    expect(bucket?.deletionPolicy).toBe('Retain');
    expect(bucket?.updateReplacePolicy).toBe('Delete');
    expect(plain(bucket?.properties)).toEqual({ Count: 3, Json: '{"a":[1,"us-east-1"],"b":{"c":true}}', Found: 'found', ByParameter: 'by-parameter', ByRegion: 'by-region', Missing: 'us-east-1-default' });
  });

  it.each<[string, string, string, string, RegExp]>([
    [
      'a loop that produces the same key twice',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {\n"Fn::ForEach::L": ["X", ["a", "a"], {"B${X}": {"Type": "AWS::S3::Bucket"}}]}}',
      'RES_FOREACH', '/Resources/Fn::ForEach::L/2/B${X}', /Ba is declared twice/,
    ],
    [
      'an output key without the identifier, in a loop of two',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {\n"Fn::ForEach::L": ["X", ["a", "b"], {"Fixed": {"Type": "AWS::S3::Bucket"}}]}}',
      'RES_FOREACH', '/Resources/Fn::ForEach::L/2/Fixed', /must contain \$\{X\} or &\{X\}/,
    ],
    [
      'loops that leave no resource',
      '{"Transform": "AWS::LanguageExtensions", "Resources": \n{"Fn::ForEach::L": ["X", [], {"B${X}": {"Type": "AWS::S3::Bucket"}}]}}',
      'RES_TEMPLATE_FORMAT', '/Resources', /^Template format error: At least one Resources member must be defined\. \(every Fn::ForEach here expands to nothing\)/,
    ],
    [
      'a malformed loop',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {\n"Fn::ForEach::L": ["X", ["a"]]}}',
      'RES_FOREACH', '/Resources/Fn::ForEach::L', /expects \[Identifier, \[collection…\], \{OutputKey: OutputValue\}\]/,
    ],
    [
      'a collection that is not a list',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {\n"Fn::ForEach::L": ["X", "a", {"B${X}": {"Type": "AWS::S3::Bucket"}}]}}',
      'RES_FOREACH', '/Resources/Fn::ForEach::L/1', /the collection must be a list/,
    ],
    [
      'a collection that references a resource',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {"R": {"Type": "AWS::S3::Bucket"},\n"Fn::ForEach::L": ["X", {"Fn::Split": [",", {"Ref": "R"}]}, {"B${X}": {"Type": "AWS::S3::Bucket"}}]}}',
      'RES_UNRESOLVED_REFERENCE', '/Resources/Fn::ForEach::L/1/Fn::Split/1/Ref', /Cannot reference resources in the collection of an Fn::ForEach/,
    ],
    // The transform resolves Fn::FindInMap before any resource exists (aws-sam-cli's port of it: "Fn::FindInMap layout is incorrect").
    [
      'Fn::FindInMap keyed by a resource\'s Ref',
      '{"Transform": "AWS::LanguageExtensions", "Mappings": {"M": {"k": {"v": "x"}}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"},\n"Q": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": {"Fn::FindInMap": ["M", {"Ref": "T"}, "v", {"DefaultValue": "d"}]}}}}}',
      'RES_FUNCTION_ARGUMENTS', '/Resources/Q/Properties/KmsMasterKeyId/Fn::FindInMap', /^Transform AWS::LanguageExtensions failed with: Fn::FindInMap layout is incorrect/,
    ],
    [
      'Fn::FindInMap keyed by a resource\'s attribute',
      '{"Transform": "AWS::LanguageExtensions", "Mappings": {"M": {"k": {"v": "x"}}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"},\n"Q": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": {"Fn::FindInMap": ["M", "k", {"Fn::GetAtt": ["T", "TopicName"]}]}}}}}',
      'RES_FUNCTION_ARGUMENTS', '/Resources/Q/Properties/KmsMasterKeyId/Fn::FindInMap', /^Transform AWS::LanguageExtensions failed with: Fn::FindInMap layout is incorrect/,
    ],
    [
      'Fn::ToJsonString of the stack\'s notification topics',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {\n"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::ToJsonString": {"a": {"Ref": "AWS::NotificationARNs"}}}}}}}',
      'RES_FUNCTION_ARGUMENTS', '/Resources/Q/Properties/QueueName/Fn::ToJsonString', /^Transform AWS::LanguageExtensions failed with: Fn::ToJsonString does not support AWS::NotificationARNs pseudo parameter$/,
    ],
    // Layouts the transform fails on inside a loop, which substitution would otherwise hide.
    [
      'a resource whose first key is Condition',
      '{"Transform": "AWS::LanguageExtensions", "Conditions": {"C": {"Fn::Equals": ["a", "a"]}}, "Resources": {\n"Fn::ForEach::L": ["X", ["a", "b"], {"B${X}": {"Condition": "C", "Type": "AWS::S3::Bucket"}}]}}',
      'RES_FOREACH', '/Resources/Fn::ForEach::L/2/B${X}/Condition', /^Transform AWS::LanguageExtensions failed with: Condition layout is incorrect \(Fn::ForEach::L: Condition is the first key of B\$\{X\}; list it second or later\)$/,
    ],
    [
      'an output whose first key is Condition',
      '{"Transform": "AWS::LanguageExtensions", "Conditions": {"C": {"Fn::Equals": ["a", "a"]}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}}, "Outputs": {\n"Fn::ForEach::O": ["X", ["a", "b"], {"Out${X}": {"Condition": "C", "Value": "v"}}]}}',
      'RES_FOREACH', '/Outputs/Fn::ForEach::O/2/Out${X}/Condition', /^Transform AWS::LanguageExtensions failed with: Condition layout is incorrect/,
    ],
    [
      'a property-level loop whose value has Condition first',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": \n{"Fn::ForEach::T": ["K", ["a"], {"Tag${K}": {"Condition": "x", "Value": "v"}}]}}}}}',
      'RES_FOREACH', '/Resources/B/Properties/Tags/Fn::ForEach::T/2/Tag${K}/Condition', /^Transform AWS::LanguageExtensions failed with: Condition layout is incorrect/,
    ],
    [
      'Fn::ToJsonString of a mapping whose first key is Condition, in a loop',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {"T": {"Type": "AWS::SNS::Topic"}}, "Outputs": {\n"Fn::ForEach::Debug": ["X", ["a", "b"], {"&{X}Out": {"Value": {"Fn::ToJsonString": {"Condition": "Irrelevant"}}}}]}}',
      'RES_FOREACH', '/Outputs/Fn::ForEach::Debug/2/&{X}Out/Value/Fn::ToJsonString/Condition', /^Transform AWS::LanguageExtensions failed with: Fn::ToJsonString does not support Condition intrinsic function for resource Fn::ForEach::Debug$/,
    ],
    [
      'Fn::If whose condition name is an Fn::Sub of the identifier, in a loop',
      '{"Transform": "AWS::LanguageExtensions", "Conditions": {"Isa": {"Fn::Equals": ["a", "a"]}}, "Resources": {\n"Fn::ForEach::L": ["X", ["a"], {"Q${X}": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": {"Fn::If": [{"Fn::Sub": "Is${X}"}, "k", {"Ref": "AWS::NoValue"}]}}}}]}}',
      'RES_FOREACH', '/Resources/Fn::ForEach::L/2/Q${X}/Properties/KmsMasterKeyId/Fn::If/0', /^Transform AWS::LanguageExtensions failed with: Fn::If layout is incorrect/,
    ],
    [
      'Fn::If whose condition name is a Ref of the identifier, in a loop',
      '{"Transform": "AWS::LanguageExtensions", "Conditions": {"a": {"Fn::Equals": ["a", "a"]}}, "Resources": {\n"Fn::ForEach::L": ["X", ["a"], {"Q${X}": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": {"Fn::If": [{"Ref": "X"}, "k", {"Ref": "AWS::NoValue"}]}}}}]}}',
      'RES_FOREACH', '/Resources/Fn::ForEach::L/2/Q${X}/Properties/KmsMasterKeyId/Fn::If/0', /^Transform AWS::LanguageExtensions failed with: Fn::If layout is incorrect/,
    ],
    [
      'an error inside an expanded resource points into the loop',
      '{"Transform": "AWS::LanguageExtensions", "Resources": {\n"Fn::ForEach::L": ["X", ["a"], {"B${X}": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Nope"}}}}]}}',
      'RES_UNRESOLVED_REFERENCE', '/Resources/Fn::ForEach::L/2/B${X}/Properties/BucketName/Ref', /Unresolved resource dependencies \[Nope\]/,
    ],
  ])('%s', (_name, text, code, path, message) => {
    const d = failure(text);
    expect({ code: d.code, path: d.path, line: d.line }).toEqual({ code, path, line: 2 });
    expect(d.message).toMatch(message);
  });
});
