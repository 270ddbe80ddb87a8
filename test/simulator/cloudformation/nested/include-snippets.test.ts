/**
 * AWS::Include snippets inserted before resolution: where each Location is read from, that each file is read once,
 * and the bound on how many files one template may make the simulator read.
 */
import { expandLocalIncludes, MAX_INCLUDED_SNIPPETS } from '../../../../simulator/cloudformation/nested/include-snippets';
import { readTemplate, TemplateError } from '../../../../simulator/cloudformation/template';
import type { JsonValue } from '../../../../src/kernel/protocol';
import { thrownDiagnostics } from '../../../support/input-error';

const include = (location: string) => ({ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: location } } });
const templateWith = (locations: readonly string[]) =>
  readTemplate('/repo/infra/app.json', JSON.stringify({ Resources: Object.fromEntries(locations.map((location, i) => [`Topic${i}`, { Type: 'AWS::SNS::Topic', Properties: include(location) }])) }));

function expand(locations: readonly string[], templateMap: Record<string, string> = {}) {
  const reads: string[] = [];
  const source = expandLocalIncludes(templateWith(locations), templateMap, (file): JsonValue => {
    reads.push(file);
    return { DisplayName: file };
  });
  const resources = source.body.Resources as Record<string, { Properties: unknown }>;
  return { reads, properties: Object.values(resources).map((r) => r.Properties) };
}

describe('AWS::Include snippets', () => {
  it.each<[string, string, Record<string, string>, string | undefined]>([
    ['a relative path, from the template folder', 'snippets/topic.yaml', {}, '/repo/infra/snippets/topic.yaml'],
    ['a file: URL', 'file:../shared/topic.yaml', {}, '/repo/shared/topic.yaml'],
    ['an S3 URI given to --template-map', 's3://bucket/topic.yaml', { 's3://bucket/topic.yaml': '/local/topic.yaml' }, '/local/topic.yaml'],
    ['an S3 URI under a mapped folder', 's3://bucket/team/topic.yaml', { 's3://bucket/': '/local/' }, '/local/team/topic.yaml'],
    ['an S3 URI nobody mapped: left for the resolver to refuse', 's3://bucket/topic.yaml', {}, undefined],
  ])('%s', (_name, location, templateMap, file) => {
    const { reads, properties } = expand([location], templateMap);
    expect(reads).toEqual(file === undefined ? [] : [file]);
    expect(properties[0]).toEqual(file === undefined ? include(location) : { DisplayName: file });
  });

  it('reads a snippet included in many places once', () => {
    expect(expand(['a.yaml', 'b.yaml', 'a.yaml', 'a.yaml']).reads).toEqual(['/repo/infra/a.yaml', '/repo/infra/b.yaml']);
  });

  it(`refuses a template that includes more than ${MAX_INCLUDED_SNIPPETS} files, located at the first one beyond`, () => {
    const locations = Array.from({ length: MAX_INCLUDED_SNIPPETS + 1 }, (_, i) => `s${i}.yaml`);
    expect(thrownDiagnostics(() => expand(locations), TemplateError).map((d) => [d.code, d.path])).toEqual([['RES_TRANSFORM', `/Resources/Topic${MAX_INCLUDED_SNIPPETS}/Properties/Fn::Transform/Parameters/Location`]]);
  });

  describe('beside other keys (a section, or a declaration)', () => {
    const expandWith = (template: object, snippet: JsonValue) => expandLocalIncludes(readTemplate('/repo/app.json', JSON.stringify(template)), {}, () => snippet);

    it("adds the snippet's keys where the Fn::Transform is, in order", () => {
      const source = expandWith({ Resources: { A: { Type: 'AWS::SNS::Topic' }, ...include('shared.yaml'), Z: { Type: 'AWS::SNS::Topic' } } }, { B: { Type: 'AWS::SQS::Queue' } });
      expect(Object.keys(source.body.Resources as object)).toEqual(['A', 'B', 'Z']);
      expect(source.warnings).toBeUndefined();
    });

    it('a key both declare keeps the later one, with a warning at the Location', () => {
      const before = expandWith({ Resources: { ...include('shared.yaml'), A: { Type: 'AWS::SNS::Topic' } } }, { A: { Type: 'AWS::SQS::Queue' } });
      expect((before.body.Resources as Record<string, { Type: string }>).A?.Type).toBe('AWS::SNS::Topic');
      const after = expandWith({ Resources: { A: { Type: 'AWS::SNS::Topic' }, ...include('shared.yaml') } }, { A: { Type: 'AWS::SQS::Queue' } });
      expect((after.body.Resources as Record<string, { Type: string }>).A?.Type).toBe('AWS::SQS::Queue');
      expect(after.warnings?.map((w) => [w.code, w.severity, w.path])).toEqual([['TPL_DUPLICATE_KEY', 'warning', '/Resources/Fn::Transform/Parameters/Location']]);
    });

    it('a snippet that is not a mapping is refused, located at its Location', () => {
      const diagnostics = thrownDiagnostics(() => expandWith({ Resources: { A: { Type: 'AWS::SNS::Topic' }, ...include('list.yaml') } }, ['a']), TemplateError);
      expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
        ['RES_TRANSFORM', '/Resources/Fn::Transform/Parameters/Location', expect.stringMatching(/the snippet \/repo\/list\.yaml holds a list; an include beside other keys inserts its keys, so it must hold a mapping/) as string],
      ]);
    });
  });

  describe('in the Transform section (the documented top-level form)', () => {
    const expandWith = (template: object, snippet: JsonValue) => expandLocalIncludes(readTemplate('/repo/app.json', JSON.stringify(template)), {}, () => snippet);
    const entry = (location: string) => ({ Name: 'AWS::Include', Parameters: { Location: location } });

    it.each<[string, unknown, unknown, string[]]>([
      ['alone: the section goes, the sections come', entry('top.yaml'), undefined, ['Conditions', 'Resources']],
      ['in a list: the other transforms stay', ['AWS::LanguageExtensions', entry('top.yaml')], ['AWS::LanguageExtensions'], ['Transform', 'Conditions', 'Resources']],
      ['only in S3: left for the resolver to refuse', entry('s3://b/top.yaml'), entry('s3://b/top.yaml'), ['Transform', 'Resources']],
    ])('%s', (_name, transform, kept, keys) => {
      const source = expandWith({ Transform: transform, Resources: { A: { Type: 'AWS::SNS::Topic' } } }, { Conditions: { Yes: { 'Fn::Equals': [1, 1] } } });
      expect(source.body.Transform).toEqual(kept);
      expect(Object.keys(source.body)).toEqual(keys);
    });

    it('a section both declare keeps the later one, with a warning at the Location', () => {
      const source = expandWith({ Transform: entry('top.yaml'), Resources: { A: { Type: 'AWS::SNS::Topic' } } }, { Resources: { B: { Type: 'AWS::SQS::Queue' } } });
      expect(Object.keys(source.body.Resources as object)).toEqual(['A']);
      expect(source.warnings?.map((w) => [w.code, w.path])).toEqual([['TPL_DUPLICATE_KEY', '/Transform/Parameters/Location']]);
    });
  });

  it('leaves a template that names no include as it is', () => {
    const source = readTemplate('/repo/app.yaml', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    expect(expandLocalIncludes(source, {}, () => {
      throw new Error('read');
    })).toBe(source);
  });
});
