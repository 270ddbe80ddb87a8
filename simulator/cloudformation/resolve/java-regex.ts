/**
 * `AllowedPattern` is a Java regular expression (java.util.regex.Pattern, matched against the whole value), and
 * JavaScript's dialect differs: possessive quantifiers, `\A`/`\Z`/`\z`, POSIX classes (`\p{Alpha}`), `\Q…\E`,
 * leading inline flags (`(?i)`), Java's lenient escapes (`\@`, `[\w-\+]`) and class unions. This translates what
 * it can into an equivalent JavaScript RegExp (unicode mode); what it cannot is reported with the reason, so the
 * caller can skip the check with a warning rather than refuse a pattern the service accepts.
 */

/** A translated pattern, anchored to match the whole value; or why it could not be translated. */
export type JavaPattern = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly reason: string };

/** Java's ASCII POSIX classes, as JavaScript class contents. */
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'A-Za-z',
  Digit: '0-9',
  Alnum: 'A-Za-z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: '\\s',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Uppercase}',
  IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\p{White_Space}',
};

/** Class escapes whose JavaScript meaning is Java's (or a superset that never refuses a value Java accepts). */
const SAME_CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const VERTICAL_SPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
/** Characters that keep their backslash in a unicode-mode RegExp (anything else escaped is an error there). */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

class Untranslatable extends Error {}

/** Translates a Java pattern into a RegExp that matches a whole value as `Pattern.matches` does. */
export function translateJavaPattern(pattern: string): JavaPattern {
  try {
    const { source, flags } = new Translator(pattern).run();
    return { ok: true, regex: new RegExp(`^(?:${source})$`, `u${flags}`) };
  } catch (error) {
    if (error instanceof Untranslatable) return { ok: false, reason: error.message };
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

class Translator {
  private at = 0;
  private out = '';
  private flags = '';
  /** Where in `out` the last quantifiable atom starts (for possessive quantifiers). */
  private atomStart = -1;
  private possessives = 0;

  constructor(private readonly pattern: string) {}

  run(): { source: string; flags: string } {
    this.leadingFlags();
    while (this.at < this.pattern.length) this.next();
    return { source: this.out, flags: this.flags };
  }

  /** `(?i)`, `(?s)`, `(?x)`… at the very start apply to the whole pattern: JavaScript flags. */
  private leadingFlags(): void {
    const match = /^\(\?([imsxud]+)\)/.exec(this.pattern);
    if (!match) return;
    for (const flag of match[1] as string) {
      if (flag === 'i' || flag === 'm' || flag === 's') this.flags += this.flags.includes(flag) ? '' : flag;
      if (flag === 'x') throw new Untranslatable('comments mode (?x) is not translated');
    }
    this.at = match[0].length;
  }

  private emitAtom(text: string): void {
    this.atomStart = this.out.length;
    this.out += text;
  }

  private next(): void {
    const c = this.pattern[this.at] as string;
    switch (c) {
      case '\\':
        this.escape();
        return;
      case '[':
        this.emitAtom(`[${this.classBody()}]`);
        return;
      case '(':
        this.group();
        return;
      case ')':
        this.at += 1;
        this.out += ')';
        this.atomStart = this.groupStarts.pop() ?? -1;
        return;
      case '*':
      case '+':
      case '?':
        this.quantifier(c);
        return;
      case '{': {
        const bound = /^\{\d+(,\d*)?\}/.exec(this.pattern.slice(this.at));
        if (!bound) throw new Untranslatable(`a "{" at ${this.at} starts no repetition`);
        this.quantifier(bound[0]);
        return;
      }
      case '}':
      case ']':
        // Literal in Java; a syntax error in a unicode-mode RegExp unless escaped.
        this.at += 1;
        this.emitAtom(`\\${c}`);
        return;
      default:
        this.at += 1;
        this.emitAtom(c === '/' ? '\\/' : c);
    }
  }

  private readonly groupStarts: number[] = [];

  private group(): void {
    const rest = this.pattern.slice(this.at);
    if (/^\(\?[imsxud-]+[:)]/.test(rest)) throw new Untranslatable('inline flags inside the pattern are not translated');
    const opener = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z][A-Za-z0-9]*>)/.exec(rest)?.[0] ?? (rest.startsWith('(?>') ? '(?>' : '(');
    if (opener === '(?>') throw new Untranslatable('atomic groups (?>…) are not translated');
    this.groupStarts.push(this.out.length);
    this.out += opener;
    this.at += opener.length;
  }

  private quantifier(first: string): void {
    this.at += first.length;
    let quantifier = first;
    if (this.pattern[this.at] === '?') {
      quantifier += '?';
      this.at += 1;
    } else if (this.pattern[this.at] === '+') {
      // Possessive: match greedily and never give back, as an atomic group does: (?=(X+))\k<p>.
      this.at += 1;
      if (this.atomStart < 0) throw new Untranslatable('a possessive quantifier with nothing to repeat');
      const atom = this.out.slice(this.atomStart);
      const name = `possessive${this.possessives++}`;
      this.out = `${this.out.slice(0, this.atomStart)}(?:(?=(?<${name}>${atom}${quantifier}))\\k<${name}>)`;
      return;
    }
    this.out += quantifier;
  }

  private escape(): void {
    const e = this.pattern[this.at + 1];
    if (e === undefined) throw new Untranslatable('the pattern ends with a lone backslash');
    this.at += 2;
    switch (e) {
      case 'A':
        this.out += '^';
        return;
      case 'z':
        this.out += '$';
        return;
      case 'Z':
        this.out += '(?=\\n?$)';
        return;
      case 'Q': {
        const end = this.pattern.indexOf('\\E', this.at);
        const literal = this.pattern.slice(this.at, end === -1 ? undefined : end);
        this.at = end === -1 ? this.pattern.length : end + 2;
        this.emitAtom(`(?:${[...literal].map(literalChar).join('')})`);
        return;
      }
      case 'p':
      case 'P': {
        const contents = this.property(e === 'P');
        this.emitAtom(contents);
        return;
      }
      case 'h':
        this.emitAtom(`[${HORIZONTAL_SPACE}]`);
        return;
      case 'H':
        this.emitAtom(`[^${HORIZONTAL_SPACE}]`);
        return;
      case 'v':
        this.emitAtom(`[${VERTICAL_SPACE}]`);
        return;
      case 'V':
        this.emitAtom(`[^${VERTICAL_SPACE}]`);
        return;
      case 'R':
        this.emitAtom(`(?:\\r\\n|[${VERTICAL_SPACE}])`);
        return;
      case 'G':
        throw new Untranslatable('\\G is not translated');
      default:
        this.emitAtom(this.simpleEscape(e, false));
    }
  }

  /** `\p{Name}` / `\P{Name}` outside a class. */
  private property(negated: boolean): string {
    const contents = this.propertyContents();
    if (contents.startsWith('\\p{') && !contents.includes(']')) return negated ? contents.replace('\\p{', '\\P{') : contents;
    return `[${negated ? '^' : ''}${contents}]`;
  }

  /** The class contents of `\p{Name}` (the `\p` already read), Java's meaning. */
  private propertyContents(): string {
    const match = /^\{([A-Za-z_=]+)\}|^([A-Za-z])/.exec(this.pattern.slice(this.at));
    if (!match) throw new Untranslatable('a \\p without a property name');
    this.at += match[0].length;
    const name = (match[1] ?? match[2]) as string;
    const posix = POSIX[name] ?? POSIX[name.replace(/^Is/, '')];
    if (posix !== undefined) return posix;
    // Unicode categories and scripts: the same names in JavaScript's unicode mode.
    if (/^(L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Co|Cn)$/.test(name)) return `\\p{${name}}`;
    const script = /^(?:Is)?(Latin|Greek|Cyrillic|Han|Arabic|Hebrew|Hiragana|Katakana|Hangul|Thai)$/.exec(name);
    if (script) return `\\p{Script=${script[1]}}`;
    throw new Untranslatable(`the property \\p{${name}} is not translated`);
  }

  /** Escapes that mean one character or a standard class (inside a class or not). */
  private simpleEscape(e: string, inClass: boolean): string {
    if (SAME_CLASS_ESCAPES.has(e) || /[1-9]/.test(e) || 'tnrfbBk'.includes(e)) {
      if (e === 'b' && inClass) throw new Untranslatable('\\b inside a class');
      if (e === 'k') {
        const name = /^<[A-Za-z][A-Za-z0-9]*>/.exec(this.pattern.slice(this.at));
        if (!name) throw new Untranslatable('\\k without a group name');
        this.at += name[0].length;
        return `\\k${name[0]}`;
      }
      return `\\${e}`;
    }
    if (e === 'a') return '\\x07';
    if (e === 'e') return '\\x1B';
    if (e === 'c') {
      const letter = this.pattern[this.at];
      this.at += 1;
      return `\\c${letter ?? ''}`;
    }
    if (e === 'x') {
      const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.pattern.slice(this.at));
      if (braced) {
        this.at += braced[0].length;
        return `\\u{${braced[1]}}`;
      }
      return '\\x';
    }
    if (e === 'u') return '\\u';
    if (e === '0') {
      const octal = /^[0-7]{1,3}/.exec(this.pattern.slice(this.at));
      if (!octal) throw new Untranslatable('\\0 without an octal value');
      this.at += octal[0].length;
      return `\\u{${parseInt(octal[0], 8).toString(16)}}`;
    }
    if (/[A-Za-z0-9]/.test(e)) throw new Untranslatable(`the escape \\${e} is not translated`);
    // Java lets any other character be escaped to mean itself; unicode mode allows that only for syntax characters.
    return inClass ? classChar(e) : literalChar(e);
  }

  /** The body of a character class (after `[`, up to and including its `]`), translated; nested classes are unions. */
  private classBody(): string {
    this.at += 1;
    let body = '';
    if (this.pattern[this.at] === '^') {
      body += '^';
      this.at += 1;
    }
    // A `]` first in a class is a literal in Java.
    if (this.pattern[this.at] === ']') {
      body += '\\]';
      this.at += 1;
    }
    let previousWasClass = false;
    while (this.at < this.pattern.length) {
      const c = this.pattern[this.at] as string;
      if (c === ']') {
        this.at += 1;
        return body;
      }
      if (c === '&' && this.pattern[this.at + 1] === '&') throw new Untranslatable('class intersection (&&) is not translated');
      if (c === '[') {
        if (this.pattern[this.at + 1] === ':') {
          // Java reads `[:alpha:]` as a plain set of those characters, not as a POSIX class.
          this.at += 1;
          body += '\\[';
          continue;
        }
        if (this.pattern[this.at + 1] === '^') throw new Untranslatable('a negated class inside a class is not translated');
        body += this.classBody(); // a union: [a[bc]] is [abc]
        previousWasClass = true;
        continue;
      }
      if (c === '\\') {
        const e = this.pattern[this.at + 1];
        if (e === undefined) throw new Untranslatable('the pattern ends with a lone backslash');
        this.at += 2;
        if (e === 'p' || e === 'P') {
          const contents = this.propertyContents();
          if (e === 'P') {
            if (!contents.startsWith('\\p{') || contents.includes(']')) throw new Untranslatable('a negated property inside a class is not translated');
            body += contents.replace('\\p{', '\\P{');
          } else body += contents;
          previousWasClass = true;
          continue;
        }
        if (e === 'h' || e === 'v') {
          body += e === 'h' ? HORIZONTAL_SPACE : VERTICAL_SPACE;
          previousWasClass = true;
          continue;
        }
        if (e === 'Q') {
          const end = this.pattern.indexOf('\\E', this.at);
          const literal = this.pattern.slice(this.at, end === -1 ? undefined : end);
          this.at = end === -1 ? this.pattern.length : end + 2;
          body += [...literal].map(classChar).join('');
          previousWasClass = false;
          continue;
        }
        body += this.simpleEscape(e, true);
        previousWasClass = SAME_CLASS_ESCAPES.has(e);
        continue;
      }
      if (c === '-') {
        // Java reads a `-` next to a class escape (`[\w-+]`) as a literal; unicode mode refuses such a range.
        const nextIsClass = /^-\\[dDwWsSpPhv]/.test(this.pattern.slice(this.at)) || /^-\[/.test(this.pattern.slice(this.at));
        body += previousWasClass || nextIsClass ? '\\-' : '-';
        this.at += 1;
        previousWasClass = false;
        continue;
      }
      this.at += 1;
      body += classChar(c);
      previousWasClass = false;
    }
    throw new Untranslatable('a character class is not closed');
  }
}

/** One literal character outside a class. */
function literalChar(c: string): string {
  return SYNTAX.has(c) ? `\\${c}` : c;
}

/** One literal character inside a class. */
function classChar(c: string): string {
  return c === '\\' || c === ']' || c === '[' || c === '^' || c === '/' ? `\\${c}` : c === '-' ? '\\-' : c;
}
