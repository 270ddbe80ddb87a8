/**
 * A rule written for templates (the Guard Rules Registry's style: select by Type, opt out through the resource's
 * Metadata) on each target, by the real cfn-guard: what docs/simulator.md "Rules written for templates" says.
 */
import { join } from 'node:path';
import { buildGuardInput, evaluateGuard, type GuardTarget } from '../../../../simulator/cloudformation/guard';
import { readTemplateFile } from '../../../../simulator/cloudformation/template';
import type { InvocationPoint, JsonObject } from '../../../../src/kernel/protocol';
import { cfnGuardForTests, describeWithCfnGuard } from '../../../support/cfn-guard';

const binary = cfnGuardForTests('template-style Guard rules');
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'guard', 'template-style');
const template = readTemplateFile(join(FIXTURES, 'stack.yaml')).body;
const resources = template.Resources as Record<string, JsonObject>;
const stack = { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/buckets/0000', accountId: '123456789012' };

function resourceTarget(logicalId: string, invocationPoint: InvocationPoint): GuardTarget {
  const properties = (resources[logicalId]?.Properties as JsonObject | undefined) ?? {};
  return {
    clientRequestToken: 't',
    stack,
    invocationPoint,
    targetName: 'AWS::S3::Bucket',
    logicalId,
    resourceProperties: properties,
    ...(invocationPoint === 'CREATE_PRE_PROVISION' ? {} : { previousResourceProperties: properties }),
  };
}

const stackTarget: GuardTarget = { targetType: 'STACK', clientRequestToken: 't', stack, stackName: 'buckets', invocationPoint: 'CREATE_PRE_PROVISION', template, previousTemplate: null };

describeWithCfnGuard(binary)('a rule written for templates, on each target', () => {
  it.each<[string, GuardTarget, 'SUCCESS' | 'FAILED', Array<[string, string]>]>([
    ['STACK: the opted-out bucket is filtered out by its Metadata, the other passes', stackTarget, 'SUCCESS', [['BUCKET_VERSIONING', 'PASSED'], ['BUCKET_VERSIONING_NOT_ON_DELETE', 'PASSED']]],
    ['RESOURCE create, the versioned bucket: passes', resourceTarget('Versioned', 'CREATE_PRE_PROVISION'), 'SUCCESS', [['BUCKET_VERSIONING', 'PASSED'], ['BUCKET_VERSIONING_NOT_ON_DELETE', 'PASSED']]],
    [
      'RESOURCE create, the opted-out bucket: fails, since a RESOURCE document has no Metadata to opt out with',
      resourceTarget('OptedOut', 'CREATE_PRE_PROVISION'),
      'FAILED',
      [['BUCKET_VERSIONING', 'FAILED'], ['BUCKET_VERSIONING_NOT_ON_DELETE', 'FAILED']],
    ],
    [
      'RESOURCE delete, the versioned bucket: its properties are empty, so the Type-selecting rule fails; the one kept out of deletes does not apply',
      resourceTarget('Versioned', 'DELETE_PRE_PROVISION'),
      'FAILED',
      [['BUCKET_VERSIONING', 'FAILED'], ['BUCKET_VERSIONING_NOT_ON_DELETE', 'SKIPPED']],
    ],
  ])('%s', async (_name, target, status, annotations) => {
    const document = buildGuardInput({ hookTypeName: 'Private::Guard::Registry' }, target);
    const result = await evaluateGuard({ binary: binary as string, rules: join(FIXTURES, 'bucket-versioning.guard'), document });
    expect(result.status).toBe(status);
    expect(result.annotations.map((a) => [a.annotationName, a.status])).toEqual(annotations);
  });
});
