/**
 * `package`: read the project, refuse an invalid schema, assemble the package and write it atomically.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Diagnostic } from '../../kernel/diagnostics';
import { ProjectError } from '../errors';
import { entrypointLocation, HOOK_ROLE_TEMPLATE_FILE, loadHookProject, parseProjectDocument, SETTINGS_FILE, readInputs, readProjectFile, readSettingsTargetSchemas, readTargetSchemaFiles, type HookProject, type ProjectFile } from '../project/hook-project';
import { checkHookRole } from '../project/hook-role';
import { checkHookSchema, type SchemaValidator } from '../project/schema-check';
import { assembleHookPackage, entrypointModules, type HookPackage } from './hook-package';
import { writeFileAtomically } from './package-output';
import { localTargetInfo, registryTargetInfo, type TargetInfo } from './target-info';

export interface PackageHookOptions {
  /** The project root (where `.rpdk-config` is). */
  readonly root: string;
  readonly validateSchema: SchemaValidator;
  /** When set, target schemas come from the registry through this client instead of `target-schemas/`. */
  readonly registryClient?: CloudFormationClient;
  /** Where to write the zip; `<root>/<hyphenated-name>.zip` by default. */
  readonly output?: string;
  /**
   * Whether hook-role.yaml, when the project has one, must allow every action of the schema's handlers (default
   * true). `submit --role-arn` / `--no-role` deploys no role from it and passes false.
   */
  readonly checkHookRole?: boolean;
}

export interface PackagedHook {
  readonly project: HookProject;
  readonly hookPackage: HookPackage;
  /** Absolute path of the written zip. */
  readonly path: string;
  /** Project and schema warnings that did not stop packaging. */
  readonly warnings: readonly Diagnostic[];
  readonly targetSchemaSource: 'project' | 'registry';
}

/** Validates and packages the project at `options.root`, writing the zip; throws ProjectError / DocumentRejectedError / AwsOperationError. */
export async function packageHook(options: PackageHookOptions): Promise<PackagedHook> {
  const project = loadHookProject(options.root);
  const warnings = [...project.warnings, ...checkHookSchema(project, options.validateSchema)];
  const roleFile = options.checkHookRole === false ? undefined : existingProjectFile(options.root, HOOK_ROLE_TEMPLATE_FILE);
  if (roleFile) checkHookRole(project.schema, roleFile);
  const schemaFiles = options.registryClient ? [] : targetSchemaFiles(options.root, project);
  const targetInfo: Record<string, TargetInfo> = options.registryClient
    ? await registryTargetInfo(project.targetNames, options.registryClient)
    : localTargetInfo(project.targetNames, schemaFiles);
  const handlerModules: Record<string, Buffer> = {};
  for (const module of entrypointModules(project.settings)) {
    try {
      handlerModules[module] = readProjectFile(options.root, module).bytes;
    } catch (error) {
      if (error instanceof ProjectError) {
        throw new ProjectError(`${module} is missing: build the handler first (npm run build)`, module, 0, 0, 'HANDLER_NOT_BUILT');
      }
      throw error;
    }
  }
  await checkEntrypointsLoad(project);
  const inputs = readInputs(options.root);
  const hookPackage = assembleHookPackage({
    project,
    inputs,
    targetInfo,
    handlerModules,
    toolVersion: projectVersion(options.root),
  });
  const path = resolve(options.root, options.output ?? hookPackage.fileName);
  // Every file the package was made from: the zip must never replace one of them (compared by real path).
  const read = [project.settingsFile, project.schemaFile, ...inputs, ...schemaFiles, ...(roleFile ? [roleFile] : [])].map((file) => file.path);
  const sources = [...read, ...Object.keys(handlerModules), 'package.json'].map((file) => resolve(options.root, file));
  writeFileAtomically(path, hookPackage.bytes, sources);
  return { project, hookPackage, path, warnings, targetSchemaSource: options.registryClient ? 'registry' : 'project' };
}

/** `target-schemas/*.json` and the files `settings.target_schemas` lists, each file once. */
function targetSchemaFiles(root: string, project: HookProject): ProjectFile[] {
  const files = new Map<string, ProjectFile>();
  for (const file of [...readTargetSchemaFiles(root), ...readSettingsTargetSchemas(root, project.settings)]) files.set(resolve(root, file.path), file);
  return [...files.values()];
}

/**
 * Refuses an entrypoint or testEntrypoint whose module does not load or lacks the export: Lambda would answer every
 * invocation with Runtime.HandlerNotFound (or an init error), so the hook would fail every call it is given. The
 * module is loaded by the contract runner's check (checkHandlerLoads), in a worker, never in this process; the
 * error is located where .rpdk-config names the entrypoint.
 */
async function checkEntrypointsLoad(project: HookProject): Promise<void> {
  const { checkHandlerLoads } = await import('../../contract');
  const checked = new Set<string>();
  for (const key of ['entrypoint', 'testEntrypoint'] as const) {
    const reference = project.settings[key];
    if (checked.has(reference)) continue;
    checked.add(reference);
    const { module, exportName } = entrypointLocation(reference, key);
    const failure = await checkHandlerLoads({ file: resolve(project.root, module), exportName });
    if (!failure) continue;
    const at = parseProjectDocument(project.settingsFile).locate(`/${key}`);
    const problem = failure.kind === 'no-export' ? `${module} ${failure.reason}` : `${module} cannot serve it: ${failure.reason}`;
    const consequence = failure.kind === 'no-export' ? 'Lambda would answer every invocation with Runtime.HandlerNotFound' : 'Lambda would fail every invocation at init';
    throw new ProjectError(
      `"${key}" names ${reference}, but ${problem}; ${consequence}`,
      SETTINGS_FILE,
      at.line,
      at.column,
      failure.kind === 'no-export' ? 'HANDLER_EXPORT_MISSING' : 'HANDLER_LOAD_FAILED',
    );
  }
}

/** A project file, or undefined when there is none (any other read problem is still an error). */
function existingProjectFile(root: string, path: string): ProjectFile | undefined {
  try {
    return readProjectFile(root, path);
  } catch (error) {
    if (error instanceof ProjectError && error.code === 'PROJECT_FILE_MISSING' && !existsSync(resolve(root, path))) return undefined;
    throw error;
  }
}

function projectVersion(root: string): string {
  try {
    const manifest = JSON.parse(readProjectFile(root, 'package.json').bytes.toString('utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
