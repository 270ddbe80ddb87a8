/**
 * The only SDK surface the hook uses. Built as its own bundle (dist/handlers-aws-sdk.js) and loaded
 * on first preDelete, so that the 1.4 MB of SDK code is not parsed on every cold start.
 */
export { GetBucketEncryptionCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
export { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
