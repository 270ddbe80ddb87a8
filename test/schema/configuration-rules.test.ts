import type { HookSchema } from '../../src/kernel/hook-config';
import { CONFIGURATION_RULES, CONFIGURATION_SIZE_LIMIT, validateConfigurationProperties, validateHookConfiguration } from '../../src/schema';
import { expectedPosition } from './schema-cases';

const SCHEMA: HookSchema = {
  typeName: 'MyCompany::Testing::MyTestHook',
  description: 'A hook for tests.',
  typeConfiguration: {
    properties: {
      minBuckets: { type: 'string', pattern: '^[0-9]{1,9}$', default: '0' },
      encryptionAlgorithm: { type: 'string', enum: ['AES256', 'aws:kms'] },
    },
    required: ['encryptionAlgorithm'],
    additionalProperties: false,
  },
  handlers: {
    preCreate: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
    preDelete: { targetNames: ['AWS::S3::Bucket'], permissions: ['s3:ListAllMyBuckets'] },
  },
};

interface HookConfigurationShape {
  [key: string]: unknown;
  Properties: Record<string, unknown>;
  TargetFilters: Record<string, unknown>;
  StackFilters: { [key: string]: unknown; StackNames: Record<string, unknown>; StackRoles: Record<string, unknown> };
}

function baseConfiguration(): { CloudFormationConfiguration: { [key: string]: unknown; HookConfiguration: HookConfigurationShape } } {
  return {
    CloudFormationConfiguration: {
      HookConfiguration: {
        HookInvocationStatus: 'ENABLED',
        TargetStacks: 'ALL',
        TargetOperations: ['RESOURCE'],
        FailureMode: 'FAIL',
        Properties: { minBuckets: '1', encryptionAlgorithm: 'aws:kms' },
        TargetFilters: { Actions: ['CREATE'], InvocationPoints: ['PRE_PROVISION'], TargetNames: ['AWS::S3::*'] },
        StackFilters: {
          FilteringCriteria: 'ALL',
          StackNames: { Include: ['prod-*'] },
          StackRoles: { Exclude: ['arn:aws:iam::*:role/admin-*'] },
        },
      },
    },
  };
}

type Configuration = ReturnType<typeof baseConfiguration>;
const hook = (c: Configuration) => c.CloudFormationConfiguration.HookConfiguration;
const H = '/CloudFormationConfiguration/HookConfiguration';

interface ConfigurationCase {
  readonly name: string;
  readonly rule: string;
  readonly mutate: (c: Configuration) => void;
  readonly path: string;
  readonly at: readonly [string, string];
}

const CASES: readonly ConfigurationCase[] = [
  {
    name: 'a KmsKeyId that is not a key identifier',
    rule: 'HC116',
    mutate: (c) => (hook(c).EncryptionConfiguration = { KmsKeyId: 'my-key' }),
    path: `${H}/EncryptionConfiguration/KmsKeyId`,
    at: ['"KmsKeyId": ', '"my-key"'],
  },
  { name: 'EncryptionConfiguration without KmsKeyId', rule: 'HC104', mutate: (c) => (hook(c).EncryptionConfiguration = {}), path: `${H}/EncryptionConfiguration`, at: ['"EncryptionConfiguration": ', '{}'] },
  { name: 'unknown top-level key', rule: 'HC102', mutate: (c) => Object.assign(c, { Extra: 1 }), path: '/Extra', at: ['"Extra": ', '1'] },
  { name: 'misspelt TargetStacks', rule: 'HC102', mutate: (c) => (hook(c).TargetStack = 'ALL'), path: `${H}/TargetStack`, at: ['"TargetStack": ', '"ALL"'] },
  { name: 'unknown TargetFilters key', rule: 'HC102', mutate: (c) => (hook(c).TargetFilters.Names = ['x']), path: `${H}/TargetFilters/Names`, at: ['"Names": ', '['] },
  { name: 'HookConfiguration missing', rule: 'HC101', mutate: (c) => Reflect.deleteProperty(c.CloudFormationConfiguration, 'HookConfiguration'), path: '/CloudFormationConfiguration', at: ['"CloudFormationConfiguration": ', '{'] },
  { name: 'lower-case status', rule: 'HC103', mutate: (c) => (hook(c).HookInvocationStatus = 'enabled'), path: `${H}/HookInvocationStatus`, at: ['"HookInvocationStatus": ', '"enabled"'] },
  { name: 'unknown FailureMode', rule: 'HC103', mutate: (c) => (hook(c).FailureMode = 'IGNORE'), path: `${H}/FailureMode`, at: ['"FailureMode": ', '"IGNORE"'] },
  { name: 'unknown TargetOperation', rule: 'HC103', mutate: (c) => (hook(c).TargetOperations = ['RESOURCES']), path: `${H}/TargetOperations/0`, at: ['"TargetOperations": [\n        ', '"RESOURCES"'] },
  { name: 'unknown Action', rule: 'HC103', mutate: (c) => (hook(c).TargetFilters.Actions = ['READ']), path: `${H}/TargetFilters/Actions/0`, at: ['', '"READ"'] },
  { name: 'unknown InvocationPoint', rule: 'HC103', mutate: (c) => (hook(c).TargetFilters.InvocationPoints = ['POST_PROVISION']), path: `${H}/TargetFilters/InvocationPoints/0`, at: ['', '"POST_PROVISION"'] },
  { name: 'unknown FilteringCriteria', rule: 'HC103', mutate: (c) => (hook(c).StackFilters.FilteringCriteria = 'SOME'), path: `${H}/StackFilters/FilteringCriteria`, at: ['"FilteringCriteria": ', '"SOME"'] },
  { name: 'TargetOperations is a string', rule: 'HC104', mutate: (c) => (hook(c).TargetOperations = 'RESOURCE'), path: `${H}/TargetOperations`, at: ['"TargetOperations": ', '"RESOURCE"'] },
  { name: 'Properties is an array', rule: 'HC104', mutate: (c) => ((hook(c) as Record<string, unknown>).Properties = []), path: `${H}/Properties`, at: ['"Properties": ', '[]'] },
  {
    name: 'a Targets entry without Action',
    rule: 'HC104',
    mutate: (c) => (hook(c).TargetFilters = { Targets: [{ TargetName: 'AWS::S3::Bucket', InvocationPoint: 'PRE_PROVISION' }] }),
    path: `${H}/TargetFilters/Targets/0`,
    at: ['"Targets": [\n          ', '{'],
  },
  {
    name: 'Targets with TargetNames',
    rule: 'HC105',
    mutate: (c) => (hook(c).TargetFilters.Targets = [{ TargetName: 'AWS::S3::Bucket', Action: 'CREATE', InvocationPoint: 'PRE_PROVISION' }]),
    path: `${H}/TargetFilters/Targets`,
    at: ['"Targets": ', '['],
  },
  { name: 'empty Actions', rule: 'HC106', mutate: (c) => (hook(c).TargetFilters.Actions = []), path: `${H}/TargetFilters/Actions`, at: ['"Actions": ', '[]'] },
  {
    name: '51 TargetNames',
    rule: 'HC106',
    mutate: (c) => (hook(c).TargetFilters.TargetNames = Array.from({ length: 51 }, () => 'AWS::S3::Bucket')),
    path: `${H}/TargetFilters/TargetNames`,
    at: ['"TargetNames": ', '['],
  },
  { name: 'two-part target name', rule: 'HC107', mutate: (c) => (hook(c).TargetFilters.TargetNames = ['AWS::S3']), path: `${H}/TargetFilters/TargetNames/0`, at: ['', '"AWS::S3"'] },
  { name: "target name with '*?'", rule: 'HC107', mutate: (c) => (hook(c).TargetFilters.TargetNames = ['AWS::S3::*?']), path: `${H}/TargetFilters/TargetNames/0`, at: ['', '"AWS::S3::*?"'] },
  {
    name: 'StackFilters without FilteringCriteria',
    rule: 'HC104',
    mutate: (c) => Reflect.deleteProperty(hook(c).StackFilters, 'FilteringCriteria'),
    path: `${H}/StackFilters`,
    at: ['"StackFilters": ', '{'],
  },
  {
    name: 'StackFilters with neither StackNames nor StackRoles',
    rule: 'HC118',
    mutate: (c) => ['StackNames', 'StackRoles'].forEach((key) => Reflect.deleteProperty(hook(c).StackFilters, key)),
    path: `${H}/StackFilters`,
    at: ['"StackFilters": ', '{'],
  },
  { name: 'StackNames without Include or Exclude', rule: 'HC108', mutate: (c) => (hook(c).StackFilters.StackNames = {}), path: `${H}/StackFilters/StackNames`, at: ['"StackNames": ', '{}'] },
  {
    name: 'a user ARN in StackRoles',
    rule: 'HC109',
    mutate: (c) => (hook(c).StackFilters.StackRoles = { Include: ['arn:aws:iam::123456789012:user/deployer'] }),
    path: `${H}/StackFilters/StackRoles/Include/0`,
    at: ['', '"arn:aws:iam::123456789012:user/deployer"'],
  },
  {
    name: 'a wildcard in a role path',
    rule: 'HC109',
    mutate: (c) => (hook(c).StackFilters.StackRoles = { Include: ['arn:aws:iam::123456789012:role/team-*/deployer'] }),
    path: `${H}/StackFilters/StackRoles/Include/0`,
    at: ['', '"arn:aws:iam::123456789012:role/team-*/deployer"'],
  },
  { name: 'unknown property', rule: 'HC110', mutate: (c) => (hook(c).Properties.minQueue = '1'), path: `${H}/Properties/minQueue`, at: ['"minQueue": ', '"1"'] },
  { name: 'missing required property', rule: 'HC110', mutate: (c) => Reflect.deleteProperty(hook(c).Properties, 'encryptionAlgorithm'), path: `${H}/Properties`, at: ['"Properties": ', '{'] },
  { name: 'value outside the enum', rule: 'HC110', mutate: (c) => (hook(c).Properties.encryptionAlgorithm = 'aws:kms:dsse'), path: `${H}/Properties/encryptionAlgorithm`, at: ['"encryptionAlgorithm": ', '"aws:kms:dsse"'] },
  { name: 'value outside the pattern', rule: 'HC110', mutate: (c) => (hook(c).Properties.minBuckets = 'one'), path: `${H}/Properties/minBuckets`, at: ['"minBuckets": ', '"one"'] },
  { name: 'a number where the schema says string', rule: 'HC111', mutate: (c) => (hook(c).Properties.minBuckets = 1), path: `${H}/Properties/minBuckets`, at: ['"minBuckets": ', '1'] },
  { name: 'a boolean where the schema says string', rule: 'HC111', mutate: (c) => (hook(c).Properties.minBuckets = true), path: `${H}/Properties/minBuckets`, at: ['"minBuckets": ', 'true'] },
  { name: 'a filter outside the schema targets', rule: 'HC112', mutate: (c) => (hook(c).TargetFilters.TargetNames = ['AWS::EC2::Instance']), path: `${H}/TargetFilters/TargetNames/0`, at: ['', '"AWS::EC2::Instance"'] },
  {
    name: 'a target whose action has no handler for it',
    rule: 'HC112',
    mutate: (c) => (hook(c).TargetFilters = { Targets: [{ TargetName: 'AWS::SQS::Queue', Action: 'DELETE', InvocationPoint: 'PRE_PROVISION' }] }),
    path: `${H}/TargetFilters/Targets/0/TargetName`,
    at: ['"TargetName": ', '"AWS::SQS::Queue"'],
  },
  // The schema's handlers target resource types only: a stack operation would need STACK among their targetNames.
  { name: 'an operation no handler serves', rule: 'HC117', mutate: (c) => (hook(c).TargetOperations = ['RESOURCE', 'STACK']), path: `${H}/TargetOperations/1`, at: ['', '"STACK"'] },
  { name: 'disabled', rule: 'HC113', mutate: (c) => (hook(c).HookInvocationStatus = 'DISABLED'), path: `${H}/HookInvocationStatus`, at: ['"HookInvocationStatus": ', '"DISABLED"'] },
  { name: 'TargetStacks NONE', rule: 'HC113', mutate: (c) => (hook(c).TargetStacks = 'NONE'), path: `${H}/TargetStacks`, at: ['"TargetStacks": ', '"NONE"'] },
  // No source gives the service's default for these: the simulator's reading (enabled, FAIL) is said, at HookConfiguration.
  {
    name: 'neither HookInvocationStatus nor TargetStacks',
    rule: 'HC119',
    mutate: (c) => ['HookInvocationStatus', 'TargetStacks'].forEach((key) => Reflect.deleteProperty(hook(c), key)),
    path: H,
    at: ['"HookConfiguration": ', '{'],
  },
  { name: 'no FailureMode', rule: 'HC119', mutate: (c) => Reflect.deleteProperty(hook(c), 'FailureMode'), path: H, at: ['"HookConfiguration": ', '{'] },
  { name: 'a stack name with an underscore', rule: 'HC114', mutate: (c) => (hook(c).StackFilters.StackNames = { Exclude: ['my_stack'] }), path: `${H}/StackFilters/StackNames/Exclude/0`, at: ['', '"my_stack"'] },
];

describe('validateHookConfiguration: one case per rule', () => {
  it('accepts the base configuration and returns it typed', () => {
    const text = JSON.stringify(baseConfiguration(), null, 2);
    const report = validateHookConfiguration(text, 'config.json', SCHEMA);
    expect(report.diagnostics).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.configuration).toEqual(baseConfiguration().CloudFormationConfiguration.HookConfiguration);
  });

  it.each(CASES.map((c) => [`${c.rule} ${c.name}`, c] as const))('%s', (_title, c) => {
    const configuration = baseConfiguration();
    c.mutate(configuration);
    const text = JSON.stringify(configuration, null, 2);
    const report = validateHookConfiguration(text, 'config.json', SCHEMA);
    const rule = CONFIGURATION_RULES[c.rule as keyof typeof CONFIGURATION_RULES];
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: c.rule, severity: rule.severity, path: c.path, file: 'config.json', ...expectedPosition(text, ...c.at) }),
    ]);
    expect(report.valid).toBe(rule.severity !== 'error');
    expect(report.configuration === undefined).toBe(rule.severity === 'error');
  });

  it('has a case for every configuration rule a document can break', () => {
    const covered = new Set([...CASES.map((c) => c.rule), 'HC001', 'HC002', 'HC003', 'HC101', 'HC115']);
    expect(Object.keys(CONFIGURATION_RULES).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe('validateHookConfiguration: messages', () => {
  const messageFor = (mutate: (c: Configuration) => void): string => {
    const configuration = baseConfiguration();
    mutate(configuration);
    return validateHookConfiguration(JSON.stringify(configuration), 'c.json', SCHEMA).diagnostics.map((d) => d.message).join('\n');
  };

  it.each([
    ['a number says to quote it', (c: Configuration) => (hook(c).Properties.minBuckets = 5), /minBuckets: is an integer \(5\) but the schema declares a string: write "5"/],
    ['a typo in a key gets a suggestion', (c: Configuration) => (hook(c).FailureMod = 'FAIL'), /unknown key 'FailureMod' \(did you mean 'FailureMode'\?\)/],
    ['a lower-case value gets the upper-case one', (c: Configuration) => (hook(c).FailureMode = 'warn'), /'warn' is not allowed \(did you mean 'WARN'\?\); expected one of FAIL, WARN/],
    ['an unknown property lists the declared ones', (c: Configuration) => (hook(c).Properties.minBucket = '1'), /unknown property 'minBucket' \(did you mean 'minBuckets'\?\); the schema's typeConfiguration declares: minBuckets, encryptionAlgorithm/],
    ['never-invoked explains why', (c: Configuration) => (hook(c).TargetFilters.TargetNames = ['AWS::EC2::*']), /never invoked: filters narrow the schema's targetNames, never widen them/],
  ])('%s', (_title, mutate, expected) => {
    expect(messageFor(mutate)).toMatch(expected);
  });
});

describe('validateHookConfiguration: what a document leaves to an undocumented default (HC119)', () => {
  const hc119 = (mutate: (c: Configuration) => void): string[] => {
    const configuration = baseConfiguration();
    mutate(configuration);
    return validateHookConfiguration(JSON.stringify(configuration), 'c.json', SCHEMA)
      .diagnostics.filter((d) => d.code === 'HC119')
      .map((d) => d.message);
  };
  const STATUS =
    "HookConfiguration: sets neither HookInvocationStatus nor TargetStacks, and the service's default is undocumented (the Hooks User Guide says to set HookInvocationStatus to ENABLED to enable the hook); the simulator runs the hook [choice]: set HookInvocationStatus to say which";
  const FAILURE_MODE = "HookConfiguration: has no FailureMode, and the service's default is undocumented; the simulator uses FAIL [choice], so a failed call blocks: set FailureMode (FAIL or WARN) to say which";
  const without =
    (...keys: string[]) =>
    (c: Configuration): void =>
      keys.forEach((key) => Reflect.deleteProperty(hook(c), key));
  it.each<[string, (c: Configuration) => void, string[]]>([
    ['all three stated: nothing to say', () => undefined, []],
    ['only TargetStacks ALL: enabled by it, nothing to say', without('HookInvocationStatus'), []],
    ['only HookInvocationStatus: nothing to say', without('TargetStacks'), []],
    ['no status key: says the hook runs', without('HookInvocationStatus', 'TargetStacks'), [STATUS]],
    ['no FailureMode: says FAIL', without('FailureMode'), [FAILURE_MODE]],
    ['none of the three: both, status first', without('HookInvocationStatus', 'TargetStacks', 'FailureMode'), [STATUS, FAILURE_MODE]],
    ['disabled without FailureMode: its FailureMode decides nothing', (c) => (without('FailureMode')(c), (hook(c).HookInvocationStatus = 'DISABLED')), []],
    ['TargetStacks NONE without FailureMode: its FailureMode decides nothing', (c) => (without('HookInvocationStatus', 'FailureMode')(c), (hook(c).TargetStacks = 'NONE')), []],
  ])('%s', (_title, mutate, messages) => {
    expect(hc119(mutate)).toEqual(messages);
  });
});

describe('validateHookConfiguration: a duplicate in a Properties list', () => {
  // Ajv names the pair {i, j} in one order for a list of strings (its fast path) and in the other for untyped items.
  it.each([
    ['strings', { type: 'array', uniqueItems: true, items: { type: 'string' } }],
    ['untyped items', { type: 'array', uniqueItems: true }],
  ])('of %s is named first-to-last', (_case, tags) => {
    const schema: HookSchema = { ...SCHEMA, typeConfiguration: { properties: { tags }, additionalProperties: false } };
    const text = JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', Properties: { tags: ['a', 'b', 'a'] } } } });
    const messages = validateHookConfiguration(text, 'c.json', schema).diagnostics.map((d) => d.message);
    expect(messages).toEqual([expect.stringContaining('tags: items 0 and 2 are equal; items must be unique')]);
  });
});

describe('validateHookConfiguration: documents that are not configurations', () => {
  it.each([
    ['invalid JSON', '{\n  "CloudFormationConfiguration": {\n    "HookConfiguration" {}\n  }\n}', 'HC001', 3, 25],
    ['an array', '[]', 'HC101', 1, 1],
    ['no CloudFormationConfiguration', '{}', 'HC101', 1, 1],
    ['HookConfiguration is a string', '{"CloudFormationConfiguration": {"HookConfiguration": "x"}}', 'HC101', 1, 55],
  ])('%s', (_title, text, code, line, column) => {
    const report = validateHookConfiguration(text, 'c.json', SCHEMA);
    expect(report.valid).toBe(false);
    expect(report.configuration).toBeUndefined();
    expect(report.diagnostics).toEqual([expect.objectContaining({ code, line, column, severity: 'error' })]);
  });

  it('reports a duplicate key', () => {
    const text = '{"CloudFormationConfiguration": {"HookConfiguration": {"FailureMode": "FAIL", "FailureMode": "WARN"}}}';
    const report = validateHookConfiguration(text, 'c.json', SCHEMA);
    expect(report.diagnostics.map((d) => [d.code, d.line, d.column, d.path])).toContainEqual(['HC002', 1, text.lastIndexOf('"FailureMode"') + 1, '/CloudFormationConfiguration/HookConfiguration/FailureMode']);
  });

  it('reports a document over 300 KB', () => {
    const text = `${JSON.stringify(baseConfiguration())}${' '.repeat(CONFIGURATION_SIZE_LIMIT)}`;
    const report = validateHookConfiguration(text, 'big.json', SCHEMA);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'HC003', line: 1, column: 1, severity: 'error' })]);
  });

  // SetTypeConfiguration's Configuration takes at most 204,800 characters, inside the 300 KB: the tighter bound.
  it.each<[string, number, string[]]>([
    ['204,800 characters', 204_800, []],
    ['204,801 characters', 204_801, ['HC003']],
  ])('a configuration of %s', (_name, length, codes) => {
    const body = JSON.stringify(baseConfiguration());
    const text = `${body}${' '.repeat(length - body.length)}`;
    expect(validateHookConfiguration(text, 'edge.json', SCHEMA).diagnostics.map((d) => d.code).filter((c) => c === 'HC003')).toEqual(codes);
  });

  it('says when the schema itself cannot be compiled', () => {
    const broken: HookSchema = { ...SCHEMA, typeConfiguration: { properties: { a: { type: 'string', pattern: '(' } }, additionalProperties: false } };
    const report = validateHookConfiguration(JSON.stringify(baseConfiguration()), 'c.json', broken);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['HC115']);
  });

  it('checks Properties through $ref to definitions', () => {
    const withRef: HookSchema = {
      ...SCHEMA,
      definitions: { Algorithm: { type: 'string', enum: ['AES256'] } },
      typeConfiguration: { properties: { encryptionAlgorithm: { $ref: '#/definitions/Algorithm' } }, additionalProperties: false },
    };
    const configuration = baseConfiguration();
    hook(configuration).Properties = { encryptionAlgorithm: 'aws:kms' };
    const report = validateHookConfiguration(JSON.stringify(configuration), 'c.json', withRef);
    expect(report.diagnostics.map((d) => [d.code, d.path])).toEqual([['HC110', `${H}/Properties/encryptionAlgorithm`]]);
  });

  it('reports a value that fails every anyOf branch once, without the branch noise', () => {
    const withAnyOf: HookSchema = {
      ...SCHEMA,
      typeConfiguration: {
        properties: { minBuckets: { type: 'string', anyOf: [{ type: 'string', pattern: '^[0-9]+$' }, { type: 'string', enum: ['all'] }] } },
        additionalProperties: false,
      },
    };
    const configuration = baseConfiguration();
    hook(configuration).Properties = { minBuckets: 'some' };
    const report = validateHookConfiguration(JSON.stringify(configuration), 'c.json', withAnyOf);
    expect(report.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ['HC110', `${H}/Properties/minBuckets`, 'Properties.minBuckets: matches none of the alternatives the schema allows (anyOf)'],
    ]);
  });

  it('treats missing Properties as empty, so required properties are still demanded', () => {
    const configuration = baseConfiguration();
    Reflect.deleteProperty(hook(configuration), 'Properties');
    const report = validateHookConfiguration(JSON.stringify(configuration), 'c.json', SCHEMA);
    expect(report.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/missing required property 'encryptionAlgorithm'/)]);
  });
});

describe('validateConfigurationProperties: Properties alone are judged as they are inside a document', () => {
  const inDocument = (properties: unknown) =>
    validateHookConfiguration(JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', Properties: properties } } }), 'doc.json', SCHEMA);
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a misspelt key', { encryptionAlgorithim: 'aws:kms', encryptionAlgorithm: 'AES256' }, 'HC110', '/encryptionAlgorithim'],
    ['a number where a string is declared', { encryptionAlgorithm: 'AES256', minBuckets: 3 }, 'HC111', '/minBuckets'],
    ['a value outside the enum', { encryptionAlgorithm: 'DES' }, 'HC110', '/encryptionAlgorithm'],
    ['a required property missing', { minBuckets: '1' }, 'HC110', ''],
  ])('%s: the same code and message, the pointer relative to the file', (_why, properties, code, pointer) => {
    const alone = validateConfigurationProperties(JSON.stringify(properties, null, 2), 'props.json', SCHEMA);
    const document = inDocument(properties);
    expect(alone.valid).toBe(false);
    expect(alone.diagnostics.map((d) => [d.code, d.message, d.path])).toEqual(document.diagnostics.map((d) => [d.code, d.message, d.path.replace('/CloudFormationConfiguration/HookConfiguration/Properties', '')]));
    expect(alone.diagnostics.map((d) => [d.code, d.path])).toEqual([[code, pointer]]);
    expect(alone.diagnostics[0]?.line).toBeGreaterThan(0);
  });

  it.each<[string, string, string]>([
    ['not JSON', '{', 'HC001'],
    ['an array', '[]', 'HC104'],
  ])('refuses %s (%s)', (_why, text, code) => {
    const report = validateConfigurationProperties(text, 'props.json', SCHEMA);
    expect(report.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(report.properties).toBeUndefined();
  });

  it('returns valid properties', () => {
    expect(validateConfigurationProperties('{"encryptionAlgorithm": "aws:kms"}', 'props.json', SCHEMA)).toEqual({ valid: true, diagnostics: [], properties: { encryptionAlgorithm: 'aws:kms' } });
  });
});
