/**
 * Reading a CDK cloud assembly: stacks in dependency order with their names, parameters, environments and the
 * bootstrap version; a manifest that cannot be used is a located SIM_CLOUD_ASSEMBLY error, never a crash.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssemblyError, AssemblyReads, isCloudAssembly, legacyAssetParameters, nestedTemplateUrls, readAssembly } from '../../../../simulator/cloudformation/assembly';
import { memoryIo } from '../../../../src/kernel/cli';
import { main } from '../../../../simulator/cli';

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

  it.each<[string, string[]]>([
    ['Prod/*', ['Prod-Network', 'Prod-Ingest']],
    ['Prod/Ingest', ['Prod-Ingest']],
    ['Prod-Network', ['Prod-Network']],
    ['ProdIngest1F2E3D4C', ['Prod-Ingest']],
  ])('--stack %s picks stacks as cdk deploy does (construct path), or by name or artifact id', async (pattern, names) => {
    const io = memoryIo(process.cwd(), {});
    await main([join(fixtures, 'app', 'cdk.out'), '--stack', pattern, '--format', 'json'], io);
    expect((JSON.parse(io.out.join('')) as { runs: { stackName: string }[] }).runs.map((r) => r.stackName)).toEqual(names);
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

  it('an older assembly (manifest schema 6) names the bootstrap version without its parameter: the default one is given', async () => {
    const old = join(__dirname, '..', '..', '..', 'fixtures', 'assembly', 'bootstrap-without-parameter-name', 'cdk.out');
    expect(readAssembly(old).map((s) => s.ssmParameters)).toEqual([{ '/cdk-bootstrap/hnb659fds/version': '4' }]);
    const io = memoryIo(process.cwd(), {});
    expect(await main([old, '--format', 'json', '--failure-mode', 'WARN'], io)).toBe(0);
    expect(io.out.join('')).not.toMatch(/RES_PARAMETER_SSM_PLACEHOLDER/);
  });

  it("an older assembly (no aws:cdk:templateFile entries) gives a nested stack's constructs its own template, found from its resource in the parent", () => {
    const dir = join(__dirname, '..', '..', '..', 'fixtures', 'assembly', 'nested-paths-without-template-file', 'cdk.out');
    const [stack] = readAssembly(dir);
    // The parent and the nested stack each have a construct `Exports` with the same logical id: before, both got the
    // nested one's path, which sent the user to the wrong construct.
    expect(stack?.constructPaths).toEqual({
      [join(dir, 'data.template.json')]: { Exports9A8B7C6D: 'orders-data/Exports/Resource', ArchiveNestedStackArchiveNestedStackResource5E6F7A8B: 'orders-data/Archive.NestedStack/Archive.NestedStackResource' },
      [join(dir, 'dataArchive1A2B3C4D.nested.template.json')]: { Exports9A8B7C6D: 'orders-data/Archive/Exports/Resource' },
    });
  });

  describe('a nested stack without aws:asset:path (synthesized without the CLI) is found by where its template is uploaded', () => {
    const assembly = join(__dirname, '..', '..', '..', 'fixtures', 'assembly', 'nested-without-asset-metadata', 'cdk.out');
    const hash = '5c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d';

    it.each<[string, string, string]>([
      ['us-east-1', 'amazonaws.com', '123456789012'],
      ['cn-north-1', 'amazonaws.com.cn', '111122223333'],
    ])('maps the asset manifest destination in %s to the file', (region, suffix, account) => {
      const [stack] = readAssembly(assembly);
      expect(nestedTemplateUrls(stack!, account, region)).toEqual({
        [`https://s3.${region}.${suffix}/cdk-hnb659fds-assets-${account}-${region}/${hash}.json`]: join(assembly, 'dataArchive1A2B3C4D.nested.template.json'),
      });
    });

    it("maps a legacy (v1) nested template's bucket and key parameters to the file", () => {
      const stack = {
        ...readAssembly(assembly)[0]!,
        templateAssets: [],
        legacyAssets: [{ id: 'abc', sourceHash: 'abc', packaging: 'file', path: 'rootChild12AB.nested.template.json', s3BucketParameter: 'B', s3KeyParameter: 'K', artifactHashParameter: 'H' }],
      };
      const [[url, file]] = Object.entries(nestedTemplateUrls(stack, '123456789012', 'us-east-1')) as [[string, string]];
      expect(url).toMatch(/^https:\/\/s3\.us-east-1\.amazonaws\.com\/cdktoolkit-stagingbucket-[0-9a-f]{12}\/assets\/abc\.json$/);
      expect(file).toBe(join(assembly, 'rootChild12AB.nested.template.json'));
    });

    it("simulates the child and judges its bucket, with no RES_NESTED_STACK warning (it was skipped with one before)", async () => {
      const io = memoryIo(process.cwd(), {});
      expect(await main([assembly, '--failure-mode', 'WARN', '--format', 'json'], io)).toBe(0);
      type Run = { nestedStacks?: { stack: { name: string }; invocations: { logicalResourceId: string }[] }[]; warnings?: { code: string }[] };
      const run = (JSON.parse(io.out.join('')) as { runs: { result: Run }[] }).runs[0]!.result;
      expect(run.nestedStacks?.flatMap((n) => n.invocations.map((i) => i.logicalResourceId))).toEqual(['Exports9A8B7C6D']);
      expect(run.nestedStacks?.map((n) => n.stack.name)).toEqual([expect.stringMatching(/^orders-data-ArchiveNestedStackArchiveNestedStackResource5E6F7A8B-[A-Z0-9]{12}$/)]);
      expect((run.warnings ?? []).map((w) => w.code)).not.toContain('RES_NESTED_STACK');
    });
  });

  it('names the construct of each hook invocation, also under --quiet (the only table it prints)', async () => {
    const io = memoryIo(process.cwd(), {});
    const assembly = join(__dirname, '..', '..', '..', 'fixtures', 'assembly', 'nested-without-asset-metadata', 'cdk.out');
    expect(await main([assembly, '--failure-mode', 'WARN', '--quiet'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^LOGICAL ID +CONSTRUCT PATH +TARGET +INVOCATION POINT +RESULT +MESSAGE$/m);
    expect(io.out.join('')).toMatch(/^Exports9A8B7C6D +orders-data\/Archive\/Exports\/Resource +AWS::S3::Bucket +CREATE_PRE_PROVISION +FAILED NonCompliant /m);
  });

  describe('a stack template of an assembly named on its own (simulate cdk.out/App.template.json) runs as that stack', () => {
    const assemblies = join(__dirname, '..', '..', '..', 'fixtures', 'assembly');
    type Single = { stack: { name: string }; warnings?: { code: string }[] };

    it.each<[string, string[], string]>([
      ['legacy-assets/cdk.out/legacy-api.template.json', [], 'legacy-api'],
      ['bootstrap-without-parameter-name/cdk.out/queues.template.json', [], 'queues'],
      ['nested-without-asset-metadata/cdk.out/data.template.json', [], 'orders-data'],
      ['nested-without-asset-metadata/cdk.out/data.template.json', ['--stack-name', 'mine'], 'mine'],
    ])('%s %j: named as the manifest says, with what the CDK CLI supplies', async (file, extra, name) => {
      const io = memoryIo(process.cwd(), {});
      expect(await main([join(assemblies, file), '--failure-mode', 'WARN', '--format', 'json', ...extra], io)).toBe(0);
      const run = JSON.parse(io.out.join('')) as Single;
      expect(run.stack.name).toBe(name);
      expect((run.warnings ?? []).map((w) => w.code)).toEqual([]);
    });

    it('a nested template of an assembly is simulated as any template', async () => {
      const io = memoryIo(process.cwd(), {});
      expect(await main([join(assemblies, 'nested-without-asset-metadata', 'cdk.out', 'dataArchive1A2B3C4D.nested.template.json'), '--failure-mode', 'WARN', '--format', 'json'], io)).toBe(0);
      expect((JSON.parse(io.out.join('')) as Single).stack.name).toBe('dataArchive1A2B3C4D-nested');
    });
  });

  describe("the legacy synthesizer's asset parameters (CDK v1), which the CDK CLI supplies when it deploys", () => {
    const legacy = join(__dirname, '..', '..', '..', 'fixtures', 'assembly', 'legacy-assets', 'cdk.out');
    const file = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const image = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

    it('reads every aws:cdk:asset entry of the manifest', () => {
      const [stack] = readAssembly(legacy);
      expect(stack?.legacyAssets.map((a) => [a.packaging, a.sourceHash, a.s3KeyParameter ?? a.imageNameParameter])).toEqual([
        ['zip', file, `AssetParameters${file}S3VersionKey4E5F6A7B`],
        ['container-image', image, `AssetParameters${image}ImageName2A3B4C5D`],
      ]);
    });

    it.each<[string, string, RegExp]>([
      ['the bucket', `AssetParameters${file}S3Bucket0A1B2C3D`, /^cdktoolkit-stagingbucket-[0-9a-f]{12}$/],
      ['the object key, <prefix>||<hash>.zip', `AssetParameters${file}S3VersionKey4E5F6A7B`, new RegExp(`^assets/\\|\\|${file}\\.zip$`)],
      ['the artifact hash', `AssetParameters${file}ArtifactHash8C9D0E1F`, new RegExp(`^${file}$`)],
      ['the image, <repository>@sha256:<digest>', `AssetParameters${image}ImageName2A3B4C5D`, new RegExp(`^cdk/legacyapiworkerimage1234abcd@sha256:${image}$`)],
    ])('%s', (_what, parameter, shape) => {
      const [stack] = readAssembly(legacy);
      expect(legacyAssetParameters(stack?.legacyAssets ?? [], '123456789012', 'us-east-1')[parameter]).toMatch(shape);
    });

    it('an asset whose id is not its hash is keyed under assets/<id>/, a file keeps its extension', () => {
      const values = legacyAssetParameters([{ id: 'StackCode1A2B', packaging: 'file', path: 'asset.abc.jar', sourceHash: 'abc', s3KeyParameter: 'Key' }], '123456789012', 'us-east-1');
      expect(values).toEqual({ Key: 'assets/StackCode1A2B/||abc.jar' });
    });

    it('simulates the stack without --parameter: the CLI would give the values, so refusing it would be false', async () => {
      const io = memoryIo(process.cwd(), {});
      expect(await main([legacy, '--failure-mode', 'WARN'], io)).toBe(0);
      expect(io.out.join('')).toMatch(/legacy-api +CREATE_COMPLETE +1 +1 +0/);
      expect(io.err.join('')).not.toMatch(/RES_MISSING_PARAMETER/);
    });
  });

  describe("recent CDK versions write a stack's metadata beside the manifest (additionalMetadataFile)", () => {
    const fixture = join(__dirname, '..', '..', '..', 'fixtures', 'assembly', 'legacy-metadata-file', 'cdk.out');
    const hash = '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f';

    it('reads the legacy asset entries from that file', () => {
      const [stack] = readAssembly(fixture);
      expect(stack?.legacyAssets.map((a) => [a.packaging, a.s3KeyParameter])).toEqual([['zip', `AssetParameters${hash}S3VersionKey5E6F7A8B`]]);
    });

    it("names the construct of each resource from its aws:cdk:logicalId entry, for a template without aws:cdk:path (a synth without path metadata)", async () => {
      const template = join(fixture, 'legacy-fn.template.json');
      expect(readFileSync(template, 'utf8')).not.toContain('aws:cdk:path');
      expect(readAssembly(fixture)[0]?.constructPaths).toEqual({ [template]: { Jobs1A2B3C4D: 'legacy-fn/Jobs/Resource' } });
      const io = memoryIo(process.cwd(), {});
      expect(await main([fixture, '--failure-mode', 'WARN', '--format', 'json'], io)).toBe(0);
      const [run] = (JSON.parse(io.out.join('')) as { runs: Array<{ result: { constructPaths?: Record<string, string> } }> }).runs;
      expect(run?.result.constructPaths).toEqual({ Jobs1A2B3C4D: 'legacy-fn/Jobs/Resource' });
    });

    it.each<[string, string, string]>([
      ["a resource of the stack's own template", '/App/Queue/Resource', 'App.template.json'],
      ['a resource of a nested stack: the nearest construct naming a template file', '/App/Child/Bucket/Resource', 'AppChild.nested.template.json'],
      ["the nested stack's own resource, in its parent", '/App/Child.NestedStack/Child.NestedStackResource', 'App.template.json'],
      ['a construct below a nested stack with no aws:cdk:templateFile of its own', '/App/Child/Deep/Queue/Resource', 'AppChild.nested.template.json'],
    ])('construct paths by template: %s', (_name, path, templateFile) => {
      writeFileSync(join(dir, 'App.template.json'), '{"Resources": {}}');
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({
          version: '36.0.0',
          artifacts: {
            App: {
              type: 'aws:cloudformation:stack',
              properties: { templateFile: 'App.template.json' },
              metadata: {
                '/App': [{ type: 'aws:cdk:templateFile', data: 'App.template.json' }],
                '/App/Child': [{ type: 'aws:cdk:templateFile', data: 'AppChild.nested.template.json' }],
                [path]: [{ type: 'aws:cdk:logicalId', data: 'Probe1A2B' }],
              },
            },
          },
        }),
      );
      expect(readAssembly(dir)[0]?.constructPaths).toEqual({ [join(dir, templateFile)]: { Probe1A2B: path.slice(1) } });
    });

    it.each<[string, (copy: string) => void, number, RegExp]>([
      ['as written: the CLI supplies the asset parameters, so the stack simulates', () => undefined, 0, /legacy-fn +CREATE_COMPLETE +1 +0 +0/],
      ['without the metadata file: nothing added, and the parameters are refused by name', (copy) => rmSync(join(copy, 'legacy-fn.metadata.json')), 2, /RES_MISSING_PARAMETER Parameters: \[AssetParameters5e6f/],
      ['with a metadata file that is not JSON: the same', (copy) => writeFileSync(join(copy, 'legacy-fn.metadata.json'), '{"/legacy-fn": ['), 2, /RES_MISSING_PARAMETER Parameters: \[AssetParameters5e6f/],
    ])('%s', async (_name, change, code, expected) => {
      const copy = mkdtempSync(join(tmpdir(), 'metadata-file-'));
      try {
        for (const name of readdirSync(fixture)) writeFileSync(join(copy, name), readFileSync(join(fixture, name)));
        change(copy);
        const io = memoryIo(process.cwd(), {});
        expect(await main([copy, '--failure-mode', 'WARN'], io)).toBe(code);
        expect(`${io.out.join('')}${io.err.join('')}`).toMatch(expected);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'assembly-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"artifacts": ', /the manifest is not JSON: invalid JSON/],
    ['not an object', '[]', /the manifest must be a JSON object/],
    ['artifacts of the wrong shape', '{"artifacts": []}', /artifacts must be an object/],
    ['a stack without a template', '{"artifacts": {"A": {"type": "aws:cloudformation:stack", "properties": {}}}}', /^Invalid CloudFormation stack artifact\. Missing "templateFile" property in cloud assembly manifest \(stack A/],
    [
      'stacks that depend on each other',
      '{"artifacts": {"A": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "a.json"}, "dependencies": ["B"]}, "B": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "b.json"}, "dependencies": ["A"]}}}',
      /depend on each other in a cycle: A, B/,
    ],
    ['a stage without its directory', '{"artifacts": {"S": {"type": "cdk:cloud-assembly", "properties": {}}}}', /needs properties.directoryName/],
    ['a stage that is itself', '{"artifacts": {"S": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}}}}', /deeper than 8 levels/],
    [
      'missing context (lookups the synth could not make), refused as the CDK toolkit refuses it',
      '{"artifacts": {"A": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "a.json"}}}, "missing": [{"key": "vpc-provider:account=1:filter.vpc-id=vpc-1:region=r", "provider": "vpc-provider", "props": {}}, {"key": "ssm:p", "provider": "ssm", "props": {}}]}',
      /^Assembly contains missing context\. Make sure all necessary context is already in 'cdk\.context\.json' .*Missing context keys: 'vpc-provider:account=1:filter\.vpc-id=vpc-1:region=r, ssm:p' \(the templates hold CDK's stand-in values/,
    ],
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

  // What cx-api refuses as it loads the assembly (so `cdk deploy` stops), and a templateFile no synth writes: each at the
  // manifest's JSON path of the value, saying what was expected. Before, the first three were read without a word.
  const stack = (extra: string, properties = '"templateFile": "a.json"'): string => `{"type": "aws:cloudformation:stack", "environment": "aws://111111111111/us-east-1", "properties": {${properties}}${extra}}`;
  it.each<[string, string, string, RegExp]>([
    ['a dependency naming no artifact', `{"artifacts": {"Consumer": ${stack(', "dependencies": ["A", "Ghost"]')}, "A": ${stack('')}}}`, '/artifacts/Consumer/dependencies/1', /^Artifact Consumer depends on non-existing artifact Ghost$/],
    ['a dependency that is no artifact id', `{"artifacts": {"Consumer": ${stack(', "dependencies": [7]')}}}`, '/artifacts/Consumer/dependencies/0', /a dependency is an artifact id \(a string\), not a number \(7\)/],
    ['dependencies that are no list', `{"artifacts": {"Consumer": ${stack(', "dependencies": "A"')}}}`, '/artifacts/Consumer/dependencies', /dependencies must be a list of artifact ids, not a string/],
    ['an environment that is not aws://account/region', `{"artifacts": {"A": ${stack('').replace('aws://111111111111/us-east-1', 'garbage')}}}`, '/artifacts/A/environment', /^Unable to parse environment specification "garbage"\. Expected format: aws:\/\/account\/region$/],
    ['a schema version that is no version', `{"version": "latest", "artifacts": {"A": ${stack('')}}}`, '/version', /^Invalid semver string: "latest"/],
    ['a templateFile naming a folder', `{"artifacts": {"A": ${stack('', '"templateFile": "d.json"')}}}`, '/artifacts/A/properties/templateFile', /^properties\.templateFile "d\.json" names a folder: it must name the stack's template file inside the assembly folder$/],
    ['a templateFile that is no string', `{"artifacts": {"A": ${stack('', '"templateFile": 42')}}}`, '/artifacts/A/properties/templateFile', /^properties\.templateFile must be a string naming the stack's template file inside the assembly folder, not a number \(42\)$/],
    ['a templateFile leading out of the assembly', `{"artifacts": {"A": ${stack('', '"templateFile": "../../../../../etc/hostname"')}}}`, '/artifacts/A/properties/templateFile', /^properties\.templateFile "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/hostname" leads out of the assembly folder/],
  ])('%s is a SIM_CLOUD_ASSEMBLY error at its JSON path', (_name, manifest, path, message) => {
    writeFileSync(join(dir, 'manifest.json'), manifest);
    writeFileSync(join(dir, 'a.json'), '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}');
    mkdirSync(join(dir, 'd.json'));
    expect(() => readAssembly(dir)).toThrow(AssemblyError);
    try {
      readAssembly(dir);
    } catch (error) {
      expect((error as AssemblyError).diagnostics).toEqual([expect.objectContaining({ code: 'SIM_CLOUD_ASSEMBLY', file: join(dir, 'manifest.json'), path })]);
      expect((error as AssemblyError).diagnostics[0]?.message).toMatch(message);
    }
  });

  it.each<[string, string]>([
    ['a version in a form semver accepts', '{"version": "v55.1.0", "artifacts": {}}'],
    ['an old one', '{"version": "0.34.0", "artifacts": {}}'],
    // [choice] read, though cx-api refuses a major newer than its own: the CDK that wrote it reads it.
    ['a newer major version than any checked', `{"version": "99.0.0", "minimumCliVersion": "9.1.0", "artifacts": {"A": ${stack('')}}}`],
    ['an environment of unknown account and region (an environment-agnostic stack)', `{"artifacts": {"A": ${stack('').replace('111111111111/us-east-1', 'unknown-account/unknown-region')}}}`],
    ['a dependency on an asset artifact', `{"artifacts": {"A": ${stack(', "dependencies": ["A.assets"]')}, "A.assets": {"type": "cdk:asset-manifest", "properties": {"file": "A.assets.json"}}}}`],
  ])('%s is read', (_name, manifest) => {
    writeFileSync(join(dir, 'manifest.json'), manifest);
    expect(() => readAssembly(dir)).not.toThrow();
  });

  it('a manifest error is the run\'s: exit 2, located at manifest.json, not a usage error of the command line', async () => {
    writeFileSync(join(dir, 'manifest.json'), `{"artifacts": {"A": ${stack('', '"templateFile": "d.json"')}}}`);
    mkdirSync(join(dir, 'd.json'));
    const io = memoryIo(process.cwd(), {});
    expect(await main([dir], io)).toBe(2);
    const output = `${io.out.join('')}${io.err.join('')}`;
    expect(output).toContain('manifest.json SIM_CLOUD_ASSEMBLY properties.templateFile "d.json" names a folder: it must name the stack\'s template file inside the assembly folder (at /artifacts/A/properties/templateFile)');
    expect(output).not.toMatch(/simulate --help|is a folder; a single template/);
  });

  it('a stack template of an assembly with missing context, named on its own, is refused as its assembly is (it ran as a plain template)', () => {
    writeFileSync(join(dir, 'manifest.json'), '{"artifacts": {"A": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "a.json"}}}, "missing": [{"key": "ssm:p"}]}');
    writeFileSync(join(dir, 'a.json'), '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": "dummy-value-for-p"}}}}');
    expect(() => new AssemblyReads().stackOf(join(dir, 'a.json'))).toThrow(/Missing context keys: 'ssm:p'/);
  });

  it("a stage's missing context is refused too, naming the stage's manifest", () => {
    mkdirSync(join(dir, 'assembly-Prod'));
    writeFileSync(join(dir, 'manifest.json'), '{"artifacts": {"Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}}}}');
    writeFileSync(join(dir, 'assembly-Prod', 'manifest.json'), '{"artifacts": {}, "missing": [{"key": "availability-zones:account=1:region=r"}]}');
    expect(() => readAssembly(dir)).toThrow(/Missing context keys: 'availability-zones:account=1:region=r'/);
    try {
      readAssembly(dir);
    } catch (error) {
      expect((error as AssemblyError).diagnostics[0]).toMatchObject({ file: join(dir, 'assembly-Prod', 'manifest.json'), path: '/missing' });
    }
  });

  it('a manifest that is not JSON is located at its line and column, as every other JSON file is', () => {
    writeFileSync(join(dir, 'manifest.json'), '{\n  "version": "36.0.0",\n  "artifacts": {,\n}');
    expect(() => readAssembly(dir)).toThrow(AssemblyError);
    try {
      readAssembly(dir);
    } catch (error) {
      expect((error as AssemblyError).diagnostics[0]).toMatchObject({ code: 'SIM_CLOUD_ASSEMBLY', line: 3, column: 17 });
    }
  });

  it('a manifest key given twice keeps its last value, as the CDK CLI\'s JSON.parse does', () => {
    writeFileSync(join(dir, 'a.json'), '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}');
    writeFileSync(join(dir, 'manifest.json'), '{"artifacts": {"A": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "x.json", "templateFile": "a.json"}}}}');
    expect(readAssembly(dir).map((stack) => stack.templateFile)).toEqual([join(dir, 'a.json')]);
  });

  it('a manifest that is a dangling link makes the folder an assembly that cannot be read, not a plain folder', () => {
    symlinkSync(join(dir, 'gone.json'), join(dir, 'manifest.json'));
    expect(isCloudAssembly(dir)).toBe(true);
    expect(() => readAssembly(dir)).toThrow(/cannot read the cloud assembly manifest/);
  });
});
