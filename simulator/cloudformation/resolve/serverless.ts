/**
 * What the simulator can say about `AWS::Serverless::*` resources without running SAM. SAM's expansion of them
 * creates functions, roles, APIs and permissions, none of which the hook targets, with three exceptions that create
 * an `AWS::SQS::Queue`: an `EventInvokeConfig` destination of `Type: SQS` without a `Destination`, an event's
 * `DeadLetterConfig` of `Type: SQS`, and an SNS event's `SqsSubscription: true`. Those are found here so the user is
 * told the hook would see a queue the simulator does not.
 */
import { escapePointerToken } from '../../../src/kernel/diagnostics';
import { own } from './values';
import { isJsonObject } from '../../../src/kernel/protocol';

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
