/**
 * UpdateResource's PatchDocument: RFC 6902 applied to the current state as the service does (the RFC's own
 * Appendix A examples, in order, all or nothing), and every fault located in the patch file.
 */
import type { JsonObject } from '../../../../src/kernel/protocol';
import { applyPatchDocument, parsePatchDocument } from '../../../../simulator/cloudformation/cloud-control';
import { inputErrorText } from '../../../support/input-error';

function patched(state: JsonObject, patch: unknown): JsonObject {
  return applyPatchDocument(state, parsePatchDocument(JSON.stringify(patch, null, 1), 'patch.json'));
}

describe('applying a patch (RFC 6902 Appendix A, and the Cloud Control guide)', () => {
  it.each<[string, JsonObject, unknown[], JsonObject]>([
    ['A.1 add an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { foo: 'bar', baz: 'qux' }],
    ['A.2 add an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['A.3 remove an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['A.4 remove an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['A.5 replace a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    ['A.6 move a value', { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }], { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } }],
    ['A.7 move an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
    ['A.8 test, then go on', { baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], { baz: 'qux', foo: ['a', 2, 'c'] }],
    ['A.10 add a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
    ['A.11 members other than op, path, value are ignored', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
    ['A.14 ~ escapes', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
    ['A.16 add an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
    ['copy', { a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }, { op: 'replace', path: '/c/b', value: 2 }], { a: { b: 1 }, c: { b: 2 } }],
    ['test compares objects whatever their key order', { a: { x: 1, y: [true, null] } }, [{ op: 'test', path: '/a', value: { y: [true, null], x: 1 } }], { a: { x: 1, y: [true, null] } }],
    ['the guide\'s path without a leading slash', { RetentionInDays: 30 }, [{ op: 'replace', path: 'RetentionInDays', value: 90 }], { RetentionInDays: 90 }],
    ['operations apply in order, each to the result of the one before', { Tags: [] }, [{ op: 'add', path: '/Tags/-', value: { Key: 'a' } }, { op: 'add', path: '/Tags/0/Value', value: 'b' }], { Tags: [{ Key: 'a', Value: 'b' }] }],
    ['__proto__ is a plain key, set and read as one', {}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }, { op: 'test', path: '/__proto__/polluted', value: true }], JSON.parse('{"__proto__": {"polluted": true}}') as JsonObject],
  ])('%s', (_name, state, patch, expected) => {
    const before = structuredClone(state);
    expect(patched(state, patch)).toEqual(expected);
    expect(state).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a patch that cannot be applied fails whole, located at its operation', () => {
  it.each<[string, JsonObject, unknown[], RegExp]>([
    ['A.9 a failed test', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }], /^patch\.json:2:2 CLOUDCONTROL_PATCH_FAILED operation 0 \(test \/baz\): the value at \/baz is not the one the test expects/],
    ['A.12 adding to a missing parent', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }], /operation 0 \(add \/baz\/bat\): \/baz does not exist/],
    ['A.15 a number is not its string', { foo: 1 }, [{ op: 'test', path: '/foo', value: '1' }], /the value at \/foo is not the one the test expects/],
    ['removing what is not there', { a: 1 }, [{ op: 'replace', path: '/a', value: 2 }, { op: 'remove', path: '/b' }], /^patch\.json:\d+:2 CLOUDCONTROL_PATCH_FAILED operation 1 \(remove \/b\): \/b does not exist/],
    ['replacing what is not there', { a: 1 }, [{ op: 'replace', path: '/b', value: 2 }], /\/b does not exist/],
    ['an index past the end', { a: [1] }, [{ op: 'add', path: '/a/2', value: 3 }], /\/a\/2: index 2 is out of bounds/],
    ['an index with a leading zero', { a: [1, 2] }, [{ op: 'remove', path: '/a/01' }], /"01" is not an array index/],
    ['moving into its own child', { a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }], /cannot move \/a into one of its own children/],
    ['removing the whole state', { a: 1 }, [{ op: 'remove', path: '' }], /the whole state cannot be removed/],
    ['a patched state that is not an object', { a: 1 }, [{ op: 'replace', path: '', value: [1] }], /the patched state is not an object of properties/],
    ['an inherited member is not there', { a: 1 }, [{ op: 'test', path: '/constructor', value: 1 }], /\/constructor does not exist/],
  ])('%s', (_name, state, patch, expected) => {
    expect(inputErrorText(() => patched(state, patch))).toMatch(expected);
  });
});

describe('a patch document that is not one', () => {
  it.each<[string, string, RegExp]>([
    ['not JSON', '[{"op": "add",]', /^patch\.json:1:15 SRC_JSON_SYNTAX invalid JSON/],
    ['not an array', '{"op": "add"}', /^patch\.json:1:1 CLOUDCONTROL_PATCH_SHAPE the patch document must be a JSON array of operations/],
    ['an operation that is not an object', '[1]', /^patch\.json:1:2 CLOUDCONTROL_PATCH_SHAPE an operation must be an object/],
    ['an unknown op', '[{"op": "merge", "path": "/a"}]', /^patch\.json:1:9 CLOUDCONTROL_PATCH_SHAPE "op" must be one of add, remove, replace, move, copy, test, got "merge"/],
    ['no path', '[{"op": "remove"}]', /^patch\.json:1:2 CLOUDCONTROL_PATCH_SHAPE a "remove" operation needs "path"/],
    ['no value', '[{"op": "add", "path": "/a"}]', /a "add" operation needs "value"/],
    ['no from', '[{"op": "copy", "path": "/a"}]', /a "copy" operation needs "from"/],
    ['every fault at once', '[{"op": "add", "path": "/a"},\n {"op": "copy", "path": "/b"}]', /needs "value".*\n.*:2:2 .*needs "from"/],
  ])('%s', (_name, text, expected) => {
    expect(inputErrorText(() => parsePatchDocument(text, 'patch.json'))).toMatch(expected);
  });
});
