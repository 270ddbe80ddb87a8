export { simulateChangeSet, changeSetFailedReason, changeSetHookVerdict, NO_CHANGES_REASON, type ChangeSetSimulation } from './simulate-change-set';
export { nestedStackChanges, plannedChanges, resourceActionOf, type LineOf, type PlannedChange } from './changes';
export { plannedResourceHooks, plannedStackHooks } from './hooks-plan';
export type * from './change-set-report';
