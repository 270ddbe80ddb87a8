/**
 * What the simulator can say about `AWS::Serverless::*` resources without running SAM. SAM's expansion of them
 * creates functions, roles, APIs and permissions, none of which the hook targets, with three exceptions that create
 * an `AWS::SQS::Queue`: an `EventInvokeConfig` destination of `Type: SQS` without a `Destination`, an event's
 * `DeadLetterConfig` of `Type: SQS`, and an SNS event's `SqsSubscription: true`. Those are found here so the user is
 * told the hook would see a queue the simulator does not. A function's `S3` event generates no bucket but edits the
 * one it names (`samS3BucketEdits`), which the simulator applies as SAM does.
 */
import { escapePointerToken } from '../../../src/kernel/diagnostics';
import { compareUtf8 } from '../../../src/kernel/source';
import { own } from './values';
import { isJsonObject, sameJson, type JsonObject, type JsonValue } from '../../../src/kernel/protocol';
import { isSamType } from '../../../src/kernel/resource-catalog';

/**
 * JSON pointers of the settings that make SAM generate an SQS queue for a resource at `pointer`: its own, or for an
 * `AWS::Serverless::Function` those it takes from `Globals.Function` (`globals`), which SAM merges into each function
 * first, the function's own keys winning (a `Destination` of its own means no queue, unless it may be `AWS::NoValue`);
 * and an SNS event's `SqsSubscription: true`.
 */
export function samGeneratedQueues(pointer: string, properties: unknown, globals?: unknown): string[] {
  const found: string[] = [];
  const local = isJsonObject(properties) ? destinationsOf(properties) : undefined;
  const global = isJsonObject(globals) ? destinationsOf(globals) : undefined;
  for (const outcome of ['OnSuccess', 'OnFailure']) {
    const mine = local === undefined ? undefined : own(local, outcome);
    const shared = global === undefined ? undefined : own(global, outcome);
    const setting = (key: string): unknown => (isJsonObject(mine) && own(mine, key) !== undefined ? own(mine, key) : isJsonObject(shared) ? own(shared, key) : undefined);
    if (setting('Type') !== 'SQS' || !absentSometimes(setting('Destination'))) continue;
    const typedHere = isJsonObject(mine) && own(mine, 'Type') !== undefined;
    found.push(typedHere ? `${pointer}/Properties/${DESTINATIONS}/${outcome}` : `/Globals/Function/${DESTINATIONS}/${outcome}`);
  }
  const events = isJsonObject(properties) ? own(properties, 'Events') : undefined;
  if (isJsonObject(events)) {
    for (const name of Object.keys(events)) {
      const event = events[name];
      const settings = isJsonObject(event) ? own(event, 'Properties') : undefined;
      const deadLetters = isJsonObject(settings) ? own(settings, 'DeadLetterConfig') : undefined;
      const at = `${pointer}/Properties/Events/${escapePointerToken(name)}/Properties`;
      if (isJsonObject(deadLetters) && deadLetters.Type === 'SQS') found.push(`${at}/DeadLetterConfig`);
      // An SNS event with `SqsSubscription: true` subscribes a queue SAM creates (SAM's generated-resources docs;
      // its translator's sns_sqs test); a subscription object names an existing queue instead.
      const subscription = isJsonObject(settings) && isJsonObject(event) && own(event, 'Type') === 'SNS' ? own(settings, 'SqsSubscription') : undefined;
      if (subscription === true || subscription === 'true') found.push(`${at}/SqsSubscription`);
    }
  }
  return found;
}

/**
 * True when a destination may be absent: not given, or an `Fn::If` with `AWS::NoValue` on one side, for which SAM
 * generates the queue under the opposite condition (its translator's function_with_event_dest_conditional test).
 */
function absentSometimes(destination: unknown): boolean {
  if (destination === undefined) return true;
  const branches = isJsonObject(destination) ? own(destination, 'Fn::If') : undefined;
  return Array.isArray(branches) && branches.slice(1).some((branch) => isJsonObject(branch) && own(branch, 'Ref') === 'AWS::NoValue');
}

const DESTINATIONS = 'EventInvokeConfig/DestinationConfig';

/** A function's (or Globals.Function's) `EventInvokeConfig.DestinationConfig`, when it is a mapping. */
function destinationsOf(settings: Record<string, unknown>): Record<string, unknown> | undefined {
  const invokeConfig = own(settings, 'EventInvokeConfig');
  const destinations = isJsonObject(invokeConfig) ? own(invokeConfig, 'DestinationConfig') : undefined;
  return isJsonObject(destinations) ? destinations : undefined;
}

/**
 * The CloudFormation types SAM may generate from each `AWS::Serverless::*` type, per SAM's "Generated CloudFormation
 * resources" pages (sam-specification-generated-resources-*.html), which depend on properties and events. A hook of
 * the account targeting one of them is called by the service for the generated resource, which the simulator, not
 * running SAM, never sees: the run says so by name (`samGeneratedTypesFor`). `AWS::SQS::Queue` is left out: which
 * settings generate one is known exactly (`samGeneratedQueues`), and every function would otherwise warn of it.
 */
const SAM_MAY_GENERATE: Readonly<Record<string, readonly string[]>> = {
  'AWS::Serverless::Function': [
    'AWS::Lambda::Function',
    'AWS::IAM::Role',
    'AWS::Lambda::Version',
    'AWS::Lambda::Alias',
    'AWS::Lambda::Permission',
    'AWS::Lambda::EventSourceMapping',
    'AWS::Lambda::EventInvokeConfig',
    'AWS::Lambda::Url',
    'AWS::CodeDeploy::Application',
    'AWS::CodeDeploy::DeploymentGroup',
    'AWS::ApiGateway::RestApi',
    'AWS::ApiGateway::Deployment',
    'AWS::ApiGateway::Stage',
    'AWS::ApiGatewayV2::Api',
    'AWS::ApiGatewayV2::Stage',
    'AWS::Events::Rule',
    'AWS::Scheduler::Schedule',
    'AWS::SNS::Subscription',
    'AWS::SNS::Topic',
    'AWS::SQS::QueuePolicy',
    'AWS::IoT::TopicRule',
    'AWS::Logs::SubscriptionFilter',
  ],
  'AWS::Serverless::Api': [
    'AWS::ApiGateway::RestApi',
    'AWS::ApiGateway::Deployment',
    'AWS::ApiGateway::Stage',
    'AWS::ApiGateway::DomainName',
    'AWS::ApiGateway::BasePathMapping',
    'AWS::ApiGateway::UsagePlan',
    'AWS::ApiGateway::UsagePlanKey',
    'AWS::ApiGateway::ApiKey',
    'AWS::Route53::RecordSetGroup',
    'AWS::Lambda::Permission',
  ],
  'AWS::Serverless::HttpApi': ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::DomainName', 'AWS::ApiGatewayV2::ApiMapping', 'AWS::Route53::RecordSetGroup', 'AWS::Lambda::Permission'],
  'AWS::Serverless::SimpleTable': ['AWS::DynamoDB::Table'],
  'AWS::Serverless::LayerVersion': ['AWS::Lambda::LayerVersion'],
  'AWS::Serverless::StateMachine': [
    'AWS::StepFunctions::StateMachine',
    'AWS::StepFunctions::StateMachineVersion',
    'AWS::StepFunctions::StateMachineAlias',
    'AWS::IAM::Role',
    'AWS::Events::Rule',
    'AWS::Scheduler::Schedule',
    'AWS::ApiGateway::RestApi',
    'AWS::ApiGateway::Deployment',
    'AWS::ApiGateway::Stage',
  ],
  'AWS::Serverless::Application': ['AWS::CloudFormation::Stack'],
  'AWS::Serverless::Connector': ['AWS::IAM::ManagedPolicy', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::Lambda::Permission'],
  'AWS::Serverless::GraphQLApi': [
    'AWS::AppSync::GraphQLApi',
    'AWS::AppSync::GraphQLSchema',
    'AWS::AppSync::DataSource',
    'AWS::AppSync::FunctionConfiguration',
    'AWS::AppSync::Resolver',
    'AWS::AppSync::ApiKey',
    'AWS::AppSync::DomainName',
    'AWS::AppSync::DomainNameApiAssociation',
    'AWS::IAM::Role',
  ],
};

/** The types SAM may generate from a SAM resource type (none for any other type). */
export function samGeneratedTypesFor(samType: string): readonly string[] {
  return Object.hasOwn(SAM_MAY_GENERATE, samType) ? (SAM_MAY_GENERATE[samType] ?? []) : [];
}

/** A resource as an update's plan compares it: its type and the properties that decide a replacement. */
export interface ComparedResource {
  readonly type: string;
  readonly properties: JsonObject;
}

/**
 * A resource as the SAM transform leaves it under its own logical id, for an update that moves a resource between a
 * SAM type and the type SAM generates in its place (`AWS::Serverless::SimpleTable` ↔ `AWS::DynamoDB::Table`): the
 * service compares the processed templates, where the logical id keeps its type, so the move is an update of the
 * generated type. A SAM resource becomes the generated type with the generated resource's create-only properties as
 * SAM sets them (from SAM_CREATE_ONLY's mapping below, SAM's defaults filled in), other types stay as
 * they are; undefined for a SAM type whose generated resource takes another logical id (a LayerVersion's is hashed)
 * or that generates none under it. [choice] An `AWS::Serverless::Application` ↔ `AWS::CloudFormation::Stack` move is
 * not among them: its nested stack is planned by its own type, and it stays refused.
 */
export function asTransformed(type: string, properties: JsonObject): ComparedResource | undefined {
  if (!isSamType(type)) return { type, properties: withDefaults(type, properties) };
  const generated = SAM_SAME_LOGICAL_ID[type];
  return generated === undefined ? undefined : { type: generated.type, properties: withDefaults(generated.type, generated.properties(properties)) };
}

/** Properties the generated types default when absent (the same value either side of a move). */
const DEFAULTS: Readonly<Record<string, JsonObject>> = {
  'AWS::Lambda::Function': { PackageType: 'Zip' },
  'AWS::StepFunctions::StateMachine': { StateMachineType: 'STANDARD' },
};

function withDefaults(type: string, properties: JsonObject): JsonObject {
  const defaults = DEFAULTS[type];
  return defaults ? { ...defaults, ...properties } : properties;
}

/** Picks the given SAM properties, renamed to the generated type's names. */
function renamed(names: Readonly<Record<string, string>>): (properties: JsonObject) => JsonObject {
  return (properties) => {
    const out: Record<string, JsonValue> = {};
    for (const [sam, native] of Object.entries(names)) {
      const value = own(properties, sam);
      if (value !== undefined) out[native] = value as JsonValue;
    }
    return out;
  };
}

/**
 * The SAM types whose generated resource keeps the SAM resource's logical id (SAM's "Generated CloudFormation
 * resources" pages: `<function-LogicalId>`, `<simpletable-LogicalId>`, …), with its create-only properties as SAM sets
 * them. A SimpleTable's key schema is its `PrimaryKey` (default `id`, a String) as the table's one HASH key.
 */
const SAM_SAME_LOGICAL_ID: Readonly<Record<string, { type: string; properties: (sam: JsonObject) => JsonObject }>> = {
  'AWS::Serverless::Function': { type: 'AWS::Lambda::Function', properties: renamed({ FunctionName: 'FunctionName', PackageType: 'PackageType' }) },
  'AWS::Serverless::SimpleTable': {
    type: 'AWS::DynamoDB::Table',
    properties: (sam) => {
      const key = own(sam, 'PrimaryKey');
      const name = isJsonObject(key) && own(key, 'Name') !== undefined ? (own(key, 'Name') as JsonValue) : 'id';
      return { ...renamed({ TableName: 'TableName' })(sam), KeySchema: [{ AttributeName: name, KeyType: 'HASH' }] };
    },
  },
  'AWS::Serverless::StateMachine': { type: 'AWS::StepFunctions::StateMachine', properties: renamed({ Name: 'StateMachineName', Type: 'StateMachineType' }) },
  'AWS::Serverless::Api': { type: 'AWS::ApiGateway::RestApi', properties: () => ({}) },
  'AWS::Serverless::HttpApi': { type: 'AWS::ApiGatewayV2::Api', properties: () => ({ ProtocolType: 'HTTP' }) },
  'AWS::Serverless::GraphQLApi': { type: 'AWS::AppSync::GraphQLApi', properties: () => ({}) },
};

/**
 * The SAM properties a change of which changes a create-only property of the resource SAM generates under the SAM
 * resource's own logical id (SAM's "Generated CloudFormation resources" pages; the generated types' create-only
 * properties from the catalogue), so the service replaces it. The catalogue marks nearly every SAM property
 * create-only, but the service compares the processed templates: a `Timeout` change of a function is an in-place
 * update of its `AWS::Lambda::Function`. [choice] A SAM type not listed here (Api, HttpApi, Application, Connector,
 * GraphQLApi) is updated in place: `AWS::ApiGateway::RestApi`, `AWS::CloudFormation::Stack` and
 * `AWS::AppSync::GraphQLApi` have no create-only property, `AWS::ApiGatewayV2::Api` only `ProtocolType`, which
 * SAM always sets to HTTP; a new `Location` of an Application updates the nested stack.
 */
const SAM_CREATE_ONLY: Readonly<Record<string, readonly string[]>> = {
  // AWS::Lambda::Function: FunctionName, PackageType (and TenancyConfig, which SAM does not take).
  'AWS::Serverless::Function': ['FunctionName', 'PackageType'],
  // AWS::DynamoDB::Table: TableName, and KeySchema, which SAM builds from PrimaryKey.
  'AWS::Serverless::SimpleTable': ['TableName', 'PrimaryKey'],
  // AWS::StepFunctions::StateMachine: StateMachineName (SAM's Name) and StateMachineType (SAM's Type).
  'AWS::Serverless::StateMachine': ['Name', 'Type'],
  // AWS::Lambda::LayerVersion is immutable (every property create-only), and the transform names it after a hash of
  // the SAM resource's properties, RetentionPolicy included (samtranslator's SamLayerVersion.to_cloudformation), so
  // any change is a new layer version and the old one goes (kept under RetentionPolicy: Retain).
  'AWS::Serverless::LayerVersion': ['CompatibleArchitectures', 'CompatibleRuntimes', 'ContentUri', 'Description', 'LayerName', 'LicenseInfo', 'RetentionPolicy'],
};

/** The create-only properties of a SAM type, as SAM_CREATE_ONLY says (none for a SAM type not listed). */
export function samCreateOnlyProperties(samType: string): readonly string[] {
  return Object.hasOwn(SAM_CREATE_ONLY, samType) ? (SAM_CREATE_ONLY[samType] ?? []) : [];
}

/** A resource declaration as the Resources section gives it (after any `Fn::ForEach` expansion). */
export interface DeclaredEntry {
  readonly key: string;
  readonly value: unknown;
  readonly pointer: string;
}

/** What the SAM transform does to the buckets that functions' `S3` events name, and the events it refuses. */
export interface SamBucketEdits {
  /** Each edited bucket's declaration as the transform leaves it, by logical id. */
  readonly buckets: ReadonlyMap<string, JsonObject>;
  /** The buckets each function's `S3` events edit, by the function's logical id. */
  readonly editedBy: ReadonlyMap<string, readonly string[]>;
  /** The events the transform refuses (the whole transform fails): at the event's `Bucket`, with SAM's words. */
  readonly refusals: ReadonlyArray<{ readonly pointer: string; readonly message: string }>;
}

/**
 * SAM's edit of the `AWS::S3::Bucket` an `AWS::Serverless::Function`'s `S3` event names (aws/serverless-application-model,
 * samtranslator/model/eventsources/push.py, class `S3`): the transform emits that bucket again with
 * - `Properties.NotificationConfiguration.LambdaConfigurations` gaining `{Function, Filter?, Event}` per event type
 *   (`Events` a string or a list), one already there not added again; `Function` is the function's `Fn::GetAtt
 *   [Fn, Arn]`, or with `AutoPublishAlias` its alias's `Ref` (`<Fn>Alias<name>`, `-` → `D`, `_` → `U`), which SAM
 *   connects events to; under a function's `Condition` each mapping is `Fn::If [Condition, mapping, AWS::NoValue]`;
 * - a dependency on the event's generated `AWS::Lambda::Permission` (`<Fn><Event>Permission`): `DependsOn`, or with a
 *   `Condition` on the function a tag `sam:ConditionalDependsOn:<permission>` whose value is `Fn::If [Condition, Ref
 *   <permission>, "no dependency"]` (written before the notification, as SAM does).
 * The simulator does not generate the permission, so the `DependsOn` names the function instead: the permission's
 * `FunctionName` is the function (or its alias, after the function), so the order is the service's. [choice] The
 * conditional tag is written as SAM writes it; its `Ref` is a name SAM generates (a placeholder, warned of), and the
 * order then comes from the mapping's reference to the function (none with an alias: SAM-generated names are not
 * ordered, as elsewhere). [unconfirmed] SAM writes `DependsOn` from a set (its order varies); here the names keep
 * their order and the function comes last.
 * Functions are taken in template order and each one's events sorted by logical id (SAM sorts by `Properties.Path`
 * when an event has one), as the translator iterates them, so mappings from several events keep SAM's order.
 * A `Bucket` that is not a `Ref` to a resource of the template is SAM's refusal ("S3 events must reference an S3 bucket
 * in the same template."). [choice] Shapes SAM refuses otherwise (`Events` not a string or list of strings, a
 * `Properties`, `NotificationConfiguration`, `LambdaConfigurations` or `Tags` of another shape, or written as an
 * intrinsic) and a `Ref` to a resource of another type leave the bucket as written, as before; `AutoPublishAlias` is
 * read as a string or a `Ref` to a parameter with a string value (`parameter`), as SAM resolves it, else the function's
 * `Arn` is used.
 */
export function samS3BucketEdits(entries: readonly DeclaredEntry[], globals: unknown, parameter: (name: string) => unknown): SamBucketEdits {
  const declared = new Map(entries.map((entry) => [entry.key, entry.value]));
  const buckets = new Map<string, JsonObject>();
  const editedBy = new Map<string, string[]>();
  const refusals: Array<{ pointer: string; message: string }> = [];
  for (const entry of entries) {
    const fn = entry.value;
    if (!isJsonObject(fn) || own(fn, 'Type') !== 'AWS::Serverless::Function') continue;
    const properties = own(fn, 'Properties');
    const events = isJsonObject(properties) ? own(properties, 'Events') : undefined;
    if (!isJsonObject(properties) || !isJsonObject(events)) continue;
    // SAM links every event first (SamFunction.resources_to_link, in the events' order) and stops at the first refusal.
    const refusal = firstS3Refusal(entry, events, declared);
    if (refusal) {
      refusals.push(refusal);
      continue;
    }
    const condition = own(fn, 'Condition');
    const functionArn = functionArnOf(entry.key, properties, globals, parameter);
    for (const name of Object.keys(events).sort((a, b) => compareUtf8(eventOrder(a, events[a]), eventOrder(b, events[b])))) {
      const event = events[name];
      const settings = isJsonObject(event) && own(event, 'Type') === 'S3' ? own(event, 'Properties') : undefined;
      const bucket = isJsonObject(settings) ? own(settings, 'Bucket') : undefined;
      const bucketId = isJsonObject(bucket) ? own(bucket, 'Ref') : undefined;
      if (!isJsonObject(settings) || typeof bucketId !== 'string') continue;
      const current = buckets.get(bucketId) ?? declared.get(bucketId);
      if (!isJsonObject(current) || own(current, 'Type') !== 'AWS::S3::Bucket') continue;
      const edited = editedBucket(current as JsonObject, { fn: entry.key, permission: `${entry.key}${name}Permission`, condition, functionArn, settings });
      if (edited === undefined) continue;
      buckets.set(bucketId, edited);
      const list = editedBy.get(entry.key) ?? [];
      if (!list.includes(bucketId)) list.push(bucketId);
      editedBy.set(entry.key, list);
    }
  }
  return { buckets, editedBy, refusals };
}

/** The key SAM sorts a function's events by (SamFunction.order_events): the event's `Properties.Path`, else its name. */
function eventOrder(name: string, event: unknown): string {
  const settings = isJsonObject(event) ? own(event, 'Properties') : undefined;
  const path = isJsonObject(settings) ? own(settings, 'Path') : undefined;
  return typeof path === 'string' ? path : name;
}


/** SAM's refusal of the first `S3` event whose `Bucket` is not a `Ref` to a resource of the template, if any. */
function firstS3Refusal(entry: DeclaredEntry, events: Record<string, unknown>, declared: ReadonlyMap<string, unknown>): { pointer: string; message: string } | undefined {
  for (const name of Object.keys(events)) {
    const event = events[name];
    const settings = isJsonObject(event) && own(event, 'Type') === 'S3' ? own(event, 'Properties') : undefined;
    // [choice] An event without a Bucket is refused by SAM's property validation first; not modelled here.
    const bucket = isJsonObject(settings) ? own(settings, 'Bucket') : undefined;
    if (bucket === undefined) continue;
    const id = isJsonObject(bucket) ? own(bucket, 'Ref') : undefined;
    if (typeof id === 'string' && declared.has(id)) continue;
    const why = isJsonObject(bucket) && own(bucket, 'Ref') !== undefined && typeof id !== 'string' ? "'Ref' value in S3 events is not a valid string." : 'S3 events must reference an S3 bucket in the same template.';
    return {
      pointer: `${entry.pointer}/Properties/Events/${escapePointerToken(name)}/Properties/Bucket`,
      message: `Resource with id [${entry.key}] is invalid. Event with id [${name}] is invalid. ${why}`,
    };
  }
  return undefined;
}

/** What SAM connects a function's events to: its alias with `AutoPublishAlias` (its own, else `Globals.Function`'s). */
function functionArnOf(fn: string, properties: Record<string, unknown>, globals: unknown, parameter: (name: string) => unknown): JsonObject {
  const written = own(properties, 'AutoPublishAlias') ?? (isJsonObject(globals) ? own(globals, 'AutoPublishAlias') : undefined);
  const reference = isJsonObject(written) ? own(written, 'Ref') : undefined;
  const alias = typeof written === 'string' ? written : typeof reference === 'string' ? parameter(reference) : undefined;
  if (typeof alias === 'string' && alias !== '') return { Ref: `${fn}Alias${alias.replace(/-/g, 'D').replace(/_/g, 'U')}` };
  return { 'Fn::GetAtt': [fn, 'Arn'] };
}

/** A mapping that is not an intrinsic function call (SAM would add keys beside the call). */
function isPlainMap(value: unknown): value is Record<string, unknown> {
  return isJsonObject(value) && !Object.keys(value).some((key) => key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'));
}

interface S3Event {
  readonly fn: string;
  readonly permission: string;
  readonly condition: unknown;
  readonly functionArn: JsonObject;
  readonly settings: Record<string, unknown>;
}

/** The bucket as SAM's S3 event source leaves it (see samS3BucketEdits), or undefined for a shape SAM refuses. */
function editedBucket(bucket: JsonObject, event: S3Event): JsonObject | undefined {
  const written = own(event.settings, 'Events');
  const types = typeof written === 'string' ? [written] : Array.isArray(written) && written.every((t) => typeof t === 'string') ? (written as string[]) : undefined;
  if (types === undefined) return undefined;
  const copy = structuredClone(bucket) as Record<string, JsonValue>;
  const properties = own(copy, 'Properties') === undefined ? {} : own(copy, 'Properties');
  if (!isPlainMap(properties)) return undefined;
  if (event.condition !== undefined) {
    // _depend_on_lambda_permissions_using_tag: a conditional DependsOn does not exist, so a Ref under Fn::If in a tag.
    const tags = own(properties, 'Tags') ?? [];
    if (!Array.isArray(tags)) return undefined;
    properties.Tags = [...tags, { Key: `sam:ConditionalDependsOn:${event.permission}`, Value: { 'Fn::If': [event.condition, { Ref: event.permission }, 'no dependency'] } }];
  } else {
    // _depend_on_lambda_permissions: on the permission, which is not simulated; its function stands for it.
    const dependsOn = own(copy, 'DependsOn');
    const names = dependsOn === undefined ? [] : typeof dependsOn === 'string' ? [dependsOn] : dependsOn;
    if (!Array.isArray(names)) return undefined;
    copy.DependsOn = names.includes(event.fn) ? names : [...names, event.fn];
  }
  copy.Properties = properties as JsonObject;
  // _inject_notification_configuration
  const notification = own(properties, 'NotificationConfiguration') ?? {};
  if (!isPlainMap(notification)) return undefined;
  properties.NotificationConfiguration = notification as JsonObject;
  const configurations = own(notification, 'LambdaConfigurations') ?? [];
  if (!Array.isArray(configurations)) return undefined;
  notification.LambdaConfigurations = configurations;
  const filter = own(event.settings, 'Filter');
  for (const type of types) {
    const mapping: JsonObject = { Function: event.functionArn, ...(filter === undefined || filter === null ? {} : { Filter: filter as JsonValue }), Event: type };
    const entry: JsonValue = event.condition === undefined ? mapping : { 'Fn::If': [event.condition as JsonValue, mapping, { Ref: 'AWS::NoValue' }] };
    // Python's `==` on JSON data, as SAM compares: equal values, whatever the key order.
    if (!configurations.some((existing) => sameJson(existing as JsonValue, entry))) configurations.push(entry);
  }
  return copy as JsonObject;
}

