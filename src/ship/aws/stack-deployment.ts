/**
 * Create-or-update of the two stacks `cfn submit` relies on (the hook's execution role, the managed upload
 * infrastructure), the way cfn does it: CreateStack with termination protection; on AlreadyExists, UpdateStack;
 * "No updates are to be performed" means it is already up to date; then wait with the SDK's waiters.
 */
import {
  CreateStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackUpdateComplete,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { DeploymentError } from '../errors';
import { awsErrorCode, explainAwsError } from '../../kernel/aws';

export interface WaitSettings {
  /** First delay between polls, seconds (the SDK backs off from there up to maxDelaySeconds). */
  readonly minDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly maxWaitSeconds: number;
}

/** cfn polls every 5 s, 200 times. */
export const DEFAULT_STACK_WAIT: WaitSettings = { minDelaySeconds: 5, maxDelaySeconds: 30, maxWaitSeconds: 1000 };

export interface StackDeployment {
  readonly stackId: string;
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly outputs: Readonly<Record<string, string>>;
}

/** Creates the stack or updates it, waits for it to settle, and returns its outputs. */
export async function deployStack(
  client: CloudFormationClient,
  stack: { stackName: string; templateBody: string },
  progress: (line: string) => void,
  wait: WaitSettings = DEFAULT_STACK_WAIT,
): Promise<StackDeployment> {
  const { stackName, templateBody } = stack;
  const waiter = { client, minDelay: wait.minDelaySeconds, maxDelay: wait.maxDelaySeconds, maxWaitTime: wait.maxWaitSeconds };
  let stackId: string;
  let action: StackDeployment['action'];
  progress(`stack ${stackName}: creating`);
  try {
    const created = await client.send(
      new CreateStackCommand({ StackName: stackName, TemplateBody: templateBody, Capabilities: ['CAPABILITY_IAM'], EnableTerminationProtection: true }),
    );
    stackId = created.StackId ?? stackName;
    action = 'created';
    await settle(() => waitUntilStackCreateComplete(waiter, { StackName: stackId }), client, stackName, 'CREATE_COMPLETE');
  } catch (error) {
    if (awsErrorCode(error) !== 'AlreadyExistsException') throw asDeploymentFailure(error, 'cloudformation:CreateStack');
    progress(`stack ${stackName}: exists, updating`);
    try {
      const updated = await client.send(new UpdateStackCommand({ StackName: stackName, TemplateBody: templateBody, Capabilities: ['CAPABILITY_IAM'] }));
      stackId = updated.StackId ?? stackName;
      action = 'updated';
      await settle(() => waitUntilStackUpdateComplete(waiter, { StackName: stackId }), client, stackName, 'UPDATE_COMPLETE');
    } catch (updateError) {
      if (!(awsErrorCode(updateError) === 'ValidationError' && /No updates are to be performed/i.test((updateError as Error).message))) {
        throw asDeploymentFailure(updateError, 'cloudformation:UpdateStack');
      }
      stackId = stackName;
      action = 'unchanged';
    }
  }
  progress(`stack ${stackName}: ${action === 'unchanged' ? 'up to date' : action}`);
  return { stackId, action, outputs: await stackOutputs(client, stackId) };
}

/** The stack's outputs as a key → value map. */
export async function stackOutputs(client: CloudFormationClient, stackName: string): Promise<Record<string, string>> {
  let response;
  try {
    response = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    throw explainAwsError(error, 'cloudformation:DescribeStacks');
  }
  const outputs: Record<string, string> = {};
  for (const output of response.Stacks?.[0]?.Outputs ?? []) {
    if (output.OutputKey && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  }
  return outputs;
}

/** Reads one output; a missing one means the stack is not the one this tool deployed. */
export function requireOutput(outputs: Readonly<Record<string, string>>, key: string, stackName: string): string {
  const value = outputs[key];
  if (!value) {
    throw new DeploymentError(
      `stack ${stackName} has no output ${key} (outputs: ${Object.keys(outputs).sort().join(', ') || 'none'}): it was not created from this project's template`,
      'STACK_OUTPUT_MISSING',
      { stackName, output: key },
    );
  }
  return value;
}

async function settle(run: () => Promise<unknown>, client: CloudFormationClient, stackName: string, target: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    // The waiter's error is a JSON dump of its last poll; the stack's own status and reason say more.
    let status = 'unknown';
    let reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out waiting' : '';
    try {
      const described = await client.send(new DescribeStacksCommand({ StackName: stackName }));
      const found = described.Stacks?.[0];
      status = found?.StackStatus ?? status;
      reason = found?.StackStatusReason ?? reason;
    } catch {
      // The stack may be gone (deleted after a failed create): the status stays unknown.
    }
    throw new DeploymentError(
      `stack ${stackName} did not reach ${target}: status ${status}${reason ? ` (${reason})` : ''}; see its events in the CloudFormation console`,
      'STACK_FAILED',
      { stackName, status },
    );
  }
}

function asDeploymentFailure(error: unknown, api: string): Error {
  return error instanceof DeploymentError ? error : explainAwsError(error, api);
}
