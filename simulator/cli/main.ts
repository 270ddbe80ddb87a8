/**
 * `simulate`: main(argv, io) → exit code. 0 the operation would complete, 1 a hook would block it (or a resource refuse its update),
 * 2 usage or input error (a located message), 3 internal error (a bug).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { EXIT_OK, EXIT_USAGE, formatAsked, type CliIo } from '../../src/kernel/cli';
import { isDirectory } from '../../src/kernel/source';
import { isAssemblyManifestFile } from '../cloudformation/assembly';
import { runLifecycle } from './collaborators';
import { isGlob, npmTookOptions, optionsTakenByNpm, parseSimulateArgs, UsageError, USAGE, type SimulateOptions } from './options';
import { failureDocument, reportFailure, runDiagnostic, simulateOne, workingDirectory } from './simulate-one';

/** Runs the simulate command; never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'amplify' || argv[0] === 'beanstalk') return runLifecycle(argv, io);
  let parsed = false;
  try {
    // A Cloud Control request, not a template: its own options, its own output; its errors are reported below.
    // Loaded only for that command; it is this CLI's own, so it is imported here, not through collaborators.ts.
    if (argv[0] === 'cloudcontrol') return await (await import('./cloud-control/command')).runCloudControl(argv.slice(1), io);
    const taken = optionsTakenByNpm(io.env);
    if (taken.length > 0) throw npmTookOptions(taken);
    if (argv.length === 0) {
      io.stderr(USAGE);
      return EXIT_USAGE;
    }
    const cwd = workingDirectory(io);
    const options = parseSimulateArgs(argv, {
      underNpm: io.env.npm_lifecycle_event !== undefined,
      exists: (path) => existsSync(isAbsolute(path) ? path : join(cwd, path)),
    });
    parsed = true;
    if (options.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (isManyInputs(options, cwd)) {
      const { runMany } = await import('./many');
      return await runMany(options, io);
    }
    return (await simulateOne(options, io)).code;
  } catch (error) {
    const code = reportFailure(error, io);
    // A command line that does not parse, with a machine format on it (`--format sarif > simulate.sarif` in CI):
    // that format's document of a run that could not start, not an empty file the upload step would choke on.
    const format = parsed || !(error instanceof UsageError) ? undefined : formatAsked(argv, ['json', 'sarif', 'junit']);
    if (format !== undefined) io.stdout(failureDocument(format, undefined, [runDiagnostic('USAGE', error instanceof Error ? error.message : String(error))], false, workingDirectory(io)));
    return code;
  }
}

/** Many inputs, a directory, a glob or a cloud assembly: the many-templates run (simulator/cli/many.ts). */
function isManyInputs(options: SimulateOptions, cwd: string): boolean {
  if (options.inputs.length !== 1) return options.inputs.length > 1;
  const input = options.inputs[0] as string;
  if (input === '-') return false;
  // A file that may be no template is judged as a walk judges one: the many-templates run skips it and counts it.
  // A shard of one template is that template (shard 1) or nothing: each unit in exactly one shard of a CI matrix.
  if (options.skipNonTemplates || options.shard !== undefined) return true;
  const path = isAbsolute(input) ? input : join(cwd, input);
  // A cloud assembly's `manifest.json` named on its own stands for the assembly (simulator/cli/inputs.ts).
  return isGlob(input) || isDirectory(path) || isAssemblyManifestFile(path);
}
