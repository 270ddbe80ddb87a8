/**
 * Values a stack reads from its account rather than from the template — an SSM parameter behind an
 * `AWS::SSM::Parameter::Value<…>` parameter or a `{{resolve:ssm:…}}` reference, an export behind
 * `Fn::ImportValue` — when the user gave none. The service would fetch them; the simulator cannot, so by default
 * it uses a deterministic placeholder of the value's shape and warns, naming what it stood in for
 * (`--strict-parameters` refuses instead, as the service does when the value does not exist).
 */
import { deterministicHex, type StackEnvironment } from './stack-environment';

/** Ids of the AWS-specific parameter types, as EC2 and Route 53 shape them. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  'AWS::EC2::Image::Id': 'ami-',
  'AWS::EC2::Instance::Id': 'i-',
  'AWS::EC2::SecurityGroup::Id': 'sg-',
  'AWS::EC2::Subnet::Id': 'subnet-',
  'AWS::EC2::Volume::Id': 'vol-',
  'AWS::EC2::VPC::Id': 'vpc-',
};

/**
 * A placeholder for one value of an AWS-specific or plain type (`String`, `AWS::EC2::Image::Id`, …), derived
 * from `seed` (the SSM parameter's name) so the same template always gets the same value.
 */
export function placeholderOfType(type: string, seed: string, env: StackEnvironment): string {
  const prefix = ID_PREFIXES[type];
  if (prefix !== undefined) return `${prefix}${deterministicHex(seed, 17)}`;
  switch (type) {
    case 'AWS::EC2::AvailabilityZone::Name':
      return `${env.region}a`;
    case 'AWS::EC2::KeyPair::KeyName':
      return `placeholder-key-${deterministicHex(seed, 8)}`;
    case 'AWS::EC2::SecurityGroup::GroupName':
      return `placeholder-sg-${deterministicHex(seed, 8)}`;
    case 'AWS::Route53::HostedZone::Id':
      return `Z${deterministicHex(seed, 20).toUpperCase()}`;
    default:
      return /(^|[/_-])ami([/_-]|$)|image/i.test(seed) ? `ami-${deterministicHex(seed, 17)}` : shapedByName(seed, `placeholder-${deterministicHex(seed, 12)}`, env);
  }
}

/**
 * A placeholder shaped by what its name says it holds, since templates split such values as they split their own
 * (CDK's `Role.fromRoleArn` of an SSM parameter or an import takes the role's name as item 1 of item 5 of the ARN):
 * a name ending in `Arn`, `ARN` or a separate `arn` (`role-arn`; not `learn`), before an optional 8-character CDK hash,
 * gets an ARN whose resource part is `placeholder/<plain>`; one ending in `Url` likewise an https URL; any other, `plain`.
 */
function shapedByName(name: string, plain: string, env: StackEnvironment): string {
  const bare = name.replace(/[0-9A-F]{8}$/, '');
  // An address block (`<vpc stack>-CidrBlock`, `-CidrBlockIPv6`), as `Fn::Cidr` takes one.
  if (/cidr(block)?(ipv6)?$/i.test(bare)) return placeholderCidrBlock(/ipv6/i.test(bare) ? 'ipv6' : 'ipv4', plain);
  if (/(Arn|ARN|(^|[^A-Za-z])arn)$/.test(bare)) return `arn:${env.partition}:placeholder:${env.region}:${env.accountId}:placeholder/${plain}`;
  if (/(Url|URL|(^|[^A-Za-z])url)$/.test(bare)) return `https://${plain}.${env.region}.${env.urlSuffix}/`;
  return plain;
}

/** Three placeholders for a list type (three, so that `Fn::Select` of the first few items finds them). */
export function placeholderList(itemType: string, seed: string, env: StackEnvironment): string[] {
  if (itemType === 'AWS::EC2::AvailabilityZone::Name') return ['a', 'b', 'c'].map((zone) => `${env.region}${zone}`);
  return [0, 1, 2].map((i) => placeholderOfType(itemType, `${seed}\0${i}`, env));
}

/**
 * Where the outputs of a stack already deployed are found (`ResolveOptions.stackOutputs`): a stack name is unique only
 * in its account and region, and `Fn::GetStackOutput` names all three.
 */
export function stackOutputsKey(accountId: string, region: string, stackName: string): string {
  return `${accountId}/${region}/${stackName}`;
}

/** A placeholder for another stack's output (`Fn::GetStackOutput`), read from that stack at deploy time. */
export function placeholderStackOutput(stackName: string, outputName: string): string {
  return `placeholder-output-${deterministicHex(`${stackName}\0${outputName}`, 12)}`;
}

/**
 * A placeholder for the value of an export nobody described (`Fn::ImportValue`), shaped by what the export's name
 * says it holds (`shapedByName`; CDK's generated `…ExportsOutputFnGetAtt<Id>Arn<HASH>` too).
 */
export function placeholderExport(name: string, env: StackEnvironment): string {
  return shapedByName(name, `placeholder-export-${deterministicHex(name, 12)}`, env);
}

/**
 * A placeholder address block, large enough for the subnets templates cut from one (`Fn::Cidr`): an IPv4 /16 in
 * 10.0.0.0/8, or an IPv6 /48 (room for 65,536 /64 subnets).
 */
export function placeholderCidrBlock(family: 'ipv4' | 'ipv6', seed: string): string {
  const hex = deterministicHex(seed, 4);
  return family === 'ipv6' ? `2600:1f18:${hex}::/48` : `10.${parseInt(hex.slice(0, 2), 16)}.0.0/16`;
}

/** A placeholder for a part a made-up value lacks (`Fn::Select` beyond its parts), derived from what it stands for. */
export function placeholderPart(what: string, position: number): string {
  return `placeholder-part-${deterministicHex(`${what}\0${position}`, 12)}`;
}
