/**
 * Reading the account's hooks as users declare them: a CloudFormation template (YAML or JSON) read and resolved by
 * the project's own reader and resolver, so parameters, conditions and intrinsics work, whose
 * `AWS::CloudFormation::LambdaHook`, `GuardHook` and `HookTypeConfig` resources are the active hooks.
 */
import { basename, extname } from 'node:path';
import { escapePointerToken, InputError, sortDiagnostics, type Diagnostic } from '../../../src/kernel/diagnostics';
import type { FailureMode, HookConfiguration, HookInvocationStatus, StackFilters, TargetFilters, TargetOperation } from '../../../src/kernel/hook-config';
import type { JsonObject } from '../../../src/kernel/protocol';
import { resolveTemplate } from '../resolve';
import { TemplateError, type ResolvedResource, type SecretMasking, type TemplateSource } from '../template/types';
import { activatedKindOf } from './activated-hooks';
import type { DeclarationSite, HookActivation, HookDeclaration, OtherActivation, S3Location } from './hook-declarations';
import { functionNameOf } from './hook-sources';
import { HOOK_RESOURCE_TYPES, PROPERTY_DEFAULTS } from './resource-schemas';
import { hookResourceFindings, type HookResourceKind } from './validate-hook-resource';

/** A hooks file that cannot be used; every diagnostic is located in it. */
export class HooksFileError extends InputError {}

/** The stack the hooks file is resolved for (its pseudo parameters) and its parameter values. */
export interface HooksFileContext {
  readonly region: string;
  readonly accountId: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** `--strict-parameters`: an SSM parameter nobody gave is refused here too. */
  readonly strictParameters?: boolean;
  /** Plain SSM parameters (`--ssm`, `--ssm-parameter`), for SSM-typed parameters and `{{resolve:ssm:…}}`. */
  readonly ssmParameters?: Readonly<Record<string, string>>;
}

/** What a hooks file declares. */
export interface HooksFile {
  readonly declarations: readonly HookDeclaration[];
  readonly warnings: readonly Diagnostic[];
  /**
   * The hooks file's NoEcho values (`--hooks-parameter`), for whoever reports on its hooks: what they are built
   * from (a configuration, a module path) and what they answer is masked with these, as a template's values are.
   */
  readonly secrets: SecretMasking;
}

const KIND_OF_TYPE: Readonly<Record<string, HookResourceKind>> = {
  [HOOK_RESOURCE_TYPES.lambda]: 'lambda',
  [HOOK_RESOURCE_TYPES.guard]: 'guard',
  [HOOK_RESOURCE_TYPES.typeConfig]: 'typeConfig',
};

/** Resolves a read hooks file and collects its hook declarations; throws HooksFileError with every problem found. */
export function readHooksFile(source: TemplateSource, context: HooksFileContext): HooksFile {
  // The hooks file is a stack of its own: its AWS::StackName is the file's name.
  const stackName = basename(source.file, extname(source.file)).replace(/[^-a-zA-Z0-9]/g, '-').replace(/^[^a-zA-Z]*/, '') || 'hooks';
  let resolved;
  try {
    resolved = resolveTemplate(source, {
      stackName,
      region: context.region,
      accountId: context.accountId,
      parameters: context.parameters,
      alreadyDeployed: true,
      ...(context.ssmParameters ? { ssmParameters: context.ssmParameters } : {}),
      ...(context.strictParameters ? { strictParameters: true } : {}),
    });
  } catch (error) {
    // The hooks file's parameters come from --hooks-parameter, not --parameter (which goes to the stack's template).
    if (error instanceof TemplateError) throw new TemplateError(error.diagnostics.map(withHooksParameterHint));
    throw error;
  }
  const errors: Diagnostic[] = [];
  const declarations: HookDeclaration[] = [];
  // A function the hooks file declares beside its hook (`LambdaFunction: !GetAtt Fn.Arn`) has a made-up name: its
  // logical id is the name a user can map with --hook-source.
  const functions = new Map<string, string>();
  for (const resource of resolved.resources) if (resource.type === 'AWS::Lambda::Function') functions.set(resource.physicalId, resource.logicalId);
  const activations = activationsOf(resolved.resources);
  const otherActivations = otherActivationsOf(resolved.resources);
  for (const resource of [...resolved.resources].sort((a, b) => a.line - b.line || a.column - b.column)) {
    const kind = KIND_OF_TYPE[resource.type];
    if (!kind) continue;
    const site = siteOf(source, resource);
    const properties = withDefaults(kind, resource.properties);
    const findings = hookResourceFindings(kind, properties);
    if (findings.length > 0) {
      for (const f of findings) errors.push(resolved.secrets.diagnostic(site.diagnostic('HOOKS_PROPERTY', `${resource.type} ${resource.logicalId}: ${f.message}`, f.path)));
      continue;
    }
    declarations.push(declarationOf(kind, site, properties, functions, activations, otherActivations, 'HookStatus' in resource.properties));
  }
  if (errors.length > 0) throw new HooksFileError(sortDiagnostics(errors));
  if (declarations.length === 0) {
    const types = Object.values(HOOK_RESOURCE_TYPES).join(', ');
    // An activation alone configures nothing: say which hook it was, so the missing HookTypeConfig is plain.
    const unconfigured = [...otherActivations.values()].map((a) => `; TypeActivation ${a.logicalId} activates ${a.typeName}, but no HookTypeConfig configures it`).join('');
    throw new HooksFileError([{ code: 'HOOKS_NONE', severity: 'error', message: `the hooks file declares no hook: expected resources of type ${types}${unconfigured}`, file: source.file, path: '/Resources', ...source.locate('/Resources') }]);
  }
  return { declarations, warnings: resolved.warnings, secrets: resolved.secrets };
}

/** Applies the resource schema's defaults: a required property with a default takes it when left out (see PROPERTY_DEFAULTS). */
function withDefaults(kind: HookResourceKind, properties: JsonObject): Record<string, unknown> {
  if (kind === 'typeConfig') return properties;
  const copy: Record<string, unknown> = { ...PROPERTY_DEFAULTS[kind], ...properties };
  const filters = copy.StackFilters;
  if (typeof filters === 'object' && filters !== null && !Array.isArray(filters) && !('FilteringCriteria' in filters)) {
    copy.StackFilters = { FilteringCriteria: PROPERTY_DEFAULTS.filteringCriteria, ...filters };
  }
  return copy;
}

/**
 * The AWS-published Lambda and Guard hooks the file activates (`AWS::CloudFormation::TypeActivation` of
 * `AWS::Hooks::LambdaHook` or `GuardHook`), by the type name they are activated under: the alias, else the type name.
 */
function activationsOf(resources: readonly ResolvedResource[]): ReadonlyMap<string, HookActivation> {
  const activations = new Map<string, HookActivation>();
  for (const resource of resources) {
    if (resource.type !== 'AWS::CloudFormation::TypeActivation') continue;
    const { TypeName: typeName, TypeNameAlias: alias, ExecutionRoleArn: role } = resource.properties;
    const kind = activatedKindOf(typeName);
    if (kind === undefined) continue;
    const name = typeof alias === 'string' ? alias : String(typeName);
    activations.set(name, { kind, logicalId: resource.logicalId, executionRole: typeof role === 'string' ? role : '' });
  }
  return activations;
}

/**
 * The other hook types the file activates (a TypeActivation of `Type: HOOK`, or with no Type, whose TypeName is not
 * AWS::Hooks::LambdaHook or GuardHook), by the name they are activated under: their HookTypeConfig is told what they are.
 */
function otherActivationsOf(resources: readonly ResolvedResource[]): ReadonlyMap<string, OtherActivation> {
  const others = new Map<string, OtherActivation>();
  for (const resource of resources) {
    if (resource.type !== 'AWS::CloudFormation::TypeActivation') continue;
    const { TypeName: typeName, TypeNameAlias: alias, Type: kind } = resource.properties;
    if (typeof typeName !== 'string' || activatedKindOf(typeName) !== undefined || (kind !== undefined && kind !== 'HOOK')) continue;
    others.set(typeof alias === 'string' ? alias : typeName, { typeName, logicalId: resource.logicalId });
  }
  return others;
}

function declarationOf(
  kind: HookResourceKind,
  site: DeclarationSite,
  p: Record<string, unknown>,
  functions: ReadonlyMap<string, string>,
  activations: ReadonlyMap<string, HookActivation>,
  otherActivations: ReadonlyMap<string, OtherActivation>,
  statusGiven: boolean,
): HookDeclaration {
  if (kind === 'typeConfig') {
    const byName = typeof p.TypeName === 'string';
    const typeName = byName ? String(p.TypeName) : typeNameOfArn(String(p.TypeArn));
    const activation = activations.get(typeName);
    const activatedFrom = otherActivations.get(typeName);
    return {
      kind: 'custom',
      site,
      typeName,
      typeProperty: byName ? 'TypeName' : 'TypeArn',
      configurationText: String(p.Configuration),
      functions,
      ...(activation !== undefined ? { activation } : {}),
      ...(activatedFrom !== undefined ? { activatedFrom } : {}),
    };
  }
  const configuration: HookConfiguration = {
    HookInvocationStatus: p.HookStatus as HookInvocationStatus,
    FailureMode: p.FailureMode as FailureMode,
    TargetOperations: p.TargetOperations as TargetOperation[],
    ...(p.TargetFilters !== undefined ? { TargetFilters: p.TargetFilters as TargetFilters } : {}),
    ...(p.StackFilters !== undefined ? { StackFilters: p.StackFilters as StackFilters } : {}),
  };
  const alias = String(p.Alias);
  const executionRole = String(p.ExecutionRole);
  // The shared targeting code says HookInvocationStatus, the configuration document's key; a hooks file has HookStatus.
  const disabled = p.HookStatus !== 'DISABLED' ? {} : { disabledReason: statusGiven ? 'HookStatus is DISABLED' : 'HookStatus defaults to DISABLED for a Guard hook; set HookStatus: ENABLED' };
  if (kind === 'lambda') {
    const lambdaFunction = String(p.LambdaFunction);
    const functionLogicalId = functions.get(functionNameOf(lambdaFunction));
    return { kind: 'lambda', site, alias, configuration, executionRole, lambdaFunction, ...(functionLogicalId !== undefined ? { functionLogicalId } : {}), ...disabled };
  }
  const options = p.Options as { InputParams?: S3Location | S3Location[] } | undefined;
  const inputParams = options?.InputParams === undefined ? [] : Array.isArray(options.InputParams) ? options.InputParams : [options.InputParams];
  return {
    kind: 'guard',
    site,
    alias,
    configuration,
    executionRole,
    ruleLocation: p.RuleLocation as S3Location,
    inputParams,
    ...(Array.isArray(options?.InputParams) ? { inputParamsListed: true as const } : {}),
    ...(typeof p.LogBucket === 'string' ? { logBucket: p.LogBucket } : {}),
    ...disabled,
  };
}

/** `arn:aws:cloudformation:us-east-1:123456789012:type/hook/MyCompany-Testing-MyTestHook[/version]` → `MyCompany::Testing::MyTestHook`. */
export function typeNameOfArn(arn: string): string {
  const name = arn.split(':type/hook/')[1]?.split('/')[0] ?? '';
  return name.replace(/-/g, '::');
}

/** Points at a resource's properties in the user's file; a property made by an intrinsic points at its nearest written ancestor. */
function siteOf(source: TemplateSource, resource: ResolvedResource): DeclarationSite {
  const base = `/Resources/${escapePointerToken(resource.logicalId)}`;
  return {
    file: source.file,
    logicalId: resource.logicalId,
    diagnostic(code, message, pointer, severity = 'error') {
      const path = pointer === undefined ? base : `${base}/Properties${pointer}`;
      return { code, severity, message, file: source.file, path, ...nearestLocation(source, path, resource) };
    },
  };
}

function nearestLocation(source: TemplateSource, pointer: string, resource: ResolvedResource): { line: number; column: number } {
  for (let at = pointer; at.length > 0; at = at.slice(0, at.lastIndexOf('/'))) {
    const position = source.locate(at);
    if (position.line > 0) return position;
  }
  return { line: resource.line, column: resource.column };
}

/** A missing or unknown parameter of the hooks file, with the option that gives one. */
function withHooksParameterHint(d: Diagnostic): Diagnostic {
  if (d.code !== 'RES_MISSING_PARAMETER' && d.code !== 'RES_PARAMETER_CONSTRAINT') return d;
  return { ...d, message: `${d.message} (a parameter of the hooks file: give it with --hooks-parameter Name=value)` };
}
