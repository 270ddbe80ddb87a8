/**
 * Many templates in one run: input expansion, sharding, the worst exit code, and worker threads (through the
 * built bundle) printing exactly what a single-threaded run prints.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';
import { hasTopLevelJsonKey, InputReads } from '../../../simulator/cli/input-reads';
import { expandInputs, globMatcher, shardOf } from '../../../simulator/cli/inputs';
import { scratchFolderPerTest } from '../../support/simulate-cli';
import { worstCode } from '../../../simulator/cli/many';
import { withoutNestedChildren } from '../../../simulator/cli/nested-inputs';
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import { sarifUri } from '../../../src/kernel/report';
import { inGitWorkTree } from '../../support/checkout';
import { junitShapeErrors } from '../../support/junit-shape';
import { sarifSchemaErrors } from '../../support/sarif-schema';

const root = join(__dirname, '..', '..', '..');
const stacks = join(root, 'test', 'stacks');

/** The inputs expanded, without the found templates a parent of the run nests, as a run decides it (its quotas on). */
function nestedChildrenOf(inputs: string[], cwd: string): ReturnType<typeof withoutNestedChildren> {
  const reads = new InputReads(cwd, { limits: true, templateMap: {} });
  return withoutNestedChildren(expandInputs(inputs, cwd, reads).units, reads);
}

describe('many templates', () => {
  it('expands a directory in sorted order, skips files without Resources, takes cdk.out as an assembly', () => {
    const { units, skipped } = expandInputs(['_shared', '../fixtures/cdk'], stacks);
    expect(units.map((u) => [u.kind, u.input])).toEqual([
      ['template', '_shared/compliant.yml'],
      ['template', '_shared/mixed.yml'],
      ['assembly', '../fixtures/cdk/app/cdk.out'],
    ]);
    expect(skipped).toEqual(['_shared/notes.json']);
  });

  it.each([
    [false, [['template', '_shared/notes.json'], ['template', '_shared/compliant.yml'], ['template', 'missing.yml']], []],
    [true, [['template', '_shared/compliant.yml'], ['template', 'missing.yml']], ['_shared/notes.json']],
  ])('named files with --skip-non-templates %s: a file with no Resources is skipped; one that cannot be read is still the run\'s', (skip, expected, skipped) => {
    const expanded = expandInputs(['_shared/notes.json', '_shared/compliant.yml', 'missing.yml'], stacks, undefined, skip);
    expect(expanded.units.map((u) => [u.kind, u.input])).toEqual(expected);
    expect(expanded.skipped).toEqual(skipped);
  });

  it("names the current directory '.' (simulate . inside cdk.out), never an empty input", () => {
    const { units } = expandInputs(['.'], join(root, 'test', 'fixtures', 'cdk', 'app', 'cdk.out'));
    expect(units.map((u) => [u.kind, u.input])).toEqual([['assembly', '.']]);
  });

  it('expands globs (** across folders) and counts a path given twice once', () => {
    const { units } = expandInputs(['update-*/*.yml', 'update-fail/next.yml'], stacks);
    expect(units.map((u) => u.input)).toEqual(['update-changes/next.yml', 'update-changes/previous.yml', 'update-fail/next.yml', 'update-replacement/next.yml']);
    expect(expandInputs(['**/previous.yml'], stacks).units.map((u) => u.input)).toEqual(['update-changes/previous.yml']);
  });

  describe('a whole repository, templates mixed with other YAML and JSON', () => {
    const repo = join(root, 'test', 'fixtures', 'simulator', 'mixed-repo');
    const templates = ['infra/bucket.template', 'infra/children/storage.yaml', 'infra/compliant.json', 'infra/parent.yaml', 'web/public/site.json'];

    it('takes only files with a top-level Resources key; a Resources key nested deeper (serverless.yml, an event, a chart) or the target list of a CodeDeploy AppSpec is no template', () => {
      const { units, skipped } = expandInputs(['.'], repo);
      expect(units.map((u) => [u.kind, u.input])).toEqual(templates.map((t) => ['template', t]));
      expect(skipped).toEqual([
        // A hidden folder is walked (a CI configuration may hold templates); its workflow is no template.
        '.github/workflows/ci.yml',
        'appspec.yml',
        'buildspec.yml',
        'chart/Chart.yaml',
        'chart/templates/deployment.yaml',
        'chart/values.yaml',
        'docker-compose.yml',
        'events/macro-event.json',
        'openapi.yaml',
        'package.json',
        'serverless.yml',
        'web/appspec.json',
        'web/public/manifest.json',
      ]);
    });

    it.each<[string, string[]]>([
      ['**/*.{yaml,json}', ['infra/children/storage.yaml', 'infra/compliant.json', 'infra/parent.yaml', 'web/public/site.json']],
      ['{infra,web}/**/*.{template,json}', ['infra/bucket.template', 'infra/compliant.json', 'web/public/site.json']],
      ['infra/*.{yaml,yml,json,template}', ['infra/bucket.template', 'infra/compliant.json', 'infra/parent.yaml']],
      ['infra/[bc]*', ['infra/bucket.template', 'infra/compliant.json']],
      ['infra/[!bc]*.yaml', ['infra/parent.yaml']],
      ['infra/[^bc]*.yaml', ['infra/parent.yaml']],
      ['infra/?ucket.templat[a-e]', ['infra/bucket.template']],
      ['infra/{a,b{u,x}}*', ['infra/bucket.template']],
    ])('the glob %s matches as a shell would', (pattern, expected) => {
      expect(expandInputs([pattern], repo).units.map((u) => u.input)).toEqual(expected);
    });

    it('a brace glob given alone is a many-templates run, not a file that does not exist', () => {
      const run = spawnSync(process.execPath, [join(root, 'dist', 'simulate.js'), 'infra/{bucket.template,compliant.json}', '--failure-mode', 'WARN', '--quiet'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect({ status: run.status, summary: /^Summary: .*$/m.exec(run.stdout)?.[0] }).toEqual({ status: 0, summary: 'Summary: 2 stacks from 2 inputs' });
    });

    it.each<[string, string, boolean]>([
      ['a/{b}.yaml', 'a/{b}.yaml', true],
      ['a/[b.yaml', 'a/[b.yaml', true],
      ['a/b].yaml', 'a/b].yaml', true],
      ['a/(x)+.yaml', 'a/(x)+.yaml', true],
      ['a/[]x].yaml', 'a/].yaml', true],
      ['a/[!]x].yaml', 'a/].yaml', false],
      ['a/x[/]y.yaml', 'a/x/y.yaml', false],
      ['a/[!x]y.yaml', 'a//y.yaml', false],
      ['{a,b}/{c}.yaml', 'b/{c}.yaml', true],
      ['{a,{b}}.yaml', '{b}.yaml', true],
      ['**/x.{json,yml}', 'deep/er/x.yml', true],
      ['*.{json,yml}', 'deep/x.yml', false],
      // A range that spans the folder separator holds every character of it but `/`.
      ['a/b[+-0]x', 'a/b/x', false],
      ['a/b[+-0]x', 'a/b.x', true],
      ['a/b[+-0]x', 'a/b0x', true],
      ['a/b[^+-0]x', 'a/b/x', false],
      ['a/b[^+-0]x', 'a/bzx', true],
      // A range written backwards holds nothing, as in a shell (a RegExp refused to compile it).
      ['x[z-a]', 'xb', false],
      ['x[z-ab]', 'xb', true],
      // `?` is one character, not one UTF-16 unit.
      ['?.yaml', '\u{1F600}.yaml', true],
      // Each `*` multiplied a backtracking engine's work on a near miss by the name's length: this took 33 s.
      ['*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(40), false],
      ['*a*a*a*a*a*a*a*a*a*a*b', `${'a'.repeat(40)}b`, true],
    ])('the glob %s against %s: %s (other characters are literal)', (pattern, path, matches) => {
      expect(globMatcher(pattern).test(path)).toBe(matches);
    });

    it('a JSON file larger than the sniffed first megabyte is judged by its top-level keys (an API model is no template)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'big-json-'));
      try {
        const padding = 'x'.repeat(1_200_000);
        writeFileSync(join(dir, 'api-model.json'), JSON.stringify({ version: '2.0', shapes: { Finding: { members: { Resources: { shape: 'ResourceList' } } } }, documentation: padding }));
        writeFileSync(join(dir, 'big-template.json'), JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } }, Metadata: { Notes: padding } }));
        const { units, skipped } = expandInputs(['.'], dir);
        expect({ units: units.map((u) => u.input), skipped }).toEqual({ units: ['big-template.json'], skipped: ['api-model.json'] });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a YAML or JSON template that starts with a byte-order mark is still a template', () => {
      const dir = mkdtempSync(join(tmpdir(), 'bom-'));
      try {
        writeFileSync(join(dir, 'bom.yaml'), '\uFEFFResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
        writeFileSync(join(dir, 'bom.json'), '\uFEFF{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}');
        expect(expandInputs(['.'], dir).units.map((u) => u.input)).toEqual(['bom.json', 'bom.yaml']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it.each<[string, boolean]>([
      ['{"Resources": {}}', true],
      ['{"a": {"Resources": {}}, "b": 1}', false],
      ['{"a": "\\"Resources\\": x", "b": 1}', false],
      ['{"a": ["Resources", {"Resources": 1}], "Resources": {}}', true],
      ['{"a": {"b": [1, 2', false],
      ['{"Parameters": {}, "Resources" : {', true],
    ])('the top-level keys of %s include Resources: %s', (text, expected) => {
      expect(hasTopLevelJsonKey(text, 'Resources')).toBe(expected);
    });

    // h30 #3: a template whose Resources key is misspelt was skipped as "not a template", so a pre-commit hook
    // (--skip-non-templates) and a walk passed a template the service refuses. Both sides of the rule, in a table.
    const BUCKET = '  B:\n    Type: AWS::S3::Bucket\n';
    describe('which files are templates', () => {
      const judged = scratchFolderPerTest('judged-');
      it.each<[string, string, string, boolean]>([
        // A template the service refuses (TPL_NO_RESOURCES): taken, so that the run says so.
        ['Resource: after AWSTemplateFormatVersion', 'typo.yml', `AWSTemplateFormatVersion: "2010-09-09"\nResource:\n${BUCKET}`, true],
        ['resources: in lower case', 'lower.yml', `resources:\n${BUCKET}`, true],
        ['RESOURCES: in capitals', 'upper.yml', `RESOURCES:\n${BUCKET}`, true],
        ['a two-edit typo, Resouce:', 'typo2.yaml', `Resouce:\n${BUCKET}`, true],
        ['AWSTemplateFormatVersion with no Resources at all', 'version.yml', 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: d\n', true],
        ['a SAM Transform with no Resources', 'sam.yaml', 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 3\n', true],
        ['Parameters and Outputs with no Resources', 'po.yml', 'Parameters:\n  Env:\n    Type: String\nOutputs:\n  Env:\n    Value: !Ref Env\n', true],
        ['JSON: a misspelt key beside AWSTemplateFormatVersion', 'typo.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Resource": {"B": {"Type": "AWS::S3::Bucket"}}}', true],
        ['JSON: resources in lower case, alone', 'lower.json', '{"resources": {"B": {"Type": "AWS::S3::Bucket"}}}', true],
        // No template: skipped.
        ['a GitHub workflow', 'ci.yml', 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n', false],
        ['a docker-compose file', 'docker-compose.yml', 'services:\n  web:\n    image: nginx\n', false],
        ['a Kubernetes manifest', 'service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n', false],
        ['a kustomization (resources: a list of files)', 'kustomization.yaml', 'resources:\n  - deployment.yaml\n  - service.yaml\n', false],
        ['a Serverless Framework file (resources: holds Resources, one level further down)', 'serverless.yml', `service: api\nprovider:\n  name: aws\nresources:\n  Resources:\n  ${BUCKET.replace(/\n {4}/, '\n      ')}`, false],
        ['an OpenAPI document', 'openapi.yaml', 'openapi: 3.0.0\ninfo:\n  title: api\n  version: "1"\npaths: {}\n', false],
        ['an SSM Automation document (parameters and outputs in lower case)', 'runbook.yaml', "schemaVersion: '0.3'\nparameters:\n  Id:\n    type: String\nmainSteps: []\noutputs: []\n", false],
        ['package.json', 'package.json', '{"name": "x", "version": "1.0.0", "scripts": {"test": "jest"}}', false],
        ['tsconfig.json', 'tsconfig.json', '{"compilerOptions": {"strict": true}, "include": ["src"]}', false],
        ['an ARM template (resources: a list)', 'azuredeploy.json', '{"$schema": "https://schema.management.azure.com/x#", "contentVersion": "1.0.0.0", "parameters": {}, "resources": [], "outputs": {}}', false],
        ['a CodePipeline template configuration (Parameters alone)', 'config.json', '{"Parameters": {"Env": "prod"}, "Tags": {"team": "a"}}', false],
      ])('%s: a template? %s', (_what, name, text, expected) => {
        writeFileSync(join(judged.dir, name), text);
        const { units, skipped } = expandInputs(['.'], judged.dir);
        expect({ units: units.map((u) => u.input), skipped }).toEqual(expected ? { units: [name], skipped: [] } : { units: [], skipped: [name] });
      });
    });

    it('--skip-non-templates refuses a misspelt Resources (TPL_NO_RESOURCES, with a did-you-mean) and names what it skips', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pre-commit-'));
      try {
        writeFileSync(join(dir, 'typo.yml'), `AWSTemplateFormatVersion: "2010-09-09"\nResource:\n${BUCKET}`);
        writeFileSync(join(dir, 'lower.yml'), `AWSTemplateFormatVersion: "2010-09-09"\nresources:\n${BUCKET}`);
        writeFileSync(join(dir, 'compose.yml'), 'services:\n  web:\n    image: nginx\n');
        const io = memoryIo(dir);
        const code = await main(['--quiet', '--skip-non-templates', '--placeholder-parameters', 'typo.yml', 'lower.yml', 'compose.yml'], io);
        const out = io.out.join('') + io.err.join('');
        expect(code).toBe(2);
        expect(out).toMatch(/^typo\.yml:1:1 TPL_NO_RESOURCES Template format error: At least one Resources member must be defined\.$/m);
        expect(out).toMatch(/^typo\.yml:2:1 TPL_UNKNOWN_SECTION Invalid template property or properties \[Resource\]: did you mean Resources\?/m);
        expect(out).toMatch(/^lower\.yml:1:1 TPL_NO_RESOURCES /m);
        expect(out).toContain(', 1 file skipped (no Resources: not a template: compose.yml)');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a found template another one nests is simulated inside its parent, not again on its own (exit 1, not 2)', async () => {
      const io = memoryIo(repo);
      expect(await main(['.', '--jobs', '1'], io)).toBe(1);
      expect(io.err.join('')).toBe('');
      const out = io.out.join('');
      expect(out).toContain('Summary: 4 stacks from 4 inputs, 13 files skipped (no Resources: not a template: .github/workflows/ci.yml, appspec.yml, buildspec.yml, chart/Chart.yaml, chart/templates/deployment.yaml and 8 more), 1 template simulated as a nested stack within its parent\n  infra/children/storage.yaml: nested in infra/parent.yaml\n');
      expect(out).not.toMatch(/^infra\/children\/storage\.yaml +/m);
      // The parent judged the child's queue with the parameter it passes down.
      expect(out).toContain('Jobs (queue "jobs-dev") does not comply');
      const json = memoryIo(repo);
      await main(['infra', '--jobs', '1', '--format', 'json'], json);
      expect((JSON.parse(json.out.join('')) as { summary: unknown }).summary).toMatchObject({ nestedInParents: [{ input: 'infra/children/storage.yaml', parent: 'infra/parent.yaml' }] });
    });

    it('a child named on the command line is simulated on its own all the same', () => {
      const { units } = nestedChildrenOf(['infra/parent.yaml', 'infra/children/storage.yaml'], repo);
      expect(units.map((u) => u.input)).toEqual(['infra/parent.yaml', 'infra/children/storage.yaml']);
    });

    it('across shards, the child is in none of them and its parent in exactly one', () => {
      const { units } = nestedChildrenOf(['infra'], repo);
      const shards = [1, 2, 3].map((index) => shardOf(units, { index, count: 3 }).map((u) => u.input));
      expect(shards.flat().sort()).toEqual(['infra/bucket.template', 'infra/compliant.json', 'infra/parent.yaml']);
    });

    it('templates that nest each other in a loop both stay, so that the run reports the loop', () => {
      const dir = mkdtempSync(join(tmpdir(), 'nest-loop-'));
      try {
        const nests = (child: string) => `Resources:\n  Inner:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${child}\n`;
        writeFileSync(join(dir, 'a.yaml'), nests('b.yaml'));
        writeFileSync(join(dir, 'b.yaml'), nests('a.yaml'));
        writeFileSync(join(dir, 'top.yaml'), nests('c.yaml'));
        writeFileSync(join(dir, 'c.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
        const { units, nested } = nestedChildrenOf(['.'], dir);
        expect(units.map((u) => u.input)).toEqual(['a.yaml', 'b.yaml', 'top.yaml']);
        expect(nested).toEqual([{ input: 'c.yaml', parent: 'top.yaml' }]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("a cloud assembly whose manifest is larger than a megabyte (a large app's metadata) is still an assembly to a walk", () => {
      const dir = mkdtempSync(join(tmpdir(), 'big-manifest-'));
      try {
        mkdirSync(join(dir, 'cdk.out'));
        const metadata = { '/App/Queue': Array.from({ length: 20_000 }, (_, i) => ({ type: 'aws:cdk:logicalId', data: `Queue${i}ABCDEF0123456789` })) };
        const artifacts = { App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' }, metadata } };
        writeFileSync(join(dir, 'cdk.out', 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
        writeFileSync(join(dir, 'cdk.out', 'App.template.json'), '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}');
        expect(statSync(join(dir, 'cdk.out', 'manifest.json')).size).toBeGreaterThan(1_048_576);
        expect(expandInputs(['.'], dir).units.map((u) => [u.kind, u.input])).toEqual([['assembly', 'cdk.out']]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a folder holding a manifest.json that is not a cloud assembly (a web app manifest) is walked as a folder', () => {
      const { units } = expandInputs(['web'], repo);
      expect(units.map((u) => [u.kind, u.input])).toEqual([['template', 'web/public/site.json']]);
      expect(expandInputs(['web/**/*.json'], repo).units.map((u) => [u.kind, u.input])).toEqual([['template', 'web/public/site.json']]);
    });
  });

  it('a walk deeper than its bound stops the run with an error naming the folder, never skipping what lies below', async () => {
    const top = mkdtempSync(join(tmpdir(), 'deep-walk-'));
    try {
      const deep = join(top, ...Array.from({ length: 34 }, (_, i) => `d${i}`));
      mkdirSync(deep, { recursive: true });
      writeFileSync(join(deep, 'bucket.yaml'), 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n');
      writeFileSync(join(top, 'queue.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
      for (const input of ['.', '**/*.yaml']) {
        const io = memoryIo(top);
        expect(await main([input, '--jobs', '1'], io)).toBe(2);
        expect(io.err.join('')).toMatch(/^simulate: d0\/d1\/.*\/d31\/d32: folders nest deeper than 32 levels; name the folders that hold templates instead\n$/);
        expect(io.out.join('')).toBe('');
      }
      // A glob without ** never looks deeper than its own folders.
      expect(expandInputs(['*.yaml'], top).units.map((u) => u.input)).toEqual(['queue.yaml']);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  it('a template refused before its run began keeps the stack name the run would have given it, in JSON and in the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'refused-name-'));
    try {
      writeFileSync(join(dir, 'orders-queue.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {KmsMasterKeyId: !Ref Missing}\n');
      writeFileSync(join(dir, 'ok.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {SqsManagedSseEnabled: true}\n');
      const json = memoryIo(dir);
      expect(await main(['orders-queue.yaml', 'ok.yaml', '--jobs', '1', '--failure-mode', 'WARN', '--format', 'json'], json)).toBe(2);
      const runs = (JSON.parse(json.out.join('')) as { runs: Array<{ input: string; stackName: string; exit: number }> }).runs;
      expect(runs.map(({ input, stackName, exit }) => [input, stackName, exit])).toEqual([
        ['orders-queue.yaml', 'orders-queue', 2],
        ['ok.yaml', 'ok', 0],
      ]);
      const text = memoryIo(dir);
      await main(['orders-queue.yaml', 'ok.yaml', '--jobs', '1', '--failure-mode', 'WARN'], text);
      expect(text.out.join('')).toMatch(/^orders-queue\.yaml +orders-queue +INPUT ERROR /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, string, string]>([
    ['control characters and an ESC sequence', 'ctl\x01\x1b[31mred.yml', '"ctl\\u0001\\u001b[31mred.yml"'],
    ['a newline forging the exit line', 'z\nExit: 0.yml', '"z\\nExit: 0.yml"'],
  ])('a file named with %s is shown escaped in the summary, never raw', async (_name, name, shown) => {
    const dir = mkdtempSync(join(tmpdir(), 'names-'));
    try {
      mkdirSync(join(dir, 'skip'));
      writeFileSync(join(dir, name), 'Resources:\n  H:\n    Type: AWS::CloudFormation::WaitConditionHandle\n');
      writeFileSync(join(dir, 'ok.yaml'), 'Resources:\n  H:\n    Type: AWS::CloudFormation::WaitConditionHandle\n');
      writeFileSync(join(dir, 'skip', name), 'not: a template\n');
      const io = memoryIo(dir);
      expect(await main(['.', '--jobs', '1', '-q'], io)).toBe(0);
      const out = io.out.join('');
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(out).toContain(`skipped (no Resources: not a template: ${shown.replace(/^"/, '"skip/')})`);
      expect(out).toMatch(new RegExp(`^${shown.replace(/[\\[\]().*+?^$|]/g, '\\$&')} +`, 'm'));
      expect(out.trimEnd().split('\n').filter((line) => line.startsWith('Exit:'))).toEqual(['Exit: 0']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Beside inputs that do hold templates: a typo'd glob or a renamed folder would pass with nothing of it checked.
  it.each<[string, string[], string]>([
    ['a glob that matches nothing', ['ok.yaml', 'nothing-here/*.yaml'], 'nothing-here/*.yaml: no template found: the glob matches no file'],
    ['a folder with no template', ['ok.yaml', 'empty'], 'empty: no template found in the folder (no .yaml, .yml, .json, .template file or cloud assembly)'],
    ['a folder whose only template is under .git', ['ok.yaml', 'hidden-only'], 'hidden-only: no template found in the folder (no .yaml, .yml, .json, .template file or cloud assembly)'],
    [
      'a folder whose only template-named file is hidden',
      ['ok.yaml', 'taskcat'],
      'taskcat: no template found in the folder (no .yaml, .yml, .json, .template file or cloud assembly; hidden files are skipped: .taskcat.yml)',
    ],
  ])('an input with nothing to simulate beside one that has a template (%s) is refused, exit 2', async (_name, inputs, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-empty-input-'));
    try {
      writeFileSync(join(dir, 'ok.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/q\n');
      mkdirSync(join(dir, 'empty'));
      mkdirSync(join(dir, 'hidden-only', '.git'), { recursive: true });
      writeFileSync(join(dir, 'hidden-only', '.git', 'x.yaml'), 'Resources: {}\n');
      mkdirSync(join(dir, 'taskcat'));
      writeFileSync(join(dir, 'taskcat', '.taskcat.yml'), 'project:\n  name: x\n');
      writeFileSync(join(dir, 'taskcat', 'README.md'), '# x\n');
      for (const format of ['text', 'json']) {
        const io = memoryIo(dir);
        expect(await main([...inputs, '--format', format], io)).toBe(2);
        expect(io.err.join('')).toBe(`simulate: ${message}\n`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a folder named cdk.out without manifest.json is said to be no cloud assembly (it was walked without a word)', () => {
    const scratch = scratchFolderPerTest('simulate-cdkout-');
    const bucket = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';
    it.each<[string, string[], string, string[]]>([
      ['named', ['cdk.out/App.template.json'], 'cdk.out', ['cdk.out']],
      ['walked into', ['app/cdk.out/App.template.json', 'app/other.yml'], 'app', ['app/cdk.out']],
      ['an assembly', ['cdk.out/App.template.json', 'cdk.out/manifest.json'], 'cdk.out', []],
      ['another name', ['out/App.template.json'], 'out', []],
    ])('%s', async (_name, files, input, noted) => {
      for (const file of files) {
        mkdirSync(join(scratch.dir, file, '..'), { recursive: true });
        writeFileSync(join(scratch.dir, file), file.endsWith('manifest.json') ? '{"artifacts": {"App": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "App.template.json"}}}}' : bucket);
      }
      expect(expandInputs([input], scratch.dir).notes).toEqual(noted.map((folder) => expect.stringMatching(new RegExp(`^note: ${folder.replace('.', '\\.')} is named cdk\\.out but holds no manifest\\.json: it is no cloud assembly, so its templates run as loose templates`))));
      const io = memoryIo(scratch.dir);
      await main([input, '--jobs', '1', '--quiet'], io);
      expect(io.err.join('').includes('holds no manifest.json')).toBe(noted.length > 0);
    });
  });

  describe('hidden folders', () => {
    const hidden = scratchFolderPerTest('simulate-hidden-');
    it('a walk enters hidden folders that hold templates (a CI configuration), never version control, dependencies or generated copies', () => {
      const dir = hidden.dir;
      const bucket = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';
      for (const folder of ['.circleci/files', '.github/cfn', '.git', '.aws-sam/build', '.serverless', 'node_modules/pkg', '.venv/lib', '.history']) {
        mkdirSync(join(dir, folder), { recursive: true });
        writeFileSync(join(dir, folder, 'stack.yml'), bucket);
      }
      writeFileSync(join(dir, '.hidden-file.yml'), bucket);
      writeFileSync(join(dir, 'template.yml'), bucket);
      const { units } = expandInputs(['.'], dir);
      expect(units.map((u) => u.input)).toEqual(['.circleci/files/stack.yml', '.github/cfn/stack.yml', 'template.yml']);
      // A glob is matched as a shell matches it: `**` does not enter hidden folders.
      expect(expandInputs(['**/*.yml'], dir).units.map((u) => u.input).filter((input) => input.includes('/'))).toEqual([]);
    });
  });

  it.each<[string, string[], string]>([
    ['a glob that matches nothing', ['nothing-here/*.yaml'], 'nothing-here/*.yaml: no template found: the glob matches no file'],
    ['a glob that matches only files that are not templates', ['_shared/*.json'], 'no template found in _shared/*.json (1 file skipped: no Resources)'],
  ])('inputs with nothing to simulate (%s): exit 2, and in a machine format the document of a run that could not judge its input, never an empty file', async (_name, inputs, message) => {
    const json = memoryIo(stacks);
    expect(await main([...inputs, '--format', 'json'], json)).toBe(2);
    expect(json.err.join('')).toBe(`simulate: ${message}\n`);
    expect(JSON.parse(json.out.join(''))).toEqual({ errors: [{ code: 'USAGE', severity: 'error', message, file: '', path: '', line: 0, column: 0 }] });
    const sarif = memoryIo(stacks);
    expect(await main([...inputs, '--format', 'sarif'], sarif)).toBe(2);
    expect(sarifSchemaErrors(sarif.out.join(''))).toEqual([]);
    const run0 = (JSON.parse(sarif.out.join('')) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string }; message: { text: string } }> }> }> }).runs[0];
    expect(run0?.invocations.map((i) => [i.executionSuccessful, i.toolExecutionNotifications.map((n) => [n.descriptor.id, n.message.text])])).toEqual([[false, [['USAGE', message]]]]);
    const junit = memoryIo(stacks);
    expect(await main([...inputs, '--format', 'junit'], junit)).toBe(2);
    expect(junitShapeErrors(junit.out.join(''))).toEqual([]);
    expect(junit.out.join('')).toContain(`<failure message="USAGE ${message}" type="InputError">`);
    const text = memoryIo(stacks);
    expect(await main(inputs, text)).toBe(2);
    expect(text.out.join('')).toBe('');
  });

  // integ-runner's assertion stacks, and a stack of lookups or outputs only, have no resources: `cdk deploy` skips them.
  it.each<[string, string[], (out: string, err: string) => void]>([
    [
      'text: skipped with the CDK CLI\'s notice, the rest judged, exit 0',
      [],
      (out, err) => {
        expect(err).toBe('simulate: IntegTest/DefaultTest/DeployAssert: stack has no resources, skipping deployment (as cdk deploy does: the service never gets its template)\n');
        expect(out).toMatch(/\n\S+ Checks +Checks +SKIPPED +0 +0 +0\n\S+ App +App +CREATE_COMPLETE +1 +0 +0\nExit: 0\n$/);
      },
    ],
    [
      'JSON: the run says why it was skipped, in the document and on stderr as every format does',
      ['--format', 'json'],
      (out, err) => {
        expect(err).toBe('simulate: IntegTest/DefaultTest/DeployAssert: stack has no resources, skipping deployment (as cdk deploy does: the service never gets its template)\n');
        const runs = (JSON.parse(out) as { runs: { stackName: string; exit: number; skipped?: string; result?: unknown }[] }).runs;
        expect(runs.map((r) => [r.stackName, r.exit, r.skipped?.slice(0, 50), r.result === undefined])).toEqual([
          ['Checks', 0, 'stack has no resources, skipping deployment (as cd', true],
          ['App', 0, undefined, false],
        ]);
      },
    ],
  ])('a cloud assembly stack without resources is skipped, as cdk deploy skips it: %s', async (_name, argv, check) => {
    const io = memoryIo(stacks);
    expect(await main(['../fixtures/assembly/empty-stack/cdk.out', '--jobs', '1', ...argv], io)).toBe(0);
    check(io.out.join(''), io.err.join(''));
  });

  it.each<[string, string[], number, RegExp]>([
    ['SSM parameters an earlier stack writes (a cross-region reference, a shared setting) are there for the later stacks', [], 0, /\S+ Consumer +Consumer +CREATE_COMPLETE +1 +0 +0\nExit: 0\n$/],
    ['without the stack that writes them, they are nobody\'s (refused under --strict-parameters)', ['--stack', 'Consumer'], 2, /\S+ Consumer +Consumer +INPUT ERROR +0 +0 +2\nExit: 2\n$/],
  ])('%s', async (_name, argv, exit, summary) => {
    const io = memoryIo(stacks);
    expect(await main(['../fixtures/assembly/ssm-written/cdk.out', '--strict-parameters', '--jobs', '1', ...argv], io)).toBe(exit);
    expect(io.out.join('')).toMatch(summary);
  });

  // `cdk init`'s flags make cross-stack references weak (`Fn::GetStackOutput`): every consumer got a placeholder, and
  // --strict-parameters refused them all, though the producing stack was simulated first (found by a helper's CDK sweep).
  const replica = '(bucket \\"h33-keys-replica\\")';
  it.each<[string, string[], [string, number, string[]][], string]>([
    [
      "each Fn::GetStackOutput of a stack the run created is answered from its outputs, in its region or another; an output it does not declare keeps the placeholder",
      [],
      [['Keys', 0, []], ['SameRegion', 0, []], ['West', 0, []], ['Stale', 0, ['RES_STACK_OUTPUT_PLACEHOLDER']]],
      replica,
    ],
    ['--strict-parameters refuses only the output nobody has', ['--strict-parameters'], [['Keys', 0, []], ['SameRegion', 0, []], ['West', 0, []], ['Stale', 2, ['RES_STACK_OUTPUT']]], replica],
    ['a stack outside the run (--stack West) is read at deploy time: a placeholder', ['--stack', 'West'], [['West', 0, ['RES_STACK_OUTPUT_PLACEHOLDER']]], 'placeholder-output-'],
  ])('Fn::GetStackOutput in a cloud assembly: %s', async (_name, argv, expected, shown) => {
    const io = memoryIo(stacks);
    await main(['../fixtures/assembly/stack-output/cdk.out', '--format', 'json', '--jobs', '1', ...argv], io);
    const runs = (JSON.parse(io.out.join('')) as { runs: { stackName: string; exit: number; errors?: { code: string }[]; result?: { warnings?: { code: string }[] } }[] }).runs;
    const stackOutputCodes = (r: (typeof runs)[number]): string[] => [...(r.errors ?? []), ...(r.result?.warnings ?? [])].map((d) => d.code).filter((code) => code.startsWith('RES_STACK_OUTPUT'));
    expect(runs.map((r) => [r.stackName, r.exit, stackOutputCodes(r)])).toEqual(expected);
    expect(io.out.join('')).toContain(shown);
  });

  // A helper synthesizing real CDK apps found --previous given to every stack of an assembly: each was "updated"
  // from another stack's template.
  it.each<[string, string[], RegExp]>([
    ['--previous given to a cloud assembly of two stacks', ['../fixtures/cdk/app/cdk.out', '--operation', 'update', '--previous', '_shared/compliant.yml'], /^simulate: --previous is for one stack, and \.\.\/fixtures\/cdk\/app\/cdk\.out holds 2: name one template, or one stack of a cloud assembly with --stack <name>$/m],
    ['--previous over a folder of templates', ['_shared', '--operation', 'update', '--previous', '_shared/compliant.yml'], /^simulate: --previous is for one stack, and _shared holds 2: /m],
    ['--previous-parameter over a folder of templates', ['_shared', '--previous-parameter', 'Env=dev'], /^simulate: --previous-parameter is for one stack, and _shared holds 2: /m],
    ['--stack-name given to a cloud assembly', ['../fixtures/cdk/app/cdk.out', '--stack', 'Prod/Ingest', '--stack-name', 'mine'], /^simulate: --stack-name names one stack; a cloud assembly's stacks keep the names its manifest\.json gives them$/m],
  ])('what is for one stack is refused for many: %s', async (_name, argv, message) => {
    const io = memoryIo(stacks);
    expect(await main([...argv, '--jobs', '1'], io)).toBe(2);
    expect(io.err.join('')).toMatch(message);
  });

  // A user meaning --stack-name (the `aws cloudformation deploy` spelling) had --stack ignored without a word (h34).
  const noAssembly = /^simulate: --stack selects stacks of a cloud assembly \(a cdk\.out folder\), and no input of this run is one: to name the stack a template is deployed as, use --stack-name <name>$/m;
  const noAssemblyMethod = /^simulate: --method is how cdk deploy creates or updates a cloud assembly's stacks, and no input of this run is a cloud assembly or a stack template of one/m;
  it.each<[string, string[], number, RegExp]>([
    ['--stack on one template: refused', ['_shared/compliant.yml', '--stack', 'prod'], 2, noAssembly],
    ['--stack on a folder of templates: refused', ['_shared', '--stack', 'prod'], 2, noAssembly],
    ['--stack on a stack template of an assembly named on its own: refused (the folder selects)', ['../fixtures/cdk/app/cdk.out/assembly-Prod/ProdIngest1F2E3D4C.template.json', '--stack', 'Prod/Ingest'], 2, noAssembly],
    ['--method on one template: refused', ['_shared/compliant.yml', '--method', 'direct'], 2, noAssemblyMethod],
    ['--method on a folder of templates: refused', ['_shared', '--method', 'direct'], 2, noAssemblyMethod],
    ['--stack with a cloud assembly among the inputs: taken', ['_shared', '../fixtures/cdk/app/cdk.out', '--stack', 'Prod/Ingest', '--failure-mode', 'WARN'], 0, /Exit: 0/],
    ['--method on a stack template of an assembly named on its own: taken (it runs as that stack)', ['../fixtures/cdk/app/cdk.out/assembly-Prod/ProdIngest1F2E3D4C.template.json', '--method', 'direct', '--failure-mode', 'WARN'], 0, /Stack \S+: create in /],
  ])('an option of an assembly\'s stacks: %s', async (_name, argv, code, expected) => {
    const io = memoryIo(stacks);
    expect(await main([...argv, '--jobs', '1'], io)).toBe(code);
    expect(`${io.err.join('')}${io.out.join('')}`).toMatch(expected);
  });

  it('--previous with --stack selecting one stack of an assembly compares that stack', async () => {
    const io = memoryIo(stacks);
    const previous = '../fixtures/cdk/app/cdk.out/assembly-Prod/ProdIngest1F2E3D4C.template.json';
    // The same template: UpdateStack's "No updates are to be performed", said for that stack alone.
    expect(await main(['../fixtures/cdk/app/cdk.out', '--stack', 'Prod/Ingest', '--operation', 'update', '--previous', previous, '--jobs', '1'], io)).toBe(2);
    expect(io.out.join('')).toMatch(/^\S+ ProdIngest1F2E3D4C +Prod-Ingest +REJECTED +0 +0 +2\nExit: 2\n$/m);
  });

  it('an export is importable only in its own account and region: a stage in another region does not see it', async () => {
    // A helper's app: keys exported in us-east-1, imported by a stack in ap-south-1 (the service: "No export named …").
    const dir = mkdtempSync(join(tmpdir(), 'regions-assembly-'));
    const stack = (id: string, env: string, template: object): [string, object] => {
      writeFileSync(join(dir, `${id}.template.json`), JSON.stringify(template));
      return [id, { type: 'aws:cloudformation:stack', environment: env, properties: { templateFile: `${id}.template.json`, stackName: id.toLowerCase() } }];
    };
    const keys = { Resources: { Topic: { Type: 'AWS::SNS::Topic' } }, Outputs: { Arn: { Value: { Ref: 'Topic' }, Export: { Name: 'shared-topic' } } } };
    const importer = { Resources: { Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { 'Fn::ImportValue': 'shared-topic' }, Protocol: 'email', Endpoint: 'a@example.com' } } } };
    const artifacts = Object.fromEntries([
      stack('Keys', 'aws://111111111111/us-east-1', keys),
      stack('Near', 'aws://111111111111/us-east-1', importer),
      stack('Far', 'aws://111111111111/ap-south-1', importer),
    ]);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { ...artifacts, Near: { ...artifacts.Near, dependencies: ['Keys'] }, Far: { ...artifacts.Far, dependencies: ['Keys'] } } }));
    const io = memoryIo(stacks);
    expect(await main([dir, '--strict-parameters', '--jobs', '1'], io)).toBe(2);
    const rows = io.out.join('').split('\n').filter((line) => /^\S+ (Keys|Near|Far) /.test(line));
    expect(rows.map((line) => line.split(/ +/).slice(1, 4))).toEqual([
      ['Keys', 'keys', 'CREATE_COMPLETE'],
      ['Near', 'near', 'CREATE_COMPLETE'],
      ['Far', 'far', 'INPUT'],
    ]);
    expect(io.err.join('')).toMatch(/RES_IMPORT_VALUE No export named shared-topic found/);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, string[], number]>([
    ['without a value, the stack that needs one is refused', [], 2],
    ["the CDK CLI's STACK:Key=Value (cdk deploy --parameters) gives it to that stack, by stack name", ['--parameter', 'glue-deploy:JobName=nightly'], 0],
    ['by artifact id too', ['--parameter', 'GlueDeploy:JobName=nightly'], 0],
    ['a value for another stack is not this one\'s', ['--parameter', 'other-stack:JobName=nightly'], 2],
  ])('an assembly stack parameter with no default: %s', async (_name, argv, exit) => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-parameter-assembly-'));
    writeFileSync(join(dir, 'GlueDeploy.template.json'), JSON.stringify({ Parameters: { JobName: { Type: 'String' } }, Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'JobName' } } } } }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { GlueDeploy: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'GlueDeploy.template.json', stackName: 'glue-deploy' } } } }));
    const io = memoryIo(stacks);
    expect(await main([dir, '--jobs', '1', ...argv], io)).toBe(exit);
    if (exit === 2) expect(io.err.join('')).toMatch(/RES_MISSING_PARAMETER Parameters: \[JobName\] must have values/);
    else expect(io.err.join('')).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, string, number, RegExp | undefined]>([
    ['the stack named exists and declares it', 'glue-deploy:JobName=nightly', 0, undefined],
    ['a stack name nobody has: said, not dropped in silence', 'typo-stack:JobName=nightly', 2, /^simulate: --parameter typo-stack:JobName: no stack of a cloud assembly in this run is named typo-stack and declares JobName$/m],
  ])('a STACK:Key value when %s', async (_name, parameter, exit, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-parameter-default-'));
    writeFileSync(join(dir, 'GlueDeploy.template.json'), JSON.stringify({ Parameters: { JobName: { Type: 'String', Default: 'daily' } }, Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'JobName' } } } } }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { GlueDeploy: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'GlueDeploy.template.json', stackName: 'glue-deploy' } } } }));
    const io = memoryIo(stacks);
    expect(await main([dir, '--jobs', '1', '--parameter', parameter], io)).toBe(exit);
    if (message) expect(io.err.join('')).toMatch(message);
    else expect(io.err.join('')).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });

  it("an export name is unique in its account and region: a second stack exporting it is refused with the service's text", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duplicate-export-assembly-'));
    const exporting = { Resources: { Topic: { Type: 'AWS::SNS::Topic' } }, Outputs: { Arn: { Value: { Ref: 'Topic' }, Export: { Name: 'shared-topic' } } } };
    const artifacts: Record<string, object> = {};
    for (const [id, env] of [['First', 'aws://111111111111/us-east-1'], ['Second', 'aws://111111111111/us-east-1'], ['Elsewhere', 'aws://111111111111/eu-west-1']]) {
      writeFileSync(join(dir, `${id}.template.json`), JSON.stringify(exporting));
      artifacts[id as string] = { type: 'aws:cloudformation:stack', environment: env, properties: { templateFile: `${id}.template.json`, stackName: (id as string).toLowerCase() } };
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
    const io = memoryIo(stacks);
    expect(await main([dir, '--jobs', '1'], io)).toBe(2);
    const rows = io.out.join('').split('\n').filter((line) => / (first|second|elsewhere) /.test(line));
    expect(rows.map((line) => line.split(/ +/).slice(1, 4))).toEqual([
      ['First', 'first', 'CREATE_COMPLETE'],
      ['Second', 'second', 'INPUT'],
      // Another region: its own name space.
      ['Elsewhere', 'elsewhere', 'CREATE_COMPLETE'],
    ]);
    expect(io.err.join('')).toMatch(/^simulate: Second: Export with name shared-topic is already exported by stack first$/m);
    // In JUnit the refused stack's suite is named by its template, as the stacks that ran are.
    const junit = memoryIo(stacks);
    expect(await main([dir, '--jobs', '1', '--format', 'junit'], junit)).toBe(2);
    const suites = [...junit.out.join('').matchAll(/<testsuite name="([^"]+)"/g)].map((m) => (m[1] as string).split('/').pop());
    expect(suites).toEqual(['First.template.json', 'Second.template.json', 'Elsewhere.template.json']);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, string[], number, RegExp]>([
    [
      'the whole assembly: dependants first, each counted in an account that still holds the stacks not yet deleted (with their exports)',
      [],
      1,
      /^\S+ Consumer +Consumer +DELETE_COMPLETE +1 +0 +0\n\S+ Producer +Producer +DELETE_FAILED +1 +1 +1\nExit: 1\n$/m,
    ],
    [
      '--stack naming a stack others depend on: its dependants are deleted first, as cdk destroy X does without --exclusively',
      ['--stack', 'Producer'],
      1,
      /^\S+ Consumer +Consumer +DELETE_COMPLETE +1 +0 +0\n\S+ Producer +Producer +DELETE_FAILED +1 +1 +1\nExit: 1\n$/m,
    ],
    ['--stack naming the dependant: the stack it imports from stays in the account', ['--stack', 'Consumer'], 0, /^\S+ Consumer +Consumer +DELETE_COMPLETE +1 +0 +0\nExit: 0\n$/m],
  ])('cdk destroy, with a preDelete that counts: %s', async (_name, argv, exit, summary) => {
    const io = memoryIo(stacks);
    const args = ['../fixtures/assembly/destroy/cdk.out', '--operation', 'delete', '--config', '../fixtures/nested/delete-counts/min-one-bucket.json', '--strict-parameters', '--jobs', '1', '-q', ...argv];
    expect(await main(args, io)).toBe(exit);
    expect(io.out.join('')).toMatch(summary);
    expect(io.err.join('')).toBe('');
  });

  it.each<[string, string, string[], number, RegExp, RegExp | undefined]>([
    [
      "the other stacks' buckets of the account count whatever their region (ListBuckets lists every region's); another account's do not",
      'destroy-regions',
      ['--config', '../fixtures/nested/delete-counts/min-one-bucket.json'],
      1,
      /^\S+ West +West +DELETE_COMPLETE +2 +0 +0\n\S+ East +East +DELETE_FAILED +2 +1 +1\n\S+ Elsewhere +Elsewhere +DELETE_FAILED +2 +1 +1\nExit: 1\n$/m,
      undefined,
    ],
    [
      "queues count only in their region (ListQueues is regional): the other region's queue is not seen",
      'destroy-regions',
      ['--config', '../fixtures/nested/delete-counts/min-one-queue.json'],
      1,
      /^\S+ West +West +DELETE_FAILED +2 +1 +1\n\S+ East +East +DELETE_FAILED +2 +1 +1\n\S+ Elsewhere +Elsewhere +DELETE_FAILED +2 +1 +1\nExit: 1\n$/m,
      undefined,
    ],
    [
      'one stack name in two regions is two stacks: the first deleted counts the same-named stack of its region',
      'destroy-same-name',
      ['--config', '../fixtures/nested/delete-counts/min-one-queue.json'],
      1,
      /^\S+ Other +Other +DELETE_COMPLETE +1 +0 +0\n\S+ AppEuw1 +app +DELETE_FAILED +1 +1 +1\n\S+ AppUse1 +app +DELETE_FAILED +1 +1 +1\nExit: 1\n$/m,
      undefined,
    ],
    [
      "a stack whose parameter has no value here is counted with a placeholder, said; its own delete asks for the deployed values, not CreateStack's \"must have values\"",
      'destroy-unresolved',
      ['--config', '../fixtures/nested/delete-counts/min-one-bucket.json'],
      2,
      /^\S+ Go +Go +DELETE_COMPLETE +1 +0 +0\n\S+ Keep +Keep +INPUT ERROR +0 +0 +2\nExit: 2\n$/m,
      /info SIM_CLOUD_ASSEMBLY stack Keep \(111111111111\/us-east-1\) is counted with placeholders for the parameters given no value here[\s\S]*Keep\.template\.json:3:15 RES_MISSING_PARAMETER the deployed stack's parameters \[Suffix\] have no value here: a delete takes none, and the stack keeps the values it was deployed with, which the simulator does not know; give them with --parameter Suffix=<value>, or stand in for them with --placeholder-parameters/,
    ],
    [
      'a stack that does not resolve even so is left out of the counts with a located warning naming it',
      'destroy-unresolved',
      ['--config', '../fixtures/nested/delete-counts/min-one-bucket.json', '--parameter', 'Keep:Suffix=NOT_VALID'],
      2,
      /^\S+ Go +Go +DELETE_FAILED +1 +1 +1\n\S+ Keep +Keep +INPUT ERROR +0 +0 +2\nExit: 2\n$/m,
      /Keep\.template\.json:5:25 warning SIM_CLOUD_ASSEMBLY stack Keep \(111111111111\/us-east-1\) is not counted, as its template does not resolve \(Parameter 'Suffix' must match pattern/,
    ],
    ['given the deployed value, both are judged', 'destroy-unresolved', ['--config', '../fixtures/nested/delete-counts/min-one-bucket.json', '--parameter', 'Keep:Suffix=given'], 1, /^\S+ Go +Go +DELETE_COMPLETE +1 +0 +0\n\S+ Keep +Keep +DELETE_FAILED +1 +1 +1\nExit: 1\n$/m, undefined],
  ])('cdk destroy across places and parameters: %s', async (_name, fixture, argv, exit, summary, err) => {
    const io = memoryIo(stacks);
    expect(await main([`../fixtures/assembly/${fixture}/cdk.out`, '--operation', 'delete', '--strict-parameters', '--jobs', '1', ...argv], io)).toBe(exit);
    expect(io.out.join('')).toMatch(summary);
    if (err) expect(io.err.join('')).toMatch(err);
    else expect(io.err.join('')).not.toMatch(/SIM_CLOUD_ASSEMBLY/);
  });

  it('cdk destroy: a stack whose export a stack still deployed imports is kept, as the service keeps it', async () => {
    // The importer has termination protection, so it stays; before, the exporter was "deleted" and the run passed.
    const io = memoryIo(stacks);
    expect(await main(['../fixtures/assembly/destroy-protected/cdk.out', '--operation', 'delete', '--jobs', '1', '-q'], io)).toBe(2);
    expect(io.out.join('')).toMatch(/^\S+ Consumer +Consumer +REJECTED +0 +0 +2\n\S+ Producer +Producer +REJECTED +0 +0 +2\nExit: 2\n$/m);
    expect(io.err.join('')).toContain('simulate: Producer: Export destroy-shared-name cannot be deleted as it is in use by Consumer (the service keeps the stack; no hook is invoked)');
  });

  it.each<[string, string[], number, RegExp]>([
    ['a delete of a stack with terminationProtection is refused as DeleteStack refuses it; the others are deleted (in reverse order, as cdk destroy deletes them)', ['--operation', 'delete'], 2, /Verdict: rejected: DeleteStack fails with ValidationError: Stack \[Protected\] cannot be deleted while TerminationProtection is enabled\. The stack stays as it is; no hook is invoked\.[\s\S]*\S+ Open +Open +DELETE_COMPLETE +1 +0 +0\n\S+ Protected +Protected +REJECTED +0 +0 +2\nExit: 2\n$/],
    ['a create is not affected', [], 0, /\S+ Protected +Protected +CREATE_COMPLETE +1 +0 +0\n/],
  ])('termination protection: %s', async (_name, argv, exit, output) => {
    const io = memoryIo(stacks);
    expect(await main(['../fixtures/assembly/termination-protection/cdk.out', '--jobs', '1', ...argv], io)).toBe(exit);
    expect(io.out.join('')).toMatch(output);
  });

  it.each<[string, string, RegExp]>([
    ["an assembly's manifest.json runs the assembly", '../fixtures/assembly/termination-protection/cdk.out/manifest.json', /^\S+cdk\.out Protected +Protected +CREATE_COMPLETE +1 +0 +0\n\S+cdk\.out Open +Open +CREATE_COMPLETE +1 +0 +0\nExit: 0\n$/m],
  ])('%s (it was read as a template)', async (_name, input, summary) => {
    const io = memoryIo(stacks);
    expect(await main([input, '--jobs', '1', '-q'], io)).toBe(0);
    expect(io.out.join('')).toMatch(summary);
  });

  it('a template that is called manifest.json stays a template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-template-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/aws/sqs' } } } }));
    const io = memoryIo(dir);
    expect(await main(['manifest.json', '-q'], io)).toBe(0);
    expect(io.out.join('')).toBe('Verdict: CREATE_COMPLETE: the create would complete (1 hook invocation).\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same template named on its own is refused, with the service\'s text', async () => {
    const io = memoryIo(stacks);
    expect(await main(['../fixtures/assembly/empty-stack/cdk.out/Checks.template.json'], io)).toBe(2);
    expect(io.err.join('')).toContain('TPL_NO_RESOURCES Template format error: At least one Resources member must be defined.');
  });

  describe('--stack across several cloud assemblies', () => {
    let dev: string;
    beforeAll(() => {
      // A second app's assembly, with one stack that no Prod-* pattern names.
      dev = mkdtempSync(join(tmpdir(), 'dev-assembly-'));
      writeFileSync(join(dev, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { DevQueue: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'DevQueue.template.json', stackName: 'Dev-Queue' } } } }));
      writeFileSync(join(dev, 'DevQueue.template.json'), JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/aws/sqs' } } } }));
    });
    afterAll(() => rmSync(dev, { recursive: true, force: true }));

    it('--previous with --stack naming one stack among several assemblies compares that stack (the others are left out)', async () => {
      const io = memoryIo(stacks);
      expect(await main(['../fixtures/cdk/app/cdk.out', dev, '--stack', 'Dev-Queue', '--operation', 'update', '--previous', join(dev, 'DevQueue.template.json'), '--jobs', '1'], io)).toBe(2);
      expect(io.err.join('')).not.toMatch(/is for one stack/);
      expect(io.out.join('')).toMatch(/\S+ DevQueue +Dev-Queue +REJECTED +0 +0 +2\nExit: 2\n$/m);
    });

    it('an assembly with no matching stack is left out when another assembly of the run has one', async () => {
      const io = memoryIo(stacks);
      expect(await main(['../fixtures/cdk/app/cdk.out', dev, '--stack', 'Dev-*', '--jobs', '1', '--quiet'], io)).toBe(0);
      expect(io.err.join('')).toBe('');
      expect(io.out.join('')).toMatch(/^Summary: 1 stack from 2 inputs\n.*\n\S+ DevQueue +Dev-Queue +CREATE_COMPLETE .*\nExit: 0\n$/m);
    });

    it.each<[string, string[], string[]]>([
      ['the matching assembly after the unmatched one', ['../fixtures/cdk/app/cdk.out', '_shared/compliant.yml', 'DEV'], ['_shared/compliant.yml', 'DEV DevQueue']],
      ['the matching assembly before it', ['DEV', '_shared/compliant.yml', '../fixtures/cdk/app/cdk.out'], ['DEV DevQueue', '_shared/compliant.yml']],
      ['no assembly matching', ['../fixtures/cdk/app/cdk.out', '_shared/compliant.yml'], ['../fixtures/cdk/app/cdk.out', '_shared/compliant.yml']],
    ])('JSON keeps input order with --stack: %s', async (_name, inputs, runs) => {
      const io = memoryIo(stacks);
      await main([...inputs.map((i) => (i === 'DEV' ? dev : i)), '--stack', 'Dev-*', '--jobs', '1', '--format', 'json'], io);
      const document = JSON.parse(io.out.join('')) as { runs: Array<{ input: string }> };
      expect(document.runs.map((r) => r.input.replace(dev, 'DEV'))).toEqual(runs);
    });

    it('when no assembly has one, each says which stacks it has (exit 2)', async () => {
      const io = memoryIo(stacks);
      expect(await main(['../fixtures/cdk/app/cdk.out', dev, '--stack', 'Staging-*', '--jobs', '1'], io)).toBe(2);
      expect(io.err.join('')).toContain('simulate: ../fixtures/cdk/app/cdk.out: no stack matches --stack Staging-* (stacks: Prod-Network, Prod-Ingest)\n');
      expect(io.err.join('')).toContain('no stack matches --stack Staging-* (stacks: Dev-Queue)\n');
    });

    it.each<[string, (empty: string) => string[], (empty: string) => Array<Pick<Diagnostic, 'code' | 'file' | 'message'>>]>([
      [
        'no assembly has a stack --stack names',
        () => ['../fixtures/cdk/app/cdk.out', dev, '--stack', 'Staging-*'],
        () => [
          { code: 'SIM_CLOUD_ASSEMBLY', file: join('../fixtures/cdk/app/cdk.out', 'manifest.json'), message: 'no stack matches --stack Staging-* (stacks: Prod-Network, Prod-Ingest)' },
          { code: 'SIM_CLOUD_ASSEMBLY', file: join(dev, 'manifest.json'), message: 'no stack matches --stack Staging-* (stacks: Dev-Queue)' },
        ],
      ],
      [
        'an assembly without stacks',
        (empty) => [empty, '_shared/compliant.yml'],
        (empty) => [{ code: 'SIM_CLOUD_ASSEMBLY', file: join(empty, 'manifest.json'), message: 'the cloud assembly has no stacks (no aws:cloudformation:stack artifact in its manifest.json)' }],
      ],
    ])('%s: in JSON each such assembly\'s errors are diagnostics located at its manifest, as in SARIF (exit 2)', async (_name, args, expected) => {
      const empty = mkdtempSync(join(tmpdir(), 'empty-assembly-'));
      try {
        writeFileSync(join(empty, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: {} }));
        const json = memoryIo(stacks);
        expect(await main([...args(empty), '--jobs', '1', '--format', 'json'], json)).toBe(2);
        const errors = (JSON.parse(json.out.join('')) as { runs: Array<{ errors?: Diagnostic[] }> }).runs.flatMap((r) => r.errors ?? []);
        expect(errors.map(({ code, file, message }) => ({ code, file, message }))).toEqual(expected(empty));
        // In a git work tree, as code scanning's checkout is: its uris are named from the work tree's root.
        const sarif = memoryIo(inGitWorkTree(stacks));
        expect(await main([...args(empty), '--jobs', '1', '--format', 'sarif'], sarif)).toBe(2);
        expect(sarifSchemaErrors(sarif.out.join(''))).toEqual([]);
        const notifications = (JSON.parse(sarif.out.join('')) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ descriptor: { id: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }> }).runs[0]?.invocations[0]?.toolExecutionNotifications;
        expect(notifications?.map((n) => [n.descriptor.id, n.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual(
          // From the repository's root (the run is in test/stacks); a file outside it, absolute.
          expected(empty).map((e) => [e.code, resolve(stacks, e.file ?? '').startsWith(`${root}${sep}`) ? sarifUri(relative(root, resolve(stacks, e.file ?? ''))) : sarifUri(e.file ?? '')]),
        );
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });

    it('an assembly without stacks says so, not that --stack matched nothing (exit 2)', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'empty-assembly-'));
      try {
        writeFileSync(join(empty, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: {} }));
        const io = memoryIo(stacks);
        expect(await main([empty, '_shared/compliant.yml', '--jobs', '1'], io)).toBe(2);
        expect(io.err.join('')).toBe(`simulate: ${empty}: the cloud assembly has no stacks (no aws:cloudformation:stack artifact in its manifest.json)\n`);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });

  it.each(['.', '**/*.yaml'])('a folder %s cannot read (permission denied) stops the run with exit 2 naming it, not a bug (exit 3)', (input) => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { encoding: 'utf8' });
    expect(build.status).toBe(0);
    // Root reads any folder: as root, the run is made as nobody (65534), who gets the refusal any user would, in a
    // folder nobody can reach (the test runner's own temporary folder may not be).
    const root0 = process.getuid?.() === 0;
    const top = mkdtempSync(join(root0 ? '/tmp' : tmpdir(), 'locked-walk-'));
    try {
      chmodSync(top, 0o755);
      writeFileSync(join(top, 'queue.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
      mkdirSync(join(top, 'locked'), { mode: 0o000 });
      const asNobody = root0 ? { uid: 65534, gid: 65534 } : {};
      const run = spawnSync(process.execPath, [join(root, 'dist', 'simulate.js'), input, '--jobs', '1'], { cwd: top, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, ...asNobody });
      expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({ status: 2, stderr: 'simulate: locked: cannot read this folder: permission denied\n', stdout: '' });
    } finally {
      chmodSync(join(top, 'locked'), 0o755);
      rmSync(top, { recursive: true, force: true });
    }
  });

  describe('--parameter across many templates', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'many-parameters-'));
      const queue = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/aws/sqs\n';
      writeFileSync(join(dir, 'declares.yaml'), `Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\n${queue}      QueueName: !Sub 'jobs-\${Env}'\n`);
      writeFileSync(join(dir, 'plain.yaml'), queue);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('goes to the templates that declare it; the others are not refused for a parameter they do not have', async () => {
      const io = memoryIo(dir);
      expect(await main(['.', '--parameter', 'Env=prod', '--jobs', '1', '--format', 'json'], io)).toBe(0);
      const doc = JSON.parse(io.out.join('')) as { runs: { input: string; exit: number; result: { invocations: { message: string }[] } }[] };
      expect(doc.runs.map((r) => [r.input, r.exit])).toEqual([['declares.yaml', 0], ['plain.yaml', 0]]);
      expect(doc.runs[0]?.result.invocations[0]?.message).toContain('queue "jobs-prod"');
    });

    it('one no template declares is a typo, named (exit 2)', async () => {
      const io = memoryIo(dir);
      expect(await main(['.', '--parameter', 'Evn=prod', '--jobs', '1', '--quiet'], io)).toBe(2);
      expect(io.err.join('')).toBe('simulate: --parameter Evn: no template of this run declares it\n');
      expect(io.out.join('')).toMatch(/\nExit: 2\n$/);
    });

    it.each<[string, (out: string) => unknown, unknown]>([
      ['json', (out) => (JSON.parse(out) as { errors?: Array<{ code: string; message: string }> }).errors?.map((e) => [e.code, e.message]), [['SIM_PARAMETER_UNDECLARED', '--parameter Evn: no template of this run declares it']]],
      [
        'sarif',
        (out) => {
          expect(sarifSchemaErrors(out)).toEqual([]);
          const invocation = (JSON.parse(out) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string } }> }> }> }).runs[0]?.invocations[0];
          return [invocation?.executionSuccessful, invocation?.toolExecutionNotifications.map((n) => n.descriptor.id)];
        },
        [false, ['SIM_PARAMETER_UNDECLARED']],
      ],
      [
        'junit',
        (out) => {
          expect(junitShapeErrors(out)).toEqual([]);
          return /<testcase classname="simulate\.run" name="options"[^>]*>\s*<failure message="([^"]*)"/.exec(out)?.[1];
        },
        'SIM_PARAMETER_UNDECLARED --parameter Evn: no template of this run declares it',
      ],
    ])('the typo is in the %s report too, not only on stderr', async (format, read, expected) => {
      const io = memoryIo(dir);
      expect(await main(['.', '--parameter', 'Evn=prod', '--jobs', '1', '--format', format], io)).toBe(2);
      expect(read(io.out.join(''))).toEqual(expected);
    });
  });

  it.each([1, 2, 3, 7])('shards of %i partition the inputs: every unit once, in order', (count) => {
    const units = Array.from({ length: 20 }, (_, i) => i);
    const shards = Array.from({ length: count }, (_, i) => shardOf(units, { index: i + 1, count }));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(units);
    for (const shard of shards) expect(shard).toEqual([...shard].sort((a, b) => a - b));
  });

  it.each<[number[], number]>([
    [[], 0],
    [[0, 0], 0],
    [[0, 1], 1],
    [[1, 2, 0], 2],
    [[2, 3, 1], 3],
  ])('the exit code of %j is %i', (codes, exit) => {
    expect(worstCode(codes)).toBe(exit);
  });

  describe('the progress line on stderr', () => {
    /** Runs three templates, recording stdout and stderr writes in one list, in the order they were made. */
    const runThree = async (stderrIsTty: boolean, ...extra: string[]): Promise<{ writes: string[]; progress: string[] }> => {
      const writes: string[] = [];
      const io = { ...memoryIo(stacks), stdout: (t: string) => void writes.push(`out:${t}`), stderr: (t: string) => void writes.push(`err:${t}`), stderrIsTty };
      expect(await main(['_shared', 'update-changes/next.yml', '--jobs', '1', ...extra], io)).toBe(1);
      return { writes, progress: writes.filter((w) => w.startsWith('err:') && (w.includes('simulated') || w.includes('\r'))) };
    };

    it.each<[string, boolean, string[]]>([
      ['on a terminal', true, []],
      ['on a terminal, with --progress', true, ['--progress']],
    ])('%s: one line redrawn in place with \\r, erased before any other output', async (_name, tty, extra) => {
      const { writes, progress } = await runThree(tty, ...extra);
      // Each stack's output is printed as soon as it is simulated, so the line is taken off before it and drawn again after.
      expect(progress).toEqual(['err:\r[1/3] simulated', 'err:\r\u001b[K', 'err:\r[2/3] simulated', 'err:\r\u001b[K', 'err:\r[3/3] simulated', 'err:\r\u001b[K']);
      let visible = false;
      for (const w of writes) {
        if (progress.includes(w)) visible = !w.endsWith('\u001b[K');
        else expect({ write: w.slice(0, 60), onTheProgressLine: visible }).toEqual({ write: w.slice(0, 60), onTheProgressLine: false });
      }
      expect(writes.at(-1)).toMatch(/^out:Summary: 3 stacks/);
      // Streamed, not held to the end: the first stack's output is out before the second stack is done.
      expect(writes.findIndex((w) => w.startsWith('out:'))).toBeLessThan(writes.indexOf('err:\r[2/3] simulated'));
    });

    it('elsewhere, with --progress: a line per unit, never a \\r (a CI log keeps each line)', async () => {
      const { progress } = await runThree(false, '--progress');
      expect(progress).toEqual(['err:[1/3] simulated\n', 'err:[2/3] simulated\n', 'err:[3/3] simulated\n']);
    });

    it('elsewhere, unasked: no progress at all', async () => {
      const { writes, progress } = await runThree(false);
      expect(progress).toEqual([]);
      expect(writes.some((w) => w.startsWith('out:Summary: 3 stacks'))).toBe(true);
    });
  });

  it('--progress counts the units on stderr; --shard 2/2 simulates the second half and says so', async () => {
    const io = memoryIo(stacks);
    const code = await main(['_shared', 'update-fail/next.yml', 'update-changes/next.yml', '--progress', '--jobs', '1', '--shard', '2/2'], io);
    expect(code).toBe(1);
    // Units: compliant, mixed, update-fail/next, update-changes/next; shard 2 of 2 is the 2nd and the 4th.
    expect(io.err.join('')).toContain('[1/2] simulated\n[2/2] simulated\n');
    // The skipped file (_shared/notes.json, the first skipped) is shard 1's to name: summed, the shards count it once.
    expect(io.out.join('')).toMatch(/^Summary: 2 stacks from 2 inputs, shard 2\/2$/m);
    const first = memoryIo(stacks);
    await main(['_shared', 'update-fail/next.yml', 'update-changes/next.yml', '--jobs', '1', '--shard', '1/2'], first);
    expect(first.out.join('')).toMatch(/^Summary: 2 stacks from 2 inputs, 1 file skipped \(no Resources: not a template: _shared\/notes\.json\), shard 1\/2$/m);
    expect(io.out.join('').match(/^\S+\.yml +\S+ +[A-Z_]+ .*$/gm)?.map((line) => line.split(/ +/).slice(0, 3).join(' '))).toEqual([
      '_shared/mixed.yml mixed ROLLBACK_COMPLETE',
      'update-changes/next.yml next CREATE_COMPLETE',
    ]);
  });

  it.each<[string, number, RegExp]>([
    ['1/3', 1, /^Summary: 1 stack from 1 input, shard 1\/3$/m],
    ['2/3', 0, /^Summary: 0 stacks from 0 inputs, shard 2\/3$/m],
    ['3/3', 0, /^Summary: 0 stacks from 0 inputs, shard 3\/3$/m],
  ])('--shard %s of one template: the template is in exactly one shard (every shard simulated it before)', async (shard, code, summary) => {
    const io = memoryIo(stacks);
    expect(await main(['_shared/mixed.yml', '--jobs', '1', '--shard', shard], io)).toBe(code);
    expect(io.out.join('')).toMatch(summary);
  });

  it('--quiet over many templates names the stack each failure is of; JSON says a refusal on stderr too', async () => {
    const quiet = memoryIo(stacks);
    expect(await main(['_shared/mixed.yml', 'update-fail/next.yml', '--jobs', '1', '--quiet'], quiet)).toBe(1);
    expect(quiet.out.join('').match(/^(Stack \S+:|Failed hook invocations:|Verdict:)/gm)).toEqual([
      'Stack mixed:', 'Failed hook invocations:', 'Verdict:', 'Stack next:', 'Failed hook invocations:', 'Verdict:',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'simulate-json-stderr-'));
    try {
      writeFileSync(join(dir, 'typo.yaml'), 'Resources:\n  B:\n    Type: AWS::S3::Buckett\n');
      const json = memoryIo(dir);
      expect(await main([join(stacks, '_shared', 'mixed.yml'), 'typo.yaml', '--jobs', '1', '--format', 'json'], json)).toBe(2);
      expect(json.err.join('')).toMatch(/^typo\.yaml:3:11 RES_UNRECOGNIZED_TYPE Template format error: Unrecognized resource types: \[AWS::S3::Buckett\]/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('worker threads print byte for byte what one thread prints, and exit with the worst code', () => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate'], { encoding: 'utf8' });
    expect(build.status).toBe(0);
    const run = (jobs: string): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, [join(root, 'dist', 'simulate.js'), '_shared', 'update-*/*.yml', '../fixtures/cdk/app/cdk.out', '--jobs', jobs], { cwd: stacks, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const one = run('1');
    const two = run('2');
    expect(one.status).toBe(1);
    expect({ status: two.status, stdout: two.stdout, stderr: two.stderr }).toEqual({ status: one.status, stdout: one.stdout, stderr: one.stderr });
    expect(one.stdout).toMatch(/^Summary: 8 stacks from 7 inputs, 1 file skipped \(no Resources: not a template: _shared\/notes\.json\)$/m);
  });
});
