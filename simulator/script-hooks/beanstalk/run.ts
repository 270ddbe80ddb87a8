/**
 * Runs an Elastic Beanstalk operation's hook folders as the platform would: folder after folder, scripts in
 * lexicographic order, each started as that generation's engine starts it (Amazon Linux 2/2023: executed directly
 * by Go, so the `#!` line matters; legacy: Ruby's IO.popen, which falls back to /bin/sh, on the executable files it
 * lists), the first failure stopping the operation, and one deadline for the whole command. Output is shown as EB's
 * events and logs show it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';
import { closestName, displayName, sortDiagnostics, type Diagnostic, type DiagnosticCode } from '../../../src/kernel/diagnostics';
import { isDirectory } from '../../../src/kernel/source';
import { BoundedOutput, DEFAULT_KEEP_BYTES, findCrlf, isDirectlyExecutable, isShell, scriptProgram, LinePrefixer, parseInterpreterLine, readScriptHead, runScript, type CrlfFinding, type InterpreterLine, type ScriptResult } from '../engine';
import { LifecycleInputError } from '../errors';
import { requireProjectDirectory } from '../project-file';
import type { EventSeverity, InvocationOutcome, LifecycleEvent, LifecycleInvocation, LifecycleReport } from '../report';
import { legacySkip, listHookScripts, type HookScript } from './hook-scripts';
import { readEbextensionsCommands, type EbextensionsCommand } from './ebextensions';
import { findLeaderCheck, findPlatformPath, findPrivilegedCommand, type PlatformPathUse } from './platform-paths';
import { gitBundleDifferences, readEbignore, realPathInside, type BundleDifference, type Ebignore, type HookOnDisk } from './source-bundle';
import { legacyHooksLayout, platformHooksLayout, type BeanstalkOperation, type HookFolder, type OperationLayout } from './layout';

/** The platform's default command timeout. */
export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 600;
/** How much of a failing script's output goes into the failure message (the tail, where the reason is). */
const OUTPUT_IN_MESSAGE_CHARS = 2000;
const INSTANCE = 'i-0simulated';

/**
 * What the console shows when an Amazon Linux 2/2023 hook fails: the engine's `CommandService Response` carries the
 * first, the command service adds the second; neither names the hook or quotes its stderr, which only eb-engine.log
 * has (the simulator logs it there). [unconfirmed] from observed logs and console output only, the engine being closed
 * source: rennokki/laravel-aws-eb#44 (a 2021 eb-engine.log), BishopFox/dufflebag#4 and a 2023 `eb create` transcript
 * (the service appends a period to the engine's output, hence `error..`); aws/elastic-beanstalk-roadmap#315 asks for
 * the failing hook's name in the events. [choice] A configuration deployment gets the same wording: none was found.
 */
const AL2_FAILURE_EVENTS: readonly string[] = [
  "Instance deployment failed. For details, see 'eb-engine.log'.",
  `[Instance: ${INSTANCE}] Command failed on instance. Return code: 1 Output: Engine execution has encountered an error..`,
];

/** One simulated Elastic Beanstalk operation. */
export interface BeanstalkSimulation {
  readonly operation: BeanstalkOperation;
  /** Absolute path of the application source bundle (holding `.platform/`); scripts run here. */
  readonly sourceRoot: string;
  /** Absolute path of a legacy hooks tree (what /opt/elasticbeanstalk/hooks holds); replaces `.platform`. */
  readonly legacyRoot?: string;
  /** The whole operation's deadline; default 600 s, as the platform's command timeout. */
  readonly timeoutSeconds?: number;
  /**
   * Fail a script that has no execute bit, as Amazon Linux 2 platform versions released before 29 April 2022 do.
   * By default the simulator does what current platform versions do: set the bit and run it. The legacy engine
   * never runs a file without the bit: it skips it, and the simulator says so.
   */
  readonly requireExecuteBit?: boolean;
  /**
   * Plan without running: list the scripts in order and report what fails before a script starts (no execute bit,
   * no `#!` line, not a file), but start none of them, so a bundle's real work (package installs, migrations) is
   * never done.
   */
  readonly dryRun?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Receives events and logs as they happen (text mode); absent in JSON mode. */
  readonly write?: (text: string) => void;
}

interface RunState {
  readonly sim: BeanstalkSimulation;
  readonly layout: OperationLayout;
  readonly invocations: LifecycleInvocation[];
  readonly events: LifecycleEvent[];
  readonly diagnostics: Diagnostic[];
  /** Scripts already checked for CRLF line endings (by absolute path), with what was found. */
  readonly crlf: Map<string, CrlfFinding | undefined>;
  /**
   * Each script's first bytes (by absolute path), read once and shared by every check of it (line endings, `#!` line,
   * platform paths, how it is started). Forgotten once a hook has run: it may have rewritten a later script, and the
   * kernel reads that script as it is when it is executed.
   */
  readonly heads: Map<string, Buffer>;
  /** The source folder's `.ebignore` (Amazon Linux 2/2023 only): a hook it matches is not in the bundle, so not run. */
  readonly ebignore: Ebignore | undefined;
  /** Scripts that read EB_IS_COMMAND_LEADER: reported once the run shows whether each script ran, and how far. */
  readonly leaderChecks: { readonly file: string; readonly use: PlatformPathUse }[];
}

/** The `#!` line and ELF checks look at no more than this: a `#!` line longer than that is cut here, as before. */
const INTERPRETER_HEAD_BYTES = 1024;

/** A script's first bytes (SCRIPT_HEAD_BYTES), read at most once until a hook runs; empty when it cannot be read. */
function scriptHead(state: RunState, path: string): Buffer {
  let head = state.heads.get(path);
  if (head === undefined) {
    head = readScriptHead(path) ?? Buffer.alloc(0);
    state.heads.set(path, head);
  }
  return head;
}

/** Simulates one operation's hooks; throws LifecycleInputError for bad input, otherwise reports. */
export async function runBeanstalkHooks(sim: BeanstalkSimulation): Promise<LifecycleReport> {
  requireProjectDirectory(sim.sourceRoot, 'the source bundle (--source)');
  if (sim.legacyRoot) requireProjectDirectory(sim.legacyRoot, 'the legacy hooks directory (--legacy)');
  const layout = sim.legacyRoot ? legacyHooksLayout(sim.operation) : platformHooksLayout(sim.operation);
  // The legacy hooks come from the platform (--legacy), not from the bundle `eb deploy` builds.
  const ebignore = sim.legacyRoot ? undefined : readEbignore(sim.sourceRoot);
  const state: RunState = { sim, layout, invocations: [], events: [], diagnostics: [], crlf: new Map(), heads: new Map(), ebignore, leaderChecks: [] };
  const hooksRoot = sim.legacyRoot ?? sim.sourceRoot;
  inspectEveryScript(state, hooksRoot);
  // [choice] Listed for application deployments (deploy, launch) only: the guide places them in that workflow.
  const ebextensions = !sim.legacyRoot && (sim.operation === 'deploy' || sim.operation === 'launch') ? readEbextensionsCommands(sim.sourceRoot) : undefined;
  for (const diagnostic of ebextensions?.diagnostics ?? []) state.diagnostics.push(diagnostic);
  const legacy = layout.generation === 'legacy';
  const logName = legacy ? 'eb-activity.log' : 'eb-engine.log';
  const timeoutSeconds = sim.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_SECONDS;
  const deadline = Date.now() + timeoutSeconds * 1000;
  const name = `${sim.operation}${legacy ? ' (legacy hooks)' : ''}`;
  const details = {
    operation: sim.operation,
    platform: legacy ? 'legacy (Amazon Linux AMI custom platform)' : 'Amazon Linux 2/2023',
    engineCommand: layout.engineCommand,
    timeoutSeconds,
    ...(sim.dryRun ? { dryRun: true } : {}),
  };
  const finish = (outcome: 'SUCCEEDED' | 'FAILED', verdict: string): LifecycleReport => ({
    operation: { system: 'beanstalk', name, outcome, verdict: `beanstalk ${name}: ${verdict}`, details },
    invocations: state.invocations,
    events: state.events,
    diagnostics: sortDiagnostics([...state.diagnostics, ...leaderDiagnostics(state)]),
  });

  for (const note of layout.notes) simulatorNote(state, 'INFO', note);
  noteMissingTrees(state);
  if (layout.folders.length > 0) {
    // [choice] The simulator cannot use the platform's directories; it runs scripts in the source folder and says where the platform would.
    simulatorNote(
      state,
      'INFO',
      legacy
        ? `scripts run in ${sim.sourceRoot} (the platform's working directory for legacy hooks is not documented)`
        : `scripts run in ${sim.sourceRoot}; the platform runs prebuild and predeploy in /var/app/staging, postdeploy in /var/app/current`,
    );
  }

  for (const folder of layout.folders) {
    if (ebextensions && folder.phase === 'prebuild') noteEbextensionsCommands(state, ebextensions.commands, 'before the prebuild hooks');
    if (ebextensions && folder.phase === 'predeploy') noteEbextensionsCommands(state, ebextensions.containerCommands, 'before the predeploy hooks');
    log(state, logName, 'INFO', legacy ? `[${folder.step}] : Starting activity...` : `Executing instruction: ${folder.step}`);
    const scripts = bundledScripts(state, hooksRoot, folder);
    if (scripts === undefined) {
      if (!legacy) log(state, logName, 'INFO', `The dir ${folder.platformFolder} does not exist`);
      continue;
    }
    const runnable = scripts.filter((s) => (legacy ? legacySkip(s) === undefined : s.kind !== 'directory'));
    if (!legacy) {
      log(state, logName, 'INFO', `Executing platform hooks in ${folder.platformFolder}`);
      log(state, logName, 'INFO', `Following platform hooks will be executed in order: [${runnable.map((s) => displayName(s.name)).join(' ')}]`);
    }
    for (const skipped of scripts.filter((s) => !runnable.includes(s))) {
      const shown = displayName(`${folder.folder}/${skipped.name}`);
      const skip = legacy ? legacySkip(skipped) : undefined;
      if (!skip) {
        simulatorNote(state, 'WARN', `${shown} is a folder: hook folders hold scripts directly, the platform does not descend`);
      } else {
        // The engine skips these without a word in any log: this note is the only place a user learns it.
        const fix = skipped.kind === 'file' && !skipped.executable ? `; if it should run, set the bit (chmod +x ${shown}, git update-index --chmod=+x ${shown})` : '';
        simulatorNote(state, skip.byName ? 'INFO' : 'WARN', `${shown} is not run: ${skip.reason}, and the legacy engine runs only executable files that are not folders, dot files, *.bak or *.tmp; it skips the rest silently${fix}`);
      }
    }
    for (const script of runnable) {
      const remainingMs = deadline - Date.now();
      const stop = await runHookScript(state, folder, script, remainingMs, logName);
      if (stop) {
        for (const message of stop.events) event(state, 'ERROR', message);
        event(state, 'ERROR', failureSummary(sim.operation));
        return finish('FAILED', stop.verdict);
      }
    }
    if (legacy) log(state, logName, 'INFO', `[${folder.step}] : Completed activity.`);
  }
  const count = state.invocations.length;
  const listed = state.invocations.map((i) => displayName(i.path)).join(', ');
  if (sim.dryRun) return finish('SUCCEEDED', count === 0 ? 'no hook scripts to run (dry run)' : `dry run: ${count} hook script(s) would run, none was started: ${listed}`);
  event(state, 'INFO', sim.operation === 'config' ? 'Instance configuration update completed successfully.' : 'Instance deployment completed successfully.');
  return finish('SUCCEEDED', count === 0 ? 'no hook scripts to run' : `${count} hook script(s) ran: ${listed}`);
}

/**
 * Looks at every script of the operation before any runs: a FIFO, socket or device among them (which no source
 * bundle can carry) or a name that is not UTF-8 is refused as bad input, and every script's line endings are
 * checked, not only those of the scripts that get to run.
 */
function inspectEveryScript(state: RunState, hooksRoot: string): void {
  const refused: Diagnostic[] = [];
  const onDisk: HookOnDisk[] = [];
  for (const folder of state.layout.folders) {
    for (const script of listHookScripts(join(hooksRoot, folder.folder)) ?? []) {
      // The legacy engine never looks at a dot, .bak or .tmp file: neither does the simulator.
      if (state.layout.generation === 'legacy' && legacySkip(script)?.byName) continue;
      const file = `${folder.folder}/${script.name}`;
      const excluded = excludedFromBundle(state, file, script);
      if (excluded) {
        state.diagnostics.push(notInBundleDiagnostic(file, excluded.line, excluded.pattern));
        continue;
      }
      if (script.nameNotUtf8) {
        refused.push(inputDiagnostic('EB_NAME_NOT_UTF8', file, 'the file name is not UTF-8: the simulator cannot name it to run it; rename it (the platform sorts and runs names as bytes)'));
      } else if (script.kind === 'special') {
        refused.push(inputDiagnostic('EB_NOT_A_SCRIPT', file, `is ${script.what ?? 'not a regular file'}, not a script: a source bundle cannot carry one, and the platform could not execute it`));
      } else if (script.kind === 'file') {
        checkLineEndings(state, folder, script);
        if (!script.executable) state.diagnostics.push(notExecutableDiagnostic(state, file));
        const text = scriptHead(state, script.absolutePath).toString('utf8');
        const instancePath = findPlatformPath(text);
        if (instancePath) state.diagnostics.push(platformPathDiagnostic(file, instancePath));
        const privileged = findPrivilegedCommand(text);
        if (privileged) state.diagnostics.push(privilegedCommandDiagnostic(file, privileged, state.sim.dryRun === true));
        const leader = findLeaderCheck(text);
        if (leader) state.leaderChecks.push({ file, use: leader });
        onDisk.push({ file, absolutePath: script.absolutePath, executable: script.executable });
      }
    }
  }
  if (refused.length > 0) {
    throw new LifecycleInputError(refused[0].code, `${refused.length} hook folder entr${refused.length === 1 ? 'y is' : 'ies are'} not script(s)`, sortDiagnostics(refused));
  }
  // Without an .ebignore, `eb deploy` in a git work tree ships `git archive HEAD`. [choice] The simulator still runs
  // what is on disk (a hook being edited should not need a commit per try, and `eb deploy --staged` ships the index)
  // and warns, at each hook, where the bundle would differ.
  if (state.layout.generation === 'al2' && !state.ebignore) {
    for (const difference of gitBundleDifferences(state.sim.sourceRoot, onDisk, state.sim.env)) state.diagnostics.push(bundleDifferenceDiagnostic(difference));
  }
}

/** A folder's scripts that the source bundle holds: all of them, less those the source's `.ebignore` leaves out. */
function bundledScripts(state: RunState, hooksRoot: string, folder: HookFolder): HookScript[] | undefined {
  const listed = listHookScripts(join(hooksRoot, folder.folder));
  const bundled = listed?.filter((script) => !excludedFromBundle(state, `${folder.folder}/${script.name}`, script));
  // A zip has the folders of the files it holds: with every entry left out, the folder is not in the bundle either.
  return listed && listed.length > 0 && bundled?.length === 0 ? undefined : bundled;
}

/**
 * The `.ebignore` line that keeps a hook out of the bundle `eb deploy` zips. The EB CLI zips a symlinked folder
 * (`.platform/confighooks` → `hooks`) as a link, and the files it leads to under their own paths: a hook is left out
 * when either the path the platform reads it by or its real path in the source folder matches.
 */
function excludedFromBundle(state: RunState, file: string, script: HookScript): { line: number; pattern: string } | undefined {
  if (!state.ebignore) return undefined;
  const byName = state.ebignore.excludedBy(file);
  if (byName) return byName;
  const real = realPathInside(state.sim.sourceRoot, script.absolutePath);
  return real === undefined || real === file ? undefined : state.ebignore.excludedBy(real);
}


/** Checks one script for CRLF line endings once, recording a diagnostic when it has them. */
function checkLineEndings(state: RunState, folder: HookFolder, script: HookScript): CrlfFinding | undefined {
  if (state.crlf.has(script.absolutePath)) return state.crlf.get(script.absolutePath);
  const head = scriptHead(state, script.absolutePath);
  const found = findCrlf(head.toString('utf8'));
  // CRLF in the body only matters to a shell: node or Python read it as a line end. In the `#!` line it always does.
  const program = scriptProgram(head.subarray(0, INTERPRETER_HEAD_BYTES));
  const crlf = found && (found.inShebang || program === undefined || isShell(program)) ? found : undefined;
  state.crlf.set(script.absolutePath, crlf);
  if (crlf) state.diagnostics.push(crlfDiagnostic(`${folder.folder}/${script.name}`, crlf));
  return crlf;
}

function inputDiagnostic(code: DiagnosticCode, file: string, message: string): Diagnostic {
  return { code, severity: 'error', message, file, path: '', line: 0, column: 0 };
}

async function runHookScript(
  state: RunState,
  folder: HookFolder,
  script: HookScript,
  remainingMs: number,
  logName: string,
): Promise<{ events: readonly string[]; verdict: string } | undefined> {
  const { sim, layout } = state;
  const legacy = layout.generation === 'legacy';
  const path = `${folder.folder}/${script.name}`;
  // Every name printed goes through displayName: a newline in a file name must not forge a log line.
  const shown = displayName(path);
  const shownPath = displayName(legacy ? `${folder.platformFolder}${script.name}` : path);
  const shownName = displayName(script.name);
  const crlf = script.kind === 'file' ? checkLineEndings(state, folder, script) : undefined;
  log(state, logName, 'INFO', legacy ? `[${folder.step}/${shownName}] : Starting activity...` : `Running platform hook: ${shownPath}`);

  let result: ScriptResult;
  // The legacy engine reads stdout and stderr through one pipe (IO.popen with :err => [:child, :out]) and reports
  // that; the simulator reads two pipes and keeps their chunks in the order they arrive.
  const combined = new BoundedOutput(DEFAULT_KEEP_BYTES);
  let noInterpreterLine = false;
  let binaryWithoutBit = false;
  const head = script.kind === 'file' ? scriptHead(state, script.absolutePath).subarray(0, INTERPRETER_HEAD_BYTES) : Buffer.alloc(0);
  // Current AL2/AL2023 platform versions set the execute bit on every hook before running it; the simulator must
  // not write to the user's files, so it starts such a script through its `#!` line, as execve would after a chmod.
  const bitGranted = !script.executable && !legacy && !sim.requireExecuteBit;
  const interpreter = bitGranted ? parseInterpreterLine(head) : undefined;
  const popen = legacy && script.kind === 'file' ? legacyCommand(folder, script, head) : undefined;
  const argv = popen?.argv ?? commandLine(script, interpreter);
  if (popen) noteLegacyStart(state, shown, popen, head);
  if (script.kind !== 'file') {
    // What exec reports for what is not a regular file (one that appeared while earlier hooks ran).
    result = notStarted(execErrorFor(script), 'not started');
  } else if (!script.executable && !bitGranted) {
    // The platform executes the file itself; without an execute bit the kernel refuses before anything runs.
    result = notStarted('EACCES', 'permission denied');
  } else if (!popen && (!isDirectlyExecutable(head) || (bitGranted && interpreter === undefined && !isElf(head)))) {
    // The platform's engine (Go's os/exec) calls execve directly and does not fall back to /bin/sh as a shell
    // would: a script without a `#!` line (or an empty file) fails with ENOEXEC before anything runs.
    noInterpreterLine = true;
    result = notStarted('ENOEXEC', 'exec format error');
  } else if (bitGranted && interpreter === undefined) {
    // A native binary without its bit: the platform would run it, but the simulator cannot without a chmod.
    binaryWithoutBit = true;
    result = notStarted('EACCES', 'permission denied');
  } else if (sim.dryRun && crlf?.inShebang) {
    // A carriage return ends the interpreter's name (`/bin/bash\r`): execve fails before the script starts, which a
    // real run shows and a dry run must too.
    result = notStarted('ENOENT', 'no such file or directory');
  } else if (sim.dryRun && popen?.split && !existsSync(popen.argv[0])) {
    // The first word of a name split at its spaces is (nearly always) no file: certain before anything starts.
    result = notStarted('ENOENT', 'no such file or directory');
  } else if (sim.dryRun) {
    simulatorNote(state, 'INFO', `dry run: not started: ${argv.map((a) => displayName(a)).join(' ')}`);
    state.invocations.push(invocation(state, folder, path, script, 'NOT_RUN', notStarted('', ''), argv));
    return undefined;
  } else if (remainingMs <= 0) {
    result = { ...notStarted('ETIMEDOUT', 'command timed out'), timedOut: true };
  } else {
    const outputLog = new LinePrefixer(column(legacy ? 'eb-activity.log' : 'eb-hooks.log'), (text) => sim.write?.(text));
    const [command, ...args] = argv;
    const both = (text: string): void => {
      outputLog.push(text);
      combined.push(Buffer.from(text, 'utf8'));
    };
    result = await runScript({ command, args, cwd: sim.sourceRoot, env: sim.env, timeoutMs: remainingMs, onStdout: both, onStderr: both });
    outputLog.end();
    state.heads.clear();
  }

  const outcome: InvocationOutcome = result.timedOut ? 'TIMED_OUT' : result.exitCode === 0 ? 'SUCCEEDED' : 'FAILED';
  state.invocations.push(invocation(state, folder, path, script, outcome, result, argv));
  if (outcome === 'SUCCEEDED') {
    if (legacy) log(state, logName, 'INFO', `[${folder.step}/${shownName}] : Completed activity.`);
    return undefined;
  }

  if (result.timedOut) {
    const seconds = sim.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_SECONDS;
    const message = `Command execution timed out after ${seconds} seconds while running ${shownPath}`;
    log(state, logName, 'ERROR', message);
    return { events: [`[Instance: ${INSTANCE}] ${message}.`], verdict: `${shown} was still running when the ${seconds} s command timeout expired` };
  }

  const error = commandError(shownPath, result);
  const hints = (): void => {
    if (crlf) simulatorNote(state, 'WARN', crlfHint(shown, crlf));
    if (binaryWithoutBit) {
      simulatorNote(state, 'WARN', `${shown} is a binary without an execute bit: the platform would set the bit and run it, the simulator cannot without changing your file; run \`chmod +x ${shown}\``);
    } else if (result.spawnError?.code === 'EACCES' && script.kind === 'file' && !script.executable) {
      // Only Amazon Linux 2 gets here: the legacy engine skips a file without the bit instead of running it.
      simulatorNote(
        state,
        'WARN',
        `${shown} is not executable: run \`chmod +x ${shown}\` and commit the mode (git update-index --chmod=+x ${shown}); platform versions released before 29 April 2022 fail like this (--require-exec-bit); newer ones set the bit themselves`,
      );
    }
    if (noInterpreterLine) {
      simulatorNote(state, 'WARN', `${shown} ${missingInterpreterLine(head)}: the platform executes hooks directly, without a shell, so its first line must name the interpreter (e.g. \`#!/bin/bash\`)`);
    }
    if (result.exitCode === COMMAND_NOT_FOUND) simulatorNote(state, 'WARN', commandNotFoundHint(shown, combined.result().text || result.stderr.text));
  };
  if (legacy) {
    const output = combined.result().text;
    logLegacyFailure(state, logName, folder, shownName, result, output, popen?.program ?? shownPath);
    hints();
    return {
      events: [`[Instance: ${INSTANCE}] Command failed on instance. Return code: ${result.exitCode ?? 126} Output: ${tailForMessage(output)}. Hook ${shownPath} failed. For more detail, check /var/log/eb-activity.log using console or EB CLI.`],
      verdict: `${shown} failed (${shortReason(result)}); the operation stops here`,
    };
  }
  log(state, logName, 'ERROR', `An error occurred during execution of command [${layout.engineCommand}] - [${folder.step}]. Stop running the command. Error: ${error}`);
  hints();
  return {
    events: AL2_FAILURE_EVENTS,
    verdict: `${shown} failed (${shortReason(result)}); the operation stops here`,
  };
}

/** What a script whose first line the kernel does not take as an interpreter line has instead. */
function missingInterpreterLine(head: Buffer): string {
  // A `#!` after a byte-order mark, or on a later line (after a comment or a blank line), is only text to the kernel.
  const text = head.toString('latin1');
  if (text.startsWith('\xEF\xBB\xBF#!')) return 'has a byte-order mark before its `#!`';
  return /^[^\n]*\n[\s\S]*?^#!/m.test(text) ? 'has its `#!` line below the first line' : 'has no `#!` line';
}

/** Characters that make Ruby's `IO.popen(string)` hand the string to `/bin/sh -c` instead of splitting it itself. */
const RUBY_SHELL_META = /[*?{}[\]<>()~&|\\$;'`"\n#]/;

/** How the legacy engine starts one hook, and why it differs from running the file by its name. */
interface LegacyCommand {
  readonly argv: string[];
  /** The program Ruby starts, as a path on the instance (what its errors name). */
  readonly program: string;
  /** The kernel cannot execute the file itself (no `#!` line): Ruby retries with `/bin/sh <file>`. */
  readonly viaShell: boolean;
  /** The name has a space or a tab: Ruby splits the command string there and starts its first word. */
  readonly split: boolean;
  /** The name has a character the shell interprets: Ruby runs the path with `/bin/sh -c`, which the simulator does not. */
  readonly shellMeta: boolean;
}

/**
 * The legacy engine starts a hook with `IO.popen(path)` (executor.rb, `sh(@path)`). Ruby splits a command string
 * without shell metacharacters at spaces and tabs and executes the first word, so `20 with space.sh` starts `…/20`
 * (which does not exist); and when the kernel answers ENOEXEC (no `#!` line) it retries with `/bin/sh <file>`
 * (process.c, `try_with_sh`), where Go's os/exec on Amazon Linux 2/2023 fails.
 */
function legacyCommand(folder: HookFolder, script: HookScript, head: Buffer): LegacyCommand {
  const shellMeta = RUBY_SHELL_META.test(script.name);
  if (!shellMeta && /[ \t]/.test(script.name)) {
    // Only the name can hold a space: the instance's folder (/opt/elasticbeanstalk/hooks/…/) has none.
    const [first, ...rest] = `${folder.platformFolder}${script.name}`.split(/[ \t]+/).filter((word) => word !== '');
    const argv = [join(dirname(script.absolutePath), first.slice(folder.platformFolder.length)), ...rest];
    return { argv, program: first, viaShell: false, split: true, shellMeta };
  }
  const viaShell = !isElf(head) && parseInterpreterLine(head) === undefined;
  const program = `${folder.platformFolder}${script.name}`;
  return { argv: viaShell ? ['/bin/sh', script.absolutePath] : [script.absolutePath], program, viaShell, split: false, shellMeta };
}

/** Says how the legacy engine starts a hook when that is not simply by its name. */
function noteLegacyStart(state: RunState, shown: string, popen: LegacyCommand, head: Buffer): void {
  if (popen.viaShell) {
    simulatorNote(
      state,
      'INFO',
      `${shown} ${missingInterpreterLine(head)}: the legacy engine (Ruby's IO.popen) runs it with /bin/sh when the kernel will not execute it, and so does the simulator; /bin/sh is bash on the Amazon Linux AMI but may be another shell here, so a first line such as \`#!/bin/bash\` makes both the same`,
    );
  }
  if (popen.split) {
    simulatorNote(
      state,
      'WARN',
      `${shown} has a space in its name: the legacy engine passes the path to Ruby's IO.popen as one command string, which splits it at the space and starts ${displayName(popen.program)}, so it fails there (or runs another file); the simulator does the same; rename it`,
    );
  }
  if (popen.shellMeta) {
    simulatorNote(
      state,
      'WARN',
      `${shown} has a character in its name that the shell interprets: the legacy engine runs the path with /bin/sh -c, which may run something else or fail; the simulator runs the file as named; rename it`,
    );
  }
}

/** The engine's description of a failed command, in its own wording. */
function commandError(shownPath: string, result: ScriptResult): string {
  if (result.spawnError) return `Command ${shownPath} failed with error fork/exec ${shownPath}: ${goErrnoText(result.spawnError.code)}`;
  const stderr = tailForMessage(result.stderr.text);
  if (result.exitCode === null) return `Command ${shownPath} failed with error signal: ${goSignalText(result.signal ?? 'SIGKILL')}. Stderr:${stderr}`;
  return `Command ${shownPath} failed with error exit status ${result.exitCode}. Stderr:${stderr}`;
}

function shortReason(result: ScriptResult): string {
  if (result.spawnError) return goErrnoText(result.spawnError.code);
  if (result.exitCode !== null) return `exit status ${result.exitCode}`;
  return `killed by ${result.signal ?? 'a signal'}`;
}

/** The text Go's os/exec reports for a failed exec, which is what the platform logs. */
function goErrnoText(code: string): string {
  switch (code) {
    case 'EACCES':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOEXEC':
      return 'exec format error';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return code.toLowerCase();
  }
}

/**
 * Go's name for a signal on Linux (`syscall.Signal.String()`, its table by signal number), which `exec.ExitError`
 * prints as `signal: <name>`: SIGTERM is `terminated`, SIGKILL `killed`, SIGSEGV `segmentation fault`.
 */
const GO_SIGNAL_NAMES: readonly string[] = [
  '', 'hangup', 'interrupt', 'quit', 'illegal instruction', 'trace/breakpoint trap', 'aborted', 'bus error',
  'floating point exception', 'killed', 'user defined signal 1', 'segmentation fault', 'user defined signal 2',
  'broken pipe', 'alarm clock', 'terminated', 'stack fault', 'child exited', 'continued', 'stopped (signal)', 'stopped',
  'stopped (tty input)', 'stopped (tty output)', 'urgent I/O condition', 'CPU time limit exceeded',
  'file size limit exceeded', 'virtual timer expired', 'profiling timer expired', 'window changed', 'I/O possible',
  'power failure', 'bad system call',
];

/** What Go prints for a signal: its name from Go's table, or `signal N` for one the table lacks (a real-time signal). */
function goSignalText(signal: NodeJS.Signals): string {
  const number = (osConstants.signals as Record<string, number | undefined>)[signal];
  if (number === undefined) return signal.replace(/^SIG/, '').toLowerCase();
  return GO_SIGNAL_NAMES[number] || `signal ${number}`;
}

/** The errno exec reports for an entry that is not a regular file. */
function execErrorFor(script: HookScript): string {
  switch (script.kind) {
    case 'loop':
      return 'ELOOP';
    case 'dangling':
      return 'ENOENT';
    case 'unreadable':
      return script.errorCode ?? 'ENOENT';
    default:
      return 'EACCES';
  }
}

function tailForMessage(output: string): string {
  const text = output.replace(/\s+$/, '');
  return text.length > OUTPUT_IN_MESSAGE_CHARS ? `…${text.slice(text.length - OUTPUT_IN_MESSAGE_CHARS)}` : text;
}

/** What Ruby's `strerror` says for the errnos starting a hook can meet. */
const RUBY_ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ENOEXEC: 'Exec format error',
  ELOOP: 'Too many levels of symbolic links',
};

/**
 * A failed legacy hook in eb-activity.log, as the engine logs it (activity.rb, exceptions.rb; every line at INFO).
 * A non-zero exit: the hook's activity logs `Activity execution failed, because:` with the exception chain
 * (`ExternalInvocationError` from hook_directory_executor.rb, caused by `Executor::NonZeroExitStatus`), each carrying
 * the combined output, chomped, its lines indented by two spaces; then it and every enclosing activity log
 * `Activity failed.`. A hook that cannot be started makes IO.popen raise `Errno::…`, which is no RuntimeError: the
 * activity logs it as unexpected (the backtrace that follows on the instance is left out) and every enclosing one logs
 * `Activity internal failure.`.
 */
function logLegacyFailure(state: RunState, logName: string, folder: HookFolder, shownName: string, result: ScriptResult, output: string, program: string): void {
  const hookActivity = `${folder.step}/${shownName}`;
  let enclosingSay: string;
  if (result.spawnError) {
    const code = result.spawnError.code;
    log(state, logName, 'INFO', `[${hookActivity}] : Activity has unexpected exception, because: ${RUBY_ERRNO_TEXT[code] ?? code} - ${displayName(program)} (Errno::${code})`);
    enclosingSay = 'Activity internal failure.';
  } else {
    const text = output.replace(/\r?\n$|\r$/, '').replace(/\n/g, '\n  ');
    log(state, logName, 'INFO', `[${hookActivity}] : Activity execution failed, because: ${text} (ElasticBeanstalk::ExternalInvocationError)\ncaused by: ${text} (Executor::NonZeroExitStatus)`);
    log(state, logName, 'INFO', `[${hookActivity}] : Activity failed.`);
    enclosingSay = 'Activity failed.';
  }
  const steps = folder.step.split('/');
  for (let depth = steps.length; depth > 0; depth--) log(state, logName, 'INFO', `[${steps.slice(0, depth).join('/')}] : ${enclosingSay}`);
}

function failureSummary(operation: BeanstalkOperation): string {
  return operation === 'config' ? 'Failed to deploy configuration.' : 'Failed to deploy application.';
}

function notStarted(code: string, message: string): ScriptResult {
  const empty = { text: '', totalBytes: 0, truncated: false };
  return { exitCode: null, signal: null, timedOut: false, spawnError: { code, message }, stdout: empty, stderr: empty, durationMs: 0 };
}

function invocation(state: RunState, folder: HookFolder, path: string, script: HookScript, outcome: InvocationOutcome, result: ScriptResult, argv: readonly string[]): LifecycleInvocation {
  return {
    hook: script.name,
    phase: folder.phase,
    path,
    argv,
    cwd: state.sim.sourceRoot,
    ...(folder.platformCwd ? { platformCwd: folder.platformCwd } : {}),
    outcome,
    exitCode: result.exitCode,
    ...(result.signal ? { signal: result.signal } : {}),
    ...(result.spawnError && outcome !== 'NOT_RUN' ? { startError: goErrnoText(result.spawnError.code) } : {}),
    durationMs: result.durationMs,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** Says which .ebextensions commands the platform runs at this point; the simulator never runs them. */
function noteEbextensionsCommands(state: RunState, commands: readonly EbextensionsCommand[], when: string): void {
  if (commands.length === 0) return;
  const section = commands[0].section;
  const listed = commands.map((c) => `${displayName(c.name)} (${displayName(c.file)}:${c.line}${c.leaderOnly ? ', leader only' : ''})`).join(', ');
  simulatorNote(state, 'INFO', `the platform runs .ebextensions ${section} here, as root, ${when}; the simulator does not run them: ${listed}`);
}

/** A script that names a path only the instance has: a local failure there is the simulation's, not the script's. */
function platformPathDiagnostic(file: string, use: PlatformPathUse): Diagnostic {
  const message = `names ${JSON.stringify(use.path)}, which exists only on an Elastic Beanstalk instance: the simulator runs the script in the source folder, so a failure at this line may come from the missing path, not from the script`;
  return { code: 'EB_PLATFORM_PATH', severity: 'info', message, file, path: '', line: use.line, column: use.column };
}

/** A script that runs a command acting on the machine as root: on the instance it is root; here it is this machine. */
function privilegedCommandDiagnostic(file: string, use: PlatformPathUse, dryRun: boolean): Diagnostic {
  const here = dryRun ? 'a run without --dry-run starts the script on this machine, as you' : 'this simulation starts the script on this machine, as you';
  const message = `runs ${JSON.stringify(use.path)}, which on the instance acts as root (hooks run as root there); ${here}, and where sudo asks no password (a CI runner, a root container) it changes this machine: read the script first, or use --dry-run`;
  return { code: 'EB_PRIVILEGED_COMMAND', severity: 'warning', message, file, path: '', line: use.line, column: use.column };
}

/** The diagnostics of the scripts that read EB_IS_COMMAND_LEADER, each told by how far this run got with it. */
function leaderDiagnostics(state: RunState): Diagnostic[] {
  return state.leaderChecks.map(({ file, use }) => leaderDiagnostic(file, use, state.sim.env.EB_IS_COMMAND_LEADER, state.invocations.find((i) => i.path === file)));
}

/**
 * A script that branches on the deployment's leader: which branch this run takes, and how to take the other. Only a
 * script that ran to success is said to have skipped the leader's branch: one that failed may have stopped before the
 * check (its first `line N:` error says where, when a shell printed one), and one that never started took no branch.
 */
function leaderDiagnostic(file: string, use: PlatformPathUse, value: string | undefined, ran: LifecycleInvocation | undefined): Diagnostic {
  const unset = value === undefined;
  const is = unset ? 'unset here' : `${JSON.stringify(value)} here, from your environment`;
  let now: string;
  if (ran?.outcome === 'SUCCEEDED') {
    now = unset ? `${is}, so the branch the leader instance takes (a migration, a one-off task) was not run` : is;
  } else if (ran?.outcome === 'FAILED' || ran?.outcome === 'TIMED_OUT') {
    const firstError = /: line (\d+): /.exec(ran.stderr.text);
    const where = firstError && Number(firstError[1]) < use.line ? `; its first error is at line ${firstError[1]}, before this check` : '';
    now = `${is}, but the script failed in this run${where}, so it may not have reached the check: neither branch is known to have run`;
  } else {
    now = `${is}; the script did not run, so neither branch did${unset ? " (run with it unset, it skips the leader's branch: a migration, a one-off task)" : ''}`;
  }
  const other = value === 'true' ? 'EB_IS_COMMAND_LEADER=false' : 'EB_IS_COMMAND_LEADER=true';
  const message = `reads EB_IS_COMMAND_LEADER, which the platform sets to "true" on one instance of a deployment and "false" on the others; it is ${now}. Run with ${other} in the environment to take the other branch`;
  return { code: 'EB_LEADER_ONLY', severity: 'info', message, file, path: '', line: use.line, column: use.column };
}

/** A hook the source's `.ebignore` leaves out of the bundle: the platform never gets it, so it is not run here either. */
function notInBundleDiagnostic(file: string, line: number, pattern: string): Diagnostic {
  const message = `.ebignore line ${line} (${JSON.stringify(pattern)}) leaves it out of the source bundle \`eb deploy\` builds, so the platform never runs it, and neither does the simulator; if it should run, add a line \`!${file}\` after that one`;
  return { code: 'EB_NOT_IN_BUNDLE', severity: 'warning', message, file, path: '', line: 0, column: 0 };
}

/** A hook on disk that is not what `git archive HEAD` (the bundle `eb deploy` builds without .ebignore) would ship. */
function bundleDifferenceDiagnostic({ file, reason }: BundleDifference): Diagnostic {
  const ships = 'without an .ebignore, `eb deploy` builds the bundle from the last commit (`git archive HEAD`)';
  const commit = 'commit it (or stage it and deploy with `eb deploy --staged`)';
  const messages: Record<BundleDifference['reason'], string> = {
    untracked: `is not in the last commit: ${ships}, so the platform never gets it; the simulator runs the file on disk; ${commit}`,
    modified: `differs from the last commit: ${ships}, so the platform runs the committed version; the simulator runs the file on disk; ${commit}`,
    'mode-committed-without-bit': `is committed without an execute bit (100644) but has one here: ${ships}, which ships the committed mode; Amazon Linux 2 versions released before 29 April 2022 fail it with permission denied (current ones set the bit); commit the mode (git update-index --chmod=+x ${file})`,
    'mode-committed-with-bit': `is committed with an execute bit (100755) but has none here: ${ships}, which ships the committed mode, so the platform finds it executable`,
  };
  const severity = reason === 'mode-committed-with-bit' ? 'info' : 'warning';
  return { code: 'EB_BUNDLE_DIFFERS', severity, message: messages[reason], file, path: '', line: 0, column: 0 };
}

/** The status a shell exits with when it cannot find a command. */
const COMMAND_NOT_FOUND = 127;

/**
 * A hook that exited 127: a shell found no such command. Often a command the instance has and this machine does not
 * (`sudo`, which the platform never needs since hooks run as root, a tool under /opt/elasticbeanstalk, a runtime the
 * platform installs), so the failure may be the simulation's rather than the script's.
 */
function commandNotFoundHint(shown: string, output: string): string {
  const missing = /(?:^|\n)[^\n]*?:\s*([^\s:]+): (?:command )?not found/.exec(output)?.[1];
  const what = missing ? `\`${displayName(missing)}\` was not found here` : 'a command it runs was not found here (exit status 127)';
  return `${shown}: ${what}; the command may exist only on an Elastic Beanstalk instance, where hooks run as root (sudo, a tool under /opt/elasticbeanstalk, a runtime the platform installs), so this failure may be the simulation's, not the script's`;
}

/** A script without an execute bit: what the platform generation being simulated does with it. */
function notExecutableDiagnostic(state: RunState, file: string): Diagnostic {
  const fix = 'set it (chmod +x, git update-index --chmod=+x)';
  let message: string;
  if (state.layout.generation === 'legacy') {
    message = `no execute bit: the legacy engine lists only executable files and skips this one without a word, so it never runs; if it should, ${fix}`;
  } else if (state.sim.requireExecuteBit) {
    message = `no execute bit: Amazon Linux 2 platform versions released before 29 April 2022 fail it with permission denied; ${fix}`;
  } else {
    message = `no execute bit: current platform versions set it before running hooks, Amazon Linux 2 versions released before 29 April 2022 fail with permission denied (--require-exec-bit); ${fix}`;
  }
  return { code: 'EB_NOT_EXECUTABLE', severity: 'warning', message, file, path: '', line: 0, column: 0 };
}

/** What is spawned: the script itself, or (its execute bit granted) the interpreter its `#!` line names. */
function commandLine(script: HookScript, interpreter: InterpreterLine | undefined): string[] {
  if (!interpreter) return [script.absolutePath];
  return [interpreter.interpreter, ...(interpreter.argument === undefined ? [] : [interpreter.argument]), script.absolutePath];
}

function isElf(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

function crlfDiagnostic(path: string, crlf: CrlfFinding): Diagnostic {
  const message = crlf.inShebang
    ? `Windows (CRLF) line endings: the interpreter line names ${JSON.stringify(crlf.interpreter)}, which does not exist on the platform`
    : 'Windows (CRLF) line endings: the shell reads a carriage return at the end of every line';
  return { code: 'EB_CRLF', severity: 'warning', message, file: path, path: '', line: crlf.line, column: crlf.column };
}

function crlfHint(path: string, crlf: CrlfFinding): string {
  const cause = crlf.inShebang ? 'its `#!` line ends in a carriage return' : 'it has Windows (CRLF) line endings';
  return `${path} probably failed because ${cause}: convert it to LF (e.g. \`sed -i 's/\\r$//' ${path}\`, or a .gitattributes rule \`*.sh text eol=lf\`)`;
}

/** Says when the hooks the user may expect to run are not where this platform generation looks. */
function noteMissingTrees(state: RunState): void {
  const hasPlatformTree = isDirectory(join(state.sim.sourceRoot, '.platform'));
  if (state.layout.generation === 'legacy') {
    if (hasPlatformTree) simulatorNote(state, 'WARN', 'the source has a .platform folder, which legacy (Amazon Linux AMI) platforms do not read; without --legacy the simulator runs it as Amazon Linux 2/2023 would');
  } else if (!hasPlatformTree && state.layout.folders.length > 0) {
    simulatorNote(state, 'INFO', `no .platform folder in ${state.sim.sourceRoot}: there are no platform hooks to run`);
  } else if (hasPlatformTree) {
    for (const misplaced of misplacedHooks(state.sim.sourceRoot)) simulatorNote(state, 'WARN', misplaced);
  }
}

/** The folders Amazon Linux 2/2023 reads hooks from, and the step folders inside them. */
const PLATFORM_HOOK_TREES = ['hooks', 'confighooks'];
const PLATFORM_STEPS = ['prebuild', 'predeploy', 'postdeploy'];

/**
 * Hook scripts where the platform never looks (a script straight in `.platform/hooks/`, a step folder misspelled, a
 * `.platform/hook/` tree): they pass locally and never run on the instance either, which is the surprise to say.
 */
function misplacedHooks(sourceRoot: string): string[] {
  const found: string[] = [];
  const platform = join(sourceRoot, '.platform');
  for (const entry of listNames(platform)) {
    if (PLATFORM_HOOK_TREES.includes(entry) || !isDirectory(join(platform, entry))) continue;
    // `hook`, `Hooks`, `config-hooks`, `hoks`: a spelling of one of the two trees (never `nginx`, `httpd`: their own folders).
    const near = closestName(entry, PLATFORM_HOOK_TREES);
    if (near !== undefined) found.push(`${displayName(`.platform/${entry}`)}/ is not a folder the platform reads hooks from (did you mean .platform/${near}/?)`);
  }
  for (const tree of PLATFORM_HOOK_TREES) {
    const root = join(platform, tree);
    for (const entry of listNames(root)) {
      if (PLATFORM_STEPS.includes(entry) || entry.startsWith('.')) continue;
      const where = displayName(`.platform/${tree}/${entry}`);
      if (isDirectory(join(root, entry))) {
        // `pre-build`, `PreDeploy`, `predeplyo`: a spelling of a step (two steps are too far apart to be taken for each other).
        const step = closestName(entry, PLATFORM_STEPS);
        found.push(`${where}/ is not a step folder (${PLATFORM_STEPS.join(', ')}): the platform never runs the scripts in it${step ? ` (did you mean ${step}/?)` : ''}`);
      } else {
        found.push(`${where} is not in a step folder (${PLATFORM_STEPS.map((name) => `.platform/${tree}/${name}/`).join(', ')}): the platform never runs it`);
      }
    }
  }
  return found;
}

/** The names in a folder, sorted; none when it is not one. */
function listNames(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

/** The left column of text output: where the real system would show the line. */
function column(where: string): string {
  return `${where.padEnd(16)}| `;
}

function event(state: RunState, severity: EventSeverity, message: string): void {
  state.events.push({ severity, source: 'event', message });
  state.sim.write?.(`${column('event')}${severity.padEnd(5)} ${continued(message, 'event')}\n`);
}

function log(state: RunState, logName: string, severity: EventSeverity, message: string): void {
  state.events.push({ severity, source: logName, message });
  state.sim.write?.(`${column(logName)}[${severity}] ${continued(message, logName)}\n`);
}

/** A message's later lines (a script's output quoted in it) under the same column: a script cannot forge a line. */
function continued(message: string, where: string): string {
  return message.replace(/\r?\n/g, `\n${column(where)}`);
}

function simulatorNote(state: RunState, severity: EventSeverity, message: string): void {
  state.events.push({ severity, source: 'simulator', message });
  state.sim.write?.(`[simulator] ${severity === 'INFO' ? '' : `${severity.toLowerCase()}: `}${message}\n`);
}
