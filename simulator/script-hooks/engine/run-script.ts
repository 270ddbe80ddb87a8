/**
 * The one way both simulators start a hook script: spawned without a shell (what you name is what runs, as in
 * the real systems), stdin written and closed, output streamed as it comes and kept within a budget for the
 * report, and an optional deadline that kills the script's whole process group.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { setLongTimeout, type LongTimeout } from '../../../src/kernel/cli';
import { BoundedOutput, DEFAULT_KEEP_BYTES, type CapturedOutput } from './bounded-output';

/** What to run and how. */
export interface ScriptRequest {
  /** The program to start: a runtime (`/usr/bin/node`) or the script itself. */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Written to the script's stdin, which is then closed; absent: stdin is the null device. */
  readonly stdin?: string;
  /** Milliseconds before the process group is killed; absent: no deadline. */
  readonly timeoutMs?: number;
  /** Bytes kept per stream for the report. */
  readonly keepBytes?: number;
  readonly onStdout?: (text: string) => void;
  readonly onStderr?: (text: string) => void;
}

/** How a script ended. */
export interface ScriptResult {
  /** The exit status, or null when the script was killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The deadline passed and the simulator killed the process group. */
  readonly timedOut: boolean;
  /** The program could not be started (`ENOENT`, `EACCES`, `ENOEXEC`). */
  readonly spawnError?: { readonly code: string; readonly message: string };
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
  readonly durationMs: number;
}

/** How long a script's output may stay open after it exited (a background child holding the pipe). */
const CLOSE_GRACE_MS = 2000;
/** How long a script has to go after SIGTERM before the group gets SIGKILL. */
const KILL_GRACE_MS = 2000;

/** Runs one script to completion; never rejects: every way it can end is a ScriptResult. */
export function runScript(request: ScriptRequest): Promise<ScriptResult> {
  const started = process.hrtime.bigint();
  const keep = request.keepBytes ?? DEFAULT_KEEP_BYTES;
  const stdout = new BoundedOutput(keep);
  const stderr = new BoundedOutput(keep);
  const elapsed = (): number => Number((process.hrtime.bigint() - started) / 1_000_000n);

  return new Promise<ScriptResult>((resolve) => {
    let settled = false;
    let timedOut = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const timers: Array<NodeJS.Timeout | LongTimeout> = [];

    // detached: the script leads its own process group, so a timeout can kill what it started too.
    const child = spawn(request.command, [...request.args], {
      cwd: request.cwd,
      env: request.env as NodeJS.ProcessEnv,
      stdio: [request.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
      shell: false,
      windowsHide: true,
    });

    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    // The simulator's own interruption must not orphan a detached script.
    const onParentSignal = (signal: NodeJS.Signals): void => {
      killGroup('SIGKILL');
      process.removeListener('SIGINT', onParentSignal);
      process.removeListener('SIGTERM', onParentSignal);
      process.kill(process.pid, signal);
    };
    process.on('SIGINT', onParentSignal);
    process.on('SIGTERM', onParentSignal);
    // Nor its ending on its own while a script runs (a reader that closed the pipe, `simulate … | head`): 'exit'
    // listeners run synchronously, and process.kill is synchronous.
    const onParentExit = (): void => killGroup('SIGKILL');
    process.on('exit', onParentExit);

    const finish = (spawnError?: ScriptResult['spawnError']): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) {
        if ('clear' in timer) timer.clear();
        else clearTimeout(timer);
      }
      process.removeListener('SIGINT', onParentSignal);
      process.removeListener('SIGTERM', onParentSignal);
      process.removeListener('exit', onParentExit);
      flushDecoders();
      resolve({
        exitCode: spawnError ? null : (exit?.code ?? null),
        signal: exit?.signal ?? null,
        timedOut,
        ...(spawnError ? { spawnError } : {}),
        stdout: stdout.result(),
        stderr: stderr.result(),
        durationMs: elapsed(),
      });
    };

    const outDecoder = new StringDecoder('utf8');
    const errDecoder = new StringDecoder('utf8');
    const flushDecoders = (): void => {
      const outRest = outDecoder.end();
      if (outRest) request.onStdout?.(outRest);
      const errRest = errDecoder.end();
      if (errRest) request.onStderr?.(errRest);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      const text = outDecoder.write(chunk);
      if (text) request.onStdout?.(text);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      const text = errDecoder.write(chunk);
      if (text) request.onStderr?.(text);
    });

    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ code: error.code ?? 'UNKNOWN', message: error.message });
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Normally 'close' follows at once; a grandchild that inherited the pipes can hold them open forever.
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish();
        }, CLOSE_GRACE_MS).unref(),
      );
    });
    child.on('close', () => finish());

    if (request.stdin !== undefined && child.stdin) {
      // A hook that never reads stdin may exit before we finish writing: EPIPE is expected, not a failure.
      child.stdin.on('error', () => undefined);
      child.stdin.end(request.stdin);
    }

    if (request.timeoutMs !== undefined) {
      // A user's deadline may exceed what setTimeout holds (2^31-1 ms): the long timer keeps its meaning.
      timers.push(
        setLongTimeout(() => {
          if (exit || settled) return;
          timedOut = true;
          killGroup('SIGTERM');
          timers.push(setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref());
        }, request.timeoutMs),
      );
    }
  });
}
