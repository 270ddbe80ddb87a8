import { join } from 'node:path';
import { memoryIo } from '../../src/kernel/cli';
import { main } from '../../src/schema';
import * as validateSchemaModule from '../../src/schema/validate-schema';
import { inGitWorkTree } from '../support/checkout';
import { sarifSchemaErrors } from '../support/sarif-schema';

// Runs here name files from the root of the git work tree they are in (as code scanning reads them): they are in one.
const repoRoot = inGitWorkTree(join(__dirname, '..', '..'));
const fixtures = 'test/fixtures/schema';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(repoRoot);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('validate: exit codes', () => {
  it.each([
    ['the project schema is valid', ['mycompany-testing-mytesthook.json'], 0],
    ['a warning alone does not fail', [`${fixtures}/docs-sample.hook.json`], 0],
    ['errors fail the check', [`${fixtures}/many-mistakes.hook.json`], 1],
    ['an invalid configuration fails the check', ['mycompany-testing-mytesthook.json', '--config', `${fixtures}/filters.config.json`], 1],
    ['unparseable JSON is an input error', [`${fixtures}/broken.hook.json`], 2],
    ['an unparseable configuration is an input error', ['mycompany-testing-mytesthook.json', '--config', `${fixtures}/broken.hook.json`], 2],
    ['a missing file is an input error', ['no-such-schema.json'], 2],
    ['a missing configuration file is an input error', ['mycompany-testing-mytesthook.json', '--config', 'nope.json'], 2],
    ['a directory is an input error', [fixtures], 2],
    ['no file is a usage error', [], 2],
    ['two files is a usage error', ['a.json', 'b.json'], 2],
    ['an unknown option is a usage error', ['mycompany-testing-mytesthook.json', '--strict'], 2],
    ['an unknown format is a usage error', ['mycompany-testing-mytesthook.json', '--format', 'xml'], 2],
    ['--help', ['--help'], 0],
  ])('%s → %d', async (_title, argv, expected) => {
    const { code } = await run(...argv);
    expect(code).toBe(expected);
  });

  it.each<[string, string[], unknown]>([
    ['a file that cannot be read, in JSON', ['no-such-schema.json', '--format', 'json'], { errors: [{ code: 'FILE_UNREADABLE', severity: 'error', message: 'cannot read the schema: no such file', file: 'no-such-schema.json', path: '', line: 0, column: 0 }] }],
    ['a configuration that cannot be read, in JSON', ['mycompany-testing-mytesthook.json', '-f', 'json', '--config', 'nope.json'], { errors: [{ code: 'FILE_UNREADABLE', severity: 'error', message: 'cannot read the configuration: no such file', file: 'nope.json', path: '', line: 0, column: 0 }] }],
    ['a command line that does not parse, in JSON', ['x.json', '--format=json', '--strict'], { errors: [{ code: 'USAGE', severity: 'error', message: "Unknown option '--strict'", file: '', path: '', line: 0, column: 0 }] }],
    ['a file that cannot be read, in SARIF', ['no-such-schema.json', '--format', 'sarif'], [['FILE_UNREADABLE', 'no-such-schema.json']]],
    ['a command line that does not parse, in SARIF', ['x.json', '-f', 'sarif', '--strict'], [['USAGE', undefined]]],
  ])('%s: that format\'s document of a run that validated nothing, not an empty file (exit 2)', async (_name, argv, expected) => {
    const { code, out } = await run(...argv);
    expect(code).toBe(2);
    if (!Array.isArray(expected)) {
      expect(JSON.parse(out)).toEqual(expected);
      return;
    }
    expect(sarifSchemaErrors(out)).toEqual([]);
    const invocation = (JSON.parse(out) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string }; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }> }).runs[0]?.invocations[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications.map((n) => [n.descriptor.id, n.locations?.[0]?.physicalLocation.artifactLocation.uri])).toEqual(expected);
  });

  // Code scanning resolves a relative uri against the repository's root: `npm run validate` from a subfolder (npm
  // keeps the user's folder in INIT_CWD) gave `many-mistakes.hook.json`, a file code scanning could not find.
  it.each<[string, string, string]>([
    ['from the root', repoRoot, `${fixtures}/many-mistakes.hook.json`],
    ['from the fixtures folder', join(repoRoot, fixtures), 'many-mistakes.hook.json'],
    ['from a sibling folder', join(repoRoot, 'test', 'fixtures', 'simulator'), '../schema/many-mistakes.hook.json'],
  ])('SARIF locates a finding from the repository root, run %s', async (_name, cwd, file) => {
    const io = memoryIo(repoRoot, { INIT_CWD: cwd });
    expect(await main([file, '--format', 'sarif'], io)).toBe(1);
    const out = io.out.join('');
    expect(sarifSchemaErrors(out)).toEqual([]);
    const run0 = (JSON.parse(out) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }> }> }).runs[0];
    expect(new Set(run0?.results.map((r) => JSON.stringify(r.locations[0]?.physicalLocation.artifactLocation)))).toEqual(new Set([JSON.stringify({ uri: `${fixtures}/many-mistakes.hook.json`, uriBaseId: '%SRCROOT%' })]));
  });

  it('says why it cannot read a file, without a stack trace', async () => {
    const { err, out } = await run('no-such-schema.json');
    expect(err).toBe('no-such-schema.json FILE_UNREADABLE cannot read the schema: no such file\n');
    expect(out).toBe('');
  });

  it('names the option a typo most likely meant, without Node\'s advice about positionals', async () => {
    const { code, err } = await run('mycompany-testing-mytesthook.json', '--formt', 'json');
    expect(code).toBe(2);
    expect(err).toBe("validate: Unknown option '--formt': did you mean --format?\nRun `validate --help` for its options.\n");
  });

  it.each([
    ['a usage error says what was wrong and how to see the options', ['--format', 'xml', 'x.json'], {}, 'validate: --format must be text, json or sarif, got "xml"\nRun `validate --help` for its options.\n'],
    ['under npm, the options are asked for after --', ['--format', 'xml', 'x.json'], { npm_lifecycle_event: 'validate' }, 'validate: --format must be text, json or sarif, got "xml"\nRun `npm run validate -- --help` for its options.\n'],
    // One rule with simulate's (src/kernel/cli/repeated-option.ts): parseArgs kept the last silently.
    ['--format given twice is refused, not the last taken', ['x.json', '--format', 'text', '--format', 'json'], {}, 'validate: --format is given more than once ("text", "json"): give it once\nRun `validate --help` for its options.\n'],
    ['-f and --format= count as one option', ['x.json', '-f', 'sarif', '--format=json'], {}, 'validate: --format is given more than once ("sarif", "json"): give it once\nRun `validate --help` for its options.\n'],
    ['--config given twice, even the same file', ['x.json', '--config', 'c.json', '-c', 'c.json'], {}, 'validate: --config is given more than once ("c.json", "c.json"): give it once\nRun `validate --help` for its options.\n'],
  ])('%s', async (_title, argv, env, expected) => {
    const io = memoryIo(repoRoot, env);
    expect(await main(argv, io)).toBe(2);
    expect(io.err.join('')).toBe(expected);
  });

  it('given nothing, prints the usage on stderr (exit 2)', async () => {
    const { code, err, out } = await run();
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^usage: validate <schema\.json>/);
  });

  it('resolves relative paths against the directory npm was run from (INIT_CWD)', async () => {
    const io = memoryIo('/nonexistent', { INIT_CWD: join(repoRoot, fixtures) });
    expect(await main(['docs-sample.hook.json'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^docs-sample\.hook\.json:\d+:\d+ warning HS302/);
  });

  it('reads absolute paths as given', async () => {
    const { code } = await run(join(repoRoot, 'mycompany-testing-mytesthook.json'));
    expect(code).toBe(0);
  });
});

describe('validate --format json', () => {
  it('has exactly the documented shape', async () => {
    const { out, code } = await run(`${fixtures}/many-mistakes.hook.json`, '--format', 'json');
    expect(code).toBe(1);
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['valid', 'cfnAccepts', 'diagnostics']);
    expect(parsed.valid).toBe(false);
    expect(parsed.cfnAccepts).toBe(false);
    const diagnostics = parsed.diagnostics as Array<Record<string, unknown>>;
    expect(diagnostics.length).toBeGreaterThan(5);
    for (const d of diagnostics) {
      expect(Object.keys(d)).toEqual(['rule', 'severity', 'message', 'path', 'line', 'column', 'cfn']);
      expect(d).toEqual({
        rule: expect.stringMatching(/^HS\d{3}$/),
        severity: expect.stringMatching(/^(error|warning|info)$/),
        message: expect.any(String),
        path: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        cfn: expect.any(Boolean),
      });
    }
    expect(diagnostics.find((d) => d.rule === 'HS107')).toEqual({
      rule: 'HS107',
      severity: 'error',
      message: "handlers.preCreate: unknown key 'timeoutInMinutes'; allowed: targetNames, permissions",
      path: '/handlers/preCreate/timeoutInMinutes',
      line: 26,
      column: 27,
      cfn: true,
    });
  });

  it('gives invalid JSON a line and column', async () => {
    const { out, code } = await run(`${fixtures}/broken.hook.json`, '--format', 'json');
    expect(code).toBe(2);
    expect(JSON.parse(out)).toEqual({
      valid: false,
      cfnAccepts: false,
      diagnostics: [{ rule: 'HS001', severity: 'error', message: expect.stringMatching(/^invalid JSON: /), path: '', line: 6, column: 3, cfn: true }],
    });
  });

  it('adds the configuration verdict when --config is given', async () => {
    const { out } = await run('mycompany-testing-mytesthook.json', '--config', `${fixtures}/filters.config.json`, '--format', 'json');
    const parsed = JSON.parse(out) as { valid: boolean; configuration: { file: string; valid: boolean; diagnostics: Array<Record<string, unknown>> } };
    expect(parsed.valid).toBe(true);
    expect(parsed.configuration.file).toBe(`${fixtures}/filters.config.json`);
    expect(parsed.configuration.valid).toBe(false);
    expect(parsed.configuration.diagnostics.map((d) => d.rule)).toEqual(['HC113', 'HC112', 'HC105', 'HC114', 'HC109']);
    expect(Object.keys(parsed.configuration.diagnostics[0])).toEqual(['rule', 'severity', 'message', 'path', 'line', 'column']);
  });

  // What the simulator assumes for an unstated status or FailureMode (enabled, FAIL) is said here too, located.
  it('warns, located, when the configuration leaves the status or FailureMode to an undocumented default', async () => {
    const { out, code } = await run('mycompany-testing-mytesthook.json', '--config', `${fixtures}/unstated-defaults.config.json`, '--format', 'json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { configuration: { valid: boolean; diagnostics: Array<Record<string, unknown>> } };
    expect(parsed.configuration.valid).toBe(true);
    expect(parsed.configuration.diagnostics).toEqual([
      expect.objectContaining({ rule: 'HC119', severity: 'warning', message: expect.stringContaining('sets neither HookInvocationStatus nor TargetStacks'), path: '/CloudFormationConfiguration/HookConfiguration', line: 3, column: 26 }),
      expect.objectContaining({ rule: 'HC119', severity: 'warning', message: expect.stringContaining('has no FailureMode'), path: '/CloudFormationConfiguration/HookConfiguration', line: 3, column: 26 }),
    ]);
  });

  it('skips the configuration, saying why, when cfn would reject the schema', async () => {
    const { out, code } = await run(`${fixtures}/many-mistakes.hook.json`, '--config', `${fixtures}/filters.config.json`, '--format', 'json');
    expect(code).toBe(1);
    const parsed = JSON.parse(out) as { configuration: Record<string, unknown> };
    expect(parsed.configuration).toEqual({
      file: `${fixtures}/filters.config.json`,
      valid: false,
      skipped: expect.stringMatching(/cfn submit would reject/),
      diagnostics: [],
    });
  });

  it('is deterministic', async () => {
    const first = await run(`${fixtures}/many-mistakes.hook.json`, '--format', 'json');
    const second = await run(`${fixtures}/many-mistakes.hook.json`, '--format', 'json');
    expect(second.out).toBe(first.out);
  });
});

describe('validate --format sarif', () => {
  it.each([
    ['the project schema (no findings)', ['mycompany-testing-mytesthook.json'], 0, []],
    ['many mistakes', [`${fixtures}/many-mistakes.hook.json`], 1, ['error']],
    ['a warning alone', [`${fixtures}/docs-sample.hook.json`], 0, ['warning']],
    ['an invalid configuration', ['mycompany-testing-mytesthook.json', '--config', `${fixtures}/filters.config.json`], 1, ['error']],
  ] as Array<[string, string[], number, string[]]>)('%s: valid SARIF 2.1.0, a located result per diagnostic', async (_title, argv, expected, levels) => {
    const { code, out, err } = await run(...argv, '--format', 'sarif');
    expect({ code, err }).toEqual({ code: expected, err: '' });
    expect(sarifSchemaErrors(out)).toEqual([]);
    const json = JSON.parse((await run(...argv, '--format', 'json')).out) as { diagnostics: unknown[]; configuration?: { diagnostics: unknown[] } };
    const log = JSON.parse(out) as { runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    const run0 = log.runs[0];
    expect(run0?.tool.driver.name).toBe('mytesthook-validate');
    expect(run0?.results).toHaveLength(json.diagnostics.length + (json.configuration?.diagnostics.length ?? 0));
    for (const level of levels) expect(run0?.results.some((r) => r.level === level)).toBe(true);
    const ruleIds = new Set(run0?.tool.driver.rules.map((r) => r.id));
    for (const r of run0?.results ?? []) {
      expect(ruleIds.has(r.ruleId)).toBe(true);
      expect(r.locations[0]?.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  it('does not take junit (it lists only what it writes)', async () => {
    const { code, err } = await run('mycompany-testing-mytesthook.json', '--format', 'junit');
    expect(code).toBe(2);
    expect(err).toMatch(/^validate: --format must be text, json or sarif, got "junit"/);
  });
});

describe('validate: a bug still leaves a machine format its document', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(['json', 'sarif'])('--format %s: the document says internal error, and the bug goes on to the runner (exit 3)', async (format) => {
    jest.spyOn(validateSchemaModule, 'validateHookSchema').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const io = memoryIo(repoRoot);
    await expect(main(['mycompany-testing-mytesthook.json', '--format', format], io)).rejects.toThrow(RangeError);
    const out = io.out.join('');
    expect(out).toContain('internal error (this is a bug, please report it): Maximum call stack size exceeded');
    if (format === 'sarif') expect(sarifSchemaErrors(out)).toEqual([]);
    else expect(JSON.parse(out)).toMatchObject({ errors: [{ code: 'INTERNAL' }] });
  });
});
