/**
 * The real cfn-guard engine against Guard input documents: verdicts, the service's message, one annotation per rule,
 * and every way the engine can fail to judge (which makes the hook errored, never a pass).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildGuardInput, evaluateGuard, GuardRulesError, type GuardArchive, type GuardEvaluation } from '../../../../simulator/cloudformation/guard';
import { formatDiagnostic } from '../../../../src/kernel/diagnostics';
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

/** What the rules say of a compliant bucket: every bucket rule passed, the queue rule skipped. */
const COMPLIANT_BUCKET_ANNOTATIONS: Case['annotations'] = [
  ['HOOK_IS_RESOURCE_TARGET', 'PASSED', 'The rule passed.'],
  ['S3_ENCRYPTION_ALGORITHM', 'PASSED', 'The rule passed.'],
  ['S3_VERSIONING_ENABLED', 'PASSED', 'The rule passed.'],
  ['SQS_KMS', 'SKIPPED', 'The rule did not apply: its when conditions selected nothing.'],
];

const cases: Case[] = [
  {
    name: 'a compliant bucket passes; rules that apply are PASSED, the queue rule SKIPPED',
    rules: fixture('s3-rules.guard'),
    inputParams: [fixture('params.yaml')],
    document: resourceDocument('MyBucket', 'AWS::S3::Bucket', compliantBucket),
    status: 'SUCCESS',
    exitCode: 0,
    message: 'Successful validation',
    annotations: COMPLIANT_BUCKET_ANNOTATIONS,
  },
  ...['params.txt', 'PARAMS.YAML'].map((name): Case => ({
    name: `an input-parameters file named ${name} (cfn-guard alone would skip it without a word): its keys are still merged`,
    rules: fixture('s3-rules.guard'),
    inputParams: [join(writeTree(`named-${name}`, { [name]: readFileSync(fixture('params.yaml')) }), name)],
    document: resourceDocument('MyBucket', 'AWS::S3::Bucket', compliantBucket),
    status: 'SUCCESS',
    exitCode: 0,
    message: 'Successful validation',
    annotations: COMPLIANT_BUCKET_ANNOTATIONS,
  })),
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

  // A big template's report runs to hundreds of MB (each failed check repeats the value it read): past the bound the
  // report is dropped, never truncated and read, and the engine's exit code still gives the verdict (a helper's run of
  // the Guard rules registry over 200 buckets had it an InternalFailure instead of NonCompliant).
  it.each<[string, JsonObject, string, RegExp]>([
    ['failing', { AccessControl: 'x' }, 'FAILED', /^Template failed validation: cfn-guard's report is larger than the simulator reads \(0\.00006103515625 MiB\), so the rules that failed are not named here/],
    ['passing', {}, 'SUCCESS', /^Successful validation$/],
  ])('a report larger than the bound keeps the engine\'s verdict (%s), without annotations', async (_name, properties, status, message) => {
    const result = await evaluateGuard({ binary: binary as string, rules: fixture('access-control.guard'), document: resourceDocument('B', 'AWS::S3::Bucket', properties), maxReportBytes: 64 });
    expect(result).toMatchObject({ status, annotations: [], report: '' });
    expect(result.message).toMatch(message);
  });
});

/** Rules cfn-guard cannot read, and the diagnostics they are told with (`file:line:col CODE message`, printed). */
interface UnreadableCase {
  readonly name: string;
  readonly rules: () => string | GuardArchive;
  readonly inputParams?: () => string;
  /** Each diagnostic printed, `<dir>` standing for the folder the case's files are in. */
  readonly printed: RegExp[];
}

const EXPECTING_VALUE = 'expecting either a property access "engine.core" or value like "string" or \\["this", "that"\\]';
const BROKEN_RULE = 'rule BROKEN {\n  Resources.*.Type ==\n}\n';
const BUCKET_RULE = 'rule NAMED { Resources.*.Properties.BucketName == "b" }\n';

const unreadableCases: UnreadableCase[] = [
  {
    name: 'a rules file that does not parse (exit 5): located where cfn-guard says, not a SKIP and not an errored hook',
    rules: () => fixture('broken.guard'),
    printed: [new RegExp(`^<dir>/broken\\.guard:2:22 GUARD_RULES_PARSE cfn-guard cannot parse the rules: ${EXPECTING_VALUE} \\(at '\\}'\\)$`)],
  },
  {
    name: 'a parse error in one file of a folder, even when another file fails (exit 19): that file, in its sub-folder',
    rules: () => writeTree('mixed', { 'named.guard': BUCKET_RULE, 'team/broken.guard': BROKEN_RULE }),
    printed: [/^<dir>\/mixed\/team\/broken\.guard:2:22 GUARD_RULES_PARSE /],
  },
  {
    name: 'Windows line endings: cfn-guard reads them; a parse error is on the line an editor shows',
    rules: () => writeTree('crlf', { 'crlf.guard': BUCKET_RULE.replace('\n', '\r\n') + 'rule BAD {\r\n  Resources.*.Properties.BucketName == /b(/\r\n}\r\n' }),
    printed: [/^<dir>\/crlf\/crlf\.guard:3:39 GUARD_RULES_PARSE .* \(at '\/b\(\/'\)$/],
  },
  {
    name: 'a UTF-8 byte-order mark (cfn-guard does not skip it): said, with what to do',
    rules: () => writeTree('bom', { 'bom.guard': `\ufeff${BUCKET_RULE}` }),
    printed: [/^<dir>\/bom\/bom\.guard:1:1 GUARD_RULES_PARSE cfn-guard cannot parse the rules \(at 'rule NAMED .*'\); the file starts with a UTF-8 byte-order mark, which cfn-guard does not read: save it without one$/],
  },
  {
    name: 'a rules file that is not UTF-8 (cfn-guard names no file): the file and its first bad byte',
    rules: () => writeTree('latin1', { 'latin1.guard': Buffer.from('# caf\xe9\nrule NAMED { Resources exists }\n', 'latin1') }),
    printed: ['^<dir>/latin1/latin1\\.guard:1:6 GUARD_RULES_NOT_UTF8 the file is not UTF-8 \\(byte 0xe9 at byte offset 5\\); cfn-guard reads UTF-8 only$'].map((r) => new RegExp(r)),
  },
  {
    name: 'in a folder, only the files cfn-guard reads are blamed (a Latin-1 README beside them is not)',
    rules: () =>
      writeTree('folder-latin1', {
        'README.txt': Buffer.from('r\xe8gles\n', 'latin1'),
        'team/latin1.guard': Buffer.from('rule NAMED { Resources exists } # caf\xe9\n', 'latin1'),
      }),
    printed: [/^<dir>\/folder-latin1\/team\/latin1\.guard:1:38 GUARD_RULES_NOT_UTF8 /],
  },
  {
    name: 'an input-parameters file that is not UTF-8: that file',
    rules: () => fixture('s3-rules.guard'),
    inputParams: () => writeTree('params', { 'params.yaml': Buffer.from('Allowed:\n  - caf\xe9\n', 'latin1') }),
    printed: [/^<dir>\/params\/params\.yaml:2:8 GUARD_RULES_NOT_UTF8 the file is not UTF-8 \(byte 0xe9 at byte offset 16\)/],
  },
  {
    name: 'a rules archive: the archive, naming the entry and its line',
    rules: () => ({ format: 'zip', file: join(FIXTURES, 'rules.zip'), entries: [{ name: 'ok/named.guard', data: Buffer.from(BUCKET_RULE) }, { name: 'team/broken.guard', data: Buffer.from(BROKEN_RULE) }] }),
    printed: [new RegExp(`^<dir>/rules\\.zip GUARD_RULES_PARSE entry 'team/broken\\.guard' line 2, column 22: cfn-guard cannot parse the rules: ${EXPECTING_VALUE} \\(at '\\}'\\)$`)],
  },
];

describeWithCfnGuard(binary)('evaluateGuard: rules cfn-guard cannot read are an input error (exit 2), located in the user\'s file', () => {
  it.each(unreadableCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const rules = c.rules();
    const caught = await evaluateGuard({ binary: binary as string, rules, ...(c.inputParams ? { inputParams: [c.inputParams()] } : {}), document: resourceDocument('B', 'AWS::S3::Bucket', {}) }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(caught).toBeInstanceOf(GuardRulesError);
    const printed = (caught as GuardRulesError).diagnostics.map((d) => [...scratchDirs, FIXTURES].reduce((line, dir) => line.split(dir).join('<dir>'), formatDiagnostic(d)));
    expect(printed).toHaveLength(c.printed.length);
    printed.forEach((line, i) => expect(line).toMatch(c.printed[i] as RegExp));
  });
});

describeWithCfnGuard(binary)('evaluateGuard where colour is forced (CLICOLOR_FORCE=1, as some CI set it)', () => {
  const saved = process.env.CLICOLOR_FORCE;
  beforeAll(() => {
    process.env.CLICOLOR_FORCE = '1';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.CLICOLOR_FORCE;
    else process.env.CLICOLOR_FORCE = saved;
  });

  it('a rules file that does not parse is still found and located (cfn-guard underlines its name with escapes)', async () => {
    const caught: unknown = await evaluateGuard({ binary: binary as string, rules: fixture('broken.guard'), document: resourceDocument('B', 'AWS::S3::Bucket', {}) }).catch((error: unknown) => error);
    expect(caught).toMatchObject({ diagnostics: [{ code: 'GUARD_RULES_PARSE', file: fixture('broken.guard'), line: 2, column: 22 }] });
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

/** Files (text or bytes) written under a new folder `name` of a new scratch folder; returns that folder. */
function writeTree(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(scratch(), name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function writeExecutable(name: string, text: string): string {
  const path = join(scratch(), name);
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}
