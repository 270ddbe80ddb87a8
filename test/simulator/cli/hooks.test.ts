/**
 * `simulate --hooks`: the account's hooks declared as a template, end to end through main(): this project's hook
 * (HookTypeConfig), a Lambda hook from a local module and behind a local Invoke endpoint, another registry hook
 * project, a Guard hook, their results as data, and the located errors of a bad hooks file.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { tarGzOf, zipOf } from '../../support/archives';
import { cfnGuardForTests } from '../../support/cfn-guard';
import { runSimulate, runSimulateJson, scratchFolderPerTest, type SimulateRun } from '../../support/simulate-cli';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'hooks-file');
/** This project's hook and the documented required-tags Lambda hook, the resource hooks of docs/examples/hooks/hooks.yaml. */
const twoHooks = join(fixtures, 'two-hooks.yaml');


async function simulate(cwd: string, ...argv: string[]): Promise<SimulateRun> {
  return runSimulate(cwd, argv);
}

interface JsonRun {
  stack: { finalStatus: string; outcome: string };
  invocations: { logicalResourceId: string; hookTypeName: string; hookStatus: string; targetType: string; hookInvocationId: string; message: string; annotations: { annotationName: string; status: string; statusMessage?: string; remediationMessage?: string; remediationLink?: string }[] }[];
  events: { logicalResourceId: string; resourceStatus: string; resourceStatusReason: string | null; hookType: string | null; hookStatus: string | null; hookStatusReason: string | null; hookInvocationId: string | null }[];
  hookResults: {
    HookResultId: string;
    TypeName: string;
    OriginalTypeName: string;
    FailureMode: string;
    Status: string;
    HookStatusReason: string;
    Target: { TargetType: string; TargetTypeName: string; TargetId: string; Action: string };
    Annotations: { AnnotationName: string; Status: string; StatusMessage?: string; RemediationMessage?: string; RemediationLink?: string }[];
  }[];
  warnings?: { code: string; message: string }[];
}

async function simulateJson(cwd: string, ...argv: string[]): Promise<{ code: number; run: JsonRun; err: string }> {
  return runSimulateJson<JsonRun>(cwd, ['--format', 'json', ...argv]);
}

const scratch = scratchFolderPerTest('hooks-file-');
const file = (name: string, text: string): string => scratch.file(name, text);

describe('simulate --hooks with two hooks on the same resources (this project\'s hook + the documented Lambda hook)', () => {
  it('create: every hook\'s verdict, the Lambda hook\'s message only in its results, annotations with remediation', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', twoHooks);
    expect(code).toBe(0);
    expect(run.stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(run.invocations.map((i) => [i.logicalResourceId, i.hookTypeName, i.hookStatus, i.targetType])).toEqual([
      ['DataBucket', 'MyCompany::Testing::MyTestHook', 'SUCCESS', 'RESOURCE'],
      ['DataBucket', 'MyCompany::Tags::RequiredTags', 'SUCCESS', 'RESOURCE'],
      ['JobsQueue', 'MyCompany::Testing::MyTestHook', 'SUCCESS', 'RESOURCE'],
      ['JobsQueue', 'MyCompany::Tags::RequiredTags', 'FAILED', 'RESOURCE'],
    ]);
    const lambdaFailure = run.hookResults[3];
    expect(lambdaFailure).toMatchObject({
      TypeName: 'MyCompany::Tags::RequiredTags',
      OriginalTypeName: 'AWS::Hooks::LambdaHook',
      FailureMode: 'WARN',
      Status: 'HOOK_COMPLETE_FAILED',
      HookStatusReason: 'AWS::SQS::Queue JobsQueue is missing required tag(s): owner, cost-center',
      Target: { TargetType: 'RESOURCE', TargetTypeName: 'AWS::SQS::Queue', TargetId: 'JobsQueue', Action: 'CREATE' },
    });
    expect(lambdaFailure?.Annotations.map((a) => [a.AnnotationName, a.Status])).toEqual([
      ['required-tag-owner', 'FAILED'],
      ['required-tag-cost-center', 'FAILED'],
    ]);
    // The event carries the 2026 text and the invocation id; the function's own message is only in the result.
    const failedEvent = run.events.find((e) => e.hookStatus === 'HOOK_COMPLETE_FAILED');
    expect(failedEvent).toMatchObject({
      hookType: 'MyCompany::Tags::RequiredTags',
      hookStatusReason: 'Hook failed with message: see hook results for details. Failure was ignored under WARN mode.',
      hookInvocationId: lambdaFailure?.HookResultId,
    });
    expect(new Set(run.hookResults.map((r) => r.HookResultId)).size).toBe(4);
  });

  it('text: the failed annotations and their remediation under the events table', async () => {
    const { code, out } = await simulate(fixtures, 'stack-v1.yml', '--hooks', twoHooks);
    expect(code).toBe(0);
    expect(out).toContain('Failed annotations (from the hook results):');
    expect(out).toContain("  JobsQueue MyCompany::Tags::RequiredTags MEDIUM required-tag-owner: tag 'owner' is missing");
    expect(out).toContain("      remediation: Add {Key: owner, Value: <value>} to the resource's Tags. https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html");
    expect(out.indexOf('Failed annotations')).toBeLessThan(out.indexOf('Hook invocations:'));
    // Several hooks: the invocations name theirs.
    expect(out).toMatch(/^LOGICAL ID +HOOK +TARGET +INVOCATION POINT +RESULT +MESSAGE$/m);
    expect(out).toMatch(/^JobsQueue +MyCompany::Tags::RequiredTags +AWS::SQS::Queue +CREATE_PRE_PROVISION +FAILED NonCompliant +AWS::SQS::Queue JobsQueue is missing/m);
  });

  it('text: the verdict names the blocking hook when several run', async () => {
    const { code, out } = await simulate(fixtures, 'stack-v1.yml', '--hooks', twoHooks, '--failure-mode', 'FAIL');
    expect(code).toBe(1);
    expect(out).toMatch(/^Verdict: ROLLBACK_COMPLETE: a hook would block the create at JobsQueue \(CREATE_PRE_PROVISION\) by MyCompany::Tags::RequiredTags: NonCompliant: /m);
  });

  it('update: both hooks judge the changed resources, with the UPDATE action in their results', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v2.yml', '--operation', 'update', '--previous', 'stack-v1.yml', '--hooks', twoHooks);
    expect(code).toBe(0);
    expect(run.hookResults.map((r) => [r.Target.TargetId, r.TypeName, r.Target.Action, r.Status])).toEqual([
      ['DataBucket', 'MyCompany::Testing::MyTestHook', 'UPDATE', 'HOOK_COMPLETE_SUCCEEDED'],
      ['DataBucket', 'MyCompany::Tags::RequiredTags', 'UPDATE', 'HOOK_COMPLETE_FAILED'],
      ['JobsQueue', 'MyCompany::Testing::MyTestHook', 'UPDATE', 'HOOK_COMPLETE_SUCCEEDED'],
      ['JobsQueue', 'MyCompany::Tags::RequiredTags', 'UPDATE', 'HOOK_COMPLETE_SUCCEEDED'],
    ]);
  });

  it('delete: both hooks are called before each resource goes (the Lambda hook passes deletes)', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'delete', '--hooks', twoHooks);
    expect(code).toBe(0);
    expect(run.stack.finalStatus).toBe('DELETE_COMPLETE');
    expect(run.hookResults.map((r) => [r.Target.TargetId, r.TypeName, r.Target.Action, r.Status])).toEqual([
      ['JobsQueue', 'MyCompany::Testing::MyTestHook', 'DELETE', 'HOOK_COMPLETE_SUCCEEDED'],
      ['JobsQueue', 'MyCompany::Tags::RequiredTags', 'DELETE', 'HOOK_COMPLETE_SUCCEEDED'],
      ['DataBucket', 'MyCompany::Testing::MyTestHook', 'DELETE', 'HOOK_COMPLETE_SUCCEEDED'],
      ['DataBucket', 'MyCompany::Tags::RequiredTags', 'DELETE', 'HOOK_COMPLETE_SUCCEEDED'],
    ]);
  });

  it('--failure-mode FAIL turns the Lambda hook into a blocker, named alone in the resource failure', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', twoHooks, '--failure-mode', 'FAIL');
    expect(code).toBe(1);
    expect(run.events.map((e) => e.resourceStatusReason)).toContain('The following hook(s) failed: [MyCompany::Tags::RequiredTags]');
  });
});

const LAMBDA_HOOK = (lambdaFunction: string, extra = ''): string => `Resources:
  Tags:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Tags::Endpoint
      LambdaFunction: ${lambdaFunction}
      ExecutionRole: arn:aws:iam::123456789012:role/hooks
      FailureMode: FAIL
      TargetOperations: [RESOURCE]
${extra}`;

describe('a Lambda hook behind a local Invoke endpoint (sam local start-lambda, the runtime interface emulator)', () => {
  let server: Server;
  let port: number;
  const seen: { url: string; event: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const event = JSON.parse(body) as { clientRequestToken: string; requestData: { targetLogicalId: string } };
        seen.push({ url: request.url ?? '', event: event as unknown as Record<string, unknown> });
        const bad = event.requestData.targetLogicalId.startsWith('Jobs');
        response.setHeader('Content-Type', 'application/json');
        response.end(
          JSON.stringify(
            bad
              ? { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'queues are reviewed by hand', clientRequestToken: event.clientRequestToken, annotations: [{ annotationName: 'manual-review', status: 'FAILED', statusMessage: 'queue needs a review', remediationMessage: 'Ask the platform team.' }] }
              : { hookStatus: 'SUCCESS', message: 'fine', clientRequestToken: event.clientRequestToken },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => (seen.length = 0));

  it('a real ARN mapped with --hook-source to the endpoint root: POST /2015-03-31/functions/<name>/invocations with the Lambda-hook event', async () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:tag-checker:live';
    const hooks = file('hooks.yaml', LAMBDA_HOOK(arn));
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', hooks, '--hook-source', `${arn}=http://127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(seen.map((s) => s.url)).toEqual(['/2015-03-31/functions/tag-checker/invocations', '/2015-03-31/functions/tag-checker/invocations']);
    const event = seen[0]?.event as { hookModel: unknown; hookTypeName: string; requestData: Record<string, unknown> };
    expect(event.hookModel).toEqual({ LambdaFunction: arn });
    expect(event.hookTypeName).toBe('Acme::Tags::Endpoint');
    expect(event.requestData).toMatchObject({ targetName: 'AWS::S3::Bucket', targetType: 'AWS::S3::Bucket', targetLogicalId: 'DataBucket' });
    expect(event.requestData).not.toHaveProperty('callerCredentials');
    expect(event.requestData).not.toHaveProperty('providerCredentials');
    // Scalars keep their template types, as on the Lambda page's example event (registry hooks get strings).
    expect(JSON.stringify(event.requestData)).toContain('"BucketKeyEnabled":true');
    expect(run.events.map((e) => e.resourceStatusReason)).toContain('The following hook(s) failed: [Acme::Tags::Endpoint]');
    expect(run.hookResults[1]).toMatchObject({ HookStatusReason: 'queues are reviewed by hand', Annotations: [{ AnnotationName: 'manual-review', Status: 'FAILED', RemediationMessage: 'Ask the platform team.' }] });
  });

  it('the full Invoke URL written in the hooks file', async () => {
    const hooks = file('hooks.yaml', LAMBDA_HOOK(`http://127.0.0.1:${port}/2015-03-31/functions/function/invocations`));
    const { code } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', hooks);
    expect(code).toBe(1);
    expect(seen[0]?.url).toBe('/2015-03-31/functions/function/invocations');
  });

  it('a registry hook served by the endpoint (--hook-source <type name>=<url>): cfn test\'s TypeFunction, with the registry request', async () => {
    const hooks = file('hooks.yaml', `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"FailureMode":"FAIL","TargetOperations":["RESOURCE"],"Properties":{"minBuckets":"2"}}}}'\n`);
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', hooks, '--hook-source', `MyCompany::Testing::MyTestHook=http://127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(seen.map((s) => s.url)).toEqual(['/2015-03-31/functions/TypeFunction/invocations', '/2015-03-31/functions/TypeFunction/invocations']);
    const event = seen[0]?.event as { hookModel: Record<string, unknown>; requestData: Record<string, unknown> };
    expect(event.requestData).toMatchObject({ targetType: 'RESOURCE', callerCredentials: expect.any(String), providerLogGroupName: 'mycompany-testing-mytesthook-logs' });
    expect(event.hookModel).toMatchObject({ minBuckets: '2', encryptionAlgorithm: 'AES256' });
    expect(run.hookResults[1]).toMatchObject({ TypeName: 'MyCompany::Testing::MyTestHook', OriginalTypeName: 'MyCompany::Testing::MyTestHook', HookStatusReason: 'queues are reviewed by hand' });
  });

  it('a registry hook mapped to something that is not an endpoint is a located error', async () => {
    const hooks = file('hooks.yaml', `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{}}}'\n`);
    const { code, err } = await simulate(fixtures, 'stack-v1.yml', '--hooks', hooks, '--hook-source', 'MyCompany::Testing::MyTestHook=./handler.js');
    expect(err).toMatch(/hooks\.yaml:5:17 HOOKS_BAD_ENDPOINT --hook-source MyCompany::Testing::MyTestHook=\.\/handler\.js: a registry hook is mapped to a local Invoke endpoint/);
    expect(code).toBe(2);
  });

  it('a function that cannot be reached is the hook erroring (HOOK_FAILED), after the retries', async () => {
    const hooks = file('hooks.yaml', LAMBDA_HOOK('http://127.0.0.1:9/2015-03-31/functions/gone/invocations'));
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', hooks);
    expect(code).toBe(1);
    expect(run.hookResults[0]).toMatchObject({ Status: 'HOOK_FAILED' });
    expect(run.hookResults[0]?.HookStatusReason).toMatch(/did not answer .*\(gave up after 3 attempts\)$/);
  });
});

describe('another registry hook project (--registry-hook) beside this project\'s hook', () => {
  const hooksFile = (): string =>
    file(
      'hooks.yaml',
      `Parameters:
  Reason:
    Type: String
    Default: no FIFO here
Resources:
  NoFifo:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeArn: arn:aws:cloudformation:us-east-1:123456789012:type/hook/Acme-Queues-NoFifo
      Configuration: !Sub '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["RESOURCE"],"Properties":{"reason":"\${Reason}"}}}}'
  Mine:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: MyCompany::Testing::MyTestHook
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["RESOURCE"]}}}'
`,
    );

  it('runs through the wire protocol (targetType RESOURCE), configured by a parameter and !Sub; two FAIL hooks block together', async () => {
    const { code, run } = await simulateJson(fixtures, 'fifo-stack.yml', '--hooks', hooksFile(), '--registry-hook', 'registry-hook', '--hooks-parameter', 'Reason=FIFO is banned');
    expect(code).toBe(1);
    expect(run.invocations.map((i) => [i.hookTypeName, i.hookStatus, i.message])).toEqual([
      ['Acme::Queues::NoFifo', 'FAILED', 'FIFO is banned (targetType RESOURCE)'],
      ['MyCompany::Testing::MyTestHook', 'SUCCESS', expect.any(String)],
    ]);
    expect(run.hookResults[0]?.OriginalTypeName).toBe('Acme::Queues::NoFifo');
  });

  // The Lambda page calls a Lambda hook's clientRequestToken required (said when left out: the Lambda table below);
  // a registry hook's runtime echoes it, and an answer without it is taken as read, silently. [choice] Another
  // request's token is an errored call, for both kinds.
  it.each<[string, string, number, RegExp]>([
    ['without clientRequestToken: taken as read, nothing said', '', 1, /^FIFO is banned$/],
    ['with another request\'s token: an errored call', ", clientRequestToken: 'other'", 1, /malformed: clientRequestToken does not echo the request's \(gave up after 4 attempts\)$/],
  ])('a registry hook answering %s', async (_name, token, exitCode, message) => {
    const project = join(scratch.dir, 'tokenless-hook');
    mkdirSync(project, { recursive: true });
    for (const name of ['acme-queues-nofifo.json', '.rpdk-config']) copyFileSync(join(fixtures, 'registry-hook', name), join(project, name));
    writeFileSync(join(project, 'handlers.js'), `module.exports = { entrypoint: async (e) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: e.hookModel.reason, callbackDelaySeconds: 0${token} }) };\n`);
    const { code, run } = await simulateJson(fixtures, 'fifo-stack.yml', '--hooks', hooksFile(), '--registry-hook', project, '--hooks-parameter', 'Reason=FIFO is banned');
    expect(code).toBe(exitCode);
    expect(run.invocations.find((i) => i.hookTypeName === 'Acme::Queues::NoFifo')?.message).toMatch(message);
    expect((run.warnings ?? []).filter((w) => w.code === 'SIM_HOOK_ANSWER')).toEqual([]);
  });

  it('without the project, the HookTypeConfig is a located error naming --registry-hook', async () => {
    const { code, err } = await simulate(fixtures, 'fifo-stack.yml', '--hooks', hooksFile());
    expect(code).toBe(2);
    expect(err).toMatch(/hooks\.yaml:9:16 HOOKS_UNKNOWN_TYPE no hook project for Acme::Queues::NoFifo .*--registry-hook <dir>/);
  });
});

describe('a Lambda hook module runs as the function its LambdaFunction names, in the run\'s account and region', () => {
  // What a function commonly reads: its account from the invoked ARN, its region and name from the environment.
  const REPORT = 'exports.handler = async (e, c) => ({ hookStatus: "SUCCESS", message: [c.invokedFunctionArn.split(":")[4], c.invokedFunctionArn, c.functionName, c.logGroupName, process.env.AWS_REGION, process.env.AWS_LAMBDA_FUNCTION_NAME].join(" "), clientRequestToken: e.clientRequestToken });\n';
  it.each<[string, string, string[], string]>([
    ['a local module itself (its file name stands for the function)', './report.js', [], '111122223333 arn:aws:lambda:eu-west-1:111122223333:function:report report /aws/lambda/report eu-west-1 report'],
    ['a bare name mapped with --hook-source', 'checker', ['--hook-source', 'checker=./report.js'], '111122223333 arn:aws:lambda:eu-west-1:111122223333:function:checker checker /aws/lambda/checker eu-west-1 checker'],
    [
      'a qualified ARN in another account and region, mapped with --hook-source',
      'arn:aws:lambda:us-west-2:444455556666:function:checker:live',
      ['--hook-source', 'checker=./report.js'],
      '444455556666 arn:aws:lambda:us-west-2:444455556666:function:checker:live checker /aws/lambda/checker us-west-2 checker',
    ],
  ])('%s', async (_case, lambdaFunction, sources, message) => {
    file('report.js', REPORT);
    const hooks = file('hooks.yaml', LAMBDA_HOOK(lambdaFunction, '      TargetFilters: {TargetNames: [AWS::SQS::Queue]}\n'));
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooks, '--region', 'eu-west-1', '--account-id', '111122223333', ...sources);
    expect(code).toBe(0);
    expect(run.invocations.map((i) => [i.hookStatus, i.message])).toEqual([['SUCCESS', message]]);
  });
});

describe('a Lambda function the hooks file declares beside its hook', () => {
  const HOOKS = `Resources:
  Checker:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Role: arn:aws:iam::123456789012:role/lambda
      Code: {S3Bucket: deploy-bucket, S3Key: hook.zip}
  Tags:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Tags::Declared
      LambdaFunction: !GetAtt Checker.Arn
      ExecutionRole: arn:aws:iam::123456789012:role/hooks
      FailureMode: FAIL
      TargetOperations: [RESOURCE]
`;

  it('is mapped by its logical id (its made-up name changes with the file\'s)', async () => {
    file('checker.js', 'module.exports = { handler: async (e) => ({ hookStatus: "SUCCESS", message: "checked", clientRequestToken: e.clientRequestToken }) };\n');
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', HOOKS), '--hook-source', 'Checker=./checker.js');
    expect(code).toBe(0);
    expect(run.invocations.map((i) => [i.hookTypeName, i.hookStatus, i.message])).toContainEqual(['Acme::Tags::Declared', 'SUCCESS', 'checked']);
  });

  it('unmapped, the message names the logical id to map', async () => {
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', HOOKS));
    expect(code).toBe(2);
    expect(err).toMatch(/HOOKS_UNMAPPED_SOURCE LambdaFunction the function Checker this file declares \('arn:aws:lambda:us-east-1:123456789012:function:hooks-Checker-[A-Za-z0-9]+'\) is a real function.*--hook-source 'Checker=<module path/);
  });
});

describe('a hook whose code is not mapped here (a real function ARN, an s3:// URI) needs it only if the run calls it', () => {
  const STACK = join(fixtures, 'stack-v1.yml');
  const PARENT = join(fixtures, 'nested-queue', 'parent.yml');
  const BUCKET_STATE = join(repo, 'docs', 'examples', 'hooks', 'cloud-control', 'bucket.json');
  const CLOUD_CONTROL = ['cloudcontrol', 'create', '--type-name', 'AWS::S3::Bucket', '--desired-state', BUCKET_STATE];
  // A hook with local code, called on every stack run before the unmapped one: its calls are never reported when the refusal comes.
  const SEEN = `  Seen:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Local::Seen
      LambdaFunction: ./seen.js
      ExecutionRole: arn:aws:iam::123456789012:role/hooks
      FailureMode: WARN
      TargetOperations: [STACK, RESOURCE]
`;
  const LAMBDA = (operations: string, extra = ''): string => `Resources:
${SEEN}  Real:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Real::Function
      LambdaFunction: arn:aws:lambda:us-east-1:123456789012:function:real
      ExecutionRole: arn:aws:iam::123456789012:role/hooks
      FailureMode: FAIL
      TargetOperations: [${operations}]
${extra}`;
  const GUARD = (operations: string, location = 'RuleLocation: {Uri: s3://rules-bucket/real.guard}'): string => `Resources:
${SEEN}  Real:
    Type: AWS::CloudFormation::GuardHook
    Properties:
      Alias: Acme::Real::Rules
      ${location}
      ExecutionRole: arn:aws:iam::123456789012:role/hooks
      HookStatus: ENABLED
      FailureMode: WARN
      TargetOperations: [${operations}]
`;
  const write = (hooks: string): string => {
    file('seen.js', "exports.handler = async (event) => ({ hookStatus: 'SUCCESS', message: 'seen', clientRequestToken: event.clientRequestToken });\n");
    file('local.guard', 'rule versioning { Resources.*.Properties.VersioningConfiguration exists }\n');
    return file('hooks.yaml', hooks);
  };

  // Never called in the run: no --hook-source needed, the hook reported as not invoked where the run can say why.
  it.each<[string, string, string[], string | undefined]>([
    ['a CLOUD_CONTROL-only Lambda hook, on a create', LAMBDA('CLOUD_CONTROL'), [STACK], 'Acme::Real::Function is not invoked for this stack: TargetOperations [CLOUD_CONTROL] includes neither RESOURCE nor STACK'],
    ['a CHANGE_SET-only Guard hook, on a create', GUARD('CHANGE_SET'), [STACK], 'Acme::Real::Rules is not invoked for this stack: TargetOperations [CHANGE_SET] includes neither RESOURCE nor STACK'],
    ['a RESOURCE hook whose StackFilters leave the stack out', LAMBDA('RESOURCE', '      StackFilters:\n        FilteringCriteria: ALL\n        StackNames: {Exclude: [stack-v1]}\n'), [STACK], "Acme::Real::Function is not invoked for this stack: StackFilters exclude stack 'stack-v1'"],
    ['a RESOURCE hook whose TargetFilters match no action of a create', LAMBDA('RESOURCE', '      TargetFilters:\n        Actions: [DELETE]\n'), [STACK], undefined],
    ['a RESOURCE hook on a change set only created (its calls only planned)', LAMBDA('RESOURCE'), [STACK, '--operation', 'change-set'], undefined],
    ['a CHANGE_SET-only Guard hook, in a Cloud Control request', GUARD('CHANGE_SET'), CLOUD_CONTROL, 'Acme::Real::Rules is not invoked for this Cloud Control request: TargetOperations [CHANGE_SET] does not include CLOUD_CONTROL'],
  ])('%s: the run goes on (exit 0)', async (_case, hooks, argv, note) => {
    // --format last: `cloudcontrol` must come first.
    const { code, run, err } = await runSimulateJson<JsonRun>(scratch.dir, [...argv, '--hooks', write(hooks), '--format', 'json']);
    expect({ code, err }).toEqual({ code: 0, err: expect.not.stringMatching(/HOOKS_UNMAPPED_SOURCE/) });
    expect(run.invocations.map((i) => i.hookTypeName)).not.toContain(hooks.includes('GuardHook') ? 'Acme::Real::Rules' : 'Acme::Real::Function');
    if (note !== undefined) expect(run.warnings).toContainEqual(expect.objectContaining({ code: 'SIM_HOOK_NOT_INVOKED', message: expect.stringContaining(note) }));
  });

  // Called in the run: refused at its first call, located as before, and nothing of the run reported (exit 2).
  it.each<[string, string, string[], string]>([
    ['a RESOURCE Lambda hook, on a create', LAMBDA('RESOURCE'), [STACK], '/Resources/Real/Properties/LambdaFunction'],
    ['a RESOURCE hook on a change set, executed', LAMBDA('RESOURCE'), [STACK, '--operation', 'change-set', '--execute'], '/Resources/Real/Properties/LambdaFunction'],
    ['a CHANGE_SET-only Guard hook, on a change set', GUARD('CHANGE_SET'), [STACK, '--operation', 'change-set'], '/Resources/Real/Properties/RuleLocation/Uri'],
    ['a RESOURCE hook for DELETE only, on a delete', LAMBDA('RESOURCE', '      TargetFilters:\n        Actions: [DELETE]\n'), [STACK, '--operation', 'delete'], '/Resources/Real/Properties/LambdaFunction'],
    ['a STACK-only hook, on a delete', LAMBDA('STACK'), [STACK, '--operation', 'delete'], '/Resources/Real/Properties/LambdaFunction'],
    [
      'a hook whose StackFilters leave the parent out but not its nested stack',
      LAMBDA('RESOURCE', '      StackFilters:\n        FilteringCriteria: ALL\n        StackNames: {Exclude: [parent]}\n'),
      [PARENT],
      '/Resources/Real/Properties/LambdaFunction',
    ],
    ['a Guard hook whose input parameters alone are in S3', GUARD('RESOURCE', 'RuleLocation: {Uri: ./local.guard}\n      Options: {InputParams: {Uri: s3://rules-bucket/params.yaml}}'), [STACK], '/Resources/Real/Properties/Options/InputParams/Uri'],
    ['a CLOUD_CONTROL Lambda hook, in a Cloud Control request', LAMBDA('CLOUD_CONTROL'), CLOUD_CONTROL, '/Resources/Real/Properties/LambdaFunction'],
  ])('%s: refused (exit 2), located, no hook call reported', async (_case, hooks, argv, pointer) => {
    const path = write(hooks);
    const text = await simulate(scratch.dir, ...argv, '--hooks', path);
    expect(text.code).toBe(2);
    expect(text.out).toBe('');
    expect(text.err).toMatch(new RegExp(`^hooks\\.yaml:\\d+:\\d+ HOOKS_UNMAPPED_SOURCE .*\\(at ${pointer.replaceAll('/', '\\/')}\\)$`, 'm'));
    const json = await simulate(scratch.dir, ...argv, '--hooks', path, '--format', 'json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toEqual({ errors: [expect.objectContaining({ code: 'HOOKS_UNMAPPED_SOURCE', path: pointer, line: expect.any(Number) })] });
  });

  it('in a run of many templates, only the stack that calls the hook is refused; the run exits 2', async () => {
    const queueOnly = file('queue-only.yml', 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/aws/sqs\n');
    const { code, out, err } = await simulate(scratch.dir, STACK, queueOnly, '--hooks', write(LAMBDA('RESOURCE', '      TargetFilters:\n        TargetNames: [AWS::S3::Bucket]\n')));
    expect(code).toBe(2);
    expect(err).toMatch(/hooks\.yaml:\d+:\d+ HOOKS_UNMAPPED_SOURCE LambdaFunction 'arn:aws:lambda:us-east-1:123456789012:function:real' is a real function/);
    expect(out).toMatch(/^\S*stack-v1\.yml\s+stack-v1\s+INPUT ERROR\s/m);
    expect(out).toMatch(/^\S*queue-only\.yml\s+queue-only\s+CREATE_COMPLETE\s/m);
  });
});

describe("the hooks file's own parameters", () => {
  const GUARD_FROM = (parameter: string): string => `Parameters:
  ${parameter}
Resources:
  G:
    Type: AWS::CloudFormation::GuardHook
    Properties: {Alias: Acme::Guard::Rules, RuleLocation: {Uri: !Ref Rules}, ExecutionRole: arn:aws:iam::123456789012:role/g, HookStatus: DISABLED, TargetOperations: [RESOURCE]}
`;

  it('one without a value names --hooks-parameter (--parameter goes to the stack template)', async () => {
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', GUARD_FROM('Rules: {Type: String}')));
    expect(code).toBe(2);
    expect(err).toMatch(/hooks\.yaml:2:10 RES_MISSING_PARAMETER Parameters: \[Rules\] must have values \(a parameter of the hooks file: give it with --hooks-parameter Name=value\)/);
  });

  it.each<[string, string[], number, RegExp]>([
    ['a placeholder and a warning by default', [], 0, /warning RES_PARAMETER_SSM_PLACEHOLDER parameter 'Rules'/],
    ['refused under --strict-parameters, as the stack template\'s are', ['--strict-parameters'], 2, /RES_PARAMETER_SSM Unable to fetch parameters \[\/guard\/rules\] from parameter store/],
    ['given by --ssm-parameter, as the stack template\'s are', ['--strict-parameters', '--ssm-parameter', '/guard/rules=s3://rules/r.guard'], 0, /^(?![\s\S]*RES_PARAMETER_SSM)/],
  ])('an SSM-typed one: %s', async (_case, flags, exit, message) => {
    const hooks = file('hooks.yaml', GUARD_FROM("Rules: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /guard/rules}"));
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooks, ...flags);
    expect(code).toBe(exit);
    expect(err).toMatch(message);
  });
});

describe('hook types the simulator has no code for', () => {
  /** A hooks file configuring one hook type by name, enabled and FAIL. */
  const configuring = (logicalId: string, typeName: string): string =>
    file('hooks.yaml', `Resources:
  ${logicalId}:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: ${typeName}
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["RESOURCE"],"Properties":{}}}}'
`);

  /** A TypeActivation of `original` under `alias`, before the HookTypeConfig of that alias. */
  const activating = (original: string, alias: string): string =>
    `Resources:
  Activation:
    Type: AWS::CloudFormation::TypeActivation
    Properties:
      Type: HOOK
      TypeName: ${original}
      PublisherId: aws-hooks
      TypeNameAlias: ${alias}
${readFileSync(configuring('Activated', alias), 'utf8').replace(/^Resources:\n/, '')}`;

  it.each<[string, () => string, RegExp]>([
    ['AWS::Hooks::GuardHook named directly', () => configuring('Activated', 'AWS::Hooks::GuardHook'), /hooks\.yaml:5:17 HOOKS_UNKNOWN_TYPE AWS::Hooks::GuardHook is configured as a Guard hook, .*TypeActivation with TypeName: AWS::Hooks::GuardHook, PublisherId: aws-hooks, TypeNameAlias: Private::Guard::MyHook.* or declare it as AWS::CloudFormation::GuardHook/],
    [
      "a third party's public hook activated under an alias: its project is asked for, and the activation named",
      () => file('hooks.yaml', activating('Acme::Security::Hook', 'Private::Acme::Hook')),
      /HOOKS_UNKNOWN_TYPE no hook project for Private::Acme::Hook, which TypeActivation Activation activates from Acme::Security::Hook \(known: .*\): give its project directory with --registry-hook <dir>/,
    ],
    [
      'an activation that nothing configures: the file declares no hook, and the activation is named',
      () => file('hooks.yaml', activating('AWS::TagPolicies::TaggingComplianceValidator', 'Private::Tags::Hook').replace(/\n {2}Activated:[\s\S]*$/, '\n')),
      /HOOKS_NONE the hooks file declares no hook: expected resources of type .*; TypeActivation Activation activates AWS::TagPolicies::TaggingComplianceValidator, but no HookTypeConfig configures it/,
    ],
  ])('%s: says what can be simulated, and how to declare it', async (_case, hooksFile, message) => {
    const { code, err } = await simulate(fixtures, 'stack-v1.yml', '--hooks', hooksFile());
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  // An AWS-managed hook (Control Tower's, the tag-policy validator) has no code here. The run goes on without it and
  // says so, kept under --quiet, or runs the stand-in --hook-source gives its alias; before, the whole account's hooks
  // file was refused (exit 2), so an account with Control Tower could not be previewed at all (h31-author #6).
  const NOT_SIMULATED = (name: string, activation: string, mode: string): RegExp =>
    new RegExp(
      String.raw`^hooks\.yaml:\d+:17 warning HOOKS_NOT_SIMULATED ${name}${activation} is a hook AWS publishes and runs \(FailureMode ${mode}\): the simulator has no code for it, so its verdicts are not in this run; stand in for it with --hook-source '${name}=<a Lambda hook module, or a Guard rules file>' \(at /Resources/Activated/Properties/TypeName\)$`,
      'm',
    );
  const controls = (document: string): string => document.replace('"Properties":{}', '"Properties":{"ControlsToApply":"CT.S3.PR.1"}');
  it.each<[string, () => string, string[], number, RegExp, RegExp | undefined]>([
    ['named directly: left out, named with its FailureMode', () => file('hooks.yaml', controls(readFileSync(configuring('Activated', 'AWS::ControlTower::Hook'), 'utf8'))), [], 0, NOT_SIMULATED('AWS::ControlTower::Hook', '', 'FAIL'), undefined],
    [
      'activated under an alias: the alias and the type it activates are named',
      () => file('hooks.yaml', controls(activating('AWS::ControlTower::Hook', 'Private::CT::Hook'))),
      [],
      0,
      NOT_SIMULATED('Private::CT::Hook', String.raw` \(TypeActivation Activation activates AWS::ControlTower::Hook\)`, 'FAIL'),
      undefined,
    ],
    [
      'a WARN one, activated under its own name',
      () => file('hooks.yaml', activating('AWS::TagPolicies::TaggingComplianceValidator', 'AWS::TagPolicies::TaggingComplianceValidator').replace('"FailureMode":"FAIL"', '"FailureMode":"WARN"')),
      [],
      0,
      NOT_SIMULATED('AWS::TagPolicies::TaggingComplianceValidator', String.raw` \(TypeActivation Activation\)`, 'WARN'),
      undefined,
    ],
    [
      'a module stands in for it under its alias: its verdict blocks the create',
      () => file('hooks.yaml', controls(activating('AWS::ControlTower::Hook', 'Private::CT::Hook'))),
      ['--hook-source', 'Private::CT::Hook=deny.js'],
      1,
      /^Verdict: ROLLBACK_COMPLETE: a hook would block the create at 2 resources \(DataBucket, JobsQueue\); the first, DataBucket \(CREATE_PRE_PROVISION\): NonCompliant: not a control tower account$/m,
      /HOOKS_NOT_SIMULATED/,
    ],
    [
      'a stand-in that is not there: a located error naming the mapping (exit 2)',
      () => file('hooks.yaml', controls(activating('AWS::ControlTower::Hook', 'Private::CT::Hook'))),
      ['--hook-source', 'Private::CT::Hook=none.js'],
      2,
      /^hooks\.yaml:12:17 HOOKS_NO_CODE --hook-source Private::CT::Hook=none\.js \(standing in for AWS::ControlTower::Hook\): LambdaFunction: no such module .*none\.js/m,
      /HOOKS_NOT_SIMULATED/,
    ],
    [
      'its document is still checked: a FailureMode out of its enum is an error (exit 2)',
      () => file('hooks.yaml', activating('AWS::ControlTower::Hook', 'Private::CT::Hook').replace('"FailureMode":"FAIL"', '"FailureMode":"Fail"')),
      [],
      2,
      /HC103 HookTypeConfig Activated Configuration at \/CloudFormationConfiguration\/HookConfiguration\/FailureMode: .*'Fail' is not allowed/,
      /HOOKS_NOT_SIMULATED/,
    ],
  ])('an AWS-managed hook %s', async (_case, hooksFile, flags, exit, said, unsaid) => {
    file('deny.js', "exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'not a control tower account', clientRequestToken: event.clientRequestToken });\n");
    const { code, out, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksFile(), ...flags, '--quiet');
    expect(code).toBe(exit);
    expect(out + err).toMatch(said);
    if (unsaid) expect(err).not.toMatch(unsaid);
  });

  const cfnGuard = cfnGuardForTests('an AWS-managed hook stood in for by Guard rules');
  (cfnGuard === undefined ? it.skip : it)('an AWS-managed hook stood in for by Guard rules (Control Tower\'s proactive controls are Guard rules): cfn-guard judges under its alias', async () => {
    file('versioning.guard', 'rule versioning { Resources.*.Properties.VersioningConfiguration exists }\n');
    file('hooks.yaml', controls(activating('AWS::ControlTower::Hook', 'Private::CT::Hook')));
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', 'hooks.yaml', '--hook-source', 'Private::CT::Hook=versioning.guard', '--cfn-guard', cfnGuard as string);
    expect(code).toBe(1);
    expect(run.invocations.map((i) => [i.logicalResourceId, i.hookTypeName, i.hookStatus])).toEqual([
      ['DataBucket', 'Private::CT::Hook', 'FAILED'],
      ['JobsQueue', 'Private::CT::Hook', 'FAILED'],
    ]);
    expect(run.warnings ?? []).not.toContainEqual(expect.objectContaining({ code: 'HOOKS_NOT_SIMULATED' }));
  });

  // Control Tower's proactive controls are preCreate/preUpdate handlers on resources (Control Tower control reference;
  // the Hooks User Guide's "Activate a proactive control-based Hook": TargetOperations RESOURCE "the only supported
  // value", Actions CREATE/UPDATE, "Other TargetFilters properties have no effect"). Its stand-in was called on deletes,
  // for the stack and for change sets, and blocked a delete the real hook never looks at (h34-today #1).
  const CT_STRAY = '"TargetOperations":["RESOURCE","STACK","CHANGE_SET","CLOUD_CONTROL"],"TargetFilters":{"Actions":["CREATE","DELETE"],"TargetNames":["AWS::SQS::*"]}';
  const ctWarning = (pointer: string, said: string): { code: string; message: string } => ({
    code: 'HOOKS_CONTROL_TOWER_TARGET',
    message: `HookTypeConfig Activated Configuration at /CloudFormationConfiguration/HookConfiguration${pointer}: ${said}`,
  });
  const STRAY_WARNINGS = [
    ctWarning('/TargetOperations/1', 'STACK: a Control Tower hook takes RESOURCE only ("the only supported value", Hooks User Guide); its controls judge resources, so it is never called for the stack'),
    ctWarning('/TargetOperations/2', 'CHANGE_SET: a Control Tower hook takes RESOURCE only ("the only supported value", Hooks User Guide); its controls judge resources, so it is never called for a change set'),
    ctWarning('/TargetOperations/3', 'CLOUD_CONTROL: a Control Tower hook takes RESOURCE only ("the only supported value", Hooks User Guide); its controls judge resources, so it is never called for a Cloud Control request'),
    ctWarning('/TargetFilters/Actions/1', "DELETE: a Control Tower hook's controls are preCreate and preUpdate handlers; it is never called on a delete"),
    ctWarning('/TargetFilters/TargetNames', 'TargetNames: "Other TargetFilters properties have no effect" on a Control Tower hook (Hooks User Guide): it is called for every resource a create or update provisions'),
  ];
  it.each<[string, string, string[], [string, string][], { code: string; message: string }[]]>([
    ['as documented: a delete never calls it', '"TargetOperations":["RESOURCE"]', ['--operation', 'delete', '--stack-name', 'st'], [], []],
    ['as documented: a create calls it for each resource, never for the stack', '"TargetOperations":["RESOURCE"]', [], [['DataBucket', 'RESOURCE'], ['JobsQueue', 'RESOURCE']], []],
    ['naming other targets: a delete never calls it, and each stray entry is a located warning', CT_STRAY, ['--operation', 'delete', '--stack-name', 'st'], [], STRAY_WARNINGS],
    ['naming other targets: a create calls it for every resource (TargetNames has no effect), never for the stack', CT_STRAY, [], [['DataBucket', 'RESOURCE'], ['JobsQueue', 'RESOURCE']], STRAY_WARNINGS],
    ['naming CHANGE_SET: a change set never calls it', CT_STRAY, ['--operation', 'change-set'], [], STRAY_WARNINGS],
  ])("Control Tower's hook stood in for, %s", async (_case, targets, flags, called, warned) => {
    file('deny.js', "exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'denied', clientRequestToken: event.clientRequestToken });\n");
    file('hooks.yaml', controls(activating('AWS::ControlTower::Hook', 'Private::CT::Hook')).replace('"TargetOperations":["RESOURCE"]', targets));
    const { run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', 'hooks.yaml', '--hook-source', 'Private::CT::Hook=deny.js', ...flags);
    expect(run.invocations.map((i) => [i.logicalResourceId, i.targetType])).toEqual(called);
    // Said once, in the hook's own terms: not also as HC112/HC117, which speak of a schema the user never sees.
    const said = (run.warnings ?? []).filter((w) => w.code === 'HOOKS_CONTROL_TOWER_TARGET' || w.code === 'HC112' || w.code === 'HC117');
    expect(said).toEqual(warned.map((w) => expect.objectContaining(w)));
  });

  it('a Java hook project says to serve it behind a local Invoke endpoint, not to build a JavaScript module', async () => {
    const project = join(scratch.dir, 'java-hook');
    mkdirSync(project, { recursive: true });
    copyFileSync(join(fixtures, 'registry-hook', 'acme-queues-nofifo.json'), join(project, 'acme-queues-nofifo.json'));
    writeFileSync(join(project, '.rpdk-config'), JSON.stringify({ artifact_type: 'HOOK', typeName: 'Acme::Queues::NoFifo', language: 'java', entrypoint: 'com.acme.queues.nofifo.HookHandlerWrapper::handleRequest' }));
    const hooks = configuring('NoFifo', 'Acme::Queues::NoFifo');
    const { code, err } = await simulate(fixtures, 'fifo-stack.yml', '--hooks', hooks, '--registry-hook', project);
    expect(code).toBe(2);
    expect(err).toMatch(/\(language java\) does not run in process: serve the built project behind a local Lambda Invoke endpoint \(sam local start-lambda\) and map its type name to it, --hook-source Acme::Queues::NoFifo=http:\/\/127\.0\.0\.1:<port>/);
  });
});

describe('a Lambda or Guard hook activated as the CLI does it (TypeActivation of AWS::Hooks::*, HookTypeConfig for its alias)', () => {
  /** The activation page's two steps as a hooks file: activate-type, then set-type-configuration with `properties`. */
  const activated = (original: string, typeRef: string, properties: string, activation = true): string =>
    file(
      'hooks.yaml',
      `Resources:
${activation ? `  Activation:
    Type: AWS::CloudFormation::TypeActivation
    Properties:
      Type: HOOK
      TypeName: ${original}
      PublisherId: aws-hooks
      TypeNameAlias: Private::Acme::Checks
      ExecutionRoleArn: arn:aws:iam::123456789012:role/hooks
` : ''}  Config:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      ${typeRef}
      Configuration: |
        {"CloudFormationConfiguration": {"HookConfiguration": {
          "HookInvocationStatus": "ENABLED", "TargetOperations": ["RESOURCE"], "FailureMode": "FAIL",
          "TargetFilters": {"TargetNames": ["AWS::SQS::Queue"]},
          "Properties": ${properties}}}}
`,
    );

  it.each([
    ['named by its alias', 'TypeName: Private::Acme::Checks'],
    ["named by the activation's ARN", 'TypeArn: !GetAtt Activation.Arn'],
  ])('a Lambda hook %s runs its function, as AWS::CloudFormation::LambdaHook would', async (_case, typeRef) => {
    file('x.js', 'module.exports = { handler: async (e) => ({ hookStatus: "FAILED", errorCode: "NonCompliant", message: `no ${e.requestData.targetLogicalId}` }) };\n');
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', activated('AWS::Hooks::LambdaHook', typeRef, '{"LambdaFunction": "./x.js"}'));
    expect(code).toBe(1);
    expect(run.invocations.map((i) => [i.logicalResourceId, i.hookTypeName, i.hookStatus, i.message])).toEqual([['JobsQueue', 'Private::Acme::Checks', 'FAILED', 'no JobsQueue']]);
    expect(run.hookResults[0]).toMatchObject({ TypeName: 'Private::Acme::Checks', OriginalTypeName: 'AWS::Hooks::LambdaHook' });
  });

  it.each<[string, string, string, RegExp[]]>([
    [
      'a Guard hook: its rules and input parameters are mapped like a GuardHook\'s, located in the document',
      'AWS::Hooks::GuardHook',
      '{"ruleLocation": "s3://rules/r.guard", "logBucket": "logs", "options": {"inputParams": "s3://rules/p.yaml"}}',
      [
        /hooks\.yaml:14:22 HOOKS_UNMAPPED_SOURCE HookTypeConfig Config Configuration at \/CloudFormationConfiguration\/HookConfiguration\/Properties\/ruleLocation: 's3:\/\/rules\/r\.guard' is in S3/,
        /Configuration at \/CloudFormationConfiguration\/HookConfiguration\/Properties\/options\/inputParams: 's3:\/\/rules\/p\.yaml' is in S3/,
      ],
    ],
    ['a Guard hook with a misspelt key', 'AWS::Hooks::GuardHook', '{"rulelocation": "s3://rules/r.guard"}', [/HC110 .*Properties: missing required property 'ruleLocation'/, /unknown property 'rulelocation' \(did you mean 'ruleLocation'\?\)/]],
    ['a Lambda hook whose function is in AWS', 'AWS::Hooks::LambdaHook', '{"LambdaFunction": "arn:aws:lambda:us-east-1:123456789012:function:checks"}', [/Properties\/LambdaFunction: LambdaFunction 'arn:aws:lambda:us-east-1:123456789012:function:checks' is a real function.*--hook-source/]],
  ])('%s', async (_case, original, properties, messages) => {
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', activated(original, 'TypeName: Private::Acme::Checks', properties));
    expect(code).toBe(2);
    for (const message of messages) expect(err).toMatch(message);
  });

  it('a misspelt target type in its document is warned about, located inside the document', async () => {
    file('x.js', 'module.exports = { handler: async () => ({ hookStatus: "SUCCESS", message: "ok" }) };\n');
    const hooks = activated('AWS::Hooks::LambdaHook', 'TypeName: Private::Acme::Checks', '{"LambdaFunction": "./x.js"}');
    writeFileSync(hooks, readFileSync(hooks, 'utf8').replace('AWS::SQS::Queue', 'AWS::SQS::Queues'));
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooks);
    expect(code).toBe(0);
    expect(run.warnings).toContainEqual(
      expect.objectContaining({
        code: 'HOOKS_UNKNOWN_TARGET',
        message: expect.stringMatching(/^HookTypeConfig Config Configuration at \/CloudFormationConfiguration\/HookConfiguration\/TargetFilters\/TargetNames\/0: Lambda hook Private::Acme::Checks: .*'AWS::SQS::Queues' is no resource type .*did you mean 'AWS::SQS::Queue'/),
      }),
    );
  });

  it.each([
    ['Lambda', '{"LambdaFunction": "./x.js"}', /Private::Acme::Checks is configured as a Lambda hook, activated from AWS::Hooks::LambdaHook: declare its activation beside it \(an AWS::CloudFormation::TypeActivation with TypeName: AWS::Hooks::LambdaHook, PublisherId: aws-hooks, TypeNameAlias: Private::Acme::Checks/],
    ['Guard', '{"ruleLocation": "s3://rules/r.guard"}', /Private::Acme::Checks is configured as a Guard hook, .* or declare it as AWS::CloudFormation::GuardHook/],
  ])('without its TypeActivation, a %s configuration says to declare it (never --registry-hook)', async (kind, properties, message) => {
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', activated(`AWS::Hooks::${kind}Hook`, 'TypeName: Private::Acme::Checks', properties, false));
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/--registry-hook/);
  });
});

describe('Guard hooks', () => {
  // The real engine (test/support/cfn-guard.ts: found or fetched; a CI run without it fails, elsewhere the tests
  // that need it are skipped with a notice).
  const cfnGuard = cfnGuardForTests('simulate --hooks with Guard hooks');
  const cfnGuardArgs = (): string[] => ['--cfn-guard', cfnGuard as string];
  const itWithCfnGuard = cfnGuard === undefined ? it.skip : it;

  const GUARD = (status: string): string => `Resources:
  Versioning:
    Type: AWS::CloudFormation::GuardHook
    Properties:
      Alias: Acme::Guard::Versioning
      RuleLocation: {Uri: s3://rules-bucket/versioning.guard}
      ExecutionRole: arn:aws:iam::123456789012:role/guard
      TargetOperations: [RESOURCE]
${status}`;

  it('a Guard hook is DISABLED by default (the resource schema\'s default): reported, never called, no rules needed', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', file('hooks.yaml', GUARD('')));
    expect(code).toBe(0);
    expect(run.invocations).toEqual([]);
    expect(run.warnings).toContainEqual(
      expect.objectContaining({ code: 'SIM_HOOK_NOT_INVOKED', message: 'Acme::Guard::Versioning is not invoked for this stack: HookStatus defaults to DISABLED for a Guard hook; set HookStatus: ENABLED' }),
    );
  });

  // The hooks file's resources say HookStatus; the configuration document (HookTypeConfig, --config) HookInvocationStatus.
  it.each<[string, string, string[], string]>([
    ['a Guard hook set DISABLED', GUARD('      HookStatus: DISABLED\n'), [], 'Acme::Guard::Versioning is not invoked for this stack: HookStatus is DISABLED'],
    ['a Lambda hook set DISABLED', LAMBDA_HOOK('./x.js', '      HookStatus: DISABLED\n'), [], 'Acme::Tags::Endpoint is not invoked for this stack: HookStatus is DISABLED'],
    ['a Lambda hook set DISABLED, on a change set', LAMBDA_HOOK('./x.js', '      HookStatus: DISABLED\n').replace('[RESOURCE]', '[CHANGE_SET]'), ['--operation', 'change-set'], 'not for the change set (HookStatus is DISABLED)'],
    [
      'a configuration document set DISABLED',
      `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"DISABLED","FailureMode":"FAIL"}}}'\n`,
      [],
      'MyCompany::Testing::MyTestHook is not invoked for this stack: HookInvocationStatus is DISABLED',
    ],
  ])('%s is reported in its own terms', async (_case, hooks, flags, message) => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', file('hooks.yaml', hooks), ...flags);
    expect(code).toBe(0);
    expect(run.warnings).toContainEqual(expect.objectContaining({ code: 'SIM_HOOK_NOT_INVOKED', message: expect.stringContaining(message) }));
  });

  it('an enabled Guard hook needs its rules mapped to a local file', async () => {
    const { code, err } = await simulate(fixtures, 'stack-v1.yml', '--hooks', file('hooks.yaml', GUARD('      HookStatus: ENABLED\n')));
    expect(code).toBe(2);
    expect(err).toMatch(/hooks\.yaml:6:\d+ HOOKS_UNMAPPED_SOURCE 's3:\/\/rules-bucket\/versioning\.guard' is in S3.*--hook-source/);
  });

  itWithCfnGuard('enabled and mapped, the real cfn-guard evaluates it: the rule fails, the service\'s message, one annotation per rule', async () => {
    file('versioning.guard', 'rule versioning { Resources.*.Properties.VersioningConfiguration exists }\n');
    const { code, run } = await simulateJson(
      scratch.dir,
      join(fixtures, 'stack-v1.yml'),
      '--hooks',
      file('hooks.yaml', GUARD('      HookStatus: ENABLED\n      FailureMode: FAIL\n')),
      '--hook-source',
      's3://rules-bucket/versioning.guard=versioning.guard',
      ...cfnGuardArgs(),
    );
    expect(code).toBe(1);
    // DataBucket and JobsQueue start in one wave, so both are judged before the stack stops.
    expect(run.invocations.map((i) => [i.logicalResourceId, i.hookTypeName, i.hookStatus, i.message])).toEqual([
      ['DataBucket', 'Acme::Guard::Versioning', 'FAILED', 'Template failed validation, the following rule(s) failed: versioning.'],
      ['JobsQueue', 'Acme::Guard::Versioning', 'FAILED', 'Template failed validation, the following rule(s) failed: versioning.'],
    ]);
    expect(run.hookResults[0]).toMatchObject({ TypeName: 'Acme::Guard::Versioning', OriginalTypeName: 'AWS::Hooks::GuardHook', Status: 'HOOK_COMPLETE_FAILED' });
    expect(run.hookResults[0].Annotations).toEqual([
      expect.objectContaining({ AnnotationName: 'versioning', Status: 'FAILED', StatusMessage: expect.stringMatching(/^Check was not compliant as property \[VersioningConfiguration\] is missing\. Value traversed to \[Path=\/Resources\/DataBucket\/Properties\[L:0,C:\d+\]/) }),
    ]);
  });

  itWithCfnGuard('rules that do not parse stop the run with a located error (exit 2), even from a WARN hook, instead of a hook result', async () => {
    file('versioning.guard', 'rule versioning {\r\n  Resources.*.Properties.VersioningConfiguration ==\r\n}\r\n');
    const { code, out, err } = await simulate(
      scratch.dir,
      join(fixtures, 'stack-v1.yml'),
      '--hooks',
      file('hooks.yaml', GUARD('      HookStatus: ENABLED\n      FailureMode: WARN\n')),
      '--hook-source',
      's3://rules-bucket/versioning.guard=versioning.guard',
      ...cfnGuardArgs(),
    );
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^\S*versioning\.guard:2:\d+ GUARD_RULES_PARSE cfn-guard \d+\.\d+\.\d+ cannot parse the rules: expecting .* \(at '\}'\)$/m);
  });

  const ARCHIVE_HOOK = (uri: string, params = ''): string => GUARD('      HookStatus: ENABLED\n      FailureMode: FAIL\n' + params).replace('s3://rules-bucket/versioning.guard', uri);

  it.each<[string, Buffer, RegExp]>([
    ['an entry climbing out with ..', zipOf([{ name: '../outside.guard', text: 'rule r { Resources exists }\n' }]), /hooks\.yaml:6:\d+ HOOKS_BAD_ARCHIVE 's3:\/\/rules-bucket\/org-rules\.zip' \(.*org-rules\.zip\) cannot be used as the hook's rules: entry '\.\.\/outside\.guard': its path climbs out of the archive with '\.\.' \(at \/Resources\/Versioning\/Properties\/RuleLocation\/Uri\)$/m],
    ['an absolute entry', zipOf([{ name: '/etc/outside.guard', text: 'rule r { Resources exists }\n' }]), /hooks\.yaml:6:\d+ HOOKS_BAD_ARCHIVE .*entry '\/etc\/outside\.guard': its path is absolute/],
    ['no rules file in it', zipOf([{ name: 'README.md', text: 'rules live elsewhere\n' }]), /hooks\.yaml:6:\d+ HOOKS_BAD_ARCHIVE .*holds no \.guard or \.ruleset file, so cfn-guard would find no rules in it \(at /m],
    ['not a ZIP archive', Buffer.from('rule r { Resources exists }\n'), /hooks\.yaml:6:\d+ HOOKS_BAD_ARCHIVE .*not a ZIP archive/],
    [
      'only upper-case .GUARD files (cfn-guard skips them: every target would pass)',
      zipOf([{ name: 'org/VERSIONING.GUARD', text: 'rule r { Resources exists }\n' }]),
      /hooks\.yaml:6:\d+ HOOKS_BAD_ARCHIVE .*holds no \.guard or \.ruleset file, so cfn-guard would find no rules in it \('org\/VERSIONING\.GUARD' is skipped: cfn-guard matches these extensions in lower case only\) \(at /m,
    ],
  ])('a rules archive with %s is a located error before any hook runs (exit 2)', async (_name, bytes, error) => {
    writeFileSync(join(scratch.dir, 'org-rules.zip'), bytes);
    const { code, out, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', ARCHIVE_HOOK('s3://rules-bucket/org-rules.zip')), '--hook-source', 's3://rules-bucket/org-rules.zip=org-rules.zip', '--cfn-guard', '/nonexistent/cfn-guard');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(error);
  });

  // What a folder entry is when it is not a file with this text: a FIFO, or a link to nothing.
  const FIFO = Symbol('a FIFO');
  const DANGLING = Symbol('a link to nothing');
  it.each<[string, Record<string, string | typeof FIFO | typeof DANGLING>, RegExp]>([
    ['holds no rules file', { 'README.md': 'rules live elsewhere\n' }, /HOOKS_NOTHING_TO_READ 's3:\/\/rules-bucket\/versioning\.guard' \(.*org-rules\) holds no \.guard or \.ruleset file, so cfn-guard would find no rules in it \(at \/Resources\/Versioning\/Properties\/RuleLocation\/Uri\)$/m],
    ['holds only upper-case .GUARD files', { 'team/VERSIONING.GUARD': 'rule r { Resources exists }\n' }, /HOOKS_NOTHING_TO_READ .* \('team\/VERSIONING\.GUARD' is skipped: cfn-guard matches these extensions in lower case only\)/],
    // cfn-guard reads only regular files (Path::is_file) and passes over the rest without a word: those rules never ran.
    [
      'holds rules in a FIFO',
      { 'versioning.guard': 'rule r { Resources exists }\n', 'team/pipe.guard': FIFO },
      /hooks\.yaml:\d+:\d+ HOOKS_NO_OBJECT 's3:\/\/rules-bucket\/versioning\.guard' \(.*org-rules\): 'team\/pipe\.guard' in the folder cannot be read \(it is a FIFO \(named pipe\), not a file\): cfn-guard's folder scan passes over it without a word, so the hook's rules in it would not be evaluated \(the folder --hook-source maps it to\) \(at \/Resources\/Versioning\/Properties\/RuleLocation\/Uri\)$/m,
    ],
    ['holds only a FIFO', { 'pipe.ruleset': FIFO }, /HOOKS_NO_OBJECT .*'pipe\.ruleset' in the folder cannot be read \(it is a FIFO \(named pipe\), not a file\)/],
    ['holds a link to nothing', { 'versioning.guard': 'rule r { Resources exists }\n', 'moved.guard': DANGLING }, /HOOKS_NO_OBJECT .*'moved\.guard' in the folder cannot be read \(no such file\)/],
  ])('a rules folder that %s is a located error before any hook runs (exit 2), not a hook that passes everything', async (_name, files, error) => {
    for (const [name, content] of Object.entries(files)) {
      const path = join(scratch.dir, 'org-rules', name);
      mkdirSync(dirname(path), { recursive: true });
      if (content === FIFO) execFileSync('mkfifo', [path]);
      else if (content === DANGLING) symlinkSync(join(scratch.dir, 'nowhere.guard'), path);
      else file(join('org-rules', name), content);
    }
    const { code, out, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', GUARD('      HookStatus: ENABLED\n')), '--hook-source', 's3://rules-bucket/versioning.guard=org-rules', '--cfn-guard', '/nonexistent/cfn-guard');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(error);
  });

  // A missing object reached cfn-guard, whose refusal is an InternalFailure: a WARN hook then passed every target.
  it.each<[string, string, string[], RegExp]>([
    ['a missing local rules path', ARCHIVE_HOOK('./versioning-typo.guard').replace('FailureMode: FAIL', 'FailureMode: WARN'), [], /hooks\.yaml:6:\d+ HOOKS_NO_OBJECT '\.\/versioning-typo\.guard' \(.*versioning-typo\.guard\): no such file or folder; the hook's rules must be there \(at \/Resources\/Versioning\/Properties\/RuleLocation\/Uri\)$/m],
    [
      'a missing path --hook-source maps an S3 URI to',
      ARCHIVE_HOOK('s3://rules-bucket/versioning.guard'),
      ['--hook-source', 's3://rules-bucket/versioning.guard=versionig.guard'],
      /HOOKS_NO_OBJECT 's3:\/\/rules-bucket\/versioning\.guard' \(.*versionig\.guard\): no such file or folder \(the path --hook-source maps it to\); the hook's rules must be there/,
    ],
    [
      'missing input parameters',
      ARCHIVE_HOOK('versioning.guard', '      Options:\n        InputParams: {Uri: params.yaml}\n'),
      [],
      /hooks\.yaml:12:\d+ HOOKS_NO_OBJECT 'params\.yaml' \(.*params\.yaml\): no such file or folder; the hook's input parameters must be there \(at \/Resources\/Versioning\/Properties\/Options\/InputParams\/Uri\)$/m,
    ],
    [
      'missing input parameters, the one item of a list',
      ARCHIVE_HOOK('versioning.guard', '      Options:\n        InputParams:\n          - {Uri: params.yaml}\n'),
      [],
      /hooks\.yaml:13:\d+ HOOKS_NO_OBJECT 'params\.yaml' \(.*params\.yaml\): no such file or folder; the hook's input parameters must be there \(at \/Resources\/Versioning\/Properties\/Options\/InputParams\/0\/Uri\)$/m,
    ],
    ['a device as the rules', ARCHIVE_HOOK('/dev/zero'), [], /HOOKS_NO_OBJECT '\/dev\/zero': not a regular file or folder \(a device\): cfn-guard would wait on it or read it without end; the hook's rules must be there/],
  ])('a Guard hook object that cfn-guard cannot read (%s) is a located error before any hook runs (exit 2)', async (_name, hooks, extra, error) => {
    writeFileSync(join(scratch.dir, 'versioning.guard'), 'rule versioning { Resources exists }\n');
    const { code, out, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', hooks), ...extra, '--cfn-guard', '/nonexistent/cfn-guard');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(error);
  });

  it('an input-parameters archive is checked the same way, at its own place', async () => {
    writeFileSync(join(scratch.dir, 'params.tar.gz'), tarGzOf([{ name: 'params/notes.txt', data: 'no parameters here\n' }]));
    writeFileSync(join(scratch.dir, 'versioning.guard'), 'rule versioning { Resources exists }\n');
    const hooks = ARCHIVE_HOOK('versioning.guard', '      Options:\n        InputParams: {Uri: params.tar.gz}\n');
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', hooks));
    expect(code).toBe(2);
    expect(err).toMatch(/hooks\.yaml:12:\d+ HOOKS_BAD_ARCHIVE 'params\.tar\.gz' \(.*params\.tar\.gz\) holds no \.yaml, \.yml, \.json, \.jsn or \.template file, so cfn-guard would find no input parameters in it \(at \/Resources\/Versioning\/Properties\/Options\/InputParams\/Uri\)$/m);
  });

  itWithCfnGuard.each([['rules.zip'], ['rules.tar.gz']])('rules from %s (an S3 archive mapped to a local one): its rules judge each resource, named as cfn-guard names the files in it', async (name) => {
    const { code, run } = await simulateJson(
      scratch.dir,
      join(fixtures, 'stack-v1.yml'),
      '--hooks',
      file('hooks.yaml', ARCHIVE_HOOK(`s3://rules-bucket/${name}`)),
      '--hook-source',
      `s3://rules-bucket/${name}=${join(repo, 'test', 'fixtures', 'guard', 'archives', name)}`,
      ...cfnGuardArgs(),
    );
    expect(code).toBe(1);
    // JobsQueue starts in DataBucket's wave, so it is judged too (the archive's bucket rules pass a queue).
    expect(run.invocations.map((i) => [i.logicalResourceId, i.hookStatus, i.message])).toEqual([
      ['DataBucket', 'FAILED', 'Template failed validation, the following rule(s) failed: BUCKET_TAGGED, versioning.guard/default.'],
      ['JobsQueue', 'SUCCESS', 'Successful validation'],
    ]);
  });

  itWithCfnGuard('LogBucket: the failure says where its full output was written, in the event and the hook result; the JSON carries that report', async () => {
    file('versioning.guard', 'rule versioning { Resources.*.Properties.VersioningConfiguration exists }\n');
    const { code, run } = await simulateJson(
      scratch.dir,
      join(fixtures, 'stack-v1.yml'),
      '--hooks',
      file('hooks.yaml', GUARD('      HookStatus: ENABLED\n      FailureMode: FAIL\n      LogBucket: guard-logs-bucket\n')),
      '--hook-source',
      's3://rules-bucket/versioning.guard=versioning.guard',
      ...cfnGuardArgs(),
    );
    expect(code).toBe(1);
    const uri = 's3://guard-logs-bucket/cfn-guard-validate-report/AWS--S3--Bucket-DataBucket/1767225600000.json';
    const message = `Template failed validation, the following rule(s) failed: versioning. Full output was written to ${uri}`;
    const invocation = run.invocations[0] as JsonRun['invocations'][number] & { logBucketReport?: { uri: string; report: Array<{ name: string; status: string }> } };
    expect(invocation.message).toBe(message);
    expect(invocation.logBucketReport?.uri).toBe(uri);
    expect(invocation.logBucketReport?.report).toEqual([expect.objectContaining({ name: 'input.json', status: 'FAIL' })]);
    expect(run.hookResults[0]?.HookStatusReason).toBe(message);
    // JobsQueue, in the same wave, fails too: its report is the next one written (one millisecond later).
    const queueUri = 's3://guard-logs-bucket/cfn-guard-validate-report/AWS--SQS--Queue-JobsQueue/1767225600001.json';
    expect(run.events.filter((e) => e.hookStatus === 'HOOK_COMPLETE_FAILED').map((e) => e.hookStatusReason)).toEqual([
      `Hook failed with message: ${message}`,
      `Hook failed with message: Template failed validation, the following rule(s) failed: versioning. Full output was written to ${queueUri}`,
    ]);
  });

  it('without a cfn-guard to run, the command says where it looked and what to do (exit 2)', async () => {
    file('versioning.guard', 'rule versioning { Resources.*.Properties.VersioningConfiguration exists }\n');
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', file('hooks.yaml', GUARD('      HookStatus: ENABLED\n')), '--hook-source', 's3://rules-bucket/versioning.guard=versioning.guard', '--cfn-guard', 'no-such-cfn-guard');
    expect(code).toBe(2);
    expect(err).toMatch(/^GUARD_NOT_RUNNABLE --cfn-guard .*no-such-cfn-guard: the file does not exist$/m);
  });

  it('--cfn-guard only serves a --hooks file', async () => {
    const { code, err } = await simulate(fixtures, 'stack-v1.yml', '--cfn-guard', '/usr/bin/cfn-guard');
    expect(code).toBe(2);
    expect(err).toMatch(/--cfn-guard only serves the Guard hooks of a --hooks file/);
  });

  itWithCfnGuard.each<[string, string[], number, Array<[string, string, string]>]>([
    ['the documented example blocks the unversioned bucket', [], 1, [
      ['VersionedBucket', 'SUCCESS', 'Successful validation'],
      ['LogsBucket', 'FAILED', 'Template failed validation, the following rule(s) failed: S3_BUCKET_VERSIONING_ENABLED.'],
    ]],
    // Both buckets start in one wave, so LogsBucket is judged too.
    ['a parameter resolved before Guard sees it (Algorithm=AES256 is not allowed)', ['--parameter', 'Algorithm=AES256'], 1, [
      ['VersionedBucket', 'FAILED', 'Template failed validation, the following rule(s) failed: S3_BUCKET_ENCRYPTION_ALLOWED.'],
      ['LogsBucket', 'FAILED', 'Template failed validation, the following rule(s) failed: S3_BUCKET_VERSIONING_ENABLED.'],
    ]],
  ])('docs/examples/hooks/guard-hooks.yaml: %s', async (_name, extra, exit, invocations) => {
    const { code, run } = await simulateJson(repo, 'docs/examples/hooks/buckets.yml', '--hooks', 'docs/examples/hooks/guard-hooks.yaml', ...extra, ...cfnGuardArgs());
    expect(code).toBe(exit);
    expect(run.invocations.map((i) => [i.logicalResourceId, i.hookStatus, i.message])).toEqual(invocations);
  });
});

describe('a bad hooks file: exit 2, every problem at file:line:col with its JSON path', () => {
  it.each<[string, string, RegExp[]]>([
    [
      'missing required properties',
      `Resources:\n  Tags:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: Acme::Tags::Hook\n`,
      [/hooks\.yaml:5:7 HOOKS_PROPERTY AWS::CloudFormation::LambdaHook Tags: missing required property 'LambdaFunction' \(at \/Resources\/Tags\/Properties\)/, /missing required property 'FailureMode'/, /missing required property 'ExecutionRole'/, /missing required property 'TargetOperations'/],
    ],
    ['an alias in the AWS namespace', LAMBDA_HOOK('./x.js').replace('Acme::Tags::Endpoint', 'AWS::Tags::Endpoint'), [/hooks\.yaml:5:14 HOOKS_PROPERTY .*Alias: 'AWS::Tags::Endpoint' does not match Namespace::Service::Name .*not starting with AWS/]],
    [
      "the TargetFiltersItems nesting (Template Reference, aws/aws-cdk#34591)",
      LAMBDA_HOOK('./x.js', '      TargetFilters:\n        TargetFiltersItems:\n          Actions: [CREATE]\n'),
      [/hooks\.yaml:12:11 HOOKS_PROPERTY .*TargetFilters: unknown key 'TargetFiltersItems' \(a nesting the CloudFormation Template Reference shows.*aws\/aws-cdk#34591; it is not a real property.*\(at \/Resources\/Tags\/Properties\/TargetFilters\/TargetFiltersItems\)/],
    ],
    [
      'Targets mixed with Actions',
      LAMBDA_HOOK('./x.js', '      TargetFilters:\n        Actions: [CREATE]\n        Targets:\n          - {TargetName: AWS::S3::Bucket, Action: CREATE, InvocationPoint: PRE_PROVISION}\n'),
      [/TargetFilters: Targets cannot be combined with Actions/],
    ],
    ['an empty TargetFilters', LAMBDA_HOOK('./x.js', '      TargetFilters: {}\n'), [/TargetFilters: is empty/]],
    [
      'StackFilters with neither StackNames nor StackRoles',
      LAMBDA_HOOK('./x.js', '      StackFilters: {FilteringCriteria: ANY}\n'),
      [/hooks\.yaml:10:\d+ HOOKS_PROPERTY AWS::CloudFormation::LambdaHook Tags: StackFilters: has neither StackNames nor StackRoles; give at least one .*\(at \/Resources\/Tags\/Properties\/StackFilters\)/],
    ],
    ['a lowercase action', LAMBDA_HOOK('./x.js', '      TargetFilters:\n        Actions: [Create]\n'), [/hooks\.yaml:11:\d+ .*TargetFilters\.Actions\[0\]: 'Create' is not allowed; expected one of CREATE, UPDATE, DELETE/]],
    ['a bad execution role', LAMBDA_HOOK('./x.js').replace('arn:aws:iam::123456789012:role/hooks', 'hooks-role'), [/ExecutionRole: 'hooks-role' does not match an IAM role ARN/]],
    ['an unknown property', LAMBDA_HOOK('./x.js', '      FailureMod: WARN\n'), [/unknown property 'FailureMod' \(did you mean 'FailureMode'\?\)/]],
    ['an unmapped real function', LAMBDA_HOOK('arn:aws:lambda:us-east-1:123456789012:function:tags'), [/hooks\.yaml:6:23 HOOKS_UNMAPPED_SOURCE LambdaFunction 'arn:aws:lambda:us-east-1:123456789012:function:tags' is a real function.*--hook-source/]],
    ['a module that does not exist', LAMBDA_HOOK('./missing.js'), [/hooks\.yaml:6:23 HOOKS_NO_CODE LambdaFunction: no such module .*missing\.js/]],
    ['a remote endpoint', LAMBDA_HOOK('http://lambda.example.com/2015-03-31/functions/x/invocations'), [/HOOKS_BAD_ENDPOINT .*is not a local endpoint/]],
    ['no hooks at all', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n', [/HOOKS_NONE the hooks file declares no hook/]],
    [
      'a configuration document that does not fit the hook',
      `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"FailureMode":"MAYBE"}}}'\n`,
      [/hooks\.yaml:6:22 \w+ HookTypeConfig Mine Configuration at \/CloudFormationConfiguration\/HookConfiguration\/FailureMode: .*'MAYBE' is not allowed/],
    ],
    [
      'a syntax error inside the configuration document, located by line and column in it',
      `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: |\n        {\n          "CloudFormationConfiguration": {\n            "HookConfiguration": {\n              "FailureMode": "FAIL",\n            }\n          }\n        }\n`,
      [/hooks\.yaml:6:22 HC001 HookTypeConfig Mine Configuration line 5, column 5: invalid JSON: expected a double-quoted property name \(no trailing comma\)/],
    ],
    [
      'a configuration document in YAML',
      `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: |\n        CloudFormationConfiguration:\n          HookConfiguration: {FailureMode: FAIL}\n`,
      [/HC001 HookTypeConfig Mine Configuration line 1, column 1: invalid JSON: .*; it reads as YAML, and cfn and the service read it as JSON only: convert it to JSON/],
    ],
    ['TypeName and TypeArn both', `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      TypeArn: arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook\n      Configuration: '{}'\n`, [/give exactly one of TypeName or TypeArn/]],
    [
      'two hooks with one alias',
      `${LAMBDA_HOOK('./x.js')}  Again:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: Acme::Tags::Endpoint\n      LambdaFunction: ./x.js\n      ExecutionRole: arn:aws:iam::123456789012:role/hooks\n      FailureMode: FAIL\n      TargetOperations: [RESOURCE]\n`,
      [/HOOKS_DUPLICATE Acme::Tags::Endpoint is already declared by Tags/],
    ],
  ])('%s', async (_name, text, messages) => {
    file('x.js', 'module.exports = { handler: async () => ({ hookStatus: "SUCCESS", message: "ok" }) };\n');
    const hooks = file('hooks.yaml', text);
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooks);
    for (const message of messages) expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(code).toBe(2);
  });

  it.each<[string[], RegExp]>([
    [['--hooks', 'h.yaml', '--config', 'c.json'], /--hooks declares every hook and its configuration/],
    [['--hook-source', 'a=b'], /--hook-source, --hooks-parameter and --registry-hook only serve the hooks of a --hooks file/],
    [['--hook-aws-credentials'], /--hook-aws-credentials only serves the local modules of a --hooks file's hooks/],
    [['--hooks', 'h.yaml', '--hook-source', 'novalue'], /--hook-source expects <arn-or-uri>=<path-or-url>, got "novalue"/],
  ])('usage: %j', async (flags, message) => {
    const { code, err } = await simulate(fixtures, 'stack-v1.yml', ...flags);
    expect(err).toMatch(message);
    expect(code).toBe(2);
  });

  // A worker loads a hook's module without a bound: a FIFO blocks it for ever (terminate() cannot end the read) and a
  // device is read without end (/dev/zero grew a run past 6 GB). Each is refused where it is named, before any worker.
  const fifo = (name: string): string => {
    const path = join(scratch.dir, name);
    execFileSync('mkfifo', [path]);
    return path;
  };
  const registryProject = (): string => {
    const project = join(scratch.dir, 'project');
    mkdirSync(project, { recursive: true });
    for (const name of ['acme-queues-nofifo.json', '.rpdk-config']) copyFileSync(join(fixtures, 'registry-hook', name), join(project, name));
    execFileSync('mkfifo', [join(project, 'handlers.js')]);
    return project;
  };
  const NO_FIFO_CONFIG = `Resources:\n  NoFifo:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: Acme::Queues::NoFifo\n      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["RESOURCE"],"Properties":{}}}}'\n`;
  it.each<[string, () => string[], RegExp]>([
    ['a FIFO as LambdaFunction', () => (fifo('ff'), ['--hooks', file('hooks.yaml', LAMBDA_HOOK('./ff'))]), /hooks\.yaml:6:23 HOOKS_NO_CODE LambdaFunction: the module cannot be loaded \(it is a FIFO \(named pipe\), not a file\): \S*ff /],
    ['a device as LambdaFunction', () => ['--hooks', file('hooks.yaml', LAMBDA_HOOK('/dev/zero'))], /hooks\.yaml:6:23 HOOKS_NO_CODE LambdaFunction: the module cannot be loaded \(it is a device, not a file\): \/dev\/zero /],
    ['a folder as LambdaFunction', () => (mkdirSync(join(scratch.dir, 'lib.js')), ['--hooks', file('hooks.yaml', LAMBDA_HOOK('./lib.js'))]), /hooks\.yaml:6:23 HOOKS_NO_CODE LambdaFunction: the module cannot be loaded \(it is a directory, not a file\): \S*lib\.js /],
    [
      'a FIFO a real function is mapped to with --hook-source',
      () => ['--hooks', file('hooks.yaml', LAMBDA_HOOK('arn:aws:lambda:us-east-1:123456789012:function:tags')), '--hook-source', `tags=${fifo('ff')}`],
      /hooks\.yaml:6:23 HOOKS_NO_CODE LambdaFunction: the module cannot be loaded \(it is a FIFO \(named pipe\), not a file\): \S*ff \(the path --hook-source tags=\S*ff maps it to\)/,
    ],
    [
      'a device a real function is mapped to with --hook-source (by its ARN)',
      () => ['--hooks', file('hooks.yaml', LAMBDA_HOOK('arn:aws:lambda:us-east-1:123456789012:function:tags')), '--hook-source', 'arn:aws:lambda:us-east-1:123456789012:function:tags=/dev/zero'],
      /HOOKS_NO_CODE LambdaFunction: the module cannot be loaded \(it is a device, not a file\): \/dev\/zero \(the path --hook-source arn:aws:lambda:us-east-1:123456789012:function:tags=\/dev\/zero maps it to\)/,
    ],
    [
      'a missing module a real function is mapped to with --hook-source',
      () => ['--hooks', file('hooks.yaml', LAMBDA_HOOK('arn:aws:lambda:us-east-1:123456789012:function:tags')), '--hook-source', 'tags=./missing.js'],
      /HOOKS_NO_CODE LambdaFunction: no such module \S*missing\.js \(the path --hook-source tags=\.\/missing\.js maps it to\)/,
    ],
    ['a --registry-hook project whose module is a FIFO', () => ['--hooks', file('hooks.yaml', NO_FIFO_CONFIG), '--registry-hook', registryProject()], /handlers\.js HOOKS_REGISTRY_PROJECT entrypoint handlers\.entrypoint: the module cannot be loaded \(it is a FIFO \(named pipe\), not a file\)/],
  ])('%s: a located error, exit 2, at once', async (_name, flags, message) => {
    const started = Date.now();
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), ...flags());
    expect(err).toMatch(message);
    expect(code).toBe(2);
    // Before the fix the FIFO's worker gave up after the 10 s init limit and the run never ended.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("a NoEcho parameter of the hooks file is masked in what the run reports, as the template's are", () => {
  const SECRET = 'Sup3r_SECRET9';
  const NO_ECHO = `Parameters:\n  Secret:\n    Type: String\n    NoEcho: true\n`;
  const CONFIG = (properties: string): string =>
    `      Configuration: !Sub '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["RESOURCE"],"Properties":${properties}}}}'\n`;
  const NO_FIFO = (project: string): string[] => {
    mkdirSync(project, { recursive: true });
    for (const name of ['acme-queues-nofifo.json', '.rpdk-config', 'handlers.js']) copyFileSync(join(fixtures, 'registry-hook', name), join(project, name));
    return ['--registry-hook', project];
  };
  it.each<[string, string, (dir: string) => string[], number, RegExp]>([
    [
      "HC110: this project's configuration quoting it",
      `Resources:\n  C:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n${CONFIG('{"encryptionAlgorithm":"${Secret}"}')}`,
      () => [],
      2,
      /HC110 .*encryptionAlgorithm: '\*\*\*\*' is not allowed/,
    ],
    ['HOOKS_NO_CODE: a module path built from it', LAMBDA_HOOK('!Sub "./${Secret}.js"'), () => [], 2, /HOOKS_NO_CODE LambdaFunction: no such module \S*\*\*\*\*\.js/],
    ['HOOKS_PROPERTY: an alias built from it', LAMBDA_HOOK('./x.js').replace('Acme::Tags::Endpoint', '!Sub "My::${Secret}::Hook"'), () => [], 2, /HOOKS_PROPERTY .*Alias: 'My::\*\*\*\*::Hook' does not match/],
    [
      'HOOKS_UNMAPPED_SOURCE: a real function ARN built from it, refused when the run calls the hook',
      LAMBDA_HOOK('!Sub "arn:aws:lambda:us-east-1:123456789012:function:${Secret}"'),
      () => [],
      2,
      /HOOKS_UNMAPPED_SOURCE LambdaFunction 'arn:aws:lambda:us-east-1:123456789012:function:\*\*\*\*' is a real function/,
    ],
    [
      "a hook's answer echoing its configuration",
      `Resources:\n  NoFifo:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: Acme::Queues::NoFifo\n${CONFIG('{"reason":"${Secret}"}')}`,
      (dir) => NO_FIFO(join(dir, 'project')),
      1,
      /\*\*\*\* \(targetType RESOURCE\)/,
    ],
  ])('%s', async (_name, hooks, extra, exit, masked) => {
    file('x.js', 'module.exports = { handler: async () => ({ hookStatus: "SUCCESS", message: "ok" }) };\n');
    const args = [join(fixtures, 'fifo-stack.yml'), '--hooks', file('hooks.yaml', `${NO_ECHO}${hooks}`), '--hooks-parameter', `Secret=${SECRET}`, ...extra(scratch.dir)];
    for (const format of ['text', 'json']) {
      const { code, out, err } = await simulate(scratch.dir, ...args, '--format', format);
      expect(code).toBe(exit);
      expect(`${out}${err}`).toMatch(masked);
      expect(`${out}${err}`).not.toContain(SECRET);
    }
  });
});

describe('a Lambda hook module: filters per hook, and code that misbehaves', () => {
  const hooksWith = (extra: string): string => file('hooks.yaml', LAMBDA_HOOK('./x.js', extra));

  it.each<[string, string, string[]]>([
    ['StackFilters exclude the stack', '      StackFilters:\n        StackNames: {Exclude: [stack-*]}\n', []],
    ['StackFilters include it', '      StackFilters:\n        FilteringCriteria: ANY\n        StackNames: {Include: [stack-*]}\n', ['DataBucket', 'JobsQueue']],
    ['Targets: queues on create only', '      TargetFilters:\n        Targets:\n          - {TargetName: AWS::SQS::Queue, Action: CREATE, InvocationPoint: PRE_PROVISION}\n', ['JobsQueue']],
    ['TargetNames with a wildcard', '      TargetFilters:\n        TargetNames: ["AWS::S3::*"]\n', ['DataBucket']],
    ['Actions: deletes only', '      TargetFilters:\n        Actions: [DELETE]\n', []],
  ])('%s', async (_name, extra, called) => {
    file('x.js', 'module.exports = { handler: async (e) => ({ hookStatus: "SUCCESS", message: "ok", clientRequestToken: e.clientRequestToken }) };\n');
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(extra));
    expect(code).toBe(0);
    expect(run.invocations.map((i) => i.logicalResourceId)).toEqual(called);
  });

  // A registry hook's configuration gets HC112 for a name its schema never targets; these hooks have no schema to narrow.
  it.each<[string, string, string[], string[]]>([
    ['a misspelt type', "{TargetNames: ['AWS::S3::Buckets']}", [], [String.raw`TargetFilters\.TargetNames\[0\]: 'AWS::S3::Buckets' is no resource type of the CloudFormation registry \(.*\) \(did you mean 'AWS::S3::Bucket'\?\), so the hook is never invoked for it`]],
    ['another case', "{TargetNames: ['aws::sqs::queue']}", [], [String.raw`TargetFilters\.TargetNames\[0\]: 'aws::sqs::queue' is no resource type .*did you mean 'AWS::SQS::Queue'`]],
    ['a pattern no type matches', "{TargetNames: ['AWS::S3X::*']}", [], [String.raw`TargetFilters\.TargetNames\[0\]: 'AWS::S3X::\*' matches no resource type of the CloudFormation registry .*add --known-type AWS::S3X::\*`]],
    ['a Targets entry', "{Targets: [{TargetName: 'AWS::SQS::Queues', Action: CREATE, InvocationPoint: PRE_PROVISION}]}", [], [String.raw`TargetFilters\.Targets\[0\]\.TargetName: 'AWS::SQS::Queues' is no resource type`]],
    ['a SAM type (the transform replaces it before any hook runs)', "{TargetNames: ['AWS::Serverless::Function']}", [], [String.raw`TargetFilters\.TargetNames\[0\]: 'AWS::Serverless::Function' is a SAM resource type, which the AWS::Serverless-2016-10-31 transform replaces before any hook runs \(target 'AWS::Lambda::Function', the resource SAM generates for it\), so the hook is never invoked for it$`]],
    ['a pattern matching only SAM types, even one --known-type names', "{TargetNames: ['AWS::Serverless::*']}", ['--known-type', 'AWS::Serverless::*'], [String.raw`TargetFilters\.TargetNames\[0\]: 'AWS::Serverless::\*' matches only SAM resource types, .* \(target the resources SAM generates\), so the hook is never invoked for it$`]],
    ['a pattern matching SAM types and others', "{TargetNames: ['AWS::S*']}", [], []],
    ['a private type given with --known-type', "{TargetNames: ['Acme::Private::*', 'Acme::Private::Thing']}", ['--known-type', 'Acme::Private::*'], []],
    ['real types, patterns, STACK and custom resources', "{TargetNames: ['AWS::S3::Bucket', 'AWS::SQS::*', STACK, 'Custom::*']}", [], []],
  ])('TargetFilters naming %s', async (_name, filters, flags, warned) => {
    file('x.js', 'module.exports = { handler: async (e) => ({ hookStatus: "SUCCESS", message: "ok", clientRequestToken: e.clientRequestToken }) };\n');
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(`      TargetFilters: ${filters}\n`), ...flags);
    expect(code).toBe(0);
    const unknown = (run.warnings ?? []).filter((w) => w.code === 'HOOKS_UNKNOWN_TARGET').map((w) => w.message);
    expect(unknown).toEqual(warned.map((m) => expect.stringMatching(new RegExp(`^Lambda hook Acme::Tags::Endpoint: ${m}`))));
  });

  it('a handler that throws is the hook erroring: HOOK_FAILED after the retries, FAIL blocks', async () => {
    file('x.js', 'let calls = 0;\nmodule.exports = { handler: async () => { calls += 1; throw new Error(`kaboom ${calls}`); } };\n');
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''));
    expect(code).toBe(1);
    expect(run.hookResults[0]).toMatchObject({ Status: 'HOOK_FAILED', HookStatusReason: 'the handler threw: kaboom 3 (gave up after 3 attempts)' });
    expect(run.events.find((e) => e.hookStatus === 'HOOK_FAILED')?.hookStatusReason).toBe('Hook failed with message: see hook results for details');
  });

  it('a long message is cut to 1,024 characters in the hook result, whole in the invocation', async () => {
    file('x.js', 'module.exports = { handler: async (e) => ({ hookStatus: "FAILED", errorCode: "NonCompliant", message: "x".repeat(3000), clientRequestToken: e.clientRequestToken }) };\n');
    const { run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''));
    expect(run.invocations[0]?.message).toHaveLength(3000);
    expect(run.hookResults[0]?.HookStatusReason).toHaveLength(1024);
  });

  // [unconfirmed] whether the service cuts such texts or refuses the answer: cut, as HookStatusReason is, and said.
  it("an annotation's texts over GetHookResult's limits are cut in the hook result, whole in the invocation; the verdict stands", async () => {
    const texts = { annotationName: 'n'.repeat(2000), statusMessage: 'm'.repeat(20_000), remediationMessage: 'r'.repeat(16_385), remediationLink: 'l'.repeat(6000) };
    file('x.js', `module.exports = { handler: async (e) => ({ hookStatus: "FAILED", errorCode: "NonCompliant", message: "no", clientRequestToken: e.clientRequestToken, annotations: [{ ...${JSON.stringify(texts)}, status: "FAILED" }] }) };\n`);
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''));
    expect(code).toBe(1);
    expect(run.hookResults[0]?.Status).toBe('HOOK_COMPLETE_FAILED');
    const cut = run.hookResults[0]?.Annotations[0];
    expect([cut?.AnnotationName.length, cut?.StatusMessage?.length, cut?.RemediationMessage?.length, cut?.RemediationLink?.length]).toEqual([1024, 16_384, 16_384, 5120]);
    const whole = run.invocations[0]?.annotations[0];
    expect([whole?.annotationName.length, whole?.statusMessage?.length, whole?.remediationMessage?.length, whole?.remediationLink?.length]).toEqual([2000, 20_000, 16_385, 6000]);
  });

  // A module runs in a runtime of its own, as a Lambda function does: process.exit() is a function error (it ended
  // the simulator itself), a busy loop is stopped (it hung the run). What it prints: start-up.test.ts, on the bundle.
  it.each<[string, string, string[], RegExp]>([
    ['one that calls process.exit()', 'module.exports = { handler: async () => { process.exit(0); } };\n', [], /Runtime\.ExitError: the function's process exited \(code 0\) before answering \(gave up after 3 attempts\)$/],
    ['one that never yields', 'module.exports = { handler: async () => { for (;;) {} } };\n', ['--hook-timeout', '300'], /did not answer within 300 ms \(gave up after 3 attempts\)$/],
  ])('a module hook, %s: an errored call, the JSON document whole', async (_name, code, extra, failure) => {
    file('x.js', code);
    const { code: exit, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''), ...extra);
    expect(exit).toBe(1);
    expect(run.invocations[0]?.message).toMatch(failure);
  });

  it('a module whose top level never finishes is stopped at 10 seconds (Lambda\'s init phase limit): a located exit 2, not a hung run', async () => {
    file('x.js', 'for (;;) {}\nexports.handler = async () => ({});\n');
    const { code, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''));
    expect(code).toBe(2);
    expect(err).toMatch(/x\.js HOOKS_CODE_UNLOADABLE cannot load the hook's module: the module did not finish loading within 10 seconds \(a Lambda function's init phase limit\)/);
  }, 30_000);

  // Nothing reaches AWS by default: a module's AWS SDK finds the simulator's dummy keys, never the user's, unless the
  // user says otherwise (the whole environment a module gets: test/simulator/cloudformation/invoke/kinds/lambda.test.ts).
  it.each<[string[], string]>([
    [[], 'ASIASIMULATORKEYID00'],
    [['--hook-aws-credentials'], 'AKIAUSERKEYID0000000'],
  ])('a module hook with %j finds the AWS access key %s', async (flags, key) => {
    const saved = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = 'AKIAUSERKEYID0000000';
    try {
      file('x.js', 'module.exports = { handler: async (e) => ({ hookStatus: "SUCCESS", message: String(process.env.AWS_ACCESS_KEY_ID), clientRequestToken: e.clientRequestToken }) };\n');
      const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''), ...flags);
      expect(code).toBe(0);
      expect(run.invocations.map((i) => i.message)).toEqual([key, key]);
    } finally {
      if (saved === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved;
    }
  });

  it('--handler-logs shows what a module hook prints, on stderr', async () => {
    file('x.js', 'module.exports = { handler: async (e) => { console.log("checking", e.requestData.targetLogicalId); return { hookStatus: "SUCCESS", message: "ok", clientRequestToken: e.clientRequestToken }; } };\n');
    const { err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''), '--handler-logs');
    expect(err.split('\n').filter((line) => line.startsWith('handler: checking')).sort()).toEqual(['handler: checking DataBucket', 'handler: checking JobsQueue']);
  });

  // The Lambda page's contract: errorCode NonCompliant or InternalFailure; GetHookResult's annotation enums.
  it.each<[string, string, string[]]>([
    ['a documented answer', '{ hookStatus: "FAILED", errorCode: "NonCompliant", message: "no", annotations: [{ annotationName: "a", status: "FAILED", severityLevel: "HIGH" }] }', []],
    ['an error code the Lambda page does not list', '{ hookStatus: "FAILED", errorCode: "AccessDenied", message: "denied" }', ["errorCode 'AccessDenied' (a Lambda hook's are NonCompliant or InternalFailure)"]],
    [
      'annotations GetHookResult cannot return',
      '{ hookStatus: "SUCCESS", message: "ok", annotations: [{ annotationName: "x", status: "WEIRD", severityLevel: "SEVERE" }] }',
      ["annotation 'x' status 'WEIRD' (expected PASSED, FAILED, SKIPPED)", 'annotation \'x\' severityLevel "SEVERE" (expected INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL)'],
    ],
    // `cfn test`'s rules, which the Lambda page does not make: the answer is taken, not retried as malformed.
    ['a SUCCESS with a callback delay', '{ hookStatus: "SUCCESS", message: "compliant", callbackDelaySeconds: 30 }', ['cfn test: a SUCCESS answer must have callbackDelaySeconds 0']],
    ['a FAILED without a message (the page requires only errorCode)', '{ hookStatus: "FAILED", errorCode: "NonCompliant" }', ['cfn test: a FAILED answer must carry a message']],
    ['an answer without clientRequestToken (the page: required)', '{ hookStatus: "SUCCESS", message: "ok", clientRequestToken: undefined }', ['no clientRequestToken (the Lambda page: "This is a required field"), taken as read']],
    // Annotations that cannot be shown are dropped, and said: none is lost without a word.
    [
      "annotations in GetHookResult's PascalCase",
      '{ hookStatus: "FAILED", errorCode: "NonCompliant", message: "no", annotations: [{ AnnotationName: "r1", Status: "FAILED", StatusMessage: "msg" }] }',
      ["annotation dropped, AnnotationName: the answer's keys are camelCase (annotationName…); AnnotationName is GetHookResult's spelling"],
    ],
    [
      'annotations without a name, with an empty one, not an object',
      '{ hookStatus: "SUCCESS", message: "ok", annotations: [{ name: "r1", status: "FAILED" }, { annotationName: "", status: "PASSED" }, "r3"] }',
      [
        'annotation dropped, no annotationName (its keys: name, status)',
        "annotation dropped, an empty annotationName (GetHookResult's is 1 to 1024 characters)",
        'annotation dropped, not an object: "r3"',
      ],
    ],
    [
      'annotations without a status, with a PascalCase one, with a number',
      '{ hookStatus: "SUCCESS", message: "ok", annotations: [{ annotationName: "r1" }, { annotationName: "r2", Status: "PASSED" }, { annotationName: "r3", status: 7 }] }',
      [
        "annotation dropped, 'r1' has no status (expected PASSED, FAILED or SKIPPED)",
        "annotation dropped, 'r2' has Status: the answer's keys are camelCase (annotationName…); Status is GetHookResult's spelling",
        "annotation dropped, 'r3' has status 7 (expected PASSED, FAILED or SKIPPED)",
      ],
    ],
    [
      'an annotation kept, one of its fields in PascalCase',
      '{ hookStatus: "FAILED", errorCode: "NonCompliant", message: "no", annotations: [{ annotationName: "r1", status: "FAILED", StatusMessage: "msg" }] }',
      ["annotation 'r1' StatusMessage left out: the answer's keys are camelCase (annotationName…); StatusMessage is GetHookResult's spelling"],
    ],
    [
      "annotation texts over GetHookResult's limits",
      '{ hookStatus: "FAILED", errorCode: "NonCompliant", message: "no", annotations: [{ annotationName: "n".repeat(1025), status: "FAILED", statusMessage: "m".repeat(16385), remediationLink: "l".repeat(5121) }] }',
      [
        `annotation '${'n'.repeat(40)}…' annotationName of 1025 characters cut to GetHookResult's 1024 in the hook result [unconfirmed: the service may refuse it]`,
        `annotation '${'n'.repeat(40)}…' statusMessage of 16385 characters cut to GetHookResult's 16384 in the hook result [unconfirmed: the service may refuse it]`,
        `annotation '${'n'.repeat(40)}…' remediationLink of 5121 characters cut to GetHookResult's 5120 in the hook result [unconfirmed: the service may refuse it]`,
      ],
    ],
  ])('%s: said once per hook (SIM_HOOK_ANSWER), the verdict as read', async (_name, answer, problems) => {
    file('x.js', `module.exports = { handler: async (e) => ({ clientRequestToken: e.clientRequestToken, ...${answer} }) };\n`);
    const { run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''));
    expect(run.invocations).toHaveLength(2); // both resources start in one wave: two answers, one warning
    expect((run.warnings ?? []).filter((w) => w.code === 'SIM_HOOK_ANSWER').map((w) => w.message)).toEqual(
      problems.length === 0 ? [] : [`Acme::Tags::Endpoint answered outside the documented contract, which the service may treat otherwise: ${problems.join('; ')}`],
    );
  });

  it('a FAILED without a message is the hook\'s verdict, not an errored call: HOOK_COMPLETE_FAILED NonCompliant, an empty reason', async () => {
    file('x.js', 'module.exports = { handler: async (e) => ({ hookStatus: "FAILED", errorCode: "NonCompliant", clientRequestToken: e.clientRequestToken }) };\n');
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''));
    expect(code).toBe(1);
    expect(run.invocations[0]).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: '' });
    expect(run.hookResults[0]).toMatchObject({ Status: 'HOOK_COMPLETE_FAILED', HookStatusReason: '' });
  });

  it.each<[string, string, RegExp]>([
    // Located by Node's own require (under Jest, whose require reports it otherwise: see lambda.test.ts).
    ['a module with a syntax error', 'module.exports = {\n  handler: async ( => 1 };\n', /x\.js(:2:\d+)? HOOKS_CODE_UNLOADABLE cannot load the hook's module: /],
    [
      'a module without the export, naming the ones it has',
      'module.exports = { other: async () => ({}), value: 1 };\n',
      /x\.js HOOKS_CODE_UNLOADABLE the module has no exported function 'handler' \(it exports 'other': name the export after a '#', e\.g\. x\.js#other\)/,
    ],
    ['a module exporting no function', 'module.exports = { value: 1 };\n', /x\.js HOOKS_CODE_UNLOADABLE the module has no exported function 'handler' \(it exports no function\)/],
  ])('%s: exit 2, naming the module', async (_name, code, message) => {
    file('x.js', code);
    const { code: exit, err } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', hooksWith(''));
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(exit).toBe(2);
  });
});

describe('hostile hooks files: a located exit 2, never a trace or a hang', () => {
  const typeConfig = (configuration: string): string =>
    `Resources:\n  Mine:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: ${configuration}\n`;

  it.each<[string, () => string, RegExp]>([
    ['a hooks file that does not exist', () => join(scratch.dir, 'none.yaml'), /none\.yaml.*no such file/],
    ['a directory', () => scratch.dir, /TPL_UNREADABLE cannot read the hooks file: it is a directory, not a file/],
    ['not a template', () => file('hooks.yaml', '- just\n- a list\n'), /hooks\.yaml/],
    ['a Configuration that is not JSON', () => file('hooks.yaml', typeConfig("'{not json'")), /hooks\.yaml:6:22 HC001 HookTypeConfig Mine Configuration line 1, column 2: invalid JSON/],
    ['a Configuration that is an object, not a string', () => file('hooks.yaml', typeConfig('{CloudFormationConfiguration: {}}')), /Configuration: is an object; expected string/],
    ['a Configuration over 300 KB', () => file('hooks.yaml', typeConfig(`'{"CloudFormationConfiguration":{"HookConfiguration":{"Properties":{"encryptionAlgorithm":"${'x'.repeat(310 * 1024)}"}}}}'`)), /HC003 .*limited to 300 KB/],
    ['an unknown intrinsic', () => file('hooks.yaml', LAMBDA_HOOK('!Frobnicate x')), /hooks\.yaml:6:\d+ /],
  ])('%s', async (_name, hooks, message) => {
    const { code, err } = await simulate(fixtures, 'stack-v1.yml', '--hooks', hooks());
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(code).toBe(2);
  });
});

describe('a hook that targets AWS::CloudFormation::Stack, and a SAM application', () => {
  // SAM turns an AWS::Serverless::Application into an AWS::CloudFormation::Stack, which the service shows the hook;
  // the simulator keeps the SAM type, so it says which hook it did not call (it passed in silence before).
  it('says the hook is not called for the application, even under --quiet', async () => {
    file('stack-hook.js', "exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no tags', clientRequestToken: event.clientRequestToken });\n");
    file('hooks.yaml', 'Resources:\n  Stacks:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: MyOrg::Tags::Stacks\n      LambdaFunction: ./stack-hook.js\n      ExecutionRole: arn:aws:iam::123456789012:role/r\n      FailureMode: FAIL\n      TargetOperations: [RESOURCE]\n      TargetFilters:\n        TargetNames: [AWS::CloudFormation::Stack]\n');
    file('child.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/q\n');
    file('app.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  App:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location: ./child.yaml\n');
    const run = await simulate(scratch.dir, 'app.yaml', '--hooks', 'hooks.yaml', '--quiet');
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^warning SIM_HOOK_NOT_INVOKED MyOrg::Tags::Stacks targets AWS::CloudFormation::Stack, which App \(AWS::Serverless::Application\) becomes when the SAM transform runs; the service would call it there, the simulator does not/m);
  });
});

describe('a configuration document that leaves the status or FailureMode unstated', () => {
  // The hook runs, enabled and FAIL, as before; what the service does is undocumented, so each is said, located at
  // the Configuration with the path inside it (h34-today #4: an activated hook ran FAIL in silence).
  const activated = (document: string): string => `Resources:
  Activation:
    Type: AWS::CloudFormation::TypeActivation
    Properties:
      Type: HOOK
      TypeName: AWS::Hooks::LambdaHook
      PublisherId: aws-hooks
      TypeNameAlias: Private::Acme::Checks
  Config:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: Private::Acme::Checks
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{${document}"TargetOperations":["RESOURCE"],"Properties":{"LambdaFunction":"./deny.js"}}}}'
`;
  const AT = 'HookTypeConfig Config Configuration at /CloudFormationConfiguration/HookConfiguration: HookConfiguration: ';
  it.each<[string, string, string[]]>([
    [
      'neither: both said, and the hook runs and blocks',
      '',
      [`${AT}sets neither HookInvocationStatus nor TargetStacks, and the service's default is undocumented`, `${AT}has no FailureMode, and the service's default is undocumented; the simulator uses FAIL [choice]`],
    ],
    ['only the status unstated', '"FailureMode":"FAIL",', [`${AT}sets neither HookInvocationStatus nor TargetStacks`]],
    ['both stated: nothing said', '"HookInvocationStatus":"ENABLED","FailureMode":"FAIL",', []],
  ])('%s', async (_case, stated, said) => {
    file('deny.js', "exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'denied', clientRequestToken: event.clientRequestToken });\n");
    file('hooks.yaml', activated(stated));
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', 'hooks.yaml');
    expect(code).toBe(1);
    expect(run.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([
      ['DataBucket', 'FAILED'],
      ['JobsQueue', 'FAILED'],
    ]);
    const warned = (run.warnings ?? []).filter((w) => w.code === 'HC119');
    expect(warned).toEqual(said.map((start) => expect.objectContaining({ file: 'hooks.yaml', message: expect.stringContaining(start) })));
    for (const w of warned) expect(w.message.startsWith(AT)).toBe(true);
  });
});

describe('--quiet keeps the warnings that say a hook is never invoked for something', () => {
  // A quiet run (CI, pre-commit) printed only the verdict: a Guard hook filtered on a misspelt type never judged a
  // table, and nothing said so (h31 #2).
  const projectHook = (hookConfiguration: string): string =>
    `Resources:\n  Config:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: MyCompany::Testing::MyTestHook\n      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL",${hookConfiguration},"Properties":{}}}}'\n`;
  it.each<[string, () => string, RegExp]>([
    ['HOOKS_UNKNOWN_TARGET: a Lambda hook filtered on a misspelt type', () => LAMBDA_HOOK('./x.js', "      TargetFilters: {TargetNames: ['AWS::S3::Buckets']}\n"), /^hooks\.yaml:\d+:\d+ warning HOOKS_UNKNOWN_TARGET .*'AWS::S3::Buckets' is no resource type/m],
    ['HC112: a TargetNames entry the schema never targets', () => projectHook('"TargetOperations":["RESOURCE"],"TargetFilters":{"TargetNames":["AWS::S3::Bucket","AWS::SNS::Topic"]}'), /^hooks\.yaml:\d+:\d+ warning HC112 .*'AWS::SNS::Topic'.*it is never invoked/m],
    ['HC117: a TargetOperations entry no handler serves', () => projectHook('"TargetOperations":["RESOURCE","STACK"]'), /^hooks\.yaml:\d+:\d+ warning HC117 .*STACK needs/m],
    ['HC114: a StackNames entry that is no stack name', () => projectHook('"TargetOperations":["RESOURCE"],"StackFilters":{"FilteringCriteria":"ALL","StackNames":{"Include":["prod_*"]}}'), /^hooks\.yaml:\d+:\d+ warning HC114 .*'prod_\*' is not a stack name/m],
  ])('%s', async (_name, hooks, warned) => {
    file('x.js', 'module.exports = { handler: async (e) => ({ hookStatus: "SUCCESS", message: "ok", clientRequestToken: e.clientRequestToken }) };\n');
    file('hooks.yaml', hooks());
    const run = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--hooks', 'hooks.yaml', '--quiet');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Verdict: CREATE_COMPLETE/m);
    expect(run.err).toMatch(warned);
  });
});

describe('hooks that target what SAM generates from other SAM resources', () => {
  // A Guard or Lambda hook on AWS::Lambda::Function or AWS::IAM::Role is called by the service for the function and
  // role SAM generates; the simulator keeps the SAM resource, which no hook ever sees (a helper's Guard sweep found
  // such a hook skipped in silence, and an unfiltered one called for AWS::Serverless::Function itself).
  const SAM = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      InlineCode: "def handler(e, c): pass"\n  Table:\n    Type: AWS::Serverless::SimpleTable\n';
  const hooksFile = (filters: string): string =>
    `Resources:\n  Functions:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: MyOrg::Lambda::InVpc\n      LambdaFunction: ./deny.js\n      ExecutionRole: arn:aws:iam::123456789012:role/r\n      FailureMode: FAIL\n      TargetOperations: [RESOURCE]\n${filters}`;
  it.each<[string, string, RegExp[], RegExp[]]>([
    [
      'a hook on AWS::Lambda::Function and AWS::IAM::Role: named for the function, not for the table',
      '      TargetFilters:\n        TargetNames: [AWS::Lambda::Function, AWS::IAM::Role]\n',
      [/^warning SIM_HOOK_NOT_INVOKED MyOrg::Lambda::InVpc targets AWS::Lambda::Function, AWS::IAM::Role, which SAM may generate from Fn \(AWS::Serverless::Function\) when the transform runs; the service would call it for each one generated, the simulator does not \(not simulated; once deployed, simulate the processed template: aws cloudformation get-template --stack-name <stack> --template-stage Processed\)$/m],
      [/SimpleTable\)/],
    ],
    [
      'a hook on every type: named for both, and never called for the SAM resources themselves',
      '',
      [/MyOrg::Lambda::InVpc targets .*AWS::Lambda::Function.*, which SAM may generate from Fn \(AWS::Serverless::Function\)/, /MyOrg::Lambda::InVpc targets AWS::DynamoDB::Table, which SAM may generate from Table \(AWS::Serverless::SimpleTable\)/],
      [],
    ],
    ['a hook on AWS::S3::Bucket: nothing to say', '      TargetFilters:\n        TargetNames: [AWS::S3::Bucket]\n', [], [/SIM_HOOK_NOT_INVOKED/]],
  ])('%s', async (_name, filters, expected, absent) => {
    file('deny.js', "exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', clientRequestToken: event.clientRequestToken });\n");
    file('hooks.yaml', hooksFile(filters));
    file('sam.yaml', SAM);
    const run = await simulate(scratch.dir, 'sam.yaml', '--hooks', 'hooks.yaml', '--quiet');
    expect({ code: run.code, out: run.out }).toEqual({ code: 0, out: 'Verdict: CREATE_COMPLETE: the create would complete (0 hook invocations).\n' });
    for (const pattern of expected) expect(run.err).toMatch(pattern);
    for (const pattern of absent) expect(run.err).not.toMatch(pattern);
  });
});

describe('hooks the stack\'s own template declares', () => {
  // A deployed LambdaHook, GuardHook or HookTypeConfig is an active hook of the account: the service calls it for this
  // stack's later operations too (a helper found an update the stack's own FAIL hook would judge passed in silence).
  const bucket = '  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: BUCKET\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}\n            BucketKeyEnabled: true\n';
  const lambdaHook = (status = ''): string =>
    `  SelfHook:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: Acme::Test::Self\n      LambdaFunction: ./allow.js\n      ExecutionRole: arn:aws:iam::123456789012:role/x\n      FailureMode: FAIL\n${status}      TargetOperations: [RESOURCE]\n`;
  const guardHook = '  Guarded:\n    Type: AWS::CloudFormation::GuardHook\n    Properties:\n      Alias: Acme::Test::Guard\n      RuleLocation: {Uri: s3://rules/r.guard}\n      ExecutionRole: arn:aws:iam::123456789012:role/x\n      TargetOperations: [RESOURCE]\n';
  const typeConfig = `  Config:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: Acme::Custom::Hook\n      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetStacks":"ALL"}}}'\n`;
  const template = (name: string, ...resources: string[]): string => `Resources:\n${bucket.replace('BUCKET', name)}${resources.join('')}`;
  const DEPLOYED = /^v1\.yml:11:5 warning SIM_HOOK_NOT_INVOKED the deployed template declares AWS::CloudFormation::LambdaHook SelfHook \(Acme::Test::Self\), an active hook of the account: the service calls it for this update wherever its filters select this stack, and the simulator does not run it \(declare it in --hooks to simulate it\) \(at \/Resources\/SelfHook\)$/m;

  it.each<[string, Record<string, string>, string[], RegExp[], RegExp[]]>([
    ['an update: the deployed template\'s Lambda hook is named, located in it', { 'v1.yml': template('first', lambdaHook()), 'v2.yml': template('second', lambdaHook()) }, ['v2.yml', '--operation', 'update', '--previous', 'v1.yml'], [DEPLOYED], [/this template creates/]],
    [
      'a create: the hook the template creates is noted for the operations after it',
      { 'v1.yml': template('first', lambdaHook()) },
      ['v1.yml'],
      [/^v1\.yml:11:5 info SIM_HOOK_NOT_INVOKED this template creates AWS::CloudFormation::LambdaHook SelfHook \(Acme::Test::Self\): once created, the account calls it on every stack its filters select, later operations on this stack included/m],
      [/deployed template declares/],
    ],
    [
      'a delete: a deployed HookTypeConfig is named by the type it configures',
      { 'v1.yml': template('first', typeConfig) },
      ['v1.yml', '--operation', 'delete'],
      [/warning SIM_HOOK_NOT_INVOKED the deployed template declares AWS::CloudFormation::HookTypeConfig Config \(Acme::Custom::Hook\), an active hook of the account: the service calls it for this delete/],
      [],
    ],
    ['switched off (HookStatus DISABLED, a Guard hook\'s default): nothing to say', { 'v1.yml': template('first', lambdaHook('      HookStatus: DISABLED\n'), guardHook), 'v2.yml': template('second', lambdaHook('      HookStatus: DISABLED\n'), guardHook) }, ['v2.yml', '--operation', 'update', '--previous', 'v1.yml'], [], [/SIM_HOOK_NOT_INVOKED/]],
    [
      'the same hook declared in --hooks is simulated, so nothing is said of it',
      { 'v1.yml': template('first', lambdaHook()), 'v2.yml': template('second', lambdaHook()), 'hooks.yaml': `Resources:\n${lambdaHook()}` },
      ['v2.yml', '--operation', 'update', '--previous', 'v1.yml', '--hooks', 'hooks.yaml'],
      [],
      [/SIM_HOOK_NOT_INVOKED/],
    ],
  ])('%s', async (_name, files, argv, expected, absent) => {
    file('allow.js', "exports.handler = async (event) => ({ hookStatus: 'SUCCESS', message: 'ok', clientRequestToken: event.clientRequestToken });\n");
    for (const [name, text] of Object.entries(files)) file(name, text);
    const run = await simulate(scratch.dir, ...argv, '--quiet');
    expect(run.code).toBe(0);
    for (const pattern of expected) expect(run.err).toMatch(pattern);
    for (const pattern of absent) expect(run.err).not.toMatch(pattern);
  });
});
