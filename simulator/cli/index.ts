/** The `simulate` command. */
export { main } from './main';
export { parseSimulateArgs, stackNameFromFile, UsageError, USAGE, type SimulateOptions } from './options';
export { runSimulation, SimulationInputError, HOOK_SCHEMA, type SimulationReport } from './run-simulation';
export { renderJson, renderText, verdictLine } from './render';
export { parseValueFile, readValueFile, ValueFileError } from './value-files';
