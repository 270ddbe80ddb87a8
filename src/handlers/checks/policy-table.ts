/**
 * THE policy: every check the hook runs, registered in this one table, in the order findings are
 * reported. A reader sees here which rule applies to which target at which invocation point; each
 * check's logic lives in its own file.
 */
import type { InvocationPoint } from '../../kernel/protocol';
import { RULES_PATH } from './bucket-encryption';
import { checkS3AlgorithmMatches } from './s3-algorithm-matches';
import { checkS3BucketKeyEnabled } from './s3-bucket-key-enabled';
import { checkS3EncryptionConfigured } from './s3-encryption-configured';
import { checkS3KmsKeyPresent } from './s3-kms-key-present';
import { checkS3MinimumEncryptedBuckets } from './s3-minimum-encrypted-buckets';
import { checkS3NoEncryptionDowngrade } from './s3-no-encryption-downgrade';
import { checkSqsKmsKeyKept } from './sqs-kms-key-kept';
import { checkSqsKmsKeyPresent } from './sqs-kms-key-present';
import { checkSqsMinimumEncryptedQueues } from './sqs-minimum-encrypted-queues';
import type { CheckDefinition } from './types';

const CREATE = 'CREATE_PRE_PROVISION';
const UPDATE = 'UPDATE_PRE_PROVISION';
const DELETE = 'DELETE_PRE_PROVISION';

/** Every check of the hook, in reporting order. */
export const POLICY: readonly CheckDefinition[] = Object.freeze([
  {
    id: 's3-encryption-configured',
    targets: ['AWS::S3::Bucket'],
    invocationPoints: [CREATE, UPDATE],
    summary: `${RULES_PATH} is a non-empty list of encryption rules`,
    remediation: 'Add BucketEncryption with a ServerSideEncryptionConfiguration rule that uses the configured algorithm and sets BucketKeyEnabled: true.',
    severity: 'HIGH',
    check: checkS3EncryptionConfigured,
  },
  {
    id: 's3-algorithm-matches',
    targets: ['AWS::S3::Bucket'],
    invocationPoints: [CREATE, UPDATE],
    summary: 'every encryption rule has ServerSideEncryptionByDefault.SSEAlgorithm equal to the configured encryptionAlgorithm',
    remediation: 'Set ServerSideEncryptionByDefault.SSEAlgorithm of every rule to the algorithm the hook is configured with.',
    severity: 'HIGH',
    check: checkS3AlgorithmMatches,
  },
  {
    id: 's3-bucket-key-enabled',
    targets: ['AWS::S3::Bucket'],
    invocationPoints: [CREATE, UPDATE],
    summary: 'every encryption rule has BucketKeyEnabled true ("true" or true; "false", false or absent is false)',
    remediation: 'Set BucketKeyEnabled: true on every ServerSideEncryptionConfiguration rule.',
    severity: 'MEDIUM',
    check: checkS3BucketKeyEnabled,
  },
  {
    id: 's3-kms-key-present',
    targets: ['AWS::S3::Bucket'],
    invocationPoints: [CREATE, UPDATE],
    summary: 'when the configured algorithm is aws:kms or aws:kms:dsse, every rule has a non-empty KMSMasterKeyID',
    remediation: 'Set ServerSideEncryptionByDefault.KMSMasterKeyID of every rule to the ARN or id of a customer managed KMS key.',
    severity: 'HIGH',
    check: checkS3KmsKeyPresent,
  },
  {
    id: 's3-no-encryption-downgrade',
    targets: ['AWS::S3::Bucket'],
    invocationPoints: [UPDATE],
    summary: 'an update does not remove encryption or lower the strongest algorithm in use (AES256 < aws:kms < aws:kms:dsse)',
    remediation: 'Keep the bucket encrypted with an algorithm at least as strong as the deployed one.',
    severity: 'HIGH',
    check: checkS3NoEncryptionDowngrade,
  },
  {
    id: 's3-minimum-encrypted-buckets',
    targets: ['AWS::S3::Bucket'],
    invocationPoints: [DELETE],
    summary: 'after the delete, at least minBuckets buckets encrypted with encryptionAlgorithm remain in the account',
    remediation: 'Create another bucket encrypted with the configured algorithm before deleting this one, or lower minBuckets.',
    severity: 'MEDIUM',
    check: checkS3MinimumEncryptedBuckets,
  },
  {
    id: 'sqs-kms-key-present',
    targets: ['AWS::SQS::Queue'],
    invocationPoints: [CREATE, UPDATE],
    summary: 'KmsMasterKeyId is a non-empty string (SqsManagedSseEnabled alone does not pass)',
    remediation: 'Set KmsMasterKeyId to a KMS key id, ARN or alias (SqsManagedSseEnabled uses a key the account does not control).',
    severity: 'HIGH',
    check: checkSqsKmsKeyPresent,
  },
  {
    id: 'sqs-kms-key-kept',
    targets: ['AWS::SQS::Queue'],
    invocationPoints: [UPDATE],
    summary: 'an update does not remove the KmsMasterKeyId of a queue that had one',
    remediation: 'Keep KmsMasterKeyId set (another key is fine).',
    severity: 'HIGH',
    check: checkSqsKmsKeyKept,
  },
  {
    id: 'sqs-minimum-encrypted-queues',
    targets: ['AWS::SQS::Queue'],
    invocationPoints: [DELETE],
    summary: 'after the delete, at least minQueues queues with a KMS key remain in the region',
    remediation: 'Create another KMS-encrypted queue before deleting this one, or lower minQueues.',
    severity: 'MEDIUM',
    check: checkSqsMinimumEncryptedQueues,
  },
] satisfies CheckDefinition[]);

/** The checks that apply to a target type at an invocation point, in table order. */
export function checksFor(targetName: string, point: InvocationPoint): CheckDefinition[] {
  return POLICY.filter((c) => (c.targets as readonly string[]).includes(targetName) && c.invocationPoints.includes(point));
}
