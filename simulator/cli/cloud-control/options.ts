/**
 * The `simulate cloudcontrol` command line: `create|update|delete`, the request's type and states, the account's
 * hooks (the options `simulate --hooks` takes), parsed with node:util parseArgs into a typed object.
 */
import { parseArgs } from 'node:util';
import { argumentErrorText, parseOutputFormat, refuseRepeatedValues, VERSION_HELP } from '../../../src/kernel/cli';
import type { CloudControlOperation } from '../../cloudformation/cloud-control';
import { accountAndHookOptions, keyValues, knownTypes, UsageError } from '../options';
import type { HookOptions } from '../run-simulation';

/** What the user asked for. Paths are as given (resolved against the working directory later). */
export interface CloudControlOptions extends HookOptions {
  readonly operation: CloudControlOperation;
  readonly typeName: string;
  readonly desiredState?: string;
  /** UpdateResource's PatchDocument (RFC 6902), applied to the previous state: the other way to say the desired state. */
  readonly patchDocument?: string;
  readonly previousState?: string;
  readonly identifier?: string;
  readonly knownTypes: readonly string[];
  readonly hooksFile?: string;
  readonly format: 'text' | 'json';
  readonly hookTimeoutMillis: number;
  readonly handlerLogs: boolean;
  readonly help: boolean;
}

/** The `simulate cloudcontrol --help` text. */
export const CLOUD_CONTROL_USAGE = `Usage: simulate cloudcontrol create|update|delete --type-name <type> [options]

Simulates a Cloud Control API request (aws cloudcontrol create-resource, update-resource, delete-resource) and
the hooks the account runs for it: every active hook whose TargetOperations include CLOUD_CONTROL and whose
handlers and TargetFilters target the type and action (stack filters do not apply). Shows the ProgressEvent and
GetResourceRequestStatus's HooksProgressEvent list as the API reports them, and each hook's result. Nothing is
sent to AWS.

Request
  --type-name <type>                 the resource type, e.g. AWS::S3::Bucket (in the registry, or --known-type)
  --desired-state <file>             the properties asked for, a JSON (or YAML) object: create, update
  --patch-document <file>            update: UpdateResource's PatchDocument (RFC 6902 JSON Patch), applied to
                                     --previous-state as the service does (instead of --desired-state)
  --previous-state <file>            the resource's current properties: update (required), delete (optional)
                                     (each as the AWS CLI takes it too: the JSON itself, or file://<path>)
  --identifier <id>                  the resource's primary identifier: update, delete (required); create:
                                     the name it will have (default: the desired state's identifying property)
  --known-type <type>                a private or third-party resource type the account has activated
                                     (repeatable; * matches any characters, e.g. MyOrg::*)
  --region <region>                  default us-east-1
  --account-id <id>                  default 123456789012
Hooks
  --hooks <file>                     the account's hooks, declared as a template (as for simulate --hooks)
  --hooks-parameter Key=Value        repeatable: a parameter of the hooks file
  --hook-source <arn-or-uri>=<path-or-url>
                                     repeatable: local code for a Lambda ARN, a Guard rules S3 URI, or a
                                     registry hook's type name (an http://127.0.0.1 Invoke endpoint)
  --registry-hook <project dir>      repeatable: another registry hook project (.rpdk-config and schema)
  --hook-aws-credentials             give a hook's local module this environment's AWS credentials, so its
                                     AWS SDK calls reach AWS (default: dummy keys, nothing reaches AWS)
  --cfn-guard <path>                 the cfn-guard binary for Guard hooks
  --config <file>                    without --hooks: MyCompany::Testing::MyTestHook alone, so configured
                                     (its default configuration targets RESOURCE only: it is not invoked)
  --failure-mode FAIL|WARN           override every hook's FailureMode
  --no-stringify                     send typed properties to registry (custom) hooks instead of strings
                                     (Lambda and Guard hooks get typed values either way)
  --hook-timeout <ms>                time budget of one hook call, default 30000
  --handler-logs                     show the project's handler log lines on stderr
Output
  --format text|json                 default text (SARIF and JUnit are for templates: not for cloudcontrol)
  --version                          ${VERSION_HELP}

Exit codes: 0 the request would go on to provisioning (WARN failures included), 1 a hook would fail it,
2 usage or input error, 3 internal error (a bug).
`;

const OPTIONS = {
  'type-name': { type: 'string' },
  'desired-state': { type: 'string' },
  'patch-document': { type: 'string' },
  'previous-state': { type: 'string' },
  identifier: { type: 'string' },
  'known-type': { type: 'string', multiple: true },
  region: { type: 'string' },
  'account-id': { type: 'string' },
  hooks: { type: 'string' },
  'hooks-parameter': { type: 'string', multiple: true },
  'hook-source': { type: 'string', multiple: true },
  'registry-hook': { type: 'string', multiple: true },
  'hook-aws-credentials': { type: 'boolean' },
  'cfn-guard': { type: 'string' },
  config: { type: 'string' },
  'failure-mode': { type: 'string' },
  'no-stringify': { type: 'boolean' },
  'hook-timeout': { type: 'string' },
  'handler-logs': { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Every option's name, for telling when npm took some for itself (`npm run simulate cloudcontrol …` without `--`). */
export const CLOUD_CONTROL_OPTION_NAMES: readonly string[] = Object.keys(OPTIONS);

/** The API's Identifier: 1 to 1,024 characters, none a line break (its pattern is `.+`). */
const IDENTIFIER = /^[^\r\n\u2028\u2029]{1,1024}$/;

/** The API's TypeName pattern. */
const TYPE_NAME = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

/** Parses the words after `cloudcontrol`; throws UsageError. */
export function parseCloudControlArgs(argv: readonly string[]): CloudControlOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(argumentErrorText(error, OPTIONS));
  }
  refuseRepeatedValues(parsed.tokens, OPTIONS, (message) => new UsageError(message));
  const v = parsed.values;
  const help = v.help === true;
  const format = parseOutputFormat(v.format, ['text', 'json'], (message) =>
    new UsageError(v.format === 'sarif' || v.format === 'junit' ? `--format ${v.format} is not supported for cloudcontrol (a request has no template to locate findings in): use text or json` : message),
  );
  const [word, ...extra] = parsed.positionals;
  const operation = operationOf(word, help);
  if (extra.length > 0) throw new UsageError(`cloudcontrol takes one operation (create, update or delete), got also: ${extra.join(' ')}`);
  const typeName = v['type-name'] ?? '';
  if (!help) checkRequest(operation, v, typeName);
  const { accountId, region, failureMode, hookTimeoutMillis } = accountAndHookOptions(v);
  if (v.hooks !== undefined && v.config !== undefined) throw new UsageError('--hooks declares every hook and its configuration (a HookTypeConfig resource): leave out --config');
  if (v.hooks === undefined && (v['hook-source'] !== undefined || v['registry-hook'] !== undefined || v['hooks-parameter'] !== undefined || v['cfn-guard'] !== undefined)) {
    throw new UsageError('--hook-source, --hooks-parameter, --registry-hook and --cfn-guard only serve the hooks of a --hooks file');
  }
  if (v.hooks === undefined && v['hook-aws-credentials'] !== undefined) {
    throw new UsageError("--hook-aws-credentials only serves the local modules of a --hooks file's hooks");
  }
  return {
    operation,
    typeName,
    ...(v['desired-state'] !== undefined ? { desiredState: v['desired-state'] } : {}),
    ...(v['patch-document'] !== undefined ? { patchDocument: v['patch-document'] } : {}),
    ...(v['previous-state'] !== undefined ? { previousState: v['previous-state'] } : {}),
    ...(v.identifier !== undefined ? { identifier: v.identifier } : {}),
    knownTypes: knownTypes(v['known-type']),
    region,
    accountId,
    ...(v.hooks !== undefined ? { hooksFile: v.hooks } : {}),
    hooksParameters: keyValues(v['hooks-parameter'], '--hooks-parameter'),
    hookSources: keyValues(v['hook-source'], '--hook-source'),
    registryHooks: v['registry-hook'] ?? [],
    hookAwsCredentials: v['hook-aws-credentials'] === true,
    ...(v['cfn-guard'] !== undefined ? { cfnGuard: v['cfn-guard'] } : {}),
    ...(v.config !== undefined ? { configFile: v.config } : {}),
    configFromAccount: false,
    ...(failureMode !== undefined ? { failureMode } : {}),
    stringify: v['no-stringify'] !== true,
    hookTimeoutMillis,
    handlerLogs: v['handler-logs'] === true,
    format,
    help,
  };
}

function operationOf(word: string | undefined, help: boolean): CloudControlOperation {
  if (word === undefined && help) return 'CREATE';
  if (word === 'create' || word === 'update' || word === 'delete') return word.toUpperCase() as CloudControlOperation;
  throw new UsageError(word === undefined ? 'cloudcontrol needs an operation: create, update or delete' : `cloudcontrol operation must be create, update or delete, got "${word}"`);
}

/** Which states and identifier each call takes, as the API's own parameters say. */
function checkRequest(operation: CloudControlOperation, v: Readonly<Record<string, unknown>>, typeName: string): void {
  if (typeName === '') throw new UsageError('--type-name is required (the resource type, e.g. AWS::S3::Bucket)');
  if (!TYPE_NAME.test(typeName)) throw new UsageError(`--type-name must be a resource type such as AWS::S3::Bucket (three parts of 2 to 64 letters and digits), got "${typeName}"`);
  const identifier = v.identifier as string | undefined;
  if (identifier !== undefined && !IDENTIFIER.test(identifier)) throw new UsageError('--identifier must be 1 to 1024 characters on one line (the resource\'s primary identifier)');
  const has = (name: string): boolean => v[name] !== undefined;
  if (operation !== 'UPDATE' && has('patch-document')) throw new UsageError('--patch-document is for update (UpdateResource\'s PatchDocument)');
  switch (operation) {
    case 'CREATE':
      if (!has('desired-state')) throw new UsageError('cloudcontrol create needs --desired-state <file> (CreateResource\'s DesiredState)');
      if (has('previous-state')) throw new UsageError('--previous-state is for update and delete: a resource being created has no current state');
      return;
    case 'UPDATE':
      if (!has('identifier')) throw new UsageError('cloudcontrol update needs --identifier <id> (the resource\'s primary identifier)');
      if (has('desired-state') === has('patch-document')) {
        throw new UsageError('cloudcontrol update needs the properties after the update: either --desired-state <file> or --patch-document <file> (RFC 6902), not both');
      }
      if (!has('previous-state')) throw new UsageError('cloudcontrol update needs --previous-state <file> (the resource\'s current properties, which the hooks get as previousResourceProperties)');
      return;
    case 'DELETE':
      if (!has('identifier')) throw new UsageError('cloudcontrol delete needs --identifier <id> (the resource\'s primary identifier)');
      if (has('desired-state')) throw new UsageError('--desired-state is for create and update: DeleteResource takes no desired state (give the current properties with --previous-state)');
      return;
  }
}
