/**
 * Resource dependencies, found the way the service finds them: DependsOn plus every `Ref`, `Fn::GetAtt` and
 * `Fn::Sub` variable naming another resource (in the branch of each `Fn::If` that its condition selects), and
 * a dependency order computed in one depth-first pass (linear in resources plus edges). A cycle is reported as
 * the chain that closes it.
 */
import { INTRINSICS, recognizeCall } from '../template/intrinsics';
import { MAX_DEPTH, type NodeBudget } from './evaluate';
import { issueAt, type Where } from './issues';
import { subReadNames } from './sub-template';
import { isJsonObject } from '../../../src/kernel/protocol';


/** What reference discovery needs to know about the template. */
export interface ReferenceScope {
  /** True for the logical id of a resource that will be created. */
  isResource(logicalId: string): boolean;
  /** The value of a condition, or undefined when it is unknown (then both branches are scanned). */
  conditionValue(name: string): boolean | undefined;
  /** Evaluates a computed logical id or `Ref` name (AWS::LanguageExtensions), or undefined when it cannot. */
  computedName(expr: unknown): string | undefined;
  readonly budget: NodeBudget;
}

/** Adds to `found` every resource that `expr` references. */
export function collectReferences(expr: unknown, where: Where, scope: ReferenceScope, found: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH) throw issueAt(where, 'RES_TOO_DEEP', `the template nests deeper than ${MAX_DEPTH} levels here`);
  if (typeof expr !== 'object' || expr === null) return;
  scope.budget.spend(where);
  if (Array.isArray(expr)) {
    expr.forEach((item, i) => collectReferences(item, where.child(i), scope, found, depth + 1));
    return;
  }
  if (!isJsonObject(expr)) return;
  const keys = Object.keys(expr);
  const call = keys.length === 1 ? recognizeCall(expr, INTRINSICS) : undefined;
  const add = (name: string | undefined): void => {
    if (name !== undefined && scope.isResource(name)) found.add(name);
  };
  if (call?.known) {
    const argument = call.argument;
    const at = where.child(call.name);
    switch (call.name) {
      case 'Ref':
        add(typeof argument === 'string' ? argument : scope.computedName(argument));
        return;
      case 'Fn::GetAtt':
        if (typeof argument === 'string') add(argument.split('.')[0]);
        else if (Array.isArray(argument)) add(typeof argument[0] === 'string' ? argument[0] : scope.computedName(argument[0]));
        break;
      case 'Fn::Sub':
        for (const name of subReadNames(argument)) add(name);
        break;
      case 'Fn::If':
        if (Array.isArray(argument) && argument.length === 3 && typeof argument[0] === 'string') {
          const chosen = scope.conditionValue(argument[0]);
          if (chosen !== false) collectReferences(argument[1], at.child(1), scope, found, depth + 1);
          if (chosen !== true) collectReferences(argument[2], at.child(2), scope, found, depth + 1);
          return;
        }
        break;
      default:
        break;
    }
    collectReferences(argument, at, scope, found, depth + 1);
    return;
  }
  for (const key of keys) collectReferences(expr[key], where.child(key), scope, found, depth + 1);
}

/** A dependency order, or the cycle that prevents one. */
export type Ordering = { readonly ok: true; readonly order: string[] } | { readonly ok: false; readonly cycle: string[] };

/**
 * Orders resources so each comes after everything it depends on; among independent resources, template order
 * is kept. Iterative depth-first search, so a long chain cannot overflow the call stack.
 */
export function orderByDependencies(ids: readonly string[], dependencies: ReadonlyMap<string, ReadonlySet<string>>): Ordering {
  const index = new Map(ids.map((id, i) => [id, i]));
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const sortedDeps = (id: string): string[] =>
    [...(dependencies.get(id) ?? [])].filter((d) => index.has(d)).sort((a, b) => (index.get(a) as number) - (index.get(b) as number));
  for (const root of ids) {
    if (state.has(root)) continue;
    const stack: Array<{ id: string; deps: string[]; next: number }> = [{ id: root, deps: sortedDeps(root), next: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; deps: string[]; next: number };
      if (frame.next < frame.deps.length) {
        const dep = frame.deps[frame.next++] as string;
        const seen = state.get(dep);
        if (seen === 2) continue;
        if (seen === 1) {
          const open = stack.findIndex((f) => f.id === dep);
          return { ok: false, cycle: rotateCycle(stack.slice(open).map((f) => f.id), index) };
        }
        state.set(dep, 1);
        stack.push({ id: dep, deps: sortedDeps(dep), next: 0 });
      } else {
        state.set(frame.id, 2);
        order.push(frame.id);
        stack.pop();
      }
    }
  }
  return { ok: true, order };
}

/** The cycle starting at its member declared first, closed: [A, B, A]. */
function rotateCycle(members: string[], index: ReadonlyMap<string, number>): string[] {
  let first = 0;
  members.forEach((id, i) => {
    if ((index.get(id) as number) < (index.get(members[first] as string) as number)) first = i;
  });
  const rotated = [...members.slice(first), ...members.slice(0, first)];
  return [...rotated, rotated[0] as string];
}
