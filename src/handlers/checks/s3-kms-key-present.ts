import { describeValue, nonEmptyString } from '../cfn-values';
import { readBucketRules } from './bucket-encryption';
import { fail, pass, skip, type CheckInput, type CheckResult, type Finding } from './types';

/** preCreate rule 4: with aws:kms or aws:kms:dsse, every rule names the KMS key (not the AWS managed default). */
export function checkS3KmsKeyPresent({ target, configuration }: CheckInput): CheckResult {
  if (configuration.encryptionAlgorithm === 'AES256') return skip('the configured algorithm AES256 uses no KMS key');
  const rules = readBucketRules(target.properties);
  if (rules.kind === 'missing') return skip('no encryption rules to check');
  const findings: Finding[] = rules.rules
    .filter((rule) => rule.rule && !nonEmptyString(rule.kmsMasterKeyId))
    .map((rule) => ({
      path: `${rule.path}.ServerSideEncryptionByDefault.KMSMasterKeyID`,
      found: describeValue(rule.kmsMasterKeyId),
      required: `a KMS key id or ARN (${configuration.encryptionAlgorithm} needs one)`,
    }));
  return findings.length ? fail(findings) : pass('every rule names a KMS key');
}
