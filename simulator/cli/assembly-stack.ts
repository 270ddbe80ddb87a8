/**
 * How one stack of a CDK cloud assembly runs, whether the assembly is simulated whole (run-unit.ts) or one of its
 * templates is named on its own (`simulate cdk.out/App.template.json`, simulate-one.ts): in its environment, with
 * the manifest's parameters and what the CDK CLI supplies when it deploys (legacy asset parameters, nested templates
 * at their upload URLs, the bootstrap version). What the user gives wins.
 */
import { legacyAssetParameters, nestedTemplateUrls, type AssemblyStack } from '../cloudformation/assembly';
import type { SimulateOptions } from './options';

/** The options a stack of an assembly runs with (`stackName` left to the caller: an assembly run forces it). */
export function assemblyStackOptions(stack: AssemblyStack, options: SimulateOptions): SimulateOptions {
  const accountId = stack.accountId ?? options.accountId;
  const region = stack.region ?? options.region;
  const assetParameters = legacyAssetParameters(stack.legacyAssets, accountId, region);
  return {
    ...options,
    parameters: { ...assetParameters, ...stack.parameters, ...options.parameters },
    templateMap: { ...nestedTemplateUrls(stack, accountId, region, assetParameters), ...options.templateMap },
    region,
    accountId,
    ...(Object.keys(stack.constructPaths).length > 0 ? { constructPaths: stack.constructPaths } : {}),
  };
}
