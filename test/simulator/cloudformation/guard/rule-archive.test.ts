/**
 * Rules (and input parameters) given as `.zip` or `.tar.gz` archives: read from archives made by the usual tools
 * (Info-ZIP `zip`, GNU tar in gnu and pax formats; test/fixtures/guard/archives/README.md), written out, and
 * evaluated by the real cfn-guard as the folder they hold.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildGuardInput,
  cfnGuardReads,
  evaluateGuard,
  guardArchiveFormatOf,
  nameInOtherCase,
  readGuardArchive,
  writeGuardArchive,
  type CfnGuardInput,
  type GuardArchiveFormat,
} from '../../../../simulator/cloudformation/guard';
import type { JsonObject } from '../../../../src/kernel/protocol';
import { cfnGuardForTests, describeWithCfnGuard } from '../../../support/cfn-guard';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'guard');
const ARCHIVES = join(FIXTURES, 'archives');
const LONG_FOLDER = 'a-folder-whose-name-is-long-enough-that-the-whole-path-passes-the-hundred-characters-of-ustar';
const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const newDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rule-archive-'));
  scratch.push(dir);
  return dir;
};

describe('cfnGuardReads: the files cfn-guard 3.1 reads from a folder, case-sensitively', () => {
  it.each<[string, CfnGuardInput, boolean]>([
    ['org/versioning.guard', 'rules', true],
    ['encryption.ruleset', 'rules', true],
    ['VERSIONING.GUARD', 'rules', false],
    ['README.md', 'rules', false],
    ['params.yaml', 'rules', false],
    ['params.yaml', 'inputParams', true],
    ['params.yml', 'inputParams', true],
    ['params.jsn', 'inputParams', true],
    ['params.template', 'inputParams', true],
    ['PARAMS.YAML', 'inputParams', false],
    ['params.txt', 'inputParams', false],
    ['rules.guard', 'inputParams', false],
  ])('%s as %s: %s', (name, input, reads) => {
    expect(cfnGuardReads(name, input)).toBe(reads);
  });

  it.each<[string[], CfnGuardInput, string | undefined]>([
    [['README.md', 'org/VERSIONING.GUARD'], 'rules', 'org/VERSIONING.GUARD'],
    [['README.md', 'notes.txt'], 'rules', undefined],
    [['PARAMS.Json'], 'inputParams', 'PARAMS.Json'],
    [['PARAMS.GUARD'], 'inputParams', undefined],
  ])('nameInOtherCase(%j, %s) is %s', (names, input, other) => {
    expect(nameInOtherCase(names, input)).toBe(other);
  });
});

describe('guardArchiveFormatOf', () => {
  it.each<[string, GuardArchiveFormat | undefined]>([
    ['s3://rules/org-rules.zip', 'zip'],
    ['s3://rules/org-rules.tar.gz', 'tar.gz'],
    ['./RULES.ZIP', 'zip'],
    ['rules.TAR.GZ', 'tar.gz'],
    ['s3://rules/org-rules.guard', undefined],
    ['rules.tgz', undefined],
    ['rules.gz', undefined],
    ['rules-folder', undefined],
  ])('%s → %s', (name, format) => expect(guardArchiveFormatOf(name)).toBe(format));
});

describe('readGuardArchive on archives the usual tools make', () => {
  const expected = [
    [`${LONG_FOLDER}/versioning/versioning.guard`, readFileSync(join(FIXTURES, 'unnamed-rules.guard'), 'utf8')],
    ['notes.txt', readFileSync(join(FIXTURES, 'rules-folder', 'notes.txt'), 'utf8')],
    ['tagging/tags.guard', readFileSync(join(FIXTURES, 'rules-folder', 'tags.guard'), 'utf8')],
  ];

  it.each<[string, GuardArchiveFormat]>([
    ['rules.zip', 'zip'],
    ['rules.tar.gz', 'tar.gz'],
    ['rules-pax.tar.gz', 'tar.gz'],
  ])('%s: every file, by its path inside (folders implied, ./ dropped, long names whole)', (name, format) => {
    const archive = readGuardArchive(join(ARCHIVES, name), format);
    const files = archive.entries.map((e) => [e.name, e.data.toString('utf8')]).sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1));
    expect(files).toEqual(expected);
  });

  it('writeGuardArchive writes the tree under the folder it is given', () => {
    const dir = join(newDir(), 'rules');
    expect(writeGuardArchive(readGuardArchive(join(ARCHIVES, 'rules.tar.gz'), 'tar.gz'), dir)).toBe(dir);
    expect(readdirSync(dir).sort()).toEqual([LONG_FOLDER, 'notes.txt', 'tagging']);
    expect(readFileSync(join(dir, 'tagging', 'tags.guard'), 'utf8')).toBe(expected[2]?.[1]);
  });
});

const cfnGuard = cfnGuardForTests('rule archives');

describeWithCfnGuard(cfnGuard)('the real cfn-guard evaluates an archive as the folder it holds', () => {
  const stack = { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/demo/0000', accountId: '123456789012' };
  const bucket = (properties: JsonObject): JsonObject =>
    buildGuardInput(
      { hookTypeName: 'Private::Guard::Archive' },
      { clientRequestToken: 't', stack, invocationPoint: 'CREATE_PRE_PROVISION', targetName: 'AWS::S3::Bucket', logicalId: 'Data', resourceProperties: properties },
    );

  it.each<[string, GuardArchiveFormat]>([
    ['rules.zip', 'zip'],
    ['rules.tar.gz', 'tar.gz'],
    ['rules-pax.tar.gz', 'tar.gz'],
  ])('%s: a rule file\'s unnamed clauses are named by the entry\'s own file name (versioning.guard/default)', async (name, format) => {
    const evaluation = await evaluateGuard({ binary: cfnGuard as string, rules: readGuardArchive(join(ARCHIVES, name), format), document: bucket({}) });
    expect(evaluation.status).toBe('FAILED');
    expect(evaluation.message).toBe('Template failed validation, the following rule(s) failed: BUCKET_TAGGED, versioning.guard/default.');
    expect(evaluation.annotations.map((a) => [a.annotationName, a.status])).toEqual([
      ['BUCKET_TAGGED', 'FAILED'],
      ['versioning.guard/default', 'FAILED'],
    ]);
  });

  it('a compliant bucket passes the archive\'s rules', async () => {
    const evaluation = await evaluateGuard({
      binary: cfnGuard as string,
      rules: readGuardArchive(join(ARCHIVES, 'rules.zip'), 'zip'),
      document: bucket({ VersioningConfiguration: { Status: 'Enabled' }, Tags: [{ Key: 'owner', Value: 'data-team' }] }),
    });
    expect(evaluation).toMatchObject({ status: 'SUCCESS', message: 'Successful validation' });
  });

  it('input parameters from an archive are merged as from the file it holds', async () => {
    const evaluation = await evaluateGuard({
      binary: cfnGuard as string,
      rules: join(FIXTURES, 's3-rules.guard'),
      inputParams: [readGuardArchive(join(ARCHIVES, 'params.zip'), 'zip')],
      document: bucket({ VersioningConfiguration: { Status: 'Enabled' }, BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }),
    });
    expect(evaluation.message).toBe('Template failed validation, the following rule(s) failed: S3_ENCRYPTION_ALGORITHM.');
  });
});
