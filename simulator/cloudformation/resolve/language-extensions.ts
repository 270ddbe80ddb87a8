/**
 * `Fn::ForEach::<Loop>` expansion (AWS::LanguageExtensions): each item of the collection is put in place of
 * `${Identifier}` and `&{Identifier}` (the item without its non-alphanumeric characters) in the fragment's keys
 * and strings, and of `{"Ref": Identifier}`. Loops nest. Expansion happens before evaluation, as in the service,
 * and keeps for every produced entry the pointer of the fragment that produced it, so errors point at the
 * user's loop.
 */
import { escapePointerToken } from '../../../src/kernel/diagnostics';
import type { JsonValue } from '../../../src/kernel/protocol';
import { LANGUAGE_EXTENSIONS } from '../template/intrinsics';
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
  refuseTransformLayouts(key, fragment, where.child(2), context);
  return { identifier, items, fragment };
}

/**
 * The layouts the transform itself fails on inside a loop's fragment, which expansion would otherwise hide. The service
 * reads a mapping whose first key is `Condition` as the `Condition` function, so (key order is the source's: the YAML
 * and JSON readers keep it, and a numeric-like key, which JavaScript lists first, is no resource or output attribute):
 * - a fragment value (a resource, an output, a property of a loop inside properties) with `Condition` first and other
 *   keys after it is "Condition layout is incorrect" (AWS template reference, `Fn::ForEach` Conditions examples:
 *   "Stack creation will fail if Conditions is the first property listed"; cfn-language-discussion#147). A lone
 *   `{Condition: Name}`, a condition built from another in a `Conditions` loop, is the function's own layout and kept.
 * - `Fn::ToJsonString` of a mapping with `Condition` first fails too (cfn-language-discussion#156, a one-key mapping).
 *   [unconfirmed] that a mapping with more keys gets the same text; only the function's direct argument is checked.
 * - `Fn::If` whose condition name is a function: the transform resolves no function there ("Fn::If layout is
 *   incorrect", cfn-language-discussion#135; cfn-lint#4418 stopped its own expansion resolving them). Substitution
 *   would turn `!Sub 'Is${X}'` or `!Ref X` into the plain name and hide it. A plain `'Is${X}'` is fine.
 */
function refuseTransformLayouts(loopKey: string, fragment: Record<string, unknown>, where: Where, context: EvaluationContext): void {
  const failed = (at: Where, what: string): ResolveIssue => issueAt(at, 'RES_FOREACH', `Transform ${LANGUAGE_EXTENSIONS} failed with: ${what}`);
  for (const outputKey of Object.keys(fragment)) {
    const value = fragment[outputKey];
    if (!isLoopKey(outputKey) && isJsonObject(value)) {
      const keys = Object.keys(value);
      if (keys.length > 1 && keys[0] === 'Condition') {
        throw failed(where.child(outputKey).child('Condition'), `Condition layout is incorrect (${loopKey}: Condition is the first key of ${outputKey}; list it second or later)`);
      }
    }
  }
  const walk = (value: unknown, at: Where, depth: number): void => {
    // Deeper nesting is refused by the substitution that follows, with its own message.
    if (depth > MAX_DEPTH) return;
    context.budget.spend(at);
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, at.child(i), depth + 1));
      return;
    }
    if (!isJsonObject(value)) return;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Fn::ToJsonString') {
      const argument = value['Fn::ToJsonString'];
      if (isJsonObject(argument) && Object.keys(argument)[0] === 'Condition') {
        throw failed(at.child('Fn::ToJsonString').child('Condition'), `Fn::ToJsonString does not support Condition intrinsic function for resource ${loopKey}`);
      }
    }
    if (keys.length === 1 && keys[0] === 'Fn::If') {
      const argument = value['Fn::If'];
      if (Array.isArray(argument) && isJsonObject(argument[0])) {
        throw failed(at.child('Fn::If').child(0), `Fn::If layout is incorrect (${loopKey}: the condition name must be written as a string, 'Name\${Identifier}'; the transform resolves no function there)`);
      }
    }
    for (const key of keys) walk(value[key], at.child(key), depth + 1);
  };
  walk(fragment, where, 0);
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
 * expansion, kept by CloudFormation's team, does the same). Undefined when a `${…}` is left for evaluation. Not where the
 * transform resolves nothing, `Fn::If`'s condition name: `refuseTransformLayouts` has refused that before substitution.
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
