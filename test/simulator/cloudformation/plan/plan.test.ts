import { changesNothing, PlanError, planStack, replacementCauses, replacementEvaluation, withReplacementEvaluations, type EvaluatedTemplate, type PlanStep } from '../../../../simulator/cloudformation/plan';
import { createOnlyProperties } from '../../../../simulator/cloudformation/resolve/resource-types';
import { asTransformed } from '../../../../simulator/cloudformation/resolve/serverless';
import type { JsonObject } from '../../../../src/kernel/protocol';
import { resource } from '../build-resources';

const summary = (steps: readonly PlanStep[]): string[] =>
  steps.map((s) => `${s.phase}:${s.action}:${s.resource.logicalId}:${s.invocationPoint ?? '-'}`);

describe('planStack', () => {
  const a = resource('A', 'AWS::KMS::Key', { Description: 'k' });
  const b = resource('B', 'AWS::S3::Bucket', { BucketName: 'b' }, { dependsOn: ['A'] });
  const c = resource('C', 'AWS::SQS::Queue', { QueueName: 'q' }, { dependsOn: ['B'] });

  it('creates in dependency order, each with preCreate', () => {
    expect(summary(planStack({ operation: 'create', next: [a, b, c] }).steps)).toEqual([
      'main:create:A:CREATE_PRE_PROVISION',
      'main:create:B:CREATE_PRE_PROVISION',
      'main:create:C:CREATE_PRE_PROVISION',
    ]);
  });

  it('deletes in reverse dependency order; Retain and RetainExceptOnCreate are skipped without a hook', () => {
    const retained = resource('R', 'AWS::S3::Bucket', {}, { deletionPolicy: 'Retain' });
    const onCreate = resource('E', 'AWS::S3::Bucket', {}, { deletionPolicy: 'RetainExceptOnCreate' });
    const snapshot = resource('S', 'AWS::SQS::Queue', {}, { deletionPolicy: 'Delete' });
    expect(summary(planStack({ operation: 'delete', previous: [a, retained, onCreate, snapshot] }).steps)).toEqual([
      'main:delete:S:DELETE_PRE_PROVISION',
      'main:retain:E:-',
      'main:retain:R:-',
      'main:delete:A:DELETE_PRE_PROVISION',
    ]);
  });

  it.each([
    ['added', [a], [a, b], ['main:create:B:CREATE_PRE_PROVISION'], ['A']],
    ['unchanged', [a, b], [a, b], [], ['A', 'B']],
    ['changed in place', [b], [resource('B', 'AWS::S3::Bucket', { BucketName: 'b', Tags: [] })], ['main:update:B:UPDATE_PRE_PROVISION'], []],
    // The service compares values as it sends them, every scalar a string: quoting one is no change.
    [
      'a scalar quoted or unquoted only (unchanged)',
      [resource('Q', 'AWS::SQS::Queue', { VisibilityTimeout: 30, FifoQueue: true, Tags: [{ Key: 'n', Value: 1 }] })],
      [resource('Q', 'AWS::SQS::Queue', { VisibilityTimeout: '30', FifoQueue: 'true', Tags: [{ Key: 'n', Value: '1' }] })],
      [],
      ['Q'],
    ],
    [
      'a scalar whose text changes (changed in place)',
      [resource('Q', 'AWS::SQS::Queue', { VisibilityTimeout: 30 })],
      [resource('Q', 'AWS::SQS::Queue', { VisibilityTimeout: '30.0' })],
      ['main:update:Q:UPDATE_PRE_PROVISION'],
      [],
    ],
    ['removed (cleanup, no hook)', [a, b, c], [a], ['cleanup:delete:C:-', 'cleanup:delete:B:-'], ['A']],
    [
      'replaced (create-only property)',
      [c],
      [resource('C', 'AWS::SQS::Queue', { QueueName: 'q2' })],
      ['main:replace:C:UPDATE_PRE_PROVISION', 'cleanup:delete:C:-'],
      [],
    ],
    [
      'removed with DeletionPolicy Retain',
      [resource('R', 'AWS::S3::Bucket', {}, { deletionPolicy: 'Retain' })],
      [],
      ['cleanup:retain:R:-'],
      [],
    ],
    [
      'replaced with UpdateReplacePolicy Retain',
      [resource('C', 'AWS::SQS::Queue', { FifoQueue: false }, { updateReplacePolicy: 'Retain' })],
      [resource('C', 'AWS::SQS::Queue', { FifoQueue: true })],
      ['main:replace:C:UPDATE_PRE_PROVISION', 'cleanup:retain:C:-'],
      [],
    ],
  ])('update: %s', (_name, previous, next, expected, unchanged) => {
    const plan = planStack({ operation: 'update', createOnly: createOnlyProperties, previous, next });
    expect(summary(plan.steps)).toEqual(expected);
    expect(plan.unchanged.map((r) => r.logicalId)).toEqual(unchanged);
  });

  describe('a resource whose Properties are unchanged but another attribute changed is updated, Replacement False; DependsOn alone is no change', () => {
    const q = (extra: Partial<ReturnType<typeof resource>> = {}, properties: JsonObject = { KmsMasterKeyId: 'alias/aws/sqs' }): ReturnType<typeof resource> =>
      resource('Q', 'AWS::SQS::Queue', properties, extra);
    it.each<[string, ReturnType<typeof resource>, ReturnType<typeof resource>, string[] | undefined]>([
      ['DeletionPolicy Delete to Retain', q({ deletionPolicy: 'Delete' }), q({ deletionPolicy: 'Retain' }), ['DeletionPolicy']],
      ['DeletionPolicy added', q(), q({ deletionPolicy: 'Retain' }), ['DeletionPolicy']],
      ['UpdateReplacePolicy removed', q({ updateReplacePolicy: 'Retain' }), q(), ['UpdateReplacePolicy']],
      ['Metadata added', q(), q({ metadata: { a: 1 } }), ['Metadata']],
      ['Metadata changed deep down', q({ metadata: { 'AWS::CloudFormation::Init': { config: { files: { '/f': { content: 'x' } } } } } }), q({ metadata: { 'AWS::CloudFormation::Init': { config: { files: { '/f': { content: 'y' } } } } } }), ['Metadata']],
      ['CreationPolicy changed', q({ creationPolicy: { ResourceSignal: { Count: 1 } } }), q({ creationPolicy: { ResourceSignal: { Count: 2 } } }), ['CreationPolicy']],
      ['UpdatePolicy added', q(), q({ updatePolicy: { AutoScalingRollingUpdate: { MaxBatchSize: 1 } } }), ['UpdatePolicy']],
      ['every attribute, in the API\'s order', q({ updateReplacePolicy: 'Delete', deletionPolicy: 'Delete' }), q({ updateReplacePolicy: 'Retain', deletionPolicy: 'Retain', updatePolicy: {}, creationPolicy: {}, metadata: {} }), ['Metadata', 'CreationPolicy', 'UpdatePolicy', 'DeletionPolicy', 'UpdateReplacePolicy']],
      ['Properties and an attribute', q({ deletionPolicy: 'Delete' }), q({ deletionPolicy: 'Retain' }, { KmsMasterKeyId: 'alias/other' }), ['DeletionPolicy']],
      ['Metadata quoted only (as sent, no change)', q({ metadata: { n: 1 } }), q({ metadata: { n: '1' } }), undefined],
      ['DependsOn alone (no change)', q(), q({ dependsOn: ['Other'] }), undefined],
      ['nothing', q({ metadata: { a: 1 }, deletionPolicy: 'Retain' }), q({ metadata: { a: 1 }, deletionPolicy: 'Retain' }), undefined],
    ])('%s', (_name, before, after, attributes) => {
      const plan = planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [before], next: [after] });
      if (attributes === undefined) {
        expect([plan.steps, plan.unchanged.map((r) => r.logicalId), changesNothing(plan)]).toEqual([[], ['Q'], true]);
        return;
      }
      expect(plan.steps).toEqual([{ action: 'update', phase: 'main', resource: after, previous: before, attributesChanged: attributes, invocationPoint: 'UPDATE_PRE_PROVISION' }]);
      expect(changesNothing(plan)).toBe(false);
    });
  });

  it('an update step carries the deployed resource; a replacement names its causes', () => {
    const next = resource('B', 'AWS::S3::Bucket', { BucketName: 'renamed' });
    const [step] = planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [b], next: [next] }).steps;
    expect(step).toMatchObject({ action: 'replace', previous: b, replacementCauses: ['BucketName'] });
  });

  it('a replacement the resource refuses (a custom name kept) carries the refusal and plans no cleanup: no new physical resource is made', () => {
    const previous = [resource('T', 'AWS::DynamoDB::Table', { TableName: 'orders', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] })];
    const next = [resource('T', 'AWS::DynamoDB::Table', { TableName: 'orders', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] })];
    const asked: boolean[] = [];
    const plan = planStack({
      operation: 'update',
      createOnly: createOnlyProperties,
      previous,
      next,
      refusal: (_type, _previous, _next, replaced) => {
        asked.push(replaced);
        return { kind: 'customNamedReplacement', name: 'orders' };
      },
    });
    expect(asked).toEqual([true]);
    expect(summary(plan.steps)).toEqual(['main:replace:T:UPDATE_PRE_PROVISION']);
    expect(plan.steps[0]).toMatchObject({ replacementCauses: ['KeySchema'], refusal: { kind: 'customNamedReplacement', name: 'orders' } });
  });

  // h32-sweep2 finding 1: removed and replaced physical resources go only in cleanup, after every create.
  describe('a new resource whose name the stack holds when it is created is refused (nameTaken); the others are planned as before', () => {
    const q = (id: string, properties: JsonObject) => resource(id, 'AWS::SQS::Queue', properties);
    // Name is the claimed name; Key is create-only (a change replaces), Note is updatable in place (and so is Name here).
    const claimedName = (type: string, properties: JsonObject) => (typeof properties.Name === 'string' ? { name: properties.Name, scope: type } : undefined);
    const createOnly = (): readonly string[] => ['Key'];
    it.each<[string, ReturnType<typeof q>[], ReturnType<typeof q>[], string[], string[]]>([
      ['a create taking the name of a removed resource', [q('Old', { Name: 'a' })], [q('New', { Name: 'a' })], ['New'], ['cleanup:delete:Old']],
      ['a create taking the name a replaced resource held (its old copy goes in cleanup)', [q('T', { Name: 'a', Key: 1 })], [q('T', { Name: 'b', Key: 2 }), q('N', { Name: 'a' })], ['N'], ['cleanup:delete:T']],
      ['a replacement taking the name of a removed resource: refused, and no cleanup of its old copy', [q('Old', { Name: 'a' }), q('T', { Name: 'b', Key: 1 })], [q('T', { Name: 'a', Key: 2 })], ['T'], ['cleanup:delete:Old']],
      ['a create taking the name an unchanged resource holds', [q('A', { Name: 'a' })], [q('A', { Name: 'a' }), q('N', { Name: 'a' })], ['N'], []],
      ['a create taking a name another resource takes in place earlier in plan order', [q('R', { Name: 'a' })], [q('R', { Name: 'b' }), q('N', { Name: 'b' })], ['N'], []],
      // [choice] when an in-place rename frees the old name is not modelled: never refused where the service might not.
      ['a create taking the old name of a resource renamed in place: planned', [q('R', { Name: 'a' })], [q('R', { Name: 'b' }), q('N', { Name: 'a' })], [], []],
      ['a create with another name, or a generated one: planned', [q('Old', { Name: 'a' })], [q('New', { Name: 'b' }), q('Gen', {})], [], ['cleanup:delete:Old']],
      ['the same name in another scope (type): planned', [q('Old', { Name: 'a' })], [resource('New', 'AWS::S3::Bucket', { Name: 'a' })], [], ['cleanup:delete:Old']],
    ])('update: %s', (_name, previous, next, refused, cleanup) => {
      const plan = planStack({ operation: 'update', createOnly, previous, next, claimedName });
      expect(plan.steps.filter((s) => s.refusal !== undefined).map((s) => s.resource.logicalId)).toEqual(refused);
      for (const step of plan.steps.filter((s) => s.refusal !== undefined)) expect(step.refusal).toEqual({ kind: 'nameTaken', name: step.resource.properties.Name });
      expect(plan.steps.filter((s) => s.phase === 'cleanup').map((s) => `${s.phase}:${s.action}:${s.resource.logicalId}`)).toEqual(cleanup);
    });

    it('create: of two resources with one name the later in plan order is refused; without claimedName nothing is', () => {
      const next = [q('A', { Name: 'same' }), q('B', { Name: 'same' }), q('C', { Name: 'other' })];
      expect(planStack({ operation: 'create', next, claimedName }).steps.map((s) => s.refusal)).toEqual([undefined, { kind: 'nameTaken', name: 'same' }, undefined]);
      expect(planStack({ operation: 'create', next }).steps.map((s) => s.refusal)).toEqual([undefined, undefined, undefined]);
    });
  });

  it('refuses a change of resource type, as CloudFormation does', () => {
    const plan = (): unknown => planStack({ operation: 'update', createOnly: createOnlyProperties, previous: [b], next: [resource('B', 'AWS::SQS::Queue')] });
    expect(plan).toThrow(PlanError);
    expect(plan).toThrow(/resource 'B' was AWS::S3::Bucket and is now AWS::SQS::Queue/);
  });

  // SAM generates the native type under the SAM resource's logical id: after the transform the type is the same.
  const table = (properties: JsonObject) => resource('T', 'AWS::DynamoDB::Table', properties);
  const simpleTable = (properties: JsonObject) => resource('T', 'AWS::Serverless::SimpleTable', properties);
  const hashKey = (name: string) => ({ AttributeDefinitions: [{ AttributeName: name, AttributeType: 'S' }], KeySchema: [{ AttributeName: name, KeyType: 'HASH' }] });
  it.each<[string, ReturnType<typeof resource>, ReturnType<typeof resource>, string]>([
    ['a table becomes a SimpleTable with the same key: updated', table(hashKey('id')), simpleTable({ PrimaryKey: { Name: 'id', Type: 'String' } }), 'main:update:T:UPDATE_PRE_PROVISION'],
    ['a SimpleTable (default key id) becomes a table keyed id: updated', simpleTable({}), table(hashKey('id')), 'main:update:T:UPDATE_PRE_PROVISION'],
    ['a SimpleTable becomes a table with another key: replaced (KeySchema)', simpleTable({ PrimaryKey: { Name: 'id', Type: 'String' } }), table(hashKey('pk')), 'main:replace:T:UPDATE_PRE_PROVISION'],
    ['a Lambda function becomes a SAM function: updated', resource('T', 'AWS::Lambda::Function', { Runtime: 'python3.12', PackageType: 'Zip' }), resource('T', 'AWS::Serverless::Function', { Runtime: 'python3.12', Timeout: 9 }), 'main:update:T:UPDATE_PRE_PROVISION'],
    ['a SAM function becomes a Lambda function of another name: replaced (FunctionName)', resource('T', 'AWS::Serverless::Function', { FunctionName: 'a' }), resource('T', 'AWS::Lambda::Function', { FunctionName: 'b' }), 'main:replace:T:UPDATE_PRE_PROVISION'],
  ])('%s', (_name, before, after, step) => {
    const plan = planStack({ operation: 'update', createOnly: createOnlyProperties, transformed: asTransformed, previous: [before], next: [after] });
    expect(summary(plan.steps).filter((s) => s.startsWith('main:'))).toEqual([step]);
  });

  it.each<[string, string, string]>([
    ['two custom types', 'Custom::A', 'Custom::B'],
    ['a SAM type and a type it does not generate under its logical id', 'AWS::Serverless::Function', 'AWS::DynamoDB::Table'],
    ['a SAM LayerVersion (its generated logical id is hashed) and a Lambda layer version', 'AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion'],
    ['two native types', 'AWS::S3::Bucket', 'AWS::SQS::Queue'],
  ])('still refuses a type change between %s', (_name, was, is) => {
    const plan = (): unknown => planStack({ operation: 'update', createOnly: createOnlyProperties, transformed: asTransformed, previous: [resource('X', was, {})], next: [resource('X', is, {})] });
    expect(plan).toThrow(PlanError);
  });
});

describe('replacementCauses, with each type\'s create-only properties', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['AWS::S3::Bucket', { BucketName: 'a' }, { BucketName: 'b' }, ['BucketName']],
    ['AWS::S3::Bucket', {}, { BucketName: 'b' }, ['BucketName']],
    ['AWS::S3::Bucket', { ObjectLockEnabled: false }, { ObjectLockEnabled: true }, []],
    // The registry schema's other two (cfn-lint 1.51): a bucket given a namespace or a name prefix is a new bucket.
    ['AWS::S3::Bucket', {}, { BucketNamespace: 'account-regional' }, ['BucketNamespace']],
    ['AWS::S3::Bucket', { BucketNamePrefix: 'logs' }, { BucketNamePrefix: 'audit' }, ['BucketNamePrefix']],
    ['AWS::SQS::Queue', { FifoQueue: true, QueueName: 'a.fifo' }, { FifoQueue: false, QueueName: 'b' }, ['FifoQueue', 'QueueName']],
    // Create-only in the catalogue from the old specification only; the registry schema updates them in place.
    ['AWS::ECS::Service', { DeploymentController: { Type: 'ECS' } }, { DeploymentController: { Type: 'CODE_DEPLOY' } }, []],
    ['AWS::RDS::DBInstance', { Port: '5432' }, { Port: '5433' }, []],
    // Still create-only in the registry: a replacement.
    ['AWS::ECS::Service', { ServiceName: 'web' }, { ServiceName: 'api' }, ['ServiceName']],
    ['AWS::RDS::DBInstance', { Port: '5432', DBInstanceIdentifier: 'a' }, { Port: '5433', DBInstanceIdentifier: 'b' }, ['DBInstanceIdentifier']],
    // Conditionally create-only in the registry (replaced where the change cannot be made in place): kept.
    ['AWS::ECS::Service', { LaunchType: 'EC2' }, { LaunchType: 'FARGATE' }, ['LaunchType']],
    ['AWS::Events::Rule', { EventBusName: 'a' }, { EventBusName: 'b' }, ['EventBusName']],
    // Compared as the service sends them: a YAML boolean and its text are one value.
    ['AWS::SQS::Queue', { FifoQueue: true, QueueName: 'a.fifo' }, { FifoQueue: 'true', QueueName: 'a.fifo' }, []],
    ['AWS::SQS::Queue', { QueueName: 'q' }, { QueueName: 'q', FifoQueue: false }, ['FifoQueue']],
    ['AWS::SQS::Queue', { KmsMasterKeyId: 'a' }, { KmsMasterKeyId: 'b' }, []],
    ['AWS::KMS::Key', { Description: 'a' }, { Description: 'b' }, []],
    ['AWS::KMS::Alias', { AliasName: 'alias/a' }, { AliasName: 'alias/b' }, ['AliasName']],
    // From the catalogue (the registry's createOnlyProperties), beyond the hook's own types.
    ['AWS::SNS::Topic', { TopicName: 'uploads-a' }, { TopicName: 'uploads-b' }, ['TopicName']],
    ['AWS::SNS::Topic', { DisplayName: 'a' }, { DisplayName: 'b' }, []],
    ['AWS::Lambda::Function', { FunctionName: 'a' }, { FunctionName: 'b' }, ['FunctionName']],
    ['AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Image: 'app:1' }] }, { ContainerDefinitions: [{ Image: 'app:2' }] }, ['ContainerDefinitions']],
    ['AWS::EC2::Instance', { ImageId: 'ami-1', InstanceType: 't3.micro' }, { ImageId: 'ami-1', InstanceType: 't3.large' }, []],
    ['Custom::Thing', { Name: 'a' }, { Name: 'b' }, []],
    // A custom resource's new ServiceToken is refused, not replaced (changesServiceToken).
    ['AWS::CloudFormation::CustomResource', { ServiceToken: 'a' }, { ServiceToken: 'b' }, []],
  ])('%s %j -> %j', (type, previous, next, causes) => {
    expect(replacementCauses(createOnlyProperties(type), previous as never, next as never)).toEqual(causes);
  });
});


describe('replacementEvaluation: Dynamic (Replacement: Conditional) only where every cause changes through a reference to a modified resource', () => {
  // A queue whose QueueName (create-only) is written `value` on both sides, in a stack where Topic is replaced.
  const side = (queueName: unknown, inputs: { parameters?: Record<string, string>; conditions?: Record<string, boolean>; fifo?: unknown } = {}): EvaluatedTemplate => ({
    body: { Resources: { Topic: { Type: 'AWS::SNS::Topic' }, Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: queueName, ...(inputs.fifo !== undefined ? { FifoQueue: inputs.fifo } : {}) } } } } as never,
    parameters: inputs.parameters ?? { Env: 'prod' },
    conditions: inputs.conditions ?? { IsProd: true },
  });
  const getAtt = { 'Fn::GetAtt': ['Topic', 'TopicName'] };
  it.each<[string, EvaluatedTemplate, EvaluatedTemplate, string[], string]>([
    ['a Fn::GetAtt of the replaced topic, written the same', side(getAtt), side(getAtt), ['QueueName'], 'Dynamic'],
    ['a Ref of it', side({ Ref: 'Topic' }), side({ Ref: 'Topic' }), ['QueueName'], 'Dynamic'],
    ['a Fn::Sub variable of it, beside a parameter that keeps its value', side({ 'Fn::Sub': '${Env}-${Topic.TopicName}' }), side({ 'Fn::Sub': '${Env}-${Topic.TopicName}' }), ['QueueName'], 'Dynamic'],
    ['a Fn::Sub variable map that reads it', side({ 'Fn::Sub': ['${T}-q', { T: getAtt }] }), side({ 'Fn::Sub': ['${T}-q', { T: getAtt }] }), ['QueueName'], 'Dynamic'],
    ['the text changed (DirectModification)', side('orders-v1'), side('orders-v2'), ['QueueName'], 'Static'],
    ['the text changed around the reference', side({ 'Fn::Sub': '${Topic.TopicName}-a' }), side({ 'Fn::Sub': '${Topic.TopicName}-b' }), ['QueueName'], 'Static'],
    ['a parameter it reads changed too (ParameterReference)', side({ 'Fn::Sub': '${Env}-${Topic.TopicName}' }), side({ 'Fn::Sub': '${Env}-${Topic.TopicName}' }, { parameters: { Env: 'dev' } }), ['QueueName'], 'Static'],
    ['a condition it reads changed too', side({ 'Fn::If': ['IsProd', getAtt, 'fixed'] }), side({ 'Fn::If': ['IsProd', getAtt, 'fixed'] }, { conditions: { IsProd: false } }), ['QueueName'], 'Static'],
    ['no modified resource referenced (a Sub variable map of its own)', side({ 'Fn::Sub': ['${Name}', { Name: 'x' }] }), side({ 'Fn::Sub': ['${Name}', { Name: 'x' }] }), ['QueueName'], 'Static'],
    ['one cause dynamic, another static: the most impact wins', side(getAtt, { fifo: false }), side(getAtt, { fifo: true }), ['QueueName', 'FifoQueue'], 'Static'],
  ])('%s', (_, previous, next, causes, expected) => {
    expect(replacementEvaluation('Queue', causes, previous, next, new Set(['Topic', 'Queue']))).toBe(expected);
  });

  it('is Static for a resource not written under its logical id (made by Fn::ForEach or a transform)', () => {
    expect(replacementEvaluation('Generated', ['QueueName'], side(getAtt), side(getAtt), new Set(['Topic']))).toBe('Static');
  });

  it('marks the plan\'s dynamic replacements only, and changes no step otherwise', () => {
    const plan = planStack({
      operation: 'update',
      createOnly: createOnlyProperties,
      previous: [resource('Topic', 'AWS::SNS::Topic', { TopicName: 'orders-v1' }), resource('Queue', 'AWS::SQS::Queue', { QueueName: 'orders-v1-queue' })],
      next: [resource('Topic', 'AWS::SNS::Topic', { TopicName: 'orders-v2' }), resource('Queue', 'AWS::SQS::Queue', { QueueName: 'orders-v2-queue' })],
    });
    const written = (topicName: string): EvaluatedTemplate => ({
      body: { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: topicName } }, Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${Topic.TopicName}-queue' } } } } },
      parameters: {},
      conditions: {},
    });
    const evaluated = withReplacementEvaluations(plan, written('orders-v1'), written('orders-v2'));
    expect(evaluated.steps.map((s) => [s.phase, s.action, s.resource.logicalId, s.replacementEvaluation])).toEqual([
      ['main', 'replace', 'Topic', undefined],
      ['main', 'replace', 'Queue', 'Dynamic'],
      ['cleanup', 'delete', 'Queue', undefined],
      ['cleanup', 'delete', 'Topic', undefined],
    ]);
    expect(evaluated.steps.map(({ replacementEvaluation: _, ...step }) => step)).toEqual(plan.steps);
  });
});
