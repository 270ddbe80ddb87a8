/**
 * SARIF 2.1.0 (OASIS, errata01) as code scanning reads it: one run per tool, one rule per check, one result per
 * finding located at a file, line and column. A pure function over plain data; the commands build the data.
 * GitHub's requirements (docs "SARIF support for code scanning"): `rules[].shortDescription`, `fullDescription`
 * and `help`, `results[].message.text`, `locations[0].physicalLocation` with a repository-relative `uri`.
 */
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

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
  /** How code scanning ranks and files its results; absent for a rule that is no policy finding (an input refused). */
  readonly ranking?: SarifRanking;
}

/**
 * A rule's `properties` as GitHub code scanning reads them ("SARIF support for code scanning", all "recommended"):
 * `tags` drive its filters (`tag:security`), `precision` orders results, and a `security-severity` makes its results
 * security alerts, ranked critical (9.0 and up), high (7.0-8.9), medium (4.0-6.9) or low (0.1-3.9).
 */
export interface SarifRanking {
  readonly tags: readonly string[];
  readonly precision: 'very-high' | 'high' | 'medium' | 'low';
  /** A number from 0.1 to 10, written as a string with one decimal (`"8.0"`), as the page asks. */
  readonly securitySeverity?: string;
}

/**
 * Where a log's files are, so that code scanning finds them: it resolves a relative `uri` against the repository's
 * root (codeql-action prefixes its checkout path), not against the directory the tool ran in.
 */
export interface SarifSourceBase {
  /** The absolute directory the findings' relative `file`s are relative to (the user's working directory). */
  readonly cwd: string;
  /** The top level of the git work tree holding `cwd`, when it is in one. */
  readonly repositoryRoot?: string;
}

/** SARIF's conventional name for the root of the sources (§3.14.14), the base of every repository-relative `uri`. */
export const SOURCE_ROOT_BASE_ID = '%SRCROOT%';

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
 * (the caller knows whether its errors are the tool failing or findings about its inputs). `base`: where the files
 * are (see `artifactLocation`); without it every `uri` is the file as given, percent-encoded.
 */
export function toSarif(
  tool: SarifTool,
  rules: readonly SarifRule[],
  findings: readonly SarifFinding[],
  notifications: readonly SarifNotification[] = [],
  executionSuccessful = !notifications.some((n) => n.level === 'error'),
  base?: SarifSourceBase,
): string {
  const sortedRules = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(sortedRules.map((r, i) => [r.id, i]));
  const at = (file: string): ArtifactLocation => artifactLocation(file, base);
  const root = base?.repositoryRoot;
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
        // A directory's URI ends in `/` (§3.14.14), or a relative uri would replace its last segment.
        ...(root !== undefined ? { originalUriBaseIds: { [SOURCE_ROOT_BASE_ID]: { uri: directoryUri(root) } } } : {}),
        ...(notifications.length > 0
          ? { invocations: [{ executionSuccessful, toolExecutionNotifications: notifications.map((n) => notification(n, at)) }] }
          : {}),
        // The columns are JavaScript string offsets: an emoji before a property counts two.
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, index.get(f.ruleId), at)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function notification(n: SarifNotification, at: (file: string) => ArtifactLocation): object {
  return {
    level: n.level,
    message: { text: n.message === '' ? '(no message)' : n.message },
    ...(n.code ? { descriptor: { id: n.code } } : {}),
    ...(n.file
      ? { locations: [{ physicalLocation: { artifactLocation: at(n.file), region: { startLine: Math.max(1, n.line ?? 1), startColumn: Math.max(1, n.column ?? 1) } } }] }
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
    ...(rule.ranking
      ? {
          properties: {
            tags: [...rule.ranking.tags],
            precision: rule.ranking.precision,
            ...(rule.ranking.securitySeverity !== undefined ? { 'security-severity': rule.ranking.securitySeverity } : {}),
          },
        }
      : {}),
  };
}

function result(f: SarifFinding, ruleIndex: number | undefined, at: (file: string) => ArtifactLocation): object {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.level,
    message: { text: f.message === '' ? '(no message)' : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: at(f.file),
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

/** An `artifactLocation`: a URI reference, and the base it is relative to when it is relative to the repository. */
interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

/**
 * Where a finding's file is, as code scanning can find it. [choice] Inside a git work tree, a file in it is a uri
 * relative to the repository's root, `uriBaseId` `%SRCROOT%`: code scanning resolves a relative uri against the
 * repository's root, so a run from a subfolder (`working-directory: infra`) or of `../x.yml` pointed at a missing or
 * a different file. From the root that uri is the one relative to the working directory, as before. A file outside
 * the work tree, or outside the working directory when there is no work tree, is an absolute `file://` uri (code
 * scanning makes it relative to the checkout; `../x.yml` named a file relative to a directory no reader knows).
 * Outside a work tree a file under the working directory keeps its relative uri. Standard input (`-`) stays `-`: it
 * names no file.
 */
function artifactLocation(file: string, base: SarifSourceBase | undefined): ArtifactLocation {
  if (base === undefined || file === '-') return { uri: sarifUri(file) };
  const absolute = resolve(base.cwd, file);
  const root = base.repositoryRoot;
  if (root !== undefined && isUnder(root, absolute)) return { uri: sarifUri(relative(root, absolute)), uriBaseId: SOURCE_ROOT_BASE_ID };
  if (root === undefined && isUnder(base.cwd, absolute)) return { uri: sarifUri(relative(base.cwd, absolute)) };
  return { uri: sarifUri(absolute) };
}

/**
 * A file's path as the repository names it (relative to its root, `/`-separated) when the run is in a git work tree
 * and the file inside it; otherwise the path as given. JUnit readers resolve a suite's `file` from the checkout's root,
 * as code scanning does a SARIF uri: a run from a subfolder named files they could not find.
 */
export function repositoryRelativePath(file: string, base: SarifSourceBase): string {
  const root = base.repositoryRoot;
  if (file === '-' || root === undefined) return file;
  const absolute = resolve(base.cwd, file);
  return isUnder(root, absolute) ? relative(root, absolute).split(sep).join('/') : file;
}

/** Whether `path` is inside `folder` (both absolute), not the folder itself. */
function isUnder(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** A folder as a `file://` URI ending in `/`. */
function directoryUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function cap(text: string): string {
  const t = text === '' ? '(none)' : text;
  return t.length <= MAX_DESCRIPTION ? t : `${t.slice(0, MAX_DESCRIPTION - 3)}...`;
}
