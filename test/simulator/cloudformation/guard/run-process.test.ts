/**
 * The bounds every external program runs under (cfn-guard, npm, tar): a time limit, and a cap on what is kept of
 * stdout, past which the process is killed, or, when asked, drained to its end so that its exit code is known.
 */
import { runProcess } from '../../../../simulator/cloudformation/guard/run-process';

const node = process.execPath;
// Prints 1 MiB on stdout, then exits with 7.
const LOUD = ['-e', "process.stdout.write('x'.repeat(1 << 20), () => process.exit(7))"];

describe('runProcess', () => {
  it.each<[string, boolean, { exitCode: number | null; stdoutOverflow: boolean; timedOut: boolean }]>([
    ['killed at the bound by default', false, { exitCode: null, stdoutOverflow: true, timedOut: false }],
    ['drained to its end when asked, its exit code kept', true, { exitCode: 7, stdoutOverflow: true, timedOut: false }],
  ])('a process printing past the stdout bound is %s', async (_name, drain, expected) => {
    const result = await runProcess(node, LOUD, { timeoutMillis: 20_000, maxStdoutBytes: 1024, maxStderrBytes: 1024, drainStdoutOverflow: drain });
    expect({ exitCode: result.exitCode, stdoutOverflow: result.stdoutOverflow, timedOut: result.timedOut }).toEqual(expected);
    expect(result.stdout.length).toBeLessThanOrEqual(1024);
  });

  // `yes`, not a node script: on a loaded machine node took longer than the 1 s limit to start, was killed before it
  // printed, and the drain this checks never began.
  it('a drained process that never ends is still killed at the time limit', async () => {
    const result = await runProcess('yes', [], { timeoutMillis: 1_000, maxStdoutBytes: 1024, maxStderrBytes: 1024, drainStdoutOverflow: true });
    expect({ timedOut: result.timedOut, stdoutOverflow: result.stdoutOverflow, signal: result.signal }).toEqual({ timedOut: true, stdoutOverflow: true, signal: 'SIGKILL' });
  });
});
