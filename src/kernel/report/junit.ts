/**
 * JUnit XML as CI test reporters read it: `testsuites > testsuite > testcase > failure|skipped, system-out`. There
 * is no standard; the shape is the strictest reader's, the Jenkins xunit plugin's junit-10.xsd (required `name`,
 * `tests`, `failures`, `errors` on a testsuite; no `skipped` on testsuites; `file` on a testsuite but no `file`/`line`
 * on a testcase), which the lenient readers (Jenkins junit, dorny/test-reporter, mikepenz/action-junit-report) accept
 * too.
 */

/** One test case: a judgement of one thing. */
export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly message: string; readonly type: string; readonly detail: string };
  readonly skipped?: string;
  /** What a reader shows beside the case (`system-out`), never part of its identity. */
  readonly output?: string;
}

/** One suite: the cases of one input (one template). */
export interface JunitSuite {
  readonly name: string;
  /**
   * The file the suite judged, as the report shows it: the `file` attribute, which mikepenz/action-junit-report reads
   * (case, failure, then suite) to place its annotations. Without it that action took the text after the class name's
   * last dot (`template`, `ScratchBucket`) and annotated a file of that name, `template.yml` for every refused template.
   */
  readonly file?: string;
  readonly cases: readonly JunitCase[];
}

/** The whole report: every suite under one `testsuites` element. Times are 0: the simulator's time means nothing here. */
export function toJunit(name: string, suites: readonly JunitSuite[]): string {
  const count = (s: JunitSuite, what: 'failure' | 'skipped'): number => s.cases.filter((c) => c[what] !== undefined).length;
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + count(s, 'failure'), 0);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${attr(name)}" tests="${tests}" failures="${failures}" errors="0" time="0">`];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${attr(suite.name)}"${suite.file !== undefined ? ` file="${attr(suite.file)}"` : ''} tests="${suite.cases.length}" failures="${count(suite, 'failure')}" errors="0" skipped="${count(suite, 'skipped')}" time="0">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0"`;
      const inner: string[] = [];
      if (c.failure) inner.push(`      <failure message="${attr(c.failure.message)}" type="${attr(c.failure.type)}">${text(c.failure.detail)}</failure>`);
      else if (c.skipped !== undefined) inner.push(`      <skipped message="${attr(c.skipped)}"/>`);
      if (c.output !== undefined) inner.push(`      <system-out>${text(c.output)}</system-out>`);
      if (inner.length === 0) lines.push(`${open}/>`);
      else {
        lines.push(`${open}>`);
        for (const line of inner) lines.push(line);
        lines.push('    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

// XML 1.0 forbids these characters outright, even escaped; a handler's message may hold them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  // Newlines and tabs in an attribute would be normalised to spaces by any reader: write them as references.
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
