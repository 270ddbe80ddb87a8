/**
 * The contract runner end to end: main(argv, io) against hand-written JS handlers (fixtures) and
 * against the real handler compiled into a temporary directory with esbuild.
 */
import { build } from 'esbuild';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/contract';
import { memoryIo } from '../../src/kernel/cli';

const root = join(__dirname, '..', '..');
const FIXTURES = join(root, 'test', 'fixtures', 'handlers', 'contract');
const SCHEMA = join(root, 'mycompany-testing-mytesthook.json');

/** The project's schema as a JSON object, to derive variants from. */
function projectSchema(): { handlers: Record<string, { targetNames: string[] }> } & Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA, 'utf8')) as { handlers: Record<string, { targetNames: string[] }> } & Record<string, unknown>;
}

/** A project directory holding inputs files; returns its path. */
function project(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'contract-main-'));
  mkdirSync(join(dir, 'inputs'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return dir;
}

/** What rule-handler.js judges non-compliant: a real property of both types (CT_UNKNOWN_PROPERTY warns about any other). */
const NON_COMPLIANT = { Tags: [{ Key: 'Compliant', Value: 'false' }] };
const both = (properties: object) => ({ 'AWS::S3::Bucket': { resourceProperties: properties }, 'AWS::SQS::Queue': { resourceProperties: properties } });
const GOOD_INPUTS = {
  'inputs/inputs_1_pre_create.json': both({}),
  'inputs/inputs_1_pre_update.json': both({}),
  'inputs/inputs_1_pre_delete.json': both({}),
  'inputs/inputs_1_invalid.json': both(NON_COMPLIANT),
};

async function run(dir: string, ...argv: string[]) {
  const io = memoryIo(dir);
  const code = await main([...(argv.includes('--schema') ? [] : ['--schema', SCHEMA]), ...argv], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('contract runner main', () => {
  it('passes a conforming handler: one line per case, the closing line alone, exit 0', async () => {
    const dir = project(GOOD_INPUTS);
    const { code, out, err } = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'));
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('12 passed, 0 failed');
    expect(lines.filter((l) => l.startsWith('PASS '))).toHaveLength(12);
    expect(out).toContain('PASS inputs_1 pre_update AWS::SQS::Queue (invalid input) → FAILED NonCompliant');
    // The handler's own log lines are kept out of the report.
    expect(out).not.toContain('rule-handler judged');
    expect(err).toBe('');
  });

  it('sends the schema defaults as hookModel, with minimums 0 for pre_delete (nothing reaches AWS)', async () => {
    const dir = project(GOOD_INPUTS);
    const { out } = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'), '--format', 'json');
    const report = JSON.parse(out) as { cases: Array<{ invocationPoint: string; expected: string; message: string }>; passed: number; failed: number };
    expect(report.failed).toBe(0);
    const create = report.cases.find((c) => c.invocationPoint === 'CREATE_PRE_PROVISION' && c.expected === 'SUCCESS');
    expect(JSON.parse(create?.message.replace(/^ok /, '') ?? '')).toEqual({ minBuckets: '0', minQueues: '0', encryptionAlgorithm: 'AES256' });
    const remove = report.cases.find((c) => c.invocationPoint === 'DELETE_PRE_PROVISION' && c.expected === 'SUCCESS');
    expect(JSON.parse(remove?.message.replace(/^ok /, '') ?? '')).toMatchObject({ minBuckets: '0', minQueues: '0' });
  });

  it.each([
    ['a configuration document', { CloudFormationConfiguration: { HookConfiguration: { FailureMode: 'FAIL', Properties: { encryptionAlgorithm: 'aws:kms', minBuckets: '3' } } } }],
    ['bare properties', { encryptionAlgorithm: 'aws:kms', minBuckets: '3' }],
  ])('--typeconfig reads %s; pre_delete still gets minimums 0', async (_what, typeconfig) => {
    const dir = project({ ...GOOD_INPUTS, 'typeconfig.json': typeconfig });
    const { out } = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'), '--format', 'json', '--typeconfig', 'typeconfig.json');
    const report = JSON.parse(out) as { typeConfiguration: object; deleteTypeConfiguration: object };
    expect(report.typeConfiguration).toEqual({ encryptionAlgorithm: 'aws:kms', minBuckets: '3' });
    expect(report.deleteTypeConfiguration).toEqual({ encryptionAlgorithm: 'aws:kms', minBuckets: '0', minQueues: '0' });
  });

  type Broken = [behaviour: string, expectedFailure: string];
  it.each<Broken>([
    ['success-with-code', 'SUCCESS events should have no error code set'],
    ['failed-without-message', 'status should be SUCCESS, got FAILED NonCompliant'],
    ['no-echo', 'the answer does not echo the request clientRequestToken'],
    ['throws', 'the handler threw (a Lambda error, not an answer): handler exploded'],
    ['in-progress-forever', 'the handler returned IN_PROGRESS 4 times; the service allows 3'],
  ])('a handler that misbehaves (%s) fails its cases, exit 1', async (behaviour, failure) => {
    const dir = project({ ...GOOD_INPUTS, 'inputs/inputs_1_pre_create.json': both({ Behaviour: behaviour }) });
    const { code, out } = await run(dir, '--handler', join(FIXTURES, 'misbehaving-handler.js'));
    expect(code).toBe(1);
    expect(out).toContain(failure);
    expect(out.trimEnd().split('\n').pop()).toMatch(/^\d+ passed, [1-9]\d* failed$/);
  });

  it('fails a FAILED answer without a message or with an unknown error code', async () => {
    const dir = project({
      ...GOOD_INPUTS,
      'inputs/inputs_1_invalid.json': { 'AWS::S3::Bucket': { resourceProperties: { Behaviour: 'failed-without-message' } }, 'AWS::SQS::Queue': { resourceProperties: { Behaviour: 'failed-bad-code' } } },
    });
    const { out } = await run(dir, '--handler', join(FIXTURES, 'misbehaving-handler.js'));
    expect(out).toContain('FAILED events should have a message');
    expect(out).toContain('errorCode "Oops" is not a valid HandlerErrorCode');
  });

  it('re-invokes on IN_PROGRESS with the callbackContext the handler returned', async () => {
    const dir = project({ ...GOOD_INPUTS, 'inputs/inputs_1_pre_create.json': both({ Behaviour: 'resumes' }), 'inputs/inputs_1_invalid.json': both({ Behaviour: 'failed-bad-code' }) });
    const { out } = await run(dir, '--handler', join(FIXTURES, 'misbehaving-handler.js'), '--format', 'json');
    const report = JSON.parse(out) as { cases: Array<{ invocationPoint: string; expected: string; passed: boolean; invocations: number; message: string }> };
    const resumed = report.cases.filter((c) => c.invocationPoint === 'CREATE_PRE_PROVISION' && c.expected === 'SUCCESS');
    expect(resumed.map((c) => [c.passed, c.invocations, c.message])).toEqual([
      [true, 3, 'done after 2'],
      [true, 3, 'done after 2'],
    ]);
  });

  it('gives up on a handler that never answers, with the time limit in the message', async () => {
    const dir = project({ ...GOOD_INPUTS, 'inputs/inputs_1_pre_create.json': both({ Behaviour: 'never-answers' }) });
    const { code, out } = await run(dir, '--handler', join(FIXTURES, 'misbehaving-handler.js'), '--timeout', '0.05');
    expect(code).toBe(1);
    expect(out).toContain('the handler did not answer within 0.05 s');
  });

  type Usage = [why: string, files: Record<string, unknown>, argv: string[], message: RegExp];
  it.each<Usage>([
    ['an unknown option', GOOD_INPUTS, ['--bogus'], /Unknown option '--bogus'\n/],
    ['a typo in an option', GOOD_INPUTS, ['--verbos'], /^contract: Unknown option '--verbos': did you mean --verbose\?\n/],
    ['a bad format', GOOD_INPUTS, ['--format', 'xml'], /--format must be text or json/],
    ['a bad function name', GOOD_INPUTS, ['--function', 'Main'], /--function must be TypeFunction or TestEntrypoint/],
    ['no inputs directory', {}, ['--inputs', 'nowhere'], /nowhere: no such directory/],
    ['an empty inputs directory', {}, [], /no contract inputs/],
    ['a malformed input file', { ...GOOD_INPUTS, 'inputs/inputs_1_pre_update.json': '{\n  "AWS::S3::Bucket": {"PolicyName": "x"}\n}' }, [], /inputs_1_pre_update\.json:2:\d+ CT_NO_RESOURCE_PROPERTIES/],
    ['an input file with a syntax error', { ...GOOD_INPUTS, 'inputs/inputs_1_invalid.json': '{"AWS::S3::Bucket": ' }, [], /inputs_1_invalid\.json:1:\d+ CT_SYNTAX invalid JSON/],
    ['a missing handler bundle', GOOD_INPUTS, ['--handler', 'dist/none.js'], /no compiled handler; run `npm run build` first/],
    ['a module without the entrypoint', GOOD_INPUTS, ['--handler', join(FIXTURES, 'misbehaving-handler.js'), '--function', 'TestEntrypoint'], /does not export a function testEntrypoint/],
    ['a typeconfig that is not JSON', { ...GOOD_INPUTS, 'tc.json': '{' }, ['--typeconfig', 'tc.json'], /^tc\.json:1:\d+ HC001 invalid JSON/m],
  ])('%s → exit 2 with a clear message', async (_why, files, argv, message) => {
    const dir = project(files);
    const { code, err, out } = await run(dir, ...(argv.includes('--handler') ? [] : ['--handler', join(FIXTURES, 'rule-handler.js')]), ...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
    expect(out).toBe('');
  });

  // A usage error is one line naming the problem and one pointing to --help, as simulate and validate print it; the
  // whole usage text (20 lines) pushed the line that said what was wrong off the screen.
  it.each<[why: string, argv: string[], env: Record<string, string>, expected: string]>([
    ['an unknown option', ['--bogus'], {}, "contract: Unknown option '--bogus'\nRun `node dist/contract.js --help` for its options.\n"],
    ['an option without its value', ['--timeout'], {}, "contract: Option '--timeout <value>' argument missing\nRun `node dist/contract.js --help` for its options.\n"],
    ['a bad --function', ['--function', 'Main'], {}, 'contract: --function must be TypeFunction or TestEntrypoint, got "Main"\nRun `node dist/contract.js --help` for its options.\n'],
    ['a bad --format', ['--format', 'xml'], {}, 'contract: --format must be text or json, got "xml"\nRun `node dist/contract.js --help` for its options.\n'],
    ['a repeated option', ['--timeout', '5', '--timeout', '10'], {}, 'contract: --timeout is given more than once ("5", "10"): give it once\nRun `node dist/contract.js --help` for its options.\n'],
    ['under npm run test:contract, --help goes after --', ['--bogus'], { npm_lifecycle_event: 'test:contract' }, "contract: Unknown option '--bogus'\nRun `npm run test:contract -- --help` for its options.\n"],
  ])('a usage error (%s): two lines, not the usage text, exit 2', async (_why, argv, env, expected) => {
    const io = memoryIo(project(GOOD_INPUTS), env);
    const code = await main([...(argv.includes('--schema') ? [] : ['--schema', SCHEMA]), ...argv], io);
    expect({ code, err: io.err.join(''), out: io.out.join('') }).toEqual({ code: 2, err: expected, out: '' });
  });

  // An export named in .rpdk-config that the module lacks is located at .rpdk-config's line, with a did-you-mean.
  it.each([
    ['entrypoint', 'dist/handlers.entryPoint', [], 'entryPoint; did you mean entrypoint?'],
    ['testEntrypoint', 'dist/handlers.testEntryPiont', ['--function', 'TestEntrypoint'], 'testEntryPiont; did you mean testEntrypoint?'],
    ['entrypoint', 'dist/handlers.main', [], 'main (its functions: entrypoint, testEntrypoint)'],
  ])('.rpdk-config "%s": %s that the module lacks → exit 2, located at .rpdk-config', async (key, reference, argv, lacks) => {
    const settings = { artifact_type: 'HOOK', typeName: 'MyCompany::Testing::MyTestHook', entrypoint: 'dist/handlers.entrypoint', testEntrypoint: 'dist/handlers.testEntrypoint', [key]: reference };
    const dir = project({ ...GOOD_INPUTS, '.rpdk-config': JSON.stringify(settings, null, 4) });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'handlers.js'), readFileSync(join(FIXTURES, 'rule-handler.js')));
    const line = key === 'entrypoint' ? 4 : 5;
    const message = `.rpdk-config "${key}" names ${reference}, but dist/handlers.js does not export a function ${lacks}`;
    const text = await run(dir, ...argv);
    expect(text).toMatchObject({ code: 2, out: '' });
    expect(text.err).toBe(`contract: .rpdk-config names an export dist/handlers.js lacks; no case was run\n.rpdk-config:${line}:${key.length + 9} CT_HANDLER_EXPORT ${message} (at /${key})\n`);
    const json = await run(dir, ...argv, '--format', 'json');
    expect(JSON.parse(json.out)).toEqual({ errors: [expect.objectContaining({ code: 'CT_HANDLER_EXPORT', file: '.rpdk-config', line, column: key.length + 9 })] });
  });

  // SetTypeConfiguration refuses what the validator refuses: such a file could never be in force, so testing with it
  // (a misspelt key silently tested the default) is refused as `simulate --config`, `validate --config` and `configure` refuse it.
  type RefusedConfiguration = [why: string, text: string, diagnostic: RegExp];
  it.each<RefusedConfiguration>([
    [
      'a document with a misspelt property',
      '{"CloudFormationConfiguration": {"HookConfiguration": {"FailureMode": "FAIL",\n  "Properties": {"encryptionAlgorithim": "aws:kms"}}}}',
      /^tc\.json:2:\d+ HC110 Properties: unknown property 'encryptionAlgorithim' \(did you mean 'encryptionAlgorithm'\?\)/m,
    ],
    ['bare properties with a misspelt key', '{\n  "encryptionAlgorithim": "aws:kms"\n}', /^tc\.json:2:\d+ HC110 Properties: unknown property 'encryptionAlgorithim' \(did you mean 'encryptionAlgorithm'\?\).*\(at \/encryptionAlgorithim\)$/m],
    ['bare properties with a number where a string is declared', '{"minBuckets": 3}', /^tc\.json:1:\d+ HC111 Properties\.minBuckets: is an integer \(3\)/m],
    ['bare properties with a value outside the enum', '{"encryptionAlgorithm": "DES"}', /^tc\.json:1:\d+ HC110 Properties\.encryptionAlgorithm: /m],
    ['an array (neither form)', '[]', /^tc\.json:1:1 HC101 the document is an array/m],
    ['a document with a bad FailureMode', '{"CloudFormationConfiguration": {"HookConfiguration": {"FailureMode": "BLOCK", "Properties": {}}}}', /^tc\.json:1:\d+ HC103 /m],
    ['a YAML document', 'CloudFormationConfiguration:\n  HookConfiguration:\n    Properties: {}\n', /^tc\.json:1:1 HC001 invalid JSON: .*it reads as YAML/m],
  ])('--typeconfig: %s is refused with a located HC code, exit 2, no case run', async (_why, text, diagnostic) => {
    const dir = project({ ...GOOD_INPUTS, 'tc.json': text });
    const { code, out, err } = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'), '--typeconfig', 'tc.json');
    expect(code).toBe(2);
    expect(err).toMatch(diagnostic);
    expect(err).toMatch(/^contract: tc\.json is not a valid (hook|type) configuration; no case was run$/m);
    expect(out).toBe('');
  });

  // cfn test loads the project as cfn submit does and stops on a schema the registry refuses; a misspelt handler key
  // silently removed that handler's cases.
  type RefusedSchema = [why: string, edit: (schema: ReturnType<typeof projectSchema>) => unknown, diagnostic: RegExp];
  it.each<RefusedSchema>([
    [
      'a misspelt handler',
      (schema) => ({ ...schema, handlers: { preCreat: schema.handlers.preCreate, preUpdate: schema.handlers.preUpdate, preDelete: schema.handlers.preDelete } }),
      /^schema\.json:\d+:\d+ HS106 handlers: unknown handler 'preCreat' \(did you mean 'preCreate'\?\)/m,
    ],
    ['no typeName', ({ typeName: _dropped, ...rest }) => rest, /^schema\.json:1:1 HS\d+ .*typeName/m],
    ['a JSON array', () => [], /^schema\.json:1:1 HS003 the document is an array/m],
  ])('--schema: %s is refused with a located HS code, exit 2, no case run', async (_why, edit, diagnostic) => {
    const dir = project({ ...GOOD_INPUTS, 'schema.json': edit(projectSchema()) });
    const { code, out, err } = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'), '--schema', 'schema.json');
    expect(code).toBe(2);
    expect(err).toMatch(diagnostic);
    expect(err).toMatch(/^contract: schema\.json is not a valid hook schema \(\d+ error\(s\)\); no case was run$/m);
    expect(out).toBe('');
  });

  it('names the inputs no handler of the schema reads (CT_NO_HANDLER), in text and in JSON', async () => {
    const handlers = projectSchema().handlers;
    delete handlers.preUpdate;
    const dir = project({ ...GOOD_INPUTS, 'inputs/inputs_1_invalid_pre_update.json': both(NON_COMPLIANT), 'schema.json': { ...projectSchema(), handlers } });
    const text = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'), '--schema', 'schema.json');
    expect(text.code).toBe(0);
    expect(text.err.trimEnd().split('\n')).toEqual([
      'inputs/inputs_1_invalid_pre_update.json warning CT_NO_HANDLER the schema has no preUpdate handler, so no case reads this input (cfn test skips it too)',
      'inputs/inputs_1_pre_update.json warning CT_NO_HANDLER the schema has no preUpdate handler, so no case reads this input (cfn test skips it too)',
    ]);
    const json = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'), '--schema', 'schema.json', '--format', 'json');
    const report = JSON.parse(json.out) as { warnings: Array<{ code: string; file: string }> };
    expect(report.warnings.map((w) => [w.code, w.file])).toEqual([
      ['CT_NO_HANDLER', 'inputs/inputs_1_invalid_pre_update.json'],
      ['CT_NO_HANDLER', 'inputs/inputs_1_pre_update.json'],
    ]);
  });

  // What the handler reads is observed in its worker, whatever it logs: hookModel arrives as a recording Proxy.
  type ConfigReads = [why: string, reads: string, unread: Array<[name: string, near?: string]>];
  it.each<ConfigReads>([
    ['every property read by name', 'c.minBuckets; c.minQueues; c.encryptionAlgorithm;', []],
    [
      'a misspelt read, unknown keys listed with Object.keys (as this project logs them)',
      "c.minBuckets; c.minQueues; c.encryptionAlgorithim; Object.keys(c).filter((k) => !['minBuckets', 'minQueues'].includes(k));",
      [['encryptionAlgorithm', 'encryptionAlgorithim']],
    ],
    ["read with 'in' only", "'minBuckets' in c; 'minQueues' in c;", [['encryptionAlgorithm']]],
    ['the configuration never read', '', [['minBuckets'], ['minQueues'], ['encryptionAlgorithm']]],
    // Whole-object reads count: the check may miss, never accuse.
    ['a spread copy read afterwards', 'const copy = { ...c }; copy.minBuckets;', []],
    // A Proxy cannot be cloned: the handler is called again with the plain event, and that case is not observed.
    ['the event cloned (structuredClone refuses a Proxy; the handler must not see that)', 'const e = structuredClone(event); e.hookModel.minBuckets;', []],
    ['the event copied with v8.serialize', "const v8 = require('node:v8'); const e = v8.deserialize(v8.serialize(event)); e.hookModel.minBuckets;", []],
    ['the configuration posted to a MessagePort', "const { port1 } = new (require('node:worker_threads').MessageChannel)(); port1.postMessage(c); port1.close(); c.minBuckets;", []],
  ])('CT_CONFIG_UNREAD: %s', async (_why, reads, unread) => {
    const handler = `'use strict';
exports.entrypoint = async (event) => {
  const c = event.hookModel || {};
  ${reads}
  const failed = JSON.stringify(event.requestData.targetModel.resourceProperties).includes('"Value":"false"');
  return failed
    ? { clientRequestToken: event.clientRequestToken, hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no' }
    : { clientRequestToken: event.clientRequestToken, hookStatus: 'SUCCESS', message: 'ok' };
};
`;
    const dir = project({ ...GOOD_INPUTS, 'handler.js': handler, 'schema.json': readFileSync(SCHEMA, 'utf8') });
    const text = await run(dir, '--handler', 'handler.js', '--schema', 'schema.json');
    expect(text.out.trimEnd().split('\n').pop()).toBe('12 passed, 0 failed');
    const lines = readFileSync(SCHEMA, 'utf8').split('\n');
    expect(text.err.trimEnd().split('\n').filter((l) => l.includes(' CT_CONFIG_UNREAD '))).toEqual(
      unread.map(
        ([name, near]) =>
          `schema.json:${lines.findIndex((l) => l.includes(`"${name}": {`)) + 1}:${(lines.find((l) => l.includes(`"${name}": {`))?.indexOf('{') ?? 0) + 1} warning CT_CONFIG_UNREAD the handler never read type configuration property ${name} in 12 case(s)${near ? ` (it reads ${near}, which the schema does not declare: a misspelling?)` : ''}: SetTypeConfiguration accepts a value for it, which the hook then ignores (at /typeConfiguration/properties/${name})`,
      ),
    );
    const json = await run(dir, '--handler', 'handler.js', '--schema', 'schema.json', '--format', 'json');
    const report = JSON.parse(json.out) as { warnings: Array<{ code: string; path: string }> };
    expect(report.warnings.filter((w) => w.code === 'CT_CONFIG_UNREAD').map((w) => [w.code, w.path])).toEqual(unread.map(([name]) => ['CT_CONFIG_UNREAD', `/typeConfiguration/properties/${name}`]));
  });

  it('CT_UNKNOWN_TARGET and CT_UNKNOWN_PROPERTY: a misspelt target key and property, located, before the cases run', async () => {
    const created = { 'AWS::S3::Bucket': { resourceProperties: { BucketNme: 'b' } }, 'AWS::SQS::Queues': { resourceProperties: {} } };
    const dir = project({ ...GOOD_INPUTS, 'inputs/inputs_1_pre_create.json': created });
    const { code, out, err } = await run(dir, '--handler', join(FIXTURES, 'rule-handler.js'));
    expect(code).toBe(1);
    expect(err).toMatch(/^inputs\/inputs_1_pre_create\.json:4:20 warning CT_UNKNOWN_PROPERTY BucketNme is not a property of AWS::S3::Bucket \(did you mean BucketName\?\)/m);
    expect(err).toMatch(/^inputs\/inputs_1_pre_create\.json:7:\d+ warning CT_UNKNOWN_TARGET no handler that reads this file targets AWS::SQS::Queues \(did you mean AWS::SQS::Queue\?\)/m);
    expect(out).toMatch(/^FAIL inputs_1 pre_create AWS::SQS::Queue: .*inputs_1_pre_create\.json has no entry for AWS::SQS::Queue \(it has AWS::SQS::Queues: a typo\?\)$/m);
  });

  // The document simulate and validate print when they could not judge their input, never an empty stdout.
  type JsonError = [why: string, files: Record<string, unknown>, argv: string[], error: Record<string, unknown>];
  it.each<JsonError>([
    ['an unknown option', GOOD_INPUTS, ['--bogus', '--format', 'json'], { code: 'USAGE', message: "Unknown option '--bogus'", file: '', line: 0 }],
    ['a bad --timeout', GOOD_INPUTS, ['--format=json', '--timeout', '0'], { code: 'USAGE', message: '--timeout must be a positive number of seconds, got "0"', file: '' }],
    ['no inputs directory', {}, ['--format', 'json', '--inputs', 'nowhere'], { code: 'CT_INPUT', file: '' }],
    ['a malformed input file', { ...GOOD_INPUTS, 'inputs/inputs_1_pre_update.json': '{\n  "AWS::S3::Bucket": {"PolicyName": "x"}\n}' }, ['--format', 'json'], { code: 'CT_NO_RESOURCE_PROPERTIES', file: 'inputs/inputs_1_pre_update.json', line: 2 }],
    ['a misspelt type configuration key', { ...GOOD_INPUTS, 'tc.json': '{"encryptionAlgorithim": "aws:kms"}' }, ['--format', 'json', '--typeconfig', 'tc.json'], { code: 'HC110', file: 'tc.json', line: 1, path: '/encryptionAlgorithim' }],
    ['a missing type configuration', GOOD_INPUTS, ['--format', 'json', '--typeconfig', 'none.json'], { code: 'FILE_UNREADABLE', file: 'none.json', message: 'cannot read the type configuration: no such file' }],
  ])('--format json: %s → {"errors": […]} on stdout, exit 2', async (_why, files, argv, error) => {
    const { code, out } = await run(project(files), '--handler', join(FIXTURES, 'rule-handler.js'), ...argv);
    expect(code).toBe(2);
    const document = JSON.parse(out) as { errors: Array<Record<string, unknown>> };
    expect(Object.keys(document)).toEqual(['errors']);
    expect(document.errors[0]).toMatchObject({ severity: 'error', ...error });
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await run(project({}), '--help');
    expect(code).toBe(0);
    expect(out).toContain('pre_delete cases run with minBuckets "0" and minQueues "0"');
  });
});

describe('the real handler against the project inputs', () => {
  it('passes every contract case (compiled with esbuild, as dist/handlers.js is)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'contract-real-'));
    await build({ entryPoints: [join(root, 'src', 'handlers', 'index.ts')], outfile: join(out, 'handlers.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    const io = memoryIo(root);
    const code = await main(['--handler', join(out, 'handlers.js')], io);
    const text = io.out.join('');
    expect(text).not.toContain('FAIL ');
    expect(code).toBe(0);
    expect(text.trimEnd().split('\n').pop()).toMatch(/^(\d+) passed, 0 failed$/);
    expect(Number(/^(\d+) passed/m.exec(text.trimEnd().split('\n').pop() ?? '')?.[1])).toBeGreaterThanOrEqual(24);
  });
});

describe('unsupported targets (handlers with wildcard target names)', () => {
  it('expects FAILED UnsupportedTarget for a target the hook does not handle', async () => {
    const schema = projectSchema();
    const dir = project({ ...GOOD_INPUTS, 'wild.json': { ...schema, handlers: { ...schema.handlers, preCreate: { ...schema.handlers.preCreate, targetNames: ['AWS::S3::*'] } } } });
    const io = memoryIo(dir);
    // rule-handler.js answers SUCCESS for any target: the unsupported-target case must fail.
    const code = await main(['--schema', 'wild.json', '--handler', join(FIXTURES, 'rule-handler.js')], io);
    const out = io.out.join('');
    expect(code).toBe(1);
    expect(out).toContain('FAIL inputs_1 pre_create Contract::Unsupported::Target (unsupported target) → SUCCESS');
  });
});
