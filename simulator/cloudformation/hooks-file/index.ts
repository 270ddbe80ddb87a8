/** The account's hooks as users declare them: a hooks template (`--hooks`), its code sources and registry projects. */
export { readHooksFile, HooksFileError, typeNameOfArn, type HooksFile, type HooksFileContext } from './read-hooks-file';
export { buildHooks, registryHookOf, type HookBuildContext, type KnownRegistryHook } from './build-hooks';
export { functionNameOf, type HookSources } from './hook-sources';
export { readRegistryProject, RegistryHookError, type RegistryProject } from './registry-project';
export type { HookDeclaration, LambdaHookDeclaration, GuardHookDeclaration, HookTypeConfigDeclaration } from './hook-declarations';
export { HOOK_RESOURCE_TYPES, ORIGINAL_TYPE_NAMES } from './resource-schemas';
export { hooksDeclaredIn, type TemplateHook } from './template-hooks';
