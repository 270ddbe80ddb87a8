import { describeValue, nonEmptyString, readCfnBoolean } from '../cfn-values';
import { fail, pass, type CheckInput, type CheckResult } from './types';

/** A queue is encrypted with a KMS key the account controls; SSE-SQS (SqsManagedSseEnabled) alone does not count. */
export function checkSqsKmsKeyPresent({ target }: CheckInput): CheckResult {
  const key = target.properties.KmsMasterKeyId;
  if (nonEmptyString(key)) return pass('the queue names a KMS key');
  const sseSqs = readCfnBoolean(target.properties.SqsManagedSseEnabled) === 'true';
  return fail([
    {
      path: 'KmsMasterKeyId',
      found: sseSqs && key === undefined ? 'absent (SqsManagedSseEnabled is true, which uses an SQS-owned key)' : describeValue(key),
      required: 'a KMS key id, ARN or alias',
    },
  ]);
}
