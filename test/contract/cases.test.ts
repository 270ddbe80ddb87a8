/** Case building and request shape, as cfn's hook_client does them. */
import { buildContractCases, makeHookRequest, unknownTargets, UNSUPPORTED_TARGET, unusedInputs, type ContractInputs, type InputKind } from '../../src/contract';
import type { HookSchema } from '../../src/kernel/hook-config';
import type { JsonObject } from '../../src/kernel/protocol';

const schema: HookSchema = {
  typeName: 'MyCompany::Testing::MyTestHook',
  handlers: {
    preCreate: { targetNames: ['AWS::SQS::Queue', 'AWS::S3::Bucket'], permissions: [] },
    preDelete: { targetNames: ['AWS::S3::Bucket'], permissions: [] },
  },
};

function inputs(files: Partial<Record<InputKind, Record<string, JsonObject>>>, set = 1): ContractInputs {
  const kinds = new Map(
    Object.entries(files).map(([kind, targets]) => [
      kind as InputKind,
      {
        file: `inputs_${set}_${kind}.json`,
        set,
        kind: kind as InputKind,
        targets: new Map(Object.entries(targets).map(([name, model], i) => [name, { targetName: name, targetModel: model, at: { path: `/${name}`, line: i + 2, column: 3 } }])),
      },
    ]),
  );
  return { sets: new Map([[set, kinds]]), diagnostics: [] };
}

describe('buildContractCases', () => {
  it('makes a SUCCESS and a FAILED case per target of every handler the schema has, in a stable order', () => {
    const cases = buildContractCases(
      schema,
      inputs({
        CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': { resourceProperties: { a: '1' } }, 'AWS::SQS::Queue': { resourceProperties: {} } },
        DELETE_PRE_PROVISION: { 'AWS::S3::Bucket': { resourceProperties: {} } },
        INVALID: { 'AWS::S3::Bucket': { resourceProperties: { bad: '1' } }, 'AWS::SQS::Queue': { resourceProperties: {} } },
        INVALID_DELETE_PRE_PROVISION: { 'AWS::S3::Bucket': { resourceProperties: { specific: '1' } } },
      }),
    );
    expect(cases.map((c) => [c.invocationPoint, c.targetName, c.expected, c.inputFile])).toEqual([
      ['CREATE_PRE_PROVISION', 'AWS::S3::Bucket', 'SUCCESS', 'inputs_1_CREATE_PRE_PROVISION.json'],
      ['CREATE_PRE_PROVISION', 'AWS::SQS::Queue', 'SUCCESS', 'inputs_1_CREATE_PRE_PROVISION.json'],
      ['CREATE_PRE_PROVISION', 'AWS::S3::Bucket', 'FAILED', 'inputs_1_INVALID.json'],
      ['CREATE_PRE_PROVISION', 'AWS::SQS::Queue', 'FAILED', 'inputs_1_INVALID.json'],
      ['DELETE_PRE_PROVISION', 'AWS::S3::Bucket', 'SUCCESS', 'inputs_1_DELETE_PRE_PROVISION.json'],
      // invalid_pre_delete wins over invalid, as in hook_client._generate_target_model
      ['DELETE_PRE_PROVISION', 'AWS::S3::Bucket', 'FAILED', 'inputs_1_INVALID_DELETE_PRE_PROVISION.json'],
    ]);
    expect(cases.every((c) => c.problem === undefined)).toBe(true);
  });

  it('names what is missing where cfn test would stop with a KeyError', () => {
    const cases = buildContractCases(schema, inputs({ CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': { resourceProperties: {} } } }));
    expect(cases.filter((c) => c.problem).map((c) => c.problem)).toEqual([
      'inputs_1_CREATE_PRE_PROVISION.json has no entry for AWS::SQS::Queue',
      'set 1 has no invalid input for AWS::S3::Bucket (inputs_1_invalid_pre_create.json or inputs_1_invalid.json)',
      'set 1 has no invalid input for AWS::SQS::Queue (inputs_1_invalid_pre_create.json or inputs_1_invalid.json)',
      'set 1 has no inputs_1_pre_delete.json',
      'set 1 has no invalid input for AWS::S3::Bucket (inputs_1_invalid_pre_delete.json or inputs_1_invalid.json)',
    ]);
  });

  it.each<[string, Partial<Record<InputKind, Record<string, JsonObject>>>, string[]]>([
    [
      'a misspelt target key: the entry looked for, and the key written',
      { CREATE_PRE_PROVISION: { 'AWS::S3::Buckets': { resourceProperties: {} }, 'AWS::SQS::Queue': { resourceProperties: {} } } },
      ['inputs_1_CREATE_PRE_PROVISION.json has no entry for AWS::S3::Bucket (it has AWS::S3::Buckets: a typo?)'],
    ],
    [
      'a misspelt key in the invalid input',
      { INVALID: { 'AWS::S3::Bucket': { resourceProperties: {} }, 'AWS::SQS::Queues': { resourceProperties: {} } } },
      ['set 1 has no invalid input for AWS::SQS::Queue (inputs_1_invalid_pre_create.json or inputs_1_invalid.json) (it has AWS::SQS::Queues: a typo?)'],
    ],
    ['no key near', { CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': { resourceProperties: {} }, 'AWS::Lambda::Function': { resourceProperties: {} } } }, ['inputs_1_CREATE_PRE_PROVISION.json has no entry for AWS::SQS::Queue']],
  ])('names a missing entry: %s', (_why, files, problems) => {
    const cases = buildContractCases(schema, inputs({ ...files }));
    const point = (c: { invocationPoint: string }) => c.invocationPoint === 'CREATE_PRE_PROVISION';
    const kind = Object.keys(files)[0] === 'INVALID' ? 'FAILED' : 'SUCCESS';
    expect(cases.filter((c) => point(c) && c.expected === kind && c.problem).map((c) => c.problem)).toEqual(problems);
  });

  it.each([[['STACK']], [['CHANGE_SET']], [['STACK', 'CHANGE_SET']]])('makes no case for %j, as cfn test leaves them out (HOOK_SPECIAL_TARGET_NAMES)', (special) => {
    const withSpecial: HookSchema = { typeName: 'A::B::C', handlers: { preCreate: { targetNames: ['AWS::S3::Bucket', ...special], permissions: [] } } };
    const cases = buildContractCases(withSpecial, inputs({ CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': { resourceProperties: {} } }, INVALID: { 'AWS::S3::Bucket': { resourceProperties: {} } } }));
    expect(cases.map((c) => [c.targetName, c.expected, c.problem])).toEqual([
      ['AWS::S3::Bucket', 'SUCCESS', undefined],
      ['AWS::S3::Bucket', 'FAILED', undefined],
    ]);
  });

  it('resolves wildcard target names against the targets the inputs name', () => {
    const wild: HookSchema = { typeName: 'A::B::C', handlers: { preCreate: { targetNames: ['AWS::S3::*'], permissions: [] } } };
    const cases = buildContractCases(wild, inputs({ CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': { resourceProperties: {} }, 'AWS::SQS::Queue': { resourceProperties: {} } } }));
    expect([...new Set(cases.map((c) => c.targetName))]).toEqual(['AWS::S3::Bucket', UNSUPPORTED_TARGET]);
    // cfn's test_hook_unsupported_target runs only for handlers with wildcard targets
    expect(cases.filter((c) => c.expectedErrorCode === 'UnsupportedTarget')).toHaveLength(1);
    expect(buildContractCases(schema, inputs({})).some((c) => c.expectedErrorCode)).toBe(false);
  });
});

describe('makeHookRequest', () => {
  it('builds the fields hook_client.make_request builds, the token reused as stack id and logical id', () => {
    const request = makeHookRequest(schema, { set: 1, invocationPoint: 'CREATE_PRE_PROVISION', targetName: 'AWS::S3::Bucket', expected: 'SUCCESS', targetModel: { resourceProperties: { a: '1' } } }, { minBuckets: '0' }, 'tok');
    expect(request).toEqual({
      requestData: { callerCredentials: expect.any(String), targetName: 'AWS::S3::Bucket', targetType: 'RESOURCE', targetLogicalId: 'tok', targetModel: { resourceProperties: { a: '1' } } },
      requestContext: { callbackContext: null },
      hookTypeName: 'MyCompany::Testing::MyTestHook',
      hookTypeVersion: '00000001',
      clientRequestToken: 'tok',
      stackId: 'tok',
      awsAccountId: '123456789012',
      actionInvocationPoint: 'CREATE_PRE_PROVISION',
      hookModel: { minBuckets: '0' },
    });
    expect(Object.keys(JSON.parse((request.requestData as JsonObject).callerCredentials as string) as object).sort()).toEqual(['accessKeyId', 'secretAccessKey', 'sessionToken']);
  });
});

describe('unusedInputs: the files no case reads, named', () => {
  const model = { 'AWS::S3::Bucket': { resourceProperties: {} } };
  // The schema above has preCreate and preDelete, no preUpdate.
  it.each<[string, HookSchema, InputKind[], string[]]>([
    ['every file has a handler', schema, ['CREATE_PRE_PROVISION', 'INVALID', 'INVALID_DELETE_PRE_PROVISION'], []],
    ['pre_update without preUpdate', schema, ['CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION'], ['inputs_1_UPDATE_PRE_PROVISION.json']],
    ['invalid_pre_update without preUpdate', schema, ['INVALID_UPDATE_PRE_PROVISION', 'INVALID_CREATE_PRE_PROVISION'], ['inputs_1_INVALID_UPDATE_PRE_PROVISION.json']],
    ['invalid with no handler at all', { typeName: 'A::B::C', handlers: {} }, ['INVALID'], ['inputs_1_INVALID.json']],
  ])('%s', (_why, hookSchema, kinds, unused) => {
    const diagnostics = unusedInputs(hookSchema, inputs(Object.fromEntries(kinds.map((kind) => [kind, model]))));
    expect(diagnostics.map((d) => d.file)).toEqual(unused);
    expect(diagnostics.every((d) => d.code === 'CT_NO_HANDLER' && d.severity === 'warning')).toBe(true);
  });
});

describe('unknownTargets: target keys no handler that reads their file names (CT_UNKNOWN_TARGET)', () => {
  const model = { resourceProperties: {} };
  const wild: HookSchema = { typeName: 'A::B::C', handlers: { preCreate: { targetNames: ['AWS::S3::*'], permissions: [] } } };
  // The schema above: preCreate targets the queue and the bucket, preDelete the bucket.
  it.each<[string, HookSchema, Partial<Record<InputKind, Record<string, JsonObject>>>, Array<[file: string, path: string, line: number, message: string]>]>([
    ['every key named', schema, { CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': model, 'AWS::SQS::Queue': model } }, []],
    [
      'a misspelt key, with the target meant',
      schema,
      { CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': model, 'AWS::SQS::Queues': model } },
      [['inputs_1_CREATE_PRE_PROVISION.json', '/AWS::SQS::Queues', 3, 'no handler that reads this file targets AWS::SQS::Queues (did you mean AWS::SQS::Queue?), so no case reads it (cfn test ignores it too)']],
    ],
    [
      "a target of another handler than the file's",
      schema,
      { DELETE_PRE_PROVISION: { 'AWS::S3::Bucket': model, 'AWS::SQS::Queue': model } },
      [['inputs_1_DELETE_PRE_PROVISION.json', '/AWS::SQS::Queue', 3, 'no handler that reads this file targets AWS::SQS::Queue, so no case reads it (cfn test ignores it too)']],
    ],
    ['the invalid file: any handler', schema, { INVALID: { 'AWS::S3::Bucket': model, 'AWS::SQS::Queue': model } }, []],
    ['a wildcard match', wild, { CREATE_PRE_PROVISION: { 'AWS::S3::Bucket': model, 'AWS::S3::AccessPoint': model } }, []],
    // The whole file is CT_NO_HANDLER's to report.
    ['a file no handler reads', schema, { UPDATE_PRE_PROVISION: { 'AWS::EC2::VPC': model } }, []],
  ])('%s', (_why, hookSchema, files, expected) => {
    const diagnostics = unknownTargets(hookSchema, inputs(files));
    expect(diagnostics.map((d) => [d.file, d.path, d.line, d.message])).toEqual(expected);
    expect(diagnostics.every((d) => d.code === 'CT_UNKNOWN_TARGET' && d.severity === 'warning' && d.column === 3)).toBe(true);
  });
});
