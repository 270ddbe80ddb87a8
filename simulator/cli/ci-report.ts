/**
 * `simulate --format sarif|junit`: a simulation's hook verdicts for CI. SARIF has one result per failed check of
 * a failed invocation, located at the property the check names (else the resource) in the template, with the
 * hook's checks as rules; JUnit has one test case per hook invocation (a targeted resource at an invocation point).
 * A resource whose update or create the service refused with no hook failing (the run fails all the same) is an error result
 * of its own rule in SARIF and a failed case in JUnit, located at the resource.
 * Both are pure functions of the report; choices are documented in docs/ci.md.
 */
import { POLICY } from '../../src/handlers/checks';
import { changeSetNameOf } from '../../src/kernel/aws';
import {
  repositoryRelativePath,
  sarifSourceBase,
  toJunit,
  toSarif,
  type JunitCase,
  type JunitSuite,
  type SarifFinding,
  type SarifNotification,
  type SarifRanking,
  type SarifRule,
} from '../../src/kernel/report';
import type { SeverityLevel } from '../../src/kernel/protocol';
import { STACK_RESOURCE_TYPE, type InvocationRecord, type RefusedUpdate, type SimulationResult } from '../cloudformation/invoke';
import { PACKAGE } from '../../src/kernel/cli';
import { allRefusedUpdates, placedName, type JudgedAfterStop } from './render';
import type { SimulationReport } from './run-simulation';
import type { TemplateSource } from '../cloudformation/template';
import { escapePointerToken, formatDiagnostic, type Diagnostic } from '../../src/kernel/diagnostics';
import { sep } from 'node:path';

/** This project as SARIF's `tool.driver`. */
export const SARIF_TOOL = { name: 'mytesthook-simulate', version: PACKAGE.version } as const;

/** One simulated template for a CI report: its report and the path to show (relative, as typed). */
export interface ReportedTemplate {
  readonly report: SimulationReport;
  readonly file: string;
  /** The hook's type name, for rules and findings a check id cannot name. */
  readonly hookType: string;
  /** --keep-going: invocations the service would not have made (after the first block), reported as such. */
  readonly afterStop?: readonly JudgedAfterStop[];
  /** The run's warnings (a nested stack not simulated, a value it stood in for), as the user sees them. */
  readonly warnings?: readonly Diagnostic[];
  /** The nested stacks' templates, by the path of Stack resources that reach each (`A/B`), with the path to show. */
  readonly nested?: ReadonlyMap<string, { readonly file: string; readonly source: TemplateSource }>;
  /** The service refused the request itself (an update with nothing to change): what it said, as a diagnostic. */
  readonly refusal?: Diagnostic;
}

/** Every invocation to report, each with whether it was judged only because of --keep-going. */
function judgements(t: ReportedTemplate): Judgement[] {
  const out: Judgement[] = [];
  for (const inv of t.report.result.invocations) out.push({ inv, afterStop: false });
  // A nested stack's invocations are located at its AWS::CloudFormation::Stack resource in this template.
  const nested = (result: SimulationResult, path: readonly string[]): void => {
    for (const child of result.nestedStacks ?? []) {
      const inside = [...path, child.logicalResourceId];
      for (const inv of child.invocations) out.push({ inv, afterStop: false, nestedIn: inside });
      nested(child, inside);
    }
  };
  nested(t.report.result, []);
  for (const inv of t.afterStop ?? []) out.push({ inv, afterStop: true, ...(inv.nestedIn ? { nestedIn: inv.nestedIn } : {}) });
  return out;
}

/** One invocation to report: judged only because of --keep-going, or made in a nested stack (its resource path). */
interface Judgement {
  readonly inv: InvocationRecord;
  readonly afterStop: boolean;
  readonly nestedIn?: readonly string[];
}

/** One check's failure, as the handler words it in its message: `[check-id] Path.To.Property: found …; required …`. */
interface CheckFailure {
  readonly checkId: string;
  readonly propertyPath?: string;
  readonly text: string;
}

/**
 * What one simulated template contributes to a CI report, as plain data (it crosses worker threads in a
 * many-templates run): the rules its findings use, the findings, and its JUnit suite.
 */
export interface CiParts {
  readonly rules: readonly SarifRule[];
  readonly findings: readonly SarifFinding[];
  readonly suite: JunitSuite;
  /** The run's warnings, as SARIF notifications: what the simulation could not do, said where it happened. */
  readonly notifications?: readonly SarifNotification[];
  /** Set when the run could not judge its template at all (refused, unreadable, a bug). */
  readonly unjudged?: true;
  /** Set for the errors of a many-templates run as a whole, which are no template's. */
  readonly ofRun?: true;
}

/** The SARIF log of one or more simulated templates; `cwd`: the directory their paths are relative to. */
export function simulationSarif(templates: readonly ReportedTemplate[], cwd: string): string {
  return combinedSarif(templates.map(ciParts), cwd);
}

/** The JUnit report of one or more simulated templates: a suite per template, a case per hook invocation. */
export function simulationJunit(templates: readonly ReportedTemplate[], cwd: string): string {
  return combinedJunit(templates.map(ciParts), cwd);
}

/**
 * One SARIF log from many templates' parts: every policy check as a rule, plus any other rule a finding used. `cwd`:
 * the directory the parts' paths are relative to; their uris are the repository's (`sarifSourceBase`).
 */
export function combinedSarif(parts: readonly CiParts[], cwd: string): string {
  const rules = new Map<string, SarifRule>(
    POLICY.map((c) => [c.id, { id: c.id, summary: c.summary, help: c.remediation, level: 'error', ranking: hookCheckRanking(c.severity, 'very-high') }]),
  );
  for (const p of parts) for (const r of p.rules) if (!rules.has(r.id)) rules.set(r.id, r);
  const all = parts.flatMap((p) => p.notifications ?? []);
  const findings = parts.flatMap((p) => p.findings);
  // A refusal located in a file is also a result: code scanning annotates results, not notifications, and a
  // template the service would refuse is something the change must fix, at that line.
  for (const n of all) {
    if (n.level !== 'error' || n.code === undefined || n.file === undefined || n.line === undefined) continue;
    if (!rules.has(n.code)) rules.set(n.code, refusalRule(n.code));
    findings.push({ ruleId: n.code, level: 'error', message: n.message, file: n.file, line: n.line, column: n.column ?? 1 });
  }
  if (findings.length > MAX_SARIF_RESULTS) {
    // Code scanning refuses a run of more results whole; errors first, so what is kept is what blocks.
    const kept = [...findings.filter((f) => f.level === 'error'), ...findings.filter((f) => f.level !== 'error')].slice(0, MAX_SARIF_RESULTS);
    all.push({
      level: 'warning',
      code: 'SIM_SARIF_RESULTS_CAPPED',
      message: `${findings.length - MAX_SARIF_RESULTS} of ${findings.length} results are left out: code scanning refuses a log of more than ${MAX_SARIF_RESULTS} results (and shows 5,000); split the run with --shard <i>/<n>`,
    });
    findings.length = 0;
    for (const f of kept) findings.push(f);
  }
  // [choice] The execution failed when the tool did (a usage error, a bug), when the run was asked wrongly (a run-level
  // error: a `--parameter` no template declares) or when it judged nothing it was given: code scanning must then not
  // take the log's few results for the whole truth and close the alerts it had. A template refused beside others that
  // were judged is a finding about that input (a result where located), and the execution succeeded: code scanning may
  // set aside every result of a log that says it did not (github/codeql-action#1316, #1393), the shard's findings too.
  const units = parts.filter((p) => p.ofRun !== true);
  const toolFailed =
    units.length < parts.length || all.some((n) => n.level === 'error' && (n.code === 'USAGE' || n.code === 'INTERNAL')) || (units.length > 0 && units.every((p) => p.unjudged === true));
  return toSarif(SARIF_TOOL, [...rules.values()], findings, all, !toolFailed, sarifSourceBase(cwd));
}

/**
 * [choice] How code scanning ranks a hook check's results (a rule's `properties`): tagged `security` (the checks guard
 * encryption; a hook is a guardrail), so they are security alerts; `security-severity` from the check's own
 * severity (the annotation's `severityLevel`: CRITICAL 9.5 critical, HIGH 8.0 high, MEDIUM 5.5 medium, LOW 2.0 low,
 * each mid-band; INFORMATIONAL none, so not a security alert), or 8.0 (high) when the hook gives none: a check a
 * hook fails under FAIL blocks the deployment. `precision`: very-high for this project's checks (a deterministic
 * test of the property the service would pass), high for another hook's, whose text the simulator reads but did not
 * write. The rule ranks every result it has, WARN ones too: the level (`warning`) still says the service goes on.
 */
function hookCheckRanking(severity: SeverityLevel | undefined, precision: SarifRanking['precision']): SarifRanking {
  const score = SECURITY_SEVERITY[severity ?? 'HIGH'];
  return { tags: ['security', 'cloudformation-hook'], precision, ...(score !== undefined ? { securitySeverity: score } : {}) };
}

const SECURITY_SEVERITY: Readonly<Record<SeverityLevel, string | undefined>> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0', INFORMATIONAL: undefined };

/**
 * The rule of a resource whose provisioning the service refused (a custom-named resource's replacement, a custom
 * resource's new ServiceToken, a new resource whose custom name the stack holds already): named as the simulator's own
 * codes are, since no hook's check stands behind it. [choice] One rule, its id kept for the created resources too, so
 * that suppressions and alerts keep their identity.
 */
export const UPDATE_REFUSED_RULE: SarifRule = {
  id: 'SIM_UPDATE_REFUSED',
  summary: 'CloudFormation refuses the update or create of a resource and rolls the stack back (no hook is involved)',
  help: "The message quotes the service. A replacement of a resource whose name the template gives needs a new name in the same update (or none, to let CloudFormation generate one); a custom resource's ServiceToken cannot change in place (give the resource a new logical id); a new resource cannot take a name the stack holds (another resource of the template, or one the update removes or replaces, which goes only after the creates: keep the old logical id, or rename in two updates).",
  level: 'error',
};

/**
 * The rule of a stack update the service rolled back as it applied the outputs, every resource updated: an export a
 * stack still deployed imports, removed or given another value (SimulationResult.outputsRefusal).
 */
export const OUTPUTS_REFUSED_RULE: SarifRule = {
  id: 'SIM_OUTPUTS_REFUSED',
  summary: 'CloudFormation refuses the outputs of a stack update and rolls the stack back (no hook is involved)',
  help: "The message quotes the service. An export another stack imports can be neither removed nor changed while that stack imports it (CDK's \"deadly embrace\"): deploy the importing stack without the import first (keep the export, e.g. with `this.exportValue(...)`), then remove it.",
  level: 'error',
};

/** Code scanning's limit of results per run ("SARIF support for code scanning", its limits table). */
export const MAX_SARIF_RESULTS = 25_000;

/** The rule of an input refusal's code: the template as the service reads it (TPL_), resolves it (RES_), or another input. */
function refusalRule(code: string): SarifRule {
  const summary = code.startsWith('TPL_')
    ? `CloudFormation cannot read the template as written (${code})`
    : code.startsWith('RES_')
      ? `CloudFormation refuses the template before creating any resource (${code})`
      : `An input of the simulation is not usable as given (${code})`;
  return { id: code, summary, help: 'Fix the file at the place given; the message says what was found and what is expected. The hooks did not judge this input.', level: 'error' };
}

/**
 * A diagnostic as a SARIF notification: its code the descriptor, located at its file (and line and column when it
 * has them; a file without a position is not given one), its JSON pointer in the text as the printed line has it.
 */
function notificationOf(d: Diagnostic): SarifNotification {
  return {
    level: d.severity === 'info' ? 'note' : d.severity,
    message: d.path ? `${d.message} (at ${d.path})` : d.message,
    code: d.code,
    ...(d.file ? { file: d.file.split(sep).join('/'), ...(d.line > 0 ? { line: d.line, column: d.column } : {}) } : {}),
  };
}

/**
 * Why a run could not judge its template (`failure`: every diagnostic of its input error as typed, or its usage
 * error or bug as one diagnostic coded USAGE or INTERNAL) as its part of a CI report: for SARIF each error a
 * notification (warnings are left out: they did not stop it), for JUnit one failed `simulate` case whose message is
 * the first error and whose text lists every diagnostic (the printed text stops at 100).
 */
export function failedRunPart(input: string, failure: readonly Diagnostic[], bug: boolean): CiParts {
  // `<file>.template`, as an invocation's case is `<file>.<LogicalId>`: Jenkins takes what follows the last dot for
  // the class, so the file alone showed as class `yml` of package `broken`.
  return { ...failedCasePart(input, { classname: `${input}.template`, name: 'simulate' }, failure, bug), unjudged: true };
}

/**
 * Errors of a many-templates run as a whole, not of one input (a `--parameter` no template of the run declares), as
 * a CI report part: SARIF notifications (so the log is not `executionSuccessful`), and a failed JUnit case `options`
 * of class `simulate.run`.
 */
export function runErrorsPart(errors: readonly Diagnostic[]): CiParts {
  return { ...failedCasePart('simulate', { classname: 'simulate.run', name: 'options' }, errors, false), ofRun: true };
}

function failedCasePart(suite: string, at: { classname: string; name: string }, failure: readonly Diagnostic[], bug: boolean): CiParts {
  const errors = failure.filter((d) => d.severity === 'error');
  const first = errors[0] ?? failure[0];
  const detail = failure.map((d) => `${formatDiagnostic(d)}\n`).join('');
  const failed: JunitCase = { ...at, failure: { message: first ? formatDiagnostic(first) : '', type: bug ? 'Bug' : 'InputError', detail } };
  // The suite's file is where the first located error is (the refused template, or the side file it reads), if any.
  const file = errors.map((d) => d.file).find((f): f is string => f !== undefined && f !== '')?.split(sep).join('/');
  return { rules: [], findings: [], suite: { name: suite, ...(file !== undefined ? { file } : {}), cases: [failed] }, notifications: errors.map(notificationOf) };
}

/** One JUnit report from many templates' parts, a suite each, in the order given. */
export function combinedJunit(parts: readonly CiParts[], cwd: string): string {
  // A suite's file as the repository names it, as the SARIF log's uris are ([choice]; repositoryRelativePath).
  const base = sarifSourceBase(cwd);
  return toJunit(
    SARIF_TOOL.name,
    parts.map((p) => (p.suite.file === undefined ? p.suite : { ...p.suite, file: repositoryRelativePath(p.suite.file, base) })),
  );
}

/** The parts of one simulated template (positions looked up here, where its source is). */
export function ciParts(t: ReportedTemplate): CiParts {
  const rules = new Map<string, SarifRule>();
  const findings: SarifFinding[] = [];
  for (const { inv, afterStop, nestedIn } of judgements(t)) {
    if (inv.hookStatus !== 'FAILED') continue;
    const hookType = inv.hookTypeName;
    const level = inv.failureMode === 'FAIL' ? 'error' : 'warning';
    const properties = {
      hookType,
      invocationPoint: inv.invocationPoint,
      failureMode: inv.failureMode,
      errorCode: inv.errorCode ?? 'FAILED',
      ...(afterStop ? { judgedAfterStop: true } : {}),
    };
    const constructPath = constructPathOf(t, inv, nestedIn);
    const located = (ruleId: string, text: string, propertyPath?: string): SarifFinding => ({
      ruleId,
      level,
      // A CDK user knows the construct path; the logical id is a hash the CDK made. Code scanning shows the message,
      // not logicalLocations or properties, so the path leads it when there is one.
      message: `${constructPath ? `${constructPath} (` : ''}${nestedIn ? `${nestedIn.join('/')}/` : ''}${subjectOf(inv)}${constructPath ? ', ' : ' ('}${inv.targetName}, ${inv.invocationPoint}${hookType === t.hookType ? '' : `, ${hookType}`}): ${text}`,
      ...position(t, inv, propertyPath, nestedIn),
      logicalName: nestedIn ? `${nestedIn.join('/')}/${inv.logicalResourceId}` : inv.logicalResourceId,
      ...(constructPath ? { qualifiedName: constructPath } : {}),
      // The stack a CDK user knows (a stage's template file name does not say it), and the construct.
      properties: { ...properties, stackName: t.report.stack.name, ...(nestedIn ? { nestedStack: nestedIn.join('/') } : {}), ...(constructPath ? { constructPath } : {}) },
    });
    // The hook's FAILED annotations are its checks (annotationName = the check id); a hook that answers without
    // annotations may still name its checks in its message; else the hook itself is the rule.
    const failedAnnotations = inv.annotations.filter((a) => a.status === 'FAILED');
    if (failedAnnotations.length > 0) {
      for (const a of failedAnnotations) {
        const ruleId = ruleIdFor(hookType, t.hookType, a.annotationName);
        if (!POLICY_IDS.has(ruleId) && !rules.has(ruleId)) {
          rules.set(ruleId, {
            id: ruleId,
            summary: `${hookType}: ${a.annotationName}`,
            ...remediationOf(a.remediationMessage, a.remediationLink),
            level,
            ranking: hookCheckRanking(a.severityLevel, 'high'),
          });
        }
        findings.push(located(ruleId, a.statusMessage || inv.message, PROPERTY_PATH.exec(a.statusMessage)?.[1]));
      }
      continue;
    }
    const failures = checkFailures(inv.message);
    if (failures.length === 0) {
      rules.set(hookType, { id: hookType, summary: `${hookType} must let the operation proceed`, level: rules.get(hookType)?.level === 'error' ? 'error' : level });
      findings.push(located(hookType, inv.message));
      continue;
    }
    for (const f of failures) {
      const ruleId = ruleIdFor(hookType, t.hookType, f.checkId);
      if (!POLICY_IDS.has(ruleId) && !rules.has(ruleId)) rules.set(ruleId, { id: ruleId, summary: `${hookType}: ${f.checkId}`, level, ranking: hookCheckRanking(undefined, 'high') });
      findings.push(located(ruleId, f.text, f.propertyPath));
    }
  }
  // A resource whose provisioning the service refused (no hook failed; the stack rolls back, exit 1): an error at the
  // resource, in the template that declares it, so the report is never a clean bill for a failing run.
  const refusals = allRefusedUpdates(t.report.result);
  if (refusals.length > 0) rules.set(UPDATE_REFUSED_RULE.id, UPDATE_REFUSED_RULE);
  for (const { refused, nestedIn } of refusals) {
    const inside = nestedIn.length > 0 ? nestedIn : undefined;
    const constructPath = constructPathOf(t, refused, inside);
    findings.push({
      ruleId: UPDATE_REFUSED_RULE.id,
      level: 'error',
      message: `${constructPath ? `${constructPath} (` : ''}${placedName(refused.logicalResourceId, inside)}${constructPath ? ', ' : ' ('}${refused.resourceType}, ${refused.status}): ${refused.reason}`,
      ...resourcePosition(t, refused.logicalResourceId, undefined, inside),
      logicalName: placedName(refused.logicalResourceId, inside),
      ...(constructPath ? { qualifiedName: constructPath } : {}),
      properties: { resourceType: refused.resourceType, stackName: t.report.stack.name, ...(inside ? { nestedStack: inside.join('/') } : {}), ...(constructPath ? { constructPath } : {}) },
    });
  }
  // The stack's outputs the service refused after every resource's update (an export in use): an error at the
  // template's Outputs, the stack named, so the report says why a run whose hooks all passed exits 1.
  const outputsRefusal = t.report.result.outputsRefusal;
  const outputsAt = outputsPosition(t);
  if (outputsRefusal !== undefined) {
    rules.set(OUTPUTS_REFUSED_RULE.id, OUTPUTS_REFUSED_RULE);
    findings.push({
      ruleId: OUTPUTS_REFUSED_RULE.id,
      level: 'error',
      message: `${t.report.stack.name} (${STACK_RESOURCE_TYPE}, UPDATE_ROLLBACK_IN_PROGRESS): ${outputsRefusal}`,
      ...outputsAt,
      logicalName: t.report.stack.name,
      properties: { resourceType: STACK_RESOURCE_TYPE, stackName: t.report.stack.name },
    });
  }
  const suite: { name: string; file?: string; cases: JunitCase[] } = {
    name: t.file,
    ...(t.file !== '-' ? { file: t.file } : {}),
    cases: judgements(t).map(({ inv, afterStop, nestedIn }): JunitCase => {
      const constructPath = constructPathOf(t, inv, nestedIn);
      // [choice] The name is the case's identity (Jenkins keys on class and name, GitLab and EnricoMi likewise): it
      // never says whether the service stopped before it, which depends on other resources' verdicts; the failure,
      // skip message and system-out say so instead.
      const name = `${inv.hookTypeName} ${inv.invocationPoint} ${nestedIn ? `${nestedIn.join('/')}/` : ''}${subjectOf(inv)} (${inv.targetName}${constructPath ? `, ${constructPath}` : ''})`;
      const marker = afterStop ? `${AFTER_STOP_MARKER} ` : '';
      const base = { classname: `${t.file}.${subjectOf(inv)}`, name, ...(afterStop ? { output: AFTER_STOP_OUTPUT } : {}) };
      if (inv.hookStatus === 'SUCCESS') return base;
      const where = position(t, inv, undefined, nestedIn);
      const detail = `${marker}${where.file}:${where.line}:${where.column} ${inv.message}`;
      // Under WARN the service goes on: a failure there is a warning, which JUnit can only show as skipped.
      if (inv.failureMode === 'WARN') return { ...base, skipped: `${marker}failed under WARN (ignored by the service): ${inv.message}` };
      return { ...base, failure: { message: `${marker}${inv.message}`, type: inv.errorCode ?? 'FAILED', detail } };
    }),
  };
  // One failed case per refused update, named as an invocation's case is, the service in the hook's place.
  for (const { refused, nestedIn } of refusals) {
    const inside = nestedIn.length > 0 ? nestedIn : undefined;
    const constructPath = constructPathOf(t, refused, inside);
    const where = resourcePosition(t, refused.logicalResourceId, undefined, inside);
    suite.cases.push({
      classname: `${t.file}.${refused.logicalResourceId}`,
      name: `CloudFormation ${refused.status} ${placedName(refused.logicalResourceId, inside)} (${refused.resourceType}${constructPath ? `, ${constructPath}` : ''})`,
      failure: { message: refused.reason, type: refused.status, detail: `${where.file}:${where.line}:${where.column} ${refused.reason}` },
    });
  }
  if (outputsRefusal !== undefined) {
    suite.cases.push({
      classname: `${t.file}.${t.report.stack.name}`,
      name: `CloudFormation UPDATE_ROLLBACK_IN_PROGRESS ${t.report.stack.name} (${STACK_RESOURCE_TYPE})`,
      failure: { message: outputsRefusal, type: 'UPDATE_ROLLBACK_IN_PROGRESS', detail: `${outputsAt.file}:${outputsAt.line}:${outputsAt.column} ${outputsRefusal}` },
    });
  }
  // A refused request judged nothing: a failed case and an error notification, never a clean report of an exit 2.
  if (t.refusal) suite.cases.push({ classname: `${t.file}.template`, name: 'simulate', failure: { message: formatDiagnostic(t.refusal), type: 'ValidationError', detail: `${formatDiagnostic(t.refusal)}\n` } });
  const notifications = [...(t.warnings ?? []), ...(t.refusal ? [t.refusal] : [])].map(notificationOf);
  return { rules: [...rules.values()], findings, suite, ...(notifications.length > 0 ? { notifications } : {}), ...(t.refusal ? { unjudged: true as const } : {}) };
}

const POLICY_IDS: ReadonlySet<string> = new Set(POLICY.map((c) => c.id));

/** How a --keep-going judgement is marked in JUnit: in its texts, never in its name. */
const AFTER_STOP_MARKER = '[judged after the service stopped]';
const AFTER_STOP_OUTPUT = `${AFTER_STOP_MARKER} The service stopped at an earlier blocked resource and would not have invoked this hook; --keep-going judged it under the hook's own FailureMode.\n`;

/** A path at the start of a check's text (`BucketEncryption.Rules[0].X: found …`). */
const PROPERTY_PATH = /^([A-Za-z][\w]*(?:(?:\.[A-Za-z][\w]*)|\[\d+\])*): /;

/** This project's checks keep their ids; another hook's checks are namespaced by its type name (two hooks may share a name). */
function ruleIdFor(hookType: string, projectHook: string, checkId: string): string {
  return hookType === projectHook ? checkId : `${hookType}/${checkId}`;
}

const CHECK_FAILURE = /\[([A-Za-z0-9][\w.:-]*)\] ((?:(?!; \[).)*)/g;

/** The checks a handler message names as failed, with the property path each one quotes. */
export function checkFailures(message: string): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const m of message.matchAll(CHECK_FAILURE)) {
    const checkId = m[1] as string;
    const text = (m[2] as string).trim();
    const path = PROPERTY_PATH.exec(text)?.[1];
    out.push({ checkId, text, ...(path ? { propertyPath: path } : {}) });
  }
  return out;
}

/**
 * Where an invocation's finding is: the property when it exists there, else the resource, in the template that
 * declares the resource (a nested stack's own file when it was read from one); else the Stack resource that creates it.
 */
function position(t: ReportedTemplate, inv: InvocationRecord, propertyPath?: string, nestedIn?: readonly string[]): { file: string; line: number; column: number } {
  if (aboutTheTemplate(inv)) return { file: (nestedIn ? t.nested?.get(nestedIn.join('/'))?.file : undefined) ?? t.file, line: 1, column: 1 };
  return resourcePosition(t, inv.logicalResourceId, propertyPath, nestedIn);
}

/**
 * A CHANGE_SET or STACK hook judges the template as a whole: a change set's changes may be resources the template no
 * longer has, and a stack hook's target is the stack, named by the stack's name, which is no logical id (a resource
 * whose id is the stack's name would take the finding, and a missing one fell back on the first resource: a bucket
 * blamed for a table finding). Its findings go on the template file, line 1, column 1.
 */
function aboutTheTemplate(inv: InvocationRecord): boolean {
  return inv.targetType === 'CHANGE_SET' || inv.targetType === 'STACK';
}

/** Where a resource (or its property, when it exists there) is declared, as `position` says. */
function resourcePosition(t: ReportedTemplate, logicalResourceId: string, propertyPath?: string, nestedIn?: readonly string[]): { file: string; line: number; column: number } {
  const child = nestedIn ? t.nested?.get(nestedIn.join('/')) : undefined;
  const file = child?.file ?? t.file;
  const source = child?.source ?? t.report.template;
  if (!source) return { file, line: 1, column: 1 };
  const inChild = child !== undefined || nestedIn === undefined;
  const resource = `/Resources/${escapePointerToken(inChild ? logicalResourceId : (nestedIn?.[0] ?? logicalResourceId))}`;
  const at = source.locate(inChild && propertyPath ? `${resource}/Properties/${propertyPath.replace(/\[(\d+)\]/g, '.$1').split('.').map((token) => escapePointerToken(token)).join('/')}` : resource);
  return at.line > 0 ? { file, line: at.line, column: at.column } : { file, line: 1, column: 1 };
}

/** Where a template's Outputs section is declared (line 1, column 1 when it cannot be found). */
function outputsPosition(t: ReportedTemplate): { file: string; line: number; column: number } {
  const at = t.report.template?.locate('/Outputs', 'key');
  return at !== undefined && at.line > 0 ? { file: t.file, line: at.line, column: at.column } : { file: t.file, line: 1, column: 1 };
}

/**
 * A resource's CDK construct path (`aws:cdk:path`), in the stack or the nested stack that declares it; none outside
 * CDK. A judgement after the stop carries its own: the service's run may never have reached its nested stack.
 */
function constructPathOf(t: ReportedTemplate, inv: InvocationRecord | JudgedAfterStop | RefusedUpdate, nestedIn?: readonly string[]): string | undefined {
  if ('constructPath' in inv && inv.constructPath !== undefined) return inv.constructPath;
  // A stack's name is no construct's logical id, even when a resource has the same id.
  if ('hookTypeName' in inv && aboutTheTemplate(inv)) return undefined;
  const logicalId = inv.logicalResourceId;
  let result: SimulationResult | undefined = t.report.result;
  for (const id of nestedIn ?? []) result = result?.nestedStacks?.find((n) => n.logicalResourceId === id);
  const paths = result?.constructPaths;
  return paths && Object.hasOwn(paths, logicalId) ? paths[logicalId] : undefined;
}

/** What a report names an invocation by: a resource's logical id, a stack's name, a change set's name (its ARN is the logical location). */
function subjectOf(inv: InvocationRecord): string {
  return inv.targetType === 'CHANGE_SET' ? `change set ${changeSetNameOf(inv.logicalResourceId) ?? inv.logicalResourceId}` : inv.logicalResourceId;
}

/**
 * A hook's remediation as a rule's help: the link as `helpUri` when it is an http(s) URL, which SARIF's `uri` format
 * and code scanning's link need; any other text (the API takes any 1-5120 characters) joins the help text instead.
 */
function remediationOf(message: string | undefined, link: string | undefined): { help?: string; helpUri?: string } {
  if (!link) return message ? { help: message } : {};
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:') && !/\s/.test(link)) return { ...(message ? { help: message } : {}), helpUri: link };
  return { help: message ? `${message} (${link})` : link };
}
