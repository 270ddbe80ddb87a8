/**
 * The texts a STACK target's payload carries, for any stack of a run (the root and each nested stack): the template
 * as submitted and, for registry hooks, the template as resolved.
 */
import type { JsonObject } from '../../../src/kernel/protocol';
import { setOwn } from '../../../src/kernel/protocol/stringify';
import type { ResolvedTemplate, TemplateSource } from '../template/types';
import type { StackTemplates } from './simulate-stack';

/** The template as submitted: the text read (a template built in memory is sent as its JSON). */
export function submittedText(source: TemplateSource): string {
  return source.text ?? JSON.stringify(source.body);
}

/**
 * [choice] The registry payload's `ResolvedTemplate` (the Java runtime's `StackHookTargetModel`, reference hooks-today
 * §4) has no documented shape: the resolved
 * resources as a JSON template (`Resources` with `Type`, `Properties`, `DependsOn`), the parameters' values and the
 * outputs, intrinsics and conditions evaluated.
 */
export function resolvedText(resolved: ResolvedTemplate): string {
  const resources: Record<string, JsonObject> = {};
  for (const r of resolved.resources) {
    setOwn(resources, r.logicalId, { Type: r.type, Properties: r.properties, ...(r.dependsOn.length > 0 ? { DependsOn: [...r.dependsOn] } : {}) });
  }
  return JSON.stringify({ Parameters: resolved.parameters, Resources: resources, Outputs: resolved.outputs });
}

/**
 * A nested stack's templates, from its resolved templates: `next` is what the parent's operation gives it (create,
 * update), `previous` what it holds now (update, delete). The texts a delete would send are left empty, as the
 * service sends them (the STACK call empties them again by action anyway).
 */
export function nestedStackTemplates(resolved: { previous?: ResolvedTemplate; next?: ResolvedTemplate }): StackTemplates {
  const { previous, next } = resolved;
  return {
    template: next ? submittedText(next.source) : '',
    previousTemplate: previous && next ? submittedText(previous.source) : '',
    resolvedTemplate: next ? resolvedText(next) : '',
    documents: { template: next ? next.source.body : null, previousTemplate: previous && next ? previous.source.body : null },
  };
}
