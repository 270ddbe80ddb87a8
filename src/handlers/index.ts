/**
 * MyCompany::Testing::MyTestHook's handler: the Lambda entrypoints and what can be injected into them.
 * Loading this module stays small: the AWS SDK is imported only when a preDelete needs it.
 */
export { createEntrypoint, entrypoint, testEntrypoint } from './entrypoint';
export type { AwsClientFactory, AwsCredentials, HandlerOptions, LogEntry } from './options';
