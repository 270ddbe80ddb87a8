/** The local stand-in for the presigned payload URLs: serves what is published, nothing else, and only until closed. */
import { seededUuids, startPayloadServer } from '../../../../simulator/cloudformation/invoke';

describe('startPayloadServer', () => {
  it('serves a published document on 127.0.0.1 at a deterministic path; 404 elsewhere, 405 for writes; gone after close', async () => {
    const server = await startPayloadServer(seededUuids('payload-test'));
    const url = server.publish('{"template":"x"}');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/payload\/[0-9a-f-]{36}$/);
    const again = await startPayloadServer(seededUuids('payload-test'));
    expect(new URL(again.publish('{}')).pathname).toBe(new URL(url).pathname);
    await again.close();

    const ok = await fetch(url);
    expect([ok.status, ok.headers.get('content-type'), await ok.json()]).toEqual([200, 'application/json', { template: 'x' }]);
    const cases: Array<[string, RequestInit, number]> = [
      [`${new URL(url).origin}/payload/other`, {}, 404],
      [`${url}?x=1`, {}, 404],
      [url, { method: 'PUT', body: '{}' }, 405],
    ];
    for (const [target, init, status] of cases) expect((await fetch(target, init)).status).toBe(status);
    await server.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});
