/**
 * What `Ref` and `Fn::GetAtt` return for a resource: realistic, deterministic values for the types this
 * project cares about (names, ARNs, URLs of the right shape, from the CloudFormation resource specification),
 * and for every other type a value shaped as the resource-type catalogue says (`Ref` an ARN, an EC2 id or a
 * name; list attributes lists). Attribute names come from the catalogue (CDK service-spec); values are derived
 * from the physical id so that a physical id taken from a deployed stack (`physicalIds`) yields the deployed
 * attributes.
 */
import { sameJson, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import { deterministicHex, deterministicSuffix, deterministicUuid, generatedName, type StackEnvironment } from './stack-environment';
import { UPDATABLE_DESPITE_CATALOGUE } from './create-only-corrections';
import { catalogType, isCustomResourceType, isSamType, samGeneratedType } from '../../../src/kernel/resource-catalog';
import { samCreateOnlyProperties } from './serverless';
import { own, scalarText } from './values';

/** Everything a type model may use to compute a physical id or an attribute. */
export interface ResourceFacts {
  readonly env: StackEnvironment;
  readonly logicalId: string;
  readonly type: string;
  /** The resource's resolved properties. */
  readonly properties: JsonObject;
}

type AttributeFunction = (physicalId: string, facts: ResourceFacts) => JsonValue;

/** How one resource type names itself and what attributes it has. */
interface ResourceTypeModel {
  /**
   * The property whose value, when the template gives one, is the resource's name: its physical id is made from it
   * (read through givenName). Absent: the type's physical id is never a name the template gives.
   */
  readonly namedBy?: string;
  /** The physical id CloudFormation would assign (and `Ref` returns). */
  physicalId(facts: ResourceFacts): string;
  /** The attributes `Fn::GetAtt` accepts; absent means "any attribute" (types without a list). */
  readonly attributes?: Readonly<Record<string, AttributeFunction>>;
}

function nameProperty(facts: ResourceFacts, key: string): string | undefined {
  return declaredText(facts.properties, key);
}

/** A property's value as text, when the properties give it one (not empty). */
function declaredText(properties: JsonObject, key: string): string | undefined {
  const text = scalarText(own(properties, key));
  return text === undefined || text === '' ? undefined : text;
}

/** The name the resource's template gives it (its type's `namedBy`), or undefined when its name is generated. */
function nameOf(facts: ResourceFacts): string | undefined {
  return givenName(facts.type, facts.properties);
}

/** S3 websites in the oldest regions use `s3-website-<region>`, newer ones `s3-website.<region>`. */
const DASH_WEBSITE_REGIONS = new Set([
  'us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1', 'us-gov-west-1',
]);

const s3MetadataAttribute: AttributeFunction = (name, facts) => `arn:${facts.env.partition}:s3tables:${facts.env.region}:${facts.env.accountId}:bucket/${name}-metadata`;

const S3_BUCKET: ResourceTypeModel = {
  namedBy: 'BucketName',
  physicalId: (facts) =>
    nameOf(facts) ?? generatedName(facts.env, facts.logicalId, { maxLength: 63, alphabet: 'lower', lowercase: true }),
  attributes: {
    Arn: (name, { env }) => `arn:${env.partition}:s3:::${name}`,
    DomainName: (name, { env }) => `${name}.s3.${env.urlSuffix}`,
    RegionalDomainName: (name, { env }) => `${name}.s3.${env.region}.${env.urlSuffix}`,
    DualStackDomainName: (name, { env }) => `${name}.s3.dualstack.${env.region}.${env.urlSuffix}`,
    WebsiteURL: (name, { env }) =>
      `http://${name}.s3-website${DASH_WEBSITE_REGIONS.has(env.region) ? '-' : '.'}${env.region}.${env.urlSuffix}`,
    'MetadataTableConfiguration.S3TablesDestination.TableNamespace': () => 'aws_s3_metadata',
    'MetadataTableConfiguration.S3TablesDestination.TableArn': s3MetadataAttribute,
    'MetadataConfiguration.Destination': s3MetadataAttribute,
    'MetadataConfiguration.JournalTableConfiguration.TableName': () => 'journal',
    'MetadataConfiguration.JournalTableConfiguration.TableArn': s3MetadataAttribute,
    'MetadataConfiguration.InventoryTableConfiguration.TableName': () => 'inventory',
    'MetadataConfiguration.InventoryTableConfiguration.TableArn': s3MetadataAttribute,
    'MetadataConfiguration.AnnotationTableConfiguration.TableName': () => 'annotation',
    'MetadataConfiguration.AnnotationTableConfiguration.TableArn': s3MetadataAttribute,
  },
};

/** The queue name at the end of a queue URL (an SQS queue's physical id is its URL). */
function queueNameOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

function isFifo(facts: ResourceFacts): boolean {
  return scalarText(own(facts.properties, 'FifoQueue')) === 'true';
}

const SQS_QUEUE: ResourceTypeModel = {
  namedBy: 'QueueName',
  physicalId: (facts) => {
    const fifo = isFifo(facts);
    const name =
      nameOf(facts) ??
      `${generatedName(facts.env, facts.logicalId, { maxLength: 80, alphabet: 'upper', reserve: fifo ? 5 : 0 })}${fifo ? '.fifo' : ''}`;
    return `https://sqs.${facts.env.region}.${facts.env.urlSuffix}/${facts.env.accountId}/${name}`;
  },
  attributes: {
    Arn: (url, { env }) => `arn:${env.partition}:sqs:${env.region}:${env.accountId}:${queueNameOf(url)}`,
    QueueName: (url) => queueNameOf(url),
    QueueUrl: (url) => url,
  },
};

const KMS_KEY: ResourceTypeModel = {
  physicalId: (facts) => deterministicUuid(`kms\0${facts.env.stackName}\0${facts.logicalId}`),
  attributes: {
    Arn: (keyId, { env }) => `arn:${env.partition}:kms:${env.region}:${env.accountId}:key/${keyId}`,
    KeyId: (keyId) => keyId,
  },
};

const KMS_ALIAS: ResourceTypeModel = {
  namedBy: 'AliasName',
  physicalId: (facts) => nameOf(facts) ?? `alias/${facts.env.stackName}-${facts.logicalId}`,
  attributes: {},
};

const IAM_ROLE: ResourceTypeModel = {
  namedBy: 'RoleName',
  physicalId: (facts) => nameOf(facts) ?? generatedName(facts.env, facts.logicalId, { maxLength: 64, alphabet: 'upper' }),
  attributes: {
    Arn: (name, facts) => `arn:${facts.env.partition}:iam::${facts.env.accountId}:role${nameProperty(facts, 'Path') ?? '/'}${name}`,
    RoleId: (name, facts) => `AROA${deterministicSuffix(`role\0${facts.env.stackName}\0${name}`, 17, 'upper')}`,
  },
};

const LAMBDA_FUNCTION: ResourceTypeModel = {
  namedBy: 'FunctionName',
  physicalId: (facts) => nameOf(facts) ?? generatedName(facts.env, facts.logicalId, { maxLength: 64, alphabet: 'mixed' }),
  attributes: {
    Arn: (name, { env }) => `arn:${env.partition}:lambda:${env.region}:${env.accountId}:function:${name}`,
    'SnapshotStartResponse.ApplyOn': () => 'None',
    'SnapshotStartResponse.OptimizationStatus': () => 'Off',
  },
};

const SNS_TOPIC: ResourceTypeModel = {
  namedBy: 'TopicName',
  physicalId: (facts) => {
    const name = nameOf(facts) ?? generatedName(facts.env, facts.logicalId, { maxLength: 256, alphabet: 'upper' });
    return `arn:${facts.env.partition}:sns:${facts.env.region}:${facts.env.accountId}:${name}`;
  },
  attributes: {
    TopicArn: (arn) => arn,
    TopicName: (arn) => arn.slice(arn.lastIndexOf(':') + 1),
  },
};

const LOG_GROUP: ResourceTypeModel = {
  namedBy: 'LogGroupName',
  physicalId: (facts) => nameOf(facts) ?? generatedName(facts.env, facts.logicalId, { maxLength: 512, alphabet: 'mixed' }),
  attributes: {
    Arn: (name, { env }) => `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:${name}:*`,
  },
};

const POLICY_WITH_ID: ResourceTypeModel = {
  physicalId: (facts) => generatedName(facts.env, facts.logicalId, { maxLength: 255, alphabet: 'upper' }),
  attributes: { Id: (id) => id },
};

const POLICY_WITHOUT_ATTRIBUTES: ResourceTypeModel = {
  physicalId: (facts) => generatedName(facts.env, facts.logicalId, { maxLength: 255, alphabet: 'upper' }),
  attributes: {},
};

/**
 * Any type without a table of its own: `Ref` shaped as the catalogue says it is (an ARN, an EC2 id, an address,
 * else a generated name), and every attribute the catalogue lists, shaped by its kind and name.
 */
const GENERIC: ResourceTypeModel = {
  physicalId: (facts) => catalogPhysicalId(facts),
};

const MODELS: ReadonlyMap<string, ResourceTypeModel> = new Map([
  ['AWS::S3::Bucket', S3_BUCKET],
  ['AWS::S3::BucketPolicy', POLICY_WITHOUT_ATTRIBUTES],
  ['AWS::SQS::Queue', SQS_QUEUE],
  ['AWS::SQS::QueuePolicy', POLICY_WITH_ID],
  ['AWS::KMS::Key', KMS_KEY],
  ['AWS::KMS::Alias', KMS_ALIAS],
  ['AWS::IAM::Role', IAM_ROLE],
  ['AWS::Lambda::Function', LAMBDA_FUNCTION],
  ['AWS::SNS::Topic', SNS_TOPIC],
  ['AWS::Logs::LogGroup', LOG_GROUP],
]);

interface IndexedModel extends ResourceTypeModel {
  /** The attribute names, sorted once (GetAtt checks them on every call). */
  readonly attributeNames?: readonly string[];
}

const INDEXED: ReadonlyMap<string, IndexedModel> = new Map(
  [...MODELS].map(([type, model]) => [type, { ...model, ...(model.attributes ? { attributeNames: Object.keys(model.attributes).sort() } : {}) }]),
);

function modelOf(type: string): IndexedModel {
  return INDEXED.get(type) ?? GENERIC;
}

/** The facts of the resource SAM generates in a SAM resource's place, or undefined for any other type. */
function samGeneratedFacts(facts: ResourceFacts): ResourceFacts | undefined {
  const generated = samGeneratedType(facts.type);
  return generated === undefined ? undefined : { ...facts, type: generated };
}

/** The physical id a new resource of this type would get. */
export function physicalIdFor(facts: ResourceFacts): string {
  const generated = samGeneratedFacts(facts);
  return generated ? physicalIdFor(generated) : modelOf(facts.type).physicalId(facts);
}

/**
 * The name the template gives a resource, where its physical id is made from that name: the value of its type's
 * naming property (`BucketName`, `QueueName`, a table's `TableName`, the catalogue's `Ref` identifier when that is a
 * name), a SAM resource's as the resource SAM generates; undefined when the name is generated, and for a type whose
 * physical id is no name the template gives (an EC2 id, an ARN with an id in it, a custom resource's).
 */
export function givenName(type: string, properties: JsonObject): string | undefined {
  const generated = samGeneratedType(type) ?? type;
  const model = INDEXED.get(generated);
  const key = model ? model.namedBy : catalogNamingProperty(generated);
  return key === undefined ? undefined : declaredText(properties, key);
}

/** A custom name, and the values of what scopes it (the other properties of the type's identifier), as JSON. */
export interface CustomName {
  readonly name: string;
  readonly scope: string;
}

/**
 * The name the template gives a resource when a replacement may not keep it, what the service calls a custom name;
 * a replacement keeping it in the same scope is refused. Two sources:
 * - the name alone identifies the resource in its account and Region: a table's `TableName`, a role's `RoleName`, not
 *   a stage's `StageName` or a subscription filter's `FilterName`, which are unique only under their API or log group
 *   (the registry's primary identifier holds the parent too);
 * - the resource reference says so of the naming property (the catalogue's `customName`): "If you specify a name, you
 *   can't perform updates that require replacement of this resource" (an ECS service's `ServiceName`, a load
 *   balancer's `Name`, a state machine's `StateMachineName`), or the name must be unique in the account or Region (a
 *   target group's `Name`), so the replacement cannot be created beside the resource it replaces. Its scope is the
 *   identifier's other properties (an ECS service's `Cluster`): a replacement into another cluster is no collision.
 *   [unconfirmed] Where the reference says only that the name is unique, the service may fail the replacement's create
 *   (the name is taken) rather than refuse up front; the update rolls back either way.
 * [choice] A name in the type's ARN counts only through these: the catalogue's ARN layouts leave out revisions (a Batch
 * job definition's `job-definition/<name>:<revision>`, which a replacement keeping the name only adds to).
 */
export function customName(type: string, properties: JsonObject): CustomName | undefined {
  const generated = samGeneratedType(type) ?? type;
  const entry = INDEXED.has(generated) ? undefined : catalogType(generated);
  if (INDEXED.has(generated) || entry?.identifier === catalogNamingProperty(generated)) {
    const name = givenName(type, properties);
    return name === undefined ? undefined : { name, scope: '' };
  }
  const property = entry?.customName;
  const name = property === undefined || generated !== type ? undefined : declaredText(properties, property);
  if (entry === undefined || name === undefined) return undefined;
  const parents = entry.identifier.split('|').filter((key) => key !== property && entry.properties.includes(key));
  return { name, scope: JSON.stringify(parents.map((key) => own(properties, key) ?? null)) };
}

/**
 * The attributes `Fn::GetAtt` accepts for a type, sorted; undefined when any attribute is accepted (custom
 * resources, whose attributes are whatever their provider returns, and types the catalogue does not list).
 */
export function attributeNames(type: string): readonly string[] | undefined {
  const own = modelOf(type).attributeNames;
  if (own) return own;
  if (hasOpenAttributes(type)) return undefined;
  const entry = catalogType(type);
  return entry ? Object.keys(entry.attributes) : undefined;
}

/**
 * True when `Fn::GetAtt` of this attribute is valid for the type (as far as the catalogue knows), given the
 * resource's declared `Properties` (a property of a type in PROPERTY_ATTRIBUTE_TYPES is an attribute too).
 */
export function acceptsAttribute(type: string, attribute: string, declaredProperties?: unknown): boolean {
  const valid = attributeNames(type);
  return valid === undefined || valid.includes(attribute) || isStackOutput(type, attribute) || isPropertyAttribute(type, attribute, declaredProperties);
}

/**
 * Types for which the service's `Fn::GetAtt` also returns any property (beyond the documented return values): the
 * registry handlers of these types read every property back, and the service accepts `!GetAtt Topic.DisplayName`.
 * Undocumented in the resource reference; the list is cfn-lint's (`src/cfnlint/schema/_getatts.py`, the types
 * whose GetAtts it builds from every property), whose maintainers are CloudFormation's team.
 */
const PROPERTY_ATTRIBUTE_TYPES: ReadonlySet<string> = new Set([
  'AWS::Amplify::Branch', 'AWS::Amplify::Domain', 'AWS::AppSync::DomainName', 'AWS::AppSync::FunctionConfiguration', 'AWS::AppSync::Resolver',
  'AWS::AutoScaling::AutoScalingGroup', 'AWS::Backup::BackupSelection', 'AWS::Backup::BackupVault', 'AWS::Backup::LogicallyAirGappedBackupVault',
  'AWS::CodeArtifact::Domain', 'AWS::CodeArtifact::Repository', 'AWS::EC2::CapacityReservation', 'AWS::EC2::Instance', 'AWS::EC2::SecurityGroup',
  'AWS::EC2::Subnet', 'AWS::EC2::VPC', 'AWS::EFS::MountTarget', 'AWS::EKS::Nodegroup', 'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::Events::EventBus', 'AWS::EventSchemas::Discoverer', 'AWS::EventSchemas::Registry',
  'AWS::EventSchemas::Schema', 'AWS::GameLift::GameSessionQueue', 'AWS::GameLift::MatchmakingConfiguration', 'AWS::GameLift::MatchmakingRuleSet',
  'AWS::Grafana::Workspace', 'AWS::Greengrass::ConnectorDefinition', 'AWS::Greengrass::CoreDefinition', 'AWS::Greengrass::DeviceDefinition',
  'AWS::Greengrass::FunctionDefinition', 'AWS::Greengrass::Group', 'AWS::Greengrass::LoggerDefinition', 'AWS::Greengrass::ResourceDefinition',
  'AWS::Greengrass::SubscriptionDefinition', 'AWS::ImageBuilder::Component', 'AWS::ImageBuilder::ContainerRecipe',
  'AWS::ImageBuilder::DistributionConfiguration', 'AWS::ImageBuilder::ImagePipeline', 'AWS::ImageBuilder::ImageRecipe',
  'AWS::ImageBuilder::InfrastructureConfiguration', 'AWS::ManagedBlockchain::Node', 'AWS::Neptune::DBCluster', 'AWS::RDS::DBInstance',
  'AWS::RDS::DBParameterGroup', 'AWS::RedshiftServerless::Workgroup', 'AWS::RoboMaker::RobotApplication', 'AWS::RoboMaker::SimulationApplication',
  'AWS::Route53Resolver::ResolverRule', 'AWS::Route53Resolver::ResolverRuleAssociation', 'AWS::S3::AccessPoint',
  'AWS::SageMaker::DataQualityJobDefinition', 'AWS::SageMaker::ModelBiasJobDefinition', 'AWS::SageMaker::ModelExplainabilityJobDefinition',
  'AWS::SageMaker::ModelQualityJobDefinition', 'AWS::SageMaker::MonitoringSchedule', 'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::SSM::Parameter',
  'AWS::StepFunctions::Activity',
]);

/**
 * `Fn::GetAtt [Reader, /cdk/exports/…]` of the CDK's cross-region reference reader (aws-cdk-lib's
 * `Custom::CrossRegionExportReader`): its provider returns each SSM parameter of `ReaderProps.imports` as the attribute
 * named by the parameter's path, and the property's value is that parameter read (`{{resolve:ssm:…}}`, already
 * resolved: from the writer stack's parameters when the run has them, else a placeholder with its warning).
 */
function crossRegionImport(facts: ResourceFacts, attribute: string): string | undefined {
  if (facts.type !== 'Custom::CrossRegionExportReader') return undefined;
  const value = propertyAttribute(facts.properties, 'ReaderProps.imports');
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, attribute)) return undefined;
  const read = value[attribute];
  return typeof read === 'string' ? read : undefined;
}

/** `Fn::GetAtt` of a property the resource declares (`DisplayName`, `Tags`, `A.B`), for a type that returns them. */
function isPropertyAttribute(type: string, attribute: string, declaredProperties: unknown): boolean {
  if (!PROPERTY_ATTRIBUTE_TYPES.has(type) || typeof declaredProperties !== 'object' || declaredProperties === null || Array.isArray(declaredProperties)) return false;
  const first = attribute.split('.')[0] as string;
  return Object.prototype.hasOwnProperty.call(declaredProperties, first);
}

/** The value of a property named as an attribute (`A.B` walks into `A`), or undefined where the path ends. */
function propertyAttribute(properties: JsonObject, attribute: string): JsonValue | undefined {
  let value: JsonValue | undefined = properties;
  for (const segment of attribute.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as JsonObject)[segment];
  }
  return value;
}

/** The result of looking up an attribute: its value, or the list of attributes the type does have. */
export type AttributeLookup = { readonly found: true; readonly value: JsonValue } | { readonly found: false; readonly valid: readonly string[] };

/** The value of `Fn::GetAtt [logicalId, attribute]` for a resource with this physical id. */
export function attributeOf(facts: ResourceFacts, physicalId: string, attribute: string): AttributeLookup {
  const imported = crossRegionImport(facts, attribute);
  if (imported !== undefined) return { found: true, value: imported };
  const generated = samGeneratedFacts(facts);
  if (generated) {
    // An attribute of the generated resource is its; SAM rewrites others (`Function.Alias`), so any other is accepted.
    const lookup = attributeOf(generated, physicalId, attribute);
    return lookup.found ? lookup : { found: true, value: genericAttribute(facts, physicalId, attribute) };
  }
  const lookup = modelAttributeOf(facts, physicalId, attribute);
  if (lookup.found || !isPropertyAttribute(facts.type, attribute, facts.properties)) return lookup;
  return { found: true, value: propertyAttribute(facts.properties, attribute) ?? genericAttribute(facts, physicalId, attribute) };
}

function modelAttributeOf(facts: ResourceFacts, physicalId: string, attribute: string): AttributeLookup {
  const model = modelOf(facts.type);
  if (!model.attributes) {
    const kind = hasOpenAttributes(facts.type) ? undefined : catalogType(facts.type)?.attributes;
    if (kind && !Object.prototype.hasOwnProperty.call(kind, attribute) && !isStackOutput(facts.type, attribute)) {
      return { found: false, valid: Object.keys(kind) };
    }
    if (kind?.[attribute] === 'list') return { found: true, value: listAttribute(facts, physicalId, attribute) };
    // An attribute that is also a property the resource declares (a VPC's or subnet's `CidrBlock`) is that value.
    const declared = kind && Object.prototype.hasOwnProperty.call(kind, attribute) ? propertyAttribute(facts.properties, attribute) : undefined;
    if (typeof declared === 'string' || typeof declared === 'number') return { found: true, value: declared };
    return { found: true, value: arnPartAttribute(facts.type, physicalId, attribute) ?? genericAttribute(facts, physicalId, attribute) };
  }
  const compute = Object.prototype.hasOwnProperty.call(model.attributes, attribute) ? model.attributes[attribute] : undefined;
  if (!compute) return { found: false, valid: model.attributeNames ?? [] };
  return { found: true, value: compute(physicalId, facts) };
}

/**
 * `Fn::GetAtt` of a resource the SAM transform generates (undeclared): a role's `Arn` an IAM role ARN, a URL
 * attribute a URL, else `<placeholder>.<Attribute>`.
 */
export function samGeneratedAttribute(env: StackEnvironment, logicalId: string, placeholder: string, attribute: string): JsonValue {
  // SAM names what it generates after its source: `<Function>Role` is an IAM role, `<Function>Url` a function URL.
  const type = /Role$/.test(logicalId) ? 'AWS::IAM::Role' : /Url$/.test(logicalId) ? 'AWS::Lambda::Url' : 'AWS::Serverless::Generated';
  const facts: ResourceFacts = { env, logicalId, type, properties: {} };
  const lookup = type === 'AWS::Serverless::Generated' ? undefined : attributeOf(facts, placeholder, attribute);
  if (lookup?.found) return lookup.value;
  return /(Url|URL)$/.test(attribute) ? genericAttribute(facts, placeholder, attribute) : `${placeholder}.${attribute}`;
}

function genericAttribute(facts: ResourceFacts, physicalId: string, attribute: string, index?: number): string {
  const [, service = 'custom', kind = 'resource'] = facts.type.split('::');
  const leaf = attribute.slice(attribute.lastIndexOf('.') + 1);
  const { env } = facts;
  if (index === undefined && (attribute === 'Arn' || attribute === `${kind}Arn`)) {
    // The resource's own ARN: its Ref when that is the ARN, else the type's ARN template filled in.
    if (physicalId.startsWith('arn:')) return physicalId;
    const template = arnTemplateOf(facts.type);
    if (template !== undefined) return arnFor(facts, template, physicalId);
  }
  if (/(Url|URL)$/.test(leaf)) {
    // A URL split on '/' as real ones are (`!Select [2, !Split ['/', !GetAtt FunctionUrl.FunctionUrl]]` is the host).
    return `https://${deterministicHex(`${facts.logicalId}\0${attribute}\0${index ?? ''}`, 20)}.${service.toLowerCase()}.${env.region}.${env.urlSuffix}/`;
  }
  if (leaf === 'DnsEntries') {
    // `<hosted zone id>:<DNS name>`, as an interface endpoint lists them (templates split them on ':').
    const hex = deterministicHex(`${facts.logicalId}\0${attribute}`, 17);
    const endpointService = scalarText(own(facts.properties, 'ServiceName'))?.split('.').at(-1) ?? 'service';
    return `Z${deterministicHex(`${hex}\0zone`, 13).toUpperCase()}:vpce-${hex}-${deterministicHex(`${hex}\0${index ?? 0}`, 8)}.${endpointService}.${env.region}.vpce.${env.urlSuffix}`;
  }
  if (/Arns?$/.test(leaf)) {
    return `arn:${facts.env.partition}:${service.toLowerCase()}:${facts.env.region}:${facts.env.accountId}:${kind.toLowerCase()}/${physicalId}${index === undefined ? '' : `-${index}`}`;
  }
  const broker = facts.type === 'AWS::AmazonMQ::Broker' ? MQ_ENDPOINTS[leaf] : undefined;
  if (broker !== undefined) {
    // ActiveMQ: `<scheme>://b-<broker id>-<n>.mq.<region>.amazonaws.com:<port>`, one per instance, as the resource
    // schema shows; RabbitMQ: `amqps://b-<broker id>.mq.<region>.amazonaws.com:5671`, one. Templates split it on ':'
    // for the host and port (@cdklabs/cdk-amazonmq selects item 2).
    const id = deterministicUuid(`${facts.env.stackName}\0${facts.logicalId}`);
    const rabbit = scalarText(own(facts.properties, 'EngineType'))?.toUpperCase() === 'RABBITMQ';
    if (rabbit) return `amqps://b-${id}.mq.${env.region}.${env.urlSuffix}:5671`;
    return `${broker.scheme}://b-${id}-${(index ?? 0) + 1}.mq.${env.region}.${env.urlSuffix}:${broker.port}`;
  }
  const shaped = shapedByName(leaf, `${facts.logicalId}\0${attribute}`, index ?? 0);
  if (shaped !== undefined) return shaped;
  return `${physicalId}.${attribute}${index === undefined ? '' : `.${index}`}`;
}

/** An Amazon MQ broker's endpoint attributes: each protocol's scheme and port. */
const MQ_ENDPOINTS: Readonly<Record<string, { scheme: string; port: number }>> = {
  AmqpEndpoints: { scheme: 'amqp+ssl', port: 5671 },
  MqttEndpoints: { scheme: 'mqtt+ssl', port: 8883 },
  OpenWireEndpoints: { scheme: 'ssl', port: 61617 },
  StompEndpoints: { scheme: 'stomp+ssl', port: 61614 },
  WssEndpoints: { scheme: 'wss', port: 61619 },
};

/** A list attribute (a VPC's `Ipv6CidrBlocks`, a directory's `DnsIpAddresses`): a list, as the service returns it. */
function listAttribute(facts: ResourceFacts, physicalId: string, attribute: string): string[] {
  if (attribute === 'NameServers' && facts.type.startsWith('AWS::Route53::')) return route53NameServers(facts.logicalId);
  return [0, 1, 2].map((i) => genericAttribute(facts, physicalId, attribute, i));
}

/**
 * A hosted zone's (or delegation set's) name servers: Route 53 always gives four, one in each of its top-level domains
 * (templates export `!Select [3, !GetAtt Zone.NameServers]`).
 */
function route53NameServers(seed: string): string[] {
  const hex = deterministicHex(`${seed}\0NameServers`, 8);
  return ['com', 'net', 'org', 'co.uk'].map((domain, i) => {
    const n = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return `ns-${n * 8 + i}.awsdns-${String(n % 64).padStart(2, '0')}.${domain}`;
  });
}

/** Values whose name says their shape: CIDR blocks, IP addresses, security group ids. */
function shapedByName(name: string, seed: string, index: number): string | undefined {
  if (/Ipv6Cidr/i.test(name)) return `2600:1f18:${deterministicHex(seed, 4)}:${(index * 16).toString(16)}00::/56`;
  if (/Cidr/i.test(name)) return `10.${index}.0.0/16`;
  if (/Ipv6Address/i.test(name)) return `2600:1f18:${deterministicHex(seed, 4)}::${index + 10}`;
  if (/(^|[a-z])(Ip|IpAddress|IpAddresses|Ips)$/.test(name) || /^(PrivateIp|PublicIp|DnsIp)/.test(name)) return `10.0.${index}.${10 + index}`;
  if (/SecurityGroups?$|^GroupId$/.test(name)) return `sg-${deterministicHex(`${seed}\0${index}`, 17)}`;
  return undefined;
}


/**
 * The physical id a replacement gets where the template's values would give the deployed one again (a generated name,
 * an id, a revision): the service creates a new physical resource, with a new name or id, and whatever names it
 * (a service's task definition, a bucket's notification topic) changes with it. The generated part is drawn again
 * (deterministically, from `seed`): a task definition's revision goes up by one, a UUID, a 17-hex-digit id, a
 * 12-character suffix (upper, lower or mixed case, as drawn: a Lambda function's or log group's generated name is
 * mixed) or an IPv4 address's last number (an Elastic IP's `Ref`) is new. An id with none of these (a name the template
 * gives) stays: the service refuses to replace a custom-named resource without a new name. [choice] A name the template
 * gives that ends in `-` and 12 letters or digits (`orders-Notification`) reads as generated and is drawn again.
 */
export function replacementPhysicalId(deployed: string, seed: string): string {
  const revision = /:(\d+)$/.exec(deployed);
  if (revision && /:task-definition\//.test(deployed)) return `${deployed.slice(0, revision.index)}:${Number(revision[1]) + 1}`;
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])/.exec(deployed);
  if (uuid) return `${deployed.slice(0, uuid.index)}${deterministicUuid(`replacement\0${seed}`)}${deployed.slice(uuid.index + uuid[0].length)}`;
  const hex = /-([0-9a-f]{17})$/.exec(deployed);
  if (hex) return `${deployed.slice(0, hex.index + 1)}${deterministicHex(`replacement\0${seed}`, 17)}`;
  const suffix = /-([A-Za-z0-9]{12})(?=$|[/:])/.exec(deployed);
  if (suffix) {
    const drawn = suffix[1] as string;
    const alphabet = /[A-Z]/.test(drawn) ? (/[a-z]/.test(drawn) ? 'mixed' : 'upper') : 'lower';
    const fresh = deterministicSuffix(`replacement\0${seed}`, 12, alphabet);
    return `${deployed.slice(0, suffix.index + 1)}${fresh}${deployed.slice(suffix.index + 1 + 12)}`;
  }
  const address = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.)(\d{1,3})$/.exec(deployed);
  if (address) {
    // Another address in the same range (10-209, as catalogPhysicalId draws them), never the deployed one.
    const last = Number(address[2]);
    const step = 1 + (parseInt(deterministicHex(`replacement\0${seed}`, 4), 16) % 199);
    return `${address[1] as string}${10 + ((((last - 10) % 200) + 200 + step) % 200)}`;
  }
  return deployed;
}

/**
 * The top-level properties a change of which replaces a resource of this type: the catalogue's create-only properties
 * (resource-catalog.mjs) less those the service is known to update in place (create-only-corrections.ts); a type the
 * catalogue does not know (custom, private) has none, and is updated in place. An `AWS::Serverless::*` resource is
 * replaced only where the resource SAM generates under its logical id is (samCreateOnlyProperties, beside the SAM
 * mapping in serverless.ts).
 */
export function createOnlyProperties(type: string): readonly string[] {
  if (isSamType(type)) return samCreateOnlyProperties(type);
  // A custom resource's ServiceToken (create-only in the registry's AWS::CloudFormation::CustomResource) is not
  // replaced but refused: changesServiceToken.
  if (isCustomResourceType(type)) return NONE;
  const catalogued = catalogType(type)?.createOnly ?? NONE;
  const updatable = UPDATABLE_DESPITE_CATALOGUE[type];
  return updatable === undefined ? catalogued : catalogued.filter((name) => !updatable.includes(name));
}

const NONE: readonly string[] = [];

/**
 * True when an update changes a custom resource's `ServiceToken`, which the service refuses rather than replacing the
 * resource (`Modifying service token is not allowed.`, then the update rolls back; the resource reference:
 * "ServiceToken … Updates aren't supported").
 */
export function changesServiceToken(type: string, previous: JsonObject, next: JsonObject): boolean {
  const token = (properties: JsonObject): JsonValue => (own(properties, 'ServiceToken') as JsonValue | undefined) ?? null;
  return isCustomResourceType(type) && !sameJson(token(previous), token(next));
}

/**
 * Types whose attributes the catalogue cannot list: custom resources, and SAM's `AWS::Serverless::*`, whose
 * `Fn::GetAtt` the transform rewrites to the resources it generates (`MyFunction.Arn` names the function's ARN).
 */
function hasOpenAttributes(type: string): boolean {
  return isCustomResourceType(type) || isSamType(type);
}

/**
 * `Fn::GetAtt [Stack, Outputs.Name]`: one output of a nested stack, or of a Service Catalog provisioned product (the
 * stack it launches). The registry models each as one `Outputs` map; the service reads one key of it. These two types
 * are the ones cfn-lint, kept by CloudFormation's team, reads `Outputs.<name>` of (`src/cfnlint/schema/_getatts.py`).
 */
const OUTPUTS_TYPES: ReadonlySet<string> = new Set(['AWS::CloudFormation::Stack', 'AWS::ServiceCatalog::CloudFormationProvisionedProduct']);

function isStackOutput(type: string, attribute: string): boolean {
  return OUTPUTS_TYPES.has(type) && attribute.startsWith('Outputs.') && attribute.length > 'Outputs.'.length;
}

/** Id prefixes of the EC2 types whose `Ref` is an id (`vpc-…`, `subnet-…`). */
const EC2_ID_PREFIXES: Readonly<Record<string, string>> = {
  'AWS::EC2::VPC': 'vpc-',
  'AWS::EC2::Subnet': 'subnet-',
  'AWS::EC2::SecurityGroup': 'sg-',
  'AWS::EC2::InternetGateway': 'igw-',
  'AWS::EC2::RouteTable': 'rtb-',
  'AWS::EC2::NatGateway': 'nat-',
  'AWS::EC2::Instance': 'i-',
  'AWS::EC2::Volume': 'vol-',
  'AWS::EC2::NetworkInterface': 'eni-',
  'AWS::EC2::NetworkAcl': 'acl-',
  'AWS::EC2::LaunchTemplate': 'lt-',
  'AWS::EC2::TransitGateway': 'tgw-',
  'AWS::EC2::TransitGatewayAttachment': 'tgw-attach-',
  'AWS::EC2::VPCEndpoint': 'vpce-',
  'AWS::EC2::VPCPeeringConnection': 'pcx-',
  'AWS::EC2::VPNGateway': 'vgw-',
  'AWS::EC2::CustomerGateway': 'cgw-',
  'AWS::EC2::DHCPOptions': 'dopt-',
  'AWS::EC2::EgressOnlyInternetGateway': 'eigw-',
  'AWS::EC2::PrefixList': 'pl-',
  'AWS::EC2::FlowLog': 'fl-',
  'AWS::EC2::VPNConnection': 'vpn-',
  'AWS::EC2::SubnetRouteTableAssociation': 'rtbassoc-',
  'AWS::EC2::SubnetNetworkAclAssociation': 'aclassoc-',
  'AWS::EC2::VPCGatewayAttachment': 'igw-',
  'AWS::EC2::CapacityReservation': 'cr-',
  'AWS::EC2::Host': 'h-',
  'AWS::EC2::SpotFleet': 'sfr-',
  'AWS::EC2::EC2Fleet': 'fleet-',
  'AWS::EC2::CarrierGateway': 'cagw-',
  'AWS::EC2::LocalGatewayRoute': 'lgw-',
  'AWS::EC2::IPAM': 'ipam-',
  'AWS::EC2::IPAMPool': 'ipam-pool-',
};

/**
 * What `Ref` returns for a type without a table of its own, shaped as the real value: a name the resource declares,
 * an ARN for types whose `Ref` is an ARN (the catalogue's ARN template filled in), an EC2 id, an IP address, else a
 * generated name.
 */
function catalogPhysicalId(facts: ResourceFacts): string {
  const name = generatedName(facts.env, facts.logicalId, { maxLength: 255, alphabet: 'upper' });
  const ref = catalogRefOf(facts.type);
  switch (ref.kind) {
    // `Ref` returns the identifier: a name the resource declares (`TableName: orders`) is it.
    case 'name':
      return nameOf(facts) ?? name;
    case 'ec2-id':
      return `${ref.prefix}${deterministicHex(`${facts.env.stackName}\0${facts.logicalId}`, 17)}`;
    case 'own':
      return ref.physicalId(facts);
    case 'arn':
      return arnFor(facts, arnTemplateOf(facts.type), name);
    case 'ip':
      return `203.0.113.${10 + (parseInt(deterministicHex(name, 2), 16) % 200)}`;
    case 'generated':
      return name;
  }
}

/** What `Ref` returns for a type without a table of its own, by the shape of the value. */
type CatalogRef =
  /** The name the template gives in `property`, else a generated one. */
  | { readonly kind: 'name'; readonly property: string }
  | { readonly kind: 'ec2-id'; readonly prefix: string }
  | { readonly kind: 'own'; readonly physicalId: (facts: ResourceFacts) => string }
  | { readonly kind: 'arn' }
  | { readonly kind: 'ip' }
  | { readonly kind: 'generated' };

/**
 * How `Ref` of a type without a table of its own is shaped. A name the template can give is the one identifier its
 * `Ref` returns (`TableName`, an archive's `ArchiveName`, an RDS instance's `DBInstanceIdentifier`), when that is not
 * an EC2 id, an ARN, an address or a custom resource's id; a composite identifier (`EventBusName|Name`) names none,
 * since which part `Ref` returns differs by type.
 */
function catalogRefOf(type: string): CatalogRef {
  const prefix = EC2_ID_PREFIXES[type];
  if (prefix !== undefined) return { kind: 'ec2-id', prefix };
  const own = CUSTOM_PHYSICAL_IDS[type];
  if (own !== undefined) return { kind: 'own', physicalId: own };
  const entry = isCustomResourceType(type) ? undefined : catalogType(type);
  if (!entry) return { kind: 'generated' };
  const first = entry.ref.split('|')[0] ?? '';
  if (/Arn$/i.test(first) || REF_IS_ARN.has(type)) return { kind: 'arn' };
  if (/^PublicIp$|^Ip$/.test(first)) return { kind: 'ip' };
  return entry.ref === '' || entry.ref.includes('|') ? { kind: 'generated' } : { kind: 'name', property: entry.ref };
}

/** The property that names a resource of a type without a table of its own (catalogRefOf), if one does. */
function catalogNamingProperty(type: string): string | undefined {
  const ref = catalogRefOf(type);
  return ref.kind === 'name' ? ref.property : undefined;
}

/**
 * Types whose `Ref` is their ARN although the catalogue names the identifier otherwise: a Secrets Manager secret's
 * `Ref` is its ARN (the resource reference's return values; the registry calls the identifier `Id`).
 */
const REF_IS_ARN: ReadonlySet<string> = new Set(['AWS::SecretsManager::Secret']);

/**
 * ARN layouts the catalogue does not carry (or carries without the parts templates split on), from each service's
 * documentation; they win over the catalogue's. An MSK cluster's ARN ends in its name and a UUID
 * (`!Select [2, !Split ['/', !Ref Cluster]]` is the cluster's id). A secret's ARN ends in its name, a hyphen and
 * six random characters (`…:secret:<name>-AbCdEf`; CDK splits it on `:` and `-` to rebuild the name). An Elastic
 * Load Balancing v2 ARN carries the balancer's kind, name and id (`…:listener/app/<name>/<id>/<listener id>`; CDK
 * builds a listener's `LoadBalancer` metric dimension from items 1 to 3 of the ARN split on `/`). An ECS service's ARN
 * is the long form, `service/<cluster name>/<service name>`, ECS's only form since 2021 (AWS's "Migrate an Amazon ECS
 * short service ARN to a long ARN"; Copilot's alarms take item 2 of it split on `/`); a task definition's ends in
 * `<family>:<revision>`. A Lambda alias's or version's is its function's ARN and the qualifier
 * (`…:function:<name>:<alias or version>`; CDK selects item 7 of it split on `:` for an alias's or version's qualifier).
 * A registry extension's ARN is `…:type/<hook|resource|module>/<type name, :: as ->`, a version's adds its version
 * id: what a `HookTypeConfig`'s `TypeArn` is given (`!GetAtt HookVersion.TypeArn`, `!Ref TypeActivation`).
 */
const ARN_TEMPLATES: Readonly<Record<string, string>> = {
  'AWS::CloudFormation::HookVersion': 'arn:${Partition}:cloudformation:${Region}:${Account}:type/hook/${RegistryTypeName}/00000001',
  'AWS::CloudFormation::ResourceVersion': 'arn:${Partition}:cloudformation:${Region}:${Account}:type/resource/${RegistryTypeName}/00000001',
  'AWS::CloudFormation::ModuleVersion': 'arn:${Partition}:cloudformation:${Region}:${Account}:type/module/${RegistryTypeName}/00000001',
  'AWS::CloudFormation::HookDefaultVersion': 'arn:${Partition}:cloudformation:${Region}:${Account}:type/hook/${RegistryTypeName}/${RegistryVersionId}',
  'AWS::CloudFormation::TypeActivation': 'arn:${Partition}:cloudformation:${Region}:${Account}:type/${RegistryKind}/${RegistryTypeName}',
  'AWS::MSK::Cluster': 'arn:${Partition}:kafka:${Region}:${Account}:cluster/${ClusterName}/${ClusterId}',
  'AWS::MSK::ServerlessCluster': 'arn:${Partition}:kafka:${Region}:${Account}:cluster/${ClusterName}/${ClusterId}',
  'AWS::SecretsManager::Secret': 'arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${Name}-${RandomSuffix}',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/${LoadBalancerKind}/${Name}/${LoadBalancerHex}',
  'AWS::ElasticLoadBalancingV2::Listener': 'arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener/app/${LoadBalancerName}/${LoadBalancerHex}/${ListenerHex}',
  'AWS::ElasticLoadBalancingV2::ListenerRule':
    'arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener-rule/app/${LoadBalancerName}/${LoadBalancerHex}/${ListenerHex}/${RuleHex}',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'arn:${Partition}:elasticloadbalancing:${Region}:${Account}:targetgroup/${Name}/${TargetGroupHex}',
  'AWS::ECS::Service': 'arn:${Partition}:ecs:${Region}:${Account}:service/${EcsClusterName}/${ServiceName}',
  'AWS::ECS::TaskDefinition': 'arn:${Partition}:ecs:${Region}:${Account}:task-definition/${Family}:1',
  'AWS::Lambda::Alias': 'arn:${Partition}:lambda:${Region}:${Account}:function:${LambdaFunctionName}:${Name}',
  'AWS::Lambda::Version': 'arn:${Partition}:lambda:${Region}:${Account}:function:${LambdaFunctionName}:1',
};

/**
 * Attributes that are parts of the resource's ARN (its `Ref`), as the service returns them: an ECS service's `Name`,
 * a load balancer's `LoadBalancerFullName` (`app/<name>/<id>`, the CloudWatch metrics' dimension) and name, a target
 * group's likewise. Derived from the physical id, so a deployed stack's ARN (`physicalIds`) gives the deployed parts.
 */
const REGISTRY_VERSION_PARTS: Readonly<Record<string, (arn: string) => string | undefined>> = {
  TypeArn: (arn) => arn.slice(0, arn.lastIndexOf('/')),
  VersionId: (arn) => arn.split('/').at(-1),
};

const ARN_PART_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, (arn: string) => string | undefined>>>> = {
  'AWS::CloudFormation::HookVersion': REGISTRY_VERSION_PARTS,
  'AWS::CloudFormation::ResourceVersion': REGISTRY_VERSION_PARTS,
  'AWS::CloudFormation::ModuleVersion': REGISTRY_VERSION_PARTS,
  'AWS::ECS::Service': { Name: (arn) => arn.split('/').at(-1) },
  'AWS::Lambda::Version': { Version: (arn) => arn.split(':').at(-1), FunctionArn: (arn) => arn },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    LoadBalancerFullName: (arn) => arn.split(':loadbalancer/')[1],
    LoadBalancerName: (arn) => arn.split(':loadbalancer/')[1]?.split('/')[1],
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    TargetGroupFullName: (arn) => arn.split(':').at(-1),
    TargetGroupName: (arn) => arn.split(':targetgroup/')[1]?.split('/')[0],
  },
};

/** An attribute ARN_PART_ATTRIBUTES derives from the resource's ARN, or undefined. */
function arnPartAttribute(type: string, physicalId: string, attribute: string): string | undefined {
  const part = ARN_PART_ATTRIBUTES[type]?.[attribute];
  if (part === undefined || !physicalId.startsWith('arn:')) return undefined;
  const value = part(physicalId);
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The function an alias or version belongs to, by name: its `FunctionName` is a name, an ARN or a partial ARN
 * (`123456789012:function:app`), each with an optional qualifier; the part after `function:` up to a `:` is the name.
 */
function lambdaFunctionName(facts: ResourceFacts, fallback: string): string {
  const given = nameProperty(facts, 'FunctionName');
  if (given === undefined) return fallback;
  const afterPrefix = /(?:^|:)function:([^:]+)/.exec(given);
  return afterPrefix ? (afterPrefix[1] as string) : (given.split(':')[0] as string);
}

/**
 * A registry extension's name as its ARN writes it (`MyCompany::Testing::MyTestHook` → `MyCompany-Testing-MyTestHook`):
 * the alias it is activated under, else its type name (a module's `ModuleName`); a default version names the version
 * it points at (`TypeVersionArn`) or the type.
 */
function registryTypeName(facts: ResourceFacts, fallback: string): string {
  const versionArn = nameProperty(facts, 'TypeVersionArn');
  const fromArn = versionArn?.split('/').at(-2);
  const name = nameProperty(facts, 'TypeNameAlias') ?? nameProperty(facts, 'TypeName') ?? nameProperty(facts, 'ModuleName') ?? fromArn ?? fallback;
  return name.replaceAll('::', '-');
}

/** The version a default-version resource points at: its `VersionId`, the end of its `TypeVersionArn`, else the first. */
function registryVersionId(facts: ResourceFacts): string {
  return nameProperty(facts, 'VersionId') ?? nameProperty(facts, 'TypeVersionArn')?.split('/').at(-1) ?? '00000001';
}

/**
 * The name of the cluster an ECS service runs in, as its ARN carries it: the `Cluster` it declares (a name, or the
 * last part of a cluster ARN), else `default`, the cluster ECS uses when none is given.
 */
function ecsClusterName(facts: ResourceFacts): string {
  const cluster = nameProperty(facts, 'Cluster');
  if (cluster === undefined) return 'default';
  return cluster.startsWith('arn:') ? (cluster.split('/').at(-1) ?? cluster) : cluster;
}

/** The type's ARN template: one of ARN_TEMPLATES, else the catalogue's. */
function arnTemplateOf(type: string): string | undefined {
  const own = catalogType(type)?.arn;
  return ARN_TEMPLATES[type] ?? (own !== undefined && own !== '' ? own : undefined);
}

/** A load balancer's kind as its ARN names it: `app` (application, the default), `net` (network), `gwy` (gateway). */
function loadBalancerKind(facts: ResourceFacts): string {
  const type = nameProperty(facts, 'Type');
  return type === 'network' ? 'net' : type === 'gateway' ? 'gwy' : 'app';
}

/**
 * `Ref` of the custom resources the CDK itself defines, whose provider (in aws-cdk-lib) returns a known physical id:
 * `Custom::AWSCDKOpenIdConnectProvider` (aws-iam's `OpenIdConnectProvider`, also behind every EKS cluster's IRSA)
 * returns the IAM OIDC provider's ARN, `arn:…:oidc-provider/<issuer host and path>`, which CDK splits on
 * `:oidc-provider/` to write trust-policy conditions.
 */
const CUSTOM_PHYSICAL_IDS: Readonly<Record<string, (facts: ResourceFacts) => string>> = {
  'Custom::AWSCDKOpenIdConnectProvider': (facts) => {
    const { env } = facts;
    const url = nameProperty(facts, 'Url');
    const issuer = url !== undefined && /^https:\/\/[^/\s]/.test(url) ? url.slice('https://'.length) : `oidc.eks.${env.region}.${env.urlSuffix}/id/${deterministicHex(`${env.stackName}\0${facts.logicalId}`, 32).toUpperCase()}`;
    return `arn:${env.partition}:iam::${env.accountId}:oidc-provider/${issuer}`;
  },
};

/**
 * The type's ARN template filled in (a field the resource declares by its value, id fields by a UUID, the others by
 * the generated name), or a generic ARN of the same layout.
 */
function arnFor(facts: ResourceFacts, template: string | undefined, name: string): string {
  const { env } = facts;
  if (template === undefined) {
    const [, service = 'custom', kind = 'resource'] = facts.type.split('::');
    return `arn:${env.partition}:${service.toLowerCase()}:${env.region}:${env.accountId}:${kind.toLowerCase()}/${name}`;
  }
  return template.replace(/\$\{([^}]+)\}/g, (_whole, field: string) => {
    if (field === 'Partition') return env.partition;
    if (field === 'Region') return env.region;
    if (field === 'Account' || field === 'AccountId') return env.accountId;
    if (field === 'LoadBalancerKind') return loadBalancerKind(facts);
    if (field === 'EcsClusterName') return ecsClusterName(facts);
    if (field === 'LambdaFunctionName') return lambdaFunctionName(facts, name);
    if (field === 'RegistryTypeName') return registryTypeName(facts, name);
    if (field === 'RegistryKind') return (nameProperty(facts, 'Type') ?? 'RESOURCE').toLowerCase();
    if (field === 'RegistryVersionId') return registryVersionId(facts);
    const declared = nameProperty(facts, field); // a field the resource names itself (`ClusterName: events`)
    if (declared !== undefined) return declared;
    const seed = `${env.stackName}\0${facts.logicalId}\0${field}`;
    if (field === 'RandomSuffix') return deterministicSuffix(seed, 6, 'mixed');
    if (/Hex$/.test(field)) return deterministicHex(seed, 16);
    return /Id$/.test(field) ? deterministicUuid(seed) : name;
  });
}
