import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  blankCommentsAndTrailingCommas,
  effectiveExtensions,
  findRuntime,
  hookBaseNames,
  parseHooksConfig,
  planHookEvent,
  resolveHookEvent,
  splitHookFileName,
  type AmplifyCommandLine,
} from '../../../simulator/script-hooks/amplify';
import { LifecycleInputError } from '../../../simulator/script-hooks/errors';

describe('resolveHookEvent', () => {
  // Each row: the words after `amplify`, and the hooks the Amplify CLI runs (amplify-cli's input-manager and HooksMeta).
  it.each<[string, AmplifyCommandLine, string[]]>([
    ['push with a supported sub-command', { words: ['push', 'api'] }, ['pre-push', 'pre-push-api']],
    ['plain push', { words: ['push'] }, ['pre-push']],
    ['add codegen (only add has it)', { words: ['add', 'codegen'] }, ['pre-add', 'pre-add-codegen']],
    ['update codegen is codegen configure, no hook event', { words: ['update', 'codegen'] }, []],
    ['env add', { words: ['env', 'add'] }, ['pre-add', 'pre-add-env']],
    ['env checkout with its argument', { words: ['env', 'checkout', 'dev'] }, ['pre-checkout', 'pre-checkout-env']],
    ['add env, the verb first', { words: ['add', 'env'] }, ['pre-add', 'pre-add-env']],
    ['env with a verb that has no hooks', { words: ['env', 'sync'] }, []],
    ['init (unsupported)', { words: ['init'] }, []],
    ['configure (unsupported)', { words: ['configure'] }, []],
    ['configure hosting is update', { words: ['configure', 'hosting'] }, ['pre-update', 'pre-update-hosting']],
    ['hosting configure is update', { words: ['hosting', 'configure'] }, ['pre-update', 'pre-update-hosting']],
    ['hosting enable is add', { words: ['hosting', 'enable'] }, ['pre-add', 'pre-add-hosting']],
    ['gql-compile spelled with a dash', { words: ['gql-compile', 'api'] }, ['pre-gqlcompile', 'pre-gqlcompile-api']],
    ['api gql-compile, the category first', { words: ['api', 'gql-compile'] }, ['pre-gqlcompile', 'pre-gqlcompile-api']],
    ['api add-graphql-datasource, the category first', { words: ['api', 'add-graphql-datasource'] }, ['pre-addgraphqldatasource', 'pre-addgraphqldatasource-api']],
    ['category first: function build', { words: ['function', 'build'] }, ['pre-build', 'pre-build-function']],
    ['category first: geo add (geo has no add hooks of its own)', { words: ['geo', 'add'] }, ['pre-add']],
    ['category first: custom add', { words: ['custom', 'add'] }, ['pre-add']],
    ['function configure is update', { words: ['function', 'configure'] }, ['pre-update', 'pre-update-function']],
    ['storage configure is update', { words: ['storage', 'configure'] }, ['pre-update', 'pre-update-storage']],
    ['notifications list is status', { words: ['notifications', 'list'] }, ['pre-status', 'pre-status-notifications']],
    ['notifications disable is remove', { words: ['notifications', 'disable'] }, ['pre-remove', 'pre-remove-notifications']],
    ['status notifications: the category is an option of status', { words: ['status', 'notifications'] }, ['pre-status']],
    ['ls is status', { words: ['ls'] }, ['pre-status']],
    ['notification (the plugin alias) add', { words: ['notification', 'add'] }, ['pre-add']],
    ['mock api', { words: ['mock', 'api'] }, ['pre-mock', 'pre-mock-api']],
    ['function invoke is mock function', { words: ['function', 'invoke', 'fn'] }, ['pre-mock', 'pre-mock-function']],
    ['codegen statements', { words: ['codegen', 'statements'] }, ['pre-statements', 'pre-statements-codegen']],
    ['--help runs no hooks', { words: ['push', '--help'] }, []],
    ['forcePush on pull runs only push hooks', { words: ['pull', 'env'], forcePush: true }, ['pre-push']],
    ['forcePush among the options', { words: ['init', '--forcePush'] }, ['pre-push']],
    ['forcePush on push changes nothing', { words: ['push', 'auth'], forcePush: true }, ['pre-push', 'pre-push-auth']],
    // Checked against the CLI's own code over 56,000 generated lines (a helper's differential harness).
    ['status --forcePush: the status options are lower-cased, so the push hooks do not run', { words: ['status', '--forcePush'] }, ['pre-status']],
    ['the simulator\'s --forcePush on status, likewise', { words: ['status'], forcePush: true }, ['pre-status']],
    ['--forcePush with an empty value is false', { words: ['pull', '--forcePush', ''] }, ['pre-pull']],
    ['override project is override root (no hook event)', { words: ['override', 'project'] }, []],
    ['api update-secrets (no hook event)', { words: ['api', 'update-secrets'] }, []],
    ['hosting: push sub-command dropped', { words: ['push', 'api'], hosting: true }, ['pre-push']],
    ['hosting: other commands run nothing', { words: ['add', 'api'], hosting: true }, []],
  ])('%s', (_label, line, expected) => {
    const event = resolveHookEvent(line);
    expect(hookBaseNames(event, 'pre')).toEqual(expected);
    expect(hookBaseNames(event, 'post')).toEqual(expected.map((n) => n.replace(/^pre-/, 'post-')));
  });

  it.each([
    ['a typo of a command', ['pussh'], 'The Amplify CLI can NOT find command: pussh (did you mean push?); it would show its help instead and run no hooks'],
    ['a command the category does not have', ['push', 'codegen'], 'The Amplify CLI can NOT find command: codegen push; it would stop and run no hooks'],
    ['a command a frontend does not have', ['publish', 'ios'], 'The Amplify CLI can NOT find command: ios publish; it would show its help instead and run no hooks'],
    ['a command of a plugin the CLI installs as a dependency', ['push', 'ui-builder'], 'The Amplify CLI can NOT find command: ui-builder push; it would stop and run no hooks'],
  ])('refuses %s as the CLI does', (_label, words, message) => {
    expect(() => resolveHookEvent({ words })).toThrow(message);
  });

  it('explains every rewrite it makes', () => {
    expect(resolveHookEvent({ words: ['push', 'storage', '--yes'] }).notes).toEqual([]);
    expect(resolveHookEvent({ words: ['geo', 'configure'] }).notes).toEqual([
      "`configure` is an alias of `update` in the Amplify CLI's geo plugin",
      'sub-command `geo` has no hooks for update (supported: notifications, analytics, api, auth, function, hosting, interactions, predictions, storage, env): only the update hooks run',
    ]);
    expect(resolveHookEvent({ words: ['init'] }).notes).toEqual(['`amplify init` is not a hook event: no hooks run']);
  });

  it.each<[string, AmplifyCommandLine, unknown, unknown, string[]]>([
    // getCommandLineInput moves a category named second to the front of process.argv, which hooks receive.
    ['push api', { words: ['push', 'api'] }, { command: 'push', subCommand: 'api' }, { command: 'push', subCommand: 'api' }, ['api', 'push']],
    // The data is merged before executeHooks switches to push: init's pre hooks get no command.
    ['init --forcePush', { words: ['init', '--forcePush'] }, {}, { command: 'push' }, ['init', '--forcePush']],
    ['add api --forcePush', { words: ['add', 'api'], forcePush: true }, { command: 'add', subCommand: 'api' }, { command: 'push', subCommand: 'api' }, ['api', 'add', '--forcePush']],
  ])('gives hooks the data the CLI gives them: %s', (_label, line, pre, post, argv) => {
    const event = resolveHookEvent(line);
    expect(event.data).toEqual({ pre, post });
    expect(event.argv).toEqual(argv);
  });
});

describe('splitHookFileName', () => {
  it.each([
    ['pre-push.js', 'pre-push', 'js'],
    ['pre-push.js.sample', 'pre-push.js', 'sample'],
    ['pre-push', 'pre-push', undefined],
    ['.hidden', '', 'hidden'],
  ])('%s', (fileName, baseName, extension) => {
    expect(splitHookFileName(fileName)).toEqual(extension === undefined ? { fileName, baseName } : { fileName, baseName, extension });
  });
});

describe('hooks-config.json', () => {
  it.each([
    ['a line comment', '{ // c\n "a": 1 }', '{     \n "a": 1 }'],
    ['a block comment', '{ /* x\n y */ "a": 1 }', '{     \n      "a": 1 }'],
    ['a trailing comma in an object', '{ "a": 1, }', '{ "a": 1  }'],
    ['a trailing comma before a comment', '[1, // c\n]', '[1      \n]'],
    ['comment markers inside strings are text', '{ "u": "http://x/*y*/", }', '{ "u": "http://x/*y*/"  }'],
  ])('blanks %s and keeps every offset', (_label, input, expected) => {
    const out = blankCommentsAndTrailingCommas(input);
    expect(out).toBe(expected);
    expect(out.length).toBe(input.length);
  });

  it('reads extensions, shallow-merged over the defaults', () => {
    const { config } = parseHooksConfig('{"extensions": {"js": {"runtime": "deno", "runtime_options": ["run"]}, "py": {"runtime": "python3"},}}', 'hooks-config.json');
    expect(effectiveExtensions(config)).toEqual({ js: { runtime: 'deno', runtime_options: ['run'] }, sh: { runtime: 'bash' }, py: { runtime: 'python3' } });
  });

  it.each([
    ['a missing comma', '{\n  "extensions": {\n    "py": { "runtime": "p" "x": 1 }\n  }\n}', 'AMPLIFY_HOOKS_CONFIG_SYNTAX', 3, 28],
    ['a runtime that is not a string', '{\n  "extensions": {\n    "py": { "runtime": 3 }\n  }\n}', 'AMPLIFY_HOOKS_CONFIG_SHAPE', 3, 24],
    ['runtime_options that are not strings', '{"extensions": {"py": {"runtime": "p", "runtime_options": [1]}}}', 'AMPLIFY_HOOKS_CONFIG_SHAPE', 1, 59],
    ['extensions that are a list', '{"extensions": []}', 'AMPLIFY_HOOKS_CONFIG_SHAPE', 1, 16],
    ['a duplicate key', '{"extensions": {}, "extensions": {}}', 'SRC_DUPLICATE_KEY', 1, 20],
  ])('points at %s', (_label, text, code, line, column) => {
    let caught: unknown;
    try {
      parseHooksConfig(text, 'amplify/hooks/hooks-config.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LifecycleInputError);
    const [diagnostic] = (caught as LifecycleInputError).diagnostics;
    expect(diagnostic.file).toBe('amplify/hooks/hooks-config.json');
    expect([diagnostic.line, diagnostic.column]).toEqual([line, column]);
    if (code !== 'SRC_DUPLICATE_KEY') expect(diagnostic.code).toBe(code);
  });

  // What the CLI reads past (a helper checked its source): spreading null, a missing runtime, Array.isArray.
  it.each<[string, string, Array<[string, string]>, Record<string, unknown>]>([
    ['extensions null: the defaults', '{"extensions": null}', [['AMPLIFY_HOOKS_CONFIG_SHAPE', '/extensions']], { js: { runtime: 'node' }, sh: { runtime: 'bash' } }],
    ['an extension null: its hooks skipped', '{"extensions": {"js": null}}', [['AMPLIFY_HOOKS_NO_RUNTIME', '/extensions/js']], { js: {}, sh: { runtime: 'bash' } }],
    ['runtime_options a string: ignored', '{"extensions": {"py": {"runtime": "python3", "runtime_options": "-u"}}}', [['AMPLIFY_HOOKS_CONFIG_SHAPE', '/extensions/py/runtime_options']], { js: { runtime: 'node' }, sh: { runtime: 'bash' }, py: { runtime: 'python3' } }],
  ])('reads what the CLI reads past, with a warning: %s', (_label, text, warnings, extensions) => {
    const { config, diagnostics } = parseHooksConfig(text, 'h.json');
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual(warnings);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(effectiveExtensions(config)).toEqual(extensions);
  });

  it('warns, without failing, about an extension with no runtime (the CLI skips those files silently)', () => {
    const { diagnostics } = parseHooksConfig('{"extensions": {"rb": {}}}', 'h.json');
    expect(diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['AMPLIFY_HOOKS_NO_RUNTIME', 'warning', '/extensions/rb']]);
  });
});

describe('findRuntime and planHookEvent', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'lifecycle-amplify-rules-'));
    mkdirSync(join(root, 'bin'));
    for (const [name, mode] of [['tool', 0o755], ['not-exec', 0o644]] as const) {
      writeFileSync(join(root, 'bin', name), '#!/bin/sh\n');
      chmodSync(join(root, 'bin', name), mode);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['a name on PATH', 'tool', () => `/nowhere:${join(root, 'bin')}`, () => join(root, 'bin', 'tool')],
    ['a name not on PATH', 'tool', () => '/nowhere', () => undefined],
    ['a file without an execute bit', 'not-exec', () => join(root, 'bin'), () => undefined],
    ['an absolute path', '', () => '', () => join(root, 'bin', 'tool')],
    ['a relative path, from the project root', './bin/tool', () => '', () => join(root, 'bin', 'tool')],
    ['a ~ path (not expanded)', '~/bin/tool', () => join(root, 'bin'), () => undefined],
  ])('%s', (_label, runtime, pathVariable, expected) => {
    const name = runtime === '' ? join(root, 'bin', 'tool') : runtime;
    expect(findRuntime(name, pathVariable(), root)).toBe(expected());
  });

  it('plans command level before sub-command level and reports duplicates before anything runs', () => {
    const entries = [
      { fileName: 'pre-push-api.sh', kind: 'file' as const },
      { fileName: 'pre-push.js', kind: 'file' as const },
      { fileName: 'post-push.js', kind: 'file' as const },
      { fileName: 'post-push.sh', kind: 'file' as const },
      { fileName: 'post-push.py', kind: 'file' as const },
      { fileName: 'pre-push-api.js', kind: 'symlink' as const },
    ];
    const context = { projectRoot: root, hooksDir: join(root, 'amplify', 'hooks'), entries, extensions: effectiveExtensions(undefined), pathVariable: process.env.PATH };
    const event = resolveHookEvent({ words: ['push', 'api'] });
    const pre = planHookEvent(context, event, 'pre');
    expect(pre.kind === 'steps' && pre.steps.map((s) => [s.hook, s.fileName, s.runtime.kind])).toEqual([
      ['pre-push', 'pre-push.js', 'found'],
      ['pre-push-api', 'pre-push-api.sh', 'found'],
    ]);
    expect(planHookEvent(context, event, 'post')).toEqual({
      kind: 'duplicates',
      hook: 'post-push',
      fileNames: ['post-push.js', 'post-push.sh'],
      message: 'found duplicate hook scripts: post-push.js, post-push.sh',
    });
  });
});
