/**
 * The SAM transform's resource types (`AWS::Serverless::*`). The catalogue lists them, since templates declare them,
 * but the transform replaces each with CloudFormation resources before the stack operation starts: no hook is ever
 * invoked for a resource of a SAM type, only for what SAM generates in its place.
 */

/** Whether `type` is one of the SAM transform's types. */
export function isSamType(type: string): boolean {
  return type.startsWith('AWS::Serverless::');
}

/**
 * The resource the SAM transform generates under a SAM resource's own logical id, whose `Ref` and attributes the SAM
 * resource's are once transformed: `!GetAtt Function.Arn` is a Lambda function's ARN, `!Ref Api` a REST API's id.
 */
const SAM_GENERATED_TYPES: ReadonlyMap<string, string> = new Map([
  ['AWS::Serverless::Function', 'AWS::Lambda::Function'],
  ['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi'],
  ['AWS::Serverless::HttpApi', 'AWS::ApiGatewayV2::Api'],
  ['AWS::Serverless::SimpleTable', 'AWS::DynamoDB::Table'],
  ['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion'],
  ['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine'],
  ['AWS::Serverless::GraphQLApi', 'AWS::AppSync::GraphQLApi'],
]);

/** The type of the resource SAM generates under a SAM resource's logical id; undefined for any other type. */
export function samGeneratedType(type: string): string | undefined {
  return SAM_GENERATED_TYPES.get(type);
}
