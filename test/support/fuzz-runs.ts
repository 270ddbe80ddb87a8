/**
 * How hard the fuzz tests push: FUZZ_RUNS (default 200) examples per property, so `npm test` stays fast on
 * two cores; `npm run fuzz` raises it to 20,000. The timeout grows with the run count instead of failing a
 * long fuzz run for being long.
 */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 200) || 200);

/** Jest timeout for one property: generous per example, never below the suite's default. */
export const FUZZ_TIMEOUT_MILLIS = Math.max(30_000, FUZZ_RUNS * 25);

/** Fast-check parameters shared by every property; a failure prints its seed and path for replay. The seed is fixed for `npm test` (test/support/fast-check-seed.ts). */
export const FUZZ_PARAMETERS = { numRuns: FUZZ_RUNS, verbose: 0 } as const;

/**
 * How many runs a property that lets some examples through without checking them (an early return) must carry to its
 * assertions: `share` of FUZZ_RUNS, rounded down. It makes a generator change that starves the property fail it
 * instead of leaving it vacuous; pick `share` well below what the property reaches today (FUZZ_RUNS 1 asks for none).
 */
export const minimumReached = (share: number): number => Math.floor(FUZZ_RUNS * share);
