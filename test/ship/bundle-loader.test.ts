/**
 * The commands with a code cache (bundles.json "codeCache") are started by scripts/bundle-loader.cjs, copied to
 * dist/<name>.js, which compiles dist/<name>.bundle.js with the V8 code cache the build trained for it. A cache is
 * only a shortcut: whatever the cache, a run must do what the bundle on disk says. Played on copies of the built
 * files in a scratch folder inside dist/ (so the bundle's own dependencies still resolve from node_modules).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLES } from '../../src/kernel/bundles';
import { repoRoot } from './temporary-project';

const dist = join(repoRoot, 'dist');
const CACHED = BUNDLES.filter((b) => b.codeCache !== undefined).map((b) => b.name);

/** A small create with one compliant and one blocked bucket: text output, exit 1. */
const TEMPLATE = `Resources:
  Good:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - BucketKeyEnabled: true
            ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 }
  Bad:
    Type: AWS::S3::Bucket
`;

/** A Lambda hook whose code is an ES module: loaded through the loader's own import(). */
const ESM_HOOKS = `Resources:
  EsmHook:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: MyCompany::Test::Esm
      LambdaFunction: ./esm-hook.mjs
      ExecutionRole: arn:aws:iam::123456789012:role/hook
      FailureMode: FAIL
      TargetOperations: [RESOURCE]
`;
const ESM_HOOK = 'export const handler = async (event) => ({ hookStatus: "FAILED", errorCode: "NonCompliant", message: `esm saw ${event.requestData.targetLogicalId}` });\n';

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', CACHED.join(',')], { encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
});

describe.each(CACHED)('dist/%s.js', (name) => {
  it('is the loader, beside its bundle and a cache made from exactly that bundle', () => {
    expect(readFileSync(join(dist, `${name}.js`), 'utf8')).toBe(readFileSync(join(repoRoot, 'scripts', 'bundle-loader.cjs'), 'utf8'));
    const digest = createHash('sha256').update(readFileSync(join(dist, `${name}.bundle.js`))).digest();
    const cache = readFileSync(join(dist, `${name}.bundle.cache`));
    expect(cache.subarray(0, 32).equals(digest)).toBe(true);
    expect(cache.subarray(32, 72).equals(identityOf(join(dist, `${name}.bundle.js`)))).toBe(true);
    expect(cache.length).toBeGreaterThan(100_000);
  });

  it('is ASCII, which its loader reads as Latin-1 (a plain copy) rather than decoding UTF-8 into a UTF-16 string', () => {
    expect(readFileSync(join(dist, `${name}.bundle.js`)).every((byte) => byte < 0x80)).toBe(true);
  });
});

/** The identity the loader records of a bundle file: device, inode, size, modification and status-change times (ns). */
function identityOf(file: string): Buffer {
  const stat = statSync(file, { bigint: true });
  const bytes = Buffer.alloc(40);
  [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].forEach((value, i) => bytes.writeBigUInt64LE(BigInt.asUintN(64, value), i * 8));
  return bytes;
}

describe('the training runs', () => {
  it("are not stopped by what npm left in the environment when it took the user's options (no `--`)", () => {
    const env = { ...process.env, npm_lifecycle_event: 'simulate', npm_config_failure_mode: '', npm_config_format: 'json' };
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate', '--force'], { encoding: 'utf8', env });
    expect([build.status, build.stderr]).toEqual([0, '']);
  });
});

describe('a run through the loader', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(dist, '.loader-test-'));
    for (const file of ['simulate.js', 'simulate.bundle.js', 'simulate.bundle.cache', 'resource-catalog.txt']) copyFileSync(join(dist, file), join(dir, file));
    writeFileSync(join(dir, 'template.yml'), TEMPLATE);
    writeFileSync(join(dir, 'hooks.yml'), ESM_HOOKS);
    writeFileSync(join(dir, 'esm-hook.mjs'), ESM_HOOK);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const simulate = (args: string[]) => spawnSync(process.execPath, [join(dir, 'simulate.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  const direct = (args: string[]) => spawnSync(process.execPath, [join(dist, 'simulate.bundle.js'), ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });

  it.each([
    ['with the trained cache', () => undefined],
    ['without a cache', () => rmSync(join(dir, 'simulate.bundle.cache'))],
    ['with a cache that is not a cache', () => writeFileSync(join(dir, 'simulate.bundle.cache'), 'not a cache')],
    [
      "with the bundle's digest in front of data V8 did not write",
      () => {
        const digest = createHash('sha256').update(readFileSync(join(dir, 'simulate.bundle.js'))).digest();
        writeFileSync(join(dir, 'simulate.bundle.cache'), Buffer.concat([digest, Buffer.alloc(4096, 7)]));
      },
    ],
    // Read whole, /dev/zero would never end.
    ['with a cache that is not a regular file', () => { rmSync(join(dir, 'simulate.bundle.cache')); symlinkSync('/dev/zero', join(dir, 'simulate.bundle.cache')); }],
  ])('%s, prints what the bundle run directly prints', (_case, arrange) => {
    arrange();
    const expected = direct(['template.yml']);
    expect(expected.status).toBe(1);
    expect(expected.stdout).toContain('Verdict: ROLLBACK_COMPLETE');
    const run = simulate(['template.yml']);
    expect([run.status, run.stdout, run.stderr]).toEqual([expected.status, expected.stdout, expected.stderr]);
  });

  /** Runs the loader as the build's training does: it writes the cache of the bundle now in `dir`. */
  const train = () => {
    const run = spawnSync(process.execPath, [join(dir, 'simulate.js'), 'template.yml'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', MYTESTHOOK_TRAIN_CODE_CACHE: '1' } });
    expect(run.status).toBe(1);
  };
  /** The bundle with a same-length edit that shows in the output: the cache is then trained for it. */
  const trainOnEditedBundle = (): { bundle: string; original: string; edited: string } => {
    const bundle = join(dir, 'simulate.bundle.js');
    const original = readFileSync(bundle, 'utf8');
    expect(original).toContain('Verdict: ');
    const edited = original.split('Verdict: ').join('VERDICT: ');
    writeFileSync(bundle, edited);
    train();
    expect(simulate(['template.yml']).stdout).toContain('VERDICT: ROLLBACK_COMPLETE');
    return { bundle, original, edited };
  };

  // The loader trusts a cache whose recorded identity of the bundle file matches without hashing the bundle: each way
  // the build's bundle can be replaced by another of the same length must change that identity.
  it.each([
    ['written in place', ({ bundle, original }: { bundle: string; original: string }) => writeFileSync(bundle, original)],
    [
      'written to a new file renamed over it',
      ({ bundle, original }: { bundle: string; original: string }) => {
        writeFileSync(`${bundle}.new`, original);
        renameSync(`${bundle}.new`, bundle);
      },
    ],
    [
      'written in place, its modification time set back to the one recorded (only the status-change time tells)',
      ({ bundle, original }: { bundle: string; original: string }) => {
        // Whole seconds: utimes then sets the very nanoseconds the training recorded.
        utimesSync(bundle, 1_000_000_000, 1_000_000_000);
        train();
        writeFileSync(bundle, original);
        utimesSync(bundle, 1_000_000_000, 1_000_000_000);
        expect(statSync(bundle, { bigint: true }).mtimeNs).toBe(1_000_000_000_000_000_000n);
      },
    ],
  ])('refuses a cache trained on another bundle of the same length, %s', (_case, replace) => {
    const files = trainOnEditedBundle();
    replace(files);
    expect(statSync(files.bundle).size).toBe(Buffer.byteLength(files.edited));
    const run = simulate(['template.yml']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Verdict: ROLLBACK_COMPLETE');
  });

  it("trusts a cache whose recorded identity is the bundle file's, without hashing the bundle", () => {
    // Shown with a forged identity: the cache of the edited bundle, said to be of the original, runs its own code.
    const { bundle, original } = trainOnEditedBundle();
    writeFileSync(bundle, original);
    const cacheFile = join(dir, 'simulate.bundle.cache');
    const cache = readFileSync(cacheFile);
    identityOf(bundle).copy(cache, 32);
    writeFileSync(cacheFile, cache);
    expect(simulate(['template.yml']).stdout).toContain('VERDICT: ROLLBACK_COMPLETE');
  });

  it('runs the bundle on disk, not the one its cache was made from, when the two differ by a same-length edit', () => {
    // V8 accepts a cache made for any source of the same length: only the loader's digest tells them apart.
    const bundle = join(dir, 'simulate.bundle.js');
    const text = readFileSync(bundle, 'utf8');
    expect(text).toContain('Verdict: ');
    writeFileSync(bundle, text.split('Verdict: ').join('VERDICT: '));
    const run = simulate(['template.yml']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('VERDICT: ROLLBACK_COMPLETE');
  });

  it("loads a Lambda hook's ES module handler through the loader's import(), with nothing on stderr", () => {
    const run = simulate(['template.yml', '--hooks', 'hooks.yml', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('esm saw Good');
  });

  it('says which file is missing, and exits 2, when the bundle is not beside it', () => {
    rmSync(join(dir, 'simulate.bundle.js'));
    const run = simulate(['template.yml']);
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'simulate.js: simulate.bundle.js is missing beside it; run `npm run build`\n']);
  });

  it('a training run writes the cache whole, made from the bundle on disk', () => {
    rmSync(join(dir, 'simulate.bundle.cache'));
    const run = spawnSync(process.execPath, [join(dir, 'simulate.js'), 'template.yml'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', MYTESTHOOK_TRAIN_CODE_CACHE: '1' } });
    expect(run.status).toBe(1);
    const cache = readFileSync(join(dir, 'simulate.bundle.cache'));
    expect(cache.subarray(0, 32).equals(createHash('sha256').update(readFileSync(join(dir, 'simulate.bundle.js'))).digest())).toBe(true);
    expect(cache.subarray(32, 72).equals(identityOf(join(dir, 'simulate.bundle.js')))).toBe(true);
    expect(existsSync(join(dir, `simulate.bundle.cache.${run.pid}.tmp`))).toBe(false);
  });
});
