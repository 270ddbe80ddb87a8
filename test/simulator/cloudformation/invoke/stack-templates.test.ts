import { nestedStackTemplates, resolvedText, submittedText } from '../../../../simulator/cloudformation/invoke';
import type { ResolvedTemplate, TemplateSource } from '../../../../simulator/cloudformation/template/types';
import { resource } from '../build-resources';

/** A resolved template whose source was read as `text` (or built in memory when text is undefined). */
function resolved(text: string | undefined, queueName: string): ResolvedTemplate {
  const source = { file: 'child.yaml', format: 'yaml', body: { Description: text ?? 'built', Resources: { Q: { Type: 'AWS::SQS::Queue' } } }, ...(text !== undefined ? { text } : {}), locate: () => ({ line: 0, column: 0 }) } as TemplateSource;
  return {
    source,
    resources: [resource('Q', 'AWS::SQS::Queue', { QueueName: queueName }, { dependsOn: [] })],
    parameters: { Env: 'prod' },
    conditions: {},
    outputs: {},
    exports: {},
    transforms: [],
    warnings: [],
    secrets: { text: (t) => t, value: (v) => v, diagnostic: (d) => d, with: (o) => o },
  };
}

describe('a nested stack’s STACK payload texts', () => {
  const v1 = resolved('Description: v1\n', 'q1');
  const v2 = resolved('Description: v2\n', 'q2');

  it.each<[string, Parameters<typeof nestedStackTemplates>[0], ReturnType<typeof nestedStackTemplates>]>([
    [
      'create: its template as read, resolved, parsed; no previous',
      { next: v1 },
      { template: 'Description: v1\n', previousTemplate: '', resolvedTemplate: resolvedText(v1), documents: { template: v1.source.body, previousTemplate: null } },
    ],
    [
      'update: the new template, the deployed one as previous (texts and parsed)',
      { previous: v1, next: v2 },
      { template: 'Description: v2\n', previousTemplate: 'Description: v1\n', resolvedTemplate: resolvedText(v2), documents: { template: v2.source.body, previousTemplate: v1.source.body } },
    ],
    [
      'delete: nothing (the service sends both templates empty)',
      { previous: v1 },
      { template: '', previousTemplate: '', resolvedTemplate: '', documents: { template: null, previousTemplate: null } },
    ],
  ])('%s', (_name, templates, expected) => {
    expect(nestedStackTemplates(templates)).toEqual(expected);
  });

  it('a template built in memory is sent as its JSON; the resolved form has the resolved properties', () => {
    const built = resolved(undefined, 'q');
    expect(JSON.parse(submittedText(built.source))).toEqual({ Description: 'built', Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    expect(JSON.parse(resolvedText(built))).toEqual({ Parameters: { Env: 'prod' }, Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q' } } }, Outputs: {} });
  });
});
