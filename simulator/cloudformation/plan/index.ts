export { changedAttributes, changesOnlyAttributes, planStack, retainsOnDelete, type PlanRequest } from './plan-stack';
export { replacementCauses, replacementEvaluation, withReplacementEvaluations, type EvaluatedTemplate, type ReplacementEvaluation } from './replacement';
export { PlanError } from './errors';
export type { NameClaim, PlanPhase, PlanStep, ResourceAttribute, StackOperation, StackPlan, UpdateRefusal } from './types';
export { changesNothing } from './types';
export { planWaves } from './waves';
