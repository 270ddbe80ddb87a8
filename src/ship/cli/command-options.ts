/**
 * Options every shipping subcommand shares, and the usage text.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ProjectError } from '../errors';
import { reportError, type OutputFormat } from './report';
import { argumentErrorText, EXIT_OK, formatAsked, parseOutputFormat, refuseRepeatedValues, VERSION_HELP, type CliIo } from '../../kernel/cli';

export const USAGE = `usage: ship <command> [options]

commands:
  generate    validate the hook schema and write hook-role.yaml, the execution role for its handlers' permissions
  package     validate the hook schema and write <type-name>.zip, the package \`cfn submit\` uploads
  submit      package, then deploy the execution role and upload infrastructure, upload, RegisterType
  configure   validate a hook configuration document, then SetTypeConfiguration

common options:
  --root <dir>              the project root (default: the current directory)
  --region <region>         AWS region (default: the SDK's: AWS_REGION, the profile's region)
  --profile <name>          AWS shared-config profile
  --format text|json        output format (default text)
  -h, --help                this help
  --version                 ${VERSION_HELP}

package and submit refuse a hook-role.yaml that does not allow every handler permission (run generate);
submit with --role-arn or --no-role does not check it.

package:
  --output <file>           where to write the zip (default <root>/<type-name>.zip)
  --fetch-target-schemas    take target schemas from the registry (DescribeType) instead of target-schemas/

submit:
  --role-arn <arn>          use this execution role instead of deploying hook-role.yaml
  --no-role                 register without an execution role
  --set-default             make the new version the default (SetTypeDefaultVersion)
  --dry-run                 package and print the calls submit would make; no credentials, no call
  --fetch-target-schemas    as for package

configure:
  --config <file>           the hook configuration document (required)
  --type-arn <arn>          configure the type by ARN instead of by the schema's typeName

exit codes: 0 ok, 1 refused (invalid schema or configuration) or an AWS step failed, 2 usage, input or setup error, 3 a bug
`;

/** Options shared by every subcommand, merged with the subcommand's own. */
export const COMMON_OPTIONS = {
  root: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What a subcommand's options parse to. */
export type CommandValues<O extends CommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>['values'];

/**
 * The frame every subcommand runs in: parse `argv` against `options`, answer `--help`, refuse positional arguments
 * (`positionalHint` says where such an argument belongs), then run `body`. Any error, a usage error included, is
 * reported in the format the command line asked for, even when the command line did not parse.
 */
export async function runCommand<const O extends typeof COMMON_OPTIONS & CommandOptions>(
  name: string,
  argv: string[],
  io: CliIo,
  options: O,
  body: (values: CommandValues<O>, format: OutputFormat) => Promise<number>,
  positionalHint = '',
): Promise<number> {
  let format: OutputFormat = formatAsked(argv, ['json']) ?? 'text';
  try {
    const { values, positionals, tokens } = guardUsage(() => parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true }), options);
    refuseRepeatedValues(tokens, options, usageError);
    // Every O holds COMMON_OPTIONS, but TypeScript does not carry that through parseArgs' generic result.
    const common = values as { readonly help?: boolean; readonly format?: string };
    if (common.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    format = outputFormat(common.format);
    if (positionals.length > 0) throw usageError(`${name} takes no arguments (found ${positionals.join(' ')})${positionalHint}`);
    return await body(values, format);
  } catch (error) {
    return reportError(io, error, format);
  }
}

/**
 * Runs node:util parseArgs; its errors (unknown option, missing value) become a usage ProjectError (exit 2), an
 * unknown option naming the one of `options` it most likely meant.
 */
export function guardUsage<T>(parse: () => T, options: Readonly<Record<string, unknown>>): T {
  try {
    return parse();
  } catch (error) {
    throw usageError(argumentErrorText(error, options));
  }
}

/** `--format` checked. */
export function outputFormat(value: unknown): OutputFormat {
  return parseOutputFormat(value, ['text', 'json'], usageError);
}

/** A usage error: reported like an input error, exit 2. No file is involved, so it names none (`file: ''`). */
export function usageError(message: string): ProjectError {
  return new ProjectError(`${message} (see --help)`, '', 0, 0, 'USAGE');
}
