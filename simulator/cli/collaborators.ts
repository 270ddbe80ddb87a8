/**
 * The one place the simulate command reaches into the modules other parts of the project own. What every run
 * needs (reading and resolving templates) is imported directly; the rest is loaded only when a run uses it, so
 * that start-up stays lean: the handler on the first hook call, the schema validator (and ajv) only with a
 * configuration file, the AWS SDK only for --from-stack / --config-from-account or a preDelete that counts.
 */
import type { CliIo } from '../../src/kernel/cli';
import type { AwsClientFactory, HandlerOptions } from '../../src/handlers';
import type { HookSchema } from '../../src/kernel/hook-config';
import type { HookEntrypoint } from '../../src/kernel/protocol';
import type { ConfigurationReport } from '../../src/schema';
import type { DeployedStack } from '../cloudformation/deployed';
import type { SimulatedAccount } from '../cloudformation/account';

export { declaredTransforms, PROCESSED_TEMPLATE, readSnippetFile, readTemplate, readTemplateFile, readTemplateStdin, SERVERLESS, TemplateError, type ReadOptions, type TemplateSource } from '../cloudformation/template';
export { describeParameters, parametersFromFile, parseParametersFile, resolveTemplate, samGeneratedTypesFor, type ParametersFile } from '../cloudformation/resolve';

/** The hook's handler, as deployed (src/handlers), with the given clients and log sink. */
export async function loadHookEntrypoint(options: HandlerOptions): Promise<HookEntrypoint> {
  const { createEntrypoint } = await import('../../src/handlers');
  return createEntrypoint(options);
}

/** Validates a hook configuration document against the schema (src/schema). */
export async function validateConfiguration(text: string, file: string, schema: HookSchema): Promise<ConfigurationReport> {
  const { validateHookConfiguration } = await import('../../src/schema');
  return validateHookConfiguration(text, file, schema);
}

/** The deployed stack (simulator/deployed); calls AWS. */
export async function fetchStack(o: { stackName: string; region?: string; profile?: string }): Promise<DeployedStack> {
  const { fetchDeployedStack } = await import('../cloudformation/deployed');
  return fetchDeployedStack(o);
}

/** The hook's configuration as set in the account (simulator/deployed); calls AWS. */
export async function fetchConfiguration(o: { typeName: string; region?: string; profile?: string }): Promise<{ file: string; text: string }> {
  const { fetchHookConfiguration } = await import('../cloudformation/deployed');
  return fetchHookConfiguration(o);
}

/** `simulate amplify …` / `simulate beanstalk …` (simulator/script-hooks). */
export async function runLifecycle(argv: string[], io: CliIo): Promise<number> {
  const { main } = await import('../script-hooks');
  return main(argv, io);
}

/** The hooks-file module (--hooks): reading the account's hooks from a template and building them. */
export async function loadHooksFileModule(): Promise<typeof import('../cloudformation/hooks-file')> {
  return import('../cloudformation/hooks-file');
}

/** The simulated account module (imports the S3 and SQS SDK clients). */
export async function loadAccountModule(): Promise<typeof import('../cloudformation/account')> {
  return import('../cloudformation/account');
}

export type { AwsClientFactory, SimulatedAccount };
