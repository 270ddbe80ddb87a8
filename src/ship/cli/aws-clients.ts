/**
 * SDK clients for the commands that call AWS, created only when a command needs one (the SDK is loaded then,
 * not at start-up), with the user's --region and --profile. Tests replace the clients' `send` with aws-sdk-client-mock.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import { explainAwsError } from '../../kernel/aws';

export interface AwsTarget {
  readonly region?: string;
  readonly profile?: string;
}

/**
 * A CloudFormation client for the target; region and credentials resolve the SDK's usual way when not given, and
 * are resolved here, before any call (see `withSetupChecked`).
 */
export async function cloudFormationClient(target: AwsTarget): Promise<CloudFormationClient> {
  const { CloudFormationClient: Client } = await import('@aws-sdk/client-cloudformation');
  return withSetupChecked(new Client(clientConfig(target)));
}

/** An S3 client for the target, its region and credentials resolved as for `cloudFormationClient`. */
export async function s3Client(target: AwsTarget): Promise<S3Client> {
  const { S3Client: Client } = await import('@aws-sdk/client-s3');
  return withSetupChecked(new Client(clientConfig(target)));
}

/** What every SDK v3 client's resolved configuration holds: the providers of its region and credentials. */
interface ResolvableClient {
  readonly config: { readonly region: () => Promise<string>; readonly credentials: () => Promise<unknown> };
}

/**
 * Resolves the client's region and credentials before its first call. The SDK would resolve them at that call,
 * which a command reaches only after saying its first step ("stack …: creating"), and the failure then read as that
 * call's ("cloudformation:CreateStack failed: RegionMissing"). A missing region, profile or credentials is the
 * caller's setup (exit 2, with what to do), said before anything else.
 */
async function withSetupChecked<C extends ResolvableClient>(client: C): Promise<C> {
  try {
    await client.config.region();
    await client.config.credentials();
  } catch (error) {
    throw explainAwsError(error, 'AWS setup (region and credentials, before any call)');
  }
  return client;
}

function clientConfig(target: AwsTarget): { region?: string; profile?: string } {
  const config: { region?: string; profile?: string } = {};
  if (target.region) config.region = target.region;
  if (target.profile) config.profile = target.profile;
  return config;
}
