/**
 * `ship package`: validate the schema and write the zip `cfn submit` would upload.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import { EXIT_OK, type CliIo } from '../../kernel/cli';
import { packageHook, type PackagedHook } from '../package/package-hook';
import { loadSchemaValidator } from '../project/schema-check';
import { cloudFormationClient } from './aws-clients';
import { COMMON_OPTIONS, runCommand } from './command-options';
import { printDiagnostics, type OutputFormat } from './report';

const OPTIONS = {
  ...COMMON_OPTIONS,
  output: { type: 'string' },
  'fetch-target-schemas': { type: 'boolean', default: false },
} as const;

/** Runs `package`; returns the exit code. */
export async function packageCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommand('package', argv, io, OPTIONS, async (values, format) => {
    const root = resolve(io.cwd, values.root ?? '.');
    const packaged = await packageHook({
      root,
      validateSchema: await loadSchemaValidator(),
      registryClient: values['fetch-target-schemas'] ? await cloudFormationClient({ region: values.region, profile: values.profile }) : undefined,
      output: values.output === undefined ? undefined : resolve(io.cwd, values.output),
    });
    printDiagnostics(io, packaged.warnings);
    io.stdout(describePackage(packaged, io.cwd, format));
    return EXIT_OK;
  });
}

/** The package's summary: path, size, SHA-256 and every member, in archive order. */
export function describePackage(packaged: PackagedHook, cwd: string, format: OutputFormat): string {
  const { hookPackage } = packaged;
  const sha256 = createHash('sha256').update(hookPackage.bytes).digest('hex');
  // Under the working directory as a relative path; elsewhere (`--output /tmp/hook.zip`) as the absolute one.
  const below = relative(cwd, packaged.path);
  const file = below && !below.startsWith('..') && !isAbsolute(below) ? below : packaged.path;
  if (format === 'json') {
    return `${JSON.stringify(
      {
        ok: true,
        file,
        bytes: hookPackage.bytes.length,
        sha256,
        targetSchemas: packaged.targetSchemaSource,
        entries: hookPackage.entries.map((e) => ({ name: e.name, bytes: e.data.length })),
      },
      null,
      2,
    )}\n`;
  }
  const width = Math.max(...hookPackage.entries.map((e) => e.name.length));
  const lines = hookPackage.entries.map((e) => `  ${e.name.padEnd(width)}  ${String(e.data.length).padStart(9)} bytes`);
  return [
    `wrote ${file} (${hookPackage.bytes.length} bytes, sha256 ${sha256})`,
    `target schemas from ${packaged.targetSchemaSource === 'registry' ? 'the registry (DescribeType)' : 'target-schemas/'}`,
    ...lines,
    '',
  ].join('\n');
}
