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
    const location = keys.length === 1 && keys[0] === 'Fn::Transform' ? includeLocation(value['Fn::Transform']) : undefined;
    if (location !== undefined) {
      const local = localFileOf(location, base, templateMap);
      if (local.kind !== 'file') return value;
      return snippetAt(local.path, `${pointer}/Fn::Transform/Parameters/Location`);
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
  return body === source.body ? source : { ...source, body: body as JsonObject, locate: (pointer, at) => source.locate(pointer, at) };
}
