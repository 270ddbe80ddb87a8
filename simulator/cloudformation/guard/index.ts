/**
 * Guard hooks: the input document the service builds per target, evaluated by the real cfn-guard engine (found or
 * fetched, never reimplemented), answered as the service reports it. The invocation layer calls `guardHookInvoker`
 * for `AWS::CloudFormation::GuardHook` hooks, after `locateCfnGuard` found the engine once.
 */
export { locateCfnGuard, defaultCfnGuardCacheDir, findOnPath, CFN_GUARD_PATH_ENV } from './locate-cfn-guard';
export type { LocateOptions, LocatedCfnGuard, CfnGuardSource } from './locate-cfn-guard';
export { fetchCfnGuard, type FetchOptions } from './fetch-cfn-guard';
export {
  CFN_GUARD_ENGINE_VERSION,
  CFN_GUARD_PACKAGE,
  CFN_GUARD_PACKAGE_VERSION,
  cachedCfnGuardPath,
  cfnGuardPlatform,
  type CfnGuardPlatform,
} from './cfn-guard-release';
export { CfnGuardUnavailableError, GuardInputError, GuardRulesError, GuardScratchError, type CfnGuardUnavailableCode, type GuardRulesCode } from './errors';
export { buildGuardInput, changeContext, changeEntry, cloudControlLogicalId, GUARD_DOCUMENT_KEYS } from './guard-input';
export type {
  GuardChange,
  GuardChangeSetTarget,
  GuardHookIdentity,
  GuardResourceTarget,
  GuardStackRef,
  GuardStackTarget,
  GuardTarget,
} from './guard-input';
export { evaluateGuard, evaluateGuardBatch, GUARD_TIMEOUT_MILLIS, type EvaluateGuardBatchOptions, type EvaluateGuardOptions, type GuardEvaluation } from './evaluate-guard';
export { failedRulesMessage, GUARD_SUCCESS_MESSAGE, type GuardStatus, type GuardVerdict } from './guard-report';
export { fullOutputSentence, LOG_REPORT_EPOCH_MILLIS, logReportKey, simulatedReportClock, type LogBucketReport } from './log-bucket';
export {
  archiveHolds,
  CFN_GUARD_EXTENSIONS,
  cfnGuardReads,
  folderEntries,
  folderFiles,
  nameInOtherCase,
  GUARD_ARCHIVE_LIMITS,
  GuardArchiveError,
  guardArchiveFormatOf,
  readGuardArchive,
  writeGuardArchive,
  type GuardArchive,
  type GuardArchiveEntry,
  type GuardArchiveFormat,
  type GuardArchiveLimits,
  type SkippedFolderEntry,
  type CfnGuardInput,
} from './rule-archive';
export {
  cfnGuardEvaluator,
  guardHookBatchInvoker,
  guardHookInvoker,
  GUARD_BATCH_DOCUMENTS,
  GUARD_HOOK_TYPE,
  type GuardHookConfig,
  type GuardInvocation,
  type GuardSeam,
  type GuardSeamEvaluation,
  type LocalObjectRef,
} from './guard-hook';
