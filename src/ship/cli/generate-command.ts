/**
 * `ship generate`: write hook-role.yaml from the schema's handler permissions, as `cfn generate` does.
 */
import { relative, resolve } from 'node:path';
import { EXIT_OK, type CliIo } from '../../kernel/cli';
import { generateHookRole } from '../generate/generate-hook-role';
import { loadSchemaValidator } from '../project/schema-check';
import { COMMON_OPTIONS, runCommand } from './command-options';
import { printDiagnostics } from './report';

/** Runs `generate`; returns the exit code. */
export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommand('generate', argv, io, COMMON_OPTIONS, async (values, format) => {
    const root = resolve(io.cwd, values.root ?? '.');
    const generated = generateHookRole(root, await loadSchemaValidator());
    printDiagnostics(io, generated.warnings);
    const file = relative(io.cwd, generated.path) || generated.path;
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ ok: true, file, changed: generated.changed, effect: generated.effect, actions: generated.actions }, null, 2)}\n`);
    } else {
      const what = generated.effect === 'Allow' ? `allows ${generated.actions.join(', ')}` : 'denies every action (the handlers list no permissions)';
      io.stdout(`${generated.changed ? 'wrote' : 'unchanged:'} ${file}: the execution role ${what}\n`);
    }
    return EXIT_OK;
  });
}
