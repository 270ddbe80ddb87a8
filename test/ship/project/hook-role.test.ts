/**
 * hook-role.yaml: rendered as `cfn generate` renders it, and checked against the schema's handler permissions before
 * package and submit use it (a stale role is deployed by cfn without a word, then denied at run time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HookSchema } from '../../../src/kernel/hook-config';
import { checkHookRole, hookRoleActions, ProjectError, renderHookRole } from '../../../src/ship';
import { repoRoot, SCHEMA_FILE } from '../temporary-project';

const projectSchema = JSON.parse(readFileSync(join(repoRoot, SCHEMA_FILE), 'utf8')) as HookSchema;

/** The project schema with each handler's permissions (and optionally timeout) replaced. */
function schemaWith(permissions: Partial<Record<'preCreate' | 'preUpdate' | 'preDelete', string[]>>, timeouts: Partial<Record<string, number>> = {}): HookSchema {
  const schema = JSON.parse(JSON.stringify(projectSchema)) as HookSchema;
  const handlers = schema.handlers as Record<string, { permissions: string[]; timeoutInMinutes?: number }>;
  for (const [name, handler] of Object.entries(handlers)) {
    handler.permissions = permissions[name as keyof typeof permissions] ?? [];
    if (timeouts[name] !== undefined) handler.timeoutInMinutes = timeouts[name];
  }
  return schema;
}

const roleFile = (text: string) => ({ path: 'hook-role.yaml', bytes: Buffer.from(text) });

describe('renderHookRole (cfn generate)', () => {
  it.each([
    ['the union of every handler, sorted, without ""', { preCreate: ['s3:B', ''], preDelete: ['s3:A', 's3:B'] }, {}, 'Allow', ['s3:A', 's3:B'], 8400],
    ['no permissions: "*" denied', {}, {}, 'Deny', ['*'], 8400],
    ['70 s per minute of the longest timeout, at least 1 h', { preCreate: ['s3:A'] }, { preCreate: 30, preUpdate: 40, preDelete: 45 }, 'Allow', ['s3:A'], 3600],
    ['at most 12 h', { preCreate: ['s3:A'] }, { preCreate: 700 }, 'Allow', ['s3:A'], 43200],
  ])('%s', (_label, permissions, timeouts, effect, actions, seconds) => {
    const text = renderHookRole(schemaWith(permissions, timeouts));
    expect(text).toContain(`      MaxSessionDuration: ${seconds}\n`);
    expect(text).toContain(`              - Effect: ${effect}\n                Action:\n${actions.map((a) => `                - "${a}"\n`).join('')}                Resource: "*"\n`);
    expect(text).toContain('type/hook/MyCompany-Testing-MyTestHook/*');
  });

  it('renders the committed hook-role.yaml from the committed schema', () => {
    expect(renderHookRole(projectSchema)).toBe(readFileSync(join(repoRoot, 'hook-role.yaml'), 'utf8'));
  });
});

describe('checkHookRole', () => {
  const current = renderHookRole(projectSchema);

  it.each([
    ['the rendered role', projectSchema, current],
    ['a wildcard that covers the actions (any case)', schemaWith({ preDelete: ['s3:ListAllMyBuckets', 'sqs:ListQueues'] }), current.replace(/(\n {16}- "[^"]+")+\n/, '\n                - "S3:*"\n                - "sqs:List*"\n')],
    ['a schema without permissions, whatever the role', schemaWith({}), 'Resources: {}\n'],
    ['short-form tags elsewhere in the file', projectSchema, current.replace('Fn::GetAtt: ExecutionRole.Arn', '!GetAtt ExecutionRole.Arn')],
  ])('accepts %s', (_label, schema, text) => {
    expect(() => checkHookRole(schema, roleFile(text))).not.toThrow();
  });

  it.each([
    [
      'a handler gained permissions (the role is stale)',
      schemaWith({ preDelete: [...hookRoleActions(projectSchema), 'dynamodb:ListTables', 'dynamodb:DescribeTable'] }),
      current,
      'dynamodb:DescribeTable, dynamodb:ListTables',
      33,
    ],
    ['an action a Deny statement takes back', projectSchema, current.replace('Resource: "*"\n', 'Resource: "*"\n              - Effect: Deny\n                Action: sqs:*\n                Resource: "*"\n'), 'sqs:GetQueueAttributes, sqs:ListQueues', 33],
    ['a role without policies', projectSchema, 'Resources:\n  ExecutionRole:\n    Type: AWS::IAM::Role\n    Properties: {}\n', hookRoleActions(projectSchema).join(', '), 3],
  ])('refuses %s, naming the missing actions and the command', (_label, schema, text, missing, line) => {
    let error: unknown;
    try {
      checkHookRole(schema, roleFile(text));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProjectError);
    // Line 33 is the policy's first statement, where the actions belong; line 3 the role, when it has no policy.
    expect(error).toMatchObject({ code: 'HOOK_ROLE_STALE', file: 'hook-role.yaml', line });
    expect((error as Error).message).toBe(
      `hook-role.yaml does not allow ${missing}, which the schema's handlers list in permissions: the hook would be denied them at run time; regenerate the file with \`npm run generate\``,
    );
  });

  it('locates a YAML syntax error', () => {
    expect(() => checkHookRole(projectSchema, roleFile('Resources:\n  Role: [unclosed\n'))).toThrow(expect.objectContaining({ code: 'HOOK_ROLE_INVALID', file: 'hook-role.yaml', line: expect.any(Number) }) as Error);
  });
});
