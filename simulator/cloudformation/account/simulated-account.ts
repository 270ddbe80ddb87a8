/**
 * The buckets and queues that exist in the simulated account: those the user declares (`--account <file>`)
 * plus those the simulated stack holds. preDelete counts them through the real SDK clients, whose transport
 * (./account-transport) answers from this inventory.
 */
import type { JsonValue } from '../../../src/kernel/protocol';
import type { ResolvedResource } from '../template/types';

/** One rule of a bucket's default encryption, with the field names GetBucketEncryption uses. */
export interface BucketEncryptionRule {
  readonly SSEAlgorithm: string;
  readonly KMSMasterKeyID?: string;
  readonly BucketKeyEnabled?: boolean;
}

export interface SimulatedBucket {
  readonly name: string;
  readonly region: string;
  /** Absent or empty: the bucket has no default encryption configuration (GetBucketEncryption answers NotFound). */
  readonly encryption?: readonly BucketEncryptionRule[];
}

export interface SimulatedQueue {
  readonly name: string;
  readonly region: string;
  readonly KmsMasterKeyId?: string;
}

/** API operations whose failure can be simulated, and the error they answer with. */
export type AccountOperation = 'ListBuckets' | 'GetBucketEncryption' | 'ListQueues' | 'GetQueueAttributes';
export type SimulatedFault = 'AccessDenied' | 'Throttling' | 'InternalError';

/** A mutable account: deletes during a simulated stack delete remove what they delete. */
export class SimulatedAccount {
  private readonly bucketsByName = new Map<string, SimulatedBucket>();
  private readonly queuesByKey = new Map<string, SimulatedQueue>();
  /** Operations that fail with the given error, for testing a handler's error handling. */
  readonly faults = new Map<AccountOperation, SimulatedFault>();
  /** How many API calls the transport served, per operation (for tests and benchmarks). */
  readonly calls: Record<AccountOperation, number> = { ListBuckets: 0, GetBucketEncryption: 0, ListQueues: 0, GetQueueAttributes: 0 };

  constructor(
    readonly accountId: string,
    readonly defaultRegion: string,
  ) {}

  /** Adds (or replaces) a bucket; bucket names are global. */
  addBucket(bucket: SimulatedBucket): void {
    this.bucketsByName.set(bucket.name, bucket);
  }

  /** Adds (or replaces) a queue; queue names are per region. */
  addQueue(queue: SimulatedQueue): void {
    this.queuesByKey.set(queueKey(queue.region, queue.name), queue);
  }

  /** Buckets in name order, as ListBuckets returns them. */
  buckets(): SimulatedBucket[] {
    return [...this.bucketsByName.values()].sort((a, b) => compare(a.name, b.name));
  }

  /** One bucket by name. */
  bucket(name: string): SimulatedBucket | undefined {
    return this.bucketsByName.get(name);
  }

  /** Queues of one region in name order, as ListQueues returns them. */
  queues(region: string): SimulatedQueue[] {
    return [...this.queuesByKey.values()].filter((q) => q.region === region).sort((a, b) => compare(a.name, b.name));
  }

  /** One queue by region and name. */
  queue(region: string, name: string): SimulatedQueue | undefined {
    return this.queuesByKey.get(queueKey(region, name));
  }

  /** `https://sqs.<region>.amazonaws.com/<account>/<name>`, the URL ListQueues returns. */
  queueUrl(queue: SimulatedQueue): string {
    return `https://sqs.${queue.region}.amazonaws.com/${this.accountId}/${queue.name}`;
  }

  /**
   * Adds the buckets and queues of a stack's resources, as they exist once the stack is deployed in `region` (another
   * stack of the account may be in another region: ListBuckets still lists its buckets, ListQueues here not its queues).
   */
  addStackResources(resources: readonly ResolvedResource[], region = this.defaultRegion): void {
    for (const resource of resources) {
      if (resource.type === 'AWS::S3::Bucket') this.addBucket(bucketOf(resource, region));
      if (resource.type === 'AWS::SQS::Queue') this.addQueue(queueOf(resource, region));
    }
  }

  /** Forgets a stack resource once it is deleted. */
  removeStackResource(resource: ResolvedResource): void {
    if (resource.type === 'AWS::S3::Bucket') this.bucketsByName.delete(bucketOf(resource, this.defaultRegion).name);
    if (resource.type === 'AWS::SQS::Queue') {
      const queue = queueOf(resource, this.defaultRegion);
      this.queuesByKey.delete(queueKey(queue.region, queue.name));
    }
  }
}

function queueKey(region: string, name: string): string {
  return `${region}\0${name}`;
}

// Plain code-unit order, like S3's lexicographic listing; localeCompare would depend on the machine's locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** A stack's bucket as the account holds it: named by BucketName or its generated physical id. */
function bucketOf(resource: ResolvedResource, region: string): SimulatedBucket {
  const properties = resource.properties;
  const name = text(properties.BucketName) ?? resource.physicalId;
  const encryption = properties.BucketEncryption;
  const rules: BucketEncryptionRule[] = [];
  if (encryption && typeof encryption === 'object' && !Array.isArray(encryption)) {
    const configured = encryption.ServerSideEncryptionConfiguration;
    for (const rule of Array.isArray(configured) ? configured : []) {
      if (!rule || typeof rule !== 'object' || Array.isArray(rule)) continue;
      const byDefault = rule.ServerSideEncryptionByDefault;
      if (!byDefault || typeof byDefault !== 'object' || Array.isArray(byDefault)) continue;
      const algorithm = text(byDefault.SSEAlgorithm);
      if (!algorithm) continue;
      const key = text(byDefault.KMSMasterKeyID);
      const bucketKey = text(rule.BucketKeyEnabled);
      rules.push({ SSEAlgorithm: algorithm, ...(key ? { KMSMasterKeyID: key } : {}), ...(bucketKey ? { BucketKeyEnabled: bucketKey === 'true' } : {}) });
    }
  }
  // Since 2023 S3 encrypts every new bucket with SSE-S3 when the template says nothing.
  return { name, region, encryption: rules.length > 0 ? rules : [{ SSEAlgorithm: 'AES256', BucketKeyEnabled: false }] };
}

/** A stack's queue: named by QueueName, or by the last segment of its physical id (a queue URL). */
function queueOf(resource: ResolvedResource, region: string): SimulatedQueue {
  const name = text(resource.properties.QueueName) ?? resource.physicalId.split('/').pop() ?? resource.physicalId;
  const key = text(resource.properties.KmsMasterKeyId);
  return { name, region, ...(key ? { KmsMasterKeyId: key } : {}) };
}
