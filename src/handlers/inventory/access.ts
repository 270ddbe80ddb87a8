/**
 * Lazy access to the AWS account for preDelete. The SDK is loaded only here, on first use, so that
 * a cold start for preCreate / preUpdate never pays for it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientFactory, AwsCredentials } from '../options';
import { loadAwsSdk, type AwsSdk } from './load-aws-sdk';

export interface InventoryClients {
  s3: S3Client;
  sqs: SQSClient;
  /** The command classes, from the same SDK module the clients expect. */
  sdk: AwsSdk;
}

export interface InventoryAccess {
  /** Loads the SDK and makes the clients on first call; later calls reuse them. */
  clients(): Promise<InventoryClients>;
  concurrency: number;
  /** Milliseconds left before the handler must stop starting calls (the Lambda's remaining time minus the safety margin). */
  millisLeft(): number;
}

export interface InventoryAccessOptions {
  factory?: AwsClientFactory;
  credentials?: AwsCredentials;
  region: string;
  concurrency: number;
  millisLeft(): number;
}

/** Makes an InventoryAccess; nothing is loaded or created until `clients()` is called. */
export function createInventoryAccess(options: InventoryAccessOptions): InventoryAccess {
  let made: Promise<InventoryClients> | undefined;
  return {
    concurrency: options.concurrency,
    millisLeft: options.millisLeft,
    clients() {
      // async so that a throw here (no SDK found, a factory that throws) becomes a rejection the check reports.
      made ??= (async () => {
        const sdk = loadAwsSdk();
        const factory = options.factory ?? defaultClientFactory(sdk);
        const { s3, sqs } = factory(options.credentials, options.region);
        return { s3, sqs, sdk };
      })();
      return made;
    },
  };
}

/** Real clients. S3 follows region redirects because ListBuckets lists buckets of every region. */
function defaultClientFactory(sdk: AwsSdk): AwsClientFactory {
  // Bounded socket timeouts: a hung call must not eat the 30-second budget.
  const requestHandler = { connectionTimeout: 3000, requestTimeout: 8000 };
  return (credentials, region) => ({
    s3: new sdk.S3Client({ region, credentials, followRegionRedirects: true, requestHandler }),
    sqs: new sdk.SQSClient({ region, credentials, requestHandler }),
  });
}
