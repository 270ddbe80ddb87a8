/**
 * `Fn::ForEach::<Loop>` expansion (AWS::LanguageExtensions): each item of the collection is put in place of
 * `${Identifier}` and `&{Identifier}` (the item without its non-alphanumeric characters) in the fragment's keys
 * and strings, and of `{"Ref": Identifier}`. Loops nest. Expansion happens before evaluation, as in the service,
 * and keeps for every produced entry the pointer of the fragment that produced it, so errors point at the
 * user's loop.
 */
import { escapePointerToken } from '../../../src/kernel/diagnostics';
import type { JsonValue } from '../../../src/kernel/protocol';
import { evaluate, MAX_DEPTH, type EvaluationContext } from './evaluate';
import { issueAt, ResolveIssue, Where } from './issues';
import { replaceWithin } from './string-budget';
import { describeShape, emptyObject, NO_VALUE, scalarText, setKey } from './values';
import { isJsonObject } from '../../../src/kernel/protocol';

const FOREACH = 'Fn::ForEach::';

/** One key of a section after expansion, with the pointer of where it is written. */
export interface ExpandedEntry {
  readonly key: string;
  readonly value: unknown;
  readonly pointer: string;
}

/** True when the key is a loop. */
export function isLoopKey(key: string): boolean {
  return key.startsWith(FOREACH);
}

/**
 * Expands the loops among a section's keys. `context` evaluates collections (parameters and mappings only);
 * when undefined, the template does not use AWS::LanguageExtensions and any loop is an error.
 */
export function expandSection(section: Record<string, unknown>, pointer: string, context: EvaluationContext | undefined): ExpandedEntry[] {
  const entries = Object.keys(section).map((key) => ({ key, value: section[key], pointer: `${pointer}/${escapePointerToken(key)}` }));
  const out = expandEntries(entries, context, 0);
  const seen = new Map<string, ExpandedEntry>();
  for (const entry of out) {
    const earlier = seen.get(entry.key);
    if (earlier) {
      throw new ResolveIssue('RES_FOREACH', `${entry.key} is declared twice (${earlier.pointer} and ${entry.pointer}); each Fn::ForEach output key must contain \${Identifier} or &{Identifier} and be unique`, entry.pointer);
    }
    seen.set(entry.key, entry);
  }
  return out.map((entry) => (context ? { ...entry, value: expandNested(entry.value, Where.at(entry.pointer), context, 0) } : entry));
}

function expandEntries(entries: readonly ExpandedEntry[], context: EvaluationContext | undefined, depth: number): ExpandedEntry[] {
  const out: ExpandedEntry[] = [];
  for (const entry of entries) {
    if (!isLoopKey(entry.key)) {
      out.push(entry);
      continue;
    }
    const where = Where.at(entry.pointer);
    if (!context) {
      throw issueAt(where, 'RES_LANGUAGE_EXTENSIONS', `${entry.key} needs the AWS::LanguageExtensions transform (add "Transform: AWS::LanguageExtensions" to the template)`);
    }
    if (depth > MAX_DEPTH) throw issueAt(where, 'RES_TOO_DEEP', `Fn::ForEach loops nest deeper than ${MAX_DEPTH} levels`);
    const { identifier, items, fragment } = readLoop(entry.key, entry.value, where, context);
    for (const item of items) {
      const produced = Object.keys(fragment).map((key) => ({
        key: substituteText(key, identifier, item, where),
        value: substitute(fragment[key], identifier, item, where, context, 0),
        pointer: `${entry.pointer}/2/${escapePointerToken(key)}`,
      }));
      for (const expanded of expandEntries(produced, context, depth + 1)) out.push(expanded);
    }
  }
  return out;
}

interface Loop {
  readonly identifier: string;
  readonly items: string[];
  readonly fragment: Record<string, unknown>;
}

function readLoop(key: string, value: unknown, where: Where, context: EvaluationContext): Loop {
  if (!Array.isArray(value) || value.length !== 3) {
    throw issueAt(where, 'RES_FOREACH', `${key} expects [Identifier, [collection…], {OutputKey: OutputValue}], got ${describeShape(value)}`);
  }
  const [identifier, collection, fragment] = value;
  if (typeof identifier !== 'string' || !/^[A-Za-z0-9]+$/.test(identifier)) {
    throw issueAt(where.child(0), 'RES_FOREACH', `${key}: the identifier must be an alphanumeric string, got ${describeShape(identifier)}`);
  }
  if (!isJsonObject(fragment) || Object.keys(fragment).length === 0) {
    throw issueAt(where.child(2), 'RES_FOREACH', `${key}: the third item must be a non-empty {OutputKey: OutputValue} object, got ${describeShape(fragment)}`);
  }
  const evaluated = evaluate(collection, where.child(1), { ...context, block: 'Collection', resources: undefined });
  if (evaluated === NO_VALUE || !Array.isArray(evaluated)) {
    throw issueAt(where.child(1), 'RES_FOREACH', `${key}: the collection must be a list (or a Ref to a CommaDelimitedList parameter), got ${describeShape(evaluated)}`);
  }
  const items = evaluated.map((item, i) => {
    const text = scalarText(item);
    if (text === undefined) throw issueAt(where.child(1).child(i), 'RES_FOREACH', `${key}: collection items must be strings, got ${describeShape(item)}`);
    return text;
  });
  // A key without the identifier is the same key in every iteration: a fault only when there are two or more (the
  // transform's own tests expand a one-item loop with such a key: aws-sam-cli's LanguageExtensions compatibility suite).
  for (const outputKey of items.length > 1 ? Object.keys(fragment) : []) {
    if (!isLoopKey(outputKey) && !outputKey.includes(`\${${identifier}}`) && !outputKey.includes(`&{${identifier}}`)) {
      throw issueAt(where.child(2).child(outputKey), 'RES_FOREACH', `${key}: the output key ${outputKey} must contain \${${identifier}} or &{${identifier}}, or every iteration produces the same key`);
    }
  }
  return { identifier, items, fragment };
}

/** `${Identifier}` replaced by the item and `&{Identifier}` by its alphanumeric characters, within the string budget. */
function substituteText(text: string, identifier: string, item: string, where: Where): string {
  if (!text.includes('{')) return text;
  const fn = 'Fn::ForEach';
  const replaced = replaceWithin(text, `\${${identifier}}`, item, where, fn);
  return replaceWithin(replaced, `&{${identifier}}`, item.replace(/[^A-Za-z0-9]/g, ''), where, fn);
}

/** A deep copy of a fragment with the identifier replaced; counts nodes against the shared budget. */
function substitute(value: unknown, identifier: string, item: string, where: Where, context: EvaluationContext, depth: number): JsonValue {
  if (depth > MAX_DEPTH) throw issueAt(where, 'RES_TOO_DEEP', `the Fn::ForEach fragment nests deeper than ${MAX_DEPTH} levels`);
  context.budget.spend(where);
  if (typeof value === 'string') return substituteText(value, identifier, item, where);
  if (Array.isArray(value)) return value.map((v) => substitute(v, identifier, item, where, context, depth + 1));
  if (!isJsonObject(value)) return value as JsonValue;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier) return item;
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const collapsed = plainSub(value['Fn::Sub'], identifier, item, where);
    if (collapsed !== undefined) return collapsed;
  }
  const out = emptyObject();
  for (const key of keys) setKey(out, substituteText(key, identifier, item, where), substitute(value[key], identifier, item, where, context, depth + 1));
  return out;
}

/**
 * An `Fn::Sub` whose only variables are the loop's becomes the plain string it names, as the transform writes it, so
 * it may stand where no function may: `DependsOn: [!Sub '${Name}Addon']`, `!Ref {Fn::Sub: '${Name}Cluster'}` (cfn-lint's
 * expansion, kept by CloudFormation's team, does the same). Undefined when a `${…}` is left for evaluation.
 */
function plainSub(sub: unknown, identifier: string, item: string, where: Where): string | undefined {
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) && sub.length === 2 && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (text === undefined || !(text.includes(`\${${identifier}}`) || text.includes(`&{${identifier}}`))) return undefined;
  const replaced = substituteText(text, identifier, item, where);
  return replaced.includes('${') ? undefined : replaced;
}

/** Expands loops written inside a resource or output (e.g. in its Properties). */
function expandNested(value: unknown, where: Where, context: EvaluationContext, depth: number): unknown {
  if (depth > MAX_DEPTH) throw issueAt(where, 'RES_TOO_DEEP', `the template nests deeper than ${MAX_DEPTH} levels here`);
  if (Array.isArray(value)) {
    context.budget.spend(where);
    return value.map((item, i) => expandNested(item, where.child(i), context, depth + 1));
  }
  if (!isJsonObject(value)) return value;
  context.budget.spend(where);
  const keys = Object.keys(value);
  const out = emptyObject();
  if (!keys.some(isLoopKey)) {
    for (const key of keys) setKey(out, key, expandNested(value[key], where.child(key), context, depth + 1) as JsonValue);
    return out;
  }
  const entries = expandEntries(
    keys.map((key) => ({ key, value: value[key], pointer: where.child(key).pointer() })),
    context,
    depth,
  );
  for (const entry of entries) setKey(out, entry.key, expandNested(entry.value, Where.at(entry.pointer), context, depth + 1) as JsonValue);
  return out;
}
