/**
 * The project's version of cfn's managed upload infrastructure (stack `CloudFormationManagedUploadInfrastructure`):
 * a bucket the package is uploaded to and the role CloudFormation assumes to deliver the hook's logs.
 * The stack name and the two output names are cfn's, so cfn and this tool share one stack per account and region.
 * Differences from cfn's template, each on purpose:
 * - the artifact bucket keeps SSE-KMS with the stack's key and turns on S3 Bucket Keys (fewer KMS calls; and this
 *   project's own hook requires BucketKeyEnabled on an aws:kms bucket);
 * - the access-log bucket uses SSE-S3 (AES256): S3 server access logging cannot deliver to an SSE-KMS bucket, so
 *   cfn's KMS-encrypted log bucket silently receives nothing;
 * - no ACLs (new buckets enforce bucket-owner ownership and refuse `AccessControl: LogDeliveryWrite`); log delivery is
 *   granted by bucket policy to logging.s3.amazonaws.com instead; public access is blocked on both buckets;
 * - the log delivery role trusts hooks.cloudformation.amazonaws.com as well, only on behalf of this account.
 * Written in long-form intrinsics so any YAML parser reads it.
 */

export const UPLOAD_INFRASTRUCTURE_STACK = 'CloudFormationManagedUploadInfrastructure';
export const UPLOAD_BUCKET_OUTPUT = 'CloudFormationManagedUploadBucketName';
export const LOG_DELIVERY_ROLE_OUTPUT = 'LogAndMetricsDeliveryRoleArn';

export const UPLOAD_INFRASTRUCTURE_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Description: >
  Infrastructure CloudFormation extension submissions upload to: an encrypted artifact bucket and the role
  CloudFormation assumes to deliver an extension's logs and metrics (mycompany-testing-mytesthook's version of
  cloudformation-cli's managed upload infrastructure; same stack name and outputs).

Resources:
  EncryptionKey:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      Description: KMS key used to encrypt the extension artifacts uploaded for registration
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Enable full access for owning account
            Effect: Allow
            Principal:
              AWS:
                Fn::Sub: "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"
            Action: kms:*
            Resource: "*"
          - Sid: Enable access for CloudFormation to copy encrypted objects
            Effect: Allow
            Principal:
              Service: cloudformation.amazonaws.com
            Action:
              - kms:Decrypt
              - kms:DescribeKey
              - kms:Encrypt
              - kms:GenerateDataKey*
              - kms:ReEncrypt*
            Resource: "*"

  AccessLogsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
            BucketKeyEnabled: true
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LifecycleConfiguration:
        Rules:
          - Id: ExpireAccessLogs
            Status: Enabled
            ExpirationInDays: 3653
      VersioningConfiguration:
        Status: Enabled

  AccessLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket:
        Ref: AccessLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Allow S3 server access log delivery from the artifact bucket
            Effect: Allow
            Principal:
              Service: logging.s3.amazonaws.com
            Action: s3:PutObject
            Resource:
              Fn::Sub: "arn:\${AWS::Partition}:s3:::\${AccessLogsBucket}/ArtifactBucket*"
            Condition:
              StringEquals:
                "aws:SourceAccount":
                  Ref: AWS::AccountId
          - Sid: Require secure transport
            Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource:
              - Fn::Sub: "arn:\${AWS::Partition}:s3:::\${AccessLogsBucket}"
              - Fn::Sub: "arn:\${AWS::Partition}:s3:::\${AccessLogsBucket}/*"
            Condition:
              Bool:
                "aws:SecureTransport": "false"

  ArtifactBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID:
                Ref: EncryptionKey
            BucketKeyEnabled: true
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LifecycleConfiguration:
        Rules:
          - Id: MultipartUploadLifecycleRule
            Status: Enabled
            AbortIncompleteMultipartUpload:
              DaysAfterInitiation: 1
      VersioningConfiguration:
        Status: Enabled
      LoggingConfiguration:
        DestinationBucketName:
          Ref: AccessLogsBucket
        LogFilePrefix: ArtifactBucket

  ArtifactCopyPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket:
        Ref: ArtifactBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Allow CloudFormation to copy artifacts from the bucket
            Effect: Allow
            Principal:
              Service: cloudformation.amazonaws.com
            Action:
              - s3:GetObject
              - s3:ListBucket
            Resource:
              - Fn::Sub: "arn:\${AWS::Partition}:s3:::\${ArtifactBucket}"
              - Fn::Sub: "arn:\${AWS::Partition}:s3:::\${ArtifactBucket}/*"
          - Sid: Require secure transport
            Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource:
              - Fn::Sub: "arn:\${AWS::Partition}:s3:::\${ArtifactBucket}"
              - Fn::Sub: "arn:\${AWS::Partition}:s3:::\${ArtifactBucket}/*"
            Condition:
              Bool:
                "aws:SecureTransport": "false"

  LogAndMetricsDeliveryRole:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: 43200
      Path: /
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service:
                - hooks.cloudformation.amazonaws.com
                - resources.cloudformation.amazonaws.com
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                "aws:SourceAccount":
                  Ref: AWS::AccountId
      Policies:
        - PolicyName: LogAndMetricsDeliveryRolePolicy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - cloudwatch:ListMetrics
                  - cloudwatch:PutMetricData
                  - logs:CreateLogGroup
                  - logs:CreateLogStream
                  - logs:DescribeLogGroups
                  - logs:DescribeLogStreams
                  - logs:PutLogEvents
                Resource: "*"

Outputs:
  ${UPLOAD_BUCKET_OUTPUT}:
    Value:
      Ref: ArtifactBucket
  ${LOG_DELIVERY_ROLE_OUTPUT}:
    Value:
      Fn::GetAtt: [LogAndMetricsDeliveryRole, Arn]
`;
