/**
 * The YAML short forms of the intrinsic functions (`!Ref x`, `!GetAtt a.b`, `!Join [...]`), generated from
 * the one table in intrinsics.ts for all three node kinds, for both parsers: js-yaml (the fast path) and
 * `yaml` (the precise path). A short form becomes the long form: `!Sub x` reads as `{"Fn::Sub": "x"}`.
 */
import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';
import { INTRINSIC_FUNCTIONS, RULE_FUNCTIONS, type IntrinsicName, type RuleFunctionName } from './intrinsics';
import { SERVICE_BOOLEAN, SERVICE_TRUE, serviceFloat } from './service-scalars';

/** A function that has a short form: an intrinsic, or a function of the Rules section. */
export type ShortFormName = IntrinsicName | RuleFunctionName;

/** The long-form name for each short-form tag (`!Ref` -> `Ref`, `!ValueOf` -> `Fn::ValueOf`). */
export const SHORT_FORM_TAGS: ReadonlyMap<string, ShortFormName> = new Map(
  (Object.entries({ ...INTRINSIC_FUNCTIONS, ...RULE_FUNCTIONS }) as Array<[ShortFormName, string]>).map(([name, tag]) => [tag, name]),
);

/**
 * The argument of a short form written as a scalar. `!GetAtt a.b.c` splits at the first dot only
 * (`["a", "b.c"]`): attribute names may hold dots (`Endpoint.Address`), logical ids never do.
 * An empty scalar (`!GetAZs`) is the empty string, as the service reads it.
 */
export function scalarArgument(name: ShortFormName, text: unknown): unknown {
  // js-yaml can hand over an already-resolved node (a tag on the line before `true`, or before another
  // tag). A resolved scalar is still text; a collection is passed through (the reader routes such text
  // to the precise parser, which refuses two tags on one node).
  if (typeof text === 'object' && text !== null) return text;
  const value = typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text);
  if (name !== 'Fn::GetAtt') return value;
  const dot = value.indexOf('.');
  return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function longForm(name: ShortFormName, argument: unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  out[name] = argument;
  return out;
}

/*
 * YAML 1.2 core-schema scalars, exactly as the `yaml` package reads them, but for booleans (below). js-yaml's own
 * integer type also accepts `0b101` and `+0x1`, which YAML 1.2 reads as strings; the two parsers must agree.
 */
const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOLEAN = SERVICE_BOOLEAN;
const INTEGER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

const core12Null = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: unknown) => data === null || (typeof data === 'string' && NULL.test(data)),
  construct: () => null,
  predicate: (value: unknown) => value === null,
  represent: () => 'null',
});

const core12Bool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BOOLEAN.test(data),
  construct: (data: string) => SERVICE_TRUE.test(data),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: (value: unknown) => String(value),
});

const core12Int = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && INTEGER.test(data),
  construct: (data: string) => {
    if (data.startsWith('0o')) return parseInt(data.slice(2), 8);
    if (data.startsWith('0x')) return parseInt(data.slice(2), 16);
    return parseInt(data, 10);
  },
  predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
  represent: (value: unknown) => String(value),
});

const core12Float = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && FLOAT.test(data) && !INTEGER.test(data),
  construct: (data: string) => {
    const lower = data.toLowerCase();
    if (lower.endsWith('.nan')) return NaN;
    if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
    return serviceFloat(data, parseFloat(data));
  },
  predicate: (value: unknown) => typeof value === 'number',
  represent: (value: unknown) => String(value),
});

function shortFormTypes(): Type[] {
  const list: Type[] = [];
  for (const [tag, name] of SHORT_FORM_TAGS) {
    list.push(
      new Type(tag, { kind: 'scalar', construct: (data: unknown) => longForm(name, scalarArgument(name, data)) }),
      // js-yaml may hand an empty node (`!Ref` alone) to the collection kinds; YAML reads it as an empty scalar.
      new Type(tag, { kind: 'sequence', construct: (data: unknown[] | null) => longForm(name, data ?? scalarArgument(name, '')) }),
      new Type(tag, { kind: 'mapping', construct: (data: Record<string, unknown> | null) => longForm(name, data ?? scalarArgument(name, '')) }),
    );
  }
  return list;
}

/** js-yaml schema: YAML 1.2 core (null, bool, int, float) plus every short-form tag. */
export const CLOUDFORMATION_JS_YAML_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [core12Null, core12Bool, core12Int, core12Float],
  explicit: [...shortFormTypes()],
});

/** Standard tags the core schema resolves (`!!str 12`), accepted by both parsers. */
export const CORE_TAGS: ReadonlySet<string> = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`),
);
