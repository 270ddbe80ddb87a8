/**
 * What every command-line entry point receives instead of touching `process` directly, so that
 * `main(argv, io)` is testable: it returns an exit code and writes only through `io`.
 * Exit codes: 0 ok, 1 the check failed (a hook would block, a schema is invalid), 2 usage or input error.
 * An internal error says it is a bug (exit 3).
 */
import { systemErrorText } from '../diagnostics';
import { versionAsked, versionText } from './version';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The working directory relative paths are resolved against. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True when standard output is a terminal (colours are then on unless NO_COLOR says otherwise). */
  stdoutIsTty?: boolean;
  /** True when standard error is a terminal (a progress line is then drawn in place, without being asked for). */
  stderrIsTty?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUG = 3;
/**
 * The reader of standard output left before the command decided its verdict (`simulate dir/ | head`): the code a
 * program killed by SIGPIPE leaves in the shell (128 + 13). [choice] Not 0: under `set -o pipefail` (the default of
 * a GitHub Actions bash step) a gate whose run was cut short must fail, not pass unjudged.
 */
export const EXIT_READER_LEFT = 141;

/** The real process's io. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  };
}

/**
 * Runs a `main` as a process: sets the exit code; an escaped exception is reported as a bug, without a stack trace
 * unless DEBUG is set. `command` (`simulate`, `ship`) names the command in the one line a lost output gets.
 */
export function runMain(main: (argv: string[], io: CliIo) => Promise<number>, command: string): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => outputFailed(command, 'standard output', error));
  process.stderr.on('error', (error: NodeJS.ErrnoException) => outputFailed(command, 'standard error', error));
  const io = processIo();
  runCommand(main, process.argv.slice(2), io).then(
    (code) => exitWhenWritten(command, code),
    (error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      io.stderr(`internal error (this is a bug, please report it): ${detail}\n`);
      if (process.env.DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
      exitWhenWritten(command, EXIT_BUG);
    },
  );
}

/**
 * Ends the process when standard output or standard error cannot be written. A reader that stops early
 * (`simulate … | head`) closes the pipe: that ends the output and the run, quietly (it is not a crash); the exit code is
 * the verdict's when the command has decided it, else EXIT_READER_LEFT, never a pass nobody judged. Any other
 * failure (ENOSPC on a full disk, EIO) means the output was lost or cut: a CI step must not go green on an empty
 * SARIF or JUnit file, so it is said in one line on standard error and the command exits 2 (the run's environment,
 * not a bug), whatever its verdict was. [choice] A failing standard error has nowhere to be reported: exit 2 alone.
 * The line is written straight to the descriptor: the stream may be the one that failed, and the process ends next.
 */
function outputFailed(command: string, stream: 'standard output' | 'standard error', error: NodeJS.ErrnoException): never {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_READER_LEFT);
  if (stream === 'standard output') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- only a failing run needs it, not every start
      (require('node:fs') as typeof import('node:fs')).writeSync(2, `${command}: cannot write standard output: ${systemErrorText(error)}\n`);
    } catch {
      // Standard error is gone too: the exit code is all that is left.
    }
  }
  process.exit(EXIT_USAGE);
}

/**
 * A command's `main` with what every command answers alike, before the command sees its command line: `--version`
 * (version.ts) prints the package's name and version and exits 0, whatever else is there.
 */
export async function runCommand(main: (argv: string[], io: CliIo) => Promise<number>, argv: string[], io: CliIo): Promise<number> {
  if (versionAsked(argv)) {
    io.stdout(versionText());
    return EXIT_OK;
  }
  return main(argv, io);
}

/**
 * Ends the process with `code` once standard output and standard error have taken everything written to them (a
 * pipe can be asynchronous: an empty write's callback comes after every earlier write's). `main` has finished every
 * piece of work by then; what Node would still do before exiting on its own is tear down the heap, which after a
 * 500-resource simulation was 1.8% of the run's instructions. If a stream never calls back, the exit code is set and
 * Node exits on its own, as before.
 */
function exitWhenWritten(command: string, code: number): void {
  process.exitCode = code;
  // A stream that has failed calls back with its error before it emits it: the failure decides the exit, not `code`.
  process.stdout.write('', (stdoutError) => {
    if (stdoutError) outputFailed(command, 'standard output', stdoutError as NodeJS.ErrnoException);
    process.stderr.write('', (stderrError) => {
      if (stderrError) outputFailed(command, 'standard error', stderrError as NodeJS.ErrnoException);
      process.exit(code);
    });
  });
}

/** A CliIo that records what was written, for tests. */
export function memoryIo(cwd = process.cwd(), env: Record<string, string | undefined> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, env };
}
