/** The contract-input reader: cfn's file-name rules, the target-map shape, and located errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputKindOf, parseContractInput, readContractInputs, type InputKind } from '../../src/contract';

describe('inputKindOf (cfn get_type precedence)', () => {
  it.each<[string, InputKind | undefined]>([
    ['inputs_1_pre_create.json', 'CREATE_PRE_PROVISION'],
    ['inputs_1_pre_update.json', 'UPDATE_PRE_PROVISION'],
    ['inputs_1_pre_delete.json', 'DELETE_PRE_PROVISION'],
    ['inputs_1_invalid.json', 'INVALID'],
    ['inputs_1_invalid_pre_create.json', 'INVALID_CREATE_PRE_PROVISION'],
    ['inputs_2_invalid_pre_update.json', 'INVALID_UPDATE_PRE_PROVISION'],
    ['inputs_12_invalid_pre_delete.json', 'INVALID_DELETE_PRE_PROVISION'],
    ['inputs_1_create.json', undefined],
    ['inputs_1_pre_create.yaml', undefined],
    ['overrides.json', undefined],
  ])('%s → %s', (name, kind) => {
    expect(inputKindOf(name)).toBe(kind);
  });
});

describe('parseContractInput', () => {
  it('reads a target map, keeping each targetModel as written', () => {
    const text = JSON.stringify({ 'AWS::S3::Bucket': { resourceProperties: { BucketName: 'b' }, previousResourceProperties: {} } });
    const parsed = parseContractInput(text, 'in.json', 'UPDATE_PRE_PROVISION');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.targets?.get('AWS::S3::Bucket')?.targetModel).toEqual({ resourceProperties: { BucketName: 'b' }, previousResourceProperties: {} });
  });

  type Bad = [why: string, text: string, kind: InputKind, code: string, path: string, line: number, message: RegExp];
  it.each<Bad>([
    ['not JSON', '{\n  "AWS::S3::Bucket": {,\n}', 'CREATE_PRE_PROVISION', 'CT_SYNTAX', '', 2, /invalid JSON/],
    ['a duplicate target', '{\n "AWS::S3::Bucket": {"resourceProperties": {}},\n "AWS::S3::Bucket": {"resourceProperties": {}}\n}', 'CREATE_PRE_PROVISION', 'CT_SYNTAX', '', 3, /duplicate key "AWS::S3::Bucket"/],
    ['a list', '[]', 'CREATE_PRE_PROVISION', 'CT_NOT_A_TARGET_MAP', '', 1, /got a list/],
    [
      'previousResourceProperties beside the targets',
      '{\n  "AWS::SQS::QueuePolicy": {"resourceProperties": {}},\n  "previousResourceProperties": {}\n}',
      'UPDATE_PRE_PROVISION',
      'CT_NOT_A_TARGET_NAME',
      '/previousResourceProperties',
      3,
      /belongs inside a target's entry/,
    ],
    [
      'properties without resourceProperties',
      '{\n  "AWS::IAM::Policy": {\n    "PolicyName": "p",\n    "Roles": []\n  }\n}',
      'CREATE_PRE_PROVISION',
      'CT_NO_RESOURCE_PROPERTIES',
      '/AWS::IAM::Policy',
      2,
      /wrap them in \{"resourceProperties"/,
    ],
    ['a target that is a string', '{"AWS::S3::Bucket": "b"}', 'CREATE_PRE_PROVISION', 'CT_TARGET_NOT_AN_OBJECT', '/AWS::S3::Bucket', 1, /must be an object/],
    ['valid input with list properties', '{"AWS::S3::Bucket": {"resourceProperties": []}}', 'DELETE_PRE_PROVISION', 'CT_PROPERTIES_NOT_AN_OBJECT', '/AWS::S3::Bucket/resourceProperties', 1, /must be an object/],
  ])('%s → %s', (_why, text, kind, code, path, line, message) => {
    const parsed = parseContractInput(text, 'in.json', kind);
    expect(parsed.targets).toBeUndefined();
    const first = parsed.diagnostics[0];
    expect(first).toMatchObject({ code, path, line, file: 'in.json', severity: 'error' });
    expect(first?.message).toMatch(message);
    expect(first?.column).toBeGreaterThan(0);
  });

  it('lets an invalid input be malformed on purpose (it must make the handler fail)', () => {
    const parsed = parseContractInput('{"AWS::S3::Bucket": {"resourceProperties": "x"}}', 'in.json', 'INVALID_DELETE_PRE_PROVISION');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.targets?.size).toBe(1);
  });

  it('warns about keys that are not part of a targetModel but still reads the file (cfn passes them through)', () => {
    const parsed = parseContractInput('{"AWS::EC2::Instance": {"typeConfiguration": {}, "resourceProperties": {}}}', 'in.json', 'UPDATE_PRE_PROVISION');
    expect(parsed.targets?.size).toBe(1);
    expect(parsed.diagnostics).toMatchObject([{ code: 'CT_EXTRA_TARGET_KEY', severity: 'warning', path: '/AWS::EC2::Instance/typeConfiguration' }]);
  });
});

describe('parseContractInput: properties the type does not have (CT_UNKNOWN_PROPERTY, from the resource catalogue)', () => {
  type Unknown = [why: string, target: Record<string, unknown>, kind: InputKind, expected: Array<[path: string, line: number, message: RegExp]>];
  it.each<Unknown>([
    ['a known property', { 'AWS::DynamoDB::Table': { resourceProperties: { TableName: 't' } } }, 'CREATE_PRE_PROVISION', []],
    [
      'a typo, with the name meant',
      { 'AWS::DynamoDB::Table': { resourceProperties: { TableNme: 't' } } },
      'CREATE_PRE_PROVISION',
      [['/AWS::DynamoDB::Table/resourceProperties/TableNme', 4, /^TableNme is not a property of AWS::DynamoDB::Table \(did you mean TableName\?\): cfn test passes it/]],
    ],
    [
      'in previousResourceProperties too',
      { 'AWS::S3::Bucket': { resourceProperties: {}, previousResourceProperties: { BucketNme: 'b' } } },
      'UPDATE_PRE_PROVISION',
      [['/AWS::S3::Bucket/previousResourceProperties/BucketNme', 5, /did you mean BucketName\?/]],
    ],
    // An invalid input can otherwise fail for its typo and still pass its case.
    ['in an invalid input', { 'AWS::SQS::Queue': { resourceProperties: { KmsMasterKeyIdd: '' } } }, 'INVALID', [['/AWS::SQS::Queue/resourceProperties/KmsMasterKeyIdd', 4, /did you mean KmsMasterKeyId\?/]]],
    ['no name near', { 'AWS::SQS::Queue': { resourceProperties: { Colour: 'blue' } } }, 'CREATE_PRE_PROVISION', [['/AWS::SQS::Queue/resourceProperties/Colour', 4, /^Colour is not a property of AWS::SQS::Queue: /]]],
    ['a custom resource (its provider reads any property)', { 'AWS::CloudFormation::CustomResource': { resourceProperties: { ServiceToken: 'arn', Anything: '1' } } }, 'CREATE_PRE_PROVISION', []],
    ['a type the catalogue does not list', { 'AWS::DynamoDB::Tables': { resourceProperties: { TableNme: 't' } } }, 'CREATE_PRE_PROVISION', []],
    // cfn test sends inputs as written, and the project's own inputs hold `true` beside "true" on purpose.
    ['a non-string scalar', { 'AWS::S3::Bucket': { resourceProperties: { ObjectLockEnabled: true } } }, 'CREATE_PRE_PROVISION', []],
  ])('%s', (_why, target, kind, expected) => {
    const parsed = parseContractInput(JSON.stringify(target, null, 2), 'in.json', kind);
    expect(parsed.targets?.size).toBe(1);
    expect(parsed.diagnostics.map((d) => [d.code, d.severity, d.path, d.line])).toEqual(expected.map(([path, line]) => ['CT_UNKNOWN_PROPERTY', 'warning', path, line]));
    parsed.diagnostics.forEach((d, i) => expect(d.message).toMatch(expected[i]?.[2] ?? /^$/));
  });
});

describe('readContractInputs', () => {
  it('groups files by set and kind, ignores other files, and reports a second file for the same kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-inputs-'));
    const body = JSON.stringify({ 'AWS::S3::Bucket': { resourceProperties: {} } });
    for (const name of ['inputs_1_pre_create.json', 'inputs_1_invalid.json', 'inputs_2_pre_delete.json', 'README.md', 'inputs_1_invalid_pre_create_extra.json', 'inputs_1_invalid_pre_create.json']) {
      writeFileSync(join(dir, name), body);
    }
    const inputs = readContractInputs(dir);
    expect([...inputs.sets.keys()]).toEqual([1, 2]);
    expect([...(inputs.sets.get(1)?.keys() ?? [])].sort()).toEqual(['CREATE_PRE_PROVISION', 'INVALID', 'INVALID_CREATE_PRE_PROVISION']);
    expect(inputs.diagnostics.map((d) => d.code)).toEqual(['CT_DUPLICATE_KIND']);
  });
});
