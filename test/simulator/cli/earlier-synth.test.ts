/**
 * `--previous <cloud assembly>`: a CDK app's stacks updated from an earlier synth (the main branch's `cdk.out`), each
 * from the template its stack has there (same stack name and environment), as `cdk deploy` updates deployed stacks:
 * an unchanged stack is skipped as `cdk deploy` skips it, a stack the earlier synth lacks is created, and the nested
 * stacks are read from the earlier synth's own assets.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../../simulator/cli/main';
import { memoryIo } from '../../../src/kernel/cli';
import { scratchFolderPerTest } from '../../support/simulate-cli';

const example = resolve(__dirname, '..', '..', '..', 'docs', 'examples', 'cdk', 'cdk.out');
const scratch = scratchFolderPerTest('earlier-synth-');

/** The example app synthesized twice: `next` as it is, `previous` changed by `edit` (file name → its JSON, edited in place). */
function synths(edit: (file: string, json: Record<string, unknown>) => void = () => undefined): void {
  for (const name of ['next', 'previous']) cpSync(example, join(scratch.dir, name), { recursive: true });
  for (const file of ['manifest.json', 'OrdersStack.template.json']) {
    const path = join(scratch.dir, 'previous', file);
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    edit(file, json);
    writeFileSync(path, JSON.stringify(json, null, 1));
  }
}

interface ManyJson {
  runs: {
    stackName: string;
    exit: number;
    result?: { stack: { operation: string; outcome: string; finalStatus: string | null }; invocations: { logicalResourceId: string; invocationPoint: string }[]; warnings?: { code: string; message: string }[] };
  }[];
  summary: { exit: number };
}

async function run(...extra: string[]): Promise<{ code: number; json: ManyJson; err: string }> {
  const io = memoryIo(scratch.dir);
  const code = await main(['next', '--operation', 'update', '--previous', 'previous', '--format', 'json', '--jobs', '1', ...extra], io);
  return { code, json: JSON.parse(io.out.join('')) as ManyJson, err: io.err.join('') };
}

const outline = (json: ManyJson): [string, number, string | undefined, string | null | undefined, string[]][] =>
  json.runs.map((r) => [r.stackName, r.exit, r.result?.stack.operation, r.result?.stack.finalStatus, (r.result?.invocations ?? []).map((i) => `${i.logicalResourceId} ${i.invocationPoint}`)]);

describe('--previous <an earlier synth>', () => {
  it('the same synth: every stack has no changes and is skipped, exit 0, not refused as UpdateStack refuses it', async () => {
    synths();
    const { code, json, err } = await run();
    expect(outline(json)).toEqual([
      ['SharedStack', 0, 'update', null, []],
      ['orders-prod', 0, 'update', null, []],
    ]);
    expect(code).toBe(0);
    expect(json.runs[1]?.result?.warnings).toContainEqual(expect.objectContaining({ code: 'SIM_NO_CHANGES', message: 'orders-prod has no changes against previous: cdk deploy skips it ("no changes")' }));
    expect(err).toBe('');
    // Text: the stack's verdict says it is skipped, not that the request was rejected (the summary says NO CHANGES).
    const text = memoryIo(scratch.dir);
    expect(await main(['next', '--operation', 'update', '--previous', 'previous', '--jobs', '1'], text)).toBe(0);
    expect(text.out.join('')).toMatch(/^Verdict: no changes against previous: cdk deploy skips this stack \("no changes"\); no hook is invoked\.$/m);
    expect(text.out.join('')).not.toMatch(/Verdict: rejected/);
  });

  it('a resource the earlier synth had otherwise is updated (its hook called on update); the other stack has no changes', async () => {
    synths((file, json) => {
      if (file !== 'OrdersStack.template.json') return;
      const queue = (json.Resources as Record<string, { Properties: Record<string, unknown> }>).OrdersQueue4C1D2E3F;
      if (queue) queue.Properties.DelaySeconds = 5;
    });
    const { code, json } = await run();
    expect(outline(json)).toEqual([
      ['SharedStack', 0, 'update', null, []],
      ['orders-prod', 0, 'update', 'UPDATE_COMPLETE', ['OrdersQueue4C1D2E3F UPDATE_PRE_PROVISION']],
    ]);
    expect(code).toBe(0);
  });

  it('a stack the earlier synth lacks (another stack name there) is created, its nested stack with it', async () => {
    synths((file, json) => {
      if (file !== 'manifest.json') return;
      const orders = (json.artifacts as Record<string, { properties: { stackName?: string } }>).OrdersStack;
      if (orders) orders.properties.stackName = 'orders-staging';
    });
    const { code, json } = await run();
    expect(outline(json).map(([stack, exit, operation, status]) => [stack, exit, operation, status])).toEqual([
      ['SharedStack', 0, 'update', null],
      ['orders-prod', 1, 'create', 'ROLLBACK_COMPLETE'],
    ]);
    expect(code).toBe(1);
  });

  it('is still one stack\'s when it names one template', async () => {
    synths();
    const io = memoryIo(scratch.dir);
    expect(await main(['next', '--operation', 'update', '--previous', 'previous/OrdersStack.template.json'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/--previous is for one stack, and next holds 2/);
  });
});

describe('a stack whose template no longer declares any resource', () => {
  // `cdk deploy` deletes an existing stack that is now empty ("stack has no resources, deleting existing stack");
  // the run skipped it in silence, so the delete's hooks were never asked (found by a helper's CDK sweep).
  const fixtures = resolve(__dirname, '..', '..', 'fixtures', 'assembly', 'emptied');
  it.each<[string, string, RegExp, RegExp]>([
    ['the stack existed with resources: it is deleted, and the delete judged', 'before', /\S+ Jobs +Jobs +DELETE_COMPLETE +1 +0 +0\n/, /^simulate: Jobs: stack has no resources, deleting existing stack \(as cdk deploy does\)$/m],
    ['it was empty in the earlier synth too (it never existed): skipped', 'after', /\S+ Jobs +Jobs +SKIPPED +0 +0 +0\n/, /^simulate: Jobs: stack has no resources, skipping deployment/m],
  ])('%s', async (_name, previous, summary, notice) => {
    const io = memoryIo(fixtures);
    expect(await main(['after', '--operation', 'update', '--previous', previous, '--jobs', '1', '-q'], io)).toBe(0);
    expect(io.out.join('')).toMatch(summary);
    expect(io.err.join('')).toMatch(notice);
    expect(io.out.join('')).toMatch(/\S+ Checks +Checks +SKIPPED +0 +0 +0\n/);
  });
});

describe('an unchanged stack with an SSM parameter', () => {
  // cdk deploy never skips such a stack (aws-cdk-cli's cfn-api.ts: its value may have changed) unless the
  // parameter's Description holds [cdk:skip], as the bootstrap version's does.
  const assembly = resolve(__dirname, '..', '..', 'fixtures', 'assembly', 'ssm-parameter', 'cdk.out');
  it('says cdk deploy still creates (and deletes) its change set, naming the parameter, not the bootstrap version', async () => {
    const io = memoryIo(assembly);
    expect(await main(['.', '--operation', 'update', '--previous', '.', '--ssm-parameter', '/org/orders/queue-key=alias/orders', '--jobs', '1'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^Verdict: no changes against \.: cdk deploy creates its change set \(SSM parameters QueueKey may have changed\) and deletes it \("no changes"\); no hook is invoked\.$/m);
    expect(io.err.join('')).toMatch(/SIM_NO_CHANGES Orders has no changes against \. with the values this run gives its SSM parameters \(QueueKey\): cdk deploy still creates its change set/);
  });
});

describe('a stack deleted by an update from an earlier synth, with a preDelete that counts', () => {
  // The account of that delete holds the assembly's other stacks as deployed: it held only --account's before, and a
  // count blocked the delete the service lets through (found by the re-verifying helper).
  it('counts the other stacks\' buckets', async () => {
    const fixtures = resolve(__dirname, '..', '..', 'fixtures');
    const io = memoryIo(join(fixtures, 'assembly', 'emptied-counted'));
    const config = join(fixtures, 'nested', 'delete-counts', 'min-one-bucket.json');
    expect(await main(['after', '--operation', 'update', '--previous', 'before', '--config', config, '--jobs', '1', '-q'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/\S+ Keep +Keep +NO CHANGES +0 +0 +0\n\S+ Jobs +Jobs +DELETE_COMPLETE +1 +0 +0\n/);
  });

  it.each<[string, string[], RegExp, RegExp]>([
    ['given no value: the other stack is counted with a placeholder, said', [], /\S+ Jobs +Jobs +DELETE_COMPLETE +1 +0 +0\n/, /info SIM_CLOUD_ASSEMBLY stack Keep \(\S+\) is counted with placeholders/],
    ['given one it refuses: the other stack is left out of the count, with a warning naming it', ['--parameter', 'Keep:Suffix=NOT_VALID'], /\S+ Jobs +Jobs +DELETE_FAILED +1 +1 +1\n/, /warning SIM_CLOUD_ASSEMBLY stack Keep \(\S+\) is not counted, as its template does not resolve/],
  ])('an other stack with a parameter the synth does not hold, %s', async (_name, argv, summary, notice) => {
    const fixtures = resolve(__dirname, '..', '..', 'fixtures');
    cpSync(join(fixtures, 'assembly', 'emptied-counted'), scratch.dir, { recursive: true });
    const keep = { Parameters: { Suffix: { Type: 'String', AllowedPattern: '^[a-z0-9-]+$' } }, Resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'emptied-keep-${Suffix}' } } } } };
    for (const side of ['before', 'after']) writeFileSync(join(scratch.dir, side, 'Keep.template.json'), JSON.stringify(keep));
    const io = memoryIo(scratch.dir);
    const config = join(fixtures, 'nested', 'delete-counts', 'min-one-bucket.json');
    await main(['after', '--operation', 'update', '--previous', 'before', '--config', config, '--jobs', '1', ...argv], io);
    expect(io.out.join('')).toMatch(summary);
    expect(io.err.join('')).toMatch(notice);
  });
});

describe('an update from an earlier synth by the legacy synthesizer', () => {
  // Its template declares `AssetParameters<hash>…`, whose names change with each asset: the deployed side's had no
  // values (refused with RES_MISSING_PARAMETER, exit 2), which hid the queue's downgrade that blocks the update (found
  // by a helper's CDK sweep). The deployed stack keeps what `cdk deploy` gave it.
  const fixtures = resolve(__dirname, '..', '..', 'fixtures', 'assembly', 'legacy-update');
  const v1Hash = `AssetParameters043f09${'a'.repeat(58)}ArtifactHashC9D0E1F2`;
  it.each<[string, string, string[]]>([
    ['a changed asset, still legacy', 'v2', []],
    ['a move to the default synthesizer (no asset parameters any more)', 'v2-default', []],
    ['with one of the deployed values given by --previous-parameter, the others still from the earlier synth', 'v2', ['--previous-parameter', `${v1Hash}=given`]],
    // The CDK CLI's STACK:Key form, as --parameter takes it (a helper's new-user pass: refused as an unknown parameter).
    ['with a deployed value given as Legacy:Key', 'v2', ['--previous-parameter', `Legacy:${v1Hash}=given`]],
    ['with a deployed value given for another stack (left out, as --parameter leaves it)', 'v2', ['--previous-parameter', `Other:${v1Hash}=given`]],
  ])('%s: the queue downgrade is judged (exit 1), not refused', async (_name, next, extra) => {
    const io = memoryIo(fixtures);
    expect(await main([next, '--operation', 'update', '--previous', 'v1', '--jobs', '1', '-q', ...extra], io)).toBe(1);
    expect(io.out.join('')).toMatch(/\S+ Legacy +Legacy +UPDATE_ROLLBACK_COMPLETE +1 +1 +1\n/);
    expect(io.err.join('')).not.toMatch(/RES_MISSING_PARAMETER/);
  });
});

describe('--previous-parameter with an earlier synth of several stacks', () => {
  // Refused before as "for one stack": each stack of an earlier synth has its own deployed values, as with --parameter.
  it.each<[string, string[]]>([
    ['a STACK:Key value for one stack', ['--previous-parameter', 'orders-prod:BootstrapVersion=/cdk-bootstrap/other/version']],
    ['a plain value, for the stacks that declare it', ['--previous-parameter', 'BootstrapVersion=/cdk-bootstrap/other/version']],
  ])('%s: each stack is run, none refused', async (_name, extra) => {
    synths();
    const { code, json, err } = await run(...extra);
    expect(err).not.toMatch(/is for one stack/);
    expect([code, json.runs.map((r) => [r.stackName, r.exit])]).toEqual([0, [['SharedStack', 0], ['orders-prod', 0]]]);
  });
});

describe("an update that removes or changes an export another stack still imports (CDK's \"deadly embrace\")", () => {
  // cdk deploy skips only an identical template (aws-cdk-cli's canSkipDeploy): a producer that only loses its export
  // is deployed first, and the service refuses to remove the export its consumer, not yet updated, still imports. The
  // run said "NO CHANGES … cdk deploy skips it" and passed (found by a helper's CDK sweep).
  const fixture = resolve(__dirname, '..', '..', 'fixtures', 'assembly', 'export-held');
  it.each<[string, string, number, RegExp, RegExp]>([
    [
      'the export removed (the consumer stops importing it): the producer is refused and rolled back',
      'removed',
      1,
      /^\S+ Producer +Producer +UPDATE_ROLLBACK_COMPLETE +0 +0 +1\n\S+ Consumer +Consumer +UPDATE_COMPLETE +1 +0 +0\nExit: 1\n$/m,
      /^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail as the service applies the outputs: Export Producer:KeyArn cannot be deleted as it is in use by Consumer$/m,
    ],
    [
      'the export given another value while the consumer imports it: refused with the service\'s "cannot be updated"',
      'changed',
      1,
      /^\S+ Producer +Producer +UPDATE_ROLLBACK_COMPLETE +0 +0 +1\n\S+ Consumer +Consumer +NO CHANGES +0 +0 +0\nExit: 1\n$/m,
      /^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail as the service applies the outputs: Export Producer:KeyArn cannot be updated as it is in use by Consumer$/m,
    ],
    [
      // aws/aws-cdk#2029: CloudFormation creates and executes a change set of no changes that updates the Outputs.
      'an output added, no export touched: cdk deploy deploys it, its change set of no changes is executed, no resource hook is invoked',
      'output-added',
      0,
      /^\S+ Producer +Producer +UPDATE_COMPLETE +0 +0 +0\n\S+ Consumer +Consumer +NO CHANGES +0 +0 +0\nExit: 0\n$/m,
      /^(?![\s\S]*SIM_NO_CHANGES Producer)[\s\S]*SIM_NO_CHANGES Consumer has no changes against deployed: cdk deploy skips it \("no changes"\)/,
    ],
    [
      // "During a stack update, you cannot update the Description section by itself" (the User Guide).
      'the Description alone changed: cdk deploy creates its change set, which CloudFormation fails as holding no changes',
      'description-changed',
      0,
      /^\S+ Producer +Producer +NO CHANGES +0 +0 +0\n\S+ Consumer +Consumer +NO CHANGES +0 +0 +0\nExit: 0\n$/m,
      /SIM_NO_CHANGES Producer has no resource or output changes against deployed, but its template differs elsewhere \(its Description, Metadata, …\): cdk deploy creates its change set, as it skips only an identical template, which CloudFormation fails as holding no changes, and reports "no changes"/,
    ],
  ])('%s', async (_name, synth, exit, summary, said) => {
    const io = memoryIo(fixture);
    expect(await main([synth, '--operation', 'update', '--previous', 'deployed', '--jobs', '1', '-q'], io)).toBe(exit);
    expect(io.out.join('')).toMatch(summary);
    const verbose = memoryIo(fixture);
    await main([synth, '--operation', 'update', '--previous', 'deployed', '--jobs', '1'], verbose);
    expect(io.err.join('') + verbose.out.join('') + verbose.err.join('')).toMatch(said);
  });

  // The service holds each export as the account has it, its name and value resolved: a change of how they are written
  // is none, and a name or value that changes through a function or a parameter is one. The run compared them as
  // written: exit 1 for a region written literally, `30` quoted, `Fn::GetAtt` dotted, a name built by `Fn::Sub`; exit 0
  // for such a name removed, an import name built by `Fn::Join`, a value changed by a parameter (found by a new user, h34).
  const resolved = resolve(__dirname, '..', '..', 'fixtures', 'assembly', 'export-resolved');
  const rolledBack = (change: string, name: string): RegExp => new RegExp(`^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail as the service applies the outputs: Export ${name} cannot be ${change} as it is in use by Consumer$`, 'm');
  const notInUse = /^(?![\s\S]*in use by)(?![\s\S]*SIM_EXPORT_UNCHECKED)/;
  it.each<[string, string, string, string[], number, RegExp, RegExp]>([
    ['the region written literally instead of Ref AWS::Region: the same value', 'region-literal', 'deployed', [], 0, /^\S+ Producer +Producer +UPDATE_COMPLETE +0 +0 +0$/m, notInUse],
    ['a Number value quoted (30 → "30"): the same text', 'quoted', 'deployed', [], 0, /^\S+ Producer +Producer +UPDATE_COMPLETE +0 +0 +0$/m, notInUse],
    ['Fn::GetAtt in its dotted form: the same value', 'getatt-dotted', 'deployed', [], 0, /^\S+ Producer +Producer +UPDATE_COMPLETE +0 +0 +0$/m, notInUse],
    ['the export named by !Sub ${AWS::StackName}:KeyArn: the same export', 'sub-name', 'deployed', [], 0, /^\S+ Producer +Producer +UPDATE_COMPLETE +0 +0 +0$/m, notInUse],
    ['an export named by !Sub removed while imported: refused', 'sub-removed', 'sub-deployed', [], 1, /^\S+ Producer +Producer +UPDATE_ROLLBACK_COMPLETE +0 +0 +1$/m, rolledBack('deleted', 'Producer:KeyArn')],
    ['an export removed that the deployed consumer imports by a name built by Fn::Join: refused', 'sub-removed', 'joined-import', [], 1, /^\S+ Producer +Producer +UPDATE_ROLLBACK_COMPLETE +0 +0 +1$/m, rolledBack('deleted', 'Producer:KeyArn')],
    [
      'a value changed through a parameter (Env dev → prod): refused',
      'parameter',
      'parameter',
      ['--stack', 'Producer', '--parameter', 'Env=prod', '--previous-parameter', 'Env=dev'],
      1,
      /^\S+ Producer +Producer +UPDATE_ROLLBACK_COMPLETE +0 +0 +1$/m,
      rolledBack('updated', 'Producer:Env'),
    ],
    [
      'a value that holds a placeholder: not judged either way, and a warning says so',
      'placeholder-quoted',
      'placeholder',
      ['--placeholder-parameters'],
      0,
      /^\S+ Producer +Producer +UPDATE_COMPLETE +0 +0 +0$/m,
      /warning SIM_EXPORT_UNCHECKED the export Producer:Env, which Consumer imports, has a value that holds a stand-in \(a placeholder (?:of --placeholder-parameters|for the deployed stack's value)[^\n]*is not checked/,
    ],
  ])('%s', async (_name, synth, previous, extra, exit, summary, said) => {
    const io = memoryIo(resolved);
    expect(await main([synth, '--operation', 'update', '--previous', previous, '--jobs', '1', '-q', ...extra], io)).toBe(exit);
    expect(io.out.join('')).toMatch(summary);
    const verbose = memoryIo(resolved);
    await main([synth, '--operation', 'update', '--previous', previous, '--jobs', '1', ...extra], verbose);
    expect(verbose.out.join('') + verbose.err.join('')).toMatch(said);
  });

  // The producer's update runs (its hooks are called) and the service fails it as it applies the outputs: every format
  // keeps the stack's report, hook calls included, and says why it rolled back. Before, the run was replaced by a
  // request refusal: no `Stack Producer:` section, no JSON `result`, no JUnit hook case, no SARIF result (found by a
  // helper's CDK sweep, a19).
  const refusal = 'Export Producer:KeyArn cannot be updated as it is in use by Consumer';
  it.each<[string, string, (out: string) => void]>([
    [
      'text',
      'text',
      (out) => {
        const producer = out.split('Stack Consumer')[0] ?? '';
        expect(producer).toMatch(/^PQ +AWS::SQS::Queue +CREATE_PRE_PROVISION +SUCCESS /m);
        expect(producer).toMatch(new RegExp(`^Producer +AWS::CloudFormation::Stack +UPDATE_ROLLBACK_IN_PROGRESS +${refusal}$`, 'm'));
        expect(producer).toMatch(new RegExp(`^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail as the service applies the outputs: ${refusal}$`, 'm'));
      },
    ],
    [
      'json',
      'json',
      (out) => {
        const producer = (JSON.parse(out) as ManyJson & { runs: { errors?: unknown; result?: { events: { resourceStatus: string; resourceStatusReason: string | null }[] } }[] }).runs[0];
        expect(producer?.errors).toBeUndefined();
        expect(producer?.result?.stack).toEqual(expect.objectContaining({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', outcome: 'FAILED' }));
        expect(producer?.result?.invocations.map((i) => `${i.logicalResourceId} ${i.invocationPoint}`)).toEqual(['PQ CREATE_PRE_PROVISION']);
        expect(producer?.result?.events).toContainEqual(expect.objectContaining({ resourceStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', resourceStatusReason: refusal }));
      },
    ],
    [
      'junit',
      'junit',
      (out) => {
        expect(out).toMatch(/<testcase classname="queue-added\/Producer\.template\.json\.PQ" name="MyCompany::Testing::MyTestHook CREATE_PRE_PROVISION PQ \(AWS::SQS::Queue\)" time="0"\/>/);
        expect(out).toMatch(/<testcase classname="queue-added\/Producer\.template\.json\.Producer" name="CloudFormation UPDATE_ROLLBACK_IN_PROGRESS Producer \(AWS::CloudFormation::Stack\)" time="0">\s*<failure message="Export Producer:KeyArn cannot be updated as it is in use by Consumer" type="UPDATE_ROLLBACK_IN_PROGRESS">queue-added\/Producer\.template\.json:\d+:\d+ Export/);
        expect(out).not.toMatch(/InputError|name="simulate"/);
      },
    ],
    [
      'sarif',
      'sarif',
      (out) => {
        const run = (JSON.parse(out) as { runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; invocations: { toolExecutionNotifications?: { level?: string }[] }[] }[] }).runs[0];
        const results = (run?.results ?? []).map((r) => [r.ruleId, r.level, r.message.text, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.physicalLocation.region.startLine]);
        // Located at the template's Outputs section (line 28 of the fixture); the uri is from the repository's root.
        expect(results).toEqual([['SIM_OUTPUTS_REFUSED', 'error', `Producer (AWS::CloudFormation::Stack, UPDATE_ROLLBACK_IN_PROGRESS): ${refusal}`, expect.stringMatching(/(^|\/)queue-added\/Producer\.template\.json$/), 28]]);
        // No request refusal beside it: the run executed (before, an error notification stood in for the report).
        expect((run?.invocations[0]?.toolExecutionNotifications ?? []).filter((n) => n.level === 'error')).toEqual([]);
      },
    ],
  ])('an export in use after the hooks passed, as %s: the hook calls are kept and the stack rolls back with the service\'s text', async (_name, format, check) => {
    const io = memoryIo(fixture);
    expect(await main(['queue-added', '--operation', 'update', '--previous', 'deployed', '--jobs', '1', '--format', format], io)).toBe(1);
    check(io.out.join(''));
  });

  it('an export in use, a hook blocking a resource first: the hook stays the verdict and the outputs are never applied', async () => {
    const io = memoryIo(fixture);
    expect(await main(['queue-blocked', '--operation', 'update', '--previous', 'deployed', '--jobs', '1', '--format', 'sarif'], io)).toBe(1);
    const results = (JSON.parse(io.out.join('')) as { runs: { results: { ruleId: string }[] }[] }).runs[0]?.results.map((r) => r.ruleId);
    expect(results).toEqual(['sqs-kms-key-present']);
    const text = memoryIo(fixture);
    expect(await main(['queue-blocked', '--operation', 'update', '--previous', 'deployed', '--jobs', '1'], text)).toBe(1);
    expect(text.out.join('')).toMatch(/^Verdict: UPDATE_ROLLBACK_COMPLETE: a hook would block the update at PQ \(CREATE_PRE_PROVISION\): NonCompliant/m);
    expect(text.out.join('')).not.toMatch(/in use by/);
  });

  it.each<[string, string, RegExp]>([
    ['an output added: the change set of no changes is executed', 'output-added', /^Changes: none \(no resource changes\)\n[\s\S]*^Verdict: UPDATE_COMPLETE: the update would complete \(0 hook invocations\)\.$/m],
    [
      'the Description alone: the verdict says the change set fails as holding no changes',
      'description-changed',
      /^Verdict: no resource or output changes against deployed: cdk deploy creates this stack's change set \(its template differs\), CloudFormation fails it as holding no changes \("no changes"\); no hook is invoked\.$/m,
    ],
  ])('%s', async (_name, synth, verdict) => {
    const io = memoryIo(fixture);
    expect(await main([synth, '--operation', 'update', '--previous', 'deployed', '--jobs', '1'], io)).toBe(0);
    expect(io.out.join('').split('Stack Consumer')[0]).toMatch(verdict);
  });

  // An update that empties a stack deletes it (cdk deploy: "stack has no resources, deleting existing stack"); DeleteStack
  // refuses a stack whose export another stack imports, as for cdk destroy: no hook call, exit 2.
  it('a stack emptied while another still imports its export is refused as its delete is', async () => {
    const io = memoryIo(fixture);
    expect(await main(['emptied', '--operation', 'update', '--previous', 'deployed', '--jobs', '1', '-q'], io)).toBe(2);
    expect(io.out.join('')).toMatch(/^\S+ Producer +Producer +REJECTED +0 +0 +2\n\S+ Consumer +Consumer +NO CHANGES +0 +0 +0\nExit: 2\n$/m);
    expect(io.err.join('')).toMatch(/^simulate: Producer: Export Producer:KeyArn cannot be deleted as it is in use by Consumer \(the service keeps the stack; no hook is invoked\)$/m);
  });

  // The service checks an export in use when it applies the outputs, as the change set executes: a change set only
  // created changes nothing yet (found by a helper re-running the CDK sweep's apps).
  it.each<[string, string[], number, RegExp]>([
    ['created, not executed: no refusal', [], 0, /^\S+ Producer +Producer +CHANGE SET CREATE_COMPLETE +0 +0 +0\n/m],
    ['executed: refused and rolled back', ['--execute'], 1, /^\S+ Producer +Producer +UPDATE_ROLLBACK_COMPLETE +0 +0 +1\n/m],
  ])('an export in use, as a change set %s', async (_name, extra, exit, summary) => {
    const io = memoryIo(fixture);
    expect(await main(['removed', '--operation', 'change-set', '--previous', 'deployed', '--jobs', '1', '-q', ...extra], io)).toBe(exit);
    expect(io.out.join('')).toMatch(summary);
  });
});
