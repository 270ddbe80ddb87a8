/**
 * `hook-role.yaml`, the hook's execution role: what `cfn generate` renders for the schema (cloudformation-cli
 * project.py generate + templates/hook-role.yml), and the check that the file on disk still allows every action the
 * schema's handlers list. `cfn submit` deploys the file as it is; a role generated before a handler gained a
 * permission is deployed without a word, and the hook then fails with AccessDenied at run time.
 */
import type { HookSchema } from '../../kernel/hook-config';
import { YAML_LOG_LEVEL, yamlLibrary } from '../../kernel/source';
import { isJsonObject } from '../../kernel/protocol';
import { ProjectError } from '../errors';
import { HOOK_ROLE_TEMPLATE_FILE, type ProjectFile } from './hook-project';

/** The command that rewrites hook-role.yaml from the schema (`ship generate`, cfn's `cfn generate`). */
export const GENERATE_COMMAND = 'npm run generate';

/** cfn's DEFAULT_ROLE_TIMEOUT_MINUTES, and the bounds of an IAM role's MaxSessionDuration (1 h to 12 h). */
const DEFAULT_ROLE_TIMEOUT_MINUTES = 120;
const MIN_ROLE_TIMEOUT_SECONDS = 3600;
const MAX_ROLE_TIMEOUT_SECONDS = 43200;

/** The sorted union of every handler's permissions, without empty strings (an IAM statement cannot name ""). */
export function hookRoleActions(schema: HookSchema): string[] {
  const actions = new Set<string>();
  for (const handler of Object.values(schema.handlers ?? {})) {
    for (const action of handler?.permissions ?? []) if (typeof action === 'string' && action !== '') actions.add(action);
  }
  return [...actions].sort();
}

/**
 * hook-role.yaml as cfn renders it: the actions are the schema's (`"*"` with Deny when there are none),
 * MaxSessionDuration is 70 s per minute of the longest handler timeout (120 min when none is set), clamped to
 * 1-12 h, and the type name is hyphenated with its case kept.
 */
export function renderHookRole(schema: HookSchema): string {
  const handlers = Object.values(schema.handlers ?? {});
  const actions = hookRoleActions(schema);
  const permission = actions.length ? 'Allow' : 'Deny';
  if (!actions.length) actions.push('*');
  // timeoutInMinutes is not in the HookSchema model (the validator checks it); read as the schema writes it.
  const timeouts = handlers.map((h) => {
    const minutes = (h as { timeoutInMinutes?: unknown } | undefined)?.timeoutInMinutes;
    return typeof minutes === 'number' ? minutes : DEFAULT_ROLE_TIMEOUT_MINUTES;
  });
  const longest = timeouts.length ? Math.max(...timeouts) : DEFAULT_ROLE_TIMEOUT_MINUTES;
  const timeout = Math.min(MAX_ROLE_TIMEOUT_SECONDS, Math.max(MIN_ROLE_TIMEOUT_SECONDS, 70 * longest));
  const typeName = schema.typeName.replace(/::/g, '-');
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: >
  This CloudFormation template creates a role assumed by CloudFormation
  during Hook operations on behalf of the customer.

Resources:
  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: ${timeout}
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service:
                - hooks.cloudformation.amazonaws.com
                - resources.cloudformation.amazonaws.com
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                aws:SourceAccount:
                  Ref: AWS::AccountId
              StringLike:
                aws:SourceArn:
                  Fn::Sub: arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:type/hook/${typeName}/*
      Path: "/"
      Policies:
        - PolicyName: HookTypePolicy
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: ${permission}
                Action:
${actions.map((a) => `                - "${a}"\n`).join('')}                Resource: "*"
Outputs:
  ExecutionRoleArn:
    Value:
      Fn::GetAtt: ExecutionRole.Arn
`;
}

/**
 * Refuses a hook-role.yaml that does not allow every action of the schema's handlers, naming the missing actions,
 * located at the role's policy statements, and saying which command regenerates it.
 * [choice] What counts as allowed: an action matched (IAM's case-insensitive `*`/`?` wildcards) by an `Allow`
 * statement's `Action` in an inline policy (`Policies`) of an `AWS::IAM::Role` in the file, and by no `Deny`
 * statement's. Managed policies, separate policy resources, `NotAction`, conditions and resources are not read: the
 * file `cfn generate` renders has none of them, and a role built otherwise can be passed with `submit --role-arn`.
 */
export function checkHookRole(schema: HookSchema, file: ProjectFile): void {
  const required = hookRoleActions(schema);
  if (required.length === 0) return;
  const { roles, locate } = parseRoleTemplate(file);
  const allowed: string[] = [];
  const denied: string[] = [];
  let statementsAt: readonly (string | number)[] | undefined;
  for (const [logicalId, role] of roles) {
    const policies = role.Properties?.Policies;
    if (!Array.isArray(policies)) continue;
    policies.forEach((policy, p) => {
      if (!isJsonObject(policy) || !isJsonObject(policy.PolicyDocument)) return;
      const statements = policy.PolicyDocument.Statement;
      statementsAt ??= ['Resources', logicalId, 'Properties', 'Policies', p, 'PolicyDocument', 'Statement'];
      for (const statement of Array.isArray(statements) ? statements : [statements]) {
        if (!isJsonObject(statement)) continue;
        const actions = typeof statement.Action === 'string' ? [statement.Action] : Array.isArray(statement.Action) ? statement.Action.filter((a): a is string => typeof a === 'string') : [];
        if (statement.Effect === 'Allow') allowed.push(...actions);
        else if (statement.Effect === 'Deny') denied.push(...actions);
      }
    });
  }
  const missing = required.filter((action) => !allowed.some((pattern) => iamActionMatches(pattern, action)) || denied.some((pattern) => iamActionMatches(pattern, action)));
  if (missing.length === 0) return;
  const at = locate(statementsAt ?? (roles.length ? ['Resources', roles[0][0]] : ['Resources']));
  throw new ProjectError(
    `${HOOK_ROLE_TEMPLATE_FILE} does not allow ${missing.join(', ')}, which the schema's handlers list in permissions: the hook would be denied them at run time; regenerate the file with \`${GENERATE_COMMAND}\``,
    file.path,
    at.line,
    at.column,
    'HOOK_ROLE_STALE',
  );
}

/** The subset of an IAM role resource this check reads. */
interface RoleResource {
  readonly Type?: unknown;
  readonly Properties?: { readonly Policies?: unknown };
}

/** The template's IAM roles, by logical id, and a way from a path in the file to its line and column. */
function parseRoleTemplate(file: ProjectFile): {
  roles: Array<[string, RoleResource]>;
  locate: (path: readonly (string | number)[]) => { line: number; column: number };
} {
  const yaml = yamlLibrary();
  const text = file.bytes.toString('utf8');
  const lineCounter = new yaml.LineCounter();
  // CloudFormation's short-form tags (!GetAtt, !Sub) are read as plain scalars: only the policies matter here.
  const document = yaml.parseDocument(text, { lineCounter, logLevel: YAML_LOG_LEVEL });
  const syntax = document.errors[0];
  if (syntax) {
    const [position] = syntax.linePos ?? [{ line: 1, col: 1 }];
    throw new ProjectError(`${HOOK_ROLE_TEMPLATE_FILE} is not valid YAML: ${syntax.message.split('\n')[0]}`, file.path, position.line, position.col, 'HOOK_ROLE_INVALID');
  }
  const template: unknown = document.toJS();
  const resources = isJsonObject(template) && isJsonObject(template.Resources) ? template.Resources : {};
  const roles = Object.entries(resources).filter((entry): entry is [string, RoleResource] => isJsonObject(entry[1]) && entry[1].Type === 'AWS::IAM::Role');
  const locate = (path: readonly (string | number)[]): { line: number; column: number } => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const position = lineCounter.linePos(node.range[0]);
        return { line: position.line, column: position.col };
      }
    }
    return { line: 1, column: 1 };
  };
  return { roles, locate };
}

/** IAM's action matching: case-insensitive, `*` any run of characters, `?` one character. */
function iamActionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(action);
}
