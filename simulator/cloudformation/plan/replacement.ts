/**
 * Which property changes force CloudFormation to replace a resource (a new physical resource, the old one
 * deleted in cleanup). Taken from the registry schemas' `createOnlyProperties`
 * (AWS::S3::Bucket, AWS::SQS::Queue, AWS::KMS::Key, AWS::KMS::Alias); a type missing here is updated in place.
 */
import { sameJson, type JsonObject } from '../../../src/kernel/protocol';

/** createOnlyProperties per resource type, as top-level property names. */
export const CREATE_ONLY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  // The registry schema lists only BucketName; ObjectLockEnabled is updatable since 2023.
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::SQS::Queue': ['FifoQueue', 'QueueName'],
  'AWS::KMS::Key': [],
  'AWS::KMS::Alias': ['AliasName'],
};

/** The create-only properties whose value differs between two property sets; non-empty means a replacement. */
export function replacementCauses(type: string, previous: JsonObject, next: JsonObject): string[] {
  const createOnly = CREATE_ONLY_PROPERTIES[type] ?? [];
  return createOnly.filter((name) => !sameJson(previous[name], next[name]));
}
