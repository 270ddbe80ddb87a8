/**
 * The Lambda handler CloudFormation invokes. It never throws: every outcome, including a bug, is a
 * well-formed answer that echoes the request's clientRequestToken.
 */
import { MAX_MESSAGE_LENGTH, type HookEntrypoint, type HookProgressEvent, type InvocationContext } from '../kernel/protocol';
import { SUPPORTED_TARGETS } from './checks';
import { HookHandlerError, UnsupportedTargetError } from './errors';
import { evaluatePolicy } from './evaluation';
import { createInventoryAccess } from './inventory';
import { createLogger, writeJsonLine, type HandlerLogger } from './logger';
import { DEFAULT_CONCURRENCY, DEFAULT_SAFETY_MARGIN_MILLIS, type HandlerOptions } from './options';
import { clientRequestTokenOf, parseHookRequest, type HookRequest } from './request';
import { parseTypeConfiguration, unknownTypeConfigurationProperties } from './type-configuration';

/** Target types (requestData.targetType) whose targetModel carries resource properties. */
const RESOURCE_TARGET_TYPES = new Set(['RESOURCE', 'CLOUD_CONTROL']);

/** Makes a hook entrypoint; options inject AWS clients and a log sink (the simulator and tests do). */
export function createEntrypoint(options: HandlerOptions = {}): HookEntrypoint {
  const sink = options.log === undefined ? writeJsonLine : options.log;
  return async (event: unknown, context?: InvocationContext): Promise<HookProgressEvent> => {
    const clientRequestToken = clientRequestTokenOf(event);
    const log = createLogger(sink, clientRequestToken ? { clientRequestToken } : {});
    const started = Date.now();
    let answer: HookProgressEvent;
    try {
      answer = await handle(event, context, options, log);
    } catch (error) {
      answer = failureFor(error, log);
    }
    const final = finish(answer, clientRequestToken);
    log.info('hook answered', {
      hookStatus: final.hookStatus,
      ...(final.errorCode ? { errorCode: final.errorCode } : {}),
      durationMillis: Date.now() - started,
      checks: (final.annotations ?? []).map((a) => `${a.annotationName}=${a.status}`),
    });
    return final;
  };
}

async function handle(event: unknown, context: InvocationContext | undefined, options: HandlerOptions, log: HandlerLogger): Promise<HookProgressEvent> {
  const request = parseHookRequest(event);
  log.info('hook invoked', {
    invocationPoint: request.invocationPoint,
    targetName: request.target.typeName,
    targetLogicalId: request.target.logicalId,
    resumed: request.callbackContext !== undefined,
  });
  const configuration = parseTypeConfiguration(request.hookModel);
  const unknown = unknownTypeConfigurationProperties(request.hookModel);
  if (unknown.length) log.warn('type configuration properties this hook does not know are ignored', { properties: unknown });
  assertSupportedTarget(request);
  const margin = options.safetyMarginMillis ?? DEFAULT_SAFETY_MARGIN_MILLIS;
  const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? () => context.getRemainingTimeInMillis() : undefined;
  const inventory = createInventoryAccess({
    factory: options.clients,
    credentials: request.credentials,
    region: request.region,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    // Without a Lambda context (a direct call) there is no deadline to respect.
    millisLeft: remaining ? () => remaining() - margin : () => Number.POSITIVE_INFINITY,
  });
  return evaluatePolicy(request, configuration, inventory, options.maxInProgressAnswers);
}

function assertSupportedTarget(request: HookRequest): void {
  const { typeName, targetType } = request.target;
  if (targetType !== undefined && !RESOURCE_TARGET_TYPES.has(targetType)) {
    throw new UnsupportedTargetError(typeName, `MyCompany::Testing::MyTestHook judges resources only; target type ${targetType} (${typeName}) is not supported`);
  }
  if (!(SUPPORTED_TARGETS as readonly string[]).includes(typeName)) {
    throw new UnsupportedTargetError(typeName, `MyCompany::Testing::MyTestHook does not handle ${typeName}; it handles ${SUPPORTED_TARGETS.join(' and ')}`);
  }
}

function failureFor(error: unknown, log: HandlerLogger): HookProgressEvent {
  if (error instanceof HookHandlerError) {
    log.warn('hook could not judge the request', { errorCode: error.code, error: error.message });
    return { hookStatus: 'FAILED', errorCode: error.code, message: error.message, callbackDelaySeconds: 0 };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  log.error('unexpected error (a bug in the hook)', { error: detail, stack: error instanceof Error ? error.stack : undefined });
  return { hookStatus: 'FAILED', errorCode: 'InternalFailure', message: `Internal error in MyCompany::Testing::MyTestHook: ${detail}`, callbackDelaySeconds: 0 };
}

/** Echoes the token and keeps the message within the service's limit. */
function finish(answer: HookProgressEvent, clientRequestToken: string | undefined): HookProgressEvent {
  const message = answer.message && answer.message.length > MAX_MESSAGE_LENGTH ? `${answer.message.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : answer.message;
  return { ...answer, ...(message !== undefined ? { message } : {}), ...(clientRequestToken !== undefined ? { clientRequestToken } : {}) };
}

/** The Lambda handler (.rpdk-config entrypoint `dist/handlers.entrypoint`). */
export const entrypoint: HookEntrypoint = createEntrypoint();

/** cfn's testEntrypoint: the same behaviour (cfn test sends the full invocation request to TypeFunction). */
export const testEntrypoint: HookEntrypoint = entrypoint;
