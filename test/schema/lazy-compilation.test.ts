/**
 * The simulator imports src/schema; it must not pay for ajv compilation at start-up, and a validator is
 * compiled once per process however often it is used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('ajv compilation is lazy and cached', () => {
  it('compiles nothing on import and the meta-schema once across validations', () => {
    const counts = { instances: 0, compiles: [] as unknown[] };
    jest.isolateModules(() => {
      jest.doMock('ajv', () => {
        const actual = jest.requireActual<typeof import('ajv')>('ajv');
        class CountingAjv extends actual.default {
          constructor(options?: ConstructorParameters<typeof actual.default>[0]) {
            super(options);
            counts.instances += 1;
            const compile = this.compile.bind(this);
            this.compile = ((schema: Parameters<typeof compile>[0]) => {
              counts.compiles.push(schema);
              return compile(schema);
            }) as typeof this.compile;
          }
        }
        return { __esModule: true, ...actual, default: CountingAjv };
      });
      const schemaModule = jest.requireActual<typeof import('../../src/schema')>('../../src/schema');
      const { HOOK_META_SCHEMA } = jest.requireActual<typeof import('../../src/schema/meta-schema')>('../../src/schema/meta-schema');
      expect(counts.instances).toBe(0);
      expect(counts.compiles).toEqual([]);

      const text = readFileSync(join(__dirname, '..', '..', 'mycompany-testing-mytesthook.json'), 'utf8');
      const first = schemaModule.validateHookSchema(text, 'a.json');
      const second = schemaModule.validateHookSchema(text, 'b.json');
      expect(first.valid && second.valid).toBe(true);
      expect(counts.compiles.filter((s) => s === HOOK_META_SCHEMA)).toHaveLength(1);

      const schema = first.schema;
      if (!schema) throw new Error('the project schema should be usable');
      const configuration = JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { Properties: { minBuckets: '1' } } } });
      const before = counts.compiles.length;
      expect(schemaModule.validateHookConfiguration(configuration, 'c.json', schema).valid).toBe(true);
      expect(schemaModule.validateHookConfiguration(configuration, 'c.json', schema).valid).toBe(true);
      expect(counts.compiles.length - before).toBe(1);
    });
  });
});
