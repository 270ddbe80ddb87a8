/**
 * The stack tree's table of exports: a nested stack's exports are importable by the stacks resolved after it, as the
 * service makes an export importable once its stack is created.
 */
import { join } from 'node:path';
import { MAX_STACKS } from '../../../../simulator/cloudformation/nested/stack-tree';
import { resolveStackTree, treeSsmWrites } from '../../../../simulator/cloudformation/nested';
import { readSnippetFile, readTemplateFile } from '../../../../simulator/cloudformation/template';
import { TemplateError } from '../../../../simulator/cloudformation/template/types';
import { scratchFolderPerTest } from '../../../support/simulate-cli';

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

describe("the account's Stacks quota, counted across the tree as it is built", () => {
  const scratch = scratchFolderPerTest('stack-count-');
  /** A template nesting `count` stacks of `child` (a leaf when `child` is absent), and `leaves` leaf stacks. */
  const nesting = (count: number, child: string, leaves = 0): string =>
    `Resources:\n${[...Array<undefined>(count)].map((_, i) => `  M${i}:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./${child}}\n`).join('')}${[...Array<undefined>(leaves)].map((_, i) => `  L${i}:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./leaf.yaml}\n`).join('')}`;
  const write = (leaves: number): string => {
    scratch.file('leaf.yaml', 'Resources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n');
    scratch.file('mid.yaml', nesting(99, 'leaf.yaml'));
    // 1 + 19 mids + 19 × 99 leaves + `leaves` more: 1,901 + leaves stacks.
    return scratch.file('root.yaml', nesting(19, 'mid.yaml', leaves));
  };
  const count = (stack: { children: ReadonlyMap<string, unknown> }): number => 1 + [...stack.children.values()].reduce<number>((n, c) => n + count(c as typeof stack), 0);

  it.each<[string, number, number | RegExp]>([
    ['exactly the quota: every stack resolved', 99, MAX_STACKS],
    ['one stack more: refused at the resource that would create it, with the service\'s words', 100, /^Limit for stack has been exceeded: L99 would create stack 2001 of this tree, and an account holds at most 2000 stacks, nested ones included/],
  ])('%s', (_name, leaves, expected) => {
    const root = write(leaves);
    const resolve = () => resolveStackTree(readTemplateFile(root), base, tree);
    if (typeof expected === 'number') {
      expect(count(resolve())).toBe(expected);
      return;
    }
    let error: unknown;
    try {
      resolve();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['RES_NESTED_STACK', 'error', '/Resources/L99']]);
    expect((error as TemplateError).diagnostics[0]?.message).toMatch(expected);
  });

  it('a fan-out of 11 million stacks (8 templates of 10 children) stops at the quota, in seconds', () => {
    for (let level = 0; level < 8; level++) scratch.file(`l${level}.yaml`, level === 7 ? 'Resources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n' : nesting(10, `l${level + 1}.yaml`));
    const started = Date.now();
    expect(() => resolveStackTree(readTemplateFile(join(scratch.dir, 'l0.yaml')), base, tree)).toThrow(/Limit for stack has been exceeded/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
