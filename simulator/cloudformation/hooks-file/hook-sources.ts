/**
 * `--hook-source <arn-or-uri>=<path-or-url>`: where the code of a hook declared with a real ARN or S3 URI is on this
 * machine. A Lambda function ARN (or its bare name) maps to a local module or a local Invoke endpoint; a Guard
 * hook's S3 URI maps to a local file. A real ARN or URI left unmapped is a located error that says so, which
 * buildHooks raises only when the run calls the hook (a hook never called needs no code).
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isInputError, type Diagnostic } from '../../../src/kernel/diagnostics';
import { hasUrlScheme } from '../../../src/kernel/source';
import { archiveHolds, CFN_GUARD_EXTENSIONS, cfnGuardReads, folderEntries, GuardArchiveError, guardArchiveFormatOf, nameInOtherCase, readGuardArchive, type CfnGuardInput } from '../guard';
import { isLocalEndpoint, type LambdaCode, type LocalObject } from '../invoke';
import type { DeclarationSite } from './hook-declarations';

/** The `--hook-source` mappings and the directory their relative paths are relative to. */
export interface HookSources {
  readonly entries: ReadonlyMap<string, string>;
  readonly cwd: string;
}

/** Where a reference leads, or why it leads nowhere (a located diagnostic). */
export type Located<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly diagnostic: Diagnostic };

/** `arn:aws:lambda:us-east-1:123456789012:function:tags:live` → `tags`; a bare `tags:live` → `tags`. */
export function functionNameOf(reference: string): string {
  const afterFunction = reference.includes(':function:') ? (reference.split(':function:')[1] ?? '') : reference;
  return afterFunction.split(':')[0] ?? afterFunction;
}

function looksLocal(value: string): boolean {
  return /^(\.{1,2}\/|\/)/.test(value) || /\.(c|m)?js(#[A-Za-z_$][\w$]*)?$/.test(value) || /^https?:\/\//.test(value);
}

/**
 * The `--hook-source` mapping that gives a Lambda hook's code, as the user wrote it (`key=target`), or undefined when
 * none does. An alias or version ARN (`…:function:checker:prod`) is mapped by itself, by the function's ARN, by its
 * name, or by the logical id of the function the hooks file declares. Its one home: the code is found by it, and a
 * problem with the code it leads to names it (the option, not the hooks file, holds the path).
 */
export function lambdaSourceMapping(declared: string, sources: HookSources, functionLogicalId?: string): { readonly key: string; readonly target: string } | undefined {
  const unqualified = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):[^:]+$/.exec(declared)?.[1];
  const keys = [declared, unqualified, functionNameOf(declared), functionLogicalId];
  for (const key of keys) {
    const target = key === undefined ? undefined : sources.entries.get(key);
    if (key !== undefined && target !== undefined) return { key, target };
  }
  return undefined;
}

/**
 * The code of a Lambda hook. `LambdaFunction` may itself be a local module path (relative to the hooks file) or a
 * local Invoke endpoint URL; otherwise it must be mapped with --hook-source (by ARN or by function name).
 */
export function lambdaCodeFor(site: DeclarationSite, declared: string, hooksDir: string, sources: HookSources, functionLogicalId?: string): Located<LambdaCode> {
  const mapped = lambdaSourceMapping(declared, sources, functionLogicalId)?.target;
  if (mapped === undefined && !looksLocal(declared)) {
    // A function the hooks file declares has a made-up name that changes with the file's: its logical id is steadier.
    const key = functionLogicalId ?? declared;
    const what = functionLogicalId !== undefined ? `the function ${functionLogicalId} this file declares ('${declared}')` : `'${declared}'`;
    return {
      ok: false,
      diagnostic: site.diagnostic(
        'HOOKS_UNMAPPED_SOURCE',
        `LambdaFunction ${what} is a real function, and the simulator never calls AWS: map it to local code with --hook-source '${key}=<module path or http://127.0.0.1:<port> Invoke endpoint>'`,
        '/LambdaFunction',
      ),
    };
  }
  const [target, base] = mapped !== undefined ? [mapped, sources.cwd] : [declared, hooksDir];
  if (/^https?:\/\//.test(target)) return endpointFor(site, target, mapped !== undefined ? functionNameOf(declared) : undefined);
  const hash = target.lastIndexOf('#');
  const file = hash > 0 ? target.slice(0, hash) : target;
  const exportName = hash > 0 ? target.slice(hash + 1) : 'handler';
  return { ok: true, value: { kind: 'module', path: isAbsolute(file) ? file : join(base, file), exportName } };
}

/**
 * A registry hook served by a local Invoke endpoint instead of in process (a hook in another language, run by
 * `sam local start-lambda` as `cfn test` runs it): `--hook-source <type name>=http://127.0.0.1:3001` calls the
 * project's `TypeFunction`, the function `cfn test` invokes; a full Invoke URL names its own function.
 */
export function registryCodeFor(site: DeclarationSite, typeName: string, pointer: string, sources: HookSources): Located<LambdaCode> | undefined {
  const mapped = sources.entries.get(typeName);
  if (mapped === undefined) return undefined;
  if (!/^https?:\/\//.test(mapped)) {
    return {
      ok: false,
      diagnostic: site.diagnostic('HOOKS_BAD_ENDPOINT', `--hook-source ${typeName}=${mapped}: a registry hook is mapped to a local Invoke endpoint (http://127.0.0.1:<port>); its in-process code comes from --registry-hook <project dir>`, pointer),
    };
  }
  return endpointFor(site, mapped, 'TypeFunction', pointer);
}

function endpointFor(site: DeclarationSite, text: string, functionName: string | undefined, pointer = '/LambdaFunction'): Located<LambdaCode> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, diagnostic: site.diagnostic('HOOKS_BAD_ENDPOINT', `'${text}' is not a URL`, pointer) };
  }
  if (!isLocalEndpoint(url)) {
    return {
      ok: false,
      diagnostic: site.diagnostic('HOOKS_BAD_ENDPOINT', `'${text}' is not a local endpoint: the simulator calls only http://127.0.0.1, localhost or [::1] (sam local start-lambda, the Lambda runtime interface emulator)`, pointer),
    };
  }
  if (/\/2015-03-31\/functions\/[^/]+\/invocations$/.test(url.pathname)) return { ok: true, value: { kind: 'endpoint', url: url.href } };
  if (url.pathname !== '/' || functionName === undefined) {
    return {
      ok: false,
      diagnostic: site.diagnostic(
        'HOOKS_BAD_ENDPOINT',
        `'${text}' does not name a function: give the Invoke URL (http://127.0.0.1:<port>/2015-03-31/functions/<name>/invocations), or map the function's ARN to the endpoint's root with --hook-source`,
        pointer,
      ),
    };
  }
  return { ok: true, value: { kind: 'endpoint', url: new URL(`/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, url).href } };
}

/** The local file standing in for a Guard hook's S3 object (`RuleLocation.Uri`, `Options.InputParams.Uri`). */
export function localObjectFor(site: DeclarationSite, uri: string, pointer: string, hooksDir: string, sources: HookSources): Located<{ uri: string; path: string }> {
  const mapped = sources.entries.get(uri);
  if (mapped !== undefined) return { ok: true, value: { uri, path: isAbsolute(mapped) ? mapped : join(sources.cwd, mapped) } };
  if (!hasUrlScheme(uri)) return { ok: true, value: { uri, path: isAbsolute(uri) ? uri : join(hooksDir, uri) } };
  return {
    ok: false,
    diagnostic: site.diagnostic('HOOKS_UNMAPPED_SOURCE', `'${uri}' is in S3, and the simulator never calls AWS: map it to a local file with --hook-source '${uri}=<path>'`, pointer),
  };
}

/** What a Guard hook's S3 object holds, and so which files cfn-guard reads from it when it is a folder or an archive. */
export type GuardObjectRole = CfnGuardInput;

/** The role in a message's words. */
const ROLE_WORDS: Readonly<Record<GuardObjectRole, string>> = { rules: 'rules', inputParams: 'input parameters' };

/**
 * A Guard hook's object that is a `.zip` or `.tar.gz` archive (by its S3 name or its local one), read and checked
 * now, so that a bad archive is a located error before the stack run: unreadable, too large, an entry that is
 * absolute, climbs out with `..` or is a link, or nothing in it that cfn-guard would read. A local folder mapped to
 * an archive's URI (the archive unpacked by hand) is used as the folder it is.
 */
export function withGuardArchive(site: DeclarationSite, object: { uri: string; path: string }, pointer: string, role: GuardObjectRole): Located<LocalObject> {
  const format = guardArchiveFormatOf(object.uri) ?? guardArchiveFormatOf(object.path);
  const where = object.uri === object.path ? `'${object.uri}'` : `'${object.uri}' (${object.path})`;
  const extensions = CFN_GUARD_EXTENSIONS[role];
  const holdsNothing = (code: 'HOOKS_BAD_ARCHIVE' | 'HOOKS_NOTHING_TO_READ', names: readonly string[]): Located<LocalObject> => {
    const other = nameInOtherCase(names, role);
    const hint = other === undefined ? '' : ` ('${other}' is skipped: cfn-guard matches these extensions in lower case only)`;
    return { ok: false, diagnostic: site.diagnostic(code, `${where} holds no ${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1) ?? ''} file, so cfn-guard would find no ${ROLE_WORDS[role]} in it${hint}`, pointer) };
  };
  // A missing file would reach cfn-guard, whose refusal is an InternalFailure: under WARN, a typo'd path passed.
  const kind = objectKind(object.path);
  if (kind !== 'file' && kind !== 'folder') {
    const mapped = hasUrlScheme(object.uri) ? ' (the path --hook-source maps it to)' : '';
    const what = kind === 'missing' ? 'no such file or folder' : `not a regular file or folder (${kind}): cfn-guard would wait on it or read it without end`;
    return { ok: false, diagnostic: site.diagnostic('HOOKS_NO_OBJECT', `${where}: ${what}${mapped}; the hook's ${ROLE_WORDS[role]} must be there`, pointer) };
  }
  if (kind === 'folder') {
    // A file cfn-guard would read by its name but passes over, not being a regular file (a FIFO, a device, a link to
    // nothing), holds rules that would never be evaluated, without a word: refused, as the same FIFO named as the
    // object (above) or as an archive's entry is, and as a FIFO named as a hook's module is.
    const { files, skipped } = folderEntries(object.path);
    const unread = skipped.find((entry) => cfnGuardReads(entry.name, role));
    if (unread !== undefined) {
      const mapped = hasUrlScheme(object.uri) ? ' (the folder --hook-source maps it to)' : '';
      const message = `${where}: '${unread.name}' in the folder cannot be read (${unread.reason}): cfn-guard's folder scan passes over it without a word, so the hook's ${ROLE_WORDS[role]} in it would not be evaluated${mapped}`;
      return { ok: false, diagnostic: site.diagnostic('HOOKS_NO_OBJECT', message, pointer) };
    }
    // A folder cfn-guard finds nothing in is evaluated as no rules at all: every target would pass without a word.
    return files.some((name) => cfnGuardReads(name, role)) ? { ok: true, value: object } : holdsNothing('HOOKS_NOTHING_TO_READ', files);
  }
  if (format === undefined) return { ok: true, value: object };
  try {
    const archive = readGuardArchive(object.path, format);
    if (!archiveHolds(archive, role)) return holdsNothing('HOOKS_BAD_ARCHIVE', archive.entries.map((e) => e.name));
    return { ok: true, value: { ...object, archive } };
  } catch (error) {
    if (!(error instanceof GuardArchiveError) && !isInputError(error)) throw error;
    return { ok: false, diagnostic: site.diagnostic('HOOKS_BAD_ARCHIVE', `${where} cannot be used as the hook's ${ROLE_WORDS[role]}: ${error.message}`, pointer) };
  }
}

/** What is at a path, links followed: a file or folder cfn-guard can read, or what stands there instead. */
function objectKind(path: string): 'file' | 'folder' | 'missing' | 'a FIFO' | 'a device' | 'a socket' {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 'missing';
  }
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'folder';
  if (stat.isFIFO()) return 'a FIFO';
  return stat.isSocket() ? 'a socket' : 'a device';
}
