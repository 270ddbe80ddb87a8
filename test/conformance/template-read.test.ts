/*
 * Every real template in ../shared/corpus either reads or is refused with a located TemplateError, and
 * every cfn-lint "bad" fixture either reads (its fault is for the resolver) or is refused with a located
 * error. The verdicts are recorded in the table below so that a change in behaviour is a visible diff.
 */
import { join, relative } from 'node:path';
import { readTemplateFile, TemplateError } from '../../simulator/cloudformation/template';
import { corpusPresent, CORPUS, filesUnder, TEMPLATE_FILE } from './corpus';

const corpus = CORPUS;
const present = corpusPresent('template-read');
const templateFiles = (dir: string): string[] => filesUnder(dir, (name) => TEMPLATE_FILE.test(name));

/** 'read', or the sorted codes of the refusal; never anything else. */
function verdict(path: string): string {
  try {
    readTemplateFile(path);
    return 'read';
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    for (const d of error.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.file).toBe(path);
    }
    return [...new Set(error.diagnostics.map((d) => d.code))].sort().join(',');
  }
}

/** Files whose refusal is expected, and why (anything not listed must read). */
const EXPECTED_REFUSALS: Readonly<Record<string, string>> = {
  // Rain directives (!Rain::Embed, !Rain::Module, a Modules section) need `rain pkg` first.
  'templates/awscft-common-resources-stackset.yaml': 'TPL_UNKNOWN_TAG',
  'templates/awscft-common-resources.yaml': 'TPL_UNKNOWN_TAG',
  'templates/awscft-log-setup-management.yaml': 'TPL_UNKNOWN_TAG',
  'templates/awscft-rain-module-bucket.yml': 'TPL_UNKNOWN_TAG',
  'cfn-lint-fixtures/bad/conditions/and.yaml': 'TPL_NULL_VALUE',
  'cfn-lint-fixtures/bad/conditions/equals.yaml': 'TPL_NULL_VALUE',
  'cfn-lint-fixtures/bad/conditions.yaml': 'TPL_NULL_VALUE',
  'cfn-lint-fixtures/bad/core/conditions_list.yaml': 'TPL_NO_RESOURCES,TPL_SECTION_NOT_MAPPING',
  'cfn-lint-fixtures/bad/core/conditions_missing.yaml': 'TPL_NO_RESOURCES',
  // `[!ImportValue Fn::Sub: "…"]` is a one-pair mapping whose key is the tagged scalar `!ImportValue Fn::Sub`.
  'cfn-lint-fixtures/bad/core/parse_invalid_map.yaml': 'TPL_NON_SCALAR_KEY',
  // Its duplicate keys are read last-wins (a warning), but `Parameters` is no resource attribute.
  'cfn-lint-fixtures/bad/duplicate.yaml': 'TPL_UNKNOWN_RESOURCE_ATTRIBUTE',
  'cfn-lint-fixtures/bad/empty_file.yaml': 'TPL_EMPTY',
  'cfn-lint-fixtures/bad/functions/foreach_no_transform.yaml': 'TPL_FOREACH_WITHOUT_TRANSFORM',
  'cfn-lint-fixtures/bad/generic.yaml': 'TPL_UNKNOWN_SECTION',
  'cfn-lint-fixtures/bad/json_parse.json': 'TPL_JSON_SYNTAX',
  'cfn-lint-fixtures/bad/not_cloudformation.yaml': 'TPL_NO_RESOURCES,TPL_UNKNOWN_SECTION',
  'cfn-lint-fixtures/bad/string.yaml': 'TPL_NOT_A_MAPPING',
  'cfn-lint-fixtures/bad/templates/base.yaml': 'TPL_FORMAT_VERSION,TPL_NO_RESOURCES',
  'cfn-lint-fixtures/bad/templates/base_date.yaml': 'TPL_FORMAT_VERSION,TPL_NO_RESOURCES',
  'cfn-lint-fixtures/bad/templates/base_null.yaml': 'TPL_NULL_VALUE',
};

const files = present
  ? [...templateFiles(join(corpus, 'templates')), ...templateFiles(join(corpus, 'cfn-lint-fixtures', 'bad'))].map((path): [string, string] => [
      relative(corpus, path),
      path,
    ])
  : [];

(present ? describe : describe.skip)('reading the real-world corpus', () => {
  it.each(files)('%s reads, or is refused with located diagnostics', (name, path) => {
    expect(verdict(path)).toBe(EXPECTED_REFUSALS[name] ?? 'read');
  });
});

if (!present) {
  describe('reading the real-world corpus', () => {
    it.skip(`skipped: ${corpus} is absent (the corpus is optional)`, () => undefined);
  });
}
