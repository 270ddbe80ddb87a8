/**
 * The hook-schema rules JSON Schema cannot say: cfn's own code checks, the documented rules cfn leaves
 * unchecked, and this project's advice. One function per concern, registered in SCHEMA_CHECKS.
 * Every check tolerates any shape: the meta-schema reports a wrong shape, a check just skips it.
 */
import { escapePointerToken } from '../kernel/diagnostics';
import { compileUserSchema, SchemaCompileError } from './ajv-instances';
import { resolveLocalRefLikeCfn } from './cfn-ref';
import { refUnderIdLikeCfn, resolveFileRefLikeCfn, unopenableScheme } from './file-ref';
import { quote, readablePath, shortReadablePath } from './finding-wording';
import { isPythonTruthy } from './document-values';
import type { RuleFinding } from './rule-finding';
import { nestedQuantifier } from './linear-regexp';
import { HANDLER_NAMES } from './meta-schema';
import { CFN_DEPTH_WARNING_SHARE, CFN_OVERFLOW_REF_CHAIN, deepestPropertySchema, longestRefChain, SHARE_ROUNDING } from './nesting-depth';
import { propertySchemas } from './property-schemas';
import type { SchemaRuleId } from './rules';
import { hasForbiddenWildcardSequence, isWellFormedTargetName } from './target-names';
import { isJsonObject } from '../kernel/protocol';
import { CatalogUnavailableError, unmatchedTargetName, unmatchedTargetText } from '../kernel/resource-catalog';

type SchemaFinding = RuleFinding<SchemaRuleId>;

/** What a check may know besides the document. */
export interface SchemaCheckContext {
  /** The directory cfn resolves a relative `$ref` against (the schema file's); without it such a `$ref` is HS309. */
  readonly baseDirectory?: string;
}

interface SchemaCheck {
  readonly id: string;
  readonly summary: string;
  readonly check: (document: Record<string, unknown>, context: SchemaCheckContext) => SchemaFinding[];
}

/**
 * Reserved first namespaces, compared case-insensitively against the whole first segment: a [choice]
 * (the docs do not say), so `AWSSamples::…` is fine and `Aws::…` is not.
 */
export const RESERVED_NAMESPACES = ['Alexa', 'AMZN', 'Amazon', 'ASK', 'AWS', 'AWSQuickStart', 'Custom', 'Dev'] as const;

/** The code checks, run in this order after the meta-schema. */
export const SCHEMA_CHECKS: readonly SchemaCheck[] = [
  { id: 'typeName', summary: 'reserved namespaces and length (HS201, HS202)', check: checkTypeName },
  { id: 'documentationUrl', summary: 'documentationUrl is required by the docs (HS203)', check: checkDocumentationUrl },
  { id: 'topLevelProperties', summary: "hook types do not support 'properties' directly (HS114, HS310)", check: checkTopLevelProperties },
  { id: 'remote', summary: "'remote' is reserved for CloudFormation (HS119)", check: checkRemote },
  { id: 'handlers', summary: 'handlers and their targets (HS117, HS205, HS206, HS207, HS304)', check: checkHandlers },
  { id: 'permissions', summary: 'handler permissions (HS115, HS116, HS306, HS307)', check: checkPermissions },
  { id: 'refs', summary: 'every $ref resolves (HS118, HS309)', check: checkRefs },
  { id: 'flatConfiguration', summary: 'typeConfiguration is flat (HS204) and string-valued (HS308)', check: checkFlatConfiguration },
  { id: 'patterns', summary: 'patterns compile, are anchored and do not nest repetitions (HS302, HS303, HS311)', check: checkPatterns },
  { id: 'required', summary: 'required names declared properties (HS305)', check: checkRequired },
  { id: 'nestingDepth', summary: "nesting and $ref chains cfn's Python can follow (HS120, HS313)", check: checkNestingDepth },
  { id: 'defaults', summary: 'defaults validate against their own schema (HS301)', check: checkDefaults },
];

/** Runs every code check on a document that is a JSON object. */
export function runSchemaChecks(document: Record<string, unknown>, context: SchemaCheckContext = {}): SchemaFinding[] {
  return SCHEMA_CHECKS.flatMap((entry) => entry.check(document, context));
}

/**
 * cfn's meta-schema allows a top-level `remote` (it is where cfn inlines remote `$ref`s), but load_hook_spec then
 * hands the schema to its RefInliner, whose constructor raises ValueError("Schema already contains remote schemas.")
 * when the key is there; nothing catches it, so `cfn submit` ends in "Unhandled exception" (exit 127).
 */
function checkRemote(document: Record<string, unknown>): SchemaFinding[] {
  if (!('remote' in document)) return [];
  return [
    {
      rule: 'HS119',
      path: '/remote',
      message: "remote: is reserved for CloudFormation (cfn inlines remote $refs there); cfn submit stops on it with 'Schema already contains remote schemas.'; remove the key",
    },
  ];
}

function checkTypeName(document: Record<string, unknown>): SchemaFinding[] {
  const typeName = document.typeName;
  if (typeof typeName !== 'string') return [];
  const findings: SchemaFinding[] = [];
  const first = typeName.split('::')[0];
  const reserved = RESERVED_NAMESPACES.find((ns) => ns.toLowerCase() === first.toLowerCase());
  if (reserved) {
    findings.push({
      rule: 'HS201',
      path: '/typeName',
      message: `typeName: the namespace '${first}' is reserved (${RESERVED_NAMESPACES.join(', ')}; compared case-insensitively); use your organisation's name`,
    });
  }
  if (typeName.length < 10 || typeName.length > 196) {
    findings.push({ rule: 'HS202', path: '/typeName', message: `typeName: is ${typeName.length} characters long; the docs require 10–196` });
  }
  return findings;
}

function checkDocumentationUrl(document: Record<string, unknown>): SchemaFinding[] {
  if ('documentationUrl' in document) return [];
  return [{ rule: 'HS203', path: '', message: 'documentationUrl is missing; the docs list it as required (cfn accepts its absence)' }];
}

function checkTopLevelProperties(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  if (isPythonTruthy(document.properties)) {
    findings.push({
      rule: 'HS114',
      path: '/properties',
      message: "Hook types do not support 'properties' directly. Properties must be specified in the 'typeConfiguration' section.",
    });
  }
  if (Array.isArray(document.required) && document.required.length > 0) {
    findings.push({
      rule: 'HS310',
      path: '/required',
      message: `required: lists ${document.required.map((r) => quote(r)).join(', ')}, but a hook has no top-level properties; put it in typeConfiguration.required`,
    });
  }
  return findings;
}

/** The handler objects, with their pointers (unknown handler names included: cfn checks them too). */
function handlerEntries(document: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  const handlers = document.handlers;
  if (!isJsonObject(handlers)) return [];
  return Object.entries(handlers)
    .filter((entry): entry is [string, Record<string, unknown>] => isJsonObject(entry[1]))
    .map(([name, handler]) => [`/handlers/${escapePointerToken(name)}`, handler]);
}

/** The handlers a resource type schema declares (`cfn init` for a resource writes these). */
const RESOURCE_HANDLER_NAMES = ['create', 'read', 'update', 'delete', 'list'] as const;

/** Why no hook handler is declared: none at all, other keys only, or the handlers of a resource type schema. */
function noHandlerMessage(document: Record<string, unknown>): string {
  const handlers = document.handlers;
  const expected = `declare at least one of ${HANDLER_NAMES.join(', ')}`;
  if (!isJsonObject(handlers)) return `handlers is missing; ${expected}`;
  const names = Object.keys(handlers);
  if (names.length === 0) return `handlers: is empty; ${expected}`;
  const resourceHandlers = names.filter((name) => (RESOURCE_HANDLER_NAMES as readonly string[]).includes(name));
  if (resourceHandlers.length > 0 || 'primaryIdentifier' in document) {
    const evidence = resourceHandlers.length > 0 ? `its handlers are ${resourceHandlers.join(', ')}` : 'it has a primaryIdentifier';
    return `handlers: declares none of ${HANDLER_NAMES.join(', ')}; this looks like a resource type schema (${evidence}), not a hook schema: validate checks hook schemas`;
  }
  return `handlers: declares none of ${HANDLER_NAMES.join(', ')} (only ${names.map((name) => quote(name)).join(', ')}); ${expected}`;
}

function checkHandlers(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const handlers = document.handlers;
  const declared = isJsonObject(handlers) ? HANDLER_NAMES.filter((name) => name in handlers) : [];
  if (declared.length === 0) {
    findings.push({ rule: 'HS205', path: isJsonObject(handlers) ? '/handlers' : '', message: noHandlerMessage(document) });
  }
  for (const [pointer, handler] of handlerEntries(document)) {
    const targets = handler.targetNames;
    if (!Array.isArray(targets)) continue;
    if (targets.length === 0) {
      findings.push({ rule: 'HS206', path: `${pointer}/targetNames`, message: `${readablePath(pointer)}: targetNames is empty; name at least one target` });
    }
    const seen = new Map<string, number>();
    targets.forEach((target, i) => {
      if (typeof target !== 'string') return;
      const at = `${pointer}/targetNames/${i}`;
      if (hasForbiddenWildcardSequence(target)) {
        findings.push({ rule: 'HS117', path: at, message: `${readablePath(at)}: ${quote(target)} contains '*?', which cfn refuses; write '*' or '?' alone` });
      } else if (!isWellFormedTargetName(target)) {
        findings.push({
          rule: 'HS207',
          path: at,
          message: `${readablePath(at)}: ${quote(target)} is not a target name; expected Service::Group::Type (letters, digits, * and ? wildcards, e.g. AWS::S3::Bucket or AWS::S3::*) or STACK or CHANGE_SET`,
        });
      } else {
        const unknown = unknownRegistryTarget(target, at);
        if (unknown) findings.push(unknown);
      }
      const first = seen.get(target);
      if (first !== undefined) {
        findings.push({ rule: 'HS304', path: at, message: `${readablePath(at)}: ${quote(target)} is already named at index ${first}` });
      } else seen.set(target, i);
    });
  }
  return findings;
}

/**
 * Namespaces only the registry's own types use: a name in them that no type has is a mistake, not a private type. Read
 * case-insensitively, as HS201 reserves them: no private type can be named `Aws::…` either, so `Aws::S3::Bucket` is a
 * mistake too (the service matches target names case-sensitively).
 */
const REGISTRY_NAMESPACE = /^(AWS|Alexa)::/i;

/**
 * HS314: a target name in the registry's own namespaces that matches no type of the resource catalogue (a typo such as
 * `AWS::S3::Buckets`, or a pattern such as `AWS::S3::Buckt*`). cfn and RegisterType accept it, and the hook is then
 * never invoked for what was meant. Names in other namespaces may be private or third-party types: not judged. Not
 * judged either when the catalogue is not built (the rule only warns).
 */
function unknownRegistryTarget(target: string, at: string): SchemaFinding | undefined {
  if (!REGISTRY_NAMESPACE.test(target)) return undefined;
  let unmatched;
  try {
    unmatched = unmatchedTargetName(target, []);
  } catch (error) {
    if (error instanceof CatalogUnavailableError) return undefined;
    throw error;
  }
  if (unmatched === undefined) return undefined;
  return { rule: 'HS314', path: at, message: `${readablePath(at)}: ${quote(target)} ${unmatchedTargetText(unmatched)}: cfn accepts it, and the hook is never invoked for it` };
}

/** An IAM action, `service:Action`; IAM reads both parts case-insensitively (`S3:getobject` is `s3:GetObject`). */
const PERMISSION = /^[a-z0-9-]+:[a-z0-9*?]+$/i;

function checkPermissions(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const [pointer, handler] of handlerEntries(document)) {
    const permissions = handler.permissions;
    if (!Array.isArray(permissions)) continue;
    permissions.forEach((permission, i) => {
      if (typeof permission !== 'string') return;
      const at = `${pointer}/permissions/${i}`;
      const where = readablePath(at);
      // cfn's two checks are case-sensitive (`"cloudformation:*" in permission`, `permission == …`): they decide its verdict.
      if (permission.includes('cloudformation:*')) {
        findings.push({ rule: 'HS115', path: at, message: `${where}: ${quote(permission)}: wildcards for cloudformation are not allowed in hook handler permissions; name the actions` });
      } else if (permission === 'cloudformation:RegisterType') {
        findings.push({ rule: 'HS116', path: at, message: `${where}: 'cloudformation:RegisterType' is not allowed in hook handler permissions` });
      } else if (permission === '*') {
        findings.push({ rule: 'HS307', path: at, message: `${where}: '*' is a wildcard for every action of every service; name the actions the handler calls` });
      } else if (!PERMISSION.test(permission)) {
        findings.push({ rule: 'HS306', path: at, message: `${where}: ${quote(permission)} is not an IAM action; expected service:Action, e.g. s3:GetEncryptionConfiguration` });
      } else if (/[*?]/.test(permission)) {
        const cloudformation = permission.toLowerCase().startsWith('cloudformation:');
        findings.push({
          rule: 'HS307',
          path: at,
          message: cloudformation
            ? `${where}: ${quote(permission)} uses a wildcard on CloudFormation actions: IAM reads action names case-insensitively, so it grants what 'cloudformation:${permission.slice('cloudformation:'.length).toLowerCase()}' grants, which cfn refuses only in that spelling; name the actions the handler calls`
            : `${where}: ${quote(permission)} uses a wildcard; the execution role gets every matching action, name the actions the handler calls`,
        });
      }
    });
  }
  return findings;
}

/**
 * Every `$ref` key in the document, wherever it is, as cfn's RefInliner walks it: inside `default`, `enum`, `const`
 * and `examples` values too, and under a property that happens to be named `default` or `enum`. A `$ref` there that
 * does not resolve stops `cfn submit` just as one in a property schema does.
 */
function checkRefs(document: Record<string, unknown>, context: SchemaCheckContext): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${pointer}/${i}`));
      return;
    }
    if (!isJsonObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const at = `${pointer}/${escapePointerToken(key)}`;
      if (key !== '$ref') visit(child, at);
      else if (typeof child === 'string') findings.push(...checkRef(document, child, at, context));
      else if (!inPropertySchemaPosition(at)) {
        // In a property schema the meta-schema already reports it (HS113); in a value, cfn's urljoin raises TypeError.
        findings.push({ rule: 'HS118', path: at, message: `${readablePath(at)}: is not a string; cfn resolves every "$ref" key in the document and stops on this one (TypeError: Cannot mix str and non-str arguments)` });
      }
    }
  };
  visit(document, '');
  return findings;
}

/** Whether the meta-schema checks the `$ref` at `pointer` (a property schema's own `$ref`), so that a wrong type is already reported. */
function inPropertySchemaPosition(pointer: string): boolean {
  return !/\/(?:default|enum|const|examples)(?:\/|$)/.test(pointer);
}

function checkRef(document: Record<string, unknown>, ref: string, at: string, context: SchemaCheckContext): SchemaFinding[] {
  const refused = (reason: string): SchemaFinding[] => [{ rule: 'HS118', path: at, message: `${readablePath(at)}: ${quote(ref)} does not resolve: ${reason}` }];
  // An empty reference is the base URI itself (RFC 3986; Python's urljoin(base, '') is base): this document.
  if (ref === '') return [];
  const id = typeof document.$id === 'string' ? document.$id : undefined;
  const underId = id === undefined ? undefined : refUnderIdLikeCfn(id, ref);
  if (underId?.kind === 'fails') return refused(underId.reason);
  const local = underId?.kind === 'self' ? `#${underId.fragment}` : ref;
  if (!local.startsWith('#')) {
    const unopenable = unopenableScheme(ref.split('#')[0]);
    if (unopenable !== undefined) return refused(unopenable);
    // cfn resolves it against the schema's $id when there is one (a URL, fetched), else against the schema file.
    const outcome = context.baseDirectory !== undefined && id === undefined ? resolveFileRefLikeCfn(ref, context.baseDirectory) : undefined;
    if (outcome === undefined) {
      return [{ rule: 'HS309', path: at, message: `${readablePath(at)}: ${quote(ref)} points outside this document; it cannot be checked offline (prefer #/definitions/…)` }];
    }
    if (outcome.resolves) return [];
    return refused(`cfn reads it relative to the schema file, and ${outcome.reason}`);
  }
  const outcome = resolveLocalRefLikeCfn(document, local);
  if (outcome.resolves) return [];
  return [{ rule: 'HS118', path: at, message: `${readablePath(at)}: ${quote(ref)} does not resolve in this document (${outcome.reason})` }];
}

function typesOf(schema: Record<string, unknown>): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** The most `$ref` hops followed to find a property's declared type (a longer chain is HS313's concern, not this rule's). */
const MAX_TYPE_REF_HOPS = 16;

/**
 * The schema that declares a configuration property's type: the property's own, or, for `"$ref": "#/definitions/…"`
 * (how the docs keep typeConfiguration flat), the definition it leads to, through a chain of local refs; `ref` is the
 * property's own `$ref` when one was followed.
 */
function declaredTypeSite(document: Record<string, unknown>, schema: Record<string, unknown>): { schema: Record<string, unknown>; ref?: string } {
  const first = schema.$ref;
  if (typeof first !== 'string' || !first.startsWith('#') || 'type' in schema) return { schema };
  let current = schema;
  for (let hop = 0; hop < MAX_TYPE_REF_HOPS; hop += 1) {
    const ref = current.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#') || 'type' in current) break;
    const outcome = resolveLocalRefLikeCfn(document, ref);
    if (!outcome.resolves || !isJsonObject(outcome.target) || outcome.target === current) return { schema };
    current = outcome.target;
  }
  return current === schema ? { schema } : { schema: current, ref: first };
}

function checkFlatConfiguration(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const node of propertySchemas(document)) {
    if (!node.isConfigurationProperty) continue;
    const where = readablePath(node.pointer);
    const nested = [node, ...(isJsonObject(node.schema.items) ? [{ pointer: `${node.pointer}/items`, schema: node.schema.items }] : [])];
    for (const { pointer, schema } of nested) {
      const inline = 'properties' in schema || (typesOf(schema).includes('object') && !('$ref' in schema));
      if (inline) {
        findings.push({
          rule: 'HS204',
          path: pointer,
          message: `${readablePath(pointer)}: is a nested object; typeConfiguration must be flat: define the object in definitions and use "$ref": "#/definitions/…"`,
        });
        break;
      }
    }
    const declared = declaredTypeSite(document, node.schema);
    const scalarTypes = typesOf(declared.schema).filter((t) => t === 'boolean' || t === 'integer' || t === 'number');
    if (scalarTypes.length > 0 && !typesOf(declared.schema).includes('string')) {
      const through = declared.ref === undefined ? '' : ` (through ${quote(declared.ref)})`;
      findings.push({
        rule: 'HS308',
        path: declared.ref === undefined ? `${node.pointer}/type` : `${node.pointer}/$ref`,
        message: `${where}: declares type ${quote(scalarTypes[0])}${through}, but the handler receives every configuration value as a string ("true", "5"); parse it in the handler, or declare a string with an enum or pattern`,
      });
    }
  }
  return findings;
}

interface PatternSite {
  readonly pointer: string;
  readonly pattern: string;
}

function patternSites(document: Record<string, unknown>): PatternSite[] {
  const sites: PatternSite[] = [];
  for (const { pointer, schema } of propertySchemas(document)) {
    if (typeof schema.pattern === 'string') sites.push({ pointer: `${pointer}/pattern`, pattern: schema.pattern });
    if (isJsonObject(schema.patternProperties)) {
      for (const key of Object.keys(schema.patternProperties)) sites.push({ pointer: `${pointer}/patternProperties/${escapePointerToken(key)}`, pattern: key });
    }
  }
  return sites;
}

function checkPatterns(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const { pointer, pattern } of patternSites(document)) {
    const where = readablePath(pointer);
    try {
      new RegExp(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/, '') : String(error);
      findings.push({
        rule: 'HS303',
        path: pointer,
        message: `${where}: ${quote(pattern)} is not a valid regular expression (${reason}); cfn does not check patterns, but no validator can apply it`,
      });
      continue;
    }
    const nested = nestedQuantifier(pattern);
    if (nested !== undefined) {
      findings.push({
        rule: 'HS311',
        path: pointer,
        message: `${where}: ${quote(pattern)} repeats ${quote(nested)}, a repetition inside a repetition: a backtracking regular-expression engine (the handler's, most validators') can take exponential time on a value that almost matches (ReDoS); this validator evaluates patterns in linear time, but repeat the inner part once (e.g. '(a+)+' → 'a+')`,
      });
    }
    const shape = anchoring(pattern);
    if (!shape.start || !shape.end) {
      const risk =
        !shape.start && !shape.end
          ? 'any value that merely contains a match is accepted'
          : !shape.start
            ? "anything may come before the match (no '^')"
            : "anything may come after the match (no '$')";
      findings.push({
        rule: 'HS302',
        path: pointer,
        message: `${where}: ${quote(pattern)} is not anchored: a JSON Schema pattern matches anywhere in the value, so ${risk}; write '${anchored(pattern, shape)}' if the whole value must match`,
      });
    } else if (shape.topLevelAlternation) {
      findings.push({
        rule: 'HS302',
        path: pointer,
        message: `${where}: ${quote(pattern)} anchors only its first and last alternatives ('^a|b$' accepts anything starting with a or ending with b); group them: '^(?:${pattern.slice(1, -1)})$'`,
      });
    }
  }
  return findings;
}

interface Anchoring {
  start: boolean;
  end: boolean;
  /** A `|` outside any group or class, and at least one of the alternatives it separates is not anchored at both ends. */
  topLevelAlternation: boolean;
}

/**
 * Whether a pattern starts with `^`, ends with an unescaped `$`, and has a `|` outside any group or class that
 * leaves an alternative unanchored: `^a|b$` does, `^a$|^b$` (every alternative anchored at both ends) does not.
 */
function anchoring(pattern: string): Anchoring {
  let depth = 0;
  let inClass = false;
  const alternatives: Array<{ start: boolean; end: boolean }> = [{ start: pattern.startsWith('^'), end: false }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '|' && depth === 0 && !inClass) {
      alternatives.push({ start: pattern[i + 1] === '^', end: false });
      continue;
    }
    const current = alternatives[alternatives.length - 1];
    current.end = false;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '$') current.end = true;
  }
  const first = alternatives[0];
  const last = alternatives[alternatives.length - 1];
  const everyAlternativeAnchored = alternatives.every((a) => a.start && a.end);
  if (alternatives.length > 1 && everyAlternativeAnchored) return { start: true, end: true, topLevelAlternation: false };
  return { start: first.start, end: last.end, topLevelAlternation: alternatives.length > 1 };
}

function anchored(pattern: string, shape: Anchoring): string {
  if (shape.topLevelAlternation) return `^(?:${pattern.replace(/^\^/, '').replace(/\$$/, '')})$`;
  return `${shape.start ? '' : '^'}${pattern}${shape.end ? '' : '$'}`;
}

function checkRequired(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const objects: Array<{ pointer: string; schema: Record<string, unknown> }> = [];
  if (isJsonObject(document.typeConfiguration)) objects.push({ pointer: '/typeConfiguration', schema: document.typeConfiguration });
  objects.push(...propertySchemas(document).filter((node) => isJsonObject(node.schema.properties)));
  for (const { pointer, schema } of objects) {
    if (!Array.isArray(schema.required) || !isJsonObject(schema.properties)) continue;
    const declared = schema.properties;
    schema.required.forEach((name, i) => {
      if (typeof name !== 'string' || name in declared) return;
      const at = `${pointer}/required/${i}`;
      findings.push({
        rule: 'HS305',
        path: at,
        message: `${readablePath(at)}: ${quote(name)} is required but not declared in properties; with additionalProperties false no value can satisfy it`,
      });
    });
  }
  return findings;
}

function checkDefaults(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const definitions = isJsonObject(document.definitions) ? document.definitions : {};
  for (const { pointer, schema } of propertySchemas(document)) {
    const { default: defaultValue, enum: enumValues, const: constValue, ...rest } = schema;
    // The values a schema names itself: its default, judged by the whole schema (an enum or const included), and
    // its enum values and const, each judged without the enum and const they define.
    const samples: Array<{ what: string; at: string; value: unknown; whole: boolean }> = [];
    if ('default' in schema) samples.push({ what: 'the default', at: `${pointer}/default`, value: defaultValue, whole: true });
    if (Array.isArray(enumValues)) enumValues.forEach((value, i) => samples.push({ what: 'the enum value', at: `${pointer}/enum/${i}`, value, whole: false }));
    if ('const' in schema) samples.push({ what: 'the const', at: `${pointer}/const`, value: constValue, whole: false });
    if (samples.length === 0) continue;
    const withEnum = { ...rest, ...(enumValues !== undefined ? { enum: enumValues } : {}), ...('const' in schema ? { const: constValue } : {}) };
    let validators;
    try {
      validators = { whole: compileUserSchema({ ...withEnum, definitions }), own: compileUserSchema({ ...rest, definitions }) };
    } catch (error) {
      // An uncompilable schema is reported by the pattern and $ref checks; its values cannot be judged.
      if (error instanceof SchemaCompileError) continue;
      throw error;
    }
    for (const { what, at, value, whole } of samples) {
      const validate = whole ? validators.whole : validators.own;
      if (validate(value) === true) continue;
      const reasons = (validate.errors ?? []).map((e) => `${e.instancePath ? `${e.instancePath} ` : ''}${e.message ?? e.keyword}`).join('; ');
      findings.push({
        rule: 'HS301',
        path: at,
        message: `${readablePath(pointer)}: ${what} ${quote(value)} does not validate against the property's own schema (${reasons})`,
      });
    }
  }
  return findings;
}

/**
 * Nesting cfn's Python cannot follow: jsonschema's validation recurses per nested property schema and RefInliner
 * per `$ref` it follows, and past Python's recursion limit load_hook_spec stops with an unhandled RecursionError
 * (src/schema/nesting-depth.ts has the measured limits). Refused (HS120) where the measurement overflowed; a warning
 * (HS313) from CFN_DEPTH_WARNING_SHARE of it, where the real `cfn`, with a deeper stack, may already fail.
 */
export function checkNestingDepth(document: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const deepest = deepestPropertySchema(document);
  if (deepest !== undefined && deepest.share >= CFN_DEPTH_WARNING_SHARE - SHARE_ROUNDING) {
    const levels = Object.entries(deepest.levels)
      .map(([keyword, count]) => `${count} levels of ${keyword}`)
      .join(', ');
    const percent = Math.round(deepest.share * 100);
    findings.push(
      deepest.share >= 1 - SHARE_ROUNDING
        ? {
            rule: 'HS120',
            path: deepest.pointer,
            message: `${shortReadablePath(deepest.pointer)}: nests ${levels}, past what cfn's Python validator can follow (${percent}% of its recursion limit): cfn submit stops with RecursionError; flatten it with $refs to definitions`,
          }
        : {
            rule: 'HS313',
            path: deepest.pointer,
            message: `${shortReadablePath(deepest.pointer)}: nests ${levels}, ${percent}% of what cfn's Python validator can follow; cfn submit may stop with RecursionError; flatten it with $refs to definitions`,
          },
    );
  }
  const chain = longestRefChain(document);
  if (chain !== undefined && chain.length >= CFN_DEPTH_WARNING_SHARE * CFN_OVERFLOW_REF_CHAIN) {
    const refused = chain.length >= CFN_OVERFLOW_REF_CHAIN;
    findings.push({
      rule: refused ? 'HS120' : 'HS313',
      path: chain.pointer,
      message: `${shortReadablePath(chain.pointer)}: starts a chain of ${refused ? `${CFN_OVERFLOW_REF_CHAIN} or more` : chain.length} $refs, each inside what the one before points to; cfn's RefInliner follows them recursively and ${refused ? 'stops' : `may stop (it stops at ${CFN_OVERFLOW_REF_CHAIN})`} with RecursionError; point the $refs at their final target`,
    });
  }
  return findings;
}
