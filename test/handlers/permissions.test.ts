/**
 * The schema's preDelete permissions and the SDK commands the code sends cannot drift apart: the
 * commands are observed (every preDelete path exercised against mocks) and found statically in the
 * source, each mapped to its IAM action, and the set must equal the schema's list exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetBucketEncryptionCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createEntrypoint } from '../../src/handlers';
import type { HookSchema } from '../../src/kernel/hook-config';
import { captureLogs, wireRequest } from './support';

/**
 * The IAM action each SDK command needs (AWS Service Authorization Reference). Note the two that are
 * not named after their API: ListBuckets needs s3:ListAllMyBuckets, GetBucketEncryption needs
 * s3:GetEncryptionConfiguration. A command missing here fails the test, so it must be looked up.
 */
const IAM_ACTION: Readonly<Record<string, string>> = {
  ListBucketsCommand: 's3:ListAllMyBuckets',
  GetBucketEncryptionCommand: 's3:GetEncryptionConfiguration',
  ListQueuesCommand: 'sqs:ListQueues',
  GetQueueAttributesCommand: 'sqs:GetQueueAttributes',
};

const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'mycompany-testing-mytesthook.json'), 'utf8')) as HookSchema;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function actionOf(command: string): string {
  const action = IAM_ACTION[command];
  if (!action) throw new Error(`no IAM action known for ${command}: add it to IAM_ACTION from the Service Authorization Reference`);
  return action;
}

describe('preDelete permissions', () => {
  it('the commands the code sends, observed, need exactly the schema preDelete permissions', async () => {
    const s3 = mockClient(S3Client);
    const sqs = mockClient(SQSClient);
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a' }] });
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [] } });
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: ['https://sqs.eu-west-1.amazonaws.com/123456789012/q'] });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: {} });
    const run = createEntrypoint({ clients: (_c, region) => ({ s3: new S3Client({ region }), sqs: new SQSClient({ region }) }), log: captureLogs().log });
    await run(wireRequest('DELETE_PRE_PROVISION', 'AWS::S3::Bucket', { BucketName: 'x' }, { hookModel: { minBuckets: '5' } }));
    await run(wireRequest('DELETE_PRE_PROVISION', 'AWS::SQS::Queue', { QueueName: 'x' }, { hookModel: { minQueues: '5' } }));
    const sent = [...s3.calls(), ...sqs.calls()].map((call) => (call.args[0] as object).constructor.name);
    const observed = [...new Set(sent.map(actionOf))].sort();
    expect(observed).toEqual([...(schema.handlers?.preDelete?.permissions ?? [])].sort());
    s3.restore();
    sqs.restore();
  });

  it('every command class the handler source names needs a permission the schema grants', () => {
    const named = new Set<string>();
    for (const file of sourceFiles(join(root, 'src', 'handlers'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\b([A-Z][A-Za-z]+Command)\b/g)) named.add(match[1] as string);
    }
    expect(named.size).toBeGreaterThan(0);
    const needed = [...new Set([...named].map(actionOf))].sort();
    expect(needed).toEqual([...(schema.handlers?.preDelete?.permissions ?? [])].sort());
  });

  it('preCreate and preUpdate need no permissions: they make no AWS call', () => {
    expect(schema.handlers?.preCreate?.permissions).toEqual([]);
    expect(schema.handlers?.preUpdate?.permissions).toEqual([]);
  });
});
