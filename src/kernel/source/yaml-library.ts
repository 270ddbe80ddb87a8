/**
 * The `yaml` package, loaded on first use. Its document model is only needed for positions and precise error
 * messages, and loading it costs more than js-yaml parsing a typical template, so a run whose input is fine
 * never loads it.
 */
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The log level every `parse`/`parseDocument` call passes. The library's default ('warn') hands each warning (an
 * unknown tag such as `!Sub` in a hook configuration, a key that is a collection) to `process.emitWarning`, which
 * prints Node's own "YAMLWarning … Use `node --trace-warnings`" block on stderr ahead of our located diagnostics;
 * 'error' keeps errors (the `parse` shortcut still throws on them) and leaves warnings in `doc.warnings`.
 */
export const YAML_LOG_LEVEL = 'error';

/** Returns the `yaml` module, requiring it the first time. */
export function yamlLibrary(): typeof Yaml {
  // A require inside a function is what keeps it lazy in the esbuild bundles (a top-level import is evaluated at start-up).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}
