/** Request and type-configuration parsing: what is malformed, which code it gets, and what the message names. */
import { parseHookRequest } from '../../src/handlers/request';
import { parseTypeConfiguration, unknownTypeConfigurationProperties } from '../../src/handlers/type-configuration';
import { InvalidRequestError, TypeConfigurationError } from '../../src/handlers/errors';
import { wireRequest } from './support';

const valid = () => wireRequest('CREATE_PRE_PROVISION', 'AWS::S3::Bucket', { BucketName: 'b' }) as Record<string, unknown> & { requestData: Record<string, unknown> };

describe('parseHookRequest', () => {
  it('reads the target, its properties and the stack region', () => {
    const request = parseHookRequest(wireRequest('UPDATE_PRE_PROVISION', 'AWS::SQS::Queue', { QueueName: 'q' }, { previous: { QueueName: 'p' }, logicalId: 'Q' }), {});
    expect(request.target).toEqual({ typeName: 'AWS::SQS::Queue', targetType: 'RESOURCE', logicalId: 'Q', properties: { QueueName: 'q' }, previousProperties: { QueueName: 'p' }, viaCloudControl: false });
    expect(request.region).toBe('eu-west-1');
    expect(request.clientRequestToken).toBe('token-123');
  });

  it.each([
    ['the request region field', { region: 'ap-south-1' }, {}, 'ap-south-1'],
    ['the stack ARN', {}, { AWS_REGION: 'us-west-2' }, 'eu-west-1'],
    ['AWS_REGION without a stack ARN', { stackId: 'not-an-arn' }, { AWS_REGION: 'us-west-2' }, 'us-west-2'],
    ['us-east-1 as the last resort', { stackId: undefined }, {}, 'us-east-1'],
  ])('region from %s', (_why, patch, env, region) => {
    expect(parseHookRequest({ ...valid(), ...patch }, env).region).toBe(region);
  });

  it.each([
    ['callerCredentials wins', { callerCredentials: JSON.stringify({ accessKeyId: 'A', secretAccessKey: 'S' }), providerCredentials: JSON.stringify({ accessKeyId: 'P', secretAccessKey: 'Q' }) }, 'A'],
    ['providerCredentials as the fallback', { callerCredentials: undefined, providerCredentials: JSON.stringify({ accessKeyId: 'P', secretAccessKey: 'Q', sessionToken: 'T' }) }, 'P'],
    ['none: the default chain', { callerCredentials: undefined }, undefined],
    // The service and cfn test send JSON strings; a harness that sends the object already parsed is not refused for it.
    ['callerCredentials as an object already parsed', { callerCredentials: { accessKeyId: 'O', secretAccessKey: 'S' } }, 'O'],
  ])('credentials: %s', (_why, data, keyId) => {
    const event = valid();
    event.requestData = { ...event.requestData, ...data };
    expect(parseHookRequest(event, {}).credentials?.accessKeyId).toBe(keyId);
  });

  type Bad = [why: string, mutate: (e: ReturnType<typeof valid>) => unknown, field: string];
  it.each<Bad>([
    ['not an object', () => 'text', ''],
    ['no actionInvocationPoint', (e) => ({ ...e, actionInvocationPoint: undefined }), 'actionInvocationPoint'],
    ['unknown actionInvocationPoint', (e) => ({ ...e, actionInvocationPoint: 'CREATE_POST_PROVISION' }), 'actionInvocationPoint'],
    ['no requestData', (e) => ({ ...e, requestData: undefined }), 'requestData'],
    ['requestData a list', (e) => ({ ...e, requestData: [] }), 'requestData'],
    ['empty targetName', (e) => ({ ...e, requestData: { ...e.requestData, targetName: '' } }), 'requestData.targetName'],
    ['targetModel a string', (e) => ({ ...e, requestData: { ...e.requestData, targetModel: 'x' } }), 'requestData.targetModel'],
    ['resourceProperties a list', (e) => ({ ...e, requestData: { ...e.requestData, targetModel: { resourceProperties: [] } } }), 'requestData.targetModel.resourceProperties'],
    ['previousResourceProperties a string', (e) => ({ ...e, requestData: { ...e.requestData, targetModel: { previousResourceProperties: 's' } } }), 'requestData.targetModel.previousResourceProperties'],
    ['targetLogicalId a number', (e) => ({ ...e, requestData: { ...e.requestData, targetLogicalId: 5 } }), 'requestData.targetLogicalId'],
    ['requestContext a string', (e) => ({ ...e, requestContext: 'x' }), 'requestContext'],
    ['callbackContext a list', (e) => ({ ...e, requestContext: { callbackContext: [] } }), 'requestContext.callbackContext'],
    ['credentials not JSON', (e) => ({ ...e, requestData: { ...e.requestData, callerCredentials: '{oops' } }), 'requestData.callerCredentials'],
    ['credentials without a secret', (e) => ({ ...e, requestData: { ...e.requestData, providerCredentials: '{"accessKeyId":"A"}', callerCredentials: undefined } }), 'requestData.providerCredentials'],
    ['credentials an object without a secret', (e) => ({ ...e, requestData: { ...e.requestData, callerCredentials: { accessKeyId: 'A' } } }), 'requestData.callerCredentials'],
    ['credentials a number', (e) => ({ ...e, requestData: { ...e.requestData, callerCredentials: 5 } }), 'requestData.callerCredentials'],
  ])('%s → InvalidRequest at %s', (_why, mutate, field) => {
    let caught: unknown;
    try {
      parseHookRequest(mutate(valid()), {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRequestError);
    expect((caught as InvalidRequestError).field).toBe(field);
    expect((caught as InvalidRequestError).code).toBe('InvalidRequest');
  });

  it('never puts credential values in an error message', () => {
    const event = valid();
    event.requestData = { ...event.requestData, callerCredentials: JSON.stringify({ accessKeyId: 'AKIAVISIBLE', secretAccessKey: 42 }) };
    expect(() => parseHookRequest(event, {})).toThrow(InvalidRequestError);
    try {
      parseHookRequest(event, {});
    } catch (error) {
      expect((error as Error).message).not.toContain('AKIAVISIBLE');
    }
  });

  it('tolerates unknown fields anywhere', () => {
    const event = { ...valid(), brandNew: { a: 1 }, requestData: { ...valid().requestData, alsoNew: true } };
    expect(parseHookRequest(event, {}).target.typeName).toBe('AWS::S3::Bucket');
  });
});

describe('parseTypeConfiguration', () => {
  it.each([
    [undefined, { encryptionAlgorithm: 'AES256', minBuckets: 0, minQueues: 0 }],
    [null, { encryptionAlgorithm: 'AES256', minBuckets: 0, minQueues: 0 }],
    [{}, { encryptionAlgorithm: 'AES256', minBuckets: 0, minQueues: 0 }],
    [{ encryptionAlgorithm: 'aws:kms', minBuckets: '3', minQueues: '12' }, { encryptionAlgorithm: 'aws:kms', minBuckets: 3, minQueues: 12 }],
    [{ encryptionAlgorithm: 'aws:kms:dsse', minBuckets: 2, minQueues: 0 }, { encryptionAlgorithm: 'aws:kms:dsse', minBuckets: 2, minQueues: 0 }],
    [{ minBuckets: ' 7 ' }, { encryptionAlgorithm: 'AES256', minBuckets: 7, minQueues: 0 }],
  ])('%j', (model, parsed) => {
    expect(parseTypeConfiguration(model)).toEqual(parsed);
  });

  it.each([
    [{ encryptionAlgorithm: 'rot13' }, 'encryptionAlgorithm'],
    [{ encryptionAlgorithm: 'aws:kms2' }, 'encryptionAlgorithm'],
    [{ encryptionAlgorithm: 'aes256' }, 'encryptionAlgorithm'],
    [{ minBuckets: 'abc' }, 'minBuckets'],
    [{ minBuckets: '-1' }, 'minBuckets'],
    [{ minBuckets: '1.5' }, 'minBuckets'],
    [{ minBuckets: '' }, 'minBuckets'],
    [{ minQueues: -2 }, 'minQueues'],
    [{ minQueues: 1.5 }, 'minQueues'],
    [{ minQueues: true }, 'minQueues'],
    ['AES256', ''],
  ])('%j → InvalidTypeConfiguration naming %s', (model, property) => {
    let caught: unknown;
    try {
      parseTypeConfiguration(model);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeConfigurationError);
    expect((caught as TypeConfigurationError).property).toBe(property);
    if (property) expect((caught as Error).message).toContain(property);
  });
});

/** `{a: {a: … {}}}`, `depth` levels deep. */
function deepObject(depth: number): object {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 0; i < depth; i++) {
    const next: Record<string, unknown> = {};
    node['a'] = next;
    node = next;
  }
  return root;
}

describe('parseTypeConfiguration of a structure', () => {
  // Named by its kind, never serialised: a 20,000-deep one overflowed the stack (an InternalFailure answer).
  it.each<[string, object, string, string]>([
    ['a deep object as encryptionAlgorithm', { encryptionAlgorithm: deepObject(20_000) }, 'encryptionAlgorithm', 'encryptionAlgorithm is an object;'],
    ['a list holding a deep object as minBuckets', { minBuckets: [deepObject(20_000)] }, 'minBuckets', 'minBuckets is a list;'],
    ['a long string', { encryptionAlgorithm: 'x'.repeat(10_000) }, 'encryptionAlgorithm', `encryptionAlgorithm is "${'x'.repeat(200)}…";`],
  ])('%s → InvalidTypeConfiguration', (_name, model, property, quoted) => {
    expect(() => parseTypeConfiguration(model)).toThrow(TypeConfigurationError);
    try {
      parseTypeConfiguration(model);
    } catch (error) {
      expect((error as TypeConfigurationError).property).toBe(property);
      expect((error as Error).message).toContain(quoted);
    }
  });
});

describe('unknownTypeConfigurationProperties', () => {
  it.each([
    [{ minBuckets: '1', encryptionAlgorithm: 'AES256' }, []],
    [{ minBuckets: '1', MinBuckets: '2', extra: 'x' }, ['MinBuckets', 'extra']],
    [null, []],
  ])('%j → %j', (model, unknown) => {
    expect(unknownTypeConfigurationProperties(model)).toEqual(unknown);
  });
});

describe('what a request that is not an object is called in the message', () => {
  it.each([
    [undefined, 'got undefined)'],
    [null, 'got null)'],
    [5, 'got number 5)'],
    [true, 'got boolean true)'],
    ['text', 'got the string "text")'],
    [[], 'got a list)'],
  ])('%j → "the request is not a JSON object (%s"', (event, ending) => {
    expect(() => parseHookRequest(event, {})).toThrow(`the request is not a JSON object (${ending}`);
  });
});

describe('whether a request comes from the Cloud Control API (its message is cut at 1024 characters)', () => {
  it.each([
    ['a stack operation', { stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/guid' }, {}, false],
    ['an empty stackId ("empty if the caller is Cloud Control API")', { stackId: '' }, {}, true],
    ['targetType CLOUD_CONTROL', {}, { targetType: 'CLOUD_CONTROL' }, true],
    ['no stackId at all (a test harness)', { stackId: undefined }, {}, false],
  ])('%s → %s', (_why, patch, data, expected) => {
    const event = { ...valid(), ...patch };
    event.requestData = { ...event.requestData, ...data };
    expect(parseHookRequest(event, {}).target.viaCloudControl).toBe(expected);
  });
});
