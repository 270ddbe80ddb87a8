/**
 * Fuzzing the validators with what test/schema's property tests do not send: any JSON value at the top
 * (lists, scalars, deep nesting), the project's own schema and a real configuration mutated at any depth,
 * and their text cut or spliced at random. Each must come back as a report — diagnostics with a code, a
 * message and a position — never an exception, and never a polluted Object.prototype.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from '../../src/kernel/diagnostics';
import type { HookSchema } from '../../src/kernel/hook-config';
import { validateHookConfiguration, validateHookSchema } from '../../src/schema';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../support/fuzz-runs';
import { mutate, mutation } from '../support/json-mutations';

const SCHEMA_TEXT = readFileSync(join(__dirname, '..', '..', 'mycompany-testing-mytesthook.json'), 'utf8');
const SCHEMA = JSON.parse(SCHEMA_TEXT) as HookSchema;
const CONFIGURATION = {
  CloudFormationConfiguration: {
    HookConfiguration: {
      HookInvocationStatus: 'ENABLED',
      TargetOperations: ['RESOURCE'],
      FailureMode: 'FAIL',
      Properties: { minBuckets: '1', minQueues: '0', encryptionAlgorithm: 'aws:kms' },
      TargetFilters: { Actions: ['CREATE', 'UPDATE', 'DELETE'] },
      StackFilters: { FilteringCriteria: 'ALL', StackNames: { Include: ['prod-*'] } },
    },
  },
};
const CONFIGURATION_TEXT = JSON.stringify(CONFIGURATION, null, 2);

function expectReport(report: { valid: boolean; diagnostics: readonly Diagnostic[] }, text: string): void {
  expect(report.valid).toBe(!report.diagnostics.some((d) => d.severity === 'error'));
  const lines = text.split('\n').length;
  for (const d of report.diagnostics) {
    expect(d.code).toMatch(/^H[SC]\d{3}$/);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.line).toBeGreaterThan(0);
    expect(d.line).toBeLessThanOrEqual(lines);
    expect(d.column).toBeGreaterThan(0);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Text cut short, or with a few characters spliced in, at random places. */
const splicedText = (text: string) =>
  fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 6 }), fc.string({ unit: fc.constantFrom(...'{}[]",:\\ \n\tx0-e\u0000\ufeff'.split('')), maxLength: 6 })), {
      minLength: 1,
      maxLength: 3,
    })
    .map((edits) => edits.reduce((t, [at, cut, insert]) => t.slice(0, at) + insert + t.slice(at + cut), text));

const mutatedDocument = (document: unknown) =>
  fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    const copy = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
    for (const m of mutations) mutate(copy, m);
    return JSON.stringify(copy, null, 2);
  });

const anyJsonText = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
  fc.nat({ max: 2000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.nat({ max: 2000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

describe('validator fuzzing', () => {
  it.each([
    ['any JSON value', anyJsonText],
    ['the project schema, mutated', mutatedDocument(SCHEMA)],
    ['the project schema text, spliced', splicedText(SCHEMA_TEXT)],
    ['any text', fc.string({ unit: 'binary' })],
  ])(
    'validateHookSchema: %s',
    (_what, text) => {
      fc.assert(
        fc.property(text, (t) => expectReport(validateHookSchema(t, 'fuzz.json'), t)),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it.each([
    ['any JSON value', anyJsonText],
    ['a real configuration, mutated', mutatedDocument(CONFIGURATION)],
    ['a real configuration text, spliced', splicedText(CONFIGURATION_TEXT)],
    ['any text', fc.string({ unit: 'binary' })],
  ])(
    'validateHookConfiguration against the project schema: %s',
    (_what, text) => {
      fc.assert(
        fc.property(text, (t) => expectReport(validateHookConfiguration(t, 'fuzz.json', SCHEMA), t)),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it('the unmutated inputs are valid, so the mutations are what the validators judge', () => {
    expect(validateHookSchema(SCHEMA_TEXT, 'schema.json').diagnostics).toEqual([]);
    expect(validateHookConfiguration(CONFIGURATION_TEXT, 'configuration.json', SCHEMA).diagnostics).toEqual([]);
  });
});
