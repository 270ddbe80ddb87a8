/**
 * The Conditions block: every condition evaluated once (memoised), `{"Condition": name}` references followed,
 * and a cycle among conditions reported as the chain that closes it.
 */
import { listForMessage, toPointer } from '../../../src/kernel/diagnostics';
import { evaluateCondition, type EvaluationContext } from './evaluate';
import { DependentFailure, issueAt, ResolveIssue, Where } from './issues';

/** One condition as declared (after Fn::ForEach expansion), with where it is written. */
export interface ConditionDefinition {
  readonly name: string;
  readonly expression: unknown;
  readonly pointer: string;
}

/** Evaluates conditions on demand, each once; a failed condition is reported once and then poisons its users quietly. */
export class ConditionTable {
  private readonly definitions = new Map<string, ConditionDefinition>();
  private readonly values = new Map<string, boolean>();
  private readonly failed = new Set<string>();
  private readonly inProgress: string[] = [];
  readonly issues: ResolveIssue[] = [];

  constructor(
    definitions: readonly ConditionDefinition[],
    private readonly contextFor: (table: ConditionTable) => EvaluationContext,
  ) {
    for (const definition of definitions) this.definitions.set(definition.name, definition);
  }

  /** Whether a condition of this name is declared. */
  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** The declared names, in template order. */
  names(): string[] {
    return [...this.definitions.keys()];
  }

  /** The value of a condition; throws a located issue when it is not declared. `depth`: the nesting already reached. */
  value(name: string, where: Where, depth = 0): boolean {
    const known = this.values.get(name);
    if (known !== undefined) return known;
    if (this.failed.has(name)) throw new DependentFailure(name);
    const definition = this.definitions.get(name);
    if (!definition) {
      const declared = this.names();
      throw issueAt(where, 'RES_UNKNOWN_CONDITION', `Template format error: Unresolved condition dependency ${name}: the Conditions block ${declared.length ? `declares only ${listForMessage(declared)}` : 'is empty or missing'}`);
    }
    const open = this.inProgress.indexOf(name);
    if (open >= 0) {
      const chain = [...this.inProgress.slice(open), name];
      throw new ResolveIssue('RES_CONDITION_CYCLE', `Circular dependency between conditions: ${listForMessage(chain, { separator: ' -> ' })}`, toPointer(['Conditions', chain[0] as string]));
    }
    this.inProgress.push(name);
    try {
      const result = evaluateCondition(definition.expression, Where.at(definition.pointer), this.contextFor(this), depth);
      this.values.set(name, result);
      return result;
    } catch (error) {
      this.failed.add(name);
      throw error;
    } finally {
      this.inProgress.pop();
    }
  }

  /** Evaluates every condition, collecting each fault once; returns the values of those that evaluated. */
  evaluateAll(): Map<string, boolean> {
    for (const name of this.definitions.keys()) {
      try {
        this.value(name, Where.at(toPointer(['Conditions', name])));
      } catch (error) {
        if (error instanceof ResolveIssue) {
          if (!this.issues.some((issue) => issue.message === error.message && issue.pointer === error.pointer)) this.issues.push(error);
        } else if (!(error instanceof DependentFailure)) {
          throw error;
        }
      }
    }
    return new Map(this.values);
  }
}
