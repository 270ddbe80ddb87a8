/**
 * Every contract-test input of the real-world hook projects in ../shared/corpus/hook-schemas parses
 * with the contract runner's input reader — except five files that really deviate from the documented
 * shape, which must be reported as malformed with a clear, located message. Skips itself when the
 * corpus is absent (a fresh clone has no ../shared).
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { inputKindOf, parseContractInput } from '../../src/contract';
import { corpusPresent, CORPUS, filesUnder } from './corpus';

const corpus = join(CORPUS, 'hook-schemas');
const present = corpusPresent('contract-inputs', 'hook-schemas');

function inputFiles(dir: string): string[] {
  return filesUnder(dir, (name, folder) => name.endsWith('.json') && basename(folder) === 'inputs');
}

/** The known deviants (corpus README): previousResourceProperties beside the targets, or a target without resourceProperties. */
const DEVIANTS: Record<string, string> = {
  'aws-cloudformation-samples/hooks/java-hooks/sqs-policy-data-encryption/inputs/inputs_1_pre_update.json': 'CT_NOT_A_TARGET_NAME',
  'aws-cloudformation-samples/hooks/java-hooks/sqs-policy-data-encryption/inputs/inputs_1_invalid_pre_update.json': 'CT_NOT_A_TARGET_NAME',
  'aws-cloudformation-samples/hooks/python-hooks/cfn-hook-iam-policy-mfa-required/inputs/inputs_1_pre_create.json': 'CT_NO_RESOURCE_PROPERTIES',
  'aws-cloudformation-samples/hooks/python-hooks/cfn-hook-iam-policy-mfa-required/inputs/inputs_1_pre_update.json': 'CT_NO_RESOURCE_PROPERTIES',
  'aws-cloudformation-samples/hooks/python-hooks/cfn-hook-iam-policy-mfa-required/inputs/inputs_1_invalid.json': 'CT_NO_RESOURCE_PROPERTIES',
};

(present ? describe : describe.skip)('contract inputs of real hook projects (../shared/corpus/hook-schemas)', () => {
  const files = present ? inputFiles(corpus) : [];

  it('finds the 131 inputs the corpus holds', () => {
    expect(files).toHaveLength(131);
  });

  it('parses 126 and reports exactly the 5 known deviants as malformed, each with a located, clear message', () => {
    const parsed: string[] = [];
    const malformed: Record<string, string> = {};
    for (const file of files) {
      const name = relative(corpus, file);
      const kind = inputKindOf(file.slice(file.lastIndexOf('/') + 1));
      if (!kind) throw new Error(`${name}: not a contract input file name`);
      const result = parseContractInput(readFileSync(file, 'utf8'), name, kind);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length === 0) {
        expect(result.targets?.size).toBeGreaterThan(0);
        parsed.push(name);
        continue;
      }
      const first = errors[0];
      expect(first?.line).toBeGreaterThan(0);
      expect(first?.message).toMatch(/previousResourceProperties" belongs inside a target's entry|has no resourceProperties; its keys \(.+\) look like resource properties/);
      malformed[name] = first?.code ?? '';
    }
    expect(parsed).toHaveLength(126);
    expect(malformed).toEqual(DEVIANTS);
  });
});
