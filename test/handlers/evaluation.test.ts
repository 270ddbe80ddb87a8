/** The one combining rule, the annotations, and the 4096-character message cap. */
import { answerFor, combineStatuses, type CheckReport } from '../../src/handlers/evaluation';
import { POLICY, type CheckStatus } from '../../src/handlers/checks';
import { createEntrypoint } from '../../src/handlers';
import { CLOUD_CONTROL_MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH, progressEventViolations, type JsonObject } from '../../src/kernel/protocol';
import { captureLogs, wireRequest } from './support';

describe('combineStatuses: FAIL wins, SKIP is neutral', () => {
  it.each<[CheckStatus[], CheckStatus]>([
    [[], 'SKIP'],
    [['SKIP'], 'SKIP'],
    [['PASS'], 'PASS'],
    [['PASS', 'SKIP'], 'PASS'],
    [['SKIP', 'FAIL'], 'FAIL'],
    [['PASS', 'FAIL', 'PASS'], 'FAIL'],
    [['FAIL', 'FAIL'], 'FAIL'],
  ])('%j → %s', (statuses, combined) => {
    expect(combineStatuses(statuses)).toBe(combined);
  });
});

describe('answerFor', () => {
  const target = { typeName: 'AWS::S3::Bucket', logicalId: 'Logs', properties: { BucketName: 'logs-bucket' } };
  const [first, second, third] = POLICY as [CheckReport['check'], CheckReport['check'], CheckReport['check']];

  it('gives one annotation per check with the status words the service uses', () => {
    const answer = answerFor(target, [
      { check: first, result: { status: 'PASS', message: 'ok', findings: [] } },
      { check: second, result: { status: 'SKIP', message: 'n/a', findings: [] } },
      { check: third, result: { status: 'FAIL', message: 'bad', findings: [{ path: 'P', found: '"x"', required: 'y' }] } },
    ]);
    expect(answer.annotations?.map((a) => [a.annotationName, a.status])).toEqual([
      [first.id, 'PASSED'],
      [second.id, 'SKIPPED'],
      [third.id, 'FAILED'],
    ]);
    expect(answer.annotations?.[2]?.remediationMessage).toBe(third.remediation);
    expect(answer.annotations?.[0]?.remediationMessage).toBeUndefined();
    expect(answer.annotations?.[2]?.severityLevel).toBe(third.severity);
    expect(answer.message).toBe(`AWS::S3::Bucket Logs (bucket "logs-bucket") does not comply (1 check(s) failed): [${third.id}] P: found "x"; required y`);
  });

  it('words a success without naming or counting checks, so a new check changes only annotations', () => {
    const passing = (checks: ReadonlyArray<CheckReport['check']>) => answerFor(target, checks.map((check) => ({ check, result: { status: 'PASS', message: 'ok', findings: [] } })));
    const fewer = passing([first]);
    const more = passing([first, second, third]);
    expect(more.message).toBe(fewer.message);
    expect(more.message).toBe('AWS::S3::Bucket Logs (bucket "logs-bucket") complies with the encryption policy (each check\'s result is in the annotations).');
    expect(more.annotations).toHaveLength(3);
  });

  it.each([
    ['a stack', false, MAX_MESSAGE_LENGTH],
    // The service cuts a Cloud Control request's message at 1024: capped at 4096, the tail would be lost.
    ['a Cloud Control request', true, CLOUD_CONTROL_MAX_MESSAGE_LENGTH],
  ])('for %s, keeps a message with hundreds of findings within the length the service keeps (%s → %i) and says how many were left out', (_origin, viaCloudControl, limit) => {
    const findings = Array.from({ length: 300 }, (_, i) => ({ path: `BucketEncryption.ServerSideEncryptionConfiguration[${i}].BucketKeyEnabled`, found: '"false"', required: 'true' }));
    const answer = answerFor({ ...target, viaCloudControl }, [{ check: first, result: { status: 'FAIL', message: '', findings } }]);
    expect(answer.message?.length).toBeLessThanOrEqual(limit);
    expect(answer.message?.length).toBeGreaterThan(limit - 200);
    expect(answer.message).toMatch(/\.\.\. and \d+ more finding\(s\), see the annotations$/);
    const shown = (answer.message?.match(/BucketKeyEnabled: found/g) ?? []).length;
    const leftOut = Number(/and (\d+) more/.exec(answer.message ?? '')?.[1]);
    expect(shown + leftOut).toBe(300);
  });

  it('reports every failing check of a bucket in one message', async () => {
    const rules: JsonObject[] = Array.from({ length: 3 }, () => ({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: 'false' }));
    const answer = await createEntrypoint({ log: captureLogs().log })(
      wireRequest('CREATE_PRE_PROVISION', 'AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: rules } }, { hookModel: { encryptionAlgorithm: 'aws:kms:dsse' } }),
    );
    expect(answer.hookStatus).toBe('FAILED');
    expect(progressEventViolations(answer)).toEqual([]);
    for (const id of ['s3-algorithm-matches', 's3-bucket-key-enabled', 's3-kms-key-present']) expect(answer.message).toContain(`[${id}]`);
    expect(answer.message?.match(/\[s3-bucket-key-enabled\]/g)).toHaveLength(3);
  });
});
