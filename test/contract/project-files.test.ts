/**
 * The cfn project files stay in step with the schema and .rpdk-config: hook-role.yaml is exactly what
 * `cfn generate` renders from cloudformation-cli's hook-role.yml for the schema's permissions, and
 * template.yml serves the entrypoints .rpdk-config names, built by the Makefile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type ScalarTag } from 'yaml';
import type { HookSchema } from '../../src/kernel/hook-config';
import { renderHookRole } from '../../src/ship';

const root = join(__dirname, '..', '..');
const read = (name: string) => readFileSync(join(root, name), 'utf8');
const schema = JSON.parse(read('mycompany-testing-mytesthook.json')) as HookSchema;
const rpdk = JSON.parse(read('.rpdk-config')) as { entrypoint: string; testEntrypoint: string; runtime: string; typeName: string };

/** CloudFormation's short-form scalar tags (all template.yml uses) read as `{"!Tag": value}`, enough to inspect the structure. */
const CFN_TAGS: ScalarTag[] = ['Ref', 'GetAtt', 'Sub'].map((name) => ({ tag: `!${name}`, resolve: (value: string) => ({ [`!${name}`]: value }) }));

describe('hook-role.yaml', () => {
  it('is exactly what cfn renders for the schema (npm run generate writes it)', () => {
    expect(read('hook-role.yaml')).toBe(renderHookRole(schema));
  });

  it('allows exactly the preDelete permissions (preCreate and preUpdate need none)', () => {
    const role = parse(read('hook-role.yaml')) as { Resources: { ExecutionRole: { Properties: { Policies: Array<{ PolicyDocument: { Statement: Array<{ Action: string[] }> } }> } } } };
    expect(role.Resources.ExecutionRole.Properties.Policies[0]?.PolicyDocument.Statement[0]?.Action).toEqual([...(schema.handlers?.preDelete?.permissions ?? [])].sort());
  });
});

describe('template.yml', () => {
  type Fn = { Type: string; Metadata?: { BuildMethod?: string }; Properties: Record<string, unknown> };
  const template = parse(read('template.yml'), { customTags: CFN_TAGS }) as { Transform: string; Resources: Record<string, Fn> };

  it('is a SAM template whose two functions serve .rpdk-config entrypoints, built by the Makefile', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    const handlers = { TypeFunction: rpdk.entrypoint, TestEntrypoint: rpdk.testEntrypoint };
    for (const [name, handler] of Object.entries(handlers)) {
      const fn = template.Resources[name] as Fn;
      expect(fn.Type).toBe('AWS::Serverless::Function');
      expect(fn.Metadata?.BuildMethod).toBe('makefile');
      expect(fn.Properties).toMatchObject({ Handler: handler, Runtime: rpdk.runtime, CodeUri: './' });
      expect(read('Makefile')).toContain(`build-${name}:`);
    }
  });

  it.each([
    ['CompliantBucket', 'AWS::S3::Bucket'],
    ['BucketKeyDisabledBucket', 'AWS::S3::Bucket'],
    ['UnencryptedBucket', 'AWS::S3::Bucket'],
    ['KmsBucket', 'AWS::S3::Bucket'],
    ['KmsQueue', 'AWS::SQS::Queue'],
    ['SseSqsQueue', 'AWS::SQS::Queue'],
    ['SampleKey', 'AWS::KMS::Key'],
  ])('has the sample %s (%s)', (name, type) => {
    expect(template.Resources[name]?.Type).toBe(type);
  });

  it('references the sample key by !GetAtt Key.Arn from the KMS bucket', () => {
    const bucket = template.Resources.KmsBucket as Fn;
    expect(JSON.stringify(bucket.Properties)).toContain('"!GetAtt":"SampleKey.Arn"');
  });
});
