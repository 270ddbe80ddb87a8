import { setOwn, stringifyScalars } from '../../../src/kernel/protocol/stringify';

describe('setOwn', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a', ''])('makes %j an own, enumerable, writable data property of {} and of a prototype-less object', (key) => {
    for (const target of [{} as Record<string, unknown>, Object.create(null) as Record<string, unknown>]) {
      const prototype: unknown = Object.getPrototypeOf(target);
      setOwn(target, key, { v: 1 });
      expect(Object.getOwnPropertyDescriptor(target, key)).toEqual({ value: { v: 1 }, enumerable: true, writable: true, configurable: true });
      expect(Object.getPrototypeOf(target)).toBe(prototype);
      expect(Object.keys(target)).toEqual([key]);
      setOwn(target, key, 2);
      expect(Object.getOwnPropertyDescriptor(target, key)?.value).toBe(2);
    }
  });
});

describe('stringifyScalars', () => {
  it.each<[string, unknown, string]>([
    ['scalars', { a: 1, b: true, c: 'x', d: null }, '{"a":"1","b":"true","c":"x","d":"null"}'],
    ['nested lists and maps', { l: [1, [false, { n: 2.5 }]] }, '{"l":["1",["false",{"n":"2.5"}]]}'],
    ['a __proto__ key, kept as data', JSON.parse('{"__proto__":{"x":1},"k":0}'), '{"__proto__":{"x":"1"},"k":"0"}'],
  ])('%s', (_, value, expected) => {
    const out = stringifyScalars(value as never);
    expect(JSON.stringify(out)).toBe(expected);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
