/**
 * Nested stacks end to end through `simulate --format json`: children simulated under their own names, with
 * parameters passed down and outputs read back, hooks called on their resources, failures rolled up to the
 * parent, and children that cannot be simulated reported where they are declared.
 */
import { join } from 'node:path';
import { memoryIo } from '../../../../src/kernel/cli';
import { main } from '../../../../simulator/cli';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'nested');

interface Doc {
  stack: { name: string; finalStatus: string; outcome: string };
  invocations: { logicalResourceId: string; invocationPoint: string; hookStatus: string }[];
  events: { logicalResourceId: string; resourceStatus: string; resourceStatusReason: string | null }[];
  nestedStacks?: (Doc & { logicalResourceId: string })[];
  warnings?: { code: string; line: number; message: string }[];
}

async function simulate(...argv: string[]): Promise<{ code: number; doc?: Doc; err: string }> {
  const io = memoryIo(fixtures);
  const code = await main(['--format', 'json', ...argv], io);
  const out = io.out.join('');
  return { code, ...(out ? { doc: JSON.parse(out) as Doc } : {}), err: io.err.join('') };
}

/** Every stack of a result, depth first, with the names of the stacks above it. */
function stacks(doc: Doc): Doc[] {
  return [doc, ...(doc.nestedStacks ?? []).flatMap(stacks)];
}

describe('nested stacks', () => {
  it.each<[string, string[], number, (doc: Doc) => void]>([
    [
      'a grandchild failure fails every parent Stack resource and rolls each parent back',
      ['parent.yaml'],
      1,
      (doc) => {
        expect(stacks(doc).map((s) => [s.stack.name.replace(/[A-Z0-9]{12}$/, 'X'), s.stack.finalStatus])).toEqual([
          ['parent', 'ROLLBACK_COMPLETE'],
          ['parent-Storage-X', 'DELETE_COMPLETE'],
          ['parent-Storage-8W3H1P38TDBY-Logs-X', 'DELETE_COMPLETE'],
        ]);
        const failed = doc.events.find((e) => e.logicalResourceId === 'Storage' && e.resourceStatus === 'CREATE_FAILED');
        expect(failed?.resourceStatusReason).toMatch(
          /^Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack\/parent-Storage-[A-Z0-9]{12}\/[0-9a-f-]{36} was not successfully created: The following resource\(s\) failed to create: \[Logs\]\. $/,
        );
        const grandchild = stacks(doc)[2] as Doc;
        expect(grandchild.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['LogsBucket', 'FAILED']]);
      },
    ],
    [
      'parameters go down and outputs come back up (WARN lets every stack complete)',
      ['parent.yaml', '--failure-mode', 'WARN', '--parameter', 'Environment=prod'],
      0,
      (doc) => {
        expect(stacks(doc).map((s) => s.stack.finalStatus)).toEqual(['CREATE_COMPLETE', 'CREATE_COMPLETE', 'CREATE_COMPLETE']);
        expect(stacks(doc).flatMap((s) => s.invocations.map((i) => i.logicalResourceId))).toEqual(['AuditQueue', 'DataBucket', 'LogsBucket']);
      },
    ],
    [
      'StackFilters see the nested stack’s own name: excluding parent-Storage-* skips its resources, not the parent’s',
      ['parent.yaml', '--config', 'exclude-nested.json'],
      0,
      (doc) => {
        // The grandchild's name, parent-Storage-<suffix>-Logs-<suffix>, matches the wildcard too.
        expect(stacks(doc).map((s) => s.invocations.length)).toEqual([1, 0, 0]);
      },
    ],
    [
      'a delete deletes the nested stacks with their own preDelete calls',
      ['parent.yaml', '--operation', 'delete'],
      0,
      (doc) => {
        expect(stacks(doc).flatMap((s) => s.invocations.map((i) => `${i.logicalResourceId} ${i.invocationPoint}`))).toEqual([
          'AuditQueue DELETE_PRE_PROVISION',
          'DataBucket DELETE_PRE_PROVISION',
          'LogsBucket DELETE_PRE_PROVISION',
        ]);
      },
    ],
    [
      'an update of the parent updates the nested stack, calling the hook for its new bucket',
      ['parent-v2.yaml', '--operation', 'update', '--previous', 'parent-v1.yaml', '--stack-name', 'parent'],
      0,
      (doc) => {
        expect(doc.events.filter((e) => e.logicalResourceId === 'Logs').map((e) => e.resourceStatus)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
        expect((doc.nestedStacks?.[0] as Doc).invocations.map((i) => `${i.logicalResourceId} ${i.invocationPoint}`)).toEqual(['ArchiveBucket CREATE_PRE_PROVISION']);
      },
    ],
    [
      'a template only in S3 is a located warning naming --template-map, and the rest is still judged',
      ['remote.yaml'],
      1,
      (doc) => {
        expect(doc.nestedStacks).toBeUndefined();
        expect(doc.warnings?.map((w) => [w.code, w.line])).toEqual([['RES_NESTED_STACK', 7]]);
        expect(doc.warnings?.[0]?.message).toContain('--template-map https://s3.amazonaws.com/example-templates/network.yaml=<path>');
      },
    ],
    [
      '--template-map puts a local copy in place of the URL',
      ['remote.yaml', '--template-map', 'https://s3.amazonaws.com/example-templates/network.yaml=network.yaml'],
      1,
      (doc) => {
        expect(doc.warnings).toBeUndefined();
        expect(doc.nestedStacks?.[0]?.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['FlowLogsBucket', 'FAILED']]);
      },
    ],
    [
      'AWS::Serverless::Application: a local Location is simulated, a repository application is a warning',
      ['sam-app.yaml', '--failure-mode', 'WARN'],
      0,
      (doc) => {
        expect(doc.nestedStacks?.map((s) => s.logicalResourceId)).toEqual(['Logs']);
        expect(doc.warnings?.filter((w) => w.code === 'RES_NESTED_STACK').map((w) => w.line)).toEqual([13]);
      },
    ],
  ])('%s', async (_name, argv, exit, check) => {
    const { code, doc, err } = await simulate(...argv);
    expect({ code, err }).toEqual({ code: exit, err: '' });
    check(doc as Doc);
  });

  it.each<[string, string, RegExp]>([
    ['a local child that does not exist', 'missing-child.yaml', /^missing-child\.yaml:3:5 RES_NESTED_STACK cannot read the nested stack's template .*does-not-exist\.yaml: no such file/m],
    ['a stack that nests itself', 'loop.yaml', /^loop\.yaml:\d+:\d+ RES_NESTED_STACK Again nests .*loop\.yaml, which is one of its own parents/m],
    ['an output the child does not declare', 'bad-output.yaml', /^bad-output\.yaml:11:26 RES_UNKNOWN_ATTRIBUTE .*has no output NoSuchOutput/m],
  ])('%s is an input error, located in the parent (exit 2)', async (_name, file, message) => {
    const { code, err } = await simulate(file);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
