import fc from 'fast-check';
import type { HookSchema } from '../../src/kernel/hook-config';
import { validateHookConfiguration, validateHookSchema } from '../../src/schema';
import { baseSchema } from './schema-cases';

const runs = Number(process.env.FUZZ_RUNS ?? 300);

/** JSON values shaped like hook schemas, so that the checks get past the first type test. */
const schemaish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('AWS::S3::*', '#/definitions/X', '^a|b$', '(', 'cloudformation:*', 'object', 'string', 'STACK'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('typeName', 'properties', 'typeConfiguration', 'handlers', 'preCreate', 'targetNames', 'permissions', 'type', 'pattern', 'default', '$ref', 'enum', 'items', 'required', 'definitions', 'additionalProperties', 'X'),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

describe('validators never throw, and place every diagnostic', () => {
  it('validateHookSchema on arbitrary JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const report = validateHookSchema(text, 'fuzz.json');
        expect(report.valid).toBe(!report.diagnostics.some((d) => d.severity === 'error'));
        for (const d of report.diagnostics) expect(d.line).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });

  it('validateHookSchema on schema-shaped documents', () => {
    fc.assert(
      fc.property(schemaish, fc.constantFrom(...Object.keys(baseSchema())), (value, key) => {
        const schema: Record<string, unknown> = { ...baseSchema(), [key]: value };
        const report = validateHookSchema(JSON.stringify(schema, null, 1), 'fuzz.json');
        for (const d of report.diagnostics) {
          expect(d.line).toBeGreaterThan(0);
          expect(d.message).not.toMatch(/undefined|\[object Object\]/);
        }
      }),
      { numRuns: runs },
    );
  });

  it('validateHookSchema on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => validateHookSchema(text, 'fuzz.json')).not.toThrow();
      }),
      { numRuns: runs },
    );
  });

  it('validateHookConfiguration on configuration-shaped documents', () => {
    const schema = baseSchema() as unknown as HookSchema;
    const field = fc.constantFrom('HookInvocationStatus', 'TargetStacks', 'TargetOperations', 'FailureMode', 'Properties', 'TargetFilters', 'StackFilters');
    fc.assert(
      fc.property(fc.dictionary(field, schemaish, { maxKeys: 4 }), (hook) => {
        const text = JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: hook } }, null, 1);
        const report = validateHookConfiguration(text, 'fuzz.json', schema);
        for (const d of report.diagnostics) {
          expect(d.line).toBeGreaterThan(0);
          expect(d.message).not.toMatch(/undefined|\[object Object\]/);
        }
      }),
      { numRuns: runs },
    );
  });
});
