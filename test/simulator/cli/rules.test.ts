/**
 * The Rules section through the `simulate` command: checked for a create, an update and a change set (not for the
 * deployed template an update or delete starts from), in nested stacks with the parameters their parent passes, and
 * in a CDK assembly, where `CheckBootstrapVersion` holds for the version the manifest requires.
 */
import { join } from 'node:path';
import { inGitWorkTree } from '../../support/checkout';
import { runSimulate } from '../../support/simulate-cli';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'rules');

/** The diagnostic lines of a run whose code starts with RES_RULE, as `file:line:col [warning ]CODE`. */
function ruleLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => / (warning )?RES_RULE_/.test(line))
    .map((line) => (/^(\S+:\d+:\d+ (?:warning )?RES_RULE_\w+)/.exec(line) as RegExpExecArray)[1] as string);
}

describe('Rules through simulate', () => {
  it.each<[string, string[], number, string[], RegExp | undefined]>([
    ['a CDK assembly: CheckBootstrapVersion holds for the version the manifest requires, silently, in the stack and its nested stack', ['cdk.out'], 0, [], undefined],
    [
      'a CDK assembly given an older bootstrap version is refused with the rule\'s AssertDescription',
      ['cdk.out', '--ssm-parameter', '/cdk-bootstrap/hnb659fds/version=20'],
      2,
      ['cdk.out/Guarded.template.json:31:16 RES_RULE_ASSERTION'],
      /CDK bootstrap stack version 21 required\. Please run 'cdk bootstrap' with a recent version of the CDK CLI\. \(rule CheckBootstrapVersion, assertion 1 of 1 is false with BootstrapVersion = "20"\) \(at \/Rules\/CheckBootstrapVersion\/Assertions\/0\/Assert\)/,
    ],
    [
      "a CDK stack's template named on its own runs as that stack of its assembly: the rule holds for the version the manifest requires",
      ['cdk.out/Guarded.template.json', '--stack-name', 'Guarded'],
      0,
      [],
      undefined,
    ],
    [
      'and is refused, as the assembly is, when given an older bootstrap version',
      ['cdk.out/Guarded.template.json', '--ssm-parameter', '/cdk-bootstrap/hnb659fds/version=20'],
      2,
      ['cdk.out/Guarded.template.json:31:16 RES_RULE_ASSERTION'],
      /CDK bootstrap stack version 21 required/,
    ],
    [
      "a nested stack's rule over a value its parent only guessed (an export nobody gave) is not evaluated",
      ['parent.yaml'],
      0,
      ['child.yaml:13:5 warning RES_RULE_NOT_EVALUATED'],
      /rule SupportedRetention is not evaluated: assertion 1 depends on parameter Retention, whose value stands in for the export shared-retention-days, which was not given, passed down by the parent stack parent/,
    ],
    [
      "a nested stack's rule over a value its parent passed is checked, and refuses at the child's Assert",
      ['parent.yaml', '--parameter', 'Env=forbidden'],
      2,
      ['child.yaml:10:22 RES_RULE_ASSERTION'],
      /Env must not be forbidden \(rule NoForbiddenEnvironment, assertion 1 of 1 is false with Env = "forbidden"\)/,
    ],
    ['an update checks the template to deploy, not the deployed one (whose rule would not hold now)', ['next.yaml', '--operation', 'update', '--previous', 'deployed.yaml', '--parameter', 'Size=large'], 0, [], undefined],
    ['an update whose new template breaks its rule is refused', ['next.yaml', '--operation', 'update', '--previous', 'deployed.yaml'], 2, ['next.yaml:13:27 RES_RULE_ASSERTION'], /a prod stack needs a large size/],
    ['a change set likewise', ['next.yaml', '--operation', 'change-set'], 2, ['next.yaml:13:27 RES_RULE_ASSERTION'], /a prod stack needs a large size/],
    ['a rule whose RuleCondition is false is skipped', ['next.yaml', '--parameter', 'Env=dev'], 0, [], undefined],
    ['a delete does not check the deployed template again', ['deployed.yaml', '--operation', 'delete', '--parameter', 'Env=prod'], 0, [], undefined],
  ])('%s', async (_name, argv, code, lines, message) => {
    const run = await runSimulate(fixtures, argv);
    const text = `${run.err}\n${run.out}`;
    expect({ code: run.code, lines: ruleLines(text) }).toEqual({ code, lines });
    if (message) expect(text).toMatch(message);
  });

  it('a refusal takes the path of any input error: in a many-templates JUnit report, an InputError failure for its input', async () => {
    // In a git work tree, whose root JUnit's `file` is named from.
    const run = await runSimulate(inGitWorkTree(fixtures), ['next.yaml', 'parent.yaml', '--format', 'junit']);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/<testsuite name="next\.yaml" file="test\/fixtures\/rules\/next\.yaml" tests="1" failures="1"[^>]*>\s*<testcase classname="next\.yaml\.template" name="simulate"[^>]*>\s*<failure message="next\.yaml:13:27 RES_RULE_ASSERTION a prod stack needs a large size [^"]*" type="InputError">/);
  });
});
