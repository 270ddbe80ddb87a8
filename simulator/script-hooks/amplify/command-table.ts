/**
 * Which Amplify CLI commands are hook events, and how a command line becomes one, as the Amplify CLI decides it:
 * `getCommandLineInput` picks the plugin (a category named first or second) and the command, `verifyInput` applies
 * the plugin's command aliases and the verb/noun swap, and `HooksMeta.setHookEventFromInput` turns the result into
 * the event (amplify-cli packages/amplify-cli/src/input-manager.ts, packages/amplify-cli-core/src/hooks/hooksMeta.ts).
 * Anything outside the event table runs no hooks at all, which is the surprise this module exists to show.
 */
import { closestName } from '../../../src/kernel/diagnostics';

/** Supported commands and, for each, the sub-commands that have their own hook files (the CLI's hooksConstants). */
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

/** `amplify env <verb>` is the `<verb>` event with sub-command `env`, for these verbs only (supportedEnvEvents). */
export const ENV_VERBS: readonly string[] = ['add', 'update', 'remove', 'pull', 'checkout', 'list', 'get', 'import'];

/** The fields of a plugin's amplify-plugin.json that decide which command a line runs. */
interface PluginManifest {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly commands: readonly string[];
  readonly commandAliases?: Readonly<Record<string, string>>;
}

const CORE = 'core';

/**
 * The plugins a fresh install of the Amplify CLI has (packages/amplify-cli/package.json `amplify.officialPlugins`),
 * each with its manifest's commands and aliases: amplify-cli at 70049be, amplify-category-api and amplify-codegen
 * from their own repositories. Three plugins are named `hosting`; the CLI tries them in this order. [choice] A
 * third-party plugin the user installed is unknown here: its words read as commands of the core.
 */
const PLUGINS: readonly PluginManifest[] = [
  {
    name: CORE,
    commands: ['categories', 'configure', 'console', 'delete', 'diagnose', 'env', 'export', 'help', 'init', 'logout', 'migrate', 'plugin', 'publish', 'push', 'pull', 'run', 'status', 'uninstall', 'upgrade', 'version', 'build', 'report'],
    commandAliases: { h: 'help', serve: 'run', ls: 'status' },
  },
  {
    name: 'awscloudformation',
    aliases: ['awscfn', 'aws', 'root'],
    commands: ['configure', 'console', 'reset-cache', 'setupNewUser', 'help', 'override'],
    commandAliases: { resetCache: 'reset-cache', 'setup-new-user': 'setupNewUser', newUser: 'setupNewUser', 'new-user': 'setupNewUser' },
  },
  { name: 'analytics', commands: ['add', 'remove', 'push', 'update', 'console', 'help'], commandAliases: { configure: 'update' } },
  {
    name: 'api',
    commands: ['add-graphql-datasource', 'add', 'console', 'gql-compile', 'migrate', 'override', 'push', 'rebuild', 'remove', 'update', 'help', 'import', 'generate-schema', 'update-secrets'],
    commandAliases: { configure: 'update' },
  },
  { name: 'auth', commands: ['add', 'console', 'enable', 'import', 'push', 'remove', 'update', 'help', 'override'] },
  { name: 'custom', commands: ['add', 'remove', 'update', 'help', 'build'], commandAliases: { configure: 'update' } },
  { name: 'function', commands: ['add', 'build', 'console', 'invoke', 'push', 'remove', 'update', 'help'], commandAliases: { configure: 'update' } },
  { name: 'geo', commands: ['add', 'push', 'remove', 'update', 'help', 'console', 'import'], commandAliases: { configure: 'update' } },
  { name: 'hosting', commands: ['add', 'configure', 'console', 'push', 'remove', 'help'], commandAliases: { enable: 'add', update: 'configure' } },
  { name: 'hosting', commands: ['add', 'configure', 'remove', 'help', 'serve'], commandAliases: { console: 'serve', configure: 'update' } },
  { name: 'hosting', commands: ['add', 'configure', 'console', 'push', 'remove', 'help'], commandAliases: { enable: 'add', update: 'configure' } },
  { name: 'interactions', aliases: ['interaction'], commands: ['add', 'push', 'remove', 'update', 'help'], commandAliases: { configure: 'update' } },
  {
    name: 'notifications',
    aliases: ['notification'],
    commands: ['add', 'configure', 'console', 'remove', 'status', 'help'],
    commandAliases: { enable: 'add', update: 'configure', disable: 'remove', delete: 'remove', list: 'status', ls: 'status' },
  },
  { name: 'predictions', aliases: ['Predictions'], commands: ['add', 'console', 'remove', 'update', 'help'], commandAliases: { configure: 'update' } },
  { name: 'storage', commands: ['add', 'import', 'console', 'push', 'remove', 'update', 'help', 'override'], commandAliases: { configure: 'update' } },
  {
    name: 'codegen',
    commands: ['add', 'codegen', 'configure', 'remove', 'statements', 'types', 'models', 'model-introspection'],
    commandAliases: { update: 'configure', statement: 'statements', model: 'models' },
  },
  { name: 'flutter', commands: ['help'] },
  { name: 'android', commands: ['help'] },
  { name: 'ios', commands: ['help'] },
  { name: 'javascript', aliases: ['js'], commands: ['help'] },
  { name: 'mock', commands: ['api', 'function', 'mock', 'storage', 'help'] },
  // Dependencies of the CLI that its plugin scan registers too (amplify-util-uibuilder, the function providers).
  { name: 'ui-builder', commands: ['version', 'cloneComponentsFromEnv', 'generateComponents'] },
  { name: 'functionRuntime', commands: [] },
  { name: 'functionTemplate', commands: [] },
];

const PLUGIN_NAMES: ReadonlySet<string> = new Set(PLUGINS.flatMap((p) => [p.name, ...(p.aliases ?? [])]));

/** The CLI's placeholder command when a line names a plugin and nothing else (`amplify codegen`). */
const PLUGIN_DEFAULT_COMMAND = 'PLUGIN_DEFAULT_COMMAND';

/** The hook event a command line maps to; `command` absent means no hooks run. */
export interface HookEvent {
  readonly command?: string;
  readonly subCommand?: string;
  /** Why the event differs from what was typed (an alias, a dropped sub-command, `env add` → `add env`, …). */
  readonly notes: readonly string[];
  /** `argv` as hooks receive it after `node amplify`: the CLI swaps a category named second to the front. */
  readonly argv: readonly string[];
  /** `data.amplify.command` and `subCommand` for pre and post hooks (they differ only under `--forcePush`). */
  readonly data: Readonly<Record<'pre' | 'post', { readonly command?: string; readonly subCommand?: string }>>;
  /** The command the CLI runs (after aliases), whether or not it is a hook event. */
  readonly cliCommand: string;
}

/** What the user asked the simulator to stand in for. */
export interface AmplifyCommandLine {
  /** The words after `amplify`, as typed (a category, a command, its arguments and options). */
  readonly words: readonly string[];
  /** `--forcePush` on a command other than push: only the push hooks run. */
  readonly forcePush?: boolean;
  /** Amplify Hosting builds run only pre-push and post-push. */
  readonly hosting?: boolean;
}

/** A command line the Amplify CLI cannot run (it shows its help, or refuses it): no hooks run. */
export class UnknownAmplifyCommand extends Error {}

/** The CLI's reading of a command line (its CLIInput), before and after `verifyInput`. */
interface CommandLineInput {
  plugin?: string;
  command?: string;
  subCommands: string[];
  options: Record<string, string | true>;
  readonly argv: string[];
}

/** `getCommandLineInput`: a plugin named first or second (then moved to the front), the command, sub-commands, options. */
function readCommandLine(words: readonly string[]): CommandLineInput {
  const argv = [...words];
  // aliasArgs: `override project` is `override root` (the awscloudformation plugin's alias).
  if (argv[0] === 'override' && argv[1] === 'project') argv[1] = 'root';
  const input: CommandLineInput = { subCommands: [], options: {}, argv };
  let index = 0;
  if (argv.length > 0 && PLUGIN_NAMES.has(argv[0])) {
    input.plugin = argv[0];
    index = 1;
  } else if (argv.length > 1 && PLUGIN_NAMES.has(argv[1])) {
    input.plugin = argv[1];
    [argv[0], argv[1]] = [argv[1], argv[0]];
    index = 1;
  }
  if (index < argv.length && !argv[index].startsWith('-')) input.command = argv[index++];
  while (index < argv.length && !argv[index].startsWith('-')) input.subCommands.push(argv[index++]);
  while (index < argv.length) {
    const word = argv[index++];
    if (!word.startsWith('-')) {
      input.options[word] = true;
      continue;
    }
    const key = word.replace(/^-+/, '');
    if (index < argv.length && !argv[index].startsWith('-')) input.options[key] = argv[index++];
    else input.options[key] = true;
  }
  return input;
}

/** `verifyInput`: the plugin's command, alias or verb/noun swap; false when the CLI cannot find the command. */
function verifyCommandLine(input: CommandLineInput, notes: string[]): { verified: boolean; helpAvailable: boolean } {
  if (input.command === 'status') {
    // normalizeStatusCommandOptions: a category after `status` is read as an option of status, not as the plugin, and
    // the options' names are lower-cased (so `--forcePush` is no longer seen: the status hooks run).
    if (input.plugin !== undefined) notes.push(`\`amplify status ${input.plugin}\`: the Amplify CLI reads the category as an option of status, so only the status hooks run`);
    input.plugin = undefined;
    input.options = Object.fromEntries(Object.entries(input.options).map(([key, value]) => [key.toLowerCase(), value]));
  }
  input.plugin ??= CORE;
  if (input.options['help'] !== undefined || input.options['h'] !== undefined) {
    notes.push('--help: the Amplify CLI shows its help and runs no hooks');
    input.command = 'help';
    return { verified: true, helpAvailable: true };
  }
  input.command ??= PLUGIN_DEFAULT_COMMAND;
  const typed = input.command;
  let helpAvailable = false;
  for (const plugin of PLUGINS.filter((p) => p.name === input.plugin || p.aliases?.includes(input.plugin as string))) {
    const aliases = plugin.commandAliases ?? {};
    if (plugin.commands.includes('help') || Object.hasOwn(aliases, 'help')) helpAvailable = true;
    if (plugin.commands.includes(input.command)) return { verified: true, helpAvailable };
    if (Object.hasOwn(aliases, input.command)) {
      input.command = aliases[input.command];
      notes.push(`\`${typed}\` is an alias of \`${input.command}\` in the Amplify CLI's ${plugin.name} plugin`);
      return { verified: true, helpAvailable };
    }
    const first = input.subCommands[0];
    if (first !== undefined && (plugin.commands.includes(first) || Object.hasOwn(aliases, first))) {
      // `env add` against `add env`: the CLI swaps a command given second.
      input.subCommands[0] = input.command;
      input.command = plugin.commands.includes(first) ? first : aliases[first];
      return { verified: true, helpAvailable };
    }
    if (input.command === PLUGIN_DEFAULT_COMMAND) {
      const fallback = plugin.commands.includes(plugin.name) ? plugin.name : plugin.commands.includes('help') ? 'help' : undefined;
      if (fallback !== undefined) {
        input.command = fallback;
        return { verified: true, helpAvailable };
      }
    }
  }
  return { verified: false, helpAvailable };
}

/** Why the Amplify CLI cannot run `words`, in its own words, with the nearest command it has. */
function unknownCommandMessage(input: CommandLineInput, helpAvailable: boolean): string {
  const parts = [input.plugin === CORE ? '' : input.plugin, input.command === PLUGIN_DEFAULT_COMMAND ? '' : input.command, ...input.subCommands].filter(Boolean);
  const known = PLUGINS.filter((p) => p.name === input.plugin || p.aliases?.includes(input.plugin as string)).flatMap((p) => [...p.commands, ...Object.keys(p.commandAliases ?? {})]);
  const candidates = input.plugin === CORE ? [...known, ...PLUGIN_NAMES] : known;
  const near = input.command === undefined || input.command === PLUGIN_DEFAULT_COMMAND ? undefined : closestName(input.command, candidates);
  return (
    `The Amplify CLI can NOT find command: ${parts.join(' ')}${near ? ` (did you mean ${near}?)` : ''}; ` +
    `it would ${helpAvailable ? 'show its help instead' : 'stop'} and run no hooks`
  );
}

/**
 * Maps a command line to the hook event the Amplify CLI would run, with notes on every rewrite. Pure; throws
 * UnknownAmplifyCommand for a line the CLI cannot run.
 */
export function resolveHookEvent(line: AmplifyCommandLine): HookEvent {
  const notes: string[] = [];
  // The simulator's own --forcePush is the CLI's option: read with the line, where the CLI reads it.
  const input = readCommandLine(line.forcePush && !line.words.includes('--forcePush') ? [...line.words, '--forcePush'] : line.words);
  const { verified, helpAvailable } = verifyCommandLine(input, notes);
  if (!verified) throw new UnknownAmplifyCommand(unknownCommandMessage(input, helpAvailable));
  if (input.plugin === 'function' && input.command === 'invoke') {
    // rewireDeprecatedCommands
    notes.push('`amplify function invoke` is deprecated: the Amplify CLI runs `amplify mock function`');
    [input.plugin, input.command] = ['mock', 'function'];
  }
  const cliCommand = input.command as string;
  const base = { notes, argv: input.argv, cliCommand };
  const none = (why: string): HookEvent => {
    notes.push(why);
    return { ...base, data: { pre: {}, post: {} } };
  };

  // setHookEventFromInput: the command and the plugin (as the sub-command), with the CLI's rewrites.
  let command = cliCommand;
  let subCommand = input.plugin === CORE ? '' : (input.plugin as string);
  switch (command) {
    case 'env': {
      const verb = input.subCommands[0];
      if (verb === undefined || !ENV_VERBS.includes(verb)) return none(`\`amplify env${verb ? ` ${verb}` : ''}\` is not a hook event (env verbs with hooks: ${ENV_VERBS.join(', ')}): no hooks run`);
      notes.push(`\`amplify env ${verb}\` is the ${verb} event with sub-command env`);
      [command, subCommand] = [verb, 'env'];
      break;
    }
    case 'configure':
      if (subCommand === 'notifications' || subCommand === 'hosting') {
        notes.push(`\`amplify ${subCommand} configure\` is the update event`);
        command = 'update';
      }
      break;
    case 'gql-compile':
    case 'add-graphql-datasource':
      command = command.replace(/-/g, '');
      break;
    default:
      break;
  }
  if (subCommand === 'mock') [command, subCommand] = ['mock', command];

  const supported = Object.hasOwn(SUPPORTED_EVENTS, command);
  if (supported && subCommand !== '' && !SUPPORTED_EVENTS[command].includes(subCommand)) {
    const allowed = SUPPORTED_EVENTS[command];
    notes.push(`sub-command \`${subCommand}\` has no hooks for ${command} (${allowed.length ? `supported: ${allowed.join(', ')}` : 'it has none'}): only the ${command} hooks run`);
    subCommand = '';
  }
  const event = supported ? { command, ...(subCommand ? { subCommand } : {}) } : {};

  // The CLI tests the option's value: `--forcePush ""` is false.
  if (input.options['forcePush'] !== undefined && input.options['forcePush'] !== '' && command !== 'push') {
    notes.push(`--forcePush: only the push hooks run, not the ${command} hooks`);
    // The CLI merges the event into the hooks' data before it switches to push: pre hooks get the typed event (none
    // for a command that is not one, as init), post hooks push (a lodash merge keeps the earlier sub-command).
    return { ...base, command: 'push', data: { pre: event, post: { ...event, command: 'push' } } };
  }
  if (!supported) return none(`\`amplify ${command}\` is not a hook event: no hooks run`);
  if (line.hosting) {
    if (command !== 'push') return none(`--hosting: Amplify Hosting builds run only pre-push and post-push, so no hooks run for ${command}`);
    if (subCommand) notes.push(`--hosting: Amplify Hosting builds run only pre-push and post-push, not the push-${subCommand} hooks`);
    return { ...base, command: 'push', data: { pre: { command: 'push' }, post: { command: 'push' } } };
  }
  return { ...base, ...event, data: { pre: event, post: event } };
}

/** The hook base names for one prefix, command level first. */
export function hookBaseNames(event: HookEvent, prefix: 'pre' | 'post'): string[] {
  if (!event.command) return [];
  const names = [`${prefix}-${event.command}`];
  if (event.subCommand) names.push(`${prefix}-${event.command}-${event.subCommand}`);
  return names;
}
