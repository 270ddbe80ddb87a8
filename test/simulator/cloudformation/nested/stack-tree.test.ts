/**
 * The stack tree's table of exports: a nested stack's exports are importable by the stacks resolved after it, as the
 * service makes an export importable once its stack is created.
 */
import { join } from 'node:path';
import { resolveStackTree } from '../../../../simulator/cloudformation/nested';
import { readSnippetFile, readTemplateFile } from '../../../../simulator/cloudformation/template';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'nested', 'sibling-exports');
const base = { stackName: 'parent', region: 'us-east-1', accountId: '123456789012', parameters: {} };
const tree = { read: (file: string) => readTemplateFile(file), readSnippet: (file: string) => readSnippetFile(file), templateMap: {} };

describe('exports across a stack tree', () => {
  it.each<[string, Record<string, string> | undefined, string]>([
    ['with no --exports', undefined, '10.20.16.0/20'],
    // The stack this deployment creates exports the name; an --exports entry for it describes an older value.
    ['over an --exports entry of the same name', { 'parent-Vpc-50NIEJOL6P56-CidrBlock': '192.168.0.0/16' }, '10.20.16.0/20'],
  ])("a sibling's export is imported %s", (_name, exports, cidr) => {
    const stack = resolveStackTree(readTemplateFile(join(fixtures, 'parent.yaml')), { ...base, ...(exports ? { exports } : {}), strictParameters: true }, tree);
    const subnet = stack.children.get('Subnet')?.template.resources.find((r) => r.logicalId === 'Subnet');
    expect(subnet?.properties.CidrBlock).toBe(cidr);
    expect(stack.template.outputs.SubnetCidr).toBe(cidr);
    expect(stack.template.warnings).toEqual([]);
  });

  it('an --exports table given by the caller is not written to', () => {
    const exports = Object.freeze({ unrelated: 'x' });
    resolveStackTree(readTemplateFile(join(fixtures, 'parent.yaml')), { ...base, exports }, tree);
    expect(exports).toEqual({ unrelated: 'x' });
  });
});
