/**
 * One unit of a many-templates run (a template, or a cloud assembly's stacks), simulated inside the calling thread:
 * the main thread's share of the run, or a worker's job (worker-pool.ts).
 */
import { memoryIo } from '../../src/kernel/cli';
import type { AssemblyReads } from '../cloudformation/assembly';
import type { InputUnit } from './inputs';
import { ciPartsOf, stackNameFromFile, type SimulateOptions } from './options';
import { runAssembly } from './run-assembly';
import { failureDiagnostics, reportFailure, simulateOne } from './simulate-one';
import { reportedRow, stackRow, type UnitResult } from './unit-result';

/**
 * Simulates one unit inside this thread (a worker's job, or the main thread's share); never rejects: a failure that
 * escapes the unit's own reporting is that unit's bug (exit 3), and the run goes on (its output may be streaming).
 * `assemblies`: the cloud assemblies this thread has read in this run, one for all its units.
 */
export async function runUnit(unit: InputUnit, options: SimulateOptions, env: Readonly<Record<string, string | undefined>>, assemblies: AssemblyReads): Promise<UnitResult> {
  try {
    return await runUnitOrThrow(unit, options, env, assemblies);
  } catch (error) {
    return failedUnit(unit.input, error, env);
  }
}

/** The result of a unit that failed outside its own reporting: what the command prints for that error (a bug, exit 3). */
export function failedUnit(input: string, error: unknown, env: Readonly<Record<string, string | undefined>>): UnitResult {
  const cwd = env.INIT_CWD ?? process.cwd();
  const io = memoryIo(cwd, { ...env });
  return [stackRow(input, '-', reportFailure(error, io), io, undefined, failureDiagnostics(error, cwd, []))];
}

async function runUnitOrThrow(unit: InputUnit, options: SimulateOptions, env: Readonly<Record<string, string | undefined>>, assemblies: AssemblyReads): Promise<UnitResult> {
  if (unit.kind !== 'template') return runAssembly(unit, options, env, assemblies);
  const io = memoryIo(env.INIT_CWD ?? process.cwd(), { ...env });
  const { code, report, failure } = await simulateOne({ ...options, ...ciPartsOf(options), template: unit.path, inputs: [unit.input] }, io, undefined, assemblies);
  // A template refused before its run began still has the stack name the run would have given it (not a "-" in JSON).
  return [reportedRow(unit.input, report?.stack.name ?? stackNameFromFile(unit.path), code, io, report, failure)];
}
