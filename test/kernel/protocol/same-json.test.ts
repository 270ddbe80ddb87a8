/* Deep equality of JSON values, shared by the plan's comparison and Cloud Control's patch `test` operation. */
import { sameJson, sameSentJson } from '../../../src/kernel/protocol';

describe('sameJson', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: null }, { a: null }, true],
    ['1', 1, false],
    [{ a: 1 }, { b: 1 }, false],
  ])('%j vs %j', (x, y, same) => {
    expect(sameJson(x, y)).toBe(same);
  });
});

describe('sameSentJson: equal as the service sends them, every scalar a string', () => {
  it.each([
    [{ a: 30, b: [true, { c: null }] }, { b: ['true', { c: 'null' }], a: '30' }, true],
    ['1', 1, true],
    [1, '1.0', false],
    [false, 'False', false],
    [[1, 2], ['2', '1'], false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1 }, { a: [1] }, false],
    [{ a: {} }, { a: '[object Object]' }, false],
    [[], {}, false],
    [undefined, 'undefined', false],
    [undefined, undefined, true],
  ])('%j vs %j', (x, y, same) => {
    expect(sameSentJson(x, y)).toBe(same);
    expect(sameSentJson(y, x)).toBe(same);
  });
});
