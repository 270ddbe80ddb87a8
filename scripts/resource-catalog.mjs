// Builds the simulator's resource-type catalogue from the CDK service specification database
// (@aws-cdk/aws-service-spec, republished as the CloudFormation registry changes): every registry type, what its
// `Ref` returns, its ARN template, and its `Fn::GetAtt` attributes with the shape of each value. Written at build
// time into dist/ (never committed); the simulator reads it lazily. See docs/template-resolution.md.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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

/**
 * The catalogue's first lines: the spec it was generated from (read back by the simulator, which names it in its
 * messages), then a digest of this generator, so a build regenerates the catalogue when either changes.
 */
export function catalogHeader(version = specVersion()) {
  const generator = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);
  return `# @aws-cdk/aws-service-spec@${version}\n# generator ${generator}\n`;
}

/** How an attribute's kind is written after its name in the catalogue (a string attribute has no mark). */
const KIND_MARKS = { string: '', list: '[]', json: '{}', number: '#', boolean: '!' };

/**
 * Attributes the service returns that the spec lists only as properties. The registry schema of
 * AWS::Elasticsearch::Domain names `/properties/DomainArn` among its readOnlyProperties, and the resource reference
 * lists `DomainArn` in its `Fn::GetAtt` return values (the spec's own text for `Arn` says it is "the same as the one
 * returned by AWS::Elasticsearch::Domain.DomainArn"); the spec has it as a property with no documentation.
 * AWS::OpenSearchService::Domain, its successor, has the same undocumented `DomainArn` property in the spec, templates
 * deployed with `!GetAtt Domain.DomainArn` (eijikominami/aws-cloudformation-templates `edge/realtime-dashboard`), and
 * deployers that resolve it (go-to-k/cdkd#866).
 */
const ATTRIBUTES_LISTED_AS_PROPERTIES = { 'AWS::Elasticsearch::Domain': ['DomainArn'], 'AWS::OpenSearchService::Domain': ['DomainArn'] };

/**
 * What the resource reference says of a naming property whose value the service refuses to keep across a replacement:
 * "If you specify a name, you can't perform updates that require replacement of this resource" (and its variants:
 * ECS's "The stack update fails if you change any properties that require replacement and the `ServiceName` is
 * configured"), or that the name must be unique in the account or Region, so that a replacement keeping it collides
 * with the resource it replaces (a target group's "unique per region per account").
 */
const REPLACEMENT_BLOCKED = /(?:can't|cannot|can not) perform (?:an )?updates? that (?:requires?|causes?) (?:the )?replacement|update fails if you change any properties that require replacement/i;
const UNIQUE_IN_ACCOUNT = /\bunique (?:per|within|in) (?:the |your |an |each )?(?:AWS )?(?:region|account)\b/i;

/** The top-level property the reference documents as the type's custom name (above), or ''. */
function documentedCustomName(properties) {
  const names = Object.keys(properties).sort();
  const blocked = names.find((name) => REPLACEMENT_BLOCKED.test(properties[name].documentation ?? ''));
  return blocked ?? names.find((name) => /Name$/.test(name) && UNIQUE_IN_ACCOUNT.test(properties[name].documentation ?? '')) ?? '';
}

/**
 * The catalogue as text: a `# source` line, then one line per type, sorted:
 * `Type<TAB>ref<TAB>arn<TAB>attributes<TAB>create-only properties<TAB>primary identifier<TAB>other properties<TAB>custom
 * name`, the attributes comma-separated, each marked with its kind (`Ipv6CidrBlocks[]`), the create-only properties
 * comma-separated, the primary identifier's properties joined with `|` where they differ from `ref` (else empty), the
 * other top-level properties comma-separated, the property documented as the custom name (documentedCustomName, else
 * empty). A line format, so the
 * simulator looks a type up with one string search instead of parsing the whole catalogue on every start.
 */
export function buildResourceCatalog() {
  const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
  const db = loadAwsServiceSpecSync();
  const lines = [catalogHeader().trimEnd()];
  const resources = [...db.all('resource')].sort((a, b) => (a.cloudFormationType < b.cloudFormationType ? -1 : 1));
  for (const resource of resources) {
    const extra = Object.fromEntries(
      (ATTRIBUTES_LISTED_AS_PROPERTIES[resource.cloudFormationType] ?? []).filter((name) => resource.properties[name]).map((name) => [name, resource.properties[name]]),
    );
    const all = { ...extra, ...resource.attributes };
    const attributes = Object.keys(all)
      .sort()
      .map((name) => `${name}${KIND_MARKS[kindOf(all[name].type)]}`);
    const ref = resource.cfnRefIdentifier ?? resource.primaryIdentifier ?? [];
    // The top-level properties a change of which replaces the resource: the spec's `yes`, which is the registry's
    // createOnlyProperties together with the old resource specification's `UpdateType: Immutable` (the database keeps
    // no record of which; where only the frozen old specification says so it can be stale, corrected in
    // createOnlyProperties, simulator/cloudformation/resolve/resource-types.ts). The spec's `maybe` (the old
    // specification's `Conditional`), a replacement only in some cases, is left out: an update in place.
    const createOnly = Object.keys(resource.properties)
      .filter((name) => resource.properties[name].causesReplacement === 'yes')
      .sort();
    // The primary identifier, where it is not what `Ref` returns: a name scoped by a parent (`RestApiId|StageName` for a
    // stage whose `Ref` is its `StageName`) identifies nothing on its own.
    const identifier = (resource.primaryIdentifier ?? []).join('|');
    // The other top-level properties, so a property the type does not have can be named (with the create-only ones,
    // every property the spec knows: a superset of the registry schema's, which the service validates against).
    const others = Object.keys(resource.properties)
      .filter((name) => resource.properties[name].causesReplacement !== 'yes')
      .sort();
    lines.push(
      [
        resource.cloudFormationType,
        ref.join('|'),
        resource.arnTemplate ?? '',
        attributes.join(','),
        createOnly.join(','),
        identifier === ref.join('|') ? '' : identifier,
        others.join(','),
        documentedCustomName(resource.properties),
      ].join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}
