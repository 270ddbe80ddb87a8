/** Nested stacks: found, resolved and planned with their parent. */
export { CDK_ASSET_PATH, locateChild, type ChildLocation } from './locate-child';
export { planTree, type StackPlacement, type TreePlan } from './plan-nested';
export { exportTexts, guessHeld, MAX_NESTING_DEPTH, nestedStackName, resolveStackTree, treeExports, treeImports, treeResources, treeSsmWrites, treeWarnings, type ResolvedStack, type StackTreeOptions } from './stack-tree';
