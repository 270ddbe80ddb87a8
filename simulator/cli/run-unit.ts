/**
 * One unit of a many-templates run (a template, or a cloud assembly's stacks), simulated inside the calling thread:
 * the main thread's share of the run, or a worker's job (worker-pool.ts).
 */
import { dirname, isAbsolute, join, relative } from 'node:path';
import { EXIT_OK, EXIT_USAGE, memoryIo } from '../../src/kernel/cli';
import type { Diagnostic } from '../../src/kernel/diagnostics';
import { matchesWildcard } from '../../src/kernel/hook-config/wildcard';
import { readBoundedText } from '../../src/kernel/source';
import { AssemblyError, type AssemblyReads, type AssemblyStack } from '../cloudformation/assembly';
import { assemblyStackOptions, stackPlacement, withPreviousSynth } from './assembly-stack';
import { describeParameters } from './collaborators';
import type { InputUnit } from './inputs';
import { stackNameFromFile, type SimulateOptions } from './options';
import { allInvocations } from './render';
import { deployedInventory, type SimulationReport } from './run-simulation';
import type { ResolvedResource } from '../cloudformation/template/types';
import { failureDiagnostics, reportFailure, runDiagnostic, simulateOne } from './simulate-one';

/** One stack's run within a many-templates run: what it printed and how it ended. */
export interface StackRow {
  readonly input: string;
  readonly stackName: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Why the run could not judge its input, as data (`failureDiagnostics`: plain objects, so it crosses a worker):
   * the run's CI report part and JSON `errors` are built from it, never from what it printed.
   */
  readonly failure?: readonly Diagnostic[];
  readonly finalStatus?: string;
  readonly invocations: number;
  readonly failedInvocations: number;
  /** The parameters the stack's template declares (known when it was read), for `--parameter` names nobody declares. */
  readonly declaredParameters?: readonly string[];
  /** A cloud assembly's stack: the names a `STACK:Key` value may give it (stack name, artifact id, construct path). */
  readonly stackNames?: readonly string[];
  /** A cloud assembly's stack: its template as typed, which names its CI report part whether it ran or was refused. */
  readonly templateAsTyped?: string;
  /** A cloud assembly none of whose stacks `--stack` names: an error only when no assembly of the run has one. */
  readonly unmatched?: true;
  /** Why the stack was not simulated although its run succeeded (a cloud assembly's stack without resources). */
  readonly skipped?: string;
}

/** The rows of one unit (a template gives one, an assembly one per stack). */
export type UnitResult = StackRow[];

/**
 * Simulates one unit inside this thread (a worker's job, or the main thread's share); never rejects: a failure that
 * escapes the unit's own reporting is that unit's bug (exit 3), and the run goes on (its output may be streaming).
 * `assemblies`: the cloud assemblies this thread has read in this run, one for all its units.
 */
export async function runUnit(unit: InputUnit, options: SimulateOptions, env: Readonly<Record<string, string | undefined>>, assemblies: AssemblyReads): Promise<UnitResult> {
  try {
    return await runUnitOrThrow(unit, options, env, assemblies);
  } catch (error) {
    return failedUnit(unit.input, error, env);
  }
}

/** The result of a unit that failed outside its own reporting: what the command prints for that error (a bug, exit 3). */
export function failedUnit(input: string, error: unknown, env: Readonly<Record<string, string | undefined>>): UnitResult {
  const cwd = env.INIT_CWD ?? process.cwd();
  const io = memoryIo(cwd, { ...env });
  return [row(input, '-', reportFailure(error, io), io, undefined, failureDiagnostics(error, cwd, []))];
}

async function runUnitOrThrow(unit: InputUnit, options: SimulateOptions, env: Readonly<Record<string, string | undefined>>, assemblies: AssemblyReads): Promise<UnitResult> {
  if (unit.kind === 'template') {
    const io = memoryIo(env.INIT_CWD ?? process.cwd(), { ...env });
    const { code, report, failure } = await simulateOne({ ...options, ...ciPartsOf(options), template: unit.path, inputs: [unit.input], ...(unit.found ? { templateFoundOnDisk: true as const } : {}) }, io, undefined, assemblies);
    // A template refused before its run began still has the stack name the run would have given it (not a "-" in JSON).
    return [row(unit.input, report?.stack.name ?? stackNameFromFile(unit.path), code, io, report ? { finalStatus: summaryStatus(report.result, code), invocations: allInvocations(report.result), declaredParameters: declaredParametersOf(report) } : undefined, failure)];
  }
  return runAssembly(unit, options, env, assemblies);
}

/** The stacks of an assembly `--stack <pattern>` selects (by stack name, artifact id or construct path); all without one. */
export function chosenStacks<T extends Pick<AssemblyStack, 'stackName' | 'artifactId' | 'displayName'>>(stacks: readonly T[], pattern: string | undefined): readonly T[] {
  return pattern === undefined ? stacks : stacks.filter((s) => matchesWildcard(pattern, s.stackName) || matchesWildcard(pattern, s.artifactId) || matchesWildcard(pattern, s.displayName));
}

/** A cloud assembly's stacks, in dependency order, each seeing the exports of those before it. */
async function runAssembly(unit: InputUnit, options: SimulateOptions, env: Readonly<Record<string, string | undefined>>, assemblies: AssemblyReads): Promise<UnitResult> {
  const cwd = env.INIT_CWD ?? process.cwd();
  let stacks;
  try {
    stacks = assemblies.stacksOf(unit.path);
  } catch (error) {
    const io = memoryIo(cwd, { ...env });
    if (!(error instanceof AssemblyError)) throw error;
    const typed = isAbsolute(unit.input) ? [] : [dirname(unit.path)];
    const code = reportFailure(error, io, typed);
    return [row(unit.input, '-', code, io, undefined, failureDiagnostics(error, cwd, typed))];
  }
  const pattern = options.stackPattern;
  // `cdk destroy X` deletes X's dependants too, first (without --exclusively): a delete takes them with the chosen.
  const chosen = options.operation === 'delete' && pattern !== undefined ? withDependants(chosenStacks(stacks, pattern), stacks) : chosenStacks(stacks, pattern);
  // Exports by account and region: an export is importable only in its own region ("You can use Fn::ImportValue to
  // import only values that have been exported within the same Region"), and an assembly's stages span several.
  // Each export's value and the stack that made it, by place: a second stack exporting a name fails.
  const exportsByPlace = new Map<string, Map<string, { value: string; stack: string }>>();
  const placeOf = (stack: AssemblyStack): string => {
    const { accountId, region } = stackPlacement(stack, options);
    return `${accountId}/${region}`;
  };
  // SSM parameters an earlier stack writes (a cross-region reference's, a shared parameter's): under the bootstrap's.
  const assemblySsm: Record<string, string> = {};
  const rows: StackRow[] = [];
  // A delete removes the stacks as `cdk destroy` does, dependants first; each is deleted from an account that still
  // holds every stack of the assembly not yet deleted, with their exports.
  const deleting = options.operation === 'delete';
  const inventory = deleting ? await assemblyInventory(stacks, options, cwd, unit.input, placeOf) : undefined;
  if (inventory) for (const [place, names] of inventory.exports) exportsByPlace.set(place, names);
  // An update from an earlier synth that deletes a stack (now without resources): the earlier synth's stacks, once asked.
  let earlierInventory: Awaited<ReturnType<typeof assemblyInventory>> | undefined;
  for (const stack of deleting ? [...chosen].reverse() : chosen) {
    const place = placeOf(stack);
    const exported = exportsByPlace.get(place) ?? new Map<string, { value: string; stack: string }>();
    exportsByPlace.set(place, exported);
    // A stack whose export another stack still deployed imports is not deleted: the service keeps it ("Export X cannot
    // be deleted as it is in use by Y", aws/aws-cdk#604), before any resource is touched [unconfirmed: whether hooks run].
    const inUse = inventory ? exportInUse(stack.stackName, place, inventory.resources) : undefined;
    if (inUse !== undefined) {
      const why = `Export ${inUse.name} cannot be deleted as it is in use by ${inUse.by}`;
      const refusedIo = memoryIo(cwd, { ...env });
      refusedIo.stderr(`simulate: ${stack.displayName}: ${why} (the service keeps the stack; no hook is invoked)\n`);
      const templateAsTyped = join(unit.input, relative(unit.path, stack.templateFile));
      rows.push({ ...row(`${unit.input} ${stack.artifactId}`, stack.stackName, EXIT_USAGE, refusedIo, { finalStatus: null, invocations: [] }, [runDiagnostic('SIM_REQUEST_REFUSED', why, templateAsTyped)]), stackNames: [stack.stackName, stack.artifactId, stack.displayName], templateAsTyped });
      continue;
    }
    let io = memoryIo(cwd, { ...env });
    const stackOptions = { ...withPreviousSynth(stack, assemblyStackOptions(stack, options), cwd, assemblies), ...ciPartsOf(options), templateFoundOnDisk: true as const, inputs: [unit.input], stackName: stack.stackName };
    const others = inventory ? othersHeld(inventory.resources, stack.stackName, place) : [];
    const context = { exports: Object.fromEntries([...exported].map(([name, e]) => [name, e.value])), ssmParameters: { ...assemblySsm, ...stack.ssmParameters }, ...(others.length > 0 ? { accountResources: others } : {}) };
    let { code, report, failure } = await simulateOne({ ...stackOptions, template: stack.templateFile }, io, context);
    if (failure !== undefined && failure.length > 0 && failure.every((d) => d.code === 'TPL_NO_RESOURCES')) {
      const deployed = stackOptions.previous;
      if (deployed === undefined || stackOptions.earlierSynth === undefined) {
        rows.push(emptyStackRow(`${unit.input} ${stack.artifactId}`, stack, cwd, env));
        continue;
      }
      // The stack exists (the earlier synth had it): `cdk deploy` deletes it ("stack has no resources, deleting
      // existing stack"), and that delete is what the hooks judge. Had it no resources there either, it never existed.
      const deleteIo = memoryIo(cwd, { ...env });
      deleteIo.stderr(`simulate: ${stack.displayName}: stack has no resources, deleting existing stack (as cdk deploy does)\n`);
      // The account then holds the other stacks as deployed (the earlier synth's), as a preDelete count would see them.
      earlierInventory ??= await assemblyInventory(earlierStacks(options, cwd, assemblies), asDelete(options, deployed), cwd, unit.input, placeOf);
      const others = othersHeld(earlierInventory.resources, stack.stackName, place);
      const deleted = await simulateOne(asDelete(stackOptions, deployed), deleteIo, { ...context, ...(others.length > 0 ? { accountResources: others } : {}) });
      if (deleted.failure !== undefined && deleted.failure.length > 0 && deleted.failure.every((d) => d.code === 'TPL_NO_RESOURCES')) {
        rows.push(emptyStackRow(`${unit.input} ${stack.artifactId}`, stack, cwd, env));
        continue;
      }
      ({ code, report, failure } = deleted);
      io = deleteIo;
    }
    // A stack deleted leaves the account; one a hook kept stays in it for the stacks deleted after it.
    if (inventory && report?.result.stack.finalStatus === 'DELETE_COMPLETE') inventory.resources.delete(stack.stackName);
    // [choice] Later stacks see an earlier stack's exports even when a hook blocked it, so one run judges them all
    // (`cdk deploy` would stop at the first failure).
    // An export name is unique in its account and region: the service fails the later stack ("Export with name X is
    // already exported by stack Y") and rolls it back, so that stack's run is refused with the service's text.
    const clash = report && !deleting ? Object.keys(report.exports).find((name) => exported.has(name)) : undefined;
    const identity = { stackNames: [stack.stackName, stack.artifactId, stack.displayName], templateAsTyped: join(unit.input, relative(unit.path, stack.templateFile)) };
    if (clash !== undefined) {
      const why = `Export with name ${clash} is already exported by stack ${exported.get(clash)?.stack ?? '?'}`;
      const clashIo = memoryIo(cwd, { ...env });
      clashIo.stderr(`simulate: ${stack.displayName}: ${why}\n`);
      rows.push({ ...row(`${unit.input} ${stack.artifactId}`, stack.stackName, EXIT_USAGE, clashIo, undefined, [runDiagnostic('SIM_CLOUD_ASSEMBLY', why, identity.templateAsTyped)]), ...identity });
      continue;
    }
    if (report) for (const [name, value] of Object.entries(report.exports)) exported.set(name, { value, stack: stack.stackName });
    if (report) Object.assign(assemblySsm, report.ssmWrites);
    const named = row(`${unit.input} ${stack.artifactId}`, stack.stackName, code, io, report ? { finalStatus: summaryStatus(report.result, code), invocations: allInvocations(report.result), declaredParameters: declaredParametersOf(report) } : undefined, failure);
    rows.push({ ...named, ...identity });
  }
  if (chosen.length === 0) {
    const io = memoryIo(cwd, { ...env });
    const why =
      pattern === undefined
        ? 'the cloud assembly has no stacks (no aws:cloudformation:stack artifact in its manifest.json)'
        : `no stack matches --stack ${pattern} (stacks: ${stacks.map((s) => s.stackName).join(', ') || 'none'})`;
    io.stderr(`simulate: ${unit.input}: ${why}\n`);
    // Located at the manifest, which lists the assembly's stacks.
    const failure = [runDiagnostic('SIM_CLOUD_ASSEMBLY', why, join(unit.input, 'manifest.json'))];
    rows.push({ ...row(unit.input, '-', EXIT_USAGE, io, undefined, failure), ...(pattern === undefined ? {} : { unmatched: true as const }) });
  }
  return rows;
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

/** The resources of the stacks other than `stackName` held in the same place (what its preDelete counts beside its own). */
function othersHeld(held: ReadonlyMap<string, HeldStack>, stackName: string, place: string): ResolvedResource[] {
  return [...held].filter(([name, stack]) => name !== stackName && stack.place === place).flatMap(([, stack]) => stack.resources);
}

/** The first export of `stackName` that a stack still deployed in the same place imports, with that stack's name. */
function exportInUse(stackName: string, place: string, held: ReadonlyMap<string, HeldStack>): { name: string; by: string } | undefined {
  const mine = held.get(stackName);
  if (mine === undefined) return undefined;
  for (const [other, stack] of held) {
    if (other === stackName || stack.place !== place) continue;
    const name = mine.exportNames.find((e) => stack.imports.has(e));
    if (name !== undefined) return { name, by: other };
  }
  return undefined;
}

/** A deployed stack of an assembly being deleted: where it is, what it holds, what it exports and imports. */
interface HeldStack {
  readonly place: string;
  readonly resources: readonly ResolvedResource[];
  readonly exportNames: readonly string[];
  /** The export names its template imports by a literal `Fn::ImportValue` (how CDK writes cross-stack references). */
  readonly imports: ReadonlySet<string>;
}

/** The literal `Fn::ImportValue` names of a JSON template (a CDK stack's); none when it does not read. */
function literalImports(templateFile: string): Set<string> {
  const names = new Set<string>();
  let text: string;
  try {
    text = readBoundedText(templateFile, { what: 'a stack template', regularFileOnly: true });
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
 * Every stack of an assembly as deployed, before a delete: its resources (nested stacks' included) by stack name and
 * place, and the exports of each place, found in dependency order as a create finds them. A stack that cannot be
 * resolved holds nothing here: its own run says why.
 */
async function assemblyInventory(
  stacks: readonly AssemblyStack[],
  options: SimulateOptions,
  cwd: string,
  input: string,
  placeOf: (stack: AssemblyStack) => string,
): Promise<{ resources: Map<string, HeldStack>; exports: Map<string, Map<string, { value: string; stack: string }>> }> {
  const resources = new Map<string, HeldStack>();
  const exports = new Map<string, Map<string, { value: string; stack: string }>>();
  const ssm: Record<string, string> = {};
  for (const stack of stacks) {
    const place = placeOf(stack);
    const exported = exports.get(place) ?? new Map<string, { value: string; stack: string }>();
    exports.set(place, exported);
    const stackOptions: SimulateOptions = { ...assemblyStackOptions(stack, options), template: stack.templateFile, templateFoundOnDisk: true, inputs: [input], stackName: stack.stackName };
    let held;
    try {
      held = await deployedInventory(stackOptions, cwd, { exports: Object.fromEntries([...exported].map(([name, e]) => [name, e.value])), ssmParameters: { ...ssm, ...stack.ssmParameters } });
    } catch {
      continue;
    }
    if (held === undefined) continue;
    resources.set(stack.stackName, { place, resources: held.resources, exportNames: Object.keys(held.exports), imports: literalImports(stack.templateFile) });
    for (const [name, value] of Object.entries(held.exports)) if (!exported.has(name)) exported.set(name, { value, stack: stack.stackName });
  }
  return { resources, exports };
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
function emptyStackRow(input: string, stack: AssemblyStack, cwd: string, env: Readonly<Record<string, string | undefined>>): StackRow {
  const io = memoryIo(cwd, { ...env });
  const skipped = 'stack has no resources, skipping deployment (as cdk deploy does: the service never gets its template)';
  io.stderr(`simulate: ${stack.displayName}: ${skipped}\n`);
  return { ...row(input, stack.stackName, 0, io, { finalStatus: 'SKIPPED', invocations: [] }), skipped };
}

/**
 * What the summary's RESULT says of a stack: its final status; a change set that was not executed, by its own status;
 * a request refused for changing nothing that the run let pass (an earlier synth's unchanged stack), NO CHANGES.
 */
function summaryStatus(result: SimulationReport['result'], code: number): string | null {
  const { finalStatus, outcome } = result.stack;
  if (finalStatus !== null) return finalStatus;
  if (outcome === 'REJECTED' && code === EXIT_OK) return 'NO CHANGES';
  if (result.changeSet && outcome !== 'REJECTED') return `CHANGE SET ${result.changeSet.status}`;
  return null;
}

function row(
  input: string,
  stackName: string,
  code: number,
  io: { out: string[]; err: string[] },
  result?: { finalStatus: string | null; invocations: readonly { hookStatus: string }[]; declaredParameters?: readonly string[] },
  failure?: readonly Diagnostic[],
): StackRow {
  return {
    input,
    stackName,
    code,
    stdout: io.out.join(''),
    stderr: io.err.join(''),
    ...(failure ? { failure } : {}),
    // A rejected request (an update with nothing to change) has no final status: the stack keeps its own.
    ...(result ? { finalStatus: result.finalStatus ?? 'REJECTED' } : {}),
    invocations: result?.invocations.length ?? 0,
    failedInvocations: result?.invocations.filter((i) => i.hookStatus === 'FAILED').length ?? 0,
    ...(result?.declaredParameters ? { declaredParameters: result.declaredParameters } : {}),
  };
}

/** The parameter names a report's template declares, in template order (the resolver's one reading of them). */
function declaredParametersOf(report: SimulationReport): string[] {
  return report.template ? describeParameters(report.template).map((p) => p.name) : [];
}

/** SARIF and JUnit are one document for the whole run: each unit prints its contribution as JSON, gathered here. */
export function ciPartsOf(options: SimulateOptions): { ciParts?: true } {
  return options.format === 'sarif' || options.format === 'junit' ? { ciParts: true } : {};
}
