/**
 * The project's version of cfn's managed upload infrastructure: the template is upload-infrastructure.yaml beside
 * this file (which says why it differs from cfn's), bundled as text by esbuild and loaded as text by Jest. The
 * output names are cfn's; the stack is the project's own (see uploadInfrastructureStackName).
 */
import template from './upload-infrastructure.yaml';

export const UPLOAD_BUCKET_OUTPUT = 'CloudFormationManagedUploadBucketName';
export const LOG_DELIVERY_ROLE_OUTPUT = 'LogAndMetricsDeliveryRoleArn';

/**
 * The upload stack's name, `mycompany-testing-mytesthook-upload-infrastructure`: named after the type like cfn's role
 * stack. Not cfn's shared `CloudFormationManagedUploadInfrastructure`: the two templates differ, so sharing that stack made
 * each tool overwrite the other's (and the log role of every extension in the account); each template was also
 * blocked by this very hook under one of its configurations.
 */
export function uploadInfrastructureStackName(hyphenatedName: string): string {
  return `${hyphenatedName}-upload-infrastructure`;
}

/** The template's text, as submit deploys it. */
export const UPLOAD_INFRASTRUCTURE_TEMPLATE: string = template;
