/**
 * countUntil, the engine under preDelete: for any listing, any match pattern, any concurrency and any
 * sequence of time cut-offs, running it to completion across suspensions gives exactly the count a
 * straight scan gives — nothing skipped, nothing counted twice — and no item is asked about after the
 * answer is known within one run.
 */
import fc from 'fast-check';
import { countUntil, type CountCursor, type CountOutcome, type ListedPage } from '../../src/handlers/inventory';

function pages(items: string[], size: number): (token: string | undefined) => Promise<ListedPage> {
  return async (token) => {
    const start = token ? Number(token) : 0;
    const next = start + size;
    return { items: items.slice(start, next), ...(next < items.length ? { nextToken: String(next) } : {}) };
  };
}

const runs = Number(process.env.FUZZ_RUNS ?? 200);

describe('countUntil', () => {
  it('with no time limit: exact count when exhausted, early stop when reached', async () => {
    const items = Array.from({ length: 12 }, (_, i) => `i${i}`);
    const asked: string[] = [];
    const outcome = await countUntil({
      required: 3,
      listPage: pages(items, 5),
      excluded: (item) => item === 'i0',
      matches: async (item) => {
        asked.push(item);
        return ['i0', 'i2', 'i6', 'i7', 'i9'].includes(item);
      },
      concurrency: 1,
      millisLeft: () => Infinity,
    });
    expect(outcome).toEqual({ kind: 'reached', count: 3, calls: 2 + 7 });
    expect(asked).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7']);
  });

  it('required 0 is reached without listing anything', async () => {
    const outcome = await countUntil({ required: 0, listPage: () => Promise.reject(new Error('no')), excluded: () => false, matches: () => Promise.reject(new Error('no')), concurrency: 4, millisLeft: () => Infinity });
    expect(outcome).toEqual({ kind: 'reached', count: 0, calls: 0 });
  });

  it('rejects with the first failure after letting the calls in flight settle, and starts no more', async () => {
    const settled: string[] = [];
    let release: () => void = () => undefined;
    const bFailed = new Promise<void>((resolve) => (release = resolve));
    const failing = countUntil({
      required: 10,
      listPage: pages(['a', 'b', 'c', 'd'], 10),
      excluded: () => false,
      matches: async (item) => {
        if (item === 'a') await bFailed; // still in flight when b fails
        settled.push(item);
        if (item === 'b') {
          release();
          throw new Error('b broke');
        }
        return true;
      },
      concurrency: 2,
      millisLeft: () => Infinity,
    });
    await expect(failing).rejects.toThrow('b broke');
    expect(settled).toEqual(['b', 'a']);
  });

  // The first invocation stops after bucket-003 (3 counted); the listing changes before the second one.
  const listed = ['bucket-001', 'bucket-002', 'bucket-003', 'bucket-004', 'bucket-005', 'bucket-006'];
  it.each<[string, string[], string[], number]>([
    ['unchanged listing: continues after bucket-003', listed, ['bucket-004', 'bucket-005', 'bucket-006'], 6],
    ['an item added before the cursor: bucket-003 is not counted twice', ['bucket-000a', ...listed], ['bucket-004', 'bucket-005', 'bucket-006'], 6],
    ['an item deleted before the cursor: bucket-004 is not skipped', listed.filter((item) => item !== 'bucket-002'), ['bucket-004', 'bucket-005', 'bucket-006'], 6],
  ])('resume after the listing changed between invocations, %s', async (_why, relisted, askedOnResume, total) => {
    const asked: string[] = [];
    const plan = (items: string[], millisLeft: () => number) => ({
      required: 100,
      listPage: pages(items, 10),
      excluded: () => false,
      matches: async (item: string) => {
        asked.push(item);
        return true;
      },
      concurrency: 1,
      millisLeft,
    });
    const first = await countUntil(plan(listed, () => (asked.length >= 3 ? 0 : 1)));
    expect(first).toMatchObject({ kind: 'suspended', cursor: { offset: 3, count: 3, lastItem: 'bucket-003' } });
    if (first.kind !== 'suspended') return;
    asked.length = 0;
    const second = await countUntil({ ...plan(relisted, () => Infinity), start: first.cursor });
    expect(asked).toEqual(askedOnResume);
    expect(second).toMatchObject({ kind: 'exhausted', count: total });
  });

  it('property: resumed runs count exactly what a straight scan counts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 45 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 10 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (flags, pageSize, concurrency, required, budgets, excludedIndex) => {
          const items = flags.map((_, i) => `item-${String(i).padStart(2, '0')}`);
          const excluded = excludedIndex === undefined ? undefined : items[excludedIndex % Math.max(1, items.length)];
          const truth = items.filter((item, i) => flags[i] && item !== excluded).length;
          let cursor: CountCursor | undefined;
          let outcome: CountOutcome | undefined;
          const asked = new Map<string, number>();
          for (let invocation = 0; invocation < 200; invocation++) {
            // Each invocation may start `budget` calls (listing included) before its time runs out.
            let budget = budgets[invocation % budgets.length] as number;
            outcome = await countUntil({
              required,
              start: cursor,
              listPage: pages(items, pageSize),
              excluded: (item) => item === excluded,
              matches: async (item) => {
                asked.set(item, (asked.get(item) ?? 0) + 1);
                await new Promise((r) => setTimeout(r, item.charCodeAt(item.length - 1) % 3));
                return flags[items.indexOf(item)] as boolean;
              },
              concurrency,
              millisLeft: () => budget--,
            });
            if (outcome.kind !== 'suspended') break;
            cursor = JSON.parse(JSON.stringify(outcome.cursor)) as CountCursor;
          }
          if (!outcome || outcome.kind === 'suspended') throw new Error('never finished');
          if (truth >= required) {
            expect(outcome.kind).toBe('reached');
            expect(outcome.count).toBeGreaterThanOrEqual(required);
            expect(outcome.count).toBeLessThanOrEqual(truth);
          } else {
            expect(outcome).toMatchObject({ kind: 'exhausted', count: truth });
          }
          if (excluded) expect(asked.has(excluded)).toBe(false);
        },
      ),
      { numRuns: runs },
    );
  });
});
