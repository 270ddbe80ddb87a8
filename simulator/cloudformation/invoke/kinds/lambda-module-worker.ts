/**
 * A hook's JavaScript module run as Lambda runs it: in a runtime of its own, not in the simulator's process. The
 * module is loaded in a worker thread, which is the function's runtime here:
 * - what it prints (`console.log`, `process.stdout.write`) is its log, as CloudWatch Logs holds a function's: shown on
 *   stderr with --handler-logs and dropped otherwise, never mixed into the simulator's own output (a JSON, SARIF or
 *   JUnit document on stdout);
 * - `process.exit()` ends the runtime, not the simulation: the call is a function error (Lambda's
 *   `Runtime.ExitError`), and the next call starts a fresh runtime, as Lambda starts a new execution environment;
 * - a call past its time budget has its runtime stopped (a busy loop cannot hang the run), as Lambda stops a
 *   function at its timeout.
 * The event and the answer cross as JSON text, as they do to and from a Lambda function. A Lambda hook's module gets
 * the context and the environment variables Lambda gives its function (lambda-function.ts), in its runtime only; every
 * module's runtime is kept from the user's AWS credentials and from AWS itself (module-environment.ts).
 */
import type * as WorkerThreads from 'node:worker_threads';
import type { HookEntrypoint, InvocationContext } from '../../../../src/kernel/protocol';
import { lambdaRuntimeFor, type LambdaFunctionIdentity } from './lambda-function';
import { explainedModuleError, moduleEnvironment, NO_AWS_ACCESS, type ModuleAwsAccess } from './module-environment';

/** Code in a local module: its file and the export to call. */
export interface ModuleSpec {
  readonly path: string;
  readonly exportName: string;
}

/** Why a module could not be loaded: a load error (a syntax error) or a missing export; the caller words it. */
export type ModuleLoadFailure =
  | { readonly kind: 'load'; readonly name: string; readonly message: string; readonly stack: string }
  | { readonly kind: 'export'; readonly exported: readonly string[] };

/** The thread's side. Plain JavaScript, run with `eval`: the bundle holds it as text, so it needs no file of its own. */
const RUNTIME_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { path, exportName, functionContext } = workerData;

// What the function prints is its log: each line goes to the simulator as a message, never to its stdout.
for (const stream of [process.stdout, process.stderr]) {
  let partial = '';
  stream.write = (chunk, encoding, callback) => {
    const text = partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'));
    const lines = text.split('\n');
    partial = lines.pop();
    if (partial.length > 65536) {
      lines.push(partial);
      partial = '';
    }
    for (const line of lines) parentPort.postMessage({ type: 'log', line });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  };
}

async function importModule() {
  if (path.endsWith('.mjs')) return import(pathToFileURL(path).href);
  try {
    return require(path);
  } catch (error) {
    if (error && (error.code === 'ERR_REQUIRE_ESM' || error.code === 'ERR_REQUIRE_ASYNC_MODULE')) return import(pathToFileURL(path).href);
    throw error;
  }
}

function functionsOf(loaded) {
  const fromDefault = loaded && typeof loaded.default === 'object' && loaded.default !== null ? loaded.default : {};
  const all = Object.assign({}, fromDefault, loaded);
  return Object.keys(all).filter((name) => name !== 'default' && typeof all[name] === 'function');
}

let handler;
(async () => {
  let loaded;
  try {
    loaded = await importModule();
  } catch (error) {
    const e = error || {};
    parentPort.postMessage({ type: 'loaded', failure: { kind: 'load', name: String(e.name || 'Error'), message: String(e.message || e), stack: String(e.stack || '') } });
    return;
  }
  const fromDefault = loaded && typeof loaded.default === 'object' && loaded.default !== null ? loaded.default : undefined;
  handler = loaded[exportName] !== undefined ? loaded[exportName] : fromDefault ? fromDefault[exportName] : undefined;
  if (typeof handler !== 'function') {
    parentPort.postMessage({ type: 'loaded', failure: { kind: 'export', exported: functionsOf(loaded) } });
    return;
  }
  parentPort.postMessage({ type: 'loaded' });
})();

parentPort.on('message', async ({ id, event, context, deadline }) => {
  const ctx = Object.assign({}, functionContext, JSON.parse(context), { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) });
  try {
    const input = JSON.parse(event);
    // Callback-style handlers (three parameters) answer through the callback, as the Node.js Lambda runtime allows.
    const answer = handler.length >= 3
      ? await new Promise((resolve, reject) => handler(input, ctx, (error, result) => (error ? reject(error) : resolve(result))))
      : await handler(input, ctx);
    const text = JSON.stringify(answer);
    parentPort.postMessage({ type: 'answer', id, text: text === undefined ? 'null' : text });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error && typeof error.code === 'string' ? error.code : undefined;
    parentPort.postMessage({ type: 'answer', id, error: message, code });
  }
});
`;

/** How long a module may take to load: Lambda's init phase limit for an on-demand function. */
const INIT_TIMEOUT_MS = 10_000;

/** What the runtime said back. */
type RuntimeMessage =
  | { readonly type: 'loaded'; readonly failure?: ModuleLoadFailure }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'answer'; readonly id: number; readonly text?: string; readonly error?: string; readonly code?: string };

/** A call waiting for its answer. */
interface PendingCall {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** One runtime: a worker with its module loaded, or the reason it could not load it. */
interface Runtime {
  readonly worker: WorkerThreads.Worker;
  readonly ready: Promise<ModuleLoadFailure | undefined>;
  readonly pending: Map<number, PendingCall>;
}

/**
 * The module's entrypoint, its runtime started now so that a module that cannot load is refused before the run
 * (the caller throws its input error for the failure given back). `log` receives each line the function prints.
 * `lambdaFunction` (a Lambda hook's function) adds its fields to each call's context and its variables to the
 * runtime's environment; without it (a registry hook's module) the context has awsRequestId and
 * getRemainingTimeInMillis, and the environment is the simulator's. Either way the environment is kept from the
 * user's AWS settings unless `access` lets them through (module-environment.ts).
 */
export async function moduleEntrypoint(
  spec: ModuleSpec,
  log?: (line: string) => void,
  lambdaFunction?: LambdaFunctionIdentity,
  access: ModuleAwsAccess = NO_AWS_ACCESS,
): Promise<{ entrypoint: HookEntrypoint } | { failure: ModuleLoadFailure }> {
  // Required here, not imported: only a run with a module hook starts a thread.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
  let nextId = 0;
  let runtimes = 0;

  const start = (): Runtime => {
    runtimes += 1;
    // Each runtime is an execution environment of its own (its own log stream). Its environment is the worker's
    // copy, never the simulator's own: the simulator's without its AWS settings, with Lambda's variables over it.
    const setting = lambdaFunction ? lambdaRuntimeFor(lambdaFunction, runtimes) : undefined;
    const worker = new Worker(RUNTIME_SOURCE, {
      eval: true,
      workerData: { path: spec.path, exportName: spec.exportName, functionContext: setting?.context ?? {} },
      env: moduleEnvironment(process.env, setting?.env ?? {}, access),
    });
    const pending = new Map<number, PendingCall>();
    const ready = new Promise<ModuleLoadFailure | undefined>((resolve) => {
      // A module whose top level never finishes (a loop, a wait) would hold the run: Lambda gives a function's init
      // phase 10 seconds, and so does this runtime.
      const loading = setTimeout(() => {
        resolve({ kind: 'load', name: 'Runtime.InitTimeout', message: `the module did not finish loading within ${INIT_TIMEOUT_MS / 1000} seconds (a Lambda function's init phase limit)`, stack: '' });
        void worker.terminate();
      }, INIT_TIMEOUT_MS);
      worker.on('message', (message: RuntimeMessage) => {
        if (message.type === 'log') log?.(message.line.length > 8192 ? `${message.line.slice(0, 8192)}…` : message.line);
        else if (message.type === 'loaded') {
          clearTimeout(loading);
          // The run ends when its work does: an idle runtime must not keep the process alive (a call refs it).
          worker.unref();
          resolve(message.failure);
        } else {
          settle(pending, access.userCredentials ? message : { ...message, ...(message.error !== undefined ? { error: explainedModuleError(message.error, message.code) } : {}) });
          if (pending.size === 0) worker.unref();
        }
      });
      worker.on('error', (error) => {
        // An error thrown outside any call (a timer in the module): Lambda logs it and the environment goes on failing.
        log?.(`Uncaught ${error.name}: ${error.message}`);
        resolve({ kind: 'load', name: error.name, message: error.message, stack: error.stack ?? '' });
      });
      worker.on('exit', (code) => {
        clearTimeout(loading);
        resolve({ kind: 'load', name: 'Runtime.ExitError', message: `the module's process exited (code ${code}) while it was loaded`, stack: '' });
        for (const call of pending.values()) call.reject(new Error(`Runtime.ExitError: the function's process exited (code ${code}) before answering`));
        pending.clear();
        if (runtime?.worker === worker) runtime = undefined;
      });
    });
    return { worker, ready, pending };
  };

  let runtime: Runtime | undefined = start();
  const failure = await runtime.ready;
  if (failure !== undefined) {
    void runtime.worker.terminate();
    return { failure };
  }

  const entrypoint = async (event: unknown, context?: InvocationContext): Promise<never> => {
    // Lambda gives an execution environment one call at a time, and the simulator calls a hook one call at a time:
    // a runtime still busy when a call comes is busy with one its caller gave up on (the retry after a timeout). It
    // is stopped now and the call gets a new runtime, as Lambda gives it a new environment. Not "busy past its
    // deadline": a timer may fire a millisecond before Date.now() reaches that deadline, and the retry then queued
    // behind the busy loop died with it as "exited (code 1)" instead of timing out (a flaky CI run).
    if (runtime && runtime.pending.size > 0) {
      void runtime.worker.terminate();
      runtime = undefined;
    }
    const current = runtime ?? (runtime = start());
    const id = (nextId += 1);
    const restarted = await current.ready;
    if (restarted !== undefined) throw new Error(`${restarted.kind === 'load' ? restarted.message : 'the module no longer exports its handler'}`);
    // For the same reason, a call overtaken by a later one while its runtime started (on a loaded machine a start can
    // outlast a call's budget) is one its caller gave up on: given to the function, it would hold the runtime and
    // the later call, queued behind it, would die with it when its budget ran out.
    if (id !== nextId) throw new Error('the call was not made: a later call came while its runtime was starting (its caller had given up on it)');
    const remaining = context?.getRemainingTimeInMillis() ?? 30_000;
    // The call's plain field crosses (a function does not; the runtime makes its own getRemainingTimeInMillis).
    const fields = { awsRequestId: context?.awsRequestId };
    const deadline = Date.now() + remaining;
    return new Promise<never>((resolve, reject) => {
      // Past its budget the call's runtime is stopped: a function that never yields (a busy loop) cannot hold the run.
      const timer = setTimeout(() => {
        current.pending.delete(id);
        if (runtime === current) runtime = undefined;
        void current.worker.terminate();
        reject(new Error(`the function ran past its time budget and its runtime was stopped`));
      }, remaining + 50);
      timer.unref();
      current.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as never);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      current.worker.ref();
      current.worker.postMessage({ id, event: JSON.stringify(event), context: JSON.stringify(fields), deadline });
    });
  };
  return { entrypoint };
}

/** Hands a call its answer (parsed, as Lambda's runtime parses the function's JSON) or its error. */
function settle(pending: Map<number, PendingCall>, message: Extract<RuntimeMessage, { type: 'answer' }>): void {
  const call = pending.get(message.id);
  if (!call) return;
  pending.delete(message.id);
  if (message.error !== undefined) call.reject(new Error(message.error));
  else call.resolve(JSON.parse(message.text ?? 'null') as unknown);
}
