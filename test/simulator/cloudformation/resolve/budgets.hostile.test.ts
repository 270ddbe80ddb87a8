/*
 * Issue 10, resolution: the string budget, quotas after Fn::ForEach, NoEcho masking in every form, messages in the
 * CLI's words, capped lists. Each case asserts a located refusal (never V8's "Invalid string length") or a right
 * answer, and no form of a secret in anything shown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../../src/kernel/cli';
import { listForMessage } from '../../../../src/kernel/diagnostics';
import { main } from '../../../../simulator/cli';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { SecretMask } from '../../../../simulator/cloudformation/resolve/secret-mask';
import { readTemplate, TemplateError, type ResolveOptions } from '../../../../simulator/cloudformation/template';
import { stackOptions } from './template-source';

function resolveText(text: string, options: Partial<ResolveOptions> = {}, read: Parameters<typeof readTemplate>[2] = {}) {
  return resolveTemplate(readTemplate(text.trimStart().startsWith('{') ? 't.json' : 't.yaml', text, read), stackOptions(options));
}

function refusal(text: string, options: Partial<ResolveOptions> = {}, read: Parameters<typeof readTemplate>[2] = {}) {
  try {
    resolveText(text, options, read);
  } catch (error) {
    if (error instanceof TemplateError) return error.diagnostics;
    throw error;
  }
  throw new Error('the template resolved, but it should have been refused');
}

const MEGABYTE = 'x'.repeat(1_000_000);
const refs = (count: number) => Array.from({ length: count }, () => ({ Ref: 'P' }));
const queueWith = (queueName: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Transform: 'AWS::LanguageExtensions', Parameters: { P: { Type: 'String' } }, Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: queueName } } }, ...extra }, null, 1);

describe('one string budget for every function that builds a string', () => {
  it.each<[string, unknown, string, string]>([
    ['Fn::Join of 600 copies of a 1 MB parameter', { 'Fn::Join': ['', refs(600)] }, 'Fn::Join', '/Resources/Q/Properties/QueueName/Fn::Join'],
    ['Fn::Join with a 1 MB delimiter', { 'Fn::Join': [{ Ref: 'P' }, Array.from({ length: 600 }, () => 'a')] }, 'Fn::Join', '/Resources/Q/Properties/QueueName/Fn::Join'],
    ['Fn::Sub repeating a 1 MB variable', { 'Fn::Sub': '${P}'.repeat(600) }, 'Fn::Sub', '/Resources/Q/Properties/QueueName/Fn::Sub'],
    ['Fn::Sub with a variable map', { 'Fn::Sub': ['${A}'.repeat(600), { A: { Ref: 'P' } }] }, 'Fn::Sub', '/Resources/Q/Properties/QueueName/Fn::Sub'],
    ['Fn::ToJsonString of 600 copies', { 'Fn::ToJsonString': refs(600) }, 'Fn::ToJsonString', '/Resources/Q/Properties/QueueName/Fn::ToJsonString'],
    ['Fn::Base64 of a 1 MB string', { 'Fn::Base64': { Ref: 'P' } }, 'Fn::Base64', '/Resources/Q/Properties/QueueName/Fn::Base64'],
  ])('%s is RES_TOO_LARGE, located, not a crash', (_name, expression, fn, path) => {
    const [diagnostic] = refusal(queueWith(expression), { parameters: { P: MEGABYTE } });
    expect(diagnostic).toMatchObject({ code: 'RES_TOO_LARGE', path });
    expect(diagnostic!.message).toMatch(new RegExp(`^${fn.replace(/:/g, ':')} builds a string of (at least )?\\d+ characters, more than 1048576$`));
    expect(diagnostic!.line).toBeGreaterThan(0);
  });

  it('Fn::ForEach substituting a long item into a long fragment is RES_TOO_LARGE at the loop', () => {
    const text = JSON.stringify({
      Transform: 'AWS::LanguageExtensions',
      Parameters: { P: { Type: 'CommaDelimitedList' } },
      Resources: { 'Fn::ForEach::L': ['X', { Ref: 'P' }, { 'Q${X}': { Type: 'AWS::SQS::Queue', Properties: { QueueName: '${X}'.repeat(100_000) } } }] },
    });
    const [diagnostic] = refusal(text, { parameters: { P: 'a'.repeat(10_000) } });
    expect(diagnostic).toMatchObject({ code: 'RES_TOO_LARGE', path: '/Resources/Fn::ForEach::L' });
  });

  it('{{resolve:ssm:…}} repeated over a long value is RES_TOO_LARGE', () => {
    const [diagnostic] = refusal(queueWith('{{resolve:ssm:big}}'.repeat(50)), { ssmParameters: { big: 'y'.repeat(100_000) }, parameters: { P: 'x' } });
    expect(diagnostic).toMatchObject({ code: 'RES_TOO_LARGE', path: '/Resources/Q/Properties/QueueName' });
  });

  it('builds a string right at the budget', () => {
    const resolved = resolveText(queueWith({ 'Fn::Join': ['', [{ Ref: 'P' }, 'y'.repeat(48_576)]] }), { parameters: { P: MEGABYTE } });
    expect((resolved.resources[0]!.properties['QueueName'] as string).length).toBe(1_048_576);
  });
});

describe('template quotas apply after Fn::ForEach expansion', () => {
  const looped = (count: number, section: 'Resources' | 'Outputs') => {
    const names = Array.from({ length: count }, (_, i) => `N${i}`);
    const loop = section === 'Resources' ? { 'Q${X}': { Type: 'AWS::SQS::Queue' } } : { 'O${X}': { Value: { Ref: 'AWS::Region' } } };
    return JSON.stringify({
      Transform: 'AWS::LanguageExtensions',
      Resources: section === 'Resources' ? { 'Fn::ForEach::L': ['X', names, loop] } : { Q: { Type: 'AWS::SQS::Queue' }, 'Fn::ForEach::Loop': ['X', ['A'], { 'R${X}': { Type: 'AWS::SQS::Queue' } }] },
      ...(section === 'Outputs' ? { Outputs: { 'Fn::ForEach::L': ['X', names, loop] } } : {}),
    });
  };

  it.each<[string, 'Resources' | 'Outputs', number, string]>([
    ['501 looped resources', 'Resources', 501, 'Template format error: Number of resources, 501, is greater than maximum allowed, 500 (after Fn::ForEach expansion)'],
    ['201 looped outputs', 'Outputs', 201, 'Template format error: Number of outputs, 201, is greater than maximum allowed, 200 (after Fn::ForEach expansion)'],
  ])('%s are refused with the service text', (_name, section, count, message) => {
    const diagnostics = refusal(looped(count, section));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'RES_LIMIT_EXCEEDED', path: `/${section}`, message })]);
    expect(diagnostics[0]!.line).toBeGreaterThan(0);
  });

  it.each<[string, 'Resources' | 'Outputs', number]>([
    ['500 looped resources', 'Resources', 500],
    ['200 looped outputs', 'Outputs', 200],
  ])('%s resolve', (_name, section, count) => {
    const resolved = resolveText(looped(count, section));
    expect(section === 'Resources' ? resolved.resources.length : Object.keys(resolved.outputs).length).toBe(count);
  });

  it('lifts the quota with the read: --no-limits resolves 501 looped resources', () => {
    expect(resolveText(looped(501, 'Resources'), {}, { limits: false }).resources).toHaveLength(501);
  });
});

describe('NoEcho values are masked in every form, in everything shown', () => {
  const SECRET = 'Hunter2"Pa\\ss';
  const noEcho = (value: unknown, outputs: Record<string, unknown> = {}) =>
    JSON.stringify({ Parameters: { P: { Type: 'String', NoEcho: true } }, Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: value } } }, Outputs: outputs });
  const forms = (secret: string) => [secret, JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret)).slice(1, -1), encodeURIComponent(secret), secret.replace(/'/g, "''")];

  it.each<[string, unknown]>([
    ['Fn::Select', { 'Fn::Select': [{ Ref: 'P' }, ['a']] }],
    ['Fn::Cidr', { 'Fn::Cidr': [{ Ref: 'P' }, 1, 8] }],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['M', { Ref: 'P' }, 'k'] }],
    ['Fn::ImportValue', { 'Fn::ImportValue': { Ref: 'P' } }],
    ['Fn::GetAZs', { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::Join': ['', [{ Ref: 'P' }, { 'Fn::GetAtt': ['Q', 'Nope'] }]] }] }] }],
  ])('in a %s error message: no form of the secret survives', (_name, expression) => {
    // Strict: a missing export is refused, not given a placeholder.
    const diagnostics = refusal(noEcho(expression), { parameters: { P: SECRET }, strictParameters: true });
    const shown = JSON.stringify(diagnostics);
    for (const form of forms(SECRET)) expect(shown).not.toContain(form);
  });

  it('in a warning: an Fn::ImportValue of the secret given a placeholder names no form of it', () => {
    const resolved = resolveText(noEcho({ 'Fn::ImportValue': { Ref: 'P' } }), { parameters: { P: SECRET } });
    expect(resolved.warnings.map((w) => w.code)).toContain('RES_IMPORT_VALUE_PLACEHOLDER');
    const shown = JSON.stringify(resolved.warnings);
    for (const form of forms(SECRET)) expect(shown).not.toContain(form);
  });

  it('in outputs, including a JSON document built from the secret', () => {
    const resolved = resolveText(
      JSON.stringify({
        Transform: 'AWS::LanguageExtensions',
        Parameters: { P: { Type: 'String', NoEcho: true } },
        Resources: { Q: { Type: 'AWS::SQS::Queue' } },
        Outputs: { Raw: { Value: { Ref: 'P' } }, Doc: { Value: { 'Fn::ToJsonString': { password: { Ref: 'P' } } } }, Url: { Value: { 'Fn::Sub': 'https://x/?p=${P}' } } },
      }),
      { parameters: { P: SECRET } },
    );
    const shown = JSON.stringify(resolved.outputs);
    for (const form of forms(SECRET)) expect(shown).not.toContain(form);
    expect(resolved.outputs['Raw']).toBe('****');
    expect(resolved.resources[0]!.properties).toEqual({});
  });

  it.each([
    ['raw', SECRET],
    ['JSON-escaped', JSON.stringify(SECRET)],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(SECRET))],
    ['URL-encoded', `arn:aws:x:::${encodeURIComponent(SECRET)}`],
    ['YAML single-quoted', `'it''s ${SECRET.replace(/'/g, "''")}'`],
  ])('SecretMask masks the %s form inside text', (_form, text) => {
    const masked = new SecretMask([SECRET]).text(`before ${text} after`);
    expect(masked).toContain('****');
    for (const form of forms(SECRET)) expect(masked).not.toContain(form);
  });

  it('masks a short secret only where it stands alone', () => {
    const mask = new SecretMask(['ab']);
    expect(mask.text('ab')).toBe('****');
    expect(mask.text('got "ab"')).toBe('got ****');
    expect(mask.text('a label about tabs')).toBe('a label about tabs');
  });

  it('never serialises the secrets it holds', () => {
    expect(JSON.stringify({ secrets: new SecretMask([SECRET]) })).not.toContain('Hunter');
  });

  it('simulate prints no form of the secret in its JSON or text view, even where the hook quotes the value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noecho-'));
    try {
      writeFileSync(
        join(dir, 't.yaml'),
        'Parameters:\n  P: {Type: String, NoEcho: true}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref P\n      KmsMasterKeyId: !Sub "alias/${P}"\n',
      );
      for (const format of ['json', 'text']) {
        const io = memoryIo(dir);
        const code = await main(['t.yaml', '--parameter', `P=${SECRET}`, '--format', format], io);
        const shown = io.out.join('') + io.err.join('');
        expect(code).toBeLessThan(3);
        for (const form of forms(SECRET)) expect(shown).not.toContain(form);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('messages speak the CLI and cap their lists', () => {
  it('an unknown Fn::ImportValue among 100,000 exports names 20 and counts the rest, on one short line', () => {
    const exports = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`Export${String(i).padStart(6, '0')}`, 'v']));
    const [diagnostic] = refusal(queueWith({ 'Fn::ImportValue': 'Missing' }), { exports, parameters: { P: 'x' }, strictParameters: true });
    expect(diagnostic).toMatchObject({ code: 'RES_IMPORT_VALUE' });
    expect(diagnostic!.message).toContain('Give it in the --exports file');
    expect(diagnostic!.message).toContain('Export000019 … and 99,980 more');
    expect(diagnostic!.message.length).toBeLessThan(600);
  });

  it('an SSM parameter not given names --ssm-parameter', () => {
    const [diagnostic] = refusal(queueWith('{{resolve:ssm:nope}}'), { parameters: { P: 'x' }, strictParameters: true });
    expect(diagnostic!.message).toContain('--ssm-parameter nope=<value>');
    expect(diagnostic!.message).not.toContain('ssmParameters');
  });

  it('an unknown Fn::Sub variable among 100,000 map keys is one short line', () => {
    const variables = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`V${i}`, 'v']));
    const [diagnostic] = refusal(queueWith({ 'Fn::Sub': ['${Nope}', variables] }), { parameters: { P: 'x' } }, { limits: false });
    expect(diagnostic).toMatchObject({ code: 'RES_SUB_VARIABLE' });
    expect(diagnostic!.message).toContain('… and 99,980 more');
  });

  it.each<[string[], string]>([
    [[], ''],
    [['a'], 'a'],
    [Array.from({ length: 20 }, (_, i) => `n${i}`), Array.from({ length: 20 }, (_, i) => `n${i}`).join(', ')],
    [Array.from({ length: 100_000 }, (_, i) => `n${i}`), `${Array.from({ length: 20 }, (_, i) => `n${i}`).join(', ')} … and 99,980 more`],
  ])('listForMessage(%#)', (items, expected) => {
    expect(listForMessage(items)).toBe(expected);
  });
});
