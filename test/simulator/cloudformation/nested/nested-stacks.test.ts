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
  judgedAfterStop?: { logicalResourceId: string; hookStatus: string; nestedIn?: string[] }[];
}

/** The events of one stack as `LogicalId STATUS reason` lines (hook events left out). */
const brief = (doc: Doc): string[] =>
  doc.events.filter((e) => !('hookStatus' in e) || (e as { hookStatus: string | null }).hookStatus === null).map((e) => `${e.logicalResourceId} ${e.resourceStatus}${e.resourceStatusReason ? ` ${e.resourceStatusReason}` : ''}`);
const exampleStackHooks = join('..', '..', '..', 'docs', 'examples', 'hooks', 'stack-hooks.yaml');

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
      // Swept from aws-service-catalog-reference-architectures: the placeholder was read as a relative path, and refused.
      'a location --placeholder-parameters stood in for is a located warning naming the parameter, and the rest is still judged',
      ['url-parameter.yaml', '--placeholder-parameters'],
      1,
      (doc) => {
        expect(doc.nestedStacks).toBeUndefined();
        expect(doc.warnings?.map((w) => [w.code, w.line])).toEqual([
          ['RES_PARAMETER_PLACEHOLDER', 5],
          ['RES_NESTED_STACK', 10],
        ]);
        expect(doc.warnings?.[1]?.message).toMatch(/^Network \(AWS::CloudFormation::Stack\): its TemplateURL "[^"]+" holds a placeholder of --placeholder-parameters \(give it with --parameter NetworkTemplateUrl=<value>\), a value the simulator stood in for, not a template's location/);
        expect(doc.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Queue', 'FAILED']]);
      },
    ],
    [
      // Swept from Copilot's and the AWS Solutions' templates: a parent's stand-in was judged by the child's constraints.
      "values the parent made up (a custom resource's attribute, an export nobody gave) break the child's constraints: warnings at the child, and the child is simulated",
      ['made-up/parent.yaml'],
      0,
      (doc) => {
        expect(doc.warnings?.map((w) => [w.code, w.line])).toEqual([
          ['RES_PARAMETER_CONSTRAINT_PLACEHOLDER', 4],
          ['RES_PARAMETER_CONSTRAINT_PLACEHOLDER', 6],
          ['RES_IMPORT_VALUE_PLACEHOLDER', 14],
        ]);
        expect(doc.warnings?.[0]?.message).toMatch(
          /^Parameter 'VpcId' must match pattern \^vpc-\[0-9a-f\]\+\$ \(got "parent-Lookup-[A-Z0-9]{12}\.VpcId"\); the simulator stood in for this value \(Lookup\.VpcId \(Custom::VpcLookup\), passed down by the parent stack parent\), and the real value has its own shape: going on with it instead of refusing \(--strict-parameters refuses\)$/,
        );
        expect(doc.nestedStacks?.[0]?.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Inbox', 'SUCCESS']]);
      },
    ],
    [
      // Swept from aws-ia's and the Quick Starts' trees: an output of one nested stack passed to another was judged as real.
      "a made-up value read back from a nested stack's outputs and passed to a sibling is still one there",
      ['made-up/outputs.yaml'],
      0,
      (doc) => {
        expect(doc.warnings?.map((w) => [w.code, w.line])).toEqual([['RES_PARAMETER_CONSTRAINT_PLACEHOLDER', 4]]);
        expect(doc.warnings?.[0]?.message).toMatch(/\(Lookup\.VpcId \(Custom::VpcLookup\), read back as output VpcId of nested stack Network, passed down by the parent stack outputs\)/);
        expect(doc.nestedStacks?.map((n) => n.logicalResourceId)).toEqual(['Network', 'Service']);
      },
    ],
    [
      'a short placeholder ("1") is not taken for a part of a literal location: the child is read',
      ['made-up/short-guess.yaml', '--placeholder-parameters'],
      0,
      (doc) => {
        expect(doc.warnings?.map((w) => w.code)).toEqual(['RES_PARAMETER_PLACEHOLDER']);
        expect(doc.nestedStacks?.map((n) => n.logicalResourceId)).toEqual(['Queues', 'Network']);
      },
    ],
    [
      // Swept from a 2025 collection: the placeholders equal to the stack's account id and region were found inside a
      // URL built from ${AWS::AccountId}, and every child went unjudged, folder map or not.
      "placeholders equal to the stack's account id and region are not taken for parts of a location built from the pseudo parameters",
      ['made-up/pseudo-url.yaml', '--placeholder-parameters', '--template-map', 'https://templates-123456789012.s3.us-east-1.amazonaws.com/nested/=made-up/'],
      0,
      (doc) => {
        expect(doc.warnings?.map((w) => w.code)).toEqual(['RES_PARAMETER_PLACEHOLDER', 'RES_PARAMETER_PLACEHOLDER']);
        expect(doc.nestedStacks?.[0]?.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Inbox', 'SUCCESS']]);
      },
    ],
    [
      'a location holding a stand-in that a --template-map folder covers is read, as an exactly mapped one is',
      ['made-up/mapped-guess.yaml', '--placeholder-parameters', '--template-map', 'https://placeholder-templatebucket.s3.amazonaws.com/nested/=made-up/'],
      0,
      (doc) => {
        expect(doc.warnings?.map((w) => w.code)).toEqual(['RES_PARAMETER_PLACEHOLDER']);
        expect(doc.nestedStacks?.[0]?.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Inbox', 'SUCCESS']]);
      },
    ],
    [
      'a made-up value passed down two levels is still one at the grandchild',
      ['made-up/grandparent.yaml'],
      0,
      (doc) => {
        const grandchild = doc.nestedStacks?.[0]?.nestedStacks?.[0] as Doc;
        expect(grandchild.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Inbox', 'SUCCESS']]);
        expect(doc.warnings?.map((w) => [w.code, w.line])).toEqual([['RES_PARAMETER_CONSTRAINT_PLACEHOLDER', 4]]);
        expect(doc.warnings?.[0]?.message).toMatch(/passed down by the parent stack grandparent, passed down by the parent stack grandparent-Middle-[A-Z0-9]{12}\)/);
      },
    ],
    [
      "a TemplateURL built from a custom resource's attribute is a located warning naming the attribute, and the rest is still judged",
      ['made-up/location.yaml'],
      1,
      (doc) => {
        expect(doc.nestedStacks).toBeUndefined();
        expect(doc.warnings?.map((w) => [w.code, w.line])).toEqual([['RES_NESTED_STACK', 11]]);
        expect(doc.warnings?.[0]?.message).toMatch(/^Layers \(AWS::CloudFormation::Stack\): its TemplateURL "location-Settings-[A-Z0-9]{12}\.DeploymentBucket\/layers\.template" holds Settings\.DeploymentBucket \(Custom::Settings\), a value the simulator stood in for/);
        expect(doc.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Inbox', 'FAILED']]);
      },
    ],
    [
      // The service would refuse the path (package rewrites only a literal one): read here, with a warning saying so.
      'the same location given is read (WARN), and said to be a path the service would refuse',
      ['url-parameter.yaml', '--parameter', 'NetworkTemplateUrl=network.yaml', '--failure-mode', 'WARN'],
      0,
      (doc) => {
        expect(doc.warnings?.map((w) => [w.code, w.line])).toEqual([['RES_NESTED_STACK', 10]]);
        expect(doc.warnings?.[0]?.message).toMatch(/its TemplateURL "network\.yaml" is a local path an intrinsic built; aws cloudformation package rewrites only a literal path into an S3 URL/);
        expect(doc.nestedStacks?.[0]?.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['FlowLogsBucket', 'FAILED']]);
      },
    ],
    [
      // serverless-patterns' HTTP API takes its OpenAPI body from a file beside the template; the run was refused.
      'an AWS::Include snippet beside the template is inserted before resolution, and the hook judges what it inserts',
      ['include/app.yaml'],
      0,
      (doc) => {
        expect(doc.warnings).toBeUndefined();
        expect(doc.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Logs', 'SUCCESS']]);
      },
    ],
    [
      'an AWS::Include in the Resources section adds its resources beside the written ones, and the hook judges them',
      ['include/section.yaml', '--failure-mode', 'WARN'],
      0,
      (doc) => {
        expect(doc.warnings).toBeUndefined();
        expect(doc.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([
          ['Logs', 'SUCCESS'],
          ['Archive', 'FAILED'],
          ['Inbox', 'SUCCESS'],
        ]);
      },
    ],
    [
      "an AWS::Include in the Transform section merges its snippet's sections; the other transforms stay",
      ['include/transform-section.yaml'],
      0,
      (doc) => {
        expect(doc.warnings).toBeUndefined();
        expect(doc.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Audit', 'SUCCESS']]);
      },
    ],
    [
      'an AWS::Include only in S3 is read from the file --template-map names',
      ['include/remote.yaml', '--template-map', 's3://shared-snippets/encryption.yaml=include/snippets/encryption.yaml'],
      0,
      (doc) => {
        expect(doc.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['Logs', 'SUCCESS']]);
      },
    ],
    [
      // WARN: under FAIL the queue, in the same wave, blocks and cancels the nested stack before it runs.
      '--template-map puts a local copy in place of the URL',
      ['remote.yaml', '--template-map', 'https://s3.amazonaws.com/example-templates/network.yaml=network.yaml', '--failure-mode', 'WARN'],
      0,
      (doc) => {
        expect(doc.warnings).toBeUndefined();
        expect(doc.nestedStacks?.[0]?.invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['FlowLogsBucket', 'FAILED']]);
      },
    ],
    [
      // The same run with the URL's folder mapped instead of the file.
      'a --template-map key ending in / maps every template under that URL folder',
      ['remote.yaml', '--template-map', 'https://s3.amazonaws.com/example-templates/=.', '--failure-mode', 'WARN'],
      0,
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
        expect(doc.warnings?.filter((w) => w.code === 'RES_NESTED_STACK').map((w) => [w.line, w.message])).toEqual([
          [
            13,
            'Catalogue (AWS::Serverless::Application) is the Serverless Application Repository application arn:aws:serverlessrepo:us-east-1:123456789012:applications/example; its nested stack is not simulated, so the hook is never shown its resources; map it to a local copy of its template with --template-map arn:aws:serverlessrepo:us-east-1:123456789012:applications/example=<path>',
          ],
        ]);
      },
    ],
    [
      'AWS::Serverless::Application: a repository application mapped by its id is simulated',
      ['sam-app.yaml', '--failure-mode', 'WARN', '--template-map', 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/example=network.yaml'],
      0,
      (doc) => {
        expect(doc.nestedStacks?.map((s) => s.logicalResourceId)).toEqual(['Logs', 'Catalogue']);
        expect(doc.warnings?.filter((w) => w.code === 'RES_NESTED_STACK') ?? []).toEqual([]);
      },
    ],
  ])('%s', async (_name, argv, exit, check) => {
    const { code, doc, err } = await simulate(...argv);
    expect({ code, err }).toEqual({ code: exit, err: '' });
    check(doc as Doc);
  });

  it.each<[string, string[], (doc: Doc) => void]>([
    [
      'waves: a nested stack whose bucket fails cancels its siblings in flight; the wave after never starts',
      ['waves-siblings.yaml'],
      (doc) => {
        const failure = brief(doc).slice(brief(doc).indexOf('Logs CREATE_IN_PROGRESS Resource creation Initiated'));
        expect(failure.map((line) => line.replace(/stack\/[^ ]+/, 'stack/…'))).toEqual([
          'Logs CREATE_IN_PROGRESS Resource creation Initiated',
          'AlarmTopic CREATE_IN_PROGRESS Resource creation Initiated',
          'Logs CREATE_FAILED Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/… was not successfully created: The following resource(s) failed to create: [LogsBucket]. ',
          'AuditQueue CREATE_FAILED Resource creation cancelled',
          'AlarmTopic CREATE_FAILED Resource creation cancelled',
          'waves-siblings ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Logs, AuditQueue, AlarmTopic]. Rollback requested by user.',
          'Logs DELETE_COMPLETE',
          'AlarmTopic DELETE_IN_PROGRESS',
          'AlarmTopic DELETE_COMPLETE',
          'AuditQueue DELETE_IN_PROGRESS',
          'AuditQueue DELETE_COMPLETE',
          'waves-siblings ROLLBACK_COMPLETE',
        ]);
        expect(doc.invocations.map((i) => i.logicalResourceId)).toEqual(['AuditQueue']);
        // The child's own events are in its own result.
        expect(brief(doc.nestedStacks?.[0] as Doc)).toContain('LogsBucket CREATE_FAILED The following hook(s) failed: [MyCompany::Testing::MyTestHook]');
      },
    ],
    [
      '--serial gives the order before waves: the queue completes first, nothing is cancelled, only Logs is named',
      ['waves-siblings.yaml', '--serial'],
      (doc) => {
        expect(brief(doc).filter((line) => line.includes('cancelled'))).toEqual([]);
        expect(brief(doc)).toContain('AuditQueue CREATE_COMPLETE');
        expect(brief(doc)).toContain('waves-siblings ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Logs]. Rollback requested by user.');
        expect(brief(doc)).not.toContain('AlarmTopic CREATE_IN_PROGRESS');
      },
    ],
    [
      '--keep-going judges the resources of the waves the service never starts',
      ['waves-siblings.yaml', '--keep-going'],
      (doc) => {
        expect(doc.judgedAfterStop?.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([['LaterQueue', 'SUCCESS']]);
      },
    ],
    [
      '--keep-going judges a nested stack in a wave the service never starts',
      ['waves-later-nested.yaml', '--keep-going'],
      (doc) => {
        expect(doc.nestedStacks).toBeUndefined();
        expect(doc.judgedAfterStop?.map((i) => [i.nestedIn, i.logicalResourceId, i.hookStatus])).toEqual([[['Logs'], 'LogsBucket', 'FAILED']]);
      },
    ],
    [
      'a nested stack gets its own STACK-target call (its own name and template); its FAIL fails the parent’s resource and cancels the sibling',
      ['undescribed-parent.yaml', '--hooks', exampleStackHooks],
      (doc) => {
        const child = doc.nestedStacks?.[0] as Doc;
        expect(stacks(doc).map((s) => s.invocations.map((i) => `${i.logicalResourceId.replace(/[A-Z0-9]{12}$/, 'X')} ${i.hookStatus}`))).toEqual([
          ['undescribed-parent SUCCESS'],
          ['undescribed-parent-Notes-X FAILED'],
        ]);
        expect(brief(child)).toContain(`${child.stack.name} ROLLBACK_IN_PROGRESS The following hook(s) failed: [MyCompany::Stacks::Description]`);
        expect(brief(doc).find((line) => line.startsWith('Notes CREATE_FAILED'))).toMatch(
          new RegExp(`^Notes CREATE_FAILED Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/${child.stack.name}/[0-9a-f-]{36} was not successfully created: The following hook\\(s\\) failed: \\[MyCompany::Stacks::Description\\]$`),
        );
        expect(brief(doc)).toContain('AlarmTopic CREATE_FAILED Resource creation cancelled');
      },
    ],
  ])('%s (exit 1)', async (_name, argv, check) => {
    const { code, doc, err } = await simulate(...argv);
    expect({ code, err }).toEqual({ code: 1, err: '' });
    check(doc as Doc);
  });

  it('a delete counts the nested stacks\' buckets as the account holds them until their own delete', async () => {
    const { code, doc, err } = await simulate('delete-counts/parent.yaml', '--operation', 'delete', '--config', 'delete-counts/min-one-bucket.json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const invocations = stacks(doc as Doc).flatMap((stack) => stack.invocations as { logicalResourceId: string; hookStatus: string; annotations?: { statusMessage?: string }[] }[]);
    expect(invocations.map((i) => [i.logicalResourceId, i.hookStatus])).toEqual([
      ['Logs', 'SUCCESS'],
      ['Store', 'SUCCESS'],
    ]);
    expect(invocations.map((i) => i.annotations?.[0]?.statusMessage)).toEqual(["found at least 1 other bucket(s) encrypted with AES256", "found at least 1 other bucket(s) encrypted with AES256"]);
  });

  it.each<[string, string, RegExp]>([
    ['a literal holding a short placeholder\'s text ("1" in vpc1), which breaks the child\'s pattern', 'made-up/short-literal.yaml --placeholder-parameters', /^made-up\/child\.yaml:4:21 RES_PARAMETER_CONSTRAINT Parameter 'VpcId' must match pattern .*\(got "vpc1"\)/m],
    ['a literal that breaks the child\'s pattern', 'made-up/given.yaml', /^made-up\/child\.yaml:4:21 RES_PARAMETER_CONSTRAINT Parameter 'VpcId' must match pattern \^vpc-\[0-9a-f\]\+\$ \(got "not-a-vpc"\)/m],
    ['under --strict-parameters, a made-up value that breaks the child\'s pattern', 'made-up/custom-only.yaml --strict-parameters', /^made-up\/child\.yaml:4:21 RES_PARAMETER_CONSTRAINT Parameter 'VpcId' must match pattern .*\(got "custom-only-Lookup-[A-Z0-9]{12}\.VpcId"\) \(at \/Parameters\/VpcId\/AllowedPattern\)$/m],
    ['a parameter the child does not declare, said where the parent passes it', 'undeclared-parameter.yaml', /^undeclared-parameter\.yaml:9:18 RES_UNKNOWN_PARAMETER Parameters: \[Retired\] do not exist in the template \(made-up\/child\.yaml, the nested stack Child\) \(at \/Resources\/Child\/Properties\/Parameters\/Retired\)$/m],
    ['a parameter the parent does not pass, said in the child and naming the parent', 'missing-parameter/parent.yaml', /^missing-parameter\/child\.yaml:4:5 RES_MISSING_PARAMETER Parameters: \[Name\] must have values \(stack parent passes none to its nested stack Mid: add it to that resource's Parameters\)/m],
    ['a local child that does not exist', 'missing-child.yaml', /^missing-child\.yaml:3:5 RES_NESTED_STACK cannot read the nested stack's template .*does-not-exist\.yaml: no such file/m],
    ['a TemplateURL that is empty (a parameter defaulting to "")', 'empty-url.yaml', /^empty-url\.yaml:9:25 RES_NESTED_STACK Child \(AWS::CloudFormation::Stack\): its TemplateURL is empty, so it names no template \(at \/Resources\/Child\/Properties\/TemplateURL\)$/m],
    ['an s3:// TemplateURL, which the service refuses', 's3-scheme-url.yaml', /^s3-scheme-url\.yaml:6:20 RES_NESTED_STACK Child \(AWS::CloudFormation::Stack\): TemplateURL must be a supported URL\. \(s3:\/\/my-bucket\/network\/vpc\.yaml is the CLI's s3:\/\/ form/m],
    ['an s3:// TemplateURL mapped to a local file: still refused', 's3-scheme-url.yaml --template-map s3://my-bucket/network/vpc.yaml=network.yaml', /^s3-scheme-url\.yaml:6:20 RES_NESTED_STACK Child \(AWS::CloudFormation::Stack\): TemplateURL must be a supported URL\./m],
    ['a stack that nests itself', 'loop.yaml', /^loop\.yaml:\d+:\d+ RES_NESTED_STACK Again nests .*loop\.yaml, which is one of its own parents/m],
    ['an output the child does not declare', 'bad-output.yaml', /^bad-output\.yaml:11:26 RES_UNKNOWN_ATTRIBUTE .*has no output NoSuchOutput/m],
    ['an output the child declares under a false Condition', 'conditional-output/under-condition.yaml', /^conditional-output\/under-condition\.yaml:9:26 RES_UNKNOWN_ATTRIBUTE .*the nested stack's template child\.yaml declares output QueueArn, but the nested stack does not create it: its Condition MakeQueue is false for this stack/m],
    ['an output whose Value is AWS::NoValue', 'conditional-output/no-value.yaml', /^conditional-output\/no-value\.yaml:9:26 RES_UNKNOWN_ATTRIBUTE .*the nested stack's template child\.yaml declares output QueueUrl, but the nested stack does not create it: its Value is AWS::NoValue/m],
    ['an AWS::Include only in S3, unmapped', 'include/remote.yaml', /^include\/remote\.yaml:9:11 RES_TRANSFORM AWS::Include of s3:\/\/shared-snippets\/encryption\.yaml: the snippet is not on this machine.*--template-map s3:\/\/shared-snippets\/encryption\.yaml=<path>/m],
    // Beside other keys it was taken for a property, and the queue created with what it would add unseen (exit 0).
    ['an AWS::Include only in S3 beside other properties, unmapped', 'include/remote-beside.yaml', /^include\/remote-beside\.yaml:9:9 RES_TRANSFORM AWS::Include of s3:\/\/shared-snippets\/queue-encryption\.yaml: the snippet is not on this machine.* \(at \/Resources\/Jobs\/Properties\/Fn::Transform\)$/m],
    ['an AWS::Include in the Resources section only in S3, unmapped', 'include/section-remote.yaml', /^include\/section-remote\.yaml:7:5 RES_TRANSFORM AWS::Include of s3:\/\/shared-snippets\/shared-resources\.yaml: the snippet is not on this machine.* \(at \/Resources\/Fn::Transform\)$/m],
    ['a fault inside a merged snippet, located at the include that inserted it', 'include/section-bad.yaml', /^include\/section-bad\.yaml:9:17 RES_UNRESOLVED_REFERENCE .*undefined resource Missing \(at \/Resources\/Inbox\/Properties\/RedrivePolicy\/deadLetterTargetArn\/Fn::GetAtt\)$/m],
    ['a local AWS::Include snippet that is not there', 'include/missing.yaml', /^include\/missing\.yaml:11:23 RES_TRANSFORM AWS::Include: cannot read the snippet .*absent\.yaml: no such file/m],
  ])('%s is an input error, located where it is (exit 2)', async (_name, file, message) => {
    const { code, err } = await simulate(...file.split(' '));
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
