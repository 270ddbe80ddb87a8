/**
 * `AWS::Include` with its snippet on this machine: `Fn::Transform: {Name: AWS::Include, Parameters: {Location}}`
 * whose `Location` is a relative path or a `file:` URL (what `aws cloudformation package` and `sam package` upload
 * and rewrite to an S3 URI), or a URL given to `--template-map`. The service inserts the snippet in place of the
 * `Fn::Transform` (beside other keys, its keys among them; in the Transform section, its sections into the template)
 * before it processes the template, so the simulator does the same before resolving it; the snippet's own intrinsic
 * functions are then resolved with the template's. A snippet only at an S3 or HTTPS URL is left in place, and the
 * resolver refuses it naming `--template-map` (it cannot know what the snippet holds).
 */
import { dirname } from 'node:path';
import { escapePointerToken, type Diagnostic } from '../../../src/kernel/diagnostics';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import { INCLUDE, includeLocation } from '../template/transforms';
import { TemplateError, type TemplateSource } from '../template/types';
import { describeShape } from '../resolve/values';
import { localFileOf } from './locate-child';

/**
 * [choice] The most distinct snippet files one template may include: each is read with a template's bound, so this
 * bounds what a template makes the simulator read (the service documents no such quota; real templates include a few).
 */
export const MAX_INCLUDED_SNIPPETS = 100;

/** The template with every local `AWS::Include` replaced by its snippet; the same source when it has none. */
export function expandLocalIncludes(source: TemplateSource, templateMap: Readonly<Record<string, string>>, readSnippet: (file: string) => JsonValue): TemplateSource {
  // Most templates name no include: their text says so without a walk.
  if (source.text !== undefined && !source.text.includes(INCLUDE)) return source;
  const base = dirname(source.file);
  const expand = (value: JsonValue, pointer: string): JsonValue => {
    if (Array.isArray(value)) {
      let changed = false;
      const items = value.map((item, i) => {
        const next = expand(item, `${pointer}/${i}`);
        changed ||= next !== item;
        return next;
      });
      return changed ? items : value;
    }
    if (!isJsonObject(value)) return value;
    const keys = Object.keys(value);
    const location = Object.hasOwn(value, 'Fn::Transform') ? includeLocation(value['Fn::Transform']) : undefined;
    const local = location === undefined ? undefined : localFileOf(location, base, templateMap);
    if (local?.kind === 'file') {
      const origin = { file: local.path, at: `${pointer}/Fn::Transform/Parameters/Location` };
      const snippet = snippetAt(local.path, origin.at);
      if (keys.length > 1) return merged(value, snippet, origin, pointer);
      insertedAt.set(pointer, origin.at);
      return snippet;
    }
    let out: JsonObject | undefined;
    for (const key of keys) {
      const item = value[key] as JsonValue;
      const next = expand(item, `${pointer}/${escapePointerToken(key)}`);
      if (next !== item) {
        // Copied on the first change only, with no prototype, as all template data is.
        out ??= Object.assign(Object.create(null) as JsonObject, value);
        out[key] = next;
      }
    }
    return out ?? value;
  };
  const warnings: Diagnostic[] = [];
  /**
   * Where each inserted value is in the expanded template, and the Location that brought it: a pointer into a snippet
   * cannot be found in the template's text, so it is reported at the include that inserted it.
   */
  const insertedAt = new Map<string, string>();
  /** Where an inserted key came from: the snippet file, and the pointer of the Location naming it. */
  interface Origin {
    readonly file: string;
    readonly at: string;
  }
  /**
   * Puts one key into a mapping being merged. [choice] A key both the template and a snippet declare keeps the later
   * value, as a duplicate key does, with a warning at the snippet's Location (the service's behaviour is undocumented).
   */
  const put = (out: JsonObject, mappingPointer: string, origins: Map<string, Origin>, key: string, item: JsonValue, from?: Origin) => {
    const origin = from ?? origins.get(key);
    // The value kept is the snippet's or the template's, and is located in that one.
    const inserted = `${mappingPointer}/${escapePointerToken(key)}`;
    if (from !== undefined) insertedAt.set(inserted, from.at);
    else insertedAt.delete(inserted);
    if (Object.hasOwn(out, key) && origin !== undefined) {
      const where = source.locate(origin.at);
      warnings.push({ code: 'TPL_DUPLICATE_KEY', severity: 'warning', message: `${key} is declared both beside this ${INCLUDE} and in its snippet ${origin.file}: the later one is kept, as for a duplicate key`, file: source.file, path: origin.at, line: where.line, column: where.column });
    }
    if (from !== undefined) origins.set(key, from);
    out[key] = item;
  };
  const mappingOf = (snippet: JsonValue, { file, at }: Origin): JsonObject => {
    if (isJsonObject(snippet)) return snippet;
    throw failure(at, `${INCLUDE}: the snippet ${file} holds ${describeShape(snippet)}; an include beside other keys inserts its keys, so it must hold a mapping`);
  };
  /** An include beside other keys (`Resources: {Bucket: …, Fn::Transform: …}`): the snippet's keys go where it is. */
  const merged = (value: JsonObject, snippet: JsonValue, origin: Origin, pointer: string): JsonObject => {
    const inserted = mappingOf(snippet, origin);
    const out = Object.create(null) as JsonObject;
    const origins = new Map<string, Origin>();
    for (const key of Object.keys(value)) {
      if (key === 'Fn::Transform') for (const [name, item] of Object.entries(inserted)) put(out, pointer, origins, name, item, origin);
      else put(out, pointer, origins, key, expand(value[key] as JsonValue, `${pointer}/${escapePointerToken(key)}`));
    }
    return out;
  };
  /**
   * The documented top-level form, `Transform: {Name: AWS::Include, Parameters: {Location}}` (alone or in the list):
   * the snippet's sections go where the Transform section is, and the entry leaves the section.
   */
  const withTransformSectionIncludes = (body: JsonObject): JsonObject => {
    const declared = body['Transform'];
    if (declared === undefined) return body;
    const entries = Array.isArray(declared) ? declared : [declared];
    const kept: JsonValue[] = [];
    const inserted: Array<{ readonly mapping: JsonObject; readonly origin: Origin }> = [];
    entries.forEach((entry, i) => {
      const location = includeLocation(entry);
      const local = location === undefined ? undefined : localFileOf(location, base, templateMap);
      if (local?.kind !== 'file') {
        kept.push(entry as JsonValue);
        return;
      }
      const origin = { file: local.path, at: Array.isArray(declared) ? `/Transform/${i}/Parameters/Location` : '/Transform/Parameters/Location' };
      inserted.push({ mapping: mappingOf(snippetAt(local.path, origin.at), origin), origin });
    });
    if (inserted.length === 0) return body;
    const out = Object.create(null) as JsonObject;
    const origins = new Map<string, Origin>();
    for (const key of Object.keys(body)) {
      if (key !== 'Transform') put(out, '', origins, key, body[key] as JsonValue);
      else {
        if (kept.length > 0) put(out, '', origins, key, Array.isArray(declared) ? kept : (kept[0] as JsonValue));
        for (const { mapping, origin } of inserted) for (const [name, item] of Object.entries(mapping)) put(out, '', origins, name, item, origin);
      }
    }
    return out;
  };
  // Each file is read once: a snippet included in many places is the same data (nothing resolved is written back).
  const read = new Map<string, JsonValue>();
  const snippetAt = (file: string, pointer: string): JsonValue => {
    const known = read.get(file);
    if (known !== undefined) return known;
    if (read.size >= MAX_INCLUDED_SNIPPETS) throw failure(pointer, `${INCLUDE}: the template includes more than ${MAX_INCLUDED_SNIPPETS} snippet files; the simulator reads at most ${MAX_INCLUDED_SNIPPETS}`);
    try {
      const value = readSnippet(file);
      read.set(file, value);
      return value;
    } catch (error) {
      // A snippet that does not parse is located in itself; one that cannot be read, at the Location naming it.
      if (!(error instanceof TemplateError) || !error.diagnostics.some((d) => d.code === 'TPL_UNREADABLE')) throw error;
      const reason = error.diagnostics[0]?.message.replace(/^cannot read the template: /, '') ?? '';
      throw failure(pointer, `${INCLUDE}: cannot read the snippet ${file}: ${reason}`);
    }
  };
  const failure = (pointer: string, message: string): TemplateError => {
    const where = source.locate(pointer);
    const diagnostic: Diagnostic = { code: 'RES_TRANSFORM', severity: 'error', message, file: source.file, path: pointer, line: where.line, column: where.column };
    return new TemplateError([diagnostic]);
  };
  const body = withTransformSectionIncludes(expand(source.body, '') as JsonObject);
  if (body === source.body) return source;
  const allWarnings = [...(source.warnings ?? []), ...warnings];
  const locate: TemplateSource['locate'] = (pointer, at) => {
    for (const [inserted, location] of insertedAt) if (pointer === inserted || pointer.startsWith(`${inserted}/`)) return source.locate(location);
    return source.locate(pointer, at);
  };
  return { ...source, body: body as JsonObject, locate, ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}) };
}
