/**
 * The text renderer at sizes a person never types but a generated stack reaches: 40,000 resources make 200,000
 * events, and a spread argument (`Math.max(...widths)`) of that many overflows the call stack. And the printed
 * diagnostics are capped so a template with thousands of findings stays readable; JSON keeps them all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import { main, renderText } from '../../../simulator/cli';
import { PRINTED_DIAGNOSTICS_LIMIT, renderDiagnostics, verdictLine } from '../../../simulator/cli/render';
import { resourceEvent, type InvocationRecord, type SimulationResult, type StackEvent } from '../../../simulator/cloudformation/invoke';

function event(i: number): StackEvent {
  return resourceEvent(`Queue${i}`, 'AWS::SQS::Queue', 'CREATE_COMPLETE');
}

function invocation(i: number): InvocationRecord {
  return { logicalResourceId: `Queue${i}`, targetName: 'AWS::SQS::Queue', invocationPoint: 'PRE_PROVISION', hookStatus: 'SUCCESS', errorCode: null, message: 'ok', failureMode: 'FAIL', hookTypeName: 'MyCompany::Testing::MyTestHook', targetType: 'RESOURCE', hookInvocationId: `id-${i}`, annotations: [] };
}

describe('renderText: no call-stack limit on the number of rows', () => {
  it('renders 300,000 events and 100,000 invocations (40,000+ resources) with every row aligned', () => {
    const result: SimulationResult = {
      stack: { name: 'big', operation: 'create', finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' },
      events: Array.from({ length: 300_000 }, (_, i) => event(i)),
      invocations: Array.from({ length: 100_000 }, (_, i) => invocation(i)),
      skippedHooks: [],
      hookResults: [],
    };
    const text = renderText(result, { name: 'big', region: 'us-east-1', accountId: '123456789012' });
    const lines = text.split('\n');
    // header, blank, heading + 300,000 rows, blank, "Hook invocations:", heading + 100,000 rows, blank, verdict, ''.
    expect(lines).toHaveLength(2 + 1 + 300_000 + 2 + 1 + 100_000 + 2 + 1);
    expect(lines[3]).toBe(`Queue0${' '.repeat('Queue299999'.length - 'Queue0'.length)}  AWS::SQS::Queue  CREATE_COMPLETE`);
    expect(lines.at(-2)).toBe('Verdict: CREATE_COMPLETE: the create would complete (100000 hook invocations).');
  });
});

function diagnostic(i: number): Diagnostic {
  return { code: 'SIM_EXAMPLE', severity: 'warning', message: `finding ${i}`, file: 't.yml', path: '', line: i + 1, column: 1 };
}

describe('renderDiagnostics: at most PRINTED_DIAGNOSTICS_LIMIT lines, then a count', () => {
  it.each([
    [0, 0, null],
    [1, 1, null],
    [PRINTED_DIAGNOSTICS_LIMIT, PRINTED_DIAGNOSTICS_LIMIT, null],
    [PRINTED_DIAGNOSTICS_LIMIT + 1, PRINTED_DIAGNOSTICS_LIMIT, '… and 1 more'],
    [250_000, PRINTED_DIAGNOSTICS_LIMIT, '… and 249900 more'],
  ])('%i diagnostics print %i lines and %s', (count, printed, tail) => {
    const lines = renderDiagnostics(Array.from({ length: count }, (_, i) => diagnostic(i)))
      .split('\n')
      .filter(Boolean);
    expect(lines.filter((l) => l.startsWith('t.yml:'))).toHaveLength(printed);
    expect(lines.at(-1) ?? null).toBe(tail ?? (count > 0 ? `t.yml:${count}:1 warning SIM_EXAMPLE finding ${count - 1}` : null));
  });
});

describe('simulate: text output and stderr are capped, JSON keeps every warning', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'render-cap-'));
    const functions = Array.from({ length: 250 }, (_, i) => `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: nodejs20.x, Handler: index.handler, InlineCode: x}\n`);
    writeFileSync(join(dir, 'sam.yml'), `Transform: AWS::Serverless-2016-10-31\nResources:\n${functions.join('')}`);
    const untyped = Array.from({ length: 250 }, (_, i) => `  R${i}:\n    Properties: {}\n`);
    writeFileSync(join(dir, 'untyped.yml'), `Resources:\n${untyped.join('')}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function simulate(...argv: string[]) {
    const io = memoryIo(dir);
    const code = await main([...argv, '--no-limits'], io);
    return { code, stdout: io.out.join(''), stderr: io.err.join('') };
  }

  it('250 warnings: 100 printed on stderr then "… and 150 more"; the JSON lists all 250', async () => {
    const text = await simulate('sam.yml');
    expect(text.code).toBe(0);
    const printed = text.stderr.split('\n').filter(Boolean);
    expect(printed).toHaveLength(PRINTED_DIAGNOSTICS_LIMIT + 1);
    expect(printed.at(-1)).toBe('… and 150 more');
    const json = await simulate('sam.yml', '--format', 'json');
    expect((JSON.parse(json.stdout) as { warnings: unknown[] }).warnings).toHaveLength(250);
  });

  it('250 input errors: 100 printed, then "… and 150 more", exit 2', async () => {
    const { code, stderr } = await simulate('untyped.yml');
    expect(code).toBe(2);
    const printed = stderr.split('\n').filter(Boolean);
    expect(printed).toHaveLength(PRINTED_DIAGNOSTICS_LIMIT + 1);
    expect(printed[0]).toMatch(/^untyped\.yml:3:5 TPL_RESOURCE_TYPE /);
    expect(printed.at(-1)).toBe('… and 150 more');
  });
});

describe('the verdict line names every resource a wave blocked', () => {
  const root = join(__dirname, '..', '..', '..');
  it.each<[string, string[], RegExp]>([
    // template.yml: three of its resources are blocked in one wave.
    [
      'three blocked in one wave',
      ['template.yml'],
      /^Verdict: ROLLBACK_COMPLETE: a hook would block the create at 3 resources \(BucketKeyDisabledBucket, UnencryptedBucket, SseSqsQueue\); the first, BucketKeyDisabledBucket \(CREATE_PRE_PROVISION\): NonCompliant: /m,
    ],
    // One at a time, the service stops at the first: only it is judged, so only it is named.
    ['one at a time (--serial)', ['template.yml', '--serial'], /^Verdict: ROLLBACK_COMPLETE: a hook would block the create at BucketKeyDisabledBucket \(CREATE_PRE_PROVISION\): NonCompliant: /m],
  ])('%s', async (_name, argv, verdict) => {
    const io = memoryIo(root);
    expect(await main(argv, io)).toBe(1);
    expect(io.out.join('')).toMatch(verdict);
  });
});

// h29: a nested stack's refused update got "a hook would block the update", the root's events being the only ones read.
describe('the verdict line of a refused update names the resource, in the stack or a nested stack', () => {
  const stack = (name: string): SimulationResult['stack'] => ({ name, operation: 'update', finalStatus: 'UPDATE_ROLLBACK_COMPLETE', outcome: 'FAILED' });
  const refused = (logicalResourceId: string, reason: string): NonNullable<SimulationResult['refusedUpdates']>[number] => ({ logicalResourceId, resourceType: 'AWS::DynamoDB::Table', status: 'UPDATE_FAILED', reason });
  const result = (own: Partial<SimulationResult>, nested: Array<Partial<SimulationResult> & { logicalResourceId: string }> = []): SimulationResult => ({
    stack: stack('parent'),
    events: [],
    invocations: [],
    skippedHooks: [],
    hookResults: [],
    ...own,
    ...(nested.length > 0 ? { nestedStacks: nested.map((n) => ({ stack: stack('child'), events: [], invocations: [], skippedHooks: [], hookResults: [], ...n })) } : {}),
  });
  const blocked: InvocationRecord = { ...invocation(1), logicalResourceId: 'Q', hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no key' };
  it.each<[string, SimulationResult, string]>([
    ['in the stack', result({ refusedUpdates: [refused('T', 'Rename t.')] }), 'Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail at T: Rename t.'],
    ['in a nested stack', result({}, [{ logicalResourceId: 'Child', refusedUpdates: [refused('T', 'Rename t.')] }]), 'Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail at Child/T: Rename t.'],
    [
      'in a nested stack of a nested stack',
      result({}, [{ logicalResourceId: 'Outer', nestedStacks: [{ logicalResourceId: 'Inner', ...result({ refusedUpdates: [refused('T', 'Rename t.')] }) }] }]),
      'Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail at Outer/Inner/T: Rename t.',
    ],
    ['a hook blocked in a nested stack: the hook', result({}, [{ logicalResourceId: 'Child', invocations: [blocked] }]), 'Verdict: UPDATE_ROLLBACK_COMPLETE: a hook would block the update at Q (PRE_PROVISION): NonCompliant: no key'],
  ])('%s', (_name, given, verdict) => {
    expect(verdictLine(given)).toBe(verdict);
  });
});

describe("outside text in the text view is escaped: a hook's message cannot forge a line or repaint the terminal", () => {
  const blocked = (message: string): SimulationResult => ({
    stack: { name: 's', operation: 'create', finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' },
    events: [resourceEvent('Bucket', 'AWS::S3::Bucket', 'CREATE_FAILED', message)],
    invocations: [{ ...invocation(0), logicalResourceId: 'Bucket', targetName: 'AWS::S3::Bucket', hookStatus: 'FAILED', errorCode: 'NonCompliant', message }],
    skippedHooks: [],
    hookResults: [],
  });
  it.each<[string, string, string]>([
    ['a forged verdict after CR LF', 'denied\r\n\nVerdict: CREATE_COMPLETE: the create would complete\r', 'denied\\r\\n\\nVerdict: CREATE_COMPLETE: the create would complete\\r'],
    ['an ESC sequence', '\x1b[31mred\x1b[0m', '\\u001b[31mred\\u001b[0m'],
    ['NUL and SOH', 'a\x00b\x01c', 'a\\u0000b\\u0001c'],
    ['a bidirectional override', 'ok\u202edeifitrec', 'ok\\u202edeifitrec'],
  ])('%s', (_name, message, shown) => {
    const text = renderText(blocked(message), { name: 's', region: 'us-east-1', accountId: '123456789012' });
    // Nothing unprintable but the line breaks the renderer itself writes.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('Verdict:'))).toEqual([`Verdict: ROLLBACK_COMPLETE: a hook would block the create at Bucket (PRE_PROVISION): NonCompliant: ${shown}`]);
    expect(lines.at(-1)).toBe(lines.find((line) => line.startsWith('Verdict:')));
    // The invocation row and the event's reason, each on its one line.
    expect(lines.filter((line) => line.startsWith('Bucket ') && line.endsWith(shown))).toHaveLength(2);
  });
});
