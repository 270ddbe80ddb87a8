/**
 * `submit`: deploy the execution role (unless given), deploy the managed upload infrastructure, upload the
 * package, RegisterType, wait for the registration, optionally make it the default version. The steps and
 * their inputs are the ones planSubmit lists; every failure names the call and what to do.
 */
import {
  DescribeTypeRegistrationCommand,
  RegisterTypeCommand,
  SetTypeDefaultVersionCommand,
  type CloudFormationClient,
  type RegisterTypeCommandInput,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AwsOperationError, explainAwsError } from '../../kernel/aws';
import { DEFAULT_STACK_WAIT, deployStack, requireOutput, type WaitSettings } from '../aws/stack-deployment';
import { DeploymentError, ProjectError } from '../errors';
import { logGroupName, roleStackName, type SubmitSettings } from './submit-plan';
import { LOG_DELIVERY_ROLE_OUTPUT, UPLOAD_BUCKET_OUTPUT, UPLOAD_INFRASTRUCTURE_TEMPLATE, uploadInfrastructureStackName } from './upload-infrastructure';

export interface SubmitClients {
  readonly cloudFormation: CloudFormationClient;
  readonly s3: S3Client;
}

export interface RegistrationWait {
  readonly pollMillis: number;
  readonly timeoutMillis: number;
}

/** cfn's registration waiter polls every 5 s for up to ~15 minutes. */
export const DEFAULT_REGISTRATION_WAIT: RegistrationWait = { pollMillis: 5000, timeoutMillis: 15 * 60 * 1000 };

export interface SubmitRun {
  readonly settings: SubmitSettings;
  readonly packageBytes: Buffer;
  /** hook-role.yaml's text; needed unless settings.roleArn or settings.noRole. */
  readonly roleTemplate?: string;
  readonly clients: SubmitClients;
  readonly progress: (line: string) => void;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly newToken?: () => string;
  readonly stackWait?: WaitSettings;
  readonly registrationWait?: RegistrationWait;
}

export interface SubmitResult {
  readonly executionRoleArn?: string;
  readonly logRoleArn: string;
  readonly schemaHandlerPackage: string;
  readonly registrationToken: string;
  readonly typeArn?: string;
  readonly typeVersionArn?: string;
  readonly defaultVersionSet: boolean;
}

/** Runs the submission; throws AwsOperationError, DeploymentError or ProjectError. */
export async function submitHook(run: SubmitRun): Promise<SubmitResult> {
  const { settings, clients, progress } = run;
  const now = run.now ?? (() => new Date());
  const sleep = run.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const stackWait = run.stackWait ?? DEFAULT_STACK_WAIT;

  let executionRoleArn = settings.noRole ? undefined : settings.roleArn;
  if (!settings.roleArn && !settings.noRole) {
    if (!run.roleTemplate) {
      throw new ProjectError('hook-role.yaml is missing: add it, or pass --role-arn <arn> or --no-role', 'hook-role.yaml', 0, 0, 'PROJECT_FILE_MISSING');
    }
    const stackName = roleStackName(settings.hyphenatedName);
    const role = await deployStack(clients.cloudFormation, { stackName, templateBody: run.roleTemplate }, progress, stackWait);
    executionRoleArn = requireOutput(role.outputs, 'ExecutionRoleArn', stackName);
  }

  const uploadStack = uploadInfrastructureStackName(settings.hyphenatedName);
  const infrastructure = await deployStack(clients.cloudFormation, { stackName: uploadStack, templateBody: UPLOAD_INFRASTRUCTURE_TEMPLATE }, progress, stackWait);
  const bucket = requireOutput(infrastructure.outputs, UPLOAD_BUCKET_OUTPUT, uploadStack);
  const logRoleArn = requireOutput(infrastructure.outputs, LOG_DELIVERY_ROLE_OUTPUT, uploadStack);

  // cfn's key: the type's name and the UTC time to the second, colons replaced (they are awkward in S3 keys).
  const key = `${settings.hyphenatedName}-${now().toISOString().slice(0, 19).replace(/:/g, '-')}.zip`;
  progress(`uploading ${run.packageBytes.length} bytes to s3://${bucket}/${key}`);
  try {
    await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: run.packageBytes, ContentType: 'application/zip' }));
  } catch (error) {
    const failure = explainAwsError(error, 's3:PutObject');
    // The shared advice cannot know which stack made the bucket; submit does.
    if (failure.awsCode === 'NoSuchBucket') {
      throw new AwsOperationError(failure.api, failure.awsCode, failure.awsMessage, `the upload bucket no longer exists: delete the ${uploadStack} stack and submit again`);
    }
    throw failure;
  }
  const schemaHandlerPackage = `s3://${bucket}/${key}`;

  const input: RegisterTypeCommandInput = {
    Type: 'HOOK',
    TypeName: settings.typeName,
    SchemaHandlerPackage: schemaHandlerPackage,
    LoggingConfig: { LogRoleArn: logRoleArn, LogGroupName: logGroupName(settings.hyphenatedName) },
    ClientRequestToken: (run.newToken ?? (() => globalThis.crypto.randomUUID()))(),
  };
  if (executionRoleArn) input.ExecutionRoleArn = executionRoleArn;
  let registrationToken: string;
  try {
    const registered = await clients.cloudFormation.send(new RegisterTypeCommand(input));
    registrationToken = registered.RegistrationToken ?? '';
  } catch (error) {
    throw explainAwsError(error, 'cloudformation:RegisterType');
  }
  if (!registrationToken) throw new DeploymentError('RegisterType answered without a RegistrationToken', 'REGISTRATION_FAILED');
  progress(`registering ${settings.typeName} (token ${registrationToken})`);

  const registration = await waitForRegistration(clients.cloudFormation, registrationToken, progress, sleep, run.registrationWait ?? DEFAULT_REGISTRATION_WAIT);

  let defaultVersionSet = false;
  if (settings.setDefault) {
    if (!registration.typeVersionArn) throw new DeploymentError('the registration completed without a TypeVersionArn; cannot set the default version', 'REGISTRATION_FAILED');
    try {
      await clients.cloudFormation.send(new SetTypeDefaultVersionCommand({ Arn: registration.typeVersionArn }));
    } catch (error) {
      throw explainAwsError(error, 'cloudformation:SetTypeDefaultVersion');
    }
    defaultVersionSet = true;
    progress(`default version is now ${registration.typeVersionArn}`);
  }
  return { executionRoleArn, logRoleArn, schemaHandlerPackage, registrationToken, ...registration, defaultVersionSet };
}

/** Polls DescribeTypeRegistration until COMPLETE (returns the ARNs) or FAILED / timeout (throws DeploymentError with the registry's description). */
export async function waitForRegistration(
  client: CloudFormationClient,
  token: string,
  progress: (line: string) => void,
  sleep: (ms: number) => Promise<void>,
  wait: RegistrationWait,
): Promise<{ typeArn?: string; typeVersionArn?: string }> {
  let waited = 0;
  for (;;) {
    let response;
    try {
      response = await client.send(new DescribeTypeRegistrationCommand({ RegistrationToken: token }));
    } catch (error) {
      throw explainAwsError(error, 'cloudformation:DescribeTypeRegistration');
    }
    const status = response.ProgressStatus ?? 'UNKNOWN';
    progress(`registration ${status} after ${Math.round(waited / 1000)} s${response.Description ? `: ${response.Description}` : ''}`);
    if (status === 'COMPLETE') return { typeArn: response.TypeArn, typeVersionArn: response.TypeVersionArn };
    if (status === 'FAILED') {
      throw new DeploymentError(
        `the registration failed: ${response.Description ?? 'no description'}; the handler's logs, if any, are in the log group named in LoggingConfig`,
        'REGISTRATION_FAILED',
        { registrationToken: token },
      );
    }
    if (waited >= wait.timeoutMillis) {
      throw new DeploymentError(
        `the registration is still ${status} after ${Math.round(waited / 1000)} s; check it later with \`aws cloudformation describe-type-registration --registration-token ${token}\``,
        'REGISTRATION_TIMEOUT',
        { registrationToken: token },
      );
    }
    await sleep(wait.pollMillis);
    waited += wait.pollMillis;
  }
}
