/** Builds TemplateSource objects for tests from JSON text, the way the reader would (body + lazy locator). */
import { parseJson } from '../../../../src/kernel/source';
import type { JsonObject } from '../../../../src/kernel/protocol';
import type { ResolveOptions, TemplateSource } from '../../../../simulator/cloudformation/template/types';

/** A TemplateSource from JSON text. */
export function sourceFromJson(text: string, file = 'template.json'): TemplateSource {
  const parsed = parseJson(text, file);
  return { file, format: 'json', body: parsed.value as JsonObject, locate: parsed.locate };
}

/** A TemplateSource from a template object, pretty-printed so positions are meaningful. */
export function sourceOf(template: unknown, file = 'template.json'): TemplateSource {
  return sourceFromJson(JSON.stringify(template, null, 2), file);
}

/** Resolve options for a stack called `teststack` in us-east-1, account 123456789012. */
export function stackOptions(overrides: Partial<ResolveOptions> = {}): ResolveOptions {
  return { stackName: 'teststack', region: 'us-east-1', accountId: '123456789012', parameters: {}, ...overrides };
}
