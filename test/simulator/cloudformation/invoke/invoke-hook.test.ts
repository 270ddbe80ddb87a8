import { buildHookRequest, invokeHook, providerLogGroupName, seededUuids, type InvokeLimits } from '../../../../simulator/cloudformation/invoke';
import { stackArn } from '../../../../src/kernel/aws';
import type { HookEntrypoint, HookInvocationRequest, HookProgressEvent } from '../../../../src/kernel/protocol';

const limits: InvokeLimits = { timeoutMillis: 50, maxRetries: 3, maxInProgress: 3 };

function request(): HookInvocationRequest {
  return buildHookRequest(
    { typeName: 'MyCompany::Testing::MyTestHook', hookModel: { minBuckets: '0' }, stringify: true },
    { stackId: stackArn('us-east-1', '123456789012', 's', 'uuid'), accountId: '123456789012' },
    {
      clientRequestToken: 'token-1',
      invocationPoint: 'UPDATE_PRE_PROVISION',
      targetName: 'AWS::S3::Bucket',
      logicalId: 'MyBucket',
      resourceProperties: { VersioningConfiguration: { Status: 'Enabled' }, ObjectLockEnabled: true, Count: 3, Tags: [{ Key: 'k', Value: 1 }] },
      previousResourceProperties: { ObjectLockEnabled: false },
    },
  );
}

/** An entrypoint that answers from a script, one answer per call, recording what it received. */
function scripted(...answers: Array<Partial<HookProgressEvent> | Error | 'hang' | (() => unknown)>): HookEntrypoint & { seen: HookInvocationRequest[] } {
  const seen: HookInvocationRequest[] = [];
  const entry = async (event: unknown): Promise<HookProgressEvent> => {
    seen.push(event as HookInvocationRequest);
    const next = answers[Math.min(seen.length - 1, answers.length - 1)];
    if (next instanceof Error) throw next;
    if (next === 'hang') return new Promise<HookProgressEvent>(() => undefined);
    if (typeof next === 'function') return next() as HookProgressEvent;
    return { callbackDelaySeconds: 0, clientRequestToken: (event as HookInvocationRequest).clientRequestToken, ...next } as HookProgressEvent;
  };
  return Object.assign(entry, { seen });
}

describe('buildHookRequest', () => {
  it('builds the request the service sends, every scalar a string', () => {
    expect(request()).toEqual({
      clientRequestToken: 'token-1',
      awsAccountId: '123456789012',
      stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/uuid',
      hookTypeName: 'MyCompany::Testing::MyTestHook',
      hookTypeVersion: '00000001',
      hookModel: { minBuckets: '0' },
      actionInvocationPoint: 'UPDATE_PRE_PROVISION',
      requestData: {
        targetName: 'AWS::S3::Bucket',
        targetType: 'RESOURCE',
        targetLogicalId: 'MyBucket',
        targetModel: {
          resourceProperties: { VersioningConfiguration: { Status: 'Enabled' }, ObjectLockEnabled: 'true', Count: '3', Tags: [{ Key: 'k', Value: '1' }] },
          previousResourceProperties: { ObjectLockEnabled: 'false' },
        },
        callerCredentials: expect.any(String),
        providerCredentials: expect.any(String),
        providerLogGroupName: 'mycompany-testing-mytesthook-logs',
      },
      requestContext: { invocation: 1, callbackContext: null },
    });
    expect(Object.keys(JSON.parse(request().requestData.callerCredentials ?? '{}')).sort()).toEqual(['accessKeyId', 'secretAccessKey', 'sessionToken']);
  });

  // Both runtimes' stack-level request fixtures send `"targetModel": {}` beside `payload`, and fill it from the payload.
  it.each([
    ['STACK', { targetName: 'STACK', logicalId: 's', stackPayload: { registry: 'http://127.0.0.1:1/payload/a' } }, 's', 'http://127.0.0.1:1/payload/a'],
    ['CHANGE_SET', { targetName: 'CHANGE_SET', logicalId: 'cs-arn', changeSet: { payload: { registry: 'http://127.0.0.1:1/payload/b' } } }, 'cs-arn', 'http://127.0.0.1:1/payload/b'],
  ] as const)('a %s target: the registry payload URL beside an empty targetModel', (targetType, target, logicalId, payload) => {
    const built = buildHookRequest(
      { typeName: 'Acme::Stacks::Hook', hookModel: {}, stringify: true },
      { stackId: stackArn('us-east-1', '123456789012', 's', 'uuid'), accountId: '123456789012' },
      { clientRequestToken: 't', invocationPoint: 'CREATE_PRE_PROVISION', resourceProperties: {}, ...target },
    );
    expect(built.requestData).toEqual({
      targetName: targetType,
      targetType,
      targetLogicalId: logicalId,
      targetModel: {},
      payload,
      callerCredentials: expect.any(String),
      providerCredentials: expect.any(String),
      providerLogGroupName: 'acme-stacks-hook-logs',
    });
  });

  it.each([
    ['us-east-1', 'arn:aws:cloudformation:us-east-1:1:stack/s/u'],
    ['cn-north-1', 'arn:aws-cn:cloudformation:cn-north-1:1:stack/s/u'],
    ['us-gov-west-1', 'arn:aws-us-gov:cloudformation:us-gov-west-1:1:stack/s/u'],
  ])('stackArn in %s', (region, arn) => {
    expect(stackArn(region, '1', 's', 'u')).toBe(arn);
  });

  it('names the log group as cfn submit does', () => {
    expect(providerLogGroupName('MyCompany::Testing::MyTestHook')).toBe('mycompany-testing-mytesthook-logs');
  });
});

describe('seededUuids', () => {
  it('is deterministic per seed and UUID-shaped', () => {
    const a = seededUuids('stack');
    const b = seededUuids('stack');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(new Set(first).size).toBe(3);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededUuids('other')()).not.toBe(first[0]);
  });
});

describe('invokeHook', () => {
  it.each<[string, Parameters<typeof scripted>, { kind: string; errorCode: string | null; message: RegExp; calls: number }]>([
    ['SUCCESS', [{ hookStatus: 'SUCCESS', message: 'ok' }], { kind: 'succeeded', errorCode: null, message: /^ok$/, calls: 1 }],
    [
      'FAILED NonCompliant',
      [{ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no encryption' }],
      { kind: 'failed', errorCode: 'NonCompliant', message: /^no encryption$/, calls: 1 },
    ],
    [
      'IN_PROGRESS then SUCCESS',
      [{ hookStatus: 'IN_PROGRESS', callbackContext: { cursor: 'a' } }, { hookStatus: 'IN_PROGRESS', callbackContext: { cursor: 'b' } }, { hookStatus: 'SUCCESS', message: 'done' }],
      { kind: 'succeeded', errorCode: null, message: /^done$/, calls: 3 },
    ],
    [
      'IN_PROGRESS a fourth time',
      [{ hookStatus: 'IN_PROGRESS', callbackContext: {} }],
      { kind: 'errored', errorCode: 'HandlerInternalFailure', message: /IN_PROGRESS more than 3 times/, calls: 4 },
    ],
    ['throws every time', [new Error('boom')], { kind: 'errored', errorCode: 'HandlerInternalFailure', message: /threw: boom \(gave up after 4 attempts\)/, calls: 4 }],
    ['throws once, then succeeds', [new Error('flaky'), { hookStatus: 'SUCCESS', message: 'ok' }], { kind: 'succeeded', errorCode: null, message: /^ok$/, calls: 2 }],
    ['hangs', ['hang'], { kind: 'errored', errorCode: 'HandlerInternalFailure', message: /did not answer within 50 ms/, calls: 4 }],
    [
      'malformed: FAILED without errorCode',
      [{ hookStatus: 'FAILED', message: 'x' }],
      { kind: 'errored', errorCode: 'HandlerInternalFailure', message: /malformed: a FAILED answer must carry an errorCode/, calls: 4 },
    ],
    ['malformed: not JSON-serialisable', [() => ({ hookStatus: 'SUCCESS', big: BigInt(1) })], { kind: 'errored', errorCode: 'HandlerInternalFailure', message: /not JSON/, calls: 4 }],
    ['malformed: not an object', [() => 'SUCCESS'], { kind: 'errored', errorCode: 'HandlerInternalFailure', message: /not a JSON object/, calls: 4 }],
    [
      'malformed: wrong clientRequestToken',
      [{ hookStatus: 'SUCCESS', clientRequestToken: 'other' }],
      { kind: 'errored', errorCode: 'HandlerInternalFailure', message: /does not echo/, calls: 4 },
    ],
  ])('%s', async (_name, script, expected) => {
    const outcome = await invokeHook(scripted(...script), request(), limits);
    expect(outcome).toMatchObject({ kind: expected.kind, errorCode: expected.errorCode, calls: expected.calls });
    expect(outcome.message).toMatch(expected.message);
  });

  // `cfn test`'s rules beyond what the service needs (reference §2): the service takes such answers (its own runtimes
  // send a FAILED without a message when a handler throws), so the simulator takes them as read and notes them.
  it.each<[string, Parameters<typeof scripted>, { kind: string; errorCode: string | null; message: string; calls: number; offContract: string[] }]>([
    [
      'SUCCESS with a callback delay',
      [{ hookStatus: 'SUCCESS', message: 'compliant', callbackDelaySeconds: 30 }],
      { kind: 'succeeded', errorCode: null, message: 'compliant', calls: 1, offContract: ['a SUCCESS answer must have callbackDelaySeconds 0'] },
    ],
    [
      'FAILED NonCompliant without a message (the Lambda page requires only errorCode)',
      [() => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'token-1' })],
      { kind: 'failed', errorCode: 'NonCompliant', message: '', calls: 1, offContract: ['a FAILED answer must carry a message'] },
    ],
    [
      'FAILED InternalFailure with message "" (what the Python runtime sends when a handler throws)',
      [{ hookStatus: 'FAILED', errorCode: 'InternalFailure', message: '' }],
      { kind: 'failed', errorCode: 'InternalFailure', message: '', calls: 1, offContract: ['a FAILED answer must carry a message'] },
    ],
    [
      'FAILED with a callback delay',
      [{ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', callbackDelaySeconds: 5 }],
      { kind: 'failed', errorCode: 'NonCompliant', message: 'no', calls: 1, offContract: ['a FAILED answer must have callbackDelaySeconds 0'] },
    ],
    [
      'SUCCESS carrying an errorCode',
      [{ hookStatus: 'SUCCESS', message: 'ok', errorCode: 'NonCompliant' }],
      { kind: 'succeeded', errorCode: null, message: 'ok', calls: 1, offContract: ['a SUCCESS answer must not carry an errorCode'] },
    ],
    [
      'IN_PROGRESS with a String callbackContext, said once over two answers',
      [
        () => ({ hookStatus: 'IN_PROGRESS', callbackContext: 'step-2', callbackDelaySeconds: 5, clientRequestToken: 'token-1' }),
        () => ({ hookStatus: 'IN_PROGRESS', callbackContext: 'step-3', callbackDelaySeconds: 5, clientRequestToken: 'token-1' }),
        { hookStatus: 'SUCCESS', message: 'done' },
      ],
      { kind: 'succeeded', errorCode: null, message: 'done', calls: 3, offContract: ['callbackContext must be a JSON object'] },
    ],
    [
      'FAILED UnauthorizedTaggingOperation (java-plugin HandlerErrorCode)',
      [{ hookStatus: 'FAILED', errorCode: 'UnauthorizedTaggingOperation' as HookProgressEvent['errorCode'], message: 'no tagging' }],
      { kind: 'failed', errorCode: 'UnauthorizedTaggingOperation', message: 'no tagging', calls: 1, offContract: ['errorCode "UnauthorizedTaggingOperation" is not one of cfn test\'s HandlerErrorCode'] },
    ],
  ])('taken as read: %s', async (_name, script, expected) => {
    const outcome = await invokeHook(scripted(...script), request(), limits);
    expect(outcome).toMatchObject({ kind: expected.kind, errorCode: expected.errorCode, message: expected.message, calls: expected.calls });
    expect(outcome.offContract ?? []).toEqual(expected.offContract);
  });

  // A token left out is taken as read and noted (the run says it of a Lambda hook, whose page calls the field
  // required); [choice] another request's token is an errored call (the table above).
  it.each<[string, Parameters<typeof scripted>, { kind: string; calls: number; withoutClientRequestToken?: true }]>([
    ['every answer echoes the token', [{ hookStatus: 'SUCCESS', message: 'ok' }], { kind: 'succeeded', calls: 1 }],
    ['the answer leaves the token out', [() => ({ hookStatus: 'SUCCESS', message: 'ok', callbackDelaySeconds: 0 })], { kind: 'succeeded', calls: 1, withoutClientRequestToken: true }],
    [
      'an IN_PROGRESS answer leaves it out, the last carries it',
      [() => ({ hookStatus: 'IN_PROGRESS', callbackContext: {}, callbackDelaySeconds: 0 }), { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no' }],
      { kind: 'failed', calls: 2, withoutClientRequestToken: true },
    ],
  ])('clientRequestToken: %s', async (_name, script, expected) => {
    const outcome = await invokeHook(scripted(...script), request(), limits);
    expect(outcome).toMatchObject({ kind: expected.kind, calls: expected.calls });
    expect(outcome.withoutClientRequestToken).toBe(expected.withoutClientRequestToken);
  });

  it('hands a non-object callbackContext back unchanged on the next call', async () => {
    const entry = scripted(() => ({ hookStatus: 'IN_PROGRESS', callbackContext: 'step-2', clientRequestToken: 'token-1' }), { hookStatus: 'SUCCESS', message: 'ok' });
    await invokeHook(entry, request(), limits);
    expect(entry.seen.map((r) => r.requestContext)).toEqual([
      { invocation: 1, callbackContext: null },
      { invocation: 2, callbackContext: 'step-2' },
    ]);
  });

  // A custom hook's CHANGE_SET_SUCCESS_SKIP_STACK_HOOK (java-plugin HookStatus, python-plugin interface.py): the
  // change-set call's success; no status at all for another target.
  it.each<[string, { kind: string; skipsStackHook?: true; calls: number; message: RegExp }]>([
    ['CHANGE_SET', { kind: 'succeeded', skipsStackHook: true, calls: 1, message: /^cs ok$/ }],
    ['STACK', { kind: 'errored', calls: 4, message: /malformed: hookStatus CHANGE_SET_SUCCESS_SKIP_STACK_HOOK answers a CHANGE_SET target only \(this one is STACK\)/ }],
    ['RESOURCE', { kind: 'errored', calls: 4, message: /answers a CHANGE_SET target only \(this one is RESOURCE\)/ }],
  ])('CHANGE_SET_SUCCESS_SKIP_STACK_HOOK for a %s target', async (targetType, expected) => {
    const base = request();
    const req: HookInvocationRequest = { ...base, requestData: { ...base.requestData, targetType } };
    const outcome = await invokeHook(scripted(() => ({ hookStatus: 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK', message: 'cs ok', clientRequestToken: 'token-1', callbackDelaySeconds: 0 })), req, limits);
    expect(outcome).toMatchObject({ kind: expected.kind, calls: expected.calls, hookStatus: expected.kind === 'succeeded' ? 'SUCCESS' : 'FAILED' });
    expect(outcome.skipsStackHook).toBe(expected.skipsStackHook);
    expect(outcome.message).toMatch(expected.message);
  });

  it('re-invokes with the returned callbackContext and a growing invocation count', async () => {
    const entry = scripted({ hookStatus: 'IN_PROGRESS', callbackContext: { cursor: 'a' } }, { hookStatus: 'SUCCESS', message: 'ok' });
    await invokeHook(entry, request(), limits);
    expect(entry.seen.map((r) => r.requestContext)).toEqual([
      { invocation: 1, callbackContext: null },
      { invocation: 2, callbackContext: { cursor: 'a' } },
    ]);
  });

  it('gives the handler a context whose remaining time reflects the budget', async () => {
    let remaining = -1;
    const entry: HookEntrypoint = async (event, context) => {
      remaining = context?.getRemainingTimeInMillis() ?? -1;
      return { hookStatus: 'SUCCESS', callbackDelaySeconds: 0, clientRequestToken: (event as HookInvocationRequest).clientRequestToken };
    };
    await invokeHook(entry, request(), { ...limits, timeoutMillis: 30_000 });
    expect(remaining).toBeGreaterThan(20_000);
    expect(remaining).toBeLessThanOrEqual(30_000);
  });

  // Lambda's request id names one invocation: each call has its own, and none is the hook's clientRequestToken
  // (which every call for the target repeats). Derived from both, it is the same on every run.
  it('gives each call an awsRequestId of its own: a UUID, not the clientRequestToken, the same on every run', async () => {
    const requestIds = async (): Promise<string[]> => {
      const ids: string[] = [];
      const entry: HookEntrypoint = async (event, context) => {
        ids.push(context?.awsRequestId ?? '');
        const status = ids.length < 3 ? 'IN_PROGRESS' : 'SUCCESS';
        return { hookStatus: status, callbackDelaySeconds: 0, clientRequestToken: (event as HookInvocationRequest).clientRequestToken };
      };
      await invokeHook(entry, request(), limits);
      return ids;
    };
    const ids = await requestIds();
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([...ids, request().clientRequestToken]).size).toBe(4);
    expect(await requestIds()).toEqual(ids);
  });

  it('truncates the message to 4096 characters, as the service does', async () => {
    const outcome = await invokeHook(scripted({ hookStatus: 'SUCCESS', message: 'x'.repeat(5000) }), request(), limits);
    expect(outcome.message).toHaveLength(4096);
  });

  it('hands the handler a copy: what it mutates does not leak back', async () => {
    const original = request();
    const entry: HookEntrypoint = async (event) => {
      (event as HookInvocationRequest).requestData.targetName = 'changed';
      return { hookStatus: 'SUCCESS', callbackDelaySeconds: 0 };
    };
    await invokeHook(entry, original, limits);
    expect(original.requestData.targetName).toBe('AWS::S3::Bucket');
  });
});

describe('invokeHook: a time budget beyond setTimeout\'s 2^31-1 ms is honoured, not clamped to 1 ms', () => {
  it.each([2 ** 31 - 1, 2 ** 31, 2_147_484_000, 999_999_999_999_999])('a handler answering after 50 ms within %i ms succeeds', async (timeoutMillis) => {
    const slow: HookEntrypoint = async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { hookStatus: 'SUCCESS', callbackDelaySeconds: 0, clientRequestToken: (event as HookInvocationRequest).clientRequestToken } as HookProgressEvent;
    };
    const outcome = await invokeHook(slow, request(), { ...limits, timeoutMillis });
    expect({ kind: outcome.kind, calls: outcome.calls }).toEqual({ kind: 'succeeded', calls: 1 });
  });
});
