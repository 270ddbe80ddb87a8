/**
 * The simulated AWS account preDelete counts buckets and queues in: an inventory, and SDK clients whose
 * transport serves it. Also used by the benchmark (10,000 buckets mocked at the transport level).
 */
export { SimulatedAccount } from './simulated-account';
export type { AccountOperation, BucketEncryptionRule, SimulatedBucket, SimulatedFault, SimulatedQueue } from './simulated-account';
export { AccountTransport, type TransportRequest, type TransportResponse } from './account-transport';
export { accountClientFactory } from './account-clients';
export { AccountFileError, parseAccount, readAccountFile } from './account-file';
