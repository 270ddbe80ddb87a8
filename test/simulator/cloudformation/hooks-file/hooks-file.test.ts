import { join } from 'node:path';
import type { Diagnostic } from '../../../../src/kernel/diagnostics';
import { buildHooks, readHooksFile, typeNameOfArn, HooksFileError, functionNameOf, type HookBuildContext, type HookDeclaration } from '../../../../simulator/cloudformation/hooks-file';
import { lambdaCodeFor, localObjectFor, type HookSources } from '../../../../simulator/cloudformation/hooks-file/hook-sources';
import type { DeclarationSite } from '../../../../simulator/cloudformation/hooks-file/hook-declarations';
import { SERVICE_LIMITS, type HookInvocation } from '../../../../simulator/cloudformation/invoke';
import { readTemplate } from '../../../../simulator/cloudformation/template';

const context = { region: 'eu-west-1', accountId: '111122223333', parameters: {} };

function declarations(yaml: string, parameters: Record<string, string> = {}): readonly HookDeclaration[] {
  return readHooksFile(readTemplate('hooks.yaml', yaml), { ...context, parameters }).declarations;
}

const ROLE = 'ExecutionRole: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/hooks"';

describe('readHooksFile: the resource schemas\' defaults and the resolver', () => {
  it('a GuardHook is DISABLED and WARN unless set; a LambdaHook is ENABLED; StackFilters default to ALL', () => {
    const [guard, lambda] = declarations(`
Resources:
  Guard:
    Type: AWS::CloudFormation::GuardHook
    Properties:
      Alias: Acme::Guard::Hook
      RuleLocation: {Uri: s3://b/rules.guard}
      ${ROLE}
      TargetOperations: [RESOURCE]
  Lambda:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Lambda::Hook
      LambdaFunction: ./x.js
      ${ROLE}
      FailureMode: FAIL
      TargetOperations: [RESOURCE, STACK]
      StackFilters:
        StackNames: {Include: [prod-*]}
`);
    expect(guard).toMatchObject({ kind: 'guard', alias: 'Acme::Guard::Hook', configuration: { HookInvocationStatus: 'DISABLED', FailureMode: 'WARN' }, executionRole: 'arn:aws:iam::111122223333:role/hooks' });
    expect(lambda).toMatchObject({
      kind: 'lambda',
      configuration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['RESOURCE', 'STACK'], StackFilters: { FilteringCriteria: 'ALL', StackNames: { Include: ['prod-*'] } } },
    });
  });

  it('Guard InputParams: one location or (2026) a list; a LambdaHook\'s 2026 LoggingConfig and AutoUpdate are accepted', () => {
    const [one, list, lambda] = declarations(`
Resources:
  One:
    Type: AWS::CloudFormation::GuardHook
    Properties:
      Alias: Acme::Guard::One
      RuleLocation: {Uri: s3://b/r.guard}
      Options: {InputParams: {Uri: s3://b/p.yaml}}
      ${ROLE}
      TargetOperations: [RESOURCE]
  List:
    Type: AWS::CloudFormation::GuardHook
    Properties:
      Alias: Acme::Guard::List
      RuleLocation: {Uri: s3://b/r.guard}
      Options: {InputParams: [{Uri: s3://b/p1.yaml}, {Uri: s3://b/p2.yaml, VersionId: v2}]}
      ${ROLE}
      TargetOperations: [RESOURCE]
  Logged:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Lambda::Logged
      LambdaFunction: ./x.js
      AutoUpdate: false
      LoggingConfig: {LogGroupName: /hooks/logged, LogRoleArn: arn:aws:iam::111122223333:role/logs}
      ${ROLE}
      FailureMode: WARN
      TargetOperations: [RESOURCE]
`);
    expect(one).toMatchObject({ inputParams: [{ Uri: 's3://b/p.yaml' }] });
    expect(list).toMatchObject({ inputParams: [{ Uri: 's3://b/p1.yaml' }, { Uri: 's3://b/p2.yaml', VersionId: 'v2' }] });
    expect(lambda).toMatchObject({ kind: 'lambda', alias: 'Acme::Lambda::Logged' });
  });

  it('parameters, conditions and intrinsics work: a hook under a false condition is not declared', () => {
    const yaml = `
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ProdOnly:
    Type: AWS::CloudFormation::LambdaHook
    Condition: IsProd
    Properties:
      Alias: Acme::Prod::Hook
      LambdaFunction: !Sub ./\${Env}.js
      ${ROLE}
      FailureMode: FAIL
      TargetOperations: [RESOURCE]
  Always:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeArn: !Sub arn:aws:cloudformation:\${AWS::Region}:\${AWS::AccountId}:type/hook/Acme-Some-Hook/00000002
      Configuration: !Sub '{"CloudFormationConfiguration":{"HookConfiguration":{"FailureMode":"\${Env}"}}}'
`;
    expect(declarations(yaml).map((d) => d.site.logicalId)).toEqual(['Always']);
    const prod = declarations(yaml, { Env: 'prod' });
    expect(prod.map((d) => d.site.logicalId)).toEqual(['ProdOnly', 'Always']);
    expect(prod[0]).toMatchObject({ lambdaFunction: './prod.js' });
    expect(prod[1]).toMatchObject({ kind: 'custom', typeName: 'Acme::Some::Hook', configurationText: '{"CloudFormationConfiguration":{"HookConfiguration":{"FailureMode":"prod"}}}' });
  });

  it.each([
    ['a HookVersion it registers', 'Registered: {Type: AWS::CloudFormation::HookVersion, Properties: {TypeName: Acme::Some::Hook, SchemaHandlerPackage: "s3://b/hook.zip"}}', '!GetAtt Registered.TypeArn'],
    ['a TypeActivation (an activated public hook)', 'Registered: {Type: AWS::CloudFormation::TypeActivation, Properties: {Type: HOOK, TypeName: Acme::Some::Hook}}', '!Ref Registered'],
    ["a TypeActivation's Arn", 'Registered: {Type: AWS::CloudFormation::TypeActivation, Properties: {Type: HOOK, TypeName: Acme::Some::Hook}}', '!GetAtt Registered.Arn'],
  ])('a HookTypeConfig configures the hook named by the ARN of %s', (_case, registered, typeArn) => {
    const yaml = `
Resources:
  ${registered}
  Config:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeArn: ${typeArn}
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"FailureMode":"WARN"}}}'
`;
    expect(declarations(yaml)).toEqual([expect.objectContaining({ kind: 'custom', typeName: 'Acme::Some::Hook' })]);
  });

  it.each<[string, string, unknown]>([
    ['AWS::Hooks::LambdaHook under an alias', 'TypeName: AWS::Hooks::LambdaHook, TypeNameAlias: Acme::Some::Hook', { kind: 'lambda', logicalId: 'Activation', executionRole: 'arn:aws:iam::111122223333:role/hooks' }],
    ['AWS::Hooks::GuardHook under an alias', 'TypeName: AWS::Hooks::GuardHook, TypeNameAlias: Acme::Some::Hook', { kind: 'guard', logicalId: 'Activation', executionRole: 'arn:aws:iam::111122223333:role/hooks' }],
    ['another type (a public registry hook)', 'TypeName: Acme::Some::Hook', undefined],
  ])('a TypeActivation of %s makes the HookTypeConfig for that name an activated hook', (_case, activation, expected) => {
    const [config] = declarations(`
Resources:
  Activation:
    Type: AWS::CloudFormation::TypeActivation
    Properties: {Type: HOOK, PublisherId: aws-hooks, ${activation}, ExecutionRoleArn: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/hooks"}
  Config:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeArn: !GetAtt Activation.Arn
      Configuration: '{}'
`);
    expect(config).toMatchObject({ kind: 'custom', typeName: 'Acme::Some::Hook' });
    expect(config?.kind === 'custom' ? config.activation : 'not custom').toEqual(expected);
  });

  // The documented Targets form (hooks-target-filtering.html, Example 2) has several items: the schema's uniqueItems
  // compares them, which once threw on the resolved data's prototype-less objects (exit 3).
  const target = (action: string, kind = 'LambdaHook', code = 'LambdaFunction: ./x.js') => `
Resources:
  Hook:
    Type: AWS::CloudFormation::${kind}
    Properties:
      Alias: Acme::Many::Targets
      ${code}
      ${ROLE}
      FailureMode: WARN
      TargetOperations: [RESOURCE]
      TargetFilters:
        Targets:
          - {TargetName: AWS::S3::Bucket, Action: CREATE, InvocationPoint: PRE_PROVISION}
          - {TargetName: AWS::S3::Bucket, Action: ${action}, InvocationPoint: PRE_PROVISION}
`;
  it.each([
    ['a LambdaHook', target('UPDATE')],
    ['a GuardHook', target('UPDATE', 'GuardHook', 'RuleLocation: {Uri: s3://b/r.guard}')],
  ])('%s with several TargetFilters.Targets items is declared with all of them', (_kind, yaml) => {
    const [hook] = declarations(yaml);
    expect(hook).toMatchObject({ configuration: { TargetFilters: { Targets: [{ Action: 'CREATE' }, { Action: 'UPDATE' }] } } });
  });

  it('two equal TargetFilters.Targets items are refused, as the schema\'s uniqueItems refuses them', () => {
    expect(() => declarations(target('CREATE'))).toThrow(/TargetFilters\.Targets: items 0 and 1 are the same; each item may appear once/);
  });

  // Ajv names the pair {i, j} in one order for a list of strings (its fast path) and in the other for objects.
  it.each([
    ['strings (TargetNames)', "TargetNames: ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::S3::Bucket']", 'TargetNames'],
    [
      'objects (Targets)',
      'Targets: [{TargetName: AWS::S3::Bucket, Action: CREATE, InvocationPoint: PRE_PROVISION}, {TargetName: AWS::SQS::Queue, Action: CREATE, InvocationPoint: PRE_PROVISION}, {TargetName: AWS::S3::Bucket, Action: CREATE, InvocationPoint: PRE_PROVISION}]',
      'Targets',
    ],
  ])('a duplicate in a list of %s is named first-to-last, at its later copy', (_case, filters, list) => {
    let error: unknown;
    try {
      declarations(`
Resources:
  Hook:
    Type: AWS::CloudFormation::LambdaHook
    Properties: {Alias: Acme::Dup::Hook, LambdaFunction: ./x.js, ${ROLE}, FailureMode: WARN, TargetOperations: [RESOURCE], TargetFilters: {${filters}}}
`);
    } catch (caught) {
      error = caught;
    }
    expect((error as HooksFileError).diagnostics).toEqual([
      expect.objectContaining({ path: `/Resources/Hook/Properties/TargetFilters/${list}/2`, message: expect.stringContaining(`TargetFilters.${list}: items 0 and 2 are the same`) }),
    ]);
  });

  // set-type-configuration's Guard document takes plain S3 URIs; the resource takes S3 locations.
  it.each<[string, string, [string, RegExp][]]>([
    ['RuleLocation as a URI', 'RuleLocation: s3://b/r.guard', [['/RuleLocation', /^RuleLocation: is a string; write \{Uri: s3:\/\/b\/r\.guard\} \(an S3 location: Uri, and an optional VersionId\)$/]]],
    [
      'InputParams as a URI',
      'RuleLocation: {Uri: s3://b/r.guard}, Options: {InputParams: s3://b/p.yaml}',
      [['/Options/InputParams', /^Options\.InputParams: is a string; write \{Uri: s3:\/\/b\/p\.yaml\}, or a list of up to 10 such locations \(an S3 location: Uri, and an optional VersionId\)$/]],
    ],
    ['InputParams as a list of URIs', 'RuleLocation: {Uri: s3://b/r.guard}, Options: {InputParams: [{Uri: s3://b/p.yaml}, s3://b/q.yaml]}', [['/Options/InputParams/1', /^Options\.InputParams\[1\]: is a string; write \{Uri: s3:\/\/b\/q\.yaml\}/]]],
    ['InputParams as a number', 'RuleLocation: {Uri: s3://b/r.guard}, Options: {InputParams: 3}', [['/Options/InputParams', /^Options\.InputParams: is an integer; expected \{Uri: s3:\/\/…\}.*or a list of up to 10 such locations$/]]],
    ['InputParams without its Uri', 'RuleLocation: {Uri: s3://b/r.guard}, Options: {InputParams: {VersionId: v1}}', [['/Options/InputParams', /^Options\.InputParams: missing required property 'Uri'$/]]],
  ])('a Guard hook with %s is told what to write, in one finding', (_case, locations, expected) => {
    let error: unknown;
    try {
      declarations(`
Resources:
  G:
    Type: AWS::CloudFormation::GuardHook
    Properties: {Alias: Acme::Guard::Hook, ${locations}, ${ROLE}, TargetOperations: [RESOURCE]}
`);
    } catch (caught) {
      error = caught;
    }
    const found = (error as HooksFileError).diagnostics.map((d: Diagnostic) => [d.path.replace('/Resources/G/Properties', ''), d.message.replace(/^\S+ \S+: /, '')]);
    expect(found).toEqual(expected.map(([path, message]) => [path, expect.stringMatching(message)]));
  });

  it('reports every bad resource at once, located', () => {
    let error: unknown;
    try {
      declarations(`
Resources:
  A:
    Type: AWS::CloudFormation::LambdaHook
    Properties: {Alias: Acme::Aa::Hook, LambdaFunction: f, ${ROLE}, FailureMode: fail, TargetOperations: [RESOURCE]}
  B:
    Type: AWS::CloudFormation::GuardHook
    Properties: {Alias: aws::B::Hook, RuleLocation: {}, ${ROLE}, TargetOperations: [RESOURCES]}
`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HooksFileError);
    const found = (error as HooksFileError).diagnostics.map((d: Diagnostic) => `${d.line}:${d.column} ${d.path} ${d.message.replace(/^\S+ \S+: /, '')}`);
    expect(found).toEqual([
      expect.stringMatching(/^5:\d+ \/Resources\/A\/Properties\/FailureMode FailureMode: 'fail' is not allowed; expected one of FAIL, WARN$/),
      expect.stringMatching(/^8:\d+ \/Resources\/B\/Properties\/Alias Alias: 'aws::B::Hook' does not match/),
      expect.stringMatching(/^8:\d+ \/Resources\/B\/Properties\/RuleLocation RuleLocation: missing required property 'Uri'$/),
      expect.stringMatching(/^8:\d+ \/Resources\/B\/Properties\/TargetOperations\/0 TargetOperations\[0\]: 'RESOURCES' is not allowed/),
    ]);
  });
});

describe('where a hook\'s code is', () => {
  const site: DeclarationSite = {
    file: 'hooks.yaml',
    logicalId: 'H',
    diagnostic: (code, message, pointer) => ({ code, severity: 'error', message, file: 'hooks.yaml', path: pointer ?? '', line: 1, column: 1 }),
  };
  const sources: HookSources = {
    cwd: '/work',
    entries: new Map([
      ['arn:aws:lambda:us-east-1:123456789012:function:mapped', './local/mapped.js#check'],
      ['by-name', 'http://127.0.0.1:3001'],
      ['s3://rules/r.guard', 'rules/r.guard'],
    ]),
  };

  it.each<[string, unknown]>([
    ['./tags.js', { kind: 'module', path: '/hooks/tags.js', exportName: 'handler' }],
    ['./tags.mjs#check', { kind: 'module', path: '/hooks/tags.mjs', exportName: 'check' }],
    ['/abs/tags.cjs', { kind: 'module', path: '/abs/tags.cjs', exportName: 'handler' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:mapped', { kind: 'module', path: '/work/local/mapped.js', exportName: 'check' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:by-name:live', { kind: 'endpoint', url: 'http://127.0.0.1:3001/2015-03-31/functions/by-name/invocations' }],
    // An alias's ARN is mapped by its function's ARN too, as by the function's name.
    ['arn:aws:lambda:us-east-1:123456789012:function:mapped:prod', { kind: 'module', path: '/work/local/mapped.js', exportName: 'check' }],
    ['http://127.0.0.1:9000/2015-03-31/functions/function/invocations', { kind: 'endpoint', url: 'http://127.0.0.1:9000/2015-03-31/functions/function/invocations' }],
  ])('LambdaFunction %s', (declared, code) => {
    expect(lambdaCodeFor(site, declared, '/hooks', sources)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:unmapped', /is a real function/],
    ['plain-name', /is a real function/],
    ['http://127.0.0.1:3001/', /does not name a function/],
    ['http://example.com/2015-03-31/functions/f/invocations', /not a local endpoint/],
  ])('LambdaFunction %s is a located error', (declared, message) => {
    const located = lambdaCodeFor(site, declared, '/hooks', sources);
    expect(located.ok).toBe(false);
    if (!located.ok) expect(located.diagnostic).toMatchObject({ path: '/LambdaFunction', message: expect.stringMatching(message) });
  });

  it('Guard rules: a mapped S3 URI, a local path, an unmapped S3 URI', () => {
    expect(localObjectFor(site, 's3://rules/r.guard', '/RuleLocation/Uri', '/hooks', sources)).toEqual({ ok: true, value: { uri: 's3://rules/r.guard', path: '/work/rules/r.guard' } });
    expect(localObjectFor(site, 'rules.guard', '/RuleLocation/Uri', '/hooks', sources)).toEqual({ ok: true, value: { uri: 'rules.guard', path: join('/hooks', 'rules.guard') } });
    expect(localObjectFor(site, 's3://other/x.guard', '/RuleLocation/Uri', '/hooks', sources)).toMatchObject({ ok: false });
  });

  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:tags:live', 'tags'],
    ['tags:$LATEST', 'tags'],
    ['tags', 'tags'],
  ])('function name of %s', (reference, name) => expect(functionNameOf(reference)).toBe(name));

  it('type name of a hook type ARN', () => {
    expect(typeNameOfArn('arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook/00000001')).toBe('MyCompany::Testing::MyTestHook');
  });
});

describe('buildHooks: a hook whose code is not mapped here is refused when it is called, and only then', () => {
  const buildContext = (more: Partial<HookBuildContext> = {}): HookBuildContext => ({
    hooksDir: '/hooks',
    region: 'eu-west-1',
    accountId: '111122223333',
    sources: { cwd: '/work', entries: new Map() },
    registry: new Map(),
    stringify: false,
    validateConfiguration: () => Promise.reject(new Error('no configuration document in these hooks files')),
    ...more,
  });
  // What the refusal never reads: it comes before the hook's code would be.
  const call: HookInvocation = {
    target: { clientRequestToken: 't', stack: { stackId: 's', accountId: '111122223333' }, invocationPoint: 'CREATE_PRE_PROVISION', targetName: 'AWS::S3::Bucket', logicalId: 'B', resourceProperties: {} },
    limits: SERVICE_LIMITS,
  };
  const refusal = async (invoke: Promise<unknown>): Promise<readonly Diagnostic[]> => {
    const error: unknown = await invoke.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(HooksFileError);
    return error instanceof HooksFileError ? error.diagnostics : [];
  };

  it.each<[string, string, string[]]>([
    ['a Lambda hook on a real function', `      LambdaFunction: arn:aws:lambda:eu-west-1:111122223333:function:real
`, ['/Resources/H/Properties/LambdaFunction']],
    ['a Guard hook with its rules in S3', `      RuleLocation: {Uri: s3://rules/real.guard}
      HookStatus: ENABLED
`, ['/Resources/H/Properties/RuleLocation/Uri']],
    [
      'a Guard hook with its rules and input parameters in S3',
      `      RuleLocation: {Uri: s3://rules/real.guard}
      HookStatus: ENABLED
      Options: {InputParams: {Uri: s3://rules/params.yaml}}
`,
      ['/Resources/H/Properties/RuleLocation/Uri', '/Resources/H/Properties/Options/InputParams/Uri'],
    ],
  ])('%s: built, and its first call is refused, located (HOOKS_UNMAPPED_SOURCE)', async (_case, code, pointers) => {
    const kind = code.includes('LambdaFunction') ? 'LambdaHook' : 'GuardHook';
    const yaml = `Resources:
  H:
    Type: AWS::CloudFormation::${kind}
    Properties:
      Alias: Acme::Real::Hook
${code}      ${ROLE}
      FailureMode: FAIL
      TargetOperations: [CLOUD_CONTROL]
`;
    const { hooks } = await buildHooks(declarations(yaml), buildContext());
    expect(hooks.map((h) => h.typeName)).toEqual(['Acme::Real::Hook']);
    const [hook] = hooks;
    if (hook === undefined) return;
    // A wave's calls of it go one by one through invoke: no batch call that would go round the refusal.
    expect(hook.invokeMany).toBeUndefined();
    const diagnostics = await refusal(hook.invoke(call));
    expect(diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual(pointers.map((pointer) => ['HOOKS_UNMAPPED_SOURCE', 'error', pointer]));
    expect(diagnostics[0]?.line).toBeGreaterThan(0);
  });

  it('the refusal is masked as the caller masks the errors buildHooks throws (a NoEcho ARN)', async () => {
    const yaml = `Resources:
  H:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Real::Hook
      LambdaFunction: arn:aws:lambda:eu-west-1:111122223333:function:secret-fn
      ${ROLE}
      FailureMode: FAIL
      TargetOperations: [RESOURCE]
`;
    const mask = (d: Diagnostic): Diagnostic => ({ ...d, message: d.message.replaceAll('secret-fn', '****') });
    const { hooks } = await buildHooks(declarations(yaml), buildContext({ maskDiagnostic: mask }));
    const [hook] = hooks;
    if (hook === undefined) throw new Error('no hook built');
    const [diagnostic] = await refusal(hook.invoke(call));
    expect(diagnostic?.message).toContain('function:****');
    expect(diagnostic?.message).not.toContain('secret-fn');
  });

  it('a problem with code that is given (a missing local rules file) is still refused when the hooks are built, with the unmapped one', async () => {
    const yaml = `Resources:
  H:
    Type: AWS::CloudFormation::GuardHook
    Properties:
      Alias: Acme::Real::Hook
      RuleLocation: {Uri: ./no-such-rules.guard}
      HookStatus: ENABLED
      Options: {InputParams: {Uri: s3://rules/params.yaml}}
      ${ROLE}
      TargetOperations: [CLOUD_CONTROL]
`;
    const error: unknown = await buildHooks(declarations(yaml), buildContext()).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(HooksFileError);
    expect(error instanceof HooksFileError ? error.diagnostics.map((d) => d.code) : []).toEqual(['HOOKS_NO_OBJECT', 'HOOKS_UNMAPPED_SOURCE']);
  });
});
