/**
 * Which Amplify CLI commands are hook events, and how a command line becomes one. The table is the Amplify CLI's
 * own (hooksConstants); anything not in it runs no hooks at all, which is the surprise this module exists to show.
 */
import { closestName } from '../../../src/kernel/diagnostics';

/** Supported commands and, for each, the sub-commands that have their own hook files. */
export const SUPPORTED_EVENTS: Readonly<Record<string, readonly string[]>> = {
  add: ['notifications', 'analytics', 'api', 'auth', 'function', 'hosting', 'interactions', 'predictions', 'storage', 'codegen', 'env'],
  update: ['notifications', 'analytics', 'api', 'auth', 'function', 'hosting', 'interactions', 'predictions', 'storage', 'env'],
  remove: ['notifications', 'analytics', 'api', 'auth', 'function', 'hosting', 'interactions', 'predictions', 'storage', 'env'],
  push: ['analytics', 'api', 'auth', 'function', 'hosting', 'interactions', 'storage'],
  pull: ['env'],
  publish: [],
  delete: [],
  checkout: ['env'],
  list: ['env'],
  get: ['env'],
  mock: ['api', 'storage', 'function'],
  build: ['function'],
  status: ['notifications'],
  import: ['auth', 'storage', 'env'],
  gqlcompile: ['api'],
  addgraphqldatasource: ['api'],
  statements: ['codegen'],
  types: ['codegen'],
};

/**
 * Commands the Amplify CLI has that are not hook events (they run no hooks), and the categories a command line may
 * name first (`amplify api gql-compile`). [choice] The CLI's top-level commands and categories as of v12; anything
 * outside this list and the event table is a typo, not a command that runs no hooks.
 */
export const OTHER_COMMANDS: readonly string[] = [
  'env', 'configure', 'init', 'console', 'diagnose', 'drift', 'export', 'help', 'logout', 'override', 'plugin', 'run',
  'serve', 'uninstall', 'upgrade', 'version', 'gql-compile', 'add-graphql-datasource', 'codegen',
  'analytics', 'api', 'auth', 'custom', 'function', 'geo', 'hosting', 'interactions', 'notifications', 'predictions', 'storage',
];

/** Why a command name is not one the Amplify CLI knows, with the nearest one it does; undefined when it is known. */
export function unknownCommandMessage(command: string): string | undefined {
  const known = [...Object.keys(SUPPORTED_EVENTS), ...OTHER_COMMANDS];
  if (known.includes(command)) return undefined;
  const near = closestName(command, known);
  return `unknown Amplify command ${JSON.stringify(command)}${near ? ` (did you mean ${near}?)` : ''}: the Amplify CLI would refuse it and run no hooks`;
}

/** `amplify env <verb>` is the `<verb>` event with sub-command `env`, for these verbs only. */
export const ENV_VERBS: readonly string[] = ['add', 'update', 'remove', 'pull', 'checkout', 'list', 'get', 'import'];

/** The hook event a command line maps to; `command` absent means no hooks run. */
export interface HookEvent {
  readonly command?: string;
  readonly subCommand?: string;
  /** Why the event differs from what was typed (a dropped sub-command, `env add` → `add env`, …). */
  readonly notes: readonly string[];
}

/** What the user asked the simulator to stand in for. */
export interface AmplifyCommandLine {
  readonly command: string;
  readonly subCommand?: string;
  /** `--forcePush` on a command other than push: only the push hooks run. */
  readonly forcePush?: boolean;
  /** Amplify Hosting builds run only pre-push and post-push. */
  readonly hosting?: boolean;
}

function isSupported(command: string): boolean {
  return Object.prototype.hasOwnProperty.call(SUPPORTED_EVENTS, command);
}

/** Maps a command line to the hook event the Amplify CLI would run, with notes on every rewrite. Pure. */
export function resolveHookEvent(line: AmplifyCommandLine): HookEvent {
  const notes: string[] = [];
  let command = line.command;
  let subCommand = line.subCommand;
  const typed = [line.command, line.subCommand].filter(Boolean).join(' ');

  // Spellings the CLI rewrites before it looks up hooks: `gql-compile` is the gqlcompile event wherever it is typed
  // (`amplify api gql-compile`, the spelling the docs give, names the category first).
  if (subCommand === 'gql-compile' || subCommand === 'add-graphql-datasource') subCommand = subCommand.replace(/-/g, '');
  if (command === 'env') {
    if (!subCommand || !ENV_VERBS.includes(subCommand)) {
      notes.push(`\`amplify ${typed}\` is not a hook event (env verbs with hooks: ${ENV_VERBS.join(', ')}): no hooks run`);
      return { notes };
    }
    notes.push(`\`amplify env ${subCommand}\` is the ${subCommand} event with sub-command env`);
    [command, subCommand] = [subCommand, 'env'];
  } else if (command === 'configure' && (subCommand === 'notifications' || subCommand === 'hosting')) {
    notes.push(`\`amplify configure ${subCommand}\` is the update event`);
    command = 'update';
  } else if (command === 'gql-compile' || command === 'add-graphql-datasource') {
    command = command.replace(/-/g, '');
  } else if (!isSupported(command) && subCommand !== undefined && isSupported(subCommand) && SUPPORTED_EVENTS[subCommand].includes(command)) {
    // `amplify function build` names the category first; the CLI runs the build event with sub-command function.
    notes.push(`\`amplify ${typed}\` is the ${subCommand} event with sub-command ${command}`);
    [command, subCommand] = [subCommand, command];
  }

  if (line.forcePush && command !== 'push') {
    notes.push(`--forcePush: only the push hooks run, not the ${command} hooks`);
    command = 'push';
    subCommand = undefined;
  }

  if (!isSupported(command)) {
    notes.push(`\`amplify ${command}\` is not a hook event: no hooks run`);
    return { notes };
  }
  if (subCommand !== undefined && !SUPPORTED_EVENTS[command].includes(subCommand)) {
    const allowed = SUPPORTED_EVENTS[command];
    notes.push(
      `sub-command \`${subCommand}\` has no hooks for ${command} (${allowed.length ? `supported: ${allowed.join(', ')}` : 'it has none'}): only the ${command} hooks run`,
    );
    subCommand = undefined;
  }

  if (line.hosting) {
    if (command !== 'push') {
      notes.push(`--hosting: Amplify Hosting builds run only pre-push and post-push, so no hooks run for ${command}`);
      return { notes };
    }
    if (subCommand !== undefined) notes.push(`--hosting: Amplify Hosting builds run only pre-push and post-push, not the push-${subCommand} hooks`);
    subCommand = undefined;
  }
  return subCommand === undefined ? { command, notes } : { command, subCommand, notes };
}

/** The hook base names for one prefix, command level first. */
export function hookBaseNames(event: HookEvent, prefix: 'pre' | 'post'): string[] {
  if (!event.command) return [];
  const names = [`${prefix}-${event.command}`];
  if (event.subCommand) names.push(`${prefix}-${event.command}-${event.subCommand}`);
  return names;
}
