import { SCHEMA_RULES, validateHookSchema } from '../../src/schema';
import { baseSchema, caseText, expectedPosition, SCHEMA_CASES } from './schema-cases';

describe('validateHookSchema: one case per rule', () => {
  it('accepts the base schema the cases start from, with no diagnostic at all', () => {
    const report = validateHookSchema(JSON.stringify(baseSchema(), null, 2), 'base.json');
    expect(report).toMatchObject({ valid: true, cfnAccepts: true, diagnostics: [] });
    expect(report.schema?.typeName).toBe('MyCompany::Testing::MyTestHook');
  });

  it.each(SCHEMA_CASES.map((c) => [`${c.rule} ${c.name}`, c] as const))('%s', (_title, c) => {
    const text = caseText(c);
    const report = validateHookSchema(text, 'case.json');
    const rule = SCHEMA_RULES[c.rule as keyof typeof SCHEMA_RULES];
    const hits = report.diagnostics.filter((d) => d.rule === c.rule);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      rule: c.rule,
      code: c.rule,
      severity: rule.severity,
      cfn: rule.cfn,
      path: c.path,
      file: 'case.json',
      ...expectedPosition(text, ...c.at),
    });
    expect(hits[0].message.length).toBeGreaterThan(20);
    // Nothing else fires: no ajv noise, no cascade.
    expect([...new Set(report.diagnostics.map((d) => d.rule))].sort()).toEqual([c.rule, ...(c.also ?? [])].sort());
    expect(report.valid).toBe(!report.diagnostics.some((d) => d.severity === 'error'));
    expect(report.cfnAccepts).toBe(!report.diagnostics.some((d) => d.cfn));
    expect(report.schema === undefined).toBe(!report.cfnAccepts);
  });

  it('has a case for every schema rule that a schema document can break', () => {
    const covered = new Set(SCHEMA_CASES.map((c) => c.rule));
    const parsedOnly = ['HS001', 'HS002', 'HS003', 'HS004', 'HS005', 'HS312'];
    expect(Object.keys(SCHEMA_RULES).filter((id) => !covered.has(id) && !parsedOnly.includes(id))).toEqual([]);
  });
});

describe('validateHookSchema: messages say what was found and what is expected', () => {
  const message = (mutate: (s: ReturnType<typeof baseSchema>) => void, rule: string): string => {
    const schema = baseSchema();
    mutate(schema);
    const hit = validateHookSchema(JSON.stringify(schema, null, 2), 'm.json').diagnostics.find((d) => d.rule === rule);
    return hit?.message ?? '(no diagnostic)';
  };

  it.each([
    ['unknown property keyword lists the allowed ones', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.properties.minBuckets.bar = 1), 'HS110', /^typeConfiguration\.properties\.minBuckets: unknown keyword 'bar'; allowed: .*maxLength.*pattern/],
    ['a typo gets a suggestion', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.properties.minBuckets.patern = '^a$'), 'HS110', /did you mean 'pattern'\?/],
    ['a handler typo gets a suggestion', (s: ReturnType<typeof baseSchema>) => (s.handlers.preCreat = { targetNames: [], permissions: [] }), 'HS106', /unknown handler 'preCreat' \(did you mean 'preCreate'\?\); allowed: preCreate, preUpdate, preDelete/],
    ['the reserved prefix is named', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.properties.CloudFormationX = { type: 'string' }), 'HS109', /starts with 'CloudFormation', which is reserved/],
    ['the wrong type is named', (s: ReturnType<typeof baseSchema>) => (s.description = 5), 'HS113', /^description: is an integer; expected string$/],
    ['cfn\'s own words for top-level properties', (s: ReturnType<typeof baseSchema>) => (s.properties = { A: {} }), 'HS114', /^Hook types do not support 'properties' directly/],
    ['the risk of an unanchored pattern', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.properties.minBuckets.pattern = '[0-9]+'), 'HS302', /any value that merely contains a match is accepted; write '\^\[0-9\]\+\$'/],
    ['a missing $', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.properties.minBuckets.pattern = '^[0-9]+'), 'HS302', /anything may come after the match/],
    ['no handlers at all', (s: ReturnType<typeof baseSchema>) => Reflect.deleteProperty(s, 'handlers'), 'HS205', /^handlers is missing; declare at least one of preCreate, preUpdate, preDelete$/],
    ['empty handlers', (s: ReturnType<typeof baseSchema>) => (s.handlers = {} as never), 'HS205', /^handlers: is empty; declare at least one/],
    ['only unknown handlers: not called empty', (s: ReturnType<typeof baseSchema>) => (s.handlers = { preCreat: { targetNames: [], permissions: [] } } as never), 'HS205', /^handlers: declares none of preCreate, preUpdate, preDelete \(only 'preCreat'\)/],
    [
      "a resource type's handlers: named as such",
      (s: ReturnType<typeof baseSchema>) => (s.handlers = { create: { permissions: [] }, read: { permissions: [] }, list: { permissions: [] } } as never),
      'HS205',
      /declares none of preCreate, preUpdate, preDelete; this looks like a resource type schema \(its handlers are create, read, list\)/,
    ],
    ['a primaryIdentifier: named as a resource type schema', (s: ReturnType<typeof baseSchema>) => ((s.handlers = { x: {} } as never), (s.primaryIdentifier = ['/properties/Id'])), 'HS205', /resource type schema \(it has a primaryIdentifier\)/],
    ["'*' is a wildcard, not a malformed action", (s: ReturnType<typeof baseSchema>) => (s.handlers.preCreate as { permissions: string[] }).permissions.push('*'), 'HS307', /'\*' is a wildcard for every action of every service/],
    ['IAM action names are case-insensitive', (s: ReturnType<typeof baseSchema>) => (s.handlers.preCreate as { permissions: string[] }).permissions.push('CloudFormation:*'), 'HS307', /'CloudFormation:\*' uses a wildcard on CloudFormation actions: .*grants what 'cloudformation:\*' grants/],
    ['a service prefix in capitals is an action', (s: ReturnType<typeof baseSchema>) => (s.handlers.preCreate as { permissions: string[] }).permissions.push('S3:Get*'), 'HS307', /'S3:Get\*' uses a wildcard; the execution role gets every matching action/],
    ['a default that fails says why', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.properties.minBuckets.default = 'x'), 'HS301', /the default 'x' does not validate .*must match pattern/],
  ])('%s', (_title, mutate, rule, expected) => {
    expect(message(mutate, rule)).toMatch(expected);
  });
});

describe('validateHookSchema: the reserved-namespace [choice]', () => {
  it.each([
    ['AWS::S3::Hook', true],
    ['aws::S3::Hook', true],
    ['Aws::S3::Hook', true],
    ['AWSQuickStart::S3::Hook', true],
    ['Dev::S3::Hook', true],
    ['ALEXA::Skills::Hook', true],
    ['AWSSamples::S3::Hook', false],
    ['AwsCommunity::S3::Hook', false],
    ['MyAWS::S3::Hook', false],
    ['Developer::S3::Hook', false],
  ])('%s reserved: %s', (typeName, reserved) => {
    const schema = baseSchema();
    schema.typeName = typeName;
    const rules = validateHookSchema(JSON.stringify(schema), 't.json').diagnostics.map((d) => d.rule);
    expect(rules.includes('HS201')).toBe(reserved);
  });
});

describe('validateHookSchema: what cfn accepts that the docs do not', () => {
  it.each([
    ['STACK target', (s: ReturnType<typeof baseSchema>) => (s.handlers.preCreate = { targetNames: ['STACK', 'CHANGE_SET'], permissions: [] })],
    ['wildcard targets', (s: ReturnType<typeof baseSchema>) => (s.handlers.preCreate = { targetNames: ['AWS::S3::*', 'AWS::*::Buck?t', 'AWS::*::*'], permissions: [] })],
    ['a $ref to definitions', (s: ReturnType<typeof baseSchema>) => {
      s.definitions = { Limit: { type: 'object', properties: { Max: { type: 'string' } }, additionalProperties: false } };
      s.typeConfiguration.properties.limit = { $ref: '#/definitions/Limit' };
    }],
    ['an escaped $ at the end of an anchored pattern is not an anchor', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.properties.minBuckets.pattern = '^[0-9]+$')],
    ['a required property that is declared', (s: ReturnType<typeof baseSchema>) => (s.typeConfiguration.required = ['minBuckets'])],
    ['an empty top-level required (the docs\' sample has one)', (s: ReturnType<typeof baseSchema>) => (s.required = [])],
    ['type HOOK', (s: ReturnType<typeof baseSchema>) => (s.type = 'HOOK')],
  ])('%s: no diagnostic', (_title, mutate) => {
    const schema = baseSchema();
    mutate(schema);
    expect(validateHookSchema(JSON.stringify(schema, null, 2), 'ok.json').diagnostics).toEqual([]);
  });

  it('flags an escaped dollar as unanchored', () => {
    const schema = baseSchema();
    schema.typeConfiguration.properties.minBuckets.pattern = '^[0-9]+\\$';
    schema.typeConfiguration.properties.minBuckets.default = '1$';
    const rules = validateHookSchema(JSON.stringify(schema), 'e.json').diagnostics.map((d) => d.rule);
    expect(rules).toEqual(['HS302']);
  });
});

describe('validateHookSchema: the typeName length bounds of HS202 are inclusive', () => {
  // HS103 allows 2–64 letters or digits per part, so 196 (three parts of 64) is also the longest name it lets through.
  it.each([
    ['10 characters', 'Ab::Cd::Ef'],
    ['196 characters', ['A', 'B', 'C'].map((c) => c.repeat(64)).join('::')],
  ])('%s: no diagnostic', (_title, typeName) => {
    const schema = baseSchema();
    schema.typeName = typeName;
    expect(validateHookSchema(JSON.stringify(schema, null, 2), 'ok.json').diagnostics).toEqual([]);
  });
});

describe('validateHookSchema: documents that are not schemas', () => {
  it.each([
    ['trailing comma', '{\n  "typeName": "A::B::C",\n}', 'HS001', 3, 1],
    ['unterminated', '{"typeName": "A::B', 'HS001', 1, 19],
    ['empty file', '', 'HS001', 1, 1],
    ['a bare word', '{\n  "typeName": nope\n}', 'HS001', 2, 15],
    ['an array', '[1, 2]', 'HS003', 1, 1],
    ['a string', '"hook"', 'HS003', 1, 1],
  ])('%s: %s at %d:%d', (_title, text, rule, line, column) => {
    const report = validateHookSchema(text, 'bad.json');
    expect(report.valid).toBe(false);
    expect(report.cfnAccepts).toBe(false);
    expect(report.diagnostics).toEqual([expect.objectContaining({ rule, line, column, severity: 'error', cfn: true, file: 'bad.json' })]);
  });

  it('reports a duplicate key with its position and goes on validating the last value (what cfn sees)', () => {
    const text = '{\n  "typeName": "MyCompany::Testing::MyTestHook",\n  "typeName": "AWS::Testing::MyTestHook"\n}';
    const report = validateHookSchema(text, 'dup.json');
    const rules = report.diagnostics.map((d) => [d.rule, d.line, d.column, d.cfn]);
    expect(rules).toContainEqual(['HS002', 3, 3, false]);
    // The value judged is the last one (AWS::…); src/source's locator places it at the first key's line.
    expect(report.diagnostics.find((d) => d.rule === 'HS201')?.message).toContain("'AWS'");
    expect(rules).toContainEqual(['HS101', 1, 1, true]);
  });

  it('reads past a byte-order mark, but says cfn refuses it (HS005) and nothing else', () => {
    const report = validateHookSchema(`\ufeff${JSON.stringify(baseSchema())}`, 'bom.json');
    expect(report.diagnostics.map((d) => [d.rule, d.line, d.column, d.cfn])).toEqual([['HS005', 1, 1, true]]);
    expect(report.cfnAccepts).toBe(false);
  });

  it('sorts diagnostics by position', () => {
    const schema = baseSchema();
    schema.typeName = 'AWS::X::Y';
    schema.extra = 1;
    Reflect.deleteProperty(schema, 'documentationUrl');
    const lines = validateHookSchema(JSON.stringify(schema, null, 2), 's.json').diagnostics.map((d) => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });
});

describe('HS302 on patterns with alternatives', () => {
  const hs302 = (pattern: string): string[] => {
    const schema = baseSchema();
    schema.typeConfiguration.properties.names = { type: 'string', pattern };
    return validateHookSchema(JSON.stringify(schema, null, 2), 'alt.json')
      .diagnostics.filter((d) => d.rule === 'HS302')
      .map((d) => d.message);
  };

  it.each<[string, RegExp | undefined]>([
    // The cfn101 workshop's bucket-list pattern: every alternative is anchored at both ends, so it is whole-value.
    ['^([a-z0-9][a-z0-9.-]*[a-z0-9]){0,1}$|^([a-z0-9][a-z0-9.-]*[a-z0-9])(,[a-z0-9][a-z0-9.-]*[a-z0-9])*$', undefined],
    ['^a$|^b$|^c$', undefined],
    ['^a|b$', /anchors only its first and last alternatives/],
    ['^a$|b$', /anchors only its first and last alternatives/],
    ['^a$|^b', /anchors only its first and last alternatives|not anchored/],
    ['a|b', /not anchored/],
    ['^(a|b)$', undefined],
    ['^a\\$|^b$', /anchors only its first and last alternatives/],
  ])('%s', (pattern, expected) => {
    const messages = hs302(pattern);
    if (expected === undefined) expect(messages).toEqual([]);
    else expect(messages).toEqual([expect.stringMatching(expected)]);
  });
});
