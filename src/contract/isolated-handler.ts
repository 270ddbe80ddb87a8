/**
 * Runs the handler where it can be stopped, as Lambda runs it: each invocation gets a fresh worker thread that
 * loads the handler module and calls the entrypoint once. At the time limit the worker is terminated, which stops
 * even a handler spinning in `while (true) {}`; a handler that calls `process.exit()` ends only its worker, and
 * that is reported as the failure it is. Everything the handler prints (at load time too) is captured in the
 * worker and comes back as its logs: nothing it writes reaches the runner's stdout. What the handler reads of its
 * type configuration comes back too (`configReads`, observed in the worker: see config-reads.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { setLongTimeout } from '../kernel/cli';
import { closestName } from '../kernel/diagnostics';
import type { JsonObject } from '../kernel/protocol';

/** Which module and export to call. */
export interface HandlerLocation {
  readonly file: string;
  readonly exportName: string;
}

/** How one worker run ended. */
export type WorkerOutcome = (
  | { readonly kind: 'answer'; readonly json: string; readonly logs: string[] }
  | { readonly kind: 'loaded'; readonly logs: string[] }
  | { readonly kind: 'load-failed' | 'threw' | 'bad-output'; readonly message: string; readonly logs: string[] }
  /** `functions`: the module's exports that are functions, for a "did you mean". */
  | { readonly kind: 'no-export'; readonly message: string; readonly functions: string[]; readonly logs: string[] }
  | { readonly kind: 'exited'; readonly exitCode: number; readonly logs: string[] }
  | { readonly kind: 'timed-out' | 'init-timed-out' | 'never-settled'; readonly logs: string[] }
  | { readonly kind: 'crashed'; readonly message: string; readonly logs: string[] }
) & {
  /**
   * The top-level names the handler asked its hookModel for (`model.x`, `'x' in model`, and every name a whole-object
   * read such as a spread, `Object.entries` or `JSON.stringify` touches), when it got an object and the worker reported
   * back; absent when nothing could be observed (no hookModel object, or a worker stopped or ended before answering).
   */
  readonly configReads?: readonly string[];
};

/** The handler's log lines kept per invocation, and the length kept of each: the report needs the gist, not a flood. */
export const MAX_LOG_LINES = 1000;
export const MAX_LOG_LINE_CHARS = 4096;

// Plain CommonJS run by `new Worker(…, { eval: true })`: no file to ship beside the bundle, and the same code under
// ts-jest and in dist/contract.js.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const logs = [];
let dropped = 0;
// Kept within a bound: a handler that logs in a loop until its timeout must not fill the heap with its logs.
const keep = (text) => {
  for (const line of text.split('\\n')) {
    if (line === '') continue;
    if (logs.length < ${MAX_LOG_LINES}) logs.push(line.length > ${MAX_LOG_LINE_CHARS} ? line.slice(0, ${MAX_LOG_LINE_CHARS}) + '…' : line);
    else dropped += 1;
  }
};
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, ...rest) => {
    keep(String(chunk));
    const callback = rest.find((r) => typeof r === 'function');
    if (callback) callback();
    return true;
  };
}
const describe = (error) => {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an exception that cannot be described';
  }
};
// The type configuration's reads, observed on this side of the boundary (the request arrives as JSON text): hookModel
// reaches the handler as a Proxy over the parsed object that records each name asked for and otherwise behaves as the
// object. Only reads are recorded, never Object.keys / hasOwn (the descriptor trap), with which a handler lists what it
// does not know.
let reads;
const observe = (model) => {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) return model;
  reads = new Set();
  const record = (key) => {
    if (typeof key === 'string') reads.add(key);
  };
  return new Proxy(model, {
    get: (target, key, receiver) => (record(key), Reflect.get(target, key, receiver)),
    has: (target, key) => (record(key), Reflect.has(target, key)),
  });
};
const post = (message) =>
  parentPort.postMessage({ ...message, logs: dropped > 0 ? logs.concat('[… ' + dropped + ' more log lines not kept]') : logs, ...(reads ? { configReads: [...reads] } : {}) });
// The event loop ran dry with no answer: a promise that never settles (Lambda would wait until its timeout).
process.on('beforeExit', () => post({ kind: 'never-settled' }));
let loaded;
let loadFailed = false;
let loadError;
try {
  loaded = require(workerData.file);
} catch (error) {
  loadFailed = true;
  loadError = error;
}
const entrypoint = typeof loaded === 'object' && loaded !== null ? loaded[workerData.exportName] : undefined;
if (loadFailed) {
  post({ kind: 'load-failed', message: describe(loadError) });
} else if (typeof entrypoint !== 'function') {
  let functions = [];
  try {
    if (typeof loaded === 'object' && loaded !== null) functions = Object.keys(loaded).filter((name) => typeof loaded[name] === 'function').slice(0, 200);
  } catch {
    // A getter that throws: no names to offer.
  }
  post({ kind: 'no-export', message: 'not a function', functions });
} else if (workerData.eventJson === undefined) {
  post({ kind: 'loaded' });
} else {
  // Loading is Lambda's init phase; the invocation's own time limit starts now.
  parentPort.postMessage({ kind: 'started' });
  const deadline = Date.now() + workerData.timeoutMillis;
  const context = { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()), awsRequestId: 'contract-test' };
  const invoke = (observed) => {
    const event = JSON.parse(workerData.eventJson);
    if (observed && typeof event === 'object' && event !== null && 'hookModel' in event) event.hookModel = observe(event.hookModel);
    return entrypoint(event, context);
  };
  // [choice] A Proxy is not a plain object everywhere: structuredClone, v8.serialize and postMessage refuse it. A
  // handler that throws while its configuration is observed is called once more with the plain event, as Lambda
  // gives it; that call's outcome is the case's, its logs the call's, and nothing is observed for the case.
  // What the module logged while it loaded stays; what the watched call logged goes with it.
  const keptAtCall = logs.length;
  const droppedAtCall = dropped;
  Promise.resolve()
    .then(() => invoke(true))
    .catch((error) => {
      if (reads === undefined) throw error;
      reads = undefined;
      logs.length = keptAtCall;
      dropped = droppedAtCall;
      return invoke(false);
    })
    .then(
      (answer) => {
        let json;
        try {
          json = JSON.stringify(answer);
        } catch (error) {
          post({ kind: 'bad-output', message: describe(error) });
          return;
        }
        post({ kind: 'answer', json: json === undefined ? 'null' : json });
      },
      (error) => post({ kind: 'threw', message: describe(error) }),
    );
}
`;

/** Lambda's limit on the init phase (loading the module), which does not count against the invocation's timeout. */
export const INIT_TIMEOUT_MILLIS = 10_000;

/**
 * [choice] The handler's heap: template.yml's MemorySize (256 MB). Lambda counts the whole process against it, the
 * worker only its JavaScript heap, so the runner is a little more lenient than Lambda.
 */
export const HANDLER_HEAP_MB = 256;

/**
 * Loads the handler in a fresh worker and, when `event` is given, invokes it once. Never rejects: every way the
 * worker can end is a WorkerOutcome. Loading has INIT_TIMEOUT_MILLIS; the invocation `timeoutMillis`, counted from
 * the call (any positive number, longer than setTimeout holds too).
 */
export function runHandlerInWorker(handler: HandlerLocation, event: JsonObject | undefined, timeoutMillis: number): Promise<WorkerOutcome> {
  return new Promise<WorkerOutcome>((resolve) => {
    const logs: string[] = [];
    let settled = false;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The event crosses as JSON text, as it reaches Lambda: what JSON cannot carry does not arrive.
      workerData: { file: handler.file, exportName: handler.exportName, eventJson: event === undefined ? undefined : JSON.stringify(event), timeoutMillis },
      // Piped to us instead of to our stdout: whatever escapes the capture inside the worker is still a log.
      stdout: true,
      stderr: true,
      // A handler that allocates without end fails its case instead of taking the runner down with it.
      resourceLimits: { maxOldGenerationSizeMb: HANDLER_HEAP_MB },
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '' && logs.length < MAX_LOG_LINES) logs.push(line);
      });
    }
    const finish = (outcome: WorkerOutcome): void => {
      if (settled) return;
      settled = true;
      timer.clear();
      // The answer is in; whatever the handler left running (timers, sockets) ends with its worker, as a frozen Lambda sandbox's would.
      void worker.terminate();
      resolve(outcome);
    };
    let timer = setLongTimeout(() => finish({ kind: 'init-timed-out', logs }), INIT_TIMEOUT_MILLIS);
    worker.on('message', (message: WorkerOutcome | { kind: 'started' }) => {
      if (message.kind === 'started') {
        timer.clear();
        timer = setLongTimeout(() => finish({ kind: 'timed-out', logs }), timeoutMillis);
        return;
      }
      finish({ ...message, logs: [...message.logs, ...logs] });
    });
    worker.on('error', (error: Error) => finish({ kind: 'crashed', message: error.message, logs }));
    worker.on('exit', (exitCode: number) => finish({ kind: 'exited', exitCode, logs }));
  });
}

/** Why a handler module cannot serve as an entrypoint: what the message says, and the module's function exports. */
export interface HandlerLoadFailure {
  readonly kind: 'missing' | 'not-a-file' | 'no-export' | 'load-failed' | 'init-timed-out' | 'exited';
  /** Says what is wrong, without the module's name (each caller names the module and where it was named). */
  readonly reason: string;
  /** For `no-export`: the export the name most likely meant, and every function the module exports. */
  readonly didYouMean?: string;
  readonly functions: readonly string[];
}

/**
 * Loads the module in a worker of its own, as Lambda's init phase would, and checks that it exports the entrypoint
 * as a function. The one load check: the contract runner runs it before its cases, the packager before it ships the
 * module. Nothing of the handler runs in the caller's process. Undefined when the module serves.
 */
export async function checkHandlerLoads(handler: HandlerLocation): Promise<HandlerLoadFailure | undefined> {
  if (!existsSync(handler.file)) return { kind: 'missing', reason: 'no compiled handler; run `npm run build` first', functions: [] };
  // require() would block its worker for ever on a FIFO, in a read that terminating the worker cannot interrupt.
  if (!statSync(handler.file).isFile()) return { kind: 'not-a-file', reason: 'the handler must be a regular file (a compiled module)', functions: [] };
  const loaded = await runHandlerInWorker(handler, undefined, INIT_TIMEOUT_MILLIS);
  switch (loaded.kind) {
    case 'loaded':
      return undefined;
    case 'no-export': {
      const didYouMean = closestName(handler.exportName, loaded.functions);
      const offered = didYouMean ? `; did you mean ${didYouMean}?` : loaded.functions.length ? ` (its functions: ${loaded.functions.join(', ')})` : ' (it exports no function)';
      return { kind: 'no-export', reason: `does not export a function ${handler.exportName}${offered}`, didYouMean, functions: loaded.functions };
    }
    case 'load-failed':
    case 'crashed':
      return { kind: 'load-failed', reason: `the handler module failed to load: ${loaded.message}`, functions: [] };
    case 'init-timed-out':
      return { kind: 'init-timed-out', reason: `the handler module did not finish loading within ${INIT_TIMEOUT_MILLIS / 1000} s (Lambda's init limit)`, functions: [] };
    case 'exited':
      return { kind: 'exited', reason: `the handler module ended the process (process.exit(${loaded.exitCode})) while loading`, functions: [] };
    default:
      return { kind: 'load-failed', reason: 'the handler module did not load', functions: [] };
  }
}
