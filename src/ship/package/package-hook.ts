/**
 * `package`: read the project, refuse an invalid schema, assemble the package and write it atomically.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Diagnostic } from '../../kernel/diagnostics';
import { ProjectError } from '../errors';
import { loadHookProject, readInputs, readProjectFile, readSettingsTargetSchemas, readTargetSchemaFiles, type HookProject, type ProjectFile } from '../project/hook-project';
import { checkHookSchema, type SchemaValidator } from '../project/schema-check';
import { assembleHookPackage, entrypointModules, type HookPackage } from './hook-package';
import { localTargetInfo, registryTargetInfo, type TargetInfo } from './target-info';

export interface PackageHookOptions {
  /** The project root (where `.rpdk-config` is). */
  readonly root: string;
  readonly validateSchema: SchemaValidator;
  /** When set, target schemas come from the registry through this client instead of `target-schemas/`. */
  readonly registryClient?: CloudFormationClient;
  /** Where to write the zip; `<root>/<hyphenated-name>.zip` by default. */
  readonly output?: string;
}

export interface PackagedHook {
  readonly project: HookProject;
  readonly hookPackage: HookPackage;
  /** Absolute path of the written zip. */
  readonly path: string;
  /** Schema warnings that did not stop packaging. */
  readonly warnings: readonly Diagnostic[];
  readonly targetSchemaSource: 'project' | 'registry';
}

/** Validates and packages the project at `options.root`, writing the zip; throws ProjectError / DocumentRejectedError / AwsCallError. */
export async function packageHook(options: PackageHookOptions): Promise<PackagedHook> {
  const project = loadHookProject(options.root);
  const warnings = checkHookSchema(project, options.validateSchema);
  const targetInfo: Record<string, TargetInfo> = options.registryClient
    ? await registryTargetInfo(project.targetNames, options.registryClient)
    : localTargetInfo(project.targetNames, targetSchemaFiles(options.root, project));
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
  const hookPackage = assembleHookPackage({
    project,
    inputs: readInputs(options.root),
    targetInfo,
    handlerModules,
    toolVersion: projectVersion(options.root),
  });
  const path = resolve(options.root, options.output ?? hookPackage.fileName);
  writeFileAtomically(path, hookPackage.bytes);
  return { project, hookPackage, path, warnings, targetSchemaSource: options.registryClient ? 'registry' : 'project' };
}

/** `target-schemas/*.json` and the files `settings.target_schemas` lists, each file once. */
function targetSchemaFiles(root: string, project: HookProject): ProjectFile[] {
  const files = new Map<string, ProjectFile>();
  for (const file of [...readTargetSchemaFiles(root), ...readSettingsTargetSchemas(root, project.settings)]) files.set(resolve(root, file.path), file);
  return [...files.values()];
}

/** Writes `bytes` to a temporary file beside `path`, flushes it, then renames it over `path`: readers see the old file or the new one, never half of one. */
export function writeFileAtomically(path: string, bytes: Buffer): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(temporary, 'w', 0o644);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new ProjectError(`cannot write ${path}: ${(error as Error).message}`, path, 0, 0, 'WRITE_FAILED');
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
