/*
 * The fast path (js-yaml) and the precise path (`yaml`) must agree on every input: the same data, or
 * both refuse. Where js-yaml alone would silently flatten a key, the reader must route the text to the
 * precise path (needsPreciseYaml), and that routing is asserted here too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, parseYamlWith } from '../../../../simulator/cloudformation/template/parse-yaml';
import { needsPreciseYaml } from '../../../../simulator/cloudformation/template/yaml-constructs';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'template');

const yamlFixtures = ['good', 'bad'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name): [string, string] => [`${dir}/${name}`, readFileSync(join(FIXTURES, dir, name)).toString('utf8')]),
);

const SNIPPETS: Array<[string, string]> = [
  ['octal-looking', 'a: 0755'],
  ['YAML 1.2 octal', 'a: 0o17'],
  ['hex', 'a: 0x1F'],
  ['binary-looking (a string in 1.2)', 'a: 0b101'],
  ['signed hex (a string in 1.2)', 'a: +0x1'],
  ['underscores (a string in 1.2)', 'a: 1_000'],
  ['exponent', 'a: 1.5e3'],
  ['trailing dot', 'a: 1.'],
  ['leading dot', 'a: .5'],
  ['YAML 1.1 booleans (yes, no, on, off) and y, n as text', 'a: [yes, no, on, off, Yes, OFF, y, n]'],
  ['core booleans', 'a: [true, True, TRUE, false, False, FALSE, tRue]'],
  ['core nulls', 'a: [~, null, Null, NULL]'],
  ['dates stay strings', 'a: 2010-09-09'],
  ['sexagesimal stays a string', 'a: 1:20'],
  ['infinity', 'a: .inf'],
  ['not a number', 'a: .NaN'],
  ['explicit str tag', 'a: !!str 12'],
  ['explicit int tag', 'a: !!int "12"'],
  ['unknown tag', 'a: !Foo x'],
  ['binary tag', 'a: !!binary aGk='],
  ['set tag', 'a: !!set {x: null}'],
  ['empty short form', 'a: !Ref\nb: 1'],
  ['short form on a number', 'a: !Ref 0755'],
  ['short form on a quoted string', 'a: !Sub "x-${AWS::Region}"'],
  ['GetAtt with dots', 'a: !GetAtt A.B.C'],
  ['GetAtt without a dot', 'a: !GetAtt A'],
  ['nested short forms', 'a: !Join ["", [!Ref A, !GetAtt B.C]]'],
  ['short form on a mapping', 'a: !Transform {Name: X}'],
  ['anchors and aliases', 'a: &x {k: v}\nb: *x'],
  ['unknown alias', 'a: *nope'],
  ['duplicate key', 'a: 1\na: 2'],
  ['duplicate key in flow', '{a: 1, a: 2}'],
  ['tab indentation', 'a:\n\tb: 1'],
  ['two documents', '--- a\n--- b'],
  ['bad indentation', 'a: 1\n  b: 2'],
  ['block in implicit key', 'a: b: c'],
  ['reserved indicator', 'a: @x'],
  ['unclosed flow', 'a: [1, 2\n'],
  ['unclosed quote', 'a: "x\n'],
  ['merge key', 'x: &x {a: 1}\ny:\n  <<: *x'],
  ['null value', 'a:\nb: ~'],
  ['sequence as key', '? [a]\n: x'],
  ['flow sequence as key', '[a, b]: x'],
  ['tagged key', '!Ref a: b'],
  ['alias of a list as key', 'x: &k [a]\n*k : y'],
  ['ForEach identifier key', 'Fn::ForEach::X:\n  - N\n  - [a]\n  - ${N}:\n      Type: T'],
  ['comment only', '# nothing'],
  ['document markers only', '---\n...\n'],
  ['version directive', '%YAML 1.2\n---\na: 1'],
  ['multi-line folded', 'a: >\n  x\n  y\n'],
  ['literal keep', 'a: |+\n  x\n\n'],
  ['quoted escapes', 'a: "\\x41\\u00e9\\t"'],
  ['single-quoted', "a: 'it''s'"],
  ['numeric keys', '1: a\n0x10: b\n1.0: c'],
  ['whole floats and others', 'a: 4.0\nb: 3.10\nc: 1e3\nd: -2.50\ne: 10000000.0\nf: 5.\ng: -0.0\nh: !Ref 4.0'],
  ['boolean and null keys', 'true: a\n~: b'],
  ['deep but fine', `a: ${'['.repeat(150)}${']'.repeat(150)}`],
  ['too deep', `a: ${'['.repeat(250)}${']'.repeat(250)}`],
];

describe('js-yaml and yaml read YAML alike', () => {
  it.each([...yamlFixtures, ...SNIPPETS])('%s', (_name, text) => {
    const fast = parseYamlWith('js-yaml', text);
    const precise = parseYamlWith('yaml', text);
    if ('value' in fast && 'value' in precise) {
      expect(fast.value).toEqual(precise.value);
    } else if ('value' in fast) {
      // Only constructs js-yaml flattens may differ, and the reader never gives those to js-yaml.
      expect(needsPreciseYaml(text)).toBe(true);
      expect(precise).toEqual({ codes: expect.arrayContaining(['TPL_NON_SCALAR_KEY']) });
    } else {
      expect(precise).not.toHaveProperty('value');
      expect('codes' in precise && precise.codes.length).toBeGreaterThan(0);
    }
  });

  it('classifies a fault by the precise parser\'s codes, whichever parser met it first', () => {
    for (const [text, code] of [
      ['a:\n\tb: 1', 'TPL_TAB_INDENT'],
      ['a: !Foo x', 'TPL_UNKNOWN_TAG'],
      ['--- a\n--- b', 'TPL_MULTIPLE_DOCUMENTS'],
      ['a:\nb: 1', 'TPL_NULL_VALUE'],
    ] as const) {
      const face = parseYaml(text);
      expect('issues' in face && face.issues.map((i) => i.code)).toEqual([code]);
      expect(parseYamlWith('yaml', text)).toEqual({ codes: [code] });
    }
  });
});

