export { planOperation, OperationError, type OperationTemplates, type PlannedOperation } from './plan-operation';
export { exportsInUse, type ExportsInUse, type StackImports } from './exports-in-use';
