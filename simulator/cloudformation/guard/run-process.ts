/**
 * Running an external program (cfn-guard, npm, tar) with the bounds every run needs: a time limit after which the
 * process is killed, and a cap on what it may print, so a runaway program can neither hang the simulator nor fill
 * its memory.
 */

/** How a run ended. `stdout` is complete unless `stdoutOverflow`; `stderr` keeps its first `maxStderrBytes`. */
export interface ProcessResult {
  /** The exit code, or null when the process was killed or could not start. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The time limit passed and the process was killed. */
  readonly timedOut: boolean;
  /** The process printed more than `maxStdoutBytes` on stdout: it was killed, or with `drainStdoutOverflow` ran on. */
  readonly stdoutOverflow: boolean;
  /** Why the process could not be started (ENOENT, EACCES …), when it could not. */
  readonly startError?: string;
}

/** The bounds of one run. */
export interface ProcessBounds {
  readonly timeoutMillis: number;
  readonly maxStdoutBytes: number;
  readonly maxStderrBytes: number;
  /**
   * Past `maxStdoutBytes`, read the rest and drop it, and let the process run to its end (under the time limit), so
   * that its exit code is known; `stdout` then holds the first `maxStdoutBytes`. By default the process is killed.
   */
  readonly drainStdoutOverflow?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** Runs `file args…` without a shell and resolves when it has exited (never rejects). */
export async function runProcess(file: string, args: readonly string[], bounds: ProcessBounds): Promise<ProcessResult> {
  // Loaded here: only runs with a Guard hook spawn anything, and every start would pay for node:child_process.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let timedOut = false;
    let stdoutOverflow = false;
    let startError: string | undefined;
    let settled = false;
    const child = spawn(file, [...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: bounds.env ?? process.env,
      cwd: bounds.cwd,
      windowsHide: true,
    });
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, bounds.timeoutMillis);
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutOverflow) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > bounds.maxStdoutBytes) {
        stdoutOverflow = true;
        if (!bounds.drainStdoutOverflow) kill();
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      // Only the beginning of stderr is kept: it holds the error; a panic's backtrace follows it.
      if (stderrBytes >= bounds.maxStderrBytes) return;
      const take = chunk.subarray(0, bounds.maxStderrBytes - stderrBytes);
      stderr.push(take);
      stderrBytes += take.length;
    });
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        // A process that exited on its own just as the limit passed finished in time: only a kill is a timeout.
        timedOut: timedOut && signal !== null,
        stdoutOverflow,
        ...(startError !== undefined ? { startError } : {}),
      });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      startError = error.code ?? error.message;
      finish(null, null);
    });
    child.on('close', finish);
    // A killed process's pipes may stay open (a grandchild holding them): once it has exited, stop waiting for them.
    child.on('exit', (code, signal) => {
      if (!timedOut && !(stdoutOverflow && !bounds.drainStdoutOverflow)) return;
      child.stdout.destroy();
      child.stderr.destroy();
      finish(code, signal);
    });
  });
}

/** One line saying how a failed run ended, for messages: `exit 5`, `killed by SIGKILL`, `could not start (ENOENT)`. */
export function describeEnd(result: ProcessResult): string {
  if (result.startError !== undefined) return `could not start (${result.startError})`;
  if (result.signal !== null) return `killed by ${result.signal}`;
  return `exit ${String(result.exitCode)}`;
}
