/**
 * Counts the items of a paginated listing that match an (expensive, remote) predicate, until a
 * required number is reached — with bounded concurrency, stopping as soon as the answer is known,
 * and able to stop when time runs low and resume exactly where it stopped on a later invocation.
 *
 * Exactness on resume: results can arrive out of order, so the saved cursor is the end of the
 * contiguous prefix of the page whose results are all in, and the saved count covers only that
 * prefix. Results beyond it are dropped and redone next time: nothing is skipped, nothing counted twice.
 */

import { HookHandlerError } from '../errors';

export interface CountCursor {
  /** The token that fetches the page being worked on (absent for the first page). */
  pageToken?: string;
  /** How many items of that page are done. */
  offset: number;
  /** The last item done, to re-find the position if the page shifted between invocations. */
  lastItem?: string;
  /** Matches counted so far, over all pages before the cursor. */
  count: number;
}

export interface ListedPage {
  items: string[];
  nextToken?: string;
}

export interface CountPlan {
  required: number;
  start?: CountCursor;
  listPage(token: string | undefined, signal: AbortSignal): Promise<ListedPage>;
  /** Items that must not be counted (the resource being deleted). */
  excluded(item: string): boolean;
  matches(item: string, signal: AbortSignal): Promise<boolean>;
  concurrency: number;
  /** Milliseconds left before the handler must answer; at or below 0 no new call starts. */
  millisLeft(): number;
}

export type CountOutcome =
  | { kind: 'reached'; count: number; calls: number }
  | { kind: 'exhausted'; count: number; calls: number }
  | { kind: 'suspended'; cursor: CountCursor; calls: number };

/** Runs the count; rejects with the first error a call raised (after the other calls in flight settle). */
export async function countUntil(plan: CountPlan): Promise<CountOutcome> {
  let cursor: CountCursor = plan.start ?? { offset: 0, count: 0 };
  let calls = 0;
  let started = 0;
  const concurrency = Math.max(1, Math.floor(plan.concurrency));
  // A listing that hands back a token it already gave would page for ever (with no deadline, hang the handler).
  const tokensSeen = new Set<string>(cursor.pageToken !== undefined ? [cursor.pageToken] : []);
  for (;;) {
    if (cursor.count >= plan.required) return { kind: 'reached', count: cursor.count, calls };
    // Suspend only once a call has started: an invocation that begins with too little time must still move
    // the cursor. The clock is asked first all the same, so a broken clock fails before any AWS call.
    if (plan.millisLeft() <= 0 && started > 0) return { kind: 'suspended', cursor, calls };
    const controller = new AbortController();
    const page = await plan.listPage(cursor.pageToken, controller.signal);
    calls += 1;
    const items = page.items;
    const begin = resumeIndex(items, cursor);
    const done: Array<boolean | undefined> = new Array<boolean | undefined>(items.length);
    let next = begin;
    let matched = cursor.count;
    let stop: 'reached' | 'time' | 'error' | undefined;
    let failure: unknown;

    const worker = async (): Promise<void> => {
      while (stop === undefined && next < items.length) {
        const index = next;
        const item = items[index] as string;
        if (plan.excluded(item)) {
          next += 1;
          done[index] = false;
          continue;
        }
        // The first call of a run is always made, so that every invocation moves the cursor forward
        // and a too-tight budget cannot loop forever without progress.
        if (started > 0 && plan.millisLeft() <= 0) {
          stop = 'time';
          break;
        }
        next += 1;
        calls += 1;
        started += 1;
        try {
          const result = await plan.matches(item, controller.signal);
          done[index] = result;
          if (result) matched += 1;
          if (matched >= plan.required && stop === undefined) {
            stop = 'reached';
            controller.abort();
          }
        } catch (error) {
          // Calls aborted because the answer is already known are not failures.
          if (stop === undefined) {
            stop = 'error';
            failure = error;
            controller.abort();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));

    if (stop === 'error') throw failure;
    if (stop === 'reached' || matched >= plan.required) return { kind: 'reached', count: matched, calls };
    if (stop === 'time') {
      let offset = begin;
      let count = cursor.count;
      while (offset < items.length && done[offset] !== undefined) {
        if (done[offset]) count += 1;
        offset += 1;
      }
      const saved: CountCursor = { offset, count };
      if (cursor.pageToken !== undefined) saved.pageToken = cursor.pageToken;
      if (offset > 0) saved.lastItem = items[offset - 1];
      return { kind: 'suspended', cursor: saved, calls };
    }
    if (page.nextToken === undefined || page.nextToken === '') return { kind: 'exhausted', count: matched, calls };
    if (tokensSeen.has(page.nextToken)) {
      throw new HookHandlerError('GeneralServiceException', `the listing returned page token ${JSON.stringify(page.nextToken)} a second time; it would never end, so the count stops`);
    }
    tokensSeen.add(page.nextToken);
    cursor = { pageToken: page.nextToken, offset: 0, count: matched };
  }
}

/**
 * Where to continue in a re-fetched page: right after the item done last, if it is still where it was
 * or has moved; at the saved offset if it is gone (the listing changed between invocations).
 */
function resumeIndex(items: readonly string[], cursor: CountCursor): number {
  if (cursor.offset <= 0) return 0;
  if (cursor.lastItem === undefined || items[cursor.offset - 1] === cursor.lastItem) return Math.min(cursor.offset, items.length);
  const moved = items.indexOf(cursor.lastItem);
  return moved >= 0 ? moved + 1 : Math.min(cursor.offset, items.length);
}
