// Builds the simulator's resource-type catalogue from the CDK service specification database
// (@aws-cdk/aws-service-spec, republished as the CloudFormation registry changes): every registry type, what its
// `Ref` returns, its ARN template, and its `Fn::GetAtt` attributes with the shape of each value. Written at build
// time into dist/ (never committed); the simulator reads it lazily. See docs/template-resolution.md.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The shape of an attribute's value: what `Fn::Select`, `Fn::Join` and `Fn::Cidr` may do with it. */
function kindOf(type) {
  switch (type?.type) {
    case 'string':
    case 'date-time':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'list';
    default:
      return 'json'; // map, ref (an object type), json, union
  }
}

/** The installed spec's version, or undefined when the package is not installed (a production install). */
export function specVersion() {
  try {
    return require('@aws-cdk/aws-service-spec/package.json').version;
  } catch {
    return undefined;
  }
}

/** How an attribute's kind is written after its name in the catalogue (a string attribute has no mark). */
const KIND_MARKS = { string: '', list: '[]', json: '{}', number: '#', boolean: '!' };

/**
 * The catalogue as text: a `# source` line, then one line per type, sorted: `Type<TAB>ref<TAB>arn<TAB>attributes`,
 * the attributes comma-separated, each marked with its kind (`Ipv6CidrBlocks[]`). A line format, so the simulator
 * looks a type up with one string search instead of parsing the whole catalogue on every start.
 */
export function buildResourceCatalog() {
  const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
  const db = loadAwsServiceSpecSync();
  const lines = [`# @aws-cdk/aws-service-spec@${specVersion()}`];
  const resources = [...db.all('resource')].sort((a, b) => (a.cloudFormationType < b.cloudFormationType ? -1 : 1));
  for (const resource of resources) {
    const attributes = Object.keys(resource.attributes)
      .sort()
      .map((name) => `${name}${KIND_MARKS[kindOf(resource.attributes[name].type)]}`);
    const ref = resource.cfnRefIdentifier ?? resource.primaryIdentifier ?? [];
    lines.push([resource.cloudFormationType, ref.join('|'), resource.arnTemplate ?? '', attributes.join(',')].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}
