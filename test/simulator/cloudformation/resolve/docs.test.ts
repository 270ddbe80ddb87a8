import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

describe('docs/template-resolution.md stays in step with the code', () => {
  const codes = [...readFileSync(join(root, 'simulator', 'cloudformation', 'resolve', 'issues.ts'), 'utf8').matchAll(/\| '(RES_[A-Z_]+)'/g)].map((m) => m[1] as string);
  const docs = readFileSync(join(root, 'docs', 'template-resolution.md'), 'utf8');

  it('finds the codes', () => {
    expect(codes.length).toBeGreaterThan(20);
  });

  it.each(codes)('documents %s', (code) => {
    expect(docs).toContain(`\`${code}\``);
  });
});
