/**
 * The deployed state the simulator compares against: a stack's template and parameters (for `--from-stack`),
 * and the hook's configuration as set in the account (for `--config-from-account`). These are the only paths
 * of the simulator that call AWS, and only when asked: the SDK is loaded inside the functions, not at import.
 */
import type { CloudFormationClient, Parameter } from '@aws-sdk/client-cloudformation';
import { awsErrorCode, explainAwsError } from '../../../src/kernel/aws/aws-error';
import { declaredTransformsInText } from '../template/transforms';
import { DeployedStateError } from './errors';

export interface DeployedStack {
  /** A display name for diagnostics: `stack <name> (Original template)`. */
  file: string;
  templateBody: string;
  /** Parameter values the stack was deployed with; NoEcho parameters come back from AWS as '****'. */
  parameters: Record<string, string>;
  /** The stack's service role, for StackRoles filters. */
  roleArn?: string;
  stackId: string;
}

/** The value the service masks NoEcho parameters with in DescribeStacks. */
export const NO_ECHO_MASK = '****';

/**
 * Reads a deployed stack: DescribeStacks (parameters, service role, id), then GetTemplate.
 * [choice] The template is fetched as written (TemplateStage Original) when it has no Transform or only
 * AWS::LanguageExtensions, which the simulator expands itself; with any other transform (SAM, macros, AWS::Include)
 * it is fetched after processing (TemplateStage Processed), because the simulator cannot run those.
 */
export async function fetchDeployedStack(o: { stackName: string; region?: string; profile?: string; client?: CloudFormationClient }): Promise<DeployedStack> {
  const { DescribeStacksCommand, GetTemplateCommand } = await import('@aws-sdk/client-cloudformation');
  const client = o.client ?? (await createClient(o));
  let described;
  try {
    described = await client.send(new DescribeStacksCommand({ StackName: o.stackName }));
  } catch (error) {
    throw asDeployedStateError(error, 'cloudformation:DescribeStacks', o.stackName);
  }
  const stack = described.Stacks?.[0];
  if (!stack?.StackId) throw new DeployedStateError(`stack ${o.stackName} was not found`, 'STACK_NOT_FOUND', 'cloudformation:DescribeStacks');
  if (stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    throw new DeployedStateError(
      `stack ${o.stackName} is REVIEW_IN_PROGRESS: it was created for a change set and has never been deployed, so there is no deployed template`,
      'STACK_NOT_DEPLOYED',
      'cloudformation:DescribeStacks',
    );
  }
  // The stack id rather than the name: the template and the parameters then come from the same stack even if it is replaced meanwhile.
  const original = await getTemplate(client, GetTemplateCommand, stack.StackId, 'Original', o.stackName);
  let stage: 'Original' | 'Processed' = 'Original';
  let templateBody = original;
  if (needsProcessedTemplate(original)) {
    stage = 'Processed';
    templateBody = await getTemplate(client, GetTemplateCommand, stack.StackId, 'Processed', o.stackName);
  }
  const result: DeployedStack = {
    file: `stack ${o.stackName} (${stage} template)`,
    templateBody,
    parameters: deployedParameters(stack.Parameters ?? []),
    stackId: stack.StackId,
  };
  if (stack.RoleARN) result.roleArn = stack.RoleARN;
  return result;
}

/**
 * Reads the hook's configuration document as set in the account (BatchDescribeTypeConfigurations).
 * The type is named by ARN when given, otherwise by name (Type HOOK).
 */
export async function fetchHookConfiguration(o: {
  typeName: string;
  typeArn?: string;
  region?: string;
  profile?: string;
  client?: CloudFormationClient;
}): Promise<{ file: string; text: string }> {
  const { BatchDescribeTypeConfigurationsCommand } = await import('@aws-sdk/client-cloudformation');
  const client = o.client ?? (await createClient(o));
  const identifier = o.typeArn ? { TypeArn: o.typeArn } : { TypeName: o.typeName, Type: 'HOOK' as const };
  const api = 'cloudformation:BatchDescribeTypeConfigurations';
  let response;
  try {
    response = await client.send(new BatchDescribeTypeConfigurationsCommand({ TypeConfigurationIdentifiers: [identifier] }));
  } catch (error) {
    throw asDeployedStateError(error, api, o.typeArn ?? o.typeName);
  }
  const name = o.typeArn ?? o.typeName;
  const failure = response.Errors?.[0] ?? response.UnprocessedTypeConfigurations?.[0];
  if (failure) {
    const code = 'ErrorCode' in failure && failure.ErrorCode ? failure.ErrorCode : 'Unprocessed';
    const message = 'ErrorMessage' in failure && failure.ErrorMessage ? failure.ErrorMessage : 'the registry did not process the request';
    throw new DeployedStateError(`cannot read the configuration of ${name}: ${code}: ${message}`, code, api);
  }
  // Without a configuration alias the registry returns the default configuration; the first is the one in force.
  const configuration = response.TypeConfigurations?.find((c) => c.IsDefaultConfiguration) ?? response.TypeConfigurations?.[0];
  if (!configuration?.Configuration) {
    throw new DeployedStateError(
      `${name} has no configuration set in this account and region: set one with \`npm run configure -- --config <file>\`, or pass --config`,
      'CONFIGURATION_NOT_SET',
      api,
    );
  }
  return { file: `hook ${name} configuration (${configuration.Arn ?? 'deployed'})`, text: configuration.Configuration };
}

/** Parameter values as deployed: an SSM-typed parameter's resolved value rather than its parameter name. */
export function deployedParameters(parameters: readonly Parameter[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of [...parameters].sort((a, b) => (a.ParameterKey ?? '').localeCompare(b.ParameterKey ?? ''))) {
    if (!p.ParameterKey) continue;
    values[p.ParameterKey] = p.ResolvedValue ?? p.ParameterValue ?? '';
  }
  return values;
}

/** True when the template declares a transform the simulator does not expand itself (anything but AWS::LanguageExtensions). */
export function needsProcessedTemplate(templateBody: string): boolean {
  const transforms = declaredTransforms(templateBody);
  return transforms.some((t) => t !== 'AWS::LanguageExtensions');
}

/** The names in a deployed template's top-level Transform, read by the template reader's one Transform reader. */
export function declaredTransforms(templateBody: string): string[] {
  return declaredTransformsInText(templateBody);
}

type GetTemplateCtor = typeof import('@aws-sdk/client-cloudformation').GetTemplateCommand;

async function getTemplate(
  client: CloudFormationClient,
  GetTemplate: GetTemplateCtor,
  stackId: string,
  stage: 'Original' | 'Processed',
  stackName: string,
): Promise<string> {
  let response;
  try {
    response = await client.send(new GetTemplate({ StackName: stackId, TemplateStage: stage }));
  } catch (error) {
    throw asDeployedStateError(error, 'cloudformation:GetTemplate', stackName);
  }
  if (typeof response.TemplateBody !== 'string' || response.TemplateBody === '') {
    throw new DeployedStateError(`GetTemplate returned no ${stage} template for stack ${stackName}`, 'TEMPLATE_MISSING', 'cloudformation:GetTemplate');
  }
  return response.TemplateBody;
}

async function createClient(o: { region?: string; profile?: string }): Promise<CloudFormationClient> {
  const { CloudFormationClient: Client } = await import('@aws-sdk/client-cloudformation');
  const config: { region?: string; profile?: string } = {};
  if (o.region) config.region = o.region;
  if (o.profile) config.profile = o.profile;
  return new Client(config);
}

function asDeployedStateError(error: unknown, api: string, subject: string): DeployedStateError {
  const explained = explainAwsError(error, api);
  const code = awsErrorCode(error);
  const message = code === 'ValidationError' && /does not exist/i.test(explained.awsMessage) ? `stack ${subject} does not exist in this account and region` : explained.awsMessage;
  return new DeployedStateError(`${api} failed for ${subject}: ${code}: ${message}${explained.advice ? `; ${explained.advice}` : ''}`, code, api, { cause: error });
}
