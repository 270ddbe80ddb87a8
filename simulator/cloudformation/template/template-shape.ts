/**
 * The checks CloudFormation makes when it first looks at a template ("Template format error: …"),
 * before any parameter is bound or intrinsic evaluated. Everything here is about shape; evaluating
 * intrinsics, conditions and references is the resolver's job.
 */
import { listForMessage, toPointer } from '../../../src/kernel/diagnostics';
import { closestName } from '../../../src/kernel/diagnostics/closest-name';
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { DESCRIPTION_MAX_BYTES, type TemplateLimits } from './limits';
import type { TemplateCode, TemplateIssue } from './template-diagnostic';
import { LANGUAGE_EXTENSIONS } from './intrinsics';
import { declaredTransforms, declaresOtherTransform } from './transforms';

/** The top-level sections the service knows. */
export const TEMPLATE_SECTIONS: readonly string[] = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
];

/** The attributes a resource may carry besides its properties (the resource attribute reference). */
export const RESOURCE_ATTRIBUTES: readonly string[] = [
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'UpdatePolicy',
  'CreationPolicy',
  'Metadata',
  // Not on the attribute reference page, yet the service accepts both (and ignores them): the CDK emits them
  // (`cfnOptions.version`, `cfnOptions.description`) and AWS's own sample templates carry them. See docs/templates.md.
  'Version',
  'Description',
];

export const TEMPLATE_FORMAT_VERSION = '2010-09-09';

const FOR_EACH_PREFIX = 'Fn::ForEach::';
/** Where a section or a declaration takes an `AWS::Include` snippet (or a macro's output) in place of what is written. */
const TRANSFORM_KEY = 'Fn::Transform';
const MAPPING_SECTIONS = ['Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Resources', 'Outputs', 'Hooks'];

/** Hints for sections people write that the service does not know. */
const SECTION_HINTS: Readonly<Record<string, string>> = {
  Modules: 'Modules is a Rain extension: run `rain pkg` to expand the modules into a plain template first',
  Globals: 'Globals belongs to the AWS SAM transform: declare `Transform: AWS::Serverless-2016-10-31`',
};

const isMapping = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every format error in `body`, in document order; `limits` undefined means no quotas. */
export function checkTemplateShape(body: JsonObject, limits: TemplateLimits | undefined): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const add = (code: TemplateCode, path: Array<string | number>, message: string, atKey = false) =>
    issues.push({ code, pointer: toPointer(path), message, atKey });
  const hasLanguageExtensions = declaredTransforms(body).includes(LANGUAGE_EXTENSIONS);
  // A macro (SAM, Count, …) may consume sections and attributes the service alone would refuse; the
  // service checks only the processed template, so those checks are left to whoever expands the macro.
  const hasOtherMacro = declaresOtherTransform(body);

  if (!hasOtherMacro) {
    for (const key of Object.keys(body)) {
      if (TEMPLATE_SECTIONS.includes(key) || key === TRANSFORM_KEY) continue;
      // A section in another case (`resources`), or a typo one or two edits away (`Resource`, `Ouputs`).
      const near = TEMPLATE_SECTIONS.find((s) => s.toLowerCase() === key.toLowerCase()) ?? closestName(key, TEMPLATE_SECTIONS);
      const hint = (Object.hasOwn(SECTION_HINTS, key) ? SECTION_HINTS[key] : undefined) ?? (near ? `did you mean ${near}?` : `known sections: ${listForMessage(TEMPLATE_SECTIONS)}`);
      add('TPL_UNKNOWN_SECTION', [key], `Invalid template property or properties [${key}]: ${hint}`, true);
    }
  }

  const version = body['AWSTemplateFormatVersion'];
  if (version !== undefined && version !== TEMPLATE_FORMAT_VERSION) {
    add(
      'TPL_FORMAT_VERSION',
      ['AWSTemplateFormatVersion'],
      `AWSTemplateFormatVersion must be the string "${TEMPLATE_FORMAT_VERSION}", the only version CloudFormation knows; found ${JSON.stringify(version)}`,
    );
  }

  const description = body['Description'];
  if (description !== undefined) {
    if (typeof description !== 'string') {
      add('TPL_DESCRIPTION', ['Description'], 'Description must be a string');
    } else if (Buffer.byteLength(description, 'utf8') > DESCRIPTION_MAX_BYTES) {
      add('TPL_DESCRIPTION', ['Description'], `Template format error: 'Description' length is greater than ${DESCRIPTION_MAX_BYTES}. (it is ${Buffer.byteLength(description, 'utf8')} bytes of UTF-8)`);
    }
  }

  for (const section of MAPPING_SECTIONS) {
    const value = body[section];
    if (value !== undefined && !isMapping(value)) {
      add('TPL_SECTION_NOT_MAPPING', [section], `${section} must be a mapping of names to declarations, not ${describeValue(value)}`);
    }
  }

  checkResources(body, hasLanguageExtensions, hasOtherMacro, add);
  checkParameters(body, hasOtherMacro, add);
  if (!hasOtherMacro) checkUniqueNames(body, add);
  checkOutputs(body, hasLanguageExtensions || hasOtherMacro, add);
  if (!hasOtherMacro) checkMappings(body, add);
  if (limits) checkCounts(body, limits, add);
  return issues;
}

type Add = (code: TemplateCode, path: Array<string | number>, message: string, atKey?: boolean) => void;

function checkResources(body: JsonObject, loops: boolean, macro: boolean, add: Add): void {
  const resources = body['Resources'];
  if (resources === undefined || (isMapping(resources) && Object.keys(resources).length === 0)) {
    add('TPL_NO_RESOURCES', resources === undefined ? [] : ['Resources'], 'Template format error: At least one Resources member must be defined.');
    return;
  }
  if (!isMapping(resources)) return;
  for (const [id, resource] of Object.entries(resources)) {
    // An `AWS::Include` (or a macro) in place of resources or of a resource's keys: the service checks what it inserts.
    if (id === TRANSFORM_KEY || (isMapping(resource) && Object.hasOwn(resource, TRANSFORM_KEY) && resource['Type'] === undefined)) continue;
    if (id.startsWith(FOR_EACH_PREFIX)) {
      if (!loops && !macro) {
        add('TPL_FOREACH_WITHOUT_TRANSFORM', ['Resources', id], `${id} is a loop of the AWS::LanguageExtensions transform: declare \`Transform: AWS::LanguageExtensions\` to use it`, true);
      }
      continue;
    }
    if (!isMapping(resource)) {
      // A top-level section here is a brace or an indentation that closes Resources too late: say so.
      const misplaced = TEMPLATE_SECTIONS.includes(id) && id !== 'Resources' ? `; ${id} is a top-level section: Resources is closed too late above it` : '';
      add('TPL_RESOURCE_NOT_MAPPING', ['Resources', id], `Template format error: Every Resources member must be an object. (${id} is ${describeValue(resource)}${misplaced})`);
      continue;
    }
    const type = resource['Type'];
    if (type === undefined) {
      add('TPL_RESOURCE_TYPE', ['Resources', id], `Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`);
    } else if (typeof type !== 'string') {
      add('TPL_RESOURCE_TYPE', ['Resources', id, 'Type'], `the Type of ${id} must be a string such as AWS::S3::Bucket, not ${describeValue(type)}`);
    }
    if (macro) continue;
    for (const attribute of Object.keys(resource)) {
      if (!RESOURCE_ATTRIBUTES.includes(attribute) && attribute !== TRANSFORM_KEY) {
        add(
          'TPL_UNKNOWN_RESOURCE_ATTRIBUTE',
          ['Resources', id, attribute],
          `Invalid template resource property '${attribute}': a resource may only have ${listForMessage(RESOURCE_ATTRIBUTES)}${attribute === 'Count' ? ' (Count is consumed by the Count macro: declare it as a Transform)' : ''}`,
          true,
        );
      }
    }
  }
}

/** The properties a parameter may have (the User Guide's Parameters syntax); the service refuses any other. */
const PARAMETER_PROPERTIES = ['AllowedPattern', 'AllowedValues', 'ConstraintDescription', 'Default', 'Description', 'MaxLength', 'MaxValue', 'MinLength', 'MinValue', 'NoEcho', 'Type'];

function checkParameters(body: JsonObject, macro: boolean, add: Add): void {
  const parameters = body['Parameters'];
  if (!isMapping(parameters)) return;
  for (const [name, parameter] of Object.entries(parameters)) {
    if (!isMapping(parameter) || typeof parameter['Type'] !== 'string') {
      add('TPL_PARAMETER_TYPE', ['Parameters', name], `Template format error: Every Parameters object must contain a Type member. (${name} needs a Type such as String)`);
    }
    // A macro may consume a property of its own; the service checks what the macro returns.
    if (macro || !isMapping(parameter)) continue;
    for (const key of Object.keys(parameter)) {
      if (!PARAMETER_PROPERTIES.includes(key)) {
        // The service's words (quoted in zalando-stups/senza#94 for a `DefaultValue`); an indentation slip is the usual cause.
        add('TPL_UNKNOWN_PARAMETER_PROPERTY', ['Parameters', name, key], `Invalid template parameter property '${key}': a parameter may only have ${listForMessage(PARAMETER_PROPERTIES)}`, true);
      }
    }
  }
}

/**
 * A parameter and a resource may not share a logical id: the service refuses the template with "Template error: all
 * resources and parameters must have unique names. Common name(s):[Name]" (its text, quoted in cfn-lint's issue #1689
 * and pull request #1698, which added E3007 for it). Read here, before any `Ref` could take the one for the other (a
 * `Ref` to the name read the parameter, and one inside the resource read as a dependency cycle). [unconfirmed] How the
 * service lists several names: `[A, B]`, as Java prints a list.
 */
function checkUniqueNames(body: JsonObject, add: Add): void {
  const parameters = body['Parameters'];
  const resources = body['Resources'];
  if (!isMapping(parameters) || !isMapping(resources)) return;
  const common = Object.keys(resources).filter((id) => Object.hasOwn(parameters, id));
  if (common.length === 0) return;
  add('TPL_NAME_CLASH', ['Resources', common[0]], `Template error: all resources and parameters must have unique names. Common name(s):[${common.join(', ')}]`, true);
}

function checkOutputs(body: JsonObject, loops: boolean, add: Add): void {
  const outputs = body['Outputs'];
  if (!isMapping(outputs)) return;
  for (const [name, output] of Object.entries(outputs)) {
    if (name === TRANSFORM_KEY || (isMapping(output) && Object.hasOwn(output, TRANSFORM_KEY))) continue;
    if (name.startsWith(FOR_EACH_PREFIX)) {
      if (!loops) {
        add('TPL_FOREACH_WITHOUT_TRANSFORM', ['Outputs', name], `${name} is a loop of the AWS::LanguageExtensions transform: declare \`Transform: AWS::LanguageExtensions\` to use it`, true);
      }
      continue;
    }
    const description = isMapping(output) ? output['Description'] : undefined;
    if (description !== undefined && typeof description !== 'string') {
      // The Outputs syntax: a literal string of 0-1,024 bytes; no parameter or function is evaluated there.
      add('TPL_DESCRIPTION', ['Outputs', name, 'Description'], `Outputs ${name}: Description must be a literal string (no parameter or intrinsic function is evaluated there), not ${describeValue(description)}`);
    } else if (typeof description === 'string' && Buffer.byteLength(description, 'utf8') > DESCRIPTION_MAX_BYTES) {
      add('TPL_DESCRIPTION', ['Outputs', name, 'Description'], `Outputs ${name}: Description is ${Buffer.byteLength(description, 'utf8')} bytes of UTF-8; at most ${DESCRIPTION_MAX_BYTES}`);
    }
    if (!isMapping(output) || output['Value'] === undefined) {
      // Keys are case-sensitive: `value:` is not `Value:` (a hint the service does not give).
      const spelled = isMapping(output) ? Object.keys(output).find((key) => key.toLowerCase() === 'value') : undefined;
      const hint = spelled !== undefined ? `; it has ${JSON.stringify(spelled)}: keys are case-sensitive, write Value` : '';
      add('TPL_OUTPUT_VALUE', ['Outputs', name], `Template format error: Every Outputs member must contain a Value object (${name} has none${hint})`);
    }
  }
}

/**
 * A mapping's attribute values are strings or lists: "The values can be of type String or List", and "you can't
 * include parameters, pseudo parameters, or intrinsic functions in the Mappings section" (the Mappings syntax page).
 * An object there (a nested map, or `!Ref X`, which Fn::FindInMap would hand on unevaluated) is refused in the
 * service's words. An `Fn::Transform` (AWS::Include) at any level is expanded before, and left alone.
 */
function checkMappings(body: JsonObject, add: Add): void {
  const mappings = body['Mappings'];
  if (!isMapping(mappings)) return;
  for (const [map, keys] of Object.entries(mappings)) {
    if (map === TRANSFORM_KEY || !isMapping(keys) || Object.hasOwn(keys, TRANSFORM_KEY)) continue;
    for (const [key, attributes] of Object.entries(keys)) {
      if (key === TRANSFORM_KEY || !isMapping(attributes) || Object.hasOwn(attributes, TRANSFORM_KEY)) continue;
      for (const [attribute, value] of Object.entries(attributes)) {
        if (attribute === TRANSFORM_KEY || !isMapping(value) || Object.hasOwn(value, TRANSFORM_KEY)) continue;
        const keysOfValue = Object.keys(value);
        const call = keysOfValue.length === 1 && (keysOfValue[0] === 'Ref' || keysOfValue[0]?.startsWith('Fn::') === true) ? keysOfValue[0] : undefined;
        const hint = call !== undefined ? ` (${call} is not evaluated in Mappings: no parameter or function may appear there; pass the value another way, e.g. Fn::If in the property)` : ' (a mapping has two levels of keys, then values)';
        add('TPL_MAPPING_VALUE', ['Mappings', map, key, attribute], `Template format error: Every Mappings attribute must be a String or a List.${hint}`);
      }
    }
  }
}

/** The sections whose number of entries the service limits. */
export type CountedSection = 'Resources' | 'Parameters' | 'Outputs' | 'Mappings';

const COUNTED: ReadonlyArray<[CountedSection, string, keyof TemplateLimits]> = [
  ['Resources', 'resources', 'resources'],
  ['Parameters', 'parameters', 'parameters'],
  ['Outputs', 'outputs', 'outputs'],
  ['Mappings', 'mappings', 'mappings'],
];

/**
 * The service's refusal for every section with more entries than its quota, in its words. One function for the
 * template as written (here) and as expanded by Fn::ForEach (the resolver), because the service applies its
 * quotas to the processed template.
 */
export function quotaExceeded(counts: Readonly<Partial<Record<CountedSection, number>>>, limits: TemplateLimits): Array<{ section: CountedSection; message: string }> {
  const exceeded: Array<{ section: CountedSection; message: string }> = [];
  for (const [section, noun, limit] of COUNTED) {
    const max = limits[limit];
    const count = counts[section];
    if (max === undefined || count === undefined || count <= max) continue;
    exceeded.push({ section, message: `Template format error: Number of ${noun}, ${count}, is greater than maximum allowed, ${max}` });
  }
  return exceeded;
}

function checkCounts(body: JsonObject, limits: TemplateLimits, add: Add): void {
  const counts: Partial<Record<CountedSection, number>> = {};
  for (const [section] of COUNTED) {
    const value = body[section];
    if (isMapping(value)) counts[section] = Object.keys(value).length;
  }
  for (const { section, message } of quotaExceeded(counts, limits)) add('TPL_LIMIT_EXCEEDED', [section], message, true);
}

function describeValue(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}
