/**
 * The service's "export in use" rule for an update, on the two sides as resolved: the account holds each export by
 * its resolved name and text value, so a change of how they are written is none, and one through a function or a
 * parameter is one. A side that holds a placeholder is not judged, and a warning says what was not checked.
 */
import { exportsInUse, type StackImports } from '../../../../simulator/cloudformation/operation';
import { resolveStackTree, treeImports, type ResolvedStack } from '../../../../simulator/cloudformation/nested';
import { readTemplate, readSnippetFile, readTemplateFile } from '../../../../simulator/cloudformation/template';

const tree = { read: (file: string) => readTemplateFile(file), readSnippet: (file: string) => readSnippetFile(file), templateMap: {} };

/** A producer stack resolved from its Outputs (a KMS key beside them), with `parameters` given. */
function producer(outputs: string, parameters: Record<string, string> = {}, extra: { declare?: string; placeholders?: boolean } = {}): ResolvedStack {
  const text = `${extra.declare ?? ''}Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: {}\nOutputs:\n${outputs}`;
  const options = { stackName: 'Producer', region: 'us-east-1', accountId: '111111111111', parameters, ...(extra.placeholders ? { placeholderParameters: true } : {}) };
  return resolveStackTree(readTemplate('Producer.yml', text), options, tree);
}

const keyArn = (name: string, value = '!GetAtt [Key, Arn]'): string => `  KeyArn:\n    Value: ${value}\n    Export:\n      Name: ${name}\n`;
const num = (value: string): string => `  Num:\n    Value: ${value}\n    Export:\n      Name: Producer:Num\n`;
const topic = (value: string): string => `  Topic:\n    Value: ${value}\n    Export:\n      Name: Producer:Topic\n`;
const env = (value = '!Ref Env'): string => `  EnvOut:\n    Value: ${value}\n    Export:\n      Name: Producer:Env\n`;
const consumer: StackImports = { stackName: 'Consumer', imports: new Set(['Producer:KeyArn', 'Producer:Num', 'Producer:Topic', 'Producer:Env']) };
const declareEnv = 'Parameters:\n  Env:\n    Type: String\n';

describe('exportsInUse', () => {
  it.each<[string, ResolvedStack, ResolvedStack, string | undefined]>([
    ['the region written literally instead of Ref AWS::Region', producer(topic('!Sub "arn:${AWS::Partition}:sns:${AWS::Region}:111111111111:topic"')), producer(topic('!Sub "arn:${AWS::Partition}:sns:us-east-1:111111111111:topic"')), undefined],
    ['a Number quoted (30 → "30")', producer(num('30')), producer(num('"30"')), undefined],
    ['Fn::GetAtt in list and dotted form', producer(keyArn('Producer:KeyArn')), producer(keyArn('Producer:KeyArn', '!GetAtt Key.Arn')), undefined],
    ['a literal name and the same name built by !Sub', producer(keyArn('Producer:KeyArn')), producer(keyArn('!Sub "${AWS::StackName}:KeyArn"')), undefined],
    ['a name built by !Sub removed', producer(keyArn('!Sub "${AWS::StackName}:KeyArn"') + num('30')), producer(num('30')), 'Export Producer:KeyArn cannot be deleted as it is in use by Consumer'],
    ['a value changed by a parameter', producer(env(), { Env: 'dev' }, { declare: declareEnv }), producer(env(), { Env: 'prod' }, { declare: declareEnv }), 'Export Producer:Env cannot be updated as it is in use by Consumer'],
    ['a value changed (30 → 30.0: another text)', producer(num('30')), producer(num('30.0')), 'Export Producer:Num cannot be updated as it is in use by Consumer'],
    ['the same parameter value on both sides', producer(env(), { Env: 'dev' }, { declare: declareEnv }), producer(env(), { Env: 'dev' }, { declare: declareEnv }), undefined],
  ])('%s', (_name, deployed, next, refusal) => {
    const judged = exportsInUse(deployed, next, [consumer]);
    expect(judged.refusal).toBe(refusal);
    expect(judged.warnings).toEqual([]);
  });

  it.each<[string, ResolvedStack, ResolvedStack, readonly StackImports[], RegExp]>([
    [
      'an imported value that holds a placeholder, unchanged as resolved: not judged',
      producer(env(), {}, { declare: declareEnv, placeholders: true }),
      producer(env(), {}, { declare: declareEnv, placeholders: true }),
      [consumer],
      /^the export Producer:Env, which Consumer imports, has a value that holds a stand-in \(a placeholder of --placeholder-parameters[^)]*\)\): whether this update changes it .* is not checked$/,
    ],
    [
      'a deployed export named with a placeholder: whether a stack imports it is not checked',
      producer(keyArn('!Sub "${Env}:KeyArn"'), {}, { declare: declareEnv, placeholders: true }),
      producer(num('30')),
      [consumer],
      /^the deployed export placeholder-env:KeyArn is named with a stand-in .*: whether a stack imports it, and whether this update removes or changes it, is not checked$/,
    ],
    [
      'an importer known only as written, and an export removed that it does not import by that name',
      producer(keyArn('Producer:Other')),
      producer(num('30')),
      [{ stackName: 'Consumer', imports: new Set(['Producer:KeyArn']), unresolved: 'its template does not resolve here' }],
      /^this update removes or changes export Producer:Other; Consumer's imports are known only as written \(its template does not resolve here\): whether it imports it by a name built otherwise is not checked$/,
    ],
  ])('%s', (_name, deployed, next, importers, warning) => {
    const judged = exportsInUse(deployed, next, importers);
    expect(judged.refusal).toBeUndefined();
    expect(judged.warnings.map((w) => [w.code, w.severity, w.message])).toEqual([['SIM_EXPORT_UNCHECKED', 'warning', expect.stringMatching(warning)]]);
  });

  it('an export no other stack imports is removed without a word', () => {
    expect(exportsInUse(producer(keyArn('Producer:KeyArn')), producer(num('30')), [{ stackName: 'Consumer', imports: new Set(['Producer:Num']) }])).toEqual({ warnings: [] });
  });
});

describe('treeImports: the export names a stack imports, as resolved', () => {
  it.each<[string, string, string[]]>([
    ['a literal name', '!ImportValue Producer:KeyArn', ['Producer:KeyArn']],
    ['a name built by !Sub and by !Join', '!Join [",", [{"Fn::ImportValue": !Sub "${AWS::Region}:KeyArn"}, {"Fn::ImportValue": !Join [":", [Producer, Num]]}]]', ['us-east-1:KeyArn', 'Producer:Num']],
  ])('%s', (_name, value, names) => {
    const text = `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: ${value}\n  Skipped:\n    Type: AWS::SQS::Queue\n    Condition: Never\n    Properties:\n      QueueName: !ImportValue Producer:Unused\nConditions:\n  Never: !Equals [a, b]\n`;
    const stack = resolveStackTree(readTemplate('Consumer.yml', text), { stackName: 'Consumer', region: 'us-east-1', accountId: '111111111111', parameters: {}, exports: { 'Producer:KeyArn': 'k', 'us-east-1:KeyArn': 'k', 'Producer:Num': '3' } }, tree);
    // A resource its condition leaves out is not created: what it would import binds nothing.
    expect([...treeImports(stack)]).toEqual(names);
  });
});
