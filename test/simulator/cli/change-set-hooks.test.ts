/**
 * CHANGE_SET targets end to end through main(): `--operation change-set` with each hook kind (a Lambda module, a
 * registry hook project, a Guard hook on the real cfn-guard), the change set's status and reason, the
 * DescribeChangeSetHooks plan, --execute with changeSetId in every request, and the command line's rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_CHANGES_REASON } from '../../../simulator/cloudformation/change-set';
import { parseSimulateArgs } from '../../../simulator/cli/options';
import { cfnGuardForTests } from '../../support/cfn-guard';
import { hookTypeConfigFile, runSimulate, runSimulateJson, scratchFolderPerTest, type SimulateRun } from '../../support/simulate-cli';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'hooks-file');
const examples = join(repo, 'docs', 'examples', 'hooks');
const removalsFunction = join(examples, 'change-set-removals.js');

interface JsonRun {
  stack: { finalStatus: string | null; outcome: string; operation: string; rejection?: { errorCode: string; message: string } };
  changeSet: {
    name: string;
    id: string;
    type: string;
    status: string;
    statusReason: string | null;
    executionStatus: string;
    executed: boolean;
    changes: { Action: string; LogicalResourceId: string; Replacement?: string; Scope?: string[]; LineNumber: number | null }[];
    hooks: { Status: string; Hooks: { TypeName: string; TargetDetails: { ResourceTargetDetails: { LogicalResourceId: string; ResourceAction: string } } }[] };
  };
  invocations: {
    logicalResourceId: string;
    targetName: string;
    targetType: string;
    invocationPoint: string;
    hookTypeName: string;
    hookStatus: string;
    message: string;
    answeredStatus?: string;
    logBucketReport?: { uri: string };
  }[];
  events: { logicalResourceId: string; resourceStatus: string; hookStatus: string | null }[];
  hookResults: { TypeName: string; Status: string; HookStatusReason: string; Target: { TargetType: string; TargetTypeName: string; TargetId: string; Action: string }; Annotations: { AnnotationName: string; Status: string; RemediationMessage?: string }[] }[];
  warnings?: { code: string; message: string }[];
}

async function simulate(cwd: string, ...argv: string[]): Promise<SimulateRun> {
  return runSimulate(cwd, argv);
}

async function simulateJson(cwd: string, ...argv: string[]): Promise<{ code: number; run: JsonRun; err: string }> {
  return runSimulateJson<JsonRun>(cwd, ['--format', 'json', ...argv]);
}

const scratch = scratchFolderPerTest('change-set-hooks-');
const file = (name: string, text: string): string => scratch.file(name, text);

/** A hooks file of one Lambda hook on every target (STACK, RESOURCE, CHANGE_SET) that succeeds with `message` (a JS expression over `event`). */
function echoHooksFile(message: string): string {
  const echo = file('echo.js', `exports.handler = async (event) => ({ hookStatus: 'SUCCESS', clientRequestToken: event.clientRequestToken, message: ${message} });\n`);
  return file(
    'echo-hooks.yaml',
    `Resources:
  Echo:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Acme::Echo::All
      LambdaFunction: ${JSON.stringify(echo)}
      ExecutionRole: arn:aws:iam::123456789012:role/hook
      FailureMode: FAIL
      TargetOperations: [STACK, RESOURCE, CHANGE_SET]
`,
  );
}

/** v1 without its bucket: an update change set that removes a resource holding data. */
const withoutBucket = (): string =>
  file(
    'queue-only.yml',
    `AWSTemplateFormatVersion: "2010-09-09"
Description: v1 without its bucket.
Resources:
  JobsQueue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/aws/sqs
`,
  );

/** The documented keep-data Lambda hook under each alias given (FAIL unless said), and optionally this project's hook for RESOURCE. */
function keepDataHooks(options: { aliases?: string[]; failureMode?: string; operations?: string; project?: boolean } = {}): string {
  const hooks = (options.aliases ?? ['MyCompany::ChangeSets::KeepData']).map(
    (alias, i) => `  KeepData${i}:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: ${alias}
      LambdaFunction: ${JSON.stringify(removalsFunction)}
      ExecutionRole: arn:aws:iam::123456789012:role/hook
      FailureMode: ${options.failureMode ?? 'FAIL'}
      TargetOperations: ${options.operations ?? '[CHANGE_SET]'}
`,
  );
  const project = `  MyTestHookConfiguration:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: MyCompany::Testing::MyTestHook
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["RESOURCE"]}}}'
`;
  return file('hooks.yaml', `Resources:\n${options.project ? project : ''}${hooks.join('')}`);
}

describe('a Lambda hook (docs/examples/hooks/change-set-removals.js, a local module)', () => {
  it('a CREATE change set: called once for the change set, CREATE_COMPLETE, the plan lists the RESOURCE hooks (exit 0)', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'change-set', '--stack-name', 'shop', '--hooks', keepDataHooks({ project: true }));
    expect(code).toBe(0);
    expect(run.stack).toEqual({ name: 'shop', operation: 'create', finalStatus: 'REVIEW_IN_PROGRESS', outcome: 'SUCCEEDED' });
    expect(run.changeSet).toMatchObject({ name: 'simulated-change-set', type: 'CREATE', status: 'CREATE_COMPLETE', statusReason: null, executionStatus: 'AVAILABLE', executed: false });
    expect(run.changeSet.id).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:changeSet\/simulated-change-set\/[0-9a-f-]{36}$/);
    // The lines are the logical ids' lines in stack-v1.yml, from the located reader.
    expect(run.changeSet.changes.map((c) => [c.Action, c.LogicalResourceId, c.LineNumber])).toEqual([
      ['Add', 'DataBucket', 4],
      ['Add', 'JobsQueue', 17],
    ]);
    expect(run.invocations.map((i) => [i.logicalResourceId, i.targetName, i.targetType, i.invocationPoint, i.hookTypeName, i.hookStatus, i.message])).toEqual([
      [run.changeSet.id, 'CHANGE_SET', 'CHANGE_SET', 'CREATE_PRE_PROVISION', 'MyCompany::ChangeSets::KeepData', 'SUCCESS', '2 change(s), no resource that holds data is removed'],
    ]);
    expect(run.hookResults[0]?.Target).toEqual({ TargetType: 'CHANGE_SET', TargetTypeName: 'CHANGE_SET', TargetId: run.changeSet.id, Action: 'CREATE' });
    expect(run.changeSet.hooks.Status).toBe('PLANNED');
    expect(run.changeSet.hooks.Hooks.map((h) => [h.TypeName, h.TargetDetails.ResourceTargetDetails.LogicalResourceId, h.TargetDetails.ResourceTargetDetails.ResourceAction])).toEqual([
      ['MyCompany::Testing::MyTestHook', 'DataBucket', 'Add'],
      ['MyCompany::Testing::MyTestHook', 'JobsQueue', 'Add'],
    ]);
    expect(run.events.map((e) => [e.logicalResourceId, e.resourceStatus])).toEqual([['shop', 'REVIEW_IN_PROGRESS']]);
    // The project's hook is a RESOURCE hook: planned, not "not invoked".
    expect(run.warnings ?? []).toEqual([]);
  });

  it('an UPDATE change set that removes the bucket: FAILED with the service reason, the annotation, no execution even with --execute (exit 1)', async () => {
    const { code, run } = await simulateJson(scratch.dir, withoutBucket(), '--operation', 'change-set', '--previous', join(fixtures, 'stack-v1.yml'), '--stack-name', 'shop', '--execute', '--hooks', keepDataHooks({ project: true }));
    expect(code).toBe(1);
    expect(run.changeSet).toMatchObject({
      type: 'UPDATE',
      status: 'FAILED',
      statusReason: 'Change set creation failed. The following hook(s) failed: [MyCompany::ChangeSets::KeepData]',
      executionStatus: 'UNAVAILABLE',
      executed: false,
      hooks: { Status: 'UNAVAILABLE', Hooks: [] },
    });
    expect(run.changeSet.changes.map((c) => [c.Action, c.LogicalResourceId, c.LineNumber])).toEqual([['Remove', 'DataBucket', null]]);
    // "Those failures don't produce events": no stack event at all for an update change set.
    expect(run.events).toEqual([]);
    expect(run.stack).toMatchObject({ operation: 'update', finalStatus: null, outcome: 'FAILED' });
    expect(run.hookResults[0]).toMatchObject({ Status: 'HOOK_COMPLETE_FAILED', HookStatusReason: 'the change set removes 1 resource(s) that hold data: DataBucket (AWS::S3::Bucket)' });
    expect(run.hookResults[0]?.Annotations).toEqual([expect.objectContaining({ AnnotationName: 'keep-stateful-resources', Status: 'FAILED', RemediationMessage: expect.stringMatching(/DeletionPolicy: Retain/) })]);
  });

  it('the text view: status, reason, changes, plan, the failed annotation with its remediation, and the verdict', async () => {
    const { code, out } = await simulate(scratch.dir, withoutBucket(), '--operation', 'change-set', '--previous', join(fixtures, 'stack-v1.yml'), '--stack-name', 'shop', '--change-set-name', 'retire-bucket', '--hooks', keepDataHooks());
    expect(code).toBe(1);
    expect(out).toMatch(/^Stack shop: update change set retire-bucket in us-east-1, account 123456789012$/m);
    expect(out).toMatch(/^Change set retire-bucket \(arn:aws:cloudformation:us-east-1:123456789012:changeSet\/retire-bucket\/[0-9a-f-]+\): FAILED, execution UNAVAILABLE$/m);
    expect(out).toMatch(/^ {2}Change set creation failed\. The following hook\(s\) failed: \[MyCompany::ChangeSets::KeepData\]$/m);
    expect(out).toMatch(/^Remove {2}DataBucket {2}AWS::S3::Bucket *$/m);
    expect(out).toMatch(/^ {2}change set retire-bucket MyCompany::ChangeSets::KeepData HIGH keep-stateful-resources: DataBucket \(AWS::S3::Bucket\) would be deleted, and its data with it$/m);
    expect(out).toMatch(/^ {6}remediation: Keep the resource in the template\./m);
    expect(out).toMatch(/^Verdict: change set FAILED: Change set creation failed\. The following hook\(s\) failed: \[MyCompany::ChangeSets::KeepData\] \(MyCompany::ChangeSets::KeepData: NonCompliant: /m);
  });

  it('WARN does not fail the change set; --execute then runs the update with the RESOURCE hook (exit 0)', async () => {
    const { code, run } = await simulateJson(scratch.dir, withoutBucket(), '--operation', 'change-set', '--previous', join(fixtures, 'stack-v1.yml'), '--stack-name', 'shop', '--execute', '--hooks', keepDataHooks({ failureMode: 'WARN' }));
    expect(code).toBe(0);
    expect(run.changeSet).toMatchObject({ status: 'CREATE_COMPLETE', statusReason: null, executed: true, executionStatus: 'EXECUTE_COMPLETE' });
    expect(run.hookResults[0]?.Status).toBe('HOOK_COMPLETE_FAILED');
    expect(run.stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(run.events.map((e) => [e.logicalResourceId, e.resourceStatus])).toContainEqual(['DataBucket', 'DELETE_COMPLETE']);
  });

  it('several FAIL hooks: every one is called and the reason names them all', async () => {
    const { code, run } = await simulateJson(scratch.dir, withoutBucket(), '--operation', 'change-set', '--previous', join(fixtures, 'stack-v1.yml'), '--hooks', keepDataHooks({ aliases: ['Acme::Keep::One', 'Acme::Keep::Two'] }));
    expect(code).toBe(1);
    expect(run.invocations.map((i) => [i.hookTypeName, i.hookStatus])).toEqual([
      ['Acme::Keep::One', 'FAILED'],
      ['Acme::Keep::Two', 'FAILED'],
    ]);
    expect(run.changeSet.statusReason).toBe('Change set creation failed. The following hook(s) failed: [Acme::Keep::One, Acme::Keep::Two]');
  });

  it('--execute: changeSetId is set in every request of the stack operation (STACK and RESOURCE), and only then', async () => {
    // An echoing Lambda hook on every target: what changeSetId each request carried.
    const hooks = echoHooksFile(`event.requestData.targetType + ' changeSetId=' + (event.changeSetId ?? 'none')`);
    const executed = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'change-set', '--execute', '--hooks', hooks);
    expect(executed.code).toBe(0);
    const id = executed.run.changeSet.id;
    expect(executed.run.invocations.map((i) => i.message)).toEqual([`CHANGE_SET changeSetId=${id}`, `STACK changeSetId=${id}`, `AWS::S3::Bucket changeSetId=${id}`, `AWS::SQS::Queue changeSetId=${id}`]);
    expect(executed.run.stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(executed.run.events.slice(0, 2).map((e) => e.resourceStatus)).toEqual(['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS']);
    const direct = await simulateJson(fixtures, 'stack-v1.yml', '--hooks', hooks);
    expect(direct.run.invocations.map((i) => i.message)).toEqual(['STACK changeSetId=none', 'AWS::S3::Bucket changeSetId=none', 'AWS::SQS::Queue changeSetId=none']);
    expect(direct.run).not.toHaveProperty('changeSet');
  });

  it('an update that changes nothing: the change set fails with the service reason, no hook is called (exit 2)', async () => {
    const { code, out } = await simulate(fixtures, 'stack-v1.yml', '--operation', 'change-set', '--previous', 'stack-v1.yml', '--hooks', keepDataHooks());
    expect(code).toBe(2);
    expect(out).toMatch(/^Verdict: change set FAILED: The submitted information didn't contain changes\. Submit different information to create a change set\.$/m);
  });
});

describe('an update whose only change is outside the resources: its Outputs are updated, its Description or Metadata alone is no change', () => {
  // aws/aws-cdk#2029: "If only stack Outputs are changed, CloudFormation generates a ChangeSet that is executable but
  // has 0 changes"; the User Guide: "During a stack update, you cannot update the Description section by itself" (and
  // the Metadata section), while its Outputs section no longer says so. [unconfirmed] the same for UpdateStack.
  const v1 = readFileSync(join(fixtures, 'stack-v1.yml'), 'utf8');
  const withOutputs = (value: string): string => `${v1}Outputs:\n  Queue:\n    Value: ${value}\n`;
  const echoHooks = (): string => echoHooksFile('event.requestData.targetType');
  it.each<[string, string, string, boolean]>([
    ['an output added', v1, withOutputs('!Ref JobsQueue'), true],
    ['an output removed', withOutputs('!Ref JobsQueue'), v1, true],
    ["an output's value changed", withOutputs('!Ref JobsQueue'), withOutputs('!GetAtt JobsQueue.Arn'), true],
    ["an output's description changed", withOutputs('!Ref JobsQueue'), withOutputs('!Ref JobsQueue').replace('  Queue:\n', '  Queue:\n    Description: the jobs\n'), true],
    ['the Description alone', v1, v1.replace('Description: A tagged', 'Description: Another tagged'), false],
    ['a Metadata section alone', v1, `${v1}Metadata:\n  Owner: data-team\n`, false],
    ['the same template', v1, v1, false],
  ])('%s', async (_name, previous, next, updated) => {
    const args = ['--previous', file('previous.yml', previous), '--stack-name', 'shop', '--hooks', echoHooks()];
    const direct = await simulateJson(scratch.dir, file('next.yml', next), '--operation', 'update', ...args);
    const changeSet = await simulateJson(scratch.dir, file('next.yml', next), '--operation', 'change-set', '--execute', ...args);
    if (updated) {
      // An update of no resource: the stack's own events, the STACK hook, no resource event and no RESOURCE hook.
      const stackEvents = [['shop', 'UPDATE_IN_PROGRESS'], ['shop', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'], ['shop', 'UPDATE_COMPLETE']];
      expect([direct.code, direct.run.stack.finalStatus, direct.run.invocations.map((i) => i.message)]).toEqual([0, 'UPDATE_COMPLETE', ['STACK']]);
      // The stack's own events (its STACK hook's HOOK_* events among them), none for a resource.
      const stackOnly = (events: JsonRun['events']): unknown => [new Set(events.map((e) => e.logicalResourceId)), events.filter((e) => e.hookStatus === null).map((e) => [e.logicalResourceId, e.resourceStatus])];
      expect(stackOnly(direct.run.events)).toEqual([new Set(['shop']), stackEvents]);
      expect([changeSet.code, changeSet.run.changeSet.status, changeSet.run.changeSet.changes, changeSet.run.changeSet.executionStatus]).toEqual([0, 'CREATE_COMPLETE', [], 'EXECUTE_COMPLETE']);
      expect(changeSet.run.invocations.map((i) => i.message)).toEqual(['CHANGE_SET', 'STACK']);
      expect(stackOnly(changeSet.run.events)).toEqual([new Set(['shop']), stackEvents]);
    } else {
      expect([direct.code, direct.run.stack.rejection?.message, direct.run.invocations]).toEqual([2, 'No updates are to be performed.', []]);
      expect([changeSet.code, changeSet.run.changeSet.status, changeSet.run.changeSet.statusReason, changeSet.run.invocations]).toEqual([2, 'FAILED', NO_CHANGES_REASON, []]);
    }
  });
});

describe("an update whose only change is a resource's DeletionPolicy, UpdateReplacePolicy, Metadata, CreationPolicy or UpdatePolicy updates it; DependsOn alone is no change", () => {
  // The API's ResourceChange.Scope lists these attributes; ministackorg/ministack#1646 measured an account (2026-09-02):
  // "the policy edit lists Modify / False / UpdateReplacePolicy", "a DependsOn-only edit stays a no-change set".
  // [unconfirmed] that the service calls the resource's RESOURCE hooks for it: the simulator does, as for any update.
  const v1 = readFileSync(join(fixtures, 'stack-v1.yml'), 'utf8');
  const QUEUE = '    Type: AWS::SQS::Queue\n';
  const queueWith = (lines: string): string => `${v1.replace(QUEUE, `${QUEUE}${lines}`)}Parameters:\n  Signals:\n    Type: Number\n    Default: 1\n`;
  const echoHooks = (): string =>
    echoHooksFile("event.requestData.targetModel?.resourceProperties ? `RESOURCE ${event.requestData.targetLogicalId} same=${JSON.stringify(event.requestData.targetModel.previousResourceProperties) === JSON.stringify(event.requestData.targetModel.resourceProperties)}` : event.requestData.targetType");
  it.each<[string, string, string, string[] | undefined]>([
    ['DeletionPolicy Delete to Retain', queueWith('    DeletionPolicy: Delete\n'), queueWith('    DeletionPolicy: Retain\n'), ['DeletionPolicy']],
    ['UpdateReplacePolicy added', queueWith(''), queueWith('    UpdateReplacePolicy: Retain\n'), ['UpdateReplacePolicy']],
    ['Metadata added', queueWith(''), queueWith('    Metadata: {a: 1}\n'), ['Metadata']],
    ['Metadata changed through an intrinsic', queueWith("    Metadata: {Stack: !Sub '${AWS::StackName}-v1'}\n"), queueWith("    Metadata: {Stack: !Sub '${AWS::StackName}-v2'}\n"), ['Metadata']],
    ['CreationPolicy changed through a parameter', queueWith('    CreationPolicy: {ResourceSignal: {Count: 1}}\n'), queueWith('    CreationPolicy: {ResourceSignal: {Count: !Ref Signals, Timeout: PT5M}}\n'), ['CreationPolicy']],
    ['UpdatePolicy added', queueWith(''), queueWith('    UpdatePolicy: {AutoScalingReplacingUpdate: {WillReplace: true}}\n'), ['UpdatePolicy']],
    ['both policies, as CDK writes a removalPolicy', queueWith('    DeletionPolicy: Delete\n    UpdateReplacePolicy: Delete\n'), queueWith('    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n'), ['DeletionPolicy', 'UpdateReplacePolicy']],
    ['Metadata that resolves the same (no change)', queueWith("    Metadata: {Stack: 'shop'}\n"), queueWith("    Metadata: {Stack: !Ref AWS::StackName}\n"), undefined],
    ['DependsOn alone (no change)', queueWith(''), queueWith('    DependsOn: DataBucket\n'), undefined],
  ])('%s', async (_name, previous, next, scope) => {
    const args = ['--previous', file('previous.yml', previous), '--stack-name', 'shop', '--hooks', echoHooks()];
    const direct = await simulateJson(scratch.dir, file('next.yml', next), '--operation', 'update', ...args);
    const changeSet = await simulateJson(scratch.dir, file('next.yml', next), '--operation', 'change-set', '--execute', ...args);
    if (scope === undefined) {
      expect([direct.code, direct.run.stack.rejection?.message, direct.run.invocations]).toEqual([2, 'No updates are to be performed.', []]);
      expect([changeSet.code, changeSet.run.changeSet.status, changeSet.run.changeSet.statusReason, changeSet.run.invocations]).toEqual([2, 'FAILED', NO_CHANGES_REASON, []]);
      return;
    }
    const resourceCall = 'RESOURCE JobsQueue same=true';
    expect([direct.code, direct.run.stack.finalStatus, direct.run.invocations.map((i) => i.message)]).toEqual([0, 'UPDATE_COMPLETE', ['STACK', resourceCall]]);
    expect(direct.run.events.filter((e) => e.logicalResourceId === 'JobsQueue' && e.hookStatus === null).map((e) => e.resourceStatus)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
    const note = `JobsQueue changes only in its ${scope.join(', ')}: CloudFormation updates it (Modify, Replacement False) with its properties unchanged`;
    expect(direct.run.warnings?.filter((w) => w.code === 'SIM_ATTRIBUTES_ONLY').map((w) => w.message.slice(0, note.length))).toEqual([note]);
    expect([changeSet.code, changeSet.run.changeSet.status, changeSet.run.changeSet.executionStatus]).toEqual([0, 'CREATE_COMPLETE', 'EXECUTE_COMPLETE']);
    expect(changeSet.run.changeSet.changes).toEqual([{ Action: 'Modify', LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', Replacement: 'False', Scope: scope, LineNumber: 17 }]);
    expect(changeSet.run.invocations.map((i) => i.message)).toEqual(['CHANGE_SET', 'STACK', resourceCall]);
  });

  it('an attribute that changes with a property is listed after Properties, and no note is given', async () => {
    const next = queueWith('    DeletionPolicy: Retain\n').replace('KmsMasterKeyId: alias/aws/sqs', 'KmsMasterKeyId: alias/other');
    const { code, run } = await simulateJson(scratch.dir, file('next.yml', next), '--operation', 'change-set', '--previous', file('previous.yml', queueWith('')), '--stack-name', 'shop');
    expect([code, run.changeSet.changes.map((c) => [c.Action, c.Replacement, c.Scope]), (run.warnings ?? []).some((w) => w.code === 'SIM_ATTRIBUTES_ONLY')]).toEqual([0, [['Modify', 'False', ['Properties', 'DeletionPolicy']]], false]);
  });
});

describe('a change set not executed names the stack hooks its execution would call', () => {
  // DescribeChangeSetHooks lists RESOURCE targets only (hooks-today §7), so the plan table leaves them out; the verdict
  // counted resource calls alone and never named a FAIL stack hook that then failed the execution (h31-author #9).
  const stackHook = (alias: string, failureMode: string, extra = ''): string =>
    `  ${alias.replace(/::/g, '')}:\n    Type: AWS::CloudFormation::LambdaHook\n    Properties:\n      Alias: ${alias}\n      LambdaFunction: ./allow.js\n      ExecutionRole: arn:aws:iam::123456789012:role/hook\n      FailureMode: ${failureMode}\n      TargetOperations: [STACK]\n${extra}`;
  const PLANNED = 'executing it would call 0 resource hook invocations';
  it.each<[string, string[], string | undefined]>([
    ['one FAIL stack hook: named with its failure mode', [stackHook('Acme::Stack::Keep', 'FAIL')], `${PLANNED}, and a stack hook before them, which DescribeChangeSetHooks does not list: Acme::Stack::Keep (FAIL) (--execute simulates it).`],
    ['two: both named, in the account\'s order', [stackHook('Acme::Stack::Keep', 'FAIL'), stackHook('Acme::Stack::Note', 'WARN')], `${PLANNED}, and 2 stack hooks before them, which DescribeChangeSetHooks does not list: Acme::Stack::Keep (FAIL), Acme::Stack::Note (WARN) (--execute simulates it).`],
    ['StackFilters that exclude the stack: not named', [stackHook('Acme::Stack::Keep', 'FAIL', '      StackFilters:\n        FilteringCriteria: ALL\n        StackNames: {Exclude: [shop]}\n')], undefined],
    ['TargetFilters Actions [UPDATE] on a CREATE change set: not named', [stackHook('Acme::Stack::Keep', 'FAIL', '      TargetFilters:\n        Actions: [UPDATE]\n')], undefined],
  ])('%s', async (_name, hooks, expected) => {
    file('allow.js', "exports.handler = async (event) => ({ hookStatus: 'SUCCESS', message: 'ok', clientRequestToken: event.clientRequestToken });\n");
    file('hooks.yaml', `Resources:\n${hooks.join('')}`);
    const { code, out } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--operation', 'change-set', '--stack-name', 'shop', '--hooks', 'hooks.yaml', '--quiet');
    expect(code).toBe(0);
    expect(out).toBe(`Verdict: change set CREATE_COMPLETE: the change set would be created (0 change-set hook invocations); ${expected ?? `${PLANNED} (--execute simulates it).`}\n`);
  });
});

describe('a registry (custom) hook whose handlers name CHANGE_SET (--registry-hook)', () => {
  const registryHooks = (): string =>
    file(
      'hooks.yaml',
      hookTypeConfigFile('Recorder', 'Acme::ChangeSets::Recorder', { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['CHANGE_SET', 'RESOURCE'] }),
    );

  it('gets the registry payload, PascalCase (ChangedResources with string properties), and targetModel {}; --execute then calls it for the queue with changeSetId', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v2.yml', '--operation', 'change-set', '--previous', 'stack-v1.yml', '--execute', '--hooks', registryHooks(), '--registry-hook', 'change-set-registry-hook');
    expect(code).toBe(0);
    const id = run.changeSet.id;
    expect(run.invocations.map((i) => [i.targetType, i.hookStatus, i.message])).toEqual([
      ['CHANGE_SET', 'SUCCESS', 'CHANGE_SET CHANGE_SET id=changeSetId keys=Template,PreviousTemplate,ResolvedTemplate,ChangedResources model={} previous=true changes=UPDATE:DataBucket:4:after:before UPDATE:JobsQueue:15:after:before'],
      ['RESOURCE', 'SUCCESS', `RESOURCE JobsQueue changeSetId=${id}`],
    ]);
    expect(run.changeSet.hooks.Hooks.map((h) => h.TargetDetails.ResourceTargetDetails.LogicalResourceId)).toEqual(['JobsQueue']);
  });

  it('refuses a change set that deletes: FAILED naming the registry hook', async () => {
    const { code, run } = await simulateJson(scratch.dir, withoutBucket(), '--operation', 'change-set', '--previous', join(fixtures, 'stack-v1.yml'), '--hooks', registryHooks(), '--registry-hook', join(fixtures, 'change-set-registry-hook'));
    expect(code).toBe(1);
    expect(run.invocations[0]?.message).toMatch(/ changes=DELETE:DataBucket:null:-:before$/);
    expect(run.changeSet.statusReason).toBe('Change set creation failed. The following hook(s) failed: [Acme::ChangeSets::Recorder]');
  });

  // A custom hook's CHANGE_SET_SUCCESS_SKIP_STACK_HOOK (java-plugin HookStatus, python-plugin interface.py; commit
  // 36e4e41: "there is no need to invoke against the stack once the change set is processed").
  const skipperProject = (changeSetStatus: string): string => {
    file('.rpdk-config', JSON.stringify({ artifact_type: 'HOOK', typeName: 'Acme::Stacks::Skipper', language: 'javascript', entrypoint: 'handlers.entrypoint' }));
    file(
      'acme-stacks-skipper.json',
      JSON.stringify({
        typeName: 'Acme::Stacks::Skipper',
        description: 'Answers its change-set call with the status under test, SUCCESS otherwise.',
        typeConfiguration: { properties: {}, additionalProperties: false },
        handlers: { preCreate: { targetNames: ['STACK', 'CHANGE_SET'], permissions: [] } },
        additionalProperties: false,
      }),
    );
    file(
      'handlers.js',
      `exports.entrypoint = async (e) => ({ hookStatus: e.requestData.targetType === 'CHANGE_SET' ? ${JSON.stringify(changeSetStatus)} : 'SUCCESS', message: e.requestData.targetType + ' ok', clientRequestToken: e.clientRequestToken });\n`,
    );
    return file(
      'hooks.yaml',
      hookTypeConfigFile('Skipper', 'Acme::Stacks::Skipper', { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['STACK', 'CHANGE_SET'] }),
    );
  };

  it.each<[string, string, string[], string[]]>([
    [
      'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK: the change set is created and its execution skips the hook\'s STACK call, saying why',
      'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK',
      ['CHANGE_SET SUCCESS CHANGE_SET_SUCCESS_SKIP_STACK_HOOK'],
      ['Acme::Stacks::Skipper is not invoked for the stack itself: its call for change set simulated-change-set answered CHANGE_SET_SUCCESS_SKIP_STACK_HOOK, which spares it the stack\'s call when the change set is executed'],
    ],
    ['SUCCESS: the execution calls it for the stack', 'SUCCESS', ['CHANGE_SET SUCCESS -', 'STACK SUCCESS -'], []],
  ])('%s', async (_name, changeSetStatus, calls, notes) => {
    const hooks = skipperProject(changeSetStatus);
    const { code, run } = await simulateJson(scratch.dir, join(fixtures, 'stack-v1.yml'), '--operation', 'change-set', '--execute', '--hooks', hooks, '--registry-hook', scratch.dir);
    expect(code).toBe(0);
    expect(run.changeSet).toMatchObject({ status: 'CREATE_COMPLETE', executed: true, executionStatus: 'EXECUTE_COMPLETE' });
    expect(run.invocations.map((i) => `${i.targetType} ${i.hookStatus} ${i.answeredStatus ?? '-'}`)).toEqual(calls);
    expect(run.hookResults[0]?.Status).toBe('HOOK_COMPLETE_SUCCEEDED');
    expect((run.warnings ?? []).filter((w) => w.code === 'SIM_HOOK_NOT_INVOKED').map((w) => w.message)).toEqual(notes);
    expect((run.warnings ?? []).filter((w) => w.code === 'SIM_HOOK_ANSWER')).toEqual([]);
  });

  it('the text view shows the status the hook answered beside SUCCESS', async () => {
    const { code, out } = await simulate(scratch.dir, join(fixtures, 'stack-v1.yml'), '--operation', 'change-set', '--hooks', skipperProject('CHANGE_SET_SUCCESS_SKIP_STACK_HOOK'), '--registry-hook', scratch.dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^change set simulated-change-set +CHANGE_SET +CREATE_PRE_PROVISION +SUCCESS \(CHANGE_SET_SUCCESS_SKIP_STACK_HOOK\) +CHANGE_SET ok$/m);
    // The answer spares it the stack's call: the verdict names no stack hook.
    expect(out).not.toMatch(/stack hook/);
  });

  it("this project's hook names no CHANGE_SET target: configured for CHANGE_SET, it is not called for the change set, and the run says so", async () => {
    const hooks = file(
      'hooks.yaml',
      `Resources:
  Mine:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: MyCompany::Testing::MyTestHook
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"FAIL","TargetOperations":["RESOURCE","CHANGE_SET"]}}}'
`,
    );
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'change-set', '--hooks', hooks);
    expect(code).toBe(0);
    expect(run.invocations).toEqual([]);
    expect(run.warnings).toContainEqual({
      code: 'SIM_HOOK_NOT_INVOKED',
      severity: 'info',
      message: 'MyCompany::Testing::MyTestHook is not invoked for this stack: not for the change set (its preCreate handler names no CHANGE_SET target)',
      path: '',
      line: 0,
      column: 0,
    });
    expect(run.changeSet.hooks.Hooks).toHaveLength(2);
  });
});

describe('nested stacks: a hook that targets only CHANGE_SET is not "not invoked" once per nested stack', () => {
  const nestedParent = join(repo, 'test', 'fixtures', 'nested', 'parent.yaml');
  const notInvoked = (run: JsonRun): string[] => (run.warnings ?? []).filter((w) => w.code === 'SIM_HOOK_NOT_INVOKED').map((w) => w.message);

  it.each<[string, string[], string[]]>([
    // The change set is the root's; its nested stacks run as stack operations, where the hook has no target.
    ['--operation change-set --execute: not said at all (the hook was called for the change set)', ['--operation', 'change-set', '--execute'], []],
    ['a plain create: said once, for the root', [], ['MyCompany::ChangeSets::KeepData is not invoked for this stack: TargetOperations [CHANGE_SET] includes neither RESOURCE nor STACK']],
  ])('%s', async (_, argv, expected) => {
    const { run } = await simulateJson(scratch.dir, nestedParent, '--stack-name', 'parent', ...argv, '--hooks', keepDataHooks());
    // Two nested stacks (Storage and its Logs) ran.
    expect(JSON.stringify(run)).toContain('parent-Storage-');
    expect(notInvoked(run)).toEqual(expected);
  });

  it('a reason that names the nested stack (StackFilters) is still said for it', async () => {
    const hooks = file(
      'filtered.yaml',
      `Resources:
  Mine:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: MyCompany::Testing::MyTestHook
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"WARN","TargetOperations":["RESOURCE"],"StackFilters":{"FilteringCriteria":"ALL","StackNames":{"Include":["parent"]}}}}}'
`,
    );
    const { run } = await simulateJson(scratch.dir, nestedParent, '--stack-name', 'parent', '--operation', 'change-set', '--execute', '--hooks', hooks);
    expect(notInvoked(run)).toEqual([
      expect.stringMatching(/^MyCompany::Testing::MyTestHook is not invoked for nested stack parent-Storage-\w+: StackFilters exclude stack 'parent-Storage-\w+' \(by StackNames\)$/),
      expect.stringMatching(/^MyCompany::Testing::MyTestHook is not invoked for nested stack parent-Storage-\w+-Logs-\w+: StackFilters exclude stack 'parent-Storage-\w+-Logs-\w+' \(by StackNames\)$/),
    ]);
  });
});

describe('a Guard hook (docs/examples/hooks/change-set-hooks.yaml, the real cfn-guard)', () => {
  const cfnGuard = cfnGuardForTests('simulate --operation change-set with Guard hooks');
  const itWithCfnGuard = cfnGuard === undefined ? it.skip : it;
  const exampleHooks = join(examples, 'change-set-hooks.yaml');

  itWithCfnGuard('reads Changes[].afterContext with json_parse: an unversioned bucket fails the rule under WARN, the change set is created', async () => {
    const { code, run } = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'change-set', '--stack-name', 'shop', '--hooks', exampleHooks, '--cfn-guard', cfnGuard as string);
    expect(code).toBe(0);
    expect(run.invocations.map((i) => [i.hookTypeName, i.targetType, i.hookStatus, i.message])).toEqual([
      ['MyCompany::ChangeSets::KeepData', 'CHANGE_SET', 'SUCCESS', '2 change(s), no resource that holds data is removed'],
      ['MyCompany::Guard::VersionedBuckets', 'CHANGE_SET', 'FAILED', 'Template failed validation, the following rule(s) failed: CHANGED_BUCKETS_VERSIONED.'],
    ]);
    const guard = run.hookResults[1];
    expect(guard).toMatchObject({ TypeName: 'MyCompany::Guard::VersionedBuckets', Target: { TargetType: 'CHANGE_SET', TargetId: run.changeSet.id, Action: 'CREATE' } });
    expect(guard?.Annotations).toEqual([expect.objectContaining({ AnnotationName: 'CHANGED_BUCKETS_VERSIONED', Status: 'FAILED', RemediationMessage: expect.stringMatching(/Fix: a bucket this change set creates or updates must have versioning enabled/) })]);
    expect(run.changeSet.status).toBe('CREATE_COMPLETE');
  });

  itWithCfnGuard('under FAIL the Guard hook fails the change set; a versioned bucket passes', async () => {
    const hooks = file(
      'guard-hooks.yaml',
      `Resources:
  Versioned:
    Type: AWS::CloudFormation::GuardHook
    Properties:
      Alias: Acme::Guard::Versioned
      RuleLocation: {Uri: ${JSON.stringify(join(examples, 'rules', 'change-set-buckets.guard'))}}
      ExecutionRole: arn:aws:iam::123456789012:role/guard
      HookStatus: ENABLED
      FailureMode: FAIL
      TargetOperations: [CHANGE_SET]
      LogBucket: guard-logs
`,
    );
    const refused = await simulateJson(fixtures, 'stack-v1.yml', '--operation', 'change-set', '--stack-name', 'shop', '--hooks', hooks, '--cfn-guard', cfnGuard as string);
    expect(refused.code).toBe(1);
    expect(refused.run.changeSet.statusReason).toBe('Change set creation failed. The following hook(s) failed: [Acme::Guard::Versioned]');
    // The LogBucket report of a change-set evaluation is keyed by the target type and the stack's name.
    const logged = refused.run.invocations[0]?.logBucketReport?.uri ?? '';
    expect(logged).toMatch(/^s3:\/\/guard-logs\/cfn-guard-validate-report\/CHANGE_SET-shop\/\d{13}\.json$/);
    expect(refused.run.invocations[0]?.message).toBe(`Template failed validation, the following rule(s) failed: CHANGED_BUCKETS_VERSIONED. Full output was written to ${logged}`);
    const versioned = file('versioned.yml', 'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: Enabled\n');
    const passed = await simulateJson(scratch.dir, versioned, '--operation', 'change-set', '--hooks', hooks, '--cfn-guard', cfnGuard as string);
    expect(passed.code).toBe(0);
    expect(passed.run.invocations.map((i) => i.message)).toEqual(['Successful validation']);
  });
});

describe('the command line', () => {
  it.each([
    [['t.yml', '--operation', 'change-set'], { operation: 'create', changeSet: { name: 'simulated-change-set', execute: false } }],
    [['t.yml', '--operation', 'change-set', '--previous', 'old.yml', '--execute'], { operation: 'update', changeSet: { name: 'simulated-change-set', execute: true } }],
    [['t.yml', '--operation', 'change-set', '--from-stack', 'shop', '--change-set-name', 'Deploy-42'], { operation: 'update', changeSet: { name: 'Deploy-42', execute: false } }],
  ])('%j', (argv, expected) => {
    expect(parseSimulateArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [['t.yml', '--execute'], /--change-set-name and --execute are only for --operation change-set/],
    [['t.yml', '--operation', 'update', '--previous', 'o.yml', '--change-set-name', 'x'], /only for --operation change-set/],
    [['t.yml', '--operation', 'change-set', '--change-set-name', '1st'], /"1st" is not a valid change set name/],
    [['t.yml', '--operation', 'change-set', '--change-set-name', 'a_b'], /not a valid change set name/],
    [['t.yml', '--operation', 'changeset'], /--operation must be create, update, delete or change-set, got "changeset"/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseSimulateArgs(argv)).toThrow(message);
  });
});

describe('a cloud assembly is deployed as cdk deploy deploys it', () => {
  const assembly = join(repo, 'test', 'fixtures', 'assembly', 'termination-protection', 'cdk.out');
  const hooks = join(fixtures, 'change-set-hooks.yaml');
  it.each<[string, string[], number, RegExp]>([
    ['by default through a change set, created (its CHANGE_SET hooks called) and executed', [], 2, /^Stack Protected: create change set cdk-deploy-change-set, executed in /m],
    ['with --method direct by CreateStack, which calls no CHANGE_SET hook', ['--method', 'direct'], 1, /^Stack Protected: create in [\s\S]*info SIM_HOOK_NOT_INVOKED MyCompany::ChangeSets::KeepData is not invoked/m],
  ])('%s', async (_name, argv, hookCalls, output) => {
    const { code, out, err } = await runSimulate(repo, [assembly, '--hooks', hooks, ...argv]);
    expect(code).toBe(0);
    expect(`${out}${err}`).toMatch(output);
    expect(out).toMatch(new RegExp(`\\S+ Protected +Protected +CREATE_COMPLETE +${hookCalls} +0 +0\\n`));
  });

  it.each([
    [['t.yml', '--method', 'cdk'], /--method must be change-set or direct \(as cdk deploy --method\), got "cdk"/],
    [['t.yml', '--method', 'direct', '--operation', 'delete'], /not for --operation delete \(cdk destroy deletes each stack directly\)/],
    [['t.yml', '--method', 'direct', '--operation', 'change-set'], /not for --operation change-set \(which is a change set already\)/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseSimulateArgs(argv)).toThrow(message);
  });
});

describe('a change set over nested stacks', () => {
  const nested = scratchFolderPerTest('change-set-nested-');
  it('says the planned count is this stack\'s alone, and an execution judges the nested stack\'s resources', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const parent = 'Resources:\n  Storage:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n';
    const compliant = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}\n            BucketKeyEnabled: true\n';
    for (const [folder, child] of [['old', compliant], ['new', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n']] as const) {
      mkdirSync(join(nested.dir, folder));
      writeFileSync(join(nested.dir, folder, 'parent.yaml'), parent);
      writeFileSync(join(nested.dir, folder, 'child.yaml'), child);
    }
    const created = await runSimulate(nested.dir, ['new/parent.yaml', '--operation', 'change-set', '--previous', 'old/parent.yaml', '--quiet']);
    expect(created.code).toBe(0);
    expect(created.err).toMatch(/^warning SIM_NESTED_CHANGE_SET the change set adds or modifies nested stack Storage: the hooks their resources get when it is executed are not in the count/m);
    // Only IncludeNestedStacks gives a nested stack a change set of its own; without it (the CLI's default) the execution updates it.
    expect(created.err).toContain(
      "(with IncludeNestedStacks the service gives each nested stack a change set of its own; without it, the CLI's default, they are updated when the change set is executed)",
    );
    expect(created.out).toMatch(/executing it would call 0 resource hook invocations in this stack, plus its nested stacks' \(not counted\)/);
    const executed = await runSimulate(nested.dir, ['new/parent.yaml', '--operation', 'change-set', '--previous', 'old/parent.yaml', '--execute', '--quiet']);
    expect(executed.code).toBe(1);
    expect(executed.err).not.toContain('SIM_NESTED_CHANGE_SET');
  });
});
