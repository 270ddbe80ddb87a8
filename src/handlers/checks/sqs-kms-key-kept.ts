import { describeValue, nonEmptyString } from '../cfn-values';
import { fail, pass, skip, type CheckInput, type CheckResult } from './types';

/** preUpdate: a queue that had a KMS key keeps one; replacing it by another key is allowed. */
export function checkSqsKmsKeyKept({ target }: CheckInput): CheckResult {
  if (!target.previousProperties) return skip('the request carries no previous properties to compare with');
  const before = nonEmptyString(target.previousProperties.KmsMasterKeyId);
  if (!before) return pass('the deployed queue had no KMS key, so none can be removed');
  if (nonEmptyString(target.properties.KmsMasterKeyId)) return pass('the queue keeps a KMS key');
  return fail(
    [{ path: 'KmsMasterKeyId', found: describeValue(target.properties.KmsMasterKeyId), required: `a KMS key (deployed: ${JSON.stringify(before)})` }],
    'the update removes the KMS key',
  );
}
