// The benchmark's baseline: what any tool must at least do with a template. Start node, read the file, parse it
// with js-yaml 4 (the fastest YAML parser on npm) and walk every resource once. Usage: node bench/baseline.cjs FILE
const { readFileSync } = require('node:fs');
const yaml = require('js-yaml');

// CloudFormation's short-form tags, so js-yaml can read the same file (each becomes its long form).
const names = ['Ref', 'Condition', 'Base64', 'Cidr', 'And', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue',
  'Join', 'Length', 'Not', 'Or', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform'];
const types = [];
for (const name of names) {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  for (const kind of ['scalar', 'sequence', 'mapping']) {
    types.push(new yaml.Type(`!${name}`, { kind, construct: (data) => ({ [key]: data }) }));
  }
}
const schema = yaml.CORE_SCHEMA.extend(types);
const template = yaml.load(readFileSync(process.argv[2], 'utf8'), { schema });
let nodes = 0;
function walk(value) {
  nodes++;
  if (Array.isArray(value)) for (const item of value) walk(item);
  else if (value && typeof value === 'object') for (const key of Object.keys(value)) walk(value[key]);
}
for (const id of Object.keys(template.Resources)) walk(template.Resources[id]);
process.stdout.write(`${Object.keys(template.Resources).length} resources, ${nodes} nodes\n`);
