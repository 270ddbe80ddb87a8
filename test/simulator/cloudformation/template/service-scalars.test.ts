/*
 * Whole floats written with a fraction are read as their text, in JSON as in YAML (service-scalars.ts). The JSON
 * rewrite quotes exactly the number tokens serviceFloat changes, never text inside a string, and both readers of a
 * JSON text give the same data.
 */
import { jsonWithServiceFloats, serviceFloat } from '../../../../simulator/cloudformation/template/service-scalars';
import { parseYaml } from '../../../../simulator/cloudformation/template/parse-yaml';
import { readTemplate } from '../../../../simulator/cloudformation/template';

describe('serviceFloat', () => {
  it.each<[string, number | string]>([
    ['4.0', '4.0'],
    ['1.00', '1.0'],
    ['-2.0', '-2.0'],
    ['-0.0', '-0.0'],
    ['2.50', 2.5],
    ['3.10', 3.1],
    ['4', 4],
    ['1.0e2', 100],
    ['10000000.0', 10000000],
    ['9999999.0', '9999999.0'],
  ])('%s reads as %p', (text, expected) => {
    expect(serviceFloat(text, Number(text))).toBe(expected);
  });
});

describe('jsonWithServiceFloats', () => {
  it.each<[string, string, string | undefined]>([
    ['no number changes', '{"a": 4, "b": 2.5, "c": "4.0"}', undefined],
    ['a whole float', '{"a": 4.0}', '{"a": "4.0"}'],
    ['in a list, negative, several zeros', '[1.0, -2.00,3.000 ]', '["1.0", "-2.0","3.0" ]'],
    ['inside a string only (the search matches, the scan does not)', '{"a": "x 1.0, y", "b": "10.0.0.0/16"}', undefined],
    ['after a string with an escaped quote', '{"a": "q\\" 1.0,", "b": 1.0}', '{"a": "q\\" 1.0,", "b": "1.0"}'],
    ['exponents and large values stay numbers', '{"a": 1.0e3, "b": 10000000.0, "c": 7.0}', '{"a": 1.0e3, "b": 10000000.0, "c": "7.0"}'],
    ['before a closing brace, across lines', '{\n  "a": 8.0\n}', '{\n  "a": "8.0"\n}'],
  ])('%s', (_name, text, expected) => {
    expect(jsonWithServiceFloats(text)).toBe(expected);
  });
});

describe('a JSON template reads as the YAML reader reads the same text', () => {
  it.each([
    '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 4.0, "Tags": [{"Key": "v", "Value": 1.50}]}}}}',
    '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q 1.0, r", "MaximumMessageSize": 2048.00}}}}',
    '{"Parameters": {"V": {"Type": "String", "Default": -3.0}}, "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}',
  ])('%s', (text) => {
    const yaml = parseYaml(text);
    if (!('value' in yaml)) throw new Error('the YAML reader refused a JSON text');
    expect(readTemplate('t.json', text).body).toEqual(yaml.value);
  });
});
