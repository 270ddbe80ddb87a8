/**
 * Golden outputs for the fixture stacks. Each stack exists as a short-form YAML file and a long-form JSON twin;
 * both must resolve to the same golden file, which proves the two forms mean the same thing.
 * Regenerate after a reviewed change with: npm run golden
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { formatDiagnostic } from '../../../../src/kernel/diagnostics';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { readTemplate } from '../../../../simulator/cloudformation/template';
import { TemplateError, type ResolveOptions } from '../../../../simulator/cloudformation/template/types';
import { stackOptions } from './template-source';
import { expectGolden, goldenJson } from '../../../support/golden';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'resolve');
const STACKS = join(FIXTURES, 'stacks');
const BROKEN = join(FIXTURES, 'broken');
const GOLDEN = join(FIXTURES, 'golden');

/** The stacks each fixture is resolved for, by fixture name. */
const VARIANTS: Record<string, Record<string, Partial<ResolveOptions>>> = {
  'encrypted-storage': {
    default: {},
    prod: { stackName: 'shop-prod', region: 'eu-west-1', parameters: { Env: 'prod', Teams: 'billing,search,ml' } },
  },
  'serverless-uploads': {
    default: {},
    china: { stackName: 'uploads', region: 'cn-north-1', parameters: { Stage: 'live' } },
  },
};

/** What a resolution means, without positions (which differ between the YAML and JSON twins). */
function summary(file: string, options: Partial<ResolveOptions>): unknown {
  const text = readFileSync(file, 'utf8');
  const resolved = resolveTemplate(readTemplate(basename(file), text), stackOptions(options));
  return JSON.parse(
    JSON.stringify({
      transforms: resolved.transforms,
      parameters: resolved.parameters,
      conditions: resolved.conditions,
      resources: resolved.resources.map(({ line: _line, column: _column, ...rest }) => rest),
      outputs: resolved.outputs,
      warnings: resolved.warnings.map((w) => ({ code: w.code, path: w.path, message: w.message })),
    }),
  );
}

function compareWithGolden(name: string, actual: unknown): void {
  expectGolden(join(GOLDEN, name), goldenJson(actual));
}

const stacks = readdirSync(STACKS).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();
const variantsOf = (file: string): Record<string, Partial<ResolveOptions>> => VARIANTS[basename(file, extname(file))] ?? { default: {} };
const cases = stacks.flatMap((file) => Object.keys(variantsOf(file)).map((variant) => [file, variant] as [string, string]));

describe('fixture stacks resolve to their golden output', () => {
  it.each(cases)('%s (%s)', (file, variant) => {
    compareWithGolden(`${basename(file, extname(file))}.${variant}.json`, summary(join(STACKS, file), variantsOf(file)[variant] as Partial<ResolveOptions>));
  });

  it('every stack has both a YAML and a JSON twin', () => {
    const bases = new Map<string, string[]>();
    for (const file of stacks) bases.set(basename(file, extname(file)), [...(bases.get(basename(file, extname(file))) ?? []), extname(file)]);
    for (const [base, extensions] of bases) expect([base, extensions.sort()]).toEqual([base, ['.json', '.yaml']]);
  });
});

describe('broken fixtures fail with their golden diagnostics', () => {
  const broken = readdirSync(BROKEN).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();
  it.each(broken)('%s', (file) => {
    let diagnostics: string[] = [];
    try {
      resolveTemplate(readTemplate(file, readFileSync(join(BROKEN, file), 'utf8')), stackOptions());
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      diagnostics = error.diagnostics.map(formatDiagnostic);
    }
    expect(diagnostics.length).toBeGreaterThan(0);
    compareWithGolden(`${basename(file, extname(file))}.diagnostics.json`, diagnostics);
  });
});
