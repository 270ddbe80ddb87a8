/** Resolving a template for one stack as CloudFormation would: parameters, conditions, intrinsics, transforms, dependency order. */
export { NESTED_STACK_TYPES, resolveTemplate, standInHeld } from './resolve-template';
export { stackOutputsKey } from './account-values';
export { describeParameters, type ParameterInfo } from './parameters';
export { parametersFromFile, parseParametersFile, type ParametersFile } from './parameters-file';
export { catalogSource, catalogType, catalogTypeNames, isRecognizedType, propertyNames } from '../../../src/kernel/resource-catalog';
export { samGeneratedTypesFor } from './serverless';
