/**
 * What an update replaces, updates in place or refuses, end to end (`simulate next --operation update --previous
 * prev`): the resource events of the stack, as the service would show them.
 */
import { runSimulate, runSimulateJson, scratchFolderPerTest } from '../../support/simulate-cli';

interface JsonRun {
  stack: { finalStatus: string };
  events: { logicalResourceId: string; resourceType: string; resourceStatus: string; resourceStatusReason: string | null; hookType: string | null }[];
}

const scratch = scratchFolderPerTest('update-replacements-');

/** The resource events (the stack's own and hook events left out): `<logical id> <status>[ <reason>]`. */
async function updateEvents(previous: string, next: string): Promise<{ code: number; events: string[]; finalStatus: string; err: string }> {
  scratch.file('prev.yaml', previous);
  scratch.file('next.yaml', next);
  const { code, run, err } = await runSimulateJson<JsonRun>(scratch.dir, ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's', '--format', 'json']);
  const events = (run.events ?? [])
    .filter((e) => e.resourceType !== 'AWS::CloudFormation::Stack' && e.hookType === null)
    .map((e) => `${e.logicalResourceId} ${e.resourceStatus}${e.resourceStatusReason ? ` ${e.resourceStatusReason}` : ''}`);
  return { code, events, finalStatus: run.stack?.finalStatus, err };
}

const REPLACING = 'Requested update requires the creation of a new physical resource; hence creating one.';

/** A template of `resources` (YAML under Resources:), with the SAM transform when `sam`. */
function template(resources: string, sam = false): string {
  return `${sam ? 'Transform: AWS::Serverless-2016-10-31\n' : ''}Resources:\n${resources}`;
}

/** A resource that names another (a parameter no hook of this project targets): updated when the other's `Ref` changes. */
const NAMING = (ref: string): string => `  B:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: !Ref ${ref}\n`;
const LAMBDA = (extra = ''): string =>
  `  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      Runtime: python3.12\n      Handler: index.handler\n      Code: {ZipFile: x}\n${extra}`;
const SAM_FUNCTION = (extra = ''): string =>
  `  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      InlineCode: x\n${extra}`;
const EIP = (domain: string): string => `  Ip:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: ${domain}\n`;
const SIMPLE_TABLE = (key: string): string => `  T:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      PrimaryKey: {Name: ${key}, Type: String}\n`;

describe('an update replaces a resource when a create-only property changes, and what names it is updated', () => {
  it.each<[string, string, string, string[]]>([
    [
      'a Lambda function with a generated (mixed-case) name: a new name, so the parameter naming it is updated',
      template(LAMBDA() + NAMING('Fn')),
      template(LAMBDA('      PackageType: Zip\n') + NAMING('Fn')),
      ['Fn UPDATE_IN_PROGRESS', `Fn UPDATE_IN_PROGRESS ${REPLACING}`, 'Fn UPDATE_IN_PROGRESS Resource creation Initiated', 'Fn UPDATE_COMPLETE', 'B UPDATE_IN_PROGRESS', 'B UPDATE_COMPLETE', 'Fn DELETE_IN_PROGRESS', 'Fn DELETE_COMPLETE'],
    ],
    [
      'an Elastic IP (its Ref is the address): a new address, so the parameter naming it is updated',
      template(EIP('vpc') + NAMING('Ip')),
      template(EIP('standard') + NAMING('Ip')),
      ['Ip UPDATE_IN_PROGRESS', `Ip UPDATE_IN_PROGRESS ${REPLACING}`, 'Ip UPDATE_IN_PROGRESS Resource creation Initiated', 'Ip UPDATE_COMPLETE', 'B UPDATE_IN_PROGRESS', 'B UPDATE_COMPLETE', 'Ip DELETE_IN_PROGRESS', 'Ip DELETE_COMPLETE'],
    ],
    [
      'a SAM function\'s Timeout: an in-place update of the Lambda function SAM generates; the parameter naming it is unchanged',
      template(SAM_FUNCTION('      Timeout: 3\n') + NAMING('Fn'), true),
      template(SAM_FUNCTION('      Timeout: 10\n') + NAMING('Fn'), true),
      ['Fn UPDATE_IN_PROGRESS', 'Fn UPDATE_COMPLETE'],
    ],
    [
      'a SAM function\'s FunctionName (the generated function\'s create-only FunctionName): replaced',
      template(SAM_FUNCTION('      FunctionName: one\n') + NAMING('Fn'), true),
      template(SAM_FUNCTION('      FunctionName: two\n') + NAMING('Fn'), true),
      ['Fn UPDATE_IN_PROGRESS', `Fn UPDATE_IN_PROGRESS ${REPLACING}`, 'Fn UPDATE_IN_PROGRESS Resource creation Initiated', 'Fn UPDATE_COMPLETE', 'B UPDATE_IN_PROGRESS', 'B UPDATE_COMPLETE', 'Fn DELETE_IN_PROGRESS', 'Fn DELETE_COMPLETE'],
    ],
    [
      'a SimpleTable\'s PrimaryKey (the generated table\'s KeySchema): replaced',
      template(SIMPLE_TABLE('id'), true),
      template(SIMPLE_TABLE('pk'), true),
      ['T UPDATE_IN_PROGRESS', `T UPDATE_IN_PROGRESS ${REPLACING}`, 'T UPDATE_IN_PROGRESS Resource creation Initiated', 'T UPDATE_COMPLETE', 'T DELETE_IN_PROGRESS', 'T DELETE_COMPLETE'],
    ],
    [
      'a DynamoDB table declared as a SimpleTable with the same key (SAM generates the table under its logical id): updated',
      template('  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n'),
      template(SIMPLE_TABLE('id'), true),
      ['T UPDATE_IN_PROGRESS', 'T UPDATE_COMPLETE'],
    ],
    [
      'a SAM function declared as a Lambda function: updated',
      template(SAM_FUNCTION() + NAMING('Fn'), true),
      template(LAMBDA() + NAMING('Fn')),
      ['Fn UPDATE_IN_PROGRESS', 'Fn UPDATE_COMPLETE'],
    ],
  ])('%s', async (_name, previous, next, expected) => {
    const { code, events, err } = await updateEvents(previous, next);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(events).toEqual(expected);
  });
});

describe('an update that changes a custom resource\'s ServiceToken fails as the service fails it, and rolls back', () => {
  const CUSTOM = (type: string, provider: string): string =>
    template(`  Seed:\n    Type: ${type}\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:${provider}\n      Size: 1\n`);
  it.each(['Custom::Seed', 'AWS::CloudFormation::CustomResource'])('%s', async (type) => {
    const { code, events, finalStatus } = await updateEvents(CUSTOM(type, 'provider-v1'), CUSTOM(type, 'provider-v2'));
    expect(code).toBe(1);
    expect(finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(events).toEqual(['Seed UPDATE_IN_PROGRESS', 'Seed UPDATE_FAILED Modifying service token is not allowed.']);
  });

  it('the verdict names the resource and the service\'s text; another property alone updates', async () => {
    scratch.file('prev.yaml', CUSTOM('Custom::Seed', 'provider-v1'));
    scratch.file('next.yaml', CUSTOM('Custom::Seed', 'provider-v2'));
    const { code, out } = await runSimulate(scratch.dir, ['next.yaml', '--operation', 'update', '--previous', 'prev.yaml', '--stack-name', 's']);
    expect(code).toBe(1);
    expect(out).toMatch(/^Verdict: UPDATE_ROLLBACK_COMPLETE: the update would fail at Seed: Modifying service token is not allowed\.$/m);
    const sized = await updateEvents(CUSTOM('Custom::Seed', 'provider-v1'), CUSTOM('Custom::Seed', 'provider-v1').replace('Size: 1', 'Size: 2'));
    expect(sized).toMatchObject({ code: 0, events: ['Seed UPDATE_IN_PROGRESS', 'Seed UPDATE_COMPLETE'] });
  });
});
