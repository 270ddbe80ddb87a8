/**
 * A registry (custom) hook: called through the wire protocol with the request the service builds for it
 * (credentials, `targetType: RESOURCE`, the type configuration's Properties as `hookModel`).
 */
import type { HookConfiguration, HookSchema } from '../../../../src/kernel/hook-config';
import { hookModelFor } from '../../../../src/kernel/hook-config/targeting';
import type { HookEntrypoint } from '../../../../src/kernel/protocol';
import type { Hook } from '../hook';
import { invokeHook } from '../invoke-hook';
import { buildHookRequest, type RequestHook } from '../request';

/** What a custom hook is made of. */
export interface CustomHookSpec {
  readonly schema: HookSchema;
  readonly configuration: HookConfiguration;
  /** Loaded on the first invocation only, so that a stack the hook ignores never loads the handler. */
  readonly loadEntrypoint: () => Promise<HookEntrypoint>;
  /** Send scalars as strings (the service's behaviour); false for `--no-stringify` comparisons. */
  readonly stringify: boolean;
}

/** A custom hook as a value. */
export function customHook(spec: CustomHookSpec): Hook {
  const typeName = spec.schema.typeName;
  let entrypoint: Promise<HookEntrypoint> | undefined;
  let requestHook: RequestHook | undefined;
  return {
    typeName,
    originalTypeName: typeName,
    kind: 'custom',
    configuration: spec.configuration,
    handlers: spec.schema.handlers ?? {},
    // STACK and CHANGE_SET only where the schema's handlers name them (`targetNames: ["STACK"]`), as for any target.
    targetTypes: ['RESOURCE', 'STACK', 'CHANGE_SET'],
    async invoke({ target, limits }) {
      requestHook ??= { typeName, hookModel: hookModelFor(spec.schema, spec.configuration, spec.stringify), stringify: spec.stringify };
      const request = buildHookRequest(requestHook, target.stack, target);
      entrypoint ??= spec.loadEntrypoint();
      return invokeHook(await entrypoint, request, limits);
    },
  };
}
