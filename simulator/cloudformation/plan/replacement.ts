/**
 * Which property changes force CloudFormation to replace a resource (a new physical resource, the old one
 * deleted in cleanup): the resource's create-only properties, which the resolver attaches to each resolved resource
 * from the resource-type catalogue (`createOnlyProperties` in resolve/resource-types.ts).
 */
import { isJsonObject, sameJson, sameSentJson, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import { subReadNames } from '../resolve/sub-template';
import type { PlanStep, StackPlan } from './types';

/**
 * The create-only properties whose value differs between two property sets; non-empty means a replacement. Values
 * are compared as the service sends them, every scalar a string: `FifoQueue: true` and `"true"` are the same value.
 */
export function replacementCauses(createOnly: readonly string[], previous: JsonObject, next: JsonObject): string[] {
  return createOnly.filter((name) => !sameSentJson(previous[name], next[name]));
}

/**
 * How a change set can know a replacement (`ResourceChangeDetail.Evaluation`): `Static` when a create-only property's
 * new value is known when the change set is created (the template's text for it changed, or a parameter or condition
 * it reads did); `Dynamic` when it changes only through a `Ref`, `Fn::GetAtt` or `Fn::Sub` variable of a resource the
 * update modifies, whose new physical id or attribute exists only once the update runs. `ResourceChange.Replacement`
 * follows it: "if the RequiresRecreation field is Always and the Evaluation field is Static, Replacement is True. If
 * the RequiresRecreation field is Always and the Evaluation field is Dynamic, Replacement is Conditional", the change
 * with the most impact deciding (API reference, ResourceChange).
 */
export type ReplacementEvaluation = 'Static' | 'Dynamic';

/** One side of an update as `replacementEvaluation` reads it: the template as written, and its inputs' values. */
export interface EvaluatedTemplate {
  /** The template as parsed (intrinsics in long form), before any intrinsic is evaluated. */
  readonly body: JsonObject;
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly conditions: Readonly<Record<string, boolean>>;
}

/**
 * The evaluation of a replacement whose create-only properties `causes` changed: Dynamic when each of them is written
 * the same in both templates, reads no parameter or condition whose value changed, and references a resource in
 * `modified` (the resources the update modifies); Static otherwise, and wherever the resource is not written under its
 * logical id in both templates (a resource `Fn::ForEach` or a transform made). [unconfirmed] cloudformation-coverage-
 * roadmap#2113 shows a NAT gateway whose `SubnetId` is `{{changeSet:KNOWN_AFTER_APPLY}}` (a replaced subnet's id)
 * listed `Replacement: True`; the API reference's rule is the one followed here.
 */
export function replacementEvaluation(
  logicalId: string,
  causes: readonly string[],
  previous: EvaluatedTemplate,
  next: EvaluatedTemplate,
  modified: ReadonlySet<string>,
): ReplacementEvaluation {
  const before = writtenProperties(previous.body, logicalId);
  const after = writtenProperties(next.body, logicalId);
  if (before === undefined || after === undefined || causes.length === 0) return 'Static';
  const dynamic = causes.every((name) => {
    const written = own(after, name);
    if (written === undefined || !sameJson(own(before, name), written)) return false;
    const read = readNames(written);
    const changedInput =
      [...read.names].some((n) => own(next.parameters, n) !== undefined && !sameSentJson(own(previous.parameters, n), own(next.parameters, n))) ||
      [...read.conditions].some((c) => own(previous.conditions, c) !== own(next.conditions, c));
    return !changedInput && [...read.names].some((n) => modified.has(n));
  });
  return dynamic ? 'Dynamic' : 'Static';
}

function writtenProperties(body: JsonObject, logicalId: string): JsonObject | undefined {
  const resources = own(body, 'Resources');
  const resource = isJsonObject(resources) ? own(resources, logicalId) : undefined;
  if (!isJsonObject(resource)) return undefined;
  const properties = own(resource, 'Properties');
  return isJsonObject(properties) ? properties : {};
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * The names a value written in a template reads: every `Ref` name, `Fn::GetAtt` resource and `Fn::Sub` variable (the
 * part before a dot) in `names`, every `Fn::If` condition in `conditions`.
 */
function readNames(value: JsonValue, found = { names: new Set<string>(), conditions: new Set<string>() }): { names: Set<string>; conditions: Set<string> } {
  if (Array.isArray(value)) {
    for (const item of value) readNames(item, found);
    return found;
  }
  if (!isJsonObject(value)) return found;
  const keys = Object.keys(value);
  const argument = keys.length === 1 ? value[keys[0] as string] : undefined;
  if (keys.length === 1 && argument !== undefined) {
    switch (keys[0]) {
      case 'Ref':
        if (typeof argument === 'string') found.names.add(argument);
        break;
      case 'Fn::GetAtt': {
        const target = typeof argument === 'string' ? argument.split('.')[0] : Array.isArray(argument) ? argument[0] : undefined;
        if (typeof target === 'string') found.names.add(target);
        break;
      }
      case 'Fn::Sub':
        for (const name of subReadNames(argument)) found.names.add(name);
        break;
      case 'Fn::If':
        if (Array.isArray(argument) && typeof argument[0] === 'string') found.conditions.add(argument[0]);
        break;
      default:
        break;
    }
  }
  for (const key of keys) readNames(value[key] as JsonValue, found);
  return found;
}

/**
 * An update's plan with each replacement's evaluation set (replacementEvaluation), the resources it modifies being
 * those its main phase updates or replaces. Only what a change set lists changes: the steps stay as they are.
 */
export function withReplacementEvaluations(plan: StackPlan, previous: EvaluatedTemplate, next: EvaluatedTemplate): StackPlan {
  const main = plan.steps.filter((s) => s.phase === 'main');
  const modified = new Set(main.filter((s) => s.action === 'update' || s.action === 'replace').map((s) => s.resource.logicalId));
  if (!main.some((s) => s.action === 'replace')) return plan;
  const steps = plan.steps.map((step): PlanStep => {
    if (step.phase !== 'main' || step.action !== 'replace') return step;
    const evaluation = replacementEvaluation(step.resource.logicalId, step.replacementCauses ?? [], previous, next, modified);
    return evaluation === 'Dynamic' ? { ...step, replacementEvaluation: evaluation } : step;
  });
  return { ...plan, steps };
}
