import {
  buildGuardInput,
  cloudControlLogicalId,
  GuardInputError,
  type GuardTarget,
} from '../../../../simulator/cloudformation/guard';
import type { JsonObject } from '../../../../src/kernel/protocol';

const hook = { hookTypeName: 'Private::Guard::S3Rules' };
const stack = { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/demo/0000', accountId: '123456789012' };
const changeSetArn = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs1/1111';

const template: JsonObject = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Name: { Type: 'String' } },
  Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'Name' }, ObjectLockEnabled: true } } },
};
const previousTemplate: JsonObject = { Resources: { Old: { Type: 'AWS::SQS::Queue' } } };

function context(overrides: JsonObject): JsonObject {
  return {
    AwsAccountId: '123456789012',
    StackId: stack.stackId,
    HookTypeName: 'Private::Guard::S3Rules',
    HookTypeVersion: '00000001',
    ...overrides,
  };
}

const resource = {
  clientRequestToken: 't',
  stack,
  targetName: 'AWS::S3::Bucket',
  logicalId: 'Bucket',
  resourceProperties: { ObjectLockEnabled: true, Count: 3 },
} as const;

const cases: Array<[string, GuardTarget, JsonObject]> = [
  [
    'RESOURCE create: Resources first, typed scalars, Previous empty',
    { ...resource, invocationPoint: 'CREATE_PRE_PROVISION' },
    {
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, Count: 3 } } },
      HookContext: context({
        InvocationPoint: 'CREATE_PRE_PROVISION',
        TargetName: 'AWS::S3::Bucket',
        TargetType: 'RESOURCE',
        TargetLogicalId: 'Bucket',
        ChangeSetId: '',
      }),
      Previous: {},
    },
  ],
  [
    'RESOURCE update during a change set: Previous holds the deployed properties',
    { ...resource, invocationPoint: 'UPDATE_PRE_PROVISION', previousResourceProperties: { ObjectLockEnabled: false }, changeSetId: changeSetArn },
    {
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, Count: 3 } } },
      HookContext: context({
        InvocationPoint: 'UPDATE_PRE_PROVISION',
        TargetName: 'AWS::S3::Bucket',
        TargetType: 'RESOURCE',
        TargetLogicalId: 'Bucket',
        ChangeSetId: changeSetArn,
      }),
      Previous: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: false } } },
    },
  ],
  [
    'RESOURCE delete: both property sets empty, the entries kept',
    { ...resource, invocationPoint: 'DELETE_PRE_PROVISION', previousResourceProperties: { ObjectLockEnabled: false } },
    {
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: {} } },
      HookContext: context({
        InvocationPoint: 'DELETE_PRE_PROVISION',
        TargetName: 'AWS::S3::Bucket',
        TargetType: 'RESOURCE',
        TargetLogicalId: 'Bucket',
        ChangeSetId: '',
      }),
      Previous: { Bucket: { Type: 'AWS::S3::Bucket', Properties: {} } },
    },
  ],
  [
    'CLOUD_CONTROL: no stack id, no change set, TargetType RESOURCE, the constructed id as the key',
    { ...resource, targetType: 'CLOUD_CONTROL', logicalId: 'AWS-S3-Bucket-b1-CREATE-tok', invocationPoint: 'CREATE_PRE_PROVISION', changeSetId: 'ignored' },
    {
      Resources: { 'AWS-S3-Bucket-b1-CREATE-tok': { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, Count: 3 } } },
      HookContext: context({
        StackId: '',
        InvocationPoint: 'CREATE_PRE_PROVISION',
        TargetName: 'AWS::S3::Bucket',
        TargetType: 'RESOURCE',
        TargetLogicalId: 'AWS-S3-Bucket-b1-CREATE-tok',
        ChangeSetId: '',
      }),
      Previous: {},
    },
  ],
  [
    'STACK create: the template as written at the root, Previous empty',
    { targetType: 'STACK', clientRequestToken: 't', stack, stackName: 'demo', invocationPoint: 'CREATE_PRE_PROVISION', template, previousTemplate: null },
    {
      ...template,
      HookContext: context({ InvocationPoint: 'CREATE_PRE_PROVISION', TargetName: 'demo', TargetType: 'STACK', TargetLogicalId: 'demo', ChangeSetId: '' }),
      Previous: {},
    },
  ],
  [
    'STACK update: Previous is the deployed template',
    { targetType: 'STACK', clientRequestToken: 't', stack, stackName: 'demo', invocationPoint: 'UPDATE_PRE_PROVISION', template, previousTemplate },
    {
      ...template,
      HookContext: context({ InvocationPoint: 'UPDATE_PRE_PROVISION', TargetName: 'demo', TargetType: 'STACK', TargetLogicalId: 'demo', ChangeSetId: '' }),
      Previous: previousTemplate,
    },
  ],
  [
    'STACK delete: no template, Previous empty',
    { targetType: 'STACK', clientRequestToken: 't', stack, stackName: 'demo', invocationPoint: 'DELETE_PRE_PROVISION', template: null, previousTemplate: null },
    {
      HookContext: context({ InvocationPoint: 'DELETE_PRE_PROVISION', TargetName: 'demo', TargetType: 'STACK', TargetLogicalId: 'demo', ChangeSetId: '' }),
      Previous: {},
    },
  ],
  [
    'CHANGE_SET: + Changes, contexts as JSON strings with string scalars, null where there is no side',
    {
      targetType: 'CHANGE_SET',
      clientRequestToken: 't',
      stack,
      stackName: 'demo',
      changeSetId: changeSetArn,
      invocationPoint: 'CREATE_PRE_PROVISION',
      template,
      previousTemplate,
      changes: [
        { logicalResourceId: 'Bucket', resourceType: 'AWS::S3::Bucket', action: 'CREATE', lineNumber: 4, beforeProperties: null, afterProperties: { ObjectLockEnabled: true } },
        { logicalResourceId: 'Old', resourceType: 'AWS::SQS::Queue', action: 'DELETE', lineNumber: null, beforeProperties: { DelaySeconds: 5 }, afterProperties: null },
      ],
    },
    {
      ...template,
      HookContext: context({
        InvocationPoint: 'CREATE_PRE_PROVISION',
        TargetName: 'CHANGE_SET',
        TargetType: 'CHANGE_SET',
        TargetLogicalId: changeSetArn,
        ChangeSetId: changeSetArn,
      }),
      Previous: previousTemplate,
      Changes: [
        {
          logicalResourceId: 'Bucket',
          resourceType: 'AWS::S3::Bucket',
          action: 'CREATE',
          lineNumber: 4,
          beforeContext: null,
          afterContext: '{"Properties":{"ObjectLockEnabled":"true"}}',
        },
        {
          logicalResourceId: 'Old',
          resourceType: 'AWS::SQS::Queue',
          action: 'DELETE',
          lineNumber: null,
          beforeContext: '{"Properties":{"DelaySeconds":"5"}}',
          afterContext: null,
        },
      ],
    },
  ],
];

describe('buildGuardInput', () => {
  it.each(cases)('%s', (_name, target, expected) => {
    const document = buildGuardInput(hook, target);
    expect(document).toEqual(expected);
    // Key order is part of the document: Guard's [L:0,C:n] positions are offsets into its compact JSON.
    expect(JSON.stringify(document)).toBe(JSON.stringify(expected));
  });

  it('starts a resource document the way the real messages need: {"Resources":{"<id>":{"Type":…,"Properties":{', () => {
    const document = buildGuardInput(hook, { ...resource, invocationPoint: 'CREATE_PRE_PROVISION' });
    expect(JSON.stringify(document)).toMatch(/^\{"Resources":\{"Bucket":\{"Type":"AWS::S3::Bucket","Properties":\{"ObjectLockEnabled":true/);
  });

  it.each(['HookContext', 'Previous', 'Changes'])('refuses a template with a top-level %s key, naming it', (key) => {
    const target: GuardTarget = {
      targetType: 'STACK',
      clientRequestToken: 't',
      stack,
      stackName: 'demo',
      invocationPoint: 'CREATE_PRE_PROVISION',
      template: { ...template, [key]: {} },
      previousTemplate: null,
    };
    expect(() => buildGuardInput(hook, target)).toThrow(GuardInputError);
    expect(() => buildGuardInput(hook, target)).toThrow(new RegExp(`top-level key '${key}'`));
  });

  it('uses the hook version given', () => {
    const document = buildGuardInput({ ...hook, hookTypeVersion: '00000007' }, { ...resource, invocationPoint: 'CREATE_PRE_PROVISION' });
    expect((document.HookContext as JsonObject).HookTypeVersion).toBe('00000007');
  });
});

describe('cloudControlLogicalId', () => {
  it.each([
    [{ typeName: 'AWS::S3::Bucket', identifier: 'my-bucket', operation: 'CREATE', requestToken: 'abc' }, 'AWS-S3-Bucket-my-bucket-CREATE-abc'],
    [{ typeName: 'AWS::SQS::Queue', identifier: '', operation: 'CREATE', requestToken: 'r1' }, 'AWS-SQS-Queue-CREATE-r1'],
  ] as const)('%j → %s', (parts, expected) => {
    expect(cloudControlLogicalId(parts)).toBe(expected);
  });
});
