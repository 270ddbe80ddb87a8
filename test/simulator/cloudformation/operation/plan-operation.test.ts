import { OperationError, planOperation } from '../../../../simulator/cloudformation/operation';
import type { ResolvedStack } from '../../../../simulator/cloudformation/nested';
import type { ResolvedTemplate } from '../../../../simulator/cloudformation/template/types';
import { resource } from '../build-resources';
import { changesNothing } from '../../../../simulator/cloudformation/plan';
import type { JsonObject } from '../../../../src/kernel/protocol';

const placement = { region: 'us-east-1', accountId: '123456789012' };

function resolved(resources: ResolvedTemplate['resources'], outputs: { body?: JsonObject; resolved?: Record<string, string> } = {}): ResolvedStack {
  const body: JsonObject = outputs.body === undefined ? {} : { Outputs: outputs.body };
  const template = { resources, warnings: [], exports: {}, outputs: outputs.resolved ?? {}, source: { file: 'template.yml', body } } as unknown as ResolvedTemplate;
  return { name: 'stack', id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/stack/1', template, children: new Map() };
}

describe('planOperation', () => {
  it.each([
    ['create', { next: () => resolved([resource('A', 'AWS::SQS::Queue', {})]), placement }, ['create A']],
    ['delete', { previous: () => resolved([resource('A', 'AWS::SQS::Queue', {})]), placement }, ['delete A']],
  ] as const)('%s plans the steps', (operation, templates, steps) => {
    const { plan } = planOperation(operation, templates);
    expect(plan.steps.map((s) => `${s.action} ${s.resource.logicalId}`)).toEqual(steps);
  });

  it('keeps the deployed stack tree of a delete (the account holds its resources and its nested stacks\')', () => {
    const deployed = resolved([resource('A', 'AWS::SQS::Queue', {})]);
    expect(planOperation('delete', { previous: () => deployed, placement }).deployed).toBe(deployed);
  });

  it('re-resolves an update with the deployed physical ids of the resources it keeps', () => {
    const calls: Array<Record<string, string> | undefined> = [];
    const previous = () => resolved([{ ...resource('A', 'AWS::SQS::Queue', { QueueName: 'q' }), physicalId: 'deployed-id' }]);
    const next = (ids?: Record<string, string>) => {
      calls.push(ids);
      return resolved([{ ...resource('A', 'AWS::SQS::Queue', { QueueName: 'q' }), physicalId: ids?.A ?? 'fresh-id' }]);
    };
    const { plan, warnings } = planOperation('update', { previous, next, placement });
    expect(calls).toEqual([undefined, { A: 'deployed-id' }]);
    expect(plan.steps).toEqual([]);
    // Nothing to change: the plan is empty and says nothing; executing it is UpdateStack's refusal (REJECTED).
    expect(warnings).toEqual([]);
  });

  it('gives a replacement whose values give the deployed id again a new one, and what names it is updated', () => {
    const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';
    const calls: Array<Record<string, string> | undefined> = [];
    const previous = () =>
      resolved([
        { ...resource('Task', 'AWS::ECS::TaskDefinition', { Family: 'web', ContainerDefinitions: [{ Image: 'app:1' }] }), physicalId: taskArn },
        { ...resource('Service', 'AWS::ECS::Service', { TaskDefinition: taskArn }, { dependsOn: ['Task'] }), physicalId: 'service-arn' },
      ]);
    const next = (ids?: Record<string, string>) => {
      calls.push(ids);
      const task = ids?.Task ?? taskArn; // the template alone gives the same family, so the same ARN
      return resolved([
        { ...resource('Task', 'AWS::ECS::TaskDefinition', { Family: 'web', ContainerDefinitions: [{ Image: 'app:2' }] }), physicalId: task },
        { ...resource('Service', 'AWS::ECS::Service', { TaskDefinition: task }, { dependsOn: ['Task'] }), physicalId: ids?.Service ?? 'service-arn' },
      ]);
    };
    const { plan } = planOperation('update', { previous, next, placement });
    expect(calls).toEqual([undefined, { Task: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2', Service: 'service-arn' }]);
    expect(plan.steps.filter((s) => s.phase === 'main').map((s) => `${s.action} ${s.resource.logicalId}`)).toEqual(['replace Task', 'update Service']);
  });

  it('a refused replacement (a custom name kept, even one shaped like a generated name) keeps its deployed id: what names it is not updated', () => {
    const name = 'stack-Role-ABCDEFGHIJKL';
    const role = (path: string, id: string) => ({ ...resource('Role', 'AWS::IAM::Role', { RoleName: name, Path: path }), physicalId: id });
    const naming = (id: string) => ({ ...resource('P', 'AWS::SSM::Parameter', { Type: 'String', Value: id }, { dependsOn: ['Role'] }), physicalId: 'p' });
    const previous = () => resolved([role('/', name), naming(name)]);
    const next = (ids?: Record<string, string>) => resolved([role('/svc/', ids?.Role ?? name), naming(ids?.Role ?? name)]);
    const { plan } = planOperation('update', { previous, next, placement });
    expect(plan.steps.map((s) => `${s.phase} ${s.action} ${s.resource.logicalId}`)).toEqual(['main replace Role']);
    expect(plan.steps[0]?.refusal).toEqual({ kind: 'customNamedReplacement', name });
  });

  it('refuses an operation without the template it needs', () => {
    expect(() => planOperation('update', { next: () => resolved([]), placement })).toThrow(OperationError);
  });

  // An update of no resource is still one when its Outputs change (aws/aws-cdk#2029); otherwise UpdateStack refuses it.
  it.each<[string, { body?: JsonObject; resolved?: Record<string, string> }, { body?: JsonObject; resolved?: Record<string, string> }, boolean]>([
    ['no Outputs on either side', {}, {}, false],
    ['the same Outputs', { body: { Q: { Value: { Ref: 'A' } } }, resolved: { Q: 'q' } }, { body: { Q: { Value: { Ref: 'A' } } }, resolved: { Q: 'q' } }, false],
    ['an output added', {}, { body: { Q: { Value: { Ref: 'A' } } }, resolved: { Q: 'q' } }, true],
    ['an output removed', { body: { Q: { Value: { Ref: 'A' } } }, resolved: { Q: 'q' } }, {}, true],
    ["an output's Description changed (its value the same)", { body: { Q: { Value: { Ref: 'A' } } }, resolved: { Q: 'q' } }, { body: { Q: { Value: { Ref: 'A' }, Description: 'the queue' } }, resolved: { Q: 'q' } }, true],
    ["an output's value changed as resolved (a parameter), its declaration the same", { body: { Q: { Value: { Ref: 'P' } } }, resolved: { Q: 'one' } }, { body: { Q: { Value: { Ref: 'P' } } }, resolved: { Q: 'two' } }, true],
  ])('an update of no resource: %s', (_name, before, after, changed) => {
    const queue = () => [{ ...resource('A', 'AWS::SQS::Queue', { QueueName: 'q' }), physicalId: 'q' }];
    const { plan } = planOperation('update', { previous: () => resolved(queue(), before), next: () => resolved(queue(), after), placement });
    expect([plan.steps, plan.outputsChanged === true, changesNothing(plan)]).toEqual([[], changed, !changed]);
  });
});
