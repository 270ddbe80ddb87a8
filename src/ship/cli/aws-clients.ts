/**
 * SDK clients for the commands that call AWS, created only when a command needs one (the SDK is loaded then,
 * not at start-up), with the user's --region and --profile. Tests replace the clients' `send` with aws-sdk-client-mock.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';

export interface AwsTarget {
  readonly region?: string;
  readonly profile?: string;
}

/** A CloudFormation client for the target; region and credentials resolve the SDK's usual way when not given. */
export async function cloudFormationClient(target: AwsTarget): Promise<CloudFormationClient> {
  const { CloudFormationClient: Client } = await import('@aws-sdk/client-cloudformation');
  return new Client(clientConfig(target));
}

/** An S3 client for the target. */
export async function s3Client(target: AwsTarget): Promise<S3Client> {
  const { S3Client: Client } = await import('@aws-sdk/client-s3');
  return new Client(clientConfig(target));
}

function clientConfig(target: AwsTarget): { region?: string; profile?: string } {
  const config: { region?: string; profile?: string } = {};
  if (target.region) config.region = target.region;
  if (target.profile) config.profile = target.profile;
  return config;
}
