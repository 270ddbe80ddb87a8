/**
 * The environment a hook's local module runs with: its runtime's (worker's) `process.env`, never the simulator's own.
 * Nothing reaches AWS by default, and a module that calls the AWS SDK (to read a tag, a parameter) is one call away
 * from it, with whatever credentials the user's shell holds. So, unless the user asks otherwise:
 * - [choice] every `AWS_*` variable of the simulator's environment is left out: they are where an AWS SDK or CLI finds
 *   credentials, a profile, its config files, a role to assume, a container or instance credential endpoint, or an
 *   endpoint URL (AWS_ACCESS_KEY_ID, AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_WEB_IDENTITY_TOKEN_FILE,
 *   AWS_ROLE_ARN, AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_ENDPOINT_URL_S3, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, …),
 *   and in Lambda the platform sets them, not the user. [choice] Other variables pass: a user may give a module its
 *   configuration that way;
 * - Lambda's execution-role credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) are the
 *   simulator's dummy keys, the ones its hook requests carry;
 * - the shared config and credentials files are the null device, empty: an SDK finds ~/.aws/config and
 *   ~/.aws/credentials under the home directory without any variable, and a profile there could hold credentials,
 *   a role, an SSO session or `ignore_configured_endpoint_urls`;
 * - AWS_EC2_METADATA_DISABLED=true: no instance metadata service is asked for credentials or a region;
 * - AWS_ENDPOINT_URL sends every call of an AWS SDK for JavaScript v3 client (it reads the variable since late 2023)
 *   to a loopback port where nothing answers: the call fails at once, on this machine, with ECONNREFUSED, instead of
 *   reaching AWS with the dummy keys. A client given an `endpoint` in code, or an SDK that does not read the variable
 *   (v2, which Lambda's Node.js 18+ runtimes do not ship), goes where it is told, with the dummy keys: AWS refuses it.
 * With `userCredentials` (--hook-aws-credentials) the module gets the simulator's environment as it is, AWS settings
 * included, for a module meant to call AWS with the user's own credentials.
 * [choice] TZ is the simulator's own: Lambda sets `TZ=:UTC`, but Node's time zone is the process's, and a worker's
 * `env` changes only what its `process.env.TZ` says, not its clock (checked on Node 20): set there, a module would
 * read `:UTC` while its dates used the simulator's zone. Run the simulator with `TZ=UTC` to match Lambda.
 */
import type * as Os from 'node:os';
import { SIMULATED_CREDENTIALS } from '../request';

/**
 * Where a module's AWS SDK calls go: [choice] loopback port 1 (tcpmux, unassigned in practice), where nothing
 * listens, so the connection is refused at once. (Port 0 is not an answer: the SDK reads it as no port, 80.)
 */
export const NO_AWS_ENDPOINT = 'http://127.0.0.1:1';

/** What a module's runtime may use of the user's AWS settings. */
export interface ModuleAwsAccess {
  /** Pass the simulator's AWS_* variables (credentials, profile, endpoints) through: --hook-aws-credentials. */
  readonly userCredentials: boolean;
}

export const NO_AWS_ACCESS: ModuleAwsAccess = { userCredentials: false };

/**
 * The runtime's environment: the simulator's `simulator` environment, without its AWS settings unless `access` lets
 * them through, and with `functionVariables` (a Lambda function's, lambda-function.ts) set over it.
 */
export function moduleEnvironment(simulator: NodeJS.ProcessEnv, functionVariables: Readonly<Record<string, string>>, access: ModuleAwsAccess): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(simulator)) {
    // Case-blind: Windows spells its variables as it likes, and its SDKs read them so.
    if (value !== undefined && (access.userCredentials || !/^AWS_/i.test(name))) kept[name] = value;
  }
  // Required here, not imported: only a run with a module hook asks, and node:os would load at every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { devNull } = require('node:os') as typeof Os;
  const noAws: Record<string, string> = access.userCredentials
    ? {}
    : {
        AWS_ACCESS_KEY_ID: SIMULATED_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: SIMULATED_CREDENTIALS.secretAccessKey,
        AWS_SESSION_TOKEN: SIMULATED_CREDENTIALS.sessionToken,
        AWS_CONFIG_FILE: devNull,
        AWS_SHARED_CREDENTIALS_FILE: devNull,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL: NO_AWS_ENDPOINT,
      };
  return { ...kept, ...noAws, ...functionVariables };
}

/**
 * A module's error (its message and its `code`), with what it means when it is a refused connection to
 * NO_AWS_ENDPOINT: an AWS SDK call the simulator kept from reaching AWS.
 */
export function explainedModuleError(message: string, code: unknown): string {
  const { host } = new URL(NO_AWS_ENDPOINT);
  if (code !== 'ECONNREFUSED' || !message.includes(host)) return message;
  return `${message} (an AWS SDK call: a hook's module never reaches AWS in the simulator, its SDK is pointed at ${NO_AWS_ENDPOINT}, where nothing answers; see docs/simulator.md, "Where the code is")`;
}
