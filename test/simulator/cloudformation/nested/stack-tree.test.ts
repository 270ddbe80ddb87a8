/**
 * The stack tree's table of exports: a nested stack's exports are importable by the stacks resolved after it, as the
 * service makes an export importable once its stack is created.
 */
import { join } from 'node:path';
import { resolveStackTree, treeSsmWrites } from '../../../../simulator/cloudformation/nested';
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

describe('the SSM parameters a stack tree writes, for the stacks deployed after it', () => {
  const assembly = join(__dirname, '..', '..', '..', 'fixtures', 'assembly', 'ssm-written', 'cdk.out');

  it("an AWS::SSM::Parameter's Name and Value, and the CDK's cross-region export writer's parameters, with their resolved values", () => {
    const stack = resolveStackTree(readTemplateFile(join(assembly, 'Producer.template.json')), base, tree);
    const key = stack.template.resources.find((r) => r.logicalId === 'Key');
    expect(key?.physicalId).toMatch(/^[0-9a-f-]{36}$/);
    expect({ ...treeSsmWrites(stack) }).toEqual({
      '/cdk/exports/Consumer/ProducerKeyArn': `arn:aws:kms:us-east-1:123456789012:key/${key?.physicalId ?? ''}`,
      '/shared/retention-days': '30',
    });
  });

  it('a stack that writes none gives none', () => {
    expect({ ...treeSsmWrites(resolveStackTree(readTemplateFile(join(assembly, 'Consumer.template.json')), { ...base, ssmParameters: { '/cdk/exports/Consumer/ProducerKeyArn': 'k', '/shared/retention-days': '1' } }, tree)) }).toEqual({});
  });
});
