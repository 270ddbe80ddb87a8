import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/script-hooks';
import { runAmplifyHooks, type AmplifySimulation } from '../../../simulator/script-hooks/amplify';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'lifecycle', 'amplify');
const env = { PATH: process.env.PATH };

function simulate(project: string, line: Partial<AmplifySimulation> & { words: readonly string[] }, output?: string[]) {
  return runAmplifyHooks({ projectRoot: join(fixtures, project), env, write: output ? (t) => void output.push(t) : undefined, ...line });
}

async function run(argv: string[]) {
  const io = memoryIo(fixtures, env);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'lifecycle-amplify-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh copy of a fixture project (or an empty one) a test may change. */
function projectCopy(name: string, from?: string): string {
  const root = join(scratch, name);
  if (from) cpSync(join(fixtures, from), root, { recursive: true });
  else mkdirSync(join(root, 'amplify', 'hooks'), { recursive: true });
  return root;
}

describe('amplify: which hooks run, in which order', () => {
  it.each([
    ['push api', 'push', 'api', ['amplify/hooks/pre-push.js', 'amplify/hooks/pre-push-api.sh', 'amplify/hooks/post-push.js', 'amplify/hooks/post-push-api.sh']],
    ['push', 'push', undefined, ['amplify/hooks/pre-push.js', 'amplify/hooks/post-push.js']],
    ['push geo (sub-command dropped: push has no geo hooks)', 'push', 'geo', ['amplify/hooks/pre-push.js', 'amplify/hooks/post-push.js']],
    ['init (not a hook event)', 'init', undefined, []],
    ['status (no files for it)', 'status', undefined, []],
  ])('%s', async (_label, command, subCommand, expected) => {
    const report = await simulate('push-project', { words: subCommand ? [command, subCommand] : [command] });
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.invocations.map((i) => i.path)).toEqual(expected);
    expect(report.invocations.every((i) => i.exitCode === 0)).toBe(true);
  });

  it('ignores pre-push.js.sample: its extension is "sample"', async () => {
    const report = await simulate('push-project', { words: ['push'] });
    expect(report.invocations.map((i) => i.path)).not.toContain('amplify/hooks/pre-push.js.sample');
  });

  it('runs only pre-push and post-push for an Amplify Hosting build', async () => {
    const report = await simulate('push-project', { words: ['push', 'api'], hosting: true });
    expect(report.invocations.map((i) => i.hook)).toEqual(['pre-push', 'post-push']);
  });

  it('ignores symlinks and folders, even with a hook name, and says so', async () => {
    const root = projectCopy('symlinks');
    writeFileSync(join(root, 'real.sh'), 'echo real\n');
    symlinkSync(join(root, 'real.sh'), join(root, 'amplify', 'hooks', 'pre-push.sh'));
    mkdirSync(join(root, 'amplify', 'hooks', 'pre-push-api'));
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push', 'api'], env });
    expect(report.invocations).toEqual([]);
    expect(report.events.filter((e) => e.severity === 'WARN').map((e) => e.message)).toEqual([
      'amplify/hooks/pre-push-api is a folder: the Amplify CLI only runs files directly in amplify/hooks',
      'amplify/hooks/pre-push.sh is a symlink: the Amplify CLI ignores it',
    ]);
  });

  it('runs no hooks, successfully, when the project has no amplify/hooks folder', async () => {
    const root = join(scratch, 'no-hooks');
    mkdirSync(join(root, 'amplify', 'backend'), { recursive: true });
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push'], env });
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.operation.verdict).toBe('amplify push: no hooks run (no amplify/hooks folder)');
  });

  it.each<[string, string, boolean]>([
    ['push in a folder with no amplify/ at all (a wrong --project) is refused, as the CLI refuses it', 'push', true],
    ['pull there is not: amplify pull --appId brings a project down', 'pull', false],
  ])('%s', async (_case, command, refused) => {
    const root = join(scratch, `not-a-project-${command}`);
    mkdirSync(root);
    const run = runAmplifyHooks({ projectRoot: root, words: [command], env });
    if (refused) await expect(run).rejects.toMatchObject({ code: 'AMPLIFY_NOT_A_PROJECT', message: expect.stringMatching(/has no amplify\/ folder, so it is not an Amplify project.*give the project's root with --project$/) });
    else await expect(run).resolves.toMatchObject({ operation: { outcome: 'SUCCEEDED' } });
  });
});

describe('amplify: what a hook receives', () => {
  it('gets the stdin document with the local environment, runs in the project root, and sees no error', async () => {
    const report = await simulate('push-project', { words: ['push', 'api'] });
    expect(report.invocations[0].stdout.text).toBe('pre-push: push/api env=dev\ncwd-has-amplify=true\nerror=null\n');
    expect(report.invocations[0].cwd).toBe(join(fixtures, 'push-project'));
  });

  it('writes exactly the documented JSON to stdin', async () => {
    const root = projectCopy('stdin', 'push-project');
    writeFileSync(join(root, 'amplify', 'hooks', 'pre-push.js'), "process.stdout.write(require('node:fs').readFileSync(0, 'utf8'));\n");
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push', 'auth', '--yes'], amplifyVersion: '12.0.0', env });
    expect(JSON.parse(report.invocations[0].stdout.text)).toEqual({
      data: {
        amplify: {
          environment: { projectPath: '/home/dev/push-project', defaultEditor: 'code', envName: 'dev' },
          command: 'push',
          subCommand: 'auth',
          argv: ['node', 'amplify', 'auth', 'push', '--yes'],
          version: '12.0.0',
        },
      },
    });
  });

  // Amplify writes local-env-info.json on init and pull and its .gitignore keeps it out of the repository: every
  // clone lacks it, and hooks that read data.amplify.environment.envName fail unless --env-name stands in for it.
  it.each<[string, boolean, string | undefined, unknown]>([
    ['no file, no --env-name: no environment', false, undefined, undefined],
    ['no file, --env-name: the file amplify pull would write', false, 'test', { projectPath: '<root>', defaultEditor: 'none', envName: 'test' }],
    ['the file and --env-name: the file with that envName', true, 'prod', { projectPath: '/home/dev/push-project', defaultEditor: 'code', envName: 'prod' }],
  ])('environment with %s', async (label, keepFile, envName, expected) => {
    const root = projectCopy(`env-${label.replace(/\W/g, '')}`, 'push-project');
    if (!keepFile) rmSync(join(root, 'amplify', '.config'), { recursive: true });
    writeFileSync(join(root, 'amplify', 'hooks', 'pre-push.js'), "process.stdout.write(require('node:fs').readFileSync(0, 'utf8'));\n");
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push'], envName, env });
    const environment: unknown = JSON.parse(report.invocations[0].stdout.text).data.amplify.environment;
    expect(environment).toEqual(expected === undefined ? undefined : JSON.parse(JSON.stringify(expected).replace('<root>', root)));
    const notes = report.events.filter((e) => e.source === 'simulator' && e.message.includes('local-env-info.json'));
    expect(notes.length).toBe(keepFile ? 0 : 1);
  });

  it('runs no hooks when AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES is set, as the CLI does', async () => {
    const report = await simulate('push-project', { words: ['push'], env: { ...env, AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES: 'true' } });
    expect(report.invocations).toEqual([]);
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.operation.verdict).toBe('amplify push: no hooks run (AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES is set)');
  });

  it('gives post hooks the error when the command fails (--fail-command), and pre hooks none', async () => {
    const report = await simulate('push-project', { words: ['push'], failCommand: true });
    expect(report.invocations.map((i) => i.stdout.text)).toEqual([
      'pre-push: push/- env=dev\ncwd-has-amplify=true\nerror=null\n',
      'post-push: error=simulated failure of `amplify push` (--fail-command)',
    ]);
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.operation.details.commandFailed).toBe(true);
  });

  it('passes runtime_options from hooks-config.json before the script path', async () => {
    const report = await simulate('edge-cases', { words: ['status'] });
    expect(report.invocations[0].argv.slice(1)).toEqual(['--no-warnings', join(fixtures, 'edge-cases', 'amplify', 'hooks', 'pre-status.mjs')]);
    expect(report.invocations[0].stdout.text).toBe('options: --no-warnings\n');
  });
});

describe('amplify: --dry-run', () => {
  it('plans the hooks, their command lines and stdin, and starts none', async () => {
    const root = projectCopy('dry-run', 'push-project');
    const marker = join(root, 'ran.txt');
    writeFileSync(join(root, 'amplify', 'hooks', 'pre-push.js'), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`);
    const output: string[] = [];
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push', 'api'], dryRun: true, env, write: (t) => void output.push(t) });
    expect(existsSync(marker)).toBe(false);
    expect(report.invocations.map((i) => [i.path, i.outcome, i.argv[i.argv.length - 1]])).toEqual([
      ['amplify/hooks/pre-push.js', 'NOT_RUN', join(root, 'amplify/hooks/pre-push.js')],
      ['amplify/hooks/pre-push-api.sh', 'NOT_RUN', join(root, 'amplify/hooks/pre-push-api.sh')],
      ['amplify/hooks/post-push.js', 'NOT_RUN', join(root, 'amplify/hooks/post-push.js')],
      ['amplify/hooks/post-push-api.sh', 'NOT_RUN', join(root, 'amplify/hooks/post-push-api.sh')],
    ]);
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.operation.details.dryRun).toBe(true);
    expect(report.operation.verdict).toMatch(/^amplify push api: dry run: 4 hook script\(s\) would run, none was started: /);
    expect(output.join('')).not.toContain('execution start');
    expect(output.join('')).toContain('"subCommand":"api"');
  });

  it('still reports what stops the CLI before a hook starts (duplicates)', async () => {
    const report = await simulate('duplicates', { words: ['push'], dryRun: true });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.operation.details.stoppedBy).toBe('duplicate-hooks');
  });
});

describe('amplify: console output', () => {
  // Since v10 the CLI inherits the hook's stdout, so execa's result has no stdout and the check for a final newline
  // always finds none: one newline always follows the output, an empty line after a terminated last line.
  it('frames each hook as the CLI does: one newline always follows the hook output', async () => {
    const output: string[] = [];
    await simulate('push-project', { words: ['push'] }, output);
    const text = output.join('');
    expect(text).toContain('\n----- 🪝 pre-push execution start -----\npre-push: push/- env=dev\ncwd-has-amplify=true\nerror=null\n\n----- 🪝 pre-push execution end -----\n\n');
    expect(text).toContain('----- 🪝 post-push execution start -----\npost-push: error=none\n----- 🪝 post-push execution end -----\n');
    expect(text.indexOf('pre-push execution end')).toBeLessThan(text.indexOf('would run here'));
    expect(text.indexOf('would run here')).toBeLessThan(text.indexOf('post-push execution start'));
  });
});

describe('amplify: when the CLI stops', () => {
  it('reports a failing hook with its stderr, the exit code, and status 76; the post hooks do not run', async () => {
    const output: string[] = [];
    const report = await simulate('failing', { words: ['push'] }, output);
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.operation.verdict).toBe('amplify push: pre-push.sh exited with exit code 3; the Amplify CLI would exit with status 76 and not run the command');
    expect(report.operation.details.amplifyExitStatus).toBe(76);
    expect(report.invocations.map((i) => [i.hook, i.outcome, i.exitCode])).toEqual([['pre-push', 'FAILED', 3]]);
    expect(output.join('')).toContain(
      'checking the backend\n🛑 the api schema has 2 errors\n\n\n🛑 pre-push hook script exited with exit code 3\n\n🛑 exiting Amplify process...\n\n',
    );
    expect(output.join('')).not.toContain('would run here');
  });

  it.each<[string, string, number]>([
    ['exit 1 (what `false`, `set -e` and most failing tools give)', 'false\n', 1],
    ['exit 255', 'exit 255\n', 255],
  ])('any non-zero exit stops the command: %s', async (_label, script, exitCode) => {
    const root = projectCopy(`exit-${exitCode}`);
    writeFileSync(join(root, 'amplify', 'hooks', 'pre-push.sh'), script);
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push'], env });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.operation.verdict).toBe(`amplify push: pre-push.sh exited with exit code ${exitCode}; the Amplify CLI would exit with status 76 and not run the command`);
    expect(report.invocations.map((i) => [i.hook, i.outcome, i.exitCode])).toEqual([['pre-push', 'FAILED', exitCode]]);
  });

  it('stops on duplicate pre hook scripts before any pre hook runs; its exception handler then runs the post hooks with the error', async () => {
    const root = projectCopy('duplicates-post', 'duplicates');
    writeFileSync(join(root, 'amplify', 'hooks', 'post-push.sh'), 'cat\n');
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push'], env });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => i.hook)).toEqual(['post-push']);
    expect(JSON.parse(report.invocations[0].stdout.text)).toMatchObject({
      data: { amplify: { command: 'push' } },
      error: { message: 'found duplicate hook scripts: pre-push.js, pre-push.sh', stack: expect.stringMatching(/^Error: found duplicate hook scripts/) },
    });
    expect(report.events.map((e) => e.message)).toContain('🛑 found duplicate hook scripts: pre-push.js, pre-push.sh');
  });

  it('finds duplicate post hooks only after the command, as the CLI plans post hooks then', async () => {
    const report = await simulate('post-duplicates', { words: ['push'] });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => i.hook)).toEqual(['pre-push']);
    expect(report.operation.verdict).toBe(
      'amplify push: found duplicate hook scripts: post-push.js, post-push.sh; the Amplify CLI stops after the command, before running any post hook',
    );
  });

  it('reports a missing runtime when it reaches that hook: the command-level hook has already run', async () => {
    const report = await simulate('missing-runtime', { words: ['add', 'api'] });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => [i.hook, i.outcome])).toEqual([['pre-add', 'SUCCEEDED']]);
    expect(report.events.map((e) => e.message)).toContain('🛑 hooks runtime not found: python-that-does-not-exist-9');
  });

  it('kills a hook that outlives --timeout (the real CLI would wait forever)', async () => {
    const root = projectCopy('timeout');
    writeFileSync(join(root, 'amplify', 'hooks', 'pre-push.sh'), 'echo started\nsleep 30\n');
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push'], timeoutSeconds: 0.5, env });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => [i.outcome, i.stdout.text])).toEqual([['TIMED_OUT', 'started\n']]);
    expect(report.operation.details.stoppedBy).toBe('timeout');
  });
});

describe('amplify: scripts that misbehave', () => {
  it('is not hurt by a hook that never reads stdin', async () => {
    const report = await simulate('edge-cases', { words: ['build'] });
    expect(report.invocations[0].hook).toBe('pre-build');
    expect(report.invocations[0].outcome).toBe('SUCCEEDED');
  });

  it('streams 5 MB of output whole and keeps only a bounded part for the report', async () => {
    let streamed = 0;
    const report = await runAmplifyHooks({ projectRoot: join(fixtures, 'edge-cases'), words: ['build', 'function'], env, write: (t) => (streamed += t.length) });
    const big = report.invocations.find((i) => i.hook === 'pre-build-function');
    expect(big?.stdout.totalBytes).toBe(80 * 65536 + 'done printing\n'.length);
    expect(big?.stdout.truncated).toBe(true);
    expect(big?.stdout.text.length).toBeLessThan(70 * 1024);
    expect(big?.stdout.text.endsWith('done printing\n')).toBe(true);
    expect(streamed).toBeGreaterThan(80 * 65536);
  });

  // A project written on Windows: node and Python read CRLF as a line end, only a shell takes the carriage return
  // as part of each word.
  it.each<[string, string, Record<string, unknown> | undefined, boolean]>([
    ['a .js hook (node)', 'pre-push.js', undefined, false],
    ['a .py hook (python3 from hooks-config.json)', 'pre-push.py', { extensions: { py: { runtime: 'python3' } } }, false],
    ['a .zsh hook mapped to a shell by path', 'pre-push.zsh', { extensions: { zsh: { runtime: '/bin/sh' } } }, true],
  ])('CRLF in %s: warned only when a shell runs it', async (label, file, config, warned) => {
    const root = projectCopy(`crlf-${label.replace(/\W/g, '')}`);
    if (config) writeFileSync(join(root, 'amplify', 'hooks', 'hooks-config.json'), JSON.stringify(config));
    writeFileSync(join(root, 'amplify', 'hooks', file), file.endsWith('.js') ? 'console.log("one");\r\nconsole.log("two");\r\n' : 'print("one")\r\n');
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push'], env, dryRun: true });
    expect(report.diagnostics.map((d) => d.code)).toEqual(warned ? ['AMPLIFY_HOOK_CRLF'] : []);
  });

  it('warns about a CRLF shell hook, pointing at the first carriage return', async () => {
    const root = projectCopy('crlf');
    writeFileSync(join(root, 'amplify', 'hooks', 'pre-push.sh'), 'echo one\r\necho two\r\n');
    const report = await runAmplifyHooks({ projectRoot: root, words: ['push'], env });
    expect(report.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['AMPLIFY_HOOK_CRLF', 'amplify/hooks/pre-push.sh', 1, 9]]);
  });
});

describe('amplify: the command line', () => {
  it.each([
    [['amplify', 'push', 'api', '--project', 'push-project'], 0, /^SUCCEEDED amplify push api: 4 hook script\(s\) ran/m],
    [['amplify', 'push', '--project', 'failing'], 1, /^FAILED amplify push: pre-push\.sh exited with exit code 3/m],
    [['amplify', 'push', '--project', 'duplicates'], 1, /^FAILED amplify push: found duplicate hook scripts: pre-push\.js, pre-push\.sh/m],
    // Command lines as typed at the real CLI: the category first, an argument, options after --.
    [['amplify', 'api', 'push', '--project', 'push-project'], 0, /^SUCCEEDED amplify api push: 4 hook script\(s\) ran/m],
    [['amplify', 'env', 'checkout', 'dev', '--project', 'push-project'], 0, /^SUCCEEDED amplify env checkout dev: no hook scripts match/m],
    [['amplify', 'push', '--project', 'push-project', '--', '--yes'], 0, /^SUCCEEDED amplify push --yes: 2 hook script\(s\) ran/m],
  ])('%j exits %i', async (argv, code, verdict) => {
    const result = await run(argv);
    expect(result.code).toBe(code);
    expect(result.out).toMatch(verdict);
  });

  it('prints one JSON document with --format json and no console output', async () => {
    const result = await run(['amplify', 'push', '--project', 'push-project', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { operation: { outcome: string }; invocations: Array<{ hook: string; phase: string }> };
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.invocations.map((i) => [i.hook, i.phase])).toEqual([
      ['pre-push', 'pre'],
      ['post-push', 'post'],
    ]);
  });

  it.each([
    [['amplify'], /^Usage: simulate amplify <command line>/],
    [['amplify', 'push', '--bogus'], /Unknown option '--bogus'; if it is an option of the Amplify CLI, give it after --: `simulate amplify push -- --bogus …`$/m],
    [['amplify', 'push', '--projct', 'x'], /^simulate amplify: Unknown option '--projct': did you mean --project\?$/m],
    // The hint keeps the simulator's own options' values out of the Amplify command line.
    [['amplify', 'push', '--project', 'push-project', '-y'], /Unknown option '-y'; if it is an option of the Amplify CLI, give it after --: `simulate amplify push -- -y …`$/m],
    [['beanstalk', 'deploy', '--sourc', 'x'], /^simulate beanstalk: Unknown option '--sourc': did you mean --source\?$/m],
    [['amplify', 'push', '--format', 'xml'], /--format must be text or json/],
    [['amplify', 'push', '--timeout=-1'], /--timeout must be a positive number/],
    [['amplify', 'push', '--timeout', '-1'], /^simulate amplify: --timeout takes a value, and the word after it starts with '-', so it is read as an option; if it is the value, write --timeout=<value>$/m],
    [['amplify', 'push', '--env-name', 'Dev-1'], /--env-name must be 2 to 10 lowercase letters/],
  ])('%j is a usage or input error (exit 2)', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it.each([
    [['amplify', 'push', '--bogus'], {}, "simulate amplify: Unknown option '--bogus'; if it is an option of the Amplify CLI, give it after --: `simulate amplify push -- --bogus …`\nRun `simulate amplify --help` for its options.\n"],
    [['beanstalk', 'deploy', '--bogus'], { npm_lifecycle_event: 'simulate' }, "simulate beanstalk: Unknown option '--bogus'\nRun `npm run simulate -- beanstalk --help` for its options.\n"],
  ])('%j: a usage error says what was wrong and how to see the options, not the whole usage', async (argv, extra, expected) => {
    const io = memoryIo(process.cwd(), { ...env, ...extra });
    expect(await main(argv, io)).toBe(2);
    expect(io.err.join('')).toBe(expected);
  });

  it.each<[string[], string, string]>([
    [['amplify', 'push', '--format', 'json', '--bogus'], 'USAGE', "Unknown option '--bogus'"],
    [['beanstalk', 'deploy', '--source', 'nowhere', '--format=json'], 'FILE_NO_SUCH_DIRECTORY', 'cannot use it as the source bundle (--source): no such directory'],
  ])('%j with --format json: why, as a JSON document (exit 2)', async (argv, code, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    const [error] = (JSON.parse(result.out) as { errors: Array<{ code: string; message: string }> }).errors;
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(message);
  });

  it.each([
    ['a missing folder', ['amplify', 'push', '--project', 'does-not-exist'], `${join(fixtures, 'does-not-exist')} FILE_NO_SUCH_DIRECTORY cannot use it as the project directory (--project): no such directory\n`],
    // The user's own report: a hook file given for the project is there, and "not found" sent them looking for it.
    ['a file', ['amplify', 'push', '--project', 'push-project/amplify/hooks/post-push.js'], `${join(fixtures, 'push-project/amplify/hooks/post-push.js')} FILE_NO_SUCH_DIRECTORY cannot use it as the project directory (--project): it is a file, not a directory\n`],
    ['a path through a file', ['amplify', 'push', '--project', 'push-project/amplify/hooks/post-push.js/x'], `${join(fixtures, 'push-project/amplify/hooks/post-push.js/x')} FILE_NO_SUCH_DIRECTORY cannot use it as the project directory (--project): a part of the path is not a directory\n`],
    // An input error with no place in a file still carries its code, as docs/lifecycle-hooks.md promises.
    ['a folder that is no Amplify project', ['amplify', 'push', '--project', '.'], expect.stringMatching(/^AMPLIFY_NOT_A_PROJECT \/\S+ has no amplify\/ folder, so it is not an Amplify project: /)],
  ])('--project naming %s: `file CODE message` on stderr (exit 2)', async (_case, argv, expected) => {
    const result = await run(argv);
    expect(result).toEqual({ code: 2, out: '', err: expected });
  });

  it('--project naming a file, with --format json: the folder is the error\'s file, not only words in its message', async () => {
    const result = await run(['amplify', 'push', '--project', 'push-project/amplify/hooks/post-push.js', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      errors: [{ code: 'FILE_NO_SUCH_DIRECTORY', severity: 'error', message: 'cannot use it as the project directory (--project): it is a file, not a directory', file: join(fixtures, 'push-project/amplify/hooks/post-push.js'), path: '', line: 0, column: 0 }],
    });
  });

  it('points at the spot in a malformed hooks-config.json (exit 2)', async () => {
    const root = projectCopy('bad-config');
    writeFileSync(join(root, 'amplify', 'hooks', 'hooks-config.json'), '{\n  "extensions": {\n    "py": { "runtime": 3 }\n  }\n}\n');
    const io = memoryIo(root, env);
    expect(await main(['amplify', 'push'], io)).toBe(2);
    expect(io.err.join('')).toBe('amplify/hooks/hooks-config.json:3:24 AMPLIFY_HOOKS_CONFIG_SHAPE expected `runtime` to be a string (at /extensions/py/runtime)\n');
  });
});

describe('amplify: unreadable input', () => {
  it.each([
    ['hooks-config.json is a folder', 'amplify/hooks/hooks-config.json', 'amplify/hooks/hooks-config.json FILE_UNREADABLE cannot read it: it is a directory, not a file; expected a JSON file\n'],
    ['local-env-info.json is a folder', 'amplify/.config/local-env-info.json', 'amplify/.config/local-env-info.json FILE_UNREADABLE cannot read it: it is a directory, not a file; expected a JSON file\n'],
  ])('%s: exit 2 with a message, not a stack trace', async (label, folder, message) => {
    const root = projectCopy(`unreadable-${label.split(' ')[0]}`);
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, 'amplify', 'hooks', 'pre-push.sh'), 'echo hi\n');
    const io = memoryIo(root, env);
    expect(await main(['amplify', 'push'], io)).toBe(2);
    expect(io.err.join('')).toBe(message);
  });
});
