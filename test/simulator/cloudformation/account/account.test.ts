import {
  GetBucketEncryptionCommand,
  ListBucketsCommand,
  S3ServiceException,
  type ListBucketsCommandOutput,
} from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSServiceException } from '@aws-sdk/client-sqs';
import { AccountFileError, accountClientFactory, parseAccount, SimulatedAccount } from '../../../../simulator/cloudformation/account';
import { encryptedBucket, resource } from '../build-resources';

const ACCOUNT = '123456789012';

function clients(account: SimulatedAccount, region = 'us-east-1') {
  return accountClientFactory(account)({ accessKeyId: 'a', secretAccessKey: 'b' }, region);
}

function account(): SimulatedAccount {
  const a = new SimulatedAccount(ACCOUNT, 'us-east-1');
  a.addBucket({ name: 'kms-bucket', region: 'eu-west-1', encryption: [{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/k', BucketKeyEnabled: true }] });
  a.addBucket({ name: 'plain-bucket', region: 'us-east-1' });
  a.addBucket({ name: 'aes.bucket.with.dots', region: 'us-east-1', encryption: [{ SSEAlgorithm: 'AES256' }] });
  a.addQueue({ name: 'encrypted', region: 'us-east-1', KmsMasterKeyId: 'alias/q' });
  a.addQueue({ name: 'plain', region: 'us-east-1' });
  a.addQueue({ name: 'elsewhere', region: 'eu-west-1', KmsMasterKeyId: 'alias/q' });
  return a;
}

describe('the simulated account through the real S3 client', () => {
  it('ListBuckets returns every bucket in name order, with regions', async () => {
    const out = await clients(account()).s3.send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
      ['aes.bucket.with.dots', 'us-east-1'],
      ['kms-bucket', 'eu-west-1'],
      ['plain-bucket', 'us-east-1'],
    ]);
    expect(out.ContinuationToken).toBeUndefined();
  });

  it('ListBuckets paginates with MaxBuckets and ContinuationToken', async () => {
    const a = new SimulatedAccount(ACCOUNT, 'us-east-1');
    for (let i = 0; i < 25; i += 1) a.addBucket({ name: `b-${String(i).padStart(2, '0')}`, region: 'us-east-1' });
    const { s3 } = clients(a);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out: ListBucketsCommandOutput = await s3.send(new ListBucketsCommand({ MaxBuckets: 10, ...(token ? { ContinuationToken: token } : {}) }));
      names.push(...(out.Buckets ?? []).map((b) => b.Name ?? ''));
      token = out.ContinuationToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toHaveLength(25);
    expect(a.calls.ListBuckets).toBe(3);
  });

  it.each([
    ['kms-bucket', [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/k' }, BucketKeyEnabled: true }]],
    ['aes.bucket.with.dots', [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }]],
  ])('GetBucketEncryption %s', async (name, rules) => {
    const out = await clients(account()).s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
    expect(out.ServerSideEncryptionConfiguration?.Rules).toEqual(rules);
  });

  it.each([
    ['plain-bucket', 'ServerSideEncryptionConfigurationNotFoundError', 404],
    ['missing-bucket', 'NoSuchBucket', 404],
  ])('GetBucketEncryption %s fails with %s', async (name, code, status) => {
    const error: unknown = await clients(account()).s3.send(new GetBucketEncryptionCommand({ Bucket: name })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).name).toBe(code);
    expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(status);
  });

  it('answers a configured fault', async () => {
    const a = account();
    a.faults.set('ListBuckets', 'AccessDenied');
    const error: unknown = await clients(a).s3.send(new ListBucketsCommand({})).catch((e: unknown) => e);
    expect((error as S3ServiceException).name).toBe('AccessDenied');
  });
});

describe('the simulated account through the real SQS client (AWS JSON 1.0)', () => {
  it('ListQueues lists the queues of the client region only', async () => {
    const out = await clients(account()).sqs.send(new ListQueuesCommand({}));
    expect(out.QueueUrls).toEqual([`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/encrypted`, `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/plain`]);
    expect(out.NextToken).toBeUndefined();
  });

  it('ListQueues paginates with MaxResults and NextToken', async () => {
    const a = new SimulatedAccount(ACCOUNT, 'us-east-1');
    for (let i = 0; i < 5; i += 1) a.addQueue({ name: `q${i}`, region: 'us-east-1' });
    const { sqs } = clients(a);
    const first = await sqs.send(new ListQueuesCommand({ MaxResults: 3 }));
    expect(first.QueueUrls).toHaveLength(3);
    const second = await sqs.send(new ListQueuesCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(second.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['q3', 'q4']);
    expect(second.NextToken).toBeUndefined();
  });

  it.each([
    ['encrypted', { KmsMasterKeyId: 'alias/q' }],
    ['plain', {}],
  ])('GetQueueAttributes %s', async (name, attributes) => {
    const out = await clients(account()).sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`, AttributeNames: ['KmsMasterKeyId'] }),
    );
    expect(out.Attributes ?? {}).toEqual(attributes);
  });

  it('GetQueueAttributes of a missing queue fails with QueueDoesNotExist', async () => {
    const error: unknown = await clients(account())
      .sqs.send(new GetQueueAttributesCommand({ QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/nope`, AttributeNames: ['All'] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SQSServiceException);
    expect((error as SQSServiceException).name).toBe('QueueDoesNotExist');
  });
});

describe('stack resources in the account', () => {
  it('adds named and generated buckets and queues, and forgets deleted ones', () => {
    const a = new SimulatedAccount(ACCOUNT, 'us-east-1');
    const named = encryptedBucket('Named', { BucketName: 'my-named' });
    const generated = resource('Gen', 'AWS::S3::Bucket', {}, { physicalId: 'stack-gen-abc' });
    const queue = resource('Q', 'AWS::SQS::Queue', { KmsMasterKeyId: 'k' }, { physicalId: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/stack-Q-xyz` });
    a.addStackResources([named, generated, queue]);
    expect(a.buckets().map((b) => [b.name, b.encryption?.[0]?.SSEAlgorithm])).toEqual([
      ['my-named', 'AES256'],
      ['stack-gen-abc', 'AES256'],
    ]);
    expect(a.queues('us-east-1')).toEqual([{ name: 'stack-Q-xyz', region: 'us-east-1', KmsMasterKeyId: 'k' }]);
    a.removeStackResource(named);
    a.removeStackResource(queue);
    expect(a.buckets().map((b) => b.name)).toEqual(['stack-gen-abc']);
    expect(a.queues('us-east-1')).toEqual([]);
  });
});

describe("another stack's resources, in its own region", () => {
  it.each<[string, string, string[], string[]]>([
    ['the same region: its buckets and its queues are seen', 'us-east-1', ['other-bucket', 'own-bucket'], ['other-queue', 'own-queue']],
    ["another region: its buckets are listed (ListBuckets lists every region's), its queues are not (ListQueues is regional)", 'eu-west-1', ['other-bucket', 'own-bucket'], ['own-queue']],
  ])('%s', (_name, region, buckets, queues) => {
    const a = new SimulatedAccount(ACCOUNT, 'us-east-1');
    a.addStackResources([encryptedBucket('Own', { BucketName: 'own-bucket' }), resource('OwnQ', 'AWS::SQS::Queue', { QueueName: 'own-queue', KmsMasterKeyId: 'k' })]);
    a.addStackResources([encryptedBucket('Other', { BucketName: 'other-bucket' }), resource('OtherQ', 'AWS::SQS::Queue', { QueueName: 'other-queue', KmsMasterKeyId: 'k' })], region);
    expect(a.buckets().map((b) => b.name)).toEqual(buckets);
    expect(a.bucket('other-bucket')?.region).toBe(region);
    expect(a.queues('us-east-1').map((q) => q.name)).toEqual(queues);
  });
});

describe('parseAccount', () => {
  it('reads buckets, queues and faults', () => {
    const a = parseAccount(
      JSON.stringify({
        buckets: [{ name: 'b', encryption: [{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'k', BucketKeyEnabled: true }] }],
        queues: [{ name: 'q', region: 'eu-west-1' }],
        faults: { ListQueues: 'Throttling' },
      }),
      'account.json',
      ACCOUNT,
      'us-east-1',
    );
    expect(a.buckets()).toEqual([{ name: 'b', region: 'us-east-1', encryption: [{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'k', BucketKeyEnabled: true }] }]);
    expect(a.queues('eu-west-1')).toEqual([{ name: 'q', region: 'eu-west-1' }]);
    expect(a.faults.get('ListQueues')).toBe('Throttling');
  });

  it.each([
    ['{"buckets": [', /^account\.json:1:\d+ /, 'invalid JSON'],
    ['[]', /^account\.json:1:1 /, 'must be a JSON object'],
    ['{"buckets": {}}', /^account\.json:1:13 /, 'buckets must be a list'],
    ['{\n  "buckets": [{"name": ""}]\n}', /^account\.json:2:24 /, 'name must be a non-empty string'],
    ['{"queues": [{"name": "q", "kms": "x"}]}', /^account\.json:1:34 /, 'unknown key "kms"'],
    ['{"buckets": [{"name": "b", "encryption": [{"SSEAlgorithm": "rot13"}]}]}', /:1:\d+ /, 'SSEAlgorithm must be one of'],
    ['{"faults": {"DeleteBucket": "AccessDenied"}}', /:1:\d+ /, 'unknown operation "DeleteBucket"'],
    ['{"thing": 1}', /:1:\d+ /, 'unknown key "thing"'],
  ])('%s is refused with a located message', (text, where, message) => {
    let caught: unknown;
    try {
      parseAccount(text, 'account.json', ACCOUNT, 'us-east-1');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AccountFileError);
    const d = (caught as AccountFileError).diagnostics[0];
    expect(`${d?.file}:${d?.line}:${d?.column} ${d?.message}`).toMatch(where);
    expect(d?.message).toContain(message);
  });
});
