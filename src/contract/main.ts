/**
 * `npm run test:contract` (dist/contract.js): plays `cfn test` for this hook without Python, SAM or
 * Docker. Reads inputs/, builds the requests cfn's hook_client builds, invokes the compiled handler
 * (dist/handlers.js), applies the same assertions, prints one line per case and `N passed, N failed`.
 * Exit codes: 0 every case passed, 1 a case failed, 2 usage or input error, 3 a bug in the runner.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { argumentErrorText, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliIo, formatAsked, parseOutputFormat, refuseRepeatedValues, usageErrorText, VERSION_HELP } from '../kernel/cli';
import { type Diagnostic, formatDiagnostic, InputError, sortDiagnostics } from '../kernel/diagnostics';
import type { HookSchema } from '../kernel/hook-config';
import { isJsonObject, type JsonObject } from '../kernel/protocol';
import { errorsJson } from '../kernel/report';
import { DEFAULT_READ_LIMIT_BYTES, FileReadError, parseJson, readBoundedBytes, stripBom, type ParsedDocument } from '../kernel/source';
import { validateConfigurationProperties, validateHookConfiguration, validateHookSchema } from '../schema';
import { ProjectError } from '../ship/errors';
import { entrypointLocation, readSettingsDocument } from '../ship/project/hook-project';
import { unreadConfiguration } from './config-reads';
import { buildContractCases, unknownTargets, unusedInputs } from './cases';
import { ContractInputError, contractUsageError } from './errors';
import { readContractInputs } from './inputs';
import { checkHandlerLoads, type HandlerLocation } from './isolated-handler';
import { runContractCases, type CaseResult } from './run-cases';

const USAGE = `Usage: node dist/contract.js [options]

Runs the hook's contract tests the way \`cfn test\` does, against the compiled handler.

Options:
  --inputs <dir>        contract inputs (default: inputs)
  --schema <file>       hook schema (default: mycompany-testing-mytesthook.json)
  --typeconfig <file>   type configuration: a configuration document or its Properties object
                        (default: the schema's defaults)
  --handler <file>      compiled handler module (default: from .rpdk-config, dist/handlers.js)
  --function <name>     TypeFunction (the entrypoint, default) or TestEntrypoint (the testEntrypoint)
  --timeout <seconds>   time limit per invocation (default: 30, the service's)
  --format <text|json>  output format (default: text)
  -v, --verbose         print the handler's logs of every case (by default only of failing ones), to stderr
  -h, --help            this text
  --version             ${VERSION_HELP}

The schema and the --typeconfig file are checked by the project's validator first: an error is exit 2, no case run.
pre_delete cases run with minBuckets "0" and minQueues "0", so nothing reaches AWS.
`;

/** How the runner is started: it has no program of its own. */
const INVOCATION = { direct: 'node dist/contract.js', npmScript: 'test:contract' } as const;

/** Overrides for DELETE cases: with the minimums at 0 the handler makes no AWS call. */
export const DELETE_OVERRIDES: Readonly<JsonObject> = { minBuckets: '0', minQueues: '0' };

const OPTIONS = {
  inputs: { type: 'string', default: 'inputs' },
  schema: { type: 'string', default: 'mycompany-testing-mytesthook.json' },
  typeconfig: { type: 'string' },
  handler: { type: 'string' },
  function: { type: 'string', default: 'TypeFunction' },
  timeout: { type: 'string', default: '30' },
  format: { type: 'string', default: 'text' },
  verbose: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The contract runner's command line; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    const parsed = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
    refuseRepeatedValues(parsed.tokens, OPTIONS, (message) => new Error(message));
    args = parsed.values;
  } catch (error) {
    const message = argumentErrorText(error, OPTIONS);
    // One line naming the problem and where the options are, as every command says it, not the whole usage text.
    io.stderr(usageErrorText('contract', message, io.env, INVOCATION));
    // The command line did not parse, but a JSON report was asked for: a document saying why, never an empty stdout.
    if (formatAsked(argv, ['json']) !== undefined) io.stdout(errorsJson(contractUsageError(message).diagnostics));
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  // Until --format is checked, a bad input is reported in the format the command line asked for.
  let format: 'text' | 'json' = formatAsked(argv, ['json']) ?? 'text';
  try {
    format = parseOutputFormat(args.format, ['text', 'json'], contractUsageError);
    if (args.function !== 'TypeFunction' && args.function !== 'TestEntrypoint') {
      throw contractUsageError(`--function must be TypeFunction or TestEntrypoint, got ${JSON.stringify(args.function)}`);
    }
    const timeout = Number(args.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0) throw contractUsageError(`--timeout must be a positive number of seconds, got ${JSON.stringify(args.timeout)}`);

    const at = (path: string) => resolve(io.cwd, path);
    const warnings: Diagnostic[] = [];
    const { schema, locate: locateInSchema } = checkedSchema(args.schema, at(args.schema), warnings);
    const hookModel = args.typeconfig ? checkedTypeConfiguration(args.typeconfig, at(args.typeconfig), schema, warnings) : schemaDefaults(schema);
    const deleteHookModel = { ...(hookModel ?? {}), ...DELETE_OVERRIDES };

    const inputsDir = at(args.inputs);
    if (!existsSync(inputsDir) || !statSync(inputsDir).isDirectory()) {
      throw new ContractInputError(`${args.inputs}: no such directory; cfn test would generate examples from the target schemas, which this runner does not do: write inputs/inputs_1_pre_create.json …`);
    }
    const inputs = readContractInputs(inputsDir);
    const shown = sortDiagnostics(inputs.diagnostics).map((d) => ({ ...d, file: d.file ? relative(io.cwd, d.file) : d.file }));
    if (shown.some((d) => d.severity === 'error')) throw new ContractInputError('the contract inputs are malformed', shown);
    if (inputs.sets.size === 0) throw new ContractInputError(`${args.inputs}: no contract inputs (inputs_<n>_pre_create.json, …_pre_update, …_pre_delete, …_invalid)`);
    // An input no handler of the schema reads runs no case (cfn test skips it too): said, so a run never shrinks unseen.
    // So is a target key no handler names (a typo's case fails for its missing entry, the key itself is ignored).
    const unused = [...unusedInputs(schema, inputs), ...unknownTargets(schema, inputs)].map((d) => ({ ...d, file: d.file ? relative(io.cwd, d.file) : d.file }));
    warnings.push(...shown, ...unused);
    for (const d of warnings) io.stderr(`${formatDiagnostic(d)}\n`);

    const located = handlerLocation(io.cwd, args.handler, args.function);
    const { file: handlerFile, exportName } = located;
    const handler = await loadHandler(located, io.cwd);
    const cases = buildContractCases(schema, inputs);
    const results = await runContractCases(schema, cases, handler, { hookModel, deleteHookModel, timeoutMillis: timeout * 1000 });
    // Known only once the handler has run: the type configuration it never read.
    const unread = unreadConfiguration(schema, results, args.schema, locateInSchema);
    warnings.push(...unread);
    const relativeResults = results.map((r) => ({ ...r, case: { ...r.case, ...(r.case.inputFile ? { inputFile: relative(io.cwd, r.case.inputFile) } : {}) } }));
    const passed = results.filter((r) => r.passed).length;
    const failed = results.length - passed;
    if (format === 'json') {
      io.stdout(
        `${JSON.stringify(
          {
            typeName: schema.typeName,
            handler: `${relative(io.cwd, handlerFile)}#${exportName}`,
            typeConfiguration: hookModel,
            deleteTypeConfiguration: deleteHookModel,
            cases: relativeResults.map(toJson),
            warnings,
            passed,
            failed,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.stdout(`contract tests for ${schema.typeName}: ${relative(io.cwd, handlerFile)} (${exportName}), ${results.length} case(s)\n`);
      io.stdout(`type configuration: ${args.typeconfig ? args.typeconfig : 'schema defaults'} ${JSON.stringify(hookModel)}\n`);
      io.stdout(`pre_delete cases run with minBuckets "0" and minQueues "0": nothing reaches AWS\n`);
      for (const r of relativeResults) {
        io.stdout(`${formatResult(r)}\n`);
        if (args.verbose || !r.passed) for (const line of r.logs) io.stderr(`    ${line}\n`);
      }
      for (const d of unread) io.stderr(`${formatDiagnostic(d)}\n`);
      io.stdout(`${passed} passed, ${failed} failed\n`);
    }
    return failed === 0 ? EXIT_OK : EXIT_CHECK_FAILED;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error instanceof ContractInputError && error.diagnostics[0]?.code === 'USAGE') {
      io.stderr(usageErrorText('contract', error.message, io.env, INVOCATION));
    } else if (error instanceof ContractInputError) {
      io.stderr(`contract: ${error.message}\n`);
      if (error.located) for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    } else {
      // The kernel's own (a file that cannot be read within its bound): already located.
      for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    }
    // The document simulate and validate print when they could not judge their input.
    if (format === 'json') io.stdout(errorsJson(error.diagnostics));
    return EXIT_USAGE;
  }
}

const POINT_NAMES: Record<string, string> = { CREATE_PRE_PROVISION: 'pre_create', UPDATE_PRE_PROVISION: 'pre_update', DELETE_PRE_PROVISION: 'pre_delete' };

function formatResult(r: CaseResult): string {
  const c = r.case;
  const kind = c.expectedErrorCode === 'UnsupportedTarget' ? ' (unsupported target)' : c.expected === 'FAILED' ? ' (invalid input)' : '';
  const label = `inputs_${c.set} ${POINT_NAMES[c.invocationPoint]} ${c.targetName}${kind}`;
  const got = r.hookStatus ? ` → ${r.hookStatus}${r.errorCode ? ` ${r.errorCode}` : ''}` : '';
  return r.passed ? `PASS ${label}${got}` : `FAIL ${label}${got}: ${r.failures.join('; ')}`;
}

function toJson(r: CaseResult): JsonObject {
  const c = r.case;
  return {
    set: c.set,
    invocationPoint: c.invocationPoint,
    targetName: c.targetName,
    expected: c.expected,
    inputFile: c.inputFile ?? null,
    passed: r.passed,
    hookStatus: r.hookStatus ?? null,
    errorCode: r.errorCode ?? null,
    message: r.message ?? null,
    failures: r.failures,
    invocations: r.invocations,
    logs: r.passed ? [] : r.logs,
  };
}

/**
 * Reads a file the user named: a pipe (`<(…)`) is allowed, bounded all the same. A file that cannot be read is a
 * located input error naming the file as the user wrote it.
 */
function readNamedFile(shown: string, path: string, what: string): Buffer {
  try {
    const { bytes, truncated } = readBoundedBytes(path, DEFAULT_READ_LIMIT_BYTES, what);
    if (truncated) throw new FileReadError(path, `it is larger than ${DEFAULT_READ_LIMIT_BYTES} bytes`, 'FILE_TOO_LARGE', what);
    return bytes;
  } catch (error) {
    if (error instanceof FileReadError) throw new ContractInputError(`${shown}: ${error.diagnostics[0]?.message ?? error.message}`, error.diagnostics.map((d) => ({ ...d, file: shown })));
    throw error;
  }
}

/**
 * The hook schema, checked by the project's validator (src/schema) as `validate` and `package` check it. `cfn test`
 * loads the project as `cfn submit` does and stops on a schema the registry would refuse; the runner refuses every
 * error, so that a misspelt handler key (`preCreat`) cannot quietly remove its cases from the run. Warnings are kept.
 */
function checkedSchema(shown: string, path: string, warnings: Diagnostic[]): { schema: HookSchema; locate: (pointer: string) => { line: number; column: number } } {
  const bytes = readNamedFile(shown, path, 'the hook schema');
  const report = validateHookSchema(bytes, shown, { baseDirectory: dirname(path) });
  if (!report.valid || !report.cfnAccepts || !report.schema) {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    throw new ContractInputError(`${shown} is not a valid hook schema (${errors.length} error(s)); no case was run`, report.diagnostics.map(plainDiagnostic));
  }
  warnings.push(...report.diagnostics.map(plainDiagnostic));
  // Parsed again only to place what is said about the schema after the run; unplaced (line 0) if it will not parse.
  let document: ParsedDocument | undefined;
  try {
    document = parseJson(bytes.toString('utf8'), shown);
  } catch {
    document = undefined;
  }
  return { schema: report.schema, locate: (pointer) => document?.locate(pointer) ?? { line: 0, column: 0 } };
}

/** A schema diagnostic without the validator's own fields (`rule`, `cfn`), as every other diagnostic is printed. */
function plainDiagnostic(d: Diagnostic): Diagnostic {
  return { code: d.code, severity: d.severity, message: d.message, ...(d.file ? { file: d.file } : {}), path: d.path, line: d.line, column: d.column };
}

/**
 * A --typeconfig file: the configuration document (`CloudFormationConfiguration.HookConfiguration.Properties`, as cfn
 * reads it) or [choice] the Properties alone. Either is checked by the project's configuration validator against the
 * schema's typeConfiguration, as `simulate --config`, `validate --config` and `configure` check it: SetTypeConfiguration
 * refuses a property the schema does not declare, so a misspelt key would test the defaults, never what ships.
 */
function checkedTypeConfiguration(shown: string, path: string, schema: HookSchema, warnings: Diagnostic[]): JsonObject {
  const text = readNamedFile(shown, path, 'the type configuration').toString('utf8');
  if (isConfigurationDocument(text)) {
    const report = validateHookConfiguration(text, shown, schema);
    if (!report.valid || !report.configuration) throw new ContractInputError(`${shown} is not a valid hook configuration; no case was run`, report.diagnostics);
    const properties = report.configuration.Properties;
    // cfn test reads ["HookConfiguration"]["Properties"] and stops ("Hook configuration is invalid") without them.
    if (properties === undefined) throw new ContractInputError(`${shown}: CloudFormationConfiguration.HookConfiguration.Properties is missing; cfn test stops without it`);
    warnings.push(...report.diagnostics);
    return properties as JsonObject;
  }
  const report = validateConfigurationProperties(text, shown, schema);
  if (!report.valid || !report.properties) throw new ContractInputError(`${shown} is not a valid type configuration; no case was run`, report.diagnostics);
  warnings.push(...report.diagnostics);
  return report.properties as JsonObject;
}

/** True unless the text is a JSON object without `CloudFormationConfiguration`: anything unreadable is the document validator's to explain. */
function isConfigurationDocument(text: string): boolean {
  try {
    const value: unknown = JSON.parse(stripBom(text));
    return !isJsonObject(value) || Object.hasOwn(value, 'CloudFormationConfiguration');
  } catch {
    return true;
  }
}

/** The schema's typeConfiguration defaults, as the service would send them (strings). */
export function schemaDefaults(schema: HookSchema): JsonObject | null {
  const properties = schema.typeConfiguration?.properties ?? {};
  const model: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) {
    if (property.default !== undefined) model[name] = typeof property.default === 'string' ? property.default : JSON.stringify(property.default);
  }
  return Object.keys(model).length ? model : null;
}

/** The packager's refusal of `.rpdk-config` as the contract runner's input error: located when it has a place. */
function settingsError(error: ProjectError): ContractInputError {
  if (error.line === 0) return new ContractInputError(`.rpdk-config: ${error.message}`);
  return new ContractInputError('.rpdk-config cannot be read as cfn reads it; no case was run', [
    { code: 'CT_SETTINGS', severity: 'error', message: error.message, file: error.file, path: '', line: error.line, column: error.column },
  ]);
}

/** Which file and export to call, and where .rpdk-config names them (undefined when it does not: the default). */
interface LocatedHandler extends HandlerLocation {
  readonly key: 'entrypoint' | 'testEntrypoint';
  readonly reference: string;
  readonly namedAt?: { readonly line: number; readonly column: number };
}

/**
 * Which file and export to call: .rpdk-config's entrypoint / testEntrypoint (`dist/handlers.entrypoint`), unless
 * --handler names the file. The entrypoint is read by the packager's own reader (entrypointLocation), so one that
 * climbs out of the project is refused here as there, before anything outside is loaded.
 */
function handlerLocation(cwd: string, handlerOption: string | undefined, fn: string): LocatedHandler {
  const key = fn === 'TestEntrypoint' ? 'testEntrypoint' : 'entrypoint';
  let reference = `dist/handlers.${key}`;
  let namedAt: LocatedHandler['namedAt'];
  const config = resolve(cwd, '.rpdk-config');
  if (existsSync(config)) {
    // cfn test loads the project as cfn submit does, so it is read by the packager's reader: a byte-order mark, which
    // cfn's json.load refuses, was stripped here and the file taken.
    let document: ParsedDocument;
    try {
      ({ document } = readSettingsDocument(cwd));
    } catch (error) {
      if (error instanceof ProjectError) throw settingsError(error);
      throw error;
    }
    const settings = (isJsonObject(document.value) ? document.value : {}) as { entrypoint?: unknown; testEntrypoint?: unknown };
    const configured = settings[key];
    if (typeof configured === 'string' && configured.includes('.')) {
      reference = configured;
      namedAt = document.locate(`/${key}`);
    }
  }
  let location;
  try {
    location = entrypointLocation(reference, key);
  } catch (error) {
    if (error instanceof ProjectError) throw new ContractInputError(`.rpdk-config: ${error.message}`);
    throw error;
  }
  return { file: resolve(cwd, handlerOption ?? location.module), exportName: location.exportName, key, reference, namedAt };
}

/**
 * Checks, in a worker of its own (checkHandlerLoads, the packager's check too), that the module loads and exports the
 * entrypoint; a failure is the user's input error. An export the module lacks is located where .rpdk-config names it.
 */
async function loadHandler(handler: LocatedHandler, cwd: string): Promise<HandlerLocation> {
  const failure = await checkHandlerLoads(handler);
  if (!failure) return { file: handler.file, exportName: handler.exportName };
  if (failure.kind === 'no-export' && handler.namedAt) {
    const message = `.rpdk-config "${handler.key}" names ${handler.reference}, but ${relative(cwd, handler.file)} ${failure.reason}`;
    throw new ContractInputError(`.rpdk-config names an export ${relative(cwd, handler.file)} lacks; no case was run`, [
      { code: 'CT_HANDLER_EXPORT', severity: 'error', message, file: '.rpdk-config', path: `/${handler.key}`, line: handler.namedAt.line, column: handler.namedAt.column },
    ]);
  }
  throw new ContractInputError(`${handler.file}${failure.kind === 'no-export' ? ' ' : ': '}${failure.reason}`);
}
