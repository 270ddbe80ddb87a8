/**
 * Fuzzing the template reader and the evaluator together, on whole generated templates: parameters (with
 * and without defaults and constraints), conditions that refer to parameters and to each other (cycles
 * included), resources with Condition, DependsOn and properties built from random nestings of every common
 * intrinsic, references to names that exist and names that do not, and outputs. Each template is written
 * twice — YAML with short-form tags and JSON in long form — and both are read and resolved.
 *
 * Properties: the outcome is a resolved template or a TemplateError (never another exception); every
 * diagnostic about a spot in the template is located there (line > 0); resolving twice gives the same
 * result; the two spellings give the same resolution (positions aside).
 */
import fc from 'fast-check';
import type { Diagnostic } from '../../../../src/kernel/diagnostics';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { readTemplate, TemplateError, type ResolveOptions, type TemplateSource } from '../../../../simulator/cloudformation/template';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../../support/fuzz-runs';
import { jsonText, template, yamlText, type GeneratedTemplate } from '../../../support/generated-templates';

// ---- outcomes ---------------------------------------------------------------------------------------

const givenParameters = fc.oneof(
  { arbitrary: fc.record({ Env: fc.constantFrom('prod', 'dev'), Size: fc.constantFrom('1', '10'), Names: fc.constantFrom('x,y', 'z') }, { requiredKeys: [] }), weight: 9 },
  { arbitrary: fc.dictionary(fc.constantFrom('Env', 'Size', 'Names', 'Unknown'), fc.constantFrom('prod', '10', 'x,y', '', 'eleven'), { maxKeys: 2 }), weight: 1 },
);

/** Only parameters the template declares may be given (the service refuses others); the broken arm keeps some. */
function declaredOnly(t: GeneratedTemplate, given: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(given).filter(([k]) => k === 'Unknown' || t.parameters.some((p) => p.name === k)));
}

function options(parameters: Record<string, string>): ResolveOptions {
  return { stackName: 'fuzz-stack', region: 'eu-west-1', accountId: '123456789012', parameters };
}

type Outcome = { resolved: unknown } | { diagnostics: Diagnostic[] };

/** Reads and resolves; a TemplateError becomes its diagnostics, anything else escapes and fails the property. */
function outcomeOf(file: string, text: string, parameters: Record<string, string>): Outcome {
  let source: TemplateSource;
  try {
    source = readTemplate(file, text);
  } catch (error) {
    if (error instanceof TemplateError) return { diagnostics: [...error.diagnostics] };
    throw error;
  }
  return resolvedOutcome(source, parameters);
}

function resolvedOutcome(source: TemplateSource, parameters: Record<string, string>): Outcome {
  try {
    // The source is the input itself (and holds a function); JSON drops it along with anything undefined.
    const resolved = { ...resolveTemplate(source, options(parameters)), source: undefined };
    return { resolved: JSON.parse(JSON.stringify(resolved)) as unknown };
  } catch (error) {
    if (error instanceof TemplateError) return { diagnostics: [...error.diagnostics] };
    throw error;
  }
}

/** What must agree between the YAML and JSON spellings: everything but where things are written. */
function positionFree(outcome: Outcome): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'line' && k !== 'column' && k !== 'file').map(([k, v]) => [k, strip(v)]));
  };
  return strip(outcome);
}

/** True when a JSON pointer names a value in the document. */
function pointsInto(document: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  let node = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

describe('template fuzzing: reader and evaluator on generated templates', () => {
  it(
    'short-form YAML and long-form JSON resolve alike; each outcome is a result or located diagnostics; resolving twice agrees',
    () => {
      const seen = { resolved: 0, refused: 0 };
      fc.assert(
        fc.property(template, givenParameters, (generated, given) => {
          const parameters = declaredOnly(generated, given);
          const json = jsonText(generated);
          const yaml = yamlText(generated);
          const fromJson = outcomeOf('fuzz.json', json, parameters);
          const fromYaml = outcomeOf('fuzz.yaml', yaml, parameters);
          expect(positionFree(fromYaml)).toEqual(positionFree(fromJson));
          if ('resolved' in fromJson) seen.resolved += 1;
          else seen.refused += 1;

          for (const [outcome, text] of [[fromJson, json], [fromYaml, yaml]] as const) {
            if (!('diagnostics' in outcome)) continue;
            const body = JSON.parse(json) as unknown;
            for (const d of outcome.diagnostics) {
              expect(d.message.length).toBeGreaterThan(0);
              expect(d.code).toMatch(/^(RES|TPL)_[A-Z_]+$/);
              // A fault at a spot the template has is reported at that spot.
              if (pointsInto(body, d.path)) expect({ code: d.code, path: d.path, line: d.line > 0 }).toEqual({ code: d.code, path: d.path, line: true });
              expect(d.line).toBeLessThanOrEqual(text.split('\n').length);
            }
          }

          // Determinism: the same source resolved twice gives the same answer, positions included.
          const source = readTemplate('fuzz.json', json);
          expect(resolvedOutcome(source, parameters)).toEqual(resolvedOutcome(source, parameters));
        }),
        FUZZ_PARAMETERS,
      );
      // Guards the generator: a property where everything is refused (or nothing is) tests half of what it claims.
      if (FUZZ_PARAMETERS.numRuns >= 100) expect(Math.min(seen.resolved, seen.refused)).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});
