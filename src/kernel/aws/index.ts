/** AWS naming every tool shares: partitions, endpoint suffixes, ARNs. */
export { partitionOf, urlSuffixOf, stackArn, changeSetArn, changeSetNameOf } from './partitions';
export { isIamRoleArn, isHookTypeArn, isHookTypeVersionArn, kmsKeyIdForm, type KmsKeyIdForm } from './arns';
export { AwsOperationError, explainAwsError, awsErrorCode, adviceFor } from './aws-error';
