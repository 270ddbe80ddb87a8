/**
 * What the fast YAML path (js-yaml) cannot be trusted with, decided by one linear pass over the text.
 *
 * js-yaml silently flattens a few constructs YAML allows (a `? ` explicit key, a flow collection, an alias or a
 * tagged value used as a key) and tolerates a few YAML forbids (a comment glued to a quote, a tab in
 * indentation, a tag read after the scalar it precedes). Such text must go to the precise `yaml` document path.
 * These constructs were once found by one regular expression; with runs of `&`, `*` or `!` in a long line its
 * backtracking grew with the square of the line (a 200 KB string took more than 30 s). The scan below finds
 * exactly what that expression found (test/simulator/cloudformation/template/yaml-constructs.property.test.ts
 * holds it to the expression on random text), visiting each character a bounded number of times.
 */

/** What one pass over YAML text learned. */
export interface YamlConstructs {
  /** The text may hold a construct js-yaml would flatten or wrongly accept: only the precise path may read it. */
  readonly needsPrecise: boolean;
  /** The text may hold an anchor, so parsed values may be shared and must be sized before they are copied. */
  readonly mayHaveAnchor: boolean;
}

/** Scans YAML text once; linear in its length whatever it holds. */
export function scanYamlConstructs(text: string): YamlConstructs {
  const scan = new ConstructScan(text);
  return { needsPrecise: scan.needsPrecise(), mayHaveAnchor: scan.mayHaveAnchor() };
}

/** True when YAML text may hold a construct js-yaml would flatten, so only the precise path may read it. */
export function needsPreciseYaml(text: string): boolean {
  return new ConstructScan(text).needsPrecise();
}

const TAB = 0x09;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const DOLLAR = 0x24;
const AMPERSAND = 0x26;
const APOSTROPHE = 0x27;
const STAR = 0x2a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const QUESTION = 0x3f;
const BANG = 0x21;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;

/** JavaScript's `\s`: the whitespace the YAML grammar and the old expression both split on. */
function isSpace(c: number): boolean {
  if (c === SPACE || (c >= TAB && c <= CR)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A character of an anchor or alias name: anything but whitespace and the flow indicators. */
function isNameChar(c: number): boolean {
  return !isSpace(c) && c !== COMMA && c !== OPEN_SQUARE && c !== CLOSE_SQUARE && c !== OPEN_CURLY && c !== CLOSE_CURLY;
}

/** A character of a `${Name}` variable (`[\w.:-]`). */
function isVariableChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === DOT || c === COLON || c === MINUS;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/*
 * Each pass below visits only the places where one of its constructs can be, found by a native search: a
 * JavaScript loop over every character costs tens of nanoseconds a character in a short-lived process (it never
 * gets optimised), which made the scan of a 500 KB template take as long as js-yaml parsing it. Each expression
 * is a necessary condition of the checks it triggers, written so that it cannot backtrack beyond one run of
 * blanks, and the checks at the places it finds are the same as before.
 */
/** A character `characterConstructs` judges, with what must follow it for a construct to hold. */
const CHARACTER_TRIGGERS = /\?(?:\s|$)|[\]}](?:#|[ \t]*:(?:\s|$))|[{,][ \t]*:(?:\s|$)|["']#/g;
/**
 * A line terminator (as `^` sees them in multi-line mode) before a line where a tab indents, a tag is followed by
 * a key, or content follows `---`. The text's first line is judged on its own: starting the search at
 * terminators is what lets it skip the text between them, and what confines each attempt to one line.
 */
const LINE_START_TRIGGERS = /[\n\r\u2028\u2029](?= *\t|[ \t]*(?:- )?!\S+[ \t]+[^\s#]*:(?:\s|$)|---[ \t]+[^\s#])/g;
/** Blanks then a key's `:`, without which an alias cannot be a key. */
const BLANK_THEN_KEY = /[ \t]:(?:\s|$)/g;
/** The anchor's marker, without which no anchor construct holds. */
const ANCHOR_MARK = /&/g;
/**
 * A line's last newline before content that js-yaml resolves before a tag applies (a tag, a number, a boolean
 * or null): the place after a line a tag may end.
 */
const RESOLVED_AFTER_NEWLINE = /\n[^\S\n]*(?:!|[-+]?\.?[0-9]|(?:true|false|True|False|TRUE|FALSE|yes|no|on|off|Yes|No|On|Off|YES|NO|ON|OFF|null|Null|NULL|~)(?:[\s,\]}]|$))/g;

class ConstructScan {
  private readonly length: number;

  constructor(private readonly text: string) {
    this.length = text.length;
  }

  private at(i: number): number {
    return i < this.length ? this.text.charCodeAt(i) : -1;
  }

  /** Whitespace or the end of the text: where a key's `:` must be followed. */
  private endsToken(i: number): boolean {
    return i >= this.length || isSpace(this.text.charCodeAt(i));
  }

  private skipBlanks(i: number): number {
    while (i < this.length && isBlank(this.text.charCodeAt(i))) i++;
    return i;
  }

  needsPrecise(): boolean {
    return this.characterConstructs() || this.lineStartConstructs() || this.physicalLineConstructs();
  }

  /** An anchor `&name` where a node may start: after the start of a line, whitespace or a flow indicator. */
  mayHaveAnchor(): boolean {
    for (let i = this.text.indexOf('&'); i !== -1; i = this.text.indexOf('&', i + 1)) {
      const before = i === 0 ? SPACE : this.text.charCodeAt(i - 1);
      const startsNode = isSpace(before) || before === OPEN_SQUARE || before === OPEN_CURLY || before === COMMA;
      if (startsNode && i + 1 < this.length && isNameChar(this.text.charCodeAt(i + 1))) return true;
    }
    return false;
  }

  /**
   * Constructs recognised at one character and what follows it on the same line. Each run of blanks is skipped
   * at most once (by the one character before it), so the pass is linear.
   */
  private characterConstructs(): boolean {
    const text = this.text;
    const triggers = new RegExp(CHARACTER_TRIGGERS);
    for (let match = triggers.exec(text); match !== null; match = triggers.exec(text)) {
      const i = match.index;
      triggers.lastIndex = i + 1;
      const c = text.charCodeAt(i);
      if (c === QUESTION) {
        // `? key`: an explicit key.
        const before = i === 0 ? SPACE : text.charCodeAt(i - 1);
        if ((isSpace(before) || before === OPEN_SQUARE || before === OPEN_CURLY || before === COMMA) && this.endsToken(i + 1)) return true;
      } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
        // `[a, b]: value` or `{a: b}: value`, but not `${Name}: value` (an Fn::ForEach output key).
        // A comment glued to a bracket, which YAML forbids and js-yaml allows.
        if (this.at(i + 1) === HASH) return true;
        if (c === CLOSE_CURLY && this.closesVariable(i)) continue;
        const colon = this.skipBlanks(i + 1);
        if (this.at(colon) === COLON && this.endsToken(colon + 1)) return true;
      } else if (c === OPEN_CURLY || c === COMMA) {
        // `{: value}`: an empty key in a flow mapping.
        const colon = this.skipBlanks(i + 1);
        if (this.at(colon) === COLON && this.endsToken(colon + 1)) return true;
      } else if ((c === QUOTE || c === APOSTROPHE) && this.at(i + 1) === HASH) {
        // A comment glued to a quote, which YAML forbids and js-yaml allows.
        return true;
      }
    }
    return false;
  }

  /** True when the `}` at `close` ends a `${Name}` variable (the name may be empty). */
  private closesVariable(close: number): boolean {
    let j = close - 1;
    while (j >= 0 && isVariableChar(this.text.charCodeAt(j))) j--;
    return j >= 1 && this.text.charCodeAt(j) === OPEN_CURLY && this.text.charCodeAt(j - 1) === DOLLAR;
  }

  /** Constructs anchored at the start of a line (after any line terminator, as `^` is in multi-line mode). */
  private lineStartConstructs(): boolean {
    const constructAt = (start: number) => this.indentedWithTab(start) || this.taggedKey(start) || this.contentAfterDocumentStart(start);
    if (constructAt(0)) return true;
    const terminators = new RegExp(LINE_START_TRIGGERS);
    while (terminators.test(this.text)) {
      if (constructAt(terminators.lastIndex)) return true;
    }
    return false;
  }

  /** `^ *\t`: a tab in indentation, which js-yaml tolerates in places YAML does not. */
  private indentedWithTab(start: number): boolean {
    let i = start;
    while (this.at(i) === SPACE) i++;
    return this.at(i) === TAB;
  }

  /** `!Tag key: value` at the start of a line (or of a `- ` item): a tagged value used as a key. */
  private taggedKey(start: number): boolean {
    let i = this.skipBlanks(start);
    if (this.at(i) === MINUS && this.at(i + 1) === SPACE) i += 2;
    if (this.at(i) !== BANG) return false;
    let tagEnd = i + 1;
    while (tagEnd < this.length && !isSpace(this.text.charCodeAt(tagEnd))) tagEnd++;
    if (tagEnd === i + 1 || !isBlank(this.at(tagEnd))) return false;
    const keyStart = this.skipBlanks(tagEnd);
    let keyEnd = keyStart;
    while (keyEnd < this.length && !isSpace(this.text.charCodeAt(keyEnd)) && this.text.charCodeAt(keyEnd) !== HASH) keyEnd++;
    return keyEnd > keyStart && this.at(keyEnd - 1) === COLON && this.at(keyEnd) !== HASH;
  }

  /** `--- content`: content on the document-start line. */
  private contentAfterDocumentStart(start: number): boolean {
    if (!this.text.startsWith('---', start) || !isBlank(this.at(start + 3))) return false;
    const next = this.skipBlanks(start + 3);
    return next < this.length && !isSpace(this.text.charCodeAt(next)) && this.text.charCodeAt(next) !== HASH;
  }

  /**
   * Constructs bounded by a physical line (ended by `\n`), some looking at the line after. Each is tried only on
   * the lines a native search finds it may hold on, each line once.
   */
  private physicalLineConstructs(): boolean {
    return (
      this.someLineWith(BLANK_THEN_KEY, (start, end) => this.aliasAsKey(start, end)) ||
      this.someLineWith(ANCHOR_MARK, (start, end, newline) => this.anchoredKey(start, end) || (newline && this.anchorThenAlias(start, end))) ||
      this.tagThenResolvedScalar()
    );
  }

  /**
   * True when `check` holds for a physical line holding a match of `search`: `[start, end)`, and whether a
   * newline ends it.
   */
  private someLineWith(search: RegExp, check: (start: number, end: number, newline: boolean) => boolean): boolean {
    const found = new RegExp(search);
    for (let match = found.exec(this.text); match !== null; match = found.exec(this.text)) {
      const start = this.text.lastIndexOf('\n', match.index) + 1;
      const newline = this.text.indexOf('\n', match.index);
      const end = newline === -1 ? this.length : newline;
      if (check(start, end, newline !== -1)) return true;
      if (newline === -1) return false;
      // The search goes on after this line, so a line is visited once however many matches it holds.
      found.lastIndex = end + 1;
    }
    return false;
  }

  /**
   * The end of the run of name characters starting at `start`, and whether the run holds `marker` before its
   * last character (`&a`, `x*y`: the marker starts a name of at least one character).
   */
  private nameRun(start: number, end: number, marker: number): { end: number; marked: boolean } {
    let i = start;
    let first = -1;
    while (i < end && isNameChar(this.text.charCodeAt(i))) {
      if (first === -1 && this.text.charCodeAt(i) === marker) first = i;
      i++;
    }
    return { end: i, marked: first !== -1 && first < i - 1 };
  }

  /** `*alias : value`: an alias used as a key. */
  private aliasAsKey(start: number, end: number): boolean {
    for (let i = start; i < end; ) {
      if (!isNameChar(this.text.charCodeAt(i))) {
        i++;
        continue;
      }
      const run = this.nameRun(i, end, STAR);
      i = run.end;
      if (!run.marked || !isBlank(this.at(run.end))) continue;
      const colon = this.skipBlanks(run.end);
      if (this.at(colon) === COLON && this.endsToken(colon + 1)) return true;
    }
    return false;
  }

  /** `&anchor key: value` on one line: the anchor, blanks, then a key before any comment. */
  private anchoredKey(start: number, end: number): boolean {
    let armed = false;
    for (let i = start; i < end; ) {
      const c = this.text.charCodeAt(i);
      if (!isNameChar(c)) {
        i++;
        continue;
      }
      const run = this.nameRun(i, end, AMPERSAND);
      for (let k = i; k < run.end; k++) {
        const d = this.text.charCodeAt(k);
        if (d === HASH) armed = false;
        else if (d === COLON && armed && this.endsToken(k + 1)) return true;
      }
      if (run.marked && isBlank(this.at(run.end))) armed = true;
      i = run.end;
    }
    return false;
  }

  /** An anchor ending its line and an alias starting the next: `&a` then `*a`. */
  private anchorThenAlias(start: number, end: number): boolean {
    let last = end;
    while (last > start && isBlank(this.text.charCodeAt(last - 1))) last--;
    let first = last;
    let marked = false;
    while (first > start && isNameChar(this.text.charCodeAt(first - 1))) {
      first--;
      if (this.text.charCodeAt(first) === AMPERSAND && first < last - 1) marked = true;
    }
    return marked && this.at(this.skipBlanks(end + 1)) === STAR;
  }

  /**
   * A tag ending its line (a comment may follow), then a number, boolean, null or another tag: js-yaml
   * resolves that scalar before applying the tag. Found from the scalar: the line above it is the one holding
   * the last non-space character before it.
   */
  private tagThenResolvedScalar(): boolean {
    const found = new RegExp(RESOLVED_AFTER_NEWLINE);
    for (let match = found.exec(this.text); match !== null; match = found.exec(this.text)) {
      let last = match.index - 1;
      while (last >= 0 && isSpace(this.text.charCodeAt(last))) last--;
      // A constant's match may take the newline after it: the next search starts inside this match.
      found.lastIndex = match.index + 1;
      if (last < 0) continue;
      const start = this.text.lastIndexOf('\n', last) + 1;
      if (this.tagEndsLine(start, this.text.indexOf('\n', last))) return true;
    }
    return false;
  }

  /** A run `!x…` of non-blank characters that only blanks, or a comment, follow up to the end of the line. */
  private tagEndsLine(start: number, end: number): boolean {
    for (let i = start; i < end; ) {
      if (isSpace(this.text.charCodeAt(i))) {
        i++;
        continue;
      }
      let runEnd = i;
      let bang = -1;
      let commentInside = false;
      while (runEnd < end && !isSpace(this.text.charCodeAt(runEnd))) {
        const c = this.text.charCodeAt(runEnd);
        if (c === BANG && bang === -1) bang = runEnd;
        else if (c === HASH && bang !== -1 && runEnd >= bang + 2) commentInside = true;
        runEnd++;
      }
      i = runEnd;
      if (bang === -1 || bang >= runEnd - 1) continue;
      if (commentInside) return true;
      const after = this.skipBlanks(runEnd);
      if (after === end || this.at(after) === HASH) return true;
    }
    return false;
  }
}
