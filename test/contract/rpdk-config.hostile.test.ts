/**
 * The contract runner reads `.rpdk-config`'s entrypoints through the packager's reader (entrypointLocation): an
 * entrypoint outside the project is an input error (exit 2) and nothing outside is loaded.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/contract';
import { memoryIo } from '../../src/kernel/cli';

const SCHEMA = join(__dirname, '..', '..', 'mycompany-testing-mytesthook.json');

describe('contract runner: .rpdk-config entrypoints outside the project', () => {
  it.each([
    ['climbing out', { entrypoint: '../outside/handlers.entrypoint' }, 'TypeFunction'],
    ['absolute', { entrypoint: '/tmp/handlers.entrypoint' }, 'TypeFunction'],
    ['testEntrypoint climbing out', { testEntrypoint: '../../handlers.testEntrypoint' }, 'TestEntrypoint'],
    ['settings larger than cfn allows (json.dumps over 10 KiB)', { padding: 'x'.repeat(11 * 1024) }, 'TypeFunction'],
  ])('%s → exit 2, the outside module never loaded', async (_what, settings, fn) => {
    const root = mkdtempSync(join(tmpdir(), 'contract-rpdk-'));
    const dir = join(root, 'project', 'inner');
    mkdirSync(join(dir, 'inputs'), { recursive: true });
    for (const kind of ['pre_create', 'pre_update', 'pre_delete', 'invalid']) {
      writeFileSync(join(dir, 'inputs', `inputs_1_${kind}.json`), JSON.stringify({ 'AWS::S3::Bucket': { resourceProperties: {} } }));
    }
    // A module outside that would record that it was loaded.
    mkdirSync(join(root, 'project', 'outside'), { recursive: true });
    const marker = join(root, 'loaded');
    writeFileSync(join(root, 'project', 'outside', 'handlers.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); exports.entrypoint = () => ({});`);
    writeFileSync(join(dir, '.rpdk-config'), JSON.stringify({ entrypoint: 'dist/handlers.entrypoint', testEntrypoint: 'dist/handlers.testEntrypoint', ...settings }));
    const io = memoryIo(dir);
    const code = await main(['--schema', SCHEMA, '--function', fn], io);
    expect({ code, err: io.err.join('') }).toEqual({ code: 2, err: expect.stringContaining('.rpdk-config') });
    expect(existsSync(marker)).toBe(false);
  });

  it('reads a .rpdk-config over 10 KiB on disk whose settings are small, as cfn does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'contract-rpdk-'));
    mkdirSync(join(root, 'inputs'));
    writeFileSync(join(root, '.rpdk-config'), JSON.stringify({ entrypoint: 'dist/handlers.entrypoint', testEntrypoint: 'dist/handlers.testEntrypoint' }, null, 20_000));
    for (const kind of ['pre_create', 'pre_update', 'pre_delete', 'invalid']) {
      writeFileSync(join(root, 'inputs', `inputs_1_${kind}.json`), JSON.stringify({ 'AWS::S3::Bucket': { resourceProperties: {} } }));
    }
    const io = memoryIo(root);
    await main(['--schema', SCHEMA], io);
    // It gets past .rpdk-config: the next complaint is the missing compiled handler.
    expect(io.err.join('')).toMatch(/no compiled handler/);
  });
});

// cfn test loads .rpdk-config as cfn submit does (project.py load_settings: open(encoding="utf-8"), json.load), so
// the runner refuses what cfn refuses, located, through the packager's one reader; a BOM was stripped and taken.
describe('contract runner: an .rpdk-config cfn cannot load', () => {
  const SETTINGS = JSON.stringify({ entrypoint: 'dist/handlers.entrypoint', testEntrypoint: 'dist/handlers.testEntrypoint' });
  it.each<[string, Buffer, string]>([
    [
      'a UTF-8 byte-order mark (Python: "Unexpected UTF-8 BOM")',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SETTINGS)]),
      "contract: .rpdk-config cannot be read as cfn reads it; no case was run\n.rpdk-config:1:1 CT_SETTINGS .rpdk-config starts with a UTF-8 byte-order mark, which cfn's json.load refuses ('Unexpected UTF-8 BOM'); save it without one\n",
    ],
    [
      'invalid UTF-8',
      Buffer.from([...Buffer.from('{"entrypoint": "dist/handlers.entrypoint", "x": "'), 0xff, ...Buffer.from('"}')]),
      'contract: .rpdk-config cannot be read as cfn reads it; no case was run\n.rpdk-config:1:50 CT_SETTINGS .rpdk-config is not valid UTF-8 (byte offset 49); cfn reads it as UTF-8 and stops\n',
    ],
    [
      'a syntax error, located (it was ".rpdk-config is not valid JSON")',
      Buffer.from('{\n  "entrypoint": "dist/handlers.entrypoint",\n}\n'),
      'contract: .rpdk-config cannot be read as cfn reads it; no case was run\n.rpdk-config:3:1 CT_SETTINGS invalid JSON: expected a double-quoted property name (no trailing comma), found "}"\n',
    ],
  ])('%s → exit 2, located', async (_what, bytes, expected) => {
    const root = mkdtempSync(join(tmpdir(), 'contract-rpdk-'));
    mkdirSync(join(root, 'inputs'));
    for (const kind of ['pre_create', 'pre_update', 'pre_delete', 'invalid']) {
      writeFileSync(join(root, 'inputs', `inputs_1_${kind}.json`), JSON.stringify({ 'AWS::S3::Bucket': { resourceProperties: {} } }));
    }
    writeFileSync(join(root, '.rpdk-config'), bytes);
    const io = memoryIo(root);
    const code = await main(['--schema', SCHEMA], io);
    expect({ code, err: io.err.join('') }).toEqual({ code: 2, err: expected });
  });
});
