/**
 * The CI writers alone: every SARIF log they write is valid against the official SARIF 2.1.0 schema, every JUnit
 * report has the strict reader's shape, and hostile text (XML metacharacters, control characters, lone surrogates,
 * over-long descriptions) cannot break either.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRootOf, sarifUri, toJunit, toSarif, type JunitSuite, type SarifFinding, type SarifRule, type SarifSourceBase } from '../../../src/kernel/report';
import { junitShapeErrors, parseXml } from '../../support/junit-shape';
import { sarifSchemaErrors } from '../../support/sarif-schema';

const tool = { name: 'mytesthook-simulate', version: '0.1.0' };
const rule: SarifRule = { id: 'r1', summary: 'buckets are encrypted', help: 'Add BucketEncryption.', level: 'error' };
const finding: SarifFinding = { ruleId: 'r1', level: 'error', message: 'B has no encryption', file: 'templates/app.yaml', line: 12, column: 3, logicalName: 'B' };

describe('the SARIF 2.1.0 schema', () => {
  it('rejects a log code scanning would reject (so validation can fail)', () => {
    const bad = JSON.parse(toSarif(tool, [rule], [finding])) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    const result = bad.runs[0]?.results[0] as Record<string, unknown>;
    result.level = 'fatal';
    expect(sarifSchemaErrors(bad)).toEqual(expect.arrayContaining([expect.stringContaining('/runs/0/results/0/level')]));
  });
});

describe('toSarif', () => {
  const cases: Array<[string, SarifRule[], SarifFinding[], (log: SarifLog) => void]> = [
    ['no findings', [rule], [], (log) => expect(log.runs[0]?.results).toEqual([])],
    [
      'one finding, its rule by index',
      [rule],
      [finding],
      (log) => {
        expect(log.runs[0]?.results[0]).toMatchObject({ ruleId: 'r1', ruleIndex: 0, level: 'error', message: { text: 'B has no encryption' } });
        expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'templates/app.yaml' }, region: { startLine: 12, startColumn: 3 } });
      },
    ],
    [
      'rules sorted by id, indexes follow',
      [{ ...rule, id: 'z' }, rule],
      [{ ...finding, ruleId: 'z' }],
      (log) => {
        expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(['r1', 'z']);
        expect(log.runs[0]?.results[0]?.ruleIndex).toBe(1);
      },
    ],
    [
      'an unplaced finding points at 1:1',
      [rule],
      [{ ...finding, line: 0, column: 0, file: 'dir/t.yaml' }],
      (log) => expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'dir/t.yaml' }, region: { startLine: 1, startColumn: 1 } }),
    ],
    [
      'long and empty texts are capped or filled',
      [{ ...rule, summary: 'x'.repeat(5000), help: '' }],
      [{ ...finding, message: '' }],
      (log) => {
        expect(log.runs[0]?.tool.driver.rules[0]?.shortDescription.text).toHaveLength(1024);
        expect(log.runs[0]?.results[0]?.message.text).toBe('(no message)');
      },
    ],
    ['hostile message text', [rule], [{ ...finding, message: '<x>&"\u0000\ud800', properties: { a: 1, b: true, c: 's' } }], (log) => expect(log.runs[0]?.results[0]?.properties).toEqual({ a: 1, b: true, c: 's' })],
  ];

  it.each(cases)('%s: valid against the SARIF 2.1.0 schema', (_name, rules, findings, check) => {
    const text = toSarif(tool, rules, findings);
    expect(sarifSchemaErrors(text)).toEqual([]);
    const log = JSON.parse(text) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.tool.driver.name).toBe('mytesthook-simulate');
    check(log);
  });
});

describe('a file as a SARIF uri', () => {
  it.each<[string, string]>([
    ['templates/app.yaml', 'templates/app.yaml'],
    ['./app.yaml', 'app.yaml'],
    ['infra/../app.yaml', 'app.yaml'],
    ['odd/dir\\back.yaml', 'odd/dir%5Cback.yaml'],
    ['my stack.yaml', 'my%20stack.yaml'],
    ['100%.yaml', '100%25.yaml'],
    ['a#b?.yaml', 'a%23b%3F.yaml'],
    ['c:x.yaml', 'c%3Ax.yaml'],
    ['modèle/pile.yaml', 'mod%C3%A8le/pile.yaml'],
    ['../elsewhere/app.yaml', '../elsewhere/app.yaml'],
    ['/work/repo/app.yaml', 'file:///work/repo/app.yaml'],
  ])('%s is %s, and the log stays valid', (file, uri) => {
    expect(sarifUri(file)).toBe(uri);
    const text = toSarif(tool, [rule], [{ ...finding, file }]);
    expect(sarifSchemaErrors(text)).toEqual([]);
    expect((JSON.parse(text) as SarifLog).runs[0]?.results[0]?.locations[0]?.physicalLocation).toMatchObject({ artifactLocation: { uri } });
  });

  // On Windows a backslash separates folders, and a drive letter starts an absolute path.
  it.each<[string, string]>([
    ['dir\\t.yaml', 'dir/t.yaml'],
    ['C:\\repo\\my app.yaml', 'file:///C:/repo/my%20app.yaml'],
  ])('on Windows, %s is %s', (file, uri) => {
    expect(sarifUri(file, true)).toBe(uri);
  });
});

describe('a file as code scanning finds it: relative to the repository root under %SRCROOT%', () => {
  type Location = { uri: string; uriBaseId?: string };
  // [cwd, repository root, file as the report shows it, the artifactLocation]
  it.each<[string, SarifSourceBase, string, Location]>([
    ['a run from the root: the uri of before', { cwd: '/repo', repositoryRoot: '/repo' }, 'templates/app.yaml', { uri: 'templates/app.yaml', uriBaseId: '%SRCROOT%' }],
    ['a run from a subfolder', { cwd: '/repo/hookproj', repositoryRoot: '/repo' }, '../templates/app.yaml', { uri: 'templates/app.yaml', uriBaseId: '%SRCROOT%' }],
    ['a run in the templates folder', { cwd: '/repo/templates', repositoryRoot: '/repo' }, 'app.yaml', { uri: 'templates/app.yaml', uriBaseId: '%SRCROOT%' }],
    ['an absolute path in the repository', { cwd: '/tmp', repositoryRoot: '/repo' }, '/repo/templates/app.yaml', { uri: 'templates/app.yaml', uriBaseId: '%SRCROOT%' }],
    ['a file outside the repository', { cwd: '/repo', repositoryRoot: '/repo' }, '../other/app.yaml', { uri: 'file:///other/app.yaml' }],
    ['no work tree: a file under the working directory as before', { cwd: '/work/x' }, 'infra/./app.yaml', { uri: 'infra/app.yaml' }],
    ['no work tree: a file outside the working directory is absolute', { cwd: '/work/x' }, '../y/my app.yaml', { uri: 'file:///work/y/my%20app.yaml' }],
    ['standard input names no file', { cwd: '/repo', repositoryRoot: '/repo' }, '-', { uri: '-' }],
  ])('%s', (_name, base, file, location) => {
    const text = toSarif(tool, [rule], [{ ...finding, file }], [{ level: 'warning', message: 'w', file }], true, base);
    expect(sarifSchemaErrors(text)).toEqual([]);
    const run = (JSON.parse(text) as { runs: Array<SarifLog['runs'][number] & { originalUriBaseIds?: unknown; invocations: Array<{ toolExecutionNotifications: Array<{ locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }> }> }> }).runs[0];
    expect(run?.results[0]?.locations[0]?.physicalLocation).toMatchObject({ artifactLocation: location });
    expect(run?.invocations[0]?.toolExecutionNotifications[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual(location);
    // The root, a directory: a file:// URI ending in `/` (SARIF 2.1.0 §3.14.14); none outside a work tree.
    expect(run?.originalUriBaseIds).toEqual(base.repositoryRoot !== undefined ? { '%SRCROOT%': { uri: `file://${base.repositoryRoot}/` } } : undefined);
  });
});

describe('repositoryRootOf (the nearest folder up with a .git entry, no git process)', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'repo-root-'));
    mkdirSync(join(scratch, 'clone', '.git'), { recursive: true });
    mkdirSync(join(scratch, 'clone', 'infra', 'hooks'), { recursive: true });
    mkdirSync(join(scratch, 'worktree', 'sub'), { recursive: true });
    writeFileSync(join(scratch, 'worktree', '.git'), 'gitdir: /elsewhere/.git/worktrees/w\n');
    mkdirSync(join(scratch, 'plain', 'sub'), { recursive: true });
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  const isScratch = (folder: string): boolean => folder.startsWith(scratch);

  it.each<[string, string, string | undefined]>([
    ['the root itself', 'clone', 'clone'],
    ['a folder two levels down', 'clone/infra/hooks', 'clone'],
    ['a linked worktree (.git is a file)', 'worktree/sub', 'worktree'],
    ['no work tree', 'plain/sub', undefined],
  ])('%s', (_name, cwd, root) => {
    // Only the scratch folders are asked, so a git folder above the temporary directory cannot answer.
    const found = repositoryRootOf(join(scratch, cwd), (folder) => isScratch(folder) && existsSync(join(folder, '.git')));
    expect(found).toBe(root === undefined ? undefined : join(scratch, root));
  });
});

describe('rule properties code scanning ranks by', () => {
  it.each<[string, SarifRule, Record<string, unknown> | undefined]>([
    ['a policy check: security, its precision and severity', { ...rule, ranking: { tags: ['security', 'cloudformation-hook'], precision: 'very-high', securitySeverity: '8.0' } }, { tags: ['security', 'cloudformation-hook'], precision: 'very-high', 'security-severity': '8.0' }],
    ['a check without a severity: no security-severity', { ...rule, ranking: { tags: ['security'], precision: 'high' } }, { tags: ['security'], precision: 'high' }],
    ['an input refusal: none', rule, undefined],
  ])('%s', (_name, given, properties) => {
    const text = toSarif(tool, [given], [finding]);
    expect(sarifSchemaErrors(text)).toEqual([]);
    expect((JSON.parse(text) as { runs: Array<{ tool: { driver: { rules: Array<{ properties?: unknown }> } } }> }).runs[0]?.tool.driver.rules[0]?.properties).toEqual(properties);
  });
});

describe('toJunit', () => {
  const suite = (cases: JunitSuite['cases']): JunitSuite => ({ name: 'app.yaml', cases });
  const cases: Array<[string, JunitSuite[], Record<string, string>]> = [
    ['no suites', [], { tests: '0', failures: '0' }],
    ['one passing case', [suite([{ classname: 'c', name: 'n' }])], { tests: '1', failures: '0' }],
    ['a failure and a skip', [suite([{ classname: 'c', name: 'a', failure: { message: 'm', type: 'NonCompliant', detail: 'd' } }, { classname: 'c', name: 'b', skipped: 'w' }])], { tests: '2', failures: '1' }],
    ['two suites', [suite([{ classname: 'c', name: 'a' }]), { name: 'b.yaml', cases: [{ classname: 'c', name: 'b', failure: { message: 'm', type: 't', detail: '' } }] }], { tests: '2', failures: '1' }],
    ['a suite naming its file, a case with output', [{ name: 'app.yaml', file: 'templates/app.yaml', cases: [{ classname: 'c', name: 'a', output: 'marked', failure: { message: 'm', type: 't', detail: '' } }] }], { tests: '1', failures: '1' }],
    [
      'hostile text is escaped or replaced',
      [suite([{ classname: '<&>"', name: 'a\nb\tc', failure: { message: '"x" & <y>\u0000\u001b\ud800', type: '&', detail: ']]> </failure> &amp;' } }])],
      { tests: '1', failures: '1' },
    ],
  ];

  it.each(cases)('%s: the strict reader\'s shape, counts on testsuites', (_name, suites, totals) => {
    const xml = toJunit('mytesthook-simulate', suites);
    expect(junitShapeErrors(xml)).toEqual([]);
    expect(parseXml(xml).attributes).toMatchObject(totals);
  });

  it('keeps the text of a hostile failure readable after parsing', () => {
    const xml = toJunit('t', [suite([{ classname: 'c', name: 'a\nb', failure: { message: '"x" & <y>', type: 't', detail: '</failure> &amp;' } }])]);
    const failure = parseXml(xml).children[0]?.children[0]?.children[0];
    expect(failure?.attributes.message).toBe('"x" & <y>');
    expect(failure?.text).toBe('</failure> &amp;');
    expect(parseXml(xml).children[0]?.children[0]?.attributes.name).toBe('a\nb');
  });

  // mikepenz/action-junit-report takes a failure's file from the case, the failure or the suite's `file`; without one
  // it annotated the file named by the class's last segment (`template.yml` for `x.yml.template`).
  it.each<[string, JunitSuite, Record<string, string>, string | undefined]>([
    ['a file: the suite names it', { name: 'x.yml', file: 'templates/x.yml', cases: [] }, { name: 'x.yml', file: 'templates/x.yml' }, undefined],
    ['no file (standard input, a run error): none', { name: '-', cases: [] }, { name: '-' }, undefined],
    ['output: system-out, after the failure', { name: 'x.yml', cases: [{ classname: 'c', name: 'n', output: 'late', failure: { message: 'm', type: 't', detail: 'd' } }] }, { name: 'x.yml' }, 'failure,system-out'],
  ])('%s', (_name, given, attributes, children) => {
    const xml = toJunit('t', [given]);
    expect(junitShapeErrors(xml)).toEqual([]);
    const parsed = parseXml(xml).children[0];
    expect(parsed?.attributes).toEqual({ ...attributes, tests: String(given.cases.length), failures: String(given.cases.filter((c) => c.failure).length), errors: '0', skipped: '0', time: '0' });
    if (children !== undefined) expect(parsed?.children[0]?.children.map((c) => c.name).join(',')).toBe(children);
  });

  it('the shape check can fail', () => {
    expect(junitShapeErrors('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites skipped="1"><testsuite name="a"><testcase name="x" file="f"/></testsuite></testsuites>')).toEqual(
      expect.arrayContaining(['<testsuites> may not carry skipped', '<testsuite> lacks tests', '<testcase> may not carry file']),
    );
  });
});

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string } }> } };
    results: Array<{ ruleId: string; ruleIndex?: number; level: string; message: { text: string }; properties?: unknown; locations: Array<{ physicalLocation: unknown }> }>;
  }>;
}
