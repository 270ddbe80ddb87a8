/**
 * Which found templates are nested children of another found template (simulator/cli/nested-inputs.ts): decided
 * from one read of each template, with the bound and quotas the run's own template reader applies, so that a parent
 * the run reads (with --no-limits, a 3 MB one) keeps its children, and one the run refuses does not hide them.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { InputReads } from '../../../simulator/cli/input-reads';
import { expandInputs } from '../../../simulator/cli/inputs';
import { withoutNestedChildren } from '../../../simulator/cli/nested-inputs';
import { runBounded } from '../../support/bounded-child';
import { runSimulateJson, scratchFolderPerTest } from '../../support/simulate-cli';

// Every open of the process counted (and made): how many times a file is read, whichever module reads it.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, openSync: jest.fn(actual.openSync) };
});

const scratch = scratchFolderPerTest('nested-inputs-');

/** A child that needs the parameter its parent passes: simulated alone, it is refused (RES_MISSING_PARAMETER). */
const CHILD = 'Parameters:\n  QueueName:\n    Type: String\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref QueueName\n';
const NESTS_CHILD = '  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters:\n        QueueName: jobs\n';

/**
 * A parent of about `bytes` bytes, padded by a comment after its resources (or before them, `padFirst`), with
 * `extra` more resources beside its nested stack.
 */
function parent(bytes: number, { extra = 0, padFirst = false } = {}): string {
  const queues = Array.from({ length: extra }, (_, i) => `  Queue${i}:\n    Type: AWS::SQS::Queue\n`).join('');
  const body = `Resources:\n${NESTS_CHILD}${queues}`;
  const padding = `#${'x'.repeat(Math.max(0, bytes - body.length - 2))}\n`;
  return padFirst ? `${padding}${body}` : `${body}${padding}`;
}

/** The found templates of the scratch folder, and which of them a parent takes in. */
function nestedIn(limits: boolean): { kept: string[]; nested: { input: string; parent: string }[] } {
  const reads = new InputReads(scratch.dir, { templateMap: {}, limits });
  const { units, nested } = withoutNestedChildren(expandInputs(['.'], scratch.dir, reads).units, reads);
  return { kept: units.map((u) => u.input), nested };
}

const NESTED = { kept: ['parent.yaml'], nested: [{ input: 'child.yaml', parent: 'parent.yaml' }] };
const ALONE = { kept: ['child.yaml', 'parent.yaml'], nested: [] };

describe('a parent is recognised exactly when the run can read it', () => {
  it.each<[string, string, boolean, typeof NESTED]>([
    ['a small parent', parent(200), true, NESTED],
    // Between the service's 1,000,000-byte quota and 1 MiB: the run refuses the parent, so its child is judged alone.
    ['a parent of 1,020,000 bytes, quotas on', parent(1_020_000), true, ALONE],
    ['a parent of 1,020,000 bytes, --no-limits', parent(1_020_000), false, NESTED],
    ['a parent of 3 MB, quotas on', parent(3_000_000), true, ALONE],
    ['a parent of 3 MB, --no-limits', parent(3_000_000), false, NESTED],
    // The walk reads as far as the run: Resources past the first 1,000,000 bytes are seen only with --no-limits.
    ['a parent of 3 MB whose Resources come last, quotas on', parent(3_000_000, { padFirst: true }), true, { kept: ['child.yaml'], nested: [] }],
    ['a parent of 3 MB whose Resources come last, --no-limits', parent(3_000_000, { padFirst: true }), false, NESTED],
    // The resource quota is the service's too: with --no-limits, a 600-resource parent is read, and so nests.
    ['a parent of 600 resources, quotas on', parent(200, { extra: 600 }), true, ALONE],
    ['a parent of 600 resources, --no-limits', parent(200, { extra: 600 }), false, NESTED],
  ])('%s', (_what, text, limits, expected) => {
    scratch.file('parent.yaml', text);
    scratch.file('child.yaml', CHILD);
    expect(nestedIn(limits)).toEqual(expected);
  });

  it('a 3 MB parent with --no-limits judges its child with the parameter it passes (no false refusal)', async () => {
    scratch.file('parent.yaml', parent(3_000_000, { padFirst: true }));
    scratch.file('child.yaml', CHILD);
    const { code, run, err } = await runSimulateJson<{ runs: { input: string; exit: number }[]; summary: unknown }>(scratch.dir, ['.', '--jobs', '1', '--no-limits', '--failure-mode', 'WARN', '--format', 'json']);
    expect({ code, err, runs: run.runs.map((r) => [r.input, r.exit]) }).toEqual({ code: 0, err: '', runs: [['parent.yaml', 0]] });
    expect(run.summary).toMatchObject({ nestedInParents: [{ input: 'child.yaml', parent: 'parent.yaml' }] });
  });

  it('a parent above the bound is left to the run, which refuses it located, naming the bound and --no-limits', async () => {
    scratch.file('parent.yaml', parent(3_000_000));
    scratch.file('child.yaml', CHILD);
    const { code, run } = await runSimulateJson<{ runs: { input: string; exit: number; errors?: unknown[] }[] }>(scratch.dir, ['.', '--jobs', '1', '--format', 'json']);
    expect(code).toBe(2);
    const refused = run.runs.find((r) => r.input === 'parent.yaml');
    expect(refused?.errors).toEqual([
      expect.objectContaining({ code: 'TPL_TOO_LARGE', file: 'parent.yaml', line: 8, message: expect.stringMatching(/^Template may not exceed 1000000 bytes in size\. .*--no-limits/) }),
    ]);
    expect(run.runs.map((r) => r.input)).toEqual(['child.yaml', 'parent.yaml']);
  });
});

describe('each input file is read once before the run', () => {
  it.each<[string, string[]]>([
    ['found by a walk (the walk reads it; the search for children asks the same read)', ['.']],
    ['named on the command line (read by the search for children alone)', ['parent.yaml', 'child.yaml', 'other.json']],
  ])('%s', (_how, inputs) => {
    scratch.file('parent.yaml', parent(200));
    scratch.file('child.yaml', CHILD);
    scratch.file('other.json', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}');
    const opens = jest.mocked(fs.openSync);
    opens.mockClear();
    const reads = new InputReads(scratch.dir, { templateMap: {}, limits: true });
    const { units } = withoutNestedChildren(expandInputs(inputs, scratch.dir, reads).units, reads);
    expect(units.map((u) => u.input).sort()).toEqual(inputs[0] === '.' ? ['other.json', 'parent.yaml'] : ['child.yaml', 'other.json', 'parent.yaml']);
    expect(opens.mock.calls.map(([path]) => String(path)).sort()).toEqual(['child.yaml', 'other.json', 'parent.yaml'].map((name) => join(scratch.dir, name)));
  });
});

describe('what a walk meets that is not a template file', () => {
  // In a child process with a deadline: opening a FIFO nobody writes to would block for ever, Jest with it.
  it('a FIFO named like a template or a manifest, and a folder named like a template: none hangs or stops the walk', () => {
    expect(fs.existsSync('/usr/bin/mkfifo') || fs.existsSync('/bin/mkfifo')).toBe(true);
    scratch.file('parent.yaml', parent(200));
    scratch.file('child.yaml', CHILD);
    fs.mkdirSync(join(scratch.dir, 'folder.yaml'));
    scratch.file(join('folder.yaml', 'inner.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    const source = `
      import { execFileSync } from 'node:child_process';
      import { InputReads } from './simulator/cli/input-reads';
      import { expandInputs } from './simulator/cli/inputs';
      import { withoutNestedChildren } from './simulator/cli/nested-inputs';
      const dir = ${JSON.stringify(scratch.dir)};
      execFileSync('mkfifo', [dir + '/pipe.yaml']);
      // A folder whose manifest.json is a FIFO: asked whether it is a cloud assembly, it must not be opened.
      execFileSync('mkdir', [dir + '/app']);
      execFileSync('mkfifo', [dir + '/app/manifest.json']);
      const reads = new InputReads(dir, { templateMap: {}, limits: true });
      const expanded = expandInputs(['.', '*.yaml'], dir, reads);
      const { units, nested } = withoutNestedChildren(expanded.units, reads);
      process.stdout.write(JSON.stringify({ units: units.map((u) => u.input), nested, skipped: expanded.skipped }));
    `;
    const run = runBounded(source, join(__dirname, '..', '..', '..'), 20_000);
    expect({ finished: run.finished, status: run.status, stderr: run.stderr }).toEqual({ finished: true, status: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ units: ['folder.yaml/inner.yaml', 'parent.yaml'], nested: [{ input: 'child.yaml', parent: 'parent.yaml' }], skipped: [] });
  });
});
