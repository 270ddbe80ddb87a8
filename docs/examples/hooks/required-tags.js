// A Lambda hook (AWS::CloudFormation::LambdaHook): every targeted resource must carry the tags below.
// It answers with one annotation per required tag, so GetHookResult (and the simulator's hook results) say
// which tag is missing and how to add it. The event is the Lambda-hook event: no credentials, the resource's
// properties with their template types in requestData.targetModel.resourceProperties (on delete, the deployed ones
// in previousResourceProperties).
// CommonJS, as the Node.js Lambda runtimes load it by default; an ES module (`.mjs`) works the same way.

const REQUIRED_TAGS = ['owner', 'cost-center'];
const GUIDE = 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html';

/** Tag keys of a resource, whether it lists its tags ([{Key, Value}]) or maps them ({key: value}). */
function tagKeys(properties) {
  const tags = properties?.Tags;
  if (Array.isArray(tags)) return new Set(tags.map((tag) => tag?.Key).filter((key) => typeof key === 'string'));
  if (tags && typeof tags === 'object') return new Set(Object.keys(tags));
  return new Set();
}

async function handler(event) {
  const { clientRequestToken, actionInvocationPoint, requestData } = event;
  const target = `${requestData.targetName} ${requestData.targetLogicalId}`;
  // Nothing to check when a resource goes away.
  if (actionInvocationPoint === 'DELETE_PRE_PROVISION') {
    return { hookStatus: 'SUCCESS', message: `${target}: tags are not checked on delete`, clientRequestToken, annotations: [] };
  }
  const present = tagKeys(requestData.targetModel?.resourceProperties);
  const annotations = REQUIRED_TAGS.map((key) =>
    present.has(key)
      ? { annotationName: `required-tag-${key}`, status: 'PASSED', statusMessage: `tag '${key}' is present`, severityLevel: 'MEDIUM' }
      : {
          annotationName: `required-tag-${key}`,
          status: 'FAILED',
          statusMessage: `tag '${key}' is missing`,
          remediationMessage: `Add {Key: ${key}, Value: <value>} to the resource's Tags.`,
          remediationLink: GUIDE,
          severityLevel: 'MEDIUM',
        },
  );
  const missing = annotations.filter((a) => a.status === 'FAILED').map((a) => a.annotationName.replace('required-tag-', ''));
  if (missing.length === 0) return { hookStatus: 'SUCCESS', message: `${target} has every required tag`, clientRequestToken, annotations };
  return {
    hookStatus: 'FAILED',
    errorCode: 'NonCompliant',
    message: `${target} is missing required tag(s): ${missing.join(', ')}`,
    clientRequestToken,
    annotations,
  };
}

module.exports = { handler };
