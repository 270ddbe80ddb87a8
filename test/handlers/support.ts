/** Shared test scaffolding for the handler tests: fixture loading, a log capture, a fake Lambda context. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../../src/handlers';
import type { InvocationContext, JsonObject } from '../../src/kernel/protocol';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'handlers');

/** A wire-level request fixture, parsed. */
export function loadRequest(name: string): JsonObject {
  return JSON.parse(readFileSync(join(FIXTURES, 'requests', `${name}.json`), 'utf8')) as JsonObject;
}

/** The credential values every fixture carries; they must never appear in a log line. */
export const FIXTURE_SECRETS = ['fixture/secret/DO-NOT-LOG-0001', 'fixture-session-token-DO-NOT-LOG'];

/** Collects log entries instead of printing them. */
export function captureLogs(): { entries: LogEntry[]; log: (entry: LogEntry) => void } {
  const entries: LogEntry[] = [];
  return { entries, log: (entry) => void entries.push(entry) };
}

/** A Lambda context whose remaining time follows a script: each call returns the next value (the last repeats). */
export function scriptedContext(remaining: number[]): InvocationContext & { calls: number } {
  const context = {
    calls: 0,
    getRemainingTimeInMillis(): number {
      const value = remaining[Math.min(context.calls, remaining.length - 1)] as number;
      context.calls += 1;
      return value;
    },
  };
  return context;
}

/** A plain wire request for a target, with CloudFormation's string-typed shape. */
export function wireRequest(
  point: 'CREATE_PRE_PROVISION' | 'UPDATE_PRE_PROVISION' | 'DELETE_PRE_PROVISION',
  targetName: string,
  properties: JsonObject | undefined,
  options: { previous?: JsonObject; hookModel?: JsonObject | null; logicalId?: string; callbackContext?: JsonObject } = {},
): JsonObject {
  return {
    clientRequestToken: 'token-123',
    awsAccountId: '123456789012',
    stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/guid',
    hookTypeName: 'MyCompany::Testing::MyTestHook',
    hookTypeVersion: '00000001',
    hookModel: options.hookModel === undefined ? null : options.hookModel,
    actionInvocationPoint: point,
    requestData: {
      targetName,
      targetType: 'RESOURCE',
      targetLogicalId: options.logicalId ?? 'Target',
      targetModel: {
        ...(properties ? { resourceProperties: properties } : {}),
        ...(options.previous ? { previousResourceProperties: options.previous } : {}),
      },
      callerCredentials: JSON.stringify({ accessKeyId: 'AKIATEST', secretAccessKey: FIXTURE_SECRETS[0], sessionToken: FIXTURE_SECRETS[1] }),
    },
    requestContext: { invocation: 1, callbackContext: options.callbackContext ?? null },
  };
}
