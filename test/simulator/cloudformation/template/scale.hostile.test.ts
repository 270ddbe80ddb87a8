/*
 * Inputs built to make the reader's work grow faster than the input (issue 10): each must finish, in a child
 * process with a generous bound, and end in a real verdict (data, or a located refusal), never a hang.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load as loadYaml, YAMLException } from 'js-yaml';
import { readTemplate, readTemplateFile, TemplateError } from '../../../../simulator/cloudformation/template';
import { JS_YAML_DEPTH_REASON } from '../../../../simulator/cloudformation/template/parse-yaml';
import { runBounded } from '../../../support/bounded-child';
import { thrownDiagnostics } from '../../../support/input-error';

const READER = '../../../../simulator/cloudformation/template';

const refusal = (run: () => unknown) => thrownDiagnostics(run, TemplateError);

describe('the reader stays linear', () => {
  // Before issue 10, the YAML pre-check's regular expression backtracked over these runs: more than 30 s each.
  it.each(['&', '*', '!', '&a ', '*a ', '!a b: '])('reads a 200 KB template whose string holds a run of %j', (piece) => {
    const run = runBounded(
      `import { readTemplate } from '${READER}';
       const text = 'Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n      QueueName: "' + ${JSON.stringify(piece)}.repeat(Math.ceil(200_000 / ${piece.length})) + '"\\n';
       const source = readTemplate('t.yaml', text);
       process.stdout.write(String((source.body as any).Resources.Q.Properties.QueueName.length));`,
      __dirname,
      25_000,
    );
    expect(run).toMatchObject({ finished: true, status: 0 });
    expect(Number(run.stdout)).toBeGreaterThanOrEqual(200_000);
  });

  // Before issue 10, each diagnostic's key was found by walking the text from its start: 50,000 took 34 s.
  it('locates 50,000 unknown resource attributes, each on its own line', () => {
    const run = runBounded(
      `import { readTemplate, TemplateError } from '${READER}';
       const text = 'Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n' + Array.from({ length: 50_000 }, (_, i) => '    Bad' + i + ': x\\n').join('');
       try { readTemplate('t.yaml', text, { limits: false }); } catch (error) {
         const diagnostics = (error as TemplateError).diagnostics;
         const placed = diagnostics.every((d, i) => d.code === 'TPL_UNKNOWN_RESOURCE_ATTRIBUTE' && d.line === i + 4 && d.column === 5);
         process.stdout.write(diagnostics.length + ' ' + placed);
       }`,
      __dirname,
      60_000,
    );
    expect(run).toMatchObject({ finished: true, stdout: '50000 true' });
  });
});

describe('reading a template file through the bounded reader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scale-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the exact size of a regular file over the quota, and where the quota falls', () => {
    const file = join(dir, 'big.yaml');
    const text = `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      Blob: "${'x'.repeat(2_000_000)}"\n`;
    writeFileSync(file, text);
    const [diagnostic] = refusal(() => readTemplateFile(file));
    expect(diagnostic).toMatchObject({ code: 'TPL_TOO_LARGE', file, line: 5 });
    expect(diagnostic!.message).toMatch(/^Template may not exceed 1000000 bytes in size\. \(this template is (\d+) bytes; .*--no-limits\)$/);
    expect(diagnostic!.message).toContain(`this template is ${Buffer.byteLength(text)} bytes`);
  });

  it('reads a file at exactly the quota', () => {
    const file = join(dir, 'exact.yaml');
    const head = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      Blob: "';
    writeFileSync(file, `${head}${'x'.repeat(1_000_000 - head.length - 2)}"\n`);
    expect(readTemplateFile(file).format).toBe('yaml');
  });

  // A pipe, whose size is unknown until read to its end, is in test/kernel/source/named-fifo.hostile.test.ts (`<(yes)`).
  it('keeps a bound under --no-limits', () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, '');
    truncateSync(file, 33_554_433); // sparse
    const [bound] = refusal(() => readTemplateFile(file, { limits: false }));
    expect(bound).toMatchObject({ code: 'TPL_TOO_LARGE' });
    expect(bound!.message).toBe('the template is 33554433 bytes; even with --no-limits the simulator reads at most 33554432 bytes');
  });

  it.each([
    ['a directory', () => dir, 'it is a directory, not a file'],
    ['a missing file', () => join(dir, 'missing.yaml'), 'no such file'],
    ['a device (/dev/zero), before it is opened', () => '/dev/zero', 'it is a device, not a file'],
  ])('refuses %s with the reason a person understands', (_what, path, reason) => {
    const [diagnostic] = refusal(() => readTemplateFile(path()));
    expect(diagnostic).toMatchObject({ code: 'TPL_UNREADABLE', message: `cannot read the template: ${reason}` });
  });
});

describe('messages speak the CLI', () => {
  it('suggests --no-limits, not a library option, for a template over the quota', () => {
    const [diagnostic] = refusal(() => readTemplate('t.yaml', `Resources: {Q: {Type: X}}\nMetadata: {B: "${'x'.repeat(1_000_001)}"}\n`));
    expect(diagnostic!.message).toContain('--no-limits');
    expect(diagnostic!.message).not.toMatch(/ReadOptions|limits:/);
  });
});

describe('parse errors are located where the user can fix them', () => {
  it.each([
    ['an unclosed flow sequence', 'Resources:\n  Q:\n    Type: X\n    Properties:\n      A: [1, 2\n', 5, 10, '['],
    ['an unclosed flow map', 'Resources:\n  Q: {Type: X,\n\n\n', 2, 6, '{'],
    ['an unclosed outer sequence around a closed one', 'Resources:\n  Q:\n    Type: X\n    Properties:\n      A: [1, [2, 3]\n      B: 1\n', 5, 10, '['],
  ])('%s at the line that opens it', (_what, text, line, column, opener) => {
    const [diagnostic] = refusal(() => readTemplate('t.yaml', text));
    expect(diagnostic).toMatchObject({ code: 'TPL_YAML_SYNTAX', line, column });
    expect(diagnostic!.message).toContain(`the ${opener} opened here is never closed`);
  });

  it("recognises js-yaml's depth refusal by the one message it is pinned to", () => {
    let error: unknown;
    try {
      loadYaml(`a: ${'['.repeat(300)}${']'.repeat(300)}`, { maxDepth: 200 } as object);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(YAMLException);
    expect((error as YAMLException).reason.startsWith(JS_YAML_DEPTH_REASON)).toBe(true);
  });
});
