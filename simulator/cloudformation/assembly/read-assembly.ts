/**
 * A CDK cloud assembly (`cdk.out`) read as the CDK CLI reads it to deploy: `manifest.json` artifacts of type
 * `aws:cloudformation:stack` give each stack's template (`properties.templateFile`), name (`properties.stackName`,
 * default the artifact id), parameters, environment and dependencies; `cdk:cloud-assembly` artifacts (stages) are
 * nested assemblies in `properties.directoryName`. Stacks come in dependency order, so a stack's `Fn::ImportValue`
 * sees the exports of the stacks deployed before it. The legacy synthesizer's asset parameters get the values the CDK
 * CLI would give them (`legacyAssetParameters`). Nested stacks are found later, through their resources'
 * `Metadata["aws:asset:path"]` (simulator/cloudformation/nested).
 */
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { partitionOf, urlSuffixOf } from '../../../src/kernel/aws';
import { InputError, type Diagnostic } from '../../../src/kernel/diagnostics';
import { FileReadError, parseJson, readBoundedText, SourceSyntaxError } from '../../../src/kernel/source';
import { deterministicHex } from '../resolve/stack-environment';
import { describeShape } from '../resolve/values';

/** The manifest file that makes a directory a cloud assembly. */
export const ASSEMBLY_MANIFEST = 'manifest.json';

/** A cloud assembly that cannot be used: its manifest is missing, unreadable or of the wrong shape. */
export class AssemblyError extends InputError {}

/** An assembly whose synth left context lookups unmade: none of its templates is what a deployment would carry. */
export class MissingContextError extends AssemblyError {}

/** One stack of an assembly, ready to simulate. */
export interface AssemblyStack {
  readonly artifactId: string;
  readonly stackName: string;
  /** The construct path the CDK CLI selects stacks by (`cdk deploy 'Prod/*'`): `displayName`, else the artifact id. */
  readonly displayName: string;
  /** The template, as a path (the assembly directory joined with `templateFile`). */
  readonly templateFile: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** From `environment: aws://<account>/<region>`, when both are concrete (not `unknown-…`). */
  readonly accountId?: string;
  readonly region?: string;
  /**
   * SSM values the CDK bootstrap provides: `bootstrapStackVersionSsmParameter` → the version the stack requires,
   * so `BootstrapVersion` (an `AWS::SSM::Parameter::Value<String>` parameter) resolves without `--ssm`.
   */
  readonly ssmParameters: Readonly<Record<string, string>>;
  /**
   * The legacy synthesizer's assets (`aws:cdk:asset` metadata entries naming `AssetParameters…` template
   * parameters), whose values the CDK CLI supplies when it deploys: see `legacyAssetParameters`.
   */
  readonly legacyAssets: readonly LegacyAsset[];
  /**
   * The assembly's template assets in its asset manifests (`cdk:asset-manifest` artifacts, the modern synthesizer):
   * where each nested-stack template is uploaded, so a `TemplateURL` without `aws:asset:path` still finds its file.
   */
  readonly templateAssets: readonly TemplateAsset[];
  /** Construct paths from the stack's metadata, by template file and logical id (see `constructPathsOf`). */
  readonly constructPaths: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `properties.terminationProtection`: `cdk deploy` turns it on, and DeleteStack is then refused. */
  readonly terminationProtection?: true;
  /** The artifact ids the manifest says the stack depends on (`cdk destroy X` deletes X's dependants too). */
  readonly dependencies?: readonly string[];
}

/** A template file asset of an asset manifest: the file, and the bucket and key it is published to. */
export interface TemplateAsset {
  /** The template on disk (the assembly directory joined with the asset's `source.path`). */
  readonly file: string;
  /** The destination's bucket, with the manifest's `${AWS::AccountId}`, `${AWS::Region}` placeholders unresolved. */
  readonly bucketName: string;
  readonly objectKey: string;
}

/**
 * The URLs a nested stack's `TemplateURL` resolves to in this account and region, each mapped to its template on
 * disk: `https://s3.<region>.<suffix>/<bucket>/<key>`, as the modern synthesizer writes them (a bucket and key of an
 * asset manifest) and as the legacy one joins them (`AssetParameters…` bucket, then the key's two `||` parts, from
 * `values`: the stack's legacy asset parameters, computed here unless the caller has them). The CDK CLI finds a
 * nested template by `Metadata["aws:asset:path"]`, which a template synthesized without the CLI's asset metadata
 * lacks; this finds it all the same. The mapping is given to the run as `--template-map` entries (those the user
 * gives win).
 */
export function nestedTemplateUrls(stack: AssemblyStack, accountId: string, region: string, values = legacyAssetParameters(stack.legacyAssets, accountId, region)): Record<string, string> {
  const urls: Record<string, string> = {};
  const host = `https://s3.${region}.${urlSuffixOf(partitionOf(region))}`;
  for (const asset of stack.templateAssets) {
    const bucket = asset.bucketName.replace(/\$\{AWS::AccountId\}/g, accountId).replace(/\$\{AWS::Region\}/g, region).replace(/\$\{AWS::Partition\}/g, partitionOf(region));
    urls[`${host}/${bucket}/${asset.objectKey}`] = asset.file;
  }
  for (const asset of stack.legacyAssets) {
    if (!asset.path.endsWith('.template.json') || asset.s3BucketParameter === undefined || asset.s3KeyParameter === undefined) continue;
    const key = (values[asset.s3KeyParameter] ?? '').replace('||', '');
    urls[`${host}/${values[asset.s3BucketParameter] ?? ''}/${key}`] = join(dirname(stack.templateFile), asset.path);
  }
  return urls;
}

/** The template assets of every asset manifest in the assembly directory (`cdk:asset-manifest` artifacts). */
function templateAssetsOf(directory: string, artifacts: Record<string, unknown>): TemplateAsset[] {
  const assets: TemplateAsset[] = [];
  for (const artifact of Object.values(artifacts)) {
    if (!isRecord(artifact) || artifact.type !== 'cdk:asset-manifest' || !isRecord(artifact.properties) || typeof artifact.properties.file !== 'string') continue;
    let manifest: unknown;
    try {
      manifest = JSON.parse(readBoundedText(join(directory, artifact.properties.file), { what: 'an asset manifest' }));
    } catch {
      continue; // An asset manifest that cannot be read only loses this fallback; aws:asset:path still works.
    }
    if (!isRecord(manifest) || !isRecord(manifest.files)) continue;
    for (const file of Object.values(manifest.files)) {
      if (!isRecord(file) || !isRecord(file.source) || typeof file.source.path !== 'string' || !file.source.path.endsWith('.template.json')) continue;
      for (const destination of isRecord(file.destinations) ? Object.values(file.destinations) : []) {
        if (!isRecord(destination) || typeof destination.bucketName !== 'string' || typeof destination.objectKey !== 'string') continue;
        assets.push({ file: join(directory, file.source.path), bucketName: destination.bucketName, objectKey: destination.objectKey });
      }
    }
  }
  return assets;
}

/** One `aws:cdk:asset` metadata entry of the legacy (v1-style) synthesizer: the parameters it names and its hash. */
export interface LegacyAsset {
  readonly id: string;
  readonly packaging: string;
  readonly path: string;
  readonly sourceHash: string;
  readonly s3BucketParameter?: string;
  readonly s3KeyParameter?: string;
  readonly artifactHashParameter?: string;
  readonly imageNameParameter?: string;
  readonly repositoryName?: string;
  readonly imageTag?: string;
}

/**
 * The values the CDK CLI gives a legacy-synthesized stack's asset parameters when it deploys (aws-cdk
 * `lib/assets.ts`, `prepareFileAsset` and `prepareDockerImageAsset`): the bootstrap bucket's name, the object key as
 * `<prefix>||<hash><extension>` (templates split it on `||`) and the source hash. An image parameter exists only in
 * assemblies of CDK before 1.21 (later ones name the repository and tag instead), whose templates prepend the
 * registry and split the value on `@sha256:`: it gets that era's `<repository>@sha256:<digest>`, the source hash
 * standing in for the digest. [choice] The bucket's name is a stand-in of the legacy bootstrap bucket's shape
 * (`cdktoolkit-stagingbucket-<suffix>`); no value depends on what was uploaded.
 */
export function legacyAssetParameters(assets: readonly LegacyAsset[], accountId: string, region: string): Record<string, string> {
  const values: Record<string, string> = {};
  const bucket = `cdktoolkit-stagingbucket-${deterministicHex(`${accountId}/${region}`, 12)}`;
  for (const asset of assets) {
    if (asset.s3BucketParameter !== undefined) values[asset.s3BucketParameter] = bucket;
    if (asset.s3KeyParameter !== undefined) {
      const extension = asset.packaging === 'zip' ? '.zip' : extname(asset.path);
      const prefix = asset.id === asset.sourceHash ? 'assets/' : `assets/${asset.id}/`;
      values[asset.s3KeyParameter] = `${prefix}||${asset.sourceHash}${extension}`;
    }
    if (asset.artifactHashParameter !== undefined) values[asset.artifactHashParameter] = asset.sourceHash;
    if (asset.imageNameParameter !== undefined) {
      const repository = asset.repositoryName ?? `cdk/${asset.id.replace(/[:/]/g, '-').toLowerCase()}`;
      values[asset.imageNameParameter] = `${repository}@sha256:${asset.imageTag ?? asset.sourceHash}`;
    }
  }
  return values;
}

/**
 * An artifact's metadata (`{ "/Stack/Construct": [{ type, data }] }`): inline in the manifest (`metadata`), and, as
 * recent CDK versions write it, in the file beside the manifest that `additionalMetadataFile` names
 * (`<Stack>.metadata.json`). A file that cannot be read only loses what it would add, as an asset manifest does: a
 * legacy asset parameter it would have supplied is then refused as missing, by name.
 */
function metadataOf(directory: string, artifact: Record<string, unknown>): unknown[] {
  const metadata: unknown[] = [artifact.metadata];
  if (typeof artifact.additionalMetadataFile === 'string' && artifact.additionalMetadataFile !== '') {
    try {
      metadata.push(JSON.parse(readBoundedText(join(directory, artifact.additionalMetadataFile), { what: 'a stack metadata file' })));
    } catch {
      // Not there, not a regular file, too large or not JSON: nothing added.
    }
  }
  return metadata;
}

/**
 * Construct paths by template file and logical id, from the `aws:cdk:logicalId` entries of a stack's metadata. A
 * resource's `Metadata["aws:cdk:path"]` names its construct only when the app was synthesized with path metadata (the
 * CLI's default; not with `--path-metadata false`, `pathMetadata: false`, a synth run by the app itself, or
 * integ-runner's snapshots), but these entries are always written. An entry belongs to the template of its nearest
 * construct with a template of its own, else to the stack's. A nested stack's construct names its template with an
 * `aws:cdk:templateFile` entry in recent CDK versions only; for older assemblies it is found from the nested stack's
 * resource (`<scope>.NestedStack/<id>.NestedStackResource`) in its parent's template (`nestedTemplateOf`): without it,
 * a parent resource and a nested one with the same logical id were both given the nested one's path.
 */
function constructPathsOf(directory: string, stackTemplate: string, metadata: readonly unknown[], templateAssets: readonly TemplateAsset[]): Record<string, Record<string, string>> {
  const templateAt = new Map<string, string>();
  const ids: Array<[string, string]> = [];
  for (const entries of metadata.flatMap((m) => (isRecord(m) ? Object.entries(m) : []))) {
    const [path, list] = entries;
    for (const entry of Array.isArray(list) ? list : []) {
      if (!isRecord(entry) || typeof entry.data !== 'string') continue;
      if (entry.type === 'aws:cdk:templateFile') templateAt.set(path, join(directory, entry.data));
      else if (entry.type === 'aws:cdk:logicalId') ids.push([path, entry.data]);
    }
  }
  const templateOf = (path: string): string => {
    for (let at = path; at !== ''; at = at.slice(0, Math.max(0, at.lastIndexOf('/')))) {
      const found = templateAt.get(at);
      if (found !== undefined) return found;
    }
    return stackTemplate;
  };
  // Nested stacks without a templateFile entry, outermost first, so that a nested stack's own parent is known.
  const nested = ids
    .map(([path, logicalId]) => ({ match: /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/.exec(path), logicalId }))
    .flatMap(({ match, logicalId }) => (match ? [{ scope: `${match[1] ?? ''}/${match[2] ?? ''}`, logicalId }] : []))
    .filter(({ scope }) => !templateAt.has(scope))
    .sort((a, b) => a.scope.split('/').length - b.scope.split('/').length);
  for (const { scope, logicalId } of nested) {
    const file = nestedTemplateOf(directory, templateOf(scope), logicalId, templateAssets);
    if (file !== undefined) templateAt.set(scope, file);
  }
  const paths: Record<string, Record<string, string>> = {};
  for (const [path, logicalId] of ids) {
    const forTemplate = (paths[templateOf(path)] ??= Object.create(null) as Record<string, string>);
    forTemplate[logicalId] = path.replace(/^\//, '');
  }
  return paths;
}

/**
 * The template file of the nested stack `logicalId` declares in `parentTemplate`: its `aws:asset:path` metadata, else
 * the template asset its `TemplateURL` ends with (`…/<hash>.json`, the asset manifest's object key). Undefined when
 * neither says (a construct path is then left with the stack's template, as before).
 */
function nestedTemplateOf(directory: string, parentTemplate: string, logicalId: string, templateAssets: readonly TemplateAsset[]): string | undefined {
  let template: unknown;
  try {
    template = JSON.parse(readBoundedText(parentTemplate, { what: 'a stack template' }));
  } catch {
    return undefined;
  }
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : undefined;
  const resource = resources !== undefined && Object.hasOwn(resources, logicalId) ? resources[logicalId] : undefined;
  if (!isRecord(resource)) return undefined;
  const assetPath = isRecord(resource.Metadata) ? resource.Metadata['aws:asset:path'] : undefined;
  if (typeof assetPath === 'string') return join(directory, assetPath);
  const url = isRecord(resource.Properties) ? resource.Properties.TemplateURL : undefined;
  const texts = JSON.stringify(url ?? null).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
  const asset = templateAssets.find((a) => texts.some((text) => text.endsWith(`/${a.objectKey}"`) || text === `"${a.objectKey}"`));
  return asset?.file;
}

/** The `aws:cdk:asset` entries of one of an artifact's metadata objects (`{ "/Stack/Construct": [{ type, data }] }`). */
function legacyAssetsOf(metadata: unknown): LegacyAsset[] {
  const assets: LegacyAsset[] = [];
  if (!isRecord(metadata)) return assets;
  for (const entries of Object.values(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (!isRecord(entry) || entry.type !== 'aws:cdk:asset' || !isRecord(entry.data)) continue;
      const data = stringRecord(entry.data);
      if (data.id === undefined || data.sourceHash === undefined) continue;
      assets.push({ ...data, id: data.id, sourceHash: data.sourceHash, packaging: data.packaging ?? 'file', path: data.path ?? '' });
    }
  }
  return assets;
}

/** True when `path` is a directory holding a cloud assembly manifest. */
export function isCloudAssembly(path: string): boolean {
  try {
    // A manifest that is there but cannot be read (a dangling link, a link loop) still makes the folder an assembly,
    // whose read then says why; run as a plain folder, its stacks would be judged under the wrong names and places.
    return statSync(path).isDirectory() && (existsSync(join(path, ASSEMBLY_MANIFEST)) || isLink(join(path, ASSEMBLY_MANIFEST)));
  } catch {
    return false;
  }
}

/**
 * True for a cloud assembly's own `manifest.json` named as a file (`cdk.out/manifest.json`): a JSON object with
 * `artifacts` in a file of that name. A template that happens to be called so stays a template.
 */
export function isAssemblyManifestFile(path: string): boolean {
  if (basename(path) !== ASSEMBLY_MANIFEST) return false;
  try {
    const value: unknown = JSON.parse(readBoundedText(path, { what: 'the cloud assembly manifest' }));
    return isRecord(value) && 'artifacts' in value && !('Resources' in value);
  } catch {
    return false;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The cloud assemblies one run has read, each by the real path of its manifest: a run naming hundreds of stack
 * templates of one `cdk.out` on their own reads its manifest and asset manifests once, not once per template. Scoped
 * to a run (make one per run, never a module-wide one): a later run reads them again, as they then are.
 */
export class AssemblyReads {
  private readonly known = new Map<string, { readonly directory: string; readonly stacks: AssemblyStack[] } | AssemblyError>();

  /** The stacks of the assembly in `directory`, as readAssembly gives them. Throws AssemblyError (the same one again). */
  stacksOf(directory: string): AssemblyStack[] {
    return this.read(directory).stacks;
  }

  /**
   * The stack of the cloud assembly beside `templateFile` whose template it is (`cdk.out/App.template.json` named on
   * its own), or undefined: not in an assembly, not one of its stack templates (a nested template), or a manifest
   * that cannot be used (the file is then simulated as any template is). Throws MissingContextError for an assembly
   * with missing context: its templates are refused with it.
   */
  stackOf(templateFile: string): AssemblyStack | undefined {
    const directory = dirname(templateFile);
    if (!isCloudAssembly(directory)) return undefined;
    let read;
    try {
      read = this.read(directory);
    } catch (error) {
      // A template of an assembly with missing context holds CDK's stand-ins: refused as its assembly is, not run plain.
      if (error instanceof AssemblyError && !(error instanceof MissingContextError)) return undefined;
      throw error;
    }
    // The same file under the spelling of the folder the assembly was first read through (a link, `./`).
    const target = resolve(read.directory, basename(templateFile));
    return read.stacks.find((stack) => resolve(stack.templateFile) === target);
  }

  private read(directory: string): { readonly directory: string; readonly stacks: AssemblyStack[] } {
    const key = realPathOr(join(directory, ASSEMBLY_MANIFEST));
    let read = this.known.get(key);
    if (read === undefined) {
      try {
        read = { directory, stacks: readAssembly(directory) };
      } catch (error) {
        if (!(error instanceof AssemblyError)) throw error;
        read = error;
      }
      this.known.set(key, read);
    }
    if (read instanceof AssemblyError) throw read;
    return read;
  }
}

/** The canonical path of `path` (links resolved), or `path` resolved when it cannot be had (the read then says why). */
function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Reads an assembly's stacks in dependency order (ties in manifest order). Throws AssemblyError. */
export function readAssembly(directory: string): AssemblyStack[] {
  const found: { stack: AssemblyStack; dependencies: readonly string[] }[] = [];
  const missing: MissingContext[] = [];
  collect(directory, found, 0, missing);
  const [first] = missing;
  if (first !== undefined) {
    // The CDK toolkit refuses such a folder (`cdk deploy --app cdk.out`); the CLI synthesizing the app itself looks the
    // values up first. The template holds CDK's stand-ins (`dummy-value-for-…`), which no deployment ever carries.
    const keys = [...new Set(missing.flatMap((m) => m.keys))];
    const message =
      "Assembly contains missing context. Make sure all necessary context is already in 'cdk.context.json' by running 'cdk synth' on a machine with sufficient AWS credentials and committing the result. " +
      `Missing context keys: '${keys.join(', ')}' (the templates hold CDK's stand-in values for them, which no deployment carries)`;
    throw new MissingContextError([{ code: 'SIM_CLOUD_ASSEMBLY', severity: 'error', message, file: first.file, path: '/missing', line: 0, column: 0 }]);
  }
  return dependencyOrder(found, join(directory, ASSEMBLY_MANIFEST));
}

/** A manifest's `missing` entries (context lookups the synth could not make), by their keys. */
interface MissingContext {
  readonly file: string;
  readonly keys: readonly string[];
}

/**
 * Where the bootstrap stack of the default qualifier (`hnb659fds`) records its version, and the `Default` CDK gives
 * every stack's `BootstrapVersion` parameter (aws-cdk-lib `DefaultStackSynthesizer`).
 */
const DEFAULT_BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

/** [choice] Stages nest assemblies; more than 8 levels is a loop or a mistake, not an app. */
const MAX_STAGE_DEPTH = 8;

function collect(directory: string, found: { stack: AssemblyStack; dependencies: readonly string[] }[], depth: number, missing: MissingContext[]): void {
  const file = join(directory, ASSEMBLY_MANIFEST);
  const manifest = readManifest(file);
  if (Array.isArray(manifest.missing) && manifest.missing.length > 0) {
    missing.push({ file, keys: manifest.missing.map((entry: unknown) => (isRecord(entry) && typeof entry.key === 'string' ? entry.key : JSON.stringify(entry))) });
  }
  checkSchemaVersion(file, manifest);
  const artifacts = manifest.artifacts;
  if (artifacts === undefined) return;
  if (!isRecord(artifacts)) throw invalid(file, '/artifacts', 'artifacts must be an object');
  const templateAssets = templateAssetsOf(directory, artifacts);
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact)) throw invalid(file, `/artifacts/${id}`, 'an artifact must be an object');
    const dependencies = dependenciesOf(file, id, artifact.dependencies, artifacts);
    const properties = isRecord(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'cdk:cloud-assembly') {
      if (typeof properties.directoryName !== 'string') throw invalid(file, `/artifacts/${id}/properties/directoryName`, 'a nested cloud assembly needs properties.directoryName');
      if (depth >= MAX_STAGE_DEPTH) throw invalid(file, `/artifacts/${id}`, `nested cloud assemblies deeper than ${MAX_STAGE_DEPTH} levels`);
      collect(join(directory, properties.directoryName), found, depth + 1, missing);
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    checkTemplateFile(file, id, properties.templateFile);
    checkEnvironment(file, id, artifact.environment);
    const environment = typeof artifact.environment === 'string' ? /^aws:\/\/([^/]+)\/([^/]+)$/.exec(artifact.environment) : null;
    const accountId = environment?.[1] !== undefined && /^\d{12}$/.test(environment[1]) ? environment[1] : undefined;
    const region = environment?.[2] !== undefined && !environment[2].startsWith('unknown-') ? environment[2] : undefined;
    const ssm: Record<string, string> = {};
    if (typeof properties.bootstrapStackVersionSsmParameter === 'string') {
      ssm[properties.bootstrapStackVersionSsmParameter] = String(typeof properties.requiresBootstrapStackVersion === 'number' ? properties.requiresBootstrapStackVersion : 6);
    } else if (typeof properties.requiresBootstrapStackVersion === 'number') {
      // Older assemblies (manifest schema 6, for one) name the version without its parameter: the default qualifier's.
      ssm[DEFAULT_BOOTSTRAP_VERSION_PARAMETER] = String(properties.requiresBootstrapStackVersion);
    }
    const metadata = metadataOf(directory, artifact);
    found.push({
      stack: {
        artifactId: id,
        stackName: typeof properties.stackName === 'string' ? properties.stackName : id,
        displayName: typeof artifact.displayName === 'string' ? artifact.displayName : id,
        templateFile: join(directory, properties.templateFile),
        parameters: stringRecord(properties.parameters),
        ...(accountId ? { accountId } : {}),
        ...(region ? { region } : {}),
        ssmParameters: ssm,
        legacyAssets: metadata.flatMap(legacyAssetsOf),
        constructPaths: constructPathsOf(directory, join(directory, properties.templateFile), metadata, templateAssets),
        templateAssets,
        ...(properties.terminationProtection === true ? { terminationProtection: true as const } : {}),
        ...(dependencies.length > 0 ? { dependencies } : {}),
      },
      dependencies,
    });
  }
}

/**
 * A manifest's `version`, the cloud assembly schema's: refused when it is no version (cx-api's `Invalid semver
 * string`). [choice] A major version newer than any the simulator was checked against is read, not refused as cx-api
 * refuses one newer than its own: the assembly was written by the CDK the user deploys with, whose CLI reads it, and
 * the simulator reads only the fields it knows (a refusal would stop every run on the day a CDK release bumps the
 * schema). A manifest without a version (written by hand, or by a test) is read as before.
 */
function checkSchemaVersion(file: string, manifest: Record<string, unknown>): void {
  const version = manifest.version;
  if (version === undefined) return;
  // semver.valid, as cx-api parses it: a leading `v` or `=` and surrounding spaces are allowed.
  const valid = typeof version === 'string' && /^\s*[v=]*\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?\s*$/.test(version);
  if (!valid) throw invalid(file, '/version', `Invalid semver string: ${JSON.stringify(version)} (the cloud assembly schema version, such as "48.0.0")`);
}

/**
 * An artifact's `dependencies`: artifact ids of the same manifest. cx-api throws for one naming no artifact
 * (`CloudArtifact.dependencies`), and `cdk deploy` stops there; the schema refuses one that is not a string.
 */
function dependenciesOf(file: string, id: string, value: unknown, artifacts: Record<string, unknown>): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(file, `/artifacts/${id}/dependencies`, `dependencies must be a list of artifact ids, not ${describeShape(value)}`);
  return value.map((dependency: unknown, index) => {
    const at = `/artifacts/${id}/dependencies/${index}`;
    if (typeof dependency !== 'string') throw invalid(file, at, `a dependency is an artifact id (a string), not ${describeShape(dependency)}`);
    if (!Object.hasOwn(artifacts, dependency)) throw invalid(file, at, `Artifact ${id} depends on non-existing artifact ${dependency}`);
    return dependency;
  });
}

/**
 * A stack's `properties.templateFile`: a file inside the assembly folder, named relative to it, as the CDK writes it.
 * cx-api refuses one missing ("Invalid CloudFormation stack artifact. Missing "templateFile" property…") and the
 * schema one that is not a string; a folder fails as `cdk deploy` reads it. [choice] One that leads out of the assembly
 * folder (`../…`) is refused too: cx-api joins it to the folder unchecked, but no synth writes one, and the file it
 * reaches is no stack template of this assembly. A template that is not there is the stack's own refusal, when it runs.
 */
function checkTemplateFile(file: string, id: string, templateFile: unknown): asserts templateFile is string {
  const at = `/artifacts/${id}/properties/templateFile`;
  const expected = "the stack's template file inside the assembly folder";
  if (templateFile === undefined || templateFile === '') throw invalid(file, at, `Invalid CloudFormation stack artifact. Missing "templateFile" property in cloud assembly manifest (stack ${id}: name ${expected})`);
  if (typeof templateFile !== 'string') throw invalid(file, at, `properties.templateFile must be a string naming ${expected}, not ${describeShape(templateFile)}`);
  const directory = dirname(file);
  const inside = relative(directory, join(directory, templateFile));
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) throw invalid(file, at, `properties.templateFile ${JSON.stringify(templateFile)} leads out of the assembly folder: it must name ${expected}`);
  if (isDirectoryPath(join(directory, templateFile))) throw invalid(file, at, `properties.templateFile ${JSON.stringify(templateFile)} names a folder: it must name ${expected}`);
}

/**
 * A stack's `environment`, parsed as cx-api's `EnvironmentUtils.parse` does (the account and region found anywhere in
 * the string). [choice] A stack without one is placed where the run says, though cx-api refuses it ("Missing
 * environment"): assemblies written by hand and older tools leave it out.
 */
function checkEnvironment(file: string, id: string, environment: unknown): void {
  if (environment === undefined) return;
  if (typeof environment !== 'string' || !/aws:\/\/[a-z0-9A-Z\-@._]+\/[a-z\-0-9]+/.test(environment)) {
    throw invalid(file, `/artifacts/${id}/environment`, `Unable to parse environment specification ${typeof environment === 'string' ? JSON.stringify(environment) : describeShape(environment)}. Expected format: aws://account/region`);
  }
}

function isDirectoryPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // Not there, or not readable: the stack's run says so.
  }
}

function readManifest(file: string): Record<string, unknown> {
  let text: string;
  try {
    // Found in the folder, never named: a FIFO there would block for ever, so only a regular file is opened.
    text = readBoundedText(file, { what: 'the cloud assembly manifest' });
  } catch (error) {
    if (error instanceof FileReadError) throw new AssemblyError(error.diagnostics);
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = parseJson(text, file).value;
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    // A key given twice: the CDK CLI's JSON.parse keeps the last, and so does the run.
    if (error.code === 'SRC_DUPLICATE_KEY') parsed = JSON.parse(text) as unknown;
    else throw new AssemblyError([{ code: 'SIM_CLOUD_ASSEMBLY', severity: 'error', message: `the manifest is not JSON: ${error.reason}`, file, path: '', line: error.line, column: error.column }]);
  }
  if (!isRecord(parsed)) throw invalid(file, '', 'the manifest must be a JSON object');
  return parsed;
}

/** Stacks after the stacks they depend on; a stack outside the set (an asset artifact) is no constraint. */
function dependencyOrder(found: readonly { stack: AssemblyStack; dependencies: readonly string[] }[], file: string): AssemblyStack[] {
  const ids = new Set(found.map((f) => f.stack.artifactId));
  const placed = new Set<string>();
  const order: AssemblyStack[] = [];
  while (order.length < found.length) {
    const next = found.find((f) => !placed.has(f.stack.artifactId) && f.dependencies.every((d) => !ids.has(d) || placed.has(d)));
    if (!next) {
      const left = found.filter((f) => !placed.has(f.stack.artifactId)).map((f) => f.stack.artifactId);
      throw invalid(file, '/artifacts', `the stacks depend on each other in a cycle: ${left.join(', ')}`);
    }
    placed.add(next.stack.artifactId);
    order.push(next.stack);
  }
  return order;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') out[key] = item;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(file: string, path: string, message: string): AssemblyError {
  const diagnostic: Diagnostic = { code: 'SIM_CLOUD_ASSEMBLY', severity: 'error', message, file, path, line: 0, column: 0 };
  return new AssemblyError([diagnostic]);
}
