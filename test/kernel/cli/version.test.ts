/**
 * `--version`, answered alike by every command the README shows: the package's name and version from package.json,
 * exit 0, before the command reads anything else on its command line (a wrong option, a missing file, a command
 * line that would otherwise be refused). Checked in-process through runCommand, and on the built bundles as a user
 * runs them, which also shows each bundle embeds the version at build time.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryIo, runCommand, type CliIo } from '../../../src/kernel/cli';
import { main as simulateMain } from '../../../simulator/cli/main';
import { main as validateMain } from '../../../src/schema/cli';
import { main as shipMain } from '../../../src/ship/cli/main';
import { main as contractMain } from '../../../src/contract/main';
import { fetchCfnGuardMain } from '../../../simulator/cloudformation/guard/fetch-command';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const VERSION_LINE = `${manifest.name} ${manifest.version}\n`;

type Main = (argv: string[], io: CliIo) => Promise<number>;
const COMMANDS: Readonly<Record<string, Main>> = {
  simulate: simulateMain,
  validate: validateMain,
  ship: shipMain,
  contract: contractMain,
  'fetch-cfn-guard': fetchCfnGuardMain,
};

/** Each command with `--version` among arguments it would otherwise refuse (exit 2) or act on. */
const ASKED: ReadonlyArray<[string, string[]]> = [
  ['simulate', ['--version']],
  ['simulate', ['template.yml', '--format', 'bogus', '--version']],
  ['simulate', ['cloudcontrol', 'create', '--version']],
  ['simulate', ['amplify', 'push', '--project', 'nowhere', '--version']],
  ['simulate', ['beanstalk', 'deplyo', '--version']],
  ['validate', ['--version']],
  ['validate', ['missing.json', '--version']],
  ['ship', ['--version']],
  ['ship', ['configure', '--version']],
  ['ship', ['submit', '--region', 'eu-west-1', '--version']],
  ['contract', ['--version']],
  ['contract', ['--typeconfig', 'missing.json', '--version']],
  ['fetch-cfn-guard', ['--version']],
  ['fetch-cfn-guard', ['--bogus', '--version']],
];

describe('--version, in-process', () => {
  it.each(ASKED)('%s %j prints the package name and version, exit 0', async (command, argv) => {
    const io = memoryIo(join(root, 'test', 'stacks'), { PATH: process.env.PATH });
    const code = await runCommand(COMMANDS[command] as Main, argv, io);
    expect({ code, out: io.out.join(''), err: io.err.join('') }).toEqual({ code: 0, out: VERSION_LINE, err: '' });
  });

  it.each<[string, string[], number, RegExp]>([
    // After `--`, the words are the simulated Amplify command's: the run goes on (here to its missing project).
    ['simulate', ['amplify', 'push', '--project', 'nowhere', '--', '--version'], 2, /FILE_NO_SUCH_DIRECTORY/],
    // A value, not the option: `--version=x` is an unknown option, not a request.
    ['validate', ['--version=1'], 2, /^validate: Option '--version' does not take an argument$/m],
  ])('%s %j is not a request for the version', async (command, argv, code, err) => {
    const io = memoryIo(join(root, 'test', 'stacks'), { PATH: process.env.PATH });
    expect(await runCommand(COMMANDS[command] as Main, argv, io)).toBe(code);
    expect(io.out.join('')).not.toContain(VERSION_LINE);
    expect(io.err.join('')).toMatch(err);
  });

  it.each<[string, string[]]>([
    ['simulate', ['--help']],
    ['simulate', ['cloudcontrol', '--help']],
    ['simulate', ['amplify', '--help']],
    ['simulate', ['beanstalk', '--help']],
    ['validate', ['--help']],
    ['ship', ['--help']],
    ['contract', ['--help']],
    ['fetch-cfn-guard', ['--help']],
  ])('%s %j lists --version', async (command, argv) => {
    const io = memoryIo(root, { PATH: process.env.PATH });
    expect(await runCommand(COMMANDS[command] as Main, argv, io)).toBe(0);
    expect(io.out.join('')).toMatch(/^ *--version\b.*print the package name and version|--version: print the package name and version/m);
  });
});

describe('--version, on the built commands', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--only', 'simulate,validate,ship,contract,fetch-cfn-guard'], { cwd: root, encoding: 'utf8' });
    expect(build.status).toBe(0);
  }, 120000);

  it.each(ASKED)('dist/%s.js %j prints the package name and version, exit 0', (command, argv) => {
    const run = spawnSync(process.execPath, [join(root, 'dist', `${command}.js`), ...argv], { cwd: join(root, 'test', 'stacks'), encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: VERSION_LINE, stderr: '' });
  });
});
