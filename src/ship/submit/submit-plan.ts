/**
 * The AWS calls `submit` makes, as data. `--dry-run` prints this plan and stops; the real run follows the same
 * steps in the same order (a test holds the two together). Values known only at run time are placeholders in <>.
 */
import { resourceTargetNames } from '../package/target-info';
import { UPLOAD_BUCKET_OUTPUT, LOG_DELIVERY_ROLE_OUTPUT, uploadInfrastructureStackName } from './upload-infrastructure';

export interface PlannedCall {
  /** `cloudformation:RegisterType`: also the IAM action the call needs. */
  readonly api: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** Why the call is made, or when it is repeated. */
  readonly note: string;
}

export interface SubmitSettings {
  readonly typeName: string;
  readonly hyphenatedName: string;
  /** The execution role to use instead of deploying hook-role.yaml. */
  readonly roleArn?: string;
  /** `--no-role`: register without an execution role. */
  readonly noRole: boolean;
  readonly setDefault: boolean;
  /** Target schemas from the registry rather than target-schemas/. */
  readonly fetchTargetSchemas: boolean;
  readonly targetNames: readonly string[];
}

/** The role stack's name, as cfn names it. */
export function roleStackName(hyphenatedName: string): string {
  return `${hyphenatedName}-role-stack`;
}

/** The log group the registry writes the handler's logs to, as cfn names it. */
export function logGroupName(hyphenatedName: string): string {
  return `${hyphenatedName}-logs`;
}

/** Every call `submit` would make with these settings, in order. */
export function planSubmit(settings: SubmitSettings): PlannedCall[] {
  const calls: PlannedCall[] = [];
  if (settings.fetchTargetSchemas) {
    for (const target of resourceTargetNames(settings.targetNames)) {
      calls.push({ api: 'cloudformation:DescribeType', input: { Type: 'RESOURCE', TypeName: target }, note: 'target schema for the package' });
    }
  }
  const deploy = (stackName: string, template: string, why: string): void => {
    calls.push(
      {
        api: 'cloudformation:CreateStack',
        input: { StackName: stackName, TemplateBody: template, Capabilities: ['CAPABILITY_IAM'], EnableTerminationProtection: true },
        note: why,
      },
      {
        api: 'cloudformation:UpdateStack',
        input: { StackName: stackName, TemplateBody: template, Capabilities: ['CAPABILITY_IAM'] },
        note: 'only when CreateStack answers AlreadyExistsException; "No updates are to be performed" counts as success',
      },
      { api: 'cloudformation:DescribeStacks', input: { StackName: stackName }, note: 'polled by the SDK waiter until the stack settles, then read for outputs' },
    );
  };
  if (!settings.roleArn && !settings.noRole) deploy(roleStackName(settings.hyphenatedName), '<hook-role.yaml>', 'the execution role (output ExecutionRoleArn)');
  deploy(uploadInfrastructureStackName(settings.hyphenatedName), '<managed upload infrastructure template>', `the upload bucket and log delivery role (outputs ${UPLOAD_BUCKET_OUTPUT}, ${LOG_DELIVERY_ROLE_OUTPUT})`);
  const key = `${settings.hyphenatedName}-<UTC timestamp>.zip`;
  calls.push({ api: 's3:PutObject', input: { Bucket: `<${UPLOAD_BUCKET_OUTPUT}>`, Key: key, Body: `<${settings.hyphenatedName}.zip>` }, note: 'upload the package' });
  const register: Record<string, unknown> = {
    Type: 'HOOK',
    TypeName: settings.typeName,
    SchemaHandlerPackage: `s3://<${UPLOAD_BUCKET_OUTPUT}>/${key}`,
    LoggingConfig: { LogRoleArn: `<${LOG_DELIVERY_ROLE_OUTPUT}>`, LogGroupName: logGroupName(settings.hyphenatedName) },
    ClientRequestToken: '<random UUID>',
  };
  if (settings.roleArn) register.ExecutionRoleArn = settings.roleArn;
  else if (!settings.noRole) register.ExecutionRoleArn = `<ExecutionRoleArn of ${roleStackName(settings.hyphenatedName)}>`;
  calls.push(
    { api: 'cloudformation:RegisterType', input: register, note: 'register a new version of the hook' },
    { api: 'cloudformation:DescribeTypeRegistration', input: { RegistrationToken: '<RegistrationToken>' }, note: 'polled until COMPLETE or FAILED' },
  );
  if (settings.setDefault) {
    calls.push({ api: 'cloudformation:SetTypeDefaultVersion', input: { Arn: '<TypeVersionArn>' }, note: 'make the new version the default' });
  }
  return calls;
}
