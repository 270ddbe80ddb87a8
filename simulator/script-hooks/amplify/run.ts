/**
 * Runs `amplify/hooks/` as the Amplify CLI would around one command: plan the pre hooks, run them, stand in for
 * the command (which the simulator never runs), plan and run the post hooks. Console output is the CLI's own,
 * line for line; the simulator's notes are marked `[simulator]`.
 */
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { displayName, sortDiagnostics, type Diagnostic } from '../../../src/kernel/diagnostics';
import { DEFAULT_MAX_JSON_DEPTH, parseJson, SourceSyntaxError } from '../../../src/kernel/source';
import { findCrlfInFile, isShell, runScript, type ScriptResult } from '../engine';
import { LifecycleInputError, LifecycleUsageError } from '../errors';
import { readProjectFile, requireProjectDirectory } from '../project-file';
import type { LifecycleEvent, LifecycleInvocation, LifecycleReport, EventSeverity, InvocationOutcome } from '../report';
import { hookBaseNames, resolveHookEvent, UnknownAmplifyCommand, type HookEvent } from './command-table';
import { listHooksFolder, splitHookFileName, type HooksFolderEntry } from './hook-files';
import { effectiveExtensions, parseHooksConfig, type HooksConfig } from './hooks-config';
import { planHookEvent, type HookPrefix, type HookStep, type PlanContext } from './plan';
import { hookStdinDocument, type HookDataParameter, type HookErrorParameter, type LocalEnvInfo } from './stdin-document';

/** The status the Amplify CLI exits with when a hook script fails. */
export const AMPLIFY_HOOK_FAILURE_STATUS = 76;
/** The `version` the simulated CLI reports to hooks unless told otherwise. */
export const DEFAULT_AMPLIFY_VERSION = '12.14.0';

/** One simulated Amplify command. */
export interface AmplifySimulation {
  /** Absolute path of the project root (the folder holding `amplify/`). */
  readonly projectRoot: string;
  /** The words after `amplify` as typed: a category, the command, its arguments and options (hooks get them in `argv`). */
  readonly words: readonly string[];
  readonly forcePush?: boolean;
  readonly hosting?: boolean;
  /** Simulate the command itself failing: post hooks receive `error`. */
  readonly failCommand?: boolean;
  /** Per hook; the Amplify CLI itself has none. */
  readonly timeoutSeconds?: number;
  readonly amplifyVersion?: string;
  /**
   * Stands in for `amplify/.config/local-env-info.json`'s `envName`: the CLI writes that file on `amplify init` or
   * `amplify pull` and projects do not commit it, so a fresh clone has none and hooks would get no `environment`.
   */
  readonly envName?: string;
  /**
   * Plan without running: which hooks would run, in order, with which runtime and stdin, and what stops the CLI
   * before a hook starts (duplicates, a missing runtime), but start none (real hooks deploy, call APIs, install).
   */
  readonly dryRun?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Receives console output as it happens (text mode); absent in JSON mode. */
  readonly write?: (text: string) => void;
}

interface RunState {
  readonly sim: AmplifySimulation;
  readonly invocations: LifecycleInvocation[];
  readonly events: LifecycleEvent[];
  readonly diagnostics: Diagnostic[];
  /** Hook files already checked for CRLF line endings (by absolute path). */
  readonly checkedLineEndings: Set<string>;
}

/** Simulates one Amplify command's hooks; throws LifecycleInputError for bad input, otherwise reports. */
export async function runAmplifyHooks(sim: AmplifySimulation): Promise<LifecycleReport> {
  const state: RunState = { sim, invocations: [], events: [], diagnostics: [], checkedLineEndings: new Set() };
  const typed = ['amplify', ...sim.words].join(' ');
  let event: HookEvent;
  try {
    event = resolveHookEvent({ words: sim.words, forcePush: sim.forcePush, hosting: sim.hosting });
  } catch (error) {
    // [choice] The CLI shows its help for most such lines (exit 0, no hooks); a typo in the simulator's command line is
    // the user's to fix, not a run to report as passed.
    if (error instanceof UnknownAmplifyCommand) throw new LifecycleUsageError(error.message);
    throw error;
  }
  requireProjectDirectory(sim.projectRoot, 'the project directory (--project)');
  if (!PROJECTLESS_COMMANDS.has(event.cliCommand) && !existsSync(join(sim.projectRoot, 'amplify'))) {
    // A wrong --project (or a checkout without the Amplify backend) would otherwise pass with no hook run.
    throw new LifecycleInputError(
      'AMPLIFY_NOT_A_PROJECT',
      `${sim.projectRoot} has no amplify/ folder, so it is not an Amplify project: the Amplify CLI refuses \`${typed}\` there ("You are not working inside a valid Amplify project") and runs no hooks; give the project's root with --project`,
    );
  }

  for (const rewrite of event.notes) note(state, 'INFO', rewrite);
  const details = {
    command: event.command ?? null,
    subCommand: event.subCommand ?? null,
    hosting: Boolean(sim.hosting),
    commandFailed: Boolean(sim.failCommand),
    ...(sim.dryRun ? { dryRun: true } : {}),
  };
  const finish = (outcome: 'SUCCEEDED' | 'FAILED', verdict: string, extra: Record<string, unknown> = {}): LifecycleReport => ({
    operation: { system: 'amplify', name: typed, outcome, verdict: `${typed}: ${verdict}`, details: { ...details, ...extra } },
    invocations: state.invocations,
    events: state.events,
    diagnostics: sortDiagnostics(state.diagnostics),
  });

  if (!event.command) return finish('SUCCEEDED', 'no hooks run (not a hook event)');
  if (sim.env.AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES) {
    // The CLI's skipHooks(): any non-empty value turns command hooks off (Amplify Studio sets it).
    note(state, 'INFO', 'AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES is set: the Amplify CLI runs no command hooks');
    return finish('SUCCEEDED', 'no hooks run (AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES is set)');
  }
  const hooksDir = join(sim.projectRoot, 'amplify', 'hooks');
  if (!existsSync(hooksDir)) {
    note(state, 'INFO', 'no amplify/hooks folder: the Amplify CLI runs no hooks');
    return finish('SUCCEEDED', 'no hooks run (no amplify/hooks folder)');
  }

  const config = readHooksConfig(hooksDir, sim.projectRoot, state);
  const extensions = effectiveExtensions(config);
  const entries = readInput(() => listHooksFolder(hooksDir), 'amplify/hooks', 'a folder of hook scripts');
  noteIgnoredEntries(entries, event, new Set(Object.keys(extensions)), state);
  const context: PlanContext = { projectRoot: sim.projectRoot, hooksDir, entries, extensions, pathVariable: sim.env.PATH };
  // Every hook file of the event is checked before the first runs, not only those that get to run.
  for (const prefix of ['pre', 'post'] as const) {
    const plan = planHookEvent(context, event, prefix);
    if (plan.kind === 'steps') for (const step of plan.steps) checkLineEndings(state, step);
  }
  const environment = environmentFor(sim, state);

  const pre = await runPrefix(state, context, event, 'pre', dataParameter(sim, event, 'pre', environment), undefined);
  if (pre?.thrown !== undefined) {
    // The CLI's exception handler runs the post hooks with the error before it exits 1 (amplify-exception-handler.ts).
    note(state, 'INFO', 'the Amplify CLI\'s exception handler runs the post hooks with this error, then exits with status 1');
    const thrown: HookErrorParameter = { message: pre.thrown, stack: `Error: ${pre.thrown}\n    at executeHooks (amplify-cli-core/lib/hooks/hooksExecutor.js)` };
    const post = await runPrefix(state, context, event, 'post', dataParameter(sim, event, 'post', environment), thrown);
    return finish('FAILED', `${pre.verdict}${post ? `; then, among the post hooks its exception handler runs: ${post.verdict}` : ''}`, pre.details);
  }
  if (pre) return finish('FAILED', `${pre.verdict}`, pre.details);

  const error: HookErrorParameter | undefined = sim.failCommand
    ? { message: `simulated failure of \`${typed}\` (--fail-command)`, stack: `Error: simulated failure of \`${typed}\` (--fail-command)\n    at simulate amplify` }
    : undefined;
  note(state, 'INFO', sim.failCommand ? `\`${typed}\` fails here (--fail-command): the post hooks receive the error` : `\`${typed}\` would run here (the simulator does not run it)`);

  const post = await runPrefix(state, context, event, 'post', dataParameter(sim, event, 'post', environment), error);
  if (post) return finish('FAILED', `${post.verdict}`, post.details);
  const ran = state.invocations.map((i) => relative(join('amplify', 'hooks'), i.path));
  if (ran.length === 0) return finish('SUCCEEDED', 'no hook scripts match');
  if (sim.dryRun) return finish('SUCCEEDED', `dry run: ${ran.length} hook script(s) would run, none was started: ${ran.map(displayName).join(', ')}`);
  return finish('SUCCEEDED', `${ran.length} hook script(s) ran: ${ran.map(displayName).join(', ')}`);
}

/** Why the CLI stops during one prefix; `thrown` when it stops by an error (not a hook's exit), which its exception handler catches. */
interface PrefixStop {
  readonly verdict: string;
  readonly details: Record<string, unknown>;
  readonly thrown?: string;
}

/** Runs one prefix; returns why the CLI would stop, or undefined when it carries on. */
async function runPrefix(
  state: RunState,
  context: PlanContext,
  event: HookEvent,
  prefix: HookPrefix,
  data: HookDataParameter,
  error: HookErrorParameter | undefined,
): Promise<PrefixStop | undefined> {
  const plan = planHookEvent(context, event, prefix);
  if (plan.kind === 'duplicates') {
    printCli(state, 'ERROR', `🛑 ${plan.message}`);
    const when = prefix === 'pre' ? 'before running any pre hook or the command' : 'after the command, before running any post hook';
    return { verdict: `${plan.message}; the Amplify CLI stops ${when}`, details: { stoppedBy: 'duplicate-hooks' }, thrown: plan.message };
  }
  for (const step of plan.steps) {
    if (step.runtime.kind === 'unset') {
      note(state, 'WARN', `${displayName(step.relativePath)} skipped: its extension has no \`runtime\` in hooks-config.json, and the Amplify CLI skips it silently`);
      continue;
    }
    if (step.runtime.kind === 'missing') {
      const message = `hooks runtime not found: ${step.runtime.name}`;
      printCli(state, 'ERROR', `🛑 ${message}`);
      return { verdict: `${message} (for ${displayName(step.relativePath)}); the Amplify CLI stops here`, details: { stoppedBy: 'runtime-not-found', runtime: step.runtime.name }, thrown: message };
    }
    const stop = await runStep(state, step, data, error);
    if (stop) return stop;
  }
  return undefined;
}

async function runStep(
  state: RunState,
  step: HookStep,
  data: HookDataParameter,
  error: HookErrorParameter | undefined,
): Promise<PrefixStop | undefined> {
  if (step.runtime.kind !== 'found') return undefined;
  const { sim } = state;
  checkLineEndings(state, step);
  const argv = [step.runtime.path, ...step.runtime.options, step.absolutePath];
  if (sim.dryRun) {
    note(state, 'INFO', `dry run: ${step.hook} not started: ${argv.map((a) => displayName(a)).join(' ')} < ${hookStdinDocument(data, error)}`);
    const empty = { text: '', totalBytes: 0, truncated: false };
    state.invocations.push(invocation(step, argv, sim.projectRoot, 'NOT_RUN', { exitCode: null, signal: null, timedOut: false, stdout: empty, stderr: empty, durationMs: 0 }));
    return undefined;
  }

  printCli(state, 'INFO', `\n----- 🪝 ${step.hook} execution start -----`);
  let lastChar = '';
  const result = await runScript({
    command: argv[0],
    args: argv.slice(1),
    cwd: sim.projectRoot,
    env: sim.env,
    stdin: hookStdinDocument(data, error),
    timeoutMs: sim.timeoutSeconds === undefined ? undefined : sim.timeoutSeconds * 1000,
    onStdout: (text) => {
      lastChar = text.slice(-1);
      sim.write?.(text);
    },
    // The CLI shows a hook's stderr only when the hook fails.
  });
  const outcome: InvocationOutcome = result.timedOut ? 'TIMED_OUT' : result.exitCode === 0 ? 'SUCCEEDED' : 'FAILED';
  state.invocations.push(invocation(step, argv, sim.projectRoot, outcome, result));

  if (outcome === 'SUCCEEDED') {
    // The CLI (v10+) inherits the hook's stdout, so its `stdout.endsWith(EOL)` check sees no output and it always
    // prints a newline: an empty line after output that ended its last line, the end of an unterminated one.
    sim.write?.('\n');
    printCli(state, 'INFO', `----- 🪝 ${step.hook} execution end -----\n`);
    return undefined;
  }
  if (result.timedOut) {
    const message = `${displayName(step.fileName)} was still running after --timeout ${sim.timeoutSeconds} s; the simulator killed it (the Amplify CLI has no timeout and would still be waiting)`;
    if (lastChar !== '\n' && lastChar !== '') sim.write?.('\n');
    note(state, 'ERROR', message);
    return { verdict: message, details: { stoppedBy: 'timeout', hook: step.hook } };
  }
  if (lastChar !== '\n' && lastChar !== '') sim.write?.('\n');
  // The CLI's execa keeps the final newline (stripFinalNewline: false) and its printer adds a line end: a hook's stderr
  // that ends its last line is followed by a blank line, then the blank line before the exit code's.
  if (result.stderr.text.length > 0) printCli(state, 'ERROR', `🛑 ${result.stderr.text}`);
  if (result.exitCode !== null) printCli(state, 'ERROR', `\n🛑 ${step.hook} hook script exited with exit code ${result.exitCode}`);
  if (result.spawnError) printCli(state, 'ERROR', `🛑 ${result.spawnError.message}`);
  printCli(state, 'ERROR', '\n🛑 exiting Amplify process...\n');
  const why =
    result.exitCode !== null
      ? `exited with exit code ${result.exitCode}`
      : result.signal
        ? `was killed by ${result.signal}`
        : `could not be started (${result.spawnError?.code ?? 'unknown'})`;
  const stage = step.prefix === 'pre' ? 'and not run the command' : 'after the command ran';
  return {
    verdict: `${displayName(step.fileName)} ${why}; the Amplify CLI would exit with status ${AMPLIFY_HOOK_FAILURE_STATUS} ${stage}`,
    details: { stoppedBy: 'hook-failed', hook: step.hook, amplifyExitStatus: AMPLIFY_HOOK_FAILURE_STATUS },
  };
}

/** Checks one shell hook file for CRLF line endings once, recording a warning when it has them. */
function checkLineEndings(state: RunState, step: HookStep): void {
  if (step.runtime.kind !== 'found' || state.checkedLineEndings.has(step.absolutePath)) return;
  // node, Python and most interpreters read CRLF as a line end; a shell keeps the carriage return in every word.
  if (!isShell(step.runtime.name)) return;
  state.checkedLineEndings.add(step.absolutePath);
  const crlf = findCrlfInFile(step.absolutePath);
  if (!crlf) return;
  state.diagnostics.push({
    code: 'AMPLIFY_HOOK_CRLF',
    severity: 'warning',
    message: `${displayName(step.fileName)} has Windows (CRLF) line endings; ${basename(step.runtime.name)} reads the carriage return as part of each line ("$'\\r': command not found")`,
    file: step.relativePath,
    path: '',
    line: crlf.line,
    column: crlf.column,
  });
}

function invocation(step: HookStep, argv: string[], cwd: string, outcome: InvocationOutcome, result: ScriptResult): LifecycleInvocation {
  return {
    hook: step.hook,
    phase: step.prefix,
    path: step.relativePath,
    argv,
    cwd,
    outcome,
    exitCode: result.exitCode,
    ...(result.signal ? { signal: result.signal } : {}),
    ...(result.spawnError ? { startError: result.spawnError.message } : {}),
    durationMs: result.durationMs,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function dataParameter(sim: AmplifySimulation, event: HookEvent, prefix: HookPrefix, environment: LocalEnvInfo | undefined): HookDataParameter {
  // [choice] argv as the CLI's process.argv would start: the node binary and the amplify script, by name; the words
  // as the CLI leaves them (a category named second moved to the front).
  const argv = ['node', 'amplify', ...event.argv];
  const { command, subCommand } = event.data[prefix];
  return {
    amplify: {
      ...(environment ? { environment } : {}),
      ...(command ? { command } : {}),
      ...(subCommand ? { subCommand } : {}),
      argv,
      version: sim.amplifyVersion ?? DEFAULT_AMPLIFY_VERSION,
    },
  };
}

/** `environment` as the CLI would pass it: local-env-info.json, its envName replaced or the file stood in for by --env-name. */
function environmentFor(sim: AmplifySimulation, state: RunState): LocalEnvInfo | undefined {
  const file = readLocalEnvInfo(sim.projectRoot);
  if (sim.envName === undefined) {
    if (!file) note(state, 'INFO', 'no amplify/.config/local-env-info.json (amplify init or pull writes it; projects do not commit it): hooks receive no `environment`; --env-name <env> stands in for it');
    return file;
  }
  if (file) return { ...file, envName: sim.envName };
  // [choice] The file `amplify pull` would write: the project root as projectPath, no editor chosen.
  note(state, 'INFO', `no amplify/.config/local-env-info.json: hooks receive the one \`amplify pull\` would write for environment "${sim.envName}" (--env-name)`);
  return { projectPath: sim.projectRoot, defaultEditor: 'none', envName: sim.envName };
}

function readLocalEnvInfo(projectRoot: string): LocalEnvInfo | undefined {
  const file = join('amplify', '.config', 'local-env-info.json');
  const text = readProjectFile(join(projectRoot, file), file, 'a JSON file');
  if (text === undefined) return undefined;
  try {
    // Bounded: the document is serialised again into every hook's stdin, and JSON.stringify recurses.
    const { value } = parseJson(text, file, { maxDepth: DEFAULT_MAX_JSON_DEPTH });
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const diagnostic: Diagnostic = { code: 'AMPLIFY_LOCAL_ENV_SHAPE', severity: 'error', message: 'expected an object such as {"projectPath", "defaultEditor", "envName"}', file, path: '', line: 1, column: 1 };
      throw new LifecycleInputError(diagnostic.code, `${file}:1:1 ${diagnostic.message}`, [diagnostic]);
    }
    return value as LocalEnvInfo;
  } catch (error) {
    if (error instanceof SourceSyntaxError) {
      const code = error.code === 'SRC_TOO_DEEP' ? 'AMPLIFY_LOCAL_ENV_TOO_DEEP' : 'AMPLIFY_LOCAL_ENV_SYNTAX';
      const diagnostic: Diagnostic = { code, severity: 'error', message: error.reason, file, path: '', line: error.line, column: error.column };
      throw new LifecycleInputError(diagnostic.code, error.message, [diagnostic]);
    }
    throw error;
  }
}

function readHooksConfig(hooksDir: string, projectRoot: string, state: RunState): HooksConfig | undefined {
  const path = join(hooksDir, 'hooks-config.json');
  const file = relative(projectRoot, path);
  const text = readProjectFile(path, file, 'a JSON file');
  if (text === undefined) return undefined;
  const { config, diagnostics } = parseHooksConfig(text, file);
  for (const d of diagnostics) state.diagnostics.push(d);
  return config;
}

/** Files that look like hooks for this event but will not run: say why, since the CLI says nothing. */
function noteIgnoredEntries(entries: readonly HooksFolderEntry[], event: HookEvent, known: ReadonlySet<string>, state: RunState): void {
  const names = new Set([...hookBaseNames(event, 'pre'), ...hookBaseNames(event, 'post')]);
  for (const entry of entries) {
    const split = splitHookFileName(entry.fileName);
    const looksLikeHook = names.has(split.baseName) || names.has(entry.fileName);
    if (!looksLikeHook) continue;
    if (entry.kind === 'symlink') note(state, 'WARN', `${displayName(`amplify/hooks/${entry.fileName}`)} is a symlink: the Amplify CLI ignores it`);
    else if (entry.kind === 'directory') note(state, 'WARN', `${displayName(`amplify/hooks/${entry.fileName}`)} is a folder: the Amplify CLI only runs files directly in amplify/hooks`);
    else if (entry.kind === 'file' && (split.extension === undefined || !known.has(split.extension))) {
      note(state, 'WARN', `${displayName(`amplify/hooks/${entry.fileName}`)} is not run: extension ${split.extension ? JSON.stringify(split.extension) : '(none)'} is not in the extension map (js, sh, and hooks-config.json's extensions)`);
    }
  }
}

/** Runs a file-system read; a failure (a folder where a file belongs, no permission) is the user's input error. */
function readInput<T>(read: () => T, shown: string, expected: string): T {
  try {
    return read();
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'EIO';
    throw new LifecycleInputError('FILE_UNREADABLE', `${shown}: cannot read it (${code}); expected ${expected}`);
  }
}

/** Commands the Amplify CLI runs outside a project (`amplify pull --appId` brings one down): no amplify/ folder is needed. */
const PROJECTLESS_COMMANDS: ReadonlySet<string> = new Set(['pull', 'init', 'configure', 'help', 'version', 'upgrade', 'uninstall', 'logout', 'diagnose', 'plugin']);

/** A line the Amplify CLI itself prints. */
function printCli(state: RunState, severity: EventSeverity, text: string): void {
  state.events.push({ severity, source: 'console', message: text.replace(/^\n+|\n+$/g, '') });
  state.sim.write?.(`${text}\n`);
}

/** A note of the simulator's own (never printed by the real CLI). */
function note(state: RunState, severity: EventSeverity, message: string): void {
  state.events.push({ severity, source: 'simulator', message });
  state.sim.write?.(`[simulator] ${severity === 'INFO' ? '' : `${severity.toLowerCase()}: `}${message}\n`);
}
