/**
 * What a caller can inject into the handler: the simulator swaps the AWS clients for ones that serve a
 * simulated account, tests capture the logs. Production uses the defaults.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Makes the SDK clients preDelete uses; the simulator injects clients whose transport serves a simulated account. */
export type AwsClientFactory = (credentials: AwsCredentials | undefined, region: string) => { s3: S3Client; sqs: SQSClient };

export interface LogEntry {
  level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  message: string;
  [key: string]: unknown;
}

export interface HandlerOptions {
  /** Client factory for preDelete's inventory; defaults to real SDK clients, created only when needed. */
  clients?: AwsClientFactory;
  /**
   * Where structured log entries go; defaults to one JSON object per line on stdout. `null` discards them without
   * building them (the simulator, unless asked for handler logs: redacting every entry only to drop it cost more
   * than the checks).
   */
  log?: ((entry: LogEntry) => void) | null;
  /** How many GetBucketEncryption / GetQueueAttributes calls may be in flight at once (default 8). */
  concurrency?: number;
  /** preDelete stops starting calls and answers IN_PROGRESS when less than this much of the Lambda's time is left (default 5000 ms). */
  safetyMarginMillis?: number;
  /**
   * The IN_PROGRESS answers the service honours for one target (default 3, the service's bound); after that many a
   * check that would suspend answers FAILED with its count. Tests of the resume cursor alone lift it.
   */
  maxInProgressAnswers?: number;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_SAFETY_MARGIN_MILLIS = 5000;
