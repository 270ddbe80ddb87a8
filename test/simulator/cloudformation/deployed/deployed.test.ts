import {
  BatchDescribeTypeConfigurationsCommand,
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { declaredTransforms, DeployedStateError, fetchDeployedStack, fetchHookConfiguration, NO_ECHO_MASK } from '../../../../simulator/cloudformation/deployed';

const cfn = mockClient(CloudFormationClient);
const client = new CloudFormationClient({ region: 'us-east-1' });
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/4d1c';

const deployed: Stack = {
  StackName: 'app',
  StackId: STACK_ID,
  StackStatus: 'UPDATE_COMPLETE',
  CreationTime: new Date(0),
  RoleARN: 'arn:aws:iam::123456789012:role/cfn-deployer',
  Parameters: [
    { ParameterKey: 'Env', ParameterValue: 'prod' },
    { ParameterKey: 'DbPassword', ParameterValue: NO_ECHO_MASK },
    { ParameterKey: 'AmiId', ParameterValue: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', ResolvedValue: 'ami-0abc' },
  ],
};

beforeEach(() => cfn.reset());

describe('fetchDeployedStack', () => {
  it.each([
    ['no transform (YAML)', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'Original'],
    ['only AWS::LanguageExtensions', 'Transform: AWS::LanguageExtensions\nResources: {}\n', 'Original'],
    ['the SAM transform', 'Transform: AWS::Serverless-2016-10-31\nResources: {}\n', 'Processed'],
    ['a macro beside LanguageExtensions (JSON)', '{"Transform": ["AWS::LanguageExtensions", "Count"], "Resources": {}}', 'Processed'],
  ])('with %s fetches the %s template', async (_label, original, stage) => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [deployed] });
    cfn.on(GetTemplateCommand, { StackName: STACK_ID, TemplateStage: 'Original' }).resolves({ TemplateBody: original });
    cfn.on(GetTemplateCommand, { StackName: STACK_ID, TemplateStage: 'Processed' }).resolves({ TemplateBody: '{"Resources": {"Processed": {}}}' });
    const stack = await fetchDeployedStack({ stackName: 'app', client });
    expect(stack).toEqual({
      file: `stack app (${stage} template)`,
      templateBody: stage === 'Original' ? original : '{"Resources": {"Processed": {}}}',
      // NoEcho values come back masked; SSM-typed parameters as the value they resolved to.
      parameters: { AmiId: 'ami-0abc', DbPassword: '****', Env: 'prod' },
      roleArn: 'arn:aws:iam::123456789012:role/cfn-deployer',
      stackId: STACK_ID,
    });
    expect(cfn.commandCalls(DescribeStacksCommand).map((c) => c.args[0].input)).toEqual([{ StackName: 'app' }]);
    expect(cfn.commandCalls(GetTemplateCommand).map((c) => c.args[0].input.TemplateStage)).toEqual(stage === 'Original' ? ['Original'] : ['Original', 'Processed']);
  });

  it('leaves roleArn out when the stack has no service role', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ ...deployed, RoleARN: undefined, Parameters: undefined }] });
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: 'Resources: {}\n' });
    const stack = await fetchDeployedStack({ stackName: 'app', client });
    expect(stack).not.toHaveProperty('roleArn');
    expect(stack.parameters).toEqual({});
  });

  it.each([
    [
      'the stack does not exist',
      () => cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id app does not exist'), { name: 'ValidationError' })),
      'ValidationError',
      /cloudformation:DescribeStacks failed for app: ValidationError: stack app does not exist in this account and region/,
    ],
    [
      'the caller may not read templates',
      () => {
        cfn.on(DescribeStacksCommand).resolves({ Stacks: [deployed] });
        cfn.on(GetTemplateCommand).rejects(Object.assign(new Error('not authorized to perform: cloudformation:GetTemplate'), { name: 'AccessDenied' }));
      },
      'AccessDenied',
      /cloudformation:GetTemplate failed for app: AccessDenied: .*grant the caller the IAM action cloudformation:GetTemplate/,
    ],
    [
      'the stack was only ever a change set',
      () => cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ ...deployed, StackStatus: 'REVIEW_IN_PROGRESS' }] }),
      'STACK_NOT_DEPLOYED',
      /REVIEW_IN_PROGRESS: it was created for a change set and has never been deployed/,
    ],
  ])('fails clearly when %s', async (_label, arrange, code, message) => {
    arrange();
    const error = (await fetchDeployedStack({ stackName: 'app', client }).catch((e: unknown) => e)) as DeployedStateError;
    expect(error).toBeInstanceOf(DeployedStateError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('fetchHookConfiguration', () => {
  const text = '{"CloudFormationConfiguration":{"HookConfiguration":{"FailureMode":"WARN"}}}';
  const arn = 'arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook';

  it.each([
    ['by name', { typeName: 'MyCompany::Testing::MyTestHook' }, { TypeName: 'MyCompany::Testing::MyTestHook', Type: 'HOOK' }],
    ['by ARN', { typeName: 'MyCompany::Testing::MyTestHook', typeArn: arn }, { TypeArn: arn }],
  ])('reads the configuration in force %s', async (_label, options, identifier) => {
    cfn.on(BatchDescribeTypeConfigurationsCommand).resolves({
      TypeConfigurations: [{ Arn: `${arn}/default`, Alias: 'default', Configuration: text, IsDefaultConfiguration: true }],
    });
    await expect(fetchHookConfiguration({ ...options, client })).resolves.toEqual({
      file: `hook ${'typeArn' in options ? arn : 'MyCompany::Testing::MyTestHook'} configuration (${arn}/default)`,
      text,
    });
    expect(cfn.commandCalls(BatchDescribeTypeConfigurationsCommand).map((c) => c.args[0].input)).toEqual([{ TypeConfigurationIdentifiers: [identifier] }]);
  });

  it.each([
    [
      'the registry reports an error for the type',
      { Errors: [{ ErrorCode: 'TypeConfigurationNotFoundException', ErrorMessage: 'not found' }] },
      'TypeConfigurationNotFoundException',
      /TypeConfigurationNotFoundException: not found/,
    ],
    ['no configuration was ever set', { TypeConfigurations: [] }, 'CONFIGURATION_NOT_SET', /has no configuration set .*npm run configure/],
  ])('fails clearly when %s', async (_label, response, code, message) => {
    cfn.on(BatchDescribeTypeConfigurationsCommand).resolves(response);
    const error = (await fetchHookConfiguration({ typeName: 'MyCompany::Testing::MyTestHook', client }).catch((e: unknown) => e)) as DeployedStateError;
    expect(error).toBeInstanceOf(DeployedStateError);
    expect([error.code, error.api]).toEqual([code, 'cloudformation:BatchDescribeTypeConfigurations']);
    expect(error.message).toMatch(message);
  });
});

describe('declaredTransforms', () => {
  it.each([
    ['Resources: {}\n', []],
    ['Transform: AWS::Serverless-2016-10-31\n', ['AWS::Serverless-2016-10-31']],
    ['Transform: "AWS::LanguageExtensions" # expands ForEach\n', ['AWS::LanguageExtensions']],
    ['Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n', ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']],
    ['Transform:\n  - AWS::LanguageExtensions\n  - Name: AWS::Include\n    Parameters:\n      Location: s3://b/k\n', ['AWS::LanguageExtensions', 'AWS::Include']],
    ['Resources:\n  Fn:\n    Transform: Nested\n', []],
    ['{"Transform": {"Name": "AWS::Include", "Parameters": {}}}', ['AWS::Include']],
    ['\uFEFF{"Transform": "AWS::LanguageExtensions"}', ['AWS::LanguageExtensions']],
  ])('reads %j', (template, names) => {
    expect(declaredTransforms(template)).toEqual(names);
  });
});
