/*
 * Hostile template text, table-driven: invisible and unusual characters, line endings, many keys, many tags,
 * transforms in every form. Each case is read (and its data checked) or refused with a located diagnostic of the
 * right code; never a crash or a hang.
 */
import { readTemplate, TemplateError, type TemplateSource } from '../../../../simulator/cloudformation/template';
import { declaredTransforms, transformEntries } from '../../../../simulator/cloudformation/template/transforms';

type Read = { source: TemplateSource } | { codes: string[]; line: number; column: number; message: string };

function read(text: string, limits: false | undefined = undefined): Read {
  try {
    return { source: readTemplate('t.yaml', text, limits === false ? { limits: false } : {}) };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const first = error.diagnostics[0]!;
    return { codes: error.diagnostics.map((d) => d.code), line: first.line, column: first.column, message: first.message };
  }
}

const QUEUE = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n';

describe('refused with a located diagnostic', () => {
  it.each<[string, string, string]>([
    ['a NUL byte in a plain scalar', `${QUEUE}    Properties: {QueueName: a\u0000b}\n`, 'TPL_YAML_SYNTAX'],
    ['a section name with a zero-width space', `Resources\u200b:\n  Q: {Type: AWS::SQS::Queue}\n`, 'TPL_UNKNOWN_SECTION'],
    ['a section name in the wrong case', `resources:\n  Q: {Type: AWS::SQS::Queue}\n`, 'TPL_UNKNOWN_SECTION'],
    ['a resource attribute with a trailing non-breaking space', `${QUEUE}    Properties\u00a0: {}\n`, 'TPL_UNKNOWN_RESOURCE_ATTRIBUTE'],
    ['a run of 100,000 bangs as a tag', `${QUEUE}    Metadata: ${'!'.repeat(100_000)} x\n`, 'TPL_YAML_SYNTAX'],
    ['a tag of 100,000 characters', `${QUEUE}    Metadata: !${'T'.repeat(100_000)} x\n`, 'TPL_UNKNOWN_TAG'],
    ['an unclosed 100,000-character quoted string', `${QUEUE}    Metadata: "${'x'.repeat(100_000)}\n`, 'TPL_YAML_SYNTAX'],
    ['250 nested flow mappings', `${QUEUE}    Metadata: ${'{a: '.repeat(250)}x${'}'.repeat(250)}\n`, 'TPL_TOO_DEEP'],
    ['100,000 unclosed brackets', `${QUEUE}    Metadata: ${'['.repeat(100_000)}\n`, 'TPL_TOO_DEEP'],
    ['a JSON body of 1,000,000 closing brackets', `{"Resources": {}}${']'.repeat(1_000_000)}`, 'TPL_JSON_SYNTAX'],
    ['10,000 null properties (reported, capped at 50)', `${QUEUE}    Properties:\n${Array.from({ length: 10_000 }, (_, i) => `      P${i}:\n`).join('')}`, 'TPL_NULL_VALUE'],
    ['a merge key', `x: &x {Type: AWS::SQS::Queue}\nResources:\n  Q:\n    <<: *x\n`, 'TPL_MERGE_KEY'],
    ['.inf as a property', `${QUEUE}    Properties: {DelaySeconds: .inf}\n`, 'TPL_NON_FINITE_NUMBER'],
    ['a second document', `${QUEUE}---\n${QUEUE}`, 'TPL_MULTIPLE_DOCUMENTS'],
    ['a tab in indentation', `Resources:\n\tQ: {Type: AWS::SQS::Queue}\n`, 'TPL_TAB_INDENT'],
    ['an alias used before its anchor', `${QUEUE}    Properties: *later\nOutputs: &later {}\n`, 'TPL_YAML_SYNTAX'],
    ['a UTF-16 text (NUL bytes between letters)', Buffer.from(`${QUEUE}`, 'utf16le').toString('latin1'), 'TPL_YAML_SYNTAX'],
  ])('%s', (_name, text, code) => {
    const result = read(text, false);
    if ('source' in result) throw new Error('read, but it should have been refused');
    expect(result.codes[0]).toBe(code);
    expect(result.line).toBeGreaterThan(0);
    expect(result.codes.length).toBeLessThanOrEqual(50);
  });
});

describe('read, with the right data', () => {
  it.each<[string, string, (source: TemplateSource) => unknown, unknown]>([
    ['CRLF line endings', QUEUE.replace(/\n/g, '\r\n'), (s) => Object.keys(s.body['Resources'] as object), ['Q']],
    ['old Mac CR line endings', 'Resources: {Q: {Type: AWS::SQS::Queue}}\r', (s) => Object.keys(s.body['Resources'] as object), ['Q']],
    ['a key of 100,000 characters', `${QUEUE}    Metadata: {${'k'.repeat(100_000)}: v}\n`, (s) => Object.keys(((s.body['Resources'] as Record<string, Record<string, object>>)['Q']!['Metadata']) as object)[0]!.length, 100_000],
    ['1,000 distinct anchors (no alias: CloudFormation refuses aliases)', `${QUEUE}    Metadata:\n${Array.from({ length: 1_000 }, (_, i) => `      a${i}: &a${i} v${i}\n`).join('')}`, (s) => ((s.body['Resources'] as Record<string, Record<string, Record<string, string>>>)['Q']!['Metadata']!)['a999'], 'v999'],
    ['100,000 short forms', `${QUEUE}    Metadata:\n      L: [${Array.from({ length: 100_000 }, () => '!Ref X').join(', ')}]\n`, (s) => ((s.body['Resources'] as Record<string, Record<string, Record<string, unknown[]>>>)['Q']!['Metadata']!)['L']!.length, 100_000],
    ['a lone surrogate escaped in a double-quoted string', `${QUEUE}    Metadata: {S: "a\\ud800b"}\n`, (s) => ((s.body['Resources'] as Record<string, Record<string, Record<string, string>>>)['Q']!['Metadata']!)['S'], 'a\ud800b'],
    ['a line separator inside a quoted string', `${QUEUE}    Metadata: {S: "a\u2028b"}\n`, (s) => ((s.body['Resources'] as Record<string, Record<string, Record<string, string>>>)['Q']!['Metadata']!)['S'], 'a\u2028b'],
    ['zero-width characters inside a value', `${QUEUE}    Properties: {QueueName: "a\u200bb\u200d"}\n`, (s) => ((s.body['Resources'] as Record<string, Record<string, Record<string, string>>>)['Q']!['Properties']!)['QueueName'], 'a\u200bb\u200d'],
    ['emoji keys in a mapping', `Mappings:\n  M:\n    "😀": {"🔑": v}\n${QUEUE}`, (s) => Object.keys((s.body['Mappings'] as Record<string, object>)['M']!), ['😀']],
    ['a Fn::ForEach under Transform: {Name: AWS::LanguageExtensions}', 'Transform: {Name: AWS::LanguageExtensions}\nResources:\n  Fn::ForEach::L:\n    - X\n    - [a, b]\n    - Q${X}: {Type: AWS::SQS::Queue}\n', (s) => Object.keys(s.body['Resources'] as object), ['Fn::ForEach::L']],
    ['SAM Globals under a list of transforms', 'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nGlobals: {Function: {Timeout: 3}}\nResources:\n  F: {Type: AWS::Serverless::Function}\n', (s) => Object.keys(s.body), ['Transform', 'Globals', 'Resources']],
  ])('%s', (_name, text, pick, expected) => {
    const result = read(text, false);
    if (!('source' in result)) throw new Error(`refused: ${result.codes.join(', ')}: ${result.message}`);
    expect(pick(result.source)).toEqual(expected);
  });
});

describe('read last-wins, as the service does, with capped warnings', () => {
  it('10,000 duplicate keys: the last value, at most 50 located TPL_DUPLICATE_KEY warnings', () => {
    const result = read(`${QUEUE}    Metadata:\n${Array.from({ length: 10_000 }, (_, i) => `      k: v${i}\n`).join('')}`, false);
    if (!('source' in result)) throw new Error(`refused: ${result.codes.join(', ')}: ${result.message}`);
    expect((result.source.body['Resources'] as Record<string, Record<string, Record<string, string>>>)['Q']!['Metadata']!['k']).toBe('v9999');
    const warnings = result.source.warnings ?? [];
    expect(warnings.length).toBe(50);
    expect(warnings.every((w) => w.code === 'TPL_DUPLICATE_KEY' && w.severity === 'warning' && w.line > 4)).toBe(true);
  });
});

describe('one reader of Transform', () => {
  it.each<[string, unknown, string[], number]>([
    ['absent', undefined, [], 0],
    ['a name', 'AWS::LanguageExtensions', ['AWS::LanguageExtensions'], 1],
    ['a list', ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'], ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'], 2],
    ['an Include entry', { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } }, ['AWS::Include'], 1],
    ['a list with a malformed entry', ['AWS::LanguageExtensions', 42, { Parameters: {} }], ['AWS::LanguageExtensions'], 3],
  ])('%s', (_name, transform, names, entries) => {
    const body = (transform === undefined ? { Resources: {} } : { Transform: transform, Resources: {} }) as Parameters<typeof declaredTransforms>[0];
    expect(declaredTransforms(body)).toEqual(names);
    expect(transformEntries(body)).toHaveLength(entries);
  });
});
