/**
 * A stack and its nested stacks, resolved together as the service creates them: each child under its own name
 * (`<parent>-<logicalId>-<SUFFIX>`, the suffix deterministic like every generated id here), with the parameters
 * the parent's resource passes down (resolved in the parent), and its outputs available to the parent's
 * `Fn::GetAtt [Child, Outputs.X]` — recursively, to a bounded depth.
 */
import { resolve as resolvePath } from 'node:path';
import { listForMessage, toPointer, type Diagnostic } from '../../../src/kernel/diagnostics';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import { describeParameters, resolveTemplate, standInHeld } from '../resolve';
import { deterministicSuffix, stackEnvironment } from '../resolve/stack-environment';
import { TemplateError, type NestedStackResolution, type NestedStackResolver, type ResolvedResource, type ResolvedTemplate, type ResolveOptions, type TemplateSource } from '../template/types';
import { expandLocalIncludes } from './include-snippets';
import { locateChild } from './locate-child';

/**
 * [choice] How deep stacks may nest. The service documents no nesting-depth quota (only the stacks per account,
 * nested ones included: MAX_STACKS); 10 levels is beyond any real hierarchy and stops a template that nests itself.
 */
export const MAX_NESTING_DEPTH = 10;

/**
 * How many stacks one tree may hold, itself included: the account's Stacks quota, which nested stacks count against.
 * [unconfirmed] 2,000 per account and Region by default (the figure secondary sources cite for today's quotas page;
 * the archived page said 200, before the 2020 increase); adjustable, but a tree past it is no real deployment. Depth
 * alone does not bound a tree: 8 templates of 10 children each, 3 KB in all, make 11 million stacks. [choice] It
 * holds with --no-limits too, as the one bound that makes such a tree end.
 */
export const MAX_STACKS = 2000;

/** A stack resolved with its nested stacks. */
export interface ResolvedStack {
  readonly name: string;
  readonly id: string;
  readonly template: ResolvedTemplate;
  /** The nested stacks, by the logical id of the parent resource that creates each. */
  readonly children: ReadonlyMap<string, ResolvedStack>;
}

/** How the tree reads the templates of nested stacks. */
export interface StackTreeOptions {
  readonly read: (file: string) => TemplateSource;
  /** `--template-map URL=path`: where to find a child given by a URL (and an `AWS::Include` snippet). */
  readonly templateMap: Readonly<Record<string, string>>;
  /** How the tree reads an `AWS::Include` snippet on this machine (include-snippets.ts). */
  readonly readSnippet: (file: string) => JsonValue;
}

/** Resolves a template and, recursively, the nested stacks it creates. Throws TemplateError. */
export function resolveStackTree(source: TemplateSource, options: ResolveOptions, tree: StackTreeOptions): ResolvedStack {
  // One table of exports for the whole tree, read when each `Fn::ImportValue` is evaluated: a nested stack's exports
  // join it once that stack is resolved, for the stacks created after it, as the service makes an export importable
  // once its stack is created (cfn-modules' subnet stacks import what their sibling VPC stack exports).
  const exports = Object.assign(Object.create(null) as Record<string, string>, options.exports);
  // Counted as the tree is built, so that a fan-out past the quota stops there instead of resolving every stack.
  const count: StackCount = { stacks: 1 };
  return resolveLevel(source, { ...options, exports }, tree, [resolvePath(source.file)], count);
}

/** The stacks of the tree so far, the root included (shared by every level). */
interface StackCount {
  stacks: number;
}

/** Export values as an importing stack reads them: text, a list as its comma-separated form. */
export function exportTexts(values: Readonly<Record<string, JsonValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) out[name] = typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join(',') : JSON.stringify(value);
  return out;
}

/** The name the service gives a nested stack: `<parent>-<logicalId>-<12 upper-case characters>`, at most 128. */
export function nestedStackName(parentStackName: string, logicalId: string): string {
  const suffix = deterministicSuffix(`nested\0${parentStackName}\0${logicalId}`, 12, 'upper');
  return `${`${parentStackName}-${logicalId}`.slice(0, 128 - suffix.length - 1)}-${suffix}`;
}

/** Every warning of a tree, the parent's first, then each child's in creation order. */
export function treeWarnings(stack: ResolvedStack): Diagnostic[] {
  const out: Diagnostic[] = [...stack.template.warnings];
  for (const child of stack.children.values()) for (const warning of treeWarnings(child)) out.push(warning);
  return out;
}

/**
 * The SSM parameters a tree writes, by name, for the stacks deployed after it (a CDK app's): an `AWS::SSM::Parameter`
 * with a `Name` and a text `Value`, and the CDK's cross-region references (`Custom::CrossRegionExportWriter`, whose
 * `WriterProps.exports` the consumer stack in another region reads as `{{resolve:ssm:/cdk/exports/…}}`).
 */
export function treeSsmWrites(stack: ResolvedStack): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const resource of stack.template.resources) {
    const { properties } = resource;
    if (resource.type === 'AWS::SSM::Parameter' && typeof properties.Name === 'string' && typeof properties.Value === 'string') out[properties.Name] = properties.Value;
    const writer = resource.type === CROSS_REGION_WRITER && isJsonObject(properties.WriterProps) ? properties.WriterProps.exports : undefined;
    if (isJsonObject(writer)) for (const [name, value] of Object.entries(writer)) if (typeof value === 'string') out[name] = value;
  }
  for (const child of stack.children.values()) Object.assign(out, treeSsmWrites(child));
  return out;
}

/** The custom resource the CDK writes a cross-region reference's SSM parameters with (aws-cdk-lib's core). */
const CROSS_REGION_WRITER = 'Custom::CrossRegionExportWriter';

/** Every resource of a tree, the stack's then each nested stack's (what the account holds of it). */
export function treeResources(stack: ResolvedStack): ResolvedResource[] {
  const out = [...stack.template.resources];
  for (const child of stack.children.values()) for (const resource of treeResources(child)) out.push(resource);
  return out;
}

/** Every export of a tree (a nested stack may export too). */
export function treeExports(stack: ResolvedStack): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = Object.create(null) as Record<string, JsonValue>;
  Object.assign(out, stack.template.exports);
  for (const child of stack.children.values()) Object.assign(out, treeExports(child));
  return out;
}

/** Every export name a tree's `Fn::ImportValue`s read, as resolved (a nested stack may import too). */
export function treeImports(stack: ResolvedStack): Set<string> {
  const out = new Set<string>(stack.template.imports ?? []);
  for (const child of stack.children.values()) for (const name of treeImports(child)) out.add(name);
  return out;
}

/**
 * What a text of a tree (an export's name or value) holds that stands for an input nobody gave (a placeholder
 * parameter, export or SSM value, in the stack or a nested one), or undefined: such a text is not the deployed one.
 */
export function guessHeld(stack: ResolvedStack, text: string): string | undefined {
  const own = stack.template.standIns ? standInHeld(text, stack.template.standIns.guessed) : undefined;
  if (own !== undefined) return own;
  for (const child of stack.children.values()) {
    const held = guessHeld(child, text);
    if (held !== undefined) return held;
  }
  return undefined;
}

function resolveLevel(given: TemplateSource, options: ResolveOptions, tree: StackTreeOptions, chain: readonly string[], count: StackCount): ResolvedStack {
  const source = expandLocalIncludes(given, tree.templateMap, tree.readSnippet);
  const children = new Map<string, ResolvedStack>();
  const nestedStacks: NestedStackResolver = (request): NestedStackResolution => {
    const location = locateChild(request, source.file, tree.templateMap);
    if (location.kind !== 'file') return location;
    const path = resolvePath(location.path);
    if (chain.length > MAX_NESTING_DEPTH) {
      return failure(`${request.logicalId} would nest a stack ${chain.length} levels deep; the simulator follows at most ${MAX_NESTING_DEPTH}`);
    }
    if (chain.includes(path)) return failure(`${request.logicalId} nests ${location.path}, which is one of its own parents: the stacks would nest without end`);
    if (count.stacks >= MAX_STACKS) {
      // [unconfirmed] The service's reason for a Stack resource past the quota, as users quote it (LimitExceededException).
      return failure(`Limit for stack has been exceeded: ${request.logicalId} would create stack ${count.stacks + 1} of this tree, and an account holds at most ${MAX_STACKS} stacks, nested ones included; the simulator stops there`);
    }
    let childSource: TemplateSource;
    try {
      childSource = tree.read(location.path);
    } catch (error) {
      const unreadable = error instanceof TemplateError && error.diagnostics.some((d) => d.code === 'TPL_UNREADABLE');
      if (!unreadable) throw error;
      const reason = error.diagnostics[0]?.message.replace(/^cannot read the template: /, '') ?? '';
      // cfn-modules and the like nest templates from npm packages: a checkout without them installed has no such file.
      const install = reason === 'no such file' && /(^|[\\/])node_modules[\\/]/.test(location.path) ? ' (it is in node_modules: install the packages first, e.g. `npm install`)' : '';
      return failure(`cannot read the nested stack's template ${location.path}: ${reason}${install}`);
    }
    // The service refuses the nested stack resource itself (its CREATE_FAILED reads "Parameters: [X] do not exist
    // in the template"): said at the parent's Parameters entry, which is where it is mended.
    const passed = parameterValues(request.properties);
    const declared = new Set(describeParameters(childSource).map((p) => p.name));
    const unknown = Object.keys(passed).filter((key) => !declared.has(key));
    const written = request.properties[request.type === 'AWS::Serverless::Application' ? 'Location' : 'TemplateURL'];
    // What a message names the child's template by: its location as the parent writes it, else the path read.
    const shown = typeof written === 'string' ? written : location.path;
    if (unknown.length > 0) {
      return {
        kind: 'not-simulated',
        code: 'RES_UNKNOWN_PARAMETER',
        pointer: toPointer(['Properties', 'Parameters', unknown[0] as string]),
        message: `Parameters: [${listForMessage(unknown)}] do not exist in the template (${shown}, the nested stack ${request.logicalId})`,
        severity: 'error',
      };
    }
    const name = nestedStackName(request.parentStackName, request.logicalId);
    const id = stackEnvironment({ stackName: name, region: options.region, accountId: options.accountId, parameters: {} }).stackId;
    count.stacks += 1;
    const child = forParent(request, childSource.file, () => resolveLevel(
      childSource,
      {
        stackName: name,
        stackId: id,
        region: options.region,
        accountId: options.accountId,
        parameters: passed,
        ...(options.exports ? { exports: options.exports } : {}),
        ...(options.stackOutputs ? { stackOutputs: options.stackOutputs } : {}),
        ...(options.ssmParameters ? { ssmParameters: options.ssmParameters } : {}),
        ...(options.alreadyDeployed ? { alreadyDeployed: true } : {}),
        ...(options.constructPaths ? { constructPaths: options.constructPaths } : {}),
        ...(options.strictParameters ? { strictParameters: true } : {}),
        ...(Object.keys(request.guessedParameters).length > 0 ? { guessedParameters: request.guessedParameters } : {}),
        ...(request.madeUpParameters && Object.keys(request.madeUpParameters).length > 0 ? { madeUpParameters: request.madeUpParameters } : {}),
      },
      tree,
      [...chain, path],
      count,
    ));
    children.set(request.logicalId, child);
    if (options.exports) Object.assign(options.exports, exportTexts(treeExports(child)));
    const { outputsNotCreated, standIns } = child.template;
    return { kind: 'simulated', stackId: id, outputs: child.template.outputs, file: shown, ...(outputsNotCreated ? { outputsNotCreated } : {}), ...(standIns ? { standIns } : {}) };
  };
  const template = resolveTemplate(source, { ...options, nestedStacks });
  return { name: options.stackName, id: stackEnvironment(options).stackId, template, children };
}

function failure(message: string): NestedStackResolution {
  return { kind: 'not-simulated', pointer: '', message, severity: 'error' };
}

/** The `Parameters` a nested-stack resource passes: strings, a list as its comma-separated form (as the service takes them). */
function parameterValues(properties: JsonObject): Record<string, string> {
  const given = Object.prototype.hasOwnProperty.call(properties, 'Parameters') ? properties.Parameters : undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) return out;
  for (const [key, value] of Object.entries(given)) {
    if (Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',');
    else out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/**
 * Resolves a child; a parameter it lacks a value for is said in the child's file, where it is declared, and names the
 * parent stack and resource that must pass it (a child shared by several parents would not say which one to mend).
 */
function forParent<T>(request: { readonly logicalId: string; readonly parentStackName: string }, childFile: string, resolve: () => T): T {
  // Only the child's own declarations: a grandchild's were said by the child that nests it.
  const ofChild = (d: Diagnostic): boolean => d.code === 'RES_MISSING_PARAMETER' && d.file === childFile;
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof TemplateError) || !error.diagnostics.some(ofChild)) throw error;
    const note = ` (stack ${request.parentStackName} passes none to its nested stack ${request.logicalId}: add it to that resource's Parameters)`;
    throw new TemplateError(error.diagnostics.map((d) => (ofChild(d) ? { ...d, message: `${d.message}${note}` } : d)));
  }
}
