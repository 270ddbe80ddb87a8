/**
 * One stack simulated and printed, as `simulate` does for a single template and as each unit of a many-templates
 * run does: the run, --keep-going's second look, the chosen output format, and how a failure is reported.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { errorsJson } from '../../src/kernel/report';
import { readBoundedText } from '../../src/kernel/source';
import { colourEnabled, EXIT_BUG, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, palette, usageErrorText, type CliIo } from '../../src/kernel/cli';
import { formatDiagnostic, InputError, sortDiagnostics, type Diagnostic, type DiagnosticCode } from '../../src/kernel/diagnostics';
import { AssemblyReads } from '../cloudformation/assembly';
import { EVENT_TEXT, type InvocationRecord, type SimulationResult, type StackOutcome } from '../cloudformation/invoke';
import { NO_CHANGES_REASON } from '../cloudformation/change-set';
import { assemblyOptionRefusal, assemblyStackOptions, withPreviousSynth } from './assembly-stack';
import { ciParts, combinedJunit, combinedSarif, failedRunPart, runErrorsPart, simulationJunit, simulationSarif } from './ci-report';
import { describeParameters } from './collaborators';
import { UsageError, type SimulateOptions } from './options';
import { renderDiagnostics, renderJson, renderText, notJudgedWarnings, renderWarnings, type JudgedAfterStop } from './render';
import { HOOK_SCHEMA, runSimulation, type RunContext, type SimulationReport } from './run-simulation';

/** A rejected request is input the service refuses (exit 2, as for a template it would refuse), not a hook's verdict. */
const EXIT_FOR_OUTCOME: Readonly<Record<StackOutcome, number>> = { SUCCEEDED: EXIT_OK, FAILED: EXIT_CHECK_FAILED, REJECTED: EXIT_USAGE };

/**
 * The invocations the WARN run made that the service's run did not (the resources it never reached, in this stack
 * and in its nested stacks), each with its own hook's FailureMode, so a FAIL hook's failure there would block and a
 * WARN hook's would not.
 */
function judgedAfterStop(report: SimulationReport, warnRun: SimulationReport): JudgedAfterStop[] {
  const key = ({ inv, path }: PlacedInvocation): string => [...path, inv.hookTypeName, inv.logicalResourceId, inv.invocationPoint, inv.targetName].join('\u0000');
  const judged = new Set(everyInvocation(report.result).map(key));
  const modes = new Map(Object.entries(report.failureModes));
  return everyInvocation(warnRun.result)
    .filter((placed) => !judged.has(key(placed)))
    .map(({ inv, path, constructPaths }) => {
      const constructPath = constructPaths !== undefined && Object.hasOwn(constructPaths, inv.logicalResourceId) ? constructPaths[inv.logicalResourceId] : undefined;
      return { ...inv, failureMode: modes.get(inv.hookTypeName) ?? inv.failureMode, ...(path.length > 0 ? { nestedIn: path } : {}), ...(constructPath !== undefined ? { constructPath } : {}) };
    });
}

/** A request refused only because it changes nothing (UpdateStack's "No updates", a change set with no changes). */
function isNoChangeRejection(result: SimulationResult): boolean {
  const message = result.stack.rejection?.message;
  return result.stack.outcome === 'REJECTED' && (message === EVENT_TEXT.noUpdates || message === NO_CHANGES_REASON);
}

/**
 * An invocation, the Stack resources (outermost first) of the nested stack it was made in ([] for the stack itself),
 * and that stack's construct paths.
 */
interface PlacedInvocation {
  readonly inv: InvocationRecord;
  readonly path: readonly string[];
  readonly constructPaths?: Readonly<Record<string, string>>;
}

/** A stack's invocations, then each nested stack's, depth first. */
function everyInvocation(result: SimulationResult, path: readonly string[] = []): PlacedInvocation[] {
  const out: PlacedInvocation[] = result.invocations.map((inv) => ({ inv, path, ...(result.constructPaths ? { constructPaths: result.constructPaths } : {}) }));
  for (const child of result.nestedStacks ?? []) for (const placed of everyInvocation(child, [...path, child.logicalResourceId])) out.push(placed);
  return out;
}

/**
 * One stack simulated and printed through `io`; never throws. The report is there when the run got that far; when
 * it could not judge its input, `failure` says why as data (what `failureDiagnostics` gives). `assemblies`: the
 * cloud assemblies the whole run has read (a many-templates run gives its own, so that a manifest is read once for
 * all the templates of its assembly).
 */
export async function simulateOne(given: SimulateOptions, io: CliIo, givenContext?: RunContext, assemblies = new AssemblyReads()): Promise<{ code: number; report?: SimulationReport; failure?: readonly Diagnostic[] }> {
  let options = given;
  try {
    const cwd = workingDirectory(io);
    // A stack template of a cloud assembly named on its own runs as that stack (its name unless --stack-name).
    const stack = givenContext === undefined && options.template !== undefined && options.template !== '-' ? assemblies.stackOf(isAbsolute(options.template) ? options.template : join(cwd, options.template)) : undefined;
    // A run of one template; a many-templates run (an assembly's stacks among them) has asked many.ts.
    const misplaced = options.partOfMany ? undefined : assemblyOptionRefusal(options, false, () => stack !== undefined);
    if (misplaced !== undefined) throw new UsageError(misplaced);
    if (stack) options = { ...withPreviousSynth(stack, assemblyStackOptions(stack, options), cwd, assemblies), stackName: options.stackName ?? stack.stackName };
    const context = stack ? { ssmParameters: stack.ssmParameters } : givenContext;
    const logSink = options.handlerLogs ? (line: string): void => io.stderr(`handler: ${line}\n`) : undefined;
    const report = await runSimulation(options, cwd, logSink, context);
    // --keep-going: the service stopped at the first blocked resource; a second run under WARN judges the rest.
    const afterStop =
      options.keepGoing && report.result.stack.outcome === 'FAILED' ? judgedAfterStop(report, await runSimulation({ ...options, failureMode: 'WARN' }, cwd, undefined, context)) : [];
    const warnings = report.warnings.map((d) => asTyped(d, cwd, typedRoots(options, cwd)));
    // An earlier synth's stack with nothing to change: `cdk deploy` reports "(no changes)" and goes on.
    const unchanged = options.earlierSynth !== undefined && isNoChangeRejection(report.result);
    let ssmParameters: readonly string[] = [];
    let resourcesOnly = false;
    if (unchanged) {
      // cdk deploy never skips a stack with an SSM-typed parameter (aws-cdk-cli's cfn-api.ts `hasChanges`: its value
      // may have changed), unless the parameter's Description holds `[cdk:skip]`, as the bootstrap version's does.
      ssmParameters = report.template ? describeParameters(report.template).filter((p) => p.type.startsWith('AWS::SSM::Parameter::') && !(p.description ?? '').includes('[cdk:skip]')).map((p) => p.name) : [];
      // cdk deploy skips a stack only when its template is the deployed one to the letter (aws-cdk-cli's deploy-stack.ts
      // `canSkipDeploy`). One whose Outputs changed is no refusal: it is simulated as the update CloudFormation executes
      // (aws/aws-cdk#2029). One that differs elsewhere alone (its Description, Metadata, formatting) gets a change set
      // CloudFormation fails as holding no changes, and cdk deploy reports "no changes".
      resourcesOnly = !sameTemplate(options.previous, report.template?.body);
      const message = resourcesOnly
        ? `${report.stack.name} has no resource or output changes against ${options.earlierSynth ?? ''}, but its template differs elsewhere (its Description, Metadata, …): cdk deploy creates its change set, as it skips only an identical template, which CloudFormation fails as holding no changes, and reports "no changes"`
        : ssmParameters.length === 0
          ? `${report.stack.name} has no changes against ${options.earlierSynth ?? ''}: cdk deploy skips it ("no changes")`
          : `${report.stack.name} has no changes against ${options.earlierSynth ?? ''} with the values this run gives its SSM parameters (${ssmParameters.join(', ')}): cdk deploy still creates its change set, since those values may have changed, and deletes it when it has no changes; --ssm-parameter judges other values`;
      warnings.push({ code: 'SIM_NO_CHANGES', severity: 'info', message, path: '', line: 0, column: 0 });
    }
    const nested = new Map([...(report.nestedTemplates ?? [])].map(([path, source]) => [path, { file: shownPath(source.file, cwd), source }]));
    const file = shownPath(options.template ?? report.template?.file ?? report.stack.name, cwd);
    const rejection = report.result.stack.rejection;
    // The request refused (exit 2): the machine formats say so, on stderr too, as they say an input refused.
    const refusal: Diagnostic | undefined =
      report.result.stack.outcome === 'REJECTED' && !unchanged && rejection !== undefined
        ? { code: 'SIM_REQUEST_REFUSED', severity: 'error', message: `the service refuses the request: ${rejection.errorCode}: ${rejection.message}`, file, path: '', line: 0, column: 0 }
        : undefined;
    const shown = { report, afterStop, file, hookType: HOOK_SCHEMA.typeName, nested, warnings, ...(refusal ? { refusal } : {}) };
    if (refusal && options.format !== 'text') io.stderr(`${formatDiagnostic(refusal)}\n`);
    // A CI report's warnings (a nested stack not simulated, a placeholder) go to the log too, as in text: never silent.
    const shownWarnings = options.quiet ? notJudgedWarnings(warnings) : warnings;
    if (options.format === 'sarif' || options.format === 'junit') io.stderr(renderWarnings(shownWarnings));
    if ((options.format === 'sarif' || options.format === 'junit') && options.ciParts) io.stdout(JSON.stringify(ciParts(shown)));
    else if (options.format === 'json') io.stdout(renderJson(report.result, warnings, options.keepGoing ? afterStop : undefined));
    else if (options.format === 'sarif') io.stdout(simulationSarif([shown], cwd));
    else if (options.format === 'junit') io.stdout(simulationJunit([shown], cwd));
    else {
      io.stderr(renderWarnings(shownWarnings));
      io.stdout(renderText(report.result, report.stack, { colours: palette(colourEnabled(io)), quiet: options.quiet, headed: options.partOfMany === true, afterStop, ...(unchanged ? { unchangedFrom: options.earlierSynth ?? 'the earlier synth', unchangedSsmParameters: ssmParameters, unchangedResourcesOnly: resourcesOnly } : {}) }));
    }
    return { code: unchanged ? EXIT_OK : EXIT_FOR_OUTCOME[report.result.stack.outcome], report };
  } catch (error) {
    const cwd = workingDirectory(io);
    const typed = typedRoots(options, cwd);
    const code = reportFailure(error, io, typed);
    // The failure as data, for the machine formats here and for a many-templates run's report (it crosses a worker).
    const failure = failureDiagnostics(error, cwd, typed);
    // Within a many-templates run, that run prints the failure in its own document.
    const document = options.partOfMany ? '' : failureDocument(options.format, options.template ?? '-', failure, code === EXIT_BUG, cwd);
    if (document !== '') io.stdout(document);
    return { code, failure };
  }
}

/** True when the deployed template `previousFile` is `body` as JSON, as cdk deploy compares them; false when it does not read. */
function sameTemplate(previousFile: string | undefined, body: unknown): boolean {
  if (previousFile === undefined || body === undefined) return false;
  try {
    return JSON.stringify(JSON.parse(readBoundedText(previousFile, { what: 'a stack template' }))) === JSON.stringify(body);
  } catch {
    return false;
  }
}

/**
 * The machine-format document of a run that could not judge its input, empty in text. A CI report is written even
 * then: an empty file is no SARIF or JUnit, and the upload or test-report step would fail on it instead of showing
 * why. JSON is where every diagnostic of a refused input goes (the text prints the first 100): `{"errors": […]}`.
 * `input` undefined: the failure is the run's as a whole (a command line that does not parse), not one input's.
 * `cwd`: the directory the diagnostics' files are relative to.
 */
export function failureDocument(format: SimulateOptions['format'], input: string | undefined, failure: readonly Diagnostic[], bug: boolean, cwd: string): string {
  if (format === 'json') return errorsJson(failure);
  if (format !== 'sarif' && format !== 'junit') return '';
  const part = input === undefined ? runErrorsPart(failure) : failedRunPart(input, failure, bug);
  return format === 'sarif' ? combinedSarif([part], cwd) : combinedJunit([part], cwd);
}

/**
 * Prints an error as the command reports it and returns its exit code (2 input, 3 bug). `typed`: the folders of
 * the inputs the user typed as relative paths; a file under one is shown relative too (`../x.yml`), as typed.
 */
export function reportFailure(error: unknown, io: CliIo, typed: readonly string[] = []): number {
  if (error instanceof UsageError) {
    io.stderr(usageErrorText('simulate', error.message, io.env));
    return EXIT_USAGE;
  }
  // Every module's input error (template, parameters, account, value files, deployed state, a file read) is an
  // InputError, even one whose module was loaded lazily: one branch, no names compared.
  if (error instanceof InputError) {
    io.stderr(renderDiagnostics(sortDiagnostics(error.diagnostics.map((x) => asTyped(x, workingDirectory(io), typed)))));
    return EXIT_USAGE;
  }
  if (error instanceof Error && error.name === 'CatalogUnavailableError') {
    // An incomplete install (no build), not the user's input and not a bug: say how to fix it.
    io.stderr(`simulate: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr(`simulate: internal error (this is a bug, please report it): ${detail}\n`);
  if (io.env.DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_BUG;
}

/**
 * A failure as the machine formats report it (JSON's `errors`, SARIF, JUnit): an input error's own diagnostics (every
 * one, as typed, sorted as printed), else one naming the failure, coded USAGE or INTERNAL.
 */
export function failureDiagnostics(error: unknown, cwd: string, typed: readonly string[]): Diagnostic[] {
  if (error instanceof InputError) return sortDiagnostics(error.diagnostics.map((d) => asTyped(d, cwd, typed)));
  // An incomplete install, exit 2 as reportFailure says: not a bug, and the file it names is the one to build.
  if (error instanceof Error && error.name === 'CatalogUnavailableError') return [runDiagnostic('SIM_CATALOG_UNAVAILABLE', error.message, (error as Error & { file?: string }).file ?? '')];
  return [runDiagnostic(error instanceof UsageError ? 'USAGE' : 'INTERNAL', error instanceof Error ? error.message : String(error))];
}

/** A failure of a whole run, not of a place in a file (a usage error, a bug), as one diagnostic without a position. */
export function runDiagnostic(code: DiagnosticCode, message: string, file = ''): Diagnostic {
  return { code, severity: 'error', message, file, path: '', line: 0, column: 0 };
}

/**
 * Shows a file under the working directory as the user typed it (relative), so output is the same on every machine;
 * so is a file in the folder of an input typed as a relative path (`../stacks/x.yml`, a nested template beside it).
 */
function asTyped(d: Diagnostic, cwd: string, typed: readonly string[] = []): Diagnostic {
  if (!d.file || !isAbsolute(d.file)) return d;
  if (!d.file.startsWith(cwd + sep) && !typed.some((root) => d.file?.startsWith(root + sep))) return d;
  return { ...d, file: relative(cwd, d.file) };
}

/** The folders of the inputs typed as relative paths (an absolute input keeps its files' absolute paths). */
export function typedRoots(options: SimulateOptions, cwd: string): string[] {
  return options.inputs.filter((input) => input !== '-' && !isAbsolute(input)).map((input) => dirname(join(cwd, input)));
}

/**
 * A template's path for CI reports: relative to the working directory (run from the checkout's root for code
 * scanning), `/`-separated, the same however it was typed (`./x.yml` is `x.yml`, `/abs/cwd/x.yml` is `x.yml`).
 */
function shownPath(file: string, cwd: string): string {
  if (file === '-') return file;
  return relative(cwd, resolve(cwd, file)).split(sep).join('/');
}

/** `npm run simulate -- x.yml` runs in the package root; npm leaves the user's own directory in INIT_CWD. */
export function workingDirectory(io: CliIo): string {
  return io.env.INIT_CWD ?? io.cwd;
}
