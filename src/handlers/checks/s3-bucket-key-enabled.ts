import { describeValue, readCfnBoolean } from '../cfn-values';
import { readBucketRules } from './bucket-encryption';
import { fail, pass, skip, type CheckInput, type CheckResult, type Finding } from './types';

/** preCreate rule 3: every rule enables the S3 Bucket Key. "false" (a string) is false, not truthy. */
export function checkS3BucketKeyEnabled({ target }: CheckInput): CheckResult {
  const rules = readBucketRules(target.properties);
  if (rules.kind === 'missing') return skip('no encryption rules to check');
  const findings: Finding[] = [];
  for (const rule of rules.rules) {
    if (!rule.rule) continue; // a rule that is not an object is reported by s3-algorithm-matches
    const value = readCfnBoolean(rule.bucketKeyEnabled);
    if (value === 'true') continue;
    findings.push({
      path: `${rule.path}.BucketKeyEnabled`,
      found: value === 'not-a-boolean' ? `${describeValue(rule.bucketKeyEnabled)}, which is not a boolean` : describeValue(rule.bucketKeyEnabled),
      required: 'true',
    });
  }
  return findings.length ? fail(findings) : pass('every rule enables the bucket key');
}
