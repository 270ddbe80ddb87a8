import {
  AlreadyExistsException,
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  DescribeTypeRegistrationCommand,
  RegisterTypeCommand,
  SetTypeDefaultVersionCommand,
  UpdateStackCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsOperationError, DeploymentError, planSubmit, ProjectError, type SubmitSettings } from '../../src/ship';
import { submitHook, waitForRegistration, type SubmitRun } from '../../src/ship/submit/submit-hook';
import { UPLOAD_INFRASTRUCTURE_TEMPLATE } from '../../src/ship/submit/upload-infrastructure';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

const ROLE_STACK = 'mycompany-testing-mytesthook-role-stack';
const INFRA_STACK = 'mycompany-testing-mytesthook-upload-infrastructure';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/mycompany-testing-mytesthook-role-stack-ExecutionRole-ABC';
const LOG_ROLE_ARN = 'arn:aws:iam::123456789012:role/CloudFormationManagedUploadInfra-LogAndMetricsDeliveryRole-XYZ';
const BUCKET = 'cloudformationmanageduploadinfra-artifactbucket-123';
const TYPE_ARN = 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook';
const PACKAGE = Buffer.from('PK-the-package');
const FIXED_NOW = new Date('2026-11-21T07:08:09.123Z');

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

function stack(name: string, status: string, outputs: Record<string, string>): Stack {
  return {
    StackName: name,
    StackId: `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/1`,
    StackStatus: status as Stack['StackStatus'],
    CreationTime: new Date(0),
    Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
  };
}

const roleStack = stack(ROLE_STACK, 'CREATE_COMPLETE', { ExecutionRoleArn: ROLE_ARN });
const infraStack = stack(INFRA_STACK, 'UPDATE_COMPLETE', { CloudFormationManagedUploadBucketName: BUCKET, LogAndMetricsDeliveryRoleArn: LOG_ROLE_ARN });

const settings: SubmitSettings = {
  typeName: 'MyCompany::Testing::MyTestHook',
  hyphenatedName: 'mycompany-testing-mytesthook',
  noRole: false,
  setDefault: false,
  fetchTargetSchemas: false,
  targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'],
};

/** A role stack that does not exist yet, an upload stack that exists and is current, a registration that completes on the second poll. */
function happyAccount(): void {
  cfn.on(CreateStackCommand, { StackName: ROLE_STACK }).resolves({ StackId: roleStack.StackId });
  cfn.on(CreateStackCommand, { StackName: INFRA_STACK }).rejects(new AlreadyExistsException({ message: `Stack [${INFRA_STACK}] already exists`, $metadata: {} }));
  cfn.on(UpdateStackCommand, { StackName: INFRA_STACK }).rejects(awsError('ValidationError', 'No updates are to be performed.'));
  cfn.on(DescribeStacksCommand, { StackName: roleStack.StackId }).resolves({ Stacks: [roleStack] });
  cfn.on(DescribeStacksCommand, { StackName: INFRA_STACK }).resolves({ Stacks: [infraStack] });
  s3.on(PutObjectCommand).resolves({});
  cfn.on(RegisterTypeCommand).resolves({ RegistrationToken: 'token-1' });
  cfn
    .on(DescribeTypeRegistrationCommand)
    .resolvesOnce({ ProgressStatus: 'IN_PROGRESS', Description: 'Deployment is currently in DEPLOY_STAGE of status IN_PROGRESS' })
    .resolves({ ProgressStatus: 'COMPLETE', TypeArn: TYPE_ARN, TypeVersionArn: `${TYPE_ARN}/00000003` });
  cfn.on(SetTypeDefaultVersionCommand).resolves({});
}

function run(overrides: Partial<SubmitSettings> = {}, extra: Partial<SubmitRun> = {}): { result: ReturnType<typeof submitHook>; progress: string[]; sleeps: number[] } {
  const progress: string[] = [];
  const sleeps: number[] = [];
  const result = submitHook({
    settings: { ...settings, ...overrides },
    packageBytes: PACKAGE,
    roleTemplate: 'Resources: {}\n',
    clients: { cloudFormation: new CloudFormationClient({ region: 'us-east-1' }), s3: new S3Client({ region: 'us-east-1' }) },
    progress: (line) => progress.push(line),
    now: () => FIXED_NOW,
    sleep: async (ms) => void sleeps.push(ms),
    newToken: () => '00000000-0000-4000-8000-000000000000',
    stackWait: { minDelaySeconds: 1, maxDelaySeconds: 1, maxWaitSeconds: 5 },
    ...extra,
  });
  return { result, progress, sleeps };
}

/** Every call made, as `service:Operation`, in order. */
function callsMade(): string[] {
  const name = (command: object) => command.constructor.name.replace(/Command$/, '');
  return [
    ...cfn.calls().map((call) => ({ api: `cloudformation:${name(call.args[0])}`, call })),
    ...s3.calls().map((call) => ({ api: `s3:${name(call.args[0])}`, call })),
  ]
    .sort((a, b) => (a.call.calledBefore(b.call) ? -1 : 1))
    .map((c) => c.api);
}

beforeEach(() => {
  cfn.reset();
  s3.reset();
});

describe('submitHook', () => {
  it('deploys the role, reuses the current upload stack, uploads, registers and waits', async () => {
    happyAccount();
    const { result, progress, sleeps } = run({ setDefault: true });
    await expect(result).resolves.toEqual({
      executionRoleArn: ROLE_ARN,
      logRoleArn: LOG_ROLE_ARN,
      schemaHandlerPackage: `s3://${BUCKET}/mycompany-testing-mytesthook-2026-11-21T07-08-09.zip`,
      registrationToken: 'token-1',
      typeArn: TYPE_ARN,
      typeVersionArn: `${TYPE_ARN}/00000003`,
      defaultVersionSet: true,
    });

    expect(cfn.commandCalls(CreateStackCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: ROLE_STACK, TemplateBody: 'Resources: {}\n', Capabilities: ['CAPABILITY_IAM'], EnableTerminationProtection: true },
      { StackName: INFRA_STACK, TemplateBody: UPLOAD_INFRASTRUCTURE_TEMPLATE, Capabilities: ['CAPABILITY_IAM'], EnableTerminationProtection: true },
    ]);
    expect(cfn.commandCalls(UpdateStackCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: INFRA_STACK, TemplateBody: UPLOAD_INFRASTRUCTURE_TEMPLATE, Capabilities: ['CAPABILITY_IAM'] },
    ]);
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: BUCKET, Key: 'mycompany-testing-mytesthook-2026-11-21T07-08-09.zip', Body: PACKAGE, ContentType: 'application/zip' },
    ]);
    expect(cfn.commandCalls(RegisterTypeCommand).map((c) => c.args[0].input)).toEqual([
      {
        Type: 'HOOK',
        TypeName: 'MyCompany::Testing::MyTestHook',
        SchemaHandlerPackage: `s3://${BUCKET}/mycompany-testing-mytesthook-2026-11-21T07-08-09.zip`,
        LoggingConfig: { LogRoleArn: LOG_ROLE_ARN, LogGroupName: 'mycompany-testing-mytesthook-logs' },
        ClientRequestToken: '00000000-0000-4000-8000-000000000000',
        ExecutionRoleArn: ROLE_ARN,
      },
    ]);
    expect(cfn.commandCalls(DescribeTypeRegistrationCommand).map((c) => c.args[0].input)).toEqual([
      { RegistrationToken: 'token-1' },
      { RegistrationToken: 'token-1' },
    ]);
    expect(sleeps).toEqual([5000]);
    expect(cfn.commandCalls(SetTypeDefaultVersionCommand).map((c) => c.args[0].input)).toEqual([{ Arn: `${TYPE_ARN}/00000003` }]);
    expect(progress).toEqual(
      expect.arrayContaining([
        `stack ${ROLE_STACK}: created`,
        `stack ${INFRA_STACK}: up to date`,
        'registration IN_PROGRESS after 0 s: Deployment is currently in DEPLOY_STAGE of status IN_PROGRESS',
        'registration COMPLETE after 5 s',
      ]),
    );
  });

  it('plans DescribeType only for resource targets, never for STACK or CHANGE_SET', () => {
    const planned = planSubmit({ ...settings, fetchTargetSchemas: true, targetNames: ['AWS::S3::Bucket', 'CHANGE_SET', 'STACK'] });
    expect(planned.filter((c) => c.api === 'cloudformation:DescribeType').map((c) => c.input.TypeName)).toEqual(['AWS::S3::Bucket']);
  });

  it('makes the calls the dry-run plan lists, in the same order', async () => {
    happyAccount();
    await run({ setDefault: true }).result;
    const planned = planSubmit({ ...settings, setDefault: true }).map((c) => c.api);
    // Repeated polls collapse to one; what remains must be a subsequence of the plan (which also lists conditional calls).
    const made = callsMade().filter((api, i, all) => api !== all[i - 1]);
    let cursor = 0;
    for (const api of made) {
      const found = planned.indexOf(api, cursor);
      expect({ api, planned: found !== -1 }).toEqual({ api, planned: true });
      cursor = found + 1;
    }
    expect(new Set(callsMade())).toEqual(new Set(planned));
  });

  it('uses a given role without deploying hook-role.yaml', async () => {
    happyAccount();
    const given = 'arn:aws:iam::123456789012:role/my-hook-role';
    await run({ roleArn: given }).result;
    expect(cfn.commandCalls(CreateStackCommand).map((c) => c.args[0].input.StackName)).toEqual([INFRA_STACK]);
    expect(cfn.commandCalls(RegisterTypeCommand)[0].args[0].input.ExecutionRoleArn).toBe(given);
    expect(cfn.commandCalls(SetTypeDefaultVersionCommand)).toHaveLength(0);
  });

  it('registers without an execution role under --no-role', async () => {
    happyAccount();
    await run({ noRole: true }).result;
    expect(cfn.commandCalls(CreateStackCommand).map((c) => c.args[0].input.StackName)).toEqual([INFRA_STACK]);
    expect(cfn.commandCalls(RegisterTypeCommand)[0].args[0].input).not.toHaveProperty('ExecutionRoleArn');
  });

  it('refuses to deploy a role without hook-role.yaml', async () => {
    happyAccount();
    await expect(run({}, { roleTemplate: undefined }).result).rejects.toThrow(ProjectError);
    expect(cfn.calls()).toHaveLength(0);
  });

  it('updates an existing stack and waits for UPDATE_COMPLETE', async () => {
    happyAccount();
    cfn.on(CreateStackCommand, { StackName: ROLE_STACK }).rejects(new AlreadyExistsException({ message: 'exists', $metadata: {} }));
    cfn.on(UpdateStackCommand, { StackName: ROLE_STACK }).resolves({ StackId: roleStack.StackId });
    cfn.on(DescribeStacksCommand, { StackName: roleStack.StackId }).resolves({ Stacks: [{ ...roleStack, StackStatus: 'UPDATE_COMPLETE' }] });
    const { result, progress } = run();
    await result;
    expect(progress).toContain(`stack ${ROLE_STACK}: updated`);
  });

  it('polls a stack through the SDK waiter until it is complete', async () => {
    happyAccount();
    cfn
      .on(DescribeStacksCommand, { StackName: roleStack.StackId })
      .resolvesOnce({ Stacks: [{ ...roleStack, StackStatus: 'CREATE_IN_PROGRESS' }] })
      .resolves({ Stacks: [roleStack] });
    await run().result;
    // Two waiter polls (in progress, complete), then one read of the outputs.
    expect(cfn.commandCalls(DescribeStacksCommand, { StackName: roleStack.StackId })).toHaveLength(3);
  });

  it.each([
    [
      'RegisterType is denied',
      () => cfn.on(RegisterTypeCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:RegisterType')),
      AwsOperationError,
      /cloudformation:RegisterType failed: AccessDenied: .*\n {2}what to do: grant the caller the IAM action cloudformation:RegisterType, and iam:PassRole/,
    ],
    [
      'the upload is denied',
      () => s3.on(PutObjectCommand).rejects(awsError('AccessDenied', 'Access Denied')),
      AwsOperationError,
      /s3:PutObject failed: AccessDenied: Access Denied\n {2}what to do: grant the caller the IAM action s3:PutObject$/,
    ],
    [
      'the upload bucket is gone',
      () => s3.on(PutObjectCommand).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist')),
      AwsOperationError,
      /s3:PutObject failed: NoSuchBucket: .*delete the mycompany-testing-mytesthook-upload-infrastructure stack/s,
    ],
    [
      'the role stack rolls back',
      () => {
        cfn.on(DescribeStacksCommand, { StackName: roleStack.StackId }).resolves({ Stacks: [{ ...roleStack, StackStatus: 'ROLLBACK_COMPLETE' }] });
        cfn.on(DescribeStacksCommand, { StackName: ROLE_STACK }).resolves({
          Stacks: [{ ...roleStack, StackStatus: 'ROLLBACK_COMPLETE', StackStatusReason: 'The following resource(s) failed to create: [ExecutionRole].' }],
        });
      },
      DeploymentError,
      /stack mycompany-testing-mytesthook-role-stack did not reach CREATE_COMPLETE: status ROLLBACK_COMPLETE \(The following resource\(s\) failed to create: \[ExecutionRole\]\.\)/,
    ],
    [
      'the role stack is stuck in ROLLBACK_COMPLETE',
      () => {
        cfn.on(CreateStackCommand, { StackName: ROLE_STACK }).rejects(new AlreadyExistsException({ message: 'exists', $metadata: {} }));
        cfn.on(UpdateStackCommand, { StackName: ROLE_STACK }).rejects(awsError('ValidationError', `Stack:${roleStack.StackId} is in ROLLBACK_COMPLETE state and can not be updated.`));
      },
      AwsOperationError,
      /cloudformation:UpdateStack failed: ValidationError: .*what to do: the stack is stuck after a failed create: delete it/s,
    ],
    [
      'the registration fails',
      () => cfn.on(DescribeTypeRegistrationCommand).resolves({ ProgressStatus: 'FAILED', Description: 'Handler package is invalid: ResourceProvider.zip not found' }),
      DeploymentError,
      /the registration failed: Handler package is invalid: ResourceProvider\.zip not found/,
    ],
    [
      'the upload stack has no bucket output',
      () => cfn.on(DescribeStacksCommand, { StackName: INFRA_STACK }).resolves({ Stacks: [stack(INFRA_STACK, 'UPDATE_COMPLETE', {})] }),
      DeploymentError,
      /stack mycompany-testing-mytesthook-upload-infrastructure has no output CloudFormationManagedUploadBucketName \(outputs: none\)/,
    ],
    [
      'there are no credentials',
      () => cfn.on(CreateStackCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers')),
      AwsOperationError,
      /cloudformation:CreateStack failed: CredentialsProviderError: .*pass --profile/s,
    ],
  ])('fails clearly when %s', async (_label, arrange, kind, message) => {
    happyAccount();
    arrange();
    const error = await run().result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });

  it('stops after SetTypeDefaultVersion is denied, naming the call', async () => {
    happyAccount();
    cfn.on(SetTypeDefaultVersionCommand).rejects(awsError('AccessDeniedException', 'denied'));
    const error = (await run({ setDefault: true }).result.catch((e: unknown) => e)) as AwsOperationError;
    expect([error.api, error.awsCode, error.advice]).toEqual([
      'cloudformation:SetTypeDefaultVersion',
      'AccessDeniedException',
      'grant the caller the IAM action cloudformation:SetTypeDefaultVersion',
    ]);
  });
});

describe('waitForRegistration', () => {
  it('gives up after the timeout with the command to check later', async () => {
    cfn.on(DescribeTypeRegistrationCommand).resolves({ ProgressStatus: 'IN_PROGRESS' });
    const sleeps: number[] = [];
    const error = (await waitForRegistration(new CloudFormationClient({ region: 'us-east-1' }), 'tok', () => undefined, async (ms) => void sleeps.push(ms), {
      pollMillis: 1000,
      timeoutMillis: 3000,
    }).catch((e: unknown) => e)) as DeploymentError;
    expect(error).toBeInstanceOf(DeploymentError);
    expect(error.code).toBe('REGISTRATION_TIMEOUT');
    expect(error.message).toMatch(/still IN_PROGRESS after 3 s; .*describe-type-registration --registration-token tok/);
    expect(sleeps).toEqual([1000, 1000, 1000]);
    expect(cfn.commandCalls(DescribeTypeRegistrationCommand)).toHaveLength(4);
  });
});
