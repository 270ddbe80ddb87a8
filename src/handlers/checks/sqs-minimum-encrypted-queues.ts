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
  const note = reserve ? ' (one more than minQueues: the template gives no QueueName, so the queue being deleted may be among those found)' : '';
  if (outcome.kind === 'suspended') {
    return { status: 'SUSPEND', state: cursorToJson(outcome.cursor), message: `${outcome.cursor.count} of ${required} encrypted queue(s) found so far` };
  }
  if (outcome.kind === 'reached') return pass(`found at least ${required} other queue(s) with a KMS key${note}`);
  return fail(
    [
      {
        path: 'minQueues',
        found: `${outcome.count} other queue(s) with a KMS key in the region`,
        required: `at least ${required} to remain after this delete${note}`,
      },
    ],
    `Failed to meet minimum of [${minimum}] encrypted queues: ${outcome.count} other queue(s) have a KMS key${note}`,
  );
}
