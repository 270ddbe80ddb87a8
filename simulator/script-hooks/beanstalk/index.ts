export { runBeanstalkHooks, DEFAULT_COMMAND_TIMEOUT_SECONDS, type BeanstalkSimulation } from './run';
export {
  platformHooksLayout,
  legacyHooksLayout,
  BEANSTALK_OPERATIONS,
  LEGACY_HOOKS_ROOT,
  type BeanstalkOperation,
  type PlatformGeneration,
  type HookFolder,
  type OperationLayout,
} from './layout';
export { listHookScripts, compareNamesBytewise, legacySkip, type HookScript, type LegacySkip } from './hook-scripts';
export { findPlatformPath, findPrivilegedCommand, type PlatformPathUse } from './platform-paths';
export { readEbextensionsCommands, type EbextensionsCommand, type EbextensionsCommands } from './ebextensions';
export { readEbignore, gitBundleDifferences, type Ebignore, type EbignoreMatch, type BundleDifference, type HookOnDisk } from './source-bundle';
