/**
 * What a template file holds, read before the run: whether a file a walk found is a template (it declares
 * `Resources`), and which local templates it nests (so a whole-repository run judges a child inside its parent).
 */
import { resolve } from 'node:path';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/kernel/protocol';
import { readBoundedBytes } from '../../src/kernel/source';
import { locateChild } from '../cloudformation/nested';
import { readTemplate } from '../cloudformation/template';

/** A file's first bytes decide whether it declares `Resources` (templates are at most 1 MB in the service). */
const SNIFF_BYTES = 1_048_576;
/** The resource types whose child template a parent names. */
const NESTING_TYPES = ['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'];
/** Templates are at most 1 MB in the service; a larger file is left to the run, which says so. */
const READ_LIMIT_BYTES = 1_048_576;

/**
 * True when a file declares `Resources` at its top level, as a template does: a JSON object's own key, or a YAML key
 * at the start of a line. A `Resources` key nested deeper is not a template's (a Serverless Framework `resources:`
 * block, a macro's event `fragment`, a Helm chart's container). Unreadable files are left to the run, which says why.
 */
export function looksLikeTemplate(path: string): boolean {
  let read;
  try {
    read = readBoundedBytes(path, SNIFF_BYTES);
  } catch {
    return true;
  }
  // A byte-order mark is not part of the first key (the template reader skips it too).
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(text)) {
    if (!read.truncated) {
      try {
        const parsed: unknown = JSON.parse(text);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.hasOwn(parsed, 'Resources');
      } catch {
        // A template with a syntax error (the run locates it), or a YAML flow mapping: scanned below.
      }
    }
    // Cut at the bound (a 2 MB API model) or not JSON: its top-level keys, as far as they can be read.
    return hasTopLevelJsonKey(text, 'Resources') || /^\s*\{\s*["']?Resources["']?\s*:/.test(text);
  }
  return /^["']?Resources["']?[ \t]*:/m.test(text);
}

/**
 * True when the object that opens `text` has the key `name` at its top level, read as far as the text goes (it may be
 * cut): strings are skipped whole, so a `"Resources"` inside a value or deeper in the document does not count.
 */
export function hasTopLevelJsonKey(text: string, name: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1 && text.slice(i + 1, end) === name && /^\s*:/.test(text.slice(end + 1, end + 64))) return true;
      i = end;
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth <= 0) return false;
    }
  }
  return false;
}

/**
 * The local child templates a template names with a literal `TemplateURL` or `Location` (or a CDK asset path); one
 * computed by an intrinsic (`!Sub`) is not known before the run, and a file that does not read is left to the run.
 */
export function childTemplates(path: string, templateMap: Readonly<Record<string, string>>): string[] {
  let text: string;
  try {
    const read = readBoundedBytes(path, READ_LIMIT_BYTES, 'the template', true);
    if (read.truncated) return [];
    text = read.bytes.toString('utf8');
  } catch {
    return [];
  }
  if (!NESTING_TYPES.some((type) => text.includes(type))) return [];
  let body;
  try {
    body = readTemplate(path, text).body;
  } catch {
    return [];
  }
  const resources = body.Resources;
  if (!isJsonObject(resources)) return [];
  const found: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || typeof resource.Type !== 'string' || !NESTING_TYPES.includes(resource.Type)) continue;
    const properties = (isJsonObject(resource.Properties) ? resource.Properties : {}) as JsonObject;
    const location = locateChild({ logicalId, type: resource.Type, properties, metadata: resource.Metadata as JsonValue | undefined, parentStackName: '', guessedParameters: {} }, path, templateMap);
    if (location.kind === 'file') found.push(resolve(location.path));
  }
  return found;
}
