/**
 * From a place in a document back to where the user wrote it: offsets to lines and columns, and JSON pointers to
 * positions, computed lazily by `yaml`'s document model only when a diagnostic needs one.
 */
import type { LineCounter, Node as YamlNode } from 'yaml';
import { yamlLibrary } from './yaml-library';

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

/** A locator that parses `text` with `yaml` (which reads JSON too) the first time a position is asked for. */
export function lazyLocator(text: string): (pointer: string) => SourcePosition {
  let root: YamlNode | null | undefined;
  let lines: LineCounter | undefined;
  return (pointer: string) => {
    if (root === undefined) {
      const { LineCounter, parseDocument } = yamlLibrary();
      lines = new LineCounter();
      // Tags are irrelevant to positions; unknown ones only warn. Aliases are not expanded here.
      const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false, strict: false });
      root = (doc.contents as YamlNode | null) ?? null;
    }
    return locateNode(root, pointer, lines as LineCounter);
  };
}

const keyIndexes = new WeakMap<object, Map<string, YamlNode>>();

/** A map's keys indexed once, so that locating every resource of a large template stays linear. */
function keyIndex(map: { items: Array<{ key: unknown; value: unknown }> }): Map<string, YamlNode> {
  let index = keyIndexes.get(map);
  if (!index) {
    const { isScalar } = yamlLibrary();
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      // The first occurrence wins, as the scan it replaces did.
      if (!index.has(key)) index.set(key, ((pair.value as YamlNode | null) ?? (pair.key as YamlNode | null)) as YamlNode);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

function locateNode(root: YamlNode | null, pointer: string, lines: LineCounter): SourcePosition {
  const { isMap, isSeq } = yamlLibrary();
  let node: YamlNode | null = root;
  let best: YamlNode | null = root;
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const token of tokens) {
    let next: YamlNode | null = null;
    if (isMap(node)) {
      next = keyIndex(node).get(token) ?? null;
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
