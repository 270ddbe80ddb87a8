/**
 * Checking a hook resource's resolved properties against its resource schema, with every problem as a finding
 * at a JSON path under the resource's Properties (the caller locates it in the user's file).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { closestName, duplicateItems, escapePointerToken, jsonTypeOf, quote, readablePath } from '../../../src/kernel/diagnostics';
import { GUARD_HOOK_SCHEMA, HOOK_TYPE_CONFIG_SCHEMA, LAMBDA_HOOK_SCHEMA } from './resource-schemas';

/** One problem in a hook resource: a JSON pointer relative to the resource's Properties, and what is wrong. */
export interface PropertyFinding {
  readonly path: string;
  readonly message: string;
}

/** Which resource schema to check against. */
export type HookResourceKind = 'lambda' | 'guard' | 'typeConfig';

const SCHEMAS = { lambda: LAMBDA_HOOK_SCHEMA, guard: GUARD_HOOK_SCHEMA, typeConfig: HOOK_TYPE_CONFIG_SCHEMA } as const;
const validators = new Map<HookResourceKind, ValidateFunction>();
let ajv: Ajv | undefined;

function validatorFor(kind: HookResourceKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    // `verbose` gives each error its data and parentSchema, which the messages quote.
    ajv ??= new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
    validate = ajv.compile(SCHEMAS[kind]);
    validators.set(kind, validate);
  }
  return validate;
}

/** Every problem of a hook resource's properties; empty when they are valid. */
export function hookResourceFindings(kind: HookResourceKind, properties: Record<string, unknown>): PropertyFinding[] {
  const validate = validatorFor(kind);
  const findings: PropertyFinding[] = [];
  // Ajv is given a plain copy: resolved template data has no prototype, and ajv's `uniqueItems` comparison
  // (fast-deep-equal) calls `valueOf` on each object of a list, so two TargetFilters.Targets items threw.
  if (!validate(JSON.parse(JSON.stringify(properties)))) for (const e of withoutS3LocationNoise(validate.errors ?? [], properties)) findings.push(describe(e, kind));
  if (kind === 'guard') for (const f of s3LocationShape(properties)) findings.push(f);
  if (kind !== 'typeConfig' && properties.TargetFilters !== undefined) for (const f of targetFilterShape(properties.TargetFilters)) findings.push(f);
  if (kind !== 'typeConfig' && properties.StackFilters !== undefined) for (const f of stackFilterShape(properties.StackFilters)) findings.push(f);
  if (kind === 'typeConfig' && (properties.TypeName === undefined) === (properties.TypeArn === undefined)) {
    findings.push({ path: '', message: 'give exactly one of TypeName or TypeArn (the hook type this configuration is for)' });
  }
  return dedupe(findings);
}

/** What an S3 location holds (`RuleLocation`, each `Options.InputParams`), for a message that shows one. */
const S3_LOCATION = 'an S3 location: Uri, and an optional VersionId';

/**
 * A Guard hook's S3 locations written as plain URIs, the form set-type-configuration's `ruleLocation` and
 * `options.inputParams` take: one sentence that says what the resource takes, instead of the schema's type errors
 * and the raw text of the InputParams `oneOf` (one location, or a list of up to 10).
 */
function s3LocationShape(properties: Record<string, unknown>): PropertyFinding[] {
  const findings: PropertyFinding[] = [];
  const { RuleLocation: rules, Options: options } = properties;
  if (typeof rules === 'string') findings.push({ path: '/RuleLocation', message: `RuleLocation: is a string; write {Uri: ${rules}} (${S3_LOCATION})` });
  const params = typeof options === 'object' && options !== null ? (options as Record<string, unknown>).InputParams : undefined;
  if (typeof params === 'string') {
    findings.push({ path: '/Options/InputParams', message: `Options.InputParams: is a string; write {Uri: ${params}}, or a list of up to 10 such locations (${S3_LOCATION})` });
  } else if (Array.isArray(params)) {
    params.forEach((item, i) => {
      if (typeof item === 'string') findings.push({ path: `/Options/InputParams/${i}`, message: `Options.InputParams[${i}]: is a string; write {Uri: ${item}} (${S3_LOCATION})` });
    });
  } else if (params !== undefined && (typeof params !== 'object' || params === null)) {
    findings.push({ path: '/Options/InputParams', message: `Options.InputParams: is ${jsonTypeOf(params)}; expected {Uri: s3://…} (${S3_LOCATION}), or a list of up to 10 such locations` });
  }
  return findings;
}

/**
 * The schema errors s3LocationShape says better: a string where an S3 location goes, and the InputParams `oneOf`
 * (only the errors of the branch its value's shape chose are kept: the object's, or the list's).
 */
function withoutS3LocationNoise(errors: readonly ErrorObject[], properties: Record<string, unknown>): ErrorObject[] {
  const options = properties.Options;
  const params = typeof options === 'object' && options !== null ? (options as Record<string, unknown>).InputParams : undefined;
  const branch = Array.isArray(params) ? '/oneOf/1/' : typeof params === 'object' && params !== null ? '/oneOf/0/' : undefined;
  return errors.filter((e) => {
    const location = e.instancePath === '/RuleLocation' || e.instancePath.startsWith('/Options/InputParams');
    if (location && e.keyword === 'type' && typeof e.data !== 'object') return false;
    if (!e.schemaPath.includes('/InputParams/oneOf')) return true;
    return branch !== undefined && e.schemaPath.includes(`/InputParams${branch}`);
  });
}

const FILTER_LISTS = ['Actions', 'InvocationPoints', 'TargetNames'];

/**
 * The TargetFilters `oneOf` of the resource schemas: either some of Actions/InvocationPoints/TargetNames, or
 * Targets alone. A nesting the service rejects is named, e.g. CDK's `TargetFiltersItems` (aws/aws-cdk#34591).
 */
function targetFilterShape(value: unknown): PropertyFinding[] {
  const at = '/TargetFilters';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const keys = Object.keys(value);
  const findings: PropertyFinding[] = [];
  for (const key of keys.filter((k) => ![...FILTER_LISTS, 'Targets'].includes(k))) {
    const cdk =
      key === 'TargetFiltersItems'
        ? ' (a nesting the CloudFormation Template Reference shows and CDK users hit, aws/aws-cdk#34591; it is not a real property and the service rejects it: put Actions/InvocationPoints/TargetNames directly under TargetFilters)'
        : '';
    const near = cdk ? undefined : closestName(key, [...FILTER_LISTS, 'Targets']);
    findings.push({
      path: `${at}/${escapePointerToken(key)}`,
      message: `TargetFilters: unknown key '${key}'${cdk}${near ? ` (did you mean '${near}'?)` : ''}; expected Actions, InvocationPoints, TargetNames, or Targets alone`,
    });
  }
  if (keys.includes('Targets')) {
    const mixed = keys.filter((k) => FILTER_LISTS.includes(k));
    if (mixed.length > 0) {
      findings.push({ path: at, message: `TargetFilters: Targets cannot be combined with ${mixed.join(', ')}; use either the Targets list or the Actions/InvocationPoints/TargetNames lists` });
    }
  } else if (keys.length === 0) {
    findings.push({ path: at, message: 'TargetFilters: is empty; give at least one of Actions, InvocationPoints, TargetNames, or Targets' });
  }
  return findings;
}

/**
 * "The StackNames or StackRoles properties are optional. However, you must specify at least one of these properties"
 * (the Template Reference's LambdaHook and GuardHook StackFilters). FilteringCriteria, required too, has the resource
 * schema's default (ALL) here, applied before this check (PROPERTY_DEFAULTS).
 */
function stackFilterShape(value: unknown): PropertyFinding[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  if ('StackNames' in value || 'StackRoles' in value) return [];
  return [{ path: '/StackFilters', message: 'StackFilters: has neither StackNames nor StackRoles; give at least one (or leave StackFilters out to invoke the hook for every stack)' }];
}

function describe(error: ErrorObject, kind: HookResourceKind): PropertyFinding {
  const path = error.instancePath;
  const where = path ? `${readablePath(path)}: ` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      return { path, message: `${where}missing required property '${name}'` };
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const near = closestName(name, allowed);
      return { path: `${path}/${escapePointerToken(name)}`, message: `${where}unknown property '${name}'${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${allowed.join(', ')}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return { path, message: `${where}${quote(error.data)} is not allowed; expected one of ${allowed.join(', ')}` };
    }
    case 'type':
      return { path, message: `${where}is ${jsonTypeOf(error.data)}; expected ${String(params.type)}` };
    case 'uniqueItems': {
      // The list reads better first-to-last, and a duplicate is located at its later copy.
      const { first, second } = duplicateItems(params);
      return { path: `${path}/${second}`, message: `${where}items ${first} and ${second} are the same; each item may appear once (the schema's uniqueItems)` };
    }
    case 'pattern':
      return { path, message: `${where}${quote(error.data)} does not match ${patternMeaning(path, kind) ?? `the pattern ${String(params.pattern)}`}` };
    default:
      return { path, message: `${where}${error.message ?? 'is not valid'}` };
  }
}

/** What a pattern means, in words, for the properties users get wrong most. */
function patternMeaning(path: string, kind: HookResourceKind): string | undefined {
  if (path === '/Alias') return 'Namespace::Service::Name (three parts of 2–64 letters and digits, not starting with AWS)';
  if (path === '/ExecutionRole') return 'an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>)';
  if (path === '/TypeName' && kind === 'typeConfig') return 'Namespace::Service::Name';
  if (path.startsWith('/StackFilters/StackNames')) return 'a stack name (a letter first, then letters, digits and hyphens; * and ? allowed)';
  if (path.startsWith('/StackFilters/StackRoles')) return 'an IAM role ARN (wildcards only in partition, account id and role name)';
  return undefined;
}

function dedupe(findings: readonly PropertyFinding[]): PropertyFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
