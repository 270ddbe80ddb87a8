/*
 * The linear scan that routes YAML to the precise parser finds exactly what the regular expression it replaced
 * found (kept here as the oracle), and does it in time linear in the text, where the expression was quadratic.
 */
import fc from 'fast-check';
import { needsPreciseYaml, scanYamlConstructs } from '../../../../simulator/cloudformation/template/yaml-constructs';
import { runBounded } from '../../../support/bounded-child';

/** The expression the scan replaced (read-template.ts before issue 10), verbatim. */
const ORACLE = new RegExp(
  [
    /(?:^|[\s[{,])\?(?:\s|$)/.source,
    /(?:\]|(?<!\$\{[\w.:-]*)\})[ \t]*:(?:\s|$)/.source,
    /\*[^\s,[\]{}]+[ \t]+:(?:\s|$)/.source,
    /^[ \t]*(?:- )?![^\s]+[ \t]+[^\s#]*:(?:\s|$)/.source,
    /[{,][ \t]*:(?:\s|$)/.source,
    /["'\]}]#/.source,
    /^ *\t/.source,
    /![^\s]+[ \t]*(?:#[^\n]*)?\n\s*(?:!|[-+]?\.?[0-9]|(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~)(?:[\s,\]}]|$))/.source,
    /&[^\s,[\]{}]+[ \t]+[^\n#]*:(?:\s|$)/.source,
    /&[^\s,[\]{}]+[ \t]*\n[ \t]*\*/.source,
    /^---[ \t]+[^\s#]/.source,
  ].join('|'),
  'm',
);
const ANCHOR_ORACLE = /(?:^|[\s[{,])&[^\s,[\]{}]/m;

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);

/** Pieces that make the constructs likely: the characters they turn on, and a few whole words. */
const PIECES = [
  ' ', ' ', '\t', '\n', '\n', '\r', '\u2028', '\u00a0', 'a', 'b', '1', '.', '-', '+', '_', ':', ':', '#', '?', '!', '&', '*',
  '[', ']', '{', '}', ',', '"', "'", '$', '~', 'true', 'Null', '---', '- ', '${a}', '!Ref', '&x', '*x', 'k: ',
];
const yamlish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('the YAML construct scan', () => {
  it('agrees with the regular expression it replaced, on random text', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        expect(needsPreciseYaml(text)).toBe(ORACLE.test(text));
        expect(scanYamlConstructs(text).mayHaveAnchor).toBe(ANCHOR_ORACLE.test(text));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['an explicit key', '? [a]\n: x', true],
    ['a flow sequence as key', '[a, b]: x', true],
    ['a ForEach output key', 'Fn::ForEach::X:\n  - N\n  - [a]\n  - ${N}:\n      Type: T', false],
    ['an alias as key', 'x: &k [a]\n*k : y', true],
    ['a tagged key', '!Ref a: b', true],
    ['an empty flow key', '{: v}', true],
    ['a glued comment', 'a: "x"#c', true],
    ['a tab in indentation', 'a:\n \tb: 1', true],
    ['a tag before a number on the next line', 'a: !Ref\n  12', true],
    ['an anchored key', 'a:\n  &x k: v', true],
    ['an anchor then an alias', 'a: &x\n*x', true],
    ['content after ---', '--- a', true],
    ['a plain template', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Sub "${AWS::StackName}-q"}\n', false],
  ])('%s', (_name, text, expected) => {
    expect(needsPreciseYaml(text)).toBe(expected);
  });

  // A child process with a generous bound: the old expression took minutes on these; linear work takes milliseconds.
  it.each(['&', '*', '!', '&a ', '*a ', '!a ', '? ', '}', '${a}', '\n- !a ', '\n!a b', '\n \t', ' ', '\n--- '])('scans 1 MB of %j repeated, in linear time', (piece) => {
    const run = runBounded(
      `import { needsPreciseYaml } from '../../../../simulator/cloudformation/template/yaml-constructs';
       const text = 'a: "' + ${JSON.stringify(piece)}.repeat(Math.ceil(1_000_000 / ${piece.length})) + '"\\n';
       needsPreciseYaml(text);
       process.stdout.write('done');`,
      __dirname,
      20_000,
    );
    expect(run).toMatchObject({ finished: true, stdout: 'done' });
  });
});
