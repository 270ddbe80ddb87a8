/**
 * --placeholder-parameters: a whole repository's templates are deployed with parameter values kept elsewhere; with
 * the option, a parameter that has neither a value nor a Default gets a placeholder its declaration accepts (named in
 * a warning), so the hook still judges the resources. Without it, or when nothing fits, the service's refusal stands.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'simulator');
const TEMPLATE = 'placeholder-parameters.yaml';

async function simulate(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(fixtures);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('--placeholder-parameters', () => {
  it('without it, every parameter without a value or Default is refused, as the service does (exit 2)', async () => {
    const { code, err } = await simulate(TEMPLATE);
    expect(code).toBe(2);
    expect(err).toBe(`${TEMPLATE}:4:5 RES_MISSING_PARAMETER Parameters: [Env, Retention, Vpc, Subnets, Names, ManagementAccountId, OptionalKeyArn, Ami, Plain, DirectoryId, Stage, Suffixes, AdminPassword, TooLong, ServicePassword] must have values (at /Parameters/Env)\n`);
  });

  it('with it, each gets a value its declaration accepts, named in a warning at its declaration', async () => {
    const { code, out } = await simulate(TEMPLATE, '--placeholder-parameters', '--parameter', `TooLong=${'0'.repeat(2000)}`, '--format', 'json');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { warnings: { code: string; line: number; message: string }[]; stack: { finalStatus: string } };
    expect(doc.stack.finalStatus).toBe('CREATE_COMPLETE');
    const placeholders = Object.fromEntries(
      doc.warnings.filter((w) => w.code === 'RES_PARAMETER_PLACEHOLDER').map((w) => [/^parameter '(\w+)'/.exec(w.message)?.[1], /using the placeholder (".*?") \(/.exec(w.message)?.[1]]),
    );
    expect(placeholders).toEqual({
      Env: '"prod"', // the first AllowedValue
      Retention: '"7"', // its MinValue
      Vpc: expect.stringMatching(/^"vpc-[0-9a-f]{17}"$/),
      Subnets: expect.stringMatching(/^"subnet-[0-9a-f]{17},subnet-[0-9a-f]{17},subnet-[0-9a-f]{17}"$/),
      Names: '"placeholdernames1,placeholdernames2,placeholdernames3"', // three items: the template selects the third
      ManagementAccountId: '"123456789012"', // the account id its AllowedPattern asks for
      OptionalKeyArn: '""', // the empty value its AllowedPattern allows
      Ami: '"/placeholder/Ami"', // an SSM parameter name, whose value then gets the SSM placeholder
      Plain: '"placeholder-plain"',
      DirectoryId: '"d-aaaaaaaaaa"', // made from its AllowedPattern: no readable candidate fits
      Stage: '"dev"', // the first alternative of its AllowedPattern
      Suffixes: '"placeholdersuffixes-0,placeholdersuffixes-0,placeholdersuffixes-0"', // each item made from the pattern, spelling what it can of placeholdersuffixes<i>
      AdminPassword: '"Placeholder1"', // a mixed-case hint, for the lookaheads the generator does not follow
      ServicePassword: '"Placeholder1!"', // and one with a symbol, as strong-password patterns ask (aws-ia's Micro Focus templates)
    });
    expect(doc.warnings.find((w) => w.message.startsWith("parameter 'Env'"))?.line).toBe(4);
    expect(doc.warnings.some((w) => w.code === 'RES_PARAMETER_SSM_PLACEHOLDER')).toBe(true);
  });

  it('a parameter no placeholder fits (its AllowedPattern asks for more than the generator makes) stays refused, saying why, with the others stood in for (exit 2)', async () => {
    const { code, err } = await simulate(TEMPLATE, '--placeholder-parameters');
    expect(code).toBe(2);
    expect(err).toBe(
      `${TEMPLATE}:41:5 RES_MISSING_PARAMETER Parameters: [TooLong] must have values (--placeholder-parameters found no value for TooLong, as no value of its AllowedPattern ^[0-9a-f]{2000}$ was found: its shortest match has 2000 characters, more than a placeholder's 1024) (at /Parameters/TooLong)\n`,
    );
  });

  it.each<[string, string[], string]>([
    [
      'a delete: DeleteStack takes no parameters, so the refusal asks for the values the stack was deployed with, not for the ones CreateStack needs',
      ['--operation', 'delete'],
      `${TEMPLATE}:4:5 RES_MISSING_PARAMETER the deployed stack's parameters [Env, Retention, Vpc, Subnets, Names, ManagementAccountId, OptionalKeyArn, Ami, Plain, DirectoryId, Stage, Suffixes, AdminPassword, TooLong, ServicePassword] have no value here: a delete takes none, and the stack keeps the values it was deployed with, which the simulator does not know; give them with --parameter Env=<value>, or stand in for them with --placeholder-parameters (at /Parameters/Env)\n`,
    ],
    [
      'a delete with it: what no placeholder fits is still said',
      ['--operation', 'delete', '--placeholder-parameters'],
      `${TEMPLATE}:41:5 RES_MISSING_PARAMETER the deployed stack's parameters [TooLong] have no value here: a delete takes none, and the stack keeps the values it was deployed with, which the simulator does not know (--placeholder-parameters found no value for TooLong, as no value of its AllowedPattern ^[0-9a-f]{2000}$ was found: its shortest match has 2000 characters, more than a placeholder's 1024); give them with --parameter TooLong=<value> (at /Parameters/TooLong)\n`,
    ],
  ])('%s (exit 2)', async (_name, argv, expected) => {
    const { code, err } = await simulate(TEMPLATE, ...argv);
    expect(code).toBe(2);
    expect(err).toBe(expected);
  });

  // A mapping key built around the parameter (`!FindInMap [M, !Sub "app-${Env}", Key]`) gives it the rest of a key.
  it.each<[string, string]>([
    ['placeholder-mapping-sub.yaml', '"prod"'], // M has app-prod
    ['placeholder-mapping-join.yaml', '"prod"'], // !Join ["", [!Ref Env]]
  ])('%s: the parameter gets the value a mapping key is made of (exit 0)', async (template, placeholder) => {
    const { code, out, err } = await simulate(template, '--placeholder-parameters');
    expect(code).toBe(0);
    expect(out + err).toContain(`using the placeholder ${placeholder} (--placeholder-parameters; give it`);
  });

  // When no value makes a key, the lookup's refusal stands: the placeholder's warning goes with it and says why.
  it.each<[string, string]>([
    [
      'placeholder-mapping-no-key.yaml',
      `placeholder-mapping-no-key.yaml:3:5 warning RES_PARAMETER_PLACEHOLDER parameter 'Env' (String) has no value and no Default; using the placeholder "placeholder-env" (--placeholder-parameters; it is a key of Fn::FindInMap, but no key of mapping M has the form app-\${Env}; give it with --parameter Env=<value>) (at /Parameters/Env)
placeholder-mapping-no-key.yaml:11:34 RES_MAPPING_KEY Template error: Unable to get mapping for M::app-placeholder-env::Key (mapping M has no key app-placeholder-env) (at /Resources/Q/Properties/KmsMasterKeyId/Fn::FindInMap)
`,
    ],
    [
      'placeholder-mapping-disjoint.yaml',
      `placeholder-mapping-disjoint.yaml:3:5 warning RES_PARAMETER_PLACEHOLDER parameter 'Env' (String) has no value and no Default; using the placeholder "staging" (--placeholder-parameters; it is a key of Fn::FindInMap, but no value selects an entry in every mapping it is a key of (mapping Other: staging; mapping ByEnv: prod); give it with --parameter Env=<value>) (at /Parameters/Env)
placeholder-mapping-disjoint.yaml:13:34 RES_MAPPING_KEY Template error: Unable to get mapping for ByEnv::staging::Key (mapping ByEnv has no key staging; staging is a placeholder of --placeholder-parameters (give it with --parameter Env=<value>)) (at /Resources/Q/Properties/KmsMasterKeyId/Fn::FindInMap)
`,
    ],
  ])('%s: no value makes a key; the refusal keeps the placeholder warning saying why (exit 2)', async (template, expected) => {
    const { code, err } = await simulate(template, '--placeholder-parameters');
    expect(code).toBe(2);
    expect(err).toBe(expected);
  });

  it('a value given, or a Default, is never replaced', async () => {
    const { out } = await simulate(TEMPLATE, '--placeholder-parameters', '--parameter', `TooLong=${'0'.repeat(2000)}`, '--parameter', 'Env=dev', '--format', 'json');
    const doc = JSON.parse(out) as { warnings: { message: string }[] };
    expect(doc.warnings.some((w) => w.message.startsWith("parameter 'Env'"))).toBe(false);
    expect(doc.warnings.some((w) => w.message.startsWith("parameter 'TooLong'"))).toBe(false);
  });

  it('a rule that reads a placeholder is not evaluated (a warning), never a refusal the real value would not cause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placeholder-rule-'));
    try {
      writeFileSync(
        join(dir, 'rule.yaml'),
        'Parameters:\n  Env:\n    Type: String\nRules:\n  ProdOnly:\n    Assertions:\n      - Assert: !Equals [!Ref Env, prod]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {KmsMasterKeyId: k}\n',
      );
      const io = memoryIo(dir);
      expect(await main(['rule.yaml', '--placeholder-parameters', '--quiet'], io)).toBe(0);
      expect(io.err.join('')).toBe('');
      const json = memoryIo(dir);
      await main(['rule.yaml', '--placeholder-parameters', '--format', 'json'], json);
      expect((JSON.parse(json.out.join('')) as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(['RES_PARAMETER_PLACEHOLDER', 'RES_RULE_NOT_EVALUATED']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
