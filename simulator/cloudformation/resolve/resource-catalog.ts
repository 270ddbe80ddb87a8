/**
 * The resource-type catalogue: every type of the CloudFormation registry, what its `Ref` returns, its ARN
 * template and its `Fn::GetAtt` attributes with the shape of each value. It is generated at build time from the
 * CDK service specification database (`@aws-cdk/aws-service-spec`, see scripts/resource-catalog.mjs) into
 * `dist/resource-catalog.json`, and read here once, lazily, the first time a template needs it (~20 ms), so a
 * run that never resolves a template does not pay for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { matchesAny } from '../../../src/kernel/hook-config/wildcard';

/** The shape of an attribute's value. */
export type AttributeKind = 'string' | 'list' | 'number' | 'boolean' | 'json';

/** One registry type as the catalogue describes it. */
export interface CatalogType {
  /** The identifying properties whose value `Ref` returns, joined with `|` (e.g. `VpcId`, `Arn`). */
  readonly ref: string;
  /** The ARN template (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`), when the registry has one. */
  readonly arn?: string;
  readonly attributes: Readonly<Record<string, AttributeKind>>;
}

/** The whole catalogue, and the package version it was built from. */
export interface ResourceCatalog {
  readonly source: string;
  readonly types: Readonly<Record<string, CatalogType>>;
}

/** The catalogue file, next to the bundle (dist/simulate.js) or in dist/ of the package when run from source. */
export const CATALOG_FILE = 'resource-catalog.json';

/** The catalogue cannot be read: the build did not run (`npm run build` writes it). */
export class CatalogUnavailableError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`the resource-type catalogue ${file} cannot be read (${reason}); run \`npm run build\`, which generates it from @aws-cdk/aws-service-spec`);
    this.name = 'CatalogUnavailableError';
  }
}

let loaded: ResourceCatalog | undefined;

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

/** The catalogue, read on first use; throws CatalogUnavailableError when the build has not written it. */
export function resourceCatalog(): ResourceCatalog {
  if (loaded) return loaded;
  const file = catalogPath();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogUnavailableError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error));
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as ResourceCatalog).types !== 'object') {
    throw new CatalogUnavailableError(file, 'it is not a catalogue');
  }
  loaded = parsed as ResourceCatalog;
  return loaded;
}

/** The catalogue's entry for a type, or undefined when the registry has no such type. */
export function catalogType(type: string): CatalogType | undefined {
  const types = resourceCatalog().types;
  return Object.prototype.hasOwnProperty.call(types, type) ? types[type] : undefined;
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
