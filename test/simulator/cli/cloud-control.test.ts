/**
 * `simulate cloudcontrol create|update|delete`: the command line, and the request end to end through main() with
 * this project's hook (custom), a Lambda hook from a local module and behind a local Invoke endpoint, and a Guard
 * hook evaluated by the real cfn-guard; WARN against FAIL; the API's view in text and JSON; located input errors.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';
import { parseCloudControlArgs } from '../../../simulator/cli/cloud-control/options';
import { cfnGuardForTests } from '../../support/cfn-guard';
import { runSimulate, runSimulateJson, scratchFolderPerTest, type SimulateRun } from '../../support/simulate-cli';

const repo = join(__dirname, '..', '..', '..');
const examples = join(repo, 'docs', 'examples', 'hooks');
const HOOKS = join(examples, 'cloud-control-hooks.yaml');
const BUCKET = join(examples, 'cloud-control', 'bucket.json');
const UNVERSIONED = join(examples, 'cloud-control', 'bucket-unversioned.yaml');


async function simulate(cwd: string, ...argv: string[]): Promise<SimulateRun> {
  return runSimulate(cwd, argv);
}

interface JsonRun {
  request: { operation: string; typeName: string; identifier?: string; name?: string; targetLogicalId: string };
  outcome: string;
  progressEvent: { OperationStatus: string; ErrorCode?: string; StatusMessage?: string; RequestToken: string; HooksRequestToken: string; Identifier?: string; ResourceModel?: string };
  hooksProgressEvent: { HookTypeName: string; HookStatus: string; FailureMode: string; HookStatusMessage?: string }[];
  requestStatus: { HooksProgressEvent: { HookStatus: string }[] }[];
  invocations: { hookTypeName: string; hookStatus: string; targetType: string; logicalResourceId: string; message: string }[];
  hookResults: { TypeName: string; Status: string; Target: { TargetType: string; TargetId: string; Action: string }; Annotations: { AnnotationName: string; Status: string }[] }[];
  warnings?: { code: string; message: string }[];
}

async function simulateJson(cwd: string, ...argv: string[]): Promise<{ code: number; run: JsonRun; err: string }> {
  return runSimulateJson<JsonRun>(cwd, ['cloudcontrol', ...argv, '--format', 'json']);
}

const scratch = scratchFolderPerTest('cloud-control-');
const file = (name: string, text: string): string => scratch.file(name, text);

describe('the cloudcontrol command line', () => {
  it.each<[string, string[], RegExp]>([
    ['no operation', ['--type-name', 'AWS::S3::Bucket'], /needs an operation: create, update or delete/],
    ['an unknown operation', ['import', '--type-name', 'AWS::S3::Bucket'], /operation must be create, update or delete, got "import"/],
    ['two operations', ['create', 'update', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x'], /takes one operation .* got also: update/],
    ['no type', ['create', '--desired-state', 'x'], /--type-name is required/],
    ['a malformed type', ['create', '--type-name', 'S3::Bucket', '--desired-state', 'x'], /--type-name must be a resource type such as AWS::S3::Bucket/],
    ['create without a desired state', ['create', '--type-name', 'AWS::S3::Bucket'], /create needs --desired-state/],
    ['create with a previous state', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--previous-state', 'y'], /--previous-state is for update and delete/],
    ['update without an identifier', ['update', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--previous-state', 'y'], /update needs --identifier/],
    ['update without a previous state', ['update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--desired-state', 'x'], /update needs --previous-state/],
    ['update with neither desired state nor patch', ['update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--previous-state', 'y'], /either --desired-state <file> or --patch-document <file> \(RFC 6902\), not both/],
    ['update with both desired state and patch', ['update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--previous-state', 'y', '--desired-state', 'x', '--patch-document', 'p'], /not both/],
    ['a patch for a create', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--patch-document', 'p'], /--patch-document is for update/],
    ['delete without an identifier', ['delete', '--type-name', 'AWS::S3::Bucket'], /delete needs --identifier/],
    ['delete with a desired state', ['delete', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--desired-state', 'x'], /DeleteResource takes no desired state/],
    ['an identifier over two lines', ['delete', '--type-name', 'AWS::S3::Bucket', '--identifier', 'a\nb'], /--identifier must be 1 to 1024 characters on one line/],
    ['SARIF', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--format', 'sarif'], /--format sarif is not supported for cloudcontrol/],
    ['JUnit', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--format', 'junit'], /--format junit is not supported for cloudcontrol/],
    ['an unknown format', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--format', 'xml'], /--format must be text or json, got "xml"/],
    ['--hooks with --config', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--hooks', 'h', '--config', 'c'], /leave out --config/],
    ['--hook-source without --hooks', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--hook-source', 'a=b'], /only serve the hooks of a --hooks file/],
    ['--hook-aws-credentials without --hooks', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--hook-aws-credentials'], /--hook-aws-credentials only serves the local modules of a --hooks file's hooks/],
    ['an option given twice', ['create', '--type-name', 'AWS::S3::Bucket', '--type-name', 'AWS::SQS::Queue', '--desired-state', 'x'], /--type-name is given more than once/],
    ['a stack option', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'x', '--stack-name', 's'], /Unknown option '--stack-name'/],
    ['a typo in an option', ['create', '--type-nam', 'AWS::S3::Bucket', '--desired-state', 'x'], /Unknown option '--type-nam': did you mean --type-name\?/],
  ])('%s: exit 2, what was wrong and how to see the options', async (_name, argv, message) => {
    const { code, err, out } = await simulate(scratch.dir, 'cloudcontrol', ...argv);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(message);
    expect(err).toMatch(/^simulate cloudcontrol: [^\n]+\nRun `simulate cloudcontrol --help` for its options\.\n$/);
  });

  it('a usage error with --format json: the errors document on stdout (exit 2)', async () => {
    const { code, out } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--format', 'json');
    expect(code).toBe(2);
    expect((JSON.parse(out) as { errors: Array<{ code: string; message: string }> }).errors).toEqual([
      expect.objectContaining({ code: 'USAGE', message: "cloudcontrol create needs --desired-state <file> (CreateResource's DesiredState)" }),
    ]);
  });

  it('given nothing, prints the cloudcontrol usage (exit 2)', async () => {
    const { code, err, out } = await simulate(scratch.dir, 'cloudcontrol');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^Usage: simulate cloudcontrol create\|update\|delete/);
  });

  it('parses a full command line', () => {
    expect(
      parseCloudControlArgs(['update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--desired-state', 'd.json', '--previous-state', 'p.json', '--hooks', 'h.yaml', '--hook-source', 'arn:x=y.js', '--failure-mode', 'WARN', '--no-stringify', '--region', 'eu-west-1', '--known-type', 'Acme::*']),
    ).toMatchObject({
      operation: 'UPDATE',
      typeName: 'AWS::S3::Bucket',
      identifier: 'b',
      desiredState: 'd.json',
      previousState: 'p.json',
      hooksFile: 'h.yaml',
      hookSources: { 'arn:x': 'y.js' },
      failureMode: 'WARN',
      stringify: false,
      region: 'eu-west-1',
      knownTypes: ['Acme::*'],
      format: 'text',
    });
  });

  it('--help prints the usage and exits 0; simulate --help names the command', async () => {
    const help = await simulate(scratch.dir, 'cloudcontrol', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: simulate cloudcontrol create\|update\|delete --type-name <type>/);
    expect((await simulate(scratch.dir, '--help')).out).toContain('simulate cloudcontrol create|update|delete --type-name <type>');
  });

  it('under npm without `--`, the options npm took are named', async () => {
    const io = memoryIo(scratch.dir, { npm_lifecycle_event: 'simulate', npm_config_type_name: 'AWS::S3::Bucket' });
    expect(await main(['cloudcontrol', 'create', 'AWS::S3::Bucket'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/npm took --type-name for itself/);
  });
});

describe('input errors: exit 2, located', () => {
  it('a type the registry does not have: TypeNotFoundException, with the likely one', async () => {
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::S3::Buckett', '--desired-state', BUCKET);
    expect(code).toBe(2);
    expect(err).toMatch(/^CLOUDCONTROL_UNKNOWN_TYPE TypeNotFoundException: AWS::S3::Buckett is not a resource type of the CloudFormation registry \(@aws-cdk\/aws-service-spec@[\d.]+\)\. Did you mean AWS::S3::Bucket\? .*--known-type AWS::S3::Buckett\n$/);
  });

  it('a private type given with --known-type is accepted', async () => {
    const state = file('thing.json', '{"Name": "n"}');
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'Acme::Things::Thing', '--desired-state', state, '--known-type', 'Acme::*');
    expect(code).toBe(0);
    expect(err).toContain('MyCompany::Testing::MyTestHook is not invoked for this Cloud Control request: TargetOperations [RESOURCE] does not include CLOUD_CONTROL');
  });

  it('a desired state that is not JSON: the file, line and column (relative to the working directory)', async () => {
    file('bad.json', '{\n  "BucketName": "b",\n}\n');
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'bad.json');
    expect(code).toBe(2);
    expect(err).toMatch(/^bad\.json:3:1 SRC_JSON_SYNTAX invalid JSON/);
  });

  it.each<[string, string[], string]>([
    ['a desired state that is not JSON', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', 'bad.json'], 'SRC_JSON_SYNTAX'],
    ['a previous state that does not exist', ['delete', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--previous-state', 'gone.json'], 'FILE_UNREADABLE'],
  ])('%s with --format json: the errors document on stdout too, never an empty file (exit 2)', async (_name, argv, errorCode) => {
    file('bad.json', '{\n  "BucketName": "b",\n}\n');
    const { code, out, err } = await simulate(scratch.dir, 'cloudcontrol', ...argv, '--format', 'json');
    expect(code).toBe(2);
    expect((JSON.parse(out) as { errors: Array<{ code: string }> }).errors).toEqual([expect.objectContaining({ code: errorCode })]);
    expect(err).toContain(errorCode);
  });

  it('a previous state that does not exist', async () => {
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', 'delete', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--previous-state', 'gone.json');
    expect(code).toBe(2);
    expect(err).toMatch(/gone\.json FILE_UNREADABLE cannot read the previous state: no such file/);
  });

  it('a patch whose test fails: the whole update is refused, located at the operation', async () => {
    const patch = file('patch.json', '[\n  {"op": "replace", "path": "/BucketName", "value": "other"},\n  {"op": "test", "path": "/BucketName", "value": "mycompany-reports"}\n]\n');
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', 'update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--previous-state', BUCKET, '--patch-document', patch);
    expect(code).toBe(2);
    expect(err).toMatch(/^patch\.json:3:3 CLOUDCONTROL_PATCH_FAILED operation 1 \(test \/BucketName\): the value at \/BucketName is not the one the test expects \(at \/1\)\n$/);
  });

  it('a bad hooks file is reported as for a stack', async () => {
    const hooks = file('hooks.yaml', 'Resources:\n  H:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties: {Alias: Acme::Aa::Hook}\n');
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', BUCKET, '--hooks', hooks);
    expect(code).toBe(2);
    expect(err).toMatch(/hooks\.yaml:4:\d+ .*LambdaFunction/);
  });
});

describe("a NoEcho parameter of the hooks file is masked, as for a stack", () => {
  it.each<[string, string[]]>([
    ['as text', []],
    ['as JSON', ['--format', 'json']],
  ])("in a hook's answer quoting its configuration, %s", async (_name, format) => {
    const project = join(scratch.dir, 'project');
    mkdirSync(project);
    for (const name of ['acme-queues-nofifo.json', '.rpdk-config', 'handlers.js']) copyFileSync(join(repo, 'test', 'fixtures', 'hooks-file', 'registry-hook', name), join(project, name));
    const hooks = file(
      'hooks.yaml',
      `Parameters:\n  Secret:\n    Type: String\n    NoEcho: true\nResources:\n  NoFifo:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: Acme::Queues::NoFifo\n      Configuration: !Sub '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["CLOUD_CONTROL"],"Properties":{"reason":"\${Secret}"}}}}'\n`,
    );
    const state = file('queue.json', '{"QueueName":"jobs.fifo","FifoQueue":true}');
    const { code, out, err } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::SQS::Queue', '--desired-state', state, '--hooks', hooks, '--registry-hook', project, '--hooks-parameter', 'Secret=Sup3r_SECRET9', ...format);
    expect(code).toBe(1);
    expect(`${out}${err}`).toMatch(/\*\*\*\* \(targetType RESOURCE\)/);
    expect(`${out}${err}`).not.toContain('Sup3r_SECRET9');
  });
});

describe("a hook's message is escaped in the text view: it cannot forge the verdict or repaint the terminal", () => {
  it.each<[string, string, string]>([
    ['a forged verdict after CR LF', 'denied\\r\\n\\nVerdict: SUCCESS: forged\\r', 'denied\\r\\n\\nVerdict: SUCCESS: forged\\r'],
    ['an ESC sequence and NUL', '\\u001b[31mred\\u0000', '\\u001b[31mred\\u0000'],
  ])('%s', async (_name, message, shown) => {
    file('forge.js', `exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: "${message}", clientRequestToken: event.clientRequestToken });\n`);
    const hooks = file(
      'hooks.yaml',
      'Resources:\n  Forge:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: Acme::Lambda::Forge\n      LambdaFunction: ./forge.js\n      ExecutionRole: arn:aws:iam::123456789012:role/x\n      FailureMode: FAIL\n      TargetOperations: [CLOUD_CONTROL]\n',
    );
    const { code, out } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', BUCKET, '--hooks', hooks);
    expect(code).toBe(1);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('Verdict:'))).toEqual([`Verdict: FAILED: a hook would fail the CreateResource request by Acme::Lambda::Forge: NonCompliant: ${shown}`]);
    expect(lines.at(-1)).toMatch(/^Verdict: FAILED/);
  });
});

describe('answers outside the documented contract are said, as for a stack', () => {
  it.each<[string, string, RegExp]>([
    ['a FAILED without a message (cfn test\'s rule only)', "{ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: event.clientRequestToken }", /warning SIM_HOOK_ANSWER Acme::Lambda::Loose answered outside the documented contract, which the service may treat otherwise: cfn test: a FAILED answer must carry a message/],
    ['an errorCode the Lambda page does not list', "{ hookStatus: 'FAILED', errorCode: 'Throttling', message: 'slow', clientRequestToken: event.clientRequestToken }", /warning SIM_HOOK_ANSWER Acme::Lambda::Loose answered outside the documented contract.*errorCode 'Throttling'/],
  ])('%s', async (_name, answer, warning) => {
    file('loose.js', `exports.handler = async (event) => (${answer});\n`);
    const hooks = file(
      'hooks.yaml',
      'Resources:\n  Loose:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: Acme::Lambda::Loose\n      LambdaFunction: ./loose.js\n      ExecutionRole: arn:aws:iam::123456789012:role/x\n      FailureMode: WARN\n      TargetOperations: [CLOUD_CONTROL]\n',
    );
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', BUCKET, '--hooks', hooks);
    expect(code).toBe(0);
    expect(err).toMatch(warning);
  });
});

describe('this project\'s hook (custom)', () => {
  it('under its default configuration (RESOURCE only) it is not invoked, and the output says so', async () => {
    const { code, run } = await simulateJson(scratch.dir, 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', BUCKET);
    expect(code).toBe(0);
    expect(run.invocations).toEqual([]);
    expect(run.hooksProgressEvent).toEqual([]);
    expect(run.progressEvent.OperationStatus).toBe('SUCCESS');
    expect(run.warnings).toContainEqual(expect.objectContaining({ code: 'SIM_HOOK_NOT_INVOKED', message: expect.stringContaining('TargetOperations [RESOURCE] does not include CLOUD_CONTROL') }));
    const text = await simulate(scratch.dir, 'cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', BUCKET);
    expect(text.out).toContain('No hook is invoked for this request.');
    expect(text.out).toContain('Verdict: SUCCESS: the CreateResource request would go on to create the resource (no hook invoked).');
  });

  const config = (mode: string): string =>
    file('config.json', JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: mode, TargetOperations: ['CLOUD_CONTROL'] } } }));

  it.each([
    ['FAIL', 1, 'FAILED', 'GeneralServiceException'],
    ['WARN', 0, 'SUCCESS', undefined],
  ])('configured for CLOUD_CONTROL under %s, it judges the string-typed properties (BucketKeyEnabled "false")', async (mode, exit, status, errorCode) => {
    const state = file('bucket.json', JSON.stringify({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } }));
    const { code, run } = await simulateJson(scratch.dir, 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', state, '--config', config(mode));
    expect(code).toBe(exit);
    expect(run.progressEvent.OperationStatus).toBe(status);
    expect(run.progressEvent.ErrorCode).toBe(errorCode);
    expect(run.invocations).toEqual([expect.objectContaining({ hookTypeName: 'MyCompany::Testing::MyTestHook', hookStatus: 'FAILED', targetType: 'CLOUD_CONTROL' })]);
    expect(run.invocations[0]?.message).toMatch(/BucketKeyEnabled/);
    expect(run.hookResults[0]?.Annotations).toContainEqual(expect.objectContaining({ AnnotationName: 's3-bucket-key-enabled', Status: 'FAILED' }));
  });
});

describe('a Lambda hook behind a local Invoke endpoint', () => {
  let server: Server;
  const seen: Record<string, unknown>[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const event = JSON.parse(body) as Record<string, unknown> & { clientRequestToken: string };
        seen.push(event);
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'x'.repeat(3000), clientRequestToken: event.clientRequestToken }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gets the Cloud Control event; its long message is cut to 1,024 characters; WARN lets the request go on', async () => {
    const port = (server.address() as AddressInfo).port;
    const hooks = file(
      'hooks.yaml',
      `Resources:
  Tags:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Tags::Everything
      LambdaFunction: arn:aws:lambda:us-east-1:123456789012:function:tags
      ExecutionRole: arn:aws:iam::123456789012:role/hook
      FailureMode: WARN
      HookStatus: ENABLED
      TargetOperations: [CLOUD_CONTROL]
`,
    );
    const { code, run } = await simulateJson(
      scratch.dir,
      'update',
      '--type-name',
      'AWS::S3::Bucket',
      '--identifier',
      'mycompany-reports',
      '--desired-state',
      UNVERSIONED,
      '--previous-state',
      BUCKET,
      '--hooks',
      hooks,
      '--hook-source',
      `arn:aws:lambda:us-east-1:123456789012:function:tags=http://127.0.0.1:${port}`,
    );
    expect(code).toBe(0);
    expect(seen).toHaveLength(1);
    const event = seen[0] as { stackId: string; changeSetId: string; actionInvocationPoint: string; hookModel: unknown; requestData: { targetName: string; targetType: string; targetLogicalId: string; targetModel: { resourceProperties: { BucketEncryption: unknown }; previousResourceProperties: { VersioningConfiguration: unknown } } } };
    expect(event).toMatchObject({ stackId: '', changeSetId: '', actionInvocationPoint: 'UPDATE_PRE_PROVISION', hookModel: { LambdaFunction: 'arn:aws:lambda:us-east-1:123456789012:function:tags' } });
    expect(event.requestData).toMatchObject({ targetName: 'AWS::S3::Bucket', targetType: 'RESOURCE', targetLogicalId: run.request.targetLogicalId });
    expect(run.request.targetLogicalId).toBe(`AWS-S3-Bucket-mycompany-reports-UPDATE-${run.progressEvent.RequestToken}`);
    expect(event.requestData.targetModel.previousResourceProperties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(JSON.stringify(event.requestData.targetModel.resourceProperties.BucketEncryption)).toContain('"BucketKeyEnabled":true');
    expect(run.invocations[0]?.message).toHaveLength(1024);
    expect(run.hooksProgressEvent).toEqual([expect.objectContaining({ HookTypeName: 'Acme::Tags::Everything', HookStatus: 'HOOK_COMPLETE_FAILED', FailureMode: 'WARN' })]);
    expect(run.progressEvent.OperationStatus).toBe('SUCCESS');
  });
});

describe('the account of docs/examples/hooks/hooks.yaml (the stack examples\' hooks) judges Cloud Control requests too', () => {
  it('a queue with one of the two required tags: this project\'s hook passes it, the Lambda hook warns, the request goes on', async () => {
    const { code, run } = await simulateJson(repo, 'create', '--type-name', 'AWS::SQS::Queue', '--desired-state', join(examples, 'cloud-control', 'queue.json'), '--hooks', join(examples, 'hooks.yaml'));
    expect(code).toBe(0);
    expect(run.hooksProgressEvent.map((e) => [e.HookTypeName, e.HookStatus, e.FailureMode])).toEqual([
      ['MyCompany::Testing::MyTestHook', 'HOOK_COMPLETE_SUCCEEDED', 'FAIL'],
      ['MyCompany::Tags::RequiredTags', 'HOOK_COMPLETE_FAILED', 'WARN'],
    ]);
    expect(run.hookResults[1]?.Annotations).toContainEqual(expect.objectContaining({ AnnotationName: 'required-tag-cost-center', Status: 'FAILED' }));
  });
});

describe('the documented example: this project\'s hook, a Lambda hook and a Guard hook, all three kinds', () => {
  // The real engine (test/support/cfn-guard.ts: found or fetched; a CI run without it fails, elsewhere these are skipped with a notice).
  const cfnGuard = cfnGuardForTests('simulate cloudcontrol with a Guard hook');
  const itWithCfnGuard = cfnGuard === undefined ? it.skip : it;
  const guard = (): string[] => ['--cfn-guard', cfnGuard as string];

  itWithCfnGuard('create: every hook lets the compliant bucket through', async () => {
    const { code, run } = await simulateJson(repo, 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', BUCKET, '--hooks', HOOKS, ...guard());
    expect(code).toBe(0);
    // A create's identifier is the service's to assign: the bucket's name goes into the logical id only.
    expect(run.request).toMatchObject({ name: 'mycompany-reports', targetLogicalId: `AWS-S3-Bucket-mycompany-reports-CREATE-${run.progressEvent.RequestToken}` });
    expect(run.request.identifier).toBeUndefined();
    expect(run.progressEvent.Identifier).toBeUndefined();
    expect(run.invocations.map((i) => [i.hookTypeName, i.hookStatus, i.targetType])).toEqual([
      ['MyCompany::Testing::MyTestHook', 'SUCCESS', 'CLOUD_CONTROL'],
      ['MyCompany::Tags::RequiredTags', 'SUCCESS', 'CLOUD_CONTROL'],
      ['MyCompany::Guard::S3Buckets', 'SUCCESS', 'CLOUD_CONTROL'],
    ]);
    expect(run.requestStatus[0]?.HooksProgressEvent.map((e) => e.HookStatus)).toEqual(['HOOK_PENDING', 'HOOK_PENDING', 'HOOK_PENDING']);
    expect(run.warnings).toEqual([expect.objectContaining({ code: 'CLOUDCONTROL_STACK_FILTERS_IGNORED' })]);
  });

  itWithCfnGuard('update: the Guard hook (FAIL) fails the request, the Lambda hook (WARN) only reports; annotations say why', async () => {
    const argv = ['update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'mycompany-reports', '--desired-state', UNVERSIONED, '--previous-state', BUCKET, '--hooks', HOOKS, ...guard()];
    const { code, run } = await simulateJson(repo, ...argv);
    expect(code).toBe(1);
    expect(run.progressEvent).toMatchObject({ OperationStatus: 'FAILED', ErrorCode: 'GeneralServiceException', StatusMessage: 'The following hook(s) failed: [MyCompany::Guard::S3Buckets]' });
    expect(run.hooksProgressEvent.map((e) => [e.HookTypeName, e.HookStatus, e.FailureMode])).toEqual([
      ['MyCompany::Testing::MyTestHook', 'HOOK_COMPLETE_SUCCEEDED', 'FAIL'],
      ['MyCompany::Tags::RequiredTags', 'HOOK_COMPLETE_FAILED', 'WARN'],
      ['MyCompany::Guard::S3Buckets', 'HOOK_COMPLETE_FAILED', 'FAIL'],
    ]);
    expect(run.hooksProgressEvent[2]?.HookStatusMessage).toBe('Template failed validation, the following rule(s) failed: S3_BUCKET_VERSIONING_ENABLED.');
    expect(run.hookResults.map((r) => [r.Target.TargetType, r.Target.TargetId, r.Target.Action])).toEqual(Array(3).fill(['CLOUD_CONTROL', run.progressEvent.HooksRequestToken, 'UPDATE']));
    expect(run.hookResults[2]?.Annotations).toContainEqual(expect.objectContaining({ AnnotationName: 'S3_BUCKET_VERSIONING_ENABLED', Status: 'FAILED' }));
    const text = await simulate(repo, 'cloudcontrol', ...argv);
    expect(text.code).toBe(1);
    expect(text.out).toContain(`Failed annotations (get-hook-result; list-hook-results --target-type CLOUD_CONTROL --target-id ${run.progressEvent.HooksRequestToken}):`);
    expect(text.out).toContain('MyCompany::Tags::RequiredTags MEDIUM required-tag-cost-center: tag \'cost-center\' is missing');
    expect(text.out).toMatch(/Verdict: FAILED: a hook would fail the UpdateResource request by MyCompany::Guard::S3Buckets: NonCompliant: Template failed validation/);
  });

  itWithCfnGuard('update by PatchDocument (suspend-versioning.json): the same desired state, the same verdicts, as the state it stands for', async () => {
    const common = ['update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'mycompany-reports', '--previous-state', BUCKET, '--hooks', HOOKS, ...guard()];
    const patched = await simulateJson(repo, ...common, '--patch-document', join(examples, 'cloud-control', 'suspend-versioning.json'));
    const stated = await simulateJson(repo, ...common, '--desired-state', UNVERSIONED);
    expect(patched.code).toBe(1);
    expect(patched.run).toEqual(stated.run);
  });

  itWithCfnGuard('delete: only the hooks whose filters include DELETE are invoked; the others are named with why', async () => {
    const { code, run } = await simulateJson(repo, 'delete', '--type-name', 'AWS::S3::Bucket', '--identifier', 'mycompany-reports', '--previous-state', BUCKET, '--hooks', HOOKS, ...guard());
    expect(code).toBe(0);
    expect(run.invocations.map((i) => i.hookTypeName)).toEqual(['MyCompany::Testing::MyTestHook']);
    expect(run.warnings?.filter((w) => w.code === 'SIM_HOOK_NOT_INVOKED').map((w) => w.message)).toEqual([
      'MyCompany::Tags::RequiredTags is not invoked for this Cloud Control request: its handlers and TargetFilters do not target AWS::S3::Bucket at DELETE_PRE_PROVISION',
      'MyCompany::Guard::S3Buckets is not invoked for this Cloud Control request: its handlers and TargetFilters do not target AWS::S3::Bucket at DELETE_PRE_PROVISION',
    ]);
  });
});

describe('the constructed logical id of a create', () => {
  it.each([
    ['AWS::SQS::Queue', '{"QueueName": "jobs"}', 'AWS-SQS-Queue-jobs-CREATE-'],
    ['AWS::S3::Bucket', '{"BucketName": "logs"}', 'AWS-S3-Bucket-logs-CREATE-'],
    ['AWS::S3::Bucket', '{"Tags": []}', 'AWS-S3-Bucket-CREATE-'],
  ])('a %s created as %s is named %s… (its identifying or ARN-naming property)', async (type, state, prefix) => {
    const { code, run } = await simulateJson(scratch.dir, 'create', '--type-name', type, '--desired-state', file('state.json', state));
    expect(code).toBe(0);
    expect(run.request.targetLogicalId).toBe(`${prefix}${run.progressEvent.RequestToken}`);
  });
});

describe('states and patches as the AWS CLI takes them', () => {
  it('the Cloud Control guide\'s own update-resource example, JSON inline, with its slash-less path', async () => {
    const { code, run } = await simulateJson(
      scratch.dir,
      'update',
      '--type-name',
      'AWS::Logs::LogGroup',
      '--identifier',
      'CloudControlApiLogGroup',
      '--previous-state',
      '{"LogGroupName": "CloudControlApiLogGroup", "RetentionInDays": 30}',
      '--patch-document',
      '[{"op":"replace","path":"RetentionInDays","value":90}]',
    );
    expect(code).toBe(0);
    expect(JSON.parse(run.progressEvent.ResourceModel ?? '{}')).toEqual({ LogGroupName: 'CloudControlApiLogGroup', RetentionInDays: 90 });
  });

  it('file://<path> names a file, as for the AWS CLI', async () => {
    const { code, run } = await simulateJson(scratch.dir, 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', `file://${BUCKET}`);
    expect(code).toBe(0);
    expect(run.request.name).toBe('mycompany-reports');
  });

  it.each([
    ['--desired-state', ['create', '--type-name', 'AWS::S3::Bucket', '--desired-state', '{"BucketName": }'], /^<--desired-state>:1:16 SRC_JSON_SYNTAX invalid JSON/],
    ['--patch-document', ['update', '--type-name', 'AWS::S3::Bucket', '--identifier', 'b', '--previous-state', '{}', '--patch-document', '[{"op": "remove", "path": "/Tags"}]'], /^<--patch-document>:1:2 CLOUDCONTROL_PATCH_FAILED operation 0 \(remove \/Tags\): \/Tags does not exist/],
  ])('inline JSON that is wrong is located in the option (%s)', async (_option, argv, expected) => {
    const { code, err } = await simulate(scratch.dir, 'cloudcontrol', ...argv);
    expect(code).toBe(2);
    expect(err).toMatch(expected);
  });
});

describe('a long finding list for a Cloud Control request', () => {
  it.each([
    ['60 rules', 60],
    ['300 rules', 300],
  ])('%s: the message fits the 1024 characters the service keeps, with its "... and N more" tail', async (_what, count) => {
    const rules = Array.from({ length: count }, () => ({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: 'false' }));
    const desired = file('desired.json', JSON.stringify({ BucketName: 'big', BucketEncryption: { ServerSideEncryptionConfiguration: rules } }));
    const config = file(
      'config.json',
      JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['CLOUD_CONTROL'], Properties: {} } } }),
    );
    const { run } = await simulateJson(scratch.dir, 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', desired, '--config', config);
    const [invocation] = run.invocations;
    expect(invocation?.message.length).toBeLessThanOrEqual(1024);
    expect(invocation?.message).toMatch(/\.\.\. and \d+ more finding\(s\), see the annotations$/);
  });
});

describe('a desired state with a property the type does not have: a warning, the request goes on (CLOUDCONTROL_UNKNOWN_PROPERTY)', () => {
  it.each<[string, string, string, string[]]>([
    ['a misspelt name, with the one meant', 'AWS::SQS::Queue', '{"QueueNam":"jobs"}', ['QueueNam is not a property of AWS::SQS::Queue (did you mean QueueName?)']],
    ['two unknown keys, each said', 'AWS::S3::Bucket', '{"bucketName":"b","Colour":"blue"}', ['Colour is not a property of AWS::S3::Bucket', 'bucketName is not a property of AWS::S3::Bucket (did you mean BucketName?)']],
    ['every key known', 'AWS::SQS::Queue', '{"QueueName":"jobs","VisibilityTimeout":30}', []],
    // A state read back with GetResource holds the read-only properties: patched and sent back, they are no typo.
    ['read-only properties of a state read back', 'AWS::S3::Bucket', '{"BucketName":"b","Arn":"arn:aws:s3:::b","DomainName":"b.s3.amazonaws.com","WebsiteURL":"http://b.s3-website-us-east-1.amazonaws.com"}', []],
  ])('%s', async (_case, typeName, state, expected) => {
    const { code, run } = await simulateJson(repo, 'create', '--type-name', typeName, '--desired-state', state);
    expect(code).toBe(0);
    const said = (run.warnings ?? []).filter((w) => w.code === 'CLOUDCONTROL_UNKNOWN_PROPERTY').map((w) => w.message);
    expect(said.map((m) => m.replace(/: the service refuses it.*$/, '')).sort()).toEqual(expected);
    for (const message of said) expect(message).toMatch(/"Model validation failed \(#: extraneous key \[\w+\] is not permitted\)"/);
  });
});
