/**
 * Fuzzing `simulate` end to end: generated templates (see test/support/generated-templates.ts), as YAML or JSON,
 * sometimes with their text damaged, simulated as a create, an update against another generated template, or a delete,
 * with random parameters — through `main(argv, io)`, the reader, the resolver, the planner, the service-shaped
 * invocations and the handler itself. Whatever happens, the command ends with 0, 1 or 2, never 3 (a bug);
 * an input error is a located diagnostic per line, never a stack trace; the JSON report agrees with the exit code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/cli';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../support/fuzz-runs';
import { jsonText, template, yamlText, type GeneratedTemplate } from '../../support/generated-templates';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'fuzz-simulate-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const spelling = fc.constantFrom<'yaml' | 'json'>('yaml', 'json');

/** The text of a template, intact most of the time, otherwise with a few characters cut or spliced in. */
const damage = fc.oneof(
  { arbitrary: fc.constant<Array<[number, number, string]>>([]), weight: 4 },
  { arbitrary: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ unit: fc.constantFrom(...'{}[]":,-!&*\n\t #x\u00e9'.split('')), maxLength: 4 })), { minLength: 1, maxLength: 3 }), weight: 1 },
);

function spell(t: GeneratedTemplate, as: 'yaml' | 'json', edits: Array<[number, number, string]>): string {
  const text = as === 'yaml' ? yamlText(t) : jsonText(t);
  return edits.reduce((s, [at, cut, insert]) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + insert + s.slice(i + cut);
  }, text);
}

const run = fc.record({
  template,
  as: spelling,
  edits: damage,
  operation: fc.constantFrom('create', 'update', 'delete'),
  previous: template,
  previousAs: spelling,
  parameters: fc.array(fc.tuple(fc.constantFrom('Env', 'Size', 'Names', 'Other'), fc.constantFrom('prod', 'dev', '10', 'a,b', '')), { maxLength: 2 }),
  format: fc.constantFrom('text', 'json'),
});

// A located diagnostic, or the count that ends a list cut at the printing limit.
const DIAGNOSTIC_LINE = /^(?:\S+ [A-Z][A-Z0-9_]+ .+|… and [1-9]\d* more)$/;

describe('simulate fuzzing (end to end)', () => {
  it(
    'ends with 0, 1 or 2 — never a bug — with located diagnostics or a report that agrees with the exit code',
    async () => {
      const exits = new Set<number>();
      let case_ = 0;
      await fc.assert(
        fc.asyncProperty(run, async (r) => {
          case_ += 1;
          const file = `stack-${case_}.${r.as}`;
          writeFileSync(join(folder, file), spell(r.template, r.as, r.edits));
          const argv = [file, '--operation', r.operation, '--format', r.format, ...r.parameters.flatMap(([k, v]) => ['--parameter', `${k}=${v}`])];
          if (r.operation === 'update') {
            const previous = `previous-${case_}.${r.previousAs}`;
            writeFileSync(join(folder, previous), spell(r.previous, r.previousAs, []));
            argv.push('--previous', previous);
          }
          const io = memoryIo(folder);
          const code = await main(argv, io);
          const stdout = io.out.join('');
          const stderr = io.err.join('');
          exits.add(code);

          expect({ code, stderr: stderr.includes('internal error') ? stderr : 'no internal error' }).toEqual({ code: expect.any(Number), stderr: 'no internal error' });
          expect([EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE]).toContain(code);
          expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
          // A refused input in JSON is {"errors": [every diagnostic]}; a rejected request is a report.
          const refusedInput = code === EXIT_USAGE && r.format === 'json' && stdout.startsWith('{\n  "errors": [');
          const rejected = code === EXIT_USAGE && stdout !== '' && !refusedInput;
          if (rejected) {
            // The one refusal with a report: an update with nothing to change (UpdateStack's ValidationError).
            expect(stdout).toMatch(r.format === 'json' ? /"outcome": "REJECTED"/ : /^Verdict: rejected: UpdateStack fails with ValidationError: No updates are to be performed\./m);
          } else if (code === EXIT_USAGE) {
            for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(DIAGNOSTIC_LINE);
            // Every diagnostic names a file the run was given, at a line when it can.
            expect(stderr).toMatch(new RegExp(`^(${file}|previous-${case_}\\.(yaml|json))(:[1-9]\\d*:[1-9]\\d*)? `, 'm'));
            if (r.format === 'json') {
              const errors = (JSON.parse(stdout) as { errors: Array<{ file: string; code: string }> }).errors;
              expect(errors.length).toBeGreaterThan(0);
              for (const d of errors) expect(d.file).toMatch(new RegExp(`^(${file}|previous-${case_}\\.(yaml|json))$`));
            }
          } else if (r.format === 'json') {
            const report = JSON.parse(stdout) as { stack: { outcome: string } };
            expect(report.stack.outcome).toBe(code === EXIT_OK ? 'SUCCEEDED' : 'FAILED');
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        FUZZ_PARAMETERS,
      );
      // Guards the generator: the runs must reach verdicts as well as input errors.
      if (FUZZ_PARAMETERS.numRuns >= 100) expect(exits.has(EXIT_USAGE) && (exits.has(EXIT_OK) || exits.has(EXIT_CHECK_FAILED))).toBe(true);
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});
