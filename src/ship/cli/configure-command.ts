/**
 * `ship configure --config <file>`: validate the hook configuration, then SetTypeConfiguration.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_OK, formatAsked, type CliIo } from '../../kernel/cli';
import { FileReadError, readBoundedText } from '../../kernel/source';
import { checkConfiguration, checkTypeArn, configureHook } from '../configure/configure-hook';
import { loadHookProject } from '../project/hook-project';
import { loadConfigurationValidator } from '../project/schema-check';
import { cloudFormationClient } from './aws-clients';
import { COMMON_OPTIONS, guardUsage, outputFormat, usageError, USAGE } from './command-options';
import { printDiagnostics, reportError, type OutputFormat } from './report';

const OPTIONS = {
  ...COMMON_OPTIONS,
  config: { type: 'string' },
  'type-arn': { type: 'string' },
} as const;

/** Runs `configure`; returns the exit code. */
export async function configureCommand(argv: string[], io: CliIo): Promise<number> {
  // Read off the command line first: a command line that does not parse still reports in the format it asks for.
  let format: OutputFormat = formatAsked(argv, ['json']) ?? 'text';
  try {
    const { values, positionals } = guardUsage(() => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }), OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    format = outputFormat(values.format);
    if (positionals.length > 0) throw usageError(`configure takes no arguments (found ${positionals.join(' ')}); the document goes in --config`);
    if (!values.config) throw usageError('--config <hook-config.json> is required');
    if (values['type-arn'] !== undefined) checkTypeArn(values['type-arn']);
    const project = loadHookProject(resolve(io.cwd, values.root ?? '.'));
    const file = values.config;
    // Bounded: far above the 300 KB the service accepts (the validator reports that limit, HC003, with the size).
    const text = readNamedFile(resolve(io.cwd, file), file);
    const warnings = checkConfiguration(text, file, project.schema, await loadConfigurationValidator());
    printDiagnostics(io, warnings);
    const typeName = project.settings.typeName;
    const client = await cloudFormationClient({ region: values.region, profile: values.profile });
    const configurationArn = await configureHook(client, text, { typeName, typeArn: values['type-arn'] });
    if (format === 'json') io.stdout(`${JSON.stringify({ ok: true, typeName, typeArn: values['type-arn'], configurationArn }, null, 2)}\n`);
    else io.stdout(`configured ${values['type-arn'] ?? typeName} from ${file}\n  configuration arn: ${configurationArn || '(not returned)'}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error, format);
  }
}

/** Reads the configuration with the kernel's bound; an error names the file as the user wrote it. */
function readNamedFile(path: string, file: string): string {
  try {
    return readBoundedText(path, { what: 'the configuration' });
  } catch (error) {
    if (error instanceof FileReadError) throw new FileReadError(file, error.reason, error.code, 'the configuration');
    throw error;
  }
}
