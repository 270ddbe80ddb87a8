/** Checking that a file is a cfn-guard the simulator can drive: it runs `--version` and is 3.x or later. */
import { runProcess } from './run-process';

/** The oldest engine whose `validate` has `--structured` JSON output, which the simulator reads. */
const MINIMUM_MAJOR_VERSION = 3;

/** What `--version` showed: the engine's version, or what is wrong with the file. */
export type Probe = { ok: true; version: string } | { ok: false; problem: string };

/** Runs `<path> --version` (10 s at most) and reads `cfn-guard X.Y.Z`. */
export async function probeVersion(path: string): Promise<Probe> {
  const result = await runProcess(path, ['--version'], { timeoutMillis: 10_000, maxStdoutBytes: 4096, maxStderrBytes: 4096 });
  if (result.startError !== undefined) {
    const reason = result.startError === 'ENOENT' ? 'does not exist' : result.startError === 'EACCES' ? 'is not executable' : `does not start (${result.startError})`;
    return { ok: false, problem: reason };
  }
  if (result.timedOut) return { ok: false, problem: 'did not answer --version within 10 seconds' };
  const match = /cfn-guard\s+(\d+)\.(\d+)\.(\d+)\S*/.exec(result.stdout);
  if (result.exitCode !== 0 || match === null) {
    return { ok: false, problem: `is not cfn-guard (\`--version\` printed ${JSON.stringify(firstLine(result.stdout || result.stderr))})` };
  }
  const version = match[0].replace(/^cfn-guard\s+/, '');
  if (Number(match[1]) < MINIMUM_MAJOR_VERSION) {
    return { ok: false, problem: `is cfn-guard ${version}; the simulator needs ${MINIMUM_MAJOR_VERSION}.x or later (it reads \`validate --structured\` output)` };
  }
  return { ok: true, version };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}

