/**
 * The one registry of diagnostic codes. Every code the project prints belongs to a family listed here, so a reader
 * can tell from a code alone which part of the project raised it, and a code outside these families is a compile
 * error. Each family's module keeps its own closed list of codes (e.g. `TemplateCode`, `ResolveCode`, the schema's
 * `SCHEMA_RULES`); this file only fixes the families and their shapes.
 */
export const CODE_FAMILIES = {
  TPL: 'reading a CloudFormation template (simulator/cloudformation/template)',
  RES: 'resolving a template for a stack (simulator/cloudformation/resolve)',
  PLAN: 'planning a stack operation (simulator/cloudformation/plan)',
  SIM: "the simulate command's own inputs: option values, side files (simulator/cli)",
  ACCOUNT: 'a simulated account file (simulator/cloudformation/account)',
  HOOKS: 'an account hooks file and the hooks it declares (simulator/cloudformation/hooks-file, invoke/kinds)',
  GUARD: 'Guard hooks: finding the cfn-guard engine, building its input (simulator/cloudformation/guard)',
  CLOUDCONTROL: 'a simulated Cloud Control API request: its type name and resource states (simulator/cloudformation/cloud-control)',
  CT: 'contract-test inputs (src/contract)',
  AMPLIFY: 'Amplify CLI command hooks (simulator/script-hooks/amplify)',
  EB: 'Elastic Beanstalk platform hooks (simulator/script-hooks/beanstalk)',
  SHIP: 'packaging, submitting and configuring (src/ship)',
  FILE: 'reading any file a user names (src/kernel/source)',
  SRC: 'JSON and YAML syntax (src/kernel/source)',
  HS: 'hook schema rules, HS1xx enforced by cfn, HS2xx documented, HS3xx warnings (src/schema)',
  HC: 'hook configuration rules (src/schema)',
} as const;

/** A family of codes. */
export type CodeFamily = keyof typeof CODE_FAMILIES;

type WordFamily = Exclude<CodeFamily, 'HS' | 'HC'>;

/** A diagnostic code: `FAMILY_REASON` in capitals, or a numbered schema rule (`HS101`, `HC010`). */
export type DiagnosticCode = `${WordFamily}_${Uppercase<string>}` | `HS${number}` | `HC${number}` | 'USAGE' | 'INTERNAL';

/** The family a code belongs to. */
export function codeFamily(code: DiagnosticCode): CodeFamily | undefined {
  const match = /^(HS|HC)\d|^([A-Z]+)_/.exec(code);
  const family = match?.[1] ?? match?.[2];
  return family !== undefined && Object.hasOwn(CODE_FAMILIES, family) ? (family as CodeFamily) : undefined;
}
