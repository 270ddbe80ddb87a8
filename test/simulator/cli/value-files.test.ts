import { parseValueFile, ValueFileError } from '../../../simulator/cli';

describe('value files (--exports, --ssm)', () => {
  it.each<[string, 'exports' | 'ssm', Record<string, string>]>([
    ['{"shared-vpc": "vpc-1", "port": 443}', 'exports', { 'shared-vpc': 'vpc-1', port: '443' }],
    ['{"Exports": [{"Name": "a", "Value": "1", "ExportingStackId": "x"}]}', 'exports', { a: '1' }],
    ['{"Parameters": [{"Name": "/app/key", "Value": "k", "Type": "String"}], "InvalidParameters": []}', 'ssm', { '/app/key': 'k' }],
    ['{"/app/key": "k"}', 'ssm', { '/app/key': 'k' }],
    ['{"__proto__": "x"}', 'exports', JSON.parse('{"__proto__": "x"}') as Record<string, string>],
  ])('%s', (text, kind, values) => {
    expect(parseValueFile(text, 'f.json', kind)).toEqual(values);
  });

  it.each<[string, 'exports' | 'ssm', RegExp]>([
    ['["a"]', 'exports', /^f\.json:1:1 the exports file must be a JSON object/],
    ['{\n  "a": {"b": 1}\n}', 'ssm', /^f\.json:2:8 the value of "a" must be a string/],
    ['{"Exports": [{"Name": "a"}]}', 'exports', /^f\.json:1:14 expected \{"Name": string, "Value": string\}/],
    ['{"a": ', 'ssm', /^f\.json:1:\d+ invalid JSON/],
  ])('%s is refused with a located message', (text, kind, message) => {
    let caught: unknown;
    try {
      parseValueFile(text, 'f.json', kind);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValueFileError);
    const d = (caught as ValueFileError).diagnostics[0];
    expect(`${d?.file}:${d?.line}:${d?.column} ${d?.message}`).toMatch(message);
  });
});
