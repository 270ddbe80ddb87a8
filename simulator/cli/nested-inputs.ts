/**
 * A repository's nested-stack children, found before a many-templates run is split into shards: a template another
 * template of the run nests (a local `TemplateURL` or SAM `Location`, or a URL `--template-map` maps to it) is
 * simulated as that parent's nested stack, with the parameters the parent passes, and not again on its own, where
 * its required parameters have no value and the service would never deploy it. Only templates a walk or a glob found
 * are folded into their parents; a template named on the command line is always simulated. What each template nests
 * comes from the run's one read of it (input-reads.ts), with the run's own bound and quotas.
 */
import type { InputReads } from './input-reads';
import type { InputUnit } from './inputs';

/** A template left out of the run's units because a parent of the run simulates it as a nested stack. */
export interface NestedInput {
  /** The child, as shown. */
  readonly input: string;
  /** The parent that nests it, as shown (the first in input order). */
  readonly parent: string;
}

/**
 * The units without the found templates that a parent of the run reaches as a nested stack. A template only
 * reachable through a loop (A nests B, B nests A) stays, so that its run reports the loop instead of nothing.
 */
export function withoutNestedChildren(units: readonly InputUnit[], reads: InputReads): { units: InputUnit[]; nested: NestedInput[] } {
  const byPath = new Map(units.filter((u) => u.kind === 'template').map((u) => [u.path, u]));
  const children = new Map<string, string[]>();
  const nestedAnywhere = new Set<string>();
  for (const unit of byPath.values()) {
    // A found template was read by the walk already; one named on the command line is read here, once.
    const found = reads.of(unit.path).children.filter((child) => child !== unit.path && byPath.has(child));
    children.set(unit.path, found);
    for (const child of found) nestedAnywhere.add(child);
  }
  // Walk down from the templates nobody nests: what they reach is simulated inside them.
  const parentOf = new Map<string, string>();
  const queue = [...byPath.keys()].filter((path) => !nestedAnywhere.has(path));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      if (parentOf.has(child) || !nestedAnywhere.has(child) || queue.includes(child)) continue;
      parentOf.set(child, next);
      queue.push(child);
    }
  }
  const kept: InputUnit[] = [];
  const nested: NestedInput[] = [];
  for (const unit of units) {
    const parent = parentOf.get(unit.path);
    if (unit.kind === 'template' && unit.found === true && parent !== undefined) nested.push({ input: unit.input, parent: byPath.get(parent)?.input ?? parent });
    else kept.push(unit);
  }
  return { units: kept, nested };
}
