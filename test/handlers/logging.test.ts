/**
 * Structured logs: one JSON object per entry, useful fields, and never a credential — not on
 * success, not on failure, not when the credentials themselves are malformed.
 */
import { GetBucketEncryptionCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEntrypoint } from '../../src/handlers';
import { createLogger, redact } from '../../src/handlers/logger';
import { captureLogs, FIXTURE_SECRETS, FIXTURES, loadRequest, wireRequest } from './support';

const fixtureNames = readdirSync(join(FIXTURES, 'requests')).map((f) => f.replace(/\.json$/, ''));

describe('handler logs', () => {
  it.each(fixtureNames)('%s: logs are JSON objects with a level and message, and hold no secret', async (name) => {
    const { entries, log } = captureLogs();
    await createEntrypoint({ log })(loadRequest(name));
    expect(entries.length).toBeGreaterThanOrEqual(1);
    for (const entry of entries) {
      expect(['DEBUG', 'INFO', 'WARN', 'ERROR']).toContain(entry.level);
      expect(typeof entry.message).toBe('string');
    }
    const text = JSON.stringify(entries);
    for (const secret of FIXTURE_SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('AKIAFIXTUREFIXTURE01');
  });

  it('logs no secret when preDelete reaches AWS and fails', async () => {
    const s3 = mockClient(S3Client);
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a' }] });
    s3.on(GetBucketEncryptionCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    const { entries, log } = captureLogs();
    const answer = await createEntrypoint({ log, clients: () => ({ s3: new S3Client({}), sqs: new SQSClient({}) }) })(
      wireRequest('DELETE_PRE_PROVISION', 'AWS::S3::Bucket', { BucketName: 'b' }, { hookModel: { minBuckets: '1' } }),
    );
    expect(answer.errorCode).toBe('AccessDenied');
    const text = JSON.stringify(entries);
    for (const secret of FIXTURE_SECRETS) expect(text).not.toContain(secret);
    expect(entries.map((e) => e.message)).toEqual(['hook invoked', 'hook could not judge the request', 'hook answered']);
    s3.restore();
  });

  it('the default sink writes one JSON object per line to stdout', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      await createEntrypoint()(loadRequest('s3-create-compliant-aes256'));
    } finally {
      spy.mockRestore();
    }
    const lines = writes.join('').split('\n').filter(Boolean);
    expect(lines.length).toBe(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ level: 'INFO', clientRequestToken: expect.any(String) });
  });

  it('log: null discards every entry (nothing on stdout) and answers as with a sink', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    let silent;
    try {
      silent = await createEntrypoint({ log: null })(loadRequest('s3-create-compliant-aes256'));
    } finally {
      spy.mockRestore();
    }
    expect(writes).toEqual([]);
    const logged = await createEntrypoint({ log: () => undefined })(loadRequest('s3-create-compliant-aes256'));
    expect(silent).toEqual(logged);
  });

  it('a sink that throws does not break the handler', async () => {
    const answer = await createEntrypoint({
      log: () => {
        throw new Error('disk full');
      },
    })(loadRequest('s3-create-compliant-aes256'));
    expect(answer.hookStatus).toBe('SUCCESS');
  });
});

describe('redact', () => {
  it.each([
    [{ callerCredentials: '{"secretAccessKey":"s"}' }, { callerCredentials: '[redacted]' }],
    [{ nested: [{ secretAccessKey: 's', sessionToken: 't', keep: 1 }] }, { nested: [{ secretAccessKey: '[redacted]', sessionToken: '[redacted]', keep: 1 }] }],
    [{ requestData: { providerCredentials: 'x', targetName: 'AWS::S3::Bucket' } }, { requestData: { providerCredentials: '[redacted]', targetName: 'AWS::S3::Bucket' } }],
  ])('%j', (input, output) => {
    expect(redact(input)).toEqual(output);
  });

  it('redacts what a careless caller passes as fields', () => {
    const { entries, log } = captureLogs();
    createLogger(log).info('oops', { credentials: { accessKeyId: 'A', secretAccessKey: 'S' } });
    expect(JSON.stringify(entries)).not.toContain('"S"');
  });
});
