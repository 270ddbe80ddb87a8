/**
 * The stand-in for the S3 presigned URLs the service puts in a STACK (or CHANGE_SET) request's `payload`: a tiny
 * HTTP server on 127.0.0.1, started for one run and closed after it, serving each published document at an
 * unguessable path. A handler that fetches its payload (`await fetch(event.requestData.payload)`) works unchanged,
 * in process or behind a local Invoke endpoint; nothing leaves the machine.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UuidSource } from './request-tokens';

/** Serves published payloads until closed. */
export interface PayloadServer {
  /** Serves `body` (JSON text) and gives its URL. */
  publish(body: string): string;
  /** Stops serving; every URL given out ends with it. */
  close(): Promise<void>;
}

/**
 * Starts a payload server on an ephemeral port of 127.0.0.1. Paths come from `ids` (deterministic per run, so a
 * request's URL differs between runs only by its port). Only GET (and HEAD) of a published path answer 200;
 * anything else is 404 or 405, as S3 refuses what the presigned URL does not sign.
 */
export async function startPayloadServer(ids: UuidSource): Promise<PayloadServer> {
  // Loaded here: only runs with a STACK or CHANGE_SET hook need it, and loading node:http costs every start ~2-4 ms.
  const { createServer } = await import('node:http');
  const documents = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const body = documents.get(request.url ?? '');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed');
    } else if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such payload');
    } else {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(request.method === 'HEAD' ? undefined : body);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    publish(body) {
      const path = `/payload/${ids()}`;
      documents.set(path, body);
      return `http://127.0.0.1:${port}${path}`;
    },
    close() {
      documents.clear();
      // Keep-alive sockets of a handler's fetch would otherwise hold the server (and the process) open.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
