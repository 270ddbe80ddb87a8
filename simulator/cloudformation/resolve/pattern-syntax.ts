/**
 * The structure of an AllowedPattern as java-regex.ts translated it (a unicode-mode RegExp source), for generating
 * a value that matches it (pattern-value.ts). Only what generation needs is kept: literal characters, character
 * sets (kept as their RegExp source, so membership is decided by the engine itself, `\p{…}` and `i` included),
 * sequences, alternatives, repetitions, capture groups and back-references; anchors, `\b` and lookarounds match no
 * text and are kept as such. Each node carries the fewest and most characters (code points) it can match.
 * Parsing is bounded: a source over SOURCE_LIMIT characters, more than STEP_LIMIT nodes or groups nested deeper
 * than DEPTH_LIMIT give up with the reason (the RegExp already accepted the source, so nothing else is an error).
 */

/** The longest pattern source followed (the longest real AllowedPatterns are a few hundred characters). */
export const SOURCE_LIMIT = 20_000;
/** The most nodes and generation steps one pattern may cost. */
export const STEP_LIMIT = 200_000;
/** The deepest nesting of groups followed (the parser and the generator recurse on it). */
export const DEPTH_LIMIT = 200;

/** One part of a pattern, with the fewest and most characters it can match (`max` may be Infinity). */
export type PatternNode =
  | { readonly kind: 'char'; readonly text: string; readonly min: number; readonly max: number }
  | { readonly kind: 'set'; readonly source: string; readonly min: number; readonly max: number }
  | { readonly kind: 'sequence'; readonly items: readonly PatternNode[]; readonly min: number; readonly max: number }
  | { readonly kind: 'choice'; readonly options: readonly PatternNode[]; readonly min: number; readonly max: number }
  | { readonly kind: 'repeat'; readonly node: PatternNode; readonly least: number; readonly most: number; readonly min: number; readonly max: number }
  | { readonly kind: 'capture'; readonly node: PatternNode; readonly index: number; readonly name?: string; readonly min: number; readonly max: number }
  | { readonly kind: 'backreference'; readonly index?: number; readonly name?: string; readonly min: number; readonly max: number }
  /** Matches no text: an anchor, `\b`, or a lookaround (`inner`; `ahead` for a positive lookahead). */
  | { readonly kind: 'assertion'; readonly inner?: PatternNode; readonly ahead?: boolean; readonly min: 0; readonly max: 0 };

/** Thrown when a pattern is past a bound, or cannot be followed: generation gives up with this reason. */
export class UnfollowablePattern extends Error {}

/** A shared step counter: the parser and the generator spend from one budget. */
export class StepBudget {
  private spent = 0;

  /** The steps spent so far. */
  get used(): number {
    return this.spent;
  }

  /** Spends `count` steps; throws UnfollowablePattern past STEP_LIMIT. */
  spend(count = 1): void {
    this.spent += count;
    if (this.spent > STEP_LIMIT) throw new UnfollowablePattern(`it takes more than ${STEP_LIMIT} steps to follow`);
  }
}

const QUANTIFIER = /(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/y;
const EMPTY: PatternNode = { kind: 'sequence', items: [], min: 0, max: 0 };
const ZERO_WIDTH: PatternNode = { kind: 'assertion', min: 0, max: 0 };

/** Parses a unicode-mode RegExp source (one the engine accepted) into its structure. */
export function parsePattern(source: string, budget: StepBudget): PatternNode {
  if (source.length > SOURCE_LIMIT) throw new UnfollowablePattern(`it is longer than ${SOURCE_LIMIT} characters`);
  const parser = new PatternParser(source, budget);
  const node = parser.choice(0);
  return node;
}

class PatternParser {
  private at = 0;
  private groups = 0;
  /** Capture groups already closed, by number and by name, for the length of a back-reference to one. */
  private readonly closed = new Map<number | string, PatternNode>();

  constructor(
    private readonly source: string,
    private readonly budget: StepBudget,
  ) {}

  /** Alternatives separated by `|`, up to a `)` or the end. */
  choice(depth: number): PatternNode {
    if (depth > DEPTH_LIMIT) throw new UnfollowablePattern(`its groups nest more than ${DEPTH_LIMIT} deep`);
    const options: PatternNode[] = [this.sequence(depth)];
    while (this.source[this.at] === '|') {
      this.at += 1;
      options.push(this.sequence(depth));
    }
    if (options.length === 1) return options[0] as PatternNode;
    let min = Infinity;
    let max = 0;
    for (const option of options) {
      min = Math.min(min, option.min);
      max = Math.max(max, option.max);
    }
    return this.node({ kind: 'choice', options, min, max });
  }

  private sequence(depth: number): PatternNode {
    const items: PatternNode[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom(depth);
      const quantified = this.quantified(atom);
      const previous = items[items.length - 1];
      // java-regex.ts writes a possessive X*+ as (?=(?<p>X*))\k<p>: generate X* itself.
      if (quantified.kind === 'backreference' && previous?.kind === 'assertion' && previous.ahead === true && previous.inner?.kind === 'capture' && previous.inner.name === quantified.name) {
        items[items.length - 1] = previous.inner;
        continue;
      }
      items.push(quantified);
    }
    if (items.length === 1) return items[0] as PatternNode;
    let min = 0;
    let max = 0;
    for (const item of items) {
      min += item.min;
      max += item.max;
    }
    return this.node({ kind: 'sequence', items, min, max });
  }

  private atom(depth: number): PatternNode {
    const c = String.fromCodePoint(this.source.codePointAt(this.at) as number);
    switch (c) {
      case '^':
      case '$':
        this.at += 1;
        return ZERO_WIDTH;
      case '.':
        this.at += 1;
        return this.node({ kind: 'set', source: '.', min: 1, max: 1 });
      case '[':
        return this.set();
      case '(':
        return this.group(depth);
      case '\\':
        return this.escape();
      default:
        this.at += c.length;
        return this.node({ kind: 'char', text: c, min: 1, max: 1 });
    }
  }

  /** A class `[…]`, kept as written (unicode mode has no nested classes: the first unescaped `]` ends it). */
  private set(): PatternNode {
    const start = this.at;
    this.at += 1;
    while (this.at < this.source.length && this.source[this.at] !== ']') this.at += this.source[this.at] === '\\' ? 2 : 1;
    this.at += 1;
    return this.node({ kind: 'set', source: this.source.slice(start, this.at), min: 1, max: 1 });
  }

  private group(depth: number): PatternNode {
    const rest = this.source.slice(this.at, this.at + 4);
    const look = /^\(\?(?:<[=!]|[=!])/.exec(rest)?.[0];
    if (look !== undefined) {
      this.at += look.length;
      const inner = this.choice(depth + 1);
      this.at += 1; // ')'
      // Generation does not follow what a lookaround asks (the final check does); its content is kept for the
      // possessive shape and for judging how hard the pattern is to check.
      return this.node({ kind: 'assertion', inner, ...(look === '(?=' ? { ahead: true } : {}), min: 0, max: 0 });
    }
    if (rest.startsWith('(?:')) {
      this.at += 3;
      const inner = this.choice(depth + 1);
      this.at += 1;
      return inner;
    }
    const named = /^\(\?<([A-Za-z][A-Za-z0-9]*)>/.exec(this.source.slice(this.at, this.at + 300));
    this.at += named ? named[0].length : 1;
    this.groups += 1;
    const index = this.groups;
    const inner = this.choice(depth + 1);
    this.at += 1;
    const capture = this.node({ kind: 'capture', node: inner, index, ...(named ? { name: named[1] as string } : {}), min: inner.min, max: inner.max });
    this.closed.set(index, capture);
    if (named) this.closed.set(named[1] as string, capture);
    return capture;
  }

  private escape(): PatternNode {
    const start = this.at;
    const e = this.source[start + 1] as string;
    const rest = this.source.slice(start, start + 40);
    this.at += 2;
    if ('dDwWsS'.includes(e)) return this.node({ kind: 'set', source: `\\${e}`, min: 1, max: 1 });
    if (e === 'b' || e === 'B') return ZERO_WIDTH;
    if (e === 'p' || e === 'P') {
      // Unicode mode writes every property braced: `\p{L}`, `\P{Script=Greek}`.
      this.at = this.source.indexOf('}', start) + 1;
      return this.node({ kind: 'set', source: this.source.slice(start, this.at), min: 1, max: 1 });
    }
    if (e === 'k') {
      const name = /^\\k<([A-Za-z][A-Za-z0-9]*)>/.exec(this.source.slice(start, start + 300))?.[1] as string;
      this.at += name.length + 2;
      return this.reference({ name });
    }
    if (/[1-9]/.test(e)) {
      const digits = /^\\(\d+)/.exec(this.source.slice(start, start + 30))?.[1] as string;
      this.at += digits.length - 1;
      return this.reference({ index: Number(digits) });
    }
    return this.node({ kind: 'char', text: this.escapedChar(e, rest), min: 1, max: 1 });
  }

  /** The one character an escape stands for (`\t`, `\x41`, `\u{1F600}`, `\cA`, `\.`). */
  private escapedChar(e: string, rest: string): string {
    const simple: Readonly<Record<string, string>> = { t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', '0': '\0' };
    if (simple[e] !== undefined) return simple[e];
    if (e === 'c') {
      this.at += 1;
      return String.fromCharCode((rest.charCodeAt(2) as number) % 32);
    }
    if (e === 'x') {
      this.at += 2;
      return String.fromCharCode(parseInt(rest.slice(2, 4), 16));
    }
    if (e === 'u') {
      const braced = /^\\u\{([0-9a-fA-F]+)\}/.exec(rest);
      if (braced) {
        this.at += braced[0].length - 2;
        return String.fromCodePoint(parseInt(braced[1] as string, 16));
      }
      // A surrogate pair written as two escapes is one character in unicode mode.
      const pair = /^\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})/i.exec(rest);
      if (pair) {
        this.at += 10;
        return String.fromCharCode(parseInt(pair[1] as string, 16), parseInt(pair[2] as string, 16));
      }
      this.at += 4;
      return String.fromCharCode(parseInt(rest.slice(2, 6), 16));
    }
    return e; // a syntax character escaped to mean itself (`\.`, `\/`, `\-`)
  }

  private reference(target: { index?: number; name?: string }): PatternNode {
    const group = this.closed.get((target.index ?? target.name) as number | string);
    // A reference to a group not closed yet (itself, or one later) matches the empty text.
    return this.node({ kind: 'backreference', ...target, min: group?.min ?? 0, max: group?.max ?? 0 });
  }

  /** The atom with the quantifier that follows it, if any (a lazy `?` after it changes nothing here). */
  private quantified(atom: PatternNode): PatternNode {
    QUANTIFIER.lastIndex = this.at;
    const q = QUANTIFIER.exec(this.source);
    if (!q) return atom;
    this.at += q[0].length;
    let least: number;
    let most: number;
    if (q[1] !== undefined) [least, most] = q[1] === '*' ? [0, Infinity] : q[1] === '+' ? [1, Infinity] : [0, 1];
    else {
      least = Number(q[2]);
      most = q[3] === undefined ? least : q[4] === '' ? Infinity : Number(q[4]);
    }
    if (atom.max === 0) return atom.kind === 'assertion' ? atom : EMPTY;
    return this.node({ kind: 'repeat', node: atom, least, most, min: atom.min * least, max: atom.max * most });
  }

  private node(node: PatternNode): PatternNode {
    this.budget.spend();
    return node;
  }
}
