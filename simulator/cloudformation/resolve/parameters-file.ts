/**
 * Parameter files, in every JSON shape the AWS CLI and CodePipeline read, so a repository's own file is given as it
 * is committed: the `aws cloudformation create-stack --parameters file://…` list
 * (`[{"ParameterKey": "A", "ParameterValue": "x"}]`); `aws cloudformation deploy --parameter-overrides file://…`'s
 * original `["A=x"]` (aws/aws-cli#5443 made deploy read all three shapes); CodePipeline's template configuration
 * file (`{"Parameters": {"A": "x"}, "Tags": {…}, "StackPolicy": {…}}`); and the plain `{"A": "x"}` many tools write.
 * Errors point at the line and column of the offending entry.
 *
 * What `aws cloudformation deploy` does with the values is followed where it differs from `create-stack`: a name
 * given twice keeps its last value (deploy and Control Tower's customizations build a dict; AWS's own Security
 * Reference Architecture ships such files), with a warning; and in the shapes only deploy reads (`["A=x"]`, and
 * the template configuration file it also reads) a name the template does not declare is dropped with a warning,
 * as deploy drops it, where `create-stack`'s list keeps the service's refusal.
 */
import { toPointer, type Diagnostic } from '../../../src/kernel/diagnostics';
import { parseJson, readBoundedText, SourceSyntaxError, type ParsedDocument } from '../../../src/kernel/source';
import { TemplateError } from '../template/types';
import { describeShape, scalarText } from './values';
import { isJsonObject } from '../../../src/kernel/protocol';

class ParametersFileFault extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

/** A parameters file read: its values, what reading it noticed, and whether names the template lacks are dropped. */
export interface ParametersFile {
  readonly values: Readonly<Record<string, string>>;
  /** A name given twice (its last value kept), located. */
  readonly warnings: readonly Diagnostic[];
  /** True for the shapes `aws cloudformation deploy` reads and `create-stack` does not: undeclared names are dropped. */
  readonly dropsUndeclared: boolean;
  /** Where a name's (last) entry is, for a warning about it. */
  readonly locate: (name: string) => Pick<Diagnostic, 'file' | 'path' | 'line' | 'column'>;
  /**
   * The names whose (last) entry says `UsePreviousValue: true` instead of giving a value, each with where its
   * `UsePreviousValue` is: only an update or a change set has a previous value to take (`previousValuesFor`).
   */
  readonly usePrevious: ReadonlyArray<{ readonly name: string; readonly at: Pick<Diagnostic, 'file' | 'path' | 'line' | 'column'> }>;
}

/**
 * The values a run takes from a parameters file: all of them, or (for the deploy shapes) those the template declares,
 * each dropped name said in a warning.
 */
export function parametersFromFile(file: ParametersFile, declared: ReadonlySet<string>): { values: Record<string, string>; warnings: Diagnostic[] } {
  // Names come from the user's file (`__proto__` among them): an object without a prototype, filled by definition.
  const values = Object.create(null) as Record<string, string>;
  const warnings: Diagnostic[] = [...file.warnings];
  for (const [name, value] of Object.entries(file.values)) {
    if (!file.dropsUndeclared || declared.has(name)) Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
    else {
      warnings.push({
        code: 'RES_PARAMETERS_FILE',
        severity: 'warning',
        message: `parameter ${name} is not declared by the template: aws cloudformation deploy, which reads this file's shape, drops it, and so does this run`,
        ...file.locate(name),
      });
    }
  }
  return { values, warnings };
}

/** Reads a parameters file (with the kernel's bound); throws a TemplateError located in the file, or a FileReadError. */
export function parseParametersFile(path: string): ParametersFile {
  const text = readBoundedText(path, { what: 'the parameters file' });
  let document: ParsedDocument;
  try {
    document = parseJson(text, path);
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    throw new TemplateError([
      { code: 'RES_PARAMETERS_FILE', severity: 'error', message: `parameters file is not valid JSON: ${error.reason}`, file: path, path: '', line: error.line, column: error.column },
    ]);
  }
  const fileAt = (pointer: string): Pick<Diagnostic, 'file' | 'path' | 'line' | 'column'> => ({ file: path, path: pointer, ...document.locate(pointer) });
  try {
    const read = readParameters(document.value);
    const warnings = read.repeated.map(({ name, pointer }): Diagnostic => ({
      code: 'RES_PARAMETERS_FILE',
      severity: 'warning',
      message: `parameter ${name} is given more than once: its last value is used, as aws cloudformation deploy and Control Tower's customizations use it`,
      ...fileAt(pointer),
    }));
    const usePrevious = [...read.usePrevious].map(([name, pointer]) => ({ name, at: fileAt(pointer) }));
    return { values: read.values, warnings, dropsUndeclared: read.deployShape, locate: (name) => fileAt(read.pointers.get(name) ?? ''), usePrevious };
  } catch (error) {
    if (!(error instanceof ParametersFileFault)) throw error;
    const { line, column } = document.locate(error.pointer);
    throw new TemplateError([{ code: 'RES_PARAMETERS_FILE', severity: 'error', message: error.message, file: path, path: error.pointer, line, column }]);
  }
}

const EXPECTED =
  'expected [{"ParameterKey": "Name", "ParameterValue": "value"}, …], ["Name=value", …], {"Parameters": {"Name": "value", …}} or {"Name": "value", …}';


interface ReadParameters {
  readonly values: Record<string, string>;
  /** Each name's last entry. */
  readonly pointers: Map<string, string>;
  /** Entries that gave a name again. */
  readonly repeated: Array<{ name: string; pointer: string }>;
  readonly deployShape: boolean;
  /** Names whose last entry takes the previous value, with the pointer of its `UsePreviousValue`. */
  readonly usePrevious: Map<string, string>;
}

function readParameters(value: unknown): ReadParameters {
  const out = Object.create(null) as Record<string, string>;
  const pointers = new Map<string, string>();
  const repeated: Array<{ name: string; pointer: string }> = [];
  const usePrevious = new Map<string, string>();
  let deployShape = false;
  const note = (name: string, pointer: string): void => {
    if (pointers.has(name)) repeated.push({ name, pointer });
    pointers.set(name, pointer);
  };
  const put = (name: string, text: string, pointer: string): void => {
    note(name, pointer);
    usePrevious.delete(name);
    Object.defineProperty(out, name, { value: text, enumerable: true, writable: true, configurable: true });
  };
  const done = (): ReadParameters => ({ values: out, pointers, repeated, deployShape, usePrevious });
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      const pointer = toPointer([i]);
      if (typeof entry === 'string') {
        // `aws cloudformation deploy`'s original shape: the first `=` ends the name, as the AWS CLI splits it.
        const equals = entry.indexOf('=');
        if (equals <= 0) throw new ParametersFileFault(pointer, `entry ${i} must be "Name=value" (as aws cloudformation deploy --parameter-overrides reads it), got ${JSON.stringify(entry)}`);
        deployShape = true;
        put(entry.slice(0, equals), entry.slice(equals + 1), pointer);
        return;
      }
      if (!isJsonObject(entry)) throw new ParametersFileFault(pointer, `entry ${i} must be an object with ParameterKey and ParameterValue, or "Name=value", got ${describeShape(entry)}`);
      const key = entry.ParameterKey;
      if (typeof key !== 'string' || key === '') throw new ParametersFileFault(pointer, `entry ${i} needs a ParameterKey string`);
      const takesPrevious = entry.UsePreviousValue === true || entry.UsePreviousValue === 'true';
      if (takesPrevious) {
        // The service's words (widdix/cfn-create-or-update#15 quotes them); an empty ParameterValue is let through.
        if (entry.ParameterValue !== undefined && entry.ParameterValue !== '') {
          throw new ParametersFileFault(toPointer([i, 'ParameterValue']), `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true and non empty value for a parameter`);
        }
        // Whether there is a previous value to take is the run's to say (an update's deployed stack): noted here.
        note(key, pointer);
        Reflect.deleteProperty(out, key);
        usePrevious.set(key, toPointer([i, 'UsePreviousValue']));
        return;
      }
      const text = scalarText(entry.ParameterValue);
      if (text === undefined) throw new ParametersFileFault(entry.ParameterValue === undefined ? pointer : toPointer([i, 'ParameterValue']), `parameter ${key} needs a ParameterValue string`);
      put(key, text, pointer);
    });
    return done();
  }
  if (isJsonObject(value)) {
    // A parameter's value is never an object, so an object under Parameters is CodePipeline's template configuration.
    const inner = value.Parameters;
    const configuration = isJsonObject(inner);
    // The AWS CLI reads past any other key of a template configuration file (Tags, StackPolicy, and the rest).
    deployShape = configuration;
    const values = configuration ? inner : value;
    const at = (key: string): string => toPointer(configuration ? ['Parameters', key] : [key]);
    for (const key of Object.keys(values)) {
      const item = values[key];
      const text = Array.isArray(item) && item.every((v) => scalarText(v) !== undefined) ? item.map((v) => scalarText(v)).join(',') : scalarText(item);
      if (text === undefined) throw new ParametersFileFault(at(key), `parameter ${key} must be a string (or a list of strings for list types), got ${describeShape(item)}`);
      put(key, text, at(key));
    }
    return done();
  }
  throw new ParametersFileFault('', `the parameters file must hold a list or an object: ${EXPECTED}`);
}
