/**
 * The resource-type catalogue: every type of the CloudFormation registry, what its `Ref` returns, its ARN
 * template and its `Fn::GetAtt` attributes with the shape of each value. It is generated at build time from the
 * CDK service specification database (`@aws-cdk/aws-service-spec`, see scripts/resource-catalog.mjs) into
 * `dist/resource-catalog.txt`, one line per type. It is read once, lazily, the first time a template needs it,
 * and a type is looked up by searching the text for its line: nothing is parsed but the lines a template uses,
 * so a start pays for reading ~240 KB, not for parsing a catalogue of 1,800 types.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { matchesAny } from '../hook-config/wildcard';

/** The shape of an attribute's value. */
export type AttributeKind = 'string' | 'list' | 'number' | 'boolean' | 'json';

/** One registry type as the catalogue describes it. */
export interface CatalogType {
  /** The identifying properties whose value `Ref` returns, joined with `|` (e.g. `VpcId`, `Arn`). */
  readonly ref: string;
  /** The ARN template (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`), when the registry has one. */
  readonly arn?: string;
  readonly attributes: Readonly<Record<string, AttributeKind>>;
  /**
   * The top-level properties a change of which replaces the resource: the spec's `causesReplacement: yes`, the
   * registry's createOnlyProperties and the old specification's `Immutable` (scripts/resource-catalog.mjs).
   */
  readonly createOnly: readonly string[];
  /**
   * The properties that identify a resource of the type in its account and region (the registry's primaryIdentifier),
   * joined with `|`: `ref` unless they differ (a stage's `Ref` is its `StageName`, its identifier `RestApiId|StageName`).
   */
  readonly identifier: string;
  /** Every top-level property the spec knows for the type (the create-only ones among them), sorted. */
  readonly properties: readonly string[];
  /**
   * The naming property the resource reference documents as one a replacement may not keep ("If you specify a name,
   * you can't perform updates that require replacement of this resource"), or as unique in the account or Region.
   */
  readonly customName?: string;
}

/** The catalogue file, next to the bundle (dist/simulate.js) or in dist/ of the package when run from source. */
export const CATALOG_FILE = 'resource-catalog.txt';

/** The catalogue cannot be read: the build did not run (`npm run build` writes it). */
export class CatalogUnavailableError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`the resource-type catalogue ${file} cannot be read (${reason}); run \`npm run build\`, which generates it from @aws-cdk/aws-service-spec`);
    this.name = 'CatalogUnavailableError';
  }
}

/** The mark after an attribute's name that says its kind (none: a string). */
const KINDS: ReadonlyArray<[string, AttributeKind]> = [
  ['[]', 'list'],
  ['{}', 'json'],
  ['#', 'number'],
  ['!', 'boolean'],
];

let text: string | undefined;
const parsed = new Map<string, CatalogType | undefined>();

/** Where the catalogue is: beside this code when bundled, else in the nearest ancestor's dist/. */
export function catalogPath(from: string = __dirname): string {
  const beside = join(from, CATALOG_FILE);
  if (existsSync(beside)) return beside;
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', CATALOG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return beside;
  }
}

/** The catalogue's text, read on first use; throws CatalogUnavailableError when the build has not written it. */
function catalogText(): string {
  if (text !== undefined) return text;
  const file = catalogPath();
  let read: string;
  try {
    read = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogUnavailableError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error));
  }
  if (!read.startsWith('# ')) throw new CatalogUnavailableError(file, 'it is not a catalogue');
  text = read;
  return text;
}

/** The package (and version) the catalogue was generated from, e.g. `@aws-cdk/aws-service-spec@0.1.216`. */
export function catalogSource(): string {
  const all = catalogText();
  return all.slice(2, all.indexOf('\n'));
}

/** The catalogue's entry for a type, or undefined when the registry has no such type. */
export function catalogType(type: string): CatalogType | undefined {
  if (parsed.has(type)) return parsed.get(type);
  const all = catalogText();
  // A type name holds no tab or newline, so `\n<type>\t` finds its line and nothing else.
  const at = type.includes('\t') || type.includes('\n') ? -1 : all.indexOf(`\n${type}\t`);
  const entry = at === -1 ? undefined : parseLine(all.slice(at + 1, all.indexOf('\n', at + 1)));
  parsed.set(type, entry);
  return entry;
}

function parseLine(line: string): CatalogType {
  const [, ref = '', arn = '', names = '', createOnly = '', identifier = '', others = '', customName = ''] = line.split('\t');
  const attributes = Object.create(null) as Record<string, AttributeKind>;
  for (const written of names === '' ? [] : names.split(',')) {
    const mark = KINDS.find(([suffix]) => written.endsWith(suffix));
    attributes[mark ? written.slice(0, -mark[0].length) : written] = mark ? mark[1] : 'string';
  }
  const replacing = createOnly === '' ? [] : createOnly.split(',');
  const properties = [...replacing, ...(others === '' ? [] : others.split(','))].sort();
  return { ref, ...(arn !== '' ? { arn } : {}), attributes, createOnly: replacing, identifier: identifier === '' ? ref : identifier, properties, ...(customName !== '' ? { customName } : {}) };
}

/**
 * Types the service knows without the registry listing them: custom resources (`Custom::<name>`, the service's
 * own name pattern), and `AWS::CDK::Metadata`, which every CDK template carries and the service accepts.
 */
const CUSTOM_TYPE = /^Custom::[A-Za-z0-9_@-]{1,60}$/;
const BUILT_IN_TYPES = new Set(['AWS::CloudFormation::CustomResource', 'AWS::CDK::Metadata']);

/**
 * True when the service would recognise the type: a registry type of the catalogue, a custom resource, or a
 * private or third-party type the user says the account has (`knownTypes`, where `*` matches any characters).
 */
export function isRecognizedType(type: string, knownTypes: readonly string[]): boolean {
  if (CUSTOM_TYPE.test(type) || BUILT_IN_TYPES.has(type)) return true;
  if (matchesAny(knownTypes, type)) return true;
  return catalogType(type) !== undefined;
}

/** Every type name of the catalogue, in its order (for a "did you mean"; read only when a type is not found). */
export function catalogTypeNames(): string[] {
  const names: string[] = [];
  for (const line of catalogText().split('\n').slice(1)) {
    const tab = line.indexOf('\t');
    if (tab > 0) names.push(line.slice(0, tab));
  }
  return names;
}
