/**
 * Parameter files, in every JSON shape the AWS CLI and CodePipeline read, so a repository's own file is given as it
 * is committed: the `aws cloudformation create-stack --parameters file://…` list
 * (`[{"ParameterKey": "A", "ParameterValue": "x"}]`); `aws cloudformation deploy --parameter-overrides file://…`'s
 * original `["A=x"]` (aws/aws-cli#5443 made deploy read all three shapes); CodePipeline's template configuration
 * file (`{"Parameters": {"A": "x"}, "Tags": {…}, "StackPolicy": {…}}`); and the plain `{"A": "x"}` many tools write.
 * Errors point at the line and column of the offending entry.
 */
import { toPointer } from '../../../src/kernel/diagnostics';
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

/** Reads a parameters file (with the kernel's bound) into name → value; throws a TemplateError located in the file, or a FileReadError. */
export function parseParametersFile(path: string): Record<string, string> {
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
  try {
    return readParameters(document.value);
  } catch (error) {
    if (!(error instanceof ParametersFileFault)) throw error;
    const { line, column } = document.locate(error.pointer);
    throw new TemplateError([{ code: 'RES_PARAMETERS_FILE', severity: 'error', message: error.message, file: path, path: error.pointer, line, column }]);
  }
}

const EXPECTED =
  'expected [{"ParameterKey": "Name", "ParameterValue": "value"}, …], ["Name=value", …], {"Parameters": {"Name": "value", …}} or {"Name": "value", …}';

/** The keys of CodePipeline's template configuration file besides Parameters; a stack's tags and policy do not reach a hook. */
const TEMPLATE_CONFIGURATION_KEYS = new Set(['Parameters', 'Tags', 'StackPolicy']);

function readParameters(value: unknown): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const put = (name: string, text: string, pointer: string): void => {
    if (Object.prototype.hasOwnProperty.call(out, name)) throw new ParametersFileFault(pointer, `parameter ${name} is given twice`);
    Object.defineProperty(out, name, { value: text, enumerable: true, writable: true, configurable: true });
  };
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      const pointer = toPointer([i]);
      if (typeof entry === 'string') {
        // `aws cloudformation deploy`'s original shape: the first `=` ends the name, as the AWS CLI splits it.
        const equals = entry.indexOf('=');
        if (equals <= 0) throw new ParametersFileFault(pointer, `entry ${i} must be "Name=value" (as aws cloudformation deploy --parameter-overrides reads it), got ${JSON.stringify(entry)}`);
        put(entry.slice(0, equals), entry.slice(equals + 1), pointer);
        return;
      }
      if (!isJsonObject(entry)) throw new ParametersFileFault(pointer, `entry ${i} must be an object with ParameterKey and ParameterValue, or "Name=value", got ${describeShape(entry)}`);
      const key = entry.ParameterKey;
      if (typeof key !== 'string' || key === '') throw new ParametersFileFault(pointer, `entry ${i} needs a ParameterKey string`);
      const usePrevious = entry.UsePreviousValue === true || entry.UsePreviousValue === 'true';
      if (usePrevious) {
        throw new ParametersFileFault(
          toPointer([i, 'UsePreviousValue']),
          `parameter ${key} has UsePreviousValue: the simulator has no deployed stack to take the previous value from; give ParameterValue instead`,
        );
      }
      const text = scalarText(entry.ParameterValue);
      if (text === undefined) throw new ParametersFileFault(entry.ParameterValue === undefined ? pointer : toPointer([i, 'ParameterValue']), `parameter ${key} needs a ParameterValue string`);
      put(key, text, pointer);
    });
    return out;
  }
  if (isJsonObject(value)) {
    // A parameter's value is never an object, so an object under Parameters is CodePipeline's template configuration.
    const inner = value.Parameters;
    const configuration = isJsonObject(inner);
    if (configuration) {
      const other = Object.keys(value).find((key) => !TEMPLATE_CONFIGURATION_KEYS.has(key));
      if (other !== undefined) {
        throw new ParametersFileFault(toPointer([other]), `a template configuration file holds only Parameters, Tags and StackPolicy, not ${JSON.stringify(other)}`);
      }
    }
    const values = configuration ? inner : value;
    const at = (key: string): string => toPointer(configuration ? ['Parameters', key] : [key]);
    for (const key of Object.keys(values)) {
      const item = values[key];
      const text = Array.isArray(item) && item.every((v) => scalarText(v) !== undefined) ? item.map((v) => scalarText(v)).join(',') : scalarText(item);
      if (text === undefined) throw new ParametersFileFault(at(key), `parameter ${key} must be a string (or a list of strings for list types), got ${describeShape(item)}`);
      put(key, text, at(key));
    }
    return out;
  }
  throw new ParametersFileFault('', `the parameters file must hold a list or an object: ${EXPECTED}`);
}
