import { describeValue } from '../cfn-values';
import { readBucketRules } from './bucket-encryption';
import { fail, pass, skip, type CheckInput, type CheckResult, type Finding } from './types';

/** preCreate rule 2: every rule uses exactly the configured algorithm. */
export function checkS3AlgorithmMatches({ target, configuration }: CheckInput): CheckResult {
  const rules = readBucketRules(target.properties);
  // Without rules there is nothing to compare; s3-encryption-configured already fails the bucket.
  if (rules.kind === 'missing') return skip('no encryption rules to check');
  const required = JSON.stringify(configuration.encryptionAlgorithm);
  const findings: Finding[] = rules.rules
    .filter((rule) => rule.algorithm !== configuration.encryptionAlgorithm)
    .map((rule) =>
      rule.rule
        ? { path: `${rule.path}.ServerSideEncryptionByDefault.SSEAlgorithm`, found: describeValue(rule.algorithm), required }
        : { path: rule.path, found: describeValue(rule.raw), required: `an encryption rule object using ${required}` },
    );
  return findings.length ? fail(findings) : pass(`every rule uses ${configuration.encryptionAlgorithm}`);
}
