import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HookSchema } from '../../src/kernel/hook-config';
import { validateHookConfiguration } from '../../src/schema';
import { repoRoot, SCHEMA_FILE } from './temporary-project';

const examplesDir = join(repoRoot, 'docs', 'examples');
const schema = JSON.parse(readFileSync(join(repoRoot, SCHEMA_FILE), 'utf8')) as HookSchema;
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();

describe('docs/examples', () => {
  it('has the documented examples', () => {
    expect(examples).toEqual(['fail.json', 'stack-filters.json', 'target-filters-targets.json', 'target-filters.json', 'warn.json']);
  });

  it.each(examples)('%s is a valid configuration for this hook, without warnings', (file) => {
    const report = validateHookConfiguration(readFileSync(join(examplesDir, file), 'utf8'), `docs/examples/${file}`, schema);
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.each([
    ['fail.json', 'FailureMode', 'FAIL'],
    ['warn.json', 'FailureMode', 'WARN'],
  ])('%s sets %s to %s', (file, key, value) => {
    const document = JSON.parse(readFileSync(join(examplesDir, file), 'utf8'));
    expect(document.CloudFormationConfiguration.HookConfiguration[key]).toBe(value);
  });
});
