/**
 * What `Ref` and `Fn::GetAtt` return for a resource: realistic, deterministic values for the types this
 * project cares about (names, ARNs, URLs of the right shape, from the CloudFormation resource specification),
 * and a placeholder of the right shape for every other type. Attribute names come from the AWS resource
 * specification (CDK service-spec); values are derived from the physical id so that a physical id taken from a
 * deployed stack (`physicalIds`) yields the deployed attributes.
 */
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { deterministicSuffix, deterministicUuid, generatedName, type StackEnvironment } from './stack-environment';
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
  /** The physical id CloudFormation would assign (and `Ref` returns). */
  physicalId(facts: ResourceFacts): string;
  /** The attributes `Fn::GetAtt` accepts; absent means "any attribute" (types without a list). */
  readonly attributes?: Readonly<Record<string, AttributeFunction>>;
}

function nameProperty(facts: ResourceFacts, key: string): string | undefined {
  const text = scalarText(own(facts.properties, key));
  return text === undefined || text === '' ? undefined : text;
}

/** S3 websites in the oldest regions use `s3-website-<region>`, newer ones `s3-website.<region>`. */
const DASH_WEBSITE_REGIONS = new Set([
  'us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1', 'us-gov-west-1',
]);

const s3MetadataAttribute: AttributeFunction = (name, facts) => `arn:${facts.env.partition}:s3tables:${facts.env.region}:${facts.env.accountId}:bucket/${name}-metadata`;

const S3_BUCKET: ResourceTypeModel = {
  physicalId: (facts) =>
    nameProperty(facts, 'BucketName') ?? generatedName(facts.env, facts.logicalId, { maxLength: 63, alphabet: 'lower', lowercase: true }),
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
  physicalId: (facts) => {
    const fifo = isFifo(facts);
    const name =
      nameProperty(facts, 'QueueName') ??
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
  physicalId: (facts) => nameProperty(facts, 'AliasName') ?? `alias/${facts.env.stackName}-${facts.logicalId}`,
  attributes: {},
};

const IAM_ROLE: ResourceTypeModel = {
  physicalId: (facts) => nameProperty(facts, 'RoleName') ?? generatedName(facts.env, facts.logicalId, { maxLength: 64, alphabet: 'upper' }),
  attributes: {
    Arn: (name, facts) => `arn:${facts.env.partition}:iam::${facts.env.accountId}:role${nameProperty(facts, 'Path') ?? '/'}${name}`,
    RoleId: (name, facts) => `AROA${deterministicSuffix(`role\0${facts.env.stackName}\0${name}`, 17, 'upper')}`,
  },
};

const LAMBDA_FUNCTION: ResourceTypeModel = {
  physicalId: (facts) => nameProperty(facts, 'FunctionName') ?? generatedName(facts.env, facts.logicalId, { maxLength: 64, alphabet: 'mixed' }),
  attributes: {
    Arn: (name, { env }) => `arn:${env.partition}:lambda:${env.region}:${env.accountId}:function:${name}`,
    'SnapshotStartResponse.ApplyOn': () => 'None',
    'SnapshotStartResponse.OptimizationStatus': () => 'Off',
  },
};

const SNS_TOPIC: ResourceTypeModel = {
  physicalId: (facts) => {
    const name = nameProperty(facts, 'TopicName') ?? generatedName(facts.env, facts.logicalId, { maxLength: 256, alphabet: 'upper' });
    return `arn:${facts.env.partition}:sns:${facts.env.region}:${facts.env.accountId}:${name}`;
  },
  attributes: {
    TopicArn: (arn) => arn,
    TopicName: (arn) => arn.slice(arn.lastIndexOf(':') + 1),
  },
};

const LOG_GROUP: ResourceTypeModel = {
  physicalId: (facts) => nameProperty(facts, 'LogGroupName') ?? generatedName(facts.env, facts.logicalId, { maxLength: 512, alphabet: 'mixed' }),
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

/** Any type without a table: a generated id, any attribute, and an ARN of the right shape for `Arn`. */
const GENERIC: ResourceTypeModel = {
  physicalId: (facts) => generatedName(facts.env, facts.logicalId, { maxLength: 255, alphabet: 'upper' }),
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

/** The physical id a new resource of this type would get. */
export function physicalIdFor(facts: ResourceFacts): string {
  return modelOf(facts.type).physicalId(facts);
}

/** The attributes `Fn::GetAtt` accepts for a type, sorted; undefined when any attribute is accepted. */
export function attributeNames(type: string): readonly string[] | undefined {
  return modelOf(type).attributeNames;
}

/** The result of looking up an attribute: its value, or the list of attributes the type does have. */
export type AttributeLookup = { readonly found: true; readonly value: JsonValue } | { readonly found: false; readonly valid: readonly string[] };

/** The value of `Fn::GetAtt [logicalId, attribute]` for a resource with this physical id. */
export function attributeOf(facts: ResourceFacts, physicalId: string, attribute: string): AttributeLookup {
  const model = modelOf(facts.type);
  if (!model.attributes) return { found: true, value: genericAttribute(facts, physicalId, attribute) };
  const compute = Object.prototype.hasOwnProperty.call(model.attributes, attribute) ? model.attributes[attribute] : undefined;
  if (!compute) return { found: false, valid: model.attributeNames ?? [] };
  return { found: true, value: compute(physicalId, facts) };
}

function genericAttribute(facts: ResourceFacts, physicalId: string, attribute: string): string {
  const [, service = 'custom', kind = 'resource'] = facts.type.split('::');
  if (attribute === 'Arn' || attribute.endsWith('Arn')) {
    return `arn:${facts.env.partition}:${service.toLowerCase()}:${facts.env.region}:${facts.env.accountId}:${kind.toLowerCase()}/${physicalId}`;
  }
  return `${physicalId}.${attribute}`;
}
