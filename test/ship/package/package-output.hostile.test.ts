/**
 * `package --output` pointed at something it must not destroy: the package's own inputs (by real path, through
 * symbolic links too), and paths that are not regular files. Each is refused with exit 2 before anything is written,
 * and the target is left exactly as it was. Temporaries of killed runs are removed by the next run.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../src/ship';
import { removeStaleTemporaries, temporaryPathFor } from '../../../src/kernel/files';
import { SCHEMA_FILE, temporaryProject } from '../temporary-project';

async function ship(argv: string[], cwd: string) {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** A fingerprint of what is at a path: its kind, and its bytes when it is a file. */
function fingerprint(path: string): string {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return `link`;
  if (stat.isFile()) return `file:${readFileSync(path).toString('base64')}`;
  return `kind:${stat.mode & 0o170000}`;
}

const OUTPUTS: ReadonlyArray<readonly [what: string, prepare: (dir: string) => string]> = [
  ['the hook schema', () => SCHEMA_FILE],
  ['.rpdk-config', () => '.rpdk-config'],
  ['the handler bundle dist/handlers.js', () => 'dist/handlers.js'],
  ['the SDK bundle dist/handlers-aws-sdk.js', () => 'dist/handlers-aws-sdk.js'],
  ['a target schema', () => 'target-schemas/aws-s3-bucket.json'],
  ['package.json', () => 'package.json'],
  [
    'a source file the bundles are built from (not read by the packager itself)',
    (dir) => {
      mkdirSync(join(dir, 'src', 'handlers'), { recursive: true });
      writeFileSync(join(dir, 'src', 'handlers', 'index.ts'), 'export const handler = 1;\n');
      return 'src/handlers/index.ts';
    },
  ],
  [
    'any other file that is not a ZIP archive (a template)',
    (dir) => {
      writeFileSync(join(dir, 'notes.zip'), 'Resources: {}\n');
      return 'notes.zip';
    },
  ],
  ['the schema through ./ and ../', () => `./dist/../${SCHEMA_FILE}`],
  [
    'a symbolic link to the schema',
    (dir) => {
      symlinkSync(join(dir, SCHEMA_FILE), join(dir, 'link.zip'));
      return 'link.zip';
    },
  ],
  [
    'a dangling symbolic link',
    (dir) => {
      symlinkSync(join(dir, 'nowhere', 'x.zip'), join(dir, 'dangling.zip'));
      return 'dangling.zip';
    },
  ],
  [
    'a directory',
    (dir) => {
      mkdirSync(join(dir, 'out.zip'));
      return 'out.zip';
    },
  ],
  ['a character device (/dev/null)', () => '/dev/null'],
  [
    'a FIFO',
    (dir) => {
      execFileSync('mkfifo', [join(dir, 'pipe.zip')]);
      return 'pipe.zip';
    },
  ],
];

describe('package --output: refuses to destroy what is there', () => {
  it.each(OUTPUTS)('%s → exit 2 OUTPUT_REFUSED, target unchanged', async (_what, prepare) => {
    const dir = temporaryProject();
    const output = prepare(dir);
    const absolute = output.startsWith('/') ? output : join(dir, output);
    const before = fingerprint(absolute);
    const result = await ship(['package', '--output', output], dir);
    expect({ code: result.code, err: result.err }).toEqual({ code: 2, err: expect.stringContaining('OUTPUT_REFUSED') });
    expect(fingerprint(absolute)).toBe(before);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('still writes an ordinary new path, and replaces an earlier package, or an empty file', async () => {
    const dir = temporaryProject();
    expect((await ship(['package', '--output', 'out.zip'], dir)).code).toBe(0);
    expect((await ship(['package', '--output', 'out.zip'], dir)).code).toBe(0);
    expect(statSync(join(dir, 'out.zip')).isFile()).toBe(true);
    writeFileSync(join(dir, 'empty.zip'), '');
    expect((await ship(['package', '--output', 'empty.zip'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'empty.zip')).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });
});

describe('package: temporaries of killed runs', () => {
  it('the next run removes a dead run\'s temporary and keeps a running one\'s', async () => {
    const dir = temporaryProject();
    const output = join(dir, 'mycompany-testing-mytesthook.zip');
    // Alive until killed below, however long the run takes on a loaded machine (a 30 s life could end mid-run).
    const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)']);
    try {
      const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
      const dead = temporaryPathFor(output, deadPid);
      const running = temporaryPathFor(output, alive.pid as number);
      const unrelated = join(dir, '.other.zip.1.partial');
      for (const file of [dead, running, unrelated]) writeFileSync(file, 'half a zip');
      expect((await ship(['package'], dir)).code).toBe(0);
      expect([existsSync(dead), existsSync(running), existsSync(unrelated)]).toEqual([false, true, true]);
    } finally {
      alive.kill();
    }
  });

  it.each([
    ['no pid', '.x.zip..partial'],
    ['a pid that is not a number', '.x.zip.abc.partial'],
    ['another suffix', '.x.zip.1.tmp'],
  ])('leaves a name that is not one of its temporaries alone (%s)', (_what, name) => {
    const dir = temporaryProject();
    writeFileSync(join(dir, name), '');
    expect(removeStaleTemporaries(join(dir, 'x.zip'))).toEqual([]);
    expect(existsSync(join(dir, name))).toBe(true);
  });
});

describe('package: written whole or not at all', () => {
  const repoRoot = join(__dirname, '..', '..', '..');
  beforeAll(() => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--quiet', '--only', 'ship,handlers,handlers-aws-sdk'], { cwd: repoRoot, stdio: 'inherit' });
  }, 180000);

  // A file size limit (ulimit -f, in the shell's blocks) makes the disk take part of the package and refuse the rest,
  // as a full disk does: a write of 222 KB gets 32 KB through without an error, and only the next write fails.
  it.each([
    ['a disk that takes 32 KB of it (ulimit -f 64)', 64],
    ['a disk that takes none of it (ulimit -f 0)', 0],
  ])('%s → exit 2 WRITE_FAILED, no file and no temporary left', (_what, blocks) => {
    const dir = temporaryProject();
    const out = join(dir, 'out');
    mkdirSync(out);
    const result = spawnSync('sh', ['-c', `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, join(repoRoot, 'dist', 'ship.js'), 'package', '--output', join(out, 'hook.zip'), '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect({ code: result.status, out: JSON.parse(result.stdout) as unknown }).toEqual({
      code: 2,
      out: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'WRITE_FAILED', message: `cannot write ${join(out, 'hook.zip')}: EFBIG (file too large)` }) }),
    });
    expect(readdirSync(out)).toEqual([]);
  });

  it('a folder that does not exist is named, not the temporary the write would have used', async () => {
    const dir = temporaryProject();
    const result = await ship(['package', '--output', 'missing/hook.zip'], dir);
    const target = join(dir, 'missing', 'hook.zip');
    expect({ code: result.code, err: result.err }).toEqual({ code: 2, err: `${target} WRITE_FAILED cannot write ${target}: its folder ${join(dir, 'missing')} does not exist\n` });
  });
});
