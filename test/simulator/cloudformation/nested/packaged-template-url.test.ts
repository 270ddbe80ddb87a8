/** A nested stack's local TemplateURL, as the hooks are sent it: the URL `aws cloudformation package` would give. */
import { createHash } from 'node:crypto';
import { planTree, type ResolvedStack } from '../../../../simulator/cloudformation/nested';
import { PACKAGE_BUCKET, packagedTemplateUrl } from '../../../../simulator/cloudformation/nested/packaged-template-url';
import type { ResolvedTemplate } from '../../../../simulator/cloudformation/template/types';
import type { JsonObject } from '../../../../src/kernel/protocol';
import { resource } from '../build-resources';

const placement = { region: 'eu-west-1', accountId: '123456789012' };
const PACKAGED = new RegExp(`^https://s3\\.eu-west-1\\.amazonaws\\.com/${PACKAGE_BUCKET}/[0-9a-f]{32}\\.template$`);

/** A stack whose template is `body` as written, its resources as resolved, with nested stacks `children`. */
function stack(body: JsonObject, resources: ResolvedTemplate['resources'], children: Record<string, ResolvedStack> = {}): ResolvedStack {
  const template = { resources, warnings: [], exports: {}, outputs: {}, parameters: {}, conditions: {}, source: { file: 'template.yml', body } } as unknown as ResolvedTemplate;
  return { name: 'stack', id: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/stack/1', template, children: new Map(Object.entries(children)) };
}

/** A child holding one queue with this key. */
const child = (key: string): ResolvedStack => stack({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: key } } } }, [resource('Q', 'AWS::SQS::Queue', { KmsMasterKeyId: key })]);

/** A parent nesting `nested` under `url`. */
const parent = (url: string, nested: ResolvedStack): ResolvedStack =>
  stack({ Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: url } } } }, [resource('Child', 'AWS::CloudFormation::Stack', { TemplateURL: url })], { Child: nested });

/** The Child step's TemplateURL as the hooks get it, and the deployed one's. */
function urls(operation: 'create' | 'update' | 'delete', trees: { previous?: ResolvedStack; next?: ResolvedStack }): [unknown, unknown] {
  const step = planTree(operation, trees, placement).plan.steps.find((s) => s.resource.logicalId === 'Child');
  return [step?.resource.properties.TemplateURL, step?.previous?.properties.TemplateURL];
}

describe('a nested stack\'s local TemplateURL is sent as its packaged URL', () => {
  it.each<[string, 'create' | 'update' | 'delete', { previous?: ResolvedStack; next?: ResolvedStack }, (sent: [unknown, unknown]) => void]>([
    [
      'update of the child only: the two sides differ, as the two uploads would',
      'update',
      { previous: parent('./child.yaml', child('alias/v1')), next: parent('./child.yaml', child('alias/v2')) },
      ([next, previous]) => {
        expect(next).toMatch(PACKAGED);
        expect(previous).toMatch(PACKAGED);
        expect(next).not.toBe(previous);
      },
    ],
    [
      'create: the packaged URL, its key the MD5 of the child as parsed',
      'create',
      { next: parent('file:child.yaml', child('alias/v1')) },
      ([next, previous]) => {
        const md5 = createHash('md5').update(JSON.stringify(child('alias/v1').template.source.body)).digest('hex');
        expect(next).toBe(`https://s3.eu-west-1.amazonaws.com/${PACKAGE_BUCKET}/${md5}.template`);
        expect(previous).toBeUndefined();
      },
    ],
    [
      'delete: the deployed child\'s URL',
      'delete',
      { previous: parent('./child.yaml', child('alias/v1')) },
      ([deployed]) => expect(deployed).toBe(packagedTemplateUrl(child('alias/v1'), 'eu-west-1')),
    ],
    [
      'an https URL (mapped to a file with --template-map) stays as written',
      'update',
      { previous: parent('https://s3.amazonaws.com/b/child.yaml', child('alias/v1')), next: parent('https://s3.amazonaws.com/b/child.yaml', child('alias/v2')) },
      (sent) => expect(sent).toEqual(['https://s3.amazonaws.com/b/child.yaml', 'https://s3.amazonaws.com/b/child.yaml']),
    ],
  ])('%s', (_, operation, trees, check) => {
    check(urls(operation, trees));
  });

  it('changes a child\'s URL when only its own local child changes (the CLI uploads the child with its children\'s URLs)', () => {
    const withGrandchild = (key: string): ResolvedStack => parent('./grandchild.yaml', child(key));
    expect(packagedTemplateUrl(withGrandchild('alias/v1'), 'eu-west-1')).not.toBe(packagedTemplateUrl(withGrandchild('alias/v2'), 'eu-west-1'));
    expect(packagedTemplateUrl(withGrandchild('alias/v1'), 'eu-west-1')).toBe(packagedTemplateUrl(withGrandchild('alias/v1'), 'eu-west-1'));
  });
});
