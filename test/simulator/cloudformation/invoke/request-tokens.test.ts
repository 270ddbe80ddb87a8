import fc from 'fast-check';
import { seededUuids } from '../../../../simulator/cloudformation/invoke/request-tokens';

describe('seededUuids', () => {
  // Golden outputs, and users' stored runs, depend on every token staying the same.
  it.each<[string, string[]]>([
    ['', ['9c7a8434-7e57-4ba5-8626-7ea9698b9526', 'cff0a677-0ea5-4262-aa78-addf318fc574', 'e12ba51d-8cf4-459f-b1c2-fa0c40b0f53e']],
    ['teststack', ['50ebd859-348f-4710-9ac5-2159a8a6cce9', '7be2562f-ef73-40c9-8212-3040e3c8c34f', '19953229-7169-4e9f-a8bc-64e392b16ec4']],
    [
      'hook-invocations:arn:aws:cloudformation:us-east-1:123456789012:stack/x/1',
      ['97385bd9-c347-41fb-8916-3a5923f98e57', 'b6b7ba72-40f2-4ff0-917c-076ad75f39b0', '108cb16f-68f2-471d-967d-67ca9c882361'],
    ],
  ])('seed %j gives the same sequence as ever', (seed, expected) => {
    const next = seededUuids(seed);
    expect([next(), next(), next()]).toEqual(expected);
  });

  it('every token is a version 4 UUID of lowercase hex, and the same seed repeats its sequence', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 20 }), (seed, count) => {
        const [first, again] = [seededUuids(seed), seededUuids(seed)];
        for (let i = 0; i < count; i += 1) {
          const token = first();
          expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          expect(again()).toBe(token);
        }
      }),
    );
  });
});
