/**
 * `.rpdk-config` naming files outside the project: an entrypoint or a target schema that climbs out (`../..`) or is
 * absolute is a located config error (exit 2), found before anything outside is read; never a crash (exit 3).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main, ProjectError } from '../../../src/ship';
import { entrypointLocation, projectPath } from '../../../src/ship/project/hook-project';
import { temporaryProject } from '../temporary-project';

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
