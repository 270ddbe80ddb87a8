/**
 * What every command prints for a usage error: its name and what was wrong, then how to see its options. Not the
 * whole usage text: at 10 to 90 lines it pushed the one line that said what was wrong off the screen, above the
 * options. A command given no arguments at all prints its usage (nothing was asked, so the usage is the answer),
 * and `--help` prints it on stdout.
 */

/** The two lines of a usage error of `command` (`simulate`, `simulate cloudcontrol`, `validate`). */
export function usageErrorText(command: string, message: string, env: Readonly<Record<string, string | undefined>>): string {
  return `${command}: ${message}\n${helpHint(command, env)}\n`;
}

/**
 * How to ask `command` for its options, as the user is running it: under `npm run simulate`, npm would take a bare
 * `--help` for itself, so it goes after `--`.
 */
export function helpHint(command: string, env: Readonly<Record<string, string | undefined>>): string {
  const [program, ...words] = command.split(' ');
  const typed = env.npm_lifecycle_event === program ? ['npm run', program, '--', ...words, '--help'] : [command, '--help'];
  return `Run \`${typed.join(' ')}\` for its options.`;
}
