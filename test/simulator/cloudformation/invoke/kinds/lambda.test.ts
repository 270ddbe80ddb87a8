import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HookProgressEvent } from '../../../../../src/kernel/protocol';
import { buildLambdaHookRequest, endpointEntrypoint, lambdaFunctionOf, lambdaHook, loadLambdaCode, type HookTarget, type LambdaFunctionIdentity } from '../../../../../simulator/cloudformation/invoke';
import { lambdaLimits } from '../../../../../simulator/cloudformation/invoke/kinds/lambda';
import { isLocalEndpoint, syntaxErrorPlace } from '../../../../../simulator/cloudformation/invoke/kinds/lambda-code';
import { NO_AWS_ENDPOINT, type ModuleAwsAccess } from '../../../../../simulator/cloudformation/invoke/kinds/module-environment';

const repo = join(__dirname, '..', '..', '..', '..', '..');

const target: HookTarget = {
  clientRequestToken: 'token-1',
  stack: { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/x', accountId: '123456789012' },
  invocationPoint: 'UPDATE_PRE_PROVISION',
  targetName: 'AWS::S3::Bucket',
  logicalId: 'Bucket',
  resourceProperties: { VersioningConfiguration: { Status: 'Enabled' }, ObjectLockEnabled: true },
  previousResourceProperties: { ObjectLockEnabled: false },
};

describe('the Lambda-hook event', () => {
  it('has no credentials, hookModel {LambdaFunction}, targetType the type name, and string scalars when asked', () => {
    const request = buildLambdaHookRequest({ alias: 'Acme::Tags::Hook', lambdaFunction: 'arn:aws:lambda:us-east-1:123456789012:function:f', stringify: true }, target);
    expect(request).toEqual({
      clientRequestToken: 'token-1',
      awsAccountId: '123456789012',
      stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/x',
      changeSetId: null,
      hookTypeName: 'Acme::Tags::Hook',
      hookTypeVersion: '00000001',
      hookModel: { LambdaFunction: 'arn:aws:lambda:us-east-1:123456789012:function:f' },
      actionInvocationPoint: 'UPDATE_PRE_PROVISION',
      requestData: {
        targetName: 'AWS::S3::Bucket',
        targetType: 'AWS::S3::Bucket',
        targetLogicalId: 'Bucket',
        targetModel: { resourceProperties: { VersioningConfiguration: { Status: 'Enabled' }, ObjectLockEnabled: 'true' }, previousResourceProperties: { ObjectLockEnabled: 'false' } },
      },
      requestContext: { invocation: 1, callbackContext: null },
    });
  });

  // [choice] a direct operation's `null` is the Lambda page's example; the key is always there, so that a function
  // reading `event["changeSetId"]` (Python) finds it, as in the service.
  it.each<[string, Partial<HookTarget>, string | null]>([
    ['a direct create, update or delete', {}, null],
    ['an executed change set', { changeSetId: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/y' }, 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/y'],
    ['a Cloud Control request', { targetType: 'CLOUD_CONTROL', changeSetId: '' }, ''],
  ])('changeSetId for %s: %j', (_name, overrides, changeSetId) => {
    const request = buildLambdaHookRequest({ alias: 'Acme::Tags::Hook', lambdaFunction: 'f', stringify: false }, { ...target, ...overrides });
    expect(JSON.parse(JSON.stringify(request))).toHaveProperty('changeSetId', changeSetId);
  });

  // [choice] the Lambda page: on delete resourceProperties "will be empty" and previousResourceProperties holds
  // "the properties that are currently associated with the resource"; a create has no previous properties.
  it.each([
    ['CREATE_PRE_PROVISION', { resourceProperties: { ObjectLockEnabled: true } }],
    ['UPDATE_PRE_PROVISION', { resourceProperties: { ObjectLockEnabled: true }, previousResourceProperties: { ObjectLockEnabled: false } }],
    ['DELETE_PRE_PROVISION', { resourceProperties: {}, previousResourceProperties: { ObjectLockEnabled: true } }],
  ] as const)('%s: the targetModel as the Lambda page documents it', (point, targetModel) => {
    const deployed = point === 'UPDATE_PRE_PROVISION' ? { previousResourceProperties: { ObjectLockEnabled: false } } : {};
    const request = buildLambdaHookRequest(
      { alias: 'Acme::Tags::Hook', lambdaFunction: 'f', stringify: false },
      { ...target, invocationPoint: point, resourceProperties: { ObjectLockEnabled: true }, previousResourceProperties: undefined, ...deployed },
    );
    expect(request.requestData).toMatchObject({ targetModel });
    expect(request.requestData.targetModel).toEqual(targetModel);
  });

  // The error Node's own require throws (Jest's require, which the in-process CLI tests go through, reports it its own way).
  it.each([
    ['module.exports = {\n  handler: async ( => 1 };\n', { line: 2, column: 20 }],
    ['exports.handler = async () => ({});\nsyntax error here(\n', { line: 2, column: 8 }],
    ['exports.handler = 1;\n', undefined],
  ])('a CommonJS syntax error is located from Node\'s own error: %j', (source, place) => {
    const dir = mkdtempSync(join(tmpdir(), 'syntax-'));
    try {
      const file = join(dir, 'hook.js');
      writeFileSync(file, source);
      const thrown = spawnSync(process.execPath, ['-e', 'try { require(process.argv[1]); console.log("{}"); } catch (e) { console.log(JSON.stringify({ name: e.name, stack: e.stack })); }', file], { encoding: 'utf8' });
      expect(syntaxErrorPlace(JSON.parse(thrown.stdout) as unknown, file)).toEqual(place);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, () => HookProgressEvent, RegExp]>([
    ['the third IN_PROGRESS fails it', () => ({ hookStatus: 'IN_PROGRESS', callbackDelaySeconds: 1, callbackContext: { n: 1 } }), /IN_PROGRESS at its last call \(3 in all\)/],
    [
      'so does a third call that errors (a registry hook would get a fourth)',
      () => {
        throw new Error('boom');
      },
      /the handler threw: boom \(gave up after 3 attempts\)/,
    ],
  ])('a Lambda hook is called at most 3 times in all: %s', async (_case, answer, message) => {
    let calls = 0;
    const hook = lambdaHook({
      alias: 'Acme::Slow::Hook',
      configuration: {},
      lambdaFunction: 'f',
      stringify: false,
      loadEntrypoint: async () => async (): Promise<HookProgressEvent> => {
        calls += 1;
        return answer();
      },
    });
    const outcome = await hook.invoke({ target, limits: { timeoutMillis: 1000, maxRetries: 3, maxInProgress: 3 } });
    expect(calls).toBe(3);
    expect(outcome).toMatchObject({ kind: 'errored', hookStatus: 'FAILED', calls: 3 });
    expect(outcome.message).toMatch(message);
  });

  it('a smaller bound a test gives is kept', () => {
    expect(lambdaLimits({ timeoutMillis: 1, maxRetries: 3, maxInProgress: 3, maxCalls: 2 }).maxCalls).toBe(2);
  });
});

describe('a local Invoke endpoint', () => {
  let server: Server;
  let base: string;
  let handle: (request: IncomingMessage, body: string, response: ServerResponse) => void = () => undefined;
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => handle(request, body, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2015-03-31/functions/f/invocations`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const context = { getRemainingTimeInMillis: () => 2000 };

  it('POSTs the event as JSON with RequestResponse and returns the function\'s answer', async () => {
    let seen: { method?: string; type?: string; invocation?: string; body?: string } = {};
    handle = (request, body, response) => {
      seen = { method: request.method, type: request.headers['content-type'], invocation: request.headers['x-amz-invocation-type'] as string, body };
      response.end(JSON.stringify({ hookStatus: 'SUCCESS', message: 'ok' }));
    };
    await expect(endpointEntrypoint(base)({ a: 1 }, context)).resolves.toEqual({ hookStatus: 'SUCCESS', message: 'ok' });
    expect(seen).toEqual({ method: 'POST', type: 'application/json', invocation: 'RequestResponse', body: '{"a":1}' });
  });

  it.each<[string, (response: ServerResponse) => void, RegExp]>([
    [
      'a function error flagged by sam local (X-Amz-Function-Error)',
      (r) => {
        r.setHeader('X-Amz-Function-Error', 'Unhandled');
        r.end(JSON.stringify({ errorType: 'TypeError', errorMessage: 'x is undefined', trace: [] }));
      },
      /the function failed: TypeError: x is undefined/,
    ],
    ['a function error from the runtime interface emulator (no header, recognised by shape)', (r) => r.end(JSON.stringify({ errorType: 'Error', errorMessage: 'boom' })), /the function failed: Error: boom/],
    [
      'an unknown function (404)',
      (r) => {
        r.statusCode = 404;
        r.setHeader('x-amzn-errortype', 'ResourceNotFound');
        r.end('{"Type":"User","Message":"Function not found"}');
      },
      /HTTP 404 ResourceNotFound: .*Function not found/,
    ],
    ['an answer that is not JSON', (r) => r.end('Task timed out after 3.00 seconds'), /not JSON: Task timed out/],
    // Followed, a redirect could reach any host (the instance metadata service) and its answer be printed.
    ...[301, 302, 307, 308].map((status): [string, (response: ServerResponse) => void, RegExp] => [
      `a redirect (HTTP ${status}), never followed`,
      (r) => {
        r.statusCode = status;
        r.setHeader('Location', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/x');
        r.end();
      },
      new RegExp(`answered a redirect \\(HTTP ${status}\\), which a Lambda Invoke endpoint never does; it is not followed$`),
    ]),
  ])('%s is an error (the hook errored), not a verdict', async (_name, answer, message) => {
    handle = (_request, _body, response) => answer(response);
    await expect(endpointEntrypoint(base)({}, context)).rejects.toThrow(message);
  });

  it('gives up when the time budget runs out', async () => {
    handle = () => undefined; // never answers
    await expect(endpointEntrypoint(base)({}, { getRemainingTimeInMillis: () => 100 })).rejects.toThrow(/did not answer/);
  });

  it.each([
    ['http://127.0.0.1:3001/', true],
    ['http://localhost:9000/2015-03-31/functions/function/invocations', true],
    ['http://[::1]:3001/', true],
    ['https://127.0.0.1:3001/', false],
    ['http://10.0.0.5:3001/', false],
    ['http://lambda.us-east-1.amazonaws.com/', false],
  ])('%s is local: %s', (url, local) => {
    expect(isLocalEndpoint(new URL(url))).toBe(local);
  });
});

describe('local modules', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-code-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Jest runs the code as CommonJS without ES module support, so the ES-module path is checked on a real bundle in a real node.
  it('an ES module (.mjs, with #export) and a callback-style CommonJS handler both answer', () => {
    const bundle = join(dir, 'lambda-code.cjs');
    buildSync({ entryPoints: [join(repo, 'simulator/cloudformation/invoke/kinds/lambda-code.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
    writeFileSync(join(dir, 'esm.mjs'), 'export const check = async (event) => ({ hookStatus: "SUCCESS", message: `esm ${event.n}` });\n');
    writeFileSync(join(dir, 'callback.js'), 'exports.handler = (event, context, done) => done(null, { hookStatus: "SUCCESS", message: `cb ${event.n}` });\n');
    writeFileSync(
      join(dir, 'run.cjs'),
      `const { loadLambdaCode } = require('./lambda-code.cjs');
(async () => {
  const esm = await loadLambdaCode({ kind: 'module', path: ${JSON.stringify(join(dir, 'esm.mjs'))}, exportName: 'check' });
  const cb = await loadLambdaCode({ kind: 'module', path: ${JSON.stringify(join(dir, 'callback.js'))}, exportName: 'handler' });
  console.log(JSON.stringify([await esm({ n: 1 }), await cb({ n: 2 })]));
})();
`,
    );
    const run = spawnSync(process.execPath, [join(dir, 'run.cjs')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([
      { hookStatus: 'SUCCESS', message: 'esm 1' },
      { hookStatus: 'SUCCESS', message: 'cb 2' },
    ]);
  });

  // A caller's timer can fire a millisecond before Date.now() reaches the call's deadline; the retry then came to a
  // runtime still inside its budget, was queued behind the busy loop and died with it ("exited (code 1)"). Here the
  // retry comes 30 ms before the first call's deadline, so that the race is not left to chance.
  it('a call that comes while the runtime is busy with one its caller gave up on gets a runtime of its own', async () => {
    writeFileSync(join(dir, 'busy.js'), 'exports.handler = async () => { for (;;) {} };\n');
    const entrypoint = await loadLambdaCode({ kind: 'module', path: join(dir, 'busy.js'), exportName: 'handler' });
    const budget = (millis: number) => {
      const deadline = Date.now() + millis;
      return { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    };
    const first = entrypoint({}, budget(200)).catch((error: Error) => error.message);
    await new Promise((resolve) => setTimeout(resolve, 170));
    const retry = entrypoint({}, budget(300)).catch((error: Error) => error.message);
    expect(await Promise.all([first, retry])).toEqual([
      expect.stringMatching(/exited \(code 1\) before answering$|ran past its time budget/),
      'the function ran past its time budget and its runtime was stopped',
    ]);
  });

  // On a loaded machine a new runtime can take longer to start than a call's budget: the caller gives up on the retry
  // while its runtime loads and calls again, and the new call waits for that same runtime. The retry given up on must
  // not reach the function then, or the new call is queued behind it and dies with it ("exited (code 1)"). Here the
  // module takes 400 ms to load against a 100 ms budget and the calls come one after another, so that the slow start
  // is not left to chance.
  it('a call whose caller gave up while its runtime was loading never reaches the function: the next call gets the runtime', async () => {
    writeFileSync(
      join(dir, 'slow-start.js'),
      'const until = Date.now() + 400; while (Date.now() < until) {}\nexports.handler = async (e) => { if (e.n !== 3) for (;;) {} return { message: "call 3" }; };\n',
    );
    const entrypoint = await loadLambdaCode({ kind: 'module', path: join(dir, 'slow-start.js'), exportName: 'handler' });
    const budget = (millis: number) => {
      const deadline = Date.now() + millis;
      return { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    };
    const call = (n: number, millis: number) => entrypoint({ n }, budget(millis)).catch((error: Error) => error.message);
    const first = call(1, 100);
    await new Promise(setImmediate); // the first call has reached its runtime, busy with it until stopped
    const retry = call(2, 100); // stops the busy runtime and starts a new one, which loads for 400 ms
    const next = call(3, 30_000); // the caller gave up on the retry: this call waits for the same runtime
    expect(await Promise.all([first, retry, next])).toEqual([
      expect.stringMatching(/exited \(code 1\) before answering$|ran past its time budget/),
      'the call was not made: a later call came while its runtime was starting (its caller had given up on it)',
      { message: 'call 3' },
    ]);
  });
});

describe('the function a Lambda hook names, as Lambda reads its name', () => {
  const run = { region: 'eu-west-1', accountId: '111122223333' };
  // Lambda's Invoke takes a name, a partial ARN or a full ARN, each optionally qualified; the run gives what a
  // reference leaves out. [choice] a qualifier is the version; a local module's file name stands for the name.
  it.each<[string, string, Partial<LambdaFunctionIdentity>]>([
    ['a name', 'checker', { functionName: 'checker', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:checker', region: 'eu-west-1' }],
    ['a name with an alias', 'checker:live', { functionName: 'checker', functionVersion: 'live', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:checker:live' }],
    ['a partial ARN', '444455556666:function:checker', { functionName: 'checker', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:444455556666:function:checker' }],
    ['a full ARN, in its own region and account', 'arn:aws:lambda:us-west-2:444455556666:function:checker', { functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-west-2:444455556666:function:checker', region: 'us-west-2' }],
    ['a version-qualified ARN', 'arn:aws:lambda:us-west-2:444455556666:function:checker:7', { functionVersion: '7', invokedFunctionArn: 'arn:aws:lambda:us-west-2:444455556666:function:checker:7' }],
    ['a $LATEST-qualified ARN', 'arn:aws:lambda:us-west-2:444455556666:function:checker:$LATEST', { functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-west-2:444455556666:function:checker:$LATEST' }],
    ['an ARN in another partition', 'arn:aws-cn:lambda:cn-north-1:444455556666:function:checker', { invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:444455556666:function:checker', region: 'cn-north-1' }],
    ['a local module', './hooks/tags.js', { functionName: 'tags', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:tags', logGroupName: '/aws/lambda/tags' }],
    ['a local ES module with its export', '../hooks/tag.checks.mjs#check', { functionName: 'tag-checks', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:tag-checks' }],
  ])('%s (%s)', (_case, declared, expected) => {
    const fn = lambdaFunctionOf(declared, run);
    expect(fn).toMatchObject(expected);
    expect(fn).toMatchObject({ memoryLimitInMB: '128', logGroupName: `/aws/lambda/${fn.functionName}` });
  });

  it('a name in a partition of its own region (the run\'s region decides it)', () => {
    expect(lambdaFunctionOf('checker', { region: 'us-gov-west-1', accountId: '111122223333' }).invokedFunctionArn).toBe('arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:checker');
  });
});

describe('a Lambda hook\'s local module runs with the context and environment Lambda gives its function', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-context-'));
    // Reports every context field and Lambda variable it sees: the first call's context in its callbackContext
    // (IN_PROGRESS), then both calls' in its message.
    writeFileSync(
      join(dir, 'report.js'),
      `const ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_EXECUTION_ENV'];
exports.handler = async (event, context) => {
  const seen = { keys: Object.keys(context).sort(), context: Object.fromEntries(Object.entries(context).filter(([, v]) => typeof v !== 'function')), remaining: context.getRemainingTimeInMillis(), env: Object.fromEntries(ENV.map((n) => [n, process.env[n]])) };
  if (event.requestContext.invocation === 1) return { hookStatus: 'IN_PROGRESS', callbackDelaySeconds: 0, callbackContext: { first: JSON.stringify(seen) }, clientRequestToken: event.clientRequestToken };
  return { hookStatus: 'SUCCESS', message: JSON.stringify([JSON.parse(event.requestContext.callbackContext.first), seen]), clientRequestToken: event.clientRequestToken };
};
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  interface Seen {
    keys: string[];
    context: Record<string, unknown>;
    remaining: number;
    env: Record<string, string | undefined>;
  }

  async function seenBy(declared: string, lambdaFunction: LambdaFunctionIdentity | undefined): Promise<[Seen, Seen]> {
    const hook = lambdaHook({
      alias: 'Acme::Context::Report',
      configuration: {},
      lambdaFunction: declared,
      stringify: false,
      loadEntrypoint: () => loadLambdaCode({ kind: 'module', path: join(dir, 'report.js'), exportName: 'handler' }, undefined, lambdaFunction),
    });
    const outcome = await hook.invoke({ target, limits: { timeoutMillis: 10_000, maxRetries: 3, maxInProgress: 3 } });
    expect(outcome).toMatchObject({ kind: 'succeeded', calls: 2 });
    return JSON.parse(outcome.message) as [Seen, Seen];
  }

  const declared = 'arn:aws:lambda:eu-west-1:444455556666:function:checker:live';
  let first: Seen;
  let second: Seen;
  beforeAll(async () => {
    [first, second] = await seenBy(declared, lambdaFunctionOf(declared, { region: 'us-east-1', accountId: '123456789012' }));
  });

  const STREAM = /^1970\/01\/01\/\[live\][0-9a-f]{32}$/;
  it.each<[string, (seen: Seen) => unknown, unknown]>([
    ['context.functionName', (s) => s.context.functionName, 'checker'],
    ['context.functionVersion', (s) => s.context.functionVersion, 'live'],
    ['context.invokedFunctionArn', (s) => s.context.invokedFunctionArn, declared],
    ['the account, read from invokedFunctionArn', (s) => String(s.context.invokedFunctionArn).split(':')[4], '444455556666'],
    ['context.memoryLimitInMB (a string, as the Node.js runtime gives it)', (s) => s.context.memoryLimitInMB, '128'],
    ['context.logGroupName', (s) => s.context.logGroupName, '/aws/lambda/checker'],
    ['context.logStreamName', (s) => s.context.logStreamName, expect.stringMatching(STREAM)],
    ['context.callbackWaitsForEmptyEventLoop', (s) => s.context.callbackWaitsForEmptyEventLoop, true],
    ['context.awsRequestId (a UUID, not the clientRequestToken)', (s) => s.context.awsRequestId, expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)],
    ['context.getRemainingTimeInMillis() (counts down from the budget)', (s) => s.remaining > 5_000 && s.remaining <= 10_000, true],
    ['AWS_REGION (the function\'s)', (s) => s.env.AWS_REGION, 'eu-west-1'],
    ['AWS_DEFAULT_REGION', (s) => s.env.AWS_DEFAULT_REGION, 'eu-west-1'],
    ['AWS_LAMBDA_FUNCTION_NAME', (s) => s.env.AWS_LAMBDA_FUNCTION_NAME, 'checker'],
    ['AWS_LAMBDA_FUNCTION_VERSION', (s) => s.env.AWS_LAMBDA_FUNCTION_VERSION, 'live'],
    ['AWS_LAMBDA_FUNCTION_MEMORY_SIZE', (s) => s.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128'],
    ['AWS_LAMBDA_LOG_GROUP_NAME', (s) => s.env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/checker'],
    ['AWS_LAMBDA_LOG_STREAM_NAME', (s) => s.env.AWS_LAMBDA_LOG_STREAM_NAME, expect.stringMatching(STREAM)],
    ['AWS_EXECUTION_ENV', (s) => s.env.AWS_EXECUTION_ENV, `AWS_Lambda_nodejs${process.versions.node.split('.')[0] ?? ''}.x`],
  ])('%s', (_name, read, expected) => {
    expect(read(first)).toEqual(expected);
    expect(read(second)).toEqual(expected);
  });

  it('each call has its own awsRequestId; the runtime, its log stream, is the same', () => {
    expect(first.context.awsRequestId).not.toBe(second.context.awsRequestId);
    expect(first.context.logStreamName).toBe(second.context.logStreamName);
    expect(first.env.AWS_LAMBDA_LOG_STREAM_NAME).toBe(first.context.logStreamName);
  });

  it('the Lambda variables are the function\'s only: the simulator\'s own environment is untouched', () => {
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
    expect(process.env.AWS_LAMBDA_LOG_STREAM_NAME).toBeUndefined();
  });

  it('a run repeats: the same function gets the same log stream on every run', async () => {
    const [again] = await seenBy(declared, lambdaFunctionOf(declared, { region: 'us-east-1', accountId: '123456789012' }));
    expect(again.context.logStreamName).toBe(first.context.logStreamName);
    expect(again.context.awsRequestId).toBe(first.context.awsRequestId);
  });

  it('a runtime started again (after process.exit()) is a new environment, with a log stream of its own', async () => {
    writeFileSync(
      join(dir, 'restart.js'),
      'exports.handler = async (event, context) => { if (event.requestContext.invocation === 1) process.exit(1); return { hookStatus: "SUCCESS", message: context.logStreamName }; };\n',
    );
    const hook = lambdaHook({
      alias: 'Acme::Context::Restart',
      configuration: {},
      lambdaFunction: declared,
      stringify: false,
      loadEntrypoint: () => loadLambdaCode({ kind: 'module', path: join(dir, 'restart.js'), exportName: 'handler' }, undefined, lambdaFunctionOf(declared, { region: 'us-east-1', accountId: '123456789012' })),
    });
    const outcome = await hook.invoke({ target, limits: { timeoutMillis: 10_000, maxRetries: 3, maxInProgress: 3 } });
    expect(outcome).toMatchObject({ kind: 'succeeded', calls: 2 });
    expect(outcome.message).toMatch(STREAM);
    expect(outcome.message).not.toBe(first.context.logStreamName);
  });

  it('a module with no function to stand for (a registry hook\'s) keeps the bare context and the simulator\'s environment (less its AWS settings)', async () => {
    const [bare] = await seenBy('./report.js', undefined);
    expect(bare.keys).toEqual(['awsRequestId', 'getRemainingTimeInMillis']);
    expect(bare.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
  });
});

describe('a hook\'s local module is kept from the user\'s AWS credentials and from AWS itself', () => {
  // The user's AWS settings, made up: every endpoint in them is a closed loopback port, so that even a runtime that
  // inherited them (the fix undone) would reach nothing but this machine.
  const USER_AWS: Record<string, string> = {
    AWS_ACCESS_KEY_ID: 'AKIAUSERKEYID0000000',
    AWS_SECRET_ACCESS_KEY: 'user/secret/access/key',
    AWS_SESSION_TOKEN: 'user-session-token',
    AWS_SECURITY_TOKEN: 'user-session-token',
    AWS_PROFILE: 'user-profile',
    AWS_DEFAULT_PROFILE: 'user-profile',
    AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/user',
    AWS_ROLE_SESSION_NAME: 'user',
    AWS_WEB_IDENTITY_TOKEN_FILE: '/user/token',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:2/credentials',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/credentials',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'user-container-token',
    AWS_EC2_METADATA_DISABLED: 'false',
    AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:2',
    AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2',
    AWS_REGION: 'ap-southeast-2',
  };
  const saved = { ...process.env };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-env-'));
    // The user's shared files, with a profile of their own. (Never `ignore_configured_endpoint_urls` in it: a runtime
    // that read it would send its SDK to AWS.)
    writeFileSync(join(dir, 'credentials'), '[user-profile]\naws_access_key_id = AKIAUSERFILEKEY00000\naws_secret_access_key = user-file-secret\n');
    writeFileSync(join(dir, 'config'), '[profile user-profile]\nregion = ap-southeast-2\n');
    for (const name of Object.keys(process.env)) if (/^AWS_/i.test(name)) delete process.env[name];
    Object.assign(process.env, USER_AWS, { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config'), HOOK_SETTING: 'kept' });
    // Reports its AWS settings and the user's own variable (the whole environment would pass the message's bound).
    writeFileSync(join(dir, 'env.js'), 'exports.handler = async () => ({ hookStatus: "SUCCESS", message: JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(AWS_|HOOK_SETTING$)/i.test(name)))) });\n');
    // A hook that reads a bucket's tags, as real Lambda hooks do; it reports how its SDK call ended.
    writeFileSync(
      join(dir, 'tags.js'),
      `const { S3Client, GetBucketTaggingCommand } = require(${JSON.stringify(require.resolve('@aws-sdk/client-s3'))});
exports.handler = async () => {
  const tags = await new S3Client({}).send(new GetBucketTaggingCommand({ Bucket: 'user-bucket' }));
  return { hookStatus: 'SUCCESS', message: JSON.stringify(tags.TagSet) };
};
`,
    );
  });
  afterAll(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
  });

  const fn = lambdaFunctionOf('arn:aws:lambda:eu-west-1:444455556666:function:checker', { region: 'us-east-1', accountId: '123456789012' });
  const limits = { timeoutMillis: 10_000, maxRetries: 0, maxInProgress: 3 };

  async function outcomeOf(file: string, lambdaFunction: LambdaFunctionIdentity | undefined, access?: ModuleAwsAccess): Promise<{ kind: string; message: string; millis: number }> {
    // Loaded before the clock starts: loading (the AWS SDK's modules, in a new thread) takes seconds on a loaded
    // machine and has its own limit; what is timed is the call.
    const entrypoint = await loadLambdaCode({ kind: 'module', path: join(dir, file), exportName: 'handler' }, undefined, lambdaFunction, access);
    const hook = lambdaHook({ alias: 'Acme::Env::Report', configuration: {}, lambdaFunction: 'checker', stringify: false, loadEntrypoint: async () => entrypoint });
    const started = Date.now();
    const outcome = await hook.invoke({ target, limits });
    return { kind: outcome.kind, message: outcome.message, millis: Date.now() - started };
  }

  async function envOf(lambdaFunction: LambdaFunctionIdentity | undefined, access?: ModuleAwsAccess): Promise<Record<string, string>> {
    const outcome = await outcomeOf('env.js', lambdaFunction, access);
    expect(outcome.kind).toBe('succeeded');
    return JSON.parse(outcome.message) as Record<string, string>;
  }

  // What Lambda and the simulator set: the only AWS_* variables a module sees by default.
  const SIMULATED: Record<string, string> = {
    AWS_ACCESS_KEY_ID: 'ASIASIMULATORKEYID00',
    AWS_SECRET_ACCESS_KEY: 'simulator/secret/access/key/not/a/real/one/00',
    AWS_SESSION_TOKEN: 'simulator-session-token',
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: NO_AWS_ENDPOINT,
  };
  const LAMBDA_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_EXECUTION_ENV'];

  it.each<[string, LambdaFunctionIdentity | undefined, string[]]>([
    ['a Lambda hook\'s module', fn, [...Object.keys(SIMULATED), ...LAMBDA_VARIABLES]],
    ['a registry hook\'s module', undefined, Object.keys(SIMULATED)],
  ])('%s sees no AWS setting of the user\'s, only the dummy keys, empty shared files and an endpoint where nothing answers', async (_case, lambdaFunction, awsNames) => {
    const env = await envOf(lambdaFunction);
    expect(Object.keys(env).filter((name) => /^AWS_/i.test(name)).sort()).toEqual([...awsNames].sort());
    expect(env).toMatchObject(SIMULATED);
    expect(Object.values(env)).not.toEqual(expect.arrayContaining([expect.stringContaining('user')]));
    expect(env.HOOK_SETTING).toBe('kept');
  });

  it('the simulator\'s own environment keeps the user\'s settings', async () => {
    await envOf(fn);
    expect(process.env).toMatchObject(USER_AWS);
  });

  it('an AWS SDK call fails at once, on this machine: the connection to the loopback port is refused, and the error says why', async () => {
    const outcome = await outcomeOf('tags.js', fn);
    expect(outcome.kind).toBe('errored');
    expect(outcome.message).toContain(`ECONNREFUSED ${new URL(NO_AWS_ENDPOINT).host}`);
    expect(outcome.message).toContain('never reaches AWS');
    expect(outcome.message).not.toMatch(/amazonaws|ENOTFOUND|EAI_AGAIN/);
    expect(outcome.millis).toBeLessThan(limits.timeoutMillis / 2);
  });

  it('with --hook-aws-credentials the module gets the user\'s AWS settings as they are (Lambda\'s variables over them)', async () => {
    const env = await envOf(fn, { userCredentials: true });
    expect(env).toMatchObject({ ...USER_AWS, AWS_REGION: 'eu-west-1', AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') });
  });
});
