/**
 * Hostile handlers and inputs for the contract runner: handlers that spin, exit, print at load time, answer with
 * what JSON cannot hold; inputs that are endless, deep, not files at all; deadlines beyond what setTimeout holds.
 * Every case goes through main(argv, io) and asserts the exit code and what the user reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/contract';
import { memoryIo } from '../../src/kernel/cli';

const root = join(__dirname, '..', '..');
const SCHEMA = join(root, 'mycompany-testing-mytesthook.json');

let scratch: string;
let counter = 0;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'contract-hostile-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const both = (properties: object) => ({ 'AWS::S3::Bucket': { resourceProperties: properties }, 'AWS::SQS::Queue': { resourceProperties: properties } });
/** One set with only pre_create inputs and their invalid variant, so each case runs few invocations. */
const INPUTS = {
  'inputs/inputs_1_pre_create.json': JSON.stringify(both({})),
  'inputs/inputs_1_pre_update.json': JSON.stringify(both({})),
  'inputs/inputs_1_pre_delete.json': JSON.stringify(both({})),
  'inputs/inputs_1_invalid.json': JSON.stringify(both({ Compliant: 'false' })),
};

/** A conforming answer: SUCCESS, or FAILED NonCompliant for the invalid inputs. */
const ANSWER = `(event) => {
  const bad = (event.requestData.targetModel.resourceProperties || {}).Compliant === 'false';
  return bad
    ? { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', clientRequestToken: event.clientRequestToken, callbackDelaySeconds: 0 }
    : { hookStatus: 'SUCCESS', message: 'ok', clientRequestToken: event.clientRequestToken, callbackDelaySeconds: 0 };
}`;

/** A handler module: `atLoad` runs when it is required, `body` is the entrypoint's body (`answer(event)` answers well). */
function handler(atLoad: string, body = 'return answer(event);'): string {
  return `'use strict';\nconst answer = ${ANSWER};\n${atLoad}\nmodule.exports = { entrypoint: async (event) => { ${body} } };\n`;
}

type Files = Record<string, string | ((dir: string) => void)>;
function project(files: Files): string {
  const dir = join(scratch, `c${counter++}`);
  mkdirSync(join(dir, 'inputs'), { recursive: true });
  for (const [name, body] of Object.entries(files)) {
    if (typeof body === 'function') body(join(dir, name));
    else writeFileSync(join(dir, name), body);
  }
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const io = memoryIo(dir);
  const defaults = [...(argv.includes('--schema') ? [] : ['--schema', SCHEMA]), ...(argv.includes('--handler') ? [] : ['--handler', 'handler.js'])];
  const code = await main([...defaults, ...argv], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('contract: the time limit holds and an exit is a failure, whatever the handler does', () => {
  type Case = [name: string, module: string, argv: string[], code: number, where: 'out' | 'err', message: RegExp];
  it.each<Case>([
    ['spins for ever in the entrypoint', handler('', 'while (true) {}'), ['--timeout', '0.3'], 1, 'out', /the handler did not answer within 0\.3 s; it was stopped/],
    ['spins only for invalid inputs', handler('', "if ((event.requestData.targetModel.resourceProperties || {}).Compliant === 'false') for (;;) {} return answer(event);"), ['--timeout', '0.3'], 1, 'out', /PASS inputs_1 pre_create AWS::S3::Bucket → SUCCESS[\s\S]*FAIL .*\(invalid input\): the handler did not answer within 0\.3 s/],
    ['calls process.exit(0) in the entrypoint', handler('', 'process.exit(0);'), [], 1, 'out', /the handler ended the process \(process\.exit\(0\)\) before answering; nothing was checked/],
    ['calls process.exit(7) in the entrypoint', handler('', 'process.exit(7);'), [], 1, 'out', /process\.exit\(7\)/],
    ['never settles its promise', handler('', 'return new Promise(() => undefined);'), [], 1, 'out', /its promise never settled/],
    ['throws a number', handler('', 'throw 42;'), [], 1, 'out', /the handler threw \(a Lambda error, not an answer\): 42/],
    ['answers with a cycle', handler('', 'const a = answer(event); a.self = a; return a;'), [], 1, 'out', /Handler Output is not a valid JSON document: .*circular/i],
    ['answers with a BigInt', handler('', 'return { ...answer(event), big: 1n };'), [], 1, 'out', /Handler Output is not a valid JSON document: .*BigInt/],
    ['answers with a 20,000-deep object', handler('', 'let a = answer(event); let n = {}; a.deep = n; for (let i = 0; i < 20000; i++) { n.x = {}; n = n.x; } return a;'), [], 1, 'out', /Handler Output is not a valid JSON document/],
    [
      'allocates without end (for one case)',
      handler('', "if (event.actionInvocationPoint === 'CREATE_PRE_PROVISION' && event.requestData.targetName === 'AWS::SQS::Queue' && event.requestData.targetModel.resourceProperties.Compliant === 'false') { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(hoard.length)); } return answer(event);"),
      [],
      1,
      'out',
      /^FAIL inputs_1 pre_create AWS::SQS::Queue \(invalid input\): the handler crashed its runtime: .*out of memory[\s\S]*^11 passed, 1 failed$/im,
    ],
    ['spins while loading', handler('for (;;) {}'), ['--timeout', '0.3'], 2, 'err', /did not finish loading within 10 s \(Lambda's init limit\)/],
    ['loads slowly (0.5 s) but answers at once, with --timeout 0.3', handler('const until = Date.now() + 500; while (Date.now() < until) {}'), ['--timeout', '0.3'], 0, 'out', /^12 passed, 0 failed$/m],
    ['exits while loading', handler('process.exit(0);'), [], 2, 'err', /ended the process \(process\.exit\(0\)\) while loading/],
    ['throws while loading', handler("throw new Error('no config');"), [], 2, 'err', /the handler module failed to load: no config/],
  ])('a handler that %s', async (_name, module, argv, code, where, message) => {
    const result = await run(project({ ...INPUTS, 'handler.js': module }), ...argv);
    expect(result.code).toBe(code);
    expect(result[where]).toMatch(message);
    expect(result.err).not.toMatch(/internal error|\n\s+at /);
  });

  it.each([['1e10'], ['2147484'], ['2147483.648']])('--timeout %s does not stop a handler that answers at once', async (timeout) => {
    const { code, out } = await run(project({ ...INPUTS, 'handler.js': handler('') }), '--timeout', timeout);
    expect(code).toBe(0);
    expect(out).toMatch(/^12 passed, 0 failed$/m);
  });
});

describe('contract: --format json is JSON alone on stdout', () => {
  it.each([
    ['logs while loading', handler("console.log('loading the handler'); process.stdout.write('raw write at load\\n');")],
    ['logs in the entrypoint', handler('', "console.log(JSON.stringify({ level: 'INFO', message: 'hook invoked' })); process.stdout.write('raw\\n'); console.error('to stderr'); return answer(event);")],
    ['logs and then fails', handler("console.log('loaded')", "console.log('about to fail'); throw new Error('boom');")],
  ])('a handler that %s', async (_name, module) => {
    const { out } = await run(project({ ...INPUTS, 'handler.js': module }), '--format', 'json');
    const report = JSON.parse(out) as { cases: unknown[] };
    expect(report.cases.length).toBeGreaterThan(0);
  });

  // One input file (two invocations), not INPUTS' twelve: the flood costs seconds of CPU per invocation, and twelve
  // of them outlasted jest's 30 s on a loaded machine. The bound is per invocation, so one shows it as well.
  it('keeps at most 1,000 log lines of 4 KiB per invocation, and says how many more there were', async () => {
    const flood = handler('', "for (let i = 0; i < 200000; i++) console.log('line ' + i); console.log('x'.repeat(100000)); throw new Error('after the flood');");
    const { code, out } = await run(project({ 'inputs/inputs_1_pre_create.json': INPUTS['inputs/inputs_1_pre_create.json'], 'handler.js': flood }), '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { cases: Array<{ logs: string[] }> };
    expect(report.cases[0].logs).toHaveLength(1001);
    expect(report.cases[0].logs[1000]).toBe('[… 199001 more log lines not kept]');
  });

  it('keeps the handler\'s logs of a failing case in the report', async () => {
    const { out } = await run(project({ ...INPUTS, 'handler.js': handler("console.log('loaded')", "console.log('about to fail'); throw new Error('boom');") }), '--format', 'json');
    const report = JSON.parse(out) as { cases: Array<{ logs: string[] }> };
    expect(report.cases[0].logs).toEqual(['loaded', 'about to fail']);
  });
});

describe('contract: inputs and side files that are not what they claim are located input errors', () => {
  const deep = (depth: number) => `{"AWS::S3::Bucket": {"resourceProperties": {"a": ${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
  type Case = [name: string, files: Files, argv: string[], message: RegExp];
  it.each<Case>([
    ['a 100,000-deep input', { 'inputs/inputs_1_pre_update.json': deep(100_000) }, [], /inputs\/inputs_1_pre_update\.json:1:\d+ CT_TOO_DEEP the document nests more than 512 levels deep/],
    ['an input that is a symlink to /dev/zero', { 'inputs/inputs_1_pre_update.json': (p) => symlinkSync('/dev/zero', p) }, [], /inputs\/inputs_1_pre_update\.json FILE_UNREADABLE cannot read a contract input: it is a device, not a file/],
    ['an input that is a FIFO', { 'inputs/inputs_1_pre_update.json': (p) => execFileSync('mkfifo', [p]) }, [], /inputs_1_pre_update\.json FILE_UNREADABLE .*a FIFO \(named pipe\), not a file/],
    ['an input that is a directory', { 'inputs/inputs_1_pre_update.json': (p) => mkdirSync(p) }, [], /inputs_1_pre_update\.json FILE_UNREADABLE .*a directory, not a file/],
    ['an input larger than 16 MiB', { 'inputs/inputs_1_pre_update.json': `{${' '.repeat(16 * 1024 * 1024)}}` }, [], /inputs_1_pre_update\.json FILE_TOO_LARGE .*larger than 16777216 bytes/],
    ['an input key holding a newline', { 'inputs/inputs_1_pre_update.json': JSON.stringify({ 'AWS::S3::Bucket\nFAIL forged': { resourceProperties: {} } }) }, [], /CT_NOT_A_TARGET_NAME key "AWS::S3::Bucket\\nFAIL forged" is not a target type name/],
    // A device is refused before it is opened, a named file as much as an input (h30 #5).
    ['a schema that is /dev/zero', {}, ['--schema', '/dev/zero'], /cannot read the hook schema: it is a device, not a file/],
    ['a type configuration that is /dev/zero', {}, ['--typeconfig', '/dev/zero'], /cannot read the type configuration: it is a device, not a file/],
    ['a type configuration larger than 16 MiB', { 'tc.json': `{${' '.repeat(16 * 1024 * 1024)}}` }, ['--typeconfig', 'tc.json'], /cannot read the type configuration: it is larger than 16777216 bytes/],
    ['a 100,000-deep type configuration', { 'tc.json': `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}` }, ['--typeconfig', 'tc.json'], /tc\.json:1:\d+ HC001 the document nests more than 1000 levels deep/],
    ['an .rpdk-config that is a FIFO', { '.rpdk-config': (p) => execFileSync('mkfifo', [p]) }, [], /\.rpdk-config: cannot read \.rpdk-config: it is a FIFO/],
    ['a handler that is a FIFO', { 'pipe.js': (p) => execFileSync('mkfifo', [p]) }, ['--handler', 'pipe.js'], /pipe\.js: the handler must be a regular file/],
    ['a handler that is a directory', {}, ['--handler', 'inputs'], /inputs: the handler must be a regular file/],
  ])('%s → exit 2', async (_name, files, argv, message) => {
    const { code, out, err } = await run(project({ ...INPUTS, 'handler.js': handler(''), ...files }), ...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.split('\n').every((line) => !line.startsWith('FAIL'))).toBe(true);
    expect(err).not.toMatch(/internal error|\n\s+at /);
    expect(out).toBe('');
  });
});
