import { describeValue } from '../cfn-values';
import { readBucketRules } from './bucket-encryption';
import { fail, pass, type CheckInput, type CheckResult } from './types';

/** preCreate rule 1: a bucket declares at least one server-side encryption rule. */
export function checkS3EncryptionConfigured({ target }: CheckInput): CheckResult {
  const rules = readBucketRules(target.properties);
  if (rules.kind === 'missing') {
    return fail([{ path: rules.path, found: describeValue(rules.found), required: 'a non-empty list of server-side encryption rules' }], rules.why);
  }
  return pass(`${rules.rules.length} encryption rule(s) declared`);
}
