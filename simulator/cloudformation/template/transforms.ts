/**
 * The one reader of a template's `Transform` section: a name, a list of names, or `{Name, Parameters}` entries
 * (AWS::Include). The reader's shape checks, the resolver and the deployed-stack fetch all ask here.
 */
import { toPointer } from '../../../src/kernel/diagnostics';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import { parseJson } from '../../../src/kernel/source';
import { LANGUAGE_EXTENSIONS } from './intrinsics';
import { parseYaml } from './parse-yaml';


/** The transform that inserts a snippet; the simulator inserts one found on this machine (nested/include-snippets.ts). */
export const INCLUDE = 'AWS::Include';

/** The `Location` of an `Fn::Transform` argument that is an `AWS::Include` with a literal location, else undefined. */
export function includeLocation(transform: unknown): string | undefined {
  if (!isJsonObject(transform) || transform['Name'] !== INCLUDE) return undefined;
  const parameters = transform['Parameters'];
  const location = isJsonObject(parameters) ? parameters['Location'] : undefined;
  return typeof location === 'string' ? location : undefined;
}

/** Where the template the service processed can be had, to resolve instead of the one written. */
export const PROCESSED_TEMPLATE = 'aws cloudformation get-template --stack-name <stack> --template-stage Processed';

/**
 * Why an `Fn::Transform` still in the template when it is resolved cannot be: an `AWS::Include` whose snippet is not on
 * this machine (a local one was inserted before: nested/include-snippets.ts), one whose Location is computed, or a macro.
 */
export function unexpandedTransformMessage(argument: unknown): string {
  const location = includeLocation(argument);
  if (location !== undefined) return `${INCLUDE} of ${location}: the snippet is not on this machine, so what it inserts is unknown; map it to a local file with --template-map ${location}=<path>`;
  if (argument === INCLUDE || (isJsonObject(argument) && argument['Name'] === INCLUDE)) {
    // The service's own text for a missing Location was not found: this is the simulator's (exit 2 either way).
    const parameters = isJsonObject(argument) ? argument['Parameters'] : undefined;
    if (!isJsonObject(parameters) || !Object.hasOwn(parameters, 'Location')) {
      return `${INCLUDE} without Parameters.Location: the transform inserts the snippet its Location names (a relative path, a file: URL, or an S3 URL), and this one names none`;
    }
    return `${INCLUDE} with a Location computed by a function: the simulator inserts a snippet only from a Location written out (a relative path, a file: URL, or a URL given to --template-map); write it out, or resolve against the processed template: ${PROCESSED_TEMPLATE}`;
  }
  return `Fn::Transform calls a macro, which only the CloudFormation service can run. Resolve against the processed template: ${PROCESSED_TEMPLATE}`;
}

/** One entry of `Transform`: its name when it has one, where it is written, and what is written there. */
export interface TransformEntry {
  readonly name: string | undefined;
  readonly pointer: string;
  readonly written: JsonValue;
}

/** Every entry of the template's `Transform` (none when it has no such section). */
export function transformEntries(body: JsonObject): TransformEntry[] {
  const declared = Object.hasOwn(body, 'Transform') ? body['Transform'] : undefined;
  if (declared === undefined) return [];
  const list = Array.isArray(declared) ? declared : [declared];
  return list.map((written, i) => ({
    name: typeof written === 'string' ? written : isJsonObject(written) && typeof written['Name'] === 'string' ? written['Name'] : undefined,
    pointer: Array.isArray(declared) ? toPointer(['Transform', i]) : '/Transform',
    written,
  }));
}

/** The names of the transforms a template declares, in order. */
export function declaredTransforms(body: JsonObject): string[] {
  return transformEntries(body).flatMap((entry) => (entry.name === undefined ? [] : [entry.name]));
}

/** True when the template declares a transform other than AWS::LanguageExtensions (SAM, AWS::Include, a macro). */
export function declaresOtherTransform(body: JsonObject): boolean {
  return transformEntries(body).some((entry) => entry.name !== LANGUAGE_EXTENSIONS);
}

/**
 * The transforms declared by a template given as text (a deployed stack's body): read with the template reader's
 * parsers; text that does not parse declares none (the reader reports it when the template is read).
 */
export function declaredTransformsInText(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    if (/^\s*\{/.test(body)) value = parseJson(body, 'template').value;
    else {
      const parsed = parseYaml(body);
      value = 'value' in parsed ? parsed.value : undefined;
    }
  } catch {
    return [];
  }
  return isJsonObject(value) ? declaredTransforms(value as JsonObject) : [];
}
