/**
 * Resolving a document-local `$ref` the way `cfn submit` does: load_hook_spec hands the schema to cloudformation-cli's
 * RefInliner, which resolves every `"$ref"` key anywhere in the document with jsonschema's RefResolver.resolve_fragment
 * (jsonschema 4.2x, `validators.py`). Its reading of a fragment differs from RFC 6901 in ways real schemas can hit:
 * leading slashes are stripped, the fragment is percent-decoded after that, and an array (or a string: Python's
 * `Sequence`) is indexed with Python's `int()`, so `-1`, `+1` and ` 1` are indexes and a negative one counts from the end.
 */
import { isJsonObject } from '../kernel/protocol';

/** How a `#…` reference fares: it resolves, or cfn stops on it. */
export type LocalRefOutcome = { readonly resolves: true; readonly target?: unknown } | { readonly resolves: false; readonly reason: string };

/**
 * Resolves `ref` (which starts with `#`) inside `document` as cfn does. Besides resolve_fragment, cfn's RefRenamer
 * refuses a non-empty fragment that does not start with `/` (`#definitions/X`: "Expected prefix ''"), and a fragment
 * of slashes only (`#/`) ends in a KeyError.
 */
export function resolveLocalRefLikeCfn(document: unknown, ref: string): LocalRefOutcome {
  const raw = ref.slice(1);
  if (raw === '') return { resolves: true, target: document };
  if (!raw.startsWith('/')) return { resolves: false, reason: 'a fragment must start with / (#/definitions/…)' };
  const fragment = raw.replace(/^\/+/, '');
  if (fragment === '') return { resolves: false, reason: 'the pointer names no key' };
  let node = document;
  for (const encoded of pythonUnquote(fragment).split('/')) {
    const part = encoded.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) || typeof node === 'string') {
      const items: readonly unknown[] = typeof node === 'string' ? Array.from(node) : node;
      const index = pythonInt(part);
      if (index === undefined) return { resolves: false, reason: `${quote(part)} is not an index` };
      const at = index < 0 ? index + items.length : index;
      if (at < 0 || at >= items.length) return { resolves: false, reason: `index ${part} is out of range` };
      node = items[at];
    } else if (isJsonObject(node) && Object.prototype.hasOwnProperty.call(node, part)) {
      node = node[part];
    } else {
      return { resolves: false, reason: `nothing is at ${quote(part)}` };
    }
  }
  return { resolves: true, target: node };
}

function quote(text: string): string {
  return `'${text}'`;
}

/** Python's `int(text)` for the strings it accepts: surrounding whitespace, a sign, digits with single underscores between. */
export function pythonInt(text: string): number | undefined {
  const match = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[2].replace(/_/g, ''));
  return match[1] === '-' ? -value : value;
}

/** Python's `urllib.parse.unquote`: every run of %XX escapes is decoded as UTF-8 (bad bytes become U+FFFD); a stray `%` stays. */
export function pythonUnquote(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** Every string `$ref` anywhere under `root`, in no particular order (iterative: no document can overflow it). */
export function refsUnder(root: unknown): string[] {
  const found: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    // One push per item: spreading a list of a few hundred thousand items into push() overflows the call stack.
    if (Array.isArray(value)) for (const item of value) stack.push(item);
    else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref') {
          if (typeof child === 'string') found.push(child);
        } else stack.push(child);
      }
    }
  }
  return found;
}
