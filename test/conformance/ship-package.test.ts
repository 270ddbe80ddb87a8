/**
 * Conformance of the package's generated members with what the CloudFormation CLI writes, on real hook projects
 * from ../shared/corpus: `cfn generate` leaves `<type>-configuration.json` beside each schema, written with the
 * same json.dumps call `cfn submit` uses for the package's configuration-schema.json (plus a final newline).
 * Skips itself when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HookSchema } from '../../src/kernel/hook-config';
import { corpusPresent, CORPUS, filesUnder } from './corpus';
import { configurationSchema } from '../../src/ship';
import { pythonJsonIndented } from '../../src/ship/package/python-json';
import { loadHookProject } from '../../src/ship/project/hook-project';

const corpus = join(CORPUS, 'hook-schemas');
const present = corpusPresent('ship', 'hook-schemas');

function findFiles(dir: string, keep: (name: string) => boolean): string[] {
  return filesUnder(dir, keep, (name) => name !== 'inputs' && name !== 'node_modules');
}

const generated = present ? findFiles(corpus, (n) => n.endsWith('-configuration.json')).filter((f) => existsSync(f.replace(/-configuration\.json$/, '.json'))) : [];
const projects = present ? findFiles(corpus, (n) => n === '.rpdk-config').map((f) => join(f, '..')) : [];

(present ? describe : describe.skip)('ship conformance with cfn (../shared/corpus)', () => {
  it('finds real projects to compare with', () => {
    expect(generated.length).toBeGreaterThan(10);
    expect(projects.length).toBeGreaterThan(10);
  });

  it.each(generated.map((f) => [f.slice(corpus.length + 1)]))('configuration-schema.json matches cfn\'s %s byte for byte', (relative) => {
    const file = join(corpus, relative);
    const schema = JSON.parse(readFileSync(file.replace(/-configuration\.json$/, '.json'), 'utf8')) as HookSchema;
    expect(`${pythonJsonIndented(configurationSchema(schema, schema.typeName), 4)}\n`).toBe(readFileSync(file, 'utf8'));
  });

  it.each(projects.map((p) => [p.slice(corpus.length + 1)]))('reads the project %s as cfn does', (relative) => {
    const project = loadHookProject(join(corpus, relative));
    expect(project.settings.artifact_type).toBe('HOOK');
    expect(project.schema.typeName).toBe(project.settings.typeName);
    expect(project.targetNames.length).toBeGreaterThan(0);
  });
});
