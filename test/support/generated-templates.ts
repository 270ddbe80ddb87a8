/**
 * Generated CloudFormation templates for property tests: parameters (with and without defaults and
 * constraints), conditions that refer to parameters and to each other (cycles included), resources with
 * Condition, DependsOn and properties built from random nestings of the common intrinsics, and outputs;
 * names that exist and, now and then, names that do not. Each template can be spelled as short-form YAML
 * and as long-form JSON.
 */
import fc from 'fast-check';

// ---- the generated language -------------------------------------------------------------------------

/** One expression, kept as a tree so it can be spelled both ways. */
export type Expression =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'list'; items: Expression[] }
  | { kind: 'map'; entries: Array<[string, Expression]> }
  | { kind: 'ref'; name: string }
  | { kind: 'getatt'; resource: string; attribute: string }
  | { kind: 'sub'; text: string; variables: Array<[string, Expression]> }
  | { kind: 'call'; name: CallName; args: Expression[] };

/** Functions written `!Name [args…]` (or `!Name arg` for one argument) in short form. */
type CallName = 'Fn::Join' | 'Fn::Select' | 'Fn::Split' | 'Fn::If' | 'Fn::Base64' | 'Fn::FindInMap' | 'Fn::GetAZs' | 'Fn::Equals' | 'Fn::And' | 'Fn::Or' | 'Fn::Not' | 'Condition';

const SINGLE_ARGUMENT: ReadonlySet<CallName> = new Set(['Fn::Base64', 'Fn::GetAZs', 'Condition']);

const PARAMETERS = ['Env', 'Size', 'Names'] as const;
const RESOURCES = ['Logs', 'Jobs', 'Key', 'Custom'] as const;
const CONDITIONS = ['IsProd', 'IsBig', 'Both'] as const;
const RESOURCE_TYPES: Record<(typeof RESOURCES)[number], string> = { Logs: 'AWS::S3::Bucket', Jobs: 'AWS::SQS::Queue', Key: 'AWS::KMS::Key', Custom: 'Custom::Thing' };

const literal = fc.oneof(
  fc.constantFrom('prod', 'dev', 'a,b,c', '', 'yes', 'null', '0x10', '- x', 'a: b', '#hash', "it's", 'line\nbreak', '${NotAVariable', '日本'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/),
);
/** Mostly names that exist, now and then one that does not: both paths must be exercised. */
const mostly = <T,>(valid: readonly T[], broken: T) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 40 }, { arbitrary: fc.constant(broken), weight: 1 });

const text = literal.map((value): Expression => ({ kind: 'text', value }));
/**
 * What an expression may name. Resources refer only to resources declared before them and conditions only
 * to conditions before them, except through the odd broken name — the last one in each list — so cycles
 * and dangling names occur without drowning every template in them.
 */
interface Scope {
  readonly resources: readonly string[];
  readonly conditions: readonly string[];
}

const PSEUDO = ['AWS::Region', 'AWS::StackName', 'AWS::AccountId', 'AWS::NoValue', 'AWS::URLSuffix'];
const broken = <T,>(names: readonly T[]) => names[names.length - 1] as T;
/** Attributes each type has (Custom:: types accept any), and a broken one. */
const ATTRIBUTES: Record<string, readonly string[]> = { Logs: ['Arn', 'DomainName'], Jobs: ['Arn', 'QueueName', 'QueueUrl'], Key: ['Arn', 'KeyId'], Custom: ['Anything'] };
const getAtt = (resource: fc.Arbitrary<string>) =>
  resource.chain((name) => mostly(ATTRIBUTES[name] ?? ['Arn'], 'Bogus').map((attribute): Expression => ({ kind: 'getatt', resource: name, attribute })));
/** Fn::Sub text naming parameters, pseudo parameters, the given resources' ids and Arns, and (rarely) a name that does not exist. */
const subTextOver = (resources: readonly string[]) =>
  fc
    .array(mostly(['x-', '${Env}', '${AWS::Region}', '-', '${!Literal}', '${Var}', ...resources.flatMap((r) => [`\${${r}}`, `\${${r}.Arn}`])], '${Missing}'), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join(''));

const scopes = new Map<string, { expression: fc.Arbitrary<Expression>; condition: fc.Arbitrary<Expression> }>();

/** The expression and condition generators for one scope (built once per scope). */
function generatorsFor(scope: Scope): { expression: fc.Arbitrary<Expression>; condition: fc.Arbitrary<Expression> } {
  const key = JSON.stringify(scope);
  const known = scopes.get(key);
  if (known) return known;
  const resources = [...scope.resources.slice(0, -1)];
  const conditions = [...scope.conditions.slice(0, -1)];
  const refName = mostly<string>([...PARAMETERS, ...resources, ...PSEUDO], broken(scope.resources));
  const resourceName = resources.length > 0 ? mostly<string>(resources, broken(scope.resources)) : fc.constant(broken(scope.resources));
  const conditionName = conditions.length > 0 ? mostly<string>(conditions, broken(scope.conditions)) : fc.constant(broken(scope.conditions));
  // With nothing valid to name, an arm that names a resource or condition would only ever be broken: drop it.
  const withResources = resources.length > 0 ? 1 : 0;
  const withConditions = conditions.length > 0 ? 1 : 0;
  const made = fc.letrec<{ expression: Expression; textual: Expression; wild: Expression; condition: Expression }>((tie) => ({
  // Mostly well-typed (strings where strings belong), with a tenth of the nodes anything at all: both the
  // evaluator's results and its refusals get exercised.
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: tie('textual'), weight: 6 },
    { arbitrary: fc.array(tie('textual'), { maxLength: 3 }).map((items): Expression => ({ kind: 'list', items })), weight: 2 },
    {
      arbitrary: fc
        .uniqueArray(fc.tuple(fc.constantFrom('A', 'B', 'Name', '__proto__'), tie('expression')), { maxLength: 2, selector: ([k]) => k })
        .map((entries): Expression => ({ kind: 'map', entries })),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(conditionName, tie('expression'), tie('expression')).map(
        ([c, a, b]): Expression => ({ kind: 'call', name: 'Fn::If', args: [{ kind: 'text', value: c }, a, b] }),
      ),
      weight: 2 * withConditions,
    },
    { arbitrary: fc.constant<Expression>({ kind: 'call', name: 'Fn::GetAZs', args: [{ kind: 'text', value: '' }] }), weight: 1 },
    { arbitrary: tie('wild'), weight: 1 },
  ),
  textual: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: text, weight: 4 },
    { arbitrary: refName.map((name): Expression => ({ kind: 'ref', name })), weight: 3 },
    { arbitrary: getAtt(resourceName), weight: 2 * withResources },
    {
      arbitrary: fc
        .tuple(subTextOver(resources), fc.uniqueArray(fc.tuple(fc.constantFrom('Var', 'Env', 'Other'), tie('textual')), { maxLength: 2, selector: ([k]) => k }))
        .map(([t, variables]): Expression => ({ kind: 'sub', text: t, variables })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(',', '-', ''), fc.array(tie('textual'), { maxLength: 3 }))
        .map(([d, items]): Expression => ({ kind: 'call', name: 'Fn::Join', args: [{ kind: 'text', value: d }, { kind: 'list', items }] })),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(',', '-'), tie('textual')).map(
        ([i, d, source]): Expression => ({
          kind: 'call',
          name: 'Fn::Select',
          args: [{ kind: 'number', value: i }, { kind: 'call', name: 'Fn::Split', args: [{ kind: 'text', value: d }, source] }],
        }),
      ),
      weight: 1,
    },
    { arbitrary: tie('textual').map((e): Expression => ({ kind: 'call', name: 'Fn::Base64', args: [e] })), weight: 1 },
    {
      arbitrary: fc
        .tuple(mostly(['Sizes'], 'Nope'), fc.oneof(fc.constantFrom<Expression>({ kind: 'text', value: 'Small' }, { kind: 'ref', name: 'Env' })), mostly(['Small', 'Large'], 'Huge'))
        .map(([m, k, v]): Expression => ({ kind: 'call', name: 'Fn::FindInMap', args: [{ kind: 'text', value: m }, k, { kind: 'text', value: v }] })),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(conditionName, tie('textual'), tie('textual')).map(
        ([c, a, b]): Expression => ({ kind: 'call', name: 'Fn::If', args: [{ kind: 'text', value: c }, a, b] }),
      ),
      weight: withConditions,
    },
  ),
  // Anything in any argument position: type errors, wrong arities, numbers where text belongs.
  wild: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -2, max: 100 }).map((value): Expression => ({ kind: 'number', value })),
    fc.tuple(fc.integer({ min: -1, max: 3 }), tie('expression')).map(([i, list]): Expression => ({ kind: 'call', name: 'Fn::Select', args: [{ kind: 'number', value: i }, list] })),
    fc.tuple(fc.constantFrom(',', '-'), tie('expression')).map(([d, x]): Expression => ({ kind: 'call', name: 'Fn::Split', args: [{ kind: 'text', value: d }, x] })),
    fc.array(tie('expression'), { maxLength: 3 }).map((items): Expression => ({ kind: 'call', name: 'Fn::Join', args: [{ kind: 'text', value: '-' }, { kind: 'list', items }] })),
    tie('expression').map((e): Expression => ({ kind: 'call', name: 'Fn::Base64', args: [e] })),
  ),
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    {
      arbitrary: fc
        .tuple(fc.oneof(text, fc.constantFrom<Expression>({ kind: 'ref', name: 'Env' }, { kind: 'ref', name: 'AWS::Region' }, { kind: 'ref', name: 'Size' })), text)
        .map(([a, b]): Expression => ({ kind: 'call', name: 'Fn::Equals', args: [a, b] })),
      weight: 6,
    },
    { arbitrary: fc.tuple(tie('expression'), tie('expression')).map(([a, b]): Expression => ({ kind: 'call', name: 'Fn::Equals', args: [a, b] })), weight: 1 },
    { arbitrary: conditionName.map((c): Expression => ({ kind: 'call', name: 'Condition', args: [{ kind: 'text', value: c }] })), weight: withConditions },
    { arbitrary: tie('condition').map((c): Expression => ({ kind: 'call', name: 'Fn::Not', args: [c] })), weight: 2 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom<CallName>('Fn::And', 'Fn::Or'), fc.array(tie('condition'), { minLength: 2, maxLength: 3 }))
        .map(([name, items]): Expression => ({ kind: 'call', name, args: items })),
      weight: 2,
    },
  ),
}));
  const generators = { expression: made.expression, condition: made.condition };
  scopes.set(key, generators);
  return generators;
}

/** A whole template as the generator builds it, before it is spelled as YAML or JSON. */
export interface GeneratedTemplate {
  parameters: Array<{ name: string; type: string; default?: string; allowed?: string[] | undefined }>;
  conditions: Array<[string, Expression]>;
  resources: Array<{ name: string; condition?: string | undefined; dependsOn?: string[]; properties: Array<[string, Expression]> }>;
  outputs: Array<[string, Expression]>;
}

/** Whole templates: parameters, conditions, resources and outputs over a small set of names. */
export const template: fc.Arbitrary<GeneratedTemplate> = fc.record({
  // Every parameter is declared, nearly always with a valid default; now and then without one (the user must give it).
  parameters: fc.tuple(
    ...PARAMETERS.map((name) =>
      fc.oneof(
        {
          arbitrary: fc.record({
            name: fc.constant<string>(name),
            type: fc.constant(name === 'Size' ? 'Number' : name === 'Names' ? 'CommaDelimitedList' : 'String'),
            default: name === 'Size' ? mostly(['1', '10'], 'ten') : name === 'Env' ? mostly(['prod', 'dev'], 'staging') : fc.constantFrom('a,b', 'c'),
            allowed: name === 'Size' ? mostly([['1', '10']], ['one']) : name === 'Env' ? mostly([['prod', 'dev']], ['x']) : fc.constant(undefined),
          }),
          weight: 19,
        },
        { arbitrary: fc.constant({ name: name as string, type: 'String' }), weight: 1 },
      ),
    ),
  ),
  // Every condition is declared, so only the odd 'Missing' is unknown; they may still refer to each other in a cycle.
  conditions: fc.tuple(
    ...CONDITIONS.map((name, i) =>
      fc.tuple(fc.constant<string>(name), generatorsFor({ resources: ['Missing'], conditions: [...CONDITIONS.slice(0, i), i === 0 ? 'Missing' : name] }).condition),
    ),
  ),
  resources: fc
    .constant([...RESOURCES])
    .chain((names) =>
      fc.tuple(
        ...names.map((name, i) => {
          // A resource refers to those before it; its own name as the odd broken one makes a cycle.
          const scope = { resources: [...RESOURCES.slice(0, i), name], conditions: [...CONDITIONS, 'Missing'] };
          // Only the last resource is usually conditional: a reference to a resource a condition removed is an error.
          const condition = i === names.length - 1 ? mostly<string>(CONDITIONS, 'Missing') : mostly<string | undefined>([undefined], 'IsProd');
          return fc.record({
            name: fc.constant<string>(name),
            condition,
            dependsOn: fc.array(mostly<string>(RESOURCES.slice(0, Math.max(1, i)), 'Ghost'), { maxLength: 2 }).map((names) => [...new Set(names)].filter((n) => n !== name)),
            properties: fc.uniqueArray(fc.tuple(fc.constantFrom('Name', 'Tags', 'Description', 'Value'), generatorsFor(scope).expression), { maxLength: 3, selector: ([k]) => k }),
          });
        }),
      ),
    ),
  outputs: fc.uniqueArray(fc.tuple(fc.constantFrom('Out1', 'Out2'), generatorsFor({ resources: [...RESOURCES.slice(0, -1), 'Missing'], conditions: [...CONDITIONS, 'Missing'] }).expression), {
    maxLength: 2,
    selector: ([k]) => k,
  }),
});

// ---- the two spellings ------------------------------------------------------------------------------

/** Long form, as JSON data. */
function longForm(e: Expression): unknown {
  switch (e.kind) {
    case 'text':
    case 'number':
      return e.value;
    case 'list':
      return e.items.map(longForm);
    case 'map':
      return pairs(e.entries.map(([k, v]) => [k, longForm(v)]));
    case 'ref':
      return { Ref: e.name };
    case 'getatt':
      return { 'Fn::GetAtt': [e.resource, e.attribute] };
    case 'sub':
      return { 'Fn::Sub': e.variables.length === 0 ? e.text : [e.text, pairs(e.variables.map(([k, v]) => [k, longForm(v)]))] };
    case 'call':
      return { [e.name]: SINGLE_ARGUMENT.has(e.name) ? longForm(e.args[0] as Expression) : e.args.map(longForm) };
  }
}

/** An object from pairs; defineProperty keeps a `__proto__` key an own key, as JSON.parse does. */
function pairs(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const quote = (s: string) => JSON.stringify(s);

/** Short form, as YAML flow text: a tag on every intrinsic, written long-form only where YAML allows no tag. */
function shortForm(e: Expression): string {
  switch (e.kind) {
    case 'text':
      return quote(e.value);
    case 'number':
      return String(e.value);
    case 'list':
      return `[${e.items.map(shortForm).join(', ')}]`;
    case 'map':
      return `{${e.entries.map(([k, v]) => `${quote(k)}: ${shortForm(v)}`).join(', ')}}`;
    case 'ref':
      return `!Ref ${quote(e.name)}`;
    case 'getatt':
      return `!GetAtt ${e.resource}.${e.attribute}`;
    case 'sub':
      return e.variables.length === 0 ? `!Sub ${quote(e.text)}` : `!Sub [${quote(e.text)}, {${e.variables.map(([k, v]) => `${quote(k)}: ${shortForm(v)}`).join(', ')}}]`;
    case 'call': {
      const tag = e.name === 'Condition' ? '!Condition' : `!${e.name.slice('Fn::'.length)}`;
      if (!SINGLE_ARGUMENT.has(e.name)) return `${tag} [${e.args.map(shortForm).join(', ')}]`;
      const argument = e.args[0] as Expression;
      // One node takes one tag: `!Base64 !Ref x` is not YAML, so a call inside is spelled as a mapping.
      const tagged = argument.kind === 'ref' || argument.kind === 'getatt' || argument.kind === 'sub' || argument.kind === 'call';
      return tagged ? `{${quote(e.name)}: ${shortForm(argument)}}` : `${tag} ${shortForm(argument)}`;
    }
  }
}

export function jsonText(t: GeneratedTemplate): string {
  const body: Record<string, unknown> = {};
  if (t.parameters.length > 0) {
    body.Parameters = Object.fromEntries(
      t.parameters.map((p) => [p.name, { Type: p.type, ...(p.default !== undefined ? { Default: p.default } : {}), ...(p.allowed !== undefined ? { AllowedValues: p.allowed } : {}) }]),
    );
  }
  body.Mappings = { Sizes: { Small: { Small: 's', Large: 'l' }, prod: { Small: 'ps', Large: 'pl' } } };
  if (t.conditions.length > 0) body.Conditions = pairs(t.conditions.map(([k, c]) => [k, longForm(c)]));
  body.Resources = Object.fromEntries(
    t.resources.map((r) => [
      r.name,
      {
        Type: RESOURCE_TYPES[r.name as keyof typeof RESOURCE_TYPES],
        ...(r.condition !== undefined ? { Condition: r.condition } : {}),
        ...(r.dependsOn !== undefined && r.dependsOn.length > 0 ? { DependsOn: r.dependsOn } : {}),
        ...(r.properties.length > 0 ? { Properties: pairs(r.properties.map(([k, v]) => [k, longForm(v)])) } : {}),
      },
    ]),
  );
  if (t.outputs.length > 0) body.Outputs = Object.fromEntries(t.outputs.map(([k, v]) => [k, { Value: longForm(v) }]));
  return JSON.stringify(body, null, 2);
}

export function yamlText(t: GeneratedTemplate): string {
  const lines: string[] = [];
  if (t.parameters.length > 0) {
    lines.push('Parameters:');
    for (const p of t.parameters) {
      lines.push(`  ${p.name}:`, `    Type: ${p.type}`);
      if (p.default !== undefined) lines.push(`    Default: ${quote(p.default)}`);
      if (p.allowed !== undefined) lines.push(`    AllowedValues: [${p.allowed.map(quote).join(', ')}]`);
    }
  }
  lines.push('Mappings:', '  Sizes:', '    Small: {Small: s, Large: l}', '    prod: {Small: ps, Large: pl}');
  if (t.conditions.length > 0) {
    lines.push('Conditions:');
    for (const [k, c] of t.conditions) lines.push(`  ${k}: ${shortForm(c)}`);
  }
  lines.push('Resources:');
  for (const r of t.resources) {
    lines.push(`  ${r.name}:`, `    Type: ${RESOURCE_TYPES[r.name as keyof typeof RESOURCE_TYPES]}`);
    if (r.condition !== undefined) lines.push(`    Condition: ${r.condition}`);
    if (r.dependsOn !== undefined && r.dependsOn.length > 0) lines.push(`    DependsOn: [${r.dependsOn.join(', ')}]`);
    if (r.properties.length > 0) {
      lines.push('    Properties:');
      for (const [k, v] of r.properties) lines.push(`      ${quote(k)}: ${shortForm(v)}`);
    }
  }
  if (t.outputs.length > 0) {
    lines.push('Outputs:');
    for (const [k, v] of t.outputs) lines.push(`  ${k}:`, `    Value: ${shortForm(v)}`);
  }
  return `${lines.join('\n')}\n`;
}
