/**
 * From declarations to the hooks the stack run calls: each kind's code located (--hook-source, local modules,
 * local endpoints), each registry hook's configuration checked against its own schema, and every problem reported
 * at its place in the hooks file, all at once.
 */
import { isAbsolute, join } from 'node:path';
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import type { FailureMode, HookConfiguration, HookSchema } from '../../../src/kernel/hook-config';
import { failureModeOf } from '../../../src/kernel/hook-config/targeting';
import type { HookEntrypoint } from '../../../src/kernel/protocol';
import { notARegularFileReason } from '../../../src/kernel/source';
import { guardHook, lambdaFunctionOf, lambdaHook, loadLambdaCode, type GuardEvaluator, type HandlerTargets, type Hook, type ModuleAwsAccess } from '../invoke';
import type { DeclarationSite, GuardHookDeclaration, HookActivation, HookDeclaration, HookTypeConfigDeclaration, LambdaHookDeclaration } from './hook-declarations';
import { ACTIVATED_HOOK_SCHEMAS, activatedKindOf, declarationOfActivated } from './activated-hooks';
import { functionNameOf, lambdaCodeFor, lambdaSourceMapping, localObjectFor, registryCodeFor, withGuardArchive, type GuardObjectRole, type HookSources } from './hook-sources';
import { HooksFileError } from './read-hooks-file';
import type { RegistryProject } from './registry-project';
import { ORIGINAL_TYPE_NAMES } from './resource-schemas';
import { unknownTargetNameWarnings } from './target-names';

/** A registry hook the run can call: its schema and how to make the hook for a configuration. */
export interface KnownRegistryHook {
  readonly schema: HookSchema;
  /** Builds the hook value for a checked configuration; `load` replaces its own code (a --hook-source endpoint). */
  readonly make: (configuration: HookConfiguration, load?: () => Promise<HookEntrypoint>) => Hook;
}

/** What turning declarations into hooks needs. */
export interface HookBuildContext {
  /** The directory of the hooks file: relative module paths in it are relative to it. */
  readonly hooksDir: string;
  /** The run's region and account (`--region`, `--account-id`): where a Lambda hook's function named without them runs. */
  readonly region: string;
  readonly accountId: string;
  readonly sources: HookSources;
  /** Registry hooks by type name: this project's own and the --registry-hook projects. */
  readonly registry: ReadonlyMap<string, KnownRegistryHook>;
  readonly stringify: boolean;
  /** `--failure-mode`: overrides every hook's FailureMode. */
  readonly failureMode?: FailureMode;
  /** Checks a configuration document against a schema (the project's configuration validator). */
  readonly validateConfiguration: (text: string, file: string, schema: HookSchema) => Promise<{ valid: boolean; diagnostics: Diagnostic[]; configuration?: HookConfiguration }>;
  /** How Guard hooks are evaluated (one engine for the run: `--cfn-guard`); default the real engine, found on first use. */
  readonly guardEvaluator?: GuardEvaluator;
  /** Each line a Lambda hook's function prints (its log, `--handler-logs`); dropped when absent. */
  readonly handlerLog?: (line: string) => void;
  /** What a hook's local module may use of the user's AWS settings (--hook-aws-credentials); default nothing. */
  readonly moduleAwsAccess?: ModuleAwsAccess;
  /** Resource types the account has beyond the catalogue (`--known-type`, hooks' targets), for TargetFilters' names. */
  readonly knownTypes?: readonly string[];
  /**
   * What a refusal made when a hook is first called (its code unmapped) shows: the hooks file's NoEcho values masked,
   * as the caller masks the errors buildHooks throws itself. Unmasked when absent.
   */
  readonly maskDiagnostic?: (diagnostic: Diagnostic) => Diagnostic;
}

/** The hooks, in the order the hooks file declares them; throws HooksFileError with every problem found. */
export async function buildHooks(declarations: readonly HookDeclaration[], context: HookBuildContext): Promise<{ hooks: Hook[]; warnings: Diagnostic[] }> {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const hooks: Hook[] = [];
  const seen = new Map<string, HookDeclaration>();
  for (const declaration of declarations) {
    const name = declaration.kind === 'custom' ? declaration.typeName : declaration.alias;
    const earlier = seen.get(name);
    if (earlier) {
      const pointer = declaration.kind === 'custom' ? undefined : '/Alias';
      errors.push(declaration.site.diagnostic('HOOKS_DUPLICATE', `${name} is already declared by ${earlier.site.logicalId}: an account has one hook (and one configuration) per type name`, pointer));
      continue;
    }
    seen.set(name, declaration);
    const built = await buildOne(declaration, context, warnings);
    if ('diagnostics' in built) for (const d of built.diagnostics) errors.push(d);
    else if ('leftOut' in built) warnings.push(built.leftOut);
    else hooks.push(built.hook);
  }
  if (errors.length > 0) throw new HooksFileError(errors);
  return { hooks, warnings };
}

/** A hook to call, the errors that keep it out, or (an AWS-managed hook with no stand-in) the warning that it is left out of the run. */
type Built = { hook: Hook } | { diagnostics: Diagnostic[] } | { leftOut: Diagnostic };

async function buildOne(declaration: HookDeclaration, context: HookBuildContext, warnings: Diagnostic[]): Promise<Built> {
  switch (declaration.kind) {
    case 'custom':
      return customFrom(declaration, context, warnings);
    case 'lambda':
      return lambdaFrom(declaration, context, warnings);
    case 'guard':
      return guardFrom(declaration, context, warnings);
  }
}

function overridden(configuration: HookConfiguration, context: HookBuildContext): HookConfiguration {
  return context.failureMode ? { ...configuration, FailureMode: context.failureMode } : configuration;
}

/** A hook that never runs needs no code: a disabled hook is reported as skipped, whatever its code reference. */
function enabled(configuration: HookConfiguration): boolean {
  return configuration.HookInvocationStatus !== 'DISABLED';
}

async function customFrom(declaration: HookTypeConfigDeclaration, context: HookBuildContext, warnings: Diagnostic[]): Promise<Built> {
  const { site } = declaration;
  if (declaration.activation) return activatedFrom(declaration, declaration.activation, context, warnings);
  const known = context.registry.get(declaration.typeName);
  const managed = known ? undefined : awsManagedTypeOf(declaration);
  if (managed !== undefined) return awsManagedFrom(declaration, managed, context, warnings);
  if (!known) return { diagnostics: [site.diagnostic('HOOKS_UNKNOWN_TYPE', unknownTypeReason(declaration, context), `/${declaration.typeProperty}`)] };
  const report = await checkedConfiguration(declaration, known.schema, context, warnings);
  if ('diagnostics' in report) return report;
  const code = registryCodeFor(site, declaration.typeName, `/${declaration.typeProperty}`, context.sources);
  if (code && !code.ok) return { diagnostics: [code.diagnostic] };
  const endpoint = code?.value;
  return { hook: known.make(overridden(report.configuration, context), endpoint ? () => loadLambdaCode(endpoint, context.handlerLog, undefined, context.moduleAwsAccess) : undefined) };
}

/** A HookTypeConfig's document checked against a schema: its warnings kept, its errors (or the configuration) returned. */
async function checkedConfiguration(declaration: HookTypeConfigDeclaration, schema: HookSchema, context: HookBuildContext, warnings: Diagnostic[]): Promise<{ configuration: HookConfiguration } | { diagnostics: Diagnostic[] }> {
  const { site } = declaration;
  const report = await context.validateConfiguration(declaration.configurationText, site.file, schema);
  // The configuration is a string inside the hooks file: its findings point at the Configuration property, and say
  // where inside: by the JSON pointer, or, for a syntax error (which has none), by line and column in the document.
  const inside = (d: Diagnostic): string => (d.path ? ` at ${d.path}` : d.line > 0 ? ` line ${d.line}, column ${d.column}` : '');
  const located = (d: Diagnostic): Diagnostic => site.diagnostic(d.code, `HookTypeConfig ${site.logicalId} Configuration${inside(d)}: ${d.message}`, '/Configuration', d.severity);
  for (const d of report.diagnostics) if (d.severity !== 'error') warnings.push(located(d));
  if (!report.valid || !report.configuration) return { diagnostics: report.diagnostics.filter((d) => d.severity === 'error').map(located) };
  return { configuration: report.configuration };
}

/** An alias the hooks file activates as AWS::Hooks::LambdaHook or GuardHook: the hook its configuration document describes. */
async function activatedFrom(declaration: HookTypeConfigDeclaration, activation: HookActivation, context: HookBuildContext, warnings: Diagnostic[]): Promise<Built> {
  const report = await checkedConfiguration(declaration, ACTIVATED_HOOK_SCHEMAS[activation.kind], context, warnings);
  if ('diagnostics' in report) return report;
  const made = declarationOfActivated(declaration, activation, report.configuration, declaration.functions, functionNameOf);
  return made.kind === 'lambda' ? lambdaFrom(made, context, warnings) : guardFrom(made, context, warnings);
}

/** Why a HookTypeConfig's type has no hook to run, and what would give it one. */
function unknownTypeReason(declaration: HookTypeConfigDeclaration, context: HookBuildContext): string {
  const { typeName } = declaration;
  const names = [...context.registry.keys()].join(', ');
  const kind = activatedKindOf(typeName) ?? activatedKindByProperties(declaration.configurationText);
  if (kind !== undefined) {
    // An alias of AWS::Hooks::LambdaHook/GuardHook (the CLI's activate-type), or one of those types named directly.
    const original = ORIGINAL_TYPE_NAMES[kind];
    const alias = typeName.startsWith('AWS::') ? `Private::${kind === 'lambda' ? 'Lambda' : 'Guard'}::MyHook` : typeName;
    return `${typeName} is configured as a ${kind === 'lambda' ? 'Lambda' : 'Guard'} hook, activated from ${original}: declare its activation beside it (an AWS::CloudFormation::TypeActivation with TypeName: ${original}, PublisherId: aws-hooks, TypeNameAlias: ${alias}, and this HookTypeConfig naming that alias), or declare it as AWS::CloudFormation::${kind === 'lambda' ? 'LambdaHook' : 'GuardHook'} (see docs/simulator.md)`;
  }
  // An AWS-managed type (Control Tower's, tag policies' validator) never reaches here: it is left out with a warning (awsManagedFrom).
  const from = declaration.activatedFrom;
  const activated = from ? `, which TypeActivation ${from.logicalId} activates from ${from.typeName}` : '';
  return `no hook project for ${typeName}${activated} (known: ${names}): give its project directory with --registry-hook <dir>`;
}

/**
 * The AWS-published type a HookTypeConfig configures when it is an AWS-managed hook (Control Tower's
 * `AWS::ControlTower::Hook`, `AWS::TagPolicies::TaggingComplianceValidator`, …), activated under an alias or named
 * directly; undefined for anything else (AWS::Hooks::LambdaHook/GuardHook, whose documents say what to run, and a
 * third party's hook, whose project --registry-hook can give).
 */
function awsManagedTypeOf(declaration: HookTypeConfigDeclaration): string | undefined {
  const original = declaration.activatedFrom?.typeName ?? declaration.typeName;
  if (!original.startsWith('AWS::') || activatedKindOf(original) !== undefined) return undefined;
  if (activatedKindOf(declaration.typeName) !== undefined || activatedKindByProperties(declaration.configurationText) !== undefined) return undefined;
  return original;
}

/** Control Tower's hook: the proactive controls it applies (`ControlsToApply`) are its only configuration. */
const CONTROL_TOWER_HOOK = 'AWS::ControlTower::Hook';

/**
 * Control Tower's hook judges resources being created or updated, nothing else: its proactive controls "are
 * implemented as `preCreate` and `preUpdate` hook handlers" (Control Tower control reference, "Behavior of proactive
 * controls"), and the Hooks User Guide's "Activate a proactive control-based Hook (AWS CLI)" sets TargetOperations to
 * RESOURCE ("the only supported value"), Actions to CREATE and UPDATE, and says "Other TargetFilters properties have
 * no effect". So it is never called on a delete, for the stack, for a change set or for a Cloud Control request.
 */
const CONTROL_TOWER_HANDLERS: HandlerTargets = Object.freeze({
  preCreate: { targetNames: ['*'], permissions: [] },
  preUpdate: { targetNames: ['*'], permissions: [] },
});

/**
 * [choice] The schema an AWS-managed hook's configuration is checked against: its own is AWS's and not here, so its
 * `Properties` (Control Tower's `ControlsToApply`, …) are taken as written; the rest of the document (status,
 * FailureMode, TargetOperations, filters) is checked as any. Control Tower's hook has its documented handlers
 * (CONTROL_TOWER_HANDLERS); any other's targets are "per hook" and not documented, so its handlers serve every target,
 * as a Lambda or Guard hook's do, and a stand-in is called wherever the document's filters send it.
 */
function awsManagedSchema(typeName: string, managed: string, configurationText: string): HookSchema {
  // A typeConfiguration allows only the properties it declares: it declares, with any value, those the document has.
  const written = Object.keys(documentProperties(configurationText) ?? {});
  const handlers = managed === CONTROL_TOWER_HOOK ? CONTROL_TOWER_HANDLERS : (ACTIVATED_HOOK_SCHEMAS.lambda.handlers ?? {});
  return { typeName, handlers, typeConfiguration: { type: 'object', properties: Object.fromEntries(written.map((key) => [key, {}])) } };
}

/**
 * What of a Control Tower hook's document has no effect, each located inside its Configuration: a TargetOperations
 * entry other than RESOURCE, a DELETE action, TargetNames or Targets. [choice] The simulator reads the document as
 * the service is documented to use it (controlTowerReading), and says so here rather than refusing the document:
 * whether SetTypeConfiguration refuses these values for this type is undocumented.
 */
function controlTowerIgnored(declaration: HookTypeConfigDeclaration, configuration: HookConfiguration): Diagnostic[] {
  const { site } = declaration;
  const at = (pointer: string, message: string): Diagnostic =>
    site.diagnostic('HOOKS_CONTROL_TOWER_TARGET', `HookTypeConfig ${site.logicalId} Configuration at /CloudFormationConfiguration/HookConfiguration${pointer}: ${message}`, '/Configuration', 'warning');
  const found: Diagnostic[] = [];
  (configuration.TargetOperations ?? []).forEach((operation, i) => {
    if (operation !== 'RESOURCE') {
      found.push(at(`/TargetOperations/${i}`, `${operation}: a Control Tower hook takes RESOURCE only ("the only supported value", Hooks User Guide); its controls judge resources, so it is never called for ${operation === 'CLOUD_CONTROL' ? 'a Cloud Control request' : operation === 'STACK' ? 'the stack' : 'a change set'}`));
    }
  });
  const filters = configuration.TargetFilters;
  (filters?.Actions ?? []).forEach((action, i) => {
    if (action === 'DELETE') found.push(at(`/TargetFilters/Actions/${i}`, 'DELETE: a Control Tower hook\'s controls are preCreate and preUpdate handlers; it is never called on a delete'));
  });
  for (const key of ['TargetNames', 'Targets'] as const) {
    if (filters?.[key] !== undefined) {
      found.push(at(`/TargetFilters/${key}`, `${key}: "Other TargetFilters properties have no effect" on a Control Tower hook (Hooks User Guide): it is called for every resource a create or update provisions`));
    }
  }
  return found;
}

/**
 * The configuration a Control Tower hook's stand-in runs under: RESOURCE targets only, and of its TargetFilters only
 * Actions and InvocationPoints (a DELETE action has no handler to call). [choice] A TargetOperations list without
 * RESOURCE is read as RESOURCE too, its only supported value; what the service does with another is undocumented.
 */
function controlTowerReading(configuration: HookConfiguration): HookConfiguration {
  const { TargetFilters: filters, ...rest } = configuration;
  const kept = { ...(filters?.Actions ? { Actions: filters.Actions } : {}), ...(filters?.InvocationPoints ? { InvocationPoints: filters.InvocationPoints } : {}) };
  return { ...rest, TargetOperations: ['RESOURCE'], ...(Object.keys(kept).length > 0 ? { TargetFilters: kept } : {}) };
}

/**
 * [choice] An AWS-managed hook has no code here: AWS runs it. With `--hook-source <alias>=<module or Guard rules>` a
 * stand-in runs under its alias and its configuration (a Lambda module or Invoke endpoint, or a Guard rules file,
 * folder or archive: Control Tower's proactive controls are Guard rules); without one the run goes on without it,
 * and a located warning (kept under --quiet) names it, its FailureMode and how to stand in for it. Before, the whole
 * hooks file was refused (exit 2), so an account with Control Tower could not be previewed at all.
 */
async function awsManagedFrom(declaration: HookTypeConfigDeclaration, managed: string, context: HookBuildContext, warnings: Diagnostic[]): Promise<Built> {
  const { site, typeName } = declaration;
  const controlTower = managed === CONTROL_TOWER_HOOK;
  const checkWarnings: Diagnostic[] = [];
  const report = await checkedConfiguration(declaration, awsManagedSchema(typeName, managed, declaration.configurationText), context, checkWarnings);
  // A Control Tower hook's filters that never reach a handler are said once, in its own terms (controlTowerIgnored),
  // not also as the generic HC112/HC117, which speak of a schema the user never sees.
  for (const w of checkWarnings) if (!(controlTower && (w.code === 'HC112' || w.code === 'HC117'))) warnings.push(w);
  if ('diagnostics' in report) return report;
  if (controlTower) for (const w of controlTowerIgnored(declaration, report.configuration)) warnings.push(w);
  // Its Properties are AWS's hook's (ControlsToApply, …): no stand-in reads them.
  const configuration: HookConfiguration = controlTower ? controlTowerReading(report.configuration) : { ...report.configuration };
  delete configuration.Properties;
  const pointer = `/${declaration.typeProperty}`;
  const from = declaration.activatedFrom;
  const activation = from ? ` (TypeActivation ${from.logicalId}${managed === typeName ? '' : ` activates ${managed}`})` : '';
  const standIn = context.sources.entries.get(typeName);
  if (standIn === undefined) {
    // Switched off, it has no verdicts to miss: reported as skipped, as any disabled hook is.
    if (!enabled(configuration)) return { hook: lambdaHook({ alias: typeName, configuration, lambdaFunction: typeName, stringify: false, loadEntrypoint: () => Promise.reject(new Error('a disabled hook is never called')) }) };
    return {
      leftOut: site.diagnostic(
        'HOOKS_NOT_SIMULATED',
        `${typeName}${activation} is a hook AWS publishes and runs (FailureMode ${failureModeOf(configuration)}): the simulator has no code for it, so its verdicts are not in this run; stand in for it with --hook-source '${typeName}=<a Lambda hook module, or a Guard rules file>'`,
        pointer,
        'warning',
      ),
    };
  }
  // Problems with the stand-in are the option's: located at the type's name, saying which mapping.
  const mapped: DeclarationSite = {
    file: site.file,
    logicalId: site.logicalId,
    diagnostic: (code, message, _pointer, severity) => site.diagnostic(code, `--hook-source ${typeName}=${standIn} (standing in for ${managed}): ${message}`, pointer, severity),
  };
  const path = /^https?:\/\//.test(standIn) || isAbsolute(standIn) ? standIn : join(context.sources.cwd, standIn);
  const common = { site: mapped, alias: typeName, configuration, executionRole: '' };
  const isModule = /^https?:\/\//.test(standIn) || /\.(c|m)?js(#[A-Za-z_$][\w$]*)?$/.test(standIn);
  const built = isModule ? lambdaFrom({ kind: 'lambda', ...common, lambdaFunction: path }, context, warnings) : guardFrom({ kind: 'guard', ...common, ruleLocation: { Uri: path }, inputParams: [] }, context, warnings);
  // The stand-in is called where the hook it stands for is: for Control Tower's, resources being created or updated.
  return controlTower && 'hook' in built ? { hook: { ...built.hook, handlers: CONTROL_TOWER_HANDLERS, targetTypes: ['RESOURCE'] } } : built;
}

/** A configuration document whose Properties are a Lambda hook's (`LambdaFunction`) or a Guard hook's (`ruleLocation`). */
function activatedKindByProperties(text: string): HookActivation['kind'] | undefined {
  const properties = documentProperties(text);
  if (properties === undefined) return undefined;
  if ('LambdaFunction' in properties) return 'lambda';
  if ('ruleLocation' in properties) return 'guard';
  return undefined;
}

/** A configuration document's `HookConfiguration.Properties` when it is an object; undefined when the document is not JSON or has none. */
function documentProperties(text: string): object | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const properties = (document as { CloudFormationConfiguration?: { HookConfiguration?: { Properties?: unknown } } } | null)?.CloudFormationConfiguration?.HookConfiguration?.Properties;
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties) ? properties : undefined;
}

/**
 * A hook whose code is a real function or an S3 object left unmapped: refused (HOOKS_UNMAPPED_SOURCE, exit 2,
 * located in the hooks file as before) when the run first calls it, and only then. A real account's hooks file names
 * hooks a run never calls (CLOUD_CONTROL or CHANGE_SET only on a stack operation, StackFilters that leave its stacks
 * out, TargetFilters that match none of its actions); their code is not needed, and each is reported as not invoked
 * (SIM_HOOK_NOT_INVOKED) as any hook is. A call throws before the hook runs: the run stops with the refusal, and no
 * event, verdict or result of it is reported, so a needed hook never passes silently. Other problems with code the
 * user did point at (a missing module, a bad archive) are still refused before the run.
 */
function refusedWhenCalled(hook: Hook, unmapped: readonly Diagnostic[], context: HookBuildContext): Hook {
  const shown = context.maskDiagnostic ? unmapped.map(context.maskDiagnostic) : [...unmapped];
  const refuse = (): Promise<never> => Promise.reject(new HooksFileError(shown));
  // Without invokeMany, a wave's calls of it go through invoke, one by one.
  return { ...hook, invoke: refuse, invokeMany: undefined };
}

/** True for a diagnostic that says only that a hook's code is not mapped to this machine. */
function isUnmappedSource(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'HOOKS_UNMAPPED_SOURCE';
}

/** A disabled hook, reported in the terms of its declaration (a resource's HookStatus) when it has them. */
function switchedOff(hook: Hook, declaration: LambdaHookDeclaration | GuardHookDeclaration): Hook {
  return declaration.disabledReason === undefined ? hook : { ...hook, disabledReason: declaration.disabledReason };
}

function lambdaFrom(declaration: LambdaHookDeclaration, context: HookBuildContext, warnings: Diagnostic[]): Built {
  for (const w of unknownTargetNameWarnings(declaration.site, `Lambda hook ${declaration.alias}`, declaration.configuration, context.knownTypes ?? [])) warnings.push(w);
  const configuration = overridden(declaration.configuration, context);
  // [choice, reference §4 UNCONFIRMED] A Lambda hook's properties keep their template types, whatever --no-stringify
  // says: the Lambda page's example event has `"ReadCapacityUnits": 10` and its example function compares it with
  // `> 10`, while the same page marks the change-set contexts' scalars as strings. Registry hooks get strings.
  const base = { alias: declaration.alias, configuration, lambdaFunction: declaration.lambdaFunction, stringify: false };
  if (!enabled(configuration)) return { hook: switchedOff(lambdaHook({ ...base, loadEntrypoint: () => Promise.reject(new Error('a disabled hook is never called')) }), declaration) };
  const code = lambdaCodeFor(declaration.site, declaration.lambdaFunction, context.hooksDir, context.sources, declaration.functionLogicalId);
  if (!code.ok && isUnmappedSource(code.diagnostic)) {
    return { hook: refusedWhenCalled(lambdaHook({ ...base, loadEntrypoint: () => Promise.reject(new Error('BUG: an unmapped hook is refused before its code is loaded')) }), [code.diagnostic], context) };
  }
  if (!code.ok) return { diagnostics: [code.diagnostic] };
  // A worker loads the module without a bound: a FIFO would block it for ever (no terminate() interrupts the read)
  // and a device would be read without end, so only a regular file is handed to it (a --hook-source path too).
  const unusable = code.value.kind === 'module' ? notARegularFileReason(code.value.path) : undefined;
  if (code.value.kind === 'module' && unusable !== undefined) {
    const what = unusable === 'no such file' ? 'no such module' : `the module cannot be loaded (${unusable}):`;
    // A path --hook-source gave is the option's to fix, not the hooks file's: the message names the mapping.
    const mapping = lambdaSourceMapping(declaration.lambdaFunction, context.sources, declaration.functionLogicalId);
    const mappedBy = mapping === undefined ? '' : ` (the path --hook-source ${mapping.key}=${mapping.target} maps it to)`;
    return { diagnostics: [declaration.site.diagnostic('HOOKS_NO_CODE', `LambdaFunction: ${what} ${code.value.path}${mappedBy}`, '/LambdaFunction')] };
  }
  const located = code.value;
  // A module is run as Lambda runs the function the hook names (its context, its environment); an endpoint runs it itself.
  const lambdaFunction = lambdaFunctionOf(declaration.lambdaFunction, context);
  return { hook: lambdaHook({ ...base, loadEntrypoint: () => loadLambdaCode(located, context.handlerLog, lambdaFunction, context.moduleAwsAccess) }) };
}

function guardFrom(declaration: GuardHookDeclaration, context: HookBuildContext, warnings: Diagnostic[]): Built {
  for (const w of unknownTargetNameWarnings(declaration.site, `Guard hook ${declaration.alias}`, declaration.configuration, context.knownTypes ?? [])) warnings.push(w);
  const configuration = overridden(declaration.configuration, context);
  const common = { alias: declaration.alias, configuration, ...(declaration.logBucket ? { logBucket: declaration.logBucket } : {}) };
  if (!enabled(configuration)) return { hook: switchedOff(guardHook({ ...common, rules: { uri: declaration.ruleLocation.Uri, path: '' }, inputParams: [] }), declaration) };
  const { site } = declaration;
  // Each object mapped to a local file; an archive (.zip, .tar.gz) is read and checked now.
  const local = (uri: string, pointer: string, role: GuardObjectRole) => {
    const located = localObjectFor(site, uri, pointer, context.hooksDir, context.sources);
    return located.ok ? withGuardArchive(site, located.value, pointer, role) : located;
  };
  const rules = local(declaration.ruleLocation.Uri, '/RuleLocation/Uri', 'rules');
  const params = declaration.inputParams.map((p, i) => local(p.Uri, `/Options/InputParams${declaration.inputParamsListed ? `/${i}` : ''}/Uri`, 'inputParams'));
  const diagnostics = [rules, ...params].flatMap((r) => (r.ok ? [] : [r.diagnostic]));
  // Only unmapped S3 objects: refused if the run calls it. A problem with a file given is refused now, with the rest.
  if (diagnostics.length > 0 && diagnostics.every(isUnmappedSource)) return { hook: refusedWhenCalled(guardHook({ ...common, rules: { uri: declaration.ruleLocation.Uri, path: '' }, inputParams: [] }), diagnostics, context) };
  if (!rules.ok || diagnostics.length > 0) return { diagnostics };
  const spec = { ...common, rules: rules.value, inputParams: params.flatMap((p) => (p.ok ? [p.value] : [])) };
  return { hook: context.guardEvaluator ? guardHook(spec, context.guardEvaluator) : guardHook(spec) };
}

/** A registry project as a known registry hook, called through the wire protocol like this project's hook. */
export function registryHookOf(project: RegistryProject, make: (schema: HookSchema, configuration: HookConfiguration, load: RegistryProject['loadEntrypoint']) => Hook): KnownRegistryHook {
  return { schema: project.schema, make: (configuration, load) => make(project.schema, configuration, load ?? project.loadEntrypoint) };
}
