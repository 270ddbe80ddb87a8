/**
 * Never falsely refuse, never silently pass: templates the service deploys resolve (with a warning where the
 * simulator stands in for something), and templates the service refuses are refused with its text.
 * One fixture per refusal class, under test/fixtures/resolve/fidelity and test/fixtures/template/fidelity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../../../src/kernel/diagnostics';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { translateJavaPattern } from '../../../../simulator/cloudformation/resolve/java-regex';
import { catalogSource, catalogType, isRecognizedType, type AttributeKind } from '../../../../src/kernel/resource-catalog';
import { readTemplate, readTemplateFile, TemplateError, type ResolvedTemplate, type ResolveOptions } from '../../../../simulator/cloudformation/template';
import { sourceOf, stackOptions } from './template-source';
import { thrownDiagnostics } from '../../../support/input-error';

const RESOLVE = join(__dirname, '../../../fixtures/resolve/fidelity');
const TEMPLATE = join(__dirname, '../../../fixtures/template/fidelity');

function resolveFile(file: string, options: Partial<ResolveOptions> = {}): ResolvedTemplate {
  return resolveTemplate(readTemplateFile(file), stackOptions(options));
}

const refusal = (run: () => unknown): readonly Diagnostic[] => thrownDiagnostics(run, TemplateError);

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('templates the service deploys resolve', () => {
  it.each<[string, string, string[]]>([
    ['Version and Description as resource attributes', 'resource-attributes.yaml', []],
    ['every rule function in short form', 'rule-short-forms.yaml', ['RES_RULE_NOT_EVALUATED']],
    ['list-valued GetAtt attributes in Select, Join and Cidr', 'list-attributes.yaml', []],
    ['Ref shaped like the real value', 'ref-shapes.yaml', []],
    [
      'what CDK constructs split: an OIDC provider, a secret, a listener, an imported ARN, SSM parameters',
      'cdk-ref-shapes.yaml',
      ['RES_IMPORT_VALUE_PLACEHOLDER', 'RES_PARAMETER_SSM_PLACEHOLDER', 'RES_PARAMETER_SSM_PLACEHOLDER'],
    ],
    ["a custom resource's attributes as lists in Join and Select", 'custom-resource-lists.yaml', []],
    ['GetAtt of a declared property, for the types that return them', 'property-attributes.yaml', []],
    ['ARNs, URLs and DNS entries split on their separators', 'attribute-shapes.yaml', []],
    ['Fn::GetStackOutput, long and short form', 'stack-outputs.yaml', ['RES_STACK_OUTPUT_PLACEHOLDER', 'RES_STACK_OUTPUT_PLACEHOLDER']],
    ['attributes of resources SAM generates split on their separators', 'sam-generated-attributes.yaml', ['RES_SAM_PASSTHROUGH', 'RES_SAM_GENERATED_REFERENCE', 'RES_SAM_GENERATED_REFERENCE']],
    ['AllowedPatterns in Java syntax', 'java-patterns.yaml', ['RES_PARAMETER_PATTERN_UNCHECKED']],
    [
      'the same export, SSM parameter and stack output used twice each: one warning per subject',
      'warn-once.yaml',
      ['RES_IMPORT_VALUE_PLACEHOLDER', 'RES_DYNAMIC_REFERENCE_PLACEHOLDER', 'RES_STACK_OUTPUT_PLACEHOLDER'],
    ],
    ['DependsOn a resource SAM generates', 'sam-depends-on.yaml', ['RES_SAM_GENERATED_REFERENCE', 'RES_SAM_GENERATED_REFERENCE', 'RES_SAM_PASSTHROUGH']],
    [
      'SSM parameters, dynamic references and exports nobody gave',
      'ssm-parameters.yaml',
      ['RES_PARAMETER_SSM_PLACEHOLDER', 'RES_PARAMETER_SSM_PLACEHOLDER', 'RES_PARAMETER_SSM_PLACEHOLDER', 'RES_DYNAMIC_REFERENCE_PLACEHOLDER', 'RES_IMPORT_VALUE_PLACEHOLDER'],
    ],
  ])('%s (%s)', (_name, file, warnings) => {
    const resolved = resolveFile(join(RESOLVE, file));
    expect(resolved.resources.length).toBeGreaterThan(0);
    expect(resolved.warnings.map((w) => w.code).sort()).toEqual([...warnings].sort());
    for (const warning of resolved.warnings) {
      expect(warning.severity).toBe('warning');
      expect(warning.line).toBeGreaterThan(0);
    }
  });

  it('list attributes are lists of values shaped as the service returns them', () => {
    const { outputs, resources } = resolveFile(join(RESOLVE, 'list-attributes.yaml'));
    expect(outputs.PrimaryDns).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(outputs.SecondaryDns).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(outputs.PrimaryDns).not.toBe(outputs.SecondaryDns);
    expect(String(outputs.BalancerGroups).split(',')).toEqual([expect.stringMatching(/^sg-[0-9a-f]{17}$/), expect.anything(), expect.anything()]);
    const subnet = resources.find((r) => r.logicalId === 'Subnet');
    expect(subnet?.properties.Ipv6CidrBlock).toMatch(/^[0-9a-f:]+::\/64$/);
    expect(String(outputs.NameServers).split(',')).toEqual([
      expect.stringMatching(/^ns-\d+\.awsdns-\d{2}\.com$/),
      expect.stringMatching(/\.net$/),
      expect.stringMatching(/\.org$/),
      expect.stringMatching(/^ns-\d+\.awsdns-\d{2}\.co\.uk$/),
    ]);
    expect(outputs.NameServer4).toMatch(/\.co\.uk$/);
  });

  it("a custom resource's attribute in a list position stands for a list: Join gives its placeholder, Select an item", () => {
    const { outputs, resources } = resolveFile(join(RESOLVE, 'custom-resource-lists.yaml'));
    expect(outputs.Regions).toMatch(/\.Regions$/);
    expect(outputs.FirstZone).toMatch(/\.Zones$/);
    expect(outputs.ThirdZone).toBe(`${String(outputs.FirstZone)}.2`);
    expect(resources.find((r) => r.logicalId === 'Topic')?.properties.TopicName).toMatch(/\.Names\.2$/);
  });

  it('ARNs, URLs and DNS entries have the parts of the real values; a declared property is its attribute', () => {
    const { outputs, resources } = resolveFile(join(RESOLVE, 'attribute-shapes.yaml'));
    expect(outputs.ProxyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outputs.ClusterId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outputs.ClusterArn).toMatch(/^arn:aws:kafka:us-east-1:123456789012:cluster\/events\/[0-9a-f-]{36}$/);
    expect(outputs.UrlHost).toMatch(/^[0-9a-f]{20}\.lambda\.us-east-1\.amazonaws\.com$/);
    expect(resources.find((r) => r.logicalId === 'WideSubnet')?.properties.CidrBlock).toBe('10.2.0.0/16');
    expect(outputs.EndpointName).toMatch(/^vpce-[0-9a-f]{17}-[0-9a-f]{8}\.execute-api\.us-east-1\.vpce\.amazonaws\.com$/);
  });

  it("a SAM resource's Ref and attributes are those of the resource SAM generates in its place", () => {
    const { outputs } = resolveFile(join(RESOLVE, 'sam-resource-attributes.yaml'));
    expect(outputs.FetchArn).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${String(outputs.FetchName)}`);
    expect(outputs.FetchName).toMatch(/^teststack-Fetch-[0-9A-Za-z]{12}$/);
    expect(outputs.FetchAlias).toEqual(expect.any(String));
    expect(outputs.ApiId).toMatch(/^teststack-Api-/);
    expect(outputs.ApiRoot).toEqual(expect.any(String));
    expect(outputs.FlowArn).toMatch(/^arn:aws:states:us-east-1:123456789012:stateMachine:/);
    expect(outputs.TableArn).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\//);
  });

  it("a SAM-generated function URL is a URL and a generated role's ARN an IAM role ARN", () => {
    const { outputs, resources } = resolveFile(join(RESOLVE, 'sam-generated-attributes.yaml'));
    expect(outputs.RoleAccount).toBe('123456789012');
    const config = resources.find((r) => r.logicalId === 'Distribution')?.properties.DistributionConfig as { Origins: Array<{ DomainName: string }> };
    expect(config.Origins[0]?.DomainName).toMatch(/^[0-9a-f]{20}\.lambda\.us-east-1\.amazonaws\.com$/);
  });

  it('Fn::GetStackOutput gives one placeholder per stack and output, refused under --strict-parameters', () => {
    const { outputs, resources, warnings } = resolveFile(join(RESOLVE, 'stack-outputs.yaml'));
    const display = resources.find((r) => r.logicalId === 'Topic')?.properties.DisplayName;
    expect(display).toMatch(/^placeholder-output-[0-9a-f]{12}$/);
    expect(outputs.Short).toBe(display);
    expect(resources.find((r) => r.logicalId === 'Queue')?.properties.QueueName).toMatch(/^prefix-placeholder-output-/);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/the output TopicName of stack producer-stack is read from that stack at deploy time/);
    const strict = refusal(() => resolveFile(join(RESOLVE, 'stack-outputs.yaml'), { strictParameters: true }));
    expect(strict.map((d) => d.code)).toContain('RES_STACK_OUTPUT');
  });

  // stack-outputs.yaml runs as teststack in 123456789012/us-east-1: Topic reads producer-stack's TopicName here, Queue
  // its QueueSuffix in us-west-2 through a role of the same account.
  it.each<[string, Record<string, Record<string, string>>, string | RegExp, string | RegExp]>([
    ['in its own account and region when Region is left out', { '123456789012/us-east-1/producer-stack': { TopicName: 'orders' } }, 'orders', /^prefix-placeholder-output-/],
    ['in the Region it names', { '123456789012/us-west-2/producer-stack': { QueueSuffix: 'west' } }, /^placeholder-output-/, 'prefix-west'],
    ['not from a stack of that name in another region', { '123456789012/eu-west-1/producer-stack': { TopicName: 'orders', QueueSuffix: 'west' } }, /^placeholder-output-/, /^prefix-placeholder-output-/],
    ['not from another account', { '210987654321/us-east-1/producer-stack': { TopicName: 'orders' } }, /^placeholder-output-/, /^prefix-placeholder-output-/],
    ['none for an output the stack does not declare (a placeholder, [unconfirmed])', { '123456789012/us-east-1/producer-stack': { Other: 'x' } }, /^placeholder-output-/, /^prefix-placeholder-output-/],
  ])('Fn::GetStackOutput and the outputs of a stack already deployed: read %s', (_name, stackOutputs, topic, queue) => {
    const { resources } = resolveFile(join(RESOLVE, 'stack-outputs.yaml'), { stackOutputs });
    expect(resources.find((r) => r.logicalId === 'Topic')?.properties.DisplayName).toEqual(typeof topic === 'string' ? topic : expect.stringMatching(topic));
    expect(resources.find((r) => r.logicalId === 'Queue')?.properties.QueueName).toEqual(typeof queue === 'string' ? queue : expect.stringMatching(queue));
  });

  it("Fn::GetStackOutput's RoleArn names the account whose stack is read", () => {
    const template = (roleArn: string): string =>
      JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetStackOutput': { StackName: 'shared', OutputName: 'Name', RoleArn: roleArn } } } } } });
    const stackOutputs = { '210987654321/us-east-1/shared': { Name: 'theirs' }, '123456789012/us-east-1/shared': { Name: 'ours' } };
    const display = (roleArn: string): unknown => resolveTemplate(readTemplate('t.json', template(roleArn)), stackOptions({ stackOutputs })).resources[0]?.properties.DisplayName;
    expect([display('arn:aws:iam::210987654321:role/reader'), display('arn:aws:iam::123456789012:role/reader')]).toEqual(['theirs', 'ours']);
  });

  // CDK's strong cross-region references: the consumer reads `Fn::GetAtt [ExportsReader, /cdk/exports/…]`, which the
  // reader's provider answers with the SSM parameter the writer stack stored; it was a made-up `<id>./cdk/exports/…`.
  it.each<[string, Record<string, string>, string | RegExp, string[]]>([
    ['the SSM parameter the run knows', { '/cdk/exports/West/KeysRefBucket': 'keys-bucket' }, 'keys-bucket-replica', []],
    ['one nobody gave: the dynamic reference\'s placeholder, with its warning', {}, /^placeholder-[0-9a-f]{12}-replica$/, ['RES_DYNAMIC_REFERENCE_PLACEHOLDER']],
  ])("Fn::GetAtt of a cross-region reference reader's parameter path is %s", (_name, ssmParameters, bucketName, warnings) => {
    const path = '/cdk/exports/West/KeysRefBucket';
    const template = {
      Resources: {
        ExportsReader: { Type: 'Custom::CrossRegionExportReader', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:reader', ReaderProps: { region: 'eu-west-1', prefix: 'West', imports: { [path]: `{{resolve:ssm:${path}}}` } } } },
        Replica: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ExportsReader', path] }, '-replica']] } } },
      },
    };
    const resolved = resolveTemplate(readTemplate('t.json', JSON.stringify(template)), stackOptions({ ssmParameters }));
    expect(resolved.resources.find((r) => r.logicalId === 'Replica')?.properties.BucketName).toEqual(typeof bucketName === 'string' ? bucketName : expect.stringMatching(bucketName));
    expect(resolved.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<[string, unknown]>([
    ['Fn::Sub of a macro', { 'Fn::Sub': { 'Fn::Transform': { Name: 'DynamicUserData' } } }],
    ['Fn::Sub of a macro, with variables', { 'Fn::Sub': [{ 'Fn::Transform': { Name: 'DynamicUserData' } }, {}] }],
  ])('%s is the macro the simulator does not run (RES_TRANSFORM), not a wrong argument', (_name, expr) => {
    const template = { Resources: { Probe: { Type: 'Custom::Probe', Properties: { ServiceToken: 't', V: expr } } } };
    expect(refusal(() => resolveTemplate(sourceOf(template), stackOptions())).map((d) => d.code)).toEqual(['RES_TRANSFORM']);
  });

  it.each<[string, unknown]>([
    ['a list', ['producer-stack', 'TopicName']],
    ['no OutputName', { StackName: 'producer-stack' }],
    ['an unknown key', { StackName: 'producer-stack', OutputName: 'TopicName', Account: '123456789012' }],
    ['an OutputName that is not a string', { StackName: 'producer-stack', OutputName: ['TopicName'] }],
  ])('Fn::GetStackOutput refuses %s', (_name, argument) => {
    const template = { Resources: { Probe: { Type: 'Custom::Probe', Properties: { ServiceToken: 't', V: { 'Fn::GetStackOutput': argument } } } } };
    expect(refusal(() => resolveTemplate(sourceOf(template), stackOptions())).map((d) => d.code)).toEqual(['RES_FUNCTION_ARGUMENTS']);
  });

  // An empty StackName was read as a stack nobody can name: "the output X of stack  is read" (h34).
  it.each<[string, Record<string, unknown>, string, string]>([
    ['an empty StackName', { StackName: '', OutputName: 'TopicName' }, '/StackName', 'Fn::GetStackOutput: StackName is empty; it names the stack whose output is read'],
    ['a StackName that resolves to nothing', { StackName: { 'Fn::Sub': '' }, OutputName: 'TopicName' }, '/StackName', 'Fn::GetStackOutput: StackName is empty; it names the stack whose output is read'],
    ['an empty OutputName', { StackName: 'producer-stack', OutputName: '' }, '/OutputName', "Fn::GetStackOutput: OutputName is empty; it names that stack's output"],
  ])('Fn::GetStackOutput refuses %s, at that key', (_name, argument, key, message) => {
    const template = { Resources: { Probe: { Type: 'Custom::Probe', Properties: { ServiceToken: 't', V: { 'Fn::GetStackOutput': argument } } } } };
    expect(refusal(() => resolveTemplate(sourceOf(template), stackOptions()))).toEqual([
      expect.objectContaining({ code: 'RES_FUNCTION_ARGUMENTS', path: `/Resources/Probe/Properties/V/Fn::GetStackOutput${key}`, message }),
    ]);
  });

  it('GetAtt of a declared property returns its value', () => {
    const { outputs, resources } = resolveFile(join(RESOLVE, 'property-attributes.yaml'));
    expect(outputs.Delay).toBe(5);
    expect(outputs.Hostnames).toBe('resource-name');
    expect((resources.find((r) => r.logicalId === 'Rule')?.properties.Targets as Array<Record<string, unknown>>)[0]?.Id).toBe('alarms');
  });

  it.each<[string, string, string]>([
    ['a property the resource does not declare', 'AWS::SNS::Topic', 'KmsMasterKeyId'],
    ['a property of a type that returns only its documented attributes', 'AWS::Logs::LogGroup', 'RetentionInDays'],
    ['a name that is no property', 'AWS::SQS::Queue', 'Nothing'],
  ])('GetAtt still refuses %s', (_name, type, attribute) => {
    const template = { Resources: { R: { Type: type, Properties: { RetentionInDays: 7, DisplayName: 'd', DelaySeconds: 1 } }, Probe: { Type: 'Custom::Probe', Properties: { ServiceToken: 't', V: { 'Fn::GetAtt': ['R', attribute] } } } } };
    expect(refusal(() => resolveTemplate(sourceOf(template), stackOptions())).map((d) => d.code)).toEqual(['RES_UNKNOWN_ATTRIBUTE']);
  });

  // Attributes the service returns that the spec's attribute list lacks: found in real templates (Service Catalog
  // reference architectures and products) that the service deploys.
  it.each<[string, string, Record<string, unknown>, string, RegExp]>([
    ["a provisioned product's output", 'AWS::ServiceCatalog::CloudFormationProvisionedProduct', { ProductName: 'p', ProvisioningArtifactName: 'v1' }, 'Outputs.AccountId', /\.Outputs\.AccountId$/],
    ["a nested stack's output (not simulated: an https URL)", 'AWS::CloudFormation::Stack', { TemplateURL: 'https://example.com/t.yaml' }, 'Outputs.VpcId', /\.Outputs\.VpcId$/],
    ["an Elasticsearch domain's DomainArn (read-only in its registry schema)", 'AWS::Elasticsearch::Domain', {}, 'DomainArn', /^arn:aws:es:us-east-1:123456789012:domain\//],
    ["an OpenSearch domain's DomainArn", 'AWS::OpenSearchService::Domain', {}, 'DomainArn', /^arn:aws:es:us-east-1:123456789012:domain\//],
  ])('GetAtt accepts %s', (_name, type, properties, attribute, value) => {
    const template = { Resources: { R: { Type: type, Properties: properties } }, Outputs: { X: { Value: { 'Fn::GetAtt': ['R', attribute] } } } };
    expect(String(resolveTemplate(sourceOf(template), stackOptions()).outputs.X)).toMatch(value);
  });

  it.each<[string, string]>([
    ['AWS::ServiceCatalog::CloudFormationProvisionedProduct', 'Outputs.'],
    ['AWS::ServiceCatalog::CloudFormationProduct', 'Outputs.AccountId'],
    ['AWS::OpenSearchService::Domain', 'Outputs.X'],
  ])('GetAtt of %s still refuses %s', (type, attribute) => {
    const template = { Resources: { R: { Type: type, Properties: {} } }, Outputs: { X: { Value: { 'Fn::GetAtt': ['R', attribute] } } } };
    expect(refusal(() => resolveTemplate(sourceOf(template), stackOptions())).map((d) => d.code)).toEqual(['RES_UNKNOWN_ATTRIBUTE']);
  });

  it.each<[string, string]>([
    ['a string attribute of a catalogued type', '{"Fn::Join": [",", {"Fn::GetAtt": ["Bucket", "Arn"]}]}'],
    ['a list attribute of a catalogued type past its end', '{"Fn::Select": ["5", {"Fn::GetAtt": ["Vpc", "Ipv6CidrBlocks"]}]}'],
    ['a string that is not a GetAtt', '{"Fn::Select": ["0", "abc"]}'],
  ])('a list position still refuses %s', (_name, expr) => {
    const template = JSON.parse(
      `{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}, "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}, "C": {"Type": "Custom::C", "Properties": {"ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:f"}}, "Probe": {"Type": "Custom::Probe", "Properties": {"ServiceToken": "t", "V": ${expr}}}}}`,
    ) as Record<string, unknown>;
    const codes = refusal(() => resolveTemplate(sourceOf(template), stackOptions())).map((d) => d.code);
    expect(codes.length).toBe(1);
    expect(['RES_FUNCTION_ARGUMENTS', 'RES_SELECT_INDEX']).toContain(codes[0]);
  });

  it('Ref of an ACM certificate is an ARN, of a VPC a vpc- id, of a managed policy an ARN', () => {
    const { outputs } = resolveFile(join(RESOLVE, 'ref-shapes.yaml'));
    expect(outputs.CertificateId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(outputs.CertificateRegion).toBe('us-east-1');
    expect(outputs.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(outputs.PolicyArn).toMatch(/^arn:aws:iam::123456789012:policy\//);
  });

  // cfn-modules' subnet stacks cut their blocks from an export of the VPC stack (`<vpc stack>-CidrBlock`).
  it.each<[string, unknown, RegExp, string[]]>([
    ['an IPv4 block named by its export', { 'Fn::ImportValue': 'vpc-CidrBlock' }, /^10\.\d+\.1\.0\/24$/, ['RES_IMPORT_VALUE_PLACEHOLDER']],
    ['an IPv6 block named by its export', { 'Fn::ImportValue': 'vpc-CidrBlockIPv6' }, /^2600:1f18:[0-9a-f]{4}:1::\/64$/, ['RES_IMPORT_VALUE_PLACEHOLDER']],
    ['an export whose name does not say it is a block', { 'Fn::ImportValue': 'shared-range' }, /^10\.\d+\.1\.0\/24$/, ['RES_CIDR_PLACEHOLDER', 'RES_IMPORT_VALUE_PLACEHOLDER']],
    ["a custom resource's attribute", { 'Fn::GetAtt': ['Ipam', 'Block'] }, /^10\.\d+\.1\.0\/24$/, ['RES_CIDR_PLACEHOLDER']],
  ])('Fn::Cidr of %s cuts subnets from a placeholder block', (_name, block, subnet, codes) => {
    const bits = JSON.stringify(block).includes('IPv6') ? 64 : 8;
    const template = {
      Resources: { Ipam: { Type: 'Custom::Ipam', Properties: { ServiceToken: 't' } } },
      Outputs: { Subnet: { Value: { 'Fn::Select': [1, { 'Fn::Cidr': [block, 4, bits] }] } } },
    };
    const resolved = resolveTemplate(sourceOf(template), stackOptions());
    expect(resolved.outputs.Subnet).toMatch(subnet);
    expect(resolved.warnings.map((w) => w.code)).toEqual(codes);
  });

  it.each<[string, unknown, Partial<ResolveOptions>]>([
    ['a literal that is no block', 'not-a-block', {}],
    ['a made-up value under --strict-parameters', { 'Fn::GetAtt': ['Ipam', 'Block'] }, { strictParameters: true }],
  ])('Fn::Cidr still refuses %s', (_name, block, options) => {
    const template = {
      Resources: { Ipam: { Type: 'Custom::Ipam', Properties: { ServiceToken: 't' } } },
      Outputs: { Subnet: { Value: { 'Fn::Select': [1, { 'Fn::Cidr': [block, 4, 8] }] } } },
    };
    expect(refusal(() => resolveTemplate(sourceOf(template), { ...stackOptions(), ...options })).map((d) => d.code)).toEqual(['RES_CIDR']);
  });

  describe('an Fn::Select beyond the parts of a value the simulator made up', () => {
    it('warns, located, naming the value, and uses a placeholder (the real value has its own shape)', () => {
      const { outputs, warnings, resources } = resolveFile(join(RESOLVE, 'made-up-selects.yaml'));
      // Once per made-up value, at its first use: a part of a part, and the output's select, are the same value.
      expect(warnings.map((w) => [w.code, w.path])).toEqual([
        ['RES_SELECT_PLACEHOLDER', '/Resources/Topic/Properties/TopicName/Fn::Select/1/Fn::Split/1/Fn::Select/0'],
        ['RES_SELECT_PLACEHOLDER', '/Resources/Topic/Properties/DisplayName/Fn::Select/0'],
      ]);
      expect(warnings[0]?.message).toMatch(/^Fn::Select index 5 is beyond the 1 part of the Ref of Provider \(Custom::ThirdPartyThing\), a value the simulator made up/);
      expect(warnings[1]?.message).toMatch(/the 1 part of Provider\.Endpoint \(Custom::ThirdPartyThing\)/);
      // The placeholder is made up too: splitting it again warns about the same value, not about a literal.
      expect(resources.find((r) => r.logicalId === 'Topic')?.properties.TopicName).toMatch(/^placeholder-part-[0-9a-f]{12}$/);
      expect(outputs.Resource).toMatch(/^placeholder-part-[0-9a-f]{12}$/);
    });

    it('is refused as the service refuses it under --strict-parameters', () => {
      const [first] = refusal(() => resolveFile(join(RESOLVE, 'made-up-selects.yaml'), { strictParameters: true }));
      expect(first?.code).toBe('RES_SELECT_INDEX');
    });

    // Amplify (Gen 1) category templates name their bucket from the 4th part of the stack name
    // (`amplify-<app>-<env>-<id>-…`); a stack name taken from the file's name has no such part.
    const amplifyBucket = {
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['', ['media', { 'Fn::Select': [3, { 'Fn::Split': ['-', { Ref: 'AWS::StackName' }] }] }]] } } } },
    };
    it.each<[string, Partial<ResolveOptions>, string | RegExp]>([
      ['a stack name guessed from the file: a placeholder part, and a warning naming it', { stackName: 's3-cloudformation-template', stackNameGuessed: true }, /^mediaplaceholder-part-[0-9a-f]{12}$/],
      ['a stack name the user gave: its own part', { stackName: 'amplify-shop-dev-123456-storage', stackNameGuessed: true }, 'media123456'],
      ['a stack name the user gave without the part: refused, as the service refuses it', { stackName: 's3-cloudformation-template' }, 'RES_SELECT_INDEX'],
      ['a guessed stack name under --strict-parameters: refused', { stackName: 's3-cloudformation-template', stackNameGuessed: true, strictParameters: true }, 'RES_SELECT_INDEX'],
    ])('%s', (_name, options, expected) => {
      if (expected === 'RES_SELECT_INDEX') {
        expect(refusal(() => resolveTemplate(sourceOf(amplifyBucket), stackOptions(options))).map((d) => d.code)).toEqual(['RES_SELECT_INDEX']);
        return;
      }
      const resolved = resolveTemplate(sourceOf(amplifyBucket), stackOptions(options));
      expect(resolved.resources.find((r) => r.logicalId === 'Bucket')?.properties.BucketName).toMatch(expected);
      const placeholders = resolved.warnings.filter((w) => w.code === 'RES_SELECT_PLACEHOLDER').map((w) => w.message);
      expect(placeholders).toEqual(typeof expected === 'string' ? [] : [expect.stringMatching(/^Fn::Select index 3 is beyond the 3 parts of the stack name s3-cloudformation-template, taken from the template's file name \(--stack-name gives the real one\)/)]);
    });

    // aws-samples/aws-stepfunctions-examples (monte-carlo-simulation) names a bucket from the 8th '-' part of the stack
    // id, which a hyphenated stack name makes: the id holds the name, so a guessed name makes its parts a guess too.
    const stackIdBucket = {
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['', ['src', { 'Fn::Select': [7, { 'Fn::Split': ['-', { Ref: 'AWS::StackId' }] }] }]] } } } },
    };
    it.each<[string, Partial<ResolveOptions>, string | RegExp]>([
      ['a stack id on a stack name guessed from the file: a placeholder part, and a warning naming it', { stackName: 'main', stackNameGuessed: true }, /^srcplaceholder-part-[0-9a-f]{12}$/],
      ['a stack id on a guessed name that has the part: its own part', { stackName: 'sfn-montecarlo', stackNameGuessed: true }, /^src[0-9a-f]{12}$/],
      ['a stack id on a name the user gave without the part: refused, as the service refuses it', { stackName: 'main' }, 'RES_SELECT_INDEX'],
      ['a stack id on a guessed name under --strict-parameters: refused', { stackName: 'main', stackNameGuessed: true, strictParameters: true }, 'RES_SELECT_INDEX'],
    ])('%s', (_name, options, expected) => {
      if (expected === 'RES_SELECT_INDEX') {
        expect(refusal(() => resolveTemplate(sourceOf(stackIdBucket), stackOptions(options))).map((d) => d.code)).toEqual(['RES_SELECT_INDEX']);
        return;
      }
      const resolved = resolveTemplate(sourceOf(stackIdBucket), stackOptions(options));
      expect(resolved.resources.find((r) => r.logicalId === 'Bucket')?.properties.BucketName).toMatch(expected);
      const placeholders = resolved.warnings.filter((w) => w.code === 'RES_SELECT_PLACEHOLDER').map((w) => w.message);
      expect(placeholders).toEqual(options.stackName === 'main' ? [expect.stringMatching(/^Fn::Select index 7 is beyond the 7 parts of the stack id arn:aws:cloudformation:[^ ]*:stack\/main\/[^ ]*, built on the stack name taken from the template's file name/)] : []);
    });

    // aws-cloudformation-templates' EFS/efs_with_automount_to_ec2 mounts in a 4th subnet of its Subnets parameter.
    it.each<[string, string, string | RegExp]>([
      ["a list parameter's placeholder (its length is a guess too)", '{"Fn::Select": [3, {"Ref": "Subnets"}]}', /^placeholder-part-[0-9a-f]{12}$/],
      ['a list the template writes around a guessed value (its length is the template\'s own)', '{"Fn::Select": [2, [{"Ref": "Name"}, {"Ref": "Name"}]]}', 'RES_SELECT_INDEX'],
    ])('an Fn::Select beyond %s', (_name, expr, expected) => {
      const template = JSON.parse(
        `{"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}, "Name": {"Type": "String"}}, "Resources": {"Probe": {"Type": "Custom::Probe", "Properties": {"ServiceToken": "t", "V": ${expr}}}}}`,
      ) as Record<string, unknown>;
      const options = stackOptions({ placeholderParameters: true });
      if (expected === 'RES_SELECT_INDEX') {
        expect(refusal(() => resolveTemplate(sourceOf(template), options)).map((d) => d.code)).toEqual(['RES_SELECT_INDEX']);
        return;
      }
      const resolved = resolveTemplate(sourceOf(template), options);
      expect(resolved.resources.find((r) => r.logicalId === 'Probe')?.properties.V).toMatch(expected);
      expect(resolved.warnings.filter((w) => w.code === 'RES_SELECT_PLACEHOLDER').map((w) => w.message)).toEqual([
        expect.stringMatching(/^Fn::Select index 3 is beyond the 3 parts of a placeholder of --placeholder-parameters \(give it with --parameter Subnets=<value>\)/),
      ]);
    });

    it("is refused when the value is the template's own (a name it declares), as the service refuses it", () => {
      const [first] = refusal(() => resolveFile(join(RESOLVE, 'declared-select.yaml')));
      expect([first?.code, first?.message]).toEqual(['RES_SELECT_INDEX', 'Template error: Fn::Select cannot select nonexistent value at index 1 (the list has 1 item)']);
    });
  });

  it('values CDK constructs split are shaped as the service returns them', () => {
    const { outputs } = resolveFile(join(RESOLVE, 'cdk-ref-shapes.yaml'));
    expect(outputs.SecretName).toBe('team/api-key-dev');
    expect(outputs.UnnamedSecretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:[^:]+-[A-Za-z0-9]{6}$/);
    expect(outputs.BalancerDimension).toMatch(/^net\/[^/]+\/[0-9a-f]{16}$/);
    expect(outputs.GroupArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/[^/]+\/[0-9a-f]{16}$/);
    expect(outputs.MeshName).toMatch(/^placeholder-export-[0-9a-f]{12}$/);
    expect(outputs.SsmRoleName).toMatch(/^placeholder-[0-9a-f]{12}$/);
    expect(outputs.Learn).toMatch(/^placeholder-[0-9a-f]{12}$/);
  });

  it.each<[string, string]>([
    ['AWS::SecretsManager::Secret', 'Secret'],
    ['AWS::ElasticLoadBalancingV2::Listener', 'Listener'],
  ])('Ref of %s is an ARN', (_type, logicalId) => {
    const { resources } = resolveFile(join(RESOLVE, 'cdk-ref-shapes.yaml'));
    expect(resources.find((r) => r.logicalId === logicalId)?.physicalId).toMatch(/^arn:aws:/);
  });

  it("the OIDC provider's Ref is its ARN, split by CDK into the issuer's condition keys", () => {
    const { resources } = resolveFile(join(RESOLVE, 'cdk-ref-shapes.yaml'));
    const value = resources.find((r) => r.logicalId === 'Conditions')?.properties.Value;
    expect(value).toBe('{"oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud":"sts.amazonaws.com"}');
  });

  it('placeholders are deterministic, shaped by type, and named in the warnings', () => {
    const first = resolveFile(join(RESOLVE, 'ssm-parameters.yaml'));
    const again = resolveFile(join(RESOLVE, 'ssm-parameters.yaml'));
    expect(plain(again.resources)).toEqual(plain(first.resources));
    const instance = first.resources.find((r) => r.logicalId === 'Instance');
    expect(instance?.properties.ImageId).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(instance?.properties.AvailabilityZone).toBe('us-east-1c');
    const messages = first.warnings.map((w) => w.message).join('\n');
    expect(messages).toMatch(/parameter 'BootstrapVersion' \(AWS::SSM::Parameter::Value<String>\) reads SSM parameter \/cdk-bootstrap\/hnb659fds\/version/);
    expect(messages).toMatch(/SSM parameter \/example\/owner was not given/);
    expect(messages).toMatch(/Fn::ImportValue shared-prefix: no export of that name was given/);
  });

  it('given values win over placeholders', () => {
    const resolved = resolveFile(join(RESOLVE, 'ssm-parameters.yaml'), {
      ssmParameters: { '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64': 'ami-given', '/example/zones': 'z1,z2,z3' },
      exports: { 'shared-prefix': 'team' },
    });
    const instance = resolved.resources.find((r) => r.logicalId === 'Instance');
    expect(instance?.properties.ImageId).toBe('ami-given');
    expect(instance?.properties.AvailabilityZone).toBe('z3');
    expect(resolved.resources.find((r) => r.logicalId === 'Queue')?.properties.QueueName).toBe('team-queue');
  });

  it('--strict-parameters refuses every value nobody gave, as the service refuses one that does not exist', () => {
    const codes = refusal(() => resolveFile(join(RESOLVE, 'ssm-parameters.yaml'), { strictParameters: true })).map((d) => d.code);
    expect(codes).toEqual(['RES_PARAMETER_SSM', 'RES_PARAMETER_SSM', 'RES_PARAMETER_SSM']);
  });

  it.each<[string, string]>([
    ['YAML', 'duplicate-keys.yaml'],
    ['JSON', 'duplicate-keys.json'],
    ['YAML with a flow mapping indented less than its key', 'flow-map-under-indented.yaml'],
  ])('a duplicate key in %s: the last value wins, with a warning', (_name, file) => {
    const resolved = resolveFile(join(TEMPLATE, file));
    expect(resolved.resources[0]?.properties.QueueName).toBe('second');
    expect(resolved.warnings.map((w) => [w.code, w.severity])).toEqual([['TPL_DUPLICATE_KEY', 'warning']]);
    expect(resolved.warnings[0]?.line).toBeGreaterThan(1);
  });
});

describe('YAML read as the service (PyYAML) reads it', () => {
  it('a quoted scalar whose closing line is indented no deeper than its key', () => {
    const resolved = resolveFile(join(TEMPLATE, 'quoted-under-indented.yaml'));
    const role = resolved.resources.find((r) => r.logicalId === 'Role');
    const policies = role?.properties.Policies as Array<Record<string, unknown>>;
    expect(JSON.parse(String(policies[0]?.PolicyDocument))).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(resolved.warnings).toEqual([]);
  });

  it.each([['YAML', 'whole-floats.yaml'], ['JSON', 'whole-floats.json']])('%s: a whole float written with a fraction keeps it (`4.0` is "4.0", as the service writes a double); others stay numbers', (_format, file) => {
    const resolved = resolveFile(join(TEMPLATE, file));
    const job = resolved.resources.find((r) => r.logicalId === 'Job');
    expect(plain(job?.properties)).toMatchObject({ GlueVersion: '4.0', MaxCapacity: 2.5, Command: { PythonVersion: 3 }, Tags: { Version: '4.0', Four: 'yes', Second: 'b' } });
    expect(resolved.warnings).toEqual([]);
  });

  it('with AWS::LanguageExtensions a null-valued key is left out, with a warning at the key; without it, refused', () => {
    const file = join(TEMPLATE, 'language-extensions-null-pairs.yaml');
    const resolved = resolveFile(file);
    expect(resolved.resources.map((r) => r.logicalId).sort()).toEqual(['EndpointsQueuea', 'EndpointsQueueb', 'Topic', 'WorkloadQueuea', 'WorkloadQueueb']);
    expect(resolved.resources.find((r) => r.logicalId === 'WorkloadQueueb')?.properties.QueueName).toBe('Workload-b');
    expect(resolved.warnings.map((w) => [w.code, w.severity, w.path, w.line])).toEqual([
      ['TPL_NULL_DROPPED', 'warning', '/Resources/Fn::ForEach::Tiers/2/${Tier}', 11],
      ['TPL_NULL_DROPPED', 'warning', '/Resources/Topic/Properties', 21],
    ]);
    const without = readFileSync(file, 'utf8').replace('Transform: AWS::LanguageExtensions\n', '');
    const diagnostics = refusal(() => readTemplate('no-transform.yaml', without));
    expect(diagnostics.map((d) => d.code)).toEqual(['TPL_NULL_VALUE', 'TPL_NULL_VALUE']);
    // A whole resource or output that is null is the transform's own refusal (aws-sam-cli's port of it).
    const wholeNulls = `${readFileSync(file, 'utf8')}  Gone:\nOutputs:\n  Nothing:\n`;
    expect(refusal(() => readTemplate('whole-nulls.yaml', wholeNulls)).map((d) => [d.code, d.path, d.message])).toEqual([
      ['TPL_NULL_VALUE', '/Resources/Gone', "Transform AWS::LanguageExtensions failed with: [/Resources/Gone] resource definition is malformed"],
      ['TPL_NULL_VALUE', '/Outputs/Nothing', "Transform AWS::LanguageExtensions failed with: [/Outputs/Nothing] 'null' values are not allowed in templates"],
    ]);
  });

  it('with the SAM transform a null property of a SAM resource is read as not given; any other null is refused', () => {
    const file = join(TEMPLATE, 'sam-null-property.json');
    const resolved = resolveFile(file);
    expect(resolved.resources.map((r) => r.logicalId)).toEqual(['WebFunction', 'Uploads']);
    expect(resolved.warnings.filter((w) => w.code === 'TPL_NULL_DROPPED').map((w) => [w.severity, w.path, w.line, w.message])).toEqual([
      ['warning', '/Resources/WebFunction/Properties/Role', 13, 'Role is null: the AWS::Serverless-2016-10-31 transform reads it as not given, as CloudFormation would (give it a value, or remove it)'],
      ['warning', '/Resources/WebFunction/Properties/Events/Upload/Properties/BatchSize', 20, 'BatchSize is null: the AWS::Serverless-2016-10-31 transform reads it as not given, as CloudFormation would (give it a value, or remove it)'],
    ]);
    const text = readFileSync(file, 'utf8');
    const elsewhere = [
      text.replace('"KmsMasterKeyId": "alias/aws/sqs"', '"KmsMasterKeyId": null'),
      text.replace('"MemorySize": 512', '"Environment": {"Variables": {"STAGE": null}}'),
      // Deeper in an event source, where SAM copies the value as written.
      text.replace('"Filters": [{"Pattern": "{}"}]', '"Filters": null'),
    ];
    for (const variant of elsewhere) expect(refusal(() => readTemplate('variant.json', variant)).map((d) => d.code)).toEqual(['TPL_NULL_VALUE']);
  });

  it('with the SAM transform a null inside a SAM state machine\'s Definition is kept (SAM writes it out as JSON null); elsewhere refused', () => {
    const file = join(TEMPLATE, 'sam-state-machine-null.yaml');
    const resolved = resolveFile(file);
    // A SAM resource is passed through as written (its Ref is SAM's to rewrite); the null stands beside it.
    const machine = resolved.resources.find((r) => r.logicalId === 'Machine');
    expect(plain(machine?.properties)).toEqual({
      Definition: { StartAt: 'Record', States: { Record: { Type: 'Pass', ResultPath: null, Parameters: { Items: ['first', null, { Ref: 'AWS::Region' }] }, End: true } } },
      Policies: [],
    });
    expect(resolved.warnings.map((w) => w.code)).toEqual(['RES_SAM_PASSTHROUGH']);
    const text = readFileSync(file, 'utf8');
    const D = '/Resources/Machine/Properties/Definition/States/Record';
    const refused: Array<[string, string, string[]]> = [
      // The same definition on the resource CloudFormation reads as it stands.
      ['on AWS::StepFunctions::StateMachine', text.replace('            Type: Pass\n            End: true', '            Type: Pass\n            ResultPath: null\n            End: true'), ['/Resources/Plain/Properties/Definition/States/Record/ResultPath']],
      // Without the transform nothing writes the definition out.
      ['without the transform', text.replace('Transform: AWS::Serverless-2016-10-31\n', ''), [`${D}/ResultPath`, `${D}/Parameters/Items/1`]],
      // A null beside the definition, in another property of the SAM resource.
      ['in another property', text.replace('      Policies: []', '      Policies: [null]'), ['/Resources/Machine/Properties/Policies/0']],
    ];
    for (const [, variant, paths] of refused) {
      expect(refusal(() => readTemplate('variant.yaml', variant)).map((d) => [d.code, d.path])).toEqual(paths.map((path) => ['TPL_NULL_VALUE', path]));
    }
  });

  it('a lone `-` in a flow collection is the text "-", as PyYAML reads it', () => {
    const resolved = resolveFile(join(TEMPLATE, 'flow-dash.yaml'));
    expect(plain(resolved.resources[0]?.properties)).toEqual({
      TopicName: 'R81.20-GW',
      DisplayName: 'a flow [-, b] in a string',
      Tags: [
        { Key: 'last', Value: 'x-' },
        { Key: 'mapping', Value: 'a' },
      ],
    });
    expect(resolved.outputs.Dash).toBe('-');
    expect(resolved.warnings).toEqual([]);
  });

  it.each([['a space before the separator', 'a: [- , x]'], ['a space before the closer', 'a: [x, - ]'], ['a space before a mapping\'s closer', 'a: {k: - }']])(
    'a `-` with %s is a block entry to PyYAML too, and refused',
    (_name, text) => {
      expect(refusal(() => readTemplate('dash.yaml', `${text}\nResources: {Q: {Type: AWS::SQS::Queue}}\n`)).map((d) => d.code)).toContain('TPL_YAML_SYNTAX');
    },
  );

  it('an unquoted yes, no, on or off is a boolean, as the service reads YAML 1.1; quoted or tagged, text', () => {
    const resolved = resolveFile(join(TEMPLATE, 'yaml11-booleans.yaml'));
    expect(plain(resolved.resources[0]?.properties)).toEqual({
      Tags: [
        { Key: 'unquoted', Value: true },
        { Key: 'quoted', Value: 'yes' },
        { Key: 'letter', Value: 'y' },
        { Key: 'feature', Value: 'enabled' },
        { Key: 'tagged', Value: 'off' },
      ],
    });
  });

  it('JSON with commas before closing brackets is read, as the service reads it, with one warning at the first', () => {
    const resolved = resolveFile(join(TEMPLATE, 'trailing-commas.json'));
    expect(plain(resolved.resources[0]?.properties)).toEqual({ KmsMasterKeyId: 'alias/aws/sqs', Tags: [{ Key: 'team', Value: 'a, ]' }] });
    expect(resolved.warnings.map((w) => [w.code, w.severity, w.line, w.column])).toEqual([['TPL_JSON_TRAILING_COMMA', 'warning', 10, 45]]);
    expect(resolved.warnings[0]?.message).toMatch(/^5 commas before a closing bracket/);
  });

  it('JSON with line breaks and tabs written inside strings is read, as the service reads it, keeping them, with one warning at the first', () => {
    const resolved = resolveFile(join(TEMPLATE, 'control-characters.json'));
    expect(plain(resolved.resources[0]?.properties)).toEqual({ KmsMasterKeyId: 'alias/aws/sqs', Tags: [{ Key: 'note', Value: 'a\nb' }] });
    expect(resolved.warnings.map((w) => [w.code, w.line, w.column])).toEqual([
      ['TPL_JSON_CONTROL_CHARACTER', 3, 36],
      ['TPL_JSON_TRAILING_COMMA', 10, 4],
    ]);
    expect(resolved.warnings[0]?.message).toMatch(/^3 control characters \(a line break or tab written as itself\) inside a string/);
  });

  // The service "first checks if the template is valid JSON. If it isn't, CloudFormation checks if the template is
  // valid YAML" (the user guide's "Validating a template"): text that begins with `{` and is YAML is read as YAML.
  it.each<[string, string, Record<string, unknown>, [string, number, number]]>([
    ['an unquoted key', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {DelaySeconds: 5}}}}', { DelaySeconds: 5 }, ['TPL_JSON_READ_AS_YAML', 1, 64]],
    ["single quotes", "{\"Resources\": {\"Q\": {\"Type\": 'AWS::SQS::Queue', \"Properties\": {\"A\": 'x'}}}}", { A: 'x' }, ['TPL_JSON_READ_AS_YAML', 1, 30]],
    ['a line break inside a string and a leading zero', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"A": "x\ny", "B": 01}}}}', { A: 'x y', B: 1 }, ['TPL_JSON_READ_AS_YAML', 1, 71]],
    ['a trailing comma and a leading zero', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"A": [1, 2,], "B": 01}}}}', { A: [1, 2], B: 1 }, ['TPL_JSON_READ_AS_YAML', 1, 84]],
  ])('JSON text with %s that YAML reads is read as YAML, as the service reads it, with one warning at the JSON fault', (_case, text, properties, [code, line, column]) => {
    const read = readTemplate('t.json', text);
    const body = read.body as { Resources: { Q: { Properties: unknown } } };
    expect(plain(body.Resources.Q.Properties)).toEqual(properties);
    expect(read.warnings?.map((w) => [w.code, w.line, w.column])).toEqual([[code, line, column]]);
    expect(read.warnings?.[0]?.message).toMatch(/^not JSON here \((expected|a control character).*\), so CloudFormation reads the template as YAML, /);
  });

  it.each<[string, string, number]>([
    ['text after the mapping', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}} trailing', 51],
    ['an unclosed list', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"A": [1, 2}}}}', 74],
  ])('JSON text with %s, which YAML refuses too, is refused at its JSON fault', (_case, text, column) => {
    const diagnostics = refusal(() => readTemplate('t.json', text));
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TPL_JSON_SYNTAX', 1, column]]);
  });

  it('a quoted scalar never closed is still refused, located', () => {
    const diagnostics = refusal(() => resolveFile(join(TEMPLATE, 'quoted-unclosed.yaml')));
    expect(diagnostics[0]).toMatchObject({ code: 'TPL_YAML_SYNTAX', line: expect.any(Number) as number });
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(15);
  });
});

describe('templates the service refuses are refused with its text', () => {
  it('types the registry does not have', () => {
    const diagnostics = refusal(() => resolveFile(join(RESOLVE, 'unknown-types.yaml')));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'RES_UNRECOGNIZED_TYPE',
      message: 'Template format error: Unrecognized resource types: [AWS::S3::Buckett, AWS::S3::Bucket , aws::s3::bucket, MyOrg::Storage::Vault]',
      path: '/Resources/Typo/Type',
      line: 4,
    });
  });

  it('a module the account has (--known-type) is not expanded, and says so: never a silent pass', () => {
    const resolved = resolveFile(join(RESOLVE, 'module.yaml'), { knownTypes: ['MyCompany::*'] });
    expect(resolved.warnings.map((w) => [w.code, w.path, w.severity])).toEqual([['RES_MODULE_NOT_EXPANDED', '/Resources/Storage', 'warning']]);
    expect(resolved.warnings[0]?.message).toMatch(/AWS::S3::Bucket or AWS::SQS::Queue among them would be judged/);
    expect(refusal(() => resolveFile(join(RESOLVE, 'module.yaml'))).map((d) => d.code)).toEqual(['RES_UNRECOGNIZED_TYPE']);
  });

  it('a stack set and a provisioned product deploy stacks of their own, which the run says it does not simulate', () => {
    const resolved = resolveFile(join(RESOLVE, 'separate-stacks.yaml'));
    expect(resolved.warnings.map((w) => [w.code, w.path, w.severity])).toEqual([
      ['RES_SEPARATE_STACK', '/Resources/Buckets', 'warning'],
      ['RES_SEPARATE_STACK', '/Resources/Product', 'warning'],
    ]);
    expect(resolved.warnings[0]?.message).toMatch(/^Buckets \(AWS::CloudFormation::StackSet\) deploys its template .* as stacks of their own; .*Simulate that template on its own$/);
  });

  it('--known-type names the private and third-party types the account has', () => {
    const diagnostics = refusal(() => resolveFile(join(RESOLVE, 'unknown-types.yaml'), { knownTypes: ['MyOrg::*', 'AWS::S3::Buckett'] }));
    expect(diagnostics.map((d) => d.message)).toEqual(['Template format error: Unrecognized resource types: [AWS::S3::Bucket , aws::s3::bucket]']);
  });

  it('a GetAtt attribute the type does not have', () => {
    const diagnostics = refusal(() => resolveGetAtt('Vpc', 'NoSuchAttribute'));
    expect(diagnostics.map((d) => d.code)).toEqual(['RES_UNKNOWN_ATTRIBUTE']);
    expect(diagnostics[0]?.message).toMatch(/^Template error: resource Vpc does not support attribute type NoSuchAttribute in Fn::GetAtt/);
  });
});

function resolveGetAtt(logicalId: string, attribute: string): ResolvedTemplate {
  return resolveTemplate(
    sourceOf({ Resources: { [logicalId]: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } }, Outputs: { X: { Value: { 'Fn::GetAtt': [logicalId, attribute] } } } }),
    stackOptions(),
  );
}

describe('which types are recognised', () => {
  it.each<[string, readonly string[], boolean]>([
    ['AWS::S3::Bucket', [], true],
    ['Alexa::ASK::Skill', [], true],
    ['Custom::My-Resource_1', [], true],
    ['AWS::CloudFormation::CustomResource', [], true],
    ['AWS::CDK::Metadata', [], true],
    ['AWS::S3::Buckett', [], false],
    ['Custom::', [], false],
    ['MyOrg::Storage::Vault', [], false],
    ['MyOrg::Storage::Vault', ['MyOrg::*'], true],
    ['MyOrg::Storage::Vault', ['MyOrg::Storage::Vault'], true],
    ['MyOrg::Storage::Vault', ['Other::*'], false],
  ])('%s with known types %j: %s', (type, known, expected) => {
    expect(isRecognizedType(type, known)).toBe(expected);
  });
});

describe('Java AllowedPatterns are translated to JavaScript', () => {
  // Verdicts checked against java.util.regex.Pattern.matches (OpenJDK 17).
  it.each<[string, string, boolean]>([
    ['[a-z]++x', 'aaax', false],
    ['a*+a', 'aaaa', false],
    ['x{2}+y', 'xxy', true],
    ['(ab)++c', 'ababc', true],
    ['\\Aabc\\z', 'abc', true],
    ['\\Aabc\\Z', 'abc', true],
    ['\\p{Alpha}+', 'abcXYZ', true],
    ['\\p{Alpha}+', 'é', false],
    ['\\p{Alnum}{3}', 'a1B', true],
    ['\\p{Punct}', '!', true],
    ['\\p{javaLowerCase}+', 'abc', true],
    ['[^\\p{Alpha}]+', '123', true],
    ['\\P{Alpha}+', '123', true],
    ['(?i)abc', 'ABC', true],
    ['[[:alpha:]]+', 'abc', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['[\\w-\\+]+', 'a-+b', true],
    ['\\@x', '@x', true],
    ['[^]]', 'x', true],
    ['[a[bc]]+', 'abca', true],
    ['\\x{41}\\0101', 'AA', true],
    ['^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\\d{12}:key\\/[a-f0-9-]+$', 'arn:aws:kms:us-east-1:123456789012:key/abc-1', true],
  ])('%s against %j: %s', (pattern, input, expected) => {
    const translated = translateJavaPattern(pattern);
    if (!translated.ok) throw new Error(translated.reason);
    expect(translated.regex.test(input)).toBe(expected);
  });

  it.each<[string, RegExp]>([
    ['[a-z&&[^aeiou]]+', /class intersection/],
    ['a(?i:b)c', /inline flags/],
    ['(?x) a b', /comments mode/],
    ['a{,3}', /starts no repetition/],
  ])('%s is reported as untranslatable', (pattern, reason) => {
    const translated = translateJavaPattern(pattern);
    expect(translated.ok).toBe(false);
    if (!translated.ok) expect(translated.reason).toMatch(reason);
  });
});

describe('the resource-type catalogue (generated from @aws-cdk/aws-service-spec at build time)', () => {
  it('names the package it was built from', () => {
    expect(catalogSource()).toMatch(/^@aws-cdk\/aws-service-spec@\d+\.\d+\.\d+$/);
  });

  it.each<[string, string, AttributeKind]>([
    ['AWS::S3::Bucket', 'Arn', 'string'],
    ['AWS::EC2::VPC', 'Ipv6CidrBlocks', 'list'],
    ['AWS::EC2::VPC', 'CidrBlockAssociations', 'list'],
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'SecurityGroups', 'list'],
    ['AWS::DirectoryService::SimpleAD', 'DnsIpAddresses', 'list'],
  ])('%s.%s is a %s', (type, attribute, kind) => {
    expect(catalogType(type)?.attributes[attribute]).toBe(kind);
  });

  it.each<[string, RegExp]>([
    ['AWS::CertificateManager::Certificate', /Arn$/],
    ['AWS::SQS::Queue', /^QueueUrl$/],
  ])("%s's Ref is its %s", (type, ref) => {
    expect(catalogType(type)?.ref).toMatch(ref);
  });

  it.each(['AWS::S3::Buckett', 'aws::s3::bucket', 'AWS::S3::Bucket ', 'AWS::S3::Bucket\tx', ''])('has no entry for %j', (type) => {
    expect(catalogType(type)).toBeUndefined();
  });
});

describe('a property the type does not have is a located warning, the run goes on (RES_UNKNOWN_PROPERTY)', () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    ['a misspelt queue property, with the name meant', 'AWS::SQS::Queue', { VisibilityTimout: 30, KmsMasterKeyId: 'alias/aws/sqs' }, ['/Resources/R/Properties/VisibilityTimout VisibilityTimout is not a property of AWS::SQS::Queue (did you mean VisibilityTimeout?)']],
    ["a bucket's encryption in the wrong case", 'AWS::S3::Bucket', { bucketEncryption: {} }, ['/Resources/R/Properties/bucketEncryption bucketEncryption is not a property of AWS::S3::Bucket (did you mean BucketEncryption?)']],
    ['a name nothing is near', 'AWS::SNS::Topic', { Colour: 'blue' }, ['/Resources/R/Properties/Colour Colour is not a property of AWS::SNS::Topic']],
    // Sceptre's integration tests expect this template (their invalid_template.json) to end ROLLBACK_COMPLETE.
    ['a type that has no properties takes none', 'AWS::CloudFormation::WaitConditionHandle', { Invalid: 'Value' }, ['/Resources/R/Properties/Invalid Invalid is not a property of AWS::CloudFormation::WaitConditionHandle']],
    ['every property known, create-only ones too', 'AWS::SQS::Queue', { QueueName: 'q', FifoQueue: true, VisibilityTimeout: 30 }, []],
    // The registry schema lists read-only properties among its properties (the spec, among the attributes).
    ['a read-only property, as a state read back holds it', 'AWS::Logs::LogGroup', { LogGroupName: 'app', Arn: 'arn:aws:logs:us-east-1:123456789012:log-group:app:*' }, []],
    ['a custom resource takes any property', 'Custom::Thing', { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:f', Anything: 1 }, []],
    ['a type the catalogue does not list is not judged', 'MyOrg::Storage::Vault', { Anything: 1 }, []],
  ])('%s', (_case, type, properties, expected) => {
    const known = type.startsWith('MyOrg::') ? { knownTypes: ['MyOrg::*'] } : {};
    const messages = resolveTemplate(sourceOf({ Resources: { R: { Type: type, Properties: properties } } }), stackOptions(known))
      .warnings.filter((w) => w.code === 'RES_UNKNOWN_PROPERTY')
      .map((w) => `${w.path} ${w.message.replace(/: the service refuses it.*$/, '')}`);
    expect(messages).toEqual(expected);
  });

  it("quotes the service's text for the resource and the key", () => {
    const [warning] = resolveTemplate(sourceOf({ Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimout: 30 } } } }), stackOptions()).warnings.filter((w) => w.code === 'RES_UNKNOWN_PROPERTY');
    expect(warning?.message).toContain('"Properties validation failed for resource Jobs with message: #: extraneous key [VisibilityTimout] is not permitted", or for an older type "Encountered unsupported property VisibilityTimout"');
    expect(warning?.severity).toBe('warning');
  });
});
