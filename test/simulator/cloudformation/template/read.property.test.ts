/*
 * Property-based tests of the reader (fast-check). `npm test` replays a fixed seed; `npm run fuzz`
 * (FUZZ_RUNS=20000) explores new inputs.
 */
import fc from 'fast-check';
import { INTRINSIC_FUNCTIONS, readTemplate, TemplateError, type IntrinsicName } from '../../../../simulator/cloudformation/template';
import { parseYamlWith } from '../../../../simulator/cloudformation/template/parse-yaml';
import { needsPreciseYaml } from '../../../../simulator/cloudformation/template/yaml-constructs';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
/** `npm test` replays one seed so it cannot flake; `npm run fuzz` (FUZZ_RUNS set) explores new ones. */
const SEED = process.env['FUZZ_RUNS'] ? undefined : 20261121;

/** An expression as the generator sees it: a scalar, a list, a mapping, or an intrinsic call. */
type Expression =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'list'; items: Expression[] }
  | { kind: 'map'; entries: Array<[string, Expression]> }
  | { kind: 'call'; name: IntrinsicName; argument: Expression };

const NAMES = Object.keys(INTRINSIC_FUNCTIONS) as IntrinsicName[];
const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/).filter((k) => k !== 'Ref' && k !== 'Condition');

const { expression } = fc.letrec<{ expression: Expression }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 12 }).map((value): Expression => ({ kind: 'string', value })),
    fc.integer({ min: -1000, max: 1_000_000 }).map((value): Expression => ({ kind: 'number', value })),
    fc.boolean().map((value): Expression => ({ kind: 'boolean', value })),
    fc.array(tie('expression'), { maxLength: 3 }).map((items): Expression => ({ kind: 'list', items })),
    fc
      .uniqueArray(fc.tuple(key, tie('expression')), { maxLength: 3, selector: ([k]) => k })
      .map((entries): Expression => ({ kind: 'map', entries })),
    fc
      .tuple(fc.constantFrom(...NAMES), tie('expression'))
      // The scalar short form of GetAtt splits at a dot, so a string argument is not the same value.
      .filter(([name, argument]) => !(name === 'Fn::GetAtt' && ['string', 'number', 'boolean'].includes(argument.kind)))
      .map(([name, argument]): Expression => ({ kind: 'call', name, argument })),
  ),
}));

/** The long form as JSON data; `tagged` says whether shortForm() writes this call with a tag. */
function longForm(e: Expression, tagged = true): unknown {
  switch (e.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return e.value;
    case 'list':
      return e.items.map((item) => longForm(item));
    case 'map':
      return Object.fromEntries(e.entries.map(([k, v]) => [k, longForm(v)]));
    case 'call':
      // A tag on a scalar makes it text: `!Ref 0` is {"Ref": "0"}, as YAML and CloudFormation read it.
      if (tagged && (e.argument.kind === 'number' || e.argument.kind === 'boolean')) return { [e.name]: String(e.argument.value) };
      return { [e.name]: longForm(e.argument, e.argument.kind === 'call' ? !tagged : true) };
  }
}

/** The short form as YAML flow text: `!Tag` on whichever node kind the argument is. */
function shortForm(e: Expression): string {
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
    case 'boolean':
      return String(e.value);
    case 'list':
      return `[${e.items.map(shortForm).join(', ')}]`;
    case 'map':
      return `{${e.entries.map(([k, v]) => `${JSON.stringify(k)}: ${shortForm(v)}`).join(', ')}}`;
    case 'call':
      // A node takes one tag, so `!Base64 !Sub x` is not YAML: the inner call is written long-form.
      return e.argument.kind === 'call'
        ? `${INTRINSIC_FUNCTIONS[e.name]} {${JSON.stringify(e.argument.name)}: ${shortForm(e.argument.argument)}}`
        : `${INTRINSIC_FUNCTIONS[e.name]} ${shortForm(e.argument)}`;
  }
}

const wrapYaml = (property: string) => `Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      P: ${property}\n`;
const wrapJson = (property: unknown) => JSON.stringify({ Resources: { R: { Type: 'AWS::SQS::Queue', Properties: { P: property } } } }, null, 2);

const propertyOf = (text: string) =>
  ((readTemplate('generated', text).body['Resources'] as Record<string, Record<string, Record<string, unknown>>>)['R']!['Properties']!)['P'];

describe('generated templates', () => {
  it('read to the same value in short form (YAML), long form (YAML) and long form (JSON)', () => {
    fc.assert(
      fc.property(expression, (e) => {
        const expected = longForm(e);
        expect(propertyOf(wrapYaml(shortForm(e)))).toEqual(expected);
        expect(propertyOf(wrapYaml(JSON.stringify(expected)))).toEqual(expected);
        expect(propertyOf(wrapJson(expected))).toEqual(expected);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('either read or throw a located TemplateError, whatever the text', () => {
    const base = wrapYaml('!Join ["-", [!Ref A, {"k": [1, 2]}]]');
    const yamlish = fc.string({ unit: fc.constantFrom(...' \t\n:-?[]{},&*!|>\'"%@`#~.0aZ\\'.split('')), maxLength: 80 });
    const mutated = fc
      .tuple(fc.nat({ max: base.length }), fc.nat({ max: 8 }), yamlish)
      .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut));
    const mutatedJson = fc
      .tuple(fc.nat({ max: 200 }), fc.nat({ max: 4 }), fc.string({ unit: fc.constantFrom(...'{}[]",:0 \n\\ae'.split('')), maxLength: 10 }))
      .map(([at, cut, insert]) => {
        const json = wrapJson({ 'Fn::Join': ['-', [{ Ref: 'A' }, 1]] });
        return json.slice(0, at) + insert + json.slice(at + cut);
      });
    fc.assert(
      fc.property(fc.oneof(yamlish, mutated, mutatedJson, fc.uint8Array({ maxLength: 64 })), (content) => {
        try {
          readTemplate('fuzz', content);
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateError);
          for (const d of (error as TemplateError).diagnostics) {
            expect(d.code).toMatch(/^TPL_[A-Z_0-9]+$/);
            expect(d.message.length).toBeGreaterThan(0);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });
});

describe('js-yaml and yaml agree on generated text', () => {
  const pieces = ['a', 'b: ', '- ', '\n', '  ', '[', ']', '{', '}', ', ', ': ', '&x ', '*x', '!Ref ', '!GetAtt a.b', '"q"', "'s'", '#c', '? ', '|', '>', '0755', '~', 'true', '.5', '---', '\t', '%', '@', '<<: '];
  const text = fc
    .array(fc.constantFrom(...pieces), { maxLength: 24 })
    .map((parts) => parts.join(''))
    // `yaml` 2.x takes `---a` at the start of a line as a document marker; YAML (and js-yaml) need a space after it.
    .filter((source) => !/^(?:---|\.\.\.)\S/m.test(source));

  it('never reads text differently from the precise parser', () => {
    fc.assert(
      fc.property(text, (source) => {
        // The reader refuses any top level that is not a mapping, so only mappings need the same data.
        const asTemplate = (result: ReturnType<typeof parseYamlWith>) =>
          'value' in result && typeof result.value === 'object' && result.value !== null && !Array.isArray(result.value) ? result : { codes: ['refused'] };
        const fast = asTemplate(parseYamlWith('js-yaml', source));
        const precise = asTemplate(parseYamlWith('yaml', source));
        if (needsPreciseYaml(source)) return; // the reader never gives this text to js-yaml
        if ('value' in fast) {
          // Whatever js-yaml reads, the precise parser reads the same.
          expect(precise).toEqual(fast);
        } else if ('value' in precise) {
          // Only js-yaml refuses (a degenerate top level such as `!Ref |`): the reader refuses too.
          expect(() => readTemplate('generated.yaml', source)).toThrow(TemplateError);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
