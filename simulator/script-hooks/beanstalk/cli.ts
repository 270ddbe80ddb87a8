/** `simulate beanstalk <deploy|config|launch|restart> [options]`. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { VERSION_HELP, type CliIo } from '../../../src/kernel/cli';
import { closestName } from '../../../src/kernel/diagnostics';
import { parseFormat, parseTimeout, usageErrorFrom } from '../cli-options';
import { LifecycleUsageError } from '../errors';
import type { LifecycleReport } from '../report';
import { BEANSTALK_OPERATIONS, type BeanstalkOperation } from './layout';
import { runBeanstalkHooks } from './run';

export const BEANSTALK_USAGE = `Usage: simulate beanstalk <deploy|config|launch|restart> [options]

Runs an Elastic Beanstalk operation's hooks: .platform/hooks (deploy, launch) or .platform/confighooks (config),
prebuild -> predeploy -> postdeploy, as Amazon Linux 2/2023 platforms do.

Options:
  --source <dir>       the folder eb deploy bundles (default: the current directory); scripts run here;
                       hooks its .ebignore leaves out are not run
  --legacy <dir>       run a legacy hooks tree instead (what /opt/elasticbeanstalk/hooks holds: preinit,
                       appdeploy|configdeploy|restartappserver/{pre,enact,post}, postinit)
  --timeout <seconds>  the whole command's timeout (default 600, as the platform's)
  --require-exec-bit   fail a script without an execute bit, as Amazon Linux 2 platform versions released
                       before 29 April 2022 do (current versions set the bit; so does the simulator by default)
  --dry-run            list the scripts in run order and report what fails before a script starts, but
                       start none (a real bundle's hooks install packages and migrate databases)
  --format text|json   text (default) shows EB's events and logs; json is the whole report
  --version            ${VERSION_HELP}
`;

const OPTIONS = {
  source: { type: 'string' },
  legacy: { type: 'string' },
  timeout: { type: 'string' },
  'require-exec-bit': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string' },
} as const;

/** Parses the beanstalk subcommand's arguments and runs the simulation. */
export async function runBeanstalkCommand(argv: readonly string[], io: CliIo): Promise<{ report: LifecycleReport; format: 'text' | 'json' }> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    throw usageErrorFrom(error, OPTIONS);
  }
  const { values, positionals } = parsed;
  const operation = positionals[0];
  if (positionals.length !== 1 || !BEANSTALK_OPERATIONS.includes(operation as BeanstalkOperation)) {
    // A typo (`deplyo`) names the operation meant, as `simulate amplify psuh` does.
    const near = positionals.length === 1 && operation !== undefined ? closestName(operation, BEANSTALK_OPERATIONS) : undefined;
    throw new LifecycleUsageError(`expected one operation: ${BEANSTALK_OPERATIONS.join(', ')}${operation ? `, not "${positionals.join(' ')}"` : ''}${near ? ` (did you mean ${near}?)` : ''}`);
  }
  const format = parseFormat(values.format);
  const report = await runBeanstalkHooks({
    operation: operation as BeanstalkOperation,
    sourceRoot: resolve(io.cwd, values.source ?? '.'),
    legacyRoot: values.legacy === undefined ? undefined : resolve(io.cwd, values.legacy),
    timeoutSeconds: parseTimeout(values.timeout),
    requireExecuteBit: values['require-exec-bit'],
    dryRun: values['dry-run'],
    env: io.env,
    write: format === 'text' ? (text) => io.stdout(text) : undefined,
  });
  return { report, format };
}
