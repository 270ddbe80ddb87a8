import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { TemplateError } from '../../../../simulator/cloudformation/template/types';
import { sourceOf, stackOptions } from './template-source';

describe('transforms', () => {
  it('AWS::Serverless-2016-10-31: SAM resources pass through untouched, with a warning naming the transform', () => {
    const resolved = resolveTemplate(
      sourceOf({
        Transform: ['AWS::Serverless-2016-10-31'],
        Resources: {
          Fn: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: './src', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] } } },
          Uploads: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'fn', Value: { Ref: 'Fn' } }, { Key: 'api', Value: { Ref: 'ServerlessRestApi' } }] } },
        },
      }),
      stackOptions(),
    );
    expect(resolved.transforms).toEqual(['AWS::Serverless-2016-10-31']);
    const fn = resolved.resources.find((r) => r.logicalId === 'Fn');
    expect(JSON.parse(JSON.stringify(fn?.properties))).toEqual({ CodeUri: './src', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] } });
    const bucket = resolved.resources.find((r) => r.logicalId === 'Uploads');
    expect(bucket?.dependsOn).toEqual(['Fn']);
    expect(resolved.warnings.map((w) => [w.code, w.severity, w.path])).toEqual([
      ['RES_SAM_PASSTHROUGH', 'warning', '/Resources/Fn'],
      ['RES_SAM_GENERATED_REFERENCE', 'warning', '/Resources/Uploads/Properties/Tags/1/Value/Ref'],
    ]);
    expect(resolved.warnings[0]?.message).toMatch(/passed through without AWS::Serverless-2016-10-31 expansion.*with these settings SAM generates no AWS::S3::Bucket or AWS::SQS::Queue/);
    expect(resolved.warnings[0]?.line).toBeGreaterThan(0);
  });

  it('AWS::LanguageExtensions is listed and expanded; a template without transforms lists none', () => {
    expect(resolveTemplate(sourceOf({ Transform: 'AWS::LanguageExtensions', Resources: { B: { Type: 'AWS::S3::Bucket' } } }), stackOptions()).transforms).toEqual([
      'AWS::LanguageExtensions',
    ]);
    expect(resolveTemplate(sourceOf({ Resources: { B: { Type: 'AWS::S3::Bucket' } } }), stackOptions()).transforms).toEqual([]);
  });

  it('a Rules section is evaluated (rules.test.ts has the detail): a rule that holds leaves no warning', () => {
    const resolved = resolveTemplate(
      sourceOf({ Rules: { ProdOnly: { Assertions: [{ Assert: { 'Fn::Equals': ['a', 'a'] } }] } }, Resources: { B: { Type: 'AWS::S3::Bucket' } } }),
      stackOptions(),
    );
    expect(resolved.warnings).toEqual([]);
  });

  const globalSqs = { Function: { EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: 'SQS' } } } } };
  it.each<[string, Record<string, unknown>, string[], Record<string, unknown> | undefined]>([
    ['an SQS destination without Destination', { EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: 'SQS' }, OnSuccess: { Type: 'SNS' } } } }, ['/Resources/Fn/Properties/EventInvokeConfig/DestinationConfig/OnFailure'], undefined],
    ['an SQS destination with a Destination', { EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: 'SQS', Destination: 'arn:aws:sqs:us-east-1:1:q' } } } }, [], undefined],
    ['an event dead-letter queue of Type SQS', { Events: { 'Nightly/Run': { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)', DeadLetterConfig: { Type: 'SQS' } } } } }, ['/Resources/Fn/Properties/Events/Nightly~1Run/Properties/DeadLetterConfig'], undefined],
    ['an event dead-letter queue given by Arn', { Events: { Nightly: { Type: 'Schedule', Properties: { DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:1:q' } } } } }, [], undefined],
    ['an SQS destination whose Destination may be AWS::NoValue', { EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: 'SQS', Destination: { 'Fn::If': ['HasQueue', 'arn:aws:sqs:us-east-1:1:q', { Ref: 'AWS::NoValue' }] } } } } }, ['/Resources/Fn/Properties/EventInvokeConfig/DestinationConfig/OnFailure'], undefined],
    ['an SNS event subscribing a queue SAM creates', { Events: { Topic: { Type: 'SNS', Properties: { Topic: 'arn:aws:sns:us-east-1:1:t', SqsSubscription: true } } } }, ['/Resources/Fn/Properties/Events/Topic/Properties/SqsSubscription'], undefined],
    ['an SNS event subscribing an existing queue', { Events: { Topic: { Type: 'SNS', Properties: { Topic: 'arn:aws:sns:us-east-1:1:t', SqsSubscription: { QueueArn: 'arn:aws:sqs:us-east-1:1:q', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q' } } } } }, [], undefined],
    // SAM merges Globals.Function into each function first (its tests: function_with_event_dest_basic.yaml).
    ['an SQS destination from Globals.Function', {}, ['/Globals/Function/EventInvokeConfig/DestinationConfig/OnFailure'], globalSqs],
    ['an SQS destination from Globals, the function giving its own Destination', { EventInvokeConfig: { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:1:q' } } } }, [], globalSqs],
    ['a Type of its own over the Globals one', { EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: 'SQS' } } } }, ['/Resources/Fn/Properties/EventInvokeConfig/DestinationConfig/OnFailure'], { Function: { EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: 'SNS' } } } } }],
  ])('SAM settings that generate an SQS queue are named: %s', (_name, properties, pointers, globals) => {
    const resolved = resolveTemplate(
      sourceOf({
        Transform: 'AWS::Serverless-2016-10-31',
        ...(globals ? { Globals: globals } : {}),
        Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'h', ...properties } } },
      }),
      stackOptions(),
    );
    expect(resolved.warnings.filter((w) => w.code === 'RES_SAM_GENERATED_QUEUE').map((w) => w.path)).toEqual(pointers);
    const passthrough = resolved.warnings.find((w) => w.code === 'RES_SAM_PASSTHROUGH');
    expect(passthrough?.message.includes('with these settings SAM generates no AWS::S3::Bucket or AWS::SQS::Queue')).toBe(pointers.length === 0);
  });

  // SAM's S3 event source (samtranslator/model/eventsources/push.py, class S3) edits the bucket it names; the
  // expected values are SAM's output (tests/translator/output/s3.json, s3_with_condition.json) resolved, the
  // permission SAM names in DependsOn stood for by its function (the permission is not simulated).
  const S3_SAM = 'AWS::Serverless-2016-10-31';
  const fnWith = (events: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    Type: 'AWS::Serverless::Function',
    ...extra,
    Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', InlineCode: 'x', ...(extra.Properties as object), Events: events },
  });
  const s3Event = (properties: Record<string, unknown>): Record<string, unknown> => ({ Type: 'S3', Properties: { Bucket: { Ref: 'Bucket' }, ...properties } });
  const PREFIX = { S3Key: { Rules: [{ Name: 'prefix', Value: 'in/' }] } };
  const ARN = expect.stringMatching(/^arn:aws:lambda:us-east-1:123456789012:function:/) as unknown;
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[], Record<string, unknown> | undefined]>([
    [
      'one event type, the bucket declared first: it gains the notification and comes after the function',
      { Bucket: { Type: 'AWS::S3::Bucket' }, Fn: fnWith({ Up: s3Event({ Events: 's3:ObjectCreated:*' }) }) },
      { NotificationConfiguration: { LambdaConfigurations: [{ Function: ARN, Event: 's3:ObjectCreated:*' }] } },
      ['Fn'],
      undefined,
    ],
    [
      'Events as a list with a Filter: one mapping per type, Filter before Event; a mapping already there is not added again; DependsOn kept',
      {
        Bucket: {
          Type: 'AWS::S3::Bucket',
          DependsOn: 'Other',
          Properties: { NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectRemoved:*', Function: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } },
        },
        Other: { Type: 'AWS::SNS::Topic' },
        Fn: fnWith({ Up: s3Event({ Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], Filter: PREFIX }), Old: s3Event({ Events: 's3:ObjectRemoved:*' }) }),
      },
      {
        NotificationConfiguration: {
          LambdaConfigurations: [
            { Event: 's3:ObjectRemoved:*', Function: ARN },
            { Function: ARN, Filter: PREFIX, Event: 's3:ObjectCreated:*' },
            { Function: ARN, Filter: PREFIX, Event: 's3:ObjectRemoved:*' },
          ],
        },
      },
      ['Fn', 'Other'],
      undefined,
    ],
    [
      'a conditional function whose condition holds: the mapping under Fn::If, the dependency as SAM’s tag',
      { Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'team', Value: 'a' }] } }, Fn: fnWith({ Up: s3Event({ Events: 's3:ObjectCreated:*' }) }, { Condition: 'On' }) },
      {
        Tags: [
          { Key: 'team', Value: 'a' },
          { Key: 'sam:ConditionalDependsOn:FnUpPermission', Value: expect.any(String) as unknown },
        ],
        NotificationConfiguration: { LambdaConfigurations: [{ Function: ARN, Event: 's3:ObjectCreated:*' }] },
      },
      ['Fn'],
      { On: { 'Fn::Equals': ['a', 'a'] } },
    ],
    [
      'a conditional function whose condition is false: no mapping, the tag says "no dependency"',
      { Bucket: { Type: 'AWS::S3::Bucket' }, Fn: fnWith({ Up: s3Event({ Events: 's3:ObjectCreated:*' }) }, { Condition: 'On' }) },
      { Tags: [{ Key: 'sam:ConditionalDependsOn:FnUpPermission', Value: 'no dependency' }], NotificationConfiguration: { LambdaConfigurations: [] } },
      [],
      { On: { 'Fn::Equals': ['a', 'b'] } },
    ],
    [
      'AutoPublishAlias: the events connect to the alias (a name SAM generates), the bucket still after the function',
      { Bucket: { Type: 'AWS::S3::Bucket' }, Fn: fnWith({ Up: s3Event({ Events: 's3:ObjectCreated:*' }) }, { Properties: { AutoPublishAlias: 'live_1' } }) },
      { NotificationConfiguration: { LambdaConfigurations: [{ Function: expect.any(String) as unknown, Event: 's3:ObjectCreated:*' }] } },
      ['Fn'],
      undefined,
    ],
    [
      'two functions on one bucket: mappings in template order, then each function’s events by name',
      { A: fnWith({ Z: s3Event({ Events: 'e:z' }), Y: s3Event({ Events: 'e:y' }) }), B: fnWith({ X: s3Event({ Events: 'e:x' }) }), Bucket: { Type: 'AWS::S3::Bucket' } },
      { NotificationConfiguration: { LambdaConfigurations: [{ Function: ARN, Event: 'e:y' }, { Function: ARN, Event: 'e:z' }, { Function: ARN, Event: 'e:x' }] } },
      ['A', 'B'],
      undefined,
    ],
  ])('a function’s S3 event edits the bucket it names as SAM does: %s', (_name, resources, properties, dependsOn, conditions) => {
    const resolved = resolveTemplate(sourceOf({ Transform: S3_SAM, ...(conditions ? { Conditions: conditions } : {}), Resources: resources }), stackOptions());
    const order = resolved.resources.map((r) => r.logicalId);
    const bucket = resolved.resources.find((r) => r.logicalId === 'Bucket');
    expect(JSON.parse(JSON.stringify(bucket?.properties))).toEqual(properties);
    expect(bucket?.dependsOn).toEqual(dependsOn);
    for (const id of dependsOn) expect(order.indexOf(id)).toBeLessThan(order.indexOf('Bucket'));
    // A function not created (its condition false) is not passed through, so nothing warns of it.
    const functions = resolved.resources.filter((r) => r.type === 'AWS::Serverless::Function').map((r) => r.logicalId);
    const passthrough = resolved.warnings.filter((w) => w.code === 'RES_SAM_PASSTHROUGH').map((w) => w.message);
    expect(passthrough).toEqual(functions.map(() => expect.stringMatching(/SAM generates no AWS::S3::Bucket or AWS::SQS::Queue\); its S3 events edit Bucket \(NotificationConfiguration/) as unknown));
  });

  it('each mapping SAM adds has its keys in SAM’s order (Function, Filter, Event)', () => {
    const resolved = resolveTemplate(sourceOf({ Transform: S3_SAM, Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Fn: fnWith({ Up: s3Event({ Events: 'e', Filter: PREFIX }) }) } }), stackOptions());
    const notification = resolved.resources.find((r) => r.logicalId === 'Bucket')?.properties.NotificationConfiguration as { LambdaConfigurations: object[] };
    expect(notification.LambdaConfigurations.map((mapping) => Object.keys(mapping))).toEqual([['Function', 'Filter', 'Event']]);
  });

  it('the alias SAM connects S3 events to is named as SAM names it, from the function or Globals, a parameter resolved', () => {
    const aliasOf = (fnProperties: Record<string, unknown>, globals?: Record<string, unknown>): string | undefined => {
      const resolved = resolveTemplate(
        sourceOf({
          Transform: S3_SAM,
          ...(globals ? { Globals: { Function: globals } } : {}),
          Parameters: { Alias: { Type: 'String', Default: 'blue-1' } },
          Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Fn: fnWith({ Up: s3Event({ Events: 'e' }) }, { Properties: fnProperties }) },
        }),
        stackOptions(),
      );
      return resolved.warnings.find((w) => w.code === 'RES_SAM_GENERATED_REFERENCE')?.message.split(' ')[0];
    };
    expect(aliasOf({ AutoPublishAlias: 'live_1' })).toBe('FnAliasliveU1');
    expect(aliasOf({ AutoPublishAlias: { Ref: 'Alias' } })).toBe('FnAliasblueD1');
    expect(aliasOf({}, { AutoPublishAlias: 'prod' })).toBe('FnAliasprod');
    expect(aliasOf({})).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['a bucket name, not a Ref', 'mybucket', 'S3 events must reference an S3 bucket in the same template.'],
    ['a Ref to a parameter', { Ref: 'Name' }, 'S3 events must reference an S3 bucket in the same template.'],
    ['a Ref that is not a string', { Ref: ['Bucket'] }, "'Ref' value in S3 events is not a valid string."],
  ])('an S3 event whose Bucket is %s is refused as SAM refuses it', (_name, bucket, why) => {
    let diagnostics: readonly { code: string; message: string; path?: string }[] = [];
    try {
      resolveTemplate(
        sourceOf({ Transform: S3_SAM, Parameters: { Name: { Type: 'String', Default: 'b' } }, Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Fn: fnWith({ Up: { Type: 'S3', Properties: { Bucket: bucket, Events: 'e' } } }) } }),
        stackOptions(),
      );
    } catch (error) {
      if (error instanceof TemplateError) diagnostics = error.diagnostics;
    }
    expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      [
        'RES_TRANSFORM',
        '/Resources/Fn/Properties/Events/Up/Properties/Bucket',
        `Transform ${S3_SAM} failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [Fn] is invalid. Event with id [Up] is invalid. ${why}`,
      ],
    ]);
  });
});
