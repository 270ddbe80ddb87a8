import { CloudFormationClient, DescribeTypeCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsOperationError, localTargetInfo, ProjectError, registryTargetInfo, resourceTargetNames, targetSchemaFileName } from '../../src/ship';

const cfn = mockClient(CloudFormationClient);
const client = new CloudFormationClient({ region: 'us-east-1' });
beforeEach(() => cfn.reset());

const file = (path: string, value: unknown) => ({ path, bytes: Buffer.from(JSON.stringify(value)) });
const bucketSchema = { typeName: 'AWS::S3::Bucket', properties: { BucketName: { type: 'string' } } };
const queueSchema = { typeName: 'AWS::SQS::Queue', properties: { QueueName: { type: 'string' } } };

describe('targetSchemaFileName', () => {
  it.each([
    ['AWS::S3::Bucket', 'aws-s3-bucket.json'],
    ['AWS::SQS::Queue', 'aws-sqs-queue.json'],
    ['MyCompany::Data::Table', 'mycompany-data-table.json'],
  ])('%s → %s', (target, name) => expect(targetSchemaFileName(target)).toBe(name));
});

describe('resourceTargetNames: cfn looks for no target schema for STACK or CHANGE_SET (HOOK_SPECIAL_TARGET_NAMES)', () => {
  it.each([
    [['AWS::S3::Bucket', 'STACK'], ['AWS::S3::Bucket']],
    [['CHANGE_SET', 'STACK'], []],
    [['AWS::S3::*', 'CHANGE_SET'], ['AWS::S3::*']],
    // Case matters, as for the service: `Stack` is no special name (the schema validator reports it).
    [['Stack'], ['Stack']],
  ])('%j → %j', (targets, expected) => expect(resourceTargetNames(targets)).toEqual(expected));
});

describe('localTargetInfo', () => {
  it.each([
    ['STACK beside a resource type', ['AWS::S3::Bucket', 'STACK'], ['AWS::S3::Bucket']],
    ['CHANGE_SET and STACK alone', ['CHANGE_SET', 'STACK'], []],
  ])('lists no target schema for %s', (_label, targets, expected) => {
    expect(Object.keys(localTargetInfo(targets, [file('target-schemas/aws-s3-bucket.json', bucketSchema)]))).toEqual(expected);
  });

  it.each([
    [
      'the file named for the target, its typeName misspelt',
      file('target-schemas/aws-dynamodb-table.json', { typeName: 'AWS::DynamoDB::Tabel' }),
      "no target schema for AWS::DynamoDB::Table: target-schemas/aws-dynamodb-table.json is there, but its typeName is 'AWS::DynamoDB::Tabel'; did you mean 'AWS::DynamoDB::Table'? Correct its typeName",
    ],
    [
      'another file whose typeName is a near miss',
      file('target-schemas/table.json', { typeName: 'AWS::DynamoDB::Tables' }),
      "no target schema for AWS::DynamoDB::Table: target-schemas/table.json is there, but its typeName is 'AWS::DynamoDB::Tables'; did you mean 'AWS::DynamoDB::Table'? Correct its typeName",
    ],
  ])('says a schema is misnamed, at its typeName: %s', (_label, misnamed, message) => {
    const pretty = { path: misnamed.path, bytes: Buffer.from(JSON.stringify(JSON.parse(misnamed.bytes.toString()), null, 2)) };
    const error = catchError(() => localTargetInfo(['AWS::DynamoDB::Table', 'AWS::S3::Bucket'], [file('target-schemas/aws-s3-bucket.json', bucketSchema), pretty]));
    expect(error).toBeInstanceOf(ProjectError);
    expect(error).toMatchObject({ message, file: misnamed.path, line: 2, column: 15, code: 'TARGET_SCHEMA_MISSING' });
  });

  it('still says to add the file when no schema comes close', () => {
    const error = catchError(() => localTargetInfo(['AWS::DynamoDB::Table'], [file('target-schemas/q.json', queueSchema)]));
    expect(error).toMatchObject({ file: 'target-schemas/aws-dynamodb-table.json', line: 0, code: 'TARGET_SCHEMA_MISSING' });
    expect((error as Error).message).toMatch(/^no target schema for AWS::DynamoDB::Table: add target-schemas\/aws-dynamodb-table\.json/);
  });

  it('expands a wildcard target to every project schema it matches', () => {
    const info = localTargetInfo(['AWS::S*::*'], [file('target-schemas/q.json', queueSchema), file('target-schemas/b.json', bucketSchema)]);
    expect(Object.keys(info)).toEqual(['AWS::S3::Bucket', 'AWS::SQS::Queue']);
  });

  it.each([
    ['two files for one type', ['AWS::S3::Bucket'], [file('a.json', bucketSchema), file('b.json', bucketSchema)], /a second schema for target type AWS::S3::Bucket/],
    ['a file without typeName', ['AWS::S3::Bucket'], [file('a.json', { properties: {} })], /with a string "typeName"/],
    ['a wildcard that matches nothing', ['AWS::EC2::*'], [file('b.json', bucketSchema)], /no target schema in target-schemas\/ matches the wildcard target AWS::EC2::\*/],
  ])('refuses %s', (_label, targets, files, message) => {
    expect(() => localTargetInfo(targets, files)).toThrow(ProjectError);
    expect(() => localTargetInfo(targets, files)).toThrow(message);
  });
});

describe('registryTargetInfo (--fetch-target-schemas)', () => {
  it('asks DescribeType for each target and keeps the answer as cfn does', async () => {
    cfn.on(DescribeTypeCommand, { TypeName: 'AWS::S3::Bucket' }).resolves({
      Arn: 'arn:aws:cloudformation:us-east-1::type/resource/AWS-S3-Bucket',
      Type: 'RESOURCE',
      TypeName: 'AWS::S3::Bucket',
      ProvisioningType: 'FULLY_MUTABLE',
      Visibility: 'PUBLIC',
      Schema: JSON.stringify(bucketSchema),
      LastUpdated: new Date(0),
      TimeCreated: new Date(0),
    });
    const info = await registryTargetInfo(['AWS::S3::Bucket'], client);
    expect(cfn.commandCalls(DescribeTypeCommand).map((c) => c.args[0].input)).toEqual([{ Type: 'RESOURCE', TypeName: 'AWS::S3::Bucket' }]);
    expect(info).toEqual({
      'AWS::S3::Bucket': {
        TypeName: 'AWS::S3::Bucket',
        TargetName: 'AWS::S3::Bucket',
        TargetType: 'RESOURCE',
        Arn: 'arn:aws:cloudformation:us-east-1::type/resource/AWS-S3-Bucket',
        Type: 'RESOURCE',
        ProvisioningType: 'FULLY_MUTABLE',
        Visibility: 'PUBLIC',
        Schema: bucketSchema,
        IsCfnRegistrySupportedType: true,
        SchemaFileAvailable: true,
      },
    });
  });

  it('names the call and the permission when DescribeType is denied', async () => {
    cfn.on(DescribeTypeCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    const error = (await registryTargetInfo(['AWS::S3::Bucket'], client).catch((e: unknown) => e)) as AwsOperationError;
    expect(error).toBeInstanceOf(AwsOperationError);
    expect([error.api, error.awsCode, error.advice]).toEqual(['cloudformation:DescribeType', 'AccessDenied', 'grant the caller the IAM action cloudformation:DescribeType']);
  });

  it('asks nothing about STACK or CHANGE_SET', async () => {
    cfn.on(DescribeTypeCommand).resolves({ Schema: JSON.stringify(bucketSchema) });
    const info = await registryTargetInfo(['AWS::S3::Bucket', 'CHANGE_SET', 'STACK'], client);
    expect(cfn.commandCalls(DescribeTypeCommand).map((c) => c.args[0].input.TypeName)).toEqual(['AWS::S3::Bucket']);
    expect(Object.keys(info)).toEqual(['AWS::S3::Bucket']);
  });

  it('refuses a wildcard target without calling the registry', async () => {
    await expect(registryTargetInfo(['AWS::S3::*'], client)).rejects.toThrow(/the registry cannot describe the wildcard target AWS::S3::\*/);
    expect(cfn.calls()).toHaveLength(0);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
