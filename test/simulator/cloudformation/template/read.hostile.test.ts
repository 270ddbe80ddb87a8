import { CLOUDFORMATION_LIMITS, readTemplate, TemplateError } from '../../../../simulator/cloudformation/template';
import { firstInvalidUtf8 } from '../../../../src/kernel/source';
import { mappingPrototypes } from '../../../support/prototypes';

/** The diagnostics of a template that must be refused. */
function refusal(content: string | Uint8Array, options?: Parameters<typeof readTemplate>[2]) {
  try {
    readTemplate('hostile.yaml', content, options);
  } catch (error) {
    if (error instanceof TemplateError) return error.diagnostics;
    throw error;
  }
  throw new Error('the template was read, but it should have been refused');
}

const RESOURCE = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n';

describe('hostile input', () => {
  it('refuses a billion-laughs alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `${levels.join('\n')}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {Tags: *j}\n`;
    const [diagnostic] = refusal(bomb);
    // CloudFormation refuses any alias; the bomb is refused at its first, before anything is expanded.
    expect(diagnostic).toMatchObject({ code: 'TPL_YAML_ALIAS', file: 'hostile.yaml', line: 2, column: 8 });
  });

  it.each([
    ['JSON', `{"Resources": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 1, 214],
    ['YAML flow', `Resources: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, 1, 211],
  ])('refuses 10,000-deep %s nesting with a located error, no stack overflow', (_kind, text, line, column) => {
    const [diagnostic] = refusal(text);
    expect(diagnostic).toMatchObject({ code: 'TPL_TOO_DEEP', line, column });
  });

  it('refuses deep block nesting built by indentation', () => {
    const lines = ['Resources:'];
    for (let i = 1; i <= 300; i++) lines.push(`${' '.repeat(i)}k${i}:`);
    const [diagnostic] = refusal(lines.join('\n') + ' x\n');
    expect(diagnostic!.code).toBe('TPL_TOO_DEEP');
    expect(diagnostic!.line).toBeGreaterThan(150);
  });

  it('keeps __proto__, constructor and prototype as plain data and never pollutes Object.prototype', () => {
    const text =
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n' +
      "      __proto__: {polluted: 'yes'}\n      constructor: {prototype: {polluted: 'yes'}}\n      prototype: {polluted: 'yes'}\n";
    const json = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { __proto__: { polluted: 'yes' } } } } }).replace(
      '"Properties":{}',
      '"Properties":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    );
    for (const source of [text, json]) {
      const { body } = readTemplate('proto', source);
      const properties = (body['Resources'] as Record<string, Record<string, Record<string, unknown>>>)['Queue']!['Properties']!;
      expect(Object.keys(properties)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
      expect(Object.getPrototypeOf(properties['__proto__'])).toBeNull();
      expect(properties['__proto__']).toEqual({ polluted: 'yes' });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    }
  });

  it.each<[string, string]>([
    ['YAML', 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: [{Key: a, Value: !Sub "${AWS::Region}"}]\n      Policy: {Statement: [{Effect: Allow}]}\n'],
    ['YAML with anchors', 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: &p {Tags: [{Key: a, Value: b}]}\n  B:\n    Type: AWS::SQS::Queue\n    Properties: &q {Tags: [{Key: c, Value: d}]}\n'],
    ['JSON', '{"Resources":{"Queue":{"Type":"AWS::SQS::Queue","Properties":{"Tags":[{"Key":"a","Value":{"Fn::Sub":"x"}}]}}}}'],
  ])('gives every mapping of the %s data, at any depth, no prototype', (_, source) => {
    const { body } = readTemplate('t', source);
    const prototypes = mappingPrototypes(body);
    expect(prototypes.length).toBeGreaterThan(4);
    expect(prototypes.every((p) => p === null)).toBe(true);
  });

  it('answers undefined, not an inherited function, for a name that is not there', () => {
    const { body } = readTemplate('t', RESOURCE);
    const resources = body['Resources'] as Record<string, unknown>;
    expect(resources['toString']).toBeUndefined();
    expect(resources['constructor']).toBeUndefined();
  });

  it.each<[string, number[], number]>([
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['a truncated sequence', [0x41, 0x42, 0xe2, 0x82], 2],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['valid text', [0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 10],
  ])('finds the first invalid UTF-8 byte: %s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
  });

  // A nested stack's TemplateURL may name any local file: what it holds is described, never shown.
  it.each<[string, string, RegExp]>([
    ['an env file', 'DB_PASSWORD=hunter2-fake API_TOKEN=tok_fake\n', /this file holds a string of 43 characters \(plain text, not YAML or JSON keys\)\)$/],
    ['a number', '42\n', /this file holds the number 42\)$/],
    ['a list', '- a\n- b\n', /this file holds a list\)$/],
  ])('a file that is no mapping (%s) is described, its text never quoted', (_name, text, message) => {
    const [diagnostic] = refusal(text);
    expect(diagnostic?.code).toBe('TPL_NOT_A_MAPPING');
    expect(diagnostic?.message).toMatch(message);
    expect(diagnostic?.message).not.toMatch(/hunter2|tok_fake/);
  });

  it('refuses invalid UTF-8 at the line and column of the bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('Resources:\n  Queue:\n    Type: "é'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]);
    expect(refusal(bytes)).toEqual([expect.objectContaining({ code: 'TPL_INVALID_UTF8', line: 3, column: 13, path: '' })]);
  });

  it('accepts a byte-order mark, as text or bytes', () => {
    expect(readTemplate('t', `\ufeff${RESOURCE}`).body['Resources']).toBeDefined();
    expect(readTemplate('t', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RESOURCE)])).format).toBe('yaml');
    expect(readTemplate('t', `\ufeff{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`).format).toBe('json');
  });

  it('refuses a 5 MB template with the service text and limit, at the byte where the limit is passed', () => {
    const big = `${RESOURCE}    Metadata:\n      Blob: "${'x'.repeat(5_000_000)}"\n`;
    const [diagnostic] = refusal(big);
    expect(diagnostic).toMatchObject({ code: 'TPL_TOO_LARGE', line: 5, path: '' });
    expect(diagnostic!.message).toMatch(/^Template may not exceed 1000000 bytes in size\./);
    expect(CLOUDFORMATION_LIMITS.s3Bytes).toBe(1_000_000);
  });

  it.each([
    ['a raised limit', { limits: { s3Bytes: 10_000_000 } }],
    ['no limits', { limits: false as const }],
  ])('reads a 5 MB template under %s', (_name, options) => {
    const big = `${RESOURCE}    Metadata:\n      Blob: "${'x'.repeat(5_000_000)}"\n`;
    expect(readTemplate('big', big, options).format).toBe('yaml');
  });

  it.each<[string, number, string]>([
    ['resources', 501, 'Resources'],
    ['parameters', 201, 'Parameters'],
    ['outputs', 201, 'Outputs'],
    ['mappings', 201, 'Mappings'],
  ])('refuses more %s than the service allows, and reads them with limits off', (noun, count, section) => {
    const body: Record<string, unknown> = { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } };
    const entries: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      entries[`N${i}`] =
        section === 'Resources'
          ? { Type: 'AWS::SQS::Queue' }
          : section === 'Parameters'
            ? { Type: 'String' }
            : section === 'Outputs'
              ? { Value: 'x' }
              : { K: { V: 'x' } };
    }
    body[section] = entries;
    const text = JSON.stringify(body, null, 1);
    const [diagnostic] = refusal(text);
    expect(diagnostic).toMatchObject({ code: 'TPL_LIMIT_EXCEEDED', path: `/${section}` });
    expect(diagnostic!.message).toBe(`Template format error: Number of ${noun}, ${count}, is greater than maximum allowed, ${count - 1}`);
    expect(diagnostic!.line).toBeGreaterThan(0);
    expect(readTemplate('t', text, { limits: false }).body[section]).toBeDefined();
    expect(readTemplate('t', text, { limits: { [noun]: count } }).body[section]).toBeDefined();
  });

  it.each([
    ['an empty file', '', 'TPL_EMPTY'],
    ['only whitespace', '  \n\n ', 'TPL_EMPTY'],
    ['only comments', '# a\n# b\n', 'TPL_EMPTY'],
    ['a top-level list', '- Resources\n', 'TPL_NOT_A_MAPPING'],
    ['a top-level number', '42\n', 'TPL_NOT_A_MAPPING'],
    ['a JSON array', '[{"Resources": {}}]', 'TPL_NOT_A_MAPPING'],
    ['a mapping key that is a mapping', '? {a: 1}\n: x\nResources: {Q: {Type: X}}\n', 'TPL_NON_SCALAR_KEY'],
    ['an alias of a list used as a key', 'x: &k [a]\n*k : y\nResources: {Q: {Type: X}}\n', 'TPL_NON_SCALAR_KEY'],
    ['a tagged key', '!Ref a: b\nResources: {Q: {Type: X}}\n', 'TPL_NON_SCALAR_KEY'],
  ])('refuses %s', (_name, text, code) => {
    const diagnostics = refusal(text);
    expect(diagnostics[0]!.code).toBe(code);
    expect(diagnostics[0]!.line).toBeGreaterThan(0);
  });

  it.each([
    ['numbers', '1: one\n0x10: sixteen\nResources: {Q: {Type: X}}\n', ['1', '16', 'Resources']],
    ['booleans and null', 'true: t\n~: n\nResources: {Q: {Type: X}}\n', ['true', 'null', 'Resources']],
  ])('reads scalar keys that are not strings (%s) as their string form, in Mappings', (_name, entries, keys) => {
    const text = `Mappings:\n  M:\n${entries
      .split('\n')
      .filter((l) => l && !l.startsWith('Resources'))
      .map((l) => `    ${l}`)
      .join('\n')}\nResources: {Q: {Type: X}}\n`;
    const mapping = (readTemplate('t', text).body['Mappings'] as Record<string, Record<string, unknown>>)['M']!;
    expect(Object.keys(mapping)).toEqual(keys.filter((k) => k !== 'Resources'));
  });
});
