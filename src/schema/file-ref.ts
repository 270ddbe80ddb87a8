/**
 * A `$ref` to another file, as `cfn submit` resolves it: load_hook_spec gives RefInliner the schema file's own
 * `file://` URL as base (when the schema has no `$id`), so `shared.json#/definitions/X` is read from beside the schema,
 * parsed as JSON, and its fragment resolved; if any of that fails, cfn refuses the schema (RefResolutionError).
 * References cfn would fetch over the network (http, https, another host) cannot be checked offline.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_READ_LIMIT_BYTES, FileReadError, readBoundedBytes } from '../kernel/source';
import { resolveLocalRefLikeCfn, pythonUnquote, type LocalRefOutcome } from './cfn-ref';
import { readJsonDocument } from './located-document';

/** The outcome for a reference to a local file, or undefined when cfn would have to fetch it from elsewhere. */
export function resolveFileRefLikeCfn(ref: string, baseDirectory: string): LocalRefOutcome | undefined {
  const hash = ref.indexOf('#');
  const location = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  let path: string;
  if (/^file:\/\/\//i.test(location)) {
    try {
      path = fileURLToPath(location);
    } catch {
      return { resolves: false, reason: `${location} is not a file URL cfn can open` };
    }
  } else if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location) || location.startsWith('//') || /[?]/.test(location)) {
    return undefined;
  } else {
    path = resolve(baseDirectory, pythonUnquote(location));
  }
  let text: Uint8Array;
  try {
    const { bytes, truncated } = readBoundedBytes(path, DEFAULT_READ_LIMIT_BYTES, 'the referenced file', true);
    if (truncated) return { resolves: false, reason: `${path} is larger than ${DEFAULT_READ_LIMIT_BYTES} bytes` };
    text = bytes;
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    return { resolves: false, reason: `${path} cannot be read (${error.reason})` };
  }
  const decoded = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  if (decoded.includes('\ufffd') && !Buffer.from(decoded, 'utf8').equals(Buffer.from(text))) {
    return { resolves: false, reason: `${path} is not UTF-8` };
  }
  if (decoded.startsWith('\ufeff')) return { resolves: false, reason: `${path} starts with a byte-order mark, which Python's json refuses` };
  const document = readJsonDocument(decoded, path);
  if (document.kind === 'unreadable') return { resolves: false, reason: `${path} is not JSON (${document.error.reason})` };
  const outcome = resolveLocalRefLikeCfn(document.value, `#${fragment}`);
  return outcome.resolves ? outcome : { resolves: false, reason: `in ${path}: ${outcome.reason}` };
}
