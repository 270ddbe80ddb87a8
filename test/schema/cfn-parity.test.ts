/**
 * Where cfn's Python reads a hook schema differently from a JavaScript reading of the same meta-schema. Every verdict
 * in these tables was taken from cloudformation-cli's own load_hook_spec (commit 698c385, jsonschema 4.26) run on the
 * same document (scripts/sweep-schemas.mjs --cfn-cli repeats that check); the validator must give the same one.
 */
import { join } from 'node:path';
import { memoryIo } from '../../src/kernel/cli';
import { main, validateHookSchema } from '../../src/schema';
import { pythonInt, pythonUnquote, resolveLocalRefLikeCfn } from '../../src/schema/cfn-ref';
import { asPythonSearch } from '../../src/schema/meta-schema';
import { baseSchema, type MutableSchema } from './schema-cases';

type Mutation = (s: MutableSchema) => void;

const withDefinitions = (s: MutableSchema): void => {
  s.definitions = { Rule: { type: 'string' }, Limits: { type: 'object', properties: { Max: { type: 'string' } }, additionalProperties: false } };
};
const refTo =
  (ref: string): Mutation =>
  (s) => {
    withDefinitions(s);
    s.typeConfiguration.properties.rule = { $ref: ref };
  };
const minBuckets = (s: MutableSchema) => s.typeConfiguration.properties.minBuckets;

function verdict(mutate: Mutation): { cfnAccepts: boolean; cfnRules: string[]; rules: string[] } {
  const schema = baseSchema();
  mutate(schema);
  const report = validateHookSchema(JSON.stringify(schema, null, 2), 'parity.json');
  return { cfnAccepts: report.cfnAccepts, cfnRules: report.diagnostics.filter((d) => d.cfn).map((d) => d.rule), rules: report.diagnostics.map((d) => d.rule) };
}

describe("cfn's Python regular expressions in the meta-schema", () => {
  it.each<[string, Mutation, boolean, string[]]>([
    // re.search's `$` also matches just before a final line break.
    ['typeName with a final line break', (s) => (s.typeName = 'MyCompany::Testing::MyTestHook\n'), true, []],
    ['typeName with a line break inside', (s) => (s.typeName = 'MyCompany::Testing\n::MyTestHook'), false, ['HS103']],
    ['typeName with two final line breaks', (s) => (s.typeName = 'MyCompany::Testing::MyTestHook\n\n'), false, ['HS103']],
    ['typeName with a final carriage return', (s) => (s.typeName = 'MyCompany::Testing::MyTestHook\r'), false, ['HS103']],
    ['sourceUrl with a final line break', (s) => (s.sourceUrl = 'https://example.com/source\n'), true, []],
    ['configuration property name with a final line break', (s) => (s.typeConfiguration.properties['Extra\n'] = { type: 'string' }), true, []],
    ['definition name with a final line break', (s) => (s.definitions = { 'Rule\n': { type: 'string' } }), true, []],
    ['configuration property name CloudFormation… with a final line break', (s) => (s.typeConfiguration.properties['CloudFormationX\n'] = { type: 'string' }), false, ['HS109']],
    // Python's \w is Unicode-aware; its `.` matches \r and U+2028.
    ['documentationUrl with a non-ASCII host', (s) => (s.documentationUrl = 'https://bücher.example/docs'), true, []],
    ['documentationUrl with a non-ASCII letter as first character', (s) => (s.documentationUrl = 'https://über.example'), false, ['HS104']],
    ['sourceUrl whose path holds a carriage return', (s) => (s.sourceUrl = 'https://example.com/a\rb'), true, []],
    ['sourceUrl whose path holds U+2028', (s) => (s.sourceUrl = 'https://example.com/a\u2028b'), true, []],
    ['sourceUrl whose path holds a line break', (s) => (s.sourceUrl = 'https://example.com/a\nb'), false, ['HS104']],
    ['configuration property name with an Arabic-Indic digit', (s) => (s.typeConfiguration.properties['A\u0663'] = { type: 'string' }), false, ['HS109']],
  ])('%s: cfn accepts it: %s', (_title, mutate, cfnAccepts, cfnRules) => {
    const result = verdict(mutate);
    expect(result.cfnAccepts).toBe(cfnAccepts);
    expect(result.cfnRules).toEqual(cfnRules);
  });

  it.each([
    ['^[A-Za-z0-9]{1,64}$', '^[A-Za-z0-9]{1,64}(?=\\n?$)'],
    ['^https://[0-9a-zA-Z]([-.\\w]*[0-9a-zA-Z])(:[0-9]*)*([?/#].*)?$', '^https://[0-9a-zA-Z]([-.\\p{L}\\p{N}_]*[0-9a-zA-Z])(:[0-9]*)*([?/#][^\\n]*)?(?=\\n?$)'],
    ['[]a.]\\d\\$', '[\\]a.]\\p{Nd}\\$'],
    ['[^]$]x', '[^\\]$]x'],
  ])('rewrites %s for JavaScript as %s', (python, javascript) => {
    expect(asPythonSearch(python)).toBe(javascript);
    expect(() => new RegExp(javascript, 'u')).not.toThrow();
  });
});

describe("numbers as cfn's Python reads them", () => {
  it.each<[string, string, boolean]>([
    ['1e400 is inf, not an integer', '1e400', false],
    ['1e308 is an integer', '1e308', true],
    ['1.0 is an integer', '1.0', true],
  ])('maxLength %s', (_title, literal, cfnAccepts) => {
    const text = JSON.stringify(baseSchema(), null, 2).replace('"pattern"', `"maxLength": ${literal},\n          "pattern"`);
    const report = validateHookSchema(text, 'n.json');
    expect(report.cfnAccepts).toBe(cfnAccepts);
    expect(report.diagnostics.filter((d) => d.cfn).map((d) => d.rule)).toEqual(cfnAccepts ? [] : ['HS113']);
  });
});

describe("NaN, Infinity and -Infinity, which Python's json.load reads", () => {
  /** The base schema with `keyword: literal` added to its property, written as text (the literals are not JSON). */
  const withLiteral = (keyword: string, literal: string, type = 'string'): string =>
    JSON.stringify(baseSchema(), null, 2)
      .replace('"type": "string"', `"type": "${type}"`)
      .replace('"pattern"', `"${keyword}": ${literal},\n          "pattern"`);

  it.each<[string, string, boolean, string[]]>([
    ['minimum: -Infinity', withLiteral('minimum', '-Infinity', 'number'), true, []],
    ['multipleOf: NaN (nan <= 0 is False in Python)', withLiteral('multipleOf', 'NaN', 'number'), true, []],
    ['multipleOf: Infinity', withLiteral('multipleOf', 'Infinity', 'number'), true, []],
    ['maxLength: NaN is not an integer', withLiteral('maxLength', 'NaN'), false, ['HS113']],
    ['maxLength: Infinity is not an integer', withLiteral('maxLength', 'Infinity'), false, ['HS113']],
    ['minLength: -Infinity is not an integer', withLiteral('minLength', '-Infinity'), false, ['HS113']],
    ['enum: [Infinity, 1e999] are equal', withLiteral('enum', '[Infinity, 1e999]', 'number'), false, ['HS113']],
    ['a default of NaN', withLiteral('default', 'NaN', 'number').replace('"default": "0",\n', ''), true, []],
  ])('%s', (_title, text, cfnAccepts, cfnRules) => {
    const report = validateHookSchema(text, 'nan.json');
    expect(report.cfnAccepts).toBe(cfnAccepts);
    expect(report.diagnostics.filter((d) => d.cfn).map((d) => d.rule)).toEqual(cfnRules);
    // Named once, where the first such literal is written, as a warning.
    const line = text.split('\n').findIndex((l) => /NaN|Infinity/.test(l)) + 1;
    expect(report.diagnostics.filter((d) => d.rule === 'HS312')).toEqual([expect.objectContaining({ severity: 'warning', cfn: false, line })]);
  });

  it.each([
    ['-NaN', withLiteral('minimum', '-NaN', 'number')],
    ['Infinityx', withLiteral('minimum', 'Infinityx', 'number')],
    ['NaN as the whole document', 'NaN'],
  ])('%s is refused as cfn refuses it', (_title, text) => {
    const report = validateHookSchema(text, 'nan.json');
    expect(report.cfnAccepts).toBe(false);
    expect(report.diagnostics.some((d) => d.rule === 'HS312')).toBe(text === 'NaN');
  });

  it('leaves NaN and Infinity inside strings alone, and carries the numbers in the schema it returns', () => {
    const schema = baseSchema();
    schema.description = 'NaN Infinity -Infinity';
    const text = JSON.stringify(schema, null, 2).replace('"pattern"', '"maximum": NaN,\n          "minimum": -Infinity,\n          "pattern"').replace('"type": "string"', '"type": "number"');
    const report = validateHookSchema(text, 'nan.json');
    expect(report.cfnAccepts).toBe(true);
    expect(report.schema?.description).toBe('NaN Infinity -Infinity');
    expect(report.schema?.typeConfiguration?.properties?.minBuckets).toMatchObject({ maximum: NaN, minimum: -Infinity });
  });
});

describe("$ref as cfn's RefInliner resolves it", () => {
  it.each<[string, Mutation, boolean]>([
    ['#/definitions/Rule', refTo('#/definitions/Rule'), true],
    ['# (the whole document)', refTo('#'), true],
    ['leading slashes are stripped: #//definitions/Rule', refTo('#//definitions/Rule'), true],
    ['a fragment without a slash: #definitions/Rule', refTo('#definitions/Rule'), false],
    ['slashes only: #/', refTo('#/'), false],
    ['a trailing slash: #/definitions/Rule/', refTo('#/definitions/Rule/'), false],
    ['percent-decoded after the slash: #/definitions/%52ule', refTo('#/definitions/%52ule'), true],
    ['an encoded leading slash: #%2Fdefinitions%2FRule', refTo('#%2Fdefinitions%2FRule'), false],
    ['an encoded slash splits like a slash: #/definitions/Limits%2Fproperties', refTo('#/definitions/Limits%2Fproperties'), true],
    ['an encoded slash splits like a slash: #/definitions/Limits%2FMax', refTo('#/definitions/Limits%2FMax'), false],
    ['a negative index counts from the end', refTo('#/handlers/preCreate/targetNames/-1'), true],
    ['a negative index out of range', refTo('#/handlers/preCreate/targetNames/-2'), false],
    ['an index with a sign: +0', refTo('#/handlers/preCreate/targetNames/+0'), true],
    ['an index with spaces', refTo('#/handlers/preCreate/targetNames/%200'), true],
    ['an index with an underscore that is out of range: 1_0', refTo('#/handlers/preCreate/targetNames/1_0'), false],
    ['a string is a sequence: #/typeName/0', refTo('#/typeName/0'), true],
    ['past the end of a string', refTo('#/typeName/99'), false],
    ['a missing key', refTo('#/definitions/Nope'), false],
  ])('%s', (_title, mutate, cfnAccepts) => {
    const result = verdict(mutate);
    expect(result.cfnAccepts).toBe(cfnAccepts);
    expect(result.cfnRules).toEqual(cfnAccepts ? [] : ['HS118']);
  });

  it.each<[string, Mutation, boolean, string[]]>([
    ['an unresolvable $ref inside a default value', (s) => (minBuckets(s).default = { $ref: '#/definitions/Nope' }), false, ['HS118']],
    ['an unresolvable $ref inside an enum value', (s) => (s.typeConfiguration.properties.level = { type: 'object', enum: [{ $ref: '#/nope' }] }), false, ['HS118']],
    ['an unresolvable $ref inside examples', (s) => (minBuckets(s).examples = [[{ $ref: '#/definitions/Nope' }]]), false, ['HS118']],
    ['a $ref that is not a string inside a default value', (s) => (minBuckets(s).default = { $ref: 5 }), false, ['HS118']],
    ['a resolvable $ref inside a default value', (s) => (withDefinitions(s), (minBuckets(s).default = { $ref: '#/definitions/Rule' })), true, []],
    [
      'a property named default whose $ref does not resolve',
      (s) => (s.definitions = { Box: { type: 'object', properties: { default: { $ref: '#/definitions/Nope' } }, additionalProperties: false } }),
      false,
      ['HS118'],
    ],
  ])('%s', (_title, mutate, cfnAccepts, cfnRules) => {
    const result = verdict(mutate);
    expect(result.cfnAccepts).toBe(cfnAccepts);
    expect(result.cfnRules).toEqual(cfnRules);
  });

  it.each<[string, number | undefined]>([
    ['0', 0],
    ['-1', -1],
    ['+2', 2],
    [' 3 ', 3],
    ['1_0', 10],
    ['1__0', undefined],
    ['_1', undefined],
    ['0x1', undefined],
    ['', undefined],
    ['1.0', undefined],
  ])("pythonInt(%j) is Python's int()", (text, expected) => {
    expect(pythonInt(text)).toBe(expected);
  });

  it.each([
    ['%41', 'A'],
    ['a%2Fb', 'a/b'],
    ['%C3%BC', 'ü'],
    ['%C3', '\ufffd'],
    ['100%', '100%'],
    ['%zz', '%zz'],
  ])("pythonUnquote(%j) is urllib's unquote", (text, expected) => {
    expect(pythonUnquote(text)).toBe(expected);
  });

  it('never throws, whatever the document', () => {
    for (const document of [null, 5, 'text', [], {}, { a: [1, 'xy'] }]) {
      for (const ref of ['#', '#/', '#/a', '#/a/1/0', '#/0', '#/%', '#/~2']) expect(() => resolveLocalRefLikeCfn(document, ref)).not.toThrow();
    }
  });
});

describe('a duplicate key', () => {
  it('is a warning: cfn keeps the last value and accepts the file', () => {
    const text = JSON.stringify(baseSchema(), null, 2).replace('"description"', '"description": "first",\n  "description"');
    const report = validateHookSchema(text, 'dup.json');
    expect(report.diagnostics.map((d) => [d.rule, d.severity, d.cfn, d.line, d.path])).toEqual([['HS002', 'warning', false, 4, '/description']]);
    expect(report).toMatchObject({ valid: true, cfnAccepts: true });
  });

  it('locates a finding on the kept (last) copy there, not at the copy cfn ignores', () => {
    const text = JSON.stringify(baseSchema(), null, 2).replace('"description"', '"description": "first",\n  "description"').replace(/("description": )"[^"\n]*"(,?)$/gm, (all, key, comma) => (all.includes('first') ? all : `${key}5${comma}`));
    const report = validateHookSchema(text, 'dup.json');
    const lineOf = (needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
    const finding = report.diagnostics.find((d) => d.rule !== 'HS002');
    expect(finding?.line).toBe(lineOf('"description": 5'));
    expect(lineOf('"description": 5')).not.toBe(lineOf('"description": "first"'));
  });
});

describe('a $ref to another file, which cfn reads from beside the schema', () => {
  const dir = join(__dirname, '..', 'fixtures', 'schema', 'file-refs');
  const withRef =
    (ref: string, id?: string): Mutation =>
    (s) => {
      s.typeConfiguration.properties.rule = { $ref: ref };
      if (id !== undefined) s.$id = id;
    };
  const judge = (mutate: Mutation, baseDirectory?: string) => {
    const schema = baseSchema();
    mutate(schema);
    return validateHookSchema(JSON.stringify(schema, null, 2), join(dir, 'schema.json'), { baseDirectory });
  };

  it.each<[string, Mutation, boolean, string[]]>([
    ['a file beside the schema, with the target', withRef('shared.json#/definitions/Rule'), true, []],
    ['the whole file', withRef('shared.json'), true, []],
    ['a path that goes up and back', withRef('../file-refs/shared.json#/definitions/Rule'), true, []],
    ['a percent-encoded name', withRef('%73hared.json#/definitions/Rule'), true, []],
    ['a file URL', withRef(`file://${join(dir, 'shared.json')}#/definitions/Rule`), true, []],
    ['a missing file', withRef('missing.json#/definitions/Rule'), false, ['HS118']],
    ['a file without the target', withRef('shared.json#/definitions/Nope'), false, ['HS118']],
    ['a file that is not JSON', withRef('not-json.json#/definitions'), false, ['HS118']],
    ['a directory', withRef('.#/definitions'), false, ['HS118']],
    ['a fragment without a slash', withRef('shared.json#definitions/Rule'), false, ['HS118']],
    // RefInliner walks what it resolved, resolving each $ref in it against that file.
    ['a $ref inside the other file that does not resolve there', withRef('inner-missing.json#/definitions/X'), false, ['HS118']],
    ['a $ref inside the other file to a third file that is missing', withRef('third-missing.json#/definitions/X'), false, ['HS118']],
    ['a $ref inside the other file to a third file with the target', withRef('third-ok.json#/definitions/X'), true, []],
    ['a $ref inside the other file to itself', withRef('self-loop.json#/definitions/X'), true, []],
    ['two files referring to each other', withRef('loop-a.json#/definitions/X'), true, []],
    ['a query in the file name (cfn opens the literal path)', withRef('shared.json?x=1#/definitions/Rule'), false, ['HS118']],
    ['a urn (urlopen knows no such scheme)', withRef('urn:example:foo#/definitions/X'), false, ['HS118']],
    ['a file reference under a relative $id (the joined URL has no scheme)', withRef('shared.json#/definitions/Rule', 'my-hook.json'), false, ['HS118']],
    ['a local reference under a urn $id (cfn stops: KeyError)', withRef('#/typeConfiguration/properties/minBuckets', 'urn:x:y'), false, ['HS118']],
    ['a reference to the relative $id itself', withRef('my-hook.json#/typeConfiguration/properties/minBuckets', 'my-hook.json'), true, []],
    ['an empty $ref (the schema itself)', withRef(''), true, []],
  ])('%s: cfn accepts it: %s', (_title, mutate, cfnAccepts, cfnRules) => {
    const report = judge(mutate, dir);
    expect(report.cfnAccepts).toBe(cfnAccepts);
    expect(report.diagnostics.filter((d) => d.cfn).map((d) => d.rule)).toEqual(cfnRules);
    expect(report.diagnostics.some((d) => d.rule === 'HS309')).toBe(false);
  });

  it.each<[string, Mutation, string | undefined]>([
    ['an https URL (cfn fetches it)', withRef('https://example.com/rules.json#/Rule'), dir],
    ['a relative reference under an https $id (cfn fetches it from there)', withRef('missing.json#/Rule', 'https://example.com/schema.json'), dir],
    ['a relative reference when the schema has no known location', withRef('missing.json#/Rule'), undefined],
  ])('%s cannot be checked offline: HS309, a warning', (_title, mutate, baseDirectory) => {
    const report = judge(mutate, baseDirectory);
    expect(report.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['HS309', 'warning']]);
    expect(report.cfnAccepts).toBe(true);
  });

  it.each([
    ['refers-to-shared.hook.json', 0],
    ['refers-to-missing.hook.json', 1],
  ])('validate %s: the command resolves against the schema file (exit %d)', async (name, expected) => {
    const io = memoryIo(join(__dirname, '..', '..'));
    const code = await main([`test/fixtures/schema/file-refs/${name}`, '--format', 'json'], io);
    expect(code).toBe(expected);
    const report = JSON.parse(io.out.join('')) as { cfnAccepts: boolean; diagnostics: Array<{ rule: string }> };
    expect(report.cfnAccepts).toBe(expected === 0);
    expect(report.diagnostics.map((d) => d.rule)).toEqual(expected === 0 ? [] : ['HS118']);
  });
});
