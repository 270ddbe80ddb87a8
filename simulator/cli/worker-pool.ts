/**
 * Worker threads for a many-templates run. The worker entry is the simulate bundle itself (dist/simulate.js
 * starts as a worker when started with WORKER_ARGUMENT and `workerData.simulateWorker`), so there is no second
 * bundle to keep in step.
 * With `jobs` threads, the main thread is one of them and up to `jobs - 1` workers are started (all at once for a
 * `--jobs` given, else as the run shows it is long enough): a worker costs a new isolate, the bundle compiled again
 * and its own warm-up, while the main thread has paid for all of that already and would otherwise only wait. Units
 * are handed out one at a time to whichever thread is free and ready, and each worker holds one more in its queue
 * so it never waits for the main thread (busy with its own unit) to answer. Each result is handed to `deliver` with
 * its unit's index as it arrives; the caller puts them back in unit order.
 */
import type * as WorkerThreads from 'node:worker_threads';
import type { AssemblyReads } from '../cloudformation/assembly';
import type { InputUnit } from './inputs';
import type { SimulateOptions } from './options';
import type { UnitResult } from './unit-result';

interface WorkerInit {
  readonly simulateWorker: true;
  readonly options: SimulateOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface Job {
  readonly index: number;
  readonly unit: InputUnit;
}

interface Done {
  readonly index: number;
  readonly result?: UnitResult;
  readonly error?: string;
}

/** A worker's first message: it has loaded the simulator and listens; units are sent to it from then on. */
interface Ready {
  readonly ready: true;
}

/**
 * The argument every worker is started with. Each start of the bundle asks whether it is a worker, and loading
 * node:worker_threads to answer (with the internals it pulls in) cost a single-template run ~1% of its work: a
 * thread without this argument is not a worker, and only one with it loads the module to be sure (a user who types
 * it on the command line gets the main thread's "unknown option").
 */
const WORKER_ARGUMENT = '--mytesthook-simulate-worker';

/** node:worker_threads, required on first use (see WORKER_ARGUMENT). */
function workerThreads(): typeof WorkerThreads {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as typeof WorkerThreads;
}

/** True when this code runs from a JavaScript bundle a worker can load (not from TypeScript under a test runner). */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}

/** True in a thread started by runUnitsOnWorkers. */
export function isSimulateWorker(): boolean {
  if (process.argv[2] !== WORKER_ARGUMENT) return false;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && (workerData as Partial<WorkerInit> | null)?.simulateWorker === true;
}

/** The worker's side: simulate each unit the main thread sends, answer with its rows. */
export function serveAsWorker(): void {
  const { parentPort: port, workerData } = workerThreads();
  const init = workerData as WorkerInit;
  if (!port) return;
  // One unit at a time, in the order sent: the queued one starts when the current one has answered.
  let queue = Promise.resolve();
  // A worker serves one run: its units share one read of each cloud assembly.
  let assemblies: AssemblyReads | undefined;
  port.on('message', (job: Job) => {
    queue = queue.then(async () => {
      const { runUnit } = await import('./run-unit');
      const { AssemblyReads } = await import('../cloudformation/assembly');
      assemblies ??= new AssemblyReads();
      try {
        port.postMessage({ index: job.index, result: await runUnit(job.unit, init.options, init.env, assemblies) } satisfies Done);
      } catch (error) {
        port.postMessage({ index: job.index, error: error instanceof Error ? error.message : String(error) } satisfies Done);
      }
    });
  });
  // Ready once the simulator is loaded: the main thread sends units only from then on.
  queue = queue.then(async () => {
    await import('./run-unit');
    port.postMessage({ ready: true } satisfies Ready);
  });
}

/** Units a worker holds at once: the one it runs and the next, so it never waits for the main thread. */
const UNITS_PER_WORKER = 2;

/**
 * [choice] What a worker costs before its first answer: a new isolate, the bundle and its code cache loaded again,
 * and every hot function optimised again (~150 ms on the 2-core development machine, against 5 ms for a warm
 * small template on the main thread). With the default `--jobs`, a worker is started only when the work left would
 * give every thread at least this much: a pre-commit run of three templates stays on the main thread.
 */
const WORKER_WARM_UP_MS = 150;

/**
 * How many threads the run has: `exact`, the `--jobs` the user gave, all started at once; `adaptive` (the default,
 * up to the cores), started as the main thread's own units show the run is long enough to repay their warm-up.
 */
export type ThreadPolicy =
  | { readonly start: 'exact'; readonly jobs: number }
  // The cores, asked only when a worker is worth starting: a run of a few templates never loads node:os for it.
  | { readonly start: 'adaptive'; readonly jobs: () => number };

/**
 * Workers the adaptive policy wants, given the units not yet handed out and the main thread's mean time per unit:
 * as many as keep each thread's share of the remaining work at least one warm-up, within `jobs - 1`, and no more
 * than the units the main thread does not take next.
 */
export function workersWorthStarting(remainingUnits: number, meanUnitMs: number, jobs: number): number {
  const work = remainingUnits * meanUnitMs;
  return Math.max(0, Math.min(jobs - 1, remainingUnits - 1, Math.floor(work / WORKER_WARM_UP_MS) - 1));
}

/**
 * Runs the units on this thread (with `runHere`) and up to `jobs - 1` workers (none for `jobs` 1), handing each
 * unit's result to `deliver` (with the unit's index) as it arrives: every unit exactly once. A worker is handed
 * more units only once it says it is ready (with `exact`, one waits for it from the start), so the main thread,
 * warm already, goes on with the run while a worker starts; a worker still starting when no unit is left is
 * stopped. A worker that dies fails the unit it was running as a bug (exit 3); the one it held queued goes to
 * another thread. A worker that cannot be started leaves the run to the threads it has.
 */
export async function runUnitsOnWorkers(
  units: readonly InputUnit[],
  options: SimulateOptions,
  env: Readonly<Record<string, string | undefined>>,
  threads: ThreadPolicy,
  deliver: (index: number, result: UnitResult) => void,
  runHere: (unit: InputUnit) => Promise<UnitResult>,
): Promise<void> {
  const finished: boolean[] = new Array<boolean>(units.length).fill(false);
  let next = 0;
  /** Units a dead worker held but never started, handed out again before new ones. */
  const returned: number[] = [];
  const take = (): number | undefined => returned.shift() ?? (next < units.length ? next++ : undefined);
  const left = (): boolean => returned.length > 0 || next < units.length;
  const finish = (index: number, result: UnitResult): void => {
    finished[index] = true;
    deliver(index, result);
  };
  // Loaded already: the main thread's own units run through it.
  const { failedUnit } = await import('./run-unit');
  const bug = (index: number, message: string): UnitResult => failedUnit(units[index]?.input ?? '?', new Error(message), env);
  const feeders: Array<() => void> = [];
  const feedAll = (): void => {
    for (const feed of feeders) feed();
  };
  let live = 0;
  let allExited: (() => void) | undefined;

  const startWorker = (handOutAtOnce: boolean): void => {
    let worker: WorkerThreads.Worker;
    try {
      worker = new (workerThreads().Worker)(__filename, { argv: [WORKER_ARGUMENT], workerData: { simulateWorker: true, options, env } satisfies WorkerInit });
    } catch {
      return;
    }
    live += 1;
    /** The units sent to this worker and not yet answered, oldest (the one running) first. */
    const held: number[] = [];
    let ready = false;
    let ended = false;
    const feed = (): void => {
      while (ready && !ended && held.length < UNITS_PER_WORKER) {
        const index = take();
        if (index === undefined) break;
        held.push(index);
        worker.postMessage({ index, unit: units[index] } satisfies Job);
      }
      if (!ended && held.length === 0 && !left()) {
        ended = true;
        void worker.terminate();
      }
    };
    feeders.push(feed);
    if (handOutAtOnce) {
      // `--jobs` given: every thread asked for gets a unit from the start (it waits in the worker's queue).
      const index = take();
      if (index !== undefined) {
        held.push(index);
        worker.postMessage({ index, unit: units[index] } satisfies Job);
      }
    }
    worker.on('message', (message: Done | Ready) => {
      if ('ready' in message) {
        ready = true;
      } else {
        held.splice(held.indexOf(message.index), 1);
        finish(message.index, message.result ?? bug(message.index, message.error ?? 'no result'));
      }
      feed();
    });
    worker.on('error', (error) => {
      ended = true;
      // A worker that never said it was ready ran nothing: what it held goes back, for the threads the run has.
      const running = ready ? held.shift() : undefined;
      if (running !== undefined && !finished[running]) finish(running, bug(running, error.message));
      for (const index of held.splice(0)) returned.push(index);
      feedAll();
    });
    worker.on('exit', () => {
      ended = true;
      for (const index of held.splice(0)) returned.push(index);
      feedAll();
      live -= 1;
      if (live === 0) allExited?.();
    });
  };

  let started = 0;
  if (threads.start === 'exact') for (; started < threads.jobs - 1; started += 1) startWorker(true);
  let cores: number | undefined;
  let hereMs = 0;
  let hereUnits = 0;
  // This thread's share: a unit at a time, letting the event loop in between: the workers' answers (so they are fed
  // again), and a closed stdout (`simulate repo | head`), which then ends the run at the next stack, not after the
  // whole repository (a unit's run may never leave the microtask queue).
  for (let index = take(); index !== undefined; index = take()) {
    const began = performance.now();
    finish(index, await runHere(units[index] as InputUnit));
    hereMs += performance.now() - began;
    hereUnits += 1;
    if (threads.start === 'adaptive') {
      const worth = workersWorthStarting(units.length - next + returned.length, hereMs / hereUnits, Number.POSITIVE_INFINITY);
      if (worth > started) {
        cores ??= threads.jobs();
        for (; started < Math.min(worth, cores - 1); started += 1) startWorker(false);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Nothing left to hand out: a worker still starting is stopped.
  feedAll();
  if (live > 0) await new Promise<void>((resolve) => (allExited = resolve));
  // Units returned by a worker that died after this thread had finished its own share.
  for (let index = take(); index !== undefined; index = take()) finish(index, await runHere(units[index] as InputUnit));
  finished.forEach((done, i) => {
    if (!done) finish(i, bug(i, 'the worker ended without an answer'));
  });
}
