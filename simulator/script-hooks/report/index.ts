export type {
  LifecycleSystem,
  OperationOutcome,
  InvocationOutcome,
  LifecycleInvocation,
  EventSeverity,
  LifecycleEvent,
  LifecycleOperation,
  LifecycleReport,
} from './types';
export { verdictLine, reportJson } from './render';
