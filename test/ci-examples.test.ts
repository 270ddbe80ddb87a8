/**
 * The CI examples in docs/examples/ci run as written: each is parsed as YAML, every simulate command it runs is
 * checked against package.json's scripts and simulate's usage, and then run (in-process, through main) on the sample
 * stacks, its output checked the way the CI step would consume it (SARIF against the schema, JUnit for its shape).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { memoryIo } from '../src/kernel/cli';
import { main, USAGE } from '../simulator/cli';
import { junitShapeErrors } from './support/junit-shape';
import { sarifSchemaErrors } from './support/sarif-schema';

const repoRoot = join(__dirname, '..');
const examples = join(repoRoot, 'docs', 'examples', 'ci');
/** Stands for `${{ matrix.shard }}` in a step's words (the expression holds spaces). */
const MATRIX_SHARD = '<matrix.shard>';
const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The options a command line uses (`--name` words), each of which simulate's usage must document. */
function optionsOf(words: readonly string[]): string[] {
  return words.filter((w) => w.startsWith('-') && w !== '--' && w !== '-').map((w) => w.split('=')[0] as string);
}

function expectDocumented(words: readonly string[]): void {
  for (const option of optionsOf(words)) expect(USAGE).toMatch(new RegExp(`(^|[\\s,])${option.replace(/[-]/g, '\\-')}[\\s,]`, 'm'));
}

async function simulate(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(repoRoot);
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

describe('docs/examples/ci/github-actions.yml', () => {
  const workflow = parse(readFileSync(join(examples, 'github-actions.yml'), 'utf8')) as {
    env: Record<string, string>;
    permissions: Record<string, string>;
    jobs: { simulate: { strategy: { matrix: { shard: number[] } }; steps: Step[] } };
  };
  const job = workflow.jobs.simulate;
  const shards = job.strategy.matrix.shard;
  // `npm run -s simulate -- "$TEMPLATES" --shard ${{ matrix.shard }}/3 … > file`: the words after `--`, for one shard.
  const commands = job.steps
    .filter((s) => s.run?.startsWith('npm run -s simulate -- '))
    .map((s) => {
      const [command, redirect] = (s.run as string).split(' > ');
      const words = (command as string).slice('npm run -s simulate -- '.length).replace(/\$\{\{ matrix\.shard \}\}/g, MATRIX_SHARD).trim().split(/\s+/);
      return { words, output: (redirect ?? '').trim() };
    });
  const expand = (words: readonly string[], shard: number): string[] =>
    words.map((w) => w.replace('"$TEMPLATES"', workflow.env.TEMPLATES as string).replace(MATRIX_SHARD, String(shard)));

  it('runs simulate through the npm script, with documented options, a shard per matrix entry', () => {
    expect(scripts.simulate).toBeDefined();
    expect(commands.map((c) => c.output)).toEqual(['simulate.sarif', 'simulate-junit.xml']);
    for (const c of commands) {
      expectDocumented(c.words);
      expect(c.words).toContain(`${MATRIX_SHARD}/${shards.length}`);
    }
  });

  it('uploads the SARIF file it wrote to code scanning, with a category per shard and the permission it needs', () => {
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with).toMatchObject({ sarif_file: 'simulate.sarif', category: expect.stringContaining('${{ matrix.shard }}') });
    expect(workflow.permissions['security-events']).toBe('write');
  });

  it('its shards together judge every template once, each writing valid SARIF and JUnit', async () => {
    const without = (words: readonly string[], options: readonly string[]): string[] => words.filter((w, i) => !options.includes(w) && !options.includes(words[i - 1] ?? ''));
    const whole = await simulate([...without(expand(commands[0]?.words ?? [], 1), ['--shard', '--format']), '--format', 'json']);
    const wholeRuns = (JSON.parse(whole.out) as { runs: Array<{ input: string }> }).runs.map((r) => r.input);
    const seen: string[] = [];
    for (const shard of shards) {
      const sarif = await simulate(expand(commands[0]?.words ?? [], shard));
      expect([0, 1]).toContain(sarif.code);
      expect(sarifSchemaErrors(sarif.out)).toEqual([]);
      const junit = await simulate(expand(commands[1]?.words ?? [], shard));
      expect(junit.code).toBe(sarif.code);
      expect(junitShapeErrors(junit.out)).toEqual([]);
      const json = await simulate([...without(expand(commands[0]?.words ?? [], shard), ['--format']), '--format', 'json']);
      seen.push(...(JSON.parse(json.out) as { runs: Array<{ input: string }> }).runs.map((r) => r.input));
    }
    expect(seen.sort()).toEqual([...wholeRuns].sort());
  });
});

describe('docs/examples/ci/pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(examples, 'pre-commit-hooks.yaml'), 'utf8')) as Array<{
    id: string;
    entry: string;
    args: string[];
    language: string;
    files: string;
    exclude: string;
    pass_filenames: boolean;
  }>;
  const hook = hooks[0];

  it('is one hook entry running the simulate npm script on the changed files', () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: 'mytesthook-simulate', language: 'system', pass_filenames: true, entry: 'npm run -s simulate --' });
    expect(scripts.simulate).toBeDefined();
    expectDocumented(hook?.args ?? []);
  });

  it.each([
    ['test/stacks/_shared/mixed.yml', true],
    ['templates/app.yaml', true],
    ['templates/nested/app.template', true],
    ['test/stacks/create-fail/case.json', false],
    ['test/stacks/create-fail/expected.json', false],
    ['test/stacks/delete-minimum-missed/account.json', false],
    ['src/handlers/index.ts', false],
  ])('selects %s: %s', (file, selected) => {
    expect(new RegExp(hook?.files ?? '').test(file) && !new RegExp(hook?.exclude ?? '').test(file)).toBe(selected);
  });

  it.each([
    ['two compliant templates', ['test/stacks/_shared/compliant.yml', 'test/stacks/update-changes/previous.yml'], 0],
    ['one blocked among them', ['test/stacks/_shared/compliant.yml', 'test/stacks/_shared/mixed.yml'], 1],
    // A changed nested template alone, without its parent's parameters: judged (its queue has no key), not refused.
    ['a nested child without its parent', ['test/fixtures/simulator/mixed-repo/infra/children/storage.yaml'], 1],
    // Files the pattern lets through that are no templates (a SARIF golden, notes): skipped, not refused.
    ['a template and files that are no templates', ['test/stacks/_shared/compliant.yml', 'test/stacks/create-fail/expected.sarif.json', 'test/stacks/_shared/notes.json'], 0],
    ['only files that are no templates', ['test/stacks/_shared/notes.json'], 0],
    ['a blocked template among them', ['test/stacks/_shared/notes.json', 'test/stacks/_shared/mixed.yml'], 1],
  ])('runs on %s as pre-commit would', async (_name, files, exit) => {
    const { code } = await simulate([...(hook?.args ?? []), ...files]);
    expect(code).toBe(exit);
  });
});
