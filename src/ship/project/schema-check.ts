/**
 * The gate before packaging: the hook schema must pass the project's own validator (src/schema), which
 * checks both what `cfn submit` enforces and what the documentation demands. The validator is loaded lazily
 * so that `ship --help` and `configure` on a bad file do not pay for compiling JSON schemas.
 */
import type { Diagnostic } from '../../kernel/diagnostics';
import type { HookSchema } from '../../kernel/hook-config';
import { DocumentRejectedError } from '../errors';
import type { HookProject } from './hook-project';

/** What src/schema's validateHookSchema returns, narrowed to what this gate reads. */
export interface SchemaVerdict {
  valid: boolean;
  cfnAccepts: boolean;
  diagnostics: readonly Diagnostic[];
}

/** Takes the file's bytes: only bytes show invalid UTF-8, which cfn refuses. */
export type SchemaValidator = (content: Uint8Array, file: string) => SchemaVerdict;

/** What src/schema's validateHookConfiguration returns, narrowed to what configure reads. */
export interface ConfigurationVerdict {
  valid: boolean;
  diagnostics: readonly Diagnostic[];
}

export type ConfigurationValidator = (text: string, file: string, schema: HookSchema) => ConfigurationVerdict;

/** The project's schema validator, loaded on first use. */
export async function loadSchemaValidator(): Promise<SchemaValidator> {
  const schemaModule = await import('../../schema');
  return schemaModule.validateHookSchema;
}

/** The project's configuration validator, loaded on first use. */
export async function loadConfigurationValidator(): Promise<ConfigurationValidator> {
  const schemaModule = await import('../../schema');
  return schemaModule.validateHookConfiguration;
}

/**
 * Validates the project's schema; throws DocumentRejectedError (with every diagnostic) when it is invalid or
 * the registry would refuse it, and returns the remaining warnings otherwise.
 */
export function checkHookSchema(project: HookProject, validate: SchemaValidator): Diagnostic[] {
  const verdict = validate(project.schemaFile.bytes, project.schemaFile.path);
  const diagnostics = [...verdict.diagnostics];
  if (!verdict.valid || !verdict.cfnAccepts) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    throw new DocumentRejectedError(
      `${project.schemaFile.path} is not a valid hook schema (${errors} error${errors === 1 ? '' : 's'}); nothing was packaged`,
      project.schemaFile.path,
      diagnostics,
    );
  }
  return diagnostics;
}
