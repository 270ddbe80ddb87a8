/**
 * The shape every policy check has. A check judges one target and answers PASS, FAIL or SKIP;
 * a non-compliant resource is a FAIL with findings, never an exception. Exceptions are kept for
 * "could not judge" (an AWS call failed), which the evaluator turns into the matching error code.
 */
import type { InvocationPoint, JsonObject, JsonValue, SeverityLevel } from '../../kernel/protocol';
import type { HookTarget } from '../request';
import type { TypeConfiguration } from '../type-configuration';
import type { InventoryAccess } from '../inventory';

/** The targets this hook handles. */
export const SUPPORTED_TARGETS = ['AWS::S3::Bucket', 'AWS::SQS::Queue'] as const;
export type SupportedTarget = (typeof SUPPORTED_TARGETS)[number];

export type CheckStatus = 'PASS' | 'FAIL' | 'SKIP';

/** One thing wrong with a resource: where (a property path), what is there, what the policy requires. */
export interface Finding {
  path: string;
  found: string;
  required: string;
}

export interface CheckResult {
  status: CheckStatus;
  /** Why it passed or was skipped, or a one-line summary of the failure. */
  message: string;
  /** Empty unless status is FAIL. */
  findings: Finding[];
}

/** A check that ran out of time and wants to be resumed from `state` on the next invocation. */
export interface CheckSuspension {
  status: 'SUSPEND';
  state: JsonObject;
  message: string;
}

export type CheckOutcome = CheckResult | CheckSuspension;

export interface CheckInput {
  /** The check's own id (as registered in the policy table). */
  id: string;
  target: HookTarget;
  configuration: TypeConfiguration;
  /** The state this check saved when it last suspended, as handed back (unvalidated: the check reads it). */
  resumeState?: JsonValue;
  /** Lazily made AWS access, for the checks that need the account's inventory. */
  inventory: InventoryAccess;
}

export interface CheckDefinition {
  /** Stable id, used as the annotation name and in messages. */
  id: string;
  targets: readonly SupportedTarget[];
  invocationPoints: readonly InvocationPoint[];
  /** What the check requires, in one sentence. */
  summary: string;
  /** What to change in the template when it fails. */
  remediation: string;
  severity: SeverityLevel;
  check: (input: CheckInput) => CheckOutcome | Promise<CheckOutcome>;
}

/** A passing result. */
export function pass(message: string): CheckResult {
  return { status: 'PASS', message, findings: [] };
}

/** A skipped result: the check does not apply to this resource (neutral when combined). */
export function skip(message: string): CheckResult {
  return { status: 'SKIP', message, findings: [] };
}

/** A failing result; the message summarises the findings. */
export function fail(findings: Finding[], message?: string): CheckResult {
  return {
    status: 'FAIL',
    message: message ?? findings.map((f) => `${f.path}: found ${f.found}; required ${f.required}`).join('; '),
    findings,
  };
}
