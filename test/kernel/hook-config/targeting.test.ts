import type { HookConfiguration, HookSchema, StackFilters } from '../../../src/kernel/hook-config';
import { changeSetVerdict } from '../../../src/kernel/hook-config/targeting';
import {
  hookModelFor,
  includeExcludeMatch,
  isTargeted,
  matchesWildcard,
  stackFiltersMatch,
  stackVerdict,
  stringifyScalars,
  targetsOperation,
} from '../../../simulator/cloudformation/invoke';

const schema: HookSchema = {
  typeName: 'MyCompany::Testing::MyTestHook',
  handlers: {
    preCreate: { targetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], permissions: [] },
    preUpdate: { targetNames: ['AWS::S3::*'], permissions: [] },
    preDelete: { targetNames: ['AWS::S3::Bucket'], permissions: [] },
  },
  typeConfiguration: {
    properties: {
      minBuckets: { type: 'string', default: '0' },
      encryptionAlgorithm: { type: 'string', default: 'AES256' },
      noDefault: { type: 'string' },
    },
  },
};

describe('matchesWildcard', () => {
  it.each([
    ['AWS::S3::Bucket', 'AWS::S3::Bucket', true],
    ['AWS::S3::*', 'AWS::S3::Bucket', true],
    ['AWS::*::Bucket*', 'AWS::S3::BucketPolicy', true],
    ['AWS::S3::Bucke?', 'AWS::S3::Bucket', true],
    ['AWS::S3::Bucke?', 'AWS::S3::Bucke', false],
    ['aws::s3::bucket', 'AWS::S3::Bucket', false],
    ['*', '', true],
    ['', 'x', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['prod-*', 'dev-prod-1', false],
    ['*-prod', 'app-prod', true],
    ['**a', 'bba', true],
  ])('%s ~ %s = %s', (pattern, text, expected) => {
    expect(matchesWildcard(pattern, text)).toBe(expected);
  });

  it('is linear on patterns that would make a backtracking matcher explode', () => {
    expect(matchesWildcard(`${'*a'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
  });
});

describe('StackNames filters: the reference worked example (stacks A B C D)', () => {
  it.each([
    [{ Include: ['A', 'B'] }, ['A', 'B']],
    [{ Exclude: ['B'] }, ['A', 'C', 'D']],
    [{ Include: ['A', 'B', 'C'], Exclude: ['A', 'D'] }, ['B', 'C']],
    [{ Include: ['A', 'B', 'C'], Exclude: ['A', 'B', 'C'] }, []],
    [{ Include: ['?'], Exclude: ['[AB]'] }, ['A', 'B', 'C', 'D']],
  ])('%j invokes %j', (filter, invoked) => {
    expect(['A', 'B', 'C', 'D'].filter((name) => includeExcludeMatch(filter, name))).toEqual(invoked);
  });
});

describe('stackFiltersMatch (names, roles, ALL / ANY)', () => {
  const role = 'arn:aws:iam::123456789012:role/deployer';
  const names = { Include: ['prod-*'] };
  const roles = { Include: ['arn:aws:iam::*:role/deployer'] };
  it.each<[string, StackFilters, string, string | undefined, boolean]>([
    ['names only, match', { StackNames: names }, 'prod-app', undefined, true],
    ['names only, no match', { StackNames: names }, 'dev-app', undefined, false],
    ['roles only, match', { StackRoles: roles }, 'dev-app', role, true],
    ['roles only, stack without a role', { StackRoles: roles }, 'dev-app', undefined, false],
    ['roles Exclude only, stack without a role', { StackRoles: { Exclude: [role] } }, 'dev-app', undefined, true],
    ['ALL (default): names match, role does not', { StackNames: names, StackRoles: roles }, 'prod-app', undefined, false],
    ['ALL: both match', { StackNames: names, StackRoles: roles }, 'prod-app', role, true],
    ['ANY: names match, role does not', { FilteringCriteria: 'ANY', StackNames: names, StackRoles: roles }, 'prod-app', undefined, true],
    ['ANY: role matches, name does not', { FilteringCriteria: 'ANY', StackNames: names, StackRoles: roles }, 'dev', role, true],
    ['ANY: neither', { FilteringCriteria: 'ANY', StackNames: names, StackRoles: roles }, 'dev', undefined, false],
    ['no filter given', {}, 'x', undefined, true],
  ])('%s', (_name, filters, stackName, roleArn, expected) => {
    expect(stackFiltersMatch(filters, { stackName, ...(roleArn ? { roleArn } : {}) })).toBe(expected);
  });
});

describe('stackVerdict', () => {
  it.each<[string, HookConfiguration, boolean, RegExp | null]>([
    ['enabled', { HookInvocationStatus: 'ENABLED' }, true, null],
    ['empty configuration', {}, true, null],
    ['DISABLED', { HookInvocationStatus: 'DISABLED' }, false, /HookInvocationStatus is DISABLED/],
    ['TargetStacks NONE', { HookInvocationStatus: 'ENABLED', TargetStacks: 'NONE' }, false, /TargetStacks is NONE/],
    ['DISABLED wins over TargetStacks ALL', { HookInvocationStatus: 'DISABLED', TargetStacks: 'ALL' }, false, /DISABLED/],
    ['TargetOperations STACK only (called for the stack itself)', { TargetOperations: ['STACK'] }, true, null],
    ['TargetOperations with neither RESOURCE nor STACK', { TargetOperations: ['CHANGE_SET', 'CLOUD_CONTROL'] }, false, /\[CHANGE_SET, CLOUD_CONTROL\] includes neither RESOURCE nor STACK/],
    ['TargetOperations with RESOURCE', { TargetOperations: ['STACK', 'RESOURCE'] }, true, null],
    ['StackFilters exclude', { StackFilters: { StackNames: { Exclude: ['my-*'] } } }, false, /StackFilters exclude stack 'my-stack' \(by StackNames\)$/],
    // A StackRoles Include never admits a stack without a service role: the reason says how to give one.
    ['StackFilters exclude a stack without a role', { StackFilters: { StackRoles: { Include: ['arn:aws:iam::*:role/deployer'] } } }, false, /StackFilters exclude stack 'my-stack' \(by StackRoles: the stack has no service role\)$/],
  ])('%s', (_name, configuration, invoked, reason) => {
    const verdict = stackVerdict(configuration, { stackName: 'my-stack' });
    expect(verdict.invoked).toBe(invoked);
    if (reason && !verdict.invoked) expect(verdict.reason).toMatch(reason);
  });
});

describe('changeSetVerdict', () => {
  it.each<[string, HookConfiguration, string | null]>([
    ['[CHANGE_SET]', { TargetOperations: ['CHANGE_SET'] }, null],
    ['[RESOURCE, CHANGE_SET]', { TargetOperations: ['RESOURCE', 'CHANGE_SET'] }, null],
    ['absent list (RESOURCE only)', {}, 'TargetOperations [RESOURCE] does not include CHANGE_SET'],
    ['[STACK, RESOURCE]', { TargetOperations: ['STACK', 'RESOURCE'] }, 'TargetOperations [STACK, RESOURCE] does not include CHANGE_SET'],
    ['DISABLED wins', { TargetOperations: ['CHANGE_SET'], HookInvocationStatus: 'DISABLED' }, 'HookInvocationStatus is DISABLED'],
    ['TargetStacks NONE', { TargetOperations: ['CHANGE_SET'], TargetStacks: 'NONE' }, 'TargetStacks is NONE'],
    ['StackFilters apply', { TargetOperations: ['CHANGE_SET'], StackFilters: { StackNames: { Include: ['other'] } } }, "StackFilters exclude stack 'my-stack' (by StackNames)"],
  ])('%s', (_name, configuration, reason) => {
    const verdict = changeSetVerdict(configuration, { stackName: 'my-stack' });
    expect(verdict).toEqual(reason === null ? { invoked: true } : { invoked: false, reason });
  });
});

describe('targetsOperation', () => {
  it.each<[string, HookConfiguration, 'RESOURCE' | 'STACK' | 'CHANGE_SET', boolean]>([
    ['absent list: not CHANGE_SET', {}, 'CHANGE_SET', false],
    ['[RESOURCE, CHANGE_SET]: CHANGE_SET', { TargetOperations: ['RESOURCE', 'CHANGE_SET'] }, 'CHANGE_SET', true],
    ['absent list: RESOURCE (the default)', {}, 'RESOURCE', true],
    ['absent list: not STACK', {}, 'STACK', false],
    ['[STACK]: STACK', { TargetOperations: ['STACK'] }, 'STACK', true],
    ['[STACK]: not RESOURCE', { TargetOperations: ['STACK'] }, 'RESOURCE', false],
    ['[RESOURCE, STACK]: both', { TargetOperations: ['RESOURCE', 'STACK'] }, 'STACK', true],
  ])('%s', (_name, configuration, operation, expected) => {
    expect(targetsOperation(configuration, operation)).toBe(expected);
  });
});

describe('isTargeted: schema targetNames narrowed by TargetFilters', () => {
  it.each<[string, HookConfiguration, string, 'CREATE_PRE_PROVISION' | 'UPDATE_PRE_PROVISION' | 'DELETE_PRE_PROVISION', boolean]>([
    ['schema names the type', {}, 'AWS::S3::Bucket', 'CREATE_PRE_PROVISION', true],
    ['schema does not name the type', {}, 'AWS::KMS::Key', 'CREATE_PRE_PROVISION', false],
    ['schema wildcard', {}, 'AWS::S3::BucketPolicy', 'UPDATE_PRE_PROVISION', true],
    ['no preDelete target for queues', {}, 'AWS::SQS::Queue', 'DELETE_PRE_PROVISION', false],
    ['Actions excludes CREATE', { TargetFilters: { Actions: ['UPDATE', 'DELETE'] } }, 'AWS::S3::Bucket', 'CREATE_PRE_PROVISION', false],
    ['Actions includes DELETE', { TargetFilters: { Actions: ['DELETE'] } }, 'AWS::S3::Bucket', 'DELETE_PRE_PROVISION', true],
    ['TargetNames narrows', { TargetFilters: { TargetNames: ['AWS::SQS::*'] } }, 'AWS::S3::Bucket', 'CREATE_PRE_PROVISION', false],
    ['TargetNames keeps', { TargetFilters: { TargetNames: ['AWS::SQS::*'] } }, 'AWS::SQS::Queue', 'CREATE_PRE_PROVISION', true],
    ['TargetNames cannot widen', { TargetFilters: { TargetNames: ['AWS::KMS::Key'] } }, 'AWS::KMS::Key', 'CREATE_PRE_PROVISION', false],
    ['InvocationPoints PRE_PROVISION', { TargetFilters: { InvocationPoints: ['PRE_PROVISION'] } }, 'AWS::S3::Bucket', 'CREATE_PRE_PROVISION', true],
    [
      'Targets entry matches',
      { TargetFilters: { Targets: [{ TargetName: 'AWS::S3::Bucket', Action: 'CREATE', InvocationPoint: 'PRE_PROVISION' }] } },
      'AWS::S3::Bucket',
      'CREATE_PRE_PROVISION',
      true,
    ],
    [
      'Targets entry for another action',
      { TargetFilters: { Targets: [{ TargetName: 'AWS::S3::Bucket', Action: 'CREATE', InvocationPoint: 'PRE_PROVISION' }] } },
      'AWS::S3::Bucket',
      'UPDATE_PRE_PROVISION',
      false,
    ],
    [
      'Targets wildcard name',
      { TargetFilters: { Targets: [{ TargetName: 'AWS::SQS::*', Action: 'CREATE', InvocationPoint: 'PRE_PROVISION' }] } },
      'AWS::SQS::Queue',
      'CREATE_PRE_PROVISION',
      true,
    ],
  ])('%s', (_name, configuration, target, point, expected) => {
    expect(isTargeted(schema, configuration, target, point)).toBe(expected);
  });
});

describe('hookModelFor', () => {
  it('merges Properties over the schema defaults and sends every value as a string', () => {
    expect(hookModelFor(schema, { Properties: { minBuckets: 3, encryptionAlgorithm: 'aws:kms', extra: true } })).toEqual({
      minBuckets: '3',
      encryptionAlgorithm: 'aws:kms',
      extra: 'true',
    });
  });
  it('keeps types with stringify off', () => {
    expect(hookModelFor(schema, { Properties: { minBuckets: 3 } }, false)).toEqual({ minBuckets: 3, encryptionAlgorithm: 'AES256' });
  });
});

describe('stringifyScalars', () => {
  it.each([
    [true, 'true'],
    [false, 'false'],
    [5, '5'],
    [1.5, '1.5'],
    ['x', 'x'],
    [null, 'null'],
    [[1, { a: false }], ['1', { a: 'false' }]],
    [{ n: { m: [0] } }, { n: { m: ['0'] } }],
  ])('%j -> %j', (input, output) => {
    expect(stringifyScalars(input)).toEqual(output);
  });

  it('keeps a __proto__ key as data instead of changing the prototype', () => {
    const out = stringifyScalars(JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}')) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":"true"},"constructor":"1"}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
