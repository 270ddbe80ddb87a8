/*
 * resolveDynamicReferences is copy-on-write: a value without an `{{resolve:ssm:…}}` reference comes back as the
 * very same object, one reference anywhere is still replaced with the parts around it shared, and a missing
 * parameter is refused at its position.
 */
import type { JsonValue } from '../../../../src/kernel/protocol';
import { resolveDynamicReferences } from '../../../../simulator/cloudformation/resolve/dynamic-references';
import { Where } from '../../../../simulator/cloudformation/resolve/issues';

const SSM = { name: 'value' };

describe('resolveDynamicReferences', () => {
  it.each<[string, JsonValue]>([
    ['an object of scalars', { A: 'x', B: 1, C: true, D: null }],
    ['nested lists and objects', { A: [{ B: ['x', { C: 'y' }] }], E: [] }],
    ['a secretsmanager reference (left as written)', { A: '{{resolve:secretsmanager:s}}' }],
    ['an ssm-secure reference (left as written)', ['{{resolve:ssm-secure:p}}']],
  ])('%s comes back as the same value', (_name, value) => {
    expect(resolveDynamicReferences(value, Where.at('/P'), SSM)).toBe(value);
  });

  it.each<[string, JsonValue, JsonValue]>([
    ['at the top', '{{resolve:ssm:name}}', 'value'],
    ['deep in a list', { A: [{ B: ['x', 'a {{resolve:ssm:name:3}} b'] }] }, { A: [{ B: ['x', 'a value b'] }] }],
    ['in the last key', { A: { X: 1 }, Z: '{{resolve:ssm:name}}' }, { A: { X: 1 }, Z: 'value' }],
  ])('a reference %s is replaced', (_name, value, expected) => {
    expect(resolveDynamicReferences(value, Where.at('/P'), SSM)).toEqual(expected);
  });

  it('shares the parts without a reference', () => {
    const untouched = { X: ['a', 'b'] };
    const resolved = resolveDynamicReferences({ A: untouched, B: '{{resolve:ssm:name}}' }, Where.at('/P'), SSM) as { A: unknown };
    expect(resolved.A).toBe(untouched);
  });

  it('refuses a missing parameter at its position', () => {
    expect(() => resolveDynamicReferences({ A: ['x', '{{resolve:ssm:other}}'] }, Where.at('/P'), SSM)).toThrow(
      expect.objectContaining({ code: 'RES_DYNAMIC_REFERENCE', pointer: '/P/A/1' }),
    );
  });
});
