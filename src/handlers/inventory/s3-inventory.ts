/** The S3 side of preDelete's inventory: list the account's buckets, read each one's default encryption. */
import { awsCallError } from './aws-errors';
import type { InventoryClients } from './access';
import type { ListedPage } from './resumable-count';

/** ListBuckets page size; the paginated form of ListBuckets needs MaxBuckets to return a ContinuationToken. */
export const BUCKETS_PER_PAGE = 1000;

/** One page of the account's bucket names. */
export async function listBucketsPage(c: InventoryClients, token: string | undefined, signal: AbortSignal): Promise<ListedPage> {
  try {
    const out = await c.s3.send(new c.sdk.ListBucketsCommand({ MaxBuckets: BUCKETS_PER_PAGE, ...(token ? { ContinuationToken: token } : {}) }), {
      abortSignal: signal,
    });
    const items = (out.Buckets ?? []).map((b) => b.Name).filter((name): name is string => typeof name === 'string');
    return { items, ...(out.ContinuationToken ? { nextToken: out.ContinuationToken } : {}) };
  } catch (error) {
    throw awsCallError(error, 's3:ListBuckets');
  }
}

/** Whether a bucket's default encryption has a rule using `algorithm`. A bucket without a configuration, or gone since the listing, does not count. */
export async function bucketUsesAlgorithm(c: InventoryClients, bucket: string, algorithm: string, signal: AbortSignal): Promise<boolean> {
  try {
    const out = await c.s3.send(new c.sdk.GetBucketEncryptionCommand({ Bucket: bucket }), { abortSignal: signal });
    const rules = out.ServerSideEncryptionConfiguration?.Rules ?? [];
    return rules.some((rule) => rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm === algorithm);
  } catch (error) {
    const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
    if (name === 'ServerSideEncryptionConfigurationNotFoundError' || name === 'NoSuchBucket') return false;
    throw awsCallError(error, `s3:GetBucketEncryption(${bucket})`);
  }
}
