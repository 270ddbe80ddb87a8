/**
 * Small name → value files the user hands the simulator: `--exports` (Fn::ImportValue) and `--ssm` (plain
 * SSM parameters). Each accepts a plain `{"Name": "value"}` object or the AWS CLI's own output
 * (`aws cloudformation list-exports`, `aws ssm get-parameters`), so real output can be saved and reused.
 */
import { InputError, toPointer, type Diagnostic } from '../../src/kernel/diagnostics';
import { parseJson, readBoundedText, SourceSyntaxError } from '../../src/kernel/source';
import { setOwn } from '../cloudformation/invoke';

/** A value file that cannot be used; every diagnostic is located. */
export class ValueFileError extends InputError {}

/** Which file: decides the list key and the field names of the AWS CLI shape. */
export type ValueFileKind = 'exports' | 'ssm';

const LIST_SHAPE: Readonly<Record<ValueFileKind, { list: string; name: string; value: string }>> = {
  exports: { list: 'Exports', name: 'Name', value: 'Value' },
  ssm: { list: 'Parameters', name: 'Name', value: 'Value' },
};

/**
 * The stacks that own the exports of an `aws cloudformation list-exports` file (`ExportingStackId` → its stack name),
 * by export name; a plain `{"Name": "value"}` file names none.
 */
export function readExportsFile(path: string): { values: Record<string, string>; owners: Record<string, string> } {
  // Refused, located, here when it is not a value file; the owners come from the same parsed document (the kernel's
  // parseJson, which takes a byte-order mark as the other side files do).
  const { values, root } = parseValueDocument(readBoundedText(path, { what: 'the exports file' }), path, 'exports');
  const owners: Record<string, string> = {};
  const list = typeof root === 'object' && root !== null ? (root as Record<string, unknown>).Exports : undefined;
  for (const item of Array.isArray(list) ? list : []) {
    const { Name: name, ExportingStackId: stackId } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const stack = typeof stackId === 'string' ? /:stack\/([^/]+)\//.exec(stackId)?.[1] : undefined;
    if (typeof name === 'string' && stack !== undefined) setOwn(owners, name, stack);
  }
  return { values, owners };
}

/** Reads a value file (with the kernel's bound) into name → value; throws ValueFileError or FileReadError. */
export function readValueFile(path: string, kind: ValueFileKind): Record<string, string> {
  return parseValueFile(readBoundedText(path, { what: `the ${kind} file` }), path, kind);
}

/** Parses value-file text into name → value. */
export function parseValueFile(text: string, file: string, kind: ValueFileKind): Record<string, string> {
  return parseValueDocument(text, file, kind).values;
}

/** Parses value-file text into name → value, with the document's root for what else it holds. */
function parseValueDocument(text: string, file: string, kind: ValueFileKind): { values: Record<string, string>; root: unknown } {
  let document;
  try {
    document = parseJson(text, file);
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    throw new ValueFileError([located(file, '', error, error.reason)]);
  }
  const shape = LIST_SHAPE[kind];
  const root = document.value;
  const problems: Diagnostic[] = [];
  const fault = (segments: ReadonlyArray<string | number>, message: string): void => {
    const pointer = toPointer(segments);
    problems.push(located(file, pointer, document.locate(pointer), message));
  };
  const out: Record<string, string> = {};
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    fault([], `the ${kind} file must be a JSON object: {"Name": "value", …} or the AWS CLI's {"${shape.list}": [{"${shape.name}", "${shape.value}"}]}`);
  } else if (Array.isArray((root as Record<string, unknown>)[shape.list])) {
    ((root as Record<string, unknown>)[shape.list] as unknown[]).forEach((entry, i) => {
      const item = entry as Record<string, unknown> | null;
      const name = item && typeof item === 'object' ? item[shape.name] : undefined;
      const value = item && typeof item === 'object' ? item[shape.value] : undefined;
      if (typeof name !== 'string' || typeof value !== 'string') fault([shape.list, i], `expected {"${shape.name}": string, "${shape.value}": string}`);
      else setOwn(out, name, value);
    });
  } else {
    for (const [name, value] of Object.entries(root)) {
      if (typeof value === 'string') setOwn(out, name, value);
      else if (typeof value === 'number' || typeof value === 'boolean') setOwn(out, name, String(value));
      else fault([name], `the value of "${name}" must be a string`);
    }
  }
  if (problems.length > 0) throw new ValueFileError(problems);
  return { values: out, root };
}

function located(file: string, path: string, at: { line: number; column: number }, message: string): Diagnostic {
  return { code: 'SIM_VALUE_FILE', severity: 'error', message, file, path, line: at.line, column: at.column };
}
