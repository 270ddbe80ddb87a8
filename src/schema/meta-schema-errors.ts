/**
 * Turns ajv's errors against the hook meta-schema into findings a person can act on: one per mistake, with
 * the rule it breaks, the place, what was found and what is allowed. ajv's internal noise (`if` wrappers,
 * repeats) does not leak to users.
 */
import type { ErrorObject } from 'ajv';
import { escapePointerToken } from '../diagnostics';
import {
  CONFIGURATION_PROPERTY_NAME_PATTERN,
  HANDLER_NAMES,
  PROPERTY_KEYWORDS,
  TOP_LEVEL_KEYS,
  TYPE_CONFIGURATION_KEYS,
} from './meta-schema';
import { closestName, type Finding, isObject, jsonTypeOf, quote, readablePath, valueAt } from './finding';
import type { SchemaRuleId } from './rules';

const HANDLER_KEYS = ['targetNames', 'permissions'] as const;
const PROPERTY = '#/definitions/property/';

/** Findings for the errors of one meta-schema validation of `document`. */
export function metaSchemaFindings(errors: readonly ErrorObject[], document: unknown): Finding<SchemaRuleId>[] {
  const findings: Finding<SchemaRuleId>[] = [];
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

function translate(error: ErrorObject, document: unknown): Finding<SchemaRuleId> | undefined {
  const at = error.instancePath;
  const where = readablePath(at);
  const schemaPath = error.schemaPath;
  const value = valueAt(document, at);
  switch (error.keyword) {
    case 'if':
      // ajv reports the failed `then`/`else` branch as its own error; the `if` wrapper is noise.
      return undefined;
    case 'additionalProperties':
      return unknownKey(schemaPath, at, String((error.params as { additionalProperty: string }).additionalProperty), document);
    case 'required':
      return missingKey(schemaPath, at, String((error.params as { missingProperty: string }).missingProperty), where);
    case 'not':
      if (schemaPath.endsWith('/dependencies/properties/not')) {
        return {
          rule: 'HS112',
          path: at,
          message: `${where}: has both properties and patternProperties; an object is either a record with named properties or a map, use one of them`,
        };
      }
      break;
    case 'const':
      if (schemaPath.endsWith('additionalProperties/const')) {
        return { rule: 'HS105', path: at, message: `${where}: is ${quote(value)}; it must be false (every input must be described by the schema)` };
      }
      if (schemaPath === '#/properties/type/const') {
        return { rule: 'HS113', path: at, message: `${where}: is ${quote(value)}; when present it must be 'HOOK'` };
      }
      break;
    case 'pattern':
      if (schemaPath === '#/properties/typeName/pattern') {
        return {
          rule: 'HS103',
          path: at,
          message: `typeName: ${quote(value)} is not Organization::Service::Hook; expected three segments of 2–64 letters or digits separated by '::'`,
        };
      }
      if (/^#\/properties\/(sourceUrl|documentationUrl)\/pattern$/.test(schemaPath)) {
        return { rule: 'HS104', path: at, message: `${where}: ${quote(value)} is not an https URL; expected https://host[:port][/path]` };
      }
      break;
    case 'maxLength':
      if (/^#\/properties\/(sourceUrl|documentationUrl)\/maxLength$/.test(schemaPath)) {
        return { rule: 'HS104', path: at, message: `${where}: is ${String(value).length} characters long; at most 4096 are allowed` };
      }
      break;
    case 'type':
      if (schemaPath === `${PROPERTY}properties/type/else/type`) {
        return { rule: 'HS113', path: at, message: `${where}: is ${jsonTypeOf(value)}; expected a type name or an array of type names` };
      }
      break;
    case 'enum':
      if (schemaPath.startsWith(`${PROPERTY}properties/type/`)) {
        return {
          rule: 'HS113',
          path: at,
          message: `${where}: ${quote(value)} is not a JSON type; expected one of array, boolean, integer, null, number, object, string`,
        };
      }
      break;
    default:
      break;
  }
  return { rule: 'HS113', path: at, message: `${where}: ${describeGenericError(error, value)}` };
}

function unknownKey(schemaPath: string, parent: string, key: string, document: unknown): Finding<SchemaRuleId> | undefined {
  const path = `${parent}/${escapePointerToken(key)}`;
  const where = readablePath(parent);
  const hint = (allowed: readonly string[]): string => {
    const near = closestName(key, allowed);
    return `${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${allowed.join(', ')}`;
  };
  switch (schemaPath) {
    case '#/additionalProperties': {
      // A non-empty `properties` gets cfn's own, more specific message (HS114) from the code checks.
      if (key === 'properties' && isPythonTruthy(valueAt(document, path))) return undefined;
      return { rule: 'HS102', path, message: `unknown top-level key '${key}'${hint(TOP_LEVEL_KEYS)}` };
    }
    case '#/properties/handlers/additionalProperties':
      return { rule: 'HS106', path, message: `handlers: unknown handler '${key}'${hint(HANDLER_NAMES)}` };
    case '#/definitions/handler/additionalProperties':
      return { rule: 'HS107', path, message: `${where}: unknown key '${key}'${hint(HANDLER_KEYS)}` };
    case '#/properties/typeConfiguration/additionalProperties':
      return { rule: 'HS108', path, message: `typeConfiguration: unknown key '${key}'${hint(TYPE_CONFIGURATION_KEYS)}` };
    case '#/properties/typeConfiguration/properties/properties/additionalProperties':
      return {
        rule: 'HS109',
        path,
        message: new RegExp(CONFIGURATION_PROPERTY_NAME_PATTERN.replace('(?!CloudFormation)', '')).test(key)
          ? `typeConfiguration.properties: '${key}' starts with 'CloudFormation', which is reserved for the service; rename it`
          : `typeConfiguration.properties: '${key}' is not a valid property name; expected 1–64 letters or digits`,
      };
    case '#/properties/definitions/additionalProperties':
      return { rule: 'HS109', path, message: `definitions: '${key}' is not a valid definition name; expected 1–64 letters or digits` };
    case `${PROPERTY}properties/properties/additionalProperties`:
      return { rule: 'HS109', path, message: `${where}: '${key}' is not a valid property name; expected 1–64 letters or digits` };
    case `${PROPERTY}additionalProperties`:
      return { rule: 'HS110', path, message: `${where}: unknown keyword '${key}'${hint(PROPERTY_KEYWORDS)}` };
    case '#/properties/remote/additionalProperties':
      return { rule: 'HS113', path, message: `remote: '${key}' is not a valid key; expected schema<N> (remote is reserved for CloudFormation use)` };
    default:
      return { rule: 'HS113', path, message: `${where}: unknown key '${key}'` };
  }
}

function missingKey(schemaPath: string, parent: string, key: string, where: string): Finding<SchemaRuleId> {
  switch (schemaPath) {
    case '#/required':
      return { rule: 'HS101', path: parent, message: `missing required top-level key '${key}'` };
    case '#/definitions/handler/required':
      return { rule: 'HS107', path: parent, message: `${where}: missing required key '${key}' (a handler has exactly targetNames and permissions)` };
    case '#/properties/typeConfiguration/required':
      return { rule: 'HS108', path: parent, message: `typeConfiguration: missing required key '${key}'` };
    default:
      if (/\/dependencies\/(enum|const)\/required$/.test(schemaPath)) {
        const keyword = schemaPath.endsWith('/enum/required') ? 'enum' : 'const';
        return { rule: 'HS111', path: parent, message: `${where}: uses ${keyword} without a type; add "type" so the values are strongly typed` };
      }
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
    case 'uniqueItems':
      return `items ${String(params.j)} and ${String(params.i)} are equal; items must be unique`;
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

/** Python truthiness, which is what cfn's `if hook_spec.get("properties")` tests. */
export function isPythonTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}
