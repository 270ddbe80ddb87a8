/**
 * How deep cfn's Python can follow a hook schema. `cfn submit` validates the schema with jsonschema, which recurses
 * through every nested property schema, and then walks it with RefInliner, which recurses through every `$ref` it
 * follows; both run under Python's default recursion limit (1,000 frames). Past it, load_hook_spec raises a
 * RecursionError that nothing catches ("=== Unhandled exception ===", exit 127): cfn refuses the schema.
 * Each nesting keyword costs jsonschema a different number of frames per level (it depends on the path the
 * meta-schema takes), so the depth is measured as a share of the stack: the sum, along the deepest path, of
 * 1 / (the first level count at which that keyword alone overflows).
 */
import { escapePointerToken } from '../kernel/diagnostics';
import { isJsonObject } from '../kernel/protocol';
import { pythonUnquote, refsUnder, resolveLocalRefLikeCfn } from './cfn-ref';

/**
 * The first nesting level at which load_hook_spec overflows, per keyword: measured by bisection with
 * cloudformation-cli 698c385's load_hook_spec (jsonschema 4.26, Python 3.11, called directly with the default
 * recursion limit), on a real hook schema whose `definitions.Deep` nests one keyword that many times
 * (2026-12-07, h29; mixes of keywords overflowed where the summed shares below reach 1, ±1 level).
 * The cost depends on which meta-schema judges the level: cfn's hook meta-schema (`base.definition.schema.v1.json`
 * `#/definitions/properties`) for property schemas; below a `contains`, draft-07's own meta-schema (cheaper per
 * level); below a `patternProperties`, nothing at all (cfn's meta-schema checks only its keys), so there only the
 * document's depth cap applies. [unconfirmed] for the real `cfn` command: it has a few more frames on the stack
 * (its CLI, project loading), so it fails a few levels earlier; that is what the warning band below is for.
 */
export const CFN_OVERFLOW_LEVELS = {
  hookMetaSchema: { properties: 122, items: 162, allOf: 98, anyOf: 98, oneOf: 98, dependencies: 98, contains: 243, patternProperties: Infinity },
  draft07MetaSchema: { properties: 162, items: 162, allOf: 122, anyOf: 122, oneOf: 122, dependencies: 122, contains: 243, patternProperties: 162 },
  unchecked: { properties: Infinity, items: Infinity, allOf: Infinity, anyOf: Infinity, oneOf: Infinity, dependencies: Infinity, contains: Infinity, patternProperties: Infinity },
} as const;

type MetaSchemaContext = keyof typeof CFN_OVERFLOW_LEVELS;

/** Which meta-schema cfn judges a level with, given the keyword that leads into it and the context around it. */
function contextBelow(context: MetaSchemaContext, keyword: NestingKeyword): MetaSchemaContext {
  if (context === 'hookMetaSchema' && keyword === 'contains') return 'draft07MetaSchema';
  if (context === 'hookMetaSchema' && keyword === 'patternProperties') return 'unchecked';
  return context;
}

/**
 * The first length of a chain of `$ref`s at which RefInliner overflows, measured as above: a property's `$ref` to
 * the first of 982 definitions, each a `$ref` to the next, is 983 and overflows; one definition fewer does not.
 */
export const CFN_OVERFLOW_REF_CHAIN = 983;

/** Shares are sums of fractions: 243 × 1/243 may come out a hair below 1. */
export const SHARE_ROUNDING = 1e-9;

/**
 * [choice] From this share of cfn's stack on, a warning: the real `cfn` command has more frames below
 * load_hook_spec than the measurement had, so near the limit it may fail where the measurement did not.
 * 0.8 is 97 levels of `properties`, far past any real schema (the deepest in the sweep nests a handful).
 */
export const CFN_DEPTH_WARNING_SHARE = 0.8;

type NestingKeyword = keyof (typeof CFN_OVERFLOW_LEVELS)['hookMetaSchema'];

/** The deepest point of a document for cfn, and how much of cfn's stack it takes (1 or more: cfn overflows). */
export interface DeepestPoint {
  readonly pointer: string;
  readonly share: number;
  /** What nests there, for the message: e.g. `122 levels of properties`. */
  readonly levels: Readonly<Partial<Record<NestingKeyword, number>>>;
}

interface Pending {
  readonly schema: unknown;
  readonly pointer: string;
  readonly share: number;
  readonly levels: Partial<Record<NestingKeyword, number>>;
  readonly context: MetaSchemaContext;
}

/**
 * The property schema nested deepest (by share of cfn's stack) under typeConfiguration and definitions.
 * Iterative, so that no document can overflow this walk.
 */
export function deepestPropertySchema(document: Record<string, unknown>): DeepestPoint | undefined {
  const stack: Pending[] = [];
  const tc = document.typeConfiguration;
  if (isJsonObject(tc) && isJsonObject(tc.properties)) {
    for (const [name, schema] of Object.entries(tc.properties)) stack.push({ schema, pointer: `/typeConfiguration/properties/${escapePointerToken(name)}`, share: 0, levels: {}, context: 'hookMetaSchema' });
  }
  if (isJsonObject(document.definitions)) {
    for (const [name, schema] of Object.entries(document.definitions)) stack.push({ schema, pointer: `/definitions/${escapePointerToken(name)}`, share: 0, levels: {}, context: 'hookMetaSchema' });
  }
  let deepest: DeepestPoint | undefined;
  while (stack.length > 0) {
    const node = stack.pop() as Pending;
    if (!isJsonObject(node.schema)) continue;
    if (deepest === undefined || node.share > deepest.share) deepest = { pointer: node.pointer, share: node.share, levels: node.levels };
    const deeper = (keyword: NestingKeyword, schema: unknown, pointer: string): void => {
      const levels = { ...node.levels, [keyword]: (node.levels[keyword] ?? 0) + 1 };
      const share = node.share + 1 / CFN_OVERFLOW_LEVELS[node.context][keyword];
      stack.push({ schema, pointer, share, levels, context: contextBelow(node.context, keyword) });
    };
    const { schema, pointer } = node;
    for (const keyword of ['items', 'contains'] as const) if (isJsonObject(schema[keyword])) deeper(keyword, schema[keyword], `${pointer}/${keyword}`);
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[keyword];
      if (Array.isArray(list)) list.forEach((item, i) => deeper(keyword, item, `${pointer}/${keyword}/${i}`));
    }
    for (const keyword of ['properties', 'patternProperties', 'dependencies'] as const) {
      const map = schema[keyword];
      if (isJsonObject(map)) for (const [name, item] of Object.entries(map)) deeper(keyword, item, `${pointer}/${keyword}/${escapePointerToken(name)}`);
    }
  }
  return deepest;
}

/** The longest chain of document-local `$ref`s RefInliner follows one inside the other, and where it starts. */
export interface LongestRefChain {
  readonly pointer: string;
  readonly length: number;
}

/**
 * The longest chain of local `$ref`s, each found inside what the previous one points to, counted up to
 * CFN_OVERFLOW_REF_CHAIN (a longer chain is reported as that long). A cycle ends a chain, as RefInliner's visited
 * set ends it.
 */
export function longestRefChain(document: Record<string, unknown>): LongestRefChain | undefined {
  const localRefs = new Map<string, string[]>();
  /** The local `$ref` values anywhere under `root` (the value `key` points to), found once per key. */
  const refsBelow = (root: unknown, key: string): string[] => {
    const cached = localRefs.get(key);
    if (cached) return cached;
    const found = refsUnder(root).filter((ref) => ref.startsWith('#/'));
    localRefs.set(key, found);
    return found;
  };
  const chainFrom = new Map<string, number>();
  const onPath = new Set<string>();
  // Recursion depth is bounded by CFN_OVERFLOW_REF_CHAIN: a chain stops being followed once it is that long.
  const lengthFrom = (ref: string, depth: number): number => {
    const known = chainFrom.get(ref);
    if (known !== undefined) return known;
    if (onPath.has(ref) || depth >= CFN_OVERFLOW_REF_CHAIN) return 1;
    const target = targetOf(document, ref);
    if (target === undefined) return 1;
    onPath.add(ref);
    let longest = 0;
    for (const next of refsBelow(target, ref)) longest = Math.max(longest, lengthFrom(next, depth + 1));
    onPath.delete(ref);
    const length = Math.min(CFN_OVERFLOW_REF_CHAIN, 1 + longest);
    chainFrom.set(ref, length);
    return length;
  };
  let best: LongestRefChain | undefined;
  const sites: Array<{ value: unknown; pointer: string }> = [{ value: document, pointer: '' }];
  while (sites.length > 0) {
    const { value, pointer } = sites.pop() as { value: unknown; pointer: string };
    if (Array.isArray(value)) value.forEach((item, i) => sites.push({ value: item, pointer: `${pointer}/${i}` }));
    else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const at = `${pointer}/${escapePointerToken(key)}`;
        if (key !== '$ref') sites.push({ value: child, pointer: at });
        else if (typeof child === 'string' && child.startsWith('#/')) {
          const length = lengthFrom(child, 1);
          if (best === undefined || length > best.length) best = { pointer: at, length };
        }
      }
    }
  }
  return best;
}

/** The value a resolvable local `#/…` reference points to (RFC 6901 reading, which real chains use), or undefined. */
function targetOf(document: Record<string, unknown>, ref: string): unknown {
  if (!resolveLocalRefLikeCfn(document, ref).resolves) return undefined;
  let node: unknown = document;
  for (const token of ref.slice(2).split('/')) {
    const key = pythonUnquote(token).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isJsonObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}
