/**
 * A `$ref` to another file, as `cfn submit` resolves it: load_hook_spec gives RefInliner the schema file's own
 * `file://` URL as base (when the schema has no `$id`), so `shared.json#/definitions/X` is read from beside the schema,
 * parsed as JSON, and its fragment resolved; RefInliner then walks what it resolved, resolving every `$ref` in it
 * against that file (a `#/…` in that file, another file relative to it). If any of that fails, cfn refuses the schema
 * (RefResolutionError). References cfn would fetch over the network (http, https, ftp, another host) cannot be checked
 * offline; references no URL opener can open (a `urn:`, or any scheme urllib does not know) always fail.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJsonObject } from '../kernel/protocol';
import { DEFAULT_READ_LIMIT_BYTES, FileReadError, readBoundedBytes } from '../kernel/source';
import { pythonInt, pythonUnquote, refsUnder, resolveLocalRefLikeCfn, type LocalRefOutcome } from './cfn-ref';
import { readJsonDocument } from './located-document';

/** The URL schemes Python's urlopen (what jsonschema's RefResolver fetches with) opens; any other always fails. */
const OPENABLE_SCHEMES = ['http', 'https', 'ftp', 'file', 'data'] as const;
/** The ones that need the network, so that a reference to them cannot be checked here. */
const NETWORK_SCHEMES = ['http', 'https', 'ftp', 'data'] as const;

/**
 * [choice] How many references inside other files are followed for one `$ref` before the rest is taken on trust:
 * RefInliner follows every one, but no real schema comes near this, and the bound keeps a run short.
 */
export const MAX_FOLLOWED_FILE_REFS = 1000;

/** A reference's URL scheme, lower-cased, or undefined when it has none (a relative reference). */
export function urlScheme(ref: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(ref)?.[1].toLowerCase();
}

/** Why cfn can never open `location` (a scheme urlopen does not know), or undefined when it might. */
export function unopenableScheme(location: string): string | undefined {
  const scheme = urlScheme(location);
  if (scheme === undefined || (OPENABLE_SCHEMES as readonly string[]).includes(scheme)) return undefined;
  return `cfn opens references with Python's urlopen, which knows only ${OPENABLE_SCHEMES.join(', ')} ('unknown url type: ${scheme}')`;
}

/** The schemes Python's urljoin joins a relative reference against (`urllib.parse.uses_relative`); with any other base, the reference stays as written. */
const JOINABLE_SCHEMES = ['', 'ftp', 'http', 'gopher', 'nntp', 'imap', 'wais', 'file', 'https', 'shttp', 'mms', 'prospero', 'rtsp', 'rtspu', 'sftp', 'svn', 'svn+ssh', 'ws', 'wss'];

/** How cfn reads a reference under the schema's `$id`: it certainly fails (why), it names the schema itself, or the `$id` does not decide it. */
export type UnderIdOutcome = { readonly kind: 'fails'; readonly reason: string } | { readonly kind: 'self'; readonly fragment: string } | undefined;

/**
 * How cfn reads `ref` under the schema's `$id`, which load_hook_spec takes as RefInliner's base URI. A reference
 * that joins to the `$id` itself names the schema in hand (`my-hook.json#/…` under `$id: my-hook.json`). Otherwise a
 * relative reference joined to an `$id` without a scheme (`my-hook.json`, or empty) stays without one, and urlopen
 * refuses it ("unknown url type"); under an `$id` whose scheme urljoin does not join against (`urn:…`), it stays as
 * written: a file name fails the same way, and a `#…` one names the document '' that RefInliner never stored (an
 * uncaught KeyError: '').
 */
export function refUnderIdLikeCfn(id: string, ref: string): UnderIdOutcome {
  if (ref === '' || urlScheme(ref) !== undefined || ref.startsWith('//')) return undefined;
  const hash = ref.indexOf('#');
  const location = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  const idScheme = urlScheme(id);
  if (idScheme !== undefined && !JOINABLE_SCHEMES.includes(idScheme)) {
    if (ref.startsWith('#')) return { kind: 'fails', reason: `cfn resolves it against the $id ${quoteText(id)}, whose scheme Python's urljoin does not join against, so it names no document and cfn stops (KeyError: '')` };
    return { kind: 'fails', reason: `cfn resolves it against the $id ${quoteText(id)}, whose scheme Python's urljoin does not join against, so urlopen cannot open it ('unknown url type')` };
  }
  if (location === '' || joinsToItself(id, location)) return { kind: 'self', fragment };
  if (idScheme === undefined) return { kind: 'fails', reason: `cfn resolves it against the $id ${quoteText(id)}, which has no URL scheme, so urlopen cannot open the result ('unknown url type')` };
  return undefined;
}

/** Whether `location` joined to `id` is `id` again (a relative `$id` is joined as a path under a stand-in base). */
function joinsToItself(id: string, location: string): boolean {
  try {
    const base = urlScheme(id) === undefined ? new URL(id, 'file:///relative-id/') : new URL(id);
    base.hash = '';
    const joined = new URL(location, base);
    joined.hash = '';
    return joined.href === base.href;
  } catch {
    return false;
  }
}

function quoteText(text: string): string {
  return `'${text}'`;
}

interface LoadedFile {
  readonly path: string;
  readonly document: unknown;
}

/**
 * The outcome for a reference to a local file, every reference inside what it points to included (transitively,
 * cycle-safe), or undefined when cfn would have to fetch something from elsewhere.
 */
export function resolveFileRefLikeCfn(ref: string, baseDirectory: string): LocalRefOutcome | undefined {
  const files = new Map<string, LoadedFile | { resolves: false; reason: string }>();
  const visited = new Set<string>();
  const pending: Array<{ ref: string; directory: string; file?: LoadedFile }> = [{ ref, directory: baseDirectory }];
  while (pending.length > 0 && visited.size < MAX_FOLLOWED_FILE_REFS) {
    const next = pending.pop() as { ref: string; directory: string; file?: LoadedFile };
    const hash = next.ref.indexOf('#');
    const location = hash < 0 ? next.ref : next.ref.slice(0, hash);
    const fragment = hash < 0 ? '' : next.ref.slice(hash + 1);
    let file: LoadedFile;
    if (location === '' && next.file !== undefined) file = next.file;
    else {
      const path = fileLocation(location, next.directory);
      if (path === undefined) return undefined;
      if (typeof path !== 'string') return path;
      let loaded = files.get(path);
      if (loaded === undefined) {
        loaded = loadJsonFile(path);
        files.set(path, loaded);
      }
      if (!('document' in loaded)) return loaded;
      file = loaded;
    }
    const key = `${file.path}#${fragment}`;
    if (visited.has(key)) continue;
    visited.add(key);
    const outcome = resolveLocalRefLikeCfn(file.document, `#${fragment}`);
    if (!outcome.resolves) return { resolves: false, reason: `in ${file.path}: ${outcome.reason}` };
    for (const inner of refsUnder(targetOf(file.document, fragment))) {
      if (inner.startsWith('#') || inner === '') pending.push({ ref: inner, directory: dirname(file.path), file });
      else pending.push({ ref: inner, directory: dirname(file.path) });
    }
  }
  return { resolves: true };
}

/** The file a location names, relative to `directory`; an outcome when cfn certainly fails; undefined for the network. */
function fileLocation(location: string, directory: string): string | LocalRefOutcome | undefined {
  if (/^file:/i.test(location)) {
    try {
      return fileURLToPath(location);
    } catch {
      return { resolves: false, reason: `${location} is not a file URL cfn can open` };
    }
  }
  const unopenable = unopenableScheme(location);
  if (unopenable !== undefined) return { resolves: false, reason: `${location}: ${unopenable}` };
  const scheme = urlScheme(location);
  if ((scheme !== undefined && (NETWORK_SCHEMES as readonly string[]).includes(scheme)) || location.startsWith('//')) return undefined;
  // A `?` is part of the file name to cfn: it opens the file URL's path, which keeps it.
  return resolve(directory, pythonUnquote(location));
}

function loadJsonFile(path: string): LoadedFile | { resolves: false; reason: string } {
  let text: Uint8Array;
  try {
    const { bytes, truncated } = readBoundedBytes(path, DEFAULT_READ_LIMIT_BYTES, 'the referenced file');
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
  return { path, document: document.value };
}

/** What a fragment (already known to resolve) points to, read as cfn reads it. */
function targetOf(document: unknown, fragment: string): unknown {
  const trimmed = fragment.replace(/^\/+/, '');
  if (trimmed === '') return document;
  let node = document;
  for (const encoded of pythonUnquote(trimmed).split('/')) {
    const part = encoded.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) || typeof node === 'string') {
      const items: readonly unknown[] = typeof node === 'string' ? Array.from(node) : node;
      const index = pythonInt(part) ?? Number.NaN;
      node = items[index < 0 ? index + items.length : index];
    } else if (isJsonObject(node)) node = node[part];
    else return undefined;
  }
  return node;
}
