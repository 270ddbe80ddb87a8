/**
 * A Guard hook called as the invocation layer calls every hook kind: one target in, the outcome type custom hooks end
 * in out, the real cfn-guard in between, for each target type.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cfnGuardEvaluator,
  CfnGuardUnavailableError,
  guardHookInvoker,
  LOG_REPORT_EPOCH_MILLIS,
  logReportKey,
  type GuardResourceTarget,
  type GuardTarget,
} from '../../../../simulator/cloudformation/guard';
import type { HookCallOutcome } from '../../../../simulator/cloudformation/invoke';
import { progressEventViolations, type JsonObject } from '../../../../src/kernel/protocol';
import { cfnGuardForTests, describeWithCfnGuard } from '../../../support/cfn-guard';

const binary = cfnGuardForTests('guardHookInvoker');
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'guard');
const fixture = (name: string): string => join(FIXTURES, name);

const stack = { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/demo/0000', accountId: '123456789012' };
const changeSetId = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/1111';
const versioned: JsonObject = { VersioningConfiguration: { Status: 'Enabled' }, BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } };
const unversioned: JsonObject = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } };

/** A resource target shaped as the invocation layer's (no targetType field). */
const bucket = (properties: JsonObject, invocationPoint: GuardTarget['invocationPoint'] = 'CREATE_PRE_PROVISION'): GuardResourceTarget => ({
  clientRequestToken: 'token-1',
  stack,
  invocationPoint,
  targetName: 'AWS::S3::Bucket',
  logicalId: 'Bucket',
  resourceProperties: properties,
});

const template = (properties: JsonObject): JsonObject => ({ Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: properties } } });

interface Case {
  readonly name: string;
  readonly rules: string;
  readonly inputParams?: string[];
  readonly target: GuardTarget;
  readonly kind: HookCallOutcome['kind'];
  readonly errorCode: string | null;
  readonly message: string | RegExp;
  /** [name, status] of every annotation, in order; absent for an errored hook (no answer). */
  readonly annotations?: Array<[string, string]>;
}

const s3 = { rules: fixture('s3-rules.guard'), inputParams: [fixture('params.yaml')] };

const cases: Case[] = [
  {
    name: 'RESOURCE, compliant: succeeded with the service\'s message',
    ...s3,
    target: bucket(versioned),
    kind: 'succeeded',
    errorCode: null,
    message: 'Successful validation',
    annotations: [['HOOK_IS_RESOURCE_TARGET', 'PASSED'], ['S3_ENCRYPTION_ALGORITHM', 'PASSED'], ['S3_VERSIONING_ENABLED', 'PASSED'], ['SQS_KMS', 'SKIPPED']],
  },
  {
    name: 'RESOURCE, non-compliant: failed, NonCompliant',
    ...s3,
    target: bucket(unversioned),
    kind: 'failed',
    errorCode: 'NonCompliant',
    message: 'Template failed validation, the following rule(s) failed: S3_VERSIONING_ENABLED.',
    annotations: [['S3_VERSIONING_ENABLED', 'FAILED'], ['HOOK_IS_RESOURCE_TARGET', 'PASSED'], ['S3_ENCRYPTION_ALGORITHM', 'PASSED'], ['SQS_KMS', 'SKIPPED']],
  },
  {
    name: 'RESOURCE delete: the properties are empty, so property rules fail (the documented input)',
    ...s3,
    target: bucket(versioned, 'DELETE_PRE_PROVISION'),
    kind: 'failed',
    errorCode: 'NonCompliant',
    message: 'Template failed validation, the following rule(s) failed: S3_ENCRYPTION_ALGORITHM, S3_VERSIONING_ENABLED.',
    annotations: [['S3_ENCRYPTION_ALGORITHM', 'FAILED'], ['S3_VERSIONING_ENABLED', 'FAILED'], ['HOOK_IS_RESOURCE_TARGET', 'PASSED'], ['SQS_KMS', 'SKIPPED']],
  },
  {
    name: 'CLOUD_CONTROL: HookContext has no stack and TargetType RESOURCE',
    rules: fixture('cloud-control-rules.guard'),
    target: { ...bucket(versioned), targetType: 'CLOUD_CONTROL', logicalId: 'AWS-S3-Bucket-b-CREATE-tok', changeSetId: changeSetId },
    kind: 'succeeded',
    errorCode: null,
    message: 'Successful validation',
    annotations: [['FROM_CLOUD_CONTROL', 'PASSED']],
  },
  {
    name: 'STACK create: the template\'s resources at the root; the Previous rule does not apply',
    rules: fixture('stack-rules.guard'),
    target: { targetType: 'STACK', clientRequestToken: 'token-1', stack, stackName: 'demo', invocationPoint: 'CREATE_PRE_PROVISION', template: template(unversioned), previousTemplate: null },
    kind: 'failed',
    errorCode: 'NonCompliant',
    message: 'Template failed validation, the following rule(s) failed: BUCKETS_VERSIONED.',
    annotations: [['BUCKETS_VERSIONED', 'FAILED'], ['TARGET_IS_STACK', 'PASSED'], ['NO_BUCKET_REMOVED', 'SKIPPED']],
  },
  {
    name: 'STACK update: Previous is the deployed template',
    rules: fixture('stack-rules.guard'),
    target: { targetType: 'STACK', clientRequestToken: 'token-1', stack, stackName: 'demo', invocationPoint: 'UPDATE_PRE_PROVISION', template: template(versioned), previousTemplate: template(unversioned) },
    kind: 'succeeded',
    errorCode: null,
    message: 'Successful validation',
    annotations: [['BUCKETS_VERSIONED', 'PASSED'], ['NO_BUCKET_REMOVED', 'PASSED'], ['TARGET_IS_STACK', 'PASSED']],
  },
  {
    name: 'CHANGE_SET: rules read Changes[].afterContext with json_parse',
    rules: fixture('change-set-rules.guard'),
    target: {
      targetType: 'CHANGE_SET',
      clientRequestToken: 'token-1',
      stack,
      stackName: 'demo',
      changeSetId,
      invocationPoint: 'CREATE_PRE_PROVISION',
      template: template({ VersioningConfiguration: { Status: 'Suspended' } }),
      previousTemplate: template(versioned),
      changes: [
        {
          logicalResourceId: 'Bucket',
          resourceType: 'AWS::S3::Bucket',
          action: 'UPDATE',
          lineNumber: 3,
          beforeProperties: versioned,
          afterProperties: { VersioningConfiguration: { Status: 'Suspended' } },
        },
      ],
    },
    kind: 'failed',
    errorCode: 'NonCompliant',
    message: 'Template failed validation, the following rule(s) failed: CHANGED_BUCKETS_VERSIONED.',
    annotations: [['CHANGED_BUCKETS_VERSIONED', 'FAILED'], ['TARGET_IS_CHANGE_SET', 'PASSED']],
  },
  {
    name: 'a template that holds a HookContext key: the hook errored, saying why',
    ...s3,
    target: { targetType: 'STACK', clientRequestToken: 'token-1', stack, stackName: 'demo', invocationPoint: 'CREATE_PRE_PROVISION', template: { ...template(versioned), HookContext: {} }, previousTemplate: null },
    kind: 'errored',
    errorCode: 'InternalFailure',
    message: /^the template has a top-level key 'HookContext'/,
  },
];

describeWithCfnGuard(binary)('guardHookInvoker with the real cfn-guard', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const invoke = guardHookInvoker({ alias: 'Private::Guard::Test', binary: binary as string, rules: c.rules, ...(c.inputParams ? { inputParams: c.inputParams } : {}) });
    const outcome = await invoke({ target: c.target });
    expect(outcome).toMatchObject({ kind: c.kind, errorCode: c.errorCode, calls: 1, hookStatus: c.kind === 'succeeded' ? 'SUCCESS' : 'FAILED' });
    if (typeof c.message === 'string') expect(outcome.message).toBe(c.message);
    else expect(outcome.message).toMatch(c.message);
    if (c.annotations === undefined) {
      expect(outcome.answer).toBeUndefined();
      return;
    }
    // The answer is what a well-behaved hook handler would have sent: it passes the protocol's own check.
    expect(progressEventViolations(outcome.answer)).toEqual([]);
    expect(outcome.answer).toMatchObject({ clientRequestToken: 'token-1', message: outcome.message });
    expect(outcome.answer?.annotations?.map((a) => [a.annotationName, a.status])).toEqual(c.annotations);
  });

  it('rules that do not parse are not a hook outcome: the call rejects with the located input error (exit 2)', async () => {
    const invoke = guardHookInvoker({ alias: 'Private::Guard::Test', binary: binary as string, rules: fixture('broken.guard') });
    await expect(invoke({ target: bucket(versioned) })).rejects.toMatchObject({
      name: 'GuardRulesError',
      diagnostics: [{ code: 'GUARD_RULES_PARSE', file: fixture('broken.guard'), line: 2, column: 22 }],
    });
  });

  it('the time limit in force ends a call that takes longer: the hook errored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-hook-'));
    const slow = join(dir, 'slow-guard');
    writeFileSync(slow, '#!/bin/sh\nexec sleep 20\n');
    chmodSync(slow, 0o755);
    try {
      const invoke = guardHookInvoker({ alias: 'Private::Guard::Test', binary: slow, ...s3 });
      const outcome = await invoke({ target: bucket(versioned), limits: { timeoutMillis: 200 } });
      expect(outcome).toMatchObject({ kind: 'errored', errorCode: 'InternalFailure', message: 'cfn-guard did not finish within 200 ms' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithCfnGuard(binary)('cfnGuardEvaluator (the invocation layer\'s Guard seam)', () => {
  it('rules written for a newer engine (its now() function) do not parse: the error names the engine\'s version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-hook-'));
    try {
      writeFileSync(join(dir, 'fresh.guard'), 'let current_time = now()\nrule FRESH { Resources exists }\n');
      const evaluate = cfnGuardEvaluator({ explicitPath: binary as string });
      const caught: unknown = await evaluate({ hook: { alias: 'Private::Guard::Test', rules: { path: join(dir, 'fresh.guard') } }, target: bucket(versioned) }).catch((error: unknown) => error);
      expect(caught).toMatchObject({ diagnostics: [{ code: 'GUARD_RULES_PARSE', file: join(dir, 'fresh.guard'), line: 1 }] });
      expect((caught as { message: string }).message).toMatch(/^cfn-guard 3\.\d+\.\d+ cannot parse the rules/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['one input-parameters file', { path: fixture('params.yaml') }],
    ['a list of them', [{ path: fixture('params.yaml') }]],
  ])('finds the engine, then evaluates the hook\'s local rules with %s', async (_name, inputParams) => {
    const evaluate = cfnGuardEvaluator({ explicitPath: binary as string });
    const hook = { alias: 'Private::Guard::Test', rules: { path: fixture('s3-rules.guard') }, inputParams };
    const outcomes = [await evaluate({ hook, target: bucket(versioned) }), await evaluate({ hook, target: bucket(unversioned) })];
    expect(outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['succeeded', 'Successful validation'],
      ['failed', 'Template failed validation, the following rule(s) failed: S3_VERSIONING_ENABLED.'],
    ]);
  });

  it('without an engine every call rejects with the one clear error, looked for once', async () => {
    const evaluate = cfnGuardEvaluator({ explicitPath: '/no/such/cfn-guard' });
    const hook = { alias: 'Private::Guard::Test', rules: { path: fixture('s3-rules.guard') } };
    const first = await evaluate({ hook, target: bucket(versioned) }).catch((error: unknown) => error);
    const second = await evaluate({ hook, target: bucket(versioned) }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(CfnGuardUnavailableError);
    expect(second).toBe(first);
    expect((first as Error).message).toBe('--cfn-guard /no/such/cfn-guard: the file does not exist');
  });
});

describe('LogBucket: the report key', () => {
  it.each<[string, GuardTarget, string]>([
    ['a resource: its type with :: as --, then its logical id', bucket(versioned), 'cfn-guard-validate-report/AWS--S3--Bucket-Bucket/1767225600000.json'],
    ['a Cloud Control request: its constructed logical id', { ...bucket(versioned), targetType: 'CLOUD_CONTROL', logicalId: 'AWS-S3-Bucket-b-CREATE-t' }, 'cfn-guard-validate-report/AWS--S3--Bucket-AWS-S3-Bucket-b-CREATE-t/1767225600000.json'],
    ['a stack', { targetType: 'STACK', clientRequestToken: 't', stack, stackName: 'demo', invocationPoint: 'CREATE_PRE_PROVISION', template: template(versioned), previousTemplate: null }, 'cfn-guard-validate-report/STACK-demo/1767225600000.json'],
  ])('%s', (_name, target, key) => expect(logReportKey(target, LOG_REPORT_EPOCH_MILLIS)).toBe(key));
});

describeWithCfnGuard(binary)('LogBucket with the real cfn-guard', () => {
  const logged = (reportClock?: () => number) =>
    guardHookInvoker({ alias: 'Private::Guard::Test', binary: binary as string, ...s3, logBucket: 'guard-logs', ...(reportClock ? { reportClock } : {}) });

  it('a failure ends its message with where the full output was written; the outcome carries that report', async () => {
    const outcome = await logged()({ target: bucket(unversioned) });
    expect(outcome.message).toBe(
      'Template failed validation, the following rule(s) failed: S3_VERSIONING_ENABLED. Full output was written to s3://guard-logs/cfn-guard-validate-report/AWS--S3--Bucket-Bucket/1767225600000.json',
    );
    expect(outcome.answer?.message).toBe(outcome.message);
    expect(outcome.logBucketReport?.uri).toBe('s3://guard-logs/cfn-guard-validate-report/AWS--S3--Bucket-Bucket/1767225600000.json');
    // cfn-guard's structured report, the data file named as on every run.
    expect(outcome.logBucketReport?.report).toEqual([
      expect.objectContaining({ name: 'input.json', status: 'FAIL', compliant: ['HOOK_IS_RESOURCE_TARGET', 'S3_ENCRYPTION_ALGORITHM'], not_applicable: ['SQS_KMS'] }),
    ]);
  });

  it('a pass says nothing of the bucket and carries no report, but the clock still moves (keys follow the calls)', async () => {
    const invoke = logged();
    const pass = await invoke({ target: bucket(versioned) });
    expect(pass.message).toBe('Successful validation');
    expect(pass.logBucketReport).toBeUndefined();
    const fail = await invoke({ target: bucket(unversioned) });
    expect(fail.logBucketReport?.uri).toMatch(/\/1767225600001\.json$/);
  });

  it('keys are the same on every run: the clock is the simulated one unless another is given', async () => {
    const first = await logged()({ target: bucket(unversioned) });
    const second = await logged()({ target: bucket(unversioned) });
    expect(second.message).toBe(first.message);
    expect((await logged(() => 1_234_567_890_123)({ target: bucket(unversioned) })).logBucketReport?.uri).toMatch(/\/1234567890123\.json$/);
  });

  it('an errored hook has no report to write', async () => {
    const outcome = await guardHookInvoker({ alias: 'Private::Guard::Test', binary: binary as string, rules: fixture('undefined-variable.guard'), logBucket: 'guard-logs' })({ target: bucket(versioned) });
    expect(outcome.kind).toBe('errored');
    expect(outcome.message).not.toMatch(/Full output/);
    expect(outcome.logBucketReport).toBeUndefined();
  });

  it('through the seam, two Guard hooks of one run logging to one bucket never share a key', async () => {
    const evaluate = cfnGuardEvaluator({ explicitPath: binary as string });
    const hook = (alias: string) => ({ alias, rules: { path: fixture('s3-rules.guard') }, inputParams: { path: fixture('params.yaml') }, logBucket: 'guard-logs' });
    const uris = [(await evaluate({ hook: hook('Private::Guard::A'), target: bucket(unversioned) })).logBucketReport?.uri, (await evaluate({ hook: hook('Private::Guard::B'), target: bucket(unversioned) })).logBucketReport?.uri];
    expect(uris).toEqual([
      's3://guard-logs/cfn-guard-validate-report/AWS--S3--Bucket-Bucket/1767225600000.json',
      's3://guard-logs/cfn-guard-validate-report/AWS--S3--Bucket-Bucket/1767225600001.json',
    ]);
  });
});
