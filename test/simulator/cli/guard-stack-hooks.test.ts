/**
 * A Guard hook on STACK targets end to end through main(), evaluated by the real cfn-guard: called once per stack
 * operation before the first resource, its document the submitted template (short forms in long form), HookContext
 * and Previous (the deployed template on update, empty on create and delete); each nested stack gets its own call;
 * a failure names the LogBucket report keyed `STACK-<stack name>`. The rules' annotations (PASSED, FAILED, SKIPPED)
 * say what the document held.
 */
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';
import { cfnGuardForTests } from '../../support/cfn-guard';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'hooks-file', 'guard-stack');
const nested = join(repo, 'test', 'fixtures', 'nested');
const hooks = join(fixtures, 'hooks.yaml');
const ALIAS = 'Acme::Guard::StackRules';

interface Annotation {
  AnnotationName: string;
  Status: string;
  RemediationMessage?: string;
}
interface JsonRun {
  stack: { name: string; finalStatus: string; outcome: string };
  invocations: { logicalResourceId: string; targetName: string; targetType: string; invocationPoint: string; hookTypeName: string; hookStatus: string; message: string; logBucketReport?: { uri: string } }[];
  hookResults: { TypeName: string; Status: string; Target: { TargetType: string; TargetTypeName: string; TargetId: string; Action: string }; Annotations: Annotation[] }[];
  nestedStacks?: JsonRun[];
}

const cfnGuard = cfnGuardForTests('Guard hooks on STACK targets');
const itWithCfnGuard = cfnGuard === undefined ? it.skip : it;

async function simulateJson(cwd: string, ...argv: string[]): Promise<{ code: number; run: JsonRun; err: string }> {
  const io = memoryIo(cwd);
  const code = await main(['--format', 'json', '--stack-name', 'shop', '--hooks', hooks, '--cfn-guard', cfnGuard as string, ...argv], io);
  return { code, run: JSON.parse(io.out.join('')) as JsonRun, err: io.err.join('') };
}

/** Each rule's status, by rule name. */
const statuses = (annotations: readonly Annotation[]): Record<string, string> => Object.fromEntries(annotations.map((a) => [a.AnnotationName, a.Status]));

describe('a Guard hook on STACK targets (the real cfn-guard)', () => {
  itWithCfnGuard.each<[string, string[], string, string, Record<string, string>]>([
    [
      'create: the template with its short forms in long form, Previous empty',
      ['v1.yml'],
      'CREATE_PRE_PROVISION',
      'CREATE',
      { STACK_DESCRIBED: 'PASSED', PREVIOUS_ON_UPDATE_ONLY: 'PASSED', NO_TEMPLATE_ON_DELETE: 'SKIPPED', SHORT_FORMS_READ_LONG: 'PASSED', TARGET_IS_THE_STACK: 'PASSED' },
    ],
    [
      'update: Previous is the deployed template',
      ['v2.yml', '--operation', 'update', '--previous', 'v1.yml'],
      'UPDATE_PRE_PROVISION',
      'UPDATE',
      { STACK_DESCRIBED: 'PASSED', PREVIOUS_ON_UPDATE_ONLY: 'PASSED', NO_TEMPLATE_ON_DELETE: 'SKIPPED', SHORT_FORMS_READ_LONG: 'PASSED', TARGET_IS_THE_STACK: 'PASSED' },
    ],
    [
      'delete: no template, Previous empty',
      ['v1.yml', '--operation', 'delete'],
      'DELETE_PRE_PROVISION',
      'DELETE',
      { STACK_DESCRIBED: 'SKIPPED', PREVIOUS_ON_UPDATE_ONLY: 'PASSED', NO_TEMPLATE_ON_DELETE: 'PASSED', SHORT_FORMS_READ_LONG: 'SKIPPED', TARGET_IS_THE_STACK: 'PASSED' },
    ],
  ])('%s', async (_name, argv, point, action, rules) => {
    const { code, run, err } = await simulateJson(fixtures, ...argv);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(run.invocations.map((i) => [i.logicalResourceId, i.targetName, i.targetType, i.invocationPoint, i.hookTypeName, i.hookStatus, i.message])).toEqual([
      ['shop', 'STACK', 'STACK', point, ALIAS, 'SUCCESS', 'Successful validation'],
    ]);
    expect(run.hookResults[0]).toMatchObject({ TypeName: ALIAS, Status: 'HOOK_COMPLETE_SUCCEEDED', Target: { TargetType: 'STACK', TargetTypeName: 'STACK', TargetId: 'shop', Action: action } });
    expect(statuses(run.hookResults[0]?.Annotations ?? [])).toEqual(rules);
  });

  itWithCfnGuard('a template without a Description: FAIL stops the stack before any resource; the message names the LogBucket report', async () => {
    const { code, run } = await simulateJson(join(repo, 'test', 'fixtures', 'hooks-file'), 'undescribed.json');
    expect(code).toBe(1);
    expect(run.stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' });
    const [call] = run.invocations;
    expect(run.invocations).toHaveLength(1);
    expect(call?.logBucketReport?.uri).toMatch(/^s3:\/\/guard-logs\/cfn-guard-validate-report\/STACK-shop\/\d{13}\.json$/);
    expect(call?.message).toBe(`Template failed validation, the following rule(s) failed: STACK_DESCRIBED. Full output was written to ${call?.logBucketReport?.uri ?? ''}`);
    expect(run.hookResults[0]?.Annotations.find((a) => a.Status === 'FAILED')).toMatchObject({
      AnnotationName: 'STACK_DESCRIBED',
      RemediationMessage: expect.stringMatching(/Fix: say what the stack is for in its Description/),
    });
  });

  itWithCfnGuard('a nested stack gets its own call, with its own template and name; its refusal fails the parent', async () => {
    const { code, run } = await simulateJson(nested, 'undescribed-parent.yaml');
    expect(code).toBe(1);
    const child = run.nestedStacks?.[0];
    expect(run.invocations.map((i) => [i.logicalResourceId, i.targetType, i.hookStatus])).toEqual([['shop', 'STACK', 'SUCCESS']]);
    expect(child?.invocations.map((i) => [i.logicalResourceId, i.targetType, i.hookStatus, i.message.replace(/\d{13}/, 'T')])).toEqual([
      [
        child?.stack.name,
        'STACK',
        'FAILED',
        `Template failed validation, the following rule(s) failed: STACK_DESCRIBED. Full output was written to s3://guard-logs/cfn-guard-validate-report/STACK-${child?.stack.name ?? ''}/T.json`,
      ],
    ]);
    expect(child?.stack.name).toMatch(/^shop-Notes-[A-Z0-9]{12}$/);
    expect(run.stack.outcome).toBe('FAILED');
  });

  itWithCfnGuard('under WARN the refusal is recorded and the resources are created', async () => {
    const { code, run } = await simulateJson(join(repo, 'test', 'fixtures', 'hooks-file'), 'undescribed.json', '--hooks-parameter', 'Mode=WARN');
    expect(code).toBe(0);
    expect(run.stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', outcome: 'SUCCEEDED' });
    expect(run.invocations.map((i) => [i.targetType, i.hookStatus])).toEqual([['STACK', 'FAILED']]);
  });
});
