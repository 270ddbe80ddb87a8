import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_RULES, SCHEMA_RULES } from '../../src/schema';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'schema-validator.md'), 'utf8');
const rows = [...doc.matchAll(/^\| (H[SC]\d{3}) \| (error|warning|info) \| (yes|no) \| (cli|doc|service|extra) \|/gm)].map((m) => ({
  id: m[1],
  severity: m[2],
  cfn: m[3] === 'yes',
  source: m[4],
}));

describe('docs/schema-validator.md documents every rule as the code has it', () => {
  it.each(Object.values({ ...SCHEMA_RULES, ...CONFIGURATION_RULES }).map((r) => [r.id, r] as const))('%s', (id, rule) => {
    expect(rows.filter((row) => row.id === id)).toEqual([{ id, severity: rule.severity, cfn: rule.cfn, source: rule.source }]);
  });

  it('documents no rule the code lacks', () => {
    const known = new Set([...Object.keys(SCHEMA_RULES), ...Object.keys(CONFIGURATION_RULES)]);
    expect(rows.filter((row) => !known.has(row.id))).toEqual([]);
  });
});
