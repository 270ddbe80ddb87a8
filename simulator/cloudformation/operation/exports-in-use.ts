/**
 * The service's "export in use" rule for an update: while a stack imports an export (`Fn::ImportValue`), the stack
 * that exports it may neither remove that export nor change its value. The update fails as its outputs are applied
 * and rolls back: "Export X cannot be deleted as it is in use by Y" / "Export X cannot be updated as it is in use by
 * Y" (aws/aws-cdk#604, aws/aws-cdk#8671, linz/geostore#630).
 *
 * The service holds the exports as the account has them: each a resolved name and a resolved text value. So the rule
 * compares the update's two stack trees as resolved, not as written: a region written literally instead of
 * `Ref AWS::Region`, `30` against `"30"`, `Fn::GetAtt` in list or dotted form, a name built by `Fn::Sub` that gives the
 * same text, change nothing; a name given by a parameter that changes, or a value that changes through one, does.
 */
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import { sameSentJson, type JsonValue } from '../../../src/kernel/protocol';
import { EVENT_TEXT } from '../invoke';
import { guessHeld, treeExports, type ResolvedStack } from '../nested';

/** Another stack deployed in the same account and region, with the export names it imports as resolved. */
export interface StackImports {
  readonly stackName: string;
  readonly imports: ReadonlySet<string>;
  /** Why its import names are not all known (its template did not resolve: only its literal names are); absent when they are. */
  readonly unresolved?: string;
}

/** The refusal the update meets as it applies its outputs, if any, and what the rule could not check, as warnings. */
export interface ExportsInUse {
  readonly refusal?: string;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Judges an update (`deployed` to `next`, both resolved) against the imports of the other stacks of its place. Where
 * a name or value holds a stand-in for an input nobody gave (a placeholder parameter, export or SSM value), the
 * deployed text is not known: that export is not judged, and a warning says so, rather than a guess either way
 * [choice]. So does an importer whose template resolved only in part (its literal names are what is known of it).
 */
export function exportsInUse(deployed: ResolvedStack, next: ResolvedStack, importers: readonly StackImports[]): ExportsInUse {
  const before = treeExports(deployed);
  const after = treeExports(next);
  const warnings: Diagnostic[] = [];
  const file = next.template.source.file;
  const where = { file, path: '/Outputs', ...next.template.source.locate('/Outputs') };
  const warn = (message: string): void => void warnings.push({ code: 'SIM_EXPORT_UNCHECKED', severity: 'warning', message, ...where });
  // A name of the new side that holds a stand-in may be any deployed name: a removal cannot be told from it.
  const guessedNewNames = Object.keys(after).filter((name) => guessHeld(next, name) !== undefined);
  let refusal: string | undefined;
  for (const [name, value] of Object.entries(before)) {
    const nameGuess = guessHeld(deployed, name);
    if (nameGuess !== undefined) {
      if (importers.length > 0) warn(`the deployed export ${name} is named with a stand-in (${nameGuess}): whether a stack imports it, and whether this update removes or changes it, is not checked`);
      continue;
    }
    const users = importers.filter((s) => s.imports.has(name));
    if (users.length === 0) continue;
    const by = users[0]?.stackName ?? '?';
    const now = Object.hasOwn(after, name) ? after[name] : undefined;
    // Placeholders on either side stand for values the deployed and the new stack may not share: no verdict either way.
    const valueGuess = textGuess(deployed, value) ?? (now !== undefined ? textGuess(next, now) : undefined);
    if (valueGuess !== undefined) {
      warn(`the export ${name}, which ${by} imports, has a value that holds a stand-in (${valueGuess}): whether this update changes it (the service refuses that: "Export ${name} cannot be updated as it is in use by ${by}") is not checked`);
      continue;
    }
    const change = changeOf(name, value, after);
    if (change === undefined) continue;
    if (change === 'deleted' && guessedNewNames.length > 0) {
      warn(`the export ${name}, which ${by} imports, is not among the new exports as resolved, but ${guessedNewNames.join(', ')} ${guessedNewNames.length === 1 ? 'is' : 'are'} named with a stand-in and may be it: whether this update removes it is not checked`);
      continue;
    }
    // [unconfirmed] The service names every importer ("in use by A and B"); the first is named here.
    refusal ??= EVENT_TEXT.exportInUse(name, change, by);
  }
  if (refusal === undefined) {
    // A stack whose imports are known only as written may import, by a name built by a function, what this update changes.
    const changed = Object.entries(before).filter(([name, value]) => changeOf(name, value, after) !== undefined);
    for (const stack of importers) {
      if (stack.unresolved === undefined || changed.length === 0) continue;
      warn(`this update removes or changes export ${changed.map(([name]) => name).join(', ')}; ${stack.stackName}'s imports are known only as written (${stack.unresolved}): whether it imports ${changed.length === 1 ? 'it' : 'one of them'} by a name built otherwise is not checked`);
    }
  }
  return refusal !== undefined ? { refusal, warnings } : { warnings };
}

/** How the update changes the deployed export `name` of value `value`: removed, given another value, or not at all. */
function changeOf(name: string, value: JsonValue, after: Readonly<Record<string, JsonValue>>): 'deleted' | 'updated' | undefined {
  if (!Object.hasOwn(after, name)) return 'deleted';
  return sameSentJson(value, after[name]) ? undefined : 'updated';
}

/** What a value's text holds that stands for an input nobody gave (every string of a list or object looked at). */
function textGuess(stack: ResolvedStack, value: JsonValue): string | undefined {
  if (typeof value === 'string') return guessHeld(stack, value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const held = textGuess(stack, item);
      if (held !== undefined) return held;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) {
      const held = textGuess(stack, item);
      if (held !== undefined) return held;
    }
  }
  return undefined;
}
