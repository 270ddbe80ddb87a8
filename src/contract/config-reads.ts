/**
 * Type-configuration properties the schema declares and the handler never reads (`CT_CONFIG_UNREAD`). Such a property
 * passes every check: SetTypeConfiguration accepts a value for it, because the schema declares it, and the hook then
 * ignores that value on every call (a schema spelling `requireTablePITR` for a handler reading `requireTablePitr`).
 * What the handler reads is observed in its own worker (isolated-handler.ts: hookModel is a Proxy recording the names
 * asked for), so this works for any handler, whatever it logs.
 */
import { closestName, toPointer, type Diagnostic } from '../kernel/diagnostics';
import type { HookSchema } from '../kernel/hook-config';
import type { CaseResult } from './run-cases';

/** Names every object answers or a runtime asks for (JSON.stringify's `toJSON`, `await`'s `then`): never a handler's own read. */
function isRuntimeName(name: string): boolean {
  return name === 'toJSON' || name === 'then' || name in Object.prototype;
}

/**
 * One warning per declared property no case read, at the property in the schema, naming the undeclared name the
 * handler read instead when one is near. [choice] Nothing is said when no invocation could be observed (every case's
 * hookModel was null, or no worker reported back): an unobserved handler is not a handler that reads nothing. Every
 * name a whole-object read touches counts as read (a spread, `Object.entries`, `JSON.stringify`; a clone, which a
 * Proxy refuses, makes the worker call the handler again unobserved),
 * so a handler that copies its configuration before reading it is never reported: the check can miss, never accuse.
 */
export function unreadConfiguration(
  schema: HookSchema,
  results: readonly CaseResult[],
  schemaFile: string,
  locate: (pointer: string) => { line: number; column: number },
): Diagnostic[] {
  const observed = results.filter((r) => r.configReads !== undefined);
  if (observed.length === 0) return [];
  const read = new Set(observed.flatMap((r) => r.configReads ?? []));
  const declared = Object.keys(schema.typeConfiguration?.properties ?? {});
  const undeclaredReads = [...read].filter((name) => !declared.includes(name) && !isRuntimeName(name));
  return declared
    .filter((name) => !read.has(name))
    .map((name) => {
      const path = toPointer(['typeConfiguration', 'properties', name]);
      const near = closestName(name, undeclaredReads);
      const instead = near ? ` (it reads ${near}, which the schema does not declare: a misspelling?)` : '';
      return {
        code: 'CT_CONFIG_UNREAD',
        severity: 'warning',
        message: `the handler never read type configuration property ${name} in ${observed.length} case(s)${instead}: SetTypeConfiguration accepts a value for it, which the hook then ignores`,
        file: schemaFile,
        path,
        ...locate(path),
      };
    });
}
