/**
 * `--registry-hook <project dir>`: another registry (custom) hook project, as `cfn init` lays it out: `.rpdk-config`
 * (typeName, entrypoint) and the hook schema `<type-name-hyphenated-lowercase>.json`. A JavaScript entrypoint runs in
 * process, through the same wire protocol as this project's hook.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Diagnostic } from '../../../src/kernel/diagnostics';
import type { HookSchema } from '../../../src/kernel/hook-config';
import type { HookEntrypoint } from '../../../src/kernel/protocol';
import { notARegularFileReason, readBoundedText } from '../../../src/kernel/source';
import { loadLambdaCode, type ModuleAwsAccess } from '../invoke';

/** A registry hook project that cannot be used. */
export class RegistryHookError extends InputError {}

/** A registry hook project: its schema and how to load its handler. */
export interface RegistryProject {
  readonly dir: string;
  readonly schema: HookSchema;
  readonly loadEntrypoint: () => Promise<HookEntrypoint>;
}

// `cfn` refuses a larger .rpdk-config (reference cloudformation-hooks §1.1).
const RPDK_CONFIG_LIMIT = 10 * 1024;

/**
 * Reads a hook project directory; throws RegistryHookError naming the file and what is wrong. Its module gets the
 * user's AWS settings only as `access` says (--hook-aws-credentials).
 */
export function readRegistryProject(dir: string, access?: ModuleAwsAccess): RegistryProject {
  const configFile = join(dir, '.rpdk-config');
  const config = parseJson(readBoundedText(configFile, { limit: RPDK_CONFIG_LIMIT, what: 'the hook project configuration' }), configFile);
  const typeName = config.typeName;
  if (config.artifact_type !== undefined && config.artifact_type !== 'HOOK') fail(configFile, `artifact_type is ${JSON.stringify(config.artifact_type)}; a hook project has "HOOK"`);
  if (typeof typeName !== 'string') fail(configFile, 'typeName is missing: expected the hook type name (Namespace::Service::Name)');
  const schemaFile = join(dir, `${typeName.replace(/::/g, '-').toLowerCase()}.json`);
  const schema = parseJson(readBoundedText(schemaFile, { what: 'the hook schema' }), schemaFile) as unknown as HookSchema;
  if (schema.typeName !== typeName) fail(schemaFile, `typeName is ${JSON.stringify(schema.typeName)}, but .rpdk-config says ${JSON.stringify(typeName)}`);
  const entrypoint = config.entrypoint;
  if (typeof entrypoint !== 'string' || !entrypoint.includes('.')) fail(configFile, 'entrypoint is missing: expected "<module path>.<export>" (e.g. "dist/handlers.entrypoint")');
  const dot = entrypoint.lastIndexOf('.');
  const modulePath = entrypoint.slice(0, dot);
  const exportName = entrypoint.slice(dot + 1);
  const candidates = ['.js', '.cjs', '.mjs', '/index.js'].map((suffix) => join(dir, `${modulePath}${suffix}`));
  const path = candidates.find((candidate) => existsSync(candidate));
  return {
    dir,
    schema,
    loadEntrypoint: async () => {
      if (!path) {
        const language = typeof config.language === 'string' ? config.language : '';
        // A Java, Python or Go project never builds a JavaScript module: it runs in its own runtime.
        if (language !== '' && !/^(typescript|javascript|node)/i.test(language)) {
          fail(
            configFile,
            `entrypoint ${entrypoint} (language ${language}) does not run in process: serve the built project behind a local Lambda Invoke endpoint (sam local start-lambda) and map its type name to it, --hook-source ${typeName}=http://127.0.0.1:<port>`,
          );
        }
        fail(configFile, `entrypoint ${entrypoint}${language ? ` (language ${language})` : ''}: no JavaScript module ${candidates.join(', ')}; build the project first (only a JavaScript entrypoint runs in process)`);
      }
      // The worker loads the module without a bound: a FIFO or device named like a module would hang the run.
      const unusable = notARegularFileReason(path);
      if (unusable !== undefined) fail(path, `entrypoint ${entrypoint}: the module cannot be loaded (${unusable})`);
      return loadLambdaCode({ kind: 'module', path, exportName }, undefined, undefined, access);
    },
  };
}

function parseJson(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(file, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(file, 'expected a JSON object');
  return value as Record<string, unknown>;
}

function fail(file: string, message: string): never {
  const diagnostic: Diagnostic = { code: 'HOOKS_REGISTRY_PROJECT', severity: 'error', message, file, path: '', line: 0, column: 0 };
  throw new RegistryHookError([diagnostic]);
}
