/*
 * The depth limit at a template's leaves: a scalar at the deepest allowed level comes through whole, one level
 * deeper is refused at the scalar itself (not at its container), under objects and lists alike. Pinned because
 * a walk that skips or inlines scalar leaves (a tempting optimisation of evaluate and the reference walk) must
 * keep exactly this.
 */
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { MAX_DEPTH } from '../../../../simulator/cloudformation/resolve/evaluate';
import { TemplateError } from '../../../../simulator/cloudformation/template/types';
import { sourceFromJson, stackOptions } from './template-source';

/** A value `levels` containers deep (alternating object and list) around `leaf`, and the pointer of the leaf. */
function nested(levels: number, leaf: unknown): { value: unknown; pointer: string } {
  let value = leaf;
  const tokens: string[] = [];
  for (let i = 0; i < levels; i += 1) {
    if (i % 2 === 0) {
      value = { K: value };
      tokens.unshift('K');
    } else {
      value = ['first', value];
      tokens.unshift('1');
    }
  }
  return { value, pointer: `/Resources/B/Properties/V/${tokens.join('/')}` };
}

function outcome(value: unknown): { code: string; path: string } | { properties: unknown } {
  try {
    const resolved = resolveTemplate(sourceFromJson(JSON.stringify({ Resources: { B: { Type: 'Custom::X', Properties: { V: value } } } })), stackOptions());
    return { properties: resolved.resources[0]?.properties };
  } catch (error) {
    if (error instanceof TemplateError) return { code: error.diagnostics[0]!.code, path: error.diagnostics[0]!.path };
    throw error;
  }
}

describe('scalar leaves at the depth limit', () => {
  // Properties is evaluated at depth 0, V at 1: a leaf under n containers below V is at depth n + 1.
  it.each<[string, unknown]>([
    ['a string', 'x'],
    ['a number', 7],
    ['a boolean', true],
    ['null', null],
  ])('%s at the deepest allowed level resolves, one level deeper is RES_TOO_DEEP at the leaf', (_name, leaf) => {
    const allowed = nested(MAX_DEPTH - 1, leaf);
    expect(outcome(allowed.value)).toEqual({ properties: { V: allowed.value } });
    const deeper = nested(MAX_DEPTH, leaf);
    expect(outcome(deeper.value)).toEqual({ code: 'RES_TOO_DEEP', path: deeper.pointer });
  });

  it('an object past the limit is refused at the object, as before', () => {
    const deeper = nested(MAX_DEPTH, { Leaf: 'x' });
    expect(outcome(deeper.value)).toEqual({ code: 'RES_TOO_DEEP', path: deeper.pointer });
  });
});
