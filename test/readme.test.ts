/**
 * Every command in README.md's ```sh blocks runs as written, in a fresh copy of the project, and ends with the exit
 * code the README implies: the `exit N` its comment names, else 0. A command whose comment or flags promise JSON
 * must print JSON. The commands this suite cannot run are listed below by name, each with its reason; a README
 * command that is neither run nor listed fails the suite, so nothing is skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectFiles } from './support/checkout';

const repoRoot = join(__dirname, '..');

/** Commands not run here, by their exact text in README.md, and why. */
const NOT_RUN: Readonly<Record<string, string>> = {
  'npm ci': 'CI has just run it (the suite runs in what it installed); running it again would replace node_modules under the running tests',
  'npm test': 'it is the command running this suite: it would recurse',
  'npm run submit -- --region eu-west-1 --set-default': 'needs AWS credentials and registers the hook in a real account',
  'npm run configure -- --config docs/examples/fail.json --region eu-west-1': 'needs AWS credentials and changes a real account',
};

interface ReadmeCommand {
  /** The command as written (one side of a `&&` chain). */
  readonly command: string;
  /** Shell assignments written earlier in the same block (`S=test/stacks`), in force for this command. */
  readonly prelude: readonly string[];
  readonly exit: number;
  readonly json: boolean;
  readonly line: number;
}

/** The commands of every ```sh block, with the exit code and output their comments promise. */
function readmeCommands(text: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let prelude: string[] | undefined;
  text.split('\n').forEach((raw, index) => {
    if (raw.startsWith('```')) {
      prelude = raw === '```sh' ? [] : undefined;
      return;
    }
    if (prelude === undefined || raw.trim() === '') return;
    // The comment starts at the first ` # ` outside quotes (a `#` inside a JSON example is not one).
    const at = commentStart(raw);
    const code = (at === -1 ? raw : raw.slice(0, at)).trim();
    const comment = at === -1 ? '' : raw.slice(at);
    if (/^[A-Za-z_]\w*=\S+$/.test(code)) {
      prelude.push(code);
      return;
    }
    const exit = Number(/\bexit (\d+)\b/.exec(comment)?.[1] ?? 0);
    const parts = code.split(' && ');
    parts.forEach((command, i) =>
      commands.push({ command, prelude: [...prelude!], exit: i === parts.length - 1 ? exit : 0, json: /--format json/.test(command), line: index + 1 }),
    );
  });
  return commands;
}

function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ')) {
      return i;
    }
  }
  return -1;
}

const commands = readmeCommands(readFileSync(join(repoRoot, 'README.md'), 'utf8'));
const runnable = commands.filter((c) => !Object.hasOwn(NOT_RUN, c.command));

describe('README.md', () => {
  it('has commands, and every command it does not run here is listed by name with a reason (none skipped silently)', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(10);
    const notRun = commands.filter((c) => Object.hasOwn(NOT_RUN, c.command)).map((c) => c.command);
    // Every listed command is still in the README (the list cannot rot), and nothing else is left out.
    expect(notRun.sort()).toEqual(Object.keys(NOT_RUN).sort());
    // Anything that reaches AWS must be on the list, never run.
    for (const c of runnable) expect(c.command).not.toMatch(/--from-stack|--config-from-account|npm run (submit|configure)(?!.*--dry-run)/);
  });

  describe('every command runs as written, in a fresh copy of the project', () => {
    let copy: string;
    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), 'readme-'));
      // The tracked files (what a clone has), with this checkout's node_modules (what `npm ci` installed).
      for (const file of projectFiles()) {
        mkdirSync(dirname(join(copy, file)), { recursive: true });
        cpSync(join(repoRoot, file), join(copy, file));
      }
      symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
    });
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    it.each(runnable.map((c) => [`line ${c.line}: ${c.command}`, c] as const))('%s', (_name, c) => {
      // Outside `npm test`'s own npm environment, as a person's shell would be, and never with AWS credentials.
      const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|INIT_CWD$|AWS_)/.test(key)));
      const result = spawnSync('sh', ['-c', [...c.prelude, c.command].join('\n')], { cwd: copy, env, encoding: 'utf8', timeout: 180_000 });
      expect({ exit: result.status, stderr: result.status === c.exit ? '' : result.stderr }).toEqual({ exit: c.exit, stderr: '' });
      if (c.json) expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    });
  });
});
