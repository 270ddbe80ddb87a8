import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
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
});
