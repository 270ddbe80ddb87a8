/**
 * What running an AllowedPattern may cost. The translated pattern is a JavaScript RegExp, a backtracking engine:
 * on a value it does not match, a repetition inside a repetition (`(a+)+b`) takes time exponential in the value's
 * length, and many repetitions that can trade characters take a high power of it. RE2 (re2js, linear time) runs
 * every pattern without a lookaround or back-reference. Shared by the check of a parameter's value
 * (parameters.ts) and the generation of a placeholder (pattern-value.ts).
 */
import type { RE2JS } from 're2js';
import { parsePattern, StepBudget, UnfollowablePattern, type PatternNode } from './pattern-syntax';

/** The most variable repetitions (`*`, `+`, `{1,5}`) a pattern may have before its cost counts as a risk. */
export const VARIABLE_REPEAT_LIMIT = 4;

/** How a given value is judged against a translated AllowedPattern: a test that always ends, or why there is none. */
export type PatternCheck = { readonly ok: true; readonly test: (value: string) => boolean } | { readonly ok: false; readonly reason: string };

/**
 * The check of a value against a translated AllowedPattern that always ends. A pattern with no backtracking risk is
 * run by the RegExp alone, as it always was (its semantics are the translation's). A risky one (`(a+)+b`, a
 * template's own or a hostile one: 34 characters of `a` then `c` kept the simulator busy for more than 20 s) is
 * first run by RE2, in linear time, and only a value RE2 matches goes to the RegExp, which finds a match without the
 * exhaustive search a near miss costs it. A risky pattern RE2 cannot run (a lookaround or back-reference as well)
 * is not checked: the caller warns, and the service checks it.
 */
export function allowedPatternCheck(regex: RegExp): PatternCheck {
  let risk: string | undefined;
  try {
    risk = backtrackingRisk(parsePattern(regex.source, new StepBudget()));
  } catch (error) {
    if (!(error instanceof UnfollowablePattern)) throw error;
    risk = `a structure too large to weigh (${error.message})`;
  }
  if (risk === undefined) return { ok: true, test: (value) => regex.test(value) };
  const linear = linearEngineFor(regex);
  if (linear) return { ok: true, test: (value) => linear.matches(value) && regex.test(value) };
  return { ok: false, reason: `it has ${risk}, on which a backtracking engine can take exponential time, and a lookaround or back-reference RE2 cannot run` };
}

/** RE2's compilation of the RegExp (its flags carried over), or undefined when RE2 cannot run it. */
export function linearEngineFor(regex: RegExp): RE2JS | undefined {
  try {
    const { RE2JS: engine } = re2js();
    const flags = (regex.flags.includes('i') ? engine.CASE_INSENSITIVE : 0) | (regex.flags.includes('s') ? engine.DOTALL : 0) | (regex.flags.includes('m') ? engine.MULTILINE : 0);
    return engine.compile(regex.source, flags);
  } catch {
    return undefined;
  }
}

/**
 * What makes a pattern costly for a backtracking engine on a value it does not match: a repetition inside a
 * variable repetition, an alternation inside one, or more than VARIABLE_REPEAT_LIMIT variable repetitions that can
 * multiply each other's work. A lookaround is atomic in JavaScript (never re-entered by backtracking), so its own
 * repetitions multiply those around it once: the pattern's degree is its own plus the largest of its lookarounds'
 * (`^(?=.*[a-z])(?=.*\d).{8,}$` has 2). Undefined when none.
 */
export function backtrackingRisk(root: PatternNode): string | undefined {
  let nested: string | undefined;
  /** The variable repetitions of `node` outside lookarounds, plus the most of any lookaround in it; `inVariable`: inside one. */
  const degree = (node: PatternNode, inVariable: boolean): number => {
    switch (node.kind) {
      case 'repeat': {
        const varies = node.most > node.least;
        if (inVariable && varies) nested ??= 'a repetition inside a repetition';
        return (varies ? 1 : 0) + degree(node.node, inVariable || varies);
      }
      case 'choice':
        if (inVariable) nested ??= 'an alternation inside a repetition';
        return sumOf(node.options, inVariable);
      case 'sequence':
        return sumOf(node.items, inVariable);
      case 'capture':
        return degree(node.node, inVariable);
      case 'assertion':
        return node.inner ? degree(node.inner, inVariable) : 0;
      default:
        return 0;
    }
  };
  /** Own repetitions summed; lookarounds' degrees (computed alone) counted once, the largest. */
  const sumOf = (nodes: readonly PatternNode[], inVariable: boolean): number => {
    let own = 0;
    let look = 0;
    for (const node of nodes) {
      if (node.kind === 'assertion') look = Math.max(look, node.inner ? degree(node.inner, inVariable) : 0);
      else own += degree(node, inVariable);
    }
    return own + look;
  };
  const total = degree(root, false);
  if (nested !== undefined) return nested;
  return total > VARIABLE_REPEAT_LIMIT ? `more than ${VARIABLE_REPEAT_LIMIT} variable repetitions that multiply` : undefined;
}

let re2jsModule: typeof import('re2js') | undefined;

/** The re2js module, required on first use (a top-level import would load it at every start of the simulator). */
function re2js(): typeof import('re2js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2jsModule ??= require('re2js') as typeof import('re2js');
  return re2jsModule;
}
