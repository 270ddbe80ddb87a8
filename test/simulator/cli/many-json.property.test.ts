/**
 * A many-templates run's JSON document places each run's printed result as text instead of parsing and printing
 * it again: it must be, byte for byte, what printing the parsed results gives, whatever the results, names and
 * messages hold (newlines, quotes, `"result": 5` inside strings, unicode).
 */
import fc from 'fast-check';
import { jsonOfRuns } from '../../../simulator/cli/many';
import type { StackRow } from '../../../simulator/cli/unit-result';
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../support/fuzz-runs';

/** What the document was before: every result parsed, then the whole printed once. */
function reference(rows: readonly StackRow[], skipped: readonly string[], summary: Record<string, unknown>): string {
  const runs = rows.map((r) => ({
    input: r.input,
    stackName: r.stackName,
    exit: r.code,
    ...(r.stdout !== '' ? { result: JSON.parse(r.stdout) as unknown } : {}),
    ...(r.failure ? { errors: r.failure } : {}),
  }));
  return `${JSON.stringify({ runs, skipped, summary }, null, 2)}\n`;
}

const tricky = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('\n      "result": 0', '"result": 1', '}\n{', '\\', '\u2028', '\ud800'));
const result = fc.dictionary(tricky, fc.jsonValue());

const diagnostic: fc.Arbitrary<Diagnostic> = fc.record({
  code: fc.constantFrom('TPL_YAML_SYNTAX', 'USAGE', 'INTERNAL'),
  severity: fc.constantFrom('error', 'warning', 'info'),
  message: tricky,
  file: tricky,
  path: tricky,
  line: fc.nat(),
  column: fc.nat(),
});

const row: fc.Arbitrary<StackRow> = fc.oneof(
  // A run printed its result (JSON.stringify(…, null, 2) and a newline)…
  fc.record({ stdout: result.map((value) => `${JSON.stringify(value, null, 2)}\n`), stderr: fc.oneof(fc.constant(''), tricky) }),
  // …or could not judge its input: what it printed, and why as data.
  fc.record({ stdout: fc.constant(''), stderr: tricky, failure: fc.array(diagnostic, { minLength: 1, maxLength: 3 }) }),
).chain((printed) => fc.record({ input: tricky, stackName: tricky, code: fc.integer({ min: 0, max: 3 }), invocations: fc.nat(), failedInvocations: fc.nat() }).map((rest) => ({ ...rest, ...printed })));

describe('the JSON document of a many-templates run', () => {
  it(
    'is what printing the parsed results gives',
    () => {
      fc.assert(
        fc.property(fc.array(row, { maxLength: 6 }), fc.array(tricky, { maxLength: 2 }), (rows, skipped) => {
          const summary = { inputs: rows.length, stacks: rows.length, skipped: skipped.length, exit: 1 };
          expect(jsonOfRuns(rows, skipped, summary)).toBe(reference(rows, skipped, summary));
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it.each([
    ['an empty result', '{}\n'],
    ['a result printed on one line', '{"a":1}\n'],
    ['a result without its final newline', '{\n  "a": 1\n}'],
  ])('parses %s and prints it as before', (_case, stdout) => {
    const rows: StackRow[] = [{ input: 't.yml', stackName: 't', code: 0, stdout, stderr: '', invocations: 0, failedInvocations: 0 }];
    expect(jsonOfRuns(rows, [], {})).toBe(reference(rows, [], {}));
  });
});
