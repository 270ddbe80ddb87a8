/**
 * `validate <schema.json> [--config <hook-config.json>] [--format text|json|sarif]`: checks a hook schema (and
 * optionally a configuration for it). Exit 0 valid, 1 a check failed, 2 usage or unreadable input.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { argumentErrorText, type CliIo, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, formatAsked, PACKAGE, parseOutputFormat, refuseRepeatedValues, usageErrorText, VERSION_HELP } from '../kernel/cli';
import { errorsJson, sarifSourceBase, toSarif, type SarifFinding, type SarifLevel } from '../kernel/report';
import { CONFIGURATION_RULES, SCHEMA_RULES, type Rule } from './rules';
import { type Diagnostic, formatDiagnostic } from '../kernel/diagnostics';
import { DEFAULT_READ_LIMIT_BYTES, FileReadError, readBoundedBytes } from '../kernel/source';
import { type ConfigurationReport, validateHookConfiguration } from './validate-configuration';
import { type SchemaDiagnostic, type SchemaReport, validateHookSchema } from './validate-schema';

/** The formats validate writes (JUnit would say nothing a SARIF or text report does not). */
type ValidateFormat = 'text' | 'json' | 'sarif';

const USAGE = `usage: validate <schema.json> [--config <hook-config.json>] [--format text|json|sarif]

Checks a CloudFormation hook schema against what \`cfn submit\` enforces and what the AWS docs require,
and optionally a hook configuration (SetTypeConfiguration's document) against it.
--format sarif writes SARIF 2.1.0 for code scanning (a result per finding, the rule table as rules).
--version: ${VERSION_HELP}.
Exit codes: 0 valid, 1 a check failed, 2 usage error or unreadable input.
`;

/** Runs the command; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let options: { config?: string; format: ValidateFormat; file: string };
  if (argv.length === 0) {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(usageErrorText('validate', message, io.env));
    const format = formatAsked(argv, ['json', 'sarif'], '-f');
    if (format !== undefined) io.stdout(couldNotStart(format, [{ code: 'USAGE', severity: 'error', message, file: '', path: '', line: 0, column: 0 }], io));
    return EXIT_USAGE;
  }
  try {
    return validateFiles(options, io);
  } catch (error) {
    // A bug is still reported as one (exit 3, by the runner), but a machine format gets its document, never an
    // empty file that the CI step reading it would choke on.
    if (options.format !== 'text') {
      const message = `internal error (this is a bug, please report it): ${error instanceof Error ? error.message : String(error)}`;
      io.stdout(couldNotStart(options.format, [{ code: 'INTERNAL', severity: 'error', message, file: options.file, path: '', line: 0, column: 0 }], io));
    }
    throw error;
  }
}

function validateFiles(options: { config?: string; format: ValidateFormat; file: string }, io: CliIo): number {
  const schemaBytes = readInput(options.file, io, 'the schema', options.format);
  if (schemaBytes === undefined) return EXIT_USAGE;
  // cfn resolves a $ref to another file against the schema file's own location.
  const report = validateHookSchema(schemaBytes, options.file, { baseDirectory: dirname(inputPath(options.file, io)) });

  let configuration: ConfigurationOutcome | undefined;
  if (options.config !== undefined) {
    const configBytes = readInput(options.config, io, 'the configuration', options.format);
    if (configBytes === undefined) return EXIT_USAGE;
    const configText = configBytes.toString('utf8');
    configuration = report.schema
      ? { file: options.config, report: validateHookConfiguration(configText, options.config, report.schema) }
      : { file: options.config, skipped: 'not checked: the schema has errors that cfn submit would reject; fix those first' };
  }

  const render = { json: () => renderJson(report, configuration), sarif: () => renderSarif(options.file, report, configuration, io), text: () => renderText(options.file, report, configuration) };
  io.stdout(render[options.format]());

  const unreadable = report.diagnostics.some((d) => d.rule === 'HS001' || d.rule === 'HS004') || configuration?.report?.diagnostics.some((d) => d.code === 'HC001');
  if (unreadable) return EXIT_USAGE;
  const failed = !report.valid || (configuration !== undefined && !configuration.report?.valid);
  return failed ? EXIT_CHECK_FAILED : EXIT_OK;
}

class HelpRequested extends Error {}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f', default: 'text' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseOptions(argv: string[]): { config?: string; format: ValidateFormat; file: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, tokens: true, options: OPTIONS });
  } catch (error) {
    throw new Error(argumentErrorText(error, OPTIONS), { cause: error });
  }
  refuseRepeatedValues(parsed.tokens, OPTIONS, (message) => new Error(message));
  const { values, positionals } = parsed;
  if (values.help) throw new HelpRequested();
  const format = parseOutputFormat(values.format, ['text', 'json', 'sarif'], (message) => new Error(message));
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'missing the schema file' : `expected one schema file, got ${positionals.length}`);
  return { config: values.config, format, file: positionals[0] };
}

/**
 * Reads an input file whole, with a bound (DEFAULT_READ_LIMIT_BYTES, far above the 300 KB a configuration may have
 * and any real schema), so `/dev/zero` or a 10 GB file is a located input error (exit 2), not an exhausted memory.
 */
function readInput(file: string, io: CliIo, what: string, format: ValidateFormat): Buffer | undefined {
  // `npm run validate -- x.json` runs in the package root; npm leaves the user's own directory in INIT_CWD.
  try {
    const { bytes, truncated } = readBoundedBytes(inputPath(file, io), DEFAULT_READ_LIMIT_BYTES, what);
    if (truncated) throw new FileReadError(file, `it is larger than ${DEFAULT_READ_LIMIT_BYTES} bytes`, 'FILE_TOO_LARGE', what);
    return bytes;
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    for (const d of error.diagnostics) io.stderr(`${formatDiagnostic({ ...d, file })}\n`);
    if (format !== 'text') io.stdout(couldNotStart(format, error.diagnostics.map((d) => ({ ...d, file })), io));
    return undefined;
  }
}

/**
 * The JSON or SARIF document of a run that could not validate anything: `{"errors": [...]}` as simulate writes it,
 * or a SARIF log whose notifications say why (so it is not `executionSuccessful`), never an empty file.
 */
function couldNotStart(format: 'json' | 'sarif', errors: readonly Diagnostic[], io: CliIo): string {
  if (format === 'json') return errorsJson(errors);
  const notifications = errors.map((d) => ({ message: d.message, level: 'error' as const, code: d.code, ...(d.file ? { file: d.file.split('\\').join('/'), line: d.line, column: d.column } : {}) }));
  return toSarif(SARIF_TOOL, [], [], notifications, false, sarifSourceBase(io.env.INIT_CWD ?? io.cwd));
}

/** Where an input file named on the command line is: relative to the user's directory (npm's INIT_CWD), not the package root. */
function inputPath(file: string, io: CliIo): string {
  const base = io.env.INIT_CWD ?? io.cwd;
  return isAbsolute(file) ? file : join(base, file);
}

interface ConfigurationOutcome {
  file: string;
  report?: ConfigurationReport;
  skipped?: string;
}

function renderJson(report: SchemaReport, configuration: ConfigurationOutcome | undefined): string {
  const output: Record<string, unknown> = {
    valid: report.valid,
    cfnAccepts: report.cfnAccepts,
    diagnostics: report.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: d.message, path: d.path, line: d.line, column: d.column, cfn: d.cfn })),
  };
  if (configuration) {
    output.configuration = {
      file: configuration.file,
      valid: configuration.report?.valid ?? false,
      ...(configuration.skipped ? { skipped: configuration.skipped } : {}),
      diagnostics: (configuration.report?.diagnostics ?? []).map((d) => ({ rule: d.code, severity: d.severity, message: d.message, path: d.path, line: d.line, column: d.column })),
    };
  }
  return `${JSON.stringify(output, null, 2)}\n`;
}

/** The tool every SARIF log of validate names. */
const SARIF_TOOL = { name: 'mytesthook-validate', version: PACKAGE.version };

const SARIF_LEVEL: Readonly<Record<Diagnostic['severity'], SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0: every rule of the table, a result per diagnostic at its file, line and column. */
function renderSarif(file: string, report: SchemaReport, configuration: ConfigurationOutcome | undefined, io: CliIo): string {
  const rules = [...Object.values(SCHEMA_RULES), ...Object.values(CONFIGURATION_RULES)].map((r: Rule) => ({
    id: r.id,
    summary: r.summary,
    help: `${r.summary}${r.cfn ? ' (cfn submit or the service rejects this too)' : ''}; see docs/schema-validator.md`,
    level: SARIF_LEVEL[r.severity],
  }));
  const finding = (d: Diagnostic, inFile: string): SarifFinding => ({
    ruleId: d.code,
    level: SARIF_LEVEL[d.severity],
    message: d.path ? `${d.message} (at ${d.path})` : d.message,
    file: inFile.split('\\').join('/'),
    line: d.line,
    column: d.column,
  });
  const findings = report.diagnostics.map((d) => finding(d, file));
  if (configuration?.report) findings.push(...configuration.report.diagnostics.map((d) => finding(d, configuration.file)));
  // Located from the repository's root, as simulate's: code scanning reads uris so.
  return toSarif(SARIF_TOOL, rules, findings, [], true, sarifSourceBase(io.env.INIT_CWD ?? io.cwd));
}

function renderText(file: string, report: SchemaReport, configuration: ConfigurationOutcome | undefined): string {
  const lines = report.diagnostics.map((d: SchemaDiagnostic) => `${formatDiagnostic(d)}${d.cfn ? ' [cfn submit rejects this]' : ''}`);
  lines.push(`${file}: ${summary(report.diagnostics, report.valid)}; cfn submit would ${report.cfnAccepts ? 'accept' : 'reject'} it`);
  if (configuration) {
    if (configuration.report) {
      lines.push(...configuration.report.diagnostics.map((d) => formatDiagnostic(d)));
      lines.push(`${configuration.file}: ${summary(configuration.report.diagnostics, configuration.report.valid)}`);
    } else lines.push(`${configuration.file}: ${configuration.skipped ?? 'not checked'}`);
  }
  return `${lines.join('\n')}\n`;
}

function summary(diagnostics: readonly Diagnostic[], valid: boolean): string {
  const count = (severity: Diagnostic['severity']): number => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [`${count('error')} error(s)`, `${count('warning')} warning(s)`];
  if (count('info') > 0) parts.push(`${count('info')} note(s)`);
  return `${valid ? 'valid' : 'invalid'} (${parts.join(', ')})`;
}
