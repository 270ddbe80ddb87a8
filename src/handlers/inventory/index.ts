export { createInventoryAccess, type InventoryAccess, type InventoryClients } from './access';
export { countUntil, type CountCursor, type CountOutcome, type CountPlan, type ListedPage } from './resumable-count';
export { listBucketsPage, bucketUsesAlgorithm } from './s3-inventory';
export { listQueuesPage, queueHasKmsKey, queueNameOf } from './sqs-inventory';
export { awsCallError, hookCodeForAwsError } from './aws-errors';
