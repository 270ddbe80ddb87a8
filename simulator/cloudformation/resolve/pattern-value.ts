/**
 * A value an AllowedPattern accepts, made from the pattern itself, for `--placeholder-parameters` when none of the
 * readable placeholders fits (`^(dev|test|prod)$`, `^ami-[0-9a-f]{8,17}$`, `^[A-Z]{2,4}-\d{3}$`, …).
 *
 * Deterministic (no randomness: the same template always gets the same value, so goldens and CI output are
 * stable). It follows the pattern's structure (pattern-syntax.ts) towards a wanted length: the first alternative
 * that can have it, the fewest repetitions that reach it, and for each character set the next character of a hint
 * (`placeholder-<name>`) while the value so far spells the hint, else the first of a fixed list of readable
 * characters the set accepts (a…z, 0…9, A…Z, `-`, `_`, `.`, …). It tries the shortest length, the hint's, and
 * the length where the hint stopped (and up to 3 more), and keeps the fitting value that spells most of the hint,
 * then the shortest; failing those, a few longer lengths.
 *
 * It only proposes: a value is returned only if the RegExp itself matches it and it has between `minLength` and
 * `maxLength` characters. What it does not follow (a lookaround's demand, a `\b`) is left to that check. Bounded:
 * parsing and generation share STEP_LIMIT steps, a value is at most VALUE_LIMIT characters; past a bound, or when
 * nothing fits, it gives up with the reason. The RegExp is a backtracking engine, which may take very long on a
 * value it does not match (`(a+)+` or a possessive's lookahead before an impossible tail): a value goes to it only
 * after RE2 (re2js, linear time) matched it, or, for a pattern RE2 cannot run (lookaround, back-reference,
 * possessive quantifier, `\u{…}`), only when it has at most BACKTRACKING_VALUE_LIMIT characters and the pattern
 * has no repetition inside a variable repetition (`(a+)+`, `(a|ab)*`) and at most VARIABLE_REPEAT_LIMIT variable
 * repetitions (each may multiply the engine's work by the value's length); such a pattern gets no value.
 */
import { backtrackingRisk, linearEngineFor } from './pattern-safety';
import { parsePattern, StepBudget, UnfollowablePattern, type PatternNode } from './pattern-syntax';

/**
 * The most characters a generated value may have. A parameter value may have 4,096 bytes, but a value is checked
 * by the backtracking engine that judges real values, and a short value bounds that check's cost.
 */
export const VALUE_LIMIT = 1024;

/** The longest value checked by the backtracking engine alone, for a pattern RE2 cannot run. */
export const BACKTRACKING_VALUE_LIMIT = 64;

/** What the value must also satisfy, and the text it should spell where the pattern allows. */
export interface ValueWanted {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly hint?: string;
}

/** A value the pattern matches, or why none was found. */
export type GeneratedValue = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/**
 * Characters tried for a set, in order: readable ASCII first, then a letter of each script java-regex.ts
 * translates (`\p{IsGreek}`, …), then white space and controls. A set none of them fits is scanned (within budget).
 */
const READABLE = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.',
  ...'/:@+=,~!#$%&*?^|;<>()[]{}\'"`\\ ',
  ...'éαжאاกあア한中٠',
  ...'\t\n\r\v\f\u00a0\u0000',
];

/** Generates a value `regex` matches (see the module comment); `budget` is the step budget it spends from. */
export function valueMatching(regex: RegExp, wanted: ValueWanted = {}, budget = new StepBudget()): GeneratedValue {
  const minLength = Math.max(0, wanted.minLength ?? 0);
  const maxLength = wanted.maxLength ?? Infinity;
  const hint = [...(wanted.hint ?? '')];
  try {
    const root = parsePattern(regex.source, budget);
    if (root.min > VALUE_LIMIT) return { ok: false, reason: `its shortest match has ${root.min} characters, more than a placeholder's ${VALUE_LIMIT}` };
    const lo = Math.max(root.min, minLength);
    const hi = Math.min(root.max, maxLength, VALUE_LIMIT);
    if (lo > hi) return { ok: false, reason: lengthReason(root, minLength, maxLength) };
    const matches = judge(regex);
    if (!matches.linear) {
      const risk = backtrackingRisk(root);
      const unlike = 'a pattern RE2 cannot run (a lookaround, back-reference or possessive quantifier)';
      if (risk !== undefined) return { ok: false, reason: `${unlike} with ${risk} is not tried: the backtracking engine could take exponential time on a value it does not match` };
      if (lo > BACKTRACKING_VALUE_LIMIT) return { ok: false, reason: `its values have at least ${lo} characters, and ${unlike} is only tried on values of at most ${BACKTRACKING_VALUE_LIMIT}` };
    }
    const generator = new ValueGenerator(regex.flags, budget, hint);
    const attempts = new Map<number, Attempt>();
    const attempt = (length: number): Attempt => {
      const target = Math.min(hi, Math.max(lo, length));
      let found = attempts.get(target);
      if (!found) {
        const made = generator.run(root, target);
        const size = [...made.value].length;
        found = { ...made, fits: size >= minLength && size <= maxLength && matches.test(made.value) };
        attempts.set(target, found);
      }
      return found;
    };
    const shortest = attempt(lo);
    const atHintLength = attempt(hint.length);
    // Where the hint stops, a little longer too: what follows it may spell on (`[a-z]+-\d` spells `placeholder-`).
    const spelled = atHintLength.hintUsed;
    const tried = [shortest, atHintLength, attempt(spelled), attempt(spelled + 1), attempt(spelled + 2), attempt(spelled + 3)];
    let best: Attempt | undefined;
    for (const a of tried) if (a.fits && (!best || a.hintUsed > best.hintUsed || (a.hintUsed === best.hintUsed && a.value.length < best.value.length))) best = a;
    // A lookahead may ask for a length the structure alone does not (`(?=.{8,})[a-z]+`): a few longer ones.
    for (const length of [8, 16, 32, 64, hi]) {
      if (best || !Number.isFinite(length)) continue;
      const longer = attempt(length);
      if (longer.fits) best = longer;
    }
    if (best) return { ok: true, value: best.value };
    return { ok: false, reason: `the value made from it, ${JSON.stringify(shortest.value)}, does not match it (a lookaround, back-reference or anchor the generator does not follow)` };
  } catch (error) {
    if (error instanceof UnfollowablePattern) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Whether a value matches: RE2 first where it can run the pattern, then the RegExp itself. */
function judge(regex: RegExp): { linear: boolean; test: (value: string) => boolean } {
  const linear = linearEngineFor(regex);
  if (linear) return { linear: true, test: (value) => linear.matches(value) && regex.test(value) };
  return { linear: false, test: (value) => [...value].length <= BACKTRACKING_VALUE_LIMIT && regex.test(value) };
}

interface Attempt {
  readonly value: string;
  /** How many characters from the start spell the hint. */
  readonly hintUsed: number;
  readonly fits: boolean;
}

function lengthReason(root: PatternNode, minLength: number, maxLength: number): string {
  const range = root.max === Infinity ? `at least ${root.min}` : root.min === root.max ? `${root.min}` : `${root.min} to ${root.max}`;
  const bounds = [minLength > 0 ? `MinLength ${minLength}` : '', Number.isFinite(maxLength) ? `MaxLength ${maxLength}` : ''].filter(Boolean).join(' and ');
  return `its matches have ${range} characters${bounds ? `, which ${bounds} exclude${bounds.includes(' and ') ? '' : 's'}` : `, more than a placeholder's ${VALUE_LIMIT}`}`;
}

/** Follows a parsed pattern to a value of about a wanted length; the state of one run is reset by `run`. */
class ValueGenerator {
  private readonly sets = new Map<string, RegExp>();
  private readonly firstMember = new Map<string, string>();
  private readonly flags: string;
  private out: string[] = [];
  private hintUsed = 0;
  private spelling = true;
  private captures = new Map<number | string, string>();

  constructor(
    flags: string,
    private readonly budget: StepBudget,
    private readonly hint: readonly string[],
  ) {
    this.flags = flags.replace(/[gy]/g, '');
  }

  run(root: PatternNode, target: number): { value: string; hintUsed: number } {
    this.out = [];
    this.hintUsed = 0;
    this.spelling = true;
    this.captures = new Map();
    this.generate(root, target);
    return { value: this.out.join(''), hintUsed: this.hintUsed };
  }

  private generate(node: PatternNode, wanted: number): void {
    this.budget.spend();
    const target = Math.min(node.max, Math.max(node.min, wanted));
    switch (node.kind) {
      case 'char':
        this.emit(node.text);
        return;
      case 'set':
        this.emit(this.choose(node.source));
        return;
      case 'assertion':
        return;
      case 'backreference':
        for (const c of this.captures.get((node.index ?? node.name) as number | string) ?? '') this.emit(c);
        return;
      case 'capture': {
        const start = this.out.length;
        this.generate(node.node, target);
        const text = this.out.slice(start).join('');
        this.captures.set(node.index, text);
        if (node.name !== undefined) this.captures.set(node.name, text);
        return;
      }
      case 'sequence': {
        const start = this.out.length;
        let restMin = node.min;
        for (const item of node.items) {
          restMin -= item.min;
          this.generate(item, target - (this.out.length - start) - restMin);
        }
        return;
      }
      case 'choice': {
        let chosen = node.options[0] as PatternNode;
        let distance = Infinity;
        for (const option of node.options) {
          const d = target < option.min ? option.min - target : target > option.max ? target - option.max : 0;
          if (d < distance) [chosen, distance] = [option, d];
          if (d === 0) break;
        }
        this.generate(chosen, target);
        return;
      }
      case 'repeat':
        this.repeat(node.node, node.least, node.most, target);
    }
  }

  /** Copies of `child` (at least `least`, at most `most`) until they reach the target length. */
  private repeat(child: PatternNode, least: number, most: number, target: number): void {
    const start = this.out.length;
    for (let count = 0; count < most; count++) {
      const produced = this.out.length - start;
      if (count >= least && produced >= target) return;
      const want = target - produced - Math.max(0, least - count - 1) * child.min;
      // Copies that may be empty are left empty once the length is reached, however many are required.
      if (want <= 0 && child.min === 0) return;
      this.generate(child, want);
      if (this.out.length - start === produced && count + 1 >= least) return;
    }
  }

  private emit(text: string): void {
    for (const c of text) {
      if (this.spelling && this.out.length < this.hint.length && c.toLowerCase() === (this.hint[this.out.length] as string).toLowerCase()) this.hintUsed += 1;
      else this.spelling = false;
      this.out.push(c);
    }
    if (this.out.length > VALUE_LIMIT) throw new UnfollowablePattern(`its values grow past a placeholder's ${VALUE_LIMIT} characters`);
  }

  /** The character for a set here: the hint's (either case) while the value spells it, else the set's first readable one. */
  private choose(source: string): string {
    const next = this.spelling ? this.hint[this.out.length] : undefined;
    if (next !== undefined) {
      for (const c of [next, next.toUpperCase(), next.toLowerCase()]) if (this.accepts(source, c)) return c;
    }
    const known = this.firstMember.get(source);
    if (known !== undefined) return known;
    const found = READABLE.find((c) => this.accepts(source, c)) ?? this.scan(source);
    this.firstMember.set(source, found);
    return found;
  }

  /** The lowest character of the Basic Multilingual Plane the set accepts beyond the readable ones, or a give-up. */
  private scan(source: string): string {
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      if (this.accepts(source, c)) return c;
    }
    throw new UnfollowablePattern(`its set ${source} matches no character of the Basic Multilingual Plane`);
  }

  private accepts(source: string, c: string): boolean {
    this.budget.spend();
    let regex = this.sets.get(source);
    if (!regex) {
      regex = new RegExp(`^${source}$`, this.flags);
      this.sets.set(source, regex);
    }
    return regex.test(c);
  }
}
