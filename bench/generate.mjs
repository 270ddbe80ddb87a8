// Generates realistic CloudFormation templates of N resources for the benchmarks: buckets and queues
// (compliant and not), KMS keys referenced by !GetAtt, Parameters, Conditions, Mappings, !Sub, DependsOn,
// and IAM roles with policy documents. Deterministic: the same N gives the same bytes.
// Usage: node bench/generate.mjs N [--variant update] > template.yaml
import { writeFileSync } from 'node:fs';

/** Returns the YAML text of a template with `count` resources; `variant` 'update' changes some of them. */
export function generateTemplate(count, variant = 'base') {
  const lines = [];
  const push = (...l) => lines.push(...l);
  push(
    "AWSTemplateFormatVersion: '2010-09-09'",
    `Description: Benchmark stack with ${count} resources (buckets, queues, KMS keys, IAM roles)`,
    'Parameters:',
    '  Environment:',
    '    Type: String',
    '    Default: prod',
    '    AllowedValues: [dev, staging, prod]',
    '  RetentionDays:',
    '    Type: Number',
    '    Default: 14',
    '    MinValue: 1',
    '    MaxValue: 3650',
    '  TeamName:',
    '    Type: String',
    '    Default: platform',
    '    AllowedPattern: "^[a-z][a-z0-9-]*$"',
    'Mappings:',
    '  EnvironmentSettings:',
    '    dev: { VisibilityTimeout: 30, LogLevel: debug }',
    '    staging: { VisibilityTimeout: 60, LogLevel: info }',
    '    prod: { VisibilityTimeout: 120, LogLevel: warn }',
    'Conditions:',
    '  IsProd: !Equals [!Ref Environment, prod]',
    '  IsNotDev: !Not [!Equals [!Ref Environment, dev]]',
    '  UseVersioning: !And [!Condition IsProd, !Condition IsNotDev]',
    'Resources:',
  );
  let made = 0;
  for (let g = 0; made < count; g++) {
    const changed = variant === 'update' && g % 10 === 0;
    const kinds = ['key', 'bucketOk', 'bucketBad', 'queueOk', 'queueBad', 'role', 'roleB'];
    for (const kind of kinds) {
      if (made >= count) break;
      made++;
      const id = `${kind}-${g}`;
      // Every resource carries ownership metadata, as real estates do; it also brings the size to ~450 KB at N=500.
      const metadata = [
        '    Metadata:',
        '      Ownership:',
        `        Owner: !Sub "\${TeamName}@example.com"`,
        `        CostCenter: cc-${1000 + (g % 97)}`,
        `        Runbook: https://wiki.example.com/runbooks/${id}`,
        `        Notes: Managed by the platform team; changes go through review. Resource ${id} of the benchmark stack.`,
      ];
      switch (kind) {
        case 'key':
          push(
            `  Key${g}:`,
            '    Type: AWS::KMS::Key',
            ...metadata,
            '    DeletionPolicy: Delete',
            '    Properties:',
            `      Description: !Sub "Key ${g} for \${AWS::StackName} in \${Environment}"`,
            '      EnableKeyRotation: true',
            '      PendingWindowInDays: 7',
            '      KeyPolicy:',
            "        Version: '2012-10-17'",
            '        Statement:',
            '          - Sid: AllowAccountAdministration',
            '            Effect: Allow',
            '            Principal:',
            '              AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"',
            "            Action: 'kms:*'",
            "            Resource: '*'",
            '          - Sid: AllowS3AndSqsUse',
            '            Effect: Allow',
            '            Principal:',
            '              Service: [s3.amazonaws.com, sqs.amazonaws.com]',
            '            Action: [kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey]',
            "            Resource: '*'",
            '            Condition:',
            '              StringEquals:',
            "                'kms:CallerAccount': !Ref AWS::AccountId",
            '      Tags:',
            '        - Key: team',
            '          Value: !Ref TeamName',
            '        - Key: environment',
            '          Value: !Ref Environment',
          );
          break;
        case 'bucketOk':
          push(
            `  DataBucket${g}:`,
            '    Type: AWS::S3::Bucket',
            ...metadata,
            `    DependsOn: Key${g}`,
            '    Properties:',
            `      BucketName: !Sub "\${TeamName}-\${Environment}-data-${g}-\${AWS::AccountId}"`,
            '      BucketEncryption:',
            '        ServerSideEncryptionConfiguration:',
            '          - BucketKeyEnabled: true',
            '            ServerSideEncryptionByDefault:',
            `              SSEAlgorithm: ${changed ? 'aws:kms' : 'AES256'}`,
            ...(changed ? [`              KMSMasterKeyID: !GetAtt Key${g}.Arn`] : []),
            '      VersioningConfiguration:',
            '        Status: !If [UseVersioning, Enabled, Suspended]',
            '      PublicAccessBlockConfiguration:',
            '        BlockPublicAcls: true',
            '        BlockPublicPolicy: true',
            '        IgnorePublicAcls: true',
            '        RestrictPublicBuckets: true',
            '      LifecycleConfiguration:',
            '        Rules:',
            '          - Id: expire-old-versions',
            '            Status: Enabled',
            '            NoncurrentVersionExpiration:',
            '              NoncurrentDays: !Ref RetentionDays',
            '      Tags:',
            '        - Key: team',
            '          Value: !Ref TeamName',
          );
          break;
        case 'bucketBad':
          push(
            `  LogsBucket${g}:`,
            '    Type: AWS::S3::Bucket',
            ...metadata,
            '    Properties:',
            '      BucketEncryption:',
            '        ServerSideEncryptionConfiguration:',
            '          - BucketKeyEnabled: false',
            '            ServerSideEncryptionByDefault:',
            '              SSEAlgorithm: aws:kms',
            `              KMSMasterKeyID: !GetAtt Key${g}.Arn`,
            '      OwnershipControls:',
            '        Rules:',
            '          - ObjectOwnership: BucketOwnerEnforced',
            '      Tags:',
            '        - Key: purpose',
            `          Value: !Join ['-', [logs, !Ref Environment, '${g}']]`,
          );
          break;
        case 'queueOk':
          push(
            `  JobsQueue${g}:`,
            '    Type: AWS::SQS::Queue',
            ...metadata,
            '    Properties:',
            `      QueueName: !Sub "\${TeamName}-jobs-${g}"`,
            `      KmsMasterKeyId: !GetAtt Key${g}.Arn`,
            '      KmsDataKeyReusePeriodSeconds: 300',
            `      VisibilityTimeout: !FindInMap [EnvironmentSettings, !Ref Environment, VisibilityTimeout]`,
            `      MessageRetentionPeriod: ${changed ? 1209600 : 345600}`,
            '      RedrivePolicy:',
            `        deadLetterTargetArn: !GetAtt DeadLetters${g}.Arn`,
            '        maxReceiveCount: 5',
          );
          break;
        case 'queueBad':
          push(
            `  DeadLetters${g}:`,
            '    Type: AWS::SQS::Queue',
            ...metadata,
            '    Properties:',
            '      SqsManagedSseEnabled: true',
            '      MessageRetentionPeriod: 1209600',
          );
          break;
        case 'role':
        case 'roleB':
          push(
            `  ${kind === 'role' ? 'Worker' : 'Reader'}Role${g}:`,
            '    Type: AWS::IAM::Role',
            ...metadata,
            '    Properties:',
            '      AssumeRolePolicyDocument:',
            "        Version: '2012-10-17'",
            '        Statement:',
            '          - Effect: Allow',
            '            Principal:',
            '              Service: lambda.amazonaws.com',
            "            Action: 'sts:AssumeRole'",
            '      Policies:',
            `        - PolicyName: access-${g}`,
            '          PolicyDocument:',
            "            Version: '2012-10-17'",
            '            Statement:',
            '              - Effect: Allow',
            '                Action: [s3:GetObject, s3:PutObject, s3:ListBucket]',
            '                Resource:',
            `                  - !GetAtt DataBucket${g}.Arn`,
            `                  - !Sub "\${DataBucket${g}.Arn}/*"`,
            '              - Effect: Allow',
            '                Action: [sqs:SendMessage, sqs:ReceiveMessage, sqs:DeleteMessage]',
            `                Resource: !GetAtt JobsQueue${g}.Arn`,
            '              - Effect: Allow',
            '                Action: [kms:Decrypt, kms:GenerateDataKey]',
            `                Resource: !GetAtt Key${g}.Arn`,
          );
          break;
      }
    }
  }
  // The first bucket is the second resource: a one-resource stack has none to name.
  push('Outputs:', ...(count >= 2 ? ['  FirstBucketArn:', '    Value: !GetAtt DataBucket0.Arn'] : []), '  StackRegion:', '    Value: !Sub "${AWS::Region}"');
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && process.argv[1].endsWith('generate.mjs')) {
  const count = Number(process.argv[2] ?? 500);
  const variant = process.argv.includes('--variant') ? process.argv[process.argv.indexOf('--variant') + 1] : 'base';
  const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
  const text = generateTemplate(count, variant);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
