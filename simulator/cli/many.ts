/**
 * Many templates in one run: files, directories, globs and CDK cloud assemblies, simulated in parallel on worker
 * threads, printed in input order (whatever order the workers finish in), then one summary table and one exit
 * code — the worst of all: 3 if any run hit a bug, else 2 > 1 > 0.
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { EXIT_BUG, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from '../../src/kernel/cli';
import { combinedJunit, combinedSarif, failedRunPart, failureNotifications, type CiParts } from './ci-report';
import type { SarifNotification } from '../../src/kernel/report';
import { expandInputs, InputWalkError, shardOf, type InputUnit } from './inputs';
import { withoutNestedChildren, type NestedInput } from './nested-inputs';
import { runUnit, type StackRow, type UnitResult } from './run-unit';
import { workingDirectory } from './simulate-one';
import type { SimulateOptions } from './options';
import { runUnitsOnWorkers, workersAvailable } from './worker-pool';

/** Runs a many-templates simulation and prints it; returns the worst exit code. */
export async function runMany(options: SimulateOptions, io: CliIo): Promise<number> {
  const cwd = workingDirectory(io);
  let expanded;
  try {
    expanded = expandInputs(options.inputs, cwd);
  } catch (error) {
    if (!(error instanceof InputWalkError)) throw error;
    io.stderr(`simulate: ${relative(cwd, error.where) || '.'}: ${error.why}\n`);
    return EXIT_USAGE;
  }
  if (expanded.units.length === 0) {
    const skipped = expanded.skipped.length > 0 ? ` (${expanded.skipped.length} file${expanded.skipped.length === 1 ? '' : 's'} skipped: no Resources)` : '';
    io.stderr(`simulate: no template found in ${options.inputs.join(' ')}${skipped}\n`);
    return EXIT_USAGE;
  }
  // Before sharding, so that a child is folded into its parent whichever shard each would have fallen in.
  const { units: whole, nested } = withoutNestedChildren(expanded.units, cwd, options.templateMap);
  const units = shardOf(whole, options.shard);
  const progress = progressLine(options, io, units.length);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), units.length));
  const env = { ...io.env, INIT_CWD: cwd };
  const each: SimulateOptions = { ...options, onlyDeclaredParameters: true, partOfMany: true };
  const results = jobs > 1 && workersAvailable() ? await runUnitsOnWorkers(units, each, env, jobs, progress, (unit) => runUnit(unit, each, env)) : await runSequentially(units, each, env, progress);
  progress(-1);
  // [choice] `--stack` picks stacks across the run: an assembly without a matching stack (one app of a monorepo) is
  // left out, as long as some assembly of the run has one; when none has, each says what its stacks are.
  const anyMatched = results.some((result, i) => units[i]?.kind === 'assembly' && result.some((r) => r.unmatched !== true));
  const rows = results.flat().filter((r) => !(r.unmatched === true && anyMatched));
  // A `--parameter` no template of the run declares is a typo, or meant for templates this run does not have.
  // Known only when every template was read (one that failed may be the one declaring it).
  const everyRead = rows.length > 0 && rows.every((r) => r.declaredParameters !== undefined);
  const undeclared = everyRead ? Object.keys(options.parameters).filter((name) => !rows.some((r) => r.declaredParameters?.includes(name))) : [];
  for (const name of undeclared) io.stderr(`simulate: --parameter ${name}: no template of this run declares it\n`);
  const exit = worstCode([...rows.map((r) => r.code), ...(undeclared.length > 0 ? [EXIT_USAGE] : [])]);
  printRows(rows, options, io, { units: units.length, skipped: expanded.skipped, nested, shard: options.shard, exit });
  return exit;
}

async function runSequentially(units: readonly InputUnit[], options: SimulateOptions, env: Readonly<Record<string, string | undefined>>, progress: (done: number) => void): Promise<UnitResult[]> {
  const results: UnitResult[] = [];
  for (const unit of units) {
    results.push(await runUnit(unit, options, env));
    progress(results.length);
  }
  return results;
}

/** The worst exit code: a bug (3) first, then 2 > 1 > 0. */
export function worstCode(codes: readonly number[]): number {
  if (codes.includes(EXIT_BUG)) return EXIT_BUG;
  if (codes.includes(EXIT_USAGE)) return EXIT_USAGE;
  if (codes.includes(EXIT_CHECK_FAILED)) return EXIT_CHECK_FAILED;
  return EXIT_OK;
}

function printRows(rows: readonly StackRow[], options: SimulateOptions, io: CliIo, about: { units: number; skipped: readonly string[]; nested: readonly NestedInput[]; shard?: { index: number; count: number }; exit: number }): void {
  if (options.format === 'sarif' || options.format === 'junit') {
    // Input errors are printed on stderr (the exit code says 2), and are in the report: a failed JUnit case, a SARIF notification.
    for (const r of rows) io.stderr(r.stderr);
    const parts: CiParts[] = [];
    const notifications: SarifNotification[] = [];
    for (const r of rows) {
      if (r.stdout !== '') parts.push(JSON.parse(r.stdout) as CiParts);
      else if (options.format === 'junit') parts.push(failedRunPart(r.input, r.stderr, r.code === EXIT_BUG));
      else for (const n of failureNotifications(r.stderr)) notifications.push(n);
    }
    io.stdout(options.format === 'sarif' ? combinedSarif(parts, notifications) : combinedJunit(parts));
    return;
  }
  const summary = {
    inputs: about.units,
    stacks: rows.length,
    skipped: about.skipped.length,
    ...(about.nested.length > 0 ? { nestedInParents: about.nested } : {}),
    ...(about.shard ? { shard: `${about.shard.index}/${about.shard.count}` } : {}),
    exit: about.exit,
  };
  if (options.format === 'json') {
    io.stdout(jsonOfRuns(rows, about.skipped, summary));
    return;
  }
  for (const r of rows) {
    io.stderr(r.stderr);
    if (r.stdout !== '') io.stdout(`${r.stdout}\n`);
  }
  const table = [['INPUT', 'STACK', 'RESULT', 'HOOK CALLS', 'FAILED', 'EXIT'], ...rows.map((r) => [r.input, r.stackName, r.finalStatus ?? (r.code === EXIT_BUG ? 'BUG' : 'INPUT ERROR'), String(r.invocations), String(r.failedInvocations), String(r.code)])];
  const widths = [0, 0, 0, 0, 0, 0];
  for (const line of table) for (let c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c] ?? 0, (line[c] ?? '').length);
  const lines = table.map((line) => line.map((cell, c) => (c === line.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  '));
  const skipped = about.skipped.length > 0 ? `, ${about.skipped.length} file${about.skipped.length === 1 ? '' : 's'} skipped (no Resources: not a template)` : '';
  const shard = about.shard ? `, shard ${about.shard.index}/${about.shard.count}` : '';
  const one = about.nested.length === 1;
  const nested = about.nested.length > 0 ? `, ${about.nested.length} template${one ? '' : 's'} simulated as ${one ? 'a nested stack within its parent' : 'nested stacks within their parents'}` : '';
  const nestedLines = options.quiet ? [] : about.nested.map((n) => `  ${n.input}: nested in ${n.parent}`);
  io.stdout(`Summary: ${rows.length} stack${rows.length === 1 ? '' : 's'} from ${about.units} input${about.units === 1 ? '' : 's'}${skipped}${nested}${shard}\n${[...nestedLines, ...lines].join('\n')}\nExit: ${summary.exit}\n`);
}

/** Where a run's `result` goes in the document: a key of an object in the `runs` list, 6 spaces deep. */
const RESULT_PLACE = /\n {6}"result": (\d+)/g;
const RESULT_INDENT = '\n      ';

/**
 * The JSON document of every run: what `JSON.stringify({ runs, skipped, summary }, null, 2)` prints with each run's
 * `result` parsed from its JSON output, without parsing it. Each run printed its result with JSON.stringify(…, null,
 * 2), and JSON text has no raw newline inside a string, so the same text indented by the depth where it goes is what
 * printing the parsed value again would give, byte for byte. (Parsing 200 results and printing them again, 16 MB,
 * took the main thread ~100 ms after the last worker had answered.) A result is first placed as its run's index,
 * which the pattern then finds: a raw newline followed by `"result": ` at that depth is that key and nothing else.
 */
export function jsonOfRuns(rows: readonly StackRow[], skipped: readonly string[], summary: Readonly<Record<string, unknown>>): string {
  const runs = rows.map((r, index) => ({
    input: r.input,
    stackName: r.stackName,
    exit: r.code,
    ...(r.stdout !== '' ? { result: index } : {}),
    ...(r.stdout === '' && r.stderr !== '' ? { errors: r.stderr.trimEnd().split('\n') } : {}),
  }));
  const document = JSON.stringify({ runs, skipped, summary }, null, 2).replace(RESULT_PLACE, (_place, index: string) => {
    const text = rows[Number(index)]?.stdout ?? '';
    // Only an indented document can be placed as it is; anything else is parsed, as it always was.
    const printed = text.startsWith('{\n') && text.endsWith('\n}\n') ? text.slice(0, -1) : JSON.stringify(JSON.parse(text) as unknown, null, 2);
    return `${RESULT_INDENT}"result": ${printed.replaceAll('\n', RESULT_INDENT)}`;
  });
  return `${document}\n`;
}

/**
 * A progress line on stderr for two inputs or more: on a terminal (`io.stderrIsTty`) one line `[done/total]
 * simulated` redrawn in place with `\r` and erased at the end (-1), so the summary on stdout is not mixed with it;
 * elsewhere only with --progress, one line per unit (a CI log keeps every line, and a `\r` would not redraw it).
 */
function progressLine(options: SimulateOptions, io: CliIo, total: number): (done: number) => void {
  const tty = io.stderrIsTty === true;
  if (!(options.progress || tty) || total < 2) return () => undefined;
  return (done) => {
    if (done >= 0) io.stderr(tty ? `\r[${done}/${total}] simulated` : `[${done}/${total}] simulated\n`);
    else if (tty) io.stderr('\r\x1b[K');
  };
}
