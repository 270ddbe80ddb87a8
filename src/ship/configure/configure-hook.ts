/**
 * `configure`: check a hook configuration document with the project's validator, then SetTypeConfiguration.
 * Nothing is sent unless the document is valid: a bad document is refused with located diagnostics.
 */
import type { CloudFormationClient, SetTypeConfigurationCommandInput } from '@aws-sdk/client-cloudformation';
import type { Diagnostic } from '../../kernel/diagnostics';
import type { HookSchema } from '../../kernel/hook-config';
import { stripBom } from '../../kernel/source';
import { explainAwsError, isHookTypeArn, isHookTypeVersionArn } from '../../kernel/aws';
import { DocumentRejectedError, ProjectError } from '../errors';
import type { ConfigurationValidator } from '../project/schema-check';


/**
 * Checks a configuration document; returns its warnings, throws ProjectError (cannot be read as JSON) or
 * DocumentRejectedError (invalid). Only the validator reads it, so this command answers what `validate --config`
 * and `simulate --config` answer for the same file: HC001 with the validator's hint (a YAML file: convert it to
 * JSON) is an input error (exit 2), any other error a refusal (exit 1).
 */
export function checkConfiguration(text: string, file: string, schema: HookSchema, validate: ConfigurationValidator): Diagnostic[] {
  const verdict = validate(text, file, schema);
  const unreadable = verdict.diagnostics.find((d) => d.code === 'HC001');
  if (unreadable) throw new ProjectError(unreadable.message, file, unreadable.line, unreadable.column, unreadable.code);
  if (!verdict.valid) {
    const errors = verdict.diagnostics.filter((d) => d.severity === 'error').length;
    throw new DocumentRejectedError(
      `${file} is not a valid hook configuration (${errors} error${errors === 1 ? '' : 's'}); nothing was sent`,
      file,
      verdict.diagnostics,
    );
  }
  return [...verdict.diagnostics];
}

/** Checks `typeArn` is a hook type ARN without a version suffix; throws ProjectError saying what is expected. */
export function checkTypeArn(typeArn: string): void {
  if (isHookTypeVersionArn(typeArn)) {
    throw new ProjectError(
      `--type-arn ${typeArn} names a version; SetTypeConfiguration configures the type: drop the trailing /${typeArn.slice(-8)}`,
      '',
      0,
      0,
      'USAGE',
    );
  }
  if (!isHookTypeArn(typeArn)) {
    throw new ProjectError(
      `--type-arn ${typeArn} is not a hook type ARN (expected arn:<partition>:cloudformation:<region>:<account>:type/hook/<Company-Service-Hook>)`,
      '',
      0,
      0,
      'USAGE',
    );
  }
}

/** The SetTypeConfiguration input: the type by ARN when given, otherwise by name and Type HOOK; the document text as written. */
export function setTypeConfigurationInput(text: string, target: { typeName: string; typeArn?: string }): SetTypeConfigurationCommandInput {
  const Configuration = stripBom(text);
  return target.typeArn ? { TypeArn: target.typeArn, Configuration } : { TypeName: target.typeName, Type: 'HOOK', Configuration };
}

/** Sends SetTypeConfiguration and returns the ConfigurationArn. */
export async function configureHook(
  client: CloudFormationClient,
  text: string,
  target: { typeName: string; typeArn?: string },
): Promise<string> {
  const { SetTypeConfigurationCommand } = await import('@aws-sdk/client-cloudformation');
  try {
    const response = await client.send(new SetTypeConfigurationCommand(setTypeConfigurationInput(text, target)));
    return response.ConfigurationArn ?? '';
  } catch (error) {
    throw explainAwsError(error, 'cloudformation:SetTypeConfiguration');
  }
}
