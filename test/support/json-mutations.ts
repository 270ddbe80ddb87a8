/**
 * Structural mutations of a JSON document, for near-valid inputs: a field deleted, its type changed, a
 * hostile value grafted in, or an extra key (often one named like Object.prototype's members) added.
 */
import fc from 'fast-check';

type Path = readonly string[];

/** Every path to a value inside a JSON document (the root excluded). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => String(i)) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsOf((value as Record<string, unknown>)[key], [...prefix, key])]);
}

/** A value of another JSON type than `current`, derived from it where that makes sense (what a sloppy caller sends). */
const retyped = (current: unknown): unknown[] => [
  String(current),
  Number(current),
  current === 'true' || current === true,
  [current],
  { value: current },
  null,
  JSON.stringify(current),
];

/** Values chosen to break naive code: huge, odd, or named like Object.prototype's members. */
export const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', '\u0000', '\ud800', 'x'.repeat(10_000), '-1', '1e309', '00000000001', 'NaN', '9'.repeat(40)),
  fc.constantFrom({ __proto__: null, polluted: 'yes' }, JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown, { constructor: { prototype: { polluted: 'yes' } } }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1.5, -1),
);

/** One edit of a document; `at` picks the path (modulo the number of paths the document has). */
export type Mutation = { kind: 'delete'; at: number } | { kind: 'retype'; at: number; variant: number } | { kind: 'graft'; at: number; value: unknown } | { kind: 'add'; at: number; key: string; value: unknown };

/** Any one mutation. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at): Mutation => ({ kind: 'delete', at })),
  fc.tuple(fc.nat(), fc.nat({ max: 6 })).map(([at, variant]): Mutation => ({ kind: 'retype', at, variant })),
  fc.tuple(fc.nat(), hostileValue).map(([at, value]): Mutation => ({ kind: 'graft', at, value })),
  fc.tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', 'offset', 's3-minimum-encrypted-buckets'), hostileValue).map(
    ([at, key, value]): Mutation => ({ kind: 'add', at, key, value }),
  ),
);

/** A fresh copy of a generated value: generators share constants between runs, and a mutation must not change them. */
function copy(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Applies a mutation in place to a JSON document. Uses defineProperty so a `__proto__` key stays a key. */
export function mutate(document: Record<string, unknown>, m: Mutation): void {
  const paths = pathsOf(document);
  if (paths.length === 0) return;
  const path = paths[m.at % paths.length] as Path;
  let parent: Record<string, unknown> = document;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const key = path[path.length - 1] as string;
  const set = (target: Record<string, unknown>, name: string, value: unknown) =>
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return;
    case 'retype':
      set(parent, key, retyped(parent[key])[m.variant]);
      return;
    case 'graft':
      set(parent, key, copy(m.value));
      return;
    case 'add': {
      const target = parent[key];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) set(target as Record<string, unknown>, m.key, copy(m.value));
      // A named key on an array is not JSON (and `constructor` there would break Array methods): append instead.
      else if (Array.isArray(parent)) parent.push(copy(m.value));
      else set(parent, m.key, copy(m.value));
      return;
    }
  }
}
