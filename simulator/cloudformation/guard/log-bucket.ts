/**
 * A Guard hook's `LogBucket`: when the hook fails, the service writes cfn-guard's full report to the bucket and says
 * where at the end of the hook's message (reference hooks-today §5: "If a logging bucket has been configured for the
 * Guard Hook, additional rule feedback will be provided there"; observed reason, aws-cdk-cli PR #1198: `… the
 * following rule(s) failed: AWS_S3_Bucket_AccessControl. Full output was written to
 * s3://test-guard-logs-bucket/cfn-guard-validate-report/AWS--S3--Bucket-AwsS3Bucket/1234567890123.json`).
 * The simulator writes nothing anywhere: the object that would be written is part of the hook's outcome.
 */
import type { JsonValue } from '../../../src/kernel/protocol';
import type { GuardTarget } from './guard-input';

/** The report the service would write to the log bucket, and where. */
export interface LogBucketReport {
  /** `s3://<bucket>/cfn-guard-validate-report/<target>/<epoch ms>.json`. */
  readonly uri: string;
  /** cfn-guard's structured JSON report of the evaluation (the data file named `input.json`). */
  readonly report: JsonValue;
}

/**
 * [choice] The simulated clock of report keys: 2026-01-01T00:00:00.000Z, one millisecond on per Guard call, so that
 * keys are 13 digits like the observed one, distinct within a run, and the same on every run.
 */
export const LOG_REPORT_EPOCH_MILLIS = Date.UTC(2026, 0, 1);

/** A clock for report keys: LOG_REPORT_EPOCH_MILLIS, then one millisecond more on each call. */
export function simulatedReportClock(start = LOG_REPORT_EPOCH_MILLIS): () => number {
  let next = start;
  return () => next++;
}

/**
 * The object key: `cfn-guard-validate-report/<TargetName with :: as -->-<logical id>/<epoch ms>.json` as observed for
 * a resource. [choice, unconfirmed] A STACK target is `STACK-<stack name>`, a CHANGE_SET target `CHANGE_SET-<stack name>`.
 */
export function logReportKey(target: GuardTarget, millis: number): string {
  return `cfn-guard-validate-report/${targetSegment(target)}/${String(millis).padStart(13, '0')}.json`;
}

/** The sentence the service appends to the hook's message (after the failed-rules sentence, one space between). */
export function fullOutputSentence(uri: string): string {
  return `Full output was written to ${uri}`;
}

function targetSegment(target: GuardTarget): string {
  switch (target.targetType) {
    case 'STACK':
    case 'CHANGE_SET':
      return `${target.targetType}-${target.stackName}`;
    default:
      return `${target.targetName.replace(/::/g, '--')}-${target.logicalId}`;
  }
}
