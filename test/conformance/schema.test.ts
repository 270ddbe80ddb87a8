/**
 * The schema validator against the real world (../shared/corpus, optional): every hook schema there was
 * accepted by `cfn`, so the validator's cfn verdict must accept it; the doc-rule findings are printed for the
 * record. The cfn verdict is cross-checked against cloudformation-cli's own meta-schema on this project's cases.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { HookSchema } from '../../src/kernel/hook-config';
import { corpusPresent, CORPUS, filesUnder } from './corpus';
import { SCHEMA_RULES, validateHookConfiguration, validateHookSchema } from '../../src/schema';
import { baseSchema, caseText, SCHEMA_CASES } from '../schema/schema-cases';

const repoRoot = join(__dirname, '..', '..');
const corpus = CORPUS;
const present = corpusPresent('schema', 'hook-schemas', 'meta-schemas');
const describeIfCorpus = present ? describe : describe.skip;

/** JSON files of the hook projects, leaving out their contract-test inputs. */
function jsonFiles(dir: string): string[] {
  return filesUnder(dir, (name) => name.endsWith('.json'), (name) => name !== 'inputs');
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hookRoot = join(corpus, 'hook-schemas');
const allFiles = present ? jsonFiles(hookRoot) : [];
const schemaFiles = allFiles.filter((f) => {
  const v = readJson(f);
  return isRecord(v) && 'typeName' in v && ('handlers' in v || 'typeConfiguration' in v);
});
const configurationFiles = allFiles.filter((f) => isRecord(readJson(f)) && 'CloudFormationConfiguration' in (readJson(f) as Record<string, unknown>));

/** cloudformation-cli's hook meta-schema, loaded the way cfn loads it: every meta-schema by $id, formats not enforced. */
function corpusMetaSchema(): ValidateFunction {
  // The corpus carries its own draft-07 meta-schema under the draft-07 $id, so ajv must not add its own.
  const ajv = new Ajv({ meta: false, validateSchema: false, strict: false, allErrors: true, validateFormats: false });
  const dir = join(corpus, 'meta-schemas');
  for (const name of ['meta-schema.json', 'base.definition.schema.v1.json', 'provider.configuration.definition.schema.hooks.v1.json']) {
    ajv.addSchema(JSON.parse(readFileSync(join(dir, name), 'utf8')) as object);
  }
  return ajv.compile(JSON.parse(readFileSync(join(dir, 'provider.definition.schema.hooks.v1.json'), 'utf8')) as object);
}

describeIfCorpus('schema conformance: real hook schemas', () => {
  const record: string[] = [];
  afterAll(() => console.log(`doc-rule findings on real schemas (cfn accepted all of them):\n${record.join('\n')}`));

  it('finds the corpus schemas', () => {
    expect(schemaFiles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(schemaFiles.map((f) => [relative(hookRoot, f), f]))('%s: cfnAccepts', (name, file) => {
    const report = validateHookSchema(readFileSync(file, 'utf8'), name);
    const line = report.diagnostics.map((d) => `${d.rule}@${d.path || '/'}`).join(', ');
    record.push(`  ${name}: ${line || 'clean'}`);
    expect(report.diagnostics.filter((d) => d.cfn)).toEqual([]);
    expect(report.cfnAccepts).toBe(true);
    expect(report.schema?.typeName).toBe((readJson(file) as { typeName: string }).typeName);
  });

  it('the corpus meta-schema accepts every corpus schema too (the cross-check is sound)', () => {
    const validate = corpusMetaSchema();
    const rejected = schemaFiles.filter((f) => !validate(readJson(f)));
    expect(rejected).toEqual([]);
  });
});

describeIfCorpus('schema conformance: the cfn verdict agrees with cfn meta-schema', () => {
  const validate = present ? corpusMetaSchema() : undefined;
  const metaAccepts = (value: unknown): boolean => validate?.(value) === true;

  it('on the base schema and the project schema', () => {
    expect(metaAccepts(baseSchema())).toBe(true);
    expect(metaAccepts(readJson(join(repoRoot, 'mycompany-testing-mytesthook.json')))).toBe(true);
  });

  // Rules cfn enforces in code, not in its meta-schema: the meta-schema accepts these cases, the validator must not.
  // HS120 is cfn's Python running out of stack while it validates (the meta-schema itself accepts the nesting).
  const CODE_CHECKED = ['HS115', 'HS116', 'HS117', 'HS118', 'HS119', 'HS120'];

  it.each(SCHEMA_CASES.map((c) => [`${c.rule} ${c.name}`, c] as const))('%s', (_title, c) => {
    const text = caseText(c);
    const report = validateHookSchema(text, 'case.json');
    const meta = metaAccepts(JSON.parse(text));
    const rule = SCHEMA_RULES[c.rule as keyof typeof SCHEMA_RULES];
    if (CODE_CHECKED.includes(c.rule)) {
      expect(meta).toBe(true);
      expect(report.cfnAccepts).toBe(false);
    } else {
      // Where the meta-schema speaks, our cfn verdict is its verdict.
      expect(report.cfnAccepts).toBe(meta);
      if (c.metaSchema) expect(meta).toBe(false);
      if (!c.also?.length) expect(rule.cfn).toBe(!meta);
    }
  });
});

describeIfCorpus('schema conformance: real hook configurations', () => {
  const record: string[] = [];
  afterAll(() => console.log(`findings on real configurations:\n${record.join('\n')}`));

  /** The schema of the hook project a configuration file belongs to: the nearest ancestor directory's schema. */
  function schemaFor(file: string): HookSchema | undefined {
    for (let dir = dirname(file); dir.startsWith(hookRoot); dir = dirname(dir)) {
      const schemaFile = schemaFiles.find((f) => dirname(f) === dir);
      if (schemaFile) return validateHookSchema(readFileSync(schemaFile, 'utf8'), schemaFile).schema;
    }
    return undefined;
  }

  it.each(configurationFiles.map((f) => [relative(hookRoot, f), f]))('%s: well-formed', (name, file) => {
    const schema = schemaFor(file);
    expect(schema).toBeDefined();
    if (!schema) return;
    const report = validateHookConfiguration(readFileSync(file, 'utf8'), name, schema);
    record.push(`  ${name}: ${report.diagnostics.map((d) => `${d.code}@${d.path}`).join(', ') || 'clean'}`);
    // The documents' own structure is always right in the wild; their Properties may disagree with the schema.
    expect(report.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'HC110' && d.code !== 'HC111')).toEqual([]);
  });
});
