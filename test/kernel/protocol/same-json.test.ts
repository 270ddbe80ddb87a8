/* Deep equality of JSON values, shared by the plan's comparison and Cloud Control's patch `test` operation. */
import { sameJson } from '../../../src/kernel/protocol';

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
