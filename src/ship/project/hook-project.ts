/**
 * The `cfn` project on disk, read the way `cfn submit` reads it: `.rpdk-config`, the schema file named after the
 * type, `inputs/`, `hook-role.yaml`, and the target schemas. Every problem is a ProjectError naming the file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, resolve, win32 } from 'node:path';
import type { Diagnostic } from '../../kernel/diagnostics';
import type { HookSchema } from '../../kernel/hook-config';
import { FileReadError, firstInvalidUtf8, notADirectoryReason, parseJson, positionAt, readBoundedBytes, SourceSyntaxError, type ParsedDocument } from '../../kernel/source';
import { pythonJsonCompact } from '../package/python-json';
import { ProjectError } from '../errors';
import { isJsonObject } from '../../kernel/protocol';

export const SETTINGS_FILE = '.rpdk-config';
export const HOOK_ROLE_TEMPLATE_FILE = 'hook-role.yaml';
export const INPUTS_FOLDER = 'inputs';
export const TARGET_SCHEMAS_FOLDER = 'target-schemas';
/**
 * cfn refuses a `.rpdk-config` whose settings, written back by `json.dumps` (compact, ASCII), take more than
 * 10 KiB (project.py load_settings): it measures the re-serialised settings, not the file.
 */
export const SETTINGS_MAX_BYTES = 10 * 1024;
/** The read bound on `.rpdk-config` itself: whitespace does not count against cfn's limit, but the read is bounded. */
export const SETTINGS_READ_LIMIT = 1024 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/**
 * The bound on any other project file read for packaging (schema, inputs, target schemas, handler bundles):
 * the registry refuses a package larger than 50 MB, so no single member can be larger.
 */
export const PROJECT_FILE_MAX_BYTES = 50 * 1024 * 1024;
const TYPE_NAME_PATTERN = /^[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}$/;
/** cfn's PROTOCOL_VERSION_VALUES: load_settings compares exact strings (project.py), so `2`, `"2.0"` or `"2.0.0 "` are refused. */
export const PROTOCOL_VERSIONS: readonly string[] = ['1.0.0', '2.0.0'];

/** `.rpdk-config` for a hook project. */
export interface RpdkSettings {
  artifact_type: 'HOOK';
  typeName: string;
  language: string;
  runtime: string;
  entrypoint: string;
  testEntrypoint: string;
  settings: Record<string, unknown>;
}

/** A file kept byte for byte, because the package carries some files as-is. */
export interface ProjectFile {
  /** Path relative to the project root, forward slashes. */
  readonly path: string;
  readonly bytes: Buffer;
}

/** Where an entrypoint (`dist/handlers.entrypoint`) points: the module file inside the project and the export name. */
export interface EntrypointLocation {
  /** Project-relative module path, forward slashes: `dist/handlers.js`. */
  readonly module: string;
  readonly exportName: string;
}

export interface HookProject {
  readonly root: string;
  readonly settings: RpdkSettings;
  readonly settingsFile: ProjectFile;
  readonly schemaFile: ProjectFile;
  readonly schema: HookSchema;
  /** `mycompany-testing-mytesthook`: the stem of the schema file, the zip, the role stack and the log group. */
  readonly hyphenatedName: string;
  /** Every target name of every handler, sorted, without duplicates. */
  readonly targetNames: readonly string[];
  /** What cfn's load_settings would warn about, without refusing (a missing protocolVersion). */
  readonly warnings: readonly Diagnostic[];
}

/** Reads `.rpdk-config` and the hook schema from `root`; the schema's content is checked separately (checkHookSchema). */
export function loadHookProject(root: string): HookProject {
  // A root that is not a folder would be reported as its first missing file (".rpdk-config: not found"), which sends
  // the user looking for a file in a folder that is not there.
  const notAFolder = notADirectoryReason(root);
  if (notAFolder !== undefined) throw new ProjectError(`the project root ${root} cannot be used: ${notAFolder} (--root, default the current directory)`, root, 0, 0, 'PROJECT_ROOT_MISSING');
  const { file: settingsFile, document: settingsDocument } = readSettingsDocument(root);
  const { settings, warnings } = parseSettings(settingsFile, settingsDocument);
  const hyphenatedName = settings.typeName.split('::').join('-').toLowerCase();
  const schemaFile = readProjectFile(root, `${hyphenatedName}.json`);
  const schemaValue = parseProjectJson(schemaFile);
  if (!isJsonObject(schemaValue)) throw new ProjectError('the hook schema must be a JSON object', schemaFile.path, 1, 1);
  const schema = schemaValue as HookSchema;
  if (schema.typeName !== settings.typeName) {
    throw new ProjectError(
      `the schema's typeName "${String(schema.typeName)}" differs from ${SETTINGS_FILE}'s "${settings.typeName}"`,
      schemaFile.path,
    );
  }
  return { root, settings, settingsFile, schemaFile, schema, hyphenatedName, targetNames: collectTargetNames(schema), warnings };
}

/** Every handler's target names, sorted and de-duplicated. */
export function collectTargetNames(schema: HookSchema): string[] {
  const names = new Set<string>();
  for (const handler of Object.values(schema.handlers ?? {})) {
    for (const name of handler?.targetNames ?? []) if (typeof name === 'string') names.add(name);
  }
  return [...names].sort();
}

/** The files under `inputs/` (contract-test inputs), sorted by name; none when the folder is absent. */
export function readInputs(root: string): ProjectFile[] {
  return readFolder(root, INPUTS_FOLDER, () => true);
}

/** The JSON files under `target-schemas/`, sorted by name. */
export function readTargetSchemaFiles(root: string): ProjectFile[] {
  return readFolder(root, TARGET_SCHEMAS_FOLDER, (name) => name.endsWith('.json'));
}

/**
 * The schema files `.rpdk-config`'s `settings.target_schemas` lists (cfn's `--target-schemas`), read from the project.
 * cfn also accepts URLs there; fetching them would reach the network, so they are refused with what to do instead.
 */
export function readSettingsTargetSchemas(root: string, settings: RpdkSettings): ProjectFile[] {
  const listed = settings.settings.target_schemas;
  if (listed === undefined || listed === null) return [];
  if (!Array.isArray(listed) || listed.some((entry) => typeof entry !== 'string')) {
    throw new ProjectError('settings.target_schemas must be a list of file paths', SETTINGS_FILE);
  }
  return (listed as string[]).map((entry) => {
    if (/^(https?|s3):\/\//.test(entry)) {
      throw new ProjectError(
        `settings.target_schemas lists ${entry}: remote schemas are not fetched; save it under target-schemas/ or package with --fetch-target-schemas`,
        SETTINGS_FILE,
        0,
        0,
        'TARGET_SCHEMA_REMOTE',
      );
    }
    const path = entry.replace(/^file:\/\//, '');
    projectPath(root, path, SETTINGS_FILE);
    return readProjectFile(root, path);
  });
}

/**
 * The absolute path of `path` inside the project. A path a project file names (an entrypoint, a target schema) that
 * is absolute or climbs out of the root (`../..`) is a ProjectError located at `namedIn`: the tools read, load and
 * package only the project's own files.
 */
export function projectPath(root: string, path: string, namedIn: string = path): string {
  if (escapesProject(path)) {
    throw new ProjectError(`${JSON.stringify(path)} is outside the project: name a file under the project root, relative to it`, namedIn, 0, 0, 'PATH_OUTSIDE_PROJECT');
  }
  return resolve(root, path);
}

/** True when `path` is absolute or, read lexically, climbs above the directory it is relative to. */
function escapesProject(path: string): boolean {
  if (path === '' || isAbsolute(path) || posix.isAbsolute(path) || win32.isAbsolute(path)) return true;
  let depth = 0;
  for (const segment of path.split(/[\\/]/)) {
    if (segment === '..') depth -= 1;
    else if (segment !== '' && segment !== '.') depth += 1;
    if (depth < 0) return true;
  }
  return depth === 0;
}

/**
 * Parses an entrypoint (`dist/handlers.entrypoint` → module `dist/handlers.js`, export `entrypoint`) and checks that
 * the module stays inside the project. The one place every tool (packager, contract tester) reads entrypoints.
 */
export function entrypointLocation(entrypoint: string, key: string): EntrypointLocation {
  const dot = entrypoint.lastIndexOf('.');
  if (dot <= 0 || dot === entrypoint.length - 1) {
    throw new ProjectError(`"${key}" must be <module path>.<export name>, e.g. dist/handlers.entrypoint (found "${entrypoint}")`, SETTINGS_FILE);
  }
  const module = `${entrypoint.slice(0, dot)}.js`;
  if (escapesProject(module)) {
    throw new ProjectError(
      `"${key}" names the module ${JSON.stringify(module)}, which is outside the project: the handler must be a project file (e.g. dist/handlers.entrypoint)`,
      SETTINGS_FILE,
      0,
      0,
      'PATH_OUTSIDE_PROJECT',
    );
  }
  return { module: posix.normalize(module.replace(/\\/g, '/')), exportName: entrypoint.slice(dot + 1) };
}

/** Reads a project file with a bound; a missing one is a ProjectError that says what it is for. */
export function readProjectFile(root: string, path: string, limit = PROJECT_FILE_MAX_BYTES, why = 'the registry refuses a package larger than 50 MB'): ProjectFile {
  const absolute = projectPath(root, path);
  let read;
  try {
    read = readBoundedBytes(absolute, limit, path);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    // The folder is named: the diagnostic's file is relative to it, and --root may have pointed elsewhere than meant.
    throw new ProjectError(`cannot read ${path}: ${error.reason === 'no such file' ? 'not found' : error.reason} in the project folder ${resolve(root)}`, path, 0, 0, 'PROJECT_FILE_MISSING');
  }
  if (read.truncated) throw new ProjectError(`${path} is larger than ${limit} bytes: ${why}`, path, 0, 0, 'PROJECT_FILE_TOO_LARGE');
  return { path, bytes: read.bytes };
}

/** Parses a project JSON file; syntax errors and duplicate keys become a located ProjectError. */
export function parseProjectJson(file: ProjectFile): unknown {
  return parseProjectDocument(file).value;
}

/** Parses a project JSON file, keeping the way back to positions; errors as parseProjectJson. */
export function parseProjectDocument(file: ProjectFile): ParsedDocument {
  try {
    return parseJson(file.bytes.toString('utf8'), file.path);
  } catch (error) {
    if (error instanceof SourceSyntaxError) throw new ProjectError(error.reason, file.path, error.line, error.column, error.code);
    throw error;
  }
}

function readFolder(root: string, folder: string, keep: (name: string) => boolean): ProjectFile[] {
  const absolute = join(root, folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return [];
  return readdirSync(absolute)
    .filter((name) => keep(name) && statSync(join(absolute, name)).isFile())
    .sort()
    .map((name) => readProjectFile(root, `${folder}/${name}`));
}

/** The size cfn holds `.rpdk-config` to (at most SETTINGS_MAX_BYTES): the UTF-8 length of `json.dumps(settings)`. */
export function cfnSettingsSize(settings: unknown): number {
  return Buffer.byteLength(pythonJsonCompact(settings), 'utf8');
}

/**
 * cfn opens `.rpdk-config` with encoding="utf-8" and json.load: a byte-order mark is a JSONDecodeError ("Project file
 * is invalid") and invalid UTF-8 an unhandled UnicodeDecodeError. Both are refused here, located, instead.
 */
function checkSettingsEncoding(file: ProjectFile): void {
  if (UTF8_BOM.every((byte, i) => file.bytes[i] === byte)) {
    throw new ProjectError(
      `${SETTINGS_FILE} starts with a UTF-8 byte-order mark, which cfn's json.load refuses ('Unexpected UTF-8 BOM'); save it without one`,
      file.path,
      1,
      1,
      'SETTINGS_ENCODING',
    );
  }
  const invalidAt = firstInvalidUtf8(file.bytes);
  if (invalidAt < file.bytes.length) {
    const prefix = file.bytes.subarray(0, invalidAt).toString('utf8');
    const position = positionAt(prefix, prefix.length);
    throw new ProjectError(`${SETTINGS_FILE} is not valid UTF-8 (byte offset ${invalidAt}); cfn reads it as UTF-8 and stops`, file.path, position.line, position.column, 'SETTINGS_ENCODING');
  }
}

/**
 * `.rpdk-config` read as cfn's load_settings reads it (project.py: `open(encoding="utf-8")`, `json.load`, then the
 * 10 KiB bound on `json.dumps` of what it read): the one reader of it, for the packager and the contract runner
 * (`cfn test` loads the project the same way). A byte-order mark, invalid UTF-8, a syntax error or oversized settings
 * are a located ProjectError; what the settings must hold is the caller's to check.
 */
export function readSettingsDocument(root: string): { readonly file: ProjectFile; readonly document: ParsedDocument } {
  const file = readProjectFile(root, SETTINGS_FILE, SETTINGS_READ_LIMIT, 'no project file is that large');
  checkSettingsEncoding(file);
  const document = parseProjectDocument(file);
  if (isJsonObject(document.value)) {
    const measured = cfnSettingsSize(document.value);
    if (measured > SETTINGS_MAX_BYTES) {
      throw new ProjectError(`${SETTINGS_FILE}'s settings take ${measured} bytes as cfn measures them (json.dumps); cfn refuses more than ${SETTINGS_MAX_BYTES}`, file.path, 1, 1);
    }
  }
  return { file, document };
}

function parseSettings(file: ProjectFile, document: ParsedDocument): { settings: RpdkSettings; warnings: Diagnostic[] } {
  const value = document.value;
  if (!isJsonObject(value)) throw new ProjectError(`${SETTINGS_FILE} must be a JSON object`, file.path, 1, 1);
  const fail = (message: string): never => {
    throw new ProjectError(message, file.path);
  };
  if (value.artifact_type !== 'HOOK') fail(`artifact_type must be "HOOK" (found ${JSON.stringify(value.artifact_type)})`);
  for (const key of ['typeName', 'language', 'runtime', 'entrypoint', 'testEntrypoint'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') fail(`"${key}" must be a non-empty string`);
  }
  if (!TYPE_NAME_PATTERN.test(value.typeName as string)) fail(`typeName "${String(value.typeName)}" must look like Company::Service::Hook`);
  // Checked here, before any file is read: an entrypoint outside the project must never be opened.
  entrypointLocation(value.entrypoint as string, 'entrypoint');
  entrypointLocation(value.testEntrypoint as string, 'testEntrypoint');
  if (value.settings !== undefined && !isJsonObject(value.settings)) fail('"settings" must be an object');
  const settings = (value.settings as Record<string, unknown> | undefined) ?? {};
  return { settings: { ...(value as unknown as RpdkSettings), settings }, warnings: checkProtocolVersion(settings, file, document) };
}

/**
 * cfn's load_settings (project.py): a `settings.protocolVersion` other than "1.0.0" or "2.0.0" is refused; a missing
 * one is a warning, because the registry then registers protocol 1.0.0.
 */
function checkProtocolVersion(settings: Record<string, unknown>, file: ProjectFile, document: ParsedDocument): Diagnostic[] {
  if (!Object.hasOwn(settings, 'protocolVersion')) {
    const at = document.locate('/settings', 'key');
    return [
      {
        code: 'SHIP_PROTOCOL_VERSION_MISSING',
        severity: 'warning',
        message: `settings.protocolVersion is missing: this will default to version 1.0.0 during registration (cfn warns the same); set it to "2.0.0"`,
        file: file.path,
        path: '/settings',
        line: at.line,
        column: at.column,
      },
    ];
  }
  const version = settings.protocolVersion;
  if (typeof version !== 'string' || !PROTOCOL_VERSIONS.includes(version)) {
    const at = document.locate('/settings/protocolVersion');
    throw new ProjectError(
      `settings.protocolVersion is ${JSON.stringify(version) ?? String(version)}; cfn accepts exactly ${PROTOCOL_VERSIONS.map((v) => `"${v}"`).join(' or ')} (a string)`,
      file.path,
      at.line,
      at.column,
    );
  }
  return [];
}

