import { nonEmptyString } from '../cfn-values';
import { countUntil, listQueuesPage, queueHasKmsKey, queueNameOf } from '../inventory';
import { cursorFromJson, cursorToJson } from './inventory-cursor';
import { fail, pass, type CheckInput, type CheckOutcome } from './types';

/**
 * preDelete: after this queue is gone, at least `minQueues` KMS-encrypted queues must remain
 * (in the stack's region: queues are regional). A minimum of 0 makes no AWS call.
 */
export async function checkSqsMinimumEncryptedQueues({ id, target, configuration, resumeState, inventory }: CheckInput): Promise<CheckOutcome> {
  const minimum = configuration.minQueues;
  if (minimum === 0) return pass('minQueues is 0, so no queue has to remain (no AWS call made)');
  const name = nonEmptyString(target.properties.QueueName);
  const properties = target.properties;
  // Without a name the deleted queue cannot be told apart in the listing; if it has (or may have) a
  // KMS key, one more must be found so that it is never counted as remaining.
  const mightCount = Object.keys(properties).length === 0 || nonEmptyString(properties.KmsMasterKeyId) !== undefined;
  const reserve = name === undefined && mightCount ? 1 : 0;
  const required = minimum + reserve;
  const start = resumeState === undefined || resumeState === null ? undefined : cursorFromJson(resumeState, id);
  const clients = await inventory.clients();
  const outcome = await countUntil({
    required,
    start,
    listPage: (token, signal) => listQueuesPage(clients, token, signal),
    excluded: (url) => queueNameOf(url) === name,
    matches: (url, signal) => queueHasKmsKey(clients, url, signal),
    concurrency: inventory.concurrency,
    millisLeft: inventory.millisLeft,
  });
  if (outcome.kind === 'suspended') {
    return { status: 'SUSPEND', state: cursorToJson(outcome.cursor), message: `${outcome.cursor.count} of ${required} encrypted queue(s) found so far` };
  }
  // Without a QueueName the count may include the queue being deleted: it is never called "other" then.
  const counted = (count: number): string => (reserve ? `${count} queue(s), the one being deleted possibly among them,` : `${count} other queue(s)`);
  const note = reserve ? ' (the template gives no QueueName, so the queue being deleted cannot be told apart: one more than minQueues must be found)' : '';
  if (outcome.kind === 'reached') return pass(`found at least ${counted(required)} with a KMS key${note}`);
  return fail(
    [
      {
        path: 'minQueues',
        found: `${counted(outcome.count)} with a KMS key in the region`,
        required: `at least ${minimum} to remain after this delete${note}`,
      },
    ],
    `Failed to meet minimum of [${minimum}] encrypted queues: ${counted(outcome.count)} have a KMS key${note}`,
  );
}
