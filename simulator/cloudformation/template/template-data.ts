/**
 * Turns what a parser produced into the template's data: plain JSON values in objects without a
 * prototype, so `__proto__`, `constructor` or `toString` written as keys are ordinary data and a lookup
 * of a name that is not there is `undefined`, never something inherited from Object.prototype.
 *
 * It is also where hostile input is stopped. js-yaml shares one object for every use of an anchor, so
 * ten nested aliases of ten can stand for a billion nodes in a few hundred bytes: the walk sizes shared
 * values before copying them and stops at a node budget, and it bounds nesting depth whichever way it
 * arises (written, or built up through aliases).
 */
import { toPointer } from '../../../src/kernel/diagnostics';
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { READER_GUARDS } from './limits';
import { LANGUAGE_EXTENSIONS, SERVERLESS } from './intrinsics';
import type { TemplateIssue } from './template-diagnostic';
import { isSamType } from '../../../src/kernel/resource-catalog';

export interface TemplateDataBounds {
  readonly maxDepth: number;
  /** Most value nodes the copied document may have once aliases are expanded. */
  readonly maxNodes: number;
}

/** Thrown inside the walk to stop it at once (budget or depth); carries the issue to report. */
class StopWalk extends Error {
  constructor(readonly issue: TemplateIssue) {
    super(issue.message);
  }
}

/** Result of the walk: the data, and every issue found (nulls and the like do not stop the walk). */
export interface TemplateData {
  readonly value: JsonValue;
  readonly issues: readonly TemplateIssue[];
  /** Keys whose value was null and that were left out, as AWS::LanguageExtensions leaves them out (warnings). */
  readonly dropped: readonly TemplateIssue[];
}


/** Copies `root` into safe JSON data, enforcing depth, alias expansion and CloudFormation's value rules. */
export function toTemplateData(root: unknown, bounds: TemplateDataBounds, mayShare: boolean): TemplateData {
  const transforms = declaredTransformNames(root);
  const sam = transforms.includes(SERVERLESS) ? serverlessParts(root) : NO_SERVERLESS_PARTS;
  const walk = new DataWalk(bounds, mayShare, transforms.includes(LANGUAGE_EXTENSIONS), sam);
  try {
    return { value: walk.copy(root, 0), issues: walk.issues, dropped: walk.dropped };
  } catch (error) {
    if (error instanceof StopWalk) return { value: null, issues: [error.issue], dropped: [] };
    throw error;
  }
}

/**
 * The transforms the parsed document's `Transform` names (read before the walk, from the parser's own objects: the
 * template layer's `transformEntries` reads template data, which this walk is making). Two change what a null means,
 * as the service runs them before it checks for nulls:
 * - [choice] AWS::LanguageExtensions leaves out every key whose value is null (aws-cloudformation/cfn-language-discussion#100,
 *   reported by cfn-lint's maintainer; aws-samples/amazon-vpc-lattice-blueprints deploys a `Fn::ForEach` output that
 *   holds such a key);
 * - the SAM transform reads a null property of one of its resources, or of one of their event sources, as not given
 *   (samtranslator skips None properties; the .NET Lambda blueprints write `"Role": null` beside `Policies`), and writes a state machine's `Definition` out
 *   as JSON text (the generated `DefinitionString`), where a null is the JSON `null` Step Functions reads
 *   (`ResultPath: null` discards a state's result; cfn-lint#1657, aws-samples' Step Functions examples deploy it).
 * The reader does the same (a null property left out with a warning, a null in a definition kept) where a
 * template without them is refused.
 */
function declaredTransformNames(root: unknown): unknown[] {
  if (typeof root !== 'object' || root === null || Array.isArray(root) || !Object.hasOwn(root, 'Transform')) return [];
  const declared = (root as Record<string, unknown>)['Transform'];
  return (Array.isArray(declared) ? declared : [declared]).map((entry) => (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>)['Name'] : entry));
}

/** Where the SAM transform changes what a null means, as the parser's own objects. */
interface ServerlessParts {
  /** The `Properties` of each `AWS::Serverless::*` resource and of its `Events`: a null property is not given. */
  readonly properties: ReadonlySet<object>;
  /** The `Definition` of each `AWS::Serverless::StateMachine`: written out as JSON text, nulls and all. */
  readonly definitions: ReadonlySet<object>;
}

const NO_SERVERLESS_PARTS: ServerlessParts = { properties: new Set(), definitions: new Set() };

function serverlessParts(root: unknown): ServerlessParts {
  const properties = new Set<object>();
  const definitions = new Set<object>();
  const resources = (root as Record<string, unknown>)['Resources'];
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) return { properties, definitions };
  for (const resource of Object.values(resources as Record<string, unknown>)) {
    if (typeof resource !== 'object' || resource === null) continue;
    const { Type: type, Properties: props } = resource as Record<string, unknown>;
    if (typeof type !== 'string' || !isSamType(type) || typeof props !== 'object' || props === null) continue;
    properties.add(props);
    // An event source's properties are read by the same property types as the resource's own (None is not given).
    const events = (props as Record<string, unknown>)['Events'];
    for (const event of typeof events === 'object' && events !== null ? Object.values(events as Record<string, unknown>) : []) {
      const eventProperties = typeof event === 'object' && event !== null ? (event as Record<string, unknown>)['Properties'] : undefined;
      if (typeof eventProperties === 'object' && eventProperties !== null && !Array.isArray(eventProperties)) properties.add(eventProperties);
    }
    const definition = type === 'AWS::Serverless::StateMachine' ? (props as Record<string, unknown>)['Definition'] : undefined;
    if (typeof definition === 'object' && definition !== null) definitions.add(definition);
  }
  return { properties, definitions };
}

class DataWalk {
  readonly issues: TemplateIssue[] = [];
  readonly dropped: TemplateIssue[] = [];
  private nodes = 0;
  private readonly path: Array<string | number> = [];
  private readonly seen: Set<object> | undefined;
  private readonly sizes = new Map<object, number>();
  /** Above 0 inside a SAM state machine's `Definition`, where a null is kept. */
  private nullsKept = 0;

  constructor(
    private readonly bounds: TemplateDataBounds,
    mayShare: boolean,
    private readonly dropNullPairs: boolean,
    private readonly serverless: ServerlessParts,
  ) {
    this.seen = mayShare ? new Set() : undefined;
  }

  copy(value: unknown, depth: number): JsonValue {
    this.nodes += 1;
    if (this.nodes > this.bounds.maxNodes) this.stopForExpansion();
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (!Number.isFinite(value)) {
          this.report(
            'TPL_NON_FINITE_NUMBER',
            `${String(value)} (.inf or .nan in YAML) is not a number a CloudFormation template can hold; quote it if you mean the text`,
          );
          return String(value);
        }
        return value;
      case 'object':
        if (value === null) break;
        return this.copyCollection(value, depth);
      default:
        break;
    }
    if (value === null && this.nullsKept > 0) return null;
    if (value === null || value === undefined) {
      // The service's own wording: it refuses null anywhere, e.g. an empty `Properties:`.
      this.report('TPL_NULL_VALUE', `[${toPointer(this.path)}] 'null' values are not allowed in templates`);
      return null;
    }
    this.report('TPL_UNREADABLE', `a ${typeof value} value cannot appear in a template`);
    return null;
  }

  private copyCollection(value: object, depth: number): JsonValue {
    if (depth >= this.bounds.maxDepth) this.stopForDepth();
    if (this.seen) {
      if (this.seen.has(value)) {
        // An alias: the same object again. Size it before copying so a bomb is refused at once.
        if (this.nodes + this.expandedSize(value, depth) > this.bounds.maxNodes) this.stopForExpansion();
      } else {
        this.seen.add(value);
      }
    }
    if (Array.isArray(value)) {
      const out: JsonValue[] = new Array<JsonValue>(value.length);
      for (let i = 0; i < value.length; i++) {
        this.path.push(i);
        out[i] = this.copy(value[i], depth + 1);
        this.path.pop();
      }
      return out;
    }
    // Made empty and then given a null prototype, before any key is set: V8 keeps such an object in fast mode
    // (shared hidden classes), where Object.create(null) makes a dictionary-mode one, slower for every later
    // lookup, Object.keys and JSON.stringify of the template's data (-8% instructions for a 500-resource update).
    // With no prototype there is no `__proto__` setter, so every key below is still an own data property.
    const out = Object.setPrototypeOf({}, null) as JsonObject;
    const source = value as Record<string, unknown>;
    const nullsLeftOut = this.dropNullPairs ? LANGUAGE_EXTENSIONS : this.serverless.properties.size > 0 && this.serverless.properties.has(value) ? SERVERLESS : undefined;
    for (const key of Object.keys(source)) {
      this.path.push(key);
      if (key === '[object Object]') {
        this.report('TPL_NON_SCALAR_KEY', 'a mapping key must be a plain scalar such as a name, not a sequence, mapping or tagged value', true);
      }
      if (key === '<<') {
        this.report(
          'TPL_MERGE_KEY',
          'YAML merge keys (<<) are not supported by CloudFormation; write the keys out (`aws cloudformation package`, `sam deploy` and `rain` expand merge keys and aliases before CloudFormation reads the template: simulate the template they write)',
          true,
        );
      }
      const child = source[key];
      if (child === null && nullsLeftOut === LANGUAGE_EXTENSIONS && this.path.length === 2 && (this.path[0] === 'Resources' || this.path[0] === 'Outputs')) {
        // The transform leaves null properties and attributes out, but not a whole resource or output: its own parser
        // refuses those (aws-sam-cli's port of it, checked against the service's implementation).
        const what = this.path[0] === 'Resources' ? 'resource definition is malformed' : "'null' values are not allowed in templates";
        this.report('TPL_NULL_VALUE', `Transform ${LANGUAGE_EXTENSIONS} failed with: [${toPointer(this.path)}] ${what}`);
        this.path.pop();
        continue;
      }
      if (child === null && nullsLeftOut !== undefined && key !== 'Fn::GetAZs') {
        this.dropped.push({
          code: 'TPL_NULL_DROPPED',
          pointer: toPointer(this.path),
          message: `${key} is null: the ${nullsLeftOut} transform ${nullsLeftOut === SERVERLESS ? 'reads it as not given' : 'leaves the key out'}, as CloudFormation would (give it a value, or remove it)`,
          atKey: true,
        });
        this.path.pop();
        continue;
      }
      if (nullsLeftOut === SERVERLESS && key === 'Definition' && this.serverless.definitions.has(child as object)) {
        // Only a SAM resource's properties can hold one, so the rest of the walk pays nothing for it.
        this.nullsKept += 1;
        out[key] = this.copy(child, depth + 1);
        this.nullsKept -= 1;
        this.path.pop();
        continue;
      }
      // cfn-flip writes `!GetAZs` (no argument: this region) as `"Fn::GetAZs": null`; it means "".
      out[key] = child === null && key === 'Fn::GetAZs' ? '' : this.copy(child, depth + 1);
      this.path.pop();
    }
    return out;
  }

  /** Nodes `value` stands for once every alias inside it is expanded; memoised, so shared parts cost once. */
  private expandedSize(value: unknown, depth: number): number {
    if (typeof value !== 'object' || value === null) return 1;
    const known = this.sizes.get(value);
    if (known !== undefined) return known;
    if (depth >= this.bounds.maxDepth) this.stopForDepth();
    let size = 1;
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    for (const child of children) {
      size += this.expandedSize(child, depth + 1);
      if (size > this.bounds.maxNodes) break;
    }
    this.sizes.set(value, size);
    return size;
  }

  private report(code: TemplateIssue['code'], message: string, atKey = false): void {
    if (this.issues.length < READER_GUARDS.maxIssues) this.issues.push({ code, pointer: toPointer(this.path), message, atKey });
  }

  private stopForExpansion(): never {
    throw new StopWalk({
      code: 'TPL_ALIAS_EXPANSION',
      pointer: toPointer(this.path),
      message: `YAML aliases here expand to more than ${this.bounds.maxNodes} values (an alias bomb, "billion laughs"); refused before expanding it`,
    });
  }

  private stopForDepth(): never {
    throw new StopWalk({
      code: 'TPL_TOO_DEEP',
      pointer: toPointer(this.path),
      message: `the template nests more than ${this.bounds.maxDepth} levels deep; no CloudFormation template needs that, so it is refused`,
    });
  }
}
