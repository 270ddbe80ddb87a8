/**
 * Real S3 and SQS SDK clients whose transport is a simulated account: the handler's own code runs unchanged
 * (commands, pagination, error mapping), with no network. Imported only when a preDelete needs the account.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientFactory } from '../../../src/handlers';
import { AccountTransport } from './account-transport';
import type { SimulatedAccount } from './simulated-account';

// Dummy keys: the clients sign requests as usual, and the transport ignores the signature.
const SIMULATED_CREDENTIALS = { accessKeyId: 'ASIASIMULATORKEYID00', secretAccessKey: 'simulated', sessionToken: 'simulated' };

/** A client factory for createEntrypoint({clients}) that serves the given account. */
export function accountClientFactory(account: SimulatedAccount): AwsClientFactory {
  // These clients never reach AWS, so the SDK's notice about future Node.js support is only noise in the report.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const requestHandler = new AccountTransport(account);
  return (credentials, region) => {
    const common = { region, credentials: credentials ?? SIMULATED_CREDENTIALS, requestHandler, maxAttempts: 1 };
    return { s3: new S3Client(common), sqs: new SQSClient(common) };
  };
}
