/*
 * Hostile templates for resolution, table-driven: deep nesting in every intrinsic, extreme arguments, cycles,
 * unicode and invisible characters, very many variables, items and iterations. Every case ends in a located
 * refusal with the right code, or the right answer; none in a crash (exit 3) or a hang.
 */
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { readTemplate, TemplateError, type ResolvedTemplate, type ResolveOptions } from '../../../../simulator/cloudformation/template';
import { stackOptions } from './template-source';

type Outcome = { resolved: ResolvedTemplate } | { code: string; path: string; line: number; message: string; count: number };

function outcome(template: unknown, options: Partial<ResolveOptions> = {}): Outcome {
  try {
    return { resolved: resolveTemplate(readTemplate('t.json', JSON.stringify(template, null, 1), { limits: false }), stackOptions(options)) };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const first = error.diagnostics[0]!;
    return { code: first.code, path: first.path, line: first.line, message: first.message, count: error.diagnostics.length };
  }
}

function refused(result: Outcome, code: string): Extract<Outcome, { code: string }> {
  if ('resolved' in result) throw new Error(`resolved, but ${code} was expected`);
  expect(result.code).toBe(code);
  expect(result.line).toBeGreaterThan(0);
  return result;
}

function resolved(result: Outcome): ResolvedTemplate {
  if (!('resolved' in result)) throw new Error(`refused with ${result.code}: ${result.message}`);
  return result.resolved;
}

/** A queue whose QueueName is `value`, with the LanguageExtensions transform and a few parameters and mappings. */
function queue(value: unknown, extra: Record<string, unknown> = {}) {
  return {
    Transform: 'AWS::LanguageExtensions',
    Parameters: { P: { Type: 'String', Default: 'p' }, L: { Type: 'CommaDelimitedList', Default: 'a,b,c' } },
    Mappings: { M: { K: { V: 'mapped' } } },
    Conditions: { Yes: { 'Fn::Equals': [1, 1] } },
    Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: value } } },
    ...extra,
  };
}

const nameOf = (result: Outcome) => resolved(result).resources.find((r) => r.logicalId === 'Q')!.properties['QueueName'];

/** `levels` of `wrap` around `core` (150 levels: past the evaluator's 128, within the reader's 200). */
function nest(levels: number, core: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = core;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

describe('deep nesting in every intrinsic is RES_TOO_DEEP, located', () => {
  it.each<[string, (inner: unknown) => unknown]>([
    ['Fn::Base64', (x) => ({ 'Fn::Base64': x })],
    ['Fn::Join', (x) => ({ 'Fn::Join': ['', [x]] })],
    ['Fn::Select', (x) => ({ 'Fn::Select': [0, [x]] })],
    ['Fn::Sub with a variable map', (x) => ({ 'Fn::Sub': ['${V}', { V: x }] })],
    ['Fn::If', (x) => ({ 'Fn::If': ['Yes', x, 'no'] })],
    ['Fn::FindInMap with a default', (x) => ({ 'Fn::FindInMap': ['Nope', 'K', 'V', { DefaultValue: x }] })],
    ['Fn::ToJsonString', (x) => ({ 'Fn::ToJsonString': [x] })],
    ['Fn::Split', (x) => ({ 'Fn::Select': [0, { 'Fn::Split': [',', x] }] })],
    ['Fn::GetAZs', (x) => ({ 'Fn::Select': [0, { 'Fn::GetAZs': x }] })],
    ['Fn::ImportValue', (x) => ({ 'Fn::ImportValue': x })],
    ['Fn::Length', (x) => ({ 'Fn::Join': ['', [{ 'Fn::Length': [x] }]] })],
    ['plain lists', (x) => [x]],
  ])('%s, 150 and 250 levels', (_name, wrap) => {
    // Whichever bound meets it first (the reader's 200 levels of data, the evaluator's 128 of evaluation), the
    // refusal is a located depth error.
    for (const levels of [150, 250]) {
      const result = outcome(queue(nest(levels, 'x', wrap)));
      if ('resolved' in result) throw new Error(`resolved ${levels} levels`);
      expect(result.code).toMatch(/^(RES|TPL)_TOO_DEEP$/);
      expect(result.line).toBeGreaterThan(0);
    }
  });

  it.each<[string, (inner: unknown) => unknown]>([
    ['Fn::Not', (x) => ({ 'Fn::Not': [x] })],
    ['Fn::And', (x) => ({ 'Fn::And': [x, { 'Fn::Equals': [1, 1] }] })],
    ['Fn::Or', (x) => ({ 'Fn::Or': [x, { 'Fn::Equals': [1, 2] }] })],
  ])('condition function %s, 150 levels', (_name, wrap) => {
    const result = outcome({ Conditions: { Deep: nest(150, { 'Fn::Equals': [1, 1] }, wrap) }, Resources: { Q: { Type: 'AWS::SQS::Queue', Condition: 'Deep' } } });
    if ('resolved' in result) throw new Error('resolved');
    expect(result.code).toMatch(/^(RES|TPL)_TOO_DEEP$/);
    expect(result.path).toMatch(/^\/Conditions\/Deep/);
  });

  it('a 10,000-deep Fn::If chain stops at the reader (TPL_TOO_DEEP), never a stack overflow', () => {
    const text = `{"Conditions": {"Yes": {"Fn::Equals": [1, 1]}}, "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": ${'{"Fn::If": ["Yes", '.repeat(10_000)}"x"${', "y"]}'.repeat(10_000)}}}}}`;
    let code = '';
    try {
      readTemplate('t.json', text, { limits: false });
    } catch (error) {
      code = (error as TemplateError).diagnostics[0]!.code;
    }
    expect(code).toBe('TPL_TOO_DEEP');
  });

  it('a chain of 10,000 conditions, each naming the next, is RES_TOO_DEEP (it overflowed the stack before)', () => {
    const conditions: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) conditions[`C${i}`] = i === 9_999 ? { 'Fn::Equals': [1, 1] } : { 'Fn::Not': [{ Condition: `C${i + 1}` }] };
    refused(outcome({ Conditions: conditions, Resources: { Q: { Type: 'AWS::SQS::Queue', Condition: 'C0' } } }), 'RES_TOO_DEEP');
  });

  it('a chain of 100 conditions resolves (Fn::Not 99 times over true)', () => {
    const conditions: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) conditions[`C${i}`] = i === 99 ? { 'Fn::Equals': [1, 1] } : { 'Fn::Not': [{ Condition: `C${i + 1}` }] };
    expect(resolved(outcome({ Conditions: conditions, Resources: { Q: { Type: 'AWS::SQS::Queue', Condition: 'C0' } } })).conditions['C0']).toBe(false);
  });
});

describe('extreme arguments', () => {
  it.each<[string, unknown, string]>([
    ['a 23-digit index', '99999999999999999999999', 'RES_SELECT_INDEX'],
    ['a negative index', '-1', 'RES_SELECT_INDEX'],
    ['an index past the list', 3, 'RES_SELECT_INDEX'],
    ['an exponent', '1e3', 'RES_FUNCTION_ARGUMENTS'],
    ['a fraction', 1.5, 'RES_FUNCTION_ARGUMENTS'],
    ['a list', [0], 'RES_FUNCTION_ARGUMENTS'],
  ])('Fn::Select with %s', (_name, index, code) => {
    refused(outcome(queue({ 'Fn::Select': [index, ['a', 'b', 'c']] })), code);
  });

  it('Fn::Select with a zero-padded index picks by number', () => {
    expect(nameOf(outcome(queue({ 'Fn::Select': ['0002', ['a', 'b', 'c']] })))).toBe('c');
  });

  it.each<[string, unknown[], string | number]>([
    ['the largest count', ['10.0.0.0/16', 256, 8], 256],
    ['IPv6 with 128 host bits', ['::/0', 1, 128], 1],
    ['count 0', ['10.0.0.0/16', 0, 8], 'RES_CIDR'],
    ['count 257', ['10.0.0.0/8', 257, 8], 'RES_CIDR'],
    ['cidrBits 0', ['10.0.0.0/16', 1, 0], 'RES_CIDR'],
    ['cidrBits 33 on IPv4', ['10.0.0.0/16', 1, 33], 'RES_CIDR'],
    ['more subnets than the block holds', ['10.0.0.0/30', 4, 1], 'RES_CIDR'],
    ['a prefix past 32', ['10.0.0.0/33', 1, 8], 'RES_CIDR'],
    ['a 1,000-digit count', ['10.0.0.0/16', '9'.repeat(1_000), 8], 'RES_CIDR'],
    ['an address of 100,000 characters', [`${'1'.repeat(100_000)}/8`, 1, 8], 'RES_CIDR'],
  ])('Fn::Cidr with %s', (_name, args, expected) => {
    const result = outcome(queue({ 'Fn::Join': [',', { 'Fn::Cidr': args }] }));
    if (typeof expected === 'number') expect((nameOf(result) as string).split(',')).toHaveLength(expected);
    else refused(result, expected);
  });

  it('Fn::Split of a 1 MB string into 500,000 items, then the last selected', () => {
    expect(nameOf(outcome(queue({ 'Fn::Select': [499_999, { 'Fn::Split': [',', 'a,'.repeat(499_999) + 'last'] }] })))).toBe('last');
  });

  it('Fn::Split with a delimiter longer than the string gives the string', () => {
    expect(nameOf(outcome(queue({ 'Fn::Join': ['|', { 'Fn::Split': ['x'.repeat(10_000), 'short'] }] })))).toBe('short');
  });

  it('Fn::Length of a 500,000-item split', () => {
    expect(nameOf(outcome(queue({ 'Fn::Join': ['', [{ 'Fn::Length': { 'Fn::Split': [',', 'a,'.repeat(499_999) + 'a'] } }]] })))).toBe('500000');
  });

  it('Fn::Sub with 100,000 variables in its string', () => {
    expect(nameOf(outcome(queue({ 'Fn::Sub': '${AWS::Region}'.repeat(100_000) })))).toBe('us-east-1'.repeat(100_000));
  });

  it('Fn::Sub with a 100,000-entry variable map, every entry used', () => {
    const variables = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`V${i}`, 'v']));
    const text = Object.keys(variables).map((k) => `\${${k}}`).join('');
    expect(nameOf(outcome(queue({ 'Fn::Sub': [text, variables] })))).toBe('v'.repeat(100_000));
  });

  it('Fn::Join of 100,000 items', () => {
    expect(nameOf(outcome(queue({ 'Fn::Join': ['', Array.from({ length: 100_000 }, () => 'ab')] })))).toBe('ab'.repeat(100_000));
  });

  it('Fn::GetAZs of a region of 10,000 characters answers that region', () => {
    expect(nameOf(outcome(queue({ 'Fn::Select': [0, { 'Fn::GetAZs': 'r'.repeat(10_000) }] })))).toBe(`${'r'.repeat(10_000)}a`);
  });
});

describe('cycles and recursion', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a condition naming itself', { A: { Condition: 'A' } }],
    ['two conditions naming each other', { A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } }],
    ['a cycle of 50', Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`C${i}`, { 'Fn::Not': [{ Condition: `C${(i + 1) % 50}` }] }]))],
  ])('%s is RES_CONDITION_CYCLE', (_name, conditions) => {
    const first = Object.keys(conditions)[0]!;
    refused(outcome({ Conditions: conditions, Resources: { Q: { Type: 'AWS::SQS::Queue', Condition: first } } }), 'RES_CONDITION_CYCLE');
  });

  it('a DependsOn cycle through 10,000 resources names 20 of them and counts the rest', () => {
    const resources = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`R${i}`, { Type: 'AWS::SQS::Queue', DependsOn: `R${(i + 1) % 10_000}` }]));
    const result = refused(outcome({ Resources: resources }), 'RES_DEPENDENCY_CYCLE');
    expect(result.message).toMatch(/^Circular dependency between resources: \[R0, R1, .* … and 9,98\d more\]$/);
  });

  it('a mapping whose value is itself a Fn::FindInMap is data, not a recursion', () => {
    const template = queue({ 'Fn::ToJsonString': { 'Fn::FindInMap': ['M', 'K', 'Self'] } }, { Mappings: { M: { K: { Self: ['x', { 'Fn::FindInMap': ['M', 'K', 'Self'] }] } } } });
    expect(nameOf(outcome(template))).toBe('["x",{"Fn::FindInMap":["M","K","Self"]}]');
  });

  it('Fn::FindInMap keys computed by Fn::FindInMap of the same map', () => {
    const template = queue({ 'Fn::FindInMap': ['M', { 'Fn::FindInMap': ['M', 'Start', 'Next'] }, 'V'] }, { Mappings: { M: { Start: { Next: 'K' }, K: { V: 'found' } } } });
    expect(nameOf(outcome(template))).toBe('found');
  });
});

describe('unicode, surrogates and invisible characters', () => {
  it.each<[string, string]>([
    ['a zero-width space', 'Queue\u200b'],
    ['a zero-width joiner', 'Que\u200due'],
    ['a byte-order mark', '\ufeffQueue'],
    ['an accented letter', 'Queué'],
    ['a fullwidth letter', 'Ｑueue'],
    ['an emoji', 'Queue😀'],
  ])('a logical id with %s is "non alphanumeric", located', (_name, id) => {
    const result = refused(outcome({ Resources: { [id]: { Type: 'AWS::SQS::Queue' } } }), 'RES_TEMPLATE_FORMAT');
    expect(result.message).toContain('is non alphanumeric');
  });

  it('a Ref to a name with a zero-width space does not find the plain name', () => {
    refused(outcome({ Resources: { Queue: { Type: 'AWS::SQS::Queue' }, Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Queue\u200b' } } } } }), 'RES_UNRESOLVED_REFERENCE');
  });

  it.each<[string, string]>([
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a reversed pair', 'a\udc00\ud800b'],
  ])('%s survives Fn::Sub, Fn::Join and Fn::ToJsonString', (_name, text) => {
    const result = outcome(queue({ 'Fn::Join': ['|', [{ 'Fn::Sub': text }, { 'Fn::ToJsonString': [text] }]] }));
    expect(nameOf(result)).toBe(`${text}|${JSON.stringify([text])}`);
  });

  it('Fn::Base64 of a lone surrogate encodes the replacement character, as UTF-8 does', () => {
    expect(nameOf(outcome(queue({ 'Fn::Base64': 'a\ud800' })))).toBe(Buffer.from('a\ufffd', 'utf8').toString('base64'));
  });

  it('unicode mapping keys are found exactly, and not by a look-alike', () => {
    const template = queue({ 'Fn::FindInMap': ['M', 'Kéy', 'Välue'] }, { Mappings: { M: { Kéy: { Välue: 'ok' }, Key: { Value: 'wrong' } } } });
    expect(nameOf(outcome(template))).toBe('ok');
    refused(outcome(queue({ 'Fn::FindInMap': ['M', 'Ke\u0301y', 'Välue'] }, { Mappings: { M: { Kéy: { Välue: 'ok' } } } })), 'RES_MAPPING_KEY');
  });
});

describe('Fn::ForEach at scale', () => {
  it('100,000 iterations are over the 500-resource quota (RES_LIMIT_EXCEEDED)', () => {
    const template = { Transform: 'AWS::LanguageExtensions', Resources: { 'Fn::ForEach::L': ['X', Array.from({ length: 100_000 }, (_, i) => `a${i}`), { 'Q${X}': { Type: 'AWS::SQS::Queue' } }] } };
    try {
      resolveTemplate(readTemplate('t.json', JSON.stringify(template)), stackOptions());
      throw new Error('resolved');
    } catch (error) {
      expect((error as TemplateError).diagnostics?.[0]?.code).toMatch(/^(RES_LIMIT_EXCEEDED|TPL_TOO_LARGE)$/);
    }
  });

  it('a loop over a 10,000-item list parameter with &{X} keys strips non-alphanumerics', () => {
    const template = {
      Transform: 'AWS::LanguageExtensions',
      Parameters: { L: { Type: 'CommaDelimitedList' } },
      Resources: { 'Fn::ForEach::L': ['X', { Ref: 'L' }, { 'Q&{X}': { Type: 'AWS::SQS::Queue', Properties: { QueueName: '${X}' } } }] },
    };
    const items = Array.from({ length: 400 }, (_, i) => `a-${i}.b`);
    const result = resolved(outcome(template, { parameters: { L: items.join(',') } }));
    expect(result.resources).toHaveLength(400);
    expect(result.resources.find((r) => r.logicalId === 'Qa7b')?.properties['QueueName']).toBe('a-7.b');
  });

  it('two iterations producing the same key are RES_FOREACH', () => {
    const template = { Transform: 'AWS::LanguageExtensions', Resources: { 'Fn::ForEach::L': ['X', ['a-b', 'ab'], { 'Q&{X}': { Type: 'AWS::SQS::Queue' } }] } };
    refused(outcome(template), 'RES_FOREACH');
  });
});
