/**
 * The real cfn-guard engine against Guard input documents: verdicts, the service's message, one annotation per rule,
 * and every way the engine can fail to judge (which makes the hook errored, never a pass).
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildGuardInput, evaluateGuard, type GuardEvaluation } from '../../../../simulator/cloudformation/guard';
import type { Annotation, JsonObject } from '../../../../src/kernel/protocol';
import { cfnGuardForTests, describeWithCfnGuard } from '../../../support/cfn-guard';

const binary = cfnGuardForTests('evaluateGuard');
const scratchDirs: string[] = [];
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'guard');
const fixture = (name: string): string => join(FIXTURES, name);

const stack = { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/demo/0000', accountId: '123456789012' };

/** The RESOURCE document for one resource being created. */
function resourceDocument(logicalId: string, targetName: string, resourceProperties: JsonObject): JsonObject {
  return buildGuardInput(
    { hookTypeName: 'Private::Guard::Test' },
    { clientRequestToken: 't', stack, invocationPoint: 'CREATE_PRE_PROVISION', targetName, logicalId, resourceProperties },
  );
}

/** The STACK document for a template being created. */
function stackDocument(resources: JsonObject): JsonObject {
  return buildGuardInput(
    { hookTypeName: 'Private::Guard::Test' },
    { targetType: 'STACK', clientRequestToken: 't', stack, stackName: 'demo', invocationPoint: 'CREATE_PRE_PROVISION', template: { Resources: resources }, previousTemplate: null },
  );
}

const compliantBucket = {
  VersioningConfiguration: { Status: 'Enabled' },
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
};
const aesOnlyBucket = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } };

const VERSIONING_REMEDIATION = '\n        Violation: S3 buckets must have versioning enabled\n        Fix: Set Properties.VersioningConfiguration.Status to Enabled\n    ';

interface Case {
  readonly name: string;
  readonly rules: string;
  readonly inputParams?: string[];
  readonly document: JsonObject;
  readonly status: GuardEvaluation['status'];
  readonly exitCode: number;
  readonly message: string | RegExp;
  /** Annotations as [name, status, statusMessage (exact or pattern), remediationMessage?]. */
  readonly annotations?: Array<[string, Annotation['status'], string | RegExp, string?]>;
}

const cases: Case[] = [
  {
    name: 'a compliant bucket passes; rules that apply are PASSED, the queue rule SKIPPED',
    rules: fixture('s3-rules.guard'),
    inputParams: [fixture('params.yaml')],
    document: resourceDocument('MyBucket', 'AWS::S3::Bucket', compliantBucket),
    status: 'SUCCESS',
    exitCode: 0,
    message: 'Successful validation',
    annotations: [
      ['HOOK_IS_RESOURCE_TARGET', 'PASSED', 'The rule passed.'],
      ['S3_ENCRYPTION_ALGORITHM', 'PASSED', 'The rule passed.'],
      ['S3_VERSIONING_ENABLED', 'PASSED', 'The rule passed.'],
      ['SQS_KMS', 'SKIPPED', 'The rule did not apply: its when conditions selected nothing.'],
    ],
  },
  {
    name: 'a bucket without versioning and with AES256 fails two rules, named sorted in the message',
    rules: fixture('s3-rules.guard'),
    inputParams: [fixture('params.yaml')],
    document: resourceDocument('MyBucket', 'AWS::S3::Bucket', aesOnlyBucket),
    status: 'FAILED',
    exitCode: 19,
    message: 'Template failed validation, the following rule(s) failed: S3_ENCRYPTION_ALGORITHM, S3_VERSIONING_ENABLED.',
    annotations: [
      [
        'S3_ENCRYPTION_ALGORITHM',
        'FAILED',
        'Check was not compliant as property [/Resources/MyBucket/Properties/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm[L:0,C:171]] was not present in [(resolved, Path=/AllowedAlgorithms[L:1,C:2] Value=["aws:kms","aws:kms:dsse"])]',
      ],
      [
        'S3_VERSIONING_ENABLED',
        'FAILED',
        'Check was not compliant as property [VersioningConfiguration.Status] to compare from is missing. Value traversed to [Path=/Resources/MyBucket/Properties[L:0,C:64] Value={"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}}].',
        VERSIONING_REMEDIATION,
      ],
      ['HOOK_IS_RESOURCE_TARGET', 'PASSED', 'The rule passed.'],
      ['SQS_KMS', 'SKIPPED', 'The rule did not apply: its when conditions selected nothing.'],
    ],
  },
  {
    // The annotation the service returned for this resource (aws-cdk-cli's Guard-hook integ test), byte for byte.
    name: 'the real AccessControl annotation is reproduced exactly',
    rules: fixture('access-control.guard'),
    document: resourceDocument('NonCompliantBucket', 'AWS::S3::Bucket', { AccessControl: 'Private' }),
    status: 'FAILED',
    exitCode: 19,
    message: 'Template failed validation, the following rule(s) failed: AWS_S3_Bucket_AccessControl.',
    annotations: [
      [
        'AWS_S3_Bucket_AccessControl',
        'FAILED',
        'Check was not compliant as property [/Resources/NonCompliantBucket/Properties/AccessControl[L:0,C:91]] existed.',
        '\n            AccessControl is deprecated\n        ',
      ],
    ],
  },
  {
    name: 'clauses outside a rule block are the rule <file>/default',
    rules: fixture('unnamed-rules.guard'),
    document: resourceDocument('B', 'AWS::S3::Bucket', {}),
    status: 'FAILED',
    exitCode: 19,
    message: 'Template failed validation, the following rule(s) failed: unnamed-rules.guard/default.',
    annotations: [['unnamed-rules.guard/default', 'FAILED', /^Check was not compliant as property \[VersioningConfiguration\] is missing\./]],
  },
  {
    name: 'a rules folder: every .guard file in it',
    rules: fixture('rules-folder'),
    document: resourceDocument('B', 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' }, Tags: [{ Key: 'team', Value: 'x' }] }),
    status: 'FAILED',
    exitCode: 19,
    message: 'Template failed validation, the following rule(s) failed: BUCKET_TAGGED.',
    annotations: [
      ['BUCKET_TAGGED', 'FAILED', /not equal to value .*"owner"/, '\n        Fix: tag every bucket with its owner\n    '],
      ['BUCKET_VERSIONING', 'PASSED', 'The rule passed.'],
    ],
  },
  {
    name: 'a rule failing for two resources is one annotation with both texts, its remediation once',
    rules: fixture('s3-rules.guard'),
    inputParams: [fixture('params.yaml')],
    document: { ...stackDocument({ A: { Type: 'AWS::S3::Bucket', Properties: compliantBucket }, B: { Type: 'AWS::S3::Bucket', Properties: aesOnlyBucket }, C: { Type: 'AWS::S3::Bucket', Properties: {} } }) },
    status: 'FAILED',
    exitCode: 19,
    message: 'Template failed validation, the following rule(s) failed: HOOK_IS_RESOURCE_TARGET, S3_ENCRYPTION_ALGORITHM, S3_VERSIONING_ENABLED.',
    annotations: [
      ['HOOK_IS_RESOURCE_TARGET', 'FAILED', /^Check was not compliant as property value \[Path=\/HookContext\/TargetType.*Value="STACK"\]/],
      ['S3_ENCRYPTION_ALGORITHM', 'FAILED', /^(?=[^]*\/Resources\/B\/Properties\/BucketEncryption[^\n]*was not present in)(?=[^]*to compare from is missing\. Value traversed to \[Path=\/Resources\/C\/Properties)[^\n]*\n[^\n]*$/],
      ['S3_VERSIONING_ENABLED', 'FAILED', /^(?=[^]*Path=\/Resources\/B\/Properties)(?=[^]*Path=\/Resources\/C\/Properties)[^\n]*\n[^\n]*$/, VERSIONING_REMEDIATION],
      ['SQS_KMS', 'SKIPPED', 'The rule did not apply: its when conditions selected nothing.'],
    ],
  },
  {
    name: 'booleans stay booleans: `== true` passes on true',
    rules: writeRules('boolean.guard', "rule LOCKED { Resources.*.Properties.ObjectLockEnabled == true }\n"),
    document: resourceDocument('B', 'AWS::S3::Bucket', { ObjectLockEnabled: true }),
    status: 'SUCCESS',
    exitCode: 0,
    message: 'Successful validation',
    annotations: [['LOCKED', 'PASSED', 'The rule passed.']],
  },
  {
    name: 'rules that do not parse: exit 5 prints a SKIP report, which is an error, not a pass',
    rules: fixture('broken.guard'),
    document: resourceDocument('B', 'AWS::S3::Bucket', {}),
    status: 'ERROR',
    exitCode: 5,
    message: /^cfn-guard could not parse the rules: Parsing error handling rule file = broken\.guard, .*line 2 at column 22/,
  },
  {
    name: 'a parse error in one file is an error even when another file fails (exit 19)',
    rules: copyRules('mixed', [fixture('broken.guard'), fixture('unnamed-rules.guard')]),
    document: resourceDocument('B', 'AWS::S3::Bucket', {}),
    status: 'ERROR',
    exitCode: 19,
    message: /^cfn-guard could not parse the rules: .*broken\.guard/,
  },
  {
    name: 'an undefined variable is an engine error (exit 255)',
    rules: fixture('undefined-variable.guard'),
    document: resourceDocument('B', 'AWS::S3::Bucket', {}),
    status: 'ERROR',
    exitCode: 255,
    message: /^cfn-guard could not evaluate the rules \(exit 255\): There was no variable or value object to resolve\./,
  },
  {
    name: 'a rules path that does not exist (exit 255)',
    rules: fixture('no-such-rules.guard'),
    document: resourceDocument('B', 'AWS::S3::Bucket', {}),
    status: 'ERROR',
    exitCode: 255,
    message: /^cfn-guard could not evaluate the rules \(exit 255\): The path `.*no-such-rules\.guard` does not exist/,
  },
  {
    name: 'an input-parameters key that the document also has: cfn-guard panics (exit 101), said plainly',
    rules: fixture('s3-rules.guard'),
    inputParams: [fixture('clash-params.yaml')],
    document: resourceDocument('B', 'AWS::S3::Bucket', {}),
    status: 'ERROR',
    exitCode: 101,
    message: "cfn-guard could not merge the input parameters: the key 'Resources' is also a key of the hook's input document (exit 101)",
  },
];

describeWithCfnGuard(binary)('evaluateGuard with the real cfn-guard', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await evaluateGuard({ binary: binary as string, rules: c.rules, ...(c.inputParams ? { inputParams: c.inputParams } : {}), document: c.document });
    expect({ status: result.status, exitCode: result.exitCode }).toEqual({ status: c.status, exitCode: c.exitCode });
    if (typeof c.message === 'string') expect(result.message).toBe(c.message);
    else expect(result.message).toMatch(c.message);
    const expected = c.annotations ?? [];
    expect(result.annotations.map((a) => [a.annotationName, a.status])).toEqual(expected.map(([name, status]) => [name, status]));
    expected.forEach(([, , statusMessage, remediation], index) => {
      const annotation = result.annotations[index];
      if (typeof statusMessage === 'string') expect(annotation.statusMessage).toBe(statusMessage);
      else expect(annotation.statusMessage).toMatch(statusMessage);
      expect(annotation.remediationMessage).toBe(remediation);
    });
    if (c.status === 'ERROR') expect(result.report).toBe('');
    else expect(JSON.parse(result.report)[0].status).toBe(c.status === 'SUCCESS' ? 'PASS' : 'FAIL');
  });

  it('a report larger than the bound is an error, not a truncated verdict', async () => {
    const result = await evaluateGuard({ binary: binary as string, rules: fixture('access-control.guard'), document: resourceDocument('B', 'AWS::S3::Bucket', { AccessControl: 'x' }), maxReportBytes: 64 });
    expect(result).toMatchObject({ status: 'ERROR', message: 'cfn-guard printed a report larger than the simulator reads', annotations: [] });
  });
});

describe('evaluateGuard bounds (any program as the engine)', () => {
  it('an engine that does not finish within the time limit is killed: the hook errored', async () => {
    const slow = writeExecutable('slow-guard', '#!/bin/sh\nsleep 20\n');
    const started = Date.now();
    const result = await evaluateGuard({ binary: slow, rules: fixture('s3-rules.guard'), document: {}, timeoutMillis: 300 });
    expect(result).toMatchObject({ status: 'ERROR', message: 'cfn-guard did not finish within 300 ms', exitCode: null });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an engine that cannot be started is an error naming why', async () => {
    const result = await evaluateGuard({ binary: join(tmpdir(), 'no-such-cfn-guard'), rules: fixture('s3-rules.guard'), document: {} });
    expect(result).toMatchObject({ status: 'ERROR', message: 'cfn-guard could not start (ENOENT)' });
  });

  it('an engine that prints something other than a report is an error', async () => {
    const liar = writeExecutable('liar-guard', '#!/bin/sh\necho "all good"\nexit 0\n');
    const result = await evaluateGuard({ binary: liar, rules: fixture('s3-rules.guard'), document: {} });
    expect(result).toMatchObject({ status: 'ERROR', message: 'cfn-guard\'s report cannot be read: cfn-guard printed something that is not JSON: "all good\\n"' });
  });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guard-test-'));
  scratchDirs.push(dir);
  return dir;
}

function writeRules(name: string, text: string): string {
  const path = join(scratch(), name);
  writeFileSync(path, text);
  return path;
}

function copyRules(folder: string, files: string[]): string {
  const dir = join(scratch(), folder);
  mkdirSync(dir);
  for (const file of files) copyFileSync(file, join(dir, basename(file)));
  return dir;
}

function writeExecutable(name: string, text: string): string {
  const path = join(scratch(), name);
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}
