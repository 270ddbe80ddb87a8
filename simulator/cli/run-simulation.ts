/**
 * One `simulate` run, from options to result: read and resolve the templates, plan the operation, set up the
 * hook (its configuration, its handler, the simulated account it may count in) and execute the plan.
 */
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { escapePointerToken, InputError, listForMessage, sortDiagnostics, type Diagnostic, type DiagnosticCode } from '../../src/kernel/diagnostics';
import { isDirectory, readBoundedText } from '../../src/kernel/source';
import type { FailureMode, HookConfiguration, HookSchema } from '../../src/kernel/hook-config';
import { failureModeOf, filtersLeaveOutStack, isTargeted, NO_SERVICE_ROLE, targetsOperation } from '../../src/kernel/hook-config/targeting';
import type { LogEntry } from '../../src/handlers';
import { isJsonObject, type JsonObject } from '../../src/kernel/protocol';
import { setOwn } from '../../src/kernel/protocol/stringify';
import hookSchemaDocument from '../../mycompany-testing-mytesthook.json';
import {
  guardEvaluator,
  customHook,
  DEFAULT_HOOK_CONFIGURATION,
  hookModelFor,
  matchesAny,
  refusalText,
  resolvedText,
  seededUuids,
  SERVICE_LIMITS,
  simulateStack,
  submittedText,
  type Hook,
  type NestedStackRun,
  type SimulationResult,
  type SkippedHook,
  type StackSimulation,
  type UuidSource,
} from '../cloudformation/invoke';
import type { KnownRegistryHook } from '../cloudformation/hooks-file';
// Not from the folder's index: that would load the whole hooks-file module (readers, builders, schemas) at every start,
// which collaborators.ts loads only for a run with --hooks (+6% of a 500-resource create's instructions, measured).
import { hooksDeclaredIn, type TemplateHook } from '../cloudformation/hooks-file/template-hooks';
import { changeSetArn, stackArn } from '../../src/kernel/aws';
import { nestedStackChanges, simulateChangeSet, type ChangeSetSimulation } from '../cloudformation/change-set';
import { exportTexts, resolveStackTree, treeExports, treeImports, treeResources, type ResolvedStack } from '../cloudformation/nested';
import { exportsInUse, planOperation, type PlannedOperation, type StackImports } from '../cloudformation/operation';
import { changesOnlyAttributes, type PlanStep, type StackPlan } from '../cloudformation/plan';
import { type DeployedParameters, type ResolvedResource, type ResolveOptions, type SecretMasking, type TemplateSource } from '../cloudformation/template/types';
import {
  describeParameters,
  fetchConfiguration,
  fetchStack,
  loadAccountModule,
  loadHookEntrypoint,
  loadHooksFileModule,
  parametersFromFile,
  parseParametersFile,
  readSnippetFile,
  readTemplate,
  readTemplateFile,
  readTemplateStdin,
  declaredTransforms,
  PROCESSED_TEMPLATE,
  samGeneratedTypesFor,
  SERVERLESS,
  validateConfiguration,
  type AwsClientFactory,
  type ReadOptions,
  type ParametersFile,
  type SimulatedAccount,
} from './collaborators';
import { previousValuesFor, refusePreviousInDeployedFile } from './previous-values';
import { stackNameFromFile, UsageError, type SimulateOptions } from './options';
import { readExportsFile, readValueFile } from './value-files';
import { answersOffContract } from './answer-contract';
import { placedName } from './render';

/** The hook this project builds; the simulator runs its real handler. */
export const HOOK_SCHEMA: HookSchema = hookSchemaDocument as HookSchema;

/** Input the simulation cannot use (besides template, account and value-file errors, which carry their own type). */
export class SimulationInputError extends InputError {}

/** A finished simulation and what the user should know about it. */
export interface SimulationReport {
  readonly result: SimulationResult;
  readonly warnings: Diagnostic[];
  readonly stack: { readonly name: string; readonly id: string; readonly region: string; readonly accountId: string; readonly roleArn?: string };
  /** What the stack (and its nested stacks) export, for the stacks simulated after it (a CDK app's). */
  readonly exports: Readonly<Record<string, string>>;
  /** The stack's own outputs (create and update), for the stacks simulated after it (a CDK app's `Fn::GetStackOutput`). */
  readonly outputs: Readonly<Record<string, string>>;
  /** The export names the stack (and its nested stacks) imports as resolved (create and update): those its exporters must keep. */
  readonly imports: readonly string[];
  /** The SSM parameters the stack (and its nested stacks) writes, for the stacks simulated after it (a CDK app's). */
  readonly ssmWrites: Readonly<Record<string, string>>;
  /** The template the hooks judged (the new one; the deployed one for a delete), for locating findings. */
  readonly template?: TemplateSource;
  /** The nested stacks' templates (of the same operation side), by the path of Stack resources that reach each (`A/B`). */
  readonly nestedTemplates?: ReadonlyMap<string, TemplateSource>;
  /**
   * Each active hook's FailureMode in this run (after --failure-mode), by type name: --keep-going's second run, all
   * under WARN, reports its extra judgements with the mode each hook really has.
   */
  readonly failureModes: Readonly<Record<string, FailureMode>>;
}

/** Values a run inherits from the runs before it (a cloud assembly's earlier stacks): under the user's own values. */
export interface RunContext {
  readonly exports?: Readonly<Record<string, string>>;
  /** The outputs of the stacks simulated before, by `stackOutputsKey` (`Fn::GetStackOutput`). */
  readonly stackOutputs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly ssmParameters?: Readonly<Record<string, string>>;
  /**
   * Resources of the account's other stacks that a delete's simulated account holds beside this stack's own (a cloud
   * assembly's stacks not yet deleted), each in its own region: a preDelete count sees them as the real account shows
   * them (ListBuckets lists every region's buckets, ListQueues only its region's queues).
   */
  readonly accountResources?: readonly HeldElsewhere[];
  /** Findings of the work before this run that bear on it (an assembly's stack its inventory could not resolve). */
  readonly warnings?: readonly Diagnostic[];
  /**
   * The other stacks deployed in this stack's account and region, each with the exports it imports (a cloud
   * assembly's, for an update that runs): an update that removes or changes one of those exports, as resolved, fails
   * as the service applies the outputs, and rolls back after its resources' updates (exportsInUse,
   * StackSimulation.outputsRefusal).
   */
  readonly importers?: readonly StackImports[];
}

/** Another stack's resources and the region it is deployed in (same account). */
export interface HeldElsewhere {
  readonly region: string;
  readonly resources: readonly ResolvedResource[];
}

/** Where the run writes handler logs (only with --handler-logs). */
export type LogSink = (line: string) => void;

/** A run's templates read, resolved and planned, with what the rest of the run needs of that work. */
interface PlannedRun {
  readonly path: (p: string) => string;
  readonly readOptions: ReadOptions;
  readonly next: TemplateSource | undefined;
  readonly previous: TemplateSource | undefined;
  readonly stackName: string;
  readonly stackId: string;
  readonly roleArn: string | undefined;
  readonly tokens: UuidSource;
  readonly exportsFile: ReturnType<typeof readExportsFile> | undefined;
  readonly base: Omit<ResolveOptions, 'parameters'>;
  /** The run's warnings so far; the rest of the run adds to them. */
  readonly warnings: Diagnostic[];
  /** Masks every NoEcho value of every template resolved, in what is shown (values, then diagnostics). */
  readonly mask: <T>(value: T) => T;
  readonly maskDiagnostic: (diagnostic: Diagnostic) => Diagnostic;
  /** Adds NoEcho values to what `mask` and `maskDiagnostic` hide (the hooks file's, once it is read). */
  readonly addSecrets: (more: SecretMasking) => void;
  readonly nestedTemplates: { readonly next: Map<string, TemplateSource>; readonly previous: Map<string, TemplateSource> };
  readonly operation: PlannedOperation;
}

/**
 * Reads, resolves and plans a run's templates: all of a run but its hooks. Also what a cloud assembly's delete asks of
 * every stack before it deletes any (`deployedInventory`): the resources the account holds.
 */
async function planRun(options: SimulateOptions, cwd: string, context: RunContext): Promise<PlannedRun> {
  const path = (p: string): string => (isAbsolute(p) ? p : join(cwd, p));
  const readOptions: ReadOptions = options.limits ? {} : { limits: false };
  const deployed = options.fromStack
    ? await fetchStack({ stackName: options.fromStack, region: options.region, ...(options.profile ? { profile: options.profile } : {}) })
    : undefined;
  const deployedSource = deployed ? readTemplate(deployed.file, deployed.templateBody, readOptions) : undefined;

  // `-` is standard input (read with the same bound); any other name is a file relative to the working directory.
  const read = (file: string): TemplateSource => {
    if (file === '-') return readTemplateStdin(readOptions);
    refuseFolder(file, path(file));
    return readTemplateFile(path(file), readOptions);
  };
  const { next, previous } = templatesFor(options, read, deployedSource);
  // What reading the parameter files noticed (a name given twice, one the template lacks in a deploy-only shape).
  const fileWarnings: Diagnostic[] = [];
  const fromFile = (file: string | undefined, source: TemplateSource | undefined): { values: Record<string, string>; usePrevious: ParametersFile['usePrevious'] } => {
    if (file === undefined) return { values: {}, usePrevious: [] };
    const read = parseParametersFile(path(file));
    // A run of many templates gives each the values it declares, silently (`declaredOnly` below): nothing is dropped here.
    const declared = new Set(source && !options.onlyDeclaredParameters ? describeParameters(source).map((p) => p.name) : Object.keys(read.values));
    const { values, warnings: noted } = parametersFromFile(read, declared);
    for (const w of noted) fileWarnings.push(w);
    return { values, usePrevious: read.usePrevious };
  };
  const previousFile = fromFile(options.previousParametersFile, previous ?? next);
  refusePreviousInDeployedFile(previousFile.usePrevious);
  const explicitPrevious = { ...previousFile.values, ...options.previousParameters };
  // The deployed stack's own parameters when known; otherwise the new values, as far as the old template declares them
  // (`borrowed`: a guess, which the old declaration may not allow; DeployedParameters). A stack of an earlier synth has
  // what `cdk deploy` gave it (its asset parameters): under what the user gives.
  const earlierSynth = options.earlierSynthParameters ?? {};
  const borrowsNewValues = Object.keys(explicitPrevious).length === 0 && !(deployed && !options.previous);
  const givenPrevious = (source: TemplateSource): Record<string, string> =>
    Object.keys(explicitPrevious).length > 0
      ? { ...declaredOnly(source, earlierSynth), ...(options.onlyDeclaredParameters ? declaredOnly(source, explicitPrevious) : explicitPrevious) }
      : deployed && !options.previous
        ? deployed.parameters
        : declaredOnly(source, earlierSynth);
  const newFile = fromFile(options.parametersFile, next ?? previous);
  // `UsePreviousValue: true` takes the deployed stack's value (an update's, a change set's); the command line's own
  // value for the name wins, as it wins over the file's.
  const takesPrevious = newFile.usePrevious.filter(({ name }) => !Object.hasOwn(options.parameters, name));
  const previousValues = previousValuesFor(takesPrevious, {
    operation: options.operation === 'create' ? (options.changeSet ? 'create-change-set' : 'create') : options.operation,
    previous,
    given: previous ? givenPrevious(previous) : {},
  });
  const given = { ...newFile.values, ...previousValues, ...options.parameters };
  // Many templates in one run: each value goes to the templates that declare it (one `--parameter Env=prod` for a
  // repository), not to every template, which would refuse it as unknown.
  const parameters = options.onlyDeclaredParameters && next ? declaredOnly(next, given) : given;
  const stackName = options.stackName ?? options.fromStack ?? stackNameFromFile(options.template === undefined || options.template === '-' ? 'simulated-stack' : options.template);
  const tokens = seededUuids(stackName);
  const stackId = deployed?.stackId ?? stackArn(options.region, options.accountId, stackName, tokens());
  const roleArn = options.roleArn ?? deployed?.roleArn;
  // Read once: its values answer Fn::ImportValue, its owners say which names another stack already exports.
  const exportsFile = options.exportsFile ? readExportsFile(path(options.exportsFile)) : undefined;
  const base: Omit<ResolveOptions, 'parameters'> = {
    stackName,
    ...(options.stackName === undefined && options.fromStack === undefined ? { stackNameGuessed: true } : {}),
    region: options.region,
    accountId: options.accountId,
    stackId,
    ...(exportsFile || context.exports ? { exports: { ...context.exports, ...exportsFile?.values } } : {}),
    ...(context.stackOutputs ? { stackOutputs: context.stackOutputs } : {}),
    ssmParameters: { ...context.ssmParameters, ...givenSsmParameters(options, path) },
    ...(options.strictParameters ? { strictParameters: true } : {}),
    ...(options.placeholderParameters ? { placeholderParameters: true } : {}),
    ...(options.constructPaths ? { constructPaths: options.constructPaths } : {}),
    // The types the hook targets are in play whatever the registry says (a private type the hook is registered for).
    knownTypes: [...options.knownTypes, ...hookTargetTypes()],
  };

  const warnings: Diagnostic[] = [...fileWarnings, ...(context.warnings ?? [])];
  // Every NoEcho value of every template resolved in this run, masked in everything the run reports.
  let secrets: SecretMasking | undefined;
  const remember = (stack: ResolvedStack): ResolvedStack => {
    secrets = secrets ? secrets.with(stack.template.secrets) : stack.template.secrets;
    // A nested stack's NoEcho parameters are secrets of this run too.
    for (const child of stack.children.values()) remember(child);
    return stack;
  };
  const mask = <T>(value: T): T => (secrets ? secrets.value(value) : value);
  // Each nested stack's template by the path of Stack resources that reach it (`Storage/Logs`), for locating findings.
  const nestedTemplates = { next: new Map<string, TemplateSource>(), previous: new Map<string, TemplateSource>() };
  const collect = (stack: ResolvedStack, into: Map<string, TemplateSource>, above: readonly string[] = []): ResolvedStack => {
    for (const [logicalId, child] of stack.children) {
      into.set([...above, logicalId].join('/'), child.template.source);
      collect(child, into, [...above, logicalId]);
    }
    return stack;
  };
  // The deployed stack's values: those given for it, and else the run's own (--parameter), which are a delete's own and
  // what an update's previous side borrows from the new one.
  const deployedParameters = (source: TemplateSource): { parameters: Record<string, string>; deployedParameters: DeployedParameters } => {
    const own = givenPrevious(source);
    const borrowed = borrowsNewValues ? Object.fromEntries(Object.entries(declaredOnly(source, parameters)).filter(([name]) => !Object.hasOwn(own, name))) : {};
    const values = { ...borrowed, ...own };
    // A delete's --parameter values are the deployed stack's own, not borrowed.
    if (options.operation === 'delete') return { parameters: values, deployedParameters: { side: 'deleted' } };
    return { parameters: values, deployedParameters: { side: 'previous', borrowed: new Set(Object.keys(borrowed)) } };
  };
  // A FIFO a nested stack names is refused by the kernel's reader, as every FIFO on disk is: an error, not a hang.
  const tree = {
    read: (file: string) => readTemplateFile(path(file), readOptions),
    readSnippet: (file: string) => readSnippetFile(path(file), readOptions),
    templateMap: options.templateMap,
  };
  const operation = planOperation(options.operation, {
    ...(next ? { next: (physicalIds?: Record<string, string>) => collect(remember(resolveStackTree(next, { ...base, parameters, ...(physicalIds ? { physicalIds } : {}) }, tree)), nestedTemplates.next) } : {}),
    ...(previous
      ? {
          previous: () => {
            const deployedTree = collect(remember(resolveStackTree(previous, { ...base, ...deployedParameters(previous), alreadyDeployed: true }, tree)), nestedTemplates.previous);
            // An update reports the new side's warnings; what stood in for the deployed stack's values is said too.
            if (options.operation !== 'delete') for (const w of deployedTree.template.warnings) if (w.code === 'RES_DEPLOYED_PARAMETER') warnings.push(w);
            return deployedTree;
          },
        }
      : {}),
    placement: { region: options.region, accountId: options.accountId, ...(roleArn ? { roleArn } : {}) },
  });
  const maskDiagnostic = (d: Diagnostic): Diagnostic => (secrets ? secrets.diagnostic(d) : d);
  // The hooks file's NoEcho values join them once it is read (its hooks may echo its configuration).
  const addSecrets = (more: SecretMasking): void => {
    secrets = secrets ? secrets.with(more) : more;
  };
  return { path, readOptions, next, previous, stackName, stackId, roleArn, tokens, exportsFile, base, warnings, mask, maskDiagnostic, addSecrets, nestedTemplates, operation };
}

/**
 * What a deployed stack (its template `options.template`, with its nested stacks) holds, resolved without a hook
 * call: every resource of the tree, and what the tree exports. A cloud assembly's delete asks it of every stack first.
 */
export async function deployedInventory(
  options: SimulateOptions,
  cwd: string,
  context: RunContext = {},
): Promise<{ resources: ResolvedResource[]; exports: Record<string, string>; imports: ReadonlySet<string> } | undefined> {
  const tree = (await planRun({ ...options, operation: 'delete' }, cwd, context)).operation.deployed;
  return tree === undefined ? undefined : { resources: treeResources(tree), exports: exportTexts(treeExports(tree)), imports: treeImports(tree) };
}

/** Runs one simulation. Throws TemplateError, AccountFileError, ValueFileError, SimulationInputError or DeployedStateError for bad input. */
export async function runSimulation(options: SimulateOptions, cwd: string, logSink?: LogSink, context: RunContext = {}): Promise<SimulationReport> {
  const planned = await planRun(options, cwd, context);
  const { path, readOptions, next, previous, stackName, stackId, roleArn, tokens, exportsFile, base, warnings, mask, maskDiagnostic, addSecrets, nestedTemplates, operation } = planned;
  const { plan, nested } = operation;
  for (const w of operation.warnings) warnings.push(w);
  const inUse = context.importers && operation.updated ? exportsInUse(operation.updated.deployed, operation.updated.next, context.importers) : undefined;
  for (const w of inUse?.warnings ?? []) warnings.push(w);
  if (exportsFile && next) refuseTakenExports(operation.exports ?? {}, next, { ...exportsFile, stackName, creating: options.operation === 'create' });

  // Serialising every handler log line only to drop it cost more than the hook calls' own checks: skip it unless asked.
  const log = logSink ? (entry: LogEntry): void => logSink(mask(JSON.stringify(entry))) : null;
  // The project's hook gets its AWS clients once the account is known (below); it loads its handler only when first called.
  let clients: AwsClientFactory = noAwsAccess;
  const projectHook = (configuration: HookConfiguration): Hook =>
    customHook({ schema: HOOK_SCHEMA, configuration, stringify: options.stringify, loadEntrypoint: () => loadHookEntrypoint({ clients, log }) });

  const { hooks, projectConfiguration, secrets: hooksFileSecrets } = options.hooksFile
    ? await declaredHooks(options.hooksFile, { options, path, readOptions, projectHook, warnings, ssmParameters: base.ssmParameters, ...(logSink ? { handlerLog: (line: string) => logSink(mask(line)) } : {}) })
    : await configuredHook(options, path, projectHook, warnings);
  if (hooksFileSecrets) addSecrets(hooksFileSecrets);
  const hookModel: JsonObject = projectConfiguration ? hookModelFor(HOOK_SCHEMA, projectConfiguration) : {};
  const account = await accountFor(options, path, hookModel, operation.deployed, context.accountResources);
  if (account) clients = (await loadAccountModule()).accountClientFactory(account);

  let resolvedTemplate: string | undefined;
  const simulation: StackSimulation = {
    plan,
    stack: { name: stackName, id: stackId, region: options.region, accountId: options.accountId, ...(roleArn ? { roleArn } : {}), ...(options.terminationProtection ? { terminationProtection: true } : {}) },
    hooks,
    tokens,
    limits: { ...SERVICE_LIMITS, timeoutMillis: options.hookTimeoutMillis },
    serial: options.serial,
    ...(account ? { onResourceDeleted: (r) => account.removeStackResource(r) } : {}),
    ...(nested ? { nested } : {}),
    ...(inUse?.refusal !== undefined ? { outputsRefusal: inUse.refusal } : {}),
    templates: {
      template: next ? submittedText(next) : '',
      previousTemplate: previous ? submittedText(previous) : '',
      // Serialised only when a STACK target's payload reads it: for a big template that costs more than a hook call.
      get resolvedTemplate() {
        return (resolvedTemplate ??= operation.next ? resolvedText(operation.next) : '');
      },
      documents: { template: next ? next.body : null, previousTemplate: previous ? previous.body : null },
    },
  };
  const result = options.changeSet && next ? await simulateChangeSet(changeSetSimulation(simulation, options.changeSet, next, previous)) : await simulateStack(simulation);
  // A StackRoles filter on a stack given no role: the simulator's stacks have one only when --role-arn says so.
  const reasonOf = (reason: string): string => (reason.includes(NO_SERVICE_ROLE) ? `${reason}; --role-arn gives it one` : reason);
  for (const skipped of result.skippedHooks) warnings.push(note('SIM_HOOK_NOT_INVOKED', `${skipped.typeName} is not invoked for this stack: ${reasonOf(skipped.reason)}`, 'info'));
  for (const hook of stackCallsFilteredOut(hooks, result)) {
    warnings.push(
      note(
        'SIM_HOOK_NOT_INVOKED',
        `${hook.typeName} is not invoked for the stack itself: its TargetOperations include STACK, but its TargetFilters name only resource types, and a stack-level call's target name is STACK ([choice]: the service's handling is undocumented; add STACK to the names to keep the call)`,
        'info',
      ),
    );
  }
  for (const skipped of result.skippedStackCalls ?? []) warnings.push(note('SIM_HOOK_NOT_INVOKED', `${skipped.typeName} is not invoked for the stack itself: ${skipped.reason}`, 'info'));
  for (const { child, skipped } of nestedSkipsWorthSaying(result, hooks, options.changeSet !== undefined)) {
    warnings.push(note('SIM_HOOK_NOT_INVOKED', `${skipped.typeName} is not invoked for nested stack ${child.stack.name}: ${reasonOf(skipped.reason)}`, 'info'));
  }
  // The count of the hooks an execution calls is this stack's: with IncludeNestedStacks each nested stack gets a change
  // set of its own, and without it (the CLI's default) the nested stacks are updated when the change set executes;
  // either way their resources' hooks only an execution shows.
  const nestedChanges = result.changeSet && !result.changeSet.executed ? nestedStackChanges(result.changeSet.changes) : [];
  if (nestedChanges.length > 0) {
    const ids = nestedChanges.map((c) => c.LogicalResourceId).join(', ');
    warnings.push(
      note(
        'SIM_NESTED_CHANGE_SET',
        `the change set adds or modifies nested stack${nestedChanges.length === 1 ? '' : 's'} ${ids}: the hooks their resources get when it is executed are not in the count of hook invocations planned (with IncludeNestedStacks the service gives each nested stack a change set of its own; without it, the CLI's default, they are updated when the change set is executed); --execute simulates them`,
        'warning',
      ),
    );
  }
  // A change set only created: its execution is not simulated, yet the plan already knows a resource that will
  // refuse its update, and so that executing it fails (if no hook blocks it first, which fails it too).
  if (result.changeSet && !result.changeSet.executed && result.changeSet.status === 'CREATE_COMPLETE' && next) {
    for (const warning of executionRefusals(result.changeSet.name, locatedSteps(stackId, plan, nested, next, nestedTemplates.next))) warnings.push(warning);
  }
  if (next) for (const info of attributeOnlyUpdates(locatedSteps(stackId, plan, nested, next, nestedTemplates.next))) warnings.push(info);
  for (const warning of samGeneratedUnseen(next ?? undefined, hooks, result)) warnings.push(warning);
  for (const warning of templateHooksNotRun(options.operation, next ?? undefined, previous ?? undefined, hooks)) warnings.push(warning);
  for (const [typeName, problems] of answersOffContract(hooks, result)) {
    warnings.push(note('SIM_HOOK_ANSWER', `${typeName} answered outside the documented contract, which the service may treat otherwise: ${problems.join('; ')}`, 'warning'));
  }
  if (!options.stringify) warnings.push(note('SIM_TYPED_PROPERTIES', 'properties were sent to registry hooks with their template types (--no-stringify); the service sends them every scalar as a string', 'info'));
  // The hook sees the real values, as in the service; what is shown to the user never does.
  return {
    result: mask(result),
    warnings: sortDiagnostics(warnings.map(maskDiagnostic)),
    ...(next ?? previous ? { template: next ?? previous } : {}),
    nestedTemplates: next ? nestedTemplates.next : nestedTemplates.previous,
    stack: { name: stackName, id: stackId, region: options.region, accountId: options.accountId, ...(roleArn ? { roleArn } : {}) },
    exports: exportTexts(mask(operation.exports ?? {})),
    outputs: exportTexts(mask(operation.next?.outputs ?? {})),
    imports: operation.imports ?? [],
    ssmWrites: mask(operation.ssmWrites ?? {}),
    failureModes: failureModesOf(hooks),
  };
}

/**
 * An export name is unique in its account and region: a stack exporting a name the account's exports (`--exports`)
 * already hold fails, as CloudFormation fails it ("Export with name X is already exported by stack Y"). A new stack
 * owns none of them; an update clashes only with a name another stack owns, which a `list-exports` file tells
 * (its `ExportingStackId`); a plain `{"Name": "value"}` file cannot, so an update is not judged by it.
 */
function refuseTakenExports(
  exported: Readonly<Record<string, unknown>>,
  next: TemplateSource,
  given: { values: Readonly<Record<string, string>>; owners: Readonly<Record<string, string>>; stackName: string; creating: boolean },
): void {
  const { values: taken, owners } = given;
  const clashes = Object.keys(exported).filter((name) => Object.hasOwn(taken, name) && (given.creating ? owners[name] !== given.stackName : owners[name] !== undefined && owners[name] !== given.stackName));
  if (clashes.length === 0) return;
  const outputs = isJsonObject(next.body.Outputs) ? next.body.Outputs : {};
  throw new InputError(
    clashes.map((name) => {
      // The output whose Export Name is written as this name; one built by a function is found by the section.
      const output = Object.keys(outputs).find((key) => {
        const exportOf = (outputs as Record<string, unknown>)[key];
        return isJsonObject(exportOf) && isJsonObject(exportOf.Export) && exportOf.Export.Name === name;
      });
      const pointer = output !== undefined ? `/Outputs/${escapePointerToken(output)}/Export/Name` : '/Outputs';
      return {
        code: 'RES_EXPORT_TAKEN',
        severity: 'error',
        message: `Export with name ${name} is already exported by stack ${owners[name] ?? '(another stack, as --exports lists it)'}`,
        file: next.file,
        path: pointer,
        ...next.locate(pointer),
      };
    }),
  );
}

/** A step of a plan or of a nested stack's plan, with its stack's id and the template that declares it. */
interface LocatedStep {
  readonly step: PlanStep;
  readonly stackId: string;
  readonly nestedIn: readonly string[];
  readonly source: TemplateSource;
  /** The step's resource in `source`; located only for the steps a diagnostic is made for (a lookup per resource is not free). */
  readonly path: string;
}

/**
 * Every step of the plan and of its nested stacks' plans, depth first, each located at the resource in the template
 * that declares it: a nested stack's own file when it has one, else its Stack resource in the root template.
 */
function* locatedSteps(
  stackId: string,
  plan: StackPlan,
  nested: ReadonlyMap<string, NestedStackRun> | undefined,
  root: TemplateSource,
  nestedSources: ReadonlyMap<string, TemplateSource>,
  nestedIn: readonly string[] = [],
): Generator<LocatedStep> {
  const own = nestedIn.length === 0 ? root : nestedSources.get(nestedIn.join('/'));
  const source = own ?? root;
  for (const step of plan.steps) {
    const path = `/Resources/${escapePointerToken(own ? step.resource.logicalId : (nestedIn[0] ?? step.resource.logicalId))}`;
    yield { step, stackId, nestedIn, source, path };
  }
  for (const [logicalId, run] of nested ?? []) yield* locatedSteps(run.stack.id, run.plan, run.nested, root, nestedSources, [...nestedIn, logicalId]);
}

/**
 * A `SIM_EXECUTION_WOULD_FAIL` warning for each resource, in the stack or a nested stack it updates, whose provisioning
 * the service refuses (a custom-named resource's replacement, a custom resource's new ServiceToken, a new resource
 * whose custom name the stack holds already), located at the resource in the template that declares it (a nested
 * stack's own file when it has one, else its Stack resource).
 */
function executionRefusals(changeSet: string, steps: Iterable<LocatedStep>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { step, stackId, nestedIn, source, path } of steps) {
    if (step.refusal === undefined) continue;
    out.push({
      code: 'SIM_EXECUTION_WOULD_FAIL',
      severity: 'warning',
      message: `executing change set ${changeSet} would fail at ${placedName(step.resource.logicalId, nestedIn)}: the service ${step.action === 'create' ? 'fails its create' : 'refuses its update'} ("${refusalText(step.refusal, stackId)}") and rolls the stack back; --execute simulates it`,
      file: source.file,
      path,
      ...source.locate(path),
    });
  }
  return out;
}

/**
 * An info per resource an update changes only in attributes besides Properties (its DeletionPolicy, Metadata, …),
 * located at it in the template that declares it: the update is the service's (plan-stack.ts changedAttributes), and
 * the hook call made for it is the simulator's [unconfirmed] choice, which the user should see.
 */
function attributeOnlyUpdates(steps: Iterable<LocatedStep>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { step, nestedIn, source, path } of steps) {
    const attributes = step.attributesChanged;
    if (attributes === undefined || !changesOnlyAttributes(step)) continue;
    out.push({
      code: 'SIM_ATTRIBUTES_ONLY',
      severity: 'info',
      message: `${placedName(step.resource.logicalId, nestedIn)} changes only in its ${listForMessage(attributes)}: CloudFormation updates it (Modify, Replacement False) with its properties unchanged; its RESOURCE hooks are called as for any update, with equal previous and new properties ([unconfirmed] whether the service calls them for such a change)`,
      file: source.file,
      path,
      ...source.locate(path),
    });
  }
  return out;
}

/**
 * The hooks called for the stack's resources whose TargetFilters keep out the stack-level call they ask for. A hook
 * whose schema names no STACK target is not among them: filters only narrow the schema's targets, so its missing
 * stack call is the schema's doing (HC117 says so), and adding STACK to its filters would not bring the call back.
 */
function stackCallsFilteredOut(hooks: readonly Hook[], result: SimulationResult): Hook[] {
  const skipped = new Set(result.skippedHooks.map((s) => s.typeName));
  return hooks.filter(
    (hook) =>
      !skipped.has(hook.typeName) &&
      targetsOperation(hook.configuration, 'STACK') &&
      (hook.targetTypes ?? ['RESOURCE']).includes('STACK') &&
      Object.values(hook.handlers).some((handler) => handler !== undefined && matchesAny(handler.targetNames, 'STACK')) &&
      filtersLeaveOutStack(hook.configuration),
  );
}

/**
 * The nested stacks' "not invoked" notes that tell something new: a reason is said once (a hook's own reason, such as
 * its TargetOperations or HookInvocationStatus, holds for every stack alike; a StackFilters reason names its stack).
 * In a change-set run, a hook that targets CHANGE_SET but neither RESOURCE nor STACK has nothing to do in a nested
 * stack (the change set is the root's; nested stacks run as stack operations, docs/simulator.md): not said at all.
 */
function nestedSkipsWorthSaying(result: SimulationResult, hooks: readonly Hook[], changeSetRun: boolean): { child: SimulationResult; skipped: SkippedHook }[] {
  const said = new Set(result.skippedHooks.map((s) => `${s.typeName}\n${s.reason}`));
  const changeSetOnly = new Set(
    hooks
      .filter((h) => changeSetRun && targetsOperation(h.configuration, 'CHANGE_SET') && !targetsOperation(h.configuration, 'RESOURCE') && !targetsOperation(h.configuration, 'STACK'))
      .map((h) => h.typeName),
  );
  const out: { child: SimulationResult; skipped: SkippedHook }[] = [];
  for (const child of nestedResults(result)) {
    for (const skipped of child.skippedHooks) {
      const key = `${skipped.typeName}\n${skipped.reason}`;
      if (changeSetOnly.has(skipped.typeName) || said.has(key)) continue;
      said.add(key);
      out.push({ child, skipped });
    }
  }
  return out;
}

function failureModesOf(hooks: readonly Hook[]): Record<string, FailureMode> {
  const modes: Record<string, FailureMode> = {};
  for (const hook of hooks) setOwn(modes, hook.typeName, failureModeOf(hook.configuration));
  return modes;
}

/**
 * The change set of `--operation change-set`. [choice] Its ARN is deterministic, as the stack's is: the stack's
 * region and account, the name given (or the default), and a UUID seeded by the stack id and that name.
 */
function changeSetSimulation(
  simulation: StackSimulation,
  changeSet: { readonly name: string; readonly execute: boolean },
  next: TemplateSource,
  previous: TemplateSource | undefined,
): ChangeSetSimulation {
  const { stack } = simulation;
  const id = changeSetArn(stack.region, stack.accountId, changeSet.name, seededUuids(`change-set:${stack.id}:${changeSet.name}`)());
  return {
    ...simulation,
    changeSet: { name: changeSet.name, id },
    documents: { template: next.body, previousTemplate: previous ? previous.body : null },
    // [choice] a change's lineNumber is the line of its logical id in the submitted template (the located reader's,
    // 1-based); a resource a transform or Fn::ForEach made is written nowhere: null.
    lineOf: (logicalId) => next.locate(`/Resources/${escapePointerToken(logicalId)}`, 'key').line || null,
    execute: changeSet.execute,
  };
}

/** Every type name (or pattern) the hook's handlers target. */
function hookTargetTypes(): string[] {
  return Object.values(HOOK_SCHEMA.handlers ?? {}).flatMap((handler) => handler?.targetNames ?? []);
}

/** Which template is the one deployed and which the one to deploy, for each operation. */
/**
 * A folder where one template is read (`--previous cdk-old.out`, an earlier synth): the templates in it are named, so
 * the fix is one path away.
 */
function refuseFolder(file: string, at: string): void {
  if (!isDirectory(at)) return;
  let names: string[] = [];
  try {
    const files = readdirSync(at);
    // A cloud assembly's templates are `<artifact>.template.json`; beside them its manifests are JSON too.
    const cdkTemplates = files.filter((name) => name.endsWith('.template.json'));
    names = cdkTemplates.length > 0 ? cdkTemplates : files.filter((name) => /\.(ya?ml|json|template)$/.test(name));
  } catch {
    // Unreadable: the folder alone is the message.
  }
  const shown = names.sort().slice(0, 3).map((name) => join(file, name));
  const hint = shown.length > 0 ? `, e.g. ${shown.join(', ')}${names.length > 3 ? ', …' : ''}` : '';
  throw new UsageError(`${file} is a folder; a single template is read here: name the template file in it${hint}`);
}

function templatesFor(
  options: SimulateOptions,
  read: (file: string) => TemplateSource,
  deployed: TemplateSource | undefined,
): { next?: TemplateSource; previous?: TemplateSource } {
  const given = options.template !== undefined ? read(options.template) : undefined;
  switch (options.operation) {
    case 'create':
      return given ? { next: given } : {};
    case 'update': {
      const previous = options.previous !== undefined ? read(options.previous) : deployed;
      return { ...(given ? { next: given } : {}), ...(previous ? { previous } : {}) };
    }
    case 'delete': {
      const previous = given ?? deployed;
      return previous ? { previous } : {};
    }
  }
}

/** Every nested stack's result, depth first. */
function nestedResults(result: SimulationResult): SimulationResult[] {
  const out: SimulationResult[] = [];
  for (const child of result.nestedStacks ?? []) {
    out.push(child);
    for (const grandchild of nestedResults(child)) out.push(grandchild);
  }
  return out;
}

function declaredOnly(source: TemplateSource, values: Readonly<Record<string, string>>): Record<string, string> {
  const declared = new Set(describeParameters(source).map((p) => p.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => declared.has(name)));
}

/** The hooks of a run and, when it is among them, this project's hook's configuration (for the simulated account). */
export interface RunHooks {
  readonly hooks: Hook[];
  readonly projectConfiguration?: HookConfiguration;
  /** The hooks file's NoEcho values: masked in everything the run reports, as the templates' are. */
  readonly secrets?: SecretMasking;
}

/** The options that say which hooks a run has and how they are called (shared with `simulate cloudcontrol`). */
export type HookOptions = Pick<
  SimulateOptions,
  'region' | 'accountId' | 'hooksParameters' | 'registryHooks' | 'hookAwsCredentials' | 'stringify' | 'hookSources' | 'failureMode' | 'cfnGuard' | 'configFile' | 'configFromAccount' | 'profile' | 'knownTypes'
> &
  Partial<Pick<SimulateOptions, 'strictParameters' | 'ssmFile' | 'ssmParameters'>>;

/** Without --hooks: this project's hook alone, configured by --config, the account, or the default. */
export async function configuredHook(options: HookOptions, path: (p: string) => string, projectHook: (c: HookConfiguration) => Hook, warnings: Diagnostic[]): Promise<RunHooks> {
  const loaded = await loadConfiguration(options, path, warnings);
  const configuration: HookConfiguration = options.failureMode ? { ...loaded, FailureMode: options.failureMode } : loaded;
  return { hooks: [projectHook(configuration)], projectConfiguration: configuration };
}

/** With --hooks: every hook the hooks file declares, in its order. */
export async function declaredHooks(
  file: string,
  run: {
    options: HookOptions;
    path: (p: string) => string;
    readOptions: ReadOptions;
    projectHook: (c: HookConfiguration) => Hook;
    warnings: Diagnostic[];
    /** The SSM parameters the run already read (`--ssm`, `--ssm-parameter`); read here when not given. */
    ssmParameters?: Readonly<Record<string, string>>;
    /** Each line a Lambda hook's function prints (`--handler-logs`); dropped when absent. */
    handlerLog?: (line: string) => void;
  },
): Promise<RunHooks> {
  const { options, path } = run;
  const source = readTemplateFile(path(file), { ...run.readOptions, what: 'the hooks file' });
  const { readHooksFile, buildHooks, readRegistryProject, registryHookOf } = await loadHooksFileModule();
  const declared = readHooksFile(source, {
    region: options.region,
    accountId: options.accountId,
    parameters: options.hooksParameters,
    // The account's SSM parameters serve the hooks file as they serve the stack's template.
    ssmParameters: run.ssmParameters ?? givenSsmParameters(options, path),
    ...(options.strictParameters ? { strictParameters: true } : {}),
  });
  const { secrets } = declared;
  for (const w of declared.warnings) run.warnings.push(w);
  let projectConfiguration: HookConfiguration | undefined;
  const registry = new Map<string, KnownRegistryHook>([
    [
      HOOK_SCHEMA.typeName,
      {
        schema: HOOK_SCHEMA,
        // Served by an endpoint (--hook-source), the handler does not run here, so the simulated account is not needed for it.
        make: (configuration, load) =>
          load
            ? customHook({ schema: HOOK_SCHEMA, configuration, stringify: options.stringify, loadEntrypoint: load })
            : ((projectConfiguration = configuration), run.projectHook(configuration)),
      },
    ],
  ]);
  // A hook's local module is kept from the user's AWS credentials unless --hook-aws-credentials lets them through.
  const moduleAwsAccess = { userCredentials: options.hookAwsCredentials };
  for (const dir of options.registryHooks) {
    const project = readRegistryProject(path(dir), moduleAwsAccess);
    registry.set(project.schema.typeName, registryHookOf(project, (schema, configuration, load) => customHook({ schema, configuration, stringify: options.stringify, loadEntrypoint: load })));
  }
  const built = await maskedErrors(secrets, () => buildHooks(declared.declarations, {
    hooksDir: dirname(path(file)),
    region: options.region,
    accountId: options.accountId,
    sources: { entries: new Map(Object.entries(options.hookSources)), cwd: path('.') },
    registry,
    stringify: options.stringify,
    ...(options.failureMode ? { failureMode: options.failureMode } : {}),
    validateConfiguration,
    // One engine for the whole run, looked for on the first Guard call only.
    guardEvaluator: guardEvaluator(options.cfnGuard !== undefined ? { explicitPath: path(options.cfnGuard) } : {}),
    ...(run.handlerLog ? { handlerLog: run.handlerLog } : {}),
    moduleAwsAccess,
    // A Lambda or Guard hook's TargetFilters may name the registry hooks' private targets, as the run's templates may.
    knownTypes: [...options.knownTypes, ...[...registry.values()].flatMap((known) => Object.values(known.schema.handlers ?? {}).flatMap((handler) => handler?.targetNames ?? []))],
    // A hook with unmapped code is refused when first called, during the run: masked as the errors above are.
    maskDiagnostic: (d) => secrets.diagnostic(d),
  }));
  for (const w of built.warnings) run.warnings.push(secrets.diagnostic(w));
  return { hooks: built.hooks, secrets, ...(projectConfiguration ? { projectConfiguration } : {}) };
}

/**
 * Runs `build`, its input errors' diagnostics masked: a NoEcho value of the hooks file may be in a configuration a
 * message quotes (HC110) or a module path (HOOKS_NO_CODE). The resolver masks what it reports itself.
 */
async function maskedErrors<T>(secrets: SecretMasking, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new SimulationInputError(error.diagnostics.map((d) => secrets.diagnostic(d)), { cause: error });
  }
}

/** The hook configuration: the file given, the account's, or the default (enabled, FAIL, the schema's defaults). */
async function loadConfiguration(options: HookOptions, path: (p: string) => string, warnings: Diagnostic[]): Promise<HookConfiguration> {
  let source: { file: string; text: string } | undefined;
  if (options.configFile) {
    source = { file: options.configFile, text: readBoundedText(path(options.configFile), { what: 'the hook configuration' }) };
  } else if (options.configFromAccount) {
    source = await fetchConfiguration({ typeName: HOOK_SCHEMA.typeName, region: options.region, ...(options.profile ? { profile: options.profile } : {}) });
  }
  if (!source) return DEFAULT_HOOK_CONFIGURATION;
  const report = await validateConfiguration(source.text, source.file, HOOK_SCHEMA);
  if (!report.valid || !report.configuration) throw new SimulationInputError(report.diagnostics.filter((d) => d.severity === 'error'));
  for (const d of report.diagnostics) warnings.push(d);
  return report.configuration;
}

/**
 * The simulated account, when a preDelete may count in it: a delete whose hook model asks for a minimum above 0,
 * or any run given --account (so a bad account file is reported even when it would not be used).
 */
async function accountFor(
  options: SimulateOptions,
  path: (p: string) => string,
  hookModel: JsonObject,
  deployed: ResolvedStack | undefined,
  others: readonly HeldElsewhere[] = [],
): Promise<SimulatedAccount | undefined> {
  const counts = options.operation === 'delete' && [hookModel.minBuckets, hookModel.minQueues].some(isAboveZero);
  if (!counts && !options.accountFile) return undefined;
  const { readAccountFile, SimulatedAccount } = await loadAccountModule();
  const account = options.accountFile ? readAccountFile(path(options.accountFile), options.accountId, options.region) : new SimulatedAccount(options.accountId, options.region);
  // The account holds every stack of the tree: a nested stack's buckets and queues exist until its own delete.
  if (deployed) account.addStackResources(treeResources(deployed));
  for (const held of others) account.addStackResources(held.resources, held.region);
  return account;
}

function isAboveZero(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && !/^\s*0*\s*$/.test(String(value));
}

// Outside a counting preDelete the handler has no reason to call AWS; if it tries, it gets an error, never the network.
const noAwsAccess: AwsClientFactory = () => {
  throw new Error('the simulator serves AWS calls only to a preDelete with a minimum above 0 (describe the account with --account)');
};

/**
 * The SAM transform turns each `AWS::Serverless::*` resource into resources of other types (an application into an
 * `AWS::CloudFormation::Stack`, a function into an `AWS::Lambda::Function`, most often with an `AWS::IAM::Role`), and
 * the service calls a hook that targets one of those types for them. The simulator keeps the SAM resources as they are
 * written (and calls no hook for a SAM type, which the service never shows a hook), so it names each hook it did not call.
 */
function samGeneratedUnseen(template: { readonly body: Readonly<Record<string, unknown>> } | undefined, hooks: readonly Hook[], result: SimulationResult): Diagnostic[] {
  // Without the SAM transform a SAM type is refused before the run: a template without it is never walked here.
  if (template === undefined || !declaredTransforms(template.body as JsonObject).includes(SERVERLESS)) return [];
  const resources = template.body['Resources'];
  if (typeof resources !== 'object' || resources === null || result.changeSet?.executed === false) return [];
  const point = result.stack.operation === 'delete' ? 'DELETE_PRE_PROVISION' : result.stack.operation === 'update' ? 'UPDATE_PRE_PROVISION' : 'CREATE_PRE_PROVISION';
  // The SAM resources by type, in template order.
  const byType = new Map<string, string[]>();
  for (const [id, r] of Object.entries(resources as Record<string, unknown>)) {
    const type = typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['Type'] : undefined;
    if (typeof type === 'string' && samGeneratedTypesFor(type).length > 0) byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  if (byType.size === 0) return [];
  const out: Diagnostic[] = [];
  for (const hook of hooks) {
    if (hook.unavailable !== undefined || !targetsOperation(hook.configuration, 'RESOURCE')) continue;
    for (const [samType, ids] of byType) {
      const targeted = samGeneratedTypesFor(samType).filter((type) => isTargeted({ typeName: hook.typeName, handlers: hook.handlers }, hook.configuration, type, point));
      if (targeted.length === 0) continue;
      const which = `${ids.join(', ')} (${samType})`;
      out.push(
        note(
          'SIM_HOOK_NOT_INVOKED',
          samType === 'AWS::Serverless::Application'
            ? `${hook.typeName} targets AWS::CloudFormation::Stack, which ${which} become${ids.length === 1 ? 's' : ''} when the SAM transform runs; the service would call it there, the simulator does not (not simulated)`
            : `${hook.typeName} targets ${listForMessage(targeted)}, which SAM may generate from ${which} when the transform runs; the service would call it for each one generated, the simulator does not (not simulated; once deployed, simulate the processed template: ${PROCESSED_TEMPLATE})`,
          'warning',
        ),
      );
    }
  }
  return out;
}

/**
 * The hooks the stack's own templates declare (`AWS::CloudFormation::LambdaHook`, `GuardHook`, `HookTypeConfig`) that
 * `--hooks` does not, named by type and alias. One the deployed template declares is an active hook of the account,
 * so the service calls it for this operation wherever its filters select the stack: a warning, since the run leaves
 * out a verdict. One the operation creates applies to later operations on this stack: a note ([unconfirmed] whether
 * it applies to the rest of the operation that creates it; the documentation does not say).
 */
function templateHooksNotRun(operation: SimulateOptions['operation'], next: TemplateSource | undefined, previous: TemplateSource | undefined, hooks: readonly Hook[]): Diagnostic[] {
  const simulated = new Set(hooks.map((hook) => hook.typeName));
  const notRun = (source: TemplateSource | undefined): Array<{ source: TemplateSource; hook: TemplateHook }> =>
    source === undefined ? [] : hooksDeclaredIn(source.body).filter((hook) => hook.enabled && !(hook.name !== undefined && simulated.has(hook.name))).map((hook) => ({ source, hook }));
  const at = (source: TemplateSource, hook: TemplateHook): Pick<Diagnostic, 'file' | 'path' | 'line' | 'column'> => {
    const path = `/Resources/${escapePointerToken(hook.logicalId)}`;
    return { file: source.file, path, ...source.locate(path) };
  };
  const named = (hook: TemplateHook): string => `${hook.resourceType} ${hook.logicalId}${hook.name !== undefined ? ` (${hook.name})` : ''}`;
  const deployed = operation === 'create' ? [] : notRun(previous);
  const deployedNames = new Set(deployed.map(({ hook }) => hook.name ?? hook.logicalId));
  const out: Diagnostic[] = deployed.map(({ source, hook }) => ({
    code: 'SIM_HOOK_NOT_INVOKED',
    severity: 'warning',
    message: `the deployed template declares ${named(hook)}, an active hook of the account: the service calls it for this ${operation} wherever its filters select this stack, and the simulator does not run it (declare it in --hooks to simulate it)`,
    ...at(source, hook),
  }));
  for (const { source, hook } of operation === 'delete' ? [] : notRun(next)) {
    if (deployedNames.has(hook.name ?? hook.logicalId)) continue;
    out.push({
      code: 'SIM_HOOK_NOT_INVOKED',
      severity: 'info',
      message: `this template creates ${named(hook)}: once created, the account calls it on every stack its filters select, later operations on this stack included (whether it applies to the rest of the operation that creates it is not documented); the simulator does not run it (declare it in --hooks to simulate it)`,
      ...at(source, hook),
    });
  }
  return out;
}

function note(code: DiagnosticCode, message: string, severity: Diagnostic['severity']): Diagnostic {
  return { code, severity, message, path: '', line: 0, column: 0 };
}

/** The plain SSM parameters the user gave: the `--ssm` file's, then `--ssm-parameter`s over them. */
function givenSsmParameters(options: Partial<Pick<SimulateOptions, 'ssmFile' | 'ssmParameters'>>, path: (p: string) => string): Record<string, string> {
  return { ...(options.ssmFile ? readValueFile(path(options.ssmFile), 'ssm') : {}), ...options.ssmParameters };
}
