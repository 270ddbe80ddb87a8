export { main } from './main';
export { runAmplifyHooks, type AmplifySimulation } from './amplify';
export { runBeanstalkHooks, type BeanstalkSimulation, type BeanstalkOperation } from './beanstalk';
export { LifecycleInputError, LifecycleUsageError } from './errors';
export type { LifecycleReport, LifecycleInvocation, LifecycleEvent, LifecycleOperation } from './report';
