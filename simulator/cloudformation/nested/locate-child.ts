/**
 * Where a nested stack's template is on this machine: a CDK asset (`Metadata["aws:asset:path"]`, relative to the
 * cloud assembly, as the CDK CLI finds it), a local `TemplateURL` (a relative path or a `file:` URL, as
 * `aws cloudformation package` accepts before uploading), SAM's local `Location`, or a URL the user mapped to a
 * file with `--template-map` (as is a Serverless Application Repository `ApplicationId`). Anything else (an S3 or HTTPS URL, a Serverless Application Repository id) cannot
 * be read offline: the caller reports it, located, instead of passing it silently.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonValue } from '../../../src/kernel/protocol';
import { hasUrlScheme } from '../../../src/kernel/source';
import type { NestedStackRequest } from '../template/types';

/** The CDK metadata key naming a nested template's asset file (`ASSET_RESOURCE_METADATA_PATH_KEY` in the CDK). */
export const CDK_ASSET_PATH = 'aws:asset:path';

/** A child template found on disk, or why it was not. `pointer` is relative to the resource. */
export type ChildLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'not-simulated'; readonly pointer: string; readonly message: string; readonly severity: 'warning' | 'error' };

/** Finds the child template of a nested-stack resource declared in the template at `parentFile`. */
export function locateChild(request: NestedStackRequest, parentFile: string, templateMap: Readonly<Record<string, string>>): ChildLocation {
  const base = dirname(parentFile);
  const asset = assetPath(request.metadata);
  if (asset !== undefined) return { kind: 'file', path: isAbsolute(asset) ? asset : join(base, asset) };
  const application = request.type === 'AWS::Serverless::Application';
  const key = application ? 'Location' : 'TemplateURL';
  const pointer = `/Properties/${key}`;
  const value = Object.prototype.hasOwnProperty.call(request.properties, key) ? request.properties[key] : undefined;
  if (typeof value !== 'string') {
    // A Serverless Application Repository application: its template is in the repository, mapped by its id.
    const applicationId = application ? repositoryApplicationId(value) : undefined;
    if (applicationId !== undefined && Object.prototype.hasOwnProperty.call(templateMap, applicationId)) return { kind: 'file', path: templateMap[applicationId] as string };
    if (applicationId !== undefined) {
      return notSimulated(
        pointer,
        `${request.logicalId} (${request.type}) is the Serverless Application Repository application ${applicationId}; its nested stack is not simulated, so the hook is never shown its resources; map it to a local copy of its template with --template-map ${applicationId}=<path>`,
      );
    }
    const what = application ? 'a Serverless Application Repository application' : `a ${key} that is not a string`;
    return notSimulated(pointer, `${request.logicalId} (${request.type}) is ${what}; its nested stack is not simulated, so the hook is never shown its resources`);
  }
  if (value === '') {
    // Read as a path, "" is the parent's own folder: say what is wrong with the template, not with a folder.
    return { kind: 'not-simulated', pointer, message: `${request.logicalId} (${request.type}): its ${key} is empty, so it names no template`, severity: 'error' };
  }
  if (!application && /^s3:\/\//i.test(value)) {
    // The service reads a nested template from an https:// URL of an S3 object only; `s3://` is the CLI's shorthand
    // (aws/aws-cli#2314: the stack fails with "TemplateURL must be an Amazon S3 URL."; reported since as "must be a
    // supported URL"). Mapped to a local file or not, the deployment fails there.
    return {
      kind: 'not-simulated',
      pointer,
      message: `${request.logicalId} (${request.type}): TemplateURL must be a supported URL. (${value} is the CLI's s3:// form; the service reads a nested template from an https:// URL of the S3 object, e.g. https://<bucket>.s3.<region>.amazonaws.com/<key>)`,
      severity: 'error',
    };
  }
  // A location --template-map maps, exactly or by its folder, is the user's answer, whatever it holds.
  const mapped = mappedFile(value, templateMap);
  if (mapped !== undefined) return { kind: 'file', path: mapped };
  if (request.guessedLocation !== undefined) {
    return notSimulated(
      pointer,
      `${request.logicalId} (${request.type}): its ${key} ${JSON.stringify(value)} holds ${request.guessedLocation}, a value the simulator stood in for, not a template's location, so its nested stack is not simulated and the hook is never shown its resources; map it to a local file with --template-map ${value}=<path>`,
    );
  }
  const local = localFileOf(value, base, templateMap);
  if (local.kind === 'file') return local;
  if (local.kind === 'invalid') return { kind: 'not-simulated', pointer, message: `${key} ${JSON.stringify(value)} is not a valid file: URL`, severity: 'error' };
  return notSimulated(
    pointer,
    `${request.logicalId} (${request.type}): its template ${value} is not on this machine, so its nested stack is not simulated and the hook is never shown its resources; map it to a local file with --template-map ${value}=<path>${folderHint(value)}`,
  );
}

/** For a URL with a folder, how to map every template under it at once (a Quick Start's tree lives in one prefix). */
function folderHint(url: string): string {
  const folder = /^[a-z0-9]+:\/\/[^/]+\/.*\//i.exec(url)?.[0];
  return folder === undefined ? '' : `, or every template under its folder with --template-map ${folder}=<local folder>/`;
}

/** Where a location written in a template is on this machine: a file, somewhere only the service reads, or no location. */
export type LocalFile = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'remote' } | { readonly kind: 'invalid' };

/**
 * A location as `aws cloudformation package` reads it before uploading (a relative path from the template's folder, a
 * `file:` URL), or as `--template-map` maps it (exactly, or by the longest key ending in `/`); any other URL is remote.
 * Nested stacks' `TemplateURL` and `AWS::Include`'s `Location` alike.
 */
export function localFileOf(value: string, base: string, templateMap: Readonly<Record<string, string>>): LocalFile {
  const mapped = mappedFile(value, templateMap);
  if (mapped !== undefined) return { kind: 'file', path: mapped };
  if (value.startsWith('file:')) {
    try {
      return { kind: 'file', path: value.startsWith('file://') ? fileURLToPath(value) : join(base, decodeURIComponent(value.slice('file:'.length))) };
    } catch {
      return { kind: 'invalid' };
    }
  }
  if (hasUrlScheme(value)) return { kind: 'remote' };
  return { kind: 'file', path: isAbsolute(value) ? value : join(base, value) };
}

/** The file `--template-map` maps a location to: its own key, else the longest folder key it is under. */
function mappedFile(value: string, templateMap: Readonly<Record<string, string>>): string | undefined {
  if (Object.prototype.hasOwnProperty.call(templateMap, value)) return templateMap[value] as string;
  const prefix = mappedPrefix(value, templateMap);
  return prefix === undefined ? undefined : join(templateMap[prefix] as string, value.slice(prefix.length).split('/').map(decodedSegment).join('/'));
}

/**
 * The longest `--template-map` key ending in `/` that `url` starts with: a folder of templates mapped at once
 * (`https://bucket.s3.amazonaws.com/templates/=infra/` maps every template under it to the same path under `infra/`).
 */
function mappedPrefix(url: string, templateMap: Readonly<Record<string, string>>): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(templateMap)) {
    if (key.endsWith('/') && url.startsWith(key) && url.length > key.length && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}

/** A URL path segment as a file name (`%20` is a space); one that is not valid percent-encoding is taken as written. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The `ApplicationId` of a SAM `Location: {ApplicationId, SemanticVersion}`, when it is a plain string. */
function repositoryApplicationId(location: JsonValue | undefined): string | undefined {
  if (location === null || typeof location !== 'object' || Array.isArray(location)) return undefined;
  const id = Object.prototype.hasOwnProperty.call(location, 'ApplicationId') ? location.ApplicationId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function assetPath(metadata: JsonValue | undefined): string | undefined {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return undefined;
  const value = Object.prototype.hasOwnProperty.call(metadata, CDK_ASSET_PATH) ? metadata[CDK_ASSET_PATH] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function notSimulated(pointer: string, message: string): ChildLocation {
  return { kind: 'not-simulated', pointer, message, severity: 'warning' };
}
