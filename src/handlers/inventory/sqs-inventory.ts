/** The SQS side of preDelete's inventory: list the account's queues, read each one's KMS key. */
import { awsCallError } from './aws-errors';
import type { InventoryClients } from './access';
import type { ListedPage } from './resumable-count';

/** ListQueues returns a NextToken only when MaxResults is given. */
export const QUEUES_PER_PAGE = 1000;

/** One page of the region's queue URLs. */
export async function listQueuesPage(c: InventoryClients, token: string | undefined, signal: AbortSignal): Promise<ListedPage> {
  try {
    const out = await c.sqs.send(new c.sdk.ListQueuesCommand({ MaxResults: QUEUES_PER_PAGE, ...(token ? { NextToken: token } : {}) }), {
      abortSignal: signal,
    });
    return { items: out.QueueUrls ?? [], ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
  } catch (error) {
    throw awsCallError(error, 'sqs:ListQueues');
  }
}

/** The queue name at the end of a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>). */
export function queueNameOf(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Whether a queue has a KMS key. A queue deleted since the listing does not count. */
export async function queueHasKmsKey(c: InventoryClients, url: string, signal: AbortSignal): Promise<boolean> {
  try {
    const out = await c.sqs.send(new c.sdk.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['KmsMasterKeyId'] }), {
      abortSignal: signal,
    });
    const key = out.Attributes?.KmsMasterKeyId;
    return typeof key === 'string' && key.trim() !== '';
  } catch (error) {
    const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
    if (name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue') return false;
    throw awsCallError(error, `sqs:GetQueueAttributes(${queueNameOf(url)})`);
  }
}
