/**
 * Worker threads for a many-templates run. The worker entry is the simulate bundle itself (dist/simulate.js
 * starts as a worker when `workerData.simulateWorker` is set), so there is no second bundle to keep in step.
 * Units are handed out one at a time to whichever worker is free; results are stored by unit index, so the
 * output order never depends on scheduling.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { InputUnit } from './inputs';
import type { SimulateOptions } from './options';
import type { UnitResult } from './many';

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

/** True when this code runs from a JavaScript bundle a worker can load (not from TypeScript under a test runner). */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}

/** True in a thread started by runUnitsOnWorkers. */
export function isSimulateWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInit> | null)?.simulateWorker === true;
}

/** The worker's side: simulate each unit the main thread sends, answer with its rows. */
export function serveAsWorker(): void {
  const init = workerData as WorkerInit;
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: Job) => {
    void (async () => {
      const { runUnit } = await import('./many');
      try {
        port.postMessage({ index: job.index, result: await runUnit(job.unit, init.options, init.env) } satisfies Done);
      } catch (error) {
        port.postMessage({ index: job.index, error: error instanceof Error ? error.message : String(error) } satisfies Done);
      }
    })();
  });
}

/** Runs the units on `jobs` workers; results in unit order. A worker that dies fails its unit as a bug (exit 3). */
export async function runUnitsOnWorkers(
  units: readonly InputUnit[],
  options: SimulateOptions,
  env: Readonly<Record<string, string | undefined>>,
  jobs: number,
  progress: (done: number) => void,
): Promise<UnitResult[]> {
  const results: (UnitResult | undefined)[] = new Array<UnitResult | undefined>(units.length).fill(undefined);
  let next = 0;
  let done = 0;
  const bug = (index: number, message: string): UnitResult => [
    { input: units[index]?.input ?? '?', stackName: '-', code: 3, stdout: '', stderr: `simulate: internal error (this is a bug, please report it): ${message}\n`, invocations: 0, failedInvocations: 0 },
  ];
  await new Promise<void>((resolve) => {
    let live = jobs;
    for (let w = 0; w < jobs; w += 1) {
      const worker = new Worker(__filename, { workerData: { simulateWorker: true, options, env } satisfies WorkerInit });
      let current = -1;
      const feed = (): void => {
        if (next >= units.length) {
          void worker.terminate();
          return;
        }
        current = next;
        next += 1;
        worker.postMessage({ index: current, unit: units[current] } satisfies Job);
      };
      worker.on('message', (message: Done) => {
        results[message.index] = message.result ?? bug(message.index, message.error ?? 'no result');
        done += 1;
        progress(done);
        feed();
      });
      worker.on('error', (error) => {
        if (current >= 0 && results[current] === undefined) results[current] = bug(current, error.message);
      });
      worker.on('exit', () => {
        live -= 1;
        if (live === 0) resolve();
      });
      feed();
    }
  });
  return results.map((r, i) => r ?? bug(i, 'the worker ended without an answer'));
}
