/**
 * `generate`: write hook-role.yaml from the schema, as `cfn generate` does for a hook (the rest of what cfn generates,
 * the plugin's model code, this project does not need: the handler's types are written by hand).
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../../kernel/diagnostics';
import { readBoundedBytes } from '../../kernel/source';
import { writeFileAtomically, type OutputRule } from '../package/package-output';
import { HOOK_ROLE_TEMPLATE_FILE, loadHookProject, type HookProject } from '../project/hook-project';
import { hookRoleActions, renderHookRole } from '../project/hook-role';
import { checkHookSchema, type SchemaValidator } from '../project/schema-check';

/**
 * hook-role.yaml is the one file generate writes and the one it may replace, whatever it holds (it is regenerated
 * precisely because it is out of date); never over one of its inputs (a hook-role.yaml that is a link to the schema).
 */
const HOOK_ROLE_OUTPUT: OutputRule = {
  option: HOOK_ROLE_TEMPLATE_FILE,
  what: HOOK_ROLE_TEMPLATE_FILE,
  mayReplace: () => true,
  otherwise: '',
};

export interface GeneratedHookRole {
  readonly project: HookProject;
  /** Absolute path of hook-role.yaml. */
  readonly path: string;
  /** False when the file already held exactly this (nothing was written). */
  readonly changed: boolean;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly warnings: readonly Diagnostic[];
}

/** Validates the schema (as package does) and writes hook-role.yaml from it; throws ProjectError / DocumentRejectedError. */
export function generateHookRole(root: string, validateSchema: SchemaValidator): GeneratedHookRole {
  const project = loadHookProject(root);
  const warnings = [...project.warnings, ...checkHookSchema(project, validateSchema)];
  const path = resolve(root, HOOK_ROLE_TEMPLATE_FILE);
  const bytes = Buffer.from(renderHookRole(project.schema), 'utf8');
  const changed = !sameBytes(path, bytes);
  if (changed) writeFileAtomically(path, bytes, [project.settingsFile.path, project.schemaFile.path].map((file) => resolve(root, file)), HOOK_ROLE_OUTPUT);
  const actions = hookRoleActions(project.schema);
  return { project, path, changed, effect: actions.length ? 'Allow' : 'Deny', actions, warnings };
}

/** True when `path` is a file holding exactly `bytes` (read with a bound just past their length). */
function sameBytes(path: string, bytes: Buffer): boolean {
  try {
    const read = readBoundedBytes(path, bytes.length + 1);
    return !read.truncated && read.bytes.equals(bytes);
  } catch {
    return false;
  }
}
