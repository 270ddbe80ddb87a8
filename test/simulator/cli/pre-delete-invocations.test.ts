/**
 * preDelete against an account too large to count within the invocations the service allows (3 IN_PROGRESS answers):
 * through the simulator, which re-invokes as the service does and fails a hook that answers IN_PROGRESS a fourth time
 * with an opaque HandlerInternalFailure. The hook must answer first, with what it counted.
 */
import { runSimulate, scratchFolderPerTest } from '../../support/simulate-cli';

const TEMPLATE = `Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: logs-main
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
            BucketKeyEnabled: true
`;

const account = (buckets: number): string =>
  JSON.stringify({ buckets: Array.from({ length: buckets }, (_, i) => ({ name: `b${i}`, encryption: [{ SSEAlgorithm: 'AES256' }] })) });

const configuration = (minBuckets: number): string =>
  JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', Properties: { minBuckets: String(minBuckets) } } } });

interface Invocation {
  hookStatus: string;
  errorCode?: string | null;
  message: string;
}

describe('simulate --operation delete with an account too large to count in time', () => {
  const scratch = scratchFolderPerTest('pre-delete-invocations-');

  // --hook-timeout 1000 is under the handler's 5 s safety margin: each invocation reads exactly one bucket.
  it.each<[string, number, number, string[], number, string | null, RegExp]>([
    [
      'minimum out of reach in 4 invocations',
      40,
      30,
      ['--hook-timeout', '1000'],
      1,
      'ServiceLimitExceeded',
      /could not finish: the account's inventory was too large to count within the 4 invocations the service allows a hook \(3 IN_PROGRESS answers\); counted so far: 4 of 30 encrypted bucket\(s\) found so far/,
    ],
    ['minimum reached on the third invocation', 40, 3, ['--hook-timeout', '1000'], 0, null, /complies/],
    ['the whole count in one invocation (the default 30 s)', 40, 30, [], 0, null, /complies/],
  ])('%s', async (_what, buckets, minBuckets, extra, exitCode, errorCode, message) => {
    const argv = [
      scratch.file('b.yaml', TEMPLATE),
      '--operation',
      'delete',
      '--account',
      scratch.file('account.json', account(buckets)),
      '--config',
      scratch.file('config.json', configuration(minBuckets)),
      '--format',
      'json',
      ...extra,
    ];
    const { code, out } = await runSimulate(scratch.dir, argv);
    const [invocation] = (JSON.parse(out) as { invocations: Invocation[] }).invocations;
    expect(invocation?.errorCode ?? null).toBe(errorCode);
    expect(invocation?.message).toMatch(message);
    expect(out).not.toContain('HandlerInternalFailure');
    expect(code).toBe(exitCode);
  });
});
