/**
 * What an input file holds, read once before the run: whether a file a walk found is a template (it declares
 * `Resources`), and which local templates it nests (so a whole-repository run judges a child inside its parent).
 * The file is read as far, and parsed under the same quotas, as the run's own template reader reads it: a parent
 * the run reads (a 3 MB one with --no-limits) is seen whole here too, and one the run refuses nests nothing.
 */
import { resolve } from 'node:path';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/kernel/protocol';
import { isRegularFile, readBoundedBytes, type BoundedBytes } from '../../src/kernel/source';
import { locateChild } from '../cloudformation/nested';
import { readTemplate, templateReadBound, type ReadOptions } from '../cloudformation/template';

/** The resource types whose child template a parent names. */
const NESTING_TYPES = ['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'];

/** What one read of an input file tells before the run. */
export interface InputRead {
  /** It declares `Resources` at its top level, or it could not be read (the run then says why, located). */
  readonly template: boolean;
  /** The local templates it nests, as absolute paths. */
  readonly children: readonly string[];
}

/** How the run reads its templates: under the service's quotas or not (`--no-limits`), and its `--template-map`. */
export interface InputReadOptions {
  readonly limits: boolean;
  readonly templateMap: Readonly<Record<string, string>>;
}

/**
 * Each input file of one run read once, however many questions are asked of it (the walk's "is it a template?",
 * then "which templates does it nest?"). Scoped to a run: a later run reads the files again, as they are then.
 */
export class InputReads {
  private readonly known = new Map<string, InputRead>();
  private readonly readOptions: ReadOptions;
  private readonly templateMap: Readonly<Record<string, string>>;

  /** `cwd` is where `--template-map` paths are relative to. */
  constructor(cwd: string, options: InputReadOptions) {
    this.readOptions = options.limits ? {} : { limits: false };
    this.templateMap = Object.fromEntries(Object.entries(options.templateMap).map(([url, path]) => [url, resolve(cwd, path)]));
  }

  /** What the file at the absolute `path` holds, read on the first question. */
  of(path: string): InputRead {
    let read = this.known.get(path);
    if (read === undefined) {
      read = this.read(path);
      this.known.set(path, read);
    }
    return read;
  }

  private read(path: string): InputRead {
    // A pipe named on the command line (`<(…)`) must be left whole for the run that reads it: only a regular file is
    // read ahead (the kernel's reader refuses a FIFO or a device anyway, before opening it).
    if (!isRegularFile(path)) return { template: true, children: [] };
    let read: BoundedBytes;
    try {
      read = readBoundedBytes(path, templateReadBound(this.readOptions), 'the template');
    } catch {
      return { template: true, children: [] }; // Left to the run, which says why it cannot read it.
    }
    // A byte-order mark is not part of the first key (the template reader skips it too).
    const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
    // Larger than the run reads: the run refuses it (naming the bound and --no-limits), so it nests nothing here.
    const children = read.truncated ? [] : childTemplates(path, read.bytes, text, this.readOptions, this.templateMap);
    return { template: declaresResources(text, read.truncated), children };
  }
}

/**
 * True when a file's text declares `Resources` at its top level, as a template does: a JSON object's own key, or a
 * YAML key at the start of a line. A `Resources` key nested deeper is not a template's (a Serverless Framework
 * `resources:` block, a macro's event `fragment`, a Helm chart's container), and neither is a CodeDeploy AppSpec's
 * (`appspec.yml`: `Resources` lists its deployment targets, beside a top-level `version` that is always 0.0 and no
 * template section). `truncated`: the text is the file's first bytes only.
 */
function declaresResources(text: string, truncated: boolean): boolean {
  if (/^\s*\{/.test(text)) {
    if (!truncated) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.hasOwn(parsed, 'Resources')) return false;
        return !(Object.hasOwn(parsed, 'version') && Array.isArray((parsed as { Resources?: unknown }).Resources));
      } catch {
        // A template with a syntax error (the run locates it), or a YAML flow mapping: scanned below.
      }
    }
    // Cut at the bound (a 2 MB API model) or not JSON: its top-level keys, as far as they can be read.
    return hasTopLevelJsonKey(text, 'Resources') || /^\s*\{\s*["']?Resources["']?\s*:/.test(text);
  }
  return /^["']?Resources["']?[ \t]*:/m.test(text) && !/^["']?version["']?[ \t]*:[ \t]*["']?0\.0\b/m.test(text);
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
 * computed by an intrinsic (`!Sub`) is not known before the run. Parsed only when a nesting type is named at all,
 * from the bytes already read, with the run's quotas; a template that does not parse is left to the run.
 */
function childTemplates(path: string, bytes: Uint8Array, text: string, readOptions: ReadOptions, templateMap: Readonly<Record<string, string>>): string[] {
  if (!NESTING_TYPES.some((type) => text.includes(type))) return [];
  let body;
  try {
    body = readTemplate(path, bytes, readOptions).body;
  } catch {
    // A template error, or a fault in reading it: the run reads it again and reports either, located to this file.
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
