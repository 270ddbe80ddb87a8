/**
 * A cloud assembly as one unit of a run: its stacks (those `--stack` chooses), in dependency order, each simulated
 * under its real stack name and seeing the exports and SSM parameters of the stacks before it, as `cdk deploy`
 * deploys them; or deleted dependants first, as `cdk destroy` deletes them, each from an account that still holds the
 * stacks not yet deleted.
 */
import { dirname, isAbsolute, join, relative } from 'node:path';
import { EXIT_OK, EXIT_USAGE, memoryIo } from '../../src/kernel/cli';
import { matchesWildcard } from '../../src/kernel/hook-config/wildcard';
import { InputError, type Diagnostic } from '../../src/kernel/diagnostics';
import { readBoundedText } from '../../src/kernel/source';
import { AssemblyError, type AssemblyReads, type AssemblyStack } from '../cloudformation/assembly';
import { EVENT_TEXT } from '../cloudformation/invoke';
import type { StackImports } from '../cloudformation/operation';
import { stackOutputsKey } from '../cloudformation/resolve';
import type { ResolvedResource } from '../cloudformation/template/types';
import { assemblyStackOptions, stackPlacement, withPreviousSynth } from './assembly-stack';
import type { InputUnit } from './inputs';
import { ciPartsOf, type SimulateOptions } from './options';
import { deployedInventory, type HeldElsewhere, type SimulationReport } from './run-simulation';
import { failureDiagnostics, reportFailure, runDiagnostic, simulateOne } from './simulate-one';
import { reportedRow, stackRow, type StackRow, type UnitResult } from './unit-result';

type Env = Readonly<Record<string, string | undefined>>;

/** An export's value and the stack that made it. */
interface Exported {
  readonly value: string;
  readonly stack: string;
}

/** The stacks of an assembly `--stack <pattern>` selects (by stack name, artifact id or construct path); all without one. */
export function chosenStacks<T extends Pick<AssemblyStack, 'stackName' | 'artifactId' | 'displayName'>>(stacks: readonly T[], pattern: string | undefined): readonly T[] {
  return pattern === undefined ? stacks : stacks.filter((s) => matchesWildcard(pattern, s.stackName) || matchesWildcard(pattern, s.artifactId) || matchesWildcard(pattern, s.displayName));
}

/** What the stacks of one assembly's run share as they are simulated one after another. */
interface AssemblyRun {
  readonly unit: InputUnit;
  readonly options: SimulateOptions;
  readonly env: Env;
  readonly cwd: string;
  readonly assemblies: AssemblyReads;
  /** `${accountId}/${region}` of a stack: where its exports can be imported and its resources counted. */
  readonly placeOf: (stack: AssemblyStack) => string;
  /**
   * Exports by place: an export is importable only in its own region ("You can use Fn::ImportValue to import only
   * values that have been exported within the same Region"), and an assembly's stages span several. A second stack
   * exporting a name there fails.
   */
  readonly exportsByPlace: Map<string, Map<string, Exported>>;
  /** SSM parameters an earlier stack writes (a cross-region reference's, a shared parameter's): under the bootstrap's. */
  readonly ssm: Record<string, string>;
  /**
   * The outputs of the stacks created or updated so far, by `stackOutputsKey`: a later stack's `Fn::GetStackOutput`
   * (the CDK's weak cross-stack references, `@aws-cdk/core:defaultCrossStackReferences`) reads them, in any place.
   */
  readonly stackOutputs: Record<string, Readonly<Record<string, string>>>;
  /** A delete's: every stack of the assembly as deployed; a stack leaves it once deleted. */
  readonly inventory: AssemblyInventory | undefined;
  /** An update from an earlier synth that deletes a stack (now without resources): the earlier synth's stacks, once asked. */
  earlierInventory?: AssemblyInventory;
  /**
   * An update from an earlier synth: the imports of each stack deployed at this point of the run, as resolved, by
   * `heldKey` (the earlier synth's templates, each replaced by the new one once its update completes), once asked.
   */
  deployedImports?: Map<string, DeployedImports>;
}

/** What a deployed stack imports (as resolved), and where. */
interface DeployedImports extends StackImports {
  readonly place: string;
}

/** A cloud assembly's stacks, in dependency order, each seeing the exports of those before it. */
export async function runAssembly(unit: InputUnit, options: SimulateOptions, env: Env, assemblies: AssemblyReads): Promise<UnitResult> {
  const cwd = env.INIT_CWD ?? process.cwd();
  let stacks;
  try {
    stacks = assemblies.stacksOf(unit.path);
  } catch (error) {
    const io = memoryIo(cwd, { ...env });
    if (!(error instanceof AssemblyError)) throw error;
    const typed = isAbsolute(unit.input) ? [] : [dirname(unit.path)];
    const code = reportFailure(error, io, typed);
    return [stackRow(unit.input, '-', code, io, undefined, failureDiagnostics(error, cwd, typed))];
  }
  const pattern = options.stackPattern;
  const deleting = options.operation === 'delete';
  // `cdk destroy X` deletes X's dependants too, first (without --exclusively): a delete takes them with the chosen.
  const chosen = deleting && pattern !== undefined ? withDependants(chosenStacks(stacks, pattern), stacks) : chosenStacks(stacks, pattern);
  if (chosen.length === 0) return [noStackRow(unit, stacks, pattern, cwd, env)];
  const placeOf = (stack: AssemblyStack): string => {
    const { accountId, region } = stackPlacement(stack, options);
    return `${accountId}/${region}`;
  };
  const inventory = deleting ? await assemblyInventory(stacks, options, cwd, unit.input, placeOf) : undefined;
  const run: AssemblyRun = { unit, options, env, cwd, assemblies, placeOf, exportsByPlace: new Map(inventory?.exports), ssm: {}, stackOutputs: {}, inventory };
  const rows: StackRow[] = [];
  // A delete removes the stacks as `cdk destroy` does, dependants first.
  for (const stack of deleting ? [...chosen].reverse() : chosen) rows.push(await runAssemblyStack(run, stack));
  return rows;
}

/** One stack of the assembly's run, after those before it. */
async function runAssemblyStack(run: AssemblyRun, stack: AssemblyStack): Promise<StackRow> {
  const { unit, options, env, cwd, inventory } = run;
  const place = run.placeOf(stack);
  const exported = run.exportsByPlace.get(place) ?? new Map<string, Exported>();
  run.exportsByPlace.set(place, exported);
  const input = `${unit.input} ${stack.artifactId}`;
  const identity = { stackNames: [stack.stackName, stack.artifactId, stack.displayName], templateAsTyped: join(unit.input, relative(unit.path, stack.templateFile)) };
  // A stack whose export another stack still deployed imports is not deleted: the service keeps it ("Export X cannot
  // be deleted as it is in use by Y", aws/aws-cdk#604), before any resource is touched [unconfirmed: whether hooks run].
  const key = heldKey(place, stack.stackName);
  const inUse = inventory ? exportInUse(key, inventory.resources) : undefined;
  if (inUse !== undefined) return { ...exportKeptRow(input, stack, EVENT_TEXT.exportInUse(inUse.name, 'deleted', inUse.by), identity.templateAsTyped, cwd, env), ...identity };
  let io = memoryIo(cwd, { ...env });
  const stackOptions = { ...withPreviousSynth(stack, assemblyStackOptions(stack, options), cwd, run.assemblies), ...ciPartsOf(options), inputs: [unit.input], stackName: stack.stackName };
  const { accountId } = stackPlacement(stack, options);
  const others = inventory ? othersHeld(inventory, key, accountId) : [];
  const notes = inventory ? notesFor(inventory, key, accountId) : [];
  // Only a stack operation that runs applies outputs: a change set created and not executed changes nothing yet.
  const executes = options.operation === 'update' && (stackOptions.changeSet === undefined || stackOptions.changeSet.execute);
  const deployedImports = executes && stackOptions.earlierSynth !== undefined ? (run.deployedImports ??= importsOf(await earlierInventoryOf(run), earlierStacks(options, cwd, run.assemblies), run.placeOf)) : undefined;
  // An update that removes or changes an export a deployed stack imports fails as the service applies its outputs, and
  // rolls back (aws/aws-cdk#8671, linz/geostore#630), after its resources' updates (geostore's events: 10 of 11 done):
  // the simulation ends the stack so, its hook calls kept, and a hook that blocked a resource first stays the verdict
  // [unconfirmed: the order; whether the service checks before calling hooks]. The run compares the exports of the
  // stack's two sides as resolved, as the service holds them (exportsInUse), against these stacks' resolved imports.
  const importers = deployedImports && stackOptions.previous !== undefined ? [...deployedImports].filter(([other, s]) => other !== key && s.place === place).map(([, s]) => s) : undefined;
  const context = {
    exports: Object.fromEntries([...exported].map(([name, e]) => [name, e.value])),
    ssmParameters: { ...run.ssm, ...stack.ssmParameters },
    stackOutputs: run.stackOutputs,
    ...(others.length > 0 ? { accountResources: others } : {}),
    ...(notes.length > 0 ? { warnings: notes } : {}),
    ...(importers !== undefined ? { importers } : {}),
  };
  let { code, report, failure } = await simulateOne({ ...stackOptions, template: stack.templateFile }, io, context);
  if (hasNoResources(failure)) {
    const deployed = stackOptions.previous;
    if (deployed === undefined || stackOptions.earlierSynth === undefined) return emptyStackRow(input, stack, cwd, env);
    // Deleting it removes its exports: one a deployed stack imports keeps it, as for `cdk destroy` (above).
    const held = importers ? exportImported(run.earlierInventory?.resources.get(key), importers) : undefined;
    if (held !== undefined) return { ...exportKeptRow(input, stack, EVENT_TEXT.exportInUse(held.name, 'deleted', held.by), identity.templateAsTyped, cwd, env), ...identity };
    // The stack exists (the earlier synth had it): `cdk deploy` deletes it ("stack has no resources, deleting
    // existing stack"), and that delete is what the hooks judge. Had it no resources there either, it never existed.
    io = memoryIo(cwd, { ...env });
    io.stderr(`simulate: ${stack.displayName}: stack has no resources, deleting existing stack (as cdk deploy does)\n`);
    // The account then holds the other stacks as deployed (the earlier synth's), as a preDelete count would see them.
    const earlierInventory = await earlierInventoryOf(run);
    const earlierOthers = othersHeld(earlierInventory, key, accountId);
    const earlierNotes = notesFor(earlierInventory, key, accountId);
    const deleting = { ...context, ...(earlierOthers.length > 0 ? { accountResources: earlierOthers } : {}), ...(earlierNotes.length > 0 ? { warnings: earlierNotes } : {}) };
    ({ code, report, failure } = await simulateOne(asDelete(stackOptions, deployed), io, deleting));
    if (hasNoResources(failure)) return emptyStackRow(input, stack, cwd, env);
  }
  // A stack deleted leaves the account; one a hook kept stays in it for the stacks deleted after it.
  if (inventory && report?.result.stack.finalStatus === 'DELETE_COMPLETE') inventory.resources.delete(key);
  // Updated (or created): from now on the account holds its new template; one a hook blocked, or the service rolled
  // back, keeps its earlier one.
  if (report && deployedImports && code === EXIT_OK) deployedImports.set(key, { stackName: stack.stackName, place, imports: new Set(report.imports) });
  if (report && options.operation !== 'delete') {
    // An export name is unique in its account and region: the service fails the later stack ("Export with name X is
    // already exported by stack Y") and rolls it back, so that stack's run is refused with the service's text.
    const clash = exportClash(report, exported);
    if (clash !== undefined) {
      const clashIo = memoryIo(cwd, { ...env });
      clashIo.stderr(`simulate: ${stack.displayName}: ${clash}\n`);
      return { ...stackRow(input, stack.stackName, EXIT_USAGE, clashIo, undefined, [runDiagnostic('SIM_CLOUD_ASSEMBLY', clash, identity.templateAsTyped)]), ...identity };
    }
  }
  // [choice] Later stacks see an earlier stack's exports even when a hook blocked it, so one run judges them all
  // (`cdk deploy` would stop at the first failure).
  if (report) for (const [name, value] of Object.entries(report.exports)) exported.set(name, { value, stack: stack.stackName });
  if (report) Object.assign(run.ssm, report.ssmWrites);
  if (report && report.result.stack.operation !== 'delete') run.stackOutputs[stackOutputsKey(report.stack.accountId, report.stack.region, stack.stackName)] = report.outputs;
  return { ...reportedRow(input, stack.stackName, code, io, report, failure), ...identity };
}

/**
 * The row of a stack the service keeps because a stack still deployed imports one of its exports (`why`): its delete
 * is refused before any resource is touched ("Export X cannot be deleted as it is in use by Y", aws/aws-cdk#604),
 * [unconfirmed: whether hooks run].
 */
function exportKeptRow(input: string, stack: AssemblyStack, why: string, templateAsTyped: string, cwd: string, env: Env): StackRow {
  const refusedIo = memoryIo(cwd, { ...env });
  refusedIo.stderr(`simulate: ${stack.displayName}: ${why} (the service keeps the stack; no hook is invoked)\n`);
  return stackRow(input, stack.stackName, EXIT_USAGE, refusedIo, { finalStatus: null, invocations: [] }, [runDiagnostic('SIM_REQUEST_REFUSED', why, templateAsTyped)]);
}

/** True when the run was refused only because the template declares no resources. */
function hasNoResources(failure: readonly { readonly code: string }[] | undefined): boolean {
  return failure !== undefined && failure.length > 0 && failure.every((d) => d.code === 'TPL_NO_RESOURCES');
}

/** The service's refusal of a stack exporting a name another stack of its place exports already, if it does. */
function exportClash(report: SimulationReport, exported: ReadonlyMap<string, Exported>): string | undefined {
  const clash = Object.keys(report.exports).find((name) => exported.has(name));
  return clash === undefined ? undefined : `Export with name ${clash} is already exported by stack ${exported.get(clash)?.stack ?? '?'}`;
}

/** The row of an assembly none of whose stacks the run chose: an error located at its manifest, which lists them. */
function noStackRow(unit: InputUnit, stacks: readonly AssemblyStack[], pattern: string | undefined, cwd: string, env: Env): StackRow {
  const io = memoryIo(cwd, { ...env });
  const why =
    pattern === undefined
      ? 'the cloud assembly has no stacks (no aws:cloudformation:stack artifact in its manifest.json)'
      : `no stack matches --stack ${pattern} (stacks: ${stacks.map((s) => s.stackName).join(', ') || 'none'})`;
  io.stderr(`simulate: ${unit.input}: ${why}\n`);
  const failure = [runDiagnostic('SIM_CLOUD_ASSEMBLY', why, join(unit.input, 'manifest.json'))];
  return { ...stackRow(unit.input, '-', EXIT_USAGE, io, undefined, failure), ...(pattern === undefined ? {} : { unmatched: true as const }) };
}

/** Every stack of an assembly as deployed, with the exports of each place (assemblyInventory). */
interface AssemblyInventory {
  /** By `heldKey`: account, region and stack name (one stack name in two regions is two stacks). */
  readonly resources: Map<string, HeldStack>;
  readonly exports: Map<string, Map<string, Exported>>;
  /** What the inventory could only guess or could not resolve, by the `heldKey` of the stack it is about. */
  readonly notes: Map<string, Diagnostic>;
}

/** A deployed stack's key in an inventory: its place (`account/region`) and its name, as the service tells stacks apart. */
function heldKey(place: string, stackName: string): string {
  return `${place}/${stackName}`;
}

/** The stacks of the earlier synth `--previous` names (none when it names no assembly that reads). */
function earlierStacks(options: SimulateOptions, cwd: string, assemblies: AssemblyReads): readonly AssemblyStack[] {
  if (options.previous === undefined) return [];
  try {
    return assemblies.stacksOf(isAbsolute(options.previous) ? options.previous : join(cwd, options.previous));
  } catch (error) {
    if (error instanceof AssemblyError) return [];
    throw error;
  }
}

/** The stacks chosen and every stack that depends on one of them, directly or not, in the assembly's order. */
function withDependants(chosen: readonly AssemblyStack[], stacks: readonly AssemblyStack[]): AssemblyStack[] {
  const ids = new Set(chosen.map((s) => s.artifactId));
  for (let grew = true; grew; ) {
    grew = false;
    for (const stack of stacks) {
      if (!ids.has(stack.artifactId) && (stack.dependencies ?? []).some((d) => ids.has(d))) {
        ids.add(stack.artifactId);
        grew = true;
      }
    }
  }
  return stacks.filter((s) => ids.has(s.artifactId));
}

/**
 * The resources of the stacks other than `key` in the same account, each in its region (what its preDelete counts
 * beside its own). The simulated account decides what a count sees, as for `--account`: ListBuckets lists the buckets
 * of every region (the hook's S3 client follows region redirects), ListQueues only the queues of its own region.
 */
function othersHeld(inventory: AssemblyInventory, key: string, accountId: string): HeldElsewhere[] {
  return [...inventory.resources].filter(([other, stack]) => other !== key && stack.accountId === accountId).map(([, stack]) => ({ region: stack.region, resources: stack.resources }));
}

/** What the inventory could not know of the other stacks of `key`'s account: a count there may be off. */
function notesFor(inventory: AssemblyInventory, key: string, accountId: string): Diagnostic[] {
  return [...inventory.notes].filter(([other]) => other !== key && other.startsWith(`${accountId}/`)).map(([, note]) => note);
}

/** The first export of the stack `key` that a stack still deployed in the same place imports, with that stack's name. */
function exportInUse(key: string, held: ReadonlyMap<string, HeldStack>): { name: string; by: string } | undefined {
  const mine = held.get(key);
  if (mine === undefined) return undefined;
  for (const [other, stack] of held) {
    if (other === key || stack.place !== mine.place) continue;
    const name = mine.exportNames.find((e) => stack.imports.has(e));
    if (name !== undefined) return { name, by: stack.stackName };
  }
  return undefined;
}

/**
 * The imports of the earlier synth's stacks as deployed, by `heldKey`: as resolved (the inventory's). A stack whose
 * template resolved only with placeholders, or not at all, adds its literal `Fn::ImportValue` names, and says so.
 */
function importsOf(inventory: AssemblyInventory, stacks: readonly AssemblyStack[], placeOf: (stack: AssemblyStack) => string): Map<string, DeployedImports> {
  const out = new Map<string, DeployedImports>();
  for (const stack of stacks) {
    const place = placeOf(stack);
    const key = heldKey(place, stack.stackName);
    const resolved = inventory.resources.get(key)?.imports;
    const note = inventory.notes.get(key);
    if (resolved !== undefined && note === undefined) {
      out.set(key, { stackName: stack.stackName, place, imports: resolved });
      continue;
    }
    const unresolved = resolved === undefined ? 'its template does not resolve here' : 'its template resolves here only with placeholders for its parameters';
    out.set(key, { stackName: stack.stackName, place, imports: new Set([...(resolved ?? []), ...literalImports(stack.templateFile)]), unresolved });
  }
  return out;
}

/** The earlier synth's stacks as deployed (assemblyInventory), once asked: what an update from it keeps or deletes. */
async function earlierInventoryOf(run: AssemblyRun): Promise<AssemblyInventory> {
  const { options, cwd, assemblies, unit, placeOf } = run;
  // `--previous-parameter(s-file)` values go to each stack's own run, which resolves its deployed side with them: given
  // to every stack here, they are refused by those that do not declare them, which are then not counted. Here each
  // stack resolves with its earlier synth's parameters (a value only the user gave is a placeholder, and an export it
  // shapes is reported unchecked, SIM_EXPORT_UNCHECKED).
  const deleting: { -readonly [K in keyof SimulateOptions]?: SimulateOptions[K] } = { ...asDelete(options, options.previous ?? ''), previousParameters: {} };
  delete deleting.previousParametersFile;
  // assemblyInventory resolves each stack from its own template: the template named above is none of them.
  return (run.earlierInventory ??= await assemblyInventory(earlierStacks(options, cwd, assemblies), deleting as SimulateOptions, cwd, unit.input, placeOf));
}

/** The first resolved export of the deployed stack `mine` that one of `importers` imports, with that stack's name. */
function exportImported(mine: HeldStack | undefined, importers: readonly StackImports[]): { name: string; by: string } | undefined {
  for (const stack of importers) {
    const name = mine?.exportNames.find((e) => stack.imports.has(e));
    if (name !== undefined) return { name, by: stack.stackName };
  }
  return undefined;
}

/** A deployed stack of an assembly being deleted: where it is, what it holds, what it exports and imports. */
interface HeldStack {
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  /** `${accountId}/${region}`: where its exports can be imported. */
  readonly place: string;
  readonly resources: readonly ResolvedResource[];
  readonly exportNames: readonly string[];
  /** The export names its template (and its nested stacks') imports by `Fn::ImportValue`, as resolved. */
  readonly imports: ReadonlySet<string>;
}

/**
 * The literal `Fn::ImportValue` names of a JSON template (a CDK stack's); none when it does not read. Only for a
 * stack whose template does not resolve here: a name built by a function is not among them.
 */
function literalImports(templateFile: string): Set<string> {
  const names = new Set<string>();
  let text: string;
  try {
    text = readBoundedText(templateFile, { what: 'a stack template' });
  } catch {
    return names;
  }
  for (const match of text.matchAll(/"Fn::ImportValue"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
    try {
      names.add(JSON.parse(match[1] ?? '""') as string);
    } catch {
      // Not a JSON string after all: a name this scan cannot read is not counted.
    }
  }
  return names;
}

/**
 * Every stack of an assembly as deployed, before a delete: its resources (nested stacks' included) by place and stack
 * name, and the exports of each place, found in dependency order as a create finds them. A deployed stack has the
 * parameter values it was deployed with, which the simulator does not know: a parameter given none here gets a
 * placeholder (as `--placeholder-parameters` gives it) [choice], said to the stacks whose counts include it. A stack
 * that still cannot be resolved holds nothing here; those counts say so too, and its own run says why.
 */
async function assemblyInventory(
  stacks: readonly AssemblyStack[],
  options: SimulateOptions,
  cwd: string,
  input: string,
  placeOf: (stack: AssemblyStack) => string,
): Promise<AssemblyInventory> {
  const resources = new Map<string, HeldStack>();
  const exports = new Map<string, Map<string, Exported>>();
  const notes = new Map<string, Diagnostic>();
  const ssm: Record<string, string> = {};
  for (const stack of stacks) {
    const place = placeOf(stack);
    const exported = exports.get(place) ?? new Map<string, Exported>();
    exports.set(place, exported);
    const stackOptions: SimulateOptions = { ...assemblyStackOptions(stack, options), template: stack.templateFile, inputs: [input], stackName: stack.stackName };
    const context = { exports: Object.fromEntries([...exported].map(([name, e]) => [name, e.value])), ssmParameters: { ...ssm, ...stack.ssmParameters } };
    const key = heldKey(place, stack.stackName);
    let held;
    try {
      held = await deployedInventory(stackOptions, cwd, context);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      try {
        held = await deployedInventory({ ...stackOptions, placeholderParameters: true }, cwd, context);
        notes.set(key, inventoryNote(stack, 'info', `stack ${stack.stackName} (${place}) is counted with placeholders for the parameters given no value here (it keeps the values it was deployed with): its buckets and queues are counted as placeholders give them; --parameter ${stack.stackName}:Name=<value> gives the deployed ones`));
      } catch (again) {
        if (!(again instanceof InputError)) throw again;
        const why = again.diagnostics[0];
        notes.set(key, inventoryNote(stack, 'warning', `stack ${stack.stackName} (${place}) is not counted, as its template does not resolve${why ? ` (${why.message})` : ''}: a preDelete count of the account may miss its buckets and queues`, why));
        continue;
      }
    }
    if (held === undefined) continue;
    const { accountId, region } = stackPlacement(stack, options);
    resources.set(key, { stackName: stack.stackName, accountId, region, place, resources: held.resources, exportNames: Object.keys(held.exports), imports: held.imports });
    for (const [name, value] of Object.entries(held.exports)) if (!exported.has(name)) exported.set(name, { value, stack: stack.stackName });
  }
  return { resources, exports, notes };
}

/** A finding of the inventory about one stack, at the place in its template that says why (its template when none does). */
function inventoryNote(stack: AssemblyStack, severity: 'info' | 'warning', message: string, at?: Diagnostic): Diagnostic {
  const where = at?.file ? { file: at.file, path: at.path, line: at.line, column: at.column } : { file: stack.templateFile, path: '', line: 0, column: 0 };
  return { code: 'SIM_CLOUD_ASSEMBLY', severity, message, ...where };
}

/** The options that delete the deployed stack whose template is `deployed`: no earlier synth, no change set. */
function asDelete(options: SimulateOptions, deployed: string): SimulateOptions {
  const copy: { -readonly [K in keyof SimulateOptions]?: SimulateOptions[K] } = { ...options, operation: 'delete', template: deployed };
  delete copy.previous;
  delete copy.earlierSynth;
  delete copy.changeSet;
  return copy as SimulateOptions;
}

/**
 * A stack of the assembly whose template declares no resources (integ-runner's assertion stacks, a stack of lookups or
 * outputs only): `cdk deploy` never sends it to CloudFormation ("stack has no resources, skipping deployment",
 * aws-cdk-cli's CDK_TOOLKIT_W5021), so it is skipped with that notice, not refused. A template named on its own is
 * still refused with the service's text.
 */
function emptyStackRow(input: string, stack: AssemblyStack, cwd: string, env: Env): StackRow {
  const io = memoryIo(cwd, { ...env });
  const skipped = 'stack has no resources, skipping deployment (as cdk deploy does: the service never gets its template)';
  io.stderr(`simulate: ${stack.displayName}: ${skipped}\n`);
  return { ...stackRow(input, stack.stackName, 0, io, { finalStatus: 'SKIPPED', invocations: [] }), skipped };
}

