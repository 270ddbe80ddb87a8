/**
 * A Guard hook (`AWS::Hooks::GuardHook` under its alias): the service evaluates the hook's Guard rules against an
 * input document built from the target. This file builds the hook value and the RESOURCE input document; the rules
 * themselves are evaluated by `evaluateGuardHook`, the seam the Guard engine module fills (the real cfn-guard, never
 * a home-made one). Until it does, an enabled Guard hook is reported as not evaluated, never silently passed.
 */
import type { HookConfiguration } from '../../../../src/kernel/hook-config';
import type { JsonObject } from '../../../../src/kernel/protocol';
import { EVERY_TARGET, type Hook, type HookAnswer, type HookTarget } from '../hook';
import type { InvokeLimits } from '../invoke-hook';
import { HOOK_TYPE_VERSION } from '../request';

/** The registered type every Guard hook is an alias of. */
export const GUARD_HOOK_TYPE = 'AWS::Hooks::GuardHook';

/** A local copy of an S3 object the hook reads (`RuleLocation`, `Options.InputParams`), mapped with --hook-source. */
export interface LocalObject {
  /** The S3 URI as declared. */
  readonly uri: string;
  /** The local file standing in for it. */
  readonly path: string;
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

/** One evaluation the Guard engine is asked for. */
export interface GuardEvaluation {
  readonly hook: GuardHookSpec;
  readonly target: HookTarget;
  /** The input document (reference hooks-today §5): `Resources`, `HookContext`, `Previous`. */
  readonly document: JsonObject;
  readonly limits: InvokeLimits;
}

/** Evaluates a Guard hook's rules for one target and gives the hook's answer (message, annotations per rule). */
export type GuardEvaluator = (evaluation: GuardEvaluation) => Promise<HookAnswer>;

/** The Guard engine: none yet. The Guard engine module sets this seam (docs/simulator.md, "The account's hooks", Kinds). */
export const evaluateGuardHook: GuardEvaluator | undefined = undefined;

/** Why a Guard hook cannot run while no engine is present. */
export const GUARD_NOT_EVALUATED = 'Guard rules are not evaluated by this simulator yet (the Guard engine is still to come)';

/** A Guard hook as a value; `evaluate` defaults to the Guard engine. */
export function guardHook(spec: GuardHookSpec, evaluate: GuardEvaluator | undefined = evaluateGuardHook): Hook {
  return {
    typeName: spec.alias,
    originalTypeName: GUARD_HOOK_TYPE,
    kind: 'guard',
    configuration: spec.configuration,
    handlers: EVERY_TARGET,
    ...(evaluate ? {} : { unavailable: GUARD_NOT_EVALUATED }),
    async invoke({ target, limits }) {
      if (!evaluate) throw new Error(GUARD_NOT_EVALUATED);
      return evaluate({ hook: spec, target, document: guardResourceDocument(spec.alias, target), limits });
    },
  };
}

/**
 * The RESOURCE input document. [choice, from the research note's reconstruction of real Guard messages] keys
 * `Type`/`Properties` as the documentation's example and sample rules use (not the syntax block's
 * `ResourceType`/`ResourceProperties`), `Resources` first, typed values (Guard hooks see booleans as booleans).
 */
export function guardResourceDocument(alias: string, target: HookTarget): JsonObject {
  const entry = (properties: JsonObject): JsonObject => ({ Type: target.targetName, Properties: properties });
  return {
    Resources: { [target.logicalId]: entry(target.resourceProperties) },
    HookContext: {
      AwsAccountId: target.stack.accountId,
      StackId: target.stack.stackId,
      HookTypeName: alias,
      HookTypeVersion: HOOK_TYPE_VERSION,
      InvocationPoint: target.invocationPoint,
      TargetName: target.targetName,
      TargetType: 'RESOURCE',
      TargetLogicalId: target.logicalId,
      ChangeSetId: '',
    },
    Previous: target.previousResourceProperties ? { [target.logicalId]: entry(target.previousResourceProperties) } : {},
  };
}
