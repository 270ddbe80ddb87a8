/**
 * The precise YAML path: `yaml`'s document model, which knows where every node and every error is.
 * It is used when the fast path (js-yaml) fails, so the user gets a located, specific message, and for
 * the few constructs js-yaml would silently flatten (a sequence or mapping used as a key).
 *
 * Aliases are not expanded here: every use of an anchor yields the same JS value, exactly as js-yaml
 * does, so the one walk in template-data.ts bounds the expansion for both paths.
 */
import type { Document, ErrorCode, Node as YamlNode, YAMLError } from 'yaml';
import { listForMessage, toPointer } from '../../../src/kernel/diagnostics';
import { yamlLibrary, YAML_LOG_LEVEL } from '../../../src/kernel/source';
import { SERVICE_BOOLEAN, SERVICE_TRUE, serviceFloat } from './service-scalars';
import { CORE_TAGS, scalarArgument, SHORT_FORM_TAGS } from './short-form-tags';
import { READER_GUARDS } from './limits';
import type { TemplateCode, TemplateIssue } from './template-diagnostic';

/**
 * What the precise parse found: a value (aliases shared) with the duplicate keys it resolved as the service
 * does (the last value wins), or the issues that stop it.
 */
export type PreciseYaml =
  | { readonly value: unknown; readonly issues: readonly []; readonly duplicates: readonly TemplateIssue[] }
  | {
      readonly issues: readonly TemplateIssue[];
      /** Refused only for indentation PyYAML does not check. */
      readonly badIndent?: true;
      /** Offsets of a `-` alone in a flow collection (`!Join [-, [a, b]]`), which PyYAML reads as the text "-". */
      readonly flowDashes?: readonly number[];
    };

const SYNTAX_CODES: Readonly<Partial<Record<ErrorCode, TemplateCode>>> = {
  TAB_AS_INDENT: 'TPL_TAB_INDENT',
  MULTIPLE_DOCS: 'TPL_MULTIPLE_DOCUMENTS',
  DUPLICATE_KEY: 'TPL_DUPLICATE_KEY',
};

/**
 * The first alias (`*name`) of YAML text, located, or undefined. CloudFormation refuses a template that holds one
 * ("Template error: YAML aliases are not allowed in CloudFormation templates."); `aws cloudformation package`, SAM
 * and rain expand aliases before the service reads the template. Asked only of text with an anchor (no alias without
 * one), so a template without any never parses twice.
 */
export function firstYamlAlias(text: string): { readonly name: string; readonly position: { line: number; column: number } } | undefined {
  const { isPair, isScalar, LineCounter, parseDocument, visit } = yamlLibrary();
  const lines = new LineCounter();
  let found: { name: string; offset: number } | undefined;
  try {
    const doc = parseDocument(text, { lineCounter: lines, schema: 'core', merge: false, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, logLevel: YAML_LOG_LEVEL });
    visit(doc, {
      Alias(_, node, path) {
        // A merge key's alias (`<<: *base`) is refused as the merge key it is (TPL_MERGE_KEY), with its own advice.
        const parent = path[path.length - 1];
        if (isPair(parent) && isScalar(parent.key) && parent.key.value === '<<') return undefined;
        found = { name: node.source, offset: node.range?.[0] ?? 0 };
        return visit.BREAK;
      },
    });
  } catch {
    // A document `yaml` cannot compose is refused by the reader for its own reasons.
    return undefined;
  }
  if (found === undefined) return undefined;
  const { line, col } = lines.linePos(found.offset);
  return { name: found.name, position: { line, column: col } };
}

/** Parses YAML text with positions; every problem comes back as a located issue. */
export function parseYamlPrecisely(text: string, maxDepth: number): PreciseYaml {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: lines,
      schema: 'core',
      merge: false,
      uniqueKeys: false, // duplicates are found below, where the JSON pointer is known
      prettyErrors: false,
      strict: true,
      keepSourceTokens: false,
      logLevel: YAML_LOG_LEVEL,
    });
  } catch (error) {
    // `yaml` recurses while composing; a pathological file could still exhaust the stack.
    return { issues: [{ code: 'TPL_TOO_DEEP', pointer: '', message: `the YAML could not be parsed (${describe(error)})`, position: { line: 1, column: 1 } }] };
  }
  const at = (offset: number | undefined) => {
    const { line, col } = lines.linePos(offset ?? 0);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const unclosed = unclosedFlowCollections(doc, text);
    const quotes = doc.errors.some(isMissingQuote) ? unclosedQuotes(doc, text) : new Map<number, UnclosedQuote>();
    const issues = doc.errors.slice(0, READER_GUARDS.maxIssues).map((e) => syntaxIssue(e, at, unclosed, quotes));
    // `yaml` refuses a flow collection indented less than its key (BAD_INDENT), and a quoted scalar whose lines are
    // indented no deeper than its key (first a MISSING_CHAR: the closing quote, as it reads the lines); PyYAML, the
    // service's reader, checks neither. The caller then reads the text as PyYAML would, if it can.
    const dashes = flowDashes(text, doc.errors);
    return {
      issues,
      ...(doc.errors.some((e) => e.code === 'BAD_INDENT') || doc.errors[0]?.code === 'MISSING_CHAR' ? { badIndent: true as const } : {}),
      ...(dashes.length > 0 ? { flowDashes: dashes } : {}),
    };
  }
  const builder = new PreciseBuilder(text, at, maxDepth);
  const value = builder.build(doc.contents as YamlNode | null, 0);
  return builder.issues.length > 0 ? { issues: builder.issues } : { value, issues: [], duplicates: builder.duplicates };
}

/**
 * Where `yaml` saw a block sequence inside a flow collection at a `-` that a separator follows at once (`[-, x]`, `[a, -]`,
 * `{k: -}`): PyYAML, the service's reader, takes such a `-` for a plain scalar (its scanner starts a plain scalar at a
 * `-` followed by anything but a space), where YAML 1.2 readers refuse it.
 */
function flowDashes(text: string, errors: readonly YAMLError[]): number[] {
  const offsets = new Set<number>();
  for (const error of errors) {
    const at = error.pos[0];
    // Only a `-` a separator follows at once: after a space PyYAML takes it for a block entry too, and refuses it.
    if (error.code === 'BLOCK_IN_FLOW' && text.charCodeAt(at) === 0x2d /* - */ && /^-[,\]}]/.test(text.slice(at, at + 2))) offsets.add(at);
  }
  return [...offsets].sort((a, b) => a - b);
}

/** A flow collection (`[` or `{`) that the text never closes: where it opens, and its closer. */
interface UnclosedFlow {
  readonly start: number;
  readonly end: number;
  readonly open: string;
  readonly close: string;
}

/**
 * The flow collections a broken document leaves open. `yaml` reports an unclosed `[` where it gives up (often
 * the end of the file); the user needs the line that opens it. One visit of the document, only when it failed.
 */
function unclosedFlowCollections(doc: Document.Parsed, text: string): UnclosedFlow[] {
  const { isCollection, isPair, visit } = yamlLibrary();
  const found: UnclosedFlow[] = [];
  visit(doc, (_key, node) => {
    if (!isCollection(node) || !node.flow || !node.range) return;
    const [start, , end] = node.range;
    const open = text[start];
    const close = open === '[' ? ']' : open === '{' ? '}' : undefined;
    if (close === undefined) return;
    let last = end - 1;
    while (last > start && /\s/.test(text[last] as string)) last--;
    // Closed means the closer is the last thing written, after the last item (which may end in a closer of its own).
    const item = node.items[node.items.length - 1] as unknown;
    const lastNode = (isPair(item) ? (item.value ?? item.key) : item) as YamlNode | null | undefined;
    const itemEnd = lastNode?.range?.[1] ?? start + 1;
    if (text[last] !== close || itemEnd > last) found.push({ start, end, open: open as string, close });
  });
  // Innermost first: `yaml` reports the innermost unclosed collection first.
  return found.sort((a, b) => b.start - a.start);
}

/** A quoted scalar (`"…` or `'…`) that the text never closes: where its opening quote is, and that quote. */
interface UnclosedQuote {
  readonly start: number;
  readonly quote: string;
}

/** `yaml`'s error for a quoted scalar without its closing quote, which it reports where the scalar ends. */
function isMissingQuote(error: YAMLError): boolean {
  return error.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(error.message);
}

/**
 * The quoted scalars a broken document leaves open, by the offset `yaml` reports the missing quote at: where the
 * scalar's text ends, the end of the file, often many lines on; the user needs the line that opens it. [choice] A
 * quoted scalar `yaml` ends before the end of the file (at a line indented less than its key, where PyYAML reads on)
 * keeps `yaml`'s position, where it stopped. One visit of the document, only when such an error was reported.
 */
function unclosedQuotes(doc: Document.Parsed, text: string): Map<number, UnclosedQuote> {
  const { isScalar, visit } = yamlLibrary();
  const found = new Map<number, UnclosedQuote>();
  visit(doc, (_key, node) => {
    if (!isScalar(node) || !node.range || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE')) return;
    if (/\S/.test(text.slice(node.range[1]))) return;
    found.set(node.range[1], { start: node.range[0], quote: node.type === 'QUOTE_DOUBLE' ? '"' : "'" });
  });
  return found;
}

function syntaxIssue(
  error: YAMLError,
  at: (offset: number | undefined) => { line: number; column: number },
  unclosed: UnclosedFlow[],
  quotes: ReadonlyMap<number, UnclosedQuote>,
): TemplateIssue {
  const code = SYNTAX_CODES[error.code] ?? 'TPL_YAML_SYNTAX';
  // A missing closing quote is reported where the scalar's text ends: point where its opening quote is.
  const quote = isMissingQuote(error) ? quotes.get(error.pos[0]) : undefined;
  // An error at or after the end of an unclosed flow collection is that collection's: point where it opens.
  const index = quote ? -1 : unclosed.findIndex((flow) => flow.start < error.pos[0] && error.pos[0] <= flow.end);
  // Each unclosed collection explains one error.
  const opener = index === -1 ? undefined : unclosed.splice(index, 1)[0];
  const position = at(quote ? quote.start : opener ? opener.start : error.pos[0]);
  const reason = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
  const message =
    code === 'TPL_TAB_INDENT'
      ? 'tabs are not allowed as YAML indentation; indent with spaces'
      : code === 'TPL_MULTIPLE_DOCUMENTS'
        ? 'a template is one YAML document; a second one starts here (after a --- or ... line)'
        : quote
          ? `Template format error: YAML not well-formed. (line ${position.line}, column ${position.column}) the ${quote.quote}-quoted scalar that starts here is never closed with ${quote.quote} (${reason})`
          : opener
            ? `Template format error: YAML not well-formed. (line ${position.line}, column ${position.column}) the ${opener.open} opened here is never closed with ${opener.close} (${reason})`
            : `Template format error: YAML not well-formed. (line ${position.line}, column ${position.column}) ${reason}`;
  return { code, pointer: '', message, position };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds JS data from the document model, checking what js-yaml would check, with positions. */
class PreciseBuilder {
  readonly issues: TemplateIssue[] = [];
  /** Keys written twice in one mapping: not an error (the service keeps the last value), but worth a warning. */
  readonly duplicates: TemplateIssue[] = [];
  private readonly path: Array<string | number> = [];
  private readonly built = new Map<YamlNode, unknown>();
  private readonly anchors = new Map<string, YamlNode>();

  constructor(
    private readonly text: string,
    private readonly at: (offset: number | undefined) => { line: number; column: number },
    private readonly maxDepth: number,
  ) {}

  build(node: YamlNode | null, depth: number): unknown {
    const { isAlias, isMap, isScalar, isSeq } = yamlLibrary();
    if (node === null) return null;
    if (isAlias(node)) {
      // Anchors are built before their aliases (YAML requires it), so the shared value is ready.
      const target = this.anchors.get(node.source);
      if (target === undefined) {
        this.fail('TPL_YAML_SYNTAX', `unknown alias *${node.source}: an alias must come after its anchor (&${node.source})`, node);
        return null;
      }
      return this.built.get(target);
    }
    if (depth >= this.maxDepth) {
      this.fail('TPL_TOO_DEEP', `the template nests more than ${this.maxDepth} levels deep; no CloudFormation template needs that, so it is refused`, node);
      return null;
    }
    const tag = node.tag;
    const shortForm = tag === undefined ? undefined : SHORT_FORM_TAGS.get(tag);
    if (tag !== undefined && shortForm === undefined && !CORE_TAGS.has(tag)) {
      const hint = tag.startsWith('!Rain::')
        ? 'it is a Rain directive: run `rain pkg` to produce a plain template first'
        : `CloudFormation knows only the short forms of its intrinsic functions (${listForMessage(SHORT_FORM_TAGS.keys())})`;
      // The node's range starts after its tag; point at the tag itself, written just before.
      const written = displayTag(tag);
      const start = node.range?.[0] ?? 0;
      const tagAt = this.text.lastIndexOf(written, start);
      this.report({
        code: 'TPL_UNKNOWN_TAG',
        pointer: toPointer(this.path),
        message: `unknown tag ${written}; ${hint}`,
        position: this.at(tagAt === -1 ? start : tagAt),
      });
      return null;
    }
    let value: unknown;
    if (isScalar(node)) {
      const read = plainValue(node);
      value = shortForm === undefined ? read : scalarArgument(shortForm, read === null ? '' : String(read));
    } else if (isSeq(node)) {
      const list: unknown[] = [];
      node.items.forEach((item, index) => {
        this.path.push(index);
        list.push(this.build(item as YamlNode | null, depth + 1));
        this.path.pop();
      });
      value = list;
    } else if (isMap(node)) {
      value = this.buildMap(node.items, depth);
    } else {
      value = null;
    }
    if (shortForm !== undefined) {
      const long = Object.create(null) as Record<string, unknown>;
      long[shortForm] = value;
      value = long;
    }
    if (node.anchor) this.anchors.set(node.anchor, node);
    this.built.set(node, value);
    return value;
  }

  private buildMap(items: readonly unknown[], depth: number): Record<string, unknown> {
    const { isAlias, isPair, isScalar } = yamlLibrary();
    const out = Object.create(null) as Record<string, unknown>;
    const firstKeys = new Map<string, YamlNode | null>();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      let key: string;
      if (keyNode === null || (isScalar(keyNode) && keyNode.value === null && keyNode.source === '')) {
        // `: value` with nothing before the colon: js-yaml refuses it, and no template means it.
        this.fail('TPL_YAML_SYNTAX', 'a mapping key is missing before ":"', keyNode ?? (pair.value as YamlNode | null));
        continue;
      } else if (isScalar(keyNode) && keyNode.tag === undefined) {
        key = String(plainValue(keyNode));
      } else if (isAlias(keyNode)) {
        const target = this.anchors.get(keyNode.source);
        const resolved = target === undefined ? undefined : this.built.get(target);
        if (target === undefined) {
          this.fail('TPL_YAML_SYNTAX', `unknown alias *${keyNode.source}: an alias must come after its anchor (&${keyNode.source})`, keyNode);
          continue;
        }
        if (typeof resolved === 'object' && resolved !== null) {
          this.fail('TPL_NON_SCALAR_KEY', 'a mapping key must be a plain scalar such as a name; this alias stands for a collection', keyNode);
          continue;
        }
        key = String(resolved);
      } else if (isScalar(keyNode) && keyNode.tag !== undefined && CORE_TAGS.has(keyNode.tag)) {
        key = String(keyNode.value);
      } else {
        this.fail('TPL_NON_SCALAR_KEY', 'a mapping key must be a plain scalar such as a name, not a sequence, mapping or tagged value', keyNode);
        continue;
      }
      this.path.push(key);
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        const earlier = this.at(firstKeys.get(key)?.range?.[0]);
        // Warnings capped like the issues: 10,000 duplicate keys must not give 10,000 lines.
        if (this.duplicates.length < READER_GUARDS.maxIssues)
          this.duplicates.push({
          code: 'TPL_DUPLICATE_KEY',
          pointer: toPointer(this.path),
          message: `duplicate key "${key}": CloudFormation keeps only this, the last value, and ignores the one at line ${earlier.line}; remove one of them`,
          position: this.at(keyNode?.range?.[0]),
        });
      } else firstKeys.set(key, keyNode);
      out[key] = this.build(pair.value as YamlNode | null, depth + 1);
      this.path.pop();
    }
    return out;
  }

  private fail(code: TemplateCode, message: string, node: YamlNode | null): void {
    this.report({ code, pointer: toPointer(this.path), message, position: this.at(node?.range?.[0]) });
  }

  private report(issue: TemplateIssue): void {
    if (this.issues.length < READER_GUARDS.maxIssues) this.issues.push(issue);
  }
}

function displayTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * A scalar's value as the js-yaml reader constructs it: a whole float written with a fraction is its text
 * (`serviceFloat`), and an untagged YAML 1.1 boolean (`yes`, `off`) a boolean (`SERVICE_BOOLEAN`).
 */
function plainValue(node: { readonly value: unknown; readonly type?: string | undefined; readonly source?: unknown; readonly tag?: string | undefined }): unknown {
  if (node.type !== 'PLAIN') return node.value;
  if (typeof node.value === 'number' && typeof node.source === 'string') return serviceFloat(node.source, node.value);
  if (typeof node.value === 'string' && node.tag === undefined && SERVICE_BOOLEAN.test(node.value)) return SERVICE_TRUE.test(node.value);
  return node.value;
}
