/**
 * Builds the contract cases `cfn test` runs for a hook (rpdk/core/contract/hook_client.py): for every
 * input set and every invocation point the schema has a handler for, one SUCCESS case per target from
 * the point's file, one FAILED case per target from `invalid_pre_<point>` or else `invalid`.
 */
import { randomUUID } from 'node:crypto';
import { closestName, type Diagnostic } from '../kernel/diagnostics';
import { matchesAny, type HookSchema } from '../kernel/hook-config';
import { HANDLER_FOR_INVOCATION_POINT, INVOCATION_POINTS, type InvocationPoint, type JsonObject } from '../kernel/protocol';
import { SPECIAL_TARGETS } from '../kernel/resource-catalog';
import type { ContractInputs, InputKind } from './inputs';

export interface ContractCase {
  set: number;
  invocationPoint: InvocationPoint;
  targetName: string;
  expected: 'SUCCESS' | 'FAILED';
  /** The file the targetModel comes from, when there is one. */
  inputFile?: string;
  targetModel?: JsonObject;
  /** Why the case cannot run (cfn test would stop with a KeyError here). */
  problem?: string;
  /** The error code the FAILED answer must carry, when cfn requires a specific one. */
  expectedErrorCode?: 'UnsupportedTarget';
}

/**
 * The target cfn's test_hook_unsupported_target sends to a handler whose target names hold a wildcard
 * (cfn generates a random name matching the type-name pattern; a fixed one keeps runs reproducible).
 */
export const UNSUPPORTED_TARGET = 'Contract::Unsupported::Target';

/** The target names of a handler, wildcards resolved against the targets the inputs name (cfn resolves them against the registry). */
function handlerTargets(patterns: readonly string[], known: ReadonlySet<string>): string[] {
  const targets = new Set<string>();
  for (const pattern of patterns) {
    // cfn test leaves STACK and CHANGE_SET out of the targets it tests (project.py HOOK_SPECIAL_TARGET_NAMES): no
    // case, and no input is asked for them.
    if ((SPECIAL_TARGETS as readonly string[]).includes(pattern)) continue;
    if (!/[*?]/.test(pattern)) {
      targets.add(pattern);
      continue;
    }
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    for (const name of known) if (regex.test(name)) targets.add(name);
  }
  return [...targets].sort();
}

/** Every case, in a stable order: set, invocation point, SUCCESS before FAILED, target name. */
export function buildContractCases(schema: HookSchema, inputs: ContractInputs): ContractCase[] {
  const cases: ContractCase[] = [];
  for (const set of [...inputs.sets.keys()].sort((a, b) => a - b)) {
    const files = inputs.sets.get(set) as Map<InputKind, { file: string; targets: Map<string, { targetModel: JsonObject }> }>;
    const known = new Set([...files.values()].flatMap((f) => [...f.targets.keys()]));
    for (const point of INVOCATION_POINTS) {
      const handler = schema.handlers?.[HANDLER_FOR_INVOCATION_POINT[point]];
      if (!handler) continue;
      const targets = handlerTargets(handler.targetNames, known);
      for (const targetName of targets) {
        const file = files.get(point);
        const entry = file?.targets.get(targetName);
        cases.push({
          set,
          invocationPoint: point,
          targetName,
          expected: 'SUCCESS',
          ...(file ? { inputFile: file.file } : {}),
          ...(entry
            ? { targetModel: entry.targetModel }
            : { problem: file ? `${file.file} has no entry for ${targetName}${straySpelling(targetName, file.targets.keys())}` : `set ${set} has no ${fileNameFor(set, point)}` }),
        });
      }
      for (const targetName of targets) {
        const specific = files.get(`INVALID_${point}`);
        const general = files.get('INVALID');
        const source = specific?.targets.has(targetName) ? specific : general?.targets.has(targetName) ? general : undefined;
        const written = [...(specific?.targets.keys() ?? []), ...(general?.targets.keys() ?? [])];
        cases.push({
          set,
          invocationPoint: point,
          targetName,
          expected: 'FAILED',
          ...(source ? { inputFile: source.file, targetModel: source.targets.get(targetName)?.targetModel } : {}),
          ...(source ? {} : { problem: `set ${set} has no invalid input for ${targetName} (${fileNameFor(set, `INVALID_${point}`)} or inputs_${set}_invalid.json)${straySpelling(targetName, written)}` }),
        });
      }
      if (handler.targetNames.some((name) => /[*?]/.test(name)) && !targets.includes(UNSUPPORTED_TARGET)) {
        const properties = { id: 'arn:aws:contract:us-east-1:123456789012:unsupported/1', property1: 'abc123', property2: '42' };
        cases.push({
          set,
          invocationPoint: point,
          targetName: UNSUPPORTED_TARGET,
          expected: 'FAILED',
          expectedErrorCode: 'UnsupportedTarget',
          targetModel: point === 'UPDATE_PRE_PROVISION' ? { resourceProperties: properties, previousResourceProperties: properties } : { resourceProperties: properties },
        });
      }
    }
  }
  return cases;
}

/**
 * The input files no case reads: their invocation point has no handler in the schema (for `inputs_<n>_invalid.json`,
 * none at all). cfn test skips them without a word; the runner says so (`CT_NO_HANDLER`, a warning), so that a schema
 * without a handler the inputs were written for cannot make the run smaller unnoticed.
 */
export function unusedInputs(schema: HookSchema, inputs: ContractInputs): Diagnostic[] {
  const handlers = schema.handlers ?? {};
  const served = (point: InvocationPoint) => handlers[HANDLER_FOR_INVOCATION_POINT[point]] !== undefined;
  const diagnostics: Diagnostic[] = [];
  for (const set of [...inputs.sets.keys()].sort((a, b) => a - b)) {
    for (const [kind, { file }] of inputs.sets.get(set) ?? []) {
      if (kind === 'INVALID' ? INVOCATION_POINTS.some(served) : served(pointOf(kind))) continue;
      const why = kind === 'INVALID' ? 'the schema has no handler' : `the schema has no ${HANDLER_FOR_INVOCATION_POINT[pointOf(kind)]} handler`;
      diagnostics.push({ code: 'CT_NO_HANDLER', severity: 'warning', message: `${why}, so no case reads this input (cfn test skips it too)`, file, path: '', line: 0, column: 0 });
    }
  }
  return diagnostics;
}

/**
 * The target keys no case reads: no handler that reads their file names them, or matches them with a wildcard
 * (`AWS::DynamoDB::Tables` for `AWS::DynamoDB::Table`). cfn test ignores such a key without a word, and its case then
 * fails for a missing entry; the runner names the key where it is written, with the target meant (`CT_UNKNOWN_TARGET`,
 * a warning). Files no handler reads at all are `unusedInputs`' to report.
 */
export function unknownTargets(schema: HookSchema, inputs: ContractInputs): Diagnostic[] {
  const handlers = schema.handlers ?? {};
  const targetsOf = (point: InvocationPoint): readonly string[] => handlers[HANDLER_FOR_INVOCATION_POINT[point]]?.targetNames ?? [];
  const diagnostics: Diagnostic[] = [];
  for (const set of [...inputs.sets.keys()].sort((a, b) => a - b)) {
    for (const [kind, { file, targets }] of inputs.sets.get(set) ?? []) {
      const named = kind === 'INVALID' ? INVOCATION_POINTS.flatMap(targetsOf) : targetsOf(pointOf(kind));
      if (named.length === 0) continue;
      for (const { targetName, at } of targets.values()) {
        if (matchesAny(named, targetName)) continue;
        const near = closestName(targetName, named.filter((name) => !/[*?]/.test(name)));
        diagnostics.push({
          code: 'CT_UNKNOWN_TARGET',
          severity: 'warning',
          message: `no handler that reads this file targets ${targetName}${near ? ` (did you mean ${near}?)` : ''}, so no case reads it (cfn test ignores it too)`,
          file,
          path: at?.path ?? '',
          line: at?.line ?? 0,
          column: at?.column ?? 0,
        });
      }
    }
  }
  return diagnostics;
}

/** ` (it has AWS::DynamoDB::Tables: a typo?)` when a key written in the file is near the target looked for, else ''. */
function straySpelling(targetName: string, written: Iterable<string>): string {
  const near = closestName(targetName, [...written].filter((name) => name !== targetName));
  return near === undefined ? '' : ` (it has ${near}: a typo?)`;
}

function pointOf(kind: Exclude<InputKind, 'INVALID'>): InvocationPoint {
  return kind.startsWith('INVALID_') ? (kind.slice('INVALID_'.length) as InvocationPoint) : (kind as InvocationPoint);
}

function fileNameFor(set: number, kind: InputKind): string {
  const suffix: Record<InputKind, string> = {
    CREATE_PRE_PROVISION: 'pre_create',
    UPDATE_PRE_PROVISION: 'pre_update',
    DELETE_PRE_PROVISION: 'pre_delete',
    INVALID_CREATE_PRE_PROVISION: 'invalid_pre_create',
    INVALID_UPDATE_PRE_PROVISION: 'invalid_pre_update',
    INVALID_DELETE_PRE_PROVISION: 'invalid_pre_delete',
    INVALID: 'invalid',
  };
  return `inputs_${set}_${suffix[kind]}.json`;
}

/** Placeholder credentials: cfn test sends real temporary ones; nothing here reaches AWS. */
export const PLACEHOLDER_CREDENTIALS = { accessKeyId: 'ASIACONTRACTTESTONLY', secretAccessKey: 'contract-test-placeholder-secret', sessionToken: 'contract-test-placeholder-token' };
export const PLACEHOLDER_ACCOUNT = '123456789012';

/** The request hook_client.make_request builds: the same fields, a fresh token used as stack id and logical id too. */
export function makeHookRequest(schema: HookSchema, c: ContractCase, hookModel: JsonObject | null, token: string = randomUUID()): JsonObject {
  return {
    requestData: {
      callerCredentials: JSON.stringify(PLACEHOLDER_CREDENTIALS),
      targetName: c.targetName,
      targetType: 'RESOURCE',
      targetLogicalId: token,
      targetModel: c.targetModel ?? {},
    },
    requestContext: { callbackContext: null },
    hookTypeName: schema.typeName,
    hookTypeVersion: '00000001',
    clientRequestToken: token,
    stackId: token,
    awsAccountId: PLACEHOLDER_ACCOUNT,
    actionInvocationPoint: c.invocationPoint,
    hookModel,
  };
}
