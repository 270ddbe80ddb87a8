/**
 * `simulate cloudcontrol create|update|delete`: a Cloud Control API request and the account's hooks, from the
 * command line to the printed result. Exit 0 the request would go on (WARN failures included), 1 a hook would fail it,
 * 2 usage or input error; anything else reaching `main` is a bug (exit 3, reported by the simulate command).
 */
import { isAbsolute, join } from 'node:path';
import { colourEnabled, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, formatAsked, palette, usageErrorText, type CliIo } from '../../../src/kernel/cli';
import { closestName, InputError, sortDiagnostics, type Diagnostic, type DiagnosticCode } from '../../../src/kernel/diagnostics';
import type { HookConfiguration } from '../../../src/kernel/hook-config';
import type { JsonObject } from '../../../src/kernel/protocol';
import type { LogEntry } from '../../../src/handlers';
import {
  applyPatchDocument,
  parsePatchDocument,
  parseResourceState,
  readPatchDocument,
  readResourceState,
  simulateCloudControlRequest,
  type CloudControlResult,
  type PatchDocument,
} from '../../cloudformation/cloud-control';
import { customHook, SERVICE_LIMITS, type Hook } from '../../cloudformation/invoke';
import { catalogSource, catalogType, catalogTypeNames, isRecognizedType, propertyNames } from '../../cloudformation/resolve';
import { loadHookEntrypoint, type AwsClientFactory } from '../collaborators';
import { npmTookOptions, optionsTakenByNpm, UsageError } from '../options';
import { renderWarnings } from '../render';
import { answersOffContract } from '../answer-contract';
import { configuredHook, declaredHooks, HOOK_SCHEMA, type RunHooks } from '../run-simulation';
import { failureDiagnostics, reportFailure, runDiagnostic } from '../simulate-one';
import { errorsJson } from '../../../src/kernel/report';
import { CLOUD_CONTROL_OPTION_NAMES, CLOUD_CONTROL_USAGE, parseCloudControlArgs, type CloudControlOptions } from './options';
import { renderCloudControlJson, renderCloudControlText } from './render';

/** A request finished, and what the user should know about it. */
export interface CloudControlReport {
  readonly result: CloudControlResult;
  readonly warnings: readonly Diagnostic[];
}

/** Runs `simulate cloudcontrol …` (argv without the word `cloudcontrol`). Usage errors are answered here; other errors are thrown to the simulate command, which reports them (exit 2 for input, 3 for a bug). */
export async function runCloudControl(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CloudControlOptions;
  try {
    const taken = optionsTakenByNpm(io.env, CLOUD_CONTROL_OPTION_NAMES);
    if (taken.length > 0) throw npmTookOptions(taken);
    if (argv.length === 0) {
      io.stderr(CLOUD_CONTROL_USAGE);
      return EXIT_USAGE;
    }
    options = parseCloudControlArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(usageErrorText('simulate cloudcontrol', error.message, io.env));
    // Asked for JSON: the document of a request that could not be judged, as simulate writes one (not an empty file).
    if (formatAsked(argv, ['json']) !== undefined) io.stdout(errorsJson([runDiagnostic('USAGE', error.message)]));
    return EXIT_USAGE;
  }
  if (options.help) {
    io.stdout(CLOUD_CONTROL_USAGE);
    return EXIT_OK;
  }
  const cwd = io.env.INIT_CWD ?? io.cwd;
  const logSink = options.handlerLogs ? (line: string): void => io.stderr(`handler: ${line}\n`) : undefined;
  let report: CloudControlReport;
  try {
    report = await simulateCloudControl(options, cwd, logSink);
  } catch (error) {
    // Asked for JSON: a request that could not be judged still gets its document (`{"errors": […]}`), as simulate's.
    if (options.format !== 'json' || !(error instanceof InputError)) throw error;
    const code = reportFailure(error, io);
    io.stdout(errorsJson(failureDiagnostics(error, cwd, [])));
    return code;
  }
  if (options.format === 'json') {
    io.stdout(renderCloudControlJson(report.result, report.warnings));
  } else {
    io.stderr(renderWarnings(report.warnings));
    io.stdout(renderCloudControlText(report.result, palette(colourEnabled(io))));
  }
  return report.result.outcome === 'SUCCEEDED' ? EXIT_OK : EXIT_CHECK_FAILED;
}

/** Reads the request's inputs, builds the account's hooks and simulates the request. Throws an InputError for bad input. */
export async function simulateCloudControl(options: CloudControlOptions, cwd: string, logSink?: (line: string) => void): Promise<CloudControlReport> {
  const path = (p: string): string => (isAbsolute(p) ? p : join(cwd, p));
  checkTypeName(options.typeName, options.knownTypes);
  const state = (value: string, option: string, what: string): JsonObject => {
    const given = asAwsCliGives(value, option);
    return given.inline !== undefined ? parseResourceState(given.inline, given.name, what) : readResourceState(path(given.name), what);
  };
  const currentState = options.previousState !== undefined ? state(options.previousState, '--previous-state', 'the previous state') : undefined;
  // UpdateResource sends a patch; the service applies it to the current state before it calls the hooks.
  const patch = (value: string): PatchDocument => {
    const given = asAwsCliGives(value, '--patch-document');
    return given.inline !== undefined ? parsePatchDocument(given.inline, given.name) : readPatchDocument(path(given.name));
  };
  const desiredState =
    options.desiredState !== undefined
      ? state(options.desiredState, '--desired-state', 'the desired state')
      : options.patchDocument !== undefined && currentState
        ? applyPatchDocument(currentState, patch(options.patchDocument))
        : undefined;
  // A create's identifier is the service's to assign; its name, when the desired state has one, goes into the logical id.
  const name = options.identifier === undefined && options.operation === 'CREATE' && desiredState ? nameIn(options.typeName, desiredState) : undefined;

  const warnings: Diagnostic[] = [];
  const log = logSink ? (entry: LogEntry): void => logSink(JSON.stringify(entry)) : null;
  const projectHook = (configuration: HookConfiguration): Hook =>
    customHook({ schema: HOOK_SCHEMA, configuration, stringify: options.stringify, loadEntrypoint: () => loadHookEntrypoint({ clients: noAwsAccess, log }) });
  const { hooks, secrets }: RunHooks = options.hooksFile
    ? await declaredHooks(options.hooksFile, { options, path, readOptions: {}, projectHook, warnings, ...(logSink ? { handlerLog: logSink } : {}) })
    : await configuredHook(options, path, projectHook, warnings);

  const result = await simulateCloudControlRequest({
    request: {
      operation: options.operation,
      typeName: options.typeName,
      ...(options.identifier !== undefined ? { identifier: options.identifier } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(desiredState ? { desiredState } : {}),
      ...(currentState ? { currentState } : {}),
      region: options.region,
      accountId: options.accountId,
    },
    hooks,
    limits: { ...SERVICE_LIMITS, timeoutMillis: options.hookTimeoutMillis },
  });
  for (const skipped of result.skippedHooks) warnings.push(note('SIM_HOOK_NOT_INVOKED', `${skipped.typeName} is not invoked for this Cloud Control request: ${skipped.reason}`));
  for (const [typeName, problems] of answersOffContract(hooks, result)) {
    warnings.push(note('SIM_HOOK_ANSWER', `${typeName} answered outside the documented contract, which the service may treat otherwise: ${problems.join('; ')}`, 'warning'));
  }
  for (const hook of hooks) {
    if (hook.configuration.StackFilters && result.invocations.some((i) => i.hookTypeName === hook.typeName)) {
      warnings.push(note('CLOUDCONTROL_STACK_FILTERS_IGNORED', `${hook.typeName}: its StackFilters are ignored for Cloud Control requests, as the service ignores them`));
    }
  }
  for (const warning of unknownProperties(options.typeName, desiredState)) warnings.push(warning);
  if (!options.stringify) warnings.push(note('SIM_TYPED_PROPERTIES', 'properties were sent with their JSON types (--no-stringify); the service sends every scalar as a string to custom hooks'));
  // The hooks file's NoEcho values, in what its hooks answer (a message quoting their configuration).
  return secrets ? { result: secrets.value(result), warnings: sortDiagnostics(warnings.map((w) => secrets.diagnostic(w))) } : { result, warnings: sortDiagnostics(warnings) };
}

/**
 * A state or patch as the AWS CLI takes it, so a command copied from `aws cloudcontrol …` works: the JSON text
 * itself (it starts with `{` or `[`; diagnostics then name the option), or `file://<path>`; anything else is a path.
 */
export function asAwsCliGives(value: string, option: string): { inline?: string; name: string } {
  if (/^\s*[[{]/.test(value)) return { inline: value, name: `<${option}>` };
  return { name: value.startsWith('file://') ? value.slice('file://'.length) : value };
}

/** The service refuses a type its registry does not have (TypeNotFoundException): an input error, with a likely fix. */
function checkTypeName(typeName: string, knownTypes: readonly string[]): void {
  if (isRecognizedType(typeName, knownTypes)) return;
  const likely = closestName(typeName, catalogTypeNames());
  const hint = likely ? ` Did you mean ${likely}?` : '';
  throw new InputError([
    {
      code: 'CLOUDCONTROL_UNKNOWN_TYPE',
      severity: 'error',
      message: `TypeNotFoundException: ${typeName} is not a resource type of the CloudFormation registry (${catalogSource()}).${hint} For a private or third-party type the account has activated, add --known-type ${typeName}`,
      path: '',
      line: 0,
      column: 0,
    },
  ]);
}

/**
 * [choice] The name of a resource being created, for the constructed logical id: the desired state's value of the
 * type's identifying property (what `Ref` returns: `BucketName` for a bucket), else of the property its ARN ends
 * with (`QueueName` in `arn:…:sqs:…:${QueueName}`), when the catalogue names one and the state sets it.
 */
function nameIn(typeName: string, desiredState: JsonObject): string | undefined {
  const entry = catalogType(typeName);
  if (!entry) return undefined;
  const arnName = entry.arn === undefined ? undefined : /\$\{([A-Za-z0-9]+)\}$/.exec(entry.arn)?.[1];
  for (const property of [entry.ref, arnName]) {
    if (property === undefined || property.includes('|') || !Object.hasOwn(desiredState, property)) continue;
    const value = desiredState[property];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * A desired state's property the type does not have: Cloud Control's handler refuses it (`Model validation failed (#:
 * extraneous key [K] is not permitted)`), which the simulator does not run: a warning, as for a template (RES_UNKNOWN_PROPERTY).
 */
function unknownProperties(typeName: string, desiredState: JsonObject | undefined): Diagnostic[] {
  const known = desiredState ? propertyNames(typeName) : undefined;
  if (!desiredState || known === undefined) return [];
  return Object.keys(desiredState)
    .filter((key) => !known.has(key))
    .map((key) => {
      const near = closestName(key, [...known]);
      return note(
        'CLOUDCONTROL_UNKNOWN_PROPERTY',
        `${key} is not a property of ${typeName}${near ? ` (did you mean ${near}?)` : ''}: the service refuses it ("Model validation failed (#: extraneous key [${key}] is not permitted)"); the simulator does not validate properties, so the request goes on`,
        'warning',
      );
    });
}

// The handler has no reason to call AWS for a Cloud Control request unless a preDelete counts (a minimum above 0).
const noAwsAccess: AwsClientFactory = () => {
  throw new Error('the simulator serves no AWS calls to a Cloud Control request (a preDelete minimum above 0 is simulated for stack deletes, with --account)');
};

function note(code: DiagnosticCode, message: string, severity: Diagnostic['severity'] = 'info'): Diagnostic {
  return { code, severity, message, path: '', line: 0, column: 0 };
}
