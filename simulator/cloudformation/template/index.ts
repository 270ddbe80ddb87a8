/** Reading CloudFormation templates: JSON or YAML, short forms expanded, format errors located. */
export * from './types';
export { INTRINSIC_FUNCTIONS, INTRINSICS, recognizeCall, isIntrinsicName } from './intrinsics';
export type { FunctionSet, IntrinsicCall, IntrinsicName, RecognizedCall } from './intrinsics';
export { CLOUDFORMATION_LIMITS, type TemplateLimits } from './limits';
export { readTemplate, readSnippetFile, readTemplateFile, readTemplateStdin, STDIN_NAME, templateReadBound, type ReadOptions } from './read-template';
export type { TemplateCode } from './template-diagnostic';
export { TEMPLATE_SECTIONS, RESOURCE_ATTRIBUTES } from './template-shape';
export { parseYaml } from './parse-yaml';
export { declaredTransforms, PROCESSED_TEMPLATE } from './transforms';
export { SERVERLESS } from './intrinsics';
