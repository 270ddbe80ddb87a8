/**
 * How one stack of a CDK cloud assembly runs, whether the assembly is simulated whole (run-unit.ts) or one of its
 * templates is named on its own (`simulate cdk.out/App.template.json`, simulate-one.ts): in its environment, with
 * the manifest's parameters and what the CDK CLI supplies when it deploys (legacy asset parameters, nested templates
 * at their upload URLs, the bootstrap version). What the user gives wins.
 */
import { isAbsolute, join } from 'node:path';
import { isCloudAssembly, legacyAssetParameters, nestedTemplateUrls, type AssemblyReads, type AssemblyStack } from '../cloudformation/assembly';
import { CDK_DEPLOY_CHANGE_SET_NAME, type SimulateOptions } from './options';

/** The options a stack of an assembly runs with (`stackName` left to the caller: an assembly run forces it). */
export function assemblyStackOptions(stack: AssemblyStack, options: SimulateOptions): SimulateOptions {
  const { accountId, region } = stackPlacement(stack, options);
  const assetParameters = legacyAssetParameters(stack.legacyAssets, accountId, region);
  return {
    ...options,
    parameters: { ...assetParameters, ...stack.parameters, ...parametersFor(stack, options.parameters) },
    // The deployed side's values take the same `STACK:Key` form (the deployed stack has this stack's name).
    previousParameters: parametersFor(stack, options.previousParameters),
    templateMap: { ...nestedTemplateUrls(stack, accountId, region, assetParameters), ...options.templateMap },
    region,
    accountId,
    ...(Object.keys(stack.constructPaths).length > 0 ? { constructPaths: stack.constructPaths } : {}),
    ...(stack.terminationProtection ? { terminationProtection: true as const } : {}),
    // `cdk deploy` creates a change set and executes it (its default method): CHANGE_SET hooks are called first.
    ...(options.changeSet === undefined && options.operation !== 'delete' && options.cdkMethod !== 'direct' ? { changeSet: { name: CDK_DEPLOY_CHANGE_SET_NAME, execute: true } } : {}),
  };
}

/**
 * Why a run refuses an option only a cloud assembly's stacks take, or undefined: `--stack` selects stacks of an
 * assembly, and `--method` is how `cdk deploy` deploys them (a stack template of an assembly named on its own, which
 * runs as that stack, takes it too: `isStackTemplate`, asked only then). Given to a run without one, each was ignored
 * without a word, and a user meaning `--stack-name` (the `aws cloudformation deploy` spelling) saw the run under
 * another name. [choice] Refused as a usage error rather than warned about: docs/simulator.md gives both as options of
 * an assembly's stacks, so such a run cannot be what was meant.
 */
export function assemblyOptionRefusal(options: Pick<SimulateOptions, 'stackPattern' | 'cdkMethod'>, hasAssembly: boolean, isStackTemplate: () => boolean): string | undefined {
  if (hasAssembly) return undefined;
  if (options.stackPattern !== undefined) {
    return `--stack selects stacks of a cloud assembly (a cdk.out folder), and no input of this run is one: to name the stack a template is deployed as, use --stack-name <name>`;
  }
  if (options.cdkMethod !== undefined && !isStackTemplate()) {
    return `--method is how cdk deploy creates or updates a cloud assembly's stacks, and no input of this run is a cloud assembly or a stack template of one: --operation change-set simulates a change set`;
  }
  return undefined;
}

/** True when `--previous` names a cloud assembly (an earlier synth) rather than one template. */
export function previousIsSynth(options: Pick<SimulateOptions, 'previous'>, cwd: string): boolean {
  return options.previous !== undefined && isCloudAssembly(isAbsolute(options.previous) ? options.previous : join(cwd, options.previous));
}

/**
 * `--previous <cloud assembly>`, an earlier synth (the main branch's `cdk.out`): a stack is updated from the template
 * its stack has there, the same stack name in the same account and region, as `cdk deploy` updates the deployed
 * stack of that name; its nested stacks' templates are mapped from that synth's assets too. A stack the earlier synth
 * lacks is created, as `cdk deploy` would create it. Options without such a `--previous` are returned as they are.
 */
export function withPreviousSynth(stack: AssemblyStack, options: SimulateOptions, cwd: string, assemblies: AssemblyReads): SimulateOptions {
  if (options.previous === undefined || !previousIsSynth(options, cwd)) return options;
  const folder = isAbsolute(options.previous) ? options.previous : join(cwd, options.previous);
  const here = stackPlacement(stack, options);
  const deployed = assemblies.stacksOf(folder).find((earlier) => {
    const there = stackPlacement(earlier, options);
    return earlier.stackName === stack.stackName && there.accountId === here.accountId && there.region === here.region;
  });
  const rest = withoutPrevious(options);
  if (deployed === undefined) return { ...rest, operation: 'create' };
  const assetParameters = legacyAssetParameters(deployed.legacyAssets, here.accountId, here.region);
  return {
    ...rest,
    previous: deployed.templateFile,
    earlierSynth: options.previous,
    // The deployed stack keeps what `cdk deploy` gave it last time: its own asset parameters, not the new synth's.
    earlierSynthParameters: { ...assetParameters, ...deployed.parameters },
    templateMap: { ...nestedTemplateUrls(deployed, here.accountId, here.region, assetParameters), ...options.templateMap },
  };
}

/** The options without `--previous`: the earlier synth is no template, so no later step may read it as one. */
function withoutPrevious(options: SimulateOptions): SimulateOptions {
  const copy: { -readonly [K in keyof SimulateOptions]?: SimulateOptions[K] } = { ...options };
  delete copy.previous;
  return copy as SimulateOptions;
}

/** Where a stack of an assembly is deployed: its manifest's environment, else the run's account and region (an env-agnostic stack). */
export function stackPlacement(stack: Pick<AssemblyStack, 'accountId' | 'region'>, options: Pick<SimulateOptions, 'accountId' | 'region'>): { accountId: string; region: string } {
  return { accountId: stack.accountId ?? options.accountId, region: stack.region ?? options.region };
}

/**
 * The `--parameter` (or `--previous-parameter`) values for this stack: plain `Key=Value` ones, and the CDK CLI's
 * `STACK:Key=Value` (`cdk deploy --parameters`) for this stack, named by its stack name, artifact id or construct path. A parameter name has no `:`,
 * so one with it is always meant for one stack; those for other stacks are left out.
 */
function parametersFor(stack: AssemblyStack, given: Readonly<Record<string, string>>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const put = (name: string, value: string): void => void Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  for (const [name, value] of Object.entries(given)) if (stackScopedParameter(name) === undefined) put(name, value);
  // The stack's own value wins over a plain one, as `cdk deploy` lets `STACK:KEY` override `KEY`.
  for (const [name, value] of Object.entries(given)) {
    const scoped = stackScopedParameter(name);
    if (scoped !== undefined && [stack.stackName, stack.artifactId, stack.displayName].includes(scoped.stack)) put(scoped.key, value);
  }
  return out;
}

/** A `--parameter` name in the CDK CLI's `STACK:Key` form, split; undefined for a plain name (a parameter name has no `:`). */
export function stackScopedParameter(name: string): { stack: string; key: string } | undefined {
  const colon = name.indexOf(':');
  return colon < 0 ? undefined : { stack: name.slice(0, colon), key: name.slice(colon + 1) };
}
