/**
 * Every build keeps the command bundles executable: npm links package.json's `bin` entries to dist/*.js, and a
 * rebuild that wrote them 0644 made `mytesthook-validate` stop running. Lambda bundles stay plain modules.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLES } from '../../src/kernel/bundles';
import { repoRoot } from './temporary-project';

const mode = (file: string): number => statSync(join(repoRoot, file)).mode & 0o777;

describe('scripts/build.mjs file modes', () => {
  it.each([
    ['validate', 0o755, true],
    ['handlers-aws-sdk', 0o644, false],
  ])('dist/%s.js is rebuilt with mode %o (shebang: %s), whatever it had before', (name, expected, shebang) => {
    const file = `dist/${name}.js`;
    const result = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet', '--only', name], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(0);
    chmodSync(join(repoRoot, file), expected === 0o755 ? 0o644 : 0o755);
    expect(spawnSync(process.execPath, ['scripts/build.mjs', '--quiet', '--only', name], { cwd: repoRoot }).status).toBe(0);
    expect(mode(file)).toBe(expected);
    expect(readFileSync(join(repoRoot, file), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(shebang);
  });

  it("every package.json bin entry is a command bundle of bundles.json", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const commands = BUNDLES.filter((b) => b.runtime === 'cli').map((b) => `dist/${b.name}.js`);
    expect(Object.values(manifest.bin).filter((file) => !commands.includes(file))).toEqual([]);
  });
});
