/**
 * From a place in a document back to where the user wrote it: offsets to lines and columns, and JSON pointers to
 * positions, computed lazily by `yaml`'s document model only when a diagnostic needs one.
 */
import type { LineCounter, Node as YamlNode } from 'yaml';
import { yamlLibrary, YAML_LOG_LEVEL } from './yaml-library';

export interface SourcePosition {
  line: number;
  column: number;
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Which part of a mapping entry a pointer is located at: its value (the default) or the key written for it. */
export type LocateAt = 'value' | 'key';

/**
 * A locator that parses `text` with `yaml` (which reads JSON too) the first time a position is asked for. Every
 * later call costs the depth of its pointer (each mapping's keys are indexed once, lines found by binary search),
 * so locating every diagnostic of a large file stays linear overall.
 */
export function lazyLocator(text: string): (pointer: string, at?: LocateAt) => SourcePosition {
  let root: YamlNode | null | undefined;
  let lines: LineCounter | undefined;
  return (pointer: string, at: LocateAt = 'value') => {
    if (root === undefined) {
      const { LineCounter, parseDocument } = yamlLibrary();
      lines = new LineCounter();
      // Tags are irrelevant to positions; unknown ones only warn. Aliases are not expanded here.
      const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false, strict: false, logLevel: YAML_LOG_LEVEL });
      root = (doc.contents as YamlNode | null) ?? null;
    }
    return locateNode(root, pointer, lines as LineCounter, at);
  };
}

/** A mapping entry as written: its key node, and its value node when there is one. */
interface WrittenEntry {
  readonly key: YamlNode | null;
  readonly value: YamlNode | null;
}

const keyIndexes = new WeakMap<object, Map<string, WrittenEntry>>();

/** A map's keys indexed once, so that locating every resource of a large template stays linear. */
function keyIndex(map: { items: Array<{ key: unknown; value: unknown }> }): Map<string, WrittenEntry> {
  let index = keyIndexes.get(map);
  if (!index) {
    const { isScalar } = yamlLibrary();
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      // The last occurrence wins: a key written twice keeps its last value (JSON.parse, Python's json.load and the
      // service alike), so a finding about the value is located where that value is written.
      index.set(key, { key: (pair.key as YamlNode | null) ?? null, value: (pair.value as YamlNode | null) ?? null });
    }
    keyIndexes.set(map, index);
  }
  return index;
}

function locateNode(root: YamlNode | null, pointer: string, lines: LineCounter, at: LocateAt): SourcePosition {
  const { isMap, isSeq } = yamlLibrary();
  let node: YamlNode | null = root;
  let best: YamlNode | null = root;
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    let next: YamlNode | null = null;
    if (isMap(node)) {
      const entry = keyIndex(node).get(token);
      const last = i === tokens.length - 1;
      next = entry ? ((last && at === 'key' ? entry.key : entry.value) ?? entry.key) : null;
    } else if (isSeq(node)) {
      const index = Number(token);
      next = Number.isInteger(index) ? ((node.items[index] as YamlNode | undefined) ?? null) : null;
    }
    if (!next) break;
    node = next;
    best = next;
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return { line: 0, column: 0 };
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
