/**
 * What every command prints for a usage error: its name and what was wrong, then how to see its options. Not the
 * whole usage text: at 10 to 90 lines it pushed the one line that said what was wrong off the screen, above the
 * options. A command given no arguments at all prints its usage (nothing was asked, so the usage is the answer),
 * and `--help` prints it on stdout.
 */

/**
 * How a command is started when its name is not what one types: `contract` is `node dist/contract.js`, or
 * `npm run test:contract`.
 */
export interface CommandInvocation {
  /** What runs it outside npm: `node dist/contract.js`. */
  readonly direct: string;
  /** The npm script that runs it: `test:contract`. */
  readonly npmScript: string;
}

/** The two lines of a usage error of `command` (`simulate`, `simulate cloudcontrol`, `validate`, `contract`). */
export function usageErrorText(command: string, message: string, env: Readonly<Record<string, string | undefined>>, invocation?: CommandInvocation): string {
  return `${command}: ${message}\n${helpHint(command, env, invocation)}\n`;
}

/**
 * How to ask `command` for its options, as the user is running it: under `npm run simulate`, npm would take a bare
 * `--help` for itself, so it goes after `--`.
 */
export function helpHint(command: string, env: Readonly<Record<string, string | undefined>>, invocation?: CommandInvocation): string {
  const [program, ...words] = command.split(' ');
  const npmScript = invocation?.npmScript ?? program;
  const typed = env.npm_lifecycle_event === npmScript ? ['npm run', npmScript, '--', ...words, '--help'] : [invocation?.direct ?? command, '--help'];
  return `Run \`${typed.join(' ')}\` for its options.`;
}
