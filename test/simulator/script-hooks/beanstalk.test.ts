import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/script-hooks';
import {
  compareNamesBytewise,
  findPlatformPath,
  findPrivilegedCommand,
  legacyHooksLayout,
  legacySkip,
  readEbextensionsCommands,
  readEbignore,
  platformHooksLayout,
  runBeanstalkHooks,
  type BeanstalkOperation,
  type BeanstalkSimulation,
  type HookScript,
} from '../../../simulator/script-hooks/beanstalk';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'lifecycle', 'beanstalk');
/** node:fs itself (an `import *` is a frozen copy jest cannot spy on), to count the opens of a script. */
const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
const env = { PATH: process.env.PATH };

function simulate(source: string, options: Partial<BeanstalkSimulation> & { operation: BeanstalkOperation }, output?: string[]) {
  return runBeanstalkHooks({ sourceRoot: join(fixtures, source), env, write: output ? (t) => void output.push(t) : undefined, ...options });
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'lifecycle-beanstalk-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeScript(folder: string, name: string, body: string, mode: number): void {
  writeFileSync(join(folder, name), body);
  chmodSync(join(folder, name), mode);
}

/** A source bundle with one hook script, written with exactly the given bytes and mode. */
function bundleWith(name: string, folder: string, script: string, body: string, mode: number): string {
  const root = join(scratch, name);
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, script), body);
  chmodSync(join(root, folder, script), mode);
  return root;
}

describe('beanstalk: layouts', () => {
  it.each<[BeanstalkOperation, string[], string[]]>([
    ['deploy', ['.platform/hooks/prebuild', '.platform/hooks/predeploy', '.platform/hooks/postdeploy'], ['/var/app/staging', '/var/app/staging', '/var/app/current']],
    ['launch', ['.platform/hooks/prebuild', '.platform/hooks/predeploy', '.platform/hooks/postdeploy'], ['/var/app/staging', '/var/app/staging', '/var/app/current']],
    ['config', ['.platform/confighooks/prebuild', '.platform/confighooks/predeploy', '.platform/confighooks/postdeploy'], ['/var/app/staging', '/var/app/staging', '/var/app/current']],
    ['restart', [], []],
  ])('Amazon Linux 2/2023 %s', (operation, folders, cwds) => {
    const layout = platformHooksLayout(operation);
    expect(layout.folders.map((f) => f.folder)).toEqual(folders);
    expect(layout.folders.map((f) => f.platformCwd)).toEqual(cwds);
  });

  it.each<[BeanstalkOperation, string[]]>([
    ['launch', ['preinit', 'appdeploy/pre', 'appdeploy/enact', 'appdeploy/post', 'postinit']],
    ['deploy', ['appdeploy/pre', 'appdeploy/enact', 'appdeploy/post']],
    ['config', ['configdeploy/pre', 'configdeploy/enact', 'configdeploy/post']],
    ['restart', ['restartappserver/pre', 'restartappserver/enact', 'restartappserver/post']],
  ])('legacy %s', (operation, folders) => {
    expect(legacyHooksLayout(operation).folders.map((f) => f.folder)).toEqual(folders);
  });

  it.each([
    ['01_a', '10_b', -1],
    ['10_b', '9_c', -1],
    ['B', 'a', -1],
    ['a', 'a', 0],
  ])('orders %s before %s as bytes', (a, b, sign) => {
    expect(Math.sign(compareNamesBytewise(a, b))).toBe(sign);
  });
});

describe('beanstalk: Amazon Linux 2/2023 platform hooks', () => {
  it('runs prebuild, predeploy, postdeploy, each folder in lexicographic order, skipping folders', async () => {
    const report = await simulate('app', { operation: 'deploy' });
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.invocations.map((i) => [i.phase, i.hook])).toEqual([
      ['prebuild', '01_first.sh'],
      ['prebuild', '10_second.sh'],
      ['prebuild', '9_third.sh'],
      ['predeploy', '01_where.sh'],
      ['postdeploy', '01_node.js'],
    ]);
    expect(report.events.filter((e) => e.source === 'simulator' && e.severity === 'WARN').map((e) => e.message)).toEqual([
      '.platform/hooks/prebuild/not-a-script is a folder: hook folders hold scripts directly, the platform does not descend',
    ]);
  });

  it.each<[string, string, string, string]>([
    // A real bundle (williamjkc69/laravel-react) had its script straight in .platform/hooks/: it never ran.
    ['a script straight in .platform/hooks/', '.platform/hooks', 'postdeploy.sh', '.platform/hooks/postdeploy.sh is not in a step folder (.platform/hooks/prebuild/, .platform/hooks/predeploy/, .platform/hooks/postdeploy/): the platform never runs it'],
    ['a misspelled step folder', '.platform/hooks/post-deploy', 'a.sh', '.platform/hooks/post-deploy/ is not a step folder (prebuild, predeploy, postdeploy): the platform never runs the scripts in it (did you mean postdeploy/?)'],
    ['a misspelled hooks tree', '.platform/hook/postdeploy', 'a.sh', '.platform/hook/ is not a folder the platform reads hooks from (did you mean .platform/hooks/?)'],
    // A typo, not only a case or a dash: the one "did you mean" helper every tool uses.
    ['a step folder with a typo', '.platform/hooks/predeplyo', 'b.sh', '.platform/hooks/predeplyo/ is not a step folder (prebuild, predeploy, postdeploy): the platform never runs the scripts in it (did you mean predeploy/?)'],
    ['a hooks tree with a typo', '.platform/hoks/postdeploy', 'c.sh', '.platform/hoks/ is not a folder the platform reads hooks from (did you mean .platform/hooks/?)'],
    ['a config hooks tree with a typo', '.platform/confighoks/predeploy', 'd.sh', '.platform/confighoks/ is not a folder the platform reads hooks from (did you mean .platform/confighooks/?)'],
    ['an unknown step folder', '.platform/hooks/cleanup', 'e.sh', '.platform/hooks/cleanup/ is not a step folder (prebuild, predeploy, postdeploy): the platform never runs the scripts in it'],
  ])('warns of hooks where the platform never looks: %s', async (_case, folder, script, warning) => {
    const root = bundleWith(`misplaced-${script}-${folder.length}`, folder, script, '#!/bin/bash\necho never\n', 0o755);
    const report = await runBeanstalkHooks({ sourceRoot: root, env, operation: 'deploy' });
    expect(report.invocations).toEqual([]);
    expect(report.events.filter((e) => e.source === 'simulator' && e.severity === 'WARN').map((e) => e.message)).toEqual([warning]);
  });

  it('runs scripts in the source folder with no stdin, and records where the platform would run them', async () => {
    const report = await simulate('app', { operation: 'deploy' });
    const where = report.invocations.find((i) => i.hook === '01_where.sh');
    expect(where?.stdout.text).toBe('cwd=app\nstdin=0 bytes\n');
    expect(where?.stderr.text).toBe('a warning on stderr\n');
    expect(where?.cwd).toBe(join(fixtures, 'app'));
    expect(where?.platformCwd).toBe('/var/app/staging');
    expect(report.invocations.find((i) => i.hook === '01_node.js')?.platformCwd).toBe('/var/app/current');
  });

  it('runs .platform/confighooks on a configuration update', async () => {
    const report = await simulate('app', { operation: 'config' });
    expect(report.invocations.map((i) => i.path)).toEqual(['.platform/confighooks/predeploy/01_config.sh']);
    expect(report.operation.details.engineCommand).toBe('config-deploy');
  });

  it('runs no platform hooks on a restart, and says so', async () => {
    const report = await simulate('app', { operation: 'restart' });
    expect(report.invocations).toEqual([]);
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.events[0].message).toMatch(/run no platform hooks on an app server restart/);
  });

  it('stops at the first failing script; its stderr goes into eb-engine.log, the events only point there', async () => {
    const report = await simulate('failing', { operation: 'deploy' });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => [i.hook, i.outcome, i.exitCode])).toEqual([
      ['01_ok.sh', 'SUCCEEDED', 0],
      ['02_fail.sh', 'FAILED', 4],
    ]);
    const failure = 'Command .platform/hooks/predeploy/02_fail.sh failed with error exit status 4. Stderr:ERROR: relation users does not exist';
    // The real events name neither the hook nor its stderr (rennokki/laravel-aws-eb#44, BishopFox/dufflebag#4).
    expect(report.events.filter((e) => e.source === 'event').map((e) => [e.severity, e.message])).toEqual([
      ['ERROR', "Instance deployment failed. For details, see 'eb-engine.log'."],
      ['ERROR', '[Instance: i-0simulated] Command failed on instance. Return code: 1 Output: Engine execution has encountered an error..'],
      ['ERROR', 'Failed to deploy application.'],
    ]);
    expect(report.events).toContainEqual({
      severity: 'ERROR',
      source: 'eb-engine.log',
      message: `An error occurred during execution of command [app-deploy] - [RunAppDeployPreDeployHooks]. Stop running the command. Error: ${failure}`,
    });
  });

  it('with --require-exec-bit, fails a script without an execute bit with permission denied, as pre-2022 platform versions do', async () => {
    const report = await simulate('not-executable', { operation: 'deploy', requireExecuteBit: true });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => [i.hook, i.startError])).toEqual([['01_noexec.sh', 'permission denied']]);
    expect(report.operation.verdict).toBe('beanstalk deploy: .platform/hooks/prebuild/01_noexec.sh failed (permission denied); the operation stops here');
    expect(report.events.some((e) => e.source === 'simulator' && /chmod \+x \.platform\/hooks\/prebuild\/01_noexec\.sh/.test(e.message))).toBe(true);
    expect(report.diagnostics.map((d) => [d.code, d.file])).toEqual([['EB_NOT_EXECUTABLE', '.platform/hooks/prebuild/01_noexec.sh']]);
  });

  // Most source bundles in public repositories commit their hooks without the bit (mode 100644): current platform
  // versions set it and run them, so the simulator must not report a failure the platform would not have.
  it.each([
    ['a #!/bin/sh script', '#!/bin/sh\necho "ran $0"\n', 'SUCCEEDED', ['/bin/sh'], 'ran '],
    ['an interpreter line with one argument', '#!/bin/sh -eu\necho "flags $-"\n', 'SUCCEEDED', ['/bin/sh', '-eu'], 'flags '],
    ['#!/usr/bin/env with spaces after #!', '#!  /usr/bin/env sh\necho env\n', 'SUCCEEDED', ['/usr/bin/env', 'sh'], 'env'],
  ])('runs %s that has no execute bit, as current platform versions do, and warns', async (_label, body, outcome, interpreter, printed) => {
    const root = bundleWith(`nobit-${interpreter.join('-').replace(/\W/g, '')}`, '.platform/hooks/predeploy', '01_nobit.sh', body, 0o644);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    const script = join(root, '.platform/hooks/predeploy/01_nobit.sh');
    expect(report.operation.outcome).toBe(outcome);
    expect(report.invocations.map((i) => [i.outcome, i.argv])).toEqual([[outcome, [...interpreter, script]]]);
    expect(report.invocations[0].stdout.text.startsWith(printed)).toBe(true);
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([['EB_NOT_EXECUTABLE', 'warning', '.platform/hooks/predeploy/01_nobit.sh']]);
  });

  it.each([
    ['no #! line', 'echo "no interpreter line"\n', 'exec format error'],
    ['a CRLF #! line', '#!/bin/sh\r\necho hi\r\n', 'no such file or directory'],
  ])('fails a script without an execute bit and with %s as the platform would after setting the bit', async (label, body, startError) => {
    const root = bundleWith(`nobit-fail-${label.replace(/\W/g, '')}`, '.platform/hooks/prebuild', '01_nobit.sh', body, 0o644);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => i.startError)).toEqual([startError]);
  });


  it.each([
    ['a CRLF interpreter line', '#!/bin/sh\r\necho hi\r\n', 'Command .platform/hooks/prebuild/01_crlf.sh failed with error fork/exec .platform/hooks/prebuild/01_crlf.sh: no such file or directory', 1],
    ['CRLF in the body only', '#!/bin/sh\necho hi\r\nexit 2\r\n', undefined, 2],
  ])('detects and reports %s, and still runs the script as the platform would', async (_label, body, failure, line) => {
    const root = bundleWith(`crlf-${line}`, '.platform/hooks/prebuild', '01_crlf.sh', body, 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['EB_CRLF', '.platform/hooks/prebuild/01_crlf.sh', line]]);
    expect(report.events.some((e) => e.source === 'simulator' && e.message.includes('probably failed because'))).toBe(true);
    // The body-only case starts and fails in its own way (`exit 2\r` is not a number to sh).
    if (failure) expect(report.events.find((e) => e.source === 'eb-engine.log' && e.severity === 'ERROR')?.message).toContain(failure);
    else expect(report.invocations[0].exitCode).not.toBe(0);
  });

  it('--dry-run lists the scripts in order with their command lines and starts none', async () => {
    const root = bundleWith('dry-run', '.platform/hooks/predeploy', '01_touch.sh', '#!/bin/sh\ntouch "$(dirname "$0")/ran"\n', 0o755);
    writeFileSync(join(root, '.platform/hooks/predeploy/02_nobit.sh'), '#!/bin/sh -e\ntouch ran2\n');
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, dryRun: true });
    expect(existsSync(join(root, '.platform/hooks/predeploy/ran'))).toBe(false);
    expect(existsSync(join(root, 'ran2'))).toBe(false);
    expect(report.invocations.map((i) => [i.hook, i.outcome, i.argv])).toEqual([
      ['01_touch.sh', 'NOT_RUN', [join(root, '.platform/hooks/predeploy/01_touch.sh')]],
      ['02_nobit.sh', 'NOT_RUN', ['/bin/sh', '-e', join(root, '.platform/hooks/predeploy/02_nobit.sh')]],
    ]);
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.operation.verdict).toBe('beanstalk deploy: dry run: 2 hook script(s) would run, none was started: .platform/hooks/predeploy/01_touch.sh, .platform/hooks/predeploy/02_nobit.sh');
    expect(report.events.some((e) => e.source === 'event' && /completed successfully/.test(e.message))).toBe(false);
  });

  it.each<[string, string, string, string]>([
    ['no #! line', '01_plain.sh', 'echo no interpreter\n', 'exec format error'],
    // The real run fails with "no such file or directory": the interpreter's name ends in a carriage return.
    ['a #! line ending in a carriage return', '01_crlf.sh', '#!/bin/bash\r\necho hi\r\n', 'no such file or directory'],
  ])('--dry-run still fails what fails before it starts: %s', async (_case, script, body, startError) => {
    const root = bundleWith(`dry-run-${script}`, '.platform/hooks/prebuild', script, body, 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, dryRun: true });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => [i.outcome, i.startError])).toEqual([['FAILED', startError]]);
  });

  const leaderCheck = 'if [ "$EB_IS_COMMAND_LEADER" == "true" ]; then echo migrate; fi\n';
  it.each<[string, Record<string, string>, string, boolean, RegExp]>([
    ['unset', {}, `#!/bin/bash\n${leaderCheck}`, false, /it is unset here, so the branch the leader instance takes \(a migration, a one-off task\) was not run\. Run with EB_IS_COMMAND_LEADER=true/],
    ['given', { EB_IS_COMMAND_LEADER: 'true' }, `#!/bin/bash\n${leaderCheck}`, false, /it is "true" here, from your environment\. Run with EB_IS_COMMAND_LEADER=false/],
    // hydroserver2's first hook fails at `source "$PYTHONPATH/activate"`, above its leader check: no branch ran.
    ['unset, the script failing before the check', {}, `#!/bin/bash\nsource "$NOT_SET_HERE/activate" || exit 1\n${leaderCheck}`, false, /it is unset here, but the script failed in this run; its first error is at line 2, before this check, so it may not have reached the check: neither branch is known to have run\./],
    ['unset, the script failing after the check', {}, `#!/bin/bash\n${leaderCheck}exit 3\n`, false, /it is unset here, but the script failed in this run, so it may not have reached the check/],
    ['unset, a dry run', {}, `#!/bin/bash\n${leaderCheck}`, true, /it is unset here; the script did not run, so neither branch did \(run with it unset, it skips the leader's branch/],
  ])('a script that branches on EB_IS_COMMAND_LEADER says which branch runs here: %s', async (label, extra, body, dryRun, message) => {
    // 5 of 16 real bundles run their migrations only on the leader; ForumMagnum's passed on its other branch, silently.
    const root = bundleWith(`leader-${label.replace(/\W/g, '')}`, '.platform/hooks/postdeploy', '01_migrate.sh', body, 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env: { ...env, ...extra }, dryRun });
    expect(report.diagnostics.filter((d) => d.code === 'EB_LEADER_ONLY')).toEqual([expect.objectContaining({ severity: 'info', file: '.platform/hooks/postdeploy/01_migrate.sh', line: 2 + (body.startsWith('#!/bin/bash\nsource') ? 1 : 0), message: expect.stringMatching(message) })]);
  });

  // sticknet's and sujipthapa's hooks call sudo, which a CI runner may lack: the instance has it, and runs hooks as root.
  it.each<[string, string, RegExp | undefined]>([
    ['a missing command (bash)', '#!/bin/bash\nno-such-tool-h32 --flag\n', /^\.platform\/hooks\/predeploy\/01_x\.sh: `no-such-tool-h32` was not found here; the command may exist only on an Elastic Beanstalk instance, where hooks run as root/],
    ['a missing command (sh)', '#!/bin/sh\nno-such-tool-h32\n', /`no-such-tool-h32` was not found here/],
    ['exit 127 with no shell message', '#!/bin/sh\nexit 127\n', /: a command it runs was not found here \(exit status 127\); the command may exist only on an Elastic Beanstalk instance/],
    ['another failure', '#!/bin/sh\necho "sudo: command not found" >&2; exit 1\n', undefined],
  ])('a hook that exits 127 is said to have met a command the instance may have: %s', async (label, body, hint) => {
    const root = bundleWith(`exit127-${label.replace(/\W/g, '')}`, '.platform/hooks/predeploy', '01_x.sh', body, 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    expect(report.operation.outcome).toBe('FAILED');
    const notes = report.events.filter((e) => e.source === 'simulator' && e.severity === 'WARN' && /was not found here/.test(e.message)).map((e) => e.message);
    expect(notes).toEqual(hint ? [expect.stringMatching(hint)] : []);
  });

  it.each<[string, string, string]>([
    ['below the first line', '# deploy helper\n#!/bin/bash\necho hi\n', 'has its `#!` line below the first line'],
    ['after a byte-order mark', '\uFEFF#!/bin/bash\necho hi\n', 'has a byte-order mark before its `#!`'],
  ])('a #! line %s is named as such (only a first line starting with #! names the interpreter)', async (_case, body, what) => {
    const root = bundleWith(`shebang-${what.length}`, '.platform/hooks/prebuild', '01_late.sh', body, 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    expect(report.events.filter((e) => e.source === 'simulator' && e.severity === 'WARN').map((e) => e.message)).toContainEqual(`.platform/hooks/prebuild/01_late.sh ${what}: the platform executes hooks directly, without a shell, so its first line must name the interpreter (e.g. \`#!/bin/bash\`)`);
  });

  it.each<[string, string, string[]]>([
    ['a node script via env', '#!/usr/bin/env node\r\n'.replace('\r\n', '\n') + 'console.log("ok");\r\n', []],
    ['a script run by env -S with a shell', '#!/usr/bin/env -S sh -e\necho ok\r\n', ['EB_CRLF']],
    ['a bash script', '#!/bin/bash\necho ok\r\n', ['EB_CRLF']],
    ['a node script whose #! line has the CR', '#!/usr/bin/env node\r\nconsole.log("ok");\r\n', ['EB_CRLF']],
  ])('CRLF in the body of %s: warned only when a shell reads it (or in the #! line)', async (label, body, codes) => {
    const root = bundleWith(`crlf-body-${label.replace(/\W/g, '')}`, '.platform/hooks/prebuild', '01_x', body, 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, dryRun: true });
    expect(report.diagnostics.map((d) => d.code)).toEqual(codes);
  });

  it('reads each script\'s head once for all its checks (line endings, #! line, platform paths, how it starts)', async () => {
    const root = bundleWith('one-read', '.platform/hooks/predeploy', '01_a.sh', '#!/bin/bash\r\necho /var/app/current\r\n', 0o755);
    writeFileSync(join(root, '.platform/hooks/predeploy/02_b.sh'), '#!/bin/sh\necho b\n');
    const opens = jest.spyOn(fs, 'openSync');
    try {
      const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, dryRun: true });
      expect(report.diagnostics.map((d) => d.code).sort()).toEqual(['EB_CRLF', 'EB_NOT_EXECUTABLE', 'EB_PLATFORM_PATH']);
      const opened = opens.mock.calls.map(([path]) => String(path)).filter((path) => path.startsWith(root));
      expect(opened.sort()).toEqual([join(root, '.platform/hooks/predeploy/01_a.sh'), join(root, '.platform/hooks/predeploy/02_b.sh')]);
    } finally {
      opens.mockRestore();
    }
  });

  it('reads a script again after an earlier hook ran (it may have rewritten it), as the kernel reads it at exec', async () => {
    const root = bundleWith('rewritten', '.platform/hooks/prebuild', '01_fix.sh', '#!/bin/sh\nprintf \'#!/bin/sh\\necho fixed\\n\' > "$(dirname "$0")/../predeploy/01_later.sh"\n', 0o755);
    mkdirSync(join(root, '.platform/hooks/predeploy'));
    writeFileSync(join(root, '.platform/hooks/predeploy/01_later.sh'), 'echo no interpreter line yet\n', { mode: 0o755 });
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    expect(report.invocations.map((i) => [i.hook, i.outcome, i.stdout.text])).toEqual([
      ['01_fix.sh', 'SUCCEEDED', ''],
      ['01_later.sh', 'SUCCEEDED', 'fixed\n'],
    ]);
  });

  it.each([
    ['', 'slow', '#!/bin/sh\necho waiting\nsleep 30\n'],
    // Exit status 0 after the deadline is still a timeout: the platform stopped waiting before the script ended.
    [' (even one that traps SIGTERM and exits 0)', 'slow-trap', "#!/bin/sh\ntrap 'exit 0' TERM\necho waiting\nsleep 30\n"],
  ])('kills the running script when the command timeout expires and stops the operation%s', async (_label, bundle, script) => {
    const root = bundleWith(bundle, '.platform/hooks/predeploy', '01_slow.sh', script, 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, timeoutSeconds: 0.5 });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => [i.outcome, i.stdout.text])).toEqual([['TIMED_OUT', 'waiting\n']]);
    expect(report.operation.verdict).toBe('beanstalk deploy: .platform/hooks/predeploy/01_slow.sh was still running when the 0.5 s command timeout expired');
  });

  it('handles a script that prints 5 MB', async () => {
    const root = bundleWith('loud', '.platform/hooks/prebuild', '01_loud.sh', "#!/bin/sh\nhead -c 5242880 /dev/zero | tr '\\0' 'x'\necho\necho end\n", 0o755);
    let streamed = 0;
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, write: (t) => (streamed += t.length) });
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.invocations[0].stdout.totalBytes).toBe(5242880 + 5);
    expect(report.invocations[0].stdout.text.length).toBeLessThan(70 * 1024);
    expect(streamed).toBeGreaterThan(5242880);
  });

  it('shows the run as EB events and logs in text mode', async () => {
    const output: string[] = [];
    await simulate('failing', { operation: 'deploy' }, output);
    const lines = output.join('').split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'eb-engine.log   | [INFO] Following platform hooks will be executed in order: [01_ok.sh 02_fail.sh 03_never.sh]',
        'eb-engine.log   | [INFO] Running platform hook: .platform/hooks/predeploy/02_fail.sh',
        'eb-hooks.log    | migrating the database',
        'event           | ERROR Failed to deploy application.',
      ]),
    );
    expect(output.join('')).not.toContain('must not run');
  });
});

// 14 of 16 real source bundles tried name /var/app/staging, /var/app/current, a /var/app/venv or the platform's
// get-config tool: locally those lines fail for want of the instance, and the user must be able to tell.
describe('beanstalk: paths only the instance has', () => {
  it.each<[string, string, { path: string; line: number; column: number } | undefined]>([
    ['cd into the staging folder', '#!/bin/bash\ncd /var/app/staging\nnpm ci\n', { path: '/var/app/staging', line: 2, column: 4 }],
    ['a virtualenv glob', '#!/bin/bash\nsource /var/app/venv/*/bin/activate\n', { path: '/var/app/venv/*/bin/activate', line: 2, column: 8 }],
    ['the get-config tool', '#!/bin/bash\nX=$(/opt/elasticbeanstalk/bin/get-config environment -k X)\n', { path: '/opt/elasticbeanstalk/bin/get-config', line: 2, column: 5 }],
    ['the first of several', '#!/bin/sh\ncp a /var/app/current/b\ncd /var/app/staging\n', { path: '/var/app/current/b', line: 2, column: 6 }],
    ['none', '#!/bin/sh\necho "$PWD"\n', undefined],
    ['a binary', '\u007fELF\u0000\u0000/var/app/staging', undefined],
  ])('%s', (_label, text, expected) => {
    expect(findPlatformPath(text)).toEqual(expected);
  });

  it('is an info diagnostic at the spot, for each script that has one', async () => {
    const root = bundleWith('instance-paths', '.platform/hooks/postdeploy', '01_migrate.sh', '#!/bin/sh\ncd /var/app/current || true\necho migrated\n', 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, dryRun: true });
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([['EB_PLATFORM_PATH', 'info', '.platform/hooks/postdeploy/01_migrate.sh', 2, 4]]);
    expect(report.diagnostics[0].message).toMatch(/^names "\/var\/app\/current", which exists only on an Elastic Beanstalk instance/);
  });
});

// 9 of 18 real bundles run sudo, a package manager, systemctl or su: as root on the instance, on this machine here.
describe('beanstalk: commands that act as root', () => {
  it.each<[string, string, { path: string; line: number; column: number } | undefined]>([
    ['sudo at the start of a line', '#!/bin/bash\nsudo yum install -y jq\n', { path: 'sudo', line: 2, column: 1 }],
    ['a package manager after &&', '#!/bin/sh\ncd /tmp && dnf install -y jq\n', { path: 'dnf', line: 2, column: 12 }],
    ['after then', '#!/bin/sh\nif true; then systemctl restart nginx; fi\n', { path: 'systemctl', line: 2, column: 15 }],
    ['inside $( )', '#!/bin/sh\nX=$(sudo cat /etc/shadow)\n', { path: 'sudo', line: 2, column: 5 }],
    ['indented in a block', '#!/bin/sh\nfor f in a b; do\n  chown webapp "$f"\ndone\n', { path: 'chown', line: 3, column: 3 }],
    ['only in a comment', '#!/bin/sh\n# sudo is not needed here\necho ok\n', undefined],
    ['a word inside an argument', '#!/bin/sh\necho "run sudo later"\ngrep service file\n', undefined],
    ['a longer command name', '#!/bin/sh\nsudoedit x\nservices\n', undefined],
    ['a binary', '\u007fELF\u0000\u0000\nsudo x', undefined],
  ])('%s', (_label, text, expected) => {
    expect(findPrivilegedCommand(text)).toEqual(expected);
  });

  it('is a warning at the spot, before a dry run as before a real one', async () => {
    const root = bundleWith('privileged', '.platform/hooks/prebuild', '01_packages.sh', '#!/bin/sh\necho start\nsudo yum install -y jq\n', 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, dryRun: true });
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([['EB_PRIVILEGED_COMMAND', 'warning', '.platform/hooks/prebuild/01_packages.sh', 3, 1]]);
    expect(report.diagnostics[0].message).toMatch(/^runs "sudo", which on the instance acts as root .*a run without --dry-run starts the script on this machine, as you/);
  });
});

// `eb deploy` zips the folder minus `.ebignore` when there is one, else `git archive HEAD` (ebcli commonops.py
// `_zip_up_project`, fileoperations.py `get_ebignore_list`, sourcecontrol.py `do_zip`). 6 of 18 real bundles ship one.
describe('beanstalk: what `eb deploy` puts in the source bundle', () => {
  const hook = '.platform/hooks/predeploy/01_migrate.sh';
  it.each<[string, string, string, { line: number; pattern: string } | undefined]>([
    ['a glob', '*.sh\n', hook, { line: 1, pattern: '*.sh' }],
    ['the last matching line wins (winit25)', '*.sh\n!.platform/**/*.sh\n', hook, undefined],
    ['a later line excludes again', '!.platform/**/*.sh\n*.sh\n', hook, { line: 2, pattern: '*.sh' }],
    ['a folder excludes what it holds', '# comment\n\n.platform/hooks/\n', hook, { line: 3, pattern: '.platform/hooks/' }],
    ['a name matches at any depth', 'predeploy\n', hook, { line: 1, pattern: 'predeploy' }],
    ['an anchored name matches at the top only', '/predeploy\n', hook, undefined],
    // pathspec (the EB CLI) re-includes under an excluded folder, where git would not.
    ['a file re-included under an excluded folder', '.platform/\n!.platform/hooks/predeploy/01_migrate.sh\n', hook, undefined],
    ['a folder re-included under an excluded folder', '.platform/\n!.platform/hooks/\n', hook, undefined],
    ['CRLF lines', '*.sh\r\n', hook, { line: 1, pattern: '*.sh' }],
    ['another extension', '*.py\n*.md\n', hook, undefined],
  ])('.ebignore: %s', (label, ebignore, path, expected) => {
    const root = join(scratch, `ebignore-${label.replace(/\W/g, '')}`);
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, '.ebignore'), ebignore);
    expect(readEbignore(root)?.excludedBy(path)).toEqual(expected);
  });

  it('without an .ebignore, nothing is read', () => {
    expect(readEbignore(bundleWith('no-ebignore', '.platform/hooks/predeploy', '01.sh', '#!/bin/sh\n', 0o755))).toBeUndefined();
  });

  it('runs no hook .ebignore leaves out, and says so at the hook; a folder left empty is absent', async () => {
    const root = bundleWith('ebignored', '.platform/hooks/predeploy', '01_migrate.sh', '#!/bin/sh\necho migrated\n', 0o755);
    mkdirSync(join(root, '.platform/hooks/postdeploy'));
    writeScript(join(root, '.platform/hooks/postdeploy'), '01_notify.py', '#!/bin/sh\necho notified\n', 0o755);
    writeFileSync(join(root, '.ebignore'), '.git\n*.sh\n');
    const output: string[] = [];
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env, write: (t) => void output.push(t) });
    expect(report.invocations.map((i) => i.path)).toEqual(['.platform/hooks/postdeploy/01_notify.py']);
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([['EB_NOT_IN_BUNDLE', 'warning', hook]]);
    expect(report.diagnostics[0].message).toMatch(/^\.ebignore line 2 \("\*\.sh"\) leaves it out of the source bundle `eb deploy` builds/);
    expect(output.join('')).toContain('The dir .platform/hooks/predeploy/ does not exist');
  });

  describe('in a git work tree without an .ebignore (`git archive HEAD`)', () => {
    const git = (root: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: root, stdio: 'ignore' });
    const folder = '.platform/hooks/predeploy';
    let root: string;
    beforeAll(() => {
      root = join(scratch, 'git-bundle');
      mkdirSync(join(root, folder), { recursive: true });
      git(root, 'init', '-q');
      git(root, 'config', 'core.fileMode', 'true');
      writeScript(join(root, folder), '01_mode.sh', '#!/bin/sh\necho a\n', 0o644);
      writeScript(join(root, folder), '02_edited.sh', '#!/bin/sh\necho b\n', 0o755);
      writeScript(join(root, folder), '03_clean.sh', '#!/bin/sh\necho c\n', 0o755);
      writeScript(join(root, folder), '05_lost_bit.sh', '#!/bin/sh\necho e\n', 0o755);
      git(root, 'add', '.');
      git(root, 'commit', '-q', '-m', 'hooks');
      chmodSync(join(root, folder, '01_mode.sh'), 0o755);
      writeFileSync(join(root, folder, '02_edited.sh'), '#!/bin/sh\necho edited\n');
      writeScript(join(root, folder), '04_new.sh', '#!/bin/sh\necho d\n', 0o755);
      chmodSync(join(root, folder, '05_lost_bit.sh'), 0o644);
    });

    it('warns at each hook that the bundle would not hold as it is on disk, and still runs what is on disk', async () => {
      const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
      expect(report.invocations.map((i) => i.hook)).toEqual(['01_mode.sh', '02_edited.sh', '03_clean.sh', '04_new.sh', '05_lost_bit.sh']);
      const differs = report.diagnostics.filter((d) => d.code === 'EB_BUNDLE_DIFFERS').map((d) => [(d.file ?? '').replace(`${folder}/`, ''), d.severity, d.message.split(':')[0]]);
      expect(differs).toEqual([
        ['01_mode.sh', 'warning', 'is committed without an execute bit (100644) but has one here'],
        ['02_edited.sh', 'warning', 'differs from the last commit'],
        ['04_new.sh', 'warning', 'is not in the last commit'],
        ['05_lost_bit.sh', 'info', 'is committed with an execute bit (100755) but has none here'],
      ]);
    });

    it('with an .ebignore, the CLI zips the folder instead: no git warning', async () => {
      const copy = join(scratch, 'git-bundle-ebignore');
      cpSync(root, copy, { recursive: true });
      writeFileSync(join(copy, '.ebignore'), '.git\n');
      const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: copy, env, dryRun: true });
      expect(report.diagnostics.filter((d) => d.code === 'EB_BUNDLE_DIFFERS')).toEqual([]);
    });

    // Functions of the scratch folder, which exists only once the tests run.
    it.each<[string, () => Record<string, string | undefined>]>([
      ['git is absent', () => ({ PATH: join(scratch, 'no-such-bin') })],
      ['git fails (GIT_DIR names no repository)', () => ({ ...env, GIT_DIR: join(scratch, 'no-such-git-dir') })],
    ])('is skipped without an error when %s', async (_case, gitEnv) => {
      const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env: gitEnv(), dryRun: true });
      expect(report.operation.outcome).toBe('SUCCEEDED');
      expect(report.diagnostics.filter((d) => d.code === 'EB_BUNDLE_DIFFERS')).toEqual([]);
    });
  });
});

describe('beanstalk: .ebextensions commands (listed where they run, never run)', () => {
  /** A bundle whose .ebextensions folder holds exactly these files. */
  function withConfigs(name: string, files: Record<string, string>): string {
    const root = join(scratch, name);
    mkdirSync(join(root, '.ebextensions'), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, '.ebextensions', file), text);
    return root;
  }

  it.each<[string, Record<string, string>, string[], string[], string[]]>([
    ['files in alphabetical order, names sorted within each file', { 'b.config': 'commands:\n  02_b: {command: x}\n  01_b: {command: x}\n', 'a.config': 'commands:\n  09_a:\n    command: x\n' }, ['a.config:09_a', 'b.config:01_b', 'b.config:02_b'], [], []],
    ['container_commands apart, leader_only kept', { '01.config': 'container_commands:\n  migrate:\n    command: x\n    leader_only: true\n  chmod:\n    command: x\n' }, [], ['01.config:chmod', '01.config:migrate!'], []],
    ['a JSON file', { 'env.config': '{"commands": {"01_json": {"command": "x"}}}' }, ['env.config:01_json'], [], []],
    ['files not ending in .config are not read', { 'notes.txt': 'commands:\n  01: {command: x}\n', 'x.config.bak': 'commands:\n  02: {command: x}\n' }, [], [], []],
    ['a file that is not YAML: a located warning, none of its commands', { 'bad.config': 'commands:\n  01_x: {command: [unclosed\n', 'ok.config': 'commands:\n  01_ok: {command: x}\n' }, ['ok.config:01_ok'], [], ['EB_EBEXTENSIONS_SYNTAX .ebextensions/bad.config']],
    // How Amazon Linux AMI bundles added hooks; Amazon Linux 2/2023 never run them.
    ['a files: entry writing a legacy hook: a located warning', { 'hooks.config': 'files:\n  "/opt/elasticbeanstalk/hooks/appdeploy/post/99_restart.sh":\n    mode: "000755"\n    content: "#!/bin/bash"\n  "/etc/motd":\n    content: hi\n' }, [], [], ['EB_LEGACY_HOOK_FILE .ebextensions/hooks.config']],
  ])('%s', (label, files, commands, containerCommands, diagnostics) => {
    const found = readEbextensionsCommands(withConfigs(`ebx-${label.replace(/\W/g, '')}`, files));
    const names = (list: typeof found.commands) => list.map((c) => `${c.file.replace('.ebextensions/', '')}:${c.name}${c.leaderOnly ? '!' : ''}`);
    expect(names(found.commands)).toEqual(commands);
    expect(names(found.containerCommands)).toEqual(containerCommands);
    expect(found.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(diagnostics);
  });

  it('has nothing to list without an .ebextensions folder', () => {
    expect(readEbextensionsCommands(join(fixtures, 'app'))).toEqual({ commands: [], containerCommands: [], diagnostics: [] });
  });

  it('notes commands before the prebuild hooks and container_commands before the predeploy hooks, and runs neither', async () => {
    const root = withConfigs('ebx-order', { '01.config': 'commands:\n  01_touch:\n    command: touch ran\ncontainer_commands:\n  01_touch:\n    command: touch ran2\n' });
    mkdirSync(join(root, '.platform/hooks/prebuild'), { recursive: true });
    writeFileSync(join(root, '.platform/hooks/prebuild/01.sh'), '#!/bin/sh\necho prebuild\n', { mode: 0o755 });
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    const messages = report.events.map((e) => e.message);
    const commandsAt = messages.findIndex((m) => m.startsWith('the platform runs .ebextensions commands here'));
    const containerAt = messages.findIndex((m) => m.startsWith('the platform runs .ebextensions container_commands here'));
    expect(commandsAt).toBeGreaterThan(-1);
    expect(commandsAt).toBeLessThan(messages.indexOf('Executing instruction: RunAppDeployPreBuildHooks'));
    expect(containerAt).toBeGreaterThan(messages.indexOf('Running platform hook: .platform/hooks/prebuild/01.sh'));
    expect(containerAt).toBeLessThan(messages.indexOf('Executing instruction: RunAppDeployPreDeployHooks'));
    expect(existsSync(join(root, 'ran')) || existsSync(join(root, 'ran2'))).toBe(false);
    const config = await runBeanstalkHooks({ operation: 'config', sourceRoot: root, env });
    expect(config.events.some((e) => e.message.includes('.ebextensions'))).toBe(false);
  });
});

describe('beanstalk: legacy hooks (--legacy)', () => {
  const legacyRoot = join(fixtures, 'legacy', 'hooks');
  it.each<[BeanstalkOperation, string[]]>([
    ['launch', ['preinit/01_hook.sh', 'appdeploy/pre/01_hook.sh', 'appdeploy/pre/02_second.sh', 'appdeploy/enact/01_hook.sh', 'appdeploy/post/01_hook.sh', 'postinit/01_hook.sh']],
    ['deploy', ['appdeploy/pre/01_hook.sh', 'appdeploy/pre/02_second.sh', 'appdeploy/enact/01_hook.sh', 'appdeploy/post/01_hook.sh']],
    ['config', ['configdeploy/pre/01_hook.sh', 'configdeploy/enact/01_hook.sh', 'configdeploy/post/01_hook.sh']],
    ['restart', ['restartappserver/pre/01_hook.sh', 'restartappserver/enact/01_hook.sh', 'restartappserver/post/01_hook.sh']],
  ])('%s runs its folders in order', async (operation, paths) => {
    const report = await simulate('legacy/app', { operation, legacyRoot });
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.invocations.map((i) => i.path)).toEqual(paths);
  });

  // The engine lists Dir.glob("<folder>/*") and keeps only what Executable.executable? accepts: not a folder,
  // File.executable?, and a name not matching /^([\.].*|.+\.bak|.+\.tmp)$/. It skips the rest without a word.
  const FAILS = '#!/bin/sh\necho "should not run" >&2\nexit 7\n';
  it.each<[string, (folder: string) => void, 'runs' | ['INFO' | 'WARN', string]]>([
    ['a script without an execute bit', (f) => writeScript(f, '01_nobit.sh', FAILS, 0o644), ['WARN', 'appdeploy/pre/01_nobit.sh is not run: it has no execute bit']],
    ['an executable dot file', (f) => writeScript(f, '.05_hidden.sh', FAILS, 0o755), ['INFO', 'appdeploy/pre/.05_hidden.sh is not run: its name starts with a dot']],
    ['an executable .bak file', (f) => writeScript(f, '03_old.sh.bak', FAILS, 0o755), ['INFO', 'appdeploy/pre/03_old.sh.bak is not run: its name ends in .bak']],
    ['an executable .tmp file', (f) => writeScript(f, '04_x.tmp', FAILS, 0o755), ['INFO', 'appdeploy/pre/04_x.tmp is not run: its name ends in .tmp']],
    ['a dangling symlink', (f) => symlinkSync(join(f, 'missing.sh'), join(f, '06_dangling.sh')), ['WARN', 'appdeploy/pre/06_dangling.sh is not run: it is a symlink whose target does not exist']],
    ['a folder', (f) => mkdirSync(join(f, '07_dir')), ['WARN', 'appdeploy/pre/07_dir is not run: it is a folder']],
    ['an executable script', (f) => writeScript(f, '08_ok.sh', '#!/bin/sh\necho ok\n', 0o755), 'runs'],
    ['.BAK in capitals (the pattern is case-sensitive)', (f) => writeScript(f, '09_keep.BAK', '#!/bin/sh\necho ok\n', 0o755), 'runs'],
    ['a name with .bak inside it', (f) => writeScript(f, '10_a.bak.sh', '#!/bin/sh\necho ok\n', 0o755), 'runs'],
    ['a symlink to an executable script', (f) => (writeScript(f, 'target', '#!/bin/sh\necho ok\n', 0o755), symlinkSync('target', join(f, '11_link.sh'))), 'runs'],
  ])('%s: runs only what the legacy engine lists', async (label, make, expected) => {
    const root = join(scratch, `legacy-list-${label.replace(/\W/g, '')}`);
    const folder = join(root, 'appdeploy', 'pre');
    mkdirSync(folder, { recursive: true });
    make(folder);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, legacyRoot: root, env });
    expect(report.operation.outcome).toBe('SUCCEEDED');
    const notes = report.events.filter((e) => e.source === 'simulator' && / is not run: /.test(e.message));
    if (expected === 'runs') {
      expect(report.invocations.map((i) => i.outcome).every((o) => o === 'SUCCEEDED')).toBe(true);
      expect(report.invocations.length).toBeGreaterThan(0);
      expect(notes).toEqual([]);
    } else {
      expect(report.invocations).toEqual([]);
      expect(notes.map((n) => [n.severity, n.message.slice(0, expected[1].length)])).toEqual([expected]);
    }
  });

  // Ruby's ^ and $ match at every line end, so a name with a newline is judged line by line.
  it.each<[string, boolean]>([
    ['01_run.sh', false],
    ['.hidden', true],
    ['.bak', true],
    ['x.bak', true],
    ['x.tmp', true],
    ['x.bak.sh', false],
    ['x.Tmp', false],
    ['01\n.hidden', true],
    ['01.bak\nx.sh', true],
  ])('legacySkip(%j) skips by name: %s', (name, skipped) => {
    const script: HookScript = { name, absolutePath: `/x/${name}`, kind: 'file', executable: true };
    expect(legacySkip(script)?.byName ?? false).toBe(skipped);
  });

  // executor.rb starts a hook with IO.popen(path): Ruby retries with /bin/sh when the kernel answers ENOEXEC, and
  // splits a command string without shell metacharacters at spaces, starting its first word.
  it.each<[string, string, string, 'SUCCEEDED' | 'FAILED', (path: string) => string[], string | undefined, RegExp | undefined]>([
    ['no #! line', '01_plain', 'echo "ran by $0"\n', 'SUCCEEDED', (p) => ['/bin/sh', p], undefined, /has no `#!` line: the legacy engine \(Ruby's IO.popen\) runs it with \/bin\/sh/],
    ['an empty file', '01_empty', '', 'SUCCEEDED', (p) => ['/bin/sh', p], undefined, /has no `#!` line/],
    ['a #! line naming nothing', '01_bare', '#!\necho bare\n', 'SUCCEEDED', (p) => ['/bin/sh', p], undefined, /runs it with \/bin\/sh/],
    ['a #!/bin/sh line', '01_sh.sh', '#!/bin/sh\necho sh\n', 'SUCCEEDED', (p) => [p], undefined, undefined],
    ['a failing script with no #! line', '01_fails', 'echo failing\nexit 3\n', 'FAILED', (p) => ['/bin/sh', p], undefined, /runs it with \/bin\/sh/],
    ['a space in its name', '20 with space.sh', '#!/bin/sh\necho spaced\n', 'FAILED', (p) => [join(p, '..', '20'), 'with', 'space.sh'], 'no such file or directory', /splits it at the space and starts \/opt\/elasticbeanstalk\/hooks\/appdeploy\/pre\/20,/],
  ])('a legacy hook with %s starts as Ruby starts it', async (label, name, body, outcome, argv, startError, note) => {
    const root = bundleWith(`legacy-start-${label.replace(/\W/g, '')}`, 'appdeploy/pre', name, body, 0o755);
    const script = join(root, 'appdeploy/pre', name);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, legacyRoot: root, env });
    expect(report.operation.outcome).toBe(outcome);
    expect(report.invocations.map((i) => [i.outcome, i.argv, i.startError])).toEqual([[outcome, argv(script), startError]]);
    const notes = report.events.filter((e) => e.source === 'simulator' && /legacy engine/.test(e.message)).map((e) => e.message);
    if (note) expect(notes).toEqual([expect.stringMatching(note)]);
    else expect(notes).toEqual([]);
  });

  it.each<[string, string, 'NOT_RUN' | 'FAILED']>([
    ['20 with space.sh', 'no such file or directory', 'FAILED'],
    ['01_plain', '', 'NOT_RUN'],
  ])('a legacy dry run of %j reports what stops it before it starts, and nothing else', async (name, startError, outcome) => {
    const root = bundleWith(`legacy-dry-${name.replace(/\W/g, '')}`, 'appdeploy/pre', name, 'echo never\n', 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, legacyRoot: root, env, dryRun: true });
    expect(report.invocations.map((i) => [i.outcome, i.startError ?? ''])).toEqual([[outcome, startError]]);
  });

  it('a hook with no #! line still fails with exec format error on Amazon Linux 2/2023 (Go does not retry with /bin/sh)', async () => {
    const root = bundleWith('al2-plain', '.platform/hooks/prebuild', '01_plain', 'echo "no interpreter line"\n', 0o755);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, env });
    expect(report.invocations.map((i) => [i.outcome, i.startError])).toEqual([['FAILED', 'exec format error']]);
  });

  it('says a legacy script without an execute bit is skipped, not failed, in its diagnostic', async () => {
    const root = bundleWith('legacy-nobit', 'appdeploy/pre', '01_nobit.sh', '#!/bin/sh\necho hi\n', 0o644);
    const report = await runBeanstalkHooks({ operation: 'deploy', sourceRoot: root, legacyRoot: root, env });
    expect(report.operation.outcome).toBe('SUCCEEDED');
    expect(report.diagnostics.map((d) => [d.code, d.file])).toEqual([['EB_NOT_EXECUTABLE', 'appdeploy/pre/01_nobit.sh']]);
    expect(report.diagnostics[0].message).toMatch(/^no execute bit: the legacy engine lists only executable files and skips this one without a word/);
  });

  // executor.rb reads the hook through IO.popen(..., :err => [:child, :out]): one stream, stdout and stderr as they
  // were written; NonZeroExitStatus carries it (chomped) and ExternalInvocationError wraps it (hook_directory_executor.rb).
  const ENACT = 'Application update/AppDeployStage1/AppDeployEnactHook';
  it.each<[string, string, string, string, string]>([
    ['stderr only', 'echo "npm install failed" >&2\nexit 1\n', '1', 'npm install failed', 'npm install failed'],
    ['stdout only', 'echo "the reason, on stdout"\nexit 2\n', '2', 'the reason, on stdout', 'the reason, on stdout'],
    ['stdout, then stderr', 'echo "stdout line"\necho "stderr line" >&2\nexit 4\n', '4', 'stdout line\nstderr line', 'stdout line\n  stderr line'],
    ['interleaved', 'echo out1\nsleep 0.1\necho err1 >&2\nsleep 0.1\necho out2\nexit 3\n', '3', 'out1\nerr1\nout2', 'out1\n  err1\n  out2'],
    ['nothing', 'exit 5\n', '5', '', ''],
  ])('reports a failing legacy script with %s in the AL1 wording, stdout and stderr as one stream', async (label, body, code, output, logged) => {
    const hooks = join(scratch, `legacy-failing-${label.replace(/\W/g, '')}`);
    cpSync(legacyRoot, hooks, { recursive: true });
    writeFileSync(join(hooks, 'appdeploy', 'enact', '01_hook.sh'), `#!/bin/sh\n${body}`);
    const report = await simulate('legacy/app', { operation: 'deploy', legacyRoot: hooks });
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => i.path)).toEqual(['appdeploy/pre/01_hook.sh', 'appdeploy/pre/02_second.sh', 'appdeploy/enact/01_hook.sh']);
    expect(report.events.find((e) => e.source === 'event')?.message).toBe(
      `[Instance: i-0simulated] Command failed on instance. Return code: ${code} Output: ${output}. Hook /opt/elasticbeanstalk/hooks/appdeploy/enact/01_hook.sh failed. For more detail, check /var/log/eb-activity.log using console or EB CLI.`,
    );
    const failedFrom = report.events.findIndex((e) => e.source === 'eb-activity.log' && e.message.includes('Activity execution failed'));
    expect(report.events.slice(failedFrom).filter((e) => e.source === 'eb-activity.log').map((e) => [e.severity, e.message])).toEqual([
      ['INFO', `[${ENACT}/01_hook.sh] : Activity execution failed, because: ${logged} (ElasticBeanstalk::ExternalInvocationError)\ncaused by: ${logged} (Executor::NonZeroExitStatus)`],
      ['INFO', `[${ENACT}/01_hook.sh] : Activity failed.`],
      ['INFO', `[${ENACT}] : Activity failed.`],
      ['INFO', '[Application update/AppDeployStage1] : Activity failed.'],
      ['INFO', '[Application update] : Activity failed.'],
    ]);
  });

  it('logs a legacy hook that cannot start as Ruby raises it (Errno::ENOENT), its parents as an internal failure', async () => {
    const hooks = join(scratch, 'legacy-crlf');
    cpSync(legacyRoot, hooks, { recursive: true });
    writeFileSync(join(hooks, 'appdeploy', 'enact', '01_hook.sh'), '#!/bin/sh\r\necho hi\r\n');
    const report = await simulate('legacy/app', { operation: 'deploy', legacyRoot: hooks });
    expect(report.invocations.map((i) => i.startError).filter(Boolean)).toEqual(['no such file or directory']);
    expect(report.events.filter((e) => e.source === 'eb-activity.log' && /Activity (has|internal)/.test(e.message)).map((e) => e.message)).toEqual([
      `[${ENACT}/01_hook.sh] : Activity has unexpected exception, because: No such file or directory - /opt/elasticbeanstalk/hooks/appdeploy/enact/01_hook.sh (Errno::ENOENT)`,
      `[${ENACT}] : Activity internal failure.`,
      '[Application update/AppDeployStage1] : Activity internal failure.',
      '[Application update] : Activity internal failure.',
    ]);
  });

  it('keeps a multi-line message under its column in text output, so a script cannot forge a line', async () => {
    const hooks = join(scratch, 'legacy-forge');
    cpSync(legacyRoot, hooks, { recursive: true });
    writeFileSync(join(hooks, 'appdeploy', 'enact', '01_hook.sh'), '#!/bin/sh\necho "line"\necho "event           | INFO  Instance deployment completed successfully." >&2\nexit 1\n');
    const output: string[] = [];
    await simulate('legacy/app', { operation: 'deploy', legacyRoot: hooks }, output);
    const lines = output.join('').split('\n');
    expect(lines.filter((l) => l.startsWith('event           | INFO'))).toEqual([]);
    expect(lines).toContain('event           | event           | INFO  Instance deployment completed successfully.. Hook /opt/elasticbeanstalk/hooks/appdeploy/enact/01_hook.sh failed. For more detail, check /var/log/eb-activity.log using console or EB CLI.');
  });
});

describe('beanstalk: the command line', () => {
  async function run(argv: string[]) {
    const io = memoryIo(fixtures, env);
    const code = await main(argv, io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  }

  it.each([
    [['beanstalk', 'deploy', '--source', 'app'], 0, /^SUCCEEDED beanstalk deploy: 5 hook script\(s\) ran/m],
    [['beanstalk', 'deploy', '--source', 'failing'], 1, /^FAILED beanstalk deploy: \.platform\/hooks\/predeploy\/02_fail\.sh failed \(exit status 4\)/m],
    [['beanstalk', 'launch', '--source', 'legacy/app', '--legacy', 'legacy/hooks'], 0, /^SUCCEEDED beanstalk launch \(legacy hooks\): 6 hook script\(s\) ran/m],
  ])('%j exits %i', async (argv, code, verdict) => {
    const result = await run(argv);
    expect(result.code).toBe(code);
    expect(result.out).toMatch(verdict);
  });

  it('prints one JSON report with --format json', async () => {
    const result = await run(['beanstalk', 'deploy', '--source', 'failing', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as { operation: { outcome: string }; invocations: Array<{ exitCode: number; platformCwd: string }> };
    expect(report.operation.outcome).toBe('FAILED');
    expect(report.invocations.map((i) => [i.exitCode, i.platformCwd])).toEqual([
      [0, '/var/app/staging'],
      [4, '/var/app/staging'],
    ]);
  });

  it.each([
    [['beanstalk'], /^Usage: simulate beanstalk <deploy\|config\|launch\|restart>/],
    [['beanstalk', '--source', 'x'], /^simulate beanstalk: expected one operation: deploy, config, launch, restart/],
    [['beanstalk', 'rebuild'], /not "rebuild"\n/],
    // A typo names the operation meant, as `simulate amplify psuh` does.
    [['beanstalk', 'deplyo', '--source', '.'], /^simulate beanstalk: expected one operation: deploy, config, launch, restart, not "deplyo" \(did you mean deploy\?\)$/m],
    [['beanstalk', 'restrat'], /not "restrat" \(did you mean restart\?\)$/m],
    [['beanstalk', 'Config'], /not "Config" \(did you mean config\?\)$/m],
    [['beanstalk', 'deplyo', 'now'], /not "deplyo now"\n/],
    [['beanstalk', 'deploy', '--timeout', 'soon'], /--timeout must be a positive number/],
    [['elastic', 'deploy'], /unknown system "elastic"/],
  ])('%j is a usage or input error (exit 2)', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it.each([
    ['--source, missing', ['beanstalk', 'deploy', '--source', 'nowhere'], `${join(fixtures, 'nowhere')} FILE_NO_SUCH_DIRECTORY cannot use it as the source bundle (--source): no such directory\n`],
    ['--source, a file', ['beanstalk', 'deploy', '--source', 'app/.platform/hooks/prebuild/01_first.sh'], `${join(fixtures, 'app/.platform/hooks/prebuild/01_first.sh')} FILE_NO_SUCH_DIRECTORY cannot use it as the source bundle (--source): it is a file, not a directory\n`],
    ['--legacy, missing', ['beanstalk', 'deploy', '--source', 'app', '--legacy', 'nowhere'], `${join(fixtures, 'nowhere')} FILE_NO_SUCH_DIRECTORY cannot use it as the legacy hooks directory (--legacy): no such directory\n`],
    ['--legacy, a file', ['beanstalk', 'deploy', '--source', 'app', '--legacy', 'legacy/hooks/preinit/01_hook.sh'], `${join(fixtures, 'legacy/hooks/preinit/01_hook.sh')} FILE_NO_SUCH_DIRECTORY cannot use it as the legacy hooks directory (--legacy): it is a file, not a directory\n`],
  ])('%s: `file CODE message` on stderr (exit 2)', async (_case, argv, expected) => {
    expect(await run(argv)).toEqual({ code: 2, out: '', err: expected });
  });

  it('prints help with exit 0', async () => {
    const result = await run(['beanstalk', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: simulate beanstalk/);
  });
});
