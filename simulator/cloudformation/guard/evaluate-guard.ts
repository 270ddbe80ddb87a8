/**
 * Evaluating Guard rules against one input document with the real engine, as the CDK's Guard plugin runs it:
 * `cfn-guard validate --rules <rules> --data <document> [--input-params <file>…] --output-format json
 * --show-summary none --structured`. Exit 0 is a pass, 19 a failure; anything else (5: a rules file does not parse,
 * 255: an error, 101: a panic, 2: a usage error) means the engine could not judge, so the hook errored — even
 * though exit 5 prints a `SKIP` report that looks like a success. Rules the engine cannot read at all (a file that
 * does not parse, a file that is not UTF-8) are the user's input error instead, located in their file.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { ScratchFolder } from '../../../src/kernel/files';
import { isJsonObject, type JsonObject } from '../../../src/kernel/protocol';
import { isDirectory } from '../../../src/kernel/source';
import { CFN_GUARD_EXTENSIONS, cfnGuardReads, writeGuardArchive, type GuardArchive } from './rule-archive';
import { GUARD_SUCCESS_MESSAGE, GuardReportError, verdictFromReport, type GuardVerdict } from './guard-report';
import { describeEnd, runProcess, type ProcessResult } from './run-process';
import { notUtf8Error, rulesParseError } from './rules-problems';
import { guardScratchFolder, writingScratch } from './scratch-folder';

/** What to evaluate and with which engine. */
export interface EvaluateGuardOptions {
  /** The cfn-guard binary (see locateCfnGuard). */
  readonly binary: string;
  /** Its version (`3.1.1`), named when the rules do not parse. */
  readonly engineVersion?: string;
  /**
   * A `.guard` file, or a folder whose `.guard`/`.ruleset` files are all evaluated, or an archive of them (written
   * out into this evaluation's scratch folder and evaluated as a folder). A file's base name names its unnamed rules
   * (`<file>/default`).
   */
  readonly rules: string | GuardArchive;
  /** Input-parameter files (YAML or JSON), folders or archives of them, merged by cfn-guard at the document's root. */
  readonly inputParams?: readonly (string | GuardArchive)[];
  /** The input document (see buildGuardInput). */
  readonly document: JsonObject;
  /** Default 30 000 ms, the service's limit for one hook invocation. */
  readonly timeoutMillis?: number;
  /** The largest report read (default 32 MiB); past it the verdict is the engine's exit code, without annotations. */
  readonly maxReportBytes?: number;
}

/** The verdict plus what the engine did, for reports and debugging. */
export interface GuardEvaluation extends GuardVerdict {
  /** The engine's exit code (null when it was killed or did not start). */
  readonly exitCode: number | null;
  /**
   * The engine's structured report, as printed (the "full output" a log bucket would receive), with the scratch
   * path of the data file replaced by `input.json` so that it is the same on every run; empty on errors.
   */
  readonly report: string;
}

/** The service's time limit for one hook invocation. */
export const GUARD_TIMEOUT_MILLIS = 30_000;
const DEFAULT_MAX_REPORT_BYTES = 32 * 1024 * 1024;
const MAX_STDERR_BYTES = 16 * 1024;
const PASS_EXIT = 0;
const FAIL_EXIT = 19;
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * Runs the rules against the document. Throws a GuardRulesError (an input error: exit 2, located) when a rules file
 * does not parse or a rules or input-parameter file is not UTF-8; anything else the engine or the rules do is an
 * ERROR verdict, never a throw.
 */
export async function evaluateGuard(options: EvaluateGuardOptions): Promise<GuardEvaluation> {
  const timeoutMillis = options.timeoutMillis ?? GUARD_TIMEOUT_MILLIS;
  const maxReportBytes = options.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES;
  return withScratch(async (scratch) => {
    const data = join(scratch.path, 'input.json');
    // A report past the bound is dropped, but the engine's verdict (its exit code) is still wanted.
    const result = await runCfnGuard(options, scratch, [{ path: data, document: options.document }], { timeoutMillis, maxStdoutBytes: maxReportBytes, drainStdoutOverflow: true });
    const unreadable = rulesParseError(result.stderr, options.rules, options.engineVersion) ?? notUtf8Error(result.stderr, options.rules, options.inputParams ?? []);
    if (unreadable !== undefined) throw unreadable;
    // The engine names the data file by its scratch path in errors too (a document it cannot read).
    return verdictOf({ ...result, stdout: anonymised(result.stdout, data), stderr: anonymised(result.stderr, data) }, timeoutMillis, maxReportBytes);
  });
}

/** Several documents to evaluate against the same rules, in one run of the engine. */
export interface EvaluateGuardBatchOptions extends Omit<EvaluateGuardOptions, 'document'> {
  readonly documents: readonly JsonObject[];
}

/**
 * Runs the rules against several documents in one cfn-guard run (`--data` once per document, each its own
 * `input.json`), as if each were evaluated alone: cfn-guard reads the rules once and reports each data file apart
 * (`--structured`, one report per file, in the order given), and merges the input parameters into each file alone.
 * Gives each document's evaluation, the same as evaluateGuard's for it alone, or undefined when the run gave no
 * report per document, or said anything on stderr (the engine erred on one of them, a rules file does not parse, the
 * time limit or the report bound was reached): the caller then evaluates each document alone, which says which one
 * and why. The time limit and the report bound hold for the whole run.
 */
export async function evaluateGuardBatch(options: EvaluateGuardBatchOptions): Promise<GuardEvaluation[] | undefined> {
  const timeoutMillis = options.timeoutMillis ?? GUARD_TIMEOUT_MILLIS;
  const maxReportBytes = options.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES;
  return withScratch(async (scratch) => {
    const data = options.documents.map((document, i) => ({ path: join(scratch.path, `data-${i}`, 'input.json'), document }));
    const result = await runCfnGuard(options, scratch, data, { timeoutMillis, maxStdoutBytes: maxReportBytes });
    if (result.timedOut || result.stdoutOverflow || (result.exitCode !== PASS_EXIT && result.exitCode !== FAIL_EXIT)) return undefined;
    // A rules file that does not parse, beside one that fails a document, still gives exit 19 and a report per
    // document, and says so only on stderr: anything there is left to the runs of one document, which read it.
    if (result.stderr.trim() !== '') return undefined;
    let reports: unknown;
    try {
      reports = JSON.parse(result.stdout);
    } catch {
      return undefined;
    }
    if (!Array.isArray(reports) || reports.length !== data.length) return undefined;
    const evaluations: GuardEvaluation[] = [];
    for (const [i, report] of reports.entries()) {
      const path = data[i]?.path ?? '';
      // In the order given; a report that does not name its file is not trusted to be that file's.
      if (!isJsonObject(report) || typeof report.name !== 'string' || !report.name.endsWith(join(`data-${i}`, 'input.json'))) return undefined;
      const exitCode = report.status === 'FAIL' ? FAIL_EXIT : PASS_EXIT;
      const stdout = anonymised(JSON.stringify([report], null, 2), path, report.name);
      evaluations.push(verdictOf({ exitCode, signal: null, stdout, stderr: '', timedOut: false, stdoutOverflow: false }, timeoutMillis, maxReportBytes));
    }
    // A report that cannot be read, or an exit code the reports contradict, is left to runs of their own, which say
    // so as evaluateGuard does.
    const failed = evaluations.some((evaluation) => evaluation.status === 'FAILED');
    if (evaluations.some((evaluation) => evaluation.status === 'ERROR') || failed !== (result.exitCode === FAIL_EXIT)) return undefined;
    return evaluations;
  });
}

/**
 * A scratch folder for one run of the engine, removed afterwards whatever happens (on Ctrl-C and SIGTERM too; a
 * killed run's is removed by the next run: scratch-folder.ts). A temporary folder that is missing or full is a
 * GuardScratchError (exit 2, naming TMPDIR), not a bug.
 */
async function withScratch<T>(run: (work: ScratchFolder) => Promise<T>): Promise<T> {
  const work = guardScratchFolder(GUARD_SCRATCH_PREFIX);
  try {
    return await run(work);
  } finally {
    work.remove();
  }
}

/** The scratch folders' names: `mytesthook-guard-<pid>-XXXXXX`. */
const GUARD_SCRATCH_PREFIX = 'mytesthook-guard-';

/**
 * Writes the data files and the rules and parameter archives into `work` and runs `cfn-guard validate` on them; the
 * stderr comes back without colour escapes (cfn-guard underlines the rules file's name when colour is forced, with
 * CLICOLOR_FORCE, even into a pipe).
 */
async function runCfnGuard(
  options: Omit<EvaluateGuardOptions, 'document'>,
  scratch: ScratchFolder,
  data: readonly { readonly path: string; readonly document: JsonObject }[],
  bounds: { readonly timeoutMillis: number; readonly maxStdoutBytes: number; readonly drainStdoutOverflow?: boolean },
): Promise<ProcessResult> {
  const work = scratch.path;
  const args = writingScratch(scratch, () => {
    // Compact JSON, as the service's: the [L:n,C:m] positions in Guard's messages depend on it.
    for (const { path, document } of data) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(document));
    }
    const local = (object: string | GuardArchive, folder: string): string => (typeof object === 'string' ? object : writeGuardArchive(object, join(work, folder)));
    const written = ['validate', '--rules', local(options.rules, 'rules')];
    for (const { path } of data) written.push('--data', path);
    for (const [i, params] of (options.inputParams ?? []).entries()) {
      const folder = `input-params-${i}`;
      written.push('--input-params', typeof params === 'string' ? readableParams(params, join(work, folder)) : local(params, folder));
    }
    return written;
  });
  args.push('--output-format', 'json', '--show-summary', 'none', '--structured');
  const result = await runProcess(options.binary, args, { ...bounds, maxStderrBytes: MAX_STDERR_BYTES });
  return { ...result, stderr: result.stderr.replace(ANSI_ESCAPE, '') };
}

/**
 * The report with the data file named `input.json`: it names the file by the path it was given (the scratch
 * folder's, different on every run), or by that path as cfn-guard spelled it.
 */
function anonymised(report: string, ...paths: readonly string[]): string {
  let text = report;
  for (const path of paths) text = text.split(JSON.stringify(path).slice(1, -1)).join('input.json');
  return text;
}

/**
 * An input-parameters file as cfn-guard will read it. cfn-guard skips, without a word, a file whose name does not end
 * in a data extension (`params.txt`, `PARAMS.YAML`), so its keys would silently be missing; the service reads the S3
 * object whatever its key (nothing documents a naming rule for it), and a local copy's name is the user's choice. Such
 * a file is copied into the scratch folder under a name cfn-guard reads; folders are left to cfn-guard's own scan.
 */
function readableParams(path: string, scratch: string): string {
  const lower = extname(path).toLowerCase();
  if (cfnGuardReads(path, 'inputParams') || isDirectory(path)) return path;
  const named = join(scratch, `${basename(path, extname(path))}${(CFN_GUARD_EXTENSIONS.inputParams as readonly string[]).includes(lower) ? lower : '.yaml'}`);
  try {
    mkdirSync(scratch);
    copyFileSync(path, named);
    return named;
  } catch {
    // Missing or unreadable: cfn-guard, given the path itself, says so (the hook errored, as before).
    return path;
  }
}

function verdictOf(result: ProcessResult, timeoutMillis: number, maxReportBytes: number): GuardEvaluation {
  const error = (message: string): GuardEvaluation => ({ status: 'ERROR', message, annotations: [], exitCode: result.exitCode, report: '' });
  if (result.timedOut) return error(`cfn-guard did not finish within ${formatDuration(timeoutMillis)}`);
  if (result.stdoutOverflow) {
    // Each failed check repeats the whole value it read, so a big template's report can run to hundreds of MB. The
    // engine's exit code still says pass or fail; only the rule names (the annotations) are lost.
    const tooLarge = `cfn-guard's report is larger than the simulator reads (${maxReportBytes / (1024 * 1024)} MiB)`;
    if (result.exitCode === FAIL_EXIT) {
      return { status: 'FAILED', message: `Template failed validation: ${tooLarge}, so the rules that failed are not named here; cfn-guard validate on the hook's input document names them`, annotations: [], exitCode: result.exitCode, report: '' };
    }
    if (result.exitCode === PASS_EXIT) return { status: 'SUCCESS', message: GUARD_SUCCESS_MESSAGE, annotations: [], exitCode: result.exitCode, report: '' };
    return error(`cfn-guard printed a report larger than the simulator reads (${maxReportBytes / (1024 * 1024)} MiB) and ended with ${describeEnd(result)}`);
  }
  if (result.startError !== undefined) return error(`cfn-guard ${describeEnd(result)}`);
  if (result.exitCode === PASS_EXIT || result.exitCode === FAIL_EXIT) {
    try {
      return { ...verdictFromReport(result.stdout, result.exitCode === PASS_EXIT ? 'PASS' : 'FAIL'), exitCode: result.exitCode, report: result.stdout };
    } catch (caught) {
      if (caught instanceof GuardReportError) return error(`cfn-guard's report cannot be read: ${caught.message}`);
      throw caught;
    }
  }
  const clash = /Key (\S+), already exists in map/.exec(result.stderr);
  if (clash) {
    return error(
      `cfn-guard could not merge the input parameters: the key '${clash[1]}' is also a key of the hook's input document (${describeEnd(result)})`,
    );
  }
  return error(`cfn-guard could not evaluate the rules (${describeEnd(result)}): ${engineError(result.stderr) || 'it printed no error'}`);
}

/** cfn-guard's error text, without its `Error occurred ` prefix or a panic's backtrace, on one line. */
function engineError(stderr: string): string {
  const text = stderr.split(/\nstack backtrace:|\nnote: /)[0] ?? '';
  return text.replace(/^Error occurred /, '').replace(/\s+/g, ' ').trim().slice(0, 1000);
}

function formatDuration(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000} seconds` : `${millis} ms`;
}
