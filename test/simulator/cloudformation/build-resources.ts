/** Small builders for ResolvedResource / ResolvedTemplate values, so engine tests do not need the template reader. */
import type { JsonObject } from '../../../src/kernel/protocol';
import type { ResolvedResource } from '../../../simulator/cloudformation/template/types';

/** A resolved resource with sensible defaults. */
export function resource(logicalId: string, type: string, properties: JsonObject = {}, extra: Partial<ResolvedResource> = {}): ResolvedResource {
  return { logicalId, type, properties, dependsOn: [], physicalId: `stack-${logicalId}-SIM0000001`, line: 1, column: 1, ...extra };
}

export const encryptedBucket = (logicalId: string, extra: JsonObject = {}): ResolvedResource =>
  resource(logicalId, 'AWS::S3::Bucket', {
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    ...extra,
  });
