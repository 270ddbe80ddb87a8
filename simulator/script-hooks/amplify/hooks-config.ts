/**
 * `amplify/hooks/hooks-config.json`: the Amplify CLI reads it with a JSON parser that tolerates comments and
 * trailing commas. We blank those out (keeping every offset, so positions in errors stay true) and parse the rest
 * as strict JSON with located errors.
 */
import type { Diagnostic, DiagnosticCode } from '../../../src/kernel/diagnostics';
import { toPointer } from '../../../src/kernel/diagnostics';
import { DEFAULT_MAX_JSON_DEPTH, parseJson, SourceSyntaxError, type ParsedDocument } from '../../../src/kernel/source';
import { LifecycleInputError } from '../errors';
import { isJsonObject } from '../../../src/kernel/protocol';

/** How one file extension is run. */
export interface ExtensionRuntime {
  readonly runtime?: string;
  readonly runtime_windows?: string;
  readonly runtime_options?: readonly string[];
}

/** The parts of hooks-config.json that decide what runs. */
export interface HooksConfig {
  readonly extensions: Readonly<Record<string, ExtensionRuntime>>;
}

/** The Amplify CLI's built-in extension map. */
export const DEFAULT_EXTENSIONS: Readonly<Record<string, ExtensionRuntime>> = {
  js: { runtime: 'node' },
  sh: { runtime: 'bash' },
};

/** Replaces comments and trailing commas with spaces; newlines stay, so every offset keeps its line and column. */
export function blankCommentsAndTrailingCommas(text: string): string {
  const out = text.split('');
  let i = 0;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let lastComma = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      lastComma = -1;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === ',') {
      lastComma = i;
      i++;
    } else if (c === '}' || c === ']') {
      if (lastComma !== -1) out[lastComma] = ' ';
      lastComma = -1;
      i++;
    } else {
      if (!/\s/.test(c)) lastComma = -1;
      i++;
    }
  }
  return out.join('');
}

/** Parses hooks-config.json text; a syntax or shape error is a LifecycleInputError pointing into the file. */
export function parseHooksConfig(text: string, file: string): { config: HooksConfig; diagnostics: Diagnostic[] } {
  let parsed: ParsedDocument;
  try {
    parsed = parseJson(blankCommentsAndTrailingCommas(text), file, { maxDepth: DEFAULT_MAX_JSON_DEPTH });
  } catch (error) {
    if (error instanceof SourceSyntaxError) {
      const code = error.code === 'SRC_TOO_DEEP' ? 'AMPLIFY_HOOKS_CONFIG_TOO_DEEP' : 'AMPLIFY_HOOKS_CONFIG_SYNTAX';
      const diagnostic: Diagnostic = { code, severity: 'error', message: error.reason, file, path: '', line: error.line, column: error.column };
      throw new LifecycleInputError(diagnostic.code, `${file}:${error.line}:${error.column} ${error.reason}`, [diagnostic]);
    }
    throw error;
  }
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const at = (segments: Array<string | number>, code: DiagnosticCode, message: string, severity: 'error' | 'warning' = 'error'): void => {
    const path = toPointer(segments);
    const { line, column } = parsed.locate(path);
    (severity === 'error' ? errors : warnings).push({ code, severity, message, file, path, line, column });
  };

  const root = parsed.value;
  // Keyed by the user's extension names (`__proto__` among them): no prototype, filled by definition.
  const extensions = Object.create(null) as Record<string, ExtensionRuntime>;
  const setExtension = (ext: string, runtime: ExtensionRuntime): void => void Object.defineProperty(extensions, ext, { value: runtime, enumerable: true, writable: true, configurable: true });
  if (!isJsonObject(root)) {
    at([], 'AMPLIFY_HOOKS_CONFIG_SHAPE', 'expected an object');
  } else if (root.extensions === null) {
    // The CLI spreads the file's extensions over its defaults: spreading null leaves the defaults.
    at(['extensions'], 'AMPLIFY_HOOKS_CONFIG_SHAPE', '`extensions` is null: the Amplify CLI keeps its default extensions', 'warning');
  } else if (root.extensions !== undefined) {
    if (!isJsonObject(root.extensions)) {
      at(['extensions'], 'AMPLIFY_HOOKS_CONFIG_SHAPE', 'expected `extensions` to be an object mapping a file extension to {runtime, runtime_windows?, runtime_options?}');
    } else {
      for (const [ext, entry] of Object.entries(root.extensions)) {
        if (!isJsonObject(entry)) {
          // The CLI reads `extensions[ext].runtime` and finds none: it skips that extension's hooks, silently.
          at(['extensions', ext], 'AMPLIFY_HOOKS_NO_RUNTIME', `extension "${ext}" is ${entry === null ? 'null' : `not an object`}, so it has no \`runtime\`: the Amplify CLI silently skips hooks with this extension`, 'warning');
          setExtension(ext, {});
          continue;
        }
        const runtime: ExtensionRuntime = {};
        for (const key of ['runtime', 'runtime_windows'] as const) {
          const value = entry[key];
          if (value !== undefined && typeof value !== 'string') at(['extensions', ext, key], 'AMPLIFY_HOOKS_CONFIG_SHAPE', `expected \`${key}\` to be a string`);
          else if (value !== undefined) Object.assign(runtime, { [key]: value });
        }
        const options = entry.runtime_options;
        if (options !== undefined) {
          if (!Array.isArray(options)) {
            // The CLI passes runtime_options only when it is an array (Array.isArray): anything else is left out.
            at(['extensions', ext, 'runtime_options'], 'AMPLIFY_HOOKS_CONFIG_SHAPE', '`runtime_options` is not an array: the Amplify CLI ignores it and runs the runtime without options', 'warning');
          } else if (options.some((o) => typeof o !== 'string')) {
            at(['extensions', ext, 'runtime_options'], 'AMPLIFY_HOOKS_CONFIG_SHAPE', 'expected `runtime_options` to be an array of strings');
          } else {
            Object.assign(runtime, { runtime_options: options as string[] });
          }
        }
        if (entry.runtime === undefined) {
          at(['extensions', ext], 'AMPLIFY_HOOKS_NO_RUNTIME', `extension "${ext}" has no \`runtime\`: the Amplify CLI silently skips hooks with this extension`, 'warning');
        }
        setExtension(ext, runtime);
      }
    }
  }
  if (errors.length > 0) {
    throw new LifecycleInputError(errors[0].code, `${file}: ${errors.length} problem(s) in hooks-config.json`, errors);
  }
  return { config: { extensions }, diagnostics: warnings };
}

/** The effective extension map: the defaults shallow-merged with the file's (an entry replaces a default whole). */
export function effectiveExtensions(config: HooksConfig | undefined): Readonly<Record<string, ExtensionRuntime>> {
  return { ...DEFAULT_EXTENSIONS, ...(config?.extensions ?? {}) };
}

