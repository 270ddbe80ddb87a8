export { planOperation, OperationError, type OperationTemplates, type PlannedOperation } from './plan-operation';
