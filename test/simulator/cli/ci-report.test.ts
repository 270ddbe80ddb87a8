/**
 * simulate's CI views and text ergonomics end to end: which formats the command takes, where SARIF places a
 * finding, --quiet, and colours (never in machine formats).
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';
import { UsageError } from '../../../simulator/cli/options';
import { CatalogUnavailableError } from '../../../src/kernel/resource-catalog';
import * as simulation from '../../../simulator/cli/run-simulation';
import type { Diagnostic, DiagnosticCode } from '../../../src/kernel/diagnostics';
import { checkFailures, combinedJunit, combinedSarif, failedRunPart } from '../../../simulator/cli/ci-report';
import { cfnGuardForTests } from '../../support/cfn-guard';
import { inGitWorkTree } from '../../support/checkout';
import { junitShapeErrors, parseXml } from '../../support/junit-shape';
import { sarifSchemaErrors } from '../../support/sarif-schema';
import { scratchFolderPerTest } from '../../support/simulate-cli';

// Runs here name files from the root of the git work tree they are in (as code scanning reads them): they are in one.
const shared = inGitWorkTree(join(__dirname, '..', '..', 'stacks', '_shared'));
const ESC = '\u001b[';

async function simulate(args: string[], env: Record<string, string> = {}, stdoutIsTty = false): Promise<{ code: number; out: string; err: string }> {
  const io = { ...memoryIo(shared, env), stdoutIsTty };
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('checkFailures (the checks a handler message names)', () => {
  const cases: Array<[string, Array<{ checkId: string; propertyPath?: string }>]> = [
    ['AWS::S3::Bucket B complies: 3 check(s) passed', []],
    ['B does not comply (1 check(s) failed): [s3-encryption-configured] BucketEncryption: found absent; required a list', [{ checkId: 's3-encryption-configured', propertyPath: 'BucketEncryption' }]],
    [
      'B does not comply (2 check(s) failed): [a] X.Y[0].Z: found 1; required 2; [b] the bucket count: found 0',
      [{ checkId: 'a', propertyPath: 'X.Y[0].Z' }, { checkId: 'b' }],
    ],
    ['the handler threw: boom', []],
  ];
  it.each(cases)('%s', (message, expected) => {
    expect(checkFailures(message).map(({ checkId, propertyPath }) => ({ checkId, ...(propertyPath ? { propertyPath } : {}) }))).toEqual(expected);
  });
});

describe('failedRunPart (a run that could not judge its template, from its diagnostics)', () => {
  const d = (code: DiagnosticCode, message: string, at: Partial<Diagnostic> = {}): Diagnostic => ({ code, severity: 'error', message, file: '', path: '', line: 0, column: 0, ...at });
  it.each<[string, Diagnostic[], boolean, object[], { message: string; type: string; detail: string }]>([
    [
      'a located error, its pointer in the text',
      [d('TPL_YAML_SYNTAX', 'bad', { file: 'a.yml', line: 4, column: 17, path: '/Resources' })],
      false,
      [{ level: 'error', file: 'a.yml', line: 4, column: 17, code: 'TPL_YAML_SYNTAX', message: 'bad (at /Resources)' }],
      { message: 'a.yml:4:17 TPL_YAML_SYNTAX bad (at /Resources)', type: 'InputError', detail: 'a.yml:4:17 TPL_YAML_SYNTAX bad (at /Resources)\n' },
    ],
    [
      'warnings are left out of the notifications and the message, not of the text',
      [d('RES_NESTED_STACK', 'w', { file: 'a.yml', line: 2, column: 1, severity: 'warning' }), d('RES_MISSING_PARAMETER', 'm', { file: 'a.yml', line: 3, column: 1 })],
      false,
      [{ level: 'error', file: 'a.yml', line: 3, column: 1, code: 'RES_MISSING_PARAMETER', message: 'm' }],
      { message: 'a.yml:3:1 RES_MISSING_PARAMETER m', type: 'InputError', detail: 'a.yml:2:1 warning RES_NESTED_STACK w\na.yml:3:1 RES_MISSING_PARAMETER m\n' },
    ],
    [
      'a file without a position, in a folder with a space (a Windows path made /-separated)',
      [d('FILE_UNREADABLE', 'cannot read the template: no such file', { file: join('my stacks', 'nosuch.yml') })],
      false,
      [{ level: 'error', file: 'my stacks/nosuch.yml', code: 'FILE_UNREADABLE', message: 'cannot read the template: no such file' }],
      { message: `${join('my stacks', 'nosuch.yml')} FILE_UNREADABLE cannot read the template: no such file`, type: 'InputError', detail: `${join('my stacks', 'nosuch.yml')} FILE_UNREADABLE cannot read the template: no such file\n` },
    ],
    ['a usage error', [d('USAGE', '--x is wrong')], false, [{ level: 'error', code: 'USAGE', message: '--x is wrong' }], { message: 'USAGE --x is wrong', type: 'InputError', detail: 'USAGE --x is wrong\n' }],
    ['a bug', [d('INTERNAL', 'boom')], true, [{ level: 'error', code: 'INTERNAL', message: 'boom' }], { message: 'INTERNAL boom', type: 'Bug', detail: 'INTERNAL boom\n' }],
  ])('%s', (_name, failure, bug, notifications, junitFailure) => {
    const part = failedRunPart('a.yml', failure, bug);
    expect(part.notifications).toEqual(notifications);
    // The suite's file is the first located error's (mikepenz/action-junit-report annotates it), none without one.
    const file = notifications.map((n) => (n as { file?: string }).file).find((f) => f !== undefined);
    expect(part.suite).toEqual({ name: 'a.yml', ...(file !== undefined ? { file } : {}), cases: [{ classname: 'a.yml.template', name: 'simulate', failure: junitFailure }] });
    expect(sarifSchemaErrors(combinedSarif([part], shared))).toEqual([]);
    expect(junitShapeErrors(combinedJunit([part], shared))).toEqual([]);
  });
});

describe('simulate --format', () => {
  it.each(['text', 'json', 'sarif', 'junit'])('takes %s', async (format) => {
    const { code, err } = await simulate(['mixed.yml', '--format', format, '--failure-mode', 'WARN']);
    expect({ code, err: err.replace(/^.*\n?/gm, (l) => (l.includes('SIM_') ? '' : l)) }).toEqual({ code: 0, err: '' });
  });

  it('lists every format it takes when given another', async () => {
    const { code, err } = await simulate(['mixed.yml', '--format', 'xml']);
    expect(code).toBe(2);
    expect(err).toContain('--format must be text, json, sarif or junit, got "xml"');
  });

  it('places a SARIF finding at the property its check names, else at the resource', async () => {
    const { code, out } = await simulate(['mixed.yml', '--format', 'sarif']);
    expect(code).toBe(1);
    expect(sarifSchemaErrors(out)).toEqual([]);
    const result = (JSON.parse(out) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: unknown }> }> }> }).runs[0]?.results[0];
    expect(result?.ruleId).toBe('s3-encryption-configured');
    // BucketEncryption is absent from ScratchBucket: its Properties mapping is the nearest place (mixed.yml line 24),
    // named from the repository's root, where code scanning looks, though the run is in test/stacks/_shared.
    expect(result?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'test/stacks/_shared/mixed.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 24, startColumn: 7 } });
  });

  it.each<[string, string, string[]]>([
    ['./mixed.yml', './mixed.yml', ['test/stacks/_shared/mixed.yml']],
    ['an absolute path', join(shared, 'mixed.yml'), ['test/stacks/_shared/mixed.yml']],
    ['../_shared/./mixed.yml', '../_shared/./mixed.yml', ['test/stacks/_shared/mixed.yml']],
  ])('the same uri however the template was typed (%s), alone or with others', async (_typed, typed, uris) => {
    for (const args of [[typed], [typed, 'compliant.yml', '--jobs', '1']]) {
      const { out } = await simulate([...args, '--format', 'sarif']);
      expect(sarifSchemaErrors(out)).toEqual([]);
      const results = (JSON.parse(out) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }).runs[0]?.results ?? [];
      expect([...new Set(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri))]).toEqual(uris);
    }
  });

  // JUnit readers (mikepenz/action-junit-report) resolve a suite's file from the checkout's root, as code scanning does
  // a SARIF uri: the run here is in test/stacks/_shared, and the file is named from the repository's root.
  it.each<[string, string]>([
    ['mixed.yml', 'mixed.yml'],
    ['an absolute path', join(shared, 'mixed.yml')],
    ['../_shared/./mixed.yml', '../_shared/./mixed.yml'],
  ])('a JUnit suite names its template from the repository root however it was typed (%s)', async (_typed, typed) => {
    const { out } = await simulate([typed, '--format', 'junit']);
    expect(junitShapeErrors(out)).toEqual([]);
    expect([...out.matchAll(/<testsuite [^>]*file="([^"]*)"/g)].map((m) => m[1])).toEqual(['test/stacks/_shared/mixed.yml']);
  });

  // A helper running synthesized CDK apps: neither format named the stack or the construct a CDK user knows.
  it("a CDK app's findings carry the stack's name and the construct path: SARIF's logical location and properties, JUnit's case name", async () => {
    const cdkOut = resolve(__dirname, '..', '..', '..', 'docs', 'examples', 'cdk', 'cdk.out');
    const sarif = memoryIo(shared);
    expect(await main([cdkOut, '--format', 'sarif', '--jobs', '1'], sarif)).toBe(1);
    expect(sarifSchemaErrors(sarif.out.join(''))).toEqual([]);
    const result = (JSON.parse(sarif.out.join('')) as { runs: { results: { message: { text: string }; locations: { logicalLocations: { fullyQualifiedName?: string }[] }[]; properties: Record<string, unknown> }[] }[] }).runs[0]?.results[0];
    expect(result?.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe('OrdersStack/Archive/ArchiveBucket/Resource');
    // Code scanning shows the message, not logicalLocations or properties: the construct path leads it.
    expect(result?.message.text).toMatch(/^OrdersStack\/Archive\/ArchiveBucket\/Resource \(ArchiveNestedStack\w*\/ArchiveBucket7E6D5C4B, AWS::S3::Bucket, CREATE_PRE_PROVISION\): BucketEncryption: /);
    expect(result?.properties).toMatchObject({ stackName: 'orders-prod', constructPath: 'OrdersStack/Archive/ArchiveBucket/Resource' });
    const junit = memoryIo(shared);
    expect(await main([cdkOut, '--format', 'junit', '--jobs', '1'], junit)).toBe(1);
    expect(junit.out.join('')).toContain('ArchiveBucket7E6D5C4B (AWS::S3::Bucket, OrdersStack/Archive/ArchiveBucket/Resource)');
  });

  it('a template whose name has a space or a non-ASCII letter: a valid log, its uri percent-encoded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sarif-names-'));
    try {
      copyFileSync(join(shared, 'mixed.yml'), join(dir, 'my stack é.yml'));
      const io = memoryIo(dir);
      expect(await main(['my stack é.yml', '--format', 'sarif'], io)).toBe(1);
      const out = io.out.join('');
      expect(sarifSchemaErrors(out)).toEqual([]);
      expect(out).toContain('"uri": "my%20stack%20%C3%A9.yml"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JUnit: each suite names its template file, which test-report actions annotate', () => {
  const repo = inGitWorkTree(join(__dirname, '..', '..', '..'));
  it.each<[string, string[], Array<[string, string | undefined]>]>([
    ['a judged template', ['test/stacks/_shared/mixed.yml'], [['test/stacks/_shared/mixed.yml', 'test/stacks/_shared/mixed.yml']]],
    ['a refused template, beside a judged one', ['test/fixtures/simulator/broken.yml', 'test/stacks/_shared/compliant.yml', '--jobs', '1'], [['test/fixtures/simulator/broken.yml', 'test/fixtures/simulator/broken.yml'], ['test/stacks/_shared/compliant.yml', 'test/stacks/_shared/compliant.yml']]],
    ['a cloud assembly: the stack\'s template', ['docs/examples/cdk/cdk.out', '--jobs', '1'], [
      ['docs/examples/cdk/cdk.out/SharedStack.template.json', 'docs/examples/cdk/cdk.out/SharedStack.template.json'],
      ['docs/examples/cdk/cdk.out/OrdersStack.template.json', 'docs/examples/cdk/cdk.out/OrdersStack.template.json'],
    ]],
  ])('%s', async (_name, args, suites) => {
    const io = memoryIo(repo);
    await main([...args, '--format', 'junit'], io);
    const xml = io.out.join('');
    expect(junitShapeErrors(xml)).toEqual([]);
    expect(parseXml(xml).children.map((suite) => [suite.attributes.name, suite.attributes.file])).toEqual(suites);
  });
});

describe('simulate --quiet', () => {
  it('prints only the failed invocations and the verdict', async () => {
    const { code, out, err } = await simulate(['mixed.yml', '--quiet']);
    expect(code).toBe(1);
    expect(err).toBe('');
    expect(out).not.toContain('LOGICAL ID     TYPE');
    expect(out).not.toContain('ReportsBucket');
    expect(out).toMatch(/^Failed hook invocations:\n/);
    expect(out).toContain('ScratchBucket  AWS::S3::Bucket');
    expect(out.trimEnd().split('\n').pop()).toMatch(/^Verdict: ROLLBACK_COMPLETE: a hook would block the create at ScratchBucket/);
  });

  it('prints only the verdict when nothing failed', async () => {
    const { code, out, err } = await simulate(['compliant.yml', '-q']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^Verdict: CREATE_COMPLETE: the create would complete \(\d+ hook invocations\)\.\n$/);
  });
});

describe('colours', () => {
  it.each([
    ['a terminal', {}, true, true],
    ['a pipe', {}, false, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, false, true],
  ] as Array<[string, Record<string, string>, boolean, boolean]>)('text on %s', async (_name, env, tty, coloured) => {
    const { out } = await simulate(['mixed.yml'], env, tty);
    expect(out.includes(ESC)).toBe(coloured);
    if (coloured) expect(out).toContain(`${ESC}31mVerdict: ROLLBACK_COMPLETE`);
  });

  it.each(['json', 'sarif', 'junit'])('never in --format %s, even forced on a terminal', async (format) => {
    const { out } = await simulate(['mixed.yml', '--format', format], { FORCE_COLOR: '1' }, true);
    expect(out.includes(ESC)).toBe(false);
  });
});

describe('simulate --keep-going', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'simulator');
  const run = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = memoryIo(fixtures);
    const code = await main(['several-blocked.yml', ...args], io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };

  it('keeps the service\'s invocations, events and verdict, and lists the rest apart', async () => {
    const plain = JSON.parse((await run(['--format', 'json'])).out) as Record<string, unknown>;
    const kept = await run(['--format', 'json', '--keep-going']);
    expect(kept.code).toBe(1);
    const json = JSON.parse(kept.out) as Record<string, unknown> & { judgedAfterStop: Array<{ logicalResourceId: string; hookStatus: string; failureMode: string }> };
    expect(plain).not.toHaveProperty('judgedAfterStop');
    expect({ stack: json.stack, invocations: json.invocations, events: json.events }).toEqual({ stack: plain.stack, invocations: plain.invocations, events: plain.events });
    expect(json.judgedAfterStop.map((i) => [i.logicalResourceId, i.hookStatus, i.failureMode])).toEqual([
      ['PlainQueue', 'FAILED', 'FAIL'],
      ['SecondBucket', 'FAILED', 'FAIL'],
      ['GoodBucket', 'SUCCESS', 'FAIL'],
    ]);
  });

  // Jenkins, GitLab and EnricoMi key a case on its class and name: a name that changed with another resource's verdict
  // made a new test (its failure age restarted, GitLab listed it as newly failed).
  it.each<[string, string]>([
    ['judged after the stop', 'several-blocked.yml'],
    ['judged by the service (the earlier bucket fixed)', 'several-blocked-first-fixed.yml'],
  ])('a JUnit case keeps its name whatever other resources\' verdicts: %s', async (_name, template) => {
    const dir = mkdtempSync(join(tmpdir(), 'keep-going-names-'));
    try {
      const original = readFileSync(join(fixtures, 'several-blocked.yml'), 'utf8');
      writeFileSync(join(dir, 'several-blocked.yml'), original);
      const encrypted = '    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - BucketKeyEnabled: true\n            ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n';
      writeFileSync(join(dir, 'several-blocked-first-fixed.yml'), original.replace('  FirstBucket:\n    Type: AWS::S3::Bucket\n', `  FirstBucket:\n    Type: AWS::S3::Bucket\n${encrypted}`));
      const io = memoryIo(dir);
      await main([template, '--format', 'junit', '--keep-going'], io);
      const names = parseXml(io.out.join('')).children.flatMap((suite) => suite.children.map((c) => c.attributes.name));
      expect(names.filter((n) => n?.includes('PlainQueue'))).toEqual(['MyCompany::Testing::MyTestHook CREATE_PRE_PROVISION PlainQueue (AWS::SQS::Queue)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('judges nothing more when nothing blocked', async () => {
    const json = JSON.parse((await run(['--format', 'json', '--keep-going', '--failure-mode', 'WARN'])).out) as { judgedAfterStop: unknown[] };
    expect(json.judgedAfterStop).toEqual([]);
  });

  it('marks the extra judgements in SARIF (still valid) and JUnit', async () => {
    const sarif = await run(['--format', 'sarif', '--keep-going']);
    expect(sarif.code).toBe(1);
    expect(sarifSchemaErrors(sarif.out)).toEqual([]);
    const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ ruleId: string; level: string; properties: { judgedAfterStop?: boolean } }> }> }).runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.level, r.properties.judgedAfterStop ?? false])).toEqual([
      ['s3-encryption-configured', 'error', false],
      ['sqs-kms-key-present', 'error', true],
      ['s3-bucket-key-enabled', 'error', true],
    ]);
    const junit = await run(['--format', 'junit', '--keep-going']);
    expect(junitShapeErrors(junit.out)).toEqual([]);
    expect(parseXml(junit.out).attributes).toMatchObject({ tests: '4', failures: '3' });
    // Marked in the texts (system-out on all three, the failure message and text of the two failed), never the name.
    const cases = parseXml(junit.out).children.flatMap((suite) => suite.children);
    expect(cases.filter((c) => c.attributes.name?.includes('judged after'))).toEqual([]);
    expect(cases.filter((c) => c.children.some((x) => x.name === 'system-out' && x.text.startsWith('[judged after the service stopped]')))).toHaveLength(3);
    expect(junit.out.match(/\[judged after the service stopped\]/g)).toHaveLength(3 + 2 * 2);
  });

  it('shows the extra judgements in their own text table', async () => {
    const { code, out } = await run(['--keep-going']);
    expect(code).toBe(1);
    expect(out).toContain('Judged after the service stopped (--keep-going; not in the events):');
    expect(out.trimEnd().split('\n').pop()).toMatch(/^Verdict: ROLLBACK_COMPLETE: a hook would block the create at FirstBucket/);
  });
});

describe('simulate --keep-going with several hooks and nested stacks', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'simulator');
  const hooks = join(fixtures, 'keep-going', 'hooks.yaml');
  const run = async (args: string[]): Promise<{ code: number; out: string }> => {
    const io = memoryIo(fixtures);
    const code = await main(args, io);
    return { code, out: io.out.join('') };
  };
  interface Judged {
    logicalResourceId: string;
    hookTypeName: string;
    hookStatus: string;
    failureMode: string;
    nestedIn?: string[];
  }
  const rows = (judged: Judged[]): string[][] => judged.map((i) => [[...(i.nestedIn ?? []), i.logicalResourceId].join('/'), i.hookTypeName, i.hookStatus, i.failureMode]);

  it.each<[string, string, string]>([
    ['both FAIL', 'FAIL', 'error'],
    ['the project hook WARN, the Lambda hook FAIL', 'WARN', 'warning'],
  ])('a FAIL Lambda hook and the project hook (%s): every resource judged by every hook, each with its own FailureMode; the service\'s verdict unchanged', async (_name, projectMode, projectLevel) => {
    const args = ['several-blocked.yml', '--hooks', hooks, '--hooks-parameter', `ProjectFailureMode=${projectMode}`];
    const plain = JSON.parse((await run([...args, '--format', 'json'])).out) as Record<string, unknown>;
    const kept = await run([...args, '--format', 'json', '--keep-going']);
    expect(kept.code).toBe(1);
    const json = JSON.parse(kept.out) as Record<string, unknown> & { judgedAfterStop: Judged[] };
    expect({ stack: json.stack, invocations: json.invocations, events: json.events, hookResults: json.hookResults }).toEqual({
      stack: plain.stack,
      invocations: plain.invocations,
      events: plain.events,
      hookResults: plain.hookResults,
    });
    const P = 'MyCompany::Testing::MyTestHook';
    const L = 'MyCompany::Tags::RequiredTags';
    expect(rows(json.judgedAfterStop)).toEqual([
      ['PlainQueue', P, 'FAILED', projectMode],
      ['PlainQueue', L, 'FAILED', 'FAIL'],
      ['SecondBucket', P, 'FAILED', projectMode],
      ['SecondBucket', L, 'FAILED', 'FAIL'],
      ['GoodBucket', P, 'SUCCESS', projectMode],
      ['GoodBucket', L, 'FAILED', 'FAIL'],
    ]);
    // SARIF: a FAIL hook's finding is an error, a WARN hook's a warning, wherever it was judged.
    const sarif = await run([...args, '--format', 'sarif', '--keep-going']);
    expect(sarifSchemaErrors(sarif.out)).toEqual([]);
    const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ level: string; properties: { hookType: string; judgedAfterStop?: boolean } }> }> }).runs[0]?.results ?? [];
    const levels = new Set(results.filter((r) => r.properties.judgedAfterStop).map((r) => `${r.properties.hookType} ${r.level}`));
    expect([...levels].sort()).toEqual([`${L} error`, `${P} ${projectLevel}`]);
    // Text: each extra judgement shows its hook's FailureMode, so a WARN hook's failure does not read as a FAIL one's.
    const text = (await run([...args, '--keep-going'])).out;
    const table = text.slice(text.indexOf('Judged after the service stopped'));
    expect(table).toMatch(/^LOGICAL ID +HOOK +TARGET +INVOCATION POINT +FAILURE MODE +RESULT +MESSAGE$/m);
    expect(table.match(/^(\w+) +(\S+) +AWS::\S+ +CREATE_PRE_PROVISION +(FAIL|WARN) +(FAILED|SUCCESS)/gm)?.map((row) => row.split(/ +/).filter((_, i) => i !== 2 && i !== 3).join(' '))).toEqual([
      `PlainQueue ${P} ${projectMode} FAILED`,
      `PlainQueue ${L} FAIL FAILED`,
      `SecondBucket ${P} ${projectMode} FAILED`,
      `SecondBucket ${L} FAIL FAILED`,
      `GoodBucket ${P} ${projectMode} SUCCESS`,
      `GoodBucket ${L} FAIL FAILED`,
    ]);
  });

  it('a nested stack the service never reached is judged too, named by its Stack resource and its construct path', async () => {
    const args = ['keep-going/parent.yml', '--stack-name', 'shop'];
    const construct = 'Shop/Child/ChildBucket/Resource';
    const json = JSON.parse((await run([...args, '--format', 'json', '--keep-going'])).out) as { stack: { finalStatus: string }; judgedAfterStop: (Judged & { constructPath?: string })[] };
    expect(json.stack.finalStatus).toBe('ROLLBACK_COMPLETE');
    expect(rows(json.judgedAfterStop)).toEqual([['Child/ChildBucket', 'MyCompany::Testing::MyTestHook', 'FAILED', 'FAIL']]);
    expect(json.judgedAfterStop.map((j) => j.constructPath)).toEqual([construct]);
    const sarif = await run([...args, '--format', 'sarif', '--keep-going']);
    type Result = { message: { text: string }; locations: { logicalLocations: { fullyQualifiedName?: string }[] }[]; properties: { nestedStack?: string; judgedAfterStop?: boolean; constructPath?: string } };
    const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Result[] }> }).runs[0]?.results ?? [];
    expect(
      results.filter((r) => r.properties.judgedAfterStop).map((r) => [r.properties.nestedStack, r.message.text.slice(0, r.message.text.indexOf(', ')), r.properties.constructPath, r.locations[0]?.logicalLocations[0]?.fullyQualifiedName]),
    ).toEqual([['Child', `${construct} (Child/ChildBucket`, construct, construct]]);
    expect((await run([...args, '--format', 'junit', '--keep-going'])).out).toContain(`ChildBucket (AWS::S3::Bucket, ${construct})" time="0">`);
    const text = await run([...args, '--keep-going']);
    expect(text.out).toMatch(/^Child\/ChildBucket +Shop\/Child\/ChildBucket\/Resource +AWS::S3::Bucket +CREATE_PRE_PROVISION +FAIL +FAILED NonCompliant/m);
  });
});

describe('simulate --hooks in CI formats (the example account, whose Guard hook runs on the real cfn-guard)', () => {
  const cfnGuard = cfnGuardForTests('simulate --hooks in CI formats');
  const itWithCfnGuard = cfnGuard === undefined ? it.skip : it;
  const dir = join(__dirname, '..', '..', 'stacks', 'hooks-several');
  const args = ['stack.yml', '--stack-name', 'orders', '--hooks', join('..', '..', '..', 'docs', 'examples', 'hooks', 'hooks.yaml'), '--cfn-guard', cfnGuard ?? ''];
  const run = async (format: string): Promise<{ code: number; out: string }> => {
    const io = memoryIo(dir);
    const code = await main([...args, '--format', format], io);
    return { code, out: io.out.join('') };
  };

  itWithCfnGuard('SARIF: a rule per hook check (another hook\'s namespaced, with its remediation as help), a result per failed annotation', async () => {
    const { code, out } = await run('sarif');
    expect(code).toBe(1);
    expect(sarifSchemaErrors(out)).toEqual([]);
    const r = (JSON.parse(out) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }> } }; results: Array<{ ruleId: string; level: string; properties: { hookType: string } }> }> }).runs[0];
    const tagRule = r?.tool.driver.rules.find((x) => x.id === 'MyCompany::Tags::RequiredTags/required-tag-owner');
    expect(tagRule).toMatchObject({ help: { text: expect.stringContaining('owner') }, helpUri: expect.stringMatching(/^https:/), defaultConfiguration: { level: 'warning' } });
    expect(r?.results.map((x) => [x.ruleId, x.level, x.properties.hookType])).toEqual([
      ['MyCompany::Guard::StackTemplate/STACK_BUCKETS_VERSIONED', 'warning', 'MyCompany::Guard::StackTemplate'],
      ['MyCompany::Tags::RequiredTags/required-tag-cost-center', 'warning', 'MyCompany::Tags::RequiredTags'],
      ['s3-encryption-configured', 'error', 'MyCompany::Testing::MyTestHook'],
      ['MyCompany::Tags::RequiredTags/required-tag-owner', 'warning', 'MyCompany::Tags::RequiredTags'],
      ['MyCompany::Tags::RequiredTags/required-tag-cost-center', 'warning', 'MyCompany::Tags::RequiredTags'],
    ]);
  });

  itWithCfnGuard('JUnit: a test case per targeted resource per hook, and one for the stack-level Guard hook', async () => {
    const { out } = await run('junit');
    expect(junitShapeErrors(out)).toEqual([]);
    const cases = parseXml(out).children[0]?.children.map((c) => c.attributes.name) ?? [];
    expect(cases).toHaveLength(7);
    expect(cases[0]).toBe('MyCompany::Guard::StackTemplate CREATE_PRE_PROVISION orders (STACK)');
    for (const resource of ['TaggedBucket', 'UntaggedQueue', 'PlainBucket']) {
      for (const hook of ['MyCompany::Testing::MyTestHook', 'MyCompany::Tags::RequiredTags']) expect(cases.filter((n) => n?.startsWith(`${hook} `) && n.includes(` ${resource} `))).toHaveLength(1);
    }
  });
});

describe('many templates in one run (directories, cloud assemblies, shards) in CI formats', () => {
  const repo = inGitWorkTree(join(__dirname, '..', '..', '..'));
  const run = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = memoryIo(repo);
    const code = await main(args, io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };
  const inputs = ['test/stacks/_shared', 'docs/examples/cdk/cdk.out', '--jobs', '1'];

  it('SARIF: one log for the run, each finding in its own template; a nested stack\'s in the nested template', async () => {
    const { code, out } = await run([...inputs, '--format', 'sarif']);
    expect(code).toBe(1);
    expect(sarifSchemaErrors(out)).toEqual([]);
    const results = (JSON.parse(out) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ name: string }> }>; properties: { nestedStack?: string } }> }> }).runs[0]?.results ?? [];
    expect(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['test/stacks/_shared/mixed.yml', 'docs/examples/cdk/cdk.out/OrdersStackArchive1A2B3C4D.nested.template.json']);
    expect(results[1]?.properties.nestedStack).toBeDefined();
    expect(results[1]?.locations[0]?.logicalLocations[0]?.name).toMatch(/\/ArchiveBucket/);
  });

  it('a nested stack read from a local file: its findings at the resource or property in that file, in SARIF and in JUnit', async () => {
    const parent = 'test/fixtures/simulator/mixed-repo/infra/parent.yaml';
    const sarif = await run([parent, '--format', 'sarif']);
    expect(sarifSchemaErrors(sarif.out)).toEqual([]);
    const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: unknown; logicalLocations: Array<{ name: string }> }> }> }> }).runs[0]?.results ?? [];
    // Jobs has no KmsMasterKeyId: its Properties mapping (storage.yaml line 8, column 7) is the nearest place.
    expect(results.map((r) => [r.locations[0]?.physicalLocation, r.locations[0]?.logicalLocations[0]?.name])).toEqual([
      [{ artifactLocation: { uri: 'test/fixtures/simulator/mixed-repo/infra/children/storage.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 8, startColumn: 7 } }, 'Storage/Jobs'],
    ]);
    const junit = await run([parent, '--format', 'junit']);
    expect(junitShapeErrors(junit.out)).toEqual([]);
    expect(junit.out).toContain('type="NonCompliant">test/fixtures/simulator/mixed-repo/infra/children/storage.yaml:6:5 AWS::SQS::Queue Jobs');
  });

  it('JUnit: a suite per stack, counts across them, shards splitting the suites', async () => {
    const whole = await run([...inputs, '--format', 'junit']);
    expect(junitShapeErrors(whole.out)).toEqual([]);
    const suites = parseXml(whole.out).children.map((s) => s.attributes.name);
    expect(suites).toContain('test/stacks/_shared/mixed.yml');
    expect(Number(parseXml(whole.out).attributes.failures)).toBe(2);
    const shards: string[] = [];
    for (const shard of ['1/2', '2/2']) {
      const part = await run([...inputs, '--format', 'junit', '--shard', shard]);
      expect(junitShapeErrors(part.out)).toEqual([]);
      for (const s of parseXml(part.out).children) shards.push(s.attributes.name ?? '');
    }
    expect(shards.sort()).toEqual([...suites].sort());
  });

  it('a nested stack only in S3 is never a silent pass in CI: a warning on stderr, and a located SARIF notification', async () => {
    const remote = 'test/fixtures/nested/remote.yaml';
    for (const args of [[remote], [remote, 'test/stacks/_shared/compliant.yml', '--jobs', '1']]) {
      const sarif = await run([...args, '--format', 'sarif', '--failure-mode', 'WARN']);
      expect(sarif.code).toBe(0);
      expect(sarif.err).toMatch(/^test\/fixtures\/nested\/remote\.yaml:7:20 warning RES_NESTED_STACK .*--template-map /m);
      expect(sarifSchemaErrors(sarif.out)).toEqual([]);
      const invocations = (JSON.parse(sarif.out) as { runs: Array<{ invocations?: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; descriptor: { id: string }; locations?: unknown[] }> }> }> }).runs[0]?.invocations;
      const nested = invocations?.[0]?.toolExecutionNotifications.find((n) => n.descriptor.id === 'RES_NESTED_STACK');
      expect({ successful: invocations?.[0]?.executionSuccessful, level: nested?.level, locations: nested?.locations }).toEqual({
        successful: true,
        level: 'warning',
        locations: [{ physicalLocation: { artifactLocation: { uri: 'test/fixtures/nested/remote.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 20 } } }],
      });
      // --quiet keeps it: a quiet pass must not be silent about a stack it never judged (text too).
      const junit = await run([...args, '--format', 'junit', '--failure-mode', 'WARN', '--quiet']);
      expect(junit.err).toMatch(/^test\/fixtures\/nested\/remote\.yaml:7:20 warning RES_NESTED_STACK /m);
      const text = await run([...args, '--failure-mode', 'WARN', '--quiet']);
      expect(text.err).toMatch(/^test\/fixtures\/nested\/remote\.yaml:7:20 warning RES_NESTED_STACK /m);
    }
  });

  it.each(['sarif', 'junit'])('a single template that cannot be read still gets a %s document saying why (exit 2), not an empty file', async (format) => {
    const broken = join('test', 'fixtures', 'simulator', 'broken.yml');
    const { code, out, err } = await run([broken, '--format', format]);
    expect(code).toBe(2);
    expect(err).toMatch(/^test\/fixtures\/simulator\/broken\.yml:4:17 TPL_YAML_SYNTAX /);
    if (format === 'junit') {
      expect(junitShapeErrors(out)).toEqual([]);
      expect(out).toMatch(/<testcase classname="test\/fixtures\/simulator\/broken\.yml\.template" name="simulate" time="0">\n\s*<failure message="[^"]*broken\.yml:4:17 TPL_YAML_SYNTAX [^"]*" type="InputError">/);
      return;
    }
    expect(sarifSchemaErrors(out)).toEqual([]);
    const run0 = (JSON.parse(out) as { runs: Array<{ results: unknown[]; invocations: unknown[]; tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } } }> }).runs[0];
    // The refusal is a result too, so code scanning annotates the line: a rule of its own, level error.
    expect(run0?.results).toEqual([
      {
        ruleId: 'TPL_YAML_SYNTAX',
        ruleIndex: expect.any(Number),
        level: 'error',
        message: { text: expect.stringMatching(/^Template format error: YAML not well-formed\./) },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'test/fixtures/simulator/broken.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 17 } } }],
      },
    ]);
    expect(run0?.tool.driver.rules.find((r) => r.id === 'TPL_YAML_SYNTAX')?.defaultConfiguration).toEqual({ level: 'error' });
    expect(run0?.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: expect.stringMatching(/^Template format error: YAML not well-formed\./) },
            descriptor: { id: 'TPL_YAML_SYNTAX' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'test/fixtures/simulator/broken.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 17 } } }],
          },
        ],
      },
    ]);
  });

  it('JUnit shows an input error of one template as a failed case; SARIF as a notification and a located result of a run that judged the other (exit 2)', async () => {
    const broken = join('test', 'fixtures', 'simulator', 'broken.yml');
    const junit = await run([broken, 'test/stacks/_shared/compliant.yml', '--jobs', '1', '--format', 'junit']);
    expect(junit.code).toBe(2);
    expect(junitShapeErrors(junit.out)).toEqual([]);
    expect(junit.out).toMatch(/<failure message="[^"]*broken\.yml:\d+:\d+ [^"]*" type="InputError">/);
    const sarif = await run([broken, 'test/stacks/_shared/compliant.yml', '--jobs', '1', '--format', 'sarif']);
    expect(sarif.code).toBe(2);
    expect(sarifSchemaErrors(sarif.out)).toEqual([]);
    expect(sarif.err).toMatch(/broken\.yml:\d+:\d+ /);
    const invocations = (JSON.parse(sarif.out) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string } }> }> }> }).runs[0]?.invocations;
    expect(invocations?.map((i) => [i.executionSuccessful, i.toolExecutionNotifications.map((n) => n.descriptor.id)])).toEqual([[true, ['TPL_YAML_SYNTAX']]]);
    const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }).runs[0]?.results;
    expect(results?.filter((r) => r.ruleId === 'TPL_YAML_SYNTAX').map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['test/fixtures/simulator/broken.yml']);
  });
});

describe('a run that could not judge its input: SARIF, JUnit and many-run JSON built from its diagnostics, not from what it printed', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ci-failures-'));
    mkdirSync(join(dir, 'my stacks'));
    writeFileSync(join(dir, 'my stacks', 'bad.yaml'), 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {a: [\n');
    copyFileSync(join(shared, 'compliant.yml'), join(dir, 'my stacks', 'ok.yml'));
    copyFileSync(join(shared, 'compliant.yml'), join(dir, 'my stacks', 'also ok.yml'));
    // 150 resources whose Type is a mapping: 150 TPL_RESOURCE_TYPE errors, of which the text prints the first 100.
    writeFileSync(join(dir, 'many-errors.yaml'), `Resources:\n${Array.from({ length: 150 }, (_, i) => `  R${i + 1}:\n    Type: {a: b}\n`).join('')}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = memoryIo(dir);
    const code = await main(args, io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };
  /** `[code, uri, line, column]` of each notification and each result of a valid SARIF log. */
  const sarifOf = (out: string): { successful: boolean | undefined; notifications: Array<[string | undefined, string | undefined, number | undefined, number | undefined, string]>; results: Array<[string, string | undefined, number | undefined, number | undefined]> } => {
    expect(sarifSchemaErrors(out)).toEqual([]);
    interface Location {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
    }
    const run0 = (JSON.parse(out) as { runs: Array<{ invocations?: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor?: { id: string }; message: { text: string }; locations?: Location[] }> }>; results: Array<{ ruleId: string; locations: Location[] }> }> }).runs[0];
    const at = (l: Location | undefined): [string | undefined, number | undefined, number | undefined] => [l?.physicalLocation.artifactLocation.uri, l?.physicalLocation.region.startLine, l?.physicalLocation.region.startColumn];
    return {
      successful: run0?.invocations?.[0]?.executionSuccessful,
      notifications: (run0?.invocations?.[0]?.toolExecutionNotifications ?? []).map((n) => [n.descriptor?.id, ...at(n.locations?.[0]), n.message.text]),
      results: (run0?.results ?? []).map((r) => [r.ruleId, ...at(r.locations[0])]),
    };
  };
  const ok = ['my stacks/ok.yml', '--jobs', '1'];

  // Alone, nothing was judged: an unsuccessful execution, so code scanning keeps the alerts it had. Beside a judged
  // template, the refusal is a finding like the others and the execution succeeded: code scanning may set aside every
  // result of a log that says it did not.
  it.each<[string, string[], boolean]>([
    ['alone', [], false],
    ['with a template that passes', ok, true],
  ])('a refusal in "my stacks/bad.yaml": each error a notification and a result at its line, its uri encoded (%s)', async (_name, extra, successful) => {
    const { code, out, err } = await run(['my stacks/bad.yaml', ...extra, '--format', 'sarif']);
    expect(code).toBe(2);
    expect(err).toMatch(/^my stacks\/bad\.yaml:4:17 TPL_YAML_SYNTAX /m);
    const sarif = sarifOf(out);
    expect(sarif.successful).toBe(successful);
    expect(sarif.notifications.map((n) => n.slice(0, 4))).toEqual([
      ['TPL_YAML_SYNTAX', 'my%20stacks/bad.yaml', 4, 17],
      ['TPL_YAML_SYNTAX', 'my%20stacks/bad.yaml', 4, 21],
    ]);
    expect(sarif.results).toEqual([
      ['TPL_YAML_SYNTAX', 'my%20stacks/bad.yaml', 4, 17],
      ['TPL_YAML_SYNTAX', 'my%20stacks/bad.yaml', 4, 21],
    ]);
  });

  it.each<[string, string[]]>([
    ['alone', ['my stacks/ok.yml']],
    ['many templates', ['my stacks/ok.yml', 'my stacks/also ok.yml', '--jobs', '1']],
  ])('a side file that cannot be read ("my stacks/no config.json"): a notification located at that file, its code the descriptor (%s)', async (_name, args) => {
    const { code, out, err } = await run([...args, '--config', 'my stacks/no config.json', '--format', 'sarif']);
    expect(code).toBe(2);
    expect(err).toMatch(/^my stacks\/no config\.json FILE_UNREADABLE cannot read the hook configuration: no such file$/m);
    const sarif = sarifOf(out);
    // Every input of the run reads the configuration: each says so. A file without a position is no result.
    expect(new Set(sarif.notifications.map((n) => JSON.stringify(n)))).toEqual(new Set([JSON.stringify(['FILE_UNREADABLE', 'my%20stacks/no%20config.json', 1, 1, 'cannot read the hook configuration: no such file'])]));
    expect(sarif.notifications).toHaveLength(args.length > 1 ? 2 : 1);
    expect(sarif.results).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['alone', []],
    ['with a template that passes', ok],
  ])('150 errors (the text prints 100 and "… and 50 more"): all 150 in SARIF and JUnit (%s)', async (_name, extra) => {
    const sarif = await run(['many-errors.yaml', ...extra, '--format', 'sarif']);
    expect(sarif.code).toBe(2);
    expect(sarif.err).toMatch(/\n… and 50 more\n/);
    const log = sarifOf(sarif.out);
    expect(log.notifications).toHaveLength(150);
    expect(log.notifications.every(([code]) => code === 'TPL_RESOURCE_TYPE')).toBe(true);
    expect(log.notifications.map((n) => n[2])).toEqual(Array.from({ length: 150 }, (_, i) => 3 + 2 * i));
    expect(log.results).toHaveLength(150);
    const junit = await run(['many-errors.yaml', ...extra, '--format', 'junit']);
    expect(junitShapeErrors(junit.out)).toEqual([]);
    const failure = parseXml(junit.out).children.find((s) => s.attributes.name === 'many-errors.yaml')?.children[0]?.children[0];
    expect(failure?.attributes).toEqual({ message: 'many-errors.yaml:3:11 TPL_RESOURCE_TYPE the Type of R1 must be a string such as AWS::S3::Bucket, not a mapping (at /Resources/R1/Type)', type: 'InputError' });
    const detail = failure?.text.trimEnd().split('\n') ?? [];
    expect(detail).toHaveLength(150);
    expect(detail.at(-1)).toMatch(/^many-errors\.yaml:301:11 TPL_RESOURCE_TYPE the Type of R150 /);
  });

  it('many-run JSON: a refused input\'s errors are the diagnostics as a single run prints them (all 150), a passing one its result', async () => {
    const single = await run(['many-errors.yaml', '--format', 'json']);
    const { errors } = JSON.parse(single.out) as { errors: Diagnostic[] };
    const many = await run(['many-errors.yaml', ...ok, '--format', 'json']);
    expect(many.code).toBe(2);
    const doc = JSON.parse(many.out) as { runs: Array<{ input: string; exit: number; errors?: Diagnostic[]; result?: { stack: { outcome: string } } }> };
    expect(doc.runs.map((r) => [r.input, r.exit, r.errors?.length, r.result?.stack.outcome])).toEqual([
      ['many-errors.yaml', 2, 150, undefined],
      ['my stacks/ok.yml', 0, undefined, 'SUCCEEDED'],
    ]);
    expect(doc.runs[0]?.errors).toEqual(errors);
    expect(errors[0]).toEqual({ code: 'TPL_RESOURCE_TYPE', severity: 'error', message: 'the Type of R1 must be a string such as AWS::S3::Bucket, not a mapping', file: 'many-errors.yaml', path: '/Resources/R1/Type', line: 3, column: 11 });
  });

  it('an incomplete install (no resource catalogue) is an input error naming the file to build, not a bug', async () => {
    const missing = new CatalogUnavailableError('/opt/app/dist/resource-catalog.txt', 'no such file');
    const spy = jest.spyOn(simulation, 'runSimulation').mockRejectedValue(missing);
    try {
      const json = await run(['my stacks/bad.yaml', '--format', 'json']);
      expect(json.code).toBe(2);
      expect((JSON.parse(json.out) as { errors: Diagnostic[] }).errors).toEqual([
        { code: 'SIM_CATALOG_UNAVAILABLE', severity: 'error', message: missing.message, file: '/opt/app/dist/resource-catalog.txt', path: '', line: 0, column: 0 },
      ]);
      const junit = await run(['my stacks/bad.yaml', '--format', 'junit']);
      expect(junit.out).toContain('type="InputError"');
    } finally {
      spy.mockRestore();
    }
  });

  it.each<[string, () => Error, string, number, string]>([
    ['a usage error', () => new UsageError('--x is wrong'), 'USAGE', 2, 'InputError'],
    ['a bug', () => new Error('boom'), 'INTERNAL', 3, 'Bug'],
  ])('%s: one diagnostic (no location) in SARIF, JUnit, single-run and many-run JSON', async (_name, make, code, exit, type) => {
    const failing = join(dir, 'my stacks', 'bad.yaml');
    const real = simulation.runSimulation;
    // Only the run of bad.yaml fails this way; ok.yml runs for real.
    const spy = jest.spyOn(simulation, 'runSimulation').mockImplementation(async (options, ...rest) => {
      if (options.template !== undefined && resolve(dir, options.template) === failing) throw make();
      return real(options, ...rest);
    });
    try {
      const diagnostic = { code, severity: 'error', message: make().message, file: '', path: '', line: 0, column: 0 };
      for (const extra of [[], ok]) {
        const sarif = await run(['my stacks/bad.yaml', ...extra, '--format', 'sarif']);
        expect(sarif.code).toBe(exit);
        expect(sarifOf(sarif.out)).toEqual({ successful: false, notifications: [[code, undefined, undefined, undefined, make().message]], results: [] });
        const junit = await run(['my stacks/bad.yaml', ...extra, '--format', 'junit']);
        expect(junitShapeErrors(junit.out)).toEqual([]);
        expect(junit.out).toContain(`<failure message="${code} ${make().message}" type="${type}">`);
        const json = await run(['my stacks/bad.yaml', ...extra, '--format', 'json']);
        expect(json.code).toBe(exit);
        const doc = JSON.parse(json.out) as { errors?: unknown[]; runs?: Array<{ errors?: unknown[] }> };
        expect(extra.length === 0 ? doc.errors : doc.runs?.[0]?.errors).toEqual([diagnostic]);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a Lambda hook\'s remediation link in SARIF', () => {
  const scratch = scratchFolderPerTest('sarif-remediation-');
  // The API takes any text of 1 to 5120 characters as remediationLink; SARIF's helpUri must be an absolute URI.
  it.each<[string, string, { help: string; helpUri?: string }]>([
    ['an https URL is the rule\'s helpUri', 'https://example.com/tags', { help: 'Add the tag.', helpUri: 'https://example.com/tags' }],
    ['text that is no URL joins the help text', 'see the wiki page on tags', { help: 'Add the tag. (see the wiki page on tags)' }],
    ['a URL of another scheme joins the help text', 'javascript:alert(1)', { help: 'Add the tag. (javascript:alert(1))' }],
  ])('%s', async (_name, link, expected) => {
    scratch.file('hook.js', `exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no tag', clientRequestToken: event.clientRequestToken, annotations: [{ annotationName: 'tag', status: 'FAILED', statusMessage: 'no tag', remediationMessage: 'Add the tag.', remediationLink: ${JSON.stringify(link)}, severityLevel: 'LOW' }] });\n`);
    scratch.file('hooks.yaml', 'Resources:\n  Tags:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: My::Tags::Hook\n      LambdaFunction: ./hook.js\n      ExecutionRole: arn:aws:iam::123456789012:role/r\n      FailureMode: FAIL\n      TargetOperations: [RESOURCE]\n');
    scratch.file('t.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    const io = memoryIo(scratch.dir);
    expect(await main(['t.yaml', '--hooks', 'hooks.yaml', '--format', 'sarif'], io)).toBe(1);
    const out = io.out.join('');
    expect(sarifSchemaErrors(out)).toEqual([]);
    const rule = (JSON.parse(out) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { text: string }; helpUri?: string }> } } }> }).runs[0]?.tool.driver.rules.find((r) => r.id.endsWith('tag'));
    expect({ help: rule?.help.text, ...(rule?.helpUri ? { helpUri: rule.helpUri } : {}) }).toEqual(expected);
  });
});

describe('combinedSarif within code scanning\'s limits', () => {
  it('keeps 25,000 results, errors first, and says how many it left out', () => {
    const finding = (level: 'error' | 'warning', i: number) => ({ ruleId: 's3-encryption-configured', level, message: `m${i}`, file: 't.yaml', line: i + 1, column: 1 });
    const findings = [finding('warning', 0), ...Array.from({ length: 25_001 }, (_, i) => finding('error', i + 1))];
    const log = JSON.parse(combinedSarif([{ rules: [], findings, suite: { name: 't.yaml', cases: [] } }], shared)) as {
      runs: Array<{ results: Array<{ level: string }>; invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string }; message: { text: string } }> }> }>;
    };
    const run0 = log.runs[0];
    expect(run0?.results.length).toBe(25_000);
    expect(run0?.results.every((r) => r.level === 'error')).toBe(true);
    expect(run0?.invocations[0]?.executionSuccessful).toBe(true);
    expect(run0?.invocations[0]?.toolExecutionNotifications.map((n) => [n.descriptor.id, n.message.text.slice(0, 30)])).toEqual([['SIM_SARIF_RESULTS_CAPPED', '2 of 25002 results are left ou']]);
  });
});

// A reviewer's finding (h29): an update the service refuses without any hook failing (a custom-named resource's
// replacement, a custom resource's new ServiceToken) exited 1, yet JUnit said tests="0" failures="0" and SARIF had
// no result: a CI report read as a clean bill of a failing run.
describe('a resource whose update the service refuses is a failure in SARIF and JUnit, never a clean bill', () => {
  const scratch = scratchFolderPerTest('ci-refused-update-');
  const RENAME = (name: string): string => `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${name} and update the stack again.`;
  /** The id the simulator gives stack `s` (seeded, so the same on every run). */
  const STACK_S = 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/b4aa4ace-00e1-4d91-8e8d-7bcc556af419';
  const TABLE = (key: string): string =>
    `Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: orders\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: ${key}, AttributeType: S}]\n      KeySchema: [{AttributeName: ${key}, KeyType: HASH}]\n`;
  const CUSTOM = (provider: string): string => `Resources:\n  Seed:\n    Type: Custom::Seed\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:${provider}\n`;
  const PARENT = (child: string): string => `Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/q\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${child}\n`;
  interface Expected {
    readonly uri: string;
    readonly region: { startLine: number; startColumn: number };
    readonly name: string;
    readonly nestedStack?: string;
    readonly text: string;
    readonly caseName: string;
    readonly classname: string;
  }
  it.each<[string, Record<string, string>, Expected]>([
    [
      'a custom-named table replaced under its name',
      { 'prev.yaml': TABLE('id'), 'next.yaml': TABLE('pk') },
      { uri: 'next.yaml', region: { startLine: 3, startColumn: 5 }, name: 'Table', text: RENAME('orders'), caseName: 'CloudFormation UPDATE_FAILED Table (AWS::DynamoDB::Table)', classname: 'next.yaml.Table' },
    ],
    [
      "a custom resource's new ServiceToken",
      { 'prev.yaml': CUSTOM('v1'), 'next.yaml': CUSTOM('v2') },
      { uri: 'next.yaml', region: { startLine: 3, startColumn: 5 }, name: 'Seed', text: 'Modifying service token is not allowed.', caseName: 'CloudFormation UPDATE_FAILED Seed (Custom::Seed)', classname: 'next.yaml.Seed' },
    ],
    [
      "a nested stack's table: located in the child's own template file",
      { 'prev.yaml': PARENT('child-prev.yaml'), 'next.yaml': PARENT('child-next.yaml'), 'child-prev.yaml': TABLE('id'), 'child-next.yaml': TABLE('pk') },
      { uri: 'child-next.yaml', region: { startLine: 3, startColumn: 5 }, name: 'Child/Table', nestedStack: 'Child', text: RENAME('orders'), caseName: 'CloudFormation UPDATE_FAILED Child/Table (AWS::DynamoDB::Table)', classname: 'next.yaml.Table' },
    ],
    // h32-sweep2 finding 1: a new resource taking a name the update removes only in cleanup fails its create.
    [
      'a custom-named table moved to a new logical id, its name kept: CREATE_FAILED',
      { 'prev.yaml': TABLE('id'), 'next.yaml': TABLE('id').replace('  Table:', '  Orders:') },
      { uri: 'next.yaml', region: { startLine: 3, startColumn: 5 }, name: 'Orders', text: `orders already exists in stack ${STACK_S}`, caseName: 'CloudFormation CREATE_FAILED Orders (AWS::DynamoDB::Table)', classname: 'next.yaml.Orders' },
    ],
  ])('%s: an error result at the resource, and a failed case (also with --keep-going)', async (_name, files, expected) => {
    for (const [name, text] of Object.entries(files)) scratch.file(name, text);
    for (const extra of [[], ['--keep-going']]) {
      const args = ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's', ...extra];
      const sarif = memoryIo(scratch.dir);
      expect(await main([...args, '--format', 'sarif'], sarif)).toBe(1);
      const log = sarif.out.join('');
      expect(sarifSchemaErrors(log)).toEqual([]);
      const run0 = (
        JSON.parse(log) as {
          runs: Array<{
            tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } };
            results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: unknown; logicalLocations: Array<{ name: string }> }>; properties: Record<string, unknown> }>;
          }>;
        }
      ).runs[0];
      expect(run0?.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation, r.locations[0]?.logicalLocations[0]?.name, r.message.text.endsWith(`: ${expected.text}`), r.properties.nestedStack])).toEqual([
        ['SIM_UPDATE_REFUSED', 'error', { artifactLocation: { uri: expected.uri }, region: expected.region }, expected.name, true, expected.nestedStack],
      ]);
      expect(run0?.tool.driver.rules.find((r) => r.id === 'SIM_UPDATE_REFUSED')?.defaultConfiguration.level).toBe('error');
      const junit = memoryIo(scratch.dir);
      expect(await main([...args, '--format', 'junit'], junit)).toBe(1);
      const xml = junit.out.join('');
      expect(junitShapeErrors(xml)).toEqual([]);
      expect([parseXml(xml).attributes.tests, parseXml(xml).attributes.failures]).toEqual(['1', '1']);
      const testCase = parseXml(xml).children[0]?.children[0];
      expect([testCase?.attributes.classname, testCase?.attributes.name, testCase?.children[0]?.attributes.type, testCase?.children[0]?.attributes.message]).toEqual([expected.classname, expected.caseName, expected.caseName.split(' ')[1], expected.text]);
      expect(testCase?.children[0]?.text).toBe(`${expected.uri}:${expected.region.startLine}:${expected.region.startColumn} ${expected.text}`);
    }
  });

  it("a cloud assembly's stack, in a many-templates run: its own template's result and failed case; the other stack stays clean", async () => {
    const example = resolve(__dirname, '..', '..', '..', 'docs', 'examples', 'cdk', 'cdk.out');
    for (const [synth, fifo] of [['next', true], ['previous', false]] as const) {
      cpSync(example, join(scratch.dir, synth), { recursive: true });
      const path = join(scratch.dir, synth, 'OrdersStack.template.json');
      const template = JSON.parse(readFileSync(path, 'utf8')) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
      Object.assign(template.Resources.OrdersQueue4C1D2E3F?.Properties ?? {}, { QueueName: 'orders', FifoQueue: fifo });
      writeFileSync(path, JSON.stringify(template, null, 1));
    }
    const args = ['next', '--operation', 'update', '--previous', 'previous', '--jobs', '1'];
    const sarif = memoryIo(scratch.dir);
    expect(await main([...args, '--format', 'sarif'], sarif)).toBe(1);
    expect(sarifSchemaErrors(sarif.out.join(''))).toEqual([]);
    const results = (JSON.parse(sarif.out.join('')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ fullyQualifiedName?: string }> }>; properties: Record<string, unknown> }> }> }).runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.logicalLocations[0]?.fullyQualifiedName, r.properties.stackName])).toEqual([
      ['SIM_UPDATE_REFUSED', 'next/OrdersStack.template.json', 'OrdersStack/OrdersQueue/Resource', 'orders-prod'],
    ]);
    const junit = memoryIo(scratch.dir);
    expect(await main([...args, '--format', 'junit'], junit)).toBe(1);
    const xml = junit.out.join('');
    expect(junitShapeErrors(xml)).toEqual([]);
    expect(parseXml(xml).children.map((s) => [s.attributes.name, s.attributes.failures])).toEqual([
      ['next/SharedStack.template.json', '0'],
      ['next/OrdersStack.template.json', '1'],
    ]);
    expect(xml).toContain(`name="CloudFormation UPDATE_FAILED OrdersQueue4C1D2E3F (AWS::SQS::Queue, OrdersStack/OrdersQueue/Resource)"`);
    // The summary table of the text run: the stack's status and exit, no hook call failed.
    const text = memoryIo(scratch.dir);
    expect(await main(args, text)).toBe(1);
    expect(text.out.join('')).toMatch(/^next \S+ +orders-prod +UPDATE_ROLLBACK_COMPLETE +\d+ +0 +1$/m);
  });
});

describe("a STACK hook's finding in SARIF and JUnit: on the template file, line 1, column 1", () => {
  // The stack's name is no logical id: the finding fell back on the template's first resource (an S3 bucket blamed
  // for a table check), or on a resource whose id happened to be the stack's name (h31-author #8).
  const scratch = scratchFolderPerTest('ci-stack-hook-');
  const HOOKS = `Resources:\n  KeepTables:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: Acme::Stack::KeepTables\n      LambdaFunction: ./deny.js\n      ExecutionRole: arn:aws:iam::123456789012:role/x\n      FailureMode: FAIL\n      TargetOperations: [STACK]\n`;
  const TEMPLATE = `Resources:\n  Audit:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/q\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/q\n`;
  it.each<[string, string]>([
    ['a stack name no resource has (was the first resource, Audit, line 2)', 'prod-orders'],
    ['a stack name that is also a logical id (was that resource, Orders, line 7)', 'Orders'],
  ])('%s', async (_name, stackName) => {
    scratch.file('deny.js', "exports.handler = async (event) => ({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'tables must be retained', clientRequestToken: event.clientRequestToken });\n");
    scratch.file('hooks.yaml', HOOKS);
    scratch.file('stack.yaml', TEMPLATE);
    const args = ['stack.yaml', '--stack-name', stackName, '--hooks', 'hooks.yaml'];
    const sarif = memoryIo(scratch.dir);
    expect(await main([...args, '--format', 'sarif'], sarif)).toBe(1);
    const results = (JSON.parse(sarif.out.join('')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: unknown; logicalLocations: Array<{ name: string; fullyQualifiedName?: string }> }> }> }> }).runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation, r.locations[0]?.logicalLocations[0]])).toEqual([
      ['Acme::Stack::KeepTables', { artifactLocation: { uri: 'stack.yaml' }, region: { startLine: 1, startColumn: 1 } }, expect.objectContaining({ name: stackName })],
    ]);
    const junit = memoryIo(scratch.dir);
    expect(await main([...args, '--format', 'junit'], junit)).toBe(1);
    const failed = parseXml(junit.out.join('')).children[0]?.children.find((c) => c.children[0]?.name === 'failure');
    expect(failed?.children[0]?.text).toBe('stack.yaml:1:1 tables must be retained');
  });
});
