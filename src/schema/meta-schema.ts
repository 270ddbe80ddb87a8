/**
 * The project's own meta-schema for hook schemas: what `cfn validate` / `cfn submit` accept (reference §1.1),
 * written as one self-contained draft-07 document so that ajv compiles it without fetching anything.
 *
 * It follows the cloudformation-cli meta-schemas in what it accepts, but is shaped for readable errors:
 * no `allOf` wrapper around the property subset and `if/then` instead of `anyOf` for `type`, so that a
 * single mistake produces a single ajv error. Rules JSON Schema cannot say live in code (schema-rules.ts).
 */

/** Names a hook type: three segments of 2–64 letters or digits. */
export const TYPE_NAME_PATTERN = '^[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}$';

/** `sourceUrl` / `documentationUrl` as cfn checks them. */
export const HTTPS_URL_PATTERN = '^https://[0-9a-zA-Z]([-.\\w]*[0-9a-zA-Z])(:[0-9]*)*([?/#].*)?$';

/** typeConfiguration property names; a name starting with `CloudFormation` is reserved for the service. */
export const CONFIGURATION_PROPERTY_NAME_PATTERN = '(?!CloudFormation)^[A-Za-z0-9]{1,64}$';

/** Names of nested properties and of `definitions` entries. */
export const PROPERTY_NAME_PATTERN = '^[A-Za-z0-9]{1,64}$';

export const HANDLER_NAMES = ['preCreate', 'preUpdate', 'preDelete'] as const;

export const TOP_LEVEL_KEYS = [
  '$schema',
  '$id',
  'type',
  'typeName',
  '$comment',
  'title',
  'description',
  'sourceUrl',
  'documentationUrl',
  'additionalProperties',
  'definitions',
  'handlers',
  'remote',
  'deprecatedProperties',
  'required',
  'allOf',
  'anyOf',
  'oneOf',
  'typeConfiguration',
] as const;

export const TYPE_CONFIGURATION_KEYS = [
  'properties',
  'additionalProperties',
  'required',
  'description',
  'deprecatedProperties',
  'allOf',
  'anyOf',
  'oneOf',
] as const;

/** The draft-07 keywords a property schema may use (the resource-schema subset), plus cfn's own annotations. */
export const PROPERTY_KEYWORDS = [
  '$comment',
  '$ref',
  'additionalProperties',
  'allOf',
  'anyOf',
  'arrayType',
  'const',
  'contains',
  'default',
  'dependencies',
  'description',
  'enum',
  'examples',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'format',
  'insertionOrder',
  'items',
  'maxItems',
  'maxLength',
  'maxProperties',
  'maximum',
  'minItems',
  'minLength',
  'minProperties',
  'minimum',
  'multipleOf',
  'oneOf',
  'pattern',
  'patternProperties',
  'properties',
  'relationshipRef',
  'required',
  'title',
  'type',
  'uniqueItems',
] as const;

/**
 * A meta-schema pattern rewritten so that JavaScript (ajv compiles the meta-schema with the `u` flag) matches exactly
 * what cfn's Python matches: jsonschema evaluates `pattern` and `patternProperties` with `re.search`, whose `$` also
 * matches just before a final line break (so cfn accepts "Acme::Test::Hook\n"), whose `.` matches `\r` and U+2028,
 * and whose `\w` and `\d` are Unicode-aware (so `https://bücher.example` is an https URL to cfn).
 */
export function asPythonSearch(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (next === 'w') out += inClass ? '\\p{L}\\p{N}_' : '[\\p{L}\\p{N}_]';
      else if (next === 'd') out += '\\p{Nd}';
      else out += `\\${next}`;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal member in Python; JavaScript reads '[]' as an empty class.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (c === '.') out += '[^\\n]';
    else if (c === '$') out += '(?=\\n?$)';
    else out += c;
  }
  return out;
}

const SIMPLE_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

const stringArray = { type: 'array', items: { type: 'string' }, uniqueItems: true };
// Python's json reads 1e400 as inf, which jsonschema does not count as an integer; ajv does, unless bounded.
const nonNegativeInteger = { type: 'integer', minimum: 0, maximum: Number.MAX_VALUE };
const schemaArray = { type: 'array', minItems: 1, items: { $ref: '#/definitions/property' } };
const jsonPointerArray = { type: 'array', minItems: 1, items: { type: 'string' } };
const httpsUrl = { type: 'string', pattern: asPythonSearch(HTTPS_URL_PATTERN), maxLength: 4096 };

/** The hook meta-schema (draft-07). */
export const HOOK_META_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://mycompany.example/schemas/hook-schema.meta.json',
  title: 'Hook schema, as cfn validate accepts it',
  definitions: {
    property: {
      type: 'object',
      properties: {
        $comment: { type: 'string' },
        $ref: { type: 'string' },
        additionalProperties: { const: false },
        allOf: schemaArray,
        anyOf: schemaArray,
        arrayType: { type: 'string', enum: ['Standard', 'AttributeList'] },
        const: true,
        contains: { $ref: '#/definitions/property' },
        default: true,
        dependencies: {
          type: 'object',
          additionalProperties: { if: { type: 'array' }, then: stringArray, else: { $ref: '#/definitions/property' } },
        },
        description: { type: 'string' },
        enum: { type: 'array', minItems: 1, uniqueItems: true },
        examples: { type: 'array' },
        exclusiveMaximum: { type: 'number' },
        exclusiveMinimum: { type: 'number' },
        format: { type: 'string' },
        insertionOrder: { type: 'boolean' },
        items: { $ref: '#/definitions/property' },
        maxItems: nonNegativeInteger,
        maxLength: nonNegativeInteger,
        maxProperties: nonNegativeInteger,
        maximum: { type: 'number' },
        minItems: nonNegativeInteger,
        minLength: nonNegativeInteger,
        minProperties: nonNegativeInteger,
        minimum: { type: 'number' },
        // Not `exclusiveMinimum: 0`: ajv fails NaN on it, where Python's `nan <= 0` is False and cfn accepts NaN.
        multipleOf: { type: 'number', not: { maximum: 0 } },
        oneOf: schemaArray,
        pattern: { type: 'string' },
        patternProperties: { type: 'object', additionalProperties: { $ref: '#/definitions/property' } },
        properties: {
          type: 'object',
          minProperties: 1,
          patternProperties: { [asPythonSearch(PROPERTY_NAME_PATTERN)]: { $ref: '#/definitions/property' } },
          additionalProperties: false,
        },
        relationshipRef: {
          type: 'object',
          properties: {
            typeName: { type: 'string', pattern: asPythonSearch(TYPE_NAME_PATTERN) },
            propertyPath: { type: 'string', pattern: asPythonSearch('^(/properties/)[A-Za-z0-9]*$') },
            publisherId: { type: 'string', pattern: '[0-9a-zA-Z]{12,40}' },
            majorVersion: { type: 'integer', minimum: 1, maximum: 10000 },
          },
          required: ['typeName', 'propertyPath'],
          additionalProperties: false,
        },
        required: stringArray,
        title: { type: 'string' },
        type: {
          if: { type: 'string' },
          then: { enum: SIMPLE_TYPES },
          else: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: SIMPLE_TYPES } },
        },
        uniqueItems: { type: 'boolean' },
      },
      additionalProperties: false,
      // Written as dependencies (as cfn does) so each violation is one error with a recognisable keyword.
      dependencies: {
        enum: { required: ['type'] },
        const: { required: ['type'] },
        properties: { not: { required: ['patternProperties'] } },
      },
    },
    handler: {
      type: 'object',
      properties: {
        targetNames: { type: 'array', items: { type: 'string' } },
        permissions: { type: 'array', items: { type: 'string' } },
      },
      required: ['targetNames', 'permissions'],
      additionalProperties: false,
    },
  },
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    $id: { type: 'string' },
    type: { type: 'string', const: 'HOOK' },
    typeName: { type: 'string', pattern: asPythonSearch(TYPE_NAME_PATTERN) },
    $comment: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    sourceUrl: httpsUrl,
    documentationUrl: httpsUrl,
    additionalProperties: { const: false },
    definitions: {
      type: 'object',
      patternProperties: { [asPythonSearch(PROPERTY_NAME_PATTERN)]: { $ref: '#/definitions/property' } },
      additionalProperties: false,
    },
    handlers: {
      type: 'object',
      properties: Object.fromEntries(HANDLER_NAMES.map((name) => [name, { $ref: '#/definitions/handler' }])),
      additionalProperties: false,
    },
    remote: {
      type: 'object',
      patternProperties: { [asPythonSearch('^schema[0-9]+$')]: { type: 'object' } },
      additionalProperties: false,
    },
    deprecatedProperties: jsonPointerArray,
    required: stringArray,
    allOf: schemaArray,
    anyOf: schemaArray,
    oneOf: schemaArray,
    typeConfiguration: {
      type: 'object',
      properties: {
        properties: {
          type: 'object',
          patternProperties: { [asPythonSearch(CONFIGURATION_PROPERTY_NAME_PATTERN)]: { $ref: '#/definitions/property' } },
          additionalProperties: false,
        },
        additionalProperties: { const: false },
        required: stringArray,
        description: { type: 'string' },
        deprecatedProperties: jsonPointerArray,
        allOf: schemaArray,
        anyOf: schemaArray,
        oneOf: schemaArray,
      },
      required: ['properties', 'additionalProperties'],
      additionalProperties: false,
    },
  },
  required: ['typeName', 'typeConfiguration', 'description', 'additionalProperties'],
  additionalProperties: false,
} as const;
