/**
 * The deployed stack's parameters in an update or change set: `UsePreviousValue: true` in a parameters file takes
 * the deployed stack's value (UpdateStack and CreateChangeSet take the stack's current one), and the previous side is
 * not refused with CreateStack's words when the values it borrows from the new side do not fit the old declaration,
 * or when it has none: the service never checks a deployed stack's values again (found by helper h34's sweep:
 * cfn-modules/s3-bucket 112d982 grew `Access`'s AllowedValues, and a parameter dropped by the new template).
 */
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';
import { join } from 'node:path';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'simulator', 'deployed-parameters');

async function simulate(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(fixtures);
  const code = await main([...argv], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

interface Warning {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

async function warningsOf(argv: readonly string[]): Promise<{ code: number; status: string; deployed: Warning[] }> {
  const { code, out, err } = await simulate([...argv, '--format', 'json']);
  expect(err).toBe('');
  const doc = JSON.parse(out) as { warnings?: Warning[]; stack: { finalStatus: string } };
  return { code, status: doc.stack.finalStatus, deployed: (doc.warnings ?? []).filter((w) => w.code === 'RES_DEPLOYED_PARAMETER') };
}

const UPDATE = ['next.yaml', '--previous', 'prev.yaml', '--operation', 'update'];
const CHANGE_SET = ['next.yaml', '--previous', 'prev.yaml', '--operation', 'change-set'];
/** The deployed stack's every value, given. */
const DEPLOYED = ['--previous-parameter', 'Env=prod', '--previous-parameter', 'Tier=gold', '--previous-parameter', 'OldKey=k'];
/** The same template on both sides: an update changes nothing unless a value does. */
const SAME = ['prev.yaml', '--previous', 'prev.yaml', '--operation', 'update'];

describe('UsePreviousValue in a parameters file takes the deployed stack\'s value', () => {
  it.each<[string, string[], number, RegExp]>([
    ['an update, the deployed value given with --previous-parameter', [...UPDATE, '--parameters-file', 'use-previous.json', ...DEPLOYED], 0, /UPDATE_COMPLETE/],
    ['a change set, the same', [...CHANGE_SET, '--parameters-file', 'use-previous.json', ...DEPLOYED], 0, /change set CREATE_COMPLETE/],
    // Every value taken from the deployed stack (Access from the old Default) and the same template: nothing changes.
    ['every parameter, the same template: UpdateStack has nothing to do', [...SAME, '--parameters-file', 'use-previous-all.json', ...DEPLOYED], 2, /No updates are to be performed/],
    ['the command line wins over the file, as it wins over its values: Env changes', [...SAME, '--parameters-file', 'use-previous-all.json', ...DEPLOYED, '--parameter', 'Env=dev'], 0, /UPDATE_COMPLETE/],
  ])('%s', async (_name, argv, code, verdict) => {
    const run = await simulate(argv);
    expect(run.err).toBe('');
    expect(run.out).toMatch(verdict);
    expect(run.code).toBe(code);
  });

  it.each<[string, string[], string]>([
    [
      'a key the previous template does not declare (the service\'s words)',
      [...UPDATE, '--parameters-file', 'use-previous-new-key.json', ...DEPLOYED],
      'use-previous-new-key.json:4:49 RES_PARAMETERS_FILE Invalid input for parameter key Stage. Cannot specify usePreviousValue as true for a parameter key not in the previous template (at /2/UsePreviousValue)\n',
    ],
    [
      'a deployed value nobody gave, with no old Default',
      [...UPDATE, '--parameters-file', 'use-previous.json'],
      "use-previous.json:2:47 RES_PARAMETERS_FILE parameter Env has UsePreviousValue, and the deployed stack's value is not known here (the previous template gives it no Default): give it with --previous-parameter Env=<value>, or read the deployed stack with --from-stack (at /0/UsePreviousValue)\n",
    ],
    [
      'a create has no deployed stack ([choice])',
      ['next.yaml', '--parameters-file', 'use-previous.json'],
      'use-previous.json:2:47 RES_PARAMETERS_FILE parameter Env has UsePreviousValue: a create has no deployed stack to take the previous value from; give ParameterValue instead (at /0/UsePreviousValue)\nuse-previous.json:3:50 RES_PARAMETERS_FILE parameter Access has UsePreviousValue: a create has no deployed stack to take the previous value from; give ParameterValue instead (at /1/UsePreviousValue)\n',
    ],
    [
      'a change set that creates the stack (the service\'s words)',
      ['next.yaml', '--operation', 'change-set', '--parameters-file', 'use-previous-new-key.json'],
      'use-previous-new-key.json:4:49 RES_PARAMETERS_FILE Cannot specify UsePreviousValue on Parameters when ChangeSetType is CREATE (parameter Stage; a change set against a deployed stack takes --previous or --from-stack) (at /2/UsePreviousValue)\n',
    ],
    [
      'the deployed stack\'s own parameters file has no previous value of its own',
      [...UPDATE, '--parameter', 'Env=prod', '--parameter', 'Tier=gold', '--previous-parameters-file', 'use-previous.json'],
      "use-previous.json:2:47 RES_PARAMETERS_FILE parameter Env has UsePreviousValue in the deployed stack's parameters (--previous-parameters-file), which are its values, with no previous value of their own; give ParameterValue instead (at /0/UsePreviousValue)\nuse-previous.json:3:50 RES_PARAMETERS_FILE parameter Access has UsePreviousValue in the deployed stack's parameters (--previous-parameters-file), which are its values, with no previous value of their own; give ParameterValue instead (at /1/UsePreviousValue)\n",
    ],
  ])('is refused for %s (exit 2, located)', async (_name, argv, err) => {
    const run = await simulate([...argv, '-q']);
    expect(run.err).toBe(err);
    expect(run.code).toBe(2);
  });
});

describe("the previous side of an update is not judged as a stack being created: its values are the deployed stack's", () => {
  const ACCESS = "Parameter 'Access' must be one of AllowedValues [Private, PublicRead] (got \"CloudTrailWrite\")";
  it.each<[string, string[], Array<[number, RegExp]>]>([
    [
      'a new value the old AllowedValues lack (borrowed, no --previous-parameter): the old Default stands in; a parameter the new template dropped gets a placeholder',
      [...UPDATE, '--parameter', 'Env=prod', '--parameter', 'Tier=gold', '--parameter', 'Access=CloudTrailWrite'],
      [
        [4, /^Parameter 'Access' must be one of AllowedValues \[Private, PublicRead\] \(got "CloudTrailWrite"\): the value is the new one .*; using its Default "Private" \(give it with --previous-parameter Access=<value>, or refuse with --strict-parameters\)$/],
        [6, /^the deployed stack's parameter 'OldKey' has no value here and no Default: .*; using the placeholder "placeholder-oldkey" \(give it with --previous-parameter OldKey=<value>, or refuse with --strict-parameters\)$/],
      ],
    ],
    [
      'borrowed, with no old Default: a placeholder the old declaration accepts',
      [...UPDATE, '--parameter', 'Env=prod', '--parameter', 'Tier=bronze'],
      [
        [5, /^Parameter 'Tier' must be one of AllowedValues \[gold, silver\] \(got "bronze"\): .*; using the placeholder "gold" \(give it with --previous-parameter Tier=<value>/],
        [6, /^the deployed stack's parameter 'OldKey' has no value here/],
      ],
    ],
    [
      '[choice] a value given for the deployed stack that its declaration does not allow: used, with a warning',
      [...UPDATE, '--parameter', 'Env=prod', '--parameter', 'Tier=gold', '--previous-parameter', 'Env=prod', '--previous-parameter', 'Tier=gold', '--previous-parameter', 'OldKey=k', '--previous-parameter', 'Access=CloudTrailWrite'],
      [[4, new RegExp(`^${ACCESS.replace(/[[\]().]/g, '\\$&')}: used as given for the deployed stack, whose values the service never checks again`)]],
    ],
  ])('%s (exit 0)', async (_name, argv, expected) => {
    const run = await warningsOf(argv);
    expect(run.status).toBe('UPDATE_COMPLETE');
    expect(run.code).toBe(0);
    expect(run.deployed.map((w) => [w.file, w.line])).toEqual(expected.map(([line]) => ['prev.yaml', line]));
    run.deployed.forEach((w, i) => expect(w.message).toMatch((expected[i] as [number, RegExp])[1]));
  });

  it.each<[string, string[], string]>([
    [
      'the deployed values nobody gave once --previous-parameter gives one (nothing is borrowed then)',
      [...UPDATE, '--parameter', 'Env=prod', '--parameter', 'Tier=gold', '--parameter', 'Access=CloudTrailWrite', '--previous-parameter', 'OldKey=k', '--strict-parameters'],
      // With --previous-parameter given, nothing is borrowed: Access, Env and Tier have no deployed value.
      "prev.yaml:3:8 RES_MISSING_PARAMETER the deployed stack's parameters [Env, Tier] have no value here: the stack keeps the values it was deployed with, which the simulator does not know, and --strict-parameters refuses a placeholder for them; give them with --previous-parameter Env=<value> (at /Parameters/Env)\n",
    ],
    [
      'a borrowed value the old AllowedValues lack',
      [...UPDATE, '--parameter', 'Env=prod', '--parameter', 'Tier=gold', '--parameter', 'Access=CloudTrailWrite', '--strict-parameters'],
      `prev.yaml:4:41 RES_PARAMETER_CONSTRAINT ${ACCESS}: the value is the new one (the deployed stack borrows the new values when --previous-parameter gives none), which the deployed stack's declaration does not allow, and the stack keeps the value it was deployed with, which the simulator does not know; give it with --previous-parameter Access=<value> (at /Parameters/Access/AllowedValues)\nprev.yaml:6:11 RES_MISSING_PARAMETER the deployed stack's parameters [OldKey] have no value here: the stack keeps the values it was deployed with, which the simulator does not know, and --strict-parameters refuses a placeholder for them; give them with --previous-parameter OldKey=<value> (at /Parameters/OldKey)\n`,
    ],
  ])('--strict-parameters refuses %s, naming --previous-parameter, not CreateStack\'s words', async (_name, argv, err) => {
    const run = await simulate([...argv, '-q']);
    expect(run.err).toBe(err);
    expect(run.code).toBe(2);
  });

  it("a delete keeps stop 33's words: the deployed stack's values are the run's own --parameter", async () => {
    const run = await simulate(['prev.yaml', '--operation', 'delete', '--parameter', 'Env=prod', '-q']);
    expect(run.err).toBe(
      "prev.yaml:5:9 RES_MISSING_PARAMETER the deployed stack's parameters [Tier, OldKey] have no value here: a delete takes none, and the stack keeps the values it was deployed with, which the simulator does not know; give them with --parameter Tier=<value>, or stand in for them with --placeholder-parameters (at /Parameters/Tier)\n",
    );
    expect(run.code).toBe(2);
  });
});
