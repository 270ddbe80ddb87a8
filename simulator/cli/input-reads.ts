/**
 * What an input file holds, read once before the run: whether a file a walk found is a template (it declares
 * `Resources`), and which local templates it nests (so a whole-repository run judges a child inside its parent).
 * The file is read as far, and parsed under the same quotas, as the run's own template reader reads it: a parent
 * the run reads (a 3 MB one with --no-limits) is seen whole here too, and one the run refuses nests nothing.
 */
import { resolve } from 'node:path';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/kernel/protocol';
import { closestName } from '../../src/kernel/diagnostics/closest-name';
import { isRegularFile, readBoundedBytes, type BoundedBytes } from '../../src/kernel/source';
import { locateChild } from '../cloudformation/nested';
import { parseYaml, readTemplate, templateReadBound, type ReadOptions } from '../cloudformation/template';

/** The resource types whose child template a parent names. */
const NESTING_TYPES = ['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'];

/** What one read of an input file tells before the run. */
export interface InputRead {
  /**
   * It declares `Resources` at its top level, or its top level is a template's whose `Resources` is missing or
   * misspelt (the run refuses it, TPL_NO_RESOURCES), or it could not be read (the run then says why, located).
   */
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
    return { template: declaresResources(text, read.truncated) || isTemplateWithoutResources(text, read.truncated), children };
  }
}

/** Top-level keys no other format uses: a file with one is a template, whatever else it holds. */
const TEMPLATE_ONLY_KEYS = ['AWSTemplateFormatVersion', 'Transform'];

/**
 * [choice] True when a file without a top-level `Resources` is still a template, one the service refuses ("At least
 * one Resources member must be defined", TPL_NO_RESOURCES): skipping it would let a broken template pass a pre-commit
 * hook or a repository walk. Its top level has `AWSTemplateFormatVersion` or `Transform`; or both `Parameters` and
 * `Outputs` (a CodePipeline template configuration has `Parameters` alone); or a key one or two edits from
 * `Resources`, any case (`Resource:`, `resources:`, `RESOURCES:`), whose value is a mapping of resource declarations
 * (an entry whose `Type` is `A::B::C`). That last condition keeps what merely has such a key a non-template: a
 * kustomization's or an ARM template's `resources` (a list), a Serverless Framework `resources:` block (a mapping
 * of `Resources` and `Outputs`, the declarations one level further down). Keys are matched as written (case and all)
 * except for the near-miss: `parameters`/`outputs` in lower case are an SSM document's, not a template's.
 */
function isTemplateWithoutResources(text: string, truncated: boolean): boolean {
  const json = /^\s*\{/.test(text);
  const keys = json ? topLevelJsonKeys(text) : topLevelYamlKeys(text);
  if (TEMPLATE_ONLY_KEYS.some((key) => keys.includes(key))) return true;
  if (keys.includes('Parameters') && keys.includes('Outputs')) return true;
  const nearMisses = keys.filter((key) => key !== 'Resources' && closestName(key, ['Resources']) !== undefined);
  if (nearMisses.length === 0 || truncated) return false;
  // Parsed only now, when a near miss is there to judge: most files that are no template have none.
  let body: unknown;
  if (json) {
    try {
      body = JSON.parse(text);
    } catch {
      return false;
    }
  } else {
    const parsed = parseYaml(text);
    if ('issues' in parsed) return false;
    body = parsed.value;
  }
  if (!isJsonObject(body as JsonValue)) return false;
  return nearMisses.some((key) => declaresResourceTypes((body as JsonObject)[key]));
}

/** True when `value` is a mapping with at least one entry that declares a resource type (`Type: AWS::S3::Bucket`). */
function declaresResourceTypes(value: JsonValue | undefined): boolean {
  if (value === undefined || !isJsonObject(value)) return false;
  return Object.values(value).some((resource) => isJsonObject(resource) && typeof resource.Type === 'string' && /^[^:\s]+::[^:\s]+::[^:\s]+/.test(resource.Type));
}

/** The keys at the start of a line (a block mapping's top level), quoted or not; a flow mapping's are not seen. */
function topLevelYamlKeys(text: string): string[] {
  return [...text.matchAll(/^(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z_$][\w$.-]*))[ \t]*:(?=[ \t]|\r?$)/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
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
  return topLevelJsonKeys(text, name).includes(name);
}

/** The keys of the object that opens `text`, as far as the text goes; with `stopAt`, no further than that key. */
function topLevelJsonKeys(text: string, stopAt?: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1 && /^\s*:/.test(text.slice(end + 1, end + 64))) {
        keys.push(text.slice(i + 1, end));
        if (keys[keys.length - 1] === stopAt) return keys;
      }
      i = end;
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth <= 0) return keys;
    }
  }
  return keys;
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
