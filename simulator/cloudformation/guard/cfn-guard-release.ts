/**
 * Which cfn-guard the simulator fetches when none is installed: the binary that the npm package
 * `@cdklabs/cdk-validator-cfnguard` ships (the CDK's Guard plugin), pinned by version and by the tarball's integrity,
 * so that the npm registry is the only host ever contacted and every machine runs the same engine.
 */
import { join } from 'node:path';

/** The npm package that ships cfn-guard binaries for Linux and macOS. */
export const CFN_GUARD_PACKAGE = '@cdklabs/cdk-validator-cfnguard';

/** Pinned: 0.0.62 ships cfn-guard 3.1.1 per OS and architecture (earlier versions are x86_64 only). */
export const CFN_GUARD_PACKAGE_VERSION = '0.0.62';

/** The registry's sha512 of the 0.0.62 tarball (`npm view … dist.integrity`); a different tarball is refused. */
export const CFN_GUARD_PACKAGE_INTEGRITY =
  'sha512-Sg2k8067B0AIJ82QFSLhHTUIqxOYTKABvVrTHiyc6j0rE2NHli2diIYqf+w+DkuDKCYYgMIOga3OrYMOHUw0mQ==';

/** The engine version the pinned package ships (what `cfn-guard --version` prints). */
export const CFN_GUARD_ENGINE_VERSION = '3.1.1';

/** Where the package keeps one platform's binary, e.g. `ubuntu/x86_64`. */
export interface CfnGuardPlatform {
  readonly os: 'ubuntu' | 'macos';
  readonly arch: 'x86_64' | 'aarch64';
}

/**
 * The package's folder for this machine, as its own locator maps it (`linux→ubuntu`, `darwin→macos`,
 * `x64→x86_64`, `arm64→aarch64`); undefined where the package has no binary (Windows, 32-bit …).
 */
export function cfnGuardPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): CfnGuardPlatform | undefined {
  const os = platform === 'linux' ? 'ubuntu' : platform === 'darwin' ? 'macos' : undefined;
  const cpu = arch === 'x64' ? 'x86_64' : arch === 'arm64' ? 'aarch64' : undefined;
  return os && cpu ? { os, arch: cpu } : undefined;
}

/** The binary's path inside the package tarball. */
export function binaryPathInTarball(platform: CfnGuardPlatform): string {
  return `package/bin/${platform.os}/${platform.arch}/cfn-guard`;
}

/** Where the pinned binary for `platform` lives in the cache: `<cache>/<package version>/<os>-<arch>/cfn-guard`. */
export function cachedCfnGuardPath(cacheDir: string, platform: CfnGuardPlatform): string {
  return join(cacheDir, CFN_GUARD_PACKAGE_VERSION, `${platform.os}-${platform.arch}`, 'cfn-guard');
}

