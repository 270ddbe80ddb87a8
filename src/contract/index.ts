/** The contract runner: `cfn test` for this hook without Python, SAM or Docker. */
export { main, schemaDefaults, DELETE_OVERRIDES } from './main';
export { buildContractCases, makeHookRequest, unknownTargets, unusedInputs, UNSUPPORTED_TARGET, type ContractCase } from './cases';
export { inputKindOf, parseContractInput, readContractInputs, INPUT_KINDS, type ContractInputFile, type ContractInputs, type InputKind, type TargetInput } from './inputs';
export { runContractCases, type CaseResult, type RunOptions } from './run-cases';
export { ContractInputError, contractUsageError } from './errors';
export { checkHandlerLoads, type HandlerLoadFailure, type HandlerLocation } from './isolated-handler';
