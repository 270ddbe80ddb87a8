/**
 * The shapes of the ARNs and identifiers users hand the tools (`--role-arn`, `--type-arn`, a configuration's
 * `KmsKeyId`): one place, so that submit, configure and the validator accept and refuse the same strings.
 * Shapes only: whether the role, type or key exists is the service's to say.
 */

/** A partition: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, `aws-eusc`, … (lower-case words joined by `-`). */
const PARTITION = 'aws(?:-[a-z]+)*';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const ACCOUNT = '\\d{12}';

/** An IAM role ARN: `arn:<partition>:iam::<account>:role/[path/]<name>` (name 1–64 of `\w+=,.@-`). */
const IAM_ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`);

/** A hook type ARN without a version: `arn:<partition>:cloudformation:<region>:<account>:type/hook/<Company-Service-Hook>`. */
const HOOK_TYPE_ARN = new RegExp(`^arn:${PARTITION}:cloudformation:${REGION}:${ACCOUNT}:type/hook/[A-Za-z0-9]{2,64}-[A-Za-z0-9]{2,64}-[A-Za-z0-9]{2,64}$`);

/** The same with a version suffix (`/00000002`): SetTypeConfiguration wants the type, not a version. */
const HOOK_TYPE_VERSION_ARN = new RegExp(`${HOOK_TYPE_ARN.source.slice(0, -1)}/\\d{8}$`);

/** True for an IAM role ARN (`arn:aws:iam::123456789012:role/name`, any partition, with a path or not). */
export function isIamRoleArn(text: string): boolean {
  return IAM_ROLE_ARN.test(text);
}

/** True for a hook type ARN without a version suffix. */
export function isHookTypeArn(text: string): boolean {
  return HOOK_TYPE_ARN.test(text);
}

/** True for a hook type ARN with a version suffix (`…/00000002`). */
export function isHookTypeVersionArn(text: string): boolean {
  return HOOK_TYPE_VERSION_ARN.test(text);
}

/** The forms a KMS key identifier takes (AWS KMS Developer Guide, "Key identifiers (KeyId)"). */
export type KmsKeyIdForm = 'key ARN' | 'alias ARN' | 'key ID' | 'alias name';

const KMS_KEY_ARN = new RegExp(`^arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/[A-Za-z0-9-]{1,128}$`);
const KMS_ALIAS_ARN = new RegExp(`^arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:alias/[A-Za-z0-9/_-]{1,250}$`);
/** A key ID: a UUID, or a multi-Region key's `mrk-` and 32 hex digits. */
const KMS_KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KMS_ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/**
 * Which form of KMS key identifier `text` is, or undefined when it is none. A key ARN's key part is only checked
 * for its characters, not for a UUID: the hook documentation's own example is `…:key/abc-123`.
 */
export function kmsKeyIdForm(text: string): KmsKeyIdForm | undefined {
  if (KMS_KEY_ARN.test(text)) return 'key ARN';
  if (KMS_ALIAS_ARN.test(text)) return 'alias ARN';
  if (KMS_KEY_ID.test(text)) return 'key ID';
  if (KMS_ALIAS_NAME.test(text)) return 'alias name';
  return undefined;
}
