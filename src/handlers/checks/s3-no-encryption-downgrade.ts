import { describeValue } from '../cfn-values';
import { readBucketRules, RULES_PATH, strongestAlgorithm } from './bucket-encryption';
import { fail, pass, skip, type CheckInput, type CheckResult } from './types';

/**
 * preUpdate: encryption may not be removed and the strongest algorithm in use may not fall
 * (AES256 < aws:kms < aws:kms:dsse). Adding rules or encryption, rotating keys and moving up are
 * allowed: unlike the docs' sample, the policy never blocks its own remediation.
 */
export function checkS3NoEncryptionDowngrade({ target }: CheckInput): CheckResult {
  if (!target.previousProperties) return skip('the request carries no previous properties to compare with');
  const before = readBucketRules(target.previousProperties);
  if (before.kind === 'missing') return pass('the deployed bucket had no encryption, so nothing can be downgraded');
  const was = strongestAlgorithm(before);
  const after = readBucketRules(target.properties);
  if (after.kind === 'missing') {
    return fail(
      [{ path: after.path, found: describeValue(after.found), required: `encryption kept (deployed: ${was.name ?? 'encrypted'})` }],
      `the update removes encryption (${after.why})`,
    );
  }
  const now = strongestAlgorithm(after);
  if (now.strength < was.strength) {
    return fail([
      {
        path: `${RULES_PATH}[*].ServerSideEncryptionByDefault.SSEAlgorithm`,
        found: `strongest algorithm ${now.name ? JSON.stringify(now.name) : 'none known'}`,
        required: `at least ${JSON.stringify(was.name)} (deployed)`,
      },
    ]);
  }
  return pass(`strongest algorithm ${now.name ?? 'none'} is not weaker than deployed ${was.name ?? 'none'}`);
}
