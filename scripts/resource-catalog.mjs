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

/** The catalogue as JSON text: `{source, types: {Type: {ref, arn?, attributes: {Name: kind}}}}`, sorted. */
export function buildResourceCatalog() {
  const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
  const db = loadAwsServiceSpecSync();
  const types = {};
  const resources = [...db.all('resource')].sort((a, b) => (a.cloudFormationType < b.cloudFormationType ? -1 : 1));
  for (const resource of resources) {
    const attributes = {};
    for (const name of Object.keys(resource.attributes).sort()) attributes[name] = kindOf(resource.attributes[name].type);
    const ref = resource.cfnRefIdentifier ?? resource.primaryIdentifier ?? [];
    types[resource.cloudFormationType] = {
      ref: ref.join('|'),
      ...(resource.arnTemplate ? { arn: resource.arnTemplate } : {}),
      attributes,
    };
  }
  return JSON.stringify({ source: `@aws-cdk/aws-service-spec@${specVersion()}`, types });
}
