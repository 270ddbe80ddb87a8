/**
 * Reading a CDK cloud assembly: stacks in dependency order with their names, parameters, environments and the
 * bootstrap version; a manifest that cannot be used is a located SIM_CLOUD_ASSEMBLY error, never a crash.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssemblyError, isCloudAssembly, readAssembly } from '../../../../simulator/cloudformation/assembly';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'cdk');
const example = join(__dirname, '..', '..', '..', '..', 'docs', 'examples', 'cdk', 'cdk.out');

describe('readAssembly', () => {
  it('reads a stage (nested assembly): dependency order, stack names, parameters, unknown environments left out', () => {
    const stacks = readAssembly(join(fixtures, 'app', 'cdk.out'));
    expect(stacks.map((s) => [s.artifactId, s.stackName, s.parameters, s.region, s.accountId])).toEqual([
      ['ProdNetwork5A6B7C8D', 'Prod-Network', {}, undefined, undefined],
      ['ProdIngest1F2E3D4C', 'Prod-Ingest', { RetentionDays: '14' }, undefined, undefined],
    ]);
  });

  it('reads the walkthrough: the environment, and the bootstrap version the stack requires', () => {
    const stacks = readAssembly(example);
    expect(stacks.map((s) => [s.stackName, s.region, s.accountId, s.ssmParameters])).toEqual([
      ['SharedStack', 'eu-west-1', '111122223333', { '/cdk-bootstrap/hnb659fds/version': '6' }],
      ['orders-prod', 'eu-west-1', '111122223333', { '/cdk-bootstrap/hnb659fds/version': '6' }],
    ]);
    expect(isCloudAssembly(example)).toBe(true);
    expect(isCloudAssembly(fixtures)).toBe(false);
  });

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'assembly-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"artifacts": ', /the manifest is not JSON/],
    ['not an object', '[]', /the manifest must be a JSON object/],
    ['artifacts of the wrong shape', '{"artifacts": []}', /artifacts must be an object/],
    ['a stack without a template', '{"artifacts": {"A": {"type": "aws:cloudformation:stack", "properties": {}}}}', /stack A has no properties.templateFile/],
    [
      'stacks that depend on each other',
      '{"artifacts": {"A": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "a.json"}, "dependencies": ["B"]}, "B": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "b.json"}, "dependencies": ["A"]}}}',
      /depend on each other in a cycle: A, B/,
    ],
    ['a stage without its directory', '{"artifacts": {"S": {"type": "cdk:cloud-assembly", "properties": {}}}}', /needs properties.directoryName/],
    ['a stage that is itself', '{"artifacts": {"S": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}}}}', /deeper than 8 levels/],
  ])('%s is a SIM_CLOUD_ASSEMBLY error naming the manifest', (_name, manifest, message) => {
    writeFileSync(join(dir, 'manifest.json'), manifest);
    let caught: unknown;
    try {
      readAssembly(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AssemblyError);
    const diagnostic = (caught as AssemblyError).diagnostics[0];
    expect(diagnostic?.file).toBe(join(dir, 'manifest.json'));
    expect(diagnostic?.message).toMatch(message);
  });
});
