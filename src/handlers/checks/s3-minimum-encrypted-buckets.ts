import { nonEmptyString } from '../cfn-values';
import { bucketUsesAlgorithm, countUntil, listBucketsPage } from '../inventory';
import type { HookTarget } from '../request';
import type { EncryptionAlgorithm } from '../type-configuration';
import { readBucketRules } from './bucket-encryption';
import { cursorFromJson, cursorToJson } from './inventory-cursor';
import { fail, pass, type CheckInput, type CheckOutcome } from './types';

/**
 * preDelete: after this bucket is gone, at least `minBuckets` buckets encrypted with the configured
 * algorithm must remain. Stops calling AWS as soon as enough are found; with a minimum of 0 it makes
 * no call at all.
 */
export async function checkS3MinimumEncryptedBuckets({ id, target, configuration, resumeState, inventory }: CheckInput): Promise<CheckOutcome> {
  const minimum = configuration.minBuckets;
  const algorithm = configuration.encryptionAlgorithm;
  if (minimum === 0) return pass('minBuckets is 0, so no bucket has to remain (no AWS call made)');
  const name = nonEmptyString(target.properties.BucketName);
  // Without a name the deleted bucket cannot be told apart in the listing; if it may be one of the
  // counted ones, one more must be found so that it is never counted as remaining.
  const reserve = name === undefined && bucketMightCount(target, algorithm) ? 1 : 0;
  const required = minimum + reserve;
  const start = resumeState === undefined || resumeState === null ? undefined : cursorFromJson(resumeState, id);
  const clients = await inventory.clients();
  const outcome = await countUntil({
    required,
    start,
    listPage: (token, signal) => listBucketsPage(clients, token, signal),
    excluded: (bucket) => bucket === name,
    matches: (bucket, signal) => bucketUsesAlgorithm(clients, bucket, algorithm, signal),
    concurrency: inventory.concurrency,
    millisLeft: inventory.millisLeft,
  });
  if (outcome.kind === 'suspended') {
    return { status: 'SUSPEND', state: cursorToJson(outcome.cursor), message: `${outcome.cursor.count} of ${required} encrypted bucket(s) found so far` };
  }
  // Without a BucketName the count may include the bucket being deleted: it is never called "other" then.
  const counted = (count: number): string => (reserve ? `${count} bucket(s), the one being deleted possibly among them,` : `${count} other bucket(s)`);
  const note = reserve ? ' (the template gives no BucketName, so the bucket being deleted cannot be told apart: one more than minBuckets must be found)' : '';
  if (outcome.kind === 'reached') return pass(`found at least ${counted(required)} encrypted with ${algorithm}${note}`);
  return fail(
    [
      {
        path: 'minBuckets',
        found: `${counted(outcome.count)} encrypted with ${algorithm} in the account`,
        required: `at least ${minimum} to remain after this delete${note}`,
      },
    ],
    `Failed to meet minimum of [${minimum}] encrypted buckets: ${counted(outcome.count)} use ${algorithm}${note}`,
  );
}

/** Whether the bucket being deleted could itself be one of the buckets counted. */
function bucketMightCount(target: HookTarget, algorithm: EncryptionAlgorithm): boolean {
  // Since January 2023 S3 encrypts every bucket with SSE-S3 by default: with AES256 any bucket counts.
  if (algorithm === 'AES256' || Object.keys(target.properties).length === 0) return true;
  const rules = readBucketRules(target.properties);
  // A bucket the template leaves unencrypted gets SSE-S3, which a KMS count never includes.
  if (rules.kind === 'missing') return false;
  return rules.rules.some((rule) => rule.algorithm === algorithm || typeof rule.algorithm !== 'string');
}
