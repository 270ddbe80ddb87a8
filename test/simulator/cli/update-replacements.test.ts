/**
 * What an update replaces, updates in place or refuses, end to end (`simulate next --operation update --previous
 * prev`): the resource events of the stack, as the service would show them.
 */
import { runSimulate, runSimulateJson, scratchFolderPerTest } from '../../support/simulate-cli';

interface JsonRun {
  stack: { finalStatus: string };
  events: { logicalResourceId: string; resourceType: string; resourceStatus: string; resourceStatusReason: string | null; hookType: string | null }[];
}

const scratch = scratchFolderPerTest('update-replacements-');

/** The resource events (the stack's own and hook events left out): `<logical id> <status>[ <reason>]`. */
async function updateEvents(previous: string, next: string): Promise<{ code: number; events: string[]; finalStatus: string; err: string }> {
  scratch.file('prev.yaml', previous);
  scratch.file('next.yaml', next);
  const { code, run, err } = await runSimulateJson<JsonRun>(scratch.dir, ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's', '--format', 'json']);
  const events = (run.events ?? [])
    .filter((e) => e.resourceType !== 'AWS::CloudFormation::Stack' && e.hookType === null)
    .map((e) => `${e.logicalResourceId} ${e.resourceStatus}${e.resourceStatusReason ? ` ${e.resourceStatusReason}` : ''}`);
  return { code, events, finalStatus: run.stack?.finalStatus, err };
}

/** The update completes (exit 0, nothing on stderr) with exactly these resource events. */
async function expectCompleted(previous: string, next: string, expected: readonly string[]): Promise<void> {
  const { code, events, err } = await updateEvents(previous, next);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(events).toEqual(expected);
}

const REPLACING = 'Requested update requires the creation of a new physical resource; hence creating one.';

/** A template of `resources` (YAML under Resources:), with the SAM transform when `sam`. */
function template(resources: string, sam = false): string {
  return `${sam ? 'Transform: AWS::Serverless-2016-10-31\n' : ''}Resources:\n${resources}`;
}

/** A resource that names another (a parameter no hook of this project targets): updated when the other's `Ref` changes. */
const NAMING = (ref: string): string => `  B:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: !Ref ${ref}\n`;
const LAMBDA = (extra = ''): string =>
  `  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      Runtime: python3.12\n      Handler: index.handler\n      Code: {ZipFile: x}\n${extra}`;
const SAM_FUNCTION = (extra = ''): string =>
  `  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      InlineCode: x\n${extra}`;
// An address's network border group is create-only (its Domain is updatable: create-only-corrections.ts).
const EIP = (group: string): string => `  Ip:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: vpc\n      NetworkBorderGroup: ${group}\n`;
const SIMPLE_TABLE = (key: string): string => `  T:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      PrimaryKey: {Name: ${key}, Type: String}\n`;

describe('an update replaces a resource when a create-only property changes, and what names it is updated', () => {
  it.each<[string, string, string, string[]]>([
    [
      'a Lambda function with a generated (mixed-case) name: a new name, so the parameter naming it is updated',
      template(LAMBDA() + NAMING('Fn')),
      template(LAMBDA('      PackageType: Zip\n') + NAMING('Fn')),
      ['Fn UPDATE_IN_PROGRESS', `Fn UPDATE_IN_PROGRESS ${REPLACING}`, 'Fn UPDATE_IN_PROGRESS Resource creation Initiated', 'Fn UPDATE_COMPLETE', 'B UPDATE_IN_PROGRESS', 'B UPDATE_COMPLETE', 'Fn DELETE_IN_PROGRESS', 'Fn DELETE_COMPLETE'],
    ],
    [
      'an Elastic IP (its Ref is the address): a new address, so the parameter naming it is updated',
      template(EIP('us-east-1') + NAMING('Ip')),
      template(EIP('us-east-1-bos-1') + NAMING('Ip')),
      ['Ip UPDATE_IN_PROGRESS', `Ip UPDATE_IN_PROGRESS ${REPLACING}`, 'Ip UPDATE_IN_PROGRESS Resource creation Initiated', 'Ip UPDATE_COMPLETE', 'B UPDATE_IN_PROGRESS', 'B UPDATE_COMPLETE', 'Ip DELETE_IN_PROGRESS', 'Ip DELETE_COMPLETE'],
    ],
    [
      'a SAM function\'s Timeout: an in-place update of the Lambda function SAM generates; the parameter naming it is unchanged',
      template(SAM_FUNCTION('      Timeout: 3\n') + NAMING('Fn'), true),
      template(SAM_FUNCTION('      Timeout: 10\n') + NAMING('Fn'), true),
      ['Fn UPDATE_IN_PROGRESS', 'Fn UPDATE_COMPLETE'],
    ],
    [
      'a SAM function\'s FunctionName (the generated function\'s create-only FunctionName): replaced',
      template(SAM_FUNCTION('      FunctionName: one\n') + NAMING('Fn'), true),
      template(SAM_FUNCTION('      FunctionName: two\n') + NAMING('Fn'), true),
      ['Fn UPDATE_IN_PROGRESS', `Fn UPDATE_IN_PROGRESS ${REPLACING}`, 'Fn UPDATE_IN_PROGRESS Resource creation Initiated', 'Fn UPDATE_COMPLETE', 'B UPDATE_IN_PROGRESS', 'B UPDATE_COMPLETE', 'Fn DELETE_IN_PROGRESS', 'Fn DELETE_COMPLETE'],
    ],
    [
      'a SimpleTable\'s PrimaryKey (the generated table\'s KeySchema): replaced',
      template(SIMPLE_TABLE('id'), true),
      template(SIMPLE_TABLE('pk'), true),
      ['T UPDATE_IN_PROGRESS', `T UPDATE_IN_PROGRESS ${REPLACING}`, 'T UPDATE_IN_PROGRESS Resource creation Initiated', 'T UPDATE_COMPLETE', 'T DELETE_IN_PROGRESS', 'T DELETE_COMPLETE'],
    ],
    [
      'a DynamoDB table declared as a SimpleTable with the same key (SAM generates the table under its logical id): updated',
      template('  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n'),
      template(SIMPLE_TABLE('id'), true),
      ['T UPDATE_IN_PROGRESS', 'T UPDATE_COMPLETE'],
    ],
    [
      'a SAM function declared as a Lambda function: updated',
      template(SAM_FUNCTION() + NAMING('Fn'), true),
      template(LAMBDA() + NAMING('Fn')),
      ['Fn UPDATE_IN_PROGRESS', 'Fn UPDATE_COMPLETE'],
    ],
  ])('%s', async (_name, previous, next, expected) => expectCompleted(previous, next, expected));
});

describe('an update that changes a custom resource\'s ServiceToken fails as the service fails it, and rolls back', () => {
  const CUSTOM = (type: string, provider: string): string =>
    template(`  Seed:\n    Type: ${type}\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:${provider}\n      Size: 1\n`);
  it.each(['Custom::Seed', 'AWS::CloudFormation::CustomResource'])('%s', async (type) => {
    const { code, events, finalStatus } = await updateEvents(CUSTOM(type, 'provider-v1'), CUSTOM(type, 'provider-v2'));
    expect(code).toBe(1);
    expect(finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(events).toEqual(['Seed UPDATE_IN_PROGRESS', 'Seed UPDATE_FAILED Modifying service token is not allowed.']);
  });

  it('the verdict names the resource and the service\'s text; another property alone updates', async () => {
    scratch.file('prev.yaml', CUSTOM('Custom::Seed', 'provider-v1'));
    scratch.file('next.yaml', CUSTOM('Custom::Seed', 'provider-v2'));
    const { code, out } = await runSimulate(scratch.dir, ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's']);
    expect(code).toBe(1);
    expect(out).toMatch(/^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail at Seed: Modifying service token is not allowed\.$/m);
    const sized = await updateEvents(CUSTOM('Custom::Seed', 'provider-v1'), CUSTOM('Custom::Seed', 'provider-v1').replace('Size: 1', 'Size: 2'));
    expect(sized).toMatchObject({ code: 0, events: ['Seed UPDATE_IN_PROGRESS', 'Seed UPDATE_COMPLETE'] });
  });
});

const SUBSCRIPTION_FILTER = (group: string): string =>
  `  F:\n    Type: AWS::Logs::SubscriptionFilter\n    Properties:\n      FilterName: ship\n      LogGroupName: ${group}\n      FilterPattern: ''\n      DestinationArn: arn:aws:lambda:us-east-1:123456789012:function:ship\n`;
const REPLICATION_GROUP = (replicas: number): string =>
  `  G:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupId: sessions\n      ReplicationGroupDescription: sessions\n      CacheNodeType: cache.t3.micro\n      Engine: redis\n      NumNodeGroups: 1\n      ReplicasPerNodeGroup: ${replicas}\n`;

const ECS_SERVICE = (cluster: string, strategy: string): string =>
  `  S:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: ${cluster}\n      ServiceName: backend\n      LaunchType: EC2\n      SchedulingStrategy: ${strategy}\n      TaskDefinition: arn:aws:ecs:us-east-1:123456789012:task-definition/backend:1\n`;
const TARGET_GROUP = (port: number): string =>
  `  TG:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      Name: web\n      Port: ${port}\n      Protocol: HTTP\n      VpcId: vpc-0123456789abcdef0\n`;
const LOAD_BALANCER = (type: string): string =>
  `  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Name: edge\n      Type: ${type}\n      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n`;
const STATE_MACHINE = (type: string): string =>
  `  SM:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      StateMachineName: flow\n      StateMachineType: ${type}\n      RoleArn: arn:aws:iam::123456789012:role/sfn\n      DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'\n`;

describe('an update that replaces a resource whose name the template gives, and keeps that name, fails as the service fails it', () => {
  const REFUSED = (name: string): string => `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${name} and update the stack again.`;
  const TABLE = (name: string | undefined, key: string): string =>
    `  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n${name === undefined ? '' : `      TableName: ${name}\n`}      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: ${key}, AttributeType: S}]\n      KeySchema: [{AttributeName: ${key}, KeyType: HASH}]\n`;
  const ROLE = (name: string, path: string): string =>
    `  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: ${name}\n      Path: ${path}\n      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]}\n`;
  const SIMPLE_NAMED = (key: string): string => `  T:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      TableName: orders\n      PrimaryKey: {Name: ${key}, Type: String}\n`;

  it.each<[string, string, string, string]>([
    ['a DynamoDB table (the catalogue\'s Ref identifier, TableName) whose KeySchema changes', template(TABLE('orders', 'id')), template(TABLE('orders', 'pk')), 'T orders'],
    ['an IAM role (RoleName) whose Path changes', template(ROLE('app-role', '/')), template(ROLE('app-role', '/svc/')), 'R app-role'],
    ['a Lambda function (FunctionName) whose PackageType changes', template(LAMBDA('      FunctionName: worker\n')), template(LAMBDA('      FunctionName: worker\n      PackageType: Zip\n')), 'Fn worker'],
    ['a SAM SimpleTable (the generated table\'s TableName) whose PrimaryKey changes', template(SIMPLE_NAMED('id'), true), template(SIMPLE_NAMED('pk'), true), 'T orders'],
    // [choice] elsewhere such a name reads as generated and is drawn again; given by the template, it is the template's.
    ['a role whose given name is shaped like a generated one', template(ROLE('s-R-ABCDEFGHIJKL', '/')), template(ROLE('s-R-ABCDEFGHIJKL', '/svc/')), 'R s-R-ABCDEFGHIJKL'],
    // Types whose Ref is an ARN, named by the property the resource reference documents (aws/aws-cdk#4347 for ECS;
    // honerlaw/serverless-fargate-plugin#19 for a target group).
    ['an ECS service (ServiceName, documented) whose SchedulingStrategy changes', template(ECS_SERVICE('my-cluster', 'REPLICA')), template(ECS_SERVICE('my-cluster', 'DAEMON')), 'S backend'],
    ['a target group (Name, unique per Region) whose Port changes', template(TARGET_GROUP(80)), template(TARGET_GROUP(8080)), 'TG web'],
    ['a load balancer (Name, documented) whose Type changes', template(LOAD_BALANCER('application')), template(LOAD_BALANCER('network')), 'LB edge'],
    ['a state machine (StateMachineName, documented) whose StateMachineType changes', template(STATE_MACHINE('STANDARD')), template(STATE_MACHINE('EXPRESS')), 'SM flow'],
  ])('%s: UPDATE_FAILED, nothing created, and the update rolls back (exit 1)', async (_name, previous, next, failing) => {
    const [logicalId, name] = failing.split(' ') as [string, string];
    const { code, events, finalStatus, err } = await updateEvents(previous, next);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(events).toEqual([`${logicalId} UPDATE_IN_PROGRESS`, `${logicalId} UPDATE_FAILED ${REFUSED(name)}`]);
  });

  it.each<[string, string, string, string[]]>([
    [
      'the name changes with the key: replaced as before',
      template(TABLE('orders', 'id')),
      template(TABLE('orders-v2', 'pk')),
      ['T UPDATE_IN_PROGRESS', `T UPDATE_IN_PROGRESS ${REPLACING}`, 'T UPDATE_IN_PROGRESS Resource creation Initiated', 'T UPDATE_COMPLETE', 'T DELETE_IN_PROGRESS', 'T DELETE_COMPLETE'],
    ],
    [
      'a generated name: replaced as before',
      template(TABLE(undefined, 'id')),
      template(TABLE(undefined, 'pk')),
      ['T UPDATE_IN_PROGRESS', `T UPDATE_IN_PROGRESS ${REPLACING}`, 'T UPDATE_IN_PROGRESS Resource creation Initiated', 'T UPDATE_COMPLETE', 'T DELETE_IN_PROGRESS', 'T DELETE_COMPLETE'],
    ],
    [
      'a name the template gives only from now on (the deployed one was generated): replaced',
      template(TABLE(undefined, 'id')),
      template(TABLE('orders', 'pk')),
      ['T UPDATE_IN_PROGRESS', `T UPDATE_IN_PROGRESS ${REPLACING}`, 'T UPDATE_IN_PROGRESS Resource creation Initiated', 'T UPDATE_COMPLETE', 'T DELETE_IN_PROGRESS', 'T DELETE_COMPLETE'],
    ],
    ['a custom name kept through an update in place: updated', template(ROLE('app-role', '/').replace('RoleName', 'Description: d\n      RoleName')), template(ROLE('app-role', '/')), ['R UPDATE_IN_PROGRESS', 'R UPDATE_COMPLETE']],
    [
      'a name unique only under its parent (a subscription filter moved to another log group): replaced',
      template(SUBSCRIPTION_FILTER('/app/a')),
      template(SUBSCRIPTION_FILTER('/app/b')),
      ['F UPDATE_IN_PROGRESS', `F UPDATE_IN_PROGRESS ${REPLACING}`, 'F UPDATE_IN_PROGRESS Resource creation Initiated', 'F UPDATE_COMPLETE', 'F DELETE_IN_PROGRESS', 'F DELETE_COMPLETE'],
    ],
    // [unconfirmed] that the service scopes its refusal as the name is scoped (ECS's reason: "each ServiceName must be
    // unique in the cluster"); the simulator never refuses where the service might not.
    [
      'an ECS service keeping its ServiceName in another cluster (the name is unique per cluster): replaced',
      template(ECS_SERVICE('blue', 'REPLICA')),
      template(ECS_SERVICE('green', 'REPLICA')),
      ['S UPDATE_IN_PROGRESS', `S UPDATE_IN_PROGRESS ${REPLACING}`, 'S UPDATE_IN_PROGRESS Resource creation Initiated', 'S UPDATE_COMPLETE', 'S DELETE_IN_PROGRESS', 'S DELETE_COMPLETE'],
    ],
    [
      'a property only the old specification marks create-only (a replication group\'s ReplicasPerNodeGroup): updated in place',
      template(REPLICATION_GROUP(1)),
      template(REPLICATION_GROUP(2)),
      ['G UPDATE_IN_PROGRESS', 'G UPDATE_COMPLETE'],
    ],
  ])('%s', async (_name, previous, next, expected) => expectCompleted(previous, next, expected));

  it('--format json: the stack rolls back with the failed resource as its reason; the text verdict names the resource and the service\'s text', async () => {
    scratch.file('prev.yaml', template(TABLE('orders', 'id')));
    scratch.file('next.yaml', template(TABLE('orders', 'pk')));
    const args = ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's'];
    const { code, run } = await runSimulateJson<JsonRun & { stack: { outcome: string } }>(scratch.dir, [...args, '--format', 'json']);
    expect(code).toBe(1);
    expect(run.stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', outcome: 'FAILED' });
    const stackEvents = run.events.filter((e) => e.resourceType === 'AWS::CloudFormation::Stack').map((e) => [e.resourceStatus, e.resourceStatusReason]);
    expect(stackEvents).toEqual([
      ['UPDATE_IN_PROGRESS', 'User Initiated'],
      ['UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [T]. '],
      ['UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', null],
      ['UPDATE_ROLLBACK_COMPLETE', null],
    ]);
    const text = await runSimulate(scratch.dir, args);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail at T: CloudFormation cannot update a stack when a custom-named resource requires replacing\. Rename orders and update the stack again\.$/m);
  });

  it('a queue (QueueName, the name, not its URL) whose FifoQueue changes: the project\'s preUpdate hook is called, then the refusal [unconfirmed order]', async () => {
    const QUEUE = (fifo: boolean): string => template(`  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: orders\n      KmsMasterKeyId: alias/orders\n      FifoQueue: ${fifo}\n`);
    scratch.file('prev.yaml', QUEUE(false));
    scratch.file('next.yaml', QUEUE(true));
    const { code, run } = await runSimulateJson<{ stack: JsonRun['stack']; events: (JsonRun['events'][number] & { hookStatus: string | null })[] }>(scratch.dir, ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's', '--format', 'json']);
    expect(code).toBe(1);
    expect(run.stack.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const queueEvents = run.events.filter((e) => e.logicalResourceId === 'Q').map((e) => `${e.resourceStatus}${e.hookStatus ? ` ${e.hookStatus}` : ''}${e.hookType === null && e.resourceStatusReason ? ` ${e.resourceStatusReason}` : ''}`);
    expect(queueEvents).toEqual([
      'UPDATE_IN_PROGRESS HOOK_IN_PROGRESS',
      'UPDATE_IN_PROGRESS HOOK_COMPLETE_SUCCEEDED',
      'UPDATE_IN_PROGRESS Hook invocations complete.  Resource update initiated',
      `UPDATE_FAILED ${REFUSED('orders')}`,
    ]);
  });

  it('cancelled beside a resource a hook blocks: reverted on the rollback, and no new physical resource deleted (none was made)', async () => {
    // The project's hook blocks a queue without a KMS key; the table is in the same wave.
    const QUEUE = '  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 0\n';
    const { code, events } = await updateEvents(template(TABLE('orders', 'id') + QUEUE), template(TABLE('orders', 'pk') + QUEUE.replace('0', '1')));
    expect(code).toBe(1);
    expect(events.filter((e) => e.startsWith('T '))).toEqual(['T UPDATE_IN_PROGRESS', 'T UPDATE_FAILED Resource update cancelled', 'T UPDATE_IN_PROGRESS', 'T UPDATE_COMPLETE']);
  });
});

const RENAME_TEXT = (name: string): string => `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${name} and update the stack again.`;
const NAMED_TABLE = (key: string): string =>
  `Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: orders\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: ${key}, AttributeType: S}]\n      KeySchema: [{AttributeName: ${key}, KeyType: HASH}]\n`;
const SEED = (provider: string): string => `Resources:\n  Seed:\n    Type: Custom::Seed\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:${provider}\n`;
/** A parent and its child, before and after: `Child` nests the child (`depth` 2: `Outer` nests a middle stack that nests it). */
function nestedFiles(previous: string, next: string, depth = 1): Record<string, string> {
  const stack = (name: string, url: string): string => `  ${name}:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${url}\n`;
  const parent = (child: string): string => (depth === 1 ? `Resources:\n${stack('Child', child)}` : `Resources:\n${stack('Outer', child.replace('child', 'middle'))}`);
  return {
    'prev.yaml': parent('child-prev.yaml'),
    'next.yaml': parent('child-next.yaml'),
    ...(depth === 2 ? { 'middle-prev.yaml': `Resources:\n${stack('Child', 'child-prev.yaml')}`, 'middle-next.yaml': `Resources:\n${stack('Child', 'child-next.yaml')}` } : {}),
    'child-prev.yaml': previous,
    'child-next.yaml': next,
  };
}

// A reviewer's finding (h29): the same refusal inside a nested stack ended in "a hook would block the update",
// although no hook was called.
describe('a refused update in a nested stack: the verdict says what the service says', () => {
  it.each<[string, Record<string, string>, string]>([
    ["a nested stack's custom-named table", nestedFiles(NAMED_TABLE('id'), NAMED_TABLE('pk')), `the update would fail at Child/T: ${RENAME_TEXT('orders')}`],
    ["a nested stack's custom resource with a new ServiceToken", nestedFiles(SEED('v1'), SEED('v2')), 'the update would fail at Child/Seed: Modifying service token is not allowed.'],
    ['two levels down', nestedFiles(NAMED_TABLE('id'), NAMED_TABLE('pk'), 2), `the update would fail at Outer/Child/T: ${RENAME_TEXT('orders')}`],
  ])('%s: the verdict names the resource and the service\'s text, not a hook', async (_name, given, verdict) => {
    for (const [name, text] of Object.entries(given)) scratch.file(name, text);
    const { code, out } = await runSimulate(scratch.dir, ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's']);
    expect(code).toBe(1);
    expect(out.trimEnd().split('\n').pop()).toBe(`Verdict: UPDATE_ROLLBACK_COMPLETE: ${verdict}`);
  });
});

// h29: a change set previewed without --execute said nothing of the failure its execution is known to meet.
describe('a change set not executed whose execution a resource would refuse: a located warning, exit 0', () => {
  const TABLE_RENAMED = NAMED_TABLE('pk').replace('TableName: orders', 'TableName: orders-v2');
  /** The warning at `where` (file:line:col), its pointer to the resource in that file. */
  const warningOf = (where: string, name: string, text: string): string =>
    `${where} warning SIM_EXECUTION_WOULD_FAIL executing change set simulated-change-set would fail at ${name}: the service refuses its update ("${text}") and rolls the stack back; --execute simulates it (at /Resources/${name.split('/').pop() ?? ''})`;
  it.each<[string, Record<string, string>, string[], number, string[]]>([
    ['a custom-named table replaced under its name', { 'prev.yaml': NAMED_TABLE('id'), 'next.yaml': NAMED_TABLE('pk') }, [], 0, [warningOf('next.yaml:3:5', 'T', RENAME_TEXT('orders'))]],
    ["a custom resource's new ServiceToken", { 'prev.yaml': SEED('v1'), 'next.yaml': SEED('v2') }, [], 0, [warningOf('next.yaml:3:5', 'Seed', 'Modifying service token is not allowed.')]],
    ["a nested stack's table: located in the child's own file", nestedFiles(NAMED_TABLE('id'), NAMED_TABLE('pk')), [], 0, [warningOf('child-next.yaml:3:5', 'Child/T', RENAME_TEXT('orders'))]],
    ['--quiet still says it', { 'prev.yaml': NAMED_TABLE('id'), 'next.yaml': NAMED_TABLE('pk') }, ['--quiet'], 0, [warningOf('next.yaml:3:5', 'T', RENAME_TEXT('orders'))]],
    ['a table renamed with its key: replaced, no warning', { 'prev.yaml': NAMED_TABLE('id'), 'next.yaml': TABLE_RENAMED }, [], 0, []],
    ['--execute: the execution itself fails (exit 1), no warning', { 'prev.yaml': NAMED_TABLE('id'), 'next.yaml': NAMED_TABLE('pk') }, ['--execute'], 1, []],
  ])('--operation change-set, %s', async (_name, given, extra, exit, warnings) => {
    for (const [name, text] of Object.entries(given)) scratch.file(name, text);
    const { code, err } = await runSimulate(scratch.dir, ['next.yaml', '--operation', 'change-set', '--previous', 'prev.yaml', '--stack-name', 's', ...extra]);
    expect(code).toBe(exit);
    expect(err.split('\n').filter((line) => line.includes('SIM_EXECUTION_WOULD_FAIL'))).toEqual(warnings);
  });
});

// h32: a SAM function's S3 event edits the bucket it names (SAM's S3 event source adds a NotificationConfiguration
// and a dependency), so adding, changing or removing it updates that bucket, and the hook judges it, as the service does.
describe('a SAM S3 event edits the bucket it names: the update and the change set update that bucket', () => {
  const BUCKET = (encrypted: boolean): string =>
    `  Bucket:\n    Type: AWS::S3::Bucket\n${encrypted ? '    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - BucketKeyEnabled: true\n            ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}\n' : ''}`;
  const EVENT = (events: string): string => `      Events:\n        Up:\n          Type: S3\n          Properties:\n            Bucket: !Ref Bucket\n            Events: ${events}\n`;
  const UPLOADS = (encrypted: boolean, events?: string): string => template(BUCKET(encrypted) + SAM_FUNCTION(events === undefined ? '' : EVENT(events)), true);
  interface HookRun {
    stack: { finalStatus: string };
    invocations: { logicalResourceId: string; invocationPoint: string; hookStatus: string }[];
  }
  it.each<[string, string, string, number, string, string[]]>([
    ['adding the event (unencrypted bucket)', UPLOADS(false), UPLOADS(false, 's3:ObjectCreated:*'), 1, 'UPDATE_ROLLBACK_COMPLETE', ['Bucket UPDATE_PRE_PROVISION FAILED']],
    ['removing the event (unencrypted bucket)', UPLOADS(false, 's3:ObjectCreated:*'), UPLOADS(false), 1, 'UPDATE_ROLLBACK_COMPLETE', ['Bucket UPDATE_PRE_PROVISION FAILED']],
    ['changing its Events to a list (unencrypted bucket)', UPLOADS(false, 's3:ObjectCreated:*'), UPLOADS(false, '[s3:ObjectCreated:*, s3:ObjectRemoved:*]'), 1, 'UPDATE_ROLLBACK_COMPLETE', ['Bucket UPDATE_PRE_PROVISION FAILED']],
    ['adding the event (encrypted bucket)', UPLOADS(true), UPLOADS(true, 's3:ObjectCreated:*'), 0, 'UPDATE_COMPLETE', ['Bucket UPDATE_PRE_PROVISION SUCCESS']],
    ['the function changed, its event not: the bucket is not updated', UPLOADS(false, 's3:ObjectCreated:*'), UPLOADS(false, 's3:ObjectCreated:*').replace('InlineCode: x', 'InlineCode: y'), 0, 'UPDATE_COMPLETE', []],
  ])('update, %s', async (_name, previous, next, exit, finalStatus, invocations) => {
    scratch.file('prev.yaml', previous);
    scratch.file('next.yaml', next);
    const { code, run } = await runSimulateJson<HookRun>(scratch.dir, ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's', '--format', 'json']);
    expect(code).toBe(exit);
    expect(run.stack.finalStatus).toBe(finalStatus);
    expect(run.invocations.map((i) => `${i.logicalResourceId} ${i.invocationPoint} ${i.hookStatus}`)).toEqual(invocations);
  });

  it('change set: Modify Bucket is listed and the hook is planned for it', async () => {
    scratch.file('prev.yaml', UPLOADS(false));
    scratch.file('next.yaml', UPLOADS(false, 's3:ObjectCreated:*'));
    const { code, run } = await runSimulateJson<{ changeSet: { changes: { Action: string; LogicalResourceId: string }[]; hooks: { Hooks: { TargetDetails: { ResourceTargetDetails: { LogicalResourceId: string; ResourceAction: string } } }[] } } }>(
      scratch.dir,
      ['next.yaml', '--operation', 'change-set', '--previous', 'prev.yaml', '--stack-name', 's', '--format', 'json'],
    );
    expect(code).toBe(0);
    expect(run.changeSet.changes.map((c) => `${c.Action} ${c.LogicalResourceId}`).sort()).toEqual(['Modify Bucket', 'Modify Fn']);
    expect(run.changeSet.hooks.Hooks.map((h) => `${h.TargetDetails.ResourceTargetDetails.ResourceAction} ${h.TargetDetails.ResourceTargetDetails.LogicalResourceId}`)).toEqual(['Modify Bucket']);
  });
});

// h32-sweep2 finding 1: a logical id renamed with its custom name kept "completed". The service creates new resources
// before cleanup deletes removed ones, so the new resource's name is taken (serverless/serverless#1677:
// `CREATE_FAILED … <name> already exists in stack arn:…`) and the stack rolls back; two resources of one template with
// one name fail the same way on create.
describe('a new resource whose custom name the stack already holds: CREATE_FAILED after its hooks, and the stack rolls back', () => {
  const ENCRYPTION = '{ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}, BucketKeyEnabled: true}]}';
  const BUCKET = (id: string, name?: string): string => `  ${id}:\n    Type: AWS::S3::Bucket\n    Properties:\n${name === undefined ? '' : `      BucketName: ${name}\n`}      BucketEncryption: ${ENCRYPTION}\n`;
  const QUEUE = (id: string, name?: string): string => `  ${id}:\n    Type: AWS::SQS::Queue\n    Properties:\n${name === undefined ? '' : `      QueueName: ${name}\n`}      KmsMasterKeyId: alias/aws/sqs\n`;
  const TAKEN = (name: string): RegExp => new RegExp(`^${name} already exists in stack arn:aws:cloudformation:us-east-1:123456789012:stack/s/[0-9a-f-]{36}$`);
  interface Run {
    stack: { finalStatus: string };
    events: { logicalResourceId: string; resourceType: string; resourceStatus: string; resourceStatusReason: string | null; hookType: string | null }[];
    invocations: { logicalResourceId: string; invocationPoint: string; hookStatus: string }[];
  }

  it.each<[string, string | undefined, string, number, string, Record<string, string>]>([
    // The sweep's repro: a bucket and a queue moved to new logical ids, their names kept.
    ['update: a bucket and a queue renamed, their names kept', template(BUCKET('DataBucket', 'acme-data-123') + QUEUE('JobQueue', 'acme-jobs')), template(BUCKET('ArtifactBucket', 'acme-data-123') + QUEUE('WorkQueue', 'acme-jobs')), 1, 'UPDATE_ROLLBACK_COMPLETE', { ArtifactBucket: 'acme-data-123', WorkQueue: 'acme-jobs' }],
    ['update: a new queue taking the name of a queue the update leaves unchanged', template(QUEUE('A', 'jobs')), template(QUEUE('A', 'jobs') + QUEUE('B', 'jobs')), 1, 'UPDATE_ROLLBACK_COMPLETE', { B: 'jobs' }],
    ['update: renamed with a new name too', template(BUCKET('DataBucket', 'acme-data-123')), template(BUCKET('ArtifactBucket', 'acme-data-456')), 0, 'UPDATE_COMPLETE', {}],
    ['update: renamed with a generated name', template(BUCKET('DataBucket')), template(BUCKET('ArtifactBucket')), 0, 'UPDATE_COMPLETE', {}],
    ['create: two queues with one QueueName (the later fails)', undefined, template(QUEUE('A', 'same-q') + QUEUE('B', 'same-q')), 1, 'ROLLBACK_COMPLETE', { B: 'same-q' }],
    ['create: a queue and a bucket with one name (different types)', undefined, template(QUEUE('A', 'same-name') + BUCKET('B', 'same-name')), 0, 'CREATE_COMPLETE', {}],
  ])('%s', async (_name, previous, next, exit, finalStatus, failing) => {
    if (previous !== undefined) scratch.file('prev.yaml', previous);
    scratch.file('next.yaml', next);
    const operation = previous === undefined ? ['--operation', 'create'] : ['--operation', 'update', '--previous', 'prev.yaml'];
    const { code, run, err } = await runSimulateJson<Run>(scratch.dir, ['next.yaml', ...operation, '--stack-name', 's', '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(exit);
    expect(run.stack.finalStatus).toBe(finalStatus);
    // A sibling of the same wave is cancelled, as beside any failed resource: not a name taken.
    const failed = run.events.filter((e) => e.hookType === null && e.resourceStatus === 'CREATE_FAILED' && e.resourceStatusReason !== 'Resource creation cancelled');
    expect(Object.fromEntries(failed.map((e) => [e.logicalResourceId, e.resourceStatusReason]))).toEqual(
      Object.fromEntries(Object.entries(failing).map(([id, name]) => [id, expect.stringMatching(TAKEN(name))])),
    );
    // Hooks run before provisioning: every new resource's preCreate hook is still called, and succeeds.
    const created = [...next.matchAll(/^ {2}(\w+):$/gm)].map((m) => m[1]).filter((id) => previous === undefined || !previous.includes(`  ${id ?? ''}:\n`));
    expect(run.invocations.filter((i) => i.invocationPoint === 'CREATE_PRE_PROVISION').map((i) => `${i.logicalResourceId} ${i.hookStatus}`)).toEqual(created.map((id) => `${id ?? ''} SUCCESS`));
  });

  it('the text verdict names the resource and the service\'s text; a change set not executed warns SIM_EXECUTION_WOULD_FAIL', async () => {
    scratch.file('prev.yaml', template(BUCKET('DataBucket', 'acme-data-123')));
    scratch.file('next.yaml', template(BUCKET('ArtifactBucket', 'acme-data-123')));
    const args = ['next.yaml', '--previous', 'prev.yaml', '--stack-name', 's'];
    const update = await runSimulate(scratch.dir, [...args, '--operation', 'update']);
    expect(update.code).toBe(1);
    expect(update.out).toMatch(/^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail at ArtifactBucket: acme-data-123 already exists in stack arn:aws:cloudformation:us-east-1:123456789012:stack\/s\/[0-9a-f-]{36}$/m);
    const changeSet = await runSimulate(scratch.dir, [...args, '--operation', 'change-set']);
    expect(changeSet.code).toBe(0);
    expect(changeSet.err.split('\n').filter((line) => line.includes('SIM_EXECUTION_WOULD_FAIL'))).toEqual([
      expect.stringMatching(
        /^next\.yaml:3:5 warning SIM_EXECUTION_WOULD_FAIL executing change set simulated-change-set would fail at ArtifactBucket: the service fails its create \("acme-data-123 already exists in stack arn:aws:cloudformation:us-east-1:123456789012:stack\/s\/[0-9a-f-]{36}"\) and rolls the stack back; --execute simulates it \(at \/Resources\/ArtifactBucket\)$/,
      ),
    ]);
  });
});
