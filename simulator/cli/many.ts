/**
 * Many templates in one run: files, directories, globs and CDK cloud assemblies, simulated in parallel on worker
 * threads, printed in input order (whatever order the workers finish in), then one summary table and one exit
 * code — the worst of all: 3 if any run hit a bug, else 2 > 1 > 0.
 */
import { relative } from 'node:path';
import type * as Os from 'node:os';
import { EXIT_BUG, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from '../../src/kernel/cli';
import { AssemblyReads } from '../cloudformation/assembly';
import { combinedJunit, combinedSarif, failedRunPart, runErrorsPart, type CiParts } from './ci-report';
import { displayName, type Diagnostic } from '../../src/kernel/diagnostics';
import { InputReads } from './input-reads';
import { expandInputs, InputWalkError, shardOf, type InputUnit } from './inputs';
import { withoutNestedChildren, type NestedInput } from './nested-inputs';
import { assemblyOptionRefusal, previousIsSynth, stackScopedParameter } from './assembly-stack';
import { chosenStacks } from './run-assembly';
import { runUnit } from './run-unit';
import type { StackRow, UnitResult } from './unit-result';
import { failureDocument, runDiagnostic, workingDirectory } from './simulate-one';
import type { SimulateOptions } from './options';
import { runUnitsOnWorkers, workersAvailable, type ThreadPolicy } from './worker-pool';

/** Runs a many-templates simulation and prints it; returns the worst exit code. */
export async function runMany(options: SimulateOptions, io: CliIo): Promise<number> {
  const cwd = workingDirectory(io);
  // One read of each file before the run, as far as the run reads it: the walk and the search for nested children share it.
  const reads = new InputReads(cwd, { limits: options.limits, templateMap: options.templateMap });
  let expanded;
  try {
    expanded = expandInputs(options.inputs, cwd, reads, options.skipNonTemplates);
  } catch (error) {
    if (!(error instanceof InputWalkError)) throw error;
    return refuseInputs(`${relative(cwd, error.where) || '.'}: ${error.why}`, options, io);
  }
  for (const note of expanded.notes) io.stderr(`simulate: ${note}\n`);
  if (expanded.units.length === 0 && !options.skipNonTemplates) {
    const skipped = expanded.skipped.length > 0 ? ` (${expanded.skipped.length} file${expanded.skipped.length === 1 ? '' : 's'} skipped: no Resources)` : '';
    return refuseInputs(`no template found in ${options.inputs.join(' ')}${skipped}`, options, io);
  }
  // Before sharding, so that a child is folded into its parent whichever shard each would have fallen in.
  const { units: whole, nested } = withoutNestedChildren(expanded.units, reads);
  const units = shardOf(whole, options.shard);
  // This thread's units share one read of each cloud assembly (a worker has its own, for its units).
  const assemblies = new AssemblyReads();
  const oneStack = oneStackOption(options, previousIsSynth(options, cwd));
  if (oneStack !== undefined) {
    // Given to every stack, the one deployed template or name would judge each stack against another's. Counted
    // before sharding: each shard would compare another stack with the same deployed template.
    const count = stackCount(whole, options.stackPattern, assemblies);
    if (count > 1) return refuseInputs(`${oneStack} is for one stack, and ${options.inputs.join(' ')} hold${options.inputs.length === 1 ? 's' : ''} ${count}: name one template, or one stack of a cloud assembly with --stack <name>`, options, io);
  }
  // Before sharding, as the count above: a shard without the run's assembly still runs under --stack (it selects none).
  const refusal = assemblyOptionRefusal(options, whole.some((unit) => unit.kind === 'assembly'), () => whole.some((unit) => isStackTemplate(unit.path, assemblies)));
  if (refusal !== undefined) return refuseInputs(refusal, options, io);
  if (options.stackName !== undefined && units.some((unit) => unit.kind === 'assembly')) {
    return refuseInputs('--stack-name names one stack; a cloud assembly\'s stacks keep the names its manifest.json gives them', options, io);
  }
  const progress = progressLine(options, io, units.length);
  // Required when asked, not imported: a run of one template (or a few, which starts no worker) never asks, and
  // node:os would load at every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cores = (): number => Math.max(1, Math.min((require('node:os') as typeof Os).availableParallelism(), units.length));
  const env = { ...io.env, INIT_CWD: cwd };
  const each: SimulateOptions = { ...options, onlyDeclaredParameters: true, partOfMany: true };
  // Each shard names its own slice of the skipped files too: a CI summing its shards' summaries counts each once.
  const skipped = shardOf(expanded.skipped, options.shard);
  const printer = rowPrinter(options, io, skipped, progress);
  let done = 0;
  const deliver = inUnitOrder((result: UnitResult, index: number) => {
    printer.unit(result, units[index]?.kind === 'assembly');
    done += 1;
    progress.update(done);
  });
  // Without a bundle a worker could load (TypeScript under a test runner), this thread runs every unit.
  const threads: ThreadPolicy = !workersAvailable()
    ? { start: 'exact', jobs: 1 }
    : options.jobs === undefined
      ? { start: 'adaptive', jobs: cores }
      : { start: 'exact', jobs: Math.max(1, Math.min(options.jobs, units.length)) };
  await runUnitsOnWorkers(units, each, env, threads, deliver, (unit) => runUnit(unit, each, env, assemblies));
  const rows = printer.flush();
  progress.pause();
  // A `--parameter` no template of the run declares is a typo, or meant for templates this run does not have.
  // Known only when every template was read (one that failed may be the one declaring it).
  const everyRead = rows.length > 0 && rows.every((r) => r.declaredParameters !== undefined);
  // A CDK `STACK:Key` value is for one stack's `Key` (assembly-stack.ts): declared when that stack of an assembly
  // declares `Key` (a plain template never takes one).
  const declares = (r: StackRow, name: string): boolean => {
    const scoped = stackScopedParameter(name);
    if (scoped === undefined) return r.declaredParameters?.includes(name) === true;
    return r.stackNames?.includes(scoped.stack) === true && r.declaredParameters?.includes(scoped.key) === true;
  };
  const undeclared = everyRead ? Object.keys(options.parameters).filter((name) => !rows.some((r) => declares(r, name))) : [];
  const runErrors = undeclared.map((name) => {
    const scoped = stackScopedParameter(name);
    const why = scoped ? `no stack of a cloud assembly in this run is named ${scoped.stack} and declares ${scoped.key}` : 'no template of this run declares it';
    return runDiagnostic('SIM_PARAMETER_UNDECLARED', `--parameter ${name}: ${why}`);
  });
  for (const d of runErrors) io.stderr(`simulate: ${d.message}\n`);
  const exit = worstCode([...rows.map((r) => r.code), ...(runErrors.length > 0 ? [EXIT_USAGE] : [])]);
  printer.end({ units: units.length, skipped, nested, shard: options.shard, exit }, runErrors);
  return exit;
}

/**
 * Inputs the run cannot start from (a folder it cannot walk, nothing to simulate): said on stderr, and in a machine
 * format as the document of a run that could not judge its input (one USAGE diagnostic), so a CI step that reads
 * the report gets why instead of an empty file.
 */
function refuseInputs(message: string, options: SimulateOptions, io: CliIo): number {
  io.stderr(`simulate: ${message}\n`);
  const document = failureDocument(options.format, options.inputs.join(' '), [runDiagnostic('USAGE', message)], false, workingDirectory(io));
  if (document !== '') io.stdout(document);
  return EXIT_USAGE;
}

/**
 * Hands units' results on in unit order, each as soon as it and every unit before it are done (workers finish in
 * any order): the output streams, and only results waiting for an earlier unit are held.
 */
function inUnitOrder(deliver: (result: UnitResult, index: number) => void): (index: number, result: UnitResult) => void {
  const waiting = new Map<number, UnitResult>();
  let next = 0;
  return (index, result) => {
    waiting.set(index, result);
    for (let ready = waiting.get(next); ready !== undefined; ready = waiting.get(next)) {
      waiting.delete(next);
      deliver(ready, next);
      next += 1;
    }
  };
}

/** The worst exit code: a bug (3) first, then 2 > 1 > 0. */
export function worstCode(codes: readonly number[]): number {
  if (codes.includes(EXIT_BUG)) return EXIT_BUG;
  if (codes.includes(EXIT_USAGE)) return EXIT_USAGE;
  if (codes.includes(EXIT_CHECK_FAILED)) return EXIT_CHECK_FAILED;
  return EXIT_OK;
}

/** What the run was, for the summary. */
interface RunAbout {
  readonly units: number;
  readonly skipped: readonly string[];
  readonly nested: readonly NestedInput[];
  readonly shard?: { index: number; count: number };
  readonly exit: number;
}

/**
 * Prints a many-templates run as its rows arrive (in unit order): text and JSON stream each stack's output, SARIF
 * and JUnit keep only each stack's findings for the one document they print at the end. A 10,000-template run once
 * held every output until the end, and its JSON document outgrew the longest string V8 can make (~512 MiB).
 *
 * [choice] `--stack` picks stacks across the run: an assembly without a matching stack (one app of a monorepo) is
 * left out, as long as some assembly of the run has one; when none has, each says what its stacks are. Until an
 * assembly with a matching stack is seen, rows from the first unmatched assembly on are held, so that the output is
 * the same as if the whole run had been known first.
 */
function rowPrinter(options: SimulateOptions, io: CliIo, skipped: readonly string[], progress: ProgressLine) {
  const printed: StackRow[] = [];
  const parts: CiParts[] = [];
  const json = options.format === 'json';
  const ci = options.format === 'sarif' || options.format === 'junit';
  let held: StackRow[] = [];
  let anyMatched = false;
  const print = (r: StackRow): void => {
    progress.pause();
    // Every format says on stderr why a unit failed (JSON's document carries it too), so a CI log shows why a job is red.
    io.stderr(r.stderr);
    if (ci) {
      // A run that could not judge its input is in the report from its diagnostics: a failed JUnit case, SARIF
      // notifications (and results where located).
      // A refused stack of an assembly is named by its template, as the stacks that ran are.
      if (r.failure) parts.push(failedRunPart(r.templateAsTyped ?? r.input, r.failure, r.code === EXIT_BUG));
      else if (r.stdout !== '') parts.push(JSON.parse(r.stdout) as CiParts);
    } else if (json) {
      io.stdout(`${printed.length === 0 ? '{\n  "runs": [\n' : ',\n'}${jsonRunEntry(r)}`);
    } else if (r.stdout !== '') {
      io.stdout(`${r.stdout}\n`);
    }
    // Kept for the summary without its output and diagnostics, so that a run of any size fits in memory.
    printed.push(withoutOutput(r));
  };
  return {
    /** One unit's rows, in unit order. */
    unit(rows: UnitResult, fromAssembly: boolean): void {
      if (!anyMatched && fromAssembly && rows.some((r) => r.unmatched !== true)) {
        anyMatched = true;
        for (const r of held) if (r.unmatched !== true) print(r);
        held = [];
      }
      for (const r of rows) {
        if (anyMatched && r.unmatched === true) continue;
        if (held.length > 0 || r.unmatched === true) held.push(r);
        else print(r);
      }
    },
    /** Prints what is still held (no assembly matched `--stack`: each unmatched one says so); the rows printed. */
    flush(): readonly StackRow[] {
      for (const r of held) print(r);
      held = [];
      return printed;
    },
    /**
     * The end of the output: the SARIF or JUnit document, the rest of the JSON document, or the summary table; with
     * the errors of the run as a whole in the machine formats (stderr has said them).
     */
    end(about: RunAbout, runErrors: readonly Diagnostic[]): void {
      if (ci) {
        const all = runErrors.length > 0 ? [...parts, runErrorsPart(runErrors)] : parts;
        io.stdout(options.format === 'sarif' ? combinedSarif(all, workingDirectory(io)) : combinedJunit(all, workingDirectory(io)));
        return;
      }
      if (json) {
        io.stdout(`${printed.length === 0 ? '{\n  "runs": []' : '\n  ]'}${jsonRunsEnd(skipped, summaryOf(printed, about), runErrors)}`);
        return;
      }
      io.stdout(summaryText(printed, options, about));
    },
  };
}

/** A row as the summary needs it: what it printed and why it failed left out. */
function withoutOutput(r: StackRow): StackRow {
  const summary: { -readonly [K in keyof StackRow]: StackRow[K] } = { ...r, stdout: '', stderr: '' };
  delete summary.failure;
  return summary;
}

function summaryOf(rows: readonly StackRow[], about: RunAbout): Record<string, unknown> {
  return {
    inputs: about.units,
    stacks: rows.length,
    skipped: about.skipped.length,
    ...(about.nested.length > 0 ? { nestedInParents: about.nested } : {}),
    ...(about.shard ? { shard: `${about.shard.index}/${about.shard.count}` } : {}),
    exit: about.exit,
  };
}

/** How many skipped files the text summary names; the rest are counted (JSON's `skipped` lists them all). */
const SKIPPED_NAMED = 5;

/**
 * The skipped files by name, so that a template dropped by mistake is seen in the one line a pre-commit hook shows,
 * not hidden in a count: the first few, then how many more.
 */
function skippedNames(skipped: readonly string[]): string {
  const named = skipped.slice(0, SKIPPED_NAMED).map(displayName).join(', ');
  return skipped.length > SKIPPED_NAMED ? `${named} and ${skipped.length - SKIPPED_NAMED} more` : named;
}

function summaryText(rows: readonly StackRow[], options: SimulateOptions, about: RunAbout): string {
  const table = [['INPUT', 'STACK', 'RESULT', 'HOOK CALLS', 'FAILED', 'EXIT'], ...rows.map((r) => [displayName(r.input), displayName(r.stackName), r.finalStatus ?? (r.code === EXIT_BUG ? 'BUG' : 'INPUT ERROR'), String(r.invocations), String(r.failedInvocations), String(r.code)])];
  const widths = [0, 0, 0, 0, 0, 0];
  for (const line of table) for (let c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c] ?? 0, (line[c] ?? '').length);
  const lines = table.map((line) => line.map((cell, c) => (c === line.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  '));
  const skipped = about.skipped.length > 0 ? `, ${about.skipped.length} file${about.skipped.length === 1 ? '' : 's'} skipped (no Resources: not a template: ${skippedNames(about.skipped)})` : '';
  const shard = about.shard ? `, shard ${about.shard.index}/${about.shard.count}` : '';
  const one = about.nested.length === 1;
  const nested = about.nested.length > 0 ? `, ${about.nested.length} template${one ? '' : 's'} simulated as ${one ? 'a nested stack within its parent' : 'nested stacks within their parents'}` : '';
  // File names are the user's disk's: shown through displayName, a newline in one cannot forge a line of the summary.
  const nestedLines = options.quiet ? [] : about.nested.map((n) => `  ${displayName(n.input)}: nested in ${displayName(n.parent)}`);
  return `Summary: ${rows.length} stack${rows.length === 1 ? '' : 's'} from ${about.units} input${about.units === 1 ? '' : 's'}${skipped}${nested}${shard}\n${[...nestedLines, ...lines].join('\n')}\nExit: ${about.exit}\n`;
}

/**
 * The JSON document of every run: what `JSON.stringify({ runs, skipped, summary }, null, 2)` prints with each run's
 * `result` parsed from its JSON output, without parsing it; written a run at a time (`jsonRunEntry`, `jsonRunsEnd`).
 */
export function jsonOfRuns(rows: readonly StackRow[], skipped: readonly string[], summary: Readonly<Record<string, unknown>>, errors: readonly Diagnostic[] = []): string {
  const runs = rows.length === 0 ? '{\n  "runs": []' : `{\n  "runs": [\n${rows.map(jsonRunEntry).join(',\n')}\n  ]`;
  return `${runs}${jsonRunsEnd(skipped, summary, errors)}`;
}

/**
 * One run of the `runs` list, as the whole document printed with JSON.stringify(…, null, 2) shows it (4 spaces deep).
 * Each run printed its result with JSON.stringify(…, null, 2), and JSON text has no raw newline inside a string, so
 * the same text indented by the depth where it goes is what printing the parsed value again would give, byte for
 * byte. (Parsing 200 results and printing them again, 16 MB, took the main thread ~100 ms.)
 */
function jsonRunEntry(r: StackRow): string {
  const head = JSON.stringify(
    // A refused input's `errors`: the same diagnostic objects as a single run's `{"errors": […]}`.
    { input: r.input, stackName: r.stackName, exit: r.code, ...(r.failure ? { errors: r.failure } : {}), ...(r.skipped ? { skipped: r.skipped } : {}) },
    null,
    2,
  );
  if (r.stdout === '') return indented(head, RUN_INDENT);
  // Only an indented document can be placed as it is; anything else is parsed, as it always was.
  const result = r.stdout.startsWith('{\n') && r.stdout.endsWith('\n}\n') ? r.stdout.slice(0, -1) : JSON.stringify(JSON.parse(r.stdout) as unknown, null, 2);
  // `head` ends with "\n}": the result is its last key.
  return `${indented(head.slice(0, -2), RUN_INDENT)},\n${RESULT_INDENT}"result": ${result.replaceAll('\n', `\n${RESULT_INDENT}`)}\n${RUN_INDENT}}`;
}

/**
 * The document after the `runs` list: `skipped`, the errors of the run as a whole when there are any (the same
 * diagnostic objects as a refused input's `errors`), `summary` and the closing brace.
 */
function jsonRunsEnd(skipped: readonly string[], summary: Readonly<Record<string, unknown>>, errors: readonly Diagnostic[]): string {
  const member = (key: string, value: unknown): string => `,\n  ${JSON.stringify(key)}: ${indented(JSON.stringify(value, null, 2), '  ').trimStart()}`;
  return `${member('skipped', skipped)}${errors.length > 0 ? member('errors', errors) : ''}${member('summary', summary)}\n}\n`;
}

/** A run in the `runs` list is 4 spaces deep; its keys 6. */
const RUN_INDENT = '    ';
const RESULT_INDENT = '      ';

/** Printed JSON moved `by` deeper: every line, the first included. */
function indented(text: string, by: string): string {
  return `${by}${text.replaceAll('\n', `\n${by}`)}`;
}

/** The progress line of a many-templates run. */
interface ProgressLine {
  /** Shows that `done` units are simulated. */
  update(done: number): void;
  /** Takes the line off the terminal before other output is printed (the next update draws it again). */
  pause(): void;
}

/**
 * A progress line on stderr for two inputs or more: on a terminal (`io.stderrIsTty`) one line `[done/total]
 * simulated` redrawn in place with `\r`, taken off while a stack's output is printed and at the end, so that output
 * is never mixed with it; elsewhere only with --progress, one line per unit (a CI log keeps every line, and a `\r`
 * would not redraw it).
 */
function progressLine(options: SimulateOptions, io: CliIo, total: number): ProgressLine {
  const tty = io.stderrIsTty === true;
  if (!(options.progress || tty) || total < 2) return { update: () => undefined, pause: () => undefined };
  if (!tty) return { update: (done) => io.stderr(`[${done}/${total}] simulated\n`), pause: () => undefined };
  let visible = false;
  return {
    update: (done) => {
      io.stderr(`\r[${done}/${total}] simulated`);
      visible = true;
    },
    pause: () => {
      if (visible) io.stderr('\r\x1b[K');
      visible = false;
    },
  };
}

/** The option of the run that only one stack can take (the deployed template or stack it is compared with). */
function oneStackOption(options: SimulateOptions, previousSynth: boolean): string | undefined {
  // An earlier synth gives each stack its own deployed template (assembly-stack.ts).
  if (options.previous !== undefined && !previousSynth) return '--previous';
  if (options.fromStack !== undefined) return '--from-stack';
  if (options.previousParametersFile !== undefined) return '--previous-parameters-file';
  // With an earlier synth, each stack takes the values its deployed template declares (`STACK:Key` for one stack).
  if (Object.keys(options.previousParameters).length > 0 && !previousSynth) return '--previous-parameter';
  return undefined;
}

/** True for a stack template of a cloud assembly (it runs as that stack); one of an assembly that cannot be read counts. */
function isStackTemplate(path: string, assemblies: AssemblyReads): boolean {
  try {
    return assemblies.stackOf(path) !== undefined;
  } catch {
    return true;
  }
}

/**
 * How many stacks the units hold: a template one, an assembly the stacks --stack selects. An assembly none of whose
 * stacks match is left out of the run when another matches (so it counts none); one that cannot be read counts one
 * (its run says why).
 */
function stackCount(units: readonly InputUnit[], pattern: string | undefined, assemblies: AssemblyReads): number {
  let count = 0;
  let unmatched = 0;
  for (const unit of units) {
    if (unit.kind !== 'assembly') {
      count += 1;
      continue;
    }
    try {
      const chosen = chosenStacks(assemblies.stacksOf(unit.path), pattern).length;
      count += chosen;
      if (chosen === 0) unmatched += 1;
    } catch {
      count += 1;
    }
  }
  return count === 0 ? unmatched : count;
}
