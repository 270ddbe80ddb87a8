/**
 * SARIF 2.1.0 (OASIS, errata01) as code scanning reads it: one run per tool, one rule per check, one result per
 * finding located at a file, line and column. A pure function over plain data; the commands build the data.
 * GitHub's requirements (docs "SARIF support for code scanning"): `rules[].shortDescription`, `fullDescription`
 * and `help`, `results[].message.text`, `locations[0].physicalLocation` with a repository-relative `uri`.
 */
import { posix } from 'node:path';

/** The tool that produced the findings (`runs[0].tool.driver`). */
export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri?: string;
}

/** One rule: a check a finding can come from. */
export interface SarifRule {
  readonly id: string;
  /** One line: what the rule asks for. */
  readonly summary: string;
  /** How to fix a finding of this rule. */
  readonly help?: string;
  readonly helpUri?: string;
  /** The level a finding of this rule has unless it says otherwise. */
  readonly level: SarifLevel;
}

/** SARIF's result levels. */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** One finding, located in a file (a path relative to where the tool ran, `/`-separated). */
export interface SarifFinding {
  readonly ruleId: string;
  readonly level: SarifLevel;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The logical thing the finding is about (a resource's logical id), shown beside the physical location. */
  readonly logicalName?: string;
  /** Its full name where one exists beyond the file (a CDK construct path, `Prod/Storage/Bucket/Resource`). */
  readonly qualifiedName?: string;
  /** Extra facts for machines (SARIF property bag). */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Something that kept the tool from judging an input (an error: a template that does not parse) or from judging all
 * of it (a warning: a nested stack only in S3): SARIF's `invocations[0].toolExecutionNotifications`, with
 * `executionSuccessful: false` when one is an error, so a log is never a clean bill for what was not checked.
 */
export interface SarifNotification {
  readonly message: string;
  readonly level: 'error' | 'warning' | 'note';
  /** The diagnostic's code (`TPL_YAML_SYNTAX`), as the notification's descriptor. */
  readonly code?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** The `$schema` GitHub's examples use; it names the same 2.1.0 standard as the OASIS file. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Code scanning reads at most this many characters of a rule's descriptions. */
const MAX_DESCRIPTION = 1024;

/**
 * A SARIF 2.1.0 log with one run. Rules are listed in id order, results in the order given; with notifications, the
 * run's invocation lists them, and did not succeed when one is an error unless `executionSuccessful` says otherwise
 * (the caller knows whether its errors are the tool failing or findings about its inputs).
 */
export function toSarif(
  tool: SarifTool,
  rules: readonly SarifRule[],
  findings: readonly SarifFinding[],
  notifications: readonly SarifNotification[] = [],
  executionSuccessful = !notifications.some((n) => n.level === 'error'),
): string {
  const sortedRules = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(sortedRules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: sortedRules.map(ruleDescriptor),
          },
        },
        ...(notifications.length > 0
          ? { invocations: [{ executionSuccessful, toolExecutionNotifications: notifications.map(notification) }] }
          : {}),
        // The columns are JavaScript string offsets: an emoji before a property counts two.
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, index.get(f.ruleId))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function notification(n: SarifNotification): object {
  return {
    level: n.level,
    message: { text: n.message === '' ? '(no message)' : n.message },
    ...(n.code ? { descriptor: { id: n.code } } : {}),
    ...(n.file
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(n.file) }, region: { startLine: Math.max(1, n.line ?? 1), startColumn: Math.max(1, n.column ?? 1) } } }] }
      : {}),
  };
}

function ruleDescriptor(rule: SarifRule): object {
  const help = rule.help ?? rule.summary;
  return {
    id: rule.id,
    shortDescription: { text: cap(rule.summary) },
    fullDescription: { text: cap(rule.summary) },
    help: { text: cap(help) },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.level },
  };
}

function result(f: SarifFinding, ruleIndex: number | undefined): object {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.level,
    message: { text: f.message === '' ? '(no message)' : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: sarifUri(f.file) },
          // SARIF lines and columns start at 1; a finding the tool could not place points at the file's start.
          region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
        },
        ...(f.logicalName ? { logicalLocations: [{ name: f.logicalName, ...(f.qualifiedName ? { fullyQualifiedName: f.qualifiedName } : {}), kind: 'resource' }] } : {}),
      },
    ],
    ...(f.properties && Object.keys(f.properties).length > 0 ? { properties: f.properties } : {}),
  };
}

/**
 * A file's path as SARIF's `artifactLocation.uri` (a URI reference, RFC 3986): `/`-separated, `./` and `a/../`
 * folded away, each segment percent-encoded (a space, `%` or `é` would make the log invalid, a `#` or a `c:` prefix a
 * different URI); an absolute path becomes a `file://` URI, which code scanning makes relative to the checkout.
 * `windows`: a backslash separates folders (on Windows); elsewhere it is a character of a name (`dir\back.yml`).
 */
export function sarifUri(file: string, windows = process.platform === 'win32'): string {
  const slashed = windows ? file.split('\\').join('/') : file;
  const drive = windows && /^[A-Za-z]:\//.test(slashed);
  const absolute = drive || slashed.startsWith('/');
  const normal = posix.normalize(slashed);
  const encoded = normal
    .split('/')
    .map((segment, i) => (drive && i === 0 ? segment : encodeURIComponent(segment)))
    .join('/');
  return absolute ? `file://${drive ? '/' : ''}${encoded}` : encoded;
}

function cap(text: string): string {
  const t = text === '' ? '(none)' : text;
  return t.length <= MAX_DESCRIPTION ? t : `${t.slice(0, MAX_DESCRIPTION - 3)}...`;
}
