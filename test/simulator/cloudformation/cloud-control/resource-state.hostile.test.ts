/**
 * The resource states of a Cloud Control request (`--desired-state`, `--previous-state`): JSON or YAML objects,
 * read with a bound; everything else is a located error, never a crash, a hang or a half-read state.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_STATE_CHARACTERS, parseResourceState, readResourceState } from '../../../../simulator/cloudformation/cloud-control';
import { inputErrorText } from '../../../support/input-error';

/** A file of `size` bytes that takes no space (sparse), for bounds. */
function sparseFile(path: string, size: number): string {
  writeFileSync(path, '');
  truncateSync(path, size);
  return path;
}

describe('a resource state that is fine', () => {
  it.each<[string, string, unknown]>([
    ['JSON', '{"BucketName": "b", "ObjectLockEnabled": true, "Tags": [{"Key": "k", "Value": "v"}]}', { BucketName: 'b', ObjectLockEnabled: true, Tags: [{ Key: 'k', Value: 'v' }] }],
    ['JSON with a byte-order mark', '\ufeff{"A": 1}', { A: 1 }],
    ['YAML', 'BucketName: b\nObjectLockEnabled: true\nTags:\n  - {Key: k, Value: v}\n', { BucketName: 'b', ObjectLockEnabled: true, Tags: [{ Key: 'k', Value: 'v' }] }],
    ['YAML keeps a date-like text a string (core schema, as JSON would)', 'Expires: 2026-01-01\n', { Expires: '2026-01-01' }],
    ['an empty object', '{}', {}],
    ['__proto__ stays a plain key (JSON)', '{"__proto__": {"polluted": true}}', JSON.parse('{"__proto__": {"polluted": true}}')],
  ])('%s', (_name, text, value) => {
    const state = parseResourceState(text, 'state.json', 'the desired state');
    expect(state).toEqual(value);
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('__proto__ in YAML is a plain key too, and pollutes nothing', () => {
    const state = parseResourceState('__proto__:\n  polluted: true\n', 'state.yaml', 'the desired state');
    expect(Object.keys(state)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a resource state that is refused, and where', () => {
  it.each<[string, string, RegExp]>([
    ['a JSON array', '[1, 2]', /^state:1:1 CLOUDCONTROL_STATE_SHAPE the desired state must be an object/],
    ['a YAML scalar', 'just text\n', /^state:1:1 CLOUDCONTROL_STATE_SHAPE/],
    ['an empty file', '', /^state:1:1 CLOUDCONTROL_STATE_SHAPE/],
    ['YAML null', '~\n', /^state:1:1 CLOUDCONTROL_STATE_SHAPE/],
    ['broken JSON, located', '{\n  "A": 1,\n  "B": }\n', /^state:3:8 SRC_JSON_SYNTAX invalid JSON/],
    ['a duplicate JSON key', '{"A": 1,\n "A": 2}', /^state:2:2 SRC_DUPLICATE_KEY duplicate key "A"/],
    ['a duplicate YAML key', 'A: 1\nA: 2\n', /^state:2:1 SRC_SYNTAX invalid YAML: Map keys must be unique/],
    ['a CloudFormation tag: a state has no intrinsics', 'BucketName: !Ref Name\n', /^state:1:13 SRC_SYNTAX invalid YAML: Unresolved tag: !Ref/],
    ['broken YAML, located', 'A: [1, 2\nB: 3\n', /^state:\d+:\d+ SRC_SYNTAX invalid YAML/],
    ['JSON nested deeper than any real state', `${'['.repeat(600)}${']'.repeat(600)}`, /^state:1:513 SRC_TOO_DEEP the desired state nests more than 512 levels deep here; no real document needs that, so it is refused$/],
    // One wording for JSON and YAML (nestedTooDeeplyReason), located at the collection past the bound.
    ['YAML nested deeper than any real state', `A: ${'['.repeat(600)}${']'.repeat(600)}\n`, /^state:1:515 SRC_TOO_DEEP the desired state nests more than 512 levels deep here; no real document needs that, so it is refused$/],
    ['YAML block sequences nested deeper than any real state', `${'- '.repeat(600)}x\n`, /^state:1:\d+ SRC_TOO_DEEP the desired state nests more than 512 levels deep here/],
    // Past the call stack `yaml` composes on: it was "invalid YAML: Maximum call stack size exceeded".
    ['YAML 20,000 flow collections deep', `A: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, /^state:1:\d+ SRC_TOO_DEEP the desired state nests more than 512 levels deep here; no real document needs that, so it is refused$/],
    ['YAML 20,000 flow collections deep, never closed', `A:\n${'['.repeat(20_000)}\n`, /^state:\d+:\d+ SRC_TOO_DEEP the desired state nests more than 512 levels deep here; no real document needs that, so it is refused$/],
    ['YAML 2,000 block sequences deep', `${'- '.repeat(2_000)}x\n`, /^state:1:\d+ SRC_TOO_DEEP the desired state nests more than 512 levels deep here/],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`, /^state:1:1 SRC_SYNTAX invalid YAML: Excessive alias count/],
    ['more than the API takes', JSON.stringify({ Description: 'x'.repeat(MAX_STATE_CHARACTERS) }), /^state:1:1 CLOUDCONTROL_STATE_TOO_LARGE the desired state is 262\d{3} characters as JSON; Cloud Control accepts at most 262144/],
  ])('%s', (_name, text, expected) => {
    expect(inputErrorText(() => parseResourceState(text, 'state', 'the desired state'))).toMatch(expected);
  });
});

describe('reading a state file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-state-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file', () => {
    writeFileSync(join(dir, 'b.yaml'), 'BucketName: b\n');
    expect(readResourceState(join(dir, 'b.yaml'), 'the desired state')).toEqual({ BucketName: 'b' });
  });

  it.each<[string, () => string, RegExp]>([
    ['no such file', () => join(dir, 'missing.json'), /FILE_UNREADABLE cannot read the previous state: no such file/],
    ['a directory', () => dir, /FILE_UNREADABLE cannot read the previous state: it is a directory/],
    ['an endless device is refused before it is opened', () => '/dev/zero', /FILE_UNREADABLE cannot read the previous state: it is a device, not a file/],
    ['a file past the bound is cut at it', () => sparseFile(join(dir, 'big.json'), 1048577), /FILE_TOO_LARGE cannot read the previous state: it is larger than 1048576 bytes/],
  ])('%s', (_name, path, expected) => {
    expect(inputErrorText(() => readResourceState(path(), 'the previous state'))).toMatch(expected);
  });
});
