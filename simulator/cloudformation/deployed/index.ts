export { fetchDeployedStack, fetchHookConfiguration, deployedParameters, declaredTransforms, needsProcessedTemplate, NO_ECHO_MASK } from './deployed-state';
export type { DeployedStack } from './deployed-state';
export { DeployedStateError } from './errors';
