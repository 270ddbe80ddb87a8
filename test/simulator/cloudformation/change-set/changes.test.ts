/** plannedChanges: the changes a change set lists and sends, read from each kind of plan step. */
import { plannedChanges, resourceActionOf } from '../../../../simulator/cloudformation/change-set';
import { planStack, withReplacementEvaluations, type EvaluatedTemplate } from '../../../../simulator/cloudformation/plan';
import { encryptedBucket, resource } from '../build-resources';
import { createOnlyProperties } from '../../../../simulator/cloudformation/resolve/resource-types';

const lineOf = (id: string): number | null => (id === 'Generated' ? null : id.length);

/** A topic named `topicName` and a queue named after it (`${Topic.TopicName}-q`), as written in a template. */
const written = (topicName: string): EvaluatedTemplate => ({
  body: { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: topicName } }, Sub: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${Topic.TopicName}-q' } } } } },
  parameters: {},
  conditions: {},
});

describe('plannedChanges', () => {
  it.each([
    [
      'create: every resource an Add, with its line and no before',
      planStack({ operation: 'create', next: [resource('Key', 'AWS::KMS::Key', { Enabled: true }), resource('Generated', 'AWS::SQS::Queue')] }),
      [
        ['Add', 'Key', undefined, 3, 'CREATE', null, { Enabled: true }],
        ['Add', 'Generated', undefined, null, 'CREATE', null, {}],
      ],
    ],
    [
      'update: Modify in place, Modify by replacement (one change, not a delete too), Remove of a removed and of a retained resource',
      planStack({
        operation: 'update',
        createOnly: createOnlyProperties,
        previous: [
          resource('Queue', 'AWS::SQS::Queue', { DelaySeconds: 0 }),
          resource('Named', 'AWS::SQS::Queue', { QueueName: 'a' }),
          encryptedBucket('Gone'),
          resource('Kept', 'AWS::S3::Bucket', {}, { deletionPolicy: 'Retain' }),
          resource('Same', 'AWS::SNS::Topic'),
        ],
        next: [resource('Queue', 'AWS::SQS::Queue', { DelaySeconds: 5 }), resource('Named', 'AWS::SQS::Queue', { QueueName: 'b' }), resource('Same', 'AWS::SNS::Topic')],
      }),
      [
        ['Modify', 'Queue', 'False', 5, 'UPDATE', { DelaySeconds: 0 }, { DelaySeconds: 5 }],
        ['Modify', 'Named', 'True', 5, 'UPDATE', { QueueName: 'a' }, { QueueName: 'b' }],
        ['Remove', 'Kept', undefined, null, 'DELETE', {}, null],
        ['Remove', 'Gone', undefined, null, 'DELETE', encryptedBucket('Gone').properties, null],
      ],
    ],
    [
      'update: a replacement known only when the update runs (Evaluation Dynamic) is Modify, Replacement Conditional; the one it references stays True',
      withReplacementEvaluations(
        planStack({
          operation: 'update',
          createOnly: createOnlyProperties,
          previous: [resource('Topic', 'AWS::SNS::Topic', { TopicName: 'a' }), resource('Sub', 'AWS::SQS::Queue', { QueueName: 'a-q' })],
          next: [resource('Topic', 'AWS::SNS::Topic', { TopicName: 'b' }), resource('Sub', 'AWS::SQS::Queue', { QueueName: 'b-q' })],
        }),
        written('a'),
        written('b'),
      ),
      [
        ['Modify', 'Topic', 'True', 5, 'UPDATE', { TopicName: 'a' }, { TopicName: 'b' }],
        ['Modify', 'Sub', 'Conditional', 3, 'UPDATE', { QueueName: 'a-q' }, { QueueName: 'b-q' }],
      ],
    ],
  ])('%s', (_, plan, expected) => {
    const changes = plannedChanges(plan, lineOf);
    expect(changes.map(({ listed, sent }) => [listed.Action, listed.LogicalResourceId, listed.Replacement, listed.LineNumber, sent.action, sent.beforeProperties, sent.afterProperties])).toEqual(expected);
    // The two forms agree on what changes and where.
    expect(changes.every(({ listed, sent }) => listed.LogicalResourceId === sent.logicalResourceId && listed.LineNumber === sent.lineNumber)).toBe(true);
  });

  it.each([
    ['create', 'Add'],
    ['update', 'Modify'],
    ['replace', 'Modify'],
    ['delete', 'Remove'],
    ['retain', undefined],
  ] as const)('resourceActionOf(%s) = %s', (action, expected) => {
    expect(resourceActionOf({ action, phase: 'main', resource: resource('R', 'AWS::SQS::Queue') })).toBe(expected);
  });
});
