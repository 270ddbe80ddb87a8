/**
 * `UsePreviousValue: true` in a parameters file (`--parameters-file`, the `create-stack`/`update-stack` list):
 * UpdateStack and CreateChangeSet take the deployed stack's current value for it, and that is how an update's
 * parameter file is written (the AWS CLI's `deploy` sends it for every parameter it is not given). Here the deployed
 * stack is the previous side (`--previous`, `--from-stack`) and its values are the ones given for it
 * (`--previous-parameter`, `--previous-parameters-file`, `--from-stack`'s own, an earlier synth's).
 */
import type { Diagnostic } from '../../src/kernel/diagnostics';
import { TemplateError, type TemplateSource } from '../cloudformation/template/types';
import { describeParameters, type ParametersFile } from './collaborators';

/** What a run knows of the deployed stack a `UsePreviousValue` takes its value from. */
export interface PreviousSide {
  /** What the run does: a create (or a change set that creates the stack) and a delete have no previous value to take. */
  readonly operation: 'create' | 'create-change-set' | 'update' | 'delete';
  /** The deployed stack's template. */
  readonly previous: TemplateSource | undefined;
  /** The values given for the deployed stack (not the new values it borrows by default). */
  readonly given: Readonly<Record<string, string>>;
}

/**
 * The value of each `UsePreviousValue` entry: the deployed stack's, as given, else its template's Default, which is
 * the value the previous side resolves with ([choice]: the real stack may have been deployed with another; the run's
 * two sides then agree that it does not change, which is what UsePreviousValue asks). Throws a TemplateError, located
 * at the entries, when there is no previous value to take.
 */
export function previousValuesFor(entries: ParametersFile['usePrevious'], side: PreviousSide): Record<string, string> {
  const values = Object.create(null) as Record<string, string>;
  if (entries.length === 0) return values;
  const declared = new Map(side.previous ? describeParameters(side.previous).map((p) => [p.name, p] as const) : []);
  const refusals: Diagnostic[] = [];
  for (const { name, at } of entries) {
    const refuse = (message: string): void => void refusals.push({ code: 'RES_PARAMETERS_FILE', severity: 'error', message, ...at });
    if (side.operation === 'create-change-set') {
      // The service's words (mapbox/cfn-config#182 quotes them).
      refuse(`Cannot specify UsePreviousValue on Parameters when ChangeSetType is CREATE (parameter ${name}; a change set against a deployed stack takes --previous or --from-stack)`);
      continue;
    }
    if (side.operation === 'create') {
      // [choice] CreateStack's own words are not documented; a create has no previous value, whatever they are.
      refuse(`parameter ${name} has UsePreviousValue: a create has no deployed stack to take the previous value from; give ParameterValue instead`);
      continue;
    }
    if (side.operation === 'delete') {
      refuse(`parameter ${name} has UsePreviousValue: a delete's --parameters-file gives the deployed stack's own values, so there is no previous value to take; give ParameterValue instead`);
      continue;
    }
    const declaration = declared.get(name);
    if (declaration === undefined) {
      // The service's words (UpdateStack; rackerlabs/ebs_snapper#56 and others quote them).
      refuse(`Invalid input for parameter key ${name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
      continue;
    }
    const value = Object.hasOwn(side.given, name) ? side.given[name] : declaration.default;
    if (value === undefined) {
      refuse(
        `parameter ${name} has UsePreviousValue, and the deployed stack's value is not known here (the previous template gives it no Default): give it with --previous-parameter ${name}=<value>, or read the deployed stack with --from-stack`,
      );
      continue;
    }
    Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
  }
  if (refusals.length > 0) throw new TemplateError(refusals);
  return values;
}

/** A deployed stack's parameters file (`--previous-parameters-file`) gives its values: it has no previous value to take. */
export function refusePreviousInDeployedFile(entries: ParametersFile['usePrevious']): void {
  if (entries.length === 0) return;
  throw new TemplateError(
    entries.map(({ name, at }) => ({
      code: 'RES_PARAMETERS_FILE',
      severity: 'error',
      message: `parameter ${name} has UsePreviousValue in the deployed stack's parameters (--previous-parameters-file), which are its values, with no previous value of their own; give ParameterValue instead`,
      ...at,
    })),
  );
}
