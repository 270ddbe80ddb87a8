/**
 * JUnit XML as CI test reporters read it: `testsuites > testsuite > testcase > failure|skipped`. There is no
 * standard; the shape is the strictest reader's, the Jenkins xunit plugin's junit-10.xsd (required `name`,
 * `tests`, `failures`, `errors` on a testsuite; no `skipped` on testsuites; no `file`/`line` on a testcase), which
 * the lenient readers (Jenkins junit, dorny/test-reporter, mikepenz/action-junit-report) accept too.
 */

/** One test case: a judgement of one thing. */
export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly message: string; readonly type: string; readonly detail: string };
  readonly skipped?: string;
}

/** One suite: the cases of one input (one template). */
export interface JunitSuite {
  readonly name: string;
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
      `  <testsuite name="${attr(suite.name)}" tests="${suite.cases.length}" failures="${count(suite, 'failure')}" errors="0" skipped="${count(suite, 'skipped')}" time="0">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0"`;
      if (c.failure) {
        lines.push(`${open}>`, `      <failure message="${attr(c.failure.message)}" type="${attr(c.failure.type)}">${text(c.failure.detail)}</failure>`, '    </testcase>');
      } else if (c.skipped !== undefined) {
        lines.push(`${open}>`, `      <skipped message="${attr(c.skipped)}"/>`, '    </testcase>');
      } else {
        lines.push(`${open}/>`);
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
