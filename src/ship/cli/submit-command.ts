/**
 * `ship submit`: package, then register the hook the way `cfn submit` does. `--dry-run` stops after packaging
 * and prints the calls it would make: it needs no credentials and creates no client.
 */
import { resolve } from 'node:path';
import { isIamRoleArn } from '../../kernel/aws';
import { EXIT_OK, type CliIo } from '../../kernel/cli';
import { ProjectError } from '../errors';
import { packageHook } from '../package/package-hook';
import { HOOK_ROLE_TEMPLATE_FILE, readProjectFile } from '../project/hook-project';
import { loadSchemaValidator } from '../project/schema-check';
import { planSubmit, type PlannedCall, type SubmitSettings } from '../submit/submit-plan';
import type { RegistrationWait } from '../submit/submit-hook';
import type { WaitSettings } from '../aws/stack-deployment';
import { cloudFormationClient, s3Client } from './aws-clients';
import { COMMON_OPTIONS, runCommand, usageError } from './command-options';
import { describePackage } from './package-command';
import { printDiagnostics, type OutputFormat } from './report';

const OPTIONS = {
  ...COMMON_OPTIONS,
  'role-arn': { type: 'string' },
  'no-role': { type: 'boolean', default: false },
  'set-default': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  'fetch-target-schemas': { type: 'boolean', default: false },
} as const;

/** Timing knobs, replaced in tests so nothing sleeps. */
export interface SubmitTiming {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  readonly newToken?: () => string;
  readonly stackWait?: WaitSettings;
  readonly registrationWait?: RegistrationWait;
}

/** Runs `submit`; returns the exit code. */
export async function submitCommand(argv: string[], io: CliIo, timing: SubmitTiming = {}): Promise<number> {
  return runCommand('submit', argv, io, OPTIONS, async (values, format) => {
    if (values['role-arn'] !== undefined && values['no-role']) throw usageError('--role-arn and --no-role cannot be combined');
    if (values['role-arn'] !== undefined && !isIamRoleArn(values['role-arn'])) {
      throw usageError(`--role-arn ${values['role-arn']} is not an IAM role ARN (expected arn:<partition>:iam::<12-digit account>:role/[path/]<name>)`);
    }
    if (values['dry-run'] && values['fetch-target-schemas']) {
      throw usageError('--dry-run makes no AWS call, and --fetch-target-schemas needs DescribeType: drop one');
    }
    const root = resolve(io.cwd, values.root ?? '.');
    const target = { region: values.region, profile: values.profile };
    const cloudFormation = values['fetch-target-schemas'] ? await cloudFormationClient(target) : undefined;
    // hook-role.yaml is checked against the schema's permissions (dry run too) only when submit deploys it.
    const deploysRole = values['role-arn'] === undefined && !values['no-role'];
    const packaged = await packageHook({ root, validateSchema: await loadSchemaValidator(), registryClient: cloudFormation, checkHookRole: deploysRole });
    printDiagnostics(io, packaged.warnings);
    const settings: SubmitSettings = {
      typeName: packaged.project.settings.typeName,
      hyphenatedName: packaged.project.hyphenatedName,
      roleArn: values['role-arn'],
      noRole: values['no-role'],
      setDefault: values['set-default'],
      fetchTargetSchemas: values['fetch-target-schemas'],
      targetNames: packaged.project.targetNames,
    };
    // Checked before a dry run too: a plan that the real run could not carry out is no plan.
    const roleTemplate = settings.roleArn || settings.noRole ? undefined : readRoleTemplate(root);
    if (values['dry-run']) {
      io.stderr(describePackage(packaged, io.cwd, 'text'));
      io.stdout(describePlan(planSubmit(settings), format));
      return EXIT_OK;
    }
    // The submission code and the SDK clients load only now: a dry run never pays for them.
    const { submitHook } = await import('../submit/submit-hook');
    const result = await submitHook({
      settings,
      packageBytes: packaged.hookPackage.bytes,
      roleTemplate,
      clients: { cloudFormation: cloudFormation ?? (await cloudFormationClient(target)), s3: await s3Client(target) },
      progress: (line) => io.stderr(`${line}\n`),
      ...timing,
    });
    if (format === 'json') io.stdout(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
    else {
      io.stdout(
        [
          `registered ${settings.typeName}`,
          `  type arn:          ${result.typeArn ?? '(not returned)'}`,
          `  version arn:       ${result.typeVersionArn ?? '(not returned)'}`,
          `  default version:   ${result.defaultVersionSet ? 'set to this version' : 'unchanged (pass --set-default to use this version)'}`,
          `  execution role:    ${result.executionRoleArn ?? 'none'}`,
          `  package:           ${result.schemaHandlerPackage}`,
          'next: npm run configure -- --config <hook-config.json>',
          '',
        ].join('\n'),
      );
    }
    return EXIT_OK;
  });
}

/** The dry run's output: one line per call (`api input`) with why it is made. */
export function describePlan(calls: readonly PlannedCall[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify({ ok: true, dryRun: true, calls }, null, 2)}\n`;
  const lines = ['dry run: no AWS call was made; submit would call, in order:'];
  calls.forEach((call, index) => {
    lines.push(`${String(index + 1).padStart(2)}. ${call.api} ${JSON.stringify(call.input)}`, `      ${call.note}`);
  });
  return `${lines.join('\n')}\n`;
}

function readRoleTemplate(root: string): string {
  try {
    return readProjectFile(root, HOOK_ROLE_TEMPLATE_FILE).bytes.toString('utf8');
  } catch {
    throw new ProjectError(
      `${HOOK_ROLE_TEMPLATE_FILE} is missing: it defines the hook's execution role; add it, or pass --role-arn <arn> or --no-role`,
      HOOK_ROLE_TEMPLATE_FILE,
      0,
      0,
      'PROJECT_FILE_MISSING',
    );
  }
}
