/**
 * STACK-target hooks end to end through main(): the documented stack-level Lambda hook (it fetches its payload URL,
 * served from 127.0.0.1 for the run) and a registry hook whose handlers name STACK (the registry payload, PascalCase
 * as the Java runtime's StackHookTargetModel names it), called once before the first resource of a create, update and delete; a FAIL verdict stops the stack
 * before any resource, WARN goes on; StackFilters and TargetFilters apply.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hookTypeConfigFile, runSimulateJson, scratchFolderPerTest } from '../../support/simulate-cli';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'hooks-file');
const exampleHooks = join(repo, 'docs', 'examples', 'hooks', 'stack-hooks.yaml');
const exampleFunction = join(repo, 'docs', 'examples', 'hooks', 'stack-description.js');

interface JsonRun {
  stack: { finalStatus: string; outcome: string };
  invocations: { logicalResourceId: string; targetName: string; invocationPoint: string; hookTypeName: string; hookStatus: string; targetType: string; message: string }[];
  events: { logicalResourceId: string; resourceType: string; resourceStatus: string; resourceStatusReason: string | null; hookType: string | null; hookStatus: string | null; hookStatusReason: string | null }[];
  hookResults: { TypeName: string; Status: string; HookStatusReason: string; Target: { TargetType: string; TargetTypeName: string; TargetId: string; Action: string } }[];
  warnings?: { code: string; message: string }[];
}

async function simulateJson(cwd: string, ...argv: string[]): Promise<{ code: number; run: JsonRun; err: string }> {
  return runSimulateJson<JsonRun>(cwd, ['--format', 'json', ...argv]);
}

const scratch = scratchFolderPerTest('stack-hooks-');
const file = (name: string, text: string): string => scratch.file(name, text);

/** A hooks file with the documented stack-level Lambda hook, its Properties completed by `extra` (YAML lines). */
function lambdaHooks(extra = '', failureMode = 'FAIL'): string {
  return file(
    'hooks.yaml',
    `Resources:
  Described:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: MyCompany::Stacks::Description
      LambdaFunction: ${JSON.stringify(exampleFunction)}
      ExecutionRole: arn:aws:iam::123456789012:role/hook
      FailureMode: ${failureMode}
${extra}`,
  );
}

const registryHooks = (): string =>
  file(
    'hooks.yaml',
    hookTypeConfigFile('Described', 'Acme::Stacks::Described', { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['STACK'] }),
  );

const brief = (run: JsonRun): string[][] =>
  run.events.map((e) => [e.logicalResourceId, e.resourceStatus, e.hookStatus ?? '', e.hookStatusReason ?? e.resourceStatusReason ?? '']);

describe('the documented stack-level Lambda hook (docs/examples/hooks/stack-hooks.yaml)', () => {
  it('create, described template: called once for the stack before any resource, with the STACK request', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--stack-name', 'shop', '--hooks', exampleHooks);
    expect(code).toBe(0);
    expect(run.stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(run.invocations.map((i) => [i.logicalResourceId, i.targetName, i.targetType, i.invocationPoint, i.hookStatus, i.message])).toEqual([
      ['shop', 'STACK', 'STACK', 'CREATE_PRE_PROVISION', 'SUCCESS', 'stack shop: the template says what it is for'],
    ]);
    expect(brief(run).slice(0, 4)).toEqual([
      ['shop', 'CREATE_IN_PROGRESS', '', 'User Initiated'],
      ['shop', 'CREATE_IN_PROGRESS', 'HOOK_IN_PROGRESS', 'Invoking hook'],
      ['shop', 'CREATE_IN_PROGRESS', 'HOOK_COMPLETE_SUCCEEDED', 'Hook succeeded with message: stack shop: the template says what it is for'],
      ['DataBucket', 'CREATE_IN_PROGRESS', '', ''],
    ]);
    expect(run.events[1]?.resourceType).toBe('AWS::CloudFormation::Stack');
    expect(run.hookResults[0]?.Target).toEqual({ TargetType: 'STACK', TargetTypeName: 'STACK', TargetId: 'shop', Action: 'CREATE' });
  });

  it('create, no Description: FAIL stops the stack before any resource, the stack rolls back naming the hook', async () => {
    const { code, run } = await simulateJson(fixtures, 'undescribed.json', '--stack-name', 'shop', '--hooks', exampleHooks);
    expect(code).toBe(1);
    expect(run.stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' });
    expect(brief(run)).toEqual([
      ['shop', 'CREATE_IN_PROGRESS', '', 'User Initiated'],
      ['shop', 'CREATE_IN_PROGRESS', 'HOOK_IN_PROGRESS', 'Invoking hook'],
      ['shop', 'CREATE_IN_PROGRESS', 'HOOK_COMPLETE_FAILED', 'Hook failed with message: see hook results for details'],
      ['shop', 'ROLLBACK_IN_PROGRESS', '', 'The following hook(s) failed: [MyCompany::Stacks::Description]'],
      ['shop', 'ROLLBACK_COMPLETE', '', ''],
    ]);
    expect(run.hookResults[0]).toMatchObject({ Status: 'HOOK_COMPLETE_FAILED', HookStatusReason: 'stack shop: the template has no Description' });
  });

  it('WARN: the failure is recorded and ignored, the resources are created', async () => {
    const { code, run } = await simulateJson(fixtures, 'undescribed.json', '--stack-name', 'shop', '--hooks', exampleHooks, '--failure-mode', 'WARN');
    expect(code).toBe(0);
    expect(run.stack.finalStatus).toBe('CREATE_COMPLETE');
    expect(brief(run)[2]).toEqual(['shop', 'CREATE_IN_PROGRESS', 'HOOK_COMPLETE_FAILED', 'Hook failed with message: see hook results for details. Failure was ignored under WARN mode.']);
    expect(run.events.some((e) => e.logicalResourceId === 'Queue' && e.resourceStatus === 'CREATE_COMPLETE')).toBe(true);
  });

  it('update and delete: once per operation, with the UPDATE and DELETE points and actions', async () => {
    const update = await simulateJson(fixtures, 'stack-v2.yml', '--operation', 'update', '--previous', 'stack-v1.yml', '--stack-name', 'shop', '--hooks', exampleHooks);
    expect(update.code).toBe(0);
    expect(update.run.invocations.map((i) => [i.targetType, i.invocationPoint])).toEqual([['STACK', 'UPDATE_PRE_PROVISION']]);
    expect(update.run.hookResults[0]?.Target.Action).toBe('UPDATE');
    const del = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'delete', '--stack-name', 'shop', '--hooks', exampleHooks);
    expect(del.code).toBe(0);
    expect(del.run.invocations.map((i) => [i.targetType, i.invocationPoint, i.message])).toEqual([['STACK', 'DELETE_PRE_PROVISION', 'stack shop: descriptions are not checked on delete']]);
    expect(brief(del.run)[1]).toEqual(['shop', 'DELETE_IN_PROGRESS', 'HOOK_IN_PROGRESS', 'Invoking hook']);
  });

  // The last column: whether a note says the stack call was filtered out by the TargetFilters' names ([choice]).
  it.each([
    ['TargetOperations [RESOURCE] only: called per resource, never for the stack', '      TargetOperations: [RESOURCE]\n', ['RESOURCE', 'RESOURCE'], false],
    ['TargetOperations [STACK, RESOURCE]: the stack first, then each resource', '      TargetOperations: [STACK, RESOURCE]\n', ['STACK', 'RESOURCE', 'RESOURCE'], false],
    ['TargetFilters TargetNames [STACK]: the stack only', '      TargetOperations: [STACK, RESOURCE]\n      TargetFilters:\n        TargetNames: [STACK]\n', ['STACK'], false],
    ['TargetFilters TargetNames [AWS::S3::Bucket]: the bucket only, and a note', '      TargetOperations: [STACK, RESOURCE]\n      TargetFilters:\n        TargetNames: [AWS::S3::Bucket]\n', ['RESOURCE'], true],
    [
      'TargetFilters Targets of a resource type only: the bucket only, and a note',
      '      TargetOperations: [STACK, RESOURCE]\n      TargetFilters:\n        Targets:\n          - {TargetName: AWS::S3::Bucket, Action: CREATE, InvocationPoint: PRE_PROVISION}\n',
      ['RESOURCE'],
      true,
    ],
    [
      'TargetFilters Targets naming STACK and a type: both, no note',
      '      TargetOperations: [STACK, RESOURCE]\n      TargetFilters:\n        Targets:\n          - {TargetName: STACK, Action: CREATE, InvocationPoint: PRE_PROVISION}\n          - {TargetName: AWS::S3::Bucket, Action: CREATE, InvocationPoint: PRE_PROVISION}\n',
      ['STACK', 'RESOURCE'],
      false,
    ],
    ['TargetFilters TargetNames of a type, TargetOperations [RESOURCE]: no stack call asked for, no note', '      TargetOperations: [RESOURCE]\n      TargetFilters:\n        TargetNames: [AWS::S3::Bucket]\n', ['RESOURCE'], false],
    ['TargetFilters Actions [UPDATE]: not on create', '      TargetOperations: [STACK]\n      TargetFilters:\n        Actions: [UPDATE]\n', [], false],
    ['StackFilters that exclude the stack', '      TargetOperations: [STACK]\n      StackFilters:\n        FilteringCriteria: ALL\n        StackNames:\n          Exclude: [shop]\n', [], false],
    ['StackFilters that include the stack', '      TargetOperations: [STACK]\n      StackFilters:\n        FilteringCriteria: ALL\n        StackNames:\n          Include: [sh*]\n', ['STACK'], false],
  ])('%s', async (_name, extra, targetTypes, noted) => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--stack-name', 'shop', '--hooks', lambdaHooks(extra));
    expect(code).toBe(0);
    expect(run.invocations.map((i) => i.targetType)).toEqual(targetTypes);
    const filteredNote = (run.warnings ?? []).filter((w) => w.code === 'SIM_HOOK_NOT_INVOKED' && w.message.includes('is not invoked for the stack itself'));
    expect(filteredNote.map((w) => w.message.replace(/ \(\[choice\].*$/, ''))).toEqual(
      noted ? ['MyCompany::Stacks::Description is not invoked for the stack itself: its TargetOperations include STACK, but its TargetFilters name only resource types, and a stack-level call\'s target name is STACK'] : [],
    );
  });

});

describe('a registry hook whose handlers name STACK (--registry-hook)', () => {
  const source = readFileSync(join(fixtures, 'undescribed.json'), 'utf8');

  it('create: the registry payload, PascalCase (Template as submitted, empty PreviousTemplate, ResolvedTemplate), targetType STACK, targetModel {}', async () => {
    const { code, run } = await simulateJson(fixtures, 'undescribed.json', '--stack-name', 'shop', '--hooks', registryHooks(), '--registry-hook', 'stack-registry-hook');
    expect(code).toBe(1);
    expect(run.invocations.map((i) => [i.hookTypeName, i.hookStatus, i.message])).toEqual([
      ['Acme::Stacks::Described', 'FAILED', `STACK STACK shop keys=Template,PreviousTemplate,ResolvedTemplate template=${source.length} previous=0 resolved=[Queue] model={}`],
    ]);
    // A registry hook's message is in its events (only Lambda hooks' are replaced).
    expect(run.events[2]?.hookStatusReason).toMatch(/^Hook failed with message: STACK STACK shop/);
    expect(run.events.filter((e) => e.logicalResourceId === 'Queue')).toEqual([]);
  });

  it('update: the deployed template as submitted in PreviousTemplate', async () => {
    const previous = readFileSync(join(fixtures, 'stack-v1.yml'), 'utf8');
    const { code, run } = await simulateJson(fixtures, 'stack-v2.yml', '--operation', 'update', '--previous', 'stack-v1.yml', '--stack-name', 'shop', '--hooks', registryHooks(), '--registry-hook', 'stack-registry-hook');
    expect(code).toBe(0);
    expect(run.invocations[0]?.message).toContain(`previous=${previous.length}`);
    expect(run.invocations[0]?.invocationPoint).toBe('UPDATE_PRE_PROVISION');
  });

  it('delete: empty templates; a refused delete would fail the stack (here the hook passes)', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'delete', '--stack-name', 'shop', '--hooks', registryHooks(), '--registry-hook', 'stack-registry-hook');
    expect(code).toBe(0);
    expect(run.invocations[0]?.message).toBe('STACK STACK shop keys=Template,PreviousTemplate,ResolvedTemplate template=0 previous=0 resolved=[] model={}');
  });
});

describe('hooks that cannot be called for the stack are reported, never silently dropped', () => {
  it("this project's hook with TargetOperations [STACK]: its handlers name no STACK target", async () => {
    const hooks = file(
      'hooks.yaml',
      `Resources:
  Mine:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: MyCompany::Testing::MyTestHook
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["STACK"]}}}'
`,
    );
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', hooks);
    expect(code).toBe(0);
    expect(run.invocations).toEqual([]);
    expect(run.warnings?.map((w) => w.message)).toContainEqual(
      'MyCompany::Testing::MyTestHook is not invoked for this stack: TargetOperations [STACK] does not include RESOURCE, and its handlers name no STACK target',
    );
  });

  it('a hook whose schema names no STACK target: HC117 says why, and no note blames its TargetFilters', async () => {
    // MyTestHook's handlers name the bucket and queue only: filters cannot widen that, so adding STACK to them would not help.
    const config = file(
      'config.json',
      JSON.stringify({
        CloudFormationConfiguration: {
          HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'WARN', TargetOperations: ['RESOURCE', 'STACK'], Properties: {}, TargetFilters: { TargetNames: ['AWS::S3::*'] } },
        },
      }),
    );
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--stack-name', 'shop', '--config', config);
    expect(code).toBe(0);
    expect(run.invocations.map((i) => i.targetType)).toEqual(['RESOURCE']);
    const notes = (run.warnings ?? []).map((w) => w.message);
    expect(notes.filter((m) => m.includes('is not invoked for the stack itself'))).toEqual([]);
    expect(notes.filter((m) => m.includes('STACK needs'))).toHaveLength(1);
  });
});
