/**
 * Finds the SDK module at run time, by a computed path that esbuild cannot follow — which is the
 * point: dist/handlers.js stays small (cold load of a few milliseconds instead of ~50 ms of parsing).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HANDLER_SDK_BUNDLE_FILE } from '../../kernel/bundles';
import type * as AwsSdkModule from './aws-sdk';

export type AwsSdk = typeof AwsSdkModule;

/** The SDK bundle's file name, beside dist/handlers.js; the build writes it and the hook package ships it. */
export const SDK_BUNDLE_FILE = HANDLER_SDK_BUNDLE_FILE;

/** Where the SDK can come from, in order: the sibling bundle, the TypeScript source (tests), the runtime's own SDK. */
export function sdkCandidates(dir: string): Array<{ path: string; present: boolean }> {
  return [
    { path: join(dir, SDK_BUNDLE_FILE), present: existsSync(join(dir, SDK_BUNDLE_FILE)) },
    { path: join(dir, 'aws-sdk'), present: existsSync(join(dir, 'aws-sdk.ts')) },
  ];
}

let loaded: AwsSdk | undefined;

/** The SDK classes preDelete needs, loaded once. */
export function loadAwsSdk(): AwsSdk {
  if (loaded) return loaded;
  const found = sdkCandidates(__dirname).find((c) => c.present);
  loaded = found ? (requireAtRunTime(found.path) as AwsSdk) : runtimeSdk();
  return loaded;
}

/** Without the sibling bundle (a package that only copied dist/handlers.js), the Lambda runtime's SDK v3 serves. */
function runtimeSdk(): AwsSdk {
  const s3 = requireAtRunTime(['@aws-sdk', 'client-s3'].join('/')) as AwsSdk;
  const sqs = requireAtRunTime(['@aws-sdk', 'client-sqs'].join('/')) as AwsSdk;
  return {
    S3Client: s3.S3Client,
    ListBucketsCommand: s3.ListBucketsCommand,
    GetBucketEncryptionCommand: s3.GetBucketEncryptionCommand,
    SQSClient: sqs.SQSClient,
    ListQueuesCommand: sqs.ListQueuesCommand,
    GetQueueAttributesCommand: sqs.GetQueueAttributesCommand,
  };
}

function requireAtRunTime(path: string): unknown {
  // A plain require with a computed argument: esbuild leaves it alone, and under Jest it goes through
  // Jest's module registry, so aws-sdk-client-mock sees the same classes the tests import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path);
}
