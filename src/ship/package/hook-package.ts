import { posix } from 'node:path';
/**
 * The package `cfn submit` uploads for a hook, assembled from the project: the same members, names and
 * order, so the registry sees what it would see from cfn. Pure: every input is passed in, nothing is read here.
 */
import { HANDLER_SDK_BUNDLE_FILE } from '../../kernel/bundles';
import type { HookSchema } from '../../kernel/hook-config';
import { entrypointLocation, type HookProject, type ProjectFile, type RpdkSettings } from '../project/hook-project';
import { createZip, type ZipEntryInput } from '../zip';
import { pythonJsonCompact, pythonJsonIndented } from './python-json';
import { targetSchemaFileName, type TargetInfo } from './target-info';

/** What goes into a package besides the project files themselves. */
export interface PackageParts {
  readonly project: HookProject;
  /** Contract-test inputs (`inputs/*`), sorted. */
  readonly inputs: readonly ProjectFile[];
  readonly targetInfo: Readonly<Record<string, TargetInfo>>;
  /** The built handler modules, keyed by their path in the handler package (`dist/handlers.js`). */
  readonly handlerModules: Readonly<Record<string, Buffer>>;
  /** Recorded in `.cfn_metadata.json`. */
  readonly toolVersion: string;
}

export interface HookPackage {
  /** `mycompany-testing-mytesthook.zip`, as cfn names it. */
  readonly fileName: string;
  readonly entries: readonly ZipEntryInput[];
  readonly bytes: Buffer;
}

/** The handler package's member name, as cfn's language plugins name it. */
export const HANDLER_PACKAGE_NAME = 'ResourceProvider.zip';

/** Assembles the package in cfn's member order; deterministic for the same parts. */
export function assembleHookPackage(parts: PackageParts): HookPackage {
  const { project } = parts;
  const entries: ZipEntryInput[] = [
    { name: 'configuration-schema.json', data: utf8(pythonJsonIndented(configurationSchema(project.schema, project.settings.typeName), 4)) },
    { name: '.rpdk-config', data: project.settingsFile.bytes },
    { name: 'schema.json', data: project.schemaFile.bytes },
    ...parts.inputs.map((file) => ({ name: file.path, data: file.bytes })),
    { name: 'target-info.json', data: utf8(pythonJsonIndented(parts.targetInfo, 4)) },
    ...Object.keys(parts.targetInfo)
      .sort()
      .map((target) => ({ name: `target-schemas/${targetSchemaFileName(target)}`, data: utf8(pythonJsonIndented(parts.targetInfo[target].Schema, 4)) })),
    { name: HANDLER_PACKAGE_NAME, data: handlerPackage(parts.handlerModules) },
    { name: '.cfn_metadata.json', data: utf8(pythonJsonCompact(cfnMetadata(parts.toolVersion))) },
  ];
  return { fileName: `${project.hyphenatedName}.zip`, entries, bytes: createZip(entries) };
}

/** `configuration-schema.json`: the schema's typeConfiguration plus its definitions and typeName, as cfn builds it. */
export function configurationSchema(schema: HookSchema, typeName: string): Record<string, unknown> {
  return { ...(schema.typeConfiguration ?? {}), definitions: schema.definitions ?? {}, typeName };
}

/** The inner zip Lambda runs: the built modules at the paths the entrypoints name. */
export function handlerPackage(modules: Readonly<Record<string, Buffer>>): Buffer {
  return createZip(
    Object.keys(modules)
      .sort()
      .map((name) => ({ name, data: modules[name] })),
  );
}

/**
 * The module files the handler package holds: those `.rpdk-config`'s entrypoints point at
 * (`dist/handlers.entrypoint` → `dist/handlers.js`; both normally name the same bundle), and the SDK bundle beside each.
 */
export function entrypointModules(settings: RpdkSettings): string[] {
  const modules = new Set<string>();
  for (const [key, entrypoint] of [
    ['entrypoint', settings.entrypoint],
    ['testEntrypoint', settings.testEntrypoint],
  ] as const) {
    const { module } = entrypointLocation(entrypoint, key);
    modules.add(module);
    // The SDK clients preDelete needs live in a sibling bundle, loaded on first use (cold start stays small);
    // without it the handler would fall back to whatever SDK the Lambda runtime carries.
    modules.add(posix.join(posix.dirname(module), HANDLER_SDK_BUNDLE_FILE));
  }
  return [...modules].sort();
}

function cfnMetadata(toolVersion: string): Record<string, string> {
  // cfn writes its plugin's information and its own version; this project packages without cfn, and says so.
  return { 'plugin-name': 'typescript', 'plugin-tool-version': toolVersion, 'cli-version': `mytesthook-ship ${toolVersion}` };
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
