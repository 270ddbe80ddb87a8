/**
 * Planning one hook event (`pre` or `post` of a command): which files run, in which order, with which runtime.
 * The plan is data; running it is `run.ts`. The CLI plans `post` only after the command ran, so a duplicate among
 * the post hooks stops the CLI after the command, not before it — we plan each prefix at the same moment it does.
 */
import { join } from 'node:path';
import { displayName } from '../../../src/kernel/diagnostics';
import { hookBaseNames, type HookEvent } from './command-table';
import { filesForHook, type HooksFolderEntry } from './hook-files';
import type { ExtensionRuntime } from './hooks-config';
import { findRuntime } from './runtime-lookup';

export type HookPrefix = 'pre' | 'post';

/** How a step's runtime was resolved. */
export type RuntimeResolution =
  | { readonly kind: 'found'; readonly name: string; readonly path: string; readonly options: readonly string[] }
  | { readonly kind: 'missing'; readonly name: string }
  /** The extension has no `runtime`: the CLI skips the file without a word. */
  | { readonly kind: 'unset' };

/** One hook file due to run. */
export interface HookStep {
  readonly hook: string;
  readonly prefix: HookPrefix;
  readonly fileName: string;
  /** Relative to the project root. */
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly runtime: RuntimeResolution;
}

/** The plan for one prefix: the steps, or the duplicate that stops the CLI before any of them runs. */
export type EventPlan =
  | { readonly kind: 'steps'; readonly steps: readonly HookStep[] }
  | { readonly kind: 'duplicates'; readonly hook: string; readonly fileNames: readonly string[]; readonly message: string };

/** Where the plan looks and what it knows about runtimes. */
export interface PlanContext {
  readonly projectRoot: string;
  readonly hooksDir: string;
  readonly entries: readonly HooksFolderEntry[];
  readonly extensions: Readonly<Record<string, ExtensionRuntime>>;
  readonly pathVariable: string | undefined;
}

/** Plans the `prefix` hooks of `event`: command level, then sub-command level. */
export function planHookEvent(context: PlanContext, event: HookEvent, prefix: HookPrefix): EventPlan {
  const known = new Set(Object.keys(context.extensions));
  const chosen: Array<{ hook: string; fileName: string; extension: string }> = [];
  // Both levels are checked for duplicates before either runs.
  for (const hook of hookBaseNames(event, prefix)) {
    const files = filesForHook(context.entries, hook, known);
    if (files.length > 1) {
      const fileNames = files.map((f) => f.fileName);
      return { kind: 'duplicates', hook, fileNames, message: `found duplicate hook scripts: ${fileNames.map(displayName).join(', ')}` };
    }
    if (files.length === 1) chosen.push({ hook, fileName: files[0].fileName, extension: files[0].extension as string });
  }
  const steps = chosen.map(({ hook, fileName, extension }): HookStep => {
    const absolutePath = join(context.hooksDir, fileName);
    return {
      hook,
      prefix,
      fileName,
      relativePath: join('amplify', 'hooks', fileName),
      absolutePath,
      runtime: resolveRuntime(context.extensions[extension], context),
    };
  });
  return { kind: 'steps', steps };
}

function resolveRuntime(entry: ExtensionRuntime | undefined, context: PlanContext): RuntimeResolution {
  // The simulator always stands in for a Linux or macOS machine: runtime_windows is never used.
  const name = entry?.runtime;
  if (!name) return { kind: 'unset' };
  const path = findRuntime(name, context.pathVariable, context.projectRoot);
  return path ? { kind: 'found', name, path, options: entry.runtime_options ?? [] } : { kind: 'missing', name };
}
