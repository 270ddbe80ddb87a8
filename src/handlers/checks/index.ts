export { POLICY, checksFor } from './policy-table';
export {
  SUPPORTED_TARGETS,
  type CheckDefinition,
  type CheckInput,
  type CheckOutcome,
  type CheckResult,
  type CheckStatus,
  type CheckSuspension,
  type Finding,
  type SupportedTarget,
} from './types';
