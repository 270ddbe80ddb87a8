/**
 * Where a Lambda hook's code runs in the simulator: a local JavaScript module loaded in process
 * (`./hooks/tags.js`, `./hooks/tags.mjs#handler`), or a local Lambda Invoke endpoint (`sam local start-lambda`,
 * the runtime interface emulator) so that a hook in any language can be simulated. Nothing goes to AWS.
 */
import type * as Net from 'node:net';
import { basename } from 'node:path';
import { InputError } from '../../../../src/kernel/diagnostics';
import type { HookEntrypoint, InvocationContext } from '../../../../src/kernel/protocol';
import { notARegularFileReason } from '../../../../src/kernel/source';
import type { LambdaFunctionIdentity } from './lambda-function';
import { moduleEntrypoint } from './lambda-module-worker';
import type { ModuleAwsAccess } from './module-environment';

/** Code in a local module: its file and the export to call (`handler` unless `#name` says otherwise). */
export interface ModuleCode {
  readonly kind: 'module';
  readonly path: string;
  readonly exportName: string;
}

/** Code behind a local Lambda Invoke endpoint: the full invocations URL. */
export interface EndpointCode {
  readonly kind: 'endpoint';
  readonly url: string;
}

export type LambdaCode = ModuleCode | EndpointCode;

/** The largest answer read from an endpoint: Lambda's synchronous response limit (6 MB). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** A handler module that cannot be loaded (syntax error, no such export): the user's input, not a hook verdict. */
export class LambdaCodeError extends InputError {
  constructor(file: string, message: string, at: { line: number; column: number } = { line: 0, column: 0 }) {
    super([{ code: 'HOOKS_CODE_UNLOADABLE', severity: 'error', message, file, path: '', ...at }]);
  }
}

/**
 * Where a CommonJS module's syntax error is: Node's stack for it starts `<file>:<line>`, then the source line and a
 * caret under the token. (An ES module's says nowhere, in Node 20.)
 */
export function syntaxErrorPlace(error: unknown, path: string): { line: number; column: number } | undefined {
  // Duck-typed: a module compiled in another realm (a test runner's) throws that realm's SyntaxError.
  const { name, stack } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; stack?: unknown };
  if (name !== 'SyntaxError' || typeof stack !== 'string') return undefined;
  const [head, , caret] = stack.split('\n', 3);
  const line = head?.startsWith(`${path}:`) ? Number(head.slice(path.length + 1)) : NaN;
  if (!Number.isInteger(line) || line < 1) return undefined;
  const column = caret?.indexOf('^') ?? -1;
  return { line, column: column >= 0 ? column + 1 : 0 };
}

/**
 * The entrypoint that runs the code. A module runs in a runtime of its own (lambda-module-worker.ts), loaded now, so
 * that one that cannot load is an input error before the run; `log` receives each line the function prints. A
 * Lambda hook's module is given its `lambdaFunction`'s context and environment; an endpoint gives its own (sam
 * local knows the function it serves). A module gets the user's AWS credentials only when `access` says so.
 */
export async function loadLambdaCode(code: LambdaCode, log?: (line: string) => void, lambdaFunction?: LambdaFunctionIdentity, access?: ModuleAwsAccess): Promise<HookEntrypoint> {
  if (code.kind === 'endpoint') return endpointEntrypoint(code.url);
  // Callers refuse such a path where it is written (the hooks file, .rpdk-config); this holds for any other: a worker
  // blocked reading a FIFO cannot be terminated, and a device would be read without end.
  const unusable = notARegularFileReason(code.path);
  if (unusable !== undefined) throw new LambdaCodeError(code.path, `cannot load the hook's module: ${unusable}`);
  const started = await moduleEntrypoint(code, log, lambdaFunction, access);
  if ('entrypoint' in started) return started.entrypoint;
  const { failure } = started;
  if (failure.kind === 'load') {
    throw new LambdaCodeError(code.path, `cannot load the hook's module: ${failure.message}`, syntaxErrorPlace({ name: failure.name, stack: failure.stack }, code.path));
  }
  const hint =
    failure.exported.length > 0
      ? ` (it exports ${failure.exported.map((n) => `'${n}'`).join(', ')}: name the export after a '#', e.g. ${basename(code.path)}#${failure.exported[0] ?? ''})`
      : ' (it exports no function)';
  throw new LambdaCodeError(code.path, `the module has no exported function '${code.exportName}'${hint}`);
}

/** True for a URL the simulator may call: plain http on the loopback interface only. */
export function isLocalEndpoint(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Required here, not imported: only a run that names an endpoint asks, and node:net would load at every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isIP } = require('node:net') as typeof Net;
  return url.protocol === 'http:' && (host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1');
}

/** An entrypoint that POSTs the event to a Lambda Invoke endpoint and reads the function's answer. */
export function endpointEntrypoint(url: string): HookEntrypoint {
  return async (event: unknown, context?: InvocationContext) => {
    const remaining = context?.getRemainingTimeInMillis() ?? 30_000;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Amz-Invocation-Type': 'RequestResponse' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(Math.max(1, remaining)),
        // Lambda's Invoke API never redirects, and a redirect could lead anywhere (the instance metadata service):
        // only the loopback endpoint the user named is ever called.
        redirect: 'manual',
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new Error(`the Invoke endpoint ${url} did not answer (${error instanceof Error ? error.message : String(error)}${cause})`, { cause: error });
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new Error(`the Invoke endpoint ${url} answered a redirect (HTTP ${response.status}), which a Lambda Invoke endpoint never does; it is not followed`);
    }
    const text = await boundedBody(response);
    if (!response.ok) {
      const kind = response.headers.get('x-amzn-errortype');
      throw new Error(`the Invoke endpoint answered HTTP ${response.status}${kind ? ` ${kind}` : ''}: ${text.slice(0, 300)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new Error(`the function's answer is not JSON: ${text.slice(0, 300)}`, { cause: error });
    }
    // sam local flags a function error with the header; the runtime interface emulator drops headers, so its
    // error documents ({errorMessage, errorType}) are recognised by shape, as sam's own heuristic does.
    if (response.headers.has('x-amz-function-error') || isFunctionError(body)) {
      const detail = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      throw new Error(`the function failed: ${String(detail.errorType ?? 'Error')}: ${String(detail.errorMessage ?? text.slice(0, 300))}`);
    }
    return body as never;
  };
}

function isFunctionError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  return keys.includes('errorMessage') && keys.includes('errorType') && !keys.includes('hookStatus');
}

async function boundedBody(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new Error(`the function's answer is larger than ${MAX_RESPONSE_BYTES} bytes (Lambda's response limit)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
