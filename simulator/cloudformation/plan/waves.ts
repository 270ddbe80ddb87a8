/**
 * Waves: the service starts every resource whose dependencies are met at the same time, so an operation runs as a
 * sequence of waves, each a set of steps that wait for nothing still to do. Pure data, like the plan it groups.
 */
import type { PlanStep, StackOperation } from './types';

/**
 * The steps in waves: a step joins the first wave after every step it waits for. Creating and updating wait for the
 * resources they depend on; deleting waits for the resources that depend on the one deleted. A dependency outside
 * the steps (a resource the operation leaves alone) is already in place, so it is not waited for. Plan order is
 * kept inside a wave. The plan is in dependency order (reverse for deletes), so one pass that looks back suffices.
 */
export function planWaves(steps: readonly PlanStep[], operation: StackOperation): PlanStep[][] {
  const waitsFor = operation === 'delete' ? dependentsOf(steps) : (step: PlanStep): readonly string[] => step.resource.dependsOn;
  const waveOf = new Map<string, number>();
  const waves: PlanStep[][] = [];
  for (const step of steps) {
    let wave = 0;
    for (const id of waitsFor(step)) {
      const before = waveOf.get(id);
      if (before !== undefined) wave = Math.max(wave, before + 1);
    }
    waveOf.set(step.resource.logicalId, wave);
    (waves[wave] ??= []).push(step);
  }
  // Dense: a step's wave is at most one past the last wave used so far.
  return waves;
}

/** For deletes: the steps' resources that depend on each one (what must be gone before it can go). */
function dependentsOf(steps: readonly PlanStep[]): (step: PlanStep) => readonly string[] {
  const dependents = new Map<string, string[]>();
  for (const step of steps) {
    for (const dependency of step.resource.dependsOn) {
      const list = dependents.get(dependency);
      if (list) list.push(step.resource.logicalId);
      else dependents.set(dependency, [step.resource.logicalId]);
    }
  }
  return (step) => dependents.get(step.resource.logicalId) ?? [];
}
