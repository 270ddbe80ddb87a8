/**
 * `.rpdk-config` naming files outside the project: an entrypoint or a target schema that climbs out (`../..`) or is
 * absolute is a located config error (exit 2), found before anything outside is read; never a crash (exit 3).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main, ProjectError } from '../../../src/ship';
import { entrypointLocation, projectPath } from '../../../src/ship/project/hook-project';
import { SCHEMA_FILE, temporaryProject } from '../temporary-project';

function withSettings(change: (settings: Record<string, unknown>) => void): string {
  const dir = temporaryProject();
  const settings = JSON.parse(readFileSync(join(dir, '.rpdk-config'), 'utf8')) as Record<string, unknown>;
  change(settings);
  writeFileSync(join(dir, '.rpdk-config'), JSON.stringify(settings, null, 4));
  return dir;
}

describe('.rpdk-config paths outside the project', () => {
  it.each([
    ['entrypoint climbing out', (s: Record<string, unknown>) => (s.entrypoint = '../../outside/handlers.entrypoint')],
    ['testEntrypoint climbing out', (s: Record<string, unknown>) => (s.testEntrypoint = '../handlers.testEntrypoint')],
    ['an absolute entrypoint', (s: Record<string, unknown>) => (s.entrypoint = '/etc/handlers.entrypoint')],
    ['an entrypoint climbing out after a detour', (s: Record<string, unknown>) => (s.entrypoint = 'dist/../../handlers.entrypoint')],
    ['a target schema outside', (s: Record<string, unknown>) => (s.settings = { target_schemas: ['../outside.json'] })],
  ])('%s → exit 2 PATH_OUTSIDE_PROJECT located at .rpdk-config', async (_what, change) => {
    const dir = withSettings(change);
    const io = memoryIo(dir);
    const code = await main(['package'], io);
    expect({ code, err: io.err.join('') }).toEqual({ code: 2, err: expect.stringMatching(/^\.rpdk-config PATH_OUTSIDE_PROJECT /) });
  });

  it.each([
    ['dist/handlers.entrypoint', { module: 'dist/handlers.js', exportName: 'entrypoint' }],
    ['./dist/handlers.entrypoint', { module: 'dist/handlers.js', exportName: 'entrypoint' }],
    ['lib/../dist/handlers.testEntrypoint', { module: 'dist/handlers.js', exportName: 'testEntrypoint' }],
  ])('entrypointLocation(%j) stays inside', (entrypoint, expected) => {
    expect(entrypointLocation(entrypoint, 'entrypoint')).toEqual(expected);
  });

  it.each([['..'], ['../x'], ['/x'], ['a/../../x'], ['C:\\x'], ['..\\x'], ['']])('projectPath refuses %j', (path) => {
    expect(() => projectPath('/project', path, '.rpdk-config')).toThrow(ProjectError);
  });
});

describe('.rpdk-config and the schema as cfn reads them (encoding="utf-8", json.load)', () => {
  const settingsOf = (dir: string): Buffer => readFileSync(join(dir, '.rpdk-config'));

  it.each([
    ['a byte-order mark', (bytes: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), /^\.rpdk-config:1:1 SETTINGS_ENCODING .*byte-order mark/],
    ['invalid UTF-8', (bytes: Buffer) => Buffer.concat([Buffer.from('{"x": "'), Buffer.from([0xff]), Buffer.from('",'), bytes.subarray(1)]), /^\.rpdk-config:1:8 SETTINGS_ENCODING .*not valid UTF-8/],
    ['settings over 10 KiB as json.dumps writes them', (bytes: Buffer) => Buffer.from(JSON.stringify({ ...JSON.parse(bytes.toString('utf8')), settings: { note: 'x'.repeat(10 * 1024) } })), /^\.rpdk-config:1:1 PROJECT_INVALID .*as cfn measures them \(json\.dumps\); cfn refuses more than 10240/],
  ])('.rpdk-config with %s → exit 2, located', async (_what, change, message) => {
    const dir = temporaryProject();
    writeFileSync(join(dir, '.rpdk-config'), change(settingsOf(dir)));
    const io = memoryIo(dir);
    expect({ code: await main(['package'], io), err: io.err.join('') }).toEqual({ code: 2, err: expect.stringMatching(message) });
  });

  it('accepts a .rpdk-config larger than 10 KiB on disk whose settings are small (cfn measures json.dumps, not the file)', async () => {
    const dir = temporaryProject();
    writeFileSync(join(dir, '.rpdk-config'), JSON.stringify(JSON.parse(settingsOf(dir).toString('utf8')), null, 2000));
    expect((await main(['package'], memoryIo(dir)))).toBe(0);
  });

  it.each([
    ['a byte-order mark', (bytes: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), 'HS005'],
    ['invalid UTF-8 in its description', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace('"description": "', '"description": "\u00ff'), 'latin1'), 'HS004'],
  ])('a hook schema with %s is refused before packaging (exit 1, rule %#)', async (_what, change, rule) => {
    const dir = temporaryProject();
    const file = join(dir, SCHEMA_FILE);
    writeFileSync(file, change(readFileSync(file)));
    const io = memoryIo(dir);
    expect(await main(['package'], io)).toBe(1);
    expect(io.err.join('')).toContain(` ${rule} `);
    expect(existsSync(join(dir, 'mycompany-testing-mytesthook.zip'))).toBe(false);
  });
});

describe('settings.protocolVersion, held to cfn\'s load_settings (PROTOCOL_VERSION_VALUES, exact strings)', () => {
  const withProtocolVersion = (value: unknown): string =>
    withSettings((s) => {
      const settings = s.settings as Record<string, unknown>;
      if (value === undefined) delete settings.protocolVersion;
      else settings.protocolVersion = value;
    });

  it.each([['3.0.0'], ['2.0.0 '], ['2.0'], [''], [2], [2.0], [null], [['2.0.0']], [{ version: '2.0.0' }]])(
    'refuses %j: exit 2, located at the value, saying what cfn accepts',
    async (value) => {
      const dir = withProtocolVersion(value);
      const io = memoryIo(dir);
      const code = await main(['package'], io);
      const line = readFileSync(join(dir, '.rpdk-config'), 'utf8').split('\n').findIndex((l) => l.includes('"protocolVersion"')) + 1;
      expect({ code, err: io.err.join('') }).toEqual({
        code: 2,
        err: expect.stringMatching(new RegExp(`^\\.rpdk-config:${line}:\\d+ PROJECT_INVALID settings\\.protocolVersion is .*; cfn accepts exactly "1\\.0\\.0" or "2\\.0\\.0"`)),
      });
      expect(existsSync(join(dir, 'mycompany-testing-mytesthook.zip'))).toBe(false);
    },
  );

  it.each([
    ['"1.0.0"', '1.0.0', ''],
    ['"2.0.0"', '2.0.0', ''],
    ['absent', undefined, 'warning SHIP_PROTOCOL_VERSION_MISSING settings.protocolVersion is missing: this will default to version 1.0.0 during registration'],
  ])('packages with protocolVersion %s (exit 0), warning on stderr only when it is absent', async (_what, value, warning) => {
    const dir = withProtocolVersion(value);
    const io = memoryIo(dir);
    expect(await main(['package'], io)).toBe(0);
    const err = io.err.join('');
    if (warning) expect(err).toMatch(new RegExp(`^\\.rpdk-config:\\d+:\\d+ ${warning.replace(/[.()]/g, '\\$&')}`));
    else expect(err).not.toContain('protocolVersion');
    expect(io.out.join('')).not.toContain('protocolVersion');
  });

  it('warns when settings itself is absent, as cfn does', async () => {
    const dir = withSettings((s) => delete s.settings);
    const io = memoryIo(dir);
    expect(await main(['package'], io)).toBe(0);
    expect(io.err.join('')).toContain('SHIP_PROTOCOL_VERSION_MISSING');
  });
});
