/**
 * validateHookConfiguration: the document SetTypeConfiguration receives (reference §4), checked against the
 * service's rules and against the hook schema it configures: its `Properties` against typeConfiguration, its
 * target filters against the schema's targetNames.
 */
import type { ErrorObject } from 'ajv';
import { type Diagnostic, escapePointerToken, sortDiagnostics } from '../kernel/diagnostics';
import { kmsKeyIdForm } from '../kernel/aws';
import { type HookConfiguration, type HookSchema, wildcardsOverlap } from '../kernel/hook-config';
import type { SourcePosition } from '../kernel/source';
import { SchemaCompileError, typeConfigurationValidator } from './ajv-instances';
import { closestName, jsonTypeOf, quote, readablePath } from './finding-wording';
import { valueAt } from './document-values';
import type { RuleFinding } from './rule-finding';
import { readJsonDocument, type LocatedDocument } from './located-document';
import { describeGenericError } from './meta-schema-errors';
import { CONFIGURATION_RULES, type ConfigurationRuleId } from './rules';
import { hasForbiddenWildcardSequence, isWellFormedTargetName } from './target-names';
import { isJsonObject } from '../kernel/protocol';

export interface ConfigurationReport {
  /** No error-severity diagnostic. */
  valid: boolean;
  diagnostics: Diagnostic[];
  /** The typed configuration, when valid. */
  configuration?: HookConfiguration;
}

/** Hook type configuration data is limited to 300 KB (300 × 1024 bytes of UTF-8, the file as written). */
export const CONFIGURATION_SIZE_LIMIT = 300 * 1024;

/**
 * SetTypeConfiguration's `Configuration` takes at most 204,800 characters (the API model's TypeConfiguration shape),
 * which the hooks guide's 300 KB comes "in addition to": the tighter bound is the one a configuration meets first.
 */
export const CONFIGURATION_LENGTH_LIMIT = 204_800;

type ConfigurationFinding = RuleFinding<ConfigurationRuleId>;

const ROOT = '/CloudFormationConfiguration/HookConfiguration';

/** Where a pointer is, as a message says it: relative to HookConfiguration, which every real finding is inside. */
function place(pointer: string): string {
  if (pointer === ROOT) return 'HookConfiguration';
  return readablePath(pointer.startsWith(`${ROOT}/`) ? pointer.slice(ROOT.length) : pointer);
}


const VALUE_SETS = {
  HookInvocationStatus: ['ENABLED', 'DISABLED'],
  TargetStacks: ['ALL', 'NONE'],
  FailureMode: ['FAIL', 'WARN'],
  TargetOperations: ['RESOURCE', 'STACK', 'CHANGE_SET', 'CLOUD_CONTROL'],
  Actions: ['CREATE', 'UPDATE', 'DELETE'],
  InvocationPoints: ['PRE_PROVISION'],
  FilteringCriteria: ['ALL', 'ANY'],
} as const;

const HOOK_CONFIGURATION_KEYS = ['HookInvocationStatus', 'TargetStacks', 'TargetOperations', 'FailureMode', 'EncryptionConfiguration', 'Properties', 'TargetFilters', 'StackFilters'];
const ENCRYPTION_CONFIGURATION_KEYS = ['KmsKeyId'];
const TARGET_FILTER_KEYS = ['Actions', 'InvocationPoints', 'TargetNames', 'Targets'];
const TARGET_KEYS = ['TargetName', 'Action', 'InvocationPoint'];
const STACK_FILTER_KEYS = ['FilteringCriteria', 'StackNames', 'StackRoles'];
const INCLUDE_EXCLUDE_KEYS = ['Include', 'Exclude'];
const HANDLER_FOR_ACTION = { CREATE: 'preCreate', UPDATE: 'preUpdate', DELETE: 'preDelete' } as const;

/**
 * A configuration file's JSON, read as both validators read it: HC001 when it does not read; else the document and
 * HC002 for a duplicate key (the service keeps one), the diagnostics its checks add to.
 */
function readConfigurationDocument(text: string, file: string): { unreadable: Diagnostic } | { document: Extract<LocatedDocument, { kind: 'parsed' }>; diagnostics: Diagnostic[] } {
  const document = readJsonDocument(text, file);
  if (document.kind === 'unreadable') {
    const { error } = document;
    return { unreadable: diagnostic(file, { rule: 'HC001', path: '', message: error.reason }, error) };
  }
  const diagnostics: Diagnostic[] = [];
  if (document.duplicate) {
    const { duplicate } = document;
    diagnostics.push(diagnostic(file, { rule: 'HC002', path: duplicate.pointer, message: `${duplicate.reason}: the service would keep only one of them; remove one` }, duplicate));
  }
  return { document, diagnostics };
}

/** Validates the text of a hook configuration file against the hook schema it configures; never throws for bad input. */
export function validateHookConfiguration(text: string, file: string, schema: HookSchema): ConfigurationReport {
  const read = readConfigurationDocument(text, file);
  if ('unreadable' in read) return { valid: false, diagnostics: [read.unreadable] };
  const { document, diagnostics } = read;
  const size = Buffer.byteLength(text, 'utf8');
  const length = characterCount(text);
  if (size > CONFIGURATION_SIZE_LIMIT) {
    diagnostics.push(
      diagnostic(file, { rule: 'HC003', path: '', message: `the configuration is ${size} bytes; hook type configuration data is limited to 300 KB (${CONFIGURATION_SIZE_LIMIT} bytes)` }, { line: 1, column: 1 }),
    );
  } else if (length > CONFIGURATION_LENGTH_LIMIT) {
    diagnostics.push(
      diagnostic(
        file,
        { rule: 'HC003', path: '', message: `the configuration is ${length} characters; SetTypeConfiguration takes at most ${CONFIGURATION_LENGTH_LIMIT} (its Configuration parameter), within the 300 KB the hooks guide allows` },
        { line: 1, column: 1 },
      ),
    );
  }
  const findings = configurationFindings(document.value, schema);
  for (const finding of findings) diagnostics.push(diagnostic(file, finding, document.locate(finding.path)));
  const sorted = sortDiagnostics(diagnostics);
  const valid = !sorted.some((d) => d.severity === 'error');
  const report: ConfigurationReport = { valid, diagnostics: sorted };
  if (valid) report.configuration = valueAt(document.value, ROOT) as HookConfiguration;
  return report;
}

/** What validateConfigurationProperties returns. */
export interface PropertiesReport {
  /** No error-severity diagnostic. */
  valid: boolean;
  diagnostics: Diagnostic[];
  /** The properties, when valid. */
  properties?: Record<string, unknown>;
}

/**
 * Validates a file that holds a configuration's `Properties` object alone (the contract runner's `--typeconfig` takes
 * it [choice]) with the rules its place in a document gets (HC110, HC111, HC115), so the two forms cannot be judged
 * differently; pointers are relative to the file's root. Never throws for bad input.
 */
export function validateConfigurationProperties(text: string, file: string, schema: HookSchema): PropertiesReport {
  const read = readConfigurationDocument(text, file);
  if ('unreadable' in read) return { valid: false, diagnostics: [read.unreadable] };
  const { document, diagnostics } = read;
  const { value } = document;
  const findings: ConfigurationFinding[] = isJsonObject(value)
    ? propertiesFindings(value, schema, '')
    : [{ rule: 'HC104', path: '', message: `Properties: is ${jsonTypeOf(value)}; expected an object` }];
  for (const finding of findings) diagnostics.push(diagnostic(file, finding, document.locate(finding.path)));
  const sorted = sortDiagnostics(diagnostics);
  const valid = !sorted.some((d) => d.severity === 'error');
  return valid && isJsonObject(value) ? { valid, diagnostics: sorted, properties: value } : { valid, diagnostics: sorted };
}

function diagnostic(file: string, finding: ConfigurationFinding, position: SourcePosition): Diagnostic {
  const rule = CONFIGURATION_RULES[finding.rule];
  return { code: rule.id, severity: rule.severity, message: finding.message, file, path: finding.path, line: position.line, column: position.column };
}

function configurationFindings(value: unknown, schema: HookSchema): ConfigurationFinding[] {
  const shape = 'expected {"CloudFormationConfiguration": {"HookConfiguration": {…}}}';
  if (!isJsonObject(value)) return [{ rule: 'HC101', path: '', message: `the document is ${jsonTypeOf(value)}; ${shape}` }];
  const findings: ConfigurationFinding[] = [];
  findings.push(...unknownKeys(value, '', ['CloudFormationConfiguration']));
  const outer = value.CloudFormationConfiguration;
  if (!isJsonObject(outer)) {
    return [...findings, { rule: 'HC101', path: outer === undefined ? '' : '/CloudFormationConfiguration', message: `CloudFormationConfiguration is ${outer === undefined ? 'missing' : jsonTypeOf(outer)}; ${shape}` }];
  }
  findings.push(...unknownKeys(outer, '/CloudFormationConfiguration', ['HookConfiguration']));
  const hook = outer.HookConfiguration;
  if (!isJsonObject(hook)) {
    const path = hook === undefined ? '/CloudFormationConfiguration' : ROOT;
    return [...findings, { rule: 'HC101', path, message: `HookConfiguration is ${hook === undefined ? 'missing' : jsonTypeOf(hook)}; ${shape}` }];
  }
  findings.push(...unknownKeys(hook, ROOT, HOOK_CONFIGURATION_KEYS));
  for (const key of ['HookInvocationStatus', 'TargetStacks', 'FailureMode'] as const) findings.push(...oneOf(hook[key], `${ROOT}/${key}`, VALUE_SETS[key]));
  if (hook.TargetOperations !== undefined) {
    findings.push(...list(hook.TargetOperations, `${ROOT}/TargetOperations`, (item, at) => [...oneOf(item, at, VALUE_SETS.TargetOperations), ...operationUnserved(item, at, schema)]));
  }
  findings.push(...neverRuns(hook));
  findings.push(...unstatedDefaults(hook));
  if (hook.Properties !== undefined && !isJsonObject(hook.Properties)) {
    findings.push({ rule: 'HC104', path: `${ROOT}/Properties`, message: `${place(`${ROOT}/Properties`)}: is ${jsonTypeOf(hook.Properties)}; expected an object` });
  } else {
    findings.push(...propertiesFindings(hook.Properties ?? {}, schema));
  }
  if (hook.EncryptionConfiguration !== undefined) findings.push(...encryptionFindings(hook.EncryptionConfiguration));
  if (hook.TargetFilters !== undefined) findings.push(...targetFilterFindings(hook.TargetFilters, schema));
  if (hook.StackFilters !== undefined) findings.push(...stackFilterFindings(hook.StackFilters));
  return findings;
}

/**
 * `EncryptionConfiguration: {KmsKeyId}` (documented since November 2025): the customer managed key that encrypts
 * the hook's annotations. KmsKeyId is required inside it [choice: the docs show no other key] and must be one of
 * the forms KMS names a key by (key ARN, alias ARN, key ID, alias name).
 */
function encryptionFindings(value: unknown): ConfigurationFinding[] {
  const pointer = `${ROOT}/EncryptionConfiguration`;
  if (!isJsonObject(value)) return [{ rule: 'HC104', path: pointer, message: `${place(pointer)}: is ${jsonTypeOf(value)}; expected {"KmsKeyId": "<KMS key ARN, key ID or alias>"}` }];
  const findings = unknownKeys(value, pointer, ENCRYPTION_CONFIGURATION_KEYS);
  const key = value.KmsKeyId;
  const at = `${pointer}/KmsKeyId`;
  if (key === undefined) findings.push({ rule: 'HC104', path: pointer, message: `${place(pointer)}: missing required key 'KmsKeyId'` });
  else if (typeof key !== 'string') findings.push({ rule: 'HC104', path: at, message: `${place(at)}: is ${jsonTypeOf(key)}; expected a KMS key identifier` });
  else if (kmsKeyIdForm(key) === undefined) {
    findings.push({
      rule: 'HC116',
      path: at,
      message: `${place(at)}: ${quote(key)} is not a KMS key identifier; expected a key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>), an alias ARN (…:alias/<name>), a key ID (a UUID or mrk-…) or an alias name (alias/<name>)`,
    });
  }
  return findings;
}

function unknownKeys(object: Record<string, unknown>, pointer: string, allowed: readonly string[]): ConfigurationFinding[] {
  return Object.keys(object)
    .filter((key) => !allowed.includes(key))
    .map((key) => {
      const near = closestName(key, allowed);
      return {
        rule: 'HC102' as const,
        path: `${pointer}/${escapePointerToken(key)}`,
        message: `${pointer ? `${place(pointer)}: ` : ''}unknown key '${key}'${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${allowed.join(', ')}`,
      };
    });
}

function oneOf(value: unknown, pointer: string, allowed: readonly string[]): ConfigurationFinding[] {
  if (value === undefined) return [];
  const where = place(pointer);
  if (typeof value !== 'string') return [{ rule: 'HC104', path: pointer, message: `${where}: is ${jsonTypeOf(value)}; expected one of ${allowed.join(', ')}` }];
  if (allowed.includes(value)) return [];
  const near = allowed.find((a) => a.toLowerCase() === value.toLowerCase()) ?? closestName(value, allowed);
  return [{ rule: 'HC103', path: pointer, message: `${where}: ${quote(value)} is not allowed${near ? ` (did you mean '${near}'?)` : ''}; expected one of ${allowed.join(', ')}` }];
}

/** A filter list: an array of 1–50 entries, each checked by `item`. */
function list(value: unknown, pointer: string, item: (entry: unknown, at: string) => ConfigurationFinding[]): ConfigurationFinding[] {
  const where = place(pointer);
  if (!Array.isArray(value)) return [{ rule: 'HC104', path: pointer, message: `${where}: is ${jsonTypeOf(value)}; expected an array` }];
  const findings: ConfigurationFinding[] = [];
  if (value.length < 1 || value.length > 50) {
    findings.push({ rule: 'HC106', path: pointer, message: `${where}: has ${value.length} entries; expected 1 to 50` });
  }
  value.forEach((entry, i) => findings.push(...item(entry, `${pointer}/${i}`)));
  return findings;
}

function neverRuns(hook: Record<string, unknown>): ConfigurationFinding[] {
  // Either one disabling wins when they disagree: a [choice], the docs do not say.
  const findings: ConfigurationFinding[] = [];
  if (hook.HookInvocationStatus === 'DISABLED') {
    findings.push({ rule: 'HC113', path: `${ROOT}/HookInvocationStatus`, message: 'HookInvocationStatus is DISABLED: the hook is never invoked' });
  }
  if (hook.TargetStacks === 'NONE') {
    findings.push({ rule: 'HC113', path: `${ROOT}/TargetStacks`, message: 'TargetStacks is NONE: the hook is never invoked' });
  }
  return findings;
}

/**
 * What the document leaves to a default no source gives (HC119). The Hooks User Guide's configuration-schema page
 * says "To enable your Hook …, set the HookInvocationStatus to ENABLED", and gives no default for it, for the older
 * TargetStacks, or for FailureMode. [choice] The simulator reads a hook that sets neither status key as enabled and
 * one without FailureMode as FAIL (src/kernel/hook-config/targeting.ts), as its default configuration without
 * --config is: said here, so a preview does not silently show a blocking hook the account may never run. A hook
 * switched off gets no word about its FailureMode, which then decides nothing.
 */
function unstatedDefaults(hook: Record<string, unknown>): ConfigurationFinding[] {
  const findings: ConfigurationFinding[] = [];
  if (hook.HookInvocationStatus === undefined && hook.TargetStacks === undefined) {
    findings.push({
      rule: 'HC119',
      path: ROOT,
      message:
        "HookConfiguration: sets neither HookInvocationStatus nor TargetStacks, and the service's default is undocumented (the Hooks User Guide says to set HookInvocationStatus to ENABLED to enable the hook); the simulator runs the hook [choice]: set HookInvocationStatus to say which",
    });
  }
  const switchedOff = hook.HookInvocationStatus === 'DISABLED' || hook.TargetStacks === 'NONE';
  if (hook.FailureMode === undefined && !switchedOff) {
    findings.push({
      rule: 'HC119',
      path: ROOT,
      message: "HookConfiguration: has no FailureMode, and the service's default is undocumented; the simulator uses FAIL [choice], so a failed call blocks: set FailureMode (FAIL or WARN) to say which",
    });
  }
  return findings;
}

/**
 * A TargetOperations entry no handler of the schema can serve: a stack operation needs a handler whose targetNames
 * name `STACK`, a change set one naming `CHANGE_SET` (cfn's special target names), a resource or Cloud Control
 * request one naming a resource type. The hook is then never invoked for that operation, as the simulator calls it.
 */
function operationUnserved(operation: unknown, at: string, schema: HookSchema): ConfigurationFinding[] {
  if (typeof operation !== 'string' || !(VALUE_SETS.TargetOperations as readonly string[]).includes(operation)) return [];
  const targets = Object.values(schema.handlers ?? {}).flatMap((handler) => handler?.targetNames ?? []).filter((t): t is string => typeof t === 'string');
  const special = operation === 'STACK' || operation === 'CHANGE_SET';
  const served = special ? targets.includes(operation) : targets.some((t) => t !== 'STACK' && t !== 'CHANGE_SET');
  if (served) return [];
  const needs = special ? `a handler whose targetNames include ${operation}` : 'a handler that targets a resource type';
  return [{ rule: 'HC117', path: at, message: `${place(at)}: ${operation} needs ${needs}, and the schema has none: the hook is never invoked for it` }];
}

/**
 * Properties against the schema's typeConfiguration. `pointer` is where they are in the file: inside a configuration
 * document, or the root of a file that holds them alone; messages name them `Properties` either way.
 */
function propertiesFindings(properties: Record<string, unknown>, schema: HookSchema, pointer = `${ROOT}/Properties`): ConfigurationFinding[] {
  let validate;
  try {
    validate = typeConfigurationValidator(schema);
  } catch (error) {
    if (!(error instanceof SchemaCompileError)) throw error;
    return [{ rule: 'HC115', path: pointer, message: `Properties cannot be checked: the schema's typeConfiguration does not compile (${error.reason}); validate the schema first` }];
  }
  if (validate(properties)) return [];
  const declared = Object.keys(schema.typeConfiguration?.properties ?? {});
  return withoutBranchNoise(validate.errors ?? []).map((error) => propertyFinding(error, properties, pointer, declared));
}

/** Drops `if` wrappers and the per-branch errors of a failed anyOf/oneOf, keeping the one error that says so. */
function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const branches = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => e.keyword !== 'if' && !branches.some((prefix) => e.schemaPath.startsWith(prefix)));
}

function propertyFinding(error: ErrorObject, properties: Record<string, unknown>, base: string, declared: string[]): ConfigurationFinding {
  const value = valueAt(properties, error.instancePath);
  const path = `${base}${error.instancePath}`;
  const where = place(`${ROOT}/Properties${error.instancePath}`);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    const near = error.instancePath === '' ? closestName(key, declared) : undefined;
    const allowed = error.instancePath === '' ? `; the schema's typeConfiguration declares: ${declared.join(', ') || '(nothing)'}` : '';
    return { rule: 'HC110', path: `${path}/${escapePointerToken(key)}`, message: `${where}: unknown property '${key}'${near ? ` (did you mean '${near}'?)` : ''}${allowed}` };
  }
  if (error.keyword === 'required') {
    return { rule: 'HC110', path, message: `${where}: missing required property '${String(params.missingProperty)}'` };
  }
  if (error.keyword === 'type' && String(params.type).split(',').includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
    return {
      rule: 'HC111',
      path,
      message: `${where}: is ${jsonTypeOf(value)} (${JSON.stringify(value)}) but the schema declares a string: write ${JSON.stringify(String(value))} (the service passes every value to the handler as a string)`,
    };
  }
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
    return { rule: 'HC110', path, message: `${where}: matches ${error.keyword === 'oneOf' ? 'not exactly one' : 'none'} of the alternatives the schema allows (${error.keyword})` };
  }
  return { rule: 'HC110', path, message: `${where}: ${describeGenericError(error, value)}` };
}

function targetNameFindings(value: unknown, at: string): ConfigurationFinding[] {
  const where = place(at);
  if (typeof value !== 'string') return [{ rule: 'HC104', path: at, message: `${where}: is ${jsonTypeOf(value)}; expected a target name` }];
  if (hasForbiddenWildcardSequence(value)) return [{ rule: 'HC107', path: at, message: `${where}: ${quote(value)} contains '*?', which the service refuses` }];
  if (!isWellFormedTargetName(value)) {
    return [{ rule: 'HC107', path: at, message: `${where}: ${quote(value)} is not a target name; expected Service::Group::Type with * and ? wildcards (e.g. AWS::S3::*), or STACK or CHANGE_SET` }];
  }
  return [];
}

function targetFilterFindings(filters: unknown, schema: HookSchema): ConfigurationFinding[] {
  const pointer = `${ROOT}/TargetFilters`;
  if (!isJsonObject(filters)) return [{ rule: 'HC104', path: pointer, message: `${place(pointer)}: is ${jsonTypeOf(filters)}; expected an object` }];
  const findings = unknownKeys(filters, pointer, TARGET_FILTER_KEYS);
  const lists = (['Actions', 'InvocationPoints', 'TargetNames'] as const).filter((key) => filters[key] !== undefined);
  if (filters.Targets !== undefined && lists.length > 0) {
    findings.push({
      rule: 'HC105',
      path: `${pointer}/Targets`,
      message: `TargetFilters: Targets cannot be combined with ${lists.join(', ')}; use either Targets or the Actions/InvocationPoints/TargetNames lists`,
    });
  }
  if (filters.Actions !== undefined) findings.push(...list(filters.Actions, `${pointer}/Actions`, (item, at) => oneOf(item, at, VALUE_SETS.Actions)));
  if (filters.InvocationPoints !== undefined) {
    findings.push(...list(filters.InvocationPoints, `${pointer}/InvocationPoints`, (item, at) => oneOf(item, at, VALUE_SETS.InvocationPoints)));
  }
  const actions = Array.isArray(filters.Actions) ? filters.Actions.filter(isAction) : [...VALUE_SETS.Actions];
  if (filters.TargetNames !== undefined) {
    findings.push(...list(filters.TargetNames, `${pointer}/TargetNames`, (item, at) => [...targetNameFindings(item, at), ...neverInvoked(item, at, actions, schema)]));
  }
  if (filters.Targets !== undefined) {
    findings.push(
      ...list(filters.Targets, `${pointer}/Targets`, (item, at) => {
        if (!isJsonObject(item)) return [{ rule: 'HC104', path: at, message: `${place(at)}: is ${jsonTypeOf(item)}; expected {TargetName, Action, InvocationPoint}` }];
        const entry: ConfigurationFinding[] = unknownKeys(item, at, TARGET_KEYS);
        for (const key of TARGET_KEYS) {
          if (item[key] === undefined) entry.push({ rule: 'HC104', path: at, message: `${place(at)}: missing required key '${key}'` });
        }
        if (item.TargetName !== undefined) entry.push(...targetNameFindings(item.TargetName, `${at}/TargetName`));
        if (item.Action !== undefined) entry.push(...oneOf(item.Action, `${at}/Action`, VALUE_SETS.Actions));
        if (item.InvocationPoint !== undefined) entry.push(...oneOf(item.InvocationPoint, `${at}/InvocationPoint`, VALUE_SETS.InvocationPoints));
        if (isAction(item.Action)) entry.push(...neverInvoked(item.TargetName, `${at}/TargetName`, [item.Action], schema));
        return entry;
      }),
    );
  }
  return findings;
}

function isAction(value: unknown): value is keyof typeof HANDLER_FOR_ACTION {
  return typeof value === 'string' && value in HANDLER_FOR_ACTION;
}

/** A filter entry that matches none of the targets of the handlers its actions call. */
function neverInvoked(name: unknown, at: string, actions: ReadonlyArray<keyof typeof HANDLER_FOR_ACTION>, schema: HookSchema): ConfigurationFinding[] {
  // Without a valid action the filter is already an error; whether it would be invoked is moot.
  if (actions.length === 0 || typeof name !== 'string' || !isWellFormedTargetName(name) || hasForbiddenWildcardSequence(name)) return [];
  const handlers = actions.map((action) => HANDLER_FOR_ACTION[action]).filter((handler) => schema.handlers?.[handler] !== undefined);
  const targets = handlers.flatMap((handler) => schema.handlers?.[handler]?.targetNames ?? []).filter((t): t is string => typeof t === 'string');
  if (targets.some((target) => wildcardsOverlap(name, target))) return [];
  const why =
    handlers.length > 0
      ? `matches none of the schema's ${handlers.join('/')} targetNames (${[...new Set(targets)].join(', ') || 'none'})`
      : `is filtered to ${actions.join('/')}, for which the schema declares no handler`;
  return [{ rule: 'HC112', path: at, message: `${place(at)}: ${quote(name)} ${why}; it is never invoked: filters narrow the schema's targetNames, never widen them` }];
}

/** A stack name (letters, digits, hyphens; starts with a letter; at most 128) with * and ? wildcards. */
const STACK_NAME = /^[A-Za-z*?][-A-Za-z0-9*?]{0,127}$/;

/** An IAM role ARN; wildcards only in the partition, the account and the role name (not the path). */
const ROLE_ARN = /^arn:[a-z0-9*?-]+:iam::(?:\d{12}|[\d*?]+):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@*?-]{1,64}$/;

function stackFilterFindings(filters: unknown): ConfigurationFinding[] {
  const pointer = `${ROOT}/StackFilters`;
  if (!isJsonObject(filters)) return [{ rule: 'HC104', path: pointer, message: `${place(pointer)}: is ${jsonTypeOf(filters)}; expected an object` }];
  const findings = unknownKeys(filters, pointer, STACK_FILTER_KEYS);
  // hooks-stack-level-filtering: "The StackFilters key has one required member … FilteringCriteria (required)", and
  // "StackNames or StackRoles … you must specify at least one of these properties". [unconfirmed] that
  // SetTypeConfiguration itself refuses either; the docs state both as rules (HC104, HC118).
  if (filters.FilteringCriteria === undefined) {
    findings.push({ rule: 'HC104', path: pointer, message: `${place(pointer)}: missing required key 'FilteringCriteria' (ALL: every filter given must match; ANY: one is enough)` });
  }
  if (filters.StackNames === undefined && filters.StackRoles === undefined) {
    findings.push({ rule: 'HC118', path: pointer, message: `${place(pointer)}: has neither StackNames nor StackRoles; give at least one (or leave StackFilters out to invoke the hook for every stack)` });
  }
  findings.push(...oneOf(filters.FilteringCriteria, `${pointer}/FilteringCriteria`, VALUE_SETS.FilteringCriteria));
  const stackName = (item: unknown, at: string): ConfigurationFinding[] => {
    if (typeof item !== 'string') return [{ rule: 'HC104', path: at, message: `${place(at)}: is ${jsonTypeOf(item)}; expected a stack name` }];
    if (STACK_NAME.test(item)) return [];
    return [{ rule: 'HC114', path: at, message: `${place(at)}: ${quote(item)} is not a stack name (a letter, then letters, digits or hyphens, at most 128; * and ? wildcards), so it never matches` }];
  };
  const roleArn = (item: unknown, at: string): ConfigurationFinding[] => {
    if (typeof item !== 'string') return [{ rule: 'HC104', path: at, message: `${place(at)}: is ${jsonTypeOf(item)}; expected a role ARN` }];
    if (ROLE_ARN.test(item)) return [];
    return [
      {
        rule: 'HC109',
        path: at,
        message: `${place(at)}: ${quote(item)} is not an IAM role ARN; expected arn:<partition>:iam::<account>:role/[path/]<name>, wildcards only in partition, account and role name`,
      },
    ];
  };
  for (const [key, item] of [['StackNames', stackName], ['StackRoles', roleArn]] as const) {
    const value = filters[key];
    if (value === undefined) continue;
    const at = `${pointer}/${key}`;
    if (!isJsonObject(value)) {
      findings.push({ rule: 'HC104', path: at, message: `${place(at)}: is ${jsonTypeOf(value)}; expected {Include: […], Exclude: […]}` });
      continue;
    }
    findings.push(...unknownKeys(value, at, INCLUDE_EXCLUDE_KEYS));
    if (value.Include === undefined && value.Exclude === undefined) {
      findings.push({ rule: 'HC108', path: at, message: `${place(at)}: has neither Include nor Exclude; give at least one` });
    }
    for (const side of INCLUDE_EXCLUDE_KEYS) if (value[side] !== undefined) findings.push(...list(value[side], `${at}/${side}`, item));
  }
  return findings;
}

/** Unicode characters (code points) of a text, as the API counts a string's length. */
function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // The high half of a surrogate pair followed by its low half is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i += 1;
    count += 1;
  }
  return count;
}
