/**
 * The project's version of cfn's managed upload infrastructure: the template is upload-infrastructure.yaml beside
 * this file (which says why it differs from cfn's), bundled as text by esbuild and loaded as text by Jest. The stack
 * name and the two output names are cfn's, so cfn and this tool share one stack per account and region.
 */
import template from './upload-infrastructure.yaml';

export const UPLOAD_INFRASTRUCTURE_STACK = 'CloudFormationManagedUploadInfrastructure';
export const UPLOAD_BUCKET_OUTPUT = 'CloudFormationManagedUploadBucketName';
export const LOG_DELIVERY_ROLE_OUTPUT = 'LogAndMetricsDeliveryRoleArn';

/** The template's text, as submit deploys it. */
export const UPLOAD_INFRASTRUCTURE_TEMPLATE: string = template;
