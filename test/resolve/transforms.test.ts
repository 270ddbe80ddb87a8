import { resolveTemplate } from '../../simulator/resolve';
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
    expect(resolved.warnings[0]?.message).toMatch(/passed through without AWS::Serverless-2016-10-31 expansion.*none of them is an AWS::S3::Bucket or AWS::SQS::Queue/);
    expect(resolved.warnings[0]?.line).toBeGreaterThan(0);
  });

  it('AWS::LanguageExtensions is listed and expanded; a template without transforms lists none', () => {
    expect(resolveTemplate(sourceOf({ Transform: 'AWS::LanguageExtensions', Resources: { B: { Type: 'AWS::S3::Bucket' } } }), stackOptions()).transforms).toEqual([
      'AWS::LanguageExtensions',
    ]);
    expect(resolveTemplate(sourceOf({ Resources: { B: { Type: 'AWS::S3::Bucket' } } }), stackOptions()).transforms).toEqual([]);
  });

  it('a Rules section is reported as not evaluated, not silently ignored', () => {
    const resolved = resolveTemplate(
      sourceOf({ Rules: { ProdOnly: { Assertions: [{ Assert: { 'Fn::Equals': ['a', 'a'] } }] } }, Resources: { B: { Type: 'AWS::S3::Bucket' } } }),
      stackOptions(),
    );
    expect(resolved.warnings.map((w) => [w.code, w.severity, w.path, w.line])).toEqual([['RES_RULES_NOT_EVALUATED', 'warning', '/Rules', 2]]);
  });
});
