/**
 * `validate` against hostile files: encodings cfn refuses, keys cfn crashes on, patterns that make backtracking
 * engines hang, target names long enough to overflow a recursion, and inputs without end. Every case ends quickly
 * with the verdict cfn would give (HS004/HS005/HS119 are cfn-rejected) and an exit code, never a hang or a crash.
 */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/kernel/cli';
import { DEFAULT_READ_LIMIT_BYTES } from '../../src/kernel/source';
import { main, validateHookConfiguration, validateHookSchema } from '../../src/schema';
import { baseSchema, type MutableSchema } from './schema-cases';

const dir = mkdtempSync(join(tmpdir(), 'validate-hostile-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function schemaWith(change: (schema: MutableSchema) => void): MutableSchema {
  const schema = baseSchema();
  change(schema);
  return schema;
}

function configuration(hook: Record<string, unknown>): string {
  return JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetStacks: 'ALL', ...hook } } });
}

const schemaText = (schema: MutableSchema = baseSchema()): string => JSON.stringify(schema, null, 2);
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

interface EncodingCase {
  readonly name: string;
  readonly bytes: Buffer;
  readonly rule: string;
  readonly line: number;
  readonly column: number;
  readonly exit: number;
}

const ENCODING_CASES: readonly EncodingCase[] = [
  { name: 'a UTF-8 byte-order mark', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(schemaText())]), rule: 'HS005', line: 1, column: 1, exit: 1 },
  { name: 'a Latin-1 é in the description', bytes: latin1(schemaText().replace('A hook for tests.', 'A hook for t\u00e9sts.')), rule: 'HS004', line: 3, column: 31, exit: 2 },
  { name: 'a 0xff byte', bytes: Buffer.concat([Buffer.from('{"typeName": "'), Buffer.from([0xff]), Buffer.from('"}')]), rule: 'HS004', line: 1, column: 15, exit: 2 },
  { name: 'an overlong encoding of /', bytes: Buffer.concat([Buffer.from('{\n"a": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), rule: 'HS004', line: 2, column: 7, exit: 2 },
  { name: 'an encoded UTF-16 surrogate', bytes: Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), rule: 'HS004', line: 1, column: 8, exit: 2 },
  { name: 'a sequence cut at the end of the file', bytes: Buffer.concat([Buffer.from('{"a": 1}'), Buffer.from([0xe2, 0x82])]), rule: 'HS004', line: 1, column: 9, exit: 2 },
];

describe('validate: encodings cfn refuses', () => {
  it.each(ENCODING_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = validateHookSchema(c.bytes, 'schema.json');
    expect(report.diagnostics.filter((d) => d.rule === c.rule).map((d) => ({ line: d.line, column: d.column, cfn: d.cfn }))).toEqual([
      { line: c.line, column: c.column, cfn: true },
    ]);
    expect(report.cfnAccepts).toBe(false);
    const io = memoryIo(dir);
    expect(await main([file(`${c.rule}.json`, c.bytes)], io)).toBe(c.exit);
  });
});

describe("validate: a top-level 'remote' (cfn's RefInliner stops on it)", () => {
  it.each([
    ['empty', {}],
    ['holding a schema', { schema0: { type: 'object' } }],
    ['not even an object', 'x'],
  ])('%s → HS119, cfn rejects', (_name, remote) => {
    const report = validateHookSchema(schemaText(schemaWith((s) => (s.remote = remote))), 'schema.json');
    expect(report.diagnostics.filter((d) => d.rule === 'HS119').map((d) => [d.path, d.cfn])).toEqual([['/remote', true]]);
    expect(report.cfnAccepts).toBe(false);
  });
});

describe('validate --config: patterns and names that hang or overflow naive matchers', () => {
  const pattern = (value: string): MutableSchema =>
    schemaWith((s) => {
      s.typeConfiguration.properties.minBuckets = { description: 'x', type: 'string', pattern: value };
    });

  it.each([
    ['^(a+)+$', `${'a'.repeat(50_000)}b`, false],
    ['^(a*)*$', `${'a'.repeat(50_000)}!`, false],
    ['^(a|aa)+$', `${'a'.repeat(50_000)}b`, false],
    ['^([a-z]+\\.)+[a-z]+$', `${'a.'.repeat(20_000)}-`, false],
    ['^(a+)+$', 'a'.repeat(50_000), true],
  ])('%s against value %#: ends (a backtracking engine would not, on this value), verdict right', (regex, value, matches) => {
    // Speed is never a timed assertion here (docs/proof.md): before the fix this case hung the suite.
    const schema = pattern(regex);
    const schemaReport = validateHookSchema(schemaText(schema), 'schema.json');
    expect(schemaReport.schema).toBeDefined();
    const report = validateHookConfiguration(configuration({ Properties: { minBuckets: value } }), 'config.json', schemaReport.schema as never);
    expect(report.diagnostics.some((d) => d.code === 'HC110')).toBe(!matches);
  });

  it('flags a nested quantifier where it is written (HS311), naming the risk', () => {
    const report = validateHookSchema(schemaText(pattern('^(a+)+$')), 'schema.json');
    const hit = report.diagnostics.find((d) => d.rule === 'HS311');
    expect(hit).toMatchObject({ severity: 'warning', cfn: false, path: '/typeConfiguration/properties/minBuckets/pattern' });
    expect(hit?.message).toMatch(/'\(a\+\)\+'.*exponential time.*ReDoS/);
  });

  it('applies each pattern of a schema to its own property (not the first pattern to all)', () => {
    const schema = schemaWith((s) => {
      s.typeConfiguration.properties.minBuckets = { type: 'string', pattern: '^[0-9]+$' };
      s.typeConfiguration.properties.Name = { type: 'string', pattern: '^[a-z]+$' };
    });
    const report = validateHookConfiguration(configuration({ Properties: { minBuckets: '12', Name: 'abc' } }), 'c.json', validateHookSchema(schemaText(schema), 's.json').schema as never);
    expect(report.diagnostics).toEqual([]);
  });

  it.each([
    ['(?!CloudFormation)^[A-Za-z]+$', 'Bucket', true],
    ['(?!CloudFormation)^[A-Za-z]+$', 'CloudFormationX', false],
  ])('a lookahead (outside RE2) still applies: %s on %s → %s', (regex, value, matches) => {
    const schemaReport = validateHookSchema(schemaText(pattern(regex)), 'schema.json');
    const report = validateHookConfiguration(configuration({ Properties: { minBuckets: value } }), 'c.json', schemaReport.schema as never);
    expect(report.diagnostics.some((d) => d.code === 'HC110')).toBe(!matches);
  });

  it.each([
    ['a 200 000-character wildcard target', `AWS::S3::${'*'.repeat(200_000)}`],
    ['a 200 000-character literal target', `AWS::S3::${'B'.repeat(200_000)}`],
  ])('%s in the schema and a filter against it: no stack overflow', (_name, target) => {
    const schema = schemaWith((s) => ((s.handlers.preCreate as { targetNames: string[] }).targetNames = [target]));
    const schemaReport = validateHookSchema(schemaText(schema), 'schema.json');
    expect(schemaReport.schema).toBeDefined();
    const report = validateHookConfiguration(configuration({ TargetFilters: { TargetNames: ['AWS::S3::Bucket'] } }), 'c.json', schemaReport.schema as never);
    expect(report.diagnostics.map((d) => d.code)).toEqual(target.includes('*') ? [] : ['HC112']);
  });
});

describe('validate: a $ref to nested single-item allOf/anyOf (ajv inlined the reference, doubling per level)', () => {
  // 30 levels: the old compile took minutes (it doubled per level, 25 levels took 13 s), past jest's 5 s timeout.
  // Speed is never a timed assertion here (docs/proof.md); the verdict is.
  const LEVELS = 30;
  const nested = (keyword: 'allOf' | 'anyOf'): Record<string, unknown> => {
    let inner: Record<string, unknown> = { type: 'string', pattern: '^[a-z]+$' };
    for (let i = 0; i < LEVELS; i++) inner = { [keyword]: [inner] };
    return inner;
  };
  const deepSchema = (keyword: 'allOf' | 'anyOf', withDefault: unknown): MutableSchema =>
    schemaWith((s) => {
      s.definitions = { Deep: nested(keyword) };
      s.typeConfiguration.properties.Name = { $ref: '#/definitions/Deep', ...(withDefault === undefined ? {} : { default: withDefault }) };
    });

  it.each([
    ['allOf', 'abc', []],
    ['allOf', 'ABC', ['HS301']],
    ['anyOf', 'abc', []],
    ['anyOf', 'ABC', ['HS301']],
  ] as const)('nested %s with default %s: the default is judged (%j)', (keyword, value, rules) => {
    const report = validateHookSchema(schemaText(deepSchema(keyword, value)), 'schema.json');
    expect(report.diagnostics.map((d) => d.rule)).toEqual(rules);
    expect(report.cfnAccepts).toBe(true);
  });

  it.each([
    ['allOf', 'abc', []],
    ['allOf', 'ABC', ['HC110']],
    ['anyOf', 'ABC', ['HC110']],
  ] as const)('--config against nested %s: %s → %j', (keyword, value, codes) => {
    const schema = validateHookSchema(schemaText(deepSchema(keyword, undefined)), 'schema.json').schema;
    expect(schema).toBeDefined();
    const report = validateHookConfiguration(configuration({ Properties: { Name: value } }), 'config.json', schema as never);
    expect(report.diagnostics.map((d) => d.code)).toEqual(codes);
  });
});

describe('validate: inputs without end', () => {
  it.each([
    // A device is refused before it is opened (h30 #5); a regular file past the bound is cut at it.
    ['/dev/zero as the schema', ['/dev/zero'], 'FILE_UNREADABLE'],
    ['/dev/zero as the configuration', ['SCHEMA', '--config', '/dev/zero'], 'FILE_UNREADABLE'],
    ['a configuration past the 16 MiB bound', ['SCHEMA', '--config', 'BIG'], 'FILE_TOO_LARGE'],
    ['a directory as the configuration', ['SCHEMA', '--config', '/'], 'FILE_UNREADABLE'],
  ])('%s → exit 2, %s', async (_name, argv, code) => {
    const schema = file('ok.json', schemaText());
    const io = memoryIo(dir);
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, DEFAULT_READ_LIMIT_BYTES + 1); // sparse: no 16 MiB written
    expect(await main(argv.map((a) => (a === 'SCHEMA' ? schema : a === 'BIG' ? big : a)), io)).toBe(2);
    expect(io.err.join('')).toMatch(new RegExp(`^\\S+ ${code} cannot read the (schema|configuration): `));
  });
});

describe('validate: nesting as deep as cfn reads, and deeper', () => {
  // A typeConfiguration property nested `levels` objects deep, in the project's own schema.
  const deepSchema = (levels: number): string => {
    let inner = '{"type": "string"}';
    for (let i = 0; i < levels; i++) inner = `{"type": "object", "additionalProperties": false, "properties": {"p": ${inner}}}`;
    return schemaText().replace('"properties": {', `"properties": {"deep": ${inner}, `);
  };

  // Python's json.load (cfn's reader) reads ~960 levels and fails past ~1,000; the validator's checks recursed past
  // their stack there (exit 3, and no JSON or SARIF document at all).
  it.each([
    ['480 objects deep (~960 levels, which cfn reads): judged by the rules, no crash', 480, 1, /HS204 typeConfiguration\.properties\.deep: is a nested object/],
    ['800 objects deep (~1,600 levels, past cfn\'s reader): refused, located', 800, 2, /:\d+:\d+ HS001 the document nests more than 1000 levels deep here/],
  ])('%s', async (_name, levels, code, message) => {
    const io = memoryIo(dir);
    expect(await main([file('deep.json', deepSchema(levels))], io)).toBe(code);
    expect(io.out.join('') + io.err.join('')).toMatch(message);
  });
});

describe("validate: nesting cfn's Python cannot follow (RecursionError in load_hook_spec)", () => {
  type Keyword = 'properties' | 'patternProperties' | 'items' | 'contains' | 'allOf' | 'anyOf';
  const wrap = (keyword: Keyword, inner: unknown): Record<string, unknown> => {
    if (keyword === 'properties') return { type: 'object', properties: { P: inner }, additionalProperties: false };
    if (keyword === 'patternProperties') return { type: 'object', patternProperties: { '^P$': inner }, additionalProperties: false };
    if (keyword === 'items' || keyword === 'contains') return { type: 'array', [keyword]: inner };
    return { [keyword]: [inner] };
  };
  // `definitions.Deep` nests `levels` times, cycling through `keywords` from the outside in; a property refers to it.
  const nestedSchema = (keywords: readonly Keyword[], levels: number): MutableSchema => {
    let inner: unknown = { type: 'string' };
    for (let i = levels - 1; i >= 0; i--) inner = wrap(keywords[i % keywords.length], inner);
    return schemaWith((s) => {
      s.definitions = { Deep: inner };
      s.typeConfiguration.properties.D = { $ref: '#/definitions/Deep' };
    });
  };
  const chainSchema = (length: number): MutableSchema =>
    schemaWith((s) => {
      const definitions: Record<string, unknown> = { [`D${length}`]: { type: 'string' } };
      for (let i = 0; i < length; i++) definitions[`D${i}`] = { $ref: `#/definitions/D${i + 1}` };
      s.definitions = definitions;
      s.typeConfiguration.properties.D = { $ref: '#/definitions/D0' };
    });

  // Each verdict is load_hook_spec's (cloudformation-cli 698c385): the last level it read, and the first it overflowed on.
  it.each([
    ['90 properties (far from the limit)', [], () => nestedSchema(['properties'], 90)],
    ['121 properties (cfn reads it, barely)', ['HS313'], () => nestedSchema(['properties'], 121)],
    ['122 properties', ['HS120'], () => nestedSchema(['properties'], 122)],
    ['161 items', ['HS313'], () => nestedSchema(['items'], 161)],
    ['162 items', ['HS120'], () => nestedSchema(['items'], 162)],
    ['97 allOf', ['HS313'], () => nestedSchema(['allOf'], 97)],
    ['98 anyOf', ['HS120'], () => nestedSchema(['anyOf'], 98)],
    ['242 contains', ['HS313'], () => nestedSchema(['contains'], 242)],
    ['243 contains', ['HS120'], () => nestedSchema(['contains'], 243)],
    ['108 properties and allOf, alternating', ['HS313'], () => nestedSchema(['properties', 'allOf'], 108)],
    ['109 properties and allOf, alternating', ['HS120'], () => nestedSchema(['properties', 'allOf'], 109)],
    ['contains, then 160 of allOf, properties (draft-07 judges them, more cheaply)', ['HS313'], () => nestedSchema(['contains', 'allOf', 'properties'], 161)],
    // cfn stops at 162 here; the summed shares reach 1 one level later: the rule errs towards a warning, never a false refusal.
    ['contains, allOf, properties: 162 levels', ['HS313'], () => nestedSchema(['contains', 'allOf', 'properties'], 162)],
    ['contains, allOf, properties: 163 levels', ['HS120'], () => nestedSchema(['contains', 'allOf', 'properties'], 163)],
    ['400 patternProperties (cfn does not judge what is below one)', [], () => nestedSchema(['patternProperties'], 400)],
    ['a chain of 100 $refs', [], () => chainSchema(100)],
    ['a chain of 981 $refs', ['HS313'], () => chainSchema(981)],
    ['a chain of 982 $refs', ['HS120'], () => chainSchema(982)],
  ] as const)('%s → %j', (_name, rules, schema) => {
    const report = validateHookSchema(schemaText(schema()), 'schema.json');
    expect(report.diagnostics.map((d) => d.rule)).toEqual(rules);
    expect(report.cfnAccepts).toBe(!(rules as readonly string[]).includes('HS120'));
  });

  // h29: the message spelled every step of the path (~3.5 KB on one line for 125 levels) before the pointer again.
  it.each([
    ['125 properties', () => nestedSchema(['properties'], 125), 'HS120', 'definitions.Deep.properties.P.properties.P … properties.P.properties.P.properties.P (252 steps deep): nests 125 levels of properties'],
    ['100 properties', () => nestedSchema(['properties'], 100), 'HS313', 'definitions.Deep.properties.P.properties.P … properties.P.properties.P.properties.P (202 steps deep): nests 100 levels of properties'],
  ] as const)('%s: the message gives the first and last steps and the depth; the pointer keeps every step', (_name, schema, rule, start) => {
    const [finding] = validateHookSchema(schemaText(schema()), 'schema.json').diagnostics.filter((d) => d.rule === 'HS120' || d.rule === 'HS313');
    expect(finding?.rule).toBe(rule);
    expect(finding?.message.slice(0, start.length)).toBe(start);
    expect(finding?.message.length).toBeLessThan(400);
    expect(finding?.path).toBe(`/definitions/Deep${'/properties/P'.repeat(rule === 'HS120' ? 125 : 100)}`);
  });

  // ajv's meta-schema validator overflowed its own stack at ~566 nested items (exit 3, "internal error").
  it.each([
    ['600 items in a typeConfiguration property', schemaWith((s) => (s.typeConfiguration.properties.D = (nestedSchema(['items'], 600).definitions as { Deep: never }).Deep)), 600],
    ['900 contains in a definition', nestedSchema(['contains'], 900), 900],
    ['995 items in a definition', nestedSchema(['items'], 995), 995],
  ])('%s: refused (HS120), located, never a crash', async (_name, schema) => {
    const io = memoryIo(dir);
    expect(await main([file('deep-items.json', schemaText(schema))], io)).toBe(1);
    expect(io.out.join('')).toMatch(/:\d+:\d+ HS120 .*RecursionError.*\[cfn submit rejects this\]/);
  });
});

describe('validate: a file that is not JSON', () => {
  const SCHEMA = baseSchema();
  it.each([
    ['a schema written as YAML', 'typeName: MyCompany::Testing::MyTestHook\ndescription: x\n', 'schema', true],
    ['a configuration written as YAML', 'CloudFormationConfiguration:\n  HookConfiguration: {}\n', 'config', true],
    ['broken JSON (a trailing comma reads as YAML too)', '{"typeName": "x",}', 'schema', false],
    ['plain text', 'just text\n', 'schema', false],
    ['a YAML list', '- a\n- b\n', 'schema', false],
  ])('%s: the syntax error says YAML only when the file reads as a YAML mapping', (_name, text, kind, hinted) => {
    const report = kind === 'schema' ? validateHookSchema(text, 'f') : validateHookConfiguration(text, 'f', SCHEMA as never);
    const [first] = report.diagnostics;
    expect(first?.code).toBe(kind === 'schema' ? 'HS001' : 'HC001');
    expect(first?.message.includes('reads as YAML')).toBe(hinted);
  });

  // h30 #6: the `yaml` library handed each unknown tag (`!Sub`, `!Ref`) or collection key to process.emitWarning,
  // which printed Node's "YAMLWarning … Use `node --trace-warnings`" blocks on stderr before our own diagnostic.
  it.each([
    ['a schema in YAML with CloudFormation tags', () => [file('tags.yml', 'typeName: !Sub "${AWS::AccountId}"\nhandlers: !Ref x\n')], 'HS001'],
    ['a configuration in YAML with a tag', () => [file('schema.json', schemaText()), '--config', file('tag.yml', 'A: !Ref x\n')], 'HC001'],
    ['a schema in YAML with a collection as a key', () => [file('key.yml', '? [a, b]\n: 1\ntypeName: x\n')], 'HS001'],
  ])('%s: our located diagnostic, and no YAMLWarning from Node', async (_name, argv, code) => {
    const warned = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const io = memoryIo(dir);
      expect(await main(argv(), io)).toBe(2);
      expect(io.out.join('') + io.err.join('')).toMatch(new RegExp(`:1:1 ${code} invalid JSON: .*it reads as YAML`));
      expect(warned.mock.calls.map(([warning]) => String(warning))).toEqual([]);
    } finally {
      warned.mockRestore();
    }
  });
});
