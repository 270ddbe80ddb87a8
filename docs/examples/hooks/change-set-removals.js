/* global fetch */
// A change-set Lambda hook (TargetOperations: [CHANGE_SET]): a change set must not remove a resource that holds
// data (a bucket, a table, a database, a queue, a log group…): deleting it deletes the data with it. It runs when
// the change set is created (CreateChangeSet), before anyone can execute it; a FAIL verdict fails the change set
// ("Change set creation failed. The following hook(s) failed: [...]").
// The changes are not in the event: requestData.payload is a presigned URL to
// {"template": "...", "changedResources": [{action, logicalResourceId, resourceType, lineNumber, beforeContext, afterContext}]}.
// The simulator serves that URL from 127.0.0.1 for the run, so this function fetches it exactly as it would fetch S3.
// CommonJS, Node.js 20+ (global fetch); no dependencies.

/** Resource types whose deletion deletes data. */
const STATEFUL = new Set([
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::EFS::FileSystem',
  'AWS::SQS::Queue',
  'AWS::Logs::LogGroup',
  'AWS::Kinesis::Stream',
]);

async function handler(event) {
  const { clientRequestToken, requestData } = event;
  if (requestData.targetType !== 'CHANGE_SET') {
    return { hookStatus: 'SUCCESS', message: `${requestData.targetName} is not a change set; nothing to check`, clientRequestToken };
  }
  const response = await fetch(requestData.payload);
  if (!response.ok) throw new Error(`the payload could not be read: HTTP ${response.status}`);
  const { changedResources } = await response.json();
  const removed = changedResources.filter((change) => change.action === 'DELETE' && STATEFUL.has(change.resourceType));
  if (removed.length === 0) {
    return { hookStatus: 'SUCCESS', message: `${changedResources.length} change(s), no resource that holds data is removed`, clientRequestToken };
  }
  return {
    hookStatus: 'FAILED',
    errorCode: 'NonCompliant',
    message: `the change set removes ${removed.length} resource(s) that hold data: ${removed.map((c) => `${c.logicalResourceId} (${c.resourceType})`).join(', ')}`,
    clientRequestToken,
    annotations: removed.map((change) => ({
      annotationName: 'keep-stateful-resources',
      status: 'FAILED',
      statusMessage: `${change.logicalResourceId} (${change.resourceType}) would be deleted, and its data with it`,
      remediationMessage: 'Keep the resource in the template. To retire it, first deploy it with DeletionPolicy: Retain, then remove it in a reviewed change.',
      severityLevel: 'HIGH',
    })),
  };
}

module.exports = { handler };
