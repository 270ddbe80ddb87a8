/**
 * The `commands` and `container_commands` of a source bundle's `.ebextensions/*.config` files, in the order the
 * platform runs them. The simulator never runs them (they run as root and mostly install packages or change the
 * instance); it lists them where they run, so a deployment's sequence reads as the platform's does: `commands`
 * before the prebuild hooks, `container_commands` before the predeploy hooks (developer guide, "Instance
 * deployment workflow" and "Platform hooks").
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { displayName, type Diagnostic } from '../../../src/kernel/diagnostics';
import { positionAt, yamlLibrary, YAML_LOG_LEVEL } from '../../../src/kernel/source';
import { readProjectFile } from '../project-file';

/** One command of one configuration file. */
export interface EbextensionsCommand {
  /** `.ebextensions/01_setup.config` */
  readonly file: string;
  readonly section: 'commands' | 'container_commands';
  readonly name: string;
  readonly line: number;
  readonly column: number;
  /** `container_commands` only: runs on one instance of the environment. */
  readonly leaderOnly: boolean;
}

/** What the bundle's configuration files ask the platform to run, and what is wrong with the files. */
export interface EbextensionsCommands {
  readonly commands: readonly EbextensionsCommand[];
  readonly containerCommands: readonly EbextensionsCommand[];
  readonly diagnostics: readonly Diagnostic[];
}

const FOLDER = '.ebextensions';

/**
 * Reads every `.ebextensions/*.config` regular file, files in alphabetical (byte) order, each file's commands sorted
 * by name: the guide says configuration files are processed in alphabetical order, as stages, and that commands run
 * in alphabetical order of their names.
 * A file that is not YAML (JSON is YAML) is a warning: the platform ignores such a file and reports it as an event.
 */
export function readEbextensionsCommands(sourceRoot: string): EbextensionsCommands {
  const commands: EbextensionsCommand[] = [];
  const containerCommands: EbextensionsCommand[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of configFileNames(join(sourceRoot, FOLDER))) {
    const file = `${FOLDER}/${name}`;
    const text = readProjectFile(join(sourceRoot, FOLDER, name), file, 'a YAML or JSON configuration file');
    if (text === undefined) continue;
    const document = yamlLibrary().parseDocument(text, { uniqueKeys: false, logLevel: YAML_LOG_LEVEL });
    if (document.errors.length > 0) {
      const { line, column } = positionAt(text, document.errors[0].pos[0]);
      // The guide: a file with validation errors is ignored (with a warning event); a poorly formatted one can make
      // a new environment's launch fail. Either way none of its commands run.
      const message = `not valid YAML or JSON (${firstLine(document.errors[0].message)}): Elastic Beanstalk runs none of its commands (it ignores such a file, or fails a new environment's launch)`;
      diagnostics.push({ code: 'EB_EBEXTENSIONS_SYNTAX', severity: 'warning', message, file, path: '', line, column });
      continue;
    }
    for (const section of ['commands', 'container_commands'] as const) {
      const found = sectionCommands(yamlLibrary(), document.get(section, true), text, file, section);
      const into = section === 'commands' ? commands : containerCommands;
      for (const command of found) into.push(command);
    }
    for (const legacy of legacyHookFiles(yamlLibrary(), document.get('files', true), text, file)) diagnostics.push(legacy);
  }
  return { commands, containerCommands, diagnostics };
}

/**
 * `files:` entries that write a hook into /opt/elasticbeanstalk/hooks, how Amazon Linux AMI platforms took hooks:
 * Amazon Linux 2 and 2023 never run them (the developer guide's migration notes: use `.platform/hooks`), so such a hook
 * would pass here and never run there. (Read only for those platforms: `--legacy` simulates the old tree.)
 */
function legacyHookFiles(yaml: ReturnType<typeof yamlLibrary>, node: unknown, text: string, file: string): Diagnostic[] {
  if (!yaml.isMap(node)) return [];
  const found: Diagnostic[] = [];
  for (const pair of node.items) {
    const key = yaml.isScalar(pair.key) ? String(pair.key.value) : undefined;
    const step = key === undefined ? undefined : /^\/opt\/elasticbeanstalk\/hooks\/(.+)$/.exec(key)?.[1];
    if (key === undefined || step === undefined) continue;
    const { line, column } = positionAt(text, yaml.isNode(pair.key) && pair.key.range ? pair.key.range[0] : 0);
    // Configuration deployments read .platform/confighooks, application deployments .platform/hooks.
    const tree = /^configdeploy\//.test(step) ? '.platform/confighooks' : '.platform/hooks';
    const instead = /^(appdeploy|configdeploy)\/pre\//.test(step) ? `${tree}/prebuild/ or ${tree}/predeploy/` : /^(appdeploy|configdeploy)\/post\//.test(step) ? `${tree}/postdeploy/` : `the step of ${tree}/ it belongs to`;
    const message = `writes the legacy hook ${displayName(key)}: Amazon Linux 2/2023 platforms do not run hooks from /opt/elasticbeanstalk/hooks, so it would never run; put it in ${instead}, or simulate an Amazon Linux AMI platform with --legacy`;
    found.push({ code: 'EB_LEGACY_HOOK_FILE', severity: 'warning', message, file, path: '', line, column });
  }
  return found;
}

function sectionCommands(yaml: ReturnType<typeof yamlLibrary>, node: unknown, text: string, file: string, section: EbextensionsCommand['section']): EbextensionsCommand[] {
  if (!yaml.isMap(node)) return [];
  const found: EbextensionsCommand[] = [];
  for (const pair of node.items) {
    const key = yaml.isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const { line, column } = positionAt(text, yaml.isNode(pair.key) && pair.key.range ? pair.key.range[0] : 0);
    const leader = yaml.isMap(pair.value) ? pair.value.get('leader_only') : undefined;
    found.push({ file, section, name: key, line, column, leaderOnly: leader === true || leader === 'true' });
  }
  // Commands run in alphabetical order of their names, not in the order the file lists them.
  return found.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

/** The `.config` regular files of the folder (symlinks followed), in byte order; none when there is no folder. */
function configFileNames(folder: string): string[] {
  let names: string[];
  try {
    if (!lstatSync(folder).isDirectory()) return [];
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.config')).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
