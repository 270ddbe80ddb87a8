import { findDuplicateJsonKey, findJsonSyntaxError, lazyLocator, parseJson, positionAt, SourceSyntaxError } from '../../../src/kernel/source';

describe('parseJson', () => {
  it.each([
    ['trailing comma in an object', '{\n  "a": 1,\n}', 3, 1, 'no trailing comma'],
    ['missing colon', '{"a" 1}', 1, 6, "expected ':'"],
    ['a bad literal (V8 gives no position)', '{\n  "a": tru}', 2, 8, 'expected a value'],
    ['unterminated object', '{"a": 1', 1, 8, 'the end of the file'],
    ['missing comma in an array', '[1 2]', 1, 4, "expected ',' or ']'"],
    ['a raw control character in a string', '{"a": "x\u0001"}', 1, 9, 'must be escaped'],
    ['an empty file', '', 1, 1, 'expected a value'],
    ['garbage after the document', '{"a": 1} x', 1, 10, 'the end of the document'],
    ['a bad escape', '["\\q"]', 1, 3, 'valid escape'],
    // Pasted from a web page: characters that do not show are written as their escapes.
    ['a no-break space as indentation', '{\n\u00a0"a": 1}', 2, 1, 'found "\\u00a0"'],
    ['a zero-width space before a key', '{\u200b"a": 1}', 1, 2, 'found "\\u200b"'],
    ['a line separator', '{\u2028"a": 1}', 1, 2, 'found "\\u2028"'],
    ['a private-use character from another plane', '[\u{f0000}]', 1, 2, 'found "\\udb80\\udc00"'],
    ['a form feed (JSON.stringify escapes it)', '{\f"a": 1}', 1, 2, 'found "\\f"'],
    ['a visible letter stays as it is', '{é: 1}', 1, 2, 'found "é"'],
  ])('%s: located at %i:%i', (_name, text, line, column, expected) => {
    let error: unknown;
    try {
      parseJson(text, 'f.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceSyntaxError);
    const e = error as SourceSyntaxError;
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.reason).toContain(expected);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['{}', '[]', '"x"', '-0.5e+3', '{"a":[1,{"b":null}],"c":"\\u00e9\\n"}', ' \n[true,false] ']) {
      expect(findJsonSyntaxError(text)).toBeUndefined();
      expect(parseJson(text, 'f.json').value).toEqual(JSON.parse(text));
    }
  });

  it('survives 100,000-deep nesting without a stack overflow', () => {
    const deep = '['.repeat(100000);
    expect(findJsonSyntaxError(deep)).toMatchObject({ offset: 100000 });
  });

  it('strips a byte-order mark', () => {
    expect(parseJson('\ufeff{"a": 1}', 'f.json').value).toEqual({ a: 1 });
  });

  it('reports a duplicate key where it is written again', () => {
    expect(findDuplicateJsonKey('{"a": 1, "b": {"a": 2}, "a": 3}')).toEqual({ key: 'a', offset: 24, pointer: '/a' });
    expect(() => parseJson('{"a": 1,\n "a": 2}', 'f.json')).toThrow('f.json:2:2 duplicate key "a"');
  });

  it('locates values by JSON pointer, falling back to the nearest written ancestor', () => {
    const doc = parseJson('{\n  "a": {"b": [1, {"c~/": 2}]}\n}', 'f.json');
    expect(doc.locate('/a/b/1/c~0~1')).toEqual({ line: 2, column: 26 });
    expect(doc.locate('/a/missing')).toEqual({ line: 2, column: 8 });
  });

  it.each([
    ['an object in an array', '{"x": [1, {"k": 0}, {"a/b": 1, "a/b": 2}]}', '/x/2/a~1b'],
    ['an array of arrays', '[[], [{"~": 1, "~": 2}]]', '/1/0/~0'],
    ['a key after a nested object', '{"a": {"b": {"c": 1}}, "d": {"e": [], "e": 1}}', '/d/e'],
    ['an escaped key', '{"s": {"\\u0041": 1, "A": 2}}', '/s/A'],
  ])('names a duplicate key by its JSON pointer (%s)', (_name, text, pointer) => {
    expect(findDuplicateJsonKey(text)?.pointer).toBe(pointer);
  });

  it.each([
    ['JSON', '{"a": {"b": 1},\n "a": {"b": 2}}', '/a/b', { line: 2, column: 13 }],
    ['YAML', 'a:\n  b: 1\na:\n  b: 2\n', '/a/b', { line: 4, column: 6 }],
    ['a key asked for as a key', '{"k": 1, "k": 2}', '/k', { line: 1, column: 10 }],
  ])('locates a key written twice at its last copy, whose value is the one kept (%s)', (_name, text, pointer, position) => {
    expect(lazyLocator(text)(pointer, pointer === '/k' ? 'key' : 'value')).toEqual(position);
  });

  it('computes positions from offsets', () => {
    expect(positionAt('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
  });
});
