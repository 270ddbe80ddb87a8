/**
 * `AWS::Include` with its snippet on this machine: `Fn::Transform: {Name: AWS::Include, Parameters: {Location}}`
 * whose `Location` is a relative path or a `file:` URL (what `aws cloudformation package` and `sam package` upload
 * and rewrite to an S3 URI), or a URL given to `--template-map`. The service inserts the snippet in place of the
 * `Fn::Transform` before it processes the template, so the simulator does the same before resolving it; the snippet's
 * own intrinsic functions are then resolved with the template's. A snippet only at an S3 or HTTPS URL is left in
 * place, and the resolver refuses it naming `--template-map` (it cannot know what the snippet holds).
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
      const at = `${pointer}/Fn::Transform/Parameters/Location`;
      const snippet = snippetAt(local.path, at);
      return keys.length === 1 ? snippet : merged(value, snippet, local.path, pointer);
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
   * An include beside other keys (`Resources: {Bucket: …, Fn::Transform: …}`, the form the User Guide shows for a
   * section): the snippet, a mapping, adds its keys where the `Fn::Transform` is. [choice] A key both declare keeps the
   * later value, as a duplicate key does, with a warning (the service's behaviour is undocumented).
   */
  const merged = (value: JsonObject, snippet: JsonValue, file: string, pointer: string): JsonObject => {
    const at = `${pointer}/Fn::Transform/Parameters/Location`;
    if (!isJsonObject(snippet)) throw failure(at, `${INCLUDE}: the snippet ${file} holds ${describeShape(snippet)}; an include beside other keys inserts its keys, so it must hold a mapping`);
    const out = Object.create(null) as JsonObject;
    const put = (key: string, item: JsonValue) => {
      if (Object.hasOwn(out, key)) {
        const where = source.locate(at);
        warnings.push({ code: 'TPL_DUPLICATE_KEY', severity: 'warning', message: `${key} is declared both beside this ${INCLUDE} and in its snippet ${file}: the later one is kept, as for a duplicate key`, file: source.file, path: at, line: where.line, column: where.column });
      }
      out[key] = item;
    };
    for (const key of Object.keys(value)) {
      if (key === 'Fn::Transform') for (const [name, item] of Object.entries(snippet)) put(name, item);
      else put(key, expand(value[key] as JsonValue, `${pointer}/${escapePointerToken(key)}`));
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
  const body = expand(source.body, '');
  if (body === source.body) return source;
  const allWarnings = [...(source.warnings ?? []), ...warnings];
  return { ...source, body: body as JsonObject, locate: (pointer, at) => source.locate(pointer, at), ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}) };
}
