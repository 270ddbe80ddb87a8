/**
 * Requests carrying `__proto__`, `constructor` and `prototype` keys — as JSON.parse makes them, own keys —
 * in every part the handler reads. Such a key must be plain data: it may neither supply a value the
 * request does not have (a `__proto__` holding minBuckets must not set minBuckets) nor pollute
 * Object.prototype. The verdict must be the one the same request gets without the key.
 */
import { createEntrypoint } from '../../src/handlers';
import { progressEventViolations, type HookProgressEvent, type JsonObject } from '../../src/kernel/protocol';

const run = createEntrypoint({ log: () => undefined, clients: () => { throw new Error('no AWS in this test'); } });

const encryptedBucket = {
  BucketName: 'reports',
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: 'true', ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
};

/** A create request as JSON text, so keys named __proto__ arrive exactly as the Lambda runtime parses them. */
function requestText(hookModel: string, properties: string, extra = ''): string {
  return `{
    "clientRequestToken": "token-proto",
    ${extra}
    "stackId": "arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/guid",
    "hookModel": ${hookModel},
    "actionInvocationPoint": "CREATE_PRE_PROVISION",
    "requestData": {"targetName": "AWS::S3::Bucket", "targetType": "RESOURCE", "targetLogicalId": "Reports",
                    "targetModel": {"resourceProperties": ${properties}}},
    "requestContext": {"invocation": 1, "callbackContext": null}
  }`;
}

const PLAIN_MODEL = '{"encryptionAlgorithm": "AES256", "minBuckets": "0"}';
const PLAIN_PROPERTIES = JSON.stringify(encryptedBucket);

function verdict(answer: HookProgressEvent) {
  return { hookStatus: answer.hookStatus, errorCode: answer.errorCode, annotations: answer.annotations?.map((a) => `${a.annotationName}=${a.status}`) };
}

function expectNoPollution(): void {
  for (const name of ['polluted', 'encryptionAlgorithm', 'minBuckets', 'BucketEncryption', 'SSEAlgorithm']) {
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, name)).toBe(false);
    expect(({} as Record<string, unknown>)[name]).toBeUndefined();
  }
}

describe('prototype-named keys in handler requests', () => {
  it.each([
    ['at the top of the request', PLAIN_MODEL, PLAIN_PROPERTIES, '"__proto__": {"polluted": "yes", "hookModel": {"encryptionAlgorithm": "aws:kms"}}, "constructor": {"prototype": {"polluted": "yes"}},'],
    ['in hookModel, beside real values', '{"__proto__": {"encryptionAlgorithm": "aws:kms", "minBuckets": "5"}, "encryptionAlgorithm": "AES256", "minBuckets": "0"}', PLAIN_PROPERTIES, ''],
    ['in resourceProperties', PLAIN_MODEL, PLAIN_PROPERTIES.replace('{', '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}, '), ''],
    [
      'in an encryption rule',
      PLAIN_MODEL,
      PLAIN_PROPERTIES.replace('"ServerSideEncryptionByDefault"', '"__proto__": {"BucketKeyEnabled": "false"}, "ServerSideEncryptionByDefault"'),
      '',
    ],
  ])('%s: the verdict of the request without them, nothing polluted', async (_where, model, properties, extra) => {
    const plain = await run(JSON.parse(requestText(PLAIN_MODEL, PLAIN_PROPERTIES)));
    const hostile = JSON.parse(requestText(model, properties, extra)) as JsonObject;
    const answer = await run(hostile);
    expect(progressEventViolations(answer)).toEqual([]);
    expect(answer.clientRequestToken).toBe('token-proto');
    expect(verdict(answer)).toEqual(verdict(plain));
    expectNoPollution();
  });

  it.each([
    ['encryptionAlgorithm only inside __proto__', '{"__proto__": {"encryptionAlgorithm": "aws:kms"}}'],
    ['encryptionAlgorithm only inside constructor.prototype', '{"constructor": {"prototype": {"encryptionAlgorithm": "aws:kms"}}}'],
  ])('hookModel with %s: never read as the value, the default applies', async (_what, model) => {
    const answer = await run(JSON.parse(requestText(model, PLAIN_PROPERTIES)));
    expect(progressEventViolations(answer)).toEqual([]);
    // AES256 is the default: had the hook read aws:kms from the prototype-named key, this AES256 bucket would fail.
    expect(verdict(answer)).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(answer.annotations).toContainEqual(expect.objectContaining({ annotationName: 's3-algorithm-matches', statusMessage: 'every rule uses AES256' }));
    expectNoPollution();
  });

  it('a bucket whose only encryption rule sits under __proto__ has no rules', async () => {
    const properties = '{"BucketName": "reports", "BucketEncryption": {"__proto__": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}}';
    const answer = await run(JSON.parse(requestText(PLAIN_MODEL, properties)));
    expect(answer).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: expect.stringContaining('[s3-encryption-configured]') });
    expectNoPollution();
  });

  it('a callbackContext whose cursor sits under __proto__ is not a cursor', async () => {
    const text = requestText('{"minBuckets": "1"}', PLAIN_PROPERTIES)
      .replace('"CREATE_PRE_PROVISION"', '"DELETE_PRE_PROVISION"')
      .replace('"callbackContext": null', '"callbackContext": {"__proto__": {"s3-minimum-encrypted-buckets": {"offset": 0, "count": 99}}}');
    const answer = await run(JSON.parse(text));
    expect(progressEventViolations(answer)).toEqual([]);
    // Had the inherited cursor been read, count 99 would meet minBuckets without a single AWS call.
    expect(answer.hookStatus).toBe('FAILED');
    expect(answer.errorCode).not.toBe('NonCompliant');
    expectNoPollution();
  });
});
