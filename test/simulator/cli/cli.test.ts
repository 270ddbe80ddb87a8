import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand, BatchDescribeTypeConfigurationsCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main, parseSimulateArgs, stackNameFromFile } from '../../../simulator/cli';
import * as simulation from '../../../simulator/cli/run-simulation';
import { SimulationInputError, ValueFileError } from '../../../simulator/cli';
import { AccountFileError } from '../../../simulator/cloudformation/account';
import { DeployedStateError } from '../../../simulator/cloudformation/deployed';
import { TemplateError } from '../../../simulator/cloudformation/template';
import { InputError, type Diagnostic, type DiagnosticCode } from '../../../src/kernel/diagnostics';
import { FileReadError } from '../../../src/kernel/source';
import { inGitWorkTree } from '../../support/checkout';
import { junitShapeErrors } from '../../support/junit-shape';
import { sarifSchemaErrors } from '../../support/sarif-schema';

function located(code: DiagnosticCode): Diagnostic {
  return { code, severity: 'error', message: 'bad', file: 't.yml', path: '', line: 3, column: 7 };
}

const fixtures = join(__dirname, '..', '..', 'fixtures', 'simulator');

async function simulate(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(fixtures);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('simulate: usage and input errors exit 2 with a message, never a stack trace', () => {
  it.each<[string, string[], RegExp]>([
    ['unknown option', ['bucket.yml', '--frobnicate'], /Unknown option '--frobnicate'/],
    ['bad operation', ['bucket.yml', '--operation', 'rename'], /--operation must be create, update, delete or change-set, got "rename"/],
    ['update without the deployed template', ['bucket.yml', '--operation', 'update'], /--previous <template> or --from-stack <name>/],
    ['--previous on a create', ['bucket.yml', '--previous', 'bucket.yml'], /--previous is only for --operation update/],
    // An export name is unique in the account and region: a new stack cannot take one --exports lists.
    [
      'a create exporting a name the account exports',
      ['exports-queue.yml', '--exports', 'exports-taken-plain.json'],
      /^exports-queue\.yml:12:13 RES_EXPORT_TAKEN Export with name shared-queue-url is already exported by stack \(another stack, as --exports lists it\) \(at \/Outputs\/QueueUrl\/Export\/Name\)$/m,
    ],
    [
      'an update exporting a name another stack owns (list-exports)',
      ['exports-queue-v2.yml', '--operation', 'update', '--previous', 'exports-queue.yml', '--stack-name', 'orders', '--exports', 'exports-taken-owned.json'],
      /RES_EXPORT_TAKEN Export with name shared-queue-url is already exported by stack queues /,
    ],
    [
      '--previous naming an earlier synth, not its template',
      ['bucket.yml', '--operation', 'update', '--previous', '../cdk/app/cdk.out/assembly-Prod'],
      /^simulate: \.\.\/cdk\/app\/cdk\.out\/assembly-Prod is a folder; a single template is read here: name the template file in it, e\.g\. \.\.\/cdk\/app\/cdk\.out\/assembly-Prod\/\S+\.template\.json/m,
    ],
    ['no template', ['--format', 'json'], /missing the template/],
    ['nothing at all: the usage', [], /^Usage: simulate <template>/],
    ['two templates that do not exist', ['a.yml', 'b.yml'], /expected one template, got 2: a\.yml b\.yml; a\.yml, b\.yml name no file or directory/],
    ['update with two templates', ['bucket.yml', 'queue-as-bucket.yml', '--operation', 'update', '--previous', 'bucket.yml'], /--previous is for one stack, and bucket\.yml queue-as-bucket\.yml hold 2: name one template/],
    ['an update change set with two templates', ['bucket.yml', 'queue-as-bucket.yml', '--operation', 'change-set', '--previous', 'bucket.yml'], /--previous is for one stack, and bucket\.yml queue-as-bucket\.yml hold 2/],
    ['a bad shard', ['a.yml', 'b.yml', '--shard', '3/2'], /--shard must be <i>\/<n> with 1 <= i <= n, got "3\/2"/],
    ['bad account id', ['bucket.yml', '--account-id', '42'], /--account-id must be 12 digits/],
    ['bad format', ['bucket.yml', '--format', 'xml'], /--format must be text, json, sarif or junit/],
    ['bad parameter', ['bucket.yml', '--parameter', 'novalue'], /--parameter expects Key=Value, got "novalue"/],
    ['bad timeout', ['bucket.yml', '--hook-timeout', 'soon'], /--hook-timeout must be a positive whole number of milliseconds/],
    ['bad stack name', ['bucket.yml', '--stack-name', '1st'], /is not a valid stack name/],
    ['bad failure mode', ['bucket.yml', '--failure-mode', 'IGNORE'], /--failure-mode must be FAIL or WARN/],
    ['a known type that is not a type name', ['bucket.yml', '--known-type', 'Bucket'], /--known-type expects a resource type such as MyOrg::Service::Resource/],
    ['a known type with a space', ['bucket.yml', '--known-type', 'A::B ::C'], /--known-type expects a resource type/],
    ['create from a stack', ['bucket.yml', '--from-stack', 'prod'], /--from-stack is for update, delete and change-set: a create has no deployed stack/],
    ['missing file', ['nope.yml'], /nope\.yml.*cannot read the template: no such file/],
    ['syntax error, located', ['broken.yml', '--parameter', 'BucketSuffix=x'], /^broken\.yml:\d+:\d+ /m],
    ['missing parameter value', ['bucket.yml'], /BucketSuffix/],
    ['unknown resource types', ['unknown-type.yml'], /^unknown-type\.yml:4:11 RES_UNRECOGNIZED_TYPE Template format error: Unrecognized resource types: \[AWS::S3::Buckett, MyOrg::Storage::Vault\] \(at \/Resources\/Reports\/Type\)$/m],
    ['unknown resource type, the private one named', ['unknown-type.yml', '--known-type', 'MyOrg::*'], /Unrecognized resource types: \[AWS::S3::Buckett\] /],
    ['invalid configuration, located', ['bucket.yml', '--parameter', 'BucketSuffix=x', '--config', 'bad-config.json'], /^bad-config\.json:5:\d+ .*FailureMode/m],
    ['missing configuration file', ['bucket.yml', '--parameter', 'BucketSuffix=x', '--config', 'none.json'], /cannot read the hook configuration: no such file/],
    [
      'invalid account file, located',
      ['bucket.yml', '--parameter', 'BucketSuffix=x', '--operation', 'delete', '--config', 'config-min-buckets.json', '--account', 'bad-account.json'],
      /^bad-account\.json:2:\d+ SIM_ACCOUNT_FILE name must be a non-empty string/m,
    ],
    [
      'a resource that changes type, located',
      ['queue-as-bucket.yml', '--operation', 'update', '--previous', 'bucket.yml', '--parameter', 'BucketSuffix=x'],
      /^queue-as-bucket\.yml:\d+:\d+ PLAN_TYPE_CHANGED Update of resource type is not permitted: resource 'Bucket'/m,
    ],
  ])('%s', async (_name, argv, message) => {
    const { code, err } = await simulate(...argv);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(code).toBe(2);
  });

  // A --config document that leaves the status or FailureMode to the service's undocumented default runs enabled and
  // FAIL, as before, and now says so, located (h34-today #4); without --config the documented default needs no word.
  it.each<[string, string[], RegExp[]]>([
    [
      'a document with neither status key nor FailureMode: HC119 for each, at HookConfiguration',
      ['--config', 'unstated-defaults.config.json'],
      [
        /^unstated-defaults\.config\.json:3:26 warning HC119 HookConfiguration: sets neither HookInvocationStatus nor TargetStacks, and the service's default is undocumented \(the Hooks User Guide says to set HookInvocationStatus to ENABLED to enable the hook\); the simulator runs the hook \[choice\]: set HookInvocationStatus to say which \(at \/CloudFormationConfiguration\/HookConfiguration\)$/m,
        /^unstated-defaults\.config\.json:3:26 warning HC119 HookConfiguration: has no FailureMode, and the service's default is undocumented; the simulator uses FAIL \[choice\], so a failed call blocks: set FailureMode \(FAIL or WARN\) to say which \(at \/CloudFormationConfiguration\/HookConfiguration\)$/m,
      ],
    ],
    ['no --config: the documented default, nothing said', [], []],
    ['a document that states both', ['--config', 'config-min-buckets.json'], []],
  ])('%s', async (_case, flags, warned) => {
    const { code, err } = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', ...flags);
    expect(code).toBe(0);
    for (const warning of warned) expect(err).toMatch(warning);
    expect((err.match(/HC119/g) ?? []).length).toBe(warned.length);
  });

  it('an unexpected exception is reported as a bug (exit 3), without a stack trace unless DEBUG is set', async () => {
    const spy = jest.spyOn(simulation, 'runSimulation').mockRejectedValue(new Error('boom'));
    try {
      const { code, err } = await simulate('bucket.yml');
      expect(code).toBe(3);
      expect(err).toBe('simulate: internal error (this is a bug, please report it): boom\n');
    } finally {
      spy.mockRestore();
    }
  });

  it.each<[string, () => Error]>([
    ['TemplateError', () => new TemplateError([located('TPL_EMPTY')])],
    ['SimulationInputError', () => new SimulationInputError([located('SIM_NO_TEMPLATE')])],
    ['ValueFileError', () => new ValueFileError([located('SIM_VALUE_FILE')])],
    ['AccountFileError', () => new AccountFileError([located('ACCOUNT_FILE')])],
    ['DeployedStateError', () => new DeployedStateError('stack prod was not found', 'STACK_NOT_FOUND', 'cloudformation:DescribeStacks')],
    ['FileReadError', () => new FileReadError('t.yml', 'no such file', 'FILE_UNREADABLE', 'the file')],
  ])('%s is an InputError: exit 2 with its located diagnostics, by one instanceof (no name strings)', async (name, make) => {
    const error = make();
    expect(error).toBeInstanceOf(InputError);
    expect(error.name).toBe(name);
    const spy = jest.spyOn(simulation, 'runSimulation').mockRejectedValue(error);
    try {
      const { code, err } = await simulate('bucket.yml');
      expect(code).toBe(2);
      expect(err).toMatch(/^(t\.yml(:3:7)? )?[A-Z]+_[A-Z_]+ /);
      expect(err).not.toMatch(/internal error/);
    } finally {
      spy.mockRestore();
    }
  });

  it('an error that only looks like an input error (name and diagnostics, not the class) is a bug, exit 3', async () => {
    const impostor = Object.assign(new Error('x'), { name: 'AccountFileError', diagnostics: [located('ACCOUNT_FILE')] });
    const spy = jest.spyOn(simulation, 'runSimulation').mockRejectedValue(impostor);
    try {
      expect((await simulate('bucket.yml')).code).toBe(3);
    } finally {
      spy.mockRestore();
    }
  });

  it.each<[string, string[], Record<string, string>, string]>([
    ['a usage error is what was wrong and how to see the options', ['bucket.yml', '--formt', 'json'], {}, "simulate: Unknown option '--formt': did you mean --format?\nRun `simulate --help` for its options.\n"],
    ['under npm run simulate, --help goes after --', ['bucket.yml', '--format', 'xml'], { npm_lifecycle_event: 'simulate' }, 'simulate: --format must be text, json, sarif or junit, got "xml"\nRun `npm run simulate -- --help` for its options.\n'],
  ])('%s (not the whole usage, which pushed the message off the screen)', async (_name, argv, env, expected) => {
    const io = memoryIo(fixtures, env);
    expect(await main(argv, io)).toBe(2);
    expect(io.err.join('')).toBe(expected);
  });

  it.each<[string, string[], number, RegExp]>([
    ['without --stack-name, the name is a guess: a part it lacks is a placeholder and a warning', ['stack-name-part.yml'], 0, /^stack-name-part\.yml:7:25 warning RES_SELECT_PLACEHOLDER Fn::Select index 3 is beyond the 3 parts of the stack name stack-name-part, taken from the template's file name \(--stack-name gives the real one\)/],
    ['with --stack-name, the name is the real one: refused as the service refuses it', ['stack-name-part.yml', '--stack-name', 'shop'], 2, /^stack-name-part\.yml:7:25 RES_SELECT_INDEX Template error: Fn::Select cannot select nonexistent value at index 3 \(the list has 1 item\)/],
    // An update keeps its own exports: list-exports naming this stack as their owner is no clash.
    [
      'an update of the stack that owns its exports (list-exports)',
      ['exports-queue-v2.yml', '--operation', 'update', '--previous', 'exports-queue.yml', '--stack-name', 'queues', '--exports', 'exports-taken-owned.json'],
      0,
      /^$/,
    ],
    // A plain {"Name": "value"} file says no owner: an update is not judged by it.
    ['an update given plain exports', ['exports-queue-v2.yml', '--operation', 'update', '--previous', 'exports-queue.yml', '--exports', 'exports-taken-plain.json'], 0, /^$/],
  ])('%s', async (_name, argv, code, message) => {
    const result = await simulate(...argv);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });

  it.each<[string, string[], (out: string) => void]>([
    ['json', ['bucket.yml', '--format', 'json', '--operation', 'rename'], (out) => expect(JSON.parse(out)).toEqual({ errors: [{ code: 'USAGE', severity: 'error', message: '--operation must be create, update, delete or change-set, got "rename"', file: '', path: '', line: 0, column: 0 }] })],
    [
      'sarif',
      ['bucket.yml', '--format=sarif', '--formt', 'x'],
      (out) => {
        expect(sarifSchemaErrors(out)).toEqual([]);
        const run = (JSON.parse(out) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string } }> }> }> }).runs[0];
        expect(run?.invocations[0]?.executionSuccessful).toBe(false);
        expect(run?.invocations[0]?.toolExecutionNotifications.map((n) => n.descriptor.id)).toEqual(['USAGE']);
      },
    ],
    [
      'junit',
      ['bucket.yml', '--format', 'junit', '--jobs', '0'],
      (out) => {
        expect(junitShapeErrors(out)).toEqual([]);
        expect(out).toMatch(/<testcase classname="simulate\.run" name="options" time="0">\n {6}<failure message="USAGE --jobs must be a whole number/);
      },
    ],
    ['json after an option left without its value', ['bucket.yml', '--stack-name', '--format', 'json'], (out) => expect((JSON.parse(out) as { errors: Diagnostic[] }).errors.map((e) => e.code)).toEqual(['USAGE'])],
    ['text', ['bucket.yml', '--format', 'text', '--operation', 'rename'], (out) => expect(out).toBe('')],
    ['named twice', ['bucket.yml', '--format', 'text', '--format', 'json'], (out) => expect(out).toBe('')],
    ['a format that is itself wrong', ['bucket.yml', '--format', 'xml'], (out) => expect(out).toBe('')],
  ])('a command line that does not parse, with --format %s: that format\'s document on stdout, never an empty file in CI (exit 2)', async (_format, argv, check) => {
    const io = memoryIo(fixtures);
    expect(await main(argv, io)).toBe(2);
    expect(io.err.join('')).toMatch(/\nRun `simulate --help` for its options\.\n$/);
    check(io.out.join(''));
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await simulate('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: simulate <template>/);
  });
});

describe('simulate: output', () => {
  it('text: an events table oldest first, the invocations and a verdict', async () => {
    const { code, out, err } = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--stack-name', 'data');
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.split('\n');
    expect(lines[0]).toBe('Stack data: create in us-east-1, account 123456789012');
    expect(lines[2]).toMatch(/^LOGICAL ID\s+TYPE\s+STATUS\s+REASON$/);
    expect(lines[3]).toMatch(/^data\s+AWS::CloudFormation::Stack\s+CREATE_IN_PROGRESS\s+User Initiated$/);
    expect(out).toMatch(/Bucket\s+AWS::S3::Bucket\s+CREATE_IN_PROGRESS HOOK_IN_PROGRESS\s+MyCompany::Testing::MyTestHook \(PRE_PROVISION, FAIL\): Invoking hook/);
    expect(out).toMatch(/Hook invocations complete\. {2}Resource creation initiated/);
    expect(out.trimEnd().split('\n').pop()).toBe('Verdict: CREATE_COMPLETE: the create would complete (1 hook invocation).');
  });

  it('text: warnings go to stderr, before the table', async () => {
    const { code, err } = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--no-stringify');
    expect(code).toBe(0);
    expect(err).toMatch(/^info SIM_TYPED_PROPERTIES properties were sent to registry hooks with their template types/);
  });

  it.each<[string, string, number, RegExp]>([
    ['a deploy --parameter-overrides file: a name the template lacks is dropped, as deploy drops it', 'deploy-overrides.json', 0, /^deploy-overrides\.json:3:3 warning RES_PARAMETERS_FILE parameter Environment is not declared by the template: aws cloudformation deploy, which reads this file's shape, drops it/m],
    ["create-stack's list: the service's refusal", 'create-stack-parameters.json', 2, /RES_UNKNOWN_PARAMETER Parameters: \[Environment\] do not exist in the template/],
  ])('--parameters-file, %s', async (_case, file, exit, message) => {
    const { code, out, err } = await simulate('bucket.yml', '--parameters-file', file);
    expect(code).toBe(exit);
    expect(`${err}${out}`).toMatch(message);
  });

  it('an update with nothing to change is refused as UpdateStack refuses it: exit 2, the ValidationError, no event, no hook call', async () => {
    const text = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--operation', 'update', '--previous', 'bucket.yml');
    expect(text).toEqual({
      code: 2,
      out: 'Stack bucket: update in us-east-1, account 123456789012\n\nVerdict: rejected: UpdateStack fails with ValidationError: No updates are to be performed. The stack stays as it is; no hook is invoked.\n',
      err: '',
    });
    const json = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--operation', 'update', '--previous', 'bucket.yml', '--format', 'json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toEqual({
      stack: { name: 'bucket', operation: 'update', finalStatus: null, outcome: 'REJECTED', rejection: { errorCode: 'ValidationError', message: 'No updates are to be performed.' } },
      invocations: [],
      events: [],
      hookResults: [],
    });
    expect(json.err).toBe('bucket.yml SIM_REQUEST_REFUSED the service refuses the request: ValidationError: No updates are to be performed.\n');
    // SARIF and JUnit say it too (an exit 2 with a clean report would read as a pass), as a run that judged nothing.
    const sarif = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--operation', 'update', '--previous', 'bucket.yml', '--format', 'sarif');
    expect(sarif.code).toBe(2);
    const run0 = (JSON.parse(sarif.out) as { runs: Array<{ results: unknown[]; invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string } }> }> }> }).runs[0];
    expect([run0?.results, run0?.invocations.map((i) => [i.executionSuccessful, i.toolExecutionNotifications.map((n) => n.descriptor.id)])]).toEqual([[], [[false, ['SIM_REQUEST_REFUSED']]]]);
    // The suite's file is named from the root of the git work tree (the run is in its test/fixtures/simulator).
    const junitIo = memoryIo(inGitWorkTree(fixtures));
    const junit = { code: await main(['bucket.yml', '--parameter', 'BucketSuffix=x', '--operation', 'update', '--previous', 'bucket.yml', '--format', 'junit'], junitIo), out: junitIo.out.join('') };
    expect(junit.code).toBe(2);
    expect(junit.out).toContain('<testsuite name="bucket.yml" file="test/fixtures/simulator/bucket.yml" tests="1" failures="1"');
    expect(junit.out).toContain('<failure message="bucket.yml SIM_REQUEST_REFUSED the service refuses the request: ValidationError: No updates are to be performed." type="ValidationError">');
  });

  it('json: exactly the documented keys', async () => {
    const { code, out } = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--format', 'json');
    expect(code).toBe(0);
    const document = JSON.parse(out) as { stack: object; invocations: object[]; events: object[]; hookResults: object[] };
    expect(Object.keys(document)).toEqual(['stack', 'invocations', 'events', 'hookResults']);
    expect(Object.keys(document.stack)).toEqual(['name', 'operation', 'finalStatus', 'outcome']);
    expect(Object.keys(document.invocations[0] ?? {})).toEqual([
      'logicalResourceId',
      'targetName',
      'invocationPoint',
      'hookStatus',
      'errorCode',
      'message',
      'failureMode',
      'hookTypeName',
      'targetType',
      'hookInvocationId',
      'annotations',
    ]);
    expect(Object.keys(document.hookResults[0] ?? {})).toEqual([
      'HookResultId',
      'InvocationPoint',
      'FailureMode',
      'TypeName',
      'OriginalTypeName',
      'TypeVersionId',
      'Status',
      'HookStatusReason',
      'Target',
      'Annotations',
    ]);
    for (const event of document.events) {
      expect(Object.keys(event)).toEqual([
        'logicalResourceId',
        'resourceType',
        'resourceStatus',
        'resourceStatusReason',
        'hookType',
        'hookStatus',
        'hookStatusReason',
        'hookInvocationPoint',
        'hookFailureMode',
        'hookInvocationId',
      ]);
    }
  });

  it.each([
    [[], false],
    [['--handler-logs'], true],
  ])('handler logs %j go to stderr only when asked (%s)', async (flags, shown) => {
    const { code, err, out } = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--format', 'json', ...flags);
    expect(code).toBe(0);
    expect(/^handler: \{"level":"INFO"/m.test(err)).toBe(shown);
    expect(out).not.toMatch(/"level"/);
  });

  it('reads paths relative to INIT_CWD, the directory `npm run` was started from', async () => {
    const io = memoryIo(join(fixtures, '..'), { INIT_CWD: fixtures });
    const code = await main(['bucket.yml', '--parameter', 'BucketSuffix=x'], io);
    expect(code).toBe(0);
  });

  it('is deterministic: the same run twice gives the same bytes', async () => {
    const a = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--format', 'json');
    const b = await simulate('bucket.yml', '--parameter', 'BucketSuffix=x', '--format', 'json');
    expect(a.out).toBe(b.out);
  });

  it('delegates amplify and beanstalk to the lifecycle simulator', async () => {
    const { code, out } = await simulate('amplify', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/amplify/i);
  });
});

describe('the repository template.yml samples', () => {
  const repoRoot = join(__dirname, '..', '..', '..');
  const run = async (...argv: string[]): Promise<{ code: number; document: { invocations: Array<{ hookStatus: string }> } }> => {
    const io = memoryIo(repoRoot);
    const code = await main(['template.yml', '--format', 'json', ...argv], io);
    return { code, document: JSON.parse(io.out.join('')) as { invocations: Array<{ hookStatus: string }> } };
  };

  it('shows samples passing and blocking, and exits 1', async () => {
    const { code, document } = await run();
    expect(code).toBe(1);
    expect(document.invocations.map((i) => i.hookStatus)).toEqual(expect.arrayContaining(['SUCCESS', 'FAILED']));
  });

  it('with --failure-mode WARN shows every verdict and exits 0', async () => {
    const { code, document } = await run('--failure-mode', 'WARN');
    expect(code).toBe(0);
    const failed = document.invocations.filter((i) => i.hookStatus === 'FAILED').length;
    expect(failed).toBeGreaterThan(1);
    expect(document.invocations.length).toBeGreaterThan(failed);
  });
});

describe('simulate --from-stack / --config-from-account (AWS mocked)', () => {
  const cfn = mockClient(CloudFormationClient);
  afterEach(() => cfn.reset());
  afterAll(() => cfn.restore());

  it('deletes the deployed stack with its parameters and the configuration set in the account', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'data',
          StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/data/11111111-2222-4333-8444-555555555555',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(0),
          Parameters: [{ ParameterKey: 'BucketSuffix', ParameterValue: 'deployed' }],
        },
      ],
    });
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: readFileSync(join(fixtures, 'bucket.yml'), 'utf8') });
    cfn.on(BatchDescribeTypeConfigurationsCommand).resolves({
      TypeConfigurations: [{ IsDefaultConfiguration: true, Configuration: JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'WARN', TargetOperations: ['RESOURCE'] } } }) }],
    });
    const { code, out, err } = await simulate('--operation', 'delete', '--from-stack', 'data', '--config-from-account', '--format', 'json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(out) as { stack: { name: string }; invocations: Array<{ invocationPoint: string; failureMode: string }> };
    expect(document.stack.name).toBe('data');
    expect(document.invocations).toEqual([expect.objectContaining({ invocationPoint: 'DELETE_PRE_PROVISION', failureMode: 'WARN' })]);
  });

  it('updates the deployed stack: the deployed template is the previous one, its parameters the previous values', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'data',
          StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/data/11111111-2222-4333-8444-555555555555',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(0),
          RoleARN: 'arn:aws:iam::123456789012:role/deployer',
          Parameters: [{ ParameterKey: 'BucketSuffix', ParameterValue: 'old' }],
        },
      ],
    });
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: readFileSync(join(fixtures, 'bucket.yml'), 'utf8') });
    const { code, out, err } = await simulate('bucket.yml', '--operation', 'update', '--from-stack', 'data', '--parameter', 'BucketSuffix=new', '--format', 'json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(out) as { invocations: Array<{ invocationPoint: string; message: string }> };
    // BucketName data-old -> data-new is a replacement: invoked as an update, with the previous properties.
    expect(document.invocations).toEqual([expect.objectContaining({ invocationPoint: 'UPDATE_PRE_PROVISION', message: expect.stringContaining('data-new') })]);
  });

  it('a stack that does not exist is an input error', async () => {
    cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id nope does not exist'), { name: 'ValidationError' }));
    const { code, err } = await simulate('--operation', 'delete', '--from-stack', 'nope');
    expect(code).toBe(2);
    expect(err).toMatch(/nope/);
  });
});

describe('parseSimulateArgs', () => {
  it('collects repeatable Key=Value options; a value may hold "="', () => {
    const options = parseSimulateArgs(['t.yml', '--parameter', 'A=1', '--parameter', 'B=x=y', '--ssm-parameter', '/p=v']);
    expect(options.parameters).toEqual({ A: '1', B: 'x=y' });
    expect(options.ssmParameters).toEqual({ '/p': 'v' });
    expect(options).toMatchObject({ operation: 'create', region: 'us-east-1', accountId: '123456789012', format: 'text', stringify: true, limits: true, hookTimeoutMillis: 30000 });
  });

  it.each<[string[], boolean, string[]]>([
    [[], false, []],
    [['--strict-parameters'], true, []],
    [['--known-type', 'MyOrg::*', '--known-type', 'Acme::Db::Cluster', '--known-type', 'MyOrg::*'], false, ['Acme::Db::Cluster', 'MyOrg::*']],
  ])('%j: strictParameters %s, knownTypes %j', (argv, strict, known) => {
    const options = parseSimulateArgs(['t.yml', ...argv]);
    expect(options.strictParameters).toBe(strict);
    expect(options.knownTypes).toEqual(known);
  });

  it.each([
    ['template.yml', 'template'],
    ['dir/My_Stack.v2.json', 'My-Stack-v2'],
    ['123.yaml', 'simulated-stack'],
    ['cdk.out/amplify-shop-dev-sandbox-1a2b3c.template.json', 'amplify-shop-dev-sandbox-1a2b3c'],
    ['infra/bucket.template', 'bucket'],
    ['infra/.template.json', 'simulated-stack'],
    // On Linux a backslash is part of the file's name, not a folder separator.
    ...(process.platform === 'win32' ? [] : [['odd/dir\\back.yml', 'dir-back']]),
  ])('stack name from %s', (file, name) => {
    expect(stackNameFromFile(file)).toBe(name);
  });
});

describe('simulate --format json when the template is refused', () => {
  it('prints every diagnostic as {"errors": […]} (the text stops at 100), exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-errors-'));
    try {
      const resources = Array.from({ length: 150 }, (_, i) => `  R${i + 1}:\n    Type: {a: b}\n`).join('');
      writeFileSync(join(dir, 'many-errors.yaml'), `Resources:\n${resources}`);
      const io = memoryIo(dir);
      expect(await main(['many-errors.yaml', '--format', 'json'], io)).toBe(2);
      const doc = JSON.parse(io.out.join('')) as { errors: Diagnostic[] };
      expect(doc.errors).toHaveLength(150);
      expect(doc.errors[0]).toEqual({ code: 'TPL_RESOURCE_TYPE', severity: 'error', message: 'the Type of R1 must be a string such as AWS::S3::Bucket, not a mapping', file: 'many-errors.yaml', path: '/Resources/R1/Type', line: 3, column: 11 });
      expect(io.err.join('')).toMatch(/\n… and 50 more\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken template in JSON: its located diagnostic, not an empty stdout', async () => {
    const { code, out } = await simulate('broken.yml', '--format', 'json');
    expect(code).toBe(2);
    expect((JSON.parse(out) as { errors: Diagnostic[] }).errors.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['TPL_YAML_SYNTAX', 'broken.yml', 4, 17]]);
  });
});
