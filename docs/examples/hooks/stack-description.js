/* global fetch */
// A stack-level Lambda hook (TargetOperations: [STACK]): every template must say what the stack is for, in a
// top-level Description. The service does not put the template in the event (templates are too big for a Lambda
// event): requestData.payload is a presigned URL to {"template": "...", "previousTemplate": "..."}, the templates
// as submitted (JSON or YAML text, intrinsics unresolved; both empty on delete). The simulator serves that URL
// from 127.0.0.1 for the run, so this function fetches it exactly as it would fetch S3.
// CommonJS, Node.js 20+ (global fetch); no dependencies, so the YAML check is a top-level key scan.

/** True when the template text has a top-level Description: a JSON key or a YAML key at column 0. */
function hasDescription(text) {
  if (/^\s*\{/.test(text)) {
    try {
      const body = JSON.parse(text);
      return typeof body.Description === 'string' && body.Description.trim() !== '';
    } catch {
      return false;
    }
  }
  return /^Description[ \t]*:[ \t]*\S/m.test(text) || /^Description[ \t]*:[ \t]*[>|][-+]?[ \t]*\n[ \t]+\S/m.test(text);
}

async function handler(event) {
  const { clientRequestToken, actionInvocationPoint, requestData } = event;
  const stack = requestData.targetLogicalId;
  if (requestData.targetType !== 'STACK') {
    return { hookStatus: 'SUCCESS', message: `${requestData.targetName} is not a stack; nothing to check`, clientRequestToken };
  }
  // Nothing to check when the stack goes away (the payload's templates are empty then).
  if (actionInvocationPoint === 'DELETE_PRE_PROVISION') {
    return { hookStatus: 'SUCCESS', message: `stack ${stack}: descriptions are not checked on delete`, clientRequestToken };
  }
  const response = await fetch(requestData.payload);
  if (!response.ok) throw new Error(`the payload could not be read: HTTP ${response.status}`);
  const { template } = await response.json();
  if (hasDescription(template)) {
    return { hookStatus: 'SUCCESS', message: `stack ${stack}: the template says what it is for`, clientRequestToken };
  }
  return {
    hookStatus: 'FAILED',
    errorCode: 'NonCompliant',
    message: `stack ${stack}: the template has no Description`,
    clientRequestToken,
    annotations: [
      {
        annotationName: 'template-description',
        status: 'FAILED',
        statusMessage: 'the template has no top-level Description',
        remediationMessage: 'Add a top-level Description: saying what the stack is for and who owns it.',
        severityLevel: 'LOW',
      },
    ],
  };
}

module.exports = { handler };
