/**
 * Turns the raw Lambda event into a checked request. Only what the handler relies on is validated;
 * unknown fields are ignored because the service adds new ones over time.
 */
import { INVOCATION_POINTS, type InvocationPoint, type JsonObject } from '../kernel/protocol';
import { isJsonObject } from './cfn-values';
import { InvalidRequestError } from './errors';
import type { AwsCredentials } from './options';

export interface HookTarget {
  /** e.g. AWS::S3::Bucket */
  typeName: string;
  targetType?: string;
  logicalId: string;
  /** The resource's properties (new ones on update, deployed ones on delete); {} when none were sent. */
  properties: JsonObject;
  /** The deployed properties, on update. */
  previousProperties?: JsonObject;
  /** Whether a Cloud Control API request (not a stack) is being judged: the service then cuts the message at 1024 characters. */
  viaCloudControl?: boolean;
}

export interface HookRequest {
  clientRequestToken?: string;
  invocationPoint: InvocationPoint;
  target: HookTarget;
  /** Raw type configuration; parsed separately so its errors get their own code. */
  hookModel: unknown;
  /** What an earlier IN_PROGRESS answer asked to be handed back. */
  callbackContext?: JsonObject;
  /** `requestContext.invocation`: 1 for the first call, counting up with each re-invocation; absent when not a whole number ≥ 1. */
  invocation?: number;
  credentials?: AwsCredentials;
  region: string;
  stackId?: string;
}

/** The request's clientRequestToken when it has one, whatever else is wrong with it: every answer echoes it. */
export function clientRequestTokenOf(event: unknown): string | undefined {
  return isJsonObject(event) && typeof event.clientRequestToken === 'string' ? event.clientRequestToken : undefined;
}

/** Validates a hook invocation request; throws InvalidRequestError saying which field is wrong and what was expected. */
export function parseHookRequest(event: unknown, env: Readonly<Record<string, string | undefined>> = process.env): HookRequest {
  if (!isJsonObject(event)) throw new InvalidRequestError('', `the request is not a JSON object (got ${kindOf(event)})`);
  const point = event.actionInvocationPoint;
  if (typeof point !== 'string' || !(INVOCATION_POINTS as readonly string[]).includes(point)) {
    throw new InvalidRequestError(
      'actionInvocationPoint',
      `actionInvocationPoint is ${point === undefined ? 'missing' : JSON.stringify(point)}; expected one of ${INVOCATION_POINTS.join(', ')}`,
    );
  }
  const data = event.requestData;
  if (!isJsonObject(data)) throw new InvalidRequestError('requestData', `requestData is ${data === undefined ? 'missing' : kindOf(data)}; expected an object`);
  const targetName = data.targetName;
  if (typeof targetName !== 'string' || targetName === '') {
    throw new InvalidRequestError('requestData.targetName', `requestData.targetName is ${targetName === undefined ? 'missing' : kindOf(targetName)}; expected a type name such as AWS::S3::Bucket`);
  }
  const model = data.targetModel;
  if (model !== undefined && model !== null && !isJsonObject(model)) {
    throw new InvalidRequestError('requestData.targetModel', `requestData.targetModel is ${kindOf(model)}; expected an object with resourceProperties`);
  }
  const properties = optionalObject(model?.resourceProperties, 'requestData.targetModel.resourceProperties');
  const previous = optionalObject(model?.previousResourceProperties, 'requestData.targetModel.previousResourceProperties');
  const logicalId = data.targetLogicalId;
  if (logicalId !== undefined && logicalId !== null && typeof logicalId !== 'string') {
    throw new InvalidRequestError('requestData.targetLogicalId', `requestData.targetLogicalId is ${kindOf(logicalId)}; expected a string`);
  }
  const context = event.requestContext;
  if (context !== undefined && context !== null && !isJsonObject(context)) {
    throw new InvalidRequestError('requestContext', `requestContext is ${kindOf(context)}; expected an object`);
  }
  const callbackContext = optionalObject(context?.callbackContext, 'requestContext.callbackContext');
  // Only a hint (the callbackContext counts the hook's own IN_PROGRESS answers exactly): a harness that leaves it
  // out or sends something else is not refused for it.
  const invocation = context?.invocation;
  const stackId = typeof event.stackId === 'string' ? event.stackId : undefined;
  return {
    clientRequestToken: clientRequestTokenOf(event),
    invocationPoint: point as InvocationPoint,
    target: {
      typeName: targetName,
      targetType: typeof data.targetType === 'string' ? data.targetType : undefined,
      logicalId: typeof logicalId === 'string' ? logicalId : '',
      properties: properties ?? {},
      previousProperties: previous,
      viaCloudControl: isCloudControlRequest(data, event.stackId),
    },
    hookModel: event.hookModel,
    callbackContext,
    ...(typeof invocation === 'number' && Number.isSafeInteger(invocation) && invocation >= 1 ? { invocation } : {}),
    credentials: parseCredentials(data),
    region: regionOf(event, stackId, env),
    stackId,
  };
}

/**
 * [choice] A Cloud Control request is one whose targetType is CLOUD_CONTROL or whose stackId is present and empty
 * ("empty if the caller is Cloud Control API"): custom hooks are sent targetType RESOURCE for Cloud Control too, so
 * the empty stackId is the documented sign. A request with no stackId at all (a test harness) is treated as a stack's.
 */
function isCloudControlRequest(data: JsonObject, stackId: unknown): boolean {
  return data.targetType === 'CLOUD_CONTROL' || stackId === '';
}

function optionalObject(value: unknown, field: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw new InvalidRequestError(field, `${field} is ${kindOf(value)}; expected an object`);
  return value;
}

/**
 * The credentials for preDelete's AWS calls. Both official runtimes hand the handler a session made from
 * callerCredentials (`cfn test` fills it from --role-arn, the hook's execution role) and use
 * providerCredentials for log delivery; so callerCredentials wins and providerCredentials is the fallback.
 * Absent both, the SDK's default chain applies (the Lambda's own role). Values are never echoed in messages.
 */
function parseCredentials(data: JsonObject): AwsCredentials | undefined {
  for (const field of ['callerCredentials', 'providerCredentials'] as const) {
    const raw = data[field];
    if (raw === undefined || raw === null || raw === '') continue;
    return credentialsFrom(raw, `requestData.${field}`);
  }
  return undefined;
}

function credentialsFrom(raw: unknown, field: string): AwsCredentials {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InvalidRequestError(field, `${field} is not valid JSON; expected a JSON string {"accessKeyId", "secretAccessKey", "sessionToken"}`);
    }
  }
  if (!isJsonObject(value) || typeof value.accessKeyId !== 'string' || typeof value.secretAccessKey !== 'string' || value.accessKeyId === '' || value.secretAccessKey === '') {
    throw new InvalidRequestError(field, `${field} does not hold credentials; expected {"accessKeyId", "secretAccessKey", "sessionToken"} with string values`);
  }
  if (value.sessionToken !== undefined && value.sessionToken !== null && typeof value.sessionToken !== 'string') {
    throw new InvalidRequestError(field, `${field}.sessionToken must be a string`);
  }
  return {
    accessKeyId: value.accessKeyId,
    secretAccessKey: value.secretAccessKey,
    ...(typeof value.sessionToken === 'string' && value.sessionToken !== '' ? { sessionToken: value.sessionToken } : {}),
  };
}

/** The region the stack lives in: the request's own field, else the stack ARN's, else the Lambda's. */
function regionOf(event: JsonObject, stackId: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  if (typeof event.region === 'string' && event.region !== '') return event.region;
  const fromArn = stackId ? /^arn:[^:]+:cloudformation:([^:]+):/.exec(stackId)?.[1] : undefined;
  return fromArn || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  // `${typeof value} ${String(value)}` would say "undefined undefined".
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
