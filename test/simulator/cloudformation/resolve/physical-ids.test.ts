import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { createOnlyProperties, customName, givenName, replacementPhysicalId } from '../../../../simulator/cloudformation/resolve/resource-types';
import type { ResolveOptions, ResolvedTemplate } from '../../../../simulator/cloudformation/template/types';
import { sourceOf, stackOptions } from './template-source';

function resolve(resources: Record<string, unknown>, options: Partial<ResolveOptions> = {}): ResolvedTemplate {
  const outputs: Record<string, unknown> = {};
  for (const [id, definition] of Object.entries(resources)) {
    outputs[`${id}Ref`] = { Value: { Ref: id } };
    for (const attribute of ((definition as { Attributes?: string[] }).Attributes ?? [])) {
      outputs[`${id}${attribute.replace(/\./g, '')}`] = { Value: { 'Fn::GetAtt': [id, attribute] } };
    }
    delete (definition as { Attributes?: string[] }).Attributes;
  }
  return resolveTemplate(sourceOf({ Resources: resources, Outputs: outputs }), stackOptions(options));
}

describe('the physical id a replacement gets when its values give the deployed one again', () => {
  it.each<[string, string, RegExp | string]>([
    ['a task definition: the next revision', 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7', 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:8'],
    ['a generated name: a new suffix, same case', 'app-Handler-ABCDEFGHIJ12', /^app-Handler-(?!ABCDEFGHIJ12)[A-Z0-9]{12}$/],
    ['a generated name inside an ARN', 'arn:aws:lambda:us-east-1:123456789012:function:app-Handler-ABCDEFGHIJ12', /^arn:aws:lambda:us-east-1:123456789012:function:app-Handler-(?!ABCDEFGHIJ12)[A-Z0-9]{12}$/],
    ['a lowercase generated name', 'app-bucket-abcdefghij12', /^app-bucket-(?!abcdefghij12)[a-z0-9]{12}$/],
    // A Lambda function's or log group's generated name mixes cases; the new suffix is drawn from both.
    ['a mixed-case generated name', 's-Fn-uwmWgiS6vXm9', /^s-Fn-(?!uwmWgiS6vXm9)(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])[A-Za-z0-9]{12}$/],
    ['an IP address (an Elastic IP\'s Ref): another in the same range', '203.0.113.57', /^203\.0\.113\.(?!57$)(1\d\d|20\d|[1-9]\d)$/],
    ['an EC2 id', 'sg-0123456789abcdef0', /^sg-(?!0123456789abcdef0)[0-9a-f]{17}$/],
    ['a UUID', 'arn:aws:kms:us-east-1:123456789012:key/0b7c1a52-1f4e-4d7a-9c1b-2f3e4d5c6b7a', /^arn:aws:kms:us-east-1:123456789012:key\/(?!0b7c1a52)[0-9a-f-]{36}$/],
    ['a name the template gives: kept (the service refuses to replace it without a new name)', 'orders', 'orders'],
  ])('%s', (_name, deployed, expected) => {
    const renewed = replacementPhysicalId(deployed, `X\0${deployed}`);
    if (typeof expected === 'string') expect(renewed).toBe(expected);
    else expect(renewed).toMatch(expected);
    expect(replacementPhysicalId(deployed, `X\0${deployed}`)).toBe(renewed);
  });
});

describe('the name the template gives a resource (what a custom-named replacement keeps), from the one home of physical ids', () => {
  it.each<[string, string, Record<string, unknown>, string | undefined]>([
    ['a bucket: BucketName', 'AWS::S3::Bucket', { BucketName: 'logs' }, 'logs'],
    ['a queue: QueueName, not its URL', 'AWS::SQS::Queue', { QueueName: 'orders' }, 'orders'],
    ['a topic: TopicName, not its ARN', 'AWS::SNS::Topic', { TopicName: 'alerts' }, 'alerts'],
    ['a table: the catalogue\'s Ref identifier, TableName', 'AWS::DynamoDB::Table', { TableName: 'orders' }, 'orders'],
    ['an RDS instance: DBInstanceIdentifier', 'AWS::RDS::DBInstance', { DBInstanceIdentifier: 'prod-db' }, 'prod-db'],
    ['a SAM SimpleTable: the generated table\'s TableName', 'AWS::Serverless::SimpleTable', { TableName: 'orders' }, 'orders'],
    ['a SAM function: the generated function\'s FunctionName', 'AWS::Serverless::Function', { FunctionName: 'worker' }, 'worker'],
    ['a generated name: none', 'AWS::S3::Bucket', {}, undefined],
    ['an empty name: none (the service generates one)', 'AWS::SQS::Queue', { QueueName: '' }, undefined],
    ['a type whose physical id is no name (a KMS key)', 'AWS::KMS::Key', { Description: 'k' }, undefined],
    ['an EC2 id type', 'AWS::EC2::SecurityGroup', { GroupName: 'web' }, undefined],
    ['a type whose Ref is an ARN (a target group): not known, so none', 'AWS::ElasticLoadBalancingV2::TargetGroup', { Name: 'web' }, undefined],
    ['a secret (its Ref is an ARN with a random suffix)', 'AWS::SecretsManager::Secret', { Name: 'db' }, undefined],
    ['a custom resource', 'Custom::Thing', { Name: 'x' }, undefined],
  ])('%s', (_name, type, properties, expected) => {
    expect(givenName(type, properties as never)).toBe(expected);
  });
});

describe('the custom name a replacement may not keep, and what scopes it', () => {
  it.each<[string, string, Record<string, unknown>, { name: string; scope: string } | undefined]>([
    ['a table: its TableName alone identifies it', 'AWS::DynamoDB::Table', { TableName: 'orders' }, { name: 'orders', scope: '' }],
    // The resource reference's statement on the naming property (the catalogue's customName).
    ['an ECS service: ServiceName, scoped by its Cluster', 'AWS::ECS::Service', { ServiceName: 'backend', Cluster: 'blue' }, { name: 'backend', scope: '["blue"]' }],
    ['an ECS service in the default cluster', 'AWS::ECS::Service', { ServiceName: 'backend' }, { name: 'backend', scope: '[null]' }],
    ['a load balancer: Name', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: 'edge' }, { name: 'edge', scope: '[]' }],
    ['a target group: Name, unique per Region', 'AWS::ElasticLoadBalancingV2::TargetGroup', { Name: 'web' }, { name: 'web', scope: '[]' }],
    ['a state machine: StateMachineName', 'AWS::StepFunctions::StateMachine', { StateMachineName: 'flow' }, { name: 'flow', scope: '[]' }],
    ['a managed policy: ManagedPolicyName', 'AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'read' }, { name: 'read', scope: '[]' }],
    ['a deployment group: scoped by its application', 'AWS::CodeDeploy::DeploymentGroup', { DeploymentGroupName: 'prod', ApplicationName: 'app' }, { name: 'prod', scope: '["app"]' }],
    ['a generated name: none', 'AWS::ECS::Service', { Cluster: 'blue' }, undefined],
    // A name the reference does not document, though the catalogue's ARN layout holds it: revisions, families.
    ['a task definition\'s Family (a replacement is its next revision)', 'AWS::ECS::TaskDefinition', { Family: 'web' }, undefined],
    ['a Batch job definition\'s JobDefinitionName (in the catalogue\'s ARN layout, which leaves out the revision)', 'AWS::Batch::JobDefinition', { JobDefinitionName: 'nightly' }, undefined],
    ['a Lambda alias (scoped by its function)', 'AWS::Lambda::Alias', { Name: 'live', FunctionName: 'f' }, undefined],
    ['a stage (scoped by its API)', 'AWS::ApiGateway::Stage', { StageName: 'prod', RestApiId: 'abc' }, undefined],
    ['a secret (its Ref is an ARN with a random suffix)', 'AWS::SecretsManager::Secret', { Name: 'db' }, undefined],
  ])('%s', (_name, type, properties, expected) => {
    expect(customName(type, properties as never)).toEqual(expected);
  });
});

describe('the properties a change of which replaces a resource', () => {
  it.each<[string, readonly string[]]>([
    // A SAM resource is replaced where what SAM generates under its logical id is: its create-only properties, by SAM name.
    ['AWS::Serverless::Function', ['FunctionName', 'PackageType']],
    ['AWS::Serverless::SimpleTable', ['TableName', 'PrimaryKey']],
    ['AWS::Serverless::StateMachine', ['Name', 'Type']],
    ['AWS::Serverless::LayerVersion', ['CompatibleArchitectures', 'CompatibleRuntimes', 'ContentUri', 'Description', 'LayerName', 'LicenseInfo', 'RetentionPolicy']],
    ['AWS::Serverless::Api', []],
    ['AWS::Serverless::HttpApi', []],
    ['AWS::Serverless::Application', []],
    ['AWS::Lambda::Function', ['FunctionName', 'PackageType', 'TenancyConfig']],
  ])('%s', (type, expected) => {
    expect(createOnlyProperties(type)).toEqual(expected);
  });
});

describe('Ref and Fn::GetAtt values have realistic shapes', () => {
  it.each<[string, Record<string, unknown>, Record<string, RegExp | string>]>([
    [
      'S3 bucket with a generated name',
      { MyDataBucket: { Type: 'AWS::S3::Bucket', Attributes: ['Arn', 'DomainName', 'RegionalDomainName', 'DualStackDomainName', 'WebsiteURL'] } },
      {
        MyDataBucketRef: /^teststack-mydatabucket-[a-z0-9]{12}$/,
        MyDataBucketArn: /^arn:aws:s3:::teststack-mydatabucket-[a-z0-9]{12}$/,
        MyDataBucketDomainName: /^teststack-mydatabucket-[a-z0-9]{12}\.s3\.amazonaws\.com$/,
        MyDataBucketRegionalDomainName: /^teststack-mydatabucket-[a-z0-9]{12}\.s3\.us-east-1\.amazonaws\.com$/,
        MyDataBucketDualStackDomainName: /^teststack-mydatabucket-[a-z0-9]{12}\.s3\.dualstack\.us-east-1\.amazonaws\.com$/,
        MyDataBucketWebsiteURL: /^http:\/\/teststack-mydatabucket-[a-z0-9]{12}\.s3-website-us-east-1\.amazonaws\.com$/,
      },
    ],
    [
      'S3 bucket with BucketName, website URL in a newer region',
      { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'given-name' }, Attributes: ['WebsiteURL'] } },
      { BRef: 'given-name', BWebsiteURL: 'http://given-name.s3-website.eu-central-1.amazonaws.com' },
    ],
    [
      'SQS standard queue',
      { Work: { Type: 'AWS::SQS::Queue', Attributes: ['Arn', 'QueueName', 'QueueUrl'] } },
      {
        WorkRef: /^https:\/\/sqs\.eu-central-1\.amazonaws\.com\/123456789012\/teststack-Work-[A-Z0-9]{12}$/,
        WorkArn: /^arn:aws:sqs:eu-central-1:123456789012:teststack-Work-[A-Z0-9]{12}$/,
        WorkQueueName: /^teststack-Work-[A-Z0-9]{12}$/,
        WorkQueueUrl: /^https:\/\/sqs\.eu-central-1\.amazonaws\.com\/123456789012\/teststack-Work-[A-Z0-9]{12}$/,
      },
    ],
    [
      'SQS FIFO queue with a name',
      { F: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders.fifo', FifoQueue: 'true' }, Attributes: ['QueueName'] } },
      { FRef: 'https://sqs.eu-central-1.amazonaws.com/123456789012/orders.fifo', FQueueName: 'orders.fifo' },
    ],
    [
      'KMS key and alias',
      { K: { Type: 'AWS::KMS::Key', Attributes: ['KeyId'] }, A: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/app', TargetKeyId: { Ref: 'K' } } } },
      { KRef: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, KKeyId: /^[0-9a-f-]{36}$/, ARef: 'alias/app' },
    ],
    [
      'IAM role with a path',
      { Role: { Type: 'AWS::IAM::Role', Properties: { Path: '/svc/' }, Attributes: ['Arn', 'RoleId'] } },
      { RoleRef: /^teststack-Role-[A-Z0-9]{12}$/, RoleArn: /^arn:aws:iam::123456789012:role\/svc\/teststack-Role-[A-Z0-9]{12}$/, RoleRoleId: /^AROA[A-Z0-9]{17}$/ },
    ],
    [
      'Lambda function',
      { Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'handler' }, Attributes: ['Arn'] } },
      { FnRef: 'handler', FnArn: 'arn:aws:lambda:eu-central-1:123456789012:function:handler' },
    ],
    [
      'a type without a table has the attributes the catalogue lists',
      { Table: { Type: 'AWS::DynamoDB::Table', Attributes: ['Arn', 'StreamArn'] } },
      {
        TableRef: /^teststack-Table-[A-Z0-9]{12}$/,
        TableArn: /^arn:aws:dynamodb:eu-central-1:123456789012:table\/teststack-Table-[A-Z0-9]{12}$/,
        TableStreamArn: /^arn:aws:dynamodb:eu-central-1:123456789012:table\//,
      },
    ],
    [
      'a type without a table: a name it declares is its Ref, and fills its ARN',
      {
        Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' }, Attributes: ['Arn'] },
        Stream: { Type: 'AWS::Kinesis::Stream', Properties: { Name: 'clicks' }, Attributes: ['Arn'] },
        Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { StageName: 'prod', RestApiId: 'abc123' } },
        Rule: { Type: 'AWS::Events::Rule', Properties: { Name: 'nightly', ScheduleExpression: 'rate(1 day)' } },
      },
      {
        TableRef: 'orders',
        TableArn: 'arn:aws:dynamodb:eu-central-1:123456789012:table/orders',
        StreamRef: 'clicks',
        StreamArn: 'arn:aws:kinesis:eu-central-1:123456789012:stream/clicks',
        StageRef: 'prod',
        // A composite identifier (EventBusName|Name): which part Ref returns is the type's own business.
        RuleRef: /^teststack-Rule-[A-Z0-9]{12}$/,
      },
    ],
    [
      'an ECS service: the long ARN (cluster and service names), its Name the last part',
      {
        Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'prod' } },
        Web: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Cluster' }, ServiceName: 'web' }, Attributes: ['Name', 'ServiceArn'] },
        ByArn: { Type: 'AWS::ECS::Service', Properties: { Cluster: 'arn:aws:ecs:eu-central-1:123456789012:cluster/jobs' }, Attributes: ['Name'] },
        Lone: { Type: 'AWS::ECS::Service' },
        Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'api' } },
      },
      {
        ClusterRef: 'prod',
        WebRef: 'arn:aws:ecs:eu-central-1:123456789012:service/prod/web',
        WebName: 'web',
        WebServiceArn: 'arn:aws:ecs:eu-central-1:123456789012:service/prod/web',
        ByArnRef: /^arn:aws:ecs:eu-central-1:123456789012:service\/jobs\/teststack-ByArn-[A-Z0-9]{12}$/,
        ByArnName: /^teststack-ByArn-[A-Z0-9]{12}$/,
        LoneRef: /^arn:aws:ecs:eu-central-1:123456789012:service\/default\/teststack-Lone-[A-Z0-9]{12}$/,
        TaskRef: 'arn:aws:ecs:eu-central-1:123456789012:task-definition/api:1',
      },
    ],
    [
      "a Lambda alias's and version's ARN is the function's and the qualifier (item 7 split on ':')",
      {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'handler' } },
        Ver: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Fn' } }, Attributes: ['Version', 'FunctionArn'] },
        Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] }, FunctionVersion: { 'Fn::GetAtt': ['Ver', 'Version'] }, Name: 'live' }, Attributes: ['AliasArn'] },
        Partial: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: '123456789012:function:other:3', Name: 'beta' } },
      },
      {
        VerRef: 'arn:aws:lambda:eu-central-1:123456789012:function:handler:1',
        VerVersion: '1',
        VerFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:handler:1',
        LiveRef: 'arn:aws:lambda:eu-central-1:123456789012:function:handler:live',
        LiveAliasArn: 'arn:aws:lambda:eu-central-1:123456789012:function:handler:live',
        PartialRef: 'arn:aws:lambda:eu-central-1:123456789012:function:other:beta',
      },
    ],
    [
      'load balancer and target group names and full names (the CloudWatch dimensions) are parts of their ARNs',
      {
        Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Name: 'front' }, Attributes: ['LoadBalancerFullName', 'LoadBalancerName'] },
        Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' }, Attributes: ['LoadBalancerFullName'] },
        Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Name: 'api' }, Attributes: ['TargetGroupFullName', 'TargetGroupName'] },
      },
      {
        AlbLoadBalancerFullName: /^app\/front\/[0-9a-f]{16}$/,
        AlbLoadBalancerName: 'front',
        NlbLoadBalancerFullName: /^net\/teststack-Nlb-[A-Z0-9]{12}\/[0-9a-f]{16}$/,
        TgTargetGroupFullName: /^targetgroup\/api\/[0-9a-f]{16}$/,
        TgTargetGroupName: 'api',
      },
    ],
    [
      "registry extensions: a hook version's ARN, its type's ARN and version id, an activation's and a default version's (what a HookTypeConfig's TypeArn is given)",
      {
        Version: { Type: 'AWS::CloudFormation::HookVersion', Properties: { TypeName: 'MyCompany::Testing::MyTestHook', SchemaHandlerPackage: 's3://b/hook.zip' }, Attributes: ['Arn', 'TypeArn', 'VersionId'] },
        Activation: { Type: 'AWS::CloudFormation::TypeActivation', Properties: { Type: 'HOOK', TypeName: 'AWSSamples::S3BucketEncrypt::Hook' }, Attributes: ['Arn'] },
        Default: { Type: 'AWS::CloudFormation::HookDefaultVersion', Properties: { TypeVersionArn: { Ref: 'Version' } } },
        Resource: { Type: 'AWS::CloudFormation::ResourceVersion', Properties: { TypeName: 'Acme::Widgets::Widget', SchemaHandlerPackage: 's3://b/r.zip' }, Attributes: ['TypeArn'] },
      },
      {
        VersionRef: 'arn:aws:cloudformation:eu-central-1:123456789012:type/hook/MyCompany-Testing-MyTestHook/00000001',
        VersionArn: 'arn:aws:cloudformation:eu-central-1:123456789012:type/hook/MyCompany-Testing-MyTestHook/00000001',
        VersionTypeArn: 'arn:aws:cloudformation:eu-central-1:123456789012:type/hook/MyCompany-Testing-MyTestHook',
        VersionVersionId: '00000001',
        ActivationRef: 'arn:aws:cloudformation:eu-central-1:123456789012:type/hook/AWSSamples-S3BucketEncrypt-Hook',
        ActivationArn: 'arn:aws:cloudformation:eu-central-1:123456789012:type/hook/AWSSamples-S3BucketEncrypt-Hook',
        DefaultRef: 'arn:aws:cloudformation:eu-central-1:123456789012:type/hook/MyCompany-Testing-MyTestHook/00000001',
        ResourceTypeArn: 'arn:aws:cloudformation:eu-central-1:123456789012:type/resource/Acme-Widgets-Widget',
      },
    ],
    [
      'a custom resource allows any attribute',
      { C: { Type: 'Custom::Thing', Attributes: ['Anything'] } },
      { CAnything: /^teststack-C-[A-Z0-9]{12}\.Anything$/ },
    ],
  ])('%s', (_name, resources, expected) => {
    const outputs = resolve(resources, { region: Object.keys(expected).some((k) => k.startsWith('MyDataBucket')) ? 'us-east-1' : 'eu-central-1' }).outputs;
    for (const [key, want] of Object.entries(expected)) {
      if (typeof want === 'string') expect(outputs[key]).toBe(want);
      else expect(outputs[key]).toMatch(want);
    }
  });

  it('a generated bucket name is lowercase and at most 63 characters', () => {
    const longStack = 'A-Very-Long-Stack-Name-That-Goes-On-And-On-For-Quite-A-While';
    const name = resolve({ AnEquallyLongLogicalIdForTheBucketResource: { Type: 'AWS::S3::Bucket' } }, { stackName: longStack }).resources[0]?.physicalId as string;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toBe(name.toLowerCase());
    expect(name).toMatch(/^a-very-long-stack-name-.*-[a-z0-9]{12}$/);
  });

  it('a generated FIFO queue name keeps its .fifo suffix within 80 characters', () => {
    const url = resolve({ Q: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } } }, { stackName: 'S'.repeat(120) }).resources[0]?.physicalId as string;
    const name = url.slice(url.lastIndexOf('/') + 1);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name.endsWith('.fifo')).toBe(true);
  });

  it('values are deterministic for the same stack and logical id, and differ between stacks', () => {
    const once = resolve({ B: { Type: 'AWS::S3::Bucket' }, Q: { Type: 'AWS::SQS::Queue' } });
    const again = resolve({ B: { Type: 'AWS::S3::Bucket' }, Q: { Type: 'AWS::SQS::Queue' } });
    const other = resolve({ B: { Type: 'AWS::S3::Bucket' }, Q: { Type: 'AWS::SQS::Queue' } }, { stackName: 'otherstack' });
    expect(again.resources.map((r) => r.physicalId)).toEqual(once.resources.map((r) => r.physicalId));
    expect(other.resources[0]?.physicalId).not.toBe(once.resources[0]?.physicalId);
  });

  it('physicalIds of an existing stack override generated ids, and attributes follow them', () => {
    const resolved = resolve(
      { B: { Type: 'AWS::S3::Bucket', Attributes: ['Arn'] }, Q: { Type: 'AWS::SQS::Queue', Attributes: ['Arn'] } },
      { physicalIds: { B: 'deployed-bucket', Q: 'https://sqs.eu-central-1.amazonaws.com/123456789012/deployed-queue' } },
    );
    expect({ ...resolved.outputs }).toEqual({
      BRef: 'deployed-bucket',
      BArn: 'arn:aws:s3:::deployed-bucket',
      QRef: 'https://sqs.eu-central-1.amazonaws.com/123456789012/deployed-queue',
      QArn: 'arn:aws:sqs:us-east-1:123456789012:deployed-queue',
    });
  });
});

describe("an Amazon MQ broker's endpoints", () => {
  it("are <scheme>://b-<id>-<n>.mq.<region>.amazonaws.com:<port>, split on ':' as templates split them", () => {
    // @cdklabs/cdk-amazonmq splits an endpoint on ':' and selects item 2, the port.
    const endpoint = (attribute: string, item: number, part: number): unknown => ({ 'Fn::Select': [part, { 'Fn::Split': [':', { 'Fn::Select': [item, { 'Fn::GetAtt': ['Broker', attribute] }] }] }] });
    const resolved = resolve({
      Broker: { Type: 'AWS::AmazonMQ::Broker', Properties: { EngineType: 'RABBITMQ' } },
      Port: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: endpoint('AmqpEndpoints', 0, 2) } },
      Scheme: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: endpoint('AmqpEndpoints', 0, 0) } },
      Active: { Type: 'AWS::AmazonMQ::Broker', Properties: { EngineType: 'ACTIVEMQ' } },
      Host: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::Select': [1, { 'Fn::GetAtt': ['Active', 'StompEndpoints'] }] }] }] } } },
    });
    const shown = Object.fromEntries(resolved.resources.map((r) => [r.logicalId, r.properties.DisplayName]));
    expect(shown.Port).toBe('5671');
    expect(shown.Scheme).toBe('amqps');
    // An ActiveMQ broker has an endpoint per instance: the second's host.
    expect(shown.Host).toMatch(/^\/\/b-[0-9a-f-]{36}-2\.mq\.us-east-1\.amazonaws\.com$/);
    expect(resolved.warnings).toEqual([]);
  });
});
