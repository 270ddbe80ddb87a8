/**
 * One case per schema rule: a valid base schema, one mutation, and where the diagnostic must point.
 * Shared by the unit tests and by the conformance cross-check against cfn's own meta-schema.
 */

export type PropertySchema = Record<string, unknown>;

export interface HandlerShape {
  targetNames: unknown[];
  permissions: unknown[];
  [key: string]: unknown;
}

/** The base schema's shape, loose enough for mutations to break it on purpose. */
export interface MutableSchema {
  [key: string]: unknown;
  typeConfiguration: { properties: Record<string, PropertySchema>; [key: string]: unknown };
  handlers: { preCreate: HandlerShape | Record<string, unknown>; [key: string]: unknown };
}

/** A small schema that every rule accepts. */
export function baseSchema(): MutableSchema {
  return {
    typeName: 'MyCompany::Testing::MyTestHook',
    description: 'A hook for tests.',
    sourceUrl: 'https://example.com/source',
    documentationUrl: 'https://example.com/docs',
    typeConfiguration: {
      properties: {
        minBuckets: { description: 'How many.', type: 'string', pattern: '^[0-9]{1,9}$', default: '0' },
      },
      additionalProperties: false,
    },
    handlers: {
      preCreate: { targetNames: ['AWS::S3::Bucket'], permissions: ['s3:ListAllMyBuckets'] },
    },
    additionalProperties: false,
  };
}

export interface SchemaCase {
  readonly name: string;
  readonly rule: string;
  readonly mutate: (schema: MutableSchema) => void;
  readonly path: string;
  /** The diagnostic points at `target`, found in the text right after `prefix` (both must be unique together). */
  readonly at: readonly [prefix: string, target: string];
  /** Other rules the same mutation legitimately triggers. */
  readonly also?: readonly string[];
  /** Does the mutation live in the part of cfn's checks that its JSON meta-schema expresses? */
  readonly metaSchema?: boolean;
}

const tc = (s: MutableSchema) => s.typeConfiguration;
const handlers = (s: MutableSchema) => s.handlers;
const preCreate = (s: MutableSchema) => s.handlers.preCreate as HandlerShape;
const prop = (s: MutableSchema) => s.typeConfiguration.properties.minBuckets;

const START = ['', '{'] as const;

/** `definitions.Deep`: `levels` nested array schemas around a string schema. */
function nestedItems(levels: number): PropertySchema {
  let inner: PropertySchema = { type: 'string' };
  for (let i = 0; i < levels; i++) inner = { type: 'array', items: inner };
  return inner;
}

/** The innermost schema of nestedItems(levels) in definitions.Deep, as pretty-printed (it sits 3 + levels objects deep). */
const innermostItems = (levels: number): string => `{\n${' '.repeat(2 * (3 + levels))}"type": "string"`;

export const SCHEMA_CASES: readonly SchemaCase[] = [
  { name: 'missing description', rule: 'HS101', mutate: (s) => delete s.description, path: '', at: START, metaSchema: true },
  { name: 'missing additionalProperties', rule: 'HS101', mutate: (s) => delete s.additionalProperties, path: '', at: START, metaSchema: true },
  { name: 'unknown top-level key', rule: 'HS102', mutate: (s) => (s.timeout = 5), path: '/timeout', at: ['"timeout": ', '5'], metaSchema: true },
  { name: 'empty top-level properties', rule: 'HS102', mutate: (s) => (s.properties = {}), path: '/properties', at: ['"properties": ', '{}'], metaSchema: true },
  {
    name: 'typeName with an underscore',
    rule: 'HS103',
    mutate: (s) => (s.typeName = 'MyCompany::Testing_x::Hook'),
    path: '/typeName',
    at: ['"typeName": ', '"MyCompany::Testing_x::Hook"'],
    metaSchema: true,
  },
  {
    name: 'typeName with two segments',
    rule: 'HS103',
    mutate: (s) => (s.typeName = 'MyCompany::MyTestHook'),
    path: '/typeName',
    at: ['"typeName": ', '"MyCompany::MyTestHook"'],
    metaSchema: true,
  },
  { name: 'http sourceUrl', rule: 'HS104', mutate: (s) => (s.sourceUrl = 'http://example.com'), path: '/sourceUrl', at: ['"sourceUrl": ', '"http://example.com"'], metaSchema: true },
  {
    name: 'documentationUrl over 4096 characters',
    rule: 'HS104',
    mutate: (s) => (s.documentationUrl = `https://example.com/${'a'.repeat(4100)}`),
    path: '/documentationUrl',
    at: ['"documentationUrl": ', '"https://example.com/aaa'],
    metaSchema: true,
  },
  { name: 'additionalProperties true at top level', rule: 'HS105', mutate: (s) => (s.additionalProperties = true), path: '/additionalProperties', at: ['"additionalProperties": ', 'true'], metaSchema: true },
  {
    name: 'additionalProperties true in typeConfiguration',
    rule: 'HS105',
    mutate: (s) => (tc(s).additionalProperties = true),
    path: '/typeConfiguration/additionalProperties',
    at: ['"additionalProperties": ', 'true'],
    metaSchema: true,
  },
  {
    name: 'additionalProperties true in a property',
    rule: 'HS105',
    mutate: (s) => (prop(s).additionalProperties = true),
    path: '/typeConfiguration/properties/minBuckets/additionalProperties',
    at: ['"additionalProperties": ', 'true'],
    metaSchema: true,
  },
  {
    name: 'unknown handler',
    rule: 'HS106',
    mutate: (s) => (handlers(s).preList = { targetNames: ['AWS::S3::Bucket'], permissions: [] }),
    path: '/handlers/preList',
    at: ['"preList": ', '{'],
    metaSchema: true,
  },
  {
    name: 'timeoutInMinutes in a handler',
    rule: 'HS107',
    mutate: (s) => (preCreate(s).timeoutInMinutes = 5),
    path: '/handlers/preCreate/timeoutInMinutes',
    at: ['"timeoutInMinutes": ', '5'],
    metaSchema: true,
  },
  { name: 'handler without permissions', rule: 'HS107', mutate: (s) => Reflect.deleteProperty(handlers(s).preCreate, 'permissions'), path: '/handlers/preCreate', at: ['"preCreate": ', '{'], metaSchema: true },
  { name: 'typeConfiguration without properties', rule: 'HS108', mutate: (s) => Reflect.deleteProperty(tc(s), 'properties'), path: '/typeConfiguration', at: ['"typeConfiguration": ', '{'], metaSchema: true },
  { name: 'unknown typeConfiguration key', rule: 'HS108', mutate: (s) => (tc(s).title = 'x'), path: '/typeConfiguration/title', at: ['"title": ', '"x"'], metaSchema: true },
  {
    name: 'reserved property name',
    rule: 'HS109',
    mutate: (s) => (tc(s).properties.CloudFormationRole = { type: 'string' }),
    path: '/typeConfiguration/properties/CloudFormationRole',
    at: ['"CloudFormationRole": ', '{'],
    metaSchema: true,
  },
  {
    name: 'property name with a hyphen',
    rule: 'HS109',
    mutate: (s) => (tc(s).properties['min-queues'] = { type: 'string' }),
    path: '/typeConfiguration/properties/min-queues',
    at: ['"min-queues": ', '{'],
    metaSchema: true,
  },
  {
    name: 'definition name with an underscore',
    rule: 'HS109',
    mutate: (s) => (s.definitions = { bad_name: { type: 'string' } }),
    path: '/definitions/bad_name',
    at: ['"bad_name": ', '{'],
    metaSchema: true,
  },
  { name: 'unknown property keyword', rule: 'HS110', mutate: (s) => (prop(s).bar = 1), path: '/typeConfiguration/properties/minBuckets/bar', at: ['"bar": ', '1'], metaSchema: true },
  {
    name: 'if/then in a property',
    rule: 'HS110',
    mutate: (s) => (prop(s).if = { minLength: 1 }),
    path: '/typeConfiguration/properties/minBuckets/if',
    at: ['"if": ', '{'],
    metaSchema: true,
  },
  {
    name: 'enum without type',
    rule: 'HS111',
    mutate: (s) => (tc(s).properties.mode = { enum: ['a', 'b'] }),
    path: '/typeConfiguration/properties/mode',
    at: ['"mode": ', '{'],
    metaSchema: true,
  },
  {
    name: 'const without type',
    rule: 'HS111',
    mutate: (s) => (tc(s).properties.mode = { const: 'a' }),
    path: '/typeConfiguration/properties/mode',
    at: ['"mode": ', '{'],
    metaSchema: true,
  },
  {
    name: 'properties and patternProperties together',
    rule: 'HS112',
    mutate: (s) => (s.definitions = { Tags: { type: 'object', properties: { Key: { type: 'string' } }, patternProperties: { '^x$': { type: 'string' } }, additionalProperties: false } }),
    path: '/definitions/Tags',
    at: ['"Tags": ', '{'],
    metaSchema: true,
  },
  { name: 'description is a number', rule: 'HS113', mutate: (s) => (s.description = 5), path: '/description', at: ['"description": ', '5'], metaSchema: true },
  { name: 'misspelt type', rule: 'HS113', mutate: (s) => (prop(s).type = 'strin'), path: '/typeConfiguration/properties/minBuckets/type', at: ['"type": ', '"strin"'], metaSchema: true },
  { name: 'top-level type other than HOOK', rule: 'HS113', mutate: (s) => (s.type = 'RESOURCE'), path: '/type', at: ['"type": ', '"RESOURCE"'], metaSchema: true },
  {
    name: 'targetNames is a string',
    rule: 'HS113',
    mutate: (s) => (handlers(s).preCreate = { targetNames: 'AWS::S3::Bucket', permissions: [] }),
    path: '/handlers/preCreate/targetNames',
    at: ['"targetNames": ', '"AWS::S3::Bucket"'],
    metaSchema: true,
  },
  { name: "top-level 'remote'", rule: 'HS119', mutate: (s) => (s.remote = {}), path: '/remote', at: ['"remote": ', '{}'] },
  { name: 'non-empty top-level properties', rule: 'HS114', mutate: (s) => (s.properties = { Name: { type: 'string' } }), path: '/properties', at: ['"properties": ', '{\n    "Name"'], metaSchema: true },
  {
    name: 'cloudformation:* permission',
    rule: 'HS115',
    mutate: (s) => preCreate(s).permissions.push('cloudformation:*'),
    path: '/handlers/preCreate/permissions/1',
    at: ['', '"cloudformation:*"'],
  },
  {
    // cfn's test is a substring test ("cloudformation:*" in permission), not equality.
    name: 'cloudformation:* inside a longer action',
    rule: 'HS115',
    mutate: (s) => preCreate(s).permissions.push('cloudformation:*Stack'),
    path: '/handlers/preCreate/permissions/1',
    at: ['', '"cloudformation:*Stack"'],
  },
  {
    name: 'cloudformation:RegisterType permission',
    rule: 'HS116',
    mutate: (s) => preCreate(s).permissions.push('cloudformation:RegisterType'),
    path: '/handlers/preCreate/permissions/1',
    at: ['', '"cloudformation:RegisterType"'],
  },
  { name: "target name with '*?'", rule: 'HS117', mutate: (s) => preCreate(s).targetNames.push('AWS::S3::*?'), path: '/handlers/preCreate/targetNames/1', at: ['', '"AWS::S3::*?"'] },
  {
    name: 'unresolved $ref',
    rule: 'HS118',
    mutate: (s) => (tc(s).properties.rule = { $ref: '#/definitions/Rule' }),
    path: '/typeConfiguration/properties/rule/$ref',
    at: ['"$ref": ', '"#/definitions/Rule"'],
  },
  { name: 'reserved namespace AWS', rule: 'HS201', mutate: (s) => (s.typeName = 'AWS::Testing::MyTestHook'), path: '/typeName', at: ['"typeName": ', '"AWS::Testing::MyTestHook"'] },
  { name: 'reserved namespace, other case', rule: 'HS201', mutate: (s) => (s.typeName = 'amazon::Testing::MyTestHook'), path: '/typeName', at: ['"typeName": ', '"amazon::Testing::MyTestHook"'] },
  { name: 'typeName too short', rule: 'HS202', mutate: (s) => (s.typeName = 'A::B::C'), path: '/typeName', at: ['"typeName": ', '"A::B::C"'], also: ['HS103'] },
  { name: 'no documentationUrl', rule: 'HS203', mutate: (s) => delete s.documentationUrl, path: '', at: START },
  {
    name: 'nested object property',
    rule: 'HS204',
    mutate: (s) => (tc(s).properties.limits = { type: 'object', properties: { max: { type: 'string' } }, additionalProperties: false }),
    path: '/typeConfiguration/properties/limits',
    at: ['"limits": ', '{'],
  },
  {
    name: 'array of inline objects',
    rule: 'HS204',
    mutate: (s) => (tc(s).properties.limits = { type: 'array', items: { type: 'object', properties: { max: { type: 'string' } }, additionalProperties: false } }),
    path: '/typeConfiguration/properties/limits/items',
    at: ['"items": ', '{'],
  },
  { name: 'no handlers at all', rule: 'HS205', mutate: (s) => Reflect.deleteProperty(s, 'handlers'), path: '', at: START },
  { name: 'empty handlers', rule: 'HS205', mutate: (s) => Reflect.deleteProperty(s.handlers, 'preCreate'), path: '/handlers', at: ['"handlers": ', '{}'] },
  { name: 'handler without targets', rule: 'HS206', mutate: (s) => (preCreate(s).targetNames = []), path: '/handlers/preCreate/targetNames', at: ['"targetNames": ', '[]'] },
  { name: 'two-part target name', rule: 'HS207', mutate: (s) => preCreate(s).targetNames.push('AWS::S3'), path: '/handlers/preCreate/targetNames/1', at: ['', '"AWS::S3"'] },
  { name: 'lower-case special target', rule: 'HS207', mutate: (s) => preCreate(s).targetNames.push('stack'), path: '/handlers/preCreate/targetNames/1', at: ['', '"stack"'] },
  { name: 'default of the wrong type', rule: 'HS301', mutate: (s) => (prop(s).default = 5), path: '/typeConfiguration/properties/minBuckets/default', at: ['"default": ', '5'] },
  { name: 'default outside the pattern', rule: 'HS301', mutate: (s) => (prop(s).default = 'many'), path: '/typeConfiguration/properties/minBuckets/default', at: ['"default": ', '"many"'] },
  {
    name: 'a default outside its own enum',
    rule: 'HS301',
    mutate: (s) => (tc(s).properties.level = { type: 'string', enum: ['low', 'high'], default: 'rot13' }),
    path: '/typeConfiguration/properties/level/default',
    at: ['"default": ', '"rot13"'],
  },
  {
    name: 'a default other than its own const',
    rule: 'HS301',
    mutate: (s) => (tc(s).properties.level = { type: 'string', const: 'low', default: 'high' }),
    path: '/typeConfiguration/properties/level/default',
    at: ['"default": ', '"high"'],
  },
  {
    name: 'an enum value of the wrong type',
    rule: 'HS301',
    mutate: (s) => (tc(s).properties.level = { type: 'string', enum: ['low', 2] }),
    path: '/typeConfiguration/properties/level/enum/1',
    at: ['"low",\n          ', '2'],
  },
  {
    name: "the docs' unanchored pattern",
    rule: 'HS302',
    mutate: (s) => (tc(s).properties.encryptionAlgorithm = { type: 'string', pattern: '[a-zA-Z]*[1-9]' }),
    path: '/typeConfiguration/properties/encryptionAlgorithm/pattern',
    at: ['"pattern": ', '"[a-zA-Z]*[1-9]"'],
  },
  { name: 'anchors around an alternation', rule: 'HS302', mutate: (s) => (prop(s).pattern = '^a|b$'), path: '/typeConfiguration/properties/minBuckets/pattern', at: ['"pattern": ', '"^a|b$"'], also: ['HS301'] },
  {
    name: 'a repetition inside a repetition',
    rule: 'HS311',
    mutate: (s) => (prop(s).pattern = '^([0-9]+)+$'),
    path: '/typeConfiguration/properties/minBuckets/pattern',
    at: ['"pattern": ', '"^([0-9]+)+$"'],
  },
  { name: 'invalid regular expression', rule: 'HS303', mutate: (s) => (prop(s).pattern = '^(a$'), path: '/typeConfiguration/properties/minBuckets/pattern', at: ['"pattern": ', '"^(a$"'] },
  { name: 'duplicate target', rule: 'HS304', mutate: (s) => preCreate(s).targetNames.push('AWS::S3::Bucket'), path: '/handlers/preCreate/targetNames/1', at: ['",\n        ', '"AWS::S3::Bucket"'] },
  { name: 'a misspelt registry type', rule: 'HS314', mutate: (s) => preCreate(s).targetNames.push('AWS::S3::Buckets'), path: '/handlers/preCreate/targetNames/1', at: ['",\n        ', '"AWS::S3::Buckets"'] },
  { name: 'a registry pattern that matches no type', rule: 'HS314', mutate: (s) => preCreate(s).targetNames.push('AWS::S3::Buckt*'), path: '/handlers/preCreate/targetNames/1', at: ['",\n        ', '"AWS::S3::Buckt*"'] },
  { name: 'a SAM type, which the transform replaces before hooks run', rule: 'HS314', mutate: (s) => preCreate(s).targetNames.push('AWS::Serverless::Function'), path: '/handlers/preCreate/targetNames/1', at: ['",\n        ', '"AWS::Serverless::Function"'] },
  { name: 'a pattern matching only SAM types', rule: 'HS314', mutate: (s) => preCreate(s).targetNames.push('AWS::Serverless::*'), path: '/handlers/preCreate/targetNames/1', at: ['",\n        ', '"AWS::Serverless::*"'] },
  { name: "a registry type in another case ('Aws::')", rule: 'HS314', mutate: (s) => preCreate(s).targetNames.push('Aws::S3::Bucket'), path: '/handlers/preCreate/targetNames/1', at: ['",\n        ', '"Aws::S3::Bucket"'] },
  { name: 'required names an undeclared property', rule: 'HS305', mutate: (s) => (tc(s).required = ['minQueues']), path: '/typeConfiguration/required/0', at: ['', '"minQueues"'] },
  { name: 'permission without a service', rule: 'HS306', mutate: (s) => preCreate(s).permissions.push('ListBuckets'), path: '/handlers/preCreate/permissions/1', at: ['', '"ListBuckets"'] },
  { name: 'permission without an action', rule: 'HS306', mutate: (s) => preCreate(s).permissions.push('s3:'), path: '/handlers/preCreate/permissions/1', at: ['', '"s3:"'] },
  { name: 'wildcard permission', rule: 'HS307', mutate: (s) => preCreate(s).permissions.push('s3:*'), path: '/handlers/preCreate/permissions/1', at: ['', '"s3:*"'] },
  {
    name: 'an integer configuration property through $ref',
    rule: 'HS308',
    mutate: (s) => {
      s.definitions = { Count: { type: 'integer' } };
      tc(s).properties.limit = { $ref: '#/definitions/Count' };
    },
    path: '/typeConfiguration/properties/limit/$ref',
    at: ['"$ref": ', '"#/definitions/Count"'],
  },
  { name: 'boolean configuration property', rule: 'HS308', mutate: (s) => (tc(s).properties.strict = { type: 'boolean' }), path: '/typeConfiguration/properties/strict/type', at: ['"type": ', '"boolean"'] },
  {
    name: '$ref to another file',
    rule: 'HS309',
    mutate: (s) => (tc(s).properties.rule = { $ref: 'rules.json#/Rule' }),
    path: '/typeConfiguration/properties/rule/$ref',
    at: ['"$ref": ', '"rules.json#/Rule"'],
  },
  { name: '170 nested items (cfn overflows at 162)', rule: 'HS120', mutate: (s) => (s.definitions = { Deep: nestedItems(170) }), path: `/definitions/Deep${'/items'.repeat(170)}`, at: ['"items": ', innermostItems(170)] },
  { name: '140 nested items (cfn overflows at 162)', rule: 'HS313', mutate: (s) => (s.definitions = { Deep: nestedItems(140) }), path: `/definitions/Deep${'/items'.repeat(140)}`, at: ['"items": ', innermostItems(140)] },
  { name: 'top-level required', rule: 'HS310', mutate: (s) => (s.required = ['minBuckets']), path: '/required', at: ['"required": ', '['] },
];

/** The schema text of a case: the base schema, mutated, pretty-printed as people write it. */
export function caseText(c: SchemaCase): string {
  const schema = baseSchema();
  c.mutate(schema);
  return JSON.stringify(schema, null, 2);
}

/** Where `target` begins in `text` (after `prefix`), as 1-based line and column, computed independently of the validator. */
export function expectedPosition(text: string, prefix: string, target: string): { line: number; column: number } {
  const index = text.indexOf(prefix + target);
  if (index < 0) throw new Error(`fixture text does not contain ${JSON.stringify(prefix + target)}`);
  const offset = index + prefix.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
