/**
 * Turns ajv's errors against the hook meta-schema into findings a person can act on: one per mistake, with
 * the rule it breaks, the place, what was found and what is allowed. ajv's internal noise (`if` wrappers,
 * repeats) does not leak to users.
 */
import type { ErrorObject } from 'ajv';
import { escapePointerToken } from '../kernel/diagnostics';
import {
  HANDLER_NAMES,
  HOOK_META_SCHEMA,
  PROPERTY_KEYWORDS,
  TOP_LEVEL_KEYS,
  TYPE_CONFIGURATION_KEYS,
} from './meta-schema';
import { closestName, duplicateItems, jsonTypeOf, quote, readablePath } from './finding-wording';
import { isPythonTruthy, valueAt } from './document-values';
import type { RuleFinding } from './rule-finding';
import type { SchemaRuleId } from './rules';

const HANDLER_KEYS = ['targetNames', 'permissions'] as const;

/**
 * The meta-schema's nodes, by identity. An ajv error (with `verbose`) carries the schema object whose keyword
 * failed; comparing objects is exact where schemaPath is not (inside a $ref it restarts at '#').
 */
const M = HOOK_META_SCHEMA;
const NODE = {
  root: M,
  handlers: M.properties.handlers,
  handler: M.definitions.handler,
  typeConfiguration: M.properties.typeConfiguration,
  configurationProperties: M.properties.typeConfiguration.properties.properties,
  definitions: M.properties.definitions,
  property: M.definitions.property,
  nestedProperties: M.definitions.property.properties.properties,
  remote: M.properties.remote,
  typeName: M.properties.typeName,
  url: M.properties.sourceUrl,
  hookType: M.properties.type,
  typeKeywordName: M.definitions.property.properties.type.then,
  typeKeywordList: M.definitions.property.properties.type.else,
  typeKeywordItem: M.definitions.property.properties.type.else.items,
  enumNeedsType: M.definitions.property.dependencies.enum,
  constNeedsType: M.definitions.property.dependencies.const,
  propertiesWithPatternProperties: M.definitions.property.dependencies.properties,
  multipleOf: M.definitions.property.properties.multipleOf,
} as const;
const FALSE_ONLY: readonly object[] = [M.properties.additionalProperties, M.properties.typeConfiguration.properties.additionalProperties, M.definitions.property.properties.additionalProperties];

/** Findings for the errors of one meta-schema validation of `document` (ajv run with `verbose`). */
export function metaSchemaFindings(errors: readonly ErrorObject[], document: unknown): RuleFinding<SchemaRuleId>[] {
  const findings: RuleFinding<SchemaRuleId>[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const finding = translate(error, document);
    if (!finding) continue;
    const key = `${finding.rule}\u0000${finding.path}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

function translate(error: ErrorObject, document: unknown): RuleFinding<SchemaRuleId> | undefined {
  const at = error.instancePath;
  const where = readablePath(at);
  const node: unknown = error.parentSchema;
  const value = valueAt(document, at);
  switch (error.keyword) {
    case 'if':
      // ajv reports the failed `then`/`else` branch as its own error; the `if` wrapper is noise.
      return undefined;
    case 'additionalProperties':
      return unknownKey(node, at, String((error.params as { additionalProperty: string }).additionalProperty), document);
    case 'required':
      return missingKey(node, at, String((error.params as { missingProperty: string }).missingProperty), where);
    case 'not':
      if (node === NODE.propertiesWithPatternProperties) {
        return {
          rule: 'HS112',
          path: at,
          message: `${where}: has both properties and patternProperties; an object is either a record with named properties or a map, use one of them`,
        };
      }
      if (node === NODE.multipleOf) return { rule: 'HS113', path: at, message: `${where}: is ${String(value)}; expected a number greater than 0` };
      break;
    case 'const':
      if (FALSE_ONLY.includes(node as object)) {
        return { rule: 'HS105', path: at, message: `${where}: is ${quote(value)}; it must be false (every input must be described by the schema)` };
      }
      if (node === NODE.hookType) {
        return { rule: 'HS113', path: at, message: `${where}: is ${quote(value)}; when present it must be 'HOOK'` };
      }
      break;
    case 'pattern':
      if (node === NODE.typeName) {
        return {
          rule: 'HS103',
          path: at,
          message: `typeName: ${quote(value)} is not Organization::Service::Hook; expected three segments of 2–64 letters or digits separated by '::'`,
        };
      }
      if (node === NODE.url) {
        return { rule: 'HS104', path: at, message: `${where}: ${quote(value)} is not an https URL; expected https://host[:port][/path]` };
      }
      break;
    case 'minimum':
    case 'maximum':
      // NaN and ±inf (Python's json reads them) are not integers to cfn; ajv reports them as out of range instead.
      if (typeof value === 'number' && !Number.isFinite(value) && (node as { type?: unknown }).type === 'integer') {
        return { rule: 'HS113', path: at, message: `${where}: is ${String(value)}; expected integer` };
      }
      break;
    case 'maxLength':
      if (node === NODE.url) {
        return { rule: 'HS104', path: at, message: `${where}: is ${String(value).length} characters long; at most 4096 are allowed` };
      }
      break;
    case 'type':
      if (typeof value === 'number' && !Number.isFinite(value)) return { rule: 'HS113', path: at, message: `${where}: is ${String(value)}; expected integer` };
      if (node === NODE.typeKeywordList) {
        return { rule: 'HS113', path: at, message: `${where}: is ${jsonTypeOf(value)}; expected a type name or an array of type names` };
      }
      break;
    case 'enum':
      if (node === NODE.typeKeywordName || node === NODE.typeKeywordItem) {
        return { rule: 'HS113', path: at, message: `${where}: ${quote(value)} is not a JSON type; expected one of array, boolean, integer, null, number, object, string` };
      }
      break;
    default:
      break;
  }
  return { rule: 'HS113', path: at, message: `${where}: ${describeGenericError(error, value)}` };
}

function unknownKey(node: unknown, parent: string, key: string, document: unknown): RuleFinding<SchemaRuleId> | undefined {
  const path = `${parent}/${escapePointerToken(key)}`;
  const where = readablePath(parent);
  const hint = (allowed: readonly string[]): string => {
    const near = closestName(key, allowed);
    return `${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${allowed.join(', ')}`;
  };
  switch (node) {
    case NODE.root:
      // A non-empty `properties` gets cfn's own, more specific message (HS114) from the code checks.
      if (key === 'properties') {
        if (isPythonTruthy(valueAt(document, path))) return undefined;
        return { rule: 'HS102', path, message: "unknown top-level key 'properties': hook types do not support 'properties' directly; remove it, and declare configuration in typeConfiguration.properties" };
      }
      return { rule: 'HS102', path, message: `unknown top-level key '${key}'${hint(TOP_LEVEL_KEYS)}` };
    case NODE.handlers:
      return { rule: 'HS106', path, message: `handlers: unknown handler '${key}'${hint(HANDLER_NAMES)}` };
    case NODE.handler:
      return { rule: 'HS107', path, message: `${where}: unknown key '${key}'${hint(HANDLER_KEYS)}` };
    case NODE.typeConfiguration:
      return { rule: 'HS108', path, message: `typeConfiguration: unknown key '${key}'${hint(TYPE_CONFIGURATION_KEYS)}` };
    case NODE.configurationProperties:
      return {
        rule: 'HS109',
        path,
        message: /^CloudFormation[A-Za-z0-9]{0,50}$/.test(key)
          ? `typeConfiguration.properties: '${key}' starts with 'CloudFormation', which is reserved for the service; rename it`
          : `typeConfiguration.properties: '${key}' is not a valid property name; expected 1–64 letters or digits`,
      };
    case NODE.definitions:
      return { rule: 'HS109', path, message: `definitions: '${key}' is not a valid definition name; expected 1–64 letters or digits` };
    case NODE.nestedProperties:
      return { rule: 'HS109', path, message: `${where}: '${key}' is not a valid property name; expected 1–64 letters or digits` };
    case NODE.property:
      return { rule: 'HS110', path, message: `${where}: unknown keyword '${key}'${hint(PROPERTY_KEYWORDS)}` };
    case NODE.remote:
      return { rule: 'HS113', path, message: `remote: '${key}' is not a valid key; expected schema<N> (remote is reserved for CloudFormation use)` };
    default:
      return { rule: 'HS113', path, message: `${where}: unknown key '${key}'` };
  }
}

function missingKey(node: unknown, parent: string, key: string, where: string): RuleFinding<SchemaRuleId> {
  switch (node) {
    case NODE.root:
      return { rule: 'HS101', path: parent, message: `missing required top-level key '${key}'` };
    case NODE.handler:
      return { rule: 'HS107', path: parent, message: `${where}: missing required key '${key}' (a handler has exactly targetNames and permissions)` };
    case NODE.typeConfiguration:
      return { rule: 'HS108', path: parent, message: `typeConfiguration: missing required key '${key}'` };
    case NODE.enumNeedsType:
    case NODE.constNeedsType: {
      const keyword = node === NODE.enumNeedsType ? 'enum' : 'const';
      return { rule: 'HS111', path: parent, message: `${where}: uses ${keyword} without a type; add "type" so the values are strongly typed` };
    }
    default:
      return { rule: 'HS113', path: parent, message: `${where}: missing required key '${key}'` };
  }
}

/** What an ajv error says about `value`, as the second half of a message. */
export function describeGenericError(error: ErrorObject, value: unknown): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `is ${jsonTypeOf(value)}; expected ${String(params.type).split(',').join(' or ')}`;
    case 'minItems':
      return `has ${Array.isArray(value) ? value.length : 0} items; expected at least ${String(params.limit)}`;
    case 'maxItems':
      return `has ${Array.isArray(value) ? value.length : 0} items; expected at most ${String(params.limit)}`;
    case 'minProperties':
      return `is empty; expected at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}`;
    case 'uniqueItems': {
      const { first, second } = duplicateItems(params);
      return `items ${first} and ${second} are equal; items must be unique`;
    }
    case 'enum':
      return `${quote(value)} is not allowed; expected one of ${(params.allowedValues as unknown[]).map((v) => quote(v)).join(', ')}`;
    case 'const':
      return `is ${quote(value)}; expected ${quote(params.allowedValue)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `is ${quote(value)}; expected a value ${String(params.comparison)} ${String(params.limit)}`;
    case 'pattern':
      return `${quote(value)} does not match ${String(params.pattern)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
